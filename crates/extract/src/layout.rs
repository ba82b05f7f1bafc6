//! Glyphs and rules to lines and table cells: pdfplumber's method, rules first, gaps second.
//!
//! Per page: glyphs inside a ruled table are assigned to its cells (rows and columns come
//! from the horizontal and vertical rules); the other glyphs become lines, which are split
//! into column segments at wide gaps so that a two-column table without rules is still
//! read as label/value rows. Word breaks are decided here from the gap between glyphs
//! relative to the font size, because producers such as Chromium position every glyph on
//! its own and the space characters of the content stream cannot be trusted. Then headers
//! and footers repeated across pages are dropped and rows continued across a page break
//! are merged.

use crate::columns::{ColumnLayout, LineWords, ReadingKey};
use crate::settings::{body_size, TOLERANCES};
use crate::{Block, Cell, Glyph, Line, RawPage, Row, Rule};
use rayon::prelude::*;
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

const WORD_GAP: f64 = TOLERANCES.word_gap;
const COLUMN_GAP: f64 = TOLERANCES.column_gap;

/// Lays out every page and returns the blocks of the whole document in reading order.
pub fn layout_pages(pages: Vec<RawPage>) -> Vec<Block> {
    let laid: Vec<LaidPage> = pages.par_iter().map(lay_out).collect();
    finish(laid)
}

/// One page laid out: its number, height and blocks (its glyphs are no longer needed).
pub struct LaidPage {
    pub number: u32,
    pub height: f64,
    pub blocks: Vec<Block>,
}

/// Lays out one page.
pub fn lay_out(page: &RawPage) -> LaidPage {
    LaidPage {
        number: page.number,
        height: page.height,
        blocks: layout_page(page),
    }
}

/// Drops repeated headers and footers, then merges rows continued across page breaks.
pub fn finish(mut pages: Vec<LaidPage>) -> Vec<Block> {
    pages.sort_by_key(|p| p.number);
    let heights: Vec<(u32, f64)> = pages.iter().map(|p| (p.number, p.height)).collect();
    let mut per_page: Vec<Vec<Block>> = pages.into_iter().map(|p| p.blocks).collect();
    drop_repeated_margins(&heights, &mut per_page);
    merge_continued_rows(per_page)
}

/// Joins the lines of one cell or paragraph: one space between lines, and a word cut by a
/// hyphen at the end of a line is made whole again when the next line goes on in lower case.
pub fn join_lines<S: AsRef<str>>(lines: &[S]) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.as_ref().trim();
        if l.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(l);
            continue;
        }
        // "2020-" + "2021": a range cut at the line end is one token again.
        if out.ends_with('-')
            && out.chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit())
            && l.starts_with(|c: char| c.is_ascii_digit())
        {
            out.push_str(l);
            continue;
        }
        let prev_hyphen =
            out.ends_with('-') && out.chars().rev().nth(1).is_some_and(|c| c.is_alphabetic());
        let next_lower = l.chars().next().is_some_and(|c| c.is_lowercase());
        if prev_hyphen && next_lower && !compound_continues(&out, l) {
            out.pop();
            out.push_str(l);
        } else if prev_hyphen {
            // "Mittainvilliers-" + "Vérigny": a compound name, keep the hyphen, no space.
            out.push_str(l);
        } else {
            out.push(' ');
            out.push_str(l);
        }
    }
    out
}

/// Whether a hyphen at a line end joins the parts of a compound name rather than cutting a
/// word: the next part is itself hyphenated ("Villefranche-" + "de-Lauragais") or a
/// particle of place names ("Saint-Just-en-" + "Chevalet" is caught by the first rule),
/// or the cut word is capitalised ("Villefranche-" + "sur-Saône").
fn compound_continues(before: &str, next: &str) -> bool {
    let next_word = next.split_whitespace().next().unwrap_or("");
    let cut_word = before
        .trim_end_matches('-')
        .rsplit(|c: char| c.is_whitespace() || c == '-' || c == '\'')
        .next()
        .unwrap_or("");
    let particle = matches!(
        next_word.split('-').next().unwrap_or(""),
        "de" | "du"
            | "des"
            | "la"
            | "le"
            | "les"
            | "en"
            | "sur"
            | "sous"
            | "lès"
            | "lez"
            | "aux"
            | "et"
    );
    next_word.contains('-')
        || (particle && next_word.contains('-'))
        || cut_word.chars().next().is_some_and(|c| c.is_uppercase()) && particle
}

/// A glyph reduced to what layout needs, with its text normalised (NFKC undoes ligatures).
#[derive(Debug, Clone)]
pub(crate) struct G {
    pub(crate) x0: f64,
    pub(crate) x1: f64,
    pub(crate) y: f64,
    pub(crate) size: f64,
    text: compact_str::CompactString,
    pub(crate) space: bool,
    run: u32,
    bold: bool,
}

pub(crate) fn normalise_glyphs(glyphs: &[Glyph]) -> Vec<G> {
    glyphs
        .iter()
        .filter_map(|g| {
            // Most glyphs are plain letters already in NFKC form: skip the allocation-heavy
            // normalisation for them.
            let plain = g.text.chars().all(|c| c.is_ascii_graphic() || c == ' ')
                || unicode_normalization::is_nfkc_quick(g.text.chars())
                    == unicode_normalization::IsNormalized::Yes
                    && !g
                        .text
                        .contains(['\u{2019}', '\u{2018}', '\u{02bc}', '\u{a0}']);
            let mut t: compact_str::CompactString = if plain {
                g.text.clone()
            } else {
                g.text.nfkc().collect()
            };
            if !plain {
                t = t
                    .replace(['\u{2019}', '\u{2018}', '\u{02bc}'], "'")
                    .replace('\u{a0}', " ")
                    .into();
            }
            t.retain(|c| !c.is_control() || c == ' ');
            if t.is_empty() {
                return None;
            }
            let space = t.trim().is_empty();
            Some(G {
                x0: g.x0,
                x1: g.x1.max(g.x0),
                y: g.y,
                size: g.size,
                text: t,
                space,
                run: g.run,
                bold: g.bold,
            })
        })
        .collect()
}

/// A visual line: glyphs sharing a baseline, sorted left to right.
pub(crate) struct VLine {
    pub(crate) y: f64,
    size: f64,
    glyphs: Vec<G>,
}

impl VLine {
    /// Whether most of the line's letters are bold.
    fn is_bold(&self) -> bool {
        let letters = self.glyphs.iter().filter(|g| !g.space);
        let (bold, all) = letters.fold((0, 0), |(b, n), g| (b + usize::from(g.bold), n + 1));
        all > 0 && 2 * bold > all
    }
}

/// The visual lines of a set of glyphs, top to bottom, each sorted left to right.
pub(crate) fn group_lines(mut glyphs: Vec<G>) -> Vec<VLine> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines = lines_by_baseline(glyphs);
    lines.retain(|l| l.glyphs.iter().any(|g| !g.space));
    attach_superscripts(&mut lines);
    for l in &mut lines {
        l.glyphs.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        if l.size <= 0.0 {
            l.size = 10.0;
        }
    }
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    lines
}

/// Glyphs sorted by baseline gathered into lines: each glyph joins one of the last few
/// lines when it sits on its baseline (see `joins_line`), else opens a line.
fn lines_by_baseline(glyphs: Vec<G>) -> Vec<VLine> {
    let mut lines: Vec<VLine> = Vec::new();
    for g in glyphs {
        // Glyphs are sorted by baseline, so only the last few lines can take this one.
        match lines.iter_mut().rev().take(3).find(|l| joins_line(l, &g)) {
            Some(l) => {
                if !g.space {
                    l.size = l.size.max(g.size);
                }
                l.glyphs.push(g)
            }
            None => lines.push(VLine {
                y: g.y,
                size: if g.space { 0.0 } else { g.size },
                glyphs: vec![g],
            }),
        }
    }
    lines
}

