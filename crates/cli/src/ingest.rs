//! `cls ingest`: one file (or stdin) to its `cls/1` document or its text summary.

use crate::args::IngestFormat;
use crate::summary;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

/// `cls ingest`: reads one file (or stdin) and writes its document or its summary.
pub fn ingest(
    file: &Path,
    format: IngestFormat,
    pretty: bool,
    output: Option<&Path>,
) -> Result<ExitCode> {
    let stdin = file == Path::new("-");
    let (name, bytes) = if stdin {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
            .context("lecture de l'entrée standard impossible")?;
        ("entrée standard".to_string(), b)
    } else {
        let b = std::fs::read(file)
            .with_context(|| format!("ouverture impossible de {}", file.display()))?;
        (file.display().to_string(), b)
    };
    let outcome = std::panic::catch_unwind(|| cls_corpus::ingest_bytes(&name, &bytes));
    let doc = match outcome {
        Ok(r) => r.with_context(|| name.clone())?,
        Err(_) => anyhow::bail!("{name} : erreur interne pendant la lecture du fichier"),
    };
    let text = match format {
        IngestFormat::Json => {
            // A partial reading is still a reading: its alerts go to stderr, one per line,
            // so that a script sees them without parsing the JSON.
            for a in &doc.alertes {
                eprintln!("cls ingest : {name} : alerte {}", summary::alert_line(a));
            }
            let mut j = if pretty {
                serde_json::to_string_pretty(&doc)?
            } else {
                serde_json::to_string(&doc)?
            };
            j.push('\n');
            j
        }
        IngestFormat::Text => {
            let width = match output {
                None => terminal_width(),
                Some(_) => None,
            };
            summary::text(
                &doc,
                &name,
                summary::Layout::new(width.unwrap_or(summary::WIDTH)),
            )
        }
    };
    match output {
        Some(p) => std::fs::write(p, text.as_bytes())
            .with_context(|| format!("écriture impossible de {}", p.display()))?,
        // A write error (a full disk, `> /dev/full`) is a failure: the document was not
        // delivered.
        None => return crate::output::to_stdout(text.as_bytes(), "du document"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The width of the terminal stdout writes to: `COLUMNS` when the shell sets it, else the
/// terminal's own size (TIOCGWINSZ); none when stdout is a file or a pipe, whose reader's
/// width is unknown.
fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return Some(n);
    }
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct it is given, which lives
    // for the whole call; a failure leaves it zero.
    let r = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) };
    (r == 0 && ws.ws_col > 0).then_some(usize::from(ws.ws_col))
}
