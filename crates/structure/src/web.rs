//! Web pages (content blocks from `extract`) to the same document model.

use cls_extract::HtmlDocument;
use cls_model::Document;

pub fn structure_html(_html: &HtmlDocument, _fichier: &str, _sha256: &str) -> Option<Document> {
    None
}
