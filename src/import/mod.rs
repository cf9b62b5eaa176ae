//! Import: files and folders → articles in the [`Store`], with one outcome per file (or per record
//! of a JSON/CSV file), progress reports and cancellation. The app and the CLI call
//! [`import_paths`]; a new default archive is seeded with [`import_samples`].
//!
//! - Folders are walked recursively in name order; symbolic links are followed, a link loop is
//!   reported once and not followed again. Hidden files and folders (`.name`) are ignored; other
//!   files with an extension Arshif does not read are reported as `skipped` (a file named
//!   explicitly with such an extension is `failed`).
//! - A file larger than [`MAX_FILE_BYTES`] is refused, as are empty, binary and undecodable
//!   files (see [`decode`]); a bad file never stops the batch.
//! - The same article (same [`crate::store::content_hash`]) is never stored twice: it is reported
//!   as a `duplicate` of the stored one.
//! - Writes are committed every [`CHUNK_ARTICLES`] articles or [`CHUNK_TIME`] (and at the end, or
//!   on cancel), each article in one statement: a crash loses at most the chunk in flight, never
//!   half an article, and other connections get the write lock between chunks.
//! - Article date, in this order: the file's date field (front matter, JSON/CSV `date`, HTML
//!   meta), then [`crate::text::dates::article_date`] (dateline or explicit date in the headline
//!   or lead, then a date in the file name), then a date in the URL's path; otherwise undated, with the reason kept in
//!   `date_note`.

mod batch;
pub mod decode;
pub mod exchange;
pub mod formats;
pub mod samples;
mod sources;

use batch::run;
pub use batch::{CHUNK_TIME, LOCK_GAP};
use sources::{Content, Source, collect};

use crate::model::{ArticleDate, DatePrecision, DateSource, Lang};
use crate::store::{Inserted, NewArticle, Store, StoreError};
use chrono::NaiveDate;
use formats::{Format, Parsed};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Largest file imported, in bytes (32 MiB): far above any article or a saved page with inline
/// images, small enough that a mistaken video or disk image is refused quickly.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Articles written per transaction.
pub const CHUNK_ARTICLES: usize = 100;

/// What happened to one file (or one record of a multi-article file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Stored as a new article.
    Imported,
    /// Not stored: the archive already holds the same text.
    Duplicate,
    /// Not stored: the reason says why.
    Failed,
    /// Found in a folder but not an article file type (not an error).
    Skipped,
}

impl Outcome {
    /// `imported`, `duplicate`, `failed` or `skipped`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Imported => "imported",
            Outcome::Duplicate => "duplicate",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }
}

/// The outcome for one file, or one record (`record: Some(n)`, 1-based) of a JSON/JSONL/CSV file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileOutcome {
    /// The file's path as given or found (for samples: `sample:<name>`).
    pub path: String,
    pub record: Option<usize>,
    pub outcome: Outcome,
    /// For `failed`/`skipped`: a sentence naming the file and the problem. For `duplicate`: which
    /// stored article it repeats. For `imported`: notes (e.g. why it is undated), if any.
    pub reason: Option<String>,
    /// The new article's id (imported) or the existing one's (duplicate).
    pub article_id: Option<i64>,
    pub headline: Option<String>,
}

/// The result of a batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub imported: usize,
    pub duplicates: usize,
    pub failed: usize,
    pub skipped: usize,
    /// True when the cancel flag stopped the batch early (what was done is kept).
    pub cancelled: bool,
    pub files: Vec<FileOutcome>,
    /// One entry per archive exchange file imported (its corrections; its articles are in
    /// `files`). Empty for other files.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<exchange::ExchangeOutcome>,
}

impl ImportReport {
    /// Adds one outcome and counts it.
    pub fn push(&mut self, o: FileOutcome) {
        match o.outcome {
            Outcome::Imported => self.imported += 1,
            Outcome::Duplicate => self.duplicates += 1,
            Outcome::Failed => self.failed += 1,
            Outcome::Skipped => self.skipped += 1,
        }
        self.files.push(o);
    }
}

/// Progress of a batch: `done` of `total` files handled; `current` is the file just handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub current: String,
}

