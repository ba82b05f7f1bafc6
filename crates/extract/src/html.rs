//! HTML pages to content blocks (title, headings, paragraphs, list items, table rows),
//! with what every page of a site repeats removed.
//!
//! Boilerplate goes in two passes. First, elements that are never content by their role
//! (scripts, navigation, header and footer of the site, forms, cookie banners such as
//! tarteaucitron or the State design system's consent banner, share buttons, sidebars)
//! are skipped by tag, role, id or class (`boilerplate.rs`: class words read
//! structurally, never emptying the page). Then the content container is chosen: semantic
//! markup when the page has it (`<main>`, `<article>`, `.entry-content`, Drupal's
//! `field--name-body`), otherwise the block with the most text and the fewest links
//! (the Readability / trafilatura idea), since many municipal sites are plain `<div>`s
//! with a news column beside the content. Inside it, related-news sections ("À lire
//! aussi"), "Revenir en haut de page" and trailing lorem-ipsum filler are dropped.

use scraper::{ElementRef, Html, Node};
use std::collections::HashMap;

mod boilerplate;
mod lead_in;
mod tabs;
use boilerplate::Pruner;
use tabs::Tabs;

/// The kind of an HTML block, as the page's markup says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HtmlKind {
    Heading(u8),
    #[default]
    Paragraph,
    ListItem,
    TableRow,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlBlock {
    pub kind: HtmlKind,
    pub text: String,
    /// The cells of a table row (empty for other blocks).
    pub cells: Vec<String>,
    /// The lines of the block as the page breaks them (`<br>`, nested blocks): for a
    /// table row, one list per cell; otherwise one list with the block's lines.
    pub lines: Vec<Vec<String>>,
    /// The number a browser shows before an item of an ordered list (`<ol start>`,
    /// `<li value>`), which is not in the text.
    pub number: Option<u32>,
    /// The table a row belongs to (counted in page order), so that a header row is applied
    /// to the rows of its own table only.
    pub table: Option<u32>,
    /// A table row of header cells (`<th>` only, or inside `<thead>`).
    pub header: bool,
    /// The title of a collapsible item: `<summary>`, or an accordion button
    /// (`aria-expanded`, as WordPress, Bootstrap and the DSFR write them).
    pub toggle: bool,
    /// The text of an inline element that opens the block and is followed by more text,
    /// as a run-in label or title is written: `<strong>Porteur</strong> CCAS`,
    /// `<span class="label">Pilote</span> <span>Mairie</span>`.
    pub run_in: Option<String>,
    /// A block that goes on the list item before it: a `<dd>` after its `<dt>` (read as a
    /// paragraph of the term's item).
    pub continued: bool,
}

/// A link to a PDF file from the page's content.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PdfLink {
    /// The address, made absolute from the page's canonical address when it is relative.
    pub href: String,
    /// The link's text, with its title and the caption around it.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlDocument {
    /// The `<title>` of the page.
    pub title: Option<String>,
    /// `og:title`, the title social networks show.
    pub og_title: Option<String>,
    /// `og:site_name`, the publisher's name; without it, the `alt` of the site's logo.
    pub site_name: Option<String>,
    /// The breadcrumb trail, from the home page to this page.
    pub breadcrumb: Vec<String>,
    /// Links to PDF files in the page (boilerplate aside).
    pub pdf_links: Vec<PdfLink>,
    pub blocks: Vec<HtmlBlock>,
    /// Tags removed because the page nested its elements deeper than a real page does
    /// (the text under them is kept, the structure they gave is not).
    pub flattened: usize,
}

/// Decodes the page as its bytes say, in the order of the HTML encoding-sniffing
/// algorithm where it matters: a byte-order mark first (UTF-8, UTF-16LE, UTF-16BE), then
/// UTF-16 without a mark recognised by its pattern (ASCII markup with a zero byte beside
/// every character); then valid UTF-8, which wins over a declared charset because editors
/// and CMSs leave a stale `<meta charset>` (Latin-1, Shift_JIS…) on UTF-8 pages far more
/// often than Latin-1 text happens to be valid UTF-8; then the charset declared in
/// `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`; and
/// Windows-1252 (the superset of ISO-8859-1 that browsers use) when nothing is declared.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Some(enc) = utf16_by_pattern(bytes) {
        return enc.decode(bytes).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    if let Some(s) = utf8_with_strays(bytes) {
        return s;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let declared = head.find("charset=").map(|i| {
        head[i + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<String>()
    });
    let enc = declared
        .as_deref()
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        // A page that declares UTF-8 but is not valid UTF-8 was saved in Windows-1252.
        .filter(|e| {
            *e != encoding_rs::UTF_8 && *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE
        })
        .unwrap_or(encoding_rs::WINDOWS_1252);
    enc.decode(bytes).0.into_owned()
}

/// A UTF-8 page with a few stray bytes of another encoding (a paragraph pasted from a
/// Windows-1252 document, a byte damaged in transit): more valid multi-byte characters
/// than invalid sequences. Decoding the whole page as Windows-1252 would garble every
/// accent of it; here the valid UTF-8 stays as it is and each invalid byte is read as
/// Windows-1252, the likeliest source of a stray accented letter. A page really saved in
/// Windows-1252 has (almost) no valid multi-byte sequence and is left to the declared
/// charset.
fn utf8_with_strays(bytes: &[u8]) -> Option<String> {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte <= invalid {
        return None;
    }
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        out.push_str(
            &encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(chunk.invalid())
                .0,
        );
    }
    Some(out)
}

/// UTF-16 by its byte-order mark, or without one by its pattern: in the first bytes of
/// an HTML page most characters are ASCII, so one byte of each pair is zero.
pub fn utf16_by_pattern(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(encoding_rs::UTF_16LE);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(encoding_rs::UTF_16BE);
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 16 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_zero * 10 >= pairs * 8 && even_zero * 10 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even_zero * 10 >= pairs * 8 && odd_zero * 10 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Phrases that open a related-news or utility section, which is skipped to its end.
const RELATED_HEADINGS: &[&str] = &[
    "a lire aussi",
    "à lire aussi",
    "lire aussi",
    "actualites",
    "actualités",
    "dans la meme rubrique",
    "dans la même rubrique",
    "dans cette rubrique",
    "sur le meme sujet",
    "sur le même sujet",
    "agenda",
    "voir aussi",
    "en savoir plus sur le site",
    "articles similaires",
    "les dernieres actualites",
    "les dernières actualités",
    "partager",
    "partager cette page",
];

/// Lines that are utility text, never content.
const UTILITY_LINES: &[&str] = &[
    "revenir en haut de page",
    "retour en haut de page",
    "haut de page",
    "lire la suite",
    "imprimer",
    "partager",
    "partager :",
    "envoyer par e-mail",
    "aller au contenu",
    "tout accepter",
    "tout refuser",
    "personnaliser",
    "mentions légales",
    "plan du site",
    "accessibilité",
    "gestion des cookies",
    "données personnelles",
    "télécharger",
];

/// An accordion's button: it opens a panel (`aria-expanded`, `aria-controls`, Bootstrap's
/// `data-bs-toggle="collapse"`). Menu and search toggles carry the same attributes but
/// sit in navigation, which is skipped before their button is seen.
pub(crate) fn is_toggle(e: &ElementRef) -> bool {
    let v = e.value();
    v.attr("aria-expanded").is_some()
        || v.attr("aria-controls").is_some()
        || v.attr("data-bs-toggle").is_some()
        || v.attr("data-toggle").is_some()
}

/// The title of a collapsible item, whatever its tag: `<summary>`, an accordion button, an
/// element playing a button or a tab that opens a panel (Elementor writes
/// `div.elementor-tab-title[role=button][aria-controls]`), or an element whose class names
/// an accordion's title. A long text is a panel, not its title.
fn is_toggle_title(e: &ElementRef) -> bool {
    let v = e.value();
    let name = v.name();
    if name == "summary" || (name == "button" && is_toggle(e)) {
        return true;
    }
    let plays_button = matches!(v.attr("role"), Some("button" | "tab")) || name == "a";
    let class = v.attr("class").unwrap_or("");
    let titled = TOGGLE_TITLE_CLASSES.iter().any(|c| class.contains(c));
    ((plays_button && is_toggle(e)) || titled) && short_text(e, 300)
}

/// Classes of an accordion's title in the page builders and frameworks that do not mark it
/// with ARIA attributes.
const TOGGLE_TITLE_CLASSES: &[&str] = &[
    "elementor-tab-title",
    "accordion-header",
    "accordion-title",
    "accordion__title",
    "toggle-title",
];

/// Whether the text of `e` is shorter than `max` bytes (counted until it is not).
fn short_text(e: &ElementRef, max: usize) -> bool {
    let mut n = 0;
    for t in e.text() {
        n += t.trim().len();
        if n >= max {
            return false;
        }
    }
    true
}

/// A collapsed accordion panel: hidden until its button opens it, but content.
pub(crate) fn is_panel(e: &ElementRef) -> bool {
    let v = e.value();
    if v.attr("aria-labelledby").is_some() || matches!(v.attr("role"), Some("region" | "tabpanel"))
    {
        return true;
    }
    let class = v.attr("class").unwrap_or("").to_ascii_lowercase();
    ["collapse", "accordion", "panel", "toggle-content"]
        .iter()
        .any(|m| class.contains(m))
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "dt",
    "dd",
    "blockquote",
    "div",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "td",
    "th",
    "header",
    "dl",
    "pre",
    "address",
    "center",
    "details",
    "summary",
    "fieldset",
    "button",
    "figure",
    "figcaption",
    "span",
];

/// Whether an inline element holds blocks (a card wrapped in a link, a heading inside
/// unclosed `<font>` tags): browsers lay those blocks out as blocks, so it is walked as a
/// container rather than read as a run of inline text, which would lose them.
fn holds_blocks(e: &ElementRef) -> bool {
    e.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|d| is_block(d.value().name()))
}

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name) && name != "span"
}

