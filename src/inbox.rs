//! The inbox folder: one folder (and its subfolders) watched for new article files, which are
//! imported as they land, by a browser's web clipper or "Save page as…", say.
//!
//! [`Inbox::start`] watches the folder (with `notify`, events debounced per path by
//! `notify-debouncer-full`) on a thread of its own that writes to the archive through an
//! [`InboxWriter`]: its own [`Store`] (`arshif import --watch`), or the writer the app's worker
//! shares, so that the app has one writer. Every settled batch goes through
//! [`crate::pipeline::import_and_extract`], exactly as the app's Import and `arshif import` do,
//! and is reported to the caller's sink as an [`InboxEvent`].
//!
//! - **Only finished files.** A file is imported once its size and modification time have stayed
//!   the same for [`InboxOptions::settle`] (default [`DEFAULT_SETTLE`]), so a file written in
//!   pieces is imported once, whole. Files whose name says they are still being written or are
//!   not articles are ignored: hidden names (`.name`, which covers editors' lock files), Office
//!   owner files (`~$name`), download and temporary names (`.part`, `.crdownload`, `.download`,
//!   `.tmp`, `.partial`, `.opdownload`: see [`TEMP_SUFFIXES`]) and any extension the importer does
//!   not read ([`crate::import::formats::EXTENSIONS`]). A file is also held back while a download
//!   beside it (`name.part`, `name.crdownload` ...) is still going: Firefox first creates the
//!   final name empty.
//! - **Files already there.** When watching starts, the files already in the folder are
//!   imported too. Those already in the archive are `duplicate` outcomes in a batch marked
//!   [`InboxBatch::startup`]; [`InboxBatch::notable`] leaves them out, so a restart does not
//!   report every old file again.
//! - **Bad files.** An empty, binary or undecodable file is a `failed` outcome whose reason names
//!   the file (the importer's message); watching goes on.
//! - **Stopping.** Dropping the [`Inbox`] stops watching: the thread ends (an import in flight
//!   stops after the current file, what was done is kept) and the sink is dropped before `drop`
//!   returns. If the folder is removed or moved away, an [`InboxEvent::Stopped`] naming it is
//!   sent and the thread ends.

use crate::import::{FileOutcome, ImportReport, Outcome};
use crate::pipeline::ImportRun;
use crate::store::Store;
use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// How long a file must stay unchanged (size and modification time) before it is imported.
pub const DEFAULT_SETTLE: Duration = Duration::from_secs(2);

/// Endings of names that browsers, download managers and editors give files still being
/// written (compared case-insensitively, after the last dot). Such files are never imported;
/// the file they turn into when renamed is.
pub const TEMP_SUFFIXES: &[&str] = &[
    "part",
    "crdownload",
    "download",
    "tmp",
    "temp",
    "partial",
    "opdownload",
    "!ut",
    "swp",
];

/// How an [`Inbox`] behaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InboxOptions {
    /// How long a file's size and modification time must stay unchanged before it is imported.
    pub settle: Duration,
    /// Import the files already in the folder when watching starts.
    pub scan_at_start: bool,
}

impl Default for InboxOptions {
    fn default() -> Self {
        Self {
            settle: DEFAULT_SETTLE,
            scan_at_start: true,
        }
    }
}

/// One settled batch of files, imported and with its meetings found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InboxBatch {
    /// The files were already in the folder when watching started (duplicates are expected).
    pub startup: bool,
    /// The importer's report: one outcome per file (or JSON/CSV record).
    pub report: ImportReport,
    /// Meetings stored by the extraction catch-up after the import.
    pub meetings_found: usize,
    /// Why the extraction catch-up failed, if it did (the articles stay pending and are read by
    /// the next catch-up).
    pub extract_error: Option<String>,
}

impl InboxBatch {
    /// The outcomes worth a line each: all of them, except `duplicate` outcomes of a startup batch
    /// (files imported on an earlier run, still in the folder).
    pub fn notable(&self) -> impl Iterator<Item = &FileOutcome> {
        self.report
            .files
            .iter()
            .filter(|f| !(self.startup && f.outcome == Outcome::Duplicate))
    }

