//! Cells naming organisations, split into one mention per organisation.
//!
//! Separators first (";", ",", "/", " – ", line breaks, " et ", "en lien avec"), outside
//! parentheses, with the guards a reader applies: "Chambre de commerce et d'industrie" and
//! "Eure et Loir" are one name; "CCAS de Chartres, Lucé et Mainvilliers" is one body in
//! three places. Then cells that lost their separators are cut where a new name plainly
//! starts: a run of acronyms ("DSDEN CD28 CESEL"), a known body after another name
//! ("Mutualité Française Lig'Air ARS"), a name after a département number ("Santé Escale 41
//! Agglopolys"). Leading articles and verbs ("Mobiliser la Croix Rouge") are dropped, and
//! a lower-case sub-unit in parentheses ("(service des sports)") is left to its parent.

use crate::text::{fold, Folded};
use cls_model::Mention;

/// Département names that contain "et" and must never be split.
const ET_NAMES: &[&str] = &[
    "eure et loir",
    "loir et cher",
    "indre et loire",
    "lot et garonne",
    "maine et loire",
    "saone et loire",
    "tarn et garonne",
    "ille et vilaine",
    "meurthe et moselle",
    "seine et marne",
    "alpes de haute provence",
    "et/ou",
];

/// Multi-word bodies known nationally: a cell that starts with one of them and goes on
/// with another capitalised name holds two mentions.
const KNOWN_NAMES: &[&str] = &[
    "Mutualité Française",
    "Croix Rouge",
    "Croix-Rouge française",
    "Education Nationale",
    "Éducation nationale",
    "Assurance Maladie",
    "Sécurité routière",
    "Action Logement",
    "Familles Rurales",
    "Mission Locale",
    "Ligue contre le cancer",
    "France Addictions",
    "Addictions France",
    "Avenir Santé",
    "Santé publique France",
    "Secours populaire",
    "Secours catholique",
    "Restos du cœur",
    "Planning familial",
    "Maison des Adolescents",
];

/// Acronyms of health and social bodies: one of them after other words starts a new
/// mention ("… Lig'Air ARS").
pub const BODY_ACRONYMS: &[&str] = &[
    "ARS", "CPAM", "CD", "CR", "DSDEN", "CCAS", "CIAS", "MSA", "CAF", "CARSAT", "CPTS", "MSP",
    "CH", "CHU", "EHPAD", "MDPH", "MDA", "PMI", "IREPS", "ORS", "UNAFAM", "URPS", "CLIC", "CMP",
    "CAARUD", "CSAPA", "CeGIDD", "DDCSPP", "DDETS", "UDAF", "CESEL", "CICAT", "ADMR", "APF",
    "CNSA", "DAC", "GHT", "GEM", "CMPP", "SSIAD", "SAAD", "ANPAA", "CRIJ", "PJJ", "SDIS", "ANAH",
    "CDC",
];

fn is_acronym(w: &str) -> bool {
    let core: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
    let upper = core.chars().filter(|c| c.is_uppercase()).count();
    let letters = core.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && upper >= 2 && upper * 2 >= letters
}

/// An acronym, optionally glued to or followed by a département number ("CD28", "CD 28").
fn acronym_unit(words: &[&str], i: usize) -> Option<usize> {
    let w = words.get(i)?;
    let letters: String = w.chars().take_while(|c| c.is_alphabetic()).collect();
    if !is_acronym(&letters) && !is_acronym(w) {
        return None;
    }
    let next_is_number = words.get(i + 1).is_some_and(|n| is_dept_code(n));
    Some(if next_is_number { 2 } else { 1 })
}

fn is_dept_code(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    (w.len() == 2 && (w.chars().all(|c| c.is_ascii_digit()) || w == "2A" || w == "2B"))
        || (w.len() == 3 && w.starts_with("97") && w.chars().all(|c| c.is_ascii_digit()))
}

