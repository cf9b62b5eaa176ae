//! Crash safety: the real binary is killed with SIGKILL at random moments (seeded, so a failure
//! replays) during an import of a folder, a re-extraction of the whole archive, an edit and its
//! undo, and the inbox import (`arshif watch`). After every kill the archive opens,
//! `integrity_check` is ok, the FTS index agrees with the articles, no meeting is half-written
//! and the undo history is consistent; re-running the work then completes it with everything
//! present exactly once (the same counts as an uninterrupted run).
//!
//! CI sizes (files per folder) keep each scenario near a minute; `ARSHIF_CRASH_FILES` and
//! `ARSHIF_CRASH_RUNS` make a longer recorded run (README's testing figures).

use crate::safety_util::{
    Counts, Rng, arshif, arshif_ok, article_folder, assert_sound, bin, counts,
};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Kill runs per scenario (at least 20).
fn runs() -> usize {
    env_or("ARSHIF_CRASH_RUNS", 20).max(20)
}

/// Starts `cmd`, kills it with SIGKILL after a random delay below `max`, and reaps it. Returns
/// true when the process was still running (the kill interrupted it).
fn kill_at_random(mut cmd: Command, rng: &mut Rng, max: Duration) -> bool {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn arshif");
    let delay = Duration::from_millis(rng.below(max.as_millis() as u64 + 1));
    std::thread::sleep(delay);
    let interrupted = child.try_wait().unwrap().is_none();
    let _ = child.kill(); // SIGKILL on Unix
    let _ = child.wait();
    interrupted
}

fn command(db: &Path, args: &[&str]) -> Command {
    let mut c = bin();
    c.arg("--db").arg(db).args(args);
    c
}

/// Times `args` run to completion on `db`.
fn timed(db: &Path, args: &[&str]) -> Duration {
    let t = Instant::now();
    arshif_ok(db, args);
    t.elapsed()
}

#[test]
fn import_killed_at_random_moments_then_completed() {
    let files = env_or("ARSHIF_CRASH_FILES", 300);
    let dir = tempfile::tempdir().unwrap();
    let folder = article_folder(&dir.path().join("articles"), files);
    let folder = folder.to_str().unwrap();
    let reference_db = dir.path().join("reference.sqlite");
    let full = timed(&reference_db, &["import", folder]);
    let reference: Counts = counts(&reference_db);
    assert_eq!(reference.articles, files as i64);
    let mut rng = Rng(0xA5A5_1234_0000_0001);
    let (mut interrupted, mut total) = (0, 0);
    // Groups of 5 kills on one archive, then the completing run; a fresh archive per group.
    for group in 0..runs().div_ceil(5) {
        let db = dir.path().join(format!("archive{group}.sqlite"));
        for k in 0..5 {
            total += 1;
            // Later runs of a group have less left to do: kill within the first half.
            interrupted +=
                kill_at_random(command(&db, &["import", folder]), &mut rng, full / 2) as usize;
            if db.exists() {
                assert_sound(&db, &format!("import, group {group}, kill {k}"));
                let c = counts(&db);
                assert_eq!(c.distinct_hashes, c.articles);
            }
        }
        arshif_ok(&db, &["import", folder]);
        assert_sound(&db, "import completed");
        assert_eq!(
            counts(&db),
            reference,
            "group {group}: everything exactly once"
        );
    }
    eprintln!(
        "crash safety, import of {files} files: {total} kills ({interrupted} mid-run) survived"
    );
    // Timing on a shared machine varies: at least a quarter of the kills must land mid-run.
    assert!(
        interrupted * 4 >= total,
        "only {interrupted} of {total} kills landed mid-run"
    );
}

