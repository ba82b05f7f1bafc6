//! The commands that read documents or a corpus: `cls compare` (tables and HTML report),
//! `cls orgs` (the organisation registry) and `cls explain-themes` (why an action has its
//! themes).

use crate::args::OrgsFormat;
use anyhow::{Context, Result};
use cls_model::{Action, Document, Organisation};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `cls compare`: the comparison tables and HTML report of a corpus.
pub fn compare(corpus: &Path, out: &Path) -> Result<()> {
    let mut info = cls_corpus::compare::ReportInfo::now();
    // Reproducible builds' convention: a fixed date when SOURCE_DATE_EPOCH is set.
    if let Some(secs) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        info.date = cls_corpus::compare::civil_date(secs / 86_400);
    }
    cls_corpus::compare::compare(corpus, out, &info)?;
    eprintln!(
        "cls compare : rapport écrit dans {}",
        out.join("index.html").display()
    );
    Ok(())
}

/// `cls orgs`: the registry of the inputs' organisations, on stdout.
pub fn orgs(inputs: &[PathBuf], format: OrgsFormat) -> Result<ExitCode> {
    let docs = load_documents(inputs)?;
    let reg = cls_corpus::registry::build(&docs);
    let mut out: Vec<u8> = Vec::new();
    match format {
        OrgsFormat::Text => write_orgs_table(&mut out, &reg),
        OrgsFormat::Csv => out = cls_corpus::export::organisations_table(&reg).csv(),
        OrgsFormat::Json => {
            out = serde_json::to_vec_pretty(&reg)?;
            out.push(b'\n');
        }
    }
    crate::output::to_stdout(&out, "du registre")
}

/// The registry as a table to read: one organisation a line, its retained documents, its
/// role counts (retained documents only) and variants.
fn write_orgs_table(out: &mut dyn Write, reg: &[Organisation]) {
    writeln!(
        out,
        "{:<40} {:<55} {:>4} {:>4} {:>4} {:>4} {:>4}  variantes",
        "id", "nom", "doc.", "por.", "par.", "fin.", "sig."
    )
    .ok();
    for o in reg {
        let v: Vec<String> = o
            .variantes
            .iter()
            .map(|v| format!("{} ({})", v.nom, v.occurrences))
            .collect();
        writeln!(
            out,
            "{:<40} {:<55} {:>4} {:>4} {:>4} {:>4} {:>4}  {}",
            o.id,
            o.nom.chars().take(55).collect::<String>(),
            o.documents_retenus.len(),
            o.roles.porteur,
            o.roles.partenaire,
            o.roles.financeur,
            o.roles.signataire,
            v.join(" | ")
        )
        .ok();
    }
}

/// Documents of the given inputs: a corpus directory (its documents/, in the manifest's
/// path order, which the retained document's rule needs), or files to ingest.
fn load_documents(inputs: &[PathBuf]) -> Result<Vec<Document>> {
    let mut docs = Vec::new();
    for i in inputs {
        if i.join("documents").is_dir() {
            docs.extend(cls_corpus::folder::documents_in_path_order(i)?.0);
        } else {
            docs.push(ingest_guarded(i)?);
        }
    }
    Ok(docs)
}

/// Reads one file; a panic of the reader becomes a one-line error.
fn ingest_guarded(file: &Path) -> Result<Document> {
    std::panic::catch_unwind(|| cls_corpus::ingest_path(file))
        .map_err(|_| {
            anyhow::anyhow!(
                "{} : erreur interne pendant la lecture du fichier",
                file.display()
            )
        })?
        .with_context(|| file.display().to_string())
}

/// `cls explain-themes`: the words that decided the themes of one action, on stdout.
pub fn explain_themes(file: &Path, numero: &str) -> Result<ExitCode> {
    let doc = if file.extension().is_some_and(|x| x == "json") {
        cls_corpus::folder::read_document(file)?
    } else {
        cls_corpus::ingest_path(file).with_context(|| file.display().to_string())?
    };
    let a = doc
        .actions
        .iter()
        .find(|a| a.numero.as_deref() == Some(numero))
        .ok_or_else(|| {
            anyhow::anyhow!("aucune action numérotée {numero} dans {}", file.display())
        })?;
    let mut out: Vec<u8> = Vec::new();
    write_explanation(&mut out, &doc, a, numero);
    crate::output::to_stdout(&out, "de l'explication")
}

/// The five best-ranked themes of an action, each with the words that scored for it.
fn write_explanation(out: &mut dyn Write, doc: &Document, a: &Action, numero: &str) {
    let words = cls_normalize::themes::ActionWords::of(&doc.axes, a);
    let (ranked, hits) = cls_normalize::themes::classify(&words.fields());
    writeln!(
        out,
        "Action {numero} : {}",
        a.titre.as_deref().unwrap_or("(sans titre)")
    )
    .ok();
    writeln!(out, "Thèmes retenus : {}", a.themes.join(", ")).ok();
    for (code, score) in ranked.iter().take(5) {
        writeln!(
            out,
            "\n{code} — {} : score {score:.1}",
            cls_normalize::themes::label(code).unwrap_or("")
        )
        .ok();
        for h in hits.iter().filter(|h| &h.theme == code).take(8) {
            writeln!(
                out,
                "    {:<40} {:<13} +{:.1}",
                format!("« {} »", h.word),
                h.field,
                h.weight
            )
            .ok();
        }
    }
}
