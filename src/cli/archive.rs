//! Opening the archive for a command, and bringing its meetings up to date first.

use super::CliError;
use crate::extract::Extractor;
use crate::pipeline::{self, ExtractReport};
use crate::store::Store;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// Opens the archive for `--db` (see [`crate::import::open_archive`]) for a command that reads or
/// edits it. An archive named by `--db` or `ARSHIF_DB` must already exist: a mistyped path is an
/// error, not a new empty archive (only `import` creates one; the default archive is created,
/// with the samples, on first use).
///
/// # Errors
/// [`CliError::Failed`]: no archive at a named path, or it cannot be opened.
pub(super) fn open(db: Option<&Path>) -> Result<Store, CliError> {
    let named = crate::store::resolve_path(db).map_err(CliError::failed)?;
    // A missing file, or an empty one (nothing in it yet): not an archive to read or edit.
    if let (path, false) = named
        && std::fs::metadata(&path).map_or(true, |m| m.is_file() && m.len() == 0)
    {
        let empty = if path.exists() {
            " (the file is empty)"
        } else {
            ""
        };
        return Err(CliError::Failed(format!(
            "no archive at {}{empty}: check the path (`arshif --db {} import FILES` creates one)",
            path.display(),
            path.display()
        )));
    }
    open_or_create(db)
}

/// Opens the archive for `--db`, creating it when missing (for `import` and `watch`).
///
/// # Errors
/// [`CliError::Failed`]: the archive cannot be opened or created.
pub(super) fn open_or_create(db: Option<&Path>) -> Result<Store, CliError> {
    crate::import::open_archive(db).map_err(CliError::failed)
}

/// The extractor over the shipped gazetteer plus the user's additions kept in this archive
/// (aliases, officials: see [`pipeline::archive_extractor`]).
pub(super) fn archive_extractor(store: &Store) -> Result<Extractor, CliError> {
    pipeline::archive_extractor(store).map_err(CliError::failed)
}

/// Runs extraction on every article that needs it, with a progress line on a terminal.
pub(super) fn catch_up(store: &mut Store, ex: &Extractor) -> Result<ExtractReport, CliError> {
    catch_up_with(store, ex, |store, ex, progress| {
        pipeline::extract_pending(store, ex, progress, &AtomicBool::new(false))
    })
}

/// Runs `step` (a pipeline catch-up taking a `progress(done, total)` callback) with a progress
/// line on a terminal for more than 20 articles.
pub(super) fn catch_up_with(
    store: &mut Store,
    ex: &Extractor,
    step: impl FnOnce(
        &mut Store,
        &Extractor,
        &mut dyn FnMut(usize, usize),
    ) -> Result<ExtractReport, crate::store::StoreError>,
) -> Result<ExtractReport, CliError> {
    let tty = std::io::stderr().is_terminal();
    let mut shown = false;
    let mut progress = |done: usize, total: usize| {
        if tty && total > 20 {
            eprint!("\rfinding meetings: {done}/{total} articles");
            let _ = std::io::stderr().flush();
            shown = true;
        }
    };
    let r = step(store, ex, &mut progress)?;
    if shown {
        eprintln!();
    }
    Ok(r)
}

/// Opens the archive and catches its meetings up (for the commands that read meetings).
pub(super) fn open_caught_up(db: Option<&Path>) -> Result<(Store, Extractor), CliError> {
    let mut store = open(db)?;
    let ex = archive_extractor(&store)?;
    catch_up(&mut store, &ex)?;
    Ok((store, ex))
}

/// "no article with id ID in PATH" (exit 1).
pub(super) fn no_article(store: &Store, id: i64) -> CliError {
    CliError::Failed(format!(
        "no article with id {id} in {}",
        store.path().display()
    ))
}
