//! Extracted meetings in the archive (tables of migration 3): writing one article's meetings,
//! and knowing which articles still need extraction.
//!
//! Rows are denormalised on purpose: a participant row carries the names, role, body and country
//! exactly as extraction resolved them, so the timeline and its facet counts are plain GROUP BYs
//! and never need the gazetteer. Re-extraction replaces an article's rows whole.

use crate::model::{DatePrecision, MeetingKind, MeetingStatus, Side};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A named thing with a stable key and names in both scripts (a place, a body, a topic).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// Gazetteer id (`tripoli`, `it_interior`, `illegal_migration`).
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
}

/// One participant as extraction resolved it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewParticipant {
    /// `people.toml` id, or `new:<normalised name>` for an official found by a title construction.
    pub person_key: String,
    pub name_en: String,
    pub name_ar: String,
    /// The name exactly as the article wrote it.
    pub as_written: String,
    /// Role in English ("Minister of the Interior"), empty when unknown.
    pub role: String,
    pub body: Option<Named>,
    /// ISO 3166-1 alpha-2, `EU`, or empty.
    pub country: String,
    pub side: Side,
    pub needs_review: bool,
    /// Byte range of the name in the article body (original text).
    pub span: Option<Range<usize>>,
}

/// A topic of a meeting with the span of its cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTopic {
    pub topic: Named,
    pub span: Option<Range<usize>>,
}

/// A piece of evidence: a byte span of the article body and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One evidence span as the `meetings.evidence` column stores it: the byte range into the
/// article's text (`headline + "\n" + body`, as extraction reads it:
/// [`crate::pipeline::article_text`]), and the text only when it is not that slice of the
/// article (never, for what extraction writes).
#[derive(Serialize, Deserialize)]
struct StoredSpan<'a> {
    start: usize,
    end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none", borrow)]
    text: Option<std::borrow::Cow<'a, str>>,
}

