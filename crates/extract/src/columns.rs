//! Text columns of a page (brochures, newsletters): found from whitespace gutters before
//! lines are read, so that reading order goes down one column before the next.
//!
//! A gutter is a vertical strip, at least about one em wide, that almost no line segment
//! crosses while text lies on both sides of it. Lines that do cross every gutter (a title
//! over the whole width) cut the page into zones; inside a zone each column is read top to
//! bottom, left column first. A two-column *table* (narrow labels, wide values) has a
//! gutter too, so a zone is read as columns only when its columns look like running text:
//! of comparable width, each filled by lines that run most of its width. Every tolerance is
//! relative to the font size or to the text width, never a number of points.

use crate::settings::TOLERANCES;

/// A zone of a page: its top and bottom y and the middles of its gutters.
type Zone = (f64, f64, Vec<f64>);

/// The columns found on a page: vertical zones, each with the x positions of its gutters.
#[derive(Debug, Clone, Default)]
pub struct ColumnLayout {
    /// Zones in reading order: top and bottom y, and the gutters' middles (empty for a
    /// zone read as one column).
    zones: Vec<Zone>,
    /// Boxes floated inside a column ("Le chiffre", an inset beside the action title):
    /// for that stretch of the column, the text left of the box is read, then the box.
    floats: Vec<Float>,
}

/// A stretch of one column (zone `zone`, column `col`) that is itself two columns: the
/// text on either side of `gutter` between `y0` and `y1`.
#[derive(Debug, Clone, Copy)]
struct Float {
    zone: usize,
    col: usize,
    y0: f64,
    y1: f64,
    gutter: f64,
}

/// Where a block sits in reading order: its zone and column, then, inside a float, the
/// float's top and the side of its gutter, then its own y.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadingKey {
    zone: usize,
    col: usize,
    band: f64,
    float: Option<usize>,
    side: usize,
    y: f64,
}

impl ReadingKey {
    /// Reading order: zone, column, band, side, then y.
    pub fn order(&self, other: &ReadingKey) -> std::cmp::Ordering {
        (self.zone, self.col)
            .cmp(&(other.zone, other.col))
            .then(self.band.total_cmp(&other.band))
            .then(self.side.cmp(&other.side))
            .then(self.y.total_cmp(&other.y))
    }

    /// The run of text the block belongs to (a column, or one side of a float): lines of
    /// one run are read together, never paired with lines of another.
    pub fn run(&self) -> (usize, usize, usize, usize) {
        let float = self.float.map_or(0, |i| i + 1);
        (self.zone, self.col, float, self.side)
    }
}

/// A line of text as the column finder sees it: its baseline, font size and the left and
/// right edges of its words. Words, not runs of words: two columns whose lines happen to
/// meet at a narrow gutter are one run but never one word.
#[derive(Debug, Clone)]
pub struct LineWords {
    pub y: f64,
    pub size: f64,
    pub words: Vec<(f64, f64)>,
}

/// A box of text: one line's words inside one column.
#[derive(Debug, Clone, Copy)]
struct Span {
    x0: f64,
    x1: f64,
    size: f64,
}

pub(crate) const GUTTER_EMS: f64 = TOLERANCES.gutter;
const MIN_COLUMN_SHARE: f64 = TOLERANCES.min_column_share;
const MIN_WIDTH_RATIO: f64 = TOLERANCES.min_width_ratio;
const MIN_FILL: f64 = TOLERANCES.min_fill;
const FULL_LINE: f64 = TOLERANCES.full_line;
const FULL_SHARE: f64 = TOLERANCES.full_share;
const MIN_LINES: usize = TOLERANCES.min_lines;
const EQUAL_WIDTHS: f64 = TOLERANCES.equal_widths;
const SECTION_GAP: f64 = TOLERANCES.section_gap;
const SECTION_HEADING: f64 = TOLERANCES.section_heading;

impl ColumnLayout {
    /// Finds the columns of a page from its lines.
    pub fn find(lines: &[LineWords]) -> ColumnLayout {
        if lines.len() < 2 * MIN_LINES {
            return ColumnLayout::default();
        }
        let words: Vec<Span> = lines
            .iter()
            .flat_map(|l| {
                l.words.iter().map(|w| Span {
                    x0: w.0,
                    x1: w.1,
                    size: l.size,
                })
            })
            .collect();
        let gutters = gutters(&words, lines.len());
        if gutters.is_empty() {
            return ColumnLayout::default();
        }
        let right = lines
            .iter()
            .flat_map(|l| l.words.iter().map(|w| w.1))
            .fold(f64::NEG_INFINITY, f64::max);
        let zones = best_zones(lines, &gutters, right);
        let floats = floats_of(lines, &zones);
        ColumnLayout { zones, floats }
    }

