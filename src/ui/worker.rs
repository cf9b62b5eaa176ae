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
    /// Back the archive up to `path` (File ▸ Back up…) with [`crate::store::Store::backup_to`]:
    /// SQLite's online backup, consistent while other connections write.
    Backup {
        /// The backup file to write (replaced only once the new copy is complete).
        path: PathBuf,
    },
    /// Replace the archive with the backup at `path` (File ▸ Restore from backup…, after the
    /// user confirmed) with [`crate::store::backup::restore_from`]: the current archive is kept as
    /// `ARCHIVE.before-restore.bak`, the swap is one write transaction.
    Restore {
        /// The backup file to restore.
        path: PathBuf,
    },
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
            Job::Backup { .. } => JobKind::Backup,
            Job::Restore { .. } => JobKind::Restore,
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
    /// [`Job::Backup`].
    Backup,
    /// [`Job::Restore`].
    Restore,
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
    /// Choose where to write a backup (File ▸ Back up…).
    Backup,
    /// Choose a backup to restore (File ▸ Restore from backup…).
    Restore,
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
        DialogPurpose::Backup => rfd::FileDialog::new()
            .set_title("Arshif: back up the archive")
            .set_file_name(backup_file_name(chrono::Local::now().date_naive()))
            .add_filter("Arshif archive", &["sqlite", "db"])
            .save_file()
            .map(|p| vec![p]),
        DialogPurpose::Restore => rfd::FileDialog::new()
            .set_title("Arshif: restore the archive from a backup")
            .add_filter("Arshif archive", &["sqlite", "db", "bak"])
            .pick_file()
            .map(|p| vec![p]),
    }
}

/// The file name File ▸ Back up… suggests: `arshif-backup-YYYY-MM-DD.sqlite` (the local date).
pub fn backup_file_name(day: chrono::NaiveDate) -> String {
    format!("arshif-backup-{}.sqlite", day.format("%Y-%m-%d"))
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

mod store_runner;
pub use store_runner::{LOCK_RETRIES, StoreRunner};

#[cfg(test)]
mod tests;
