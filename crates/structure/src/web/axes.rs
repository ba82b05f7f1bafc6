//! The axes of a web page: "AXE n : titre" lines (and one transversal heading after
//! them), else a list announced as the axes, else an inline enumeration "en N axes : a,
//! b, c et d".

use super::{actions::action_start, dashes};
use crate::{f, patterns, vocab};
use cls_extract::{HtmlBlock, HtmlKind};
use cls_model::Axe;

/// Axes of a page: "AXE n : titre" lines, a list announced as the axes, or an inline
/// enumeration "en N axes : a, b, c et d".
pub(super) fn axes(blocks: &[HtmlBlock]) -> Vec<Axe> {
    let mut out = numbered_axes(blocks);
    transversal_axis(blocks, &mut out);
    if !out.is_empty() {
        return out;
    }
    let announced = announced_axes(blocks);
    if !announced.is_empty() {
        return announced;
    }
    let sections = numbered_sections(blocks);
    if !sections.is_empty() {
        return sections;
    }
    axis_column(blocks)
}

/// The distinct values of a table's axis column ("Axe", "Orientation" header), in the order
/// of the rows, when they are titles: "Accès aux soins" on each row of its actions, or
/// "1 – Accès aux soins".
fn axis_column(blocks: &[HtmlBlock]) -> Vec<Axe> {
    let numbered = patterns::action_numerotee();
    let mut out: Vec<Axe> = Vec::new();
    let mut column: Option<(Option<u32>, usize)> = None;
    for b in blocks.iter().filter(|b| b.kind == HtmlKind::TableRow) {
        if b.header {
            column = b
                .cells
                .iter()
                .position(|h| patterns::en_tete_axe().is_match(h.trim()))
                .map(|k| (b.table, k));
            continue;
        }
        let Some(cell) = column
            .filter(|(t, _)| *t == b.table)
            .and_then(|(_, k)| b.cells.get(k))
            .map(|c| c.trim())
            .filter(|c| c.chars().any(char::is_alphabetic) && c.len() < 220)
        else {
            continue;
        };
        let titre = numbered
            .captures(cell)
            .map_or(cell.to_string(), |c| c["titre"].trim().to_string());
        if !out.iter().any(|a| f(&a.titre) == f(&titre)) {
            out.push(crate::new_axe(out.len() as u32 + 1, titre));
        }
    }
    if out.len() >= 2 {
        out
    } else {
        Vec::new()
    }
}

/// Words of a heading that announces the axes as the sections after it ("Les priorités du
/// contrat", "Nos orientations").
const SECTIONS_OF_AXES: &[&str] = &["axes", "priorites", "orientations", "enjeux", "ambitions"];

/// Headings "1. Titre", "2. Titre" … of one level, numbered from 1 on, under a heading of a
/// higher level that names the axes (see `SECTIONS_OF_AXES`).
fn numbered_sections(blocks: &[HtmlBlock]) -> Vec<Axe> {
    let numbered = patterns::action_numerotee();
    for (i, b) in blocks.iter().enumerate() {
        let HtmlKind::Heading(top) = b.kind else {
            continue;
        };
        let ft = f(&b.text);
        if !SECTIONS_OF_AXES
            .iter()
            .any(|w| ft.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w))
        {
            continue;
        }
        let mut out: Vec<Axe> = Vec::new();
        let mut level = None;
        for x in &blocks[i + 1..] {
            let HtmlKind::Heading(l) = x.kind else {
                continue;
            };
            if l <= top {
                break;
            }
            if level.is_some_and(|v| l > v) {
                continue;
            }
            let Some(c) = numbered.captures(x.text.trim()) else {
                break;
            };
            if c["num"] != (out.len() + 1).to_string() || level.is_some_and(|v| v != l) {
                break;
            }
            level = Some(l);
            out.push(crate::new_axe(
                out.len() as u32 + 1,
                c["titre"].trim().to_string(),
            ));
        }
        if out.len() >= 2 {
            return out;
        }
    }
    Vec::new()
}