    /// The zones in reading order: top and bottom y (the first and last are open-ended)
    /// and the middles of their gutters.
    pub fn zones(&self) -> &[Zone] {
        &self.zones
    }

    /// Whether any zone is read as columns.
    #[cfg(test)]
    pub fn is_multi(&self) -> bool {
        self.zones.iter().any(|z| !z.2.is_empty())
    }

    /// The gutters at height `y`: its zone's, and a float's inside one of its columns
    /// (empty when the page is read as one column there).
    pub fn gutters_at(&self, y: f64) -> Vec<f64> {
        let mut out: Vec<f64> = self
            .zones
            .iter()
            .find(|z| y >= z.0 && y <= z.1)
            .map(|z| z.2.clone())
            .unwrap_or_default();
        for f in &self.floats {
            if y >= f.y0 && y <= f.y1 {
                out.push(f.gutter);
            }
        }
        out.sort_by(f64::total_cmp);
        out
    }

    /// The reading-order key of a block at (x, y).
    pub fn key(&self, x: f64, y: f64) -> ReadingKey {
        let (zone, col) = self.zone_and_column(x, y);
        let float = self
            .floats
            .iter()
            .position(|f| f.zone == zone && f.col == col && y >= f.y0 && y <= f.y1);
        match float {
            Some(i) => ReadingKey {
                zone,
                col,
                band: self.floats[i].y0,
                float: Some(i),
                side: usize::from(x > self.floats[i].gutter),
                y,
            },
            None => ReadingKey {
                zone,
                col,
                band: y,
                float: None,
                side: 0,
                y,
            },
        }
    }

    /// The zone and column of a block at (x, y).
    fn zone_and_column(&self, x: f64, y: f64) -> (usize, usize) {
        for (i, (y0, y1, gutters)) in self.zones.iter().enumerate() {
            if y >= *y0 && y <= *y1 {
                return (i, gutters.iter().filter(|g| x > **g).count());
            }
        }
        // Between zones: attach to the first zone that starts below.
        let i = self
            .zones
            .iter()
            .position(|z| z.0 > y)
            .unwrap_or(self.zones.len());
        (i, 0)
    }
}

fn median(v: &mut [f64]) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Candidate gutters: strips crossed by almost no span, with text on both sides.
fn gutters(spans: &[Span], lines: usize) -> Vec<f64> {
    let left = spans.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
    let right = spans.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    let mut sizes: Vec<f64> = spans.iter().map(|s| s.size).collect();
    let em = median(&mut sizes).max(1.0);
    if width <= 0.0 {
        return Vec::new();
    }
    // Coverage profile on a grid of a quarter em.
    let step = em / 4.0;
    let cover = coverage(
        spans,
        left,
        step,
        ((width / step).ceil() as usize).clamp(1, 20_000),
    );
    let cells = cover.len() - 1;
    // Lines allowed to cross a gutter: full-width headings and tables above or below the
    // columns. Generous on purpose: a zone is read as columns only when its own lines
    // look like running text (`reads_as_columns`), which is the real test.
    let allowed = (lines * 2 / 5).max(1);
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells {
        if cover[i] > allowed {
            i += 1;
            continue;
        }
        let start = i;
        while i < cells && cover[i] <= allowed {
            i += 1;
        }
        let Some((b0, b1)) = least_crossed(&cover[start..i], lines) else {
            continue;
        };
        let (x0, x1) = (left + start as f64 * step, left + i as f64 * step);
        let (g0, g1) = (x0 + b0 as f64 * step, x0 + b1 as f64 * step);
        let wide = x1 - x0 >= GUTTER_EMS * em && g1 - g0 >= GUTTER_EMS * em / 2.0;
        let inner = g0 - left >= MIN_COLUMN_SHARE * width && right - g1 >= MIN_COLUMN_SHARE * width;
        if wide && inner {
            out.push((g0 + g1) / 2.0);
        }
    }
    out
}

