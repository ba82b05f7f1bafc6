//! Loading a damaged PDF the way poppler does: when the cross-reference table is missing,
//! broken or points beside the objects, it is rebuilt by scanning the file for `N G obj`.
//!
//! lopdf (0.42) trusts the table: a file with a few inserted bytes, a truncated tail or no
//! table at all fails as a whole or loses most of its objects. Rather than re-implementing
//! lopdf's object parser, the repair appends a fresh table (one entry per object header
//! found, the last one winning as in an incremental update) and a trailer to a copy of
//! the bytes, and loads that; lopdf reads the last `startxref` first. A file cut before its
//! catalog (the end of a file holds the catalog, the page tree and the table) still has its
//! pages: a catalog is appended too, over the page tree found, or over every page object
//! found when the tree is gone.

use crate::ExtractError;
use pdf_extract::{Document, ObjectId};
use std::collections::{BTreeMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The most objects one document may hold; past it the file is hostile, not a contract.
const MAX_OBJECTS: usize = 2_000_000;

/// A loaded document and how it was read.
pub struct Loaded {
    pub doc: Document,
    /// The cross-reference table was rebuilt by scanning the file for objects.
    pub repaired: bool,
    /// The file ends before its end-of-file marker: it was cut.
    pub truncated: bool,
}

/// Loads the document, rebuilding its cross-reference table when the table misses objects
/// that the file holds.
pub fn load(bytes: &[u8]) -> Result<Loaded, ExtractError> {
    let truncated = is_truncated(bytes);
    let (doc, repaired) = load_or_rebuild(bytes, truncated)?;
    Ok(Loaded {
        doc,
        repaired,
        truncated,
    })
}

/// Whether the file lacks the `%%EOF` marker in its last kilobyte (incremental updates and
/// trailing junk aside, every whole PDF ends with one).
fn is_truncated(bytes: &[u8]) -> bool {
    find(&bytes[bytes.len().saturating_sub(1024)..], b"%%EOF").is_none()
}

fn load_or_rebuild(bytes: &[u8], truncated: bool) -> Result<(Document, bool), ExtractError> {
    let base = bytes.windows(5).position(|w| w == b"%PDF-").unwrap_or(0);
    let found = scan_objects(&bytes[base..]);
    if found.len() > MAX_OBJECTS {
        return Err(ExtractError::Limit(format!("plus de {MAX_OBJECTS} objets")));
    }
    let normal = load_mem(bytes);
    let missing = |doc: &Document| {
        found
            .keys()
            .filter(|id| !doc.objects.contains_key(id))
            .count()
    };
    let normal = match normal {
        Ok(doc) if missing(&doc) == 0 => return Ok((doc, false)),
        // An encrypted file is never rebuilt: the rebuilt trailer would lose its key.
        Ok(doc) if doc.is_encrypted() || doc.encryption_state.is_some() => return Ok((doc, false)),
        other => other,
    };
    if normal.is_err() && find(bytes, b"/Encrypt").is_some() {
        return normal.map(|d| (d, false));
    }
    let repaired = rebuild(&bytes[base..], &found).and_then(|b| load_mem(&b).ok());
    match (normal, repaired) {
        (Ok(n), Some(r)) => {
            let (pn, pr) = (page_ids(&n).0.len(), page_ids(&r).0.len());
            if pr > pn || (pr == pn && missing(&r) < missing(&n)) {
                Ok((r, true))
            } else {
                Ok((n, false))
            }
        }
        (Ok(n), None) => Ok((n, false)),
        (Err(_), Some(r)) => Ok((r, true)),
        (Err(_), None) => Err(unreadable(&found, truncated)),
    }
}

/// Why a file that neither loads nor can be rebuilt is unreadable, in its own words.
fn unreadable(found: &BTreeMap<ObjectId, usize>, truncated: bool) -> ExtractError {
    let cut = if truncated { "fichier tronqué : " } else { "" };
    ExtractError::Unreadable(if found.is_empty() {
        format!("{cut}aucun objet PDF dans le fichier")
    } else {
        format!(
            "{cut}aucune page retrouvée parmi les {} objets du fichier",
            found.len()
        )
    })
}

fn load_mem(bytes: &[u8]) -> Result<Document, ExtractError> {
    // lopdf itself can panic on malformed input; guard the load too. Its errors are in
    // English and only say which structure failed: the caller gives the reason.
    match catch_unwind(AssertUnwindSafe(|| Document::load_mem(bytes))) {
        Ok(Ok(doc)) => Ok(doc),
        _ => Err(ExtractError::Unreadable(
            "la structure du PDF n'a pas pu être analysée".into(),
        )),
    }
}

/// The page objects in reading order, each once (a page-tree cycle lists a page again),
/// and the page count the file declares. When the page tree gives nothing, every object of
/// type `/Page` is a page, in object-number order (poppler does the same).
pub fn page_ids(doc: &Document) -> (Vec<ObjectId>, u32) {
    let mut seen = HashSet::new();
    let mut ids: Vec<ObjectId> = doc.page_iter().filter(|id| seen.insert(*id)).collect();
    if ids.is_empty() {
        ids = doc
            .objects
            .iter()
            .filter(|(_, o)| {
                o.as_dict()
                    .ok()
                    .and_then(|d| d.get(b"Type").ok())
                    .and_then(|t| t.as_name().ok())
                    == Some(b"Page".as_slice())
            })
            .map(|(id, _)| *id)
            .collect();
    }
    let declared = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|p| p.as_reference().ok())
        .and_then(|id| doc.get_dictionary(id).ok())
        .and_then(|d| d.get(b"Count").ok())
        .and_then(|c| c.as_i64().ok())
        .map_or(0, |c| c.clamp(0, 100_000) as u32);
    (ids, declared)
}

