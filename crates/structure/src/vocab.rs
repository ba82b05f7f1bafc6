//! The words of contracts, kept as data in one place: field labels (from `data/labels.txt`)
//! and the heading patterns that open a fiche, an axis, an objective or an action title.
//!
//! Regions lay their contracts out differently ("Pilote" for "Porteur du projet",
//! "Échéancier" for "Calendrier", "Ambition 1 :" for "AXE 1 –"); adding a variant means
//! adding a word or a pattern here, not touching the readers.

use cls_normalize::text::fold;
use regex::Regex;
use std::sync::OnceLock;

/// The spec field a fiche label fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Porteurs,
    Partenaires,
    Description,
    PublicCible,
    Territoire,
    Calendrier,
    Budget,
    Indicateurs,
    Titre,
    Statut,
    /// The action's number in a table of actions ("N°", "Réf.").
    Numero,
    /// A known label with no key in `cls/1` (objectives, context…): read, not copied.
    Autre,
}

impl Field {
    fn from_key(k: &str) -> Option<Field> {
        Some(match k {
            "porteurs" => Field::Porteurs,
            "partenaires" => Field::Partenaires,
            "description" => Field::Description,
            "public_cible" => Field::PublicCible,
            "territoire" => Field::Territoire,
            "calendrier" => Field::Calendrier,
            "budget" => Field::Budget,
            "indicateurs" => Field::Indicateurs,
            "titre" => Field::Titre,
            "statut" => Field::Statut,
            "numero" => Field::Numero,
            "autre" => Field::Autre,
            _ => return None,
        })
    }
}

const LABELS_TXT: &str = include_str!("../data/labels.txt");

fn labels() -> &'static Vec<(String, Field)> {
    static L: OnceLock<Vec<(String, Field)>> = OnceLock::new();
    L.get_or_init(|| {
        let mut out = Vec::new();
        for line in LABELS_TXT.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, variants)) = line.split_once(':') else {
                continue;
            };
            let Some(field) = Field::from_key(key.trim()) else {
                continue;
            };
            for v in variants.split('|') {
                let v = label_key(v);
                if !v.is_empty() {
                    out.push((v, field));
                }
            }
        }
        // Longest variants first, so that "Partenaires associés" wins over "Partenaires".
        out.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        out
    })
}

/// A label folded for comparison: accents, case, end punctuation and "(s)" removed.
fn label_key(s: &str) -> String {
    // Inclusive and plural marks are dropped: "Référent(e)(s)", "Public(s) visé(s)" and
    // "Partenaire(s) mobilisé(s)" are the singular label.
    let mut f = fold(s);
    for mark in [
        "(e)(s)", "(es)", "(e)", "(s)", "(x)", "·e·s", "·e", ".e.s", ".e",
    ] {
        f = f.replace(mark, "");
    }
    f.trim_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .trim()
        .to_string()
}

/// Recognises a label cell. Accepts the label followed by a parenthesised or
/// colon-separated precision ("Ressources (Financement et …)", "Budget : estimation").
pub fn match_label(text: &str) -> Option<Field> {
    let k = label_key(text);
    if k.is_empty() || k.len() > 120 {
        return None;
    }
    for (v, f) in labels() {
        if k == *v {
            return Some(*f);
        }
        if let Some(rest) = k.strip_prefix(v.as_str()) {
            let rest = rest.trim_start();
            if rest.starts_with('(')
                || rest.starts_with(':')
                || rest.starts_with('/')
                || rest.starts_with('-')
            {
                return Some(*f);
            }
        }
    }
    None
}

/// Recognises a label written in a form `labels.txt` does not list, from its words: a
/// compound ("Budget prévisionnel et financeurs", "Échéancier prévisionnel") is the field of
/// its head word when that word alone is a label of one field. Labels are short: text of
/// more than six words, with digits, or ending a sentence is not a label.
pub fn classify_label(text: &str) -> Option<Field> {
    if let Some(f) = match_label(text) {
        return Some(f);
    }
    let k = label_key(text);
    let words: Vec<&str> = k.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || k.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if text.trim_end().ends_with('.') {
        return None;
    }
    let by_head = |head: &str| {
        let head = head.trim_matches(|c: char| !c.is_alphanumeric());
        // A plural the list does not spell ("Responsables") is its singular's label.
        let singular = head.strip_suffix('s').filter(|h| h.len() >= 3);
        head_words()
            .get(head)
            .or_else(|| singular.and_then(|h| head_words().get(h)))
            .copied()
    };
    let first = by_head(words[0]);
    // Two sections under one label ("Objectifs et description de l'action", "Contexte /
    // description"): the one the spec has a key for names the field.
    if matches!(first, None | Some(Field::Autre)) {
        let second = words
            .iter()
            .position(|w| matches!(*w, "et" | "/" | "&"))
            .and_then(|k| words.get(k + 1))
            .and_then(|w| by_head(w))
            .filter(|f| *f != Field::Autre);
        if second.is_some() {
            return second;
        }
    }
    first
}

