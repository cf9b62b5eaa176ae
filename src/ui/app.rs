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

    /// Asks the reads thread for the timeline again if the filter changed since the last
    /// request (or the archive changed); the answer arrives in a later frame ([`Self::read`]).
    fn refresh(&mut self) {
        if self.query.queried.as_ref() == Some(&self.settings.filter) {
            return;
        }
        self.query.queried = Some(self.settings.filter.clone());
        self.panels.pages.archive_changed();
        let same = self.query.last_asked.as_ref() == Some(&self.settings.filter);
        let loaded = if same {
            self.query.timeline.cards.len()
        } else {
            0
        };
        self.query.last_asked = Some(self.settings.filter.clone());
        self.reads
            .timeline_keeping(self.settings.filter.clone(), loaded);
    }

    /// Takes what the reads thread answered (never waits).
    fn read(&mut self) {
        let replies = self.reads.poll();
        self.apply_replies(replies);
    }

    fn apply_replies(&mut self, replies: Vec<Reply>) {
        for reply in replies {
            match reply {
                Reply::Opened { described } => {
                    self.files.switching_from = None;
                    self.query.described = described;
                    if std::mem::take(&mut self.query.extract_when_open) {
                        self.start_extract();
                    }
                }
                Reply::OpenFailed(e) => {
                    self.query.extract_when_open = false;
                    self.query.open_first = false;
                    let failed = self.files.path.clone();
                    // A switch that failed: back to the archive open before, the error shown
                    // (and the file that failed left out of Recent archives).
                    if let Some(previous) = self.files.switching_from.take() {
                        if let Some(f) = &failed {
                            self.settings.recent.retain(|p| p != f);
                        }
                        self.reopen(previous);
                    }
                    self.jobs.error = Some(e);
                }
                Reply::Timeline {
                    result, external, ..
                } => self.timeline_arrived(result, external),
                Reply::More { offset, result, .. } => self.page_arrived(offset, result),
                Reply::Facets { result, .. } => self.facets_arrived(result),
                Reply::Article { result, .. } => {
                    let Some(open) = self.panels.reader.open.as_mut() else {
                        continue;
                    };
                    // A report switch reads another meeting row: the card stays open.
                    if self.query.reading != Some(open.id) {
                        continue;
                    }
                    let mut moved = None;
                    match result {
                        Ok(Some(article)) => {
                            // Grouped into another meeting since it was opened: follow it.
                            if article.event != open.id {
                                moved = Some(article.event);
                            }
                            open.article = Some(article);
                        }
                        Ok(None) => open.article = None,
                        Err(e) => {
                            self.jobs.error = Some(e);
                            open.article = None;
                        }
                    }
                    self.query.reading = None;
                    if let Some(event) = moved {
                        self.follow_open_meeting(event);
                    } else if self
                        .panels
                        .reader
                        .open
                        .as_ref()
                        .is_some_and(|o| o.article.is_none() && self.card_index(o.id).is_none())
                        && self.query.timeline.cards.len() >= self.query.timeline.matching
                    {
                        // Gone from the archive (re-extracted, deleted): nothing to show.
                        self.panels.reader.open = None;
                    }
                }
                Reply::EditContext(result) => match result {
                    Ok(c) => self.panels.reader.edit.set_context(c),
                    Err(e) => {
                        self.panels.reader.edit.set_context(None);
                        self.jobs.error = Some(e);
                    }
                },
                Reply::LinkEdit(result) => self.apply(Some(match result {
                    Ok(edit) => Action::Submit(super::worker::Job::Apply { edit }),
                    Err(e) => Action::Error(e),
                })),
            }
        }
    }

    /// A timeline answer: shown, the list and strip rebuilt, the open meeting read again.
    /// `external`: another connection wrote to the archive (its imports and edits show up).
    fn timeline_arrived(&mut self, result: Result<Timeline, String>, external: bool) {
        if external {
            self.panels.pages.archive_changed();
            self.panels.reader.edit.archive_changed();
        }
        let old = match result {
            Ok(mut t) => {
                if std::mem::take(&mut self.jobs.read_error) {
                    self.jobs.error = None;
                }
                // The counts follow (`Reply::Facets`): the filter panel keeps the previous ones
                // until then.
                let q = &mut self.query.timeline;
                if t.facets == Default::default() && t.per_year.is_empty() && t.undated == 0 {
                    t.facets = std::mem::take(&mut q.facets);
                    t.per_year = std::mem::take(&mut q.per_year);
                    t.undated = q.undated;
                }
                std::mem::replace(&mut self.query.timeline, t)
            }
            Err(e) => {
                self.jobs.error = Some(e);
                self.jobs.read_error = true;
                std::mem::take(&mut self.query.timeline)
            }
        };
        drop_off_thread(old);
        self.panels.list.rebuild(&self.query.timeline, self.lang());
        self.rebuild_overview();
        self.query.jump_to = None;
        let cards = &self.query.timeline.cards;
        let keep = self
            .panels
            .list
            .cursor
            .filter(|&c| external && c < cards.len());
        self.panels.list.cursor = if cards.is_empty() {
            None
        } else {
            Some(keep.unwrap_or(0))
        };
        if let Some(id) = self.query.pending_open.take() {
            match self.card_index(id) {
                Some(idx) => {
                    self.open_card(idx);
                    self.panels.list.scroll_to_cursor = true;
                }
                // On a later page: the reader shows it all the same.
                None => self.show_in_reader(id),
            }
        }
        if std::mem::take(&mut self.query.open_first) && self.open_meeting().is_none() {
            self.open_card(0);
        }
        if let Some(id) = self.open_meeting() {
            match self.card_index(id) {
                // Grouped into another meeting (the reply says which: followed there), on a
                // page not loaded yet, or gone (the reader then closes): read it again.
                None => self.show_in_reader(id),
                Some(idx) => {
                    // The archive changed (an edit, an import): read the open meeting again.
                    let cursor = self.panels.list.cursor;
                    self.open_card(idx);
                    self.panels.list.cursor = cursor;
                }
            }
        }
    }

    /// The facet counts of the timeline shown (read after its cards).
    fn facets_arrived(&mut self, result: Result<Option<TimelineFacets>, String>) {
        match result {
            Ok(Some(f)) => {
                let t = &mut self.query.timeline;
                t.facets = f.facets;
                t.per_year = f.per_year;
                t.undated = f.undated;
                self.rebuild_overview();
            }
            Ok(None) => {}
            Err(e) => self.jobs.error = Some(e),
        }
    }

    /// A further page of the timeline (rows from `offset` on): appended to the cards, the list
    /// and the strip, unless the cards changed meanwhile (a refresh answered first).
    fn page_arrived(&mut self, offset: usize, result: Result<Vec<MeetingCard>, String>) {
        let cards = match result {
            Ok(cards) => cards,
            Err(e) => {
                self.jobs.error = Some(e);
                return;
            }
        };
        let timeline = &mut self.query.timeline;
        if offset != timeline.cards.len() {
            return;
        }
        if cards.is_empty() {
            // Fewer rows than counted (another writer removed some): nothing more to ask for
            // until the re-read that writer's change brings.
            timeline.matching = offset;
            return;
        }
        timeline.cards.extend(cards);
        let lang = self.lang();
        self.panels.list.extend(&self.query.timeline, offset, lang);
        self.rebuild_overview();
        if let Some(month) = self.query.jump_to.take() {
            self.jump(month);
        }
    }

    /// The strip's bins: months of the loaded cards when all are loaded, else the years of all.
    fn rebuild_overview(&mut self) {
        let t = &self.query.timeline;
        self.panels.overview.rebuild(&t.cards);
        if t.cards.len() < t.matching {
            self.panels.overview.use_years(&t.per_year);
        }
    }

    /// Scrolls the list to the card nearest month `month` (an index) once the cards down to
    /// that month are loaded; until then asks for them.
    fn jump(&mut self, month: i32) {
        use super::panels::overview::month_index;
        let t = &self.query.timeline;
        let newest_first = self.settings.filter.order == crate::query::Order::NewestFirst;
        // The loaded cards reach past `month` (or every card is loaded).
        let reached = t.cards.len() >= t.matching
            || t.cards.last().is_some_and(|c| match c.date {
                None => true,
                Some(d) if newest_first => month_index(d) < month,
                Some(d) => month_index(d) > month,
            });
        if reached {
            if let Some(idx) = self.panels.overview.nearest_card(month) {
                self.panels.list.cursor = Some(idx);
                self.panels.list.scroll_to_cursor = true;
            }
        } else {
            self.query.jump_to = Some(month);
            self.reads.more(t.cards.len(), Some(month));
        }
    }

    /// Asks for the next page when the list has scrolled near the end of the loaded cards and
    /// more match.
    fn load_more(&mut self) {
        if let Some(month) = self.panels.list.jump.take() {
            self.jump(month);
        }
        if !std::mem::take(&mut self.panels.list.wants_more) {
            return;
        }
        let loaded = self.query.timeline.cards.len();
        if loaded < self.query.timeline.matching && !self.reads.timeline_pending() {
            self.reads.more(loaded, None);
        }
    }

    fn card_index(&self, id: u64) -> Option<usize> {
        self.query.timeline.cards.iter().position(|c| c.id == id)
    }

    /// Opens card `idx` in the reader: its article is asked of the reads thread (the article
    /// shown before stays, with a spinner, when the same meeting is read again).
    fn open_card(&mut self, idx: usize) {
        let Some(card) = self.query.timeline.cards.get(idx) else {
            return;
        };
        let id = card.id;
        self.panels.list.cursor = Some(idx);
        self.show_in_reader(id);
    }

    /// Opens meeting `id` in the reader, whether or not its card is loaded (a later page): the
    /// article already shown stays while the same meeting's is read again.
    fn show_in_reader(&mut self, id: u64) {
        let article = match self.panels.reader.open.take() {
            Some(o) if o.id == id => o.article,
            _ => None,
        };
        self.panels.reader.open = Some(OpenMeeting { id, article });
        self.query.reading = Some(id);
        self.reads.article(id);
    }

    /// The open meeting is now part of meeting `event` (a grouping folded it in): the reader
    /// and the list cursor move there.
    fn follow_open_meeting(&mut self, event: u64) {
        if let Some(open) = self.panels.reader.open.as_mut() {
            open.id = event;
        }
        if let Some(idx) = self.card_index(event) {
            self.panels.list.cursor = Some(idx);
            self.panels.list.scroll_to_cursor = true;
        }
    }

    /// Shows report `row` (another meeting row of the open meeting) in the reader.
    fn read_report(&mut self, row: u64) {
        if let Some(open) = &self.panels.reader.open {
            self.query.reading = Some(open.id);
            self.reads.article(row);
        }
    }

    /// True while anything the window shows is still being read (the archive opening, the
    /// timeline, the open article, the correction panel's context): the window draws
    /// meanwhile, with a spinner where results are pending.
    pub fn loading(&self) -> bool {
        self.reads.pending()
            || self.panels.pages.loading()
            || self.query.queried.as_ref() != Some(&self.settings.filter)
    }

    /// Waits up to `timeout` for the reads thread's answers (and those they lead to) and takes
    /// them (tests and `--screenshot`, which must see complete results; the app's frames never
    /// call it). True when something arrived (the caller should draw another frame).
    pub fn wait_for_reads(&mut self, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        let mut got = false;
        // An answer may ask for more (a timeline opens its first card's article): wait for all.
        while self.reads.pending() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let replies = self.reads.wait(left);
            if replies.is_empty() {
                break;
            }
            got = true;
            self.apply_replies(replies);
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        got | self.panels.pages.wait(left)
    }

    /// Opens meeting `id`; when the filter hides it, shows everything, then opens it (in the
    /// reader alone when its card is on a page the list has not loaded).
    fn open_meeting_by_id(&mut self, id: u64) {
        match self.card_index(id) {
            Some(idx) => {
                self.open_card(idx);
                self.panels.list.scroll_to_cursor = true;
            }
            None => {
                let before = self.settings.filter.clone();
                self.clear_all();
                if self.settings.filter == before {
                    // Nothing hides it: its card is on a page not loaded yet.
                    self.show_in_reader(id);
                } else {
                    self.query.pending_open = Some(id);
                }
            }
        }
    }

    fn clear_all(&mut self) {
        self.panels.filters.clear_all(&mut self.settings.filter);
    }

    /// Opens the first meeting of the timeline in the reader (used by screenshots and tests):
    /// now when the timeline is current, else once it arrives.
    pub fn open_first(&mut self) {
        self.refresh();
        if self.reads.timeline_pending() || self.reads.opening() {
            self.query.open_first = true;
        } else if !self.query.timeline.cards.is_empty() {
            self.open_card(0);
        }
    }
}

