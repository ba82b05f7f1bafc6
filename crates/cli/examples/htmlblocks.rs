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
    println!("og: {:?} / {:?}", html.og_title, html.site_name);
    for l in &html.pdf_links {
        println!("pdf: {} ({})", l.href, l.text);
    }
    for b in &html.blocks {
        let flags = [
            (b.header, " header"),
            (b.toggle, " toggle"),
            (b.number.is_some(), " numbered"),
        ]
        .iter()
        .filter(|f| f.0)
        .map(|f| f.1)
        .collect::<String>();
        let lines = b.lines.iter().flatten().cloned().collect::<Vec<_>>();
        println!("{:?}{flags} {:?} {:?}", b.kind, b.number, lines);
    }
}
