//! Flat exports for the tools researchers use: `actions.jsonl` (UTF-8, no BOM; DuckDB's
//! `read_json_auto`, pandas, R), CSV tables (`actions`, `montants`, `organisations`,
//! `documents`, `alertes`; UTF-8 with BOM so that Excel reads accents right, comma
//! separator, ISO dates) each with its Table Schema (`*.schema.json`, Frictionless style,
//! codes declared as strings), the workbook `corpus.xlsx`, and `schema/` (JSON Schemas of
//! the document, of an `actions.jsonl` line, of the registry and of the manifest).
//!
//! Every table is described once (`Table`: columns with a type and a French description,
//! rows of typed cells), and the CSV, its Table Schema and its workbook sheet are written
//! from that one description, so they cannot disagree.

use crate::error::CorpusError;
use crate::retenu::{retained, Candidate};
use crate::write::write_output;
use cls_model::{ActionLine, Document, Organisation};
use serde::Serialize;
use std::path::Path;

/// The type of a column, as Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text, codes included ("01", "2A", "1.1" stay text).
    Text,
    Integer,
    /// Amounts in euros and shares.
    Number,
    Boolean,
    /// An ISO date, "YYYY-MM-DD".
    Date,
}

impl Kind {
    fn table_schema(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::Boolean => "boolean",
            Kind::Date => "date",
        }
    }
}

/// One typed cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Num(f64),
    Bool(bool),
    /// "YYYY-MM-DD" as read from the document.
    Date(String),
}

impl Cell {
    fn text(s: &Option<String>) -> Cell {
        s.clone().map(Cell::Text).unwrap_or(Cell::Empty)
    }
    fn int<T: Into<i64> + Copy>(v: Option<T>) -> Cell {
        v.map(|x| Cell::Int(x.into())).unwrap_or(Cell::Empty)
    }
    fn num(v: Option<f64>) -> Cell {
        v.map(Cell::Num).unwrap_or(Cell::Empty)
    }
    /// Lists inside a cell are joined with " | " (a character French text never uses).
    fn list(v: &[String]) -> Cell {
        if v.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(v.join(" | "))
        }
    }
    fn count(n: usize) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// The cell as CSV text: numbers as integers when whole, booleans as true/false,
    /// unknown as an empty field.
    pub fn csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Date(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Num(x) => amount(*x),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// Whole amounts are written without a decimal part, others as they are.
pub fn amount(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A column: its name (the CSV header), type and description (French, for the Table
/// Schema and the workbook's header comments).
#[derive(Debug, Clone)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub description: &'static str,
}

pub(crate) const fn col(name: &'static str, kind: Kind, description: &'static str) -> Column {
    Column {
        name,
        kind,
        description,
    }
}

/// A table: its file stem ("actions"), sheet title ("Actions"), columns and rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub stem: &'static str,
    pub sheet: &'static str,
    pub title: &'static str,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The table as CSV (UTF-8 with BOM, comma separator, `\n` line ends).
    pub fn csv(&self) -> Vec<u8> {
        let mut out = "\u{feff}".as_bytes().to_vec();
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut out);
            // Writing into a Vec cannot fail.
            let _ = w.write_record(self.columns.iter().map(|c| c.name));
            for r in &self.rows {
                let _ = w.write_record(r.iter().map(Cell::csv));
            }
            let _ = w.flush();
        }
        out
    }

    /// The Table Schema (frictionless `tableschema` v1) of the CSV: codes are strings, so
    /// that readers that follow the schema keep leading zeros and "2A".
    pub fn table_schema(&self) -> serde_json::Value {
        let fields: Vec<serde_json::Value> = self
            .columns
            .iter()
            .map(|c| {
                let mut f = serde_json::Map::new();
                f.insert("name".into(), c.name.into());
                f.insert("type".into(), c.kind.table_schema().into());
                f.insert("description".into(), c.description.into());
                if c.kind == Kind::Date {
                    f.insert("format".into(), "default".into());
                }
                serde_json::Value::Object(f)
            })
            .collect();
        let mut s = serde_json::Map::new();
        s.insert(
            "$schema".into(),
            "https://specs.frictionlessdata.io/schemas/table-schema.json".into(),
        );
        s.insert("name".into(), self.stem.into());
        s.insert("title".into(), self.title.into());
        s.insert("fields".into(), fields.into());
        s.insert("missingValues".into(), vec![""].into());
        serde_json::Value::Object(s)
    }
}

