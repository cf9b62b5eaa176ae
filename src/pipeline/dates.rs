//! Dates: an article's date set by the user, the article date meetings resolve against, and the
//! note on how a meeting's date was found.

use super::reextract::{ExtractReport, extract_pending};
use crate::extract::{self, ExtractedMeeting, Extractor};
use crate::model::{ArticleDate, DateFound, DateNote, DatePrecision};
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

/// How the meeting's date was found, as `meetings.date_note` stores it.
///
/// Written as the English sentence ([`DateNote`]'s `Display`), which [`DateNote::parse`] reads
/// back; switching to [`DateNote::to_stored`] (JSON) changes only this line (the tests pin the
/// sentence for now).
pub(super) fn date_note(m: &ExtractedMeeting) -> Option<String> {
    Some(meeting_date_note(m).to_string())
}

/// How extraction dated `m` (or why it could not), with the date words it used and the date
/// whose weekday the text contradicts.
pub fn meeting_date_note(m: &ExtractedMeeting) -> DateNote {
    let how = match m.date.how {
        extract::DateHow::Explicit => DateFound::Written,
        extract::DateHow::RelativeToArticle => DateFound::RelativeToArticle,
        extract::DateHow::RelativeToTextDate => DateFound::RelativeToTextDate,
        extract::DateHow::RelativeUnresolved => DateFound::RelativeUnresolved,
        extract::DateHow::None => DateFound::Nothing,
    };
    DateNote::Found {
        how,
        expression: match how {
            DateFound::Nothing => String::new(),
            _ => m.date.expression.clone().unwrap_or_default(),
        },
        // The stated weekday contradicts the date: say so, so `show` and the app can flag it.
        wrong_weekday: m.date.date.filter(|_| m.date.weekday_conflict),
    }
}