/// Whether glyph `g` belongs to line `l`: its baseline is close enough, and it is a
/// space, of the line's size, right on the baseline, or next to one of the line's glyphs.
/// A smaller glyph off the baseline (a superscript) joins a line only next to its
/// glyphs: a centred label in another column may share its height by chance.
fn joins_line(l: &VLine, g: &G) -> bool {
    let tol = 0.35 * g.size.max(1.0);
    (l.y - g.y).abs() <= tol.max(0.35 * l.size)
        && (g.space
            || (g.size >= 0.85 * l.size && l.size >= 0.85 * g.size)
            || (l.y - g.y).abs() < 0.1 * l.size
            || l.glyphs
                .iter()
                .any(|o| (g.x0 - o.x1).abs() < l.size.max(g.size)))
}

/// Superscripts ("1er", "2e") sit above the baseline in a smaller size: a short line of
/// them that lies within the extent of a line just below is moved into that line.
fn attach_superscripts(lines: &mut Vec<VLine>) {
    let mut k = 0;
    while k < lines.len() {
        let (a_x0, a_x1) = x_extent(&lines[k]);
        let host = (k + 1..(k + 4).min(lines.len())).find(|&h| {
            let (a, b) = (&lines[k], &lines[h]);
            let (b_x0, b_x1) = x_extent(b);
            a.size < 0.85 * b.size
                && b.y > a.y
                && b.y - a.y < 0.6 * b.size
                && a_x0 >= b_x0 - 0.1 * b.size
                && a_x1 <= b_x1 + 0.3 * b.size
                && a.glyphs.len() <= 4
        });
        match host {
            Some(h) => {
                let mut sat = lines.remove(k);
                lines[h - 1].glyphs.append(&mut sat.glyphs);
            }
            None => k += 1,
        }
    }
}

/// The left and right edges of a line's glyphs.
fn x_extent(l: &VLine) -> (f64, f64) {
    (
        l.glyphs.iter().map(|g| g.x0).fold(f64::INFINITY, f64::min),
        l.glyphs
            .iter()
            .map(|g| g.x1)
            .fold(f64::NEG_INFINITY, f64::max),
    )
}

pub(crate) type W = (f64, f64, String, bool);

/// A run of glyphs of one line between column gaps.
#[derive(Debug, Clone)]
pub(crate) struct Seg {
    x0: f64,
    x1: f64,
    pub(crate) y: f64,
    pub(crate) size: f64,
    text: String,
    /// The words of the segment: left edge, right edge, text, and whether it is glued to
    /// the previous word (a new text run with no space before it).
    pub(crate) words: Vec<W>,
}

/// Splits a line into segments at column gaps and at vertical rules, building words from
/// the gaps between glyphs.
pub(crate) fn segments(line: &VLine, splits: &[f64], spaces_drawn: bool) -> Vec<Seg> {
    let mut segs: Vec<Seg> = Vec::new();
    let mut pen = Pen {
        x1: f64::NEG_INFINITY,
        pending_space: false,
        run: u32::MAX,
    };
    for g in &line.glyphs {
        if g.space {
            pen.pending_space = true;
            continue;
        }
        let size = g.size.max(1.0);
        let gap = g.x0 - pen.x1;
        let crosses_rule = splits.iter().any(|&x| pen.x1 <= x + 0.5 && g.x0 >= x - 0.5);
        match segs.last_mut() {
            Some(s) if gap < COLUMN_GAP * size && !crosses_rule => {
                extend_segment(s, g, line, &pen, spaces_drawn)
            }
            // A segment's size is its own glyphs': a line shared by two columns may hold
            // a heading in one and body text in the other.
            _ => segs.push(Seg {
                x0: g.x0,
                x1: g.x1,
                y: line.y,
                size: g.size,
                text: g.text.to_string(),
                words: vec![(g.x0, g.x1, g.text.to_string(), false)],
            }),
        }
        // Overlapping glyphs (bold faked by double printing) do not move the pen back.
        pen.x1 = pen.x1.max(g.x1);
        pen.pending_space = false;
        pen.run = g.run;
    }
    for s in &mut segs {
        let t = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
        s.text = t;
        s.words.retain(|w| !w.2.trim().is_empty());
    }
    segs.retain(|s| !s.text.is_empty());
    segs
}

/// Where the glyphs of a line read so far leave off: the right edge reached, whether a
/// space glyph came after the last letter, and the text run of that letter.
struct Pen {
    x1: f64,
    pending_space: bool,
    run: u32,
}

/// Adds glyph `g` to the segment it continues, opening a new word at a word break and
/// marking a glued word where a new text run starts without a space.
fn extend_segment(s: &mut Seg, g: &G, line: &VLine, pen: &Pen, spaces_drawn: bool) {
    let size = g.size.max(1.0);
    let gap = g.x0 - pen.x1;
    // When the producer draws its spaces, they are the word breaks: glyph widths read
    // from some embedded fonts are wrong, so a gap alone is weak evidence.
    let superscript = g.size < 0.85 * line.size && g.y < line.y - 0.15 * line.size;
    let word_break = if superscript {
        gap > 0.6 * size
    } else if spaces_drawn {
        pen.pending_space || gap > 0.8 * size
    } else {
        gap > WORD_GAP * size || pen.pending_space
    };
    if word_break && !s.text.ends_with(' ') {
        s.text.push(' ');
        s.words.push((g.x0, g.x1, String::new(), false));
    } else if g.run != pen.run && gap > -0.05 * size && !s.text.ends_with(' ') {
        // A new run starting where the last one ended, without a space: keep the text
        // joined, but remember the cut, which may be a column edge.
        s.words.push((g.x0, g.x1, String::new(), true));
    }
    s.text.push_str(&g.text);
    s.x1 = s.x1.max(g.x1);
    if !superscript {
        s.size = s.size.max(g.size);
    }
    if let Some(w) = s.words.last_mut() {
        w.1 = w.1.max(g.x1);
        w.2.push_str(&g.text);
    }
}

/// A table found from its rules: row boundaries and, per row, column boundaries.
#[derive(Debug)]
pub(crate) struct RuledTable {
    pub(crate) x0: f64,
    pub(crate) x1: f64,
    pub(crate) rows: Vec<(f64, f64, Vec<f64>)>,
}

fn merge_collinear(mut rules: Vec<Rule>, horizontal: bool, em: f64) -> Vec<Rule> {
    let (snap, line) = (TOLERANCES.rule_snap * em, TOLERANCES.rule_collinear * em);
    // Key on the fixed coordinate, then merge overlapping spans.
    if horizontal {
        rules.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    } else {
        rules.sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.y0.total_cmp(&b.y0)));
    }
    let mut out: Vec<Rule> = Vec::new();
    for r in rules {
        let merged = out.iter_mut().rev().take(8).find(|o| {
            if horizontal {
                (o.y0 - r.y0).abs() <= line && r.x0 <= o.x1 + snap && r.x1 >= o.x0 - snap
            } else {
                (o.x0 - r.x0).abs() <= line && r.y0 <= o.y1 + snap && r.y1 >= o.y0 - snap
            }
        });
        match merged {
            Some(o) => {
                o.x0 = o.x0.min(r.x0);
                o.x1 = o.x1.max(r.x1);
                o.y0 = o.y0.min(r.y0);
                o.y1 = o.y1.max(r.y1);
            }
            None => out.push(r),
        }
    }
    out
}

/// The ruled tables of a page; `em` is its body text size (see `settings::body_size`).
///
/// The stages of pdfplumber's table finder: the rules are merged into edges, the edges
/// that touch are grouped (one group per table), each group's rows and cells are read
/// from its edges, and a table drawn inside another's cell is dropped.
pub(crate) fn find_tables(rules: &[Rule], em: f64) -> Vec<RuledTable> {
    let (hs, vs) = merge_edges(rules, em);
    if hs.len() < 2 || vs.len() < 2 {
        return Vec::new();
    }
    let tables = group_touching_edges(&hs, &vs, TOLERANCES.rule_snap * em)
        .into_iter()
        .filter_map(|(h, v)| table_from_edges(&h, &v, em))
        .collect();
    drop_nested_tables(tables)
}

