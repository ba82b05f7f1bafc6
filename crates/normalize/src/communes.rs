//! French communes (INSEE code, name, EPCI, population) from @etalab/decoupage-administratif
//! (`data/communes.tsv`, see `data/SOURCES.md`), looked up by the name a contract writes.

use crate::text::fold;
use std::sync::OnceLock;

/// One current commune of the reference table.
#[derive(Debug, Clone, PartialEq)]
pub struct Commune {
    /// INSEE code ("28085").
    pub code: &'static str,
    /// Official name ("Chartres", "Le Mans").
    pub nom: &'static str,
    /// INSEE's liaison type (see `geo::de`).
    pub type_liaison: u8,
    /// Département code, from the INSEE code ("2A", "974").
    pub departement: &'static str,
    /// SIREN of the intercommunalité it belongs to, when it belongs to one.
    pub epci: Option<&'static str>,
    /// Municipal population (INSEE), when given.
    pub population: Option<u64>,
}

const COMMUNES: &str = include_str!("../data/communes.tsv");

/// The comparable form of a commune's name: folded, hyphens and apostrophes as spaces,
/// "St" / "Ste" written out ("St-Jean" is "Saint-Jean").
fn key(s: &str) -> String {
    fold(s)
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            w => w,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The département of an INSEE commune code: three characters overseas ("974…"), two
/// elsewhere ("2A…").
fn departement_of(code: &str) -> Option<&str> {
    if code.starts_with("97") {
        code.get(..3)
    } else {
        code.get(..2)
    }
}

struct Table {
    communes: Vec<Commune>,
    /// Name keys with the index of their commune, sorted by key.
    by_key: Vec<(&'static str, usize)>,
}

impl Table {
    /// The communes whose name has key `k`.
    fn named(&self, k: &str) -> Vec<&Commune> {
        let start = self.by_key.partition_point(|(x, _)| *x < k);
        self.by_key[start..]
            .iter()
            .take_while(|(x, _)| *x == k)
            .map(|(_, i)| &self.communes[*i])
            .collect()
    }
}

/// The table, read once. The name keys are stored in the file's last column (computed by
/// `key`, checked by a test), so that a process does not fold 35 000 names at start-up.
fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut communes = Vec::new();
        let mut by_key = Vec::new();
        for l in COMMUNES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let c: Vec<&'static str> = l.split('\t').collect();
            if c.len() < 6 {
                continue;
            }
            let Some(departement) = departement_of(c[0]) else {
                continue;
            };
            by_key.push((c[5], communes.len()));
            communes.push(Commune {
                code: c[0],
                nom: c[1],
                type_liaison: c[2].parse().unwrap_or(0),
                departement,
                epci: Some(c[3]).filter(|x| !x.is_empty()),
                population: c[4].parse().ok(),
            });
        }
        by_key.sort_unstable();
        Table { communes, by_key }
    })
}

/// The commune a name stands for. Homonyms are resolved only by a département: the one the
/// mention names (`named`, strict), else the contract's (`contract`), else the name must be
/// unique in France. `None` when it is no commune or stays ambiguous: a wrong code is worse
/// than none.
pub fn commune_named(
    nom: &str,
    named: Option<&str>,
    contract: Option<&str>,
) -> Option<&'static Commune> {
    let t = table();
    let k = key(nom);
    if k.is_empty() {
        return None;
    }
    // "Ville du Mans": the article the "de" swallowed is part of the official name.
    let hits: Vec<&Commune> = [
        k.clone(),
        format!("le {k}"),
        format!("la {k}"),
        format!("les {k}"),
    ]
    .iter()
    .flat_map(|k| t.named(k))
    .collect();
    let one = |v: Vec<&'static Commune>| match v.as_slice() {
        [c] => Some(*c),
        _ => None,
    };
    if let Some(d) = named {
        return one(hits.into_iter().filter(|c| c.departement == d).collect());
    }
    if let Some(d) = contract {
        let local: Vec<&Commune> = hits
            .iter()
            .copied()
            .filter(|c| c.departement == d)
            .collect();
        if !local.is_empty() {
            return one(local);
        }
    }
    one(hits)
}

