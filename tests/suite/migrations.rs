//! Migrations from EVERY earlier schema version, with data in it: the file is built with the
//! first K migrations, filled as that version's Arshif would have filled it, then opened by
//! `Store::open`, which first copies it to `ARCHIVE.before-vN.bak` and then migrates. The data
//! must all be there afterwards, searchable, and the copy must be the old file.

use crate::safety_util::{arshif_ok, counts};
use arshif::store::{Store, backup::migration_backup_path, content_hash, migrations};
use rusqlite::params;
use rusqlite_migration::Migrations;
use std::path::Path;

const HEADLINE: &str = "مباحثات بين داخلية ليبيا وإيطاليا في طرابلس";
const BODY: &str = "التقى وزير الداخلية خالد مازن وزيرة الداخلية الإيطالية لوتشيانا لامورجيزي في طرابلس اليوم لبحث الهجرة.";
const HEADLINE_2: &str = "Bathily briefs the Security Council";
const BODY_2: &str = "The envoy spoke in New York about the elections.";

/// A file at schema version `k` holding two articles (k ≥ 1), a meeting with a participant,
/// a topic and its extraction state (k ≥ 3), and the meeting's identity plus one user edit
/// (k ≥ 4).
fn old_archive(path: &Path, k: usize) {
    let mut conn = Store::open_unmigrated(path).unwrap();
    Migrations::new(migrations::all()[..k].to_vec())
        .to_latest(&mut conn)
        .unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, k as i64);
    for (h, b, date) in [
        (HEADLINE, BODY, Some("2021-04-19")),
        (HEADLINE_2, BODY_2, None),
    ] {
        conn.execute(
            "INSERT INTO articles (headline, body, lang, date, date_precision, date_source, content_hash, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '2024-01-01T00:00:00Z')",
            params![
                h,
                b,
                if h == HEADLINE { "ar" } else { "en" },
                date,
                if date.is_some() { "day" } else { "unknown" },
                date.map(|_| "dateline"),
                content_hash(h, b)
            ],
        )
        .unwrap();
    }
    if k >= 3 {
        conn.execute_batch(
            "INSERT INTO meetings (id, article_id, ordinal, kind, status, date, date_precision, place_key,
                 place_en, place_ar, confidence, extracted_at)
             VALUES (1, 1, 0, 'host', 'held', '2021-04-19', 'day', 'tripoli', 'Tripoli', 'طرابلس', 0.85,
                 '2024-01-01T00:00:00Z');
             INSERT INTO meeting_participants (meeting_id, ordinal, person_key, name_en, name_ar, as_written, side)
             VALUES (1, 0, 'khaled_mazen', 'Khaled Mazen', 'خالد مازن', 'خالد مازن', 'libya');
             INSERT INTO meeting_topics (meeting_id, topic_key, label_en, label_ar)
             VALUES (1, 'illegal_migration', 'Illegal migration', 'الهجرة غير الشرعية');
             INSERT INTO extraction_state (article_id, version, extracted_at)
             VALUES (1, 'old', '2024-01-01T00:00:00Z');",
        )
        .unwrap();
        // Evidence as versions 3 to 5 stored it: each sentence's text copied. The second span's
        // text is not the article's bytes at its range (kept as it is by migration 6). From
        // version 6 on, spans are stored as offsets.
        let evidence = if k >= 6 { evidence_v6() } else { evidence_v5() };
        conn.execute("UPDATE meetings SET evidence = ?1 WHERE id = 1", [evidence])
            .unwrap();
    }
    if k >= 4 {
        conn.execute_batch(
            r#"UPDATE meetings SET meeting_key = 'khaled_mazen+luciana_lamorgese', anchor = 0 WHERE id = 1;
               INSERT INTO edits (article_id, meeting_key, anchor, field, value, previous, created_at)
               VALUES (1, 'khaled_mazen+luciana_lamorgese', 0, 'date',
                   '{"field":"date","value":{"date":"2021-05-20","precision":"day"}}', 'null',
                   '2024-01-02T00:00:00Z');"#,
        )
        .unwrap();
    }
}

/// The article text extraction reads (headline, newline, body).
fn article_text() -> String {
    format!("{HEADLINE}\n{BODY}")
}

/// The spans of [`evidence_v5`] as version 6 stores them: byte ranges, a text only where it is
/// not the article's bytes.
fn evidence_v6() -> String {
    let start = HEADLINE.len() + 1;
    serde_json::json!([
        {"start": start, "end": article_text().len()},
        {"start": 0, "end": 4, "text": "not these bytes"},
    ])
    .to_string()
}

