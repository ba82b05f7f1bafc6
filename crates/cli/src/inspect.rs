//! `cls inspect FILE.pdf --html OUT.html`: a self-contained page showing what the reader saw.
//!
//! One inline SVG per page draws the words, the gutters of text columns, the ruled table
//! cells, and the blocks in reading order (numbered), each block annotated with what
//! `structure` makes of it: the field a label cell or an inline label goes to (unknown
//! labels in red) and the fiche headings that open actions. A summary at the top lists the
//! actions and alerts of the document. No network, no external file: an analyst can open
//! it anywhere and see why a value is missing.

use anyhow::{Context, Result};
use cls_extract::{Block, BlockBox, InspectPage, Rect};
use cls_structure::vocab::{classify_label, patterns, Field};
use std::fmt::Write as _;
use std::path::Path;

/// Reads the PDF, lays it out for inspection and writes the HTML page.
pub fn run(file: &Path, out: &Path) -> Result<()> {
    let bytes = std::fs::read(file)
        .with_context(|| format!("ouverture impossible de {}", file.display()))?;
    // Inspection draws PDF pages: a web page has none to draw.
    match cls_extract::sniff(&bytes) {
        cls_extract::Sniffed::Pdf => {}
        cls_extract::Sniffed::Html => anyhow::bail!(
            "{} est une page HTML : cls inspect ne lit que les PDF \
             (cls ingest {} --format text résume une page web)",
            file.display(),
            file.display()
        ),
        cls_extract::Sniffed::Unknown => anyhow::bail!(
            "{} n'est pas un PDF : cls inspect ne lit que les PDF",
            file.display()
        ),
    }
    let pages = cls_extract::inspect_pdf(&bytes)?;
    let pdf = cls_extract::extract_pdf(&bytes)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let doc = cls_structure::structure_pdf(&pdf, &name, "");
    let html = render(&name, &pages, &doc);
    // Written through a temporary file and a rename, so that no half page is left behind.
    cls_corpus::write::write_output(out, html.as_bytes())?;
    Ok(())
}

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// The `cls/1` key a field fills (labels with no key go to `autres_champs`).
fn field_name(f: Field) -> &'static str {
    match f {
        Field::Porteurs => "porteurs",
        Field::Partenaires => "partenaires",
        Field::Description => "description",
        Field::PublicCible => "public_cible",
        Field::Territoire => "territoire",
        Field::Calendrier => "calendrier",
        Field::Budget => "budget",
        Field::Indicateurs => "indicateurs",
        Field::Titre => "titre",
        Field::Statut => "statut",
        Field::Numero => "numero",
        Field::Autre => "autres_champs",
    }
}

/// What structure makes of a block: a note, and whether it is a problem (shown in red).
struct Note {
    text: String,
    unknown: bool,
}

/// The label decisions and fiche headings of one block.
fn notes(block: &Block, numeros: &[String]) -> Vec<Note> {
    let mut out = Vec::new();
    match block {
        Block::Row(r) => {
            let two = r.cells.len() == 2;
            for (i, c) in r.cells.iter().enumerate() {
                let t = c.text();
                if t.is_empty() || t.chars().count() > 60 {
                    continue;
                }
                match classify_label(&t) {
                    Some(f) => out.push(Note {
                        text: format!("{t} → {}", field_name(f)),
                        unknown: false,
                    }),
                    // A two-cell row is read as label and value: an unknown label there is
                    // a value that goes nowhere.
                    None if i == 0 && two && !r.cells[1].is_empty() => out.push(Note {
                        text: format!("{t} → libellé inconnu"),
                        unknown: true,
                    }),
                    None => {}
                }
            }
        }
        Block::Line(l) => {
            let p = patterns();
            let num = p
                .fiche
                .captures(&l.text)
                .or_else(|| p.action_heading.captures(&l.text))
                .or_else(|| p.numbered_heading.captures(&l.text))
                .and_then(|c| c.name("num").map(|m| m.as_str().to_string()));
            if let Some(num) = num {
                if numeros.contains(&num) {
                    out.push(Note {
                        text: format!("ouvre l'action n° {num}"),
                        unknown: false,
                    });
                } else if p.fiche.is_match(&l.text) {
                    out.push(Note {
                        text: format!("en-tête de fiche n° {num} sans action"),
                        unknown: true,
                    });
                }
            }
            for (label, f, _) in cls_structure::split_inline_labels(&l.text) {
                out.push(Note {
                    text: format!("{} → {}", label.trim(), field_name(f)),
                    unknown: false,
                });
            }
        }
    }
    out
}

