//! `cls batch` then `cls compare` over the shipped fixtures: one count per contract
//! (retained documents only), the report's figures equal the sums over the CSVs and
//! `actions.jsonl`, and `corpus.xlsx` reads back typed with its accents.

mod common;

use common::{cls, os, root, run, tmp};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The corpus and report of the fixtures, built once for every test of this file.
fn built() -> &'static (PathBuf, PathBuf) {
    static B: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    B.get_or_init(|| {
        let dir = tmp("built");
        let corpus = dir.join("corpus");
        let report = dir.join("report");
        let st = cls()
            .args(["batch", "-q", "--out"])
            .arg(&corpus)
            .arg(root().join("fixtures/pdf"))
            .arg(root().join("fixtures/html"))
            .status()
            .expect("batch");
        assert!(st.success());
        let st = cls()
            .arg("compare")
            .arg(&corpus)
            .arg("--out")
            .arg(&report)
            .env("SOURCE_DATE_EPOCH", "1700000000")
            .status()
            .expect("compare");
        assert!(st.success());
        (corpus, report)
    })
}

/// A CSV as maps from header to field (the BOM dropped).
fn read_csv(p: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(p).expect("csv");
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("record");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn jsonl(corpus: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(corpus.join("actions.jsonl"))
        .expect("jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("line"))
        .collect()
}

#[test]
fn three_copies_of_one_contract_count_once() {
    let (corpus, _) = built();
    let lines = jsonl(corpus);
    let chartres = |retained_only: bool| {
        lines
            .iter()
            .filter(|l| l["territoire"] == "Chartres métropole")
            .filter(|l| !retained_only || l["retenu"] == true)
            .count()
    };
    // Three PDFs of the 56-action contract are in the fixtures.
    assert_eq!(chartres(false), 168);
    assert_eq!(chartres(true), 56);
    // One retained document per contract in documents.csv.
    let docs = read_csv(&corpus.join("documents.csv"));
    let mut per_contract: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &docs {
        *per_contract.entry(&d["contrat_id"]).or_default() += usize::from(d["retenu"] == "true");
    }
    assert!(per_contract.values().all(|n| *n == 1), "{per_contract:?}");
    // The retained Chartres document is the first PDF by path, not the web page.
    let kept: Vec<&str> = docs
        .iter()
        .filter(|d| d["contrat_id"] == "chartres-metropole-2020-2025" && d["retenu"] == "true")
        .map(|d| d["fichier"].as_str())
        .collect();
    assert_eq!(kept, vec!["chartres-2020-2025.chromium.pdf"]);
}

#[test]
fn report_and_tables_agree_with_the_retained_actions() {
    let (corpus, report) = built();
    // Sums over actions.jsonl, retained lines only.
    let mut sums: BTreeMap<(String, String), (i64, f64)> = BTreeMap::new();
    for v in jsonl(corpus).iter().filter(|l| l["retenu"] == true) {
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
    let rows = read_csv(&report.join("territoires_themes.csv"));
    assert_eq!(rows.len(), sums.len());
    for r in &rows {
        let (n, total) = sums[&(r["territoire"].clone(), r["theme"].clone())];
        assert_eq!(r["actions"].parse::<i64>().expect("actions"), n, "{r:?}");
        assert_eq!(
            r["budget_eur"].parse::<f64>().expect("budget"),
            total.round()
        );
    }
    // The territories table sums the same actions, and the overview page shows them.
    let territories = read_csv(&report.join("territoires.csv"));
    let html = std::fs::read_to_string(report.join("index.html")).expect("index");
    let doc = scraper::Html::parse_document(&html);
    let row_sel = scraper::Selector::parse("#territoires + div table tr").expect("selector");
    let shown: BTreeMap<String, String> = doc
        .select(&row_sel)
        .skip(1)
        .map(|tr| {
            let cells: Vec<String> = tr
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|td| td.text().collect::<String>().trim().to_string())
                .collect();
            (cells[0].clone(), cells[3].clone())
        })
        .collect();
    assert_eq!(shown.len(), territories.len());
    for t in &territories {
        let n: i64 = sums
            .iter()
            .filter(|((ter, _), _)| *ter == t["territoire"])
            .map(|(_, v)| v.0)
            .sum();
        assert_eq!(t["actions"].parse::<i64>().expect("actions"), n, "{t:?}");
        assert_eq!(shown[&t["territoire"]], n.to_string(), "{t:?}");
        assert!(n > 0, "a contract without actions is not a contract: {t:?}");
        // Each territory's page lists exactly its actions.
        let page = report.join(format!("territoire-{}.html", t["contrat_id"]));
        let page = std::fs::read_to_string(&page).expect("territory page");
        let page = scraper::Html::parse_document(&page);
        let tr = scraper::Selector::parse("#actions-table tbody tr").expect("selector");
        assert_eq!(page.select(&tr).count() as i64, n, "{}", t["territoire"]);
    }
    // Pages without actions are not counted as contracts.
    assert!(!shown.contains_key("Pays de Chaumont"));
}

#[test]
fn registry_counts_retained_documents_as_the_report_and_actions_do() {
    let (corpus, report) = built();
    // Role counts over the retained rows of actions.csv, per registry id.
    let mut from_actions: BTreeMap<(String, &str), i64> = BTreeMap::new();
    for l in read_csv(&corpus.join("actions.csv")) {
        if l["retenu"] != "true" {
            continue;
        }
        for (role, col) in [
            ("porteur", "porteurs_ids"),
            ("partenaire", "partenaires_ids"),
            ("financeur", "financeurs_ids"),
        ] {
            for id in l[col].split(" | ").filter(|s| !s.is_empty()) {
                *from_actions.entry((id.to_string(), role)).or_default() += 1;
            }
        }
    }
    let registry = read_csv(&corpus.join("organisations.csv"));
    let json: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("organisations.json")).expect("registry"),
    )
    .expect("json");
    let n = |r: &BTreeMap<String, String>, k: &str| r[k].parse::<i64>().expect("count");
    let mut total = 0;
    for (r, j) in registry.iter().zip(&json) {
        assert_eq!(r["id"], j["id"].as_str().expect("id"));
        for role in ["porteur", "partenaire", "financeur"] {
            let want = from_actions
                .get(&(r["id"].clone(), role))
                .copied()
                .unwrap_or(0);
            assert_eq!(n(r, role), want, "{} {role}", r["id"]);
            assert_eq!(j["roles"][role].as_i64(), Some(want), "{} {role}", r["id"]);
            total += want;
        }
        let kept = j["documents_retenus"].as_array().expect("retained").len();
        assert_eq!(n(r, "nb_documents"), kept as i64, "{}", r["id"]);
    }
    assert_eq!(total, from_actions.values().sum::<i64>());
    // The Chartres contract is shipped as three PDFs and a page: the ARS is named in four
    // documents of it, yet counted in one.
    let ars = registry
        .iter()
        .find(|r| r["id"] == "ars-centre-val-de-loire")
        .expect("ARS");
    assert!(ars["documents"].split(" | ").count() > n(ars, "nb_documents") as usize);
    // The report's organisations in several territories count the same.
    let shared = read_csv(&report.join("organisations_partagees.csv"));
    assert!(!shared.is_empty());
    for s in &shared {
        let r = registry
            .iter()
            .find(|r| r["id"] == s["organisation_id"])
            .expect("in the registry");
        for role in ["porteur", "partenaire", "financeur", "signataire"] {
            assert_eq!(s[role], r[role], "{} {role}", r["id"]);
        }
    }
}