fn enum_str<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_string))
}

/// The flat lines of one document, in action order (`retenu` still false: it is decided
/// over the whole corpus, by [`Exports::finish`]).
pub fn document_lines(d: &Document) -> Vec<ActionLine> {
    d.actions.iter().map(|a| action_line(d, a)).collect()
}

/// The flat line of one action of `d`: the document's fields repeated on every line, so
/// that a line reads alone.
fn action_line(d: &Document, a: &cls_model::Action) -> ActionLine {
    let axe_titre = a
        .axe
        .and_then(|n| d.axes.iter().find(|x| x.numero == n))
        .map(|x| x.titre.clone());
    ActionLine {
        document_id: d.id.clone(),
        contrat_id: d.contrat_id.clone(),
        retenu: false,
        fichier: d.source.fichier.clone(),
        nature: enum_str(&d.nature).unwrap_or_default(),
        territoire: d.territoire.nom.clone(),
        departements: d.territoire.departements.clone(),
        region: d.territoire.region.clone(),
        periode_debut: d.periode.debut,
        periode_fin: d.periode.fin,
        date_signature: d.date_signature.clone(),
        numero: a.numero.clone(),
        axe: a.axe,
        axe_titre,
        objectif: a.objectif.clone(),
        sous_objectif: a.sous_objectif.clone(),
        titre: a.titre.clone(),
        statut: a.statut.as_ref().and_then(enum_str),
        porteurs: a.porteurs.iter().map(|m| m.nom.clone()).collect(),
        porteurs_ids: registry_ids(&a.porteurs),
        partenaires: a.partenaires.iter().map(|m| m.nom.clone()).collect(),
        partenaires_ids: registry_ids(&a.partenaires),
        financeurs_ids: registry_ids(&a.budget.financeurs),
        public_cible: a.public_cible.clone(),
        territoire_action: a.territoire.clone(),
        calendrier_debut: a.calendrier.debut,
        calendrier_fin: a.calendrier.fin,
        recurrence: a.calendrier.recurrence.as_ref().and_then(enum_str),
        budget_total_eur: a.budget.total_eur,
        indicateurs: a.indicateurs.clone(),
        nb_indicateurs: a.indicateurs.len(),
        themes: a.themes.clone(),
        theme_principal: a.themes.first().cloned(),
        pages: a.pages.clone(),
    }
}

/// The registry ids of mentions, in mention order (a mention with no id is left out).
fn registry_ids(mentions: &[cls_model::Mention]) -> Vec<String> {
    mentions
        .iter()
        .filter_map(|m| m.organisation_id.clone())
        .collect()
}

/// The flat lines of a set of documents (in path order), `retenu` decided among them.
pub fn action_lines(docs: &[Document]) -> Vec<ActionLine> {
    let mut e = Exports::default();
    for d in docs {
        e.add(d);
    }
    e.finish().lines
}

/// What the exports keep of one document (the document itself is not kept: a batch
/// streams them one at a time).
#[derive(Debug, Clone)]
pub struct DocumentRow {
    pub id: String,
    pub contrat_id: String,
    pub nature: String,
    pub format: String,
    pub fichier: String,
    pub pages: Option<u32>,
    pub territoire: Option<String>,
    pub departements: Vec<String>,
    pub region: Option<String>,
    pub periode_debut: Option<i32>,
    pub periode_fin: Option<i32>,
    pub date_signature: Option<String>,
    pub actions: usize,
    pub alertes: usize,
    pub retenu: bool,
    candidate: Candidate,
}

/// One amount of one action's budget.
#[derive(Debug, Clone)]
pub struct AmountRow {
    pub document_id: String,
    pub numero: Option<String>,
    pub titre: Option<String>,
    pub montant_eur: f64,
    pub financeur: Option<String>,
    pub organisation_id: Option<String>,
    pub retenu: bool,
}

/// One alert of one document.
#[derive(Debug, Clone)]
pub struct AlertRow {
    pub document_id: String,
    pub code: String,
    pub action: Option<String>,
    pub message: String,
}