/// Single-word labels of exactly one field, by folded word ("budget" → Budget).
fn head_words() -> &'static std::collections::HashMap<String, Field> {
    static H: OnceLock<std::collections::HashMap<String, Field>> = OnceLock::new();
    H.get_or_init(|| {
        let mut seen: std::collections::HashMap<String, Option<Field>> = Default::default();
        for (v, f) in labels() {
            if v.split_whitespace().count() != 1 || *f == Field::Titre || *f == Field::Numero {
                continue;
            }
            let e = seen.entry(v.clone()).or_insert(Some(*f));
            if *e != Some(*f) {
                *e = None;
            }
        }
        seen.into_iter()
            .filter_map(|(k, f)| f.map(|f| (k, f)))
            .collect()
    })
}

/// The options ticked in a check-box line ("☒ Nouvelle ☐ En cours" → "Nouvelle"); `None`
/// when the text has no box at all. Ticks and empty boxes are listed in `labels.txt`.
pub fn ticked(text: &str) -> Option<String> {
    let (ticks, empties) = boxes();
    let mut marks: Vec<(usize, usize, bool)> = Vec::new();
    for (set, on) in [(ticks, true), (empties, false)] {
        for m in set {
            let mut from = 0;
            while let Some(i) = text[from..].find(m.as_str()) {
                let at = from + i;
                marks.push((at, at + m.len(), on));
                from = at + m.len();
            }
        }
    }
    if marks.is_empty() {
        return None;
    }
    marks.sort();
    let mut chosen = Vec::new();
    for (k, &(_, end, on)) in marks.iter().enumerate() {
        let next = marks.get(k + 1).map(|m| m.0).unwrap_or(text.len());
        if on && next >= end {
            let opt = text[end..next]
                .trim()
                .trim_matches(|c: char| c == ',' || c == ';');
            if !opt.trim().is_empty() {
                chosen.push(opt.trim().to_string());
            }
        }
    }
    Some(chosen.join(", "))
}

/// Tick marks and empty boxes, from the `ticks:` and `boxes:` lines of `labels.txt`.
fn boxes() -> &'static (Vec<String>, Vec<String>) {
    static B: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    B.get_or_init(|| {
        let mut ticks = Vec::new();
        let mut empties = Vec::new();
        for line in LABELS_TXT.lines() {
            let (target, rest) = if let Some(r) = line.strip_prefix("ticks:") {
                (&mut ticks, r)
            } else if let Some(r) = line.strip_prefix("boxes:") {
                (&mut empties, r)
            } else {
                continue;
            };
            target.extend(
                rest.split('|')
                    .map(|m| m.trim().to_string())
                    .filter(|m| !m.is_empty()),
            );
        }
        (ticks, empties)
    })
}

/// Recognises a label only when the text is exactly a label (used to split a stray label
/// printed in the value column).
pub fn exact_label(text: &str) -> Option<Field> {
    let k = label_key(text);
    labels().iter().find(|(v, _)| *v == k).map(|(_, f)| *f)
}

/// Heading patterns. Each is matched against one line of text (trimmed).
pub struct Patterns {
    /// Opens a fiche; group `num` is its number as printed ("12", "2.3", "A"), group
    /// `titre` (after a separator) or `titre_nu` (right after the number) its title.
    pub fiche: Regex,
    /// An axis line; group `num` (arabic or roman), group `titre`.
    pub axe: Regex,
    /// A strategic objective; groups `code`, `titre`.
    pub objectif: Regex,
    /// An operational objective (three-level code); groups `code`, `titre`.
    pub sous_objectif: Regex,
    /// The action title line; group `titre`.
    pub action_titre: Regex,
    /// A section heading that ends the programme of actions (annexes, glossary, the
    /// signatories' page after the last fiche: a line of its own, "Signataires").
    pub annexes: Regex,
    /// The glossary heading.
    pub lexique: Regex,
    /// One glossary entry; groups `sigle`, `sens`.
    pub sigle: Regex,
    /// The heading of the list of communes.
    pub communes: Regex,
    /// An action heading without the word "fiche" ("Action 2.3 – Titre", "ACTION N° 3");
    /// groups `num`, optional `titre`.
    pub action_heading: Regex,
    /// A bare numbered heading ("2.3 Développer …", "A3. Titre"); groups `num`, `titre`.
    /// Only an action when labelled fields follow it.
    pub numbered_heading: Regex,
    /// A table-of-contents entry: a title followed by dot leaders and a page number.
    pub toc_entry: Regex,
}

