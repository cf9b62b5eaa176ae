//! The SQLite store on real files: setup, migrations from every version, articles, concurrency.

use crate::common;

use arshif::model::{ArticleDate, DatePrecision, DateSource, Lang};
use arshif::store::{Inserted, NewArticle, Store, content_hash, migrations};
use chrono::NaiveDate;
use common::temp_db;

fn article(headline: &str, body: &str) -> NewArticle {
    NewArticle {
        headline: headline.into(),
        body: body.into(),
        lang: Lang::Ar,
        outlet: Some("ليبيا الأحرار".into()),
        url: Some("https://example.ly/a".into()),
        author: None,
        tags: vec!["ليبيا".into(), "إيطاليا".into()],
        date: Some(ArticleDate {
            date: NaiveDate::from_ymd_opt(2021, 4, 19).unwrap(),
            precision: DatePrecision::Day,
            source: DateSource::FrontMatter,
        }),
        date_note: None,
        source_path: Some("/x/a.md".into()),
        source_encoding: Some("UTF-8".into()),
    }
}

#[test]
fn new_file_gets_wal_pages_foreign_keys_and_latest_schema() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    assert!(s.was_created());
    let c = crate::common::sql(&s);
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let page: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    assert_eq!(page, 16384);
    let fk: i64 = c
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let busy: i64 = c
        .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
        .unwrap();
    // The store's own busy handler (waits up to store::BUSY_TIMEOUT and says so once) replaces
    // SQLite's busy_timeout, which then reads 0.
    assert_eq!(busy, 0);
    assert_eq!(
        s.schema_version().unwrap(),
        migrations::latest_version() as i64
    );
    drop(s);
    let again = Store::open(&db).unwrap();
    assert!(!again.was_created());
}

#[test]
fn migrates_from_every_earlier_version_keeping_articles_searchable() {
    let latest = migrations::latest_version();
    for from in 0..latest {
        let (_d, db) = temp_db();
        {
            let mut conn = Store::open_unmigrated(&db).unwrap();
            migrations::migrations()
                .to_version(&mut conn, from)
                .unwrap();
            if from >= 1 {
                // Version 1 has the articles table: put an article in it the way v1 could.
                conn.execute(
                    "INSERT INTO articles (headline, body, lang, content_hash, imported_at)
                     VALUES ('عنوان', 'وصلت الوزيرة بطرابلس صباح اليوم', 'ar', 'h1', '2026-01-01T00:00:00Z')",
                    [],
                )
                .unwrap();
            }
        }
        let s = Store::open(&db).unwrap();
        assert_eq!(
            s.schema_version().unwrap(),
            latest as i64,
            "from version {from}"
        );
        let hits = arshif::search::search(&s, "طرابلس", 10).unwrap();
        assert_eq!(hits.len(), usize::from(from >= 1), "from version {from}");
    }
}

#[test]
fn refuses_a_file_from_a_newer_version_and_a_non_database() {
    let (d, db) = temp_db();
    {
        let s = Store::open(&db).unwrap();
        crate::common::sql(&s)
            .pragma_update(None, "user_version", 99)
            .unwrap();
    }
    let err = Store::open(&db).unwrap_err().to_string();
    assert!(
        err.contains("newer version of Arshif") && err.contains("archive.sqlite"),
        "{err}"
    );

    let junk = d.path().join("notes.sqlite");
    std::fs::write(
        &junk,
        "this is not a database, just some text that is long enough to be a header....",
    )
    .unwrap();
    let err = Store::open(&junk).unwrap_err().to_string();
    assert!(err.contains("notes.sqlite"), "{err}");
}

