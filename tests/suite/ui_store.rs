//! The app on a real archive file (a temporary one holding the seed article and one other), driven
//! through egui_kittest without a display: the timeline, facets and search come from `query`.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use arshif::ui::app::{ArshifApp, DialogFn, Settings};
use arshif::ui::fonts;
use arshif::ui::store_archive::StoreArchive;
use arshif::ui::worker::{DialogPurpose, StoreRunner, Worker};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A temporary archive with the seed (two meetings; undated: the text says only "today" and the
/// file carries no date) and the Sarraj–Merkel excerpt, extracted.
fn archive() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    std::fs::create_dir(&src).unwrap();
    for f in [
        crate::common::seed_path(),
        crate::common::corpus().join("022_ar.txt"),
    ] {
        std::fs::copy(&f, src.join(f.file_name().unwrap())).unwrap();
    }
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
    let worker = Worker::spawn(Box::new(StoreRunner::new(db.to_path_buf())), None);
    let app = ArshifApp::new(
        Box::new(StoreArchive::open(db).unwrap()),
        worker,
        dialog,
        Settings::default(),
    )
    .with_opener(arshif::ui::store_opener(None), db.to_path_buf());
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(fonts::install)
        .with_max_steps(crate::common::SETTLE_STEPS)
        .build_ui_state(crate::common::show_settled, app)
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
    // The popup offers the formats by name; the file's `.json` picks JSON.
    h.run();
    h.get_by_label("Save…").click();
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

/// Steps the harness until the worker's job finished and its summary is shown; bounded.
fn wait_for_summary(h: &mut Harness<'_, ArshifApp>) -> String {
    for _ in 0..1000 {
        h.step();
        if !h.state().busy()
            && let Some(s) = h.state().summary()
        {
            let line = s.headline.clone();
            assert!(s.problems.is_empty(), "{line}: {:?}", s.problems);
            h.run();
            return line;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the worker did not finish");
}

/// Steps the harness until no job runs (the catch-up after opening an archive that needs none
/// finishes quietly); bounded.
fn wait_idle(h: &mut Harness<'_, ArshifApp>) {
    for _ in 0..1000 {
        h.step();
        if !h.state().busy() {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the worker did not finish");
}

/// The date of the seed's al-Menfi–Lamorgese meeting as the timeline shows it.
fn menfi_date(h: &Harness<'_, ArshifApp>) -> Option<String> {
    let cards: Vec<_> = h
        .state()
        .timeline()
        .cards
        .iter()
        .filter(|c| c.libyan.iter().any(|p| p.name_en == "Mohamed al-Menfi"))
        .collect();
    assert_eq!(cards.len(), 1, "{:?}", places_and_people(h));
    cards[0].date.map(|d| d.to_string())
}

#[test]
fn undo_restores_an_edited_meeting() {
    let (_dir, db) = archive();
    let mut h = harness(&db);
    h.run();
    assert_eq!(menfi_date(&h), None);
    h.get_by_label("Meeting Undated Tripoli: Mohamed al-Menfi, Luciana Lamorgese")
        .click();
    h.run();
    h.get_by_label("Meeting date").focus();
    h.run();
    // Any date Arshif reads: an Arabic month name.
    h.get_by_label("Meeting date").type_text("20 أبريل 2021");
    h.run();
    h.get_by_label("Set date").click();
    let done = wait_for_summary(&mut h);
    assert_eq!(done, "Corrected: the meeting's date: 2021-04-20");
    assert_eq!(menfi_date(&h).as_deref(), Some("2021-04-20"));
    // On its card.
    h.get_by_label("Meeting 2021-04-20 Tripoli: Mohamed al-Menfi, Luciana Lamorgese");

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    let done = wait_for_summary(&mut h);
    assert_eq!(done, "Undone: the meeting's date: 2021-04-20");
    assert_eq!(menfi_date(&h), None);
    h.get_by_label("Meeting Undated Tripoli: Mohamed al-Menfi, Luciana Lamorgese");

    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    let done = wait_for_summary(&mut h);
    assert_eq!(done, "Redone: the meeting's date: 2021-04-20");
    assert_eq!(menfi_date(&h).as_deref(), Some("2021-04-20"));

    // The log is in the archive: a fresh connection sees the edit.
    let store = arshif::store::Store::open(&db).unwrap();
    let history = arshif::edits::history(&store).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].state, "active");
}

#[test]
fn not_a_meeting_and_removing_a_participant() {
    let (_dir, db) = archive();
    let mut h = harness(&db);
    h.run();
    h.get_by_label("Meeting Undated Tripoli: Khaled Mazen, Luciana Lamorgese")
        .click_accesskit();
    h.run();
    h.get_by_label("Participants").click();
    h.run();
    h.get_by_label("Remove Khaled Mazen").click();
    assert_eq!(
        wait_for_summary(&mut h),
        "Corrected: participant Khaled Mazen removed"
    );
    let mut got = places_and_people(&h);
    got.sort();
    assert!(
        got.contains(&"undated Tripoli: Luciana Lamorgese".to_owned()),
        "{got:?}"
    );
    h.get_by_label("Not a Libyan–European meeting").click();
    assert_eq!(
        wait_for_summary(&mut h),
        "Corrected: not a Libyan–European meeting"
    );
    let got = places_and_people(&h);
    assert!(
        !got.contains(&"undated Tripoli: Luciana Lamorgese".to_owned()),
        "{got:?}"
    );
    assert_eq!(
        h.state().open_meeting(),
        None,
        "the hidden meeting left the reader"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    wait_for_summary(&mut h);
    assert!(
        places_and_people(&h).contains(&"undated Tripoli: Luciana Lamorgese".to_owned()),
        "undo brings the meeting back"
    );
}

#[test]
fn setting_the_article_date_moves_the_seed_into_april_2021() {
    let (_dir, db) = archive();
    let mut h = harness(&db);
    h.run();
    h.get_by_label("Meeting Undated Tripoli: Mohamed al-Menfi, Luciana Lamorgese")
        .click();
    h.run();
    h.get_by_label("Article date").focus();
    h.run();
    h.get_by_label("Article date").type_text("2021-04-19");
    h.run();
    h.get_by_label("Set article date…").click();
    let done = wait_for_summary(&mut h);
    assert!(done.starts_with("Dated: article #"), "{done}");
    assert!(done.ends_with(" published 2021-04-19"), "{done}");
    let mut got = places_and_people(&h);
    got.sort();
    let seed: Vec<&String> = got.iter().filter(|r| r.contains("Lamorgese")).collect();
    assert_eq!(
        seed,
        vec![
            "2021-04-19 Tripoli: Khaled Mazen, Luciana Lamorgese",
            "2021-04-19 Tripoli: Luciana Lamorgese, Mohamed al-Menfi",
        ]
    );
    // The timeline groups them under April 2021.
    h.get_by_label("April 2021");
}

#[test]
fn file_menu_creates_an_archive_and_reopens_a_recent_one() {
    let (dir, db) = archive();
    let fresh = dir.path().join("fresh.sqlite");
    let target = fresh.clone();
    let dialog: DialogFn = Arc::new(move |purpose| {
        // A person takes a moment to choose; an instant "nothing" would mean "no dialog here".
        std::thread::sleep(std::time::Duration::from_millis(500));
        (purpose == DialogPurpose::NewArchive).then(|| vec![target.clone()])
    });
    let mut h = harness_with(&db, dialog);
    h.run();
    assert!(places_and_people(&h).len() >= 3);
    assert_eq!(h.state().settings.recent, vec![db.clone()]);

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("New archive…").click();
    // The new archive is empty: the catch-up finds nothing to do and says nothing.
    for _ in 0..1000 {
        h.step();
        if h.state().archive_path() == Some(fresh.as_path()) && !h.state().busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    assert!(h.state().summary().is_none());
    assert!(fresh.is_file(), "the new archive file exists");
    assert_eq!(h.state().archive_path(), Some(fresh.as_path()));
    assert_eq!(places_and_people(&h), Vec::<String>::new());
    assert_eq!(h.state().timeline().total, 0);
    assert_eq!(h.state().settings.recent, vec![fresh.clone(), db.clone()]);

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Recent archives").click();
    h.run();
    h.get_by_label(&db.display().to_string()).click();
    wait_idle(&mut h);
    assert_eq!(h.state().archive_path(), Some(db.as_path()));
    let mut got = places_and_people(&h);
    got.sort();
    assert!(
        got.contains(&"undated Tripoli: Luciana Lamorgese, Mohamed al-Menfi".to_owned()),
        "{got:?}"
    );
    assert_eq!(h.state().settings.recent, vec![db.clone(), fresh.clone()]);
}

#[test]
fn open_archive_by_typed_path_when_no_dialog_can_be_shown() {
    let (dir, db) = archive();
    let other = dir.path().join("other.sqlite");
    drop(arshif::store::Store::open(&other).unwrap());
    let mut h = harness_with(&db, Arc::new(|_| None));
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open archive…").click();
    for _ in 0..400 {
        h.step();
        if h.state().dialog_unavailable() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(h.state().dialog_unavailable());
    h.run();
    // A path with no archive is refused and the current archive stays open.
    let missing = dir.path().join("missing.sqlite");
    h.get_by_label("Typed path").focus();
    h.run();
    h.get_by_label("Typed path")
        .type_text(&missing.display().to_string());
    h.run();
    h.get_by_label("Open this archive").click();
    h.run();
    h.get_by_label(&format!(
        "{}: there is no archive file there",
        missing.display()
    ));
    assert_eq!(h.state().archive_path(), Some(db.as_path()));
    assert!(!missing.exists());

    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open archive…").click();
    for _ in 0..400 {
        h.step();
        if h.state().dialog_unavailable() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run();
    h.get_by_label("Typed path").focus();
    h.run();
    h.get_by_label("Typed path")
        .type_text(&format!("{}", other.display()));
    h.run();
    h.get_by_label("Open this archive").click();
    wait_idle(&mut h);
    assert_eq!(h.state().archive_path(), Some(other.as_path()));
    assert_eq!(h.state().timeline().total, 0);
}

#[test]
fn arabic_ui_corrects_a_date_typed_with_arabic_indic_digits() {
    let (_dir, db) = archive();
    let mut h = harness(&db);
    h.state_mut().settings.lang = arshif::ui::UiLang::Ar;
    h.run();
    h.state_mut().open_first();
    h.run();
    let open = h.state().open_meeting().expect("a meeting is open");
    h.get_by_label("Meeting date").focus();
    h.run();
    h.get_by_label("Meeting date").type_text("٢٠ أبريل ٢٠٢١");
    h.run();
    h.get_by_label("تعيين التاريخ").click();
    // The status line is in the UI language.
    assert_eq!(wait_for_summary(&mut h), "صُحّح: تاريخ اللقاء: 2021-04-20");
    let card = h
        .state()
        .timeline()
        .cards
        .iter()
        .find(|c| c.id == open)
        .expect("the corrected meeting is still shown")
        .clone();
    assert_eq!(
        card.date.map(|d| d.to_string()).as_deref(),
        Some("2021-04-20")
    );
    h.get_by_label("تراجع").click();
    assert_eq!(
        wait_for_summary(&mut h),
        "تم التراجع: تاريخ اللقاء: 2021-04-20"
    );
    let card = h
        .state()
        .timeline()
        .cards
        .iter()
        .find(|c| c.id == open)
        .unwrap()
        .clone();
    assert_eq!(card.date, None);
}

/// Opening is done on the reads thread: a file that is not an archive gives the error naming
/// it, and the archive open before comes back (with its meetings), out of Recent archives.
#[test]
fn opening_a_file_that_is_not_an_archive_reopens_the_one_before() {
    let (dir, db) = archive();
    let junk = dir.path().join("notes.sqlite");
    std::fs::write(&junk, "these are my notes, not an archive\n".repeat(200)).unwrap();
    let target = junk.clone();
    let dialog: DialogFn = Arc::new(move |purpose| {
        std::thread::sleep(std::time::Duration::from_millis(300));
        (purpose == DialogPurpose::OpenArchive).then(|| vec![target.clone()])
    });
    let mut h = harness_with(&db, dialog);
    h.run();
    assert!(places_and_people(&h).len() >= 3);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open archive…").click();
    let mut error = None;
    for _ in 0..1000 {
        h.step();
        if let Some(e) = h.state().error() {
            error = Some(e.to_owned());
            let back = h.state().archive_path() == Some(db.as_path());
            if back && !h.state().loading() && !h.state().busy() {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    h.run();
    let error = error.expect("the failed open is reported");
    assert!(
        error.contains(&junk.display().to_string()),
        "the error names the file: {error}"
    );
    assert_eq!(h.state().archive_path(), Some(db.as_path()));
    assert_eq!(h.state().settings.recent, vec![db.clone()]);
    let got = places_and_people(&h);
    assert!(
        got.contains(&"undated Tripoli: Luciana Lamorgese, Mohamed al-Menfi".to_owned()),
        "{got:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&junk).unwrap().len(),
        35 * 200,
        "the file is left as it was"
    );
    // The error stays after the timeline came back, until the user dismisses it.
    assert_eq!(h.state().error(), Some(error.as_str()));
    h.get_by_label("Dismiss").click();
    h.run();
    assert_eq!(h.state().error(), None);
}
