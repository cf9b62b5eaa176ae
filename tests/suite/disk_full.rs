//! Case C12, a full disk: SQLite's SQLITE_FULL (made with `PRAGMA max_page_count`, as a full
//! disk or quota gives it) in the middle of an import must give a "disk full" message naming
//! the archive, lose nothing already there, leave no half-written article or meeting, and the
//! same import must complete once space is back, without a restart or repair. Files written
//! outside the archive go through `arshif::fsutil::atomic_write` (unit tests there feed it
//! ENOSPC and /dev/full).

use crate::safety_util::{article_folder, assert_sound, counts};
use arshif::pipeline::{archive_extractor, import_and_extract};
use arshif::store::{Store, StoreError};
use std::sync::atomic::AtomicBool;

#[test]
fn a_full_disk_during_an_import_loses_nothing_and_the_import_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    let mut store = Store::open(&db).unwrap();
    let ex = archive_extractor(&store).unwrap();
    let no = AtomicBool::new(false);
    let old = import_and_extract(
        &mut store,
        &ex,
        &[crate::common::corpus()],
        &mut |_| {},
        &mut |_, _| {},
        &no,
    )
    .unwrap();
    assert_eq!(old.import.imported, 26);
    let before = counts(&db);

    // Room for a few more pages only: the disk fills during the next import.
    let now = store.set_max_pages(1).unwrap();
    assert_eq!(store.set_max_pages(now + 6).unwrap(), now + 6);
    let folder = article_folder(&dir.path().join("more"), 300);
    let err = import_and_extract(
        &mut store,
        &ex,
        &[&folder],
        &mut |_| {},
        &mut |_, _| {},
        &no,
    )
    .map(|run| run.found.map(|_| ()))
    .and_then(|r| r)
    .unwrap_err();
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("disk full while writing {}", db.display())),
        "{message}"
    );
    // The command line says the same.
    let cli = arshif::cli::CliError::from(err).to_string();
    assert!(
        cli.contains("disk full while writing") && cli.contains(db.to_str().unwrap()),
        "{cli}"
    );

    // Nothing lost, nothing half-written: the old articles and meetings all there, whole.
    assert_sound(&db, "after the disk filled");
    let mid = counts(&db);
    assert!(
        mid.articles >= before.articles && mid.articles < 326,
        "{mid:?}"
    );
    assert!(mid.meetings >= before.meetings);
    assert_eq!(mid.distinct_hashes, mid.articles);
    let c = Store::open_unmigrated(&db).unwrap();
    let old_there: i64 = c
        .query_row(
            "SELECT count(*) FROM articles WHERE source_path NOT LIKE '%/more/%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old_there, 26);

    // Space is back: the same connection (no restart) finishes the import, each article once.
    store.set_max_pages(1 << 30).unwrap();
    let run = import_and_extract(
        &mut store,
        &ex,
        &[&folder],
        &mut |_| {},
        &mut |_, _| {},
        &no,
    )
    .unwrap();
    run.found.unwrap();
    let after = counts(&db);
    assert_eq!(after.articles, 326);
    assert_eq!(after.distinct_hashes, 326);
    assert_eq!(after.extracted, 326);
    assert_sound(&db, "after the import resumed");
}

#[test]
fn a_failed_backup_names_the_file_and_leaves_nothing_behind() {
    // A failed backup leaves no file under the final name and no temporary file.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    let store = Store::open(&db).unwrap();
    let dest = dir.path().join("missing").join("b.sqlite");
    let e = store.backup_to(&dest).unwrap_err().to_string();
    assert!(
        e.contains("the folder") && e.contains("does not exist"),
        "{e}"
    );
    assert!(!dest.exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.to_string_lossy().contains(".arshif-backup-")),
        "{names:?}"
    );
}
