//! The archive exchange file ([`crate::export::exchange`], docs/exchange.md) to and from an
//! archive: [`export_exchange`] (`arshif exchange export FILE`) and [`import_exchange`] (called by
//! [`super::import_and_extract`] for a `.json` file with a `schema` member, so `arshif import`
//! and the app's Import read it like any file).
//!
//! Importing never appends what is already there, so importing a file back into the archive
//! that wrote it, or twice into another, changes nothing:
//! - articles are matched by content hash (a `duplicate` outcome);
//! - an edit is matched on its stable identity: its article's content hash, its meeting key (for
//!   a meeting added by hand, the edit that added it), its field and value. An archive edit
//!   matches at most one edit of the file, so an edit made twice on purpose stays twice.
//! - an edit the archive lacks is applied through [`crate::edits::apply`], to the same meeting
//!   (found by key, as re-extraction finds it), unless the archive itself set the same
//!   single-valued field (date, place, kind, status, "not a meeting") of that meeting to another
//!   value in an edit the file does not hold: that is reported as a conflict and not applied.
//!
//! Order: articles; then gazetteer additions and article dates (they change what extraction
//! finds); then extraction of what is pending; then meetings added by hand and meeting
//! corrections, in the file's order.

use super::reextract::extract_pending;
use crate::edits::{self, Edit, EditError, EditId, MeetingRef};
use crate::export::ExportError;
use crate::export::exchange::{
    ExchangeArticle, ExchangeEdit, ExchangeFile, ExchangeMeeting, ExchangeReadError,
};
use crate::import::exchange::ExchangeOutcome;
use crate::import::{FileOutcome, Outcome};
use crate::query::Filter;
use crate::store::{Inserted, NewArticle, Store, StoreError};
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// Why an exchange export or import failed.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The file is refused (unknown schema or version, not valid): nothing was written.
    #[error(transparent)]
    Refused(#[from] ExchangeReadError),
    /// The file cannot be read.
    #[error("{path}: cannot be read ({reason})")]
    Unreadable { path: String, reason: String },
    /// The archive failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The edit log or the user's gazetteer failed.
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The file is refused ([`ExportError::IsArchive`] names it).
    #[error(transparent)]
    Write(#[from] ExportError),
    /// Writing the file failed, e.g. the disk is full (names it; see [`crate::fsutil`]).
    #[error(transparent)]
    File(#[from] crate::fsutil::WriteFileError<serde_json::Error>),
}

/// What [`export_exchange`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExchangeSummary {
    pub articles: usize,
    pub edits: usize,
    /// Informative meetings written (0 without them).
    pub meetings: usize,
    pub bytes: u64,
}

impl std::fmt::Display for ExchangeSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} articles, {} edits and {} meetings written as an archive exchange file ({} bytes)",
            self.articles, self.edits, self.meetings, self.bytes
        )
    }
}

