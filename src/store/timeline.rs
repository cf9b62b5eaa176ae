//! The queries behind [`crate::query`]: a [`Filter`] as `WHERE` conditions on the meeting
//! tables, the timeline rows, the facet counts and a meeting's stored sources.

use crate::model::timeline::TimelinePage;
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
    let (conds, args) = conditions(filter, None);
    // Every visible report of each meeting (event) one of whose reports the filter selects.
    let events = format!(
        "m.hidden IS NULL AND m.event_id IN (SELECT m.event_id FROM meetings m {})",
        where_clause(&conds)
    );
    let (rows, event_of) = report_rows(store, &events, &args)?;
    if rows.is_empty() {
        return Ok(rows);
    }
    Ok(merge_reports(rows, &event_of, filter.order))
}

/// Whether `filter` restricts nothing (every visible meeting).
fn unrestricted(filter: &Filter) -> bool {
    conditions(filter, None).0.len() == 1
}

/// The `ORDER BY` of events over their representative rows `r` (undated last either way).
fn event_order(order: Order) -> &'static str {
    match order {
        // NULL sorts first ascending, so last descending.
        Order::NewestFirst => "r.event_date DESC, r.id DESC",
        Order::OldestFirst => "r.event_date IS NULL, r.event_date ASC, r.id ASC",
    }
}

/// The event ids of the timeline's rows `offset..offset + limit` under `filter`, in its order.
fn page_events(
    store: &Store,
    filter: &Filter,
    offset: usize,
    limit: usize,
) -> Result<Vec<i64>, StoreError> {
    let conn = &store.conn;
    let (conds, mut args) = conditions(filter, None);
    let window = "LIMIT ? OFFSET ?";
    let sql = if conds.len() == 1 {
        // Unfiltered: straight off the index of representative rows by event date.
        match filter.order {
            Order::NewestFirst => format!(
                "SELECT r.id FROM meetings r INDEXED BY meetings_events_by_date
                 WHERE r.id = r.event_id AND r.hidden IS NULL
                 ORDER BY {} {window}",
                event_order(filter.order)
            ),
            // Dated ones ascending, then the undated, each read in index order.
            Order::OldestFirst => format!(
                "SELECT id FROM (SELECT r.id FROM meetings r INDEXED BY meetings_events_by_date
                     WHERE r.id = r.event_id AND r.hidden IS NULL AND r.event_date IS NOT NULL
                     ORDER BY r.event_date, r.id)
                 UNION ALL
                 SELECT id FROM (SELECT r.id FROM meetings r INDEXED BY meetings_events_by_date
                     WHERE r.id = r.event_id AND r.hidden IS NULL AND r.event_date IS NULL
                     ORDER BY r.id)
                 {window}"
            ),
        }
    } else {
        format!(
            "SELECT r.id FROM meetings r
             WHERE r.id IN (SELECT m.event_id FROM meetings m {}) AND r.id = r.event_id
               AND r.hidden IS NULL
             ORDER BY {} {window}",
            where_clause(&conds),
            event_order(filter.order)
        )
    };
    args.push(Value::Integer(limit.min(i64::MAX as usize) as i64));
    args.push(Value::Integer(offset.min(i64::MAX as usize) as i64));
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
        .collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// Rows `offset..offset + limit` of [`timeline`] (the same rows, merged the same way, in the same
/// order) with the total number of rows, reading only those rows' reports: what the timeline
/// needs on a filter change. Pages concatenated equal [`timeline`] as long as the archive has
/// been grouped since its last change (the grouping writes the event dates pages sort by).
///
/// # Errors
/// Database failures only.
pub fn timeline_page(
    store: &Store,
    filter: &Filter,
    offset: usize,
    limit: usize,
) -> Result<TimelinePage, StoreError> {
    let total = timeline_count(store, filter)?;
    let ids = page_events(store, filter, offset, limit)?;
    let rows = if ids.is_empty() {
        Vec::new()
    } else {
        let list = ids
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let events = format!("m.hidden IS NULL AND m.event_id IN ({list})");
        let (rows, event_of) = report_rows(store, &events, &[])?;
        let mut merged = merge_reports(rows, &event_of, filter.order);
        let at: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
        merged.sort_by_key(|m| at.get(&m.id).copied().unwrap_or(usize::MAX));
        merged
    };
    Ok(TimelinePage {
        offset,
        total,
        rows,
    })
}

