//! Document-level facts: territory name and period from the title, signing date,
//! signatories, axes of the outline, glossary (`sigles`) and list of communes.

use crate::patterns;
use crate::{f, vocab::patterns, Item};
use cls_model::{Periode, Signataire};
use cls_normalize::calendar::parse_date_fr;
use cls_normalize::text::is_all_caps;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Default)]
pub struct Facts {
    pub territoire: Option<String>,
    pub periode: Periode,
    pub date_signature: Option<String>,
    pub signataires: Vec<Signataire>,
    pub axes: Vec<(u32, String)>,
    pub avenant: bool,
}

/// Compiles this module's patterns (see `crate::warm_up`).
pub fn warm_up() {
    let texts = [
        "Contrat local de santé de X 2020-2025".to_string(),
        "conclu entre :".to_string(),
        "- La Préfecture, représentée par Mme A B, préfète".to_string(),
        "Signé le 1 mars 2020".to_string(),
    ];
    let items: Vec<Item> = texts
        .iter()
        .map(|t| Item::Text {
            text: t.clone(),
            page: 1,
            x: 0.0,
            size: 0.0,
        })
        .collect();
    let _ = read_facts(&items, items.len());
    let _ = read_communes(&items);
}

/// How many fiche-action entries a table of contents lists (dot-leader lines naming a
/// fiche or a numbered action), so that a reader who finds fewer can say so.
pub fn toc_entries(items: &[Item]) -> usize {
    let p = patterns();
    items
        .iter()
        .filter(|it| match it {
            Item::Text { text, .. } => {
                let t = text.trim();
                p.toc_entry.is_match(t) && (p.fiche.is_match(t) || p.action_heading.is_match(t))
            }
            _ => false,
        })
        .count()
}

/// Reads the facts stated before the first fiche (title page, preamble, signatures).
pub fn read_facts(items: &[Item], first_fiche: usize) -> Facts {
    let mut facts = Facts::default();
    let head = &items[..first_fiche.min(items.len())];
    let texts: Vec<String> = head.iter().map(Item::text).collect();
    // Title: the first line naming a "contrat local de santé", with the next line when
    // the title wraps.
    if let Some(i) = texts.iter().take(400).position(|t| {
        let ft = f(t);
        ft.contains("contrat local de sante")
            && ft.len() < 160
            && !ft.contains("est un")
            && !ft.starts_with("le contrat")
    }) {
        let mut title = texts[i].clone();
        for next in texts.iter().skip(i + 1).take(2) {
            // A title cut after a linking word ("… 2025-2029 du") goes on.
            let cut = title_cut_short(&title);
            if (patterns::periode().is_match(&title) && !cut)
                || next.len() > if cut { 200 } else { 80 }
            {
                break;
            }
            if cut {
                title = cls_extract::join_lines(&[title.as_str(), next.as_str()]);
                continue;
            }
            if is_all_caps(next) || patterns::periode().is_match(next) {
                title = format!("{title} {next}");
            } else {
                break;
            }
        }
        facts.avenant = f(&title).contains("avenant");
        if let Some(c) = patterns::periode().captures(&title) {
            facts.periode = Periode {
                debut: c[1].parse().ok(),
                fin: c[2].parse().ok(),
            };
        }
        facts.territoire = territory_from_title(&title).map(|n| best_casing(&n, items));
    }
    if facts.periode.debut.is_none() {
        facts.periode = period_from_text(&texts);
    }
    let all: Vec<String> = items.iter().map(Item::text).collect();
    facts.date_signature = signing_date(&all);
    facts.signataires = signataires(&texts);
    let p = patterns();
    for t in &texts {
        if let Some(c) = p.axe.captures(t.trim()) {
            if let Some(n) = crate::roman_or_arabic(&c["num"]) {
                if !facts.axes.iter().any(|(m, _)| *m == n) && c["titre"].len() < 200 {
                    facts.axes.push((n, c["titre"].trim().to_string()));
                }
            }
        }
    }
    facts
}

/// Whether a title line stops on a linking word or without naming the territory
/// ("Contrat local de santé 2025-2029 du"), so that the next line completes it.
fn title_cut_short(title: &str) -> bool {
    let last = f(title).split_whitespace().last().unwrap_or("").to_string();
    matches!(
        last.as_str(),
        "du" | "de" | "des" | "la" | "d" | "l" | "pour" | "sur" | "et"
    ) || title.trim_end().ends_with('\'')
        || title.trim_end().ends_with('’')
        || title.trim_end().ends_with('-')
        || territory_from_title(title).is_none()
}

