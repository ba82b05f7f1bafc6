//! Organisation mentions to one identity: type, territory, canonical name, stable id.
//!
//! Territorial institutions are recognised by acronym or long form (a table of French
//! health and social bodies below) and placed in their territory from the mention ("CD 28",
//! "CPAM du Jura", "ARS Centre-Val de Loire") or else from the contract's own territory.
//! Their id is built from type and territory (`cd-28`, `ars-centre-val-de-loire`,
//! `ccas-chartres`), so it does not depend on which documents are in the corpus: a
//! different territory always gives a different organisation. Other bodies are keyed by
//! their own acronym (from the mention or the document's glossary, which wins) or by their
//! folded name; near-identical names of one type and territory ("Henri Ey" / "Henry Ey")
//! are merged by `cluster` (Jaro-Winkler, with cannot-link on type and territory).

use crate::communes::{self, Commune};
use crate::geo;
use crate::mentions::{body_of_unit, group_of_bodies_words, is_generic, own_sigle};
use crate::population::{self, Epci};
use crate::text::{fold, is_acronym, slug, Folded};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// How an institution is placed and keyed (the `scope` column of `data/types.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Region,
    Dept,
    /// Named body (hospital, CPTS…), placed in its département.
    Named,
    /// The commune itself ("Ville de X", "Mairie de X").
    Commune,
    /// A body of one commune (CCAS).
    Communal,
    /// The intercommunalité itself ("Communauté de communes du X").
    Epci,
    /// A body of one intercommunalité (CIAS, mission locale); alone, the contract's.
    Intercommunal,
    /// A kind of body keyed by its own name or sigle: only the type comes from the table.
    Category,
}

/// A long form of the type table: folded words the mention starts with, and for a pattern
/// with "*" the words that must follow after any others ("délégation départementale * de
/// l'ARS").
struct Form {
    head: String,
    tail: Option<String>,
}

struct Kind {
    code: String,
    /// Acronyms as written, matched case-sensitively as the first words of a mention.
    acronyms: Vec<String>,
    /// Long forms, the most specific first.
    long: Vec<Form>,
    scope: Scope,
    label: String,
}

/// The type of a body no row of the table describes.
pub const OTHER: &str = "autre";

const TYPES: &str = include_str!("../data/types.tsv");

/// The type table of `data/types.tsv`, read once, in file order (the first row that
/// matches wins).
fn kinds() -> &'static [Kind] {
    static K: OnceLock<Vec<Kind>> = OnceLock::new();
    K.get_or_init(|| parse_types(TYPES))
}

fn parse_types(text: &str) -> Vec<Kind> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let scope = match *c.get(1)? {
                "region" => Scope::Region,
                "departement" => Scope::Dept,
                "nomme" => Scope::Named,
                "commune" => Scope::Commune,
                "communal" => Scope::Communal,
                "epci" => Scope::Epci,
                "intercommunal" => Scope::Intercommunal,
                "categorie" => Scope::Category,
                _ => return None,
            };
            let list = |i: usize, sep: char| -> Vec<String> {
                c.get(i)
                    .map(|x| {
                        x.split(sep)
                            .map(str::trim)
                            .filter(|x| !x.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let long = list(3, '|')
                .into_iter()
                .map(|f| {
                    let f = fold(&f);
                    match f.split_once('*') {
                        Some((h, t)) => Form {
                            head: h.trim().to_string(),
                            tail: Some(t.trim().to_string()),
                        },
                        None => Form {
                            head: f,
                            tail: None,
                        },
                    }
                })
                .collect();
            Some(Kind {
                code: c[0].trim().to_string(),
                acronyms: list(2, ','),
                long,
                scope,
                label: c.get(4).map(|x| x.trim().to_string()).unwrap_or_default(),
            })
        })
        .collect()
}

/// Folded long forms of the type table that hold " et " ("protection maternelle et
/// infantile"): the splitter must not cut them.
pub fn long_forms_with_et() -> impl Iterator<Item = &'static str> {
    kinds()
        .iter()
        .flat_map(|k| k.long.iter())
        .filter(|f| f.tail.is_none() && f.head.contains(" et "))
        .map(|f| f.head.as_str())
}

/// Whether folded text `f` opens with the long form of a type of the table ("hopital …",
/// "mutualite sociale agricole …"): the name of a body of a known kind starts there.
pub fn opens_typed_body(f: &str) -> bool {
    kinds()
        .iter()
        .flat_map(|k| k.long.iter())
        .any(|form| starts_word(f, &form.head))
}

/// Whether `text` starts with `prefix` followed by the end or a character that is no
/// letter or digit ("CD" starts "CD 28", not "CDOM").
fn starts_word(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix)
        .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// The acronym of `k` that `spaced` starts with.
fn acronym_of<'k>(k: &'k Kind, spaced: &str) -> Option<&'k str> {
    k.acronyms
        .iter()
        .find(|a| starts_word(spaced, a))
        .map(String::as_str)
}

/// Where a long form of `k` matches the folded mention: the folded bytes it covers at the
/// start, and for a "*" pattern the folded range of its tail. The words in between and
/// after are the rest of the mention (its territory or name).
fn long_form_of(k: &Kind, f: &str) -> Option<(usize, Option<std::ops::Range<usize>>)> {
    k.long.iter().find_map(|form| {
        if !starts_word(f, &form.head) {
            return None;
        }
        match &form.tail {
            None => Some((form.head.len(), None)),
            Some(tail) => {
                let from = form.head.len();
                let at = f.get(from..)?.find(tail.as_str())? + from;
                let end = at + tail.len();
                f[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
                    .then_some((from, Some(at..end)))
            }
        }
    })
}

/// The type of a body outside the territorial table ("Association Siel Bleu", "EHPAD Les
/// Tilleuls", a glossary's long form): the `categorie` rows of the table, by sigle or by
/// the start of the name.
fn category_of(name: &str, sigle: Option<&str>) -> Option<&'static str> {
    let f = fold(name);
    kinds()
        .iter()
        .filter(|k| k.scope == Scope::Category)
        .find(|k| {
            acronym_of(k, name).is_some()
                || sigle.is_some_and(|s| k.acronyms.iter().any(|a| a == s))
                || long_form_of(k, &f).is_some()
        })
        .map(|k| k.code.as_str())
}

/// What a document tells about where its organisations are.
#[derive(Debug, Clone, Default)]
pub struct Context {
    pub departement: Option<String>,
    pub region: Option<String>,
    /// The contract's territory name ("Chartres métropole"), which "CIAS" alone denotes.
    pub territoire: Option<String>,
    /// The document's glossary: sigle → long form. It wins over the built-in table.
    pub sigles: BTreeMap<String, String>,
    /// The glossary folded once (long form → sigle, upper-cased sigle → sigle).
    folded: std::sync::OnceLock<(HashMap<String, String>, HashMap<String, String>)>,
}