    /// True when the archive changed (new articles, or meetings found).
    pub fn changed_archive(&self) -> bool {
        self.report.imported > 0 || self.meetings_found > 0
    }
}

/// What the inbox thread reports, in order, to the sink given to [`Inbox::start`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InboxEvent {
    /// A batch was imported.
    Batch(InboxBatch),
    /// Something went wrong but watching goes on (the archive was busy or failed for one batch,
    /// the system dropped file events and the folder was scanned again). A sentence naming the
    /// folder or file.
    Problem(String),
    /// Watching stopped on its own: the folder was removed, moved away or can no longer be read.
    /// A sentence naming the folder. No event follows.
    Stopped(String),
}

/// Why watching could not start. Each message names the folder.
#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    /// The folder does not exist.
    #[error("the inbox folder {0} does not exist")]
    Missing(PathBuf),
    /// The path is a file, not a folder.
    #[error("the inbox {0} is a file, not a folder")]
    NotAFolder(PathBuf),
    /// The system refused to watch it (permissions, too many watches: see
    /// `/proc/sys/fs/inotify/max_user_watches` on Linux).
    #[error("the inbox folder {path} cannot be watched: {source}")]
    Watch {
        /// The folder.
        path: PathBuf,
        /// The watcher's error.
        source: notify::Error,
    },
    /// The watching thread could not be started.
    #[error("the inbox folder {path} cannot be watched: {source}")]
    Thread {
        /// The folder.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
}

/// Where the inbox thread writes a settled batch: the archive's write side.
///
/// A [`Store`] is one (the inbox thread's own connection). The app passes the write connection
/// its worker shares instead (`ui::worker::Writer`), so the inbox's imports and the worker's jobs
/// take turns on one connection and the extraction catch-up never runs twice at once.
pub trait InboxWriter: Send + 'static {
    /// The archive file (for messages).
    fn archive(&self) -> PathBuf;

    /// Imports `paths` and finds their meetings with [`crate::pipeline::import_and_extract`],
    /// extracting with the archive's gazetteer ([`crate::pipeline::archive_extractor`], built per
    /// batch so an alias added meanwhile is used). `stop` is set when watching stops.
    ///
    /// # Errors
    /// A sentence naming the archive: its gazetteer additions could not be read, or the import
    /// failed (the files are tried again at their next change).
    fn import(&mut self, paths: &[PathBuf], stop: &AtomicBool) -> Result<ImportRun, String>;
}

/// [`InboxWriter::import`] on `store`, the one body every writer runs.
pub fn import_batch(
    store: &mut Store,
    paths: &[PathBuf],
    stop: &AtomicBool,
) -> Result<ImportRun, String> {
    let extractor = crate::pipeline::archive_extractor(store).map_err(|e| {
        format!(
            "the inbox could not read the archive {}: {e}",
            store.path().display()
        )
    })?;
    crate::pipeline::import_and_extract(store, &extractor, paths, &mut |_| {}, &mut |_, _| {}, stop)
        .map_err(|e| {
            format!(
                "the inbox could not import {} file(s) into the archive {}: {e}",
                paths.len(),
                store.path().display()
            )
        })
}

impl InboxWriter for Store {
    fn archive(&self) -> PathBuf {
        self.path().to_path_buf()
    }

    fn import(&mut self, paths: &[PathBuf], stop: &AtomicBool) -> Result<ImportRun, String> {
        import_batch(self, paths, stop)
    }
}

/// A watched inbox folder. Watching stops when this handle is dropped.
pub struct Inbox {
    folder: PathBuf,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inbox")
            .field("folder", &self.folder)
            .field("running", &self.is_running())
            .finish()
    }
}

