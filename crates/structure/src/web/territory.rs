//! The territory of a web page: the name the page gives after "Contrat local de santé de
//! …" and the like, scored by how often it recurs, completed by the publisher's own name
//! when the publisher is the territory.

use crate::{f, patterns};
use cls_extract::{HtmlDocument, HtmlKind};

/// Territory: the noun phrase after "Contrat local de santé de …", "territoire(s) de …",
/// "collectivités de …", scored by how often it recurs in the page, title and h1 first.
pub(super) fn territory(html: &HtmlDocument) -> Option<String> {
    // A page names its territory in its first blocks; the rest only repeats it.
    let texts: Vec<&str> = html
        .title
        .iter()
        .map(String::as_str)
        .chain(html.blocks.iter().take(80).map(|b| b.text.as_str()))
        .collect();
    let fall = f(&texts.join(" \n "));
    let mut cands = names_after_triggers(&texts);
    add_recurring_names(&texts, &mut cands);
    score_candidates(html, &texts, &fall, &mut cands);
    cands.retain(|c| {
        c.1 > 0.0
            && !matches!(
                f(&c.0).as_str(),
                "sante" | "l'ars" | "ars" | "la sante" | "france"
            )
    });
    cands.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.len().cmp(&b.0.len())));
    let best = cands.into_iter().next().map(|c| c.0);
    publisher(html, best.as_deref(), &fall).or(best)
}

/// A candidate name of the territory and its score.
type Candidate = (String, f64);

/// The noun phrases after "Contrat local de santé de …" and the like, one point each
/// time a name is met (names compared folded).
fn names_after_triggers(texts: &[&str]) -> Vec<Candidate> {
    let trig = patterns::avant_territoire();
    let mut cands: Vec<Candidate> = Vec::new();
    for t in texts {
        for m in trig.find_iter(t) {
            if let Some(name) = proper_phrase(&t[m.end()..]) {
                if let Some(c) = cands.iter_mut().find(|c| f(&c.0) == f(&name)) {
                    c.1 += 1.0;
                } else {
                    cands.push((name, 1.0));
                }
            }
        }
    }
    cands
}

/// Standalone proper names of a metropolis or an agglomeration that recur ("Chartres
/// métropole agit …", "Agglopolys"), half a point each, from the title and the first
/// blocks: the page names its territory early.
fn add_recurring_names(texts: &[&str], cands: &mut Vec<Candidate>) {
    let name_re = patterns::nom_territoire();
    let head = texts
        .iter()
        .take(40)
        .copied()
        .collect::<Vec<_>>()
        .join(" \n ");
    for c in name_re.captures_iter(&head) {
        let n = c[1].to_string();
        if n.split_whitespace().count() >= 2 || n.len() > 6 {
            let lower = f(&n);
            if lower.contains("metropole") || lower.contains("agglo") {
                if let Some(x) = cands.iter_mut().find(|x| f(&x.0) == lower) {
                    x.1 += 0.5;
                } else {
                    cands.push((n, 0.5));
                }
            }
        }
    }
}

/// Scores each candidate by how often the page (folded, `fall`) names it, with a bonus
/// when the `<h1>` or the `<title>` does.
fn score_candidates(html: &HtmlDocument, texts: &[&str], fall: &str, cands: &mut [Candidate]) {
    let h1 = html
        .blocks
        .iter()
        .find(|b| b.kind == HtmlKind::Heading(1))
        .map(|b| f(&b.text))
        .unwrap_or_default();
    let title = html.title.as_deref().map(f).unwrap_or_default();
    for c in cands {
        let k = f(&c.0);
        c.1 += fall.matches(&k).count() as f64;
        if h1.contains(&k) || title.contains(&k) {
            c.1 += 3.0;
        }
        // "A titre d'exemple le CLS de …": a territory named only where the page gives an
        // example of another contract is not this page's.
        let mentioned: Vec<String> = texts
            .iter()
            .map(|t| f(t))
            .filter(|t| t.contains(&k))
            .collect();
        if !mentioned.is_empty() && mentioned.iter().all(|t| t.contains("exemple")) {
            c.1 -= 10.0;
        }
    }
}

/// Words that open the name of a local authority or of a group of them.
const TERRITORIAL_HEADS: &[&str] = &[
    "communaute",
    "commune",
    "ville",
    "mairie",
    "pays",
    "metropole",
    "agglomeration",
    "syndicat",
    "petr",
    "pole",
    "departement",
    "conseil",
    "cc",
    "ca",
];