/// How many spans cover each cell of `step` points from `left` (`cells` + 1 counts).
fn coverage(spans: &[Span], left: f64, step: f64, cells: usize) -> Vec<usize> {
    let mut cover = vec![0usize; cells + 1];
    for s in spans {
        let a = (((s.x0 - left) / step).floor().max(0.0) as usize).min(cells);
        let b = (((s.x1 - left) / step).ceil().max(0.0) as usize).min(cells);
        for c in cover.iter_mut().take(b).skip(a) {
            *c += 1;
        }
    }
    cover
}

/// Inside a sparse strip, the gutter is where the fewest words cross: ragged line ends
/// widen the strip on one side, the gutter itself does not move. A word or two of a table
/// row below may cross it: near-least counts as least. The widest such run of cells, as
/// offsets in the strip.
fn least_crossed(strip: &[usize], lines: usize) -> Option<(usize, usize)> {
    let least = strip.iter().copied().min().unwrap_or(0) + (lines / 12).max(1);
    let mut best: Option<(usize, usize)> = None;
    let mut j = 0;
    while j < strip.len() {
        if strip[j] > least {
            j += 1;
            continue;
        }
        let k0 = j;
        while j < strip.len() && strip[j] <= least {
            j += 1;
        }
        if best.is_none_or(|(a, b)| j - k0 > b - a) {
            best = Some((k0, j));
        }
    }
    best
}

/// The zones of the set of gutters that reads the most lines as columns. A gap beside a
/// box floated inside one column is a gutter too, but the lines under the box cross it and
/// would cut every column of the page into slivers: that gutter is left out, and the box is
/// found later as a float of its column. Ties go to the set with more gutters (three columns
/// read as three, not as one and a double).
fn best_zones(lines: &[LineWords], gutters: &[f64], right: f64) -> Vec<Zone> {
    let n = gutters.len();
    let mut sets: Vec<Vec<f64>> = if n <= 4 {
        (1..(1u32 << n))
            .map(|mask| {
                (0..n)
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| gutters[i])
                    .collect()
            })
            .collect()
    } else {
        std::iter::once(gutters.to_vec())
            .chain(gutters.iter().map(|g| vec![*g]))
            .collect()
    };
    sets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let read = |zones: &[Zone]| {
        lines
            .iter()
            .filter(|l| {
                zones
                    .iter()
                    .any(|z| !z.2.is_empty() && l.y >= z.0 && l.y <= z.1)
            })
            .count()
    };
    let mut best: Option<(usize, Vec<Zone>)> = None;
    for set in sets {
        let z = zones(lines, &set, right);
        let r = read(&z);
        if best.as_ref().is_none_or(|(b, _)| r > *b) {
            best = Some((r, z));
        }
    }
    best.map(|(_, z)| z).unwrap_or_default()
}

/// One line's words split at the gutters: a span per column it has words in.
fn split_line(l: &LineWords, gutters: &[f64]) -> Vec<(usize, Span)> {
    let mut out: Vec<(usize, Span)> = Vec::new();
    for w in &l.words {
        let c = gutters.iter().filter(|g| w.0 > **g).count();
        match out.iter_mut().find(|(k, _)| *k == c) {
            Some((_, s)) => {
                s.x0 = s.x0.min(w.0);
                s.x1 = s.x1.max(w.1);
            }
            None => out.push((
                c,
                Span {
                    x0: w.0,
                    x1: w.1,
                    size: l.size,
                },
            )),
        }
    }
    out
}

/// Cuts the page into zones at lines that cross a gutter, and keeps the gutters of a zone
/// only when its columns look like running text.
fn zones(lines: &[LineWords], gutters: &[f64], right: f64) -> Vec<Zone> {
    let mut sorted: Vec<&LineWords> = lines.iter().collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y));
    let crosses = |l: &LineWords| {
        l.words
            .iter()
            .any(|w| gutters.iter().any(|g| w.0 < *g && w.1 > *g))
    };
    let mut zones: Vec<Zone> = Vec::new();
    let mut current: Vec<&LineWords> = Vec::new();
    for l in sorted {
        if crosses(l) {
            close_zone(&current, gutters, right, &mut zones);
            current.clear();
            zones.push((l.y - l.size, l.y, Vec::new()));
        } else {
            current.push(l);
        }
    }
    close_zone(&current, gutters, right, &mut zones);
    let mut merged = merge_one_column_zones(zones);
    meet_halfway(&mut merged);
    merged
}

