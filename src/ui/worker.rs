//! Long work off the UI thread: one worker thread runs jobs (import, export) one at a time and
//! reports [`Event`]s over a channel; file dialogs run on their own short-lived threads.
//!
//! The UI only sends [`Job`]s and drains events once per frame ([`Worker::poll`]); it never waits.
//! Cancelling sets a shared flag the running job checks between files.
//!
//! Every action once: the worker takes one job at a time and opens one dialog at a time; a
//! second is refused with what runs ([`Refused`], from [`Worker::try_submit`] and
//! [`Worker::try_open_dialog`]), which the app words in the status bar. Jobs write through the
//! archive's one [`Writer`], shared with the inbox folder's imports.
//!
//! What a job does is behind [`JobRunner`], so the store-backed importer/exporter plugs in without
//! touching the UI: [`StoreRunner`] imports into the archive file with the library's importer.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, unbounded};

use super::i18n::{UiLang, tr};

mod error;
mod writer;
use crate::query::Filter;
pub use error::{JobError, Step};
pub use writer::{Turn, Writer};

/// Work for the worker thread.
#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    /// Import these files and folders (folders recursively).
    Import {
        /// Files or folders chosen by the user.
        paths: Vec<PathBuf>,
    },
    /// Find the meetings in every article not yet extracted with the current gazetteer (the
    /// catch-up run at start and after imports).
    Extract,
    /// Write the meetings `filter` selects to `path` in `format` (chosen by name in the export
    /// popup), through the one export path ([`crate::pipeline::export_to_file`]).
    Export {
        /// Destination file.
        path: PathBuf,
        /// The filter of the view being exported (its order too).
        filter: Filter,
        /// The format to write.
        format: crate::export::Format,
        /// The reports' language (the UI's) and the filter in words (the active chips).
        options: crate::export::ExportOptions,
    },
    /// Correct meeting `meeting_id` (a timeline card's id) through [`crate::edits::apply`]; the
    /// correction is kept in the archive's edit log (undoable, survives re-extraction).
    Edit {
        /// The meeting row (`meetings.id`).
        meeting_id: u64,
        /// What to change.
        change: crate::edits::MeetingChange,
    },
    /// Set the publication date of the article reporting meeting `meeting_id` (an edit, like
    /// [`crate::pipeline::set_article_date`]) and re-extract it, so «اليوم» / "today" resolve.
    ArticleDate {
        /// A meeting row of the article (`meetings.id`).
        meeting_id: u64,
        /// The publication date.
        date: crate::edits::DateValue,
    },
    /// Record any other edit built by the correction panel, chiefly a gazetteer addition
    /// ([`crate::edits::Edit::AddAlias`], [`crate::edits::Edit::AddOfficial`]); when it needs
    /// extraction, every article concerned is read again with progress, so the new spelling or
    /// official is found. Undoable like the rest.
    Apply {
        /// The edit ([`crate::edits::alias_edit`], [`crate::edits::new_official`] ...).
        edit: crate::edits::Edit,
    },
    /// Undo the newest edit ([`crate::edits::undo`], Ctrl+Z).
    Undo,
    /// Redo the edit undone last ([`crate::edits::redo`], Ctrl+Shift+Z).
    Redo,
}

impl Job {
    /// The kind of work this is (the worker holds at most one job of a kind: one job at all).
    pub fn kind(&self) -> JobKind {
        match self {
            Job::Import { .. } => JobKind::Import,
            Job::Extract => JobKind::Extract,
            Job::Export { .. } => JobKind::Export,
            Job::Edit { .. }
            | Job::ArticleDate { .. }
            | Job::Apply { .. }
            | Job::Undo
            | Job::Redo => JobKind::Edit,
        }
    }
}

/// The kinds of [`Job`], as the status bar and the refusals name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// [`Job::Import`].
    Import,
    /// [`Job::Extract`], the extraction catch-up.
    Extract,
    /// [`Job::Export`].
    Export,
    /// A correction, an article date, a gazetteer addition, undo or redo.
    Edit,
}

/// Why the worker did not take a job ([`Worker::try_submit`]) or open a dialog
/// ([`Worker::try_open_dialog`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// A job of this kind runs (the worker runs one job at a time, so it never holds two of a
    /// kind).
    Running(JobKind),
    /// A file dialog for this purpose is open (one dialog at a time).
    DialogOpen(DialogPurpose),
}

