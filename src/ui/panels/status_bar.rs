//! The status bar: a running job's progress with Cancel, a finished job's summary, or the
//! archive's counts; messages; and the typed-path field when no file dialog could be shown.

use std::path::PathBuf;

use eframe::egui::{self, FontId, Key, Sense, Ui};

use super::Action;
use crate::ui::bidi::BidiStyle;
use crate::ui::i18n::{Noun, UiLang, count, tr};
use crate::ui::model::Timeline;
use crate::ui::widgets;
use crate::ui::widgets::{accessible_name, column_layout, direction, row_ui};
use crate::ui::worker::{DialogPurpose, Summary};

/// A running job as the progress bar shows it.
#[derive(Clone, Debug, Default)]
pub struct RunningJob {
    /// What runs (an English key such as "Import", or a line already in the UI language).
    pub what: String,
    /// Items done.
    pub done: usize,
    /// Items in all, when known.
    pub total: Option<usize>,
    /// The item being worked on (a file name).
    pub current: String,
}

/// The status bar's state: the typed-path field's text.
#[derive(Debug, Default)]
pub struct StatusBar {
    typed_path: String,
}

/// What the status bar shows.
pub struct StatusView<'a> {
    /// The job running now.
    pub job: Option<&'a RunningJob>,
    /// The last finished job's summary.
    pub summary: Option<&'a Summary>,
    /// A message (an error) to show in red.
    pub error: Option<&'a str>,
    /// Why the last action was refused ("Import already running"), in the UI language.
    pub notice: Option<String>,
    /// Why the archive is open read-only, when it is (a banner above the bar).
    pub read_only: Option<&'a str>,
    /// The dialog that could not be shown (the typed-path field is offered for it).
    pub dialog_unavailable: Option<DialogPurpose>,
    /// The counts line shown when no job runs ([`status_line`]).
    pub status_line: String,
    /// The UI language.
    pub lang: UiLang,
}

