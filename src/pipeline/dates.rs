//! Dates: an article's date set by the user, the article date meetings resolve against, and the
//! note on how a meeting's date was found.

use super::reextract::{ExtractReport, extract_pending};
use crate::extract::{self, ExtractedMeeting, Extractor};
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
    crate::edits::apply(store.conn(), &edit).map_err(|e| match e {
        crate::edits::EditError::Store(s) => s,
        _ => StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows),
    })?;
    extract_pending(store, extractor, &mut |_, _| {}, &AtomicBool::new(false))
}

/// The article date a meeting resolves against, as the pipeline reads it (day precision only).
pub fn resolving_date(date: Option<&ArticleDate>) -> Option<NaiveDate> {
    date.filter(|d| d.precision == DatePrecision::Day)
        .map(|d| d.date)
}

/// How the meeting's date was found, as stored in `meetings.date_note`.
pub(super) fn date_note(m: &ExtractedMeeting) -> Option<String> {
    let expr = m.date.expression.as_deref().unwrap_or("");
    let note = date_how_note(m, expr);
    // The stated weekday contradicts the date: say so, so `show` and the app can flag it.
    Some(match (m.date.weekday_conflict, m.date.date) {
        (true, Some(d)) => format!(
            "{note}; WARNING: the stated weekday does not match, {d} was a {}",
            d.format("%A")
        ),
        _ => note,
    })
}

fn date_how_note(m: &ExtractedMeeting, expr: &str) -> String {
    match m.date.how {
        extract::DateHow::Explicit => format!("written in the text: «{expr}»"),
        extract::DateHow::RelativeToArticle => {
            format!("«{expr}» resolved against the article's date")
        }
        extract::DateHow::RelativeToTextDate => {
            format!("«{expr}» resolved against the one full date written in the article")
        }
        extract::DateHow::RelativeUnresolved => format!(
            "the text says «{expr}» but the article has no date: set the article's date to date this meeting"
        ),
        extract::DateHow::None => "nothing in the text dates this meeting".to_string(),
    }
}
