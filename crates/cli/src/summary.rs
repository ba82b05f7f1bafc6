//! `cls ingest --format text`: a one-screen summary of a document for an analyst checking a
//! new contract — territory, period, signature, signatories, axes, a table of the actions,
//! then the alerts.

use cls_model::Document;
use std::fmt::Write as _;

/// Columns of the actions table, in characters.
const NUM: usize = 6;
const TITLE: usize = 42;
const LEAD: usize = 24;
const YEARS: usize = 10;
const BUDGET: usize = 12;

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

/// Width of the summary, for a terminal of 100 columns or more.
const WIDTH: usize = 100;

/// Words of `text` wrapped at [`WIDTH`], the first line after `first`, the others indented
/// by `indent` spaces.
fn wrap(first: &str, indent: usize, text: &str) -> String {
    let mut out = first.to_string();
    let mut col = first.chars().count();
    let mut fresh = true;
    for w in text.split_whitespace() {
        let n = w.chars().count();
        if !fresh && col + 1 + n > WIDTH {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            col = indent;
            fresh = true;
        }
        if !fresh {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += n;
        fresh = false;
    }
    out
}

fn or_unknown(s: Option<String>) -> String {
    s.unwrap_or_else(|| "non précisé".to_string())
}

/// The summary of one document, as lines of text.
pub fn text(d: &Document, fichier: &str) -> String {
    let mut s = String::new();
    heading(&mut s, d, fichier);
    territory_and_dates(&mut s, d);
    signatories(&mut s, d);
    axes(&mut s, d);
    actions(&mut s, d);
    alerts(&mut s, d);
    s
}

/// The territory and nature of the document, its file and its id.
fn heading(s: &mut String, d: &Document, fichier: &str) {
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
    let _ = writeln!(
        s,
        "Fichier       {fichier} ({}{})",
        match d.source.format {
            cls_model::Format::Pdf => "PDF",
            cls_model::Format::Html => "HTML",
        },
        d.source
            .pages
            .map(|p| format!(", {p} pages"))
            .unwrap_or_default()
    );
    let id = if d.id == d.contrat_id {
        d.id.clone()
    } else {
        format!("{} (contrat {})", d.id, d.contrat_id)
    };
    let _ = writeln!(s, "{}", wrap("Identifiant   ", 14, &id));
}

/// Départements and région, period, date of signature.
fn territory_and_dates(s: &mut String, d: &Document) {
    let t = &d.territoire;
    let codes = if t.departements.is_empty() {
        "non reconnu".to_string()
    } else {
        t.departements.join(", ")
    };
    let _ = writeln!(
        s,
        "Territoire    département(s) {codes} · région {}",
        or_unknown(t.region.clone()).replace("non précisé", "non reconnue")
    );
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
fn signatories(s: &mut String, d: &Document) {
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
    let _ = writeln!(s, "{}", wrap("Signataires   ", 14, &names.join(" ; ")));
}

/// Each axis with its number of actions (nothing when the document has no axis).
fn axes(s: &mut String, d: &Document) {
    if d.axes.is_empty() {
        return;
    }
    let _ = writeln!(s, "\nAxes");
    for a in &d.axes {
        let n = d.actions.iter().filter(|x| x.axe == Some(a.numero)).count();
        let _ = writeln!(
            s,
            "  {:>2}. {} ({n} action(s))",
            a.numero,
            cell(&a.titre, 70).trim_end()
        );
    }
}

/// The count of actions and their known budget, then the table of the actions.
fn actions(s: &mut String, d: &Document) {
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
        cell("Titre", TITLE),
        cell("Porteur(s)", LEAD),
        cell("Années", YEARS),
        right("Budget", BUDGET)
    );
    let _ = writeln!(
        s,
        "  {}",
        "─".repeat(NUM + TITLE + LEAD + YEARS + BUDGET + 4)
    );
    for a in &d.actions {
        let _ = writeln!(s, "{}", action_row(a));
    }
}

/// One action as a line of the table: number, title, leads, years, budget.
fn action_row(a: &cls_model::Action) -> String {
    let years = match (a.calendrier.debut, a.calendrier.fin) {
        (Some(x), Some(y)) if x != y => format!("{x}–{y}"),
        (Some(x), _) => x.to_string(),
        _ => "—".into(),
    };
    let leads: Vec<&str> = a.porteurs.iter().map(|m| m.nom.as_str()).collect();
    format!(
        "  {} {} {} {} {}",
        cell(a.numero.as_deref().unwrap_or("—"), NUM),
        cell(a.titre.as_deref().unwrap_or("(sans titre)"), TITLE),
        cell(
            if leads.is_empty() {
                "—".to_string()
            } else {
                leads.join(", ")
            }
            .as_str(),
            LEAD
        ),
        cell(&years, YEARS),
        right(&a.budget.total_eur.map(eur).unwrap_or("—".into()), BUDGET)
    )
}

/// The alerts: their count per code, then at most [`MAX_ALERTS`] of them.
fn alerts(s: &mut String, d: &Document) {
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
    let _ = writeln!(s, "\nAlertes : {} ({})", d.alertes.len(), counts.join(", "));
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
        let _ = writeln!(s, "{}", wrap("  ", 4, &alert_line(a)));
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
        let w = wrap("Signataires   ", 14, &"mot ".repeat(40));
        assert!(w.lines().all(|l| l.chars().count() <= WIDTH));
        assert!(w
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("              mot")));
    }

    #[test]
    fn long_cells_are_cut_with_an_ellipsis_and_short_ones_padded() {
        assert_eq!(cell("Prévention", 12), "Prévention  ");
        assert_eq!(cell("Prévention santé", 10), "Préventio…");
        assert_eq!(right("5 €", 5), "  5 €");
        assert_eq!(eur(16000.0), "16\u{202f}000 €");
    }
}
