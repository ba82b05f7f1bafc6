//! The `cls` binary: the only place that prints, chooses exit codes and uses anyhow.

// The CLI is the one crate that prints and chooses exit codes (see ARCHITECTURE.md).
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use anyhow::{Context, Result};

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod inspect;
mod summary;

const EXEMPLES: &str = "Exemples :
  cls ingest contrat.pdf --format text        résumé lisible d'un contrat
  cls ingest contrat.pdf --pretty -o doc.json document cls/1 dans un fichier
  curl -s URL | cls ingest - --format text    une page web lue sur l'entrée standard
  cls batch fixtures/ --out corpus            un corpus à partir d'un dossier
  cls compare corpus --out corpus/rapport     tableaux CSV et rapport HTML
  cls completions bash > /etc/bash_completion.d/cls
  cls man > cls.1";

#[derive(Parser)]
#[command(
    name = "cls",
    version,
    about = "Lit les Contrats Locaux de Santé (PDF, pages web) et construit un corpus comparable (cls/1).",
    after_help = EXEMPLES,
    disable_help_subcommand = true,
    disable_help_flag = true,
    disable_version_flag = true,
    subcommand_help_heading = "Commandes",
    subcommand_value_name = "COMMANDE",
    help_template = AIDE
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Affiche l'aide.
    #[arg(short = 'h', long = "help", action = clap::ArgAction::Help, global = true)]
    aide: Option<bool>,
    /// Affiche la version.
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,
}

/// clap's help layout with a French heading for the usage line.
const AIDE: &str = "{before-help}{about-with-newline}
Utilisation : {usage}

{all-args}{after-help}";

/// clap writes its parse errors in English: the phrases it uses, in French.
const CLAP_FR: &[(&str, &str)] = &[
    ("error: ", "erreur : "),
    ("invalid value", "valeur invalide"),
    (" for '", " pour '"),
    ("[possible values: ", "[valeurs possibles : "),
    (
        "the following required arguments were not provided:",
        "arguments obligatoires manquants :",
    ),
    ("unexpected argument", "argument inattendu"),
    ("unrecognized subcommand", "commande inconnue"),
    ("found", "trouvé"),
    ("a value is required for", "une valeur est attendue pour"),
    ("but none was supplied", "mais aucune n'est donnée"),
    ("tip: ", "astuce : "),
    ("a similar argument exists:", "un argument proche existe :"),
    (
        "a similar subcommand exists:",
        "une commande proche existe :",
    ),
    ("to pass", "pour passer"),
    ("as a value, use", "comme valeur, écrire"),
    ("Usage: ", "Utilisation : "),
    ("For more information, try", "Pour en savoir plus :"),
    // Help pages.
    ("Possible values:", "Valeurs possibles :"),
    ("[default: ", "[par défaut : "),
    ("Commandes:", "Commandes :"),
    ("Options:", "Options :"),
    ("Arguments:", "Arguments :"),
];

/// Parses the command line; errors are printed in French.
fn parse() -> Cli {
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let mut msg = e.render().to_string();
            for (en, fr) in CLAP_FR {
                msg = msg.replace(en, fr);
            }
            if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
                print!("{msg}");
                std::process::exit(0);
            }
            eprint!("{msg}");
            std::process::exit(2);
        }
    }
}

/// Output of `cls ingest`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum IngestFormat {
    /// Le document cls/1 en JSON (pour les programmes).
    Json,
    /// Un résumé d'un écran (territoire, période, signataires, axes, actions, alertes).
    Text,
}

/// Output of `cls orgs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum OrgsFormat {
    /// Le format d'organisations.json.
    Json,
    /// Le format d'organisations.csv (UTF-8, virgules).
    Csv,
    /// Un tableau à lire.
    Text,
}

