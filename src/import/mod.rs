//! Import: files and folders → articles in the [`Store`], with one outcome per file (or per record
//! of a JSON/CSV file), progress reports and cancellation. The app and the CLI call
//! [`import_paths`]; a new default archive is seeded with [`import_samples`].
//!
//! - Folders are walked recursively in name order; symbolic links are followed, a link loop is
//!   reported once and not followed again. Hidden files and folders (`.name`) are ignored; other
//!   files with an extension Arshif does not read are reported as `skipped` (a file named
//!   explicitly with such an extension is `failed`).
//! - A file larger than [`MAX_FILE_BYTES`] is refused, as are empty, binary and undecodable
//!   files (see [`decode`]); a bad file never stops the batch.
//! - The same article (same [`crate::store::content_hash`]) is never stored twice: it is reported
//!   as a `duplicate` of the stored one.
//! - Writes are committed every [`CHUNK_ARTICLES`] articles or [`CHUNK_TIME`] (and at the end, or
//!   on cancel), each article in one statement: a crash loses at most the chunk in flight, never
//!   half an article, and other connections get the write lock between chunks.
//! - Article date, in this order: the file's date field (front matter, JSON/CSV `date`, HTML
//!   meta), then [`crate::text::dates::article_date`] (dateline or explicit date in the headline
//!   or lead, then a date in the file name), then a date in the URL's path; otherwise undated, with the reason kept in
//!   `date_note`.

pub mod decode;
pub mod exchange;
pub mod formats;
pub mod samples;

use crate::model::{ArticleDate, DatePrecision, DateSource, Lang};
use crate::store::{Inserted, NewArticle, Store, StoreError};
use chrono::NaiveDate;
use formats::{Format, Parsed};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Largest file imported, in bytes (32 MiB): far above any article or a saved page with inline
/// images, small enough that a mistaken video or disk image is refused quickly.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Articles written per transaction.
pub const CHUNK_ARTICLES: usize = 100;

/// What happened to one file (or one record of a multi-article file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Stored as a new article.
    Imported,
    /// Not stored: the archive already holds the same text.
    Duplicate,
    /// Not stored: the reason says why.
    Failed,
    /// Found in a folder but not an article file type (not an error).
    Skipped,
}

impl Outcome {
    /// `imported`, `duplicate`, `failed` or `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Imported => "imported",
            Outcome::Duplicate => "duplicate",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }
}

/// The outcome for one file, or one record (`record: Some(n)`, 1-based) of a JSON/JSONL/CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileOutcome {
    /// The file's path as given or found (for samples: `sample:<name>`).
    pub path: String,
    pub record: Option<usize>,
    pub outcome: Outcome,
    /// For `failed`/`skipped`: a sentence naming the file and the problem. For `duplicate`: which
    /// stored article it repeats. For `imported`: notes (e.g. why it is undated), if any.
    pub reason: Option<String>,
    /// The new article's id (imported) or the existing one's (duplicate).
    pub article_id: Option<i64>,
    pub headline: Option<String>,
}

/// The result of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub imported: usize,
    pub duplicates: usize,
    pub failed: usize,
    pub skipped: usize,
    /// True when the cancel flag stopped the batch early (what was done is kept).
    pub cancelled: bool,
    pub files: Vec<FileOutcome>,
    /// One entry per archive exchange file imported (its corrections; its articles are in
    /// `files`). Empty for other files.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<exchange::ExchangeOutcome>,
}

impl ImportReport {
    /// Adds one outcome and counts it.
    pub fn push(&mut self, o: FileOutcome) {
        match o.outcome {
            Outcome::Imported => self.imported += 1,
            Outcome::Duplicate => self.duplicates += 1,
            Outcome::Failed => self.failed += 1,
            Outcome::Skipped => self.skipped += 1,
        }
        self.files.push(o);
    }
}

/// Progress of a batch: `done` of `total` files handled; `current` is the file just handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub current: String,
}