/// Two evidence spans with their texts, as schema versions 3 to 5 stored them: the body's first
/// sentence (exact bytes), and a span whose stored text is not the article's.
fn evidence_v5() -> String {
    let text = article_text();
    let start = HEADLINE.len() + 1;
    let end = text.len();
    serde_json::json!([
        {"start": start, "end": end, "text": &text[start..end]},
        {"start": 0, "end": 4, "text": "not these bytes"},
    ])
    .to_string()
}

#[test]
fn every_earlier_schema_version_with_data_migrates_after_a_backup() {
    let latest = migrations::latest_version();
    assert!(latest >= 4);
    for k in 1..latest {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("archive.sqlite");
        old_archive(&db, k);
        let store = Store::open(&db).unwrap_or_else(|e| panic!("from v{k}: {e}"));
        assert_eq!(store.schema_version().unwrap(), latest as i64, "from v{k}");

        // The copy made before the migration: the old version, the same articles.
        let bak = migration_backup_path(&db, latest);
        assert_eq!(
            bak.file_name().unwrap().to_str().unwrap(),
            format!("archive.sqlite.before-v{latest}.bak")
        );
        let old = Store::open_unmigrated(&bak).unwrap();
        let v: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, k as i64, "the backup of v{k} is the old file");
        let n: i64 = old
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 2);

        // The data survived.
        let a = store.article(1).unwrap().unwrap();
        assert_eq!(
            (a.headline.as_str(), a.body.as_str()),
            (HEADLINE, BODY),
            "from v{k}"
        );
        assert_eq!(a.date.unwrap().date.to_string(), "2021-04-19");
        let b = store.article(2).unwrap().unwrap();
        assert_eq!(b.headline, HEADLINE_2);
        assert!(b.date.is_none());
        let c = counts(&db);
        assert_eq!(c.articles, 2, "from v{k}");
        if k >= 3 {
            assert_eq!(
                (c.meetings, c.participants, c.topics),
                (1, 1, 1),
                "from v{k}"
            );
        }
        if k >= 4 {
            assert_eq!(c.edits, 1, "from v{k}");
        }
        if k >= 3 {
            // Migration 6: the first span's text is the article's and is not stored again; the
            // second keeps its own. Read back, both are as before.
            let sql = Store::open_unmigrated(&db).unwrap();
            let stored: String = sql
                .query_row("SELECT evidence FROM meetings WHERE id = 1", [], |r| {
                    r.get(0)
                })
                .unwrap();
            let start = HEADLINE.len() + 1;
            let end = article_text().len();
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&stored).unwrap(),
                serde_json::json!([
                    {"start": start, "end": end},
                    {"start": 0, "end": 4, "text": "not these bytes"},
                ]),
                "from v{k}"
            );
            let sources = arshif::query::meeting_sources(&store, 1).unwrap().unwrap();
            assert_eq!(
                sources.evidence,
                [
                    (start..end, BODY.to_string()),
                    (0..4, "not these bytes".to_string())
                ],
                "from v{k}"
            );
        }
        drop(store);
        // Searchable in Arabic (with clitics) and English after the migration.
        let hits = arshif_ok(&db, &["search", "والهجرة", "--json"]);
        let hits: serde_json::Value = serde_json::from_str(&hits).unwrap();
        assert_eq!(hits.as_array().unwrap().len(), 1, "from v{k}: {hits}");
        assert_eq!(hits[0]["id"], 1);
        let hits = arshif_ok(&db, &["search", "envoy", "--json"]);
        let hits: serde_json::Value = serde_json::from_str(&hits).unwrap();
        assert_eq!(hits[0]["id"], 2, "from v{k}");
        // The meetings of the old file are found again by the catch-up (timeline).
        let timeline = arshif_ok(&db, &["timeline", "--json"]);
        assert!(timeline.contains("khaled_mazen"), "from v{k}: {timeline}");
    }
}

#[test]
fn no_backup_for_a_new_an_up_to_date_or_an_empty_old_archive() {
    let latest = migrations::latest_version();
    let dir = tempfile::tempdir().unwrap();
    // New.
    let db = dir.path().join("new.sqlite");
    drop(Store::open(&db).unwrap());
    // Up to date, with data.
    drop(Store::open(&db).unwrap());
    assert!(!migration_backup_path(&db, latest).exists());
    // Old but empty.
    let empty = dir.path().join("empty.sqlite");
    let mut conn = Store::open_unmigrated(&empty).unwrap();
    Migrations::new(migrations::all()[..1].to_vec())
        .to_latest(&mut conn)
        .unwrap();
    drop(conn);
    drop(Store::open(&empty).unwrap());
    assert!(!migration_backup_path(&empty, latest).exists());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(names.len() <= 6, "{names:?}");
}
