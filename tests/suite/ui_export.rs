//! One export path, seen from both ends: the seed's meetings exported from the app (Export… ▸
//! the format by name ▸ Save…, the worker's export job) and from `arshif export --format F` hold
//! the same bytes in every format (the export time aside), and the app remembers the format
//! chosen last.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use arshif::export::Format;
use arshif::ui::UiLang;
use arshif::ui::app::{DialogFn, Settings};
use arshif::ui::panels::export::format_label;
use eframe::egui;
use egui_kittest::kittest::{NodeT, Queryable};

use crate::ui_app::{app_on, harness, seed_archive, step_until};

/// `text` with the export time masked: iCalendar's `DTSTAMP:20260101T120000Z` and the reports'
/// `2026-01-01 12:00 UTC`.
fn without_export_time(text: &str) -> String {
    let stamped: Vec<String> = text
        .split('\n')
        .map(|line| match line.strip_prefix("DTSTAMP:") {
            Some(_) => "DTSTAMP:<export time>".to_owned(),
            None => line.to_owned(),
        })
        .collect();
    let text = stamped.join("\n");
    // `YYYY-MM-DD HH:MM UTC`: 20 ASCII bytes, digits where the pattern has `9`.
    let pattern = b"9999-99-99 99:99 UTC";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let matches = bytes.len() - i >= pattern.len()
            && pattern.iter().zip(&bytes[i..]).all(|(p, b)| match p {
                b'9' => b.is_ascii_digit(),
                _ => p == b,
            });
        if matches {
            out.push_str("<export time>");
            i += pattern.len();
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn cli_export(db: &Path, format: Format, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .arg("--db")
        .arg(db)
        .args(["export", "--official", "Luciana Lamorgese", "--format"])
        .arg(format.name())
        .arg("--out")
        .arg(out)
        .output()
        .expect("run arshif");
    assert!(
        run.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn the_app_and_the_cli_export_the_same_bytes_in_every_format() {
    let (dir, db) = seed_archive();
    // The save dialog stand-in answers with the file the loop sets (after a person's moment:
    // an instant answer reads as "no dialog on this system").
    let target: Arc<Mutex<PathBuf>> = Arc::default();
    let chosen = Arc::clone(&target);
    let dialog: DialogFn = Arc::new(move |_| {
        std::thread::sleep(std::time::Duration::from_millis(500));
        Some(vec![chosen.lock().unwrap().clone()])
    });
    let mut h = harness(app_on(&db, dialog, Settings::default()));
    h.run();
    // Both seed meetings, through a filter chip (so the reports carry a filter line).
    h.get_by_label("Luciana Lamorgese").click();
    h.run();
    assert_eq!(h.state().timeline().cards.len(), 2);
    for format in Format::ALL {
        let app_file = dir
            .path()
            .join(format!("app-{}.{}", format.name(), format.extension()));
        *target.lock().unwrap() = app_file.clone();
        h.get_by_label("Export…").click();
        h.run();
        h.get_by_label(&format_label(format, UiLang::En)).click();
        h.run();
        h.get_by_label("Save…").click();
        let written = app_file.clone();
        step_until(&mut h, move |app| written.exists() && !app.busy());
        let summary = h.state().summary().expect("the export's summary").clone();
        assert!(summary.problems.is_empty(), "{format}: {summary:?}");
        assert!(
            summary
                .headline
                .starts_with(&format!("2 meetings written as {}", format.name())),
            "{format}: {}",
            summary.headline
        );
        assert_eq!(h.state().settings.export_format, Some(format));

        let cli_file = dir
            .path()
            .join(format!("cli-{}.{}", format.name(), format.extension()));
        cli_export(&db, format, &cli_file);
        let app = String::from_utf8(std::fs::read(&app_file).unwrap()).unwrap();
        let cli = String::from_utf8(std::fs::read(&cli_file).unwrap()).unwrap();
        pretty_assertions::assert_eq!(
            without_export_time(&app),
            without_export_time(&cli),
            "{format}"
        );
        if matches!(format, Format::Markdown) {
            assert!(app.contains("**Filters:** Luciana Lamorgese"), "{app}");
        }
    }

    // Remembered between runs: the last format is saved with the settings and offered again.
    let mut storage = Memory::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let settings = arshif::ui::settings::load(Some(&storage));
    assert_eq!(settings.export_format(), Format::Markdown);
    let (_dir2, db2) = seed_archive();
    let mut h = harness(app_on(&db2, Arc::new(|_| None), settings));
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    let markdown = format_label(Format::Markdown, UiLang::En);
    let row = h.get_by_label(&markdown);
    assert_eq!(
        row.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

/// eframe's key-value storage, in memory.
#[derive(Default)]
struct Memory(std::collections::HashMap<String, String>);

impl eframe::Storage for Memory {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_export_popup_names_every_format_in_arabic_and_cancel_closes_it() {
    let (_dir, db) = seed_archive();
    let settings = Settings {
        lang: UiLang::Ar,
        ..Settings::default()
    };
    let mut h = harness(app_on(&db, Arc::new(|_| None), settings));
    h.run();
    h.get_by_label("تصدير…").click();
    h.run();
    for format in Format::ALL {
        h.get_by_label(&format_label(format, UiLang::Ar));
    }
    h.get_by_label("حفظ…");
    h.get_by_label("إلغاء").click();
    h.run();
    assert!(
        h.query_by_label(&format_label(Format::Html, UiLang::Ar))
            .is_none()
    );
}
