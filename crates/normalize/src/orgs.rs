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

use crate::geo;
use crate::mentions::{body_of_unit, is_generic, own_sigle};
use crate::text::{fold, slug};
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// How an institution is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Region,
    Dept,
    /// Named body (hospital, CPTS…), placed in its département.
    Named,
    Commune,
    Epci,
}

struct Kind {
    code: &'static str,
    acronyms: &'static [&'static str],
    /// Folded long forms, the most specific first.
    long: &'static [&'static str],
    scope: Scope,
    label: &'static str,
}

/// The built-in table of health and social bodies. Order matters: the Ordre des médecins
/// before the Conseil départemental it is often written like.
const KINDS: &[Kind] = &[
    Kind {
        code: "cdom",
        acronyms: &["CDOM"],
        long: &[
            "conseil departemental de l'ordre des medecins",
            "ordre departemental des medecins",
            "ordre des medecins",
        ],
        scope: Scope::Dept,
        label: "Conseil départemental de l'Ordre des médecins",
    },
    Kind {
        code: "ars",
        acronyms: &["ARS"],
        long: &["agence regionale de sante"],
        scope: Scope::Region,
        label: "Agence régionale de santé",
    },
    Kind {
        code: "region",
        acronyms: &["CR"],
        long: &["conseil regional", "region"],
        scope: Scope::Region,
        label: "Conseil régional",
    },
    Kind {
        code: "cd",
        acronyms: &["CD", "CG"],
        long: &["conseil departemental", "conseil general", "departement"],
        scope: Scope::Dept,
        label: "Conseil départemental",
    },
    Kind {
        code: "cpam",
        acronyms: &["CPAM"],
        long: &[
            "caisse primaire d'assurance maladie",
            "caisse primaire de l'assurance maladie",
            "assurance maladie",
        ],
        scope: Scope::Dept,
        label: "Caisse primaire d'assurance maladie",
    },
    Kind {
        code: "caf",
        acronyms: &["CAF"],
        long: &["caisse d'allocations familiales"],
        scope: Scope::Dept,
        label: "Caisse d'allocations familiales",
    },
    Kind {
        code: "msa",
        acronyms: &["MSA"],
        long: &["mutualite sociale agricole"],
        scope: Scope::Dept,
        label: "Mutualité sociale agricole",
    },
    Kind {
        code: "carsat",
        acronyms: &["CARSAT"],
        long: &["caisse d'assurance retraite et de la sante au travail"],
        scope: Scope::Region,
        label: "Caisse d'assurance retraite et de la santé au travail",
    },
    Kind {
        code: "dsden",
        acronyms: &["DSDEN", "DASEN"],
        long: &[
            "direction des services departementaux de l'education nationale",
            "direction academique des services de l'education nationale",
        ],
        scope: Scope::Dept,
        label: "Direction des services départementaux de l'Éducation nationale",
    },
    Kind {
        code: "mda",
        acronyms: &["MDA"],
        long: &["maison departementale de l'autonomie"],
        scope: Scope::Dept,
        label: "Maison départementale de l'autonomie",
    },
    Kind {
        code: "mdph",
        acronyms: &["MDPH"],
        long: &["maison departementale des personnes handicapees"],
        scope: Scope::Dept,
        label: "Maison départementale des personnes handicapées",
    },
    Kind {
        code: "udaf",
        acronyms: &["UDAF"],
        long: &["union departementale des associations familiales"],
        scope: Scope::Dept,
        label: "Union départementale des associations familiales",
    },
    Kind {
        code: "ddcspp",
        acronyms: &["DDCSPP", "DDCS"],
        long: &[
            "direction departementale de la cohesion sociale et de la protection des populations",
            "direction departementale de la cohesion sociale",
        ],
        scope: Scope::Dept,
        label:
            "Direction départementale de la cohésion sociale et de la protection des populations",
    },
    Kind {
        code: "ddets",
        acronyms: &["DDETS", "DDETSPP"],
        long: &["direction departementale de l'emploi, du travail et des solidarites"],
        scope: Scope::Dept,
        label: "Direction départementale de l'emploi, du travail et des solidarités",
    },
    Kind {
        code: "cfppa",
        acronyms: &["CFPPA"],
        long: &[
            "conference des financeurs de la prevention de la perte d'autonomie",
            "conference des financeurs",
        ],
        scope: Scope::Dept,
        label: "Conférence des financeurs de la prévention de la perte d'autonomie",
    },
    Kind {
        code: "pmi",
        acronyms: &["PMI"],
        long: &["protection maternelle et infantile"],
        scope: Scope::Dept,
        label: "Protection maternelle et infantile",
    },
    Kind {
        code: "sdis",
        acronyms: &["SDIS"],
        long: &["service departemental d'incendie et de secours"],
        scope: Scope::Dept,
        label: "Service départemental d'incendie et de secours",
    },
    Kind {
        code: "ddt",
        acronyms: &["DDT", "DDTM"],
        long: &["direction departementale des territoires"],
        scope: Scope::Dept,
        label: "Direction départementale des territoires",
    },
    Kind {
        code: "education-nationale",
        acronyms: &[],
        long: &["education nationale"],
        scope: Scope::Dept,
        label: "Services de l'Éducation nationale",
    },
    Kind {
        code: "mission-locale",
        acronyms: &[],
        long: &["mission locale"],
        scope: Scope::Epci,
        label: "Mission locale",
    },
    Kind {
        code: "prefecture",
        acronyms: &[],
        long: &["prefecture", "prefet"],
        scope: Scope::Dept,
        label: "Préfecture",
    },
    Kind {
        code: "ireps",
        acronyms: &["IREPS"],
        long: &["instance regionale d'education et de promotion de la sante"],
        scope: Scope::Region,
        label: "Instance régionale d'éducation et de promotion de la santé",
    },
    Kind {
        code: "ors",
        acronyms: &["ORS"],
        long: &[
            "observatoire regional de sante",
            "observatoire regional de la sante",
        ],
        scope: Scope::Region,
        label: "Observatoire régional de santé",
    },
    Kind {
        code: "urps",
        acronyms: &["URPS"],
        long: &["union regionale des professionnels de sante"],
        scope: Scope::Region,
        label: "Union régionale des professionnels de santé",
    },
    Kind {
        code: "ccas",
        acronyms: &["CCAS"],
        long: &["centre communal d'action sociale"],
        scope: Scope::Commune,
        label: "Centre communal d'action sociale",
    },
    Kind {
        code: "cias",
        acronyms: &["CIAS"],
        long: &["centre intercommunal d'action sociale"],
        scope: Scope::Epci,
        label: "Centre intercommunal d'action sociale",
    },
    Kind {
        code: "chu",
        acronyms: &["CHU", "CHRU", "CHR"],
        long: &[
            "centre hospitalier universitaire",
            "centre hospitalier regional universitaire",
            "centre hospitalier regional",
        ],
        scope: Scope::Named,
        label: "Centre hospitalier universitaire",
    },
    Kind {
        code: "ch",
        acronyms: &["CH", "CHS"],
        long: &[
            "centre hospitalier specialise",
            "centre hospitalier",
            "hopitaux",
            "hopital",
            "centre hospitalier intercommunal",
        ],
        scope: Scope::Named,
        label: "Centre hospitalier",
    },
    Kind {
        code: "cpts",
        acronyms: &["CPTS"],
        long: &["communaute professionnelle territoriale de sante"],
        scope: Scope::Named,
        label: "Communauté professionnelle territoriale de santé",
    },
    Kind {
        code: "msp",
        acronyms: &["MSP"],
        long: &[
            "maison de sante pluriprofessionnelle",
            "maison de sante pluridisciplinaire",
            "maison de sante",
        ],
        scope: Scope::Named,
        label: "Maison de santé pluriprofessionnelle",
    },
    Kind {
        code: "ville",
        acronyms: &[],
        long: &["ville", "mairie", "communes", "commune"],
        scope: Scope::Commune,
        label: "Ville",
    },
];

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
#[derive(Debug, Clone, PartialEq)]
pub struct OrgKey {
    pub id: String,
    pub nom: String,
    pub sigle: Option<String>,
    pub kind: String,
    pub departement: Option<String>,
    pub region: Option<String>,
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

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.iter().filter(|c| c.is_uppercase()).count() * 2 > letters.len()
        && letters[0].is_uppercase()
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

/// Resolves one mention. `None` for generic groups ("associations", "etc.").
pub fn resolve(mention: &str, ctx: &Context) -> Option<OrgKey> {
    let raw = strip_articles(body_of_unit(mention.trim()).trim_end_matches(['.', ',', ';']));
    if raw.is_empty() || fold(&raw).trim_end_matches('.') == "etc" {
        return None;
    }
    // A generic group ("associations", "communes intéressées") is no organisation, unless
    // it names a territorial body ("ordre des médecins", "CIAS").
    let typed = {
        let f = fold(&raw);
        let first = raw.split_whitespace().next().unwrap_or("");
        KINDS.iter().any(|k| {
            k.acronyms.contains(&first)
                || (matches!(k.scope, Scope::Dept | Scope::Region | Scope::Epci)
                    && k.long.iter().any(|l| f.starts_with(l)))
        })
    };
    if is_generic(&raw) && !typed {
        return None;
    }
    let spaced = unglue(&raw);
    let f = fold(&spaced);
    let first = spaced.split_whitespace().next().unwrap_or("");
    for k in KINDS {
        let (matched, rest) = if k.acronyms.contains(&first) {
            (true, spaced[first.len()..].trim().to_string())
        } else if let Some(l) = k.long.iter().find(|l| {
            f.starts_with(*l)
                && f[l.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
        }) {
            // Keep the original spelling of the remainder: skip as many characters.
            let n = l.chars().count();
            (
                true,
                spaced
                    .chars()
                    .skip(n)
                    .collect::<String>()
                    .trim()
                    .to_string(),
            )
        } else if let Some(l) = k.long.iter().find(|l| l.len() > 12 && f.contains(*l)) {
            // "Financements de l'Agence Régionale de Santé (ARS)".
            let pos = f.find(l).unwrap_or(0);
            (
                pos < 30,
                spaced
                    .chars()
                    .skip(f[..pos].chars().count() + l.chars().count())
                    .collect::<String>()
                    .trim()
                    .to_string(),
            )
        } else {
            (false, String::new())
        };
        if !matched {
            continue;
        }
        // "Département" alone in a partner list is the Conseil départemental; "Région"
        // alone the Conseil régional; "Ville de X" needs its X.
        let rest = rest
            .trim_start_matches(['(', ')', '-', '–', ',', ':', ' '])
            .trim()
            .to_string();
        let rest_f = fold(&rest);
        let rest_clean = rest_f
            .trim_start_matches("de la ")
            .trim_start_matches("de l'")
            .trim_start_matches("du ")
            .trim_start_matches("des ")
            .trim_start_matches("de ")
            .trim_start_matches("d'")
            .to_string();
        if k.code == "region"
            && !(rest.is_empty()
                || geo::find_region(&rest).is_some()
                || rest_clean.starts_with("centre"))
        {
            continue;
        }
        if k.code == "cd"
            && f.starts_with("departement")
            && !rest.is_empty()
            && geo::find_departement(&rest).is_none()
        {
            continue;
        }
        let sigle = k.acronyms.first().map(|s| s.to_string());
        return match k.scope {
            Scope::Region => {
                let r = region_of(ctx, &rest)?;
                let rn = geo::region(&r).map(|x| x.nom.clone()).unwrap_or_default();
                Some(OrgKey {
                    id: format!("{}-{}", k.code, slug(&rn, 60)),
                    nom: format!("{} {}", k.label, rn),
                    sigle,
                    kind: k.code.into(),
                    departement: None,
                    region: Some(r),
                })
            }
            Scope::Dept => {
                let d = geo::find_departement(&rest).or_else(|| ctx.departement.clone())?;
                let dep = geo::departement(&d)?;
                Some(OrgKey {
                    id: format!("{}-{}", k.code, d.to_lowercase()),
                    nom: format!("{} {}", k.label, geo::de(&dep.nom, dep.type_liaison)),
                    sigle,
                    kind: k.code.into(),
                    departement: Some(d),
                    region: Some(dep.region.clone()),
                })
            }
            Scope::Commune | Scope::Epci | Scope::Named => {
                // The place or name: "CCAS de Chartres" → Chartres; "CIAS" alone → the
                // contract's own territory; "Centre hospitalier Henri Ey" → Henri Ey.
                let mut name = rest.clone();
                for p in ["de la ", "de l'", "du ", "des ", "de ", "d'"] {
                    if fold(&name).starts_with(p) {
                        name = name.chars().skip(p.chars().count()).collect();
                        break;
                    }
                }
                let name = name
                    .split('(')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ')
                    .trim()
                    .to_string();
                let name = if name.is_empty() && k.scope == Scope::Epci {
                    ctx.territoire.clone().unwrap_or_default()
                } else {
                    name
                };
                // "CCAS intéressés", "hôpitaux du territoire": a group, not one body.
                let nf = fold(&name);
                let name = if article_then_name_of(&nf, &name) {
                    name.split_once(' ')
                        .map(|x| x.1.to_string())
                        .unwrap_or(name)
                } else {
                    name
                };
                let nf = fold(&name);
                let article_then_name =
                    matches!(nf.split_whitespace().next(), Some("la" | "le" | "les"))
                        && name
                            .split_whitespace()
                            .nth(1)
                            .is_some_and(|w| w.starts_with(char::is_uppercase));
                if name.is_empty()
                    || (name.starts_with(|c: char| c.is_lowercase()) && !article_then_name)
                    || [
                        "interesse",
                        "concerne",
                        "volontaire",
                        "du territoire",
                        "partenaire",
                    ]
                    .iter()
                    .any(|g| nf.contains(g))
                {
                    return None;
                }
                let d = geo::find_departement(&rest).or_else(|| ctx.departement.clone());
                let region = d
                    .as_deref()
                    .and_then(geo::departement)
                    .map(|x| x.region.clone())
                    .or_else(|| ctx.region.clone());
                let id = if k.scope == Scope::Named {
                    format!(
                        "{}-{}{}",
                        k.code,
                        slug(&name, 60),
                        d.as_ref()
                            .map(|d| format!("-{}", d.to_lowercase()))
                            .unwrap_or_default()
                    )
                } else {
                    format!("{}-{}", k.code, slug(&name, 60))
                };
                let link = if k.scope == Scope::Named {
                    " ".to_string()
                } else {
                    format!(
                        " {} ",
                        if fold(&name).starts_with(|c: char| "aeiouy".contains(c)) {
                            "d'"
                        } else {
                            "de"
                        }
                    )
                    .replace("d' ", "d'")
                };
                Some(OrgKey {
                    id,
                    nom: format!("{}{}{}", k.label, link, name),
                    sigle,
                    kind: k.code.into(),
                    departement: d,
                    region,
                })
            }
        };
    }
    untyped(&raw, ctx)
}

const RESEAUX: &str = include_str!("../data/reseaux.tsv");

/// A national network's local unit ("Addictions France – Maine-et-Loire", "Mutualité
/// Française" in a contract): the network in the territory the mention names, else in the
/// contract's. `None` when the mention is no network, or names more than the network and
/// a territory.
fn network_unit(name: &str, ctx: &Context) -> Option<OrgKey> {
    static NETS: OnceLock<Vec<(String, bool, String, String)>> = OnceLock::new();
    let nets = NETS.get_or_init(|| {
        let mut v: Vec<(String, bool, String, String)> = RESEAUX
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c.len() == 4).then(|| {
                    (
                        c[0].to_string(),
                        c[1] == "region",
                        fold(c[2]),
                        c[3].to_string(),
                    )
                })
            })
            .collect();
        // Longest names first: "Fédération Familles Rurales" before "Familles Rurales".
        v.sort_by_key(|n| std::cmp::Reverse(n.2.len()));
        v
    });
    let f = fold(name);
    let (kind, regional, prefix, label) = nets.iter().find(|n| {
        f.starts_with(&n.2)
            && f[n.2.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })?;
    let rest: String = name.chars().skip(prefix.chars().count()).collect();
    let rest_key: String = fold(&rest)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "du" | "des" | "d" | "la" | "l" | "en"))
        .collect::<Vec<_>>()
        .join(" ");
    let d_named = geo::find_departement(&rest);
    let r_named = geo::find_region(&rest).or_else(|| geo::find_region_alias(&rest));
    if !rest_key.is_empty() && d_named.is_none() && r_named.is_none() {
        return None;
    }
    let (departement, region, code) = if *regional {
        let r = r_named
            .or_else(|| {
                d_named
                    .as_deref()
                    .and_then(geo::departement)
                    .map(|d| d.region.clone())
            })
            .or_else(|| ctx.region.clone())?;
        let rn = geo::region(&r).map(|x| x.nom.clone()).unwrap_or_default();
        (None, Some(r), slug(&rn, 40))
    } else {
        let d = d_named.or_else(|| ctx.departement.clone())?;
        let region = geo::departement(&d).map(|x| x.region.clone());
        (Some(d.clone()), region, d.to_lowercase())
    };
    let place = if *regional {
        region
            .as_deref()
            .and_then(geo::region)
            .map(|r| r.nom.clone())
    } else {
        departement
            .as_deref()
            .and_then(geo::departement)
            .map(|d| geo::de(&d.nom, d.type_liaison))
    };
    Some(OrgKey {
        id: format!("{}-{}", slug(label, 40), code),
        nom: place.map_or_else(|| label.clone(), |p| format!("{label} {p}")),
        sigle: None,
        kind: kind.clone(),
        departement,
        region,
    })
}