/// Freeing a big timeline's cards (tens of thousands of strings) takes a frame's worth of time:
/// a timeline of more than a thousand cards is dropped on a thread of its own.
fn drop_off_thread(old: Timeline) {
    if old.cards.len() > 1000 {
        let dropped = std::thread::Builder::new()
            .name("arshif-drop".into())
            .spawn(move || drop(old));
        // No thread to spare: `spawn` dropped the closure, and the timeline with it, here.
        drop(dropped);
    }
}

/// Jobs: what starts them and what they report.
impl ArshifApp {
    /// Starts an import of `paths` on the worker.
    pub fn start_import(&mut self, paths: Vec<PathBuf>) {
        if paths.is_empty() || !self.allow(UserAction::Import) {
            return;
        }
        self.start_job(Job::Import { paths }, UserAction::Import, "Import");
    }

    /// Submits `job` (started by `action`) to the worker, showing `what` until its first
    /// progress; a refusal becomes the status bar's word. True when the worker took it.
    fn start_job(&mut self, job: Job, action: UserAction, what: &str) -> bool {
        // The worker writes its status lines in the UI language.
        self.jobs.worker.set_lang(self.lang());
        match self.jobs.worker.try_submit(job) {
            Ok(()) => {
                self.jobs.summary = None;
                self.jobs.refused = None;
                self.jobs.error = None;
                self.jobs.read_error = false;
                self.jobs.running = Some(RunningJob {
                    what: what.into(),
                    ..Default::default()
                });
                true
            }
            Err(r) => {
                self.note_refusal(r, action);
                false
            }
        }
    }

