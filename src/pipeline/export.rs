//! The one export path: the meetings a [`Filter`] selects, written in a [`Format`] to a file,
//! with every reporting article, place coordinates and country names looked up. `arshif export`
//! and the app's Export both call [`export_to_file`], so they write the same bytes.

use crate::export::{ExportError, ExportOptions, ExportSummary, Format};
use crate::gazetteer::Gazetteer;
use crate::query::Filter;
use crate::store::{Store, StoreError};
use std::path::Path;

/// Why [`export_to_file`] failed; its message is the cause's own.
#[derive(Debug, thiserror::Error)]
pub enum ExportRunError {
    /// Reading the meetings or their articles failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The user's gazetteer additions could not be read.
    #[error(transparent)]
    Gazetteer(#[from] crate::edits::EditError),
    /// Writing the file failed ([`ExportError::File`] names it).
    #[error(transparent)]
    Write(#[from] ExportError),
}

/// Writes the meetings `filter` selects (in its order) to `out` in `format`, replacing the file
/// atomically, and says what was written. Articles' headlines and URLs come from the archive;
/// place coordinates and country names from the archive's gazetteer (the shipped one plus the
/// user's additions). The iCalendar DTSTAMP is the time of the export.
///
/// # Errors
/// The archive fails ([`ExportRunError::Store`], [`ExportRunError::Gazetteer`]) or the file
/// cannot be written ([`ExportRunError::Write`]).
pub fn export_to_file(
    store: &Store,
    filter: &Filter,
    format: Format,
    out: &Path,
) -> Result<ExportSummary, ExportRunError> {
    let rows = crate::query::timeline(store, filter)?;
    let gaz = crate::edits::gazetteer_with_user(store, &Gazetteer::shipped())?;
    let lookup = export_lookup(store, &gaz, &rows)?;
    Ok(crate::export::write_file(
        format,
        &ExportOptions::default(),
        &rows,
        &lookup,
        out,
    )?)
}

/// What exports need to know beyond the rows: article headlines/URLs (from the archive), place
/// coordinates and country names (from the gazetteer).
///
/// # Errors
/// Database failures reading the articles.
pub fn export_lookup(
    store: &Store,
    gaz: &Gazetteer,
    rows: &[crate::query::TimelineMeeting],
) -> Result<crate::export::MapLookup, StoreError> {
    use crate::export::{ArticleRef, Coordinates, MapLookup};
    let mut lookup = MapLookup::default();
    for id in rows.iter().flat_map(|m| m.article_ids.iter().copied()) {
        if lookup.articles.contains_key(&id) {
            continue;
        }
        let (headline, url) = crate::store::articles::headline_and_url(store, id)?;
        lookup.articles.insert(id, ArticleRef { headline, url });
    }
    for p in &gaz.places {
        if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
            lookup
                .coordinates
                .insert(p.id.clone(), Coordinates { lat, lon });
        }
    }
    for c in &gaz.countries {
        lookup
            .country_names
            .insert(c.code.clone(), c.name_en.clone());
    }
    Ok(lookup)
}
