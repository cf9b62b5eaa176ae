//! The reader's correction panel: everything the user can change about the open meeting and the
//! gazetteer, each change sent to the worker as a [`Job`] (never written on the UI thread), kept
//! in the archive's edit log ([`crate::edits`]) and undoable with Ctrl+Z / Ctrl+Shift+Z.
//!
//! Always shown: the meeting's date, "not a Libyan–European meeting", the article's date (for an
//! undated meeting), Undo and Redo. One tab at a time below them:
//!
//! - **Place**: type-to-search over the gazetteer's places in Arabic or Latin script
//!   ([`crate::gazetteer::lookup::search_places`], matching through [`crate::text::fold`]), free text, or none.
//! - **Kind**: CAMEO 040–044.
//! - **Topics**: remove the meeting's topics, add any of the controlled vocabulary.
//! - **Participants**: remove one, add another spelling of one to the gazetteer ("Add alias…"),
//!   add a person found by any name or alias in any script, on the side and with the role chosen.
//! - **New official…**: names in Arabic and/or Latin letters, role, body, country; the worker then
//!   reads every article again (with progress) so the official is found.
//! - **History**: every edit in words ([`crate::ui::edit_words::describe_edit`]), newest first, with its state.
//!
//! The gazetteer (with the user's additions) and the log are read through
//! [`crate::ui::model::Archive::edit_context`] on the app's reads thread once after each finished job
//! ([`EditPanel::archive_changed`], [`EditPanel::set_context`]), and searches run only when the typed text changes: nothing is queried per frame. In the Arabic
//! UI every row runs right to left and every text goes through [`crate::ui::bidi`].

use std::sync::Arc;

use chrono::NaiveDate;
use eframe::egui::{self, Key, Ui};

use crate::edits::{DateValue, MeetingChange};
use crate::gazetteer::Gazetteer;
use crate::model::Side;
use crate::ui::i18n::{UiLang, tr};
use crate::ui::model::{EditContext, MeetingCard};
use crate::ui::widgets;
use crate::ui::widgets::{accessible_name, row_ui, wrapped_row};
use crate::ui::worker::Job;
use sections::kind_section;

/// Where they lived before (the coordinator removes these re-exports after the merge).
pub use crate::ui::edit_words::{describe_edit, kind_words};

/// How many search results a list shows.
const HITS: usize = 8;
/// How many edits the History tab lists (newest first).
const HISTORY_SHOWN: usize = 100;

/// The panel's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// The meeting's place.
    Place,
    /// The meeting's kind (CAMEO 040–044).
    Kind,
    /// The meeting's topics.
    Topics,
    /// The participants, their spellings, and adding one.
    Participants,
    /// Adding an official to the gazetteer.
    NewOfficial,
    /// The edit log.
    History,
}

impl Section {
    /// Every tab, in display order.
    pub const ALL: [Section; 6] = [
        Section::Place,
        Section::Kind,
        Section::Topics,
        Section::Participants,
        Section::NewOfficial,
        Section::History,
    ];

    /// The tab's label (an [`tr`] key).
    pub fn label(self) -> &'static str {
        match self {
            Section::Place => "Place",
            Section::Kind => "Kind",
            Section::Topics => "Topics",
            Section::Participants => "Participants",
            Section::NewOfficial => "New official…",
            Section::History => "History",
        }
    }
}

/// One search result: the gazetteer id and the row's text.
#[derive(Clone, Debug, PartialEq)]
struct Hit {
    key: String,
    label: String,
}

/// A search field and its results, recomputed only when the text (or the language, or the
/// gazetteer) changes.
#[derive(Default)]
struct Search {
    text: String,
    computed_for: Option<(String, UiLang)>,
    hits: Vec<Hit>,
}

impl Search {
    fn refresh(&mut self, lang: UiLang, find: impl FnOnce(&str) -> Vec<Hit>) {
        let key = (self.text.clone(), lang);
        if self.computed_for.as_ref() != Some(&key) {
            self.hits = find(&self.text);
            self.computed_for = Some(key);
        }
    }

