//! cls patch: a bounded reader of ToUnicode CMaps that never panics.
//!
//! `adobe_cmap_parser::get_unicode_map` expands every `bfrange` into one map entry per code
//! before anyone can bound it (`<00000000> <FFFFFFFF>` is four billion entries), and panics
//! or fails the whole map on one malformed entry (which upstream then unwrapped, refusing
//! the whole document). This reader tokenises the CMap itself, keeps only codes the font
//! can have (`max_code`) and at most `max_entries` entries, skips what it cannot read and
//! says so in `damaged`; on valid CMaps it gives the same map as upstream.
//!
//! The vendored crate is not a workspace member: its tests run with
//! `rustc --edition 2018 --test src/tounicode.rs -o /tmp/tounicode && /tmp/tounicode`, which
//! `make test` runs.

use std::collections::HashMap;

/// A ToUnicode map, and whether part of the CMap could not be read or was cut to the
/// bounds.
pub struct ToUnicode {
    pub map: HashMap<u32, String>,
    pub damaged: bool,
}

#[derive(Debug)]
enum Token<'a> {
    Hex(Vec<u8>),
    Keyword(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    /// Numbers, names, literal strings, dictionary delimiters: nothing a mapping uses.
    Other,
}

struct Lexer<'a> {
    input: &'a [u8],
    at: usize,
}

fn is_delimiter(c: u8) -> bool {
    c.is_ascii_whitespace() || b"()<>[]{}/%".contains(&c) || c == 0
}

