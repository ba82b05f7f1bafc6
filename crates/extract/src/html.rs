//! HTML pages to content blocks (title, headings, paragraphs, list items, table rows),
//! with what every page of a site repeats removed.
//!
//! Boilerplate goes in two passes. First, elements that are never content by their role
//! (scripts, navigation, header and footer of the site, forms, cookie banners such as
//! tarteaucitron or the State design system's consent banner, share buttons, sidebars)
//! are skipped by tag, role, id or class. Then the content container is chosen: semantic
//! markup when the page has it (`<main>`, `<article>`, `.entry-content`, Drupal's
//! `field--name-body`), otherwise the block with the most text and the fewest links
//! (the Readability / trafilatura idea), since many municipal sites are plain `<div>`s
//! with a news column beside the content. Inside it, related-news sections ("À lire
//! aussi"), "Revenir en haut de page" and trailing lorem-ipsum filler are dropped.

use scraper::{ElementRef, Html, Node};
use std::collections::HashMap;

/// The kind of an HTML block, as the page's markup says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlKind {
    Heading(u8),
    Paragraph,
    ListItem,
    TableRow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HtmlBlock {
    pub kind: HtmlKind,
    pub text: String,
    /// The cells of a table row (empty for other blocks).
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlDocument {
    /// The `<title>` of the page.
    pub title: Option<String>,
    pub blocks: Vec<HtmlBlock>,
}

/// Decodes the page with its declared charset (UTF-8 when none is declared and the bytes
/// are valid UTF-8, else Windows-1252, the superset of ISO-8859-1 that browsers use).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
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
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    match enc {
        Some(e) if e != encoding_rs::UTF_8 => e.decode(bytes).0.into_owned(),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
        },
    }
}

const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "form", "iframe", "svg", "button", "select", "input",
    "template", "aside", "footer", "object", "embed", "canvas", "map", "dialog", "figure",
];

/// Words in an id or class that mark boilerplate.
const BOILERPLATE_MARKS: &[&str] = &[
    "tarteaucitron",
    "cookie",
    "consent",
    "rgpd",
    "gdpr",
    "breadcrumb",
    "fil-ariane",
    "ariane",
    "share",
    "partage",
    "sharing",
    "social",
    "related",
    "lire-aussi",
    "a-lire",
    "sidebar",
    "widget",
    "menu",
    "navigation",
    "navbar",
    "skip",
    "haut-de-page",
    "back-to-top",
    "newsletter",
    "search",
    "recherche",
    "pied",
    "bandeau",
    "colonne",
    "agenda",
    "actualites",
    "actus",
    "news",
    "posted-on",
    "entry-meta",
    "copyright",
    "adresse",
    "logo",
    "fr-header",
    "fr-footer",
    "fr-consent",
    "fr-nav",
    "fr-breadcrumb",
    "fr-share",
    "fr-sidemenu",
    "fr-skiplinks",
    "footer",
    "header-nav",
    "site-header",
    "site-footer",
    "comments",
    "pagination",
    "print",
    "imprimer",
    "modal",
    "popup",
];

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

fn is_boilerplate_element(e: &ElementRef) -> bool {
    let v = e.value();
    let name = v.name();
    if SKIP_TAGS.contains(&name) {
        return true;
    }
    if name == "header" && !is_inside_content(e) {
        return true;
    }
    if let Some(role) = v.attr("role") {
        if matches!(
            role,
            "navigation"
                | "banner"
                | "contentinfo"
                | "search"
                | "complementary"
                | "dialog"
                | "alertdialog"
        ) {
            return true;
        }
    }
    if v.attr("aria-hidden") == Some("true") || v.attr("hidden").is_some() {
        return true;
    }
    let marks = format!(
        "{} {}",
        v.attr("id").unwrap_or(""),
        v.attr("class").unwrap_or("")
    )
    .to_ascii_lowercase();
    if marks.trim().is_empty() {
        return false;
    }
    // Content containers often carry words like "site-content": only whole tokens count.
    marks.split(|c: char| c.is_whitespace()).any(|tok| {
        BOILERPLATE_MARKS.iter().any(|m| {
            if m.len() > 6 {
                return tok.contains(m);
            }
            // Whole dash-separated parts only: "share" in "fr-share", not in "shared".
            tok.split(['-', '_']).any(|part| part == *m) || tok == *m
        })
    })
}

fn is_inside_content(e: &ElementRef) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "main" | "article"))
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
    "span",
];

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name) && name != "span"
}