/// The text extraction reads of article `id` (headline, a newline, body), `None` when no such
/// article exists. The same text as [`crate::pipeline::article_text`].
fn article_text(store: &Store, id: i64) -> Result<Option<String>, StoreError> {
    Ok(store
        .conn
        .prepare_cached("SELECT headline || char(10) || body FROM articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The `evidence` column's JSON for `evidence` in an article whose text is `text`.
fn evidence_column(evidence: &[EvidenceSpan], text: Option<&str>) -> String {
    let spans: Vec<StoredSpan<'_>> = evidence
        .iter()
        .map(|e| StoredSpan {
            start: e.start,
            end: e.end,
            text: (text.and_then(|t| t.get(e.start..e.end)) != Some(e.text.as_str()))
                .then(|| e.text.as_str().into()),
        })
        .collect();
    serde_json::to_string(&spans).unwrap_or_else(|_| "[]".into())
}

/// The evidence spans of a stored `evidence` column, each span's text taken from the article's
/// `text` when the column does not hold it (a span outside the text reads as empty). Columns
/// written before offsets-only storage (with every text) read as they are. Unreadable JSON
/// reads as no evidence.
pub fn evidence_from_column(json: &str, text: &str) -> Vec<EvidenceSpan> {
    let spans: Vec<StoredSpan<'_>> = serde_json::from_str(json).unwrap_or_default();
    spans
        .into_iter()
        .map(|s| EvidenceSpan {
            text: match s.text {
                Some(t) => t.into_owned(),
                None => text.get(s.start..s.end).unwrap_or_default().to_owned(),
            },
            start: s.start,
            end: s.end,
        })
        .collect()
}

/// A meeting ready to be stored for one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMeeting {
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub date: Option<(NaiveDate, DatePrecision)>,
    /// How the date was derived ("«اليوم» resolved against the article date 2021-04-19"), or why
    /// the meeting is undated.
    pub date_note: Option<String>,
    pub weekday_conflict: bool,
    pub place: Option<Named>,
    /// 0..1.
    pub confidence: f32,
    pub evidence: Vec<EvidenceSpan>,
    pub participants: Vec<NewParticipant>,
    pub topics: Vec<NewTopic>,
}

fn side_str(s: Side) -> &'static str {
    match s {
        Side::Libya => "libya",
        Side::Europe => "europe",
        Side::Other => "other",
    }
}

/// Parses the `side` column back.
pub fn parse_side(s: &str) -> Side {
    match s {
        "libya" => Side::Libya,
        "europe" => Side::Europe,
        _ => Side::Other,
    }
}

/// Replaces every extracted meeting of `article_id` with `meetings` and records that the article
/// went through extraction `version` (a string naming the gazetteer and rules). Runs in its own
/// savepoint, so it is atomic whether or not the caller holds a transaction.
///
/// # Errors
/// Database failures ([`StoreError::Sqlite`]), e.g. an `article_id` that does not exist.
pub fn replace_for_article(
    store: &Store,
    article_id: i64,
    meetings: &[NewMeeting],
    version: &str,
) -> Result<(), StoreError> {
    store
        .in_savepoint("replace_meetings", || {
            write_meetings(store, article_id, meetings, version)
        })
        .map_err(|e| e.at(store.path()))
}

/// The meeting's facts in the column order `kind, status, date, date_precision, date_note,
/// weekday_conflict, place_key, place_en, place_ar` (one binding for extraction's INSERT and the
/// edits' UPDATE of the `meetings` table).
pub(crate) fn fact_columns(m: &NewMeeting) -> [Value; 9] {
    let text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::Text(s.to_owned()));
    let date = m.date.map(|(d, _)| d.format("%Y-%m-%d").to_string());
    [
        Value::from(m.kind.as_str().to_owned()),
        Value::from(m.status.as_str().to_owned()),
        text(date.as_deref()),
        text(m.date.map(|(_, p)| p.as_str())),
        text(m.date_note.as_deref()),
        Value::from(m.weekday_conflict),
        text(m.place.as_ref().map(|p| p.key.as_str())),
        text(m.place.as_ref().map(|p| p.name_en.as_str())),
        text(m.place.as_ref().map(|p| p.name_ar.as_str())),
    ]
}

