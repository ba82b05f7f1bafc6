//! PDF pages to raw glyphs and ruling lines, through pdf-extract's `OutputDev`.
//!
//! pdf-extract parses the content streams; this module only records what it draws: every
//! glyph with its position and size, and every stroked or filled path that could be a
//! table rule. Pages are processed independently, in parallel, each behind
//! `catch_unwind`, because pdf-extract panics on purpose on constructs it does not know
//! and one bad page must cost one page, not the document. Each page has budgets
//! (operations, decoded bytes, form depth in the vendored pdf-extract; glyphs and rules
//! here), and so has the document as a whole, shared by the pages read in parallel: past
//! one, the page stops with its reason instead of taking the process down, keeping what
//! it drew before.

use crate::{ExtractError, Glyph, RawPage, Rule};
use pdf_extract::{ColorSpace, MediaBox, OutputDev, OutputError, Path, PathOp, Transform};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The result of reading every page of a PDF: the pages that could be read and, for each
/// page that could not, its number and the reason.
pub struct RawPdf<T> {
    pub pages: Vec<T>,
    pub failed_pages: Vec<(u32, String)>,
    /// Pages read in part (some of their content could not be decoded), with what was lost.
    pub damaged_pages: Vec<(u32, String)>,
    /// How many pages the file says it has (its page tree's `/Count`), when that is more
    /// than the pages found: the rest were lost to damage.
    pub declared_pages: u32,
    /// The cross-reference table was rebuilt by scanning the file for objects.
    pub repaired: bool,
    /// The file was cut before its end.
    pub truncated: bool,
}

/// What reading one page gave: its laid-out value and what part of it was damaged, or why
/// it could not be read at all.
type PageOutcome<T> = Result<(T, Option<String>), String>;

/// The most pages read from one file; past it the file is hostile, not a contract.
const MAX_PAGES: usize = 20_000;
/// The most glyphs kept on one page (a dense A4 page has about 6 000).
const MAX_GLYPHS_PER_PAGE: usize = 200_000;
/// The most glyphs kept from one document (a 300-page contract has about 1.5 million).
const MAX_GLYPHS_PER_DOC: usize = 4_000_000;
/// The most rules kept on one page.
const MAX_RULES_PER_PAGE: usize = 100_000;

/// Reads a PDF held in memory. Fails only when the file as a whole cannot be read
/// (not a PDF, damaged beyond repair, encrypted with a user password, no page).
///
/// Each page is handed to `per_page` as soon as it is read (on the same thread), so that
/// its glyphs can be laid out and dropped at once instead of holding every page's glyphs.
pub fn read_pdf<T: Send>(
    bytes: &[u8],
    per_page: impl Fn(RawPage) -> T + Sync,
) -> Result<RawPdf<T>, ExtractError> {
    let (doc, repaired, truncated) = open(bytes)?;
    let (ids, declared) = page_list(&doc)?;
    let results = read_pages(&doc, &ids, &per_page);
    let mut raw = sort_outcomes(results);
    raw.repaired = repaired;
    raw.truncated = truncated;
    // The page tree's count is only a witness of loss when the file was damaged (a
    // page-tree cycle or a careless producer can make it wrong too).
    raw.declared_pages = if repaired {
        declared.max(ids.len() as u32)
    } else {
        ids.len() as u32
    };
    Ok(raw)
}

/// The document of a PDF file, decrypted when only an owner password protects it, whether
/// its cross-reference table had to be rebuilt and whether the file was cut.
fn open(bytes: &[u8]) -> Result<(pdf_extract::Document, bool, bool), ExtractError> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err(ExtractError::NotPdf);
    }
    let crate::repair::Loaded {
        mut doc,
        repaired,
        truncated,
    } = crate::repair::load(bytes)?;
    // An owner-password-only PDF opens with the empty user password; anything else cannot
    // be read without the password.
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ExtractError::Encrypted);
    }
    Ok((doc, repaired, truncated))
}

/// The page objects in reading order and the count the page tree declares, within the
/// page budget.
fn page_list(
    doc: &pdf_extract::Document,
) -> Result<(Vec<pdf_extract::ObjectId>, u32), ExtractError> {
    let (ids, declared) = crate::repair::page_ids(doc);
    if ids.is_empty() {
        return Err(ExtractError::Unreadable("aucune page trouvée".into()));
    }
    if ids.len() > MAX_PAGES {
        return Err(ExtractError::Limit(format!(
            "plus de {MAX_PAGES} pages ({} trouvées)",
            ids.len()
        )));
    }
    Ok((ids, declared))
}

