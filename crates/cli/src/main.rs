//! The `cls` binary: the only place that prints, chooses exit codes and uses anyhow.

// The CLI is the one crate that prints and chooses exit codes (see ARCHITECTURE.md).
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use anyhow::{Context, Result};

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cls",
    version,
    about = "Lit les Contrats Locaux de Santé (PDF, pages web) et construit un corpus comparable (cls/1)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read one PDF or HTML page and print its cls/1 document as JSON.
    Ingest {
        file: PathBuf,
        /// Indent the JSON for reading.
        #[arg(long)]
        pretty: bool,
    },
    /// Read many files (or folder trees) into a corpus directory.
    Batch {
        /// Files and directories to read.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The corpus directory to write (locked for the run: a second run into it refuses).
        #[arg(long)]
        out: PathBuf,
        /// Processus de lecture en parallèle (défaut : SLURM_CPUS_PER_TASK, sinon les cœurs
        /// permis par l'affinité CPU).
        #[arg(long)]
        jobs: Option<usize>,
        /// Seconds after which a file still being read is stopped and recorded as failed.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
        /// Read every file again, even those already read with this version.
        #[arg(long)]
        force: bool,
        /// Read only the stable subset INDEX/COUNT of the files (also from Slurm's
        /// SLURM_ARRAY_TASK_ID/_MIN/_STEP/_COUNT or Kubernetes' JOB_COMPLETION_INDEX
        /// with CLS_SHARDS).
        #[arg(long)]
        shard: Option<String>,
        /// Identifiant d'exécution partagé par les shards d'un même lancement (défaut :
        /// CLS_RUN_ID, sinon SLURM_ARRAY_JOB_ID, sinon une empreinte de l'outil et des racines).
        #[arg(long)]
        execution: Option<String>,
        /// Mémoire maximale de chaque processus de lecture, en Mio (0 : sans limite) : un
        /// fichier qui la dépasse échoue seul.
        #[arg(long, default_value_t = cls_corpus::batch::DEFAULT_MEMOIRE_MAX_MO)]
        memoire_max: u64,
        /// No progress bar and no summary.
        #[arg(short, long)]
        quiet: bool,
    },
    /// Merge the corpus directories of a run's shards into one (refused when a shard is
    /// missing, given twice or from another run, unless --allow-partial).
    Merge {
        #[arg(required = true)]
        shards: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
        /// Fusionner quand même des shards incomplets ou d'exécutions différentes.
        #[arg(long)]
        allow_partial: bool,
    },
    /// Comparison tables (CSV) and an HTML report of a corpus.
    Compare {
        corpus: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Show which words decided the themes of one action.
    ExplainThemes {
        /// A PDF, a web page, or a document JSON of a corpus.
        file: PathBuf,
        /// The action's number as printed ("4", "2.3").
        numero: String,
    },
    /// Worker mode of `batch`: read one file and print its outcome as JSON, or, with
    /// --serve, answer framed requests on stdin (see cls_corpus::protocol).
    #[command(hide = true)]
    Worker {
        file: Option<PathBuf>,
        #[arg(long)]
        serve: bool,
        /// Address-space limit of this process in MiB (0: none).
        #[arg(long, default_value_t = 0)]
        memoire_max: u64,
    },
    /// Print the organisation registry of files (PDFs, pages) or of a corpus directory.
    Orgs {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// json (the organisations.json format) or text (a table to read).
        #[arg(long, default_value = "json")]
        format: String,
    },
    /// Debug: print the layout blocks of a PDF (lines and table rows).
    #[command(hide = true)]
    Blocks { file: PathBuf },
    /// Debug: print the glyphs and rules of one PDF page.
    #[command(hide = true)]
    Glyphs { file: PathBuf, page: u32 },
}

fn main() -> ExitCode {
    // pdf-extract panics on purpose on PDFs it does not understand; those panics are
    // caught and reported as one-line reasons, so the default hook's backtrace noise is
    // kept for debugging only.
    if std::env::var_os("CLS_DEBUG").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let msg = format!("{e:#}").replace('\n', " ");
            eprintln!("cls: {msg}");
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
                    .with_context(|| format!("cannot read {}", p.display()))?;
                docs.push(
                    serde_json::from_str(&text)
                        .with_context(|| format!("{} is not a cls/1 document", p.display()))?,
                );
            }
        } else {
            let d = std::panic::catch_unwind(|| cls_corpus::ingest_path(i))
                .map_err(|_| {
                    anyhow::anyhow!("{}: internal error while reading the file", i.display())
                })?
                .with_context(|| format!("{}", i.display()))?;
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
        Command::Ingest { file, pretty } => {
            let outcome = std::panic::catch_unwind(|| cls_corpus::ingest_path(&file));
            let doc = match outcome {
                Ok(r) => r.with_context(|| format!("{}", file.display()))?,
                Err(_) => {
                    anyhow::bail!("{}: internal error while reading the file", file.display())
                }
            };
            let json = if pretty {
                serde_json::to_string_pretty(&doc)?
            } else {
                serde_json::to_string(&doc)?
            };
            let mut out = std::io::stdout().lock();
            writeln!(out, "{json}").ok();
            Ok(ExitCode::SUCCESS)
        }
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
            cls_corpus::compare::compare(&corpus, &out)?;
            eprintln!(
                "cls compare: rapport écrit dans {}",
                out.join("index.html").display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::ExplainThemes { file, numero } => {
            let doc: cls_model::Document = if file.extension().is_some_and(|x| x == "json") {
                serde_json::from_str(
                    &std::fs::read_to_string(&file)
                        .with_context(|| format!("cannot read {}", file.display()))?,
                )
                .with_context(|| format!("{} is not a cls/1 document", file.display()))?
            } else {
                cls_corpus::ingest_path(&file).with_context(|| format!("{}", file.display()))?
            };
            let a = doc
                .actions
                .iter()
                .find(|a| a.numero.as_deref() == Some(numero.as_str()))
                .ok_or_else(|| {
                    anyhow::anyhow!("no action numbered {numero} in {}", file.display())
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
            if format == "text" {
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
            } else {
                writeln!(out, "{}", serde_json::to_string_pretty(&reg)?).ok();
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Glyphs { file, page } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot open {}", file.display()))?;
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
        Command::Blocks { file } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot open {}", file.display()))?;
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
