//! Extraction over the archive: the catch-up on articles not yet read with the current rules and
//! gazetteer, and the re-extraction of every article.

use super::{article_text, extraction_version, rows::to_new_meeting};
use crate::extract::Extractor;
use crate::model::DatePrecision;
use crate::store::meetings::NewMeeting;
use crate::store::{NewArticle, Store, StoreError, meetings};
use chrono::NaiveDate;
use std::sync::atomic::{AtomicBool, Ordering};

/// What a catch-up did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ExtractReport {
    /// Articles read.
    pub articles: usize,
    /// Meetings stored for those articles.
    pub meetings: usize,
    /// The cancel flag stopped the run early; the articles not reached stay pending.
    pub cancelled: bool,
}

/// Extracts meetings from every article not yet extracted with this extractor's version, in
/// chunks of one transaction each, the articles of a chunk read on every core. `progress(done,
/// total)` is called before the first article and after each. Safe to interrupt: an article is
/// either fully re-extracted or still pending.
///
/// # Errors
/// Database failures only.
pub fn extract_pending(
    store: &mut Store,
    extractor: &Extractor,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<ExtractReport, StoreError> {
    catch_up(store, extractor, progress, cancel, ExtractReport::default())
}

/// Articles extracted per chunk (one transaction) by the catch-up.
const CATCH_UP_CHUNK: usize = 256;

/// [`extract_pending`] after an import that already extracted `before.articles` articles
/// (`before.meetings` meetings): progress counts those as done, the report adds them, and the
/// grouping runs when either found anything.
pub(super) fn catch_up(
    store: &mut Store,
    extractor: &Extractor,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
    before: ExtractReport,
) -> Result<ExtractReport, StoreError> {
    let version = extraction_version(extractor.gazetteer());
    let ids = meetings::articles_needing_extraction(store, &version)?;
    let total = before.articles + ids.len();
    let mut report = before;
    progress(report.articles, total);
    for chunk in ids.chunks(CATCH_UP_CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            break;
        }
        // Read the chunk, extract it on every core, then write it in one transaction.
        let mut texts = Vec::with_capacity(chunk.len());
        for &id in chunk {
            if let Some(row) = article_for_extraction(store, id)? {
                texts.push((id, row));
            }
        }
        let found = extract_all(extractor, &texts);
        let tx = store.transaction()?;
        for (id, rows) in found {
            store_meetings(&tx, id, &rows, &version)?;
            report.articles += 1;
            report.meetings += rows.len();
            progress(report.articles, total);
        }
        tx.commit()?;
    }
    // Which reports are one meeting, over the whole archive (crate::events).
    // Run when anything was read, or when rows were never grouped (an archive from before
    // migration 5, a generated one); never on a catch-up that found nothing to do.
    if report.articles > 0 || crate::store::events::needs_grouping(store)? {
        let tx = store.transaction()?;
        crate::edits::regroup(&tx)?;
        tx.commit()?;
    }
    Ok(report)
}

/// An article as extraction reads it: id, (headline, body, day-precise date).
type ToExtract = (i64, (String, String, Option<NaiveDate>));

/// The meetings of each `(id, (headline, body, date))`, extracted on every core, in order.
fn extract_all(extractor: &Extractor, texts: &[ToExtract]) -> Vec<(i64, Vec<NewMeeting>)> {
    let one = |(id, (h, b, d)): &ToExtract| (*id, extract_text(extractor, &article_text(h, b), *d));
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(texts.len().max(1));
    if workers <= 1 {
        return texts.iter().map(one).collect();
    }
    let per = texts.len().div_ceil(workers);
    std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .chunks(per)
            .map(|part| s.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("an extraction thread panicked"))
            .collect()
    })
}

/// The rows of the meetings `extractor` finds in `text` (an [`article_text`]), with relative
/// days resolved against `date`.
fn extract_text(extractor: &Extractor, text: &str, date: Option<NaiveDate>) -> Vec<NewMeeting> {
    extractor
        .extract(text, date)
        .iter()
        .map(|m| to_new_meeting(m, extractor.gazetteer(), text))
        .collect()
}

/// The meetings of an article about to be stored, exactly as [`extract_pending`] would find
/// them once it is stored (same text, same date rule).
pub(super) fn meetings_of(extractor: &Extractor, a: &NewArticle) -> Vec<NewMeeting> {
    // Relative days ("اليوم") only resolve against a day-precise publication date.
    let date = a
        .date
        .as_ref()
        .filter(|d| d.precision == DatePrecision::Day)
        .map(|d| d.date);
    extract_text(extractor, &article_text(&a.headline, &a.body), date)
}

/// Stores `rows` as article `id`'s meetings under extraction `version` and re-attaches the
/// user's corrections to them ([`crate::edits::after_extraction`]).
pub(super) fn store_meetings(
    store: &Store,
    id: i64,
    rows: &[NewMeeting],
    version: &str,
) -> Result<(), StoreError> {
    meetings::replace_for_article(store, id, rows, version)?;
    // The user's corrections, re-attached to the fresh rows (crate::edits).
    crate::edits::after_extraction(store, id, rows)
}

/// Forgets every article's extraction state and runs [`extract_pending`] over the whole archive.
///
/// # Errors
/// Database failures only.
pub fn reextract_all(
    store: &mut Store,
    extractor: &Extractor,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<ExtractReport, StoreError> {
    meetings::mark_all_for_extraction(store)?;
    extract_pending(store, extractor, progress, cancel)
}

fn article_for_extraction(
    store: &Store,
    id: i64,
) -> Result<Option<(String, String, Option<NaiveDate>)>, StoreError> {
    let row = crate::store::articles::text_and_date(store, id)?;
    Ok(row.map(|(h, b, d, p)| {
        // Relative days ("اليوم") only resolve against a day-precise publication date.
        let date = d
            .filter(|_| p == "day")
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        (h, b, date)
    }))
}
