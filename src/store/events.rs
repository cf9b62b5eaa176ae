//! Meetings from many reports (migration 5): which real-world meeting (*event*) each meeting row
//! reports, near-identical copies among articles, and the user's 'same'/'different' links. The
//! grouping itself is pure ([`crate::events`]); [`crate::pipeline::events`] calls this module.
//!
//! **For other modules counting meetings** (officials' pages, statistics): a meeting row belongs
//! to the event [`event_of`] returns, and the SQL expression `m.event_id` ([`EVENT_OF_ROW`]) is
//! that event's id inside `store/` queries; count `DISTINCT` of it to count meetings rather than
//! reports. Since migration 7 it is always set (a row inserted without one is its own event), so
//! it joins and groups on its index.

use crate::model::{DatePrecision, MeetingKind, MeetingStatus, Side};
use crate::store::meetings::parse_side;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

/// The SQL expression, over `meetings m`, of the event a row belongs to (its own id until the
/// first grouping). Use `COUNT(DISTINCT ...)` of it to count meetings, not reports.
pub const EVENT_OF_ROW: &str = "m.event_id";

/// A visible meeting row as the grouping needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMention {
    pub meeting_id: i64,
    pub article_id: i64,
    /// The article's `content_hash` and the row's `meeting_key`: the stable identity links use.
    pub content_hash: String,
    pub meeting_key: String,
    pub date: Option<(NaiveDate, DatePrecision)>,
    pub place_key: Option<String>,
    /// (person key, side), `unnamed:*` participants left out.
    pub people: Vec<(String, Side)>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    /// The earlier article this row's article is a near-identical copy of.
    pub copy_of: Option<i64>,
    /// `meetings.date_note` (a stored [`crate::model::DateNote`]).
    pub date_note: Option<String>,
    /// The event the row was last placed in (its own id until grouped).
    pub event_id: i64,
    /// Whether the grouping has placed the row since it (or a report of its event) last changed.
    pub grouped: bool,
}

