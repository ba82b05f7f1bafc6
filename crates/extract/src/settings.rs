//! Every tolerance of the PDF layout stages in one place, each relative to the font size
//! (or, for rules, which have none, to the page's body text size), like pdfplumber's
//! `table_settings`: no stage carries a number of points tuned on one print.

/// The tolerances of the layout stages (glyphs → words → lines → columns → tables).
#[derive(Debug, Clone, Copy)]
pub struct Tolerances {
    /// Words: a gap wider than this fraction of the font size separates two words.
    pub word_gap: f64,
    /// Lines: a gap wider than this many font sizes separates two column segments.
    pub column_gap: f64,
    /// Cells: baselines further apart than this many times the cell's line pitch open a
    /// new paragraph.
    pub paragraph_gap: f64,
    /// Rules: ends and crossings of rules match within this many body-text sizes.
    pub rule_snap: f64,
    /// Rules: two rules are collinear when their fixed coordinates differ by less than this
    /// many body-text sizes.
    pub rule_collinear: f64,
    /// Ruled tables: a row band lower than this many body-text sizes is a double rule.
    pub min_row_height: f64,
    /// Columns: a gutter is at least this many ems wide.
    pub gutter: f64,
    /// Columns: each column is at least this share of the text width.
    pub min_column_share: f64,
    /// Columns: the narrowest column of a zone is at least this share of the widest.
    pub min_width_ratio: f64,
    /// Columns: the median line of running text fills this share of its column…
    pub min_fill: f64,
    /// …or at least `full_share` of its lines fill `full_line` of it (designed columns
    /// where headings, labels and a box's short lines pull the median down).
    pub full_line: f64,
    /// See `full_line`.
    pub full_share: f64,
    /// Columns: columns this close in width (narrowest / widest) are a designed page's:
    /// a few full lines (`min_lines`) in each are enough, without running text.
    pub equal_widths: f64,
    /// Columns: a column of running text has at least this many lines in its zone.
    pub min_lines: usize,
    /// Columns: a band empty across every column, at least this many body sizes high,
    /// followed by a heading larger than all the text above it in the zone, ends the
    /// columns (a new section of higher level, such as the signatories after the plan).
    pub section_gap: f64,
    /// See `section_gap`: the heading is this many times larger than the text above.
    pub section_heading: f64,
}

/// The tolerances every stage uses.
pub const TOLERANCES: Tolerances = Tolerances {
    word_gap: 0.17,
    column_gap: 1.4,
    paragraph_gap: 1.4,
    rule_snap: 0.25,
    rule_collinear: 0.1,
    min_row_height: 0.3,
    gutter: 0.8,
    min_column_share: 0.22,
    min_width_ratio: 0.7,
    min_fill: 0.6,
    full_line: 0.8,
    full_share: 0.4,
    equal_widths: 0.85,
    min_lines: 3,
    section_gap: 1.0,
    section_heading: 1.1,
};

/// The size of a page's body text: the median glyph size (10 when the page has no text,
/// so that a page of rules alone is still read with the usual tolerances).
pub fn body_size(sizes: impl Iterator<Item = f64>) -> f64 {
    let mut v: Vec<f64> = sizes.filter(|s| s.is_finite() && *s > 0.0).collect();
    if v.is_empty() {
        return 10.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