pub fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let r = |s: &str| Regex::new(s).expect("built-in pattern");
        Patterns {
            fiche: r(r"(?i)^(?:fiche|FA\b)(?:[\s-]+(?:action|actions|projet|th[ée]matique|g[ée]n[ée]raliste|op[ée]rationnelle))*\s*(?:n\s*°|n°|no\.?|num[ée]ro|#)?\s*(?P<num>(?-i:[A-Z]{1,2})[0-9]{1,2}(?:\.[0-9]+)*|[0-9]+(?:\.[0-9]+)*|(?-i:[A-Z]))\b\.?\s*(?:[:\-–—]\s*(?P<titre>.+)|\s+(?P<titre_nu>(?-i:[\p{Lu}«\x22]).*))?$"),
            axe: r(r"(?i)^(?:axe(?:\s+strat[ée]gique)?|ambition|orientation(?:\s+strat[ée]gique)?|priorit[ée](?:\s+strat[ée]gique)?|enjeu|th[ée]matique|volet)\s*(?:n\s*°|n°|no)?\s*(?P<num>[0-9]+|[IVX]+|(?-i:[A-HJ-U]))\s*[:\-–—.]\s*(?P<titre>\S.*)$"),
            objectif: r(r"(?i)^(?:(?:objectif\s+(?:(?:strat[ée]gique|g[ée]n[ée]ral|sp[ée]cifique|op[ée]rationnel|prioritaire)\s*)?|(?-i:O[SGOP])\s+)(?:n\s*°|n°)?\s*)?(?P<code>[0-9]+\.[0-9]+)\.?\s*(?:[:\-–—]\s*)?(?P<titre>[\p{Latin}«\x22].*)$"),
            sous_objectif: r(r"(?i)^(?:objectif\s+op[ée]rationnel\s*(?:n\s*°|n°)?\s*)?(?P<code>[0-9]+\.[0-9]+\.[0-9]+)\.?\s*(?:[:\-–]\s*)?(?P<titre>\S.*)$"),
            action_titre: r(r"(?i)^action\s*(?:n\s*°|n°)?\s*[0-9A-Z]*(?:\.[0-9]+)*\s*[:\-–]\s*(?P<titre>\S.*)$"),
            annexes: r(r"(?i)^(?:[IVX]+\s*[-–.]?\s*(?:[0-9]+\s*[-–.]?\s*)?)?(?:annexes?|lexique|glossaire|liste des (?:sigles|abr[ée]viations)|sigles et acronymes|table des sigles)\b|^(?:signataires|signatures)(?:\s+(?:du|de\s+la)\s+(?:contrat|convention))?\s*:?\s*$"),
            lexique: r(r"(?i)^(?:[IVX]+\s*[-–.]?\s*(?:[0-9]+\s*[-–.]?\s*)?)?(?:lexique|glossaire|liste des (?:sigles|abr[ée]viations)|sigles et acronymes|table des sigles|abr[ée]viations)\b"),
            sigle: r(r"^(?P<sigle>[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9'&.\-]{1,14})\s*(?::|–|-|=)\s+(?P<sens>\S.{2,})$"),
            communes: r(r"(?i)(?:cartographie|liste)\s+des\s+(?:[0-9]+\s+)?communes"),
            action_heading: r(r"^(?i:action|projet)\s*(?i:n\s*°|n°|no\.?)?\s*(?P<num>[A-Z]?[0-9]{1,2}(?:\.[0-9]{1,2}){0,2})\s*(?:[:\-–—.)]\s*(?P<titre>\S.*))?$"),
            numbered_heading: r(r"^(?P<num>(?:[A-Z][0-9]{1,2}|[0-9]{1,2})(?:\.[0-9]{1,2}){0,2})(?:\s*[.)\-–—:]\s*|\s+)(?P<titre>[\p{Lu}«\x22].{4,})$"),
            toc_entry: r(r"(?:\.{3,}|…{2,}|_{3,}|(?:\.\s){3,}|\s{3,})\s*(?:p\.?\s*)?[0-9]{1,3}\s*$"),
        }
    })
}

