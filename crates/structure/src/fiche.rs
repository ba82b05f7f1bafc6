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
    let rewrapped = rewrap_inline_labels(items);
    let items = rewrapped.as_slice();
    let heading_size = match items.first() {
        Some(Item::Text { size, .. }) => *size,
        _ => 0.0,
    };
    let mut r = FicheReader::new(numero, heading_title, heading_size, alertes);
    for item in items.iter().skip(1) {
        let was_opened = std::mem::take(&mut r.just_opened);
        if r.after.outline.is_some() {
            if let Item::Text { text, size, .. } = item {
                r.next_fiches_outline(text.trim(), *size);
            }
            continue;
        }
        for pg in item.pages() {
            if !r.f.pages.contains(&pg) {
                r.f.pages.push(pg);
            }
        }
        match item {
            Item::Text { text, x, size, .. } => r.text_line(text.trim(), *x, *size, was_opened),
            Item::Row {
                label,
                value,
                label_x,
                ..
            } => r.row(label.trim(), value.clone(), *label_x),
        }
    }
    (r.f, r.after)
}

/// The state of reading one fiche, item by item.
struct FicheReader<'a> {
    f: RawFiche,
    after: After,
    alertes: &'a mut Vec<Alerte>,
    /// The header line a wrapped line continues.
    last: Last,
    /// The font size of the title, to tell its wrapped lines from body text.
    title_size: f64,
    /// The field that unlabelled lines continue.
    current: Option<Target>,
    /// Past the first label: lines are values, no longer header lines.
    in_fields: bool,
    /// The last row's label had an unclosed parenthesis (its tail may follow as a line).
    open_label: bool,
    label_x: f64,
    /// The size of the outline heading met after the fields, and whether its last line
    /// was an objective (for headings wrapped over two lines).
    after_size: f64,
    after_last_objectif: bool,
    /// A stacked label was just opened: the next line is its value.
    just_opened: bool,
}

impl<'a> FicheReader<'a> {
    fn new(
        numero: Option<String>,
        heading_title: Option<String>,
        heading_size: f64,
        alertes: &'a mut Vec<Alerte>,
    ) -> Self {
        // A title printed in the heading may wrap onto the next line.
        let last = if heading_title.is_some() {
            Last::Titre
        } else {
            Last::None
        };
        FicheReader {
            f: RawFiche {
                numero,
                titre: heading_title,
                ..Default::default()
            },
            after: After::default(),
            alertes,
            last,
            title_size: heading_size,
            current: None,
            in_fields: false,
            open_label: false,
            label_x: f64::NAN,
            after_size: 0.0,
            after_last_objectif: false,
            just_opened: false,
        }
    }

    fn alert(&mut self, code: &str, message: String) {
        let num = self.f.numero.clone();
        self.alertes
            .push(Alerte::new(code, num.as_deref(), message));
    }

    /// Past an axis heading that follows the fields: the rest introduces the next fiche
    /// (objective lines included). A line in the heading's own size wraps it.
    fn next_fiches_outline(&mut self, t: &str, size: f64) {
        let Some(o) = self.after.outline.as_mut() else {
            return;
        };
        if crate::tables::update_outline_pub(o, t) {
            self.after_size = size;
            self.after_last_objectif = o.objectif.is_some();
        } else if self.after_size > 0.0 && (size - self.after_size).abs() < 0.05 * self.after_size {
            let target = if self.after_last_objectif {
                o.objectif.as_mut().map(|x| &mut x.1)
            } else {
                o.axe.as_mut().map(|x| &mut x.1)
            };
            append(&mut { target }, t);
        }
    }

