//! HTML pages to content blocks (headings, paragraphs, list items, table cells).

/// The kind of an HTML block, as the page's markup says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlKind {
    Title,
    Heading(u8),
    Paragraph,
    ListItem,
    TableRow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HtmlBlock {
    pub kind: HtmlKind,
    pub text: String,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct HtmlDocument {
    pub title: Option<String>,
    pub blocks: Vec<HtmlBlock>,
}

pub fn extract_html(_bytes: &[u8]) -> HtmlDocument {
    HtmlDocument::default()
}
