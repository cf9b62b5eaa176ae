//! The `gazetteer_additions` table (migration 4): the user's additions to the gazetteer (aliases,
//! new officials), one row per active edit. [`crate::edits`] merges them into the shipped
//! gazetteer.

use crate::store::{Store, StoreError};
use rusqlite::params;

/// One addition: (entity kind `person`/`place`/`body`, the entry's id, the entry as JSON: an
/// alias string or a whole person).
pub type Addition = (String, String, String);

/// Stores the addition made by edit `edit_id` (replacing one stored for it before).
///
/// # Errors
/// Database failures.
pub fn insert_addition(
    store: &Store,
    edit_id: i64,
    entity: &str,
    key: &str,
    entry: &str,
) -> Result<(), StoreError> {
    store.conn.execute(
        "INSERT OR REPLACE INTO gazetteer_additions (edit_id, entity, key, entry) VALUES (?1, ?2, ?3, ?4)",
        params![edit_id, entity, key, entry],
    )?;
    Ok(())
}

/// Removes the addition made by edit `edit_id` (the edit was undone).
///
/// # Errors
/// Database failures.
pub fn delete_addition(store: &Store, edit_id: i64) -> Result<(), StoreError> {
    store.conn.execute(
        "DELETE FROM gazetteer_additions WHERE edit_id = ?1",
        [edit_id],
    )?;
    Ok(())
}

/// Every stored addition, in the order the edits were made.
///
/// # Errors
/// Database failures.
pub fn additions(store: &Store) -> Result<Vec<Addition>, StoreError> {
    let mut stmt = store
        .conn
        .prepare("SELECT entity, key, entry FROM gazetteer_additions ORDER BY edit_id")?;
    let rows: Vec<Addition> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