    /// One line of text of the fiche.
    fn text_line(&mut self, t: &str, x: f64, size: f64, was_opened: bool) {
        if t.is_empty() {
            return;
        }
        let p = patterns();
        // The line right under a stacked label is its value, whatever it looks like
        // ("Durée du CLS" under "Calendrier", "Coût total : …" under "Budget"), unless it
        // is the fiche's place in the outline.
        let outline_line = p.axe.is_match(t) || (p.objectif.is_match(t) && fold_starts_objectif(t));
        if was_opened && !outline_line {
            if let Some(target) = self.current {
                self.f.extend(target, vec![t.to_string()]);
                return;
            }
        }
        // "Label : value" on one line is how fiches without tables are laid out; several
        // may share a line ("Calendrier : 2025 · Coût : 3 000 €").
        let inline = split_inline_labels(t);
        if !inline.is_empty() {
            self.in_fields = true;
            self.push_labels(inline);
            return;
        }
        if self.in_fields {
            self.field_line(t, x, size, was_opened);
        } else {
            self.header_line(t, size);
        }
    }

    /// Labels read inside a line, each with its value: each opens its field, and the
    /// last one receives the lines that follow.
    fn push_labels(&mut self, labels: Vec<InlineLabel<'_>>) {
        for (label, field, value) in labels {
            let target = Target::Field(field);
            self.f.push(target, &label, vec![value.to_string()]);
            self.current = Some(target);
        }
    }

    /// A line among the fiche's fields: a value's continuation, a stacked label, labels
    /// inside a line, or the outline of the next fiches.
    fn field_line(&mut self, t: &str, x: f64, size: f64, was_opened: bool) {
        let p = patterns();
        // An axis or objective heading after the fields belongs to the next fiches, not
        // to the last field.
        let is_outline = p.axe.is_match(t)
            || (p.objectif.is_match(t) && t.len() < 200 && fold_starts_objectif(t));
        // Right under its own label ("Axe" / "Axe 1 : …"), the heading is the fiche's
        // place in the outline, not the next fiche's.
        // So is a heading among the fiche's first rows, before any field of its own: "Axe
        // | Axe 1 – …" then "Objectif stratégique 1.1 – …" open the fiche's table.
        let only_outline_so_far =
            self.f.fields.is_empty() && self.f.autres.is_empty() && self.f.unlabelled.is_empty();
        if is_outline && (was_opened || only_outline_so_far) {
            crate::tables::update_outline_pub(&mut self.f.outline, t);
            return;
        }
        if is_outline {
            let mut o = Outline::default();
            crate::tables::update_outline_pub(&mut o, t);
            self.after_size = size;
            self.after_last_objectif = o.objectif.is_some();
            self.after.outline = Some(o);
            return;
        }
        // The end of a wrapped label cut by a page break ("… Ressources humaines" / "et
        // matérielles)") is not part of the value: a short line at the label's left edge.
        if self.open_label
            && t.len() < 40
            && !t.contains('(')
            && (x - self.label_x).abs() <= 0.6 * size
        {
            self.open_label = !t.contains(')');
            return;
        }
        if let Some(field) = stacked_label(t) {
            let target = Target::Field(field);
            self.f
                .push(target, t.trim_end_matches(':').trim(), Vec::new());
            self.current = Some(target);
            self.just_opened = true;
            return;
        }
        if let (Some(target), Some((before, labels))) = (self.current, split_mid_labels(t)) {
            if !before.is_empty() {
                self.f.extend(target, vec![before.to_string()]);
            }
            self.push_labels(labels);
            return;
        }
        match self.current {
            Some(target) => self.f.extend(target, vec![t.to_string()]),
            None => self.alert(
                "texte_non_place",
                format!("ligne hors tableau ignorée : {}", clip(t)),
            ),
        }
    }

