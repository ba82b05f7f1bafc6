//! The `cls` binary: the only place that prints, chooses exit codes and uses anyhow.

use anyhow::{Context, Result};

// PDF parsing allocates and frees millions of small objects; mimalloc cuts the time spent
// in the system allocator and in page faults by about a third.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "cls", version, about = "Lit les Contrats Locaux de Santé (PDF, pages web) et construit un corpus comparable (cls/1).")]
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
        /// The corpus directory to write.
        #[arg(long)]
        out: PathBuf,
        /// Parallel workers (default: the number of cores).
        #[arg(long)]
        jobs: Option<usize>,
        /// No summary on stderr.
        #[arg(short, long)]
        quiet: bool,
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

/// Documents of the given inputs: a corpus directory (its documents/), or files to ingest.
fn load_documents(inputs: &[PathBuf]) -> Result<Vec<cls_model::Document>> {
    let mut docs = Vec::new();
    for i in inputs {
        let dir = i.join("documents");
        if dir.is_dir() {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
            paths.sort();
            for p in paths {
                let text = std::fs::read_to_string(&p).with_context(|| format!("cannot read {}", p.display()))?;
                docs.push(serde_json::from_str(&text).with_context(|| format!("{} is not a cls/1 document", p.display()))?);
            }
        } else {
            let d = std::panic::catch_unwind(|| cls_corpus::ingest_path(i)).map_err(|_| anyhow::anyhow!("{}: internal error while reading the file", i.display()))?.with_context(|| format!("{}", i.display()))?;
            docs.push(d);
        }
    }
    Ok(docs)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Ingest { file, pretty } => {
            let outcome = std::panic::catch_unwind(|| cls_corpus::ingest_path(&file));
            let doc = match outcome {
                Ok(r) => r.with_context(|| format!("{}", file.display()))?,
                Err(_) => anyhow::bail!("{}: internal error while reading the file", file.display()),
            };
            let json = if pretty { serde_json::to_string_pretty(&doc)? } else { serde_json::to_string(&doc)? };
            let mut out = std::io::stdout().lock();
            writeln!(out, "{json}").ok();
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch { inputs, out, jobs, quiet } => {
            let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
            let start = std::time::Instant::now();
            let manifest = cls_corpus::batch::run_batch(&inputs, &out, jobs)?;
            let count = |s: cls_model::EtatLecture| manifest.documents.iter().filter(|d| d.statut == s).count();
            let (ok, partiel, echec) = (count(cls_model::EtatLecture::Ok), count(cls_model::EtatLecture::Partiel), count(cls_model::EtatLecture::Echec));
            if !quiet {
                eprintln!("cls batch: {} fichier(s) en {:.1} s — ok {ok}, partiel {partiel}, echec {echec}", manifest.documents.len(), start.elapsed().as_secs_f64());
                for d in manifest.documents.iter().filter(|d| d.statut == cls_model::EtatLecture::Echec) {
                    eprintln!("  echec {}: {}", d.fichier, d.raison.as_deref().unwrap_or(""));
                }
            }
            Ok(if echec > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
        }
        Command::Orgs { inputs, format } => {
            let docs = load_documents(&inputs)?;
            let reg = cls_corpus::registry::build(&docs);
            let mut out = std::io::stdout().lock();
            if format == "text" {
                writeln!(out, "{:<40} {:<55} {:>4} {:>4} {:>4} {:>4}  variantes", "id", "nom", "por.", "par.", "fin.", "sig.").ok();
                for o in &reg {
                    let v: Vec<String> = o.variantes.iter().map(|v| format!("{} ({})", v.nom, v.occurrences)).collect();
                    writeln!(out, "{:<40} {:<55} {:>4} {:>4} {:>4} {:>4}  {}", o.id, o.nom.chars().take(55).collect::<String>(), o.roles.porteur, o.roles.partenaire, o.roles.financeur, o.roles.signataire, v.join(" | ")).ok();
                }
            } else {
                writeln!(out, "{}", serde_json::to_string_pretty(&reg)?).ok();
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Glyphs { file, page } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot open {}", file.display()))?;
            let mut out = std::io::stdout().lock();
            for p in cls_extract::debug_raw(&bytes).into_iter().filter(|p| p.number == page) {
                for g in &p.glyphs {
                    writeln!(out, "{:.2} {:.2} {:.2} {:.2} r{} {:?}", g.x0, g.x1, g.y, g.size, g.run, g.text).ok();
                }
                for r in &p.rules {
                    writeln!(out, "RULE {:.1} {:.1} {:.1} {:.1}", r.x0, r.y0, r.x1, r.y1).ok();
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Blocks { file } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot open {}", file.display()))?;
            let doc = cls_extract::extract_pdf(&bytes)?;
            let mut out = std::io::stdout().lock();
            for b in &doc.blocks {
                let line = match b {
                    cls_extract::Block::Line(l) => format!("p{} L {:.0},{:.0} s{:.1}: {}", l.page, l.x0, l.y, l.size, l.text),
                    cls_extract::Block::Row(r) => format!("p{:?} R{} | {}", r.pages, if r.ruled { "r" } else { "g" }, r.cells.iter().map(|c| c.text()).collect::<Vec<_>>().join(" || ")),
                };
                if writeln!(out, "{line}").is_err() {
                    break;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
