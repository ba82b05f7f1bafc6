//! The territory of a web page: the name the page gives after "Contrat local de santé de
//! …" and the like, scored by how often it recurs, completed by the publisher's own name
//! when the publisher is the territory.

use super::labels::{block_names_a_lead, names_a_lead};
use crate::{f, patterns};
use cls_extract::{HtmlBlock, HtmlDocument, HtmlKind};
use regex::Regex;

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
    let own = own_voice_blocks(html);
    let mut cands = names_after_triggers(&own_texts(html, &own));
    add_recurring_names(&texts, &mut cands);
    score_candidates(html, &texts, &fall, &mut cands);
    cands.retain(|c| {
        c.1 > 0.0
            && crate::names_a_proper_name(&c.0)
            && !matches!(
                f(&c.0).as_str(),
                "sante"
                    | "l'ars"
                    | "ars"
                    | "la sante"
                    | "france"
                    | "agglomeration"
                    | "l'agglomeration"
                    | "metropole"
                    | "la metropole"
                    | "communaute de communes"
                    | "la communaute de communes"
                    | "ville"
                    | "la ville"
                    | "pays"
                    | "le pays"
                    | "territoire"
                    | "le territoire"
            )
    });
    cands.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.len().cmp(&b.0.len())));
    let best = cands.into_iter().next().map(|c| c.0);
    // The first 40 blocks name the publisher.
    let head: Vec<&HtmlBlock> = own.iter().filter(|(k, _)| *k < 40).map(|x| x.1).collect();
    let found = publisher(html, &head, best.as_deref(), &fall).or(best);
    let named = authority_named(html, &own, &fall, patterns::collectivite())
        .or_else(|| authority_named(html, &own, &fall, patterns::pays()));
    match (found, named) {
        (None, None) => publisher_by_name(html),
        (None, n) => n,
        (Some(b), Some(n)) if is_fuller_form(&n, &b) => Some(n),
        (b, _) => b,
    }
    .map(|n| {
        let n = spelled_out(&n);
        cls_normalize::communes::without_council_title(without_cosignatory(&n)).to_string()
    })
}

/// A name read on until its co-signatory ("la Communauté de communes du X et l'ARS Pays
/// de la Loire ont signé"): cut before " et " when an article and a body follow. Places
/// joined by "et" ("Pays de la Haute-Asse et du Verdon") stay whole.
fn without_cosignatory(n: &str) -> &str {
    for (k, _) in n.match_indices(" et ") {
        let rest = &n[k + 4..];
        let body = ["l'", "l’", "la ", "le ", "les "]
            .iter()
            .find_map(|a| rest.strip_prefix(a))
            .is_some_and(cls_normalize::mentions::names_a_body);
        if body {
            return n[..k].trim_end();
        }
    }
    n
}

/// The site's own name (`og:site_name`, or its logo's text) when it names a local
/// authority and the page names no territory at all: "Ville de X" on a page that only says
/// "la Ville".
fn publisher_by_name(html: &HtmlDocument) -> Option<String> {
    let n = html.site_name.as_deref()?;
    let k = f(n);
    let head = k.split([' ', '\'']).next().unwrap_or("");
    (TERRITORIAL_HEADS.contains(&head) && !is_agency(&k) && k.len() < 120).then(|| n.to_string())
}