#[test]
fn reextraction_killed_at_random_moments_keeps_edits_and_completes() {
    let files = env_or("ARSHIF_CRASH_FILES", 300).min(300);
    let dir = tempfile::tempdir().unwrap();
    let folder = article_folder(&dir.path().join("articles"), files);
    let db = dir.path().join("archive.sqlite");
    arshif_ok(&db, &["import", folder.to_str().unwrap()]);
    // One user edit: it must survive every interrupted re-extraction.
    arshif_ok(&db, &["edit", "date", "1", "2021-05-20"]);
    let reference = counts(&db);
    assert_eq!(reference.edits, 1);
    let full = timed(&db, &["reextract"]);
    assert_eq!(counts(&db), reference);
    let mut rng = Rng(0xA5A5_1234_0000_0002);
    let mut interrupted = 0;
    for k in 0..runs() {
        interrupted += kill_at_random(command(&db, &["reextract"]), &mut rng, full) as usize;
        assert_sound(&db, &format!("reextract, kill {k}"));
        let c = counts(&db);
        assert_eq!(
            (c.articles, c.edits),
            (reference.articles, 1),
            "kill {k}: articles and the edit log intact"
        );
    }
    arshif_ok(&db, &["reextract"]);
    assert_sound(&db, "reextract completed");
    assert_eq!(counts(&db), reference);
    let edited = edited_date(&db, "khaled_mazen+luciana_lamorgese");
    assert_eq!(
        edited.as_deref(),
        Some("2021-05-20"),
        "the edit is still applied"
    );
    eprintln!(
        "crash safety, reextract of {files} articles: {} kills ({interrupted} mid-run) survived",
        runs()
    );
    assert!(
        interrupted * 4 >= runs(),
        "only {interrupted} kills landed mid-run"
    );
}

/// The stored date of the meeting with this key, and the number of its active edits.
fn edited_date(db: &Path, key: &str) -> Option<String> {
    let c = arshif::store::Store::open_unmigrated(db).unwrap();
    c.query_row(
        "SELECT date FROM meetings WHERE meeting_key = ?1 AND hidden IS NULL",
        [key],
        |r| r.get(0),
    )
    .unwrap()
}

fn active_edits(db: &Path) -> i64 {
    let c = arshif::store::Store::open_unmigrated(db).unwrap();
    c.query_row(
        "SELECT count(*) FROM edits WHERE state = 'active'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn edit_and_undo_killed_at_random_moments_keep_the_history_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    arshif_ok(&db, &["import", crate::common::corpus().to_str().unwrap()]);
    let key = "khaled_mazen+luciana_lamorgese";
    assert_eq!(
        edited_date(&db, key),
        None,
        "meeting #1 is undated as extracted"
    );
    let edit_time = timed(&db, &["edit", "date", "1", "2021-05-20"]);
    let undo_time = timed(&db, &["undo"]);
    assert_eq!(edited_date(&db, key), None);
    let reference = counts(&db);
    let mut rng = Rng(0xA5A5_1234_0000_0003);
    let mut interrupted = 0;
    for k in 0..runs() {
        interrupted += kill_at_random(
            command(&db, &["edit", "date", "1", "2021-05-20"]),
            &mut rng,
            edit_time,
        ) as usize;
        interrupted += kill_at_random(command(&db, &["undo"]), &mut rng, undo_time) as usize;
        assert_sound(&db, &format!("edit/undo, kill {k}"));
        // The meeting shows the edit exactly when an edit is active.
        let active = active_edits(&db);
        let date = edited_date(&db, key);
        assert_eq!(
            date.is_some(),
            active > 0,
            "kill {k}: {active} active edits but the meeting's date is {date:?}"
        );
        // Undo everything: back to the extracted meeting.
        for _ in 0..50 {
            if active_edits(&db) == 0 {
                break;
            }
            arshif_ok(&db, &["undo"]);
        }
        assert_eq!(active_edits(&db), 0);
        assert_eq!(
            edited_date(&db, key),
            None,
            "kill {k}: undo restores the meeting"
        );
        let c = counts(&db);
        assert_eq!(
            (c.articles, c.meetings, c.participants, c.topics),
            (
                reference.articles,
                reference.meetings,
                reference.participants,
                reference.topics
            )
        );
    }
    // Redo and undo still work on the history the kills left.
    arshif_ok(&db, &["edit", "date", "1", "2021-05-20"]);
    assert_eq!(edited_date(&db, key).as_deref(), Some("2021-05-20"));
    arshif_ok(&db, &["undo"]);
    arshif_ok(&db, &["redo"]);
    assert_eq!(edited_date(&db, key).as_deref(), Some("2021-05-20"));
    eprintln!(
        "crash safety, edit + undo: {} kills ({interrupted} mid-run) survived",
        2 * runs()
    );
}

/// True when the archive at `db` exists, holds `articles` articles and has extracted them all
/// (false while it is still being created).
fn done(db: &Path, articles: i64) -> bool {
    let Ok(c) = arshif::store::Store::open_unmigrated(db) else {
        return false;
    };
    let n = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).ok();
    n("SELECT count(*) FROM articles") == Some(articles)
        && n("SELECT count(*) FROM extraction_state") == Some(articles)
}

