#![allow(warnings)]
extern crate lopdf;

use adobe_cmap_parser::{ByteMapping, CodeRange, CIDRange};
use encoding_rs::UTF_16BE;
use lopdf::content::{Content, Operation};
use lopdf::LenientOps;
pub use lopdf::*;
use euclid::*;
use lopdf::encryption::DecryptionError;
use std::fmt::{Debug, Formatter};
extern crate encoding_rs;
extern crate euclid;
extern crate adobe_cmap_parser;
extern crate type1_encoding_parser;
extern crate unicode_normalization;
use euclid::vec2;
use unicode_normalization::UnicodeNormalization;
use std::borrow::Cow;
use std::fmt;
use std::str;
use std::fs::File;
use std::slice::Iter;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};
use std::marker::PhantomData;
use std::result::Result;
use log::{warn, error, debug};
mod core_fonts;
mod glyphnames;
mod zapfglyphnames;
mod encodings;
mod tounicode;

pub struct Space;
pub type Transform = Transform2D<f64, Space, Space>;

#[derive(Debug)]
pub enum OutputError
{
    FormatError(std::fmt::Error),
    IoError(std::io::Error),
    PdfError(lopdf::Error),
    /// cls patch: the page stopped: a per-page budget (operations, decoded bytes, glyphs)
    /// was exhausted or its content cannot be decoded; the message says which, in French.
    Limit(String)
}

impl std::fmt::Display for OutputError
{
    fn fmt(&self, f: &mut Formatter<'_>) -> Result<(), std::fmt::Error> {
        match self {
            OutputError::FormatError(e) => write!(f, "Formating error: {}", e),
            OutputError::IoError(e) => write!(f, "IO error: {}", e),
            OutputError::PdfError(e) => write!(f, "PDF error: {}", e),
            OutputError::Limit(why) => write!(f, "{}", why)
        }
    }
}

impl std::error::Error for OutputError{}

impl From<std::fmt::Error> for OutputError {
    fn from(e: std::fmt::Error) -> Self {
        OutputError::FormatError(e)
    }
}

impl From<std::io::Error> for OutputError {
    fn from(e: std::io::Error) -> Self {
        OutputError::IoError(e)
    }
}

impl From<lopdf::Error> for OutputError {
    fn from(e: lopdf::Error) -> Self {
        OutputError::PdfError(e)
    }
}

macro_rules! dlog {
    ($($e:expr),*) => { {} }
    //($($t:tt)*) => { println!($($t)*) }
}

fn get_info(doc: &Document) -> Option<&Dictionary> {
    match doc.trailer.get(b"Info") {
        Ok(&Object::Reference(ref id)) => {
            match doc.get_object(*id) {
                Ok(&Object::Dictionary(ref info)) => { return Some(info); }
                _ => {}
            }
        }
        _ => {}
    }
    None
}

fn get_catalog(doc: &Document) -> &Dictionary {
    match doc.trailer.get(b"Root").unwrap() {
        &Object::Reference(ref id) => {
            match doc.get_object(*id) {
                Ok(&Object::Dictionary(ref catalog)) => { return catalog; }
                _ => {}
            }
        }
        _ => {}
    }
    panic!();
}

fn get_pages(doc: &Document) -> &Dictionary {
    let catalog = get_catalog(doc);
    match catalog.get(b"Pages").unwrap() {
        &Object::Reference(ref id) => {
            match doc.get_object(*id) {
                Ok(&Object::Dictionary(ref pages)) => { return pages; }
                other => {dlog!("pages: {:?}", other)}
            }
        }
        other => { dlog!("pages: {:?}", other)}
    }
    dlog!("catalog {:?}", catalog);
    panic!();
}

#[allow(non_upper_case_globals)]
const PDFDocEncoding: &'static [u16] = &[
    0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0008,
    0x0009, 0x000a, 0x000b, 0x000c, 0x000d, 0x000e, 0x000f, 0x0010, 0x0011,
    0x0012, 0x0013, 0x0014, 0x0015, 0x0016, 0x0017, 0x02d8, 0x02c7, 0x02c6,
    0x02d9, 0x02dd, 0x02db, 0x02da, 0x02dc, 0x0020, 0x0021, 0x0022, 0x0023,
    0x0024, 0x0025, 0x0026, 0x0027, 0x0028, 0x0029, 0x002a, 0x002b, 0x002c,
    0x002d, 0x002e, 0x002f, 0x0030, 0x0031, 0x0032, 0x0033, 0x0034, 0x0035,
    0x0036, 0x0037, 0x0038, 0x0039, 0x003a, 0x003b, 0x003c, 0x003d, 0x003e,
    0x003f, 0x0040, 0x0041, 0x0042, 0x0043, 0x0044, 0x0045, 0x0046, 0x0047,
    0x0048, 0x0049, 0x004a, 0x004b, 0x004c, 0x004d, 0x004e, 0x004f, 0x0050,
    0x0051, 0x0052, 0x0053, 0x0054, 0x0055, 0x0056, 0x0057, 0x0058, 0x0059,
    0x005a, 0x005b, 0x005c, 0x005d, 0x005e, 0x005f, 0x0060, 0x0061, 0x0062,
    0x0063, 0x0064, 0x0065, 0x0066, 0x0067, 0x0068, 0x0069, 0x006a, 0x006b,
    0x006c, 0x006d, 0x006e, 0x006f, 0x0070, 0x0071, 0x0072, 0x0073, 0x0074,
    0x0075, 0x0076, 0x0077, 0x0078, 0x0079, 0x007a, 0x007b, 0x007c, 0x007d,
    0x007e, 0x0000, 0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192,
    0x2044, 0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c, 0x201d, 0x2018,
    0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02, 0x0141, 0x0152, 0x0160, 0x0178,
    0x017d, 0x0131, 0x0142, 0x0153, 0x0161, 0x017e, 0x0000, 0x20ac, 0x00a1,
    0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7, 0x00a8, 0x00a9, 0x00aa,
    0x00ab, 0x00ac, 0x0000, 0x00ae, 0x00af, 0x00b0, 0x00b1, 0x00b2, 0x00b3,
    0x00b4, 0x00b5, 0x00b6, 0x00b7, 0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc,
    0x00bd, 0x00be, 0x00bf, 0x00c0, 0x00c1, 0x00c2, 0x00c3, 0x00c4, 0x00c5,
    0x00c6, 0x00c7, 0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x00cc, 0x00cd, 0x00ce,
    0x00cf, 0x00d0, 0x00d1, 0x00d2, 0x00d3, 0x00d4, 0x00d5, 0x00d6, 0x00d7,
    0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x00dd, 0x00de, 0x00df, 0x00e0,
    0x00e1, 0x00e2, 0x00e3, 0x00e4, 0x00e5, 0x00e6, 0x00e7, 0x00e8, 0x00e9,
    0x00ea, 0x00eb, 0x00ec, 0x00ed, 0x00ee, 0x00ef, 0x00f0, 0x00f1, 0x00f2,
    0x00f3, 0x00f4, 0x00f5, 0x00f6, 0x00f7, 0x00f8, 0x00f9, 0x00fa, 0x00fb,
    0x00fc, 0x00fd, 0x00fe, 0x00ff];

fn pdf_to_utf8(s: &[u8]) -> String {
    if s.len() > 2 && s[0] == 0xfe && s[1] == 0xff {
        // cls patch: invalid UTF-16 (a lone surrogate) is replaced; upstream unwrapped.
        return UTF_16BE.decode_without_bom_handling(&s[2..]).0.into_owned()
    } else {
        let r : Vec<u8> = s.iter().map(|x| *x).flat_map(|x| {
               let k = PDFDocEncoding[x as usize];
               vec![(k>>8) as u8, k as u8].into_iter()}).collect();
        return UTF_16BE.decode_without_bom_handling(&r).0.into_owned()
    }
}

fn to_utf8(encoding: &[u16], s: &[u8]) -> String {
    if s.len() > 2 && s[0] == 0xfe && s[1] == 0xff {
        // cls patch: invalid UTF-16 (a lone surrogate) is replaced; upstream unwrapped.
        return UTF_16BE.decode_without_bom_handling(&s[2..]).0.into_owned()
    } else {
        let r : Vec<u8> = s.iter().map(|x| *x).flat_map(|x| {
            let k = encoding[x as usize];
            vec![(k>>8) as u8, k as u8].into_iter()}).collect();
        return UTF_16BE.decode_without_bom_handling(&r).0.into_owned()
    }
}


/// cls patch: what a reference that cannot be resolved (a missing object, a reference to
/// a reference) stands for: nothing, as in poppler. Upstream panicked, losing the page.
static NULL_OBJECT: Object = Object::Null;

fn maybe_deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        &Object::Reference(r) => doc.get_object(r).unwrap_or(&NULL_OBJECT),
        _ => o
    }
}

fn maybe_get_obj<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).map(|o| maybe_deref(doc, o)).ok()
}

// an intermediate trait that can be used to chain conversions that may have failed
trait FromOptObj<'a> {
    fn from_opt_obj(doc: &'a Document, obj: Option<&'a Object>, key: &[u8]) -> Self;
}

// conditionally convert to Self returns None if the conversion failed
trait FromObj<'a> where Self: std::marker::Sized {
    fn from_obj(doc: &'a Document, obj: &'a Object) -> Option<Self>;
}

impl<'a, T: FromObj<'a>> FromOptObj<'a> for Option<T> {
    fn from_opt_obj(doc: &'a Document, obj: Option<&'a Object>, _key: &[u8]) -> Self {
        obj.and_then(|x| T::from_obj(doc,x))
    }
}

impl<'a, T: FromObj<'a>> FromOptObj<'a> for T {
    fn from_opt_obj(doc: &'a Document, obj: Option<&'a Object>, key: &[u8]) -> Self {
        T::from_obj(doc, obj.expect(&String::from_utf8_lossy(key))).expect("wrong type")
    }
}

// we follow the same conventions as pdfium for when to support indirect objects:
// on arrays, streams and dicts
// cls patch: an array with an element of the wrong type, or too short, is no value
// (upstream panicked; the callers that must have it still do, the others go without).
impl<'a, T: FromObj<'a>> FromObj<'a> for Vec<T> {
    fn from_obj(doc: &'a Document, obj: &'a Object) -> Option<Self> {
        maybe_deref(doc, obj).as_array().ok()?.iter()
            .map(|x| T::from_obj(doc, x))
            .collect()
    }
}

impl<'a, T: FromObj<'a>> FromObj<'a> for [T; 4] {
    fn from_obj(doc: &'a Document, obj: &'a Object) -> Option<Self> {
        let mut all = maybe_deref(doc, obj).as_array().ok()?.iter()
            .map(|x| T::from_obj(doc, x));
        Some([all.next()??, all.next()??, all.next()??, all.next()??])
    }
}

impl<'a, T: FromObj<'a>> FromObj<'a> for [T; 3] {
    fn from_obj(doc: &'a Document, obj: &'a Object) -> Option<Self> {
        let mut all = maybe_deref(doc, obj).as_array().ok()?.iter()
            .map(|x| T::from_obj(doc, x));
        Some([all.next()??, all.next()??, all.next()??])
    }
}

impl<'a> FromObj<'a> for f64 {
    fn from_obj(_doc: &Document, obj: &Object) -> Option<Self> {
        match obj {
            &Object::Integer(i) => Some(i as f64),
            &Object::Real(f) => Some(f.into()),
            _ => None
        }
    }
}

impl<'a> FromObj<'a> for i64 {
    fn from_obj(_doc: &Document, obj: &Object) -> Option<Self> {
        match obj {
            &Object::Integer(i) => Some(i),
            _ => None
        }
    }
}

impl<'a> FromObj<'a> for &'a Dictionary {
    fn from_obj(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
        maybe_deref(doc, obj).as_dict().ok()
    }
}

impl<'a> FromObj<'a> for &'a Stream {
    fn from_obj(doc: &'a Document, obj: &'a Object) -> Option<&'a Stream> {
        maybe_deref(doc, obj).as_stream().ok()
    }
}

impl<'a> FromObj<'a> for &'a Object {
    fn from_obj(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
        Some(maybe_deref(doc, obj))
    }
}

fn get<'a, T: FromOptObj<'a>>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> T {
    T::from_opt_obj(doc, dict.get(key).ok(), key)
}

fn maybe_get<'a, T: FromObj<'a>>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<T> {
    maybe_get_obj(doc, dict, key).and_then(|o| T::from_obj(doc, o))
}

fn get_name_string<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> String {
    pdf_to_utf8(dict.get(key).map(|o| maybe_deref(doc, o)).unwrap_or_else(|_| panic!("deref")).as_name().expect("name"))
}

fn maybe_get_name_string<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<String> {
    maybe_get_obj(doc, dict, key).and_then(|n| n.as_name().ok()).map(|n| pdf_to_utf8(n))
}

fn maybe_get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    maybe_get_obj(doc, dict, key).and_then(|n| n.as_name().ok())
}

fn maybe_get_array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Vec<Object>> {
    maybe_get_obj(doc, dict, key).and_then(|n| n.as_array().ok())
}

/// cls patch: a ToUnicode map, shared by the fonts (and pages) that use the same CMap
/// instead of copied into each.
type UnicodeMap = Rc<HashMap<u32, String>>;

/// cls patch: what building one font may still decode (its font program, CMaps) and how
/// many ToUnicode entries it may keep. The processor takes it from the document's budget
/// and charges what was used; `damaged` notes a ToUnicode CMap that could not be read
/// whole (the font falls back to its encoding for the codes it lost).
pub(crate) struct FontBudget {
    pub(crate) bytes: usize,
    pub(crate) entries: usize,
    pub(crate) damaged: bool,
}

impl FontBudget {
    /// The most one font may decode, whatever the document has left: no font program or
    /// CMap of a text document comes near it.
    const MAX_BYTES: usize = 64 << 20;
    /// ToUnicode entries one font may keep: every two-byte code.
    const MAX_ENTRIES: usize = 1 << 16;
}

#[derive(Clone)]
struct PdfSimpleFont<'a> {
    font: &'a Dictionary,
    doc: &'a Document,
    encoding: Option<Vec<u16>>,
    unicode_map: Option<UnicodeMap>,
    widths: HashMap<CharCode, f64>, // should probably just use i32 here
    missing_width: f64,
}

#[derive(Clone)]
struct PdfType3Font<'a> {
    font: &'a Dictionary,
    doc: &'a Document,
    encoding: Option<Vec<u16>>,
    unicode_map: Option<UnicodeMap>,
    widths: HashMap<CharCode, f64>, // should probably just use i32 here
}


