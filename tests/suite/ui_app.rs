//! The app driven through egui_kittest without a display, on a temporary archive file holding the
//! seed article (imported and dated 2021-04-19 through the library): widgets are found by their
//! accessible names, clicked and typed into.
#![cfg(feature = "gui")]

use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use arshif::ui::app::{ArshifApp, DialogFn, Settings};
use arshif::ui::store_archive::StoreArchive;
use arshif::ui::worker::{DialogPurpose, StoreRunner, Worker};
use arshif::ui::{UiLang, fonts};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Imports `files` into a new archive in a temporary folder, finds their meetings and, when
/// given, dates the first one (`arshif set-date`), all through the library.
pub fn archive_of(
    files: &[PathBuf],
    date: Option<(i32, u32, u32)>,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    let mut store = arshif::store::Store::open(&db).unwrap();
    let no = AtomicBool::new(false);
    let r = arshif::import::import_paths(&mut store, files, &mut |_| {}, &no).unwrap();
    assert_eq!(r.imported, files.len(), "{r:?}");
    let ex = arshif::extract::Extractor::new(&arshif::gazetteer::Gazetteer::shipped());
    arshif::pipeline::extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    if let Some((y, m, d)) = date {
        let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        arshif::pipeline::set_article_date(
            &mut store,
            &ex,
            1,
            day,
            arshif::model::DatePrecision::Day,
        )
        .unwrap();
    }
    (dir, db)
}

/// The seed article in a temporary archive, dated 2021-04-19 (its two Tripoli meetings).
pub fn seed_archive() -> (tempfile::TempDir, PathBuf) {
    archive_of(&[crate::common::seed_path()], Some((2021, 4, 19)))
}

/// The app on the archive at `db` (its own read connection and worker), with `dialog`.
pub fn app_on(db: &Path, dialog: DialogFn, settings: Settings) -> ArshifApp {
    let worker = Worker::spawn(Box::new(StoreRunner::new(db.to_path_buf())), None);
    ArshifApp::new(
        Box::new(StoreArchive::open(db).unwrap()),
        worker,
        dialog,
        settings,
    )
}

pub fn harness(app: ArshifApp) -> Harness<'static, ArshifApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(fonts::install)
        .with_max_steps(crate::common::SETTLE_STEPS)
        .build_ui_state(crate::common::show_settled, app)
}

pub fn no_dialog() -> DialogFn {
    Arc::new(|_| None)
}