/// Every visible meeting row (not hidden by the user), by id.
///
/// # Errors
/// Database failures only.
pub fn mentions(store: &Store) -> Result<Vec<StoredMention>, StoreError> {
    let conn = &store.conn;
    let mut stmt = conn.prepare(
        "SELECT m.id, m.article_id, a.content_hash, COALESCE(m.meeting_key, '#' || m.id), m.date,
                m.date_precision, m.place_key, m.kind, m.status, a.copy_of, m.date_note,
                m.event_id, m.grouped
         FROM meetings m JOIN articles a ON a.id = m.article_id
         WHERE m.hidden IS NULL ORDER BY m.id",
    )?;
    let mut out = stmt
        .query_map([], |r| {
            let date: Option<String> = r.get(4)?;
            let precision: Option<String> = r.get(5)?;
            let kind: String = r.get(7)?;
            let status: String = r.get(8)?;
            Ok(StoredMention {
                meeting_id: r.get(0)?,
                article_id: r.get(1)?,
                content_hash: r.get(2)?,
                meeting_key: r.get(3)?,
                date: date
                    .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
                    .map(|d| {
                        let p = match precision.as_deref() {
                            Some("month") => DatePrecision::Month,
                            Some("year") => DatePrecision::Year,
                            _ => DatePrecision::Day,
                        };
                        (d, p)
                    }),
                place_key: r.get(6)?,
                people: Vec::new(),
                kind: MeetingKind::parse(&kind).unwrap_or(MeetingKind::Consult),
                status: match status.as_str() {
                    "announced" => MeetingStatus::Announced,
                    "cancelled" => MeetingStatus::Cancelled,
                    _ => MeetingStatus::Held,
                },
                copy_of: r.get(9)?,
                date_note: r.get(10)?,
                event_id: r.get(11)?,
                grouped: r.get(12)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let index: HashMap<i64, usize> = out
        .iter()
        .enumerate()
        .map(|(i, m)| (m.meeting_id, i))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT p.meeting_id, p.person_key, p.side FROM meeting_participants p
         JOIN meetings m ON m.id = p.meeting_id
         WHERE m.hidden IS NULL AND p.person_key NOT LIKE 'unnamed:%' ORDER BY p.meeting_id, p.ordinal",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(&r.get::<_, i64>(0)?) {
            let key: String = r.get(1)?;
            if !out[i].people.iter().any(|(k, _)| *k == key) {
                out[i]
                    .people
                    .push((key, parse_side(&r.get::<_, String>(2)?)));
            }
        }
    }
    Ok(out)
}

/// Writes the grouping: `(meeting id, event id)` for every row (the event id being the id of the
/// row that represents the meeting), with the event's date as the timeline sorts it. Rows not
/// listed keep what they had; listed rows count as grouped ([`needs_grouping`]).
///
/// # Errors
/// Database failures only.
pub fn set_event_ids(
    store: &Store,
    rows: &[(i64, i64, Option<NaiveDate>)],
) -> Result<(), StoreError> {
    let mut stmt = store.conn.prepare_cached(
        "UPDATE meetings SET event_id = ?2, event_date = ?3, grouped = 1
         WHERE id = ?1 AND (event_id IS NOT ?2 OR event_date IS NOT ?3 OR grouped = 0)",
    )?;
    for (id, event, date) in rows {
        let date = date.map(|d| d.format("%Y-%m-%d").to_string());
        stmt.execute(params![id, event, date])?;
    }
    Ok(())
}

/// The event meeting row `meeting_id` belongs to (the representative row's id; its own id when
/// reported once), `None` when no such row exists. What officials' pages count.
///
/// # Errors
/// Database failures only.
pub fn event_of(store: &Store, meeting_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(store
        .conn
        .query_row(
            "SELECT event_id FROM meetings WHERE id = ?1",
            [meeting_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The visible meeting rows of event `event_id` (the representative first, then by id).
///
/// # Errors
/// Database failures only.
pub fn event_members(store: &Store, event_id: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT id FROM meetings WHERE event_id = ?1 AND hidden IS NULL
         ORDER BY id <> ?1, id",
    )?;
    let ids = stmt
        .query_map([event_id], |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// One report of a meeting, as the reader and `arshif show` list them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    /// The meeting row of this report (its facts, spans).
    pub meeting_id: i64,
    pub article_id: i64,
    pub outlet: Option<String>,
    pub headline: String,
    /// ISO 639-1 code or `und`.
    pub lang: String,
    /// The article's publication date (ISO), when known.
    pub published: Option<String>,
    /// The earlier article this one is a near-identical copy of.
    pub copy_of: Option<i64>,
}

/// The reports of event `event_id`: one per visible meeting row, the representative first.
///
/// # Errors
/// Database failures only.
pub fn reports(store: &Store, event_id: i64) -> Result<Vec<Report>, StoreError> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT m.id, a.id, a.outlet, a.headline, a.lang, a.date, a.copy_of
         FROM meetings m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id = ?1 AND m.hidden IS NULL
         ORDER BY m.id <> ?1, a.copy_of IS NOT NULL, a.date IS NULL, a.date, m.id",
    )?;
    let out = stmt
        .query_map([event_id], |r| {
            Ok(Report {
                meeting_id: r.get(0)?,
                article_id: r.get(1)?,
                outlet: r.get(2)?,
                headline: r.get(3)?,
                lang: r.get(4)?,
                published: r.get(5)?,
                copy_of: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

/// Articles with no MinHash signature yet: (id, headline, body).
///
/// # Errors
/// Database failures only.
pub fn articles_without_signature(store: &Store) -> Result<Vec<(i64, String, String)>, StoreError> {
    let mut stmt = store
        .conn
        .prepare("SELECT id, headline, body FROM articles WHERE minhash IS NULL ORDER BY id")?;
    let out = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

/// Stores article `id`'s signature (an empty one marks a text too short to compare).
///
/// # Errors
/// Database failures only.
pub fn set_signature(store: &Store, id: i64, signature: &[u64]) -> Result<(), StoreError> {
    let blob: Vec<u8> = signature.iter().flat_map(|h| h.to_le_bytes()).collect();
    store.conn.execute(
        "UPDATE articles SET minhash = ?2 WHERE id = ?1",
        params![id, blob],
    )?;
    Ok(())
}

/// Every non-empty stored signature: (article id, hashes).
///
/// # Errors
/// Database failures only.
pub fn signatures(store: &Store) -> Result<Vec<(i64, Vec<u64>)>, StoreError> {
    let mut stmt = store
        .conn
        .prepare("SELECT id, minhash FROM articles WHERE length(minhash) > 0 ORDER BY id")?;
    let out = stmt
        .query_map([], |r| {
            let blob: Vec<u8> = r.get(1)?;
            Ok((
                r.get::<_, i64>(0)?,
                blob.chunks_exact(8)
                    .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
                    .collect(),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

/// Sets `articles.copy_of` to exactly `copies` ((copy, original) pairs); every other article is
/// not a copy. Returns the articles whose relation changed.
///
/// # Errors
/// Database failures only.
pub fn set_copies(store: &Store, copies: &[(i64, i64)]) -> Result<Vec<i64>, StoreError> {
    let conn = &store.conn;
    let map: HashMap<i64, i64> = copies.iter().copied().collect();
    let mut stmt = conn.prepare("SELECT id, copy_of FROM articles WHERE copy_of IS NOT NULL")?;
    let old = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut upd = conn.prepare_cached("UPDATE articles SET copy_of = ?2 WHERE id = ?1")?;
    let mut changed = Vec::new();
    for (id, _) in old.iter().filter(|(id, o)| map.get(id) != Some(o)) {
        upd.execute(params![id, Option::<i64>::None])?;
        changed.push(*id);
    }
    let old: std::collections::HashSet<(i64, i64)> = old.into_iter().collect();
    for (id, o) in copies {
        if !old.contains(&(*id, *o)) {
            upd.execute(params![id, o])?;
            changed.push(*id);
        }
    }
    Ok(changed)
}

/// The active link edits (merge, different, split: `fields`), oldest first: (article id of the
/// target, target meeting key, the change's JSON value).
///
/// # Errors
/// Database failures only.
pub fn link_edits(
    store: &Store,
    fields: &[&str],
) -> Result<Vec<(i64, String, String, String)>, StoreError> {
    let marks = vec!["?"; fields.len()].join(", ");
    let mut stmt = store.conn.prepare(&format!(
        "SELECT article_id, meeting_key, field, value FROM edits
         WHERE state = 'active' AND article_id IS NOT NULL AND meeting_key IS NOT NULL
           AND field IN ({marks}) ORDER BY id"
    ))?;
    let out = stmt
        .query_map(rusqlite::params_from_iter(fields.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

/// The fingerprint of what the grouping last saw of the user's links (see
/// [`crate::edits::regroup`]), `None` before the first grouping.
///
/// # Errors
/// Database failures only.
pub fn links_seen(store: &Store) -> Result<Option<String>, StoreError> {
    Ok(store
        .conn
        .query_row(
            "SELECT value FROM grouping_state WHERE key = 'links'",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Records the fingerprint of the user's links the grouping has just applied.
///
/// # Errors
/// Database failures only.
pub fn set_links_seen(store: &Store, fingerprint: &str) -> Result<(), StoreError> {
    store.conn.execute(
        "INSERT INTO grouping_state (key, value) VALUES ('links', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [fingerprint],
    )?;
    Ok(())
}

/// The `content_hash` of article `article_id`, `None` when no such article exists.
///
/// # Errors
/// Database failures only.
pub fn content_hash_of(store: &Store, article_id: i64) -> Result<Option<String>, StoreError> {
    Ok(store
        .conn
        .query_row(
            "SELECT content_hash FROM articles WHERE id = ?1",
            [article_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether some visible meeting row has never been grouped (`grouped` 0: rows from before
/// migration 7, or written without extraction, as a generated archive's).
///
/// # Errors
/// Database failures only.
pub fn needs_grouping(store: &Store) -> Result<bool, StoreError> {
    Ok(store.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM meetings WHERE grouped = 0 AND hidden IS NULL)",
        [],
        |r| r.get(0),
    )?)
}
