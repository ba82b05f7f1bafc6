//! One fiche-action: its heading lines (axis, objectives, title, status) and its
//! label/value rows, read into an `Action`. Shared by the PDF and web readers.

use crate::vocab::{classify_label, exact_label, match_statut, patterns, ticked, Field};
use crate::Item;
use cls_model::{Action, Alerte, Statut};
use std::collections::HashMap;

/// What the header of a fiche said about its place in the contract's outline.
#[derive(Debug, Default, Clone)]
pub struct Outline {
    pub axe: Option<(u32, String)>,
    pub objectif: Option<(String, String)>,
    pub sous_objectif: Option<(String, String)>,
}

/// The raw fields of a fiche before normalisation: lines per field, in order.
#[derive(Debug, Default, Clone)]
pub struct RawFiche {
    pub numero: Option<String>,
    pub titre: Option<String>,
    pub statut: Option<Statut>,
    pub outline: Outline,
    pub fields: HashMap<Field, Vec<String>>,
    /// Labelled sections without a `cls/1` key: label as printed, lines.
    pub autres: Vec<(String, Vec<String>)>,
    /// Body text printed before any label (a brochure's unlabelled paragraph): the
    /// description when the fiche has no description field.
    pub unlabelled: Vec<String>,
    pub pages: Vec<u32>,
}

/// Where the lines being read go.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Field(Field),
    /// The last entry of `autres`, or a new one for `push`.
    Autre,
}

impl RawFiche {
    /// Adds lines to a field, or opens a new "autre" section with its label.
    pub fn push(&mut self, target: Target, label: &str, lines: Vec<String>) {
        match target {
            Target::Field(Field::Autre) | Target::Autre => {
                self.autres.push((label.trim().to_string(), lines));
            }
            Target::Field(f) => self.fields.entry(f).or_default().extend(lines),
        }
    }

    /// Adds lines to what is being read (the last "autre" section for `Target::Autre`).
    fn extend(&mut self, target: Target, lines: Vec<String>) {
        match target {
            Target::Field(Field::Autre) | Target::Autre => match self.autres.last_mut() {
                Some(last) => last.1.extend(lines),
                None => self.autres.push((String::new(), lines)),
            },
            Target::Field(f) => self.fields.entry(f).or_default().extend(lines),
        }
    }

    /// Appends the rest of the same action read further on (a table row continued on the
    /// next page): each field's lines go after the lines already read.
    pub fn append(&mut self, more: RawFiche) {
        if let Some(t) = more.titre {
            let joined = match self.titre.take() {
                Some(own) => cls_extract::join_lines(&[own, t]),
                None => t,
            };
            self.titre = Some(joined);
        }
        for (k, v) in more.fields {
            self.fields.entry(k).or_default().extend(v);
        }
        self.autres.extend(more.autres);
        for p in more.pages {
            if !self.pages.contains(&p) {
                self.pages.push(p);
            }
        }
    }

