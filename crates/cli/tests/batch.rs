//! `cls batch` end to end, with the real binary and its worker processes: broken files,
//! a file that hangs, a batch killed with SIGKILL and run again, shards merged back, and
//! the exports read back as a tool would.

mod common;

use common::{assert_same_files, cls, manifest, root, snapshot, tmp};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An archive of good files (two PDFs, two pages) and, optionally, the broken ones.
fn archive(name: &str, broken: bool) -> PathBuf {
    let a = tmp(name);
    let input = a.join("archive");
    std::fs::create_dir_all(&input).expect("dir");
    for f in [
        "pdf/chartres-2020-2025.lo-writer.pdf",
        "pdf/cls-pays-de-vierzon-2022-2027.chromium.pdf",
        "html/agglopolys-web.html",
        "html/chaumont-web.html",
    ] {
        let src = root().join("fixtures").join(f);
        std::fs::copy(&src, input.join(src.file_name().expect("name"))).expect("copy fixture");
    }
    if broken {
        for f in ["encrypted.pdf", "truncated.pdf", "random.pdf"] {
            std::fs::copy(root().join("tests/data/broken").join(f), input.join(f))
                .expect("copy broken");
        }
        std::fs::copy(
            root().join("fixtures/html/challans-web.html"),
            input.join("hang-forever.html"),
        )
        .expect("copy");
    }
    a
}

#[test]
fn broken_files_and_a_hanging_worker_do_not_stop_the_batch() {
    let a = archive("broken", true);
    let out = a.join("corpus");
    let st = cls()
        .args(["batch", "--quiet", "--timeout", "3", "--jobs", "2", "--out"])
        .arg(&out)
        .arg(a.join("archive"))
        .env("CLS_TEST_HANG_ON", "hang-forever")
        .status()
        .expect("run cls");
    assert_eq!(st.code(), Some(2), "some files failed: exit code 2");
    let m = manifest(&out);
    let entries = m["documents"].as_array().expect("entries");
    assert_eq!(entries.len(), 8);
    let reason = |name: &str| {
        entries
            .iter()
            .find(|e| e["fichier"].as_str().unwrap_or("").ends_with(name))
            .map(|e| {
                (
                    e["statut"].as_str().unwrap_or("").to_string(),
                    e["raison"].as_str().unwrap_or("").to_string(),
                )
            })
            .expect("entry")
    };
    for (name, word) in [
        ("encrypted.pdf", "chiffré"),
        ("truncated.pdf", "illisible"),
        ("random.pdf", "ni un PDF"),
        ("hang-forever.html", "timeout"),
    ] {
        let (statut, raison) = reason(name);
        assert_eq!(statut, "echec", "{name}");
        assert!(
            raison.contains(word) && !raison.contains('\n'),
            "{name}: {raison}"
        );
    }
    let docs = std::fs::read_dir(out.join("documents"))
        .expect("documents")
        .count();
    assert_eq!(docs, 4, "every good file is written");
}

#[test]
fn a_batch_killed_and_run_again_gives_the_same_outputs() {
    let a = archive("resume", false);
    let input = a.join("archive");
    let reference = a.join("reference");
    let st = cls()
        .args(["batch", "-q", "--jobs", "2", "--out"])
        .arg(&reference)
        .arg(&input)
        .status()
        .expect("run");
    assert!(st.success());
    let out = a.join("killed");
    // Kill at a few moments: early, while workers run, near the end.
    for delay in [30u64, 150, 400] {
        let mut child = cls()
            .args(["batch", "-q", "--jobs", "2", "--out"])
            .arg(&out)
            .arg(&input)
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        // No half-written JSON anywhere.
        for (name, bytes) in snapshot(&out) {
            if name.ends_with(".json") {
                assert!(
                    serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
                    "{name} is half-written"
                );
            }
        }
    }
    let st = cls()
        .args(["batch", "-q", "--jobs", "2", "--out"])
        .arg(&out)
        .arg(&input)
        .status()
        .expect("run");
    assert!(st.success());
    assert_same_files(
        &snapshot(&reference),
        &snapshot(&out),
        "after a resumed batch",
    );
}

/// A minimal CSV reader (quotes, doubled quotes) to check the export as a tool would.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn exports_load_back_with_types_and_row_counts() {
    let a = archive("exports", false);
    let out = a.join("corpus");
    let st = cls()
        .args(["batch", "-q", "--out"])
        .arg(&out)
        .arg(a.join("archive"))
        .status()
        .expect("run");
    assert!(st.success());
    let docs: Vec<serde_json::Value> = std::fs::read_dir(out.join("documents"))
        .expect("docs")
        .flatten()
        .map(|e| serde_json::from_slice(&std::fs::read(e.path()).expect("read")).expect("json"))
        .collect();
    let n_actions: usize = docs
        .iter()
        .map(|d| d["actions"].as_array().map(Vec::len).unwrap_or(0))
        .sum();
    let jsonl = std::fs::read_to_string(out.join("actions.jsonl")).expect("jsonl");
    assert!(!jsonl.starts_with('\u{feff}'), "JSON Lines without BOM");
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), n_actions);
    for l in &lines {
        assert!(l["document_id"].is_string());
        assert!(l["periode_debut"].is_i64() || l["periode_debut"].is_null());
        assert!(l["budget_total_eur"].is_number() || l["budget_total_eur"].is_null());
        assert!(l["porteurs"].is_array());
    }
    let csv = std::fs::read_to_string(out.join("actions.csv")).expect("csv");
    assert!(csv.starts_with('\u{feff}'), "CSV with BOM for Excel");
    let rows = parse_csv(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows.len(), n_actions + 1);
    let width = rows[0].len();
    assert!(
        rows.iter().all(|r| r.len() == width),
        "every row has {width} columns"
    );
    let col = rows[0]
        .iter()
        .position(|h| h == "budget_total_eur")
        .expect("column");
    assert!(rows[1..]
        .iter()
        .all(|r| r[col].is_empty() || r[col].parse::<f64>().is_ok()));
    let orgs = std::fs::read_to_string(out.join("organisations.csv")).expect("orgs csv");
    let reg: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(out.join("organisations.json")).expect("registry"),
    )
    .expect("json");
    assert_eq!(
        parse_csv(orgs.trim_start_matches('\u{feff}')).len(),
        reg.len() + 1
    );
    assert!(out.join("schema/document.schema.json").exists());
}

#[test]
fn shards_partition_the_files_and_merge_back() {
    let a = archive("shards", false);
    let input = a.join("archive");
    let (s0, s1, merged) = (a.join("s0"), a.join("s1"), a.join("merged"));
    for (i, dir) in [(0, &s0), (1, &s1)] {
        let st = cls()
            .args(["batch", "-q", "--shard", &format!("{i}/2"), "--out"])
            .arg(dir)
            .arg(&input)
            .status()
            .expect("run");
        assert!(st.success());
    }
    let n = |d: &Path| {
        manifest(d)["documents"]
            .as_array()
            .map(Vec::len)
            .unwrap_or(0)
    };
    assert_eq!(n(&s0) + n(&s1), 4);
    let st = cls()
        .arg("merge")
        .arg(&s0)
        .arg(&s1)
        .arg("--out")
        .arg(&merged)
        .status()
        .expect("merge");
    assert!(st.success());
    assert_eq!(n(&merged), 4);
    assert!(merged.join("organisations.json").exists());
}
