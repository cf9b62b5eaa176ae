//! What a batch reads: the sources found under the paths given (folders walked in name order,
//! links followed once, hidden files ignored, unsupported types reported), and I/O errors in words.

use super::*;

/// Where a source's bytes come from.
pub(super) enum Content {
    File(PathBuf),
    Bytes(&'static [u8]),
    /// Already decided (unreadable folder, link loop, unsupported type).
    Outcome(Outcome, String),
}

pub(super) struct Source {
    /// The path as given or found (kept as the article's `source_path`).
    pub(super) display: String,
    /// The path as messages show it (control characters such as a newline escaped: see
    /// [`shown_path`]).
    pub(super) shown: String,
    pub(super) file_name: String,
    pub(super) content: Content,
}

pub(super) fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

pub(super) fn collect(path: &Path, out: &mut Vec<Source>) {
    let (display, shown, file_name) = names(path);
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
        out.push(file_source(path, true));
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
            Ok(e) if e.file_type().is_file() => out.push(file_source(e.path(), false)),
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

/// A path as a source names it: as given (kept as the article's `source_path`), as messages
/// show it ([`shown_path`]), and its file name.
fn names(path: &Path) -> (String, String, String) {
    let display = path.display().to_string();
    let shown = shown_path(&display);
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (display, shown, file_name)
}

/// A regular file as a source: read when Arshif imports its type; otherwise `failed` when the
/// user `named` it, `skipped` when it was found in a folder.
fn file_source(path: &Path, named: bool) -> Source {
    let (display, shown, file_name) = names(path);
    let content = match (ext_format(path).is_some(), named) {
        (true, _) => Content::File(path.to_path_buf()),
        (false, true) => Content::Outcome(
            Outcome::Failed,
            format!(
                "{shown}: not a file type Arshif imports (it reads {})",
                formats::EXTENSIONS
            ),
        ),
        (false, false) => Content::Outcome(
            Outcome::Skipped,
            format!(
                "{shown}: skipped, not a file type Arshif imports ({})",
                formats::EXTENSIONS
            ),
        ),
    };
    Source {
        display,
        shown,
        file_name,
        content,
    }
}

pub(super) fn ext_format(path: &Path) -> Option<Format> {
    Format::from_extension(path.extension()?.to_str()?)
}

/// An I/O error in words: permission, a link loop, or the system's own message.
pub(super) fn io_problem(e: &std::io::Error) -> String {
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
