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

use crate::geo::is_dept_code;
use crate::text::{fold, is_acronym, Folded};
use cls_model::Mention;

/// Names that hold " et " and must never be split there, folded: the départements of the
/// reference data ("eure et loir") and the long forms of the type table ("protection
/// maternelle et infantile"), and "et/ou".
fn et_names() -> &'static [String] {
    static N: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    N.get_or_init(|| {
        crate::geo::departement_keys()
            .chain(crate::orgs::long_forms_with_et())
            .filter(|n| n.contains(" et "))
            .map(str::to_string)
            .chain(std::iter::once("et/ou".to_string()))
            .collect()
    })
}

const WORDS: &str = include_str!("../data/mentions.txt");

/// The word lists of `data/mentions.txt`, folded (see the file for what each is for).
struct WordLists {
    generic_start: Vec<String>,
    generic_end: Vec<String>,
    group_of_bodies: Vec<String>,
    body_head: Vec<String>,
    place_named_body: Vec<String>,
    territorial_word: Vec<String>,
    undecided: Vec<String>,
}

/// The word lists, read once.
fn word_lists() -> &'static WordLists {
    static W: std::sync::OnceLock<WordLists> = std::sync::OnceLock::new();
    W.get_or_init(|| parse_word_lists(WORDS))
}

fn parse_word_lists(text: &str) -> WordLists {
    let mut w = WordLists {
        generic_start: Vec::new(),
        generic_end: Vec::new(),
        group_of_bodies: Vec::new(),
        body_head: Vec::new(),
        place_named_body: Vec::new(),
        territorial_word: Vec::new(),
        undecided: Vec::new(),
    };
    let mut list = "";
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('=') {
            list = name.trim();
            continue;
        }
        let into = match list {
            "generic-start" => &mut w.generic_start,
            "generic-end" => &mut w.generic_end,
            "group-of-bodies" => &mut w.group_of_bodies,
            "body-head" => &mut w.body_head,
            "place-named-body" => &mut w.place_named_body,
            "territorial-word" => &mut w.territorial_word,
            "undecided" => &mut w.undecided,
            _ => continue,
        };
        into.push(phrase_key(line));
    }
    w
}

/// A phrase of `data/mentions.txt` as it is matched: folded, with the space that a final
/// "…" stands for (folding trims it).
fn phrase_key(line: &str) -> String {
    match line.strip_suffix('…') {
        Some(head) => format!("{} ", fold(head)),
        None => fold(line),
    }
}

