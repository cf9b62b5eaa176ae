//! The app shell: top bar, filter panel, virtualised timeline, reader, progress bar.
//!
//! The panels read a [`Timeline`] computed when the filter changes (never per frame) and hand long
//! work to the [`Worker`]. With the Arabic UI the layout mirrors: the filter panel moves to the
//! right, the reader to the left, and text aligns right.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use eframe::egui::{
    self, Align, Color32, FontId, Key, KeyboardShortcut, Layout, Modifiers, Rect, RichText, Sense,
    TextFormat, Ui, UiBuilder, Vec2,
};
use serde::{Deserialize, Serialize};

use super::bidi::{self, BidiStyle, Direction};
use super::edit_panel::EditPanel;
use super::i18n::{Noun, UiLang, count, kind_label, month_year, tr};
use super::model::{
    Archive, ArticleView, Facet, Filter, HighlightKind, MeetingCard, SortOrder, Timeline,
};
use super::overview::Overview;
use super::worker::{DialogPurpose, Event, Job, Summary, Worker};
use crate::model::{DatePrecision, MeetingStatus};

mod inbox_settings;
pub use inbox_settings::InboxWatch;

/// What is remembered between runs (eframe storage key [`SETTINGS_KEY`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// UI language.
    pub lang: UiLang,
    /// Dark theme.
    pub dark: bool,
    /// The filter in force.
    pub filter: Filter,
    /// Timeline order.
    pub order: SortOrder,
    /// Archive files opened lately, newest first (File ▸ Recent archives; at most
    /// [`RECENT_MAX`]).
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// The inbox folder, watched while the app runs: articles saved into it are imported
    /// (see [`crate::inbox`]). `None`: no inbox.
    #[serde(default)]
    pub inbox: Option<PathBuf>,
}

/// How many archives File ▸ Recent archives remembers.
pub const RECENT_MAX: usize = 8;

/// Opens the archive file at `path` for the app (creating an empty one when missing): the
/// timeline over its own read connection, and a worker writing to it. Used by File ▸ New,
/// Open and Recent; see [`crate::ui::store_opener`].
pub type OpenerFn =
    std::sync::Arc<dyn Fn(&Path) -> anyhow::Result<(Box<dyn Archive>, Worker)> + Send + Sync>;

/// eframe storage key of [`Settings`].
pub const SETTINGS_KEY: &str = "arshif-settings";

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

/// How file dialogs are opened: the system dialog, or a stand-in (tests).
pub type DialogFn = std::sync::Arc<dyn Fn(DialogPurpose) -> Option<Vec<PathBuf>> + Send + Sync>;

/// One row of the flattened timeline.
#[derive(Clone, Debug, PartialEq)]
enum Row {
    /// Group header ("April 2021", "Undated").
    Header(String),
    /// Index into `timeline.cards`.
    Card(usize),
}

const HEADER_H: f32 = 30.0;
const LINE_H: f32 = 19.0;
const CARD_PAD: f32 = 8.0;
const CARD_GAP: f32 = 6.0;
/// Average advance of a character at the card's 14 pt, for estimating wrapped lines before a card
/// is first laid out (its real height replaces the estimate once it is drawn).
const CHAR_W: f32 = 7.2;

/// An estimate of card `card`'s height at `width` points: wrapped lines from character counts,
/// one row of topic chips per ~`width` of chips. Cheap (no text layout), so it runs over 100,000
/// cards when the width or the timeline changes; drawing a card measures its real height.
fn card_height(card: &MeetingCard, width: f32) -> f32 {
    let text_w = (width - 2.0 * CARD_PAD).max(60.0);
    let lines = |chars: usize| ((chars as f32 * CHAR_W) / text_w).ceil().max(1.0);
    let person = |p: &super::model::Participant| {
        p.name_en.chars().count()
            + p.name_ar.chars().count()
            + p.role.chars().count().max(p.role_ar.chars().count())
            + p.country.chars().count().max(p.country_ar.chars().count())
            + 22
    };
    let mut n = lines(
        40 + card
            .place
            .chars()
            .count()
            .max(card.place_ar.chars().count()),
    );
    for side in [&card.libyan, &card.european] {
        n += if side.is_empty() {
            1.0
        } else {
            side.iter().map(|p| lines(person(p))).sum()
        };
    }
    let chips: f32 = card
        .topics
        .iter()
        .map(|t| t.chars().count() as f32 * CHAR_W + 16.0)
        .sum();
    let chip_rows = if card.topics.is_empty() {
        0.0
    } else {
        (chips / text_w).ceil().max(1.0)
    };
    let badge = if card.status == MeetingStatus::Held {
        0.0
    } else {
        22.0
    };
    CARD_PAD * 2.0 + n * LINE_H + chip_rows * 24.0 + 4.0 + badge + CARD_GAP
}

/// A running job as the progress bar shows it.
#[derive(Clone, Debug, Default)]
struct JobState {
    what: String,
    done: usize,
    total: Option<usize>,
    current: String,
}

/// The Arshif app.
pub struct ArshifApp {
    archive: Box<dyn Archive>,
    /// `archive.describe()`, refreshed with the timeline (never queried per frame).
    described: String,
    /// Remembered settings (language, theme, filter, order).
    pub settings: Settings,
    timeline: Timeline,
    rows: Vec<Row>,
    /// Height of each row (estimated, then measured when drawn).
    heights: Vec<f32>,
    /// Top of each row, plus the total height at the end (prefix sums of `heights`).
    offsets: Vec<f32>,
    /// The width the heights were estimated for.
    rows_width: f32,
    /// A measured height differed from its estimate: recompute `offsets`.
    offsets_stale: bool,
    /// The density strip over the filtered meetings (rebuilt with the timeline).
    overview: Overview,
    /// Open this meeting once the timeline has been queried again.
    pending_open: Option<u64>,
    dirty: bool,
    cursor: Option<usize>,
    scroll_to_cursor: bool,
    open: Option<(u64, Option<ArticleView>)>,
    narrow: BTreeMap<Facet, String>,
    date_from: String,
    date_to: String,
    worker: Worker,
    dialog: DialogFn,
    job: Option<JobState>,
    summary: Option<Summary>,
    dialog_unavailable: Option<DialogPurpose>,
    typed_path: String,
    error: Option<String>,
    focus_search: bool,
    applied_theme: Option<bool>,
    /// The reader's correction panel (its fields, tabs and the gazetteer it searches).
    edit_panel: EditPanel,
    /// Reopens the app on another archive file (`None`: File ▸ New/Open are unavailable).
    opener: Option<OpenerFn>,
    /// The archive file open now, when known.
    archive_path: Option<PathBuf>,
    /// The inbox folder's watcher (follows `settings.inbox` and `archive_path`).
    inbox: InboxWatch,
}

