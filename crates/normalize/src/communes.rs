//! French communes (INSEE code, name, EPCI, population) from @etalab/decoupage-administratif
//! (`data/communes.tsv`, see `data/SOURCES.md`), looked up by the name a contract writes.

use crate::text::fold;

/// One current commune of the reference table.
#[derive(Debug, Clone, Copy, PartialEq)]
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

/// The data lines of the table (after its header), sorted by their name key, which is the
/// last column (computed by `key`, checked by a test). A name is found by binary search in
/// the text itself, so a process parses nothing at start-up: building an index of 35 000
/// lines took longer than reading a contract's whole text.
fn data() -> &'static str {
    COMMUNES
        .find('\n')
        .filter(|_| COMMUNES.starts_with('#'))
        .map_or(COMMUNES, |i| &COMMUNES[i + 1..])
}

/// The name key of one data line (its last column).
fn line_key(line: &str) -> &str {
    line.rsplit('\t').next().unwrap_or("")
}

/// The line of `text` that contains byte `pos`, as (start, end of its terminator).
fn line_around(text: &str, lo: usize, pos: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let start = b[lo..pos]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(lo, |i| lo + i + 1);
    let end = b[pos..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |i| pos + i + 1);
    (start, end)
}

/// One data line as a commune; `None` for a malformed line.
fn parse_line(line: &'static str) -> Option<Commune> {
    let mut c = line.split('\t');
    let code = c.next()?;
    let nom = c.next()?;
    let type_liaison = c.next()?.parse().unwrap_or(0);
    let epci = c.next()?;
    let population = c.next()?.parse().ok();
    c.next()?;
    Some(Commune {
        code,
        nom,
        type_liaison,
        departement: departement_of(code)?,
        epci: Some(epci).filter(|x| !x.is_empty()),
        population,
    })
}

/// The communes whose name has key `k`.
fn named(k: &str) -> Vec<Commune> {
    let text = data();
    let (mut lo, mut hi) = (0, text.len());
    // Invariant: every line before `lo` has a key below `k`, every line from `hi` on has a
    // key at or above it; both are line starts.
    while lo < hi {
        let (start, end) = line_around(text, lo, lo + (hi - lo) / 2);
        if line_key(text[start..end].trim_end_matches(['\n', '\r'])) < k {
            lo = end;
        } else {
            hi = start;
        }
    }
    text[lo..]
        .lines()
        .take_while(|l| line_key(l) == k)
        .filter_map(parse_line)
        .collect()
}

