//! The inbox folder ([`arshif::inbox`]) on a real temporary folder and a real archive file: files
//! written in pieces, download names, bad files, files already there, stopping, and `arshif watch`
//! through the real binary. Waits are condition loops with generous bounds, never timings.

use crate::common;

use arshif::import::Outcome;
use arshif::inbox::{Inbox, InboxBatch, InboxError, InboxEvent, InboxOptions};
use arshif::query::{Filter, timeline};
use arshif::store::Store;
use crossbeam_channel::{Receiver, RecvTimeoutError};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Settle time used here: long enough that a pause between two writes (100 ms) never looks
/// settled, short enough to keep the tests quick.
const SETTLE: Duration = Duration::from_millis(1500);
/// Upper bound of every wait (a slow, shared machine): never reached when things work.
const PATIENCE: Duration = Duration::from_secs(30);

const SEED_HEADLINE: &str =
    "مباحثات بين داخلية ليبيا وإيطاليا لدعم العلاقات الأمنية ومكافحة الهجرة غير الشرعية";

fn seed_bytes() -> Vec<u8> {
    std::fs::read(common::seed_path()).expect("the seed article")
}

fn start(dir: &Path, db: &Path) -> (Inbox, Receiver<InboxEvent>) {
    let store = Store::open(db).expect("archive");
    let (tx, rx) = crossbeam_channel::unbounded();
    let options = InboxOptions {
        settle: SETTLE,
        ..Default::default()
    };
    let inbox = Inbox::start(dir, store, options, move |e| {
        let _ = tx.send(e);
    })
    .expect("watching starts");
    (inbox, rx)
}

/// The next batch, failing on a problem event or when none comes within [`PATIENCE`].
fn next_batch(rx: &Receiver<InboxEvent>) -> InboxBatch {
    match rx.recv_timeout(PATIENCE) {
        Ok(InboxEvent::Batch(b)) => b,
        Ok(other) => panic!("expected a batch, got {other:?}"),
        Err(e) => panic!("no batch within {PATIENCE:?}: {e}"),
    }
}

/// Asserts that nothing is reported while the inbox has three settle times to act.
fn assert_quiet(rx: &Receiver<InboxEvent>) {
    match rx.recv_timeout(SETTLE * 3) {
        Err(RecvTimeoutError::Timeout) => {}
        other => panic!("expected no event, got {other:?}"),
    }
}

fn file_names(b: &InboxBatch) -> Vec<(String, Outcome)> {
    b.report
        .files
        .iter()
        .map(|f| {
            let name = Path::new(&f.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, f.outcome)
        })
        .collect()
}

