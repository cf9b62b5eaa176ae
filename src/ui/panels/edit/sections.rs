//! The correction panel's tabs: place, kind, topics, participants, new official, history.

use crate::gazetteer::lookup;
use eframe::egui::{self, Align, Key, Layout, Ui, Vec2};

use super::{Chosen, Ctx, EditPanel, HISTORY_SHOWN, HITS, Hit, OfficialForm, PanelOutput};
use crate::edits::{self, Edit, EditRecord, EntityKind, MeetingChange};
use crate::gazetteer::Gazetteer;
use crate::model::{MeetingKind, Side};
use crate::store::meetings::Named;
use crate::ui::bidi::{self, BidiStyle, Direction};
use crate::ui::edit_words::{describe_edit, kind_words, pick};
use crate::ui::i18n::{UiLang, tr};
use crate::ui::model::Participant;
use crate::ui::widgets;
use crate::ui::widgets::{accessible_name, button_as, echo, row_ui, search_field, wrapped_row};
use crate::ui::worker::Job;

impl EditPanel {
    pub(super) fn place_section(
        &mut self,
        ui: &mut Ui,
        c: &Ctx<'_>,
        change: &mut Option<MeetingChange>,
    ) {
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
        widgets::label(ui, &format!("{} {place}", t("Place:")));
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
            lookup::search_places(gaz, q, HITS)
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
            if row_ui(ui, c.rtl(), |ui| widgets::selectable(ui, false, &hit.label)).clicked()
                && c.enabled
            {
                picked = edits::place_from_gazetteer(gaz, &hit.key);
            }
        }
        let typed = self.place.text.trim().to_owned();
        row_ui(ui, c.rtl(), |ui| {
            if !typed.is_empty()
                && edits::place_by_name(gaz, &typed).key.starts_with("text:")
                && widgets::button_enabled(
                    ui,
                    c.enabled,
                    &t("Use «{}» as the place").replacen("{}", &typed, 1),
                )
                .clicked()
            {
                picked = Some(edits::free_place(&typed));
            }
            if widgets::button_enabled(ui, c.enabled, t("No place")).clicked() {
                *change = Some(MeetingChange::Place(None));
            }
        });
        if let Some(p) = picked {
            self.place.clear();
            *change = Some(MeetingChange::Place(Some(p)));
        }
    }

    pub(super) fn topics_section(
        &mut self,
        ui: &mut Ui,
        c: &Ctx<'_>,
        change: &mut Option<MeetingChange>,
    ) {
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
                lookup::search_topics(gaz, q, usize::MAX)
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

    pub(super) fn participants_section(
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
                    widgets::label(ui, &format!("{name} — {side_label}"));
                });
            }
        }
        if let Some((key, name)) = self.alias_for.clone() {
            widgets::label(ui, &t("Another spelling of {}:").replacen("{}", &name, 1));
            row_ui(ui, c.rtl(), |ui| {
                let resp = ui.add(
                    egui::TextEdit::singleline(&mut self.alias)
                        .desired_width(180.0)
                        .id(egui::Id::unique("arshif-alias")),
                );
                accessible_name(ui, resp.id, "Alias");
                let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
                if (widgets::button_enabled(ui, c.enabled, t("Add alias")).clicked() || enter)
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
                if widgets::button(ui, t("Cancel")).clicked() {
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
            lookup::search_people(gaz, q, HITS)
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
            if row_ui(ui, c.rtl(), |ui| widgets::selectable(ui, false, &hit.label)).clicked()
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
            widgets::colored(ui, &chosen.name, ui.visuals().strong_text_color());
            row_ui(ui, c.rtl(), |ui| {
                if widgets::toggle(ui, chosen.side == Side::Libya, t("Libyan side")).clicked() {
                    chosen.side = Side::Libya;
                }
                if widgets::toggle(ui, chosen.side == Side::Europe, t("European side")).clicked() {
                    chosen.side = Side::Europe;
                }
            });
            row_ui(ui, c.rtl(), |ui| {
                widgets::label(ui, t("Role"));
                let resp = ui.add(
                    egui::TextEdit::singleline(&mut chosen.role)
                        .desired_width(240.0)
                        .id(egui::Id::unique("arshif-participant-role")),
                );
                accessible_name(ui, resp.id, "Participant role");
            });
            echo(ui, c.lang, &chosen.role);
            row_ui(ui, c.rtl(), |ui| {
                add = widgets::button_enabled(ui, c.enabled, t("Add participant")).clicked();
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

    pub(super) fn official_section(&mut self, ui: &mut Ui, c: &Ctx<'_>, out: &mut PanelOutput) {
        let t = |k: &'static str| tr(c.lang, k);
        widgets::label(
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
                        widgets::label(ui, t(label))
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
            widgets::button_enabled(ui, c.enabled, t("Add official")).clicked()
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

    pub(super) fn history_section(&mut self, ui: &mut Ui, c: &Ctx<'_>) {
        let t = |k: &'static str| tr(c.lang, k);
        let Some(context) = &self.context else {
            return;
        };
        if context.history.is_empty() {
            widgets::label(ui, t("No edits yet."));
            return;
        }
        for rec in context.history.iter().rev().take(HISTORY_SHOWN) {
            widgets::label(ui, &history_line(rec, c.lang, c.gaz));
        }
    }
}

pub(super) fn kind_section(ui: &mut Ui, c: &Ctx<'_>, change: &mut Option<MeetingChange>) {
    let current = Some(c.card.kind);
    wrapped_row(ui, c.rtl(), |ui| {
        for k in MeetingKind::ALL {
            let label = format!("{} {}", k.cameo_code(), tr(c.lang, kind_words(k)));
            let on = current == Some(k);
            if ui
                .add_enabled_ui(c.enabled, |ui| widgets::toggle(ui, on, &label))
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
pub(super) fn official_edit(gaz: &Gazetteer, f: &OfficialForm) -> Result<Edit, edits::EditError> {
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
        .find_map(|n| lookup::person_by_name(gaz, n));
    if let Some(known) = same_name.or_else(|| gaz.person(&person.id)) {
        return Err(edits::EditError::Invalid(format!(
            "{} is already in the gazetteer: add another spelling with «Add alias…» instead",
            display(&known.name_en, &known.name_ar)
        )));
    }
    Ok(Edit::AddOfficial { person })
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
