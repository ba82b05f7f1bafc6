//! Debug helper: ingest one web page many times (for profiling).

// A developer tool or test: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]
fn main() {
    let path = std::env::args().nth(1).expect("FILE.html");
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let bytes = std::fs::read(&path).expect("read");
    let t = std::time::Instant::now();
    for _ in 0..n {
        let html = cls_extract::extract_html(&bytes);
        std::hint::black_box(cls_structure::structure_html(&html, "x", "y"));
    }
    println!("{:?} per page", t.elapsed() / n as u32);
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(cls_extract::extract_html(&bytes));
    }
    println!("{:?} per page (extract only)", t.elapsed() / n as u32);
}
