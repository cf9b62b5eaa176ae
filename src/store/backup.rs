//! Backups and restores of the archive file, with SQLite's online backup API.
//!
//! - [`Store::backup_to`] copies every page in ONE `sqlite3_backup_step(-1)`: the whole copy is
//!   one read transaction on the archive, so it is a consistent snapshot however much another
//!   connection (an import) commits meanwhile, and it never restarts (a stepped backup with
//!   pauses restarts on every commit from another connection and may never finish: case C10).
//!   In WAL mode the copy does not block the writer either. The copy is written to a temporary
//!   file in the destination's folder, switched to a single-file journal mode, checked
//!   (`integrity_check`, `foreign_key_check`, the FTS index's own integrity check), fsynced and
//!   only then renamed to the final name: a failed or interrupted backup never leaves a torn
//!   file under that name.
//! - [`restore_from`] checks the backup is an Arshif archive this version can read before
//!   anything is replaced, keeps a copy of the archive it replaces, and replaces it in one
//!   write transaction (the backup API into the live archive), so other connections see the old
//!   archive or the restored one, never half of each.
//! - [`backup_before_migration`]: the automatic copy `ARCHIVE.before-vN.bak` made by
//!   [`Store::open`] before a schema migration of an archive holding data.

use super::{Store, StoreError, busy_wait, fts, migrations};
use rusqlite::{Connection, OpenFlags, backup::StepResult};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupReport {
    /// The backup file (the destination given).
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Articles in the backup.
    pub articles: i64,
    /// The backup's schema version (`PRAGMA user_version`).
    pub schema_version: i64,
    /// Wall time of the whole backup, copy and checks, in milliseconds.
    pub millis: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RestoreReport {
    /// The archive now holding the backup's content.
    pub archive: PathBuf,
    /// Articles in the restored archive.
    pub articles: i64,
    /// The backup's schema version (the restored archive is then migrated to the latest).
    pub schema_version: i64,
    /// Where the replaced archive was kept (`ARCHIVE.before-restore.bak`), when one existed.
    pub previous: Option<PathBuf>,
}

impl Store {
    /// Backs the archive up to `dest` with the online backup API (see the module doc): a
    /// consistent copy even while another process imports, never a torn file under `dest`
    /// (an existing `dest` is replaced only once the new copy is complete and checked). The
    /// file is readable by its owner only (0600 on Unix) and uses a single-file journal mode,
    /// so it can be copied as it is.
    ///
    /// # Errors
    /// [`StoreError::Backup`] when `dest` is the archive itself or its folder does not exist,
    /// or the copy fails its checks; [`StoreError::DiskFull`] naming `dest` when the disk fills;
    /// [`StoreError::File`] for other I/O failures, naming the file.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupReport, StoreError> {
        let started = Instant::now();
        if same_file(self.path(), dest) {
            return Err(StoreError::Backup(format!(
                "{} is the archive itself: choose another file for the backup",
                dest.display()
            )));
        }
        let (articles, schema_version) = write_copy(&self.conn, dest)?;
        let bytes = std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
        Ok(BackupReport {
            path: dest.to_path_buf(),
            bytes,
            articles,
            schema_version,
            millis: started.elapsed().as_millis() as u64,
        })
    }
}

/// Replaces the archive at `archive_path` with the backup at `src` (or creates it), then
/// migrates it to the latest schema. `src` must be an Arshif archive of this or an earlier
/// version that passes `integrity_check`; it is checked before anything is touched. An existing
/// archive is replaced only with `force`, after a copy of it is kept as
/// `ARCHIVE.before-restore.bak`, and in one write transaction (other connections see the old or
/// the restored archive, never half of each).
///
/// # Errors
/// [`StoreError::Backup`] naming the file: `src` missing, not an Arshif archive, from a newer
/// Arshif, damaged, or `archive_path` exists and `force` is false; store errors of the copy
/// and the migration.
pub fn restore_from(
    src: &Path,
    archive_path: &Path,
    force: bool,
) -> Result<RestoreReport, StoreError> {
    if !src.is_file() {
        return Err(StoreError::Backup(format!(
            "no backup file at {}",
            src.display()
        )));
    }
    if same_file(src, archive_path) {
        return Err(StoreError::Backup(format!(
            "{} is the archive itself: nothing to restore",
            src.display()
        )));
    }
    let source = open_source(src)?;
    let (articles, schema_version) = check(&source, src, true)?;
    let exists = std::fs::metadata(archive_path).is_ok_and(|m| m.len() > 0);
    let previous = if exists {
        if !force {
            return Err(StoreError::Backup(format!(
                "{} already exists: `arshif restore` replaces an archive only with --force \
                 (a copy of the replaced archive is then kept beside it)",
                archive_path.display()
            )));
        }
        let keep = sibling(archive_path, ".before-restore.bak");
        let current =
            plain_connection(archive_path).map_err(|e| StoreError::from(e).at(archive_path))?;
        write_copy(&current, &keep).map_err(|e| match e {
            StoreError::Backup(m) => StoreError::Backup(format!(
                "the archive {} could not be kept before the restore, so it was not replaced: {m}",
                archive_path.display()
            )),
            other => other,
        })?;
        drop(current);
        let mut live = Store::open_unmigrated(archive_path)?;
        copy_pages(&source, &mut live).map_err(|e| e.at(archive_path))?;
        Some(keep)
    } else {
        write_copy(&source, archive_path)?;
        None
    };
    drop(source);
    // Brings an older backup up to date (itself backed up first, as any migration).
    let store = Store::open(archive_path)?;
    Ok(RestoreReport {
        archive: store.path().to_path_buf(),
        articles,
        schema_version,
        previous,
    })
}