/// The page's rules as edges: horizontal and vertical ones apart, collinear pieces of one
/// rule merged.
fn merge_edges(rules: &[Rule], em: f64) -> (Vec<Rule>, Vec<Rule>) {
    let hs = merge_collinear(
        rules
            .iter()
            .copied()
            .filter(|r| r.is_horizontal())
            .collect(),
        true,
        em,
    );
    let vs = merge_collinear(
        rules
            .iter()
            .copied()
            .filter(|r| !r.is_horizontal())
            .collect(),
        false,
        em,
    );
    (hs, vs)
}

/// The edges grouped by table: union-find over the horizontal and vertical edges that
/// touch (within `snap`), each connected set being one table's horizontal and vertical
/// edges. Sets come in the order of their roots, so that tables keep a stable order.
fn group_touching_edges(hs: &[Rule], vs: &[Rule], snap: f64) -> Vec<(Vec<Rule>, Vec<Rule>)> {
    let all: Vec<Rule> = hs.iter().chain(vs.iter()).copied().collect();
    let n = all.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for i in 0..hs.len() {
        for j in hs.len()..n {
            let (h, v) = (all[i], all[j]);
            if v.x0 >= h.x0 - snap
                && v.x0 <= h.x1 + snap
                && h.y0 >= v.y0 - snap
                && h.y0 <= v.y1 + snap
            {
                let (a, b) = (find_root(&mut parent, i), find_root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let r = find_root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut keys: Vec<usize> = groups.keys().copied().collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|k| {
            let idx = &groups[&k];
            let h: Vec<Rule> = idx
                .iter()
                .filter(|&&i| i < hs.len())
                .map(|&i| all[i])
                .collect();
            let v: Vec<Rule> = idx
                .iter()
                .filter(|&&i| i >= hs.len())
                .map(|&i| all[i])
                .collect();
            (h, v)
        })
        .collect()
}

/// The root of edge `i`'s set in the union-find, halving the path on the way.
fn find_root(parent: &mut [usize], i: usize) -> usize {
    let mut i = i;
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// One table from its horizontal edges `h` and vertical edges `v`: its rows, and each
/// row's column boundaries. `None` for a group of fewer than two edges either way or
/// without a row of table height.
fn table_from_edges(h: &[Rule], v: &[Rule], em: f64) -> Option<RuledTable> {
    if h.len() < 2 || v.len() < 2 {
        return None;
    }
    let snap = TOLERANCES.rule_snap * em;
    let x0 = h.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min);
    let x1 = h.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max);
    let ys = row_edges(h, v, em);
    let mut rows = Vec::new();
    for w in ys.windows(2) {
        let (top, bottom) = (w[0], w[1]);
        if bottom - top < TOLERANCES.min_row_height * em {
            continue;
        }
        let mut xs = cell_edges(v, (top + bottom) / 2.0, snap);
        if xs.len() < 2 {
            xs = vec![x0, x1];
        }
        rows.push((top, bottom, xs));
    }
    (!rows.is_empty()).then_some(RuledTable { x0, x1, rows })
}

/// The row boundaries of a table: its horizontal edges, top to bottom, with the ends of
/// its vertical edges when they run past the first or last horizontal one.
fn row_edges(h: &[Rule], v: &[Rule], em: f64) -> Vec<f64> {
    let snap = TOLERANCES.rule_snap * em;
    let mut ys: Vec<f64> = h.iter().map(|r| r.y0).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < snap);
    // A row cut by a page break has no rule on its cut side: the vertical rules that
    // run past the last (or before the first) horizontal rule close it.
    let v_top = v.iter().map(|r| r.y0).fold(f64::INFINITY, f64::min);
    let v_bottom = v.iter().map(|r| r.y1).fold(f64::NEG_INFINITY, f64::max);
    let min_row = TOLERANCES.min_row_height * em;
    if ys.last().is_some_and(|l| v_bottom > l + min_row.max(snap)) {
        ys.push(v_bottom);
    }
    if ys.first().is_some_and(|f| v_top < f - min_row.max(snap)) {
        ys.insert(0, v_top);
    }
    ys
}

/// The column boundaries of a row: the vertical edges that cross its middle `mid`, left
/// to right.
fn cell_edges(v: &[Rule], mid: f64, snap: f64) -> Vec<f64> {
    let mut xs: Vec<f64> = v
        .iter()
        .filter(|r| r.y0 <= mid && r.y1 >= mid)
        .map(|r| r.x0)
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < snap);
    xs
}

/// Drops the tables drawn inside another table's cell: such a frame (a bordered
/// paragraph) is not a table of its own, and its text belongs to the cell around it.
fn drop_nested_tables(tables: Vec<RuledTable>) -> Vec<RuledTable> {
    let inside = |a: &RuledTable, b: &RuledTable| {
        let (at, ab) = (a.rows[0].0, a.rows[a.rows.len() - 1].1);
        let (bt, bb) = (b.rows[0].0, b.rows[b.rows.len() - 1].1);
        a.x0 >= b.x0 && a.x1 <= b.x1 && at >= bt && ab <= bb && (a.x1 - a.x0) < (b.x1 - b.x0)
    };
    let keep: Vec<bool> = tables
        .iter()
        .map(|a| !tables.iter().any(|b| !std::ptr::eq(a, b) && inside(a, b)))
        .collect();
    tables
        .into_iter()
        .zip(keep)
        .filter_map(|(t, k)| k.then_some(t))
        .collect()
}

/// A run of text of a page: zone, column, float band and side (see `ReadingKey::run`).
type RunKey = (usize, usize, usize, usize);

/// Lays out one page into blocks, in top-to-bottom order.
pub(crate) fn layout_page(page: &RawPage) -> Vec<Block> {
    let glyphs = normalise_glyphs(&page.glyphs);
    let spaces = glyphs.iter().filter(|g| g.space).count();
    let spaces_drawn = spaces * 12 > glyphs.len();
    let tables = find_tables(&page.rules, body_size(glyphs.iter().map(|g| g.size)));
    let (mut cell_glyphs, free) = assign_to_cells(&tables, glyphs);
    let mut blocks: Vec<(f64, Block)> = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        for (ri, (top, _, xs)) in t.rows.iter().enumerate() {
            let cells: Vec<Cell> = std::mem::take(&mut cell_glyphs[ti][ri])
                .into_iter()
                .enumerate()
                .map(|(ci, gs)| ruled_cell(gs, xs[ci], xs[ci + 1], spaces_drawn))
                .collect();
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            blocks.push((
                *top,
                Block::Row(Row {
                    pages: vec![page.number],
                    y: *top,
                    ruled: true,
                    cells,
                }),
            ));
        }
    }
    let mut keyed = free_blocks(page.number, free, spaces_drawn, blocks);
    keyed.sort_by(|a, b| a.0.order(&b.0));
    keyed.into_iter().map(|(_, b)| b).collect()
}

/// The glyphs of each cell of each ruled table, by table, row and column.
type CellGlyphs = Vec<Vec<Vec<Vec<G>>>>;

/// The glyphs of each cell of each ruled table (table, row, column), and the glyphs outside
/// every table. A glyph goes to the cell that holds its vertical middle.
fn assign_to_cells(tables: &[RuledTable], glyphs: Vec<G>) -> (CellGlyphs, Vec<G>) {
    let mut cell_glyphs: CellGlyphs = tables
        .iter()
        .map(|t| {
            t.rows
                .iter()
                .map(|(_, _, xs)| vec![Vec::new(); xs.len() - 1])
                .collect()
        })
        .collect();
    let mut free = Vec::new();
    'glyph: for g in glyphs {
        let ymid = g.y - 0.3 * g.size;
        let xmid = (g.x0 + g.x1) / 2.0;
        for (ti, t) in tables.iter().enumerate() {
            if xmid < t.x0 || xmid > t.x1 {
                continue;
            }
            for (ri, (top, bottom, xs)) in t.rows.iter().enumerate() {
                if ymid >= *top && ymid <= *bottom {
                    let ci = xs
                        .windows(2)
                        .position(|w| xmid >= w[0] && xmid <= w[1])
                        .unwrap_or(0);
                    cell_glyphs[ti][ri][ci].push(g);
                    continue 'glyph;
                }
            }
        }
        free.push(g);
    }
    (cell_glyphs, free)
}

