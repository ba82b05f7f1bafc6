//! The HTML pages of `cls compare`: an overview (`index.html`) and one page per
//! territory, rendered by minijinja from the templates in `templates/`. This module turns
//! the report's figures into the values the templates show, numbers written the French
//! way.

use super::{period, territory_name, theme_label, theme_of, Contract, Figures, ReportInfo};
use super::{SharedOrg, ThemeCell};
use crate::error::CorpusError;
use crate::export::amount;
use crate::write::write_output;
use cls_model::{ActionLine, Document};
use cls_normalize::themes::vocabulary;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Renders and writes `index.html`, then the page of each territory.
pub(super) fn write(
    out: &Path,
    info: &ReportInfo,
    fig: &Figures,
    shared: &[SharedOrg],
    paths: &HashMap<String, PathBuf>,
) -> Result<(), CorpusError> {
    let env = environment()?;
    let foot = json!({"date": info.date, "outil": info.outil});
    let index = render(
        &env,
        "index.html",
        index_context(out, fig, shared, paths, &foot),
    )?;
    write_output(&out.join("index.html"), index.as_bytes())?;
    let links = json!(territory_links(fig));
    for (i, c) in fig.contracts.iter().enumerate() {
        let mut ctx = territory_page(out, fig, i, paths);
        ctx["pied"] = foot.clone();
        ctx["territoires"] = links.clone();
        let html = render(&env, "territoire.html", ctx)?;
        write_output(&out.join(&c.page), html.as_bytes())?;
    }
    Ok(())
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

/// The link from the report directory to a source file, at a page for a PDF: relative to
/// the report's folder (so that the report opens its sources wherever it is read from,
/// and still does when report and sources move together), each segment percent-encoded
/// (a `#`, a space or an accent in a file name would break the link otherwise). Without a
/// known path, the file's name.
fn source_link(out: &Path, path: Option<&PathBuf>, d: &Document) -> String {
    let target = match path {
        Some(p) => {
            let abs = std::fs::canonicalize(p).unwrap_or_else(|_| absolute(p));
            let from = std::fs::canonicalize(out).unwrap_or_else(|_| absolute(out));
            relative(&from, &abs)
        }
        None => vec![d.source.fichier.clone()],
    };
    let href: Vec<String> = target.iter().map(|s| percent_encode(s)).collect();
    href.join("/")
}

/// The link to page `page` of a source file (PDF viewers open `fichier.pdf#page=N`).
fn at_page(href: &str, d: &Document, page: Option<u32>) -> String {
    match (d.source.format, page) {
        (cls_model::Format::Pdf, Some(n)) => format!("{href}#page={n}"),
        _ => href.to_string(),
    }
}

/// `p` made absolute against the working directory (`p` itself when that is unknown).
fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The path segments of `to` relative to the directory `from` (both absolute).
fn relative(from: &Path, to: &Path) -> Vec<String> {
    let f: Vec<_> = from.components().collect();
    let t: Vec<_> = to.components().collect();
    let common = f.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); f.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().to_string()),
    );
    parts
}

/// One path segment of a URL: every byte but RFC 3986's unreserved characters written
/// `%XX` (UTF-8 for accents).
fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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

/// The name and page of every territory, for the menus of every page.
fn territory_links(fig: &Figures) -> Vec<Value> {
    fig.contracts
        .iter()
        .map(|c| json!({"nom": c.name, "page": c.page}))
        .collect()
}

/// The figures of the overview page.
fn index_context(
    out: &Path,
    fig: &Figures,
    shared: &[SharedOrg],
    paths: &HashMap<String, PathBuf>,
    foot: &Value,
) -> Value {
    let total_actions: usize = fig.contracts.iter().map(|c| c.lines.len()).sum();
    let total_known: usize = fig.contracts.iter().map(|c| c.budget().0).sum();
    let copies = fig.docs.len() - fig.retained.len();
    json!({
        "pied": foot, "contrats": overview(fig, total_actions), "nb_contrats": fig.contracts.len(),
        "nb_actions": total_actions, "nb_documents": fig.docs.len(), "nb_copies": copies,
        "connu": total_known, "part_connu": pct(total_known as f64, total_actions as f64),
        "territoires": territory_links(fig),
        "heat": heat(fig, total_actions), "timeline": timeline(&fig.contracts, &fig.years),
        "partagees": shared_rows(shared), "qualite": quality_rows(fig),
        "vides": empty_rows(out, fig, paths),
    })
}

