//! Text folding shared by label matching, organisation matching and themes.

use unicode_normalization::UnicodeNormalization;

/// Lower case, accents removed (NFKD then combining marks dropped), typographic apostrophes
/// and dashes made plain, whitespace collapsed. "Échéancier" → "echeancier".
pub fn fold(s: &str) -> String {
    // French text is ASCII plus a few accented letters: fold those directly and leave only
    // rarer characters to the full NFKD decomposition, which is much slower.
    let simple = s.chars().all(|c| {
        c.is_ascii()
            || latin1_base(c).is_some()
            || matches!(
                c,
                '\u{2019}' | '\u{2018}' | '\u{2013}' | '\u{2014}' | '\u{a0}' | 'œ' | 'Œ'
            )
    });
    if simple {
        return fold_with(s.chars().map(|c| latin1_base(c).unwrap_or(c)));
    }
    fold_with(s.nfkd())
}

/// The base letter of a common accented Latin letter ("é" → 'e'), lower-cased.
fn latin1_base(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'À' | 'Á' | 'Â' | 'Ä' | 'Ã' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        _ => return None,
    })
}

fn fold_with(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut space = true;
    for c in chars {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\'',
            '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2011}' => '-',
            'œ' | 'Œ' => {
                out.push_str("oe");
                space = false;
                continue;
            }
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.extend(c.to_lowercase());
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A file-name-safe slug: folded, every run of other characters made one '-', at most
/// `max` characters, cut at a '-' when possible.
pub fn slug(s: &str, max: usize) -> String {
    let f = fold(s);
    let mut out = String::new();
    for c in f.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > max {
        out.truncate(max);
        if let Some(i) = out.rfind('-') {
            if i > max / 2 {
                out.truncate(i);
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
    }
    out
}

/// True when the letters of `s` are all upper case (a heading typed in capitals).
pub fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase())
}

/// A count written as a number or a French word: "5" or "cinq" → 5 (up to "dix").
pub fn number_word(s: &str) -> Option<u32> {
    const WORDS: [&str; 11] = [
        "zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    ];
    let f = fold(s);
    WORDS
        .iter()
        .position(|w| *w == f)
        .map(|n| n as u32)
        .or_else(|| f.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_and_slug() {
        assert_eq!(
            fold("  Échéancier   prévisionnel "),
            "echeancier previsionnel"
        );
        assert_eq!(fold("L’Agence – Santé"), "l'agence - sante");
        assert_eq!(fold("Cœur"), "coeur");
        assert_eq!(fold("ÉTÉ À L'ÎLE"), "ete a l'ile");
        assert_eq!(fold("ﬁche"), "fiche");
        assert_eq!(
            slug("Chartres métropole 2020-2025", 80),
            "chartres-metropole-2020-2025"
        );
        assert_eq!(slug("Pays de l'Yonne", 80), "pays-de-l-yonne");
        assert!(is_all_caps("PROMOUVOIR LA SANTE"));
        assert!(!is_all_caps("Promouvoir la santé"));
        assert_eq!(
            (
                number_word("cinq"),
                number_word("12"),
                number_word("beaucoup")
            ),
            (Some(5), Some(12), None)
        );
    }
}
