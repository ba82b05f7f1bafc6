//! `cls compare`: the report names every territory and every theme, and the CSV totals
//! equal the sums over `actions.jsonl` (for the documents retained per contract).

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_csv(p: &std::path::Path) -> Vec<Vec<String>> {
    // The comparison CSVs have no quoted commas in the columns read here.
    std::fs::read_to_string(p)
        .expect("csv")
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

#[test]
fn report_of_the_fixtures_corpus() {
    let dir = std::env::temp_dir().join(format!("cls-report-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let corpus = dir.join("corpus");
    let report = dir.join("report");
    let st = Command::new(env!("CARGO_BIN_EXE_cls"))
        .args(["batch", "-q", "--out"])
        .arg(&corpus)
        .arg(root().join("fixtures/pdf"))
        .arg(root().join("fixtures/html"))
        .status()
        .expect("batch");
    assert!(st.success());
    let st = Command::new(env!("CARGO_BIN_EXE_cls"))
        .arg("compare")
        .arg(&corpus)
        .arg("--out")
        .arg(&report)
        .status()
        .expect("compare");
    assert!(st.success());
    let html = std::fs::read_to_string(report.join("index.html")).expect("report");
    let doc = scraper::Html::parse_document(&html);
    let text: String = doc.root_element().text().collect::<Vec<_>>().join(" ");
    assert!(
        !html.contains("<script src")
            && !html.contains("<link ")
            && !html.contains("http://")
            && !html.contains("https://"),
        "self-contained"
    );
    // Every territory of the corpus.
    let docs: Vec<serde_json::Value> = std::fs::read_dir(corpus.join("documents"))
        .expect("docs")
        .flatten()
        .map(|e| serde_json::from_slice(&std::fs::read(e.path()).expect("read")).expect("json"))
        .collect();
    for d in &docs {
        let t = d["territoire"]["nom"].as_str().expect("territory");
        assert!(text.contains(t), "territory {t} missing from the report");
    }
    // Every theme of the vocabulary.
    for th in cls_normalize::themes::vocabulary() {
        assert!(text.contains(&th.label), "theme {} missing", th.label);
    }
    // Budget totals per territory × theme = sums over actions.jsonl of retained documents.
    let retained: Vec<String> = read_csv(&report.join("documents.csv"))
        .into_iter()
        .skip(1)
        .filter(|r| r.last().is_some_and(|x| x == "oui"))
        .map(|r| r[2].clone())
        .collect();
    let jsonl = std::fs::read_to_string(corpus.join("actions.jsonl")).expect("jsonl");
    let mut sums: std::collections::BTreeMap<(String, String), (i64, f64)> = Default::default();
    for l in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(l).expect("line");
        if !retained.contains(&v["document_id"].as_str().unwrap_or("").to_string()) {
            continue;
        }
        let key = (
            v["territoire"].as_str().unwrap_or("").to_string(),
            v["theme_principal"]
                .as_str()
                .unwrap_or("non_classe")
                .to_string(),
        );
        let e = sums.entry(key).or_default();
        e.0 += 1;
        e.1 += v["budget_total_eur"].as_f64().unwrap_or(0.0);
    }
    let rows = read_csv(&report.join("budget_par_territoire_theme.csv"));
    assert_eq!(rows.len() - 1, sums.len());
    for r in rows.iter().skip(1) {
        let (n, total) = sums[&(r[0].clone(), r[1].clone())];
        assert_eq!(r[2].parse::<i64>().expect("actions"), n, "{r:?}");
        assert_eq!(r[5].parse::<f64>().expect("total"), total.round(), "{r:?}");
    }
    let counts = read_csv(&report.join("actions_par_territoire_theme.csv"));
    let total: i64 = counts
        .iter()
        .skip(1)
        .map(|r| r.last().and_then(|x| x.parse::<i64>().ok()).unwrap_or(0))
        .sum();
    assert_eq!(total, sums.values().map(|v| v.0).sum::<i64>());
}
