//! The archive: one SQLite file (rusqlite, bundled SQLite) holding articles and their full-text
//! index.
//!
//! - Location: `--db PATH`, else `$ARSHIF_DB`, else `archive.sqlite` in the platform data
//!   directory ([`default_path`]).
//! - Connection setup ([`Store::open`]): page size 16 KiB (set before the file's first table;
//!   ~3 KB articles then pack several per page, which the design measurements found smaller and
//!   faster to build than 4 KiB pages), WAL journal, `synchronous=NORMAL`, foreign keys on, a
//!   5-second busy timeout, the `arshif` FTS5 tokenizer registered, migrations run to the latest.
//! - One writer, many readers: long writes (import) run on a worker thread that opens its OWN
//!   `Store` on the same path ([`Store::reopen`]); the UI keeps reading through its connection.
//!   WAL lets readers proceed during the write; the busy timeout absorbs short lock waits.

pub mod fts;
pub mod meetings;
pub mod migrations;

use crate::model::{ArticleDate, DatePrecision, DateSource, Lang};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Environment variable that overrides the default archive location.
pub const DB_ENV: &str = "ARSHIF_DB";

/// SQLite page size in bytes for new archive files.
pub const PAGE_SIZE: u32 = 16384;

/// How long a connection waits for another connection's lock before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Errors of the store, each naming the archive file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file could not be opened or set up as an archive.
    #[error("cannot open the archive {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// The schema could not be brought up to date.
    #[error("cannot update the archive {path} to the current format: {reason}")]
    Migrate { path: PathBuf, reason: String },
    /// The folder for the archive could not be created.
    #[error("cannot create the folder {path} for the archive: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    /// No platform data directory (no home directory): the user must pass `--db`.
    #[error("no data directory found for this user; pass --db PATH or set ARSHIF_DB")]
    NoDataDir,
    /// A query failed.
    #[error("archive query failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// The default archive file: `<platform data dir>/archive.sqlite` (e.g.
/// `~/.local/share/arshif/archive.sqlite` on Linux).
pub fn default_path() -> Result<PathBuf, StoreError> {
    directories::ProjectDirs::from("org", "Arshif", "arshif")
        .map(|d| d.data_dir().join("archive.sqlite"))
        .ok_or(StoreError::NoDataDir)
}

/// The archive path to use: `explicit` (from `--db`), else `$ARSHIF_DB` when set and non-empty,
/// else [`default_path`]. The bool is true when the default path was chosen.
pub fn resolve_path(explicit: Option<&Path>) -> Result<(PathBuf, bool), StoreError> {
    if let Some(p) = explicit {
        return Ok((p.to_path_buf(), false));
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok((PathBuf::from(p), false));
    }
    Ok((default_path()?, true))
}

/// An open archive: one SQLite connection, set up and migrated. Not `Sync`: give each thread its
/// own (see [`Store::reopen`]).
pub struct Store {
    conn: Connection,
    path: PathBuf,
    created: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the archive at `path`, creating the file (and its folder) when missing, and
    /// migrates it to the latest schema.
    ///
    /// # Errors
    /// [`StoreError::Open`] when the file is not an SQLite database or cannot be written;
    /// [`StoreError::Migrate`] when it was made by a newer Arshif or a migration fails.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.exists()
        {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let created = !path.exists()
            || std::fs::metadata(&path)
                .map(|m| m.len() == 0)
                .unwrap_or(false);
        let open_err = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open(&path).map_err(open_err)?;
        configure(&conn).map_err(open_err)?;
        fts::register_tokenizer(&conn).map_err(open_err)?;
        migrate(&mut conn).map_err(|e| StoreError::Migrate {
            path: path.clone(),
            reason: migration_reason(&e),
        })?;
        Ok(Store {
            conn,
            path,
            created,
        })
    }

    /// Opens the archive at `path` WITHOUT migrating (the tokenizer is registered and the
    /// connection configured). For tests and tools that drive migrations themselves.
    pub fn open_unmigrated(path: impl AsRef<Path>) -> Result<Connection, StoreError> {
        let path = path.as_ref();
        let open_err = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(open_err)?;
        configure(&conn).map_err(open_err)?;
        fts::register_tokenizer(&conn).map_err(open_err)?;
        Ok(conn)
    }

    /// A second, independent connection to the same file (for a worker thread).
    pub fn reopen(&self) -> Result<Store, StoreError> {
        let mut s = Store::open(&self.path)?;
        s.created = false;
        Ok(s)
    }

    /// The archive file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when this `open` created the file (a brand-new archive).
    pub fn was_created(&self) -> bool {
        self.created
    }

