//! The actions of a web page, in page order, with their axis: numbered headings and
//! lines with their lead and labelled lines, "Action n" cards and small fiche tables,
//! accordion items, rows of a table of actions, items of a list under an axis. What looks
//! like an action and cannot be read becomes an alert.

use super::dashes;
use super::labels::{
    block_names_a_lead, is_lead_label, label_alone, labelled, labelled_parts, lead_prose,
    run_in_label, title_and_fields, without_article,
};
use crate::{f, patterns, vocab, Item};
use cls_extract::HtmlBlock;
use cls_extract::HtmlKind;
use cls_model::{Action, Alerte, Axe, Periode};
use std::collections::HashSet;

/// The number and title of a line that opens an action: "Action 1.2 – Titre", "Fiche 3 :
/// Titre", "Fiche action n° 4", "1 - Titre", or a bare "Action 5" whose title follows.
pub(super) fn action_start(t: &str) -> Option<(String, Option<String>)> {
    let head = patterns::titre_action_web();
    let numbered = patterns::action_numerotee();
    let t = dashes(t.trim());
    // A number with no separator before its title ("1.2 Titre") must be dotted: "12
    // Fiches actions" is a figure.
    let c = head.captures(&t).or_else(|| {
        numbered
            .captures(&t)
            .filter(|c| c.name("nu").is_none() || c["num"].contains('.'))
    })?;
    let titre = c
        .name("titre")
        .or(c.name("titre_nu"))
        .map(|m| m.as_str().trim().trim_end_matches('.').trim().to_string())
        .filter(|x| !x.is_empty());
    Some((c["num"].to_string(), titre))
}

fn row(label: &str, value: Vec<String>) -> Item {
    Item::Row {
        label: label.to_string(),
        value,
        pages: vec![1],
        label_x: 0.0,
    }
}

fn text_item(t: &str) -> Item {
    Item::Text {
        text: t.to_string(),
        page: 1,
        x: 0.0,
        size: 0.0,
    }
}

/// One action from its number, title and the items read under it (labelled rows).
fn build_action(
    numero: String,
    titre: Option<String>,
    fields: Vec<Item>,
    axe: Option<u32>,
    alertes: &mut Vec<Alerte>,
) -> Action {
    let mut items = vec![text_item(titre.as_deref().unwrap_or(""))];
    items.extend(fields);
    let (raw, _) = crate::fiche::read_fiche(&items, Some(numero.clone()), titre.clone(), alertes);
    let mut a = crate::fiche::to_action(raw, Periode::default());
    a.numero = Some(numero);
    if a.titre.as_deref().is_none_or(str::is_empty) {
        a.titre = titre;
    }
    a.axe = axe.or(a.axe);
    a.pages = Vec::new();
    a.porteurs.iter_mut().for_each(without_article);
    a.partenaires.iter_mut().for_each(without_article);
    // "Porteur : à définir" names no lead: the page says it is not decided yet.
    a.porteurs
        .retain(|m| !cls_normalize::mentions::is_undecided(&m.nom));
    for m in a.porteurs.iter_mut().chain(a.partenaires.iter_mut()) {
        m.nom = cls_normalize::mentions::without_subunit(&m.nom);
    }

    a
}

/// The field of each column of a table's header row, when it is a table of actions: a
/// title column and a number or lead column.
fn action_columns(header: &HtmlBlock) -> Option<Vec<Option<vocab::Field>>> {
    use vocab::Field;
    let cols: Vec<Option<Field>> = header.cells.iter().map(|c| vocab::match_label(c)).collect();
    let has = |f: Field| cols.contains(&Some(f));
    (has(Field::Titre) && (has(Field::Numero) || has(Field::Porteurs))).then_some(cols)
}

/// Actions listed on the page, in page order, with their axis (see the module comment).
pub(super) fn actions(
    blocks: &[HtmlBlock],
    axes: &[Axe],
    alertes: &mut Vec<Alerte>,
) -> Vec<Action> {
    let p = vocab::patterns();
    let mut out: Vec<Action> = Vec::new();
    let mut axe: Option<u32> = None;
    // An FAQ's items are questions, never actions; its section ends at the next heading of
    // its level.
    let mut faq: Option<u8> = None;
    let axis_of = |t: &str| -> Option<Option<u32>> {
        let t = dashes(t.trim());
        let c = p.axe.captures(&t)?;
        Some(crate::roman_or_arabic(&c["num"]).filter(|n| axes.iter().any(|a| a.numero == *n)))
    };
    // In a table, a cell or a spanning row may give the axis by its title alone.
    let cell_axis_of = |t: &str| -> Option<Option<u32>> {
        axis_of(t).or_else(|| {
            let ft = f(t.trim());
            axes.iter()
                .find(|a| !a.titre.is_empty() && f(&a.titre) == ft)
                .map(|a| Some(a.numero))
        })
    };
    let lead_lists = lists_naming_leads(blocks);
    let below_axis = below_axis_headings(blocks);
    // The heading level of the current axis's section, when a heading opened it.
    let mut axis_level: Option<u8> = None;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        if in_faq(&mut faq, b) {
            i += 1;
            continue;
        }
        if let Some(n) = axis_heading(blocks, i, axes, &axis_of) {
            axe = n;
            axis_level = match b.kind {
                HtmlKind::Heading(l) if n.is_some() => Some(l),
                _ => None,
            };
            i += 1;
            continue;
        }
        // A heading as high as the axis's that is neither an axis nor an action ends the
        // axis's section ("Les grandes étapes", "Contacts").
        if let HtmlKind::Heading(l) = b.kind {
            if axis_level.is_some_and(|a| l <= a) && action_start(&b.text).is_none() {
                axe = None;
                axis_level = None;
            }
        }
        // A badge "Axe 2" on a card: the axis of the card's action.
        if let Some(n) = axis_badge(&b.text).filter(|n| axes.iter().any(|a| a.numero == *n)) {
            axe = Some(n);
            i += 1;
            continue;
        }
        // A table of actions: a header row naming an action column, then one action per
        // row; a row of one cell is an axis. A table's first row of label words is its
        // header however it is marked up.
        let first_row = i == 0 || blocks[i - 1].table != b.table;
        if b.kind == HtmlKind::TableRow && (b.header || first_row) {
            if let Some(cols) = action_columns(b) {
                i = table_actions(blocks, i, &cols, &mut axe, &cell_axis_of, &mut out, alertes);
                continue;
            }
        }
        if let Some(a) = row_as_action(b, axe, alertes) {
            out.push(a);
            i += 1;
            continue;
        }
        let listed = (lead_lists[i], below_axis[i]);
        let opening = action_opening(blocks, i, axe, listed, out.len() + 1, &axis_of);
        let Some(opening) = opening else {
            alert_unread(blocks, i, axe, alertes);
            i += 1;
            continue;
        };
        let (a, j) = read_action(blocks, i, opening, axe, &axis_of, alertes);
        out.push(a);
        i = j;
    }
    number_uniquely(&mut out, alertes);
    leads_after_titles(&mut out, alertes);
    out
}