/// The local authority the page names in its titles and first blocks, in its own voice:
/// a kind and a name ("Communauté de communes des Vallons de la Seillonne", "Ville de X",
/// "PETR du Y") or a name and its kind ("Arvelle Agglomération"), scored by how often the
/// page names it, with a bonus when the titles or the site's name carry its name. The
/// signatory is named in full where the reader that follows the page's triggers finds
/// nothing, or only a short form. `kinds` finds the kinds (`patterns::collectivite`, then
/// `patterns::pays`, whose short names would otherwise outscore the full ones).
fn authority_named(
    html: &HtmlDocument,
    own: &[(usize, &HtmlBlock)],
    fall: &str,
    kinds: &Regex,
) -> Option<String> {
    let sep = patterns::separateur_titre();
    let titles: Vec<&str> = html
        .title
        .iter()
        .flat_map(|t| sep.split(t).map(str::trim).collect::<Vec<_>>())
        .chain(html.site_name.iter().map(String::as_str))
        .chain(html.og_title.iter().map(String::as_str))
        .collect();
    let folded_titles = f(&titles.join(" | "));
    let lines = own
        .iter()
        .filter(|(k, _)| *k < 40)
        .flat_map(|(_, b)| b.lines.iter().flatten().map(String::as_str))
        .filter(|l| !names_a_lead(l));
    let mut cands: Vec<Candidate> = Vec::new();
    for t in titles.iter().copied().chain(lines) {
        for name in authority_phrases(t, kinds) {
            let k = f(&name);
            if is_agency(&k) || cands.iter().any(|c| f(&c.0) == k) {
                continue;
            }
            let core = name_core(&name).unwrap_or_else(|| k.clone());
            let mut score = fall.matches(&k).count() as f64;
            if core.len() >= 4 && folded_titles.contains(&core) {
                score += 3.0;
            }
            cands.push((name, score));
        }
    }
    cands.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.len().cmp(&a.0.len())));
    cands.into_iter().find(|c| c.1 >= 1.0).map(|c| c.0)
}

