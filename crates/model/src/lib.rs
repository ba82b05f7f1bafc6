//! The serde types of the `cls/1` contract: the only crate that knows the JSON keys.
//!
//! Every other crate builds these values; none of them spells a key. Unknown values are
//! `None` (serialised as `null`, never `""`), empty lists are `[]`, as the spec requires.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version written in every document and manifest.
pub const SCHEMA_VERSION: &str = "cls/1";

/// One contract, amendment or web page, read into the common model.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Document {
    pub schema_version: String,
    pub id: String,
    pub contrat_id: String,
    pub nature: Nature,
    pub source: Source,
    pub territoire: Territoire,
    pub periode: Periode,
    pub date_signature: Option<String>,
    pub signataires: Vec<Signataire>,
    pub axes: Vec<Axe>,
    pub actions: Vec<Action>,
    pub sigles: BTreeMap<String, String>,
    pub alertes: Vec<Alerte>,
}

impl Document {
    /// A document of this nature from this source with nothing read yet: no id, territory,
    /// period, signatories, axes, actions, acronyms or alerts. Readers fill it in.
    pub fn empty(nature: Nature, source: Source) -> Document {
        Document {
            schema_version: SCHEMA_VERSION.to_string(),
            id: String::new(),
            contrat_id: String::new(),
            nature,
            source,
            territoire: Territoire::default(),
            periode: Periode::default(),
            date_signature: None,
            signataires: Vec::new(),
            axes: Vec::new(),
            actions: Vec::new(),
            sigles: BTreeMap::new(),
            alertes: Vec::new(),
        }
    }
}

impl Source {
    /// The source of file `fichier` in `format`, its hash, pages and links unknown yet.
    pub fn new(fichier: impl Into<String>, format: Format) -> Source {
        Source {
            fichier: fichier.into(),
            sha256: String::new(),
            format,
            pages: None,
            documents_lies: Vec::new(),
        }
    }
}

/// What kind of text the document is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    Contrat,
    Avenant,
    PageWeb,
    Autre,
}

/// Where the document came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Source {
    pub fichier: String,
    pub sha256: String,
    pub format: Format,
    pub pages: Option<u32>,
    /// `documents_lies` (added key): absolute URLs of the PDF files a web page links to as
    /// the contract itself ("Télécharger le contrat local de santé (PDF)"), in page order.
    /// Written only when there is one: absent for PDFs and for pages without such a link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents_lies: Vec<String>,
}

/// The input format, recognised by content.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Pdf,
    Html,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Territoire {
    pub nom: Option<String>,
    pub departements: Vec<String>,
    pub region: Option<String>,
    pub communes: Vec<String>,
    /// The SIREN of the intercommunalité the territory is, when exactly one EPCI of the
    /// official reference has its name (in its départements); null otherwise.
    #[serde(default)]
    pub siren: Option<String>,
    /// The INSEE code of the commune the territory is, when the contract's territory is
    /// one commune of the official reference (its département known, or its name unique);
    /// null otherwise.
    #[serde(default)]
    pub code_insee: Option<String>,
}