/// The "AXE n : titre" lines of the page, each number once.
fn numbered_axes(blocks: &[HtmlBlock]) -> Vec<Axe> {
    let p = vocab::patterns();
    let mut out: Vec<Axe> = Vec::new();
    // A table row names its axis in a cell of its own (a column repeating the axis).
    let lines = blocks.iter().flat_map(|b| match b.kind {
        HtmlKind::TableRow if b.cells.iter().filter(|c| !c.is_empty()).count() > 1 => {
            b.cells.iter().map(String::as_str).collect::<Vec<_>>()
        }
        _ => vec![b.text.as_str()],
    });
    for line in lines {
        let t = dashes(line.trim());
        let t = t.as_str();
        if let Some(c) = p.axe.captures(t) {
            if let Some(n) = crate::roman_or_arabic(&c["num"]) {
                if !out.iter().any(|a| a.numero == n) && t.len() < 220 {
                    out.push(crate::new_axe(n, c["titre"].trim().to_string()));
                }
            }
        }
    }
    out
}

/// The axes announced by a heading or a sentence ("Les axes du contrat :", "… en 4
/// axes : a, b, c et d"): the list right after it, or the enumeration it ends with. A
/// text that only gives an example announces nothing.
fn announced_axes(blocks: &[HtmlBlock]) -> Vec<Axe> {
    let announce = patterns::annonce_axes();
    for (i, b) in blocks.iter().enumerate() {
        let ft = f(&b.text);
        if !announce.is_match(&b.text) || ft.contains("exemple") {
            continue;
        }
        let Some(j) = list_after(blocks, i) else {
            continue;
        };
        let list: Vec<&HtmlBlock> = blocks[j.min(blocks.len())..]
            .iter()
            .take_while(|x| x.kind == HtmlKind::ListItem)
            .collect();
        if list.len() >= 2
            && (b.kind != HtmlKind::Paragraph
                || b.text.trim_end().ends_with(':')
                || matches!(b.kind, HtmlKind::Heading(_)))
        {
            return list
                .iter()
                .enumerate()
                .map(|(k, x)| {
                    let titre = x.text.trim().trim_end_matches([';', '.', ',']).trim();
                    crate::new_axe(k as u32 + 1, titre.to_string())
                })
                .collect();
        }
        if let Some(axes) = inline_axes(&b.text) {
            return axes;
        }
    }
    Vec::new()
}