    fn invalidate(&mut self) {
        self.computed_for = None;
    }

    fn clear(&mut self) {
        self.text.clear();
        self.invalidate();
    }
}

/// A person picked in the "new participant" search, with the side and role to add them with.
struct Chosen {
    key: String,
    name: String,
    side: Side,
    role: String,
}

/// The "New official…" form.
#[derive(Default)]
struct OfficialForm {
    name_ar: String,
    name_en: String,
    role: String,
    body: String,
    country: String,
}

/// What the panel asks the app to do after a frame.
#[derive(Debug, Default)]
pub struct PanelOutput {
    /// A job for the worker (the edit to make).
    pub job: Option<Job>,
    /// A message for the status bar (a value the panel could not use).
    pub error: Option<String>,
}

/// The correction panel's state (the app keeps one).
#[derive(Default)]
pub struct EditPanel {
    /// The meeting (and its date) the date field was filled from.
    filled_for: Option<(u64, Option<NaiveDate>)>,
    date: String,
    article_date: String,
    section: Option<Section>,
    place: Search,
    topic: Search,
    person: Search,
    chosen: Option<Chosen>,
    /// The participant (key, name) whose new spelling is being typed.
    alias_for: Option<(String, String)>,
    alias: String,
    official: OfficialForm,
    context: Option<EditContext>,
    /// `context` is current (false after a finished job).
    loaded: bool,
}

impl EditPanel {
    /// The archive changed (a job finished): the gazetteer and the log are read again before the
    /// next frame that shows the panel.
    pub fn archive_changed(&mut self) {
        self.loaded = false;
    }

    /// True when the gazetteer and the log should be read ([`crate::ui::model::Archive::edit_context`], on the
    /// reads thread): after a finished job, before the panel's searches are current again.
    pub fn wants_context(&self) -> bool {
        !self.loaded
    }

    /// The gazetteer and the log as read ([`crate::ui::model::Archive::edit_context`]); the searches run again.
    pub fn set_context(&mut self, context: Option<EditContext>) {
        self.loaded = true;
        self.context = context;
        self.place.invalidate();
        self.topic.invalidate();
        self.person.invalidate();
    }

    /// The tab open now.
    pub fn section(&self) -> Option<Section> {
        self.section
    }

    /// Opens a tab (`None`: none).
    pub fn open_section(&mut self, section: Option<Section>) {
        self.section = section;
    }

    fn gazetteer(&self) -> Option<Arc<Gazetteer>> {
        self.context.as_ref().map(|c| Arc::clone(&c.gazetteer))
    }