fn starts_upper(s: &str) -> bool {
    s.trim_start_matches(['(', '«', '"', ' '])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Splits at a separator outside parentheses.
fn split_top(s: &str, seps: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let mut i = 0;
    let b = s.as_bytes();
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        if c == '(' || c == '[' {
            depth += 1;
        } else if c == ')' || c == ']' {
            depth = (depth - 1).max(0);
        }
        if depth == 0 {
            if let Some(sep) = seps.iter().find(|sep| s[i..].starts_with(**sep)) {
                out.push(std::mem::take(&mut cur));
                i += sep.len();
                continue;
            }
        }
        cur.push(c);
        i += c.len_utf8();
        let _ = b;
    }
    out.push(cur);
    out
}

/// Leading words that are not part of a name.
fn strip_lead(s: &str) -> String {
    let mut t = s
        .trim()
        .trim_start_matches(['-', '•', '*', '–', ':'])
        .trim()
        .to_string();
    loop {
        // Leads are matched in the folded text and cut from the original through its map.
        let folded = Folded::new(&t);
        let lower = folded.as_str();
        let mut cut = None;
        for lead in [
            "et ",
            "ou ",
            "mobiliser ",
            "solliciter ",
            "associer ",
            "avec ",
            "par ",
            "en lien avec ",
            "en partenariat avec ",
            "notamment ",
            "dont ",
            "via ",
            "financement ",
            "financements ",
            "cofinancement ",
            "cofinancements ",
            "financement: ",
            "financement : ",
        ] {
            if lower.starts_with(lead) {
                cut = Some(lead.len());
                break;
            }
        }
        if cut.is_none() {
            for art in ["le ", "la ", "les ", "l'", "un ", "une ", "des "] {
                // Keep "les CCAS", "des associations": a plural generic group reads better
                // with its article stripped too.
                if lower.starts_with(art) {
                    cut = Some(art.len());
                    break;
                }
            }
        }
        match cut {
            Some(n) => t = folded.original_after(n).trim().to_string(),
            None => break,
        }
    }
    t
}

/// A lower-case sub-unit in parentheses belongs to its parent: "Ville de Blois (service des
/// sports)" → "Ville de Blois".
fn drop_subunit(s: &str) -> String {
    let t = s.trim();
    if let (Some(open), true) = (t.rfind('('), t.ends_with(')')) {
        let inner = &t[open + 1..t.len() - 1];
        let fi = fold(inner);
        let subunit = [
            "service",
            "direction",
            "pole",
            "departement",
            "mission",
            "unite",
            "cellule",
            "bureau",
        ]
        .iter()
        .any(|w| fi.starts_with(w));
        if subunit && inner.chars().next().is_some_and(char::is_lowercase) {
            return t[..open].trim().to_string();
        }
    }
    t.to_string()
}

/// Cuts a piece that lost its separators into names.
fn segment(piece: &str) -> Vec<String> {
    let words: Vec<&str> = piece.split_whitespace().collect();
    if words.len() < 2 {
        return vec![piece.to_string()];
    }
    // A run made only of acronym units: "DSDEN CD28 CESEL", "Cesel 28 DSDEN28".
    let mut units = Vec::new();
    let mut i = 0;
    let mut only_acronyms = true;
    while i < words.len() {
        let w = words[i];
        let cap_word_with_number =
            starts_upper(w) && words.get(i + 1).is_some_and(|n| is_dept_code(n));
        match acronym_unit(&words, i) {
            Some(n) => {
                units.push(words[i..i + n].join(" "));
                i += n;
            }
            None if cap_word_with_number && w.len() <= 8 => {
                units.push(words[i..i + 2].join(" "));
                i += 2;
            }
            None => {
                only_acronyms = false;
                break;
            }
        }
    }
    if only_acronyms && units.len() >= 2 {
        return units;
    }
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    let mut depth = 0i32;
    for (k, w) in words.iter().enumerate() {
        let cur = out.last().expect("one group");
        let mut cut = false;
        if depth == 0 && !cur.is_empty() {
            let prev = words[k - 1];
            // After a closing parenthesis, a new capitalised name: "DSDEN (…) Communes".
            if prev.ends_with(')') && starts_upper(w) && !is_dept_code(w) {
                cut = true;
            }
            // After a département number, a new capitalised name: "Santé Escale 41 Agglopolys".
            if is_dept_code(prev) && starts_upper(w) && !is_dept_code(w) && cur.len() >= 2 {
                cut = true;
            }
            // A body acronym after a name of ordinary words: "… Lig'Air ARS".
            let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
            let letters: String = bare.chars().take_while(|c| c.is_alphabetic()).collect();
            if BODY_ACRONYMS.contains(&letters.as_str())
                && !w.starts_with('(')
                && !cur.iter().any(|c| is_acronym(c))
                && !cur.is_empty()
                && !matches!(
                    fold(prev).as_str(),
                    "de" | "du" | "des" | "la" | "le" | "l'" | "d'"
                )
            {
                cut = true;
            }
            // A known national body followed by another name: "Mutualité Française Lig'Air".
            static KNOWN_FOLDED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
            let known = KNOWN_FOLDED.get_or_init(|| KNOWN_NAMES.iter().map(|n| fold(n)).collect());
            if starts_upper(w) && cur.len() <= 4 && known.contains(&fold(&cur.join(" "))) {
                cut = true;
            }
        }
        if cut {
            out.push(Vec::new());
        }
        depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
        depth = depth.max(0);
        out.last_mut().expect("one group").push(w);
    }
    out.into_iter()
        .map(|g| g.join(" "))
        .filter(|g| !g.is_empty())
        .collect()
}

