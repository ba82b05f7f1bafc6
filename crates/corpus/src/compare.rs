//! `cls compare`: comparison tables (CSV with their Table Schemas) and a self-contained
//! HTML report of a corpus (an overview page and one page per territory), for analysts who
//! compare territories.
//!
//! Every figure counts one document per contract, the retained one (`crate::retenu`), and
//! a retained document that lists no action is shown but not counted as a contract. The
//! HTML is rendered by minijinja from the templates in `templates/`; this module only
//! computes the figures the templates show.

use crate::error::CorpusError;
use crate::export::{amount, write_table, Cell, Column, Exports, Kind, Table};
use crate::folder::{load_corpus, Corpus};
use crate::write::write_output;
use cls_model::{ActionLine, Document, Organisation};
use cls_normalize::themes::{label, vocabulary};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// What the report says about its own making: shown at the foot of every page.
#[derive(Debug, Clone)]
pub struct ReportInfo {
    /// The generation date, "YYYY-MM-DD".
    pub date: String,
    /// The tool and its version ("cls 0.1.0").
    pub outil: String,
}

impl ReportInfo {
    /// Today's date (UTC) and this build's version.
    pub fn now() -> ReportInfo {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        ReportInfo {
            date: civil_date(secs / 86_400),
            outil: crate::batch::tool_version(),
        }
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
pub fn civil_date(days: u64) -> String {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn theme_of(l: &ActionLine) -> String {
    l.theme_principal
        .clone()
        .unwrap_or_else(|| "non_classe".to_string())
}

fn theme_label(code: &str) -> &str {
    label(code).unwrap_or("Non classé")
}

/// French grouping with narrow no-break spaces: 1 234 567 €.
pub fn eur(v: f64) -> String {
    let n = v.round() as i64;
    format!(
        "{}{} €",
        if n < 0 { "-" } else { "" },
        group(n.unsigned_abs())
    )
}

fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// A share as French prints it: "42 %" (no decimals under 100 %, one under 10 %).
pub fn pct(part: f64, whole: f64) -> String {
    if whole <= 0.0 {
        return "—".into();
    }
    let p = 100.0 * part / whole;
    if p > 0.0 && p < 10.0 {
        format!("{:.1}\u{202f}%", p).replace('.', ",")
    } else {
        format!("{:.0}\u{202f}%", p)
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// One contract as the report shows it: its retained document and its actions.
struct Contract<'a> {
    doc: &'a Document,
    /// The territory's name, with the period when two contracts share a name.
    name: String,
    /// The page of the territory in the report.
    page: String,
    lines: Vec<&'a ActionLine>,
    population: Option<&'static cls_normalize::population::Epci>,
}

impl Contract<'_> {
    fn budget(&self) -> (usize, f64) {
        let known: Vec<f64> = self
            .lines
            .iter()
            .filter_map(|l| l.budget_total_eur)
            .collect();
        (known.len(), known.iter().sum())
    }
}

fn period(d: &Document) -> String {
    match (d.periode.debut, d.periode.fin) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("depuis {a}"),
        (None, Some(b)) => format!("jusqu'à {b}"),
        _ => "non précisée".into(),
    }
}

/// The link from the report directory to a source file, at a page for a PDF.
fn source_link(out: &Path, path: Option<&String>, d: &Document, page: Option<u32>) -> String {
    let target = path
        .and_then(|p| std::fs::canonicalize(p).ok())
        .zip(std::fs::canonicalize(out).ok())
        .map(|(t, o)| relative(&o, &t))
        .unwrap_or_else(|| d.source.fichier.clone());
    match (d.source.format, page) {
        (cls_model::Format::Pdf, Some(n)) => format!("{target}#page={n}"),
        _ => target,
    }
}

/// `to` relative to the directory `from` (both absolute), with `/` separators.
fn relative(from: &Path, to: &Path) -> String {
    let f: Vec<_> = from.components().collect();
    let t: Vec<_> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); f.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().to_string()),
    );
    parts.join("/")
}

