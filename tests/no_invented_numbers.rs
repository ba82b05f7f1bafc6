//! No normaliser invents a value: every amount, year and date of the output can be found in
//! the text it was read from (or, for totals, is the sum the spec asks for; for years, the
//! contract's own period when the text says "durée du CLS").

use cls_model::Document;
use std::path::PathBuf;

/// Every number of a text, as written (French grouping and decimal comma undone).
fn numbers(text: &str) -> Vec<f64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut s = String::new();
            while i < chars.len() {
                let c = chars[i];
                let grouped = matches!(c, ' ' | '.' | '\u{a0}' | '\u{202f}')
                    && i + 3 < chars.len() + 1
                    && chars[i + 1..].iter().take(3).all(|d| d.is_ascii_digit())
                    && chars.get(i + 4).is_none_or(|d| !d.is_ascii_digit());
                if c.is_ascii_digit() {
                    s.push(c);
                } else if c == ',' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
                    s.push('.');
                } else if grouped {
                    // thousands separator
                } else {
                    break;
                }
                i += 1;
            }
            if let Ok(n) = s.parse() {
                out.push(n);
            }
        } else {
            i += 1;
        }
    }
    out
}

fn stated(amount: f64, text: &str) -> bool {
    numbers(text).iter().any(|n| {
        [1.0, 1_000.0, 1_000_000.0]
            .iter()
            .any(|m| (n * m - amount).abs() < 0.5)
    })
}

fn docs() -> Vec<Document> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for dir in ["pdf", "html"] {
        for e in std::fs::read_dir(root.join(dir))
            .expect("fixtures dir")
            .flatten()
        {
            let p = e.path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("pdf" | "html")) {
                if let Ok(d) = cls_corpus::ingest_path(&p) {
                    out.push(d);
                }
            }
        }
    }
    out
}

#[test]
fn every_number_of_the_output_is_in_its_source_text() {
    let docs = docs();
    assert!(!docs.is_empty());
    let mut checked = 0;
    for d in &docs {
        for a in &d.actions {
            let n = a.numero.clone().unwrap_or_default();
            let bt = a.budget.texte.clone().unwrap_or_default();
            for m in &a.budget.montants {
                assert!(
                    stated(m.montant_eur, &bt),
                    "{} fiche {n}: amount {} not in {bt:?}",
                    d.source.fichier,
                    m.montant_eur
                );
                checked += 1;
            }
            if let Some(t) = a.budget.total_eur {
                let sum: f64 = a.budget.montants.iter().map(|m| m.montant_eur).sum();
                let ok = stated(t, &bt)
                    || (t - sum).abs() < 0.5
                    || (t == 0.0 && a.budget.montants.is_empty())
                    || numbers(&bt).iter().any(|k| {
                        a.budget.montants.iter().any(|m| {
                            (m.montant_eur * k - t).abs() < 0.5
                                || (sum - m.montant_eur + m.montant_eur * k - t).abs() < 0.5
                        })
                    });
                assert!(
                    ok,
                    "{} fiche {n}: total {t} neither stated nor derived from {bt:?}",
                    d.source.fichier
                );
            }
            let ct = a.calendrier.texte.clone().unwrap_or_default();
            for y in [a.calendrier.debut, a.calendrier.fin].into_iter().flatten() {
                let in_text = ct.contains(&y.to_string());
                let period = Some(y) == d.periode.debut || Some(y) == d.periode.fin;
                assert!(
                    in_text || period,
                    "{} fiche {n}: year {y} not in {ct:?}",
                    d.source.fichier
                );
                checked += 1;
            }
            for j in &a.calendrier.jalons {
                assert!(
                    ct.contains(&j.date[..4]),
                    "{} fiche {n}: milestone {} not in {ct:?}",
                    d.source.fichier,
                    j.date
                );
            }
        }
    }
    assert!(checked > 50, "too few values checked: {checked}");
}
