//! One writer (issue 13): the app's worker and its inbox folder write through one connection
//! ([`Writer`]) and take turns, so the extraction catch-up runs once; another process holding the
//! archive's lock makes a job wait and say so, then run, never fail with "database is locked".
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use arshif::inbox::{Inbox, InboxBatch, InboxEvent, InboxOptions};
use arshif::ui::worker::{Event, Job, StoreRunner, Summary, Worker, Writer};

use crate::common;

/// The first `n` articles of the dev corpus, sorted by name.
fn dev_articles(n: usize) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.truncate(n);
    assert_eq!(files.len(), n, "the dev corpus has {n} articles");
    files
}

/// Meetings stored in the archive at `db`.
fn meetings(db: &Path) -> i64 {
    let store = arshif::store::Store::open(db).unwrap();
    common::sql(&store)
        .query_row("SELECT count(*) FROM meetings", [], |r| r.get(0))
        .unwrap()
}

/// An archive holding `files`, imported but not yet read for meetings.
fn pending_archive(files: &[PathBuf]) -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = common::temp_db();
    let mut store = arshif::store::Store::open(&db).unwrap();
    let no = AtomicBool::new(false);
    let r = arshif::import::import_paths(&mut store, files, &mut |_| {}, &no).unwrap();
    assert_eq!(r.imported, files.len());
    (dir, db)
}

/// The inbox folder `dir` watched through `writer` (scanned at start, settled after 100 ms), and
/// the channel its events arrive on.
fn start_inbox(dir: &Path, writer: &Writer) -> (Inbox, crossbeam_channel::Receiver<InboxEvent>) {
    let (tx, rx) = crossbeam_channel::unbounded();
    let inbox = Inbox::start(
        dir,
        writer.clone(),
        InboxOptions {
            settle: Duration::from_millis(100),
            scan_at_start: true,
        },
        move |e| {
            let _ = tx.send(e);
        },
    )
    .unwrap();
    (inbox, rx)
}

fn finished(events: &[Event]) -> Summary {
    match events.last() {
        Some(Event::Finished(s)) => s.clone(),
        other => panic!("the job did not finish: {other:?}"),
    }
}

fn started(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Started { what, .. } => Some(what.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_inbox_and_the_worker_take_turns_on_one_writer_and_the_catch_up_runs_once() {
    let files = dev_articles(9);
    // What one extraction of all nine finds.
    let (_r, reference) = pending_archive(&files);
    {
        let mut store = arshif::store::Store::open(&reference).unwrap();
        let x = arshif::extract::Extractor::new(&arshif::gazetteer::Gazetteer::shipped());
        let no = AtomicBool::new(false);
        arshif::pipeline::extract_pending(&mut store, &x, &mut |_, _| {}, &no).unwrap();
    }
    let once = meetings(&reference);
    assert!(once >= 8, "the nine dev articles hold meetings: {once}");

    // Eight articles wait for the catch-up; the ninth lands in the inbox folder.
    let (_d, db) = pending_archive(&files[..8]);
    let inbox_dir = tempfile::tempdir().unwrap();
    std::fs::copy(&files[8], inbox_dir.path().join("ninth.txt")).unwrap();

    let runner = StoreRunner::new(db.clone());
    let writer = Writer::for_archive(&db);
    assert!(
        runner.writer().same(&writer),
        "the worker and the inbox share one writer"
    );
    // Someone holds the writer: both the catch-up and the inbox's startup batch queue behind it.
    let held = writer.turn();
    let mut worker = Worker::spawn(Box::new(runner), None);
    assert!(worker.submit(Job::Extract));
    let (inbox, rx) = start_inbox(inbox_dir.path(), &writer);
    std::thread::sleep(Duration::from_millis(800));
    assert!(rx.try_recv().is_err(), "the inbox waits for the writer");
    drop(held);

    let events = worker.wait(Duration::from_secs(120));
    assert_eq!(
        started(&events).first().map(String::as_str),
        Some("Waiting for the inbox folder's import…")
    );
    let catch_up = finished(&events);
    assert!(catch_up.error.is_none(), "{catch_up:?}");
    let (found_by_worker, read_by_worker) = catch_up.found.expect("the catch-up's counts");
    let batch: InboxBatch = match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(InboxEvent::Batch(b)) => b,
        other => panic!("no inbox batch: {other:?}"),
    };
    drop(inbox);
    assert_eq!(batch.report.imported, 1);
    assert_eq!(batch.extract_error, None);
    // Each article was read once: by the catch-up or by the inbox's import, never by both.
    assert!(
        read_by_worker == 8 || read_by_worker == 9,
        "{read_by_worker}"
    );
    assert_eq!(found_by_worker as i64 + batch.meetings_found as i64, once);
    assert_eq!(meetings(&db), once);
}

#[test]
fn a_job_waits_for_another_process_lock_says_so_and_then_runs() {
    let files = dev_articles(2);
    let (_d, db) = pending_archive(&files[..1]);
    // "Another Arshif": its own connection holding the write lock past the busy timeout.
    let other = arshif::store::Store::open(&db).unwrap();
    other.begin_immediate().unwrap();
    let mut worker = Worker::spawn(Box::new(StoreRunner::new(db.clone())), None);
    assert!(worker.submit(Job::Import {
        paths: vec![files[1].clone()]
    }));
    let t0 = Instant::now();
    // Held for 3 s: within the store's busy timeout, so SQLite waits and the store tells the
    // worker, which says so in the status bar (a lock held past the timeout is retried, below).
    let held = Duration::from_secs(3);
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(held);
        other.rollback().unwrap();
    });
    let events = worker.wait(Duration::from_secs(120));
    releaser.join().unwrap();
    assert!(t0.elapsed() > held);
    assert!(
        started(&events)
            .iter()
            .any(|w| w == "Another Arshif is writing to this archive; waiting…"),
        "{:?}",
        started(&events)
    );
    let s = finished(&events);
    assert!(s.error.is_none(), "{s:?}");
    assert!(
        s.headline
            .starts_with("1 article imported; 0 already in the archive, 0 failed"),
        "{}",
        s.headline
    );
    let store = arshif::store::Store::open(&db).unwrap();
    assert_eq!(store.count_articles().unwrap(), 2);
}

