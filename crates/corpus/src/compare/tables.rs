//! The CSV tables of `cls compare`, each with its Table Schema: the contracts, actions
//! and budgets per territory and theme, leads per theme, organisations shared between
//! territories, calendar coverage and data-quality alerts.

use super::{theme_label, theme_of, Contract, Figures, SharedOrg, ThemeCell};
use crate::export::{col, Cell, Column, Exports, Kind, Table};
use std::collections::BTreeMap;

/// Every table of the report, in the order they are written.
pub(super) fn all(fig: &Figures, exports: &Exports, shared: &[SharedOrg]) -> Vec<Table> {
    vec![
        // Which document stands for which contract.
        exports.documents_table(),
        territories_table(fig),
        territory_themes_table(fig),
        leads_table(fig),
        shared_table(shared),
        calendar_table(fig),
        quality_table(fig),
        crate::export::organisations_table(fig.registry),
    ]
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn count(n: usize) -> Cell {
    Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Territories: one row per contract.
fn territories_table(fig: &Figures) -> Table {
    Table {
        stem: "territoires",
        sheet: "Territoires",
        title: "Contrats comparés (document retenu, au moins une action)",
        columns: TERRITORY_COLUMNS.to_vec(),
        rows: fig.contracts.iter().map(territory_row).collect(),
    }
}

const TERRITORY_COLUMNS: &[Column] = &[
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
];

fn territory_row(c: &Contract) -> Vec<Cell> {
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
}

/// Actions and budget per territory × theme, with shares.
fn territory_themes_table(fig: &Figures) -> Table {
    let mut rows = Vec::new();
    for (i, c) in fig.contracts.iter().enumerate() {
        let (_, total_budget) = c.budget();
        for th in &fig.themes {
            if let Some(cell) = fig.cells.get(&(i, *th)) {
                rows.push(territory_theme_row(c, th, cell, total_budget));
            }
        }
    }
    Table {
        stem: "territoires_themes",
        sheet: "Territoires × thèmes",
        title: "Actions et budgets par territoire et thème principal",
        columns: TERRITORY_THEME_COLUMNS.to_vec(),
        rows,
    }
}

const TERRITORY_THEME_COLUMNS: &[Column] = &[
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
];

fn territory_theme_row(c: &Contract, th: &str, cell: &ThemeCell, total_budget: f64) -> Vec<Cell> {
    vec![
        text(&c.name),
        text(th),
        text(theme_label(th)),
        count(cell.actions),
        Cell::Num((share(cell.actions, c.lines.len()) * 1000.0).round() / 1000.0),
        count(cell.budgeted),
        Cell::Num(cell.budget.round()),
        Cell::Num(if total_budget > 0.0 {
            (cell.budget / total_budget * 1000.0).round() / 1000.0
        } else {
            0.0
        }),
    ]
}

/// Leads per theme: the actions each organisation leads under each main theme, by theme,
/// then the most actions first.
fn leads_table(fig: &Figures) -> Table {
    let mut leads: BTreeMap<(String, String), usize> = BTreeMap::new();
    for l in &fig.lines {
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
    Table {
        stem: "porteurs_par_theme",
        sheet: "Porteurs",
        title: "Organisations qui portent des actions, par thème",
        columns: LEAD_COLUMNS.to_vec(),
        rows: leads
            .iter()
            .map(|((th, id), n)| {
                vec![
                    text(th),
                    text(id),
                    text(fig.reg_names.get(id.as_str()).copied().unwrap_or("")),
                    count(*n),
                ]
            })
            .collect(),
    }
}

const LEAD_COLUMNS: &[Column] = &[
    col("theme", Kind::Text, "Code du thème principal"),
    col("organisation_id", Kind::Text, "Organisation"),
    col("nom", Kind::Text, "Nom de l'organisation"),
    col("actions_portees", Kind::Integer, "Actions portées"),
];

/// Organisations present in several territories, roles counted in retained documents.
fn shared_table(shared: &[SharedOrg]) -> Table {
    Table {
        stem: "organisations_partagees",
        sheet: "Organisations partagées",
        title: "Organisations présentes dans plusieurs territoires",
        columns: SHARED_COLUMNS.to_vec(),
        rows: shared
            .iter()
            .map(|s| {
                vec![
                    text(&s.org.id),
                    text(&s.org.nom),
                    count(s.territories.len()),
                    text(&s.territories.join(" | ")),
                    count(s.roles.porteur),
                    count(s.roles.partenaire),
                    count(s.roles.financeur),
                    count(s.roles.signataire),
                ]
            })
            .collect(),
    }
}

const SHARED_COLUMNS: &[Column] = &[
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
];

/// Calendar coverage: the actions running each year, per territory.
fn calendar_table(fig: &Figures) -> Table {
    Table {
        stem: "calendrier_par_territoire",
        sheet: "Calendrier",
        title: "Actions en cours chaque année",
        columns: CALENDAR_COLUMNS.to_vec(),
        rows: fig
            .contracts
            .iter()
            .zip(&fig.years)
            .flat_map(|(c, ys)| {
                ys.iter()
                    .map(|(y, n)| vec![text(&c.name), Cell::Int((*y).into()), count(*n)])
            })
            .collect(),
    }
}

const CALENDAR_COLUMNS: &[Column] = &[
    col("territoire", Kind::Text, "Territoire"),
    col("annee", Kind::Integer, "Année"),
    col(
        "actions_en_cours",
        Kind::Integer,
        "Actions en cours cette année-là",
    ),
];

/// Data-quality alerts: actions with no lead, no known budget or no year.
fn quality_table(fig: &Figures) -> Table {
    Table {
        stem: "alertes_qualite",
        sheet: "Qualité",
        title: "Actions sans porteur, sans budget chiffré ou sans année",
        columns: QUALITY_COLUMNS.to_vec(),
        rows: fig
            .contracts
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
    }
}

const QUALITY_COLUMNS: &[Column] = &[
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
];