/// Where a source's bytes come from.
enum Content {
    File(PathBuf),
    Bytes(&'static [u8]),
    /// Already decided (unreadable folder, link loop, unsupported type).
    Outcome(Outcome, String),
}

struct Source {
    /// The path as given or found (kept as the article's `source_path`).
    display: String,
    /// The path as messages show it (control characters such as a newline escaped: see
    /// [`shown_path`]).
    shown: String,
    file_name: String,
    content: Content,
}

/// A path as one line of a message: control characters (a newline in a file name) are shown as
/// `\n`, `\r`, `\t` or `\u{..}` so a message is always one line naming the file.
pub fn shown_path(path: &str) -> String {
    if !path.chars().any(char::is_control) {
        return path.to_owned();
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Imports every file in `paths` (files or folders, recursively) into `store`.
///
/// `progress` is called once before the first file (`done = 0`) and after each file. `cancel`
/// is checked before each file; when set, the batch stops, what was done is committed, and the
/// report says `cancelled`. `progress` runs on the importing thread, possibly while a chunk's
/// write transaction is open: it must not wait for another connection's write (send over an
/// unbounded channel, as the app does).
///
/// # Errors
/// Only when the archive itself fails (disk full, file locked beyond the busy timeout): the
/// chunk in flight is rolled back and earlier chunks stay committed. Problems with input files
/// are outcomes in the report, never errors.
pub fn import_paths<P: AsRef<Path>>(
    store: &mut Store,
    paths: &[P],
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport, StoreError> {
    import_paths_with(store, paths, progress, cancel, &|_| (), &mut |_, _, ()| {
        Ok(())
    })
}

/// [`import_paths`] with work done on each new article while it is in memory: `prepare` runs on
/// the decoding threads (every core) for each parsed article whose text the archive did not hold
/// when the batch started, and `stored(store, id, prepared)` runs on the calling thread right
/// after the article is inserted as `id`, inside the same chunk transaction (so an article and
/// what `stored` writes for it are committed together or not at all). A duplicate's prepared
/// work is dropped. This is how [`crate::pipeline::import_and_extract`] extracts meetings during
/// the import, with no read-back.
///
/// Files are read, decoded and parsed on [`std::thread::available_parallelism`] threads; the
/// archive is written by the calling thread alone, in the order of the sources, so outcomes,
/// ids, duplicates, progress and cancel are exactly as with one thread.
///
/// # Errors
/// As [`import_paths`], plus any error `stored` returns (the chunk in flight is rolled back).
pub fn import_paths_with<P, T, F, S>(
    store: &mut Store,
    paths: &[P],
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
    prepare: &F,
    stored: &mut S,
) -> Result<ImportReport, StoreError>
where
    P: AsRef<Path>,
    T: Send,
    F: Fn(&NewArticle) -> T + Sync,
    S: FnMut(&Store, i64, T) -> Result<(), StoreError>,
{
    let mut sources = Vec::new();
    for p in paths {
        collect(p.as_ref(), &mut sources);
    }
    run(store, sources, progress, cancel, prepare, stored)
}

/// Opens the archive for a `--db` value (see [`crate::store::resolve_path`]). A brand-new
/// archive at the DEFAULT location is seeded with the bundled samples ([`import_samples`]), so
/// the first run of the app has articles to show; an explicit path starts empty.
///
/// # Errors
/// As [`Store::open`], or a failure writing the samples.
pub fn open_archive(db: Option<&Path>) -> Result<Store, StoreError> {
    let (path, is_default) = crate::store::resolve_path(db)?;
    let mut store = Store::open(&path)?;
    if is_default && store.was_created() {
        import_samples(&mut store)?;
    }
    Ok(store)
}

/// Imports the sample articles bundled in the binary (see [`samples::SAMPLES`]).
pub fn import_samples(store: &mut Store) -> Result<ImportReport, StoreError> {
    let sources = samples::SAMPLES
        .iter()
        .map(|(name, bytes)| Source {
            display: format!("sample:{name}"),
            shown: format!("sample:{name}"),
            file_name: name.to_string(),
            content: Content::Bytes(bytes),
        })
        .collect();
    run(
        store,
        sources,
        &mut |_| {},
        &AtomicBool::new(false),
        &|_| (),
        &mut |_, _, ()| Ok(()),
    )
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn collect(path: &Path, out: &mut Vec<Source>) {
    let display = path.display().to_string();
    let shown = shown_path(&display);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let reason = if e.kind() == std::io::ErrorKind::NotFound {
                format!("{shown}: no such file or folder")
            } else {
                format!("{shown}: {}", io_problem(&e))
            };
            out.push(Source {
                display,
                shown,
                file_name,
                content: Content::Outcome(Outcome::Failed, reason),
            });
            return;
        }
    };
    if meta.is_file() {
        let content = if ext_format(path).is_some() {
            Content::File(path.to_path_buf())
        } else {
            Content::Outcome(
                Outcome::Failed,
                format!(
                    "{shown}: not a file type Arshif imports (it reads {})",
                    formats::EXTENSIONS
                ),
            )
        };
        out.push(Source {
            display,
            shown,
            file_name,
            content,
        });
        return;
    }
    if !meta.is_dir() {
        // A named pipe, socket or device: reading it could block forever or never end.
        out.push(Source {
            content: Content::Outcome(
                Outcome::Failed,
                format!("{shown}: is not a regular file (a named pipe, socket or device); only files and folders are imported"),
            ),
            display,
            shown,
            file_name,
        });
        return;
    }
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let p = e.path();
                let display = p.display().to_string();
                let shown = shown_path(&display);
                let file_name = e.file_name().to_string_lossy().into_owned();
                let content = if ext_format(p).is_some() {
                    Content::File(p.to_path_buf())
                } else {
                    Content::Outcome(
                        Outcome::Skipped,
                        format!(
                            "{shown}: skipped, not a file type Arshif imports ({})",
                            formats::EXTENSIONS
                        ),
                    )
                };
                out.push(Source {
                    display,
                    shown,
                    file_name,
                    content,
                });
            }
            Ok(e) if !e.file_type().is_dir() && !is_hidden(e.file_name()) => {
                let display = e.path().display().to_string();
                let shown = shown_path(&display);
                out.push(Source {
                    content: Content::Outcome(
                        Outcome::Skipped,
                        format!(
                            "{shown}: skipped, not a regular file (a named pipe, socket or device)"
                        ),
                    ),
                    display,
                    shown,
                    file_name: e.file_name().to_string_lossy().into_owned(),
                });
            }
            Ok(_) => {}
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| display.clone());
                let at_shown = shown_path(&at);
                let (outcome, reason) = if let Some(anc) = e.loop_ancestor() {
                    (
                        Outcome::Skipped,
                        format!(
                            "{at_shown}: symbolic link loop back to {}, not followed again",
                            shown_path(&anc.display().to_string())
                        ),
                    )
                } else {
                    let problem = match e.io_error() {
                        Some(io) => io_problem(io),
                        None => format!("cannot be read ({e})"),
                    };
                    (Outcome::Failed, format!("{at_shown}: {problem}"))
                };
                out.push(Source {
                    display: at,
                    shown: at_shown,
                    file_name: String::new(),
                    content: Content::Outcome(outcome, reason),
                });
            }
        }
    }
}

