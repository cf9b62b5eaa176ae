//! The timeline's view of the archive: one [`Filter`] type for the app, the CLI and every export,
//! so "what you see is what you export" holds by construction.
//!
//! The shapes live in [`crate::model`] (re-exported here); the SQL that fills them lives in
//! [`crate::store::timeline`].

pub use crate::model::timeline::TimelinePage;
pub use crate::model::{
    EntityRef, Facet, FacetValue, Facets, Filter, MeetingSources, Order, ParticipantView,
    TimelineMeeting,
};

use crate::store::{Store, StoreError};

/// The meetings `filter` selects, in its order (undated meetings last either way), with their
/// participants, topics and reporting articles: exactly what the timeline shows and what export
/// writes.
///
/// # Errors
/// Database failures only; any filter text is safe (it goes through
/// [`crate::search::match_expression`]).
pub fn timeline(store: &Store, filter: &Filter) -> Result<Vec<TimelineMeeting>, StoreError> {
    crate::store::timeline::timeline(store, filter)
}

/// Rows `offset..offset + limit` of [`timeline`] (the same merged rows in the same order) and
/// the total number of rows: what the timeline shows on a filter change, reading only the rows on
/// the page (plus an index or a precomputed count for the total). Use [`timeline`] for exports.
///
/// # Errors
/// Database failures only; any filter text is safe.
pub fn timeline_page(
    store: &Store,
    filter: &Filter,
    offset: usize,
    limit: usize,
) -> Result<TimelinePage, StoreError> {
    crate::store::timeline::timeline_page(store, filter, offset, limit)
}

/// The number of rows (meetings, not reports) [`timeline`] returns for `filter`.
///
/// # Errors
/// Database failures only; any filter text is safe.
pub fn timeline_count(store: &Store, filter: &Filter) -> Result<usize, StoreError> {
    crate::store::timeline::timeline_count(store, filter)
}

/// Facet counts (each facet counted under the other facets' selections) and the per-year
/// histogram (under the whole filter).
///
/// # Errors
/// Database failures only.
pub fn facets(store: &Store, filter: &Filter) -> Result<Facets, StoreError> {
    crate::store::timeline::facets(store, filter)
}

/// The stored sources of meeting `id` (for the reader's facts and highlights, and `arshif
/// show`); `None` when no such meeting exists.
///
/// # Errors
/// Database failures only.
pub fn meeting_sources(store: &Store, id: i64) -> Result<Option<MeetingSources>, StoreError> {
    crate::store::timeline::meeting_sources(store, id)
}

/// The meeting (event) a meeting row belongs to: the id of the timeline row that shows it (its
/// own id when it is the only report); `None` when no such row exists. See
/// [`crate::store::events`].
///
/// # Errors
/// Database failures only.
pub fn event_of(store: &Store, meeting_id: i64) -> Result<Option<i64>, StoreError> {
    crate::store::events::event_of(store, meeting_id)
}

/// Every report of the meeting shown as timeline row `id` (outlet, headline, language, date
/// published, copy of an earlier article), the row's own report first.
///
/// # Errors
/// Database failures only.
pub fn meeting_reports(
    store: &Store,
    id: i64,
) -> Result<Vec<crate::store::events::Report>, StoreError> {
    match crate::store::events::event_of(store, id)? {
        Some(event) => crate::store::events::reports(store, event),
        None => Ok(Vec::new()),
    }
}