impl Context {
    pub fn new(
        departement: Option<String>,
        region: Option<String>,
        territoire: Option<String>,
        sigles: BTreeMap<String, String>,
    ) -> Context {
        Context {
            departement,
            region,
            territoire,
            sigles,
            folded: Default::default(),
        }
    }

    fn glossary(&self) -> &(HashMap<String, String>, HashMap<String, String>) {
        self.folded.get_or_init(|| {
            let by_long = self
                .sigles
                .iter()
                .map(|(s, l)| (fold(l), s.clone()))
                .collect();
            let by_upper = self
                .sigles
                .keys()
                .map(|s| (s.to_uppercase(), s.clone()))
                .collect();
            (by_long, by_upper)
        })
    }
}

impl Context {
    /// The context of an already-read document (its département, région, territory and
    /// glossary), to resolve its mentions again when building a registry.
    pub fn of_document(doc: &cls_model::Document) -> Context {
        let departement = doc.territoire.departements.first().cloned();
        let region = departement
            .as_deref()
            .and_then(geo::departement)
            .map(|d| d.region.clone())
            .or_else(|| doc.territoire.region.as_deref().and_then(geo::find_region));
        Context::new(
            departement,
            region,
            doc.territoire.nom.clone(),
            doc.sigles.clone(),
        )
    }
}

/// One organisation's identity.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrgKey {
    pub id: String,
    pub nom: String,
    pub sigle: Option<String>,
    pub kind: String,
    pub departement: Option<String>,
    pub region: Option<String>,
    /// INSEE code of a commune (the body typed `commune`), when its name resolves.
    pub code_insee: Option<String>,
    /// SIREN of an intercommunalité (the body typed `epci`), when its name resolves.
    pub siren: Option<String>,
    /// Whether `nom` is the mention's own words (a body outside the territorial table),
    /// not a canonical name: a registry then names it by its most complete variant.
    pub own_words: bool,
}

fn strip_articles(s: &str) -> String {
    let mut t = s.trim().to_string();
    for a in ["le ", "la ", "les ", "l'", "l’"] {
        // The article's letters keep their byte length when lower-cased, but `get` keeps
        // this safe whatever the text.
        if t.to_lowercase().starts_with(a) {
            if let Some(rest) = t.get(a.len()..) {
                t = rest.trim().to_string();
            }
        }
    }
    t
}

/// Splits "CD28" into "CD 28".
fn unglue(s: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_ascii_digit() && chars[i - 1].is_ascii_uppercase() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// "la Salamandre" → the article is not part of the distinctive name.
fn article_then_name_of(nf: &str, name: &str) -> bool {
    matches!(nf.split_whitespace().next(), Some("la" | "le" | "les"))
        && name
            .split_whitespace()
            .nth(1)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
}

fn region_of(ctx: &Context, text: &str) -> Option<String> {
    geo::find_region(text)
        .or_else(|| geo::find_region_alias(text))
        .or_else(|| {
            geo::find_departement(text).and_then(|d| geo::departement(&d).map(|d| d.region.clone()))
        })
        .or_else(|| ctx.region.clone())
}

const NOTES: &str = include_str!("../data/notes.txt");

/// The mention without a note that follows its name ("… Financements potentiels CPER selon
/// cahier des charges", `data/notes.txt`); empty when it starts with one.
fn without_note(mention: &str) -> &str {
    // (folded phrase, only at the start)
    static N: OnceLock<Vec<(String, bool)>> = OnceLock::new();
    let notes = N.get_or_init(|| {
        NOTES
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| match l.strip_prefix('^') {
                Some(n) => (fold(n), true),
                None => (fold(l), false),
            })
            .collect()
    });
    // Most mentions hold no note: look in the plain fold first, and map back through a
    // `Folded` only when there is something to cut.
    let plain = fold(mention);
    if !notes.iter().any(|(n, _)| plain.contains(n.as_str())) {
        return mention;
    }
    let folded = Folded::new(mention);
    let f = folded.as_str();
    let at = notes
        .iter()
        .filter_map(|(n, start_only)| {
            f.match_indices(n.as_str())
                .find(|(i, _)| {
                    (*i == 0 || (!start_only && f[..*i].ends_with(' ')))
                        && f[i + n.len()..]
                            .chars()
                            .next()
                            .is_none_or(|c| !c.is_alphanumeric())
                })
                .map(|(i, _)| i)
        })
        .min();
    match at {
        Some(i) => folded.original_before(i).trim(),
        None => mention,
    }
}

/// Resolves one mention. `None` for generic groups ("associations", "etc.") and notes.
pub fn resolve(mention: &str, ctx: &Context) -> Option<OrgKey> {
    let raw = strip_articles(
        without_note(body_of_unit(mention.trim())).trim_end_matches(['.', ',', ';']),
    );
    if raw.is_empty() || fold(&raw).trim_end_matches('.') == "etc" {
        return None;
    }
    // A generic group ("associations", "communes intéressées") is no organisation, unless
    // it names a territorial body ("ordre des médecins", "CIAS").
    if is_generic(&raw) && !names_territorial_kind(&raw) {
        return None;
    }
    let spaced = unglue(&raw);
    let folded = Folded::new(&spaced);
    for k in kinds().iter().filter(|k| k.scope != Scope::Category) {
        let Some(rest) = named_kind(k, &spaced, &folded) else {
            continue;
        };
        let rest = rest
            .trim_start_matches(['(', ')', '-', '–', ',', ':', ' '])
            .trim()
            .to_string();
        if !rest_fits_kind(k, folded.as_str(), &rest) {
            continue;
        }
        let sigle = k
            .acronyms
            .iter()
            .find(|a| a.chars().all(char::is_alphanumeric))
            .cloned();
        return match k.scope {
            Scope::Region => regional_key(k, ctx, &rest, sigle),
            Scope::Dept => departmental_key(k, ctx, &rest, sigle),
            Scope::Category => continue,
            Scope::Commune
            | Scope::Communal
            | Scope::Epci
            | Scope::Intercommunal
            | Scope::Named => local_key(k, ctx, &raw, &spaced, &rest, sigle),
        };
    }
    untyped(&raw, ctx)
}

/// Whether a mention names a territorial body of the type table: by its acronym, or by
/// the long form of a body of a région, a département or an intercommunalité.
fn names_territorial_kind(raw: &str) -> bool {
    let f = fold(raw);
    kinds().iter().any(|k| {
        k.scope != Scope::Category
            && (acronym_of(k, raw).is_some()
                || (matches!(
                    k.scope,
                    Scope::Dept | Scope::Region | Scope::Epci | Scope::Intercommunal
                ) && long_form_of(k, &f).is_some()))
    })
}

