//! The archive: one SQLite file (rusqlite, bundled SQLite) holding articles, their full-text
//! index, the meetings extracted from them and the user's corrections.
//!
//! Every SQL statement of Arshif lives in this module, behind functions with typed inputs and
//! outputs, and no other module names `rusqlite` (the `architecture` test checks both), so that
//! another backend (a shared server database for a team's archive) can sit behind the same
//! functions. One file per table or concern:
//!
//! - [`articles`]: inserting (deduplicated), reading and re-dating articles;
//! - [`meetings`]: extracted meetings, and the meeting rows the edits rewrite;
//! - [`timeline`]: the queries behind [`crate::query`] (filter, timeline rows, facets, sources);
//! - [`fts`]: the FTS5 tokenizer, the safe `MATCH` expression, ranked hits;
//! - [`edit_log`] and [`user_gazetteer`]: the tables of the user's corrections;
//! - [`migrations`]: the schema.
//!
//! Transactions: [`Store::transaction`] (a guard that derefs to the store), or
//! [`Store::begin_immediate`] / [`Store::commit`] for the importer's chunks.
//!
//! - Location: `--db PATH`, else `$ARSHIF_DB`, else `archive.sqlite` in the platform data
//!   directory ([`default_path`]).
//! - Connection setup ([`Store::open`]): a new file is created owner-only (0600 on Unix; its
//!   `-wal`/`-shm` follow), page size 16 KiB (set before the file's first table; ~3 KB articles
//!   then pack several per page, which the design measurements found smaller and faster to build
//!   than 4 KiB pages), WAL journal, `synchronous=NORMAL`, foreign keys on, the store's busy
//!   handler (waits up to [`BUSY_TIMEOUT`], saying so once through [`set_wait_notice`]), the
//!   `arshif` FTS5 tokenizer registered, a copy `ARCHIVE.before-vN.bak` of an archive with data
//!   before a migration ([`backup`]), migrations run to the latest.
//! - One writer, many readers: long writes (import) run on a worker thread or another process
//!   with its OWN `Store` on the same path ([`Store::reopen`]), committing in short chunks; the
//!   UI keeps reading through its connection. WAL lets readers proceed during the write without
//!   waiting. Every write transaction is `BEGIN IMMEDIATE` ([`Store::transaction`],
//!   [`Store::begin_immediate`], [`Store::in_savepoint`] outside a transaction): a deferred one
//!   that read and then writes fails at once with "database is locked" when another connection
//!   committed in between, whatever the busy handler.
//! - Errors name the archive: a full disk is [`StoreError::DiskFull`], a lock held past the
//!   busy timeout [`StoreError::Locked`]. Backups and restores: [`backup`].

pub mod articles;
pub mod backup;
pub mod baseline;
pub mod edit_log;
pub mod events;
pub mod exchange;
pub mod fts;
pub mod meetings;
pub mod migrations;
pub mod pages;
pub mod timeline;
pub mod user_gazetteer;

pub(crate) use articles::date_from_columns;
pub use articles::{
    Article, ArticleSummary, Inserted, NewArticle, Stats, content_hash, insert_article,
    lang_from_code,
};

use articles::{ARTICLE_COLUMNS, row_to_article};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Environment variable that overrides the default archive location.
pub const DB_ENV: &str = "ARSHIF_DB";

/// SQLite page size in bytes for new archive files.
pub const PAGE_SIZE: u32 = 16384;

/// How long a connection waits for another connection's write lock before failing. Writers
/// hold it for one chunk at a time (the importer: at most 100 articles or 250 ms; extraction:
/// one chunk of articles), so a long wait means another process is stuck, not busy.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a writer waits silently before the wait notice is given ([`set_wait_notice`],
/// [`set_thread_wait_notice`]): "waiting for another Arshif process…".
pub const WAIT_NOTICE_AFTER: Duration = Duration::from_millis(300);

static WAIT_NOTICE: std::sync::OnceLock<fn()> = std::sync::OnceLock::new();

thread_local! {
    static THREAD_WAIT_NOTICE: std::cell::RefCell<Option<Box<dyn Fn()>>> =
        const { std::cell::RefCell::new(None) };
}