/// Reads every page, in parallel, each handed to `per_page` as soon as it is read; the
/// outcomes come back in page order.
fn read_pages<T: Send>(
    doc: &pdf_extract::Document,
    ids: &[pdf_extract::ObjectId],
    per_page: &(impl Fn(RawPage) -> T + Sync),
) -> Vec<(u32, PageOutcome<T>)> {
    let empty = pdf_extract::Dictionary::new();
    let budget = DocLimits {
        pdf: pdf_extract::DocBudget::new(),
        glyphs: AtomicUsize::new(MAX_GLYPHS_PER_DOC),
    };
    // Pages are read in a few runs of consecutive pages, each by one page reader that keeps
    // the fonts of the pages it has read: enough runs to keep every core busy, few enough
    // that fonts are not rebuilt for every page.
    let run = ids.len().div_ceil(4 * rayon::current_num_threads()).max(1);
    ids.par_chunks(run)
        .enumerate()
        .flat_map_iter(|(c, chunk)| {
            let mut reader = pdf_extract::PageReader::new(&empty, &budget.pdf);
            let glyphs = &budget.glyphs;
            chunk
                .iter()
                .enumerate()
                .map(move |(i, &id)| {
                    let n = (c * run + i) as u32 + 1;
                    let read = read_page(&mut reader, doc, n, id, glyphs);
                    (n, read.map(|(p, damage)| (per_page(p), damage)))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What the whole document may cost: the vendored reader's budget (operations, decoded
/// bytes) and the glyphs kept, shared by every page.
struct DocLimits {
    pdf: pdf_extract::DocBudget,
    glyphs: AtomicUsize,
}

/// The pages read, and those that failed or were damaged, with their numbers.
fn sort_outcomes<T>(results: Vec<(u32, PageOutcome<T>)>) -> RawPdf<T> {
    let mut raw = RawPdf {
        pages: Vec::new(),
        failed_pages: Vec::new(),
        damaged_pages: Vec::new(),
        declared_pages: 0,
        repaired: false,
        truncated: false,
    };
    for (n, r) in results {
        match r {
            Ok((p, damage)) => {
                raw.pages.push(p);
                raw.damaged_pages.extend(damage.map(|d| (n, d)));
            }
            Err(e) => raw.failed_pages.push((n, e)),
        }
    }
    raw
}

/// Reads one page: its glyphs and rules, and what part of it was damaged, if any. A page
/// stopped by a budget keeps what it drew before (read in part); one that drew nothing is
/// not read.
fn read_page<'a>(
    reader: &mut pdf_extract::PageReader<'a>,
    doc: &'a pdf_extract::Document,
    number: u32,
    id: pdf_extract::ObjectId,
    doc_glyphs: &AtomicUsize,
) -> Result<(RawPage, Option<String>), String> {
    let mut dev = Collector::new(number, doc_glyphs);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        reader.output_page_object(doc, &mut dev, number, id)
    }));
    if outcome.is_err() {
        // A panic may have left the reader half-way through a page: the next page starts
        // from a fresh one.
        reader.reset();
    }
    dev.settle_glyphs();
    let why = match outcome {
        Ok(Ok(())) => None,
        Ok(Err(OutputError::Limit(why))) => Some(why),
        Ok(Err(e)) => Some(french_reader_error(&e)),
        Err(payload) => Some(panic_message(payload.as_ref())),
    };
    let drew = !dev.page.glyphs.is_empty();
    match why {
        Some(why) if !drew => Err(why),
        Some(why) => {
            dev.damage
                .push(format!("lue jusqu'à l'arrêt du lecteur : {why}"));
            Ok((dev.page, Some(dev.damage.join(" ; "))))
        }
        None => {
            let damage = (!dev.damage.is_empty()).then(|| dev.damage.join(" ; "));
            Ok((dev.page, damage))
        }
    }
}

/// The reader's own error, in French; its text (in English) only with `CLS_DEBUG`.
fn french_reader_error(e: &OutputError) -> String {
    use pdf_extract::Error as E;
    let what = match e {
        OutputError::PdfError(E::ObjectNotFound(_) | E::MissingXrefEntry) => {
            "un objet de la page est absent du fichier"
        }
        OutputError::PdfError(E::ReferenceCycle(_) | E::ReferenceLimit) => {
            "les objets de la page se désignent en boucle"
        }
        OutputError::PdfError(E::ObjectType { .. } | E::DictKey(_)) => {
            "un objet de la page n'a pas la forme attendue"
        }
        OutputError::PdfError(E::Decompress(_)) => "un flux compressé de la page est endommagé",
        _ => "la structure de la page est endommagée",
    };
    with_debug_detail(what, &e.to_string())
}

/// A panic of the vendored reader, in French: its message is the library's, in English,
/// and only shown with `CLS_DEBUG`.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    with_debug_detail(
        "le lecteur PDF s'est arrêté sur une construction qu'il ne sait pas lire",
        &detail,
    )
}

