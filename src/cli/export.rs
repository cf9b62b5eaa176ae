//! `arshif export`: the meetings the filter flags select, written to a file through the one
//! export path ([`crate::pipeline::export_to_file`], also the app's).

use super::timeline::open_filtered;
use super::{CliError, FilterArgs};
use crate::export::Format;
use std::path::Path;

/// `arshif export --format FORMAT --out FILE [filters]`.
///
/// # Errors
/// An unknown format or a filter that matches nothing (usage, exit 2); the archive or the file
/// fails (exit 1).
pub(super) fn cmd_export(
    db: Option<&Path>,
    args: &FilterArgs,
    format: &str,
    out: &Path,
) -> Result<(), CliError> {
    let format: Format = format.parse().map_err(CliError::usage)?;
    let (store, _ex, filter) = open_filtered(db, args)?;
    let summary =
        crate::pipeline::export_to_file(&store, &filter, format, out).map_err(CliError::failed)?;
    println!("{summary} → {}", out.display());
    Ok(())
}