/// Text of an element without its nested block children; `<br>` breaks a line.
fn inline_text(p: &Pruner, e: &ElementRef, out: &mut String) {
    let mut after_link = false;
    for child in e.children() {
        match child.value() {
            Node::Text(t) => {
                out.push_str(t);
                after_link = false;
            }
            Node::Element(el) => {
                if let Some(ce) = ElementRef::wrap(child) {
                    if el.name() == "br" {
                        out.push('\n');
                        continue;
                    }
                    if p.is_boilerplate(&ce) || is_block(el.name()) || holds_blocks(&ce) {
                        continue;
                    }
                    space_between_links(out, &mut after_link, el.name());
                    inline_text(p, &ce, out);
                }
            }
            _ => {}
        }
    }
}

/// Two links side by side are two texts ("<a>Le contrat</a><a>Télécharger</a>": a file
/// and its download button), which a theme sets apart by its style: two lines, not one
/// glued word.
fn space_between_links(out: &mut String, after_link: &mut bool, name: &str) {
    let link = name == "a";
    if link && *after_link && !out.ends_with(char::is_whitespace) {
        out.push('\n');
    }
    *after_link = link;
}

/// The run-in element that opens `e` (see `HtmlBlock::run_in`): its first inline child
/// when more text follows it; an element that wraps all the text (`<small>`) is looked
/// into.
fn run_in(p: &Pruner, e: &ElementRef) -> Option<String> {
    let mut children = e.children().filter(|c| match c.value() {
        Node::Text(t) => !t.trim().is_empty(),
        Node::Element(el) => {
            ElementRef::wrap(*c).is_some_and(|ce| !p.is_boilerplate(&ce)) && el.name() != "br"
        }
        _ => false,
    });
    let first = ElementRef::wrap(children.next()?)?;
    if is_block(first.value().name()) || first.value().name() == "a" {
        return None;
    }
    if children.next().is_none() {
        return run_in(p, &first);
    }
    let mut raw = String::new();
    inline_text(p, &first, &mut raw);
    let t = clean(&raw);
    (!t.is_empty() && t.len() <= 80 && !raw.contains('\n')).then_some(t)
}