/// The exchange document of the whole archive: every article, every active edit, and (with
/// `with_meetings`) the meetings of the timeline without a filter.
///
/// # Errors
/// Database failures, or an edit row that no longer parses.
pub fn build_exchange(store: &Store, with_meetings: bool) -> Result<ExchangeFile, ExchangeError> {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut file = ExchangeFile::new(now);
    let mut hash_of: HashMap<i64, String> = HashMap::new();
    for a in crate::store::exchange::all_articles(store)? {
        hash_of.insert(a.id, a.content_hash.clone());
        file.articles.push(ExchangeArticle {
            content_hash: a.content_hash,
            headline: a.headline,
            body: a.body,
            lang: a.lang,
            outlet: a.outlet,
            url: a.url,
            author: a.author,
            tags: a.tags,
            date: a.date,
            date_note: a.date_note,
            source_path: a.source_path,
            source_encoding: a.source_encoding,
        });
    }
    // `user:<edit id>` → `user:@<position in the file>` (edit ids are this archive's own).
    let mut position_of: HashMap<i64, usize> = HashMap::new();
    let rows = crate::store::edit_log::all_edits(store)?;
    for row in rows.into_iter().filter(|r| r.state == "active") {
        if row.field == "add_meeting" {
            position_of.insert(row.id, file.edits.len());
        }
        let key = row.meeting_key.map(|k| match user_edit_id(&k) {
            Some(id) => position_of
                .get(&id)
                .map_or(k.clone(), |n| format!("user:@{n}")),
            None => k,
        });
        let value = serde_json::from_str(&row.value).map_err(|_| {
            StoreError::unreadable(5, format!("edit #{} has an unreadable value", row.id))
        })?;
        file.edits.push(ExchangeEdit {
            field: row.field,
            article: row.article_id.and_then(|id| hash_of.get(&id).cloned()),
            key,
            anchor: row.anchor,
            value,
            created_at: row.created_at,
        });
    }
    if with_meetings {
        for m in crate::query::timeline(store, &Filter::default())? {
            let key = m.key.split_once('/').map_or(m.key.as_str(), |(_, k)| k);
            let key = match user_edit_id(key).and_then(|id| position_of.get(&id)) {
                Some(n) => format!("user:@{n}"),
                None => key.to_string(),
            };
            file.meetings.push(ExchangeMeeting {
                articles: m
                    .article_ids
                    .iter()
                    .filter_map(|id| hash_of.get(id).cloned())
                    .collect(),
                key,
                date: m.date,
                precision: m.precision,
                place: m.place,
                kind: m.kind,
                status: m.status,
                participants: m.participants,
                topics: m.topics,
            });
        }
    }
    Ok(file)
}

/// Writes the archive's exchange file to `out` (see [`build_exchange`]), atomically.
///
/// # Errors
/// The archive fails, or the file cannot be written ([`ExchangeError::Write`] names it).
pub fn export_exchange(
    store: &Store,
    out: &Path,
    with_meetings: bool,
) -> Result<ExchangeSummary, ExchangeError> {
    super::export::refuse_archive_path(store, out)?;
    let file = build_exchange(store, with_meetings)?;
    // One atomic writer for every file Arshif writes (crate::fsutil); the same bytes as
    // `crate::export::exchange::write_file`: pretty JSON and a final newline.
    let bytes = crate::fsutil::atomic_write(out, |w| {
        let mut counted = Counted { inner: w, bytes: 0 };
        serde_json::to_writer_pretty(&mut counted, &file)?;
        std::io::Write::write_all(&mut counted, b"\n").map_err(serde_json::Error::io)?;
        Ok::<_, serde_json::Error>(counted.bytes)
    })?;
    Ok(ExchangeSummary {
        articles: file.articles.len(),
        edits: file.edits.len(),
        meetings: file.meetings.len(),
        bytes,
    })
}

/// A writer counting the bytes written through it.
struct Counted<'a> {
    inner: &'a mut dyn std::io::Write,
    bytes: u64,
}

