//! The app: a meeting's card counts its reports, the reader switches between them, and the
//! card's context menu splits a meeting (an edit Ctrl+Z undoes).
#![cfg(feature = "gui")]

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use arshif::gazetteer::Gazetteer;
use arshif::ui::UiLang;
use arshif::ui::app::{ArshifApp, Settings};
use arshif::ui::fonts;
use arshif::ui::model::MeetingCard;
use arshif::ui::store_archive::StoreArchive;
use arshif::ui::worker::{StoreRunner, Worker};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;

fn samples() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = common::temp_db();
    let mut store = arshif::store::Store::open(&db).unwrap();
    arshif::import::import_samples(&mut store).unwrap();
    let ex = arshif::extract::Extractor::new(&Gazetteer::shipped());
    arshif::pipeline::extract_pending(&mut store, &ex, &mut |_, _| {}, &AtomicBool::new(false))
        .unwrap();
    (dir, db)
}

fn harness(db: &Path) -> Harness<'static, ArshifApp> {
    let worker = Worker::spawn(Box::new(StoreRunner::new(db.to_path_buf())), None);
    let app = ArshifApp::new(
        Box::new(StoreArchive::open(db).unwrap()),
        worker,
        Arc::new(|_| None),
        Settings {
            lang: UiLang::En,
            // Khaled Mazen's meetings only: every card in view.
            filter: arshif::query::Filter {
                officials: ["khaled_mazen".to_owned()].into_iter().collect(),
                ..Default::default()
            },
            ..Settings::default()
        },
    );
    let mut h = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(fonts::install)
        .with_max_steps(crate::common::SETTLE_STEPS)
        .build_ui_state(crate::common::show_settled, app);
    h.run();
    h
}

fn mazen_cards(h: &Harness<'_, ArshifApp>) -> Vec<MeetingCard> {
    h.state()
        .timeline()
        .cards
        .iter()
        .filter(|c| {
            c.date == chrono::NaiveDate::from_ymd_opt(2021, 4, 19)
                && c.libyan.iter().any(|p| p.name_en == "Khaled Mazen")
        })
        .cloned()
        .collect()
}

fn wait_for_summary(h: &mut Harness<'_, ArshifApp>) -> String {
    for _ in 0..3000 {
        h.step();
        if !h.state().busy()
            && let Some(s) = h.state().summary()
        {
            let line = s.headline.clone();
            h.run();
            return line;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the worker did not finish");
}

#[test]
fn the_card_counts_reports_the_reader_switches_and_the_menu_splits() {
    let (_dir, db) = samples();
    let mut h = harness(&db);
    let all = h.state().timeline().cards.len();
    let cards = mazen_cards(&h);
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].reports, 3);
    let label = "Meeting 2021-04-19 Tripoli: Khaled Mazen, Luciana Lamorgese";
    h.get_by_label(label).click();
    h.run();
    // The reader lists the three reports and switches to another one's article.
    // The card's head line and the reader's list heading.
    assert_eq!(h.query_all_by_label_contains("3 reports").count(), 2);
    h.get_by_label_contains("تزور طرابلس غداً الاثنين").click();
    h.run();
    let marked = h.get_by_label_contains("(shown)");
    let text = format!("{marked:?}");
    assert!(
        text.contains("2021-04-18 · وزيرة الداخلية الإيطالية تزور طرابلس"),
        "{text}"
    );
    // Right click: split the meeting into its three reports.
    h.get_by_label(label).click_secondary();
    h.run();
    h.get_by_label("Split into its reports").click();
    h.step();
    let done = wait_for_summary(&mut h);
    assert!(done.starts_with("Corrected"), "{done}");
    assert_eq!(mazen_cards(&h).len(), 3, "{:?}", mazen_cards(&h));
    assert_eq!(h.state().timeline().cards.len(), all + 2);
    // Ctrl+Z: one meeting again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    let undone = wait_for_summary(&mut h);
    assert!(undone.starts_with("Undone"), "{undone}");
    assert_eq!(mazen_cards(&h).len(), 1);
    assert_eq!(h.state().timeline().cards.len(), all);
}
