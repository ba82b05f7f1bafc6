//! The command line of `cls`: its commands and options (clap), help and parse errors in
//! French, and the two commands that describe the command line itself (completions, man).

use crate::clap_fr::whole;
use anyhow::{Context, Result};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXEMPLES: &str = "Exemples :
  cls ingest contrat.pdf --format text        résumé lisible d'un contrat
  cls ingest contrat.pdf --pretty -o doc.json document cls/1 dans un fichier
  curl -s URL | cls ingest - --format text    une page web lue sur l'entrée standard
  cls batch fixtures/ --out corpus            un corpus à partir d'un dossier
  cls compare corpus --out corpus/rapport     tableaux CSV et rapport HTML
  cls completions bash > /etc/bash_completion.d/cls
  cls man --dir ~/.local/share/man/man1       pages de manuel (cls.1, cls-ingest.1…)";

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
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
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

/// The English headings clap writes in help pages, in French (help pages are rendered by
/// clap from the French texts below; only its own headings and notes are English).
const HELP_FR: &[(&str, &str)] = &[
    ("Possible values:", "Valeurs possibles :"),
    ("[possible values: ", "[valeurs possibles : "),
    ("[default: ", "[par défaut : "),
    ("Commandes:", "Commandes :"),
    ("Options:", "Options :"),
    ("Arguments:", "Arguments :"),
    ("Usage: ", "Utilisation : "),
];

/// A help page with clap's headings in French.
fn help_fr(help: &str) -> String {
    let mut msg = help.to_string();
    for (en, fr) in HELP_FR {
        msg = msg.replace(en, fr);
    }
    msg
}

/// Parses the command line; help and errors are printed in French.
pub fn parse() -> Cli {
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    print!("{}", help_fr(&e.render().to_string()));
                    std::process::exit(0);
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    eprint!("{}", help_fr(&e.render().to_string()));
                }
                _ => eprint!("{}", crate::clap_fr::render(&e)),
            }
            std::process::exit(2);
        }
    }
}

/// Output of `cls ingest`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum IngestFormat {
    /// Le document cls/1 en JSON (pour les programmes).
    Json,
    /// Un résumé d'un écran (territoire, période, signataires, axes, actions, alertes).
    Text,
}

/// Output of `cls orgs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OrgsFormat {
    /// Le format d'organisations.json.
    Json,
    /// Le format d'organisations.csv (UTF-8, virgules).
    Csv,
    /// Un tableau à lire.
    Text,
}

#[derive(Subcommand)]
#[command(help_template = AIDE, disable_help_flag = true)]
pub enum Command {
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
        #[arg(long, value_name = "N", value_parser = whole::<usize>)]
        jobs: Option<usize>,
        /// Secondes après lesquelles un fichier encore en lecture est arrêté et noté en échec.
        #[arg(long, default_value_t = 60, value_name = "SECONDES", value_parser = whole::<u64>)]
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
        #[arg(long, value_name = "MIO", default_value_t = cls_corpus::batch::DEFAULT_MEMOIRE_MAX_MO,
              value_parser = whole::<u64>)]
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
        /// Mémoire maximale de ce processus, en Mio (0 : sans limite).
        #[arg(long, default_value_t = 0, value_parser = whole::<u64>)]
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
    /// Écrit la page de manuel de cls, ou celle d'une commande (format roff), sur la sortie
    /// standard ; avec --dir, toutes les pages dans un dossier.
    #[command(after_help = "Exemples :
  cls man > ~/.local/share/man/man1/cls.1 && man cls
  cls man ingest > ~/.local/share/man/man1/cls-ingest.1
  cls man --dir ~/.local/share/man/man1     cls.1 et une page par commande")]
    Man {
        /// La commande dont écrire la page (« ingest », « batch »…) ; sans elle, la page de cls.
        #[arg(value_name = "COMMANDE", conflicts_with = "dir")]
        commande: Option<String>,
        /// Écrit cls.1 et une page par commande (cls-ingest.1, …) dans ce dossier.
        #[arg(long, value_name = "DOSSIER")]
        dir: Option<PathBuf>,
    },
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
        #[arg(value_parser = whole::<u32>)]
        page: u32,
    },
}

