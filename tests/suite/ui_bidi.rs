//! Arabic line layout with the real fonts, through egui_kittest (no display). A glyph missing from
//! the bundled fonts panics here, so these also prove the Arabic font is in the fallback chain.
#![cfg(feature = "gui")]

use arshif::ui::bidi::{self, BidiStyle, Direction};
use arshif::ui::fonts;
use arshif::ui::widgets;
use eframe::egui;
use egui::{Color32, FontId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const MIXED: &str = "وزيرة الداخلية الإيطالية لوتشانا لامورجيزي (Luciana Lamorgese) في طرابلس 2021";

fn style() -> BidiStyle {
    BidiStyle::new(FontId::proportional(16.0), Color32::WHITE, Direction::Ltr)
}

/// Runs `f` with the fonts of a context that has the Arabic font installed.
fn with_fonts<R>(f: impl FnOnce(&egui::Context) -> R) -> R {
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    // Fonts take effect at the start of a pass.
    ctx.run_ui(egui::RawInput::default(), |_| {})
        .textures_delta
        .clear();
    let mut f = Some(f);
    let mut out = None;
    ctx.run_ui(egui::RawInput::default(), |ui| {
        if let Some(f) = f.take() {
            out = Some(f(ui.ctx()));
        }
    })
    .textures_delta
    .clear();
    out.expect("pass ran")
}

#[test]
fn mixed_line_on_one_row_is_in_visual_order() {
    let job =
        with_fonts(|ctx| ctx.fonts_mut(|f| bidi::layout_job(f, MIXED, &style(), f32::INFINITY)));
    // One row; Latin and digits in place, Arabic words right to left, brackets mirrored.
    assert_eq!(
        job.text,
        "2021 طرابلس في (Luciana Lamorgese) لامورجيزي لوتشانا الإيطالية الداخلية وزيرة"
    );
    // One section per piece: adjacent Arabic words never share a section.
    assert_eq!(job.sections.len(), 17);
}

#[test]
fn wrapped_paragraph_starts_with_the_first_words_and_aligns_right() {
    let (job, galley) = with_fonts(|ctx| {
        let job = ctx.fonts_mut(|f| bidi::layout_job(f, MIXED, &style(), 230.0));
        let galley = ctx.fonts_mut(|f| f.layout_job(job.clone()));
        (job, galley)
    });
    let rows: Vec<&str> = job.text.split('\n').collect();
    assert!(rows.len() >= 3, "{rows:?}");
    // The first row holds the sentence's first word, at its right end (last in visual order).
    assert!(rows[0].ends_with("وزيرة"), "{rows:?}");
    // The last row ends the sentence: the year is leftmost.
    assert!(rows.last().unwrap().starts_with("2021"), "{rows:?}");
    // Every row is at most the width, and all rows end at the same right edge.
    let rights: Vec<f32> = galley.rows.iter().map(|r| r.rect().max.x).collect();
    let widest = rights.iter().copied().fold(0.0, f32::max);
    assert!(widest <= 231.0, "{rights:?}");
    for r in &rights {
        assert!((widest - r).abs() < 1.0, "ragged right edge: {rights:?}");
    }
}

#[test]
fn arabic_indic_digits_keep_their_order() {
    let job = with_fonts(|ctx| {
        ctx.fonts_mut(|f| bidi::layout_job(f, "في ١٩ أبريل ٢٠٢١", &style(), f32::INFINITY))
    });
    // Digits are handed to the shaper reversed; it reverses them back (Arabic script ⇒ RTL run).
    assert_eq!(job.text, "١٢٠٢ أبريل ٩١ في");
}

#[test]
fn labels_lay_out_arabic_without_missing_glyphs() {
    let mut h = Harness::builder()
        .with_size([400.0, 300.0])
        .with_context_setup(fonts::install)
        .build_ui(|ui| {
            widgets::label(ui, MIXED);
            widgets::heading(ui, "مباحثات بين داخلية ليبيا وإيطاليا");
            widgets::button(ui, "استيراد…");
            widgets::toggle(ui, true, "العربية");
            widgets::label(ui, "«الهجرة غير الشرعية» ، ١٩ أبريل ٢٠٢١ – Tripoli");
        });
    h.run();
    // Accessible names keep the stored (logical) text.
    h.get_by_label(MIXED);
    h.get_by_label("استيراد…");
    h.get_by_label("العربية");
}