fn make_font<'a>(doc: &'a Document, font: &'a Dictionary, budget: &mut FontBudget) -> Rc<dyn PdfFont + 'a> {
    // cls patch: a font without /Subtype is read as a simple font, as poppler does.
    let subtype = maybe_get_name_string(doc, font, b"Subtype").unwrap_or_default();
    dlog!("MakeFont({})", subtype);
    if subtype == "Type0" {
        Rc::new(PdfCIDFont::new(doc, font, budget))
    } else if subtype == "Type3" {
        Rc::new(PdfType3Font::new(doc, font, budget))
    } else {
        Rc::new(PdfSimpleFont::new(doc, font, budget))
    }
}

fn is_core_font(name: &str) -> bool {
    match name {
        "Courier-Bold" |
        "Courier-BoldOblique" |
        "Courier-Oblique" |
        "Courier" |
        "Helvetica-Bold" |
        "Helvetica-BoldOblique" |
        "Helvetica-Oblique" |
        "Helvetica" |
        "Symbol" |
        "Times-Bold" |
        "Times-BoldItalic" |
        "Times-Italic" |
        "Times-Roman" |
        "ZapfDingbats" => true,
        _ => false,
    }
}

fn encoding_to_unicode_table(name: &[u8]) -> Vec<u16> {
    let encoding = match &name[..] {
        b"MacRomanEncoding" => encodings::MAC_ROMAN_ENCODING,
        b"MacExpertEncoding" => encodings::MAC_EXPERT_ENCODING,
        b"WinAnsiEncoding" => encodings::WIN_ANSI_ENCODING,
        // cls patch: any other name (/StandardEncoding, a typo) is read as the standard
        // encoding; upstream panicked, losing the page.
        _ => encodings::STANDARD_ENCODING,
    };
    let encoding_table = encoding.iter()
        .map(|x| x.and_then(glyphnames::name_to_unicode).unwrap_or(0))
        .collect();
    encoding_table
}

/// cls patch: a number of a font dictionary's arrays (widths), through a reference if need
/// be; anything else is skipped instead of panicking.
fn number(doc: &Document, o: &Object) -> Option<f64> {
    match maybe_deref(doc, o) {
        &Object::Integer(i) => Some(i as f64),
        &Object::Real(f) => Some(f.into()),
        _ => None,
    }
}

/// cls patch: whether a PostScript-like text (a CMap, the clear part of a Type 1 font)
/// nests arrays, procedures, strings or dictionaries deeper than the recursive parsers of
/// `adobe_cmap_parser` and `type1_encoding_parser` can take without overflowing the stack.
fn too_deep(bytes: &[u8]) -> bool {
    let mut depth = 0usize;
    for &c in bytes {
        match c {
            b'[' | b'{' | b'(' | b'<' => depth += 1,
            b']' | b'}' | b')' | b'>' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 64 {
            return true;
        }
    }
    false
}

/// cls patch: applies an encoding's `/Differences` to `table` (and, for names the map does
/// not have, to the ToUnicode map). Codes outside the table are ignored (upstream indexed
/// past it: `/Differences [4294967295 …]`), and so is anything but numbers and names.
fn apply_differences(doc: &Document, differences: &[Object], table: &mut [u16], mut unicode_map: Option<&mut UnicodeMap>, base_name: &str) {
    let mut code: i64 = 0;
    for o in differences {
        let o = maybe_deref(doc, o);
        match o {
            &Object::Integer(i) => { code = i; },
            &Object::Name(ref n) => {
                let name = pdf_to_utf8(&n);
                let slot: Option<usize> = std::convert::TryFrom::try_from(code).ok().filter(|c| *c < table.len());
                // XXX: names of Type1 fonts can map to arbitrary strings instead of real
                // unicode names, so we should probably handle this differently
                let unicode = glyphnames::name_to_unicode(&name);
                match (unicode, slot) {
                    (Some(unicode), Some(slot)) => {
                        table[slot] = unicode;
                        if let Some(ref mut unicode_map) = unicode_map {
                            let be = [unicode];
                            // If there's a unicode table entry missing use one based on the name
                            // (the shared map is copied only then).
                            if let (false, Ok(s)) = (unicode_map.contains_key(&(code as u32)), String::from_utf16(&be)) {
                                Rc::make_mut(unicode_map).insert(code as u32, s);
                            }
                        }
                    }
                    (None, Some(_)) if base_name.contains("FontAwesome") => {
                        // the fontawesome tex package will use glyph names that don't have a corresponding unicode
                        // code point, so we'll use an empty string instead. See issue #76
                        if let Some(ref mut unicode_map) = unicode_map {
                            if !unicode_map.contains_key(&(code as u32)) {
                                Rc::make_mut(unicode_map).insert(code as u32, String::new());
                            }
                        }
                    }
                    _ => { warn!("unknown glyph name '{}' for font {}", name, base_name); }
                }
                code = code.saturating_add(1);
            }
            _ => {}
        }
    }
}

/// cls patch: the encoding table an `/Encoding` entry gives (a name, or a dictionary with a
/// base encoding and differences); `None` for anything else (upstream panicked).
fn encoding_table_of(doc: &Document, encoding: Option<&Object>, unicode_map: Option<&mut UnicodeMap>, base_name: &str) -> Option<Vec<u16>> {
    match encoding {
        Some(&Object::Name(ref encoding_name)) => {
            dlog!("encoding {:?}", pdf_to_utf8(encoding_name));
            Some(encoding_to_unicode_table(encoding_name))
        }
        Some(&Object::Dictionary(ref encoding)) => {
            let mut table = if let Some(base_encoding) = maybe_get_name(doc, encoding, b"BaseEncoding") {
                dlog!("BaseEncoding {:?}", base_encoding);
                encoding_to_unicode_table(base_encoding)
            } else {
                Vec::from(PDFDocEncoding)
            };
            if let Some(differences) = maybe_get_array(doc, encoding, b"Differences") {
                apply_differences(doc, differences, &mut table, unicode_map, base_name);
            }
            Some(table)
        }
        _ => None,
    }
}

/// cls patch: widths from the metrics of the standard font `metrics_name`, by the font's
/// encoding when it has one, else by the standard font's own codes. Only codes without a
/// width yet are set when `only_missing`.
fn core_widths(metrics_name: &str, encoding: Option<&Vec<u16>>, width_map: &mut HashMap<CharCode, f64>, only_missing: bool) {
    let Some(font_metrics) = core_fonts::metrics().iter().find(|m| m.0 == metrics_name).cloned() else { return };
    let mut set = |code: CharCode, w: f64| {
        if !only_missing || !width_map.contains_key(&code) {
            width_map.insert(code, w);
        }
    };
    match encoding {
        Some(encoding) => {
            for w in font_metrics.2 {
                let Some(c) = glyphnames::name_to_unicode(w.2) else { continue };
                for i in 0..encoding.len() {
                    if encoding[i] == c {
                        set(i as CharCode, w.1 as f64);
                    }
                }
            }
        }
        None => {
            for w in font_metrics.2 {
                // -1 is "not encoded"
                if w.0 >= 0 {
                    set(w.0 as CharCode, w.1 as f64);
                }
            }
        }
    }
}

/* "Glyphs in the font are selected by single-byte character codes obtained from a string that
    is shown by the text-showing operators. Logically, these codes index into a table of 256
    glyphs; the mapping from codes to glyphs is called the font’s encoding. Each font program
    has a built-in encoding. Under some circumstances, the encoding can be altered by means
    described in Section 5.5.5, “Character Encoding.”
*/
impl<'a> PdfSimpleFont<'a> {
    fn new(doc: &'a Document, font: &'a Dictionary, budget: &mut FontBudget) -> PdfSimpleFont<'a> {
        // cls patch: a missing /BaseFont is an unknown font (upstream panicked).
        let base_name = maybe_get_name_string(doc, font, b"BaseFont").unwrap_or_default();
        let subtype = maybe_get_name_string(doc, font, b"Subtype").unwrap_or_default();

        let encoding: Option<&Object> = get(doc, font, b"Encoding");
        dlog!("base_name {} {} enc:{:?} {:?}", base_name, subtype, encoding, font);
        // cls patch: a /FontDescriptor that cannot be resolved is no descriptor.
        let descriptor: Option<&Dictionary> = get(doc, font, b"FontDescriptor");
        let mut type1_encoding = None;
        let mut unicode_map: Option<HashMap<u32, String>> = None;
        if let Some(descriptor) = descriptor {
            dlog!("descriptor {:?}", descriptor);
            if subtype == "Type1" {
                if let Some(&Object::Stream(ref s)) = maybe_get_obj(doc, descriptor, b"FontFile") {
                    // cls patch: the encoding is in the clear part of the program (before
                    // `eexec`); a program that does not parse keeps the font's encoding
                    // (upstream panicked).
                    let s = get_contents(s, budget);
                    let clear = s.windows(5).position(|w| w == b"eexec").map_or(&s[..], |at| &s[..at + 5]);
                    if !too_deep(clear) {
                        type1_encoding = type1_encoding_parser::get_encoding_map(clear).ok();
                    }
                }
            }
            // cls patch: a TrueType program (FontFile2) was decoded here and thrown away.

            let font_file3 = get::<Option<&Object>>(doc, descriptor, b"FontFile3");
            if let Some(&Object::Stream(ref s)) = font_file3 {
                let subtype = maybe_get_name_string(doc, &s.dict, b"Subtype").unwrap_or_default();
                dlog!("font file {}, {:?}", subtype, s);
                if subtype == "Type1C" {
                    let s = get_contents(s, budget);
                    // cls patch: a CFF program that does not parse gives no names.
                    if let Some(table) = cff_parser::Table::parse(&s) {
                        let encoding = table.encoding.get_code_to_sid_table(&table.charset);
                        let mapping: HashMap<u32, String> = encoding.into_iter().filter_map(|(cid, sid)| {
                            let name = cff_parser::string_by_id(&table, sid)?;
                            if name == ".notdef" {
                                return None;
                            }
                            let unicode = glyphnames::name_to_unicode(&name).or_else(|| {
                                zapfglyphnames::zapfdigbats_names_to_unicode(name)
                            });
                            if unicode.is_none() {
                                warn!("Couldn't find unicode for {}", name);
                            }
                            let str = String::from_utf16(&[unicode?]).ok()?;
                            Some((cid as u32, str))
                        }).collect();
                        unicode_map = Some(mapping);
                    }
                }
            }
        }

        let to_unicode = get_unicode_map(doc, font, budget, 0xFF);
        let mut unicode_map: Option<UnicodeMap> = match (unicode_map, to_unicode) {
            (Some(mut cff), Some(to_unicode)) => {
                cff.extend(to_unicode.iter().map(|(k, v)| (*k, v.clone())));
                Some(Rc::new(cff))
            }
            (Some(cff), None) => Some(Rc::new(cff)),
            (None, to_unicode) => to_unicode,
        };

        // cls patch: see `encoding_table_of`; the ToUnicode map is copied only when
        // differences add to it.
        let mut encoding_table = encoding_table_of(doc, encoding, unicode_map.as_mut(), &base_name);
        if encoding_table.is_none() {
            if let Some(type1_encoding) = type1_encoding {
                let mut table = Vec::from(PDFDocEncoding);
                dlog!("type1encoding");
                for (code, name) in type1_encoding {
                    let unicode = glyphnames::name_to_unicode(&pdf_to_utf8(&name));
                    match (unicode, table.get_mut(code as usize)) {
                        (Some(unicode), Some(slot)) => *slot = unicode,
                        _ => { dlog!("unknown character {}", pdf_to_utf8(&name)); }
                    }
                }
                encoding_table = Some(table)
            } else if subtype == "TrueType" {
                encoding_table = Some(encodings::WIN_ANSI_ENCODING.iter()
                    .map(|x| x.and_then(glyphnames::name_to_unicode).unwrap_or(0))
                    .collect());
            }
        }

        let mut width_map = HashMap::new();
        /* "Ordinarily, a font dictionary that refers to one of the standard fonts
            should omit the FirstChar, LastChar, Widths, and FontDescriptor entries.
            However, it is permissible to override a standard font by including these
            entries and embedding the font program in the PDF file."

            Note: some PDFs include a descriptor but still don't include these entries */

        // If we have widths prefer them over the core font widths. Needed for https://dkp.de/wp-content/uploads/parteitage/Sozialismusvorstellungen-der-DKP.pdf
        // cls patch: widths are read leniently (a width that is not a number is skipped),
        // and a /Widths array shorter than LastChar - FirstChar + 1 (upstream asserted)
        // keeps its widths, the codes it misses taking the standard font's.
        let widths = maybe_get_obj(doc, font, b"Widths").and_then(|w| w.as_array().ok());
        let core_name = if is_core_font(&base_name) { base_name.as_str() } else { "Helvetica" };
        if let (Some(first_char), Some(last_char), Some(widths)) = (maybe_get::<i64>(doc, font, b"FirstChar"), maybe_get::<i64>(doc, font, b"LastChar"), widths) {
            // Some PDF's don't have these like fips-197.pdf
            for (i, w) in widths.iter().enumerate() {
                if let Some(w) = number(doc, w) {
                    width_map.insert(first_char.wrapping_add(i as i64) as CharCode, w);
                }
            }
            if (widths.len() as i64) < last_char.saturating_sub(first_char).saturating_add(1) {
                core_widths(core_name, encoding_table.as_ref(), &mut width_map, true);
            }
        } else if is_core_font(&base_name) {
            if encoding_table.is_some() {
                core_widths(&base_name, encoding_table.as_ref(), &mut width_map, false);
            } else if let Some(font_metrics) = core_fonts::metrics().iter().find(|m| m.0 == base_name) {
                // Instead of using the encoding from the core font we'll just look up all
                // of the character names. We should probably verify that this produces the
                // same result.
                let mut table = vec![0; 256];
                for w in font_metrics.2 {
                    // -1 is "not encoded"
                    if (0..256).contains(&w.0) {
                        table[w.0 as usize] = if base_name == "ZapfDingbats" {
                            zapfglyphnames::zapfdigbats_names_to_unicode(w.2).unwrap_or(0)
                        } else {
                            glyphnames::name_to_unicode(w.2).unwrap_or(0)
                        }
                    }
                }
                core_widths(&base_name, None, &mut width_map, false);
                encoding_table = Some(table);
            }
        } else {
            warn!("no widths and not core font {:?}", base_name);

            // This situation is handled differently by different readers
            // but basically we try to substitute the best font that we can.

            // Poppler/Xpdf:
            // this is technically an error -- the Widths entry is required
            // for all but the Base-14 fonts -- but certain PDF generators
            // apparently don't include widths for Arial and TimesNewRoman

            // Pdfium: CFX_FontMapper::FindSubstFont

            // mupdf: pdf_load_substitute_font

            // We can try to do a better job guessing at a font by looking at the flags
            // or the basename but for now we'll just use Helvetica
            // cls patch: upstream meant to, but compared the metrics with the font's own
            // name and so gave every glyph no width; Helvetica's widths are used.
            core_widths(core_name, encoding_table.as_ref(), &mut width_map, false);
        }

        let missing_width = get::<Option<f64>>(doc, font, b"MissingWidth").unwrap_or(0.);
        PdfSimpleFont {doc, font, widths: width_map, encoding: encoding_table, missing_width, unicode_map}
    }

    #[allow(dead_code)]
    fn get_type(&self) -> String {
        get_name_string(self.doc, self.font, b"Type")
    }
    #[allow(dead_code)]
    fn get_basefont(&self) -> String {
        get_name_string(self.doc, self.font, b"BaseFont")
    }
    #[allow(dead_code)]
    fn get_subtype(&self) -> String {
        get_name_string(self.doc, self.font, b"Subtype")
    }
    #[allow(dead_code)]
    fn get_widths(&self) -> Option<&Vec<Object>> {
        maybe_get_obj(self.doc, self.font, b"Widths").map(|widths| widths.as_array().expect("Widths should be an array"))
    }
    /* For type1: This entry is obsolescent and its use is no longer recommended. (See
     * implementation note 42 in Appendix H.) */
    #[allow(dead_code)]
    fn get_name(&self) -> Option<String> {
        maybe_get_name_string(self.doc, self.font, b"Name")
    }

    #[allow(dead_code)]
    fn get_descriptor(&self) -> Option<PdfFontDescriptor> {
        maybe_get_obj(self.doc, self.font, b"FontDescriptor").and_then(|desc| desc.as_dict().ok()).map(|desc| PdfFontDescriptor{desc: desc, doc: self.doc})
    }
}



