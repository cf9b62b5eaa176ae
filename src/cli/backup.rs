//! `arshif backup FILE` and `arshif restore FILE [--force]` (see [`crate::store::backup`]).

use super::CliError;
use super::archive::open;
use crate::store::backup::restore_from;
use std::path::Path;

/// Backs the archive up to `dest` (online backup: consistent while another process writes) and
/// prints what was written; with `json`, one object `{path, bytes, articles, schema_version,
/// millis}`. An existing `dest` (an earlier backup, perhaps the only one) is replaced only with
/// `force`.
///
/// # Errors
/// [`CliError::Failed`]: no archive, `dest` exists and `force` is false, or the backup failed
/// (the message names the file; `dest` is then untouched).
pub(super) fn cmd_backup(
    db: Option<&Path>,
    dest: &Path,
    force: bool,
    json: bool,
) -> Result<(), CliError> {
    let store = open(db)?;
    // The archive itself as FILE is refused by `backup_to`, with its own message.
    let is_archive = std::fs::canonicalize(dest).ok() == std::fs::canonicalize(store.path()).ok();
    if !force && dest.exists() && !is_archive {
        return Err(CliError::Failed(format!(
            "{} already exists: not replaced (add --force to replace it)",
            dest.display()
        )));
    }
    let report = store.backup_to(dest).map_err(|e| {
        CliError::Failed(format!(
            "backup of {} to {} failed: {e}",
            store.path().display(),
            dest.display()
        ))
    })?;
    if json {
        println!(
            "{}",
            serde_json::to_string(&report).map_err(CliError::failed)?
        );
    } else {
        println!(
            "backed up {} ({} articles, {:.1} MB) to {} in {:.1} s",
            store.path().display(),
            report.articles,
            report.bytes as f64 / 1e6,
            report.path.display(),
            report.millis as f64 / 1000.0
        );
    }
    Ok(())
}

/// Restores the archive from the backup `src`; an existing archive is replaced only with
/// `force` (a copy of it is kept as `ARCHIVE.before-restore.bak`).
///
/// # Errors
/// [`CliError::Failed`] naming the files: `src` is not a usable Arshif archive, the archive
/// exists and `force` is false, or the copy failed (the archive is then unchanged).
pub(super) fn cmd_restore(db: Option<&Path>, src: &Path, force: bool) -> Result<(), CliError> {
    let (archive, _) = crate::store::resolve_path(db).map_err(CliError::failed)?;
    let report = restore_from(src, &archive, force).map_err(|e| {
        CliError::Failed(format!(
            "restore of {} from {} failed: {e}",
            archive.display(),
            src.display()
        ))
    })?;
    println!(
        "restored {} from {} ({} articles)",
        report.archive.display(),
        src.display(),
        report.articles
    );
    if let Some(previous) = &report.previous {
        println!("the archive it replaced is kept as {}", previous.display());
    }
    Ok(())
}
