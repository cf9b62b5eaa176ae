//! Every action once: the one place that decides whether an action that opens a file dialog or
//! starts long work may start now ([`Running::blocked`]), and the words for why not.
//!
//! The app builds a [`Running`] each frame from its worker (the job running, the dialog open)
//! and whether the archive is writable; the top bar, the File and Inbox menus and the reader
//! disable their buttons with it (a spinner beside the one whose work runs, the reason as hover
//! text), and the app refuses shortcuts, drops and typed paths with [`Blocked::message`] in the
//! status bar. The worker itself refuses a second job or a second dialog too
//! ([`crate::ui::worker::Refused`]), so two clicks within one frame still start one thing.

use super::i18n::{UiLang, tr};
use super::worker::{DialogPurpose, JobKind};

/// What the user can start that opens a file dialog or runs long work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UserAction {
    /// Import… (button, Ctrl+I), files dropped on the window, a typed path to import.
    Import,
    /// Export… (button, Ctrl+E, the popup's Save…, a typed path to export to).
    Export,
    /// File ▸ New archive….
    NewArchive,
    /// File ▸ Open archive….
    OpenArchive,
    /// File ▸ Recent archives ▸ a file (no dialog: the archive is switched at once).
    RecentArchive,
    /// Inbox folder… ▸ Choose folder….
    InboxFolder,
    /// A correction, an article date, a gazetteer addition, undo (Ctrl+Z) or redo (Ctrl+Shift+Z).
    Edit,
    /// File ▸ Back up….
    Backup,
    /// File ▸ Restore from backup… (asks before it replaces the archive).
    Restore,
}

impl UserAction {
    /// The file dialog this action opens, if any.
    pub fn dialog(self) -> Option<DialogPurpose> {
        match self {
            UserAction::Import => Some(DialogPurpose::Import),
            UserAction::Export => Some(DialogPurpose::Export),
            UserAction::NewArchive => Some(DialogPurpose::NewArchive),
            UserAction::OpenArchive => Some(DialogPurpose::OpenArchive),
            UserAction::InboxFolder => Some(DialogPurpose::InboxFolder),
            UserAction::Backup => Some(DialogPurpose::Backup),
            UserAction::Restore => Some(DialogPurpose::Restore),
            UserAction::RecentArchive | UserAction::Edit => None,
        }
    }

    /// The worker job this action ends in, if any.
    pub fn job(self) -> Option<JobKind> {
        match self {
            UserAction::Import => Some(JobKind::Import),
            UserAction::Export => Some(JobKind::Export),
            UserAction::Edit => Some(JobKind::Edit),
            UserAction::Backup => Some(JobKind::Backup),
            UserAction::Restore => Some(JobKind::Restore),
            _ => None,
        }
    }

    /// True when the action changes the archive (refused on an archive open read-only).
    pub fn writes(self) -> bool {
        matches!(
            self,
            UserAction::Import | UserAction::Edit | UserAction::InboxFolder | UserAction::Restore
        )
    }

    /// True when the action replaces the archive open now (refused while a dialog or a job is
    /// busy with the current one).
    fn switches_archive(self) -> bool {
        matches!(
            self,
            UserAction::NewArchive | UserAction::OpenArchive | UserAction::RecentArchive
        )
    }

    /// The action whose dialog this is.
    pub fn of_dialog(purpose: DialogPurpose) -> UserAction {
        match purpose {
            DialogPurpose::Import => UserAction::Import,
            DialogPurpose::Export => UserAction::Export,
            DialogPurpose::NewArchive => UserAction::NewArchive,
            DialogPurpose::OpenArchive => UserAction::OpenArchive,
            DialogPurpose::InboxFolder => UserAction::InboxFolder,
            DialogPurpose::Backup => UserAction::Backup,
            DialogPurpose::Restore => UserAction::Restore,
        }
    }
}

/// What runs now, as the worker and the archive say: built once per frame by the app.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Running {
    /// The file dialog open now (one at a time).
    pub dialog: Option<DialogPurpose>,
    /// The worker's job (one at a time).
    pub job: Option<JobKind>,
    /// Why the archive is open read-only, when it is (writes are refused).
    pub read_only: Option<String>,
}

/// Why an action cannot start now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// The same action runs already (its dialog is open or its job runs): "Import already
    /// running".
    AlreadyRunning(UserAction),
    /// Another file dialog is open.
    DialogOpen(DialogPurpose),
    /// Another job runs (the worker runs one at a time).
    JobRunning(JobKind),
    /// The archive is open read-only (the reason).
    ReadOnly(String),
}

impl Running {
    /// True while `action` itself runs (its dialog is open or its job runs): its button shows a
    /// spinner.
    pub fn is_running(&self, action: UserAction) -> bool {
        (action.dialog().is_some() && action.dialog() == self.dialog)
            || (action.job().is_some() && action.job() == self.job)
    }