/// The English names of everyone in the archive's meetings with Lamorgese, one list per meeting.
fn lamorgese_meetings(db: &Path) -> Vec<Vec<String>> {
    let store = Store::open(db).unwrap();
    let rows = timeline(&store, &Filter::default()).unwrap();
    let mut out: Vec<Vec<String>> = rows
        .iter()
        .filter(|m| {
            m.participants
                .iter()
                .any(|p| p.person.key == "luciana_lamorgese")
        })
        .map(|m| {
            let mut names: Vec<String> = m
                .participants
                .iter()
                .map(|p| p.person.name_en.clone())
                .collect();
            names.sort();
            names
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_file_written_in_two_pieces_is_imported_once_whole() {
    let (_d, db) = common::temp_db();
    let inbox_dir = tempfile::tempdir().unwrap();
    let (inbox, rx) = start(inbox_dir.path(), &db);
    let bytes = seed_bytes();
    let (first, rest) = bytes.split_at(bytes.len() / 2);
    let path = inbox_dir.path().join("clipped.txt");
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(first).unwrap();
    f.flush().unwrap();
    std::thread::sleep(Duration::from_millis(100));
    f.write_all(rest).unwrap();
    drop(f);

    // (Whether the start-up scan or an event saw it first does not matter.)
    let b = next_batch(&rx);
    assert_eq!(
        file_names(&b),
        vec![("clipped.txt".to_string(), Outcome::Imported)]
    );
    assert_eq!(b.meetings_found, 2);
    assert_eq!(b.report.files[0].headline.as_deref(), Some(SEED_HEADLINE));
    // Whole: the stored article is the one `arshif import` stores from the same file.
    let store = Store::open(&db).unwrap();
    assert_eq!(store.count_articles().unwrap(), 1);
    let stored = store.article(1).unwrap().unwrap();
    let (_d2, db2) = common::temp_db();
    let mut direct = Store::open(&db2).unwrap();
    arshif::import::import_paths(
        &mut direct,
        &[common::seed_path()],
        &mut |_| {},
        &Default::default(),
    )
    .unwrap();
    assert_eq!(stored.body, direct.article(1).unwrap().unwrap().body);
    assert_eq!(
        lamorgese_meetings(&db),
        vec![
            vec!["Khaled Mazen".to_string(), "Luciana Lamorgese".to_string()],
            vec![
                "Luciana Lamorgese".to_string(),
                "Mohamed al-Menfi".to_string()
            ],
        ]
    );
    // Once: nothing more happens to it.
    assert_quiet(&rx);
    drop(inbox);
    assert_eq!(Store::open(&db).unwrap().count_articles().unwrap(), 1);
}

#[test]
fn a_download_in_progress_is_ignored_until_renamed() {
    let (_d, db) = common::temp_db();
    let inbox_dir = tempfile::tempdir().unwrap();
    let (_inbox, rx) = start(inbox_dir.path(), &db);
    let part = inbox_dir.path().join("article.txt.part");
    std::fs::write(&part, seed_bytes()).unwrap();
    // Other names that are never articles, or not yet.
    std::fs::write(inbox_dir.path().join("~$article.txt"), seed_bytes()).unwrap();
    std::fs::write(inbox_dir.path().join(".article.txt"), seed_bytes()).unwrap();
    std::fs::write(inbox_dir.path().join("page.html.crdownload"), b"<p>x</p>").unwrap();
    std::fs::write(inbox_dir.path().join("photo.jpg"), [0xFF, 0xD8, 0xFF]).unwrap();
    assert_quiet(&rx);
    assert_eq!(Store::open(&db).unwrap().count_articles().unwrap(), 0);

    std::fs::rename(&part, inbox_dir.path().join("article.txt")).unwrap();
    let b = next_batch(&rx);
    assert_eq!(
        file_names(&b),
        vec![("article.txt".to_string(), Outcome::Imported)]
    );
    assert_eq!(b.meetings_found, 2);
}

#[test]
fn an_empty_file_fails_by_name_and_watching_goes_on() {
    let (_d, db) = common::temp_db();
    let inbox_dir = tempfile::tempdir().unwrap();
    let (inbox, rx) = start(inbox_dir.path(), &db);
    std::fs::write(inbox_dir.path().join("empty.txt"), b"").unwrap();
    let b = next_batch(&rx);
    assert_eq!(
        file_names(&b),
        vec![("empty.txt".to_string(), Outcome::Failed)]
    );
    let reason = b.report.files[0].reason.as_deref().unwrap();
    assert!(reason.contains("empty.txt"), "{reason}");
    assert!(reason.contains("empty"), "{reason}");
    assert_eq!(b.notable().count(), 1);

    // A subfolder made afterwards is watched too.
    let sub = inbox_dir.path().join("April");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("seed.txt"), seed_bytes()).unwrap();
    let b = next_batch(&rx);
    assert_eq!(
        file_names(&b),
        vec![("seed.txt".to_string(), Outcome::Imported)]
    );
    assert_eq!(b.meetings_found, 2);
    assert!(inbox.is_running());
}

#[test]
fn files_already_there_are_imported_at_start_and_not_reported_again() {
    let (_d, db) = common::temp_db();
    let inbox_dir = tempfile::tempdir().unwrap();
    let sub = inbox_dir.path().join("clips");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("seed.txt"), seed_bytes()).unwrap();
    std::fs::write(inbox_dir.path().join("notes.pdf"), b"%PDF-1.4").unwrap();
    std::fs::write(inbox_dir.path().join("draft.txt.tmp"), b"half").unwrap();

    let (inbox, rx) = start(inbox_dir.path(), &db);
    let b = next_batch(&rx);
    assert!(b.startup);
    assert_eq!(
        file_names(&b),
        vec![("seed.txt".to_string(), Outcome::Imported)]
    );
    assert_eq!(b.meetings_found, 2);
    drop(inbox);

    // Started again (the app's next run): the file is a duplicate, counted but not listed.
    let (_inbox, rx) = start(inbox_dir.path(), &db);
    let b = next_batch(&rx);
    assert!(b.startup);
    assert_eq!(
        (b.report.imported, b.report.duplicates, b.report.failed),
        (0, 1, 0)
    );
    assert_eq!(b.notable().count(), 0);
    assert!(!b.changed_archive());
    assert_eq!(Store::open(&db).unwrap().count_articles().unwrap(), 1);
}

#[test]
fn dropping_the_handle_stops_watching() {
    let (_d, db) = common::temp_db();
    let inbox_dir = tempfile::tempdir().unwrap();
    let (inbox, rx) = start(inbox_dir.path(), &db);
    assert!(inbox.is_running());
    drop(inbox);
    // The inbox thread has ended and dropped its sink by the time `drop` returns.
    assert_eq!(
        rx.recv_timeout(Duration::from_secs(5)),
        Err(RecvTimeoutError::Disconnected)
    );
    std::fs::write(inbox_dir.path().join("late.txt"), seed_bytes()).unwrap();
    std::thread::sleep(SETTLE * 3);
    assert_eq!(Store::open(&db).unwrap().count_articles().unwrap(), 0);
}

#[test]
fn a_missing_or_removed_folder_is_reported_by_name() {
    let (_d, db) = common::temp_db();
    let parent = tempfile::tempdir().unwrap();
    let missing = parent.path().join("no-such-inbox");
    let err = Inbox::start(
        &missing,
        Store::open(&db).unwrap(),
        Default::default(),
        |_| {},
    )
    .unwrap_err();
    assert!(matches!(err, InboxError::Missing(_)));
    assert_eq!(
        err.to_string(),
        format!("the inbox folder {} does not exist", missing.display())
    );
    let file = parent.path().join("a.txt");
    std::fs::write(&file, "x").unwrap();
    let err =
        Inbox::start(&file, Store::open(&db).unwrap(), Default::default(), |_| {}).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("the inbox {} is a file, not a folder", file.display())
    );

    let dir = parent.path().join("inbox");
    std::fs::create_dir(&dir).unwrap();
    let (inbox, rx) = start(&dir, &db);
    std::fs::remove_dir(&dir).unwrap();
    match rx.recv_timeout(PATIENCE) {
        Ok(InboxEvent::Stopped(message)) => assert_eq!(
            message,
            format!(
                "the inbox folder {} was removed or moved away; watching stopped",
                dir.display()
            )
        ),
        other => panic!("expected Stopped, got {other:?}"),
    }
    let deadline = Instant::now() + PATIENCE;
    while inbox.is_running() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!inbox.is_running());
}

