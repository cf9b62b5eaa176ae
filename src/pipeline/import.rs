//! The one import path: files into the archive, then the meetings in them.

use super::exchange::{ExchangeError, import_exchange, is_exchange_file};
use super::extraction_version;
use super::reextract::{ExtractReport, catch_up, meetings_of, store_meetings};
use crate::extract::Extractor;
use crate::import::{FileOutcome, ImportReport, Outcome};
use crate::store::meetings::NewMeeting;
use crate::store::{NewArticle, Store, StoreError};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// What [`import_and_extract`] did: the importer's report (one outcome per file) and the
/// extraction catch-up that followed it.
#[derive(Debug)]
pub struct ImportRun {
    /// One outcome per file or record, with counts (see [`crate::import::import_paths`]); an
    /// archive exchange file adds one outcome per article and its corrections in `exchanges`.
    pub import: crate::import::ImportReport,
    /// The catch-up over every article not yet extracted (the new ones, and any an earlier run
    /// left pending). An error here leaves the imported articles stored and pending: the next
    /// catch-up finds their meetings.
    pub found: Result<ExtractReport, StoreError>,
}

/// Imports `paths` (files or folders, recursively) with [`crate::import::import_paths_with`],
/// finding each new article's meetings on the import's threads and storing them with the
/// article, then runs the [`super::extract_pending`] catch-up (anything an earlier run left
/// pending) and the grouping of reports into meetings: the one code path of the
/// app's Import (dialog, drop, typed path), `arshif import`, and the inbox folder
/// ([`crate::inbox`]). `import_progress` is called as [`crate::import::import_paths`] calls it;
/// `extract_progress(done, total)` once the import is done, counting the articles already read
/// during the import as done (then as [`super::extract_pending`] calls it for the rest); `cancel` stops either step between files/chunks (what was done is kept).
///
/// A `.json` file named in `paths` that holds an archive exchange file (a `schema` member) is
/// imported first, with its corrections ([`super::exchange::import_exchange`]); one whose schema
/// or version is unknown is a `failed` outcome naming it, and nothing of it is written. Files
/// found inside folders are always read as articles.
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
    let (exchange_files, others): (Vec<&Path>, Vec<&Path>) = paths
        .iter()
        .map(AsRef::as_ref)
        .partition(|p| is_exchange_file(p));
    let mut exchanges = ImportReport::default();
    for path in &exchange_files {
        import_exchange_file(store, path, cancel, &mut exchanges)?;
    }
    // Gazetteer additions from an exchange file change what extraction finds: rebuild.
    let rebuilt = match exchange_files.is_empty() {
        true => None,
        false => Some(super::archive_extractor(store).map_err(|e| match e {
            crate::edits::EditError::Store(e) => e,
            other => StoreError::unwritable(other.to_string().into()),
        })?),
    };
    let extractor = rebuilt.as_ref().unwrap_or(extractor);
    // Each new article's meetings are found on the import's threads while its text is in
    // memory, and stored with it in the same transaction; the catch-up below then only has
    // what an earlier run left pending.
    let version = extraction_version(extractor.gazetteer());
    let mut inline = ExtractReport::default();
    let mut import = crate::import::import_paths_with(
        store,
        &others,
        import_progress,
        cancel,
        &|a: &NewArticle| meetings_of(extractor, a),
        &mut |store: &Store, id: i64, rows: Vec<NewMeeting>| {
            store_meetings(store, id, &rows, &version)?;
            inline.articles += 1;
            inline.meetings += rows.len();
            Ok(())
        },
    )?;
    // The exchange files' outcomes come first, as they were imported first.
    let files = std::mem::take(&mut import.files);
    let mut merged = exchanges;
    merged.cancelled = import.cancelled;
    merged.exchanges.append(&mut import.exchanges);
    for o in files {
        merged.push(o);
    }
    let found = catch_up(store, extractor, extract_progress, cancel, inline);
    Ok(ImportRun {
        import: merged,
        found,
    })
}

/// Imports one exchange file into `report`: its articles as outcomes, its corrections in
/// `report.exchanges`; a refused file as one `failed` outcome.
fn import_exchange_file(
    store: &mut Store,
    path: &Path,
    cancel: &AtomicBool,
    report: &mut ImportReport,
) -> Result<(), StoreError> {
    match import_exchange(store, path, cancel) {
        Ok((outcomes, exchange)) => {
            for o in outcomes {
                report.push(o);
            }
            report.exchanges.push(exchange);
            Ok(())
        }
        Err(ExchangeError::Store(e)) => Err(e),
        Err(ExchangeError::Edit(crate::edits::EditError::Store(e))) => Err(e),
        Err(e) => {
            report.push(FileOutcome {
                path: path.display().to_string(),
                record: None,
                outcome: Outcome::Failed,
                reason: Some(e.to_string()),
                article_id: None,
                headline: None,
            });
            Ok(())
        }
    }
}