    /// Starts finding meetings in articles not yet extracted (run at start-up, so a fresh or
    /// upgraded archive fills its timeline without blocking the window).
    pub fn start_extract(&mut self) {
        if self.query.extract_when_open {
            return; // Started when the reads thread has opened (created, migrated) the file.
        }
        // Read-only: nothing can be stored; a running job (an import) finds meetings itself.
        if self.jobs.read_only.is_none() && self.jobs.worker.submit(Job::Extract) {
            self.jobs.running = Some(RunningJob {
                what: "Finding meetings".into(),
                ..Default::default()
            });
        }
    }

    /// Starts an export of the current view (its filter and order) to `path` on the worker, in
    /// the format chosen last ([`export_panel::format_for_path`]), with the UI's language and
    /// the filter in words.
    pub fn start_export(&mut self, path: PathBuf) {
        if !self.allow(UserAction::Export) {
            return;
        }
        let format = export_panel::format_for_path(&path, self.settings.export_format());
        let (filter, lang) = (&self.settings.filter, self.lang());
        let job = Job::Export {
            path: export_panel::with_extension(path, format),
            filter: filter.clone(),
            format,
            options: export_panel::export_options(filter, &self.query.timeline, lang),
        };
        self.start_job(job, UserAction::Export, "Export");
    }