/// Whether the rest of a mention after the words of kind `k` fits that kind. "Région"
/// alone in a partner list is the Conseil régional, but "Région" before words that name
/// no région is something else; "Département" alone is the Conseil départemental, but
/// not before words that name no département. `f` is the whole mention folded.
fn rest_fits_kind(k: &Kind, f: &str, rest: &str) -> bool {
    let region_like = || {
        let rest_f = fold(rest);
        rest.is_empty()
            || geo::find_region(rest).is_some()
            || rest_f
                .trim_start_matches("de la ")
                .trim_start_matches("de l'")
                .trim_start_matches("du ")
                .trim_start_matches("des ")
                .trim_start_matches("de ")
                .trim_start_matches("d'")
                .starts_with("centre")
    };
    if k.code == "region" && !region_like() {
        return false;
    }
    !(k.code == "cd"
        && f.starts_with("departement")
        && !rest.is_empty()
        && geo::find_departement(rest).is_none())
}

/// Whether the mention names kind `k` (by an acronym, a long form, or a long form inside
/// a longer phrase near its start): the rest of the mention after the kind's words.
fn named_kind(k: &Kind, spaced: &str, folded: &Folded) -> Option<String> {
    let f = folded.as_str();
    let (matched, rest) = if let Some(a) = acronym_of(k, spaced) {
        // The acronym is matched as written, so its bytes are the original's.
        (true, spaced[a.len()..].trim().to_string())
    } else if let Some((n, tail)) = long_form_of(k, f) {
        // Keep the original spelling of the remainder, cut through the fold's map.
        let rest = match tail {
            None => folded.original_after(n).to_string(),
            Some(t) => format!(
                "{} {}",
                &spaced[folded.to_original(n)..folded.to_original(t.start)],
                folded.original_after(t.end)
            ),
        };
        (true, rest.trim().to_string())
    } else if let Some(l) = k
        .long
        .iter()
        .filter(|l| l.tail.is_none())
        .map(|l| l.head.as_str())
        .find(|l| l.len() > 12 && f.contains(*l))
    {
        // "Financements de l'Agence Régionale de Santé (ARS)".
        let pos = f.find(l).unwrap_or(0);
        (
            pos < 30,
            folded.original_after(pos + l.len()).trim().to_string(),
        )
    } else {
        (false, String::new())
    };
    matched.then_some(rest)
}

/// A body that exists once per région (ARS, Conseil régional…), in the région the
/// mention names, else the contract's.
fn regional_key(k: &Kind, ctx: &Context, rest: &str, sigle: Option<String>) -> Option<OrgKey> {
    let r = region_of(ctx, rest)?;
    let rn = geo::region(&r).map(|x| x.nom.clone()).unwrap_or_default();
    Some(OrgKey {
        id: format!("{}-{}", k.code, slug(&rn, 60)),
        nom: format!("{} {}", k.label, rn),
        sigle,
        kind: k.code.clone(),
        departement: None,
        region: Some(r),
        ..Default::default()
    })
}

/// A body that exists once per département (CD, CPAM, CAF…), in the département the
/// mention names, else the contract's.
fn departmental_key(k: &Kind, ctx: &Context, rest: &str, sigle: Option<String>) -> Option<OrgKey> {
    let d = geo::find_departement(rest).or_else(|| ctx.departement.clone())?;
    let dep = geo::departement(&d)?;
    Some(OrgKey {
        id: format!("{}-{}", k.code, d.to_lowercase()),
        nom: format!("{} {}", k.label, geo::de(&dep.nom, dep.type_liaison)),
        sigle,
        kind: k.code.clone(),
        departement: Some(d),
        region: Some(dep.region.clone()),
        ..Default::default()
    })
}

/// A local body (commune, CCAS, EPCI, hospital, named association…): its place or name
/// from the rest of the mention, with the official code when the reference data knows it.
fn local_key(
    k: &Kind,
    ctx: &Context,
    raw: &str,
    spaced: &str,
    rest: &str,
    sigle: Option<String>,
) -> Option<OrgKey> {
    let name = place_or_name(rest);
    // "Agglomération" alone is the contract's territory, when that is one.
    if name.is_empty() && k.scope == Scope::Epci {
        let f = fold(spaced);
        let t = ctx.territoire.as_deref().filter(|t| fold(t) != f)?;
        return resolve(t, ctx).filter(|t| t.kind == k.code);
    }
    // "CIAS" alone is the one of the contract's own territory.
    let name = if name.is_empty() && k.scope == Scope::Intercommunal {
        ctx.territoire.clone().unwrap_or_default()
    } else {
        name
    };
    let name = without_article_of_name(name);
    // "Ville de X" needs its X; "CCAS intéressés", "hôpitaux du territoire" are a group,
    // not one body.
    if names_a_group(&name) {
        return None;
    }
    let d_named = geo::find_departement(rest);
    if let Some(key) = official_key(k, ctx, raw, &name, d_named.as_deref()) {
        return Some(key);
    }
    let d = d_named.or_else(|| ctx.departement.clone());
    let region = d
        .as_deref()
        .and_then(geo::departement)
        .map(|x| x.region.clone())
        .or_else(|| ctx.region.clone());
    // An intercommunalité the reference data does not know keeps the mention's words:
    // "Intercommunalité de X" would be no one's name.
    let (nom, own_words) = if k.scope == Scope::Epci {
        (spaced.to_string(), true)
    } else {
        (local_name(k, &name), false)
    };
    Some(OrgKey {
        id: local_id(k, &name, d.as_deref()),
        nom,
        own_words,
        sigle,
        kind: k.code.clone(),
        departement: d,
        region,
        ..Default::default()
    })
}

/// The place or name in the rest of a mention after its kind's words: "de Chartres 28" →
/// "Chartres", "Henri Ey (CHHE)" → "Henri Ey".
fn place_or_name(rest: &str) -> String {
    let rest_f = fold(rest);
    let name: String = match ["de la ", "de l'", "du ", "des ", "de ", "d'"]
        .iter()
        .find(|p| rest_f.starts_with(**p))
    {
        Some(p) => rest.chars().skip(p.chars().count()).collect(),
        None => rest.to_string(),
    };
    name.split('(')
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
        .trim()
        .to_string()
}

/// The name without a leading article that is no part of it: "la Salamandre" →
/// "Salamandre".
fn without_article_of_name(name: String) -> String {
    if article_then_name_of(&fold(&name), &name) {
        name.split_once(' ')
            .map(|x| x.1.to_string())
            .unwrap_or(name)
    } else {
        name
    }
}

/// Whether the place or name after a territorial body's type names no one body: nothing,
/// lower-case words ("hôpitaux du territoire"), or words of a group ("CCAS intéressés").
fn names_a_group(name: &str) -> bool {
    let nf = fold(name);
    name.is_empty()
        || (name.starts_with(|c: char| c.is_lowercase()) && !article_then_name_of(&nf, name))
        || group_of_bodies_words()
            .iter()
            .any(|g| nf.contains(g.as_str()))
}