/// The export rows of a corpus, gathered one document at a time in path order.
#[derive(Debug, Clone, Default)]
pub struct Exports {
    pub lines: Vec<ActionLine>,
    pub documents: Vec<DocumentRow>,
    pub amounts: Vec<AmountRow>,
    pub alerts: Vec<AlertRow>,
}

impl Exports {
    /// Adds one document (call in path order: the earliest path wins ties).
    pub fn add(&mut self, d: &Document) {
        self.lines.extend(document_lines(d));
        self.documents.push(DocumentRow {
            id: d.id.clone(),
            contrat_id: d.contrat_id.clone(),
            nature: enum_str(&d.nature).unwrap_or_default(),
            format: enum_str(&d.source.format).unwrap_or_default(),
            fichier: d.source.fichier.clone(),
            pages: d.source.pages,
            territoire: d.territoire.nom.clone(),
            departements: d.territoire.departements.clone(),
            region: d.territoire.region.clone(),
            periode_debut: d.periode.debut,
            periode_fin: d.periode.fin,
            date_signature: d.date_signature.clone(),
            actions: d.actions.len(),
            alertes: d.alertes.len(),
            retenu: false,
            candidate: Candidate::of(d),
        });
        for a in &d.actions {
            for m in &a.budget.montants {
                self.amounts.push(AmountRow {
                    document_id: d.id.clone(),
                    numero: a.numero.clone(),
                    titre: a.titre.clone(),
                    montant_eur: m.montant_eur,
                    financeur: m.financeur.clone(),
                    organisation_id: m.organisation_id.clone(),
                    retenu: false,
                });
            }
        }
        for al in &d.alertes {
            self.alerts.push(AlertRow {
                document_id: d.id.clone(),
                code: al.code.clone(),
                action: al.action.clone(),
                message: al.message.clone(),
            });
        }
    }

    /// Decides the retained document of each contract and marks every row with it.
    pub fn finish(mut self) -> Exports {
        let cands: Vec<Candidate> = self.documents.iter().map(|d| d.candidate.clone()).collect();
        let kept: std::collections::HashSet<String> = retained(&cands)
            .into_iter()
            .zip(&self.documents)
            .filter(|(k, _)| *k)
            .map(|(_, d)| d.id.clone())
            .collect();
        for d in &mut self.documents {
            d.retenu = kept.contains(&d.id);
        }
        for l in &mut self.lines {
            l.retenu = kept.contains(&l.document_id);
        }
        for m in &mut self.amounts {
            m.retenu = kept.contains(&m.document_id);
        }
        self
    }

    /// The ids of the retained documents (after [`Exports::finish`]).
    pub fn retained_ids(&self) -> std::collections::HashSet<&str> {
        self.documents
            .iter()
            .filter(|d| d.retenu)
            .map(|d| d.id.as_str())
            .collect()
    }

    /// The five tables, in workbook order.
    pub fn tables(&self, registry: &[Organisation]) -> Vec<Table> {
        vec![
            actions_table(&self.lines),
            self.amounts_table(),
            organisations_table(registry),
            self.documents_table(),
            self.alerts_table(),
        ]
    }

    fn amounts_table(&self) -> Table {
        Table {
            stem: "montants",
            sheet: "Montants",
            title: "Montants des budgets (un par ligne)",
            columns: AMOUNT_COLUMNS.to_vec(),
            rows: self.amounts.iter().map(amount_row).collect(),
        }
    }

    /// The `documents` table: every document, and whether it is retained.
    pub fn documents_table(&self) -> Table {
        Table {
            stem: "documents",
            sheet: "Documents",
            title: "Documents du corpus et document retenu par contrat",
            columns: DOCUMENT_COLUMNS.to_vec(),
            rows: self.documents.iter().map(document_row).collect(),
        }
    }

    fn alerts_table(&self) -> Table {
        Table {
            stem: "alertes",
            sheet: "Alertes",
            title: "Alertes de lecture",
            columns: ALERT_COLUMNS.to_vec(),
            rows: self.alerts.iter().map(alert_row).collect(),
        }
    }
}

