//! `cls explain-themes` explains exactly the ranking stored in each document: for every
//! action of every fixture, the themes recomputed from `ActionWords` (what the explanation
//! reads) equal the stored ones.

use cls_normalize::themes::{themes, ActionWords};
use std::path::PathBuf;

#[test]
fn stored_themes_are_the_explained_ranking_for_every_fixture_action() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for dir in ["fixtures/pdf", "fixtures/html"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("fixture folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "html"))
            .collect();
        files.sort();
        for f in files {
            let doc =
                cls_corpus::ingest_path(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            for a in &doc.actions {
                let explained = themes(&ActionWords::of(&doc.axes, a).fields());
                assert_eq!(explained, a.themes, "{} action {:?}", f.display(), a.numero);
                checked += 1;
            }
        }
    }
    assert!(checked >= 79, "only {checked} actions checked");
}
