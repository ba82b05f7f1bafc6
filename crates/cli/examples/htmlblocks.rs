//! Debug helper: print the content blocks that `extract` reads from one web page.

// A developer tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: htmlblocks FILE.html");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let html = cls_extract::extract_html(&bytes);
    println!("title: {:?}", html.title);
    for b in &html.blocks {
        println!("{:?} {} {:?}", b.kind, b.text, b.cells);
    }
}
