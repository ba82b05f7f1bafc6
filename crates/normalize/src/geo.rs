//! French départements and régions (INSEE codes and names, from
//! @etalab/decoupage-administratif, see `data/SOURCES.md`): lookups by code or name found
//! in a text, and the "de / du / d' …" form of a name.

use crate::text::fold;
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct Departement {
    pub code: String,
    pub nom: String,
    pub type_liaison: u8,
    pub region: String,
}

#[derive(Debug, Clone)]
pub struct Region {
    pub code: String,
    pub nom: String,
    pub type_liaison: u8,
}

struct Geo {
    deps: Vec<(Departement, String)>,
    regions: Vec<(Region, String)>,
}

const DEPS: &str = include_str!("../data/departements.tsv");
const REGS: &str = include_str!("../data/regions.tsv");

/// Folded name with hyphens as spaces: "Eure-et-Loir" → "eure et loir".
fn key(s: &str) -> String {
    fold(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn geo() -> &'static Geo {
    static G: OnceLock<Geo> = OnceLock::new();
    G.get_or_init(|| {
        let rows = |t: &'static str| {
            t.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.split('\t').collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        let deps = rows(DEPS)
            .into_iter()
            .filter(|c| c.len() >= 4)
            .map(|c| {
                let d = Departement {
                    code: c[0].to_string(),
                    nom: c[1].to_string(),
                    type_liaison: c[2].parse().unwrap_or(0),
                    region: c[3].to_string(),
                };
                let k = key(&d.nom);
                (d, k)
            })
            .collect();
        let regions = rows(REGS)
            .into_iter()
            .filter(|c| c.len() >= 3)
            .map(|c| {
                let r = Region {
                    code: c[0].to_string(),
                    nom: c[1].to_string(),
                    type_liaison: c[2].parse().unwrap_or(0),
                };
                let k = key(&r.nom);
                (r, k)
            })
            .collect();
        Geo { deps, regions }
    })
}

pub fn departement(code: &str) -> Option<&'static Departement> {
    geo().deps.iter().map(|d| &d.0).find(|d| d.code == code)
}

pub fn region(code: &str) -> Option<&'static Region> {
    geo().regions.iter().map(|r| &r.0).find(|r| r.code == code)
}

/// Whether a word is a département code ("28", "2A", "974", "(28)"): punctuation around
/// it aside, the code of a département of the reference data.
pub fn is_dept_code(w: &str) -> bool {
    departement(w.trim_matches(|c: char| !c.is_alphanumeric())).is_some()
}

/// The départements' names folded with hyphens as spaces ("eure et loir"), as
/// [`find_departement`] compares them.
pub fn departement_keys() -> impl Iterator<Item = &'static str> {
    geo().deps.iter().map(|(_, k)| k.as_str())
}