/// The publisher's full name when it is the territory: a collectivity's site names itself
/// in `og:site_name` or at the end of its `<title>` ("… | Communauté de communes des X"),
/// which is the complete form of a shorter name found in the text ("X"). An agency or a
/// State service publishing the contract of someone else is not the territory.
fn publisher(html: &HtmlDocument, best: Option<&str>, page: &str) -> Option<String> {
    if let Some(n) = site_name(html, best, page) {
        return Some(n);
    }
    if let Some(b) = best {
        if let Some(n) = full_name_in_h1(html, b) {
            return Some(n);
        }
    }
    // "La Ville de X", "la Commune de X": a municipality names itself in its text.
    if best.is_none() {
        let town = patterns::ville();
        let texts = html.blocks.iter().take(40).map(|b| b.text.as_str());
        if let Some(c) = texts.filter_map(|t| town.captures(t)).next() {
            return Some(c[1].to_string());
        }
    }
    None
}

/// The name of a local authority that the site gives itself (`og:site_name`, then the
/// parts of the `<title>`) when it is this page's territory (see `publisher`).
fn site_name(html: &HtmlDocument, best: Option<&str>, page: &str) -> Option<String> {
    let sep = patterns::separateur_titre();
    let from_site = html.site_name.iter().map(|n| (n.clone(), true));
    let from_title = html.title.iter().flat_map(|t| {
        sep.split(t)
            .map(|x| (x.trim().to_string(), false))
            .collect::<Vec<_>>()
    });
    let titles = folded_titles(html);
    for (n, site) in from_site.chain(from_title) {
        let k = f(&n);
        let head = k.split([' ', '\'']).next().unwrap_or("");
        if k.is_empty() || is_agency(&k) || !TERRITORIAL_HEADS.contains(&head) || k.len() > 120 {
            continue;
        }
        if k.contains("contrat local") || (k.contains("sante") && !k.contains("pays")) {
            continue;
        }
        // The name must be this page's (named by the page itself); the site's own name
        // replaces a name found in the text when it is its full form, or when the titles
        // do not back that name.
        if !(page.contains(&k) || titles.contains(&k)) {
            continue;
        }
        match best {
            None => return Some(n),
            Some(b) if site => {
                let fb = f(b);
                if k.contains(&fb) || !titles.contains(&fb) {
                    return Some(n);
                }
            }
            Some(_) => {}
        }
    }
    None
}

/// Whether a folded name is an agency's or a State service's (they publish the contracts
/// of territories).
fn is_agency(k: &str) -> bool {
    [
        "agence",
        "ars ",
        "ministere",
        "prefecture",
        "sante.fr",
        "gouvernement",
        "portail",
    ]
    .iter()
    .any(|a| k.starts_with(a))
        || k.contains("agence regionale de sante")
}

/// The page's `<title>`, `og:title` and `<h1>` headings, folded, in one string.
fn folded_titles(html: &HtmlDocument) -> String {
    let h1 = html
        .blocks
        .iter()
        .filter(|b| b.kind == HtmlKind::Heading(1))
        .map(|b| f(&b.text))
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "{} {} {h1}",
        html.title.as_deref().map(f).unwrap_or_default(),
        html.og_title.as_deref().map(f).unwrap_or_default()
    )
}

/// The territory `best` in full as the page's heading names it ("… de la Communauté de
/// communes des X" where the text says "X").
fn full_name_in_h1(html: &HtmlDocument, best: &str) -> Option<String> {
    let prefix = patterns::collectivite();
    for h in html
        .blocks
        .iter()
        .filter(|x| x.kind == HtmlKind::Heading(1))
    {
        for m in prefix.find_iter(&h.text) {
            if let Some(phrase) = proper_phrase(&h.text[m.end()..]) {
                if f(&phrase) == f(best) {
                    return Some(format!("{}{phrase}", m.as_str()));
                }
            }
        }
    }
    None
}

/// A capitalised noun phrase at the start of `s` ("Pays de Chaumont, …" → "Pays de
/// Chaumont"; "Chartres métropole agit" → "Chartres métropole").
fn proper_phrase(s: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for (i, w) in s.split_whitespace().enumerate() {
        let clean = w.trim_end_matches([',', '.', ';', ':', ')', '»']);
        let first_upper = clean.chars().next().is_some_and(char::is_uppercase);
        let lf = f(clean);
        let connector = matches!(
            lf.as_str(),
            "de" | "du" | "des" | "la" | "le" | "et" | "sur" | "en" | "l'" | "d'"
        ) || lf.starts_with("d'")
            && clean.chars().nth(2).is_some_and(char::is_uppercase);
        let territorial = matches!(
            lf.as_str(),
            "metropole" | "agglomeration" | "communaute" | "communes" | "agglo"
        );
        if first_upper || territorial || (connector && i > 0) {
            words.push(clean);
        } else {
            break;
        }
        if clean.len() != w.len() {
            break;
        }
        if words.len() > 8 {
            break;
        }
    }
    while words.last().is_some_and(|w| {
        matches!(
            f(w).as_str(),
            "de" | "du" | "des" | "la" | "le" | "et" | "sur" | "en" | "l'" | "d'"
        )
    }) {
        words.pop();
    }
    let phrase = words.join(" ");
    (!phrase.is_empty() && phrase.chars().next().is_some_and(char::is_uppercase)).then_some(phrase)
}
