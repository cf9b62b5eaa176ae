//! Why a job failed, kept typed from the library call that failed to the status bar, which
//! words it in the UI language ([`JobError::message`]).

use std::fmt;
use std::sync::Arc;

use crate::ui::i18n::{UiLang, tr};

/// Which step of a job failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The job itself (opening the archive, the import, the extraction catch-up, the edit): the
    /// headline already says which; the message is the cause.
    Job,
    /// Finding meetings again after an edit that was kept.
    FindingMeetingsAgain,
}

/// A failed job or step with its cause (the library's error: a store, edit or pipeline error).
#[derive(Clone, Debug)]
pub struct JobError {
    /// What failed.
    pub step: Step,
    cause: Arc<anyhow::Error>,
}

impl JobError {
    /// `cause` as the failure of `step`.
    pub fn new(step: Step, cause: impl Into<anyhow::Error>) -> Self {
        Self {
            step,
            cause: Arc::new(cause.into()),
        }
    }

    /// The same cause as the failure of another step.
    pub fn during(self, step: Step) -> Self {
        Self { step, ..self }
    }

    /// The library's error.
    pub fn cause(&self) -> &anyhow::Error {
        &self.cause
    }

    /// One line for the status bar in `lang` (the cause is the library's own message).
    pub fn message(&self, lang: UiLang) -> String {
        match self.step {
            Step::Job => self.cause.to_string(),
            Step::FindingMeetingsAgain => format!(
                "{}: {}",
                tr(lang, "finding meetings again failed"),
                self.cause
            ),
        }
    }
}

impl fmt::Display for JobError {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(UiLang::En))
    }
}

impl std::error::Error for JobError {}

impl PartialEq for JobError {
    /// Same step and same cause message (library errors are not comparable themselves).
    fn eq(&self, other: &Self) -> bool {
        self.step == other.step && self.cause.to_string() == other.cause.to_string()
    }
}

impl Eq for JobError {}