/// Every `N G obj` header at the start of a line, with its offset; a later header of the
/// same object wins, as an incremental update does.
fn scan_objects(bytes: &[u8]) -> BTreeMap<ObjectId, usize> {
    let mut found = BTreeMap::new();
    let mut i = 0;
    while let Some(p) = find(&bytes[i..], b"obj") {
        let at = i + p;
        i = at + 3;
        let after_ok = bytes
            .get(at + 3)
            .is_none_or(|c| c.is_ascii_whitespace() || b"<[/(%".contains(c));
        if !after_ok {
            continue;
        }
        if let Some((id, start)) = header_before(bytes, at) {
            found.insert(id, start);
        }
    }
    found
}

/// Reads `N G ` backwards from the `obj` keyword at `at`; the header must start a line.
fn header_before(bytes: &[u8], at: usize) -> Option<(ObjectId, usize)> {
    let is_space = |c: u8| c == b' ' || c == b'\t' || c == b'\r' || c == b'\n';
    let mut j = at;
    let skip_spaces = |j: &mut usize| -> bool {
        let before = *j;
        while *j > 0 && is_space(bytes[*j - 1]) {
            *j -= 1;
        }
        *j < before
    };
    let digits = |j: &mut usize| -> Option<u64> {
        let end = *j;
        while *j > 0 && bytes[*j - 1].is_ascii_digit() && end - *j < 10 {
            *j -= 1;
        }
        std::str::from_utf8(&bytes[*j..end]).ok()?.parse().ok()
    };
    if !skip_spaces(&mut j) {
        return None;
    }
    let gen = digits(&mut j)?;
    if !skip_spaces(&mut j) {
        return None;
    }
    let num = digits(&mut j)?;
    let start = j;
    while j > 0 && (bytes[j - 1] == b' ' || bytes[j - 1] == b'\t') {
        j -= 1;
    }
    if j > 0 && bytes[j - 1] != b'\n' && bytes[j - 1] != b'\r' {
        return None;
    }
    let num = u32::try_from(num).ok().filter(|n| *n > 0)?;
    let gen = u16::try_from(gen).ok()?;
    Some(((num, gen), start))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The bytes with a rebuilt table and trailer appended (and a catalog when none is left),
/// or `None` when neither a catalog nor a page is found.
fn rebuild(bytes: &[u8], found: &BTreeMap<ObjectId, usize>) -> Option<Vec<u8>> {
    // One entry per object number: the header found last in the file wins.
    let mut latest: BTreeMap<u32, (u16, usize)> = BTreeMap::new();
    for (&(num, gen), &off) in found {
        if latest.get(&num).is_none_or(|&(_, o)| off > o) {
            latest.insert(num, (gen, off));
        }
    }
    let mut out = Vec::with_capacity(bytes.len() + latest.len() * 32 + 256);
    out.extend_from_slice(bytes);
    // The trailer's root when its object was found; else the catalog found by scanning;
    // else the trailer's root anyway (it may sit in an object stream); else a new catalog
    // over the pages found.
    let root = match root_ref(bytes) {
        Some(id) if found.contains_key(&id) => id,
        other => match catalog_object(bytes, found).or(other) {
            Some(id) => id,
            None => new_catalog(bytes, found, &mut latest, &mut out)?,
        },
    };
    let size = latest.keys().next_back().copied().unwrap_or(0) + 1;
    let xref = out.len() + 1;
    out.extend_from_slice(b"\nxref\n0 1\n0000000000 65535 f \n");
    for (num, (gen, off)) in &latest {
        out.extend_from_slice(format!("{num} 1\n{off:010} {gen:05} n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {} {} R >>\nstartxref\n{xref}\n%%EOF\n",
            root.0, root.1
        )
        .as_bytes(),
    );
    Some(out)
}

/// Appends a catalog (and, when the page tree is gone too, a page tree over every page
/// object found, in file order) to `out`, entering them in `latest`; `None` when the file
/// holds no page at all.
fn new_catalog(
    bytes: &[u8],
    found: &BTreeMap<ObjectId, usize>,
    latest: &mut BTreeMap<u32, (u16, usize)>,
    out: &mut Vec<u8>,
) -> Option<ObjectId> {
    let (trees, pages) = page_objects(bytes, found);
    let mut next = latest.keys().next_back().copied().unwrap_or(0) + 1;
    let mut add = |body: String, latest: &mut BTreeMap<u32, (u16, usize)>, out: &mut Vec<u8>| {
        let num = next;
        next += 1;
        out.push(b'\n');
        latest.insert(num, (0, out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n{body}\nendobj\n").as_bytes());
        num
    };
    let tree = match trees.first() {
        Some(&(num, gen)) => (num, gen),
        None if !pages.is_empty() => {
            let kids: Vec<String> = pages.iter().map(|(n, g)| format!("{n} {g} R")).collect();
            let body = format!(
                "<< /Type /Pages /Kids [{}] /Count {} >>",
                kids.join(" "),
                pages.len()
            );
            (add(body, latest, out), 0)
        }
        None => return None,
    };
    let body = format!("<< /Type /Catalog /Pages {} {} R >>", tree.0, tree.1);
    Some((add(body, latest, out), 0))
}

/// The roots of page trees (`/Type /Pages` without `/Parent`) and the page objects
/// (`/Type /Page`) among the objects found, in file order, by their dictionaries' text.
fn page_objects(bytes: &[u8], found: &BTreeMap<ObjectId, usize>) -> (Vec<ObjectId>, Vec<ObjectId>) {
    let mut by_offset: Vec<(usize, ObjectId)> = found.iter().map(|(id, &o)| (o, *id)).collect();
    by_offset.sort_unstable();
    let (mut trees, mut pages) = (Vec::new(), Vec::new());
    for (i, &(start, id)) in by_offset.iter().enumerate() {
        let end = by_offset
            .get(i + 1)
            .map_or(bytes.len(), |&(o, _)| o)
            .min(start + 4096);
        let body = &bytes[start..end];
        // Only the dictionary counts, not a stream's data.
        let dict = find(body, b"stream").map_or(body, |at| &body[..at]);
        match page_type(dict) {
            Some(true) if find(dict, b"/Parent").is_none() => trees.push(id),
            Some(false) => pages.push(id),
            _ => {}
        }
    }
    (trees, pages)
}

/// `Some(true)` for a `/Type /Pages` dictionary, `Some(false)` for a `/Type /Page` one (the
/// first `/Type` that is either: a nested dictionary may have its own type).
fn page_type(dict: &[u8]) -> Option<bool> {
    let mut i = 0;
    while let Some(p) = find(&dict[i..], b"/Type") {
        i += p + 5;
        let rest = &dict[i..];
        let name = rest
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let rest = &rest[name..];
        if rest.starts_with(b"/Pages") {
            return Some(true);
        }
        if rest.starts_with(b"/Page") && !rest.get(5).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return Some(false);
        }
    }
    None
}

/// The last `/Root N G R` of the file (trailer or cross-reference stream).
fn root_ref(bytes: &[u8]) -> Option<ObjectId> {
    let mut best = None;
    let mut i = 0;
    while let Some(p) = find(&bytes[i..], b"/Root") {
        let at = i + p + 5;
        i = at;
        let rest = &bytes[at..bytes.len().min(at + 32)];
        let text = String::from_utf8_lossy(rest);
        let mut words = text.split_ascii_whitespace();
        let (Some(n), Some(g), Some(r)) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        if let (Ok(n), Ok(g), true) = (n.parse::<u32>(), g.parse::<u16>(), r.starts_with('R')) {
            best = Some((n, g));
        }
    }
    best
}

/// The object holding the last `/Type /Catalog` of the file.
fn catalog_object(bytes: &[u8], found: &BTreeMap<ObjectId, usize>) -> Option<ObjectId> {
    let mut best = None;
    let mut i = 0;
    while let Some(p) = find(&bytes[i..], b"/Catalog") {
        let at = i + p;
        i = at + 8;
        let head = String::from_utf8_lossy(&bytes[at.saturating_sub(12)..at]);
        if !head.trim_end().ends_with("/Type") {
            continue;
        }
        best = found
            .iter()
            .filter(|(_, &off)| off <= at)
            .max_by_key(|(_, &off)| off)
            .map(|(id, _)| *id);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_headers_are_found_at_line_starts_only() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\n  12 3 obj<<>>\nx 4 0 obj\n(5 0 obj)\n";
        let found = scan_objects(pdf);
        let ids: Vec<ObjectId> = found.keys().copied().collect();
        assert_eq!(ids, vec![(1, 0), (12, 3)]);
        assert_eq!(found[&(1, 0)], 9);
    }

    #[test]
    fn the_last_root_reference_wins() {
        let pdf = b"1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer << /Root 7 0 R >>\ntrailer << /Root 1 0 R >>";
        let found = scan_objects(pdf);
        assert_eq!(root_ref(pdf), Some((1, 0)));
        assert_eq!(catalog_object(pdf, &found), Some((1, 0)));
    }
}
