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

/// Every place where two JSON values differ, as paths with both values (a full diff: a
/// reviewer sees all the fields that changed, not only the first).
fn differences(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                differences(
                    &format!("{path}.{k}"),
                    v,
                    y.get(k).unwrap_or(&Value::Null),
                    out,
                );
            }
            for k in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(format!("{path}.{k}: unexpected key"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for (i, (v, w)) in x.iter().zip(y.iter()).enumerate() {
                differences(&format!("{path}[{i}]"), v, w, out);
            }
            if x.len() != y.len() {
                out.push(format!(
                    "{path}: expected {} items, got {}",
                    x.len(),
                    y.len()
                ));
            }
        }
        _ if a != b => out.push(format!("{path}:\n    expected {a}\n    got      {b}")),
        _ => {}
    }
}

fn expected_path(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(".expected.json");
    PathBuf::from(s)
}

/// Ingests one fixture and compares its summary with the expected file beside it
/// (`UPDATE_EXPECT=1` rewrites the file instead).
fn check_fixture(rel: &str) {
    let f = root().join(rel);
    let got = match cls_corpus::ingest_path(&f) {
        Ok(doc) => summary(&serde_json::to_value(&doc).expect("document serialises")),
        Err(e) => json!({ "erreur": e.to_string() }),
    };
    let exp_path = expected_path(&f);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        let text = serde_json::to_string_pretty(&got).expect("json") + "\n";
        std::fs::write(&exp_path, text).expect("write expected file");
        return;
    }
    let text = std::fs::read_to_string(&exp_path)
        .unwrap_or_else(|_| panic!("{rel}: no expected file (run with UPDATE_EXPECT=1)"));
    let want: Value = serde_json::from_str(&text).expect("expected file is JSON");
    let mut diff = Vec::new();
    differences("", &want, &got, &mut diff);
    assert!(
        diff.is_empty(),
        "{rel}: {} differences from {}:\n{}",
        diff.len(),
        exp_path.display(),
        diff.join("\n")
    );
}

/// One test per fixture, each named after its file.
macro_rules! fixture_tests {
    ($($name:ident => $path:literal,)*) => {
        $(#[test] fn $name() { check_fixture($path); })*
        const LISTED: &[&str] = &[$($path),*];
    };
}

fixture_tests! {
    pdf_chartres_chromium => "fixtures/pdf/chartres-2020-2025.chromium.pdf",
    pdf_chartres_lo_writer => "fixtures/pdf/chartres-2020-2025.lo-writer.pdf",
    pdf_chartres_lo_web => "fixtures/pdf/chartres-2020-2025.lo-web.pdf",
    pdf_vierzon_chromium => "fixtures/pdf/cls-pays-de-vierzon-2022-2027.chromium.pdf",
    html_agglopolys => "fixtures/html/agglopolys-web.html",
    html_val_de_sarthe_dsfr => "fixtures/html/cc-val-de-sarthe-dsfr.html",
    html_challans => "fixtures/html/challans-web.html",
    html_chartres => "fixtures/html/chartres-web.html",
    html_chaumont => "fixtures/html/chaumont-web.html",
    html_pays_de_vitre_div => "fixtures/html/pays-de-vitre-div.html",
}

#[test]
fn every_fixture_file_has_its_own_test() {
    let listed: Vec<String> = LISTED.iter().map(|s| s.to_string()).collect();
    let missing: Vec<String> = fixtures()
        .iter()
        .map(|p| p.strip_prefix(root()).unwrap_or(p).display().to_string())
        .filter(|p| !listed.contains(p))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to fixture_tests!: {missing:?}"
    );
}