/// Where the list announced by block `i` starts: right after it, or after up to two
/// paragraphs and a paragraph ending with a colon. `None` when that colon paragraph
/// gives an example (the list is not the axes).
fn list_after(blocks: &[HtmlBlock], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while j < blocks.len()
        && blocks[j].kind == HtmlKind::Paragraph
        && blocks[j].kind != HtmlKind::ListItem
        && j < i + 3
        && !blocks[j].text.ends_with(':')
    {
        j += 1;
    }
    if j < blocks.len() && blocks[j].kind == HtmlKind::Paragraph && blocks[j].text.ends_with(':') {
        if f(&blocks[j].text).contains("exemple") {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// Inline: "… plan d'actions en 4 axes : a, b, c et d." as many axes as the number
/// announced, or `None`.
fn inline_axes(text: &str) -> Option<Vec<Axe>> {
    let pos = text.find(':')?;
    let n = patterns::annonce_axes()
        .captures(&text[..pos])
        .and_then(|c| c.get(1))
        .and_then(|m| cls_normalize::text::number_word(m.as_str()))
        .map(|n| n as usize)?;
    let tail = text[pos + 1..].trim().trim_end_matches('.');
    let items = split_enumeration(tail, n);
    (items.len() == n).then(|| {
        items
            .into_iter()
            .enumerate()
            .map(|(k, t)| crate::new_axe(k as u32 + 1, t))
            .collect()
    })
}

/// Words of a heading that only names the actions ("Les fiches actions", "Notre plan
/// d'actions").
const ACTIONS_HEADING_WORDS: &[&str] = &[
    "les",
    "des",
    "nos",
    "notre",
    "la",
    "le",
    "l",
    "d",
    "de",
    "du",
    "fiches",
    "fiche",
    "actions",
    "action",
    "plan",
    "programme",
    "liste",
    "detail",
    "contrat",
];

fn names_the_actions_only(t: &str) -> bool {
    let ft = f(t);
    let words: Vec<&str> = ft
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| ACTIONS_HEADING_WORDS.contains(w))
}

/// A heading of the same level as the axis headings, after the last of them, that is not
/// numbered but leads numbered actions ("En transversalité : communiquer …", "Actions
/// transversales") is one more axis; its title is what follows a short prefix and a
/// colon.
fn transversal_axis(blocks: &[HtmlBlock], axes: &mut Vec<Axe>) {
    let p = vocab::patterns();
    let Some(last) = blocks
        .iter()
        .rposition(|b| p.axe.is_match(&dashes(b.text.trim())))
    else {
        return;
    };
    let HtmlKind::Heading(level) = blocks[last].kind else {
        return;
    };
    if axes.is_empty() {
        return;
    }
    for (i, b) in blocks.iter().enumerate().skip(last + 1) {
        match b.kind {
            HtmlKind::Heading(l) if l < level => return,
            HtmlKind::Heading(l) if l == level => {
                let next_heading = blocks[i + 1..]
                    .iter()
                    .position(|x| matches!(x.kind, HtmlKind::Heading(m) if m <= level))
                    .map_or(blocks.len(), |k| i + 1 + k);
                let section = &blocks[i + 1..next_heading];
                let leads_actions = section.iter().any(|x| action_start(&x.text).is_some());
                // A section whose cards carry their axes' badges lists the actions of
                // every axis; a heading that only names the actions is no axis.
                let badged = section
                    .iter()
                    .any(|x| patterns::axe_seul().is_match(x.text.trim()));
                let t = b.text.trim();
                if !leads_actions || badged || names_the_actions_only(t) {
                    return;
                }
                let titre = match t.split_once(':') {
                    Some((pre, rest))
                        if pre.split_whitespace().count() <= 3 && !rest.trim().is_empty() =>
                    {
                        rest.trim()
                    }
                    _ => t,
                };
                axes.push(crate::new_axe(axes.len() as u32 + 1, titre.to_string()));
                return;
            }
            _ => {}
        }
    }
}

/// "a, b, c et d" into `n` items: commas first, then the last " et " of the last item(s).
fn split_enumeration(s: &str, n: usize) -> Vec<String> {
    let mut parts: Vec<String> = s
        .split([',', ';'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect();
    while parts.len() < n {
        let Some(last) = parts.pop() else { break };
        match last.rfind(" et ") {
            Some(i) => {
                parts.push(last[..i].trim().to_string());
                parts.push(last[i + 4..].trim().to_string());
            }
            None => {
                parts.push(last);
                break;
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::test_block as block;

    #[test]
    fn numbered_headings_under_a_heading_naming_the_priorities_are_the_axes() {
        let blocks = vec![
            block(HtmlKind::Heading(2), "Les priorités du contrat"),
            block(HtmlKind::Heading(3), "1. Accès aux soins et aux droits"),
            block(HtmlKind::ListItem, "Permanences d'accès aux droits"),
            block(HtmlKind::Heading(3), "2. Santé des enfants et des jeunes"),
            block(HtmlKind::Heading(2), "3. Contacts et documents utiles"),
        ];
        let titles: Vec<String> = axes(&blocks).into_iter().map(|a| a.titre).collect();
        assert_eq!(
            titles,
            [
                "Accès aux soins et aux droits",
                "Santé des enfants et des jeunes"
            ]
        );
    }

    #[test]
    fn an_axis_column_of_titles_gives_the_axes_in_row_order() {
        let row = |cells: &[&str], header: bool| HtmlBlock {
            kind: HtmlKind::TableRow,
            text: cells.join(" "),
            cells: cells.iter().map(|c| c.to_string()).collect(),
            table: Some(1),
            header,
            ..Default::default()
        };
        let blocks = vec![
            row(&["Orientation", "Action", "Porteur"], true),
            row(
                &["Accès aux soins", "Accueillir des internes", "CPTS"],
                false,
            ),
            row(&["Accès aux soins", "Créer un centre", "Ville"], false),
            row(&["Prévention", "Dépister", "CPAM"], false),
        ];
        let titles: Vec<String> = axes(&blocks).into_iter().map(|a| a.titre).collect();
        assert_eq!(titles, ["Accès aux soins", "Prévention"]);
    }

    #[test]
    fn ordinal_axes_and_bars_read_as_axis_lines() {
        let blocks = vec![
            block(HtmlKind::Heading(2), "1er axe : L'accès aux soins"),
            block(HtmlKind::Heading(2), "Axe 2 | La prévention"),
        ];
        let titles: Vec<String> = axes(&blocks).into_iter().map(|a| a.titre).collect();
        assert_eq!(titles, ["L'accès aux soins", "La prévention"]);
    }
}
