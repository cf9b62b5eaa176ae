//! The timeline's view of the archive: one [`Filter`] type for the app, the CLI and every export,
//! so "what you see is what you export" holds by construction.
//!
//! The shapes live in [`crate::model`] (re-exported here); the SQL that fills them lives in
//! [`crate::store::timeline`].

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
