//! The article as the rules read it: normalised text cut into word tokens (with the separator
//! before each, case and script), and sentences (token ranges) cut at strong punctuation and
//! line breaks, not after abbreviations ("Aug.", "Mr.") or before a lower-case Latin word.

use crate::text::normalize;
use std::ops::Range;

/// One word token: its range in the normalised text and in `Doc::joined` (tokens joined by
/// single spaces, what the automaton reads), the separator before it, whether the original
/// starts upper-case, whether it is Arabic script, and its sentence.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    pub(super) norm: Range<usize>,
    pub(super) joined: Range<usize>,
    pub(super) sep: Sep,
    pub(super) upper: bool,
    pub(super) arabic: bool,
    pub(super) sent: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sep {
    Space,
    Hyphen,
    Comma,
    Quote,
    Strong,
    Paren,
}

/// An article cut into tokens and sentences.
pub(super) struct Doc<'a> {
    pub(super) text: &'a str,
    pub(super) norm: crate::text::Normalized,
    pub(super) joined: String,
    pub(super) toks: Vec<Tok>,
    pub(super) sents: Vec<Range<usize>>, // token ranges
}

impl<'a> Doc<'a> {
    pub(super) fn tok_str(&self, i: usize) -> &str {
        &self.joined[self.toks[i].joined.clone()]
    }
    pub(super) fn orig_span(&self, toks: Range<usize>) -> Range<usize> {
        if toks.is_empty() {
            return 0..0;
        }
        let a = self.toks[toks.start].norm.start;
        let b = self.toks[toks.end - 1].norm.end;
        self.norm.original_range(a..b)
    }
    pub(super) fn orig_text(&self, toks: Range<usize>) -> String {
        let r = self.orig_span(toks);
        self.text[r].to_string()
    }
    pub(super) fn sent_span(&self, s: usize) -> Range<usize> {
        self.orig_span(self.sents[s].clone())
    }
}

/// A raw token: normalised range, joined range, separator before it, upper-case (filled
/// later), Arabic script.
pub(super) type RawTok = (Range<usize>, Range<usize>, Sep, bool, bool);

pub(super) fn tokenize_into(text: &str) -> (String, Vec<RawTok>) {
    // Returns joined string and per token (norm range, joined range, sep, upper, arabic);
    // `text` here is the normalised text; `upper` is filled later from the original.
    let mut joined = String::with_capacity(text.len());
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap_start = 0usize;
    let push = |joined: &mut String, out: &mut Vec<RawTok>, a: usize, b: usize, gap: &str| {
        let sep = classify_sep(gap);
        if !joined.is_empty() {
            joined.push(' ');
        }
        let j0 = joined.len();
        joined.push_str(&text[a..b]);
        let arabic = text[a..b]
            .chars()
            .next()
            .is_some_and(|c| ('\u{600}'..='\u{6ff}').contains(&c));
        out.push((a..b, j0..joined.len(), sep, false, arabic));
    };
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric();
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let gap = &text[gap_start..s];
                push(&mut joined, &mut out, s, i, gap);
                start = None;
                gap_start = i;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        let gap = &text[gap_start..s];
        push(&mut joined, &mut out, s, text.len(), gap);
    }
    (joined, out)
}

pub(super) fn classify_sep(gap: &str) -> Sep {
    if gap.contains('\n') {
        return Sep::Strong;
    }
    if gap
        .chars()
        .any(|c| matches!(c, '.' | '!' | '?' | '؟' | ':' | '|'))
    {
        return Sep::Strong;
    }
    if gap.chars().any(|c| matches!(c, ',' | '،' | ';' | '؛')) {
        return Sep::Comma;
    }
    if gap
        .chars()
        .any(|c| matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‘'))
    {
        return Sep::Quote;
    }
    if gap.chars().any(|c| matches!(c, '(' | ')' | '[' | ']')) {
        return Sep::Paren;
    }
    if gap.chars().any(|c| matches!(c, '–' | '—')) || gap.trim() == "-" && gap.len() > 1 {
        return Sep::Comma;
    }
    if gap.contains('-') || gap.contains('\'') || gap.contains('’') {
        return Sep::Hyphen;
    }
    Sep::Space
}

pub(super) const ABBREV: &[&str] = &[
    "aug", "jan", "feb", "mar", "apr", "jun", "jul", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "no", "gen", "col", "prof", "on", "u", "s",
];

pub(super) fn fold_pattern(p: &str) -> String {
    let n = normalize(p);
    let (j, _) = tokenize_into(&n.text);
    j
}

impl<'a> Doc<'a> {
    /// Tokens and sentences of `text` (an article: line 1 the headline).
    pub(super) fn read(text: &'a str) -> Doc<'a> {
        let norm = normalize(text);
        let (joined, raw) = tokenize_into(&norm.text);
        let mut toks = Vec::with_capacity(raw.len());
        let mut sent = 0usize;
        let mut sents = Vec::new();
        let mut sent_start = 0usize;
        for (i, (nr, jr, sep, _, arabic)) in raw.into_iter().enumerate() {
            let o = norm.orig[nr.start];
            let upper = text[o..].chars().next().is_some_and(|c| c.is_uppercase());
            if i > 0 {
                let gap = &norm.text[toks.last().map(|t: &Tok| t.norm.end).unwrap_or(0)..nr.start];
                let newline = gap.contains('\n');
                let mut boundary = newline;
                if !boundary && sep == Sep::Strong {
                    let has_end = gap
                        .chars()
                        .any(|c| matches!(c, '.' | '!' | '?' | '؟' | '|'));
                    if has_end {
                        let prev = &joined[toks[i - 1].joined.clone()];
                        let abbrev = !toks[i - 1].arabic
                            && (ABBREV.contains(&prev) || prev.chars().count() == 1);
                        let lower_next = !arabic && !upper;
                        boundary = !abbrev && !lower_next;
                    }
                }
                if boundary {
                    sents.push(sent_start..i);
                    sent_start = i;
                    sent += 1;
                }
            }
            toks.push(Tok {
                norm: nr,
                joined: jr,
                sep,
                upper,
                arabic,
                sent,
            });
        }
        sents.push(sent_start..toks.len());
        Doc {
            text,
            norm,
            joined,
            toks,
            sents,
        }
    }
}
