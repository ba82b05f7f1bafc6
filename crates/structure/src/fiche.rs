//! One fiche-action: its heading lines (axis, objectives, title, status) and its
//! label/value rows, read into an `Action`. Shared by the PDF and web readers.

use crate::vocab::{exact_label, match_label, match_statut, patterns, Field};
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
#[derive(Debug, Default)]
pub struct RawFiche {
    pub numero: Option<String>,
    pub titre: Option<String>,
    pub statut: Option<Statut>,
    pub outline: Outline,
    pub fields: HashMap<Field, Vec<String>>,
    pub pages: Vec<u32>,
}

#[derive(Clone, Copy, PartialEq)]
enum Last {
    None,
    Axe,
    Objectif,
    SousObjectif,
    Titre,
}

/// Reads the items of one fiche (the first is its heading). Unknown labels and
/// unplaceable lines become alerts, never errors.
pub fn read_fiche(
    items: &[Item],
    numero: Option<String>,
    heading_title: Option<String>,
    alertes: &mut Vec<Alerte>,
) -> RawFiche {
    let p = patterns();
    let mut f = RawFiche {
        numero: numero.clone(),
        titre: heading_title,
        ..Default::default()
    };
    let num = numero.as_deref();
    // A title printed in the heading may wrap onto the next line.
    let mut last = if f.titre.is_some() {
        Last::Titre
    } else {
        Last::None
    };
    let mut current: Option<Field> = None;
    let mut in_fields = false;
    let mut open_label = false;
    let mut label_x = f64::NAN;
    for item in items.iter().skip(1) {
        for pg in item.pages() {
            if !f.pages.contains(&pg) {
                f.pages.push(pg);
            }
        }
        match item {
            Item::Text { text, x, .. } => {
                let t = text.trim();
                if t.is_empty() {
                    continue;
                }
                // "Label : value" on one line is how fiches without tables are laid out.
                if let Some((field, value)) = inline_label(t) {
                    in_fields = true;
                    current = Some(field);
                    push_field(&mut f, field, value.to_string());
                    continue;
                }
                if in_fields {
                    // The end of a wrapped label cut by a page break ("… Ressources humaines"
                    // / "et matérielles)") is not part of the value.
                    if open_label && t.len() < 40 && !t.contains('(') && (x - label_x).abs() < 6.0 {
                        open_label = !t.contains(')');
                        continue;
                    }
                    if let Some(field) = exact_label(t) {
                        current = Some(field);
                        f.fields.entry(field).or_default();
                        continue;
                    }
                    match current {
                        Some(field) => push_field(&mut f, field, t.to_string()),
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
                    last = Last::Titre;
                    continue;
                }
                if let Some(s) = match_statut(t) {
                    f.statut = Some(s);
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
                        last = Last::Titre;
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
                    if let Some(field) = current {
                        for v in value {
                            push_field(&mut f, field, v);
                        }
                    }
                    continue;
                }
                let field = match_label(label_t);
                let Some(field) = field else {
                    alertes.push(Alerte::new(
                        "champ_inconnu",
                        num,
                        format!("libellé non reconnu : {}", clip(label_t)),
                    ));
                    current = None;
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
                let e = f.fields.entry(field).or_default();
                e.extend(value);
                current = Some(field);
                if let Some(tf) = trailing {
                    f.fields.entry(tf).or_default();
                    current = Some(tf);
                }
            }
        }
    }
    f
}

fn push_field(f: &mut RawFiche, field: Field, v: String) {
    f.fields.entry(field).or_default().push(v);
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

/// "Pilote : CCAS de Chartres" → (Porteurs, "CCAS de Chartres").
pub fn inline_label(t: &str) -> Option<(Field, &str)> {
    let (head, rest) = t.split_once(':')?;
    if head.chars().count() > 45 {
        return None;
    }
    let field = exact_label(head)?;
    let rest = rest.trim();
    Some((field, rest))
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
    a.statut = f
        .statut
        .or_else(|| text(Field::Statut).and_then(|s| match_statut(&format!("action {s}"))));
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
    a.description = text(Field::Description);
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