    /// The underlying connection (for reads by other modules: query, export, search).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The underlying connection, mutably (to start transactions).
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// The schema version of the file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Rebuilds the full-text index from the `articles` table (after a change of the tokenizer's
    /// rules; `arshif reindex`). Takes about 0.4 ms per article.
    pub fn rebuild_search_index(&self) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
            [],
        )?;
        Ok(())
    }

    /// Inserts `a` unless an article with the same normalised text exists (see
    /// [`content_hash`]); see [`insert_article`].
    pub fn insert_article(&self, a: &NewArticle) -> Result<Inserted, StoreError> {
        insert_article(&self.conn, a)
    }

    /// The article with this id, or `None`.
    pub fn article(&self, id: i64) -> Result<Option<Article>, StoreError> {
        let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], row_to_article).optional()?)
    }

    /// Articles newest first (undated last), `limit` rows from `offset`.
    pub fn list_articles(
        &self,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, headline, lang, outlet, date, date_precision, date_source FROM articles
             ORDER BY date IS NULL, date DESC, id DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt.query_map(params![limit as i64, offset as i64], |r| {
            Ok(ArticleSummary {
                id: r.get(0)?,
                headline: r.get(1)?,
                lang: lang_from_code(&r.get::<_, String>(2)?),
                outlet: r.get(3)?,
                date: date_from_columns(r.get(4)?, &r.get::<_, String>(5)?, r.get(6)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Number of articles.
    pub fn count_articles(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?)
    }

    /// Summary numbers for `arshif stats`.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let (articles, dated, earliest, latest) = self.conn.query_row(
            "SELECT count(*), count(date), min(date), max(date) FROM articles",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT lang, count(*) FROM articles GROUP BY lang ORDER BY count(*) DESC, lang",
        )?;
        let by_lang = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(Stats {
            articles,
            dated,
            undated: articles - dated,
            earliest,
            latest,
            by_lang,
            schema_version: self.schema_version()?,
        })
    }
}

/// Connection pragmas; `page_size` only takes effect on a new, empty file, so it comes first.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // First, so every statement below (switching a new file to WAL takes a write lock) waits for
    // another connection opening the same file instead of failing at once with SQLITE_BUSY.
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    // Returns the mode in force: a file system without shared memory (some network mounts)
    // keeps the rollback journal, which is slower with concurrent readers but still correct.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Brings the schema up to date. `rusqlite_migration` reads the version before it opens its
/// transaction, so two processes opening a new file at once (the app and `arshif import`) can
/// both try to migrate: the loser fails (locked, or "table already exists") and is rolled back.
/// It then retries, and finds the file already migrated.
fn migrate(conn: &mut Connection) -> Result<(), rusqlite_migration::Error> {
    use rusqlite_migration::{Error, MigrationDefinitionError};
    let migrations = migrations::migrations();
    let mut attempt = 0;
    loop {
        match migrations.to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(e @ Error::MigrationDefinition(MigrationDefinitionError::DatabaseTooFarAhead)) => {
                return Err(e);
            }
            Err(e) if attempt >= 4 => return Err(e),
            Err(_) => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(50 * attempt));
            }
        }
    }
}

fn migration_reason(e: &rusqlite_migration::Error) -> String {
    match e {
        rusqlite_migration::Error::MigrationDefinition(
            rusqlite_migration::MigrationDefinitionError::DatabaseTooFarAhead,
        ) => "it was written by a newer version of Arshif".to_string(),
        other => other.to_string(),
    }
}

/// An article to insert.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    pub headline: String,
    /// The body exactly as imported (logical-order UTF-8).
    pub body: String,
    pub lang: Lang,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    /// The published date, or `None` when undated (then `date_note` says why).
    pub date: Option<ArticleDate>,
    /// Why the article is undated, or a note on where its date comes from.
    pub date_note: Option<String>,
    /// The file it came from (`path#N` for the N-th record of a JSON/CSV file).
    pub source_path: Option<String>,
    /// WHATWG name of the detected encoding (`UTF-8`, `UTF-16LE`, `windows-1256`, ...).
    pub source_encoding: Option<String>,
}

/// A stored article (all columns of `articles`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Article {
    pub id: i64,
    pub headline: String,
    pub body: String,
    pub lang: Lang,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
    pub date: Option<ArticleDate>,
    pub date_note: Option<String>,
    pub source_path: Option<String>,
    pub source_encoding: Option<String>,
    /// SHA-256 (hex) of the normalised text, see [`content_hash`].
    pub content_hash: String,
    /// When it was imported (RFC 3339, UTC).
    pub imported_at: String,
}