/// Whether `needle` occurs in `hay` as whole words (both already folded, space-separated).
fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before = start == 0 || hay.as_bytes()[start - 1] == b' ';
        let after = end == hay.len() || hay.as_bytes()[end] == b' ';
        if before && after {
            return true;
        }
        from = start + 1;
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// Whether a text starts with a place, as the local branch of a body is named after it: a
/// département ("Saône-et-Loire", "Lot"), a région, or a département's number, possibly
/// after a cardinal point ("Sud 77", "Nord Isère").
pub fn starts_with_place(text: &str) -> bool {
    let k = key(text);
    let k = ["nord ", "sud ", "est ", "ouest "]
        .iter()
        .find_map(|c| k.strip_prefix(c))
        .unwrap_or(&k);
    let starts = |name: &str| {
        k.strip_prefix(name)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    k.split(' ').next().is_some_and(is_dept_code)
        || geo().deps.iter().any(|(_, dk)| starts(dk))
        || geo().regions.iter().any(|(_, rk)| starts(rk))
}

/// A département named or numbered in a mention: "CD 28", "CD28", "CPAM du Jura",
/// "Caisse Primaire de l'Assurance Maladie 41", "Conseil départemental d'Eure-et-Loir".
pub fn find_departement(text: &str) -> Option<String> {
    let k = key(text);
    // Longest names first: "Loir-et-Cher" before "Cher".
    let mut best: Option<(&Departement, usize)> = None;
    for (d, dk) in &geo().deps {
        if contains_words(&k, dk) && best.is_none_or(|b| b.1 < dk.len()) {
            best = Some((d, dk.len()));
        }
    }
    if let Some((b, _)) = best {
        return Some(b.code.clone());
    }
    // A code: a separate token, or glued to an acronym ("CD28", "DSDEN28").
    for tok in text.split(|c: char| !c.is_alphanumeric()) {
        if tok.len() >= 4 && tok.chars().take_while(|c| c.is_ascii_uppercase()).count() >= 2 {
            let digits: String = tok
                .chars()
                .skip_while(|c| c.is_ascii_alphabetic())
                .collect();
            if (digits.len() == 2 || digits.len() == 3) && is_dept_code(&digits) {
                return Some(digits);
            }
        }
        if (tok.len() == 2 || tok.len() == 3)
            && tok.chars().all(|c| c.is_ascii_digit())
            && is_dept_code(tok)
        {
            return Some(tok.to_string());
        }
    }
    None
}

/// A région named in a text ("Centre-Val de Loire", "Centre Val de Loire", "Bretagne").
pub fn find_region(text: &str) -> Option<String> {
    let k = key(text);
    geo()
        .regions
        .iter()
        .filter(|(_, rk)| contains_words(&k, rk))
        .max_by_key(|(_, rk)| rk.len())
        .map(|(r, _)| r.code.clone())
}

const REGION_ALIASES: &str = include_str!("../data/regions-alias.tsv");

/// A région named by its usual acronym ("ARS BFC", "ARS PdL": whole words, case as
/// written) or by a former name ("ARS Aquitaine", "Midi-Pyrénées": folded whole words),
/// from `data/regions-alias.tsv`. Meant for the words after a régional body's name: on
/// running text, short acronyms would match ordinary words.
pub fn find_region_alias(text: &str) -> Option<String> {
    static ALIASES: OnceLock<Vec<(String, String, bool)>> = OnceLock::new();
    let aliases = ALIASES.get_or_init(|| {
        REGION_ALIASES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(code, alias)| {
                let acronym = alias.chars().filter(|c| c.is_uppercase()).count() >= 2
                    && !alias.contains(' ')
                    && !alias.contains('-');
                let k = if acronym {
                    alias.to_string()
                } else {
                    key(alias)
                };
                (code.to_string(), k, acronym)
            })
            .collect()
    });
    let k = key(text);
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    aliases
        .iter()
        .filter(|(_, a, acronym)| {
            if *acronym {
                words.contains(&a.as_str())
            } else {
                contains_words(&k, a)
            }
        })
        .max_by_key(|(_, a, _)| a.len())
        .map(|(code, _, _)| code.clone())
}

/// "de" form of a name by its INSEE liaison type: "d'Eure-et-Loir", "du Cher", "de la
/// Sarthe", "des Yvelines", "de l'Ain", "de Paris".
pub fn de(nom: &str, type_liaison: u8) -> String {
    match type_liaison {
        1 => format!("d'{nom}"),
        2 => format!("du {nom}"),
        3 => format!("de la {nom}"),
        4 => format!("des {nom}"),
        5 => format!("de l'{nom}"),
        _ => format!("de {nom}"),
    }
}

/// Names split into words, indexed by their first word, for a linear scan of texts.
struct NameIndex {
    /// first word → (code, words), longest names first.
    by_first: std::collections::HashMap<String, Vec<(String, Vec<String>)>>,
}

fn index(names: impl Iterator<Item = (String, String)>) -> NameIndex {
    let mut by_first: std::collections::HashMap<String, Vec<(String, Vec<String>)>> =
        std::collections::HashMap::new();
    for (code, k) in names {
        let words: Vec<String> = k.split(' ').map(str::to_string).collect();
        by_first
            .entry(words[0].clone())
            .or_default()
            .push((code, words));
    }
    for v in by_first.values_mut() {
        v.sort_by_key(|e| std::cmp::Reverse(e.1.len()));
    }
    NameIndex { by_first }
}

fn dept_index() -> &'static NameIndex {
    static I: OnceLock<NameIndex> = OnceLock::new();
    I.get_or_init(|| index(geo().deps.iter().map(|(d, k)| (d.code.clone(), k.clone()))))
}

