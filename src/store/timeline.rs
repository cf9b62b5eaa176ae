//! The queries behind [`crate::query`]: a [`Filter`] as `WHERE` conditions on the meeting
//! tables, the timeline rows, the facet counts and a meeting's stored sources.

use crate::model::{
    DatePrecision, EntityRef, Facet, FacetValue, Facets, Filter, MeetingKind, MeetingSources,
    MeetingStatus, Order, ParticipantView, TimelineMeeting,
};
use crate::store::meetings::parse_side;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use rusqlite::types::Value;
use std::collections::{BTreeSet, HashMap};

/// Builds `WHERE` conditions on `meetings m` for `filter`, leaving out `skip`'s own selection.
fn conditions(filter: &Filter, skip: Option<Facet>) -> (Vec<String>, Vec<Value>) {
    // Meetings the user marked "not a Libyan–European meeting" or deleted (crate::edits).
    let mut conds = vec!["m.hidden IS NULL".to_string()];
    let mut args: Vec<Value> = Vec::new();
    let mut set_in = |conds: &mut Vec<String>, sql: &str, values: &BTreeSet<String>| {
        let marks = vec!["?"; values.len()].join(", ");
        conds.push(sql.replace("{}", &marks));
        args.extend(values.iter().map(|v| Value::Text(v.clone())));
    };
    if skip != Some(Facet::Officials) && !filter.officials.is_empty() {
        set_in(
            &mut conds,
            "m.id IN (SELECT meeting_id FROM meeting_participants WHERE person_key IN ({}))",
            &filter.officials,
        );
    }
    if skip != Some(Facet::Bodies) && !filter.bodies.is_empty() {
        set_in(
            &mut conds,
            "m.id IN (SELECT meeting_id FROM meeting_participants WHERE body_key IN ({}))",
            &filter.bodies,
        );
    }
    if skip != Some(Facet::Countries) && !filter.countries.is_empty() {
        set_in(
            &mut conds,
            "m.id IN (SELECT meeting_id FROM meeting_participants WHERE country IN ({}))",
            &filter.countries,
        );
    }
    if skip != Some(Facet::Topics) && !filter.topics.is_empty() {
        set_in(
            &mut conds,
            "m.id IN (SELECT meeting_id FROM meeting_topics WHERE topic_key IN ({}))",
            &filter.topics,
        );
    }
    if skip != Some(Facet::Places) && !filter.places.is_empty() {
        set_in(&mut conds, "m.place_key IN ({})", &filter.places);
    }
    if skip != Some(Facet::Kinds) && !filter.kinds.is_empty() {
        let kinds: BTreeSet<String> = filter
            .kinds
            .iter()
            .map(|k| k.as_str().to_string())
            .collect();
        set_in(&mut conds, "m.kind IN ({})", &kinds);
    }
    if let Some(from) = filter.from {
        conds.push("m.date >= ?".into());
        args.push(Value::Text(from.format("%Y-%m-%d").to_string()));
    }
    if let Some(to) = filter.to {
        conds.push("m.date <= ?".into());
        args.push(Value::Text(to.format("%Y-%m-%d").to_string()));
    }
    if filter.exclude_undated {
        conds.push("m.date IS NOT NULL".into());
    }
    if filter.exclude_announced {
        conds.push("m.status = 'held'".into());
    }
    if let Some(text) = filter.text.as_deref() {
        match crate::store::fts::match_expression(text) {
            Some(expr) => {
                conds.push(
                    "m.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                        .into(),
                );
                args.push(Value::Text(expr));
            }
            // Text with no searchable word (only punctuation, say) matches nothing rather than
            // silently showing everything.
            None if !text.trim().is_empty() => conds.push("0".into()),
            None => {}
        }
    }
    (conds, args)
}

fn where_clause(conds: &[String]) -> String {
    if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    }
}

