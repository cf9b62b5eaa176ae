//! The one import path: files into the archive, then the meetings in them.

use super::reextract::{ExtractReport, extract_pending};
use crate::extract::Extractor;
use crate::store::{Store, StoreError};
use std::sync::atomic::AtomicBool;

/// What [`import_and_extract`] did: the importer's report (one outcome per file) and the
/// extraction catch-up that followed it.
#[derive(Debug)]
pub struct ImportRun {
    /// One outcome per file or record, with counts (see [`crate::import::import_paths`]).
    pub import: crate::import::ImportReport,
    /// The catch-up over every article not yet extracted (the new ones, and any an earlier run
    /// left pending). An error here leaves the imported articles stored and pending: the next
    /// catch-up finds their meetings.
    pub found: Result<ExtractReport, StoreError>,
}

/// Imports `paths` (files or folders, recursively) with [`crate::import::import_paths`], then
/// finds the meetings in what was imported with [`extract_pending`]: the one code path of the
/// app's Import (dialog, drop, typed path), `arshif import`, and the inbox folder
/// ([`crate::inbox`]). `import_progress` and `extract_progress(done, total)` are called as those
/// functions call them; `cancel` stops either step between files/chunks (what was done is kept).
///
/// # Errors
/// Only when the archive fails during the import (see [`crate::import::import_paths`]); an
/// extraction failure is in [`ImportRun::found`], after the import's report.
pub fn import_and_extract<P: AsRef<std::path::Path>>(
    store: &mut Store,
    extractor: &Extractor,
    paths: &[P],
    import_progress: &mut dyn FnMut(&crate::import::Progress),
    extract_progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<ImportRun, StoreError> {
    let import = crate::import::import_paths(store, paths, import_progress, cancel)?;
    let found = extract_pending(store, extractor, extract_progress, cancel);
    Ok(ImportRun { import, found })
}
