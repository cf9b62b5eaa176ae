//! The archive exchange file (`arshif-exchange`, version 1): one JSON document that moves an
//! archive's articles and the user's work on them (corrections, aliases, added officials) to
//! another archive. `docs/exchange.md` documents the schema field by field.
//!
//! This module is the format: its types, the writer ([`write_file`]) and the reader
//! ([`ExchangeFile::from_json`], which refuses an unknown schema or version). Building the
//! document from an archive and applying one to an archive is [`crate::pipeline::exchange`]'s
//! work.
//!
//! Identity across archives: an article is named by its content hash
//! ([`crate::store::content_hash`]), a meeting by its article's hash plus its meeting key
//! ([`crate::edits::meeting_keys`]), which re-extraction reproduces; a meeting added by hand
//! (`user:<edit id>` in its archive) is written `user:@N`, N being the position in `edits` of
//! the `add_meeting` edit that made it.

use super::ExportError;
use crate::model::{ArticleDate, DatePrecision, Lang, MeetingKind, MeetingStatus};
use crate::query::{EntityRef, ParticipantView};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The `schema.name` of an exchange file.
pub const SCHEMA_NAME: &str = "arshif-exchange";
/// The `schema.version` this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The `schema` member: which format and version the file is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// Always [`SCHEMA_NAME`].
    pub name: String,
    /// [`SCHEMA_VERSION`] when written by this build.
    pub version: u32,
}

impl Default for Schema {
    fn default() -> Self {
        Schema {
            name: SCHEMA_NAME.to_string(),
            version: SCHEMA_VERSION,
        }
    }
}

/// A whole exchange file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeFile {
    pub schema: Schema,
    /// When the file was written, RFC 3339 UTC (informative).
    pub exported_at: String,
    /// The program that wrote it, e.g. `arshif 0.1.0` (informative).
    pub generator: String,
    /// Every article of the archive, in the order they were imported.
    pub articles: Vec<ExchangeArticle>,
    /// The user's active edits, oldest first (undone and discarded ones are not exported).
    pub edits: Vec<ExchangeEdit>,
    /// The meetings the archive showed when exported, for readers of the file. Informative:
    /// import re-extracts meetings from the articles and re-applies `edits`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<ExchangeMeeting>,
}

/// One article, as stored (text exactly as imported, logical-order UTF-8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeArticle {
    /// SHA-256 hex of the normalised text ([`crate::store::content_hash`]): the article's id in
    /// the file and across archives.
    pub content_hash: String,
    pub headline: String,
    pub body: String,
    /// `ar`, `en`, `it` or `other`.
    pub lang: Lang,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// `{date: "YYYY-MM-DD", precision: day|month|year, source}`; `null` when undated.
    #[serde(default)]
    pub date: Option<ArticleDate>,
    /// Why the article is undated, or where its date comes from.
    #[serde(default)]
    pub date_note: Option<String>,
    /// The file the article was first imported from (informative).
    #[serde(default)]
    pub source_path: Option<String>,
    /// The encoding it was decoded from (informative).
    #[serde(default)]
    pub source_encoding: Option<String>,
}

/// One edit of the log: the `edits` row with its article named by content hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeEdit {
    /// What the edit does: `date`, `place`, `add_participant`, `remove_participant`,
    /// `add_topic`, `remove_topic`, `kind`, `status`, `not_meeting`, `confirm`, `delete`,
    /// `add_meeting`, `article_date`, `add_alias`, `add_official`.
    pub field: String,
    /// The `content_hash` of the article it is about (`null` for aliases and officials).
    #[serde(default)]
    pub article: Option<String>,
    /// The meeting key (`khaled_mazen+luciana_lamorgese`, `user:@N`); for `add_alias` the id of
    /// the gazetteer entry the alias extends.
    #[serde(default)]
    pub key: Option<String>,
    /// Byte offset of the meeting's first evidence sentence in `headline + "\n" + body`.
    #[serde(default)]
    pub anchor: Option<i64>,
    /// The edit's value, as the edit log stores it (see docs/exchange.md).
    pub value: serde_json::Value,
    /// When the user made the edit, RFC 3339 UTC (informative).
    #[serde(default)]
    pub created_at: String,
}

