//! Named regressions on the shipped PDFs: each test guards one case that once went wrong
//! (fiche number, producer, label variant), with a small precise assertion.

use cls_model::{Action, Document, Statut};
use std::path::PathBuf;
use std::sync::OnceLock;

fn load(name: &str) -> Document {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/pdf")
        .join(name);
    cls_corpus::ingest_path(&p).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn chromium() -> &'static Document {
    static D: OnceLock<Document> = OnceLock::new();
    D.get_or_init(|| load("chartres-2020-2025.chromium.pdf"))
}
fn lo_writer() -> &'static Document {
    static D: OnceLock<Document> = OnceLock::new();
    D.get_or_init(|| load("chartres-2020-2025.lo-writer.pdf"))
}
fn lo_web() -> &'static Document {
    static D: OnceLock<Document> = OnceLock::new();
    D.get_or_init(|| load("chartres-2020-2025.lo-web.pdf"))
}

fn fiche<'a>(d: &'a Document, n: &str) -> &'a Action {
    d.actions
        .iter()
        .find(|a| a.numero.as_deref() == Some(n))
        .unwrap_or_else(|| panic!("fiche {n} missing"))
}

#[test]
fn all_three_producers_find_the_56_fiches_in_order() {
    for d in [chromium(), lo_writer(), lo_web()] {
        let nums: Vec<String> = d.actions.iter().filter_map(|a| a.numero.clone()).collect();
        let want: Vec<String> = (1..=56).map(|n| n.to_string()).collect();
        assert_eq!(nums, want, "{}", d.source.fichier);
    }
}

#[test]
fn chromium_kerned_capitals_are_one_word() {
    // Chromium positions every glyph; CID range widths were lost upstream ("HABIT ANTS").
    let a = fiche(chromium(), "4");
    assert_eq!(a.objectif.as_deref(), Some("1.1"));
    let axe = &chromium().axes[0].objectifs[0].titre;
    assert!(axe.contains("HABITANTS"), "{axe}");
    assert!(fiche(chromium(), "4")
        .partenaires
        .iter()
        .any(|m| m.nom.contains("Graff")));
}

#[test]
fn wrapped_ressources_label_does_not_leak_into_the_budget() {
    for d in [chromium(), lo_writer(), lo_web()] {
        let b = fiche(d, "4").budget.texte.clone().unwrap_or_default();
        assert!(
            b.starts_with("Financement : Chartres métropole : 10 000 €"),
            "{}: {b}",
            d.source.fichier
        );
        assert!(!b.contains("matérielles)"), "{}: {b}", d.source.fichier);
    }
}

#[test]
fn lo_writer_fiche_27_label_printed_in_value_column() {
    // "0" then "Evaluation" in the value column: budget 0, no indicator.
    let a = fiche(lo_writer(), "27");
    assert_eq!(a.budget.texte.as_deref(), Some("0"));
    assert!(a.indicateurs.is_empty(), "{:?}", a.indicateurs);
}

#[test]
fn lo_web_fiche_18_partners_continue_on_next_page() {
    let a = fiche(lo_web(), "18");
    let p: Vec<&str> = a.partenaires.iter().map(|m| m.nom.as_str()).collect();
    assert!(
        p.join(" ").ends_with("relative à l'instance de suivi"),
        "{p:?}"
    );
    assert!(a
        .description
        .as_deref()
        .unwrap_or("")
        .starts_with("Définition d'un plan"));
    assert_eq!(a.pages, vec![40, 41]);
}

#[test]
fn lo_web_fiche_42_label_tail_at_page_top_is_not_budget() {
    assert_eq!(
        fiche(lo_web(), "42").budget.texte.as_deref(),
        Some("Pris en charge par la MDA")
    );
}

#[test]
fn superscript_1er_stays_in_its_word() {
    for d in [chromium(), lo_writer(), lo_web()] {
        let c = fiche(d, "36").calendrier.texte.clone().unwrap_or_default();
        assert!(c.contains("du 1er janvier"), "{}: {c}", d.source.fichier);
    }
}

#[test]
fn lowercase_evaluation_ending_a_description_is_text() {
    // Fiche 18's description ends with the word "évaluation", not the "Evaluation" label.
    assert!(fiche(lo_web(), "18")
        .description
        .as_deref()
        .unwrap_or("")
        .ends_with("et évaluation"));
}

#[test]
fn status_mixte_and_outline_codes() {
    let a = fiche(chromium(), "2");
    assert_eq!(a.statut, Some(Statut::Mixte));
    assert_eq!(
        (a.axe, a.objectif.as_deref(), a.sous_objectif.as_deref()),
        (Some(1), Some("1.1"), Some("1.1.1"))
    );
}

#[test]
fn document_facts_of_chartres() {
    for d in [chromium(), lo_writer(), lo_web()] {
        assert_eq!(d.territoire.nom.as_deref(), Some("Chartres métropole"));
        assert_eq!((d.periode.debut, d.periode.fin), (Some(2020), Some(2025)));
        assert_eq!(d.date_signature.as_deref(), Some("2020-02-17"));
        assert_eq!(d.signataires.len(), 9, "{}", d.source.fichier);
        assert_eq!(
            d.signataires[0].representant.as_deref(),
            Some("Fadela Benrabia")
        );
        assert_eq!(d.territoire.communes.len(), 66, "{}", d.source.fichier);
        assert_eq!(
            d.sigles.get("ADMS").map(String::as_str),
            Some("Association pour le Développement de la Médecine et du Sport")
        );
        assert_eq!(d.axes.len(), 4);
        assert_eq!(d.id, "chartres-metropole-2020-2025");
    }
}

#[test]
fn broken_files_are_refused_with_a_reason() {
    let cases: [(&str, &[u8]); 3] = [
        ("random.bin", b"\x00\x01\x02 not a document at all \xff\xfe"),
        ("empty.pdf", b""),
        (
            "truncated.pdf",
            b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
        ),
    ];
    for (name, bytes) in cases {
        let r = cls_corpus::ingest_bytes(name, bytes);
        let e = r
            .err()
            .unwrap_or_else(|| panic!("{name} should be refused"));
        assert!(
            !e.to_string().contains('\n'),
            "{name}: one-line reason, got {e}"
        );
    }
    // A real PDF cut in half: refused or read in part, never a panic.
    let full = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/pdf/chartres-2020-2025.lo-writer.pdf"),
    )
    .expect("fixture");
    let _ = cls_corpus::ingest_bytes("half.pdf", &full[..full.len() / 2]);
}