/// The number of rows (meetings, not reports) [`timeline`] returns for `filter`.
///
/// # Errors
/// Database failures only.
pub fn timeline_count(store: &Store, filter: &Filter) -> Result<usize, StoreError> {
    let conn = &store.conn;
    let (conds, args) = conditions(filter, None);
    if conds.len() == 1 {
        if let Some(total) = cached(store)?.and_then(|c| c.total) {
            return Ok(total.max(0) as usize);
        }
        let n: i64 = conn.query_row(
            "SELECT COUNT(*) FROM meetings r INDEXED BY meetings_events_by_date
             WHERE r.id = r.event_id AND r.hidden IS NULL",
            [],
            |r| r.get(0),
        )?;
        return Ok(n.max(0) as usize);
    }
    let sql = format!(
        "SELECT COUNT(DISTINCT m.event_id) FROM meetings m {}",
        where_clause(&conds)
    );
    let n: i64 = conn.query_row(&sql, rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    Ok(n.max(0) as usize)
}

/// Every report row satisfying `events` (conditions over `meetings m` bound to `args`) with its
/// participants and topics, in date order, and each row's event id.
fn report_rows(
    store: &Store,
    events: &str,
    args: &[Value],
) -> Result<(Vec<TimelineMeeting>, Vec<i64>), StoreError> {
    let conn = &store.conn;
    let sql = format!(
        "SELECT m.id, m.date, m.date_precision, m.place_key, m.place_en, m.place_ar, m.kind, m.status,
                m.article_id, a.headline, m.confidence, m.meeting_key, m.weekday_conflict,
                m.event_id
         FROM meetings m JOIN articles a ON a.id = m.article_id WHERE {events}
         ORDER BY m.date IS NULL, m.date DESC, m.id DESC"
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
        return Ok((out, event_of));
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
    Ok((out, event_of))
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
/// histogram (under the whole filter). A facet whose count is unrestricted (no selection but
/// possibly its own) is read from the precomputed counts of the unfiltered archive when they are
/// fresh; the others are one `GROUP BY` each over the rows the other selections pick (the
/// selections' indexes drive it).
///
/// # Errors
/// Database failures only.
pub fn facets(store: &Store, filter: &Filter) -> Result<Facets, StoreError> {
    let cache = cached(store)?;
    let mut values = Vec::new();
    for facet in Facet::ALL {
        let (conds, args) = conditions(filter, Some(facet));
        let list = match &cache {
            Some(c) if conds.len() == 1 => c.values.of(facet).to_vec(),
            Some(c) => live_facet(store, facet, &conds, &args, Some(c.values.of(facet)))?,
            None => live_facet(store, facet, &conds, &args, None)?,
        };
        values.push((facet, list));
    }
    let (per_year, undated) = match &cache {
        Some(c) if unrestricted(filter) => (c.values.per_year.clone(), c.values.undated),
        _ => live_years(store, filter)?,
    };
    Ok(Facets {
        values,
        per_year,
        undated,
    })
}

/// One facet's values counted live over the rows `conds` select (bound to `args`), by descending
/// count, then label. With `labels` (the unfiltered archive's values of the facet, from the
/// precomputed counts) the count reads only the narrow indexes and takes each value's labels
/// from there; without, each label is the largest among the selected rows.
fn live_facet(
    store: &Store,
    facet: Facet,
    conds: &[String],
    args: &[Value],
    labels: Option<&[FacetValue]>,
) -> Result<Vec<FacetValue>, StoreError> {
    let conn = &store.conn;
    let w = conds.join(" AND ");
    let (key, mut en, mut ar, from, extra) = match facet {
        Facet::Officials => (
            "p.person_key",
            "MAX(p.name_en)",
            "MAX(p.name_ar)",
            "meetings m JOIN meeting_participants p ON p.meeting_id = m.id",
            "p.person_key NOT LIKE 'unnamed:%'",
        ),
        Facet::Bodies => (
            "p.body_key",
            "MAX(p.body_en)",
            "MAX(p.body_ar)",
            "meetings m JOIN meeting_participants p ON p.meeting_id = m.id",
            "p.body_key IS NOT NULL",
        ),
        Facet::Countries => (
            "p.country",
            "p.country",
            "p.country",
            "meetings m JOIN meeting_participants p ON p.meeting_id = m.id",
            "p.country <> ''",
        ),
        Facet::Topics => (
            "t.topic_key",
            "MAX(t.label_en)",
            "MAX(t.label_ar)",
            "meetings m JOIN meeting_topics t ON t.meeting_id = m.id",
            "1",
        ),
        Facet::Places => (
            "m.place_key",
            "MAX(m.place_en)",
            "MAX(m.place_ar)",
            "meetings m",
            "m.place_key IS NOT NULL",
        ),
        Facet::Kinds => ("m.kind", "m.kind", "m.kind", "meetings m", "1"),
    };
    if labels.is_some() {
        (en, ar) = ("NULL", "NULL");
    }
    if facet == Facet::Countries || facet == Facet::Kinds {
        (en, ar) = (key, key);
    }
    // Meetings, not reports: each row counts as the event it belongs to (store::events).
    let sql = format!(
        "SELECT {key}, {en}, {ar}, COUNT(DISTINCT m.event_id) FROM {from}
         WHERE {w} AND {extra} GROUP BY {key}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
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
    if let Some(known) = labels
        && facet != Facet::Countries
        && facet != Facet::Kinds
    {
        let by_key: HashMap<&str, &FacetValue> =
            known.iter().map(|v| (v.key.as_str(), v)).collect();
        for v in &mut list {
            if let Some(k) = by_key.get(v.key.as_str()) {
                v.label_en.clone_from(&k.label_en);
                v.label_ar.clone_from(&k.label_ar);
            }
        }
    }
    sort_values(&mut list);
    Ok(list)
}

fn sort_values(list: &mut [FacetValue]) {
    list.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.label_en.cmp(&b.label_en))
    });
}

/// The per-year histogram (each event in the year of its latest selected report's date) and the
/// undated count under the whole `filter`, counted live over the narrow index.
fn live_years(store: &Store, filter: &Filter) -> Result<(Vec<(i32, i64)>, i64), StoreError> {
    let (conds, args) = conditions(filter, None);
    let sql = format!(
        "SELECT m.event_id, m.date FROM meetings m {}",
        where_clause(&conds)
    );
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let mut latest: HashMap<i64, Option<i32>> = HashMap::new();
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    while let Some(r) = rows.next()? {
        let event: i64 = r.get(0)?;
        // ISO dates: the year is the first four characters, and the latest date the largest.
        let year = r
            .get_ref(1)?
            .as_str_or_null()
            .ok()
            .flatten()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<i32>().ok());
        let e = latest.entry(event).or_insert(year);
        if year > *e {
            *e = year;
        }
    }
    let mut years: std::collections::BTreeMap<i32, i64> = std::collections::BTreeMap::new();
    let mut undated = 0;
    for year in latest.into_values() {
        match year {
            Some(y) => *years.entry(y).or_default() += 1,
            None => undated += 1,
        }
    }
    Ok((years.into_iter().collect(), undated))
}

