//! A corpus folder read back: its documents, registry and manifest order. Used by
//! `cls compare` and by the commands that take a corpus folder (`cls orgs`,
//! `cls explain-themes`).

use crate::error::CorpusError;
use cls_model::{Document, Manifest, Organisation};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The documents of a `documents/` folder, in file-name order.
pub fn read_documents(docs_dir: &Path) -> Result<Vec<Document>, CorpusError> {
    let rd = std::fs::read_dir(docs_dir)
        .map_err(|e| CorpusError::Read(docs_dir.display().to_string(), e))?;
    let mut files: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files.iter().map(|p| read_document(p)).collect()
}

/// One `cls/1` document written by a batch.
pub fn read_document(path: &Path) -> Result<Document, CorpusError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CorpusError::Read(path.display().to_string(), e))?;
    serde_json::from_str(&text).map_err(|e| {
        CorpusError::Invalid(format!(
            "{} n'est pas un document cls/1 : {e}",
            path.display()
        ))
    })
}

/// A corpus read back: documents in path order (the manifest's order), the registry, and
/// the path each document was read from.
pub struct Corpus {
    pub docs: Vec<Document>,
    pub registry: Vec<Organisation>,
    /// document id → path of its source file, as the batch was given it.
    pub paths: HashMap<String, String>,
}

/// Loads the documents (in the manifest's path order) and the registry of a corpus.
pub fn load_corpus(dir: &Path) -> Result<Corpus, CorpusError> {
    let (docs, paths) = documents_in_path_order(dir)?;
    let registry = match std::fs::read_to_string(dir.join("organisations.json")) {
        Ok(t) => serde_json::from_str(&t)
            .map_err(|e| CorpusError::Invalid(format!("organisations.json: {e}")))?,
        Err(_) => crate::registry::build(&docs),
    };
    Ok(Corpus {
        docs,
        registry,
        paths,
    })
}

/// The documents of a corpus in the manifest's path order (the order the retained
/// document's rule breaks ties by), and the path each was read from.
pub fn documents_in_path_order(
    dir: &Path,
) -> Result<(Vec<Document>, HashMap<String, String>), CorpusError> {
    let mut docs = read_documents(&dir.join("documents"))?;
    // The retained-document rule breaks ties by path order: take it from the manifest.
    let mut paths = HashMap::new();
    if let Ok(t) = std::fs::read_to_string(dir.join("manifest.json")) {
        let m: Manifest = serde_json::from_str(&t)
            .map_err(|e| CorpusError::Invalid(format!("manifest.json: {e}")))?;
        for e in m.documents {
            if let Some(id) = e.document_id {
                paths.entry(id).or_insert(e.fichier);
            }
        }
    }
    docs.sort_by(|a, b| {
        let pa = paths.get(&a.id);
        let pb = paths.get(&b.id);
        (pa.is_none(), pa, &a.id).cmp(&(pb.is_none(), pb, &b.id))
    });
    Ok((docs, paths))
}
