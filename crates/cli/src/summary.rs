//! `cls ingest --format text`: a one-screen summary of a document for an analyst checking a
//! new contract — territory, period, signature, signatories, axes, a table of the actions,
//! then the alerts.

use cls_model::Document;
use std::fmt::Write as _;

/// Columns of the actions table, in characters: the number, years and budget keep their
/// width; the title and the leads take what the line leaves.
const NUM: usize = 6;
const YEARS: usize = 10;
const BUDGET: usize = 12;

/// The width of the summary when it does not go to a terminal (a file, a pipe).
pub const WIDTH: usize = 100;
/// The narrowest summary: below it the table's columns would cut every title.
pub const MIN_WIDTH: usize = 72;
/// The widest: longer lines are hard to read, even on a wide terminal.
pub const MAX_WIDTH: usize = 160;

/// The widths of one summary: the whole line and the two flexible columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    title: usize,
    lead: usize,
}

impl Layout {
    /// The layout of a line of `width` characters (kept within [`MIN_WIDTH`] and
    /// [`MAX_WIDTH`]). At [`WIDTH`] the title has 42 characters and the leads 24; a
    /// narrower line takes from the title first (down to 24), then from the leads (down
    /// to 14); a wider one gives two thirds of the room to the title.
    pub fn new(width: usize) -> Layout {
        let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
        let fixed = 2 + NUM + YEARS + BUDGET + 4;
        let room = width - fixed;
        let (title, lead) = if room >= 66 {
            let extra = room - 66;
            (42 + extra - extra / 3, 24 + extra / 3)
        } else if room >= 48 {
            (room - 24, 24)
        } else {
            (24, room - 24)
        };
        Layout { width, title, lead }
    }
}

impl Default for Layout {
    fn default() -> Layout {
        Layout::new(WIDTH)
    }
}

/// Cuts a text to `n` characters, marking the cut with "…", and pads it to `n`.
fn cell(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        format!("{s}{}", " ".repeat(n - count))
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn right(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count >= n {
        s.to_string()
    } else {
        format!("{}{s}", " ".repeat(n - count))
    }
}

/// "1 234 567 €", with narrow no-break spaces between thousands.
fn eur(v: f64) -> String {
    let n = v.round() as i64;
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    format!("{}{out} €", if n < 0 { "-" } else { "" })
}

/// Alerts listed in full; the others are counted.
const MAX_ALERTS: usize = 10;

/// Words of `text` wrapped at `width`, the first line after `first`, the others indented
/// by `indent` spaces. A word longer than a whole line (a path) is cut where the line
/// ends.
fn wrap(width: usize, first: &str, indent: usize, text: &str) -> String {
    let mut out = first.to_string();
    let mut col = first.chars().count();
    let mut fresh = true;
    let line = width.saturating_sub(indent).max(1);
    for word in text.split_whitespace() {
        for w in pieces(word, line) {
            let n = w.chars().count();
            if !fresh && col + 1 + n > width {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                col = indent;
                fresh = true;
            }
            if !fresh {
                out.push(' ');
                col += 1;
            }
            out.push_str(&w);
            col += n;
            fresh = false;
        }
    }
    out
}

/// A word cut into pieces of at most `n` characters.
fn pieces(word: &str, n: usize) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    chars.chunks(n).map(|c| c.iter().collect()).collect()
}

fn or_unknown(s: Option<String>) -> String {
    s.unwrap_or_else(|| "non précisé".to_string())
}

/// The summary of one document, as lines of text of at most `l.width` characters.
pub fn text(d: &Document, fichier: &str, l: Layout) -> String {
    let mut s = String::new();
    heading(&mut s, d, fichier, l);
    territory_and_dates(&mut s, d, l);
    signatories(&mut s, d, l);
    axes(&mut s, d, l);
    actions(&mut s, d, l);
    alerts(&mut s, d, l);
    s
}