    /// Backs the archive up to `path` on the worker (File ▸ Back up…, or its typed path).
    fn start_backup(&mut self, path: PathBuf) {
        if !self.allow(UserAction::Backup) {
            return;
        }
        let what = self.t("Backing up");
        self.start_job(Job::Backup { path }, UserAction::Backup, what);
    }

    /// Sends an edit-log job (correction, article date, undo, redo) to the worker, which writes
    /// through its own connection; the timeline is queried again once it finishes. False (and a
    /// message) while another job runs.
    fn submit_edit(&mut self, job: Job) -> bool {
        if !self.allow(UserAction::Edit) {
            return false;
        }
        let what = self.t("Saving");
        self.start_job(job, UserAction::Edit, what)
    }

    /// Corrects meeting `id` (a card's id) with `change` through [`crate::edits`] on the worker.
    pub fn correct_meeting(&mut self, id: u64, change: crate::edits::MeetingChange) -> bool {
        self.submit_edit(Job::Edit {
            meeting_id: id,
            change,
        })
    }

    /// Undoes the newest correction (Ctrl+Z) on the worker.
    pub fn undo(&mut self) -> bool {
        self.submit_edit(Job::Undo)
    }

    /// Redoes the correction undone last (Ctrl+Shift+Z) on the worker.
    pub fn redo(&mut self) -> bool {
        self.submit_edit(Job::Redo)
    }

