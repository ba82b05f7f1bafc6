//! Data-driven tests: every fixture under fixtures/ is ingested and compared with the
//! expected summary beside it (`<file>.expected.json`). `UPDATE_EXPECT=1 cargo test`
//! rewrites the expected files; review the diff before committing.
//!
//! The summary keeps what an analyst reads (fields, years, amounts, alerts) and leaves out
//! what only restates it, so that a diff points at the field that changed.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["fixtures/pdf", "fixtures/html"] {
        let Ok(rd) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "pdf" || ext == "html" || ext == "htm" {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn names(v: &Value) -> Value {
    Value::Array(
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|m| json!([m["nom"], m["organisation_id"]]))
                    .collect()
            })
            .unwrap_or_default(),
    )
}

/// The reviewable summary of a document.
fn summary(doc: &Value) -> Value {
    let actions: Vec<Value> = doc["actions"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|a| {
                    json!({
                        "numero": a["numero"], "titre": a["titre"], "axe": a["axe"],
                        "objectif": a["objectif"], "sous_objectif": a["sous_objectif"], "statut": a["statut"],
                        "porteurs": names(&a["porteurs"]), "partenaires": names(&a["partenaires"]),
                        "description": a["description"], "public_cible": a["public_cible"], "territoire": a["territoire"],
                        "calendrier": a["calendrier"], "budget": a["budget"],
                        "indicateurs": a["indicateurs"], "themes": a["themes"], "pages": a["pages"],
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    json!({
        "id": doc["id"], "contrat_id": doc["contrat_id"], "nature": doc["nature"],
        "territoire": doc["territoire"], "periode": doc["periode"], "date_signature": doc["date_signature"],
        "signataires": doc["signataires"], "axes": doc["axes"], "sigles": doc["sigles"],
        "alertes": doc["alertes"], "actions": actions,
    })
}

/// The first place where two JSON values differ, as a path and both values.
fn first_difference(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                if let Some(d) =
                    first_difference(&format!("{path}.{k}"), v, y.get(k).unwrap_or(&Value::Null))
                {
                    return Some(d);
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{path}.{k}: unexpected key"))
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y.iter()).enumerate() {
                if let Some(d) = first_difference(&format!("{path}[{i}]"), v, w) {
                    return Some(d);
                }
            }
            (x.len() != y.len())
                .then(|| format!("{path}: expected {} items, got {}", x.len(), y.len()))
        }
        _ => (a != b).then(|| format!("{path}: expected {a}, got {b}")),
    }
}

fn expected_path(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(".expected.json");
    PathBuf::from(s)
}

#[test]
fn every_fixture_matches_its_expected_summary() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let files = fixtures();
    assert!(
        files.len() >= 4,
        "fixtures/ should hold the shared PDFs and pages"
    );
    let mut failures = Vec::new();
    for f in &files {
        let got = match cls_corpus::ingest_path(f) {
            Ok(doc) => summary(&serde_json::to_value(&doc).expect("document serialises")),
            Err(e) => json!({ "erreur": e.to_string() }),
        };
        let exp_path = expected_path(f);
        if update {
            let text = serde_json::to_string_pretty(&got).expect("json") + "\n";
            std::fs::write(&exp_path, text).expect("write expected file");
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&exp_path) else {
            failures.push(format!(
                "{}: no expected file (run with UPDATE_EXPECT=1)",
                f.display()
            ));
            continue;
        };
        let want: Value = serde_json::from_str(&text).expect("expected file is JSON");
        if let Some(d) = first_difference("", &want, &got) {
            failures.push(format!(
                "{}: {d}",
                f.file_name().unwrap_or_default().to_string_lossy()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
