//! A corpus folder read back: its documents, registry and manifest order. Used by
//! `cls compare` and by the commands that take a corpus folder (`cls orgs`,
//! `cls explain-themes`).

use crate::error::{json_reason, CorpusError};
use cls_model::{Document, Manifest, ManifestEntry, Organisation};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

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
            "{} n'est pas un document cls/1 : {}",
            path.display(),
            json_reason(&e)
        ))
    })
}

/// A corpus read back: documents in path order (the manifest's order), the registry, and
/// where each document's source file is.
pub struct Corpus {
    pub docs: Vec<Document>,
    pub registry: Vec<Organisation>,
    /// document id → its source file, absolute when the manifest names its input roots
    /// (so that it holds from any working directory).
    pub sources: HashMap<String, PathBuf>,
}

/// Loads the documents (in the manifest's path order) and the registry of a corpus.
pub fn load_corpus(dir: &Path) -> Result<Corpus, CorpusError> {
    let (docs, manifest) = documents_in_path_order(dir)?;
    let registry = match std::fs::read_to_string(dir.join("organisations.json")) {
        Ok(t) => serde_json::from_str(&t).map_err(|e| {
            CorpusError::Invalid(format!("organisations.json : {}", json_reason(&e)))
        })?,
        Err(_) => crate::registry::build(&docs),
    };
    let mut sources = HashMap::new();
    for e in manifest.iter().flat_map(|m| &m.documents) {
        if let (Some(id), Some(m)) = (&e.document_id, &manifest) {
            sources
                .entry(id.clone())
                .or_insert_with(|| source_path(&m.racines, e));
        }
    }
    Ok(Corpus {
        docs,
        registry,
        sources,
    })
}

/// The documents of a corpus in the manifest's path order (the order the retained
/// document's rule breaks ties by), and the manifest when there is one.
pub fn documents_in_path_order(
    dir: &Path,
) -> Result<(Vec<Document>, Option<Manifest>), CorpusError> {
    if !dir.join("documents").is_dir() {
        return Err(CorpusError::Invalid(format!(
            "{} n'est pas un dossier de corpus (pas de documents/ : un corpus s'écrit avec \
             cls batch … --out DOSSIER)",
            dir.display()
        )));
    }
    let mut docs = read_documents(&dir.join("documents"))?;
    let manifest: Option<Manifest> =
        match std::fs::read_to_string(dir.join("manifest.json")) {
            Ok(t) => Some(serde_json::from_str(&t).map_err(|e| {
                CorpusError::Invalid(format!("manifest.json : {}", json_reason(&e)))
            })?),
            Err(_) => None,
        };
    let mut paths: HashMap<&str, &str> = HashMap::new();
    for e in manifest.iter().flat_map(|m| &m.documents) {
        if let Some(id) = &e.document_id {
            paths.entry(id).or_insert(&e.fichier);
        }
    }
    docs.sort_by(|a, b| {
        let pa = paths.get(a.id.as_str());
        let pb = paths.get(b.id.as_str());
        (pa.is_none(), pa, &a.id).cmp(&(pb.is_none(), pb, &b.id))
    });
    Ok((docs, manifest))
}

/// Where the source file of a manifest entry is. `fichier` is the path as the batch was
/// given it, relative to the batch's working directory, which a later command need not
/// share; the input roots (`racines`) are absolute, and the entry's path under its root
/// (`chemin`) finds the file from anywhere. Of the roots, the one whose joined path ends
/// with `fichier` is taken (two roots may hold the same `chemin`), else one under which
/// the file exists, else `fichier` as given.
pub fn source_path(racines: &[String], e: &ManifestEntry) -> PathBuf {
    let given = Path::new(&e.fichier);
    if given.is_absolute() || e.chemin.is_empty() {
        return given.to_path_buf();
    }
    // `ends_with` compares components: "./a.pdf" is "a.pdf", and of "../x/a.pdf" only
    // "x/a.pdf" names folders the root's path can end with.
    let parts: Vec<Component> = given.components().collect();
    let after_parent = parts
        .iter()
        .rposition(|c| matches!(c, Component::ParentDir))
        .map_or(0, |i| i + 1);
    let tail: PathBuf = parts[after_parent..]
        .iter()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let candidates: Vec<PathBuf> = racines
        .iter()
        .map(Path::new)
        .flat_map(|r| {
            // A file given as a root is its own `chemin` (its name).
            let itself = (r
                .file_name()
                .is_some_and(|n| n.to_string_lossy() == e.chemin))
            .then(|| r.to_path_buf());
            itself.into_iter().chain([r.join(&e.chemin)])
        })
        .collect();
    candidates
        .iter()
        .find(|c| c.ends_with(&tail) && c.exists())
        .or_else(|| candidates.iter().find(|c| c.ends_with(&tail)))
        .or_else(|| candidates.iter().find(|c| c.exists()))
        .cloned()
        .unwrap_or_else(|| given.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cls_model::EtatLecture;

    fn entry(fichier: &str, chemin: &str) -> ManifestEntry {
        ManifestEntry {
            fichier: fichier.into(),
            sha256: String::new(),
            statut: EtatLecture::Ok,
            raison: None,
            document_id: Some("d".into()),
            duree_ms: 0,
            chemin: chemin.into(),
            chemins: vec![fichier.into()],
        }
    }

    #[test]
    fn a_source_is_found_from_its_root_not_the_working_directory() {
        let roots = ["/data/a".to_string(), "/data/b".to_string()];
        assert_eq!(
            source_path(&roots, &entry("b/x/c.pdf", "x/c.pdf")),
            PathBuf::from("/data/b/x/c.pdf")
        );
        assert_eq!(
            source_path(&roots, &entry("./a/x/c.pdf", "x/c.pdf")),
            PathBuf::from("/data/a/x/c.pdf")
        );
        // A file given as a root.
        let roots = ["/data/c.pdf".to_string()];
        assert_eq!(
            source_path(&roots, &entry("../data/c.pdf", "c.pdf")),
            PathBuf::from("/data/c.pdf")
        );
        // No roots (an older manifest): the path as given.
        assert_eq!(
            source_path(&[], &entry("x/c.pdf", "x/c.pdf")),
            PathBuf::from("x/c.pdf")
        );
    }
}
