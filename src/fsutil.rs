//! Writing a file so that a failure never leaves half of it under its final name: every file
//! Arshif writes outside the archive (exports, the exchange file; backups do the same in
//! [`crate::store::backup`]) goes through [`atomic_write`].
//!
//! The bytes go to a temporary file in the destination's folder (same file system, so the
//! rename is atomic), which is flushed, fsynced and renamed over the final name; the folder is
//! then fsynced so the rename survives a power cut. On any error the temporary file is removed
//! and an earlier file under the final name keeps its content. A full disk (ENOSPC, or a quota)
//! is reported as such, naming the file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why [`atomic_write`] failed; each names the destination file. `E` is the content writer's
/// own error.
#[derive(Debug, thiserror::Error)]
pub enum WriteFileError<E: std::error::Error + 'static> {
    /// The disk (or the user's quota) is full.
    #[error(
        "disk full while writing {}: free some space there and try again (nothing was written \
         under that name; an earlier file there is unchanged)",
        path.display()
    )]
    DiskFull { path: PathBuf },
    /// The destination's folder does not exist.
    #[error("cannot write {}: the folder {} does not exist", path.display(), dir.display())]
    NoFolder { path: PathBuf, dir: PathBuf },
    /// Creating, writing, syncing or renaming the file failed.
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// The content writer failed (not for lack of space).
    #[error("cannot write {}: {source}", path.display())]
    Content { path: PathBuf, source: E },
}

/// True when `e` says the disk or the quota is full.
pub fn is_disk_full(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

/// True when `e` or an error in its `source()` chain is an I/O error saying the disk is full.
fn chain_is_full(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(e) = cur {
        if e.downcast_ref::<io::Error>().is_some_and(is_disk_full) {
            return true;
        }
        cur = e.source();
    }
    false
}

/// A writer that remembers whether the file system said it was full (the content writer's own
/// error may wrap the I/O error out of sight, e.g. inside a CSV error).
struct Watch<W> {
    inner: W,
    full: bool,
}

impl<W: Write> Write for Watch<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner
            .write(buf)
            .inspect_err(|e| self.full |= is_disk_full(e))
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner
            .flush()
            .inspect_err(|e| self.full |= is_disk_full(e))
    }
}

/// Writes the file `path` with `content` (given a buffered writer) atomically, as the module
/// says; returns what `content` returned.
///
/// # Errors
/// [`WriteFileError::DiskFull`] when the disk fills (at any step: writing, flushing, syncing);
/// [`WriteFileError::NoFolder`]; [`WriteFileError::Io`]; [`WriteFileError::Content`] for the
/// writer's own failures. In every case `path` is untouched and no temporary file is left.
pub fn atomic_write<T, E: std::error::Error + 'static>(
    path: &Path,
    content: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, WriteFileError<E>> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(WriteFileError::NoFolder {
            path: path.to_path_buf(),
            dir,
        });
    }
    let io_err = |source: io::Error| match is_disk_full(&source) {
        true => WriteFileError::DiskFull {
            path: path.to_path_buf(),
        },
        false => WriteFileError::Io {
            path: path.to_path_buf(),
            source,
        },
    };
    // Removed when dropped, i.e. on every early return below.
    let tmp = tempfile::Builder::new()
        .prefix(".arshif-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io_err)?;
    let mut out = Watch {
        inner: io::BufWriter::new(tmp),
        full: false,
    };
    let value = match content(&mut out) {
        Ok(v) => v,
        Err(source) if out.full || chain_is_full(&source) => {
            drop(source);
            return Err(WriteFileError::DiskFull {
                path: path.to_path_buf(),
            });
        }
        Err(source) => {
            return Err(WriteFileError::Content {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    out.flush().map_err(io_err)?;
    let tmp = out.inner.into_inner().map_err(|e| io_err(e.into_error()))?;
    tmp.as_file().sync_all().map_err(io_err)?;
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        std::fs::write(&path, "old report").unwrap();
        let r: Result<(), WriteFileError<io::Error>> = atomic_write(&path, |w| {
            w.write_all(&[b'x'; 100_000])?;
            // What a write into a full file system returns.
            Err(io::Error::from_raw_os_error(28)) // ENOSPC
        });
        // The writer's own error carries ENOSPC: reported as a full disk, naming the file.
        let e = r.unwrap_err();
        assert!(matches!(&e, WriteFileError::DiskFull { .. }), "{e:?}");
        assert!(
            e.to_string()
                .starts_with(&format!("disk full while writing {}", path.display())),
            "{e}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old report");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writing_to_dev_full_is_reported_as_disk_full_naming_the_file() {
        // /dev/full fails every write with ENOSPC: the Watch wrapper sees it.
        let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
            panic!("/dev/full is missing: this test needs Linux");
        };
        let mut w = Watch {
            inner: full,
            full: false,
        };
        let e = w.write_all(b"some bytes").unwrap_err();
        assert!(is_disk_full(&e), "{e:?}");
        assert!(w.full);
    }

    #[test]
    fn a_missing_folder_is_named() {
        let r: Result<(), WriteFileError<io::Error>> =
            atomic_write(Path::new("/no/such/folder/x.csv"), |_| Ok(()));
        assert_eq!(
            r.unwrap_err().to_string(),
            "cannot write /no/such/folder/x.csv: the folder /no/such/folder does not exist"
        );
    }

    #[test]
    fn a_good_write_replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let n: usize = atomic_write(&path, |w| w.write_all(b"new").map(|_| 3)).unwrap();
        assert_eq!(n, 3);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
