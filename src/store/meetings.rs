//! Extracted meetings in the archive (tables of migration 3): writing one article's meetings,
//! and knowing which articles still need extraction.
//!
//! Rows are denormalised on purpose: a participant row carries the names, role, body and country
//! exactly as extraction resolved them, so the timeline and its facet counts are plain GROUP BYs
//! and never need the gazetteer. Re-extraction replaces an article's rows whole.

use crate::model::{DatePrecision, MeetingKind, MeetingStatus, Side};
use crate::store::StoreError;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, params};
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
    conn: &Connection,
    article_id: i64,
    meetings: &[NewMeeting],
    version: &str,
) -> Result<(), StoreError> {
    conn.execute_batch("SAVEPOINT replace_meetings")?;
    let result = write_meetings(conn, article_id, meetings, version);
    match result {
        Ok(()) => conn.execute_batch("RELEASE replace_meetings")?,
        Err(_) => conn.execute_batch("ROLLBACK TO replace_meetings; RELEASE replace_meetings")?,
    }
    result
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
    conn: &Connection,
    article_id: i64,
    meetings: &[NewMeeting],
    version: &str,
) -> Result<(), StoreError> {
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    conn.execute("DELETE FROM meetings WHERE article_id = ?1", [article_id])?;
    let mut ins_meeting = conn.prepare_cached(
        "INSERT INTO meetings (article_id, ordinal, kind, status, date, date_precision, date_note,
             weekday_conflict, place_key, place_en, place_ar, confidence, evidence, extracted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (ordinal, m) in meetings.iter().enumerate() {
        let evidence = serde_json::to_string(&m.evidence).unwrap_or_else(|_| "[]".into());
        let mut values = vec![Value::from(article_id), Value::from(ordinal as i64)];
        values.extend(fact_columns(m));
        values.extend([
            Value::from(f64::from(m.confidence)),
            Value::from(evidence),
            Value::from(now.clone()),
        ]);
        ins_meeting.execute(rusqlite::params_from_iter(values))?;
        write_children(conn, conn.last_insert_rowid(), m)?;
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
pub fn write_children(
    conn: &Connection,
    meeting_id: i64,
    m: &NewMeeting,
) -> Result<(), StoreError> {
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
pub fn articles_needing_extraction(
    conn: &Connection,
    version: &str,
) -> Result<Vec<i64>, StoreError> {
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
pub fn mark_all_for_extraction(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM extraction_state", [])?;
    Ok(())
}

/// Number of stored meetings.
///
/// # Errors
/// Database failures.
pub fn count_meetings(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT COUNT(*) FROM meetings", [], |r| r.get(0))?)
}