/// Full text of an element (nested blocks included, boilerplate subtrees pruned), as lines:
/// `<br>` and nested blocks break lines.
fn all_lines(p: &Pruner, e: &ElementRef) -> Vec<String> {
    fn rec(p: &Pruner, e: &ElementRef, out: &mut String) {
        let mut after_link = false;
        for child in e.children() {
            match child.value() {
                Node::Text(t) => {
                    out.push_str(t);
                    after_link = false;
                }
                Node::Element(el) => {
                    if let Some(ce) = ElementRef::wrap(child) {
                        if p.is_boilerplate(&ce) {
                            continue;
                        }
                        space_between_links(out, &mut after_link, el.name());
                        if is_block(el.name()) || el.name() == "br" {
                            out.push('\n');
                        }
                        rec(p, &ce, out);
                        if is_block(el.name()) {
                            out.push('\n');
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    rec(p, e, &mut out);
    lines_of(&out)
}

/// Cleaned non-empty lines of a text.
fn lines_of(s: &str) -> Vec<String> {
    s.split('\n').map(clean).filter(|l| !l.is_empty()).collect()
}

fn clean(s: &str) -> String {
    s.replace('\u{a0}', " ")
        .replace(['\u{2019}', '\u{2018}'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text and link-text lengths of every element, computed once bottom-up (boilerplate
/// subtrees count for nothing), so that choosing the content block stays linear.
fn measure(
    p: &Pruner,
    e: &ElementRef,
    in_link: bool,
    sizes: &mut HashMap<ego_tree::NodeId, (usize, usize)>,
) -> (usize, usize) {
    let mut text = 0;
    let mut links = 0;
    // A link that wraps headings or paragraphs is a card, read as content; only a link
    // of inline text is navigation.
    let is_link = in_link || (e.value().name() == "a" && !holds_blocks(e));
    for child in e.children() {
        match child.value() {
            Node::Text(t) => {
                let n = t.trim().len();
                text += n;
                if is_link {
                    links += n;
                }
            }
            Node::Element(_) => {
                if let Some(ce) = ElementRef::wrap(child) {
                    if p.is_boilerplate(&ce) {
                        continue;
                    }
                    let (t, l) = measure(p, &ce, is_link, sizes);
                    text += t;
                    links += l;
                }
            }
            _ => {}
        }
    }
    sizes.insert(e.id(), (text, links));
    (text, links)
}

/// Text and link-text lengths of the page's elements (see `measure`).
type Sizes = HashMap<ego_tree::NodeId, (usize, usize)>;

/// Measures the page's body once.
fn measure_body(doc: &Html, p: &Pruner) -> Sizes {
    let mut sizes = HashMap::new();
    let body = scraper::Selector::parse("body")
        .ok()
        .and_then(|b| doc.select(&b).next());
    if let Some(b) = body {
        measure(p, &b, false, &mut sizes);
    }
    sizes
}

/// Chooses the element holding the page's content.
fn content_root<'a>(doc: &'a Html, sizes: &Sizes) -> Option<ElementRef<'a>> {
    let sel = |s: &str| scraper::Selector::parse(s).ok();
    let body = sel("body").and_then(|b| doc.select(&b).next());
    let size = |e: &ElementRef| sizes.get(&e.id()).copied().unwrap_or((0, 0));
    // Semantic containers, most specific first.
    for s in [
        ".field--name-body",
        ".entry-content",
        "article .content",
        "article",
        "main",
        "[role=main]",
        "#content",
        "#contenu",
        ".content",
    ] {
        let Some(selector) = sel(s) else { continue };
        let best = doc
            .select(&selector)
            .filter(|e| sizes.contains_key(&e.id()))
            .max_by_key(|e| size(e).0);
        if let Some(e) = best {
            if size(&e).0 >= 200 {
                return Some(if s == ".field--name-body" {
                    node_of_field(e, &size)
                } else {
                    e
                });
            }
        }
    }
    // Otherwise: the block with the most text outside links (text density).
    let divs = sel("div, section, td")?;
    let best = doc
        .select(&divs)
        .filter(|e| sizes.contains_key(&e.id()))
        .map(|e| {
            let (text, links) = size(&e);
            let paragraphs = e
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| {
                    matches!(
                        c.value().name(),
                        "p" | "h2" | "h3" | "ul" | "ol" | "table" | "div"
                    )
                })
                .count() as f64;
            (
                e,
                (text as f64 - 2.0 * links as f64) * (1.0 + paragraphs.min(20.0) / 10.0),
            )
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, score)| *score > 100.0)
        .map(|(e, _)| e);
    best.or(body)
}

/// Drupal's body field, or the node that holds it when the node's other fields carry
/// content too: sites built with Paragraphs put the axes and actions in a field beside the
/// body (`field--name-field-…`), which the body alone would lose. The node is taken only
/// when what its other children add is text rather than links (tags, "read more").
fn node_of_field<'a>(
    body: ElementRef<'a>,
    size: &dyn Fn(&ElementRef) -> (usize, usize),
) -> ElementRef<'a> {
    let Some(parent) = body.parent().and_then(ElementRef::wrap) else {
        return body;
    };
    let ((pt, pl), (bt, bl)) = (size(&parent), size(&body));
    let (text, links) = (pt.saturating_sub(bt), pl.saturating_sub(bl));
    if text >= 200 && links * 3 <= text {
        parent
    } else {
        body
    }
}

/// Walks the content tree in document order, one block per heading, paragraph, list item
/// or table row.
struct Walker<'p> {
    pruner: &'p Pruner,
    tabs: &'p Tabs,
    out: Vec<HtmlBlock>,
    tables: u32,
    table: Option<u32>,
    in_thead: bool,
    /// The rows of the table being walked so far.
    rows: u32,
    /// The number of the next item of the ordered list being walked: the list's `start`
    /// (1 by default) counted on, or an item's own `value`.
    ol: Option<u32>,
    /// Whether the table being walked is a list laid out as a table (see `is_list_table`).
    list_table: bool,
}

/// The walker's state that a container changes for its children (see `Walker::enter`).
struct Scope {
    table: Option<u32>,
    in_thead: bool,
    rows: u32,
    ol: Option<u32>,
    list_table: bool,
}

impl<'p> Walker<'p> {
    fn new(pruner: &'p Pruner, tabs: &'p Tabs) -> Walker<'p> {
        Walker {
            pruner,
            tabs,
            out: Vec::new(),
            tables: 0,
            table: None,
            in_thead: false,
            rows: 0,
            ol: None,
            list_table: false,
        }
    }

    /// Walks element `e` and the blocks nested in it, in document order.
    fn walk(&mut self, e: &ElementRef) {
        if self.pruner.is_boilerplate(e) {
            return;
        }
        let name = e.value().name();
        if let Some(title) = self.tabs.title_of(e) {
            self.push(HtmlBlock {
                kind: HtmlKind::Heading(3),
                text: title.to_string(),
                lines: vec![vec![title.to_string()]],
                ..Default::default()
            });
        }
        // Headings, accordion titles and table rows are one block each, whatever they hold.
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.push(heading(self.pruner, e, name));
                return;
            }
            // A row that lays out a nested table, or a row of a list laid out as a table,
            // is walked as the blocks it holds.
            "tr" if self.list_table || holds_table(e) => {}
            "tr" => {
                let row = self.table_row(e);
                // A spanning row (an axis above the header) does not make the header row
                // below it a second row.
                if row.cells.iter().filter(|c| !c.trim().is_empty()).count() >= 2 {
                    self.rows += 1;
                }
                self.push(row);
                return;
            }
            _ if is_toggle_title(e) => {
                self.push(toggle_title(self.pruner, e));
                return;
            }
            _ => {}
        }
        let number = self.item_number(e, name);
        self.push_own_text(e, name, number);
        let outer = self.enter(e, name);
        for child in e.children().filter_map(ElementRef::wrap) {
            if is_block(child.value().name()) || holds_blocks(&child) {
                self.walk(&child);
            }
        }
        self.leave(outer, name, number);
    }

    /// A table row: its cells' lines, in the table being walked; a header row when it is
    /// in a `<thead>`, when all its cells are `<th>`, or when it is the table's first row
    /// and all its cells are bold (editors that have no header button, as Joomla's and
    /// Gutenberg's, make a header row of `<strong>` cells). A row of one cell (an axis
    /// row spanning the table, `<th colspan=4>`) is never a header.
    fn table_row(&self, e: &ElementRef) -> HtmlBlock {
        let cells: Vec<ElementRef> = e
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .collect();
        let lines: Vec<Vec<String>> = cells.iter().map(|c| all_lines(self.pruner, c)).collect();
        let filled = lines.iter().filter(|l| !l.is_empty()).count();
        let all_th = cells.iter().all(|c| c.value().name() == "th");
        let all_bold = || {
            cells
                .iter()
                .zip(&lines)
                .all(|(c, l)| l.is_empty() || is_bold(c))
        };
        let header = filled >= 2 && (self.in_thead || all_th || (self.rows == 0 && all_bold()));
        let cells: Vec<String> = lines.iter().map(|l| l.join(" ")).collect();
        let text = cells
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        HtmlBlock {
            kind: HtmlKind::TableRow,
            text,
            cells,
            lines,
            table: self.table,
            header,
            ..Default::default()
        }
    }

    /// The number a browser shows before list item `e` of an ordered list (its `value`, or
    /// the list's count), counting the list on; `None` for other elements.
    fn item_number(&mut self, e: &ElementRef, name: &str) -> Option<u32> {
        match (name, self.ol) {
            ("li", Some(next)) => {
                let n = attr_number(e, "value").unwrap_or(next);
                self.ol = Some(n.saturating_add(1));
                Some(n)
            }
            _ => None,
        }
    }

    /// The element's own text, outside its nested blocks, as a paragraph or a list item.
    fn push_own_text(&mut self, e: &ElementRef, name: &str, number: Option<u32>) {
        let mut own = String::new();
        inline_text(self.pruner, e, &mut own);
        let lines = lines_of(&own);
        if lines.is_empty() {
            return;
        }
        let kind = if name == "li" || name == "dt" {
            HtmlKind::ListItem
        } else {
            HtmlKind::Paragraph
        };
        self.push(HtmlBlock {
            kind,
            continued: name == "dd",
            text: lines.join(" "),
            lines: vec![lines],
            number,
            run_in: run_in(self.pruner, e),
            ..Default::default()
        });
    }

    /// Enters a container before its children are walked: a list starts or stops the
    /// numbering of items, a table and its parts set the table and header state. Returns
    /// the state of the outer container, for `leave`.
    fn enter(&mut self, e: &ElementRef, name: &str) -> Scope {
        let outer = Scope {
            table: self.table,
            in_thead: self.in_thead,
            rows: self.rows,
            ol: self.ol,
            list_table: self.list_table,
        };
        if name == "ol" && !lettered(e) {
            self.ol = Some(attr_number(e, "start").unwrap_or(1));
        } else if name == "ul" || name == "ol" || name == "li" {
            self.ol = None;
        }
        if name == "table" {
            self.tables += 1;
            self.table = Some(self.tables);
            self.in_thead = false;
            self.rows = 0;
            self.list_table = is_list_table(e);
        } else if name == "thead" {
            self.in_thead = true;
        } else if name == "tbody" || name == "tfoot" {
            self.in_thead = false;
        }
        outer
    }

    /// Leaves a container after its children: the outer state comes back. An item's own
    /// lists are walked; the next item goes on counting its list.
    fn leave(&mut self, outer: Scope, name: &str, number: Option<u32>) {
        self.table = outer.table;
        self.in_thead = outer.in_thead;
        self.list_table = outer.list_table;
        // The rows of a table are counted across its `<thead>` and `<tbody>`.
        if name == "table" {
            self.rows = outer.rows;
        }
        if name != "li" {
            self.ol = outer.ol;
        } else {
            self.ol = outer.ol.map(|_| number.map_or(1, |n| n.saturating_add(1)));
        }
    }

    fn push(&mut self, b: HtmlBlock) {
        if !b.text.trim().is_empty() {
            self.out.push(b);
        }
    }
}

/// Whether row `e` holds a table in one of its cells: a page laid out with tables (HTML 4,
/// hand-made sites) puts its content's tables inside the layout's cells.
fn holds_table(e: &ElementRef) -> bool {
    e.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .any(|d| d.value().name() == "table")
}

/// Whether `table` is a list or a page laid out as a table: each row has one cell of text
/// at most, beside cells that hold nothing but a bullet image or a spacer, and some row
/// has such cells or holds lists, headings or tables (a hand-made page's one-column
/// layout). A one-column table of data (a label row, then its value row) is neither.
fn is_list_table(table: &ElementRef) -> bool {
    let rows: Vec<ElementRef> = table
        .children()
        .filter_map(ElementRef::wrap)
        .flat_map(|c| match c.value().name() {
            "tbody" | "thead" | "tfoot" => c.children().filter_map(ElementRef::wrap).collect(),
            _ => vec![c],
        })
        .filter(|r| r.value().name() == "tr")
        .collect();
    let cells = |r: &ElementRef| -> Vec<bool> {
        r.children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "td" | "th"))
            .map(|c| c.text().any(|t| !t.trim().is_empty()))
            .collect()
    };
    let lays_out_blocks = |r: &ElementRef| {
        r.descendants()
            .skip(1)
            .filter_map(ElementRef::wrap)
            .any(|d| {
                matches!(
                    d.value().name(),
                    "ul" | "ol" | "dl" | "table" | "h2" | "h3" | "h4" | "h5" | "h6"
                )
            })
    };
    !rows.is_empty()
        && rows
            .iter()
            .all(|r| cells(r).iter().filter(|&&t| t).count() <= 1)
        && rows
            .iter()
            .any(|r| cells(r).len() >= 2 || lays_out_blocks(r))
}