/// What a finished job did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// One line for the status bar ("Imported 3 files: 2 new, 1 skipped").
    pub headline: String,
    /// The same line in Arabic, when the job has one (the Arabic UI shows it instead).
    pub headline_ar: Option<String>,
    /// Why the job (or a step of it) failed, typed until the status bar words it in the UI
    /// language.
    pub error: Option<JobError>,
    /// Per-item problems, each naming the file and the problem.
    pub problems: Vec<String>,
    /// True when the user cancelled before the end.
    pub cancelled: bool,
    /// True when the archive changed and the timeline should be queried again.
    pub archive_changed: bool,
    /// For the extraction catch-up: (meetings found, articles read), so the UI can say it in its
    /// own language, and stay quiet when there was nothing to do.
    pub found: Option<(usize, usize)>,
}

/// Why a dialog was opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Choose files or folders to import.
    Import,
    /// Choose where to export.
    Export,
    /// Choose where to create a new, empty archive (File ▸ New archive…).
    NewArchive,
    /// Choose an archive file to open (File ▸ Open archive…).
    OpenArchive,
    /// Choose the inbox folder to watch (Inbox folder… ▸ Choose folder…).
    InboxFolder,
}

/// Messages from the worker and dialog threads to the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A job started; `total` items when known.
    Started {
        /// "Import" / "Export".
        what: String,
        /// Number of items, if known up front.
        total: Option<usize>,
    },
    /// `done` of `total` items processed; `current` names the item being processed.
    Progress {
        /// Items done.
        done: usize,
        /// Items in all.
        total: usize,
        /// The file being processed.
        current: String,
    },
    /// The job ended (completed, cancelled, or partly failed: see the summary).
    Finished(Summary),
    /// A file dialog closed. `chosen` is `None` when nothing was chosen; `unavailable` is true when
    /// it returned so fast that no dialog can have been shown (no portal, no zenity).
    Dialog {
        /// Why it was opened.
        purpose: DialogPurpose,
        /// The chosen paths.
        chosen: Option<Vec<PathBuf>>,
        /// No dialog could be shown.
        unavailable: bool,
    },
}

/// Reports progress from inside a job and tells whether to stop.
pub struct Progress<'a> {
    tx: &'a Sender<Event>,
    cancel: &'a AtomicBool,
    ctx: Option<&'a eframe::egui::Context>,
    lang: UiLang,
}

impl Progress<'_> {
    /// The UI language when the job started ([`Worker::set_lang`]): status lines are written in
    /// it.
    pub fn lang(&self) -> UiLang {
        self.lang
    }

    /// Tells the status bar that a new stage began (`what`, shown beside the progress bar).
    pub fn started(&self, what: &str, total: Option<usize>) {
        let _ = self.tx.send(Event::Started {
            what: what.to_owned(),
            total,
        });
        if let Some(ctx) = self.ctx {
            ctx.request_repaint();
        }
    }

    /// Sends a progress event and wakes the UI.
    pub fn report(&self, done: usize, total: usize, current: &str) {
        let _ = self.tx.send(Event::Progress {
            done,
            total,
            current: current.to_owned(),
        });
        if let Some(ctx) = self.ctx {
            ctx.request_repaint();
        }
    }

    /// True once the user pressed Cancel.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The cancel flag itself, for library functions that take one (`import::import_paths`).
    pub fn cancel_flag(&self) -> &AtomicBool {
        self.cancel
    }
}

/// Runs jobs on the worker thread (owns the archive's write side).
pub trait JobRunner: Send + 'static {
    /// Runs `job` to its end or until `progress.cancelled()`, returning what it did.
    fn run(&mut self, job: Job, progress: &Progress<'_>) -> Summary;
}

/// Handle the UI keeps: send jobs, poll events, cancel.
pub struct Worker {
    jobs: Sender<Job>,
    events_tx: Sender<Event>,
    events: Receiver<Event>,
    cancel: Arc<AtomicBool>,
    /// True while the UI is in Arabic (read by each job as it starts).
    arabic: Arc<AtomicBool>,
    /// The kind of the job between [`Self::try_submit`] and its [`Event::Finished`].
    running: Option<JobKind>,
    /// The file dialog open now (between [`Self::try_open_dialog`] and its [`Event::Dialog`]).
    dialog: Option<DialogPurpose>,
    ctx: Option<eframe::egui::Context>,
}