/// The commune a contract's territory is ("Ville de Challans", "Challans"), in the
/// département the document names when it names one. `None` for an intercommunalité, a
/// "Pays" or a name that stays ambiguous.
pub fn territory_commune(nom: &str, departements: &[String]) -> Option<&'static Commune> {
    let folded = crate::text::Folded::new(nom.trim());
    let bare = [
        "ville de ",
        "ville d'",
        "commune de ",
        "commune d'",
        "mairie de ",
        "mairie d'",
    ]
    .iter()
    .find(|p| folded.as_str().starts_with(**p))
    .map_or(nom.trim(), |p| folded.original_after(p.len()));
    let c = commune_named(bare, departements.first().map(String::as_str), None)?;
    // The whole name must be the commune's: "Chartres métropole" is no commune.
    (key(c.nom) == key(bare)).then_some(c)
}

/// The commune of an INSEE code.
pub fn commune(code: &str) -> Option<&'static Commune> {
    let t = table();
    t.communes
        .binary_search_by(|c| c.code.cmp(code))
        .ok()
        .map(|i| &t.communes[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homonyms_need_a_departement() {
        /// (name, département named, contract's département, expected INSEE code)
        type Case<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let cases: &[Case] = &[
            ("Chartres", None, None, Some("28085")),
            ("Chartres", None, Some("41"), Some("28085")),
            ("Saint-Denis", None, None, None),
            ("Saint-Denis", Some("974"), None, Some("97411")),
            ("Saint-Denis", None, Some("93"), Some("93066")),
            ("St Denis", None, Some("93"), Some("93066")),
            ("Mans", None, None, Some("72181")),
            ("Chartres", Some("41"), None, None),
            ("Pays imaginaire", None, None, None),
        ];
        for (nom, named, contract, want) in cases {
            assert_eq!(
                commune_named(nom, *named, *contract).map(|c| c.code),
                *want,
                "{nom} {named:?} {contract:?}"
            );
        }
    }

    #[test]
    fn a_territory_is_a_commune_only_by_its_whole_name() {
        let deps = ["28".to_string()];
        assert_eq!(
            territory_commune("Ville de Chartres", &deps).map(|c| c.code),
            Some("28085")
        );
        assert_eq!(territory_commune("Chartres métropole", &deps), None);
        assert_eq!(territory_commune("Saint-Denis", &[]), None);
    }

    #[test]
    fn the_table_is_read_whole() {
        let t = table();
        assert!(t.communes.len() > 34_000);
        assert!(t.communes.windows(2).all(|w| w[0].code < w[1].code));
        let c = commune("28085").expect("Chartres");
        assert_eq!((c.departement, c.epci), ("28", Some("200033181")));
        assert_eq!(commune("2A004").map(|c| c.departement), Some("2A"));
    }

    #[test]
    fn every_stored_key_is_the_key_of_its_name() {
        // `CLS_UPDATE_COMMUNE_KEYS=1` rewrites the last column from `key` (after a change
        // of `key` or of the table); review the diff before committing.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/communes.tsv");
        if std::env::var_os("CLS_UPDATE_COMMUNE_KEYS").is_some() {
            let mut out = String::new();
            for l in COMMUNES.lines() {
                let mut c: Vec<&str> = l.split('\t').collect();
                if l.starts_with('#') {
                    c.truncate(5);
                    out.push_str(&c.join("\t"));
                    out.push_str("\tcle_du_nom\n");
                    continue;
                }
                c.truncate(5);
                let k = key(c[1]);
                out.push_str(&c.join("\t"));
                out.push('\t');
                out.push_str(&k);
                out.push('\n');
            }
            std::fs::write(path, out).expect("communes.tsv written");
            return;
        }
        let mut wrong = Vec::new();
        for l in COMMUNES.lines().filter(|l| !l.starts_with('#')) {
            let c: Vec<&str> = l.split('\t').collect();
            if c.get(5).copied() != Some(key(c[1]).as_str()) {
                wrong.push(l.to_string());
            }
        }
        assert!(
            wrong.is_empty(),
            "stale keys (run with CLS_UPDATE_COMMUNE_KEYS=1): {:?}",
            &wrong[..wrong.len().min(5)]
        );
    }
}
