//! `cls batch` and `cls merge`: a corpus folder from many files or from shards, and the
//! summary of the run on stderr.

use crate::progress;
use anyhow::Result;
use cls_corpus::batch::{Options, Report, Shard};
use cls_model::{EtatLecture, ManifestEntry};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The options of `cls batch` as given on the command line.
pub struct BatchArgs {
    pub jobs: Option<usize>,
    pub timeout: u64,
    pub force: bool,
    pub shard: Option<String>,
    pub execution: Option<String>,
    pub memoire_max: u64,
    pub quiet: bool,
}

/// `cls batch`: reads the inputs into `out`; exit code 2 when a file failed.
pub fn batch(inputs: &[PathBuf], out: &Path, args: BatchArgs) -> Result<ExitCode> {
    let jobs = args
        .jobs
        .unwrap_or_else(cls_corpus::batch::default_jobs)
        .max(1);
    let shard = match args.shard {
        Some(s) => Some(Shard::parse(&s)?),
        None => Shard::from_env()?,
    };
    let opts = Options {
        jobs,
        timeout: Duration::from_secs(args.timeout.max(1)),
        force: args.force,
        shard,
        worker: std::env::current_exe().ok(),
        memoire_max_mo: args.memoire_max,
        execution: args.execution,
    };
    let start = Instant::now();
    let bar = progress::Bar::new(args.quiet);
    let report = cls_corpus::batch::run_batch(inputs, out, &opts, &bar)?;
    bar.finish();
    let echec = summary("batch", &report, start.elapsed(), Some(jobs), args.quiet);
    Ok(exit_code(echec))
}

/// `cls merge`: one corpus from the shards' folders; exit code 2 when a file failed.
pub fn merge(shards: &[PathBuf], out: &Path, allow_partial: bool) -> Result<ExitCode> {
    let start = Instant::now();
    let report = cls_corpus::merge::merge(shards, out, allow_partial)?;
    let echec = summary("merge", &report, start.elapsed(), None, false);
    Ok(exit_code(echec))
}

/// A run with failed files still wrote its corpus: it exits with 2, not 1.
fn exit_code(echec: usize) -> ExitCode {
    if echec > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// The end-of-batch summary on stderr; returns the number of failed files.
fn summary(what: &str, r: &Report, took: Duration, jobs: Option<usize>, quiet: bool) -> usize {
    let m = &r.manifest;
    let count = |s: EtatLecture| m.documents.iter().filter(|d| d.statut == s).count();
    let (ok, partiel, echec) = (
        count(EtatLecture::Ok),
        count(EtatLecture::Partiel),
        count(EtatLecture::Echec),
    );
    for w in &r.warnings {
        eprintln!("cls {what} : attention : {w}");
    }
    if !quiet {
        let jobs = jobs
            .map(|j| format!(", {j} processus de lecture"))
            .unwrap_or_default();
        eprintln!(
            "cls {what} : {} fichier(s) en {} s{jobs} — ok {ok}, partiel {partiel}, échec {echec}, ignorés {}",
            m.documents.len(),
            format!("{:.1}", took.as_secs_f64()).replace('.', ","),
            m.ignores.len()
        );
        print_details(m);
    }
    echec
}

/// The failed and ignored files, one per line, then the slowest three.
fn print_details(m: &cls_model::Manifest) {
    for d in m
        .documents
        .iter()
        .filter(|d| d.statut == EtatLecture::Echec)
    {
        eprintln!(
            "  échec  {} : {}",
            d.fichier,
            d.raison.as_deref().unwrap_or("")
        );
    }
    for i in &m.ignores {
        eprintln!("  ignoré {} : {}", i.fichier, i.raison);
    }
    let mut slow: Vec<&ManifestEntry> = m.documents.iter().collect();
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