/// The status printed under a fiche's title. `None` when the line is not a status line.
pub fn match_statut(line: &str) -> Option<cls_model::Statut> {
    let f = fold(line);
    if f.len() > 90 {
        return None;
    }
    let nouvelle = f.contains("nouvelle") || f.contains("a creer") || f.contains("nouveau projet");
    let existante = f.contains("existante")
        || f.contains("en cours")
        || f.contains("poursuite")
        || f.contains("reconduite");
    let looks_like_status = f.starts_with("action")
        || f.starts_with("nouvelle")
        || f.starts_with("projet")
        || f.starts_with("existante")
        || f.starts_with("statut");
    if !looks_like_status {
        return None;
    }
    match (nouvelle, existante) {
        (true, true) => Some(cls_model::Statut::Mixte),
        (true, false) => Some(cls_model::Statut::Nouvelle),
        (false, true) => Some(cls_model::Statut::Existante),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cls_model::Statut;

    #[test]
    fn label_variants_of_several_regions() {
        let cases = [
            ("Porteur du projet", Some(Field::Porteurs)),
            (
                "Objectifs et description de l'action",
                Some(Field::Description),
            ),
            ("Pilote", Some(Field::Porteurs)),
            ("Référent(s)", Some(Field::Porteurs)),
            ("Référent(e) de l'action", Some(Field::Porteurs)),
            ("Partenaire(s) mobilisé(s)", Some(Field::Partenaires)),
            ("Structure", Some(Field::Porteurs)),
            ("Partenariat", Some(Field::Partenaires)),
            ("Principaux partenaires", Some(Field::Partenaires)),
            ("Descriptif de l'action", Some(Field::Description)),
            ("Population cible", Some(Field::PublicCible)),
            ("Territoire concerné", Some(Field::Territoire)),
            ("Échéancier", Some(Field::Calendrier)),
            ("Calendrier :", Some(Field::Calendrier)),
            (
                "Ressources (Financement et Ressources humaines et matérielles)",
                Some(Field::Budget),
            ),
            ("Budget prévisionnel", Some(Field::Budget)),
            ("Financeurs", Some(Field::Budget)),
            ("Indicateurs de suivi", Some(Field::Indicateurs)),
            ("Evaluation", Some(Field::Indicateurs)),
            ("Objectifs", Some(Field::Autre)),
            ("Communauté de communes du Val", None),
            ("Nombre de réunions", None),
        ];
        for (text, want) in cases {
            assert_eq!(classify_label(text), want, "{text}");
        }
    }

    #[test]
    fn heading_patterns() {
        let p = patterns();
        for (line, num) in [
            ("FICHE ACTION N° 12", "12"),
            ("Fiche action n° 2.3", "2.3"),
            ("Fiche thématique n° 1.1", "1.1"),
            ("Fiche généraliste A", "A"),
            ("FICHE-ACTION N°7", "7"),
            ("FA 2.1 – Former les aidants", "2.1"),
            ("FICHE N° 4", "4"),
            ("Fiche-action A1", "A1"),
            ("FA 1.1 Accueillir les internes", "1.1"),
        ] {
            assert_eq!(&p.fiche.captures(line).expect(line)["num"], num, "{line}");
        }
        assert!(p
            .fiche
            .captures("Fiche action à compléter par le porteur")
            .is_none());
        for (line, num) in [
            ("AXE 1 – Promotion", "1"),
            ("Axe stratégique 2 : Offre", "2"),
            ("Ambition 1 : Agir", "1"),
            ("Axe n°3 : Autonomie", "3"),
            ("AXE II - Soins", "II"),
            ("Enjeu 2 : Prévenir", "2"),
            ("Priorité 3 — Vieillir chez soi", "3"),
        ] {
            assert_eq!(&p.axe.captures(line).expect(line)["num"], num, "{line}");
        }
        let c = p
            .objectif
            .captures("Objectif stratégique 1.1 : PROMOUVOIR LA SANTE")
            .unwrap();
        assert_eq!((&c["code"], &c["titre"]), ("1.1", "PROMOUVOIR LA SANTE"));
        assert_eq!(
            &p.objectif.captures("2.1 FAVORISER L'INSTALLATION").unwrap()["code"],
            "2.1"
        );
        assert!(p.objectif.captures("1.1.3 Développer").is_none());
        assert_eq!(
            &p.objectif
                .captures("OS 1.2 : Soutenir l'exercice coordonné")
                .unwrap()["code"],
            "1.2"
        );
        assert_eq!(
            &p.sous_objectif
                .captures("3.1.3. Engager des actions")
                .unwrap()["code"],
            "3.1.3"
        );
        assert_eq!(
            &p.action_titre
                .captures("ACTION 4 : Développer un urbanisme")
                .unwrap()["titre"],
            "Développer un urbanisme"
        );
        assert_eq!(
            &p.sigle
                .captures("ADMS : Association pour le Développement")
                .unwrap()["sigle"],
            "ADMS"
        );
    }

    #[test]
    fn status_lines() {
        assert_eq!(match_statut("Action nouvelle"), Some(Statut::Nouvelle));
        assert_eq!(match_statut("Nouvelle action"), Some(Statut::Nouvelle));
        assert_eq!(match_statut("Action existante"), Some(Statut::Existante));
        assert_eq!(
            match_statut("Action existante pour partie - Action nouvelle pour partie"),
            Some(Statut::Mixte)
        );
        assert_eq!(match_statut("ACTION 4 : Développer un urbanisme"), None);
    }
}