impl std::io::Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Whether `path` is a file that claims to be an exchange file (a `.json` file holding a JSON
/// object with a `schema` member): [`super::import_and_extract`] sends it here.
pub fn is_exchange_file(path: &Path) -> bool {
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let small = std::fs::metadata(path)
        .is_ok_and(|m| m.is_file() && m.len() <= crate::import::MAX_FILE_BYTES);
    json && small
        && std::fs::read_to_string(path).is_ok_and(|t| crate::export::exchange::claims_exchange(&t))
}

/// Imports the exchange file at `path` into `store` (see the module docs): one
/// [`FileOutcome`] per article (`imported` or `duplicate`, `record` = its 1-based position)
/// and what became of the edits.
///
/// # Errors
/// [`ExchangeError::Refused`] (an unknown schema or version, a file that does not follow the
/// schema) and [`ExchangeError::Unreadable`] before anything is written; database failures.
pub fn import_exchange(
    store: &mut Store,
    path: &Path,
    cancel: &AtomicBool,
) -> Result<(Vec<FileOutcome>, ExchangeOutcome), ExchangeError> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ExchangeError::Unreadable {
        path: display.clone(),
        reason: e.to_string(),
    })?;
    let file = ExchangeFile::from_json(&text, path)?;
    let edits = check_edits(&file, path)?;

    // Articles, in one transaction: the file's hash → this archive's article id.
    let mut outcomes = Vec::new();
    let mut local: HashMap<String, i64> = HashMap::new();
    store.begin_immediate()?;
    let inserted = (|| -> Result<(), StoreError> {
        for (i, a) in file.articles.iter().enumerate() {
            let (outcome, id) = match store.insert_article(&to_new_article(a))? {
                Inserted::New(id) => (Outcome::Imported, id),
                Inserted::Duplicate { id, .. } => (Outcome::Duplicate, id),
            };
            local.insert(a.content_hash.clone(), id);
            outcomes.push(FileOutcome {
                path: display.clone(),
                record: Some(i + 1),
                outcome,
                reason: (outcome == Outcome::Duplicate)
                    .then(|| format!("{display} (record {}): same text as article {id}", i + 1)),
                article_id: Some(id),
                headline: Some(a.headline.clone()),
            });
        }
        Ok(())
    })();
    match inserted {
        Ok(()) => store.commit()?,
        Err(e) => {
            let _ = store.rollback();
            return Err(e.into());
        }
    }

    let mut report = ExchangeOutcome {
        path: display,
        ..ExchangeOutcome::default()
    };
    let mut known = ArchiveEdits::read(store)?;
    let mut user_meeting: HashMap<usize, EditId> = HashMap::new();
    let affects_extraction = |e: &ExchangeEdit| {
        matches!(
            e.field.as_str(),
            "add_alias" | "add_official" | "article_date"
        )
    };
    for (e, parts) in file.edits.iter().zip(&edits) {
        if affects_extraction(e) {
            apply_one(store, e, parts, &local, &mut known, &mut report, None)?;
        }
    }
    let extractor = super::archive_extractor(store)?;
    let found = extract_pending(store, &extractor, &mut |_, _| {}, cancel)?;
    report.meetings_found = found.meetings;
    for (i, (e, parts)) in file.edits.iter().zip(&edits).enumerate() {
        if affects_extraction(e) {
            continue;
        }
        let mut parts = parts.clone();
        if let Some(n) = parts.user_meeting {
            match user_meeting.get(&n) {
                Some(id) => parts.key = Some(format!("user:{id}")),
                None => {
                    report.not_applied.push(format!(
                        "edit {} ({}): the meeting added by hand it corrects was not added",
                        i + 1,
                        e.field
                    ));
                    continue;
                }
            }
        }
        let id = apply_one(store, e, &parts, &local, &mut known, &mut report, Some(i))?;
        if let (Some(id), "add_meeting") = (id, e.field.as_str()) {
            user_meeting.insert(i, id);
        }
    }
    Ok((outcomes, report))
}

/// An edit of the file with its references checked: the key to use (a `user:@N` reference is
/// resolved when the edits are applied).
#[derive(Debug, Clone)]
struct EditParts {
    key: Option<String>,
    /// N of a `user:@N` key.
    user_meeting: Option<usize>,
}

/// Checks every edit before anything is written: its article is in the file, its value is an
/// edit this build knows, a `user:@N` key names an earlier `add_meeting`.
fn check_edits(file: &ExchangeFile, path: &Path) -> Result<Vec<EditParts>, ExchangeError> {
    let hashes: HashSet<&str> = file
        .articles
        .iter()
        .map(|a| a.content_hash.as_str())
        .collect();
    let invalid = |i: usize, why: String| ExchangeReadError::Invalid {
        path: path.to_path_buf(),
        reason: format!("edit {} {why}", i + 1),
    };
    let mut out = Vec::new();
    for (i, e) in file.edits.iter().enumerate() {
        if let Some(h) = &e.article
            && !hashes.contains(h.as_str())
        {
            return Err(invalid(i, format!("names an article not in the file ({h})")).into());
        }
        let user_meeting = match e.key.as_deref().and_then(|k| k.strip_prefix("user:@")) {
            Some(n) => {
                let n: usize = n
                    .parse()
                    .map_err(|_| invalid(i, "has an unreadable user:@ key".into()))?;
                if n >= i || file.edits[n].field != "add_meeting" {
                    return Err(
                        invalid(i, format!("names user:@{n}, not an earlier add_meeting")).into(),
                    );
                }
                Some(n)
            }
            None => None,
        };
        to_edit(e, Some(0), e.key.clone()).map_err(|why| invalid(i, why))?;
        out.push(EditParts {
            key: e.key.clone(),
            user_meeting,
        });
    }
    Ok(out)
}

