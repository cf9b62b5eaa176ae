//! The app shell: which panel is drawn where and in what order, and what happens on worker
//! events, keys, dropped files and the panels' [`Action`]s.
//!
//! The panels (in [`crate::ui::panels`], one file each) read a [`Timeline`] queried when the
//! filter changes (never per frame) and hand long work to the [`Worker`]. With the Arabic UI the
//! layout mirrors: the filter panel moves to the right, the reader to the left, and text aligns
//! right.

use std::path::{Path, PathBuf};

use eframe::egui::{self, Color32, FontId, Key, KeyboardShortcut, Modifiers, Ui};

use super::actions::{Blocked, Running, UserAction};
use super::bidi::{self, BidiStyle};
use super::i18n::{UiLang, tr};
use super::model::{Archive, MeetingCard, Timeline, TimelineFacets};
use super::panels::Action;
pub use super::panels::export::ExportDialogFn;
use super::panels::export::{self as export_panel, ExportPanel, ExportView};
use super::panels::filters::FilterPanel;
use super::panels::overview::Overview;
use super::panels::reader::{OpenMeeting, Reader, ReaderView};
use super::panels::status_bar::{self, RunningJob, StatusBar, StatusView};
use super::panels::timeline::{TimelineList, TimelineView};
use super::panels::top_bar::{TopBar, TopBarView};
use super::reads::{OpenArchive, Reads, Reply};
use super::widgets::direction;
use super::worker::{DialogPurpose, Event, Job, Refused, Summary, Worker};
use crate::query::Filter;

pub use super::panels::inbox::InboxWatch;
pub use super::settings::{RECENT_MAX, SETTINGS_KEY, Settings};

mod frame;
mod jobs;
mod replies;

/// Opens the archive file at `path` for the app (creating an empty one when missing): how the
/// reads thread opens the timeline's read connection (run there, so a migration or a slow disk
/// never holds a frame), and a worker writing to it (it opens its own connection when its
/// first job comes). Used by File ▸ New, Open and Recent; see [`crate::ui::store_opener`].
pub type OpenerFn =
    std::sync::Arc<dyn Fn(&Path) -> anyhow::Result<(OpenArchive, Worker)> + Send + Sync>;

/// Ctrl+G: who met whom (the network under the filter).
pub const SHORTCUT_NETWORK: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::G);
/// Ctrl+F: focus the search field.
pub const SHORTCUT_SEARCH: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// Ctrl+I: import.
pub const SHORTCUT_IMPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::I);
/// Ctrl+E: export.
pub const SHORTCUT_EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// Ctrl+Z: undo the newest correction (kept in the archive: works after a restart).
pub const SHORTCUT_UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Ctrl+Shift+Z: redo the correction undone last.
pub const SHORTCUT_REDO: KeyboardShortcut = KeyboardShortcut::new(
    Modifiers {
        shift: true,
        ..Modifiers::COMMAND
    },
    Key::Z,
);

/// What a job says while another process holds the archive's write lock (the worker's words).
const WAITING_FOR_WRITER: &str = "Another Arshif is writing to this archive; waiting…";

/// How file dialogs are opened: the system dialog, or a stand-in (tests).
pub type DialogFn = std::sync::Arc<dyn Fn(DialogPurpose) -> Option<Vec<PathBuf>> + Send + Sync>;

/// The timeline as last queried, and what it was queried for.
#[derive(Default)]
struct QueryCache {
    /// `archive.describe()`, sent by the reads thread once the archive is open.
    described: String,
    timeline: Timeline,
    /// The filter last asked for (its timeline may still be on its way); `None`: ask again
    /// before the next frame.
    queried: Option<Filter>,
    /// The filter of the last request (kept when `queried` is reset): asked again, the list
    /// keeps the pages it had loaded.
    last_asked: Option<Filter>,
    /// Open this meeting once the timeline has been queried again.
    pending_open: Option<u64>,
    /// Open the first card once the timeline arrives ([`ArshifApp::open_first`]).
    open_first: bool,
    /// Start the extraction catch-up once the archive is open ([`ArshifApp::start_extract`]).
    extract_when_open: bool,
    /// The meeting (card id) whose article the reads thread is reading.
    reading: Option<u64>,
    /// The overview strip's month (index) to scroll to once the pages up to it are loaded.
    jump_to: Option<i32>,
}

