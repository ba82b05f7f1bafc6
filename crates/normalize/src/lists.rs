//! Cells that hold lists: target groups and indicators.

/// Target groups of a `public_cible` cell.
pub fn public_cible(lines: &[String]) -> Vec<String> {
    let t = cls_extract_free_join(lines);
    if t.is_empty() { Vec::new() } else { vec![t] }
}

/// Indicators of an evaluation cell.
pub fn indicateurs(lines: &[String]) -> Vec<String> {
    let t = cls_extract_free_join(lines);
    if t.is_empty() { Vec::new() } else { vec![t] }
}

fn cls_extract_free_join(lines: &[String]) -> String {
    lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}
