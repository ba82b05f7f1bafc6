//! Flat exports for the tools researchers use: `actions.jsonl` (UTF-8, no BOM; DuckDB's
//! `read_json_auto`, pandas, R), `actions.csv` and `organisations.csv` (UTF-8 with BOM so
//! that Excel reads accents right, comma separator, ISO dates), and `schema/` (JSON Schemas
//! of the document, of an `actions.jsonl` line and of the registry).

use crate::batch::BatchError;
use crate::write::write_atomic;
use cls_model::{ActionLine, Document, Organisation};
use serde::Serialize;
use std::path::Path;

fn enum_str<T: Serialize>(v: &T) -> Option<String> {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_string))
}

/// The flat lines of a set of documents, in document then action order.
pub fn action_lines(docs: &[Document]) -> Vec<ActionLine> {
    let mut out = Vec::new();
    for d in docs {
        for a in &d.actions {
            let axe_titre = a
                .axe
                .and_then(|n| d.axes.iter().find(|x| x.numero == n))
                .map(|x| x.titre.clone());
            out.push(ActionLine {
                document_id: d.id.clone(),
                contrat_id: d.contrat_id.clone(),
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
                porteurs_ids: a
                    .porteurs
                    .iter()
                    .filter_map(|m| m.organisation_id.clone())
                    .collect(),
                partenaires: a.partenaires.iter().map(|m| m.nom.clone()).collect(),
                partenaires_ids: a
                    .partenaires
                    .iter()
                    .filter_map(|m| m.organisation_id.clone())
                    .collect(),
                financeurs_ids: a
                    .budget
                    .financeurs
                    .iter()
                    .filter_map(|m| m.organisation_id.clone())
                    .collect(),
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
            });
        }
    }
    out
}

/// A CSV field: quoted when it holds a comma, a quote or a line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV text (UTF-8 with BOM, comma-separated, CRLF-free) of a header and rows.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut s = String::from("\u{feff}");
    s.push_str(
        &header
            .iter()
            .map(|h| csv_field(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    s.push('\n');
    for r in rows {
        s.push_str(&r.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        s.push('\n');
    }
    s.into_bytes()
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

fn amount(v: Option<f64>) -> String {
    match v {
        Some(x) if x.fract() == 0.0 => format!("{}", x as i64),
        Some(x) => format!("{x}"),
        None => String::new(),
    }
}

/// Lists inside a CSV cell are joined with " | " (a character French text never uses).
fn list(v: &[String]) -> String {
    v.join(" | ")
}

/// Writes `actions.jsonl`, `actions.csv`, `organisations.csv` and `schema/`.
pub fn write_exports(
    out: &Path,
    lines: &[ActionLine],
    registry: &[Organisation],
) -> Result<(), BatchError> {
    let w = |p: std::path::PathBuf, bytes: &[u8]| {
        write_atomic(&p, bytes).map_err(|e| BatchError::Write(p.display().to_string(), e))
    };
    let mut jsonl = String::new();
    for l in lines {
        jsonl.push_str(&serde_json::to_string(l).expect("a line serialises"));
        jsonl.push('\n');
    }
    w(out.join("actions.jsonl"), jsonl.as_bytes())?;
    let header = [
        "document_id",
        "contrat_id",
        "nature",
        "territoire",
        "departements",
        "region",
        "periode_debut",
        "periode_fin",
        "date_signature",
        "numero",
        "axe",
        "axe_titre",
        "objectif",
        "sous_objectif",
        "titre",
        "statut",
        "porteurs",
        "porteurs_ids",
        "partenaires",
        "partenaires_ids",
        "financeurs_ids",
        "public_cible",
        "territoire_action",
        "calendrier_debut",
        "calendrier_fin",
        "recurrence",
        "budget_total_eur",
        "nb_indicateurs",
        "theme_principal",
        "themes",
    ];
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            vec![
                l.document_id.clone(),
                l.contrat_id.clone(),
                l.nature.clone(),
                opt(&l.territoire),
                list(&l.departements),
                opt(&l.region),
                opt(&l.periode_debut),
                opt(&l.periode_fin),
                opt(&l.date_signature),
                opt(&l.numero),
                opt(&l.axe),
                opt(&l.axe_titre),
                opt(&l.objectif),
                opt(&l.sous_objectif),
                opt(&l.titre),
                opt(&l.statut),
                list(&l.porteurs),
                list(&l.porteurs_ids),
                list(&l.partenaires),
                list(&l.partenaires_ids),
                list(&l.financeurs_ids),
                list(&l.public_cible),
                opt(&l.territoire_action),
                opt(&l.calendrier_debut),
                opt(&l.calendrier_fin),
                opt(&l.recurrence),
                amount(l.budget_total_eur),
                l.nb_indicateurs.to_string(),
                opt(&l.theme_principal),
                list(&l.themes),
            ]
        })
        .collect();
    w(out.join("actions.csv"), &csv(&header, &rows))?;
    w(out.join("organisations.csv"), &organisations_csv(registry))?;
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

/// `organisations.csv`: the registry as a table (UTF-8 with BOM).
pub fn organisations_csv(registry: &[Organisation]) -> Vec<u8> {
    let oh = [
        "id",
        "nom",
        "sigle",
        "type",
        "departement",
        "region",
        "nb_documents",
        "documents",
        "porteur",
        "partenaire",
        "financeur",
        "signataire",
        "variantes",
    ];
    let orows: Vec<Vec<String>> = registry
        .iter()
        .map(|o| {
            vec![
                o.id.clone(),
                o.nom.clone(),
                opt(&o.sigle),
                o.kind.clone(),
                opt(&o.departement),
                opt(&o.region),
                o.documents.len().to_string(),
                list(&o.documents),
                o.roles.porteur.to_string(),
                o.roles.partenaire.to_string(),
                o.roles.financeur.to_string(),
                o.roles.signataire.to_string(),
                list(
                    &o.variantes
                        .iter()
                        .map(|v| v.nom.clone())
                        .collect::<Vec<_>>(),
                ),
            ]
        })
        .collect();
    csv(&oh, &orows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_bom() {
        let b = csv(&["a", "b"], &[vec!["x, y".into(), "dit \"oui\"".into()]]);
        let s = String::from_utf8(b).unwrap();
        assert!(s.starts_with('\u{feff}'));
        assert_eq!(s.lines().nth(1), Some("\"x, y\",\"dit \"\"oui\"\"\""));
    }
}