/// Titles that end with their lead in parentheses or after a dash ("Lutter contre le
/// moustique tigre (EID Méditerranée)", "… – MSP du Haut-Verdon"), as pages that list
/// their actions one line each write them. A single one proves nothing ("(phase 2)",
/// "(Mon espace santé)"): only when half of the page's actions or more end so, and half
/// of those endings or more name a body, does each action without a lead take its ending
/// as its lead, and its title lose it.
fn leads_after_titles(out: &mut [Action], alertes: &mut Vec<Alerte>) {
    let found: Vec<(usize, String, String)> = out
        .iter()
        .enumerate()
        .filter(|(_, a)| a.porteurs.is_empty())
        .filter_map(|(k, a)| {
            let t = a.titre.as_deref()?;
            let (head, inner) = trailing_parenthesis(t).or_else(|| trailing_dash(t))?;
            Some((k, head.to_string(), inner.to_string()))
        })
        .collect();
    let bodies = found
        .iter()
        .filter(|(_, _, inner)| cls_normalize::mentions::names_a_body(inner))
        .count();
    if found.len() < 2 || found.len() * 2 < out.len() || bodies * 2 < found.len() {
        return;
    }
    for (k, head, inner) in found {
        let a = &mut out[k];
        a.porteurs = cls_normalize::mentions::mentions(&inner);
        a.porteurs.iter_mut().for_each(without_article);
        a.titre = Some(head);
        let n = a.numero.clone();
        alertes.retain(|x| !(x.message == "aucun porteur" && x.action == n));
    }
}

/// What a title holds after its last dash, when it reads as a name ("Soutenir la maison
/// de santé – MSP du Haut-Verdon"): capitalised, a dozen words at most, no label.
fn trailing_dash(titre: &str) -> Option<(&str, &str)> {
    let t = titre.trim();
    let (k, sep) = [" – ", " — ", " - "]
        .iter()
        .filter_map(|s| t.rfind(s).map(|k| (k, s.len())))
        .max_by_key(|x| x.0)?;
    let (head, inner) = (t[..k].trim_end(), t[k + sep..].trim());
    let named = inner.chars().next().is_some_and(char::is_uppercase)
        && inner.split_whitespace().count() <= 12
        && !inner.contains(':')
        && !inner.ends_with('.');
    (head.chars().count() >= 8 && named).then_some((head, inner))
}

/// A title's last parenthesis when it closes the title and reads as a name: the title
/// before it (8 characters or more) and what it holds, capitalised, neither the sigle of
/// the title's own words ("… consultations jeunes consommateurs (CJC)") nor a labelled
/// value ("(porteur : X)", read elsewhere) nor figures ("(2024-2026)").
fn trailing_parenthesis(titre: &str) -> Option<(&str, &str)> {
    let t = titre.trim();
    let body = t.strip_suffix(')')?;
    let mut depth = 0;
    let mut open = None;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let (head, inner) = (body[..open].trim_end(), body[open + 1..].trim());
    let named = inner.chars().next().is_some_and(char::is_uppercase)
        && inner.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !inner.contains(':')
        && (inner.contains(char::is_whitespace)
            || !cls_normalize::mentions::own_sigle(head, inner));
    (head.chars().count() >= 8 && named).then_some((head, inner))
}

/// A card's badge naming its axis alone: "Axe 2", "Axe n° 3".
fn axis_badge(t: &str) -> Option<u32> {
    let c = patterns::axe_seul().captures(t.trim())?;
    crate::roman_or_arabic(&c["num"])
}