fn with_debug_detail(what: &str, detail: &str) -> String {
    if std::env::var_os("CLS_DEBUG").is_some() && !detail.is_empty() {
        format!("{what} [{}]", detail.replace('\n', " "))
    } else {
        what.to_string()
    }
}

/// "200 000", as French writes numbers.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Whether a font's `BaseFont` name is a bold face: "ABCDEF+LiberationSans-Bold",
/// "Arial,BoldItalic", "OpenSans-Semibold", "Roboto-Black". The subset prefix is ignored.
fn is_bold_font(base_name: &str) -> bool {
    let style = base_name
        .rsplit_once(['-', ','])
        .map(|(_, s)| s)
        .unwrap_or(base_name)
        .to_ascii_lowercase();
    ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| style.contains(w))
}

/// The `OutputDev` that records glyphs and rules of one page, in top-down coordinates.
struct Collector<'b> {
    page: RawPage,
    flip_y: f64,
    /// Counts text-showing operations: glyphs of one run were positioned together.
    run: u32,
    /// Whether the current font is a bold one.
    bold: bool,
    /// What could not be decoded on this page (reported by pdf-extract).
    damage: Vec<String>,
    /// The glyphs the document may still keep, and those this page took from it and has
    /// not drawn yet (taken in batches: the per-glyph path stays a decrement).
    doc_glyphs: &'b AtomicUsize,
    glyphs_taken: usize,
}

/// Glyphs taken from the document's budget at a time.
const GLYPH_BATCH: usize = 4096;

impl<'b> Collector<'b> {
    fn new(number: u32, doc_glyphs: &'b AtomicUsize) -> Self {
        Collector {
            page: RawPage {
                number,
                width: 0.0,
                height: 0.0,
                glyphs: Vec::new(),
                rules: Vec::new(),
            },
            flip_y: 0.0,
            run: 0,
            bold: false,
            damage: Vec::new(),
            doc_glyphs,
            glyphs_taken: 0,
        }
    }

    /// Takes one glyph from the document's budget (a batch at a time); `false` when the
    /// document has none left.
    #[inline]
    fn take_glyph(&mut self) -> bool {
        if self.glyphs_taken == 0 {
            let got = self
                .doc_glyphs
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                    (left > 0).then(|| left.saturating_sub(GLYPH_BATCH))
                })
                .map_or(0, |left| left.min(GLYPH_BATCH));
            self.glyphs_taken = got;
        }
        if self.glyphs_taken == 0 {
            return false;
        }
        self.glyphs_taken -= 1;
        true
    }

    /// Gives back to the document the glyphs taken and not drawn.
    fn settle_glyphs(&mut self) {
        let unused = std::mem::take(&mut self.glyphs_taken);
        self.doc_glyphs.fetch_add(unused, Ordering::Relaxed);
    }

    fn add_segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        let (x0, x1) = if a.0 <= b.0 { (a.0, b.0) } else { (b.0, a.0) };
        let (y0, y1) = if a.1 <= b.1 { (a.1, b.1) } else { (b.1, a.1) };
        let (y0, y1) = (self.flip_y - y1, self.flip_y - y0);
        if self.page.rules.len() >= MAX_RULES_PER_PAGE {
            return;
        }
        // Only axis-aligned segments can be table rules; curves and diagonals are drawings.
        if (y1 - y0) < 1.5 && (x1 - x0) > 2.0 {
            self.page.rules.push(Rule {
                x0,
                y0: (y0 + y1) / 2.0,
                x1,
                y1: (y0 + y1) / 2.0,
            });
        } else if (x1 - x0) < 1.5 && (y1 - y0) > 2.0 {
            self.page.rules.push(Rule {
                x0: (x0 + x1) / 2.0,
                y0,
                x1: (x0 + x1) / 2.0,
                y1,
            });
        }
    }

    fn add_path(&mut self, ctm: &Transform, path: &Path, filled: bool) {
        let tp = |x: f64, y: f64| {
            // Row-vector convention of PDF (and euclid's Transform2D): p' = p × M.
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            )
        };
        if filled {
            self.add_filled(&tp, path);
            return;
        }
        let mut start = None;
        let mut cur = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    cur = Some(tp(x, y));
                    start = cur;
                }
                PathOp::LineTo(x, y) => {
                    let p = tp(x, y);
                    if let Some(c) = cur {
                        self.add_segment(c, p);
                    }
                    cur = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => cur = Some(tp(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let a = tp(x, y);
                    let b = tp(x + w, y + h);
                    let c = tp(x + w, y);
                    let d = tp(x, y + h);
                    self.add_segment(a, c);
                    self.add_segment(c, b);
                    self.add_segment(b, d);
                    self.add_segment(d, a);
                }
                PathOp::Close => {
                    if let (Some(c), Some(s)) = (cur, start) {
                        self.add_segment(c, s);
                    }
                    cur = start;
                }
            }
        }
    }
}

