//! The app never waits on the archive (issue 11) and shows other writers' work (issue 13): its
//! reads run on their own thread ([`arshif::ui::reads`]); a newer filter supersedes an older
//! query; another connection's import shows up within seconds; two app windows and an
//! `arshif import` process import into one archive at once, each article stored once.
#![cfg(feature = "gui")]

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use arshif::query::Filter;
use arshif::ui::app::{ArshifApp, Settings};
use arshif::ui::model::{Archive, ArticleView, Timeline};
use arshif::ui::worker::{StoreRunner, Worker};
use arshif::ui::{UiLang, fonts};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::common;
use crate::ui_app::{app_on, harness, no_dialog, seed_archive};

/// An archive whose timeline takes `delay` and records the search text of each query it ran;
/// the timeline's `articles` is the text's length (which query answered).
struct SlowArchive {
    delay: Duration,
    ran: Arc<Mutex<Vec<String>>>,
}

impl Archive for SlowArchive {
    fn describe(&self) -> String {
        "slow".into()
    }
    fn timeline(&self, filter: &Filter, _loaded: usize) -> anyhow::Result<Timeline> {
        std::thread::sleep(self.delay);
        let text = filter.text.clone().unwrap_or_default();
        self.ran.lock().unwrap().push(text.clone());
        Ok(Timeline {
            total: 7,
            articles: text.len(),
            ..Default::default()
        })
    }
    fn article(&self, _id: u64) -> anyhow::Result<Option<ArticleView>> {
        Ok(None)
    }
}

/// The app drawn frame by frame without waiting for its reads (as eframe runs it).
fn raw_harness(app: ArshifApp) -> Harness<'static, ArshifApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(fonts::install)
        .build_ui_state(|ui, app: &mut ArshifApp| app.show(ui), app)
}

/// A 2-second query: every frame meanwhile takes far less (no frame waits on it), a spinner
/// says "Loading…", and of three filters typed while it runs only the newest is queried.
#[test]
fn a_slow_query_holds_no_frame_and_the_newest_filter_supersedes_older_ones() {
    let ran = Arc::new(Mutex::new(Vec::new()));
    let archive = SlowArchive {
        delay: Duration::from_secs(2),
        ran: Arc::clone(&ran),
    };
    let worker = Worker::spawn(Box::new(StoreRunner::new(PathBuf::from("unused"))), None);
    let app = ArshifApp::new(Box::new(archive), worker, no_dialog(), Settings::default());
    let mut h = raw_harness(app);
    let mut slowest = Duration::ZERO;
    let mut frame = |h: &mut Harness<'static, ArshifApp>| {
        let t = Instant::now();
        h.step();
        slowest = slowest.max(t.elapsed());
    };
    frame(&mut h);
    assert!(h.state().loading());
    h.get_by_label("Loading…");
    for text in ["a", "ab", "abc"] {
        h.state_mut().settings.filter.text = Some(text.into());
        frame(&mut h);
    }
    let t0 = Instant::now();
    while h.state().loading() {
        assert!(t0.elapsed() < Duration::from_secs(30), "no answer");
        frame(&mut h);
        std::thread::sleep(Duration::from_millis(20));
    }
    frame(&mut h);
    // The answer shown is the newest filter's; "a" and "ab" never ran.
    assert_eq!(h.state().timeline().articles, 3);
    assert_eq!(h.state().timeline().total, 7);
    let ran = ran.lock().unwrap().clone();
    assert_eq!(ran.last().map(String::as_str), Some("abc"), "{ran:?}");
    assert!(
        !ran.iter().any(|t| t == "a" || t == "ab"),
        "superseded filters ran: {ran:?}"
    );
    assert!(ran.len() <= 2, "{ran:?}");
    assert!(h.query_by_label("Loading…").is_none());
    // Each query took 2 s; no frame came near it.
    assert!(slowest < Duration::from_millis(1000), "{slowest:?}");
}

/// The first `n` articles of the dev corpus, sorted by name.
fn dev_articles(n: usize) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.truncate(n);
    assert_eq!(files.len(), n);
    files
}