impl Inbox {
    /// Starts watching `folder` (recursively), importing through `writer`: a [`Store`] (this
    /// thread's own write connection to the archive; open it with [`Store::open`] or
    /// [`crate::import::open_archive`]) or a writer shared with other work ([`InboxWriter`]). `sink` receives every [`InboxEvent`] on the inbox
    /// thread, as it happens; it must not block for long (send over a channel, print a line).
    ///
    /// The folder is being watched when this returns, so a file written afterwards is seen.
    /// With [`InboxOptions::scan_at_start`] the files already there are imported next, on the
    /// inbox thread.
    ///
    /// # Errors
    /// [`InboxError`] naming the folder: it does not exist, is a file, or cannot be watched.
    pub fn start(
        folder: &Path,
        writer: impl InboxWriter,
        options: InboxOptions,
        sink: impl FnMut(InboxEvent) + Send + 'static,
    ) -> Result<Inbox, InboxError> {
        let meta = std::fs::metadata(folder).map_err(|_| InboxError::Missing(folder.into()))?;
        if !meta.is_dir() {
            return Err(InboxError::NotAFolder(folder.into()));
        }
        // Events carry absolute, resolved paths; compare against the same form.
        let root = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        let tick = tick_for(options.settle);
        let (tx, rx) = crossbeam_channel::unbounded();
        let mut debouncer = notify_debouncer_full::new_debouncer(
            tick,
            None,
            move |r: notify_debouncer_full::DebounceEventResult| {
                let _ = tx.send(r);
            },
        )
        .map_err(|source| InboxError::Watch {
            path: folder.into(),
            source,
        })?;
        debouncer
            .watch(&root, RecursiveMode::Recursive)
            .map_err(|source| InboxError::Watch {
                path: folder.into(),
                source,
            })?;
        let stop = Arc::new(AtomicBool::new(false));
        let mut watch = Watch {
            shown: folder.to_path_buf(),
            root,
            writer: Box::new(writer),
            options,
            tick,
            stop: Arc::clone(&stop),
            pending: BTreeMap::new(),
            seen: HashMap::new(),
            sink: Box::new(sink),
        };
        let thread = std::thread::Builder::new()
            .name("arshif-inbox".into())
            .spawn(move || {
                watch.run(&rx);
                // Stop the debouncer's own thread before ours ends (dropping only flags it).
                debouncer.stop();
            })
            .map_err(|source| InboxError::Thread {
                path: folder.into(),
                source,
            })?;
        Ok(Inbox {
            folder: folder.to_path_buf(),
            stop,
            thread: Some(thread),
        })
    }

    /// The folder as given to [`Inbox::start`].
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// False once watching has stopped on its own ([`InboxEvent::Stopped`]).
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }
}

impl Drop for Inbox {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// How often pending files are checked: a quarter of the settle time, between 20 and 250 ms.
fn tick_for(settle: Duration) -> Duration {
    (settle / 4).clamp(Duration::from_millis(20), Duration::from_millis(250))
}

/// A file seen but not yet imported.
#[derive(Clone, Copy, Debug)]
struct Pending {
    size: u64,
    modified: Option<SystemTime>,
    /// When the size/time were last seen to change.
    since: Instant,
    /// Found by the scan at start (or a rescan).
    startup: bool,
}

/// The inbox thread's state.
struct Watch {
    /// The folder as the user gave it (for messages).
    shown: PathBuf,
    /// The folder, canonical (event paths are under it).
    root: PathBuf,
    writer: Box<dyn InboxWriter>,
    options: InboxOptions,
    tick: Duration,
    stop: Arc<AtomicBool>,
    pending: BTreeMap<PathBuf, Pending>,
    /// Size and time of each file when it was last imported: an event that changes neither
    /// (a read, a `touch` of the same second) does not import it again.
    seen: HashMap<PathBuf, (u64, Option<SystemTime>)>,
    sink: Box<dyn FnMut(InboxEvent) + Send>,
}

impl Watch {
    fn run(
        &mut self,
        rx: &crossbeam_channel::Receiver<notify_debouncer_full::DebounceEventResult>,
    ) {
        if self.options.scan_at_start {
            self.scan(true);
        }
        while !self.stop.load(Ordering::Relaxed) {
            let received = rx.recv_timeout(self.tick);
            // First, as the events of a removed folder are only its files going.
            if !self.root.is_dir() {
                (self.sink)(InboxEvent::Stopped(format!(
                    "the inbox folder {} was removed or moved away; watching stopped",
                    self.shown.display()
                )));
                return;
            }
            match received {
                Ok(Ok(events)) => {
                    for e in events {
                        if e.event.need_rescan() {
                            self.scan(false);
                        }
                        self.consider_event(&e.event);
                    }
                }
                Ok(Err(errors)) => {
                    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                    (self.sink)(InboxEvent::Problem(format!(
                        "watching the inbox folder {} reported: {}; looking through it again",
                        self.shown.display(),
                        text.join("; ")
                    )));
                    self.scan(false);
                }
                Err(crossbeam_channel::RecvTimeoutError::Timeout) => {}
                Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
            }
            self.import_settled();
        }
    }

