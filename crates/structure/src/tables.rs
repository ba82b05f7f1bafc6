//! Table orientation: decides, for each table of a document, how its labels are laid out
//! and turns it into label/value items or into actions.
//!
//! Contracts print their fields in four kinds of tables, and the reader must not care
//! which: a *label column* (labels left, values right: one row per field), a *header-row
//! grid* (a row of labels side by side, their values in the row below), *stacked labels*
//! (single-cell rows, each label above its value: those come out as lines and are read by
//! `fiche`), and a *recap table* (one row per action under a header of labels, axis and
//! objective rows spanning the table). The orientation is decided from how label-like the
//! cells of a row are, never from the look of one document.

use crate::fiche::{Outline, RawFiche, Target};
use crate::vocab::{classify_label, patterns, Field};
use crate::Item;
use cls_extract::{Block, Cell, Row};

/// A row's cells read as labels: the field of each non-empty cell (`None` for a cell that
/// is not a label).
fn label_cells(r: &Row) -> Vec<(usize, Option<Field>)> {
    r.cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(i, c)| {
            let t = c.text();
            let short = t.chars().count() <= 60;
            (i, if short { header_field(&t) } else { None })
        })
        .collect()
}

/// The field of a header cell: a compound header naming the number column ("Axe / N°",
/// "N° et intitulé") is the number column; otherwise the label's own field.
fn header_field(t: &str) -> Option<Field> {
    let parts: Vec<&str> = t.split(['/', '|', '&']).collect();
    if parts.len() > 1
        && parts
            .iter()
            .any(|p| classify_label(p) == Some(Field::Numero))
    {
        return Some(Field::Numero);
    }
    classify_label(t)
}

/// What a table row is, from its cells alone.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// A row of labels side by side: a header. `recap` when it names the action itself
    /// (a title or number column), so that each following row is one action.
    Header { recap: bool },
    /// Anything else: label/value pairs, values, or text.
    Other,
}

fn shape(r: &Row) -> Shape {
    let cells = label_cells(r);
    let labels = cells.iter().filter(|(_, f)| f.is_some()).count();
    if cells.len() < 2 || labels < 2 || labels * 3 < cells.len() * 2 {
        return Shape::Other;
    }
    let has = |f: Field| cells.iter().any(|(_, g)| *g == Some(f));
    let recap = labels >= 3 && (has(Field::Titre) || has(Field::Numero));
    Shape::Header { recap }
}

/// The header column a value cell belongs to: the one it overlaps most.
fn column_of(header: &Row, c: &Cell) -> Option<usize> {
    let mut best = None;
    let mut best_overlap = 0.0;
    for (i, h) in header.cells.iter().enumerate() {
        let overlap = c.x1.min(h.x1) - c.x0.max(h.x0);
        if overlap > best_overlap {
            best_overlap = overlap;
            best = Some(i);
        }
    }
    best
}

/// Whether every non-empty cell of `r` is a label of the same texts as `header` (a header
/// repeated on a new page).
fn repeats(header: &Row, r: &Row) -> bool {
    let texts = |x: &Row| -> Vec<String> {
        x.cells
            .iter()
            .map(|c| c.text())
            .filter(|t| !t.is_empty())
            .collect()
    };
    texts(header) == texts(r)
}

/// A row that spans the table (one non-empty cell starting at its left edge): an axis or
/// objective heading inside a recap table.
fn spanning_text(header: &Row, r: &Row) -> Option<String> {
    let nonempty: Vec<&Cell> = r.cells.iter().filter(|c| !c.is_empty()).collect();
    if nonempty.len() != 1 {
        return None;
    }
    let c = nonempty[0];
    let width = header.cells.last()?.x1 - header.cells.first()?.x0;
    let spans = r.cells.len() == 1 || (c.x1 - c.x0) > 0.5 * width;
    spans.then(|| c.text())
}

/// The result of reading a document's tables.
pub(crate) struct Interpreted {
    pub items: Vec<Item>,
    /// Actions read from recap tables, in order.
    pub recap: Vec<RawFiche>,
}