fn ext_format(path: &Path) -> Option<Format> {
    Format::from_extension(path.extension()?.to_str()?)
}

/// What a worker makes of one source, in order: outcomes already decided (a bad file, a bad
/// record) and articles ready to store with the caller's per-article work (`T`).
enum Item<T> {
    Done(FileOutcome),
    Ready(Box<Ready<T>>),
}

/// A decoded, parsed article with its content hash, ready for the writer.
struct Ready<T> {
    record: Option<usize>,
    label: String,
    article: NewArticle,
    hash: String,
    /// The caller's work on the article (extraction), or `None` when the archive already held
    /// its text when the batch started (a duplicate: nothing to do).
    extra: Option<T>,
}

/// How many decoding threads a batch uses: every core (the writer is the calling thread).
fn worker_count(sources: usize) -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 16)
        .min(sources.max(1))
}

fn run<T, F, S>(
    store: &mut Store,
    sources: Vec<Source>,
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
    prepare: &F,
    stored: &mut S,
) -> Result<ImportReport, StoreError>
where
    T: Send,
    F: Fn(&NewArticle) -> T + Sync,
    S: FnMut(&Store, i64, T) -> Result<(), StoreError>,
{
    let total = sources.len();
    let mut report = ImportReport::default();
    progress(&Progress {
        done: 0,
        total,
        current: String::new(),
    });
    // Texts the archive already holds: their duplicates skip the caller's work (extraction).
    let known = crate::store::articles::content_hashes(store)?;
    let conn: &Store = store;
    let mut chunk = Chunk::default();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let workers = worker_count(total);
    let result = std::thread::scope(|scope| {
        let (tx, rx) = crossbeam_channel::bounded::<(usize, Vec<Item<T>>)>(2 * workers);
        for _ in 0..workers {
            let tx = tx.clone();
            let (sources, next, stop, known) = (&sources, &next, &stop, &known);
            scope.spawn(move || {
                loop {
                    if stop.load(Ordering::Relaxed) || cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(src) = sources.get(i) else { break };
                    let items = prepare_source(src, cancel, known, prepare);
                    if tx.send((i, items)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // The writer: this thread, in source order, one chunk transaction at a time.
        let written = (|| -> Result<(), StoreError> {
            // The first chunk takes the write lock at once, while the first files are decoded
            // and extracted: a batch that has to wait for another writer says so at the start.
            if sources
                .iter()
                .any(|s| !matches!(s.content, Content::Outcome(..)))
            {
                chunk.begin(conn)?;
            }
            let mut waiting: std::collections::BTreeMap<usize, Vec<Item<T>>> = Default::default();
            for (i, src) in sources.iter().enumerate() {
                if cancel.load(Ordering::Relaxed) {
                    report.cancelled = true;
                    break;
                }
                let items = loop {
                    if let Some(items) = waiting.remove(&i) {
                        break Some(items);
                    }
                    match rx.recv() {
                        Ok((j, items)) => {
                            waiting.insert(j, items);
                        }
                        // Every worker stopped (cancelled, or one panicked: the scope re-raises).
                        Err(_) => break None,
                    }
                };
                let Some(items) = items else { break };
                for o in write_items(conn, src, items, &mut chunk, cancel, prepare, stored)? {
                    report.push(o);
                }
                chunk.commit_if_due(conn)?;
                progress(&Progress {
                    done: i + 1,
                    total,
                    current: src.display.clone(),
                });
            }
            // Cancelled inside the last file's records.
            report.cancelled |= cancel.load(Ordering::Relaxed);
            chunk.commit(conn)
        })();
        stop.store(true, Ordering::Relaxed);
        drop(rx);
        written
    });
    match result {
        Ok(()) => Ok(report),
        Err(e) => {
            if chunk.open {
                let _ = conn.rollback();
            }
            Err(e)
        }
    }
}

/// The write transaction of the chunk in flight. It is opened just before the first insert of
/// a chunk (the first one at the start of a batch that has files to read) and committed after [`CHUNK_ARTICLES`] articles or [`CHUNK_TIME`], so other
/// connections (the app's own edits) get the write lock between chunks.
#[derive(Default)]
struct Chunk {
    open: bool,
    articles: usize,
    started: Option<std::time::Instant>,
}

/// How long the importer leaves the write lock free between two chunks of a batch.
pub const LOCK_GAP: std::time::Duration = std::time::Duration::from_millis(25);

/// Longest time a chunk keeps the write lock.
pub const CHUNK_TIME: std::time::Duration = std::time::Duration::from_millis(250);

impl Chunk {
    fn begin(&mut self, conn: &Store) -> Result<(), StoreError> {
        if !self.open {
            conn.begin_immediate()?;
            self.open = true;
            self.articles = 0;
            self.started = Some(std::time::Instant::now());
        }
        Ok(())
    }

    fn commit(&mut self, conn: &Store) -> Result<(), StoreError> {
        if self.open {
            conn.commit()?;
            self.open = false;
        }
        Ok(())
    }

    fn commit_if_due(&mut self, conn: &Store) -> Result<(), StoreError> {
        let late = self.started.is_some_and(|t| t.elapsed() >= CHUNK_TIME);
        if self.open && (self.articles >= CHUNK_ARTICLES || late) {
            self.commit(conn)?;
            // Leave the lock free for longer than a waiting writer's poll (the store's busy
            // handler sleeps up to 20 ms): the next article is usually ready at once (decoded
            // and extracted ahead), and re-taking the lock at once would starve other
            // processes' writers. The decoding threads keep working meanwhile.
            std::thread::sleep(LOCK_GAP);
        }
        Ok(())
    }
}

/// An I/O error in words: permission, a link loop, or the system's own message.
fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "cannot be read: permission denied (check the file's permissions)".to_string()
        }
        _ if e.raw_os_error() == Some(libc::ELOOP) => {
            "cannot be read: it is a symbolic link that leads back to itself (a link loop)"
                .to_string()
        }
        _ => format!("cannot be read ({e})"),
    }
}

fn failed(src: &Source, record: Option<usize>, reason: String) -> FileOutcome {
    FileOutcome {
        path: src.display.clone(),
        record,
        outcome: Outcome::Failed,
        reason: Some(reason),
        article_id: None,
        headline: None,
    }
}

fn outcome(src: &Source, o: Outcome, reason: String) -> Vec<FileOutcome> {
    vec![FileOutcome {
        path: src.display.clone(),
        record: None,
        outcome: o,
        reason: Some(reason),
        article_id: None,
        headline: None,
    }]
}

/// A worker's part of one source: read, decode, parse, date, hash, and the caller's `prepare`
/// (extraction) for each article whose text `known` does not hold. Stops between records when
/// `cancel` is set.
fn prepare_source<T, F: Fn(&NewArticle) -> T>(
    src: &Source,
    cancel: &AtomicBool,
    known: &std::collections::HashSet<String>,
    prepare: &F,
) -> Vec<Item<T>> {
    let done = |v: Vec<FileOutcome>| v.into_iter().map(Item::Done).collect();
    let name = &src.shown;
    let bytes: std::borrow::Cow<'_, [u8]> = match &src.content {
        Content::Outcome(o, reason) => return done(outcome(src, *o, reason.clone())),
        Content::Bytes(b) => (*b).into(),
        Content::File(p) => match read_limited(p) {
            Ok(b) => b.into(),
            Err(reason) => return done(vec![failed(src, None, format!("{name}: {reason}"))]),
        },
    };
    if bytes.is_empty() {
        return done(vec![failed(
            src,
            None,
            format!("{name}: the file is empty"),
        )]);
    }
    let Some(format) =
        Format::from_extension(src.file_name.rsplit_once('.').map(|(_, e)| e).unwrap_or(""))
    else {
        return done(vec![failed(
            src,
            None,
            format!("{name}: not a file type Arshif imports"),
        )]);
    };
    let decoded = match decode::decode(&bytes, format == Format::Html) {
        Ok(d) => d,
        Err(reason) => return done(vec![failed(src, None, format!("{name}: {reason}"))]),
    };
    drop(bytes);
    let records = formats::parse(format, &decoded.text);
    if records.is_empty() {
        // A CSV with only a header row, an empty JSON list: still one outcome for the file.
        return done(vec![failed(
            src,
            None,
            format!("{name}: contains no articles"),
        )]);
    }
    let mut out = Vec::with_capacity(records.len());
    for rec in records {
        // A file with many records (a large CSV) can be cancelled between records too.
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let label = match rec.record {
            Some(n) => format!("{name} (record {n})"),
            None => name.clone(),
        };
        let parsed = match rec.parsed {
            Ok(p) => p,
            Err(reason) => {
                out.push(Item::Done(failed(
                    src,
                    rec.record,
                    format!("{label}: {reason}"),
                )));
                continue;
            }
        };
        let article = to_new_article(parsed, src, rec.record, decoded.encoding);
        let hash = crate::store::content_hash(&article.headline, &article.body);
        let extra = (!known.contains(&hash)).then(|| prepare(&article));
        out.push(Item::Ready(Box::new(Ready {
            record: rec.record,
            label,
            article,
            hash,
            extra,
        })));
    }
    out
}

/// The writer's part of one source: stores each ready article (in the chunk's transaction)
/// and hands a new one's id and prepared work to `stored`; one outcome per item.
fn write_items<T, F, S>(
    conn: &Store,
    src: &Source,
    items: Vec<Item<T>>,
    chunk: &mut Chunk,
    cancel: &AtomicBool,
    prepare: &F,
    stored: &mut S,
) -> Result<Vec<FileOutcome>, StoreError>
where
    F: Fn(&NewArticle) -> T,
    S: FnMut(&Store, i64, T) -> Result<(), StoreError>,
{
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let ready = match item {
            Item::Done(o) => {
                out.push(o);
                continue;
            }
            Item::Ready(r) => r,
        };
        // The batch loop then sees the flag and reports `cancelled`.
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        // Long files also release the write lock between chunks.
        chunk.commit_if_due(conn)?;
        let Ready {
            record,
            label,
            article,
            hash,
            extra,
        } = *ready;
        let note = if article.date.is_none() {
            article.date_note.clone()
        } else {
            None
        };
        let headline = Some(article.headline.clone());
        chunk.begin(conn)?;
        let o = match crate::store::articles::insert_article_hashed(conn, &article, &hash)? {
            Inserted::New(id) => {
                chunk.articles += 1;
                // Prepared by a worker unless the text was known when the batch started (and
                // deleted since): then prepared here.
                let extra = extra.unwrap_or_else(|| prepare(&article));
                stored(conn, id, extra)?;
                FileOutcome {
                    path: src.display.clone(),
                    record,
                    outcome: Outcome::Imported,
                    reason: note.map(|n| format!("undated: {n}")),
                    article_id: Some(id),
                    headline,
                }
            }
            Inserted::Duplicate {
                id,
                headline: existing,
            } => FileOutcome {
                path: src.display.clone(),
                record,
                outcome: Outcome::Duplicate,
                reason: Some(format!(
                    "{label}: same text as article {id} («{existing}»), not stored again"
                )),
                article_id: Some(id),
                headline,
            },
        };
        out.push(o);
    }
    Ok(out)
}