/// Long work: the worker, file dialogs, and what they report to the status bar.
struct Jobs {
    worker: Worker,
    dialog: DialogFn,
    export_dialog: Option<ExportDialogFn>,
    running: Option<RunningJob>,
    summary: Option<Summary>,
    /// A message for the status bar (in red).
    error: Option<String>,
    /// The error came from reading the timeline: the next timeline that reads cleanly clears
    /// it (other errors stay until the next action).
    read_error: bool,
    /// The dialog that could not be shown (the status bar offers a typed path instead).
    dialog_unavailable: Option<DialogPurpose>,
    /// The last action refused because something of its kind (or a dialog, or a job) runs:
    /// its word stays in the status bar until a job ends or a dialog answers.
    refused: Option<Blocked>,
    /// Why the archive is open read-only, when it is: write actions are refused.
    read_only: Option<String>,
    /// The backup chosen in File ▸ Restore from backup…, while the app asks whether to replace
    /// the archive with it.
    pending_restore: Option<PathBuf>,
    /// What the job said before it had to wait for another writer: said again once it goes on.
    before_wait: Option<RunningJob>,
}

/// Each panel's own state.
#[derive(Default)]
struct Panels {
    top_bar: TopBar,
    filters: FilterPanel,
    /// The timeline list's geometry and cursor.
    list: TimelineList,
    /// The density strip over the filtered meetings (rebuilt with the timeline).
    overview: Overview,
    reader: Reader,
    status: StatusBar,
    /// The inbox folder's watcher (follows `settings.inbox` and the archive file).
    inbox: InboxWatch,
    /// The Export popup (formats by name).
    export: ExportPanel,
    /// Pages of officials, bodies, countries, topics and the network, over the timeline.
    pages: super::panels::page::PagePanel,
}

/// The archive file open now, and how to open another.
#[derive(Default)]
struct Files {
    /// Reopens the app on another archive file (`None`: File ▸ New/Open are unavailable).
    opener: Option<OpenerFn>,
    /// The archive file open now, when known.
    path: Option<PathBuf>,
    /// While a switched-to archive opens on the reads thread: the one open before, reopened
    /// when the new one fails.
    switching_from: Option<PathBuf>,
}

/// The Arshif app.
pub struct ArshifApp {
    /// The archive's reads, on their own thread ([`Reads`]): no frame waits on SQLite.
    reads: Reads,
    /// Remembered settings (language, theme, filter with its order, recent files, inbox).
    pub settings: Settings,
    query: QueryCache,
    jobs: Jobs,
    panels: Panels,
    files: Files,
    /// The theme last handed to egui (set again only when it changes).
    applied_theme: Option<bool>,
}

impl ArshifApp {
    /// An app over `archive`, running jobs on `worker`, opening dialogs with `dialog`. The
    /// archive moves to the reads thread; the first frames show "Loading…" until its timeline
    /// arrives.
    pub fn new(
        archive: Box<dyn Archive>,
        worker: Worker,
        dialog: DialogFn,
        settings: Settings,
    ) -> Self {
        Self::with_reads(Reads::over(archive), worker, dialog, settings)
    }

    /// An app whose archive `open` opens on the reads thread (creating, seeding or migrating it
    /// takes no frame): the window draws at once, then fills in. The extraction catch-up starts
    /// once the archive is open; an error opening it is shown in the status bar.
    pub fn opening(
        open: OpenArchive,
        worker: Worker,
        dialog: DialogFn,
        settings: Settings,
    ) -> Self {
        let mut app = Self::with_reads(Reads::spawn(open), worker, dialog, settings);
        app.query.extract_when_open = true;
        app
    }