/// Reads every table of the blocks: header-row grids become label/value rows, recap tables
/// become actions; other blocks go through [`crate::items_from_blocks`].
pub(crate) fn interpret(blocks: &[Block]) -> Interpreted {
    let mut items = Vec::new();
    let mut recap = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let Block::Row(r) = &blocks[i] else {
            items.extend(crate::items_from_blocks(&blocks[i..=i]));
            i += 1;
            continue;
        };
        match shape(r) {
            Shape::Header { recap: true } => {
                let (fiches, next) = read_recap(blocks, i);
                if fiches.is_empty() {
                    items.extend(crate::items_from_blocks(&blocks[i..=i]));
                    i += 1;
                } else {
                    recap.extend(fiches);
                    i = next;
                }
            }
            Shape::Header { recap: false } => {
                let (rows, next) = read_grid(blocks, i);
                if rows.is_empty() {
                    items.extend(crate::items_from_blocks(&blocks[i..=i]));
                    i += 1;
                } else {
                    items.extend(rows);
                    i = next;
                }
            }
            Shape::Other => {
                items.extend(crate::items_from_blocks(&blocks[i..=i]));
                i += 1;
            }
        }
    }
    Interpreted { items, recap }
}

/// A header-row grid at `blocks[at]`: the rows below it that hold values (no label in
/// them) are paired with the header's columns. Returns label/value items and the index
/// after the grid.
fn read_grid(blocks: &[Block], at: usize) -> (Vec<Item>, usize) {
    let Block::Row(header) = &blocks[at] else {
        return (Vec::new(), at + 1);
    };
    let mut values: Vec<Vec<String>> = vec![Vec::new(); header.cells.len()];
    let mut pages = header.pages.clone();
    let mut j = at + 1;
    while let Some(Block::Row(r)) = blocks.get(j) {
        if shape(r) != Shape::Other {
            break;
        }
        // A label/value row (label in its first cell) starts the next part of the fiche.
        let first_is_label = r
            .cells
            .first()
            .is_some_and(|c| !c.is_empty() && classify_label(&c.text()).is_some());
        if first_is_label && r.cells.len() <= 2 {
            break;
        }
        for c in r.cells.iter().filter(|c| !c.is_empty()) {
            if let Some(col) = column_of(header, c) {
                values[col].extend(c.lines.iter().cloned());
            }
        }
        pages.extend(r.pages.iter().copied());
        j += 1;
    }
    if j == at + 1 {
        return (Vec::new(), at + 1);
    }
    let items = header
        .cells
        .iter()
        .zip(values)
        .filter(|(h, _)| !h.is_empty())
        .map(|(h, v)| Item::Row {
            label: h.text(),
            value: v,
            pages: pages.clone(),
            label_x: h.x0,
        })
        .collect();
    (items, j)
}

/// A recap table at `blocks[at]`: one action per row under the header; spanning rows are
/// axis and objective headings; a header repeated on a later page is skipped. Lines of
/// text between rows (running headers left in, axis headings printed outside the table)
/// do not end it when another row of the table follows.
fn read_recap(blocks: &[Block], at: usize) -> (Vec<RawFiche>, usize) {
    let Block::Row(header) = &blocks[at] else {
        return (Vec::new(), at + 1);
    };
    let fields: Vec<Option<Field>> = header
        .cells
        .iter()
        .map(|c| header_field(&c.text()))
        .collect();
    let mut outline = Outline::default();
    let mut out: Vec<RawFiche> = Vec::new();
    let mut j = at + 1;
    let mut end = j;
    while j < blocks.len() {
        match &blocks[j] {
            Block::Line(l) => {
                if !update_outline(&mut outline, l.text.trim()) {
                    let row_follows = blocks[j + 1..].iter().take(3).any(
                        |b| matches!(b, Block::Row(r) if r.cells.len() + 1 >= header.cells.len()),
                    );
                    if !row_follows {
                        break;
                    }
                }
            }
            Block::Row(r) => {
                if repeats(header, r) {
                } else if let Some(t) = spanning_text(header, r) {
                    update_outline(&mut outline, t.trim());
                } else if r.cells.len() + 1 >= header.cells.len() {
                    let row = recap_row(header, &fields, r, &outline);
                    // A row cut by a page break goes on without its number and title: its
                    // cells continue the action above.
                    // A table that numbers its actions numbers every one of them.
                    let numbered = fields.contains(&Some(Field::Numero));
                    let continued = row.numero.is_none() && (numbered || row.titre.is_none());
                    match out.last_mut() {
                        Some(prev) if continued => prev.append(row),
                        _ => out.push(row),
                    }
                } else {
                    break;
                }
                end = j + 1;
            }
        }
        j += 1;
    }
    (out, end)
}