impl Worker {
    /// Starts the worker thread with `runner`. `ctx`, when given, is woken on every event.
    pub fn spawn(mut runner: Box<dyn JobRunner>, ctx: Option<eframe::egui::Context>) -> Self {
        let (jobs_tx, jobs_rx) = unbounded::<Job>();
        let (events_tx, events_rx) = unbounded::<Event>();
        let cancel = Arc::new(AtomicBool::new(false));
        let thread_cancel = Arc::clone(&cancel);
        let arabic = Arc::new(AtomicBool::new(false));
        let thread_arabic = Arc::clone(&arabic);
        let thread_tx = events_tx.clone();
        let thread_ctx = ctx.clone();
        std::thread::Builder::new()
            .name("arshif-worker".into())
            .spawn(move || {
                for job in jobs_rx {
                    let progress = Progress {
                        tx: &thread_tx,
                        cancel: &thread_cancel,
                        ctx: thread_ctx.as_ref(),
                        lang: if thread_arabic.load(Ordering::Relaxed) {
                            UiLang::Ar
                        } else {
                            UiLang::En
                        },
                    };
                    let summary = runner.run(job, &progress);
                    let _ = thread_tx.send(Event::Finished(summary));
                    if let Some(ctx) = &thread_ctx {
                        ctx.request_repaint();
                    }
                }
            })
            .expect("spawning the worker thread");
        Self {
            jobs: jobs_tx,
            events_tx,
            events: events_rx,
            cancel,
            arabic,
            running: None,
            dialog: None,
            ctx,
        }
    }

    /// The UI language the next jobs write their status lines in.
    pub fn set_lang(&self, lang: UiLang) {
        self.arabic.store(lang == UiLang::Ar, Ordering::Relaxed);
    }

    /// Queues `job`. Returns false (and does nothing) while another job runs: see
    /// [`Self::try_submit`] for why.
    pub fn submit(&mut self, job: Job) -> bool {
        self.try_submit(job).is_ok()
    }

    /// Queues `job`, or refuses it while another job runs (one at a time: never two jobs of one
    /// kind, and no job queued behind another), naming the running job's kind.
    pub fn try_submit(&mut self, job: Job) -> Result<(), Refused> {
        if let Some(kind) = self.running {
            return Err(Refused::Running(kind));
        }
        // Reset here, not when the job starts: a Cancel pressed right after submitting counts.
        self.cancel.store(false, Ordering::Relaxed);
        let kind = job.kind();
        if self.jobs.send(job).is_ok() {
            self.running = Some(kind);
        }
        Ok(())
    }

    /// True between [`Self::submit`] and the job's [`Event::Finished`].
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// The kind of the job running (or queued and about to run), if any.
    pub fn running(&self) -> Option<JobKind> {
        self.running
    }

    /// The file dialog open now, if any.
    pub fn dialog(&self) -> Option<DialogPurpose> {
        self.dialog
    }

    /// Asks the running job to stop at its next check.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Events that arrived since the last call (never blocks).
    pub fn poll(&mut self) -> Vec<Event> {
        let events: Vec<Event> = self.events.try_iter().collect();
        for e in &events {
            self.note(e);
        }
        events
    }

    /// Blocks until the running job finishes or `timeout` passes, collecting its events (for tests
    /// and the CLI; the UI uses [`Self::poll`]).
    pub fn wait(&mut self, timeout: Duration) -> Vec<Event> {
        let deadline = Instant::now() + timeout;
        let mut out = Vec::new();
        while let Ok(e) = self
            .events
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            let done = matches!(e, Event::Finished(_));
            self.note(&e);
            out.push(e);
            if done {
                break;
            }
        }
        out
    }

    /// What a job's end or a dialog's answer frees.
    fn note(&mut self, e: &Event) {
        match e {
            Event::Finished(_) => self.running = None,
            Event::Dialog { .. } => self.dialog = None,
            _ => {}
        }
    }

    /// Opens a native file dialog on its own thread (never the UI thread); the answer comes back as
    /// [`Event::Dialog`]. `dialog` runs the dialog and returns the chosen paths. Refused (the
    /// closure dropped unrun) while another dialog is open: one at a time.
    pub fn try_open_dialog(
        &mut self,
        purpose: DialogPurpose,
        dialog: impl FnOnce() -> Option<Vec<PathBuf>> + Send + 'static,
    ) -> Result<(), Refused> {
        if let Some(open) = self.dialog {
            return Err(Refused::DialogOpen(open));
        }
        self.dialog = Some(purpose);
        let tx = self.events_tx.clone();
        let ctx = self.ctx.clone();
        std::thread::Builder::new()
            .name("arshif-dialog".into())
            .spawn(move || {
                let started = Instant::now();
                let chosen = dialog();
                // A real dialog takes a person at least this long; returning faster with nothing
                // means no portal and no zenity could show one.
                let unavailable =
                    chosen.is_none() && started.elapsed() < Duration::from_millis(400);
                let _ = tx.send(Event::Dialog {
                    purpose,
                    chosen,
                    unavailable,
                });
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            })
            .expect("spawning the dialog thread");
        Ok(())
    }
}