/// Words that make the place or name after a territorial body's type a group of such
/// bodies ("CCAS intéressés", "hôpitaux du territoire"), folded.
pub(crate) fn group_of_bodies_words() -> &'static [String] {
    &word_lists().group_of_bodies
}

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
/// sports)" → "Ville de Blois". Mentions keep it as written (the unit is part of what the
/// cell says); a web page's list of leads names the bodies, so it drops it.
pub fn without_subunit(s: &str) -> String {
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

/// Capitalised nouns that open the name of a body: after a place that closed a name,
/// one of them starts the next mention of a cell that lost its separators.
const NEW_BODY_HEADS: &[&str] = &[
    "foyer",
    "association",
    "centre",
    "maison",
    "mission",
    "ville",
    "commune",
    "conseil",
    "caisse",
    "union",
    "federation",
    "comite",
    "institut",
    "office",
    "agence",
    "syndicat",
];

/// Cuts a piece that lost its separators into names.
fn segment(piece: &str) -> Vec<String> {
    let words: Vec<&str> = piece.split_whitespace().collect();
    if words.len() < 2 {
        return vec![piece.to_string()];
    }
    if let Some(units) = acronym_run(&words) {
        return units;
    }
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    let mut depth = 0i32;
    for (k, w) in words.iter().enumerate() {
        let cur = out.last().expect("one group");
        if depth == 0 && !cur.is_empty() && opens_new_name(&words, k, cur) {
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

/// A piece made only of acronym units, one mention each: "DSDEN CD28 CESEL", "Cesel 28
/// DSDEN28". `None` when a word is no such unit, or when there is only one unit.
fn acronym_run(words: &[&str]) -> Option<Vec<String>> {
    let mut units = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        // A short capitalised word with a département number: "Cesel 28".
        let short_with_number =
            starts_upper(w) && words.get(i + 1).is_some_and(|n| is_dept_code(n)) && w.len() <= 8;
        let n = match acronym_unit(words, i) {
            Some(n) => n,
            None if short_with_number => 2,
            None => return None,
        };
        units.push(words[i..i + n].join(" "));
        i += n;
    }
    (units.len() >= 2).then_some(units)
}

/// Whether word `k` of a piece that lost its separators starts a new name after `cur`, the
/// words of the name before it (at least one, outside parentheses).
fn opens_new_name(words: &[&str], k: usize, cur: &[&str]) -> bool {
    let (w, prev) = (words[k], words[k - 1]);
    ends_unit_after_dash(cur, w, prev)
        || body_head_after_place(words, k, cur)
        // After a closing parenthesis, a new capitalised name: "DSDEN (…) Communes".
        || (prev.ends_with(')') && starts_upper(w) && !is_dept_code(w))
        // After a département number, a new capitalised name: "Santé Escale 41 Agglopolys".
        || (is_dept_code(prev) && starts_upper(w) && !is_dept_code(w) && cur.len() >= 2)
        || body_acronym_after_name(cur, w, prev)
        || known_name_then_another(cur, w, &words[k..])
}

/// A word that links the words of one name ("de", "la", "pour"…), or a unit's dash.
fn is_linker(x: &str) -> bool {
    matches!(
        fold(x).as_str(),
        "de" | "du"
            | "des"
            | "la"
            | "le"
            | "les"
            | "l'"
            | "d'"
            | "et"
            | "en"
            | "a"
            | "au"
            | "aux"
            | "pour"
            | "sur"
            | "par"
    ) || x.contains(UNIT_DASH)
}

/// A unit written after a dash ends at the first capitalised word after its lower-case
/// words: "DSDEN – infirmières scolaires Mission Locale …".
fn ends_unit_after_dash(cur: &[&str], w: &str, prev: &str) -> bool {
    cur.iter().any(|c| c.contains(UNIT_DASH))
        && starts_upper(w)
        && !w.starts_with('(')
        && prev.starts_with(char::is_lowercase)
        && !is_linker(prev)
}

/// A new body's head right after a place that ends a name: "Mission Locale de
/// l'arrondissement de X Foyer d'Accueil …".
fn body_head_after_place(words: &[&str], k: usize, cur: &[&str]) -> bool {
    let (w, prev) = (words[k], words[k - 1]);
    starts_upper(w)
        && NEW_BODY_HEADS.contains(&fold(w).as_str())
        && starts_upper(prev)
        && cur.len() >= 3
        && k >= 2
        && (matches!(fold(words[k - 2]).as_str(), "de" | "du" | "d'" | "des")
            || fold(prev).starts_with("d'"))
}

/// A body acronym after a name of ordinary words: "… Lig'Air ARS".
fn body_acronym_after_name(cur: &[&str], w: &str, prev: &str) -> bool {
    let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
    let letters: String = bare.chars().take_while(|c| c.is_alphabetic()).collect();
    BODY_ACRONYMS.contains(&letters.as_str())
        && !w.starts_with('(')
        && !cur.iter().any(|c| is_acronym(c))
        && !cur.is_empty()
        && !matches!(
            fold(prev).as_str(),
            "de" | "du" | "des" | "la" | "le" | "l'" | "d'"
        )
}

/// A known national body followed by another name: "Mutualité Française Lig'Air"; not by
/// the place of its local branch ("Familles rurales Saône-et-Loire", "Maison des
/// adolescents Sud 77").
fn known_name_then_another(cur: &[&str], w: &str, rest: &[&str]) -> bool {
    static KNOWN_FOLDED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let known = KNOWN_FOLDED.get_or_init(|| KNOWN_NAMES.iter().map(|n| fold(n)).collect());
    starts_upper(w)
        && cur.len() <= 4
        && known.contains(&fold(&cur.join(" ")))
        && !crate::geo::starts_with_place(&rest.join(" "))
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

/// Whether a lead's cell says that the lead is not decided yet ("à définir", "NC"; see
/// `undecided` in `data/mentions.txt`).
pub fn is_undecided(nom: &str) -> bool {
    let t = fold(nom.trim().trim_end_matches(['.', '…']));
    word_lists()
        .undecided
        .iter()
        .any(|p| t == *p || (p.chars().count() > 3 && t.starts_with(p.as_str())))
}

/// Whether `text` reads as the name of an organisation by its first words: a type of the
/// type table ("Centre hospitalier de …", "CPAM du Gard"), a body's head word
/// ("Association …", "Maison …"), a known national name, an acronym, or a local
/// authority's word anywhere ("Grand Vérac Agglomération"). Used where a name stands
/// without a label (a title's trailing parenthesis), so it only looks, never splits.
pub fn names_a_body(text: &str) -> bool {
    let t = text.trim();
    let tf = fold(t);
    let w = word_lists();
    let first = t.split_whitespace().next().unwrap_or("");
    let first_f = fold(first);
    crate::orgs::opens_typed_body(&tf)
        || w.body_head.iter().any(|h| first_f.starts_with(h.as_str()))
        || KNOWN_NAMES.iter().any(|k| tf.starts_with(&fold(k)))
        || (first.chars().filter(|c| c.is_alphabetic()).count() >= 2 && is_acronym(first))
        || w.territorial_word.iter().any(|x| tf.contains(x.as_str()))
}

/// Whether the " et " between `left` and `right` joins two organisations rather than words
/// of one name.
fn et_splits(left: &str, right: &str) -> bool {
    let r = right.trim_start();
    let rf = fold(r);
    let lf = fold(left);
    if joins_known_name(&lf, &rf) {
        return false;
    }
    // "et d'industrie", "et du Sport", "et de la santé": the name goes on.
    if ["d'", "de ", "du ", "des ", "à ", "aux ", "au "]
        .iter()
        .any(|p| rf.starts_with(p))
    {
        return false;
    }
    let right_acronym = r.split_whitespace().next().is_some_and(is_acronym);
    let after_article = after_article(r, &rf);
    // "Union Nationale de Familles et Amis de …": nouns coordinated inside one name, unless
    // what follows is an acronym (another body).
    if coordinates_nouns(&lf, &rf) && after_article.is_none() && !right_acronym {
        return false;
    }
    // "CIAS et associations": a body, then a generic group of unnamed ones.
    if starts_upper(left.trim())
        && rf.split_whitespace().count() <= 3
        && is_generic(r)
        && !is_generic(left.trim())
    {
        return true;
    }
    if after_article.is_none() && !right_acronym && place_name_goes_on(&lf, &rf) {
        return false;
    }
    match after_article {
        Some(rest) => {
            starts_upper(rest)
                || rest.split_whitespace().next().is_some_and(is_acronym)
                || fold(rest).starts_with("association")
                || fold(rest).starts_with("commune")
        }
        None => starts_upper(r) || right_acronym,
    }
}

/// Whether " et " coordinates two places inside the name of a body named after its
/// territory ("PETR Causses et Vallée du Tarnon"): the left side is such a body (article
/// aside), and the right opens no other body. `lf` and `rf` are the two sides folded.
fn place_name_goes_on(lf: &str, rf: &str) -> bool {
    let w = word_lists();
    let left = ["le ", "la ", "les ", "l'"]
        .iter()
        .find_map(|a| lf.strip_prefix(a))
        .unwrap_or(lf);
    // The left side first: few mentions are bodies named after their territory.
    if !w
        .place_named_body
        .iter()
        .any(|h| left.starts_with(h.as_str()) && left.len() > h.len())
    {
        return false;
    }
    let first = rf.split_whitespace().next().unwrap_or("");
    let opens_body = w.body_head.iter().any(|h| first.starts_with(h.as_str()))
        || w.generic_start.iter().any(|g| rf.starts_with(g.trim_end()))
        || crate::orgs::opens_typed_body(rf)
        || w.territorial_word.iter().any(|t| rf.contains(t.as_str()));
    !opens_body
}

/// Whether the words around " et " belong to a name that holds it ("Eure et Loir",
/// "protection maternelle et infantile", "et/ou"). `lf` and `rf` are the two sides folded.
fn joins_known_name(lf: &str, rf: &str) -> bool {
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
    et_names().iter().any(|n| n.contains(&around)) || rf.starts_with("/ou")
}

/// Whether " et " joins two nouns inside one name: a "de" before the last word on its
/// left, a "de" further on its right ("de Familles et Amis de personnes …"), unless the
/// right opens the name of another body ("… de Chartres et Maison de santé de …").
fn coordinates_nouns(lf: &str, rf: &str) -> bool {
    let lw: Vec<&str> = lf.split_whitespace().collect();
    let rw: Vec<&str> = rf.split_whitespace().collect();
    lw.len() >= 2
        && matches!(lw[lw.len() - 2], "de" | "des" | "du" | "pour")
        && !lw[lw.len() - 1].chars().all(|c| c.is_ascii_digit())
        && rw.len() >= 3
        && rw.contains(&"de")
        && !rw.first().is_some_and(|w| {
            word_lists()
                .body_head
                .iter()
                .any(|h| w.starts_with(h.as_str()))
        })
}

/// The words of `r` after its leading article ("la CPAM" → "CPAM"); `rf` is `r` folded.
fn after_article<'r>(r: &'r str, rf: &str) -> Option<&'r str> {
    ["le ", "la ", "les ", "l'"]
        .iter()
        .find(|a| rf.starts_with(**a))
        // Counted in characters of the original: folding changes byte lengths ("l’").
        .map(|a| {
            let n = a.chars().count();
            r.char_indices().nth(n).map_or("", |(i, _)| &r[i..])
        })
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
        && prev
            .split_whitespace()
            .last()
            .map(|w| {
                w.strip_prefix("d'")
                    .or_else(|| w.strip_prefix("d’"))
                    .unwrap_or(w)
            })
            .is_some_and(starts_upper)
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
    // The place is after the last "de": "Programme … des villes de X".
    let head_end = pf.rfind(" de ").max(pf.rfind(" d'"))?;
    let head = &prev[..prev
        .char_indices()
        .nth(pf[..head_end].chars().count())
        .map(|x| x.0)
        .unwrap_or(prev.len())];
    let hf = fold(head);
    // A body of one commune ("CCAS de X", "Ville de X"), or a programme of several
    // ("Programme de Réussite Educative des villes de X, Y"), whose head repeats.
    let last = hf.split_whitespace().last().unwrap_or("");
    let commune_scoped = hf == "centre communal d'action sociale"
        || matches!(
            last,
            "ccas" | "ville" | "villes" | "mairie" | "mairies" | "commune" | "communes"
        );
    commune_scoped.then(|| {
        let vowel = fold(piece).starts_with(|c: char| "aeiouy".contains(c));
        if vowel {
            format!("{head} d'{piece}")
        } else {
            format!("{head} de {piece}")
        }
    })
}

/// The dash that joins a body to one of its units ("CCAS de X - Centre de santé", "DSDEN –
/// infirmières scolaires"): it stands for the written dash while cells are split, so that
/// the unit stays in its body's mention.
const UNIT_DASH: char = '\u{2012}';

/// Heads of a unit inside a body: after a dash they continue the mention before.
const UNIT_HEADS: &[&str] = &[
    "service ",
    "service d'",
    "centre de sante",
    "pole ",
    "direction ",
    "unite ",
    "antenne ",
    "cellule ",
    "equipe ",
];

/// The body a unit belongs to: "CCAS de X - Centre de santé polyvalent" → "CCAS de X". A
/// unit is one mention of its body, so it resolves to that body.
pub fn body_of_unit(s: &str) -> &str {
    for d in [" - ", " – "] {
        if let Some(i) = s.find(d) {
            let after = &s[i + d.len()..];
            let fa = fold(after);
            if after.starts_with(char::is_lowercase) || UNIT_HEADS.iter().any(|h| fa.starts_with(h))
            {
                return s[..i].trim();
            }
        }
    }
    s
}

/// Marks the dashes that introduce a unit (a lower-case phrase or a unit head) with
/// `UNIT_DASH`, keeping the dash written ("-" or "–") after it.
fn protect_unit_dashes(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(i) = rest.find([' ']) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let dash = ["– ", "- "]
            .iter()
            .find(|d| tail[1..].starts_with(**d))
            .copied();
        match dash {
            Some(d) if !out.trim().is_empty() => {
                let after = &tail[1 + d.len()..];
                let fa = fold(after);
                let unit = after.starts_with(char::is_lowercase)
                    || UNIT_HEADS.iter().any(|h| fa.starts_with(h));
                if unit {
                    out.push(' ');
                    out.push(UNIT_DASH);
                    out.push_str(d.trim_end());
                    out.push(' ');
                    rest = after;
                    continue;
                }
                out.push(' ');
                rest = &tail[1..];
            }
            _ => {
                out.push(' ');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// "Communes et CCAS de X, Y et Z": the bare "Communes" shares the places of the body
/// enumerated after it, so it names the communes X, Y and Z.
fn distribute_communes(pieces: Vec<(String, Option<String>)>) -> Vec<(String, Option<String>)> {
    let mut out = Vec::with_capacity(pieces.len());
    for (i, p) in pieces.iter().enumerate() {
        let bare = matches!(
            fold(strip_lead(&p.0).trim()).as_str(),
            "communes" | "villes"
        );
        let next = pieces.get(i + 1).filter(|n| n.1.is_none());
        let places: Vec<String> = match next {
            Some(n) if bare => {
                let follow: Vec<&String> = pieces[i + 2..]
                    .iter()
                    .map_while(|x| x.1.as_ref().map(|_| &x.0))
                    .collect();
                let nf = fold(&n.0);
                let first = match (nf.rfind(" de "), nf.rfind(" d'")) {
                    (Some(a), b) if b.is_none_or(|b| a > b) => Some(a + 4),
                    (_, Some(b)) => Some(b + 3),
                    _ => None,
                }
                .map(|at| n.0.chars().skip(nf[..at].chars().count()).collect());
                match first {
                    Some(f) if !follow.is_empty() => std::iter::once(f)
                        .chain(follow.into_iter().cloned())
                        .collect(),
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        if places.is_empty() {
            out.push(p.clone());
            continue;
        }
        for place in places {
            let vowel = fold(&place).starts_with(|c: char| "aeiouy".contains(c));
            let full = if vowel {
                format!("Commune d'{place}")
            } else {
                format!("Commune de {place}")
            };
            out.push((p.0.clone(), Some(full)));
        }
    }
    out
}

/// The mentions of a porteurs / partenaires / funders cell, as written, elliptic ones
/// expanded ("CCAS de X, Y" names "CCAS de X" and "CCAS de Y").
pub fn split_mentions(text: &str) -> Vec<String> {
    split_detailed(text)
        .into_iter()
        .map(|(n, forme)| forme.unwrap_or(n))
        .collect()
}

/// The slash of "et/ou" while a cell is split: it is a conjunction, not a separator.
const ET_OU_SLASH: char = '\u{2215}';

/// The mentions with, for elliptic ones, the full form they stand for.
fn split_detailed(text: &str) -> Vec<(String, Option<String>)> {
    let t = with_marked_separators(text);
    let mut pieces: Vec<(String, Option<String>)> = Vec::new();
    for p in split_top(&t, &[";", " / ", "/", " – ", " - ", "•"]) {
        let Some(p) = after_lower_case_unit(p, pieces.is_empty()) else {
            continue;
        };
        for c in comma_parts(&p) {
            for e in split_et(&c) {
                push_piece(&mut pieces, e.trim().to_string());
            }
        }
    }
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for (p, forme) in distribute_communes(pieces) {
        push_mentions(&mut out, &p, forme);
    }
    out
}

/// The cell with its line breaks and linking phrases ("en lien avec") as ";", the slash
/// of "et/ou" and the dashes of units marked so that no separator cuts there.
fn with_marked_separators(text: &str) -> String {
    let t = text
        // `ET_OU_SLASH`, written out so that no string is built for it.
        .replace("et/ou", "et\u{2215}ou")
        .replace('\n', " ; ")
        .replace(" en lien avec ", " ; ")
        .replace(" en partenariat avec ", " ; ")
        .replace(" avec l'appui de ", " ; ");
    protect_unit_dashes(&t)
}

/// "DSDEN – infirmières scolaires …": a lower-case sub-unit belongs to the body before it;
/// only a capitalised name after it is a new mention. `None` when the piece holds none.
/// The first piece of a cell (`first`) is kept whole.
fn after_lower_case_unit(p: String, first: bool) -> Option<String> {
    if first || !strip_lead(&p).starts_with(char::is_lowercase) {
        return Some(p);
    }
    let words: Vec<&str> = p.split_whitespace().collect();
    let start = (1..words.len()).find(|&i| {
        words[i].starts_with(char::is_uppercase)
            && !matches!(
                fold(words[i - 1]).as_str(),
                "de" | "du" | "des" | "la" | "le" | "l'" | "d'" | "et"
            )
    })?;
    Some(words[start..].join(" "))
}

/// The parts of a piece between commas, a part that goes on a name ("Conseil
/// d'Architecture, d'Urbanisme et d'Environnement") joined back to the one before.
fn comma_parts(p: &str) -> Vec<String> {
    let mut commas: Vec<String> = Vec::new();
    for c in split_top(p, &[","]) {
        let c = c.trim().to_string();
        if c.is_empty() {
            continue;
        }
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
    commas
}

/// Adds a piece to those of the cell. A place that continues the previous mention ("Lucé"
/// after "CCAS de Chartres") stands for that body in that place, or, when the previous
/// mention has no head to repeat, is joined to it.
fn push_piece(pieces: &mut Vec<(String, Option<String>)>, e: String) {
    let continuation = pieces.last().and_then(|last| {
        let prev = last.1.as_deref().unwrap_or(&last.0);
        is_place_continuation(&e, prev).then(|| expand_place(&e, prev))
    });
    match continuation {
        None => pieces.push((e, None)),
        // Written "Lucé", standing for "CCAS de Lucé".
        Some(Some(full)) => pieces.push((e, Some(full))),
        Some(None) => {
            if let Some(l) = pieces.last_mut() {
                l.0.push_str(", ");
                l.0.push_str(&e);
            }
        }
    }
}

/// Adds the mentions of one piece: leads and end punctuation cut, a trailing "etc." kept
/// as a mention of its own, a piece that lost its separators cut into names.
fn push_mentions(out: &mut Vec<(String, Option<String>)>, p: &str, forme: Option<String>) {
    let p = strip_lead(p);
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
        return;
    }
    if !p.is_empty() {
        let segs = if forme.is_some() {
            vec![p.clone()]
        } else {
            segment(&p)
        };
        for s in segs {
            let s = finished_segment(&s);
            if !s.is_empty() {
                out.push((s, forme.clone()));
            }
        }
    }
    if etc {
        out.push(("etc.".to_string(), None));
    }
}

/// A segment without the "ou" or "et" of a lost line break ("Vie37 ou"), its marks of
/// `with_marked_separators` undone.
fn finished_segment(s: &str) -> String {
    let s = s.trim();
    s.strip_suffix(" ou")
        .or_else(|| s.strip_suffix(" et"))
        .unwrap_or(s)
        .trim()
        .replace(ET_OU_SLASH, "/")
        .replace(UNIT_DASH, "")
}

/// Mentions of a cell, ready for the model (ids are given by the organisation registry).
pub fn mentions(text: &str) -> Vec<Mention> {
    split_detailed(text)
        .into_iter()
        .map(|(nom, forme)| Mention {
            // The expanded form is what the cell names; it is also what the registry sees
            // when it reads the document back.
            nom: forme.unwrap_or(nom),
            organisation_id: None,
            forme: None,
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
    if names_communes(nom, f) {
        return false;
    }
    let lists = word_lists();
    let starts_lower = nom.trim().chars().next().is_some_and(char::is_lowercase);
    let words: Vec<&str> = nom.split_whitespace().collect();
    // A phrase of common nouns only ("promoteur du pôle gare", "à élargir aux autres
    // thématiques"): no proper name, no acronym, so no one body.
    (starts_lower && common_words_only(&words))
        || plural_category(&words)
        || lists.generic_start.iter().any(|h| f.starts_with(h.as_str()))
        || lists.generic_end.iter().any(|t| f.ends_with(t.as_str()))
        // "maisons France Services": a few words, the first in lower case, ending in a plural.
        || (starts_lower
            && !is_acronym(words.first().copied().unwrap_or(""))
            && f.split_whitespace().count() <= 4
            && f.ends_with('s'))
        || matches!(f, "ccas" | "communes" | "villes" | "mairies")
}

/// "Communes de X": the communes named, one by one, not a group of unnamed ones. `f` is
/// `nom` folded.
fn names_communes(nom: &str, f: &str) -> bool {
    ["communes de ", "communes d'", "villes de ", "villes d'"]
        .iter()
        .find(|h| f.starts_with(**h))
        .is_some_and(|h| {
            nom.trim()
                .chars()
                .nth(h.chars().count())
                .is_some_and(char::is_uppercase)
        })
}

/// Whether words hold neither an acronym nor a capitalised word after the first: no
/// proper name.
fn common_words_only(words: &[&str]) -> bool {
    !words.iter().any(|w| is_acronym(w)) && !words.iter().skip(1).any(|w| starts_upper(w))
}

/// "Intervenants extérieurs", "Bénévoles formés": a capitalised plural noun and lower-case
/// words, a category of people or bodies.
fn plural_category(words: &[&str]) -> bool {
    (2..=3).contains(&words.len())
        && common_words_only(words)
        && words
            .iter()
            .filter(|w| !matches!(fold(w).as_str(), "de" | "du" | "des" | "d'" | "a" | "en"))
            .all(|w| w.ends_with('s') || w.ends_with('x'))
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
            ("Familles rurales Saône-et-Loire", &["Familles rurales Saône-et-Loire"]),
            ("Maison des adolescents Sud 77", &["Maison des adolescents Sud 77"]),
            ("Chambre de commerce et d'industrie", &["Chambre de commerce et d'industrie"]),
            ("Protection Maternelle et Infantile (PMI), CAF", &["Protection Maternelle et Infantile (PMI)", "CAF"]),
            ("Protection maternelle et infantile et CPAM", &["Protection maternelle et infantile", "CPAM"]),
            ("Association pour le Développement de la Médecine et du Sport d'Eure et Loir (ADMS)", &["Association pour le Développement de la Médecine et du Sport d'Eure et Loir (ADMS)"]),
            ("Communes et CCAS de Chartres, Lucé et Mainvilliers", &["Commune de Chartres", "Commune de Lucé", "Commune de Mainvilliers", "CCAS de Chartres", "CCAS de Lucé", "CCAS de Mainvilliers"]),
            ("Trois communes : Chartres, Lucé et Mainvilliers, et CGET", &["Trois communes : Chartres", "Lucé", "Mainvilliers", "CGET"]),
            ("DSDEN – infirmières scolaires Mission Locale de l'arrondissement de Chartres", &["DSDEN – infirmières scolaires", "Mission Locale de l'arrondissement de Chartres"]),
            ("Financement CCAS de Chartres ; Contrat de Ville", &["CCAS de Chartres", "Contrat de Ville"]),
            ("Cesel 28 / CAARUD / CICAT / CCAS de Chartres (centre pluridisciplinaire de soins) / DSDEN 28", &["Cesel 28", "CAARUD", "CICAT", "CCAS de Chartres (centre pluridisciplinaire de soins)", "DSDEN 28"]),
            ("Mobiliser la Croix Rouge, DSDEN", &["Croix Rouge", "DSDEN"]),
            ("Chartres métropole, les entreprises intéressées, les communes, etc.", &["Chartres métropole", "entreprises intéressées", "communes", "etc."]),
            ("CCAS, Chartres métropole, hôpitaux, etc ;", &["CCAS", "Chartres métropole", "hôpitaux", "etc."]),
            ("Le CD 28 et la CPAM, MDA", &["CD 28", "CPAM", "MDA"]),
            ("Fédération Familles Rurales d'Eure-et-Loir, en lien avec l'ADMR", &["Fédération Familles Rurales d'Eure-et-Loir", "ADMR"]),
            ("Chartres métropole en lien avec l'URPS", &["Chartres métropole", "URPS"]),
            ("ARS – CPTS – URPS – Chartres métropole", &["ARS", "CPTS", "URPS", "Chartres métropole"]),
            ("CCAS de Chartres - Centre de santé polyvalent", &["CCAS de Chartres - Centre de santé polyvalent"]),
            ("le Centre Intercommunal d'Action Sociale du Blaisois", &["Centre Intercommunal d'Action Sociale du Blaisois"]),
            ("la Ville de Blois (service des sports) et le Centre intercommunal d'action sociale du Blaisois", &["Ville de Blois (service des sports)", "Centre intercommunal d'action sociale du Blaisois"]),
            ("Santé Escale 41 Agglopolys et Ville de Blois (direction veille territoriale, solidarité)", &["Santé Escale 41", "Agglopolys", "Ville de Blois (direction veille territoriale, solidarité)"]),
            ("l'Union Nationale de Familles et Amis de personnes Malades et/ou handicapées psychiques et le Groupement d'Entraide Mutuelle AMILA", &["Union Nationale de Familles et Amis de personnes Malades et/ou handicapées psychiques", "Groupement d'Entraide Mutuelle AMILA"]),
            ("Agglopolys, le CIAS du Blaisois et le Centre Hospitalier Simone Veil de Blois", &["Agglopolys", "CIAS du Blaisois", "Centre Hospitalier Simone Veil de Blois"]),
            // Bodies named after their territory coordinate places inside their name.
            ("PETR Causses et Vallée du Tarnon", &["PETR Causses et Vallée du Tarnon"]),
            ("Communauté de communes des Puys et Volcans du Nord", &["Communauté de communes des Puys et Volcans du Nord"]),
            ("CPTS Vignoble et Coteaux, MSA", &["CPTS Vignoble et Coteaux", "MSA"]),
            ("CPTS Vignoble et Hôpital local de Brissac", &["CPTS Vignoble", "Hôpital local de Brissac"]),
            ("Communauté de communes du Val et Mission locale du Val", &["Communauté de communes du Val", "Mission locale du Val"]),
            ("Pays du Bocage et la CPAM", &["Pays du Bocage", "CPAM"]),
            ("CPTS La Salamandre et Agglopolys", &["CPTS La Salamandre", "Agglopolys"]),
            ("CPTS Sud et Arvelle Agglomération", &["CPTS Sud", "Arvelle Agglomération"]),
            ("Chartres métropole Eau (CMEau) et Chartres métropole (Service Maîtrise d'ouvrage-usages de la Direction du Cycle de l'Eau)", &["Chartres métropole Eau (CMEau)", "Chartres métropole (Service Maîtrise d'ouvrage-usages de la Direction du Cycle de l'Eau)"]),
            ("DSDEN (infirmières et médecins EN) Communes et CCAS de Chartres, Lucé et Mainvilliers", &["DSDEN (infirmières et médecins EN)", "Communes", "CCAS de Chartres", "CCAS de Lucé", "CCAS de Mainvilliers"]),
        ];
        for (text, want) in cases {
            assert_eq!(
                s(text),
                want.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                "{text}"
            );
        }
    }

    /// Elliptic lists name each body in full: the head repeats for every place.
    #[test]
    fn elliptic_places_are_expanded() {
        let cases: &[(&str, &[&str])] = &[
            (
                "CCAS de Kerbrun, Lanvéoc et Plouzar",
                &["CCAS de Kerbrun", "CCAS de Lanvéoc", "CCAS de Plouzar"],
            ),
            (
                "Ville de Montfleury, Arles-sur-Tech",
                &["Ville de Montfleury", "Ville d'Arles-sur-Tech"],
            ),
            (
                "Communes de Vaudrey, Mouchard",
                &["Communes de Vaudrey", "Communes de Mouchard"],
            ),
            (
                "Programme de Réussite Educative des villes de Sorgues, Bédarrides",
                &[
                    "Programme de Réussite Educative des villes de Sorgues",
                    "Programme de Réussite Educative des villes de Bédarrides",
                ],
            ),
            (
                "Communes et CCAS d'Aubrac et Laguiole",
                &[
                    "Commune d'Aubrac",
                    "Commune de Laguiole",
                    "CCAS d'Aubrac",
                    "CCAS de Laguiole",
                ],
            ),
            // No head to repeat: a body and a place stay one mention.
            (
                "Association Les Amis de Castelnau, Peyrelade",
                &["Association Les Amis de Castelnau, Peyrelade"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                s(text),
                want.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                "{text}"
            );
            assert!(mentions(text).iter().all(|m| m.forme.is_none()), "{text}");
        }
    }

    /// A unit written after a dash is one mention of its body; a body after a dash is
    /// another mention. Cells that lost a line break are cut at the next body.
    #[test]
    fn units_dashes_and_lost_breaks() {
        let cases: &[(&str, &[&str])] = &[
            (
                "CCAS de Kerbrun - centre de santé polyvalent",
                &["CCAS de Kerbrun - centre de santé polyvalent"],
            ),
            (
                "CIAS du Lauragais – Service d'aide à domicile (SAAD)",
                &["CIAS du Lauragais – Service d'aide à domicile (SAAD)"],
            ),
            (
                "DSDEN 59 – médecins scolaires",
                &["DSDEN 59 – médecins scolaires"],
            ),
            ("ARS – CPAM – MSA", &["ARS", "CPAM", "MSA"]),
            (
                "Mairie de Saint-Lys - Pôle solidarités",
                &["Mairie de Saint-Lys - Pôle solidarités"],
            ),
            (
                "Mission locale du pays de Brie Foyer des Jeunes Travailleurs",
                &[
                    "Mission locale du pays de Brie",
                    "Foyer des Jeunes Travailleurs",
                ],
            ),
            (
                "Centre hospitalier Jean Moulin",
                &["Centre hospitalier Jean Moulin"],
            ),
            ("Solidarité Vosges ou", &["Solidarité Vosges"]),
            ("CIAS et associations", &["CIAS", "associations"]),
        ];
        for (text, want) in cases {
            assert_eq!(
                s(text),
                want.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                "{text}"
            );
        }
        assert_eq!(
            body_of_unit("CCAS de Kerbrun - centre de santé"),
            "CCAS de Kerbrun"
        );
        assert_eq!(
            body_of_unit("Promotion Santé - Normandie"),
            "Promotion Santé - Normandie"
        );
    }

    #[test]
    fn typographic_apostrophe_after_et_does_not_panic() {
        // Regression: a byte offset of the folded text ("l'") was used on "l’ARS".
        let m = mentions("Maison des solidarités de Laval et l’ARS");
        assert!(m.iter().any(|x| x.nom.contains("ARS")), "{m:?}");
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
            "Aucun",
            "à définir",
            "A déterminer",
            "Intervenants extérieurs",
            "Bénévoles formés",
            "promoteur du pôle gare",
            "à élargir aux autres thématiques (éducation, emploi)",
            "Coordonnateur à mi-temps",
            "Non concerné",
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
            "Etat",
            "CIAS",
            "Communes de Vaudrey",
            "Familles Rurales",
            "Bretagne Vivante",
        ] {
            assert!(!is_generic(o), "{o}");
        }
    }

    /// Every list of `data/mentions.txt` is read, and a final "…" keeps the space it stands
    /// for.
    #[test]
    fn word_lists_are_read() {
        let w = word_lists();
        for list in [
            &w.generic_start,
            &w.generic_end,
            &w.group_of_bodies,
            &w.body_head,
        ] {
            assert!(!list.is_empty());
        }
        assert!(w.generic_start.iter().any(|h| h == "tous "));
        assert!(is_generic("Tous les partenaires"));
        assert!(!is_generic("Toussaint Louverture"));
    }
}
