//! Right-to-left text on screen: the Unicode Bidirectional Algorithm (UAX #9) on top of egui's shaping.
//!
//! egui 0.37 shapes text with harfrust (Arabic letters join) but places runs left to right in logical
//! order and wraps after shaping, so Arabic words come out in the wrong order, `2021` inside Arabic
//! shows as `1202` and wrapped paragraphs start with the end of the sentence
//! (see `shared/design/arabic-rendering.md`). This module does the bidi part itself, per wrapped line:
//!
//! 1. split the text into paragraphs (`\n`), find each paragraph's base direction (first strong
//!    character, else the caller's fallback) and resolve embedding levels with `unicode-bidi`;
//! 2. break each paragraph into lines in *logical* order, measuring words with the real fonts
//!    ([`break_lines`]);
//! 3. reorder each line's level runs into visual order and cut them into [`VisualPiece`]s that the
//!    shaper handles in one direction each ([`visual_pieces`]);
//! 4. emit one [`LayoutSection`] per piece, in visual order, pushed directly (never through
//!    `LayoutJob::append`, which merges equal-format neighbours so the shaper would reverse a merged
//!    run a second time), one `\n` section between lines, and right-align right-to-left lines with
//!    the first section's `leading_space` ([`layout_job`]).
//!
//! Laid-out jobs are cached per (text, width, style, pixels per point) in the egui context's temporary
//! data ([`galley`]), so nothing is reordered per frame; egui then caches the shaped galley.
//!
//! The widgets that show text this way (labels, buttons, toggles, headings, chips) are in
//! [`crate::ui::widgets`]; this module only lays text out.
//!
//! Text stays in logical order everywhere else (store, export, accessibility names): only what is
//! painted is reordered. When egui gains its own bidi (emilk/egui PR 8577), this module must go; the
//! unit tests here and the snapshot tests in `tests/suite/ui_snapshots.rs` will show the change.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use eframe::egui::{self, Color32, FontId, Galley, TextFormat};
use eframe::epaint::text::{LayoutJob, LayoutSection, TextWrapping};
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};

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

/// What a piece of bidi text looks like.
#[derive(Clone, Debug, PartialEq)]
pub struct BidiStyle {
    /// Font of the whole text.
    pub font_id: FontId,
    /// Text colour.
    pub color: Color32,
    /// Byte ranges of the logical text drawn with another format (highlighted names), not
    /// overlapping, in any order.
    pub spans: Vec<(Range<usize>, TextFormat)>,
    /// Base direction of paragraphs without a strong character (and of all paragraphs when
    /// `force_base` is set).
    pub fallback: Direction,
    /// Use `fallback` for every paragraph instead of the first strong character.
    pub force_base: bool,
    /// Right-to-left lines align to `max_width` (a reader pane) instead of to the widest line
    /// (a label that only takes the room it needs).
    pub fill_width: bool,
}

impl BidiStyle {
    /// Plain text in `font_id` and `color`, base direction from the text, falling back to `fallback`.
    pub fn new(font_id: FontId, color: Color32, fallback: Direction) -> Self {
        Self {
            font_id,
            color,
            spans: Vec::new(),
            fallback,
            force_base: false,
            fill_width: false,
        }
    }

    fn format_at(&self, byte: usize) -> TextFormat {
        self.spans
            .iter()
            .find(|(r, _)| r.contains(&byte))
            .map(|(_, f)| f.clone())
            .unwrap_or_else(|| TextFormat::simple(self.font_id.clone(), self.color))
    }

    fn hash_into(&self, h: &mut impl Hasher) {
        self.font_id.hash(h);
        self.color.hash(h);
        for (r, f) in &self.spans {
            r.hash(h);
            f.hash(h);
        }
        self.fallback.hash(h);
        self.force_base.hash(h);
        self.fill_width.hash(h);
    }
}

/// One laid-out line before alignment: its sections (byte ranges into the job text) and direction.
struct LineSections {
    sections: Vec<LayoutSection>,
    rtl: bool,
}