/// Sets the axis or objective of `outline` from a heading line; false when the line is
/// not one.
pub(crate) fn update_outline_pub(outline: &mut Outline, t: &str) -> bool {
    update_outline(outline, t)
}

fn update_outline(outline: &mut Outline, t: &str) -> bool {
    let p = patterns();
    if let Some(c) = p.axe.captures(t) {
        if let Some(n) = crate::roman_or_arabic(&c["num"]) {
            outline.axe = Some((n, c["titre"].trim().to_string()));
            outline.objectif = None;
            outline.sous_objectif = None;
            return true;
        }
    }
    if let Some(c) = p.sous_objectif.captures(t) {
        outline.sous_objectif = Some((c["code"].to_string(), c["titre"].trim().to_string()));
        return true;
    }
    if let Some(c) = p.objectif.captures(t) {
        outline.objectif = Some((c["code"].to_string(), c["titre"].trim().to_string()));
        outline.sous_objectif = None;
        return true;
    }
    false
}

/// One action of a recap table.
fn recap_row(header: &Row, fields: &[Option<Field>], r: &Row, outline: &Outline) -> RawFiche {
    let mut f = RawFiche {
        outline: outline.clone(),
        pages: r.pages.clone(),
        ..Default::default()
    };
    for c in r.cells.iter().filter(|c| !c.is_empty()) {
        let Some(col) = column_of(header, c) else {
            continue;
        };
        let label = header.cells[col].text();
        match fields.get(col).copied().flatten() {
            Some(Field::Numero) => f.numero = Some(c.text().trim().to_string()),
            // A title cell whose first paragraph is the title and the rest its description.
            Some(Field::Titre) if c.breaks.first().is_some_and(|b| *b > 0) => {
                let b = c.breaks[0];
                f.push(Target::Field(Field::Titre), &label, c.lines[..b].to_vec());
                f.push(
                    Target::Field(Field::Description),
                    &label,
                    c.lines[b..].to_vec(),
                );
            }
            Some(field) => f.push(Target::Field(field), &label, c.lines.clone()),
            None => f.push(Target::Autre, &label, c.lines.clone()),
        }
    }
    // A title cell that starts with the action's number ("1.2 Développer …").
    if let Some(t) = f
        .fields
        .get(&Field::Titre)
        .map(|l| cls_extract::join_lines(l))
    {
        if let Some(c) = patterns().numbered_heading.captures(t.trim()) {
            if f.numero.is_none() {
                f.numero = Some(c["num"].to_string());
            }
            f.fields
                .insert(Field::Titre, vec![c["titre"].trim().to_string()]);
        }
    }
    if let Some(t) = f.fields.remove(&Field::Titre) {
        f.titre = Some(cls_extract::join_lines(&t));
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(x0: f64, x1: f64, t: &str) -> Cell {
        Cell {
            x0,
            x1,
            lines: vec![t.to_string()],
            breaks: Vec::new(),
        }
    }
    fn row(cells: Vec<Cell>) -> Block {
        Block::Row(Row {
            pages: vec![1],
            y: 0.0,
            ruled: true,
            cells,
        })
    }

    #[test]
    fn header_row_grid_pairs_each_label_with_the_value_below_it() {
        let blocks = vec![
            row(vec![
                cell(0.0, 100.0, "Pilote"),
                cell(100.0, 200.0, "Partenaires"),
                cell(200.0, 300.0, "Échéancier prévisionnel"),
            ]),
            row(vec![
                cell(0.0, 100.0, "CCAS de Sainte-Anne"),
                cell(100.0, 200.0, "CPAM, CAF"),
                cell(200.0, 300.0, "2025-2026"),
            ]),
        ];
        let got = interpret(&blocks);
        let pairs: Vec<(String, String)> = got
            .items
            .iter()
            .map(|i| match i {
                Item::Row { label, value, .. } => (label.clone(), value.join(" ")),
                Item::Text { text, .. } => (String::new(), text.clone()),
            })
            .collect();
        assert_eq!(
            pairs,
            [
                ("Pilote".to_string(), "CCAS de Sainte-Anne".to_string()),
                ("Partenaires".to_string(), "CPAM, CAF".to_string()),
                (
                    "Échéancier prévisionnel".to_string(),
                    "2025-2026".to_string()
                ),
            ]
        );
    }

    #[test]
    fn recap_table_gives_one_action_per_row_with_axis_rows_as_context() {
        let header = || {
            row(vec![
                cell(0.0, 40.0, "N°"),
                cell(40.0, 200.0, "Intitulé de l'action"),
                cell(200.0, 300.0, "Pilote"),
                cell(300.0, 400.0, "Échéance"),
            ])
        };
        let blocks = vec![
            header(),
            row(vec![cell(0.0, 400.0, "Axe 2 : Prévenir les addictions")]),
            row(vec![
                cell(0.0, 40.0, "2.1"),
                cell(40.0, 200.0, "Former les animateurs"),
                cell(200.0, 300.0, "Mission locale"),
                cell(300.0, 400.0, "2025"),
            ]),
            header(),
            row(vec![
                cell(0.0, 40.0, "2.2"),
                cell(40.0, 200.0, "Ouvrir une consultation"),
                cell(200.0, 300.0, "CSAPA"),
                cell(300.0, 400.0, "2026"),
            ]),
        ];
        let got = interpret(&blocks);
        assert!(got.items.is_empty());
        let nums: Vec<(Option<String>, Option<u32>)> = got
            .recap
            .iter()
            .map(|f| (f.numero.clone(), f.outline.axe.as_ref().map(|a| a.0)))
            .collect();
        assert_eq!(
            nums,
            [(Some("2.1".into()), Some(2)), (Some("2.2".into()), Some(2))]
        );
        assert_eq!(
            got.recap[1].titre.as_deref(),
            Some("Ouvrir une consultation")
        );
    }

    #[test]
    fn a_recap_title_cell_with_its_description_below_is_split_at_the_paragraph() {
        // Regression (recap2-enjeux-lure): a bold title over its description in one cell.
        let title = Cell {
            x0: 40.0,
            x1: 200.0,
            lines: vec![
                "Développer le sport".into(),
                "sur ordonnance".into(),
                "Des créneaux sont proposés".into(),
                "aux patients.".into(),
            ],
            breaks: vec![2],
        };
        let blocks = vec![
            row(vec![
                cell(0.0, 40.0, "N°"),
                cell(40.0, 200.0, "Intitulé de l'action"),
                cell(200.0, 300.0, "Pilote"),
            ]),
            row(vec![
                cell(0.0, 40.0, "4"),
                title,
                cell(200.0, 300.0, "Maison sport-santé"),
            ]),
        ];
        let got = interpret(&blocks);
        let f = &got.recap[0];
        assert_eq!(
            f.titre.as_deref(),
            Some("Développer le sport sur ordonnance")
        );
        assert_eq!(
            f.fields.get(&Field::Description).map(|l| l.join(" ")),
            Some("Des créneaux sont proposés aux patients.".to_string())
        );
    }
}
