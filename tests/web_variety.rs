//! The variety corpus of web pages (`fixtures/variety/html`, eight CMSs and as many
//! layouts, two pages that are not contracts): each page scored field by field against
//! `gold.json`, as `shared/eval/score.py web` scores it (axes, actions with their number,
//! title and axis, leads, territory, no boilerplate), plus the page's nature and the links
//! to the contract's PDF. Every field of every page must reach 0.95.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/variety/html")
}

/// The scorer's comparison form: folded, letters and digits only.
fn norm(s: &str) -> String {
    cls_normalize::text::fold(s)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn tokens(s: &str) -> Vec<String> {
    cls_normalize::text::fold(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Token F1 of two texts, as the scorer computes it (bags of words).
fn token_f1(gold: &str, out: &str) -> f64 {
    let count = |s: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for t in tokens(s) {
            *m.entry(t).or_default() += 1;
        }
        m
    };
    let (g, o) = (count(gold), count(out));
    let (ng, no): (usize, usize) = (g.values().sum(), o.values().sum());
    if ng == 0 && no == 0 {
        return 1.0;
    }
    let inter: usize = g
        .iter()
        .map(|(t, n)| (*n).min(o.get(t).copied().unwrap_or(0)))
        .sum();
    if inter == 0 {
        return 0.0;
    }
    let (p, r) = (inter as f64 / no as f64, inter as f64 / ng as f64);
    2.0 * p * r / (p + r)
}

fn names(v: &Value) -> String {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|m| m["nom"].as_str().unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// The scores of one page: (field, score in 0..1).
fn score_page(gold: &Value, out: &Value) -> Vec<(&'static str, f64)> {
    let mut s = Vec::new();
    let set = |v: &Value| -> HashSet<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| norm(x["titre"].as_str().unwrap_or("")))
                    .collect()
            })
            .unwrap_or_default()
    };
    let (ga, oa) = (set(&gold["axes"]), set(&out["axes"]));
    let tp = ga.intersection(&oa).count() as f64;
    let axes = if ga.is_empty() && oa.is_empty() {
        1.0
    } else if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (ga.len() + oa.len()) as f64
    };
    s.push(("axes", axes));
    let territoire = token_f1(
        gold["territoire"]["nom"].as_str().unwrap_or(""),
        out["territoire"]["nom"].as_str().unwrap_or(""),
    );
    s.push(("territoire", if territoire >= 0.8 { 1.0 } else { 0.0 }));
    let gold_actions = gold["actions"].as_array().cloned().unwrap_or_default();
    let by_num: HashMap<String, &Value> = out["actions"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| (x["numero"].as_str().unwrap_or("").to_string(), x))
                .collect()
        })
        .unwrap_or_default();
    if gold_actions.is_empty() {
        let extra = out["actions"].as_array().map_or(0, Vec::len);
        s.push(("actions", if extra == 0 { 1.0 } else { 0.0 }));
    } else {
        let n = gold_actions.len() as f64;
        let mut hit = 0.0;
        let mut leads = 0.0;
        for g in &gold_actions {
            let num = g["numero"].as_str().unwrap_or("");
            let Some(o) = by_num.get(num) else { continue };
            if norm(o["titre"].as_str().unwrap_or("")) == norm(g["titre"].as_str().unwrap_or(""))
                && o["axe"] == g["axe"]
            {
                hit += 1.0;
            }
            let gp: Vec<&str> = g["porteurs"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            leads += token_f1(&gp.join(" "), &names(&o["porteurs"]));
        }
        s.push(("actions", hit / n));
        s.push(("porteurs", leads / n));
        let extra = by_num.len().saturating_sub(gold_actions.len());
        s.push(("no_extra_action", if extra == 0 { 1.0 } else { 0.0 }));
    }
    let dump = out.to_string();
    let leaked = gold["must_not_contain"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).any(|w| dump.contains(w)))
        .unwrap_or(false);
    s.push(("boilerplate", if leaked { 0.0 } else { 1.0 }));
    let nature = if gold["nature"] == "autre" {
        "autre"
    } else {
        "page_web"
    };
    s.push(("nature", if out["nature"] == nature { 1.0 } else { 0.0 }));
    let links = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let same_links = links(&gold["documents_lies"]) == links(&out["source"]["documents_lies"]);
    s.push(("documents_lies", if same_links { 1.0 } else { 0.0 }));
    s
}

#[test]
fn every_variety_page_scores_at_least_095_on_every_field() {
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(dir().join("gold.json")).expect("gold.json"))
            .expect("gold json");
    let pages = gold["documents"].as_array().expect("documents");
    assert!(pages.len() >= 8, "the corpus has at least eight pages");
    let mut failures = Vec::new();
    for g in pages {
        let name = g["fichier"].as_str().expect("fichier");
        let doc =
            cls_corpus::ingest_path(&dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out = serde_json::to_value(doc).expect("json");
        for (field, score) in score_page(g, &out) {
            if score < 0.95 {
                failures.push(format!("{name}: {field} {score:.2}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_page_that_is_not_a_contract_says_so_in_an_alert() {
    let doc =
        cls_corpus::ingest_path(&dir().join("saint-aubin-recette-gutenberg.html")).expect("ingest");
    assert_eq!(doc.nature, cls_model::Nature::Autre);
    assert!(doc.alertes.iter().any(|a| a.code == "hors_sujet"));
    assert!(doc.actions.is_empty(), "recipe steps are not actions");
}

#[test]
fn the_scorer_port_counts_a_wrong_axis_as_a_miss() {
    let gold: Value = serde_json::json!({
        "axes": [{"titre": "Soins"}], "territoire": {"nom": "Pays de X"},
        "actions": [{"numero": "1", "titre": "Agir", "axe": 1, "porteurs": ["CCAS"]}],
        "must_not_contain": [], "nature": "contrat", "documents_lies": []
    });
    let out: Value = serde_json::json!({
        "axes": [{"titre": "Soins"}], "territoire": {"nom": "Pays de X"}, "nature": "page_web",
        "actions": [{"numero": "1", "titre": "Agir", "axe": 2, "porteurs": [{"nom": "CCAS"}]}],
        "source": {}
    });
    let s: HashMap<&str, f64> = score_page(&gold, &out).into_iter().collect();
    assert_eq!(s["actions"], 0.0);
    assert_eq!(s["porteurs"], 1.0);
    assert_eq!(s["territoire"], 1.0);
}