/// The commune or intercommunalité itself, with its official code, when its name
/// resolves in the reference data.
fn official_key(
    k: &Kind,
    ctx: &Context,
    raw: &str,
    name: &str,
    d_named: Option<&str>,
) -> Option<OrgKey> {
    match k.scope {
        Scope::Commune => communes::commune_named(name, d_named, ctx.departement.as_deref())
            .map(|c| commune_key(&k.code, &k.label, &c)),
        Scope::Epci => epci_of(raw, d_named, ctx)
            .or_else(|| epci_of(name, d_named, ctx))
            .map(|e| epci_key(&k.code, e, ctx)),
        _ => None,
    }
}

/// "-28" for a département, to place an id; empty without one.
fn departement_suffix(d: Option<&str>) -> String {
    d.map(|d| format!("-{}", d.to_lowercase()))
        .unwrap_or_default()
}

/// The id of a local body: its type and name, and for a named body or a commune (names
/// that repeat across France) its département.
fn local_id(k: &Kind, name: &str, d: Option<&str>) -> String {
    if matches!(k.scope, Scope::Named | Scope::Commune) {
        format!("{}-{}{}", k.code, slug(name, 60), departement_suffix(d))
    } else {
        format!("{}-{}", k.code, slug(name, 60))
    }
}

/// The canonical name of a local body from its type's label: "Centre hospitalier Henri
/// Ey", "Centre communal d'action sociale de Chartres", "Mission locale d'Épernon".
fn local_name(k: &Kind, name: &str) -> String {
    let link = if k.scope == Scope::Named {
        " "
    } else if fold(name).starts_with(|c: char| "aeiouy".contains(c)) {
        " d'"
    } else {
        " de "
    };
    format!("{}{link}{name}", k.label)
}

/// The intercommunalité a name stands for: one EPCI of the reference data with that name,
/// in the département the mention names, else the contract's, else anywhere in France.
fn epci_of(name: &str, named: Option<&str>, ctx: &Context) -> Option<&'static Epci> {
    let in_dep = |d: Option<&str>| {
        population::epci_named(name, &d.map(|d| vec![d.to_string()]).unwrap_or_default())
    };
    match named {
        Some(d) => in_dep(Some(d)),
        None => in_dep(ctx.departement.as_deref()).or_else(|| in_dep(None)),
    }
}

/// The key of a resolved intercommunalité: its official name and SIREN, placed in the
/// contract's département when it spans it, else in its first.
fn epci_key(code: &str, e: &Epci, ctx: &Context) -> OrgKey {
    let d = ctx
        .departement
        .clone()
        .filter(|d| e.departements.contains(d))
        .or_else(|| e.departements.first().cloned());
    OrgKey {
        id: format!("{code}-{}", slug(&e.nom, 60)),
        nom: e.nom.clone(),
        sigle: None,
        kind: code.to_string(),
        region: d
            .as_deref()
            .and_then(geo::departement)
            .map(|x| x.region.clone()),
        departement: d,
        code_insee: None,
        siren: Some(e.code.clone()),
        own_words: false,
    }
}

/// The "de" form of a commune's name: INSEE's names keep their article ("Le Mans"), which
/// the liaison contracts ("du Mans", "des Sables-d'Olonne").
fn commune_de(c: &Commune) -> String {
    let article = match c.type_liaison {
        2 => "Le ",
        3 => "La ",
        4 => "Les ",
        5 => "L'",
        _ => "",
    };
    match c.nom.strip_prefix(article).filter(|_| !article.is_empty()) {
        Some(bare) => geo::de(bare, c.type_liaison),
        None => geo::de(c.nom, c.type_liaison.min(1)),
    }
}

/// The key of a resolved commune: "Commune de Chartres", its INSEE code and département.
fn commune_key(code: &str, label: &str, c: &Commune) -> OrgKey {
    OrgKey {
        id: format!(
            "{code}-{}-{}",
            slug(c.nom, 60),
            c.departement.to_lowercase()
        ),
        nom: format!("{label} {}", commune_de(c)),
        sigle: None,
        kind: code.to_string(),
        departement: Some(c.departement.to_string()),
        region: geo::departement(c.departement).map(|x| x.region.clone()),
        code_insee: Some(c.code.to_string()),
        siren: None,
        own_words: false,
    }
}

const RESEAUX: &str = include_str!("../data/reseaux.tsv");

/// A national network of `data/reseaux.tsv`.
struct Network {
    /// The type of its units.
    kind: String,
    /// Whether its units are régional (else départemental).
    regional: bool,
    /// Its name, folded, as a mention starts with it.
    folded: String,
    /// Its name as a unit's name starts with it.
    label: String,
}

/// The national networks, read once, longest names first: "Fédération Familles Rurales"
/// before "Familles Rurales".
fn networks() -> &'static [Network] {
    static NETS: OnceLock<Vec<Network>> = OnceLock::new();
    NETS.get_or_init(|| {
        let mut v: Vec<Network> = RESEAUX
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c.len() == 4).then(|| Network {
                    kind: c[0].to_string(),
                    regional: c[1] == "region",
                    folded: fold(c[2]),
                    label: c[3].to_string(),
                })
            })
            .collect();
        v.sort_by_key(|n| std::cmp::Reverse(n.folded.len()));
        v
    })
}

/// A national network's local unit ("Addictions France – Maine-et-Loire", "Mutualité
/// Française" in a contract): the network in the territory the mention names, else in the
/// contract's. `None` when the mention is no network, or names more than the network and
/// a territory.
fn network_unit(name: &str, ctx: &Context) -> Option<OrgKey> {
    let f = fold(name);
    let net = networks().iter().find(|n| starts_word(&f, &n.folded))?;
    let rest: String = name.chars().skip(net.folded.chars().count()).collect();
    let d_named = geo::find_departement(&rest);
    let r_named = geo::find_region(&rest).or_else(|| geo::find_region_alias(&rest));
    if has_words(&rest) && d_named.is_none() && r_named.is_none() {
        return None;
    }
    if net.regional {
        let r = r_named
            .or_else(|| {
                d_named
                    .as_deref()
                    .and_then(geo::departement)
                    .map(|d| d.region.clone())
            })
            .or_else(|| ctx.region.clone())?;
        let place = geo::region(&r).map(|x| x.nom.clone());
        let code = slug(place.as_deref().unwrap_or_default(), 40);
        Some(unit_key(net, &code, place, None, Some(r)))
    } else {
        let d = d_named.or_else(|| ctx.departement.clone())?;
        let dep = geo::departement(&d);
        let place = dep.map(|x| geo::de(&x.nom, x.type_liaison));
        let region = dep.map(|x| x.region.clone());
        Some(unit_key(net, &d.to_lowercase(), place, Some(d), region))
    }
}