/// Numbers every action once. Lists that restart at 1 under each axis give the same
/// numbers to actions of different axes: those are numbered "axis.item" ("2.1"), as the
/// page reads them. A number still repeated is an alert.
fn number_uniquely(out: &mut [Action], alertes: &mut Vec<Alerte>) {
    let plain = |a: &Action| {
        a.numero
            .as_deref()
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    let mut seen = HashSet::new();
    let repeated = out
        .iter()
        .filter(|a| plain(a))
        .any(|a| !seen.insert(a.numero.clone()));
    if repeated && out.iter().filter(|a| plain(a)).all(|a| a.axe.is_some()) {
        for a in out.iter_mut().filter(|a| plain(a)) {
            if let (Some(axe), Some(n)) = (a.axe, a.numero.as_deref()) {
                a.numero = Some(format!("{axe}.{n}"));
            }
        }
    }
    let mut seen = HashSet::new();
    for a in out.iter() {
        if let Some(n) = a.numero.as_deref().filter(|n| !n.is_empty()) {
            if !seen.insert(n.to_string()) {
                alertes.push(Alerte::new(
                    "numero_duplique",
                    Some(n),
                    format!(
                        "le numéro {n} est donné à plusieurs actions de la page : « {} »",
                        short(a.titre.as_deref().unwrap_or(""))
                    ),
                ));
            }
        }
    }
}

/// Whether block `b` is an FAQ's heading or inside an FAQ, keeping `faq` (the level of
/// the FAQ's heading) up to date: a heading of that level or above ends the FAQ.
fn in_faq(faq: &mut Option<u8>, b: &HtmlBlock) -> bool {
    if let HtmlKind::Heading(level) = b.kind {
        if faq.is_some_and(|l| level <= l) {
            *faq = None;
        }
        let ft = f(b.text.trim());
        if ft.contains("questions frequentes")
            || ft.starts_with("faq")
            || ft.contains("foire aux questions")
        {
            *faq = Some(level);
            return true;
        }
    }
    faq.is_some()
}

/// When block `i` opens an axis's section, the axis the actions after it belong to (none
/// for a line of the outline): an "Axe n" line, or a heading that carries an axis title
/// without its number ("En transversalité : …").
fn axis_heading(
    blocks: &[HtmlBlock],
    i: usize,
    axes: &[Axe],
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
) -> Option<Option<u32>> {
    let b = &blocks[i];
    let t = b.text.trim();
    if b.kind != HtmlKind::TableRow || b.cells.iter().filter(|c| !c.is_empty()).count() == 1 {
        if let Some(n) = axis_of(t) {
            // Axis lines listed one after another are the outline, not section
            // headings: the actions that follow belong to none of them in particular.
            let listed = blocks
                .get(i + 1)
                .is_some_and(|x| axis_of(&x.text).is_some())
                || blocks[..i]
                    .last()
                    .is_some_and(|x| axis_of(&x.text).is_some());
            return Some(if listed { None } else { n });
        }
    }
    if matches!(b.kind, HtmlKind::Heading(_)) {
        let ft = f(t);
        if let Some(a) = axes.iter().find(|a| {
            !a.titre.is_empty()
                && ft
                    .strip_suffix(&f(&a.titre))
                    .is_some_and(names_an_axis_before_its_title)
        }) {
            return Some(Some(a.numero));
        }
    }
    None
}

/// Whether `prefix`, what a heading holds before an axis's title, leaves the heading that
/// axis's own: nothing, or a short label set apart by a separator or holding a number
/// ("2. ", "Axe stratégique n°2 ", "En transversalité : "). An action's title that ends with the axis's words
/// ("… sur la santé mentale") is no axis heading.
fn names_an_axis_before_its_title(prefix: &str) -> bool {
    let words: Vec<&str> = prefix
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let set_apart = prefix
        .trim_end()
        .ends_with([':', '-', '–', '—', '.', '|', ')']);
    let numbered = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    words.is_empty() || (words.len() <= 5 && (set_apart || numbered))
}

/// How an action opens at a block: its number, its title line (none for a bare "Action
/// 5" whose title follows) and how it was found in a list.
struct Opening {
    numero: String,
    titre: Option<String>,
    listing: Listing,
}

/// How block `i` opens an action, if it does: an action line (not in a table); an
/// accordion item, or a heading below its axis's heading (`below_axis`), under an axis
/// whose panel names a lead, though its title has no number;
/// an item of a numbered list, or of a bulleted list announced as actions or whose items
/// name their leads (`lead_list`), under an axis. Actions without a number of their own
/// are numbered `next`, in page order.
fn action_opening(
    blocks: &[HtmlBlock],
    i: usize,
    axe: Option<u32>,
    (lead_list, below_axis): (bool, bool),
    next: usize,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
) -> Option<Opening> {
    let b = &blocks[i];
    let t = b.text.trim();
    let none = Listing::default();
    // A line right above the axis line of its own number is that axis's label (a tab's
    // title "1. Soins et droits" above its panel's "Axe 1 : …"), not an action.
    let next_axis = blocks
        .get(i + 1)
        .and_then(|x| axis_of(x.text.trim()))
        .flatten();
    if b.kind != HtmlKind::TableRow {
        if let Some((numero, titre)) = action_start(t)
            .filter(|(n, _)| next_axis.is_none_or(|a| n.parse::<u32>().ok() != Some(a)))
        {
            return Some(Opening {
                numero,
                titre,
                listing: none,
            });
        }
    }
    // A collapsible item, or a heading below the axis's, whose panel names a lead.
    let titled = b.toggle || below_axis;
    if titled && axe.is_some() && !t.ends_with('?') && panel_names_a_lead(blocks, i, axis_of) {
        // "B. Déployer …": the item's letter is its number.
        let (numero, titre) = lettered_title(t).unwrap_or((next.to_string(), t.to_string()));
        return Some(Opening {
            numero,
            titre: Some(titre),
            listing: none,
        });
    }
    // A line all in bold under an axis, whose lines after it name a lead.
    if is_bold_line(b) && axe.is_some() && panel_names_a_lead(blocks, i, axis_of) {
        return Some(Opening {
            numero: next.to_string(),
            titre: Some(t.to_string()),
            listing: Listing {
                bold: true,
                ..Listing::default()
            },
        });
    }
    // "A. Titre (porteur : …)": an item or a line lettered in its text, under an axis (a
    // paragraph only when a lead follows: "M. Dupont" is no action).
    if let Some(c) = patterns::item_lettre().captures(t).filter(|_| {
        axe.is_some()
            && (b.kind == HtmlKind::ListItem
                || (matches!(b.kind, HtmlKind::Paragraph | HtmlKind::Heading(_))
                    && panel_names_a_lead(blocks, i, axis_of)))
    }) {
        return Some(Opening {
            numero: c["num"].to_string(),
            titre: Some(c["titre"].to_string()),
            listing: Listing {
                listed: true,
                bullet: b.kind == HtmlKind::ListItem,
                lettered: true,
                ..Listing::default()
            },
        });
    }
    if b.kind != HtmlKind::ListItem || axe.is_none() {
        return None;
    }
    let bullet = b.number.is_none() && (lead_list || list_announces_actions(blocks, i));
    (b.number.is_some() || bullet).then(|| Opening {
        numero: b.number.map_or_else(|| next.to_string(), |n| n.to_string()),
        titre: Some(t.to_string()),
        listing: Listing {
            listed: true,
            bullet,
            ..Listing::default()
        },
    })
}

/// For each block, whether it is a heading below the level of the last axis line before
/// it, when that line is a heading (an action's title under its axis's heading). One pass.
fn below_axis_headings(blocks: &[HtmlBlock]) -> Vec<bool> {
    let p = vocab::patterns();
    let mut axis_level: Option<u8> = None;
    blocks
        .iter()
        .map(|b| {
            let below = matches!(b.kind, HtmlKind::Heading(l) if axis_level.is_some_and(|a| a < l));
            if p.axe.is_match(&dashes(b.text.trim())) {
                // A card's axis badge ("Axe 1 · Accès aux soins", a line above the card's
                // title) puts any heading after it below the axis.
                axis_level = match b.kind {
                    HtmlKind::Heading(l) => Some(l),
                    _ => Some(1),
                };
            }
            below
        })
        .collect()
}

/// Whether the panel of the collapsible item at `i` (the blocks up to the next heading,
/// collapsible item or axis) names a lead.
fn panel_names_a_lead(
    blocks: &[HtmlBlock],
    i: usize,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
) -> bool {
    blocks[i + 1..]
        .iter()
        .take(40)
        .take_while(|x| {
            !matches!(x.kind, HtmlKind::Heading(_)) && !x.toggle && axis_of(&x.text).is_none()
        })
        .any(|x| {
            if x.kind == HtmlKind::TableRow {
                x.cells.first().is_some_and(|c| is_lead_label(c))
            } else {
                block_names_a_lead(x)
            }
        })
}

/// For each block, whether it is an item of a bulleted list of actions by its items: half
/// of them or more are a title followed by its lead ("Titre – porteur : X", "Titre
/// (pilote : X)"), or name it in the lines that go on the item (`continued`: "Titre<br>Qui
/// ? X", a `<dt>` and its `<dd>`). Each list is read once.
fn lists_naming_leads(blocks: &[HtmlBlock]) -> Vec<bool> {
    let is_item = |x: &HtmlBlock| x.kind == HtmlKind::ListItem && x.number.is_none();
    let mut out = vec![false; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        let n = blocks[i..]
            .iter()
            .take_while(|x| is_item(x) || (x.continued && !x.kind.eq(&HtmlKind::TableRow)))
            .count();
        if n == 0 || !is_item(&blocks[i]) {
            i += 1;
            continue;
        }
        let run = &blocks[i..i + n];
        let items: Vec<usize> = (0..n).filter(|&k| is_item(&run[k])).collect();
        let with_lead = items
            .iter()
            .enumerate()
            .filter(|(m, &k)| {
                let (titre, fields) = title_and_fields(run[k].text.trim());
                let own = !titre.is_empty() && fields.iter().any(|(l, _)| is_lead_label(l));
                let end = items.get(m + 1).copied().unwrap_or(n);
                own || run[k + 1..end].iter().any(block_names_a_lead)
            })
            .count();
        let leads = with_lead > 0 && with_lead * 2 >= items.len();
        for &k in &items {
            out[i + k] = leads;
        }
        i += n;
    }
    out
}

/// Alerts for block `i` when it looks like actions but is not read as one: the first
/// item of a bulleted list under an axis that nothing announces, or a collapsible item
/// under an axis that is not a question.
fn alert_unread(blocks: &[HtmlBlock], i: usize, axe: Option<u32>, alertes: &mut Vec<Alerte>) {
    let b = &blocks[i];
    let t = b.text.trim();
    if let Some(n) = unread_bullet_list(blocks, i, axe) {
        alertes.push(Alerte::new(
            "element_non_lu",
            None,
            format!(
                "une liste à puces de {n} éléments sous un axe n'a pas été lue comme des actions (aucune phrase ne l'annonce) : « {} »",
                short(t)
            ),
        ));
    }
    // A collapsible item outside any axis is a section of the page (its steps, its
    // documents), not an action that was missed.
    if b.toggle && axe.is_some() && !t.ends_with('?') {
        alertes.push(Alerte::new(
            "element_non_lu",
            None,
            format!(
                "un élément dépliable n'a pas été lu comme une action : « {} »",
                short(t)
            ),
        ));
    }
}

/// How an action was found in a list: `listed` a numbered item, `bullet` an item of a
/// bulleted list announced as actions (its action ends at the next item); `lettered` a
/// line "A. Titre" and `bold` a line all in bold, whose action ends at the next such line.
#[derive(Clone, Copy, Default)]
struct Listing {
    listed: bool,
    bullet: bool,
    lettered: bool,
    bold: bool,
}

/// A paragraph line all in bold (`<strong>Titre</strong><br>Pilote : …`): a title.
fn is_bold_line(b: &HtmlBlock) -> bool {
    b.kind == HtmlKind::Paragraph
        && !b.continued
        && b.run_in
            .as_deref()
            .is_some_and(|r| r.trim() == b.text.trim())
}

/// Reads the action that opens at block `i` (a heading, a collapsible item, a numbered or
/// announced list item) with what follows it until the next action, axis or heading.
/// Returns it with the index of the first block after it.
fn read_action(
    blocks: &[HtmlBlock],
    i: usize,
    opening: Opening,
    axe: Option<u32>,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
    alertes: &mut Vec<Alerte>,
) -> (Action, usize) {
    let (opening_title, mut inline) = labelled_lines_after_title(&blocks[i], opening.titre);
    let (mut titre, fields) = match &opening_title {
        Some(t) => {
            let (t, fields) = title_and_fields(t);
            (Some(t), fields)
        }
        None => (None, Vec::new()),
    };
    inline.splice(0..0, fields);
    let mut j = i + 1;
    // "Action 5" alone: its title is the next line (a card's heading), unless labelled
    // rows follow (a fiche table with an "Intitulé" row).
    if titre.is_none() {
        if let Some((x, fields)) = blocks.get(j).and_then(|next| card_title(next, axis_of)) {
            titre = Some(x);
            inline.extend(fields);
            j += 1;
        }
    }
    let (fields, j, badge) = action_fields(blocks, j, inline, opening.listing, axis_of);
    let a = build_action(opening.numero, titre, fields, badge.or(axe), alertes);
    if a.titre.as_deref().is_none_or(str::is_empty) {
        alertes.push(Alerte::new(
            "champ_absent",
            a.numero.as_deref(),
            "titre de l'action absent",
        ));
    }
    if a.porteurs.is_empty() {
        alertes.push(Alerte::new(
            "champ_absent",
            a.numero.as_deref(),
            "aucun porteur",
        ));
    }
    (a, j)
}

/// An action's title line whose block goes on with labelled lines ("Titre<br>Porteur(s) :
/// A, B"): the title without them, and their fields. Lines are cut where the page breaks
/// them, so a label that opens a line needs no separator before it.
fn labelled_lines_after_title(
    b: &HtmlBlock,
    titre: Option<String>,
) -> (Option<String>, Vec<(String, String)>) {
    let lines: Vec<&str> = b.lines.iter().flatten().map(|l| l.trim()).collect();
    let Some(k) = (1..lines.len()).find(|&k| labelled(lines[k]).is_some()) else {
        return (titre, Vec::new());
    };
    let tail = lines[k..].join(" ");
    let Some(head) = titre
        .as_deref()
        .and_then(|t| t.trim().strip_suffix(tail.as_str()))
    else {
        return (titre, Vec::new());
    };
    let fields = lines[k..]
        .iter()
        .filter_map(|l| labelled(l))
        .flatten()
        .collect();
    (Some(head.trim().to_string()), fields)
}

/// A title that opens with its number: an action line ("Action 1.2 : …", "1.2 – …") or a
/// letter ("A. …"); the number and the title without it.
fn numbered_title(t: &str) -> Option<(String, String)> {
    if let Some((n, Some(titre))) = action_start(t) {
        return Some((n, titre));
    }
    lettered_title(t)
}

/// A title lettered in its text ("B. Déployer …"): the letter and the title without it.
fn lettered_title(t: &str) -> Option<(String, String)> {
    let c = patterns::item_lettre().captures(t)?;
    Some((
        c["num"].to_string(),
        c.name("titre")?.as_str().trim().to_string(),
    ))
}

/// The title of a card whose heading is a bare "Action 5": the next block, when it is a
/// short line that is neither a table row, another action or axis, a labelled line nor a
/// lead; with the fields written after it in the same line.
fn card_title(
    next: &HtmlBlock,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
) -> Option<(String, Vec<(String, String)>)> {
    let nt = next.text.trim();
    (next.kind != HtmlKind::TableRow
        && action_start(nt).is_none()
        && axis_of(nt).is_none()
        && axis_badge(nt).is_none()
        && labelled(nt).is_none()
        && label_alone(nt).is_none()
        && lead_prose(nt).is_none()
        && nt.len() < 250)
        .then(|| title_and_fields(nt))
}

/// What follows an action from block `j` until the next action, axis or heading, as
/// labelled rows: the fields written in its title line (`inline`), the leads and labelled
/// lines, a label alone with its values in the blocks after it, the rows of a fiche
/// table, and a description before them. Returns them with the index of the first block
/// after, and the axis of a badge inside the action's card.
fn action_fields(
    blocks: &[HtmlBlock],
    mut j: usize,
    inline: Vec<(String, String)>,
    listing: Listing,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
) -> (Vec<Item>, usize, Option<u32>) {
    let mut fields: Vec<Item> = inline.into_iter().map(|(l, v)| row(&l, vec![v])).collect();
    let mut description: Vec<String> = Vec::new();
    let mut badge = None;
    let has_lead = |fields: &[Item]| {
        fields
            .iter()
            .any(|f| matches!(f, Item::Row { label, .. } if is_lead_label(label)))
    };
    while j < blocks.len() {
        let x = &blocks[j];
        let xt = x.text.trim();
        // A badge "Axe 2" inside a card, after its title and before its lead, is the
        // card's axis; after the lead it belongs to the next card.
        match axis_badge(xt) {
            Some(n) if badge.is_none() && !has_lead(&fields) => {
                badge = Some(n);
                j += 1;
                continue;
            }
            _ => {}
        }
        if ends_action(x, listing, axis_of) {
            break;
        }
        j += 1;
        if x.kind == HtmlKind::TableRow && x.cells.len() >= 2 {
            let value = x.lines[1..].iter().flatten().cloned().collect();
            fields.push(row(&x.cells[0], value));
        } else if let Some(who) = lead_prose(xt) {
            fields.push(row("Porteur", vec![who]));
        } else if let Some(parts) = labelled(xt) {
            fields.extend(parts.into_iter().map(|(l, v)| row(&l, vec![v])));
        } else if let Some((label, value)) = run_in_label(x) {
            // The value goes on in the lines after it (names separated by <br>).
            let (mut values, next) = values_after(blocks, j, listing, axis_of);
            values.insert(0, value);
            fields.push(row(&label, values));
            j = next;
        } else if let Some(label) = label_alone(xt) {
            let (values, next) = values_after(blocks, j, listing, axis_of);
            if !values.is_empty() {
                fields.push(row(&label, values));
                j = next;
            }
        } else if let Some((prefix, parts)) = labels_in_sentence(xt) {
            // "… au printemps. Porteur : X." — the labels end a sentence of description.
            if fields.is_empty() && !prefix.is_empty() {
                description.push(prefix);
            }
            fields.extend(parts.into_iter().map(|(l, v)| row(&l, vec![v])));
        } else if fields.is_empty() && x.kind != HtmlKind::TableRow && !is_utility(xt) {
            description.push(xt.to_string());
        }
    }
    if !description.is_empty() && !fields.is_empty() {
        fields.insert(0, row("Description", description));
    }
    (fields, j, badge)
}

/// A line whose known labels start after a sentence ("Panneaux et formations. Porteur :
/// X."): the sentence and the labelled fields, when one of them names a lead.
fn labels_in_sentence(t: &str) -> Option<(String, Vec<(String, String)>)> {
    if !t.contains(':') {
        return None;
    }
    let (prefix, parts) = labelled_parts(t);
    parts
        .iter()
        .any(|(l, _)| is_lead_label(l))
        .then_some((prefix, parts))
}

/// The values of a label alone in its block, the blocks from `j` up to the next label,
/// labelled line, lead or sentence (Drupal writes each value in its own `field__item`; a
/// sentence after the last is the page's text, not a name). Returns them with the index
/// of the first block after.
fn values_after(
    blocks: &[HtmlBlock],
    mut j: usize,
    listing: Listing,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
) -> (Vec<String>, usize) {
    let mut values = Vec::new();
    while let Some(x) = blocks.get(j) {
        let xt = x.text.trim();
        if ends_action(x, listing, axis_of)
            || x.kind == HtmlKind::TableRow
            || label_alone(xt).is_some()
            || labelled(xt).is_some()
            || run_in_label(x).is_some()
            || lead_prose(xt).is_some()
            || is_sentence(xt)
        {
            break;
        }
        values.push(xt.to_string());
        j += 1;
    }
    (values, j)
}

/// Whether block `x` ends the action before it: a heading or a collapsible item, another
/// action line, an axis or a card's axis badge, the next item of the action's list, a
/// table of actions.
fn ends_action(
    x: &HtmlBlock,
    listing: Listing,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
) -> bool {
    let xt = x.text.trim();
    matches!(x.kind, HtmlKind::Heading(_))
        || x.toggle
        || (x.kind != HtmlKind::TableRow && action_start(xt).is_some())
        || axis_of(xt).is_some()
        || axis_badge(xt).is_some()
        || (listing.listed && x.number.is_some())
        || (listing.bullet && x.kind == HtmlKind::ListItem)
        || (listing.lettered && patterns::item_lettre().is_match(xt))
        || (listing.bold && is_bold_line(x))
        || (x.kind == HtmlKind::TableRow && x.header && action_columns(x).is_some())
}

/// Words that announce a list of actions ("Les actions prévues :", "Fiches-actions").
const ACTION_WORDS: &[&str] = &["action", "fiche", "projet", "mesure"];

/// Whether the bulleted list holding block `i` is announced as a list of actions by the
/// heading right before it, or by a short paragraph that ends with a colon (a sentence
/// that only mentions the fiches-actions announces nothing).
fn list_announces_actions(blocks: &[HtmlBlock], i: usize) -> bool {
    let before = blocks[..i]
        .iter()
        .rev()
        .find(|x| x.kind != HtmlKind::ListItem);
    before.is_some_and(|x| {
        let ft = f(&x.text);
        let announces = matches!(x.kind, HtmlKind::Heading(_)) || x.text.trim_end().ends_with(':');
        announces
            && ACTION_WORDS.iter().any(|w| ft.contains(w))
            && ft.split_whitespace().count() <= 30
    })
}

/// At the first item of a bulleted list of two items or more under an axis, which is not
/// read as actions: its number of items, for an alert (nothing is dropped silently).
fn unread_bullet_list(blocks: &[HtmlBlock], i: usize, axe: Option<u32>) -> Option<usize> {
    let b = &blocks[i];
    let first = i == 0 || blocks[i - 1].kind != HtmlKind::ListItem;
    if axe.is_none() || b.kind != HtmlKind::ListItem || b.number.is_some() || !first {
        return None;
    }
    let n = blocks[i..]
        .iter()
        .take_while(|x| (x.kind == HtmlKind::ListItem && x.number.is_none()) || x.continued)
        .filter(|x| !x.continued)
        .count();
    (n >= 2).then_some(n)
}

/// Whether a line reads as a sentence of the page rather than a name: more than eight
/// words and a full stop.
fn is_sentence(t: &str) -> bool {
    t.ends_with('.') && t.split_whitespace().count() > 8
}

/// A line that is a page's utility text rather than an action's description.
fn is_utility(t: &str) -> bool {
    let ft = f(t);
    [
        "telecharger",
        "contact",
        "pour toute question",
        "pour en savoir plus",
    ]
    .iter()
    .any(|u| ft.starts_with(u))
}

/// The first words of a text, for an alert.
fn short(t: &str) -> String {
    let mut s: String = t.chars().take(80).collect();
    if s.len() < t.len() {
        s.push('…');
    }
    s
}

/// Reads the rows of a table of actions from its header row at `start`; returns the index
/// after the table.
fn table_actions(
    blocks: &[HtmlBlock],
    start: usize,
    cols: &[Option<vocab::Field>],
    axe: &mut Option<u32>,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
    out: &mut Vec<Action>,
    alertes: &mut Vec<Alerte>,
) -> usize {
    let header = &blocks[start];
    let mut j = start + 1;
    while j < blocks.len()
        && blocks[j].kind == HtmlKind::TableRow
        && blocks[j].table == header.table
    {
        let r = &blocks[j];
        j += 1;
        if r.header {
            continue;
        }
        if r.cells.iter().filter(|c| !c.is_empty()).count() <= 1 {
            // A row spanning the table: an axis, or a heading of rows.
            if let Some(n) = axis_of(&r.text) {
                *axe = n;
            }
            continue;
        }
        if let Some(n) = row_axis(header, r, axis_of) {
            *axe = Some(n);
        }
        if let Some(a) = row_action(header, r, cols, out.len() + 1, *axe, alertes) {
            out.push(a);
        }
    }
    j
}

/// A table row that is an action by itself, in a table with no header (a hand-made page
/// lays out each action as a row): a number cell ("1."), then the title as the first
/// line of a cell and labelled lines ("Responsable : X", "Partenaires : Y") in it or in
/// the cells after.
fn row_as_action(r: &HtmlBlock, axe: Option<u32>, alertes: &mut Vec<Alerte>) -> Option<Action> {
    if r.kind != HtmlKind::TableRow || r.header || r.cells.len() < 2 {
        return None;
    }
    let c = patterns::numero_seul().captures(r.cells[0].trim())?;
    let numero = c.name("num").or(c.name("nu"))?.as_str().to_string();
    let mut lines = r.lines[1..].iter().flatten().map(|l| l.trim());
    let titre = lines.next().filter(|t| labelled(t).is_none())?.to_string();
    let fields: Vec<Item> = lines
        .filter_map(labelled)
        .flatten()
        .map(|(l, v)| row(&l, vec![v]))
        .collect();
    let names_lead = fields
        .iter()
        .any(|f| matches!(f, Item::Row { label, .. } if is_lead_label(label)));
    names_lead.then(|| build_action(numero, Some(titre), fields, axe, alertes))
}

/// The axis a row of a table of actions names in a cell of its own: an axis line ("Axe 1 :
/// Accès aux soins", repeated on each row), or a bare number or label under an "Axe"
/// header.
fn row_axis(
    header: &HtmlBlock,
    r: &HtmlBlock,
    axis_of: &dyn Fn(&str) -> Option<Option<u32>>,
) -> Option<u32> {
    r.cells.iter().enumerate().find_map(|(k, c)| {
        if let Some(n) = axis_of(c) {
            return n;
        }
        let under_axis = header
            .cells
            .get(k)
            .is_some_and(|h| patterns::en_tete_axe().is_match(h.trim()));
        let c = c.trim();
        under_axis
            .then(|| {
                patterns::axe_seul()
                    .captures(c)
                    .and_then(|m| crate::roman_or_arabic(&m["num"]))
                    .or_else(|| crate::roman_or_arabic(c.trim_end_matches('.')))
            })
            .flatten()
    })
}

/// An action's number as a table cell prints it, without its word ("FA 3", "Fiche n° 2.1",
/// "4.").
fn cell_number(c: &str) -> String {
    let c = c.trim();
    match patterns::numero_seul().captures(c) {
        Some(m) => m
            .name("num")
            .or(m.name("nu"))
            .map_or(c, |x| x.as_str())
            .to_string(),
        None => c.trim_end_matches('.').to_string(),
    }
}

/// The action of one row of a table of actions, numbered `next` when the table has no
/// number column; `None`, with an alert, for a row without a title.
fn row_action(
    header: &HtmlBlock,
    r: &HtmlBlock,
    cols: &[Option<vocab::Field>],
    next: usize,
    axe: Option<u32>,
    alertes: &mut Vec<Alerte>,
) -> Option<Action> {
    use vocab::Field;
    let cell = |f: Field| -> Option<usize> { cols.iter().position(|c| *c == Some(f)) };
    let titre = cell(Field::Titre)
        .and_then(|k| r.cells.get(k))
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty());
    let numero = cell(Field::Numero)
        .and_then(|k| r.cells.get(k))
        .map(|x| cell_number(x))
        .filter(|x| !x.is_empty());
    let Some(titre) = titre else {
        alertes.push(Alerte::new(
            "element_non_lu",
            numero.as_deref(),
            format!(
                "une ligne du tableau des actions n'a pas d'intitulé : « {} »",
                short(&r.text)
            ),
        ));
        return None;
    };
    // The other columns are the action's fields, labelled by their header cell.
    let mut fields = Vec::new();
    for (k, c) in cols.iter().enumerate() {
        if matches!(c, Some(Field::Titre) | Some(Field::Numero)) {
            continue;
        }
        let Some(lines) = r.lines.get(k).filter(|l| !l.is_empty()) else {
            continue;
        };
        let label = header.cells.get(k).map(String::as_str).unwrap_or("");
        fields.push(row(label, lines.clone()));
    }
    // Without a number column, the title may carry its number ("A. Favoriser …", "Action
    // 1.2 : …").
    let (numero, titre) = match numero {
        Some(n) => (n, titre),
        None => numbered_title(&titre).unwrap_or((next.to_string(), titre)),
    };
    let a = build_action(numero, Some(titre), fields, axe, alertes);
    if a.porteurs.is_empty() {
        alertes.push(Alerte::new(
            "champ_absent",
            a.numero.as_deref(),
            "aucun porteur",
        ));
    }
    Some(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::axes::axes;
    use crate::web::test_block as block;

    fn fiche_row(label: &str, value: &str) -> HtmlBlock {
        HtmlBlock {
            kind: HtmlKind::TableRow,
            text: format!("{label} {value}"),
            cells: vec![label.to_string(), value.to_string()],
            lines: vec![vec![label.to_string()], vec![value.to_string()]],
            ..Default::default()
        }
    }

    #[test]
    fn hand_made_page_keeps_action_2_after_action_1_and_its_table() {
        // Issue 12: "Action 1" and "Action 2" headings each followed by a table; Action 2
        // was lost without a word.
        let blocks = vec![
            block(HtmlKind::Heading(2), "AXE 1 - SOINS"),
            block(HtmlKind::Heading(3), "Action 1"),
            fiche_row("Intitulé", "Créer une permanence"),
            fiche_row("Porteur", "Mairie"),
            block(HtmlKind::Heading(3), "Action 2"),
            fiche_row("Intitulé", "Organiser un transport"),
            fiche_row("Porteur", "Syndicat des transports"),
        ];
        let axes = axes(&blocks);
        let mut alertes = Vec::new();
        let a = actions(&blocks, &axes, &mut alertes);
        assert_eq!(a.len(), 2);
        assert_eq!(a[1].titre.as_deref(), Some("Organiser un transport"));
        assert_eq!(a[1].axe, Some(1));
    }

    #[test]
    fn a_bulleted_list_under_an_axis_is_read_when_announced_and_alerted_otherwise() {
        let li = |t: &str| block(HtmlKind::ListItem, t);
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1 : Accès aux soins"),
            block(HtmlKind::Paragraph, "Les actions prévues :"),
            li("Ouvrir une maison de santé (pilote : Mairie)"),
            li("Accueillir les internes"),
            block(HtmlKind::Heading(2), "Axe 2 : Prévention"),
            block(HtmlKind::Paragraph, "Nos constats :"),
            li("Un tiers des habitants a plus de 60 ans"),
            li("Peu de dépistage"),
        ];
        let mut alertes = Vec::new();
        let a = actions(&blocks, &axes(&blocks), &mut alertes);
        let titles: Vec<&str> = a.iter().filter_map(|x| x.titre.as_deref()).collect();
        assert_eq!(
            titles,
            ["Ouvrir une maison de santé", "Accueillir les internes"]
        );
        assert_eq!(a[0].porteurs[0].nom, "Mairie");
        let unread: Vec<&Alerte> = alertes
            .iter()
            .filter(|x| x.code == "element_non_lu")
            .collect();
        assert_eq!(unread.len(), 1, "{alertes:?}");
        assert!(unread[0].message.contains("2 éléments"));
    }

    #[test]
    fn faq_items_are_not_actions_and_unread_toggles_are_alerts() {
        let mut toggle = block(HtmlKind::Heading(3), "Nos partenaires");
        toggle.toggle = true;
        let mut question = block(HtmlKind::Heading(3), "Qui peut proposer une action ?");
        question.toggle = true;
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1 : Soins"),
            toggle,
            block(HtmlKind::Heading(2), "Questions fréquentes"),
            question,
        ];
        let mut alertes = Vec::new();
        let a = actions(&blocks, &axes(&blocks), &mut alertes);
        assert!(a.is_empty());
        assert_eq!(alertes.len(), 1, "{alertes:?}");
        assert!(alertes[0].message.contains("Nos partenaires"));
    }

    fn toggle(text: &str) -> HtmlBlock {
        let mut b = block(HtmlKind::Heading(4), text);
        b.toggle = true;
        b
    }

    fn read(blocks: &[HtmlBlock]) -> (Vec<Action>, Vec<Alerte>) {
        let mut alertes = Vec::new();
        let a = actions(blocks, &axes(blocks), &mut alertes);
        (a, alertes)
    }

    #[test]
    fn leads_in_the_titles_parentheses_when_the_page_writes_them_so() {
        let li = |t: &str| block(HtmlKind::ListItem, t);
        let blocks = vec![
            block(HtmlKind::Heading(2), "Priorité 1 : Accès aux soins"),
            li("1.1 – Tenir des permanences d'accès aux droits (CPAM du Gard)"),
            li("1.2 – Ouvrir des consultations jeunes consommateurs (CJC) (Association Addictions France)"),
            li("1.3 – Lutter contre le moustique tigre (EID Méditerranée)"),
        ];
        let (a, alertes) = read(&blocks);
        let got: Vec<(&str, &str)> = a
            .iter()
            .map(|x| {
                (
                    x.titre.as_deref().unwrap_or(""),
                    x.porteurs.first().map_or("", |m| m.nom.as_str()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Tenir des permanences d'accès aux droits", "CPAM du Gard"),
                (
                    "Ouvrir des consultations jeunes consommateurs (CJC)",
                    "Association Addictions France"
                ),
                ("Lutter contre le moustique tigre", "EID Méditerranée"),
            ]
        );
        assert!(
            !alertes.iter().any(|x| x.message == "aucun porteur"),
            "{alertes:?}"
        );
        // One parenthesis on a page of several actions is part of its title.
        let blocks = vec![
            block(HtmlKind::Heading(2), "Priorité 1 : Accès aux soins"),
            li("1.1 – Accompagner l'usage de Mon espace santé (Mon espace santé)"),
            li("1.2 – Ouvrir un point santé"),
            li("1.3 – Former les aidants"),
        ];
        let (a, _) = read(&blocks);
        assert!(a[0].porteurs.is_empty());
        assert!(a[0]
            .titre
            .as_deref()
            .is_some_and(|t| t.ends_with("(Mon espace santé)")));
    }

    #[test]
    fn a_cards_axis_badge_above_its_title_and_a_tables_lettered_titles() {
        let p = |t: &str| block(HtmlKind::Paragraph, t);
        let blocks = vec![
            p("Axe 1 — Renforcer l'accès aux soins"),
            p("Axe 2 — Vieillir en bonne santé"),
            block(HtmlKind::Heading(2), "Les actions du contrat"),
            p("Axe 2 · Vieillir en bonne santé"),
            block(
                HtmlKind::Heading(3),
                "Rompre l'isolement des personnes âgées",
            ),
            p("Porteur : CCAS de Trinité"),
        ];
        let (a, _) = read(&blocks);
        let got: Vec<(Option<u32>, &str)> = a
            .iter()
            .map(|x| (x.axe, x.titre.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got, [(Some(2), "Rompre l'isolement des personnes âgées")]);
        assert_eq!(
            numbered_title("A. Favoriser l'accueil des internes"),
            Some((
                "A".to_string(),
                "Favoriser l'accueil des internes".to_string()
            ))
        );
    }

    #[test]
    fn lettered_axes_roman_numbered_fiches_and_titles_ending_with_an_axis_s_words() {
        // "Axe C – Santé mentale" is axis 3; an action whose title ends with "santé
        // mentale" stays an action of it, not the axis's heading again.
        let p = |t: &str| block(HtmlKind::Paragraph, t);
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe A – Accès aux soins"),
            block(
                HtmlKind::Heading(3),
                "Fiche-action I.1 – Recruter un médecin salarié",
            ),
            p("Porteur : Ville de Pontrevel"),
            block(HtmlKind::Heading(2), "Axe B – Santé mentale"),
            toggle("Organiser les Semaines d'information sur la santé mentale"),
            p("Porteur : Conseil local de santé mentale"),
            toggle("Créer un groupe d'entraide mutuelle"),
            p("Porteur : UNAFAM 29"),
        ];
        let (a, _) = read(&blocks);
        let got: Vec<(&str, Option<u32>)> = a
            .iter()
            .map(|x| (x.numero.as_deref().unwrap_or(""), x.axe))
            .collect();
        assert_eq!(got, [("I.1", Some(1)), ("2", Some(2)), ("3", Some(2))]);
        assert_eq!(a[0].titre.as_deref(), Some("Recruter un médecin salarié"));
    }

    #[test]
    fn elementor_accordion_items_without_numbers_are_actions_when_their_panel_names_a_lead() {
        let p = |t: &str| block(HtmlKind::Paragraph, t);
        let blocks = vec![
            block(HtmlKind::Heading(2), "AXE 1 – ACCÈS AUX SOINS"),
            toggle("Recruter un médecin salarié"),
            p("Porteur : Ville de Montrevault"),
            toggle("Créer des permanences de sages-femmes"),
            p("Porteur : Centre hospitalier"),
            block(HtmlKind::Heading(2), "AXE 2 – PRÉVENTION"),
            toggle("Proposer des ateliers cuisine"),
            p("Porteur : Épicerie solidaire"),
        ];
        let (a, alertes) = read(&blocks);
        let got: Vec<(&str, Option<u32>)> = a
            .iter()
            .map(|x| (x.numero.as_deref().unwrap_or(""), x.axe))
            .collect();
        assert_eq!(got, [("1", Some(1)), ("2", Some(1)), ("3", Some(2))]);
        assert_eq!(a[2].porteurs[0].nom, "Épicerie solidaire");
        assert!(alertes.is_empty(), "{alertes:?}");
    }

    #[test]
    fn a_drupal_field_label_alone_takes_the_next_blocks_as_values() {
        let p = |t: &str| block(HtmlKind::Paragraph, t);
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1. Accès aux droits"),
            block(HtmlKind::Heading(3), "Action 1.1 – Ouvrir un bus itinérant"),
            p("Un bus itinérant accueillera les habitants."),
            p("Porteur"),
            p("Communauté de communes du Val"),
            p("Agence régionale de santé"),
            p("Échéance"),
            p("2023"),
        ];
        let (a, _) = read(&blocks);
        let names: Vec<&str> = a[0].porteurs.iter().map(|m| m.nom.as_str()).collect();
        assert_eq!(
            names,
            ["Communauté de communes du Val", "Agence régionale de santé"]
        );
    }

    #[test]
    fn lists_restarting_at_1_under_each_axis_are_numbered_axis_dot_item() {
        let li = |t: &str, n: u32| {
            let mut b = block(HtmlKind::ListItem, t);
            b.number = Some(n);
            b
        };
        let blocks = vec![
            block(HtmlKind::ListItem, "Axe 1 : Soins"),
            li("Tenir une permanence – porteur : CPAM", 1),
            li("Recruter des médecins – porteur : Ville", 2),
            block(HtmlKind::ListItem, "Axe 2 : Santé mentale"),
            li("Ouvrir un groupe d'entraide – porteur : Association", 1),
        ];
        let (a, alertes) = read(&blocks);
        let nums: Vec<&str> = a.iter().filter_map(|x| x.numero.as_deref()).collect();
        assert_eq!(nums, ["1.1", "1.2", "2.1"]);
        assert_eq!(a[0].titre.as_deref(), Some("Tenir une permanence"));
        assert_eq!(a[0].porteurs[0].nom, "CPAM");
        assert!(!alertes.iter().any(|x| x.code == "numero_duplique"));
    }

    #[test]
    fn a_cards_axis_badge_gives_its_actions_axis() {
        let p = |t: &str| block(HtmlKind::Paragraph, t);
        let blocks = vec![
            block(
                HtmlKind::Paragraph,
                "Le programme se décline en deux axes :",
            ),
            block(HtmlKind::ListItem, "Axe 1 – Offre de soins"),
            block(HtmlKind::ListItem, "Axe 2 – Prévention"),
            p("Axe 1"),
            p("Action 1"),
            block(HtmlKind::Heading(3), "Créer un guichet unique"),
            p("Porteur : PETR"),
            p("Axe 2"),
            p("Action 2"),
            block(HtmlKind::Heading(3), "Dépister les troubles visuels"),
            p("Porteur : Département"),
        ];
        let (a, _) = read(&blocks);
        let got: Vec<Option<u32>> = a.iter().map(|x| x.axe).collect();
        assert_eq!(got, [Some(1), Some(2)]);
        assert_eq!(a[1].titre.as_deref(), Some("Dépister les troubles visuels"));
    }

    #[test]
    fn a_sentence_mentioning_fiches_actions_does_not_make_a_list_of_actions() {
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1 : Soins"),
            block(
                HtmlKind::Paragraph,
                "Le contrat complet et ses fiches-actions sont téléchargeables.",
            ),
            block(HtmlKind::ListItem, "santé"),
            block(HtmlKind::ListItem, "prévention"),
        ];
        let (a, _) = read(&blocks);
        assert!(a.is_empty(), "{a:?}");
    }

    #[test]
    fn a_bulleted_list_whose_items_name_their_leads_is_read_as_actions() {
        let li = |t: &str| block(HtmlKind::ListItem, t);
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1 : Soins"),
            li("Ouvrir une maison de santé (pilote : Mairie)"),
            li("Accueillir les internes – porteur : Faculté de médecine"),
        ];
        let (a, _) = read(&blocks);
        let titles: Vec<&str> = a.iter().filter_map(|x| x.titre.as_deref()).collect();
        assert_eq!(
            titles,
            ["Ouvrir une maison de santé", "Accueillir les internes"]
        );
        assert_eq!(a[1].porteurs[0].nom, "Faculté de médecine");
    }

    #[test]
    fn a_table_without_a_number_column_numbers_its_actions_in_order_under_its_axis_rows() {
        let mut header = fiche_row("Action", "Porteur(s)");
        header.header = true;
        header.table = Some(1);
        let axis = HtmlBlock {
            kind: HtmlKind::TableRow,
            text: "AXE 1 – Enfance".to_string(),
            cells: vec!["AXE 1 – Enfance".to_string()],
            lines: vec![vec!["AXE 1 – Enfance".to_string()]],
            table: Some(1),
            ..Default::default()
        };
        let mut r1 = fiche_row("Créer un relais parents", "CAF");
        r1.table = Some(1);
        let mut r2 = fiche_row("Former les assistantes maternelles", "PMI");
        r2.table = Some(1);
        let (a, _) = read(&[header, axis, r1, r2]);
        let got: Vec<(&str, Option<u32>)> = a
            .iter()
            .map(|x| (x.numero.as_deref().unwrap_or(""), x.axe))
            .collect();
        assert_eq!(got, [("1", Some(1)), ("2", Some(1))]);
    }

    #[test]
    fn a_label_in_its_own_span_takes_the_names_after_it_up_to_a_sentence() {
        let mut footer = block(HtmlKind::Paragraph, "Porteur(s) Centre hospitalier");
        footer.run_in = Some("Porteur(s)".to_string());
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1 : Soins"),
            block(
                HtmlKind::Heading(3),
                "Action 1 – Développer la télésurveillance",
            ),
            footer,
            block(HtmlKind::Paragraph, "CPTS du Quercy"),
            block(
                HtmlKind::Paragraph,
                "Les actions de cet axe sont menées avec les communes membres du Pays.",
            ),
        ];
        let (a, _) = read(&blocks);
        let names: Vec<&str> = a[0].porteurs.iter().map(|m| m.nom.as_str()).collect();
        assert_eq!(names, ["Centre hospitalier", "CPTS du Quercy"]);
    }

    #[test]
    fn a_first_row_of_label_words_heads_a_table_of_actions_without_markup() {
        let cell_row = |cells: &[&str]| HtmlBlock {
            kind: HtmlKind::TableRow,
            text: cells.join(" "),
            cells: cells.iter().map(|c| c.to_string()).collect(),
            lines: cells.iter().map(|c| vec![c.to_string()]).collect(),
            table: Some(1),
            ..Default::default()
        };
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1 : Soins"),
            cell_row(&["N°", "Action", "Porteur"]),
            cell_row(&[
                "1.1",
                "Créer un centre de santé",
                "Syndicat du centre de santé",
            ]),
        ];
        let (a, _) = read(&blocks);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].numero.as_deref(), Some("1.1"));
        assert_eq!(a[0].porteurs[0].nom, "Syndicat du centre de santé");
    }

    fn table_row(cells: &[&str], header: bool) -> HtmlBlock {
        HtmlBlock {
            kind: HtmlKind::TableRow,
            text: cells.join(" "),
            cells: cells.iter().map(|c| c.to_string()).collect(),
            lines: cells.iter().map(|c| vec![c.to_string()]).collect(),
            table: Some(1),
            header,
            ..Default::default()
        }
    }

    #[test]
    fn a_table_column_repeating_the_axis_gives_each_rows_axis_and_the_axes_titles() {
        // Joomla: one table of all actions, its first column "Axe 1 : …" on every row.
        let blocks = vec![
            table_row(&["Axe", "N°", "Action", "Porteur"], true),
            table_row(
                &[
                    "Axe 1 : Accès aux soins",
                    "1",
                    "Accueillir des internes",
                    "CPTS du Lac",
                ],
                false,
            ),
            table_row(
                &[
                    "Axe 2 : Jeunesse",
                    "2",
                    "Créer un point écoute",
                    "Mission locale",
                ],
                false,
            ),
        ];
        let titles: Vec<String> = axes(&blocks).into_iter().map(|a| a.titre).collect();
        assert_eq!(titles, ["Accès aux soins", "Jeunesse"]);
        let (a, _) = read(&blocks);
        let got: Vec<_> = a.iter().map(|a| (a.numero.as_deref(), a.axe)).collect();
        assert_eq!(got, [(Some("1"), Some(1)), (Some("2"), Some(2))]);
    }

    #[test]
    fn a_number_cell_loses_its_word_and_a_bare_axis_column_is_read() {
        // The State design system's tables: "FA 4" numbers; an "Axe" column of numbers.
        let blocks = vec![
            block(HtmlKind::Heading(2), "Axe 1 – Soins"),
            block(HtmlKind::Heading(2), "Axe 2 – Prévention"),
            table_row(&["Axe", "N°", "Intitulé de l'action", "Pilote"], true),
            table_row(
                &["2", "FA 4", "Promouvoir l'activité physique", "CDOS"],
                false,
            ),
            table_row(
                &["1", "Fiche n° 1.2", "Accueillir des internes", "CPTS"],
                false,
            ),
        ];
        let (a, _) = read(&blocks);
        let got: Vec<_> = a.iter().map(|a| (a.numero.as_deref(), a.axe)).collect();
        assert_eq!(got, [(Some("4"), Some(2)), (Some("1.2"), Some(1))]);
    }

    #[test]
    fn a_dotted_number_needs_no_separator_before_its_title_a_plain_one_does() {
        assert_eq!(
            action_start("1.2 Ouvrir deux centres de santé"),
            Some((
                "1.2".to_string(),
                Some("Ouvrir deux centres de santé".to_string())
            ))
        );
        assert_eq!(action_start("12 Fiches actions signées"), None);
        assert_eq!(
            action_start("3 – Prévenir les chutes").map(|x| x.0),
            Some("3".to_string())
        );
    }
}
