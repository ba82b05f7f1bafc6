//! Web pages (content blocks from `extract`) to the same document model as PDFs.
//!
//! A page laid out as fiches ("Fiche action n° 3" headings with tables) goes through the
//! PDF reader. Otherwise: territory from `og:site_name`, `<title>`, `<h1>` and the text;
//! signing date and period from the title and the text; axes from "AXE n :" headings
//! (accordion titles and table rows spanning the table included), from the list that
//! follows a heading or sentence announcing the axes, or from an inline "en 4 axes : a, b,
//! c et d". Actions are read from every way French local-authority sites publish them:
//! numbered headings or lines ("Action 1.2 – …", "Fiche 3 : …", "1 - …") with their lead
//! and labelled lines ("Porteur : …", "piloté par …"); an "Action n" heading followed by a
//! small table of labelled rows or by its title (a card); accordion items; the rows of a
//! table whose header names an action column; items of an ordered list under an axis,
//! numbered as the browser shows them. Whatever looks like an action and cannot be read
//! as one becomes an alert; a page with neither axes nor actions that does not present a
//! contract is of nature `autre`, with an alert.
//!
//! This file decides how a page is read and sets its document facts; the submodules
//! `territory`, `axes` and `actions` read what their names say.

use crate::patterns;
use crate::{build_document, document, vocab, Item};
use cls_extract::{HtmlBlock, HtmlDocument, HtmlKind};
use cls_model::{Alerte, Document, Format, Nature, Periode, Source};
use cls_normalize::text::slug;

mod actions;
mod axes;
mod bare;
mod labels;
mod territory;

use actions::actions;
use axes::axes;
use territory::territory;

/// Web blocks as structure items (headings and paragraphs as text, table rows as rows).
fn items(blocks: &[HtmlBlock]) -> Vec<Item> {
    blocks
        .iter()
        .map(|b| match b.kind {
            HtmlKind::TableRow if b.cells.len() >= 2 => Item::Row {
                label: b.cells[0].clone(),
                value: vec![b.cells[1..].join(" ")],
                pages: vec![1],
                label_x: 0.0,
            },
            _ => Item::Text {
                text: b.text.clone(),
                page: 1,
                x: 0.0,
                size: 0.0,
            },
        })
        .collect()
}

/// Blocks with one line each: a paragraph written as "<strong>Action 1 – Titre</strong>
/// <br><em>piloté par …</em>" holds an action and its lead, which are read apart. The
/// lines after the first of a list item are paragraphs that go on the item (`continued`):
/// "Titre<br>Qui ? X<br>Quand ? 2025" is one item, its title and its fields.
fn one_line_blocks(blocks: &[HtmlBlock]) -> Vec<HtmlBlock> {
    let mut out = Vec::with_capacity(blocks.len());
    for b in blocks {
        let lines = b.lines.first().map(Vec::as_slice).unwrap_or(&[]);
        if !matches!(b.kind, HtmlKind::Paragraph | HtmlKind::ListItem) || lines.len() < 2 {
            out.push(b.clone());
            continue;
        }
        for (k, l) in lines.iter().enumerate() {
            let item_line = b.kind == HtmlKind::ListItem && k > 0;
            out.push(HtmlBlock {
                kind: if item_line {
                    HtmlKind::Paragraph
                } else {
                    b.kind
                },
                continued: item_line || (k == 0 && b.continued),
                text: l.clone(),
                lines: vec![vec![l.clone()]],
                number: if k == 0 { b.number } else { None },
                run_in: if k == 0 { b.run_in.clone() } else { None },
                ..Default::default()
            });
        }
    }
    out
}

/// Reads a web page into a document; `None` when the page has no content at all.
pub fn structure_html(html: &HtmlDocument, fichier: &str, sha256: &str) -> Option<Document> {
    if html.blocks.is_empty() {
        return None;
    }
    let blocks = one_line_blocks(&html.blocks);
    let items = items(&blocks);
    let source = Source {
        fichier: fichier.to_string(),
        sha256: sha256.to_string(),
        format: Format::Html,
        pages: None,
        documents_lies: contract_pdfs(html),
    };
    let mut alertes = Vec::new();
    let mut doc = if laid_out_as_fiches(&items) {
        build_document(&items, source, &mut alertes)
    } else {
        // Bare labels are joined to their titles only here: a "Fiche 3" card above its
        // title is read by the page reader, not taken for a fiche heading.
        let joined = bare::join_bare_labels(&blocks);
        read_page(html, &joined, &items, source, &mut alertes)
    };
    if doc.territoire.nom.is_none() {
        doc.territoire.nom = territory(html);
    }
    if doc.periode.debut.is_none() {
        let texts: Vec<String> = items.iter().map(Item::text).collect();
        doc.periode = document::period_from_text(&texts);
    }
    if doc.periode.debut.is_none() {
        doc.periode = period_in_titles(html);
    }
    let base = match (&doc.territoire.nom, doc.periode.debut, doc.periode.fin) {
        (Some(n), Some(d), Some(f)) => format!("{n} {d}-{f}"),
        (Some(n), _, _) => n.clone(),
        (None, _, _) => fichier.to_string(),
    };
    doc.id = slug(&base, 80);
    doc.contrat_id = doc.id.clone();
    doc.nature = Nature::PageWeb;
    if doc.axes.is_empty() && doc.actions.is_empty() && !presents_a_contract(html) {
        doc.nature = Nature::Autre;
        alertes.push(Alerte::new(
            "hors_sujet",
            None,
            "la page ne présente pas de contrat local de santé : ni axe ni action, et son titre n'en parle pas",
        ));
    }
    let texts: Vec<String> = items
        .iter()
        .map(Item::text)
        .chain(html.title.clone())
        .collect();
    if html.flattened > 0 {
        alertes.push(Alerte::new(
            "structure_aplatie",
            None,
            format!(
                "la page imbrique ses éléments plus profond qu'une vraie page : {} balise(s) retirée(s), le texte qu'elles contenaient est lu sans sa structure",
                html.flattened
            ),
        ));
    }
    crate::orgpass::resolve_document(&mut doc, &texts);
    crate::apply_themes(&mut doc);
    doc.alertes = alertes;
    Some(doc)
}

