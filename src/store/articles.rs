//! The `articles` table: inserting an article (deduplicated by [`content_hash`]), the stored
//! shapes, and the single columns the layers above read and write: the text extraction reads,
//! the date columns the edits set and restore, what exports cite. (Listing and counting are
//! [`crate::store::Store`]'s methods.)

use crate::model::{ArticleDate, DatePrecision, DateSource, Lang};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};

/// An article's date columns as stored (`date` ISO or `NULL`, `date_precision` `day`/`month`/
/// `year`/`unknown`, `date_source`, `date_note`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DateColumns {
    pub date: Option<String>,
    pub date_precision: String,
    pub date_source: Option<String>,
    pub date_note: Option<String>,
}

/// The date columns of article `id`, or `None` when no such article exists.
///
/// # Errors
/// Database failures.
pub fn date_columns(store: &Store, id: i64) -> Result<Option<DateColumns>, StoreError> {
    Ok(store
        .conn
        .query_row(
            "SELECT date, date_precision, date_source, date_note FROM articles WHERE id = ?1",
            [id],
            |r| {
                Ok(DateColumns {
                    date: r.get(0)?,
                    date_precision: r.get(1)?,
                    date_source: r.get(2)?,
                    date_note: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Writes article `id`'s date columns and marks it for extraction (its relative dates resolve
/// against the new date). Returns false, changing nothing, when no such article exists.
///
/// # Errors
/// Database failures.
pub fn set_date_columns(store: &Store, id: i64, cols: &DateColumns) -> Result<bool, StoreError> {
    let n = store.conn.execute(
        "UPDATE articles SET date = ?2, date_precision = ?3, date_source = ?4, date_note = ?5 WHERE id = ?1",
        params![
            id,
            cols.date,
            cols.date_precision,
            cols.date_source,
            cols.date_note
        ],
    )?;
    if n == 0 {
        return Ok(false);
    }
    store
        .conn
        .execute("DELETE FROM extraction_state WHERE article_id = ?1", [id])?;
    Ok(true)
}

/// What extraction reads of an article: (headline, body, date ISO or `None`, date precision).
pub type TextAndDate = (String, String, Option<String>, String);

/// What extraction reads of article `id` ([`TextAndDate`]), or `None` when no such article
/// exists.
///
/// # Errors
/// Database failures.
pub fn text_and_date(store: &Store, id: i64) -> Result<Option<TextAndDate>, StoreError> {
    Ok(store
        .conn
        .query_row(
            "SELECT headline, body, date, date_precision FROM articles WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )
        .optional()?)
}

/// The headline and URL of article `id` (what exports cite).
///
/// # Errors
/// Database failures, including no article with this id.
pub fn headline_and_url(store: &Store, id: i64) -> Result<(String, Option<String>), StoreError> {
    let mut stmt = store
        .conn
        .prepare_cached("SELECT headline, url FROM articles WHERE id = ?1")?;
    Ok(stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?)
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

/// Inserts `a` into `store` (or an open [`crate::store::Transaction`] on it) unless its [`content_hash`] is
/// already stored.
pub fn insert_article(store: &Store, a: &NewArticle) -> Result<Inserted, StoreError> {
    insert_article_hashed(store, a, &content_hash(&a.headline, &a.body))
}

/// [`insert_article`] with `hash` = [`content_hash`]`(&a.headline, &a.body)` already computed
/// (by an import thread: the writer then only writes).
///
/// # Errors
/// Database failures.
pub fn insert_article_hashed(
    store: &Store,
    a: &NewArticle,
    hash: &str,
) -> Result<Inserted, StoreError> {
    let conn = &store.conn;
    let existing: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, headline FROM articles WHERE content_hash = ?1")?
        .query_row([hash], |r| Ok((r.get(0)?, r.get(1)?)))
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
    ])
    .map_err(|e| store.err(e))?;
    Ok(Inserted::New(conn.last_insert_rowid()))
}

/// The [`content_hash`] of every stored article (what a batch import checks its files against
/// before extracting them: a duplicate is not extracted). About 100 bytes per article.
///
/// # Errors
/// Database failures.
pub fn content_hashes(store: &Store) -> Result<std::collections::HashSet<String>, StoreError> {
    let mut stmt = store.conn.prepare("SELECT content_hash FROM articles")?;
    let hashes = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(hashes)
}

pub(super) const ARTICLE_COLUMNS: &str = "id, headline, body, lang, outlet, url, author, tags, date, date_precision, date_source, \
     date_note, source_path, source_encoding, content_hash, imported_at";

pub(super) fn row_to_article(r: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
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