/// The file's article as this archive stores it.
fn to_new_article(a: &ExchangeArticle) -> NewArticle {
    NewArticle {
        headline: a.headline.clone(),
        body: a.body.clone(),
        lang: a.lang,
        outlet: a.outlet.clone(),
        url: a.url.clone(),
        author: a.author.clone(),
        tags: a.tags.clone(),
        date: a.date,
        date_note: a.date_note.clone(),
        source_path: a.source_path.clone(),
        source_encoding: a.source_encoding.clone(),
    }
}

/// The [`Edit`] an exchange edit makes, for the article `article_id` of this archive.
fn to_edit(e: &ExchangeEdit, article_id: Option<i64>, key: Option<String>) -> Result<Edit, String> {
    let bad = |what: &str, err: serde_json::Error| {
        format!("({}) has an unreadable {what}: {err}", e.field)
    };
    let article = || article_id.ok_or_else(|| format!("({}) names no article", e.field));
    let v = e.value.clone();
    Ok(match e.field.as_str() {
        "add_meeting" => Edit::AddMeeting {
            article_id: article()?,
            meeting: serde_json::from_value(v).map_err(|err| bad("meeting", err))?,
        },
        "article_date" => Edit::ArticleDate {
            article_id: article()?,
            date: serde_json::from_value(v).map_err(|err| bad("date", err))?,
        },
        "add_alias" => Edit::AddAlias {
            entity: serde_json::from_value(v["entity"].clone())
                .map_err(|err| bad("entity", err))?,
            key: key.ok_or("(add_alias) names no entry")?,
            alias: v["alias"]
                .as_str()
                .ok_or("(add_alias) has no alias")?
                .to_string(),
        },
        "add_official" => Edit::AddOfficial {
            person: serde_json::from_value(v).map_err(|err| bad("official", err))?,
        },
        f if crate::edits::entities::FIELDS.contains(&f) => crate::edits::entities::from_value(v)?,
        _ => Edit::Meeting {
            target: MeetingRef {
                article_id: article()?,
                key: key.ok_or_else(|| format!("({}) names no meeting", e.field))?,
                anchor: e.anchor,
            },
            change: serde_json::from_value(v).map_err(|err| bad("change", err))?,
        },
    })
}

/// Fields a meeting has one value of: two archives setting them differently conflict.
const SINGLE_VALUED: [&str; 5] = ["date", "place", "kind", "status", "not_meeting"];

/// The slot a single-valued edit sets: a meeting's field (article, meeting key, field) or an
/// article's date (article, "", `article_date`). `None` for edits that add to a list.
fn single_slot(
    field: &str,
    article: Option<i64>,
    key: Option<&str>,
) -> Option<(i64, String, String)> {
    let a = article?;
    match key {
        Some(k) if SINGLE_VALUED.contains(&field) => Some((a, k.to_owned(), field.to_owned())),
        None if field == "article_date" => Some((a, String::new(), field.to_owned())),
        _ => None,
    }
}

/// The archive's active edits by stable identity, to match the file's edits against.
struct ArchiveEdits {
    /// Identity (see [`identity`]) → ids of the archive's edits with it, oldest first.
    by_identity: HashMap<String, VecDeque<EditId>>,
    /// (article id, meeting key, field) of single-valued fields → (edit id, value) not matched
    /// by the file.
    single: HashMap<(i64, String, String), Vec<(EditId, String)>>,
}

