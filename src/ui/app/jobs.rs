//! Jobs: what starts them (import, export, backup, edits, dialogs) and what the worker
//! reports; the panels' actions.

use super::*;

/// Jobs: what starts them and what they report.
impl ArshifApp {
    /// Starts an import of `paths` on the worker.
    pub fn start_import(&mut self, paths: Vec<PathBuf>) {
        if paths.is_empty() || !self.allow(UserAction::Import) {
            return;
        }
        self.start_job(Job::Import { paths }, UserAction::Import, "Import");
    }

    /// Submits `job` (started by `action`) to the worker, showing `what` until its first
    /// progress; a refusal becomes the status bar's word. True when the worker took it.
    pub(super) fn start_job(&mut self, job: Job, action: UserAction, what: &str) -> bool {
        // The worker writes its status lines in the UI language.
        self.jobs.worker.set_lang(self.lang());
        match self.jobs.worker.try_submit(job) {
            Ok(()) => {
                self.jobs.summary = None;
                self.jobs.refused = None;
                self.jobs.error = None;
                self.jobs.read_error = false;
                self.jobs.running = Some(RunningJob {
                    what: what.into(),
                    ..Default::default()
                });
                true
            }
            Err(r) => {
                self.note_refusal(r, action);
                false
            }
        }
    }

    /// Starts finding meetings in articles not yet extracted (run at start-up, so a fresh or
    /// upgraded archive fills its timeline without blocking the window).
    pub fn start_extract(&mut self) {
        if self.query.extract_when_open {
            return; // Started when the reads thread has opened (created, migrated) the file.
        }
        // Read-only: nothing can be stored; a running job (an import) finds meetings itself.
        if self.jobs.read_only.is_none() && self.jobs.worker.submit(Job::Extract) {
            self.jobs.running = Some(RunningJob {
                what: "Finding meetings".into(),
                ..Default::default()
            });
        }
    }

    /// Starts an export of the current view (its filter and order) to `path` on the worker, in
    /// the format chosen last ([`export_panel::format_for_path`]), with the UI's language and
    /// the filter in words.
    pub fn start_export(&mut self, path: PathBuf) {
        if !self.allow(UserAction::Export) {
            return;
        }
        let format = export_panel::format_for_path(&path, self.settings.export_format());
        let (filter, lang) = (&self.settings.filter, self.lang());
        let job = Job::Export {
            path: export_panel::with_extension(path, format),
            filter: filter.clone(),
            format,
            options: export_panel::export_options(filter, &self.query.timeline, lang),
        };
        self.start_job(job, UserAction::Export, "Export");
    }

    /// Backs the archive up to `path` on the worker (File ▸ Back up…, or its typed path).
    pub(super) fn start_backup(&mut self, path: PathBuf) {
        if !self.allow(UserAction::Backup) {
            return;
        }
        let what = self.t("Backing up");
        self.start_job(Job::Backup { path }, UserAction::Backup, what);
    }

