//! File ▸ Back up… and Restore from backup… (issue 13): the app's worker jobs over the real
//! archive file, through the same store functions as `arshif backup` / `arshif restore`.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use arshif::ui::actions::{Blocked, Running, UserAction};
use arshif::ui::worker::{DialogPurpose, Event, Job, JobKind, StoreRunner, Summary, Worker};

use crate::common;

fn dev_articles() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn articles(db: &Path) -> i64 {
    arshif::store::Store::open(db)
        .unwrap()
        .count_articles()
        .unwrap()
}

fn run(worker: &mut Worker, job: Job) -> Summary {
    assert!(worker.submit(job));
    let events = worker.wait(Duration::from_secs(120));
    match events.last() {
        Some(Event::Finished(s)) => s.clone(),
        other => panic!("the job did not finish: {other:?}"),
    }
}

#[test]
fn back_up_then_restore_through_the_apps_worker() {
    let files = dev_articles();
    let (dir, db) = common::temp_db();
    {
        let mut store = arshif::store::Store::open(&db).unwrap();
        let no = AtomicBool::new(false);
        arshif::import::import_paths(&mut store, &files[..3], &mut |_| {}, &no).unwrap();
    }
    assert_eq!(articles(&db), 3);
    let mut worker = Worker::spawn(Box::new(StoreRunner::new(db.clone())), None);

    let backup = dir.path().join("arshif-backup-2026-12-07.sqlite");
    let s = run(
        &mut worker,
        Job::Backup {
            path: backup.clone(),
        },
    );
    assert!(s.error.is_none() && s.problems.is_empty(), "{s:?}");
    assert!(
        s.headline.starts_with("Backed up 3 articles to "),
        "{}",
        s.headline
    );
    assert!(!s.archive_changed);
    assert_eq!(articles(&backup), 3);

    // More work after the backup, then restore it: the archive is back to three articles and
    // the replaced one is kept beside it.
    let s = run(
        &mut worker,
        Job::Import {
            paths: files[3..5].to_vec(),
        },
    );
    assert!(s.error.is_none(), "{s:?}");
    assert_eq!(articles(&db), 5);
    let s = run(
        &mut worker,
        Job::Restore {
            path: backup.clone(),
        },
    );
    assert!(s.error.is_none() && s.problems.is_empty(), "{s:?}");
    assert!(s.archive_changed);
    assert_eq!(articles(&db), 3);
    let kept = arshif::ui::panels::restore::kept_as(&db);
    assert!(kept.is_file(), "{}", kept.display());
    assert_eq!(articles(&kept), 5);

    // A file that is not an archive is refused, naming it, and the archive is untouched.
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "not an archive").unwrap();
    let s = run(&mut worker, Job::Restore { path: junk.clone() });
    assert_eq!(s.problems.len(), 1, "{s:?}");
    assert!(s.problems[0].contains("notes.txt"), "{}", s.problems[0]);
    assert!(!s.archive_changed);
    assert_eq!(articles(&db), 3);
}

#[test]
fn backup_and_restore_run_once_and_restore_is_refused_read_only() {
    let backing_up = Running {
        job: Some(JobKind::Backup),
        ..Default::default()
    };
    assert_eq!(
        backing_up.blocked(UserAction::Backup),
        Some(Blocked::AlreadyRunning(UserAction::Backup))
    );
    assert_eq!(
        backing_up.blocked(UserAction::Restore),
        Some(Blocked::JobRunning(JobKind::Backup))
    );
    let choosing = Running {
        dialog: Some(DialogPurpose::Restore),
        ..Default::default()
    };
    assert_eq!(
        choosing.blocked(UserAction::Restore),
        Some(Blocked::AlreadyRunning(UserAction::Restore))
    );
    let read_only = Running {
        read_only: Some("the file is read-only".into()),
        ..Default::default()
    };
    assert!(matches!(
        read_only.blocked(UserAction::Restore),
        Some(Blocked::ReadOnly(_))
    ));
    assert_eq!(read_only.blocked(UserAction::Backup), None);
    assert_eq!(
        arshif::ui::worker::backup_file_name(chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()),
        "arshif-backup-2026-12-07.sqlite"
    );
}
