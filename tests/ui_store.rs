//! The app on a real archive file (a temporary one holding the seed article and one other), driven
//! through egui_kittest without a display: the timeline, facets and search come from `query`.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use arshif::ui::app::{ArshifApp, DialogFn, Settings};
use arshif::ui::store_archive::StoreArchive;
use arshif::ui::worker::{StoreRunner, Worker};
use arshif::ui::{demo, fonts};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A temporary archive with the seed (two meetings; undated: the text says only "today" and the
/// file carries no date) and the Sarraj–Merkel excerpt, extracted.
fn archive() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("000_3dc5a4347485e1da.txt"), demo::SEED_ARTICLE).unwrap();
    std::fs::write(
        src.join("022_ar.txt"),
        include_str!("../src/ui/demo/excerpt_022.txt"),
    )
    .unwrap();
    let db = dir.path().join("archive.sqlite");
    let mut store = arshif::store::Store::open(&db).unwrap();
    let no = AtomicBool::new(false);
    let r = arshif::import::import_paths(&mut store, &[src], &mut |_| {}, &no).unwrap();
    assert_eq!(r.imported, 2);
    let ex = arshif::extract::Extractor::new(&arshif::gazetteer::Gazetteer::shipped());
    arshif::pipeline::extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    (dir, db)
}

fn harness(db: &Path) -> Harness<'static, ArshifApp> {
    harness_with(db, Arc::new(|_| None))
}

fn harness_with(db: &Path, dialog: DialogFn) -> Harness<'static, ArshifApp> {
    let worker = Worker::spawn(
        Box::new(
            StoreRunner::new(db.to_path_buf(), Box::new(StoreArchive::open(db).unwrap()))
                .exporting_from_store(),
        ),
        None,
    );
    let app = ArshifApp::new(
        Box::new(StoreArchive::open(db).unwrap()),
        worker,
        dialog,
        Settings::default(),
    );
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(fonts::install)
        .build_ui_state(|ui, app: &mut ArshifApp| app.show(ui), app)
}

fn places_and_people(h: &Harness<'_, ArshifApp>) -> Vec<String> {
    h.state()
        .timeline()
        .cards
        .iter()
        .map(|c| {
            let mut names: Vec<&str> = c
                .libyan
                .iter()
                .chain(&c.european)
                .map(|p| p.name_en.as_str())
                .collect();
            names.sort();
            format!(
                "{} {}: {}",
                c.date
                    .map_or_else(|| "undated".to_owned(), |d| d.to_string()),
                c.place,
                names.join(", ")
            )
        })
        .collect()
}

#[test]
fn officials_filter_on_the_real_archive() {
    let (_dir, db) = archive();
    let mut h = harness(&db);
    h.run();
    let all = places_and_people(&h);
    assert!(all.len() >= 3, "{all:?}");
    h.get_by_label("Khaled Mazen").click();
    h.run();
    assert_eq!(
        places_and_people(&h),
        vec!["undated Tripoli: Khaled Mazen, Luciana Lamorgese"]
    );
    h.get_by_label("× Khaled Mazen").click();
    h.run();
    h.get_by_label("Luciana Lamorgese").click();
    h.run();
    let mut got = places_and_people(&h);
    got.sort();
    assert_eq!(
        got,
        vec![
            "undated Tripoli: Khaled Mazen, Luciana Lamorgese",
            "undated Tripoli: Luciana Lamorgese, Mohamed al-Menfi",
        ]
    );
}

#[test]
fn arabic_search_narrows_to_the_seed_and_the_reader_shows_it() {
    let (_dir, db) = archive();
    let mut h = harness(&db);
    h.run();
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("الهجرة");
    h.run();
    let mut got = places_and_people(&h);
    got.sort();
    assert_eq!(
        got,
        vec![
            "undated Tripoli: Khaled Mazen, Luciana Lamorgese",
            "undated Tripoli: Luciana Lamorgese, Mohamed al-Menfi",
        ]
    );
    h.key_press(egui::Key::Escape);
    h.run();
    h.state_mut().open_first();
    h.run();
    assert!(h.state().open_meeting().is_some());
}

#[test]
fn export_of_the_filtered_view_uses_the_library_writer() {
    let (dir, db) = archive();
    let out = dir.path().join("mazen.json");
    let target = out.clone();
    let dialog: DialogFn = Arc::new(move |_| {
        // A person takes a moment to choose; an instant "nothing" would mean "no dialog here".
        std::thread::sleep(std::time::Duration::from_millis(500));
        Some(vec![target.clone()])
    });
    let mut h = harness_with(&db, dialog);
    h.run();
    h.get_by_label("Khaled Mazen").click();
    h.run();
    h.get_by_label("Export…").click();
    for _ in 0..400 {
        h.step();
        if h.state().summary().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let summary = h
        .state()
        .summary()
        .expect("export finished")
        .headline
        .clone();
    assert!(
        summary.starts_with("1 meeting written as json"),
        "{summary}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let meetings = json.as_array().unwrap();
    assert_eq!(meetings.len(), 1);
    let text = meetings[0].to_string();
    assert!(
        text.contains("Khaled Mazen") && text.contains("Luciana Lamorgese"),
        "{text}"
    );
    assert!(!text.contains("Mohamed al-Menfi"), "{text}");
}