/// `arshif watch DIR --json` through the real binary: a line per outcome as it happens, then
/// SIGTERM stops it cleanly (exit 0).
#[cfg(unix)]
#[test]
fn arshif_watch_prints_json_lines_and_stops_on_sigterm() {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let (_d, db) = common::temp_db();
    let inbox_dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .args(["--db", db.to_str().unwrap(), "watch"])
        .arg(inbox_dir.path())
        .args(["--json", "--settle-ms", "1500"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the arshif binary runs");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = crossbeam_channel::unbounded();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let next = |rx: &Receiver<String>| -> serde_json::Value {
        let line = rx.recv_timeout(PATIENCE).expect("a line from arshif watch");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("{line}: {e}"))
    };
    let watching = next(&rx);
    assert_eq!(watching["event"], "watching");
    // The folder starts empty: nothing is printed until files land.
    std::fs::write(inbox_dir.path().join("seed.txt"), seed_bytes()).unwrap();
    std::fs::write(inbox_dir.path().join("bad.txt"), b"").unwrap();
    // The two files may settle in one batch or two: read until both files and their batch
    // lines have come.
    let (mut files, mut imported, mut failed, mut found) = (Vec::new(), 0, 0, 0);
    while files.len() < 2 || imported + failed < 2 {
        let v = next(&rx);
        match v["event"].as_str() {
            Some("file") => files.push(v),
            Some("batch") => {
                imported += v["imported"].as_u64().unwrap();
                failed += v["failed"].as_u64().unwrap();
                found += v["meetings_found"].as_u64().unwrap();
            }
            _ => panic!("unexpected line {v}"),
        }
    }
    assert_eq!((imported, failed, found), (1, 1, 2));
    files.sort_by_key(|v| v["path"].as_str().unwrap_or_default().to_string());
    assert!(files[0]["path"].as_str().unwrap().ends_with("bad.txt"));
    assert_eq!(files[0]["outcome"], "failed");
    assert!(
        files[0]["reason"].as_str().unwrap().contains("bad.txt"),
        "{}",
        files[0]
    );
    assert!(files[1]["path"].as_str().unwrap().ends_with("seed.txt"));
    assert_eq!(files[1]["outcome"], "imported");
    assert_eq!(files[1]["headline"], SEED_HEADLINE);

    // SIGTERM: the watcher stops and the process exits normally.
    let pid = child.id() as i32;
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let Some(status) = status else {
        let _ = child.kill();
        panic!("arshif watch did not stop on SIGTERM");
    };
    assert!(status.success(), "{status:?}");
    assert_eq!(lamorgese_meetings(&db).len(), 2);
}