/// One cell of a ruled table from its glyphs: its lines and paragraph breaks.
fn ruled_cell(glyphs: Vec<G>, x0: f64, x1: f64, spaces_drawn: bool) -> Cell {
    let lines = group_lines(glyphs);
    let mut text_lines = Vec::new();
    let mut kept: Vec<&VLine> = Vec::new();
    for l in &lines {
        let text = segments(l, &[], spaces_drawn)
            .into_iter()
            .map(|s| s.text)
            .collect::<Vec<_>>()
            .join(" ");
        if !text.is_empty() {
            text_lines.push(text);
            kept.push(l);
        }
    }
    let breaks = paragraph_breaks(&kept);
    Cell {
        x0,
        x1,
        lines: text_lines,
        breaks,
    }
}

/// The glyphs outside ruled tables as lines and unruled tables, read column by column;
/// returned with the ruled rows, each with its reading-order key.
fn free_blocks(
    page: u32,
    free: Vec<G>,
    spaces_drawn: bool,
    ruled: Vec<(f64, Block)>,
) -> Vec<(ReadingKey, Block)> {
    let (lines, columns) = lines_in_columns(free, spaces_drawn);
    let mut keyed: Vec<(ReadingKey, Block)> = ruled
        .into_iter()
        .map(|(y, b)| (columns.key(block_x(&b), y), b))
        .collect();
    for (_, group) in runs_of_text(lines, &columns) {
        for (y, b) in gap_tables(page, group) {
            keyed.push((columns.key(block_x(&b), y), b));
        }
    }
    keyed
}

/// The free glyphs as lines of segments, with the page's column layout found from them.
fn lines_in_columns(free: Vec<G>, spaces_drawn: bool) -> (Vec<Vec<Seg>>, ColumnLayout) {
    let vlines = group_lines(free);
    let first: Vec<Vec<Seg>> = vlines
        .iter()
        .map(|l| segments(l, &[], spaces_drawn))
        .collect();
    let words: Vec<LineWords> = first
        .iter()
        .filter(|segs| !segs.is_empty())
        .map(|segs| line_words(segs))
        .collect();
    let columns = ColumnLayout::find(&words);
    // Lines are cut again at the gutters of their zone, so that no run of words crosses
    // from one column into the next.
    let lines: Vec<Vec<Seg>> = vlines
        .iter()
        .zip(first)
        .map(|(l, segs)| {
            let gutters = columns.gutters_at(l.y);
            if gutters.is_empty() {
                segs
            } else {
                segments(l, &gutters, spaces_drawn)
            }
        })
        .filter(|s| !s.is_empty())
        .collect();
    (lines, columns)
}

/// Each run of text (a column, or one side of a box floated in it) is read on its own:
/// its lines are the segments that fall in it, in the order the runs first appear.
fn runs_of_text(lines: Vec<Vec<Seg>>, columns: &ColumnLayout) -> Vec<(RunKey, Vec<Vec<Seg>>)> {
    let mut groups: Vec<(RunKey, Vec<Vec<Seg>>)> = Vec::new();
    for line in lines {
        let mut parts: Vec<(RunKey, Vec<Seg>)> = Vec::new();
        for seg in line {
            let k = columns.key(seg.x0, seg.y).run();
            match parts.iter_mut().find(|p| p.0 == k) {
                Some(p) => p.1.push(seg),
                None => parts.push((k, vec![seg])),
            }
        }
        for (k, segs) in parts {
            match groups.iter_mut().find(|g| g.0 == k) {
                Some(g) => g.1.push(segs),
                None => groups.push((k, vec![segs])),
            }
        }
    }
    groups
}

/// The lines of a cell that open a new paragraph: those after a line in bold when they are
/// not (a bold title over its description), and those whose baseline is further from the
/// previous one than the cell's own line pitch allows (its median pitch, or 1.2 font sizes
/// for a cell of two lines), so that a cell set with wide line spacing has no break.
fn paragraph_breaks(lines: &[&VLine]) -> Vec<usize> {
    let gaps: Vec<f64> = lines.windows(2).map(|w| w[1].y - w[0].y).collect();
    let size = lines.iter().map(|l| l.size).fold(0.0, f64::max);
    let pitch = if gaps.len() >= 2 {
        let mut sorted = gaps.clone();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    } else {
        1.2 * size
    };
    (1..lines.len())
        .filter(|&i| {
            let gap = gaps[i - 1];
            let spaced = gap > TOLERANCES.paragraph_gap * pitch && gap > 1.5 * size;
            let weight = lines[i - 1].is_bold() && !lines[i].is_bold();
            spaced || weight
        })
        .collect()
}

/// A line's segments as the column finder sees them: baseline, size and word edges.
pub(crate) fn line_words(segs: &[Seg]) -> LineWords {
    LineWords {
        y: segs[0].y,
        size: segs[0].size,
        words: segs
            .iter()
            .flat_map(|s| s.words.iter().map(|w| (w.0, w.1)))
            .collect(),
    }
}

/// The left edge of a block, which places it in a column.
fn block_x(b: &Block) -> f64 {
    match b {
        Block::Row(r) => r.cells.first().map(|c| c.x0).unwrap_or(0.0),
        Block::Line(l) => l.x0,
    }
}

/// How a line sits relative to the column boundary of an unruled table.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Side {
    Both,
    Value,
    Label,
    Text,
}

/// Re-cuts a line at a known column boundary: words starting at or after `xv` form the
/// value segment, the others the label segment. `None` when a word straddles `xv` (the line
/// is ordinary text running across both columns).
fn resplit(l: &[Seg], xv: f64) -> Option<Vec<Seg>> {
    let words: Vec<&W> = l.iter().flat_map(|s| s.words.iter()).collect();
    let (y, size) = (l[0].y, l[0].size);
    let slack = 0.15 * size;
    if words.iter().any(|w| w.0 < xv - slack && w.1 > xv + slack) {
        return None;
    }
    let make = |ws: Vec<&&W>| -> Option<Seg> {
        let first = ws.first()?;
        let mut text = String::new();
        for (i, w) in ws.iter().enumerate() {
            if i > 0 && !w.3 {
                text.push(' ');
            }
            text.push_str(&w.2);
        }
        let mut words: Vec<W> = ws.iter().map(|w| (**w).clone()).collect();
        words[0].3 = false;
        Some(Seg {
            x0: first.0,
            x1: ws.iter().map(|w| w.1).fold(f64::NEG_INFINITY, f64::max),
            y,
            size,
            text,
            words,
        })
    };
    let left: Vec<&&W> = words.iter().filter(|w| w.0 < xv - slack).collect();
    let right: Vec<&&W> = words.iter().filter(|w| w.0 >= xv - slack).collect();
    Some(make(left).into_iter().chain(make(right)).collect())
}

fn side(l: &[Seg], left: f64, xv: f64) -> Side {
    let Some(l) = resplit(l, xv) else {
        return Side::Text;
    };
    let size = l[0].size;
    let lefts: Vec<&Seg> = l.iter().filter(|s| s.x0 < xv - 0.15 * size).collect();
    let rights: Vec<&Seg> = l.iter().filter(|s| s.x0 >= xv - 0.15 * size).collect();
    if lefts
        .first()
        .is_some_and(|s| (s.x0 - left).abs() > 1.0 * size)
    {
        return Side::Text;
    }
    if rights
        .first()
        .is_some_and(|s| (s.x0 - xv).abs() > 0.8 * size)
    {
        return Side::Text;
    }
    match (lefts.is_empty(), rights.is_empty()) {
        (false, false) => Side::Both,
        (true, false) => Side::Value,
        (false, true) => Side::Label,
        (true, true) => Side::Text,
    }
}

/// Finds two-column tables drawn without rules (label column, value column) and rebuilds
/// their rows from whitespace: lines of one cell follow each other at the line pitch, and
/// cells are separated by a wider gap. Labels may be vertically centred on their value
/// (LibreOffice does this), so a label cell is paired with the value cell it overlaps.
fn gap_tables(page: u32, lines: Vec<Vec<Seg>>) -> Vec<(f64, Block)> {
    let (regions, in_region) = unruled_regions(&lines);
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if !in_region[k] {
            out.push(line_block(page, l.clone()));
        }
    }
    for r in regions {
        let cut: Vec<Vec<Seg>> = lines[r.start..r.end]
            .iter()
            .map(|l| resplit(l, r.xv).unwrap_or_else(|| l.clone()))
            .collect();
        out.extend(unruled_rows(page, &cut, r.left, r.xv));
    }
    out
}

