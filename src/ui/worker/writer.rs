//! One writer per archive file in the app: the worker's jobs and the inbox folder's imports take
//! turns on ONE write connection ([`Writer`]), so they never write at once and the extraction
//! catch-up (at start, after an import) never runs twice side by side.
//!
//! [`Writer::for_archive`] hands out the same writer for the same file within the process (two
//! windows of one process on one archive share it too); another process (`arshif import`, a
//! second app) has its own connection, and SQLite's busy timeout and the worker's retries
//! ([`crate::ui::worker::StoreRunner`]) make it wait.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, TryLockError, Weak};

use crate::pipeline::ImportRun;
use crate::store::{Store, StoreError};

/// The archive's write connection, opened on first use, shared by whoever writes in this
/// process. Cloning shares it.
#[derive(Clone)]
pub struct Writer {
    path: PathBuf,
    slot: Arc<Slot>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").field("path", &self.path).finish()
    }
}

/// A writer's connection slot.
type Slot = Mutex<Option<Store>>;

/// The writers alive now, by archive file (canonical path).
type Registry = Mutex<HashMap<PathBuf, Weak<Slot>>>;

fn writers() -> &'static Registry {
    static WRITERS: OnceLock<Registry> = OnceLock::new();
    WRITERS.get_or_init(Default::default)
}

/// The file's canonical path, from its folder's when the file does not exist yet (a new archive
/// is the same writer before and after its creation).
fn archive_key(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir)
                .map(|d| d.join(name))
                .unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Held while writing: the connection (opened on first use).
pub struct Turn<'a> {
    path: &'a Path,
    guard: MutexGuard<'a, Option<Store>>,
}

impl Turn<'_> {
    /// The write connection, opened now if this is its first use.
    ///
    /// # Errors
    /// The store's error naming the file (it cannot be opened or migrated).
    pub fn store(&mut self) -> Result<&mut Store, StoreError> {
        if self.guard.is_none() {
            *self.guard = Some(Store::open(self.path)?);
        }
        Ok(self.guard.as_mut().expect("just opened"))
    }

    /// Takes the connection out for the length of a job (put it back with [`Self::put`]).
    pub(super) fn take(&mut self) -> Option<Store> {
        self.guard.take()
    }

    /// Puts the connection taken with [`Self::take`] back.
    pub(super) fn put(&mut self, store: Option<Store>) {
        *self.guard = store;
    }
}

impl Writer {
    /// The writer of the archive file at `path`: the one already in use in this process for that
    /// file, or a new one.
    pub fn for_archive(path: &Path) -> Writer {
        let key = archive_key(path);
        let mut map = writers().lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|_, w| w.strong_count() > 0);
        let slot = match map.get(&key).and_then(Weak::upgrade) {
            Some(slot) => slot,
            None => {
                let slot = Arc::new(Mutex::new(None));
                map.insert(key, Arc::downgrade(&slot));
                slot
            }
        };
        Writer {
            path: path.to_path_buf(),
            slot,
        }
    }

    /// The archive file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when `other` writes through the same connection.
    pub fn same(&self, other: &Writer) -> bool {
        Arc::ptr_eq(&self.slot, &other.slot)
    }

    /// Waits for the writer's turn and holds it until the [`Turn`] is dropped.
    pub fn turn(&self) -> Turn<'_> {
        Turn {
            path: &self.path,
            guard: self.slot.lock().unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// The writer's turn if no one holds it now; `None` while someone writes.
    pub fn try_turn(&self) -> Option<Turn<'_>> {
        match self.slot.try_lock() {
            Ok(guard) => Some(Turn {
                path: &self.path,
                guard,
            }),
            Err(TryLockError::Poisoned(e)) => Some(Turn {
                path: &self.path,
                guard: e.into_inner(),
            }),
            Err(TryLockError::WouldBlock) => None,
        }
    }
}

impl crate::inbox::InboxWriter for Writer {
    fn archive(&self) -> PathBuf {
        self.path.clone()
    }

    /// Waits for the worker's job to end (it holds the writer for its whole run), then imports.
    /// Stopping the inbox meanwhile gives up the wait (so the window, which joins the inbox
    /// thread when the folder changes, never waits for a long import).
    fn import(&mut self, paths: &[PathBuf], stop: &AtomicBool) -> Result<ImportRun, String> {
        let mut turn = loop {
            if let Some(t) = self.try_turn() {
                break t;
            }
            if stop.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(format!(
                    "watching stopped before the archive {} was free to write",
                    self.path.display()
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let store = turn.store().map_err(|e| e.to_string())?;
        crate::inbox::import_batch(store, paths, stop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_per_file_while_it_is_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.sqlite");
        let w1 = Writer::for_archive(&a);
        // The same file by another spelling, before and after it exists, is the same writer.
        let w2 = Writer::for_archive(&dir.path().join(".").join("a.sqlite"));
        assert!(w1.same(&w2));
        assert!(!w1.same(&Writer::for_archive(&dir.path().join("b.sqlite"))));
        let _ = w1.turn().store().unwrap();
        assert!(a.is_file());
        let w3 = Writer::for_archive(&dir.path().join(".").join("a.sqlite"));
        assert!(w1.same(&w3));
        let held = w1.turn();
        assert!(w3.try_turn().is_none(), "one turn at a time");
        drop(held);
        assert!(w3.try_turn().is_some());
    }
}