/// The meetings `filter` selects, in its order (undated meetings last either way), with their
/// participants, topics and reporting articles: exactly what the timeline shows and what export
/// writes.
///
/// # Errors
/// Database failures only; any filter text is safe (it goes through
/// [`crate::store::fts::match_expression`]).
pub fn timeline(store: &Store, filter: &Filter) -> Result<Vec<TimelineMeeting>, StoreError> {
    let conn = &store.conn;
    let (conds, args) = conditions(filter, None);
    let order = match filter.order {
        Order::NewestFirst => "m.date IS NULL, m.date DESC, m.id DESC",
        Order::OldestFirst => "m.date IS NULL, m.date ASC, m.id ASC",
    };
    // Every visible report of each meeting (event) one of whose reports the filter selects.
    let events = format!(
        "m.hidden IS NULL AND COALESCE(m.event_id, m.id) IN
            (SELECT COALESCE(m.event_id, m.id) FROM meetings m {})",
        where_clause(&conds)
    );
    let sql = format!(
        "SELECT m.id, m.date, m.date_precision, m.place_key, m.place_en, m.place_ar, m.kind, m.status,
                m.article_id, a.headline, m.confidence, m.meeting_key, m.weekday_conflict,
                COALESCE(m.event_id, m.id)
         FROM meetings m JOIN articles a ON a.id = m.article_id WHERE {events} ORDER BY {order}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    let mut out = Vec::new();
    let mut index = HashMap::new();
    let mut event_of = Vec::new();
    while let Some(r) = rows.next()? {
        event_of.push(r.get::<_, i64>(13)?);
        let date: Option<String> = r.get(1)?;
        let precision: Option<String> = r.get(2)?;
        let place_key: Option<String> = r.get(3)?;
        let kind: String = r.get(6)?;
        let status: String = r.get(7)?;
        let id: i64 = r.get(0)?;
        index.insert(id, out.len());
        let article_id: i64 = r.get(8)?;
        let meeting_key: Option<String> = r.get(11)?;
        out.push(TimelineMeeting {
            id,
            key: format!(
                "{article_id}/{}",
                meeting_key.unwrap_or_else(|| format!("#{id}"))
            ),
            date: date.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            precision: precision.as_deref().and_then(parse_precision),
            place: match place_key {
                Some(key) => Some(EntityRef {
                    key,
                    name_en: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    name_ar: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                }),
                None => None,
            },
            kind: MeetingKind::parse(&kind).unwrap_or(MeetingKind::Consult),
            status: match status.as_str() {
                "announced" => MeetingStatus::Announced,
                "cancelled" => MeetingStatus::Cancelled,
                _ => MeetingStatus::Held,
            },
            participants: Vec::new(),
            topics: Vec::new(),
            article_ids: vec![article_id],
            headline: r.get(9)?,
            // Two decimals: the rules' arithmetic in f32 leaves noise (0.65000004) that exports
            // would otherwise print.
            confidence: ((r.get::<_, f64>(10)? * 100.0).round() / 100.0) as f32,
            weekday_conflict: r.get(12)?,
        });
    }
    if out.is_empty() {
        return Ok(out);
    }
    // Participants and topics of the selected meetings, in one pass each.
    let scope = format!("meeting_id IN (SELECT m.id FROM meetings m WHERE {events})");
    let mut stmt = conn.prepare(&format!(
        "SELECT meeting_id, person_key, name_en, name_ar, as_written, role, body_key, body_en, body_ar,
                country, side, needs_review
         FROM meeting_participants WHERE {scope} ORDER BY meeting_id, ordinal"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        let body_key: Option<String> = r.get(6)?;
        out[i].participants.push(ParticipantView {
            person: EntityRef {
                key: r.get(1)?,
                name_en: r.get(2)?,
                name_ar: r.get(3)?,
            },
            as_written: r.get(4)?,
            role: r.get(5)?,
            body: match body_key {
                Some(key) => Some(EntityRef {
                    key,
                    name_en: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                    name_ar: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                }),
                None => None,
            },
            country: r.get(9)?,
            side: parse_side(&r.get::<_, String>(10)?),
            needs_review: r.get(11)?,
        });
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT meeting_id, topic_key, label_en, label_ar FROM meeting_topics WHERE {scope}
         ORDER BY meeting_id, span_start"
    ))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let Some(&i) = index.get(&r.get::<_, i64>(0)?) else {
            continue;
        };
        out[i].topics.push(EntityRef {
            key: r.get(1)?,
            name_en: r.get(2)?,
            name_ar: r.get(3)?,
        });
    }
    Ok(merge_reports(out, &event_of, filter.order))
}