/// Sets the process-wide function called on the waiting thread each time a connection has
/// waited [`WAIT_NOTICE_AFTER`] for another connection's write lock (once per wait); the CLI
/// prints "waiting for another Arshif process…" with it (once per run: it keeps its own flag).
/// A second call is ignored. A thread's own notice ([`set_thread_wait_notice`]) is called
/// instead when set.
pub fn set_wait_notice(notice: fn()) {
    let _ = WAIT_NOTICE.set(notice);
}

/// Sets (or clears, with `None`) the wait notice of the calling thread only: the app's worker
/// puts "Another Arshif is writing to this archive; waiting…" in the status bar with it while
/// a job's connection waits for another process's lock.
pub fn set_thread_wait_notice(notice: Option<Box<dyn Fn()>>) {
    THREAD_WAIT_NOTICE.with(|n| *n.borrow_mut() = notice);
}

/// Gives the wait notice: the thread's own if set, else the process-wide one.
fn give_wait_notice() {
    let given = THREAD_WAIT_NOTICE.with(|n| match &*n.borrow() {
        Some(f) => {
            f();
            true
        }
        None => false,
    });
    if !given && let Some(notice) = WAIT_NOTICE.get() {
        notice();
    }
}

/// SQLite's busy handler for every connection: sleeps a little longer each time (1 ms up to
/// 20 ms) until [`BUSY_TIMEOUT`], calling the wait notice once past [`WAIT_NOTICE_AFTER`].
/// `count` is how many times it was called for this lock wait. Returns false to give up.
fn busy_wait(count: i32) -> bool {
    let count = count.max(0) as u64;
    // 1, 2, ... 20 ms, then 20 ms each: the time waited so far, in ms, from `count` alone.
    let waited = |count: u64| {
        if count <= 20 {
            count * (count + 1) / 2
        } else {
            210 + (count - 20) * 20
        }
    };
    let waited_ms = waited(count);
    if waited_ms >= BUSY_TIMEOUT.as_millis() as u64 {
        return false;
    }
    // Once per wait: on the call that crosses the threshold.
    let after = WAIT_NOTICE_AFTER.as_millis() as u64;
    if waited_ms >= after && (count == 0 || waited(count - 1) < after) {
        give_wait_notice();
    }
    std::thread::sleep(Duration::from_millis((count + 1).min(20)));
    true
}

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
    /// The disk (or the file system's quota, or the archive's size limit) is full: nothing of
    /// the write in flight was kept, everything committed before it is intact.
    #[error(
        "disk full while writing {path}: free some space there and try again \
         (nothing already in the archive was lost)"
    )]
    DiskFull { path: PathBuf },
    /// Another program kept the archive locked for longer than [`BUSY_TIMEOUT`].
    #[error(
        "the archive {path} stayed locked by another program for {} s; close it and try again",
        BUSY_TIMEOUT.as_secs()
    )]
    Locked { path: PathBuf },
    /// The file is another program's SQLite database (tables, no Arshif schema version): it is
    /// left exactly as it was (not switched to WAL, not migrated).
    #[error(
        "{path} is another program's SQLite database (it has tables Arshif did not make: {tables}), \
         not an Arshif archive; Arshif leaves it unchanged: choose another file"
    )]
    ForeignDatabase { path: PathBuf, tables: String },
    /// A file next to the archive (a backup, a restored copy) could not be written or read.
    #[error("{action} {path}: {source}")]
    File {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A backup or restore refused its input or output (the message says why, naming files).
    #[error("{0}")]
    Backup(String),
    /// A query failed.
    #[error("archive query failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// A stored value that does not read back (`column` of a row, `why` in words): reported as
    /// a failed query, as a column SQLite cannot convert is.
    pub fn unreadable(column: usize, why: String) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            why.into(),
        ))
    }

    /// A value that could not be written (an error from another layer, reported as a failed
    /// query).
    pub fn unwritable(why: Box<dyn std::error::Error + Send + Sync + 'static>) -> StoreError {
        StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(why))
    }

    /// The row a statement needed is not there (reported as SQLite's "query returned no rows").
    pub fn no_rows() -> StoreError {
        StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows)
    }

    /// True for [`StoreError::DiskFull`] (and an unmapped SQLITE_FULL / ENOSPC).
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::DiskFull { .. } => true,
            StoreError::Sqlite(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull),
            StoreError::File { source, .. } => source.kind() == std::io::ErrorKind::StorageFull,
            _ => false,
        }
    }

    /// `self` with a bare SQLite "disk full" or "database is locked" turned into
    /// [`StoreError::DiskFull`] / [`StoreError::Locked`] naming `path`.
    pub fn at(self, path: &Path) -> StoreError {
        match &self {
            StoreError::Sqlite(e) => match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull {
                    path: path.to_path_buf(),
                },
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                    StoreError::Locked {
                        path: path.to_path_buf(),
                    }
                }
                _ => self,
            },
            _ => self,
        }
    }
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
        if created {
            create_private(&path)?;
        } else if let Some(tables) = foreign_tables(&path) {
            return Err(StoreError::ForeignDatabase { path, tables });
        }
        let mut conn = open_configured(&path).map_err(open_err)?;
        fts::register_tokenizer(&conn).map_err(open_err)?;
        *LAST_OPENED.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.clone());
        backup::backup_before_migration(&conn, &path).map_err(|e| StoreError::Migrate {
            path: path.clone(),
            reason: format!("the copy made before updating it failed, so it was not updated: {e}"),
        })?;
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

    /// Opens the archive at `path` for reading only: nothing is created, migrated or written
    /// (the app's read-only mode, for a file or folder the user cannot write). When SQLite
    /// cannot set up its shared-memory file beside a WAL archive in a folder that cannot be
    /// written, the file is opened as immutable (`?immutable=1`): nobody can be writing it then.
    ///
    /// # Errors
    /// [`StoreError::Open`] when the file is missing or not an SQLite database;
    /// [`StoreError::Migrate`] when its schema is older than this Arshif's (it must be opened
    /// once with write access to be updated) or newer.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let path = path.as_ref().to_path_buf();
        let open_err = |source| StoreError::Open {
            path: path.clone(),
            source,
        };
        if !path.is_file() {
            return Err(open_err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
                Some("the file does not exist".into()),
            )));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let try_open = |conn: Connection| -> rusqlite::Result<(Connection, i64)> {
            conn.busy_handler(Some(busy_wait))?;
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            Ok((conn, version))
        };
        let (conn, version) = match Connection::open_with_flags(&path, flags).and_then(try_open) {
            Ok(opened) => opened,
            Err(_) => {
                let uri = format!("file:{}?immutable=1", uri_path(&path));
                Connection::open_with_flags(&uri, flags | OpenFlags::SQLITE_OPEN_URI)
                    .and_then(try_open)
                    .map_err(open_err)?
            }
        };
        let latest = migrations::latest_version() as i64;
        if version != latest {
            return Err(StoreError::Migrate {
                path: path.clone(),
                reason: if version < latest {
                    format!(
                        "it is at schema version {version} and this Arshif needs {latest}: open it \
                         once with write access so it can be updated"
                    )
                } else {
                    format!("it was made by a newer Arshif (schema version {version})")
                },
            });
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        fts::register_tokenizer(&conn).map_err(open_err)?;
        Ok(Store {
            conn,
            path,
            created: false,
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

    /// The underlying connection. Only `store` names SQL; every other module calls the store's
    /// functions.
    #[allow(dead_code)]
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE`: the write lock is taken at once, waiting
    /// for another writer as long as [`BUSY_TIMEOUT`]); commit it with [`Transaction::commit`],
    /// else it rolls back when dropped. Store functions called through it (`&tx` derefs to the
    /// store) run in it. Never DEFERRED: a deferred transaction that has read and then writes
    /// fails at once with "database is locked" when another connection committed in between
    /// (SQLite cannot wait there), which is how that message reached users.
    ///
    /// # Errors
    /// Database failures (e.g. a transaction already open on this connection);
    /// [`StoreError::Locked`] when another writer kept the lock past [`BUSY_TIMEOUT`].
    pub fn transaction(&mut self) -> Result<Transaction<'_>, StoreError> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| StoreError::from(e).at(&self.path))?;
        Ok(Transaction {
            store: self,
            open: true,
        })
    }

    /// Opens a write transaction at once (`BEGIN IMMEDIATE`): other connections then wait for
    /// it, not the reverse. Pair with [`Store::commit`] / [`Store::rollback`] (the importer's
    /// chunks, whose transaction spans several calls).
    ///
    /// # Errors
    /// Database failures, e.g. another writer holding the lock past the busy timeout.
    pub fn begin_immediate(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))
    }

    /// `e` as a [`StoreError`] naming this archive when it is "disk full" or "locked".
    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::from(e).at(&self.path)
    }

    /// Commits the transaction opened by [`Store::begin_immediate`].
    ///
    /// # Errors
    /// Database failures.
    pub fn commit(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))
    }

    /// Rolls back the transaction opened by [`Store::begin_immediate`].
    ///
    /// # Errors
    /// Database failures (e.g. no transaction open).
    pub fn rollback(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("ROLLBACK")?;
        Ok(())
    }

    /// Runs `f` in a savepoint named `name`: released when `f` succeeds, rolled back when it
    /// fails (so `f` is atomic whether or not the caller holds a transaction). Outside a
    /// transaction it runs in its own `BEGIN IMMEDIATE` one instead (a bare SAVEPOINT would be a
    /// deferred transaction; see [`Store::transaction`]).
    ///
    /// # Errors
    /// `f`'s error, or database failures opening or closing the savepoint.
    pub fn in_savepoint<T, E: From<StoreError>>(
        &self,
        name: &str,
        f: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        let sql = |s: String| {
            self.conn
                .execute_batch(&s)
                .map_err(|e| E::from(self.err(e)))
        };
        let own = self.conn.is_autocommit();
        let (begin, release, undo) = match own {
            true => (
                "BEGIN IMMEDIATE".to_owned(),
                "COMMIT".to_owned(),
                "ROLLBACK".to_owned(),
            ),
            false => (
                format!("SAVEPOINT {name}"),
                format!("RELEASE {name}"),
                format!("ROLLBACK TO {name}; RELEASE {name}"),
            ),
        };
        sql(begin)?;
        let r = f();
        match r {
            Ok(_) => {
                if let Err(e) = sql(release) {
                    if own {
                        let _ = self.conn.execute_batch("ROLLBACK");
                    }
                    return Err(e);
                }
            }
            Err(_) => sql(undo)?,
        }
        r
    }

    /// Caps the archive file at `pages` pages of [`PAGE_SIZE`] bytes for this connection
    /// (`PRAGMA max_page_count`; never below the file's current size): a write that needs more
    /// fails as on a full disk, with [`StoreError::DiskFull`]. For tests of a full disk and for
    /// tools that must not grow the file. Returns the cap in force (the current page count when
    /// `pages` is smaller).
    ///
    /// # Errors
    /// Database failures.
    pub fn set_max_pages(&self, pages: u64) -> Result<u64, StoreError> {
        let cap: i64 =
            self.conn
                .pragma_update_and_check(None, "max_page_count", pages as i64, |r| r.get(0))?;
        Ok(cap as u64)
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
        insert_article(self, a)
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

    /// SQLite's `PRAGMA data_version` on this connection: a number that changes when another
    /// connection (this process's or another's) has committed to the file since the last call;
    /// the same value means nothing was written by anyone else. The app's reader polls it about
    /// once a second to show other writers' imports and edits.
    ///
    /// # Errors
    /// The connection failed ([`StoreError`] names the file).
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
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

/// A transaction on a [`Store`] ([`Store::transaction`]): derefs to the store, so store functions
/// take `&tx`; rolled back on drop unless committed.
pub struct Transaction<'a> {
    store: &'a mut Store,
    open: bool,
}

impl Transaction<'_> {
    /// Commits the transaction.
    ///
    /// # Errors
    /// Database failures (the transaction is then rolled back on drop).
    pub fn commit(mut self) -> Result<(), StoreError> {
        self.store
            .conn
            .execute_batch("COMMIT")
            .map_err(|e| self.store.err(e))?;
        self.open = false;
        Ok(())
    }
}

impl std::ops::Deref for Transaction<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if self.open {
            // As rusqlite's transactions do: a failed rollback leaves nothing better to do.
            let _ = self.store.conn.execute_batch("ROLLBACK");
        }
    }
}

/// The archive [`Store::open`] opened last in this process (for messages about an error that
/// lost its path on the way up, such as a disk full inside a long import).
static LAST_OPENED: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// The archive this process opened last ([`Store::open`]), if any.
pub fn last_opened() -> Option<PathBuf> {
    LAST_OPENED
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
}

/// Creates an empty archive file readable and writable by its owner only (0600 on Unix; SQLite
/// gives its `-wal` and `-shm` files the same mode). An existing empty file is set to 0600.
fn create_private(path: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::File {
        action: "cannot create the archive",
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path).map_err(io)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(io)?;
    }
    #[cfg(not(unix))]
    options.open(path).map_err(io)?;
    Ok(())
}

/// Connection pragmas; `page_size` only takes effect on a new, empty file, so it comes first.
/// `path` as the path part of an SQLite `file:` URI (RFC 8089, with `%`, `?` and `#`
/// percent-encoded, as SQLite's URI filenames require).
fn uri_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            _ => out.push(c),
        }
    }
    out
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // First, so every statement below (switching a new file to WAL takes a write lock) waits for
    // another connection opening the same file instead of failing at once with SQLITE_BUSY.
    conn.busy_handler(Some(busy_wait))?;
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
    // The winner's migration can take seconds on a loaded machine: the loser's race errors are
    // retried until the busy timeout; any other error a few times only.
    let started = std::time::Instant::now();
    let mut attempt = 0u64;
    loop {
        match migrations.to_latest(conn) {
            Ok(()) => return Ok(()),
            Err(e @ Error::MigrationDefinition(MigrationDefinitionError::DatabaseTooFarAhead)) => {
                return Err(e);
            }
            Err(e) if started.elapsed() >= BUSY_TIMEOUT => return Err(e),
            Err(e) if attempt >= 4 && !lost_a_race(&e) => return Err(e),
            Err(_) => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis((50 * attempt).min(500)));
            }
        }
    }
}

