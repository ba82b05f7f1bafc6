//! Labels alone in their block, their title in the next one: "Axe 1" above an `<h2>` of
//! the axis's title (a page builder's axis tile), "1.2" above the action's title (Drupal
//! writes each field of a paragraph in its own element). A reader sees one heading; they
//! are joined into one line, "Axe 1 – Titre", "1.2 – Titre", which the readers of axes
//! and actions read as any other.
//!
//! A bare axis label that the page repeats is a badge on each card of that axis, not a
//! section title: when any repeats, none is joined (the cards' axes are read from the
//! badges). A bare plain number ("3") is an action only when what follows names its lead;
//! a dotted one ("1.2") is an action's number in any case.

use super::actions::action_start;
use super::labels::{block_names_a_lead, label_alone, labelled, lead_prose};
use crate::{patterns, vocab};
use cls_extract::{HtmlBlock, HtmlKind};
use std::collections::HashMap;

/// The blocks with each bare label joined to its title (see the module comment).
pub(super) fn join_bare_labels(blocks: &[HtmlBlock]) -> Vec<HtmlBlock> {
    let titles: Vec<bool> = blocks.iter().map(is_title).collect();
    let badges = axis_labels_repeat(blocks, &titles);
    let mut out: Vec<HtmlBlock> = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        let joined = blocks.get(i + 1).filter(|_| {
            b.kind != HtmlKind::TableRow
                && titles.get(i + 1) == Some(&true)
                && ((!badges && is_bare_axis(&b.text) && !names_lead_after(blocks, i + 2))
                    || bare_action_number(&b.text)
                        .is_some_and(|dotted| dotted || names_lead_after(blocks, i + 2)))
        });
        match joined {
            Some(next) => {
                out.push(join(b, next));
                i += 2;
            }
            None => {
                if !number_after_title(&mut out, b) {
                    out.push(b.clone());
                }
                i += 1;
            }
        }
    }
    out
}

/// A card's number written after its title ("Action 1" as a tag under the card's
/// heading, the State design system's `fr-card__start`): when `b` is such a label and a
/// title heading stands just before it (at most four blocks back, no heading between),
/// the heading becomes "Action 1 – Titre" and the label is consumed.
fn number_after_title(out: &mut [HtmlBlock], b: &HtmlBlock) -> bool {
    let worded = patterns::numero_seul()
        .captures(b.text.trim())
        .is_some_and(|c| c.name("num").is_some());
    if !worded || b.kind == HtmlKind::TableRow {
        return false;
    }
    let back = out.len().saturating_sub(4);
    let Some(k) = (back..out.len())
        .rev()
        .find(|&k| matches!(out[k].kind, HtmlKind::Heading(_)))
    else {
        return false;
    };
    let between_clear = out[k + 1..]
        .iter()
        .all(|x| bare_action_number(&x.text).is_none() && !is_bare_axis(&x.text) && !x.toggle);
    if !between_clear || !is_title(&out[k]) {
        return false;
    }
    let joined = join(b, &out[k]);
    out[k] = joined;
    true
}

/// Whether a bare axis label ("Axe 2") above a title stands more than once on the page.
fn axis_labels_repeat(blocks: &[HtmlBlock], titles: &[bool]) -> bool {
    let mut seen: HashMap<u32, u32> = HashMap::new();
    for (i, b) in blocks.iter().enumerate() {
        let above_title = titles.get(i + 1) == Some(&true);
        if let Some(n) = bare_axis_number(&b.text).filter(|_| above_title) {
            let k = seen.entry(n).or_default();
            *k += 1;
            if *k > 1 {
                return true;
            }
        }
    }
    false
}

fn bare_axis_number(t: &str) -> Option<u32> {
    let c = patterns::axe_seul().captures(t.trim())?;
    crate::roman_or_arabic(&c["num"])
}

fn is_bare_axis(t: &str) -> bool {
    bare_axis_number(t).is_some()
}

/// Whether `t` is an action's number alone: `Some(true)` when it is dotted ("1.2") or has
/// a word before it ("FA 4"), `Some(false)` for a plain number ("3").
fn bare_action_number(t: &str) -> Option<bool> {
    let c = patterns::numero_seul().captures(t.trim())?;
    Some(c.name("nu").is_none_or(|m| m.as_str().contains('.')))
}

/// Whether a block reads as a title: a short line that is neither a table row, a label,
/// a labelled line, a lead, an axis or action line of its own, nor a bare label.
fn is_title(b: &HtmlBlock) -> bool {
    let t = b.text.trim();
    let p = vocab::patterns();
    b.kind != HtmlKind::TableRow
        && t.chars().next().is_some_and(char::is_uppercase)
        && t.len() < 250
        && !t.ends_with(':')
        && action_start(t).is_none()
        && !p.axe.is_match(t)
        && !is_bare_axis(t)
        && bare_action_number(t).is_none()
        && labelled(t).is_none()
        && label_alone(t).is_none()
        && lead_prose(t).is_none()
}

