//! Scratch: time lopdf load vs the whole extract.
#![allow(clippy::print_stdout)]
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let mut l = vec![];
    let mut e = vec![];
    for _ in 0..15 {
        let t = std::time::Instant::now();
        let d = pdf_extract::Document::load_mem(&bytes).unwrap();
        l.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(d);
        let t = std::time::Instant::now();
        let _ = cls_extract::extract_pdf(&bytes).unwrap();
        e.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    l.sort_by(f64::total_cmp);
    e.sort_by(f64::total_cmp);
    println!(
        "load median {:.1} ms min {:.1}; extract median {:.1} ms min {:.1}",
        l[7], l[0], e[7], e[0]
    );
}
