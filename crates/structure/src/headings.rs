//! Wrapped headings made whole: a heading printed over several lines (a title in a narrow
//! column, an axis title that runs onto a second line) becomes one line before anything
//! reads it, so that every reader sees the whole title.
//!
//! A heading is a line printed larger than the body text; the line under it continues it
//! when it has the same size, follows at a heading's line pitch, and does not open a
//! heading of its own. Sizes and distances are relative to the font size.

use crate::vocab::{classify_label, patterns};
use cls_extract::{Block, Line};

/// Lines this much larger than the body text are headings.
const HEADING_RATIO: f64 = 1.08;
/// Two lines of one heading have sizes within this share of each other.
const SAME_SIZE: f64 = 0.03;
/// The next line of a heading starts within this many font sizes below the previous one.
const MAX_PITCH: f64 = 1.8;

/// The body text size: the size most lines are printed in.
fn body_size(blocks: &[Block]) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for b in blocks {
        if let Block::Line(l) = b {
            let k = (l.size * 2.0).round() as i64;
            match counts.iter_mut().find(|c| c.0 == k) {
                Some(c) => c.1 += l.text.chars().count(),
                None => counts.push((k, l.text.chars().count())),
            }
        }
    }
    counts
        .iter()
        .max_by_key(|c| c.1)
        .map(|c| c.0 as f64 / 2.0)
        .unwrap_or(0.0)
}

/// Whether a line opens something of its own: a heading pattern, a label, a list item.
fn opens(l: &Line) -> bool {
    let p = patterns();
    let t = l.text.trim();
    p.fiche.is_match(t)
        || p.axe.is_match(t)
        || p.objectif.is_match(t)
        || p.sous_objectif.is_match(t)
        || p.action_heading.is_match(t)
        || p.numbered_heading.is_match(t)
        || p.toc_entry.is_match(t)
        || t.split_once(':')
            .is_some_and(|(h, _)| classify_label(h).is_some())
        || t.starts_with(['•', '-', '–', '▪', '●'])
}

/// Joins each heading with the lines that continue it.
pub(crate) fn merge_wrapped_headings(blocks: &[Block]) -> Vec<Block> {
    let body = body_size(blocks);
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let (Some(Block::Line(prev)), Block::Line(l)) = (out.last_mut(), b) {
            let heading = body > 0.0 && prev.size >= HEADING_RATIO * body;
            let same_size = (prev.size - l.size).abs() <= SAME_SIZE * prev.size;
            let pitch = l.y - prev.y;
            let follows = l.page == prev.page && pitch > 0.0 && pitch <= MAX_PITCH * prev.size;
            let ends_sentence = prev.text.trim_end().ends_with(['.', '!', '?']);
            // Cheap tests first: the pattern tests run only for lines that could join.
            if same_size
                && follows
                && ((heading && !ends_sentence && !p_toc(prev)) || title_below(prev, l))
                && !opens(l)
            {
                prev.text = cls_extract::join_lines(&[prev.text.as_str(), l.text.as_str()]);
                prev.y = l.y;
                prev.x1 = prev.x1.max(l.x1);
                continue;
            }
        }
        out.push(b.clone());
    }
    out
}

/// An outline heading whose title went wholly to the next line ("Objectif spécifique 2.2 –"
/// over "Accompagner la parentalité"), printed in any size: the line ends with the
/// heading's separator and only the two lines together read as an axis or objective.
fn title_below(prev: &Line, next: &Line) -> bool {
    let p = patterns();
    let t = prev.text.trim_end();
    if !t.ends_with([':', '–', '—', '-']) {
        return false;
    }
    let outline =
        |s: &str| p.axe.is_match(s) || p.objectif.is_match(s) || p.sous_objectif.is_match(s);
    !outline(t) && outline(&format!("{t} {}", next.text.trim()))
}

fn p_toc(l: &Line) -> bool {
    patterns().toc_entry.is_match(l.text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f64, size: f64, t: &str) -> Block {
        Block::Line(Line {
            page: 1,
            x0: 50.0,
            x1: 200.0,
            y,
            size,
            text: t.to_string(),
        })
    }

    /// The text of each block after merging (empty for a table row).
    fn merged_texts(blocks: &[Block]) -> Vec<String> {
        merge_wrapped_headings(blocks)
            .iter()
            .map(|b| match b {
                Block::Line(l) => l.text.clone(),
                Block::Row(_) => String::new(),
            })
            .collect()
    }

    #[test]
    fn an_objective_whose_title_is_on_the_next_line_is_one_line() {
        // In body size, so only the dangling separator and the outline pattern join them;
        // a label ending with ":" over its value stays two lines.
        let blocks = vec![
            line(100.0, 10.0, "Objectif spécifique 2.2 –"),
            line(112.0, 10.0, "Accompagner la parentalité"),
            line(124.0, 10.0, "Public cible :"),
            line(136.0, 10.0, "Familles"),
        ];
        let texts = merged_texts(&blocks);
        assert_eq!(
            texts,
            [
                "Objectif spécifique 2.2 – Accompagner la parentalité",
                "Public cible :",
                "Familles"
            ]
        );
    }

    #[test]
    fn an_axis_title_on_three_lines_is_one_line() {
        let blocks = vec![
            line(100.0, 13.5, "Orientation 1 : Agir"),
            line(118.0, 13.5, "pour la santé des"),
            line(136.0, 13.5, "jeunes et des familles"),
            line(160.0, 11.5, "Action 1 — Accompagner la"),
            line(175.0, 11.5, "parentalité"),
            line(195.0, 8.5, "Des groupes de parole pour les futurs et"),
            line(206.0, 8.5, "jeunes parents seront animés."),
            line(217.0, 8.5, "Pilote : PMI"),
        ];
        let texts = merged_texts(&blocks);
        assert_eq!(
            texts,
            [
                "Orientation 1 : Agir pour la santé des jeunes et des familles",
                "Action 1 — Accompagner la parentalité",
                "Des groupes de parole pour les futurs et",
                "jeunes parents seront animés.",
                "Pilote : PMI",
            ]
        );
    }
}
