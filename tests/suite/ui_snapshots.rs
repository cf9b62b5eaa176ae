//! Snapshot tests rendered with wgpu (Mesa lavapipe works without a GPU): the timeline and the
//! reader on a temporary archive holding the seed, and the mixed Arabic/Latin line on its own. They catch any change in how
//! Arabic is drawn, including the day egui gains its own bidi (then our reordering must go).
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test suite ui_snapshots` rewrites `tests/snapshots/*.png`.
#![cfg(feature = "gui")]

use eframe::egui;
use std::sync::Arc;

use arshif::ui::app::Settings;
use arshif::ui::bidi::{BidiStyle, Direction};
use arshif::ui::widgets;
use arshif::ui::{UiLang, fonts};
use egui::{Color32, FontId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The seed archive (two meetings in Tripoli, 2021-04-19) with the Mazen–Lamorgese meeting open.
fn snapshot_app(lang: UiLang, name: &str) {
    let (_dir, db) = crate::ui_app::seed_archive();
    let app = crate::ui_app::app_on(
        &db,
        Arc::new(|_| None),
        Settings {
            lang,
            dark: false,
            ..Default::default()
        },
    );
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(fonts::install)
        .wgpu()
        .with_max_steps(crate::common::SETTLE_STEPS)
        .build_ui_state(crate::common::show_settled, app);
    h.run();
    let mazen = h
        .state()
        .timeline()
        .cards
        .iter()
        .position(|c| c.libyan.iter().any(|p| p.name_en == "Khaled Mazen"))
        .expect("the Mazen–Lamorgese meeting");
    for _ in 0..mazen {
        h.key_press(egui::Key::ArrowDown);
        h.run();
    }
    h.key_press(egui::Key::Enter);
    h.run();
    // File paths differ between machines (the temporary archive, the corpus checkout): masked.
    let paths: Vec<egui::Rect> = h
        .query_all_by_label_contains("archive.sqlite")
        .chain(h.query_all_by_label_contains("000_3dc5a4347485e1da.txt"))
        .map(|n| n.rect())
        .collect();
    assert_eq!(
        paths.len(),
        2,
        "the status bar and the reader's source line"
    );
    for r in paths {
        // From the reading start to the far edge: the text's length varies with the path.
        let r = if lang == UiLang::Ar {
            egui::Rect::from_min_max(egui::pos2(0.0, r.top()), r.max)
        } else {
            egui::Rect::from_min_max(r.min, egui::pos2(1280.0, r.bottom()))
        };
        h.mask(r);
    }
    h.snapshot(name);
}

#[test]
fn timeline_and_reader_english_ui() {
    snapshot_app(UiLang::En, "timeline_reader_en");
}

#[test]
fn timeline_and_reader_arabic_ui() {
    snapshot_app(UiLang::Ar, "timeline_reader_ar");
}

#[test]
fn mixed_line_and_wrapped_paragraph() {
    let text = "وزيرة الداخلية الإيطالية لوتشانا لامورجيزي (Luciana Lamorgese) في طرابلس 2021";
    let mut h = Harness::builder()
        .with_size([360.0, 260.0])
        .with_theme(egui::Theme::Light)
        .with_context_setup(fonts::install)
        .wgpu()
        .build_ui(move |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                let mut style =
                    BidiStyle::new(FontId::proportional(18.0), Color32::BLACK, Direction::Ltr);
                widgets::show(ui, text, &style, egui::Sense::hover(), false);
                ui.separator();
                style.fill_width = true;
                widgets::show(ui, text, &style, egui::Sense::hover(), true);
                ui.separator();
                widgets::show(
                    ui,
                    "في ١٩ أبريل ٢٠٢١، التقى (خالد مازن) بنظيرته.",
                    &style,
                    egui::Sense::hover(),
                    true,
                );
            });
        });
    h.run();
    h.snapshot("bidi_mixed_line");
}
