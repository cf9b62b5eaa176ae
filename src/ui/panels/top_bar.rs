//! The top bar: File menu, search field, Import…/Export…, language, theme, inbox folder.

use std::path::{Path, PathBuf};

use eframe::egui::{self, FontId, Sense, Ui};

use super::inbox::InboxWatch;
use super::{Action, action_button};
use crate::ui::actions::{Running, UserAction};
use crate::ui::bidi::{self, BidiStyle, Direction};
use crate::ui::filter::FilterExt;
use crate::ui::i18n::{UiLang, tr};
use crate::ui::settings::Settings;
use crate::ui::widgets;
use crate::ui::widgets::{accessible_name, row_ui};
use crate::ui::worker::DialogPurpose;

/// The top bar's state.
#[derive(Debug, Default)]
pub struct TopBar {
    /// Focus the search field on the next frame (Ctrl+F).
    pub focus_search: bool,
}

/// What the top bar reads from the app.
pub struct TopBarView<'a> {
    /// Another archive file can be opened (File ▸ New/Open are available).
    pub can_open: bool,
    /// What runs now: buttons whose action is refused are disabled ([`Running::blocked`]).
    pub running: &'a Running,
    /// The archive file open now, when known.
    pub archive_path: Option<&'a Path>,
    /// The inbox watcher, for its menu.
    pub inbox: &'a InboxWatch,
}

impl TopBar {
    /// Draws the bar; the search text, language and theme change `settings` in place.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        settings: &mut Settings,
        view: &TopBarView<'_>,
    ) -> Vec<Action> {
        let mut actions = Vec::new();
        let lang = settings.lang;
        let t = |k: &'static str| tr(lang, k);
        ui.add_space(4.0);
        row_ui(ui, lang.rtl(), |ui| {
            actions.extend(file_menu(ui, settings, view));
            widgets::heading(ui, "Arshif · أرشيف");
            ui.separator();
            self.search_field(ui, settings);
            ui.separator();
            let running = view.running;
            if action_button(
                ui,
                running,
                UserAction::Import,
                t("Import…"),
                "Ctrl+I",
                lang,
            ) {
                actions.push(Action::AskDialog(DialogPurpose::Import));
            }
            if action_button(
                ui,
                running,
                UserAction::Export,
                t("Export…"),
                "Ctrl+E",
                lang,
            ) {
                actions.push(Action::AskDialog(DialogPurpose::Export));
            }
            ui.separator();
            let mut chosen = settings.lang;
            if widgets::toggle(ui, chosen == UiLang::En, "English").clicked() {
                chosen = UiLang::En;
            }
            if widgets::toggle(ui, chosen == UiLang::Ar, "العربية").clicked() {
                chosen = UiLang::Ar;
            }
            if chosen != settings.lang {
                settings.lang = chosen;
                actions.push(Action::LanguageChanged);
            }
            ui.separator();
            // The rest of the bar already speaks the language just chosen.
            let lang = settings.lang;
            let t = |k: &'static str| tr(lang, k);
            let mut dark = settings.dark;
            if widgets::toggle(ui, !dark, t("Light")).clicked() {
                dark = false;
            }
            if widgets::toggle(ui, dark, t("Dark")).clicked() {
                dark = true;
            }
            settings.dark = dark;
            ui.separator();
            let folder = settings.inbox.as_deref();
            let has_archive = view.archive_path.is_some();
            actions.extend(view.inbox.menu(ui, folder, has_archive, view.running, lang));
        });
        ui.add_space(2.0);
        actions
    }

    /// The search field (Ctrl+F focuses it), and the query once more in reading order when it
    /// is Arabic (egui's text field has no bidi).
    fn search_field(&mut self, ui: &mut Ui, settings: &mut Settings) {
        let hint = widgets::widget_text(
            ui,
            tr(settings.lang, "Search (Ctrl+F)"),
            egui::TextStyle::Body,
        );
        let mut text = settings.filter.search_text().to_owned();
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
        if text != settings.filter.search_text() {
            settings.filter.set_search_text(&text);
        }
        if bidi::has_rtl(settings.filter.search_text()) {
            let style = BidiStyle::new(
                FontId::proportional(14.0),
                ui.visuals().weak_text_color(),
                Direction::Rtl,
            );
            widgets::show(
                ui,
                &format!("«{}»", settings.filter.search_text()),
                &style,
                Sense::hover(),
                false,
            );
        }
    }
}

/// File ▸ New archive…, Open archive…, Recent archives (through the dialog thread, with the
/// typed-path fallback when no dialog can be shown).
///
/// The list of actions, in menu order; each is one [`UserAction`] refused while
/// [`Running::blocked`] says so. A new item (File ▸ Back up… over `Store::backup_to`) is one more
/// [`UserAction`] with its dialog purpose and a line here.
fn file_menu(ui: &mut Ui, settings: &Settings, view: &TopBarView<'_>) -> Option<Action> {
    let lang = settings.lang;
    let running = view.running;
    let enabled = view.can_open && running.blocked(UserAction::RecentArchive).is_none();
    let t = |k: &'static str| tr(settings.lang, k);
    let (new, open, recent_title, none) = (
        t("New archive…"),
        t("Open archive…"),
        t("Recent archives"),
        t("None yet"),
    );
    let recent: Vec<&PathBuf> = settings
        .recent
        .iter()
        .filter(|p| Some(p.as_path()) != view.archive_path)
        .collect();
    let mut action = None;
    ui.menu_button(t("File"), |ui| {
        for (item, text) in [
            (UserAction::NewArchive, new),
            (UserAction::OpenArchive, open),
        ] {
            let clicked = if view.can_open {
                action_button(ui, running, item, text, "", lang)
            } else {
                widgets::button_enabled(ui, false, text);
                false
            };
            if clicked && let Some(purpose) = item.dialog() {
                action = Some(Action::AskDialog(purpose));
                ui.close();
            }
        }
        ui.separator();
        // Back up… only reads the archive; Restore… replaces it (the app asks first).
        for (item, text) in [
            (UserAction::Backup, t("Back up…")),
            (UserAction::Restore, t("Restore from backup…")),
        ] {
            if action_button(ui, running, item, text, "", lang)
                && let Some(purpose) = item.dialog()
            {
                action = Some(Action::AskDialog(purpose));
                ui.close();
            }
        }
        ui.separator();
        ui.menu_button(recent_title, |ui| {
            if recent.is_empty() {
                widgets::label(ui, none);
            }
            for p in &recent {
                if ui
                    .add_enabled(enabled, egui::Button::new(p.display().to_string()))
                    .clicked()
                {
                    action = Some(Action::SwitchArchive {
                        path: (*p).clone(),
                        create: false,
                    });
                    ui.close();
                }
            }
        });
    });
    action
}
