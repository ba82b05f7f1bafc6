//! `cls inspect`: the HTML view of what the PDF reader saw, checked on two variety prints.

mod common;

use common::{cls, root};

/// Runs `cls inspect` on a variety print and returns the HTML it wrote.
fn inspect(name: &str) -> String {
    let out = std::env::temp_dir().join(format!("cls-inspect-{}-{name}.html", std::process::id()));
    let status = cls()
        .arg("inspect")
        .arg(root().join("fixtures/variety/pdf").join(name))
        .arg("--html")
        .arg(&out)
        .status()
        .expect("cls runs");
    assert!(status.success(), "cls inspect {name} failed");
    let html = std::fs::read_to_string(&out).expect("the HTML page is written");
    std::fs::remove_file(&out).ok();
    html
}

#[test]
fn header_row_grid_has_one_svg_per_page_and_pilote_goes_to_porteurs() {
    let html = inspect("hg-rows-staubin.chromium.pdf");
    let pages = html.matches("<h2 id=\"page-").count();
    assert!(pages >= 1);
    assert_eq!(html.matches("<svg").count(), pages);
    assert!(
        html.contains("Pilote → porteurs"),
        "Pilote is not annotated"
    );
    // Self-contained: nothing is fetched from the network.
    assert!(!html.contains("src=\"http"));
    assert!(!html.contains("<link"));
}

#[test]
fn two_column_brochure_draws_its_gutter() {
    let html = inspect("br-twocol-madeleine.chromium.pdf");
    assert!(html.contains("class=\"gutter\""), "no gutter band drawn");
    // The fiche heading that opened action 1.1 says so (the apostrophe is escaped).
    assert!(html.contains("ouvre l&#39;action n° 1.1"));
}
