//! The Unicode Bidirectional Algorithm (UAX #9) for display, without any screen: a paragraph's
//! base direction, logical line breaks ([`break_lines`]) and the visual order of one line's pieces
//! ([`visual_pieces`]), over the `unicode-bidi` crate's resolved levels.
//!
//! The app (`ui::bidi`) feeds these pieces to egui's shaper; keeping them here lets the layout be
//! tested and fuzzed without a window (`devtools::fuzz::bidi`). Text is stored in logical order;
//! only what is painted is reordered.

use std::ops::Range;

use unicode_bidi::{BidiClass, ParagraphBidiInfo, bidi_class};

/// A paragraph's base direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Direction {
    /// Left to right (Latin text, English UI).
    Ltr,
    /// Right to left (Arabic text, Arabic UI).
    Rtl,
}

/// How a [`VisualPiece`] reaches the shaper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PieceKind {
    /// Right-to-left letters (Arabic, Hebrew) with their marks, in logical order: harfrust sees an
    /// Arabic-script run, shapes it right to left and joins the letters.
    RtlLetters,
    /// Arabic-Indic digits (٠١٢…, ۰۱۲…) and their separators. harfrust guesses "Arabic script, so right
    /// to left" and would reverse them, so the piece holds them reversed and the shaper restores the
    /// left-to-right digit order.
    ArabicDigits,
    /// Anything shaped left to right as given: Latin words, European digits, and neutrals
    /// (spaces, punctuation). Inside a right-to-left run the characters are already reversed and
    /// mirrored (`(` → `)`).
    Ltr,
}

/// One piece of a displayed line, in visual (left-to-right on screen) order: one `LayoutSection`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualPiece {
    /// Byte range in the logical text this piece shows.
    pub source: Range<usize>,
    /// The string handed to the shaper for this piece (see [`PieceKind`] for why it may differ from
    /// `text[source]`).
    pub shaped: String,
    /// How the shaper treats it.
    pub kind: PieceKind,
}

/// The base direction of `text`: that of its first strong character (bidi class L, R or AL), or
/// `None` when it has none (digits, punctuation, empty).
pub fn first_strong_direction(text: &str) -> Option<Direction> {
    text.chars().find_map(|c| match bidi_class(c) {
        BidiClass::L => Some(Direction::Ltr),
        BidiClass::R | BidiClass::AL => Some(Direction::Rtl),
        _ => None,
    })
}

/// True when `text` holds at least one right-to-left letter.
pub fn has_rtl(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
}