impl ArshifApp {
    /// An app over `archive`, running jobs on `worker`, opening dialogs with `dialog`.
    pub fn new(
        archive: Box<dyn Archive>,
        worker: Worker,
        dialog: DialogFn,
        settings: Settings,
    ) -> Self {
        let date_from = settings
            .filter
            .from
            .map(|d| d.to_string())
            .unwrap_or_default();
        let date_to = settings
            .filter
            .to
            .map(|d| d.to_string())
            .unwrap_or_default();
        Self {
            archive,
            described: String::new(),
            settings,
            timeline: Timeline::default(),
            rows: Vec::new(),
            heights: Vec::new(),
            offsets: Vec::new(),
            rows_width: 0.0,
            offsets_stale: false,
            overview: Overview::default(),
            pending_open: None,
            dirty: true,
            cursor: None,
            scroll_to_cursor: false,
            open: None,
            narrow: BTreeMap::new(),
            date_from,
            date_to,
            worker,
            dialog,
            job: None,
            summary: None,
            dialog_unavailable: None,
            typed_path: String::new(),
            error: None,
            focus_search: false,
            applied_theme: None,
            edit_panel: EditPanel::default(),
            opener: None,
            archive_path: None,
            inbox: InboxWatch::default(),
        }
    }

    /// Lets File ▸ New archive…, Open archive… and Recent archives reopen the app through
    /// `opener`; `current` is the archive file open now (remembered as the newest recent one).
    pub fn with_opener(mut self, opener: OpenerFn, current: PathBuf) -> Self {
        self.opener = Some(opener);
        self.remember(current.clone());
        self.archive_path = Some(current);
        self
    }

