//! `arshif export`: the meetings the filter flags select, written to a file.

use super::timeline::open_filtered;
use super::{CliError, FilterArgs};
use crate::export::{self, ExportOptions, Format};
use crate::pipeline;
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
    let (store, ex, filter) = open_filtered(db, args)?;
    let rows = crate::query::timeline(store.conn(), &filter)?;
    let lookup = pipeline::export_lookup(store.conn(), ex.gazetteer(), &rows)?;
    let summary = export::write_file(format, &ExportOptions::default(), &rows, &lookup, out)
        .map_err(CliError::failed)?;
    println!("{summary} → {}", out.display());
    Ok(())
}