/// The file [`Store::open`] writes before migrating `path` from an older schema:
/// `ARCHIVE.before-vN.bak`, N the version it migrates to.
pub fn migration_backup_path(path: &Path, to_version: usize) -> PathBuf {
    sibling(path, &format!(".before-v{to_version}.bak"))
}

/// Before migrating an archive that holds data (schema version between 1 and the latest, at
/// least one article), copies it to [`migration_backup_path`]. Returns the copy's path, or
/// `None` when no copy was needed (a new or up-to-date archive, or no article).
///
/// # Errors
/// Store errors of the copy (the migration must then not run).
pub(super) fn backup_before_migration(
    conn: &Connection,
    path: &Path,
) -> Result<Option<PathBuf>, StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let latest = migrations::latest_version();
    if version < 1 || version as usize >= latest {
        return Ok(None);
    }
    let has_data: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))?;
    if !has_data {
        return Ok(None);
    }
    let dest = migration_backup_path(path, latest);
    write_copy(conn, &dest)?;
    Ok(Some(dest))
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// True when `a` and `b` are the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A connection with the busy handler and the tokenizer but no pragmas (the backup copies keep
/// their own journal mode).
fn plain_connection(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_handler(Some(busy_wait))?;
    fts::register_tokenizer(&conn)?;
    Ok(conn)
}

/// Opens a backup to restore from, read-only, naming it when it is not an SQLite file.
fn open_source(src: &Path) -> Result<Connection, StoreError> {
    let not_archive = |why: String| {
        StoreError::Backup(format!(
            "{} is not an Arshif archive ({why}); nothing was changed",
            src.display()
        ))
    };
    let conn = Connection::open_with_flags(
        src,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_archive(e.to_string()))?;
    conn.busy_handler(Some(busy_wait))
        .map_err(|e| not_archive(e.to_string()))?;
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(|e| not_archive(format!("not an SQLite file: {e}")))?;
    fts::register_tokenizer(&conn).map_err(|e| not_archive(e.to_string()))?;
    Ok(conn)
}

/// Copies every page of `src` into the live connection `dst` in one step (one write transaction
/// on `dst`, one read transaction on `src`).
fn copy_pages(src: &Connection, dst: &mut Connection) -> Result<(), StoreError> {
    let backup = rusqlite::backup::Backup::new(src, dst)?;
    let mut tries = 0u32;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            // Another connection holds a lock the copy needs: the busy handler already waited.
            StepResult::Busy | StepResult::Locked if tries < 100 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            StepResult::Busy | StepResult::Locked => {
                return Err(StoreError::Backup(
                    "another program kept the archive locked; try again".into(),
                ));
            }
            // `step(-1)` copies every page; `More` means the source changed under a partial
            // copy, which one step rules out. Kept for completeness: step again.
            StepResult::More => {}
            _ => {}
        }
    }
}