/// A heading block (`<h1>` to `<h6>`), a toggle when it is an accordion's title or holds
/// its button.
fn heading(p: &Pruner, e: &ElementRef, name: &str) -> HtmlBlock {
    let level = name[1..].parse().unwrap_or(2);
    let toggle = e
        .descendants()
        .filter_map(ElementRef::wrap)
        .any(|d| is_toggle_title(&d));
    let lines = all_lines(p, e);
    HtmlBlock {
        kind: HtmlKind::Heading(level),
        text: lines.join(" "),
        lines: vec![lines],
        toggle,
        ..Default::default()
    }
}

/// An accordion's title outside a heading (`<summary>`, a button): a heading one level
/// below the surrounding ones, marked as a toggle.
fn toggle_title(p: &Pruner, e: &ElementRef) -> HtmlBlock {
    let lines = all_lines(p, e);
    HtmlBlock {
        kind: HtmlKind::Heading(4),
        text: lines.join(" "),
        lines: vec![lines],
        toggle: true,
        ..Default::default()
    }
}

/// Whether all the text of table cell `e` is bold (inside `<strong>` or `<b>`).
fn is_bold(e: &ElementRef) -> bool {
    fn rec(e: &ElementRef, bold: bool) -> bool {
        let bold = bold || matches!(e.value().name(), "strong" | "b");
        e.children().all(|c| match c.value() {
            Node::Text(t) => bold || t.trim().is_empty(),
            Node::Element(_) => ElementRef::wrap(c).is_none_or(|ce| rec(&ce, bold)),
            _ => true,
        })
    }
    rec(e, false)
}

/// Whether an ordered list shows letters or roman numerals (`type="a"`, `type="I"`, a
/// `list-style-type` of letters): its items carry no number of their own.
fn lettered(e: &ElementRef) -> bool {
    let v = e.value();
    let by_type = v
        .attr("type")
        .is_some_and(|t| matches!(t.trim(), "a" | "A" | "i" | "I"));
    let by_style = v.attr("style").is_some_and(|s| {
        let s = s.to_ascii_lowercase();
        ["alpha", "roman", "latin"].iter().any(|w| s.contains(w))
    });
    by_type || by_style
}

/// A numeric attribute (`start` of a list, `value` of an item).
fn attr_number(e: &ElementRef, name: &str) -> Option<u32> {
    e.value().attr(name).and_then(|s| s.trim().parse().ok())
}

/// The Latin words of lorem-ipsum filler, as text generators produce it.
const LOREM_WORDS: &[&str] = &[
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "magna",
    "aliqua",
    "curabitur",
    "aenean",
    "praesent",
    "lectus",
    "vestibulum",
    "nullam",
    "donec",
    "quis",
    "nunc",
    "vel",
    "nisl",
    "mauris",
    "pellentesque",
    "vivamus",
    "integer",
    "maecenas",
    "fusce",
    "phasellus",
    "etiam",
    "nam",
    "suspendisse",
    "morbi",
    "proin",
    "duis",
    "aliquam",
    "nulla",
    "facilisi",
    "tincidunt",
    "eget",
    "egestas",
    "mollis",
    "augue",
    "ligula",
    "tellus",
    "risus",
    "odio",
    "metus",
];

/// Share of words of lorem-ipsum filler.
fn lorem_share(t: &str) -> f64 {
    let mut n = 0usize;
    let mut latin = 0usize;
    for w in t
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        n += 1;
        if w.len() <= 12 && LOREM_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w)) {
            latin += 1;
        }
    }
    if n == 0 {
        return 0.0;
    }
    latin as f64 / n as f64
}

fn folded(t: &str) -> String {
    t.to_lowercase()
        .trim()
        .trim_end_matches([':', '.', '!'])
        .trim()
        .to_string()
}

/// Drops utility lines, related-news sections and lorem-ipsum filler from the blocks.
fn drop_boilerplate(blocks: Vec<HtmlBlock>) -> Vec<HtmlBlock> {
    let mut out = Vec::new();
    let mut skipping: Option<u8> = None;
    for b in blocks {
        let f = folded(&b.text);
        if let HtmlKind::Heading(level) = b.kind {
            if let Some(l) = skipping {
                if level <= l {
                    skipping = None;
                }
            }
            if RELATED_HEADINGS.iter().any(|h| f == *h) {
                skipping = Some(level);
                continue;
            }
        }
        if skipping.is_some() {
            continue;
        }
        if UTILITY_LINES
            .iter()
            .any(|u| f == *u || (f.starts_with(u) && f.len() < u.len() + 40 && !f.contains(". ")))
        {
            continue;
        }
        if lorem_share(&b.text) >= 0.3 {
            continue;
        }
        out.push(b);
    }
    out
}

/// The deepest element nesting kept. Real pages stay under 60; the tree walks of this
/// module recurse once per level, so a page nested 200 000 deep would overflow the stack.
const MAX_DEPTH: usize = 256;

/// The deepest nesting of inline formatting elements kept. They carry no structure (the
/// walk takes their text), and pages of unclosed `<font>` or `<b>` tags (old editors)
/// nest them by the hundred: capped on their own, they never use up the depth that
/// headings, lists and tables after them need.
const MAX_INLINE_DEPTH: usize = 32;

/// Inline formatting elements, capped at [`MAX_INLINE_DEPTH`].
const INLINE: &[&str] = &[
    "a", "abbr", "b", "big", "cite", "code", "del", "em", "font", "i", "ins", "mark", "q", "s",
    "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "var",
];

/// Headings are kept however deep they lie: the parser closes an open heading when the
/// next one starts, so they never nest into each other, and they are the page's outline.
const ALWAYS_KEPT: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// A tag longer than this keeps only its name: no page needs kilobytes of attributes,
/// and the parser checks each new attribute against the previous ones (quadratic).
const MAX_TAG_BYTES: usize = 4096;

/// Elements that never hold children, or that the parser closes by itself when the next
/// one opens (so that a page of unclosed `<p>` or `<li>` does not count as deep).
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "tfoot",
    "colgroup", "caption", "optgroup", "rt", "rp", "html", "head", "body",
];

/// A page's text bounded for the parser, and how many structural tags were removed.
struct Capped<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Tags (not inline formatting) that lay deeper than the cap: the structure they
    /// gave is lost, which the reader says in an alert.
    flattened: usize,
}