impl<'a> PdfType3Font<'a> {
    fn new(doc: &'a Document, font: &'a Dictionary, budget: &mut FontBudget) -> PdfType3Font<'a> {

        let unicode_map = get_unicode_map(doc, font, budget, 0xFF);
        let encoding: Option<&Object> = get(doc, font, b"Encoding");
        // cls patch: see `encoding_table_of` (upstream panicked on a missing encoding).
        let encoding_table = encoding_table_of(doc, encoding, None, "");

        // cls patch: missing or short widths give glyphs no width (upstream panicked).
        let first_char = maybe_get::<i64>(doc, font, b"FirstChar").unwrap_or(0);
        let widths = maybe_get_obj(doc, font, b"Widths").and_then(|w| w.as_array().ok());
        let mut width_map = HashMap::new();
        for (i, w) in widths.into_iter().flatten().enumerate() {
            if let Some(w) = number(doc, w) {
                width_map.insert(first_char.wrapping_add(i as i64) as CharCode, w);
            }
        }
        PdfType3Font {doc, font, widths: width_map, encoding: encoding_table, unicode_map}
    }
}

type CharCode = u32;

struct PdfFontIter<'a>
{
    i: Iter<'a, u8>,
    font: &'a dyn PdfFont,
}

impl<'a> Iterator for PdfFontIter<'a> {
    type Item = (CharCode, u8);
    fn next(&mut self) -> Option<(CharCode, u8)> {
        self.font.next_char(&mut self.i)
    }
}

trait PdfFont : Debug {
    fn get_width(&self, id: CharCode) -> f64;
    fn next_char(&self, iter: &mut Iter<u8>) -> Option<(CharCode, u8)>;
    // cls patch (speed): borrowed from the font's map; a glyph costs no allocation here.
    fn decode_char(&self, char: CharCode) -> Cow<'_, str>;

        /*fn char_codes<'a>(&'a self, chars: &'a [u8]) -> PdfFontIter {
            let p = self;
            PdfFontIter{i: chars.iter(), font: p as &PdfFont}
        }*/

}

impl<'a> dyn PdfFont + 'a {
    fn char_codes(&'a self, chars: &'a [u8]) -> PdfFontIter {
        PdfFontIter{i: chars.iter(), font: self}
    }
    fn decode(&self, chars: &[u8]) -> String {
        self.char_codes(chars).map(|x| self.decode_char(x.0)).collect::<String>()
    }

}


impl<'a> PdfFont for PdfSimpleFont<'a> {
    fn get_width(&self, id: CharCode) -> f64 {
        let width = self.widths.get(&id);
        if let Some(width) = width {
            return *width;
        } else {
            let mut widths = self.widths.iter().collect::<Vec<_>>();
            widths.sort_by_key(|x| x.0);
            dlog!("missing width for {} len(widths) = {}, {:?} falling back to missing_width {:?}", id, self.widths.len(), widths, self.font);
            return self.missing_width;
        }
    }
    /*fn decode(&self, chars: &[u8]) -> String {
        let encoding = self.encoding.as_ref().map(|x| &x[..]).unwrap_or(&PDFDocEncoding);
        to_utf8(encoding, chars)
    }*/

    fn next_char(&self, iter: &mut Iter<u8>) -> Option<(CharCode, u8)> {
        iter.next().map(|x| (*x as CharCode, 1))
    }
    fn decode_char(&self, char: CharCode) -> Cow<'_, str> {
        let slice = [char as u8];
        if let Some(ref unicode_map) = self.unicode_map {
            let s = unicode_map.get(&char);
            let s = match s {
                None => {
                    debug!("missing char {:?} in unicode map {:?} for {:?}", char, unicode_map, self.font);
                    // some pdf's like http://arxiv.org/pdf/2312.00064v1 are missing entries in their unicode map but do have
                    // entries in the encoding.
                    // cls patch: no encoding either: the default one (upstream panicked).
                    let encoding = self.encoding.as_ref().map(|x| &x[..]).unwrap_or(&PDFDocEncoding);
                    let s = to_utf8(encoding, &slice);
                    debug!("falling back to encoding {} -> {:?}", char, s);
                    Cow::Owned(s)
                }
                Some(s) => Cow::Borrowed(s.as_str()),
            };
            return s
        }
        let encoding = self.encoding.as_ref().map(|x| &x[..]).unwrap_or(&PDFDocEncoding);
        //dlog!("char_code {:?} {:?}", char, self.encoding);
        Cow::Owned(to_utf8(encoding, &slice))
    }
}



impl<'a> fmt::Debug for PdfSimpleFont<'a> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.font.fmt(f)
    }
}

impl<'a> PdfFont for PdfType3Font<'a> {
    fn get_width(&self, id: CharCode) -> f64 {
        let width = self.widths.get(&id);
        if let Some(width) = width {
            return *width;
        } else {
            // cls patch: a glyph without width is drawn with none (upstream panicked).
            0.

        }
    }
    /*fn decode(&self, chars: &[u8]) -> String {
        let encoding = self.encoding.as_ref().map(|x| &x[..]).unwrap_or(&PDFDocEncoding);
        to_utf8(encoding, chars)
    }*/

    fn next_char(&self, iter: &mut Iter<u8>) -> Option<(CharCode, u8)> {
        iter.next().map(|x| (*x as CharCode, 1))
    }
    fn decode_char(&self, char: CharCode) -> Cow<'_, str> {
        let slice = [char as u8];
        if let Some(ref unicode_map) = self.unicode_map {
            let s = unicode_map.get(&char);
            let s = match s {
                None => {
                    debug!("missing char {:?} in unicode map {:?} for {:?}", char, unicode_map, self.font);
                    // some pdf's like http://arxiv.org/pdf/2312.00577v1 are missing entries in their unicode map but do have
                    // entries in the encoding.
                    // cls patch: no encoding either: the default one (upstream panicked).
                    let encoding = self.encoding.as_ref().map(|x| &x[..]).unwrap_or(&PDFDocEncoding);
                    let s = to_utf8(encoding, &slice);
                    debug!("falling back to encoding {} -> {:?}", char, s);
                    Cow::Owned(s)
                }
                Some(s) => Cow::Borrowed(s.as_str()),
            };
            return s
        }
        let encoding = self.encoding.as_ref().map(|x| &x[..]).unwrap_or(&PDFDocEncoding);
        //dlog!("char_code {:?} {:?}", char, self.encoding);
        Cow::Owned(to_utf8(encoding, &slice))
    }
}



impl<'a> fmt::Debug for PdfType3Font<'a> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.font.fmt(f)
    }
}

struct PdfCIDFont<'a> {
    font: &'a Dictionary,
    #[allow(dead_code)]
    doc: &'a Document,
    #[allow(dead_code)]
    encoding: ByteMapping,
    to_unicode: Option<UnicodeMap>,
    widths: HashMap<CharCode, f64>, // should probably just use i32 here
    default_width: Option<f64>, // only used for CID fonts and we should probably brake out the different font types
}

/// cls patch: parsed ToUnicode CMaps of this thread, by their decoded bytes and the codes
/// kept (so that a hit can never belong to another font), shared rather than copied. Fonts
/// are rebuilt for every run of pages, and re-parsing the same CMap was about a third of
/// the extraction time of an 83-page Chromium PDF. The cache holds at most
/// `CMAP_CACHE_BYTES` (keys and entries counted), then starts over.
struct CmapCache {
    maps: HashMap<(Vec<u8>, u32), UnicodeMap>,
    bytes: usize,
}

const CMAP_CACHE_BYTES: usize = 64 << 20;

/// What one ToUnicode entry costs in memory, roughly (hash slot and a short string).
const CMAP_ENTRY_BYTES: usize = 64;

thread_local! {
    static CMAP_CACHE: std::cell::RefCell<CmapCache> = std::cell::RefCell::new(CmapCache { maps: HashMap::new(), bytes: 0 });
}

/// cls patch: the font's ToUnicode map, read by `tounicode::parse`: only codes up to
/// `max_code` (the codes the font can have), at most the entries the budget allows; a CMap
/// read in part notes `budget.damaged`, and one that cannot be read gives no map (the font
/// falls back to its encoding). Upstream expanded every range whole and unwrapped parse
/// errors, refusing the document.
fn get_unicode_map<'a>(doc: &'a Document, font: &'a Dictionary, budget: &mut FontBudget, max_code: u32) -> Option<UnicodeMap> {
    let to_unicode = maybe_get_obj(doc, font, b"ToUnicode");
    dlog!("ToUnicode: {:?}", to_unicode);
    let Some(&Object::Stream(ref stream)) = to_unicode else {
        // A name (Identity-H) or anything else gives no map.
        return None;
    };
    let contents = get_contents(stream, budget);
    let key = (contents, max_code);
    if let Some(hit) = CMAP_CACHE.with(|c| c.borrow().maps.get(&key).cloned()) {
        return Some(hit);
    }
    let max_entries = budget.entries.min(FontBudget::MAX_ENTRIES);
    let parsed = tounicode::parse(&key.0, max_code, max_entries);
    budget.entries -= parsed.map.len().min(budget.entries);
    budget.damaged |= parsed.damaged;
    let map = Rc::new(parsed.map);
    if !parsed.damaged {
        CMAP_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let cost = key.0.len() + map.len() * CMAP_ENTRY_BYTES;
            if c.bytes + cost > CMAP_CACHE_BYTES {
                c.maps.clear();
                c.bytes = 0;
            }
            if cost <= CMAP_CACHE_BYTES {
                c.bytes += cost;
                c.maps.insert(key, map.clone());
            }
        });
    }
    dlog!("map: {:?}", map);
    Some(map)
}


impl<'a> PdfCIDFont<'a> {
    fn new(doc: &'a Document, font: &'a Dictionary, budget: &mut FontBudget) -> PdfCIDFont<'a> {
        // cls patch: a font whose descendant is lost (a damaged dictionary) is read with
        // default widths and its ToUnicode map, as poppler falls back to a default font;
        // the font is reported as damaged. Upstream panicked.
        let descendants = maybe_get_array(doc, font, b"DescendantFonts");
        let ciddict = descendants.and_then(|d| d.first()).map(|d| maybe_deref(doc, d)).and_then(|d| d.as_dict().ok());
        budget.damaged |= ciddict.is_none();
        let ciddict = ciddict.unwrap_or(font);
        dlog!("{:?}", font);

        // cls patch: a missing encoding is read as Identity-H, as poppler does.
        let identity = || ByteMapping { codespace: vec![CodeRange{width: 2, start: 0, end: 0xffff }], cid: vec![CIDRange{ src_code_lo: 0, src_code_hi: 0xffff, dst_CID_lo: 0 }]};
        let encoding = match maybe_get_obj(doc, font, b"Encoding") {
            None => identity(),
            Some(&Object::Name(ref name)) => {
                let name = pdf_to_utf8(name);
                dlog!("encoding {:?}", name);
                if name == "Identity-H" || name == "Identity-V" {
                    identity()
                } else {
                    panic!("unsupported encoding {}", name);
                }
            }
            Some(&Object::Stream(ref stream)) => {
                let contents = get_contents(stream, budget);
                // cls patch: the CMap parser recurses into nested values.
                assert!(!too_deep(&contents), "CMap nested too deep");
                adobe_cmap_parser::get_byte_mapping(&contents).unwrap()
            }
            Some(encoding) => { panic!("unsupported encoding {:?}", encoding)}
        };

        // Sometimes a Type0 font might refer to the same underlying data as regular font. In this case we may be able to extract some encoding
        // data.
        // We should also look inside the truetype data to see if there's a cmap table. It will help us convert as well.
        // This won't work if the cmap has been subsetted. A better approach might be to hash glyph contents and use that against
        // a global library of glyph hashes
        let max_code = encoding.codespace.iter().map(|r| r.end).max().unwrap_or(0xFFFF);
        let unicode_map = get_unicode_map(doc, font, budget, max_code);

        dlog!("descendents {:?} {:?}", descendants, ciddict);