/// Runs `arshif watch` on `inbox` until the archive holds `articles` articles, all extracted
/// (then stops it with SIGTERM); returns how long that took.
fn watch_until_done(db: &Path, inbox: &Path, articles: i64) -> Duration {
    let t = Instant::now();
    let mut child = command(
        db,
        &[
            "watch",
            inbox.to_str().unwrap(),
            "--settle-ms",
            "50",
            "--json",
        ],
    )
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    loop {
        if done(db, articles) {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(300),
            "watch did not finish"
        );
        assert!(child.try_wait().unwrap().is_none(), "watch ended early");
        std::thread::sleep(Duration::from_millis(50));
    }
    let took = t.elapsed();
    // SAFETY: sends SIGTERM to our own child process.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
    // Stopped cleanly (exit 0) or by the signal itself: the archive is checked by the caller.
    let _ = child.wait().unwrap();
    took
}

#[test]
fn inbox_import_killed_at_random_moments_then_completed() {
    let files = env_or("ARSHIF_CRASH_FILES", 300).min(300);
    let dir = tempfile::tempdir().unwrap();
    let inbox = article_folder(&dir.path().join("inbox"), files);
    let reference_db = dir.path().join("reference.sqlite");
    arshif_ok(&reference_db, &["import", inbox.to_str().unwrap()]);
    let reference = counts(&reference_db);
    let db = dir.path().join("archive.sqlite");
    let full = watch_until_done(&dir.path().join("timing.sqlite"), &inbox, files as i64);
    let mut rng = Rng(0xA5A5_1234_0000_0004);
    let mut interrupted = 0;
    for group in 0..runs().div_ceil(5) {
        let db = dir.path().join(format!("watch{group}.sqlite"));
        for k in 0..5 {
            let cmd = command(
                &db,
                &["watch", inbox.to_str().unwrap(), "--settle-ms", "50"],
            );
            interrupted += kill_at_random(cmd, &mut rng, full / 2) as usize;
            if db.exists() {
                assert_sound(&db, &format!("watch, group {group}, kill {k}"));
            }
        }
        watch_until_done(&db, &inbox, files as i64);
        assert_sound(&db, "watch completed");
        assert_eq!(
            counts(&db),
            reference,
            "group {group}: everything exactly once"
        );
    }
    let _ = arshif(&db, &["stats"]);
    eprintln!(
        "crash safety, inbox of {files} files: {} kills ({interrupted} mid-run) survived",
        runs().div_ceil(5) * 5
    );
    assert!(
        interrupted * 4 >= runs(),
        "only {interrupted} kills landed mid-run"
    );
}

#[test]
fn restore_killed_at_random_moments_leaves_the_old_or_the_new_archive_never_half() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.sqlite");
    arshif_ok(
        &small,
        &["import", crate::common::corpus().to_str().unwrap()],
    );
    let big = dir.path().join("big.sqlite");
    let folder = article_folder(&dir.path().join("articles"), 300);
    arshif_ok(&big, &["import", folder.to_str().unwrap()]);
    let db = dir.path().join("archive.sqlite");
    arshif_ok(&db, &["restore", small.to_str().unwrap()]);
    let full = timed(&db, &["restore", big.to_str().unwrap(), "--force"]);
    let mut rng = Rng(0xA5A5_1234_0000_0005);
    let mut interrupted = 0;
    for k in 0..runs() {
        let src = if k % 2 == 0 { &small } else { &big };
        let cmd = command(&db, &["restore", src.to_str().unwrap(), "--force"]);
        interrupted += kill_at_random(cmd, &mut rng, full) as usize;
        assert_sound(&db, &format!("restore, kill {k}"));
        let n = counts(&db).articles;
        assert!(
            n == 26 || n == 300,
            "kill {k}: {n} articles, half of a restore"
        );
    }
    eprintln!(
        "crash safety, restore --force: {} kills ({interrupted} mid-run) survived",
        runs()
    );
    assert!(
        interrupted * 4 >= runs(),
        "only {interrupted} kills landed mid-run"
    );
}