fn write_meetings(
    store: &Store,
    article_id: i64,
    meetings: &[NewMeeting],
    version: &str,
) -> Result<(), StoreError> {
    let conn = &store.conn;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    conn.execute("DELETE FROM meetings WHERE article_id = ?1", [article_id])?;
    let mut ins_meeting = conn.prepare_cached(
        "INSERT INTO meetings (article_id, ordinal, kind, status, date, date_precision, date_note,
             weekday_conflict, place_key, place_en, place_ar, confidence, evidence, extracted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    // Evidence is stored as byte ranges into the article's text, which holds the sentences.
    let text = match meetings.iter().any(|m| !m.evidence.is_empty()) {
        true => article_text(store, article_id)?,
        false => None,
    };
    for (ordinal, m) in meetings.iter().enumerate() {
        let evidence = evidence_column(&m.evidence, text.as_deref());
        let mut values = vec![Value::from(article_id), Value::from(ordinal as i64)];
        values.extend(fact_columns(m));
        values.extend([
            Value::from(f64::from(m.confidence)),
            Value::from(evidence),
            Value::from(now.clone()),
        ]);
        ins_meeting.execute(rusqlite::params_from_iter(values))?;
        write_children(store, conn.last_insert_rowid(), m)?;
    }
    conn.execute(
        "INSERT INTO extraction_state (article_id, version, extracted_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(article_id) DO UPDATE SET version = excluded.version, extracted_at = excluded.extracted_at",
        params![article_id, version, now],
    )?;
    Ok(())
}

/// Replaces the participants and topics of meeting `meeting_id` with those of `m` (the meeting
/// row itself is left as it is). Used by extraction and by user corrections alike.
///
/// # Errors
/// Database failures, e.g. a `meeting_id` that does not exist.
pub fn write_children(store: &Store, meeting_id: i64, m: &NewMeeting) -> Result<(), StoreError> {
    let conn = &store.conn;
    conn.execute(
        "DELETE FROM meeting_participants WHERE meeting_id = ?1",
        [meeting_id],
    )?;
    conn.execute(
        "DELETE FROM meeting_topics WHERE meeting_id = ?1",
        [meeting_id],
    )?;
    let mut ins_part = conn.prepare_cached(
        "INSERT INTO meeting_participants (meeting_id, ordinal, person_key, name_en, name_ar,
             as_written, role, body_key, body_en, body_ar, country, side, needs_review, span_start, span_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for (i, p) in m.participants.iter().enumerate() {
        ins_part.execute(params![
            meeting_id,
            i as i64,
            p.person_key,
            p.name_en,
            p.name_ar,
            p.as_written,
            p.role,
            p.body.as_ref().map(|b| &b.key),
            p.body.as_ref().map(|b| &b.name_en),
            p.body.as_ref().map(|b| &b.name_ar),
            p.country,
            side_str(p.side),
            p.needs_review,
            p.span.as_ref().map(|s| s.start as i64),
            p.span.as_ref().map(|s| s.end as i64),
        ])?;
    }
    let mut ins_topic = conn.prepare_cached(
        "INSERT OR IGNORE INTO meeting_topics (meeting_id, topic_key, label_en, label_ar, span_start, span_end)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for t in &m.topics {
        ins_topic.execute(params![
            meeting_id,
            t.topic.key,
            t.topic.name_en,
            t.topic.name_ar,
            t.span.as_ref().map(|s| s.start as i64),
            t.span.as_ref().map(|s| s.end as i64),
        ])?;
    }
    Ok(())
}

/// Ids of the articles not yet extracted with `version` (never extracted, or by another version),
/// oldest first. This is how an interrupted import or a gazetteer change is caught up.
///
/// # Errors
/// Database failures.
pub fn articles_needing_extraction(store: &Store, version: &str) -> Result<Vec<i64>, StoreError> {
    let conn = &store.conn;
    let mut stmt = conn.prepare(
        "SELECT a.id FROM articles a LEFT JOIN extraction_state e ON e.article_id = a.id
         WHERE e.version IS NULL OR e.version <> ?1 ORDER BY a.id",
    )?;
    let ids = stmt
        .query_map([version], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Forgets which articles were extracted, so the next catch-up re-extracts them all.
///
/// # Errors
/// Database failures.
pub fn mark_all_for_extraction(store: &Store) -> Result<(), StoreError> {
    let conn = &store.conn;
    conn.execute("DELETE FROM extraction_state", [])?;
    Ok(())
}

/// Number of stored meetings.
///
/// # Errors
/// Database failures.
pub fn count_meetings(store: &Store) -> Result<i64, StoreError> {
    let conn = &store.conn;
    Ok(conn.query_row("SELECT COUNT(*) FROM meetings", [], |r| r.get(0))?)
}

/// Ids and ordinals of every meeting row of `article_id` (hidden ones included), in order.
///
/// # Errors
/// Database failures.
pub fn article_meeting_ids(store: &Store, article_id: i64) -> Result<Vec<(i64, i64)>, StoreError> {
    let mut stmt = store
        .conn
        .prepare("SELECT id, ordinal FROM meetings WHERE article_id = ?1 ORDER BY ordinal")?;
    let rows = stmt
        .query_map([article_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

// ---------------------------------------------------------------------------------------------
// What the user's corrections (crate::edits) read and write on meeting rows.

/// A meeting row of an article as the edits see it.
#[derive(Debug, Clone, PartialEq)]
pub struct EditableRow {
    pub id: i64,
    /// The meeting's stable key (`khaled_mazen+luciana_lamorgese`, `user:<edit id>`); `None` for
    /// rows extracted before edits existed.
    pub key: Option<String>,
    /// Byte start of the first evidence sentence.
    pub anchor: Option<i64>,
    /// The meeting as extracted ([`NewMeeting`] as JSON). Stored only once a correction changed
    /// the row (or when the row could not hold it exactly); otherwise rebuilt from the row's own
    /// columns, which then are the meeting as extracted. `None` for rows from before edits.
    pub extracted: Option<String>,
    pub user_edited: bool,
    /// Why the row is hidden (`not_meeting`, `deleted`), if it is.
    pub hidden: Option<String>,
}

/// The meeting rows of `article_id` as the edits see them, in order.
///
/// # Errors
/// Database failures.
pub fn editable_rows(store: &Store, article_id: i64) -> Result<Vec<EditableRow>, StoreError> {
    let conn = &store.conn;
    let mut stmt = conn.prepare_cached(
        "SELECT id, meeting_key, anchor, extracted, user_edited, hidden FROM meetings
         WHERE article_id = ?1 ORDER BY ordinal",
    )?;
    let mut rows = stmt
        .query_map([article_id], |r| {
            Ok(EditableRow {
                id: r.get(0)?,
                key: r.get(1)?,
                anchor: r.get(2)?,
                extracted: r.get(3)?,
                user_edited: r.get(4)?,
                hidden: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    for row in &mut rows {
        if row.extracted.is_none() && row.key.is_some() {
            // Not stored: the row's own columns are the meeting as extracted (see set_identities).
            row.extracted = row_meeting(store, row.id)?.map(|m| snapshot(&m));
        }
    }
    Ok(rows)
}

/// The JSON snapshot of a meeting as extracted (what `meetings.extracted` holds).
fn snapshot(m: &NewMeeting) -> String {
    serde_json::to_string(m).unwrap_or_default()
}

/// The meeting row `id` read back as a [`NewMeeting`] (its columns, participants in order,
/// topics in the order written), or `None` when no such row exists.
fn row_meeting(store: &Store, id: i64) -> Result<Option<NewMeeting>, StoreError> {
    let conn = &store.conn;
    let bad = |what: &str, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("meeting {id}: unknown {what} «{v}»").into(),
        )
    };
    let named = |key: Option<String>, en: Option<String>, ar: Option<String>| {
        key.map(|key| Named {
            key,
            name_en: en.unwrap_or_default(),
            name_ar: ar.unwrap_or_default(),
        })
    };
    let Some(mut m) = conn
        .prepare_cached(
            "SELECT m.kind, m.status, m.date, m.date_precision, m.date_note, m.weekday_conflict,
                    m.place_key, m.place_en, m.place_ar, m.confidence, m.evidence,
                    a.headline || char(10) || a.body
             FROM meetings m JOIN articles a ON a.id = m.article_id WHERE m.id = ?1",
        )?
        .query_row([id], |r| {
            let kind: String = r.get(0)?;
            let status: String = r.get(1)?;
            let date: Option<String> = r.get(2)?;
            let precision: Option<String> = r.get(3)?;
            let date = match (date, precision.as_deref()) {
                (Some(d), Some(p)) => {
                    let d =
                        NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| bad("date", &d))?;
                    let p = match p {
                        "day" => DatePrecision::Day,
                        "month" => DatePrecision::Month,
                        "year" => DatePrecision::Year,
                        other => return Err(bad("date precision", other)),
                    };
                    Some((d, p))
                }
                _ => None,
            };
            let evidence: String = r.get(10)?;
            let text: String = r.get(11)?;
            Ok(NewMeeting {
                kind: MeetingKind::parse(&kind).ok_or_else(|| bad("kind", &kind))?,
                status: match status.as_str() {
                    "held" => MeetingStatus::Held,
                    "announced" => MeetingStatus::Announced,
                    "cancelled" => MeetingStatus::Cancelled,
                    other => return Err(bad("status", other)),
                },
                date,
                date_note: r.get(4)?,
                weekday_conflict: r.get(5)?,
                place: named(r.get(6)?, r.get(7)?, r.get(8)?),
                confidence: r.get::<_, f64>(9)? as f32,
                evidence: evidence_from_column(&evidence, &text),
                participants: Vec::new(),
                topics: Vec::new(),
            })
        })
        .optional()?
    else {
        return Ok(None);
    };
    let span = |s: Option<i64>, e: Option<i64>| match (s, e) {
        (Some(s), Some(e)) => Some(s as usize..e as usize),
        _ => None,
    };
    m.participants = conn
        .prepare_cached(
            "SELECT person_key, name_en, name_ar, as_written, role, body_key, body_en, body_ar,
                    country, side, needs_review, span_start, span_end
             FROM meeting_participants WHERE meeting_id = ?1 ORDER BY ordinal",
        )?
        .query_map([id], |r| {
            Ok(NewParticipant {
                person_key: r.get(0)?,
                name_en: r.get(1)?,
                name_ar: r.get(2)?,
                as_written: r.get(3)?,
                role: r.get(4)?,
                body: named(r.get(5)?, r.get(6)?, r.get(7)?),
                country: r.get(8)?,
                side: parse_side(&r.get::<_, String>(9)?),
                needs_review: r.get(10)?,
                span: span(r.get(11)?, r.get(12)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    m.topics = conn
        .prepare_cached(
            "SELECT topic_key, label_en, label_ar, span_start, span_end
             FROM meeting_topics WHERE meeting_id = ?1 ORDER BY rowid",
        )?
        .query_map([id], |r| {
            Ok(NewTopic {
                topic: Named {
                    key: r.get(0)?,
                    name_en: r.get(1)?,
                    name_ar: r.get(2)?,
                },
                span: span(r.get(3)?, r.get(4)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(m))
}

/// Stores the snapshot of meeting row `id` from its columns when it is not stored (the columns
/// are about to stop being the meeting as extracted: a correction is written over them).
fn keep_snapshot(store: &Store, id: i64) -> Result<(), StoreError> {
    let elided: bool = store
        .conn
        .prepare_cached(
            "SELECT extracted IS NULL AND meeting_key IS NOT NULL FROM meetings WHERE id = ?1",
        )?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    if elided && let Some(m) = row_meeting(store, id)? {
        store
            .conn
            .prepare_cached("UPDATE meetings SET extracted = ?2 WHERE id = ?1")?
            .execute(params![id, snapshot(&m)])?;
    }
    Ok(())
}

/// The identity columns of a meeting row: (article id, meeting key, anchor).
pub type MeetingIdentity = (i64, Option<String>, Option<i64>);

/// The identity columns of meeting row `meeting_id` ([`MeetingIdentity`]), or `None` when no
/// such row exists.
///
/// # Errors
/// Database failures.
pub fn meeting_identity(
    store: &Store,
    meeting_id: i64,
) -> Result<Option<MeetingIdentity>, StoreError> {
    Ok(store
        .conn
        .query_row(
            "SELECT article_id, meeting_key, anchor FROM meetings WHERE id = ?1",
            [meeting_id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get(2)?,
                ))
            },
        )
        .optional()?)
}

/// Deletes the meeting row `id` (a meeting added by hand whose edit was undone).
///
/// # Errors
/// Database failures.
pub fn delete_meeting(store: &Store, id: i64) -> Result<(), StoreError> {
    store
        .conn
        .execute("DELETE FROM meetings WHERE id = ?1", [id])?;
    Ok(())
}

/// Rewrites meeting row `id` with the effective meeting `m` (its facts, participants and topics),
/// `confidence`, the `user_edited` mark and why it is hidden (`None`: shown).
///
/// # Errors
/// Database failures.
pub fn write_effective(
    store: &Store,
    id: i64,
    m: &NewMeeting,
    confidence: f64,
    edited: bool,
    hidden: Option<&str>,
) -> Result<(), StoreError> {
    keep_snapshot(store, id)?;
    store.conn.execute(
        "UPDATE meetings SET kind = ?2, status = ?3, date = ?4, date_precision = ?5, date_note = ?6,
             weekday_conflict = ?7, place_key = ?8, place_en = ?9, place_ar = ?10, confidence = ?11,
             user_edited = ?12, hidden = ?13
         WHERE id = ?1",
        rusqlite::params_from_iter(
            std::iter::once(Value::from(id))
                .chain(fact_columns(m))
                .chain([
                    Value::from(confidence),
                    Value::from(edited),
                    hidden.map_or(Value::Null, |h| h.to_owned().into()),
                ]),
        ),
    )?;
    write_children(store, id, m)
}

/// Inserts a meeting added by hand to `article_id` under `key` (after the article's other
/// meetings; facts, participants and topics are then written by [`write_effective`]). Returns
/// the new row's id.
///
/// # Errors
/// Database failures, e.g. an `article_id` that does not exist.
pub fn insert_user_meeting(
    store: &Store,
    article_id: i64,
    key: &str,
    m: &NewMeeting,
    now: &str,
) -> Result<i64, StoreError> {
    let conn = &store.conn;
    let ordinal: i64 = conn.query_row(
        "SELECT COALESCE(MAX(ordinal), -1) + 1 FROM meetings WHERE article_id = ?1",
        [article_id],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO meetings (article_id, ordinal, kind, status, confidence, evidence, extracted_at,
             meeting_key, anchor, extracted, user_edited)
         VALUES (?1, ?2, ?3, ?4, 1.0, ?5, ?6, ?7, NULL, ?8, 1)",
        params![
            article_id,
            ordinal,
            m.kind.as_str(),
            m.status.as_str(),
            evidence_column(&m.evidence, article_text(store, article_id)?.as_deref()),
            now,
            key,
            serde_json::to_string(m).unwrap_or_default(),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Stores the identity of each freshly extracted meeting of `article_id`: for ordinal `i`,
/// `identities[i]` = (meeting key, anchor, the meeting as extracted in JSON).
///
/// # Errors
/// Database failures.
pub fn set_identities(
    store: &Store,
    article_id: i64,
    identities: &[(String, Option<i64>, String)],
) -> Result<(), StoreError> {
    let mut stmt = store.conn.prepare_cached(
        "UPDATE meetings SET meeting_key = ?3, anchor = ?4, extracted = ?5
         WHERE article_id = ?1 AND ordinal = ?2",
    )?;
    let mut ids = store
        .conn
        .prepare_cached("SELECT id FROM meetings WHERE article_id = ?1 AND ordinal = ?2")?;
    for (i, (key, anchor, extracted)) in identities.iter().enumerate() {
        // The snapshot is not stored when the row's own columns give it back exactly (the
        // usual case: the row was just written from it); `editable_rows` rebuilds it, and
        // `write_effective` stores it before a correction changes the columns.
        let id: Option<i64> = ids
            .query_row(params![article_id, i as i64], |r| r.get(0))
            .optional()?;
        let same = match id {
            Some(id) => row_meeting(store, id)?.is_some_and(|m| snapshot(&m) == *extracted),
            None => false,
        };
        let stored = (!same).then_some(extracted.as_str());
        stmt.execute(params![article_id, i as i64, key, anchor, stored])?;
    }
    Ok(())
}

/// Whether meeting row `meeting_id` was changed or confirmed by the user and, if hidden, why;
/// `None` when no such row exists.
///
/// # Errors
/// Database failures.
pub fn meeting_flags(
    store: &Store,
    meeting_id: i64,
) -> Result<Option<(bool, Option<String>)>, StoreError> {
    Ok(store
        .conn
        .query_row(
            "SELECT user_edited, hidden FROM meetings WHERE id = ?1",
            [meeting_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}