/// The columns of the `montants` table, in CSV order.
const AMOUNT_COLUMNS: &[Column] = &[
    col(
        "document_id",
        Kind::Text,
        "Document (fichier documents/ID.json)",
    ),
    col("retenu", Kind::Boolean, "Document retenu pour son contrat"),
    col("numero", Kind::Text, "Numéro de l'action, tel qu'imprimé"),
    col("titre", Kind::Text, "Titre de l'action"),
    col("montant_eur", Kind::Number, "Montant en euros"),
    col("financeur", Kind::Text, "Financeur, tel qu'écrit"),
    col("organisation_id", Kind::Text, "Financeur dans le registre"),
];

/// One amount's row of the `montants` table, cell for cell with [`AMOUNT_COLUMNS`].
fn amount_row(m: &AmountRow) -> Vec<Cell> {
    vec![
        Cell::Text(m.document_id.clone()),
        Cell::Bool(m.retenu),
        Cell::text(&m.numero),
        Cell::text(&m.titre),
        Cell::Num(m.montant_eur),
        Cell::text(&m.financeur),
        Cell::text(&m.organisation_id),
    ]
}

/// The columns of the `documents` table, in CSV order.
const DOCUMENT_COLUMNS: &[Column] = &[
    col("document_id", Kind::Text, "Identifiant du document"),
    col(
        "contrat_id",
        Kind::Text,
        "Contrat (commun aux documents d'un même contrat)",
    ),
    col(
        "retenu",
        Kind::Boolean,
        "Document retenu pour son contrat (un par contrat)",
    ),
    col("nature", Kind::Text, "contrat, avenant, page_web ou autre"),
    col("format", Kind::Text, "pdf ou html"),
    col("fichier", Kind::Text, "Nom du fichier source"),
    col("pages", Kind::Integer, "Nombre de pages (PDF)"),
    col("territoire", Kind::Text, "Territoire du contrat"),
    col(
        "departements",
        Kind::Text,
        "Codes INSEE des départements, séparés par « | »",
    ),
    col("region", Kind::Text, "Région"),
    col("periode_debut", Kind::Integer, "Première année du contrat"),
    col("periode_fin", Kind::Integer, "Dernière année du contrat"),
    col("date_signature", Kind::Date, "Date de signature"),
    col("actions", Kind::Integer, "Nombre d'actions lues"),
    col("alertes", Kind::Integer, "Nombre d'alertes de lecture"),
];

/// One document's row of the `documents` table, cell for cell with [`DOCUMENT_COLUMNS`].
fn document_row(d: &DocumentRow) -> Vec<Cell> {
    vec![
        Cell::Text(d.id.clone()),
        Cell::Text(d.contrat_id.clone()),
        Cell::Bool(d.retenu),
        Cell::Text(d.nature.clone()),
        Cell::Text(d.format.clone()),
        Cell::Text(d.fichier.clone()),
        Cell::int(d.pages),
        Cell::text(&d.territoire),
        Cell::list(&d.departements),
        Cell::text(&d.region),
        Cell::int(d.periode_debut),
        Cell::int(d.periode_fin),
        d.date_signature
            .clone()
            .map(Cell::Date)
            .unwrap_or(Cell::Empty),
        Cell::count(d.actions),
        Cell::count(d.alertes),
    ]
}

/// The columns of the `alertes` table, in CSV order.
const ALERT_COLUMNS: &[Column] = &[
    col("document_id", Kind::Text, "Document"),
    col("code", Kind::Text, "Code de l'alerte"),
    col("action", Kind::Text, "Numéro de l'action concernée"),
    col("message", Kind::Text, "Message"),
];

/// One alert's row of the `alertes` table, cell for cell with [`ALERT_COLUMNS`].
fn alert_row(a: &AlertRow) -> Vec<Cell> {
    vec![
        Cell::Text(a.document_id.clone()),
        Cell::Text(a.code.clone()),
        Cell::text(&a.action),
        Cell::Text(a.message.clone()),
    ]
}

/// The `actions` table: one row per action of every document.
pub fn actions_table(lines: &[ActionLine]) -> Table {
    Table {
        stem: "actions",
        sheet: "Actions",
        title: "Actions des contrats (une par ligne)",
        columns: ACTION_COLUMNS.to_vec(),
        rows: lines.iter().map(action_row).collect(),
    }
}

