//! Every action once (issue 13): a button, shortcut, menu item or drop that opens a file dialog
//! or starts long work cannot start it again while it runs. Each is clicked (or pressed) twice
//! within one frame and twice within 100 ms; the dialogs and the jobs are counted through stand-ins
//! that stay open until the test lets them go, so "still running" is certain, not a race.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use arshif::ui::app::{ArshifApp, DialogFn, Settings};
use arshif::ui::store_archive::StoreArchive;
use arshif::ui::worker::{
    DialogPurpose, Job, JobKind, JobRunner, Progress, StoreRunner, Summary, Worker,
};
use crossbeam_channel::{Receiver, Sender, unbounded};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::ui_app::{harness, seed_archive};

/// Runs jobs on the archive, each only once the test sends a `()` (or after 20 s), and logs
/// the kind of every job it is handed.
struct GatedRunner {
    inner: StoreRunner,
    log: Arc<Mutex<Vec<JobKind>>>,
    gate: Receiver<()>,
}

impl JobRunner for GatedRunner {
    fn run(&mut self, job: Job, progress: &Progress<'_>) -> Summary {
        self.log.lock().unwrap().push(job.kind());
        let _ = self.gate.recv_timeout(Duration::from_secs(20));
        self.inner.run(job, progress)
    }
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn dropped(path: PathBuf) -> egui::DroppedFileHandle {
    Arc::new(Dropped(path))
}

/// The app on `db` with gated jobs and gated dialogs: what each was asked, and the gates.
struct Rig {
    h: Harness<'static, ArshifApp>,
    jobs: Arc<Mutex<Vec<JobKind>>>,
    job_gate: Sender<()>,
    dialogs: Arc<Mutex<Vec<DialogPurpose>>>,
    dialog_gate: Sender<()>,
}

/// `answer` is what a dialog returns once let go.
fn rig(
    db: &Path,
    answer: impl Fn(DialogPurpose) -> Option<Vec<PathBuf>> + Send + Sync + 'static,
) -> Rig {
    let jobs: Arc<Mutex<Vec<JobKind>>> = Arc::default();
    let (job_gate, job_rx) = unbounded();
    let runner = GatedRunner {
        inner: StoreRunner::new(db.to_path_buf()),
        log: Arc::clone(&jobs),
        gate: job_rx,
    };
    let dialogs: Arc<Mutex<Vec<DialogPurpose>>> = Arc::default();
    let (dialog_gate, dialog_rx) = unbounded::<()>();
    let asked = Arc::clone(&dialogs);
    let dialog: DialogFn = Arc::new(move |purpose| {
        asked.lock().unwrap().push(purpose);
        let _ = dialog_rx.recv_timeout(Duration::from_secs(20));
        answer(purpose)
    });
    let worker = Worker::spawn(Box::new(runner), None);
    let app = ArshifApp::new(
        Box::new(StoreArchive::open(db).unwrap()),
        worker,
        dialog,
        Settings::default(),
    )
    .with_opener(arshif::ui::store_opener(None), db.to_path_buf());
    let mut h = harness(app);
    h.run();
    Rig {
        h,
        jobs,
        job_gate,
        dialogs,
        dialog_gate,
    }
}

impl Rig {
    fn dialogs(&self) -> Vec<DialogPurpose> {
        self.dialogs.lock().unwrap().clone()
    }

    fn jobs(&self) -> Vec<JobKind> {
        self.jobs.lock().unwrap().clone()
    }

