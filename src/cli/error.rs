//! How a command fails: [`CliError`], the documented exit codes, and [`report`], the one place
//! that prints an error (as ripgrep does: commands return errors, `run` prints them).

use crate::edits::EditError;
use crate::store::StoreError;
use std::fmt;

/// Success.
pub const EXIT_OK: u8 = 0;
/// Some inputs failed.
pub const EXIT_FAILED: u8 = 1;
/// Usage error.
pub const EXIT_USAGE: u8 = 2;

/// Why a command failed; [`report`] prints it and gives the exit code.
#[derive(Debug)]
pub enum CliError {
    /// An input or the archive failed (exit 1): printed as `arshif: MESSAGE`.
    Failed(String),
    /// The command line asks for something impossible (exit 2): printed as `arshif: MESSAGE`.
    Usage(String),
    /// `arshif bench` failed (exit 1): printed as `arshif bench: MESSAGE`.
    Bench(String),
    /// Exit 1 with nothing more to print: the output already says what failed (an import's
    /// failed files, the inbox watcher's last message).
    Reported,
}

impl CliError {
    /// The exit code: [`EXIT_USAGE`] for a usage error, else [`EXIT_FAILED`].
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            CliError::Failed(_) | CliError::Bench(_) | CliError::Reported => EXIT_FAILED,
        }
    }

    /// A failure (exit 1) whose message is `e`'s.
    pub fn failed(e: impl fmt::Display) -> CliError {
        CliError::Failed(e.to_string())
    }

    /// A usage error (exit 2) whose message is `e`'s.
    pub fn usage(e: impl fmt::Display) -> CliError {
        CliError::Usage(e.to_string())
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Failed(m) | CliError::Usage(m) => write!(f, "arshif: {m}"),
            CliError::Bench(m) => write!(f, "arshif bench: {m}"),
            CliError::Reported => Ok(()),
        }
    }
}

impl std::error::Error for CliError {}

impl From<StoreError> for CliError {
    /// The store's message; a bare SQLite "disk full" or "locked" from deep inside a command is
    /// named after the archive this process opened (see [`crate::store::last_opened`]).
    fn from(e: StoreError) -> CliError {
        match crate::store::last_opened() {
            Some(path) => CliError::failed(e.at(&path)),
            None => CliError::failed(e),
        }
    }
}

impl From<EditError> for CliError {
    fn from(e: EditError) -> CliError {
        CliError::failed(e)
    }
}

/// Prints `e` on stderr (nothing for [`CliError::Reported`]) and returns its exit code: the one
/// place the command line reports an error.
pub fn report(e: &CliError) -> u8 {
    if !matches!(e, CliError::Reported) {
        eprintln!("{e}");
    }
    e.exit_code()
}

/// The outcome of a command as an exit code, the error printed by [`report`].
pub fn exit_code(result: Result<(), CliError>) -> u8 {
    match result {
        Ok(()) => EXIT_OK,
        Err(e) => report(&e),
    }
}
