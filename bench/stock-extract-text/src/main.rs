//! `make bench` baseline: the published pdf-extract 0.12.1 (without this repository's
//! vendored fixes), running its own `extract_text` on a file.
fn main() {
    let Some(p) = std::env::args().nth(1) else {
        eprintln!("usage: stock-extract-text FILE.pdf");
        std::process::exit(2);
    };
    match pdf_extract::extract_text(&p) {
        Ok(t) => println!("{} characters", t.len()),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