/// Whether the blocks from `j`, up to the next bare label or heading, name a lead.
fn names_lead_after(blocks: &[HtmlBlock], j: usize) -> bool {
    blocks[j.min(blocks.len())..]
        .iter()
        .take(12)
        .take_while(|x| {
            !matches!(x.kind, HtmlKind::Heading(_))
                && bare_action_number(&x.text).is_none()
                && !is_bare_axis(&x.text)
                && action_start(&x.text).is_none()
                && !patterns::item_lettre().is_match(x.text.trim())
        })
        .any(block_names_a_lead)
}

/// The label and its title as one line, of the title's kind (a heading stays a heading).
fn join(label: &HtmlBlock, title: &HtmlBlock) -> HtmlBlock {
    let l = label.text.trim().trim_end_matches([':', '.']).trim();
    let text = format!("{l} – {}", title.text.trim());
    let kind = match (label.kind, title.kind) {
        (HtmlKind::Heading(a), HtmlKind::Heading(b)) => HtmlKind::Heading(a.min(b)),
        (HtmlKind::Heading(a), _) => HtmlKind::Heading(a),
        (_, k) => k,
    };
    HtmlBlock {
        kind,
        lines: vec![vec![text.clone()]],
        text,
        toggle: label.toggle || title.toggle,
        ..title.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::test_block as block;

    fn texts(blocks: Vec<HtmlBlock>) -> Vec<String> {
        join_bare_labels(&blocks)
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    #[test]
    fn an_axis_label_above_its_title_is_one_axis_line() {
        let t = texts(vec![
            block(HtmlKind::Paragraph, "Axe 1"),
            block(HtmlKind::Heading(2), "Santé mentale et lien social"),
            block(HtmlKind::Paragraph, "Orientation II :"),
            block(HtmlKind::Heading(2), "Accès aux soins"),
        ]);
        assert_eq!(
            t,
            [
                "Axe 1 – Santé mentale et lien social",
                "Orientation II – Accès aux soins"
            ]
        );
    }

    #[test]
    fn repeated_axis_badges_are_not_joined_to_the_card_titles() {
        let t = texts(vec![
            block(HtmlKind::Paragraph, "Axe 1"),
            block(
                HtmlKind::Heading(3),
                "Créer un conseil local de santé mentale",
            ),
            block(HtmlKind::Paragraph, "Axe 1"),
            block(HtmlKind::Heading(3), "Animer des cafés-rencontres"),
        ]);
        assert_eq!(t.len(), 4, "{t:?}");
        // A card of its own, whose badge is not repeated, names its lead.
        let t = texts(vec![
            block(HtmlKind::Paragraph, "Axe 3"),
            block(HtmlKind::Heading(3), "Végétaliser les cours d'école"),
            block(HtmlKind::Paragraph, "Porté par la Ville de Lorme"),
        ]);
        assert_eq!(t.len(), 3, "{t:?}");
    }

    #[test]
    fn a_dotted_number_above_its_title_opens_an_action() {
        let t = texts(vec![
            block(HtmlKind::Paragraph, "1.1"),
            block(HtmlKind::Paragraph, "Attirer de nouveaux médecins"),
            block(HtmlKind::Paragraph, "Porteur"),
        ]);
        assert_eq!(t[0], "1.1 – Attirer de nouveaux médecins");
        assert_eq!(action_start(&t[0]).map(|x| x.0), Some("1.1".to_string()));
    }

    #[test]
    fn a_cards_number_after_its_title_numbers_the_title() {
        let t = texts(vec![
            block(HtmlKind::Heading(4), "Créer une maison de santé"),
            block(
                HtmlKind::Paragraph,
                "Réhabilitation de l'ancienne gendarmerie.",
            ),
            block(HtmlKind::Paragraph, "Action 1"),
            block(HtmlKind::Paragraph, "Porteur : CC des Causses"),
        ]);
        assert_eq!(t[0], "Action 1 – Créer une maison de santé");
        assert_eq!(t.len(), 3, "{t:?}");
    }

    #[test]
    fn a_plain_number_needs_a_lead_after_its_title() {
        // A key figure ("12" above "Fiches actions") is not an action.
        let figures = texts(vec![
            block(HtmlKind::Paragraph, "12"),
            block(HtmlKind::Paragraph, "Fiches actions signées"),
            block(HtmlKind::Paragraph, "4"),
            block(HtmlKind::Paragraph, "Axes stratégiques"),
        ]);
        assert_eq!(figures.len(), 4, "{figures:?}");
        let action = texts(vec![
            block(HtmlKind::Paragraph, "3"),
            block(HtmlKind::Heading(3), "Prévenir les chutes"),
            block(HtmlKind::Paragraph, "Porteur : CCAS de Lorme"),
        ]);
        assert_eq!(action[0], "3 – Prévenir les chutes");
    }
}