/// "(CAUE)" after "Conseil d'Architecture, d'Urbanisme et d'Environnement" is its own sigle
/// when its capitals are the initials of the name's main words.
pub fn own_sigle(name: &str, sigle: &str) -> bool {
    let caps: String = sigle.chars().filter(|c| c.is_uppercase()).collect();
    let stop = [
        "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "pour", "a", "au", "aux", "sur",
    ];
    let initials: String = name
        .split(|c: char| c.is_whitespace() || c == '\'' || c == '’' || c == '-' || c == ',')
        .filter(|w| !w.is_empty() && !stop.contains(&fold(w).as_str()))
        .filter_map(|w| w.chars().next())
        .map(|c| fold(&c.to_string()).to_uppercase())
        .collect();
    caps.len() >= 2 && (initials.starts_with(&caps) || initials.contains(&caps))
}

/// Whether " et " at byte `i` of `s` joins two organisations rather than words of one name.
fn et_splits(left: &str, right: &str) -> bool {
    let r = right.trim_start();
    let rf = fold(r);
    let lf = fold(left);
    let last = lf.split_whitespace().last().unwrap_or("");
    let last = last
        .strip_prefix("d'")
        .or_else(|| last.strip_prefix("l'"))
        .unwrap_or(last);
    let first = rf
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
    let around = format!("{last} et {first}");
    if ET_NAMES.iter().any(|n| n.contains(&around)) || rf.starts_with("/ou") {
        return false;
    }
    // "et d'industrie", "et du Sport", "et de la santé": the name goes on.
    if ["d'", "de ", "du ", "des ", "à ", "aux ", "au "]
        .iter()
        .any(|p| rf.starts_with(p))
    {
        return false;
    }
    // "Union Nationale de Familles et Amis de …": nouns coordinated inside one name, unless
    // what follows is an acronym (another body).
    let lw: Vec<&str> = lf.split_whitespace().collect();
    let rw: Vec<&str> = rf.split_whitespace().collect();
    let org_head = [
        "ville",
        "centre",
        "conseil",
        "communaute",
        "association",
        "agence",
        "caisse",
        "federation",
        "maison",
        "mission",
        "union",
        "groupement",
        "syndicat",
        "pays",
        "commune",
        "departement",
        "region",
        "sante",
    ]
    .iter()
    .any(|h| rw.first().is_some_and(|w| w.starts_with(h)));
    let inside_name = lw.len() >= 2
        && matches!(lw[lw.len() - 2], "de" | "des" | "du" | "pour")
        && !lw[lw.len() - 1].chars().all(|c| c.is_ascii_digit())
        && rw.len() >= 3
        && rw.contains(&"de")
        && !org_head;
    let right_acronym = r.split_whitespace().next().is_some_and(is_acronym);
    let after_article = ["le ", "la ", "les ", "l'"]
        .iter()
        .find(|a| rf.starts_with(**a))
        .map(|a| &r[a.len()..]);
    if inside_name && after_article.is_none() && !right_acronym {
        return false;
    }
    match after_article {
        Some(rest) => {
            starts_upper(rest)
                || rest.split_whitespace().next().is_some_and(is_acronym)
                || fold(rest).starts_with("association")
                || fold(rest).starts_with("commune")
        }
        None => starts_upper(r) || r.split_whitespace().next().is_some_and(is_acronym),
    }
}