    /// Fills what this fiche lacks from another reading of the same action (a recap
    /// table's row): the fiche wins, the other only fills gaps.
    pub fn fill_from(&mut self, other: RawFiche) {
        self.titre = self.titre.take().or(other.titre);
        self.statut = self.statut.or(other.statut);
        if self.outline.axe.is_none() {
            self.outline.axe = other.outline.axe;
        }
        if self.outline.objectif.is_none() {
            self.outline.objectif = other.outline.objectif;
        }
        for (k, v) in other.fields {
            let empty = self
                .fields
                .get(&k)
                .is_none_or(|l| l.iter().all(|x| x.trim().is_empty()));
            if empty {
                self.fields.insert(k, v);
            }
        }
        for p in other.pages {
            if !self.pages.contains(&p) {
                self.pages.push(p);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    None,
    Axe,
    Objectif,
    SousObjectif,
    Titre,
}

/// What reading a fiche's items left for the fiches after it.
#[derive(Debug, Default, Clone)]
pub struct After {
    /// Axis or objective headings met after the fiche's fields: they introduce the
    /// following fiches.
    pub outline: Option<Outline>,
}

/// Whether a line of text is a label on its own (a stacked label: the value follows on
/// the next lines). Short, no sentence, no digits.
fn stacked_label(t: &str) -> Option<Field> {
    // Labels are capitalised; a lower-case line is a wrapped title or value.
    if !t.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    if t.ends_with(':') {
        return classify_label(t);
    }
    let words = t.split_whitespace().count();
    (words <= 6 && !t.ends_with('.')).then(|| exact_label(t).or_else(|| classify_label(t)))?
}

/// Reads the items of one fiche (the first is its heading). Unknown labels and
/// unplaceable lines become alerts, never errors.
pub fn read_fiche(
    items: &[Item],
    numero: Option<String>,
    heading_title: Option<String>,
    alertes: &mut Vec<Alerte>,
) -> (RawFiche, After) {
    let p = patterns();
    let rewrapped = rewrap_inline_labels(items);
    let items = rewrapped.as_slice();
    let mut f = RawFiche {
        numero: numero.clone(),
        titre: heading_title,
        ..Default::default()
    };
    let mut after = After::default();
    let num = numero.as_deref();
    // A title printed in the heading may wrap onto the next line.
    let mut last = if f.titre.is_some() {
        Last::Titre
    } else {
        Last::None
    };
    let heading_size = match items.first() {
        Some(Item::Text { size, .. }) => *size,
        _ => 0.0,
    };
    let mut title_size = heading_size;
    let mut current: Option<Target> = None;
    let mut in_fields = false;
    let mut open_label = false;
    let mut label_x = f64::NAN;
    let mut after_size = 0.0;
    let mut after_last_objectif = false;
    let mut just_opened = false;
    for item in items.iter().skip(1) {
        let was_opened = std::mem::take(&mut just_opened);
        if after.outline.is_some() {
            // Past an axis heading that follows the fields: the rest introduces the next
            // fiche (objective lines included). A line in the heading's own size wraps it.
            if let Item::Text { text, size, .. } = item {
                let o = after.outline.get_or_insert_with(Outline::default);
                if crate::tables::update_outline_pub(o, text.trim()) {
                    after_size = *size;
                    after_last_objectif = o.objectif.is_some();
                } else if after_size > 0.0 && (*size - after_size).abs() < 0.05 * after_size {
                    let target = if after_last_objectif {
                        o.objectif.as_mut().map(|x| &mut x.1)
                    } else {
                        o.axe.as_mut().map(|x| &mut x.1)
                    };
                    append(&mut { target }, text.trim());
                }
            }
            continue;
        }
        for pg in item.pages() {
            if !f.pages.contains(&pg) {
                f.pages.push(pg);
            }
        }
        match item {
            Item::Text { text, x, size, .. } => {
                let t = text.trim();
                if t.is_empty() {
                    continue;
                }
                // The line right under a stacked label is its value, whatever it looks like
                // ("Durée du CLS" under "Calendrier", "Coût total : …" under "Budget"),
                // unless it is the fiche's place in the outline.
                let outline_line =
                    p.axe.is_match(t) || (p.objectif.is_match(t) && fold_starts_objectif(t));
                if was_opened && !outline_line {
                    if let Some(target) = current {
                        f.extend(target, vec![t.to_string()]);
                        continue;
                    }
                }
                // "Label : value" on one line is how fiches without tables are laid out;
                // several may share a line ("Calendrier : 2025 · Coût : 3 000 €").
                let inline = split_inline_labels(t);
                if !inline.is_empty() {
                    in_fields = true;
                    for (label, field, value) in inline {
                        let target = Target::Field(field);
                        f.push(target, &label, vec![value.to_string()]);
                        current = Some(target);
                    }
                    continue;
                }
                if in_fields {
                    // An axis or objective heading after the fields belongs to the next
                    // fiches, not to the last field.
                    let is_outline = p.axe.is_match(t)
                        || (p.objectif.is_match(t) && t.len() < 200 && fold_starts_objectif(t));
                    // Right under its own label ("Axe" / "Axe 1 : …"), the heading is
                    // the fiche's place in the outline, not the next fiche's.
                    if is_outline && was_opened {
                        let mut o = f.outline.clone();
                        crate::tables::update_outline_pub(&mut o, t);
                        f.outline = o;
                        continue;
                    }
                    if is_outline {
                        let mut o = Outline::default();
                        crate::tables::update_outline_pub(&mut o, t);
                        after_size = *size;
                        after_last_objectif = o.objectif.is_some();
                        after.outline = Some(o);
                        continue;
                    }
                    // The end of a wrapped label cut by a page break ("… Ressources humaines"
                    // / "et matérielles)") is not part of the value.
                    if open_label && t.len() < 40 && !t.contains('(') && (x - label_x).abs() < 6.0 {
                        open_label = !t.contains(')');
                        continue;
                    }
                    if let Some(field) = stacked_label(t) {
                        let target = Target::Field(field);
                        f.push(target, t.trim_end_matches(':').trim(), Vec::new());
                        current = Some(target);
                        just_opened = true;
                        continue;
                    }
                    if let (Some(target), Some((before, labels))) = (current, split_mid_labels(t)) {
                        if !before.is_empty() {
                            f.extend(target, vec![before.to_string()]);
                        }
                        for (label, field, value) in labels {
                            let target = Target::Field(field);
                            f.push(target, &label, vec![value.to_string()]);
                            current = Some(target);
                        }
                        continue;
                    }
                    match current {
                        Some(target) => f.extend(target, vec![t.to_string()]),
                        None => alertes.push(Alerte::new(
                            "texte_non_place",
                            num,
                            format!("ligne hors tableau ignorée : {}", clip(t)),
                        )),
                    }
                    continue;
                }
                if let Some(c) = p.axe.captures(t) {
                    let n = roman_or_arabic(&c["num"]);
                    if let Some(n) = n {
                        f.outline.axe = Some((n, c["titre"].trim().to_string()));
                        last = Last::Axe;
                        continue;
                    }
                }
                if let Some(c) = p.sous_objectif.captures(t) {
                    f.outline.sous_objectif =
                        Some((c["code"].to_string(), c["titre"].trim().to_string()));
                    last = Last::SousObjectif;
                    continue;
                }
                if let Some(c) = p.objectif.captures(t) {
                    f.outline.objectif =
                        Some((c["code"].to_string(), c["titre"].trim().to_string()));
                    last = Last::Objectif;
                    continue;
                }
                if let Some(c) = p.action_titre.captures(t) {
                    f.titre = Some(c["titre"].trim().to_string());
                    title_size = *size;
                    last = Last::Titre;
                    continue;
                }
                let status_text = ticked(t).map(|s| format!("action {s}"));
                if let Some(s) = match_statut(status_text.as_deref().unwrap_or(t)) {
                    f.statut = Some(s);
                    last = Last::None;
                    continue;
                }
                // A stacked label before any table ("Intitulé de l'action" over its value).
                if let Some(field) = stacked_label(t) {
                    in_fields = true;
                    let target = Target::Field(field);
                    f.push(target, t.trim_end_matches(':').trim(), Vec::new());
                    current = Some(target);
                    just_opened = true;
                    continue;
                }
                // Body text (smaller than the title) after the title: an unlabelled
                // paragraph, not the title's continuation.
                let body = title_size > 0.0 && *size > 0.0 && *size < title_size * 0.93;
                if body && f.titre.is_some() {
                    f.unlabelled.push(t.to_string());
                    last = Last::None;
                    continue;
                }
                match last {
                    Last::Axe => append(&mut f.outline.axe.as_mut().map(|a| &mut a.1), t),
                    Last::Objectif => append(&mut f.outline.objectif.as_mut().map(|a| &mut a.1), t),
                    Last::SousObjectif => {
                        append(&mut f.outline.sous_objectif.as_mut().map(|a| &mut a.1), t)
                    }
                    Last::Titre => append(&mut f.titre.as_mut(), t),
                    Last::None if f.titre.is_none() => {
                        f.titre = Some(t.to_string());
                        title_size = *size;
                        last = Last::Titre;
                    }
                    Last::None if !f.unlabelled.is_empty() || title_size > 0.0 => {
                        f.unlabelled.push(t.to_string());
                    }
                    Last::None => alertes.push(Alerte::new(
                        "texte_non_place",
                        num,
                        format!("ligne d'en-tête non reconnue : {}", clip(t)),
                    )),
                }
            }
            Item::Row {
                label,
                value,
                label_x: lx,
                ..
            } => {
                in_fields = true;
                let label_t = label.trim();
                if !label_t.is_empty() {
                    label_x = *lx;
                    open_label = label_t.matches('(').count() > label_t.matches(')').count();
                }
                let mut value = value.clone();
                if label_t.is_empty() {
                    // A row without label continues the previous cell (page break, split row).
                    if let Some(target) = current {
                        f.extend(target, value);
                    }
                    continue;
                }
                let Some(field) = classify_label(label_t) else {
                    // Kept, under its own label: nothing printed in a fiche is lost.
                    alertes.push(Alerte::new(
                        "champ_inconnu",
                        num,
                        format!(
                            "libellé non reconnu, gardé dans autres_champs : {}",
                            clip(label_t)
                        ),
                    ));
                    f.push(Target::Autre, label_t, value);
                    current = Some(Target::Autre);
                    continue;
                };
                // A label printed in the value column at the very end of a cell
                // ("0" then "Evaluation") opens that field, empty.
                let mut trailing = None;
                if let Some(lastv) = value.last() {
                    // Only a capitalised line: "évaluation" ending a sentence is text.
                    let capitalised = lastv.chars().next().is_some_and(char::is_uppercase);
                    if let Some(tf) = exact_label(lastv).filter(|_| capitalised) {
                        if tf != field && !f.fields.contains_key(&tf) && !value.is_empty() {
                            trailing = Some(tf);
                            value.pop();
                        }
                    }
                }
                // "Axe | Axe 1 : …" rows: the value is the fiche's place in the outline.
                let first = value
                    .first()
                    .map(|v| v.trim().to_string())
                    .unwrap_or_default();
                let outline_value = p.axe.is_match(&first)
                    || (p.objectif.is_match(&first)
                        && (fold_starts_objectif(&first) || fold_starts_objectif(label_t)));
                if field == Field::Autre && outline_value {
                    let mut o = f.outline.clone();
                    crate::tables::update_outline_pub(&mut o, &cls_extract::join_lines(&value));
                    f.outline = o;
                    current = None;
                    continue;
                }
                if field == Field::Numero {
                    if f.numero.is_none() {
                        f.numero = Some(cls_extract::join_lines(&value));
                    }
                    current = None;
                    continue;
                }
                f.push(Target::Field(field), label_t, value);
                current = Some(Target::Field(field));
                if let Some(tf) = trailing {
                    f.fields.entry(tf).or_default();
                    current = Some(Target::Field(tf));
                }
            }
        }
    }
    (f, after)
}

/// Whether a line that matches the objective pattern says "Objectif" (a bare "2.1 Titre"
/// after the fields may be an action's numbered heading, handled by the caller).
fn fold_starts_objectif(t: &str) -> bool {
    let f = cls_normalize::text::fold(t);
    f.starts_with("objectif")
        || ["os ", "og ", "oo ", "op "]
            .iter()
            .any(|a| f.starts_with(a))
}

fn append(target: &mut Option<&mut String>, t: &str) {
    if let Some(s) = target {
        let joined = cls_extract::join_lines(&[s.as_str(), t]);
        **s = joined;
    }
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

/// Lines of prose where a label is cut by the line end ("Calendrier : 2025 · Coût" /
/// "estimatif : 3 000 €") are re-cut before the label, so that the label is read whole.
fn rewrap_inline_labels(items: &[Item]) -> Vec<Item> {
    let mut out: Vec<Item> = items.to_vec();
    for i in 0..out.len().saturating_sub(1) {
        let (Item::Text { text: a, .. }, Item::Text { text: b, .. }) = (&out[i], &out[i + 1])
        else {
            continue;
        };
        let Some((cut, _)) = a
            .char_indices()
            .rfind(|(_, c)| matches!(c, '·' | '|' | ';' | '•' | '–' | '—'))
        else {
            continue;
        };
        let sep_len = a[cut..].chars().next().map(char::len_utf8).unwrap_or(1);
        let tail = a[cut + sep_len..].trim();
        if tail.is_empty() || tail.contains(':') || tail.split_whitespace().count() > 3 {
            continue;
        }
        let joined = format!("{tail} {}", b.trim());
        if inline_head(&joined).is_none() || inline_head(b.trim()).is_some() {
            continue;
        }
        let head = a[..cut].trim_end().to_string();
        if let Item::Text { text, .. } = &mut out[i] {
            *text = head;
        }
        if let Item::Text { text, .. } = &mut out[i + 1] {
            *text = joined;
        }
    }
    out
}

/// A label read inside a line: the label as printed, its field, its value.
pub type InlineLabel<'a> = (String, Field, &'a str);

/// Every "Label : value" of a line, in order: "Pilote : CCAS · Coût : 3 000 €" gives two.
/// Empty when the line does not start with a label.
pub fn split_inline_labels(t: &str) -> Vec<(String, Field, &str)> {
    let Some((field, label, rest)) = inline_head(t) else {
        return Vec::new();
    };
    split_from(field, label, rest)
}

/// A line that goes on with the value of the previous line, then opens a label after a
/// separator ("en 2027 · Coût : 2 500 €"): the text before the label, and the labels.
pub fn split_mid_labels(t: &str) -> Option<(&str, Vec<InlineLabel<'_>>)> {
    for (i, ch) in t.char_indices() {
        if !matches!(ch, '·' | '|' | ';' | '•' | '–' | '—') {
            continue;
        }
        let after = t[i + ch.len_utf8()..].trim_start();
        if let Some((f, l, r)) = inline_head(after) {
            return Some((t[..i].trim_end(), split_from(f, l, r)));
        }
    }
    None
}

fn split_from(field: Field, label: String, rest: &str) -> Vec<(String, Field, &str)> {
    let mut out = Vec::new();
    let mut cur = (label, field, rest);
    // Look for a further label after a separator inside the value.
    loop {
        let value = cur.2;
        let mut cut = None;
        for (i, ch) in value.char_indices() {
            if !matches!(ch, '·' | '|' | ';' | '•' | '.' | '–' | '—') {
                continue;
            }
            let after = &value[i + ch.len_utf8()..];
            if let Some((f2, l2, r2)) = inline_head(after.trim_start()) {
                cut = Some((i, (l2, f2, r2)));
                break;
            }
        }
        match cut {
            Some((i, next)) => {
                let head = &value[..i];
                let keep = if value[i..].starts_with('.') {
                    &value[..i + 1]
                } else {
                    head
                };
                out.push((cur.0, cur.1, keep.trim()));
                cur = next;
            }
            None => {
                out.push((cur.0, cur.1, value.trim()));
                break;
            }
        }
    }
    out
}

/// "Pilote : …" → (Porteurs, "Pilote", "…").
fn inline_head(t: &str) -> Option<(Field, String, &str)> {
    let colon = || {
        let (head, rest) = t.split_once(':')?;
        if head.chars().count() > 45 || head.trim().is_empty() {
            return None;
        }
        let field = exact_label(head).or_else(|| classify_label(head))?;
        Some((field, head.trim().to_string(), rest.trim()))
    };
    // A question label ("Avec qui ? …"): only an exact label before the "?".
    let question = || {
        let (head, rest) = t.split_once('?')?;
        if head.chars().count() > 30 || head.trim().is_empty() {
            return None;
        }
        let field = exact_label(head)?;
        Some((field, format!("{} ?", head.trim()), rest.trim()))
    };
    // The label ends at its first terminator: in "Combien ? ARS : 11 000 €" the value is
    // "ARS : 11 000 €", whose own colon belongs to it.
    match (t.find('?'), t.find(':')) {
        (Some(q), Some(c)) if q < c => question().or_else(colon),
        _ => colon().or_else(question),
    }
}

/// "3" → 3, "IV" → 4.
pub fn roman_or_arabic(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let mut total = 0u32;
    let mut prev = 0u32;
    for c in s.chars().rev() {
        let v = match c.to_ascii_uppercase() {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => return None,
        };
        if v < prev {
            total = total.checked_sub(v)?;
        } else {
            total += v;
            prev = v;
        }
    }
    (total > 0).then_some(total)
}

/// Builds the spec's `Action` from the raw fields; normalisation of budgets, calendars,
/// lists and mentions happens here through the `normalize` crate.
pub fn to_action(f: RawFiche, periode: cls_model::Periode) -> Action {
    let text = |field: Field| -> Option<String> {
        let lines = f.fields.get(&field)?;
        let t = cls_extract::join_lines(lines);
        (!t.trim().is_empty()).then_some(t)
    };
    let lines = |field: Field| -> Vec<String> { f.fields.get(&field).cloned().unwrap_or_default() };
    let mut a = Action {
        numero: f.numero.clone(),
        ..Default::default()
    };
    a.titre = f.titre.clone().or_else(|| text(Field::Titre));
    a.statut = f.statut.or_else(|| {
        let s = text(Field::Statut)?;
        let s = ticked(&s).unwrap_or(s);
        match_statut(&format!("action {s}"))
    });
    // A status printed under a label of its own kind ("Nature : Nouvelle action").
    if a.statut.is_none() {
        a.statut = f.autres.iter().find_map(|(_, lines)| {
            let t = cls_extract::join_lines(lines);
            let t = ticked(&t).unwrap_or(t);
            (t.split_whitespace().count() <= 6)
                .then(|| match_statut(&t))
                .flatten()
        });
    }
    a.axe = f.outline.axe.as_ref().map(|x| x.0);
    a.objectif = f.outline.objectif.as_ref().map(|x| x.0.clone());
    a.sous_objectif = f.outline.sous_objectif.as_ref().map(|x| x.0.clone());
    if a.objectif.is_none() {
        a.objectif = a
            .sous_objectif
            .as_ref()
            .and_then(|s| s.rsplit_once('.').map(|x| x.0.to_string()));
    }
    if a.axe.is_none() {
        a.axe = a
            .objectif
            .as_ref()
            .and_then(|o| o.split('.').next())
            .and_then(|n| n.parse().ok());
    }
    a.porteurs = cls_normalize::mentions::mentions(&text(Field::Porteurs).unwrap_or_default());
    a.partenaires =
        cls_normalize::mentions::mentions(&text(Field::Partenaires).unwrap_or_default());
    a.description = text(Field::Description).or_else(|| {
        let t = cls_extract::join_lines(&f.unlabelled);
        (!t.trim().is_empty()).then_some(t)
    });
    a.autres_champs = f
        .autres
        .iter()
        .filter_map(|(label, lines)| {
            let t = cls_extract::join_lines(lines);
            let t = ticked(&t).unwrap_or(t);
            (!t.trim().is_empty()).then(|| cls_model::AutreChamp {
                libelle: label.clone(),
                texte: t,
            })
        })
        .collect();
    a.public_cible = cls_normalize::lists::public_cible(&lines(Field::PublicCible));
    a.territoire = text(Field::Territoire);
    a.calendrier =
        cls_normalize::calendar::calendrier(text(Field::Calendrier), (periode.debut, periode.fin));
    a.budget = cls_normalize::budget::budget(text(Field::Budget));
    a.indicateurs = cls_normalize::lists::indicateurs(&lines(Field::Indicateurs));
    a.pages = f.pages.clone();
    a.pages.sort_unstable();
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_label_keeps_the_colon_of_its_value() {
        // Regression (br2-questions-opale): "Combien ? ARS : 11 000 €" lost "ARS :", read
        // as part of a label "Combien ? ARS".
        let (field, label, value) = inline_head("Combien ? ARS : 11 000 €").expect("a label");
        assert_eq!(
            (field, label.as_str(), value),
            (Field::Budget, "Combien ?", "ARS : 11 000 €")
        );
        let (field, label, value) = inline_head("Pilote : Mairie ? à confirmer").expect("a label");
        assert_eq!(
            (field, label.as_str(), value),
            (Field::Porteurs, "Pilote", "Mairie ? à confirmer")
        );
    }
}