#[test]
fn a_folder_that_cannot_be_written_makes_the_archive_read_only_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    drop(arshif::store::Store::open(&db).unwrap());
    assert_eq!(arshif::ui::read_only_reason(&db), None);
    let probes = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with(".arshif-write-check")
        })
        .count();
    assert_eq!(probes, 0, "the probe file is removed");
    // sysfs takes no new files, not even from root.
    let why = arshif::ui::read_only_reason(Path::new("/sys/archive.sqlite")).unwrap();
    assert!(
        why.starts_with("the folder /sys cannot be written"),
        "{why}"
    );
}

/// An archive open read-only: a banner says why; Import (button, Ctrl+I, a drop), corrections
/// and the inbox folder are refused with the reason; Export still works.
#[test]
fn read_only_refuses_writes_with_the_reason_and_still_exports() {
    use arshif::ui::app::Settings;
    use eframe::egui;
    use egui_kittest::kittest::Queryable;

    let (_dir, db) = crate::ui_app::seed_archive();
    let mut app = crate::ui_app::app_on(&db, crate::ui_app::no_dialog(), Settings::default());
    app.set_read_only(Some("the folder /media/cd cannot be written".into()));
    let mut h = crate::ui_app::harness(app);
    h.run();
    let reason = "The archive is open read-only: the folder /media/cd cannot be written";
    h.get_by_label(reason);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    h.run();
    assert_eq!(h.state().refused().as_deref(), Some(reason));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().refused().as_deref(), Some(reason));
    h.state_mut().set_inbox(Some(std::env::temp_dir()));
    assert_eq!(h.state().settings.inbox, None);
    assert!(!h.state().busy(), "nothing started");
    // Export is a read: its popup opens.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label("Save…");
}

/// An inbox batch waiting for the writer (a long import holds it) gives up when watching stops:
/// the window, which stops the watcher when the folder changes, does not wait for the import.
#[test]
fn stopping_the_inbox_while_it_waits_for_the_writer_returns_at_once_and_says_nothing() {
    let (_d, db) = common::temp_db();
    drop(arshif::store::Store::open(&db).unwrap());
    let inbox_dir = tempfile::tempdir().unwrap();
    std::fs::copy(common::seed_path(), inbox_dir.path().join("seed.txt")).unwrap();
    let writer = Writer::for_archive(&db);
    let held = writer.turn();
    let (inbox, rx) = start_inbox(inbox_dir.path(), &writer);
    // The startup batch has settled and waits for the writer.
    std::thread::sleep(Duration::from_millis(800));
    let t0 = Instant::now();
    drop(inbox);
    assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
    drop(held);
    assert_eq!(rx.try_iter().collect::<Vec<_>>(), Vec::new());
    let store = arshif::store::Store::open(&db).unwrap();
    assert_eq!(store.count_articles().unwrap(), 0);
}
