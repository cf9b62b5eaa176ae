//! Import on real files: the dev corpus, re-encodings, bad files, formats, samples, cancel.

use crate::common;

use arshif::import::{self, ImportReport, Outcome, Progress, import_paths};
use arshif::model::{DatePrecision, DateSource, Lang};
use arshif::store::Store;
use common::{corpus, seed_path, temp_db};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

fn run(store: &mut Store, paths: &[PathBuf]) -> ImportReport {
    import_paths(store, paths, &mut |_| {}, &AtomicBool::new(false)).unwrap()
}

fn seed_text() -> String {
    std::fs::read_to_string(seed_path()).expect("seed article")
}

#[test]
fn dev_corpus_imports_26_then_26_duplicates_and_the_seed_says_why_it_is_undated() {
    let (_d, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let r = import_paths(
        &mut s,
        &[corpus()],
        &mut |p: &Progress| calls.push((p.done, p.total)),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(
        (r.imported, r.duplicates, r.failed, r.skipped),
        (26, 0, 0, 0),
        "{:#?}",
        r.files
    );
    assert_eq!(s.count_articles().unwrap(), 26);
    assert_eq!(calls.first(), Some(&(0, 26)));
    assert_eq!(calls.last(), Some(&(26, 26)));
    assert_eq!(calls.len(), 27);

    let seed = r
        .files
        .iter()
        .find(|f| f.path.ends_with("000_3dc5a4347485e1da.txt"))
        .unwrap();
    let a = s.article(seed.article_id.unwrap()).unwrap().unwrap();
    let text = seed_text();
    let (headline, body) = text.split_once('\n').unwrap();
    assert_eq!(a.headline, headline);
    assert_eq!(a.body, body.trim());
    assert_eq!(a.lang, Lang::Ar);
    assert_eq!(a.date, None);
    let note = a.date_note.unwrap();
    assert!(note.starts_with("no date field; "), "{note}");
    assert_eq!(
        seed.reason.as_deref(),
        Some(format!("undated: {note}").as_str())
    );

    let langs = s.stats().unwrap().by_lang;
    assert_eq!(
        langs.iter().find(|(l, _)| l == "ar").map(|(_, n)| *n),
        Some(17)
    );

    let again = run(&mut s, &[corpus()]);
    assert_eq!((again.imported, again.duplicates, again.failed), (0, 26, 0));
    assert!(again.files.iter().all(|f| {
        f.reason
            .as_deref()
            .unwrap()
            .contains("same text as article")
    }));
    assert_eq!(s.count_articles().unwrap(), 26);
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn seed_reencoded_as_windows_1256_and_utf16_is_the_same_text() {
    let (d, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let text = seed_text();
    let first = run(&mut s, &[seed_path()]);
    assert_eq!(first.imported, 1);
    let original = s
        .article(first.files[0].article_id.unwrap())
        .unwrap()
        .unwrap();

    let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(
        !unmappable,
        "the seed has characters windows-1256 cannot hold"
    );
    let mut utf16le = vec![0xFF, 0xFE];
    utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut utf8bom = vec![0xEF, 0xBB, 0xBF];
    utf8bom.extend_from_slice(text.as_bytes());
    let files = [
        (write(d.path(), "seed-1256.txt", &cp1256), "windows-1256"),
        (write(d.path(), "seed-utf16le.txt", &utf16le), "UTF-16LE"),
        (write(d.path(), "seed-bom.txt", &utf8bom), "UTF-8"),
    ];
    for (path, encoding) in &files {
        // Imported into a fresh archive, the text is identical to the UTF-8 original...
        let (_d2, db2) = temp_db();
        let mut fresh = Store::open(&db2).unwrap();
        let r = run(&mut fresh, std::slice::from_ref(path));
        assert_eq!(r.imported, 1, "{path:?}: {:?}", r.files);
        let a = fresh
            .article(r.files[0].article_id.unwrap())
            .unwrap()
            .unwrap();
        assert_eq!(a.headline, original.headline);
        assert_eq!(a.body, original.body);
        assert_eq!(a.source_encoding.as_deref(), Some(*encoding));
        // ...and next to it, it is a duplicate.
        let r = run(&mut s, std::slice::from_ref(path));
        assert_eq!(r.files[0].outcome, Outcome::Duplicate, "{path:?}");
        assert_eq!(r.files[0].article_id, Some(original.id));
    }
}

#[test]
fn bad_files_fail_with_a_reason_naming_the_file_and_never_stop_the_batch() {
    let (d, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let dir = d.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    write(&dir, "a_empty.txt", b"");
    write(&dir, "b_binary.txt", b"\x01\x02\x03\x04\0\0\0\rIHDR\0\0");
    write(&dir, "k_scan.txt", b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    write(&dir, "c_broken_utf16.txt", &[0xFF, 0xFE, 0x00, 0xD8, 0x41]);
    write(
        &dir,
        "d_good.txt",
        "عنوان جيد\nنص الخبر الجيد عن طرابلس.".as_bytes(),
    );
    write(&dir, "e_one_line.txt", "سطر واحد فقط".as_bytes());
    write(&dir, "f_bad.json", b"{not json");
    write(&dir, "g_photo.jpg", b"\xFF\xD8\xFF");
    write(&dir, "i_header_only.csv", b"title,body\n");
    write(&dir, "j_empty_list.json", b"[]");
    std::fs::create_dir(dir.join(".hidden")).unwrap();
    write(&dir.join(".hidden"), "x.txt", "مخفي\nنص مخفي".as_bytes());
    let huge = write(&dir, "h_huge.txt", b"");
    std::fs::File::options()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(import::MAX_FILE_BYTES + 1)
        .unwrap();
    let missing = d.path().join("nowhere.txt");

    let r = run(
        &mut s,
        &[dir.clone(), missing.clone(), dir.join("g_photo.jpg")],
    );
    let by_name = |n: &str| {
        r.files
            .iter()
            .filter(|f| f.path.ends_with(n))
            .cloned()
            .collect::<Vec<_>>()
    };
    let reason = |n: &str, o: Outcome| {
        let f = by_name(n);
        assert_eq!(f[0].outcome, o, "{n}: {:?}", f[0]);
        let reason = f[0].reason.clone().unwrap();
        assert!(
            reason.contains(n),
            "{n}: the reason does not name the file: {reason}"
        );
        reason
    };
    assert!(reason("a_empty.txt", Outcome::Failed).contains("empty"));
    assert!(reason("b_binary.txt", Outcome::Failed).contains("binary"));
    assert!(reason("c_broken_utf16.txt", Outcome::Failed).contains("not valid UTF-16LE"));
    assert!(reason("e_one_line.txt", Outcome::Failed).contains("no body"));
    assert!(reason("f_bad.json", Outcome::Failed).contains("not valid JSON"));
    assert!(reason("h_huge.txt", Outcome::Failed).contains("larger than the 32 MiB limit"));
    assert!(reason("nowhere.txt", Outcome::Failed).contains("no such file or folder"));
    assert!(reason("i_header_only.csv", Outcome::Failed).contains("contains no articles"));
    assert!(reason("k_scan.txt", Outcome::Failed).contains("is a PDF document, not a text file"));
    assert!(reason("j_empty_list.json", Outcome::Failed).contains("contains no articles"));
    // In a folder an unknown type is skipped; named explicitly it fails.
    let photo = by_name("g_photo.jpg");
    assert_eq!(
        photo.iter().map(|f| f.outcome).collect::<Vec<_>>(),
        [Outcome::Skipped, Outcome::Failed]
    );
    assert!(by_name("x.txt").is_empty(), "hidden folders are not read");
    assert_eq!(by_name("d_good.txt")[0].outcome, Outcome::Imported);
    assert_eq!((r.imported, r.failed, r.skipped), (1, 11, 1));
    assert_eq!(s.count_articles().unwrap(), 1);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed_forever() {
    let (d, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let dir = d.path().join("in");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    write(&dir.join("sub"), "a.txt", "عنوان\nنص عن بنغازي".as_bytes());
    std::os::unix::fs::symlink(&dir, dir.join("sub").join("loop")).unwrap();
    let r = run(&mut s, &[dir]);
    assert_eq!(r.imported, 1);
    let looped: Vec<_> = r
        .files
        .iter()
        .filter(|f| f.outcome == Outcome::Skipped)
        .collect();
    assert_eq!(looped.len(), 1, "{:?}", r.files);
    assert!(
        looped[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("symbolic link loop")
    );
}

#[test]
fn formats_md_html_json_jsonl_csv_import_with_metadata() {
    let (d, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let dir = d.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    write(&dir, "a.md", "---\ntitle: Lamorgese a Tripoli\npublished: 2021-04-19T09:00:00+02:00\nsource: https://ansa.it/x\noutlet: ANSA\nlang: it\ntags: [Libia]\n---\nLa ministra dell'Interno è arrivata a Tripoli.\n".as_bytes());
    write(&dir, "b.html", r#"<html lang="en"><head><title>Di Maio in Tripoli</title><meta property="article:published_time" content="2021-03-21"></head><body><article><h1>Di Maio in Tripoli</h1><p>Italy's foreign minister Luigi Di Maio arrived in Tripoli on Sunday for talks with the new Government of National Unity, the first visit by a European minister since the government took office.</p><p>He met Prime Minister Abdul Hamid Dbeibah and discussed migration, energy and the ceasefire.</p></article></body></html>"#.as_bytes());
    write(&dir, "c.json", r#"[{"title":"Borrell in Libia","text":"Josep Borrell incontra Dbeibah.","date":"2021-09","outlet":"Nova","lang":"it"},{"title":"Second","body":"Another body entirely."}]"#.as_bytes());
    write(&dir, "d.jsonl", "{\"title\":\"One\",\"body\":\"First line article.\",\"date\":\"2020\"}\n{\"title\":\"Broken\"\n".as_bytes());
    write(&dir, "e.csv", "title,body,date,url,lang\nوزير الخارجية المالطي في طرابلس,\"التقى وزير الخارجية المالطي، نظيرته الليبية\",2021-05-02,https://x.ly/2,ar\n".as_bytes());
    let r = run(&mut s, &[dir]);
    assert_eq!((r.imported, r.failed), (6, 1), "{:#?}", r.files);
    let get = |suffix: &str| {
        let f = r
            .files
            .iter()
            .find(|f| f.path.ends_with(suffix) && f.outcome == Outcome::Imported)
            .unwrap();
        s.article(f.article_id.unwrap()).unwrap().unwrap()
    };
    let md = get("a.md");
    assert_eq!(md.headline, "Lamorgese a Tripoli");
    assert_eq!(md.body, "La ministra dell'Interno è arrivata a Tripoli.");
    assert_eq!(
        (md.lang, md.outlet.as_deref(), md.url.as_deref()),
        (Lang::It, Some("ANSA"), Some("https://ansa.it/x"))
    );
    let d = md.date.unwrap();
    assert_eq!(
        (d.date.to_string().as_str(), d.precision, d.source),
        ("2021-04-19", DatePrecision::Day, DateSource::FrontMatter)
    );
    let html = get("b.html");
    assert_eq!(html.headline, "Di Maio in Tripoli");
    assert!(
        html.body
            .starts_with("Italy's foreign minister Luigi Di Maio arrived in Tripoli"),
        "{}",
        html.body
    );
    assert_eq!(html.date.unwrap().date.to_string(), "2021-03-21");
    let json = s
        .article(
            r.files
                .iter()
                .find(|f| f.path.ends_with("c.json") && f.record == Some(1))
                .unwrap()
                .article_id
                .unwrap(),
        )
        .unwrap()
        .unwrap();
    assert_eq!(
        (json.headline.as_str(), json.outlet.as_deref()),
        ("Borrell in Libia", Some("Nova"))
    );
    assert_eq!(json.date.unwrap().precision, DatePrecision::Month);
    assert!(json.source_path.unwrap().ends_with("c.json#1"));
    let broken = r
        .files
        .iter()
        .find(|f| f.outcome == Outcome::Failed)
        .unwrap();
    assert_eq!(broken.record, Some(2));
    assert!(
        broken
            .reason
            .as_deref()
            .unwrap()
            .contains("d.jsonl (record 2): line 2 is not valid JSON")
    );
    let csv = get("e.csv");
    assert_eq!(csv.body, "التقى وزير الخارجية المالطي، نظيرته الليبية");
    assert_eq!(csv.date.unwrap().date.to_string(), "2021-05-02");
    assert_eq!(csv.lang, Lang::Ar);
}

#[test]
fn samples_include_the_dated_seed_which_duplicates_the_corpus_file() {
    let (_d, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let r = import::import_samples(&mut s).unwrap();
    assert_eq!(r.failed, 0, "{:#?}", r.files);
    assert_eq!(r.imported, import::samples::SAMPLES.len());
    let seed = r
        .files
        .iter()
        .find(|f| f.path == "sample:000_seed_lamorgese_tripoli.md")
        .unwrap();
    let a = s.article(seed.article_id.unwrap()).unwrap().unwrap();
    let d = a.date.unwrap();
    assert_eq!(
        (d.date.to_string().as_str(), d.precision, d.source),
        ("2021-04-19", DatePrecision::Day, DateSource::FrontMatter)
    );
    assert!(a.date_note.unwrap().contains("other reports"));
    let text = seed_text();
    assert_eq!(a.body, text.split_once('\n').unwrap().1.trim());
    let r = run(&mut s, &[seed_path()]);
    assert_eq!(r.files[0].outcome, Outcome::Duplicate);
    assert_eq!(r.files[0].article_id, Some(a.id));
    // The samples folder imported by hand holds only the articles: every file a duplicate of the
    // bundled copy, nothing else (no notes file taken for an article).
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let r = run(&mut s, &[folder]);
    assert_eq!(
        (r.files.len(), r.duplicates, r.imported, r.failed),
        (
            import::samples::SAMPLES.len(),
            import::samples::SAMPLES.len(),
            0,
            0
        ),
        "{:#?}",
        r.files
    );
}

#[test]
fn a_new_default_archive_is_seeded_with_the_samples_but_an_explicit_path_is_not() {
    let (_d, db) = temp_db();
    let s = import::open_archive(Some(&db)).unwrap();
    assert_eq!(s.count_articles().unwrap(), 0);
}

#[test]
fn cancel_stops_the_batch_and_keeps_what_was_done() {
    let (_d, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let cancel = AtomicBool::new(false);
    let r = import_paths(
        &mut s,
        &[corpus()],
        &mut |p: &Progress| {
            if p.done == 5 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap();
    assert!(r.cancelled);
    assert_eq!(r.imported, 5);
    assert_eq!(s.count_articles().unwrap(), 5);
}

#[test]
fn import_on_a_worker_thread_while_another_connection_reads_and_writes() {
    // The app's pattern: the worker owns a write connection and reports progress over a channel;
    // the UI keeps its own connection for reads (and small writes of its own).
    let (_d, db) = temp_db();
    let ui = Store::open(&db).unwrap();
    let mut worker_store = ui.reopen().unwrap();
    let (tx, rx) = crossbeam_channel::unbounded::<(usize, usize)>();
    let worker = std::thread::spawn(move || {
        let mut send = |p: &Progress| {
            let _ = tx.send((p.done, p.total));
        };
        import_paths(
            &mut worker_store,
            &[corpus()],
            &mut send,
            &AtomicBool::new(false),
        )
        .unwrap()
    });
    let mut last = (0, 0);
    let mut ui_inserts = 0;
    for (done, total) in rx.iter() {
        // Reads never fail during the import, and see only committed chunks.
        let n = ui.count_articles().unwrap();
        assert!(n as usize <= total + ui_inserts);
        if done == 13 {
            // A write from the UI connection waits (busy timeout) for the chunk, then succeeds.
            let mut a = arshif::store::NewArticle {
                headline: "ملاحظة المستخدم".into(),
                body: "نص أضافه المستخدم أثناء الاستيراد".into(),
                lang: Lang::Ar,
                outlet: None,
                url: None,
                author: None,
                tags: vec![],
                date: None,
                date_note: None,
                source_path: None,
                source_encoding: None,
            };
            a.date_note = Some("typed by the user".into());
            assert!(matches!(
                ui.insert_article(&a).unwrap(),
                arshif::store::Inserted::New(_)
            ));
            ui_inserts += 1;
        }
        last = (done, total);
    }
    let report = worker.join().unwrap();
    assert_eq!(last, (26, 26));
    assert_eq!(report.imported, 26);
    assert_eq!(ui.count_articles().unwrap(), 27);
}

#[test]
fn a_cancelled_batch_with_a_large_csv_imports_nothing_and_a_rerun_everything() {
    let (d, db) = temp_db();
    let mut s = Store::open(&db).unwrap();
    let mut csv = String::from("title,body\n");
    for i in 0..500 {
        csv.push_str(&format!("عنوان {i},نص الخبر رقم {i} عن بنغازي\n"));
    }
    let path = write(d.path(), "big.csv", csv.as_bytes());
    let cancel = AtomicBool::new(true); // already set: nothing is imported
    let r = import_paths(&mut s, std::slice::from_ref(&path), &mut |_| {}, &cancel).unwrap();
    assert!(r.cancelled);
    assert_eq!(r.imported, 0);
    let r = run(&mut s, &[path]);
    assert_eq!((r.imported, r.failed, r.cancelled), (500, 0, false));
    assert_eq!(r.files[499].record, Some(501)); // spreadsheet row numbers: header is row 1
}