    /// A line before the fiche's fields: its outline, title, status, a first stacked
    /// label, or an unlabelled paragraph.
    fn header_line(&mut self, t: &str, size: f64) {
        let p = patterns();
        let f = &mut self.f;
        if let Some(c) = p.axe.captures(t) {
            if let Some(n) = roman_or_arabic(&c["num"]) {
                f.outline.axe = Some((n, c["titre"].trim().to_string()));
                self.last = Last::Axe;
                return;
            }
        }
        if let Some(c) = p.sous_objectif.captures(t) {
            f.outline.sous_objectif = Some((c["code"].to_string(), c["titre"].trim().to_string()));
            self.last = Last::SousObjectif;
            return;
        }
        if let Some(c) = p.objectif.captures(t) {
            f.outline.objectif = Some((c["code"].to_string(), c["titre"].trim().to_string()));
            self.last = Last::Objectif;
            return;
        }
        if let Some(c) = p.action_titre.captures(t) {
            f.titre = Some(c["titre"].trim().to_string());
            self.title_size = size;
            self.last = Last::Titre;
            return;
        }
        let status_text = ticked(t).map(|s| format!("action {s}"));
        if let Some(s) = match_statut(status_text.as_deref().unwrap_or(t)) {
            f.statut = Some(s);
            self.last = Last::None;
            return;
        }
        // A stacked label before any table ("Intitulé de l'action" over its value).
        if let Some(field) = stacked_label(t) {
            self.in_fields = true;
            let target = Target::Field(field);
            f.push(target, t.trim_end_matches(':').trim(), Vec::new());
            self.current = Some(target);
            self.just_opened = true;
            return;
        }
        // Text of another size than the title (smaller body text, a box's big figures)
        // after the title: an unlabelled paragraph, not the title's continuation.
        let body = self.title_size > 0.0
            && size > 0.0
            && (size < self.title_size * 0.93 || size > self.title_size * 1.07);
        if body && f.titre.is_some() {
            f.unlabelled.push(t.to_string());
            self.last = Last::None;
            return;
        }
        self.continue_header(t, size);
    }

    /// A header line that continues the last one (a wrapped axis, objective or title), or
    /// is the title, or an unlabelled paragraph.
    fn continue_header(&mut self, t: &str, size: f64) {
        let f = &mut self.f;
        match self.last {
            Last::Axe => append(&mut f.outline.axe.as_mut().map(|a| &mut a.1), t),
            Last::Objectif => append(&mut f.outline.objectif.as_mut().map(|a| &mut a.1), t),
            Last::SousObjectif => {
                append(&mut f.outline.sous_objectif.as_mut().map(|a| &mut a.1), t)
            }
            Last::Titre => append(&mut f.titre.as_mut(), t),
            Last::None if f.titre.is_none() => {
                f.titre = Some(t.to_string());
                self.title_size = size;
                self.last = Last::Titre;
            }
            Last::None if !f.unlabelled.is_empty() || self.title_size > 0.0 => {
                f.unlabelled.push(t.to_string());
            }
            Last::None => self.alert(
                "texte_non_place",
                format!("ligne d'en-tête non reconnue : {}", clip(t)),
            ),
        }
    }

    /// A label/value row of the fiche's table.
    fn row(&mut self, label: &str, mut value: Vec<String>, label_x: f64) {
        self.in_fields = true;
        if label.is_empty() {
            // A row without label continues the previous cell (page break, split row).
            if let Some(target) = self.current {
                self.f.extend(target, value);
            }
            return;
        }
        self.label_x = label_x;
        self.open_label = label.matches('(').count() > label.matches(')').count();
        let Some(field) = classify_label(label) else {
            // Kept, under its own label: nothing printed in a fiche is lost.
            self.alert(
                "champ_inconnu",
                format!(
                    "libellé non reconnu, gardé dans autres_champs : {}",
                    clip(label)
                ),
            );
            self.f.push(Target::Autre, label, value);
            self.current = Some(Target::Autre);
            return;
        };
        // "Référent | M. Thomas Keller, chargé de mission": a person is a contact, no lead
        // or partner; the row is kept under its own label.
        if matches!(field, Field::Porteurs | Field::Partenaires)
            && value.first().is_some_and(|v| names_a_person(v))
        {
            self.f.push(Target::Autre, label, value);
            self.current = Some(Target::Autre);
            return;
        }
        let trailing = self.trailing_label(field, &mut value);
        let p = patterns();
        // "Axe | Axe 1 : …" rows: the value is the fiche's place in the outline.
        let first = value
            .first()
            .map(|v| v.trim().to_string())
            .unwrap_or_default();
        let outline_value = p.axe.is_match(&first)
            || ((p.objectif.is_match(&first) || p.sous_objectif.is_match(&first))
                && (fold_starts_objectif(&first) || fold_starts_objectif(label)));
        if field == Field::Autre && outline_value {
            crate::tables::update_outline_pub(
                &mut self.f.outline,
                &cls_extract::join_lines(&value),
            );
            self.current = None;
            return;
        }
        if field == Field::Numero {
            if self.f.numero.is_none() {
                self.f.numero = Some(cls_extract::join_lines(&value));
            }
            self.current = None;
            return;
        }
        self.f.push(Target::Field(field), label, value);
        self.current = Some(Target::Field(field));
        if let Some(tf) = trailing {
            self.f.fields.entry(tf).or_default();
            self.current = Some(Target::Field(tf));
        }
    }