/// Text of an element without its nested block children, whitespace collapsed.
fn inline_text(e: &ElementRef, out: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) => {
                if let Some(ce) = ElementRef::wrap(child) {
                    if is_boilerplate_element(&ce) || is_block(el.name()) {
                        if el.name() == "br" {
                            out.push(' ');
                        }
                        continue;
                    }
                    if el.name() == "br" {
                        out.push(' ');
                    } else {
                        inline_text(&ce, out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Full text of an element (nested blocks included, boilerplate subtrees pruned).
fn all_text(e: &ElementRef) -> String {
    fn rec(e: &ElementRef, out: &mut String) {
        for child in e.children() {
            match child.value() {
                Node::Text(t) => {
                    out.push_str(t);
                }
                Node::Element(el) => {
                    if let Some(ce) = ElementRef::wrap(child) {
                        if is_boilerplate_element(&ce) {
                            continue;
                        }
                        if is_block(el.name()) || el.name() == "br" {
                            out.push(' ');
                        }
                        rec(&ce, out);
                        if is_block(el.name()) {
                            out.push(' ');
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    rec(e, &mut out);
    clean(&out)
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
    e: &ElementRef,
    in_link: bool,
    sizes: &mut HashMap<ego_tree::NodeId, (usize, usize)>,
) -> (usize, usize) {
    let mut text = 0;
    let mut links = 0;
    let is_link = in_link || e.value().name() == "a";
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
                    if is_boilerplate_element(&ce) {
                        continue;
                    }
                    let (t, l) = measure(&ce, is_link, sizes);
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

/// Chooses the element holding the page's content.
fn content_root<'a>(doc: &'a Html) -> Option<ElementRef<'a>> {
    let sel = |s: &str| scraper::Selector::parse(s).ok();
    let body = sel("body").and_then(|b| doc.select(&b).next());
    let mut sizes = HashMap::new();
    if let Some(b) = body {
        measure(&b, false, &mut sizes);
    }
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
                return Some(e);
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

fn walk(e: &ElementRef, out: &mut Vec<HtmlBlock>) {
    if is_boilerplate_element(e) {
        return;
    }
    let name = e.value().name();
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = name[1..].parse().unwrap_or(2);
            push(out, HtmlKind::Heading(level), all_text(e), Vec::new());
            return;
        }
        "tr" => {
            let cells: Vec<String> = e
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .map(|c| all_text(&c))
                .collect();
            let text = cells
                .iter()
                .filter(|c| !c.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            push(out, HtmlKind::TableRow, text, cells);
            return;
        }
        _ => {}
    }
    let mut own = String::new();
    inline_text(e, &mut own);
    let own = clean(&own);
    if !own.is_empty() {
        let kind = if name == "li" || name == "dd" || name == "dt" {
            HtmlKind::ListItem
        } else {
            HtmlKind::Paragraph
        };
        push(out, kind, own, Vec::new());
    }
    for child in e.children().filter_map(ElementRef::wrap) {
        if is_block(child.value().name()) {
            walk(&child, out);
        }
    }
}

fn push(out: &mut Vec<HtmlBlock>, kind: HtmlKind, text: String, cells: Vec<String>) {
    if text.trim().is_empty() {
        return;
    }
    out.push(HtmlBlock { kind, text, cells });
}

/// Share of words of lorem-ipsum filler.
fn lorem_share(t: &str) -> f64 {
    const LOREM: &[&str] = &[
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
    let mut n = 0usize;
    let mut latin = 0usize;
    for w in t
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        n += 1;
        if w.len() <= 12 && LOREM.iter().any(|l| l.eq_ignore_ascii_case(w)) {
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

/// Elements that never hold children, or that the parser closes by itself when the next
/// one opens (so that a page of unclosed `<p>` or `<li>` does not count as deep).
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "tbody", "thead", "tfoot",
    "colgroup", "caption", "optgroup", "rt", "rp", "html", "head", "body",
];

/// Removes the tags that would nest elements deeper than `max` (their text is kept), so
/// that the parser builds a tree of bounded depth: a pre-scan in linear time, before
/// html5ever, whose tree builder and our walks are then bounded too. Tags inside
/// `<script>`, `<style>` and comments are not counted.
fn cap_depth(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut kept = 0; // bytes of `text` before this offset are already in `out`
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + p;
        i = at + 1;
        let rest = &text[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| at + e + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name: String = rest[if closing { 2 } else { 1 }..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        // A tag longer than 4 kB is not a tag worth counting (and looking further for
        // its end would make a page of stray `<a` quadratic).
        let window = &rest.as_bytes()[..rest.len().min(4096)];
        let Some(end) = window.iter().position(|&b| b == b'>') else {
            continue;
        };
        let tag_end = at + end + 1;
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            i = text[tag_end..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(bytes.len(), |e| tag_end + e);
            continue;
        }
        let self_closing = rest[..end].ends_with('/');
        if NOT_NESTING.contains(&name.as_str()) || (self_closing && !closing) {
            continue;
        }
        let drop = if closing {
            let deep = depth > max;
            depth = depth.saturating_sub(1);
            deep
        } else {
            depth += 1;
            depth > max
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[kept..at]);
            kept = tag_end;
        }
        i = tag_end;
    }
    match out {
        None => std::borrow::Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[kept..]);
            std::borrow::Cow::Owned(o)
        }
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

/// Reads an HTML page into content blocks.
pub fn extract_html(bytes: &[u8]) -> HtmlDocument {
    let text = decode(bytes);
    let text = cap_depth(&text, MAX_DEPTH);
    let doc = Html::parse_document(&text);
    let title = scraper::Selector::parse("title")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .map(|t| clean(&t.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    let mut blocks = Vec::new();
    if let Some(root) = content_root(&doc) {
        // The page title (h1) often sits outside the body field (Drupal): keep it.
        let h1 = scraper::Selector::parse("h1").ok().and_then(|s| {
            doc.select(&s).find(|h| {
                !h.ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| a.id() == root.id())
            })
        });
        if let Some(h) = h1 {
            push(&mut blocks, HtmlKind::Heading(1), all_text(&h), Vec::new());
        }
        walk(&root, &mut blocks);
    }
    HtmlDocument {
        title,
        blocks: drop_boilerplate(blocks),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn nesting_past_the_cap_is_flattened_and_text_kept() {
        let deep = format!("<div>{}x{}</div>", "<b>".repeat(1000), "</b>".repeat(1000));
        let capped = cap_depth(&deep, 10);
        assert_eq!(capped.matches("<b>").count(), 9);
        assert_eq!(capped.matches("</b>").count(), 9);
        assert!(capped.contains('x'));
        let flat = "<p>a<p>b<li>c<br><img src=x/>";
        assert_eq!(cap_depth(flat, 1), flat);
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
}