    /// Adds every candidate file under the folder to the pending set. `startup`: files that have
    /// not changed for the settle time are imported at the next check.
    fn scan(&mut self, startup: bool) {
        let walker = walkdir::WalkDir::new(&self.root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !ignored_name(e.file_name()));
        let now = Instant::now();
        for entry in walker.flatten() {
            if !entry.file_type().is_file() || !self.is_candidate(entry.path()) {
                continue;
            }
            let Some((size, modified)) = stat(entry.path()) else {
                continue;
            };
            if self.seen.get(entry.path()) == Some(&(size, modified)) {
                continue;
            }
            // A file unchanged for the settle time already is not being written.
            let old = modified
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age >= self.options.settle);
            let since = if old {
                now.checked_sub(self.options.settle).unwrap_or(now)
            } else {
                now
            };
            self.pending.insert(
                entry.path().to_path_buf(),
                Pending {
                    size,
                    modified,
                    since,
                    startup,
                },
            );
        }
    }

    fn consider_event(&mut self, event: &notify::Event) {
        match event.kind {
            // Our own reads (and anyone's) are not changes.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            EventKind::Access(_) => return,
            _ => {}
        }
        for path in &event.paths {
            self.consider(path);
        }
    }

    fn consider(&mut self, path: &Path) {
        let Ok(meta) = std::fs::metadata(path) else {
            // Removed or renamed away (a `.part` becoming its final name comes as its own path).
            self.pending.remove(path);
            return;
        };
        if meta.is_dir() {
            // A folder created or moved in: its files (the watch covers it already).
            if path.starts_with(&self.root) && !self.hidden_below_root(path) {
                let walker = walkdir::WalkDir::new(path)
                    .follow_links(true)
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !ignored_name(e.file_name()));
                let files: Vec<PathBuf> = walker
                    .flatten()
                    .filter(|e| e.file_type().is_file())
                    .map(|e| e.into_path())
                    .collect();
                for f in files {
                    self.consider_file(&f);
                }
            }
            return;
        }
        self.consider_file(path);
    }

    fn consider_file(&mut self, path: &Path) {
        if !self.is_candidate(path) {
            return;
        }
        let Some((size, modified)) = stat(path) else {
            return;
        };
        if self.seen.get(path) == Some(&(size, modified)) {
            return;
        }
        let now = Instant::now();
        let entry = self.pending.entry(path.to_path_buf()).or_insert(Pending {
            size,
            modified,
            since: now,
            startup: false,
        });
        if (entry.size, entry.modified) != (size, modified) {
            entry.size = size;
            entry.modified = modified;
            entry.since = now;
        }
    }

    /// Under the folder, with no hidden or temporary component below it, and an extension the
    /// importer reads.
    fn is_candidate(&self, path: &Path) -> bool {
        if !path.starts_with(&self.root) || self.hidden_below_root(path) {
            return false;
        }
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(crate::import::formats::Format::from_extension)
            .is_some()
    }

    fn hidden_below_root(&self, path: &Path) -> bool {
        path.strip_prefix(&self.root)
            .map(|rel| rel.iter().any(ignored_name))
            .unwrap_or(true)
    }

    /// Imports the files that have settled: startup files and new ones as separate batches.
    fn import_settled(&mut self) {
        let now = Instant::now();
        let mut ready: Vec<(PathBuf, bool)> = Vec::new();
        let mut gone = Vec::new();
        for (path, p) in self.pending.iter_mut() {
            match stat(path) {
                None => gone.push(path.clone()),
                Some((size, modified)) if (size, modified) != (p.size, p.modified) => {
                    p.size = size;
                    p.modified = modified;
                    p.since = now;
                }
                Some(_) => {
                    if now.duration_since(p.since) >= self.options.settle && !download_beside(path)
                    {
                        ready.push((path.clone(), p.startup));
                    }
                }
            }
        }
        for path in gone {
            self.pending.remove(&path);
        }
        if ready.is_empty() {
            return;
        }
        for startup in [true, false] {
            let paths: Vec<PathBuf> = ready
                .iter()
                .filter(|(_, s)| *s == startup)
                .map(|(p, _)| p.clone())
                .collect();
            if paths.is_empty() || self.stop.load(Ordering::Relaxed) {
                continue;
            }
            for p in &paths {
                if let Some(pending) = self.pending.remove(p) {
                    self.seen
                        .insert(p.clone(), (pending.size, pending.modified));
                }
            }
            self.import(&paths, startup);
        }
    }

    fn import(&mut self, paths: &[PathBuf], startup: bool) {
        match self.writer.import(paths, &self.stop) {
            Ok(run) => {
                let (meetings_found, extract_error) = match run.found {
                    Ok(x) => (x.meetings, None),
                    Err(e) => (0, Some(e.to_string())),
                };
                (self.sink)(InboxEvent::Batch(InboxBatch {
                    startup,
                    report: run.import,
                    meetings_found,
                    extract_error,
                }));
            }
            Err(message) => {
                // Try these files again at the next change (or the next start).
                for p in paths {
                    self.seen.remove(p);
                }
                if self.stop.load(Ordering::Relaxed) {
                    return; // Stopping: no one is waiting for the news.
                }
                (self.sink)(InboxEvent::Problem(message));
            }
        }
    }
}

