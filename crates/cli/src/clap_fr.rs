//! clap's parse errors written in French. clap builds its messages in English; it also
//! gives each error's parts (the argument, the value, the values it accepts, the close
//! names it suggests, the usage line), and this module writes the message from those
//! parts, so that no English phrase of clap reaches the user, whatever the error.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The message of a parse error, in French, ending with a newline.
pub fn render(e: &clap::Error) -> String {
    let mut out = format!("erreur : {}", headline(e));
    let tips = tips(e);
    if !tips.is_empty() {
        out.push('\n');
        for t in tips {
            out.push_str(&format!("\n  astuce : {t}"));
        }
    }
    if let Some(ContextValue::StyledStr(u)) = e.get(ContextKind::Usage) {
        out.push_str("\n\n");
        out.push_str(&usage(&u.to_string()));
    }
    out.push_str("\n\nPour en savoir plus : « --help ».\n");
    out
}

/// clap's usage line ("Usage: cls ingest …") with its French title.
pub fn usage(line: &str) -> String {
    match line.strip_prefix("Usage:") {
        Some(rest) => format!("Utilisation :{rest}"),
        None => line.to_string(),
    }
}

fn string(e: &clap::Error, k: ContextKind) -> Option<String> {
    match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        Some(ContextValue::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn strings(e: &clap::Error, k: ContextKind) -> Vec<String> {
    match e.get(k) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

fn quoted(v: &[String]) -> String {
    v.iter()
        .map(|s| format!("« {s} »"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first line: what is wrong.
fn headline(e: &clap::Error) -> String {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let n = |k| string(e, k).unwrap_or_default();
    match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("une valeur est attendue pour « {arg} »")
        }
        ErrorKind::InvalidValue => {
            let mut s = format!("valeur invalide « {value} » pour « {arg} »");
            let valid = strings(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                s.push_str(&format!("\n  [valeurs possibles : {}]", valid.join(", ")));
            }
            s
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!(" : {s}"))
                .unwrap_or_default();
            format!("valeur invalide « {value} » pour « {arg} »{why}")
        }
        ErrorKind::UnknownArgument => format!("argument inattendu « {arg} »"),
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} »",
            n(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = strings(e, ContextKind::InvalidArg)
                .iter()
                .map(|a| format!("\n  {a}"))
                .collect();
            format!("arguments obligatoires manquants :{}", missing.concat())
        }
        ErrorKind::MissingSubcommand => format!(
            "« {} » attend une commande : {}",
            n(ContextKind::InvalidSubcommand),
            strings(e, ContextKind::ValidSubcommand).join(", ")
        ),
        ErrorKind::NoEquals => format!("« {arg} » s'écrit avec « = » devant sa valeur"),
        ErrorKind::TooManyValues => format!("valeur en trop « {value} » pour « {arg} »"),
        ErrorKind::TooFewValues => format!(
            "« {arg} » attend au moins {} valeur(s), {} donnée(s)",
            n(ContextKind::MinValues),
            n(ContextKind::ActualNumValues)
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "« {arg} » attend {} valeur(s), {} donnée(s)",
            n(ContextKind::ExpectedNumValues),
            n(ContextKind::ActualNumValues)
        ),
        ErrorKind::ArgumentConflict => match string(e, ContextKind::PriorArg) {
            Some(prior) if prior == arg => format!("« {arg} » ne peut être donné qu'une fois"),
            Some(prior) => format!("« {arg} » ne peut pas être utilisé avec « {prior} »"),
            None => format!("« {arg} » ne peut pas être utilisé avec les autres arguments"),
        },
        ErrorKind::InvalidUtf8 => "un argument n'est pas en UTF-8".to_string(),
        _ => "ligne de commande invalide".to_string(),
    }
}

/// The suggestions: close names, and how to pass a value that looks like an option.
fn tips(e: &clap::Error) -> Vec<String> {
    let mut tips = Vec::new();
    for (k, what) in [
        (
            ContextKind::SuggestedSubcommand,
            "une commande proche existe",
        ),
        (ContextKind::SuggestedArg, "un argument proche existe"),
        (ContextKind::SuggestedValue, "une valeur proche existe"),
    ] {
        let close = strings(e, k);
        if !close.is_empty() {
            tips.push(format!("{what} : {}", quoted(&close)));
        }
    }
    if let Some(ContextValue::StyledStrs(v)) = e.get(ContextKind::Suggested) {
        tips.extend(v.iter().filter_map(|s| suggestion(&s.to_string())));
    }
    tips
}

/// One of clap's free-text suggestions in French, read by its quoted parts; a suggestion
/// of an unknown shape is left out rather than shown in English.
fn suggestion(s: &str) -> Option<String> {
    let q: Vec<&str> = s.split('\'').skip(1).step_by(2).collect();
    if s.starts_with("to pass ") && q.len() == 2 {
        Some(format!(
            "pour passer « {} » comme valeur, écrire « {} »",
            q[0], q[1]
        ))
    } else if s.starts_with("subcommand ") && !q.is_empty() {
        Some(format!(
            "la commande « {} » existe : retirer le « -- » qui la précède",
            q[0]
        ))
    } else if s.ends_with("' exists") && q.len() == 1 {
        Some(format!("« {} » existe", q[0]))
    } else {
        None
    }
}

/// A whole number for an option, with the reason in French when it is not one (Rust's
/// own reason reads "invalid digit found in string").
pub fn whole<T>(s: &str) -> Result<T, String>
where
    T: std::str::FromStr<Err = std::num::ParseIntError>,
{
    use std::num::IntErrorKind;
    s.trim().parse::<T>().map_err(|e| {
        match e.kind() {
            IntErrorKind::Empty => "un nombre est attendu",
            IntErrorKind::PosOverflow => "nombre trop grand",
            IntErrorKind::NegOverflow => "nombre trop petit",
            _ => "un nombre entier positif est attendu (chiffres seulement)",
        }
        .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Parser, Debug)]
    #[command(name = "t")]
    struct T {
        #[arg(long, value_parser = whole::<usize>)]
        jobs: Option<usize>,
        #[arg(long, value_parser = ["json", "text"])]
        format: Option<String>,
    }

    fn error(args: &[&str]) -> String {
        let e = T::try_parse_from(args).expect_err("an error");
        render(&e)
    }

    /// Words of clap's English messages that must not show.
    const ENGLISH: &[&str] = &[
        "error:",
        "tip:",
        "Usage:",
        "invalid value",
        "invalid digit",
        "found",
        "similar",
        "For more",
    ];

    #[test]
    fn parse_errors_are_french() {
        for args in [
            &["t", "--jobs", "abc"][..],
            &["t", "--jobs", "-3"],
            &["t", "--format", "jsn"],
            &["t", "--formt", "json"],
            &["t", "extra"],
            &["t", "--jobs"],
        ] {
            let m = error(args);
            assert!(m.starts_with("erreur : "), "{m}");
            for w in ENGLISH {
                assert!(!m.contains(w), "{args:?}: {w} in {m}");
            }
        }
        assert!(error(&["t", "--jobs", "abc"]).contains("un nombre entier positif"));
        assert!(error(&["t", "--format", "jsn"]).contains("une valeur proche existe : « json »"));
        assert!(error(&["t", "--formt", "json"]).contains("un argument proche existe"));
        let _ = T::command();
    }
}
