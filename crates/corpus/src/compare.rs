//! `cls compare`: comparison tables (CSV, UTF-8 with BOM) and one self-contained HTML
//! report of a corpus, for analysts who compare territories.
//!
//! A contract is often present several times (its PDF, its web page, another print of the
//! PDF): comparisons count each contract once, through the document that carries it best
//! (a contract over a web page, then the most actions, then path order). `documents.csv`
//! says which document stands for which contract.

use crate::batch::BatchError;
use crate::export::{action_lines, csv};
use crate::write::write_atomic;
use cls_model::ActionLine;
use cls_model::{Document, Organisation};
use cls_normalize::themes::{label, vocabulary};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// Loads the documents and the registry of a corpus directory.
pub fn load_corpus(dir: &Path) -> Result<(Vec<Document>, Vec<Organisation>), BatchError> {
    let docs_dir = dir.join("documents");
    let rd = std::fs::read_dir(&docs_dir)
        .map_err(|e| BatchError::Read(docs_dir.display().to_string(), e))?;
    let mut paths: Vec<_> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        let t = std::fs::read_to_string(&p)
            .map_err(|e| BatchError::Read(p.display().to_string(), e))?;
        docs.push(
            serde_json::from_str::<Document>(&t)
                .map_err(|e| BatchError::Invalid(format!("{}: {e}", p.display())))?,
        );
    }
    let reg = match std::fs::read_to_string(dir.join("organisations.json")) {
        Ok(t) => serde_json::from_str(&t)
            .map_err(|e| BatchError::Invalid(format!("organisations.json: {e}")))?,
        Err(_) => crate::registry::build(&docs),
    };
    Ok((docs, reg))
}

/// The document that stands for each contract.
pub fn representatives(docs: &[Document]) -> Vec<&Document> {
    let mut best: BTreeMap<&str, &Document> = BTreeMap::new();
    for d in docs {
        // A contract over its web page, then the most actions, then the plain id (the
        // first copy read) over a suffixed one.
        let rank = |x: &Document| {
            (
                x.nature != cls_model::Nature::PageWeb,
                x.actions.len(),
                std::cmp::Reverse(x.id.len()),
            )
        };
        match best.get(d.contrat_id.as_str()) {
            Some(b) if rank(b) >= rank(d) => {}
            _ => {
                best.insert(&d.contrat_id, d);
            }
        }
    }
    best.into_values().collect()
}

fn territory(d: &Document) -> String {
    d.territoire.nom.clone().unwrap_or_else(|| d.id.clone())
}

fn theme_of(l: &ActionLine) -> String {
    l.theme_principal
        .clone()
        .unwrap_or_else(|| "non_classe".to_string())
}