/// "CONTRAT LOCAL DE SANTE DE CHARTRES METROPOLE 2020-2025" → "CHARTRES METROPOLE".
pub fn territory_from_title(title: &str) -> Option<String> {
    let r = patterns::titre_territoire();
    let c = r.captures(title)?;
    let mut nom = c["nom"].to_string();
    // "Contrat local de santé 2025-2029 du Pays de …": the period may come first.
    let lead = patterns::titre_tete();
    nom = lead.replace(&nom, "").to_string();
    if let Some(m) = patterns::periode().find(&nom) {
        nom.truncate(m.start());
    }
    let tail = patterns::titre_queue();
    loop {
        let before = nom.len();
        nom = tail.replace(nom.trim(), "").trim().to_string();
        if nom.len() == before {
            break;
        }
    }
    let nom = nom
        .trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')')
        .trim()
        .to_string();
    (!nom.is_empty() && nom.split_whitespace().count() <= 8 && crate::names_a_proper_name(&nom))
        .then_some(nom)
}

/// The most frequent mixed-case spelling of `name` in the document ("CHARTRES METROPOLE"
/// → "Chartres métropole"), or the name itself.
fn best_casing(name: &str, items: &[Item]) -> String {
    let target = f(name);
    let k = target.split_whitespace().count();
    if k == 0 {
        return name.to_string();
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    // The preamble names the territory often enough; no need to scan the annexes.
    for it in items.iter().take(1500) {
        let t = it.text();
        let words: Vec<&str> = t.split_whitespace().collect();
        if words.len() < k {
            continue;
        }
        let first = target.split_whitespace().next().unwrap_or("");
        let first_char = first.chars().next();
        for w in words.windows(k) {
            // Cheap filter before folding: the first letter and the length must fit.
            let w0 = w[0].trim_matches(|c: char| !c.is_alphanumeric());
            let c0 = w0.chars().next().and_then(|c| c.to_lowercase().next());
            if c0 != first_char && !(c0.is_some_and(|c| !c.is_ascii()) && first_char.is_some())
                || w0.len() + 3 < first.len()
                || w0.len() > first.len() + 6
            {
                continue;
            }
            let cand = w.join(" ");
            let cand = cand
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_string();
            if f(&cand) == target && !is_all_caps(&cand) {
                *counts.entry(cand).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(c, _)| c)
        .unwrap_or_else(|| name.to_string())
}

/// "pour la période 2022-2027", "2020 et jusqu'en 2025".
pub(crate) fn period_from_text(texts: &[String]) -> Periode {
    let r = patterns::periode_texte();
    for t in texts {
        if let Some(c) = r.captures(t) {
            let pick = |a: usize, b: usize| {
                c.get(a)
                    .zip(c.get(b))
                    .map(|(x, y)| (x.as_str().parse().ok(), y.as_str().parse().ok()))
            };
            if let Some((debut, fin)) = pick(1, 2).or_else(|| pick(3, 4)).or_else(|| pick(5, 6)) {
                return Periode { debut, fin };
            }
        }
    }
    Periode::default()
}

/// "Signé en 9 exemplaires, le 17 FEV. 2020" → "2020-02-17".
pub fn signing_date(texts: &[String]) -> Option<String> {
    let r = patterns::signature();
    for t in texts {
        if let Some(c) = r.captures(t) {
            if let Some(d) = parse_date_fr(&c[1]) {
                return Some(d);
            }
        }
    }
    // The place and date of signature on a line of their own ("Lure, le 3 juillet 2025").
    let place = patterns::lieu_date();
    texts
        .iter()
        .filter_map(|t| place.captures(t.trim()))
        .find_map(|c| parse_date_fr(&c[1]))
}

/// The "conclu entre :" list, or the "ENTRE :" list of the cover page.
fn signataires(texts: &[String]) -> Vec<Signataire> {
    let start = texts
        .iter()
        .position(|t| opens_parties(t) && f(t).contains("conclu"))
        .or_else(|| texts.iter().position(|t| opens_parties(t)));
    let Some(start) = start else {
        return Vec::new();
    };
    party_entries(&texts[start + 1..])
        .into_iter()
        .filter(|e| e.len() > 3 && e.len() < 400)
        .map(|e| signataire(e.trim_end_matches([';', ',', '.']).trim()))
        .collect()
}

/// Whether a line opens the list of parties: it ends with "entre :" and speaks of a
/// contract concluded, signed or passed (or is "ENTRE :" alone). A sentence that merely
/// mentions a contract "conclu entre différents partenaires" does not count.
fn opens_parties(t: &str) -> bool {
    if !t.contains("ntre") && !t.contains("NTRE") {
        return false;
    }
    let ft = f(t);
    ft.find("entre")
        .is_some_and(|i| ft[i + 5..].trim_matches([' ', ':']).is_empty())
        && (ft.contains("conclu")
            || ft.contains("signe")
            || ft.contains("passe")
            || ft.trim_matches([' ', ':']) == "entre")
}

/// The entries of the list of parties, from the lines after its opening line (40 at
/// most): a bullet, an article or "représenté(e) par" opens an entry, wrapped lines go on
/// with it, and a section heading or a sentence that is not an entry ends the list.
fn party_entries(lines: &[String]) -> Vec<String> {
    let mut entries: Vec<String> = Vec::new();
    let bullet = patterns::puce();
    let article = patterns::article();
    let section = patterns::apres_parties();
    for t in lines.iter().take(40) {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if section.is_match(t) {
            break;
        }
        let starts_upper = t.chars().next().is_some_and(char::is_uppercase);
        let is_new = bullet.is_match(t)
            || article.is_match(t)
            || entries.is_empty()
            || (starts_upper && f(t).contains("represente"));
        let clean = bullet.replace(t, "").trim().to_string();
        if is_new {
            if entries.len() >= 2
                && !article.is_match(&clean)
                && !bullet.is_match(t)
                && !t.contains("représent")
            {
                break;
            }
            entries.push(clean);
        } else if let Some(last) = entries.last_mut() {
            // A wrapped entry goes on in lower case or with a short name ("Fleury"); a new
            // capitalised sentence ends the list.
            let continues = clean.chars().next().is_some_and(|c| !c.is_uppercase())
                || clean.split_whitespace().count() <= 3
                || !last.contains("représent");
            if !continues {
                break;
            }
            *last = cls_extract::join_lines(&[last.as_str(), clean.as_str()]);
        }
    }
    entries
}

/// One party: "La Préfecture, représentée par Mme A B, préfète" gives the body, its
/// representative and the representative's title; an entry without "représenté" is a
/// name alone.
fn signataire(e: &str) -> Signataire {
    let rep = patterns::represente();
    let civ = patterns::civilite();
    let Some(c) = rep.captures(e) else {
        return Signataire {
            nom: e.to_string(),
            organisation_id: None,
            representant: None,
            qualite: None,
        };
    };
    let rest = c["rest"].trim().to_string();
    let (representant, qualite) = match civ.captures(&rest) {
        Some(cc) => (
            Some(cc["nom"].trim().to_string()),
            cc.name("q2")
                .or(cc.name("q1"))
                .map(|m| m.as_str().trim().to_string()),
        ),
        None => (None, Some(rest)),
    };
    Signataire {
        nom: c["nom"].trim().to_string(),
        organisation_id: None,
        representant,
        qualite,
    }
}

/// The glossary: "ADMS : Association pour …" lines (or two-column rows) after the
/// glossary heading that is followed by the most entries.
pub fn read_sigles(items: &[Item]) -> BTreeMap<String, String> {
    let p = patterns();
    let mut best = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        let Item::Text { text, .. } = it else {
            continue;
        };
        if !p.lexique.is_match(text.trim()) {
            continue;
        }
        let mut found = BTreeMap::new();
        let mut misses = 0;
        for it in &items[i + 1..] {
            let entry = match it {
                Item::Text { text, .. } => p
                    .sigle
                    .captures(text.trim())
                    .map(|c| (c["sigle"].to_string(), c["sens"].trim().to_string())),
                Item::Row { label, value, .. } => {
                    Some((label.trim().to_string(), cls_extract::join_lines(value)))
                }
            };
            match entry {
                Some((s, sens)) if is_sigle(&s) && !sens.is_empty() => {
                    found.entry(s).or_insert(sens);
                    misses = 0;
                }
                _ => {
                    misses += 1;
                    if misses > 3 {
                        break;
                    }
                }
            }
        }
        if found.len() > best.len() {
            best = found;
        }
    }
    best
}

fn is_sigle(s: &str) -> bool {
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    !s.contains(' ')
        && s.chars().count() <= 15
        && (upper >= 2 || (upper == 1 && s.chars().count() <= 6))
}

/// The list of communes under a "Cartographie / Liste des N communes" heading.
pub fn read_communes(items: &[Item]) -> Vec<String> {
    let p = patterns();
    let section = patterns::section();
    let mut best: Vec<String> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Item::Text { text, .. } = it else {
            continue;
        };
        if !p.communes.is_match(text) {
            continue;
        }
        let mut buf = String::new();
        for it in items.iter().skip(i + 1).take(40) {
            let t = it.text();
            if section.is_match(t.trim())
                || (!t.contains(',') && !buf.is_empty() && t.split_whitespace().count() > 4)
            {
                break;
            }
            if !t.contains(',') && buf.is_empty() {
                break;
            }
            // Lines of the list wrap anywhere ("La" / "Bourdinière Saint Loup"): only
            // commas separate communes.
            buf = cls_extract::join_lines(&[buf.as_str(), t.as_str()]);
        }
        let list: Vec<String> = buf
            .split([',', ';'])
            .map(|s| s.trim().trim_end_matches('.').trim().to_string())
            .filter(|s| {
                !s.is_empty()
                    && s.split_whitespace().count() <= 6
                    && s.chars().next().is_some_and(|c| c.is_uppercase())
            })
            .collect();
        if list.len() > best.len() {
            best = list;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn territory_names_from_titles() {
        let cases = [
            ("CONTRAT LOCAL DE SANTE DE CHARTRES METROPOLE 2020-2025", Some("CHARTRES METROPOLE")),
            ("Contrat local de santé du Pays de Chaumont 2023-2028", Some("Pays de Chaumont")),
            ("Contrat Local de Santé de l'Agglomération de Blois (CLS) 2019-2023", Some("Agglomération de Blois")),
            ("CONTRAT LOCAL DE SANTE 2e génération de la Communauté de communes du Pays Houdanais", Some("Communauté de communes du Pays Houdanais")),
            ("Contrat local de santé", None),
            ("Contrat local de santé de la Communauté d'agglomération du Val-Marais 2025-2029", Some("Communauté d'agglomération du Val-Marais")),
            ("Contrat Local de Santé 2025-2029 du Pays du Haut-Lac", Some("Pays du Haut-Lac")),
            ("CONTRAT LOCAL DE SANTÉ DE DEUXIÈME GÉNÉRATION", None),
            ("Contrat local de santé 2023-2028 : les fiches-actions", None),
            ("Contrat local de santé de seconde génération du Pays de Vire", Some("Pays de Vire")),
        ];
        for (t, want) in cases {
            assert_eq!(territory_from_title(t).as_deref(), want, "{t}");
        }
    }

    #[test]
    fn a_title_wrapped_over_three_lines_names_the_territory_and_period() {
        let items: Vec<Item> = [
            "AGENCE RÉGIONALE DE SANTÉ NORMANDIE",
            "Communauté d'agglomération du Val-Marais",
            "Contrat local de santé",
            "de la Communauté d'agglomération du Val-Marais",
            "2025-2029",
            "CLS 2e génération",
        ]
        .iter()
        .map(|t| Item::Text {
            text: t.to_string(),
            page: 1,
            x: 0.0,
            size: 0.0,
        })
        .collect();
        let facts = read_facts(&items, items.len());
        assert_eq!(
            facts.territoire.as_deref(),
            Some("Communauté d'agglomération du Val-Marais")
        );
        assert_eq!(
            (facts.periode.debut, facts.periode.fin),
            (Some(2025), Some(2029))
        );
    }

    #[test]
    fn signing_dates() {
        let t = |s: &str| signing_date(&[s.to_string()]);
        assert_eq!(
            t("Signé en 9 exemplaires, le 17 FEV. 2020"),
            Some("2020-02-17".into())
        );
        assert_eq!(
            t("Fait à Blois, le 1er juillet 2019"),
            Some("2019-07-01".into())
        );
        assert_eq!(
            t("signé le 15/12/2022 à Chaumont"),
            Some("2022-12-15".into())
        );
        assert_eq!(t("Signé en juillet 2015 pour prendre le relais"), None);
    }
}
