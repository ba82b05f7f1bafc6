//! The labelled fields of a web page's action, however the page writes them: "Porteur : X"
//! lines, several labels in one sentence ("Pilote : X. Partenaires : Y."), a lead after the
//! title ("Titre – porteur : X", "Titre (pilote : X)"), a lead in prose ("piloté par X"),
//! a label alone in its block with its values in the blocks after it (Drupal's
//! `field__label` / `field__item`), and a label in its own inline element before its value.

use crate::{patterns, vocab};
use cls_extract::HtmlBlock;
use cls_model::Mention;

/// A lead written as prose: "piloté par la CPAM", "Action pilotée par le CIAS.", "Porté
/// par …"; returns who, without the article.
pub(super) fn lead_prose(t: &str) -> Option<String> {
    let r = patterns::pilote_prose();
    r.captures(t.trim())
        .map(|c| c["who"].trim().trim_end_matches('.').trim().to_string())
}

/// Where a label may start inside a line: after these separators (or at the start).
const LABEL_SEPARATORS: &[&str] = &[
    ". ", "; ", ", ", " – ", " — ", " - ", " · ", " • ", " | ", "(",
];

/// The field labels written inside a line, with what precedes the first of them: "Titre.
/// Pilote : X. Partenaires : Y." → ("Titre", [("Pilote", "X"), ("Partenaires", "Y")]).
/// A label is a known field label of at most five words, right before a colon (or the
/// question mark of a question label: "Qui ? X. Avec qui ? Y.") and right
/// after the start of the line or a separator (". ", " – ", "(" …); a colon after other
/// words is part of a value. Labels of no field (context, objectives) end the value
/// before them but are not returned.
pub(super) fn labelled_parts(t: &str) -> (String, Vec<(String, String)>) {
    // (start of the separator, label, start of the value, field known)
    let mut found: Vec<(usize, String, usize, bool)> = Vec::new();
    for (colon, mark) in t.match_indices([':', '?']) {
        let before = &t[..colon];
        // The nearest separator first; a farther one when the nearest cuts a label's own
        // parenthesis ("Porteur(s) :", "Public(s) visé(s) :").
        let mut starts: Vec<(usize, usize)> = LABEL_SEPARATORS
            .iter()
            .filter_map(|s| before.rfind(s).map(|k| (k, k + s.len())))
            .chain(std::iter::once((0, 0)))
            .collect();
        starts.sort_by_key(|x| std::cmp::Reverse(x.1));
        let classify = |label: &str| {
            // A question is a label only when it is exactly one ("Qui ? …", "Avec qui ? …").
            if mark == "?" {
                vocab::match_label(label)
            } else {
                vocab::classify_label(label)
            }
        };
        // Only a parenthesis lets the search go farther back.
        let tried = starts
            .iter()
            .position(|&(k, at)| !before[k..at].starts_with('('))
            .map_or(starts.len(), |p| p + 1);
        let Some((sep_at, label, field)) =
            starts[..tried].iter().find_map(|&(sep_at, label_at)| {
                let label = before[label_at..].trim();
                if label.is_empty() || label.split_whitespace().count() > 5 {
                    return None;
                }
                classify(label).map(|f| (sep_at, label, f))
            })
        else {
            continue;
        };
        found.push((
            sep_at,
            label.to_string(),
            colon + 1,
            field != vocab::Field::Autre,
        ));
    }
    let prefix = found.first().map_or(t, |f| &t[..f.0]).trim().to_string();
    let mut parts = Vec::new();
    for (k, (_, label, value_at, known)) in found.iter().enumerate() {
        let end = found.get(k + 1).map_or(t.len(), |next| next.0);
        let value = without_closing(t[*value_at..end.max(*value_at)].trim());
        if *known && !value.is_empty() {
            parts.push((label.clone(), value.to_string()));
        }
    }
    (prefix, parts)
}

/// A value without the punctuation that ends it, and without the parenthesis that closes
/// the one its label opened ("Titre (porteur : CCAS)"); a name's own parentheses stay
/// ("Syndicat de restauration (SIRC)").
fn without_closing(v: &str) -> &str {
    let mut v = v.trim_end_matches(['.', ';', ',']).trim_end();
    while v.ends_with(')') && v.matches(')').count() > v.matches('(').count() {
        v = v[..v.len() - 1]
            .trim_end_matches(['.', ';', ','])
            .trim_end();
    }
    v
}

/// A labelled line, "Porteur : …", "Partenaires : …": its labels and values, when the line
/// starts with a known field label.
pub(super) fn labelled(t: &str) -> Option<Vec<(String, String)>> {
    let (prefix, parts) = labelled_parts(t.trim());
    (prefix.is_empty() && !parts.is_empty()).then_some(parts)
}