/// Whether the words after a network's name hold more than linking words ("de", "en"…).
fn has_words(rest: &str) -> bool {
    fold(rest)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && !matches!(w, "de" | "du" | "des" | "d" | "la" | "l" | "en"))
}

/// The key of a network's unit: its id from the network and the territory's `code`, its
/// name from the network and the territory's `place` name.
fn unit_key(
    net: &Network,
    code: &str,
    place: Option<String>,
    departement: Option<String>,
    region: Option<String>,
) -> OrgKey {
    let label = &net.label;
    OrgKey {
        id: format!("{}-{}", slug(label, 40), code),
        nom: place.map_or_else(|| label.clone(), |p| format!("{label} {p}")),
        sigle: None,
        kind: net.kind.clone(),
        departement,
        region,
        ..Default::default()
    }
}

/// Folded words with hyphens and apostrophes as spaces, to compare a name with the
/// reference data's.
fn words_key(s: &str) -> String {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A capitalised name the reference data knows, written without its type: a commune of
/// the contract's département ("Chartres"), an intercommunalité ("Chartres métropole",
/// "Agglopolys", within the contract's département when it is known), a région or a
/// département named alone (their council: "Occitanie", "Nièvre").
fn known_place(name: &str, ctx: &Context) -> Option<OrgKey> {
    if !name.starts_with(char::is_uppercase) {
        return None;
    }
    let row = |scope: Scope| kinds().iter().find(|k| k.scope == scope);
    let k = words_key(name);
    if let Some(r) = geo::find_region(name).and_then(|r| geo::region(&r)) {
        if words_key(&r.nom) == k {
            return resolve(&format!("Région {name}"), ctx);
        }
    }
    if let Some(d) = geo::find_departement(name).and_then(|d| geo::departement(&d)) {
        if words_key(&d.nom) == k {
            return resolve(&format!("Département {name}"), ctx);
        }
    }
    if let (Some(d), Some(row)) = (ctx.departement.as_deref(), row(Scope::Commune)) {
        if let Some(c) = communes::commune_named(name, None, Some(d)) {
            if c.departement == d && words_key(c.nom) == k {
                return Some(commune_key(&row.code, &row.label, &c));
            }
        }
    }
    let row = row(Scope::Epci)?;
    let e = match ctx.departement.as_deref() {
        Some(d) => population::epci_named(name, &[d.to_string()]),
        None => population::epci_named(name, &[]),
    }?;
    Some(epci_key(&row.code, e, ctx))
}

/// Bodies outside the table: keyed by their own acronym (from the mention, a
/// parenthesised sigle or the glossary) placed in a département, or by their name.
fn untyped(raw: &str, ctx: &Context) -> Option<OrgKey> {
    if let Some(k) = network_unit(raw.trim(), ctx) {
        return Some(k);
    }
    let (name, written_sigle) = without_trailing_parenthesis(raw.trim());
    if let Some(k) = known_place(&name, ctx) {
        return Some(k);
    }
    let d_in = geo::find_departement(&name);
    // "CESEL", "Cesel 28", "ADAPEI 28", "UNAFAM": an acronym, maybe with a code.
    let core: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !geo::is_dept_code(w))
        .collect();
    let sigle = written_sigle.or_else(|| glossary_sigle(&name, &core, ctx));
    // The territory a mention names wins over the contract's: "Promotion Santé Pays de la
    // Loire" is régional whatever contract names it.
    let region_named = geo::find_region(&name);
    let d = d_in.clone().or_else(|| {
        region_named
            .is_none()
            .then(|| ctx.departement.clone())
            .flatten()
    });
    let region = region_named.or_else(|| {
        d.as_deref()
            .and_then(geo::departement)
            .map(|x| x.region.clone())
            .or_else(|| ctx.region.clone())
    });
    match sigle {
        Some(s) => {
            // A lone acronym is named by its glossary's long form.
            let long = ctx
                .sigles
                .get(&s)
                .filter(|_| core.len() == 1)
                .cloned()
                .unwrap_or_else(|| name.clone());
            Some(sigle_key(s, &long, d, region))
        }
        None => name_key(name, d_in, region),
    }
}

/// A trailing parenthesis is the body's own sigle ("… d'Environnement (CAUE)"), a
/// sub-unit or a precision: the name without it, and the sigle when it is one.
fn without_trailing_parenthesis(name: &str) -> (String, Option<String>) {
    if let (Some(open), true) = (name.rfind('('), name.ends_with(')')) {
        let inner = name[open + 1..name.len() - 1].trim().to_string();
        let head = name[..open].trim().to_string();
        let sigle = (is_acronym(&inner) && own_sigle(&head, &inner)).then_some(inner);
        if !head.is_empty() {
            return (head, sigle);
        }
        return (name.to_string(), sigle);
    }
    (name.to_string(), None)
}

/// The sigle of a body the mention writes without one: a lone acronym (as the glossary
/// spells it, else upper-cased: "Cesel 28" → "CESEL"), or the sigle of a long form that
/// the glossary defines. `core` is the mention's words without département codes.
fn glossary_sigle(name: &str, core: &[&str], ctx: &Context) -> Option<String> {
    let (by_long, by_upper) = ctx.glossary();
    if let [word] = core {
        let known = by_upper.get(&word.to_uppercase()).cloned();
        if known.is_some() || is_acronym(word) {
            return Some(known.unwrap_or_else(|| word.to_uppercase()));
        }
    }
    by_long.get(&fold(name)).cloned()
}

/// The key of a body known by its sigle `s` (its long form `long`): the sigle placed in
/// its département, so that "UNAFAM" of two départements are two bodies.
fn sigle_key(s: String, long: &str, d: Option<String>, region: Option<String>) -> OrgKey {
    let nom = if long == s || long.split_whitespace().count() <= 1 {
        s.clone()
    } else {
        format!("{long} ({s})")
    };
    let kind = category_of(long, Some(&s)).unwrap_or(OTHER);
    OrgKey {
        id: format!("{}{}", slug(&s, 40), departement_suffix(d.as_deref())),
        nom,
        sigle: Some(s),
        kind: kind.to_string(),
        departement: d,
        region,
        own_words: true,
        ..Default::default()
    }
}

/// The key of a body known by its name alone, as written; `None` when the name has no
/// letter or digit to key it by.
fn name_key(name: String, d: Option<String>, region: Option<String>) -> Option<OrgKey> {
    let id = slug(&name, 80);
    if id.is_empty() {
        return None;
    }
    let kind = category_of(&name, None).unwrap_or(OTHER);
    Some(OrgKey {
        id,
        nom: name,
        sigle: None,
        kind: kind.to_string(),
        departement: d,
        region,
        own_words: true,
        ..Default::default()
    })
}

