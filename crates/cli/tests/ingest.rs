//! `cls ingest`: the text summary of every fixture, JSON with alerts on stderr, stdin,
//! `-o FILE`, and French errors for bad arguments.

mod common;

use common::root;
use std::path::PathBuf;
use std::process::{Output, Stdio};

fn cls(args: &[&str]) -> Output {
    common::cls().args(args).output().expect("cls")
}

/// Every readable fixture: the shipped PDFs and pages (each has an expected document).
fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["fixtures/pdf", "fixtures/html"] {
        for e in std::fs::read_dir(root().join(dir))
            .expect("fixtures")
            .flatten()
        {
            let p = e.path();
            if !p.to_string_lossy().ends_with(".json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn text_summary_of_each_fixture() {
    for f in fixtures() {
        let expected: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{}.expected.json", f.display())).expect("expected"),
        )
        .expect("json");
        let o = cls(&["ingest", "--format", "text", f.to_str().expect("path")]);
        assert!(o.status.success(), "{}", f.display());
        let s = String::from_utf8(o.stdout).expect("utf-8");
        let ter = expected["territoire"]["nom"]
            .as_str()
            .unwrap_or("Territoire non reconnu");
        assert!(s.starts_with(ter), "{}: {s}", f.display());
        let n = expected["actions"].as_array().map(Vec::len).unwrap_or(0);
        assert!(
            s.contains(&format!("Actions : {n} ")),
            "{}: {s}",
            f.display()
        );
        for label in ["Période", "Signature", "Signataires", "Alertes"] {
            assert!(s.contains(label), "{}: {label} missing", f.display());
        }
        // One table line per action, under the table's header.
        if n > 0 {
            let after = s.split('─').next_back().expect("table");
            let rows = after
                .lines()
                .skip(1)
                .take_while(|l| l.starts_with("  "))
                .count();
            assert_eq!(rows, n, "{}", f.display());
        }
        // Written to a pipe, the summary fits 100 columns, the file's path included.
        assert!(
            s.lines().all(|l| l.chars().count() <= 100),
            "{}: a line is too wide",
            f.display()
        );
    }
}

#[test]
fn text_summary_fits_the_terminal_it_is_shown_in() {
    // `script` gives the command a terminal (util-linux; the test says so when it is
    // missing rather than passing for nothing).
    let f = root().join("fixtures/pdf/chartres-2020-2025.lo-writer.pdf");
    for cols in [72, 84, 130] {
        let cmd = format!(
            "COLUMNS={cols} '{}' ingest '{}' --format text",
            env!("CARGO_BIN_EXE_cls"),
            f.display()
        );
        let o = std::process::Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .output()
            .expect("script (util-linux) runs the command in a terminal");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let s = String::from_utf8(o.stdout)
            .expect("utf-8")
            .replace('\r', "");
        let widest = s.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert_eq!(widest, cols, "COLUMNS={cols}:\n{s}");
    }
}

#[test]
fn json_alerts_of_a_partial_reading_go_to_stderr_one_per_line() {
    let mut total = 0;
    for dir in ["fixtures/variety/pdf", "fixtures/pdf"] {
        for e in std::fs::read_dir(root().join(dir)).expect("dir").flatten() {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "pdf") {
                continue;
            }
            let o = cls(&["ingest", p.to_str().expect("path")]);
            assert!(o.status.success());
            let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
            let n = doc["alertes"].as_array().map(Vec::len).unwrap_or(0);
            let err = String::from_utf8(o.stderr).expect("utf-8");
            assert_eq!(err.lines().count(), n, "{}", p.display());
            assert!(err.lines().all(|l| l.starts_with("cls ingest : ")));
            total += n;
        }
    }
    assert!(total > 0, "the variety fixtures have alerts to show");
}