fn eur(v: f64) -> String {
    let n = v.round() as i64;
    let s = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    format!("{}{} €", if n < 0 { "-" } else { "" }, out)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The tables of a comparison, kept to write both the CSVs and the report.
struct Tables {
    territories: Vec<String>,
    themes: Vec<String>,
    /// (territory, theme) → (actions, actions with a known budget, budget total).
    cells: BTreeMap<(String, String), (usize, usize, f64)>,
    /// territory → year → actions running that year.
    years: BTreeMap<String, BTreeMap<i32, usize>>,
}

/// Writes the comparison CSVs and `index.html` of a corpus into `out`.
pub fn compare(corpus: &Path, out: &Path) -> Result<(), BatchError> {
    let (docs, registry) = load_corpus(corpus)?;
    let reps = representatives(&docs);
    let rep_ids: BTreeSet<&str> = reps.iter().map(|d| d.id.as_str()).collect();
    let kept: Vec<Document> = reps.iter().map(|d| (*d).clone()).collect();
    let lines = action_lines(&kept);
    let w = |name: &str, bytes: Vec<u8>| {
        write_atomic(&out.join(name), &bytes)
            .map_err(|e| BatchError::Write(out.join(name).display().to_string(), e))
    };

    // documents.csv: which document stands for which contract.
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            vec![
                territory(d),
                d.contrat_id.clone(),
                d.id.clone(),
                serde_json::to_value(d.nature)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                d.actions.len().to_string(),
                if rep_ids.contains(d.id.as_str()) {
                    "oui"
                } else {
                    "non"
                }
                .to_string(),
            ]
        })
        .collect();
    w(
        "documents.csv",
        csv(
            &[
                "territoire",
                "contrat_id",
                "document_id",
                "nature",
                "actions",
                "retenu",
            ],
            &rows,
        ),
    )?;

    let mut t = Tables {
        territories: Vec::new(),
        themes: vocabulary().iter().map(|v| v.code.clone()).collect(),
        cells: BTreeMap::new(),
        years: BTreeMap::new(),
    };
    t.themes.push("non_classe".into());
    for d in &reps {
        let name = territory(d);
        if !t.territories.contains(&name) {
            t.territories.push(name);
        }
    }
    for l in &lines {
        let ter = l
            .territoire
            .clone()
            .unwrap_or_else(|| l.document_id.clone());
        let c = t.cells.entry((ter.clone(), theme_of(l))).or_default();
        c.0 += 1;
        if let Some(b) = l.budget_total_eur {
            c.1 += 1;
            c.2 += b;
        }
        // Calendar coverage: every year from start to end (or to the contract's end when
        // the action has no end), else the start year alone.
        if let Some(deb) = l.calendrier_debut {
            let fin = l
                .calendrier_fin
                .or(l.periode_fin)
                .unwrap_or(deb)
                .max(deb)
                .min(deb + 15);
            for y in deb..=fin {
                *t.years
                    .entry(ter.clone())
                    .or_default()
                    .entry(y)
                    .or_default() += 1;
            }
        }
    }
    // 1. Actions per territory × theme.
    let mut rows = Vec::new();
    for ter in &t.territories {
        for th in &t.themes {
            if let Some(c) = t.cells.get(&(ter.clone(), th.clone())) {
                rows.push(vec![
                    ter.clone(),
                    th.clone(),
                    label(th).unwrap_or("Non classé").to_string(),
                    c.0.to_string(),
                ]);
            }
        }
    }
    w(
        "actions_par_territoire_theme.csv",
        csv(&["territoire", "theme", "libelle", "actions"], &rows),
    )?;
    // 2. Budget per territory × theme, with the share of actions whose budget is known.
    let mut rows = Vec::new();
    for ter in &t.territories {
        for th in &t.themes {
            if let Some(c) = t.cells.get(&(ter.clone(), th.clone())) {
                let share = if c.0 > 0 {
                    c.1 as f64 / c.0 as f64
                } else {
                    0.0
                };
                rows.push(vec![
                    ter.clone(),
                    th.clone(),
                    c.0.to_string(),
                    c.1.to_string(),
                    format!("{share:.3}"),
                    format!("{}", c.2.round() as i64),
                ]);
            }
        }
    }
    w(
        "budget_par_territoire_theme.csv",
        csv(
            &[
                "territoire",
                "theme",
                "actions",
                "actions_budget_connu",
                "part_budget_connu",
                "budget_total_eur",
            ],
            &rows,
        ),
    )?;
    // 3. Leads per theme.
    let names: BTreeMap<&str, &str> = registry
        .iter()
        .map(|o| (o.id.as_str(), o.nom.as_str()))
        .collect();
    let mut leads: BTreeMap<(String, String), usize> = BTreeMap::new();
    for l in &lines {
        for id in &l.porteurs_ids {
            *leads.entry((theme_of(l), id.clone())).or_default() += 1;
        }
    }
    let mut rows: Vec<Vec<String>> = leads
        .iter()
        .map(|((th, id), n)| {
            vec![
                th.clone(),
                id.clone(),
                names.get(id.as_str()).copied().unwrap_or("").to_string(),
                n.to_string(),
            ]
        })
        .collect();
    rows.sort_by(|a, b| {
        a[0].cmp(&b[0])
            .then(
                b[3].parse::<usize>()
                    .unwrap_or(0)
                    .cmp(&a[3].parse::<usize>().unwrap_or(0)),
            )
            .then(a[1].cmp(&b[1]))
    });
    w(
        "porteurs_par_theme.csv",
        csv(
            &["theme", "organisation_id", "nom", "actions_portees"],
            &rows,
        ),
    )?;
    // 4. Organisations present in several contracts, with their roles.
    let doc_territory: BTreeMap<&str, String> =
        docs.iter().map(|d| (d.id.as_str(), territory(d))).collect();
    let mut shared: Vec<(&Organisation, BTreeSet<String>)> = registry
        .iter()
        .map(|o| {
            (
                o,
                o.documents
                    .iter()
                    .filter(|d| rep_ids.contains(d.as_str()))
                    .filter_map(|d| doc_territory.get(d.as_str()).cloned())
                    .collect::<BTreeSet<_>>(),
            )
        })
        .filter(|(_, ts)| ts.len() >= 2)
        .collect();
    shared.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.id.cmp(&b.0.id)));
    let rows: Vec<Vec<String>> = shared
        .iter()
        .map(|(o, ts)| {
            vec![
                o.id.clone(),
                o.nom.clone(),
                ts.len().to_string(),
                ts.iter().cloned().collect::<Vec<_>>().join(" | "),
                o.roles.porteur.to_string(),
                o.roles.partenaire.to_string(),
                o.roles.financeur.to_string(),
                o.roles.signataire.to_string(),
            ]
        })
        .collect();
    w(
        "organisations_partagees.csv",
        csv(
            &[
                "organisation_id",
                "nom",
                "territoires",
                "liste_territoires",
                "porteur",
                "partenaire",
                "financeur",
                "signataire",
            ],
            &rows,
        ),
    )?;
    // 5. Calendar coverage.
    let mut rows = Vec::new();
    for (ter, ys) in &t.years {
        for (y, n) in ys {
            rows.push(vec![ter.clone(), y.to_string(), n.to_string()]);
        }
    }
    w(
        "calendrier_par_territoire.csv",
        csv(&["territoire", "annee", "actions_en_cours"], &rows),
    )?;
    // 6. Data-quality alerts.
    let rows: Vec<Vec<String>> = lines
        .iter()
        .filter(|l| {
            l.porteurs.is_empty() || l.budget_total_eur.is_none() || l.calendrier_debut.is_none()
        })
        .map(|l| {
            let yes = |b: bool| if b { "oui" } else { "non" }.to_string();
            vec![
                l.territoire.clone().unwrap_or_default(),
                l.document_id.clone(),
                l.numero.clone().unwrap_or_default(),
                l.titre.clone().unwrap_or_default(),
                yes(l.porteurs.is_empty()),
                yes(l.budget_total_eur.is_none()),
                yes(l.calendrier_debut.is_none()),
            ]
        })
        .collect();
    w(
        "alertes_qualite.csv",
        csv(
            &[
                "territoire",
                "document_id",
                "numero",
                "titre",
                "sans_porteur",
                "sans_budget",
                "sans_calendrier",
            ],
            &rows,
        ),
    )?;
    w(
        "organisations.csv",
        crate::export::organisations_csv(&registry),
    )?;
    let html = report(&reps, &lines, &t, &shared, &registry);
    w("index.html", html.into_bytes())?;
    Ok(())
}

