//! Helpers shared by the integration tests: where the shared corpus is, temporary archives.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared` beside the crate (in CI the clone has it beside it; in a worktree it is a
/// symlink). Panics with a clear message when it is missing: these tests never pass silently.
pub fn shared() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    assert!(
        p.join("corpus/dev/articles").is_dir(),
        "the shared corpus is missing: expected {} (the project's shared/ folder beside this clone, \
         with corpus/dev/articles and cases/)",
        p.display()
    );
    p
}

/// The dev corpus folder.
pub fn corpus() -> PathBuf {
    shared().join("corpus/dev/articles")
}

/// The seed article file.
pub fn seed_path() -> PathBuf {
    corpus().join("000_3dc5a4347485e1da.txt")
}

/// A new archive file path in a fresh temporary folder (kept alive by the returned guard).
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("archive.sqlite");
    (dir, db)
}

/// A separate SQL connection to `store`'s file (tokenizer registered), for tests that check or
/// change the file behind the store's back (`Store::conn` is the store's own business).
pub fn sql(store: &arshif::store::Store) -> rusqlite::Connection {
    arshif::store::Store::open_unmigrated(store.path()).unwrap()
}

/// Runs the `arshif` binary on the archive `db` with `args` (`ARSHIF_DB` unset, so only `--db`
/// counts): (exit code, stdout, stderr), -1 when killed by a signal.
pub fn arshif(db: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_arshif"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ARSHIF_DB")
        .output()
        .expect("run arshif");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// One frame of the app in a kittest harness, then (outside the app's frame) a wait for the
/// answers of the reads thread the frame asked for, so `Harness::run` settles on complete
/// results: the app itself never waits on the archive, its queries answer on another thread.
#[cfg(feature = "gui")]
pub fn show_settled(ui: &mut eframe::egui::Ui, app: &mut arshif::ui::ArshifApp) {
    app.show(ui);
    if app.wait_for_reads(std::time::Duration::from_secs(60)) {
        ui.ctx().request_repaint();
    }
}

/// Steps a kittest harness may take to settle: a frame that asks the reads thread, the frame
/// that shows its answer, and the ones those lead to (an article, the correction panel).
#[cfg(feature = "gui")]
pub const SETTLE_STEPS: u64 = 16;

/// Meetings the shipped extractor finds in `text` (headline, newline, body), relative days
/// resolved against `date`.
pub fn extract_text(
    text: &str,
    date: Option<chrono::NaiveDate>,
) -> Vec<arshif::extract::ExtractedMeeting> {
    arshif::extract::Extractor::new(&arshif::gazetteer::Gazetteer::shipped()).extract(text, date)
}

/// The gazetteer ids of a meeting's known participants, sorted (an id twice stays twice).
pub fn known_ids(m: &arshif::extract::ExtractedMeeting) -> Vec<String> {
    let mut v: Vec<String> = m
        .participants
        .iter()
        .filter_map(|p| match &p.entity {
            arshif::extract::EntityRef::Known { id } => Some(id.clone()),
            _ => None,
        })
        .collect();
    v.sort();
    v
}