/// The columns of the `actions` table, in CSV order.
const ACTION_COLUMNS: &[Column] = &[
    col(
        "document_id",
        Kind::Text,
        "Document (fichier documents/ID.json)",
    ),
    col(
        "contrat_id",
        Kind::Text,
        "Contrat, commun aux documents d'un même contrat",
    ),
    col(
        "retenu",
        Kind::Boolean,
        "Document retenu pour son contrat : ne compter que ces lignes",
    ),
    col("fichier", Kind::Text, "Nom du fichier source"),
    col("nature", Kind::Text, "contrat, avenant, page_web ou autre"),
    col("territoire", Kind::Text, "Territoire du contrat"),
    col(
        "departements",
        Kind::Text,
        "Codes INSEE des départements (texte : « 01 », « 2A »), séparés par « | »",
    ),
    col("region", Kind::Text, "Région"),
    col("periode_debut", Kind::Integer, "Première année du contrat"),
    col("periode_fin", Kind::Integer, "Dernière année du contrat"),
    col("date_signature", Kind::Date, "Date de signature du contrat"),
    col(
        "numero",
        Kind::Text,
        "Numéro de l'action tel qu'imprimé (texte : « 1.1 »)",
    ),
    col("axe", Kind::Integer, "Numéro de l'axe"),
    col("axe_titre", Kind::Text, "Titre de l'axe"),
    col(
        "objectif",
        Kind::Text,
        "Code de l'objectif (texte : « 1.1 »)",
    ),
    col("sous_objectif", Kind::Text, "Code du sous-objectif (texte)"),
    col("titre", Kind::Text, "Titre de l'action"),
    col("statut", Kind::Text, "nouvelle, existante ou mixte"),
    col(
        "porteurs",
        Kind::Text,
        "Porteurs tels qu'écrits, séparés par « | »",
    ),
    col(
        "porteurs_ids",
        Kind::Text,
        "Porteurs dans le registre, séparés par « | »",
    ),
    col(
        "partenaires",
        Kind::Text,
        "Partenaires tels qu'écrits, séparés par « | »",
    ),
    col(
        "partenaires_ids",
        Kind::Text,
        "Partenaires dans le registre, séparés par « | »",
    ),
    col(
        "financeurs_ids",
        Kind::Text,
        "Financeurs dans le registre, séparés par « | »",
    ),
    col(
        "public_cible",
        Kind::Text,
        "Publics visés, séparés par « | »",
    ),
    col(
        "territoire_action",
        Kind::Text,
        "Territoire de l'action, tel qu'écrit",
    ),
    col(
        "calendrier_debut",
        Kind::Integer,
        "Première année du calendrier",
    ),
    col(
        "calendrier_fin",
        Kind::Integer,
        "Dernière année du calendrier",
    ),
    col(
        "recurrence",
        Kind::Text,
        "annuelle, mensuelle ou hebdomadaire",
    ),
    col(
        "budget_total_eur",
        Kind::Number,
        "Budget total en euros (vide : inconnu ; 0 : sans coût)",
    ),
    col("nb_indicateurs", Kind::Integer, "Nombre d'indicateurs"),
    col("theme_principal", Kind::Text, "Code du thème principal"),
    col(
        "themes",
        Kind::Text,
        "Codes des thèmes, le principal d'abord, séparés par « | »",
    ),
    col(
        "pages",
        Kind::Text,
        "Pages du document où figure l'action, séparées par « | »",
    ),
];

