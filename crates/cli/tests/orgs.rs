//! `cls orgs`: the registry of a contract as JSON, CSV or text, and a French error
//! for an unknown format.

mod common;

use common::{cls, root};
use std::path::PathBuf;
use std::process::Output;

fn contract() -> PathBuf {
    root().join("fixtures/pdf/cls-pays-de-vierzon-2022-2027.chromium.pdf")
}

fn orgs(format: &str) -> Output {
    cls()
        .arg("orgs")
        .arg(contract())
        .args(["--format", format])
        .output()
        .expect("cls")
}

#[test]
fn the_three_formats_list_the_same_bodies() {
    let json = orgs("json");
    assert!(json.status.success());
    let reg: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json registry");
    let n = reg.as_array().map_or(0, Vec::len);
    assert!(n > 5, "{n} organisations");
    let csv = orgs("csv");
    assert!(csv.status.success());
    let text = String::from_utf8(csv.stdout).expect("utf-8");
    let text = text.trim_start_matches('\u{feff}');
    assert!(text.starts_with("id,"), "{}", &text[..40.min(text.len())]);
    assert_eq!(text.lines().count(), n + 1);
    let table = orgs("text");
    assert!(table.status.success());
    assert_eq!(
        String::from_utf8_lossy(&table.stdout).lines().count(),
        n + 1
    );
}

#[test]
fn an_unknown_format_is_an_error() {
    let out = orgs("xml");
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("xml"));
}