/// The notice's words in both UI languages, for a batch with one new article, one failure and
/// (a live batch) one repeat.
#[cfg(feature = "gui")]
#[test]
fn the_notice_says_what_landed_in_english_and_arabic() {
    use arshif::import::{FileOutcome, ImportReport};
    use arshif::ui::UiLang;
    use arshif::ui::i18n::inbox_notice;
    let file = |path: &str, outcome| FileOutcome {
        path: path.into(),
        record: None,
        outcome,
        reason: None,
        article_id: None,
        headline: None,
    };
    let mut batch = InboxBatch {
        startup: false,
        report: ImportReport {
            imported: 2,
            duplicates: 1,
            failed: 1,
            files: vec![
                file("a.txt", Outcome::Imported),
                file("b.txt", Outcome::Imported),
                file("c.txt", Outcome::Duplicate),
                file("d.txt", Outcome::Failed),
            ],
            ..Default::default()
        },
        meetings_found: 3,
        extract_error: None,
    };
    assert_eq!(
        inbox_notice(UiLang::En, &batch).as_deref(),
        Some("Inbox: imported 2 articles, 3 new meetings; 1 failed; 1 already in the archive")
    );
    assert_eq!(
        inbox_notice(UiLang::Ar, &batch).as_deref(),
        Some(
            "مجلد الوارد: استُورد 2 من المقالات، 3 من اللقاءات الجديدة؛ تعذّر استيراد 1 من الملفات؛ 1 من الملفات موجودة في الأرشيف"
        )
    );
    // At start, files imported on an earlier run are not news.
    batch.startup = true;
    batch
        .report
        .files
        .retain(|f| f.outcome == Outcome::Duplicate);
    assert_eq!(inbox_notice(UiLang::En, &batch), None);
}

