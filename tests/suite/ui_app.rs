//! The app driven through egui_kittest without a display: widgets are found by their accessible
//! names, clicked and typed into; the app runs on the DEMO archive (the seed's two meetings and two
//! other dev-corpus meetings) until the store lands.
#![cfg(feature = "gui")]

use eframe::egui;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use arshif::ui::app::{ArshifApp, DialogFn, Settings};
use arshif::ui::demo::DemoArchive;
use arshif::ui::worker::{DialogPurpose, StoreRunner, Worker};
use arshif::ui::{UiLang, fonts};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The app on the demo timeline, importing into a fresh archive file in a temporary folder
/// (returned so it lives as long as the test).
fn app_with(dialog: DialogFn, settings: Settings) -> ArshifApp {
    let db = DB.with(|d| d.path().join("archive.sqlite"));
    let worker = Worker::spawn(
        Box::new(StoreRunner::new(db, Box::new(DemoArchive::seed()))),
        None,
    );
    ArshifApp::new(Box::new(DemoArchive::seed()), worker, dialog, settings)
}

thread_local! {
    /// One temporary archive folder per test thread (each test runs on its own thread).
    static DB: tempfile::TempDir = tempfile::tempdir().expect("temporary folder");
}

fn harness(app: ArshifApp) -> Harness<'static, ArshifApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(fonts::install)
        .build_ui_state(|ui, app: &mut ArshifApp| app.show(ui), app)
}

fn no_dialog() -> DialogFn {
    Arc::new(|_| None)
}

fn shown_ids(h: &Harness<'_, ArshifApp>) -> Vec<u64> {
    h.state().timeline().cards.iter().map(|c| c.id).collect()
}

/// Steps the harness until `done` holds (worker threads report asynchronously); bounded.
fn step_until(h: &mut Harness<'_, ArshifApp>, done: impl Fn(&ArshifApp) -> bool) {
    for _ in 0..400 {
        h.step();
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the app did not reach the expected state");
}

#[test]
fn starts_with_the_demo_timeline_newest_first() {
    let mut h = harness(app_with(no_dialog(), Settings::default()));
    h.run();
    assert_eq!(shown_ids(&h), vec![3, 1, 2, 4]);
    // Cards are found by their accessible names (logical order text).
    h.get_by_label("Meeting 2021-04-19 Tripoli: Khaled Mazen, Luciana Lamorgese");
    h.get_by_label("Meeting 2021-04-19 Tripoli: Mohamed al-Menfi, Luciana Lamorgese");
}

#[test]
fn filtering_by_official() {
    let mut h = harness(app_with(no_dialog(), Settings::default()));
    h.run();
    h.get_by_label("Khaled Mazen").click();
    h.run();
    assert_eq!(shown_ids(&h), vec![1]);
    // The removable chip clears it again.
    h.get_by_label("× Khaled Mazen").click();
    h.run();
    assert_eq!(shown_ids(&h).len(), 4);
    h.get_by_label("Luciana Lamorgese").click();
    h.run();
    assert_eq!(shown_ids(&h), vec![1, 2]);
}

#[test]
fn typing_arabic_in_search_narrows_to_the_seed() {
    let mut h = harness(app_with(no_dialog(), Settings::default()));
    h.run();
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("الهجرة");
    h.run();
    assert_eq!(h.state().settings.filter.text, "الهجرة");
    assert_eq!(shown_ids(&h), vec![1, 2]);
}

#[test]
fn enter_opens_the_selected_meeting_and_escape_closes_it() {
    let mut h = harness(app_with(no_dialog(), Settings::default()));
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().open_meeting(), Some(1));
    // The reader shows the seed's headline (accessible name = stored, logical-order text).
    h.get_by_label(
        "مباحثات بين داخلية ليبيا وإيطاليا لدعم العلاقات الأمنية ومكافحة الهجرة غير الشرعية",
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().open_meeting(), None);
}