    /// Opens the file dialog for `purpose` on its own thread, unless its action is refused now
    /// ([`Self::running`]): a second click, shortcut or menu item while a dialog is open or the
    /// work runs gets the status bar's word instead.
    fn ask_dialog(&mut self, purpose: DialogPurpose) {
        let action = UserAction::of_dialog(purpose);
        if !self.allow(action) {
            return;
        }
        // Export… first asks for the format, by name, in the popup.
        if purpose == DialogPurpose::Export {
            self.panels.export.open();
            return;
        }
        let dialog = std::sync::Arc::clone(&self.jobs.dialog);
        self.open_dialog(purpose, move || dialog(purpose));
    }

    /// [`Worker::try_open_dialog`], a refusal kept as the status bar's word.
    fn open_dialog(
        &mut self,
        purpose: DialogPurpose,
        dialog: impl FnOnce() -> Option<Vec<PathBuf>> + Send + 'static,
    ) {
        match self.jobs.worker.try_open_dialog(purpose, dialog) {
            Ok(()) => self.jobs.refused = None,
            Err(r) => self.note_refusal(r, UserAction::of_dialog(purpose)),
        }
    }

    fn handle_events(&mut self) {
        for e in self.jobs.worker.poll() {
            match e {
                Event::Started { what, total } => {
                    let waiting = what == self.t(WAITING_FOR_WRITER);
                    let before = self.jobs.running.replace(RunningJob {
                        what,
                        total,
                        ..Default::default()
                    });
                    if waiting {
                        // Back to what it was doing once it goes on (the progress below).
                        let kept = before.filter(|b| b.what != self.t(WAITING_FOR_WRITER));
                        self.jobs.before_wait = kept.or(self.jobs.before_wait.take());
                    } else {
                        self.jobs.before_wait = None;
                    }
                }
                Event::Progress {
                    done,
                    total,
                    current,
                } => {
                    if let Some(before) = self.jobs.before_wait.take() {
                        self.jobs.running = Some(before);
                    }
                    let job = self.jobs.running.get_or_insert_with(RunningJob::default);
                    job.done = done;
                    job.total = Some(total);
                    job.current = current;
                }
                Event::Finished(summary) => {
                    self.jobs.refused = None;
                    self.jobs.before_wait = None;
                    if summary.archive_changed {
                        self.query.queried = None;
                    }
                    self.panels.reader.edit.archive_changed();
                    self.jobs.running = None;
                    // The catch-up that found nothing to do says nothing (the status bar's
                    // counts already describe the archive).
                    let quiet = summary.found.is_some_and(|(_, articles)| articles == 0)
                        && !summary.cancelled
                        && summary.problems.is_empty()
                        && summary.error.is_none();
                    self.jobs.summary = (!quiet).then_some(summary);
                }
                Event::Dialog {
                    purpose,
                    chosen,
                    unavailable,
                } => {
                    self.jobs.refused = None;
                    if unavailable {
                        self.jobs.dialog_unavailable = Some(purpose);
                    } else if let Some(paths) = chosen {
                        self.jobs.dialog_unavailable = None;
                        self.dialog_chosen(purpose, paths);
                    }
                }
            }
        }
    }

