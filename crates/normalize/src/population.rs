//! Official populations of intercommunalités (EPCI), to put a contract's budget per
//! inhabitant: INSEE's municipal population vendored from @etalab/decoupage-administratif
//! (`data/epci.tsv`, see `data/SOURCES.md`).

use crate::text::fold;
use std::sync::OnceLock;

/// One intercommunalité of the reference table.
#[derive(Debug, Clone, PartialEq)]
pub struct Epci {
    /// SIREN of the EPCI.
    pub code: String,
    /// Official name ("CA Chartres Métropole").
    pub nom: String,
    /// Municipal population (INSEE, the millésime of the vendored package).
    pub population: u64,
    /// Départements of its member communes.
    pub departements: Vec<String>,
    /// Folded names under which a contract may name it (official name without its type
    /// prefix, and a nickname quoted in the official name).
    keys: Vec<String>,
}

const EPCI: &str = include_str!("../data/epci.tsv");

/// Words that only say what kind of body an EPCI is, dropped before names are compared:
/// a contract says "Chartres métropole" where INSEE says "CA Chartres Métropole".
const TYPE_WORDS: &[&str] = &[
    "ca",
    "cc",
    "cu",
    "metropole",
    "communaute",
    "communautes",
    "d'agglomeration",
    "agglomeration",
    "urbaine",
    "de",
    "des",
    "du",
    "la",
    "le",
    "les",
    "l'",
    "d'",
    "communes",
    "agglo",
];

/// The comparable form of a name: folded, quotes and dashes as spaces, type words dropped.
fn key(s: &str) -> String {
    let f = fold(s).replace(['-', '\'', '"', '«', '»'], " ");
    f.split_whitespace()
        .filter(|w| !TYPE_WORDS.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn table() -> &'static [Epci] {
    static T: OnceLock<Vec<Epci>> = OnceLock::new();
    T.get_or_init(|| {
        EPCI.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                if c.len() < 5 {
                    return None;
                }
                let nom = c[1].to_string();
                let mut keys = vec![key(&nom)];
                // "CA de Blois ''Agglopolys''": the quoted nickname is a name of its own.
                let parts: Vec<&str> = nom.split("''").collect();
                if parts.len() >= 3 {
                    keys.push(key(parts[1]));
                    keys.push(key(parts[0]));
                }
                keys.retain(|k| !k.is_empty());
                Some(Epci {
                    code: c[0].to_string(),
                    nom,
                    population: c[3].parse().ok()?,
                    departements: c[4].split(',').map(str::to_string).collect(),
                    keys,
                })
            })
            .collect()
    })
}

/// The intercommunalité a territory name stands for, when exactly one EPCI has that name
/// (within the given départements when they are known); `None` when no name or several
/// match, since a wrong population is worse than none.
pub fn epci_named(nom: &str, departements: &[String]) -> Option<&'static Epci> {
    let k = key(nom);
    if k.is_empty() {
        return None;
    }
    let hits: Vec<&Epci> = table()
        .iter()
        .filter(|e| e.keys.contains(&k))
        .filter(|e| {
            departements.is_empty() || e.departements.iter().any(|d| departements.contains(d))
        })
        .collect();
    match hits.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_without_their_type_prefix_match_one_epci() {
        let cases = [
            ("Chartres métropole", "200033181"),
            ("Agglopolys", "200030385"),
            ("Communauté de communes du Val de Sarthe", "247200629"),
            ("Vitré Communauté", "200039022"),
        ];
        for (nom, code) in cases {
            assert_eq!(
                epci_named(nom, &[]).map(|e| e.code.as_str()),
                Some(code),
                "{nom}"
            );
        }
    }

    #[test]
    fn unknown_or_ambiguous_names_have_no_population() {
        assert_eq!(epci_named("Pays imaginaire du Nord", &[]), None);
        assert_eq!(epci_named("", &[]), None);
        // Right name, wrong département.
        assert_eq!(epci_named("Chartres métropole", &["75".to_string()]), None);
    }

    #[test]
    fn the_table_is_read_whole() {
        assert!(table().len() > 1200);
        assert!(table().iter().all(|e| e.population > 0));
    }
}