/// Removes the tags that would nest elements deeper than `max` (their text is kept) and
/// the attributes of over-long tags, so that the parser builds a tree of bounded depth
/// in bounded time: a pre-scan in linear time, before html5ever, whose tree builder and
/// our walks are then bounded too. Tags inside `<script>`, `<style>` and comments are
/// not counted.
fn cap_depth(text: &str, max: usize) -> Capped<'_> {
    let bytes = text.as_bytes();
    let mut depth = Depth::default();
    let mut out: Option<String> = None;
    let mut kept = 0; // bytes of `text` before this offset are already in `out`
    let mut next_gt = 0; // the first `>` at or after the scan, once looked for
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + p;
        i = at + 1;
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| at + e + 3);
            continue;
        }
        if next_gt <= at {
            next_gt = bytes[at..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |e| at + e);
        }
        let Some(tag) = Tag::read(rest, next_gt - at) else {
            continue;
        };
        let tag_end = at + tag.len;
        if tag.opens_raw_text() {
            i = raw_text_end(text, tag_end, &tag.name);
            continue;
        }
        let replacement = match depth.count(&tag, max) {
            Verdict::Keep if tag.len > MAX_TAG_BYTES => Some(tag.bare()),
            Verdict::Keep => None,
            Verdict::Drop => Some(String::new()),
        };
        if let Some(r) = replacement {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[kept..at]);
            o.push_str(&r);
            kept = tag_end;
        }
        i = tag_end;
    }
    let text = match out {
        None => std::borrow::Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[kept..]);
            std::borrow::Cow::Owned(o)
        }
    };
    Capped {
        text,
        flattened: depth.flattened,
    }
}

/// Whether `cap_depth` keeps a tag or removes it (its text stays).
enum Verdict {
    Keep,
    Drop,
}

/// The nesting met so far by `cap_depth`'s scan.
#[derive(Default)]
struct Depth {
    all: usize,
    inline: usize,
    flattened: usize,
}

impl Depth {
    /// Counts a tag in; whether it is kept.
    fn count(&mut self, tag: &Tag, max: usize) -> Verdict {
        if !tag.nests() || ALWAYS_KEPT.contains(&tag.name.as_str()) {
            return Verdict::Keep;
        }
        if INLINE.contains(&tag.name.as_str())
            && past_max_depth(&mut self.inline, tag.closing, MAX_INLINE_DEPTH)
        {
            return Verdict::Drop;
        }
        if past_max_depth(&mut self.all, tag.closing, max) {
            if !tag.closing && !INLINE.contains(&tag.name.as_str()) {
                self.flattened += 1;
            }
            return Verdict::Drop;
        }
        Verdict::Keep
    }
}

/// A start or end tag met by `cap_depth`'s scan.
struct Tag {
    /// The element's name, lowercase, at most 16 characters.
    name: String,
    closing: bool,
    self_closing: bool,
    /// Bytes from the `<` to the `>` included.
    len: usize,
}

impl Tag {
    /// The tag that `rest` starts with (at its `<`), if it is one worth counting; `gt` is
    /// the offset of the first `>` in `rest` (its length when there is none).
    fn read(rest: &str, gt: usize) -> Option<Tag> {
        let closing = rest.starts_with("</");
        let name: String = rest[if closing { 2 } else { 1 }..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || gt >= rest.len() {
            return None;
        }
        Some(Tag {
            self_closing: rest[..gt].ends_with('/'),
            name,
            closing,
            len: gt + 1,
        })
    }

    /// The tag without its attributes.
    fn bare(&self) -> String {
        let slash = if self.closing { "/" } else { "" };
        let end = if self.self_closing { "/>" } else { ">" };
        format!("<{slash}{}{end}", self.name)
    }

    /// A `<script>` or `<style>`, whose content holds no tags.
    fn opens_raw_text(&self) -> bool {
        !self.closing && (self.name == "script" || self.name == "style")
    }

    /// Whether the tag opens or closes a level of nesting.
    fn nests(&self) -> bool {
        !(NOT_NESTING.contains(&self.name.as_str()) || (self.self_closing && !self.closing))
    }
}

/// Where the content of a `<script>` or `<style>` opened before `from` ends: at its
/// closing tag, or at the end of the text.
fn raw_text_end(text: &str, from: usize, name: &str) -> usize {
    let close = format!("</{name}");
    text[from..]
        .to_ascii_lowercase()
        .find(&close)
        .map_or(text.len(), |e| from + e)
}

/// Counts a nesting tag into `depth`; whether it lies deeper than `max` (a closing tag
/// is as deep as the element it closes).
fn past_max_depth(depth: &mut usize, closing: bool, max: usize) -> bool {
    if closing {
        let deep = *depth > max;
        *depth = depth.saturating_sub(1);
        deep
    } else {
        *depth += 1;
        *depth > max
    }
}

/// Why an HTML file is refused although it starts like a page: most of it is binary data
/// (control characters and undecodable bytes), as when `<html>` is followed by garbage.
pub fn html_garbage(bytes: &[u8]) -> Option<String> {
    let text = decode(bytes);
    let (mut bad, mut all) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        all += 1;
        if c == '\u{fffd}' || (c.is_control() && c != '\u{c}') || ('\u{80}'..='\u{9f}').contains(&c)
        {
            bad += 1;
        }
    }
    // A real page has almost none; random bytes decoded as Windows-1252 give about 15 %.
    (all >= 200 && bad * 20 > all).then(|| {
        format!(
            "contenu binaire après l'en-tête HTML ({} % de caractères de contrôle ou illisibles)",
            bad * 100 / all
        )
    })
}

/// The `content` of the first `<meta>` whose `property` or `name` is `key`.
fn meta(doc: &Html, key: &str) -> Option<String> {
    let sel = scraper::Selector::parse("meta").ok()?;
    doc.select(&sel)
        .find(|m| m.value().attr("property") == Some(key) || m.value().attr("name") == Some(key))
        .and_then(|m| m.value().attr("content"))
        .map(clean)
        .filter(|t| !t.is_empty())
}

/// The publisher's name as its logo gives it, for a site without `og:site_name`: the
/// `alt` of the first image whose address or class names a logo ("Ville de X").
fn logo_name(doc: &Html) -> Option<String> {
    let sel = scraper::Selector::parse("img[alt]").ok()?;
    doc.select(&sel)
        .find(|i| {
            let v = i.value();
            let marks = format!(
                "{} {}",
                v.attr("src").unwrap_or(""),
                v.attr("class").unwrap_or("")
            );
            marks.to_ascii_lowercase().contains("logo")
        })
        .and_then(|i| i.value().attr("alt"))
        .map(clean)
        .filter(|a| a.len() > 3 && a.len() < 120 && !a.to_ascii_lowercase().starts_with("logo"))
}

/// The breadcrumb trail: the items of the first element marked as one (class, id or
/// label "breadcrumb", "ariane").
fn breadcrumb(doc: &Html) -> Vec<String> {
    let Ok(sel) = scraper::Selector::parse(
        "[class*=breadcrumb], [id*=breadcrumb], [class*=ariane], [aria-label*=Ariane], [aria-label*=ariane]",
    ) else {
        return Vec::new();
    };
    let Some(trail) = doc.select(&sel).next() else {
        return Vec::new();
    };
    let Ok(items) = scraper::Selector::parse("li, a, [aria-current]") else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for it in trail.select(&items) {
        let t = clean(&it.text().collect::<String>());
        if !t.is_empty() && !out.contains(&t) && t.len() < 200 {
            out.push(t);
        }
    }
    out
}

/// Resolves a link against the page's address (`<link rel=canonical>` or `og:url`).
fn absolute(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    if href.contains("://") {
        return href.to_string();
    }
    let Some(base) = base.filter(|b| b.contains("://")) else {
        return href.to_string();
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{}{rest}", &base[..scheme_end]);
    }
    if href.starts_with('/') {
        return format!("{}{href}", &base[..host_end]);
    }
    let dir_end = base.rfind('/').filter(|i| *i >= host_end).map(|i| i + 1);
    match dir_end {
        Some(i) => format!("{}{href}", &base[..i]),
        None => format!("{}/{href}", &base[..host_end]),
    }
}