        // cls patch: the descriptor is not used; upstream required it.
        let default_width = get::<Option<i64>>(doc, ciddict, b"DW").unwrap_or(1000);
        let w: Option<Vec<&Object>> = get(doc, ciddict, b"W");
        dlog!("widths {:?}", w);
        let mut widths = HashMap::new();
        let mut i = 0;
        // cls patch 3: at most 2^20 widths are set, whatever the ranges say (each range is
        // clamped, but a million of them would still be a billion entries).
        let mut left = 1usize << 20;
        if let Some(w) = w {
            while i + 1 < w.len() && left > 0 {
                if let &Object::Array(ref wa) = maybe_deref(doc, w[i+1]) {
                    // cls patch: a malformed entry ends the array instead of panicking.
                    let Ok(cid) = w[i].as_i64() else { break };
                    dlog!("wa: {:?} -> {:?}", cid, wa);
                    for (j, w) in wa.iter().take(left).enumerate() {
                        if let Some(w) = number(doc, w) {
                            widths.insert(cid.wrapping_add(j as i64) as CharCode, w);
                        }
                    }
                    left = left.saturating_sub(wa.len());
                    i += 2;
                } else {
                    // cls patch: the range form is `c_first c_last w`, inclusive; upstream
                    // read all three from w[i], so every range-form width was lost.
                    // cls patch 2: CIDs are 0..=65535, so the range is clamped to that space
                    // (`/W [0 4294967295 500]` looped over four billion entries).
                    let (Some(first), Some(last), Some(width)) = (w.get(i), w.get(i+1), w.get(i+2)) else { break };
                    let (Ok(c_first), Ok(c_last)) = (first.as_i64(), last.as_i64()) else { break };
                    let Some(c_width) = number(doc, width) else { break };
                    let (c_first, c_last) = (c_first.clamp(0, 0xFFFF), c_last.clamp(0, 0xFFFF));
                    for id in (c_first..=c_last).take(left) {
                        widths.insert(id as CharCode, c_width);
                    }
                    left = left.saturating_sub((c_last - c_first + 1).max(0) as usize);
                    i += 3;
                }
            }
        }
        PdfCIDFont{doc, font, widths, to_unicode: unicode_map, encoding, default_width: Some(default_width as f64) }
    }
}

impl<'a> PdfFont for PdfCIDFont<'a> {
    fn get_width(&self, id: CharCode) -> f64 {
        let width = self.widths.get(&id);
        if let Some(width) = width {
            dlog!("GetWidth {} -> {}", id, *width);
            return *width;
        } else {
            dlog!("missing width for {} falling back to default_width", id);
            return self.default_width.unwrap();
        }
    }/*
    fn decode(&self, chars: &[u8]) -> String {
        self.char_codes(chars);

        //let utf16 = Vec::new();

        let encoding = self.encoding.as_ref().map(|x| &x[..]).unwrap_or(&PDFDocEncoding);
        to_utf8(encoding, chars)
    }*/

    fn next_char(&self, iter: &mut Iter<u8>) -> Option<(CharCode, u8)> {
        let mut c = *iter.next()? as u32;
        let mut code = None;
        'outer: for width in 1..=4 {
            for range in &self.encoding.codespace {
                if c as u32 >= range.start && c as u32 <= range.end && range.width == width {
                    code = Some((c as u32, width));
                    break 'outer;
                }
            }
            let next = *iter.next()?;
            c = ((c as u32) << 8) | next as u32;
        }
        let code = code?;
        for range in &self.encoding.cid {
            if code.0 >= range.src_code_lo && code.0 <= range.src_code_hi {
                return Some((code.0 + range.dst_CID_lo, code.1 as u8));
            }
        }
        None
    }
    fn decode_char(&self, char: CharCode) -> Cow<'_, str> {
        let s = self.to_unicode.as_ref().and_then(|x| x.get(&char));
        if let Some(s) = s {
            Cow::Borrowed(s.as_str())
        } else {
            dlog!("Unknown character {:?} in {:?} {:?}", char, self.font, self.to_unicode);
            Cow::Borrowed("")
        }
    }
}

impl<'a> fmt::Debug for PdfCIDFont<'a> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.font.fmt(f)
    }
}



#[derive(Copy, Clone)]
struct PdfFontDescriptor<'a> {
    desc: &'a Dictionary,
    doc: &'a Document
}

impl<'a> PdfFontDescriptor<'a> {
    #[allow(dead_code)]
    fn get_file(&self) -> Option<&'a Object> {
        maybe_get_obj(self.doc, self.desc, b"FontFile")
    }
}

impl<'a> fmt::Debug for PdfFontDescriptor<'a> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.desc.fmt(f)
    }
}

#[derive(Clone, Debug)]
struct Type0Func {
    domain: Vec<f64>,
    range: Vec<f64>,
    contents: Vec<u8>,
    size: Vec<i64>,
    bits_per_sample: i64,
    encode: Vec<f64>,
    decode: Vec<f64>,
}

#[allow(dead_code)]
fn interpolate(x: f64, x_min: f64, _x_max: f64, y_min: f64, y_max: f64) -> f64 {
    let divisor = x - x_min;
    if divisor != 0. {
        y_min + (x - x_min) * ((y_max - y_min) / divisor)
    } else {
        // (x - x_min) will be 0 which means we want to discard the interpolation
        // and arbitrarily choose y_min to match pdfium
        y_min
    }
}

impl Type0Func {
    #[allow(dead_code)]
    fn eval(&self, _input: &[f64], _output: &mut [f64]) {
        let _n_inputs = self.domain.len() / 2;
        let _n_ouputs = self.range.len() / 2;

    }
}

#[derive(Clone, Debug)]
struct Type2Func {
    c0: Option<Vec<f64>>,
    c1: Option<Vec<f64>>,
    n: f64,
}

#[derive(Clone, Debug)]
enum Function {
    Type0(Type0Func),
    Type2(Type2Func),
    #[allow(dead_code)]
    Type3,
    #[allow(dead_code)]
    Type4(Vec<u8>)
}

impl Function {
    fn new(doc: &Document, obj: &Object) -> Function {
        let dict = match obj {
            &Object::Dictionary(ref dict) => dict,
            &Object::Stream(ref stream) => &stream.dict,
            _ => panic!()
        };
        let function_type: i64 = get(doc, dict, b"FunctionType");
        let f = match function_type {
            0 => {
                // Sampled function
                let stream = match obj {
                    &Object::Stream(ref stream) => stream,
                    _ => panic!()
                };
                let range: Vec<f64> = get(doc, dict, b"Range");
                let domain: Vec<f64> = get(doc, dict, b"Domain");
                // cls patch: function samples are never used, so never decoded.
                let contents = Vec::new();
                let size: Vec<i64> = get(doc, dict, b"Size");
                let bits_per_sample = get(doc, dict, b"BitsPerSample");
                // We ignore 'Order' like pdfium, poppler and pdf.js

                let encode = get::<Option<Vec<f64>>>(doc, dict, b"Encode");
                // maybe there's some better way to write this.
                let encode = encode.unwrap_or_else(|| {
                    let mut default = Vec::new();
                    for i in &size {
                        default.extend([0., (i - 1) as f64].iter());
                    }
                    default
                });
                let decode = get::<Option<Vec<f64>>>(doc, dict, b"Decode").unwrap_or_else(|| range.clone());

                Function::Type0(Type0Func { domain, range, size, contents, bits_per_sample, encode, decode })
            }
            2 => {
                // Exponential interpolation function
                let c0 = get::<Option<Vec<f64>>>(doc, dict, b"C0");
                let c1 = get::<Option<Vec<f64>>>(doc, dict, b"C1");
                let n = get::<f64>(doc, dict, b"N");
                Function::Type2(Type2Func { c0, c1, n})
            }
            3 => {
                // Stitching function
                Function::Type3
            }
            4 => {
                // PostScript calculator function
                let contents = match obj {
                    &Object::Stream(ref stream) => {
                        let contents = Vec::new();
                        warn!("unhandled type-4 function");
                        warn!("Stream: {}", String::from_utf8(contents.clone()).unwrap());
                        contents
                    }
                    _ => { panic!("type 4 functions should be streams") }
                };
                Function::Type4(contents)
            }
            _ => { panic!("unhandled function type {}", function_type) }
        };
        f
    }
}

fn as_num(o: &Object) -> f64 {
    match o {
        &Object::Integer(i) => { i as f64 }
        &Object::Real(f) => { f.into() }
        _ => { panic!("not a number") }
    }
}

#[derive(Clone)]
struct TextState<'a>
{
    font: Option<Rc<dyn PdfFont + 'a>>,
    font_size: f64,
    character_spacing: f64,
    word_spacing: f64,
    horizontal_scaling: f64,
    leading: f64,
    rise: f64,
    tm: Transform,
}

// XXX: We'd ideally implement this without having to copy the uncompressed data
/// cls patch: a font's stream (program, CMap) decoded within what the font may still
/// decode; one that cannot be decoded, or would exceed it, is empty (upstream parsed the
/// raw compressed bytes instead, or decoded a bomb whole).
fn get_contents(contents: &Stream, budget: &mut FontBudget) -> Vec<u8> {
    match contents.decode_within(budget.bytes.min(FontBudget::MAX_BYTES)) {
        Ok(decoded) => {
            budget.bytes -= decoded.bytes.len().min(budget.bytes);
            budget.damaged |= decoded.partial;
            decoded.bytes
        }
        Err(_) => {
            budget.damaged = true;
            Vec::new()
        }
    }
}

/// cls patch: what one page may cost. Every budget is per page, shared by the page's
/// content streams and every form XObject they draw, so that fan-out (a form drawing
/// another ten times, twelve levels deep) is bounded like a long stream.
pub struct PageBudget {
    /// Content-stream operations left to interpret.
    pub operations: usize,
    /// Decoded content bytes left (page streams and forms, counted at each use).
    pub decoded_bytes: usize,
    /// Deepest nesting of form XObjects.
    pub max_form_depth: usize,
    /// Deepest `q` nesting kept; deeper saves are counted and matched, not stored.
    pub max_saved_states: usize,
}

impl PageBudget {
    pub const OPERATIONS: usize = 2_000_000;
    pub const DECODED_BYTES: usize = 128 << 20;
}

impl Default for PageBudget {
    fn default() -> Self {
        PageBudget {
            operations: PageBudget::OPERATIONS,
            decoded_bytes: PageBudget::DECODED_BYTES,
            max_form_depth: 16,
            max_saved_states: 1024,
        }
    }
}

/// cls patch: what one document may cost, shared by every page and every thread reading
/// it, so that pages that each stay within their own budget (two hundred pages drawing one
/// 120 MB stream, ten pages of two million operations) cannot add up to minutes and
/// gigabytes. Pages past it are not read. Counted at each use: a stream drawn by several
/// pages costs each of them.
pub struct DocBudget {
    operations: AtomicUsize,
    decoded_bytes: AtomicUsize,
    unicode_entries: AtomicUsize,
}

impl DocBudget {
    /// Content operations of the whole document (a long contract has a few hundred
    /// thousand).
    pub const OPERATIONS: usize = 10_000_000;
    /// Decoded bytes of the whole document: content streams, forms, fonts and CMaps.
    pub const DECODED_BYTES: usize = 512 << 20;
    /// ToUnicode entries kept by all the fonts of the document.
    pub const UNICODE_ENTRIES: usize = 1 << 20;

    pub fn new() -> DocBudget {
        DocBudget {
            operations: AtomicUsize::new(DocBudget::OPERATIONS),
            decoded_bytes: AtomicUsize::new(DocBudget::DECODED_BYTES),
            unicode_entries: AtomicUsize::new(DocBudget::UNICODE_ENTRIES),
        }
    }

    fn left(counter: &AtomicUsize) -> usize {
        counter.load(AtomicOrdering::Relaxed)
    }

    /// Takes `n` from `counter`; when fewer are left, empties it and says so.
    fn take(counter: &AtomicUsize, n: usize) -> bool {
        let taken = counter.fetch_update(AtomicOrdering::Relaxed, AtomicOrdering::Relaxed, |left| left.checked_sub(n));
        if taken.is_err() {
            counter.store(0, AtomicOrdering::Relaxed);
        }
        taken.is_ok()
    }
}

impl Default for DocBudget {
    fn default() -> Self {
        DocBudget::new()
    }
}

fn page_too_heavy() -> OutputError {
    OutputError::Limit(format!("page trop lourde : plus de {} Mo de contenu décompressé", PageBudget::DECODED_BYTES >> 20))
}

fn doc_too_heavy() -> OutputError {
    OutputError::Limit(format!("document trop lourd : plus de {} Mo de contenu décompressé en tout", DocBudget::DECODED_BYTES >> 20))
}

fn page_too_complex() -> OutputError {
    OutputError::Limit(format!("page trop complexe : plus de {} opérations", group_thousands(PageBudget::OPERATIONS)))
}

fn doc_too_complex() -> OutputError {
    OutputError::Limit(format!("document trop complexe : plus de {} opérations en tout", group_thousands(DocBudget::OPERATIONS)))
}

/// "2 000 000", as French writes numbers.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// cls patch: the French note for a stream whose decoding broke off part-way.
const PARTIAL_STREAM: &str = "flux compressé endommagé, lu jusqu'à l'endroit abîmé";

#[derive(Clone)]
struct GraphicsState<'a>
{
    ctm: Transform,
    ts: TextState<'a>,
    smask: Option<Dictionary>,
    fill_colorspace: ColorSpace,
    fill_color: Vec<f64>,
    stroke_colorspace: ColorSpace,
    stroke_color: Vec<f64>,
    line_width: f64,
}

fn show_text(gs: &mut GraphicsState, s: &[u8],
             _tlm: &Transform,
             _flip_ctm: &Transform,
             output: &mut dyn OutputDev) -> Result<(), OutputError> {
    let ts = &mut gs.ts;
    // cls patch: text shown before any `Tf` is skipped (poppler warns and goes on).
    let Some(font) = ts.font.as_ref() else { return Ok(()) };
    //let encoding = font.encoding.as_ref().map(|x| &x[..]).unwrap_or(&PDFDocEncoding);
    dlog!("{:?}", font.decode(s));
    dlog!("{:?}", font.decode(s).as_bytes());
    dlog!("{:?}", s);
    output.begin_word()?;

    for (c, length) in font.char_codes(s) {
        // 5.3.3 Text Space Details
        let tsm = Transform2D::row_major(ts.horizontal_scaling,
                                                 0.,
                                                 0.,
                                                 1.0,
                                                 0.,
                                                 ts.rise);
        // Trm = Tsm × Tm × CTM
        let trm = tsm.post_transform(&ts.tm.post_transform(&gs.ctm));
        //dlog!("ctm: {:?} tm {:?}", gs.ctm, tm);
        //dlog!("current pos: {:?}", position);
        // 5.9 Extraction of Text Content


        //dlog!("w: {}", font.widths[&(*c as i64)]);
        let w0 = font.get_width(c) / 1000.;

        let mut spacing = ts.character_spacing;
        // "Word spacing is applied to every occurrence of the single-byte character code 32 in a
        //  string when using a simple font or a composite font that defines code 32 as a
        //  single-byte code. It does not apply to occurrences of the byte value 32 in
        //  multiple-byte codes."
        let is_space = c == 32 && length == 1;
        if is_space { spacing += ts.word_spacing }

        output.output_character(&trm, w0, spacing, ts.font_size, &font.decode_char(c))?;
        let tj = 0.;
        let ty = 0.;
        let tx = ts.horizontal_scaling * ((w0 - tj/1000.)* ts.font_size + spacing);
        dlog!("horizontal {} adjust {} {} {} {}", ts.horizontal_scaling, tx, w0, ts.font_size, spacing);
        // dlog!("w0: {}, tx: {}", w0, tx);
        ts.tm = ts.tm.pre_transform(&Transform2D::create_translation(tx, ty));
        let _trm = ts.tm.pre_transform(&gs.ctm);
        //dlog!("post pos: {:?}", trm);

    }
    output.end_word()?;
    Ok(())
}