/// Merges near-identical keys of one type and territory (typos: "Henri Ey" / "Henry Ey";
/// case: "Chartres Métropole Habitat"). Returns a map old id → kept id. Keys of different
/// type or territory are never merged.
pub fn cluster(keys: &[(OrgKey, usize)]) -> HashMap<String, String> {
    let mut sets = DisjointSets::new(keys.len());
    for idx in blocks(keys).values() {
        for a in 0..idx.len() {
            for b in a + 1..idx.len() {
                let (x, y) = (&keys[idx[a]].0, &keys[idx[b]].0);
                // Equal ids are one organisation already.
                if x.id != y.id && near_identical(x, y) {
                    sets.union(idx[a], idx[b]);
                }
            }
        }
    }
    kept_ids(keys, &mut sets)
}

/// Disjoint sets of key indices (union-find with path halving).
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> DisjointSets {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut i: usize) -> usize {
        let p = &mut self.parent;
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra] = rb;
        }
    }
}

/// The keys' indices by type and territory (the département, else the région): only keys
/// of one block may merge, so that comparisons stay few.
fn blocks(
    keys: &[(OrgKey, usize)],
) -> HashMap<(String, Option<String>, Option<String>), Vec<usize>> {
    let mut blocks: HashMap<_, Vec<usize>> = HashMap::new();
    for (i, (k, _)) in keys.iter().enumerate() {
        blocks
            .entry((
                k.kind.clone(),
                k.departement.clone(),
                if k.departement.is_none() {
                    k.region.clone()
                } else {
                    None
                },
            ))
            .or_default()
            .push(i);
    }
    blocks
}

/// Whether two keys of one block are spellings of one body: their ids, which hold the
/// folded distinctive name, are near-identical and of about the same length.
fn near_identical(x: &OrgKey, y: &OrgKey) -> bool {
    let sim = strsim::jaro_winkler(&x.id, &y.id);
    let same_len = (x.id.len() as i64 - y.id.len() as i64).abs() <= 2;
    sim >= 0.95 && same_len
}