/// The territory and nature of the document, its file and its id.
fn heading(s: &mut String, d: &Document, fichier: &str, l: Layout) {
    let _ = writeln!(
        s,
        "{} — {}",
        d.territoire
            .nom
            .as_deref()
            .unwrap_or("Territoire non reconnu"),
        match d.nature {
            cls_model::Nature::Contrat => "contrat local de santé",
            cls_model::Nature::Avenant => "avenant",
            cls_model::Nature::PageWeb => "page web",
            cls_model::Nature::Autre => "document",
        }
    );
    let file = format!(
        "{fichier} ({}{})",
        match d.source.format {
            cls_model::Format::Pdf => "PDF",
            cls_model::Format::Html => "HTML",
        },
        d.source
            .pages
            .map(|p| format!(", {p} pages"))
            .unwrap_or_default()
    );
    let _ = writeln!(s, "{}", wrap(l.width, "Fichier       ", 14, &file));
    let id = if d.id == d.contrat_id {
        d.id.clone()
    } else {
        format!("{} (contrat {})", d.id, d.contrat_id)
    };
    let _ = writeln!(s, "{}", wrap(l.width, "Identifiant   ", 14, &id));
}

/// Départements and région, period, date of signature.
fn territory_and_dates(s: &mut String, d: &Document, l: Layout) {
    let t = &d.territoire;
    let codes = if t.departements.is_empty() {
        "non reconnu".to_string()
    } else {
        t.departements.join(", ")
    };
    let where_ = format!(
        "département(s) {codes} · région {}",
        or_unknown(t.region.clone()).replace("non précisé", "non reconnue")
    );
    let _ = writeln!(s, "{}", wrap(l.width, "Territoire    ", 14, &where_));
    let periode = match (d.periode.debut, d.periode.fin) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("depuis {a}"),
        (None, Some(b)) => format!("jusqu'à {b}"),
        _ => "non précisée".into(),
    };
    let _ = writeln!(s, "Période       {periode}");
    let _ = writeln!(
        s,
        "Signature     {}",
        d.date_signature.as_deref().unwrap_or("non précisée")
    );
}

/// The signatories with their representatives, wrapped under their label.
fn signatories(s: &mut String, d: &Document, l: Layout) {
    if d.signataires.is_empty() {
        let _ = writeln!(s, "Signataires   aucun reconnu");
        return;
    }
    let names: Vec<String> = d
        .signataires
        .iter()
        .map(|x| match &x.representant {
            Some(r) => format!("{} ({r})", x.nom),
            None => x.nom.clone(),
        })
        .collect();
    let _ = writeln!(
        s,
        "{}",
        wrap(l.width, "Signataires   ", 14, &names.join(" ; "))
    );
}

/// Each axis with its number of actions (nothing when the document has no axis), one line
/// each, the title cut to fit.
fn axes(s: &mut String, d: &Document, l: Layout) {
    if d.axes.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nAxes");
    for a in &d.axes {
        let n = d.actions.iter().filter(|x| x.axe == Some(a.numero)).count();
        let head = format!("  {:>2}. ", a.numero);
        let count = format!(" ({n} action(s))");
        let room = l
            .width
            .saturating_sub(head.chars().count() + count.chars().count());
        let _ = writeln!(s, "{head}{}{count}", cell(&a.titre, room).trim_end());
    }
}

/// The count of actions and their known budget, then the table of the actions.
fn actions(s: &mut String, d: &Document, l: Layout) {
    let known: Vec<f64> = d
        .actions
        .iter()
        .filter_map(|a| a.budget.total_eur)
        .collect();
    let budget = if known.is_empty() {
        "aucun budget chiffré".to_string()
    } else {
        format!(
            "budget chiffré pour {} d'entre elles : {}",
            known.len(),
            eur(known.iter().sum())
        )
    };
    let _ = writeln!(s, "\nActions : {} · {budget}", d.actions.len());
    if d.actions.is_empty() {
        return;
    }
    let _ = writeln!(
        s,
        "  {} {} {} {} {}",
        cell("N°", NUM),
        cell("Titre", l.title),
        cell("Porteur(s)", l.lead),
        cell("Années", YEARS),
        right("Budget", BUDGET)
    );
    let _ = writeln!(s, "  {}", "─".repeat(l.width - 2));
    for a in &d.actions {
        let _ = writeln!(s, "{}", action_row(a, l));
    }
}