/// A horizontal bar chart in inline SVG: one bar per (label, value, colour).
fn bars(items: &[(String, f64, &str)], unit: &str, link: &str) -> String {
    let max = items.iter().map(|i| i.1).fold(0.0, f64::max).max(1.0);
    let h = 22 * items.len() + 6;
    // Theme labels are long ("Prévention, dépistage, vaccination, éducation pour la
    // santé"): the label column is wide enough for them at 12 px.
    let mut s =
        format!(r#"<svg class="chart" viewBox="0 0 820 {h}" width="820" height="{h}" role="img">"#);
    for (i, (lab, v, color)) in items.iter().enumerate() {
        let y = 4 + i * 22;
        let wbar = (v / max * 340.0).max(if *v > 0.0 { 2.0 } else { 0.0 });
        let _ = write!(
            s,
            r#"<text x="400" y="{ty}" text-anchor="end" class="lab">{l}</text><rect x="410" y="{y}" width="{wbar:.1}" height="16" fill="{color}"><title>{l} : {v}{unit}</title></rect><a href="{link}"><text x="{tx:.1}" y="{ty}" class="val">{v}{unit}</text></a>"#,
            ty = y + 12,
            l = esc(lab),
            tx = 416.0 + wbar,
        );
    }
    s.push_str("</svg>");
    s
}

const COLORS: [&str; 13] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#b5b5b5",
];