#[derive(Debug, Clone, Copy)]
pub struct MediaBox {
    pub llx: f64,
    pub lly: f64,
    pub urx: f64,
    pub ury: f64
}

fn apply_state(doc: &Document, gs: &mut GraphicsState, state: &Dictionary) {
    for (k, v) in state.iter() {
        let k : &[u8] = k.as_ref();
        match k {
            b"SMask" => { match maybe_deref(doc, v)  {
                &Object::Name(ref name) => {
                    if name == b"None" {
                        gs.smask = None;
                    } else {
                        panic!("unexpected smask name")
                    }
                }
                &Object::Dictionary(ref dict) => {
                    gs.smask = Some(dict.clone());
                }
                _ => { panic!("unexpected smask type {:?}", v) }
            }}
            b"Type" => { match v {
                &Object::Name(ref name) => {
                    assert_eq!(name, b"ExtGState")
                }
                _ => { panic!("unexpected type") }
            }}
            _ => {  dlog!("unapplied state: {:?} {:?}", k, v); }
        }
    }

}

#[derive(Debug)]
pub enum PathOp {
    MoveTo(f64, f64),
    LineTo(f64, f64),
    // XXX: is it worth distinguishing the different kinds of curve ops?
    CurveTo(f64, f64, f64, f64, f64, f64),
    Rect(f64, f64, f64, f64),
    Close,
}

#[derive(Debug)]
pub struct Path {
    pub ops: Vec<PathOp>
}

impl Path {
    fn new() -> Path {
        Path { ops: Vec::new() }
    }
    /// cls patch: `None` when the path has no current point (upstream panicked).
    fn current_point(&self) -> Option<(f64, f64)> {
        match *self.ops.last()? {
            PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) | PathOp::CurveTo(_, _, _, _, x, y) | PathOp::Rect(x, y, _, _) => Some((x, y)),
            PathOp::Close => self.ops.iter().rev().find_map(|op| match *op {
                PathOp::MoveTo(x, y) => Some((x, y)),
                _ => None,
            }),
        }
    }
}

#[derive(Clone, Debug)]
pub struct CalGray {
    white_point: [f64; 3],
    black_point: Option<[f64; 3]>,
    gamma: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct CalRGB {
    white_point: [f64; 3],
    black_point: Option<[f64; 3]>,
    gamma: Option<[f64; 3]>,
    matrix: Option<Vec<f64>>
}

#[derive(Clone, Debug)]
pub struct Lab {
    white_point: [f64; 3],
    black_point: Option<[f64; 3]>,
    range: Option<[f64; 4]>,
}

#[derive(Clone, Debug)]
pub enum AlternateColorSpace {
    DeviceGray,
    DeviceRGB,
    DeviceCMYK,
    CalRGB(CalRGB),
    CalGray(CalGray),
    Lab(Lab),
    ICCBased(Vec<u8>)
}

#[derive(Clone)]
pub struct Separation {
    name: String,
    alternate_space: AlternateColorSpace,
    tint_transform: Box<Function>,
}

#[derive(Clone)]
pub enum ColorSpace {
    DeviceGray,
    DeviceRGB,
    DeviceCMYK,
    DeviceN,
    Pattern,
    CalRGB(CalRGB),
    CalGray(CalGray),
    Lab(Lab),
    Separation(Separation),
    ICCBased(Vec<u8>)
}

fn make_colorspace<'a>(doc: &'a Document, name: &[u8], resources: &'a Dictionary) -> ColorSpace {
    match name {
        b"DeviceGray" => ColorSpace::DeviceGray,
        b"DeviceRGB" => ColorSpace::DeviceRGB,
        b"DeviceCMYK" => ColorSpace::DeviceCMYK,
        b"Pattern" => ColorSpace::Pattern,
        _ => {
            let colorspaces: &Dictionary = get(&doc, resources, b"ColorSpace");
            let cs: &Object = maybe_get_obj(doc, colorspaces, &name[..]).unwrap_or_else(|| panic!("missing colorspace {:?}", &name[..]));
            if let Ok(cs) = cs.as_array() {
                let cs_name = pdf_to_utf8(cs[0].as_name().expect("first arg must be a name"));
                match cs_name.as_ref() {
                    "Separation" => {
                        let name = pdf_to_utf8(cs[1].as_name().expect("second arg must be a name"));
                        let alternate_space = match &maybe_deref(doc, &cs[2]) {
                            Object::Name(name) => {
                                match &name[..] {
                                    b"DeviceGray" => AlternateColorSpace::DeviceGray,
                                    b"DeviceRGB" => AlternateColorSpace::DeviceRGB,
                                    b"DeviceCMYK" => AlternateColorSpace::DeviceCMYK,
                                    _ => panic!("unexpected color space name")
                                }
                            }
                            Object::Array(cs) => {
                                let cs_name = pdf_to_utf8(cs[0].as_name().expect("first arg must be a name"));
                                match cs_name.as_ref() {
                                    "ICCBased" => {
                                        let stream = maybe_deref(doc, &cs[1]).as_stream().unwrap();
                                        dlog!("ICCBased {:?}", stream);
                                        // XXX: we're going to be continually decompressing everytime this object is referenced
                                        // cls patch: ICC profiles are never used; they are not decoded
                                        // (each `cs` decoded its profile again).
                                        AlternateColorSpace::ICCBased(Vec::new())
                                    }
                                    "CalGray" => {
                                        let dict = cs[1].as_dict().expect("second arg must be a dict");
                                        AlternateColorSpace::CalGray(CalGray {
                                            white_point: get(&doc, dict, b"WhitePoint"),
                                            black_point: get(&doc, dict, b"BackPoint"),
                                            gamma: get(&doc, dict, b"Gamma"),
                                        })
                                    }
                                    "CalRGB" => {
                                        let dict = cs[1].as_dict().expect("second arg must be a dict");
                                        AlternateColorSpace::CalRGB(CalRGB {
                                            white_point: get(&doc, dict, b"WhitePoint"),
                                            black_point: get(&doc, dict, b"BackPoint"),
                                            gamma: get(&doc, dict, b"Gamma"),
                                            matrix: get(&doc, dict, b"Matrix"),
                                        })
                                    }
                                    "Lab" => {
                                        let dict = cs[1].as_dict().expect("second arg must be a dict");
                                        AlternateColorSpace::Lab(Lab {
                                            white_point: get(&doc, dict, b"WhitePoint"),
                                            black_point: get(&doc, dict, b"BackPoint"),
                                            range: get(&doc, dict, b"Range"),
                                        })
                                    }
                                    _ => panic!("Unexpected color space name")
                                }
                            }
                            _ => panic!("Alternate space should be name or array {:?}", cs[2])
                        };
                        // cls patch: the tint transform is never used; it is not built (its
                        // samples decoded, its panics on odd functions).
                        let tint_transform = Box::new(Function::Type3);

                        dlog!("{:?} {:?} {:?}", name, alternate_space, tint_transform);
                        ColorSpace::Separation(Separation{ name, alternate_space, tint_transform})
                    }
                    "ICCBased" => {
                        let stream = maybe_deref(doc, &cs[1]).as_stream().unwrap();
                        dlog!("ICCBased {:?}", stream);
                        // XXX: we're going to be continually decompressing everytime this object is referenced
                        ColorSpace::ICCBased(Vec::new())
                    }
                    "CalGray" => {
                        let dict = cs[1].as_dict().expect("second arg must be a dict");
                        ColorSpace::CalGray(CalGray {
                            white_point: get(&doc, dict, b"WhitePoint"),
                            black_point: get(&doc, dict, b"BackPoint"),
                            gamma: get(&doc, dict, b"Gamma"),
                        })
                    }
                    "CalRGB" => {
                        let dict = cs[1].as_dict().expect("second arg must be a dict");
                        ColorSpace::CalRGB(CalRGB {
                            white_point: get(&doc, dict, b"WhitePoint"),
                            black_point: get(&doc, dict, b"BackPoint"),
                            gamma: get(&doc, dict, b"Gamma"),
                            matrix: get(&doc, dict, b"Matrix"),
                        })
                    }
                    "Lab" => {
                        let dict = cs[1].as_dict().expect("second arg must be a dict");
                        ColorSpace::Lab(Lab {
                            white_point: get(&doc, dict, b"WhitePoint"),
                            black_point: get(&doc, dict, b"BackPoint"),
                            range: get(&doc, dict, b"Range"),
                        })
                    }
                    "Pattern" => {
                        ColorSpace::Pattern
                    },
                    "DeviceGray" => ColorSpace::DeviceGray,
                    "DeviceRGB" => ColorSpace::DeviceRGB,
                    "DeviceCMYK" => ColorSpace::DeviceCMYK,
                    "DeviceN" => ColorSpace::DeviceN,
                    _ => {
                        panic!("color_space {:?} {:?} {:?}", name, cs_name, cs)
                    }
                }
            } else if let Ok(cs) = cs.as_name() {
                match pdf_to_utf8(cs).as_ref() {
                    "DeviceRGB" => ColorSpace::DeviceRGB,
                    "DeviceGray" => ColorSpace::DeviceGray,
                    _ => panic!()
                }
            } else {
                panic!();
            }
        }
    }
}

/// cls patch: a font of the processor's caches: `None` when it could not be built (its
/// text is skipped), and whether it was built from damaged parts, so that every page that
/// uses it says so.
#[derive(Clone)]
struct CachedFont<'a> {
    font: Option<Rc<dyn PdfFont + 'a>>,
    damaged: bool,
}

/// cls patch: builds a font within what the document may still decode; a font that
/// cannot be built (upstream panicked, losing the page) costs only the text drawn with it.
fn build_font<'a>(doc: &'a Document, fonts: &'a Dictionary, name: &[u8], doc_budget: &DocBudget) -> CachedFont<'a> {
    let Some(dict) = maybe_get::<&Dictionary>(doc, fonts, name) else {
        return CachedFont { font: None, damaged: true };
    };
    let mut budget = FontBudget {
        bytes: DocBudget::left(&doc_budget.decoded_bytes).min(FontBudget::MAX_BYTES),
        entries: DocBudget::left(&doc_budget.unicode_entries),
        damaged: false,
    };
    let (bytes, entries) = (budget.bytes, budget.entries);
    // A dictionary read from what damage left of it (see `lopdf::DAMAGED_KEY`).
    budget.damaged = dict.has(lopdf::DAMAGED_KEY);
    let font = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make_font(doc, dict, &mut budget))).ok();
    DocBudget::take(&doc_budget.decoded_bytes, bytes - budget.bytes);
    DocBudget::take(&doc_budget.unicode_entries, entries - budget.entries);
    CachedFont { damaged: font.is_none() || budget.damaged, font }
}

/// cls patch: the last `n` operands of an operation (poppler drops the first ones when
/// there are too many), or `None` when there are too few.
fn last_operands(op: &Operation, n: usize) -> Option<&[Object]> {
    op.operands.len().checked_sub(n).map(|from| &op.operands[from..])
}

fn num_operand(o: &Object) -> Option<f64> {
    match o {
        &Object::Integer(i) => Some(i as f64),
        &Object::Real(f) => Some(f.into()),
        _ => None,
    }
}

/// cls patch: the `N` numbers an operator takes, or `None` when they are not there (upstream
/// indexed past the operands or panicked on a wrong type, losing the page).
fn nums<const N: usize>(op: &Operation) -> Option<[f64; N]> {
    let args = last_operands(op, N)?;
    let mut out = [0.; N];
    for (slot, o) in out.iter_mut().zip(args) {
        *slot = num_operand(o)?;
    }
    Some(out)
}

fn name_operand(op: &Operation) -> Option<&[u8]> {
    last_operands(op, 1)?[0].as_name().ok()
}

/// cls patch: colour components, numbers only and at most 32 (the most any colour space
/// has), so that a saved state cannot be made to hold a million of them.
fn color_operands(op: &Operation) -> Vec<f64> {
    op.operands.iter().filter_map(num_operand).take(32).collect()
}

/// cls patch: the malformed operators (wrong operand count or type) of a page: skipped,
/// as poppler does, the rest of the page read, and reported once with the page.
#[derive(Default)]
struct Malformed {
    count: usize,
    names: Vec<String>,
}

impl Malformed {
    fn note(&mut self, op: &Operation) {
        self.count += 1;
        let name: String = op.operator.chars().take(12).collect();
        if self.names.len() < 4 && !self.names.contains(&name) {
            self.names.push(name);
        }
    }

    fn report(&mut self, output: &mut dyn OutputDev) -> Result<(), OutputError> {
        let m = std::mem::take(self);
        match m.count {
            0 => Ok(()),
            1 => output.damage(&format!("1 opérateur mal formé ignoré ({})", m.names.join(", "))),
            n => output.damage(&format!("{} opérateurs mal formés ignorés ({})", n, m.names.join(", "))),
        }
    }
}

/// cls patch: the most segments one path keeps (a table's rules take a few hundred); the
/// rest of a longer drawing is dropped, so that a path cannot hold a page's whole budget.
const MAX_PATH_OPS: usize = 100_000;

fn push_path(path: &mut Path, op: PathOp) {
    if path.ops.len() < MAX_PATH_OPS {
        path.ops.push(op);
    }
}

/// cls patch: the text-showing `Tj`, `'` and `"`: the string operand is the last one.
fn string_operand(op: &Operation) -> Option<&[u8]> {
    match last_operands(op, 1)?[0] {
        Object::String(ref s, _) => Some(s),
        _ => None,
    }
}

struct Processor<'a> {
    font_table: HashMap<Vec<u8>, CachedFont<'a>>,
    /// cls patch (speed): fonts given by reference, by object id. An object id names one
    /// object of the document, so unlike resource names these stay valid from page to page
    /// (a processor never outlives its document: the lifetime says so).
    fonts_by_id: HashMap<ObjectId, CachedFont<'a>>,
    _none: PhantomData<&'a ()>,
    /// cls patch: the page's budget and the form XObjects being drawn (cycle detection).
    budget: PageBudget,
    forms: Vec<ObjectId>,
    /// cls patch: the document's budget, shared with the pages read by other processors,
    /// and the operations of this page not yet taken from it (taken in batches).
    doc_budget: &'a DocBudget,
    unsettled_ops: usize,
    malformed: Malformed,
}