/// A path as one line of a message: control characters (a newline in a file name) are shown as
/// `\n`, `\r`, `\t` or `\u{..}` so a message is always one line naming the file.
pub fn shown_path(path: &str) -> String {
    if !path.chars().any(char::is_control) {
        return path.to_owned();
    }
    let mut out = String::with_capacity(path.len() + 8);
    for c in path.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Imports every file in `paths` (files or folders, recursively) into `store`.
///
/// `progress` is called once before the first file (`done = 0`) and after each file. `cancel`
/// is checked before each file; when set, the batch stops, what was done is committed, and the
/// report says `cancelled`. `progress` runs on the importing thread, possibly while a chunk's
/// write transaction is open: it must not wait for another connection's write (send over an
/// unbounded channel, as the app does).
///
/// # Errors
/// Only when the archive itself fails (disk full, file locked beyond the busy timeout): the
/// chunk in flight is rolled back and earlier chunks stay committed. Problems with input files
/// are outcomes in the report, never errors.
pub fn import_paths<P: AsRef<Path>>(
    store: &mut Store,
    paths: &[P],
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
) -> Result<ImportReport, StoreError> {
    import_paths_with(store, paths, progress, cancel, &|_| (), &mut |_, _, ()| {
        Ok(())
    })
}

/// [`import_paths`] with work done on each new article while it is in memory: `prepare` runs on
/// the decoding threads (every core) for each parsed article whose text the archive did not hold
/// when the batch started, and `stored(store, id, prepared)` runs on the calling thread right
/// after the article is inserted as `id`, inside the same chunk transaction (so an article and
/// what `stored` writes for it are committed together or not at all). A duplicate's prepared
/// work is dropped. This is how [`crate::pipeline::import_and_extract`] extracts meetings during
/// the import, with no read-back.
///
/// Files are read, decoded and parsed on [`std::thread::available_parallelism`] threads; the
/// archive is written by the calling thread alone, in the order of the sources, so outcomes,
/// ids, duplicates, progress and cancel are exactly as with one thread.
///
/// # Errors
/// As [`import_paths`], plus any error `stored` returns (the chunk in flight is rolled back).
pub fn import_paths_with<P, T, F, S>(
    store: &mut Store,
    paths: &[P],
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
    prepare: &F,
    stored: &mut S,
) -> Result<ImportReport, StoreError>
where
    P: AsRef<Path>,
    T: Send,
    F: Fn(&NewArticle) -> T + Sync,
    S: FnMut(&Store, i64, T) -> Result<(), StoreError>,
{
    let mut sources = Vec::new();
    for p in paths {
        collect(p.as_ref(), &mut sources);
    }
    run(store, sources, progress, cancel, prepare, stored)
}

/// Opens the archive for a `--db` value (see [`crate::store::resolve_path`]). A brand-new
/// archive at the DEFAULT location is seeded with the bundled samples ([`import_samples`]), so
/// the first run of the app has articles to show; an explicit path starts empty.
///
/// # Errors
/// As [`Store::open`], or a failure writing the samples.
pub fn open_archive(db: Option<&Path>) -> Result<Store, StoreError> {
    let (path, is_default) = crate::store::resolve_path(db)?;
    let mut store = Store::open(&path)?;
    if is_default && store.was_created() {
        import_samples(&mut store)?;
    }
    Ok(store)
}

/// Imports the sample articles bundled in the binary (see [`samples::SAMPLES`]).
pub fn import_samples(store: &mut Store) -> Result<ImportReport, StoreError> {
    let sources = samples::SAMPLES
        .iter()
        .map(|(name, bytes)| Source {
            display: format!("sample:{name}"),
            shown: format!("sample:{name}"),
            file_name: name.to_string(),
            content: Content::Bytes(bytes),
        })
        .collect();
    run(
        store,
        sources,
        &mut |_| {},
        &AtomicBool::new(false),
        &|_| (),
        &mut |_, _, ()| Ok(()),
    )
}

/// The article date and the note to keep with it (see the module docs for the order).
pub fn resolve_date(p: &Parsed, file_name: &str) -> (Option<ArticleDate>, Option<String>) {
    let mut notes: Vec<String> = Vec::new();
    if let Some(raw) = p.date.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let parsed = parse_field_date(raw).or_else(|| crate::text::dates::parse_date(raw, None));
        match parsed {
            Some((date, precision)) => {
                let d = ArticleDate {
                    date,
                    precision,
                    source: DateSource::FrontMatter,
                };
                return (Some(d), p.date_note.clone());
            }
            None => notes.push(format!(
                "the date field «{raw}» is not a date Arshif understands"
            )),
        }
    }
    match crate::text::dates::article_date(&p.headline, &p.body, Some(file_name)) {
        Ok(d) => {
            notes.extend(p.date_note.clone());
            (Some(d), (!notes.is_empty()).then(|| notes.join("; ")))
        }
        Err(_) if let Some(f) = p.url.as_deref().and_then(crate::text::dates::date_from_url) => {
            let source = DateSource::FrontMatter; // the URL given in the front matter
            let d = ArticleDate {
                date: f.date,
                precision: f.precision,
                source,
            };
            (Some(d), p.date_note.clone())
        }
        Err(reason) => {
            if p.date.is_none() {
                notes.push("no date field".to_string());
            }
            notes.push(reason);
            notes.extend(p.date_note.clone());
            (None, Some(notes.join("; ")))
        }
    }
}