#[derive(Subcommand)]
#[command(help_template = AIDE, disable_help_flag = true)]
enum Command {
    /// Lit un PDF ou une page HTML et écrit son document cls/1 (JSON) ou un résumé.
    #[command(after_help = "Exemples :
  cls ingest contrat.pdf --format text
  cls ingest contrat.pdf --pretty -o contrat.json
  cls ingest - --format text < page.html

Code de sortie : 0 si le fichier est lu (même partiellement), 1 s'il ne peut pas l'être.
Avec --format json, les alertes d'un document lu partiellement sont écrites sur la sortie
d'erreur, une par ligne.")]
    Ingest {
        /// Le fichier à lire (PDF ou HTML, reconnu par son contenu) ; « - » pour l'entrée
        /// standard.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = IngestFormat::Json, value_name = "FORMAT")]
        format: IngestFormat,
        /// Indente le JSON pour le lire (sans effet avec --format text).
        #[arg(long)]
        pretty: bool,
        /// Écrit dans ce fichier au lieu de la sortie standard.
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
    },
    /// Lit de nombreux fichiers (ou des arborescences) dans un dossier de corpus.
    #[command(after_help = "Exemples :
  cls batch fixtures/ --out corpus
  cls batch a.pdf b.html --out corpus --jobs 2 --timeout 120
  cls batch contrats/ --out corpus-0 --shard 0/4

Code de sortie : 0 si tout est lu, 2 si des fichiers ont échoué (listés dans
manifest.json), 1 si le corpus ne peut pas être écrit.")]
    Batch {
        /// Fichiers et dossiers à lire (les dossiers sont parcourus récursivement).
        #[arg(required = true, value_name = "ENTRÉES")]
        inputs: Vec<PathBuf>,
        /// Le dossier du corpus à écrire (verrouillé pendant la lecture : une seconde
        /// exécution dans le même dossier est refusée).
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Processus de lecture en parallèle (par défaut : SLURM_CPUS_PER_TASK, sinon les
        /// cœurs permis par l'affinité CPU).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Secondes après lesquelles un fichier encore en lecture est arrêté et noté en échec.
        #[arg(long, default_value_t = 60, value_name = "SECONDES")]
        timeout: u64,
        /// Relit tous les fichiers, même ceux déjà lus par cette version.
        #[arg(long)]
        force: bool,
        /// Ne lit que la part stable INDEX/NOMBRE des fichiers (aussi depuis Slurm :
        /// SLURM_ARRAY_TASK_ID/_MIN/_STEP/_COUNT, ou JOB_COMPLETION_INDEX de Kubernetes
        /// avec CLS_SHARDS).
        #[arg(long, value_name = "INDEX/NOMBRE")]
        shard: Option<String>,
        /// Identifiant d'exécution partagé par les shards d'un même lancement (défaut :
        /// CLS_RUN_ID, sinon SLURM_ARRAY_JOB_ID, sinon une empreinte de l'outil et des racines).
        #[arg(long, value_name = "ID")]
        execution: Option<String>,
        /// Mémoire maximale de chaque processus de lecture, en Mio (0 : sans limite) : un
        /// fichier qui la dépasse échoue seul.
        #[arg(long, value_name = "MIO", default_value_t = cls_corpus::batch::DEFAULT_MEMOIRE_MAX_MO)]
        memoire_max: u64,
        /// Ni barre de progression ni bilan.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Fusionne les dossiers de corpus des parts (--shard) d'une exécution en un seul
    /// (refusé quand une part manque, est donnée deux fois ou vient d'une autre
    /// exécution, sauf avec --allow-partial).
    #[command(after_help = "Exemple :
  cls merge corpus-0 corpus-1 corpus-2 corpus-3 --out corpus")]
    Merge {
        /// Les dossiers de corpus des parts.
        #[arg(required = true, value_name = "PARTS")]
        shards: Vec<PathBuf>,
        /// Le dossier du corpus fusionné.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
        /// Fusionner quand même des shards incomplets ou d'exécutions différentes.
        #[arg(long)]
        allow_partial: bool,
    },
    /// Tableaux de comparaison (CSV) et rapport HTML d'un corpus (une page par territoire).
    #[command(after_help = "Exemple :
  cls compare corpus --out corpus/rapport && xdg-open corpus/rapport/index.html

La date du rapport est celle du jour, ou celle de SOURCE_DATE_EPOCH si la variable est
définie (rapports reproductibles).")]
    Compare {
        /// Le dossier du corpus (écrit par cls batch).
        #[arg(value_name = "CORPUS")]
        corpus: PathBuf,
        /// Le dossier où écrire le rapport et ses tableaux.
        #[arg(long, value_name = "DOSSIER")]
        out: PathBuf,
    },
    /// Montre quels mots ont décidé des thèmes d'une action.
    #[command(after_help = "Exemples :
  cls explain-themes contrat.pdf 4
  cls explain-themes corpus/documents/mon-contrat.json 2.3")]
    ExplainThemes {
        /// Un PDF, une page web, ou un document JSON d'un corpus.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Le numéro de l'action tel qu'imprimé (« 4 », « 2.3 »).
        numero: String,
    },
    /// Mode lecteur de `batch` : lit un fichier et écrit son résultat en JSON, ou, avec
    /// --serve, répond aux requêtes encadrées reçues sur l'entrée standard
    /// (voir cls_corpus::protocol).
    #[command(hide = true)]
    Worker {
        /// Le fichier à lire.
        file: Option<PathBuf>,
        /// Lit les chemins sur l'entrée standard.
        #[arg(long)]
        serve: bool,
        /// Address-space limit of this process in MiB (0: none).
        #[arg(long, default_value_t = 0)]
        memoire_max: u64,
    },
    /// Écrit le registre des organisations de fichiers (PDF, pages) ou d'un corpus.
    #[command(after_help = "Exemples :
  cls orgs corpus --format text
  cls orgs contrat.pdf page.html > organisations.json")]
    Orgs {
        /// Fichiers à lire, ou dossiers de corpus (leur documents/).
        #[arg(required = true, value_name = "ENTRÉES")]
        inputs: Vec<PathBuf>,
        /// Format de sortie.
        #[arg(long, value_enum, default_value_t = OrgsFormat::Json)]
        format: OrgsFormat,
    },
    /// Écrit le script de complétion de cls pour un shell.
    #[command(after_help = "Exemples :
  cls completions bash > ~/.local/share/bash-completion/completions/cls
  cls completions zsh > ~/.zfunc/_cls
  cls completions fish > ~/.config/fish/completions/cls.fish")]
    Completions {
        /// Le shell visé.
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Écrit la page de manuel de cls (format roff) sur la sortie standard.
    #[command(after_help = "Exemple :
  cls man > ~/.local/share/man/man1/cls.1 && man cls")]
    Man,
    /// Montre page par page ce que le lecteur a vu dans un PDF (mots, colonnes, tableaux,
    /// blocs dans l'ordre de lecture, libellés reconnus) dans une page HTML autonome.
    #[command(after_help = "Exemple :
  cls inspect contrat.pdf --html vue.html")]
    Inspect {
        /// Le PDF.
        file: PathBuf,
        /// La page HTML à écrire.
        #[arg(long, value_name = "FICHIER")]
        html: PathBuf,
    },
    /// Débogage : écrit les blocs de mise en page d'un PDF (lignes et lignes de tableau).
    #[command(hide = true)]
    Blocks {
        /// Le PDF.
        file: PathBuf,
    },
    /// Débogage : écrit les glyphes et les filets d'une page d'un PDF.
    #[command(hide = true)]
    Glyphs {
        /// Le PDF.
        file: PathBuf,
        /// Le numéro de la page.
        page: u32,
    },
}

fn main() -> ExitCode {
    // pdf-extract panics on purpose on PDFs it does not understand; those panics are
    // caught and reported as one-line reasons, so the default hook's backtrace noise is
    // kept for debugging only.
    if std::env::var_os("CLS_DEBUG").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let cli = parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let msg = format!("{e:#}").replace('\n', " ");
            eprintln!("cls : {msg}");
            ExitCode::from(1)
        }
    }
}

/// The end-of-batch summary on stderr; returns the number of failed files.
fn summary(
    what: &str,
    r: &cls_corpus::batch::Report,
    took: std::time::Duration,
    jobs: Option<usize>,
    quiet: bool,
) -> usize {
    use cls_model::EtatLecture;
    let m = &r.manifest;
    let count = |s: EtatLecture| m.documents.iter().filter(|d| d.statut == s).count();
    let (ok, partiel, echec) = (
        count(EtatLecture::Ok),
        count(EtatLecture::Partiel),
        count(EtatLecture::Echec),
    );
    for w in &r.warnings {
        eprintln!("cls {what}: attention : {w}");
    }
    if !quiet {
        let jobs = jobs
            .map(|j| format!(", {j} processus de lecture"))
            .unwrap_or_default();
        eprintln!(
            "cls {what}: {} fichier(s) en {:.1} s{jobs} — ok {ok}, partiel {partiel}, echec {echec}, ignorés {}",
            m.documents.len(),
            took.as_secs_f64(),
            m.ignores.len()
        );
        for d in m
            .documents
            .iter()
            .filter(|d| d.statut == EtatLecture::Echec)
        {
            eprintln!(
                "  echec  {}: {}",
                d.fichier,
                d.raison.as_deref().unwrap_or("")
            );
        }
        for i in &m.ignores {
            eprintln!("  ignoré {}: {}", i.fichier, i.raison);
        }
        let mut slow: Vec<&cls_model::ManifestEntry> = m.documents.iter().collect();
        slow.sort_by_key(|e| std::cmp::Reverse(e.duree_ms));
        let slow: Vec<String> = slow
            .iter()
            .take(3)
            .filter(|d| d.duree_ms > 0)
            .map(|d| format!("{} ({} ms)", d.fichier, d.duree_ms))
            .collect();
        if !slow.is_empty() {
            eprintln!("  plus lents : {}", slow.join(", "));
        }
    }
    echec
}

mod progress {
    //! The progress bar of `cls batch`: files done / total, rate, ETA, failures so far;
    //! silent when stderr is not a terminal or with `-q`.
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicUsize, Ordering};