/// A label alone in its block ("Porteur", "Partenaires :"), whose values are the blocks
/// after it: the label, when it is a known field's.
pub(super) fn label_alone(t: &str) -> Option<String> {
    let t = t.trim().trim_end_matches(':').trim();
    if t.is_empty() || t.contains(':') || t.split_whitespace().count() > 5 {
        return None;
    }
    let field = vocab::classify_label(t)?;
    (field != vocab::Field::Autre).then(|| t.to_string())
}

/// A block that opens with a label of its own element, its value after it without a colon
/// (`<span class="label">Porteur(s)</span> <span>CCAS</span>`): the label and the value.
pub(super) fn run_in_label(b: &HtmlBlock) -> Option<(String, String)> {
    let run = b.run_in.as_deref()?;
    let label = label_alone(run)?;
    let value = b.text.trim().strip_prefix(run)?;
    let value = value.trim_start_matches([':', ' ']).trim();
    (!value.is_empty()).then(|| (label, value.to_string()))
}

/// Whether a block names an action's lead in any of the ways above.
pub(super) fn block_names_a_lead(b: &HtmlBlock) -> bool {
    names_a_lead(&b.text) || run_in_label(b).is_some_and(|(l, _)| is_lead_label(&l))
}

/// Whether a label names an action's lead (porteur, pilote).
pub(super) fn is_lead_label(label: &str) -> bool {
    vocab::classify_label(label) == Some(vocab::Field::Porteurs)
}

/// A title and the fields written after it in the same line: "Titre (porteurs : A et B)",
/// "Titre – porteur : A", "Titre. Pilote : A. Partenaires : B." → the title and the labelled
/// fields. A line without them is all title.
pub(super) fn title_and_fields(t: &str) -> (String, Vec<(String, String)>) {
    let (t, paren) = parenthesised_lead(t);
    let (t, dashed) = match paren {
        Some(_) => (t, None),
        None => dashed_lead(&t),
    };
    let mut fields: Vec<(String, String)> = paren
        .or(dashed)
        .map(|who| vec![("Porteur".to_string(), who)])
        .unwrap_or_default();
    let (prefix, parts) = labelled_parts(&t);
    if parts.is_empty() || prefix.is_empty() {
        return (t, fields);
    }
    fields.extend(parts);
    let title = prefix
        .trim_end_matches(['.', ';', ',', '–', '—', '-', ' '])
        .trim()
        .to_string();
    (title, fields)
}

/// "Titre – piloté par A", "Titre, porté par A" → ("Titre", "A"): a lead in prose after a
/// dash or a comma that ends the title.
fn dashed_lead(t: &str) -> (String, Option<String>) {
    let cut = [" – ", " — ", " - ", ", "]
        .iter()
        .filter_map(|sep| t.rfind(sep).map(|k| (k, k + sep.len())))
        .filter(|&(k, v)| k > 0 && lead_prose(&t[v..]).is_some())
        .max_by_key(|x| x.0);
    match cut {
        Some((k, v)) => (t[..k].trim().to_string(), lead_prose(&t[v..])),
        None => (t.trim().to_string(), None),
    }
}

/// "Titre (porteurs : A et B)" → ("Titre", "A et B").
pub(super) fn parenthesised_lead(t: &str) -> (String, Option<String>) {
    let r = patterns::pilote_parenthese();
    match r.captures(t) {
        Some(c) => {
            let start = c.get(0).map_or(t.len(), |m| m.start());
            (
                t[..start].trim().to_string(),
                Some(c["who"].trim().to_string()),
            )
        }
        None => (t.trim().to_string(), None),
    }
}

/// Whether a line names an action's lead in any of the ways above.
pub(super) fn names_a_lead(t: &str) -> bool {
    lead_prose(t).is_some()
        || label_alone(t).is_some_and(|l| is_lead_label(&l))
        || t.contains([':', '?']) && labelled_parts(t).1.iter().any(|(l, _)| is_lead_label(l))
        || t.contains('(') && parenthesised_lead(t).1.is_some()
}

