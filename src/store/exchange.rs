//! What the archive exchange file ([`crate::export::exchange`]) reads from the archive beyond
//! the edit log ([`super::edit_log::all_edits`]): every article, and each article's content hash,
//! the id articles keep from one archive to another.

use super::articles::{ARTICLE_COLUMNS, Article, row_to_article};
use crate::store::{Store, StoreError};

/// Every article, oldest id first (the order they were imported).
///
/// # Errors
/// Database failures.
pub fn all_articles(store: &Store) -> Result<Vec<Article>, StoreError> {
    let sql = format!("SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY id");
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], row_to_article)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// `(article id, content hash)` of every article, oldest id first.
///
/// # Errors
/// Database failures.
pub fn article_hashes(store: &Store) -> Result<Vec<(i64, String)>, StoreError> {
    let mut stmt = store
        .conn
        .prepare("SELECT id, content_hash FROM articles ORDER BY id")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