/// Links to PDF files outside boilerplate, with the text that describes them.
fn pdf_links(doc: &Html, p: &Pruner) -> Vec<PdfLink> {
    let Ok(sel) = scraper::Selector::parse("a[href]") else {
        return Vec::new();
    };
    let base = scraper::Selector::parse("link[rel=canonical]")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .and_then(|l| l.value().attr("href").map(str::to_string))
        .or_else(|| meta(doc, "og:url"));
    let mut out: Vec<PdfLink> = Vec::new();
    for a in doc.select(&sel) {
        let href = a.value().attr("href").unwrap_or("");
        let path = href
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let typed = a.value().attr("type") == Some("application/pdf");
        if !(path.ends_with(".pdf") || typed) {
            continue;
        }
        // Only what lies inside the body counts: a theme's classes on <body> ("wp-custom-logo")
        // say nothing of one link.
        let pruned = std::iter::once(a)
            .chain(a.ancestors().filter_map(ElementRef::wrap))
            .take_while(|x| !matches!(x.value().name(), "body" | "html"))
            .any(|x| x.value().name() != "figure" && p.is_boilerplate(&x));
        if pruned {
            continue;
        }
        // A link around an icon is described by the caption beside it (SPIP, WordPress files).
        let mut text = clean(&a.text().collect::<String>());
        if let Some(t) = a.value().attr("title") {
            text = format!("{text} {}", clean(t));
        }
        if let Some(parent) = a.parent().and_then(ElementRef::wrap) {
            if text.trim().is_empty() || parent.value().name() == "figure" {
                text = format!("{text} {}", clean(&parent.text().collect::<String>()));
            }
        }
        let href = absolute(href, base.as_deref());
        if !out.iter().any(|l| l.href == href) {
            out.push(PdfLink {
                href,
                text: text.trim().to_string(),
            });
        }
    }
    out
}

