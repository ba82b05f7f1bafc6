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

/// The columns found on a page: vertical zones, each with the x positions of its gutters.
#[derive(Debug, Clone, Default)]
pub struct ColumnLayout {
    /// Zones in reading order: top and bottom y, and the gutters' middles (empty for a
    /// zone read as one column).
    zones: Vec<(f64, f64, Vec<f64>)>,
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

/// A gutter must be this many ems wide.
pub(crate) const GUTTER_EMS: f64 = 0.8;
/// A column must be at least this share of the text width.
const MIN_COLUMN_SHARE: f64 = 0.22;
/// Columns of one zone must have widths within this ratio (narrowest / widest).
const MIN_WIDTH_RATIO: f64 = 0.7;
/// The median line of a column of running text fills at least this share of its width.
const MIN_FILL: f64 = 0.6;
/// A column of running text has at least this many lines in the zone.
const MIN_LINES: usize = 3;

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
        let zones = zones(lines, &gutters, right);
        ColumnLayout { zones }
    }

    /// The zones in reading order: top and bottom y (the first and last are open-ended)
    /// and the middles of their gutters.
    pub fn zones(&self) -> &[(f64, f64, Vec<f64>)] {
        &self.zones
    }

    /// Whether any zone is read as columns.
    #[cfg(test)]
    pub fn is_multi(&self) -> bool {
        self.zones.iter().any(|z| !z.2.is_empty())
    }

    /// The gutters of the zone holding `y` (empty when it is read as one column).
    pub fn gutters_at(&self, y: f64) -> &[f64] {
        self.zones
            .iter()
            .find(|z| y >= z.0 && y <= z.1)
            .map(|z| z.2.as_slice())
            .unwrap_or(&[])
    }

    /// The reading-order key of a block at (x, y): zone, then column, then y.
    pub fn key(&self, x: f64, y: f64) -> (usize, usize, f64) {
        for (i, (y0, y1, gutters)) in self.zones.iter().enumerate() {
            if y >= *y0 && y <= *y1 {
                let col = gutters.iter().filter(|g| x > **g).count();
                return (i, col, y);
            }
        }
        // Between zones: attach to the first zone that starts below.
        let i = self
            .zones
            .iter()
            .position(|z| z.0 > y)
            .unwrap_or(self.zones.len());
        (i, 0, y)
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
    let cells = ((width / step).ceil() as usize).clamp(1, 20_000);
    let mut cover = vec![0usize; cells + 1];
    for s in spans {
        let a = (((s.x0 - left) / step).floor().max(0.0) as usize).min(cells);
        let b = (((s.x1 - left) / step).ceil().max(0.0) as usize).min(cells);
        for c in cover.iter_mut().take(b).skip(a) {
            *c += 1;
        }
    }
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
        // Inside a sparse strip, the gutter is where the fewest words cross: ragged line
        // ends widen the strip on one side, the gutter itself does not move.
        // A word or two of a table row below may cross it: near-least counts as least.
        let least = cover[start..i].iter().copied().min().unwrap_or(0) + (lines / 12).max(1);
        let mut best: Option<(usize, usize)> = None;
        let mut j = start;
        while j < i {
            if cover[j] > least {
                j += 1;
                continue;
            }
            let k0 = j;
            while j < i && cover[j] <= least {
                j += 1;
            }
            if best.is_none_or(|(a, b)| j - k0 > b - a) {
                best = Some((k0, j));
            }
        }
        let Some((b0, b1)) = best else { continue };
        let (x0, x1) = (left + start as f64 * step, left + i as f64 * step);
        let (g0, g1) = (left + b0 as f64 * step, left + b1 as f64 * step);
        let wide = x1 - x0 >= GUTTER_EMS * em && g1 - g0 >= GUTTER_EMS * em / 2.0;
        let inner = g0 - left >= MIN_COLUMN_SHARE * width && right - g1 >= MIN_COLUMN_SHARE * width;
        if wide && inner {
            out.push((g0 + g1) / 2.0);
        }
    }
    out
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
fn zones(lines: &[LineWords], gutters: &[f64], right: f64) -> Vec<(f64, f64, Vec<f64>)> {
    let mut sorted: Vec<&LineWords> = lines.iter().collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y));
    let crosses = |l: &LineWords| {
        l.words
            .iter()
            .any(|w| gutters.iter().any(|g| w.0 < *g && w.1 > *g))
    };
    let mut zones: Vec<(f64, f64, Vec<f64>)> = Vec::new();
    let mut current: Vec<&LineWords> = Vec::new();
    let close = |zone: &mut Vec<&LineWords>, zones: &mut Vec<(f64, f64, Vec<f64>)>| {
        if zone.is_empty() {
            return;
        }
        let y0 = zone.first().map(|s| s.y - s.size).unwrap_or(0.0);
        let y1 = zone.last().map(|s| s.y).unwrap_or(0.0);
        let kept = columns_of(zone, gutters, right);
        if kept.is_empty() {
            // Columns may stop short of the zone's end (a table of signatories under
            // them): the longest top part that reads as columns is a zone of its own.
            if let Some(k) = columns_prefix(zone, gutters, right) {
                let (top, rest) = zone.split_at(k);
                let mid = (top[k - 1].y + rest[0].y - rest[0].size) / 2.0;
                zones.push((y0, mid, columns_of(top, gutters, right)));
                zones.push((mid, y1, Vec::new()));
                zone.clear();
                return;
            }
        }
        zones.push((y0, y1, kept));
        zone.clear();
    };
    for l in sorted {
        if crosses(l) {
            close(&mut current, &mut zones);
            zones.push((l.y - l.size, l.y, Vec::new()));
        } else {
            current.push(l);
        }
    }
    close(&mut current, &mut zones);
    // Neighbouring one-column zones are one zone.
    let mut merged: Vec<(f64, f64, Vec<f64>)> = Vec::new();
    for z in zones {
        match merged.last_mut() {
            Some(last) if last.2.is_empty() && z.2.is_empty() => last.1 = z.1,
            _ => merged.push(z),
        }
    }
    // Zone bounds meet halfway, so that every y falls in one zone.
    for i in 1..merged.len() {
        let mid = (merged[i - 1].1 + merged[i].0) / 2.0;
        merged[i - 1].1 = mid;
        merged[i].0 = mid;
    }
    if let Some(first) = merged.first_mut() {
        first.0 = f64::NEG_INFINITY;
    }
    if let Some(last) = merged.last_mut() {
        last.1 = f64::INFINITY;
    }
    merged
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
        if median(&mut fills) < MIN_FILL {
            return false;
        }
        widths.push(w);
    }
    let max = widths.iter().copied().fold(0.0, f64::max);
    let min = widths.iter().copied().fold(f64::INFINITY, f64::min);
    max > 0.0 && min / max >= MIN_WIDTH_RATIO
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
        let left_bottom = c.key(60.0, 440.0);
        let right_top = c.key(310.0, 100.0);
        assert!(left_bottom < right_top, "{left_bottom:?} {right_top:?}");
        // The title above both columns comes first.
        assert!(c.key(50.0, 60.0) < c.key(60.0, 100.0));
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