/// Bodies outside the table: keyed by their own acronym (from the mention, a
/// parenthesised sigle or the glossary) placed in a département, or by their name.
fn untyped(raw: &str, ctx: &Context) -> Option<OrgKey> {
    if let Some(k) = network_unit(raw.trim(), ctx) {
        return Some(k);
    }
    let mut name = raw.trim().to_string();
    let mut sigle: Option<String> = None;
    // A trailing parenthesis: the body's own sigle, a sub-unit or a precision.
    if let (Some(open), true) = (name.rfind('('), name.ends_with(')')) {
        let inner = name[open + 1..name.len() - 1].trim().to_string();
        let head = name[..open].trim().to_string();
        if is_acronym(&inner) && own_sigle(&head, &inner) {
            sigle = Some(inner);
        }
        if !head.is_empty() {
            name = head;
        }
    }
    let d_in = geo::find_departement(&name);
    let words: Vec<&str> = name.split_whitespace().collect();
    // "CESEL", "Cesel 28", "ADAPEI 28", "UNAFAM": an acronym, maybe with a code.
    let core: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !geo::is_dept_code(w))
        .collect();
    let (by_long, by_upper) = ctx.glossary();
    if sigle.is_none() && core.len() == 1 {
        let known = by_upper.get(&core[0].to_uppercase()).cloned();
        if known.is_some() || is_acronym(core[0]) {
            sigle = Some(known.unwrap_or_else(|| core[0].to_uppercase()));
        }
    }
    // A long form that the glossary defines.
    if sigle.is_none() {
        sigle = by_long.get(&fold(&name)).cloned();
    }
    // The territory a mention names wins over the contract's: "Promotion Santé Pays de la
    // Loire" is régional whatever contract names it.
    let region_named = geo::find_region(&name);
    let d = d_in.clone().or_else(|| {
        region_named
            .is_none()
            .then(|| ctx.departement.clone())
            .flatten()
    });
    let region = region_named.clone().or_else(|| {
        d.as_deref()
            .and_then(geo::departement)
            .map(|x| x.region.clone())
            .or_else(|| ctx.region.clone())
    });
    match sigle {
        Some(s) => {
            let long = ctx
                .sigles
                .get(&s)
                .cloned()
                .filter(|_| core.len() == 1)
                .unwrap_or_else(|| name.clone());
            let nom = if long == s || long.split_whitespace().count() <= 1 {
                s.clone()
            } else {
                format!("{long} ({s})")
            };
            Some(OrgKey {
                id: format!(
                    "{}{}",
                    slug(&s, 40),
                    d.as_ref()
                        .map(|d| format!("-{}", d.to_lowercase()))
                        .unwrap_or_default()
                ),
                nom,
                sigle: Some(s),
                kind: "autre".into(),
                departement: d,
                region,
            })
        }
        None => {
            let id = slug(&name, 80);
            if id.is_empty() {
                return None;
            }
            Some(OrgKey {
                id,
                nom: name,
                sigle: None,
                kind: "autre".into(),
                departement: d_in,
                region,
            })
        }
    }
}

