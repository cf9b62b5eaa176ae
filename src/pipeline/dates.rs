//! Dates: an article's date set by the user, and the article date meetings resolve against.

use super::reextract::{ExtractReport, extract_pending};
use crate::extract::Extractor;
use crate::model::{ArticleDate, DatePrecision};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::sync::atomic::AtomicBool;

/// Sets an article's publication date (source: the user) and re-extracts it, so meetings dated
/// only by "اليوم"/"oggi"/"yesterday" get their dates. The change is a user edit
/// ([`crate::edits::Edit::ArticleDate`]), so it undoes with [`crate::edits::undo`].
///
/// # Errors
/// [`StoreError::Sqlite`] when no article has this id ("no article #ID") or the database fails.
pub fn set_article_date(
    store: &mut Store,
    extractor: &Extractor,
    article_id: i64,
    date: NaiveDate,
    precision: DatePrecision,
) -> Result<ExtractReport, StoreError> {
    let edit = crate::edits::Edit::ArticleDate {
        article_id,
        date: Some(crate::edits::DateValue { date, precision }),
    };
    crate::edits::apply(store, &edit).map_err(|e| match e {
        crate::edits::EditError::Store(s) => s,
        _ => StoreError::no_rows(),
    })?;
    extract_pending(store, extractor, &mut |_, _| {}, &AtomicBool::new(false))
}

/// The article date a meeting resolves against, as the pipeline reads it (day precision only).
pub fn resolving_date(date: Option<&ArticleDate>) -> Option<NaiveDate> {
    date.filter(|d| d.precision == DatePrecision::Day)
        .map(|d| d.date)
}
