//! Baseline for `make bench`: pdf-extract's own `extract_text` on a file, to compare with `cls ingest`.

// A developer tool or test: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extract_text_baseline FILE.pdf");
        std::process::exit(2);
    };
    match pdf_extract::extract_text(&path) {
        Ok(t) => println!("{} characters", t.len()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
