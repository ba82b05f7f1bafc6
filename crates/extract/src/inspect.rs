//! A debug view of the PDF layout: what the reader saw on each page, as plain data.
//!
//! `cls inspect` draws it. Each page is laid out again by the stages of `layout.rs` (the
//! same functions, so the view cannot drift from the reader) and the intermediate results
//! that the blocks no longer carry are kept: the words with their boxes, the rules, the
//! ruled table cells, the column zones with their gutters, and each block with a bounding
//! box and its place in the page's reading order. Coordinates are top-down points.

use crate::columns::{ColumnLayout, LineWords, GUTTER_EMS};
use crate::layout::{
    find_tables, group_lines, layout_page, normalise_glyphs, segments, RuledTable, G,
};
use crate::{Block, ExtractError, RawPage, Row, Rule};

/// An axis-aligned rectangle, top-down: `y0` is the top edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

/// A word as drawn, with its box (from the font size around the baseline).
#[derive(Debug, Clone, PartialEq)]
pub struct WordBox {
    pub rect: Rect,
    pub text: String,
}

/// A zone of the page (cut at lines running across every column) and its gutters.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnZone {
    /// Top and bottom of the zone, clamped to the page.
    pub y0: f64,
    pub y1: f64,
    /// Each gutter as a band: its middle is where columns are cut, its width one gutter.
    pub gutters: Vec<(f64, f64)>,
}

/// A block of the page's reading order with its bounding box.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockBox {
    pub rect: Rect,
    pub block: Block,
}

/// One page as the reader saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectPage {
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub words: Vec<WordBox>,
    pub rules: Vec<Rule>,
    /// The cells of the ruled tables (rows from horizontal rules, columns per row).
    pub cells: Vec<Rect>,
    pub zones: Vec<ColumnZone>,
    /// Blocks in the page's reading order, before repeated headers and footers are
    /// dropped and rows continued across pages are merged.
    pub blocks: Vec<BlockBox>,
}

/// Reads a PDF and lays each page out again for the debug view.
pub fn inspect_pdf(bytes: &[u8]) -> Result<Vec<InspectPage>, ExtractError> {
    let mut pages = crate::pdf::read_pdf(bytes, |p| inspect_page(&p))?.pages;
    pages.sort_by_key(|p| p.number);
    Ok(pages)
}

/// The baseline and font size of a word to its box: ascenders reach about 0.8 em above
/// the baseline, descenders 0.2 em below.
fn word_rect(x0: f64, x1: f64, y: f64, size: f64) -> Rect {
    Rect {
        x0,
        y0: y - 0.8 * size,
        x1,
        y1: y + 0.2 * size,
    }
}

/// Lays one page out, keeping the intermediate stages.
pub fn inspect_page(page: &RawPage) -> InspectPage {
    let glyphs = normalise_glyphs(&page.glyphs);
    let spaces_drawn = glyphs.iter().filter(|g| g.space).count() * 12 > glyphs.len();
    let tables = find_tables(
        &page.rules,
        crate::settings::body_size(page.glyphs.iter().map(|g| g.size)),
    );
    let words = page_words(glyphs.clone(), spaces_drawn);
    let line_words = free_line_words(glyphs, &tables, spaces_drawn);
    let em = crate::settings::body_size(line_words.iter().map(|l| l.size)).max(1.0);
    let columns = ColumnLayout::find(&line_words);
    let zones = column_zones(&columns, page.height, em);
    let ruled_rows = ruled_row_rects(&tables);
    let blocks = layout_page(page)
        .into_iter()
        .map(|block| {
            let rect = block_rect(&block, &ruled_rows, &words, &columns, page.width, em);
            BlockBox { rect, block }
        })
        .collect();
    InspectPage {
        number: page.number,
        width: page.width,
        height: page.height,
        words,
        rules: page.rules.clone(),
        cells: ruled_cells(&tables),
        zones,
        blocks,
    }
}

/// The words of the whole page, table cells included, for display.
fn page_words(glyphs: Vec<G>, spaces_drawn: bool) -> Vec<WordBox> {
    let mut words = Vec::new();
    for l in group_lines(glyphs) {
        for s in segments(&l, &[], spaces_drawn) {
            for w in &s.words {
                words.push(WordBox {
                    rect: word_rect(w.0, w.1, s.y, s.size),
                    text: w.2.clone(),
                });
            }
        }
    }
    words
}

/// The column finder's input, built as `layout_page` builds it: the lines of the glyphs
/// outside ruled tables.
fn free_line_words(glyphs: Vec<G>, tables: &[RuledTable], spaces_drawn: bool) -> Vec<LineWords> {
    let in_table = |x: f64, ymid: f64| {
        tables
            .iter()
            .any(|t| x >= t.x0 && x <= t.x1 && t.rows.iter().any(|r| ymid >= r.0 && ymid <= r.1))
    };
    let free: Vec<_> = glyphs
        .into_iter()
        .filter(|g| !in_table((g.x0 + g.x1) / 2.0, g.y - 0.3 * g.size))
        .collect();
    group_lines(free)
        .iter()
        .map(|l| segments(l, &[], spaces_drawn))
        .filter(|segs| !segs.is_empty())
        .map(|segs| crate::layout::line_words(&segs))
        .collect()
}

