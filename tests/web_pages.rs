//! Web pages: no boilerplate reaches the output, and the Agglopolys page gives its 19
//! actions with their leads and axes.

use std::path::PathBuf;

fn ingest(name: &str) -> serde_json::Value {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/html")
        .join(name);
    serde_json::to_value(cls_corpus::ingest_path(&p).unwrap_or_else(|e| panic!("{name}: {e}")))
        .expect("json")
}

#[test]
fn no_boilerplate_leaks_into_any_page() {
    // What every page of these sites repeats: cookie banners, menus, share links, related
    // news, footers, lorem-ipsum filler.
    let banned = [
        "tarteaucitron",
        "Tout accepter",
        "Tout refuser",
        "Mentions légales",
        "Octobre rose",
        "Partager",
        "Revenir en haut de page",
        "Curabitur",
        "Envoyer un email",
        "Plan du site",
        "Forum de l'emploi",
        "Aller au contenu",
        "cookies",
    ];
    for page in [
        "agglopolys-web.html",
        "chartres-web.html",
        "chaumont-web.html",
        "challans-web.html",
        "pays-de-vitre-div.html",
        "cc-val-de-sarthe-dsfr.html",
    ] {
        let dump = ingest(page).to_string();
        for b in banned {
            assert!(!dump.contains(b), "{page}: leaked {b:?}");
        }
    }
}

#[test]
fn agglopolys_lists_19_actions_with_leads_and_axes() {
    let d = ingest("agglopolys-web.html");
    let actions = d["actions"].as_array().expect("actions");
    assert_eq!(actions.len(), 19);
    assert!(actions
        .iter()
        .all(|a| !a["porteurs"].as_array().expect("porteurs").is_empty()));
    assert_eq!(actions[18]["axe"], 5, "EN TRANSVERSALITE is the fifth axis");
    assert_eq!(
        actions[3]["porteurs"].as_array().expect("porteurs").len(),
        3,
        "Santé Escale 41 Agglopolys et Ville de Blois"
    );
    assert_eq!(d["territoire"]["nom"], "Agglopolys");
    assert_eq!(d["periode"]["debut"], 2022);
}

#[test]
fn axes_given_as_an_example_of_another_contract_are_not_this_pages() {
    let d = ingest("chaumont-web.html");
    assert_eq!(d["axes"].as_array().map(Vec::len), Some(0));
    assert_eq!(d["territoire"]["nom"], "Pays de Chaumont");
}

#[test]
fn inline_enumeration_of_axes_and_signing_date() {
    let d = ingest("challans-web.html");
    assert_eq!(d["axes"].as_array().map(Vec::len), Some(4));
    assert_eq!(d["date_signature"], "2022-12-15");
}

#[test]
fn latin1_div_page_with_news_column_and_action_tables() {
    let d = ingest("pays-de-vitre-div.html");
    // The site names itself in full in its <title>: the fuller form of the h1's name wins.
    assert_eq!(
        d["territoire"]["nom"],
        "Communauté de communes du Pays de Vitré"
    );
    assert_eq!(d["actions"].as_array().map(Vec::len), Some(3));
    assert_eq!(d["actions"][0]["budget"]["total_eur"], 100000);
    assert_eq!(d["date_signature"], "2021-07-08");
}

#[test]
fn state_design_system_page() {
    let d = ingest("cc-val-de-sarthe-dsfr.html");
    assert_eq!(d["axes"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        d["actions"][0]["budget"]["total_eur"], 45000,
        "15 000 € par an pendant 3 ans"
    );
    assert_eq!(d["nature"], "page_web");
}