/// Adds the zones of a run of lines that cross no gutter: one zone, read as columns when
/// it reads so, else its top part that does and the rest; a section of higher level under
/// its columns starts zones of its own.
fn close_zone(zone: &[&LineWords], gutters: &[f64], right: f64, zones: &mut Vec<Zone>) {
    if zone.is_empty() {
        return;
    }
    let y0 = zone.first().map(|s| s.y - s.size).unwrap_or(0.0);
    let y1 = zone.last().map(|s| s.y).unwrap_or(0.0);
    // Where the zone is cut in two: halfway between the last line above and the top of
    // the first line below.
    let mid = |k: usize| (zone[k - 1].y + zone[k].y - zone[k].size) / 2.0;
    // A larger heading after a band empty across all the columns (the signatories after
    // the plan): the columns end there.
    if let Some(k) = section_cut(zone) {
        let top = columns_of(&zone[..k], gutters, right);
        if !top.is_empty() {
            zones.push((y0, mid(k), top));
            zones.push((mid(k), y1, columns_of(&zone[k..], gutters, right)));
            return;
        }
    }
    let kept = columns_of(zone, gutters, right);
    if kept.is_empty() {
        // Columns may stop short of the zone's end (a table of signatories under them):
        // the longest top part that reads as columns is a zone of its own, the rest is
        // read as one column.
        if let Some(k) = columns_prefix(zone, gutters, right) {
            zones.push((y0, mid(k), columns_of(&zone[..k], gutters, right)));
            zones.push((mid(k), y1, Vec::new()));
            return;
        }
    }
    zones.push((y0, y1, kept));
}

/// Neighbouring one-column zones are one zone.
fn merge_one_column_zones(zones: Vec<Zone>) -> Vec<Zone> {
    let mut merged: Vec<Zone> = Vec::new();
    for z in zones {
        match merged.last_mut() {
            Some(last) if last.2.is_empty() && z.2.is_empty() => last.1 = z.1,
            _ => merged.push(z),
        }
    }
    merged
}

/// Zone bounds meet halfway, so that every y falls in one zone; the first and last zones
/// are open-ended.
fn meet_halfway(zones: &mut [Zone]) {
    for i in 1..zones.len() {
        let mid = (zones[i - 1].1 + zones[i].0) / 2.0;
        zones[i - 1].1 = mid;
        zones[i].0 = mid;
    }
    if let Some(first) = zones.first_mut() {
        first.0 = f64::NEG_INFINITY;
    }
    if let Some(last) = zones.last_mut() {
        last.1 = f64::INFINITY;
    }
}

/// Where a section of higher level starts inside a zone: the first line, after enough
/// lines to be columns, that follows a band empty across the whole zone (the lines are in
/// y order, so a gap between two consecutive lines is empty in every column) and is larger
/// than every line above it.
fn section_cut(zone: &[&LineWords]) -> Option<usize> {
    let mut sizes: Vec<f64> = zone.iter().map(|l| l.size).collect();
    let body = median(&mut sizes);
    let mut largest_above = 0.0_f64;
    for k in 1..zone.len() {
        largest_above = largest_above.max(zone[k - 1].size);
        let band = zone[k].y - zone[k].size - zone[k - 1].y;
        if k >= 2 * MIN_LINES
            && band >= SECTION_GAP * body
            && zone[k].size >= SECTION_HEADING * largest_above
        {
            return Some(k);
        }
    }
    None
}

/// The length of the longest top part of a zone that reads as columns, when the whole
/// zone does not.
fn columns_prefix(zone: &[&LineWords], gutters: &[f64], right: f64) -> Option<usize> {
    // Only at a break in the text: a gap of more than one and a half lines.
    (2 * MIN_LINES..zone.len()).rev().find(|&k| {
        let gap = zone[k].y - zone[k - 1].y;
        gap > 1.5 * 1.2 * zone[k].size.max(zone[k - 1].size)
            && !columns_of(&zone[..k], gutters, right).is_empty()
    })
}

/// The gutters a zone is read with: all of them when its lines form columns of running
/// text, else the single gutter that does, else none.
fn columns_of(zone: &[&LineWords], gutters: &[f64], right: f64) -> Vec<f64> {
    if reads_as_columns(zone, gutters, right) {
        return gutters.to_vec();
    }
    if gutters.len() > 1 {
        for g in gutters {
            if reads_as_columns(zone, std::slice::from_ref(g), right) {
                return vec![*g];
            }
        }
    }
    Vec::new()
}

