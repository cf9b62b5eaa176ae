//! Extraction over the archive: the catch-up on articles not yet read with the current rules and
//! gazetteer, and the re-extraction of every article.

use super::{article_text, extraction_version, rows::to_new_meeting};
use crate::extract::Extractor;
use crate::store::meetings::NewMeeting;
use crate::store::{Store, StoreError, meetings};
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
/// chunks of one transaction each. `progress(done, total)` is called before the first article
/// and after each. Safe to interrupt: an article is either fully re-extracted or still pending.
///
/// # Errors
/// Database failures only.
pub fn extract_pending(
    store: &mut Store,
    extractor: &Extractor,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<ExtractReport, StoreError> {
    let version = extraction_version(extractor.gazetteer());
    let ids = meetings::articles_needing_extraction(store, &version)?;
    let total = ids.len();
    let mut report = ExtractReport::default();
    progress(0, total);
    for chunk in ids.chunks(200) {
        if cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            break;
        }
        let tx = store.transaction()?;
        for &id in chunk {
            let Some((headline, body, date)) = article_for_extraction(&tx, id)? else {
                continue;
            };
            let text = article_text(&headline, &body);
            let found = extractor.extract(&text, date);
            let rows: Vec<NewMeeting> = found
                .iter()
                .map(|m| to_new_meeting(m, extractor.gazetteer(), &text))
                .collect();
            meetings::replace_for_article(&tx, id, &rows, &version)?;
            // The user's corrections, re-attached to the fresh rows (crate::edits).
            crate::edits::after_extraction(&tx, id, &rows)?;
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