/// The system's file dialog for `purpose` (rfd, xdg portal or zenity). Blocks: call it through
/// [`Worker::try_open_dialog`].
pub fn native_dialog(purpose: DialogPurpose) -> Option<Vec<PathBuf>> {
    match purpose {
        DialogPurpose::Import => rfd::FileDialog::new()
            .set_title("Arshif: import articles")
            .add_filter("Articles", &["txt", "md", "html", "htm", "json", "csv"])
            .pick_files(),
        DialogPurpose::Export => {
            native_export_dialog(crate::ui::settings::DEFAULT_EXPORT_FORMAT, "arshif.csv")
        }
        DialogPurpose::NewArchive => rfd::FileDialog::new()
            .set_title("Arshif: new archive")
            .set_file_name("arshif.sqlite")
            .add_filter("Arshif archive", &["sqlite", "db"])
            .save_file()
            .map(|p| vec![p]),
        DialogPurpose::OpenArchive => rfd::FileDialog::new()
            .set_title("Arshif: open an archive")
            .add_filter("Arshif archive", &["sqlite", "db"])
            .pick_file()
            .map(|p| vec![p]),
        DialogPurpose::InboxFolder => rfd::FileDialog::new()
            .set_title("Arshif: inbox folder (articles saved into it are imported)")
            .pick_folder()
            .map(|p| vec![p]),
    }
}

/// The system's save dialog for an export in `format` (chosen by name in the Export popup):
/// `file_name` suggested, the format's extension as the filter. Blocks: call it through
/// [`Worker::try_open_dialog`] with [`DialogPurpose::Export`].
pub fn native_export_dialog(
    format: crate::export::Format,
    file_name: &str,
) -> Option<Vec<PathBuf>> {
    rfd::FileDialog::new()
        .set_title("Arshif: export the filtered timeline")
        .set_file_name(file_name)
        .add_filter(format.description(), &[format.extension()])
        .save_file()
        .map(|p| vec![p])
}

/// Runs jobs against the archive file: imports with [`crate::pipeline::import_and_extract`] and
/// exports with [`crate::pipeline::export_to_file`], through the worker's OWN connection (opened
/// on first use, so the UI's
/// reads never wait on it: WAL).
///
/// The connection is the archive's one [`Writer`] in this process, shared with the inbox folder's
/// imports: a job holds it for its whole run (and says it waits while an inbox batch holds it).
/// A job that fails because another process holds the archive's lock past SQLite's busy timeout
/// is run again (up to [`LOCK_RETRIES`] times), the status bar saying "another Arshif is writing
/// to this archive; waiting…", never an error for a lock.
pub struct StoreRunner {
    path: PathBuf,
    writer: Writer,
    /// The writer's connection while a job runs (taken from the writer, put back after).
    store: Option<crate::store::Store>,
    extractor: Option<crate::extract::Extractor>,
}

/// How many times a job refused by another process's lock is run again (each try waits up to
/// [`crate::store::BUSY_TIMEOUT`] inside SQLite first): about a minute in all.
pub const LOCK_RETRIES: usize = 12;

/// True when `summary` failed only because another connection held the archive's lock past the
/// busy timeout (SQLite's "database is locked" / "database is busy").
pub fn failed_on_lock(summary: &Summary) -> bool {
    let locked = |t: &str| t.contains("database is locked") || t.contains("database is busy");
    summary
        .error
        .as_ref()
        .is_some_and(|e| e.cause().chain().any(|c| locked(&c.to_string())))
        || summary.problems.iter().any(|p| locked(p))
}