const STYLE: &str = "
body{font:14px/1.4 system-ui,sans-serif;margin:1em 2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}
.legend span{display:inline-block;padding:0 6px;margin-right:6px;border-radius:3px}
svg{border:1px solid #999;background:#fff;max-width:100%;height:auto}
.word{fill:#eef2f7;stroke:#c8d0da;stroke-width:.3}
.wt{fill:#667;font-family:sans-serif}
.gutter{fill:#ffa50055}
.zone{stroke:#e08000;stroke-width:.8;stroke-dasharray:4 3}
.cell{fill:none;stroke:#2a6fdb;stroke-width:.8}
.rule{stroke:#111;stroke-width:.6}
.block{fill:none;stroke:#1a9850;stroke-width:.9}
.num{fill:#1a9850;font:bold 7px sans-serif}
.note{fill:#1a7040;font:bold 6.5px sans-serif}
.note.unknown,.unknown{fill:#d00;color:#d00}
.hide-words .word,.hide-words .wt,.hide-columns .gutter,.hide-columns .zone,
.hide-tables .cell,.hide-tables .rule,.hide-blocks .block,.hide-blocks .num,.hide-notes .note{display:none}
.blocks td:first-child{text-align:right;color:#1a9850}
";

const SCRIPT: &str = "document.querySelectorAll('input[data-layer]').forEach(function(i){\
i.addEventListener('change',function(){document.body.classList.toggle('hide-'+i.dataset.layer,!i.checked);});});";

/// Renders the whole page.
fn render(name: &str, pages: &[InspectPage], doc: &cls_model::Document) -> String {
    let numeros: Vec<String> = doc
        .actions
        .iter()
        .filter_map(|a| a.numero.clone())
        .collect();
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
<title>Inspection — {n}</title><style>{STYLE}</style></head><body>\
<h1>Ce que le lecteur a vu : {n}</h1>",
        n = esc(name)
    );
    document_summary(&mut h, pages.len(), doc);
    h.push_str(LAYERS);
    for p in pages {
        page(&mut h, p, &numeros);
    }
    let _ = writeln!(h, "<script>{SCRIPT}</script></body></html>");
    h
}

/// The check boxes that show and hide each layer of the drawings.
const LAYERS: &str = "<p class=\"legend\">Calques : \
<label><input type=\"checkbox\" data-layer=\"words\" checked> mots</label> \
<label><input type=\"checkbox\" data-layer=\"columns\" checked> colonnes (gouttières en orange)</label> \
<label><input type=\"checkbox\" data-layer=\"tables\" checked> filets et cellules (bleu)</label> \
<label><input type=\"checkbox\" data-layer=\"blocks\" checked> blocs numérotés dans l'ordre de lecture (vert)</label> \
<label><input type=\"checkbox\" data-layer=\"notes\" checked> libellés reconnus (inconnus en rouge)</label></p>";

/// The counts of pages, actions and alerts, then the table of actions and the list of
/// alerts.
fn document_summary(h: &mut String, pages: usize, doc: &cls_model::Document) {
    let _ = write!(
        h,
        "<p>{} pages, {} actions trouvées, {} alertes.</p>",
        pages,
        doc.actions.len(),
        doc.alertes.len()
    );
    if !doc.actions.is_empty() {
        h.push_str("<h2>Actions</h2><table><tr><th>N°</th><th>Titre</th><th>Pages</th></tr>");
        for a in &doc.actions {
            let pages: Vec<String> = a.pages.iter().map(u32::to_string).collect();
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(a.numero.as_deref().unwrap_or("—")),
                esc(a.titre.as_deref().unwrap_or("—")),
                pages.join(", ")
            );
        }
        h.push_str("</table>");
    }
    if !doc.alertes.is_empty() {
        h.push_str("<h2>Alertes</h2><ul>");
        for al in &doc.alertes {
            let _ = write!(
                h,
                "<li><b>{}</b>{} : {}</li>",
                esc(&al.code),
                al.action
                    .as_deref()
                    .map(|a| format!(" (action {})", esc(a)))
                    .unwrap_or_default(),
                esc(&al.message)
            );
        }
        h.push_str("</ul>");
    }
}

fn rect(h: &mut String, class: &str, r: &Rect) {
    let _ = write!(
        h,
        "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>",
        r.x0,
        r.y0,
        (r.x1 - r.x0).max(0.1),
        (r.y1 - r.y0).max(0.1)
    );
}

/// The text of a block on one line, for tooltips and the list under the drawing.
fn block_text(b: &Block) -> String {
    match b {
        Block::Line(l) => l.text.clone(),
        Block::Row(r) => r
            .cells
            .iter()
            .map(|c| c.text())
            .collect::<Vec<_>>()
            .join(" │ "),
    }
}

/// One page: its drawing (words, columns, table cells and rules, numbered blocks with
/// their notes), then the list of its blocks in reading order.
fn page(h: &mut String, p: &InspectPage, numeros: &[String]) {
    let _ = write!(
        h,
        "<h2 id=\"page-{n}\">Page {n}</h2>\
<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.1} {ht:.1}\" width=\"{w2:.0}\">",
        n = p.number,
        w = p.width,
        ht = p.height,
        w2 = p.width * 1.5
    );
    draw_words(h, p);
    draw_columns(h, p);
    draw_tables(h, p);
    let mut listed = String::new();
    for (i, b) in p.blocks.iter().enumerate() {
        let n = i + 1;
        let text = block_text(&b.block);
        let notes = notes(&b.block, numeros);
        draw_block(h, n, b, &text, &notes);
        list_block(&mut listed, n, &b.block, &text, &notes);
    }
    h.push_str("</svg>");
    let _ = write!(
        h,
        "<details><summary>Blocs de la page {} dans l'ordre de lecture ({})</summary>\
<table class=\"blocks\"><tr><th>N°</th><th>Sorte</th><th>Texte</th><th>Lu comme</th></tr>{listed}</table></details>",
        p.number,
        p.blocks.len()
    );
}

/// Each word's box, with its text squeezed into it.
fn draw_words(h: &mut String, p: &InspectPage) {
    for w in &p.words {
        rect(h, "word", &w.rect);
        let size = (w.rect.y1 - w.rect.y0) * 0.75;
        let _ = write!(
            h,
            "<text class=\"wt\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{size:.1}\" \
textLength=\"{:.1}\" lengthAdjust=\"spacingAndGlyphs\">{}</text>",
            w.rect.x0,
            w.rect.y1 - 0.2 * (w.rect.y1 - w.rect.y0),
            (w.rect.x1 - w.rect.x0).max(0.1),
            esc(&w.text)
        );
    }
}

/// The line between two zones of columns, and the gutters of each zone.
fn draw_columns(h: &mut String, p: &InspectPage) {
    for (i, z) in p.zones.iter().enumerate() {
        if i > 0 {
            let _ = write!(
                h,
                "<line class=\"zone\" x1=\"0\" y1=\"{y:.1}\" x2=\"{w:.1}\" y2=\"{y:.1}\"/>",
                y = z.y0,
                w = p.width
            );
        }
        for g in &z.gutters {
            let r = Rect {
                x0: g.0,
                y0: z.y0,
                x1: g.1,
                y1: z.y1,
            };
            rect(h, "gutter", &r);
        }
    }
}

/// The ruled table cells and the rules.
fn draw_tables(h: &mut String, p: &InspectPage) {
    for c in &p.cells {
        rect(h, "cell", c);
    }
    for r in &p.rules {
        let _ = write!(
            h,
            "<line class=\"rule\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
            r.x0, r.y0, r.x1, r.y1
        );
    }
}

/// Block `n`: its box and number (its text as a tooltip), its notes stacked above it.
fn draw_block(h: &mut String, n: usize, b: &BlockBox, text: &str, notes: &[Note]) {
    let r = &b.rect;
    let _ = write!(h, "<g><title>{n}. {}</title>", esc(text));
    rect(h, "block", r);
    let _ = write!(
        h,
        "<text class=\"num\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{n}</text></g>",
        r.x0 - 1.5,
        r.y0 + 6.0
    );
    for (k, note) in notes.iter().enumerate() {
        let _ = write!(
            h,
            "<text class=\"note{}\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            if note.unknown { " unknown" } else { "" },
            r.x0 + 1.0,
            r.y0 - 1.0 - 7.0 * (notes.len() - 1 - k) as f64,
            esc(&note.text)
        );
    }
}

/// Block `n` as a row of the list under the drawing: its kind, its text cut at 160
/// characters, and how it was read.
fn list_block(listed: &mut String, n: usize, block: &Block, text: &str, notes: &[Note]) {
    let kind = match block {
        Block::Line(_) => "ligne",
        Block::Row(row) if row.ruled => "rangée à filets",
        Block::Row(_) => "rangée sans filets",
    };
    let short: String = text.chars().take(160).collect();
    let ann: Vec<String> = notes
        .iter()
        .map(|n| {
            if n.unknown {
                format!("<span class=\"unknown\">{}</span>", esc(&n.text))
            } else {
                esc(&n.text)
            }
        })
        .collect();
    let _ = write!(
        listed,
        "<tr><td>{n}</td><td>{kind}</td><td>{}</td><td>{}</td></tr>",
        esc(&short),
        ann.join("<br>")
    );
}
