//! The `cls` binary (temporary debug entry while the pipeline is built).
fn main() {
    let path = std::env::args().nth(1).expect("file");
    let bytes = std::fs::read(&path).unwrap();
    if let Ok(pg) = std::env::var("RAW") {
        let pg: u32 = pg.parse().unwrap();
        for p in cls_extract::debug_raw(&bytes) { if p.number == pg {
            for g in &p.glyphs { println!("{:.2} {:.2} {:.2} {:.2} {:?}", g.x0, g.x1, g.y, g.size, g.text); }
            for r in &p.rules { println!("RULE {:.1} {:.1} {:.1} {:.1}", r.x0, r.y0, r.x1, r.y1); }
        }}
        return;
    }
    let t = std::time::Instant::now();
    let doc = cls_extract::extract_pdf(&bytes).unwrap();
    eprintln!("{:?} {} blocks, failed {:?}", t.elapsed(), doc.blocks.len(), doc.failed_pages);
    for b in &doc.blocks {
        match b {
            cls_extract::Block::Line(l) => println!("p{} L {:.0},{:.0} s{:.1}: {}", l.page, l.x0, l.y, l.size, l.text),
            cls_extract::Block::Row(r) => println!("p{:?} R{} | {}", r.pages, if r.ruled {"r"} else {"g"}, r.cells.iter().map(|c| c.text()).collect::<Vec<_>>().join(" || ")),
        }
    }
}