/// Lines `start..end` of a run of text read as an unruled two-column table, whose label
/// column starts at `left` and value column at `xv`.
struct GapRegion {
    start: usize,
    end: usize,
    left: f64,
    xv: f64,
}

/// The unruled tables among the lines of one run of text, top to bottom, and whether
/// each line is in one. A table grows from a seed line (`region_seed`) up to its first
/// line (`region_top`) and down to its last (`region_bottom`).
fn unruled_regions(lines: &[Vec<Seg>]) -> (Vec<GapRegion>, Vec<bool>) {
    let n = lines.len();
    let starts: Vec<f64> = lines.iter().map(|l| l[0].x0).collect();
    let mut in_region = vec![false; n];
    let mut regions = Vec::new();
    let mut i = 0;
    while i < n {
        let Some((left, xv)) = region_seed(lines, i, &starts) else {
            i += 1;
            continue;
        };
        let start = region_top(lines, &in_region, i, left, xv);
        let end = region_bottom(lines, i, left, xv);
        in_region[start..end].fill(true);
        regions.push(GapRegion {
            start,
            end,
            left,
            xv,
        });
        i = end;
    }
    (regions, in_region)
}

/// The column edges (label, value) of an unruled table seeded at line `i`: its first two
/// segments when a column gap parts them, else a boundary aligned with a neighbouring
/// line. `None` when line `i` opens no table.
fn region_seed(lines: &[Vec<Seg>], i: usize, starts: &[f64]) -> Option<(f64, f64)> {
    let l = &lines[i];
    if l.len() >= 2 && l[1].x0 - l[0].x1 >= COLUMN_GAP * l[0].size * 0.9 {
        return Some((l[0].x0, l[1].x0));
    }
    // A label followed by its value after an ordinary space ("Descriptif de l'action
    // Sensibiliser…") is cut where a neighbouring line starts its value.
    aligned_split(lines, i, starts)
}

/// The first line of the table seeded at line `i`, walking back over value-only lines (a
/// cell continued from the previous page, or the top of a value whose label is centred
/// lower) and over label-only lines that sit between value lines; a label-only line right
/// above the seed is ordinary text ("Action nouvelle" before the table). The lines of an
/// earlier table are never taken.
fn region_top(lines: &[Vec<Seg>], in_region: &[bool], i: usize, left: f64, xv: f64) -> usize {
    let size = lines[i][0].size;
    let mut start = i;
    while start > 0 && !in_region[start - 1] {
        let s = side(&lines[start - 1], left, xv);
        let below_is_value = side(&lines[start], left, xv) == Side::Value;
        let same_size = (lines[start - 1][0].size - size).abs() < 0.1 * size;
        // A centred label lies between lines of its value: value below and above.
        let above_is_value =
            start >= 2 && !in_region[start - 2] && side(&lines[start - 2], left, xv) == Side::Value;
        // The upper lines of a wrapped label, centred on a value lower down.
        let below_has_label = matches!(side(&lines[start], left, xv), Side::Both | Side::Label);
        let close = lines[start][0].y - lines[start - 1][0].y <= 1.6 * size;
        if s == Side::Value
            || (s == Side::Label
                && same_size
                && ((below_is_value && above_is_value)
                    || ((below_has_label || below_is_value) && close)))
        {
            start -= 1;
        } else {
            break;
        }
    }
    start
}

/// The end (exclusive) of the table seeded at line `i`: the lines below belong to it while
/// they sit in its columns, at its size, closer than a blank line; a label-only line
/// after a wider gap only when table lines follow it.
fn region_bottom(lines: &[Vec<Seg>], i: usize, left: f64, xv: f64) -> usize {
    let n = lines.len();
    let size = lines[i][0].size;
    let mut end = i + 1;
    let mut last_y = lines[i][0].y;
    while end < n {
        let s = side(&lines[end], left, xv);
        let y = lines[end][0].y;
        let gap = y - last_y;
        let same_size = (lines[end][0].size - size).abs() < 0.1 * size;
        let next_in_table = lines.get(end + 1).is_some_and(|nl| {
            matches!(side(nl, left, xv), Side::Both | Side::Value | Side::Label)
                && nl[0].y - y < 4.0 * size
        });
        let ok = match s {
            Side::Both | Side::Value => gap < 4.0 * size && same_size,
            Side::Label => same_size && (gap < 2.4 * size || (gap < 4.0 * size && next_in_table)),
            Side::Text => false,
        };
        if !ok {
            break;
        }
        last_y = y;
        end += 1;
    }
    end
}

/// When line `i` has a word starting exactly where a neighbouring line (within two lines)
/// starts, and that neighbour is indented from line `i`'s start, that position is a column
/// boundary: returns it (with the label column's left edge). A lone line between two
/// others is first tried as a centred label or a centred value.
fn aligned_split(lines: &[Vec<Seg>], i: usize, starts: &[f64]) -> Option<(f64, f64)> {
    if i > 0 && i + 1 < lines.len() && lines[i].len() == 1 {
        let (a, l, b) = (&lines[i - 1], &lines[i], &lines[i + 1]);
        if let Some(split) = centred_label(a, l, b).or_else(|| centred_value(a, l, b)) {
            return Some(split);
        }
    }
    let l = &lines[i];
    let size = l[0].size;
    let words: Vec<&W> = l.iter().flat_map(|s| s.words.iter()).collect();
    let lo = i.saturating_sub(2);
    let hi = (i + 3).min(lines.len());
    for k in lo..hi {
        if k == i
            || (lines[k][0].y - l[0].y).abs() > 2.6 * size
            || (lines[k][0].size - size).abs() > 0.1 * size
        {
            continue;
        }
        let xv = starts[k];
        if xv < l[0].x0 + 3.0 * size {
            continue;
        }
        // Never inside a word: a glued run that goes on in lower case after a letter
        // ("Départem" + "ent") is one word drawn in two runs.
        let mid_word = |a: &W, b: &W| {
            b.3 && a.2.chars().last().is_some_and(char::is_alphabetic)
                && b.2.chars().next().is_some_and(char::is_lowercase)
        };
        let hit = words
            .windows(2)
            .any(|w| (w[1].0 - xv).abs() <= 1.5 && w[0].1 < xv - 0.5 && !mid_word(w[0], w[1]));
        if hit {
            return Some((l[0].x0, xv));
        }
    }
    None
}

/// A lone label `l` between two value lines `a` and `b` that start at the same indent (a
/// centred label whose value runs above and below it): the label's left edge and the
/// values'.
fn centred_label(a: &[Seg], l: &[Seg], b: &[Seg]) -> Option<(f64, f64)> {
    let size = l[0].size;
    let x = a[0].x0;
    let same = |o: &Seg| (o.size - size).abs() <= 0.1 * size;
    (a.len() == 1
        && b.len() == 1
        && same(&a[0])
        && same(&b[0])
        && (b[0].x0 - x).abs() <= 0.15 * size
        && x > l[0].x1 + 0.5 * size
        && x > l[0].x0 + 3.0 * size
        && l[0].y - a[0].y < 2.0 * size
        && b[0].y - l[0].y < 2.0 * size)
        .then_some((l[0].x0, x))
}

/// A lone value line `l` between two label lines `a` and `b` (a wrapped label centred on
/// it): the labels' left edge and the value's.
fn centred_value(a: &[Seg], l: &[Seg], b: &[Seg]) -> Option<(f64, f64)> {
    let size = l[0].size;
    let same = |o: &Seg| (o.size - size).abs() <= 0.1 * size;
    (a.len() == 1
        && b.len() == 1
        && same(&a[0])
        && same(&b[0])
        && (a[0].x0 - b[0].x0).abs() <= 0.15 * size
        && l[0].x0 > a[0].x1.max(b[0].x1) + 0.1 * size
        && l[0].x0 > a[0].x0 + 3.0 * size
        && l[0].y - a[0].y < 2.0 * size
        && b[0].y - l[0].y < 2.0 * size)
        .then_some((a[0].x0, l[0].x0))
}

