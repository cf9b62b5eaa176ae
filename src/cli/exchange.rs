//! `arshif exchange export FILE`: the archive exchange file (docs/exchange.md). A subcommand of
//! its own rather than an `export --format`: it holds the whole archive and the edit log, not
//! the meetings a filter selects, so the filter flags of `export` would mean nothing here.
//! Importing it is `arshif import FILE.json`, like any file.

use super::CliError;
use super::archive::open_caught_up;
use std::path::{Path, PathBuf};

/// `arshif exchange ...`.
#[derive(Debug, clap::Subcommand)]
pub enum ExchangeCommand {
    /// Write every article, your corrections, aliases and added officials to FILE (JSON,
    /// replaced atomically). `arshif import FILE` in another archive brings them in.
    Export {
        /// The file to write (.json).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Leave out the informative list of meetings (import re-extracts them anyway).
        #[arg(long)]
        no_meetings: bool,
    },
}

/// Runs an `exchange` subcommand.
///
/// # Errors
/// The archive or the file fails (exit 1).
pub(super) fn cmd_exchange(db: Option<&Path>, cmd: ExchangeCommand) -> Result<(), CliError> {
    match cmd {
        ExchangeCommand::Export { file, no_meetings } => {
            let (store, _ex) = open_caught_up(db)?;
            let summary = crate::pipeline::exchange::export_exchange(&store, &file, !no_meetings)
                .map_err(CliError::failed)?;
            println!("{summary} → {}", file.display());
            Ok(())
        }
    }
}