    pub struct Bar {
        bar: Option<ProgressBar>,
        failed: AtomicUsize,
    }

    impl Bar {
        pub fn new(quiet: bool) -> Bar {
            let show = !quiet && std::io::stderr().is_terminal();
            let bar = show.then(|| {
                let b = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
                if let Ok(style) = ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} fichiers  {per_sec}  reste {eta}  {msg}",
                ) {
                    b.set_style(style);
                }
                b
            });
            Bar {
                bar,
                failed: AtomicUsize::new(0),
            }
        }
        pub fn finish(&self) {
            if let Some(b) = &self.bar {
                b.finish_and_clear();
            }
        }
    }

    impl cls_corpus::batch::Progress for Bar {
        fn start(&self, total: usize) {
            if let Some(b) = &self.bar {
                b.set_length(total as u64);
            }
        }
        fn done(&self, _fichier: &str, failed: bool) {
            if failed {
                self.failed.fetch_add(1, Ordering::Relaxed);
            }
            if let Some(b) = &self.bar {
                b.inc(1);
                let f = self.failed.load(Ordering::Relaxed);
                if f > 0 {
                    b.set_message(format!("{f} échec(s)"));
                }
            }
        }
    }
}

/// Documents of the given inputs: a corpus directory (its documents/), or files to ingest.
fn load_documents(inputs: &[PathBuf]) -> Result<Vec<cls_model::Document>> {
    let mut docs = Vec::new();
    for i in inputs {
        let dir = i.join("documents");
        if dir.is_dir() {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p)
                    .with_context(|| format!("lecture impossible de {}", p.display()))?;
                docs.push(
                    serde_json::from_str(&text)
                        .with_context(|| format!("{} n'est pas un document cls/1", p.display()))?,
                );
            }
        } else {
            let d = std::panic::catch_unwind(|| cls_corpus::ingest_path(i))
                .map_err(|_| {
                    anyhow::anyhow!(
                        "{} : erreur interne pendant la lecture du fichier",
                        i.display()
                    )
                })?
                .with_context(|| i.display().to_string())?;
            docs.push(d);
        }
    }
    Ok(docs)
}