/// The years the contract covers, as printed in its title or text.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
pub struct Periode {
    pub debut: Option<i32>,
    pub fin: Option<i32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Signataire {
    pub nom: String,
    pub organisation_id: Option<String>,
    pub representant: Option<String>,
    pub qualite: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Axe {
    pub numero: u32,
    pub titre: String,
    pub objectifs: Vec<Objectif>,
    #[serde(default)]
    pub themes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Objectif {
    pub code: String,
    pub titre: String,
    pub sous_objectifs: Vec<SousObjectif>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct SousObjectif {
    pub code: String,
    pub titre: String,
}

/// A fiche-action, or an action listed on a web page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Action {
    pub numero: Option<String>,
    pub titre: Option<String>,
    pub axe: Option<u32>,
    pub objectif: Option<String>,
    pub sous_objectif: Option<String>,
    pub statut: Option<Statut>,
    pub porteurs: Vec<Mention>,
    pub partenaires: Vec<Mention>,
    pub description: Option<String>,
    pub public_cible: Vec<String>,
    pub territoire: Option<String>,
    pub calendrier: Calendrier,
    pub budget: Budget,
    pub indicateurs: Vec<String>,
    pub themes: Vec<String>,
    pub pages: Vec<u32>,
    /// Labelled sections of the fiche that have no `cls/1` key ("Contexte", "Objectifs",
    /// "Résultats attendus", "Lien avec le PRS"…), kept as printed so nothing is lost.
    #[serde(default)]
    pub autres_champs: Vec<AutreChamp>,
}

/// A labelled section of a fiche without a key of its own: its label and text as printed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct AutreChamp {
    pub libelle: String,
    pub texte: String,
}

/// Whether the action existed before the contract.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Statut {
    Nouvelle,
    Existante,
    Mixte,
}

/// An organisation named in a cell, as written (minus leading articles).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Mention {
    pub nom: String,
    pub organisation_id: Option<String>,
    /// Not written: the full form to resolve when the name as written is elliptic ("Lucé"
    /// in "CCAS de Chartres, Lucé et Mainvilliers" stands for "CCAS de Lucé").
    #[serde(skip)]
    pub forme: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Calendrier {
    pub texte: Option<String>,
    pub debut: Option<i32>,
    pub fin: Option<i32>,
    pub recurrence: Option<Recurrence>,
    pub jalons: Vec<Jalon>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Annuelle,
    Mensuelle,
    Hebdomadaire,
}

/// A dated step of a calendar: `date` is "YYYY", "YYYY-MM" or "YYYY-MM-DD".
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Jalon {
    pub date: String,
    pub libelle: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Budget {
    pub texte: Option<String>,
    pub montants: Vec<Montant>,
    #[serde(serialize_with = "amount::option")]
    pub total_eur: Option<f64>,
    pub repartition: Vec<Repartition>,
    /// Added key: the organisations the budget text names as funders (with or without an
    /// amount), so that "who pays" can be counted.
    #[serde(default)]
    pub financeurs: Vec<Mention>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Montant {
    #[serde(serialize_with = "amount::plain")]
    pub montant_eur: f64,
    pub financeur: Option<String>,
    pub organisation_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Repartition {
    pub financeur: Option<String>,
    #[serde(serialize_with = "amount::plain")]
    pub pourcentage: f64,
}

/// A diagnostic: something the reader could not place, or a doubt worth a look.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Alerte {
    pub code: String,
    pub action: Option<String>,
    pub message: String,
}

impl Alerte {
    pub fn new(code: &str, action: Option<&str>, message: impl Into<String>) -> Self {
        Alerte {
            code: code.to_string(),
            action: action.map(str::to_string),
            message: message.into(),
        }
    }
}

/// One organisation of the corpus registry (`organisations.json`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Organisation {
    pub id: String,
    pub nom: String,
    pub sigle: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub departement: Option<String>,
    pub region: Option<String>,
    /// Added key: the INSEE code of a commune (`type` "commune") whose name resolves in the
    /// official reference (`crates/normalize/data/communes.tsv`): by the département the
    /// mention or the contract names, or because the name is unique; null otherwise.
    #[serde(default)]
    pub code_insee: Option<String>,
    /// Added key: the SIREN of an intercommunalité (`type` "epci") whose name resolves in
    /// the official reference (`crates/normalize/data/epci.tsv`); null otherwise.
    #[serde(default)]
    pub siren: Option<String>,
    /// Every variant of its name, with its mentions in retained documents (0 for a
    /// variant only a copy or another non-retained document writes).
    pub variantes: Vec<Variante>,
    /// Every document that names it, copies and other non-retained documents included.
    pub documents: Vec<String>,
    /// Added key: the retained documents among `documents` (one per contract), those
    /// `roles` and the variants' `occurrences` count.
    #[serde(default)]
    pub documents_retenus: Vec<String>,
    /// Added key: how often the organisation appears in each role, in retained documents.
    #[serde(default)]
    pub roles: Roles,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Variante {
    pub nom: String,
    pub occurrences: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Roles {
    pub porteur: u32,
    pub partenaire: u32,
    pub financeur: u32,
    pub signataire: u32,
}

/// `manifest.json` of a corpus: one entry per input file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Manifest {
    pub outil: String,
    pub schema_version: String,
    pub documents: Vec<ManifestEntry>,
    /// The shard this corpus holds, `"INDEX/COUNT"` (0-based), or null for a whole batch or
    /// a merge.
    #[serde(default)]
    pub shard: Option<String>,
    /// The input roots as given (files and folders on the command line), made absolute.
    #[serde(default)]
    pub racines: Vec<String>,
    /// The run this corpus belongs to: shards of one run share it (Slurm's array job id,
    /// `--execution` / `CLS_RUN_ID`, or a fingerprint of the tool and the input roots).
    /// `cls merge` refuses shards of different runs.
    #[serde(default)]
    pub execution: Option<String>,
    /// Inputs that were not read at all because they are not regular files (FIFOs,
    /// devices, sockets, symbolic links without target or in a loop), each with its reason.
    #[serde(default)]
    pub ignores: Vec<Ignore>,
}

/// An input skipped without reading: `fichier` as found, `raison` in one line.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct Ignore {
    pub fichier: String,
    pub raison: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, JsonSchema)]
pub struct ManifestEntry {
    /// The path as given on the command line (or found under a given directory).
    pub fichier: String,
    pub sha256: String,
    pub statut: EtatLecture,
    /// One line, null when the file was read without alert.
    pub raison: Option<String>,
    pub document_id: Option<String>,
    pub duree_ms: u64,
    /// The path relative to its input root, `/`-separated: the shard key and the order of
    /// ids, the same however the root was spelled (`archive`, `./archive`, `/abs/archive`).
    #[serde(default)]
    pub chemin: String,
    /// Every path that had these bytes (identical files are one document), `fichier`
    /// first, in path order.
    #[serde(default)]
    pub chemins: Vec<String>,
}

/// How a file was read: `ok`, `partiel` (read, with alerts), `echec` (not read).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EtatLecture {
    Ok,
    Partiel,
    Echec,
}