    /// Sends an edit-log job (correction, article date, undo, redo) to the worker, which writes
    /// through its own connection; the timeline is queried again once it finishes. False (and a
    /// message) while another job runs.
    pub(super) fn submit_edit(&mut self, job: Job) -> bool {
        if !self.allow(UserAction::Edit) {
            return false;
        }
        let what = self.t("Saving");
        self.start_job(job, UserAction::Edit, what)
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

    /// Opens the file dialog for `purpose` on its own thread, unless its action is refused now
    /// ([`Self::running`]): a second click, shortcut or menu item while a dialog is open or the
    /// work runs gets the status bar's word instead.
    pub(super) fn ask_dialog(&mut self, purpose: DialogPurpose) {
        let action = UserAction::of_dialog(purpose);
        if !self.allow(action) {
            return;
        }
        // Export… first asks for the format, by name, in the popup.
        if purpose == DialogPurpose::Export {
            self.panels.export.open();
            return;
        }
        let dialog = std::sync::Arc::clone(&self.jobs.dialog);
        self.open_dialog(purpose, move || dialog(purpose));
    }

    /// [`Worker::try_open_dialog`], a refusal kept as the status bar's word.
    pub(super) fn open_dialog(
        &mut self,
        purpose: DialogPurpose,
        dialog: impl FnOnce() -> Option<Vec<PathBuf>> + Send + 'static,
    ) {
        match self.jobs.worker.try_open_dialog(purpose, dialog) {
            Ok(()) => self.jobs.refused = None,
            Err(r) => self.note_refusal(r, UserAction::of_dialog(purpose)),
        }
    }

    pub(super) fn handle_events(&mut self) {
        for e in self.jobs.worker.poll() {
            match e {
                Event::Started { what, total } => {
                    let waiting = what == self.t(WAITING_FOR_WRITER);
                    let before = self.jobs.running.replace(RunningJob {
                        what,
                        total,
                        ..Default::default()
                    });
                    if waiting {
                        // Back to what it was doing once it goes on (the progress below).
                        let kept = before.filter(|b| b.what != self.t(WAITING_FOR_WRITER));
                        self.jobs.before_wait = kept.or(self.jobs.before_wait.take());
                    } else {
                        self.jobs.before_wait = None;
                    }
                }
                Event::Progress {
                    done,
                    total,
                    current,
                } => {
                    if let Some(before) = self.jobs.before_wait.take() {
                        self.jobs.running = Some(before);
                    }
                    let job = self.jobs.running.get_or_insert_with(RunningJob::default);
                    job.done = done;
                    job.total = Some(total);
                    job.current = current;
                }
                Event::Finished(summary) => {
                    self.jobs.refused = None;
                    self.jobs.before_wait = None;
                    if summary.archive_changed {
                        self.query.queried = None;
                    }
                    self.panels.reader.edit.archive_changed();
                    self.jobs.running = None;
                    // The catch-up that found nothing to do says nothing (the status bar's
                    // counts already describe the archive).
                    let quiet = summary.found.is_some_and(|(_, articles)| articles == 0)
                        && !summary.cancelled
                        && summary.problems.is_empty()
                        && summary.error.is_none();
                    self.jobs.summary = (!quiet).then_some(summary);
                }
                Event::Dialog {
                    purpose,
                    chosen,
                    unavailable,
                } => {
                    self.jobs.refused = None;
                    if unavailable {
                        self.jobs.dialog_unavailable = Some(purpose);
                    } else if let Some(paths) = chosen {
                        self.jobs.dialog_unavailable = None;
                        self.dialog_chosen(purpose, paths);
                    }
                }
            }
        }
    }

    /// What a file dialog's choice does.
    pub(super) fn dialog_chosen(&mut self, purpose: DialogPurpose, paths: Vec<PathBuf>) {
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
            (DialogPurpose::Backup, Some(p)) => self.start_backup(p),
            (DialogPurpose::Restore, Some(p)) => self.jobs.pending_restore = Some(p),
            (_, None) => {}
        }
    }

    /// Does what a panel asked for.
    pub(super) fn apply(&mut self, actions: impl IntoIterator<Item = Action>) {
        for action in actions {
            match action {
                Action::AskDialog(purpose) => self.ask_dialog(purpose),
                Action::SwitchArchive { path, create } => {
                    self.switch_archive(path, create);
                }
                Action::Import(paths) => self.start_import(paths),
                Action::Export(path) => self.start_export(path),
                Action::ExportAs { format, file_name } => {
                    if !self.allow(UserAction::Export) {
                        continue;
                    }
                    let (save, ask) = (self.jobs.export_dialog.clone(), self.jobs.dialog.clone());
                    let choose = move || export_panel::choose_file(save, &*ask, format, &file_name);
                    self.open_dialog(DialogPurpose::Export, choose);
                }
                Action::SetInbox(folder) => self.set_inbox(folder),
                Action::CancelJob => self.jobs.worker.cancel(),
                Action::CloseSummary => self.jobs.summary = None,
                Action::DismissError => {
                    self.jobs.error = None;
                    self.jobs.read_error = false;
                }
                Action::CloseDialogFallback => self.jobs.dialog_unavailable = None,
                Action::OpenCard(idx) => self.open_card(idx),
                Action::OpenMeeting(id) => self.open_meeting_by_id(id),
                Action::ReadReport(row) => self.read_report(row),
                Action::Submit(job) => {
                    self.submit_edit(job);
                }
                Action::Error(message) => self.jobs.error = Some(message),
                Action::Refresh => self.query.queried = None,
                Action::ShowSummary(summary) => self.jobs.summary = Some(summary),
                Action::LanguageChanged => {
                    self.panels.list.rebuild(&self.query.timeline, self.lang());
                }
                Action::OpenPage(page) => {
                    (self.panels.pages).open(crate::ui::panels::page::View::Page(page));
                }
                Action::OpenNetwork => {
                    (self.panels.pages).open(crate::ui::panels::page::View::Network);
                }
                Action::Backup(path) => self.start_backup(path),
                Action::AskRestore(path) => {
                    if self.allow(UserAction::Restore) {
                        self.jobs.pending_restore = Some(path);
                    }
                }
                Action::ConfirmRestore => {
                    if let Some(path) = self.jobs.pending_restore.take()
                        && self.allow(UserAction::Restore)
                    {
                        let what = self.t("Restoring");
                        self.start_job(Job::Restore { path }, UserAction::Restore, what);
                    }
                }
                Action::CancelRestore => self.jobs.pending_restore = None,
            }
        }
    }
}