/// The file's bytes, refused when larger than [`MAX_FILE_BYTES`] or when it changed while it was
/// read (its size or modification time before and after the read differ, or the bytes read are
/// not as many as its size said: a file still being written or synced).
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_problem(&e))?;
    let too_large = |len: u64| {
        format!(
            "is too large to import: {:.1} MiB, larger than the {} MiB limit for one file",
            len as f64 / 1048576.0,
            MAX_FILE_BYTES / 1048576
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| io_problem(&e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte past the limit tells a file that grew beyond it while being read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_problem(&e))?;
    let after = std::fs::metadata(path).map_err(|e| io_problem(&e))?;
    let changed = after.len() != meta.len()
        || bytes.len() as u64 != meta.len()
        || after.modified().ok() != meta.modified().ok();
    if changed {
        return Err(format!(
            "changed while it was being read (its size was {} bytes, {} bytes were read); \
             import it again once it is saved",
            meta.len(),
            bytes.len()
        ));
    }
    Ok(bytes)
}

fn to_new_article(p: Parsed, src: &Source, record: Option<usize>, encoding: &str) -> NewArticle {
    let (date, date_note) = resolve_date(&p, &src.file_name);
    let lang = p
        .lang
        .as_deref()
        .and_then(lang_from_field)
        .unwrap_or_else(|| crate::text::lang::detect(&format!("{}\n{}", p.headline, p.body)));
    NewArticle {
        lang,
        outlet: p.outlet,
        url: p.url,
        author: p.author,
        tags: p.tags,
        date,
        date_note,
        source_path: Some(match record {
            Some(n) => format!("{}#{n}", src.display),
            None => src.display.clone(),
        }),
        source_encoding: Some(encoding.to_string()),
        headline: p.headline,
        body: p.body,
    }
}

/// Maps a `lang` field (`ar`, `ar-LY`, `Arabic`, `it_IT`, `English`...) to a [`Lang`]; `None`
/// when empty (then the text is detected instead).
fn lang_from_field(s: &str) -> Option<Lang> {
    let s = s.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    let code = s.split(['-', '_']).next().unwrap_or("");
    Some(match code {
        "ar" | "ara" | "arabic" | "العربية" => Lang::Ar,
        "en" | "eng" | "english" => Lang::En,
        "it" | "ita" | "italian" | "italiano" => Lang::It,
        _ => Lang::Other,
    })
}

/// The article date and the note to keep with it (see the module docs for the order).
pub fn resolve_date(p: &Parsed, file_name: &str) -> (Option<ArticleDate>, Option<String>) {
    let mut notes: Vec<String> = Vec::new();
    if let Some(raw) = p.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let parsed = parse_field_date(raw).or_else(|| crate::text::dates::parse_date(raw, None));
        match parsed {
            Some((date, precision)) => {
                let d = ArticleDate {
                    date,
                    precision,
                    source: DateSource::FrontMatter,
                };
                return (Some(d), p.date_note.clone());
            }
            None => notes.push(format!(
                "the date field «{raw}» is not a date Arshif understands"
            )),
        }
    }
    match crate::text::dates::article_date(&p.headline, &p.body, Some(file_name)) {
        Ok(d) => {
            notes.extend(p.date_note.clone());
            (Some(d), (!notes.is_empty()).then(|| notes.join("; ")))
        }
        Err(_) if let Some(f) = p.url.as_deref().and_then(crate::text::dates::date_from_url) => {
            let source = DateSource::FrontMatter; // the URL given in the front matter
            let d = ArticleDate {
                date: f.date,
                precision: f.precision,
                source,
            };
            (Some(d), p.date_note.clone())
        }
        Err(reason) => {
            if p.date.is_none() {
                notes.push("no date field".to_string());
            }
            notes.push(reason);
            notes.extend(p.date_note.clone());
            (None, Some(notes.join("; ")))
        }
    }
}

