//! The one export path: the meetings a [`Filter`] selects, written in a [`Format`] to a file,
//! with every reporting article, place coordinates and country names looked up. `arshif export`
//! and the app's Export both call [`export_to_file`], so they write the same bytes; both word
//! their filter for the reports with [`describe_filter`].

use crate::export::{ExportError, ExportOptions, ExportSummary, Format, ReportLang};
use crate::gazetteer::Gazetteer;
use crate::query::{Facet, Filter};
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
    /// The export was refused ([`ExportError::IsArchive`] names the file).
    #[error(transparent)]
    Write(#[from] ExportError),
    /// Writing the file failed, e.g. the disk is full (names the file; an earlier file under
    /// that name is unchanged and no half-written file is left).
    #[error(transparent)]
    File(#[from] crate::fsutil::WriteFileError<ExportError>),
}

/// Writes the meetings `filter` selects (in its order) to `out` in `format`, replacing the file
/// atomically, and says what was written. Articles' headlines and URLs come from the archive;
/// place coordinates and country names from the archive's gazetteer (the shipped one plus the
/// user's additions). `options` carries what the rows do not: the language of the reports' own
/// words, the filter in words ([`describe_filter`]) and the export time (`None`: now; the
/// iCalendar DTSTAMP and the reports' "exported" line).
///
/// # Errors
/// The archive fails ([`ExportRunError::Store`], [`ExportRunError::Gazetteer`]), the file is
/// the archive ([`ExportRunError::Write`]) or cannot be written ([`ExportRunError::File`]: "disk
/// full while writing FILE" when the disk is full).
pub fn export_to_file(
    store: &Store,
    filter: &Filter,
    format: Format,
    options: &ExportOptions,
    out: &Path,
) -> Result<ExportSummary, ExportRunError> {
    refuse_archive_path(store, out)?;
    let rows = crate::query::timeline(store, filter)?;
    let gaz = crate::edits::gazetteer_with_user(store, &Gazetteer::shipped())?;
    let lookup = export_lookup(store, &gaz, &rows)?;
    // One atomic writer for every file Arshif writes (crate::fsutil).
    Ok(crate::fsutil::atomic_write(out, |w| {
        crate::export::write(format, options, &rows, &lookup, w)
    })?)
}

/// Refuses `out` when it is the archive's own file, or the `-wal`, `-shm` or `-journal` file
/// SQLite keeps beside it (compared after resolving links and `..`; a file that does not exist
/// yet cannot be the archive). Every export and the exchange file go through this first.
///
/// # Errors
/// [`ExportError::IsArchive`] naming `out`.
pub fn refuse_archive_path(store: &Store, out: &Path) -> Result<(), ExportError> {
    let (Ok(archive), Ok(dest)) = (
        std::fs::canonicalize(store.path()),
        std::fs::canonicalize(out),
    ) else {
        return Ok(());
    };
    let beside = |suffix: &str| {
        let mut p = archive.clone().into_os_string();
        p.push(suffix);
        std::path::PathBuf::from(p)
    };
    if dest == archive
        || ["-wal", "-shm", "-journal"]
            .iter()
            .any(|s| dest == beside(s))
    {
        return Err(ExportError::IsArchive {
            path: out.to_path_buf(),
        });
    }
    Ok(())
}

/// The filter in words for the reports' filter line ([`ExportOptions::filter_description`]), as
/// the app's chips show it: each selected value named by `label(facet, key)` (facets in
/// [`Facet::ALL`] order, keys sorted), the date range (`2021-01-01 – 2021-12-31`, `…` for an
/// open end), the search text in «», then "dated only" / "held only" in `lang`; joined by
/// ` · `. `None` when the filter selects every meeting (its order aside).
pub fn describe_filter(
    filter: &Filter,
    lang: ReportLang,
    label: &dyn Fn(Facet, &str) -> String,
) -> Option<String> {
    let mut parts = Vec::new();
    for facet in Facet::ALL {
        let mut keys: Vec<String> = match facet {
            Facet::Officials => filter.officials.iter().cloned().collect(),
            Facet::Bodies => filter.bodies.iter().cloned().collect(),
            Facet::Countries => filter.countries.iter().cloned().collect(),
            Facet::Topics => filter.topics.iter().cloned().collect(),
            Facet::Places => filter.places.iter().cloned().collect(),
            Facet::Kinds => filter.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
        };
        keys.sort();
        parts.extend(keys.iter().map(|key| label(facet, key)));
    }
    if filter.from.is_some() || filter.to.is_some() {
        let day = |d: Option<chrono::NaiveDate>| d.map_or("…".to_owned(), |d| d.to_string());
        parts.push(format!("{} – {}", day(filter.from), day(filter.to)));
    }
    if let Some(text) = filter.text.as_deref().map(str::trim)
        && !text.is_empty()
    {
        parts.push(format!("«{text}»"));
    }
    let words = |en: &str, ar: &str| match lang {
        ReportLang::En => en.to_owned(),
        ReportLang::Ar => ar.to_owned(),
    };
    if filter.exclude_undated {
        parts.push(words("dated only", "المؤرخة فقط"));
    }
    if filter.exclude_announced {
        parts.push(words("held only", "المنعقدة فقط"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

pub use crate::export::kind_words;

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
