//! Case C12 on a REAL full disk: the archive lives on a small tmpfs, a filler file takes the
//! rest of the space, and an import and an export run into ENOSPC from the kernel (not the
//! `max_page_count` simulation of `disk_full.rs`). Mounting needs root (CAP_SYS_ADMIN), as on
//! the CI machine; elsewhere the test says it was skipped and why.
//!
//! What it checks: the import fails with "disk full while writing ARCHIVE", every article and
//! meeting already there is intact, `integrity_check` is ok, nothing half-written; an export over
//! an existing file fails with "disk full while writing FILE" and leaves the old file byte for
//! byte and no temporary file; once space is freed, the same connection completes the import,
//! each article once.

use crate::safety_util::{article_folder, assert_sound, counts};
use arshif::export::{ExportOptions, Format};
use arshif::model::Filter;
use arshif::pipeline::{archive_extractor, export_to_file, import_and_extract};
use arshif::store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts a tmpfs of `kib` KiB at `dir`; `None` when this process may not mount.
    fn mount(dir: &Path, kib: u64) -> Option<Tmpfs> {
        std::fs::create_dir_all(dir).unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kib}k,mode=0700"),
                "tmpfs",
            ])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_path_buf()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Free bytes on the file system holding `dir` (`df -B1 --output=avail`).
fn free_bytes(dir: &Path) -> u64 {
    let out = Command::new("df")
        .args(["-B1", "--output=avail"])
        .arg(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .expect("df prints the free bytes")
}

#[test]
fn a_real_full_disk_loses_nothing_and_the_import_resumes_when_space_is_freed() {
    let outer = tempfile::tempdir().unwrap();
    let disk = outer.path().join("disk");
    let Some(_mount) = Tmpfs::mount(&disk, 16 * 1024) else {
        eprintln!("skipped: this process cannot mount a tmpfs (needs root / CAP_SYS_ADMIN)");
        return;
    };
    let db = disk.join("archive.sqlite");
    let mut store = Store::open(&db).unwrap();
    let ex = archive_extractor(&store).unwrap();
    let no = AtomicBool::new(false);
    let first = import_and_extract(
        &mut store,
        &ex,
        &[crate::common::corpus()],
        &mut |_| {},
        &mut |_, _| {},
        &no,
    )
    .unwrap();
    assert_eq!(first.import.imported, 26);
    first.found.unwrap();
    let before = counts(&db);

    // An earlier export on the same disk, to be kept whole when the next one fails.
    let csv = disk.join("timeline.csv");
    export_to_file(
        &store,
        &Filter::default(),
        Format::Csv,
        &ExportOptions::default(),
        &csv,
    )
    .unwrap();
    let old_csv = std::fs::read(&csv).unwrap();
    assert!(old_csv.len() > 200, "the export has rows");

    // The articles to import come from outside the small disk.
    let folder = article_folder(&outer.path().join("more"), 300);

    // Fill the disk but ~64 KiB: the next import runs into ENOSPC.
    let filler = disk.join("filler");
    let room = free_bytes(&disk).saturating_sub(64 * 1024);
    std::fs::write(&filler, vec![0u8; room as usize]).unwrap();

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
    assert!(
        err.to_string()
            .starts_with(&format!("disk full while writing {}", db.display())),
        "{err}"
    );

    let mid = counts(&db);
    assert!(
        mid.articles >= before.articles && mid.articles < 326,
        "{mid:?}"
    );
    assert!(mid.meetings >= before.meetings, "{mid:?}");
    assert_eq!(mid.distinct_hashes, mid.articles);
    assert_sound(&db, "on the full disk");

    // The export over the old file fails on the full disk; the old file stays byte for byte.
    std::fs::write(disk.join("squeeze"), vec![0u8; free_bytes(&disk) as usize]).ok();
    let e = export_to_file(
        &store,
        &Filter::default(),
        Format::Json,
        &ExportOptions::default(),
        &csv,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("disk full while writing"), "{e}");
    assert!(e.contains("timeline.csv"), "{e}");
    assert_eq!(std::fs::read(&csv).unwrap(), old_csv);
    let names: Vec<String> = std::fs::read_dir(&disk)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut expected_files = [
        "archive.sqlite",
        "archive.sqlite-shm",
        "archive.sqlite-wal",
        "filler",
        "squeeze",
        "timeline.csv",
    ]
    .map(String::from)
    .to_vec();
    let mut seen = names.clone();
    seen.sort();
    expected_files.retain(|f| seen.contains(f));
    assert_eq!(seen, expected_files, "no temporary file left: {names:?}");

    // Space is freed: the same connection finishes the import, each article once.
    std::fs::remove_file(&filler).unwrap();
    std::fs::remove_file(disk.join("squeeze")).ok();
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
    drop(store);
    let after = counts(&db);
    assert_eq!(after.articles, 326);
    assert_eq!(after.distinct_hashes, 326);
    assert_eq!(after.extracted, 326);
    assert!(after.meetings > before.meetings);
    assert_sound(&db, "after the import resumed on the freed disk");
}