/// The precomputed counts of the unfiltered archive (migration 7's `facet_cache`).
struct Cached {
    values: Facets,
    /// Meetings (events) in the timeline, when recorded.
    total: Option<i64>,
}

/// Whether the precomputed counts are fresh (nothing has changed since [`refresh_facet_cache`]).
///
/// # Errors
/// Database failures only.
pub fn facet_cache_fresh(store: &Store) -> Result<bool, StoreError> {
    Ok(store
        .conn
        .query_row(
            "SELECT fresh FROM facet_cache_state WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

/// The precomputed counts when fresh (nothing has changed since [`refresh_facet_cache`]).
fn cached(store: &Store) -> Result<Option<Cached>, StoreError> {
    let conn = &store.conn;
    let fresh: bool = conn
        .query_row(
            "SELECT fresh FROM facet_cache_state WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false);
    if !fresh {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT facet, key, label_en, label_ar, count FROM facet_cache ORDER BY facet, key",
    )?;
    let mut rows = stmt.query([])?;
    let mut values: Vec<(Facet, Vec<FacetValue>)> =
        Facet::ALL.iter().map(|&f| (f, Vec::new())).collect();
    let mut per_year = Vec::new();
    let (mut undated, mut total) = (0, None);
    while let Some(r) = rows.next()? {
        let facet: String = r.get(0)?;
        let key: String = r.get(1)?;
        let count: i64 = r.get(4)?;
        match facet.as_str() {
            "year" => per_year.push((key.parse().unwrap_or(0), count)),
            "undated" => undated = count,
            "total" => total = Some(count),
            name => {
                if let Some((_, list)) = values.iter_mut().find(|(f, _)| facet_name(*f) == name) {
                    list.push(FacetValue {
                        key,
                        label_en: r.get(2)?,
                        label_ar: r.get(3)?,
                        count,
                    });
                }
            }
        }
    }
    for (_, list) in &mut values {
        sort_values(list);
    }
    per_year.sort();
    Ok(Some(Cached {
        values: Facets {
            values,
            per_year,
            undated,
        },
        total,
    }))
}

fn facet_name(facet: Facet) -> &'static str {
    match facet {
        Facet::Officials => "officials",
        Facet::Bodies => "bodies",
        Facet::Countries => "countries",
        Facet::Topics => "topics",
        Facet::Places => "places",
        Facet::Kinds => "kinds",
    }
}

/// Recounts the unfiltered archive's facet values, per-year histogram and meeting total into
/// `facet_cache` and marks them fresh. Called last by [`crate::edits::regroup`] (after every
/// extraction and edit); any later change to a meeting, participant or topic row marks them
/// stale again (triggers), and [`facets`] counts live until the next call.
///
/// # Errors
/// Database failures only.
pub fn refresh_facet_cache(store: &Store) -> Result<(), StoreError> {
    let conn = &store.conn;
    let all = Filter::default();
    let (conds, args) = conditions(&all, None);
    conn.execute("DELETE FROM facet_cache", [])?;
    let mut ins = conn.prepare_cached(
        "INSERT INTO facet_cache (facet, key, label_en, label_ar, count) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for facet in Facet::ALL {
        for v in live_facet(store, facet, &conds, &args, None)? {
            ins.execute(rusqlite::params![
                facet_name(facet),
                v.key,
                v.label_en,
                v.label_ar,
                v.count
            ])?;
        }
    }
    let (per_year, undated) = live_years(store, &all)?;
    for (y, n) in per_year {
        ins.execute(rusqlite::params!["year", y.to_string(), "", "", n])?;
    }
    ins.execute(rusqlite::params!["undated", "", "", "", undated])?;
    let total: i64 = conn.query_row(
        "SELECT COUNT(DISTINCT m.event_id) FROM meetings m WHERE m.hidden IS NULL",
        [],
        |r| r.get(0),
    )?;
    ins.execute(rusqlite::params!["total", "", "", "", total])?;
    conn.execute("UPDATE facet_cache_state SET fresh = 1 WHERE id = 1", [])?;
    Ok(())
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