/// Steps `h` (10 ms apart) until `done` holds; false after `limit`.
fn step_for(
    h: &mut Harness<'static, ArshifApp>,
    limit: Duration,
    done: impl Fn(&ArshifApp) -> bool,
) -> bool {
    let t0 = Instant::now();
    while t0.elapsed() < limit {
        h.step();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

/// Another connection (another Arshif, a script) imports: the open window shows the new
/// article within a few seconds with nothing clicked; with no writes, the window asks for no
/// frames (nothing polls from the UI).
#[test]
fn another_writers_import_shows_up_without_a_click() {
    let (_dir, db) = seed_archive();
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    assert_eq!(h.state().timeline().articles, 1);
    let before = h.state().timeline().total;
    // Two polls with nothing written: no answer arrives, `run` settles in one step.
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(h.run(), 1);

    let files = dev_articles(3);
    {
        let mut store = arshif::store::Store::open(&db).unwrap();
        let no = AtomicBool::new(false);
        let ex = arshif::extract::Extractor::new(&arshif::gazetteer::Gazetteer::shipped());
        arshif::pipeline::import_and_extract(
            &mut store,
            &ex,
            &files,
            &mut |_| {},
            &mut |_, _| {},
            &no,
        )
        .unwrap();
    }
    let store = arshif::store::Store::open(&db).unwrap();
    let stored = store.count_articles().unwrap() as usize;
    let meetings = arshif::store::meetings::count_meetings(&store).unwrap() as usize;
    assert!(stored >= 3, "{stored}");
    assert!(meetings > before, "{meetings}");
    // The reads thread may have answered mid-import too: wait for the final counts.
    let shown = step_for(&mut h, Duration::from_secs(15), |a| {
        a.timeline().articles == stored && a.timeline().total == meetings
    });
    assert!(
        shown,
        "the window still shows {} articles, {} meetings",
        h.state().timeline().articles,
        h.state().timeline().total
    );
}

/// What is seen while stepping one window: whether its status bar said it waits for another
/// writer.
#[derive(Default)]
struct Seen {
    waited: bool,
}

/// Issue 13: two app windows (each its own reads thread and worker) and an `arshif import`
/// process import overlapping sets of files into ONE archive at once while a fourth connection
/// holds the write lock for 2 s: every job waits (a window says so in its status bar) and then
/// runs, every article is stored once, `integrity_check` is ok, and each window shows the
/// others' articles without a click.
#[test]
fn two_windows_and_a_cli_import_into_one_archive_at_once() {
    let (_dir, db) = seed_archive();
    let files = dev_articles(12);
    let mut a = harness(app_on(&db, no_dialog(), Settings::default()));
    let mut b = harness(app_on(&db, no_dialog(), Settings::default()));
    a.run();
    b.run();
    assert_eq!(a.state().timeline().articles, 1);
    assert_eq!(b.state().timeline().articles, 1);

    // "Another Arshif" holds the write lock while all three start.
    let other = arshif::store::Store::open(&db).unwrap();
    other.begin_immediate().unwrap();
    a.state_mut().start_import(files[0..6].to_vec());
    b.state_mut().start_import(files[3..9].to_vec());
    let mut cli = std::process::Command::new(env!("CARGO_BIN_EXE_arshif"))
        .arg("--db")
        .arg(&db)
        .arg("import")
        .args(&files[6..12])
        .env_remove("ARSHIF_DB")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (mut seen_a, mut seen_b) = (Seen::default(), Seen::default());
    let waiting = "Another Arshif is writing to this archive; waiting…";
    let t0 = Instant::now();
    let mut released = None;
    while a.state().busy() || b.state().busy() || released.is_none() {
        assert!(
            t0.elapsed() < Duration::from_secs(240),
            "the imports did not end"
        );
        if released.is_none() && t0.elapsed() > Duration::from_secs(2) {
            other.rollback().unwrap();
            released = Some(t0.elapsed());
        }
        a.step();
        b.step();
        seen_a.waited |= a.query_by_label(waiting).is_some();
        seen_b.waited |= b.query_by_label(waiting).is_some();
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = cli.wait().unwrap();
    assert!(status.success(), "arshif import failed: {status:?}");
    assert!(
        seen_a.waited || seen_b.waited,
        "neither window said it waits for the other writer"
    );
    for (name, h) in [("first", &a), ("second", &b)] {
        let s = h.state().summary().expect("a finished import says so");
        assert!(s.error.is_none(), "{name} window: {s:?}");
        assert!(s.headline.contains("imported"), "{name}: {}", s.headline);
    }

    // Every article once (one of the twelve has the seed article's text), the file sound.
    let store = arshif::store::Store::open(&db).unwrap();
    let articles = store.count_articles().unwrap() as usize;
    // What one import of the seed and the twelve files stores, in a fresh archive.
    let reference = {
        let (_r, reference) = common::temp_db();
        let mut fresh = arshif::store::Store::open(&reference).unwrap();
        let mut all = vec![common::seed_path()];
        all.extend(files.iter().cloned());
        let no = AtomicBool::new(false);
        arshif::import::import_paths(&mut fresh, &all, &mut |_| {}, &no).unwrap();
        fresh.count_articles().unwrap() as usize
    };
    assert_eq!(articles, reference);
    assert!(articles >= 12, "{articles}");
    let sql = common::sql(&store);
    let check: String = sql
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let dupes: i64 = sql
        .query_row(
            "SELECT count(*) FROM (SELECT source_path FROM articles GROUP BY source_path \
             HAVING count(*) > 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(dupes, 0);
    let meetings = arshif::store::meetings::count_meetings(&store).unwrap() as usize;

    // Each window shows everything: its own import, the other window's and the CLI's.
    for h in [&mut a, &mut b] {
        let caught_up = step_for(h, Duration::from_secs(15), |app| {
            !app.loading()
                && app.timeline().articles == articles
                && app.timeline().total == meetings
        });
        assert!(
            caught_up,
            "a window shows {} articles, {} meetings",
            h.state().timeline().articles,
            h.state().timeline().total
        );
    }
    let _ = UiLang::En;
}

/// `Store::data_version` changes when another connection commits, not on this connection's own
/// reads: what the reads thread polls.
#[test]
fn data_version_moves_only_for_other_connections_writes() {
    let (_dir, db) = seed_archive();
    let reader = arshif::store::Store::open(&db).unwrap();
    let v0 = reader.data_version().unwrap();
    reader.count_articles().unwrap();
    assert_eq!(reader.data_version().unwrap(), v0);
    {
        let mut writer = arshif::store::Store::open(&db).unwrap();
        let no = AtomicBool::new(false);
        // The first dev article is the seed's text: the second is new.
        let new = &dev_articles(2)[1..];
        let r = arshif::import::import_paths(&mut writer, new, &mut |_| {}, &no).unwrap();
        assert_eq!(r.imported, 1, "{r:?}");
    }
    assert_ne!(reader.data_version().unwrap(), v0);
}

/// An archive whose timeline read panics.
struct Panicky;

impl Archive for Panicky {
    fn describe(&self) -> String {
        "panicky".into()
    }
    fn timeline(&self, _filter: &Filter, _loaded: usize) -> anyhow::Result<Timeline> {
        panic!("a read went wrong");
    }
    fn article(&self, _id: u64) -> anyhow::Result<Option<ArticleView>> {
        Ok(None)
    }
}

/// An archive that cannot be opened, or a reads thread that dies: the window keeps drawing,
/// says so in the status bar, and nothing stays "loading" (a screenshot or test never hangs).
#[test]
fn a_failed_open_or_a_dead_reader_is_said_and_nothing_stays_pending() {
    let worker = || Worker::spawn(Box::new(StoreRunner::new(PathBuf::from("unused"))), None);
    let open = Box::new(|| -> anyhow::Result<Box<dyn Archive>> {
        anyhow::bail!("the archive /nowhere/a.sqlite could not be opened: no such folder")
    });
    let app = ArshifApp::opening(open, worker(), no_dialog(), Settings::default());
    // The thread has given up waiting for the window and ended before the first frame: its
    // reason is shown, not "stopped unexpectedly".
    std::thread::sleep(Duration::from_millis(400));
    let mut h = raw_harness(app);
    assert!(step_for(&mut h, Duration::from_secs(10), |a| !a.loading()));
    h.step();
    h.get_by_label("the archive /nowhere/a.sqlite could not be opened: no such folder");

    let app = ArshifApp::new(
        Box::new(Panicky),
        worker(),
        no_dialog(),
        Settings::default(),
    );
    let mut h = raw_harness(app);
    assert!(step_for(&mut h, Duration::from_secs(10), |a| !a.loading()));
    h.step();
    h.get_by_label("the archive's reader stopped unexpectedly: open the archive again");
    // A new filter asks nothing of the dead reader: still not loading.
    h.state_mut().settings.filter.text = Some("x".into());
    h.step();
    assert!(!h.state().loading());
}

/// Another writer's import groups the open meeting into a better-dated report of it (a new
/// event id): the reader follows it to the merged meeting instead of closing, and the list's
/// cursor moves there.
#[test]
fn the_reader_follows_its_meeting_when_an_import_groups_it_with_another_report() {
    let (_dir, db) = crate::ui_app::archive_of(&[common::seed_path()], None);
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    let mazen = |a: &ArshifApp| {
        a.timeline()
            .cards
            .iter()
            .find(|c| c.libyan.iter().any(|p| p.name_en == "Khaled Mazen"))
            .map(|c| (c.id, c.reports))
    };
    let (before, reports) = mazen(h.state()).expect("the seed's Mazen meeting");
    assert_eq!(reports, 1);
    let idx = h
        .state()
        .timeline()
        .cards
        .iter()
        .position(|c| c.id == before)
        .unwrap();
    // The list's cursor starts on the first card: down to the Mazen card, Enter opens it.
    for _ in 0..idx {
        h.key_press(eframe::egui::Key::ArrowDown);
        h.run();
    }
    h.key_press(eframe::egui::Key::Enter);
    h.run();
    assert_eq!(h.state().open_meeting(), Some(before));

    // The English report of the same meeting, dated: it becomes the meeting's main report.
    let english = common::corpus().join("028_en.txt");
    {
        let mut store = arshif::store::Store::open(&db).unwrap();
        let ex = arshif::extract::Extractor::new(&arshif::gazetteer::Gazetteer::shipped());
        arshif::pipeline::import_and_extract(
            &mut store,
            &ex,
            &[english],
            &mut |_| {},
            &mut |_, _| {},
            &AtomicBool::new(false),
        )
        .unwrap();
    }
    let moved = step_for(&mut h, Duration::from_secs(15), |a| {
        mazen(a).is_some_and(|(id, n)| id != before && n == 2)
    });
    assert!(moved, "the import was not grouped with the seed's meeting");
    let after = mazen(h.state()).unwrap().0;
    let followed = step_for(&mut h, Duration::from_secs(10), |a| {
        a.open_meeting() == Some(after)
    });
    assert!(
        followed,
        "the reader shows {:?}, not the merged meeting {after}",
        h.state().open_meeting()
    );
}