    /// The archive file open now, when known.
    pub fn archive_path(&self) -> Option<&Path> {
        self.archive_path.as_deref()
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
    /// New archive… (the file must not exist yet); otherwise the file must exist. On failure the
    /// current archive stays open and the error is shown; returns false.
    pub fn switch_archive(&mut self, path: PathBuf, create: bool) -> bool {
        let Some(opener) = self.opener.clone() else {
            self.error = Some("This window cannot open another archive.".into());
            return false;
        };
        if self.worker.busy() {
            self.error = Some(self.t("Wait for the running job to finish.").into());
            return false;
        }
        if create && path.exists() {
            self.error = Some(format!(
                "{} already exists: use File ▸ Open archive… to open it",
                path.display()
            ));
            return false;
        }
        if !create && !path.is_file() {
            self.error = Some(format!(
                "{}: there is no archive file there",
                path.display()
            ));
            return false;
        }
        match opener(&path) {
            Ok((archive, worker)) => {
                self.archive = archive;
                self.worker = worker;
                self.remember(path.clone());
                self.archive_path = Some(path);
                self.open = None;
                self.edit_panel = EditPanel::default();
                self.job = None;
                self.summary = None;
                self.error = None;
                self.clear_all();
                self.dirty = true;
                self.start_extract();
                true
            }
            Err(e) => {
                self.error = Some(format!("{e:#}"));
                false
            }
        }
    }

    /// The timeline currently shown.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The meeting open in the reader, if any.
    pub fn open_meeting(&self) -> Option<u64> {
        self.open.as_ref().map(|(id, _)| *id)
    }

    /// The last finished job's summary.
    pub fn summary(&self) -> Option<&Summary> {
        self.summary.as_ref()
    }

    /// True while the worker runs a job.
    pub fn busy(&self) -> bool {
        self.worker.busy()
    }

    /// True when the last dialog could not be shown and the typed-path field is offered.
    pub fn dialog_unavailable(&self) -> bool {
        self.dialog_unavailable.is_some()
    }

    fn lang(&self) -> UiLang {
        self.settings.lang
    }

    fn t(&self, key: &'static str) -> &'static str {
        tr(self.settings.lang, key)
    }

    fn dir(&self) -> Direction {
        if self.lang().rtl() {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// Re-queries the archive if the filter changed since the last query.
    fn refresh(&mut self) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        self.described = self.archive.describe();
        match self
            .archive
            .timeline(&self.settings.filter, self.settings.order)
        {
            Ok(t) => {
                self.timeline = t;
                self.error = None;
            }
            Err(e) => {
                self.timeline = Timeline::default();
                self.error = Some(format!("{e:#}"));
            }
        }
        self.rebuild_rows();
        self.overview.rebuild(&self.timeline.cards);
        self.cursor = if self.timeline.cards.is_empty() {
            None
        } else {
            Some(0)
        };
        if let Some(id) = self.pending_open.take()
            && let Some(idx) = self.timeline.cards.iter().position(|c| c.id == id)
        {
            self.open_card(idx);
            self.scroll_to_cursor = true;
        }
        if let Some((id, _)) = &self.open
            && !self.timeline.cards.iter().any(|c| c.id == *id)
        {
            self.open = None;
        } else if let Some((id, _)) = &self.open {
            // The archive changed (an edit, an import): read the open meeting again.
            let id = *id;
            if let Some(idx) = self.timeline.cards.iter().position(|c| c.id == id) {
                let cursor = self.cursor;
                self.open_card(idx);
                self.cursor = cursor;
            }
        }
    }

    /// Recomputes row tops from the row heights (O(rows): after a resize or a measured card).
    fn rebuild_offsets(&mut self) {
        self.offsets.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.offsets.push(y);
            y += h;
        }
        self.offsets.push(y);
        self.offsets_stale = false;
    }

    /// Estimates every row's height for `width` (see [`card_height`]).
    fn estimate_heights(&mut self, width: f32) {
        self.rows_width = width;
        self.heights = self
            .rows
            .iter()
            .map(|r| match r {
                Row::Header(_) => HEADER_H,
                Row::Card(i) => card_height(&self.timeline.cards[*i], width),
            })
            .collect();
        self.rebuild_offsets();
    }

    fn rebuild_rows(&mut self) {
        self.rows.clear();
        let mut last: Option<Option<(i32, u32)>> = None;
        for (i, card) in self.timeline.cards.iter().enumerate() {
            let group = card.date.map(|d| (d.year(), d.month()));
            if last != Some(group) {
                let label = match (group, card.precision) {
                    (None, _) => tr(self.settings.lang, "Undated").to_owned(),
                    (Some((y, _)), DatePrecision::Year) => y.to_string(),
                    (Some((y, m)), _) => month_year(self.settings.lang, y, m),
                };
                self.rows.push(Row::Header(label));
                last = Some(group);
            }
            self.rows.push(Row::Card(i));
        }
        let width = if self.rows_width > 0.0 {
            self.rows_width
        } else {
            600.0
        };
        self.estimate_heights(width);
    }

    fn set_filter(&mut self, f: impl FnOnce(&mut Filter)) {
        let before = self.settings.filter.clone();
        f(&mut self.settings.filter);
        if self.settings.filter != before {
            self.dirty = true;
        }
    }

    fn open_card(&mut self, idx: usize) {
        let Some(card) = self.timeline.cards.get(idx) else {
            return;
        };
        let id = card.id;
        self.cursor = Some(idx);
        let article = match self.archive.article(id) {
            Ok(a) => a,
            Err(e) => {
                self.error = Some(format!("{e:#}"));
                None
            }
        };
        self.open = Some((id, article));
    }

    /// Starts an import of `paths` on the worker.
    pub fn start_import(&mut self, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        self.summary = None;
        if self.worker.submit(Job::Import { paths }) {
            self.job = Some(JobState {
                what: "Import".into(),
                ..Default::default()
            });
        }
    }

    /// Starts finding meetings in articles not yet extracted (run at start-up, so a fresh or
    /// upgraded archive fills its timeline without blocking the window).
    pub fn start_extract(&mut self) {
        if self.worker.submit(Job::Extract) {
            self.job = Some(JobState {
                what: "Finding meetings".into(),
                ..Default::default()
            });
        }
    }

    /// Starts an export of the current view to `path` on the worker.
    pub fn start_export(&mut self, path: PathBuf) {
        self.summary = None;
        let job = Job::Export {
            path,
            filter: self.settings.filter.clone(),
            order: self.settings.order,
        };
        if self.worker.submit(job) {
            self.job = Some(JobState {
                what: "Export".into(),
                ..Default::default()
            });
        }
    }

    /// Sends an edit-log job (correction, article date, undo, redo) to the worker, which writes
    /// through its own connection; the timeline is queried again once it finishes. False (and a
    /// message) while another job runs.
    fn submit_edit(&mut self, job: Job) -> bool {
        self.summary = None;
        // The worker writes its status line in the UI language.
        self.worker.set_lang(self.lang());
        if self.worker.submit(job) {
            self.job = Some(JobState {
                what: self.t("Saving").into(),
                ..Default::default()
            });
            true
        } else {
            self.error = Some(self.t("Wait for the running job to finish.").into());
            false
        }
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

    fn ask_dialog(&mut self, purpose: DialogPurpose) {
        let dialog = std::sync::Arc::clone(&self.dialog);
        self.worker.open_dialog(purpose, move || dialog(purpose));
    }

    fn handle_events(&mut self) {
        for e in self.worker.poll() {
            match e {
                Event::Started { what, total } => {
                    self.job = Some(JobState {
                        what,
                        total,
                        ..Default::default()
                    });
                }
                Event::Progress {
                    done,
                    total,
                    current,
                } => {
                    let job = self.job.get_or_insert_with(JobState::default);
                    job.done = done;
                    job.total = Some(total);
                    job.current = current;
                }
                Event::Finished(summary) => {
                    if summary.archive_changed {
                        self.dirty = true;
                    }
                    self.edit_panel.archive_changed();
                    self.job = None;
                    // The catch-up that found nothing to do says nothing (the status bar's
                    // counts already describe the archive).
                    let quiet = summary.found.is_some_and(|(_, articles)| articles == 0)
                        && !summary.cancelled
                        && summary.problems.is_empty();
                    self.summary = (!quiet).then_some(summary);
                }
                Event::Dialog {
                    purpose,
                    chosen,
                    unavailable,
                } => {
                    if unavailable {
                        self.dialog_unavailable = Some(purpose);
                    } else if let Some(paths) = chosen {
                        self.dialog_unavailable = None;
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
                            (_, None) => {}
                        }
                    }
                }
            }
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.dialog_unavailable = None;
            self.start_import(dropped);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_SEARCH)) {
            self.focus_search = true;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_IMPORT)) {
            self.ask_dialog(DialogPurpose::Import);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_EXPORT)) {
            self.ask_dialog(DialogPurpose::Export);
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
                self.set_filter(|f| f.text.clear());
            }
            return;
        }
        let n = self.timeline.cards.len();
        if n > 0 {
            let (down, up, enter) = ctx.input(|i| {
                (
                    i.key_pressed(Key::ArrowDown),
                    i.key_pressed(Key::ArrowUp),
                    i.key_pressed(Key::Enter),
                )
            });
            if down {
                self.cursor = Some(self.cursor.map_or(0, |c| (c + 1).min(n - 1)));
                self.scroll_to_cursor = true;
            }
            if up {
                self.cursor = Some(self.cursor.map_or(0, |c| c.saturating_sub(1)));
                self.scroll_to_cursor = true;
            }
            if enter && let Some(c) = self.cursor {
                self.open_card(c);
            }
        }
        if ctx.input(|i| i.key_pressed(Key::Escape)) {
            if self.open.is_some() {
                self.open = None;
            } else {
                self.clear_all();
            }
        }
    }

    fn clear_all(&mut self) {
        self.date_from.clear();
        self.date_to.clear();
        self.set_filter(|f| *f = Filter::default());
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

    /// One frame of the whole UI (also used by tests without eframe).
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.handle_events();
        self.inbox_frame(&ctx);
        self.handle_input(&ctx);
        self.refresh();

        egui::Panel::top("arshif-top").show(ui, |ui| self.top_bar(ui));
        egui::Panel::bottom("arshif-status").show(ui, |ui| self.status_bar(ui));
        let rtl = self.lang().rtl();
        let filters = if rtl {
            egui::Panel::right("arshif-filters")
        } else {
            egui::Panel::left("arshif-filters")
        };
        filters
            .resizable(true)
            .default_size(250.0)
            .show(ui, |ui| self.filter_panel(ui));
        let reader = if rtl {
            egui::Panel::left("arshif-reader")
        } else {
            egui::Panel::right("arshif-reader")
        };
        reader
            .resizable(true)
            .default_size(420.0)
            .show(ui, |ui| self.reader(ui));
        egui::CentralPanel::default().show(ui, |ui| self.timeline_view(ui));

        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("arshif-drop"),
            ));
            painter.rect_filled(screen, 0.0, Color32::from_black_alpha(160));
            let style = BidiStyle::new(FontId::proportional(24.0), Color32::WHITE, self.dir());
            let g = bidi::galley(
                &ctx,
                self.t("Drop files here to import them"),
                &style,
                f32::INFINITY,
            );
            painter.galley(screen.center() - g.size() / 2.0, g, Color32::WHITE);
        }
    }

    fn column_layout(&self) -> Layout {
        if self.lang().rtl() {
            Layout::top_down(Align::Max)
        } else {
            Layout::top_down(Align::Min)
        }
    }

    fn top_bar(&mut self, ui: &mut Ui) {
        let rtl = self.lang().rtl();
        ui.add_space(4.0);
        row_ui(ui, rtl, |ui| {
            self.file_menu(ui);
            bidi::heading(ui, "Arshif · أرشيف");
            ui.separator();
            let hint = bidi::widget_text(ui, self.t("Search (Ctrl+F)"), egui::TextStyle::Body);
            let mut text = self.settings.filter.text.clone();
            let edit = egui::TextEdit::singleline(&mut text)
                .hint_text(hint)
                .desired_width(260.0)
                .id(egui::Id::unique("arshif-search"));
            let resp = ui.add(edit);
            accessible_name(ui, resp.id, "Search");
            if self.focus_search {
                resp.request_focus();
                self.focus_search = false;
            }
            if text != self.settings.filter.text {
                self.set_filter(|f| f.text = text.clone());
            }
            // egui's text field has no bidi: show Arabic queries once more, correctly ordered.
            if bidi::has_rtl(&self.settings.filter.text) {
                let style = BidiStyle::new(
                    FontId::proportional(14.0),
                    ui.visuals().weak_text_color(),
                    Direction::Rtl,
                );
                bidi::show(
                    ui,
                    &format!("«{}»", self.settings.filter.text),
                    &style,
                    Sense::hover(),
                    false,
                );
            }
            ui.separator();
            let busy = self.worker.busy();
            if bidi::button_enabled(ui, !busy, self.t("Import…"))
                .on_hover_text("Ctrl+I")
                .clicked()
            {
                self.ask_dialog(DialogPurpose::Import);
            }
            if bidi::button_enabled(ui, !busy, self.t("Export…"))
                .on_hover_text("Ctrl+E")
                .clicked()
            {
                self.ask_dialog(DialogPurpose::Export);
            }
            ui.separator();
            let mut lang = self.settings.lang;
            if bidi::toggle(ui, lang == UiLang::En, "English").clicked() {
                lang = UiLang::En;
            }
            if bidi::toggle(ui, lang == UiLang::Ar, "العربية").clicked() {
                lang = UiLang::Ar;
            }
            if lang != self.settings.lang {
                self.settings.lang = lang;
                self.rebuild_rows();
            }
            ui.separator();
            let mut dark = self.settings.dark;
            if bidi::toggle(ui, !dark, self.t("Light")).clicked() {
                dark = false;
            }
            if bidi::toggle(ui, dark, self.t("Dark")).clicked() {
                dark = true;
            }
            self.settings.dark = dark;
            ui.separator();
            self.inbox_menu(ui);
        });
        ui.add_space(2.0);
    }

    /// A finished job's line in the UI language (the worker's English headline when the UI has
    /// no words of its own for it).
    fn summary_text(&self, s: &Summary) -> String {
        let lang = self.lang();
        match s.found {
            Some((meetings, articles)) if lang == UiLang::Ar => format!(
                "{}عُثر على {} في {}",
                if s.cancelled { "أُلغي. " } else { "" },
                count(lang, meetings, Noun::Meeting),
                count(lang, articles, Noun::Article)
            ),
            Some((meetings, articles)) => format!(
                "{}Found {} in {}",
                if s.cancelled { "Cancelled. " } else { "" },
                count(lang, meetings, Noun::Meeting),
                count(lang, articles, Noun::Article)
            ),
            None => match (&s.headline_ar, lang) {
                (Some(ar), UiLang::Ar) => ar.clone(),
                _ => s.headline.clone(),
            },
        }
    }

    /// The status line when no job runs: "2 meetings of 40 · 26 articles · archive path".
    pub fn status_line(&self) -> String {
        let lang = self.lang();
        format!(
            "{} {} {} · {} · \u{2066}{}\u{2069}",
            count(lang, self.timeline.cards.len(), Noun::Meeting),
            self.t("of"),
            self.timeline.total,
            count(lang, self.timeline.articles, Noun::Article),
            self.described
        )
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        let rtl = self.lang().rtl();
        row_ui(ui, rtl, |ui| {
            if let Some(job) = self.job.clone() {
                let (done, total) = (job.done, job.total.unwrap_or(0));
                let fraction = if total > 0 {
                    done as f32 / total as f32
                } else {
                    0.0
                };
                let what = match job.what.as_str() {
                    "Finding meetings" => self.t("Finding meetings"),
                    "Import" => self.t("Import"),
                    "Export" => self.t("Export"),
                    other => other,
                };
                bidi::label(ui, &format!("{what}: {done} / {total}"));
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(240.0)
                        .show_percentage(),
                );
                if !job.current.is_empty() {
                    bidi::label(ui, &job.current);
                }
                if bidi::button(ui, self.t("Cancel")).clicked() {
                    self.worker.cancel();
                }
                ui.ctx().request_repaint();
            } else if let Some(s) = &self.summary {
                let headline = self.summary_text(s);
                let problems = s.problems.clone();
                bidi::label(ui, &headline);
                if !problems.is_empty() {
                    bidi::label(ui, &format!("({} {})", problems.len(), self.t("problems")))
                        .on_hover_text(problems.join("\n"));
                }
                if bidi::button(ui, self.t("Close")).clicked() {
                    self.summary = None;
                }
            } else {
                let line = self.status_line();
                bidi::label(ui, &line);
            }
            if let Some(e) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
        });
        if let Some(purpose) = self.dialog_unavailable {
            let msg = self.t(
                "No file dialog could be opened on this system (no desktop portal, no zenity). Type a path below, or drag files onto the window.",
            );
            ui.with_layout(self.column_layout(), |ui| {
                let style = BidiStyle::new(
                    FontId::proportional(14.0),
                    ui.visuals().warn_fg_color,
                    self.dir(),
                );
                bidi::show(ui, msg, &style, Sense::hover(), true);
            });
            row_ui(ui, self.lang().rtl(), |ui| {
                bidi::label(ui, self.t("Path"));
                let resp = ui.add(
                    egui::TextEdit::singleline(&mut self.typed_path)
                        .desired_width(360.0)
                        .id(egui::Id::unique("arshif-typed-path")),
                );
                accessible_name(ui, resp.id, "Typed path");
                let label = match purpose {
                    DialogPurpose::Import => self.t("Import this path"),
                    DialogPurpose::Export => self.t("Export to this path"),
                    DialogPurpose::NewArchive => self.t("Create this archive"),
                    DialogPurpose::OpenArchive => self.t("Open this archive"),
                    DialogPurpose::InboxFolder => self.t("Watch this folder"),
                };
                let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if (bidi::button(ui, label).clicked() || enter)
                    && !self.typed_path.trim().is_empty()
                {
                    let p = PathBuf::from(self.typed_path.trim());
                    self.typed_path.clear();
                    self.dialog_unavailable = None;
                    match purpose {
                        DialogPurpose::Import => self.start_import(vec![p]),
                        DialogPurpose::Export => self.start_export(p),
                        DialogPurpose::NewArchive => {
                            self.switch_archive(p, true);
                        }
                        DialogPurpose::OpenArchive => {
                            self.switch_archive(p, false);
                        }
                        DialogPurpose::InboxFolder => self.set_inbox(Some(p)),
                    }
                }
                if bidi::button(ui, self.t("Close")).clicked() {
                    self.dialog_unavailable = None;
                }
            });
        }
    }

    fn facet_title(&self, facet: Facet) -> &'static str {
        self.t(match facet {
            Facet::Officials => "Officials",
            Facet::Bodies => "Ministries and bodies",
            Facet::Countries => "Countries",
            Facet::Topics => "Topics",
            Facet::Places => "Places",
            Facet::Kinds => "Meeting kind",
        })
    }

    fn filter_panel(&mut self, ui: &mut Ui) {
        let layout = self.column_layout();
        ui.with_layout(layout, |ui| {
            ui.add_space(4.0);
            row_ui(ui, self.lang().rtl(), |ui| {
                bidi::heading(ui, self.t("Filters"));
                if bidi::button(ui, self.t("Clear all")).clicked() {
                    self.clear_all();
                }
            });
            // Removable chips of what is selected.
            let selected: Vec<(Facet, String)> = self
                .settings
                .filter
                .selected
                .iter()
                .flat_map(|(f, vs)| vs.iter().map(move |v| (*f, v.clone())))
                .collect();
            let (from, to) = (self.settings.filter.from, self.settings.filter.to);
            let text = self.settings.filter.text.trim().to_owned();
            if !selected.is_empty() || from.is_some() || to.is_some() || !text.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    for (facet, value) in selected {
                        let label = self
                            .timeline
                            .facets
                            .label(facet, &value, self.lang().rtl())
                            .to_owned();
                        if bidi::selectable(ui, true, &format!("× {label}")).clicked() {
                            self.set_filter(|f| f.toggle(facet, &value));
                        }
                    }
                    // The date range and the search text are filters too: one chip each.
                    if from.is_some() || to.is_some() {
                        let day =
                            |d: Option<NaiveDate>| d.map_or("…".to_owned(), |d| d.to_string());
                        let range = format!("× {} – {}", day(from), day(to));
                        if bidi::selectable(ui, true, &range).clicked() {
                            self.date_from.clear();
                            self.date_to.clear();
                            self.set_filter(|f| {
                                f.from = None;
                                f.to = None;
                            });
                        }
                    }
                    if !text.is_empty()
                        && bidi::selectable(ui, true, &format!("× «{text}»")).clicked()
                    {
                        self.set_filter(|f| f.text.clear());
                    }
                });
            }
            ui.separator();
            // Date range.
            bidi::label(ui, self.t("Dates (YYYY-MM-DD)"));
            row_ui(ui, self.lang().rtl(), |ui| {
                bidi::label(ui, self.t("From"));
                let r1 =
                    ui.add(egui::TextEdit::singleline(&mut self.date_from).desired_width(90.0));
                accessible_name(ui, r1.id, "From");
                bidi::label(ui, self.t("To"));
                let r2 = ui.add(egui::TextEdit::singleline(&mut self.date_to).desired_width(90.0));
                accessible_name(ui, r2.id, "To");
            });
            let from = parse_day(&self.date_from);
            let to = parse_day(&self.date_to);
            self.set_filter(|f| {
                f.from = from;
                f.to = to;
            });
            // Meetings per year under the whole filter; a click sets the range to that year.
            let selected_year = match (from, to) {
                (Some(f), Some(t))
                    if f.year() == t.year()
                        && (f.month(), f.day()) == (1, 1)
                        && (t.month(), t.day()) == (12, 31) =>
                {
                    Some(f.year())
                }
                _ => None,
            };
            if !self.timeline.per_year.is_empty() {
                bidi::colored(
                    ui,
                    self.t("Meetings per year"),
                    ui.visuals().weak_text_color(),
                );
                let per_year = self.timeline.per_year.clone();
                if let Some(year) =
                    super::overview::year_histogram(ui, &per_year, self.lang(), selected_year)
                {
                    if selected_year == Some(year) {
                        // A second click on the selected year clears the range.
                        self.date_from.clear();
                        self.date_to.clear();
                    } else {
                        self.date_from = format!("{year}-01-01");
                        self.date_to = format!("{year}-12-31");
                    }
                    let (from, to) = (parse_day(&self.date_from), parse_day(&self.date_to));
                    self.set_filter(|f| {
                        f.from = from;
                        f.to = to;
                    });
                }
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("arshif-facets")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for facet in Facet::ALL {
                        self.facet_section(ui, facet);
                    }
                });
        });
    }

    fn facet_section(&mut self, ui: &mut Ui, facet: Facet) {
        let title = self.facet_title(facet);
        let values = self.timeline.facets.of(facet).to_vec();
        let header = format!("{title} ({})", values.len());
        let rtl = self.lang().rtl();
        let id = ui.make_persistent_id(("facet", facet));
        egui::collapsing_header::CollapsingState::load_with_default_open(
            ui.ctx(),
            id,
            facet == Facet::Officials || facet == Facet::Topics,
        )
        .show_header(ui, |ui| {
            bidi::colored(ui, &header, ui.visuals().strong_text_color());
        })
        .body(|ui| {
            let narrow = self.narrow.entry(facet).or_default();
            let hint = bidi::widget_text(
                ui,
                tr(self.settings.lang, "Type to narrow"),
                egui::TextStyle::Body,
            );
            let r = ui.add(
                egui::TextEdit::singleline(narrow)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            );
            let label = format!("{} {}", tr(UiLang::En, "Type to narrow"), facet_key(facet));
            accessible_name(ui, r.id, &label);
            let needle = crate::text::fold(narrow.trim());
            let mut shown = 0;
            let mut hidden = 0;
            let arabic = self.settings.lang.rtl();
            for (value, count) in &values {
                let label = self.timeline.facets.label(facet, value, arabic).to_owned();
                if !needle.is_empty()
                    && !crate::text::fold(&label).contains(&needle)
                    && !crate::text::fold(self.timeline.facets.label(facet, value, !arabic))
                        .contains(&needle)
                {
                    continue;
                }
                if shown >= 60 {
                    hidden += 1;
                    continue;
                }
                shown += 1;
                let selected = self.settings.filter.is_selected(facet, value);
                let clicked = row_ui(ui, rtl, |ui| {
                    let r = bidi::selectable(ui, selected, &label);
                    ui.label(RichText::new(count.to_string()).weak());
                    r.clicked()
                });
                if clicked {
                    self.set_filter(|f| f.toggle(facet, value));
                }
            }
            if hidden > 0 {
                bidi::colored(
                    ui,
                    &format!("+{hidden} {}", tr(self.settings.lang, "more")),
                    ui.visuals().weak_text_color(),
                );
            }
        });
    }

    fn timeline_view(&mut self, ui: &mut Ui) {
        row_ui(ui, self.lang().rtl(), |ui| {
            let mut order = self.settings.order;
            if bidi::toggle(ui, order == SortOrder::NewestFirst, self.t("Newest first")).clicked() {
                order = SortOrder::NewestFirst;
            }
            if bidi::toggle(ui, order == SortOrder::OldestFirst, self.t("Oldest first")).clicked() {
                order = SortOrder::OldestFirst;
            }
            if order != self.settings.order {
                self.settings.order = order;
                self.dirty = true;
            }
            bidi::label(
                ui,
                &format!(
                    "{} {} {}",
                    count(self.lang(), self.timeline.cards.len(), Noun::Meeting),
                    self.t("of"),
                    self.timeline.total
                ),
            );
        });
        // The overview strip: a click scrolls the list to the nearest meeting of that month.
        if !self.overview.is_empty() {
            if let Some(month) = self.overview.show(ui, self.lang())
                && let Some(idx) = self.overview.nearest_card(month)
            {
                self.cursor = Some(idx);
                self.scroll_to_cursor = true;
            }
            ui.add_space(4.0);
        }
        ui.separator();
        if self.timeline.cards.is_empty() {
            ui.with_layout(self.column_layout(), |ui| {
                // An empty archive is not a filter that matches nothing: say what to do.
                let empty = self.timeline.total == 0;
                bidi::label(
                    ui,
                    self.t(if empty {
                        "No meetings yet: import articles (Import…, Ctrl+I, or drop files here)."
                    } else {
                        "No meeting matches this filter."
                    }),
                );
            });
            return;
        }
        let scroll_target = if self.scroll_to_cursor {
            self.scroll_to_cursor = false;
            self.cursor
                .and_then(|c| self.rows.iter().position(|r| *r == Row::Card(c)))
        } else {
            None
        };
        let mut clicked: Option<usize> = None;
        egui::ScrollArea::vertical()
            .id_salt("arshif-timeline")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let width = ui.available_width();
                if (width - self.rows_width).abs() > 1.0 {
                    self.estimate_heights(width);
                }
                let total_h = self.offsets.last().copied().unwrap_or(0.0);
                ui.set_height(total_h);
                let origin = ui.min_rect().min;
                if let Some(row) = scroll_target {
                    let r = Rect::from_min_size(
                        origin + Vec2::new(0.0, self.offsets[row]),
                        Vec2::new(width, self.heights[row]),
                    );
                    ui.scroll_to_rect(r, Some(Align::TOP));
                }
                // Only rows that intersect the viewport are laid out.
                let first = self
                    .offsets
                    .partition_point(|&y| y <= viewport.min.y)
                    .saturating_sub(1);
                for i in first..self.rows.len() {
                    let top = self.offsets[i];
                    if top > viewport.max.y {
                        break;
                    }
                    let h = self.heights[i];
                    let rect =
                        Rect::from_min_size(origin + Vec2::new(0.0, top), Vec2::new(width, h));
                    let row = self.rows[i].clone();
                    ui.scope_builder(
                        UiBuilder::new().max_rect(rect).layout(self.column_layout()),
                        |ui| match row {
                            Row::Header(label) => {
                                ui.add_space(6.0);
                                bidi::heading(ui, &label);
                            }
                            Row::Card(idx) => {
                                let (was_clicked, measured) = self.card(ui, idx);
                                if was_clicked {
                                    clicked = Some(idx);
                                }
                                if (measured - self.heights[i]).abs() > 0.5 {
                                    self.heights[i] = measured;
                                    self.offsets_stale = true;
                                }
                            }
                        },
                    );
                }
            });
        if self.offsets_stale {
            self.rebuild_offsets();
            ui.ctx().request_repaint();
        }
        if let Some(idx) = clicked {
            self.open_card(idx);
        }
    }

    /// Draws card `idx` in the row's rect (its top; the content decides the height). Returns
    /// whether it was clicked and the height it needs (with the gap below it).
    fn card(&mut self, ui: &mut Ui, idx: usize) -> (bool, f32) {
        let card = self.timeline.cards[idx].clone();
        let lang = self.lang();
        let arabic = lang.rtl();
        let selected = self.cursor == Some(idx);
        let is_open = self.open_meeting() == Some(card.id);
        let row = ui.max_rect();
        let click_rect = Rect::from_min_size(
            row.min,
            Vec2::new(row.width(), (row.height() - CARD_GAP).max(1.0)),
        );
        let response = ui.interact(
            click_rect,
            ui.scope_id().with(("card", card.id)),
            Sense::click(),
        );
        // The background is painted under the content once its height is known.
        let background = ui.painter().add(egui::Shape::Noop);
        let inner = Rect::from_min_size(
            row.min + Vec2::splat(CARD_PAD),
            Vec2::new(row.width() - 2.0 * CARD_PAD, 10_000.0),
        );
        let sep = if arabic { "، " } else { ", " };
        let people = |ps: &[super::model::Participant]| -> Vec<String> {
            ps.iter()
                .map(|p| {
                    let (first, second) = match lang {
                        UiLang::Ar if !p.name_ar.is_empty() => (&p.name_ar, &p.name_en),
                        _ if p.name_en.is_empty() => (&p.name_ar, &p.name_en),
                        _ => (&p.name_en, &p.name_ar),
                    };
                    let mut s = first.clone();
                    if !second.is_empty() && second != first {
                        // Isolated, so a Latin name in an Arabic line keeps its place.
                        s.push_str(&format!(" (\u{2068}{second}\u{2069})"));
                    }
                    let (role, country) = if arabic {
                        (
                            if p.role_ar.is_empty() {
                                &p.role
                            } else {
                                &p.role_ar
                            },
                            if p.country_ar.is_empty() {
                                &p.country
                            } else {
                                &p.country_ar
                            },
                        )
                    } else {
                        (&p.role, &p.country)
                    };
                    let details: Vec<&str> = [role.as_str(), country.as_str()]
                        .into_iter()
                        .filter(|d| !d.trim().is_empty())
                        .collect();
                    if !details.is_empty() {
                        s.push_str(&format!(" — {}", details.join(sep)));
                    }
                    s
                })
                .collect()
        };
        let iso_date = match card.date {
            Some(d) => crate::export::labels::date_text(Some(d), Some(card.precision)),
            None => tr(lang, "Undated").to_owned(),
        };
        let date = match card.date {
            Some(d) => format!(
                "{} ({})",
                super::i18n::date_text(lang, d, card.precision),
                tr(lang, card.precision.as_str())
            ),
            None => tr(lang, "Undated").to_owned(),
        };
        let place = if arabic && !card.place_ar.is_empty() {
            card.place_ar.clone()
        } else {
            card.place.clone()
        };
        let head = [
            date,
            place,
            kind_label(lang, card.kind).to_owned(),
            count(lang, card.reports, Noun::Report),
        ]
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        let mut topic_clicked: Option<String> = None;
        let content = ui.scope_builder(
            UiBuilder::new()
                .max_rect(inner)
                .layout(self.column_layout()),
            |ui| {
                ui.spacing_mut().item_spacing.y = 1.0;
                let strong = BidiStyle::new(
                    FontId::proportional(14.0),
                    ui.visuals().strong_text_color(),
                    self.dir(),
                );
                let normal = BidiStyle::new(
                    FontId::proportional(14.0),
                    ui.visuals().text_color(),
                    self.dir(),
                );
                if card.status != MeetingStatus::Held {
                    let (key, color) = match card.status {
                        MeetingStatus::Cancelled => ("Cancelled", ui.visuals().error_fg_color),
                        _ => ("Announced", ui.visuals().warn_fg_color),
                    };
                    status_badge(ui, tr(lang, key), color);
                    ui.add_space(2.0);
                }
                bidi::show(ui, &head, &strong, Sense::hover(), true);
                let side = |ui: &mut Ui, label: &str, ps: Vec<String>| {
                    if ps.is_empty() {
                        bidi::show(ui, &format!("{label}: —"), &normal, Sense::hover(), true);
                    }
                    for p in ps {
                        bidi::show(ui, &format!("{label}: {p}"), &normal, Sense::hover(), true);
                    }
                };
                side(ui, tr(lang, "Libyan side"), people(&card.libyan));
                side(ui, tr(lang, "European side"), people(&card.european));
                if !card.topics.is_empty() {
                    ui.add_space(4.0);
                    let layout = if arabic {
                        Layout::right_to_left(Align::Min)
                    } else {
                        Layout::left_to_right(Align::Min)
                    };
                    ui.allocate_ui_with_layout(
                        Vec2::new(ui.available_width(), 0.0),
                        layout.with_main_wrap(true),
                        |ui| {
                            ui.spacing_mut().item_spacing = Vec2::new(4.0, 4.0);
                            for (i, key) in card.topic_keys.iter().enumerate() {
                                let en = card.topics.get(i).map_or("", String::as_str);
                                let ar = card.topics_ar.get(i).map_or("", String::as_str);
                                let label = if arabic && !ar.is_empty() { ar } else { en };
                                if bidi::selectable(
                                    ui,
                                    self.settings.filter.is_selected(Facet::Topics, key),
                                    label,
                                )
                                .clicked()
                                {
                                    topic_clicked = Some(key.clone());
                                }
                            }
                        },
                    );
                }
            },
        );
        let content_h = content.response.rect.height();
        let card_rect =
            Rect::from_min_size(row.min, Vec2::new(row.width(), content_h + 2.0 * CARD_PAD));
        let visuals = ui.visuals();
        let fill = if is_open {
            visuals.selection.bg_fill.linear_multiply(0.35)
        } else {
            visuals.faint_bg_color
        };
        let stroke = if selected {
            egui::Stroke::new(2.0, visuals.selection.stroke.color)
        } else {
            visuals.widgets.noninteractive.bg_stroke
        };
        ui.painter().set(
            background,
            egui::Shape::Rect(egui::epaint::RectShape::new(
                card_rect,
                6.0,
                fill,
                stroke,
                egui::StrokeKind::Inside,
            )),
        );
        if let Some(t) = topic_clicked {
            self.set_filter(|f| f.toggle(Facet::Topics, &t));
        }
        let names: Vec<&str> = card
            .libyan
            .iter()
            .chain(&card.european)
            .map(|p| p.name_en.as_str())
            .collect();
        let label = format!("Meeting {iso_date} {}: {}", card.place, names.join(", "));
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        (response.clicked(), card_rect.height() + CARD_GAP)
    }

    fn reader(&mut self, ui: &mut Ui) {
        let layout = self.column_layout();
        let dir = self.dir();
        let lang = self.lang();
        let arabic = lang.rtl();
        // What the user clicked in the reader, applied after drawing.
        let mut filter_by: Option<(Facet, String)> = None;
        let mut open_related: Option<u64> = None;
        ui.with_layout(layout, |ui| {
            ui.add_space(4.0);
            bidi::heading(ui, self.t("Article"));
            ui.separator();
            let Some((id, article)) = &self.open else {
                bidi::label(ui, self.t("Select a meeting to read its article."));
                return;
            };
            let (id, article) = (*id, article.clone());
            if let Some(card) = self.timeline.cards.iter().find(|c| c.id == id).cloned() {
                let out = self.edit_panel.show(
                    ui,
                    &card,
                    self.archive.as_ref(),
                    self.lang(),
                    self.worker.busy(),
                );
                if let Some(e) = out.error {
                    self.error = Some(e);
                }
                if let Some(job) = out.job {
                    self.submit_edit(job);
                }
                ui.separator();
            }
            let Some(article) = article else {
                ui.label("—");
                return;
            };
            egui::ScrollArea::vertical()
                .id_salt("arshif-reader-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut h = BidiStyle::new(
                        FontId::proportional(22.0),
                        ui.visuals().strong_text_color(),
                        dir,
                    );
                    h.fill_width = true;
                    bidi::show(ui, &article.headline, &h, Sense::hover(), true);
                    ui.add_space(4.0);
                    // Isolated (LRI…PDI) so a file name keeps its order inside Arabic.
                    let source =
                        format!("{}: \u{2066}{}\u{2069}", self.t("Source"), article.source);
                    bidi::colored(ui, &source, ui.visuals().weak_text_color());
                    bidi::colored(
                        ui,
                        self.t("Click a highlighted name to filter by it."),
                        ui.visuals().weak_text_color(),
                    );
                    ui.add_space(8.0);
                    let mut body =
                        BidiStyle::new(FontId::proportional(17.0), ui.visuals().text_color(), dir);
                    body.fill_width = true;
                    // One galley per paragraph, with a little space between paragraphs;
                    // highlights shifted to each paragraph's offsets.
                    let mut start = 0;
                    for para in article.body.split('\n') {
                        let end = start + para.len();
                        if !para.trim().is_empty() {
                            let here: Vec<&super::model::Highlight> = article
                                .highlights
                                .iter()
                                .filter(|h| h.range.start >= start && h.range.end <= end)
                                .collect();
                            body.spans = here
                                .iter()
                                .enumerate()
                                .map(|(i, h)| {
                                    (
                                        h.range.start - start..h.range.end - start,
                                        highlight_format(ui.visuals(), h.kind, i),
                                    )
                                })
                                .collect();
                            let width = ui.available_width().max(1.0);
                            let galley = bidi::galley(ui.ctx(), para, &body, width);
                            let shown = bidi::show(ui, para, &body, Sense::hover(), true);
                            // Each highlight is its own click target over its glyphs.
                            let rects = highlight_rects(&galley, shown.rect.min, here.len());
                            for (i, h) in here.iter().enumerate() {
                                let Some(rect) = rects[i] else { continue };
                                let text = &article.body[h.range.clone()];
                                let r = ui.interact(
                                    rect,
                                    ui.scope_id().with(("highlight", h.range.start)),
                                    Sense::click(),
                                );
                                let owned = text.to_owned();
                                r.widget_info(|| {
                                    egui::WidgetInfo::labeled(egui::Role::Link, true, &owned)
                                });
                                let facet = match h.kind {
                                    HighlightKind::Name => Some(Facet::Officials),
                                    HighlightKind::Place => Some(Facet::Places),
                                    HighlightKind::Topic => Some(Facet::Topics),
                                    HighlightKind::Date => None,
                                };
                                if let Some(facet) = facet
                                    && !h.key.is_empty()
                                {
                                    let r = r.on_hover_cursor(egui::CursorIcon::PointingHand);
                                    if r.clicked() {
                                        filter_by = Some((facet, h.key.clone()));
                                    }
                                }
                            }
                            ui.add_space(8.0);
                        }
                        start = end + 1;
                    }

                    // The meeting's facts and the text each came from.
                    if !article.facts.is_empty() {
                        ui.separator();
                        bidi::heading(ui, self.t("Facts"));
                        let mut fact_style = BidiStyle::new(
                            FontId::proportional(14.0),
                            ui.visuals().text_color(),
                            dir,
                        );
                        fact_style.fill_width = true;
                        let mut quote_style = fact_style.clone();
                        quote_style.color = ui.visuals().weak_text_color();
                        for f in &article.facts {
                            let value = if arabic && !f.value_ar.is_empty() {
                                &f.value_ar
                            } else {
                                &f.value
                            };
                            let mut line = tr(lang, f.what).to_owned();
                            if !value.is_empty() {
                                line.push_str(&format!(": {value}"));
                            }
                            bidi::show(ui, &line, &fact_style, Sense::hover(), true);
                            if !f.quote.is_empty() {
                                let at = f
                                    .span
                                    .as_ref()
                                    .map(|r| format!(" [{}–{}]", r.start, r.end))
                                    .unwrap_or_default();
                                bidi::show(
                                    ui,
                                    &format!("«{}»\u{2066}{at}\u{2069}", f.quote),
                                    &quote_style,
                                    Sense::hover(),
                                    true,
                                );
                            }
                            ui.add_space(3.0);
                        }
                    }

                    // Other meetings of the same officials.
                    ui.separator();
                    bidi::heading(ui, self.t("Other meetings of the same officials"));
                    if article.related.is_empty() {
                        bidi::label(ui, self.t("None"));
                    }
                    // Wrapped links (a one-line chip would widen the panel to the longest).
                    let mut link = BidiStyle::new(
                        FontId::proportional(14.0),
                        ui.visuals().hyperlink_color,
                        dir,
                    );
                    link.fill_width = true;
                    for c in &article.related {
                        let line = related_line(lang, c);
                        let r = bidi::show(ui, &line, &link, Sense::click(), true)
                            .on_hover_cursor(egui::CursorIcon::PointingHand);
                        if r.clicked() {
                            open_related = Some(c.id);
                        }
                        ui.add_space(2.0);
                    }
                });
        });
        if let Some((facet, key)) = filter_by {
            self.set_filter(|f| {
                f.selected.entry(facet).or_default().insert(key);
            });
        }
        if let Some(id) = open_related {
            match self.timeline.cards.iter().position(|c| c.id == id) {
                Some(idx) => {
                    self.open_card(idx);
                    self.scroll_to_cursor = true;
                }
                None => {
                    // Not under the current filter: show everything, then open it.
                    self.clear_all();
                    self.pending_open = Some(id);
                }
            }
        }
    }
}

