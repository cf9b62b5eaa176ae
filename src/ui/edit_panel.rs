//! The reader's correction panel: everything the user can change about the open meeting and the
//! gazetteer, each change sent to the worker as a [`Job`] (never written on the UI thread), kept
//! in the archive's edit log ([`crate::edits`]) and undoable with Ctrl+Z / Ctrl+Shift+Z.
//!
//! Always shown: the meeting's date, "not a Libyan–European meeting", the article's date (for an
//! undated meeting), Undo and Redo. One tab at a time below them:
//!
//! - **Place**: type-to-search over the gazetteer's places in Arabic or Latin script
//!   ([`crate::edits::search_places`], matching through [`crate::text::fold`]), free text, or none.
//! - **Kind**: CAMEO 040–044.
//! - **Topics**: remove the meeting's topics, add any of the controlled vocabulary.
//! - **Participants**: remove one, add another spelling of one to the gazetteer ("Add alias…"),
//!   add a person found by any name or alias in any script, on the side and with the role chosen.
//! - **New official…**: names in Arabic and/or Latin letters, role, body, country; the worker then
//!   reads every article again (with progress) so the official is found.
//! - **History**: every edit in words ([`describe_edit`]), newest first, with its state.
//!
//! The gazetteer (with the user's additions) and the log are read through
//! [`Archive::edit_context`] once after each finished job ([`EditPanel::archive_changed`]),
//! and searches run only when the typed text changes: nothing is queried per frame. In the Arabic
//! UI every row runs right to left and every text goes through [`super::bidi`].

use std::sync::Arc;

use chrono::NaiveDate;
use eframe::egui::{self, Align, FontId, Key, Layout, Response, Sense, Ui, Vec2};