fn color(theme: &str) -> &'static str {
    let i = vocabulary()
        .iter()
        .position(|t| t.code == theme)
        .unwrap_or(12);
    COLORS[i.min(12)]
}

fn report(
    reps: &[&Document],
    lines: &[ActionLine],
    t: &Tables,
    shared: &[(&Organisation, BTreeSet<String>)],
    registry: &[Organisation],
) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        r##"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Contrats locaux de santé — comparaison des territoires</title><style>
body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1100px;color:#1b1b1b;line-height:1.4;padding:0 1rem}}
h1{{font-size:1.6rem;margin-bottom:.2rem}} h2{{margin-top:2.2rem;border-bottom:2px solid #000091;padding-bottom:.2rem;color:#000091}} h3{{margin-bottom:.3rem}}
table{{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}} th,td{{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}} th{{background:#f0f0f6}}
td.num{{text-align:right;font-variant-numeric:tabular-nums}} .heat td.num a{{color:inherit;text-decoration:none;display:block}}
.card{{border:1px solid #ddd;border-radius:6px;padding:.8rem 1rem;margin:1rem 0;background:#fafafa}}
.facts{{display:flex;gap:2rem;flex-wrap:wrap;margin:.3rem 0 .6rem}} .facts div b{{display:block;font-size:1.3rem}}
.chart .lab{{font-size:12px}} .chart .val{{font-size:12px;fill:#333}} .note{{color:#555;font-size:.85rem}} a{{color:#000091}}
nav a{{margin-right:1rem}}
</style></head><body>
<h1>Contrats locaux de santé — comparaison des territoires</h1>
<p class="note">{n} contrat(s) comparé(s), {a} action(s). Chaque chiffre renvoie au fichier CSV dont il provient (même dossier que ce rapport).</p>
<nav><a href="#territoires">Territoires</a><a href="#themes">Thèmes</a><a href="#calendrier">Calendrier</a><a href="#organisations">Organisations partagées</a><a href="#qualite">Qualité des données</a></nav>
<h2 id="territoires">Synthèse par territoire</h2>"##,
        n = reps.len(),
        a = lines.len()
    );
    for d in reps {
        let ter = territory(d);
        let mine: Vec<&ActionLine> = lines.iter().filter(|l| l.document_id == d.id).collect();
        let budget: f64 = mine.iter().filter_map(|l| l.budget_total_eur).sum();
        let known = mine.iter().filter(|l| l.budget_total_eur.is_some()).count();
        let periode = match (d.periode.debut, d.periode.fin) {
            (Some(a), Some(b)) => format!("{a}–{b}"),
            (Some(a), None) => format!("depuis {a}"),
            _ => "non précisée".into(),
        };
        let mut per_theme: Vec<(String, f64, &str)> = t
            .themes
            .iter()
            .filter_map(|th| {
                t.cells.get(&(ter.clone(), th.clone())).map(|c| {
                    (
                        label(th).unwrap_or("Non classé").to_string(),
                        c.0 as f64,
                        color(th),
                    )
                })
            })
            .collect();
        per_theme.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut partners: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &mine {
            for p in &l.partenaires_ids {
                *partners.entry(p.as_str()).or_default() += 1;
            }
        }
        let mut partners: Vec<(&str, usize)> = partners.into_iter().collect();
        partners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let names: BTreeMap<&str, &str> = registry
            .iter()
            .map(|o| (o.id.as_str(), o.nom.as_str()))
            .collect();
        let top: Vec<String> = partners
            .iter()
            .take(5)
            .map(|(id, n)| {
                format!(
                    "{} (<a href=\"organisations.csv\">{n}</a>)",
                    esc(names.get(id).copied().unwrap_or(id))
                )
            })
            .collect();
        let _ = write!(
            h,
            r#"<div class="card"><h3>{ter}</h3><div class="facts"><div>Période<b>{periode}</b></div><div>Actions<b><a href="actions_par_territoire_theme.csv">{na}</a></b></div><div>Budget connu<b><a href="budget_par_territoire_theme.csv">{b}</a></b><span class="note">pour <a href="budget_par_territoire_theme.csv">{known}</a> action(s) sur {na}</span></div><div>Signature<b>{sig}</b></div></div>
<p class="note">Actions par thème principal (source : <a href="actions_par_territoire_theme.csv">actions_par_territoire_theme.csv</a>)</p>{chart}<p><b>Principaux partenaires :</b> {top}</p><p class="note">Document retenu : {id} ({src})</p></div>"#,
            ter = esc(&ter),
            na = mine.len(),
            b = if known > 0 {
                eur(budget)
            } else {
                "non chiffré".to_string()
            },
            sig = d
                .date_signature
                .clone()
                .unwrap_or_else(|| "non précisée".into()),
            chart = if per_theme.is_empty() {
                "<p>Aucune action n'est listée dans ce document.</p>".to_string()
            } else {
                bars(&per_theme, "", "actions_par_territoire_theme.csv")
            },
            top = if top.is_empty() {
                "aucun nommé".to_string()
            } else {
                top.join(", ")
            },
            id = esc(&d.id),
            src = esc(&d.source.fichier),
        );
    }
    // Heat table territory × theme.
    let max = t.cells.values().map(|c| c.0).max().unwrap_or(1).max(1);
    let _ = write!(
        h,
        r#"<h2 id="themes">Territoires × thèmes</h2><p class="note">Nombre d'actions par thème principal ; la couleur croît avec le nombre (source : <a href="actions_par_territoire_theme.csv">actions_par_territoire_theme.csv</a>).</p><table class="heat"><tr><th>Thème</th>"#
    );
    for ter in &t.territories {
        let _ = write!(h, "<th>{}</th>", esc(ter));
    }
    h.push_str("</tr>");
    for th in &t.themes {
        let _ = write!(h, "<tr><td>{}</td>", esc(label(th).unwrap_or("Non classé")));
        for ter in &t.territories {
            let n = t
                .cells
                .get(&(ter.clone(), th.clone()))
                .map(|c| c.0)
                .unwrap_or(0);
            let alpha = n as f64 / max as f64;
            let _ = write!(
                h,
                r#"<td class="num" style="background:rgba(0,0,145,{:.2});color:{}"><a href="actions_par_territoire_theme.csv">{}</a></td>"#,
                alpha * 0.85,
                if alpha > 0.5 { "#fff" } else { "#1b1b1b" },
                n
            );
        }
        h.push_str("</tr>");
    }
    h.push_str("</table>");
    // Timeline: actions running each year, per territory.
    let years: BTreeSet<i32> = t.years.values().flat_map(|m| m.keys().copied()).collect();
    let _ = write!(
        h,
        r#"<h2 id="calendrier">Calendrier des actions</h2><p class="note">Actions en cours chaque année, d'après leurs calendriers (source : <a href="calendrier_par_territoire.csv">calendrier_par_territoire.csv</a>). Une action sans date de fin est comptée jusqu'à la fin du contrat.</p>"#
    );
    if let (Some(&y0), Some(&y1)) = (years.first(), years.last()) {
        let n = (y1 - y0 + 1) as usize;
        let cell = (560 / n.max(1)).clamp(24, 70);
        let height = 30 + 26 * t.years.len();
        let width = 200 + cell * n;
        let maxv = t
            .years
            .values()
            .flat_map(|m| m.values().copied())
            .max()
            .unwrap_or(1)
            .max(1);
        let _ = write!(
            h,
            r#"<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">"#
        );
        for (i, y) in (y0..=y1).enumerate() {
            let _ = write!(
                h,
                r#"<text x="{}" y="16" text-anchor="middle" class="lab">{y}</text>"#,
                200 + i * cell + cell / 2
            );
        }
        for (r, (ter, m)) in t.years.iter().enumerate() {
            let y = 24 + r * 26;
            let _ = write!(
                h,
                r#"<text x="190" y="{}" text-anchor="end" class="lab">{}</text>"#,
                y + 15,
                esc(ter)
            );
            for (i, yr) in (y0..=y1).enumerate() {
                let v = m.get(&yr).copied().unwrap_or(0);
                let a = v as f64 / maxv as f64;
                let _ = write!(
                    h,
                    r##"<a href="calendrier_par_territoire.csv"><rect x="{}" y="{y}" width="{}" height="20" fill="rgba(0,0,145,{:.2})" stroke="#ddd"><title>{} {yr} : {v} action(s)</title></rect><text x="{}" y="{}" text-anchor="middle" class="val" style="fill:{}">{}</text></a>"##,
                    200 + i * cell,
                    cell - 2,
                    a * 0.85,
                    esc(ter),
                    200 + i * cell + cell / 2,
                    y + 14,
                    if a > 0.5 { "#fff" } else { "#333" },
                    if v > 0 { v.to_string() } else { String::new() }
                );
            }
        }
        h.push_str("</svg>");
    } else {
        h.push_str("<p>Aucune action datée.</p>");
    }
    // Shared organisations.
    let _ = write!(
        h,
        r#"<h2 id="organisations">Organisations présentes dans plusieurs territoires</h2><p class="note">Source : <a href="organisations_partagees.csv">organisations_partagees.csv</a> ; registre complet : <a href="organisations.csv">organisations.csv</a>.</p>"#
    );
    if shared.is_empty() {
        h.push_str("<p>Aucune organisation n'apparaît dans plus d'un territoire du corpus.</p>");
    } else {
        h.push_str("<table><tr><th>Organisation</th><th>Territoires</th><th>Porteur</th><th>Partenaire</th><th>Financeur</th><th>Signataire</th></tr>");
        for (o, ts) in shared.iter().take(40) {
            let _ = write!(
                h,
                r#"<tr><td>{}</td><td><a href="organisations_partagees.csv">{}</a> : {}</td><td class="num"><a href="organisations_partagees.csv">{}</a></td><td class="num"><a href="organisations_partagees.csv">{}</a></td><td class="num"><a href="organisations_partagees.csv">{}</a></td><td class="num"><a href="organisations_partagees.csv">{}</a></td></tr>"#,
                esc(&o.nom),
                ts.len(),
                esc(&ts.iter().cloned().collect::<Vec<_>>().join(", ")),
                o.roles.porteur,
                o.roles.partenaire,
                o.roles.financeur,
                o.roles.signataire
            );
        }
        h.push_str("</table>");
    }
    // Data quality.
    let _ = write!(
        h,
        r#"<h2 id="qualite">Qualité des données</h2><p class="note">Actions sans porteur, sans budget chiffré ou sans année de calendrier (liste : <a href="alertes_qualite.csv">alertes_qualite.csv</a>).</p><table><tr><th>Territoire</th><th>Actions</th><th>Sans porteur</th><th>Sans budget</th><th>Sans calendrier</th></tr>"#
    );
    for d in reps {
        let mine: Vec<&ActionLine> = lines.iter().filter(|l| l.document_id == d.id).collect();
        let c = |f: &dyn Fn(&ActionLine) -> bool| mine.iter().filter(|l| f(l)).count();
        let _ = write!(
            h,
            r#"<tr><td>{}</td><td class="num"><a href="actions_par_territoire_theme.csv">{}</a></td><td class="num"><a href="alertes_qualite.csv">{}</a></td><td class="num"><a href="alertes_qualite.csv">{}</a></td><td class="num"><a href="alertes_qualite.csv">{}</a></td></tr>"#,
            esc(&territory(d)),
            mine.len(),
            c(&|l| l.porteurs.is_empty()),
            c(&|l| l.budget_total_eur.is_none()),
            c(&|l| l.calendrier_debut.is_none())
        );
    }
    h.push_str("</table><p class=\"note\">Rapport produit par cls à partir du corpus ; thèmes : vocabulaire cls/1 (data/themes.txt).</p></body></html>\n");
    h
}