/// Drops the article of an organisation named in prose ("la Communauté de communes …").
pub(super) fn without_article(m: &mut Mention) {
    let r = patterns::sans_article();
    if let Some(c) = r.captures(&m.nom) {
        m.nom = c["rest"].to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
        v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
    }

    #[test]
    fn inline_pilote_and_partenaires_after_the_titles_full_stop() {
        let (t, f) = title_and_fields(
            "Accompagner le projet de maison de santé. Pilote : Communauté de communes des Monts. Partenaires : Ordre des médecins, CPAM de la Vienne.",
        );
        assert_eq!(t, "Accompagner le projet de maison de santé");
        assert_eq!(
            pairs(&f),
            [
                ("Pilote", "Communauté de communes des Monts"),
                ("Partenaires", "Ordre des médecins, CPAM de la Vienne")
            ]
        );
    }

    #[test]
    fn a_label_with_its_own_parenthesis_after_the_title() {
        let (t, f) = title_and_fields(
            "Favoriser l'accès aux droits. Porteur(s) : CCAS de Juigné, Mission locale",
        );
        assert_eq!(t, "Favoriser l'accès aux droits");
        assert_eq!(
            pairs(&f),
            [("Porteur(s)", "CCAS de Juigné, Mission locale")]
        );
        let f = labelled("Pilote : PETR du Tarnon · Échéance : 2023").unwrap_or_default();
        assert_eq!(
            pairs(&f),
            [("Pilote", "PETR du Tarnon"), ("Échéance", "2023")]
        );
    }

    #[test]
    fn a_lead_in_prose_after_a_dash_or_a_comma_ends_the_title() {
        for line in [
            "Accompagner les maisons de santé — piloté par la CPTS Loire-Aubance",
            "Accompagner les maisons de santé – co-piloté par la CPTS Loire-Aubance",
            "Accompagner les maisons de santé, porté par la CPTS Loire-Aubance.",
        ] {
            let (t, f) = title_and_fields(line);
            assert_eq!(t, "Accompagner les maisons de santé", "{line}");
            assert_eq!(pairs(&f), [("Porteur", "la CPTS Loire-Aubance")], "{line}");
        }
        let (t, f) = title_and_fields("Prévenir les chutes, porter des projets par quartier");
        assert_eq!(t, "Prévenir les chutes, porter des projets par quartier");
        assert!(f.is_empty());
    }

    #[test]
    fn a_dash_lead_at_the_end_of_a_list_item() {
        let (t, f) =
            title_and_fields("Informer sur la complémentaire santé – porteur : CPAM de l'Aude");
        assert_eq!(t, "Informer sur la complémentaire santé");
        assert_eq!(pairs(&f), [("porteur", "CPAM de l'Aude")]);
    }

    #[test]
    fn a_colon_inside_a_title_is_not_a_label() {
        let (t, f) = title_and_fields("Santé mentale : former les élus au repérage");
        assert_eq!(t, "Santé mentale : former les élus au repérage");
        assert!(f.is_empty());
    }

    #[test]
    fn a_labelled_line_with_two_labels_gives_both() {
        let l = labelled("Pilote : CIAS du Haut-Pays. Partenaires : MSA.").expect("labelled");
        assert_eq!(
            pairs(&l),
            [("Pilote", "CIAS du Haut-Pays"), ("Partenaires", "MSA")]
        );
        assert!(labelled("Le contrat est signé : bravo").is_none());
    }

    #[test]
    fn a_drupal_field_label_alone_in_its_block() {
        assert_eq!(label_alone("Porteur").as_deref(), Some("Porteur"));
        assert_eq!(label_alone("Partenaires :").as_deref(), Some("Partenaires"));
        assert!(label_alone("Porteur : CCAS").is_none());
        assert!(label_alone("Soutenir les aidants").is_none());
    }

    #[test]
    fn prose_leads_lose_their_article_and_parenthesised_leads_are_split() {
        assert_eq!(
            lead_prose("Action pilotée par la CPAM de la Loire.").as_deref(),
            Some("la CPAM de la Loire")
        );
        let (t, who) = parenthesised_lead("Créer un point santé (porteurs : CCAS et Ville)");
        assert_eq!(t, "Créer un point santé");
        assert_eq!(who.as_deref(), Some("CCAS et Ville"));
    }

    #[test]
    fn a_names_own_parentheses_stay_and_question_labels_are_read() {
        let (_, parts) = labelled_parts("Pilote : Syndicat de restauration collective (SIRC)");
        assert_eq!(parts[0].1, "Syndicat de restauration collective (SIRC)");
        let (titre, parts) = title_and_fields("Créer un centre (porteur : CCAS de Lorme)");
        assert_eq!(
            (titre.as_str(), parts[0].1.as_str()),
            ("Créer un centre", "CCAS de Lorme")
        );
        assert!(names_a_lead("Qui ? Le CCAS de Lorme"));
        assert!(!names_a_lead("Pourquoi ce projet ? Parce que"));
    }
}