/// `cls completions`: the completion script of a shell, on stdout.
pub fn completions(shell: clap_complete::Shell) -> Result<std::process::ExitCode> {
    let mut cmd = Cli::command();
    // Generated in memory: clap_complete panics on a write error.
    let mut script: Vec<u8> = Vec::new();
    clap_complete::generate(shell, &mut cmd, "cls", &mut script);
    crate::output::to_stdout(&script, "du script de complétion")
}

/// `cls man`: the roff manual page of `cls` or of one command, on stdout; with `dir`,
/// every page (`cls.1`, and `cls-<commande>.1` that `cls.1` refers to) in that folder.
pub fn man(
    commande: Option<&str>,
    dir: Option<&std::path::Path>,
) -> Result<std::process::ExitCode> {
    let mut top = Cli::command();
    top.build();
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("création du dossier {} impossible", dir.display()))?;
        for cmd in std::iter::once(top.clone()).chain(visible_commands(&top)) {
            let page = man_page(cmd)?;
            let path = dir.join(page.0);
            std::fs::write(&path, page.1)
                .with_context(|| format!("écriture impossible de {}", path.display()))?;
            eprintln!("cls man : {}", path.display());
        }
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let cmd = match commande {
        None => top,
        Some(name) => visible_commands(&top)
            .find(|c| c.get_name() == name)
            .ok_or_else(|| {
                let names: Vec<String> = visible_commands(&top)
                    .map(|c| c.get_name().to_string())
                    .collect();
                anyhow::anyhow!(
                    "commande inconnue « {name} » (commandes : {})",
                    names.join(", ")
                )
            })?,
    };
    let (_, page) = man_page(cmd)?;
    crate::output::to_stdout(&page, "de la page de manuel")
}

/// The commands a user sees (not the hidden debugging and worker ones).
fn visible_commands(top: &clap::Command) -> impl Iterator<Item = clap::Command> + '_ {
    top.get_subcommands().filter(|s| !s.is_hide_set()).cloned()
}

/// clap_mangen writes English section titles; a French man page has its own (the
/// man-pages-fr convention), and clap's notes are translated as in help pages.
const MAN_FR: &[(&str, &str)] = &[
    (".SH NAME", ".SH NOM"),
    (".SH EXTRA", ".SH COMPLÉMENTS"),
    (".SH AUTHORS", ".SH AUTEURS"),
    (".SH SUBCOMMANDS", ".SH COMMANDES"),
    (".SH Commandes", ".SH COMMANDES"),
    ("Possible values:", "Valeurs possibles :"),
    ("[default: ", "[par défaut : "),
];

/// The file name and roff text of one command's page, section titles in French.
fn man_page(cmd: clap::Command) -> Result<(String, Vec<u8>)> {
    let title = cmd.get_display_name().unwrap_or(cmd.get_name()).to_string();
    let man = clap_mangen::Man::new(cmd);
    let mut out = Vec::new();
    man.render(&mut out)
        .context("écriture de la page de manuel impossible")?;
    let text = String::from_utf8_lossy(&out);
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        // roff drops an empty date from the title line, shifting the source into its
        // place: the title line is written whole.
        if line.starts_with(".TH ") {
            lines.push(format!(
                ".TH {title} 1 \"\" \"cls {}\" \"Manuel de cls\"",
                env!("CARGO_PKG_VERSION")
            ));
            continue;
        }
        let mut l = line.to_string();
        for (en, fr) in MAN_FR {
            l = l.replace(en, fr);
        }
        lines.push(l);
    }
    let mut page = lines.join("\n");
    page.push('\n');
    Ok((man.get_filename(), page.into_bytes()))
}