impl<'a> Processor<'a> {
    fn new(doc_budget: &'a DocBudget) -> Processor<'a> {
        Processor { font_table: HashMap::new(), fonts_by_id: HashMap::new(), _none: PhantomData, budget: PageBudget::default(), forms: Vec::new(), doc_budget, unsettled_ops: 0, malformed: Malformed::default() }
    }

    /// cls patch: takes the page's counted operations from the document's budget.
    fn settle_ops(&mut self) -> Result<(), OutputError> {
        let n = std::mem::take(&mut self.unsettled_ops);
        if DocBudget::take(&self.doc_budget.operations, n) { Ok(()) } else { Err(doc_too_complex()) }
    }

    /// cls patch: counts one operation against the page's and the document's budgets.
    #[inline]
    fn count_op(&mut self) -> Result<(), OutputError> {
        if self.budget.operations == 0 {
            return Err(page_too_complex());
        }
        self.budget.operations -= 1;
        self.unsettled_ops += 1;
        if self.unsettled_ops >= 4096 {
            self.settle_ops()?;
        }
        Ok(())
    }

    /// cls patch: decodes one content stream (of the page or of a form) within what the
    /// page and the document have left, so that the decoder itself stops at the limit. A
    /// stream that broke off part-way keeps what was decoded before and is noted.
    fn take_contents(&mut self, stream: &Stream, output: &mut dyn OutputDev) -> Result<Vec<u8>, OutputError> {
        let page_left = self.budget.decoded_bytes;
        let doc_left = DocBudget::left(&self.doc_budget.decoded_bytes);
        let limit = page_left.min(doc_left);
        match stream.decode_within(limit) {
            Ok(decoded) => {
                if !DocBudget::take(&self.doc_budget.decoded_bytes, decoded.bytes.len()) {
                    return Err(doc_too_heavy());
                }
                self.budget.decoded_bytes -= decoded.bytes.len();
                if decoded.partial {
                    output.damage(PARTIAL_STREAM)?;
                }
                Ok(decoded.bytes)
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::OutOfMemory)) => {
                Err(OutputError::Limit("mémoire insuffisante pour décompresser le contenu de la page".into()))
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::TooLarge)) if limit == doc_left && doc_left < page_left => Err(doc_too_heavy()),
            Err(lopdf::Error::Decompress(lopdf::DecompressError::TooLarge)) if limit < Stream::MAX_DECODED_STREAM_BYTES as usize => Err(page_too_heavy()),
            Err(lopdf::Error::Decompress(lopdf::DecompressError::TooLarge)) => {
                Err(OutputError::Limit(format!("flux de contenu de plus de {} Mo une fois décompressé (bombe de décompression)", Stream::MAX_DECODED_STREAM_BYTES >> 20)))
            }
            Err(e) => Err(OutputError::PdfError(e)),
        }
    }

    /// cls patch: the font `name` of the resources, built once per processor (see
    /// `build_font`); a font that cannot be built, or was built from damaged parts, is
    /// noted on every page that uses it.
    fn font(&mut self, doc: &'a Document, resources: &'a Dictionary, name: &[u8], output: &mut dyn OutputDev) -> Result<Option<Rc<dyn PdfFont + 'a>>, OutputError> {
        let Some(fonts) = maybe_get::<&Dictionary>(doc, resources, b"Font") else {
            output.damage("police absente des ressources de la page : son texte est ignoré")?;
            return Ok(None);
        };
        let doc_budget = self.doc_budget;
        let build = || build_font(doc, fonts, name, doc_budget);
        let cached = match fonts.get(name) {
            Ok(&Object::Reference(id)) => self.fonts_by_id.entry(id).or_insert_with(build).clone(),
            _ => self.font_table.entry(name.to_owned()).or_insert_with(build).clone(),
        };
        if cached.font.is_none() {
            output.damage("police illisible : le texte écrit avec elle est ignoré")?;
        } else if cached.damaged {
            output.damage("police endommagée : une partie de ses caractères peut manquer")?;
        }
        Ok(cached.font)
    }

    fn process_stream(&mut self, doc: &'a Document, content: &[u8], resources: &'a Dictionary, media_box: &MediaBox, output: &mut dyn OutputDev, page_num: u32) -> Result<(), OutputError> {
        // cls patch: the operations are parsed one at a time, leniently (what does not
        // parse is skipped and reported), and interpreted as they come, so that a stream of
        // millions of operators never holds them all (upstream kept a vector of them).
        let mut ops = LenientOps::new(content);
        let drawn = self.run_ops(&mut ops, doc, resources, media_box, output, page_num);
        if ops.skipped() > 0 {
            output.damage(&format!("{} octets illisibles dans le contenu de la page", ops.skipped()))?;
        }
        drawn
    }

    fn run_ops(&mut self, ops: &mut LenientOps, doc: &'a Document, resources: &'a Dictionary, media_box: &MediaBox, output: &mut dyn OutputDev, page_num: u32) -> Result<(), OutputError> {
        let mut saved_overflow = 0usize;
        let mut gs: GraphicsState = GraphicsState {
            ts: TextState {
                font: None,
                font_size: std::f64::NAN,
                character_spacing: 0.,
                word_spacing: 0.,
                horizontal_scaling: 100. / 100.,
                leading: 0.,
                rise: 0.,
                tm: Transform2D::identity(),
            },
            fill_color: Vec::new(),
            fill_colorspace: ColorSpace::DeviceGray,
            stroke_color: Vec::new(),
            stroke_colorspace: ColorSpace::DeviceGray,
            line_width: 1.,
            ctm: Transform2D::identity(),
            smask: None
        };
        //let mut ts = &mut gs.ts;
        let mut gs_stack = Vec::new();
        // cls patch: only the depth of marked content is needed (upstream kept the
        // operations, which a streaming parse does not hold).
        let mut mc_depth = 0usize;
        // XXX: replace tlm with a point for text start
        let mut tlm = Transform2D::identity();
        let mut path = Path::new();
        let flip_ctm = Transform2D::row_major(1., 0., 0., -1., 0., media_box.ury - media_box.lly);
        dlog!("MediaBox {:?}", media_box);
        while let Some(operation) = ops.next() {
            self.count_op()?;
            //dlog!("op: {:?}", operation);

            match operation.operator.as_ref() {
                "BT" => {
                    tlm = Transform2D::identity();
                    gs.ts.tm = tlm;
                }
                "ET" => {
                    tlm = Transform2D::identity();
                    gs.ts.tm = tlm;
                }
                "cm" => {
                    let Some([a, b, c, d, e, f]) = nums::<6>(&operation) else { self.malformed.note(&operation); continue };
                    let m = Transform2D::row_major(a, b, c, d, e, f);
                    gs.ctm = gs.ctm.pre_transform(&m);
                    dlog!("matrix {:?}", gs.ctm);
                }
                "CS" | "cs" => {
                    let Some(name) = name_operand(&operation) else { self.malformed.note(&operation); continue };
                    // cls patch: a colour space that cannot be read (upstream panicked,
                    // losing the page) is taken as RGB; colours decide no text.
                    let cs = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make_colorspace(doc, name, resources)))
                        .unwrap_or(ColorSpace::DeviceRGB);
                    if operation.operator == "CS" {
                        gs.stroke_colorspace = cs;
                    } else {
                        gs.fill_colorspace = cs;
                    }
                }
                "SC" | "SCN" => {
                    gs.stroke_color = match gs.stroke_colorspace {
                        ColorSpace::Pattern => { dlog!("unhandled pattern color"); Vec::new() }
                        _ => { color_operands(&operation) }
                    };
                }
                "sc" | "scn" => {
                    gs.fill_color = match gs.fill_colorspace {
                        ColorSpace::Pattern => { dlog!("unhandled pattern color"); Vec::new() }
                        _ => { color_operands(&operation) }
                    };
                }
                "G" | "g" | "RG" | "rg" | "K" | "k" => {
                    dlog!("unhandled color operation {:?}", operation);
                }
                "TJ" => {
                    let Some(Object::Array(array)) = last_operands(&operation, 1).map(|a| &a[0]) else { self.malformed.note(&operation); continue };
                    for e in array {
                        match e {
                            &Object::String(ref s, _) => {
                                show_text(&mut gs, s, &tlm, &flip_ctm, output)?;
                            }
                            &Object::Integer(_) | &Object::Real(_) => {
                                let ts = &mut gs.ts;
                                let w0 = 0.;
                                let tj = num_operand(e).unwrap_or(0.);
                                let ty = 0.;
                                let tx = ts.horizontal_scaling * ((w0 - tj / 1000.) * ts.font_size);
                                ts.tm = ts.tm.pre_transform(&Transform2D::create_translation(tx, ty));
                                dlog!("adjust text by: {} {:?}", i, ts.tm);
                            }
                            _ => { dlog!("kind of {:?}", e); }
                        }
                    }
                }
                "Tj" | "'" | "\"" => {
                    let Some(s) = string_operand(&operation) else { self.malformed.note(&operation); continue };
                    // cls patch: `'` and `"` (next line, then show; `"` sets the word and
                    // character spacing first) were ignored upstream, losing their text.
                    if operation.operator != "Tj" {
                        if operation.operator == "\"" {
                            let Some([aw, ac]) = last_operands(&operation, 3).and_then(|a| Some([num_operand(&a[0])?, num_operand(&a[1])?])) else { self.malformed.note(&operation); continue };
                            gs.ts.word_spacing = aw;
                            gs.ts.character_spacing = ac;
                        }
                        tlm = tlm.pre_transform(&Transform2D::create_translation(0., -gs.ts.leading));
                        gs.ts.tm = tlm;
                        output.end_line()?;
                    }
                    show_text(&mut gs, s, &tlm, &flip_ctm, output)?;
                }
                "Tc" | "Tw" | "Tz" | "TL" | "Ts" => {
                    let Some([v]) = nums::<1>(&operation) else { self.malformed.note(&operation); continue };
                    match operation.operator.as_ref() {
                        "Tc" => gs.ts.character_spacing = v,
                        "Tw" => gs.ts.word_spacing = v,
                        "Tz" => gs.ts.horizontal_scaling = v / 100.,
                        "TL" => gs.ts.leading = v,
                        _ => gs.ts.rise = v,
                    }
                }
                "Tf" => {
                    let args = last_operands(&operation, 2);
                    let (Some(name), Some(size)) = (args.and_then(|a| a[0].as_name().ok()), args.and_then(|a| num_operand(&a[1]))) else { self.malformed.note(&operation); continue };
                    gs.ts.font = self.font(doc, resources, name, output)?;
                    // cls patch: tell the device which font is now used (see `OutputDev::font`).
                    let base_name = maybe_get::<&Dictionary>(doc, resources, b"Font")
                        .and_then(|fonts| maybe_get::<&Dictionary>(doc, fonts, name))
                        .and_then(|d| maybe_get_name_string(doc, d, b"BaseFont"))
                        .unwrap_or_default();
                    output.font(&base_name)?;

                    gs.ts.font_size = size;
                    dlog!("font {} size: {} {:?}", pdf_to_utf8(name), gs.ts.font_size, operation);
                }
                "Tm" => {
                    let Some([a, b, c, d, e, f]) = nums::<6>(&operation) else { self.malformed.note(&operation); continue };
                    tlm = Transform2D::row_major(a, b, c, d, e, f);
                    gs.ts.tm = tlm;
                    dlog!("Tm: matrix {:?}", gs.ts.tm);
                    output.end_line()?;
                }
                "Td" | "TD" => {
                    /* Move to the start of the next line, offset from the start of the current line by (tx , ty ).
                   tx and ty are numbers expressed in unscaled text space units.
                   As a side effect, TD sets the leading parameter in the text state.
                 */
                    let Some([tx, ty]) = nums::<2>(&operation) else { self.malformed.note(&operation); continue };
                    dlog!("translation: {} {}", tx, ty);
                    if operation.operator == "TD" {
                        gs.ts.leading = -ty;
                    }
                    tlm = tlm.pre_transform(&Transform2D::create_translation(tx, ty));
                    gs.ts.tm = tlm;
                    dlog!("Td matrix {:?}", gs.ts.tm);
                    output.end_line()?;
                }

                "T*" => {
                    let tx = 0.0;
                    let ty = -gs.ts.leading;

                    tlm = tlm.pre_transform(&Transform2D::create_translation(tx, ty));
                    gs.ts.tm = tlm;
                    dlog!("T* matrix {:?}", gs.ts.tm);
                    output.end_line()?;
                }
                "q" => {
                    // cls patch: a million nested saves would each clone the state.
                    if gs_stack.len() < self.budget.max_saved_states {
                        gs_stack.push(gs.clone());
                    } else {
                        saved_overflow += 1;
                    }
                }
                "Q" if saved_overflow > 0 => { saved_overflow -= 1; }
                "Q" => {
                    let s = gs_stack.pop();
                    if let Some(s) = s {
                        gs = s;
                    } else {
                        warn!("No state to pop");
                    }
                }
                // cls patch: nothing of an ExtGState matters for text and rules here (upstream
                // only kept its soft mask, and panicked on unexpected entries).
                "gs" => {}
                "i" => { dlog!("unhandled graphics state flattness operator {:?}", operation); }
                "w" => {
                    let Some([w]) = nums::<1>(&operation) else { self.malformed.note(&operation); continue };
                    gs.line_width = w;
                }
                "J" | "j" | "M" | "d" | "ri"  => { dlog!("unknown graphics state operator {:?}", operation); }
                "m" | "l" => {
                    let Some([x, y]) = nums::<2>(&operation) else { self.malformed.note(&operation); continue };
                    push_path(&mut path, if operation.operator == "m" { PathOp::MoveTo(x, y) } else { PathOp::LineTo(x, y) });
                }
                "c" => {
                    let Some([x1, y1, x2, y2, x3, y3]) = nums::<6>(&operation) else { self.malformed.note(&operation); continue };
                    push_path(&mut path, PathOp::CurveTo(x1, y1, x2, y2, x3, y3));
                }
                "v" => {
                    let (Some([x2, y2, x3, y3]), Some((x, y))) = (nums::<4>(&operation), path.current_point()) else { self.malformed.note(&operation); continue };
                    push_path(&mut path, PathOp::CurveTo(x, y, x2, y2, x3, y3));
                }
                "y" => {
                    let Some([x1, y1, x3, y3]) = nums::<4>(&operation) else { self.malformed.note(&operation); continue };
                    push_path(&mut path, PathOp::CurveTo(x1, y1, x3, y3, x3, y3));
                }
                "h" => { push_path(&mut path, PathOp::Close) }
                "re" => {
                    let Some([x, y, w, h]) = nums::<4>(&operation) else { self.malformed.note(&operation); continue };
                    push_path(&mut path, PathOp::Rect(x, y, w, h));
                }
                "s" | "f*" | "B" | "B*" | "b" => {
                    dlog!("unhandled path op {:?}", operation);
                }
                "S" => {
                    output.stroke(&gs.ctm, &gs.stroke_colorspace, &gs.stroke_color, &path)?;
                    path.ops.clear();
                }
                "F" | "f" => {
                    output.fill(&gs.ctm, &gs.fill_colorspace, &gs.fill_color, &path)?;
                    path.ops.clear();
                }
                "W" | "w*" => { dlog!("unhandled clipping operation {:?}", operation); }
                "n" => {
                    dlog!("discard {:?}", path);
                    path.ops.clear();
                }
                "BMC" | "BDC" => {
                    mc_depth += 1;
                }
                "EMC" => {
                    mc_depth = mc_depth.saturating_sub(1);
                }
                "Do" => {
                    let Some(name) = name_operand(&operation) else { self.malformed.note(&operation); continue };
                    self.draw_form(doc, resources, name, media_box, output, page_num)?;
                }
                _ => { dlog!("unknown operation {:?}", operation); }

            }
        }
        Ok(())
    }

    /// `Do` process an entire subdocument, so we do a recursive call to `process_stream`
    /// with the subdocument content and resources.
    /// cls patch: only forms are drawn (an image is not a content stream), a form already
    /// being drawn is skipped (a form that draws itself), and nesting is bounded.
    fn draw_form(&mut self, doc: &'a Document, resources: &'a Dictionary, name: &[u8], media_box: &MediaBox, output: &mut dyn OutputDev, page_num: u32) -> Result<(), OutputError> {
        let Some(xobject) = maybe_get::<&Dictionary>(&doc, resources, b"XObject") else { return Ok(()) };
        let id = xobject.get(name).ok().and_then(|o| o.as_reference().ok());
        let Some(xf) = maybe_get::<&Stream>(&doc, xobject, name) else { return Ok(()) };
        if xf.dict.get(b"Subtype").and_then(|s| s.as_name()).map_or(true, |s| s != b"Form") {
            return Ok(());
        }
        if let Some(id) = id {
            if self.forms.contains(&id) {
                return output.damage("un objet graphique se dessine lui-même (boucle ignorée)");
            }
        }
        if self.forms.len() >= self.budget.max_form_depth {
            return Err(OutputError::Limit("page trop complexe : objets graphiques imbriqués trop profondément".into()));
        }
        let resources = maybe_get_obj(&doc, &xf.dict, b"Resources").and_then(|n| n.as_dict().ok()).unwrap_or(resources);
        let contents = match self.take_contents(xf, output) {
            Ok(c) => c,
            Err(OutputError::PdfError(_)) => {
                return output.damage("objet graphique illisible (flux compressé endommagé)");
            }
            Err(e) => return Err(e),
        };
        self.forms.push(id.unwrap_or((0, 0)));
        let drawn = self.process_stream(&doc, &contents, resources, &media_box, output, page_num);
        self.forms.pop();
        drawn
    }
}