    /// What a file dialog's choice does.
    fn dialog_chosen(&mut self, purpose: DialogPurpose, paths: Vec<PathBuf>) {
        let first = paths.first().cloned();
        match (purpose, first) {
            (DialogPurpose::Import, _) => self.start_import(paths),
            (DialogPurpose::Export, Some(p)) => self.start_export(p),
            (DialogPurpose::NewArchive, Some(p)) => {
                self.switch_archive(p, true);
            }
            (DialogPurpose::OpenArchive, Some(p)) => {
                self.switch_archive(p, false);
            }
            (DialogPurpose::InboxFolder, Some(p)) => self.set_inbox(Some(p)),
            (DialogPurpose::Backup, Some(p)) => self.start_backup(p),
            (DialogPurpose::Restore, Some(p)) => self.jobs.pending_restore = Some(p),
            (_, None) => {}
        }
    }

    /// Does what a panel asked for.
    fn apply(&mut self, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            match action {
                Action::AskDialog(purpose) => self.ask_dialog(purpose),
                Action::SwitchArchive { path, create } => {
                    self.switch_archive(path, create);
                }
                Action::Import(paths) => self.start_import(paths),
                Action::Export(path) => self.start_export(path),
                Action::ExportAs { format, file_name } => {
                    if !self.allow(UserAction::Export) {
                        continue;
                    }
                    let (save, ask) = (self.jobs.export_dialog.clone(), self.jobs.dialog.clone());
                    let choose = move || export_panel::choose_file(save, &*ask, format, &file_name);
                    self.open_dialog(DialogPurpose::Export, choose);
                }
                Action::SetInbox(folder) => self.set_inbox(folder),
                Action::CancelJob => self.jobs.worker.cancel(),
                Action::CloseSummary => self.jobs.summary = None,
                Action::DismissError => {
                    self.jobs.error = None;
                    self.jobs.read_error = false;
                }
                Action::CloseDialogFallback => self.jobs.dialog_unavailable = None,
                Action::OpenCard(idx) => self.open_card(idx),
                Action::OpenMeeting(id) => self.open_meeting_by_id(id),
                Action::ReadReport(row) => self.read_report(row),
                Action::Submit(job) => {
                    self.submit_edit(job);
                }
                Action::Error(message) => self.jobs.error = Some(message),
                Action::Refresh => self.query.queried = None,
                Action::ShowSummary(summary) => self.jobs.summary = Some(summary),
                Action::LanguageChanged => {
                    self.panels.list.rebuild(&self.query.timeline, self.lang());
                }
                Action::OpenPage(page) => {
                    (self.panels.pages).open(super::panels::page::View::Page(page));
                }
                Action::OpenNetwork => {
                    (self.panels.pages).open(super::panels::page::View::Network);
                }
                Action::Backup(path) => self.start_backup(path),
                Action::AskRestore(path) => {
                    if self.allow(UserAction::Restore) {
                        self.jobs.pending_restore = Some(path);
                    }
                }
                Action::ConfirmRestore => {
                    if let Some(path) = self.jobs.pending_restore.take()
                        && self.allow(UserAction::Restore)
                    {
                        let what = self.t("Restoring");
                        self.start_job(Job::Restore { path }, UserAction::Restore, what);
                    }
                }
                Action::CancelRestore => self.jobs.pending_restore = None,
            }
        }
    }
}

