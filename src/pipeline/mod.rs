//! Keeps the archive's meetings in step with its articles, and is the one place the front ends
//! (the CLI, the app's worker, the inbox) call for work that strings import, extraction, the store
//! and export together:
//!
//! - [`import`]: [`import_and_extract`], files into the archive, then their meetings;
//! - [`reextract`]: [`extract_pending`] (the catch-up on articles not read with the current
//!   rules and gazetteer) and [`reextract_all`] (`arshif reextract`);
//! - [`dates`]: [`set_article_date`] (`arshif set-date`), and how a meeting's date was found
//!   ([`crate::model::DateNote`]);
//! - [`rows`]: extracted facts → the rows the store keeps ([`to_new_meeting`]);
//! - [`export`]: [`export_to_file`], the one export path of the CLI and the app;
//! - [`exchange`]: the archive exchange file, written ([`exchange::export_exchange`]) and read
//!   back by [`import_and_extract`] (docs/exchange.md);
//! - [`facets`]: names typed by a user → facet keys ([`resolve_facet_value`]).
//!
//! Extraction reads an article as `headline + "\n" + body` (the `.txt` layout, see
//! [`article_text`]); every stored span is a byte range into that text.

pub mod dates;
pub mod exchange;
pub mod export;
pub mod facets;
pub mod import;
pub mod reextract;
pub mod rows;

pub use dates::{resolving_date, set_article_date};
pub use export::{ExportRunError, export_lookup, export_to_file};
pub use facets::resolve_facet_value;
pub use import::{ImportRun, import_and_extract};
pub use reextract::{ExtractReport, extract_pending, reextract_all};
pub use rows::to_new_meeting;

use crate::extract::Extractor;
use crate::gazetteer::Gazetteer;
use crate::store::Store;
use sha2::{Digest, Sha256};

/// Bumped whenever the extraction rules change in a way that changes results, so archives
/// re-extract on their next catch-up.
pub const RULES_VERSION: &str = "rules-7";

/// The text extraction reads for an article: the headline, a newline, the body.
pub fn article_text(headline: &str, body: &str) -> String {
    format!("{headline}\n{body}")
}

/// `RULES_VERSION` plus a short SHA-256 of the gazetteer's contents: changes whenever either
/// does, which is what makes [`extract_pending`] re-extract after a gazetteer change.
pub fn extraction_version(gaz: &Gazetteer) -> String {
    let json = serde_json::to_vec(gaz).unwrap_or_default();
    let digest = Sha256::digest(&json);
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{RULES_VERSION}+{hex}")
}

/// The extractor for this archive: the shipped gazetteer plus the user's additions kept in it
/// (aliases, officials: [`crate::edits::gazetteer_with_user`]).
///
/// # Errors
/// The archive's gazetteer additions could not be read.
pub fn archive_extractor(store: &Store) -> Result<Extractor, crate::edits::EditError> {
    crate::edits::gazetteer_with_user(store, &Gazetteer::shipped()).map(|g| Extractor::new(&g))
}
