//! `make bench`: timed runs of the pipeline on the shipped fixtures, printed as a table.
//!
//! Each figure is the median of repeated runs in this process (release build). The
//! comparison with pdf-extract's own `extract_text` is run as separate processes so that
//! both pay the same start-up cost.

// A developer tool or test: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    f();
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn process(cmd: &Path, args: &[&str], runs: usize) -> Duration {
    time(runs, || {
        let out = Command::new(cmd).args(args).output().expect("run command");
        assert!(out.status.success(), "{} failed", cmd.display());
    })
}

/// The raw cells of one fiche that normalisation reads: calendar, budget, target groups, indicators.
type FicheCells = (Option<String>, Option<String>, Vec<String>, Vec<String>);

fn main() {
    let r = root();
    let chromium = r.join("fixtures/pdf/chartres-2020-2025.chromium.pdf");
    let chromium_s = chromium.to_string_lossy().to_string();
    println!("{:<62} {:>10}", "measure", "median");

    let cls = r.join("target/release/cls");
    let baseline = r.join("target/release/examples/extract_text_baseline");
    let stock = r.join("target/stock/release/stock-extract-text");
    if cls.exists() {
        let a = process(&cls, &["ingest", &chromium_s], 15);
        println!(
            "{:<62} {:>8.1} ms",
            "cls ingest chromium.pdf (83 p., whole process)",
            a.as_secs_f64() * 1e3
        );
    }
    // The target of issue 11: within 1.3× poppler's pdftotext on the same file.
    let pdftotext = std::path::Path::new("/usr/bin/pdftotext");
    if pdftotext.exists() && cls.exists() {
        let a = process(&cls, &["ingest", &chromium_s], 21);
        let p = process(pdftotext, &[&chromium_s, "/dev/null"], 21);
        println!(
            "{:<62} {:>8.1} ms",
            "pdftotext chromium.pdf (poppler, whole process)",
            p.as_secs_f64() * 1e3
        );
        println!(
            "{:<62} {:>8.2} ×",
            "cls ingest / pdftotext (target ≤ 1.3)",
            a.as_secs_f64() / p.as_secs_f64()
        );
    }
    if stock.exists() {
        let b = process(&stock, &[&chromium_s], 15);
        println!(
            "{:<62} {:>8.1} ms",
            "pdf_extract::extract_text, published 0.12.1 (whole process)",
            b.as_secs_f64() * 1e3
        );
    }
    if baseline.exists() {
        let b = process(&baseline, &[&chromium_s], 15);
        println!(
            "{:<62} {:>8.1} ms",
            "pdf_extract::extract_text, vendored with our fixes",
            b.as_secs_f64() * 1e3
        );
    }

    for name in [
        "chartres-2020-2025.chromium.pdf",
        "chartres-2020-2025.lo-writer.pdf",
        "chartres-2020-2025.lo-web.pdf",
    ] {
        let bytes = std::fs::read(r.join("fixtures/pdf").join(name)).expect("fixture");
        let d = time(10, || {
            cls_corpus::ingest_bytes(name, &bytes).expect("ingest");
        });
        println!(
            "{:<62} {:>8.1} ms",
            format!("ingest in process: {name}"),
            d.as_secs_f64() * 1e3
        );
    }

    // Normalisation of the 56 Chartres fiches: calendars, budgets, lists.
    let doc = cls_corpus::ingest_path(&chromium).expect("fixture");
    let cells: Vec<FicheCells> = doc
        .actions
        .iter()
        .map(|a| {
            (
                a.calendrier.texte.clone(),
                a.budget.texte.clone(),
                a.public_cible.clone(),
                a.indicateurs.clone(),
            )
        })
        .collect();
    let d = time(50, || {
        for (c, b, p, i) in &cells {
            std::hint::black_box(cls_normalize::calendar::calendrier(
                c.clone(),
                (Some(2020), Some(2025)),
            ));
            std::hint::black_box(cls_normalize::budget::budget(b.clone()));
            std::hint::black_box(cls_normalize::lists::public_cible(p));
            std::hint::black_box(cls_normalize::lists::indicateurs(i));
        }
    });
    println!(
        "{:<62} {:>8.3} ms",
        format!("normalise {} fiches (calendar, budget, lists)", cells.len()),
        d.as_secs_f64() * 1e3
    );

    // Resolving 100 000 organisation mentions (the fixtures' names, with variations).
    let mut names: Vec<String> = Vec::new();
    for a in &doc.actions {
        names.extend(
            a.porteurs
                .iter()
                .chain(a.partenaires.iter())
                .map(|m| m.nom.clone()),
        );
    }
    let variants: Vec<String> = names
        .iter()
        .flat_map(|n| {
            [
                n.clone(),
                n.to_uppercase(),
                format!("la {n}"),
                n.replace('é', "e"),
                format!("{n} 28"),
            ]
        })
        .collect();
    let mentions: Vec<&String> = variants.iter().cycle().take(100_000).collect();
    let ctx = cls_normalize::orgs::Context::of_document(&doc);
    let d = time(3, || {
        for m in &mentions {
            std::hint::black_box(cls_normalize::orgs::resolve(m, &ctx));
        }
    });
    println!(
        "{:<62} {:>8.1} ms",
        "resolve 100 000 organisation mentions (one core)",
        d.as_secs_f64() * 1e3
    );

    // A 5 MB page: the Agglopolys content repeated inside one article.
    let base = String::from_utf8(
        std::fs::read(r.join("fixtures/html/agglopolys-web.html")).expect("fixture"),
    )
    .expect("utf8");
    if let (Some(a), Some(b)) = (base.find("<article"), base.rfind("</article>")) {
        let inner = &base[a..b];
        let mut big = String::from(&base[..a]);
        while big.len() < 5_000_000 {
            big.push_str(inner);
            big.push_str("</article>");
        }
        big.push_str(&base[b..]);
        let bytes = big.into_bytes();
        let d = time(5, || {
            let _ = std::hint::black_box(cls_corpus::ingest_bytes("big.html", &bytes));
        });
        println!(
            "{:<62} {:>8.1} ms",
            format!("ingest a {:.1} MB web page", bytes.len() as f64 / 1e6),
            d.as_secs_f64() * 1e3
        );
    }
    for page in ["agglopolys-web.html", "chartres-web.html"] {
        let bytes = std::fs::read(r.join("fixtures/html").join(page)).expect("fixture");
        let d = time(50, || {
            let _ = std::hint::black_box(cls_corpus::ingest_bytes(page, &bytes));
        });
        println!(
            "{:<62} {:>8.3} ms",
            format!("ingest web page {page} ({} kB)", bytes.len() / 1024),
            d.as_secs_f64() * 1e3
        );
    }
}