/// "2021-04-19 Tripoli: Khaled Mazen, Luciana Lamorgese" for each card, in timeline order.
pub fn cards(h: &Harness<'_, ArshifApp>) -> Vec<String> {
    h.state()
        .timeline()
        .cards
        .iter()
        .map(|c| {
            let names: Vec<&str> = c
                .libyan
                .iter()
                .chain(&c.european)
                .map(|p| p.name_en.as_str())
                .collect();
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

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// Steps the harness until `done` holds (worker threads report asynchronously); bounded.
pub fn step_until(h: &mut Harness<'_, ArshifApp>, done: impl Fn(&ArshifApp) -> bool) {
    for _ in 0..1000 {
        h.step();
        if done(h.state()) {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the app did not reach the expected state");
}

const MAZEN: &str = "2021-04-19 Tripoli: Khaled Mazen, Luciana Lamorgese";
const MENFI: &str = "2021-04-19 Tripoli: Mohamed al-Menfi, Luciana Lamorgese";

#[test]
fn starts_with_the_seeds_two_tripoli_meetings_in_april_2021() {
    let (_dir, db) = seed_archive();
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    assert_eq!(sorted(cards(&h)), vec![MAZEN, MENFI]);
    h.get_by_label("April 2021");
    h.get_by_label(&format!("Meeting {MAZEN}"));
    h.get_by_label(&format!("Meeting {MENFI}"));
    // The card's first line: date with its precision, place, kind, reports (singular).
    let count = |h: &Harness<'_, ArshifApp>, s: &str| h.query_all_by_label_contains(s).count();
    assert_eq!(count(&h, "19 April 2021 (day) · Tripoli · "), 2);
    assert_eq!(count(&h, " · 1 report"), 2);
    // The status bar counts what is there, in words that agree with the number.
    let line = h.state().status_line();
    assert!(line.starts_with("2 meetings of 2 · 1 article · "), "{line}");
}

#[test]
fn filtering_by_official() {
    let (_dir, db) = seed_archive();
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    h.get_by_label("Khaled Mazen").click();
    h.run();
    assert_eq!(cards(&h), vec![MAZEN]);
    // The removable chip clears it again.
    h.get_by_label("× Khaled Mazen").click();
    h.run();
    assert_eq!(cards(&h).len(), 2);
    h.get_by_label("Luciana Lamorgese").click();
    h.run();
    assert_eq!(sorted(cards(&h)), vec![MAZEN, MENFI]);
}

#[test]
fn typing_arabic_in_search_narrows_to_the_seed() {
    let (_dir, db) = archive_of(
        &[
            crate::common::seed_path(),
            crate::common::corpus().join("022_ar.txt"),
        ],
        Some((2021, 4, 19)),
    );
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    assert!(cards(&h).len() >= 3, "{:?}", cards(&h));
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("الهجرة");
    h.run();
    assert_eq!(h.state().settings.filter.text.as_deref(), Some("الهجرة"));
    assert_eq!(sorted(cards(&h)), vec![MAZEN, MENFI]);
}

#[test]
fn enter_opens_the_selected_meeting_and_escape_closes_it() {
    let (_dir, db) = seed_archive();
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let second = h.state().timeline().cards[1].id;
    assert_eq!(h.state().open_meeting(), Some(second));
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
    let (dir, db) = seed_archive();
    let a = crate::common::corpus().join("022_ar.txt");
    let b = dir.path().join("b.txt");
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
    let mut h = harness(app_on(&db, dialog, Settings::default()));
    h.run();
    h.get_by_label("Import…").click();
    step_until(&mut h, |app| app.summary().is_some());
    assert_eq!(*asked.lock().unwrap(), vec![DialogPurpose::Import]);
    let s = h.state().summary().unwrap();
    assert_eq!(
        s.headline,
        "1 article imported; 0 already in the archive, 1 failed, 0 skipped; 1 meeting found"
    );
    assert_eq!(
        s.headline_ar.as_deref(),
        Some("الاستيراد: جديدة 1 · موجودة في الأرشيف 0 · فشلت 1 · تُخطّيت 0 · لقاءات وُجدت: 1")
    );
    assert_eq!(s.problems.len(), 1);
    assert!(s.problems[0].contains("b.txt"), "{:?}", s.problems);
    // The timeline was queried again: the new meeting is on it.
    assert_eq!(h.state().timeline().cards.len(), 3, "{:?}", cards(&h));
    let store = arshif::store::Store::open(&db).unwrap();
    assert_eq!(store.count_articles().unwrap(), 2);
}

#[test]
fn missing_dialog_offers_a_typed_path() {
    let (_dir, db) = seed_archive();
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    step_until(&mut h, ArshifApp::dialog_unavailable);
    h.get_by_label("Typed path").focus();
    h.run();
    h.get_by_label("Typed path")
        .type_text(&crate::common::seed_path().display().to_string());
    h.run();
    h.get_by_label("Import this path").click();
    step_until(&mut h, |app| app.summary().is_some());
    assert_eq!(
        h.state().summary().unwrap().headline,
        "0 articles imported; 1 already in the archive, 0 failed, 0 skipped"
    );
    assert!(!h.state().dialog_unavailable());
}

#[test]
fn export_writes_the_filtered_view() {
    let (dir, db) = seed_archive();
    let out: PathBuf = dir.path().join("meetings.json");
    let target = out.clone();
    let dialog: DialogFn = Arc::new(move |_| {
        std::thread::sleep(std::time::Duration::from_millis(500));
        Some(vec![target.clone()])
    });
    let mut h = harness(app_on(&db, dialog, Settings::default()));
    h.run();
    h.get_by_label("Khaled Mazen").click();
    h.run();
    h.get_by_label("Export…").click();
    // The popup offers the formats by name; the file's `.json` picks JSON.
    h.run();
    h.get_by_label("Save…").click();
    step_until(&mut h, |app| app.summary().is_some());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{json}");
    let text = rows[0].to_string();
    assert!(text.contains("\"2021-04-19\""), "{text}");
    assert!(
        text.contains("Khaled Mazen") && text.contains("Luciana Lamorgese"),
        "{text}"
    );
    assert!(!text.contains("Mohamed al-Menfi"), "{text}");
}

#[test]
fn arabic_ui_shows_arabic_places_roles_and_counts() {
    // A missing glyph panics in kittest: the whole Arabic UI, with the reader open, must lay out.
    let (_dir, db) = seed_archive();
    let settings = Settings {
        lang: UiLang::Ar,
        ..Default::default()
    };
    let mut h = harness(app_on(&db, no_dialog(), settings));
    h.run();
    h.state_mut().open_first();
    h.run();
    assert!(h.state().open_meeting().is_some());
    h.get_by_label("عوامل التصفية");
    h.get_by_label("أبريل 2021");
    // The card's first line: Arabic date, «طرابلس», the kind and «تقرير واحد».
    let count = |h: &Harness<'_, ArshifApp>, s: &str| h.query_all_by_label_contains(s).count();
    assert_eq!(count(&h, "19 أبريل 2021 (يوم) · طرابلس · "), 2);
    assert_eq!(count(&h, " · تقرير واحد"), 2);
    // Participants with Arabic roles and countries (from the gazetteer), not English ones.
    let lamorgese = "الجانب الأوروبي: لوتشانا لامورجيزي (\u{2068}Luciana Lamorgese\u{2069}) — وزيرة الداخلية الإيطالية، إيطاليا";
    assert_eq!(count(&h, lamorgese), 2);
    let mazen = "الجانب الليبي: خالد مازن (\u{2068}Khaled Mazen\u{2069}) — وزير الداخلية بحكومة الوحدة الوطنية، ليبيا";
    assert_eq!(count(&h, mazen), 1);
    assert_eq!(count(&h, "Minister"), 0, "no English role in the Arabic UI");
    // The status bar in Arabic, with the dual.
    let line = h.state().status_line();
    assert!(line.starts_with("لقاءان من 2 · مقال واحد · "), "{line}");
    // Facet labels in Arabic (those facets start collapsed): countries, places, kinds.
    use arshif::ui::model::Facet;
    let facets = &h.state().timeline().facets;
    assert_eq!(facets.label(Facet::Countries, "IT", true), "إيطاليا");
    assert_eq!(facets.label(Facet::Countries, "LY", true), "ليبيا");
    assert_eq!(facets.label(Facet::Countries, "IT", false), "Italy");
    assert_eq!(facets.label(Facet::Places, "tripoli", true), "طرابلس");
    let kinds: Vec<&str> = facets
        .of(Facet::Kinds)
        .iter()
        .map(|(k, _)| facets.label(Facet::Kinds, k, true))
        .collect();
    assert!(
        !kinds.is_empty() && kinds.iter().all(|k| arshif::ui::bidi::has_rtl(k)),
        "{kinds:?}"
    );
}

#[test]
fn ten_thousand_meetings_lay_out_only_the_visible_cards() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.sqlite");
    arshif::devtools::generate::archive(&db, 10_000).unwrap();
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    // The first page is loaded, the count is of all of them.
    let page = arshif::ui::store_archive::PAGE_SIZE;
    assert_eq!(h.state().timeline().cards.len(), page);
    assert_eq!(h.state().timeline().matching, 10_000);
    // Virtualised: only the cards in the viewport exist as widgets.
    let visible = h.query_all_by_label_contains("Meeting ").count();
    assert!((1..=12).contains(&visible), "{visible} cards laid out");
    // The keyboard moves through the timeline and scrolls the selected card into view.
    for _ in 0..40 {
        h.key_press(egui::Key::ArrowDown);
        h.step();
    }
    h.run();
    let card = h.state().timeline().cards[40].clone();
    let names: Vec<&str> = card
        .libyan
        .iter()
        .chain(&card.european)
        .map(|p| p.name_en.as_str())
        .collect();
    let date = arshif::export::labels::date_text(card.date, Some(card.precision));
    let date = if date.is_empty() {
        "Undated".to_owned()
    } else {
        date
    };
    h.get_by_label(&format!(
        "Meeting {date} {}: {}",
        card.place,
        names.join(", ")
    ));
}

/// An archive with nothing in it says what to do, instead of "no meeting matches this filter".
#[test]
fn an_empty_archive_says_to_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("empty.sqlite");
    drop(arshif::store::Store::open(&db).unwrap());
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    assert!(
        h.query_by_label("No meetings yet: import articles (Import…, Ctrl+I, or drop files here).")
            .is_some()
    );
    assert!(
        h.query_by_label("No meeting matches this filter.")
            .is_none()
    );
}

/// The "done when": the dev corpus folder, chosen in the Import dialog, imports off the UI
/// thread with a progress bar and a Cancel button, then the summary and the timeline show it.
#[test]
fn the_dev_corpus_folder_imports_through_the_dialog_with_progress() {
    let (_dir, db) = seed_archive();
    let folder = crate::common::corpus();
    let dialog: DialogFn = Arc::new(move |p| {
        std::thread::sleep(std::time::Duration::from_millis(500));
        (p == DialogPurpose::Import).then(|| vec![folder.clone()])
    });
    let mut h = harness(app_on(&db, dialog, Settings::default()));
    h.run();
    h.get_by_label("Import…").click();
    let mut saw_progress = false;
    for _ in 0..3000 {
        h.step();
        saw_progress |=
            h.query_by_label("Cancel").is_some() && h.query_by_label_contains("Import: ").is_some();
        if h.state().summary().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
    assert!(saw_progress, "no progress bar with Cancel while importing");
    let s = h.state().summary().expect("the import finished");
    assert!(
        s.headline
            .starts_with("25 articles imported; 1 already in the archive, 0 failed, 0 skipped; "),
        "{}",
        s.headline
    );
    // One card per meeting: 28 meeting rows, 22 meetings once reports of one are grouped.
    assert_eq!(h.state().timeline().cards.len(), 22, "{:?}", cards(&h));
}