/// Machine-written dates of metadata fields: ISO 8601 (`2021-04-19`, `2021-04-19T10:00:00Z`,
/// `2021-04`, `2021`), `2021/04/19`, and RFC 2822 (`Mon, 19 Apr 2021 10:00:00 +0000`, RSS).
/// Free text ("19 aprile 2021") goes to [`crate::text::dates::parse_date`].
pub fn parse_field_date(s: &str) -> Option<(NaiveDate, DatePrecision)> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        for f in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, f) {
                let rest = &s[10..];
                if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
                    return Some((d, DatePrecision::Day));
                }
            }
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some((dt.date_naive(), DatePrecision::Day));
    }
    let b = s.as_bytes();
    if b.len() == 7 && b[4] == b'-' && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
        let (y, m) = (s[..4].parse().ok()?, s[5..].parse().ok()?);
        return NaiveDate::from_ymd_opt(y, m, 1).map(|d| (d, DatePrecision::Month));
    }
    if b.len() == 4 && b.iter().all(u8::is_ascii_digit) {
        let y: i32 = s.parse().ok()?;
        if (1800..=2200).contains(&y) {
            return NaiveDate::from_ymd_opt(y, 1, 1).map(|d| (d, DatePrecision::Year));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn field_dates() {
        assert_eq!(
            parse_field_date("2021-04-19"),
            Some((d(2021, 4, 19), DatePrecision::Day))
        );
        assert_eq!(
            parse_field_date("2021-04-19T23:10:00+02:00"),
            Some((d(2021, 4, 19), DatePrecision::Day))
        );
        assert_eq!(
            parse_field_date("2021/04/19"),
            Some((d(2021, 4, 19), DatePrecision::Day))
        );
        assert_eq!(
            parse_field_date("Mon, 19 Apr 2021 10:00:00 +0000"),
            Some((d(2021, 4, 19), DatePrecision::Day))
        );
        assert_eq!(
            parse_field_date("2021-04"),
            Some((d(2021, 4, 1), DatePrecision::Month))
        );
        assert_eq!(
            parse_field_date("2021"),
            Some((d(2021, 1, 1), DatePrecision::Year))
        );
        assert_eq!(parse_field_date("2021-13-01"), None);
        assert_eq!(parse_field_date("20210419x"), None);
        assert_eq!(parse_field_date("9999"), None);
    }

    #[test]
    fn front_matter_date_wins_and_keeps_its_note() {
        let p = Parsed {
            headline: "h".into(),
            body: "b".into(),
            date: Some("2021-04-19".into()),
            date_note: Some("from other reports".into()),
            ..Parsed::default()
        };
        let (date, note) = resolve_date(&p, "x.md");
        assert_eq!(
            date,
            Some(ArticleDate {
                date: d(2021, 4, 19),
                precision: DatePrecision::Day,
                source: DateSource::FrontMatter
            })
        );
        assert_eq!(note.as_deref(), Some("from other reports"));
    }

    #[test]
    fn unreadable_date_field_is_reported_when_undated() {
        let p = Parsed {
            headline: "h".into(),
            body: "b".into(),
            date: Some("sometime".into()),
            ..Parsed::default()
        };
        let (date, note) = resolve_date(&p, "x.md");
        // Whatever text::dates finds in "h"/"b"/"x.md" (nothing), the note names the bad field.
        assert_eq!(date, None);
        assert!(
            note.unwrap()
                .starts_with("the date field «sometime» is not a date Arshif understands; ")
        );
    }

    #[test]
    fn cancel_is_checked_between_the_records_of_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("a.sqlite")).unwrap();
        let src = Source {
            display: "rows.csv".into(),
            shown: "rows.csv".into(),
            file_name: "rows.csv".into(),
            content: Content::Bytes(b"title,body\nA,first body\nB,second body\n"),
        };
        let mut chunk = Chunk::default();
        let conn = &mut store;
        let import_source = |conn: &Store, src: &Source, chunk: &mut Chunk, cancel: &AtomicBool| {
            let items = prepare_source(src, cancel, &Default::default(), &|_| ());
            write_items(conn, src, items, chunk, cancel, &|_| (), &mut |_, _, ()| {
                Ok(())
            })
        };
        let stopped = import_source(conn, &src, &mut chunk, &AtomicBool::new(true)).unwrap();
        assert!(stopped.is_empty());
        let all = import_source(conn, &src, &mut chunk, &AtomicBool::new(false)).unwrap();
        chunk.commit(conn).unwrap();
        assert_eq!(
            all.iter()
                .map(|o| (o.record, o.outcome))
                .collect::<Vec<_>>(),
            [(Some(2), Outcome::Imported), (Some(3), Outcome::Imported)]
        );
    }

    #[test]
    fn shown_paths_are_one_line() {
        assert_eq!(shown_path("/tmp/خبر عن لقاء.txt"), "/tmp/خبر عن لقاء.txt");
        assert_eq!(
            shown_path("/tmp/a\nb\r\t\u{7}.txt"),
            "/tmp/a\\nb\\r\\t\\u{7}.txt"
        );
    }

    #[test]
    fn lang_fields() {
        assert_eq!(lang_from_field("ar-LY"), Some(Lang::Ar));
        assert_eq!(lang_from_field("Italian"), Some(Lang::It));
        assert_eq!(lang_from_field("en_GB"), Some(Lang::En));
        assert_eq!(lang_from_field("fr"), Some(Lang::Other));
        assert_eq!(lang_from_field(" "), None);
    }
}