impl ArchiveEdits {
    fn read(store: &Store) -> Result<ArchiveEdits, ExchangeError> {
        let mut known = ArchiveEdits {
            by_identity: HashMap::new(),
            single: HashMap::new(),
        };
        for row in crate::store::edit_log::all_edits(store)?
            .into_iter()
            .filter(|r| r.state == "active")
        {
            let value: serde_json::Value =
                serde_json::from_str(&row.value).unwrap_or(serde_json::Value::Null);
            let id = identity(
                &row.field,
                row.article_id,
                row.meeting_key.as_deref(),
                &value,
            );
            known.by_identity.entry(id).or_default().push_back(row.id);
            if let Some(slot) = single_slot(&row.field, row.article_id, row.meeting_key.as_deref())
            {
                known
                    .single
                    .entry(slot)
                    .or_default()
                    .push((row.id, value.to_string()));
            }
        }
        Ok(known)
    }

    /// Takes the archive's edit with this identity, if one is left unmatched.
    fn take(&mut self, identity: &str) -> Option<EditId> {
        let id = self.by_identity.get_mut(identity)?.pop_front()?;
        for v in self.single.values_mut() {
            v.retain(|(e, _)| *e != id);
        }
        Some(id)
    }
}

/// An edit's stable identity in this archive: field, article, meeting key, value.
fn identity(
    field: &str,
    article: Option<i64>,
    key: Option<&str>,
    value: &serde_json::Value,
) -> String {
    let article = article.map(|a| a.to_string()).unwrap_or_default();
    format!(
        "{field}\u{1f}{article}\u{1f}{}\u{1f}{value}",
        key.unwrap_or("")
    )
}

/// Applies one edit of the file unless the archive has it (then counts it as present) or set
/// the same single-valued field otherwise (a conflict). Returns the edit id in this archive of
/// the edit applied or matched; `None` when it was not applied. `position` is the edit's index
/// in the file (for messages; `None` for the first phase, where it is not shown).
fn apply_one(
    store: &Store,
    e: &ExchangeEdit,
    parts: &EditParts,
    local: &HashMap<String, i64>,
    known: &mut ArchiveEdits,
    report: &mut ExchangeOutcome,
    position: Option<usize>,
) -> Result<Option<EditId>, ExchangeError> {
    let article = e.article.as_ref().and_then(|h| local.get(h).copied());
    let id = identity(&e.field, article, parts.key.as_deref(), &e.value);
    if let Some(existing) = known.take(&id) {
        report.edits_already_present += 1;
        return Ok(Some(existing));
    }
    let label = |what: &str| {
        let n = position
            .map(|i| format!("edit {} ", i + 1))
            .unwrap_or_default();
        format!(
            "{n}({}) of meeting «{}» in article {}: {what}",
            e.field,
            parts.key.as_deref().unwrap_or(""),
            article.map(|a| a.to_string()).unwrap_or_default()
        )
    };
    if let Some(slot) = single_slot(&e.field, article, parts.key.as_deref())
        && let Some(theirs) = known.single.get(&slot)
        && let Some((_, value)) = theirs.last()
    {
        report.conflicts.push(label(&format!(
            "this archive has {value}, the file {}; kept this archive's value",
            e.value
        )));
        return Ok(None);
    }
    let edit = to_edit(e, article, parts.key.clone()).map_err(EditError::Invalid)?;
    match edits::apply(store, &edit) {
        Ok(applied) => {
            report.edits_applied += 1;
            Ok(Some(applied.id))
        }
        Err(
            err @ (EditError::NoMeeting { .. } | EditError::NoArticle(_) | EditError::Invalid(_)),
        ) => {
            report.not_applied.push(label(&err.to_string()));
            Ok(None)
        }
        Err(err) => Err(err.into()),
    }
}

/// [`EditId`] of a `user:<id>` key.
fn user_edit_id(key: &str) -> Option<i64> {
    key.strip_prefix("user:")?.parse().ok()
}
