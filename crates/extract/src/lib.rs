//! PDF and HTML to positioned text blocks (lines and table rows); knows nothing of CLS.
//!
//! The output of this crate is a flat, reading-ordered list of [`Block`]s: a free line of
//! text, or a table row made of cells (from ruling lines, or from the column gap when the
//! table has no rules). Rows that continue across a page break are already merged, and
//! repeated page headers and footers are already dropped, so that the `structure` crate
//! only has to recognise a contract's headings and labels.

mod columns;
mod html;
mod inspect;
mod layout;
mod pdf;
mod repair;
mod settings;

pub use html::{extract_html, html_garbage, HtmlBlock, HtmlDocument, HtmlKind, PdfLink};
pub use inspect::{inspect_pdf, BlockBox, ColumnZone, InspectPage, Rect, WordBox};
pub use layout::{join_lines, layout_pages};

/// Why a file could not be read at all. The messages are shown to users: in French, on
/// one line, and the true cause (damage is never reported as a missing text layer).
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("ni un PDF ni une page HTML")]
    NotPdf,
    #[error("le PDF est chiffré et demande un mot de passe")]
    Encrypted,
    #[error("le PDF est illisible : {0}")]
    Unreadable(String),
    #[error("le PDF n'a pas de couche texte (des pages scannées demandent d'abord une OCR)")]
    NoText,
    /// Not one of the `total` pages could be read.
    #[error("{}", no_page_read(*total, why))]
    NoReadablePage { total: u32, why: String },
    /// Damage cost every page with text: `read` pages decoded (without text) of `total`.
    #[error("PDF endommagé : {read} pages lues sur {total}, sans texte lisible ({why})")]
    Damaged { read: u32, total: u32, why: String },
    /// A budget of the reader (pages, objects) was exceeded: the file is hostile.
    #[error("le PDF dépasse les limites de lecture : {0}")]
    Limit(String),
}

fn no_page_read(total: u32, why: &str) -> String {
    match total {
        0 | 1 => format!("la page du PDF n'a pas pu être lue ({why})"),
        n => format!("aucune des {n} pages du PDF n'a pu être lue ({why})"),
    }
}

/// One glyph as drawn: left and right edges, baseline (top-down), size, text.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    /// Almost always one character: kept inline, so that a page of glyphs is not a page of
    /// allocations.
    pub text: compact_str::CompactString,
    /// The text-showing operation that drew it (glyphs of one run were placed together).
    pub run: u32,
    /// Drawn with a bold font (by the font's name: "Bold", "Black", "Heavy", "Semibold").
    pub bold: bool,
}

/// An axis-aligned segment that may be a table rule (top-down coordinates).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 0.5 && self.x1 - self.x0 > 0.5
    }
}

/// Everything drawn on one page.
#[derive(Debug, Clone, Default)]
pub struct RawPage {
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
}

/// A line of text outside any table.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub page: u32,
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
}

/// One cell of a table row: its lines as laid out, in reading order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub x0: f64,
    pub x1: f64,
    pub lines: Vec<String>,
    /// The indices of the lines that open a new paragraph of the cell (after a blank of
    /// about a line or more): a bold title over its description in one cell, for example.
    pub breaks: Vec<usize>,
}

impl Cell {
    /// The cell's text with layout undone: lines joined, end-of-line hyphenation removed.
    pub fn text(&self) -> String {
        join_lines(&self.lines)
    }
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| l.trim().is_empty())
    }
}

/// A table row; `pages` lists every page it spans (more than one when it was continued).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub pages: Vec<u32>,
    pub y: f64,
    pub ruled: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Line(Line),
    Row(Row),
}

/// A PDF read into blocks, with what went wrong on the way.
#[derive(Debug, Clone)]
pub struct PdfDocument {
    pub pages: u32,
    pub blocks: Vec<Block>,
    /// Pages that could not be read, with the reason, to be reported as alerts. When the
    /// file declares more pages than could be found, the missing ones are listed too.
    pub failed_pages: Vec<(u32, String)>,
    /// Pages read in part (damaged content skipped), with what was lost.
    pub damaged_pages: Vec<(u32, String)>,
}

/// Reads a PDF from memory into layout blocks.
pub fn extract_pdf(bytes: &[u8]) -> Result<PdfDocument, ExtractError> {
    // Each page is laid out as soon as it is read, so its glyphs are freed at once.
    let raw = pdf::read_pdf(bytes, |p| {
        let has_text = p.glyphs.iter().any(|g| !g.text.trim().is_empty());
        (layout::lay_out(&p), has_text)
    })?;
    let found = (raw.pages.len() + raw.failed_pages.len()) as u32;
    let total = raw.declared_pages.max(found);
    let mut failed_pages = raw.failed_pages;
    // Pages the page tree counts but that damage removed from the file.
    for n in found + 1..=total.min(found + 1000) {
        failed_pages.push((n, "page absente du fichier endommagé".to_string()));
    }
    let damaged =
        raw.repaired || raw.truncated || !failed_pages.is_empty() || !raw.damaged_pages.is_empty();
    let first_reason = || {
        let page = failed_pages
            .first()
            .or(raw.damaged_pages.first())
            .map(|(n, e)| format!("page {n} : {e}"));
        match (raw.truncated, page) {
            (true, Some(page)) => format!("fichier tronqué ; {page}"),
            (true, None) => "fichier tronqué".to_string(),
            (false, Some(page)) => page,
            (false, None) => "table des objets reconstruite".to_string(),
        }
    };
    if raw.pages.is_empty() {
        return Err(ExtractError::NoReadablePage {
            total,
            why: first_reason(),
        });
    }
    if raw.pages.iter().all(|p| !p.1) {
        if damaged {
            return Err(ExtractError::Damaged {
                read: raw.pages.len() as u32,
                total,
                why: first_reason(),
            });
        }
        return Err(ExtractError::NoText);
    }
    let blocks = layout::finish(raw.pages.into_iter().map(|p| p.0).collect());
    Ok(PdfDocument {
        pages: total,
        blocks,
        failed_pages,
        damaged_pages: raw.damaged_pages,
    })
}

/// What a file is, by its content rather than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Pdf,
    Html,
    Unknown,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Sniffed::Pdf;
    }
    // UTF-16 pages (with or without a byte-order mark) are read as the characters they hold.
    let text = match html::utf16_by_pattern(head) {
        Some(enc) => enc.decode(head).0.to_ascii_lowercase(),
        None => String::from_utf8_lossy(head).to_ascii_lowercase(),
    };
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.contains("<html")
        || t.contains("<body")
        || t.contains("<head")
    {
        return Sniffed::Html;
    }
    Sniffed::Unknown
}

#[doc(hidden)]
pub fn debug_raw(bytes: &[u8]) -> Vec<RawPage> {
    pdf::read_pdf(bytes, |p| p)
        .map(|r| r.pages)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_pages_are_html() {
        let page = "<!DOCTYPE html><html><body>Contrat</body></html>";
        let le: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut bom = vec![0xFF, 0xFE];
        bom.extend_from_slice(&le);
        assert_eq!(sniff(&bom), Sniffed::Html);
        assert_eq!(sniff(&le), Sniffed::Html);
        assert_eq!(sniff(b"\x00\x01binary"), Sniffed::Unknown);
    }
}
