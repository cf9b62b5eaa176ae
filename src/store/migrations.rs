//! The schema, as numbered migrations (`rusqlite_migration`, version kept in `PRAGMA user_version`).
//!
//! Never edit a migration that has shipped: add a new `M::up` at the end of [`MIGRATIONS`]. Other
//! modules' tables (meetings, entities, user edits) slot in as migration 3 onwards.
//!
//! 1. `articles`: one row per imported article (see [`crate::store::Article`] for the columns'
//!    meaning), unique on `content_hash`, with a covering index for the date-ordered list.
//! 2. `articles_fts`: FTS5 external-content index over `articles(headline, body)` with the
//!    `arshif` tokenizer (see [`crate::store::fts`]), kept in sync by triggers, and rebuilt from
//!    any rows already present.

use rusqlite_migration::{M, Migrations};

/// Migration 1: the articles table.
const M1_ARTICLES: &str = r#"
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    headline        TEXT NOT NULL,
    body            TEXT NOT NULL,
    lang            TEXT NOT NULL,                    -- ISO 639-1 (ar, en, it) or 'und'
    outlet          TEXT,
    url             TEXT,
    author          TEXT,
    tags            TEXT NOT NULL DEFAULT '[]',       -- JSON array of strings
    date            TEXT,                             -- ISO YYYY-MM-DD; NULL when undated
    date_precision  TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (date_precision IN ('day', 'month', 'year', 'unknown')),
    date_source     TEXT CHECK (date_source IN ('front_matter', 'dateline', 'body', 'file_name', 'user')),
    date_note       TEXT,                             -- why undated, or a note on the date's origin
    source_path     TEXT,                             -- the file it came from (record: path#N)
    source_encoding TEXT,                             -- WHATWG name of the detected encoding
    content_hash    TEXT NOT NULL UNIQUE,             -- SHA-256 hex of the normalised words
    imported_at     TEXT NOT NULL,                    -- RFC 3339 UTC
    CHECK ((date IS NULL) = (date_precision = 'unknown'))
);
CREATE INDEX articles_by_date ON articles(date, id, headline);
"#;

/// Migration 2: the full-text index with the arshif tokenizer (needs the tokenizer registered).
const M2_FTS: &str = r#"
CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'arshif'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF headline, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"#;

/// Every migration, oldest first. Index `i` brings the schema to version `i + 1`.
pub fn all() -> Vec<M<'static>> {
    vec![M::up(M1_ARTICLES), M::up(M2_FTS)]
}

/// The [`Migrations`] object over [`all`].
pub fn migrations() -> Migrations<'static> {
    Migrations::new(all())
}

/// The schema version a fully migrated file has.
pub fn latest_version() -> usize {
    all().len()
}
