//! `cls compare`: comparison tables (CSV with their Table Schemas) and a self-contained
//! HTML report of a corpus (an overview page and one page per territory), for analysts who
//! compare territories.
//!
//! Every figure counts one document per contract, the retained one (`crate::retenu`), and
//! a retained document that lists no action is shown but not counted as a contract. The
//! figures are worked out once here ([`Figures`]); `tables` writes the CSVs from them and
//! `pages` the HTML, rendered by minijinja from the templates in `templates/`.

mod pages;
mod tables;

pub use pages::{eur, pct};

use crate::error::CorpusError;
use crate::export::{write_table, Exports};
use crate::folder::{load_corpus, Corpus};
use cls_model::{ActionLine, Document, Organisation};
use cls_normalize::themes::{label, vocabulary};
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

/// Writes the comparison CSVs, their Table Schemas and the HTML pages of a corpus.
pub fn compare(corpus: &Path, out: &Path, info: &ReportInfo) -> Result<(), CorpusError> {
    let Corpus {
        docs,
        registry,
        sources,
    } = load_corpus(corpus)?;
    let mut exports = Exports::default();
    for d in &docs {
        exports.add(d);
    }
    let exports = exports.finish();
    std::fs::create_dir_all(out).map_err(|e| CorpusError::Write(out.display().to_string(), e))?;
    let figures = Figures::of(&docs, &registry, &exports);
    let shared = figures.shared_organisations();
    for t in &tables::all(&figures, &exports, &shared) {
        write_table(out, t)?;
    }
    pages::write(out, info, &figures, &shared, &sources)
}

fn theme_of(l: &ActionLine) -> String {
    l.theme_principal
        .clone()
        .unwrap_or_else(|| "non_classe".to_string())
}

fn theme_label(code: &str) -> &str {
    label(code).unwrap_or("Non classé")
}

fn period(d: &Document) -> String {
    match (d.periode.debut, d.periode.fin) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("depuis {a}"),
        (None, Some(b)) => format!("jusqu'à {b}"),
        _ => "non précisée".into(),
    }
}

/// The territory's name a document gives, else its id.
fn territory_name(d: &Document) -> String {
    d.territoire.nom.clone().unwrap_or_else(|| d.id.clone())
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

/// The actions of one contract under one main theme.
#[derive(Debug, Clone, Copy, Default)]
struct ThemeCell {
    actions: usize,
    /// Actions whose budget is known.
    budgeted: usize,
    /// The sum of the known budgets, in euros.
    budget: f64,
}

/// Roles counted over retained documents only, as the registry counts them.
#[derive(Debug, Clone, Copy, Default)]
struct Roles {
    porteur: usize,
    partenaire: usize,
    financeur: usize,
    signataire: usize,
}

/// An organisation present in several territories.
struct SharedOrg<'a> {
    org: &'a Organisation,
    /// The territories' names, in name order.
    territories: Vec<&'a str>,
    roles: Roles,
}

/// The figures every table and page of the report is made from, worked out once.
struct Figures<'a> {
    /// Every document of the corpus, copies included.
    docs: &'a [Document],
    registry: &'a [Organisation],
    /// Registry id → name.
    reg_names: BTreeMap<&'a str, &'a str>,
    /// The action lines of the retained documents.
    lines: Vec<&'a ActionLine>,
    /// The retained documents, one per contract.
    retained: Vec<&'a Document>,
    /// The retained documents that list actions.
    contracts: Vec<Contract<'a>>,
    /// The retained documents that list no action: listed apart, not counted.
    empty: Vec<&'a Document>,
    /// Every theme code, `non_classe` last.
    themes: Vec<&'static str>,
    /// (contract, theme) → the contract's actions of that main theme.
    cells: BTreeMap<(usize, &'static str), ThemeCell>,
    /// Per contract, year → actions running that year.
    years: Vec<BTreeMap<i32, usize>>,
}