/// One action's row of the `actions` table, cell for cell with [`ACTION_COLUMNS`].
fn action_row(l: &ActionLine) -> Vec<Cell> {
    vec![
        Cell::Text(l.document_id.clone()),
        Cell::Text(l.contrat_id.clone()),
        Cell::Bool(l.retenu),
        Cell::Text(l.fichier.clone()),
        Cell::Text(l.nature.clone()),
        Cell::text(&l.territoire),
        Cell::list(&l.departements),
        Cell::text(&l.region),
        Cell::int(l.periode_debut),
        Cell::int(l.periode_fin),
        l.date_signature
            .clone()
            .map(Cell::Date)
            .unwrap_or(Cell::Empty),
        Cell::text(&l.numero),
        Cell::int(l.axe),
        Cell::text(&l.axe_titre),
        Cell::text(&l.objectif),
        Cell::text(&l.sous_objectif),
        Cell::text(&l.titre),
        Cell::text(&l.statut),
        Cell::list(&l.porteurs),
        Cell::list(&l.porteurs_ids),
        Cell::list(&l.partenaires),
        Cell::list(&l.partenaires_ids),
        Cell::list(&l.financeurs_ids),
        Cell::list(&l.public_cible),
        Cell::text(&l.territoire_action),
        Cell::int(l.calendrier_debut),
        Cell::int(l.calendrier_fin),
        Cell::text(&l.recurrence),
        Cell::num(l.budget_total_eur),
        Cell::count(l.nb_indicateurs),
        Cell::text(&l.theme_principal),
        Cell::list(&l.themes),
        Cell::list(&l.pages.iter().map(u32::to_string).collect::<Vec<_>>()),
    ]
}

/// The `organisations` table: the registry.
pub fn organisations_table(registry: &[Organisation]) -> Table {
    Table {
        stem: "organisations",
        sheet: "Organisations",
        title: "Registre des organisations",
        columns: ORGANISATION_COLUMNS.to_vec(),
        rows: registry.iter().map(organisation_row).collect(),
    }
}

/// The columns of the `organisations` table, in CSV order.
const ORGANISATION_COLUMNS: &[Column] = &[
    col(
        "id",
        Kind::Text,
        "Identifiant stable (type, territoire, nom)",
    ),
    col("nom", Kind::Text, "Nom de référence"),
    col("sigle", Kind::Text, "Sigle"),
    col("type", Kind::Text, "Type d'organisation"),
    col(
        "departement",
        Kind::Text,
        "Code INSEE du département (texte)",
    ),
    col("region", Kind::Text, "Région"),
    col(
        "code_insee",
        Kind::Text,
        "Code INSEE de la commune (texte ; communes seulement)",
    ),
    col(
        "siren",
        Kind::Text,
        "SIREN de l'intercommunalité (texte ; EPCI seulement)",
    ),
    col(
        "nb_documents",
        Kind::Integer,
        "Nombre de documents retenus qui la citent (un par contrat)",
    ),
    col(
        "documents_retenus",
        Kind::Text,
        "Documents retenus qui la citent, séparés par « | »",
    ),
    col(
        "documents",
        Kind::Text,
        "Tous les documents qui la citent, copies comprises, séparés par « | »",
    ),
    col(
        "porteur",
        Kind::Integer,
        "Fois citée comme porteur (documents retenus)",
    ),
    col(
        "partenaire",
        Kind::Integer,
        "Fois citée comme partenaire (documents retenus)",
    ),
    col(
        "financeur",
        Kind::Integer,
        "Fois citée comme financeur (documents retenus)",
    ),
    col(
        "signataire",
        Kind::Integer,
        "Fois citée comme signataire (documents retenus)",
    ),
    col(
        "variantes",
        Kind::Text,
        "Noms sous lesquels elle est écrite, séparés par « | »",
    ),
];

/// One organisation's row of the `organisations` table, cell for cell with
/// [`ORGANISATION_COLUMNS`].
fn organisation_row(o: &Organisation) -> Vec<Cell> {
    vec![
        Cell::Text(o.id.clone()),
        Cell::Text(o.nom.clone()),
        Cell::text(&o.sigle),
        Cell::Text(o.kind.clone()),
        Cell::text(&o.departement),
        Cell::text(&o.region),
        Cell::text(&o.code_insee),
        Cell::text(&o.siren),
        Cell::count(o.documents_retenus.len()),
        Cell::list(&o.documents_retenus),
        Cell::list(&o.documents),
        Cell::Int(o.roles.porteur.into()),
        Cell::Int(o.roles.partenaire.into()),
        Cell::Int(o.roles.financeur.into()),
        Cell::Int(o.roles.signataire.into()),
        Cell::list(
            &o.variantes
                .iter()
                .map(|v| v.nom.clone())
                .collect::<Vec<_>>(),
        ),
    ]
}