/// Test-only hooks of the worker, each given a part of a file name by an environment
/// variable: hang (`CLS_TEST_HANG_ON`, for timeouts), wait 1.5 s before reading
/// (`CLS_TEST_SLOW_ON`, to change or remove a file while it is being read), die
/// (`CLS_TEST_DIE_ON`, a killed worker) or allocate without end (`CLS_TEST_BOMB_ON`, the
/// memory limit). Unset in normal use.
fn test_hooks(file: &std::path::Path) {
    let on = |var: &str| {
        std::env::var(var)
            .ok()
            .is_some_and(|pat| !pat.is_empty() && file.to_string_lossy().contains(&pat))
    };
    if on("CLS_TEST_HANG_ON") {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
    if on("CLS_TEST_SLOW_ON") {
        std::thread::sleep(std::time::Duration::from_millis(1500));
    }
    if on("CLS_TEST_DIE_ON") {
        std::process::abort();
    }
    if on("CLS_TEST_BOMB_ON") {
        // Grows by touched blocks until the allocator is refused: under --memoire-max the
        // process aborts like a real decompression bomb would make it.
        let mut blocks: Vec<Vec<u8>> = Vec::new();
        loop {
            blocks.push(vec![1u8; 64 << 20]);
            if blocks.len() > 1 << 12 {
                break;
            }
        }
        eprintln!("{}", blocks.len());
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest {
            file,
            format,
            pretty,
            output,
        } => ingest(&file, format, pretty, output.as_deref()),
        Command::Batch {
            inputs,
            out,
            jobs,
            timeout,
            force,
            shard,
            execution,
            memoire_max,
            quiet,
        } => {
            let jobs = jobs.unwrap_or_else(cls_corpus::batch::default_jobs).max(1);
            let shard = match shard {
                Some(s) => Some(cls_corpus::batch::Shard::parse(&s)?),
                None => cls_corpus::batch::Shard::from_env()?,
            };
            let worker = std::env::current_exe().ok();
            let opts = cls_corpus::batch::Options {
                jobs,
                timeout: std::time::Duration::from_secs(timeout.max(1)),
                force,
                shard,
                worker,
                memoire_max_mo: memoire_max,
                execution,
            };
            let start = std::time::Instant::now();
            let bar = progress::Bar::new(quiet);
            let report = cls_corpus::batch::run_batch(&inputs, &out, &opts, &bar)?;
            bar.finish();
            let echec = summary("batch", &report, start.elapsed(), Some(jobs), quiet);
            Ok(if echec > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Merge {
            shards,
            out,
            allow_partial,
        } => {
            let start = std::time::Instant::now();
            let report = cls_corpus::merge::merge(&shards, &out, allow_partial)?;
            let echec = summary("merge", &report, start.elapsed(), None, false);
            Ok(if echec > 0 {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Worker {
            file,
            serve,
            memoire_max,
        } => {
            cls_corpus::worker::limit_memory(memoire_max)
                .context("limite mémoire du lecteur impossible à poser")?;
            if serve {
                cls_corpus::worker::serve(&test_hooks)?;
            } else if let Some(f) = file {
                test_hooks(&f);
                let outcome = cls_corpus::batch::read_one(&f);
                let mut out = std::io::stdout().lock();
                writeln!(out, "{}", serde_json::to_string(&outcome)?)?;
                out.flush()?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Compare { corpus, out } => {
            let mut info = cls_corpus::compare::ReportInfo::now();
            // Reproducible builds' convention: a fixed date when SOURCE_DATE_EPOCH is set.
            if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
            {
                info.date = cls_corpus::compare::civil_date(secs / 86_400);
            }
            cls_corpus::compare::compare(&corpus, &out, &info)?;
            eprintln!(
                "cls compare : rapport écrit dans {}",
                out.join("index.html").display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::ExplainThemes { file, numero } => {
            let doc: cls_model::Document = if file.extension().is_some_and(|x| x == "json") {
                serde_json::from_str(
                    &std::fs::read_to_string(&file)
                        .with_context(|| format!("lecture impossible de {}", file.display()))?,
                )
                .with_context(|| format!("{} n'est pas un document cls/1", file.display()))?
            } else {
                cls_corpus::ingest_path(&file).with_context(|| file.display().to_string())?
            };
            let a = doc
                .actions
                .iter()
                .find(|a| a.numero.as_deref() == Some(numero.as_str()))
                .ok_or_else(|| {
                    anyhow::anyhow!("aucune action numérotée {numero} dans {}", file.display())
                })?;
            let words = cls_normalize::themes::ActionWords::of(&doc.axes, a);
            let (ranked, hits) = cls_normalize::themes::classify(&words.fields());
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "Action {numero} : {}",
                a.titre.as_deref().unwrap_or("(sans titre)")
            )
            .ok();
            writeln!(out, "Thèmes retenus : {}", a.themes.join(", ")).ok();
            for (code, score) in ranked.iter().take(5) {
                writeln!(
                    out,
                    "\n{code} — {} : score {score:.1}",
                    cls_normalize::themes::label(code).unwrap_or("")
                )
                .ok();
                for h in hits.iter().filter(|h| &h.theme == code).take(8) {
                    writeln!(
                        out,
                        "    {:<40} {:<13} +{:.1}",
                        format!("« {} »", h.word),
                        h.field,
                        h.weight
                    )
                    .ok();
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Orgs { inputs, format } => {
            let docs = load_documents(&inputs)?;
            let reg = cls_corpus::registry::build(&docs);
            let mut out = std::io::stdout().lock();
            if format == OrgsFormat::Text {
                writeln!(
                    out,
                    "{:<40} {:<55} {:>4} {:>4} {:>4} {:>4}  variantes",
                    "id", "nom", "por.", "par.", "fin.", "sig."
                )
                .ok();
                for o in &reg {
                    let v: Vec<String> = o
                        .variantes
                        .iter()
                        .map(|v| format!("{} ({})", v.nom, v.occurrences))
                        .collect();
                    writeln!(
                        out,
                        "{:<40} {:<55} {:>4} {:>4} {:>4} {:>4}  {}",
                        o.id,
                        o.nom.chars().take(55).collect::<String>(),
                        o.roles.porteur,
                        o.roles.partenaire,
                        o.roles.financeur,
                        o.roles.signataire,
                        v.join(" | ")
                    )
                    .ok();
                }
            } else if format == OrgsFormat::Csv {
                out.write_all(&cls_corpus::export::organisations_table(&reg).csv())?;
            } else {
                writeln!(out, "{}", serde_json::to_string_pretty(&reg)?).ok();
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "cls", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .context("écriture de la page de manuel impossible")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Glyphs { file, page } => {
            let bytes = std::fs::read(&file)
                .with_context(|| format!("ouverture impossible de {}", file.display()))?;
            let mut out = std::io::stdout().lock();
            for p in cls_extract::debug_raw(&bytes)
                .into_iter()
                .filter(|p| p.number == page)
            {
                for g in &p.glyphs {
                    writeln!(
                        out,
                        "{:.2} {:.2} {:.2} {:.2} r{} {:?}",
                        g.x0, g.x1, g.y, g.size, g.run, g.text
                    )
                    .ok();
                }
                for r in &p.rules {
                    writeln!(out, "RULE {:.1} {:.1} {:.1} {:.1}", r.x0, r.y0, r.x1, r.y1).ok();
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Inspect { file, html } => {
            inspect::run(&file, &html)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Blocks { file } => {
            let bytes = std::fs::read(&file)
                .with_context(|| format!("ouverture impossible de {}", file.display()))?;
            let doc = cls_extract::extract_pdf(&bytes)?;
            let mut out = std::io::stdout().lock();
            for b in &doc.blocks {
                let line = match b {
                    cls_extract::Block::Line(l) => format!(
                        "p{} L {:.0},{:.0} s{:.1}: {}",
                        l.page, l.x0, l.y, l.size, l.text
                    ),
                    cls_extract::Block::Row(r) => format!(
                        "p{:?} R{} | {}",
                        r.pages,
                        if r.ruled { "r" } else { "g" },
                        r.cells
                            .iter()
                            .map(|c| c.text())
                            .collect::<Vec<_>>()
                            .join(" || ")
                    ),
                };
                if writeln!(out, "{line}").is_err() {
                    break;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `cls ingest`: reads one file (or stdin) and writes its document or its summary.
fn ingest(
    file: &std::path::Path,
    format: IngestFormat,
    pretty: bool,
    output: Option<&std::path::Path>,
) -> Result<ExitCode> {
    let stdin = file == std::path::Path::new("-");
    let (name, bytes) = if stdin {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
            .context("lecture de l'entrée standard impossible")?;
        ("entrée standard".to_string(), b)
    } else {
        let b = std::fs::read(file)
            .with_context(|| format!("ouverture impossible de {}", file.display()))?;
        (file.display().to_string(), b)
    };
    let outcome = std::panic::catch_unwind(|| cls_corpus::ingest_bytes(&name, &bytes));
    let doc = match outcome {
        Ok(r) => r.with_context(|| name.clone())?,
        Err(_) => anyhow::bail!("{name} : erreur interne pendant la lecture du fichier"),
    };
    let text = match format {
        IngestFormat::Json => {
            // A partial reading is still a reading: its alerts go to stderr, one per line,
            // so that a script sees them without parsing the JSON.
            for a in &doc.alertes {
                eprintln!("cls ingest : {name} : alerte {}", summary::alert_line(a));
            }
            let mut j = if pretty {
                serde_json::to_string_pretty(&doc)?
            } else {
                serde_json::to_string(&doc)?
            };
            j.push('\n');
            j
        }
        IngestFormat::Text => summary::text(&doc, &name),
    };
    match output {
        Some(p) => std::fs::write(p, text.as_bytes())
            .with_context(|| format!("écriture impossible de {}", p.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            // A write error (a full disk, `> /dev/full`) is a failure: the document was
            // not delivered. A closed pipe (`| head`) fails too, but without a message.
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    return Ok(ExitCode::FAILURE);
                }
                return Err(e).context("écriture du document sur la sortie standard impossible");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