impl StoreRunner {
    /// A runner writing to the archive at `path` through its [`Writer`] (the one the inbox folder
    /// shares in this process).
    pub fn new(path: PathBuf) -> Self {
        let writer = Writer::for_archive(&path);
        Self {
            path,
            writer,
            store: None,
            extractor: None,
        }
    }

    /// The archive's writer this runner writes through.
    pub fn writer(&self) -> &Writer {
        &self.writer
    }

    /// Exports through the one export path ([`crate::pipeline::export_to_file`], as `arshif
    /// export` does) exactly the rows the timeline shows (the same filter), in `format`.
    fn export_store(
        &mut self,
        path: &Path,
        filter: &Filter,
        format: crate::export::Format,
        options: &crate::export::ExportOptions,
    ) -> Summary {
        let q = super::filter::for_query(filter);
        let result = self.store().and_then(|store| {
            crate::pipeline::export_to_file(store, &q, format, options, path)
                .map_err(|e| e.to_string())
        });
        match result {
            Ok(s) => Summary {
                headline: format!("{s}, to {}", path.display()),
                headline_ar: Some(format!(
                    "صُدِّر إلى \u{2066}{}\u{2069}: {}",
                    path.display(),
                    super::i18n::count(super::UiLang::Ar, s.written, super::i18n::Noun::Meeting)
                )),
                ..Default::default()
            },
            Err(e) => Summary {
                headline: format!("Export to {} failed", path.display()),
                headline_ar: Some(format!(
                    "فشل التصدير إلى \u{2066}{}\u{2069}",
                    path.display()
                )),
                problems: vec![e],
                ..Default::default()
            },
        }
    }

    /// The worker's connection to the archive, opened on first use.
    fn open_store(&mut self) -> Result<&mut crate::store::Store, JobError> {
        if self.store.is_none() {
            let store =
                crate::store::Store::open(&self.path).map_err(|e| JobError::new(Step::Job, e))?;
            self.store = Some(store);
        }
        Ok(self.store.as_mut().expect("just opened"))
    }

    /// [`StoreRunner::open_store`] for the export, which still words its errors itself.
    fn store(&mut self) -> Result<&mut crate::store::Store, String> {
        self.open_store().map_err(|e| e.to_string())
    }

    /// An extractor over the shipped gazetteer plus the user's additions (aliases, officials)
    /// kept in the archive ([`crate::pipeline::archive_extractor`]).
    fn new_extractor(&mut self) -> crate::extract::Extractor {
        self.open_store()
            .ok()
            .and_then(|s| crate::pipeline::archive_extractor(s).ok())
            .unwrap_or_else(|| {
                crate::extract::Extractor::new(&crate::gazetteer::Gazetteer::shipped())
            })
    }

    /// The cached extractor, taken out while the store is borrowed mutably (put it back in
    /// `self.extractor` afterwards).
    fn take_extractor(&mut self) -> crate::extract::Extractor {
        match self.extractor.take() {
            Some(x) => x,
            None => self.new_extractor(),
        }
    }

    /// The gazetteer extraction uses now (building the extractor if needed): names the people
    /// and topics in status lines.
    fn gazetteer(&mut self) -> &crate::gazetteer::Gazetteer {
        if self.extractor.is_none() {
            self.extractor = Some(self.new_extractor());
        }
        self.extractor.as_ref().expect("just built").gazetteer()
    }

    /// Runs the extraction catch-up; returns (articles read, meetings stored, cancelled).
    fn extract(
        &mut self,
        progress: &Progress<'_>,
    ) -> Result<crate::pipeline::ExtractReport, JobError> {
        let extractor = self.take_extractor();
        let result = self.open_store().and_then(|store| {
            crate::pipeline::extract_pending(
                store,
                &extractor,
                &mut |done, total| progress.report(done, total, "finding meetings"),
                progress.cancel_flag(),
            )
            .map_err(|e| JobError::new(Step::Job, e))
        });
        self.extractor = Some(extractor);
        result
    }