/// Whether the lines of a zone, split at the gutters, are columns of running text.
fn reads_as_columns(zone: &[&LineWords], gutters: &[f64], right: f64) -> bool {
    let n = gutters.len() + 1;
    let mut cols: Vec<Vec<Span>> = vec![Vec::new(); n];
    for l in zone {
        for (c, s) in split_line(l, gutters) {
            cols[c].push(s);
        }
    }
    let mut widths = Vec::new();
    let mut strong = 0;
    for (c, col) in cols.iter().enumerate() {
        if col.len() < MIN_LINES {
            return false;
        }
        let x0 = col.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
        let x1 = col.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
        // Running text fills its column up to the gutter (or the page's right edge): a
        // table's short values stop far before it.
        let limit = gutters.get(c).copied().unwrap_or(right);
        let em = col.iter().map(|s| s.size).fold(0.0, f64::max);
        if x1 < limit - 4.0 * em {
            return false;
        }
        let w = x1 - x0;
        let mut fills: Vec<f64> = col.iter().map(|s| (s.x1 - s.x0) / w.max(1.0)).collect();
        // Headings, labels and a box's short lines pull the median down in a designed
        // column; its paragraphs still run full width on a good share of its lines, or at
        // least on a few of them.
        let full = fills.iter().filter(|f| **f >= FULL_LINE).count();
        if median(&mut fills) >= MIN_FILL || (full as f64) >= FULL_SHARE * col.len() as f64 {
            strong += 1;
        } else if full < MIN_LINES {
            return false;
        }
        widths.push(w);
    }
    let max = widths.iter().copied().fold(0.0, f64::max);
    let min = widths.iter().copied().fold(f64::INFINITY, f64::min);
    if max <= 0.0 || min / max < MIN_WIDTH_RATIO {
        return false;
    }
    // Every column reads as running text; or the columns are of near equal width (a
    // designed page: a table's label column is narrower) and each has a few full lines
    // (cards of short labelled lines, a box floated beside a title).
    strong == widths.len() || min / max >= EQUAL_WIDTHS
}

/// The floats of every column of the zones read as columns.
fn floats_of(lines: &[LineWords], zones: &[Zone]) -> Vec<Float> {
    let mut out = Vec::new();
    for (zi, (y0, y1, gutters)) in zones.iter().enumerate() {
        if gutters.is_empty() {
            continue;
        }
        for col in 0..=gutters.len() {
            let lo = if col == 0 {
                f64::NEG_INFINITY
            } else {
                gutters[col - 1]
            };
            let hi = gutters.get(col).copied().unwrap_or(f64::INFINITY);
            let mut clipped: Vec<LineWords> = lines
                .iter()
                .filter(|l| l.y >= *y0 && l.y <= *y1)
                .map(|l| LineWords {
                    y: l.y,
                    size: l.size,
                    words: l
                        .words
                        .iter()
                        .copied()
                        .filter(|w| w.0 > lo && w.0 <= hi)
                        .collect(),
                })
                .filter(|l| !l.words.is_empty())
                .collect();
            clipped.sort_by(|a, b| a.y.total_cmp(&b.y));
            for (fy0, fy1, gutter) in floats_in(&clipped, 0) {
                out.push(Float {
                    zone: zi,
                    col,
                    y0: fy0,
                    y1: fy1,
                    gutter,
                });
            }
        }
    }
    out
}

/// Floats in a column's lines (sorted by y): the best one, then those above and below it.
fn floats_in(lines: &[LineWords], depth: usize) -> Vec<(f64, f64, f64)> {
    if depth > 3 {
        return Vec::new();
    }
    let Some((y0, y1, gutter)) = best_float(lines) else {
        return Vec::new();
    };
    let above: Vec<LineWords> = lines.iter().filter(|l| l.y < y0).cloned().collect();
    let below: Vec<LineWords> = lines.iter().filter(|l| l.y > y1).cloned().collect();
    let mut out = floats_in(&above, depth + 1);
    out.push((y0, y1, gutter));
    out.extend(floats_in(&below, depth + 1));
    out
}