/// Machine-written dates of metadata fields: ISO 8601 (`2021-04-19`, `2021-04-19T10:00:00Z`,
/// `2021-04`, `2021`), `2021/04/19`, and RFC 2822 (`Mon, 19 Apr 2021 10:00:00 +0000`, RSS).
/// Free text ("19 aprile 2021") goes to [`crate::text::dates::parse_date`].
pub fn parse_field_date(s: &str) -> Option<(NaiveDate, DatePrecision)> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        for f in ["%Y-%m-%d", "%Y/%m/%d"] {
            if let Ok(d) = NaiveDate::parse_from_str(head, f) {
                let rest = &s[10..];
                if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
                    return Some((d, DatePrecision::Day));
                }
            }
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some((dt.date_naive(), DatePrecision::Day));
    }
    let b = s.as_bytes();
    if b.len() == 7 && b[4] == b'-' && b[..4].iter().chain(&b[5..]).all(u8::is_ascii_digit) {
        let (y, m) = (s[..4].parse().ok()?, s[5..].parse().ok()?);
        return NaiveDate::from_ymd_opt(y, m, 1).map(|d| (d, DatePrecision::Month));
    }
    if b.len() == 4 && b.iter().all(u8::is_ascii_digit) {
        let y: i32 = s.parse().ok()?;
        if (1800..=2200).contains(&y) {
            return NaiveDate::from_ymd_opt(y, 1, 1).map(|d| (d, DatePrecision::Year));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::batch::*;
    use super::sources::*;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn field_dates() {
        assert_eq!(
            parse_field_date("2021-04-19"),
            Some((d(2021, 4, 19), DatePrecision::Day))
        );
        assert_eq!(
            parse_field_date("2021-04-19T23:10:00+02:00"),
            Some((d(2021, 4, 19), DatePrecision::Day))
        );
        assert_eq!(
            parse_field_date("2021/04/19"),
            Some((d(2021, 4, 19), DatePrecision::Day))
        );
        assert_eq!(
            parse_field_date("Mon, 19 Apr 2021 10:00:00 +0000"),
            Some((d(2021, 4, 19), DatePrecision::Day))
        );
        assert_eq!(
            parse_field_date("2021-04"),
            Some((d(2021, 4, 1), DatePrecision::Month))
        );
        assert_eq!(
            parse_field_date("2021"),
            Some((d(2021, 1, 1), DatePrecision::Year))
        );
        assert_eq!(parse_field_date("2021-13-01"), None);
        assert_eq!(parse_field_date("20210419x"), None);
        assert_eq!(parse_field_date("9999"), None);
    }

    #[test]
    fn front_matter_date_wins_and_keeps_its_note() {
        let p = Parsed {
            headline: "h".into(),
            body: "b".into(),
            date: Some("2021-04-19".into()),
            date_note: Some("from other reports".into()),
            ..Parsed::default()
        };
        let (date, note) = resolve_date(&p, "x.md");
        assert_eq!(
            date,
            Some(ArticleDate {
                date: d(2021, 4, 19),
                precision: DatePrecision::Day,
                source: DateSource::FrontMatter
            })
        );
        assert_eq!(note.as_deref(), Some("from other reports"));
    }

    #[test]
    fn unreadable_date_field_is_reported_when_undated() {
        let p = Parsed {
            headline: "h".into(),
            body: "b".into(),
            date: Some("sometime".into()),
            ..Parsed::default()
        };
        let (date, note) = resolve_date(&p, "x.md");
        // Whatever text::dates finds in "h"/"b"/"x.md" (nothing), the note names the bad field.
        assert_eq!(date, None);
        assert!(
            note.unwrap()
                .starts_with("the date field «sometime» is not a date Arshif understands; ")
        );
    }

    #[test]
    fn cancel_is_checked_between_the_records_of_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("a.sqlite")).unwrap();
        let src = Source {
            display: "rows.csv".into(),
            shown: "rows.csv".into(),
            file_name: "rows.csv".into(),
            content: Content::Bytes(b"title,body\nA,first body\nB,second body\n"),
        };
        let mut chunk = Chunk::default();
        let conn = &mut store;
        let import_source = |conn: &Store, src: &Source, chunk: &mut Chunk, cancel: &AtomicBool| {
            let items = prepare_source(src, cancel, &Default::default(), &|_| ());
            write_items(conn, src, items, chunk, cancel, &|_| (), &mut |_, _, ()| {
                Ok(())
            })
        };
        let stopped = import_source(conn, &src, &mut chunk, &AtomicBool::new(true)).unwrap();
        assert!(stopped.is_empty());
        let all = import_source(conn, &src, &mut chunk, &AtomicBool::new(false)).unwrap();
        chunk.commit(conn).unwrap();
        assert_eq!(
            all.iter()
                .map(|o| (o.record, o.outcome))
                .collect::<Vec<_>>(),
            [(Some(2), Outcome::Imported), (Some(3), Outcome::Imported)]
        );
    }

    #[test]
    fn shown_paths_are_one_line() {
        assert_eq!(shown_path("/tmp/خبر عن لقاء.txt"), "/tmp/خبر عن لقاء.txt");
        assert_eq!(
            shown_path("/tmp/a\nb\r\t\u{7}.txt"),
            "/tmp/a\\nb\\r\\t\\u{7}.txt"
        );
    }

    #[test]
    fn lang_fields() {
        assert_eq!(lang_from_field("ar-LY"), Some(Lang::Ar));
        assert_eq!(lang_from_field("Italian"), Some(Lang::It));
        assert_eq!(lang_from_field("en_GB"), Some(Lang::En));
        assert_eq!(lang_from_field("fr"), Some(Lang::Other));
        assert_eq!(lang_from_field(" "), None);
    }
}
