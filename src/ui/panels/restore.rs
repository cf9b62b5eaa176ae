//! File ▸ Restore from backup…: the question asked before the archive is replaced. The restore
//! itself is a worker job ([`crate::ui::worker::Job::Restore`], [`crate::store::backup::restore_from`]):
//! the backup is checked first, the current archive is kept as `ARCHIVE.before-restore.bak`, and
//! the swap is one write transaction, so a crash leaves the old archive or the restored one.

use std::path::Path;

use eframe::egui::{self, Ui};

use super::Action;
use crate::ui::i18n::{UiLang, tr};
use crate::ui::widgets;

/// Draws the confirmation for restoring `backup` over `archive` (when known) in `lang`; returns
/// [`Action::ConfirmRestore`] or [`Action::CancelRestore`] once the user answers (Escape or a
/// click outside cancels).
pub fn confirm(
    ctx: &egui::Context,
    backup: &Path,
    archive: Option<&Path>,
    lang: UiLang,
) -> Option<Action> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("arshif-restore")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.with_layout(widgets::column_layout(lang), |ui| {
            contents(ui, backup, archive, lang, &mut answer)
        });
    });
    if answer.is_none() && modal.should_close() {
        answer = Some(Action::CancelRestore);
    }
    answer
}

/// Where [`crate::store::backup::restore_from`] keeps the replaced archive:
/// `ARCHIVE.before-restore.bak` beside it.
pub fn kept_as(archive: &Path) -> std::path::PathBuf {
    let mut s = archive.as_os_str().to_owned();
    s.push(".before-restore.bak");
    s.into()
}

fn contents(
    ui: &mut Ui,
    backup: &Path,
    archive: Option<&Path>,
    lang: UiLang,
    answer: &mut Option<Action>,
) {
    let t = |k: &'static str| tr(lang, k);
    widgets::heading(ui, t("Restore from backup?"));
    widgets::label(ui, t("The archive will be replaced by the backup:"));
    // Paths read left to right whatever the UI language: isolate them (UAX #9 LRI … PDI).
    widgets::label(ui, &format!("\u{2066}{}\u{2069}", backup.display()));
    if let Some(archive) = archive {
        widgets::label(
            ui,
            t("The archive as it is now is kept beside it, as a copy named:"),
        );
        widgets::label(
            ui,
            &format!("\u{2066}{}\u{2069}", kept_as(archive).display()),
        );
    }
    ui.separator();
    widgets::row_ui(ui, lang.rtl(), |ui| {
        if widgets::button(ui, t("Restore")).clicked() {
            *answer = Some(Action::ConfirmRestore);
        }
        if widgets::button(ui, t("Cancel")).clicked() {
            *answer = Some(Action::CancelRestore);
        }
    });
}