/// A cell of an unruled table being rebuilt: its lines with their baselines.
#[derive(Debug, Default, Clone)]
struct ColCell {
    lines: Vec<(f64, String)>,
}

impl ColCell {
    fn top(&self) -> f64 {
        self.lines.first().map(|l| l.0).unwrap_or(0.0)
    }
    fn bottom(&self) -> f64 {
        self.lines.last().map(|l| l.0).unwrap_or(0.0)
    }
}

fn unruled_rows(page: u32, lines: &[Vec<Seg>], left: f64, xv: f64) -> Vec<(f64, Block)> {
    let size = lines.iter().map(|l| l[0].size).fold(0.0, f64::max).max(1.0);
    let (label_lines, value_lines) = column_lines(lines, xv, size);
    let (pitch, padded) = cell_pitch(&label_lines, &value_lines, size);
    let labels = split_cells(&label_lines, &value_lines, pitch, padded, size);
    let values = split_cells(&value_lines, &label_lines, pitch, padded, size);
    let rows = pair_cells(&labels, &values, size);
    let mut out = Vec::new();
    for (li, vis) in rows {
        let label = li.map(|i| labels[i].clone()).unwrap_or_default();
        let mut vlines: Vec<(f64, String)> =
            vis.iter().flat_map(|&i| values[i].lines.clone()).collect();
        vlines.sort_by(|a, b| a.0.total_cmp(&b.0));
        let y = label
            .lines
            .first()
            .map(|l| l.0)
            .into_iter()
            .chain(vlines.first().map(|l| l.0))
            .fold(f64::INFINITY, f64::min);
        let cells = vec![
            Cell {
                x0: left,
                x1: xv,
                lines: label.lines.into_iter().map(|l| l.1).collect(),
                breaks: Vec::new(),
            },
            Cell {
                x0: xv,
                x1: f64::INFINITY,
                lines: vlines.into_iter().map(|l| l.1).collect(),
                breaks: Vec::new(),
            },
        ];
        out.push((
            y - 0.05 * size,
            Block::Row(Row {
                pages: vec![page],
                y,
                ruled: false,
                cells,
            }),
        ));
    }
    out
}

/// The lines of one column of an unruled table, each with its baseline.
type ColLines = Vec<(f64, String)>;

/// The lines of an unruled two-column table cut at the value column's edge `xv`: the label
/// column's lines and the value column's, each with its baseline.
fn column_lines(lines: &[Vec<Seg>], xv: f64, size: f64) -> (ColLines, ColLines) {
    let edge = xv - 0.4 * size;
    let mut label_lines = Vec::new();
    let mut value_lines = Vec::new();
    for l in lines {
        let y = l[0].y;
        let lt: Vec<&str> = l
            .iter()
            .filter(|s| s.x0 < edge)
            .map(|s| s.text.as_str())
            .collect();
        let vt: Vec<&str> = l
            .iter()
            .filter(|s| s.x0 >= edge)
            .map(|s| s.text.as_str())
            .collect();
        if !lt.is_empty() {
            label_lines.push((y, lt.join(" ")));
        }
        if !vt.is_empty() {
            value_lines.push((y, vt.join(" ")));
        }
    }
    (label_lines, value_lines)
}

/// The line pitch inside a cell (the smallest gap between two lines of one column: a row
/// gap is always wider, by the cell padding) and whether rows are padded (some gap is
/// wider than the pitch but not a blank).
fn cell_pitch(labels: &[(f64, String)], values: &[(f64, String)], size: f64) -> (f64, bool) {
    let all_gaps: Vec<f64> = labels
        .windows(2)
        .chain(values.windows(2))
        .map(|w| w[1].0 - w[0].0)
        .collect();
    let pitch = all_gaps
        .iter()
        .copied()
        .filter(|g| *g >= 0.95 * size)
        .fold(f64::INFINITY, f64::min);
    let pitch = if pitch.is_finite() { pitch } else { 1.2 * size };
    // Tables with cell padding separate rows by a gap wider than the pitch; in tables
    // without padding only the alignment of first lines tells rows apart.
    let padded = all_gaps
        .iter()
        .any(|g| *g > 1.12 * pitch && *g < 3.2 * pitch);
    (pitch, padded)
}

/// The cells of one column: a cell ends at a gap wider than the pitch; in tables without
/// padding, a line that shares its baseline with the first line of a cell of the other
/// column (top-aligned rows) also opens a cell.
fn split_cells(
    col: &[(f64, String)],
    other: &[(f64, String)],
    pitch: f64,
    padded: bool,
    size: f64,
) -> Vec<ColCell> {
    let mut cells: Vec<ColCell> = Vec::new();
    for (idx, (y, t)) in col.iter().enumerate() {
        let prev = idx.checked_sub(1).map(|p| col[p].0);
        let aligned = other.iter().enumerate().any(|(oi, (oy, _))| {
            (oy - y).abs() < 0.1 * size && (oi == 0 || oy - other[oi - 1].0 > 0.0) && idx > 0
        });
        let opens = match prev {
            None => true,
            Some(py) => {
                y - py > 1.12 * pitch
                    || (!padded
                        && aligned
                        && y - py >= pitch * 0.9
                        && starts_cell(other, *y, pitch))
            }
        };
        if opens {
            cells.push(ColCell::default());
        }
        if let Some(c) = cells.last_mut() {
            c.lines.push((*y, t.clone()));
        }
    }
    cells
}

/// Pairs every value cell with the label cell it overlaps most (else the nearest one);
/// value cells at the top with no label above continue the previous page's row and come
/// first, without label.
fn pair_cells(
    labels: &[ColCell],
    values: &[ColCell],
    size: f64,
) -> Vec<(Option<usize>, Vec<usize>)> {
    let ext = |c: &ColCell| (c.top() - 0.8 * size, c.bottom() + 0.25 * size);
    let mut rows: Vec<(Option<usize>, Vec<usize>)> =
        (0..labels.len()).map(|li| (Some(li), Vec::new())).collect();
    let mut orphans: Vec<usize> = Vec::new();
    for (vi, v) in values.iter().enumerate() {
        let (v0, v1) = ext(v);
        let best = labels
            .iter()
            .enumerate()
            .map(|(li, l)| {
                let (l0, l1) = ext(l);
                (li, (v1.min(l1) - v0.max(l0)).max(0.0))
            })
            .filter(|(_, o)| *o > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(li, _)| li);
        // Without overlap, the nearest label cell above or below takes it; a value cell at
        // the top of the table far from any label continues the previous page's row.
        let dist = |l: &ColCell| {
            let (l0, l1) = ext(l);
            if l1 <= v0 {
                v0 - l1
            } else {
                l0 - v1
            }
        };
        let above = labels.iter().rposition(|l| l.top() < v.top());
        let below = labels.iter().position(|l| l.top() > v.top());
        let nearest = match (above, below) {
            (Some(a), Some(b)) => Some(if dist(&labels[b]) < dist(&labels[a]) {
                b
            } else {
                a
            }),
            (Some(a), None) => Some(a),
            // Nothing above: the top of a cell continued from the previous page.
            _ => None,
        };
        match best.or(nearest) {
            Some(li) => rows[li].1.push(vi),
            None => orphans.push(vi),
        }
    }
    if !orphans.is_empty() {
        rows.insert(0, (None, orphans));
    }
    rows
}

/// Whether baseline `y` is the first line of a cell in column `col` (the previous line of
/// that column, if any, is more than a pitch above).
fn starts_cell(col: &[(f64, String)], y: f64, pitch: f64) -> bool {
    match col.iter().position(|(cy, _)| (cy - y).abs() < 1.0) {
        Some(0) => true,
        Some(i) => y - col[i - 1].0 > 0.9 * pitch,
        None => false,
    }
}

fn line_block(page: u32, segs: Vec<Seg>) -> (f64, Block) {
    let y = segs[0].y;
    let x0 = segs[0].x0;
    let x1 = segs.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
    let size = segs.iter().map(|s| s.size).fold(0.0, f64::max);
    let text = segs
        .into_iter()
        .map(|s| s.text)
        .collect::<Vec<_>>()
        .join(" ");
    (
        y,
        Block::Line(Line {
            page,
            x0,
            x1,
            y,
            size,
            text,
        }),
    )
}