/// One row per meeting (event) out of its reports' rows (`event_of[i]` the event of `rows[i]`):
/// the representative report's row (the one whose id is the event id) with every report's
/// articles (the representative's first), the union of participants and topics, the most precise
/// date when the representative has none, "held" when any report is held; then sorted in `order`
/// by the merged dates (undated last).
fn merge_reports(
    rows: Vec<TimelineMeeting>,
    event_of: &[i64],
    order: Order,
) -> Vec<TimelineMeeting> {
    let mut groups: Vec<(i64, Vec<TimelineMeeting>)> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for (row, &ev) in rows.into_iter().zip(event_of) {
        let i = *at.entry(ev).or_insert_with(|| {
            groups.push((ev, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(row);
    }
    let precision_rank = |p: Option<DatePrecision>| match p {
        Some(DatePrecision::Day) => 0,
        Some(DatePrecision::Month) => 1,
        Some(DatePrecision::Year) => 2,
        None => 3,
    };
    let mut out: Vec<TimelineMeeting> = groups
        .into_iter()
        .map(|(ev, mut members)| {
            let rep = members.iter().position(|m| m.id == ev).unwrap_or(0);
            let mut merged = members.swap_remove(rep);
            members.sort_by_key(|m| m.id);
            for m in members {
                if m.date.is_some()
                    && precision_rank(m.precision) < precision_rank(merged.precision)
                {
                    merged.date = m.date;
                    merged.precision = m.precision;
                }
                if merged.place.is_none() {
                    merged.place = m.place.clone();
                }
                if m.status == MeetingStatus::Held {
                    merged.status = MeetingStatus::Held;
                }
                for p in m.participants {
                    if !merged
                        .participants
                        .iter()
                        .any(|q| q.person.key == p.person.key)
                    {
                        merged.participants.push(p);
                    }
                }
                for t in m.topics {
                    if !merged.topics.iter().any(|q| q.key == t.key) {
                        merged.topics.push(t);
                    }
                }
                for a in m.article_ids {
                    if !merged.article_ids.contains(&a) {
                        merged.article_ids.push(a);
                    }
                }
                merged.confidence = merged.confidence.max(m.confidence);
            }
            merged
        })
        .collect();
    out.sort_by(|a, b| {
        let undated = a.date.is_none().cmp(&b.date.is_none());
        let by_date = match order {
            Order::NewestFirst => b.date.cmp(&a.date).then(b.id.cmp(&a.id)),
            Order::OldestFirst => a.date.cmp(&b.date).then(a.id.cmp(&b.id)),
        };
        undated.then(by_date)
    });
    out
}

fn parse_precision(s: &str) -> Option<DatePrecision> {
    match s {
        "day" => Some(DatePrecision::Day),
        "month" => Some(DatePrecision::Month),
        "year" => Some(DatePrecision::Year),
        _ => None,
    }
}

/// Facet counts (each facet counted under the other facets' selections) and the per-year
/// histogram (under the whole filter).
///
/// # Errors
/// Database failures only.
pub fn facets(store: &Store, filter: &Filter) -> Result<Facets, StoreError> {
    let conn = &store.conn;
    let mut values = Vec::new();
    for facet in Facet::ALL {
        let (conds, args) = conditions(filter, Some(facet));
        let scope = format!("SELECT m.id FROM meetings m {}", where_clause(&conds));
        // Meetings, not reports: each row counts as the event it belongs to (store::events).
        let sql = match facet {
            Facet::Officials => format!(
                "SELECT person_key, MAX(name_en), MAX(name_ar), COUNT(DISTINCT COALESCE(m.event_id, m.id)) FROM meeting_participants
                 JOIN meetings m ON m.id = meeting_id WHERE person_key NOT LIKE 'unnamed:%' AND meeting_id IN ({scope}) GROUP BY person_key"
            ),
            Facet::Bodies => format!(
                "SELECT body_key, MAX(body_en), MAX(body_ar), COUNT(DISTINCT COALESCE(m.event_id, m.id)) FROM meeting_participants
                 JOIN meetings m ON m.id = meeting_id WHERE body_key IS NOT NULL AND meeting_id IN ({scope}) GROUP BY body_key"
            ),
            Facet::Countries => format!(
                "SELECT country, country, country, COUNT(DISTINCT COALESCE(m.event_id, m.id)) FROM meeting_participants
                 JOIN meetings m ON m.id = meeting_id WHERE country <> '' AND meeting_id IN ({scope}) GROUP BY country"
            ),
            Facet::Topics => format!(
                "SELECT topic_key, MAX(label_en), MAX(label_ar), COUNT(DISTINCT COALESCE(m.event_id, m.id)) FROM meeting_topics
                 JOIN meetings m ON m.id = meeting_id WHERE meeting_id IN ({scope}) GROUP BY topic_key"
            ),
            Facet::Places => format!(
                "SELECT place_key, MAX(place_en), MAX(place_ar), COUNT(DISTINCT COALESCE(event_id, id)) FROM meetings
                 WHERE place_key IS NOT NULL AND id IN ({scope}) GROUP BY place_key"
            ),
            Facet::Kinds => format!(
                "SELECT kind, kind, kind, COUNT(DISTINCT COALESCE(event_id, id)) FROM meetings WHERE id IN ({scope}) GROUP BY kind"
            ),
        };
        let mut stmt = conn.prepare(&sql)?;
        let mut list = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok(FacetValue {
                    key: r.get(0)?,
                    label_en: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    label_ar: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    count: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        list.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.label_en.cmp(&b.label_en))
        });
        values.push((facet, list));
    }
    let (conds, args) = conditions(filter, None);
    let sql = format!(
        "SELECT CAST(substr(d, 1, 4) AS INTEGER), COUNT(*) FROM
            (SELECT COALESCE(m.event_id, m.id) AS ev, MAX(m.date) AS d FROM meetings m {} GROUP BY ev)
         GROUP BY 1 ORDER BY 1",
        where_clause(&conds)
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut per_year = Vec::new();
    let mut undated = 0;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        match r.get::<_, Option<i64>>(0)? {
            Some(y) => per_year.push((y as i32, r.get(1)?)),
            None => undated = r.get(1)?,
        }
    }
    Ok(Facets {
        values,
        per_year,
        undated,
    })
}

/// The stored sources of meeting `id` (for the reader's facts and highlights); `None` when no
/// such meeting exists.
///
/// # Errors
/// Database failures only.
pub fn meeting_sources(store: &Store, id: i64) -> Result<Option<MeetingSources>, StoreError> {
    let conn = &store.conn;
    let row: Option<(Option<String>, String, String)> = conn
        .query_row(
            "SELECT m.date_note, m.evidence, a.headline || char(10) || a.body
             FROM meetings m JOIN articles a ON a.id = m.article_id WHERE m.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((date_note, evidence, text)) = row else {
        return Ok(None);
    };
    // Stored as byte ranges into the article's text (crate::store::meetings).
    let evidence = crate::store::meetings::evidence_from_column(&evidence, &text);
    let span = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (Some(a), Some(b)) if a >= 0 && b >= a => Some(a as usize..b as usize),
        _ => None,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT person_key, as_written, span_start, span_end, name_en FROM meeting_participants
         WHERE meeting_id = ?1 ORDER BY ordinal",
    )?;
    let people = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let named = people
        .iter()
        .map(|(_, w, a, b, en)| (w.clone(), en.clone(), span(*a, *b)))
        .collect();
    let participants = people
        .into_iter()
        .filter_map(|(k, w, a, b, _)| span(a, b).map(|s| (k, w, s)))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT topic_key, span_start, span_end FROM meeting_topics WHERE meeting_id = ?1
         ORDER BY span_start",
    )?;
    let topics = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter_map(|(k, a, b)| span(a, b).map(|s| (k, s)))
        .collect();
    Ok(Some(MeetingSources {
        date_note,
        evidence: evidence
            .into_iter()
            .map(|e| (e.start..e.end, e.text))
            .collect(),
        participants,
        topics,
        named,
    }))
}