const COLORS: [&str; 13] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#b5b5b5",
];

fn color(theme: &str) -> &'static str {
    let i = vocabulary()
        .iter()
        .position(|t| t.code == theme)
        .unwrap_or(COLORS.len() - 1);
    COLORS[i.min(COLORS.len() - 1)]
}

fn col(name: &'static str, kind: Kind, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn count(n: usize) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Roles counted over retained documents only (the registry counts every copy).
#[derive(Debug, Clone, Copy, Default)]
struct Roles {
    porteur: usize,
    partenaire: usize,
    financeur: usize,
    signataire: usize,
}

/// Writes the comparison CSVs, their Table Schemas and the HTML pages of a corpus.
pub fn compare(corpus: &Path, out: &Path, info: &ReportInfo) -> Result<(), CorpusError> {
    let Corpus {
        docs,
        registry,
        paths,
    } = load_corpus(corpus)?;
    let mut exports = Exports::default();
    for d in &docs {
        exports.add(d);
    }
    let exports = exports.finish();
    let kept = exports.retained_ids();
    let lines: Vec<&ActionLine> = exports.lines.iter().filter(|l| l.retenu).collect();
    let w = |name: &str, bytes: &[u8]| write_output(&out.join(name), bytes);
    std::fs::create_dir_all(out).map_err(|e| CorpusError::Write(out.display().to_string(), e))?;

    // Contracts: retained documents that list actions. The others are listed apart.
    let retained: Vec<&Document> = docs
        .iter()
        .filter(|d| kept.contains(d.id.as_str()))
        .collect();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for d in retained.iter().filter(|d| !d.actions.is_empty()) {
        *names
            .entry(d.territoire.nom.clone().unwrap_or_else(|| d.id.clone()))
            .or_default() += 1;
    }
    let contracts: Vec<Contract> = retained
        .iter()
        .filter(|d| !d.actions.is_empty())
        .map(|d| {
            let base = d.territoire.nom.clone().unwrap_or_else(|| d.id.clone());
            let name = if names.get(&base).copied().unwrap_or(0) > 1 {
                format!("{base} ({})", period(d))
            } else {
                base
            };
            Contract {
                doc: d,
                name,
                page: format!("territoire-{}.html", d.contrat_id),
                lines: lines
                    .iter()
                    .copied()
                    .filter(|l| l.document_id == d.id)
                    .collect(),
                population: d.territoire.nom.as_deref().and_then(|n| {
                    cls_normalize::population::epci_named(n, &d.territoire.departements)
                }),
            }
        })
        .collect();
    let empty: Vec<&Document> = retained
        .iter()
        .copied()
        .filter(|d| d.actions.is_empty())
        .collect();
    let mut themes: Vec<String> = vocabulary().iter().map(|v| v.code.clone()).collect();
    themes.push("non_classe".into());

    // (contract, theme) → (actions, actions with a known budget, budget).
    let mut cells: BTreeMap<(usize, &str), (usize, usize, f64)> = BTreeMap::new();
    for (i, c) in contracts.iter().enumerate() {
        for l in &c.lines {
            let th = themes
                .iter()
                .find(|t| **t == theme_of(l))
                .map(String::as_str)
                .unwrap_or("non_classe");
            let e = cells.entry((i, th)).or_default();
            e.0 += 1;
            if let Some(b) = l.budget_total_eur {
                e.1 += 1;
                e.2 += b;
            }
        }
    }

    let mut tables: Vec<Table> = Vec::new();
    // Which document stands for which contract.
    tables.push(exports.documents_table());
    // Territories: one row per contract.
    tables.push(Table {
        stem: "territoires",
        sheet: "Territoires",
        title: "Contrats comparés (document retenu, au moins une action)",
        columns: vec![
            col("territoire", Kind::Text, "Territoire"),
            col("contrat_id", Kind::Text, "Contrat"),
            col("document_id", Kind::Text, "Document retenu"),
            col("periode_debut", Kind::Integer, "Première année"),
            col("periode_fin", Kind::Integer, "Dernière année"),
            col("date_signature", Kind::Date, "Date de signature"),
            col("actions", Kind::Integer, "Nombre d'actions"),
            col(
                "actions_budget_connu",
                Kind::Integer,
                "Actions dont le budget est chiffré",
            ),
            col(
                "budget_connu_eur",
                Kind::Number,
                "Somme des budgets chiffrés, en euros",
            ),
            col("epci", Kind::Text, "SIREN de l'intercommunalité reconnue"),
            col(
                "population",
                Kind::Integer,
                "Population municipale INSEE de l'intercommunalité",
            ),
            col(
                "budget_par_habitant_eur",
                Kind::Number,
                "Budget chiffré par habitant, en euros",
            ),
        ],
        rows: contracts
            .iter()
            .map(|c| {
                let (known, budget) = c.budget();
                vec![
                    text(&c.name),
                    text(&c.doc.contrat_id),
                    text(&c.doc.id),
                    c.doc
                        .periode
                        .debut
                        .map(|x| Cell::Int(x.into()))
                        .unwrap_or(Cell::Empty),
                    c.doc
                        .periode
                        .fin
                        .map(|x| Cell::Int(x.into()))
                        .unwrap_or(Cell::Empty),
                    c.doc
                        .date_signature
                        .clone()
                        .map(Cell::Date)
                        .unwrap_or(Cell::Empty),
                    count(c.lines.len()),
                    count(known),
                    if known > 0 {
                        Cell::Num(budget)
                    } else {
                        Cell::Empty
                    },
                    c.population.map(|e| text(&e.code)).unwrap_or(Cell::Empty),
                    c.population
                        .map(|e| Cell::Int(i64::try_from(e.population).unwrap_or(i64::MAX)))
                        .unwrap_or(Cell::Empty),
                    match c.population {
                        Some(e) if known > 0 && e.population > 0 => {
                            Cell::Num((budget / e.population as f64 * 100.0).round() / 100.0)
                        }
                        _ => Cell::Empty,
                    },
                ]
            })
            .collect(),
    });
    // Actions and budget per territory × theme, with shares.
    let mut rows = Vec::new();
    for (i, c) in contracts.iter().enumerate() {
        let (_, total_budget) = c.budget();
        for th in &themes {
            if let Some(&(n, known, budget)) = cells.get(&(i, th.as_str())) {
                rows.push(vec![
                    text(&c.name),
                    text(th),
                    text(theme_label(th)),
                    count(n),
                    Cell::Num((share(n, c.lines.len()) * 1000.0).round() / 1000.0),
                    count(known),
                    Cell::Num(budget.round()),
                    Cell::Num(if total_budget > 0.0 {
                        (budget / total_budget * 1000.0).round() / 1000.0
                    } else {
                        0.0
                    }),
                ]);
            }
        }
    }
    tables.push(Table {
        stem: "territoires_themes",
        sheet: "Territoires × thèmes",
        title: "Actions et budgets par territoire et thème principal",
        columns: vec![
            col("territoire", Kind::Text, "Territoire"),
            col("theme", Kind::Text, "Code du thème principal"),
            col("libelle", Kind::Text, "Libellé du thème"),
            col("actions", Kind::Integer, "Actions de ce thème"),
            col(
                "part_actions",
                Kind::Number,
                "Part des actions du territoire (0 à 1)",
            ),
            col(
                "actions_budget_connu",
                Kind::Integer,
                "Actions de ce thème au budget chiffré",
            ),
            col(
                "budget_eur",
                Kind::Number,
                "Somme des budgets chiffrés, en euros",
            ),
            col(
                "part_budget",
                Kind::Number,
                "Part du budget chiffré du territoire (0 à 1)",
            ),
        ],
        rows,
    });
    // Leads per theme.
    let reg_names: BTreeMap<&str, &str> = registry
        .iter()
        .map(|o| (o.id.as_str(), o.nom.as_str()))
        .collect();
    let mut leads: BTreeMap<(String, String), usize> = BTreeMap::new();
    for l in &lines {
        for id in &l.porteurs_ids {
            *leads.entry((theme_of(l), id.clone())).or_default() += 1;
        }
    }
    let mut leads: Vec<((String, String), usize)> = leads.into_iter().collect();
    leads.sort_by(|a, b| {
        a.0 .0
            .cmp(&b.0 .0)
            .then(b.1.cmp(&a.1))
            .then(a.0 .1.cmp(&b.0 .1))
    });
    tables.push(Table {
        stem: "porteurs_par_theme",
        sheet: "Porteurs",
        title: "Organisations qui portent des actions, par thème",
        columns: vec![
            col("theme", Kind::Text, "Code du thème principal"),
            col("organisation_id", Kind::Text, "Organisation"),
            col("nom", Kind::Text, "Nom de l'organisation"),
            col("actions_portees", Kind::Integer, "Actions portées"),
        ],
        rows: leads
            .iter()
            .map(|((th, id), n)| {
                vec![
                    text(th),
                    text(id),
                    text(reg_names.get(id.as_str()).copied().unwrap_or("")),
                    count(*n),
                ]
            })
            .collect(),
    });
    // Organisations present in several territories, roles counted in retained documents.
    let mut roles: HashMap<&str, Roles> = HashMap::new();
    let mut where_: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for c in &contracts {
        for l in &c.lines {
            for id in &l.porteurs_ids {
                roles.entry(id).or_default().porteur += 1;
                where_.entry(id).or_default().insert(&c.name);
            }
            for id in &l.partenaires_ids {
                roles.entry(id).or_default().partenaire += 1;
                where_.entry(id).or_default().insert(&c.name);
            }
            for id in &l.financeurs_ids {
                roles.entry(id).or_default().financeur += 1;
                where_.entry(id).or_default().insert(&c.name);
            }
        }
        for s in &c.doc.signataires {
            if let Some(id) = &s.organisation_id {
                roles.entry(id).or_default().signataire += 1;
                where_.entry(id).or_default().insert(&c.name);
            }
        }
    }
    let mut shared: Vec<(&Organisation, Vec<&str>, Roles)> = registry
        .iter()
        .filter_map(|o| {
            let ts = where_.get(o.id.as_str())?;
            (ts.len() >= 2).then(|| {
                (
                    o,
                    ts.iter().copied().collect(),
                    roles.get(o.id.as_str()).copied().unwrap_or_default(),
                )
            })
        })
        .collect();
    shared.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.id.cmp(&b.0.id)));
    tables.push(Table {
        stem: "organisations_partagees",
        sheet: "Organisations partagées",
        title: "Organisations présentes dans plusieurs territoires",
        columns: vec![
            col("organisation_id", Kind::Text, "Organisation"),
            col("nom", Kind::Text, "Nom"),
            col("territoires", Kind::Integer, "Nombre de territoires"),
            col(
                "liste_territoires",
                Kind::Text,
                "Territoires, séparés par « | »",
            ),
            col(
                "porteur",
                Kind::Integer,
                "Actions portées (documents retenus)",
            ),
            col(
                "partenaire",
                Kind::Integer,
                "Actions en partenariat (documents retenus)",
            ),
            col(
                "financeur",
                Kind::Integer,
                "Actions financées (documents retenus)",
            ),
            col(
                "signataire",
                Kind::Integer,
                "Contrats signés (documents retenus)",
            ),
        ],
        rows: shared
            .iter()
            .map(|(o, ts, r)| {
                vec![
                    text(&o.id),
                    text(&o.nom),
                    count(ts.len()),
                    text(&ts.join(" | ")),
                    count(r.porteur),
                    count(r.partenaire),
                    count(r.financeur),
                    count(r.signataire),
                ]
            })
            .collect(),
    });
    // Calendar coverage: every year from start to end (or to the contract's end when the
    // action has no end), else the start year alone; capped at 15 years.
    let mut years: Vec<BTreeMap<i32, usize>> = vec![BTreeMap::new(); contracts.len()];
    for (i, c) in contracts.iter().enumerate() {
        for l in &c.lines {
            if let Some(deb) = l.calendrier_debut {
                let fin = l
                    .calendrier_fin
                    .or(l.periode_fin)
                    .unwrap_or(deb)
                    .max(deb)
                    .min(deb + 15);
                for y in deb..=fin {
                    *years[i].entry(y).or_default() += 1;
                }
            }
        }
    }
    tables.push(Table {
        stem: "calendrier_par_territoire",
        sheet: "Calendrier",
        title: "Actions en cours chaque année",
        columns: vec![
            col("territoire", Kind::Text, "Territoire"),
            col("annee", Kind::Integer, "Année"),
            col(
                "actions_en_cours",
                Kind::Integer,
                "Actions en cours cette année-là",
            ),
        ],
        rows: contracts
            .iter()
            .zip(&years)
            .flat_map(|(c, ys)| {
                ys.iter()
                    .map(|(y, n)| vec![text(&c.name), Cell::Int((*y).into()), count(*n)])
            })
            .collect(),
    });
    // Data-quality alerts.
    tables.push(Table {
        stem: "alertes_qualite",
        sheet: "Qualité",
        title: "Actions sans porteur, sans budget chiffré ou sans année",
        columns: vec![
            col("territoire", Kind::Text, "Territoire"),
            col("document_id", Kind::Text, "Document"),
            col("numero", Kind::Text, "Numéro de l'action"),
            col("titre", Kind::Text, "Titre de l'action"),
            col("sans_porteur", Kind::Boolean, "Aucun porteur nommé"),
            col("sans_budget", Kind::Boolean, "Budget inconnu"),
            col(
                "sans_calendrier",
                Kind::Boolean,
                "Aucune année de calendrier",
            ),
        ],
        rows: contracts
            .iter()
            .flat_map(|c| {
                c.lines
                    .iter()
                    .filter(|l| {
                        l.porteurs.is_empty()
                            || l.budget_total_eur.is_none()
                            || l.calendrier_debut.is_none()
                    })
                    .map(|l| {
                        vec![
                            text(&c.name),
                            text(&l.document_id),
                            l.numero.clone().map(Cell::Text).unwrap_or(Cell::Empty),
                            l.titre.clone().map(Cell::Text).unwrap_or(Cell::Empty),
                            Cell::Bool(l.porteurs.is_empty()),
                            Cell::Bool(l.budget_total_eur.is_none()),
                            Cell::Bool(l.calendrier_debut.is_none()),
                        ]
                    })
            })
            .collect(),
    });
    tables.push(crate::export::organisations_table(&registry));
    for t in &tables {
        write_table(out, t)?;
    }

    // The pages.
    let env = environment()?;
    let foot = json!({"date": info.date, "outil": info.outil});
    let total_actions: usize = contracts.iter().map(|c| c.lines.len()).sum();
    let total_known: usize = contracts.iter().map(|c| c.budget().0).sum();
    let overview: Vec<Value> = contracts
        .iter()
        .map(|c| {
            let (known, budget) = c.budget();
            let per_hab = c
                .population
                .filter(|_| known > 0)
                .map(|e| eur_cents(budget / e.population as f64));
            json!({
                "nom": c.name, "page": c.page, "periode": period(c.doc),
                "signature": c.doc.date_signature.clone().unwrap_or_else(|| "non précisée".into()),
                "actions": c.lines.len(), "part_actions": pct(c.lines.len() as f64, total_actions as f64),
                "budget": if known > 0 { eur(budget) } else { "non chiffré".into() },
                "connu": known, "part_connu": pct(known as f64, c.lines.len() as f64),
                "par_habitant": per_hab,
                "population": c.population.map(|e| group(e.population)),
            })
        })
        .collect();
    let max_cell = cells.values().map(|c| c.0).max().unwrap_or(1).max(1);
    let heat: Vec<Value> = themes
        .iter()
        .map(|th| {
            let row: Vec<Value> = (0..contracts.len())
                .map(|i| {
                    let n = cells.get(&(i, th.as_str())).map(|c| c.0).unwrap_or(0);
                    let a = n as f64 / max_cell as f64;
                    json!({
                        "n": n,
                        "part": pct(n as f64, contracts[i].lines.len() as f64),
                        "bg": format!("rgba(0,0,145,{:.2})", a * 0.85),
                        "fg": if a > 0.5 { "#fff" } else { "#1b1b1b" },
                    })
                })
                .collect();
            let total: usize = row.iter().filter_map(|v| v["n"].as_u64()).sum::<u64>() as usize;
            json!({"libelle": theme_label(th), "cells": row, "total": total,
                   "part": pct(total as f64, total_actions as f64)})
        })
        .collect();
    let timeline = timeline(&contracts, &years);
    let shared_v: Vec<Value> = shared
        .iter()
        .take(40)
        .map(|(o, ts, r)| {
            json!({"nom": o.nom, "n": ts.len(), "territoires": ts.join(", "),
                   "porteur": r.porteur, "partenaire": r.partenaire,
                   "financeur": r.financeur, "signataire": r.signataire})
        })
        .collect();
    let quality: Vec<Value> = contracts
        .iter()
        .map(|c| {
            let n = c.lines.len();
            let k = |f: &dyn Fn(&ActionLine) -> bool| c.lines.iter().filter(|l| f(l)).count();
            let (p, b, y) = (
                k(&|l| l.porteurs.is_empty()),
                k(&|l| l.budget_total_eur.is_none()),
                k(&|l| l.calendrier_debut.is_none()),
            );
            json!({"nom": c.name, "page": c.page, "actions": n,
                   "sans_porteur": p, "p_porteur": pct(p as f64, n as f64),
                   "sans_budget": b, "p_budget": pct(b as f64, n as f64),
                   "sans_calendrier": y, "p_calendrier": pct(y as f64, n as f64)})
        })
        .collect();
    let empty_v: Vec<Value> = empty
        .iter()
        .map(|d| {
            json!({"nom": d.territoire.nom.clone().unwrap_or_else(|| d.id.clone()),
                   "id": d.id, "fichier": d.source.fichier,
                   "lien": source_link(out, paths.get(&d.id), d, None)})
        })
        .collect();
    let copies = docs.len() - retained.len();
    let index = render(
        &env,
        "index.html",
        json!({
            "pied": foot, "contrats": overview, "nb_contrats": contracts.len(),
            "nb_actions": total_actions, "nb_documents": docs.len(), "nb_copies": copies,
            "connu": total_known, "part_connu": pct(total_known as f64, total_actions as f64),
            "territoires": contracts.iter().map(|c| json!({"nom": c.name, "page": c.page})).collect::<Vec<_>>(),
            "heat": heat, "timeline": timeline, "partagees": shared_v,
            "qualite": quality, "vides": empty_v,
        }),
    )?;
    w("index.html", index.as_bytes())?;
    for (i, c) in contracts.iter().enumerate() {
        let page = territory_page(out, c, i, &cells, &themes, &reg_names, &paths);
        let mut ctx = page;
        ctx["pied"] = foot.clone();
        ctx["territoires"] = json!(contracts
            .iter()
            .map(|c| json!({"nom": c.name, "page": c.page}))
            .collect::<Vec<_>>());
        let html = render(&env, "territoire.html", ctx)?;
        w(&c.page, html.as_bytes())?;
    }
    Ok(())
}

