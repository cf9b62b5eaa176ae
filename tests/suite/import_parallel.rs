//! The parallel import (files decoded and meetings extracted on every core, one writer) gives
//! exactly the archive of the read-back path (import, then `extract_pending` over the stored
//! text): same articles, meetings, participants, topics, groupings; cancelled in the middle it
//! keeps a consistent archive that a re-run completes exactly once; bad files keep their
//! messages.

use crate::common;

use arshif::extract::Extractor;
use arshif::gazetteer::Gazetteer;
use arshif::import::{Outcome, import_paths};
use arshif::pipeline::{extract_pending, import_and_extract};
use arshif::store::Store;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Every row the import and extraction write, timestamps left out, in a fixed order.
fn dump(store: &Store) -> Vec<String> {
    let c = common::sql(store);
    let mut out = Vec::new();
    let queries = [
        "SELECT id, headline, body, lang, outlet, url, author, tags, date, date_precision, date_source,
                date_note, source_path, source_encoding, content_hash, copy_of, hex(minhash)
         FROM articles ORDER BY id",
        "SELECT id, article_id, ordinal, kind, status, date, date_precision, date_note,
                weekday_conflict, place_key, place_en, place_ar, confidence, evidence, meeting_key,
                anchor, extracted, user_edited, hidden, event_id
         FROM meetings ORDER BY id",
        "SELECT * FROM meeting_participants ORDER BY meeting_id, ordinal",
        "SELECT * FROM meeting_topics ORDER BY meeting_id, topic_key",
        "SELECT article_id, version FROM extraction_state ORDER BY article_id",
    ];
    for q in queries {
        let mut stmt = c.prepare(q).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap();
        for row in rows {
            out.push(row.unwrap());
        }
        out.push("--".into());
    }
    out
}

