//! Concurrency: two `arshif import` processes of one folder into one archive while this thread
//! searches, filters and reads the timeline without pause on its own connection, and `arshif
//! timeline` (which writes: it catches extraction up) runs as a third process now and then.
//! No "database is locked" may reach anyone, every article is stored exactly once and
//! extracted, and the archive is sound. Query latencies are recorded (printed) and asserted
//! loosely: the 100 ms target is a measurement, not a timed unit test.

use crate::safety_util::{arshif_ok, article_folder, assert_sound, bin, counts};
use arshif::model::filter::Filter;
use arshif::store::Store;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Files in the imported folder: 500 in CI (on a loaded machine the three processes' duplicated
/// extraction work made 2,000 take over 10 minutes); `ARSHIF_CONCURRENCY_FILES=2000` is the
/// issue's size, recorded in README.
fn files() -> usize {
    std::env::var("ARSHIF_CONCURRENCY_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500)
}

#[test]
fn two_imports_and_a_reader_never_see_database_is_locked() {
    let n = files();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    let folder = article_folder(&dir.path().join("inbox"), n);
    // The archive exists first (the reader's connection), with a few articles to find.
    arshif_ok(&db, &["import", crate::common::corpus().to_str().unwrap()]);
    let reader = Store::open(&db).unwrap();

    let spawn = || {
        bin()
            .arg("--db")
            .arg(&db)
            .args(["import", folder.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let started = Instant::now();
    let first = spawn();
    let mut second = None;
    // Spawned once: the second import may finish before the first (it finds most files
    // already stored), and its empty slot must not start a third.
    let mut second_spawned = false;
    let mut children_done = false;
    let mut latencies: Vec<Duration> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    let mut cli_runs = 0;
    let filters = [
        Filter::default(),
        Filter {
            text: Some("الهجرة".into()),
            ..Filter::default()
        },
        Filter {
            officials: ["khaled_mazen".to_string()].into(),
            ..Filter::default()
        },
    ];
    let mut first = Some(first);
    let mut outputs = Vec::new();
    let mut i = 0usize;
    while !children_done {
        i += 1;
        if !second_spawned
            && (reader.count_articles().unwrap() > 26 || started.elapsed() > Duration::from_secs(5))
        {
            second = Some(spawn());
            second_spawned = true;
        }
        let t = Instant::now();
        let r: Result<(), String> = match i % 4 {
            0 => arshif::search::search(&reader, "ليبيا", 20)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            1 => arshif::query::timeline(&reader, &filters[i / 4 % 3])
                .map(|_| ())
                .map_err(|e| e.to_string()),
            2 => arshif::query::facets(&reader, &filters[i / 4 % 3])
                .map(|_| ())
                .map_err(|e| e.to_string()),
            _ => reader.stats().map(|_| ()).map_err(|e| e.to_string()),
        };
        latencies.push(t.elapsed());
        if let Err(e) = r {
            failures.push(e);
        }
        // Now and then a third process that reads (and catches extraction up: it writes).
        if i.is_multiple_of(200) {
            let out = bin()
                .arg("--db")
                .arg(&db)
                .args(["timeline", "--json", "--official", "khaled_mazen"])
                .output()
                .unwrap();
            cli_runs += 1;
            if !out.status.success() {
                failures.push(format!(
                    "arshif timeline: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
        for slot in [&mut first, &mut second] {
            if let Some(child) = slot
                && child.try_wait().unwrap().is_some()
            {
                outputs.push(slot.take().unwrap().wait_with_output().unwrap());
            }
        }
        children_done = second_spawned && first.is_none() && second.is_none();
        assert!(
            started.elapsed() < Duration::from_secs(900),
            "the imports did not finish in 15 minutes"
        );
    }
    let took = started.elapsed();
    assert_eq!(outputs.len(), 2, "exactly two imports ran");
    for out in &outputs {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "an import failed: {err}");
        assert!(!err.contains("locked"), "{err}");
    }
    let waited = outputs
        .iter()
        .filter(|o| {
            String::from_utf8_lossy(&o.stderr).contains("waiting for another Arshif process")
        })
        .count();
    latencies.sort();
    let max = *latencies.last().unwrap();
    let p99 = latencies[latencies.len() * 99 / 100];
    let over = latencies
        .iter()
        .filter(|d| **d > Duration::from_millis(100))
        .count();
    eprintln!(
        "concurrency: {n} files imported twice at once in {took:?}; {} queries ({cli_runs} CLI runs) \
         with 0 failures allowed, {} failed; max {max:?}, p99 {p99:?}, {over} over 100 ms; \
         {waited} import(s) said they waited",
        latencies.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:?}");
    // Readers never wait for the writers (WAL): even a debug build on a busy machine stays
    // far below the writers' lock times; loose bound, the figure above is the measurement.
    assert!(max < Duration::from_secs(3), "slowest query {max:?}");
    drop(reader);
    let c = counts(&db);
    assert_eq!(c.articles, n as i64 + 26, "{c:?}");
    assert_eq!(c.distinct_hashes, c.articles);
    assert_eq!(c.extracted, c.articles, "every article extracted");
    assert_sound(&db, "after two concurrent imports");
}

/// A writer waiting for another writer waits (no error) and says so once on stderr.
#[test]
fn an_import_waits_for_another_writer_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.sqlite");
    arshif_ok(
        &db,
        &["import", crate::common::seed_path().to_str().unwrap()],
    );
    let folder = article_folder(&dir.path().join("more"), 30);
    let holder = Store::open(&db).unwrap();
    holder.begin_immediate().unwrap();
    let mut child = bin()
        .arg("--db")
        .arg(&db)
        .args(["import", folder.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The child's stderr, read as it comes: the lock is released once the child says it waits
    // (a fixed sleep raced the child's start-up on a loaded machine).
    let stderr = child.stderr.take().unwrap();
    let said = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let reader = {
        let said = said.clone();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr).lines() {
                let line = line.unwrap();
                let mut s = said.lock().unwrap();
                s.push_str(&line);
                s.push('\n');
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(50);
    while !said
        .lock()
        .unwrap()
        .contains("waiting for another Arshif process")
    {
        assert!(
            Instant::now() < deadline,
            "the import never said it waits: {}",
            said.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    holder.commit().unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let err = said.lock().unwrap().clone();
    assert!(status.success(), "{err}");
    assert_eq!(
        err.matches("waiting for another Arshif process").count(),
        1,
        "{err}"
    );
    assert_eq!(counts(&db).articles, 31);
}