    /// Shows the panel for `card` (the meeting open in the reader). `busy`: a job runs, so edit
    /// buttons are disabled.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        card: &MeetingCard,
        lang: UiLang,
        busy: bool,
    ) -> PanelOutput {
        let mut out = PanelOutput::default();
        if self.filled_for.map(|(id, _)| id) != Some(card.id) {
            self.chosen = None;
            self.alias_for = None;
            self.alias.clear();
            self.article_date.clear();
        }
        if self.filled_for != Some((card.id, card.date)) {
            self.filled_for = Some((card.id, card.date));
            self.date = card.date.map(|d| d.to_string()).unwrap_or_default();
        }
        let t = |k: &'static str| tr(lang, k);
        let rtl = lang.rtl();
        let enabled = !busy;
        let mut change: Option<MeetingChange> = None;

        widgets::colored(
            ui,
            t("Correct this meeting"),
            ui.visuals().strong_text_color(),
        );
        row_ui(ui, rtl, |ui| {
            widgets::label(ui, t("Date"));
            let resp = ui.add(
                egui::TextEdit::singleline(&mut self.date)
                    .desired_width(140.0)
                    .id(egui::Id::unique("arshif-meeting-date")),
            );
            accessible_name(ui, resp.id, "Meeting date");
            let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if widgets::button_enabled(ui, enabled, t("Set date")).clicked() || enter {
                match parse_date_field(&self.date) {
                    Ok(d) => change = Some(MeetingChange::Date(d)),
                    Err(e) => out.error = Some(e),
                }
            }
        });
        if widgets::button_enabled(ui, enabled, t("Not a Libyan–European meeting")).clicked() {
            change = Some(MeetingChange::NotMeeting(true));
        }
        if card.date.is_none() {
            widgets::label(
                ui,
                t("Undated: give the article's publication date so «today» resolves."),
            );
            row_ui(ui, rtl, |ui| {
                let resp = ui.add(
                    egui::TextEdit::singleline(&mut self.article_date)
                        .desired_width(140.0)
                        .id(egui::Id::unique("arshif-article-date")),
                );
                accessible_name(ui, resp.id, "Article date");
                if widgets::button_enabled(ui, enabled, t("Set article date…")).clicked() {
                    match parse_date_field(&self.article_date) {
                        Ok(Some(date)) => {
                            out.job = Some(Job::ArticleDate {
                                meeting_id: card.id,
                                date,
                            })
                        }
                        Ok(None) => out.error = Some(t("Type the article's date.").into()),
                        Err(e) => out.error = Some(e),
                    }
                }
            });
        }

        // Tabs, in reading direction, wrapping when the reader is narrow.
        wrapped_row(ui, rtl, |ui| {
            for s in Section::ALL {
                let open = self.section == Some(s);
                if widgets::toggle(ui, open, t(s.label())).clicked() {
                    self.section = if open { None } else { Some(s) };
                }
            }
        });
        let gaz = self.gazetteer();
        if let Some(section) = self.section {
            ui.add_space(2.0);
            egui::ScrollArea::vertical()
                .id_salt("arshif-edit-section")
                .max_height(300.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    let ctx = Ctx {
                        card,
                        gaz: gaz.as_deref(),
                        lang,
                        enabled,
                    };
                    match section {
                        Section::Place => self.place_section(ui, &ctx, &mut change),
                        Section::Kind => kind_section(ui, &ctx, &mut change),
                        Section::Topics => self.topics_section(ui, &ctx, &mut change),
                        Section::Participants => {
                            self.participants_section(ui, &ctx, &mut change, &mut out)
                        }
                        Section::NewOfficial => self.official_section(ui, &ctx, &mut out),
                        Section::History => self.history_section(ui, &ctx),
                    }
                });
        }

        let (can_undo, can_redo) = self
            .context
            .as_ref()
            .map_or((true, true), |c| (c.can_undo, c.can_redo));
        row_ui(ui, rtl, |ui| {
            if widgets::button_enabled(ui, enabled && can_undo, t("Undo"))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                out.job = Some(Job::Undo);
            }
            if widgets::button_enabled(ui, enabled && can_redo, t("Redo"))
                .on_hover_text("Ctrl+Shift+Z")
                .clicked()
            {
                out.job = Some(Job::Redo);
            }
        });
        if let Some(change) = change {
            out.job = Some(Job::Edit {
                meeting_id: card.id,
                change,
            });
        }
        out
    }
}

/// What the tabs read.
struct Ctx<'a> {
    card: &'a MeetingCard,
    gaz: Option<&'a Gazetteer>,
    lang: UiLang,
    enabled: bool,
}

impl Ctx<'_> {
    fn rtl(&self) -> bool {
        self.lang.rtl()
    }
}

/// Parses a date typed in any form Arshif reads (`2021-04-20`, «20 أبريل 2021», «٢٠ أبريل ٢٠٢١»,
/// `April 2021`); empty, `none` or `undated` mean undated.
///
/// # Errors
/// A message naming the text when it is not a date.
pub fn parse_date_field(text: &str) -> Result<Option<DateValue>, String> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("none") || t.eq_ignore_ascii_case("undated") {
        return Ok(None);
    }
    crate::text::dates::parse_date(t, None)
        .map(|(date, precision)| Some(DateValue { date, precision }))
        .ok_or_else(|| format!("«{t}» is not a date Arshif can read (try YYYY-MM-DD)"))
}

mod sections;
#[cfg(test)]
mod tests;
