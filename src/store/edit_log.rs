//! The `edits` table (migration 4): the log of the user's corrections, with undo/redo states.
//! What an edit means is [`crate::edits`]' business; here an edit is a row of text columns.

use crate::store::{Store, StoreError};
use rusqlite::{OptionalExtension, params};

/// One row of `edits`, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct EditRow {
    pub id: i64,
    pub article_id: Option<i64>,
    /// The meeting's key (or, for an alias, the gazetteer entry's id).
    pub meeting_key: Option<String>,
    pub anchor: Option<i64>,
    /// The `edits.field` name (`date`, `add_meeting`, `article_date`, `add_alias`, ...).
    pub field: String,
    /// The new value, JSON.
    pub value: String,
    /// The value before, JSON.
    pub previous: String,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// `active`, `undone` or `discarded`.
    pub state: String,
    pub orphaned: bool,
}

/// A not-discarded edit of one article other than its date, in log order.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleEditRow {
    pub id: i64,
    pub meeting_key: Option<String>,
    pub anchor: Option<i64>,
    pub field: String,
    /// The new value, JSON.
    pub value: String,
    /// The edit is `active` (not `undone`).
    pub active: bool,
}

/// A new row of `edits` (state `active`).
#[derive(Debug, Clone, PartialEq)]
pub struct NewEditRow<'a> {
    pub article_id: Option<i64>,
    pub meeting_key: Option<&'a str>,
    pub anchor: Option<i64>,
    pub field: &'a str,
    pub value: &'a str,
    pub previous: &'a str,
    pub created_at: &'a str,
}

/// Runs `f` in the edit log's savepoint (`arshif_edit`), so an edit and its effects are atomic.
///
/// # Errors
/// `f`'s error, or database failures.
pub fn in_savepoint<T, E: From<StoreError>>(
    store: &Store,
    f: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    store.in_savepoint("arshif_edit", f)
}

/// The article's meeting edits and meetings added by hand that are not discarded, in order.
///
/// # Errors
/// Database failures.
pub fn article_edits(store: &Store, article_id: i64) -> Result<Vec<ArticleEditRow>, StoreError> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT id, meeting_key, anchor, field, value, state FROM edits
         WHERE article_id = ?1 AND state <> 'discarded' AND field <> 'article_date' ORDER BY id",
    )?;
    let rows = stmt
        .query_map([article_id], |r| {
            Ok(ArticleEditRow {
                id: r.get(0)?,
                meeting_key: r.get(1)?,
                anchor: r.get(2)?,
                field: r.get(3)?,
                value: r.get(4)?,
                active: r.get::<_, String>(5)? == "active",
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Whether `article_id` has meeting edits that are not discarded.
///
/// # Errors
/// Database failures.
pub fn has_meeting_edits(store: &Store, article_id: i64) -> Result<bool, StoreError> {
    Ok(store.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM edits WHERE article_id = ?1 AND state <> 'discarded'
             AND field <> 'article_date')",
        [article_id],
        |r| r.get(0),
    )?)
}

/// Points edit `id` at the meeting key `key` (the meeting it followed under a new key).
///
/// # Errors
/// Database failures.
pub fn set_meeting_key(store: &Store, id: i64, key: Option<&str>) -> Result<(), StoreError> {
    store.conn.execute(
        "UPDATE edits SET meeting_key = ?2 WHERE id = ?1",
        params![id, key],
    )?;
    Ok(())
}

/// Marks edit `id` orphaned (its meeting is gone from its article) or attached.
///
/// # Errors
/// Database failures.
pub fn set_orphaned(store: &Store, id: i64, orphaned: bool) -> Result<(), StoreError> {
    if orphaned {
        store
            .conn
            .execute("UPDATE edits SET orphaned = 1 WHERE id = ?1", [id])?;
    } else {
        store
            .conn
            .execute("UPDATE edits SET orphaned = 0 WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// Discards every undone edit (a new edit clears the redo stack).
///
/// # Errors
/// Database failures.
pub fn discard_undone(store: &Store) -> Result<(), StoreError> {
    store.conn.execute(
        "UPDATE edits SET state = 'discarded' WHERE state = 'undone'",
        [],
    )?;
    Ok(())
}

/// Appends `row` to the log; returns its id.
///
/// # Errors
/// Database failures.
pub fn insert_edit(store: &Store, row: &NewEditRow<'_>) -> Result<i64, StoreError> {
    store.conn.execute(
        "INSERT INTO edits (article_id, meeting_key, anchor, field, value, previous, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            row.article_id,
            row.meeting_key,
            row.anchor,
            row.field,
            row.value,
            row.previous,
            row.created_at
        ],
    )?;
    Ok(store.conn.last_insert_rowid())
}

/// Marks edit `id` undone (`undone: true`) or active again.
///
/// # Errors
/// Database failures.
pub fn set_undone(store: &Store, id: i64, undone: bool) -> Result<(), StoreError> {
    if undone {
        store
            .conn
            .execute("UPDATE edits SET state = 'undone' WHERE id = ?1", [id])?;
    } else {
        store
            .conn
            .execute("UPDATE edits SET state = 'active' WHERE id = ?1", [id])?;
    }
    Ok(())
}

/// Whether any edit is active, and whether any is undone.
///
/// # Errors
/// Database failures.
pub fn can_undo_redo(store: &Store) -> Result<(bool, bool), StoreError> {
    Ok(store.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM edits WHERE state = 'active'),
                EXISTS (SELECT 1 FROM edits WHERE state = 'undone')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

const EDIT_COLUMNS: &str =
    "id, article_id, meeting_key, anchor, field, value, previous, created_at, state, orphaned";

fn row_to_edit(r: &rusqlite::Row<'_>) -> rusqlite::Result<EditRow> {
    Ok(EditRow {
        id: r.get(0)?,
        article_id: r.get(1)?,
        meeting_key: r.get(2)?,
        anchor: r.get(3)?,
        field: r.get(4)?,
        value: r.get(5)?,
        previous: r.get(6)?,
        created_at: r.get(7)?,
        state: r.get(8)?,
        orphaned: r.get(9)?,
    })
}

/// The newest (`newest_first`) or oldest edit in `state`, if any.
///
/// # Errors
/// Database failures.
pub fn first_in_state(
    store: &Store,
    state: &str,
    newest_first: bool,
) -> Result<Option<EditRow>, StoreError> {
    let order = if newest_first { "DESC" } else { "ASC" };
    let sql =
        format!("SELECT {EDIT_COLUMNS} FROM edits WHERE state = ?1 ORDER BY id {order} LIMIT 1");
    Ok(store
        .conn
        .query_row(&sql, [state], row_to_edit)
        .optional()?)
}

/// Every edit, oldest first, discarded ones included.
///
/// # Errors
/// Database failures.
pub fn all_edits(store: &Store) -> Result<Vec<EditRow>, StoreError> {
    let sql = format!("SELECT {EDIT_COLUMNS} FROM edits ORDER BY id");
    let mut stmt = store.conn.prepare(&sql)?;
    let v = stmt
        .query_map([], row_to_edit)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}
