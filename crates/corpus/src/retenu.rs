//! One count per contract: which document of a contract is `retenu` (retained).
//!
//! A contract often reaches the corpus several times: its PDF printed by two tools, its web
//! page, a copy under another name. They share `contrat_id`, and every aggregate (the
//! report, the comparison tables, the README's queries) counts the retained one only. The
//! rule, in order:
//!
//! 1. a document that lists actions beats one that lists none (an empty print or a web
//!    page without its action list says nothing to count);
//! 2. a PDF beats a web page (the PDF is the signed text, a page a summary of it);
//! 3. the document with the most actions beats one with fewer (the fullest reading);
//! 4. the earliest path beats later ones (stable from run to run).

use cls_model::{Document, Format};
use std::collections::{BTreeMap, HashSet};

/// What the rule looks at in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub contrat_id: String,
    pub format: Format,
    pub actions: usize,
}

impl Candidate {
    pub fn of(d: &Document) -> Candidate {
        Candidate {
            contrat_id: d.contrat_id.clone(),
            format: d.source.format,
            actions: d.actions.len(),
        }
    }

    /// Larger is better; the path order is the tie-break, outside this key.
    fn rank(&self) -> (bool, bool, usize) {
        (self.actions > 0, self.format == Format::Pdf, self.actions)
    }
}

/// For candidates given in path order, whether each one is the retained document of its
/// contract. Exactly one per `contrat_id` is `true`.
pub fn retained(candidates: &[Candidate]) -> Vec<bool> {
    let mut best: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        match best.get(c.contrat_id.as_str()) {
            // Strictly better only: on a tie the earlier path stays.
            Some(&b) if candidates[b].rank() >= c.rank() => {}
            _ => {
                best.insert(&c.contrat_id, i);
            }
        }
    }
    let mut out = vec![false; candidates.len()];
    for i in best.into_values() {
        out[i] = true;
    }
    out
}

/// The ids of the retained documents among `docs`, given in path order.
pub fn retained_ids(docs: &[Document]) -> HashSet<String> {
    let cands: Vec<Candidate> = docs.iter().map(Candidate::of).collect();
    retained(&cands)
        .into_iter()
        .zip(docs)
        .filter(|(k, _)| *k)
        .map(|(_, d)| d.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: &str, format: Format, actions: usize) -> Candidate {
        Candidate {
            contrat_id: id.into(),
            format,
            actions,
        }
    }

    #[test]
    fn the_fullest_pdf_beats_a_web_page_then_the_earliest_path_wins() {
        let cs = [
            c("a", Format::Html, 60),
            c("a", Format::Pdf, 55),
            c("a", Format::Pdf, 56),
            c("a", Format::Pdf, 56),
            c("b", Format::Html, 3),
        ];
        assert_eq!(retained(&cs), vec![false, false, true, false, true]);
    }

    #[test]
    fn a_document_with_actions_beats_an_empty_pdf() {
        let cs = [c("a", Format::Pdf, 0), c("a", Format::Html, 4)];
        assert_eq!(retained(&cs), vec![false, true]);
    }

    #[test]
    fn a_lone_document_is_retained_even_without_actions() {
        assert_eq!(retained(&[c("a", Format::Html, 0)]), vec![true]);
    }
}