    /// Runs one edit-log operation (`op` on the write connection), then the extraction it needs
    /// (an article date or a gazetteer change: every article concerned is read again, with
    /// progress). The summary's headline is "`done`: the edit in words" in the UI language
    /// ("Corrected: the meeting's place: Rome"), plus, after a gazetteer change, how many
    /// articles were read again and in how many meetings the person is now found.
    fn edit(
        &mut self,
        done: &'static str,
        op: impl FnOnce(
            &crate::store::Store,
        ) -> Result<Option<crate::edits::Applied>, crate::edits::EditError>,
        progress: &Progress<'_>,
    ) -> Summary {
        let lang = progress.lang();
        let applied = self
            .open_store()
            .and_then(|store| op(store).map_err(|e| JobError::new(Step::Job, e)));
        match applied {
            Ok(None) => Summary {
                headline: tr(
                    lang,
                    if done == "Redone" {
                        "Nothing to redo"
                    } else {
                        "Nothing to undo"
                    },
                )
                .to_owned(),
                ..Default::default()
            },
            Ok(Some(a)) => {
                if a.gazetteer_changed {
                    self.extractor = None;
                }
                let mut error = None;
                let mut after = String::new();
                if a.needs_extraction() {
                    progress.started(tr(lang, "Finding meetings again"), None);
                    match self.extract(progress) {
                        Ok(x) if a.gazetteer_changed => {
                            after = format!(
                                "; {}",
                                tr(lang, "{} articles read again").replacen(
                                    "{}",
                                    &x.articles.to_string(),
                                    1
                                )
                            );
                        }
                        Ok(_) => {}
                        Err(e) => error = Some(e.during(Step::FindingMeetingsAgain)),
                    }
                }
                let person = match &a.edit {
                    crate::edits::Edit::AddOfficial { person } => Some(person.id.clone()),
                    crate::edits::Edit::AddAlias {
                        entity: crate::edits::EntityKind::Person,
                        key,
                        ..
                    } => Some(key.clone()),
                    _ => None,
                };
                if let Some(key) = person
                    && let Ok(store) = self.open_store()
                {
                    let f = crate::query::Filter {
                        officials: [key].into_iter().collect(),
                        ..Default::default()
                    };
                    if let Ok(rows) = crate::query::timeline(store, &f) {
                        after.push_str(&format!(
                            ", {}",
                            tr(lang, "found in {} meetings").replacen(
                                "{}",
                                &rows.len().to_string(),
                                1
                            )
                        ));
                    }
                }
                let what = super::edit_words::describe_edit(&a.edit, lang, Some(self.gazetteer()));
                Summary {
                    headline: format!("{}: {what}{after}", tr(lang, done)),
                    error,
                    archive_changed: true,
                    ..Default::default()
                }
            }
            Err(e) => Summary {
                headline: format!("{}: {}", tr(lang, done), tr(lang, "failed")),
                error: Some(e),
                ..Default::default()
            },
        }
    }

    fn import(&mut self, paths: &[PathBuf], progress: &Progress<'_>) -> Summary {
        let extractor = self.take_extractor();
        let store = match self.open_store() {
            Ok(s) => s,
            Err(e) => {
                self.extractor = Some(extractor);
                return Summary {
                    headline: "Import failed: the archive could not be opened".into(),
                    headline_ar: Some("فشل الاستيراد: تعذّر فتح الأرشيف".into()),
                    error: Some(e),
                    ..Default::default()
                };
            }
        };
        let mut report_progress = |p: &crate::import::Progress| {
            progress.report(p.done, p.total, &p.current);
        };
        // The one import path of the app, `arshif import` and the inbox folder.
        let run = crate::pipeline::import_and_extract(
            store,
            &extractor,
            paths,
            &mut report_progress,
            &mut |done, total| progress.report(done, total, "finding meetings"),
            progress.cancel_flag(),
        );
        self.extractor = Some(extractor);
        match run {
            Ok(crate::pipeline::ImportRun { import: r, found }) => {
                let en = |n, noun| super::i18n::count(super::UiLang::En, n, noun);
                use super::i18n::Noun;
                let (found, found_ar) = match found {
                    Ok(x) if r.imported > 0 && !r.cancelled => (
                        format!("; {} found", en(x.meetings, Noun::Meeting)),
                        format!(" · لقاءات وُجدت: {}", x.meetings),
                    ),
                    Ok(_) => (String::new(), String::new()),
                    Err(e) => (
                        format!("; finding meetings failed: {e}"),
                        format!(" · فشل استخراج اللقاءات: {e}"),
                    ),
                };
                let problems = r
                    .files
                    .iter()
                    .filter(|f| f.outcome == crate::import::Outcome::Failed)
                    .map(|f| {
                        f.reason
                            .clone()
                            .unwrap_or_else(|| format!("{}: failed", f.path))
                    })
                    .collect();
                Summary {
                    headline: format!(
                        "{}{} imported; {} already in the archive, {} failed, {} skipped{found}",
                        if r.cancelled { "Cancelled. " } else { "" },
                        en(r.imported, Noun::Article),
                        r.duplicates,
                        r.failed,
                        r.skipped
                    ),
                    // Label: number pairs read naturally in Arabic without number agreement.
                    headline_ar: Some(format!(
                        "{}الاستيراد: جديدة {} · موجودة في الأرشيف {} · فشلت {} · تُخطّيت {}{found_ar}",
                        if r.cancelled { "أُلغي. " } else { "" },
                        r.imported,
                        r.duplicates,
                        r.failed,
                        r.skipped
                    )),
                    problems,
                    cancelled: r.cancelled,
                    archive_changed: r.imported > 0,
                    found: None,
                    error: None,
                }
            }
            Err(e) => Summary {
                headline: "Import stopped: the archive failed".into(),
                headline_ar: Some("توقف الاستيراد: تعطّل الأرشيف".into()),
                error: Some(JobError::new(Step::Job, e)),
                archive_changed: true,
                ..Default::default()
            },
        }
    }
}

