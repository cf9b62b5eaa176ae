//! Number, word and punctuation tokens over the normalised text, with byte ranges into it.

use crate::text::normalize::Normalized;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// ASCII digits (after normalisation): value (saturating) and digit count.
    Num(u64, usize),
    Word,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) kind: Kind,
    /// Byte range in the normalised text.
    pub(super) start: usize,
    pub(super) end: usize,
    /// The first original character is an upper-case Latin letter.
    pub(super) capital: bool,
}

pub(super) fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

pub(super) fn tokenize(original: &str, norm: &Normalized) -> Vec<Tok> {
    let t = &norm.text;
    let orig_char = |p: usize| original[norm.orig[p]..].chars().next().unwrap_or(' ');
    let mut toks = Vec::new();
    let mut it = t.char_indices().peekable();
    while let Some((s, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut e = s + 1;
            let mut v: u64 = u64::from(c as u8 - b'0');
            while let Some(&(p, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                v = v
                    .saturating_mul(10)
                    .saturating_add(u64::from(d as u8 - b'0'));
                e = p + 1;
                it.next();
            }
            toks.push(Tok {
                kind: Kind::Num(v, e - s),
                start: s,
                end: e,
                capital: false,
            });
        } else if c.is_alphabetic() {
            let arabic = is_arabic(c);
            let mut e = s + c.len_utf8();
            let mut prev_lower = orig_char(s).is_lowercase();
            while let Some(&(p, d)) = it.peek() {
                if !d.is_alphabetic() || is_arabic(d) != arabic {
                    break;
                }
                // camelCase boundary in the original ("readApr" → "read" "Apr").
                let oc = orig_char(p);
                if !arabic && prev_lower && oc.is_uppercase() {
                    break;
                }
                prev_lower = oc.is_lowercase();
                e = p + d.len_utf8();
                it.next();
            }
            toks.push(Tok {
                kind: Kind::Word,
                start: s,
                end: e,
                capital: orig_char(s).is_uppercase(),
            });
        } else if !c.is_whitespace() {
            toks.push(Tok {
                kind: Kind::Punct(c),
                start: s,
                end: s + c.len_utf8(),
                capital: false,
            });
        }
    }
    toks
}

pub(super) fn word<'a>(t: &'a str, toks: &[Tok], i: usize) -> Option<&'a str> {
    toks.get(i)
        .filter(|k| k.kind == Kind::Word)
        .map(|k| &t[k.start..k.end])
}

pub(super) fn punct(toks: &[Tok], i: usize) -> Option<char> {
    match toks.get(i)?.kind {
        Kind::Punct(c) => Some(c),
        _ => None,
    }
}

pub(super) fn num(toks: &[Tok], i: usize) -> Option<(u64, usize)> {
    match toks.get(i)?.kind {
        Kind::Num(v, n) => Some((v, n)),
        _ => None,
    }
}
