//! One batch: sources read, decoded, parsed and extracted on every core, written by the calling
//! thread alone in source order, one chunk transaction at a time ([`CHUNK_ARTICLES`] articles or
//! [`CHUNK_TIME`]), the lock left free for [`LOCK_GAP`] between chunks.

use super::sources::{Content, Source, io_problem};
use super::*;

/// What a worker makes of one source, in order: outcomes already decided (a bad file, a bad
/// record) and articles ready to store with the caller's per-article work (`T`).
pub(super) enum Item<T> {
    Done(FileOutcome),
    Ready(Box<Ready<T>>),
}

/// A decoded, parsed article with its content hash, ready for the writer.
pub(super) struct Ready<T> {
    record: Option<usize>,
    label: String,
    article: NewArticle,
    hash: String,
    /// The caller's work on the article (extraction), or `None` when the archive already held
    /// its text when the batch started (a duplicate: nothing to do).
    extra: Option<T>,
}

/// How many decoding threads a batch uses: every core (the writer is the calling thread).
pub(super) fn worker_count(sources: usize) -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 16)
        .min(sources.max(1))
}

pub(super) fn run<T, F, S>(
    store: &mut Store,
    sources: Vec<Source>,
    progress: &mut dyn FnMut(&Progress),
    cancel: &AtomicBool,
    prepare: &F,
    stored: &mut S,
) -> Result<ImportReport, StoreError>
where
    T: Send,
    F: Fn(&NewArticle) -> T + Sync,
    S: FnMut(&Store, i64, T) -> Result<(), StoreError>,
{
    let total = sources.len();
    let mut report = ImportReport::default();
    progress(&Progress {
        done: 0,
        total,
        current: String::new(),
    });
    // Texts the archive already holds: their duplicates skip the caller's work (extraction).
    let known = crate::store::articles::content_hashes(store)?;
    let conn: &Store = store;
    let mut chunk = Chunk::default();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let workers = worker_count(total);
    let result = std::thread::scope(|scope| {
        let (tx, rx) = crossbeam_channel::bounded::<(usize, Vec<Item<T>>)>(2 * workers);
        for _ in 0..workers {
            let tx = tx.clone();
            let (sources, next, stop, known) = (&sources, &next, &stop, &known);
            scope.spawn(move || {
                loop {
                    if stop.load(Ordering::Relaxed) || cancel.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(src) = sources.get(i) else { break };
                    let items = prepare_source(src, cancel, known, prepare);
                    if tx.send((i, items)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // The writer: this thread, in source order, one chunk transaction at a time.
        let written = (|| -> Result<(), StoreError> {
            // The first chunk takes the write lock at once, while the first files are decoded
            // and extracted: a batch that has to wait for another writer says so at the start.
            if sources
                .iter()
                .any(|s| !matches!(s.content, Content::Outcome(..)))
            {
                chunk.begin(conn)?;
            }
            let mut waiting: std::collections::BTreeMap<usize, Vec<Item<T>>> = Default::default();
            for (i, src) in sources.iter().enumerate() {
                if cancel.load(Ordering::Relaxed) {
                    report.cancelled = true;
                    break;
                }
                let items = loop {
                    if let Some(items) = waiting.remove(&i) {
                        break Some(items);
                    }
                    match rx.recv() {
                        Ok((j, items)) => {
                            waiting.insert(j, items);
                        }
                        // Every worker stopped (cancelled, or one panicked: the scope re-raises).
                        Err(_) => break None,
                    }
                };
                let Some(items) = items else { break };
                for o in write_items(conn, src, items, &mut chunk, cancel, prepare, stored)? {
                    report.push(o);
                }
                chunk.commit_if_due(conn)?;
                progress(&Progress {
                    done: i + 1,
                    total,
                    current: src.display.clone(),
                });
            }
            // Cancelled inside the last file's records.
            report.cancelled |= cancel.load(Ordering::Relaxed);
            chunk.commit(conn)
        })();
        stop.store(true, Ordering::Relaxed);
        drop(rx);
        written
    });
    match result {
        Ok(()) => Ok(report),
        Err(e) => {
            if chunk.open {
                let _ = conn.rollback();
            }
            Err(e)
        }
    }
}

/// The write transaction of the chunk in flight. It is opened just before the first insert of
/// a chunk (the first one at the start of a batch that has files to read) and committed after [`CHUNK_ARTICLES`] articles or [`CHUNK_TIME`], so other
/// connections (the app's own edits) get the write lock between chunks.
#[derive(Default)]
pub(super) struct Chunk {
    pub(super) open: bool,
    pub(super) articles: usize,
    pub(super) started: Option<std::time::Instant>,
}

/// How long the importer leaves the write lock free between two chunks of a batch.
pub const LOCK_GAP: std::time::Duration = std::time::Duration::from_millis(25);

/// Longest time a chunk keeps the write lock.
pub const CHUNK_TIME: std::time::Duration = std::time::Duration::from_millis(250);

impl Chunk {
    pub(super) fn begin(&mut self, conn: &Store) -> Result<(), StoreError> {
        if !self.open {
            conn.begin_immediate()?;
            self.open = true;
            self.articles = 0;
            self.started = Some(std::time::Instant::now());
        }
        Ok(())
    }

    pub(super) fn commit(&mut self, conn: &Store) -> Result<(), StoreError> {
        if self.open {
            conn.commit()?;
            self.open = false;
        }
        Ok(())
    }

    pub(super) fn commit_if_due(&mut self, conn: &Store) -> Result<(), StoreError> {
        let late = self.started.is_some_and(|t| t.elapsed() >= CHUNK_TIME);
        if self.open && (self.articles >= CHUNK_ARTICLES || late) {
            self.commit(conn)?;
            // Leave the lock free for longer than a waiting writer's poll (the store's busy
            // handler sleeps up to 20 ms): the next article is usually ready at once (decoded
            // and extracted ahead), and re-taking the lock at once would starve other
            // processes' writers. The decoding threads keep working meanwhile.
            std::thread::sleep(LOCK_GAP);
        }
        Ok(())
    }
}

pub(super) fn failed(src: &Source, record: Option<usize>, reason: String) -> FileOutcome {
    FileOutcome {
        path: src.display.clone(),
        record,
        outcome: Outcome::Failed,
        reason: Some(reason),
        article_id: None,
        headline: None,
    }
}

pub(super) fn outcome(src: &Source, o: Outcome, reason: String) -> Vec<FileOutcome> {
    vec![FileOutcome {
        path: src.display.clone(),
        record: None,
        outcome: o,
        reason: Some(reason),
        article_id: None,
        headline: None,
    }]
}

/// A worker's part of one source: read, decode, parse, date, hash, and the caller's `prepare`
/// (extraction) for each article whose text `known` does not hold. Stops between records when
/// `cancel` is set.
pub(super) fn prepare_source<T, F: Fn(&NewArticle) -> T>(
    src: &Source,
    cancel: &AtomicBool,
    known: &std::collections::HashSet<String>,
    prepare: &F,
) -> Vec<Item<T>> {
    let done = |v: Vec<FileOutcome>| v.into_iter().map(Item::Done).collect();
    let name = &src.shown;
    let bytes: std::borrow::Cow<'_, [u8]> = match &src.content {
        Content::Outcome(o, reason) => return done(outcome(src, *o, reason.clone())),
        Content::Bytes(b) => (*b).into(),
        Content::File(p) => match read_limited(p) {
            Ok(b) => b.into(),
            Err(reason) => return done(vec![failed(src, None, format!("{name}: {reason}"))]),
        },
    };
    if bytes.is_empty() {
        return done(vec![failed(
            src,
            None,
            format!("{name}: the file is empty"),
        )]);
    }
    let Some(format) =
        Format::from_extension(src.file_name.rsplit_once('.').map(|(_, e)| e).unwrap_or(""))
    else {
        return done(vec![failed(
            src,
            None,
            format!("{name}: not a file type Arshif imports"),
        )]);
    };
    let decoded = match decode::decode(&bytes, format == Format::Html) {
        Ok(d) => d,
        Err(reason) => return done(vec![failed(src, None, format!("{name}: {reason}"))]),
    };
    drop(bytes);
    let records = formats::parse(format, &decoded.text);
    if records.is_empty() {
        // A CSV with only a header row, an empty JSON list: still one outcome for the file.
        return done(vec![failed(
            src,
            None,
            format!("{name}: contains no articles"),
        )]);
    }
    let mut out = Vec::with_capacity(records.len());
    for rec in records {
        // A file with many records (a large CSV) can be cancelled between records too.
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let label = match rec.record {
            Some(n) => format!("{name} (record {n})"),
            None => name.clone(),
        };
        let parsed = match rec.parsed {
            Ok(p) => p,
            Err(reason) => {
                out.push(Item::Done(failed(
                    src,
                    rec.record,
                    format!("{label}: {reason}"),
                )));
                continue;
            }
        };
        let article = to_new_article(parsed, src, rec.record, decoded.encoding);
        let hash = crate::store::content_hash(&article.headline, &article.body);
        let extra = (!known.contains(&hash)).then(|| prepare(&article));
        out.push(Item::Ready(Box::new(Ready {
            record: rec.record,
            label,
            article,
            hash,
            extra,
        })));
    }
    out
}

/// The writer's part of one source: stores each ready article (in the chunk's transaction)
/// and hands a new one's id and prepared work to `stored`; one outcome per item.
pub(super) fn write_items<T, F, S>(
    conn: &Store,
    src: &Source,
    items: Vec<Item<T>>,
    chunk: &mut Chunk,
    cancel: &AtomicBool,
    prepare: &F,
    stored: &mut S,
) -> Result<Vec<FileOutcome>, StoreError>
where
    F: Fn(&NewArticle) -> T,
    S: FnMut(&Store, i64, T) -> Result<(), StoreError>,
{
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let ready = match item {
            Item::Done(o) => {
                out.push(o);
                continue;
            }
            Item::Ready(r) => r,
        };
        // The batch loop then sees the flag and reports `cancelled`.
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        // Long files also release the write lock between chunks.
        chunk.commit_if_due(conn)?;
        let Ready {
            record,
            label,
            article,
            hash,
            extra,
        } = *ready;
        let note = if article.date.is_none() {
            article.date_note.clone()
        } else {
            None
        };
        let headline = Some(article.headline.clone());
        chunk.begin(conn)?;
        let o = match crate::store::articles::insert_article_hashed(conn, &article, &hash)? {
            Inserted::New(id) => {
                chunk.articles += 1;
                // Prepared by a worker unless the text was known when the batch started (and
                // deleted since): then prepared here.
                let extra = extra.unwrap_or_else(|| prepare(&article));
                stored(conn, id, extra)?;
                FileOutcome {
                    path: src.display.clone(),
                    record,
                    outcome: Outcome::Imported,
                    reason: note.map(|n| format!("undated: {n}")),
                    article_id: Some(id),
                    headline,
                }
            }
            Inserted::Duplicate {
                id,
                headline: existing,
            } => FileOutcome {
                path: src.display.clone(),
                record,
                outcome: Outcome::Duplicate,
                reason: Some(format!(
                    "{label}: same text as article {id} («{existing}»), not stored again"
                )),
                article_id: Some(id),
                headline,
            },
        };
        out.push(o);
    }
    Ok(out)
}

/// The file's bytes, refused when larger than [`MAX_FILE_BYTES`] or when it changed while it was
/// read (its size or modification time before and after the read differ, or the bytes read are
/// not as many as its size said: a file still being written or synced).
pub(super) fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_problem(&e))?;
    let too_large = |len: u64| {
        format!(
            "is too large to import: {:.1} MiB, larger than the {} MiB limit for one file",
            len as f64 / 1048576.0,
            MAX_FILE_BYTES / 1048576
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(|e| io_problem(&e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte past the limit tells a file that grew beyond it while being read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_problem(&e))?;
    let after = std::fs::metadata(path).map_err(|e| io_problem(&e))?;
    let changed = after.len() != meta.len()
        || bytes.len() as u64 != meta.len()
        || after.modified().ok() != meta.modified().ok();
    if changed {
        return Err(format!(
            "changed while it was being read (its size was {} bytes, {} bytes were read); \
             import it again once it is saved",
            meta.len(),
            bytes.len()
        ));
    }
    Ok(bytes)
}

pub(super) fn to_new_article(
    p: Parsed,
    src: &Source,
    record: Option<usize>,
    encoding: &str,
) -> NewArticle {
    let (date, date_note) = resolve_date(&p, &src.file_name);
    let lang = p
        .lang
        .as_deref()
        .and_then(lang_from_field)
        .unwrap_or_else(|| crate::text::lang::detect(&format!("{}\n{}", p.headline, p.body)));
    NewArticle {
        lang,
        outlet: p.outlet,
        url: p.url,
        author: p.author,
        tags: p.tags,
        date,
        date_note,
        source_path: Some(match record {
            Some(n) => format!("{}#{n}", src.display),
            None => src.display.clone(),
        }),
        source_encoding: Some(encoding.to_string()),
        headline: p.headline,
        body: p.body,
    }
}

/// Maps a `lang` field (`ar`, `ar-LY`, `Arabic`, `it_IT`, `English`...) to a [`Lang`]; `None`
/// when empty (then the text is detected instead).
pub(super) fn lang_from_field(s: &str) -> Option<Lang> {
    let s = s.trim().to_lowercase();
    if s.is_empty() {
        return None;
    }
    let code = s.split(['-', '_']).next().unwrap_or("");
    Some(match code {
        "ar" | "ara" | "arabic" | "العربية" => Lang::Ar,
        "en" | "eng" | "english" => Lang::En,
        "it" | "ita" | "italian" | "italiano" => Lang::It,
        _ => Lang::Other,
    })
}
