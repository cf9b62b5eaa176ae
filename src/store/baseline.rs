//! The benchmark's floor (`arshif bench`): the same article texts in a plain SQLite FTS5 table
//! with the stock `unicode61` tokenizer, inserted in one transaction into a file of their own.
//! Not an archive: nothing else reads this file.

use super::StoreError;
use rusqlite::{Connection, params};
use std::path::Path;

/// Creates the database at `path` (which must not exist) with one table
/// `CREATE VIRTUAL TABLE t USING fts5(headline, body)` and inserts every `(headline, body)` of
/// `texts` (an iterator: read as inserted, never held whole) in one transaction, SQLite's defaults otherwise (rollback journal, no pragmas).
/// Returns the file's size in bytes after the commit (the connection is closed first).
///
/// # Errors
/// [`StoreError::Open`] (naming `path`) when the file cannot be created; any failed insert or
/// commit, mapped by [`StoreError::at`] (a full disk is [`StoreError::DiskFull`]).
pub fn fts5_insert_all<H: AsRef<str>, B: AsRef<str>>(
    path: &Path,
    texts: impl IntoIterator<Item = (H, B)>,
) -> Result<u64, StoreError> {
    let mut conn = Connection::open(path).map_err(|source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let run = |conn: &mut Connection| -> rusqlite::Result<()> {
        conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(headline, body)")?;
        let tx = conn.transaction()?;
        {
            let mut insert = tx.prepare("INSERT INTO t (headline, body) VALUES (?1, ?2)")?;
            for (headline, body) in texts {
                insert.execute(params![headline.as_ref(), body.as_ref()])?;
            }
        }
        tx.commit()
    };
    run(&mut conn).map_err(|e| StoreError::Sqlite(e).at(path))?;
    conn.close()
        .map_err(|(_, e)| StoreError::Sqlite(e).at(path))?;
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| StoreError::unwritable(Box::new(e)).at(path))
}

#[cfg(test)]
mod tests {
    #[test]
    fn inserts_every_text_and_finds_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.sqlite");
        let texts = [("عنوان أول", "نص عن الهجرة"), ("Second", "migration talks")];
        let bytes = super::fts5_insert_all(&path, texts.iter().map(|(h, b)| (*h, *b))).unwrap();
        assert_eq!(bytes, std::fs::metadata(&path).unwrap().len());
        let conn = rusqlite::Connection::open(&path).unwrap();
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM t WHERE t MATCH 'migration'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
        let all: i64 = conn
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(all, 2);
    }
}