impl<'a> Figures<'a> {
    fn of(docs: &'a [Document], registry: &'a [Organisation], exports: &'a Exports) -> Figures<'a> {
        let kept = exports.retained_ids();
        let lines: Vec<&ActionLine> = exports.lines.iter().filter(|l| l.retenu).collect();
        let retained: Vec<&Document> = docs
            .iter()
            .filter(|d| kept.contains(d.id.as_str()))
            .collect();
        let contracts = contracts(&retained, &lines);
        let empty = retained
            .iter()
            .copied()
            .filter(|d| d.actions.is_empty())
            .collect();
        let themes = theme_codes();
        let cells = theme_cells(&contracts, &themes);
        let years = contracts.iter().map(running_years).collect();
        Figures {
            docs,
            registry,
            reg_names: registry
                .iter()
                .map(|o| (o.id.as_str(), o.nom.as_str()))
                .collect(),
            lines,
            retained,
            contracts,
            empty,
            themes,
            cells,
            years,
        }
    }

    /// Organisations present in several territories, the most widespread first, roles
    /// counted in retained documents.
    fn shared_organisations(&self) -> Vec<SharedOrg<'_>> {
        let mut presence = Presence::default();
        for c in &self.contracts {
            for l in &c.lines {
                for id in &l.porteurs_ids {
                    presence.at(id, &c.name).porteur += 1;
                }
                for id in &l.partenaires_ids {
                    presence.at(id, &c.name).partenaire += 1;
                }
                for id in &l.financeurs_ids {
                    presence.at(id, &c.name).financeur += 1;
                }
            }
            for s in &c.doc.signataires {
                if let Some(id) = &s.organisation_id {
                    presence.at(id, &c.name).signataire += 1;
                }
            }
        }
        let mut shared: Vec<SharedOrg> = self
            .registry
            .iter()
            .filter_map(|o| {
                let ts = presence.territories.get(o.id.as_str())?;
                (ts.len() >= 2).then(|| SharedOrg {
                    org: o,
                    territories: ts.iter().copied().collect(),
                    roles: presence
                        .roles
                        .get(o.id.as_str())
                        .copied()
                        .unwrap_or_default(),
                })
            })
            .collect();
        shared.sort_by(|a, b| {
            b.territories
                .len()
                .cmp(&a.territories.len())
                .then(a.org.id.cmp(&b.org.id))
        });
        shared
    }
}

/// Where each organisation appears (territory names) and in which roles.
#[derive(Default)]
struct Presence<'s> {
    roles: HashMap<&'s str, Roles>,
    territories: HashMap<&'s str, BTreeSet<&'s str>>,
}

impl<'s> Presence<'s> {
    /// Notes `id` in the territory `name`; returns its roles, for the caller to count one.
    fn at(&mut self, id: &'s str, name: &'s str) -> &mut Roles {
        self.territories.entry(id).or_default().insert(name);
        self.roles.entry(id).or_default()
    }
}

/// The contracts: retained documents that list actions, each with its lines, page and
/// population.
fn contracts<'a>(retained: &[&'a Document], lines: &[&'a ActionLine]) -> Vec<Contract<'a>> {
    let with_actions = || retained.iter().copied().filter(|d| !d.actions.is_empty());
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for d in with_actions() {
        *names.entry(territory_name(d)).or_default() += 1;
    }
    with_actions()
        .map(|d| {
            let base = territory_name(d);
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
        .collect()
}

/// Every theme code of the vocabulary, then `non_classe`.
fn theme_codes() -> Vec<&'static str> {
    let mut themes: Vec<&'static str> = vocabulary().iter().map(|v| v.code.as_str()).collect();
    themes.push("non_classe");
    themes
}

/// The actions and budget of each contract per main theme (a code outside the vocabulary
/// counts as `non_classe`).
fn theme_cells(
    contracts: &[Contract],
    themes: &[&'static str],
) -> BTreeMap<(usize, &'static str), ThemeCell> {
    let mut cells: BTreeMap<(usize, &'static str), ThemeCell> = BTreeMap::new();
    for (i, c) in contracts.iter().enumerate() {
        for l in &c.lines {
            let th = themes
                .iter()
                .copied()
                .find(|t| *t == theme_of(l))
                .unwrap_or("non_classe");
            let e = cells.entry((i, th)).or_default();
            e.actions += 1;
            if let Some(b) = l.budget_total_eur {
                e.budgeted += 1;
                e.budget += b;
            }
        }
    }
    cells
}

/// Calendar coverage of a contract: every year from start to end (or to the contract's
/// end when the action has no end), else the start year alone; capped at 15 years.
fn running_years(c: &Contract) -> BTreeMap<i32, usize> {
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    for l in &c.lines {
        if let Some(deb) = l.calendrier_debut {
            let fin = l
                .calendrier_fin
                .or(l.periode_fin)
                .unwrap_or(deb)
                .max(deb)
                .min(deb + 15);
            for y in deb..=fin {
                *years.entry(y).or_default() += 1;
            }
        }
    }
    years
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
}