fn eur_cents(v: f64) -> String {
    if v >= 100.0 {
        eur(v)
    } else {
        format!("{:.2} €", v).replace('.', ",")
    }
}

/// INSEE writes a nickname between doubled apostrophes (`CA de Blois ''Agglopolys''`):
/// shown with French quotes.
fn official_name(nom: &str) -> String {
    let parts: Vec<&str> = nom.split("''").collect();
    if parts.len() == 3 {
        format!("{}« {} »{}", parts[0], parts[1], parts[2])
    } else {
        nom.to_string()
    }
}

/// The figures of one territory's page.
fn territory_page(
    out: &Path,
    c: &Contract,
    i: usize,
    cells: &BTreeMap<(usize, &str), (usize, usize, f64)>,
    themes: &[String],
    reg_names: &BTreeMap<&str, &str>,
    paths: &HashMap<String, String>,
) -> Value {
    let (known, budget) = c.budget();
    let n = c.lines.len();
    let mut per_theme: Vec<(&str, usize, usize, f64)> = themes
        .iter()
        .filter_map(|th| {
            cells
                .get(&(i, th.as_str()))
                .map(|x| (th.as_str(), x.0, x.1, x.2))
        })
        .collect();
    per_theme.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let max = per_theme.iter().map(|t| t.1).max().unwrap_or(1).max(1);
    let bars: Vec<Value> = per_theme
        .iter()
        .enumerate()
        .map(|(k, (th, cnt, kn, b))| {
            let wbar = (*cnt as f64 / max as f64 * 300.0).max(2.0);
            json!({
                "libelle": theme_label(th), "n": cnt, "part": pct(*cnt as f64, n as f64),
                "budget": if *kn > 0 { eur(*b) } else { "—".into() },
                "part_budget": if *kn > 0 { pct(*b, budget) } else { "—".into() },
                "y": 4 + k * 24, "ty": 4 + k * 24 + 13, "w": format!("{wbar:.1}"),
                "tx": format!("{:.1}", 416.0 + wbar), "color": color(th),
            })
        })
        .collect();
    let mut partners: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &c.lines {
        for p in &l.partenaires_ids {
            *partners.entry(p.as_str()).or_default() += 1;
        }
    }
    let mut partners: Vec<(&str, usize)> = partners.into_iter().collect();
    partners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top: Vec<Value> = partners
        .iter()
        .take(8)
        .map(|(id, k)| {
            json!({"nom": reg_names.get(id).copied().unwrap_or(id), "n": k,
                   "part": pct(*k as f64, n as f64)})
        })
        .collect();
    let path = paths.get(&c.doc.id);
    let actions: Vec<Value> = c
        .lines
        .iter()
        .map(|l| {
            let page = l.pages.first().copied();
            json!({
                "numero": l.numero.clone().unwrap_or_default(),
                "titre": l.titre.clone().unwrap_or_else(|| "(sans titre)".into()),
                "porteurs": l.porteurs.join(", "),
                "themes": l.themes.iter().map(|t| theme_label(t).to_string()).collect::<Vec<_>>(),
                "theme": theme_label(&theme_of(l)),
                "annees": match (l.calendrier_debut, l.calendrier_fin) {
                    (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                    (Some(a), Some(_)) => a.to_string(),
                    (Some(a), None) => format!("depuis {a}"),
                    _ => String::new(),
                },
                "annee_tri": l.calendrier_debut.unwrap_or(0),
                "budget": l.budget_total_eur.map(eur).unwrap_or_default(),
                "budget_tri": l.budget_total_eur.map(amount).unwrap_or_else(|| "-1".into()),
                "lien": source_link(out, path, c.doc, page),
                "page": page,
            })
        })
        .collect();
    let theme_filter: Vec<&str> = per_theme.iter().map(|t| theme_label(t.0)).collect();
    json!({
        "nom": c.name, "periode": period(c.doc),
        "signature": c.doc.date_signature.clone().unwrap_or_else(|| "non précisée".into()),
        "actions_n": n, "connu": known, "part_connu": pct(known as f64, n as f64),
        "budget": if known > 0 { eur(budget) } else { "non chiffré".into() },
        "population": c.population.map(|e| json!({"nom": official_name(&e.nom), "n": group(e.population),
            "par_habitant": (known > 0).then(|| eur_cents(budget / e.population as f64))})),
        "departements": c.doc.territoire.departements.join(", "),
        "region": c.doc.territoire.region,
        "bars": bars, "bars_h": 24 * per_theme.len() + 6,
        "partenaires": top, "actions": actions, "filtres": theme_filter,
        "document": c.doc.id, "fichier": c.doc.source.fichier,
        "lien": source_link(out, path, c.doc, None),
        "signataires": c.doc.signataires.iter().map(|s| s.nom.clone()).collect::<Vec<_>>(),
    })
}

/// The grid of actions running each year, per territory.
fn timeline(contracts: &[Contract], years: &[BTreeMap<i32, usize>]) -> Value {
    let all: BTreeSet<i32> = years.iter().flat_map(|m| m.keys().copied()).collect();
    let (Some(&y0), Some(&y1)) = (all.first(), all.last()) else {
        return Value::Null;
    };
    let n = usize::try_from(y1 - y0 + 1).unwrap_or(1);
    let cell = (560 / n.max(1)).clamp(24, 70);
    let maxv = years
        .iter()
        .flat_map(|m| m.values().copied())
        .max()
        .unwrap_or(1)
        .max(1);
    let heads: Vec<Value> = (y0..=y1)
        .enumerate()
        .map(|(i, y)| json!({"x": 220 + i * cell + cell / 2, "y": y}))
        .collect();
    let rows: Vec<Value> = contracts
        .iter()
        .zip(years)
        .enumerate()
        .map(|(r, (c, m))| {
            let y = 24 + r * 26;
            let cells: Vec<Value> = (y0..=y1)
                .enumerate()
                .map(|(i, yr)| {
                    let v = m.get(&yr).copied().unwrap_or(0);
                    let a = v as f64 / maxv as f64;
                    json!({"x": 220 + i * cell, "tx": 220 + i * cell + cell / 2, "w": cell - 2,
                           "fill": format!("rgba(0,0,145,{:.2})", a * 0.85),
                           "fg": if a > 0.5 { "#fff" } else { "#333" }, "v": v, "annee": yr})
                })
                .collect();
            // A row with no dated action says so, rather than looking like missing data.
            let nom = if m.is_empty() {
                format!("{} (aucune année)", c.name)
            } else {
                c.name.clone()
            };
            json!({"nom": nom, "y": y, "ty": y + 15, "vy": y + 14, "cells": cells})
        })
        .collect();
    json!({"width": 220 + cell * n, "height": 30 + 26 * contracts.len(),
           "heads": heads, "rows": rows})
}

const LAYOUT: &str = include_str!("../templates/layout.html");
const INDEX: &str = include_str!("../templates/index.html");
const TERRITOIRE: &str = include_str!("../templates/territoire.html");

fn environment() -> Result<minijinja::Environment<'static>, CorpusError> {
    let mut env = minijinja::Environment::new();
    for (name, src) in [
        ("layout.html", LAYOUT),
        ("index.html", INDEX),
        ("territoire.html", TERRITOIRE),
    ] {
        env.add_template(name, src)
            .map_err(|e| CorpusError::Template(name.to_string(), e))?;
    }
    Ok(env)
}

fn render(env: &minijinja::Environment, name: &str, ctx: Value) -> Result<String, CorpusError> {
    env.get_template(name)
        .and_then(|t| t.render(minijinja::Value::from_serialize(&ctx)))
        .map_err(|e| CorpusError::Template(name.to_string(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_numbers_print_the_french_way() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(18_309), "2020-02-17");
        assert_eq!(eur(1_234_567.4), "1\u{202f}234\u{202f}567 €");
        assert_eq!(pct(1.0, 4.0), "25\u{202f}%");
        assert_eq!(pct(1.0, 20.0), "5,0\u{202f}%");
        assert_eq!(pct(1.0, 0.0), "—");
    }

    #[test]
    fn relative_links_climb_out_of_the_report_directory() {
        assert_eq!(
            relative(
                Path::new("/a/corpus/report"),
                Path::new("/a/fixtures/x.pdf")
            ),
            "../../fixtures/x.pdf"
        );
    }

    #[test]
    fn templates_parse() {
        let env = environment().unwrap();
        for name in ["layout.html", "index.html", "territoire.html"] {
            assert!(env.get_template(name).is_ok(), "{name}");
        }
    }
}