pub trait OutputDev {
    fn begin_page(&mut self, page_num: u32, media_box: &MediaBox, art_box: Option<(f64, f64, f64, f64)>)-> Result<(), OutputError>;
    fn end_page(&mut self)-> Result<(), OutputError>;
    fn output_character(&mut self, trm: &Transform, width: f64, spacing: f64, font_size: f64, char: &str) -> Result<(), OutputError>;
    fn begin_word(&mut self)-> Result<(), OutputError>;
    fn end_word(&mut self)-> Result<(), OutputError>;
    fn end_line(&mut self)-> Result<(), OutputError>;
    fn stroke(&mut self, _ctm: &Transform, _colorspace: &ColorSpace, _color: &[f64], _path: &Path)-> Result<(), OutputError> {Ok(())}
    fn fill(&mut self, _ctm: &Transform, _colorspace: &ColorSpace, _color: &[f64], _path: &Path)-> Result<(), OutputError> {Ok(())}
    /// cls patch: part of the page could not be decoded and was skipped; `what` says what,
    /// in French. The page goes on.
    fn damage(&mut self, _what: &str) -> Result<(), OutputError> {Ok(())}
    /// cls patch: the font selected by `Tf`, by its `BaseFont` name ("ABCDEF+Arial-Bold"),
    /// so that a device can tell bold text from regular text.
    fn font(&mut self, _base_name: &str) -> Result<(), OutputError> {Ok(())}
}


pub struct HTMLOutput<'a>  {
    file: &'a mut dyn std::io::Write,
    flip_ctm: Transform,
    last_ctm: Transform,
    buf_ctm: Transform,
    buf_font_size: f64,
    buf: String
}

fn insert_nbsp(input: &str) -> String {
    let mut result = String::new();
    let mut word_end = false;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' {
            if !word_end || chars.peek().filter(|x| **x != ' ').is_none() {
                result += "&nbsp;";
            } else {
                result += " ";
            }
            word_end = false;
        } else {
            word_end = true;
            result.push(c);
        }
    }
    result
}

impl<'a> HTMLOutput<'a> {
    pub fn new(file: &mut dyn std::io::Write) -> HTMLOutput {
        HTMLOutput {
            file,
            flip_ctm: Transform2D::identity(),
            last_ctm: Transform2D::identity(),
            buf_ctm: Transform2D::identity(),
            buf: String::new(),
            buf_font_size: 0.,
        }
    }
    fn flush_string(&mut self) -> Result<(), OutputError>{
        if self.buf.len() != 0 {

            let position = self.buf_ctm.post_transform(&self.flip_ctm);
            let transformed_font_size_vec = self.buf_ctm.transform_vector(vec2(self.buf_font_size, self.buf_font_size));
            // get the length of one sized of the square with the same area with a rectangle of size (x, y)
            let transformed_font_size = (transformed_font_size_vec.x * transformed_font_size_vec.y).sqrt();
            let (x, y) = (position.m31, position.m32);
            warn!("flush {} {:?}", self.buf, (x,y));

            write!(self.file, "<div style='position: absolute; left: {}px; top: {}px; font-size: {}px'>{}</div>\n",
                   x, y, transformed_font_size, insert_nbsp(&self.buf))?;
        }
        Ok(())
    }
}

type ArtBox = (f64, f64, f64, f64);

impl<'a> OutputDev for HTMLOutput<'a> {
    fn begin_page(&mut self, page_num: u32, media_box: &MediaBox, _: Option<ArtBox>) -> Result<(), OutputError> {
        write!(self.file, "<meta charset='utf-8' /> ")?;
        write!(self.file, "<!-- page {} -->", page_num)?;
        write!(self.file, "<div id='page{}' style='position: relative; height: {}px; width: {}px; border: 1px black solid'>", page_num, media_box.ury - media_box.lly, media_box.urx - media_box.llx)?;
        self.flip_ctm = Transform::row_major(1., 0., 0., -1., 0., media_box.ury - media_box.lly);
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        self.flush_string()?;
        self.buf = String::new();
        self.last_ctm = Transform::identity();
        write!(self.file, "</div>")?;
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, width: f64, spacing: f64, font_size: f64, char: &str) -> Result<(), OutputError>{
        if trm.approx_eq(&self.last_ctm) {
            let position = trm.post_transform(&self.flip_ctm);
            let (x, y) = (position.m31, position.m32);

            warn!("accum {} {:?}", char, (x,y));
            self.buf += char;
        } else {
            warn!("flush {} {:?} {:?} {} {} {}", char, trm, self.last_ctm, width, font_size, spacing);
            self.flush_string()?;
            self.buf = char.to_owned();
            self.buf_font_size = font_size;
            self.buf_ctm = *trm;
        }
        let position = trm.post_transform(&self.flip_ctm);
        let transformed_font_size_vec = trm.transform_vector(vec2(font_size, font_size));
        // get the length of one sized of the square with the same area with a rectangle of size (x, y)
        let transformed_font_size = (transformed_font_size_vec.x * transformed_font_size_vec.y).sqrt();
        let (x, y) = (position.m31, position.m32);
        write!(self.file, "<div style='position: absolute; color: red; left: {}px; top: {}px; font-size: {}px'>{}</div>",
               x, y, transformed_font_size, char)?;
        self.last_ctm = trm.pre_transform(&Transform2D::create_translation(width * font_size + spacing, 0.));

        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {Ok(())}
    fn end_word(&mut self) -> Result<(), OutputError> {Ok(())}
    fn end_line(&mut self) -> Result<(), OutputError> {Ok(())}
}

pub struct SVGOutput<'a>  {
    file: &'a mut dyn std::io::Write
}
impl<'a> SVGOutput<'a> {
    pub fn new(file: &mut dyn std::io::Write) -> SVGOutput {
        SVGOutput{file}
    }
}

