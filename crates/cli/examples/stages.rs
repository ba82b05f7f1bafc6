//! Debug helper: time each stage of ingesting one PDF (extract, structure, JSON), cold then warm.

// A developer tool or test: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]
fn main() {
    let path = std::env::args().nth(1).expect("FILE.pdf");
    let bytes = std::fs::read(&path).expect("read");
    let t = std::time::Instant::now();
    cls_structure::warm_up();
    println!("warm_up {:?}", t.elapsed());
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let sha = cls_corpus::sha256_hex(&bytes);
        let t0 = t.elapsed();
        let t = std::time::Instant::now();
        let pdf = cls_extract::extract_pdf(&bytes).expect("pdf");
        let t1 = t.elapsed();
        let t = std::time::Instant::now();
        let d = cls_structure::structure_pdf(&pdf, "x", &sha);
        let t2 = t.elapsed();
        let t = std::time::Instant::now();
        let j = serde_json::to_string(&d).expect("json");
        let t3 = t.elapsed();
        println!(
            "sha {t0:?} extract {t1:?} structure {t2:?} json {t3:?} ({} bytes)",
            j.len()
        );
    }
}