/// Old id → kept id: each cluster keeps the id of its most frequent key (ties: the
/// smallest id).
fn kept_ids(keys: &[(OrgKey, usize)], sets: &mut DisjointSets) -> HashMap<String, String> {
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..keys.len() {
        groups.entry(sets.find(i)).or_default().push(i);
    }
    let mut out = HashMap::new();
    for members in groups.values() {
        let keep = members
            .iter()
            .max_by(|&&a, &&b| {
                keys[a]
                    .1
                    .cmp(&keys[b].1)
                    .then(keys[b].0.id.cmp(&keys[a].0.id))
            })
            .map(|&i| keys[i].0.id.clone())
            .unwrap_or_default();
        for &m in members {
            out.insert(keys[m].0.id.clone(), keep.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx28() -> Context {
        let mut sigles = BTreeMap::new();
        sigles.insert(
            "ADMS".to_string(),
            "Association pour le Développement de la Médecine et du Sport".to_string(),
        );
        sigles.insert(
            "CICAT".to_string(),
            "Centre d'Information et de Consultation en Alcoologie et Toxicomanie".to_string(),
        );
        Context::new(
            Some("28".into()),
            Some("24".into()),
            Some("Chartres métropole".into()),
            sigles,
        )
    }
    fn ctx41() -> Context {
        Context::new(
            Some("41".into()),
            Some("24".into()),
            Some("Agglopolys".into()),
            BTreeMap::new(),
        )
    }
    fn ctx72() -> Context {
        Context::new(
            Some("72".into()),
            Some("52".into()),
            Some("Val de Sarthe".into()),
            BTreeMap::new(),
        )
    }
    fn id(m: &str, c: &Context) -> Option<String> {
        resolve(m, c).map(|k| k.id)
    }

    /// A pair of mentions, each read in the context of its contract.
    type Pair<'c> = (&'static str, &'c Context, &'static str, &'c Context);

    /// Pairs that must be one organisation, and pairs that must stay two: same acronym in
    /// another territory, near-identical strings of different bodies, typos, acronym and
    /// long form of one body.
    #[test]
    fn hard_pairs() {
        let (a, b, c) = (ctx28(), ctx41(), ctx72());
        let same = one_body_pairs(&a, &b);
        for (x, cx, y, cy) in &same {
            assert_eq!(id(x, cx), id(y, cy), "{x} ~ {y}");
            assert!(id(x, cx).is_some(), "{x}");
        }
        let apart = two_body_pairs(&a, &b, &c);
        for (x, cx, y, cy) in &apart {
            assert_ne!(id(x, cx), id(y, cy), "{x} vs {y}");
        }
        assert!(same.len() + apart.len() >= 40);
    }

    /// Mentions of one body: acronym and long form, with and without its territory,
    /// spelling variants (contexts: Eure-et-Loir, Loir-et-Cher).
    fn one_body_pairs<'c>(a: &'c Context, b: &'c Context) -> Vec<Pair<'c>> {
        vec![
            ("ARS", a, "Agence Régionale de Santé", a),
            ("ARS", a, "ARS Centre-Val de Loire", a),
            ("ARS 28", a, "ARS Centre-Val de Loire", a),
            ("l'ARS", a, "Agence Régionale de Santé (ARS)", a),
            ("ARS", a, "ARS Centre Val de Loire", b),
            ("CD 28", a, "CD28", a),
            ("CD 28", a, "Conseil départemental d'Eure-et-Loir", a),
            ("Conseil Départemental", a, "CD 28", a),
            ("CPAM", a, "Caisse Primaire d'Assurance maladie d'Eure-et-Loir", a),
            ("CPAM 41", b, "Caisse Primaire de l'Assurance Maladie 41", b),
            ("Région", a, "Conseil Régional Centre-Val de Loire", a),
            ("DSDEN", a, "DSDEN 28", a),
            ("DSDEN28", a, "DSDEN", a),
            ("CESEL", a, "Cesel 28", a),
            ("CIAS", a, "CIAS de Chartres métropole", a),
            ("CIAS du Blaisois", b, "Centre Intercommunal d'Action Sociale du Blaisois", b),
            ("CAUE 28", a, "Conseil d'Architecture, d'Urbanisme et d'Environnement d'Eure-et-Loir (CAUE)", a),
            ("CAUE", a, "CAUE 28", a),
            ("ADMS", a, "Association pour le Développement de la Médecine et du Sport d'Eure et Loir (ADMS)", a),
            ("CICAT", a, "Centre d'Information et de Consultation en Alcoolologie et Toxicomanie (CICAT)", a),
            ("Conseil départemental de l'Ordre des médecins 28", a, "ordre des médecins", a),
            ("MDA", a, "MDA 28", a),
            ("Centre hospitalier Henri Ey", a, "Centre Hospitalier Henri EY", a),
            ("Chartres métropole", a, "Chartres Métropole", a),
            ("Chartres métropole", a, "Chartres métropole (PCAET)", a),
            ("Chartres métropole", a, "Chartres métropole (CLS)", a),
            ("Chartres métropole Habitat", a, "Chartres Métropole Habitat", a),
            ("UNAFAM", a, "UNAFAM 28", a),
            ("CPTS La Salamandre", b, "CPTS la Salamandre", b),
            ("CCAS de Chartres", a, "Centre communal d'action sociale de Chartres", a),
            ("Département de Loir-et-Cher", b, "CD 41", b),
        ]
    }

    /// Mentions of two bodies: one acronym in two territories, near-identical names of
    /// different bodies (contexts: Eure-et-Loir, Loir-et-Cher, Sarthe).
    fn two_body_pairs<'c>(a: &'c Context, b: &'c Context, c: &'c Context) -> Vec<Pair<'c>> {
        vec![
            ("ARS", a, "ARS", c),
            ("ARS Centre-Val de Loire", a, "ARS Pays de la Loire", a),
            ("CPAM 28", a, "CPAM 41", a),
            ("CPAM", a, "CPAM", b),
            ("CCAS de Chartres", a, "CCAS de Lucé", a),
            ("CCAS de Chartres", a, "CCAS de Mainvilliers", a),
            ("CIAS de Chartres métropole", a, "CIAS du Blaisois", b),
            (
                "Conseil départemental d'Eure-et-Loir",
                a,
                "Conseil départemental de l'Ordre des médecins 28",
                a,
            ),
            ("CD 28", a, "ordre des médecins", a),
            ("Chartres métropole", a, "Chartres métropole Habitat", a),
            ("Chartres métropole", a, "Chartres métropole Eau (CMEau)", a),
            ("SPL Chartres Transports", a, "SPL Chartres Aménagement", a),
            ("Ville de Chartres", a, "Chartres métropole", a),
            ("Ville de Chartres", a, "CCAS de Chartres", a),
            ("Région", a, "Région", c),
            (
                "Conseil départemental du Cher",
                a,
                "Conseil départemental d'Eure-et-Loir",
                a,
            ),
            ("DSDEN", a, "DSDEN", b),
            ("Mutualité Française", a, "MSA", a),
            ("CAF", a, "CAF", b),
            ("CH de Blois", b, "CH de Chartres", a),
        ]
    }

    fn ctx(dep: &str) -> Context {
        let region = geo::departement(dep).map(|d| d.region.clone());
        Context::new(Some(dep.into()), region, None, BTreeMap::new())
    }

    /// Every région's ARS by its usual acronym or former name, from a contract of another
    /// région.
    #[test]
    fn ars_of_every_region_by_acronym_or_old_name() {
        let elsewhere = ctx("29");
        let cases: &[(&str, &str)] = &[
            ("ARS BFC", "27"),
            ("ARS ARA", "84"),
            ("ARS Auvergne-Rhône-Alpes", "84"),
            ("ARS PACA", "93"),
            ("ARS IDF", "11"),
            ("ARS HdF", "32"),
            ("ARS NA", "75"),
            ("ARS Aquitaine", "75"),
            ("ARS CVL", "24"),
            ("ARS PdL", "52"),
            ("ARS GE", "44"),
            ("ARS Alsace", "44"),
            ("ARS Occitanie", "76"),
            ("ARS Midi-Pyrénées", "76"),
            ("ARS Normandie", "28"),
            ("ARS Corse", "94"),
            ("Agence régionale de santé de La Réunion", "04"),
            ("ARS Guadeloupe", "01"),
            ("ARS", "53"),
        ];
        for (m, region) in cases {
            let k = resolve(m, &elsewhere).expect("an ARS");
            assert_eq!(
                (k.kind.as_str(), k.region.as_deref()),
                ("ars", Some(*region)),
                "{m}"
            );
        }
    }

    /// Bodies that exist once per département are never merged across départements;
    /// national networks act through local units; a région a mention names wins.
    #[test]
    fn territory_rules() {
        let (ev, iv, ml) = (ctx("28"), ctx("35"), ctx("49"));
        let apart: &[(&str, &Context, &str, &Context)] = &[
            (
                "Conférence des financeurs",
                &ev,
                "Conférence des financeurs",
                &iv,
            ),
            ("CPAM", &iv, "CPAM", &ml),
            ("DSDEN", &iv, "DSDEN 49", &iv),
            ("Mutualité Française", &ev, "Mutualité Française", &iv),
            ("UNAFAM", &iv, "UNAFAM", &ml),
            (
                "Addictions France",
                &iv,
                "Addictions France – Maine-et-Loire",
                &iv,
            ),
            ("Croix-Rouge française", &iv, "Croix Rouge", &ml),
        ];
        for (x, cx, y, cy) in apart {
            assert_ne!(id(x, cx), id(y, cy), "{x} vs {y}");
        }
        let same: &[(&str, &Context, &str, &Context)] = &[
            (
                "Addictions France – Maine-et-Loire",
                &iv,
                "Association Addictions France",
                &ml,
            ),
            (
                "Mutualité Française",
                &ml,
                "Mutualité Française Pays de la Loire",
                &iv,
            ),
            ("Croix Rouge", &iv, "Croix-Rouge française", &iv),
            (
                "Conférence des financeurs",
                &iv,
                "Conférence des financeurs d'Ille-et-Vilaine",
                &ev,
            ),
        ];
        for (x, cx, y, cy) in same {
            assert_eq!(id(x, cx), id(y, cy), "{x} ~ {y}");
        }
        let k = resolve("Promotion Santé Pays de la Loire", &ctx("69")).expect("key");
        assert_eq!(k.region.as_deref(), Some("52"));
        let k = resolve("Conférence des financeurs", &ev).expect("key");
        assert_eq!(
            (k.kind.as_str(), k.departement.as_deref()),
            ("cfppa", Some("28"))
        );
    }

    /// Spelling variants of one body (case, accents, articles, hyphens, Henri/Henry) share
    /// one identity within type and territory.
    #[test]
    fn spelling_variants_merge() {
        let c = ctx("59");
        let pairs: &[(&str, &str)] = &[
            (
                "Union nationale de familles de malades",
                "Union Nationale de Familles de Malades",
            ),
            (
                "Centre hospitalier Saint-Amand",
                "Centre Hospitalier Saint Amand",
            ),
            ("la Maison des Ados", "Maison des ados"),
            (
                "Centre hospitalier Pierre Lôti",
                "Centre hospitalier Pierre Loti",
            ),
        ];
        for (x, y) in pairs {
            assert_eq!(id(x, &c), id(y, &c), "{x} ~ {y}");
        }
        let keys: Vec<(OrgKey, usize)> = [
            "Centre hospitalier Henri Duval",
            "Centre hospitalier Henry Duval",
        ]
        .iter()
        .map(|m| (resolve(m, &c).expect("key"), 1))
        .collect();
        let map = cluster(&keys);
        assert_eq!(map[&keys[0].0.id], map[&keys[1].0.id]);
    }

    #[test]
    fn typo_of_one_hospital_is_clustered() {
        let a = ctx28();
        let keys: Vec<(OrgKey, usize)> = [
            "Centre hospitalier Henri Ey",
            "Centre hospitalier Henry Ey",
            "Centre hospitalier de Dreux",
        ]
        .iter()
        .map(|m| (resolve(m, &a).expect("key"), 1))
        .collect();
        let map = cluster(&keys);
        assert_eq!(map[&keys[0].0.id], map[&keys[1].0.id]);
        assert_ne!(map[&keys[0].0.id], map[&keys[2].0.id]);
    }

    /// Every kind of body gets its type from `data/types.tsv` (mention, contract's
    /// département, expected type).
    #[test]
    fn every_body_is_typed() {
        let cases: &[(&str, &str, &str)] = &[
            ("ARS", "28", "ars"),
            ("Délégation départementale de l'ARS", "28", "ars"),
            ("DD ARS 28", "28", "ars"),
            ("ARS DT 41", "28", "ars"),
            ("Préfecture d'Eure-et-Loir", "28", "prefecture"),
            ("Conseil départemental", "28", "cd"),
            ("Région Centre-Val de Loire", "28", "region"),
            ("Occitanie", "31", "region"),
            ("Nièvre", "58", "cd"),
            ("Ville de Chartres", "28", "commune"),
            ("Mairie de Lucé", "28", "commune"),
            ("Chartres", "28", "commune"),
            ("Communauté de communes du Val de Sarthe", "72", "epci"),
            ("Chartres métropole", "28", "epci"),
            ("Agglopolys", "41", "epci"),
            ("CCAS de Lucé", "28", "ccas"),
            ("CIAS du Blaisois", "41", "cias"),
            ("CPAM", "28", "cpam"),
            ("CAF", "28", "caf"),
            ("MSA Beauce Cœur de Loire", "28", "msa"),
            ("CARSAT", "28", "carsat"),
            ("Centre hospitalier de Dreux", "28", "ch"),
            ("CPTS du Perche", "28", "cpts"),
            ("MSP de Nogent", "28", "msp"),
            ("DAC 28", "28", "dac"),
            ("Protection maternelle et infantile", "28", "pmi"),
            ("PMI", "28", "pmi"),
            ("Éducation nationale", "28", "education-nationale"),
            ("Association Siel Bleu", "28", "association"),
            ("UNAFAM", "28", "association"),
            ("Mutuelle générale", "28", "mutuelle"),
            ("EHPAD Les Tilleuls", "28", "medico-social"),
            ("CSAPA", "28", "medico-social"),
            ("Gendarmerie nationale", "28", "etat"),
            ("Lycée Marceau", "28", "enseignement"),
            ("Lig'Air", "28", OTHER),
        ];
        for (m, dep, kind) in cases {
            let k = resolve(m, &ctx(dep)).unwrap_or_else(|| panic!("{m}: no key"));
            assert_eq!(k.kind, *kind, "{m}");
        }
    }

    /// A délégation of the ARS is the ARS of its département's région.
    #[test]
    fn ars_delegations_are_the_ars() {
        let c = ctx("28");
        let ars = id("ARS", &c);
        for m in [
            "Délégation départementale de l'ARS",
            "Délégation départementale d'Eure-et-Loir de l'ARS",
            "DD ARS 28",
            "ARS DT 28",
            "Délégation territoriale de l'Agence régionale de santé",
        ] {
            assert_eq!(id(m, &c), ars, "{m}");
        }
        let k = resolve("Délégation départementale de Seine-et-Marne de l'ARS", &c).expect("key");
        assert_eq!((k.kind.as_str(), k.region.as_deref()), ("ars", Some("11")));
    }

    /// Communes carry their INSEE code and EPCI their SIREN; homonyms without a
    /// département get none.
    #[test]
    fn communes_and_epci_carry_official_codes() {
        let k = resolve("Ville de Chartres", &ctx("28")).expect("key");
        assert_eq!(
            (k.code_insee.as_deref(), k.departement.as_deref()),
            (Some("28085"), Some("28"))
        );
        let k = resolve("Mairie de Saint-Denis", &ctx("93")).expect("key");
        assert_eq!(k.code_insee.as_deref(), Some("93066"));
        let none = Context::new(None, None, None, BTreeMap::new());
        let k = resolve("Ville de Saint-Denis", &none).expect("key");
        assert_eq!(k.code_insee, None);
        for m in [
            "Chartres métropole",
            "Communauté d'agglomération Chartres Métropole",
        ] {
            let k = resolve(m, &ctx("28")).expect("key");
            assert_eq!(k.siren.as_deref(), Some("200033181"), "{m}");
        }
        assert_eq!(
            id("Agglomération", &ctx28()),
            id("Chartres métropole", &ctx28())
        );
        let k = resolve("Communauté de communes du Pays imaginaire", &ctx("28")).expect("key");
        assert_eq!((k.kind.as_str(), k.siren), ("epci", None));
    }

    /// A funder's note after a name is no part of it; a note alone names no one.
    #[test]
    fn notes_are_not_names() {
        let c = ctx28();
        assert_eq!(
            id(
                "Chartres métropole Financements potentiels CPER selon cahier des charges",
                &c
            ),
            id("Chartres métropole", &c)
        );
        assert_eq!(
            id("Financements potentiels CPER selon cahier des charges", &c),
            None
        );
        assert_eq!(id("selon cahier des charges", &c), None);
        assert_eq!(id("Valorisation du temps de coordination", &c), None);
        assert_eq!(
            id("Moyens humains des partenaires (temps de travail)", &c),
            None
        );
        assert!(id("Centre de prestations sociales", &c).is_some());
    }

    #[test]
    fn ids_and_names() {
        let a = ctx28();
        let k = resolve("CD 28", &a).unwrap();
        assert_eq!(
            (k.id.as_str(), k.nom.as_str()),
            ("cd-28", "Conseil départemental d'Eure-et-Loir")
        );
        let k = resolve("ARS", &a).unwrap();
        assert_eq!(
            (k.id.as_str(), k.nom.as_str()),
            (
                "ars-centre-val-de-loire",
                "Agence régionale de santé Centre-Val de Loire"
            )
        );
        assert_eq!(resolve("CCAS de Chartres", &a).unwrap().id, "ccas-chartres");
        assert_eq!(resolve("associations", &a), None);
        assert_eq!(resolve("etc.", &a), None);
        assert_eq!(resolve("communes intéressées", &a), None);
    }
}