/// Builds the [`LayoutJob`] that shows `text` (logical order) wrapped at `max_width` points
/// (`f32::INFINITY`: no wrapping), each line in visual order.
///
/// `fonts` measures words and, once, the laid-out rows to right-align right-to-left lines exactly.
/// The job's own wrapping is off: every row break is a `\n` this function put there.
pub fn layout_job(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    text: &str,
    style: &BidiStyle,
    max_width: f32,
) -> LayoutJob {
    let mut splits: Vec<usize> = style
        .spans
        .iter()
        .flat_map(|(r, _)| [r.start, r.end])
        .collect();
    splits.sort_unstable();
    splits.dedup();

    let mut job = LayoutJob {
        wrap: TextWrapping::no_max_width(),
        break_on_newline: true,
        ..Default::default()
    };
    let mut lines: Vec<LineSections> = Vec::new();
    let base_format = TextFormat::simple(style.font_id.clone(), style.color);

    let mut para_start = 0;
    for para in text.split('\n') {
        let para_splits: Vec<usize> = splits
            .iter()
            .filter(|&&s| s > para_start && s < para_start + para.len())
            .map(|&s| s - para_start)
            .collect();
        let dir = if style.force_base {
            style.fallback
        } else {
            first_strong_direction(para).unwrap_or(style.fallback)
        };
        let level = match dir {
            Direction::Ltr => Level::ltr(),
            Direction::Rtl => Level::rtl(),
        };
        let info = ParagraphBidiInfo::new(para, Some(level));
        let font_id = style.font_id.clone();
        let line_ranges = break_lines(para, max_width, |s| {
            fonts
                .layout_no_wrap(
                    strip_controls(s).into_owned(),
                    font_id.clone(),
                    Color32::WHITE,
                )
                .size()
                .x
        });
        for line in line_ranges {
            let pieces = visual_pieces(para, &info, line, &para_splits);
            let mut sections = Vec::new();
            for piece in pieces {
                let start = job.text.len();
                job.text.push_str(&piece.shaped);
                sections.push(LayoutSection {
                    leading_space: 0.0,
                    byte_range: egui::epaint::text::ByteIndex(start)
                        ..egui::epaint::text::ByteIndex(job.text.len()),
                    format: style.format_at(para_start + piece.source.start),
                });
            }
            lines.push(LineSections {
                sections,
                rtl: dir == Direction::Rtl,
            });
            // Row separator.
            let start = job.text.len();
            job.text.push('\n');
            lines
                .last_mut()
                .expect("just pushed")
                .sections
                .push(LayoutSection {
                    leading_space: 0.0,
                    byte_range: egui::epaint::text::ByteIndex(start)
                        ..egui::epaint::text::ByteIndex(job.text.len()),
                    format: base_format.clone(),
                });
        }
        para_start += para.len() + 1;
    }
    // Drop the final separator: the last row ends the text.
    if let Some(last) = lines.last_mut() {
        last.sections.pop();
        job.text.pop();
    }
    for line in &lines {
        job.sections.extend(line.sections.iter().cloned());
    }
    if job.sections.is_empty() {
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: egui::epaint::text::ByteIndex(0)
                ..egui::epaint::text::ByteIndex(job.text.len()),
            format: base_format,
        });
        return job;
    }

    // Right-align right-to-left rows: measure the rows egui actually produces, then indent.
    if lines.iter().any(|l| l.rtl) {
        let galley = fonts.layout_job(job.clone());
        let row_widths: Vec<f32> = galley.rows.iter().map(|r| r.row.size.x).collect();
        let widest = row_widths.iter().copied().fold(0.0_f32, f32::max);
        let box_width = if style.fill_width && max_width.is_finite() {
            max_width.max(widest)
        } else {
            widest
        };
        let mut rebuilt = Vec::with_capacity(job.sections.len());
        for (i, line) in lines.iter().enumerate() {
            let mut sections = line.sections.clone();
            if line.rtl
                && let (Some(first), Some(w)) = (sections.first_mut(), row_widths.get(i))
                && first.byte_range.start < first.byte_range.end
                && &job.text[first.byte_range.start.0..first.byte_range.end.0] != "\n"
            {
                first.leading_space = (box_width - w).max(0.0);
            }
            rebuilt.extend(sections);
        }
        job.sections = rebuilt;
    }
    job
}

/// The cache of laid-out jobs, kept in the egui context's temporary data.
#[derive(Default)]
struct BidiCache {
    jobs: HashMap<u64, (Arc<LayoutJob>, u64)>,
}

/// Laid-out `text` (logical order) for painting: wrapped at `max_width` points, each line in visual
/// order, right-to-left lines right-aligned. Cached per (text, width rounded to a point, style, pixels
/// per point): a cache hit costs one hash of the text.
pub fn galley(ctx: &egui::Context, text: &str, style: &BidiStyle, max_width: f32) -> Arc<Galley> {
    let width = if max_width.is_finite() {
        max_width.floor().max(1.0)
    } else {
        f32::INFINITY
    };
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    width.to_bits().hash(&mut h);
    ctx.pixels_per_point().to_bits().hash(&mut h);
    style.hash_into(&mut h);
    let key = h.finish();
    let pass = ctx.cumulative_pass_nr();

    let cache_id = egui::Id::unique("arshif-bidi-cache");
    let cached = ctx.data_mut(|d| {
        let cache = d.get_temp_mut_or_default::<Arc<std::sync::Mutex<BidiCache>>>(cache_id);
        let cache = Arc::clone(cache);
        let mut c = cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((job, used)) = c.jobs.get_mut(&key) {
            *used = pass;
            Some(Arc::clone(job))
        } else {
            None
        }
    });
    let job = match cached {
        Some(job) => job,
        None => {
            let job = Arc::new(ctx.fonts_mut(|f| layout_job(f, text, style, width)));
            ctx.data_mut(|d| {
                let cache = d.get_temp_mut_or_default::<Arc<std::sync::Mutex<BidiCache>>>(cache_id);
                let mut c = cache
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if c.jobs.len() > 20_000 {
                    // Forget what was not shown during the last few hundred passes.
                    c.jobs
                        .retain(|_, (_, used)| pass.saturating_sub(*used) < 300);
                }
                c.jobs.insert(key, (Arc::clone(&job), pass));
            });
            job
        }
    };
    ctx.fonts_mut(|f| f.layout_job((*job).clone()))
}

#[cfg(test)]
mod tests;