    /// Steps frames until `done` holds (bounded: 10 s).
    fn until(&mut self, what: &str, done: impl Fn(&Rig) -> bool) {
        for _ in 0..1000 {
            self.h.step();
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("waited in vain for {what}");
    }

    /// Two frames 30 ms apart: the second click of a double click well within 100 ms.
    fn frame_after_30ms(&mut self) {
        self.h.step();
        std::thread::sleep(Duration::from_millis(30));
    }

    fn word(&self) -> Option<String> {
        self.h.state().refused()
    }
}

#[test]
fn import_twice_in_one_frame_and_within_100ms_opens_one_dialog_and_runs_one_import() {
    let (_dir, db) = seed_archive();
    let seed = crate::common::seed_path();
    let mut r = rig(&db, move |_| Some(vec![seed.clone()]));

    // Twice within one frame: the button and Ctrl+I in the same frame, the button clicked twice.
    r.h.get_by_label("Import…").click();
    r.h.get_by_label("Import…").click();
    r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    r.h.step();
    r.until("the dialog", |r| r.dialogs().len() == 1);
    assert_eq!(r.h.state().running().dialog, Some(DialogPurpose::Import));
    assert_eq!(r.word().as_deref(), Some("Import already running"));

    // Again 30 ms later: the button is disabled, the shortcut is refused with the word.
    r.frame_after_30ms();
    r.h.get_by_label("Import…").click();
    r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    r.frame_after_30ms();
    r.h.run_steps(3);
    assert_eq!(r.dialogs(), vec![DialogPurpose::Import]);
    assert_eq!(r.word().as_deref(), Some("Import already running"));

    // A drop while the dialog is open would import beside it: refused too.
    r.h.input_mut()
        .dropped_files
        .push(dropped(crate::common::seed_path()));
    r.h.step();
    assert_eq!(r.jobs(), Vec::<JobKind>::new());
    assert_eq!(r.word().as_deref(), Some("Import already running"));

    // The dialog answers: one import starts; clicks, shortcut and drops meanwhile start nothing.
    r.dialog_gate.send(()).unwrap();
    r.until("the import job", |r| r.jobs().len() == 1);
    assert!(r.word().is_none(), "the word goes when the dialog answers");
    r.h.get_by_label("Import…").click();
    r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    r.frame_after_30ms();
    r.h.input_mut()
        .dropped_files
        .push(dropped(crate::common::seed_path()));
    r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    r.frame_after_30ms();
    r.h.step();
    assert_eq!(r.dialogs(), vec![DialogPurpose::Import]);
    assert_eq!(r.jobs(), vec![JobKind::Import]);
    assert_eq!(r.word().as_deref(), Some("Import already running"));
    assert!(
        r.h.state()
            .running()
            .is_running(arshif::ui::actions::UserAction::Import)
    );

    // In Arabic, the same word in Arabic.
    r.h.state_mut().settings.lang = arshif::ui::UiLang::Ar;
    r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    r.h.step();
    assert_eq!(r.word().as_deref(), Some("الاستيراد جارٍ بالفعل"));

    r.job_gate.send(()).unwrap();
    r.until("the import's end", |r| !r.h.state().busy());
    r.h.run();
    assert_eq!(r.jobs(), vec![JobKind::Import]);
    // The seed is already in the archive: one import, one duplicate, nothing twice.
    let s = r.h.state().summary().expect("the import's summary");
    assert!(
        s.headline
            .contains("0 articles imported; 1 already in the archive"),
        "{}",
        s.headline
    );
    assert!(r.word().is_none());
}

#[test]
fn export_save_twice_in_one_frame_and_within_100ms_opens_one_save_dialog() {
    let (dir, db) = seed_archive();
    let out = dir.path().join("out.csv");
    let to = out.clone();
    let mut r = rig(&db, move |_| Some(vec![to.clone()]));
    r.h.get_by_label("Export…").click();
    r.h.run();
    r.h.get_by_label("Save…").click();
    r.h.get_by_label("Save…").click();
    r.h.step();
    r.until("the save dialog", |r| r.dialogs().len() == 1);
    // The popup closed with the first click; Export… and Ctrl+E are refused while the dialog is open.
    r.frame_after_30ms();
    r.h.get_by_label("Export…").click();
    r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    r.frame_after_30ms();
    r.h.run_steps(3);
    assert_eq!(r.dialogs(), vec![DialogPurpose::Export]);
    assert_eq!(r.word().as_deref(), Some("Export already running"));
    assert!(r.h.query_by_label("Save…").is_none(), "no second popup");

    r.dialog_gate.send(()).unwrap();
    r.until("the export job", |r| r.jobs().len() == 1);
    r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    r.h.step();
    assert_eq!(r.word().as_deref(), Some("Export already running"));
    r.job_gate.send(()).unwrap();
    r.until("the export's end", |r| !r.h.state().busy());
    assert_eq!(r.jobs(), vec![JobKind::Export]);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        csv.matches("Lamorgese").count(),
        2,
        "the seed's two meetings, once:\n{csv}"
    );
}

#[test]
fn file_menu_items_and_inbox_folder_twice_within_100ms_open_one_dialog() {
    let (_dir, db) = seed_archive();
    let mut r = rig(&db, |_| None);
    let item = |r: &mut Rig, menu: &str, label: &str| {
        // A disabled item leaves its menu open.
        if r.h.query_by_label(label).is_none() {
            r.h.get_by_label(menu).click();
            r.h.run_steps(2);
        }
        r.h.get_by_label(label).click();
        r.frame_after_30ms();
    };
    item(&mut r, "File", "Open archive…");
    r.until("the open dialog", |r| r.dialogs().len() == 1);
    // The same item again, the other File item and the inbox folder: one dialog at a time.
    item(&mut r, "File", "Open archive…");
    assert_eq!(
        r.word(),
        None,
        "a disabled item says why on hover, not by a click"
    );
    item(&mut r, "File", "New archive…");
    item(&mut r, "Inbox folder…", "Choose folder…");
    r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    r.h.step();
    assert_eq!(
        r.word().as_deref(),
        Some("A file dialog is already open: finish it first")
    );
    r.h.run_steps(3);
    assert_eq!(r.dialogs(), vec![DialogPurpose::OpenArchive]);
    // Recent archives is disabled meanwhile too (a switch would race the dialog's answer).
    assert!(
        r.h.state()
            .running()
            .blocked(arshif::ui::actions::UserAction::RecentArchive)
            .is_some()
    );

    // Nothing chosen: the next dialog may open; the inbox folder's, clicked twice within 100 ms.
    r.dialog_gate.send(()).unwrap();
    r.until("the dialog's answer", |r| {
        r.h.state().running().dialog.is_none()
    });
    item(&mut r, "Inbox folder…", "Choose folder…");
    r.until("the inbox dialog", |r| r.dialogs().len() == 2);
    item(&mut r, "Inbox folder…", "Choose folder…");
    r.h.run_steps(3);
    assert_eq!(
        r.dialogs(),
        vec![DialogPurpose::OpenArchive, DialogPurpose::InboxFolder]
    );
    r.dialog_gate.send(()).unwrap();
    r.until("the dialog's answer", |r| {
        r.h.state().running().dialog.is_none()
    });
    assert_eq!(r.jobs(), Vec::<JobKind>::new());
}

#[test]
fn undo_twice_in_one_frame_and_within_100ms_runs_one_undo() {
    let (_dir, db) = seed_archive();
    let mut r = rig(&db, |_| None);
    let undo = |r: &Rig| {
        r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    };
    undo(&r);
    undo(&r);
    r.h.step();
    r.until("the undo job", |r| r.jobs().len() == 1);
    r.frame_after_30ms();
    undo(&r);
    r.h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    r.h.step();
    assert_eq!(
        r.word().as_deref(),
        Some("A correction is already being saved")
    );
    // Import waits for it too (one job at a time), and says why.
    r.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    r.h.step();
    assert_eq!(
        r.word().as_deref(),
        Some("Saving a correction: wait for it to finish")
    );
    r.job_gate.send(()).unwrap();
    r.until("the undo's end", |r| !r.h.state().busy());
    assert_eq!(r.jobs(), vec![JobKind::Edit]);
    assert_eq!(r.dialogs(), Vec::<DialogPurpose>::new());
}

#[test]
fn the_worker_refuses_a_second_job_and_a_second_dialog_naming_what_runs() {
    use arshif::ui::worker::Refused;
    let (_dir, db) = seed_archive();
    let log: Arc<Mutex<Vec<JobKind>>> = Arc::default();
    let (gate, rx) = unbounded();
    let runner = GatedRunner {
        inner: StoreRunner::new(db.clone()),
        log: Arc::clone(&log),
        gate: rx,
    };
    let mut w = Worker::spawn(Box::new(runner), None);
    assert_eq!(w.try_submit(Job::Extract), Ok(()));
    assert_eq!(
        w.try_submit(Job::Extract),
        Err(Refused::Running(JobKind::Extract))
    );
    assert_eq!(
        w.try_submit(Job::Undo),
        Err(Refused::Running(JobKind::Extract))
    );
    let (dgate, drx) = unbounded::<()>();
    assert_eq!(
        w.try_open_dialog(DialogPurpose::Import, move || {
            let _ = drx.recv_timeout(Duration::from_secs(20));
            None
        }),
        Ok(())
    );
    assert_eq!(
        w.try_open_dialog(DialogPurpose::Export, || panic!("a second dialog ran")),
        Err(Refused::DialogOpen(DialogPurpose::Import))
    );
    gate.send(()).unwrap();
    dgate.send(()).unwrap();
    let events = w.wait(Duration::from_secs(30));
    assert!(matches!(
        events.last(),
        Some(arshif::ui::worker::Event::Finished(_))
    ));
    assert_eq!(*log.lock().unwrap(), vec![JobKind::Extract]);
    assert_eq!(w.running(), None);
}