/// The app: Inbox folder… ▸ Choose folder… (the dialog code path), then an article saved into
/// the folder shows up as a notice and on the timeline; the folder is remembered in the settings.
#[cfg(feature = "gui")]
#[test]
fn the_app_watches_the_chosen_inbox_folder() {
    use arshif::ui::app::{ArshifApp, DialogFn, Settings};
    use arshif::ui::store_archive::StoreArchive;
    use arshif::ui::worker::{DialogPurpose, StoreRunner, Worker};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use std::sync::Arc;

    let (_d, db) = common::temp_db();
    drop(Store::open(&db).unwrap());
    let inbox_dir = tempfile::tempdir().unwrap();
    let chosen = inbox_dir.path().to_path_buf();
    let dialog: DialogFn = Arc::new(move |purpose| {
        // A person takes a moment to choose; an instant answer would read as "no dialog here".
        std::thread::sleep(Duration::from_millis(500));
        (purpose == DialogPurpose::InboxFolder).then(|| vec![chosen.clone()])
    });
    let worker = Worker::spawn(Box::new(StoreRunner::new(db.clone())), None);
    let app = ArshifApp::new(
        Box::new(StoreArchive::open(&db).unwrap()),
        worker,
        dialog,
        Settings::default(),
    )
    .with_opener(arshif::ui::store_opener(None), db.clone());
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(arshif::ui::fonts::install)
        .with_max_steps(crate::common::SETTLE_STEPS)
        .build_ui_state(crate::common::show_settled, app);
    h.run();
    fn step_until(h: &mut Harness<'_, ArshifApp>, what: &str, done: &dyn Fn(&ArshifApp) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done(h.state()) {
            assert!(Instant::now() < deadline, "the app never got to: {what}");
            h.step();
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    h.get_by_label("Inbox folder…").click();
    h.run();
    h.get_by_label("Choose folder…").click();
    step_until(&mut h, "watching the folder", &|app| {
        app.inbox().is_watching()
    });
    assert_eq!(h.state().settings.inbox.as_deref(), Some(inbox_dir.path()));

    std::fs::write(inbox_dir.path().join("seed.txt"), seed_bytes()).unwrap();
    step_until(&mut h, "the inbox notice", &|app| app.summary().is_some());
    let s = h.state().summary().unwrap().clone();
    assert_eq!(s.headline, "Inbox: imported 1 article, 2 new meetings");
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    step_until(&mut h, "the two meetings on the timeline", &|app| {
        app.timeline().cards.len() == 2
    });
    h.get_by_label("Inbox: imported 1 article, 2 new meetings");
}

/// Without a file dialog (no portal, no zenity), Choose folder… offers the typed path, as Import
/// does; the typed folder is then watched.
#[cfg(feature = "gui")]
#[test]
fn without_a_dialog_the_inbox_folder_can_be_typed() {
    use arshif::ui::app::{ArshifApp, Settings};
    use arshif::ui::store_archive::StoreArchive;
    use arshif::ui::worker::{StoreRunner, Worker};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use std::sync::Arc;

    let (_d, db) = common::temp_db();
    drop(Store::open(&db).unwrap());
    let inbox_dir = tempfile::tempdir().unwrap();
    let worker = Worker::spawn(Box::new(StoreRunner::new(db.clone())), None);
    let app = ArshifApp::new(
        Box::new(StoreArchive::open(&db).unwrap()),
        worker,
        Arc::new(|_| None),
        Settings::default(),
    )
    .with_opener(arshif::ui::store_opener(None), db.clone());
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(arshif::ui::fonts::install)
        .with_max_steps(crate::common::SETTLE_STEPS)
        .build_ui_state(crate::common::show_settled, app);
    h.run();
    h.get_by_label("Inbox folder…").click();
    h.run();
    h.get_by_label("Choose folder…").click();
    let deadline = Instant::now() + PATIENCE;
    while !h.state().dialog_unavailable() {
        assert!(Instant::now() < deadline, "no typed-path field offered");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.get_by_label("Typed path").focus();
    h.run();
    h.get_by_label("Typed path")
        .type_text(&inbox_dir.path().display().to_string());
    h.run();
    h.get_by_label("Watch this folder").click();
    h.run();
    assert_eq!(h.state().settings.inbox.as_deref(), Some(inbox_dir.path()));
    assert!(!h.state().dialog_unavailable());
    let deadline = Instant::now() + PATIENCE;
    while !h.state().inbox().is_watching() {
        assert!(Instant::now() < deadline, "the typed folder is not watched");
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
}
