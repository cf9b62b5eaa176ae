//! End-to-end through the real `arshif` binary: import, search, show, stats, exit codes, JSON.

use crate::common;

use common::{corpus, seed_path, shared, temp_db};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn arshif(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_arshif"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ARSHIF_DB")
        .output()
        .expect("run arshif")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stdout)))
}

#[test]
fn import_search_show_stats_end_to_end() {
    let (_d, db) = temp_db();
    let corpus = corpus();
    let out = arshif(&db, &["import", "--json", corpus.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(&out);
    assert_eq!(
        (
            r["imported"].as_u64(),
            r["duplicates"].as_u64(),
            r["failed"].as_u64()
        ),
        (Some(26), Some(0), Some(0))
    );
    let files = r["files"].as_array().unwrap();
    assert_eq!(files.len(), 26);
    let seed = files
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .ends_with("000_3dc5a4347485e1da.txt")
        })
        .unwrap();
    assert_eq!(seed["outcome"], "imported");
    let seed_id = seed["article_id"].as_i64().unwrap();

    let again = json(&arshif(
        &db,
        &["import", "--json", corpus.to_str().unwrap()],
    ));
    assert_eq!(
        (again["imported"].as_u64(), again["duplicates"].as_u64()),
        (Some(0), Some(26))
    );

    // The seed is found by طرابلس, with بطرابلس marked in its snippet.
    let out = arshif(&db, &["search", "طرابلس", "--limit", "50", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let hits = json(&out);
    let hit = hits
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"].as_i64() == Some(seed_id))
        .expect("seed found");
    assert!(
        hit["snippet"].as_str().unwrap().contains("[بطرابلس]"),
        "{}",
        hit["snippet"]
    );
    assert!(hit["snippet"].as_str().unwrap().contains("[طرابلس]"));
    assert_eq!(hit["date"], Value::Null);
    assert_eq!(
        hit["headline"],
        "مباحثات بين داخلية ليبيا وإيطاليا لدعم العلاقات الأمنية ومكافحة الهجرة غير الشرعية"
    );

    // Human output marks it too.
    let human =
        String::from_utf8(arshif(&db, &["search", "طرابلس", "--limit", "50"]).stdout).unwrap();
    assert!(human.contains("[بطرابلس]"), "{human}");

    let shown = json(&arshif(&db, &["show", &seed_id.to_string(), "--json"]));
    assert_eq!(shown["date"], Value::Null);
    let why = shown["date_note"]
        .as_str()
        .expect("the undated seed says why");
    assert!(why.starts_with("no date field; "), "{why}");
    let show = arshif(&db, &["show", &seed_id.to_string()]);
    let text = String::from_utf8(show.stdout).unwrap();
    assert!(text.contains("date:     undated"), "{text}");
    assert!(text.contains(why), "{text}");
    let seed_text = std::fs::read_to_string(seed_path()).unwrap();
    assert_eq!(
        shown["body"].as_str().unwrap(),
        seed_text.split_once('\n').unwrap().1.trim()
    );

    let stats = json(&arshif(&db, &["stats", "--json"]));
    assert_eq!(stats["articles"], 26);
    assert_eq!(stats["by_lang"]["ar"], 17);

    assert_eq!(arshif(&db, &["show", "9999"]).status.code(), Some(1));

    let out = arshif(&db, &["reindex"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("search index rebuilt for 26 articles")
    );
    let hits = json(&arshif(&db, &["search", "--json", "بطرابلس"]));
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"].as_i64() == Some(seed_id))
    );
}

#[test]
fn hostile_queries_through_the_cli_give_json_lists() {
    let (_d, db) = temp_db();
    assert_eq!(
        arshif(&db, &["import", seed_path().to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let text = std::fs::read_to_string(shared().join("cases/hostile-queries.txt")).unwrap();
    for q in text.lines() {
        let out = arshif(&db, &["search", "--json", "--", q]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{q:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(json(&out).is_array(), "{q:?}");
    }
    let found = json(&arshif(&db, &["search", "--json", "^طرابلس"]));
    assert_eq!(found.as_array().unwrap().len(), 1);
}

#[test]
fn exit_codes_for_failed_inputs_and_usage_errors() {
    let (d, db) = temp_db();
    let empty = d.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = arshif(&db, &["import", "--json", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    assert_eq!(r["failed"], 1);
    assert_eq!(r["files"][0]["outcome"], "failed");
    assert!(
        r["files"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("empty.txt: the file is empty")
    );

    assert_eq!(arshif(&db, &["search"]).status.code(), Some(2));
    assert_eq!(arshif(&db, &["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        arshif(&db, &["search", "x", "--limit", "many"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn arshif_db_environment_variable_selects_the_archive() {
    let (_d, db) = temp_db();
    let out = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .args(["import", seed_path().to_str().unwrap()])
        .env("ARSHIF_DB", &db)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.exists());
    let stats = json(&arshif(&db, &["stats", "--json"]));
    assert_eq!(stats["articles"], 1);
}

/// Without `--db` and `$ARSHIF_DB`, the archive lives in the platform data folder and a new one
/// starts with the bundled samples (the seed among them, dated).
#[cfg(target_os = "linux")]
#[test]
fn a_new_default_archive_starts_with_the_bundled_samples() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_arshif"))
            .args(args)
            .env_remove("ARSHIF_DB")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .output()
            .unwrap()
    };
    let out = run(&["stats", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats = json(&out);
    let expected = arshif::import::samples::SAMPLES.len() as u64;
    assert!(expected >= 1);
    assert_eq!(stats["articles"].as_u64(), Some(expected));
    assert_eq!(
        stats["archive"].as_str().unwrap(),
        home.path()
            .join("data/arshif/archive.sqlite")
            .to_str()
            .unwrap()
    );
    // The seed sample is the dated copy of the corpus seed: importing the .txt is a duplicate.
    let out = run(&["import", "--json", seed_path().to_str().unwrap()]);
    let r = json(&out);
    assert_eq!(r["duplicates"], 1, "{r}");
    // A second start does not import the samples again.
    assert_eq!(
        json(&run(&["stats", "--json"]))["articles"].as_u64(),
        Some(expected)
    );
}

/// A killed import keeps every committed chunk whole: the file is intact, the full-text index
/// agrees with the articles, and importing again stores exactly the rest.
#[cfg(unix)]
#[test]
fn a_killed_import_leaves_only_whole_articles() {
    let (d, db) = temp_db();
    let dir = d.path().join("many");
    std::fs::create_dir(&dir).unwrap();
    let n = 2000;
    for i in 0..n {
        let text = format!(
            "خبر رقم {i}\nوصل الوفد رقم {i} إلى طرابلس لبحث التعاون في مجال الهجرة والأمن، والتقى الوزير {i}."
        );
        std::fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .arg("--db")
        .arg(&db)
        .args(["import", "--json"])
        .arg(&dir)
        .env_remove("ARSHIF_DB")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until at least one chunk is committed (or the import is over), then kill -9. The
    // poller only reads (a read-only connection, no migrations), so it never races the importer
    // for the schema of the brand-new file.
    let committed = |db: &std::path::Path| -> i64 {
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .and_then(|c| c.query_row("SELECT count(*) FROM articles", [], |r| r.get(0)))
            .unwrap_or(0)
    };
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.success(),
                "the import ended on its own with {status}"
            );
            break;
        }
        if db.exists() && committed(&db) > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();

    let mut s = arshif::store::Store::open(&db).unwrap();
    let ok: String = crate::common::sql(&s)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    crate::common::sql(&s)
        .execute(
            "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
    let kept = s.count_articles().unwrap() as usize;
    assert!(kept >= 1 && kept <= n);
    eprintln!("killed after {kept} of {n} articles were committed");
    // Every kept article is whole and findable by its own number.
    let incomplete: i64 = crate::common::sql(&s)
        .query_row(
            "SELECT count(*) FROM articles WHERE body NOT LIKE '%والتقى الوزير%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(incomplete, 0);
    let r = arshif::import::import_paths(
        &mut s,
        &[&dir],
        &mut |_| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!((r.imported, r.duplicates, r.failed), (n - kept, kept, 0));
    assert_eq!(s.count_articles().unwrap() as usize, n);
}

#[test]
fn search_limit_zero_is_a_usage_error_not_an_empty_result() {
    let (_dir, db) = crate::common::temp_db();
    let out = arshif(&db, &["search", "طرابلس", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid value '0' for '--limit"), "{err}");
}

/// `--db` naming an empty file or another program's database: reading commands refuse with a
/// message naming the file, `import` refuses the foreign one too, and neither file changes.
#[test]
fn an_empty_file_or_another_programs_database_is_never_turned_into_an_archive() {
    let (d, _db) = temp_db();
    let empty = d.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let out = arshif(&empty, &["timeline"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no archive at") && err.contains("the file is empty"),
        "{err}"
    );
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);

    let other = d.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    for args in [
        vec!["timeline"],
        vec!["stats"],
        vec!["import", seed_path().to_str().unwrap()],
    ] {
        let out = arshif(&other, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{args:?} succeeded");
        assert!(
            err.contains("another program's SQLite database") && err.contains("other.sqlite"),
            "{args:?}: {err}"
        );
        assert_eq!(
            std::fs::read(&other).unwrap(),
            before,
            "{args:?} changed the file"
        );
    }
}

/// The last line of `search` gives the number of hits, or says the limit was reached (never the
/// limit as if it were the total).
#[test]
fn search_says_when_the_limit_cut_the_list() {
    let (_d, db) = temp_db();
    assert!(
        arshif(&db, &["import", corpus().to_str().unwrap()])
            .status
            .success()
    );
    let last = |args: &[&str]| {
        let out = arshif(&db, args);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        last(&["search", "طرابلس", "--limit", "2"]),
        "the first 2 results (--limit N shows more)"
    );
    let all = last(&["search", "طرابلس", "--limit", "500"]);
    let n: usize = all
        .strip_suffix(" results")
        .unwrap_or_else(|| panic!("{all}"))
        .parse()
        .unwrap();
    assert!((3..500).contains(&n), "{n}");
}