/// A meeting as the archive showed it (informative, see [`ExchangeFile::meetings`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeMeeting {
    /// The `content_hash` of each reporting article; the first is the one its key belongs to.
    pub articles: Vec<String>,
    /// Its meeting key in that article.
    pub key: String,
    pub date: Option<NaiveDate>,
    pub precision: Option<DatePrecision>,
    pub place: Option<EntityRef>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub participants: Vec<ParticipantView>,
    pub topics: Vec<EntityRef>,
}

/// Why a file could not be read as an exchange file. Every message names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeReadError {
    /// The file is not JSON, or has no `schema` member (it is some other JSON file).
    #[error("{}: not an Arshif exchange file ({reason})", path.display())]
    NotExchange { path: PathBuf, reason: String },
    /// The `schema` names another format or a version this build does not know.
    #[error(
        "{}: schema «{name}» version {version} is not one this Arshif reads ({SCHEMA_NAME} \
         version {SCHEMA_VERSION}); nothing was imported",
        path.display()
    )]
    UnknownSchema {
        path: PathBuf,
        name: String,
        version: String,
    },
    /// The schema is known but the content does not follow it.
    #[error("{}: not a valid {SCHEMA_NAME} file: {reason}; nothing was imported", path.display())]
    Invalid { path: PathBuf, reason: String },
}

impl ExchangeFile {
    /// A new, empty file of the current schema.
    pub fn new(exported_at: String) -> ExchangeFile {
        ExchangeFile {
            schema: Schema::default(),
            exported_at,
            generator: format!("arshif {}", env!("CARGO_PKG_VERSION")),
            articles: Vec::new(),
            edits: Vec::new(),
            meetings: Vec::new(),
        }
    }

    /// Reads `text` (the content of the file at `path`, used in messages).
    ///
    /// # Errors
    /// [`ExchangeReadError::NotExchange`] for text that is not a JSON object with a `schema`;
    /// [`ExchangeReadError::UnknownSchema`] for another name or version;
    /// [`ExchangeReadError::Invalid`] for a known schema with missing or mistyped members.
    pub fn from_json(text: &str, path: &Path) -> Result<ExchangeFile, ExchangeReadError> {
        let not = |reason: String| ExchangeReadError::NotExchange {
            path: path.to_path_buf(),
            reason,
        };
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| not(format!("not JSON: {e}")))?;
        let schema = value
            .get("schema")
            .ok_or_else(|| not("no `schema` member".into()))?;
        let name = schema.get("name").and_then(|v| v.as_str()).unwrap_or("");
        let version = schema.get("version").and_then(|v| v.as_u64());
        if name != SCHEMA_NAME || version != Some(u64::from(SCHEMA_VERSION)) {
            let shown = |v: Option<&serde_json::Value>| match v {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
                None => "(none)".into(),
            };
            return Err(ExchangeReadError::UnknownSchema {
                path: path.to_path_buf(),
                name: shown(schema.get("name")),
                version: shown(schema.get("version")),
            });
        }
        serde_json::from_value(value).map_err(|e| ExchangeReadError::Invalid {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })
    }
}

/// Whether `text` claims to be an exchange file: a JSON object with a `schema` member (of any
/// name or version, so an unknown version is refused rather than read as articles).
pub fn claims_exchange(text: &str) -> bool {
    // Cheap test first: article JSON files rarely mention "schema" at all.
    text.contains("\"schema\"")
        && serde_json::from_str::<serde_json::Value>(text)
            .is_ok_and(|v| v.as_object().is_some_and(|o| o.contains_key("schema")))
}

/// Writes `file` as pretty-printed UTF-8 JSON to `path`, beside its final name first and renamed
/// into place, so a failed write never leaves half a file. Returns the bytes written.
///
/// # Errors
/// [`ExportError::File`] naming `path`, with the cause inside.
pub fn write_file(file: &ExchangeFile, path: &Path) -> Result<u64, ExportError> {
    let wrap = |source: ExportError| ExportError::File {
        path: path.to_path_buf(),
        source: Box::new(source),
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        let e = io::Error::new(
            io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        );
        return Err(wrap(e.into()));
    }
    let mut bytes = serde_json::to_vec_pretty(file).map_err(|e| wrap(e.into()))?;
    bytes.push(b'\n');
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| wrap(e.into()))?;
    tmp.write_all(&bytes).map_err(|e| wrap(e.into()))?;
    tmp.as_file().sync_all().map_err(|e| wrap(e.into()))?;
    tmp.persist(path).map_err(|e| wrap(e.error.into()))?;
    Ok(bytes.len() as u64)
}