/// Reads an HTML page into content blocks.
pub fn extract_html(bytes: &[u8]) -> HtmlDocument {
    let text = decode(bytes);
    let Capped { text, flattened } = cap_depth(&text, MAX_DEPTH);
    let doc = Html::parse_document(&text);
    let title = scraper::Selector::parse("title")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .map(|t| clean(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let tabs = Tabs::of(&doc);
    let mut pruner = Pruner::new(&doc, true).reading_elsewhere(tabs.buttons());
    let mut blocks = content_blocks(&doc, &pruner, &tabs);
    // Class words never empty a page: a theme that names its content with the words of
    // chrome is read again by tags and roles only.
    if !blocks.iter().any(|b| b.kind != HtmlKind::Heading(1)) {
        let structural = Pruner::new(&doc, false).reading_elsewhere(tabs.buttons());
        let again = content_blocks(&doc, &structural, &tabs);
        if again.len() > blocks.len() {
            blocks = again;
            pruner = structural;
        }
    }
    HtmlDocument {
        title,
        og_title: meta(&doc, "og:title"),
        site_name: meta(&doc, "og:site_name").or_else(|| logo_name(&doc)),
        breadcrumb: breadcrumb(&doc),
        pdf_links: pdf_links(&doc, &pruner),
        blocks,
        flattened,
    }
}

/// The content blocks of the page: its `<h1>` when it sits outside the content element,
/// then the content element walked, boilerplate dropped.
fn content_blocks(doc: &Html, pruner: &Pruner, tabs: &Tabs) -> Vec<HtmlBlock> {
    let mut w = Walker::new(pruner, tabs);
    let sizes = measure_body(doc, pruner);
    if let Some(root) = content_root(doc, &sizes) {
        // The page title (h1) often sits outside the content element (Drupal's title
        // block, a page builder's hero): keep it, and what stands between it and the
        // content.
        if let Some((h, before)) = lead_in::page_title(doc, &root) {
            let lines = all_lines(pruner, &h);
            w.push(HtmlBlock {
                kind: HtmlKind::Heading(1),
                text: lines.join(" "),
                lines: vec![lines],
                ..Default::default()
            });
            if before {
                let size = |e: &ElementRef| sizes.get(&e.id()).copied();
                for e in lead_in::lead_in(&h, &root, &size) {
                    w.walk(&e);
                }
            }
        }
        w.walk(&root);
        let size = |e: &ElementRef| sizes.get(&e.id()).copied();
        for e in lead_in::lead_out(&root, &size) {
            w.walk(&e);
        }
    }
    drop_boilerplate(w.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bold_header_row_below_a_spanning_axis_row_is_the_header() {
        let html = "<html><body><main><table><tr><td colspan=3>AXE 1 - Soins</td></tr>\
            <tr><td><b>Action</b></td><td><b>Pilote</b></td><td><b>Échéance</b></td></tr>\
            <tr><td>A. Favoriser l'accueil des internes</td><td>PETR du Pays</td><td>2024</td></tr>\
            </table></main></body></html>";
        let d = extract_html(html.as_bytes());
        let rows: Vec<bool> = d
            .blocks
            .iter()
            .filter(|b| b.kind == HtmlKind::TableRow)
            .map(|b| b.header)
            .collect();
        assert_eq!(rows, [false, true, false]);
    }

    #[test]
    fn keeps_content_and_drops_cookie_banner_menu_footer_and_related_news() {
        let html = br#"<html><head><title>CLS</title></head><body>
            <div id="tarteaucitronRoot"><button>Tout accepter</button></div>
            <nav><ul><li>Accueil</li></ul></nav>
            <main><h1>Contrat local de sant&eacute;</h1><p>Texte du contrat sign&eacute; le 15 d&eacute;cembre 2022 avec l'ARS, pour la p&eacute;riode 2022-2027, et bien d'autres choses encore dans ce paragraphe.</p>
            <h2>Les axes</h2><ul><li>Axe un</li><li>Axe deux</li></ul>
            <h2>&Agrave; lire aussi</h2><ul><li><a href="/x">Octobre rose</a></li></ul></main>
            <footer><a>Mentions l&eacute;gales</a></footer></body></html>"#;
        let d = extract_html(html);
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[0], "Contrat local de santé");
        assert!(texts.contains(&"Axe deux"));
        assert!(
            !texts.iter().any(|t| t.contains("Octobre")
                || t.contains("accepter")
                || t.contains("Mentions")
                || t.contains("Accueil")),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("lire aussi")));
    }

    #[test]
    fn items_of_a_lettered_list_have_no_number_of_their_own() {
        let html = "<html><body><main><p>Un paragraphe assez long pour que ce bloc soit choisi comme le contenu de la page.</p><ol type=\"a\"><li>Premier</li><li>Second</li></ol><ol start=\"3\"><li>Trois</li></ol><ol style=\"list-style-type: lower-roman\"><li>Romain</li></ol></main></body></html>";
        let d = extract_html(html.as_bytes());
        let numbers: Vec<(&str, Option<u32>)> = d
            .blocks
            .iter()
            .filter(|b| b.kind == HtmlKind::ListItem)
            .map(|b| (b.text.as_str(), b.number))
            .collect();
        assert_eq!(
            numbers,
            [
                ("Premier", None),
                ("Second", None),
                ("Trois", Some(3)),
                ("Romain", None)
            ]
        );
    }

    #[test]
    fn the_logos_text_names_a_site_without_og_site_name() {
        let html = r#"<html><body><header><img src="/charte/logo-ville.svg" alt="Ville de Lanvézec"></header><main><p>Un paragraphe assez long pour que ce bloc soit choisi comme le contenu de la page.</p></main></body></html>"#;
        assert_eq!(
            extract_html(html.as_bytes()).site_name.as_deref(),
            Some("Ville de Lanvézec")
        );
    }

    #[test]
    fn headings_list_items_and_cells_stay_separate() {
        let html = "<html><body><div class=\"content\"><h2>Les axes stratégiques</h2><ul><li>Axe 1 : Soins</li><li>Axe 2 : Prévention</li></ul><table><tr><td>Porteur</td><td>CCAS</td></tr></table><p>Un long paragraphe de contenu pour que ce bloc soit choisi comme contenu principal de la page, avec assez de texte.</p></div></body></html>";
        let d = extract_html(html.as_bytes());
        let texts: Vec<&str> = d.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.contains(&"Les axes stratégiques"));
        assert!(texts.contains(&"Axe 1 : Soins"));
        let row = d
            .blocks
            .iter()
            .find(|b| b.kind == HtmlKind::TableRow)
            .expect("row");
        assert_eq!(row.cells, vec!["Porteur".to_string(), "CCAS".to_string()]);
    }

    #[test]
    fn unclosed_formatting_tags_by_the_hundred_leave_the_outline_alone() {
        // An old editor's page: 300 `<font>` never closed, then the contract's outline.
        let page = format!(
            "<html><body><main>{}<h2>Axe 1 : Soins</h2><table><tr><td>Porteur</td><td>CCAS</td></tr></table></main></body></html>",
            "<font size=2>".repeat(300)
        );
        let capped = cap_depth(&page, MAX_DEPTH);
        assert_eq!(capped.flattened, 0);
        assert!(capped.text.contains("<h2>") && capped.text.contains("<table>"));
        let d = extract_html(page.as_bytes());
        assert!(d.blocks.iter().any(|b| b.kind == HtmlKind::Heading(2)));
        assert!(d.blocks.iter().any(|b| b.kind == HtmlKind::TableRow));
    }

    #[test]
    fn structure_nested_past_the_cap_is_counted_and_headings_kept() {
        let page = format!(
            "<html><body>{}<h3>Action 1</h3><p>Porteur : CCAS</p>{}</body></html>",
            "<div>".repeat(400),
            "</div>".repeat(400)
        );
        let capped = cap_depth(&page, MAX_DEPTH);
        assert!(capped.flattened > 100, "{}", capped.flattened);
        assert!(capped.text.contains("<h3>Action 1</h3>"));
        assert_eq!(extract_html(page.as_bytes()).flattened, capped.flattened);
    }

    #[test]
    fn a_tag_with_a_hundred_thousand_attributes_keeps_only_its_name() {
        let attrs: String = (0..100_000).map(|k| format!(" a{k}=\"{k}\"")).collect();
        let page =
            format!("<html><body><main><div{attrs}><h2>Axe 1</h2></div></main></body></html>");
        let start = std::time::Instant::now();
        let d = extract_html(page.as_bytes());
        // Quadratic attribute checks took 12 s here; linear work takes milliseconds, so
        // the bound only catches the quadratic case, even on a slow CI machine.
        assert!(start.elapsed() < std::time::Duration::from_secs(3));
        assert!(d.blocks.iter().any(|b| b.text == "Axe 1"));
        let capped = cap_depth(&page, MAX_DEPTH);
        assert!(capped.text.contains("<div><h2>"));
    }

    #[test]
    fn a_stray_latin1_byte_in_a_utf8_page_costs_that_byte_only() {
        let mut page = "<html><head><meta charset=\"utf-8\"></head><body><p>Santé mentale, accès aux soins, prévention</p><p>caf".as_bytes().to_vec();
        page.push(0xE9); // "é" in Windows-1252
        page.extend_from_slice(" du quartier</p></body></html>".as_bytes());
        let text = decode(&page);
        assert!(
            text.contains("Santé mentale, accès aux soins, prévention"),
            "{text}"
        );
        assert!(text.contains("café du quartier"), "{text}");
        // A page really in Windows-1252 is still read as such.
        let latin: Vec<u8> = b"<p>Sant\xe9 et acc\xe8s aux soins</p>".to_vec();
        assert_eq!(decode(&latin), "<p>Santé et accès aux soins</p>");
    }

    #[test]
    fn a_drupal_node_with_paragraphs_beside_its_body_is_read_whole() {
        let body = "<div class=\"field field--name-body\"><p>Le contrat local de santé du territoire a été signé le 12 octobre 2023 avec l'agence régionale de santé et ses partenaires, pour cinq ans ; il s'organise en trois axes et sept fiches actions, présentées ci-dessous.</p></div>";
        let axes: String = (1..=3)
            .map(|k| format!("<div class=\"paragraph paragraph--type--axe\"><h2>Axe {k} – Un axe du contrat</h2><div class=\"field__item\">Une fiche action de cet axe, avec son porteur et ses partenaires nommés.</div></div>"))
            .collect();
        let page = format!(
            "<html><body><nav><a href=\"/\">Accueil</a></nav><article class=\"node\"><div class=\"node__content\">{body}<div class=\"field field--name-field-paragraphes\">{axes}</div></div></article></body></html>"
        );
        let d = extract_html(page.as_bytes());
        let h2 = d
            .blocks
            .iter()
            .filter(|b| b.kind == HtmlKind::Heading(2))
            .count();
        assert_eq!(h2, 3, "{:?}", d.blocks);
        assert!(d
            .blocks
            .iter()
            .any(|b| b.text.contains("signé le 12 octobre 2023")));
    }

    #[test]
    fn cards_wrapped_in_links_are_content_not_navigation() {
        let card = |k: u32| {
            format!("<div class=\"item\"><a href=\"/fiche-{k}\"><h3>{k}. Créer un lieu d'écoute pour les jeunes du territoire</h3><p>Porté par la Mission locale du bassin, avec les collèges et les lycées</p></a></div>")
        };
        let cards: String = (1..=6).map(card).collect();
        let teasers: String = (1..=6)
            .map(|k| {
                format!("<li><a href=\"/actu-{k}\">Actualité numéro {k} de la commune</a></li>")
            })
            .collect();
        let page = format!(
            "<html><body><div class=\"col-b\"><p>Voir aussi, pour les habitants de la commune et des environs, nos dernières pages.</p><ul>{teasers}</ul></div><div class=\"grid\">{cards}</div></body></html>"
        );
        let d = extract_html(page.as_bytes());
        let headings = d
            .blocks
            .iter()
            .filter(|b| b.kind == HtmlKind::Heading(3))
            .count();
        assert_eq!(headings, 6, "{:?}", d.blocks);
        assert!(!d.blocks.iter().any(|b| b.text.contains("Actualité")));
    }

    #[test]
    fn nesting_past_the_cap_is_flattened_and_text_kept() {
        let deep = format!("<div>{}x{}</div>", "<b>".repeat(1000), "</b>".repeat(1000));
        let capped = cap_depth(&deep, 10).text;
        assert_eq!(capped.matches("<b>").count(), 9);
        assert_eq!(capped.matches("</b>").count(), 9);
        assert!(capped.contains('x'));
        let flat = "<p>a<p>b<li>c<br><img src=x/>";
        assert_eq!(cap_depth(flat, 1).text, flat);
    }

    #[test]
    fn html_followed_by_random_bytes_is_garbage_and_a_page_is_not() {
        let mut bytes = b"<html><body><p>Contrat local de sant\xc3\xa9</p>".to_vec();
        assert_eq!(html_garbage(&bytes), None);
        let mut x: u32 = 15;
        for _ in 0..5000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            bytes.push((x >> 16) as u8);
        }
        assert!(html_garbage(&bytes).is_some());
    }

    #[test]
    fn windows_1252_page_is_decoded() {
        let mut bytes =
            b"<html><head><meta charset=\"windows-1252\"></head><body><main><p>Sant".to_vec();
        bytes.push(0xE9);
        bytes.extend_from_slice(" publique et pr".as_bytes());
        bytes.push(0xE9);
        bytes.extend_from_slice(b"vention, un texte assez long pour etre le contenu principal de la page entiere, vraiment.</p></main></body></html>");
        let d = extract_html(&bytes);
        assert!(
            d.blocks[0].text.starts_with("Santé publique et prévention"),
            "{:?}",
            d.blocks
        );
    }

    #[test]
    fn lorem_ipsum_filler_is_dropped() {
        assert!(lorem_share("dolor. Curabitur ut Sed lectus Aenean Praesent") > 0.5);
        assert!(lorem_share("Le contrat local de santé du Pays de Chaumont") < 0.1);
    }
    #[test]
    fn valid_utf8_wins_over_a_lying_meta() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body>Santé</body></html>";
        assert!(decode(page.as_bytes()).contains("Santé"));
        let sjis = "<html><head><meta charset=\"shift_jis\"></head><body>Prévention</body></html>";
        assert!(decode(sjis.as_bytes()).contains("Prévention"));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let page = "<html><body><p>Accès aux soins</p></body></html>";
        let le: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = page.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut bom = vec![0xFF, 0xFE];
        bom.extend_from_slice(&le);
        assert!(decode(&bom).contains("Accès aux soins"));
        assert!(decode(&le).contains("Accès aux soins"));
        assert!(decode(&be).contains("Accès aux soins"));
    }

    #[test]
    fn accordion_buttons_hidden_panels_and_ordered_list_numbers_are_read() {
        let html = br#"<html><body><main><p>Un texte assez long pour que ce bloc soit le contenu principal de la page, vraiment assez long.</p>
            <h3><button aria-expanded="false" aria-controls="p1">Action 1 : Agir</button></h3>
            <div id="p1" class="accordion-collapse" hidden><p>Porteur : CCAS</p></div>
            <ol start="4"><li>Quatre</li><li>Cinq</li></ol>
            <table><thead><tr><th>No</th><th>Action</th></tr></thead><tr><td>1</td><td>A<br>B</td></tr></table></main></body></html>"#;
        let d = extract_html(html);
        let toggle = d.blocks.iter().find(|b| b.toggle).expect("toggle");
        assert_eq!(toggle.text, "Action 1 : Agir");
        assert!(d.blocks.iter().any(|b| b.text == "Porteur : CCAS"));
        let five = d.blocks.iter().find(|b| b.text == "Cinq").expect("li");
        assert_eq!(five.number, Some(5));
        let rows: Vec<&HtmlBlock> = d
            .blocks
            .iter()
            .filter(|b| b.kind == HtmlKind::TableRow)
            .collect();
        assert!(rows[0].header && !rows[1].header);
        assert_eq!(rows[1].lines[1], vec!["A".to_string(), "B".to_string()]);
    }

    fn rows(d: &HtmlDocument) -> Vec<&HtmlBlock> {
        d.blocks
            .iter()
            .filter(|b| b.kind == HtmlKind::TableRow)
            .collect()
    }

    #[test]
    fn a_gutenberg_table_inside_a_figure_is_read() {
        let html = br#"<html><body><main><p>Un texte assez long pour que ce bloc soit le contenu principal de la page, vraiment assez long pour cela.</p>
            <figure class="wp-block-table"><table><tbody><tr><td>Porteur</td><td>CCAS</td></tr></tbody></table><figcaption>Source : ORS</figcaption></figure>
            <figure class="wp-block-image"><img src="x.png" alt=""><figcaption>Photo de la signature</figcaption></figure></main></body></html>"#;
        let d = extract_html(html);
        assert_eq!(rows(&d)[0].cells, ["Porteur", "CCAS"]);
        assert!(!d.blocks.iter().any(|b| b.text.contains("Photo")));
    }

    #[test]
    fn a_first_row_of_bold_cells_is_a_header_and_a_spanning_axis_row_is_not() {
        let html = br#"<html><body><main><p>Un texte assez long pour que ce bloc soit le contenu principal de la page, vraiment assez long pour cela.</p>
            <table><tbody><tr><td><strong>N&deg;</strong></td><td><b>Action</b></td><td><strong>Porteur</strong></td></tr>
            <tr><th colspan="3">Axe 1 - Soins</th></tr>
            <tr><td>1</td><td><strong>Agir</strong></td><td>CCAS</td></tr></tbody></table></main></body></html>"#;
        let d = extract_html(html);
        let r = rows(&d);
        assert!(r[0].header, "{:?}", r[0]);
        assert!(
            !r[1].header,
            "an axis row spanning the table is not a header"
        );
        assert!(!r[2].header, "a bold cell in a later row makes no header");
    }

    #[test]
    fn an_elementor_page_is_read_and_its_tab_titles_are_toggles() {
        let html = br#"<html><body><div class="elementor elementor-877"><div class="elementor-element elementor-widget elementor-widget-heading"><div class="elementor-widget-container"><h2>Axe 1 : Soins</h2></div></div>
            <div class="elementor-element elementor-widget elementor-widget-accordion"><div class="elementor-widget-container"><div class="elementor-accordion-item">
            <div class="elementor-tab-title" role="button" aria-controls="t1" aria-expanded="false"><a class="elementor-accordion-title">Recruter un m&eacute;decin salari&eacute;</a></div>
            <div id="t1" class="elementor-tab-content" role="region"><p><strong>Porteur :</strong> Ville, avec un texte assez long pour que la page soit lue.</p></div></div></div></div></div></body></html>"#;
        let d = extract_html(html);
        let toggle = d.blocks.iter().find(|b| b.toggle).expect("toggle");
        assert_eq!(toggle.text, "Recruter un médecin salarié");
        assert!(d
            .blocks
            .iter()
            .any(|b| b.text.starts_with("Porteur : Ville")));
    }

    #[test]
    fn a_news_article_classed_category_actualites_is_read() {
        let html = br#"<html><body><main><article class="post type-post category-actualites"><h1>Vaccination</h1><p>Une op&eacute;ration de vaccination aura lieu en mairie, avec un texte assez long pour &ecirc;tre le contenu de la page.</p>
            <footer class="entry-footer">Publi&eacute; dans Actualit&eacute;s</footer></article></main></body></html>"#;
        let d = extract_html(html);
        assert!(d.blocks.iter().any(|b| b.text.starts_with("Une opération")));
        assert!(!d.blocks.iter().any(|b| b.text.contains("Publié")));
    }

    #[test]
    fn a_run_in_label_in_its_own_span_is_recorded() {
        let html = br#"<html><body><main><p>Un texte assez long pour que ce bloc soit le contenu principal de la page, vraiment assez long pour cela.</p>
            <div class="card-footer"><small><span class="label">Porteur(s)</span> <span>CCAS<br>Mairie</span></small></div>
            <p><strong>Pilote :</strong> CAF</p><p>Texte <em>simple</em></p></main></body></html>"#;
        let d = extract_html(html);
        let footer = d
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Porteur"))
            .expect("footer");
        assert_eq!(footer.run_in.as_deref(), Some("Porteur(s)"));
        assert_eq!(footer.lines[0], ["Porteur(s) CCAS", "Mairie"]);
        let pilote = d
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Pilote"))
            .expect("p");
        assert_eq!(pilote.run_in.as_deref(), Some("Pilote :"));
        let plain = d
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Texte"))
            .expect("p");
        assert_eq!(plain.run_in, None);
    }

    #[test]
    fn two_links_side_by_side_are_two_lines() {
        let html = br#"<html><body><main><p>Un texte assez long pour que ce bloc soit le contenu principal de la page, vraiment assez long pour cela.</p>
            <div class="wp-block-file"><a href="/c.pdf">Contrat local de sant&eacute; de Saint-Pr&eacute;</a><a href="/c.pdf" class="wp-block-file__button">T&eacute;l&eacute;charger</a></div></main></body></html>"#;
        let d = extract_html(html);
        let file = d
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Contrat"))
            .expect("file");
        assert_eq!(
            file.lines[0],
            ["Contrat local de santé de Saint-Pré", "Télécharger"]
        );
    }

    #[test]
    fn class_words_never_empty_a_page() {
        // Three blocks of a third of the text each: no one is protected, all are "bandeau".
        let part = "<p>Le contrat local de sant&eacute; est sign&eacute; pour cinq ans.</p><p>Il compte trois axes et douze actions.</p>";
        let html = format!("<html><body><div class=\"bandeau-a\">{part}</div><div class=\"bandeau-b\">{part}</div><div class=\"bandeau-c\">{part}</div></body></html>");
        let d = extract_html(html.as_bytes());
        assert!(d.blocks.len() >= 2, "{:?}", d.blocks);
    }

    #[test]
    fn a_card_footer_holding_the_lead_is_read() {
        let html = br#"<html><body><main><p>Un texte assez long pour que ce bloc soit le contenu principal de la page, vraiment assez long pour cela.</p>
            <article class="card"><h3 class="card-title">Agir</h3><div class="card-footer"><small>Porteur : CCAS</small></div></article></main>
            <div class="footer">Mentions</div></body></html>"#;
        let d = extract_html(html);
        assert!(d.blocks.iter().any(|b| b.text == "Porteur : CCAS"));
        assert!(!d.blocks.iter().any(|b| b.text.contains("Mentions")));
    }

    #[test]
    fn pdf_links_are_made_absolute() {
        let html = br#"<html><head><link rel="canonical" href="https://x.fr/sante/cls"></head><body><main><p><a href="/files/contrat.pdf">Le contrat</a></p></main><footer><a href="/cgu.pdf">CGU</a></footer></body></html>"#;
        let d = extract_html(html);
        assert_eq!(d.pdf_links.len(), 1);
        assert_eq!(d.pdf_links[0].href, "https://x.fr/files/contrat.pdf");
    }
}