/// Merges near-identical keys of one type and territory (typos: "Henri Ey" / "Henry Ey";
/// case: "Chartres Métropole Habitat"). Returns a map old id → kept id. Keys of different
/// type or territory are never merged.
pub fn cluster(keys: &[(OrgKey, usize)]) -> HashMap<String, String> {
    let n = keys.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    // Block on (kind, territory) so that comparisons stay few.
    let mut blocks: HashMap<(String, Option<String>, Option<String>), Vec<usize>> = HashMap::new();
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
    for idx in blocks.values() {
        for a in 0..idx.len() {
            for b in a + 1..idx.len() {
                let (x, y) = (&keys[idx[a]].0, &keys[idx[b]].0);
                if x.id == y.id {
                    continue;
                }
                // Compare the ids, which hold the folded distinctive name.
                let sim = strsim::jaro_winkler(&x.id, &y.id);
                let same_len = (x.id.len() as i64 - y.id.len() as i64).abs() <= 2;
                if sim >= 0.95 && same_len {
                    let (ra, rb) = (find(&mut parent, idx[a]), find(&mut parent, idx[b]));
                    if ra != rb {
                        parent[ra] = rb;
                    }
                }
            }
        }
    }
    // Each cluster keeps the id of its most frequent key (ties: the smallest id).
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
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

    /// Pairs that must be one organisation, and pairs that must stay two: same acronym in
    /// another territory, near-identical strings of different bodies, typos, acronym and
    /// long form of one body.
    #[test]
    fn hard_pairs() {
        let (a, b, c) = (ctx28(), ctx41(), ctx72());
        let same: &[(&str, &Context, &str, &Context)] = &[
            ("ARS", &a, "Agence Régionale de Santé", &a),
            ("ARS", &a, "ARS Centre-Val de Loire", &a),
            ("ARS 28", &a, "ARS Centre-Val de Loire", &a),
            ("l'ARS", &a, "Agence Régionale de Santé (ARS)", &a),
            ("ARS", &a, "ARS Centre Val de Loire", &b),
            ("CD 28", &a, "CD28", &a),
            ("CD 28", &a, "Conseil départemental d'Eure-et-Loir", &a),
            ("Conseil Départemental", &a, "CD 28", &a),
            ("CPAM", &a, "Caisse Primaire d'Assurance maladie d'Eure-et-Loir", &a),
            ("CPAM 41", &b, "Caisse Primaire de l'Assurance Maladie 41", &b),
            ("Région", &a, "Conseil Régional Centre-Val de Loire", &a),
            ("DSDEN", &a, "DSDEN 28", &a),
            ("DSDEN28", &a, "DSDEN", &a),
            ("CESEL", &a, "Cesel 28", &a),
            ("CIAS", &a, "CIAS de Chartres métropole", &a),
            ("CIAS du Blaisois", &b, "Centre Intercommunal d'Action Sociale du Blaisois", &b),
            ("CAUE 28", &a, "Conseil d'Architecture, d'Urbanisme et d'Environnement d'Eure-et-Loir (CAUE)", &a),
            ("CAUE", &a, "CAUE 28", &a),
            ("ADMS", &a, "Association pour le Développement de la Médecine et du Sport d'Eure et Loir (ADMS)", &a),
            ("CICAT", &a, "Centre d'Information et de Consultation en Alcoolologie et Toxicomanie (CICAT)", &a),
            ("Conseil départemental de l'Ordre des médecins 28", &a, "ordre des médecins", &a),
            ("MDA", &a, "MDA 28", &a),
            ("Centre hospitalier Henri Ey", &a, "Centre Hospitalier Henri EY", &a),
            ("Chartres métropole", &a, "Chartres Métropole", &a),
            ("Chartres métropole", &a, "Chartres métropole (PCAET)", &a),
            ("Chartres métropole", &a, "Chartres métropole (CLS)", &a),
            ("Chartres métropole Habitat", &a, "Chartres Métropole Habitat", &a),
            ("UNAFAM", &a, "UNAFAM 28", &a),
            ("CPTS La Salamandre", &b, "CPTS la Salamandre", &b),
            ("CCAS de Chartres", &a, "Centre communal d'action sociale de Chartres", &a),
            ("Département de Loir-et-Cher", &b, "CD 41", &b),
        ];
        for (x, cx, y, cy) in same {
            assert_eq!(id(x, cx), id(y, cy), "{x} ~ {y}");
            assert!(id(x, cx).is_some(), "{x}");
        }
        let apart: &[(&str, &Context, &str, &Context)] = &[
            ("ARS", &a, "ARS", &c),
            ("ARS Centre-Val de Loire", &a, "ARS Pays de la Loire", &a),
            ("CPAM 28", &a, "CPAM 41", &a),
            ("CPAM", &a, "CPAM", &b),
            ("CCAS de Chartres", &a, "CCAS de Lucé", &a),
            ("CCAS de Chartres", &a, "CCAS de Mainvilliers", &a),
            ("CIAS de Chartres métropole", &a, "CIAS du Blaisois", &b),
            (
                "Conseil départemental d'Eure-et-Loir",
                &a,
                "Conseil départemental de l'Ordre des médecins 28",
                &a,
            ),
            ("CD 28", &a, "ordre des médecins", &a),
            ("Chartres métropole", &a, "Chartres métropole Habitat", &a),
            (
                "Chartres métropole",
                &a,
                "Chartres métropole Eau (CMEau)",
                &a,
            ),
            (
                "SPL Chartres Transports",
                &a,
                "SPL Chartres Aménagement",
                &a,
            ),
            ("Ville de Chartres", &a, "Chartres métropole", &a),
            ("Ville de Chartres", &a, "CCAS de Chartres", &a),
            ("Région", &a, "Région", &c),
            (
                "Conseil départemental du Cher",
                &a,
                "Conseil départemental d'Eure-et-Loir",
                &a,
            ),
            ("DSDEN", &a, "DSDEN", &b),
            ("Mutualité Française", &a, "MSA", &a),
            ("CAF", &a, "CAF", &b),
            ("CH de Blois", &b, "CH de Chartres", &a),
        ];
        for (x, cx, y, cy) in apart {
            assert_ne!(id(x, cx), id(y, cy), "{x} vs {y}");
        }
        assert!(same.len() + apart.len() >= 40);
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
