//! The `cls` binary: the only place that prints, chooses exit codes and uses anyhow.
//! `main` parses the command line and `run` hands each command to its own function.

// The CLI is the one crate that prints and chooses exit codes (see ARCHITECTURE.md).
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use anyhow::Result;
use args::{Cli, Command};
use std::process::ExitCode;

mod analysis;
mod args;
mod batch;
mod clap_fr;
mod debug;
mod ingest;
mod inspect;
mod output;
mod progress;
mod summary;
mod worker;

fn main() -> ExitCode {
    // pdf-extract panics on purpose on PDFs it does not understand; those panics are
    // caught and reported as one-line reasons, so the default hook's backtrace noise is
    // kept for debugging only.
    if std::env::var_os("CLS_DEBUG").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
    let cli = args::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("cls : {}", error_line(&e));
            ExitCode::from(1)
        }
    }
}

/// An error and its causes on one line, French typography (" : " between them): a
/// system error or a JSON error, whose own messages are English, is named in French.
fn error_line(e: &anyhow::Error) -> String {
    let parts: Vec<String> = e
        .chain()
        .map(|cause| {
            if let Some(io) = cause.downcast_ref::<std::io::Error>() {
                cls_corpus::error::io_reason(io)
            } else if let Some(j) = cause.downcast_ref::<serde_json::Error>() {
                cls_corpus::error::json_reason(j)
            } else {
                cause.to_string()
            }
        })
        .collect();
    parts.join(" : ").replace('\n', " ")
}

/// Runs one command; the commands that do not choose their exit code succeed with 0.
fn run(cli: Cli) -> Result<ExitCode> {
    let done = |r: Result<()>| r.map(|()| ExitCode::SUCCESS);
    match cli.command {
        Command::Ingest {
            file,
            format,
            pretty,
            output,
        } => ingest::ingest(&file, format, pretty, output.as_deref()),
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
            let args = batch::BatchArgs {
                jobs,
                timeout,
                force,
                shard,
                execution,
                memoire_max,
                quiet,
            };
            batch::batch(&inputs, &out, args)
        }
        Command::Merge {
            shards,
            out,
            allow_partial,
        } => batch::merge(&shards, &out, allow_partial),
        Command::Worker {
            file,
            serve,
            memoire_max,
        } => done(worker::worker(file.as_deref(), serve, memoire_max)),
        Command::Compare { corpus, out } => done(analysis::compare(&corpus, &out)),
        Command::ExplainThemes { file, numero } => analysis::explain_themes(&file, &numero),
        Command::Orgs { inputs, format } => analysis::orgs(&inputs, format),
        Command::Completions { shell } => args::completions(shell),
        Command::Man { commande, dir } => args::man(commande.as_deref(), dir.as_deref()),
        Command::Glyphs { file, page } => done(debug::glyphs(&file, page)),
        Command::Inspect { file, html } => done(inspect::run(&file, &html)),
        Command::Blocks { file } => done(debug::blocks(&file)),
    }
}