/// One line per contract: period, signature, actions, budget, population, with the
/// plain values the table sorts by (`*_tri`; -1 when unknown).
fn overview(fig: &Figures, total_actions: usize) -> Vec<Value> {
    fig.contracts
        .iter()
        .map(|c| {
            let (known, budget) = c.budget();
            let per_hab = c
                .population
                .filter(|_| known > 0)
                .map(|e| budget / e.population as f64);
            json!({
                "nom": c.name, "page": c.page, "periode": period(c.doc),
                "debut": c.doc.periode.debut.unwrap_or(-1),
                "signature": c.doc.date_signature.clone().unwrap_or_else(|| "non précisée".into()),
                "actions": c.lines.len(), "part_actions": pct(c.lines.len() as f64, total_actions as f64),
                "budget": if known > 0 { eur(budget) } else { "non chiffré".into() },
                "budget_tri": if known > 0 { amount(budget) } else { "-1".into() },
                "connu": known, "part_connu": pct(known as f64, c.lines.len() as f64),
                "par_habitant": per_hab.map(eur_cents),
                "par_habitant_tri": per_hab.map(|v| format!("{v:.4}")).unwrap_or_else(|| "-1".into()),
                "population": c.population.map(|e| group(e.population)),
                "population_tri": c.population.map(|e| e.population as i64).unwrap_or(-1),
            })
        })
        .collect()
}

/// The territory × theme grid: one row per territory (there are many more territories
/// than themes, and rows are what a page has room for), one column per theme, each cell's
/// colour growing with its count.
fn heat(fig: &Figures, total_actions: usize) -> Value {
    let max_cell = fig
        .cells
        .values()
        .map(|c| c.actions)
        .max()
        .unwrap_or(1)
        .max(1);
    let rows: Vec<Value> = fig
        .contracts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells: Vec<Value> = fig
                .themes
                .iter()
                .map(|th| {
                    let n = fig.cells.get(&(i, *th)).map(|c| c.actions).unwrap_or(0);
                    let a = n as f64 / max_cell as f64;
                    json!({
                        "n": n,
                        "part": pct(n as f64, c.lines.len() as f64),
                        "bg": format!("rgba(0,0,145,{:.2})", a * 0.85),
                        "fg": if a > 0.5 { "#fff" } else { "#1b1b1b" },
                        "theme": theme_label(th),
                    })
                })
                .collect();
            json!({"nom": c.name, "page": c.page, "cells": cells, "total": c.lines.len()})
        })
        .collect();
    let themes: Vec<Value> = fig
        .themes
        .iter()
        .map(|th| {
            let total: usize = (0..fig.contracts.len())
                .filter_map(|i| fig.cells.get(&(i, *th)).map(|c| c.actions))
                .sum();
            json!({"libelle": theme_label(th), "total": total,
                   "part": pct(total as f64, total_actions as f64)})
        })
        .collect();
    json!({"themes": themes, "rows": rows, "total": total_actions})
}

/// The 40 most widespread shared organisations.
fn shared_rows(shared: &[SharedOrg]) -> Vec<Value> {
    shared
        .iter()
        .take(40)
        .map(|s| {
            json!({"nom": s.org.nom, "n": s.territories.len(), "territoires": s.territories.join(", "),
                   "porteur": s.roles.porteur, "partenaire": s.roles.partenaire,
                   "financeur": s.roles.financeur, "signataire": s.roles.signataire})
        })
        .collect()
}

/// Per contract, the actions with no lead, no known budget, no year.
fn quality_rows(fig: &Figures) -> Vec<Value> {
    fig.contracts
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
        .collect()
}

/// The retained documents that list no action, linked to their files.
fn empty_rows(out: &Path, fig: &Figures, paths: &HashMap<String, PathBuf>) -> Vec<Value> {
    fig.empty
        .iter()
        .map(|d| {
            json!({"nom": territory_name(d),
                   "id": d.id, "fichier": d.source.fichier,
                   "lien": source_link(out, paths.get(&d.id), d)})
        })
        .collect()
}

/// The figures of one territory's page.
fn territory_page(out: &Path, fig: &Figures, i: usize, paths: &HashMap<String, PathBuf>) -> Value {
    let c = &fig.contracts[i];
    let (known, budget) = c.budget();
    let n = c.lines.len();
    let per_theme = themes_by_count(fig, i);
    let path = paths.get(&c.doc.id);
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
        "bars": theme_bars(&per_theme, n, budget),
        "partenaires": top_partners(c, &fig.reg_names), "actions": action_rows(c, &source_link(out, path, c.doc)),
        "filtres": theme_filter,
        "document": c.doc.id, "fichier": c.doc.source.fichier,
        "lien": source_link(out, path, c.doc),
        "signataires": c.doc.signataires.iter().map(|s| s.nom.clone()).collect::<Vec<_>>(),
    })
}