/// Drops lines and rows in the top and bottom margins that repeat on many pages (digits
/// ignored, so "Page 3 / 80" matches "Page 4 / 80"), and bare page numbers there.
fn drop_repeated_margins(pages: &[(u32, f64)], per_page: &mut [Vec<Block>]) {
    let counts = margin_counts(pages, per_page);
    let threshold = (pages.len() as f64 * 0.4).max(3.0) as usize;
    for (p, blocks) in pages.iter().zip(per_page.iter_mut()) {
        let repeated = |b: &Block| match margin_text(b, p.1) {
            Some(t) => {
                counts.get(&margin_key(&t, p.0)).copied().unwrap_or(0) >= threshold
                    || is_page_number(&t)
            }
            None => false,
        };
        drop_running_blocks(blocks, repeated);
    }
}

/// A margin text as it is compared across pages: lower case without spaces. Digits are
/// ignored only when the text carries the page's own number ("3/5", "Page 3"): "FICHE
/// ACTION N° 4" at the top of a page is a heading, not a header.
fn margin_key(t: &str, page: u32) -> String {
    let has_page_number = t
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.parse::<u32>().ok() == Some(page));
    t.chars()
        .map(|c| {
            if has_page_number && c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The text of a block in the top or bottom margin of a page of height `h` (a row only
/// when it lies on one page).
fn margin_text(b: &Block, h: f64) -> Option<String> {
    let (y, text) = match b {
        Block::Line(l) => (l.y, l.text.clone()),
        Block::Row(r) if r.pages.len() == 1 => (
            r.y,
            r.cells
                .iter()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Block::Row(_) => return None,
    };
    (y < 0.09 * h || y > 0.91 * h).then_some(text)
}

/// On how many pages each margin text (by its `margin_key`) appears.
fn margin_counts(pages: &[(u32, f64)], per_page: &[Vec<Block>]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (p, blocks) in pages.iter().zip(per_page.iter()) {
        let mut seen = std::collections::HashSet::new();
        for b in blocks {
            if let Some(t) = margin_text(b, p.1) {
                let k = margin_key(&t, p.0);
                if seen.insert(k.clone()) {
                    *counts.entry(k).or_default() += 1;
                }
            }
        }
    }
    counts
}

/// Drops the `repeated` blocks of a page that run from its top down and from its bottom
/// up. A running header is above everything else of its page, a footer below: only the
/// repeated blocks at the very top and bottom go. A table's header row repeated under
/// each page's first heading is body text.
fn drop_running_blocks(blocks: &mut Vec<Block>, repeated: impl Fn(&Block) -> bool) {
    let mut order: Vec<usize> = (0..blocks.len()).collect();
    order.sort_by(|&a, &b| block_y(&blocks[a]).total_cmp(&block_y(&blocks[b])));
    let mut drop = vec![false; blocks.len()];
    for &i in &order {
        if !repeated(&blocks[i]) {
            break;
        }
        drop[i] = true;
    }
    for &i in order.iter().rev() {
        if !repeated(&blocks[i]) {
            break;
        }
        drop[i] = true;
    }
    let mut k = 0;
    blocks.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// The baseline (line) or top (row) of a block.
fn block_y(b: &Block) -> f64 {
    match b {
        Block::Line(l) => l.y,
        Block::Row(r) => r.y,
    }
}

fn is_page_number(t: &str) -> bool {
    let t = t.trim().to_lowercase();
    let t = t
        .trim_start_matches("page")
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == ' ');
    !t.is_empty()
        && t.len() <= 9
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '/' || c == ' ' || c == 's' || c == 'u' || c == 'r')
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Merges a table row cut by a page break: when a page ends with a row and the next page
/// starts with a row of as many cells, and either part has an empty first cell, they are
/// one row.
fn merge_continued_rows(per_page: Vec<Vec<Block>>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for blocks in per_page {
        let mut first = true;
        for b in blocks {
            if first {
                first = false;
                if let (Some(Block::Row(prev)), Block::Row(next)) = (out.last_mut(), &b) {
                    let continued = prev.cells.len() == next.cells.len()
                        && next.cells.len() >= 2
                        && (next.cells[0].is_empty() || prev.cells[0].is_empty())
                        && !prev.pages.contains(&next.pages[0]);
                    if continued {
                        for (pc, nc) in prev.cells.iter_mut().zip(next.cells.iter()) {
                            let offset = pc.lines.len();
                            pc.breaks.extend(nc.breaks.iter().map(|b| b + offset));
                            pc.lines.extend(nc.lines.iter().cloned());
                        }
                        prev.pages.extend(next.pages.iter().copied());
                        continue;
                    }
                }
            }
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x: f64, y: f64, size: f64, text: &str) -> Vec<Glyph> {
        // One glyph per character, 0.5 em wide, as Chromium positions them.
        let mut out = Vec::new();
        let mut x = x;
        for c in text.chars() {
            let w = 0.5 * size;
            if c != ' ' {
                out.push(Glyph {
                    x0: x,
                    x1: x + w,
                    y,
                    size,
                    text: c.to_string().into(),
                    run: 0,
                    bold: false,
                });
            }
            x += w;
        }
        out
    }

    fn page(glyphs: Vec<Glyph>, rules: Vec<Rule>) -> RawPage {
        RawPage {
            number: 1,
            width: 600.0,
            height: 800.0,
            glyphs,
            rules,
        }
    }

    fn hrule(y: f64) -> Rule {
        Rule {
            x0: 50.0,
            y0: y,
            x1: 550.0,
            y1: y,
        }
    }
    fn vrule(x: f64, y0: f64, y1: f64) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    #[test]
    fn kerned_glyphs_become_words_by_gap() {
        // "FICHE ACTION" drawn glyph by glyph with tiny kerning gaps must not split words.
        let mut g = Vec::new();
        let mut x = 100.0;
        for c in "FICHE".chars() {
            g.push(Glyph {
                x0: x,
                x1: x + 6.0,
                y: 100.0,
                size: 12.0,
                text: c.to_string().into(),
                run: 0,
                bold: false,
            });
            x += 6.4;
        }
        x += 3.0;
        for c in "ACTION".chars() {
            g.push(Glyph {
                x0: x,
                x1: x + 6.0,
                y: 100.0,
                size: 12.0,
                text: c.to_string().into(),
                run: 0,
                bold: false,
            });
            x += 6.3;
        }
        let blocks = layout_pages(vec![page(g, vec![])]);
        assert_eq!(blocks.len(), 1);
        match &blocks[0] {
            Block::Line(l) => assert_eq!(l.text, "FICHE ACTION"),
            b => panic!("expected a line, got {b:?}"),
        }
    }

    #[test]
    fn ligature_is_expanded() {
        let g = vec![Glyph {
            x0: 10.0,
            x1: 16.0,
            y: 100.0,
            size: 12.0,
            text: "\u{fb01}".into(),
            run: 0,
            bold: false,
        }];
        let blocks = layout_pages(vec![page(g, vec![])]);
        assert!(matches!(&blocks[0], Block::Line(l) if l.text == "fi"));
    }

    #[test]
    fn wrapped_label_stays_in_its_cell_between_value_lines() {
        // Row 1: label "Ressources (Financement et / Ressources humaines)" wraps on two
        // lines whose baselines fall between the three lines of its value.
        let mut g = Vec::new();
        g.extend(word(60.0, 110.0, 10.0, "Ressources (Financement et"));
        g.extend(word(200.0, 112.0, 10.0, "Financement : 10 000 € et"));
        g.extend(word(200.0, 124.0, 10.0, "CAUE : 6 000 €"));
        g.extend(word(60.0, 123.0, 10.0, "Ressources humaines)"));
        g.extend(word(60.0, 150.0, 10.0, "Evaluation"));
        g.extend(word(200.0, 150.0, 10.0, "Nombre de réunions"));
        let rules = vec![
            hrule(100.0),
            hrule(140.0),
            hrule(160.0),
            vrule(50.0, 100.0, 160.0),
            vrule(190.0, 100.0, 160.0),
            vrule(550.0, 100.0, 160.0),
        ];
        let blocks = layout_pages(vec![page(g, rules)]);
        let rows: Vec<&Row> = blocks
            .iter()
            .filter_map(|b| if let Block::Row(r) = b { Some(r) } else { None })
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[0].cells[0].text(),
            "Ressources (Financement et Ressources humaines)"
        );
        assert_eq!(
            rows[0].cells[1].text(),
            "Financement : 10 000 € et CAUE : 6 000 €"
        );
        assert_eq!(rows[1].cells[0].text(), "Evaluation");
    }

    /// A block as one line of text: a line's text, or a row's cells joined by " | " (after
    /// "ruled " for a row read from rules).
    fn shown(b: &Block) -> String {
        match b {
            Block::Row(r) => {
                let cells: Vec<String> = r.cells.iter().map(Cell::text).collect();
                let ruled = if r.ruled { "ruled " } else { "" };
                format!("{ruled}{}", cells.join(" | "))
            }
            Block::Line(l) => l.text.clone(),
        }
    }

    /// A ruled table whose vertical rules stop two points short of the bottom rule (as
    /// producers draw them), and an unruled table under it, drawn at `scale`.
    fn scaled_page(scale: f64) -> RawPage {
        let k = |v: f64| v * scale;
        let mut g = Vec::new();
        g.extend(word(k(60.0), k(115.0), k(10.0), "Pilote"));
        g.extend(word(k(200.0), k(115.0), k(10.0), "Ville de Sainte-Lucie"));
        g.extend(word(k(60.0), k(135.0), k(10.0), "Budget"));
        g.extend(word(k(200.0), k(135.0), k(10.0), "12 000 €"));
        g.extend(word(k(60.0), k(200.0), k(10.0), "Public"));
        g.extend(word(k(200.0), k(200.0), k(10.0), "Jeunes de 16 à 25 ans"));
        g.extend(word(k(60.0), k(214.0), k(10.0), "Calendrier"));
        g.extend(word(k(200.0), k(214.0), k(10.0), "2026-2028"));
        let h = |y: f64| Rule {
            x0: k(50.0),
            y0: k(y),
            x1: k(550.0),
            y1: k(y),
        };
        let v = |x: f64| Rule {
            x0: k(x),
            y0: k(100.0),
            x1: k(x),
            y1: k(140.0),
        };
        let rules = vec![h(100.0), h(122.0), h(142.0), v(50.0), v(190.0), v(550.0)];
        RawPage {
            number: 1,
            width: k(600.0),
            height: k(800.0),
            glyphs: g,
            rules,
        }
    }

    #[test]
    fn a_row_cut_by_the_page_break_is_closed_by_its_vertical_rules() {
        // Regression (recap-only-sevre printed at 125 %): the last row of the page has no
        // bottom rule, its borders go on to the page's end.
        let mut g = Vec::new();
        g.extend(word(60.0, 115.0, 10.0, "C2"));
        g.extend(word(200.0, 115.0, 10.0, "Favoriser l'installation"));
        g.extend(word(60.0, 140.0, 10.0, "C3"));
        g.extend(word(200.0, 140.0, 10.0, "Soutenir la CPTS"));
        g.extend(word(200.0, 152.0, 10.0, "du territoire"));
        let rules = vec![
            hrule(100.0),
            hrule(122.0),
            vrule(50.0, 100.0, 160.0),
            vrule(190.0, 100.0, 160.0),
            vrule(550.0, 100.0, 160.0),
        ];
        let blocks = layout_pages(vec![page(g, rules)]);
        let rows: Vec<String> = blocks
            .iter()
            .map(shown)
            .filter(|t| t.starts_with("ruled "))
            .collect();
        assert_eq!(
            rows,
            [
                "ruled C2 | Favoriser l'installation",
                "ruled C3 | Soutenir la CPTS du territoire"
            ]
        );
    }

    #[test]
    fn tolerances_follow_the_font_size() {
        // The same page printed at half, normal and double size reads the same: every
        // tolerance (rule snapping included) scales with the text.
        let texts = |scale: f64| -> Vec<String> {
            layout_pages(vec![scaled_page(scale)])
                .iter()
                .map(shown)
                .collect()
        };
        let normal = texts(1.0);
        assert_eq!(
            normal[..2],
            [
                "ruled Pilote | Ville de Sainte-Lucie".to_string(),
                "ruled Budget | 12 000 €".to_string()
            ]
        );
        assert_eq!(texts(0.5), normal);
        assert_eq!(texts(2.0), normal);
    }

    #[test]
    fn unruled_two_column_table_is_split_at_the_column_gap() {
        let mut g = Vec::new();
        g.extend(word(60.0, 100.0, 10.0, "Pilote"));
        g.extend(word(200.0, 100.0, 10.0, "CCAS de Chartres"));
        g.extend(word(60.0, 114.0, 10.0, "Échéancier"));
        g.extend(word(200.0, 114.0, 10.0, "2021-2023, puis chaque"));
        g.extend(word(200.0, 126.0, 10.0, "année"));
        let blocks = layout_pages(vec![page(g, vec![])]);
        let rows: Vec<&Row> = blocks
            .iter()
            .filter_map(|b| if let Block::Row(r) = b { Some(r) } else { None })
            .collect();
        assert_eq!(rows.len(), 2, "{blocks:?}");
        assert_eq!(rows[1].cells[0].text(), "Échéancier");
        assert_eq!(rows[1].cells[1].text(), "2021-2023, puis chaque année");
    }

    #[test]
    fn row_continued_on_next_page_is_one_row() {
        let mut p1 = page(
            [
                word(60.0, 700.0, 10.0, "Partenariat"),
                word(200.0, 700.0, 10.0, "Partenaires de la"),
            ]
            .concat(),
            vec![
                hrule(690.0),
                hrule(720.0),
                vrule(50.0, 690.0, 720.0),
                vrule(190.0, 690.0, 720.0),
                vrule(550.0, 690.0, 720.0),
            ],
        );
        p1.number = 1;
        let mut p2 = page(
            [
                word(200.0, 60.0, 10.0, "convention"),
                word(60.0, 90.0, 10.0, "Territoire"),
                word(200.0, 90.0, 10.0, "Chartres"),
            ]
            .concat(),
            vec![
                hrule(50.0),
                hrule(70.0),
                hrule(100.0),
                vrule(50.0, 50.0, 100.0),
                vrule(190.0, 50.0, 100.0),
                vrule(550.0, 50.0, 100.0),
            ],
        );
        p2.number = 2;
        let blocks = layout_pages(vec![p1, p2]);
        let rows: Vec<&Row> = blocks
            .iter()
            .filter_map(|b| if let Block::Row(r) = b { Some(r) } else { None })
            .collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].cells[1].text(), "Partenaires de la convention");
        assert_eq!(rows[0].pages, vec![1, 2]);
    }

    #[test]
    fn hyphen_at_line_end_is_undone_only_before_lower_case() {
        assert_eq!(join_lines(&["une psycho-", "logue"]), "une psychologue");
        assert_eq!(
            join_lines(&["Mittainvilliers-", "Vérigny"]),
            "Mittainvilliers-Vérigny"
        );
        assert_eq!(join_lines(&["Nombre de", "réunions"]), "Nombre de réunions");
        assert_eq!(
            join_lines(&["déploiement 2020-", "2021 : production"]),
            "déploiement 2020-2021 : production"
        );
    }

    #[test]
    fn repeated_footer_and_page_numbers_are_dropped() {
        let pages: Vec<RawPage> = (1..=5)
            .map(|n| {
                let mut p = page(
                    [
                        word(60.0, 100.0, 10.0, "Texte du contrat"),
                        word(60.0, 780.0, 8.0, "CLS Chartres métropole"),
                        word(500.0, 790.0, 8.0, &n.to_string()),
                    ]
                    .concat(),
                    vec![],
                );
                p.number = n;
                p
            })
            .collect();
        let blocks = layout_pages(pages);
        assert_eq!(blocks.len(), 5);
        assert!(blocks
            .iter()
            .all(|b| matches!(b, Block::Line(l) if l.text == "Texte du contrat")));
    }
}