#[test]
fn insert_get_list_count_and_duplicates() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let a = article(
        "مباحثات في طرابلس",
        "بحث وزير الداخلية الليبية مع وزيرة الداخلية الإيطالية.",
    );
    let Inserted::New(id) = s.insert_article(&a).unwrap() else {
        panic!("not new")
    };
    // Same words, other spelling of alef/teh marbuta, extra spaces and tashkeel → duplicate.
    let b = article(
        "مباحثات فى  طرابلس",
        "بَحث وزير الداخليه الليبيه مع وزيرة الداخلية الايطالية",
    );
    assert_eq!(
        content_hash(&a.headline, &a.body),
        content_hash(&b.headline, &b.body)
    );
    assert_eq!(
        s.insert_article(&b).unwrap(),
        Inserted::Duplicate {
            id,
            headline: a.headline.clone()
        }
    );

    let got = s.article(id).unwrap().unwrap();
    assert_eq!(got.headline, a.headline);
    assert_eq!(got.body, a.body);
    assert_eq!(got.lang, Lang::Ar);
    assert_eq!(got.tags, a.tags);
    assert_eq!(got.date, a.date);
    assert_eq!(got.outlet.as_deref(), Some("ليبيا الأحرار"));
    assert_eq!(got.source_encoding.as_deref(), Some("UTF-8"));
    assert!(s.article(id + 1).unwrap().is_none());

    let mut undated = article("بلا تاريخ", "نص آخر مختلف تماما");
    undated.date = None;
    undated.date_note = Some("no date in the headline, the lead or the file name".into());
    let Inserted::New(id2) = s.insert_article(&undated).unwrap() else {
        panic!()
    };
    let got = s.article(id2).unwrap().unwrap();
    assert_eq!(got.date, None);
    assert_eq!(got.date_note, undated.date_note);
    let stored_precision: String = crate::common::sql(&s)
        .query_row(
            "SELECT date_precision FROM articles WHERE id = ?1",
            [id2],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored_precision, "unknown");

    assert_eq!(s.count_articles().unwrap(), 2);
    let list = s.list_articles(0, 10).unwrap();
    assert_eq!(list.iter().map(|a| a.id).collect::<Vec<_>>(), [id, id2]); // dated first
    let st = s.stats().unwrap();
    assert_eq!((st.articles, st.dated, st.undated), (2, 1, 1));
    assert_eq!(st.earliest.as_deref(), Some("2021-04-19"));
    assert_eq!(st.by_lang, [("ar".to_string(), 2)]);
}

#[test]
fn a_worker_connection_writes_while_another_reads() {
    let (_d, db) = temp_db();
    let reader = Store::open(&db).unwrap();
    let writer = reader.reopen().unwrap();
    let handle = std::thread::spawn(move || {
        let mut writer = writer;
        let tx = writer.transaction().unwrap();
        for i in 0..50 {
            arshif::store::insert_article(
                &tx,
                &article(&format!("عنوان {i}"), &format!("نص رقم {i} عن طرابلس")),
            )
            .unwrap();
        }
        tx.commit().unwrap();
    });
    // Reads succeed while the worker writes (WAL), and see the rows once it has committed.
    let before = reader.count_articles().unwrap();
    assert!(before == 0 || before == 50);
    handle.join().unwrap();
    assert_eq!(reader.count_articles().unwrap(), 50);
    assert_eq!(
        arshif::search::search(&reader, "طرابلس", 100)
            .unwrap()
            .len(),
        50
    );
}

#[test]
fn the_index_follows_updates_and_deletes() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let Inserted::New(id) = s
        .insert_article(&article("لقاء في مصراتة", "اجتمع الوفد في مصراتة"))
        .unwrap()
    else {
        panic!()
    };
    let find = |q: &str| arshif::search::search(&s, q, 10).unwrap().len();
    assert_eq!(find("مصراتة"), 1);
    crate::common::sql(&s).execute("UPDATE articles SET headline = 'لقاء في الزاوية', body = 'اجتمع الوفد بالزاوية' WHERE id = ?1", [id]).unwrap();
    assert_eq!((find("مصراتة"), find("الزاوية")), (0, 1));
    s.rebuild_search_index().unwrap();
    assert_eq!((find("مصراتة"), find("الزاوية")), (0, 1));
    crate::common::sql(&s)
        .execute("DELETE FROM articles WHERE id = ?1", [id])
        .unwrap();
    assert_eq!(find("الزاوية"), 0);
    crate::common::sql(&s)
        .execute(
            "INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')",
            [],
        )
        .unwrap();
}

#[test]
fn several_connections_opening_a_new_file_at_once_all_succeed() {
    let (_d, db) = temp_db();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(8));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let (db, barrier) = (db.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                Store::open(&db).map(|s| s.schema_version().unwrap())
            })
        })
        .collect();
    for h in handles {
        let v = h.join().unwrap().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v, migrations::latest_version() as i64);
    }
}

/// Another program's SQLite database (tables, schema version 0) is refused by name and left
/// byte-identical: not switched to WAL, not migrated, no Arshif table added.
#[test]
fn another_programs_database_is_refused_and_left_unchanged() {
    let (_d, db) = temp_db();
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1); CREATE TABLE notes (y);")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let err = Store::open(&db).unwrap_err().to_string();
    assert!(err.contains(&db.display().to_string()), "{err}");
    assert!(err.contains("another program's SQLite database"), "{err}");
    assert!(err.contains("notes, t"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file changed");
    assert!(!db.with_extension("sqlite-wal").exists());
    // An Arshif archive at version 0 does not exist; an empty SQLite file is still adopted.
    let (_d2, empty) = temp_db();
    drop(rusqlite::Connection::open(&empty).unwrap());
    assert_eq!(
        Store::open(&empty).unwrap().schema_version().unwrap(),
        migrations::latest_version() as i64
    );
}
