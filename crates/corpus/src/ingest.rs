//! One file to one document: sniff the format, extract, structure. Used by `cls ingest`
//! and by every batch worker.

use crate::error::CorpusError;
use cls_extract::{sniff, Sniffed};
use cls_model::Document;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Lower-case hex sha256 of the bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads one file (PDF or HTML, recognised by content) into a document.
pub fn ingest_path(path: &Path) -> Result<Document, CorpusError> {
    let bytes =
        std::fs::read(path).map_err(|e| CorpusError::Open(path.display().to_string(), e))?;
    ingest_bytes(&path.display().to_string(), &bytes)
}

/// Reads bytes named `fichier` into a document.
pub fn ingest_bytes(fichier: &str, bytes: &[u8]) -> Result<Document, CorpusError> {
    if bytes.is_empty() {
        return Err(CorpusError::Empty);
    }
    let sha = sha256_hex(bytes);
    let name = Path::new(fichier)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| fichier.to_string());
    match sniff(bytes) {
        Sniffed::Pdf => {
            // Loading a PDF is single-threaded: compile the structure patterns meanwhile.
            let pdf = std::thread::scope(|s| {
                s.spawn(cls_structure::warm_up);
                cls_extract::extract_pdf(bytes)
            })?;
            Ok(cls_structure::structure_pdf(&pdf, &name, &sha))
        }
        Sniffed::Html => {
            if let Some(why) = cls_extract::html_garbage(bytes) {
                return Err(CorpusError::Garbage(why));
            }
            let html = cls_extract::extract_html(bytes);
            cls_structure::structure_html(&html, &name, &sha).ok_or(CorpusError::EmptyPage)
        }
        Sniffed::Unknown => Err(CorpusError::UnknownFormat),
    }
}