impl<'a> Lexer<'a> {
    fn skip_space_and_comments(&mut self) {
        while let Some(&c) = self.input.get(self.at) {
            if c.is_ascii_whitespace() || c == 0 {
                self.at += 1;
            } else if c == b'%' {
                while self.input.get(self.at).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    self.at += 1;
                }
            } else {
                break;
            }
        }
    }

    /// A literal string, skipped with its nesting and escapes.
    fn skip_literal(&mut self) {
        let mut depth = 0usize;
        while let Some(&c) = self.input.get(self.at) {
            self.at += 1;
            match c {
                b'\\' => self.at += 1,
                b'(' => depth += 1,
                b')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut half: Option<u8> = None;
        while let Some(&c) = self.input.get(self.at) {
            self.at += 1;
            let v = match c {
                b'>' => break,
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => continue,
            };
            match half.take() {
                Some(h) => out.push(h << 4 | v),
                None => half = Some(v),
            }
        }
        // An odd digit count ends with a 0, as in any PDF hex string.
        if let Some(h) = half {
            out.push(h << 4);
        }
        out
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.at;
        while self.input.get(self.at).is_some_and(|&c| !is_delimiter(c)) {
            self.at += 1;
        }
        &self.input[start..self.at]
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        self.skip_space_and_comments();
        let c = *self.input.get(self.at)?;
        Some(match c {
            b'<' if self.input.get(self.at + 1) == Some(&b'<') => {
                self.at += 2;
                Token::Other
            }
            b'<' => {
                self.at += 1;
                Token::Hex(self.hex())
            }
            b'>' | b'{' | b'}' | b')' => {
                self.at += 1;
                Token::Other
            }
            b'[' => {
                self.at += 1;
                Token::ArrayStart
            }
            b']' => {
                self.at += 1;
                Token::ArrayEnd
            }
            b'(' => {
                self.skip_literal();
                Token::Other
            }
            b'/' => {
                self.at += 1;
                self.word();
                Token::Other
            }
            _ => {
                let w = self.word();
                if w.is_empty() {
                    self.at += 1;
                    Token::Other
                } else if w[0].is_ascii_alphabetic() {
                    Token::Keyword(w)
                } else {
                    Token::Other
                }
            }
        })
    }
}

/// The code a source string names (big-endian); `None` past four bytes.
fn code_of(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 4 {
        return None;
    }
    Some(bytes.iter().fold(0u32, |code, &b| code << 8 | b as u32))
}

/// The text of a UTF-16BE destination; `None` when it is not UTF-16 (upstream panicked).
/// A lone surrogate is skipped, as upstream did.
fn text_of(be: &[u8]) -> Option<String> {
    if be.len() % 2 != 0 {
        return None;
    }
    let units: Vec<u16> = be.chunks(2).map(|p| (p[0] as u16) << 8 | p[1] as u16).collect();
    if let [0xd800..=0xdfff] = units[..] {
        return None;
    }
    String::from_utf16(&units).ok()
}

/// The destination of the `offset`-th code of a `bfrange` whose first destination is
/// `start`: upstream's arithmetic for 2- and 4-byte destinations (the last unit, or the
/// whole 4 bytes, incremented), and the last UTF-16 unit for longer ones.
fn range_dest(start: &[u8], offset: u32) -> Option<Vec<u8>> {
    match start.len() {
        4 => {
            let val = u32::from_be_bytes([start[0], start[1], start[2], start[3]]);
            Some(val.wrapping_add(offset).to_be_bytes().to_vec())
        }
        2 => {
            let val = u16::from_be_bytes([start[0], start[1]]);
            Some(val.wrapping_add(offset as u16).to_be_bytes().to_vec())
        }
        n if n >= 2 && n % 2 == 0 => {
            let mut out = start.to_vec();
            let last = u16::from_be_bytes([out[n - 2], out[n - 1]]).wrapping_add(offset as u16);
            out[n - 2..].copy_from_slice(&last.to_be_bytes());
            Some(out)
        }
        _ => None,
    }
}

struct Builder {
    map: HashMap<u32, String>,
    damaged: bool,
    max_code: u32,
    max_entries: usize,
}

impl Builder {
    fn full(&self) -> bool {
        self.map.len() >= self.max_entries
    }

    fn insert(&mut self, code: u32, dest: &[u8]) {
        if code > self.max_code {
            return;
        }
        if self.full() && !self.map.contains_key(&code) {
            self.damaged = true;
            return;
        }
        match text_of(dest) {
            Some(text) => {
                self.map.insert(code, text);
            }
            None => self.damaged |= dest.len() % 2 != 0,
        }
    }

    /// `lo hi <start>`: only the codes the font can have, and no more than the entries left.
    fn range(&mut self, lo: u32, hi: u32, start: &[u8]) {
        let hi = hi.min(self.max_code);
        if lo > hi {
            return;
        }
        let room = self.max_entries.saturating_sub(self.map.len()) as u64;
        if (hi - lo) as u64 + 1 > room {
            self.damaged = true;
        }
        let last = (lo as u64 + room.max(1) - 1).min(hi as u64) as u32;
        if room == 0 {
            return;
        }
        for code in lo..=last {
            match range_dest(start, code - lo) {
                Some(dest) => self.insert(code, &dest),
                None => {
                    self.damaged = true;
                    return;
                }
            }
        }
    }

    fn range_array(&mut self, lo: u32, hi: u32, dests: &[Vec<u8>]) {
        if (hi as u64).saturating_sub(lo as u64) + 1 != dests.len() as u64 {
            self.damaged = true;
        }
        for (code, dest) in (lo..=hi).zip(dests) {
            if self.full() {
                self.damaged = true;
                return;
            }
            self.insert(code, dest);
        }
    }
}

/// Reads the `bfchar` and `bfrange` sections of a ToUnicode CMap.
pub fn parse(bytes: &[u8], max_code: u32, max_entries: usize) -> ToUnicode {
    let mut b = Builder { map: HashMap::new(), damaged: false, max_code, max_entries };
    let mut lexer = Lexer { input: bytes, at: 0 };
    while let Some(token) = lexer.next() {
        match token {
            Token::Keyword(b"beginbfchar") => bfchars(&mut lexer, &mut b),
            Token::Keyword(b"beginbfrange") => bfranges(&mut lexer, &mut b),
            _ => {}
        }
    }
    ToUnicode { map: b.map, damaged: b.damaged }
}

fn bfchars(lexer: &mut Lexer, b: &mut Builder) {
    loop {
        match lexer.next() {
            None => {
                b.damaged = true;
                return;
            }
            Some(Token::Keyword(b"endbfchar")) => return,
            Some(Token::Hex(src)) => match (lexer.next(), code_of(&src)) {
                (Some(Token::Hex(dest)), Some(code)) => b.insert(code, &dest),
                (Some(Token::Keyword(b"endbfchar")), _) | (None, _) => {
                    b.damaged = true;
                    return;
                }
                _ => b.damaged = true,
            },
            Some(_) => b.damaged = true,
        }
    }
}

fn bfranges(lexer: &mut Lexer, b: &mut Builder) {
    loop {
        let lo = match lexer.next() {
            Some(Token::Keyword(b"endbfrange")) => return,
            Some(Token::Hex(lo)) => lo,
            None => {
                b.damaged = true;
                return;
            }
            Some(_) => {
                b.damaged = true;
                continue;
            }
        };
        let Some(Token::Hex(hi)) = lexer.next() else {
            b.damaged = true;
            continue;
        };
        let (Some(lo), Some(hi)) = (code_of(&lo), code_of(&hi)) else {
            b.damaged = true;
            continue;
        };
        match lexer.next() {
            Some(Token::Hex(start)) => b.range(lo, hi, &start),
            Some(Token::ArrayStart) => {
                let mut dests = Vec::new();
                loop {
                    match lexer.next() {
                        Some(Token::Hex(d)) => dests.push(d),
                        Some(Token::ArrayEnd) | None => break,
                        Some(_) => b.damaged = true,
                    }
                    if dests.len() > b.max_entries {
                        b.damaged = true;
                        break;
                    }
                }
                b.range_array(lo, hi, &dests);
            }
            _ => b.damaged = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_and_ranges_map_as_upstream() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
            1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar\n\
            2 beginbfrange <0020> <0022> <0041> <0030> <0031> [<0061> <0062>] endbfrange\n\
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let u = parse(cmap, 0xFFFF, 65_536);
        assert!(!u.damaged);
        assert_eq!(u.map[&3], " ");
        assert_eq!(u.map[&0x11], "fi");
        assert_eq!(u.map[&0x22], "C");
        assert_eq!(u.map[&0x31], "b");
        assert_eq!(u.map.len(), 7);
    }

    #[test]
    fn huge_ranges_are_bounded_and_noted() {
        let cmap = b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange";
        let u = parse(cmap, u32::MAX, 65_536);
        // The first 65 536 codes, less the 2 048 that land on lone surrogates (skipped).
        assert_eq!(u.map.len(), 65_536 - 2048);
        assert!(u.damaged);
        // A simple font has one-byte codes: the rest of the range is not even looked at.
        let u = parse(cmap, 0xFF, 65_536);
        assert_eq!(u.map.len(), 256);
        assert!(!u.damaged);
    }

    #[test]
    fn garbage_costs_only_the_bad_entries() {
        let cmap = b"begincmap 2 beginbfchar <41> endbfchar garbage ] ) >> <42> <0042>";
        let u = parse(cmap, 0xFF, 65_536);
        assert!(u.damaged);
        let u = parse(b"3 beginbfchar <41> <0041> <42> (x) <43> <004> endbfchar", 0xFF, 100);
        assert_eq!(u.map.get(&0x41).map(String::as_str), Some("A"));
        assert!(u.damaged);
    }
}
