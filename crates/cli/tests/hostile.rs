//! Every hostile or damaged file of tests/data/hostile (written by tools/hostile/gen.py)
//! gets exit 0 or a one-line refusal with exit 1, within 20 s and under 1 GiB of address
//! space, never a signal (issue 15).

mod common;

use common::{cls, root};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn hostile_files() -> Vec<PathBuf> {
    let dir = root().join("tests/data/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/hostile")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

#[test]
fn hostile_files_end_in_time_under_one_gib_without_a_signal() {
    let files = hostile_files();
    assert!(files.len() >= 15, "the generated files are there");
    // prlimit puts the limit on the address space: an allocation past 1 GiB fails, and
    // Rust aborts on a failed allocation, which the signal check below would catch.
    let limited = Command::new("prlimit").arg("--version").output().is_ok();
    for f in &files {
        let mut cmd = if limited {
            let mut c = Command::new("prlimit");
            c.args(["--as=1073741824", "--"])
                .arg(env!("CARGO_BIN_EXE_cls"));
            c
        } else {
            cls()
        };
        let mut child = cmd
            .arg("ingest")
            .arg(f)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run cls");
        let start = Instant::now();
        let status = loop {
            if let Some(st) = child.try_wait().expect("wait") {
                break st;
            }
            if start.elapsed() > Duration::from_secs(20) {
                child.kill().ok();
                panic!("{}: still running after 20 s", f.display());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            std::io::Read::read_to_string(&mut e, &mut err).ok();
        }
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        match status.code() {
            Some(0) => {}
            Some(1) => assert!(
                (err.starts_with("cls: ") || err.starts_with("cls : "))
                    && err.trim_end().lines().count() == 1,
                "{name}: a one-line reason, got {err:?}"
            ),
            other => panic!("{name}: exit {other:?} (a signal?), stderr {err:?}"),
        }
    }
}

#[test]
fn damaged_pdfs_keep_their_readable_pages() {
    let dir = root().join("tests/data/hostile");
    for (name, pages_with_text) in [
        ("inserted_bytes.pdf", 6),
        ("no_xref.pdf", 6),
        ("truncated.pdf", 4),
        ("corrupt_page.pdf", 5),
    ] {
        let run = |cmd: &str| {
            cls()
                .arg(cmd)
                .arg(dir.join(name))
                .output()
                .expect("run cls")
        };
        let out = run("ingest");
        assert_eq!(out.status.code(), Some(0), "{name}");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        // Each page of these files starts with its own "Fiche action n N" line.
        let blocks = String::from_utf8_lossy(&run("blocks").stdout).to_string();
        let read = (1..=6)
            .filter(|n| blocks.contains(&format!("Fiche action n {n} ")))
            .count();
        assert_eq!(read, pages_with_text, "{name}");
        let lost: Vec<&str> = doc["alertes"]
            .as_array()
            .expect("alertes")
            .iter()
            .filter(|a| a["code"] == "page_illisible")
            .filter_map(|a| a["message"].as_str())
            .collect();
        assert_eq!(lost.len(), 6 - pages_with_text, "{name}: {lost:?}");
    }
}

#[test]
fn a_write_error_on_stdout_exits_non_zero() {
    let page = root().join("fixtures/html/agglopolys-web.html");
    let pdf = root().join("tests/data/hostile/no_xref.pdf");
    let commands: [Vec<std::ffi::OsString>; 6] = [
        vec!["ingest".into(), pdf.into()],
        vec![
            "ingest".into(),
            "--format".into(),
            "text".into(),
            page.clone().into(),
        ],
        vec!["orgs".into(), page.clone().into()],
        vec!["explain-themes".into(), page.into(), "1".into()],
        vec!["completions".into(), "bash".into()],
        vec!["man".into()],
    ];
    for args in commands {
        let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
            return;
        };
        let o = cls()
            .args(&args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .expect("run cls");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("sortie standard impossible"),
            "{args:?}: {err}"
        );
    }
}