/// The commune a name stands for. Homonyms are resolved only by a département: the one the
/// mention names (`named`, strict), else the contract's (`contract`), else the name must be
/// unique in France. `None` when it is no commune or stays ambiguous: a wrong code is worse
/// than none.
pub fn commune_named(nom: &str, named: Option<&str>, contract: Option<&str>) -> Option<Commune> {
    let k = key(nom);
    if k.is_empty() {
        return None;
    }
    // "Ville du Mans": the article the "de" swallowed is part of the official name.
    let hits: Vec<Commune> = [
        k.clone(),
        format!("le {k}"),
        format!("la {k}"),
        format!("les {k}"),
    ]
    .iter()
    .flat_map(|k| self::named(k))
    .collect();
    let one = |v: Vec<Commune>| match v.as_slice() {
        [c] => Some(*c),
        _ => None,
    };
    if let Some(d) = named {
        return one(hits.into_iter().filter(|c| c.departement == d).collect());
    }
    if let Some(d) = contract {
        let local: Vec<Commune> = hits
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
pub fn territory_commune(nom: &str, departements: &[String]) -> Option<Commune> {
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

/// The commune of an INSEE code. A linear scan (the table is sorted by name): for tools
/// and tests, not for reading contracts.
pub fn commune(code: &str) -> Option<Commune> {
    data()
        .lines()
        .filter(|l| l.split('\t').next() == Some(code))
        .find_map(parse_line)
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
        let lines: Vec<&str> = data().lines().collect();
        assert!(lines.len() > 34_000);
        assert!(lines.iter().all(|l| parse_line(l).is_some()));
        let c = commune("28085").expect("Chartres");
        assert_eq!((c.departement, c.epci), ("28", Some("200033181")));
        assert_eq!(commune("2A004").map(|c| c.departement), Some("2A"));
    }

    #[test]
    fn the_table_is_sorted_by_name_key_and_every_commune_is_found_by_it() {
        let lines: Vec<&'static str> = data().lines().collect();
        let unsorted: Vec<_> = lines
            .windows(2)
            .filter(|w| line_key(w[0]) > line_key(w[1]))
            .take(3)
            .collect();
        assert!(
            unsorted.is_empty(),
            "run with CLS_UPDATE_COMMUNE_KEYS=1: {unsorted:?}"
        );
        for l in lines {
            let c = parse_line(l).expect("line");
            assert!(named(line_key(l)).iter().any(|f| f.code == c.code), "{l}");
        }
    }

    #[test]
    fn every_stored_key_is_the_key_of_its_name() {
        // `CLS_UPDATE_COMMUNE_KEYS=1` rewrites the last column from `key` and sorts the
        // lines by it (after a change of `key` or of the table); review the diff before
        // committing.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/communes.tsv");
        if std::env::var_os("CLS_UPDATE_COMMUNE_KEYS").is_some() {
            let mut out = String::new();
            let mut rows: Vec<(String, String)> = Vec::new();
            for l in COMMUNES.lines() {
                let mut c: Vec<&str> = l.split('\t').collect();
                c.truncate(5);
                if l.starts_with('#') {
                    out.push_str(&c.join("\t"));
                    out.push_str("\tcle_du_nom\n");
                    continue;
                }
                let k = key(c[1]);
                rows.push((format!("{k}\t{}", c[0]), format!("{}\t{k}\n", c.join("\t"))));
            }
            rows.sort();
            out.extend(rows.into_iter().map(|(_, line)| line));
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

/// The territory's name without the title of a commune's council: a commune's contract is
/// the territory of the commune, named as INSEE names it ("Ville de Saint-Aubin", "Commune
/// de Plouvenec", "Mairie d'Arles" → "Saint-Aubin", "Plouvenec", "Arles"), so that the
/// same commune has one name whether its page or its PDF was read. Other names are kept.
pub fn without_council_title(nom: &str) -> &str {
    let t = nom.trim();
    for head in ["ville", "commune", "mairie"] {
        let Some(rest) = t.get(..head.len()).filter(|h| h.eq_ignore_ascii_case(head)) else {
            continue;
        };
        let rest = &t[rest.len()..];
        let name = rest
            .strip_prefix(" de ")
            .or_else(|| rest.strip_prefix(" d'"))
            .or_else(|| rest.strip_prefix(" d’"))
            .map(str::trim_start);
        if let Some(n) = name.filter(|n| n.chars().next().is_some_and(char::is_uppercase)) {
            return n;
        }
    }
    t
}

#[cfg(test)]
mod council_title_tests {
    use super::without_council_title;

    #[test]
    fn a_communes_council_title_is_dropped_and_other_names_kept() {
        for (raw, want) in [
            ("Ville de Saint-Aubin-des-Vignes", "Saint-Aubin-des-Vignes"),
            ("Commune de Plouvenec", "Plouvenec"),
            ("Mairie d'Arles", "Arles"),
            ("Ville d’Évreux", "Évreux"),
            ("ville de Blois", "Blois"),
            ("Villeneuve-sur-Lot", "Villeneuve-sur-Lot"),
            ("Ville de la santé", "Ville de la santé"),
            (
                "Communauté de communes du Val",
                "Communauté de communes du Val",
            ),
            (
                "Commune nouvelle de Montrevault",
                "Commune nouvelle de Montrevault",
            ),
            ("Chartres métropole", "Chartres métropole"),
        ] {
            assert_eq!(without_council_title(raw), want, "{raw}");
        }
    }
}