impl ArshifApp {
    /// File ▸ New archive…, Open archive…, Recent archives (through the dialog thread, with the
    /// typed-path fallback when no dialog can be shown).
    fn file_menu(&mut self, ui: &mut Ui) {
        let enabled = self.opener.is_some() && !self.worker.busy();
        let (new, open, recent_title, none) = (
            self.t("New archive…"),
            self.t("Open archive…"),
            self.t("Recent archives"),
            self.t("None yet"),
        );
        let recent: Vec<PathBuf> = self
            .settings
            .recent
            .iter()
            .filter(|p| Some(p.as_path()) != self.archive_path.as_deref())
            .cloned()
            .collect();
        let mut ask: Option<DialogPurpose> = None;
        let mut reopen: Option<PathBuf> = None;
        ui.menu_button(self.t("File"), |ui| {
            if bidi::button_enabled(ui, enabled, new).clicked() {
                ask = Some(DialogPurpose::NewArchive);
                ui.close();
            }
            if bidi::button_enabled(ui, enabled, open).clicked() {
                ask = Some(DialogPurpose::OpenArchive);
                ui.close();
            }
            ui.separator();
            ui.menu_button(recent_title, |ui| {
                if recent.is_empty() {
                    bidi::label(ui, none);
                }
                for p in &recent {
                    if ui
                        .add_enabled(enabled, egui::Button::new(p.display().to_string()))
                        .clicked()
                    {
                        reopen = Some(p.clone());
                        ui.close();
                    }
                }
            });
        });
        if let Some(purpose) = ask {
            self.ask_dialog(purpose);
        }
        if let Some(p) = reopen {
            self.switch_archive(p, false);
        }
    }
}

