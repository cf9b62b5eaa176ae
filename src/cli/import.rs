//! `arshif import` and `arshif watch`: files and the inbox folder into the archive, one line per
//! file.

use super::CliError;
use super::archive::{archive_extractor, open_or_create};
use crate::import::{self, ImportReport, Outcome, Progress};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// `arshif import PATH...`: imports, then finds the meetings in what was imported.
///
/// # Errors
/// The archive fails; [`CliError::Reported`] when some files failed (each is listed).
pub(super) fn cmd_import(db: Option<&Path>, paths: &[PathBuf], json: bool) -> Result<(), CliError> {
    let mut store = open_or_create(db)?;
    let tty = std::io::stderr().is_terminal() && !json;
    let mut progress = |p: &Progress| {
        if tty && p.total > 0 {
            eprint!("\r{}/{} files", p.done, p.total);
            let _ = std::io::stderr().flush();
        }
    };
    // Import, then find the meetings in what was imported (and in anything an earlier run left
    // pending): the same library call as the app's Import and the inbox folder.
    let ex = archive_extractor(&store)?;
    let mut finding = false;
    let mut extract_progress = |done: usize, total: usize| {
        if tty && total > 20 {
            // The first time, end the import's progress line.
            let start = if finding { "\r" } else { "\n" };
            eprint!("{start}finding meetings: {done}/{total} articles");
            let _ = std::io::stderr().flush();
            finding = true;
        }
    };
    let run = crate::pipeline::import_and_extract(
        &mut store,
        &ex,
        paths,
        &mut progress,
        &mut extract_progress,
        &AtomicBool::new(false),
    )?;
    if tty {
        eprintln!();
    }
    let report = run.import;
    let found = run.found?;
    if json {
        let mut v = serde_json::to_value(&report).expect("report serialises");
        v["meetings_found"] = json!(found.meetings);
        println!(
            "{}",
            serde_json::to_string_pretty(&v).expect("report serialises")
        );
    } else {
        print_import(&report);
        println!(
            "{} meeting{} found in {} article{} read",
            found.meetings,
            if found.meetings == 1 { "" } else { "s" },
            found.articles,
            if found.articles == 1 { "" } else { "s" }
        );
    }
    if report.failed > 0 {
        Err(CliError::Reported)
    } else {
        Ok(())
    }
}

fn print_import(r: &ImportReport) {
    for f in &r.files {
        print_outcome(f);
    }
    println!(
        "{} imported, {} duplicates, {} failed, {} skipped{}",
        r.imported,
        r.duplicates,
        r.failed,
        r.skipped,
        if r.cancelled { " (cancelled)" } else { "" }
    );
    for x in &r.exchanges {
        print_exchange(x);
    }
}

/// The corrections of an archive exchange file, as `import` prints them.
fn print_exchange(x: &import::exchange::ExchangeOutcome) {
    println!(
        "{}: {} edits applied, {} already here, {} conflicts, {} not applied; {} meetings found",
        x.path,
        x.edits_applied,
        x.edits_already_present,
        x.conflicts.len(),
        x.not_applied.len(),
        x.meetings_found
    );
    for c in &x.conflicts {
        println!("conflict   {c}");
    }
    for n in &x.not_applied {
        println!("not applied {n}");
    }
}

/// One file's outcome as `import` and `watch` print it (a second line for an imported file's note).
fn print_outcome(f: &import::FileOutcome) {
    let what = match f.outcome {
        Outcome::Imported => format!(
            "imported   #{} {}",
            f.article_id.unwrap_or_default(),
            f.headline.as_deref().unwrap_or_default()
        ),
        Outcome::Duplicate | Outcome::Failed | Outcome::Skipped => {
            format!(
                "{:<10} {}",
                f.outcome.as_str(),
                f.reason.as_deref().unwrap_or(&f.path)
            )
        }
    };
    println!("{what}");
    if f.outcome == Outcome::Imported
        && let Some(note) = &f.reason
    {
        println!("           ({note})");
    }
}