/// Size and modification time, `None` when the file is gone or unreadable.
fn stat(path: &Path) -> Option<(u64, Option<SystemTime>)> {
    let m = std::fs::metadata(path).ok()?;
    m.is_file().then(|| (m.len(), m.modified().ok()))
}

/// A name that is never an article ready to import: hidden (`.name`), an Office owner file
/// (`~$name`), or a download or temporary file ([`TEMP_SUFFIXES`]).
fn ignored_name(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    if name.starts_with('.') || name.starts_with("~$") || name.ends_with('~') {
        return true;
    }
    match name.rsplit_once('.') {
        Some((_, ext)) => TEMP_SUFFIXES.iter().any(|t| ext.eq_ignore_ascii_case(t)),
        None => false,
    }
}

/// True while a download into `path` is still going: a sibling `path.part`, `path.crdownload`
/// ... exists.
fn download_beside(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    TEMP_SUFFIXES.iter().any(|t| {
        let mut sibling = name.to_os_string();
        sibling.push(".");
        sibling.push(t);
        path.with_file_name(sibling).exists()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_and_hidden_names_are_ignored() {
        for n in [
            "a.txt.part",
            "a.html.crdownload",
            "a.txt.tmp",
            "~$a.txt",
            ".a.txt",
            "a.txt~",
            "a.md.PART",
            "page.download",
        ] {
            assert!(ignored_name(std::ffi::OsStr::new(n)), "{n}");
        }
        for n in ["a.txt", "مقال.md", "page.html", "a.b.json"] {
            assert!(!ignored_name(std::ffi::OsStr::new(n)), "{n}");
        }
    }

    #[test]
    fn tick_is_a_quarter_of_the_settle_time_within_bounds() {
        assert_eq!(tick_for(Duration::from_secs(2)), Duration::from_millis(250));
        assert_eq!(
            tick_for(Duration::from_millis(400)),
            Duration::from_millis(100)
        );
        assert_eq!(tick_for(Duration::ZERO), Duration::from_millis(20));
    }
}
