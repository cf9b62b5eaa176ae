//! The inbox folder in the app: the top bar's "Inbox folder…" menu (the folder watched now,
//! Choose folder… through the system dialog or a typed path, Stop watching) and the watcher
//! itself ([`crate::inbox::Inbox`]) on its own thread, writing to the open archive through the
//! archive's one writer, which the worker's jobs share ([`crate::ui::worker::Writer`]).
//!
//! The folder is a [`Settings`](crate::ui::settings::Settings) field, so it is remembered between
//! runs; each frame [`InboxWatch::frame`] (re)starts watching when the folder or the archive
//! changed and turns each imported batch into the status bar's notice ("Inbox: imported 2
//! articles, 3 new meetings") and a timeline refresh.

use std::path::{Path, PathBuf};

use crossbeam_channel::{Receiver, Sender, unbounded};
use eframe::egui::{self, Ui};

use super::{Action, action_button};
use crate::inbox::{Inbox, InboxEvent, InboxOptions};
use crate::ui::actions::{Running, UserAction};
use crate::ui::i18n::{UiLang, inbox_notice, tr};
use crate::ui::widgets;
use crate::ui::worker::{DialogPurpose, Summary};

/// The app's inbox watcher and what it reports.
pub struct InboxWatch {
    /// The watcher running now, with the (folder, archive) it was started for.
    running: Option<(Inbox, PathBuf, PathBuf)>,
    /// The (folder, archive) last tried: a failed start is not retried every frame.
    tried: Option<(PathBuf, PathBuf)>,
    /// Why watching is not running, for the menu.
    problem: Option<String>,
    tx: Sender<InboxEvent>,
    rx: Receiver<InboxEvent>,
}

impl Default for InboxWatch {
    fn default() -> Self {
        let (tx, rx) = unbounded();
        Self {
            running: None,
            tried: None,
            problem: None,
            tx,
            rx,
        }
    }
}

impl InboxWatch {
    /// True while a folder is watched.
    pub fn is_watching(&self) -> bool {
        self.running
            .as_ref()
            .is_some_and(|(i, _, _)| i.is_running())
    }

    /// Starts, restarts or stops the watcher so that it watches `folder` into `archive`
    /// (`None`: not watching). A start that fails is kept as [`InboxWatch::problem`] and not
    /// retried until the folder or the archive changes.
    fn sync(&mut self, folder: Option<&Path>, archive: Option<&Path>, ctx: &egui::Context) {
        let want = folder.zip(archive);
        // A watcher that stopped on its own (folder removed) counts as none.
        let current = self
            .running
            .as_ref()
            .filter(|(i, _, _)| i.is_running())
            .map(|(_, f, a)| (f.as_path(), a.as_path()));
        if want == current {
            return;
        }
        // Stop the old watcher first (joins its thread).
        self.running = None;
        let Some((folder, archive)) = want else {
            self.tried = None;
            self.problem = None;
            return;
        };
        let key = (folder.to_path_buf(), archive.to_path_buf());
        if self.tried.as_ref() == Some(&key) {
            return;
        }
        self.tried = Some(key);
        let tx = self.tx.clone();
        let wake = ctx.clone();
        // The archive's one writer in this process, shared with the worker's jobs: the inbox's
        // imports and the worker's take turns (and the extraction catch-up never runs twice at
        // once).
        let writer = crate::ui::worker::Writer::for_archive(archive);
        let started = Inbox::start(folder, writer, InboxOptions::default(), move |e| {
            let _ = tx.send(e);
            wake.request_repaint();
        })
        .map_err(|e| e.to_string());
        match started {
            Ok(inbox) => {
                self.problem = None;
                self.running = Some((inbox, folder.to_path_buf(), archive.to_path_buf()));
            }
            Err(e) => self.problem = Some(e),
        }
    }

    /// Why the chosen folder is not being watched (it was removed, cannot be watched ...).
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Forgets a failed start, so the next frame tries the (new) folder again.
    pub fn reset(&mut self) {
        self.tried = None;
        self.problem = None;
    }

    /// Once per frame: keeps the watcher in step with `folder` and the open `archive`, and says
    /// what it imported (a refresh, a notice for the status bar, a problem).
    pub fn frame(
        &mut self,
        ctx: &egui::Context,
        folder: Option<&Path>,
        archive: Option<&Path>,
        lang: UiLang,
    ) -> Vec<Action> {
        self.sync(folder, archive, ctx);
        let mut actions = Vec::new();
        while let Ok(event) = self.rx.try_recv() {
            match event {
                InboxEvent::Batch(b) => {
                    if b.changed_archive() {
                        actions.push(Action::Refresh);
                    }
                    if let Some(headline) = inbox_notice(lang, &b) {
                        let problems = b
                            .notable()
                            .filter(|f| f.outcome == crate::import::Outcome::Failed)
                            .map(|f| f.reason.clone().unwrap_or_else(|| f.path.clone()))
                            .chain(b.extract_error.clone())
                            .collect();
                        actions.push(Action::ShowSummary(Summary {
                            headline,
                            problems,
                            archive_changed: b.changed_archive(),
                            ..Default::default()
                        }));
                    }
                }
                InboxEvent::Problem(message) => actions.push(Action::Error(message)),
                InboxEvent::Stopped(message) => {
                    self.problem = Some(message.clone());
                    actions.push(Action::Error(message));
                }
            }
        }
        actions
    }

    /// The top bar's "Inbox folder…" menu for the chosen `folder` (`has_archive`: an archive file
    /// is open): Choose folder… asks for one, Stop watching clears it.
    pub fn menu(
        &self,
        ui: &mut Ui,
        folder: Option<&Path>,
        has_archive: bool,
        running: &Running,
        lang: UiLang,
    ) -> Option<Action> {
        let t = |k: &'static str| tr(lang, k);
        let title = t("Inbox folder…");
        let (about, none, choose, stop, watching, no_archive) = (
            t("Articles saved into this folder are imported automatically."),
            t("No inbox folder"),
            t("Choose folder…"),
            t("Stop watching"),
            t("Watching"),
            t("Open an archive file to use an inbox folder."),
        );
        let state = match (folder, self.problem(), has_archive) {
            (_, _, false) => Some(no_archive.to_string()),
            (Some(_), Some(p), _) => Some(p.to_string()),
            (Some(_), None, _) if self.is_watching() => Some(watching.to_string()),
            _ => None,
        };
        let mut action = None;
        // Bidi-ordered title (egui's menu button has no bidi), logical text as accessible name.
        let shown_title = widgets::widget_text(ui, title, egui::TextStyle::Button);
        let resp = ui.menu_button(shown_title, |ui| {
            widgets::label(ui, about);
            ui.separator();
            match folder {
                Some(p) => {
                    ui.label(p.display().to_string());
                }
                None => {
                    widgets::label(ui, none);
                }
            }
            if let Some(s) = &state {
                widgets::label(ui, s);
            }
            ui.separator();
            if action_button(ui, running, UserAction::InboxFolder, choose, "", lang) {
                action = Some(Action::AskDialog(DialogPurpose::InboxFolder));
                ui.close();
            }
            if widgets::button_enabled(ui, folder.is_some(), stop).clicked() {
                action = Some(Action::SetInbox(None));
                ui.close();
            }
        });
        let title = title.to_owned();
        resp.response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &title));
        if let Some(p) = folder {
            resp.response.on_hover_text(p.display().to_string());
        }
        action
    }
}