impl Collector<'_> {
    /// A filled shape is a rule only when it is thin (how many producers draw borders):
    /// the edges of a shaded cell or paragraph background are not table rules, whatever
    /// operators drew them (`re`, or `m`/`l` polygons as LibreOffice writes).
    fn add_filled(&mut self, tp: &dyn Fn(f64, f64) -> (f64, f64), path: &Path) {
        let mut pts: Vec<(f64, f64)> = Vec::new();
        let flush = |pts: &mut Vec<(f64, f64)>, me: &mut Collector| {
            if pts.len() >= 2 {
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for (x, y) in pts.iter() {
                    x0 = x0.min(*x);
                    y0 = y0.min(*y);
                    x1 = x1.max(*x);
                    y1 = y1.max(*y);
                }
                let (wx, hy) = (x1 - x0, y1 - y0);
                if wx < 3.0 || hy < 3.0 {
                    if wx >= hy {
                        let ym = (y0 + y1) / 2.0;
                        me.add_segment((x0, ym), (x1, ym));
                    } else {
                        let xm = (x0 + x1) / 2.0;
                        me.add_segment((xm, y0), (xm, y1));
                    }
                }
            }
            pts.clear();
        };
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    flush(&mut pts, self);
                    pts.push(tp(x, y));
                }
                PathOp::LineTo(x, y) | PathOp::CurveTo(_, _, _, _, x, y) => pts.push(tp(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    flush(&mut pts, self);
                    pts.push(tp(x, y));
                    pts.push(tp(x + w, y + h));
                    flush(&mut pts, self);
                }
                PathOp::Close => {}
            }
        }
        flush(&mut pts, self);
    }
}

impl OutputDev for Collector<'_> {
    fn begin_page(
        &mut self,
        _n: u32,
        media_box: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page.width = media_box.urx - media_box.llx;
        self.page.height = media_box.ury - media_box.lly;
        self.flip_y = media_box.ury;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn damage(&mut self, what: &str) -> Result<(), OutputError> {
        // One note per kind of damage is enough for the alert.
        if !self.damage.iter().any(|d| d == what) && self.damage.len() < 8 {
            self.damage.push(what.to_string());
        }
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let sx = (trm.m11 * trm.m11 + trm.m12 * trm.m12).sqrt();
        let sy = (trm.m21 * trm.m21 + trm.m22 * trm.m22).sqrt();
        let size = font_size * sy;
        if !(size.is_finite() && size > 0.1) {
            return Ok(());
        }
        // Rotated text (margins, stamps) is not part of the reading flow of a contract.
        if trm.m12.abs() > 0.01 * sx.max(1e-9) {
            return Ok(());
        }
        if self.page.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            return Err(OutputError::Limit(format!(
                "page trop dense : plus de {} caractères",
                group_thousands(MAX_GLYPHS_PER_PAGE)
            )));
        }
        if !self.take_glyph() {
            return Err(OutputError::Limit(format!(
                "document trop dense : plus de {} caractères en tout",
                group_thousands(MAX_GLYPHS_PER_DOC)
            )));
        }
        let x0 = trm.m31;
        let adv = width * font_size * sx;
        let y = self.flip_y - trm.m32;
        self.page.glyphs.push(Glyph {
            x0,
            x1: x0 + adv.max(0.0),
            y,
            size,
            text: ch.into(),
            run: self.run,
            bold: self.bold,
        });
        Ok(())
    }
    fn font(&mut self, base_name: &str) -> Result<(), OutputError> {
        self.bold = is_bold_font(base_name);
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.run += 1;
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn stroke(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path, false);
        Ok(())
    }
    fn fill(
        &mut self,
        ctm: &Transform,
        _cs: &ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        // A white fill is a background eraser, not a border.
        if !color.is_empty() && color.iter().all(|c| *c > 0.95) {
            return Ok(());
        }
        self.add_path(ctm, path, true);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::is_bold_font;

    #[test]
    fn bold_faces_are_told_by_their_style_name() {
        for name in [
            "ABCDEF+LiberationSans-Bold",
            "Arial,BoldItalic",
            "OpenSans-Semibold",
            "Roboto-Black",
            "DejaVuSans-Bold",
        ] {
            assert!(is_bold_font(name), "{name}");
        }
        // "Bold" in the family name is not the style of a regular face.
        for name in [
            "ABCDEF+LiberationSans",
            "Arial,Italic",
            "BoldoniSans-Regular",
            "",
        ] {
            assert!(!is_bold_font(name), "{name}");
        }
    }
}