/// A row of the article list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub headline: String,
    pub lang: Lang,
    pub outlet: Option<String>,
    pub date: Option<ArticleDate>,
}

/// What [`insert_article`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// Stored under this id.
    New(i64),
    /// Not stored: an article with the same normalised text exists.
    Duplicate { id: i64, headline: String },
}

/// Archive totals (`arshif stats`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    pub articles: i64,
    pub dated: i64,
    pub undated: i64,
    /// Earliest and latest article date (ISO), when any article is dated.
    pub earliest: Option<String>,
    pub latest: Option<String>,
    /// Article counts per language code, most first.
    pub by_lang: Vec<(String, i64)>,
    pub schema_version: i64,
}

/// SHA-256 (lower-case hex) of the article's normalised words: headline words, a newline, body
/// words, words joined by single spaces. Two files with the same text up to Arabic spelling
/// variants (ة/ه, hamza on alef, tashkeel, digits), case, whitespace, punctuation and encoding
/// get the same hash, and the second is reported as a duplicate.
pub fn content_hash(headline: &str, body: &str) -> String {
    let join = |s: &str| {
        crate::text::tokens::words(s)
            .into_iter()
            .map(|w| w.text)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut h = Sha256::new();
    h.update(join(headline).as_bytes());
    h.update(b"\n");
    h.update(join(body).as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Inserts `a` through `conn` (a plain connection or an open transaction) unless its
/// [`content_hash`] is already stored.
pub fn insert_article(conn: &Connection, a: &NewArticle) -> Result<Inserted, StoreError> {
    let hash = content_hash(&a.headline, &a.body);
    let existing: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, headline FROM articles WHERE content_hash = ?1")?
        .query_row([&hash], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((id, headline)) = existing {
        return Ok(Inserted::Duplicate { id, headline });
    }
    let (date, precision, source) = match &a.date {
        Some(d) => (
            Some(d.date.format("%Y-%m-%d").to_string()),
            d.precision.as_str(),
            Some(d.source.as_str()),
        ),
        None => (None, "unknown", None),
    };
    let tags = serde_json::to_string(&a.tags).unwrap_or_else(|_| "[]".into());
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    conn.prepare_cached(
        "INSERT INTO articles (headline, body, lang, outlet, url, author, tags, date, date_precision,
             date_source, date_note, source_path, source_encoding, content_hash, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        a.headline,
        a.body,
        a.lang.code(),
        a.outlet,
        a.url,
        a.author,
        tags,
        date,
        precision,
        source,
        a.date_note,
        a.source_path,
        a.source_encoding,
        hash,
        now
    ])?;
    Ok(Inserted::New(conn.last_insert_rowid()))
}

const ARTICLE_COLUMNS: &str = "id, headline, body, lang, outlet, url, author, tags, date, date_precision, date_source, \
     date_note, source_path, source_encoding, content_hash, imported_at";

fn row_to_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
    let tags: String = r.get(7)?;
    Ok(Article {
        id: r.get(0)?,
        headline: r.get(1)?,
        body: r.get(2)?,
        lang: lang_from_code(&r.get::<_, String>(3)?),
        outlet: r.get(4)?,
        url: r.get(5)?,
        author: r.get(6)?,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        date: date_from_columns(r.get(8)?, &r.get::<_, String>(9)?, r.get(10)?),
        date_note: r.get(11)?,
        source_path: r.get(12)?,
        source_encoding: r.get(13)?,
        content_hash: r.get(14)?,
        imported_at: r.get(15)?,
    })
}

/// `Lang` from its stored code (`und` and unknown codes → `Other`).
pub fn lang_from_code(code: &str) -> Lang {
    match code {
        "ar" => Lang::Ar,
        "en" => Lang::En,
        "it" => Lang::It,
        _ => Lang::Other,
    }
}

/// Rebuilds an [`ArticleDate`] from the `date`, `date_precision`, `date_source` columns.
pub(crate) fn date_from_columns(
    date: Option<String>,
    precision: &str,
    source: Option<String>,
) -> Option<ArticleDate> {
    let date = NaiveDate::parse_from_str(&date?, "%Y-%m-%d").ok()?;
    let precision = match precision {
        "day" => DatePrecision::Day,
        "month" => DatePrecision::Month,
        "year" => DatePrecision::Year,
        _ => return None,
    };
    let source = match source.as_deref() {
        Some("front_matter") => DateSource::FrontMatter,
        Some("dateline") => DateSource::Dateline,
        Some("body") => DateSource::Body,
        Some("file_name") => DateSource::FileName,
        Some("user") => DateSource::User,
        _ => DateSource::User,
    };
    Some(ArticleDate {
        date,
        precision,
        source,
    })
}