/// The text format of highlight number `index` of a paragraph: a background by kind, and the
/// strong text colour with `index` in its three low bits per channel (invisible), so the laid-out
/// glyphs tell which highlight they belong to ([`highlight_rects`]).
fn highlight_format(visuals: &egui::Visuals, kind: HighlightKind, index: usize) -> TextFormat {
    let base = visuals.strong_text_color();
    let i = (index + 1) as u8;
    let color = Color32::from_rgb(
        (base.r() & !7) | (i & 7),
        (base.g() & !7) | ((i >> 3) & 7),
        (base.b() & !7) | ((i >> 6) & 3),
    );
    let background = match kind {
        HighlightKind::Name => visuals.selection.bg_fill.linear_multiply(0.6),
        HighlightKind::Place => Color32::from_rgba_unmultiplied(60, 170, 90, 70),
        HighlightKind::Date => Color32::from_rgba_unmultiplied(230, 160, 40, 80),
        HighlightKind::Topic => Color32::from_rgba_unmultiplied(150, 110, 220, 50),
    };
    TextFormat {
        font_id: FontId::proportional(17.0),
        color,
        background,
        ..Default::default()
    }
}

/// Where each of a paragraph's `n` highlights is drawn: the union of its glyphs on the first row
/// they appear on, from the colour [`highlight_format`] gave them (`origin`: the galley's
/// position on screen).
fn highlight_rects(galley: &egui::Galley, origin: egui::Pos2, n: usize) -> Vec<Option<Rect>> {
    let mut rects: Vec<Option<(f32, Rect)>> = vec![None; n];
    for placed in &galley.rows {
        let row = &placed.row;
        for glyph in &row.glyphs {
            if glyph.chr.is_whitespace() {
                continue;
            }
            let Some(v) = row.visuals.mesh.vertices.get(glyph.first_vertex as usize) else {
                continue;
            };
            let c = v.color;
            let i = (c.r() & 7) as usize
                | (((c.g() & 7) as usize) << 3)
                | (((c.b() & 3) as usize) << 6);
            if i == 0 || i > n {
                continue;
            }
            let r = glyph
                .logical_rect()
                .translate(placed.pos.to_vec2() + origin.to_vec2());
            let slot = &mut rects[i - 1];
            match slot {
                Some((y, rect)) if (*y - placed.pos.y).abs() < 0.5 => *rect = rect.union(r),
                Some(_) => {}
                None => *slot = Some((placed.pos.y, r)),
            }
        }
    }
    rects.into_iter().map(|r| r.map(|(_, r)| r)).collect()
}

