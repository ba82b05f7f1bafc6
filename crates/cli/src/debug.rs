//! The hidden layout-debugging commands: `cls blocks` (the blocks of a PDF in reading
//! order) and `cls glyphs` (the glyphs and rules of one page).

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

fn read_pdf(file: &Path) -> Result<Vec<u8>> {
    std::fs::read(file).with_context(|| format!("ouverture impossible de {}", file.display()))
}

/// `cls glyphs`: every glyph and rule of page `page`, one a line.
pub fn glyphs(file: &Path, page: u32) -> Result<()> {
    let bytes = read_pdf(file)?;
    let mut out = std::io::stdout().lock();
    for p in cls_extract::debug_raw(&bytes)
        .into_iter()
        .filter(|p| p.number == page)
    {
        for g in &p.glyphs {
            writeln!(
                out,
                "{:.2} {:.2} {:.2} {:.2} r{} {:?}",
                g.x0, g.x1, g.y, g.size, g.run, g.text
            )
            .ok();
        }
        for r in &p.rules {
            writeln!(out, "RULE {:.1} {:.1} {:.1} {:.1}", r.x0, r.y0, r.x1, r.y1).ok();
        }
    }
    Ok(())
}

/// `cls blocks`: the layout blocks of a PDF, one a line, until stdout closes.
pub fn blocks(file: &Path) -> Result<()> {
    let bytes = read_pdf(file)?;
    let doc = cls_extract::extract_pdf(&bytes)?;
    let mut out = std::io::stdout().lock();
    for b in &doc.blocks {
        if writeln!(out, "{}", block_line(b)).is_err() {
            break;
        }
    }
    Ok(())
}

/// One block as a debugging line: its page, kind, position and text.
fn block_line(b: &cls_extract::Block) -> String {
    match b {
        cls_extract::Block::Line(l) => format!(
            "p{} L {:.0},{:.0} s{:.1}: {}",
            l.page, l.x0, l.y, l.size, l.text
        ),
        cls_extract::Block::Row(r) => format!(
            "p{:?} R{} | {}",
            r.pages,
            if r.ruled { "r" } else { "g" },
            r.cells
                .iter()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join(" || ")
        ),
    }
}