#[test]
fn import_through_the_dialog_code_path() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, arshif::ui::demo::SEED_ARTICLE).unwrap();
    std::fs::write(&b, "").unwrap();
    let asked: Arc<Mutex<Vec<DialogPurpose>>> = Arc::default();
    let asked2 = Arc::clone(&asked);
    let chosen = vec![a.clone(), b.clone()];
    let dialog: DialogFn = Arc::new(move |p| {
        asked2.lock().unwrap().push(p);
        // A person takes a while to choose; returning at once would read as "no dialog".
        std::thread::sleep(std::time::Duration::from_millis(500));
        Some(chosen.clone())
    });
    let mut h = harness(app_with(dialog, Settings::default()));
    h.run();
    h.get_by_label("Import…").click();
    step_until(&mut h, |app| app.summary().is_some());
    assert_eq!(*asked.lock().unwrap(), vec![DialogPurpose::Import]);
    let s = h.state().summary().unwrap();
    assert_eq!(
        s.headline,
        "Imported 1 new articles; 0 already in the archive, 1 failed, 0 skipped; 2 meetings found"
    );
    assert_eq!(s.problems.len(), 1);
    assert!(s.problems[0].contains("b.txt"), "{:?}", s.problems);
    // The article is in the archive file, as stored (logical order).
    let store = arshif::store::Store::open(DB.with(|d| d.path().join("archive.sqlite"))).unwrap();
    assert_eq!(store.count_articles().unwrap(), 1);
    let article = store.article(1).unwrap().unwrap();
    assert_eq!(
        article.headline,
        "مباحثات بين داخلية ليبيا وإيطاليا لدعم العلاقات الأمنية ومكافحة الهجرة غير الشرعية"
    );
}

#[test]
fn missing_dialog_offers_a_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, arshif::ui::demo::SEED_ARTICLE).unwrap();
    let mut h = harness(app_with(no_dialog(), Settings::default()));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    step_until(&mut h, ArshifApp::dialog_unavailable);
    h.get_by_label("Typed path").focus();
    h.run();
    h.get_by_label("Typed path")
        .type_text(&a.display().to_string());
    h.run();
    h.get_by_label("Import this path").click();
    step_until(&mut h, |app| app.summary().is_some());
    assert_eq!(
        h.state().summary().unwrap().headline,
        "Imported 1 new articles; 0 already in the archive, 0 failed, 0 skipped; 2 meetings found"
    );
    assert!(!h.state().dialog_unavailable());
}

#[test]
fn export_writes_the_filtered_view() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("meetings.csv");
    let target = out.clone();
    let dialog: DialogFn = Arc::new(move |_| {
        std::thread::sleep(std::time::Duration::from_millis(500));
        Some(vec![target.clone()])
    });
    let mut h = harness(app_with(dialog, Settings::default()));
    h.run();
    h.get_by_label("Khaled Mazen").click();
    h.run();
    h.get_by_label("Export…").click();
    step_until(&mut h, |app| app.summary().is_some());
    let csv = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert_eq!(
        lines[1],
        "2021-04-19,day,Tripoli,meeting,\"Khaled Mazen (Minister of Interior, Libya)\",\
         \"Luciana Lamorgese (Minister of the Interior, Italy)\",\
         illegal migration; terrorism; human trafficking; security agreements; coast guard; training,1"
    );
}

#[test]
fn arabic_ui_lays_out_without_missing_glyphs() {
    // A missing glyph panics in kittest: the whole Arabic UI, with the reader open, must lay out.
    let settings = Settings {
        lang: UiLang::Ar,
        ..Default::default()
    };
    let mut h = harness(app_with(no_dialog(), settings));
    h.run();
    h.state_mut().open_first();
    h.run();
    assert_eq!(h.state().open_meeting(), Some(3));
    h.get_by_label("عوامل التصفية");
    h.get_by_label("Najla Mangoush");
}

#[test]
fn a_hundred_thousand_meetings_lay_out_only_the_visible_cards() {
    let worker = Worker::spawn(
        Box::new(StoreRunner::new(
            DB.with(|d| d.path().join("archive.sqlite")),
            Box::new(DemoArchive::seed()),
        )),
        None,
    );
    let app = ArshifApp::new(
        Box::new(DemoArchive::with_copies(25_000)),
        worker,
        no_dialog(),
        Settings::default(),
    );
    let mut h = harness(app);
    h.run();
    assert_eq!(h.state().timeline().cards.len(), 100_000);
    // Virtualised: only the cards in the viewport exist as widgets.
    let visible = h.query_all_by_label_contains("Meeting ").count();
    assert!((1..=12).contains(&visible), "{visible} cards laid out");
    // The keyboard moves through the timeline and scrolls the selected card into view.
    for _ in 0..40 {
        h.key_press(egui::Key::ArrowDown);
        h.step();
    }
    h.run();
    let cursor_card = h.state().timeline().cards[40].clone();
    let names: Vec<&str> = cursor_card
        .libyan
        .iter()
        .chain(&cursor_card.european)
        .map(|p| p.name_en.as_str())
        .collect();
    let label = format!(
        "Meeting {} {}: {}",
        cursor_card.date.unwrap(),
        cursor_card.place,
        names.join(", ")
    );
    h.get_by_label(&label);
}