fn region_index() -> &'static NameIndex {
    static I: OnceLock<NameIndex> = OnceLock::new();
    I.get_or_init(|| {
        index(
            geo()
                .regions
                .iter()
                .map(|(r, k)| (r.code.clone(), k.clone())),
        )
    })
}

/// The codes of names found in a word sequence (longest match at each position), and the
/// positions they cover.
fn scan(words: &[&str], idx: &NameIndex, covered: &mut [bool]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if covered[i] {
            i += 1;
            continue;
        }
        let hit = idx.by_first.get(words[i]).and_then(|c| {
            c.iter().find(|(_, w)| {
                i + w.len() <= words.len()
                    && w.iter().zip(&words[i..]).all(|(a, b)| a == b)
                    && !covered[i..i + w.len()].iter().any(|x| *x)
            })
        });
        match hit {
            Some((code, w)) => {
                out.push(code.clone());
                for c in covered.iter_mut().skip(i).take(w.len()) {
                    *c = true;
                }
                i += w.len();
            }
            None => i += 1,
        }
    }
    out
}

/// Départements named (not numbered: "66 communes" is no Pyrénées-Orientales) in texts,
/// most mentioned first. A name inside a région's name ("Centre-Val de Loire" is not the
/// Loire) or inside a longer département's name ("Loir-et-Cher" is not the Cher) does not
/// count.
pub fn departements_named<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for t in texts {
        let k = key(t);
        let words: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
        let mut covered = vec![false; words.len()];
        scan(&words, region_index(), &mut covered);
        for code in scan(&words, dept_index(), &mut covered) {
            match counts.iter_mut().find(|x| x.0 == code) {
                Some(x) => x.1 += 1,
                None => counts.push((code, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.into_iter().map(|c| c.0).collect()
}

/// All départements named or numbered in a set of texts, most mentioned first.
pub fn departements_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for t in texts {
        if let Some(c) = find_departement(t) {
            match counts.iter_mut().find(|x| x.0 == c) {
                Some(x) => x.1 += 1,
                None => counts.push((c, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.into_iter().map(|c| c.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_branch_is_named_after_a_place() {
        assert!(starts_with_place("Saône-et-Loire"));
        assert!(starts_with_place("Sud 77"));
        assert!(starts_with_place("Lot"));
        assert!(starts_with_place("Nouvelle-Aquitaine"));
        assert!(!starts_with_place("Lig'Air ARS"));
        assert!(!starts_with_place("Lotissement"));
    }

    #[test]
    fn lookups() {
        assert_eq!(find_departement("CD 28").as_deref(), Some("28"));
        assert_eq!(find_departement("CD28").as_deref(), Some("28"));
        assert_eq!(find_departement("DSDEN28").as_deref(), Some("28"));
        assert_eq!(find_departement("CPAM du Jura").as_deref(), Some("39"));
        assert_eq!(
            find_departement("Caisse Primaire de l'Assurance Maladie 41").as_deref(),
            Some("41")
        );
        assert_eq!(
            find_departement("Conseil départemental d'Eure-et-Loir").as_deref(),
            Some("28")
        );
        assert_eq!(
            find_departement("Association … d'Eure et Loir (ADMS)").as_deref(),
            Some("28")
        );
        assert_eq!(
            find_departement("Département de Loir-et-Cher").as_deref(),
            Some("41")
        );
        assert_eq!(
            find_departement("Conseil départemental du Cher").as_deref(),
            Some("18")
        );
        assert_eq!(find_departement("ARS"), None);
        assert_eq!(find_departement("2020-2025"), None);
        assert_eq!(
            find_region("ARS Centre-Val de Loire").as_deref(),
            Some("24")
        );
        assert_eq!(
            find_region("ARS Centre Val de Loire").as_deref(),
            Some("24")
        );
        assert_eq!(find_region("ARS Pays de la Loire").as_deref(), Some("52"));
        assert_eq!(departement("28").map(|d| d.region.as_str()), Some("24"));
        assert_eq!(de("Eure-et-Loir", 1), "d'Eure-et-Loir");
        assert_eq!(de("Cher", 2), "du Cher");
    }
}