    fn with_reads(reads: Reads, worker: Worker, dialog: DialogFn, settings: Settings) -> Self {
        let panels = Panels {
            filters: FilterPanel::for_filter(&settings.filter),
            ..Default::default()
        };
        Self {
            reads,
            settings,
            query: QueryCache::default(),
            jobs: Jobs {
                worker,
                dialog,
                export_dialog: None,
                running: None,
                summary: None,
                error: None,
                read_error: false,
                dialog_unavailable: None,
                refused: None,
                read_only: None,
                pending_restore: None,
                before_wait: None,
            },
            panels,
            files: Files::default(),
            applied_theme: None,
        }
    }

    /// Lets File ▸ New archive…, Open archive… and Recent archives reopen the app through
    /// `opener`; `current` is the archive file open now (remembered as the newest recent one).
    pub fn with_opener(mut self, opener: OpenerFn, current: PathBuf) -> Self {
        self.files.opener = Some(opener);
        self.remember(current.clone());
        self.files.path = Some(current);
        self
    }

    /// Asks `dialog` where to export (format and suggested name known), not the [`DialogFn`].
    pub fn with_export_dialog(mut self, dialog: ExportDialogFn) -> Self {
        self.jobs.export_dialog = Some(dialog);
        self
    }

    /// The archive file open now, when known.
    pub fn archive_path(&self) -> Option<&Path> {
        self.files.path.as_deref()
    }

    fn remember(&mut self, path: PathBuf) {
        let recent = &mut self.settings.recent;
        recent.retain(|p| *p != path);
        recent.insert(0, path);
        recent.truncate(RECENT_MAX);
    }

    /// Reopens the app on the archive file at `path`: a new read connection for the timeline and
    /// a new worker writing to it (the old ones close), the filter cleared, the reader closed,
    /// the path remembered in Recent archives, then the extraction catch-up. `create`: File ▸
    /// New archive… (the file must not exist yet); otherwise the file must exist. The file is
    /// opened (and migrated) on the reads thread: the window says "Opening the archive…"
    /// meanwhile. When it cannot be opened the error is shown and the archive open before is
    /// reopened. Returns false when the switch was refused at once (nothing changed).
    pub fn switch_archive(&mut self, path: PathBuf, create: bool) -> bool {
        let action = if create {
            UserAction::NewArchive
        } else {
            UserAction::RecentArchive
        };
        if !self.allow(action) {
            return false;
        }
        if create && path.exists() {
            self.jobs.error = Some(format!(
                "{} already exists: use File ▸ Open archive… to open it",
                path.display()
            ));
            return false;
        }
        if !create && !path.is_file() {
            self.jobs.error = Some(format!(
                "{}: there is no archive file there",
                path.display()
            ));
            return false;
        }
        // A switch during another switch keeps the archive last open for sure.
        let previous = self.files.switching_from.take().or(self.files.path.clone());
        if self.reopen(path) {
            self.files.switching_from = previous;
            self.jobs.error = None;
            true
        } else {
            false
        }
    }

    /// Points the app at the archive file at `path` (opened on the reads thread); false, with
    /// the error shown, when no opener is set or the worker cannot start.
    fn reopen(&mut self, path: PathBuf) -> bool {
        let Some(opener) = self.files.opener.clone() else {
            self.jobs.error = Some("This window cannot open another archive.".into());
            return false;
        };
        match opener(&path) {
            Ok((open, worker)) => {
                self.reads = Reads::spawn(open);
                self.jobs.worker = worker;
                self.jobs.read_only = super::read_only_reason(&path);
                self.remember(path.clone());
                self.files.path = Some(path);
                self.panels.reader = Reader::default();
                self.jobs.running = None;
                self.jobs.summary = None;
                self.jobs.refused = None;
                self.clear_all();
                self.query.queried = None;
                self.query.reading = None;
                // The catch-up starts once the reads thread has opened the file.
                self.query.extract_when_open = true;
                true
            }
            Err(e) => {
                self.jobs.error = Some(format!("{e:#}"));
                false
            }
        }
    }