/// Writes a table's CSV and Table Schema into `dir`.
pub fn write_table(dir: &Path, t: &Table) -> Result<(), CorpusError> {
    let w = |p: std::path::PathBuf, bytes: &[u8]| write_output(&p, bytes);
    w(dir.join(format!("{}.csv", t.stem)), &t.csv())?;
    w(
        dir.join(format!("{}.schema.json", t.stem)),
        &serde_json::to_vec_pretty(&t.table_schema()).expect("a schema serialises"),
    )
}

/// Writes `actions.jsonl`, the CSV tables with their Table Schemas, `corpus.xlsx` and
/// `schema/`. Takes the rows gathered by [`Exports::add`], retained documents decided
/// ([`Exports::finish`]).
pub fn write_exports(
    out: &Path,
    exports: &Exports,
    registry: &[Organisation],
) -> Result<(), CorpusError> {
    let w = |p: std::path::PathBuf, bytes: &[u8]| write_output(&p, bytes);
    let mut jsonl = String::new();
    for l in &exports.lines {
        jsonl.push_str(&serde_json::to_string(l).expect("a line serialises"));
        jsonl.push('\n');
    }
    w(out.join("actions.jsonl"), jsonl.as_bytes())?;
    let tables = exports.tables(registry);
    for t in &tables {
        write_table(out, t)?;
    }
    let book = crate::xlsx::workbook(&tables)
        .map_err(|e| CorpusError::Invalid(format!("corpus.xlsx : {e}")))?;
    w(out.join("corpus.xlsx"), &book)?;
    let schema = |s: schemars::Schema| serde_json::to_vec_pretty(&s).expect("schema serialises");
    w(
        out.join("schema/document.schema.json"),
        &schema(schemars::schema_for!(Document)),
    )?;
    w(
        out.join("schema/action-line.schema.json"),
        &schema(schemars::schema_for!(ActionLine)),
    )?;
    w(
        out.join("schema/organisations.schema.json"),
        &schema(schemars::schema_for!(Vec<Organisation>)),
    )?;
    w(
        out.join("schema/manifest.schema.json"),
        &schema(schemars::schema_for!(cls_model::Manifest)),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            stem: "t",
            sheet: "T",
            title: "t",
            columns: vec![col("a", Kind::Text, "a"), col("b", Kind::Number, "b")],
            rows: vec![
                vec![Cell::Text("x, y".into()), Cell::Num(10000.0)],
                vec![Cell::Text("dit \"oui\"".into()), Cell::Num(2.5)],
                vec![Cell::Text("01".into()), Cell::Empty],
            ],
        }
    }

    #[test]
    fn csv_quotes_and_bom() {
        let s = String::from_utf8(table().csv()).unwrap();
        assert!(s.starts_with('\u{feff}'));
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[1], "\"x, y\",10000");
        assert_eq!(lines[2], "\"dit \"\"oui\"\"\",2.5");
        assert_eq!(lines[3], "01,");
    }

    #[test]
    fn table_schema_declares_codes_as_strings() {
        let s = actions_table(&[]).table_schema();
        let ty = |name: &str| {
            s["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == name)
                .map(|f| f["type"].as_str().unwrap().to_string())
        };
        assert_eq!(ty("departements").as_deref(), Some("string"));
        assert_eq!(ty("numero").as_deref(), Some("string"));
        assert_eq!(ty("objectif").as_deref(), Some("string"));
        assert_eq!(ty("budget_total_eur").as_deref(), Some("number"));
        assert_eq!(ty("date_signature").as_deref(), Some("date"));
        assert_eq!(ty("retenu").as_deref(), Some("boolean"));
    }

    #[test]
    fn every_actions_row_has_one_cell_per_column() {
        let l = document_lines(&Document {
            actions: vec![Default::default()],
            ..empty_document()
        });
        let t = actions_table(&l);
        assert_eq!(t.rows[0].len(), t.columns.len());
    }

    fn empty_document() -> Document {
        let mut d = Document::empty(
            cls_model::Nature::Contrat,
            cls_model::Source::new("d.pdf", cls_model::Format::Pdf),
        );
        d.id = "d".into();
        d.contrat_id = "d".into();
        d
    }
}