/// Bidi formatting characters (LRM, RLM, ALM, embeddings, overrides, isolates): they steer the
/// algorithm but are never drawn (no font has glyphs for them).
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `s` without [`is_bidi_control`] characters (borrowed when it has none).
pub fn strip_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(is_bidi_control) {
        std::borrow::Cow::Owned(s.chars().filter(|&c| !is_bidi_control(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The mirror image of a bracket-like character shown inside a right-to-left run (the
/// Bidi_Mirroring_Glyph pairs that occur in news text), or the character itself.
pub fn mirror(c: char) -> char {
    const PAIRS: &[(char, char)] = &[
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('⁅', '⁆'),
        ('⁽', '⁾'),
        ('₍', '₎'),
        ('≤', '≥'),
        ('≪', '≫'),
        ('⟨', '⟩'),
        ('〈', '〉'),
        ('《', '》'),
        ('「', '」'),
        ('『', '』'),
        ('【', '】'),
        ('〔', '〕'),
        ('（', '）'),
        ('［', '］'),
        ('｛', '｝'),
        ('＜', '＞'),
    ];
    for &(a, b) in PAIRS {
        if c == a {
            return b;
        }
        if c == b {
            return a;
        }
    }
    c
}

/// Characters that harfrust assigns the Arabic script although they are not right-to-left letters:
/// Arabic-Indic and Extended Arabic-Indic digits, Arabic decimal and thousands separators.
fn is_arabic_digit(c: char) -> bool {
    matches!(c, '\u{0660}'..='\u{066C}' | '\u{06F0}'..='\u{06F9}')
}

fn is_rtl_letter(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Marks and joiners that belong to the piece before them (tashkeel, ZWJ, ZWNJ).
fn is_attached(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::NSM) || matches!(c, '\u{200C}' | '\u{200D}')
}

fn kind_of(c: char) -> PieceKind {
    if is_rtl_letter(c) {
        PieceKind::RtlLetters
    } else if is_arabic_digit(c) {
        PieceKind::ArabicDigits
    } else {
        PieceKind::Ltr
    }
}

/// Cuts `range` of `text` (all of one bidi level) into logical-order pieces of one [`PieceKind`]
/// each, also cutting at every byte offset in `splits` (format boundaries).
fn logical_pieces(
    text: &str,
    range: Range<usize>,
    splits: &[usize],
) -> Vec<(Range<usize>, PieceKind)> {
    let mut out: Vec<(Range<usize>, PieceKind)> = Vec::new();
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        let end = at + c.len_utf8();
        let forced_cut = splits.contains(&at);
        if let Some((last, last_kind)) = out.last_mut()
            && !forced_cut
            && (is_attached(c) || *last_kind == kind_of(c))
        {
            last.end = end;
            continue;
        }
        out.push((at..end, kind_of(c)));
    }
    out
}

/// The pieces of one displayed line, in visual order (leftmost first).
///
/// `info` holds the resolved levels of the paragraph `text`; `line` is a byte range of `text` (one
/// wrapped line, without its trailing spaces); `splits` are byte offsets where the format changes.
/// Right-to-left runs come out with their pieces reversed; inside each such run, letters stay in
/// logical order (the shaper reverses and joins them) while neutrals are reversed and mirrored here.
pub fn visual_pieces(
    text: &str,
    info: &ParagraphBidiInfo<'_>,
    line: Range<usize>,
    splits: &[usize],
) -> Vec<VisualPiece> {
    if line.is_empty() {
        return Vec::new();
    }
    let (levels, runs) = info.visual_runs(line);
    let mut out = Vec::new();
    for run in runs {
        let rtl_run = levels[run.start].is_rtl();
        let mut pieces = logical_pieces(text, run, splits);
        if rtl_run {
            pieces.reverse();
        }
        for (range, kind) in pieces {
            let stripped = strip_controls(&text[range.clone()]);
            let slice: &str = &stripped;
            if slice.is_empty() {
                continue;
            }
            let shaped = match (kind, rtl_run) {
                (PieceKind::RtlLetters, _) => slice.to_owned(),
                (PieceKind::ArabicDigits, _) => slice.chars().rev().collect(),
                (PieceKind::Ltr, false) => slice.to_owned(),
                (PieceKind::Ltr, true) => reverse_mirrored(slice),
            };
            out.push(VisualPiece {
                source: range,
                shaped,
                kind,
            });
        }
    }
    out
}

/// Reverses a neutral (or left-to-right shaped) string shown inside a right-to-left run, keeping
/// combining marks after their base character, and mirrors brackets.
fn reverse_mirrored(s: &str) -> String {
    let mut clusters: Vec<String> = Vec::new();
    for c in s.chars() {
        if is_attached(c)
            && let Some(last) = clusters.last_mut()
        {
            last.push(c);
            continue;
        }
        clusters.push(mirror(c).to_string());
    }
    clusters.into_iter().rev().collect()
}

/// Line breaks of one paragraph in logical order.
///
/// Breaks only after spaces (a word never splits; a word wider than `max_width` gets a line of its
/// own). `measure` gives the width in points of a string. Returns the byte ranges of the lines, each
/// without its trailing whitespace; an empty paragraph gives one empty line.
#[expect(
    clippy::single_range_in_vec_init,
    reason = "a list of line ranges that may hold a single line"
)]
pub fn break_lines(
    text: &str,
    max_width: f32,
    mut measure: impl FnMut(&str) -> f32,
) -> Vec<Range<usize>> {
    // Words: (start, end of word, end including following whitespace).
    let mut words: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    let bytes_len = text.len();
    while i < bytes_len {
        let rest = &text[i..];
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let after_word = i + word_len;
        let ws_len = text[after_word..]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(bytes_len - after_word);
        words.push((i, after_word, after_word + ws_len));
        i = after_word + ws_len;
    }
    if words.is_empty() {
        return vec![0..0];
    }
    if !max_width.is_finite() {
        let end = words.last().map_or(0, |w| w.1);
        return vec![0..end];
    }
    let mut lines = Vec::new();
    let mut line_start = words[0].0;
    let mut line_end = line_start; // end of last word on the line (no trailing spaces)
    let mut have_word = false;
    for &(start, end, _) in &words {
        let candidate = measure(&text[line_start..end]);
        if have_word && candidate > max_width {
            lines.push(line_start..line_end);
            line_start = start;
        }
        line_end = end;
        have_word = true;
    }
    lines.push(line_start..line_end);
    lines
}