/// The names of local authorities in a line: a kind followed by a proper name, or a
/// proper name followed by its kind.
fn authority_phrases(t: &str, kinds: &Regex) -> Vec<String> {
    let mut out = Vec::new();
    // "CC Plateau de X" in a title: the kind spelled out first.
    let t = &spelled_out(t.trim());
    for m in kinds.find_iter(t) {
        if let Some(phrase) = proper_phrase(&t[m.end()..]) {
            out.push(format!("{}{phrase}", m.as_str()));
        }
    }
    for c in patterns::nom_territoire().captures_iter(t) {
        let n = &c[1];
        let k = f(n);
        if n.contains(char::is_whitespace)
            && (k.ends_with("agglomeration") || k.ends_with("metropole"))
        {
            out.push(n.to_string());
        }
    }
    for c in patterns::nom_puis_genre().captures_iter(t) {
        let n = c[1].to_string();
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// Whether `full` names the territory `short` in full: the same name with its kind, a kind
/// where `short` has another word order ("Pays de Sablonne Agglomération" for
/// "Communauté d'agglomération du Pays de Sablonne"), or `short` is its first words.
fn is_fuller_form(full: &str, short: &str) -> bool {
    let (kf, ks) = (f(full), f(short));
    let Some(core) = name_core(full) else {
        return false;
    };
    // "Parc" for "Parc naturel régional des X", "Plateau" for "… du Plateau de X": a
    // name cut short.
    let cut_short = ks.len() >= 4
        && name_core(short).is_none()
        && (kf.starts_with(&format!("{ks} ")) || core.starts_with(&format!("{ks} ")));
    kf != ks && core.len() >= 4 && kf.len() > core.len() && (ks.contains(&core) || cut_short)
}

/// A territory's name with its kind spelled out: "CC du Val" is "Communauté de communes du
/// Val", as the contract names its signatory.
fn spelled_out(name: &str) -> String {
    const KINDS: &[(&str, &str)] = &[
        ("CC ", "Communauté de communes "),
        ("CdC ", "Communauté de communes "),
        ("CA ", "Communauté d'agglomération "),
        ("CU ", "Communauté urbaine "),
    ];
    KINDS
        .iter()
        .find_map(|(short, long)| name.strip_prefix(short).map(|rest| format!("{long}{rest}")))
        .unwrap_or_else(|| name.to_string())
}

/// A candidate name of the territory and its score.
type Candidate = (String, f64);

/// Whether a block speaks in the page's own name: not a table row nor a lead ("Porteur :
/// Syndicat mixte du X"), where the names are the actions' partners.
fn own_voice(b: &HtmlBlock) -> bool {
    b.kind != HtmlKind::TableRow && !block_names_a_lead(b)
}

/// The first 80 blocks of the page in its own voice, with their rank in the page.
fn own_voice_blocks(html: &HtmlDocument) -> Vec<(usize, &HtmlBlock)> {
    html.blocks
        .iter()
        .take(80)
        .enumerate()
        .filter(|(_, b)| own_voice(b))
        .collect()
}

/// The `<title>` and the lines of the blocks in the page's own voice (a name never runs
/// over a line break), without the lines that name a lead.
fn own_texts<'a>(html: &'a HtmlDocument, own: &[(usize, &'a HtmlBlock)]) -> Vec<&'a str> {
    html.title
        .iter()
        .map(String::as_str)
        .chain(
            own.iter()
                .flat_map(|(_, b)| b.lines.iter().flatten().map(String::as_str))
                .filter(|l| !names_a_lead(l)),
        )
        .collect()
}

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
    let folded: Vec<String> = texts.iter().map(|t| f(t)).collect();
    for c in cands {
        let k = f(&c.0);
        c.1 += fall.matches(&k).count() as f64;
        if h1.contains(&k) || title.contains(&k) {
            c.1 += 3.0;
        }
        // "A titre d'exemple le CLS de …": a territory named only where the page gives an
        // example of another contract is not this page's.
        let mentioned: Vec<&String> = folded.iter().filter(|t| t.contains(&k)).collect();
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
fn publisher(
    html: &HtmlDocument,
    head: &[&HtmlBlock],
    best: Option<&str>,
    page: &str,
) -> Option<String> {
    if let Some(n) = site_name(html, best, page) {
        return Some(n);
    }
    if let Some(b) = best {
        if let Some(n) = fuller_form(html, head, b) {
            return Some(n);
        }
    }
    // "La Ville de X", "la Commune de X": a municipality names itself in its text.
    if best.is_none() {
        let town = patterns::ville();
        let texts = head.iter().map(|b| b.text.as_str());
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
        // The name must be this page's (named by the page itself, or by its titles without
        // its kind: "Cœur de X" in the title of the site "Communauté de communes Cœur de
        // X"); the site's own name replaces a name found in the text when it is its full
        // form, or when the titles do not back that name.
        let core = site.then(|| name_core(&n)).flatten();
        let named = page.contains(&k)
            || titles.contains(&k)
            || core.is_some_and(|c| c.len() >= 8 && titles.contains(&c));
        if !named {
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

/// A local authority's name without its kind and article ("Communauté de communes du X"
/// → "x"), folded; `None` when it does not start with a kind.
fn name_core(name: &str) -> Option<String> {
    let m = patterns::collectivite()
        .find(name)
        .filter(|m| m.start() == 0)?;
    Some(f(name[m.end()..].trim())).filter(|c| !c.is_empty())
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

/// The territory `best` in full, as the page also names it: its `<title>`, `og:site_name`,
/// `<h1>`, then its first blocks in its own voice (`head`): "Communauté de communes du X"
/// where the text says "X", "Ville de X", "Communauté de communes des X" for "CC X".
fn fuller_form(html: &HtmlDocument, head: &[&HtmlBlock], best: &str) -> Option<String> {
    let prefix = patterns::collectivite();
    let core = short_core(best);
    let sep = patterns::separateur_titre();
    let titles = html
        .title
        .iter()
        .flat_map(|t| sep.split(t).map(str::trim).collect::<Vec<_>>())
        .chain(html.site_name.iter().map(String::as_str))
        .chain(html.og_title.iter().map(String::as_str))
        .chain(
            html.blocks
                .iter()
                .filter(|x| x.kind == HtmlKind::Heading(1))
                .map(|x| x.text.as_str()),
        );
    let text = head.iter().map(|b| b.text.as_str());
    for t in titles.chain(text) {
        for m in prefix.find_iter(t) {
            if let Some(phrase) = proper_phrase(&t[m.end()..]) {
                if f(&phrase) == core && f(m.as_str().trim()) != core {
                    return Some(format!("{}{phrase}", m.as_str()));
                }
            }
        }
    }
    None
}

/// A territory's name without its abbreviated kind ("CC Coteaux du Layon" → "coteaux du
/// layon"), folded.
fn short_core(name: &str) -> String {
    let sigle = patterns::sigle_collectivite();
    let rest = sigle.find(name).map_or(name, |m| &name[m.end()..]);
    f(rest.trim())
}

/// A capitalised noun phrase at the start of `s` ("Pays de Chaumont, …" → "Pays de
/// Chaumont"; "Chartres métropole agit" → "Chartres métropole").
fn proper_phrase(s: &str) -> Option<String> {
    let mut words: Vec<&str> = Vec::new();
    for (i, w) in s.split_whitespace().enumerate() {
        let clean = w.trim_end_matches([',', '.', ';', ':', ')', '»']);
        let first_upper = clean.chars().next().is_some_and(char::is_uppercase);
        let lf = f(clean);
        // An elided article before a name is part of it: "d'Aisne", "l'Aisne-Ornain".
        let elided = lf.starts_with("d'") || lf.starts_with("l'");
        let connector = matches!(
            lf.as_str(),
            "de" | "du" | "des" | "la" | "le" | "et" | "sur" | "en" | "l'" | "d'"
        ) || elided && clean.chars().nth(2).is_some_and(char::is_uppercase);
        let unelided = if elided { &lf[2..] } else { lf.as_str() };
        let territorial = matches!(
            unelided,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::test_block as block;

    fn page(title: &str, site: Option<&str>, blocks: &[(HtmlKind, &str)]) -> HtmlDocument {
        HtmlDocument {
            title: Some(title.to_string()),
            site_name: site.map(str::to_string),
            blocks: blocks.iter().map(|(k, t)| block(*k, t)).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn the_period_before_de_still_names_the_territory() {
        let h = page(
            "Santé - Terres de Gâtine",
            None,
            &[
                (HtmlKind::Heading(1), "Contrat local de santé 2024-2028 de la Communauté de communes Terres de Gâtine"),
                (HtmlKind::Paragraph, "Porteur : Ville de Parthenay"),
            ],
        );
        assert_eq!(
            territory(&h).as_deref(),
            Some("Communauté de communes Terres de Gâtine")
        );
    }

    #[test]
    fn a_fuller_form_in_the_title_wins_over_the_short_name() {
        let h = page(
            "Contrat local de santé (2023-2028) - Communauté de communes du Haut-Plateau",
            None,
            &[(
                HtmlKind::Heading(1),
                "Contrat local de santé du Haut-Plateau",
            )],
        );
        assert_eq!(
            territory(&h).as_deref(),
            Some("Communauté de communes du Haut-Plateau")
        );
        let h = page(
            "Santé | CC Coteaux du Lys",
            None,
            &[(
                HtmlKind::Paragraph,
                "Le président de la Communauté de communes des Coteaux du Lys a signé le contrat.",
            )],
        );
        let head: Vec<&HtmlBlock> = h.blocks.iter().collect();
        assert_eq!(
            fuller_form(&h, &head, "CC Coteaux du Lys").as_deref(),
            Some("Communauté de communes des Coteaux du Lys")
        );
    }

    #[test]
    fn a_name_of_several_words_then_its_kind() {
        let h = page(
            "Le Contrat Local de Santé – Monts d'Arrée-Aulne Communauté",
            None,
            &[(
                HtmlKind::Paragraph,
                "Monts d'Arrée-Aulne Communauté s'est engagée aux côtés de l'ARS Bretagne dans un contrat local de santé.",
            )],
        );
        assert_eq!(
            territory(&h).as_deref(),
            Some("Monts d'Arrée-Aulne Communauté")
        );
    }

    #[test]
    fn a_name_stops_before_its_cosignatory() {
        for (n, want) in [
            (
                "Communauté de communes du Haut-Perche et l'ARS Pays de la Loire",
                "Communauté de communes du Haut-Perche",
            ),
            (
                "Pays de la Haute-Asse et du Verdon",
                "Pays de la Haute-Asse et du Verdon",
            ),
            (
                "PETR Causses et Vallée du Tarnon",
                "PETR Causses et Vallée du Tarnon",
            ),
            (
                "Ville de Vire et la Préfecture du Calvados",
                "Ville de Vire",
            ),
        ] {
            assert_eq!(without_cosignatory(n), want, "{n}");
        }
    }

    #[test]
    fn a_town_is_named_without_its_councils_title() {
        let h = page(
            "Ville de Castelnau-les-Pins - Contrat local de santé 2024-2028",
            None,
            &[(
                HtmlKind::Heading(1),
                "Le contrat local de santé de Castelnau-les-Pins",
            )],
        );
        assert_eq!(territory(&h).as_deref(), Some("Castelnau-les-Pins"));
    }

    #[test]
    fn a_porteurs_name_is_never_the_territory() {
        let h = page(
            "PETR du Pays Vert | Contrat local de santé",
            None,
            &[
                (HtmlKind::Heading(1), "Le contrat local de santé"),
                (HtmlKind::Paragraph, "Porteur : Syndicat mixte du Bocage"),
                (HtmlKind::Paragraph, "Porteur : Syndicat mixte du Bocage"),
            ],
        );
        assert_eq!(territory(&h).as_deref(), Some("PETR du Pays Vert"));
    }

    #[test]
    fn og_site_name_counts_when_the_titles_name_only_its_core() {
        let h = page(
            "Contrat local de santé 2025-2029 – Cœur de Bresse-Val",
            Some("Communauté de communes Cœur de Bresse-Val"),
            &[(
                HtmlKind::Paragraph,
                "Signé le 3 février 2025, le contrat lie la communauté de communes et l'ARS.",
            )],
        );
        assert_eq!(
            territory(&h).as_deref(),
            Some("Communauté de communes Cœur de Bresse-Val")
        );
    }

    #[test]
    fn an_elided_article_inside_a_name_is_part_of_it() {
        assert_eq!(
            proper_phrase("Coteaux de l'Aisne-Ornain a signé").as_deref(),
            Some("Coteaux de l'Aisne-Ornain")
        );
        assert_eq!(
            proper_phrase("Communauté d'agglomération du Val a signé").as_deref(),
            Some("Communauté d'agglomération du Val")
        );
    }

    #[test]
    fn a_name_cut_short_or_reordered_is_replaced_by_its_full_form() {
        assert!(is_fuller_form(
            "Parc naturel régional des Monts d'Arvelle",
            "Parc"
        ));
        assert!(is_fuller_form(
            "Communauté de communes Plateau de Cerbelle",
            "Plateau"
        ));
        assert!(is_fuller_form(
            "Communauté d'agglomération du Pays de Sablonne",
            "Pays de Sablonne Agglomération"
        ));
        assert!(!is_fuller_form(
            "Communauté de communes du Val",
            "Ville de Lorme"
        ));
    }

    #[test]
    fn a_territorys_kind_is_spelled_out() {
        assert_eq!(
            spelled_out("CC du Plateau de Vaunoise"),
            "Communauté de communes du Plateau de Vaunoise"
        );
        assert_eq!(
            spelled_out("CA de Lorme"),
            "Communauté d'agglomération de Lorme"
        );
        assert_eq!(spelled_out("CCAS de Lorme"), "CCAS de Lorme");
    }
}