/// Writes a checked copy of `src` to `dest` through a temporary file in `dest`'s folder (see
/// [`Store::backup_to`]); returns the copy's (articles, schema version).
fn write_copy(src: &Connection, dest: &Path) -> Result<(i64, i64), StoreError> {
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(StoreError::Backup(format!(
            "cannot write {}: the folder {} does not exist",
            dest.display(),
            dir.display()
        )));
    }
    let io_err = |action: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source: std::io::Error| match source.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                StoreError::DiskFull { path: path.clone() }
            }
            _ => StoreError::File {
                action,
                path: path.clone(),
                source,
            },
        }
    };
    // Owner-only (0600) on Unix, as tempfile creates it; removed on any error below.
    let tmp = tempfile::Builder::new()
        .prefix(".arshif-backup-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io_err("cannot create a temporary file in", &dir))?
        .into_temp_path();
    let at_dest = |e: StoreError| match e {
        StoreError::DiskFull { .. } => StoreError::DiskFull {
            path: dest.to_path_buf(),
        },
        other => other.at(dest),
    };
    {
        let mut copy = plain_connection(&tmp).map_err(|e| at_dest(e.into()))?;
        copy_pages(src, &mut copy).map_err(at_dest)?;
        // One file, no -wal beside it: the backup can be copied or mailed as it is.
        let _mode: String = copy
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(|e| at_dest(e.into()))?;
        let (articles, version) = check(&copy, dest, false)?;
        drop(copy);
        let file = std::fs::File::open(&tmp).map_err(io_err("cannot read", &tmp))?;
        file.sync_all().map_err(io_err("cannot write", dest))?;
        tmp.persist(dest)
            .map_err(|e| io_err("cannot rename the finished backup to", dest)(e.error))?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok((articles, version))
    }
}

/// Checks `conn` is a sound Arshif archive: schema version 1 up to ours, an `articles` table,
/// `integrity_check` ok, `foreign_key_check` empty, the FTS index agreeing with the articles
/// (`restore`'s source: `source` true, read-only, so the FTS check is left to integrity_check).
/// Returns (articles, schema version).
fn check(conn: &Connection, name: &Path, source: bool) -> Result<(i64, i64), StoreError> {
    let bad = |why: String| {
        StoreError::Backup(match source {
            true => format!(
                "{} is not a usable Arshif archive: {why}; nothing was changed",
                name.display()
            ),
            false => format!(
                "the copy for {} failed its check: {why}; nothing was written there",
                name.display()
            ),
        })
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| bad(format!("not an SQLite file ({e})")))?;
    let latest = migrations::latest_version() as i64;
    if version > latest {
        return Err(bad(format!(
            "it was written by a newer version of Arshif (schema {version}, this one reads up to {latest})"
        )));
    }
    let has_articles: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| bad(e.to_string()))?;
    if version < 1 || !has_articles {
        return Err(bad("it has no articles table".into()));
    }
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
        .map_err(|e| bad(e.to_string()))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| bad(e.to_string()))?;
    if problems != ["ok"] {
        return Err(bad(format!("integrity check: {}", problems.join("; "))));
    }
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| bad(e.to_string()))?;
    if dangling > 0 {
        return Err(bad(format!("{dangling} rows point at missing rows")));
    }
    if !source && version >= 2 {
        conn.execute(
            "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
            [],
        )
        .map_err(|e| bad(format!("search index: {e}")))?;
    }
    let articles: i64 = conn
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .map_err(|e| bad(e.to_string()))?;
    Ok((articles, version))
}

/// The checks of a backup, for tests and `arshif backup --check`: `PRAGMA integrity_check`
/// rows, `foreign_key_check` rows, articles, rows of the FTS index's document-size table
/// (one per indexed article), and whether the FTS index's own integrity check passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Soundness {
    /// `PRAGMA integrity_check` (`["ok"]` when sound).
    pub integrity: Vec<String>,
    /// Rows of `PRAGMA foreign_key_check` (0 when sound).
    pub foreign_key_problems: i64,
    /// Rows of `articles`.
    pub articles: i64,
    /// Articles indexed for search (rows of `articles_fts_docsize`).
    pub indexed: i64,
    /// The FTS5 `integrity-check` command passed (the index agrees with `articles`).
    pub fts_ok: bool,
    /// Articles without an `extraction_state` row (pending extraction).
    pub pending: i64,
}

/// Reads the [`Soundness`] of the archive file at `path` (opened read-write without migrating,
/// as the FTS check is a write statement that changes nothing).
///
/// # Errors
/// [`StoreError::Open`] when it is not an SQLite file; query failures.
pub fn soundness(path: &Path) -> Result<Soundness, StoreError> {
    let conn = plain_connection(path).map_err(|source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let integrity = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    let foreign_key_problems =
        conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
    let articles = conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
    let indexed = conn.query_row("SELECT count(*) FROM articles_fts_docsize", [], |r| {
        r.get(0)
    })?;
    let fts_ok = conn
        .execute(
            "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
            [],
        )
        .is_ok();
    let pending = conn.query_row(
        "SELECT count(*) FROM articles a
         WHERE NOT EXISTS (SELECT 1 FROM extraction_state s WHERE s.article_id = a.id)",
        [],
        |r| r.get(0),
    )?;
    Ok(Soundness {
        integrity,
        foreign_key_problems,
        articles,
        indexed,
        fts_ok,
        pending,
    })
}
