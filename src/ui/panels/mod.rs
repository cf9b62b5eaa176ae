//! The app's panels, one file each, as egui's demo app does: a state struct (what the panel
//! remembers between frames) and a `ui()` that draws one frame of it.
//!
//! A panel reads what it shows from its arguments and changes only its own state and the
//! [`Filter`](crate::query::Filter) it is handed; anything else it wants done (open a card, run a
//! job, ask for a file) it returns as an [`Action`], which the app (`ui::app::ArshifApp`) applies
//! after the panel. Panels never name the app, so the app depends on them and not the reverse.
//!
//! To add a panel: a file here with its state and `ui()`, a field for the state in
//! `ArshifApp`'s `Panels`, and one line in `ArshifApp::show`, where the frame order lives.

use std::path::PathBuf;

use eframe::egui::{self, Ui};

use crate::ui::actions::{Running, UserAction};
use crate::ui::i18n::UiLang;
use crate::ui::widgets;
use crate::ui::worker::{DialogPurpose, Job, Summary};

pub mod card;
pub mod edit;
pub mod export;
pub mod filters;
pub mod inbox;
pub mod network;
pub mod overview;
pub mod page;
pub mod reader;
pub mod restore;
pub mod status_bar;
pub mod timeline;
pub mod top_bar;

/// A button that starts `action` (opens its dialog or its job): disabled while
/// [`Running::blocked`] says so, with the reason as its hover text, and a spinner beside it while
/// the action itself runs. Accessible name `text`; `hover` is shown while it is enabled. True when
/// clicked (never while disabled).
pub fn action_button(
    ui: &mut Ui,
    running: &Running,
    action: UserAction,
    text: &str,
    hover: &str,
    lang: UiLang,
) -> bool {
    let blocked = running.blocked(action);
    let resp = widgets::button_enabled(ui, blocked.is_none(), text);
    if running.is_running(action) {
        ui.add(egui::Spinner::new());
    }
    // Hover texts in reading order too (egui's tooltips have no bidi).
    let tip = |ui: &Ui, text: &str| widgets::widget_text(ui, text, egui::TextStyle::Body);
    let resp = match &blocked {
        Some(b) => resp.on_disabled_hover_text(tip(ui, &b.message(lang))),
        None if !hover.is_empty() => resp.on_hover_text(tip(ui, hover)),
        None => resp,
    };
    blocked.is_none() && resp.clicked()
}

/// What a panel asks the app to do once it has drawn.
#[derive(Debug)]
pub enum Action {
    /// Open a file dialog (on the dialog thread) for `purpose`.
    AskDialog(DialogPurpose),
    /// Reopen the app on the archive file at `path` (`create`: File ▸ New archive…).
    SwitchArchive {
        /// The archive file.
        path: PathBuf,
        /// Create it (it must not exist) rather than open it (it must exist).
        create: bool,
    },
    /// Import these files and folders.
    Import(Vec<PathBuf>),
    /// Export the current view to this file.
    Export(PathBuf),
    /// Ask where to export the current view in `format` (the save dialog, suggesting
    /// `file_name`).
    ExportAs {
        /// The format chosen in the Export popup.
        format: crate::export::Format,
        /// The file name to suggest.
        file_name: String,
    },
    /// Watch this inbox folder (`None`: stop watching).
    SetInbox(Option<PathBuf>),
    /// Cancel the running job.
    CancelJob,
    /// Dismiss the finished job's summary.
    CloseSummary,
    /// The status bar's Dismiss beside an error: the message is read, hide it.
    DismissError,
    /// Dismiss the typed-path fallback of a dialog that could not be shown.
    CloseDialogFallback,
    /// Open card number `usize` of the timeline in the reader.
    OpenCard(usize),
    /// Open meeting `u64` in the reader, clearing the filter when it is not on the timeline.
    OpenMeeting(u64),
    /// Show another report (meeting row `u64`) of the meeting open in the reader.
    ReadReport(u64),
    /// Send an edit job (correction, article date, undo, redo) to the worker.
    Submit(Job),
    /// Show a message in the status bar.
    Error(String),
    /// The archive changed: query the timeline again.
    Refresh,
    /// Show a summary in the status bar (as if a job had finished).
    ShowSummary(Summary),
    /// The UI language changed: rebuild the timeline's group headers.
    LanguageChanged,
    /// Open the page of an official, a body, a country or a topic (over the timeline).
    OpenPage(crate::pages::PageRef),
    /// Open who-met-whom under the timeline's filter.
    OpenNetwork,
    /// Back the archive up to this file (File ▸ Back up…).
    Backup(PathBuf),
    /// Ask whether to replace the archive with this backup (File ▸ Restore from backup…).
    AskRestore(PathBuf),
    /// The user confirmed: restore the backup asked about.
    ConfirmRestore,
    /// The user declined the restore.
    CancelRestore,
}

fn page_request_id() -> eframe::egui::Id {
    eframe::egui::Id::unique("arshif-open-page")
}

/// Asks for `page` from a widget that returns no [`Action`] (a name on a timeline card); the app
/// takes it with [`take_page_request`] after the frame's panels.
pub fn request_page(ctx: &eframe::egui::Context, page: crate::pages::PageRef) {
    ctx.data_mut(|d| d.insert_temp(page_request_id(), page));
}

/// The page asked for with [`request_page`] this frame, if any (taken once).
pub fn take_page_request(ctx: &eframe::egui::Context) -> Option<crate::pages::PageRef> {
    ctx.data_mut(|d| {
        let page = d.get_temp::<crate::pages::PageRef>(page_request_id());
        d.remove::<crate::pages::PageRef>(page_request_id());
        page
    })
}