impl JobRunner for StoreRunner {
    /// Runs `job` holding the archive's writer (waiting, and saying so, while the inbox folder's
    /// import holds it); runs it again while another process's lock makes it fail.
    fn run(&mut self, job: Job, progress: &Progress<'_>) -> Summary {
        let writer = self.writer.clone();
        let mut turn = match writer.try_turn() {
            Some(t) => t,
            None => {
                progress.started(
                    tr(progress.lang(), "Waiting for the inbox folder's import…"),
                    None,
                );
                writer.turn()
            }
        };
        self.store = turn.take();
        let mut summary = self.run_once(job.clone(), progress);
        for _ in 0..LOCK_RETRIES {
            if !failed_on_lock(&summary) || progress.cancelled() {
                break;
            }
            progress.started(
                tr(
                    progress.lang(),
                    "Another Arshif is writing to this archive; waiting…",
                ),
                None,
            );
            std::thread::sleep(Duration::from_millis(500));
            summary = self.run_once(job.clone(), progress);
        }
        turn.put(self.store.take());
        summary
    }
}

impl StoreRunner {
    fn run_once(&mut self, job: Job, progress: &Progress<'_>) -> Summary {
        match job {
            Job::Import { paths } => self.import(&paths, progress),
            Job::Extract => match self.extract(progress) {
                Ok(x) => Summary {
                    headline: format!(
                        "{}Found {} meetings in {} articles",
                        if x.cancelled { "Cancelled. " } else { "" },
                        x.meetings,
                        x.articles
                    ),
                    cancelled: x.cancelled,
                    archive_changed: x.articles > 0,
                    found: Some((x.meetings, x.articles)),
                    ..Default::default()
                },
                Err(e) => Summary {
                    headline: "Finding meetings failed".into(),
                    headline_ar: Some("فشل استخراج اللقاءات".into()),
                    error: Some(e),
                    ..Default::default()
                },
            },
            Job::Edit { meeting_id, change } => self.edit(
                "Corrected",
                |conn| {
                    let target = crate::edits::meeting_ref(conn, meeting_id as i64)?;
                    let edit = crate::edits::Edit::Meeting { target, change };
                    crate::edits::apply(conn, &edit).map(Some)
                },
                progress,
            ),
            Job::ArticleDate { meeting_id, date } => self.edit(
                "Dated",
                |conn| {
                    let target = crate::edits::meeting_ref(conn, meeting_id as i64)?;
                    let edit = crate::edits::Edit::ArticleDate {
                        article_id: target.article_id,
                        date: Some(date),
                    };
                    crate::edits::apply(conn, &edit).map(Some)
                },
                progress,
            ),
            Job::Apply { edit } => self.edit(
                match edit {
                    crate::edits::Edit::AddAlias { .. }
                    | crate::edits::Edit::AddOfficial { .. } => "Added",
                    _ => "Corrected",
                },
                |conn| crate::edits::apply(conn, &edit).map(Some),
                progress,
            ),
            Job::Undo => self.edit("Undone", crate::edits::undo, progress),
            Job::Redo => self.edit("Redone", crate::edits::redo, progress),
            Job::Export {
                path,
                filter,
                format,
                options,
            } => self.export_store(&path, &filter, format, &options),
        }
    }
}

#[cfg(test)]
mod tests;
