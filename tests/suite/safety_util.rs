//! Helpers of the archive-safety tests (`backup`, `crash_safety`, `concurrency`, `migrations`,
//! `disk_full`): generated article folders, the binary, a seeded RNG, the archive's soundness.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `arshif` binary under test.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_arshif"))
}

/// Runs `arshif --db DB ARGS...` and returns its output.
pub fn arshif(db: &Path, args: &[&str]) -> Output {
    bin()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run arshif")
}

/// Runs `arshif --db DB ARGS...`, asserting exit 0; returns stdout.
pub fn arshif_ok(db: &Path, args: &[&str]) -> String {
    let out = arshif(db, args);
    assert!(
        out.status.success(),
        "arshif {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Writes `n` distinct article files into `dir` (created): the dev corpus articles in turn,
/// each with its number appended (so every file has its own content hash and the dev corpus's
/// meetings). Returns `dir`.
pub fn article_folder(dir: &Path, n: usize) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut sources: Vec<PathBuf> = std::fs::read_dir(crate::common::corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    sources.sort();
    assert!(sources.len() >= 20, "the dev corpus has too few articles");
    let texts: Vec<String> = sources
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for i in 0..n {
        let text = format!("{}\n\nرقم المقال {i}\n", texts[i % texts.len()].trim_end());
        std::fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
    dir.to_path_buf()
}

/// A small seeded random number generator (xorshift64*), so a failing run can be replayed.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Counts of what the archive holds, read with plain SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    pub articles: i64,
    pub distinct_hashes: i64,
    pub meetings: i64,
    pub participants: i64,
    pub topics: i64,
    pub extracted: i64,
    pub edits: i64,
}

/// The archive's counts (opened without migrating).
pub fn counts(db: &Path) -> Counts {
    let c = arshif::store::Store::open_unmigrated(db).unwrap();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    Counts {
        articles: n("SELECT count(*) FROM articles"),
        distinct_hashes: n("SELECT count(DISTINCT content_hash) FROM articles"),
        meetings: n("SELECT count(*) FROM meetings"),
        participants: n("SELECT count(*) FROM meeting_participants"),
        topics: n("SELECT count(*) FROM meeting_topics"),
        extracted: n("SELECT count(*) FROM extraction_state"),
        edits: n("SELECT count(*) FROM edits"),
    }
}

/// Asserts the archive at `db` opens and is sound: `integrity_check` ok, no dangling foreign
/// key, every article indexed for search exactly once and the FTS index's own check passing,
/// and no meeting half-written (every extracted meeting has its participant rows). Articles
/// not yet (re-)extracted are pending, which is allowed. `what` names the run in the message.
pub fn assert_sound(db: &Path, what: &str) {
    let store = arshif::store::Store::open(db)
        .unwrap_or_else(|e| panic!("{what}: the archive does not open: {e}"));
    drop(store);
    let s = arshif::store::backup::soundness(db).unwrap();
    assert_eq!(s.integrity, ["ok"], "{what}: integrity_check");
    assert_eq!(s.foreign_key_problems, 0, "{what}: foreign_key_check");
    assert_eq!(s.indexed, s.articles, "{what}: articles indexed for search");
    assert!(
        s.fts_ok,
        "{what}: the FTS index disagrees with the articles"
    );
    let c = arshif::store::Store::open_unmigrated(db).unwrap();
    let bare: i64 = c
        .query_row(
            "SELECT count(*) FROM meetings m WHERE m.hidden IS NULL AND m.meeting_key NOT LIKE 'user:%'
             AND NOT EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = m.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bare, 0, "{what}: meetings without their participants");
}