impl StatusBar {
    /// Draws the bar.
    pub fn ui(&mut self, ui: &mut Ui, view: &StatusView<'_>) -> Vec<Action> {
        let lang = view.lang;
        let t = |k: &'static str| tr(lang, k);
        let mut actions = Vec::new();
        if let Some(why) = view.read_only {
            let text = format!("{}: {why}", t("The archive is open read-only"));
            let style = BidiStyle::new(
                FontId::proportional(14.0),
                ui.visuals().warn_fg_color,
                direction(lang),
            );
            ui.with_layout(column_layout(lang), |ui| {
                widgets::show(ui, &text, &style, Sense::hover(), true);
            });
        }
        row_ui(ui, lang.rtl(), |ui| {
            if let Some(job) = view.job {
                actions.extend(progress(ui, job, lang));
            } else if let Some(s) = view.summary {
                widgets::label(ui, &summary_text(s, lang));
                let problems = problem_lines(s, lang);
                if !problems.is_empty() {
                    widgets::label(ui, &format!("({} {})", problems.len(), t("problems")))
                        .on_hover_text(problems.join("\n"));
                }
                if widgets::button(ui, t("Close")).clicked() {
                    actions.push(Action::CloseSummary);
                }
            } else {
                widgets::label(ui, &view.status_line);
            }
            if let Some(e) = view.error {
                // Errors stay until read (a later timeline must not wipe "could not open X");
                // the button first, so a long message never pushes it off the window.
                if widgets::button(ui, t("Dismiss")).clicked() {
                    actions.push(Action::DismissError);
                }
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            if let Some(n) = &view.notice {
                let color = ui.visuals().warn_fg_color;
                widgets::colored(ui, n, color);
            }
        });
        if let Some(purpose) = view.dialog_unavailable {
            actions.extend(self.typed_path(ui, purpose, lang));
        }
        actions
    }

    /// The fallback for a file dialog that could not be shown: a path typed by hand.
    fn typed_path(&mut self, ui: &mut Ui, purpose: DialogPurpose, lang: UiLang) -> Vec<Action> {
        let t = |k: &'static str| tr(lang, k);
        let msg = t(
            "No file dialog could be opened on this system (no desktop portal, no zenity). Type a path below, or drag files onto the window.",
        );
        ui.with_layout(column_layout(lang), |ui| {
            let style = BidiStyle::new(
                FontId::proportional(14.0),
                ui.visuals().warn_fg_color,
                direction(lang),
            );
            widgets::show(ui, msg, &style, Sense::hover(), true);
        });
        let mut actions = Vec::new();
        row_ui(ui, lang.rtl(), |ui| {
            widgets::label(ui, t("Path"));
            let resp = ui.add(
                egui::TextEdit::singleline(&mut self.typed_path)
                    .desired_width(360.0)
                    .id(egui::Id::unique("arshif-typed-path")),
            );
            accessible_name(ui, resp.id, "Typed path");
            let label = match purpose {
                DialogPurpose::Import => t("Import this path"),
                DialogPurpose::Export => t("Export to this path"),
                DialogPurpose::NewArchive => t("Create this archive"),
                DialogPurpose::OpenArchive => t("Open this archive"),
                DialogPurpose::InboxFolder => t("Watch this folder"),
                DialogPurpose::Backup => t("Back up to this file"),
                DialogPurpose::Restore => t("Restore this backup"),
            };
            let enter = resp.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if (widgets::button(ui, label).clicked() || enter) && !self.typed_path.trim().is_empty()
            {
                let p = PathBuf::from(self.typed_path.trim());
                self.typed_path.clear();
                actions.push(Action::CloseDialogFallback);
                actions.push(match purpose {
                    DialogPurpose::Import => Action::Import(vec![p]),
                    DialogPurpose::Export => Action::Export(p),
                    DialogPurpose::NewArchive => Action::SwitchArchive {
                        path: p,
                        create: true,
                    },
                    DialogPurpose::OpenArchive => Action::SwitchArchive {
                        path: p,
                        create: false,
                    },
                    DialogPurpose::InboxFolder => Action::SetInbox(Some(p)),
                    DialogPurpose::Backup => Action::Backup(p),
                    DialogPurpose::Restore => Action::AskRestore(p),
                });
            }
            if widgets::button(ui, t("Close")).clicked() {
                actions.push(Action::CloseDialogFallback);
            }
        });
        actions
    }
}

/// The progress bar of a running job, with Cancel.
fn progress(ui: &mut Ui, job: &RunningJob, lang: UiLang) -> Option<Action> {
    let (done, total) = (job.done, job.total.unwrap_or(0));
    let fraction = if total > 0 {
        done as f32 / total as f32
    } else {
        0.0
    };
    let what = match job.what.as_str() {
        "Finding meetings" => tr(lang, "Finding meetings"),
        "Import" => tr(lang, "Import"),
        "Export" => tr(lang, "Export"),
        other => other,
    };
    if job.total.is_none() && done == 0 {
        // Not started on items yet (waiting for the archive's writer, or counting files).
        widgets::label(ui, what);
        ui.add(egui::Spinner::new());
    } else {
        widgets::label(ui, &format!("{what}: {done} / {total}"));
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(240.0)
                .show_percentage(),
        );
    }
    if !job.current.is_empty() {
        widgets::label(ui, &job.current);
    }
    let cancel = widgets::button(ui, tr(lang, "Cancel")).clicked();
    ui.ctx().request_repaint();
    cancel.then_some(Action::CancelJob)
}

/// A finished job's problems, one line each in `lang`: why it failed, then each item's problem.
fn problem_lines(s: &Summary, lang: UiLang) -> Vec<String> {
    s.error
        .iter()
        .map(|e| e.message(lang))
        .chain(s.problems.iter().cloned())
        .collect()
}

/// A finished job's line in the UI language (the worker's English headline when the UI has
/// no words of its own for it).
pub fn summary_text(s: &Summary, lang: UiLang) -> String {
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
pub fn status_line(timeline: &Timeline, described: &str, lang: UiLang) -> String {
    format!(
        "{} {} {} · {} · \u{2066}{}\u{2069}",
        count(lang, timeline.matching, Noun::Meeting),
        tr(lang, "of"),
        timeline.total,
        count(lang, timeline.articles, Noun::Article),
        described
    )
}