/// One line for a related meeting: "19 April 2021 · Tripoli: Mohamed al-Menfi, Luciana
/// Lamorgese" (Arabic names and place in the Arabic UI).
fn related_line(lang: UiLang, c: &MeetingCard) -> String {
    let arabic = lang.rtl();
    let date = c.date.map_or_else(
        || tr(lang, "Undated").to_owned(),
        |d| super::i18n::date_text(lang, d, c.precision),
    );
    let place = if arabic && !c.place_ar.is_empty() {
        &c.place_ar
    } else {
        &c.place
    };
    let names: Vec<&str> = c
        .libyan
        .iter()
        .chain(&c.european)
        .map(|p| {
            if (arabic && !p.name_ar.is_empty()) || p.name_en.is_empty() {
                p.name_ar.as_str()
            } else {
                p.name_en.as_str()
            }
        })
        .collect();
    let sep = if arabic { "، " } else { ", " };
    if place.is_empty() {
        format!("{date}: {}", names.join(sep))
    } else {
        format!("{date} · {place}: {}", names.join(sep))
    }
}

/// A small coloured badge ("Announced", «مُعلن عنه») with `text` as its accessible name.
fn status_badge(ui: &mut Ui, text: &str, color: Color32) {
    let style = BidiStyle::new(FontId::proportional(12.0), color, bidi::ui_direction(ui));
    let galley = bidi::galley(ui.ctx(), text, &style, f32::INFINITY);
    let pad = Vec2::new(6.0, 2.0);
    let (rect, response) = ui.allocate_exact_size(galley.size() + 2.0 * pad, Sense::hover());
    ui.painter().rect(
        rect,
        8.0,
        color.gamma_multiply(0.15),
        egui::Stroke::new(1.0, color),
        egui::StrokeKind::Inside,
    );
    ui.painter().galley(rect.min + pad, galley, color);
    let owned = text.to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &owned));
}

/// A one-row horizontal strip in reading direction (right to left for the Arabic UI) that takes
/// only one row's height (unlike `with_layout`, which would take all the remaining height).
pub(super) fn row_ui<R>(ui: &mut Ui, rtl: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    let layout = if rtl {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    let size = Vec2::new(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, layout, add).inner
}

/// Gives a text field an accessible name (screen readers, kittest queries) without a visible label.
pub(super) fn accessible_name(ui: &Ui, id: egui::Id, name: &str) {
    ui.ctx()
        .accesskit_node_builder(id, |node| node.set_label(name));
}

fn facet_key(f: Facet) -> &'static str {
    match f {
        Facet::Officials => "Officials",
        Facet::Bodies => "Ministries and bodies",
        Facet::Countries => "Countries",
        Facet::Topics => "Topics",
        Facet::Places => "Places",
        Facet::Kinds => "Meeting kind",
    }
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

impl eframe::App for ArshifApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

impl ArshifApp {
    /// Opens the first meeting of the timeline in the reader (used by screenshots and tests).
    pub fn open_first(&mut self) {
        self.refresh();
        if !self.timeline.cards.is_empty() {
            self.open_card(0);
        }
    }
}