/// Whether the page is laid out as fiches: a fiche heading followed by its table of
/// labelled rows. A card that only says "Fiche 3" above its title is read by the page
/// reader.
fn laid_out_as_fiches(items: &[Item]) -> bool {
    let p = vocab::patterns();
    items.windows(2).any(|w| {
        matches!(&w[0], Item::Text { text, .. } if p.fiche.is_match(text.trim()))
            && matches!(w[1], Item::Row { .. })
    })
}

/// Whether the page's titles (`<title>`, `og:title`, `<h1>`) or its breadcrumb's last
/// item speak of a local health contract.
fn presents_a_contract(html: &HtmlDocument) -> bool {
    let r = patterns::contrat();
    html.title
        .iter()
        .chain(html.og_title.iter())
        .chain(html.breadcrumb.last())
        .chain(
            html.blocks
                .iter()
                .filter(|b| b.kind == HtmlKind::Heading(1))
                .map(|b| &b.text),
        )
        .any(|t| r.is_match(t))
}

/// The PDF links of the page that point to the contract itself (their text or address
/// names a contract or a CLS), in page order.
fn contract_pdfs(html: &HtmlDocument) -> Vec<String> {
    let r = patterns::lien_contrat();
    html.pdf_links
        .iter()
        .filter(|l| {
            let file = l.href.rsplit('/').next().unwrap_or("");
            r.is_match(&l.text) || r.is_match(file)
        })
        .map(|l| l.href.clone())
        .collect()
}

/// The contract's period as the page's titles print it: "Contrat local de santé
/// 2024-2028", "CLS (2022-2026)".
fn period_in_titles(html: &HtmlDocument) -> Periode {
    let r = patterns::periode();
    let titles = html
        .blocks
        .iter()
        .filter(|b| b.kind == HtmlKind::Heading(1))
        .map(|b| &b.text)
        .chain(html.title.iter())
        .chain(html.og_title.iter());
    for t in titles {
        for c in r.captures_iter(t) {
            let (Ok(d), Ok(fin)) = (c[1].parse::<i32>(), c[2].parse::<i32>()) else {
                continue;
            };
            if fin > d && fin - d <= 12 {
                return Periode {
                    debut: Some(d),
                    fin: Some(fin),
                };
            }
        }
    }
    Periode::default()
}

/// The reader for pages that are not laid out as fiches.
fn read_page(
    _html: &HtmlDocument,
    blocks: &[HtmlBlock],
    items: &[Item],
    source: Source,
    alertes: &mut Vec<Alerte>,
) -> Document {
    let texts: Vec<String> = items.iter().map(Item::text).collect();
    let date = document::signing_date(&texts).or_else(|| web_signing_date(&texts));
    let axes = axes(blocks);
    let actions = actions(blocks, &axes, alertes);
    Document {
        periode: document::period_from_text(&texts),
        date_signature: date,
        axes,
        actions,
        ..Document::empty(Nature::PageWeb, source)
    }
}

/// "… pour signer un Contrat Local de Santé, le 15 décembre 2022" → 2022-12-15.
fn web_signing_date(texts: &[String]) -> Option<String> {
    let r = patterns::signature_web();
    texts.iter().find_map(|t| {
        r.captures(t)
            .and_then(|c| cls_normalize::calendar::parse_date_fr(&c[1]))
    })
}

/// Em dashes, and the bars and dots that sites put between a number and its title, written
/// as en dashes: "Axe 1 — Titre", "Axe 1 | Titre", "FA 2 · Titre" read as "Axe 1 – Titre".
fn dashes(t: &str) -> String {
    let t = t
        .replace('—', "–")
        .replace(" | ", " – ")
        .replace(" · ", " – ")
        .replace(" • ", " – ");
    // "1er axe : …", "2e axe : …" as "Axe 1 : …".
    match patterns::axe_ordinal().captures(&t) {
        Some(c) => format!("Axe {}{}", &c["num"], &t[c.get(0).map_or(0, |m| m.end())..]),
        None => t,
    }
}

/// A block of one line, for the tests of the web readers.
#[cfg(test)]
pub(crate) fn test_block(kind: HtmlKind, text: &str) -> HtmlBlock {
    HtmlBlock {
        kind,
        text: text.to_string(),
        lines: vec![vec![text.to_string()]],
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_from_the_title_needs_an_ordered_short_span() {
        let html = HtmlDocument {
            title: Some("Contrat local de santé 2024-2028 | Ville".to_string()),
            ..Default::default()
        };
        assert_eq!(period_in_titles(&html).debut, Some(2024));
        let html = HtmlDocument {
            title: Some("Archives 1990-2024".to_string()),
            ..Default::default()
        };
        assert_eq!(period_in_titles(&html).debut, None);
    }
}