#[test]
fn report_pages_are_self_contained_and_dated() {
    let (corpus, report) = built();
    let html = std::fs::read_to_string(report.join("index.html")).expect("report");
    let doc = scraper::Html::parse_document(&html);
    let text: String = doc.root_element().text().collect::<Vec<_>>().join(" ");
    for page in std::fs::read_dir(report).expect("report dir").flatten() {
        if page.path().extension().is_some_and(|x| x == "html") {
            let h = std::fs::read_to_string(page.path()).expect("page");
            assert!(
                !h.contains("<script src") && !h.contains("<link ") && !h.contains("http://"),
                "self-contained: {}",
                page.path().display()
            );
            assert!(h.contains(r#"name="viewport""#));
            // SOURCE_DATE_EPOCH=1700000000 is 2023-11-14.
            assert!(h.contains("2023-11-14"), "generation date");
            assert!(h.contains(concat!("cls ", env!("CARGO_PKG_VERSION"))));
        }
    }
    for th in cls_normalize::themes::vocabulary() {
        assert!(text.contains(&th.label), "theme {} missing", th.label);
    }
    // Action links open the source PDF at the action's page.
    let chartres =
        std::fs::read_to_string(report.join("territoire-chartres-metropole-2020-2025.html"))
            .expect("page");
    assert!(chartres.contains("chartres-2020-2025.chromium.pdf#page="));
    let _ = corpus;
}

#[test]
fn overview_reads_on_a_phone_as_on_a_screen() {
    let (_, report) = built();
    let html = std::fs::read_to_string(report.join("index.html")).expect("index");
    let doc = scraper::Html::parse_document(&html);
    let count = |css: &str| {
        doc.select(&scraper::Selector::parse(css).expect("selector"))
            .count()
    };
    let territories = read_csv(&report.join("territoires.csv")).len();
    let themes = cls_normalize::themes::vocabulary().len() + 1;
    // The grid grows downwards with the territories: one row each (and the total), one
    // column per theme, sticky names when it scrolls sideways.
    assert_eq!(count("table.heat.sticky tbody tr"), territories + 1);
    assert_eq!(count("table.heat thead th"), themes + 2);
    // The calendar is a table too (its labels wrap, never cut), one row per dated
    // territory.
    assert!(count("table.cal.sticky tbody tr") <= territories);
    assert!(count("table.cal tbody tr") > 0);
    // Periods and dates do not break at their hyphens.
    assert_eq!(count("#territoires + div td.nw"), 2 * territories);
    // No drawing of fixed width: charts are HTML, so they reflow.
    for page in std::fs::read_dir(report).expect("report").flatten() {
        let p = page.path();
        if p.extension().is_some_and(|x| x == "html") {
            let h = std::fs::read_to_string(&p).expect("page");
            assert!(!h.contains("<svg"), "{}", p.display());
        }
    }
}

#[test]
fn workbook_reads_back_typed_with_accents() {
    use calamine::{Data, Reader, Xlsx};
    let (corpus, _) = built();
    let mut book: Xlsx<_> = calamine::open_workbook(corpus.join("corpus.xlsx")).expect("xlsx");
    assert_eq!(
        book.sheet_names(),
        [
            "Actions",
            "Montants",
            "Organisations",
            "Documents",
            "Alertes"
        ]
    );
    let actions = book.worksheet_range("Actions").expect("Actions");
    let header: Vec<String> = actions
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name).expect("column");
    let rows: Vec<&[Data]> = actions.rows().skip(1).collect();
    assert_eq!(rows.len(), jsonl(corpus).len());
    // Codes stay text, amounts are numbers, dates are dates, retenu is a boolean.
    assert!(rows
        .iter()
        .any(|r| r[col("departements")] == Data::String("28".into())));
    assert!(rows
        .iter()
        .any(|r| matches!(r[col("budget_total_eur")], Data::Float(_))));
    assert!(rows
        .iter()
        .any(|r| matches!(r[col("date_signature")], Data::DateTime(_))));
    assert!(rows
        .iter()
        .all(|r| matches!(r[col("retenu")], Data::Bool(_))));
    assert!(rows
        .iter()
        .any(|r| r[col("territoire")] == Data::String("Chartres métropole".into())));
    let montants = book.worksheet_range("Montants").expect("Montants");
    assert!(montants
        .rows()
        .skip(1)
        .all(|r| matches!(r[4], Data::Float(_))));
}

#[test]
fn workbook_converts_in_libreoffice() {
    // LibreOffice Calc is installed by .ci/run (libreoffice-calc-nogui); a profile of its
    // own lets this run beside another LibreOffice.
    let (corpus, _) = built();
    let dir = corpus.parent().expect("dir");
    let out = dir.join("soffice");
    let st = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo").display()
        ))
        // Comma, double quote, UTF-8 (LibreOffice's code 76).
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(&out)
        .arg(corpus.join("corpus.xlsx"))
        .output()
        .expect("soffice");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    // The first sheet, accents intact.
    let csv = std::fs::read_to_string(out.join("corpus.csv")).expect("converted csv");
    assert!(csv.starts_with("document_id,contrat_id,retenu"));
    assert!(csv.contains("Chartres métropole"));
}