    /// The timeline currently shown.
    pub fn timeline(&self) -> &Timeline {
        &self.query.timeline
    }

    /// The page or network shown over the timeline, if any.
    pub fn page(&self) -> Option<&super::panels::page::View> {
        self.panels.pages.current()
    }

    /// The meeting open in the reader, if any.
    pub fn open_meeting(&self) -> Option<u64> {
        self.panels.reader.open.as_ref().map(|o| o.id)
    }

    /// The last finished job's summary.
    pub fn summary(&self) -> Option<&Summary> {
        self.jobs.summary.as_ref()
    }

    /// True while the worker runs a job.
    pub fn busy(&self) -> bool {
        self.jobs.worker.busy()
    }

    /// What runs now (the dialog open, the worker's job) and whether the archive is read-only:
    /// the one place that decides whether an action may start ([`Running::blocked`]).
    pub fn running(&self) -> Running {
        Running {
            dialog: self.jobs.worker.dialog(),
            job: self.jobs.worker.running(),
            read_only: self.jobs.read_only.clone(),
        }
    }

    /// The word the status bar shows for the last action refused ("Import already running"),
    /// in the UI language.
    pub fn refused(&self) -> Option<String> {
        self.jobs.refused.as_ref().map(|b| b.message(self.lang()))
    }

    /// Marks the archive read-only (`why` in words, shown in a banner): write actions are
    /// refused from now on.
    pub fn set_read_only(&mut self, why: Option<String>) {
        self.jobs.read_only = why;
    }

    /// The error the status bar shows (a failed job, an archive that could not be opened), if
    /// any.
    pub fn error(&self) -> Option<&str> {
        self.jobs.error.as_deref()
    }

    /// Why the archive is open read-only, when it is.
    pub fn read_only(&self) -> Option<&str> {
        self.jobs.read_only.as_deref()
    }

    /// True (and nothing said) when `action` may start now; otherwise false, with the reason
    /// as the status bar's word.
    fn allow(&mut self, action: UserAction) -> bool {
        match self.running().blocked(action) {
            None => true,
            Some(b) => {
                self.jobs.refused = Some(b);
                false
            }
        }
    }

    /// Keeps the worker's refusal (it agrees with [`Self::allow`]; this covers a race within one
    /// frame) as the status bar's word.
    fn note_refusal(&mut self, r: Refused, action: UserAction) {
        self.jobs.refused = Some(match r {
            Refused::Running(kind) if action.job() == Some(kind) => Blocked::AlreadyRunning(action),
            Refused::Running(kind) => Blocked::JobRunning(kind),
            Refused::DialogOpen(p) if action.dialog() == Some(p) => Blocked::AlreadyRunning(action),
            Refused::DialogOpen(p) => Blocked::DialogOpen(p),
        });
    }

    /// True when the last dialog could not be shown and the typed-path field is offered.
    pub fn dialog_unavailable(&self) -> bool {
        self.jobs.dialog_unavailable.is_some()
    }

    /// The watcher's state (for tests and the menu).
    pub fn inbox(&self) -> &InboxWatch {
        &self.panels.inbox
    }

    /// Watches `folder` from now on (and on later runs); `None` stops watching.
    /// Refused (with the status bar's word) on an archive open read-only.
    pub fn set_inbox(&mut self, folder: Option<PathBuf>) {
        if folder.is_some() && self.jobs.read_only.is_some() && !self.allow(UserAction::InboxFolder)
        {
            return;
        }
        self.panels.inbox.reset();
        self.settings.inbox = folder;
    }

    /// The status line when no job runs: "2 meetings of 40 · 26 articles · archive path"
    /// ("Opening the archive…" until the reads thread has opened it).
    pub fn status_line(&self) -> String {
        if self.reads.opening() {
            return self.t("Opening the archive…").to_owned();
        }
        status_bar::status_line(&self.query.timeline, &self.query.described, self.lang())
    }

    fn lang(&self) -> UiLang {
        self.settings.lang
    }

    fn t(&self, key: &'static str) -> &'static str {
        tr(self.settings.lang, key)
    }
}
