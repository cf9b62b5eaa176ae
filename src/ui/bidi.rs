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
use unicode_bidi::{Level, ParagraphBidiInfo};

pub use crate::text::bidi::{
    Direction, PieceKind, VisualPiece, break_lines, first_strong_direction, has_rtl,
    is_bidi_control, mirror, strip_controls, visual_pieces,
};

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
