//! `arshif backup` / `arshif restore` and `Store::backup_to`: a consistent, checked copy (also
//! while another process imports: case C10), restore refusing to overwrite without --force and
//! refusing what is not an Arshif archive, and new archives readable by their owner only.

use crate::safety_util::{Counts, arshif, arshif_ok, article_folder, assert_sound, counts};
use arshif::store::Store;
use std::path::Path;
use std::time::{Duration, Instant};

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn backup_and_restore_round_trip_with_force_and_refusals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    arshif_ok(&db, &["import", crate::common::corpus().to_str().unwrap()]);
    let before = counts(&db);
    assert_eq!(before.articles, 26);
    assert!(before.meetings > 0);

    let bak = dir.path().join("copy.sqlite");
    let out = arshif_ok(&db, &["backup", bak.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(report["articles"], 26);
    assert_eq!(
        report["schema_version"],
        arshif::store::migrations::latest_version() as i64
    );
    assert_eq!(counts(&bak), before);
    assert_sound(&bak, "the backup");
    // One file: no -wal beside the backup, and owner-only.
    assert!(!dir.path().join("copy.sqlite-wal").exists());
    #[cfg(unix)]
    assert_eq!(mode(&bak), 0o600);
    // No temporary file left in the folder.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains(".arshif-backup-")),
        "{names:?}"
    );

    // The archive changes after the backup: one more article.
    let extra = dir.path().join("extra.txt");
    std::fs::write(
        &extra,
        "Tripoli talks\n\nA new article written after the backup.\n",
    )
    .unwrap();
    arshif_ok(&db, &["import", extra.to_str().unwrap()]);
    assert_eq!(counts(&db).articles, 27);

    // Without --force: refused, naming the archive, and nothing changes.
    let out = arshif(&db, &["restore", bak.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--force") && err.contains(db.to_str().unwrap()),
        "{err}"
    );
    assert_eq!(counts(&db).articles, 27);

    // With --force: the backup's content, and the replaced archive kept beside it.
    let out = arshif_ok(&db, &["restore", bak.to_str().unwrap(), "--force"]);
    assert!(out.contains("restored"), "{out}");
    assert_eq!(counts(&db), before);
    let kept = dir.path().join("archive.sqlite.before-restore.bak");
    assert_eq!(counts(&kept).articles, 27);
    assert_sound(&db, "the restored archive");

    // Into a new path: created from the backup.
    let fresh = dir.path().join("new.sqlite");
    arshif_ok(&fresh, &["restore", bak.to_str().unwrap()]);
    assert_eq!(counts(&fresh), before);

    // Not an archive: refused, naming the file, nothing written.
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "not a database at all, just some words of a note\n").unwrap();
    let out = arshif(&db, &["restore", junk.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("notes.txt") && err.contains("not an Arshif archive"),
        "{err}"
    );
    assert_eq!(counts(&db), before);

    // From a newer Arshif: refused.
    let newer = dir.path().join("newer.sqlite");
    std::fs::copy(&bak, &newer).unwrap();
    Store::open_unmigrated(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let out = arshif(&db, &["restore", newer.to_str().unwrap(), "--force"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer version of Arshif"), "{err}");
    assert_eq!(counts(&db), before);

    // An existing backup file is not replaced without --force (it may be the only good copy).
    let bak_bytes = std::fs::read(&bak).unwrap();
    let out = arshif(&db, &["backup", bak.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{} already exists: not replaced", bak.display())),
        "{err}"
    );
    assert_eq!(std::fs::read(&bak).unwrap(), bak_bytes);
    arshif_ok(&db, &["backup", bak.to_str().unwrap(), "--force"]);

    // A backup onto the archive itself, or into a missing folder: refused, naming it.
    let out = arshif(&db, &["backup", db.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is the archive itself"));
    let out = arshif(&db, &["backup", "/no/such/folder/b.sqlite"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the folder /no/such/folder does not exist")
    );
    assert_eq!(counts(&db), before);
}

#[cfg(unix)]
#[test]
fn a_new_archive_and_its_wal_and_shm_are_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/archive.sqlite");
    let store = Store::open(&db).unwrap();
    let wal = dir.path().join("sub/archive.sqlite-wal");
    let shm = dir.path().join("sub/archive.sqlite-shm");
    assert!(wal.exists() && shm.exists());
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(&wal), 0o600);
    assert_eq!(mode(&shm), 0o600);
    drop(store);
}

/// Case C10: a backup taken while another process imports finishes (one backup step: commits
/// from the importer cannot restart it) and is a consistent snapshot.
#[test]
fn a_backup_while_another_process_imports_finishes_and_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    let first = article_folder(&dir.path().join("first"), 300);
    arshif_ok(&db, &["import", first.to_str().unwrap()]);
    let store = Store::open(&db).unwrap();
    let idle = Instant::now();
    store.backup_to(&dir.path().join("idle.sqlite")).unwrap();
    let idle = idle.elapsed();

    let more = dir.path().join("more");
    std::fs::create_dir(&more).unwrap();
    // Different numbers from the first folder's, so every file is new.
    for (i, e) in std::fs::read_dir(article_folder(&dir.path().join("src"), 1000))
        .unwrap()
        .enumerate()
    {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        std::fs::write(
            more.join(format!("{i}.txt")),
            format!("{text}\nدفعة ثانية {i}\n"),
        )
        .unwrap();
    }
    let mut child = crate::safety_util::bin()
        .arg("--db")
        .arg(&db)
        .args(["import", more.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the import is committing.
    let deadline = Instant::now() + Duration::from_secs(60);
    while store.count_articles().unwrap() <= 300 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut backups = Vec::new();
    for k in 0..3 {
        let dest = dir.path().join(format!("busy{k}.sqlite"));
        let t = Instant::now();
        let report = store.backup_to(&dest).unwrap();
        backups.push((dest, report, t.elapsed()));
    }
    let status = child.wait().unwrap();
    assert!(status.success());
    let last = counts(&db).articles;
    assert_eq!(last, 1300);
    for (dest, report, took) in &backups {
        let limit = Duration::from_secs(60).max(idle * 3);
        assert!(*took < limit, "backup took {took:?} (idle {idle:?})");
        assert_sound(dest, "a backup taken during an import");
        let c: Counts = counts(dest);
        assert_eq!(c.articles, report.articles);
        assert!((300..=1300).contains(&c.articles), "{c:?}");
        eprintln!(
            "backup during import: {} articles in {took:?} (idle: {idle:?})",
            c.articles
        );
    }
}
