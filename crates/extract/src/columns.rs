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

/// A box of text, as the column finder sees it.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub x0: f64,
    pub x1: f64,
    pub y: f64,
    pub size: f64,
}

/// A gutter must be this many ems wide.
const GUTTER_EMS: f64 = 0.8;
/// A column must be at least this share of the text width.
const MIN_COLUMN_SHARE: f64 = 0.22;
/// Columns of one zone must have widths within this ratio (narrowest / widest).
const MIN_WIDTH_RATIO: f64 = 0.55;
/// The median line of a column of running text fills at least this share of its width.
const MIN_FILL: f64 = 0.6;
/// A column of running text has at least this many lines in the zone.
const MIN_LINES: usize = 3;

impl ColumnLayout {
    /// Finds the columns of a page from its text segments.
    pub fn find(spans: &[Span]) -> ColumnLayout {
        if spans.len() < 2 * MIN_LINES {
            return ColumnLayout::default();
        }
        let gutters = gutters(spans);
        if gutters.is_empty() {
            return ColumnLayout::default();
        }
        let zones = zones(spans, &gutters);
        ColumnLayout { zones }
    }

    /// Whether any zone is read as columns.
    #[cfg(test)]
    pub fn is_multi(&self) -> bool {
        self.zones.iter().any(|z| !z.2.is_empty())
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
        let i = self.zones.iter().position(|z| z.0 > y).unwrap_or(self.zones.len());
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
fn gutters(spans: &[Span]) -> Vec<f64> {
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
    // Spans allowed to cross a gutter: full-width headings, a few per page.
    let allowed = (spans.len() / 25).max(1);
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
        let (x0, x1) = (left + start as f64 * step, left + i as f64 * step);
        let wide = x1 - x0 >= GUTTER_EMS * em;
        let inner = x0 - left >= MIN_COLUMN_SHARE * width && right - x1 >= MIN_COLUMN_SHARE * width;
        if wide && inner {
            out.push((x0 + x1) / 2.0);
        }
    }
    out
}

/// Cuts the page into zones at lines that cross a gutter, and keeps the gutters of a zone
/// only when its columns look like running text.
fn zones(spans: &[Span], gutters: &[f64]) -> Vec<(f64, f64, Vec<f64>)> {
    let mut sorted: Vec<Span> = spans.to_vec();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y));
    let crosses = |s: &Span| gutters.iter().any(|g| s.x0 < *g && s.x1 > *g);
    let mut zones: Vec<(f64, f64, Vec<f64>)> = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    let close = |zone: &mut Vec<Span>, zones: &mut Vec<(f64, f64, Vec<f64>)>| {
        if zone.is_empty() {
            return;
        }
        let y0 = zone.first().map(|s| s.y - s.size).unwrap_or(0.0);
        let y1 = zone.last().map(|s| s.y).unwrap_or(0.0);
        let kept = if reads_as_columns(zone, gutters) {
            gutters.to_vec()
        } else {
            Vec::new()
        };
        zones.push((y0, y1, kept));
        zone.clear();
    };
    for s in sorted {
        if crosses(&s) {
            close(&mut current, &mut zones);
            zones.push((s.y - s.size, s.y, Vec::new()));
        } else {
            current.push(s);
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

/// Whether the spans of a zone, split at the gutters, are columns of running text.
fn reads_as_columns(zone: &[Span], gutters: &[f64]) -> bool {
    let n = gutters.len() + 1;
    let mut cols: Vec<Vec<Span>> = vec![Vec::new(); n];
    for s in zone {
        let c = gutters.iter().filter(|g| s.x0 > **g).count();
        cols[c].push(*s);
    }
    let mut widths = Vec::new();
    for col in &cols {
        // Lines, not spans: a line of a column may hold several spans.
        if col.len() < MIN_LINES {
            return false;
        }
        let x0 = col.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
        let x1 = col.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
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

    fn para(x0: f64, x1: f64, y0: f64, n: usize) -> Vec<Span> {
        (0..n)
            .map(|i| Span {
                x0,
                x1: if i % 4 == 3 { x0 + (x1 - x0) * 0.5 } else { x1 },
                y: y0 + 12.0 * i as f64,
                size: 10.0,
            })
            .collect()
    }

    #[test]
    fn two_columns_of_running_text_are_read_one_after_the_other() {
        let mut spans = vec![Span {
            x0: 50.0,
            x1: 540.0,
            y: 60.0,
            size: 16.0,
        }];
        spans.extend(para(50.0, 285.0, 100.0, 30));
        spans.extend(para(305.0, 540.0, 100.0, 30));
        let c = ColumnLayout::find(&spans);
        assert!(c.is_multi());
        let left_bottom = c.key(60.0, 440.0);
        let right_top = c.key(310.0, 100.0);
        assert!(left_bottom < right_top, "{left_bottom:?} {right_top:?}");
        // The title above both columns comes first.
        assert!(c.key(50.0, 60.0) < c.key(60.0, 100.0));
    }

    #[test]
    fn a_label_value_table_is_not_two_columns() {
        let mut spans = Vec::new();
        for i in 0..12 {
            let y = 100.0 + 30.0 * i as f64;
            spans.push(Span { x0: 50.0, x1: 120.0, y, size: 10.0 });
            spans.push(Span { x0: 180.0, x1: 540.0, y, size: 10.0 });
            spans.push(Span { x0: 180.0, x1: 530.0, y: y + 12.0, size: 10.0 });
        }
        assert!(!ColumnLayout::find(&spans).is_multi());
    }
}
