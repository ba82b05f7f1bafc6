//! Debug helper: print the items (lines and label/value rows) the structure stage reads from one PDF.

// A developer tool: it reports by printing.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::exit)]
fn main() {
    let path = std::env::args().nth(1).expect("FILE.pdf");
    let bytes = std::fs::read(&path).expect("read");
    let pdf = cls_extract::extract_pdf(&bytes).expect("pdf");
    for it in cls_structure::items_from_blocks(&pdf.blocks) {
        match it {
            cls_structure::Item::Text { text, page, .. } => println!("{page:>3} T {text}"),
            cls_structure::Item::Row {
                label,
                value,
                pages,
                ..
            } => {
                println!("{:>3} R [{label}] {:?}", pages.first().unwrap_or(&0), value)
            }
        }
    }
}