    /// A label printed in the value column at the very end of a cell ("0" then
    /// "Evaluation") opens that field, empty: it is taken off the value and returned.
    fn trailing_label(&self, field: Field, value: &mut Vec<String>) -> Option<Field> {
        let lastv = value.last()?;
        // Only a capitalised line: "évaluation" ending a sentence is text.
        let capitalised = lastv.chars().next().is_some_and(char::is_uppercase);
        let tf = exact_label(lastv).filter(|_| capitalised)?;
        if tf != field && !self.f.fields.contains_key(&tf) {
            value.pop();
            return Some(tf);
        }
        None
    }
}

/// Whether a line that matches the objective pattern says "Objectif" (a bare "2.1 Titre"
/// after the fields may be an action's numbered heading, handled by the caller).
/// Whether a value names a person by the civility or title that opens it ("M. Keller",
/// "Mme Weber", "Dr Muller").
fn names_a_person(v: &str) -> bool {
    let first = v.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "M." | "Mme"
            | "Mme."
            | "Mlle"
            | "MM."
            | "Dr"
            | "Dr."
            | "Docteur"
            | "Pr"
            | "Pr."
            | "Professeur"
            | "Monsieur"
            | "Madame"
    )
}

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

/// "3" → 3, "IV" → 4, "B" → 2.
pub fn roman_or_arabic(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    // "Axe A", "Axe B": a capital letter that is no roman numeral counts in the alphabet.
    if let [c @ b'A'..=b'U'] = s.as_bytes() {
        if !matches!(c, b'I' | b'V') {
            return Some(u32::from(c - b'A') + 1);
        }
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
    let text = |field: Field| field_text(&f, field);
    let lines = |field: Field| -> Vec<String> { f.fields.get(&field).cloned().unwrap_or_default() };
    let mut a = Action {
        numero: f.numero.clone(),
        ..Default::default()
    };
    a.titre = f.titre.clone().or_else(|| text(Field::Titre));
    a.statut = statut(&f);
    place_in_outline(&mut a, &f.outline);
    a.porteurs = cls_normalize::mentions::mentions(&text(Field::Porteurs).unwrap_or_default());
    a.partenaires =
        cls_normalize::mentions::mentions(&text(Field::Partenaires).unwrap_or_default());
    a.description = text(Field::Description).or_else(|| {
        let t = cls_extract::join_lines(&f.unlabelled);
        (!t.trim().is_empty()).then_some(t)
    });
    a.autres_champs = autres_champs(&f.autres);
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

/// A field's lines joined into one text; `None` when the fiche has no such field or it is
/// blank.
fn field_text(f: &RawFiche, field: Field) -> Option<String> {
    let lines = f.fields.get(&field)?;
    let t = cls_extract::join_lines(lines);
    (!t.trim().is_empty()).then_some(t)
}

/// The fiche's status: from its header, else its status field (the ticked box when it
/// offers several), else a short section of another label that names a status
/// ("Nature : Nouvelle action").
fn statut(f: &RawFiche) -> Option<Statut> {
    f.statut
        .or_else(|| {
            let s = field_text(f, Field::Statut)?;
            let s = ticked(&s).unwrap_or(s);
            match_statut(&format!("action {s}"))
        })
        .or_else(|| {
            f.autres.iter().find_map(|(_, lines)| {
                let t = cls_extract::join_lines(lines);
                let t = ticked(&t).unwrap_or(t);
                (t.split_whitespace().count() <= 6)
                    .then(|| match_statut(&t))
                    .flatten()
            })
        })
}

/// The action's axis, objective and sub-objective from the fiche's outline; a missing
/// objective is read from the sub-objective's code ("2.1.3" → "2.1"), a missing axis from
/// the objective's ("2.1" → 2).
fn place_in_outline(a: &mut Action, outline: &Outline) {
    a.axe = outline.axe.as_ref().map(|x| x.0);
    a.objectif = outline.objectif.as_ref().map(|x| x.0.clone());
    a.sous_objectif = outline.sous_objectif.as_ref().map(|x| x.0.clone());
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
}

/// The sections without a `cls/1` key, as printed (a ticked box as its choice), blank
/// ones left out.
fn autres_champs(autres: &[(String, Vec<String>)]) -> Vec<cls_model::AutreChamp> {
    autres
        .iter()
        .filter_map(|(label, lines)| {
            let t = cls_extract::join_lines(lines);
            let t = ticked(&t).unwrap_or(t);
            (!t.trim().is_empty()).then(|| cls_model::AutreChamp {
                libelle: label.clone(),
                texte: t,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, value: &str) -> Item {
        Item::Row {
            label: label.to_string(),
            value: vec![value.to_string()],
            pages: vec![6],
            label_x: 0.0,
        }
    }

    fn line(t: &str) -> Item {
        Item::Text {
            text: t.to_string(),
            page: 6,
            x: 0.0,
            size: 0.0,
        }
    }

    #[test]
    fn outline_rows_that_open_a_fiche_s_table_are_its_place_not_the_next_fiche_s() {
        // Regression (blind 06-mixed): "Axe | Axe 1 – …" then an objective line before any
        // field ended the fiche, and its fields were lost.
        let items = [
            line("Action A1"),
            row("Axe", "Axe 1 – Accès aux soins"),
            line("Objectif stratégique 1.1 – Attirer les professionnels"),
            row(
                "Objectif opérationnel",
                "1.1.1 – Améliorer l'accueil des étudiants",
            ),
            row("Intitulé", "Créer un réseau d'hébergement"),
            row("Partenaires", "Université de Limoges"),
        ];
        let mut alertes = Vec::new();
        let (f, after) = read_fiche(&items, Some("A1".into()), None, &mut alertes);
        assert!(after.outline.is_none());
        assert_eq!(
            f.outline.objectif.as_ref().map(|o| o.0.as_str()),
            Some("1.1")
        );
        assert_eq!(
            f.outline.sous_objectif.as_ref().map(|o| o.0.as_str()),
            Some("1.1.1")
        );
        assert_eq!(f.fields.get(&Field::Partenaires).map(Vec::len), Some(1));
    }

    #[test]
    fn a_referent_who_is_a_person_is_kept_apart_from_the_leads() {
        let items = [
            line("Fiche action A1 – Créer un guichet unique"),
            row(
                "Porteur",
                "Communauté d'agglomération du Pays de Moder-Zorn",
            ),
            row("Référent", "M. Thomas Keller, chargé de mission santé"),
        ];
        let mut alertes = Vec::new();
        let (f, _) = read_fiche(&items, Some("A1".into()), None, &mut alertes);
        assert_eq!(
            f.fields.get(&Field::Porteurs),
            Some(&vec![
                "Communauté d'agglomération du Pays de Moder-Zorn".to_string()
            ])
        );
        assert_eq!(f.autres.first().map(|a| a.0.as_str()), Some("Référent"));
    }

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