    /// Why `action` cannot start now, or `None` when it may. The rules:
    /// - the same action runs (its dialog is open, its job runs): [`Blocked::AlreadyRunning`];
    /// - a dialog is open and the action opens one, imports or switches the archive:
    ///   [`Blocked::DialogOpen`] (one dialog at a time; an import or a switch would race it);
    /// - a job runs and the action ends in a job or switches the archive: [`Blocked::JobRunning`];
    /// - the archive is read-only and the action writes: [`Blocked::ReadOnly`].
    pub fn blocked(&self, action: UserAction) -> Option<Blocked> {
        if self.is_running(action) {
            return Some(Blocked::AlreadyRunning(action));
        }
        if let Some(open) = self.dialog
            && (action.dialog().is_some() || action.switches_archive())
        {
            return Some(Blocked::DialogOpen(open));
        }
        if let Some(job) = self.job
            && (action.job().is_some() || action.switches_archive())
        {
            return Some(Blocked::JobRunning(job));
        }
        match &self.read_only {
            Some(why) if action.writes() => Some(Blocked::ReadOnly(why.clone())),
            _ => None,
        }
    }
}

impl Blocked {
    /// One line for the status bar (and the disabled button's hover text) in `lang`, e.g.
    /// "Import already running" / «الاستيراد جارٍ بالفعل».
    pub fn message(&self, lang: UiLang) -> String {
        let key = match self {
            Blocked::AlreadyRunning(action) => match action {
                UserAction::Import => "Import already running",
                UserAction::Export => "Export already running",
                UserAction::NewArchive => "New archive already running",
                UserAction::OpenArchive | UserAction::RecentArchive => {
                    "Open archive already running"
                }
                UserAction::InboxFolder => "The inbox folder dialog is already open",
                UserAction::Edit => "A correction is already being saved",
                UserAction::Backup => "Backup already running",
                UserAction::Restore => "Restore already running",
            },
            Blocked::DialogOpen(_) => "A file dialog is already open: finish it first",
            Blocked::JobRunning(job) => match job {
                JobKind::Import => "Import running: wait for it to finish",
                JobKind::Extract => "Finding meetings: wait for it to finish",
                JobKind::Export => "Export running: wait for it to finish",
                JobKind::Edit => "Saving a correction: wait for it to finish",
                JobKind::Backup => "Backup running: wait for it to finish",
                JobKind::Restore => "Restore running: wait for it to finish",
            },
            Blocked::ReadOnly(why) => {
                return format!("{}: {why}", tr(lang, "The archive is open read-only"));
            }
        };
        tr(lang, key).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_import_dialog_refuses_a_second_import_and_other_dialogs_but_not_edits() {
        let r = Running {
            dialog: Some(DialogPurpose::Import),
            ..Default::default()
        };
        assert_eq!(
            r.blocked(UserAction::Import),
            Some(Blocked::AlreadyRunning(UserAction::Import))
        );
        assert!(r.is_running(UserAction::Import));
        assert_eq!(
            r.blocked(UserAction::OpenArchive),
            Some(Blocked::DialogOpen(DialogPurpose::Import))
        );
        assert_eq!(
            r.blocked(UserAction::RecentArchive),
            Some(Blocked::DialogOpen(DialogPurpose::Import))
        );
        assert_eq!(r.blocked(UserAction::Edit), None);
        assert!(!r.is_running(UserAction::Export));
    }

    #[test]
    fn a_running_job_refuses_jobs_and_switches_but_not_choosing_the_inbox_folder() {
        let r = Running {
            job: Some(JobKind::Extract),
            ..Default::default()
        };
        for a in [
            UserAction::Import,
            UserAction::Export,
            UserAction::Edit,
            UserAction::NewArchive,
            UserAction::RecentArchive,
        ] {
            assert_eq!(
                r.blocked(a),
                Some(Blocked::JobRunning(JobKind::Extract)),
                "{a:?}"
            );
        }
        assert_eq!(r.blocked(UserAction::InboxFolder), None);
        assert_eq!(
            r.blocked(UserAction::Import).unwrap().message(UiLang::En),
            "Finding meetings: wait for it to finish"
        );
    }

    #[test]
    fn read_only_refuses_writes_only() {
        let r = Running {
            read_only: Some("the file is read-only".into()),
            ..Default::default()
        };
        assert!(matches!(
            r.blocked(UserAction::Import),
            Some(Blocked::ReadOnly(_))
        ));
        assert!(matches!(
            r.blocked(UserAction::InboxFolder),
            Some(Blocked::ReadOnly(_))
        ));
        assert_eq!(r.blocked(UserAction::Export), None);
        assert_eq!(r.blocked(UserAction::OpenArchive), None);
    }

    #[test]
    fn messages_in_both_languages() {
        let b = Blocked::AlreadyRunning(UserAction::Import);
        assert_eq!(b.message(UiLang::En), "Import already running");
        assert_eq!(b.message(UiLang::Ar), "الاستيراد جارٍ بالفعل");
    }
}
