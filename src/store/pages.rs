//! The queries behind [`crate::pages`]: who appears in the archive under which spellings, an
//! official's participations (role, body, date, source) and the unit each meeting counts as.
//!
//! The lists a page shows (its meetings with participants, topics and sources) come from
//! [`crate::store::timeline::timeline`] under a [`crate::model::Filter`], so a page and the
//! timeline agree by construction; this file adds only what the timeline does not carry.
//!
//! **The unit counted.** Every count a page shows ("met 4 times", "12 meetings in 2021") counts
//! [`COUNTED_UNIT`], and nothing else: the meeting (event) a row of `meetings` belongs to
//! ([`crate::store::events::EVENT_OF_ROW`]), so three articles reporting one meeting count once.
//! Only visible meetings count (`m.hidden IS NULL`, as on the timeline).

use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The SQL expression (over `meetings m`) of the unit every page count counts: see the module
/// documentation.
pub const COUNTED_UNIT: &str = crate::store::events::EVENT_OF_ROW;

/// One spelling under which an entity appears in the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenPerson {
    /// The stored person key (gazetteer id, or `new:<normalised name>`).
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
    /// ISO code or `EU` ('' when unknown), the most frequent one stored for this key.
    pub country: String,
    /// The name exactly as an article wrote it.
    pub as_written: String,
    /// Counted units (see [`COUNTED_UNIT`]) with this spelling.
    pub count: i64,
}

/// Every (person key, spelling) of the visible meetings with its count, by key then by
/// descending count then spelling.
///
/// # Errors
/// Database failures.
pub fn people_seen(store: &Store) -> Result<Vec<SeenPerson>, StoreError> {
    let sql = format!(
        "SELECT p.person_key, MAX(p.name_en), MAX(p.name_ar), MAX(p.country), p.as_written,
                COUNT(DISTINCT {COUNTED_UNIT})
         FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
         WHERE m.hidden IS NULL
         GROUP BY p.person_key, p.as_written
         ORDER BY p.person_key, 6 DESC, p.as_written"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(SeenPerson {
                key: r.get(0)?,
                name_en: r.get(1)?,
                name_ar: r.get(2)?,
                country: r.get(3)?,
                as_written: r.get(4)?,
                count: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Counted units per person key over the visible meetings.
///
/// # Errors
/// Database failures.
pub fn people_counts(store: &Store) -> Result<HashMap<String, i64>, StoreError> {
    let sql = format!(
        "SELECT p.person_key, COUNT(DISTINCT {COUNTED_UNIT})
         FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
         WHERE m.hidden IS NULL GROUP BY p.person_key"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(rows)
}

/// A body as stored with participants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenBody {
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
    /// Counted units with a participant of this body.
    pub count: i64,
}

/// Every body of the visible meetings with its count, by key.
///
/// # Errors
/// Database failures.
pub fn bodies_seen(store: &Store) -> Result<Vec<SeenBody>, StoreError> {
    let sql = format!(
        "SELECT p.body_key, MAX(COALESCE(p.body_en, '')), MAX(COALESCE(p.body_ar, '')),
                COUNT(DISTINCT {COUNTED_UNIT})
         FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
         WHERE m.hidden IS NULL AND p.body_key IS NOT NULL
         GROUP BY p.body_key ORDER BY p.body_key"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(SeenBody {
                key: r.get(0)?,
                name_en: r.get(1)?,
                name_ar: r.get(2)?,
                count: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// One appearance of a person in a visible meeting, with what the article said of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participation {
    /// The meeting row id.
    pub meeting_id: i64,
    /// Its counted unit ([`COUNTED_UNIT`]).
    pub unit: i64,
    /// The reporting article.
    pub article_id: i64,
    /// The meeting's date, `None` when undated.
    pub date: Option<NaiveDate>,
    /// The role as the article states it (English), '' when none.
    pub role: String,
    pub body_key: Option<String>,
    pub body_en: String,
    pub body_ar: String,
    pub as_written: String,
}

/// Every participation of `person_key` in visible meetings, oldest first (undated last), then by
/// meeting id.
///
/// # Errors
/// Database failures.
pub fn participations(store: &Store, person_key: &str) -> Result<Vec<Participation>, StoreError> {
    let sql = format!(
        "SELECT m.id, {COUNTED_UNIT}, m.article_id, m.date, p.role, p.body_key,
                COALESCE(p.body_en, ''), COALESCE(p.body_ar, ''), p.as_written
         FROM meeting_participants p JOIN meetings m ON m.id = p.meeting_id
         WHERE m.hidden IS NULL AND p.person_key = ?1
         ORDER BY m.date IS NULL, m.date, m.id, p.ordinal"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt
        .query_map([person_key], |r| {
            let date: Option<String> = r.get(3)?;
            Ok(Participation {
                meeting_id: r.get(0)?,
                unit: r.get(1)?,
                article_id: r.get(2)?,
                date: date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
                role: r.get(4)?,
                body_key: r.get(5)?,
                body_en: r.get(6)?,
                body_ar: r.get(7)?,
                as_written: r.get(8)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The counted unit ([`COUNTED_UNIT`]) of every visible meeting row: meeting id → unit.
///
/// # Errors
/// Database failures.
pub fn meeting_units(store: &Store) -> Result<HashMap<i64, i64>, StoreError> {
    let sql = format!("SELECT m.id, {COUNTED_UNIT} FROM meetings m WHERE m.hidden IS NULL");
    let mut stmt = store.conn.prepare(&sql)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(rows)
}