/// Amounts are stored as `f64` (cents exist) but written as integers when whole, so that
/// spreadsheets and DuckDB see `10000`, not `10000.0`.
mod amount {
    use serde::Serializer;

    pub fn plain<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            s.serialize_i64(*v as i64)
        } else {
            s.serialize_f64(*v)
        }
    }

    pub fn option<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => plain(v, s),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_serialise_as_null_and_enums_in_snake_case() {
        let a = Action {
            statut: Some(Statut::Mixte),
            ..Default::default()
        };
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["statut"], "mixte");
        assert!(v["titre"].is_null());
        assert_eq!(v["porteurs"], serde_json::json!([]));
        assert!(v["calendrier"]["debut"].is_null());
        assert_eq!(serde_json::to_value(Nature::PageWeb).unwrap(), "page_web");
        let m = Montant {
            montant_eur: 10000.0,
            financeur: None,
            organisation_id: None,
        };
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"montant_eur":10000,"financeur":null,"organisation_id":null}"#
        );
    }
}

/// One line of `actions.jsonl`: an action with its document's territory and period.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ActionLine {
    pub document_id: String,
    pub contrat_id: String,
    /// Added key: whether this line's document is the one retained for its contract (one per
    /// `contrat_id`; see `cls_corpus::retenu` for the rule). Count `retenu = true` lines
    /// only, or a contract read from three files counts three times.
    #[serde(default)]
    pub retenu: bool,
    /// Added key: the source file's name, for links to its pages (`fichier.pdf#page=N`).
    #[serde(default)]
    pub fichier: String,
    pub nature: String,
    pub territoire: Option<String>,
    pub departements: Vec<String>,
    pub region: Option<String>,
    pub periode_debut: Option<i32>,
    pub periode_fin: Option<i32>,
    pub date_signature: Option<String>,
    pub numero: Option<String>,
    pub axe: Option<u32>,
    pub axe_titre: Option<String>,
    pub objectif: Option<String>,
    pub sous_objectif: Option<String>,
    pub titre: Option<String>,
    pub statut: Option<String>,
    pub porteurs: Vec<String>,
    pub porteurs_ids: Vec<String>,
    pub partenaires: Vec<String>,
    pub partenaires_ids: Vec<String>,
    pub financeurs_ids: Vec<String>,
    pub public_cible: Vec<String>,
    pub territoire_action: Option<String>,
    pub calendrier_debut: Option<i32>,
    pub calendrier_fin: Option<i32>,
    pub recurrence: Option<String>,
    pub budget_total_eur: Option<f64>,
    pub indicateurs: Vec<String>,
    pub nb_indicateurs: usize,
    pub themes: Vec<String>,
    pub theme_principal: Option<String>,
    pub pages: Vec<u32>,
}

/// What a worker returns, and what the cache keeps.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub fichier: String,
    pub sha256: String,
    pub outil: String,
    pub document: Option<Document>,
    pub erreur: Option<String>,
    pub duree_ms: u64,
    /// The exact build that read the file: a cached result is reused only by the same build
    /// (a rebuilt binary reads again, even under the same version number).
    #[serde(default)]
    pub build: String,
    /// Whether the result follows from the bytes alone (a document, or a refusal of the
    /// content), so that it may be cached under their sha256. False for I/O errors,
    /// timeouts and workers that died: those are tried again on the next run.
    #[serde(default)]
    pub definitif: bool,
}
