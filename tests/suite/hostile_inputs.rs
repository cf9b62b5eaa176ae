//! Bad files and hostile input (issue 13): the committed fixtures of `tests/fixtures/hostile/`
//! plus large and odd files made here (a 50 MB file, thousands of tiny files, a symbolic link
//! loop, an unreadable file, names with newlines, a named pipe, a file that changes while read),
//! imported through the app's own path (`pipeline::import_and_extract`) into an archive that
//! already holds the bundled samples and their meetings. Each bad file gets a per-file message
//! naming it and the problem, the batch goes on, the good records of mixed JSONL/CSV files are
//! imported, and the rows already in the archive are byte-identical afterwards.

use crate::common;
use arshif::extract::Extractor;
use arshif::import::{FileOutcome, ImportReport, Outcome};
use arshif::pipeline::{archive_extractor, extract_pending, import_and_extract};
use arshif::store::Store;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

/// A new archive with the bundled samples imported and extracted.
fn sample_archive() -> (tempfile::TempDir, Store, Extractor) {
    let (dir, db) = common::temp_db();
    let mut store = Store::open(&db).unwrap();
    let r = arshif::import::import_samples(&mut store).unwrap();
    assert!(r.imported >= 20 && r.failed == 0, "{r:#?}");
    let ex = archive_extractor(&store).unwrap();
    let found = extract_pending(&mut store, &ex, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
    assert!(found.meetings > 0, "{found:?}");
    (dir, store, ex)
}

/// Every stored row of the articles, their meetings, participants and topics, as text, up to the
/// given ids: what must not change when other files are imported.
fn snapshot(store: &Store, max_article: i64) -> Vec<String> {
    let c = common::sql(store);
    let mut out = Vec::new();
    for (table, filter) in [
        ("articles", "id <= ?1 ORDER BY id"),
        ("meetings", "article_id <= ?1 ORDER BY id"),
        (
            "meeting_participants",
            "meeting_id IN (SELECT id FROM meetings WHERE article_id <= ?1) ORDER BY meeting_id, ordinal",
        ),
        (
            "meeting_topics",
            "meeting_id IN (SELECT id FROM meetings WHERE article_id <= ?1) ORDER BY meeting_id, topic_key",
        ),
    ] {
        let mut st = c
            .prepare(&format!("SELECT * FROM {table} WHERE {filter}"))
            .unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([max_article], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn max_article(store: &Store) -> i64 {
    common::sql(store)
        .query_row("SELECT max(id) FROM articles", [], |r| r.get(0))
        .unwrap()
}

fn import(store: &mut Store, ex: &Extractor, paths: &[PathBuf]) -> ImportReport {
    let run = import_and_extract(
        store,
        ex,
        paths,
        &mut |_| {},
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    run.found.unwrap();
    run.import
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// The outcomes whose path ends with `name` (record order).
fn of<'a>(r: &'a ImportReport, name: &str) -> Vec<&'a FileOutcome> {
    r.files.iter().filter(|f| f.path.ends_with(name)).collect()
}

/// The single outcome of `name`: checks its outcome, that the reason names the file (as shown,
/// newlines escaped) on one line, and contains every word of `words`.
#[track_caller]
fn expect(r: &ImportReport, name: &str, outcome: Outcome, words: &[&str]) -> String {
    let found = of(r, name);
    assert_eq!(found.len(), 1, "{name}: {found:#?}");
    let f = found[0];
    assert_eq!(f.outcome, outcome, "{name}: {f:#?}");
    let reason = f.reason.clone().unwrap_or_default();
    if outcome != Outcome::Imported {
        let shown = arshif::import::shown_path(name);
        assert!(reason.contains(&shown), "{name}: not named in «{reason}»");
        assert!(
            !reason.contains('\n'),
            "{name}: a message on two lines: «{reason}»"
        );
    }
    for w in words {
        assert!(reason.contains(w), "{name}: «{w}» missing from «{reason}»");
    }
    reason
}

#[test]
fn hostile_files_each_get_a_clear_message_and_the_archive_keeps_what_it_had() {
    let (_d, mut store, ex) = sample_archive();
    let before_max = max_article(&store);
    let before = snapshot(&store, before_max);
    assert!(before.iter().any(|r| r.starts_with("meetings: ")));

    // Any connection to this port would be the HTML import fetching something.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port().to_string();

    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("in");
    std::fs::create_dir(&inbox).unwrap();
    for e in std::fs::read_dir(fixtures()).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_owned();
        if name == "README.md" {
            continue;
        }
        let mut bytes = std::fs::read(&p).unwrap();
        if name == "script_iframe_base.html" {
            bytes = String::from_utf8(bytes)
                .unwrap()
                .replace("PORT", &port)
                .into_bytes();
        }
        std::fs::write(inbox.join(name), bytes).unwrap();
    }
    // 50 MB of real text: refused by size before it is read (MAX_FILE_BYTES is 32 MiB).
    {
        use std::io::Write;
        let mut f =
            std::io::BufWriter::new(std::fs::File::create(inbox.join("big_50mb.txt")).unwrap());
        let line = "لقاء في طرابلس بين وزيرين لبحث ملف الهجرة والتعاون الأمني بين البلدين.\n";
        let mut written = 0;
        while written < 50 * 1_000_000 {
            f.write_all(line.as_bytes()).unwrap();
            written += line.len();
        }
    }
    // Names with a newline: a good article and a bad one.
    std::fs::write(
        inbox.join("line\nbreak.txt"),
        "Tajani a Bengasi\nIl ministro Tajani ha incontrato Haftar a Bengasi il 4 maggio 2023.\n",
    )
    .unwrap();
    std::fs::write(inbox.join("bad\nname.json"), "{ not json").unwrap();
    // A symbolic link loop: a folder link back to its parent, and a link to itself.
    let loops = inbox.join("loops");
    std::fs::create_dir(&loops).unwrap();
    std::os::unix::fs::symlink(&loops, loops.join("back")).unwrap();
    std::os::unix::fs::symlink(loops.join("self.txt"), loops.join("self.txt")).unwrap();
    // A named pipe: reading it would block forever.
    let fifo = std::ffi::CString::new(inbox.join("pipe.txt").to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    // A file whose size changes between the look and the read: /proc files say 0 bytes.
    std::os::unix::fs::symlink("/proc/self/status", inbox.join("changing.txt")).unwrap();
    // An unreadable file (as root, permissions do not stop reading: that case is skipped).
    let locked = inbox.join("locked.txt");
    std::fs::write(&locked, "مقفل\nنص لا يقرأ.\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root_reads_anyway = std::fs::read(&locked).is_ok();

    let r = import(&mut store, &ex, std::slice::from_ref(&inbox));

    expect(
        &r,
        "nul_bytes.txt",
        Outcome::Failed,
        &["binary", "NUL bytes"],
    );
    expect(
        &r,
        "invalid_utf8_mid.txt",
        Outcome::Failed,
        &["is not valid UTF-8", "(line 3) is 0xFF", "damaged"],
    );
    expect(
        &r,
        "utf16be_no_bom.txt",
        Outcome::Failed,
        &["UTF-16 BE text without a byte-order mark", "UTF-8"],
    );
    expect(&r, "cr_only_lines.txt", Outcome::Imported, &[]);
    expect(
        &r,
        "malformed.json",
        Outcome::Failed,
        &["is not valid JSON", "EOF"],
    );
    expect(
        &r,
        "broken_front_matter.md",
        Outcome::Failed,
        &["front matter that is not valid YAML"],
    );
    expect(
        &r,
        "unclosed_front_matter.md",
        Outcome::Failed,
        &["front matter that starts with `---`", "never closed"],
    );
    expect(&r, "خبر عن لقاء في طرابلس.txt", Outcome::Imported, &[]);
    expect(&r, "script_iframe_base.html", Outcome::Imported, &[]);
    expect(
        &r,
        "big_50mb.txt",
        Outcome::Failed,
        &["too large to import", "47.7 MiB", "32 MiB limit"],
    );
    expect(&r, "line\nbreak.txt", Outcome::Imported, &[]);
    expect(
        &r,
        "bad\nname.json",
        Outcome::Failed,
        &["bad\\nname.json", "not valid JSON"],
    );
    expect(&r, "loops/back", Outcome::Skipped, &["symbolic link loop"]);
    expect(&r, "self.txt", Outcome::Failed, &["link loop"]);
    expect(
        &r,
        "pipe.txt",
        Outcome::Skipped,
        &["not a regular file", "named pipe"],
    );
    expect(
        &r,
        "changing.txt",
        Outcome::Failed,
        &["changed while it was being read", "size was 0 bytes"],
    );
    if root_reads_anyway {
        println!(
            "locked.txt: skipped the unreadable-file check: running as root, permissions do not stop reading"
        );
    } else {
        expect(&r, "locked.txt", Outcome::Failed, &["permission denied"]);
    }

    // Mixed JSONL: the good lines import, each bad line names its line.
    let lines = of(&r, "mixed_lines.jsonl");
    assert_eq!(
        lines
            .iter()
            .map(|f| (f.record, f.outcome))
            .collect::<Vec<_>>(),
        [
            (Some(1), Outcome::Imported),
            (Some(2), Outcome::Failed),
            (Some(3), Outcome::Imported),
            (Some(4), Outcome::Failed)
        ]
    );
    let why = |f: &FileOutcome| f.reason.clone().unwrap();
    assert!(
        why(lines[1]).contains("mixed_lines.jsonl (record 2): line 2 is not valid JSON"),
        "{}",
        why(lines[1])
    );
    assert!(why(lines[3]).contains("is not a JSON object with article fields"));
    // CSV with a BOM, a row with an extra cell and a short row: the whole rows import.
    let rows = of(&r, "ragged_bom.csv");
    assert_eq!(
        rows.iter()
            .map(|f| (f.record, f.outcome))
            .collect::<Vec<_>>(),
        [
            (Some(2), Outcome::Imported),
            (Some(3), Outcome::Failed),
            (Some(4), Outcome::Failed),
            (Some(5), Outcome::Imported)
        ]
    );
    assert!(
        why(rows[1]).contains("row 3 has 5 cells but the header has 4 columns"),
        "{}",
        why(rows[1])
    );
    assert!(
        why(rows[2])
            .contains("row 4 has 1 cells but the header has 4 columns, so it has no `body` cell"),
        "{}",
        why(rows[2])
    );
    let borrell = store.article(rows[0].article_id.unwrap()).unwrap().unwrap();
    assert_eq!(borrell.headline, "Borrell chiama Dbeibah");
    assert_eq!(
        borrell.url.as_deref(),
        Some("https://example.org/2021/03/23/a")
    );

    let cr = store
        .article(of(&r, "cr_only_lines.txt")[0].article_id.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(cr.headline, "Draghi incontra Dbeibah a Tripoli");
    assert!(
        cr.body
            .starts_with("Tripoli, 6 aprile 2021 - Il presidente"),
        "{}",
        cr.body
    );

    // The hostile page: its article text only; no script ran, nothing was fetched.
    let page = store
        .article(of(&r, "script_iframe_base.html")[0].article_id.unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(page.headline, "لقاء في طرابلس حول الهجرة");
    assert!(
        page.body.contains("لوتشانا لامورجيزي في طرابلس"),
        "{}",
        page.body
    );
    for ran in ["SCRIPT-RAN", "ONLOAD-RAN", "INLINE-RAN", "fetch(", "alert("] {
        assert!(!page.body.contains(ran), "{ran} in {}", page.body);
    }
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("the HTML import connected to the page's host: {other:?}"),
    }

    assert_eq!(
        (r.imported, r.failed),
        (
            8 + usize::from(root_reads_anyway),
            15 - usize::from(root_reads_anyway)
        ),
        "{:#?}",
        r.files
    );
    // Nothing that was in the archive changed.
    assert_eq!(snapshot(&store, before_max), before);

    // Importing the same folder again: the good ones are duplicates, nothing changes either.
    let again = import(&mut store, &ex, std::slice::from_ref(&inbox));
    assert_eq!(
        (again.imported, again.duplicates),
        (0, 8 + usize::from(root_reads_anyway))
    );
    assert_eq!(snapshot(&store, before_max), before);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
}

/// `ARSHIF_TINY_FILES` tiny files (default 20,000; 200,000 recorded in the README) in folders
/// of 1,000, each a distinct two-line article: all imported in one batch with their meetings
/// searched for; prints the time taken.
#[test]
fn thousands_of_tiny_files_import_in_one_batch() {
    let n: usize = std::env::var("ARSHIF_TINY_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let (_d, mut store, ex) = sample_archive();
    let before_max = max_article(&store);
    let before = snapshot(&store, before_max);
    let tmp = tempfile::tempdir().unwrap();
    let t0 = std::time::Instant::now();
    for i in 0..n {
        let dir = tmp.path().join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir(&dir).unwrap();
        }
        std::fs::write(
            dir.join(format!("{i:06}.txt")),
            format!("خبر رقم {i}\nنص قصير رقم {i}.\n"),
        )
        .unwrap();
    }
    let made = t0.elapsed();
    let t1 = std::time::Instant::now();
    let r = import(&mut store, &ex, &[tmp.path().to_path_buf()]);
    let took = t1.elapsed();
    println!(
        "tiny files: {n} written in {:.1} s, imported with extraction in {:.1} s ({:.0} files/s)",
        made.as_secs_f64(),
        took.as_secs_f64(),
        n as f64 / took.as_secs_f64()
    );
    assert_eq!((r.imported, r.failed, r.skipped), (n, 0, 0));
    assert_eq!(store.count_articles().unwrap(), before_max + n as i64);
    let last = of(&r, &format!("{:06}.txt", n - 1));
    let a = store.article(last[0].article_id.unwrap()).unwrap().unwrap();
    assert_eq!(a.headline, format!("خبر رقم {}", n - 1));
    assert_eq!(snapshot(&store, before_max), before);
}