/// The column zones of the page, clamped to its height, each gutter as a band one gutter
/// wide around the place where columns are cut.
fn column_zones(columns: &ColumnLayout, height: f64, em: f64) -> Vec<ColumnZone> {
    columns
        .zones()
        .iter()
        .map(|(y0, y1, gutters)| ColumnZone {
            y0: y0.max(0.0),
            y1: y1.min(height),
            gutters: gutters
                .iter()
                .map(|g| (g - GUTTER_EMS * em / 2.0, g + GUTTER_EMS * em / 2.0))
                .collect(),
        })
        .collect()
}

/// The cells of the ruled tables, row by row.
fn ruled_cells(tables: &[RuledTable]) -> Vec<Rect> {
    tables
        .iter()
        .flat_map(|t| {
            t.rows.iter().flat_map(|(top, bottom, xs)| {
                xs.windows(2).map(move |w| Rect {
                    x0: w[0],
                    y0: *top,
                    x1: w[1],
                    y1: *bottom,
                })
            })
        })
        .collect()
}

/// The box of each row of the ruled tables, from its first column edge to its last.
fn ruled_row_rects(tables: &[RuledTable]) -> Vec<Rect> {
    tables
        .iter()
        .flat_map(|t| {
            t.rows.iter().map(|(top, bottom, xs)| Rect {
                x0: xs.first().copied().unwrap_or(t.x0),
                y0: *top,
                x1: xs.last().copied().unwrap_or(t.x1),
                y1: *bottom,
            })
        })
        .collect()
}

/// The box of a block. Lines and ruled rows carry their extent; an unruled row carries
/// only its first baseline and its cells' left edges, so its box is found from the page's
/// words (see `unruled_row_rect`).
fn block_rect(
    block: &Block,
    ruled_rows: &[Rect],
    words: &[WordBox],
    columns: &ColumnLayout,
    width: f64,
    em: f64,
) -> Rect {
    let r = match block {
        Block::Line(l) => return word_rect(l.x0, l.x1, l.y, l.size),
        Block::Row(r) => r,
    };
    if r.ruled {
        if let Some(rect) = ruled_rows.iter().find(|q| (q.y0 - r.y).abs() < 0.01) {
            return *rect;
        }
    }
    unruled_row_rect(r, words, columns, width, em)
}

/// The box of an unruled row: its bottom is found by following each cell's lines down the
/// page's words (the first word of each line, in order), its right edge by the words on
/// those lines.
fn unruled_row_rect(
    r: &Row,
    words: &[WordBox],
    columns: &ColumnLayout,
    width: f64,
    em: f64,
) -> Rect {
    let x0 = r.cells.first().map(|c| c.x0).unwrap_or(0.0);
    // The row ends at the gutter to its right, or at the page's edge.
    let right = columns
        .gutters_at(r.y)
        .iter()
        .copied()
        .find(|g| *g > x0)
        .unwrap_or(width);
    let mut bottom = r.y;
    let mut x1 = x0;
    for (ci, c) in r.cells.iter().enumerate() {
        let cx1 = r.cells.get(ci + 1).map(|n| n.x0).unwrap_or(right);
        let mut below = r.y - 0.5 * em;
        for line in &c.lines {
            let Some(first) = line.split_whitespace().next() else {
                continue;
            };
            if let Some(w) = line_start_word(words, first, below, c.x0, cx1) {
                below = baseline(&w.rect) + 0.1;
                bottom = bottom.max(w.rect.y1);
                // The row reaches as far right as the words on its lines.
                x1 = x1.max(line_reach(words, w.rect.y1, c.x0, cx1, x1));
            }
        }
    }
    Rect {
        x0,
        y0: r.y - 0.8 * em,
        x1: x1.max(x0 + em),
        y1: bottom.max(r.y + 0.2 * em),
    }
}

/// An estimate of a word's baseline from its box (a fifth of its height above the bottom).
fn baseline(rect: &Rect) -> f64 {
    rect.y1 - 0.2 * (rect.y1 - rect.y0)
}

/// The highest word at or below `below`, in the cell from `left` to `right`, that starts
/// the line whose first word is `first`.
fn line_start_word<'w>(
    words: &'w [WordBox],
    first: &str,
    below: f64,
    left: f64,
    right: f64,
) -> Option<&'w WordBox> {
    words
        .iter()
        .filter(|w| {
            baseline(&w.rect) >= below
                && w.rect.x0 >= left - 1.5
                && w.rect.x0 < right
                && !w.text.is_empty()
                && first.starts_with(w.text.as_str())
        })
        .min_by(|a, b| a.rect.y0.total_cmp(&b.rect.y0))
}

/// The right edge of the words on the line whose bottom is `base`, in the cell from `left`
/// to `right`, and at least `x1`.
fn line_reach(words: &[WordBox], base: f64, left: f64, right: f64, x1: f64) -> f64 {
    words
        .iter()
        .filter(|o| (o.rect.y1 - base).abs() < 0.5 && o.rect.x0 >= left - 1.5)
        .filter(|o| o.rect.x1 <= right)
        .map(|o| o.rect.x1)
        .fold(x1, f64::max)
}