fn split_et(piece: &str) -> Vec<String> {
    // "Centre d'Information … et Toxicomanie (CICAT)": the sigle spans the whole name.
    let t = piece.trim();
    if let (Some(open), true) = (t.rfind('('), t.ends_with(')')) {
        let inner = &t[open + 1..t.len() - 1];
        if own_sigle(&t[..open], inner) {
            let before_et = t[..open].rsplit(" et ").nth(1).unwrap_or("");
            if !before_et.is_empty() {
                return vec![piece.to_string()];
            }
        }
    }
    let mut out = Vec::new();
    let mut rest = piece.to_string();
    loop {
        let mut depth = 0i32;
        let mut found = None;
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = (depth - 1).max(0),
                _ => {}
            }
            if depth == 0 && rest[i..].starts_with(" et ") && et_splits(&rest[..i], &rest[i + 4..])
            {
                found = Some(i);
                break;
            }
        }
        match found {
            Some(i) => {
                out.push(rest[..i].to_string());
                rest = rest[i + 4..].to_string();
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out
}

/// Whether a piece is only a place name continuing an enumeration ("Lucé" after "CCAS de
/// Chartres").
fn is_place_continuation(piece: &str, prev: &str) -> bool {
    let words: Vec<&str> = piece.split_whitespace().collect();
    let prev_f = fold(prev);
    !words.is_empty()
        && words.len() <= 3
        && starts_upper(piece)
        && !words.iter().any(|w| is_acronym(w))
        && (prev_f.contains(" de ") || prev_f.contains(" d'"))
        && prev.split_whitespace().last().is_some_and(starts_upper)
        && !prev.split_whitespace().last().is_some_and(is_acronym)
        && ![
            "ville",
            "commune",
            "association",
            "centre",
            "conseil",
            "caisse",
            "agence",
            "federation",
            "maison",
            "mission",
            "union",
            "hopital",
            "contrat",
            "programme",
            "plan",
            "service",
            "direction",
            "etat",
            "region",
            "departement",
        ]
        .iter()
        .any(|k| fold(words[0]).starts_with(k))
        && !words
            .iter()
            .skip(1)
            .any(|w| matches!(fold(w).as_str(), "de" | "du" | "d'"))
}

/// "CCAS de Chartres" then "Lucé": the CCAS of Lucé, one more body. `None` when the
/// previous mention is not a body placed in one commune.
fn expand_place(piece: &str, prev: &str) -> Option<String> {
    let pf = fold(prev);
    let head_end = pf.find(" de ").or_else(|| pf.find(" d'"))?;
    let head = &prev[..prev
        .char_indices()
        .nth(pf[..head_end].chars().count())
        .map(|x| x.0)
        .unwrap_or(prev.len())];
    let hf = fold(head);
    let commune_scoped = [
        "ccas",
        "ville",
        "mairie",
        "centre communal d'action sociale",
    ]
    .contains(&hf.as_str());
    commune_scoped.then(|| {
        let vowel = fold(piece).starts_with(|c: char| "aeiouy".contains(c));
        if vowel {
            format!("{head} d'{piece}")
        } else {
            format!("{head} de {piece}")
        }
    })
}

/// The mentions of a porteurs / partenaires / funders cell, as written.
pub fn split_mentions(text: &str) -> Vec<String> {
    split_detailed(text).into_iter().map(|(n, _)| n).collect()
}

/// The mentions with, for elliptic ones, the full form they stand for.
fn split_detailed(text: &str) -> Vec<(String, Option<String>)> {
    // "et/ou" is a conjunction, not a separator.
    let t = text
        .replace("et/ou", "et\u{2215}ou")
        .replace('\n', " ; ")
        .replace(" en lien avec ", " ; ")
        .replace(" en partenariat avec ", " ; ")
        .replace(" avec l'appui de ", " ; ");
    let mut pieces: Vec<(String, Option<String>)> = Vec::new();
    for p in split_top(&t, &[";", " / ", "/", " – ", " - ", "•"]) {
        // "DSDEN – infirmières scolaires …": a lower-case sub-unit belongs to the body
        // before it; only a capitalised name after it is a new mention.
        let p = if strip_lead(&p).starts_with(char::is_lowercase) && !pieces.is_empty() {
            let words: Vec<&str> = p.split_whitespace().collect();
            let start = (1..words.len()).find(|&i| {
                words[i].starts_with(char::is_uppercase)
                    && !matches!(
                        fold(words[i - 1]).as_str(),
                        "de" | "du" | "des" | "la" | "le" | "l'" | "d'" | "et"
                    )
            });
            match start {
                Some(i) => words[i..].join(" "),
                None => continue,
            }
        } else {
            p
        };
        let mut commas: Vec<String> = Vec::new();
        for c in split_top(&p, &[","]) {
            let c = c.trim().to_string();
            if c.is_empty() {
                continue;
            }
            // "Conseil d'Architecture, d'Urbanisme et d'Environnement": the name goes on.
            let cf = fold(&c);
            let continues = ["d'", "de ", "du ", "des ", "à ", "au ", "aux ", "en "]
                .iter()
                .any(|x| cf.starts_with(x));
            match commas.last_mut() {
                Some(last) if continues => {
                    last.push_str(", ");
                    last.push_str(&c);
                }
                _ => commas.push(c),
            }
        }
        for c in commas {
            for e in split_et(&c) {
                let e = e.trim().to_string();
                let cont = pieces
                    .last()
                    .filter(|last| {
                        is_place_continuation(&e, &last.1.clone().unwrap_or_else(|| last.0.clone()))
                    })
                    .cloned();
                match cont {
                    Some(last) => {
                        match expand_place(&e, &last.1.clone().unwrap_or_else(|| last.0.clone())) {
                            // Written "Lucé", standing for "CCAS de Lucé".
                            Some(full) => pieces.push((e, Some(full))),
                            None => {
                                if let Some(l) = pieces.last_mut() {
                                    l.0.push_str(", ");
                                    l.0.push_str(&e);
                                }
                            }
                        }
                    }
                    None => pieces.push((e, None)),
                }
            }
        }
    }
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for (p, forme) in pieces {
        let p = strip_lead(&p);
        let p = p
            .trim()
            .trim_end_matches(['.', ';', ',', ':'])
            .trim()
            .to_string();
        // "…, etc." stays a mention of its own (a generic group).
        let (p, etc) = match p.strip_suffix(" etc").or_else(|| p.strip_suffix(" etc.")) {
            Some(x) => (x.trim().to_string(), true),
            None => (p.clone(), false),
        };
        if fold(&p) == "etc" {
            out.push(("etc.".to_string(), None));
            continue;
        }
        if !p.is_empty() {
            let segs = if forme.is_some() {
                vec![p.clone()]
            } else {
                segment(&drop_subunit(&p))
            };
            for s in segs {
                let s = s.trim().to_string();
                if !s.is_empty() {
                    out.push((s.replace('\u{2215}', "/"), forme.clone()));
                }
            }
        }
        if etc {
            out.push(("etc.".to_string(), None));
        }
    }
    out
}

/// Mentions of a cell, ready for the model (ids are given by the organisation registry).
pub fn mentions(text: &str) -> Vec<Mention> {
    split_detailed(text)
        .into_iter()
        .map(|(nom, forme)| Mention {
            nom,
            organisation_id: None,
            forme,
        })
        .collect()
}

/// Generic groups are not organisations: "associations", "communes intéressées", "les
/// CCAS", "CCAS intéressés", "Tous les signataires du CLS", "etc.", "Acteur à déterminer".
pub fn is_generic(nom: &str) -> bool {
    let f = fold(nom);
    let f = f.trim_end_matches('.').trim();
    if f.is_empty() || f == "etc" {
        return true;
    }
    let generic_heads = [
        "tous ",
        "toutes ",
        "ensemble des ",
        "partenaires",
        "signataires",
        "acteur",
        "acteurs",
        "associations",
        "structures",
        "professionnels",
        "communes",
        "hopitaux",
        "etablissements",
        "amenageurs",
        "promoteurs",
        "bailleurs",
        "entreprises",
        "organisations",
        "services",
        "usagers",
        "habitants",
        "ordres",
        "elus",
        "ecoles",
        "colleges",
        "lycees",
        "clubs",
        "partenaires",
        "autres ",
    ];
    let generic_tails = [
        "interesse",
        "interesses",
        "interessees",
        "interessee",
        "concerne",
        "concernes",
        "concernees",
        "volontaires",
        "a recenser",
        "a determiner",
        "a definir",
        "locaux",
        "locales",
        "du territoire",
        "de l'agglomeration",
    ];
    let starts_lower = nom.trim().chars().next().is_some_and(char::is_lowercase);
    generic_heads.iter().any(|h| f.starts_with(h))
        || generic_tails.iter().any(|t| f.ends_with(t))
        || (starts_lower
            && !is_acronym(nom.split_whitespace().next().unwrap_or(""))
            && f.split_whitespace().count() <= 4
            && f.ends_with('s'))
        || matches!(f, "ccas" | "cias" | "communes" | "etat")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Vec<String> {
        split_mentions(t)
    }

    #[test]
    fn splitting_real_cells() {
        let cases: &[(&str, &[&str])] = &[
            ("ARS, Communes", &["ARS", "Communes"]),
            ("l'Agence Régionale de Santé (ARS)", &["Agence Régionale de Santé (ARS)"]),
            ("Centre d'Information et de Consultation en Alcoolologie et Toxicomanie (CICAT)", &["Centre d'Information et de Consultation en Alcoolologie et Toxicomanie (CICAT)"]),
            ("Conseil d'Architecture, d'Urbanisme et d'Environnement d'Eure-et-Loir (CAUE) et Chartres métropole", &["Conseil d'Architecture, d'Urbanisme et d'Environnement d'Eure-et-Loir (CAUE)", "Chartres métropole"]),
            ("Profession Sports 28 et Espace diabète 28", &["Profession Sports 28", "Espace diabète 28"]),
            ("Cesel 28 DSDEN28", &["Cesel 28", "DSDEN28"]),
            ("DSDEN CD28 CESEL", &["DSDEN", "CD28", "CESEL"]),
            ("Mutualité Française Lig'Air ARS", &["Mutualité Française", "Lig'Air", "ARS"]),
            ("Chambre de commerce et d'industrie", &["Chambre de commerce et d'industrie"]),
            ("Association pour le Développement de la Médecine et du Sport d'Eure et Loir (ADMS)", &["Association pour le Développement de la Médecine et du Sport d'Eure et Loir (ADMS)"]),
            ("Communes et CCAS de Chartres, Lucé et Mainvilliers", &["Communes", "CCAS de Chartres", "Lucé", "Mainvilliers"]),
            ("Trois communes : Chartres, Lucé et Mainvilliers, et CGET", &["Trois communes : Chartres", "Lucé", "Mainvilliers", "CGET"]),
            ("DSDEN – infirmières scolaires Mission Locale de l'arrondissement de Chartres", &["DSDEN", "Mission Locale de l'arrondissement de Chartres"]),
            ("Financement CCAS de Chartres ; Contrat de Ville", &["CCAS de Chartres", "Contrat de Ville"]),
            ("Cesel 28 / CAARUD / CICAT / CCAS de Chartres (centre pluridisciplinaire de soins) / DSDEN 28", &["Cesel 28", "CAARUD", "CICAT", "CCAS de Chartres (centre pluridisciplinaire de soins)", "DSDEN 28"]),
            ("Mobiliser la Croix Rouge, DSDEN", &["Croix Rouge", "DSDEN"]),
            ("Chartres métropole, les entreprises intéressées, les communes, etc.", &["Chartres métropole", "entreprises intéressées", "communes", "etc."]),
            ("CCAS, Chartres métropole, hôpitaux, etc ;", &["CCAS", "Chartres métropole", "hôpitaux", "etc."]),
            ("Le CD 28 et la CPAM, MDA", &["CD 28", "CPAM", "MDA"]),
            ("Fédération Familles Rurales d'Eure-et-Loir, en lien avec l'ADMR", &["Fédération Familles Rurales d'Eure-et-Loir", "ADMR"]),
            ("Chartres métropole en lien avec l'URPS", &["Chartres métropole", "URPS"]),
            ("ARS – CPTS – URPS – Chartres métropole", &["ARS", "CPTS", "URPS", "Chartres métropole"]),
            ("CCAS de Chartres - Centre de santé polyvalent", &["CCAS de Chartres", "Centre de santé polyvalent"]),
            ("le Centre Intercommunal d'Action Sociale du Blaisois", &["Centre Intercommunal d'Action Sociale du Blaisois"]),
            ("la Ville de Blois (service des sports) et le Centre intercommunal d'action sociale du Blaisois", &["Ville de Blois", "Centre intercommunal d'action sociale du Blaisois"]),
            ("Santé Escale 41 Agglopolys et Ville de Blois (direction veille territoriale, solidarité)", &["Santé Escale 41", "Agglopolys", "Ville de Blois"]),
            ("l'Union Nationale de Familles et Amis de personnes Malades et/ou handicapées psychiques et le Groupement d'Entraide Mutuelle AMILA", &["Union Nationale de Familles et Amis de personnes Malades et/ou handicapées psychiques", "Groupement d'Entraide Mutuelle AMILA"]),
            ("Agglopolys, le CIAS du Blaisois et le Centre Hospitalier Simone Veil de Blois", &["Agglopolys", "CIAS du Blaisois", "Centre Hospitalier Simone Veil de Blois"]),
            ("Chartres métropole Eau (CMEau) et Chartres métropole (Service Maîtrise d'ouvrage-usages de la Direction du Cycle de l'Eau)", &["Chartres métropole Eau (CMEau)", "Chartres métropole (Service Maîtrise d'ouvrage-usages de la Direction du Cycle de l'Eau)"]),
            ("DSDEN (infirmières et médecins EN) Communes et CCAS de Chartres, Lucé et Mainvilliers", &["DSDEN (infirmières et médecins EN)", "Communes", "CCAS de Chartres", "Lucé", "Mainvilliers"]),
        ];
        for (text, want) in cases {
            assert_eq!(
                s(text),
                want.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    #[test]
    fn elliptic_places_carry_their_full_form() {
        let m = mentions("CCAS de Chartres, Lucé et Mainvilliers");
        let f: Vec<(&str, Option<&str>)> = m
            .iter()
            .map(|m| (m.nom.as_str(), m.forme.as_deref()))
            .collect();
        assert_eq!(
            f,
            vec![
                ("CCAS de Chartres", None),
                ("Lucé", Some("CCAS de Lucé")),
                ("Mainvilliers", Some("CCAS de Mainvilliers"))
            ]
        );
    }

    #[test]
    fn generic_groups() {
        for g in [
            "associations",
            "communes intéressées",
            "CCAS intéressés",
            "Tous les signataires du CLS",
            "etc.",
            "Acteur à déterminer dans le cadre des travaux",
            "Partenaires signataires de la convention",
            "hôpitaux",
            "CCAS",
        ] {
            assert!(is_generic(g), "{g}");
        }
        for o in [
            "ARS",
            "Chartres métropole",
            "CCAS de Chartres",
            "Croix Rouge",
            "UNAFAM",
            "Communauté de communes du Pays de Vierzon",
        ] {
            assert!(!is_generic(o), "{o}");
        }
    }
}