#[test]
fn format_md_names_every_output_file_and_column() {
    let (corpus, report) = built();
    let doc = std::fs::read_to_string(root().join("docs/FORMAT.md")).expect("docs/FORMAT.md");
    for dir in [corpus, report] {
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let p = e.path();
            let name = p.file_name().expect("name").to_string_lossy().to_string();
            if name.ends_with(".csv") {
                let stem = name.trim_end_matches(".csv");
                assert!(doc.contains(&format!("`{stem}.csv")), "{name} undocumented");
                for r in read_csv_header(&p) {
                    assert!(
                        doc.contains(&format!("`{r}`")),
                        "{name}: column {r} undocumented"
                    );
                }
            }
        }
    }
}

#[test]
fn format_md_names_every_json_key() {
    let (corpus, _) = built();
    let doc = std::fs::read_to_string(root().join("docs/FORMAT.md")).expect("docs/FORMAT.md");
    let mut files = vec![
        corpus.join("manifest.json"),
        corpus.join("organisations.json"),
    ];
    for e in std::fs::read_dir(corpus.join("documents"))
        .expect("documents")
        .flatten()
    {
        files.push(e.path());
    }
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    for f in &files {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).expect("json")).expect("parse");
        collect_keys(&v, "", &f.display().to_string(), &mut keys);
    }
    for l in jsonl(corpus) {
        collect_keys(&l, "", "actions.jsonl", &mut keys);
    }
    assert!(keys.len() > 60, "{keys:?}");
    let undocumented: Vec<String> = keys
        .iter()
        .filter(|(path, _)| !documented(&doc, path))
        .map(|(path, file)| format!("{path} ({file})"))
        .collect();
    assert!(
        undocumented.is_empty(),
        "keys missing from docs/FORMAT.md:\n{}",
        undocumented.join("\n")
    );
}