use super::app::{accessible_name, row_ui};
use super::bidi::{self, BidiStyle, Direction};
use super::i18n::{UiLang, tr};
use super::model::{Archive, EditContext, MeetingCard, Participant};
use super::worker::Job;
use crate::edits::{self, DateValue, Edit, EditRecord, EntityKind, MeetingChange};
use crate::gazetteer::Gazetteer;
use crate::model::{DatePrecision, MeetingKind, MeetingStatus, Side};
use crate::store::meetings::Named;

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
        archive: &dyn Archive,
        lang: UiLang,
        busy: bool,
    ) -> PanelOutput {
        let mut out = PanelOutput::default();
        if !self.loaded {
            self.loaded = true;
            match archive.edit_context() {
                Ok(c) => self.context = c,
                Err(e) => out.error = Some(format!("{e:#}")),
            }
            self.place.invalidate();
            self.topic.invalidate();
            self.person.invalidate();
        }
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

        bidi::colored(
            ui,
            t("Correct this meeting"),
            ui.visuals().strong_text_color(),
        );
        row_ui(ui, rtl, |ui| {
            bidi::label(ui, t("Date"));
            let resp = ui.add(
                egui::TextEdit::singleline(&mut self.date)
                    .desired_width(140.0)
                    .id(egui::Id::unique("arshif-meeting-date")),
            );
            accessible_name(ui, resp.id, "Meeting date");
            let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if bidi::button_enabled(ui, enabled, t("Set date")).clicked() || enter {
                match parse_date_field(&self.date) {
                    Ok(d) => change = Some(MeetingChange::Date(d)),
                    Err(e) => out.error = Some(e),
                }
            }
        });
        if bidi::button_enabled(ui, enabled, t("Not a Libyan–European meeting")).clicked() {
            change = Some(MeetingChange::NotMeeting(true));
        }
        if card.date.is_none() {
            bidi::label(
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
                if bidi::button_enabled(ui, enabled, t("Set article date…")).clicked() {
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
                if bidi::toggle(ui, open, t(s.label())).clicked() {
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
            if bidi::button_enabled(ui, enabled && can_undo, t("Undo"))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                out.job = Some(Job::Undo);
            }
            if bidi::button_enabled(ui, enabled && can_redo, t("Redo"))
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

    fn place_section(&mut self, ui: &mut Ui, c: &Ctx<'_>, change: &mut Option<MeetingChange>) {
        let t = |k: &'static str| tr(c.lang, k);
        let place = if c.card.place.is_empty() {
            "—".to_owned()
        } else {
            // The card names the place in English; the gazetteer knows its Arabic name.
            c.gaz
                .and_then(|g| g.places.iter().find(|p| p.name_en == c.card.place))
                .map_or(c.card.place.clone(), |p| {
                    pick(c.lang, &p.name_en, &p.name_ar).to_owned()
                })
        };
        bidi::label(ui, &format!("{} {place}", t("Place:")));
        let Some(gaz) = c.gaz else {
            return;
        };
        search_field(
            ui,
            c.lang,
            &mut self.place.text,
            "Place search",
            t("Type a place in Arabic or Latin letters"),
        );
        let lang = c.lang;
        self.place.refresh(lang, |q| {
            edits::search_places(gaz, q, HITS)
                .into_iter()
                .map(|p| Hit {
                    key: p.id.clone(),
                    label: labelled(
                        lang,
                        &p.name_en,
                        &p.name_ar,
                        country_name(gaz, &p.country, lang),
                    ),
                })
                .collect()
        });
        let mut picked: Option<Named> = None;
        for hit in &self.place.hits {
            if row_ui(ui, c.rtl(), |ui| bidi::selectable(ui, false, &hit.label)).clicked()
                && c.enabled
            {
                picked = edits::place_from_gazetteer(gaz, &hit.key);
            }
        }
        let typed = self.place.text.trim().to_owned();
        row_ui(ui, c.rtl(), |ui| {
            if !typed.is_empty()
                && edits::place_by_name(gaz, &typed).key.starts_with("text:")
                && bidi::button_enabled(
                    ui,
                    c.enabled,
                    &t("Use «{}» as the place").replacen("{}", &typed, 1),
                )
                .clicked()
            {
                picked = Some(edits::free_place(&typed));
            }
            if bidi::button_enabled(ui, c.enabled, t("No place")).clicked() {
                *change = Some(MeetingChange::Place(None));
            }
        });
        if let Some(p) = picked {
            self.place.clear();
            *change = Some(MeetingChange::Place(Some(p)));
        }
    }

    fn topics_section(&mut self, ui: &mut Ui, c: &Ctx<'_>, change: &mut Option<MeetingChange>) {
        let t = |k: &'static str| tr(c.lang, k);
        let topic_label = |key: &str, fallback: &str| -> String {
            c.gaz
                .and_then(|g| g.topic(key))
                .map_or(fallback.to_owned(), |tp| {
                    pick(c.lang, &tp.label_en, &tp.label_ar).to_owned()
                })
        };
        // The meeting's topics: × removes one.
        wrapped_row(ui, c.rtl(), |ui| {
            for (shown, key) in c.card.topics.iter().zip(&c.card.topic_keys) {
                let label = topic_label(key, shown);
                let en = topic_label_en(c.gaz, key, shown);
                if button_as(
                    ui,
                    c.enabled,
                    &format!("× {label}"),
                    &format!("Remove topic {en}"),
                )
                .clicked()
                {
                    *change = Some(MeetingChange::RemoveTopic(key.clone()));
                }
            }
        });
        let Some(gaz) = c.gaz else {
            return;
        };
        search_field(
            ui,
            c.lang,
            &mut self.topic.text,
            "Topic search",
            t("Type to find a topic"),
        );
        let lang = c.lang;
        self.topic.refresh(lang, |q| {
            let found: Vec<&crate::gazetteer::Topic> = if q.trim().is_empty() {
                gaz.topics.iter().collect()
            } else {
                edits::search_topics(gaz, q, usize::MAX)
            };
            found
                .into_iter()
                .map(|tp| Hit {
                    key: tp.id.clone(),
                    label: pick(lang, &tp.label_en, &tp.label_ar).to_owned(),
                })
                .collect()
        });
        // The vocabulary not on the meeting yet: + adds one.
        let mut add: Option<String> = None;
        wrapped_row(ui, c.rtl(), |ui| {
            for hit in &self.topic.hits {
                if c.card.topic_keys.contains(&hit.key) {
                    continue;
                }
                let en = topic_label_en(Some(gaz), &hit.key, &hit.label);
                if button_as(
                    ui,
                    c.enabled,
                    &format!("+ {}", hit.label),
                    &format!("Add topic {en}"),
                )
                .clicked()
                {
                    add = Some(hit.key.clone());
                }
            }
        });
        if let Some(named) = add.and_then(|k| edits::topic_from_gazetteer(gaz, &k)) {
            self.topic.clear();
            *change = Some(MeetingChange::AddTopic(named));
        }
    }

    fn participants_section(
        &mut self,
        ui: &mut Ui,
        c: &Ctx<'_>,
        change: &mut Option<MeetingChange>,
        out: &mut PanelOutput,
    ) {
        let t = |k: &'static str| tr(c.lang, k);
        let sides = [
            (Side::Libya, &c.card.libyan, t("Libyan side")),
            (Side::Europe, &c.card.european, t("European side")),
        ];
        for (_, people, side_label) in sides {
            for p in people.iter().filter(|p| !p.key.is_empty()) {
                let name = participant_name(p, c.lang);
                row_ui(ui, c.rtl(), |ui| {
                    let remove = t("Remove");
                    if button_as(ui, c.enabled, remove, &format!("{remove} {name}")).clicked() {
                        *change = Some(MeetingChange::RemoveParticipant(p.key.clone()));
                    }
                    let known = c.gaz.is_some_and(|g| g.person(&p.key).is_some());
                    let alias = t("Add alias…");
                    if known
                        && button_as(ui, c.enabled, alias, &format!("{alias} {name}")).clicked()
                    {
                        self.alias_for = Some((p.key.clone(), name.clone()));
                        self.alias.clear();
                    }
                    bidi::label(ui, &format!("{name} — {side_label}"));
                });
            }
        }
        if let Some((key, name)) = self.alias_for.clone() {
            bidi::label(ui, &t("Another spelling of {}:").replacen("{}", &name, 1));
            row_ui(ui, c.rtl(), |ui| {
                let resp = ui.add(
                    egui::TextEdit::singleline(&mut self.alias)
                        .desired_width(180.0)
                        .id(egui::Id::unique("arshif-alias")),
                );
                accessible_name(ui, resp.id, "Alias");
                let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if (bidi::button_enabled(ui, c.enabled, t("Add alias")).clicked() || enter)
                    && let Some(gaz) = c.gaz
                {
                    match edits::alias_edit(gaz, EntityKind::Person, &key, &self.alias) {
                        Ok(edit) => {
                            out.job = Some(Job::Apply { edit });
                            self.alias_for = None;
                            self.alias.clear();
                        }
                        Err(e) => out.error = Some(e.to_string()),
                    }
                }
                if bidi::button(ui, t("Cancel")).clicked() {
                    self.alias_for = None;
                }
            });
            echo(ui, c.lang, &self.alias);
        }
        ui.separator();
        let Some(gaz) = c.gaz else {
            return;
        };
        search_field(
            ui,
            c.lang,
            &mut self.person.text,
            "Person search",
            t("Type a name in any script"),
        );
        let lang = c.lang;
        self.person.refresh(lang, |q| {
            edits::search_people(gaz, q, HITS)
                .into_iter()
                .map(|p| Hit {
                    key: p.id.clone(),
                    label: labelled(
                        lang,
                        &p.name_en,
                        &p.name_ar,
                        country_name(gaz, &p.country, lang),
                    ),
                })
                .collect()
        });
        let present: Vec<&str> = c
            .card
            .libyan
            .iter()
            .chain(&c.card.european)
            .map(|p| p.key.as_str())
            .collect();
        for hit in &self.person.hits {
            if present.contains(&hit.key.as_str()) {
                continue;
            }
            if row_ui(ui, c.rtl(), |ui| bidi::selectable(ui, false, &hit.label)).clicked()
                && let Some(p) = edits::participant_from_gazetteer(gaz, &hit.key, c.card.date)
            {
                self.chosen = Some(Chosen {
                    key: hit.key.clone(),
                    name: pick(lang, &p.name_en, &p.name_ar).to_owned(),
                    side: if p.side == Side::Libya {
                        Side::Libya
                    } else {
                        Side::Europe
                    },
                    role: p.role,
                });
            }
        }
        let mut add = false;
        if let Some(chosen) = &mut self.chosen {
            bidi::colored(ui, &chosen.name, ui.visuals().strong_text_color());
            row_ui(ui, c.rtl(), |ui| {
                if bidi::toggle(ui, chosen.side == Side::Libya, t("Libyan side")).clicked() {
                    chosen.side = Side::Libya;
                }
                if bidi::toggle(ui, chosen.side == Side::Europe, t("European side")).clicked() {
                    chosen.side = Side::Europe;
                }
            });
            row_ui(ui, c.rtl(), |ui| {
                bidi::label(ui, t("Role"));
                let resp = ui.add(
                    egui::TextEdit::singleline(&mut chosen.role)
                        .desired_width(240.0)
                        .id(egui::Id::unique("arshif-participant-role")),
                );
                accessible_name(ui, resp.id, "Participant role");
            });
            echo(ui, c.lang, &chosen.role);
            row_ui(ui, c.rtl(), |ui| {
                add = bidi::button_enabled(ui, c.enabled, t("Add participant")).clicked();
            });
        }
        if add && let Some(chosen) = self.chosen.take() {
            match edits::participant_from_gazetteer(gaz, &chosen.key, c.card.date) {
                Some(mut p) => {
                    p.side = chosen.side;
                    p.role = chosen.role.trim().to_owned();
                    self.person.clear();
                    *change = Some(MeetingChange::AddParticipant(p));
                }
                None => out.error = Some(format!("no official {} in the gazetteer", chosen.key)),
            }
        }
    }

    fn official_section(&mut self, ui: &mut Ui, c: &Ctx<'_>, out: &mut PanelOutput) {
        let t = |k: &'static str| tr(c.lang, k);
        bidi::label(
            ui,
            t("After adding, every article is read again to find them."),
        );
        let f = &mut self.official;
        let fields: [(&'static str, &str, &mut String); 5] = [
            ("Name in Arabic", "Official name in Arabic", &mut f.name_ar),
            (
                "Name in Latin letters",
                "Official name in Latin letters",
                &mut f.name_en,
            ),
            ("Role", "Official role", &mut f.role),
            ("Ministry or body (optional)", "Official body", &mut f.body),
            ("Country", "Official country", &mut f.country),
        ];
        // One row per field: the label, then the field (mirrored in the Arabic UI).
        let label_w = fields
            .iter()
            .map(|(label, ..)| {
                let style = BidiStyle::new(
                    egui::TextStyle::Body.resolve(ui.style()),
                    ui.visuals().text_color(),
                    Direction::Ltr,
                );
                bidi::galley(ui.ctx(), t(label), &style, f32::INFINITY)
                    .size()
                    .x
            })
            .fold(0.0, f32::max)
            + 8.0;
        for (label, name, text) in fields {
            row_ui(ui, c.rtl(), |ui| {
                ui.allocate_ui_with_layout(
                    Vec2::new(label_w, ui.spacing().interact_size.y),
                    if c.rtl() {
                        Layout::right_to_left(Align::Center)
                    } else {
                        Layout::left_to_right(Align::Center)
                    },
                    |ui| {
                        ui.set_min_width(label_w);
                        bidi::label(ui, t(label))
                    },
                );
                let resp = ui.add(
                    egui::TextEdit::singleline(text)
                        .desired_width((ui.available_width() - 8.0).clamp(80.0, 240.0))
                        .id(egui::Id::unique(("arshif-official", name))),
                );
                accessible_name(ui, resp.id, name);
            });
            echo(ui, c.lang, text);
        }
        let clicked = row_ui(ui, c.rtl(), |ui| {
            bidi::button_enabled(ui, c.enabled, t("Add official")).clicked()
        });
        if !clicked {
            return;
        }
        let Some(gaz) = c.gaz else {
            return;
        };
        match official_edit(gaz, &self.official) {
            Ok(edit) => {
                self.official = OfficialForm::default();
                out.job = Some(Job::Apply { edit });
            }
            Err(e) => out.error = Some(e.to_string()),
        }
    }

    fn history_section(&mut self, ui: &mut Ui, c: &Ctx<'_>) {
        let t = |k: &'static str| tr(c.lang, k);
        let Some(context) = &self.context else {
            return;
        };
        if context.history.is_empty() {
            bidi::label(ui, t("No edits yet."));
            return;
        }
        for rec in context.history.iter().rev().take(HISTORY_SHOWN) {
            bidi::label(ui, &history_line(rec, c.lang, c.gaz));
        }
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

fn kind_section(ui: &mut Ui, c: &Ctx<'_>, change: &mut Option<MeetingChange>) {
    let current = MeetingKind::parse(&c.card.kind.replace(' ', "_"));
    wrapped_row(ui, c.rtl(), |ui| {
        for k in MeetingKind::ALL {
            let label = format!("{} {}", k.cameo_code(), tr(c.lang, kind_words(k)));
            let on = current == Some(k);
            if ui
                .add_enabled_ui(c.enabled, |ui| bidi::toggle(ui, on, &label))
                .inner
                .clicked()
                && !on
            {
                *change = Some(MeetingChange::Kind(k));
            }
        }
    });
}

/// The [`Edit::AddOfficial`] the "New official…" form describes: the role goes in the language
/// of its script; the body and country may be typed as ids or names in any script.
fn official_edit(gaz: &Gazetteer, f: &OfficialForm) -> Result<Edit, edits::EditError> {
    let country = edits::country_code(gaz, &f.country)?;
    let body = match f.body.trim() {
        "" => None,
        b => Some(edits::body_key(gaz, b)?),
    };
    let (role_en, role_ar) = if bidi::has_rtl(&f.role) {
        ("", f.role.as_str())
    } else {
        (f.role.as_str(), "")
    };
    let person = edits::new_official(
        &f.name_en,
        &f.name_ar,
        &[],
        role_en,
        role_ar,
        body.as_deref(),
        &country,
    )?;
    let same_name = [f.name_en.as_str(), f.name_ar.as_str()]
        .into_iter()
        .filter(|n| !n.trim().is_empty())
        .find_map(|n| edits::person_by_name(gaz, n));
    if let Some(known) = same_name.or_else(|| gaz.person(&person.id)) {
        return Err(edits::EditError::Invalid(format!(
            "{} is already in the gazetteer: add another spelling with «Add alias…» instead",
            display(&known.name_en, &known.name_ar)
        )));
    }
    Ok(Edit::AddOfficial { person })
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

/// The CAMEO words of a meeting kind (an [`tr`] key).
pub fn kind_words(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Consult => "consult",
        MeetingKind::PhoneCall => "phone call",
        MeetingKind::Visit => "visit",
        MeetingKind::Host => "host a visit",
        MeetingKind::ThirdLocation => "meet at a third location",
    }
}

/// An edit in a few words in the UI language, as the status bar and the History tab show it
/// ("the meeting's place: Rome", «مكان اللقاء: روما»). `gaz` names people and topics the edit
/// holds only by key; without it the key is shown.
pub fn describe_edit(edit: &Edit, lang: UiLang, gaz: Option<&Gazetteer>) -> String {
    let t = |k: &'static str| tr(lang, k);
    let fill = |k: &'static str, v: &str| tr(lang, k).replacen("{}", v, 1);
    let date = |d: &Option<DateValue>| match d {
        None => t("undated").to_owned(),
        Some(d) => match d.precision {
            DatePrecision::Day => d.date.format("%Y-%m-%d").to_string(),
            DatePrecision::Month => d.date.format("%Y-%m").to_string(),
            DatePrecision::Year => d.date.format("%Y").to_string(),
        },
    };
    let named = |n: &Named| pick(lang, &n.name_en, &n.name_ar).to_owned();
    let person = |key: &str| {
        gaz.and_then(|g| g.person(key)).map_or(key.to_owned(), |p| {
            pick(lang, &p.name_en, &p.name_ar).to_owned()
        })
    };
    match edit {
        Edit::Meeting { change, .. } => match change {
            MeetingChange::Date(d) => fill("the meeting's date: {}", &date(d)),
            MeetingChange::Place(Some(p)) => fill("the meeting's place: {}", &named(p)),
            MeetingChange::Place(None) => fill("the meeting's place: {}", t("no place")),
            MeetingChange::AddParticipant(p) => {
                fill("participant {} added", pick(lang, &p.name_en, &p.name_ar))
            }
            MeetingChange::RemoveParticipant(key) => fill("participant {} removed", &person(key)),
            MeetingChange::AddTopic(n) => fill("topic {} added", &named(n)),
            MeetingChange::RemoveTopic(key) => {
                let label = gaz
                    .and_then(|g| g.topic(key))
                    .map_or(key.as_str(), |tp| pick(lang, &tp.label_en, &tp.label_ar));
                fill("topic {} removed", label)
            }
            MeetingChange::Kind(k) => fill(
                "the meeting's kind: {}",
                &format!("{} (CAMEO {})", t(kind_words(*k)), k.cameo_code()),
            ),
            MeetingChange::Status(s) => fill("the meeting's status: {}", t(status_words(*s))),
            MeetingChange::NotMeeting(true) => t("not a Libyan–European meeting").to_owned(),
            MeetingChange::NotMeeting(false) => t("a Libyan–European meeting").to_owned(),
            MeetingChange::Confirm => t("the meeting confirmed").to_owned(),
            MeetingChange::Delete => t("the meeting deleted").to_owned(),
        },
        Edit::AddMeeting { article_id, .. } => {
            fill("a meeting added to article #{}", &article_id.to_string())
        }
        Edit::ArticleDate {
            article_id,
            date: d,
        } => fill("article #{} published {}", &article_id.to_string()).replacen("{}", &date(d), 1),
        Edit::AddAlias { entity, key, alias } => {
            let name = match entity {
                EntityKind::Person => person(key),
                EntityKind::Place => gaz.and_then(|g| g.place(key)).map_or(key.clone(), |p| {
                    pick(lang, &p.name_en, &p.name_ar).to_owned()
                }),
                EntityKind::Body => gaz.and_then(|g| g.body(key)).map_or(key.clone(), |b| {
                    pick(lang, &b.name_en, &b.name_ar).to_owned()
                }),
            };
            fill("alias «{}» of {}", alias).replacen("{}", &name, 1)
        }
        Edit::AddOfficial { person } => fill(
            "new official {}",
            pick(lang, &person.name_en, &person.name_ar),
        ),
    }
}

fn status_words(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Held => "held",
        MeetingStatus::Announced => "announced",
        MeetingStatus::Cancelled => "cancelled",
    }
}

/// One line of the History tab: "#3 · 2026-11-30 01:23 · Corrected … (undone)".
fn history_line(rec: &EditRecord, lang: UiLang, gaz: Option<&Gazetteer>) -> String {
    let when = rec.created_at.replace('T', " ");
    let when = when.get(..16).unwrap_or(&when);
    let mut line = format!(
        "#{} · {when} · {}",
        rec.id,
        describe_edit(&rec.edit, lang, gaz)
    );
    match rec.state.as_str() {
        "undone" => line.push_str(&format!(" {}", tr(lang, "(undone)"))),
        "discarded" => line.push_str(&format!(" {}", tr(lang, "(discarded)"))),
        _ => {}
    }
    if rec.orphaned {
        line.push_str(&format!(" {}", tr(lang, "(its meeting is gone)")));
    }
    line
}

/// The name to show first in `lang`: Arabic in the Arabic UI when there is one, else English,
/// else whatever there is.
fn pick<'a>(lang: UiLang, en: &'a str, ar: &'a str) -> &'a str {
    if (lang.rtl() && !ar.is_empty()) || en.is_empty() {
        ar
    } else {
        en
    }
}

fn display(en: &str, ar: &str) -> String {
    if en.is_empty() { ar } else { en }.to_owned()
}

/// "Rome (روما) · Italy": the name in the UI language, the other script in brackets, then
/// `extra` when not empty.
fn labelled(lang: UiLang, en: &str, ar: &str, extra: String) -> String {
    let first = pick(lang, en, ar);
    let second = if first == en { ar } else { en };
    let mut s = first.to_owned();
    if !second.is_empty() && second != first {
        s.push_str(&format!(" ({second})"));
    }
    if !extra.is_empty() {
        s.push_str(&format!(" · {extra}"));
    }
    s
}

fn country_name(gaz: &Gazetteer, code: &str, lang: UiLang) -> String {
    gaz.country(code).map_or(code.to_owned(), |c| {
        pick(lang, &c.name_en, &c.name_ar).to_owned()
    })
}

/// A topic's English label (accessible names stay English, like the rest of the app's).
fn topic_label_en(gaz: Option<&Gazetteer>, key: &str, fallback: &str) -> String {
    gaz.and_then(|g| g.topic(key))
        .map_or(fallback.to_owned(), |tp| tp.label_en.clone())
}

fn participant_name(p: &Participant, lang: UiLang) -> String {
    pick(lang, &p.name_en, &p.name_ar).to_owned()
}

/// A search field with a bidi hint and an accessible name; what is typed in Arabic is shown
/// again below it, correctly ordered (egui's text field has no bidi).
fn search_field(ui: &mut Ui, lang: UiLang, text: &mut String, name: &str, hint: &str) {
    let hint = bidi::widget_text(ui, hint, egui::TextStyle::Body);
    let resp = ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(f32::INFINITY)
            .id(egui::Id::unique(("arshif-edit-search", name))),
    );
    accessible_name(ui, resp.id, name);
    echo(ui, lang, text);
}

/// Shows Arabic typed into a text field once more, in reading order (weak colour); nothing for
/// text without right-to-left letters.
fn echo(ui: &mut Ui, lang: UiLang, text: &str) {
    if !bidi::has_rtl(text) {
        return;
    }
    let style = BidiStyle::new(
        FontId::proportional(13.0),
        ui.visuals().weak_text_color(),
        if lang.rtl() {
            Direction::Rtl
        } else {
            Direction::Ltr
        },
    );
    bidi::show(ui, &format!("«{text}»"), &style, Sense::hover(), false);
}

/// A button showing `text` with bidi whose accessible name is `name` (several buttons share a
/// text, such as "Remove", but not a name, such as "Remove Khaled Mazen").
fn button_as(ui: &mut Ui, enabled: bool, text: &str, name: &str) -> Response {
    let wt = bidi::widget_text(ui, text, egui::TextStyle::Button);
    let r = ui.add_enabled(enabled, egui::Button::new(wt));
    let owned = name.to_owned();
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &owned));
    r
}

/// A strip of buttons in reading direction that wraps onto more rows when it is too wide.
fn wrapped_row<R>(ui: &mut Ui, rtl: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    let layout = if rtl {
        Layout::right_to_left(Align::Min)
    } else {
        Layout::left_to_right(Align::Min)
    }
    .with_main_wrap(true);
    ui.allocate_ui_with_layout(Vec2::new(ui.available_width(), 0.0), layout, add)
        .inner
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn gaz() -> Gazetteer {
        Gazetteer::shipped()
    }

    fn meeting(change: MeetingChange) -> Edit {
        Edit::Meeting {
            target: edits::MeetingRef {
                article_id: 1,
                key: "khaled_mazen+luciana_lamorgese".into(),
                anchor: None,
            },
            change,
        }
    }

    #[test]
    fn edits_in_words_in_both_languages() {
        let g = gaz();
        let rome = edits::place_from_gazetteer(&g, "rome").unwrap();
        let place = meeting(MeetingChange::Place(Some(rome)));
        assert_eq!(
            describe_edit(&place, UiLang::En, Some(&g)),
            "the meeting's place: Rome"
        );
        assert_eq!(
            describe_edit(&place, UiLang::Ar, Some(&g)),
            "مكان اللقاء: روما"
        );
        let removed = meeting(MeetingChange::RemoveParticipant("khaled_mazen".into()));
        assert_eq!(
            describe_edit(&removed, UiLang::En, Some(&g)),
            "participant Khaled Mazen removed"
        );
        assert_eq!(
            describe_edit(&removed, UiLang::Ar, Some(&g)),
            "أُزيل المشارك خالد مازن"
        );
        assert_eq!(
            describe_edit(&removed, UiLang::En, None),
            "participant khaled_mazen removed"
        );
        let kind = meeting(MeetingChange::Kind(MeetingKind::PhoneCall));
        assert_eq!(
            describe_edit(&kind, UiLang::En, Some(&g)),
            "the meeting's kind: phone call (CAMEO 041)"
        );
        assert_eq!(
            describe_edit(&kind, UiLang::Ar, Some(&g)),
            "نوع اللقاء: اتصال هاتفي (CAMEO 041)"
        );
        let topic = meeting(MeetingChange::RemoveTopic("terrorism".into()));
        assert_eq!(
            describe_edit(&topic, UiLang::Ar, Some(&g)),
            "أُزيل موضوع الإرهاب"
        );
        let alias = Edit::AddAlias {
            entity: EntityKind::Person,
            key: "khaled_mazen".into(),
            alias: "ماتسن".into(),
        };
        assert_eq!(
            describe_edit(&alias, UiLang::En, Some(&g)),
            "alias «ماتسن» of Khaled Mazen"
        );
        assert_eq!(
            describe_edit(&alias, UiLang::Ar, Some(&g)),
            "تهجئة «ماتسن» لاسم خالد مازن"
        );
        let dated = Edit::ArticleDate {
            article_id: 4,
            date: parse_date_field("2021-04-19").unwrap(),
        };
        assert_eq!(
            describe_edit(&dated, UiLang::En, None),
            "article #4 published 2021-04-19"
        );
    }

    #[test]
    fn the_official_form_takes_names_of_countries_and_bodies_in_any_script() {
        let g = gaz();
        let form = OfficialForm {
            name_ar: "كارلو بيانكي".into(),
            name_en: "Carlo Bianchi".into(),
            role: "المبعوث الخاص إلى ليبيا".into(),
            body: String::new(),
            country: "إيطاليا".into(),
        };
        let Edit::AddOfficial { person } = official_edit(&g, &form).unwrap() else {
            panic!("not an official")
        };
        assert_eq!(person.id, "user_carlo_bianchi");
        assert_eq!(person.country, "IT");
        assert_eq!(person.office[0].role_ar, "المبعوث الخاص إلى ليبيا");
        assert_eq!(person.office[0].role_en, "");
        let known = OfficialForm {
            name_en: "Khaled Mazen".into(),
            country: "LY".into(),
            ..OfficialForm::default()
        };
        assert_eq!(
            official_edit(&g, &known).unwrap_err().to_string(),
            "Khaled Mazen is already in the gazetteer: add another spelling with «Add alias…» instead"
        );
        let nowhere = OfficialForm {
            name_en: "Somebody".into(),
            country: "Narnia".into(),
            ..OfficialForm::default()
        };
        assert_eq!(
            official_edit(&g, &nowhere).unwrap_err().to_string(),
            "«Narnia» is not a country Arshif knows: type a code such as IT or EU, or a name such as Italy or «إيطاليا»"
        );
    }

    #[test]
    fn dates_typed_in_any_form() {
        assert_eq!(parse_date_field("  ").unwrap(), None);
        assert_eq!(
            parse_date_field("٢٠ أبريل ٢٠٢١")
                .unwrap()
                .map(|d| d.date.to_string()),
            Some("2021-04-20".to_owned())
        );
        assert_eq!(
            parse_date_field("soon").unwrap_err(),
            "«soon» is not a date Arshif can read (try YYYY-MM-DD)"
        );
    }
}