/// `arshif watch DIR`: the inbox folder without the app ([`crate::inbox`]).
///
/// # Errors
/// The archive or the folder cannot be opened; [`CliError::Reported`] when the watcher stopped
/// on its own (its message is printed).
pub(super) fn cmd_watch(
    db: Option<&Path>,
    dir: &Path,
    settle_ms: u64,
    json: bool,
) -> Result<(), CliError> {
    use crate::inbox::{Inbox, InboxEvent, InboxOptions};
    // Like `import`, `watch` creates the archive when missing.
    let store = open_or_create(db)?;
    // Ctrl+C and SIGTERM end the loop below, which stops the watcher cleanly.
    let stop = stop_on_signals();
    let (tx, rx) = crossbeam_channel::unbounded();
    let options = InboxOptions {
        settle: std::time::Duration::from_millis(settle_ms),
        ..Default::default()
    };
    let inbox = Inbox::start(dir, store, options, move |e| {
        let _ = tx.send(e);
    })
    .map_err(CliError::failed)?;
    if json {
        println!(
            "{}",
            json!({"event": "watching", "folder": dir.display().to_string()})
        );
    } else {
        eprintln!("watching {} (Ctrl+C to stop)", dir.display());
    }
    let mut result = Ok(());
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        let event = match rx.recv_timeout(std::time::Duration::from_millis(200)) {
            Ok(e) => e,
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => continue,
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
        };
        match event {
            InboxEvent::Batch(b) => print_batch(&b, json),
            InboxEvent::Problem(message) if json => {
                println!("{}", json!({"event": "problem", "message": message}));
            }
            InboxEvent::Problem(message) => eprintln!("arshif: {message}"),
            InboxEvent::Stopped(message) => {
                if json {
                    println!("{}", json!({"event": "stopped", "message": message}));
                } else {
                    eprintln!("arshif: {message}");
                }
                result = Err(CliError::Reported);
                break;
            }
        }
    }
    drop(inbox);
    if !json {
        eprintln!("stopped watching {}", dir.display());
    }
    result
}

/// Set by SIGINT (Ctrl+C) and SIGTERM once [`stop_on_signals`] has run.
static STOP_SIGNAL: AtomicBool = AtomicBool::new(false);

/// Makes Ctrl+C and SIGTERM set a flag instead of ending the process, and returns that flag
/// (Unix; elsewhere the flag is never set and Ctrl+C ends the process, which is safe: the archive
/// commits whole articles).
fn stop_on_signals() -> &'static AtomicBool {
    #[cfg(unix)]
    {
        extern "C" fn on_signal(_: libc::c_int) {
            // Only an atomic store: async-signal-safe.
            STOP_SIGNAL.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: installs a handler that only stores to an atomic (async-signal-safe).
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
    }
    &STOP_SIGNAL
}

/// One inbox batch: a line per notable outcome, then the batch's counts.
fn print_batch(b: &crate::inbox::InboxBatch, json: bool) {
    let r = &b.report;
    let quiet = b.report.files.len() - b.notable().count();
    if json {
        for f in b.notable() {
            let mut v = serde_json::to_value(f).expect("outcome serialises");
            v["event"] = json!("file");
            println!("{v}");
        }
        println!(
            "{}",
            json!({
                "event": "batch",
                "startup": b.startup,
                "imported": r.imported,
                "duplicates": r.duplicates,
                "failed": r.failed,
                "skipped": r.skipped,
                "meetings_found": b.meetings_found,
                "extract_error": b.extract_error,
            })
        );
        return;
    }
    for f in b.notable() {
        print_outcome(f);
    }
    let mut line = format!(
        "inbox: {} imported, {} failed; {} meeting{} found",
        r.imported,
        r.failed,
        b.meetings_found,
        if b.meetings_found == 1 { "" } else { "s" }
    );
    if quiet > 0 {
        line.push_str(&format!(" ({quiet} already in the archive)"));
    } else if r.duplicates > 0 {
        line.push_str(&format!(", {} duplicates", r.duplicates));
    }
    if let Some(e) = &b.extract_error {
        line.push_str(&format!("; finding meetings failed: {e}"));
    }
    println!("{line}");
}