/// Whether a migration failed because another connection migrated the same file at once: the
/// file was locked, or a table it creates already exists.
fn lost_a_race(e: &rusqlite_migration::Error) -> bool {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => {
            is_busy(err) || err.to_string().contains("already exists")
        }
        _ => false,
    }
}

/// SQLITE_BUSY or SQLITE_LOCKED: another connection holds a lock this one needs. SQLite returns
/// it at once, without the busy handler, where waiting could deadlock (two connections of a new
/// file switching it to WAL and creating its schema).
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// The tables of the SQLite file at `path` when it is another program's database: schema
/// version 0 (every Arshif archive is at 1 or more) and at least one table. Read through a
/// read-only connection before anything is changed; `None` when it looks like an archive, is
/// empty, or cannot be read (opening it then says why).
fn foreign_tables(path: &Path) -> Option<String> {
    use rusqlite::OpenFlags;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    conn.busy_handler(Some(busy_wait)).ok()?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .ok()?;
    if version != 0 {
        return None;
    }
    let mut stmt = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name LIMIT 6",
        )
        .ok()?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .ok()?
        .filter_map(Result::ok)
        .collect();
    match names.len() {
        0 => None,
        1..=5 => Some(names.join(", ")),
        _ => Some(format!("{}, …", names[..5].join(", "))),
    }
}

/// Opens `path` and sets the connection up ([`configure`]), trying again (on a new
/// connection) while another connection opening the same new file holds a lock that SQLite
/// will not wait for, up to [`BUSY_TIMEOUT`].
fn open_configured(path: &Path) -> rusqlite::Result<Connection> {
    let started = std::time::Instant::now();
    let mut attempt = 0u64;
    loop {
        let conn = Connection::open(path)?;
        match configure(&conn) {
            Ok(()) => return Ok(conn),
            Err(e) if is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                drop(conn);
                attempt += 1;
                std::thread::sleep(Duration::from_millis((10 * attempt).min(200)));
            }
            Err(e) => return Err(e),
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
