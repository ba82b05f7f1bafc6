//! The registry over two documents of one région: the ARS of Centre-Val de Loire is one
//! organisation, the CPAM of Eure-et-Loir (28) and of Loir-et-Cher (41) stay two.

use std::path::PathBuf;

#[test]
fn chartres_pdf_and_agglopolys_page_share_the_ars_and_keep_cpams_apart() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let a =
        cls_corpus::ingest_path(&root.join("pdf/chartres-2020-2025.chromium.pdf")).expect("pdf");
    let b = cls_corpus::ingest_path(&root.join("html/agglopolys-web.html")).expect("page");
    assert_eq!(a.territoire.departements, vec!["28".to_string()]);
    assert_eq!(b.territoire.departements, vec!["41".to_string()]);
    let reg = cls_corpus::registry::build(&[a.clone(), b.clone()]);
    let ars: Vec<_> = reg.iter().filter(|o| o.kind == "ars").collect();
    assert_eq!(
        ars.len(),
        1,
        "{:?}",
        ars.iter().map(|o| &o.id).collect::<Vec<_>>()
    );
    assert_eq!(ars[0].id, "ars-centre-val-de-loire");
    assert_eq!(ars[0].documents.len(), 2);
    let cpam: Vec<&str> = reg
        .iter()
        .filter(|o| o.kind == "cpam")
        .map(|o| o.id.as_str())
        .collect();
    assert!(
        cpam.contains(&"cpam-28") && cpam.contains(&"cpam-41"),
        "{cpam:?}"
    );
    let cias: Vec<&str> = reg
        .iter()
        .filter(|o| o.kind == "cias")
        .map(|o| o.id.as_str())
        .collect();
    assert!(
        cias.contains(&"cias-chartres-metropole") && cias.contains(&"cias-blaisois"),
        "{cias:?}"
    );
    // Every mention of a porteur carries an id unless it is a generic group.
    for act in a.actions.iter().chain(b.actions.iter()) {
        for m in &act.porteurs {
            assert!(
                m.organisation_id.is_some() || cls_normalize::mentions::is_generic(&m.nom),
                "fiche {:?}: {}",
                act.numero,
                m.nom
            );
        }
    }
}

#[test]
fn registry_of_the_chartres_contract_groups_name_variants() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let a = cls_corpus::ingest_path(&root.join("pdf/chartres-2020-2025.lo-web.pdf")).expect("pdf");
    let reg = cls_corpus::registry::build(&[a]);
    let find = |id: &str| {
        reg.iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let names = |id: &str| {
        find(id)
            .variantes
            .iter()
            .map(|v| v.nom.clone())
            .collect::<Vec<_>>()
    };
    assert!(
        names("cd-28").contains(&"CD 28".to_string())
            && names("cd-28").contains(&"CD28".to_string())
    );
    assert!(names("cdom-28").iter().any(|n| n.contains("Ordre")));
    assert!(
        names("ch-henri-ey-28").len() >= 2,
        "{:?}",
        names("ch-henri-ey-28")
    );
    assert_ne!(find("ccas-chartres").id, find("ccas-luce").id);
}