#[test]
fn stdin_and_output_file() {
    let f = root().join("fixtures/html/pays-de-vitre-div.html");
    let mut child = common::cls()
        .args(["ingest", "-", "--format", "text"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(&std::fs::read(&f).expect("read"))
            .expect("write");
    }
    let o = child.wait_with_output().expect("wait");
    assert!(o.status.success());
    let s = String::from_utf8(o.stdout).expect("utf-8");
    assert!(
        s.starts_with("Communauté de communes du Pays de Vitré"),
        "{s}"
    );
    assert!(s.contains("entrée standard"));

    let out = std::env::temp_dir().join(format!("cls-ingest-{}.json", std::process::id()));
    let o = cls(&[
        "ingest",
        f.to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("output")).expect("json");
    assert_eq!(doc["schema_version"], "cls/1");
    std::fs::remove_file(&out).ok();
}

/// Phrases of clap's and of the system's English messages: none may reach the user.
const ENGLISH: &[&str] = &[
    "error:",
    "tip:",
    "Usage:",
    "invalid value",
    "invalid digit",
    " found",
    "similar",
    "For more information",
    "os error",
    "No such file",
    "Is a directory",
    "Options:",
    "Arguments:",
    "[default:",
    "Possible values",
];

fn assert_french(what: &str, text: &str) {
    for w in ENGLISH {
        assert!(!text.contains(w), "{what}: « {w} » in\n{text}");
    }
}

#[test]
fn bad_arguments_are_errors_in_french() {
    let o = cls(&["ingest", "--format", "xyz", "a.pdf"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("xyz") && err.contains("json") && err.contains("text"),
        "{err}"
    );

    let o = cls(&["ingest", "/nonexistent/contrat.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("cls : ouverture impossible"), "{err}");
    assert!(err.contains("introuvable"), "{err}");

    let help = String::from_utf8(cls(&["ingest", "--help"]).stdout).expect("help");
    assert!(
        help.contains("Exemples") && help.contains("Format de sortie"),
        "{help}"
    );
    let dir = std::env::temp_dir().to_string_lossy().to_string();
    let page = root().join("fixtures/html/chaumont-web.html");
    let page = page.to_string_lossy();
    for args in [
        &["batch", "--jobs", "abc", "x", "--out", "y"][..],
        &["batch", "x", "--out", "y", "--timeout", "-1"],
        &["completions", "tcsh"],
        &["batcj"],
        &["ingest", "--formt", "text", "a.pdf"],
        &["ingest"],
        &["ingest", "a", "b"],
        &["ingest", &dir],
        &["inspect", &page, "--html", "/nonexistent/x.html"],
        &["compare", "/nonexistent", "--out", "/nonexistent/r"],
        &["man", "nope"],
        &[],
    ] {
        let o = cls(args);
        assert!(!o.status.success(), "{args:?}");
        assert_french(&format!("{args:?}"), &String::from_utf8_lossy(&o.stderr));
    }
    for args in [&["--help"][..], &["batch", "--help"], &["ingest", "-h"]] {
        let o = cls(args);
        assert_french(&format!("{args:?}"), &String::from_utf8_lossy(&o.stdout));
    }
    let err = String::from_utf8_lossy(&cls(&["batch", "--jobs", "abc", "x", "--out", "y"]).stderr)
        .to_string();
    assert!(err.contains("nombre entier"), "{err}");
    let err = String::from_utf8_lossy(&cls(&["ingest", &dir]).stderr).to_string();
    assert!(err.contains("dossier"), "{err}");
    // inspect draws PDF pages: a web page is refused as such, not as an unknown format.
    let err = String::from_utf8_lossy(&cls(&["inspect", &page, "--html", "/tmp/x.html"]).stderr)
        .to_string();
    assert!(
        err.contains("est une page HTML") && err.contains("PDF"),
        "{err}"
    );
}
#[test]
fn completions_and_man_page() {
    let o = cls(&["completions", "bash"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("explain-themes"));
    let o = cls(&["man"]);
    assert!(o.status.success());
    let man = String::from_utf8_lossy(&o.stdout);
    assert!(man.contains(".TH") && man.contains("Contrats Locaux de Santé"));
    // French section titles, and one page per command that cls.1 refers to.
    assert!(
        man.contains(".SH NOM") && !man.contains(".SH NAME"),
        "{man}"
    );
    let dir = std::env::temp_dir().join(format!("cls-man-{}", std::process::id()));
    let o = cls(&["man", "--dir", &dir.to_string_lossy()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let cited: Vec<String> = man
        .lines()
        .filter_map(|l| l.strip_prefix("cls\\-")?.strip_suffix("(1)"))
        .map(|n| n.replace("\\-", "-"))
        .collect();
    assert!(cited.len() >= 5, "{cited:?}");
    for name in cited {
        let page = std::fs::read_to_string(dir.join(format!("cls-{name}.1")))
            .unwrap_or_else(|_| panic!("cls-{name}.1 missing"));
        assert!(page.contains(".SH NOM") && page.contains(".SH SYNOPSIS"));
        for en in [".SH NAME", ".SH EXTRA", "Possible values", "[default:"] {
            assert!(!page.contains(en), "cls-{name}.1: {en}");
        }
    }
    assert!(dir.join("cls.1").is_file());
    let one = cls(&["man", "ingest"]);
    assert_eq!(
        one.stdout,
        std::fs::read(dir.join("cls-ingest.1")).expect("page")
    );
    std::fs::remove_dir_all(&dir).ok();
}