/// Every key path of a JSON value ("source.fichier", "actions[].budget.montants[].financeur"),
/// with the first file it was seen in.
fn collect_keys(v: &serde_json::Value, at: &str, file: &str, out: &mut BTreeMap<String, String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                // The glossary's keys are acronyms, not part of the format.
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.entry(path.clone()).or_insert_with(|| file.to_string());
                if path != "sigles" {
                    collect_keys(x, &path, file, out);
                }
            }
        }
        serde_json::Value::Array(a) => {
            for x in a {
                collect_keys(x, &format!("{at}[]"), file, out);
            }
        }
        _ => {}
    }
}

/// Whether FORMAT.md names a key: its own name in backticks, alone or after its parent
/// ("`source.fichier`", "`.departements`", "`signataires[]`").
fn documented(doc: &str, path: &str) -> bool {
    let key = path
        .rsplit('.')
        .next()
        .unwrap_or(path)
        .trim_end_matches("[]");
    [
        format!("`{key}`"),
        format!("`{key}[]`"),
        format!("`.{key}`"),
        format!(".{key}`"),
        format!("`{key}."),
    ]
    .iter()
    .any(|form| doc.contains(form.as_str()))
}

fn read_csv_header(p: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(p).expect("csv");
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect()
}

#[test]
fn source_links_open_the_files_from_wherever_compare_runs() {
    let dir = tmp("links");
    let sources = dir.join("batch here").join("contrats été");
    std::fs::create_dir_all(&sources).expect("dir");
    let name = "Vierzon #1 é.pdf";
    std::fs::copy(
        root().join("fixtures/pdf/cls-pays-de-vierzon-2022-2027.chromium.pdf"),
        sources.join(name),
    )
    .expect("copy");
    // The batch runs in "batch here" with a relative input; compare runs elsewhere and
    // writes the report in a third folder.
    let batch_cwd = dir.join("batch here");
    let out = run(
        &batch_cwd,
        &[
            os("batch"),
            os("-q"),
            os("contrats été"),
            os("--out"),
            os("corpus"),
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("dir");
    let out = run(
        &elsewhere,
        &[
            os("compare"),
            batch_cwd.join("corpus").as_os_str(),
            os("--out"),
            os("../rapport"),
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = dir.join("rapport");
    let page = std::fs::read_dir(&report)
        .expect("report")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("territoire-"))
        .expect("a territory page");
    let html = scraper::Html::parse_document(&std::fs::read_to_string(&page).expect("page"));
    let a = scraper::Selector::parse("#actions-table a[href]").expect("selector");
    let hrefs: Vec<String> = html
        .select(&a)
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect();
    assert!(!hrefs.is_empty());
    for h in &hrefs {
        let (path, fragment) = h.split_once('#').expect("a page");
        assert!(fragment.starts_with("page="), "{h}");
        assert!(!path.contains(' ') && !path.contains('é'), "encoded: {h}");
        let file = report.join(percent_decode(path));
        assert!(file.is_file(), "{h} does not lead to {name}");
        assert!(file.ends_with(name));
    }
}

/// `%XX` escapes back to bytes (UTF-8).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).expect("hex");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8")
}