/// One action as a line of the table: number, title, leads, years, budget.
fn action_row(a: &cls_model::Action, l: Layout) -> String {
    let years = match (a.calendrier.debut, a.calendrier.fin) {
        (Some(x), Some(y)) if x != y => format!("{x}–{y}"),
        (Some(x), _) => x.to_string(),
        _ => "—".into(),
    };
    let leads: Vec<&str> = a.porteurs.iter().map(|m| m.nom.as_str()).collect();
    format!(
        "  {} {} {} {} {}",
        cell(a.numero.as_deref().unwrap_or("—"), NUM),
        cell(a.titre.as_deref().unwrap_or("(sans titre)"), l.title),
        cell(
            if leads.is_empty() {
                "—".to_string()
            } else {
                leads.join(", ")
            }
            .as_str(),
            l.lead
        ),
        cell(&years, YEARS),
        right(&a.budget.total_eur.map(eur).unwrap_or("—".into()), BUDGET)
    )
}

/// The alerts: their count per code, then at most [`MAX_ALERTS`] of them.
fn alerts(s: &mut String, d: &Document, l: Layout) {
    if d.alertes.is_empty() {
        let _ = writeln!(s, "\nAlertes : aucune");
        return;
    }
    // One screen: the count per code, then the rarest codes first (a frequent code is
    // usually one cause repeated), at most MAX_ALERTS lines.
    let mut per_code: Vec<(&str, usize)> = Vec::new();
    for a in &d.alertes {
        match per_code.iter_mut().find(|(c, _)| *c == a.code) {
            Some(e) => e.1 += 1,
            None => per_code.push((&a.code, 1)),
        }
    }
    let counts: Vec<String> = per_code.iter().map(|(c, n)| format!("{c} {n}")).collect();
    let head = format!("\nAlertes : {} ", d.alertes.len());
    let _ = writeln!(
        s,
        "{}",
        wrap(l.width, &head, 4, &format!("({})", counts.join(", ")))
    );
    let freq = |code: &str| {
        per_code
            .iter()
            .find(|(c, _)| *c == code)
            .map(|x| x.1)
            .unwrap_or(0)
    };
    let mut shown: Vec<&cls_model::Alerte> = d.alertes.iter().collect();
    shown.sort_by_key(|a| freq(&a.code));
    for a in shown.iter().take(MAX_ALERTS) {
        let _ = writeln!(s, "{}", wrap(l.width, "  ", 4, &alert_line(a)));
    }
    if d.alertes.len() > MAX_ALERTS {
        let _ = writeln!(
            s,
            "  … et {} autre(s) : --format json les écrit toutes sur la sortie d'erreur.",
            d.alertes.len() - MAX_ALERTS
        );
    }
}

/// One alert on one line: code, action, message.
pub fn alert_line(a: &cls_model::Alerte) -> String {
    match &a.action {
        Some(n) => format!("[{}] action {n} : {}", a.code, a.message),
        None => format!("[{}] {}", a.code, a.message),
    }
    .replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_under_their_label() {
        let w = wrap(WIDTH, "Signataires   ", 14, &"mot ".repeat(40));
        assert!(w.lines().all(|l| l.chars().count() <= WIDTH));
        assert!(w
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("              mot")));
        // A path longer than a line is cut where the line ends.
        let path = format!("/{}", "dossier/".repeat(30));
        let w = wrap(80, "Fichier       ", 14, &path);
        assert!(w.lines().all(|l| l.chars().count() <= 80), "{w}");
        assert_eq!(w.replace(['\n', ' '], ""), format!("Fichier{path}"));
    }

    #[test]
    fn the_title_column_gives_way_first() {
        let l = Layout::new(WIDTH);
        assert_eq!((l.title, l.lead), (42, 24));
        let l = Layout::new(88);
        assert_eq!((l.title, l.lead), (30, 24));
        let l = Layout::new(40);
        assert_eq!((l.width, l.title, l.lead), (MIN_WIDTH, 24, 14));
        let l = Layout::new(130);
        assert_eq!((l.title, l.lead), (62, 34));
        for w in [MIN_WIDTH, 80, WIDTH, 130, MAX_WIDTH] {
            let l = Layout::new(w);
            assert_eq!(2 + NUM + l.title + l.lead + YEARS + BUDGET + 4, w);
        }
    }

    #[test]
    fn long_cells_are_cut_with_an_ellipsis_and_short_ones_padded() {
        assert_eq!(cell("Prévention", 12), "Prévention  ");
        assert_eq!(cell("Prévention santé", 10), "Préventio…");
        assert_eq!(right("5 €", 5), "  5 €");
        assert_eq!(eur(16000.0), "16\u{202f}000 €");
    }
}