impl<'a> OutputDev for SVGOutput<'a> {
    fn begin_page(&mut self, _page_num: u32, media_box: &MediaBox, art_box: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        let ver = 1.1;
        write!(self.file, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n")?;
        if ver == 1.1 {
            write!(self.file, r#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">"#)?;
        } else {
            write!(self.file, r#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.0//EN" "http://www.w3.org/TR/2001/REC-SVG-20010904/DTD/svg10.dtd">"#)?;
        }
        if let Some(art_box) = art_box {
            let width = art_box.2 - art_box.0;
            let height = art_box.3 - art_box.1;
            let y = media_box.ury - art_box.1 - height;
            write!(self.file, "<svg width=\"{}\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" version=\"{}\" viewBox='{} {} {} {}'>", width, height, ver, art_box.0, y, width, height)?;
        } else {
            let width = media_box.urx - media_box.llx;
            let height = media_box.ury - media_box.lly;
            write!(self.file, "<svg width=\"{}\" height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" version=\"{}\" viewBox='{} {} {} {}'>", width, height, ver, media_box.llx, media_box.lly, width, height)?;
        }
        write!(self.file, "\n")?;
        type Mat = Transform;

        let ctm = Mat::create_scale(1., -1.).post_translate(vec2(0., media_box.ury));
        write!(self.file, "<g transform='matrix({}, {}, {}, {}, {}, {})'>\n",
               ctm.m11,
               ctm.m12,
               ctm.m21,
               ctm.m22,
               ctm.m31,
               ctm.m32,
        )?;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError>{
        write!(self.file, "</g>\n")?;
        write!(self.file, "</svg>")?;
        Ok(())
    }
    fn output_character(&mut self, _trm: &Transform, _width: f64, _spacing: f64, _font_size: f64, _char: &str) -> Result<(), OutputError>{
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {Ok(())}
    fn end_word(&mut self) -> Result<(), OutputError> {Ok(())}
    fn end_line(&mut self) -> Result<(), OutputError> {Ok(())}
    fn fill(&mut self, ctm: &Transform, _colorspace: &ColorSpace, _color: &[f64], path: &Path) -> Result<(), OutputError>{
        write!(self.file, "<g transform='matrix({}, {}, {}, {}, {}, {})'>",
               ctm.m11,
               ctm.m12,
               ctm.m21,
               ctm.m22,
               ctm.m31,
               ctm.m32,
        )?;

        /*if path.ops.len() == 1 {
            if let PathOp::Rect(x, y, width, height) = path.ops[0] {
                write!(self.file, "<rect x={} y={} width={} height={} />\n", x, y, width, height);
                write!(self.file, "</g>");
                return;
            }
        }*/
        let mut d = Vec::new();
        for op in &path.ops {
            match op {
                &PathOp::MoveTo(x, y) => { d.push(format!("M{} {}", x, y))}
                &PathOp::LineTo(x, y) => { d.push(format!("L{} {}", x, y))},
                &PathOp::CurveTo(x1, y1, x2, y2, x, y) => { d.push(format!("C{} {} {} {} {} {}", x1, y1, x2, y2, x, y))},
                &PathOp::Close => { d.push(format!("Z"))},
                &PathOp::Rect(x, y, width, height) => {
                    d.push(format!("M{} {}", x, y));
                    d.push(format!("L{} {}", x + width, y));
                    d.push(format!("L{} {}", x + width, y + height));
                    d.push(format!("L{} {}", x, y + height));
                    d.push(format!("Z"));
                }

            }
        }
        write!(self.file, "<path d='{}' />", d.join(" "))?;
        write!(self.file, "</g>")?;
        write!(self.file, "\n")?;
        Ok(())
    }
}

/*
File doesn't implement std::fmt::Write so we have
to do some gymnastics to accept a File or String
See https://github.com/rust-lang/rust/issues/51305
*/

pub trait ConvertToFmt {
    type Writer: std::fmt::Write;
    fn convert(self) -> Self::Writer;
}

impl<'a> ConvertToFmt for &'a mut String {
    type Writer = &'a mut String;
    fn convert(self) -> Self::Writer {
        self
    }
}

pub struct WriteAdapter<W> {
    f: W,
}

impl<W: std::io::Write> std::fmt::Write for WriteAdapter<W> {
    fn write_str(&mut self, s: &str) -> Result<(), std::fmt::Error> {
        self.f.write_all(s.as_bytes()).map_err(|_| fmt::Error)
    }
}

impl<'a> ConvertToFmt for &'a mut dyn std::io::Write {
    type Writer = WriteAdapter<Self>;
    fn convert(self) -> Self::Writer {
        WriteAdapter { f: self }
    }
}

impl<'a> ConvertToFmt for &'a mut File {
    type Writer = WriteAdapter<Self>;
    fn convert(self) -> Self::Writer {
        WriteAdapter { f: self }
    }
}

pub struct PlainTextOutput<W: ConvertToFmt>   {
    writer: W::Writer,
    last_end: f64,
    last_y: f64,
    first_char: bool,
    flip_ctm: Transform,
}

impl<W: ConvertToFmt> PlainTextOutput<W> {
    pub fn new(writer: W) -> PlainTextOutput<W> {
        PlainTextOutput{
            writer: writer.convert(),
            last_end: 100000.,
            first_char: false,
            last_y: 0.,
            flip_ctm: Transform2D::identity(),
        }
    }
}

/* There are some structural hints that PDFs can use to signal word and line endings:
 * however relying on these is not likely to be sufficient. */
impl<W: ConvertToFmt> OutputDev for PlainTextOutput<W> {
    fn begin_page(&mut self, _page_num: u32, media_box: &MediaBox, _: Option<ArtBox>) -> Result<(), OutputError> {
        self.flip_ctm = Transform2D::row_major(1., 0., 0., -1., 0., media_box.ury - media_box.lly);
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, width: f64, _spacing: f64, font_size: f64, char: &str) -> Result<(), OutputError> {
        let position = trm.post_transform(&self.flip_ctm);
        let transformed_font_size_vec = trm.transform_vector(vec2(font_size, font_size));
        // get the length of one sized of the square with the same area with a rectangle of size (x, y)
        let transformed_font_size = (transformed_font_size_vec.x*transformed_font_size_vec.y).sqrt();
        let (x, y) = (position.m31, position.m32);
        use std::fmt::Write;
        //dlog!("last_end: {} x: {}, width: {}", self.last_end, x, width);
        if self.first_char {
            if (y - self.last_y).abs() > transformed_font_size * 1.5 {
                write!(self.writer, "\n")?;
            }

            // we've moved to the left and down
            if x < self.last_end && (y - self.last_y).abs() > transformed_font_size * 0.5 {
                write!(self.writer, "\n")?;
            }

            if x > self.last_end + transformed_font_size * 0.1 {
                dlog!("width: {}, space: {}, thresh: {}", width, x - self.last_end, transformed_font_size * 0.1);
                write!(self.writer, " ")?;
            }
        }
        //let norm = unicode_normalization::UnicodeNormalization::nfkc(char);
        write!(self.writer, "{}", char)?;
        self.first_char = false;
        self.last_y = y;
        self.last_end = x + width * transformed_font_size;
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.first_char = true;
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {Ok(())}
    fn end_line(&mut self) -> Result<(), OutputError>{
        //write!(self.file, "\n");
        Ok(())
    }
}


pub fn print_metadata(doc: &Document) {
    dlog!("Version: {}", doc.version);
    if let Some(ref info) = get_info(&doc) {
        for (k, v) in *info {
            match v {
                &Object::String(ref s, StringFormat::Literal) => { dlog!("{}: {}", pdf_to_utf8(k), pdf_to_utf8(s)); }
                _ => {}
            }
        }
    }
    dlog!("Page count: {}", get::<i64>(&doc, &get_pages(&doc), b"Count"));
    dlog!("Pages: {:?}", get_pages(&doc));
    dlog!("Type: {:?}", get_pages(&doc).get(b"Type").and_then(|x| x.as_name()).unwrap());
}

/// Extract the text from a pdf at `path` and return a `String` with the results
pub fn extract_text<P: std::convert::AsRef<std::path::Path>>(path: P) -> Result<String, OutputError> {
    let mut s = String::new();
    {
        let mut output = PlainTextOutput::new(&mut s);
        let mut doc = Document::load(path)?;
        maybe_decrypt(&mut doc)?;
        output_doc(&doc, &mut output)?;
    }
    Ok(s)
}

fn maybe_decrypt(doc: &mut Document) -> Result<(), OutputError> {
    if ! doc.is_encrypted() {
        return Ok(());
    }

    if let Err(e) = doc.decrypt("") {
        if let Error::Decryption(DecryptionError::IncorrectPassword) = e {
            error!("Encrypted documents must be decrypted with a password using {{extract_text|extract_text_from_mem|output_doc}}_encrypted")
        }

        return Err(OutputError::PdfError(e));
    }

    Ok(())
}

pub fn extract_text_encrypted<P: std::convert::AsRef<std::path::Path>>(
    path: P,
    password: &str,
) -> Result<String, OutputError> {
    let mut s = String::new();
    {
        let mut output = PlainTextOutput::new(&mut s);
        let mut doc = Document::load(path)?;
        output_doc_encrypted(&mut doc, &mut output, password)?;
    }
    Ok(s)
}

pub fn extract_text_from_mem(buffer: &[u8]) -> Result<String, OutputError> {
    let mut s = String::new();
    {
        let mut output = PlainTextOutput::new(&mut s);
        let mut doc = Document::load_mem(buffer)?;
        maybe_decrypt(&mut doc)?;
        output_doc(&doc, &mut output)?;
    }
    Ok(s)
}

pub fn extract_text_from_mem_encrypted(
    buffer: &[u8],
    password: &str,
) -> Result<String, OutputError> {
    let mut s = String::new();
    {
        let mut output = PlainTextOutput::new(&mut s);
        let mut doc = Document::load_mem(buffer)?;
        output_doc_encrypted(&mut doc, &mut output, password)?;
    }
    Ok(s)
}


fn extract_text_by_page(doc: &Document, page_num: u32) -> Result<String, OutputError> {
    let mut s = String::new();
    {
        let mut output = PlainTextOutput::new(&mut s);
        output_doc_page(doc, &mut output, page_num)?;
    }
    Ok(s)
}

/// Extract the text from a pdf at `path` and return a `Vec<String>` with the results separately by page

pub fn extract_text_by_pages<P: std::convert::AsRef<std::path::Path>>(path: P) -> Result<Vec<String>, OutputError> {
    let mut v = Vec::new();
    {
        let mut doc = Document::load(path)?;
        maybe_decrypt(&mut doc)?;
        let mut page_num = 1;
        while let Ok(content) = extract_text_by_page(&doc, page_num) {
            v.push(content);
            page_num += 1;
        }
    }
    Ok(v)
}

pub fn extract_text_by_pages_encrypted<P: std::convert::AsRef<std::path::Path>>(path: P, password: &str) -> Result<Vec<String>, OutputError> {
    let mut v = Vec::new();
    {
        let mut doc = Document::load(path)?;
        doc.decrypt(password)?;
        let mut page_num = 1;
        while let Ok(content) = extract_text_by_page(&mut doc, page_num) {
            v.push(content);
            page_num += 1;
        }
    }
    Ok(v)
}

pub fn extract_text_from_mem_by_pages(buffer: &[u8]) -> Result<Vec<String>, OutputError> {
    let mut v = Vec::new();
    {
        let mut doc = Document::load_mem(buffer)?;
        maybe_decrypt(&mut doc)?;
        let mut page_num = 1;
        while let Ok(content) = extract_text_by_page(&doc, page_num) {
            v.push(content);
            page_num += 1;
        }
    }
    Ok(v)
}

pub fn extract_text_from_mem_by_pages_encrypted(buffer: &[u8], password: &str) -> Result<Vec<String>, OutputError> {
    let mut v = Vec::new();
    {
        let mut doc = Document::load_mem(buffer)?;
        doc.decrypt(password)?;
        let mut page_num = 1;
        while let Ok(content) = extract_text_by_page(&doc, page_num) {
            v.push(content);
            page_num += 1;
        }
    }
    Ok(v)
}


fn get_inherited<'a, T: FromObj<'a>>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<T> {
    // cls patch: a loop with a bound and a visited list (a page that is its own /Parent
    // made the upstream recursion spin forever).
    let mut dict = dict;
    let mut seen: Vec<ObjectId> = Vec::new();
    for _ in 0..64 {
        let o: Option<T> = get(doc, dict, key);
        if o.is_some() {
            return o;
        }
        let id = dict.get(b"Parent").and_then(|parent| parent.as_reference()).ok()?;
        if seen.contains(&id) {
            return None;
        }
        seen.push(id);
        dict = doc.get_dictionary(id).ok()?;
    }
    None
}

pub fn output_doc_encrypted(
    doc: &mut Document,
    output: &mut dyn OutputDev,
    password: &str,
) -> Result<(), OutputError> {
    doc.decrypt(password)?;
    output_doc(doc, output)
}

/// Parse a given document and output it to `output`
pub fn output_doc(doc: &Document, output: &mut dyn OutputDev) -> Result<(), OutputError> {
    if doc.is_encrypted() {
        error!("Encrypted documents must be decrypted with a password using {{extract_text|extract_text_from_mem|output_doc}}_encrypted");
    }
    let empty_resources = Dictionary::new();
    let pages = doc.get_pages();
    let doc_budget = DocBudget::new();
    let mut p = Processor::new(&doc_budget);
    for dict in pages {
        let page_num = dict.0;
        let object_id = dict.1;
        output_doc_inner(page_num, object_id, doc, &mut p, output, &empty_resources)?;
    }
    Ok(())
}

/// cls patch: draws the page `object_id` (numbered `page_num`) without walking the page
/// tree again (callers that already hold the page list, or rebuilt it, pass the id).
pub fn output_page_object(doc: &Document, output: &mut dyn OutputDev, page_num: u32, object_id: ObjectId) -> Result<(), OutputError> {
    let empty_resources = Dictionary::new();
    let doc_budget = DocBudget::new();
    let mut p = Processor::new(&doc_budget);
    output_doc_inner(page_num, object_id, doc, &mut p, output, &empty_resources)
}

/// cls patch (speed): draws pages of one document one after the other, keeping the fonts
/// read on earlier pages (by object id) instead of rebuilding them, with their widths and
/// ToUnicode maps, on every page. The readers of one document share its `DocBudget`.
pub struct PageReader<'a> {
    processor: Processor<'a>,
    empty_resources: &'a Dictionary,
}

impl<'a> PageReader<'a> {
    /// A reader for pages of documents that outlive `empty_resources` (any empty
    /// dictionary; pages without resources use it), within the document's budget.
    pub fn new(empty_resources: &'a Dictionary, doc_budget: &'a DocBudget) -> PageReader<'a> {
        PageReader { processor: Processor::new(doc_budget), empty_resources }
    }

    /// Forgets the fonts read so far (a panic may have left the reader half-way through
    /// a page); the document's budget stays as spent.
    pub fn reset(&mut self) {
        self.processor = Processor::new(self.processor.doc_budget);
    }

    pub fn output_page_object(&mut self, doc: &'a Document, output: &mut dyn OutputDev, page_num: u32, object_id: ObjectId) -> Result<(), OutputError> {
        output_doc_inner(page_num, object_id, doc, &mut self.processor, output, self.empty_resources)
    }
}

pub fn output_doc_page(doc: &Document, output: &mut dyn OutputDev, page_num: u32) -> Result<(), OutputError> {
    if doc.is_encrypted() {
        error!("Encrypted documents must be decrypted with a password using {{extract_text|extract_text_from_mem|output_doc}}_encrypted");
    }
    let empty_resources = Dictionary::new();
    let pages = doc.get_pages();
    let object_id = pages.get(&page_num).ok_or(lopdf::Error::PageNumberNotFound(page_num))?;
    let doc_budget = DocBudget::new();
    let mut p = Processor::new(&doc_budget);
    output_doc_inner(page_num, *object_id, doc, &mut p, output, &empty_resources)?;
    Ok(())
}

fn output_doc_inner<'a>(page_num: u32, object_id: ObjectId, doc: &'a Document, p: & mut Processor<'a>, output: &mut dyn OutputDev, empty_resources: &'a Dictionary) -> Result<(), OutputError> {
    let page_dict = doc.get_object(object_id)?.as_dict()?;
    dlog!("page {} {:?}", page_num, page_dict);
    // Font resource names (e.g. /F0) are only unique within a page's resource
    // dictionary; the same name can map to a different font on the next page.
    // Reset the font cache per page so a stale entry from an earlier page isn't
    // reused, which would decode text with the wrong font's ToUnicode CMap.
    p.font_table.clear();
    // cls patch: budgets are per page, within the document's; a page past the document's
    // budget is not read at all.
    p.budget = PageBudget::default();
    p.forms.clear();
    p.unsettled_ops = 0;
    p.malformed = Malformed::default();
    if DocBudget::left(&p.doc_budget.operations) == 0 {
        return Err(doc_too_complex());
    }
    if DocBudget::left(&p.doc_budget.decoded_bytes) == 0 {
        return Err(doc_too_heavy());
    }
    // XXX: Some pdfs lack a Resources directory
    let resources = get_inherited(doc, page_dict, b"Resources").unwrap_or(empty_resources);
    // cls patch: a page (or its resources) read from what damage left of its dictionary
    // may have lost entries (its contents, its fonts): the page says so.
    if page_dict.has(lopdf::DAMAGED_KEY) || resources.has(lopdf::DAMAGED_KEY) {
        output.damage("dictionnaire de la page endommagé, lu en partie")?;
    }
    dlog!("resources {:?}", resources);
    // pdfium searches up the page tree for MediaBoxes as needed
    // cls patch: a missing or short MediaBox falls back to US Letter, as poppler does.
    let media_box: Vec<f64> = get_inherited(doc, page_dict, b"MediaBox")
        .filter(|b: &Vec<f64>| b.len() >= 4)
        .unwrap_or_else(|| vec![0., 0., 612., 792.]);
    let media_box = MediaBox { llx: media_box[0], lly: media_box[1], urx: media_box[2], ury: media_box[3] };
    // cls patch: a short ArtBox is no ArtBox (upstream indexed past it).
    let art_box = get::<Option<Vec<f64>>>(&doc, page_dict, b"ArtBox")
        .filter(|x| x.len() >= 4)
        .map(|x| (x[0], x[1], x[2], x[3]));
    output.begin_page(page_num, &media_box, art_box)?;
    let content = page_content(doc, object_id, p, output)?;
    let drawn = p.process_stream(&doc, &content, resources, &media_box, output, page_num);
    drop(content);
    p.malformed.report(output)?;
    drawn?;
    p.settle_ops()?;
    output.end_page()?;
    Ok(())
}

/// cls patch: the page's content streams, decoded and joined. Each is decoded on its own:
/// one that cannot be decoded is reported as damage and the others are still read
/// (upstream parsed its raw compressed bytes as operators); a page none of whose streams
/// can be decoded is not read.
fn page_content<'a>(doc: &'a Document, object_id: ObjectId, p: &mut Processor<'a>, output: &mut dyn OutputDev) -> Result<Vec<u8>, OutputError> {
    let streams = doc.get_page_contents(object_id);
    let mut content = Vec::new();
    let mut unreadable = 0;
    let mut why = "objet absent du fichier";
    for id in &streams {
        let Ok(stream) = doc.get_object(*id).and_then(|o| o.as_stream()) else {
            unreadable += 1;
            continue;
        };
        match p.take_contents(stream, output) {
            // A single stream is used as it is (no copy of a long stream).
            Ok(bytes) if content.is_empty() => content = bytes,
            Ok(bytes) => {
                // Streams join at token boundaries. The allocation is fallible, as the
                // decoder's (see `Stream::decode_within`).
                if content.try_reserve_exact(bytes.len() + 1).is_err() {
                    return Err(OutputError::Limit("mémoire insuffisante pour décompresser le contenu de la page".into()));
                }
                content.push(b'\n');
                content.extend_from_slice(&bytes);
            }
            Err(OutputError::PdfError(_)) => {
                unreadable += 1;
                why = "flux compressé endommagé";
            }
            Err(e) => return Err(e),
        }
    }
    if unreadable > 0 && unreadable == streams.len() {
        return Err(OutputError::Limit(format!("contenu de la page illisible ({why})")));
    }
    if unreadable > 0 {
        output.damage(&format!("{} flux de contenu sur {} illisibles ({why})", unreadable, streams.len()))?;
    }
    Ok(content)
}