fn count(store: &Store, table: &str) -> i64 {
    common::sql(store)
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// The dev corpus folders, both sets.
fn corpus_folders() -> Vec<PathBuf> {
    vec![
        common::corpus(),
        common::shared().join("corpus/dev2/articles"),
    ]
}

/// The reference: import on its own, then extraction reading every article back.
fn read_back(paths: &[PathBuf], db: &Path) -> Store {
    let mut store = Store::open(db).unwrap();
    let no = AtomicBool::new(false);
    let report = import_paths(&mut store, paths, &mut |_| {}, &no).unwrap();
    assert!(report.imported > 70, "{report:?}");
    let ex = Extractor::new(&Gazetteer::shipped());
    extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    store
}

fn parallel(
    paths: &[PathBuf],
    db: &Path,
    cancel: &AtomicBool,
) -> (Store, arshif::pipeline::ImportRun) {
    let mut store = Store::open(db).unwrap();
    let ex = Extractor::new(&Gazetteer::shipped());
    let run =
        import_and_extract(&mut store, &ex, paths, &mut |_| {}, &mut |_, _| {}, cancel).unwrap();
    (store, run)
}

#[test]
fn import_parallel_gives_the_read_back_archive() {
    let paths = corpus_folders();
    let (_a, db_a) = common::temp_db();
    let (_b, db_b) = common::temp_db();
    let reference = read_back(&paths, &db_a);
    let (store, run) = parallel(&paths, &db_b, &AtomicBool::new(false));
    let found = run.found.unwrap();
    assert_eq!(run.import.imported as i64, count(&reference, "articles"));
    assert_eq!(found.articles as i64, count(&reference, "articles"));
    assert_eq!(found.meetings as i64, count(&reference, "meetings"));
    assert!(found.meetings > 50, "{found:?}");
    assert!(!found.cancelled);
    assert_eq!(dump(&store), dump(&reference));

    // The seed's two meetings, with their exact participants and date, in the parallel archive.
    let seed_id = run
        .import
        .files
        .iter()
        .find(|f| f.path.ends_with("000_3dc5a4347485e1da.txt"))
        .and_then(|f| f.article_id)
        .expect("the seed was imported");
    let c = common::sql(&store);
    let mut stmt = c
        .prepare(
            "SELECT m.date, group_concat(p.person_key || '/' || p.country || '/' || p.side, ' ')
             FROM meetings m JOIN (SELECT * FROM meeting_participants ORDER BY person_key) p
               ON p.meeting_id = m.id
             WHERE m.article_id = ?1 GROUP BY m.id ORDER BY m.ordinal",
        )
        .unwrap();
    let mut seed: Vec<(Option<String>, String)> = stmt
        .query_map([seed_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    seed.sort();
    // Undated: the seed file has no date (tests/suite/pipeline_seed.rs dates it by hand).
    assert_eq!(
        seed,
        [
            (
                None,
                "khaled_mazen/LY/libya luciana_lamorgese/IT/europe".to_string()
            ),
            (
                None,
                "luciana_lamorgese/IT/europe mohamed_al_menfi/LY/libya".to_string()
            ),
        ]
    );
}

#[test]
fn import_parallel_cancelled_midway_is_consistent_and_completes_once() {
    let paths = corpus_folders();
    let (_a, db_a) = common::temp_db();
    let (_b, db_b) = common::temp_db();
    let reference = read_back(&paths, &db_a);

    // Cancel once 30 files are handled (the flag is read between files and records).
    let mut store = Store::open(&db_b).unwrap();
    let ex = Extractor::new(&Gazetteer::shipped());
    let cancel = AtomicBool::new(false);
    let run = import_and_extract(
        &mut store,
        &ex,
        &paths,
        &mut |p| {
            if p.done >= 30 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &mut |_, _| {},
        &cancel,
    )
    .unwrap();
    assert!(run.import.cancelled);
    let kept = count(&store, "articles");
    assert!(
        (25..=31).contains(&kept),
        "{kept} articles kept after cancelling at 30 files"
    );
    assert_eq!(run.import.imported as i64, kept);
    // Every stored article has its meetings: none is left pending, none half-written.
    assert_eq!(count(&store, "extraction_state"), kept);
    let c = common::sql(&store);
    let orphans: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM meetings WHERE article_id NOT IN (SELECT article_id FROM extraction_state)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    let found = run.found.unwrap();
    assert_eq!(found.articles as i64, kept);
    assert_eq!(found.meetings as i64, count(&store, "meetings"));
    drop(c);
    drop(store);

    // A re-run imports the rest, and the archive is the reference's.
    let (store, run) = parallel(&paths, &db_b, &AtomicBool::new(false));
    assert!(!run.import.cancelled);
    assert_eq!(run.import.duplicates as i64, kept);
    assert_eq!(
        run.import.imported as i64 + kept,
        count(&reference, "articles")
    );
    assert_eq!(dump(&store), dump(&reference));
}

#[test]
fn import_parallel_bad_files_keep_their_messages() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    let seed = std::fs::read(common::seed_path()).unwrap();
    std::fs::write(folder.join("a_seed.txt"), &seed).unwrap();
    std::fs::write(folder.join("b_empty.txt"), b"").unwrap();
    std::fs::write(folder.join("c_binary.txt"), [0u8, 1, 2, 0, 255, 0, 7, 0]).unwrap();
    std::fs::write(folder.join("d_copy.md"), &seed).unwrap();
    std::fs::write(folder.join("e_header.csv"), b"title,body\n").unwrap();
    std::fs::write(folder.join("f_image.png"), b"\x89PNG").unwrap();
    let (_d, db) = common::temp_db();
    let (store, run) = parallel(std::slice::from_ref(&folder), &db, &AtomicBool::new(false));
    let r = &run.import;
    let shown = |name: &str| folder.join(name).display().to_string();
    let outcomes: Vec<(String, Outcome)> = r
        .files
        .iter()
        .map(|f| (f.path.clone(), f.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            (shown("a_seed.txt"), Outcome::Imported),
            (shown("b_empty.txt"), Outcome::Failed),
            (shown("c_binary.txt"), Outcome::Failed),
            (shown("d_copy.md"), Outcome::Duplicate),
            (shown("e_header.csv"), Outcome::Failed),
            (shown("f_image.png"), Outcome::Skipped),
        ]
    );
    let reason = |i: usize| r.files[i].reason.clone().unwrap_or_default();
    assert_eq!(
        reason(1),
        format!("{}: the file is empty", shown("b_empty.txt"))
    );
    assert!(
        reason(2).starts_with(&format!("{}: ", shown("c_binary.txt"))),
        "{}",
        reason(2)
    );
    let seed_id = r.files[0].article_id.unwrap();
    assert_eq!(r.files[3].article_id, Some(seed_id));
    assert!(
        reason(3).starts_with(&format!(
            "{}: same text as article {seed_id} («",
            shown("d_copy.md")
        )),
        "{}",
        reason(3)
    );
    assert_eq!(
        reason(4),
        format!("{}: contains no articles", shown("e_header.csv"))
    );
    assert!(reason(5).starts_with(&format!(
        "{}: skipped, not a file type",
        shown("f_image.png")
    )));
    // The one article, extracted once: the seed's two meetings.
    let found = run.found.unwrap();
    assert_eq!((found.articles, found.meetings), (1, 2));
    assert_eq!(count(&store, "meetings"), 2);

    // The same folder through the one-file-at-a-time reference gives the same messages.
    let (_e, db2) = common::temp_db();
    let mut other = Store::open(&db2).unwrap();
    let plain = import_paths(&mut other, &[folder], &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(plain.files, run.import.files);
}

/// The snapshot of each meeting as extracted (what corrections are applied over) is not stored
/// while the row's columns hold it; read back, it is exactly the extractor's meeting.
#[test]
fn import_parallel_snapshots_read_back_exactly() {
    let (_d, db) = common::temp_db();
    let (store, run) = parallel(&[common::corpus()], &db, &AtomicBool::new(false));
    let ex = Extractor::new(&Gazetteer::shipped());
    let stored: i64 = common::sql(&store)
        .query_row(
            "SELECT COUNT(*) FROM meetings WHERE extracted IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, 0, "no snapshot stored twice");
    let mut compared = 0;
    for f in run
        .import
        .files
        .iter()
        .filter(|f| f.outcome == Outcome::Imported)
    {
        let id = f.article_id.unwrap();
        let (h, b, d, p) = arshif::store::articles::text_and_date(&store, id)
            .unwrap()
            .unwrap();
        let date = d
            .filter(|_| p == "day")
            .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").unwrap());
        let text = arshif::pipeline::article_text(&h, &b);
        let want: Vec<String> = ex
            .extract(&text, date)
            .iter()
            .map(|m| {
                serde_json::to_string(&arshif::pipeline::to_new_meeting(m, ex.gazetteer(), &text))
                    .unwrap()
            })
            .collect();
        let got: Vec<String> = arshif::store::meetings::editable_rows(&store, id)
            .unwrap()
            .into_iter()
            .map(|r| r.extracted.expect("a snapshot"))
            .collect();
        assert_eq!(got, want, "article {}", f.path);
        compared += got.len();
    }
    assert!(compared > 20, "{compared} meetings compared");
}