/// Input and the frame.
impl ArshifApp {
    fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.jobs.dialog_unavailable = None;
            self.start_import(dropped);
        }
        if self.panels.export.is_open() {
            return; // The popup is modal: it takes Escape, the rest waits.
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_SEARCH)) {
            self.panels.top_bar.focus_search = true;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_IMPORT)) {
            self.ask_dialog(DialogPurpose::Import);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_EXPORT)) {
            self.ask_dialog(DialogPurpose::Export);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_NETWORK)) {
            self.apply([Action::OpenNetwork]);
        }
        // A text field keeps Ctrl+Z for its own text.
        if !ctx.text_edit_focused() {
            if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_REDO)) {
                self.redo();
            } else if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_UNDO)) {
                self.undo();
            }
        }
        let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        if typing {
            if ctx.input(|i| i.key_pressed(Key::Escape)) {
                self.settings.filter.text = None;
            }
            return;
        }
        self.cursor_keys(ctx);
        if ctx.input(|i| i.key_pressed(Key::Escape)) {
            if self.panels.reader.open.is_some() {
                self.panels.reader.open = None;
            } else if self.panels.pages.is_open() {
                self.panels.pages.back();
            } else {
                self.clear_all();
            }
        }
    }

    /// ↓/↑ move the cursor over the cards, Enter opens the card under it.
    fn cursor_keys(&mut self, ctx: &egui::Context) {
        let n = self.query.timeline.cards.len();
        if n == 0 {
            return;
        }
        let (down, up, enter) = ctx.input(|i| {
            (
                i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::Enter),
            )
        });
        let list = &mut self.panels.list;
        if down {
            list.cursor = Some(list.cursor.map_or(0, |c| (c + 1).min(n - 1)));
            list.scroll_to_cursor = true;
        }
        if up {
            list.cursor = Some(list.cursor.map_or(0, |c| c.saturating_sub(1)));
            list.scroll_to_cursor = true;
        }
        if enter && let Some(c) = list.cursor {
            self.open_card(c);
        }
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.settings.dark) {
            ctx.set_theme(if self.settings.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_theme = Some(self.settings.dark);
        }
    }

    /// One frame of the whole UI (also used by tests without eframe): events first, then the
    /// panels in this order (top bar, status bar, filters, reader, timeline), each panel's
    /// actions applied before the next is drawn.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.reads.wake_with(&ctx);
        self.read();
        self.handle_events();
        // An archive open read-only is not written to: the inbox folder is not watched.
        let folder = self
            .settings
            .inbox
            .clone()
            .filter(|_| self.jobs.read_only.is_none());
        let inbox = self.panels.inbox.frame(
            &ctx,
            folder.as_deref(),
            self.files.path.as_deref(),
            self.lang(),
        );
        self.apply(inbox);
        self.handle_input(&ctx);
        self.refresh();

        let actions = egui::Panel::top("arshif-top")
            .show(ui, |ui| self.top_bar(ui))
            .inner;
        self.apply(actions);
        if let Some(backup) = &self.jobs.pending_restore {
            let archive = self.files.path.as_deref();
            let answer = super::panels::restore::confirm(&ctx, backup, archive, self.lang());
            self.apply(answer);
        }
        let actions = egui::Panel::bottom("arshif-status")
            .show(ui, |ui| self.status_bar(ui))
            .inner;
        self.apply(actions);
        let rtl = self.lang().rtl();
        let filters = if rtl {
            egui::Panel::right("arshif-filters")
        } else {
            egui::Panel::left("arshif-filters")
        };
        filters.resizable(true).default_size(250.0).show(ui, |ui| {
            let (filter, timeline) = (&mut self.settings.filter, &self.query.timeline);
            self.panels
                .filters
                .ui(ui, filter, timeline, self.settings.lang);
        });
        let reader = if rtl {
            egui::Panel::left("arshif-reader")
        } else {
            egui::Panel::right("arshif-reader")
        };
        let actions = reader
            .resizable(true)
            .default_size(420.0)
            .show(ui, |ui| self.reader(ui))
            .inner;
        self.apply(actions);
        if self.panels.pages.is_open() {
            let actions = egui::CentralPanel::default()
                .show(ui, |ui| {
                    let cx = super::panels::page::PageContext {
                        archive: self.files.path.as_deref(),
                        filter: &self.settings.filter,
                        lang: self.settings.lang,
                    };
                    self.panels.pages.ui(ui, &cx)
                })
                .inner;
            self.apply(actions);
        } else {
            let clicked = egui::CentralPanel::default()
                .show(ui, |ui| self.timeline_view(ui))
                .inner;
            self.apply(clicked.map(Action::OpenCard));
            self.load_more();
        }
        let asked = super::panels::take_page_request(&ctx);
        self.apply(asked.map(Action::OpenPage));
        // A card menu's merge, split or "different": an edit for the worker.
        if let Some(request) = self.panels.list.link.take() {
            self.reads.link_edit(request);
        }
        let view = ExportView {
            filter: &self.settings.filter,
            timeline: &self.query.timeline,
            lang: self.settings.lang,
            busy: self.running().blocked(UserAction::Export).is_some(),
        };
        let actions = (self.panels.export).ui(&ctx, &mut self.settings.export_format, &view);
        self.apply(actions);
        self.drop_overlay(&ctx);
    }

    fn top_bar(&mut self, ui: &mut Ui) -> Vec<Action> {
        let running = self.running();
        let view = TopBarView {
            can_open: self.files.opener.is_some(),
            running: &running,
            archive_path: self.files.path.as_deref(),
            inbox: &self.panels.inbox,
        };
        self.panels.top_bar.ui(ui, &mut self.settings, &view)
    }

    fn status_bar(&mut self, ui: &mut Ui) -> Vec<Action> {
        let view = StatusView {
            job: self.jobs.running.as_ref(),
            summary: self.jobs.summary.as_ref(),
            error: self.jobs.error.as_deref(),
            notice: self.refused(),
            read_only: self.jobs.read_only.as_deref(),
            dialog_unavailable: self.jobs.dialog_unavailable,
            status_line: self.status_line(),
            lang: self.lang(),
        };
        self.panels.status.ui(ui, &view)
    }

    fn reader(&mut self, ui: &mut Ui) -> Vec<Action> {
        if self.panels.reader.open.is_some()
            && self.panels.reader.edit.wants_context()
            && !self.reads.edit_context_pending()
            && !self.reads.opening()
        {
            self.reads.edit_context();
        }
        let view = ReaderView {
            cards: &self.query.timeline.cards,
            loading: self.query.reading.is_some(),
            lang: self.settings.lang,
            busy: self.running().blocked(UserAction::Edit).is_some(),
        };
        self.panels.reader.ui(ui, &view, &mut self.settings.filter)
    }

    fn timeline_view(&mut self, ui: &mut Ui) -> Option<usize> {
        let view = TimelineView {
            timeline: &self.query.timeline,
            loading: self.reads.timeline_pending() || self.reads.opening(),
            open: self.panels.reader.open.as_ref().map(|o| o.id),
            lang: self.settings.lang,
        };
        let panels = &mut self.panels;
        panels
            .list
            .ui(ui, &view, &mut panels.overview, &mut self.settings.filter)
    }

    /// "Drop files here to import them" over the window while files hover it.
    fn drop_overlay(&self, ctx: &egui::Context) {
        if ctx.input(|i| i.raw.hovered_files.is_empty()) {
            return;
        }
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("arshif-drop"),
        ));
        painter.rect_filled(screen, 0.0, Color32::from_black_alpha(160));
        let style = BidiStyle::new(
            FontId::proportional(24.0),
            Color32::WHITE,
            direction(self.lang()),
        );
        let g = bidi::galley(
            ctx,
            self.t("Drop files here to import them"),
            &style,
            f32::INFINITY,
        );
        painter.galley(screen.center() - g.size() / 2.0, g, Color32::WHITE);
    }
}

impl eframe::App for ArshifApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
        // eframe truncates its file before writing it: keep a copy written atomically.
        if let Some(path) = super::settings::settings_file()
            && let Err(e) = super::settings::save_file(&path, &self.settings)
        {
            self.jobs.error = Some(e.to_string());
        }
    }
}