/// The main themes of contract `i`, the most frequent first.
fn themes_by_count(fig: &Figures, i: usize) -> Vec<(&'static str, ThemeCell)> {
    let mut per_theme: Vec<(&'static str, ThemeCell)> = fig
        .themes
        .iter()
        .filter_map(|th| fig.cells.get(&(i, *th)).map(|x| (*th, *x)))
        .collect();
    per_theme.sort_by(|a, b| b.1.actions.cmp(&a.1.actions).then(a.0.cmp(b.0)));
    per_theme
}

/// The bars of a territory's themes: `n` actions, `budget` their known budget. Drawn by
/// CSS, so that labels keep their size on a phone: each bar's length is a share of its
/// track, the longest 80 % (the rest is room for its value).
fn theme_bars(per_theme: &[(&str, ThemeCell)], n: usize, budget: f64) -> Vec<Value> {
    let max = per_theme
        .iter()
        .map(|t| t.1.actions)
        .max()
        .unwrap_or(1)
        .max(1);
    per_theme
        .iter()
        .map(|(th, cell)| {
            let w = (cell.actions as f64 / max as f64 * 80.0).max(1.0);
            json!({
                "libelle": theme_label(th), "n": cell.actions, "part": pct(cell.actions as f64, n as f64),
                "budget": if cell.budgeted > 0 { eur(cell.budget) } else { "—".into() },
                "budget_tri": if cell.budgeted > 0 { amount(cell.budget) } else { "-1".into() },
                "part_budget": if cell.budgeted > 0 { pct(cell.budget, budget) } else { "—".into() },
                "w": format!("{w:.1}"), "color": color(th),
            })
        })
        .collect()
}

/// The eight partners of the most actions of a contract.
fn top_partners(c: &Contract, reg_names: &BTreeMap<&str, &str>) -> Vec<Value> {
    let n = c.lines.len();
    let mut partners: BTreeMap<&str, usize> = BTreeMap::new();
    for l in &c.lines {
        for p in &l.partenaires_ids {
            *partners.entry(p.as_str()).or_default() += 1;
        }
    }
    let mut partners: Vec<(&str, usize)> = partners.into_iter().collect();
    partners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    partners
        .iter()
        .take(8)
        .map(|(id, k)| {
            json!({"nom": reg_names.get(id).copied().unwrap_or(id), "n": k,
                   "part": pct(*k as f64, n as f64)})
        })
        .collect()
}

/// The table of a contract's actions, each linked to its page of the source file (`href`).
fn action_rows(c: &Contract, href: &str) -> Vec<Value> {
    c.lines
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
                "lien": at_page(href, c.doc, page),
                "page": page,
            })
        })
        .collect()
}

/// The grid of actions running each year, one row per territory with dated actions; the
/// territories without any are named apart (a row of empty cells reads as missing data).
fn timeline(contracts: &[Contract], years: &[BTreeMap<i32, usize>]) -> Value {
    let all: BTreeSet<i32> = years.iter().flat_map(|m| m.keys().copied()).collect();
    let undated: Vec<Value> = contracts
        .iter()
        .zip(years)
        .filter(|(_, m)| m.is_empty())
        .map(|(c, _)| json!({"nom": c.name, "page": c.page}))
        .collect();
    let (Some(&y0), Some(&y1)) = (all.first(), all.last()) else {
        return json!({"annees": [], "rows": [], "sans_annee": undated});
    };
    let maxv = years
        .iter()
        .flat_map(|m| m.values().copied())
        .max()
        .unwrap_or(1)
        .max(1);
    let rows: Vec<Value> = contracts
        .iter()
        .zip(years)
        .filter(|(_, m)| !m.is_empty())
        .map(|(c, m)| {
            let cells: Vec<Value> = (y0..=y1)
                .map(|yr| {
                    let v = m.get(&yr).copied().unwrap_or(0);
                    let a = v as f64 / maxv as f64;
                    json!({"bg": format!("rgba(0,0,145,{:.2})", a * 0.85),
                           "fg": if a > 0.5 { "#fff" } else { "#333" }, "v": v, "annee": yr})
                })
                .collect();
            json!({"nom": c.name, "page": c.page, "cells": cells})
        })
        .collect();
    json!({"annees": (y0..=y1).collect::<Vec<i32>>(), "rows": rows, "sans_annee": undated})
}

const LAYOUT: &str = include_str!("../../templates/layout.html");
const INDEX: &str = include_str!("../../templates/index.html");
const TERRITOIRE: &str = include_str!("../../templates/territoire.html");

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
    fn relative_links_climb_out_of_the_report_directory() {
        assert_eq!(
            relative(
                Path::new("/a/corpus/report"),
                Path::new("/a/fixtures/x.pdf")
            )
            .join("/"),
            "../../fixtures/x.pdf"
        );
    }

    #[test]
    fn links_are_percent_encoded() {
        assert_eq!(
            percent_encode("contrat n°1 #2 é.pdf"),
            "contrat%20n%C2%B01%20%232%20%C3%A9.pdf"
        );
        assert_eq!(percent_encode("a-b_c~d.pdf"), "a-b_c~d.pdf");
    }

    #[test]
    fn templates_parse() {
        let env = environment().unwrap();
        for name in ["layout.html", "index.html", "territoire.html"] {
            assert!(env.get_template(name).is_ok(), "{name}");
        }
    }
}