/// The longest stretch of consecutive lines that a vertical strip of at least a gutter's
/// width cuts into two blocks of text, each of at least `MIN_LINES` lines. Text beside a
/// box rarely shares its baselines, while a label/value table shares one per row: when
/// more than half of the stretch's lines have words on both sides, it is a table and is
/// left to the table finder.
fn best_float(lines: &[LineWords]) -> Option<(f64, f64, f64)> {
    if lines.len() < 2 * MIN_LINES {
        return None;
    }
    let left = lines
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.0))
        .fold(f64::INFINITY, f64::min);
    let right = lines
        .iter()
        .flat_map(|l| l.words.iter().map(|w| w.1))
        .fold(f64::NEG_INFINITY, f64::max);
    let width = right - left;
    let mut sizes: Vec<f64> = lines.iter().map(|l| l.size).collect();
    let em = median(&mut sizes).max(1.0);
    if width <= 0.0 {
        return None;
    }
    let half = GUTTER_EMS * em / 2.0;
    let step = em / 4.0;
    let cells = ((width / step).ceil() as usize).clamp(1, 4_000);
    // Every strip position with the stretch it cuts best: (x, lines, first, last).
    let mut cuts: Vec<(f64, usize, usize, usize)> = Vec::new();
    for c in 0..cells {
        let x = left + c as f64 * step;
        if x - left < MIN_COLUMN_SHARE * width || right - x < MIN_COLUMN_SHARE * width {
            continue;
        }
        let clear = |l: &LineWords| l.words.iter().all(|w| w.1 <= x - half || w.0 >= x + half);
        let mut i = 0;
        let mut here: Option<(usize, usize, usize)> = None;
        while i < lines.len() {
            if !clear(&lines[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < lines.len() && clear(&lines[i]) {
                i += 1;
            }
            if let Some((a, b)) = float_extent(&lines[start..i], x) {
                let n = b - a + 1;
                if here.is_none_or(|(m, ..)| n > m) {
                    here = Some((n, start + a, start + b));
                }
            }
        }
        if let Some((n, a, b)) = here {
            cuts.push((x, n, a, b));
        }
    }
    let &(_, n, a, b) = cuts.iter().max_by_key(|c| c.1)?;
    // The gutter is the middle of the strip: every position that cuts the same stretch.
    let same = cuts.iter().filter(|c| (c.1, c.2, c.3) == (n, a, b));
    let x0 = same.clone().map(|c| c.0).fold(f64::INFINITY, f64::min);
    let x1 = same.map(|c| c.0).fold(f64::NEG_INFINITY, f64::max);
    let top = lines[a].y - lines[a].size;
    Some((top, lines[b].y, (x0 + x1) / 2.0))
}

/// Inside a stretch of lines that a strip at `x` does not cut, the lines where text lies on
/// both sides: from the later of the two sides' first lines to the earlier of their last.
/// `None` unless each side has `MIN_LINES` lines there and at most half of them share a
/// baseline with the other side.
fn float_extent(run: &[LineWords], x: f64) -> Option<(usize, usize)> {
    let has_left = |l: &LineWords| l.words.iter().any(|w| w.1 <= x);
    let has_right = |l: &LineWords| l.words.iter().any(|w| w.0 >= x);
    let a = run
        .iter()
        .position(has_left)?
        .max(run.iter().position(has_right)?);
    let b = run
        .iter()
        .rposition(has_left)?
        .min(run.iter().rposition(has_right)?);
    if b <= a {
        return None;
    }
    let part = &run[a..=b];
    let lefts = part.iter().filter(|l| has_left(l)).count();
    let rights = part.iter().filter(|l| has_right(l)).count();
    let both = part.iter().filter(|l| has_left(l) && has_right(l)).count();
    (lefts >= MIN_LINES && rights >= MIN_LINES && 2 * both <= part.len()).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of words of 40 points with 3-point spaces between `x0` and `x1`.
    fn line(y: f64, size: f64, parts: &[(f64, f64)]) -> LineWords {
        let mut words = Vec::new();
        for &(x0, x1) in parts {
            let mut x = x0;
            while x + 40.0 <= x1 {
                words.push((x, x + 40.0));
                x += 43.0;
            }
        }
        LineWords { y, size, words }
    }

    #[test]
    fn two_columns_of_running_text_are_read_one_after_the_other() {
        // A title over both columns, then two columns whose lines share baselines and are
        // 12 points apart (a narrow gutter).
        let mut lines = vec![line(60.0, 16.0, &[(50.0, 540.0)])];
        for i in 0..30 {
            let short = if i % 4 == 3 { 180.0 } else { 285.0 };
            lines.push(line(
                100.0 + 12.0 * i as f64,
                10.0,
                &[(50.0, short), (297.0, 540.0)],
            ));
        }
        let c = ColumnLayout::find(&lines);
        assert!(c.is_multi());
        let before = |a: ReadingKey, b: ReadingKey| a.order(&b) == std::cmp::Ordering::Less;
        assert!(before(c.key(60.0, 440.0), c.key(310.0, 100.0)));
        // The title above both columns comes first.
        assert!(before(c.key(50.0, 60.0), c.key(60.0, 100.0)));
    }

    /// Two columns of running text from y = 100 (`left` and `right` lines, 12 points
    /// apart), then, at `heading_y`, a heading of `heading_size` at the left edge and a
    /// two-column table of signatories under it.
    fn columns_then_section(
        left: usize,
        right: usize,
        heading_y: f64,
        heading_size: f64,
    ) -> Vec<LineWords> {
        let mut lines = Vec::new();
        for i in 0..left {
            lines.push(line(100.0 + 12.0 * i as f64, 10.0, &[(50.0, 285.0)]));
        }
        for i in 0..right {
            lines.push(line(100.0 + 12.0 * i as f64, 10.0, &[(297.0, 540.0)]));
        }
        lines.push(line(heading_y, heading_size, &[(50.0, 133.0)]));
        for i in 0..6 {
            let y = heading_y + 24.0 + 14.0 * i as f64;
            lines.push(line(y, 10.0, &[(50.0, 260.0), (300.0, 500.0)]));
        }
        lines
    }

    #[test]
    fn a_larger_heading_after_a_band_across_all_columns_ends_the_columns() {
        // The right column (fields of the last action) stops before the left one; the
        // signatories' heading follows a band empty across the page.
        let c = ColumnLayout::find(&columns_then_section(24, 14, 408.0, 15.0));
        let before = |a: ReadingKey, b: ReadingKey| a.order(&b) == std::cmp::Ordering::Less;
        // The right column's last line is read before the heading under both columns.
        assert!(before(c.key(300.0, 256.0), c.key(50.0, 408.0)));
    }

    #[test]
    fn a_heading_inside_one_column_does_not_end_the_columns() {
        // The same heading, but the right column runs on beside it: no band is empty across
        // the page, so the left column (heading included) is read before the right one.
        let c = ColumnLayout::find(&columns_then_section(24, 40, 408.0, 15.0));
        let before = |a: ReadingKey, b: ReadingKey| a.order(&b) == std::cmp::Ordering::Less;
        assert!(before(c.key(50.0, 408.0), c.key(300.0, 100.0)));
    }

    #[test]
    fn a_box_floated_in_a_column_is_read_after_the_text_beside_it() {
        // Two columns; the left one opens with a title beside a box (different baselines),
        // then runs full width under the box.
        let mut lines = Vec::new();
        for i in 0..5 {
            lines.push(line(100.0 + 16.0 * i as f64, 10.0, &[(50.0, 133.0)]));
            lines.push(line(106.0 + 16.0 * i as f64, 10.0, &[(170.0, 285.0)]));
        }
        for i in 0..20 {
            lines.push(line(190.0 + 12.0 * i as f64, 10.0, &[(50.0, 285.0)]));
        }
        for i in 0..30 {
            lines.push(line(100.0 + 12.0 * i as f64, 10.0, &[(297.0, 540.0)]));
        }
        let c = ColumnLayout::find(&lines);
        assert!(c.is_multi());
        let before = |a: ReadingKey, b: ReadingKey| a.order(&b) == std::cmp::Ordering::Less;
        // The whole title, then the whole box, then the text under them, then column 2.
        assert!(before(c.key(50.0, 164.0), c.key(170.0, 106.0)));
        assert!(before(c.key(170.0, 170.0), c.key(50.0, 190.0)));
        assert!(before(c.key(50.0, 418.0), c.key(297.0, 100.0)));
        // The box's gutter cuts lines only beside the box.
        assert_eq!(c.gutters_at(130.0).len(), 2);
        assert_eq!(c.gutters_at(250.0).len(), 1);
    }

    #[test]
    fn a_label_value_table_is_not_two_columns() {
        let mut lines = Vec::new();
        for i in 0..12 {
            let y = 100.0 + 30.0 * i as f64;
            lines.push(line(y, 10.0, &[(50.0, 133.0), (180.0, 540.0)]));
            lines.push(line(y + 12.0, 10.0, &[(180.0, 530.0)]));
        }
        assert!(!ColumnLayout::find(&lines).is_multi());
    }
}
