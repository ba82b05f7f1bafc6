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

/// Folded text (as [`fold`] makes it) that remembers where each of its bytes came from in
/// the original, so that a match found in the folded text is cut from the original at the
/// right place. Folding changes lengths ("é" is two bytes, "e" one; "œ" becomes "oe"; runs
/// of spaces become one), so a byte offset of one string must never index the other: this
/// type is the only bridge.
#[derive(Debug, Clone, PartialEq)]
pub struct Folded<'a> {
    original: &'a str,
    folded: String,
    /// For each byte of `folded`, the offset in `original` of the character it came from;
    /// one more entry, `original.len()`, for the end.
    origin: Vec<usize>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        let mut folded = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut space = true;
        let mut buf = String::new();
        for (at, c) in original.char_indices() {
            buf.clear();
            match latin1_base(c) {
                Some(b) => buf.push(b),
                None if c.is_ascii() => buf.push(c),
                None => buf.extend(std::iter::once(c).nfkd()),
            }
            for c in buf.chars() {
                if unicode_normalization::char::is_combining_mark(c) {
                    continue;
                }
                let c = match c {
                    '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\'',
                    '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2011}' => '-',
                    c if c.is_whitespace() => ' ',
                    c => c,
                };
                let before = folded.len();
                if c == ' ' {
                    if space {
                        continue;
                    }
                    folded.push(' ');
                    space = true;
                } else if c == 'œ' || c == 'Œ' {
                    folded.push_str("oe");
                    space = false;
                } else {
                    folded.extend(c.to_lowercase());
                    space = false;
                }
                origin.extend(std::iter::repeat_n(at, folded.len() - before));
            }
        }
        if folded.ends_with(' ') {
            folded.pop();
            origin.pop();
        }
        origin.push(original.len());
        Folded {
            original,
            folded,
            origin,
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.folded
    }

    /// The text it was folded from.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// The offset in the original of the folded byte offset `i` (a character boundary of
    /// the original; the end for `i` at or past the end).
    pub fn to_original(&self, i: usize) -> usize {
        self.origin.get(i).copied().unwrap_or(self.original.len())
    }

    /// The original-text range of the first match of `pat` in the folded text.
    pub fn find(&self, pat: &str) -> Option<std::ops::Range<usize>> {
        let i = self.folded.find(pat)?;
        Some(self.to_original(i)..self.end_in_original(i + pat.len()))
    }

    /// The original text before the first match of `pat` in the folded text.
    pub fn before(&self, pat: &str) -> Option<&'a str> {
        self.find(pat).map(|r| &self.original[..r.start])
    }

    /// The original text after a folded prefix of `n` bytes (what `strip_prefix` of the
    /// folded text leaves, in the original's own spelling).
    pub fn original_after(&self, n: usize) -> &'a str {
        &self.original[self.end_in_original(n)..]
    }

    /// The original text before the folded suffix that starts at folded byte `n`.
    pub fn original_before(&self, n: usize) -> &'a str {
        &self.original[..self.to_original(n)]
    }

    /// The original offset just past the character that produced folded byte `i - 1`.
    fn end_in_original(&self, i: usize) -> usize {
        if i == 0 {
            return self.to_original(0).min(self.original.len());
        }
        if i >= self.folded.len() {
            return self.original.len();
        }
        let last = self.to_original(i - 1);
        let next = self.to_original(i);
        if next > last {
            next
        } else {
            // Byte `i` comes from the same original character as byte `i - 1` ("œ" → "oe"):
            // the whole character is part of the match.
            last + self.original[last..]
                .chars()
                .next()
                .map_or(0, char::len_utf8)
        }
    }
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

/// Whether a word is an acronym ("ARS", "CD28", "CeGIDD", "PdL", "CMEau"): at least two
/// letters, the first a capital, and at least half of its letters capitals (two at
/// least). "Cesel" is a name written like a word, not an acronym. Used alike by the list
/// reader, the mention splitter and the organisation resolver.
pub fn is_acronym(w: &str) -> bool {
    let mut letters = w.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return false;
    };
    let (mut n, mut upper) = (1, usize::from(first.is_uppercase()));
    for c in letters {
        n += 1;
        upper += usize::from(c.is_uppercase());
    }
    first.is_uppercase() && n >= 2 && upper >= 2 && upper * 2 >= n
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
    fn folded_text_maps_matches_back_to_the_original() {
        let t = "Financement ARS et Société à parts égales";
        let f = Folded::new(t);
        assert_eq!(f.as_str(), fold(t));
        assert_eq!(
            f.before("a parts egales"),
            Some("Financement ARS et Société ")
        );
        let f = Folded::new("Le  Cœur   de ville");
        assert_eq!(f.as_str(), "le coeur de ville");
        assert_eq!(f.find("coeur"), Some(4..9));
        assert_eq!(f.original_after(3), "Cœur   de ville");
        assert_eq!(f.original_before(8), "Le  Cœur");
    }

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
        for (w, acronym) in [
            ("ARS", true),
            ("CD28", true),
            ("CeGIDD", true),
            ("PdL", true),
            ("CMEau", true),
            ("(CAUE)", true),
            ("Cesel", false),
            ("Ville", false),
            ("eSanté", false),
            ("A", false),
            ("28", false),
        ] {
            assert_eq!(is_acronym(w), acronym, "{w}");
        }
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
