//! One meeting from many reports, kept in step with the archive: [`regroup`] runs the grouping
//! ([`crate::events::group`]) over every visible meeting row with the user's links, and writes
//! each row's event ([`crate::store::events`]). The user's links are edits (`same_meeting`,
//! `different_meeting`, `split_meeting`: [`merge`], [`different`], [`split`]), so undo, redo,
//! re-extraction and the exchange file treat them like any correction.

use super::{Edit, EditError, MeetingChange, ReportRef, meeting_ref};
use crate::events::{Link, Mention, PlaceInfo};
use crate::model::{DatePrecision, MeetingStatus};
use crate::store::events::{self as ev, StoredMention};
use crate::store::{Store, StoreError};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// The `edits.field` names of the link edits.
pub const LINK_FIELDS: [&str; 3] = ["same_meeting", "different_meeting", "split_meeting"];

/// Country and coordinates of every shipped gazetteer place (what place compatibility needs).
pub fn place_infos() -> &'static HashMap<String, PlaceInfo> {
    static PLACES: OnceLock<HashMap<String, PlaceInfo>> = OnceLock::new();
    PLACES.get_or_init(|| {
        crate::gazetteer::Gazetteer::shipped()
            .places
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    PlaceInfo {
                        country: p.country.clone(),
                        lat: p.lat,
                        lon: p.lon,
                    },
                )
            })
            .collect()
    })
}

fn mention(m: &StoredMention) -> Mention {
    Mention {
        article: m.article_id,
        date: m.date,
        place: m.place_key.clone(),
        people: m.people.clone(),
        kind: m.kind,
        status: m.status,
        weekday: crate::events::stated_weekday(m.date_note.as_deref()),
    }
}

/// What [`regroup`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Regrouped {
    /// Visible meeting rows (reports).
    pub reports: usize,
    /// Distinct meetings (events) they form.
    pub meetings: usize,
    /// Articles that are near-identical copies of an earlier one.
    pub copies: usize,
    /// Reports this grouping placed (every report for a whole regroup; the changed ones and what
    /// they could join otherwise).
    pub placed: usize,
}

/// Keeps which report belongs to which meeting up to date, incrementally: signatures of
/// articles that have none, the copy relation, then the grouping ([`crate::events::group`]) with
/// the user's links (a link whose report is not in the archive is skipped) over the reports that
/// changed since the last grouping (migration 7's triggers mark them, and the reports of the
/// event they were in) together with every report they could be one meeting with (found through
/// the same day and the next, the same people, their old events and the user's links, each pair
/// checked by the rules), and nothing else: every other report keeps its meeting. The result is
/// the one [`regroup_full`] gives (the rules join only such pairs, and a meeting's reports join
/// in an order that does not depend on reports outside it); a new, changed or undone link
/// regroups the whole archive. The representative row of each meeting (its `event_id`) is the
/// held report with the most precise date, then the one naming a place and most people, then an
/// original rather than a copy, then the smallest id. Last, the unfiltered facet counts are
/// recounted ([`crate::store::timeline::refresh_facet_cache`]).
///
/// # Errors
/// Database failures only.
pub fn regroup(store: &Store) -> Result<Regrouped, StoreError> {
    regroup_with(store, false)
}

/// [`regroup`] over every report of the archive, whatever changed.
///
/// # Errors
/// Database failures only.
pub fn regroup_full(store: &Store) -> Result<Regrouped, StoreError> {
    regroup_with(store, true)
}

fn regroup_with(store: &Store, full: bool) -> Result<Regrouped, StoreError> {
    for (id, _headline, body) in ev::articles_without_signature(store)? {
        let sig = crate::events::minhash(&body).unwrap_or_default();
        ev::set_signature(store, id, &sig)?;
    }
    let copies = crate::events::copies(&ev::signatures(store)?);
    let copy_changed: HashSet<i64> = ev::set_copies(store, &copies)?.into_iter().collect();
    let stored = ev::mentions(store)?;
    let mentions: Vec<Mention> = stored.iter().map(mention).collect();
    let by_article_key: HashMap<(i64, &str), usize> = stored
        .iter()
        .enumerate()
        .map(|(i, m)| ((m.article_id, m.meeting_key.as_str()), i))
        .collect();
    let by_hash_key: HashMap<(&str, &str), usize> = stored
        .iter()
        .enumerate()
        .map(|(i, m)| ((m.content_hash.as_str(), m.meeting_key.as_str()), i))
        .collect();
    // The user's links, the newest decision on a pair winning.
    let mut decided: HashMap<(usize, usize), bool> = HashMap::new();
    let link_edits = ev::link_edits(store, &LINK_FIELDS)?;
    let fingerprint = {
        use sha2::Digest as _;
        let mut h = sha2::Sha256::new();
        for (article, key, field, value) in &link_edits {
            h.update(format!(
                "{article}\u{1f}{key}\u{1f}{field}\u{1f}{value}\u{1e}"
            ));
        }
        h.finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let full = full || ev::links_seen(store)?.as_deref() != Some(fingerprint.as_str());
    for (article, key, _field, value) in link_edits {
        let Some(&t) = by_article_key.get(&(article, key.as_str())) else {
            continue;
        };
        // The stored value is the whole change (`{"field": ..., "value": ...}`).
        let change: Result<MeetingChange, _> = serde_json::from_str(&value);
        let (refs, same, all_pairs) = match change {
            Ok(MeetingChange::SameMeeting(r)) => (r, true, false),
            Ok(MeetingChange::DifferentMeeting(r)) => (r, false, false),
            Ok(MeetingChange::SplitMeeting(r)) => (r, false, true),
            _ => continue,
        };
        let mut idx: Vec<usize> = vec![t];
        idx.extend(
            refs.iter()
                .filter_map(|r| by_hash_key.get(&(r.content_hash.as_str(), r.key.as_str())))
                .copied(),
        );
        for (x, &a) in idx.iter().enumerate() {
            for &b in &idx[x + 1..] {
                if a != b && (all_pairs || x == 0) {
                    decided.insert((a.min(b), a.max(b)), same);
                }
            }
        }
    }
    let mut links: Vec<Link> = decided
        .into_iter()
        .map(|((a, b), same)| {
            if same {
                Link::Same(a, b)
            } else {
                Link::Different(a, b)
            }
        })
        .collect();
    // A copy's meeting is the original's meeting of the same key.
    for (i, m) in stored.iter().enumerate() {
        if let Some(o) = m.copy_of
            && let Some(&j) = by_article_key.get(&(o, m.meeting_key.as_str()))
        {
            links.push(Link::Same(j, i));
        }
    }
    links.sort_by_key(|l| match *l {
        Link::Same(a, b) | Link::Different(a, b) => (a, b),
    });
    // The reports to place: all, or the changed ones with everything they could join.
    let subset: Vec<usize> = if full {
        (0..stored.len()).collect()
    } else {
        let dirty: Vec<usize> = (0..stored.len())
            .filter(|&i| !stored[i].grouped || copy_changed.contains(&stored[i].article_id))
            .collect();
        reach(&stored, &mentions, &links, dirty)
    };
    let mut at = vec![usize::MAX; stored.len()];
    for (x, &i) in subset.iter().enumerate() {
        at[i] = x;
    }
    let sub_links: Vec<Link> = links
        .iter()
        .filter_map(|l| match *l {
            Link::Same(a, b) if at[a] != usize::MAX && at[b] != usize::MAX => {
                Some(Link::Same(at[a], at[b]))
            }
            Link::Different(a, b) if at[a] != usize::MAX && at[b] != usize::MAX => {
                Some(Link::Different(at[a], at[b]))
            }
            _ => None,
        })
        .collect();
    let sub_mentions: Vec<Mention> = subset.iter().map(|&i| mentions[i].clone()).collect();
    let roots = crate::events::group(&sub_mentions, place_infos(), &sub_links);
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (x, r) in roots.iter().enumerate() {
        groups.entry(subset[*r]).or_default().push(subset[x]);
    }
    let rank = |m: &StoredMention| {
        (
            m.status != MeetingStatus::Held,
            match m.date {
                Some((_, DatePrecision::Day)) => 0,
                Some((_, DatePrecision::Month)) => 1,
                Some(_) => 2,
                None => 3,
            },
            m.place_key.is_none(),
            std::cmp::Reverse(m.people.len()),
            m.copy_of.is_some(),
            m.meeting_id,
        )
    };
    let mut rows = Vec::with_capacity(stored.len());
    for members in groups.values() {
        let Some(rep) = members.iter().map(|&i| &stored[i]).min_by_key(|m| rank(m)) else {
            continue;
        };
        let date = event_date(rep, members.iter().map(|&i| &stored[i]));
        rows.extend(
            members
                .iter()
                .map(|&i| (stored[i].meeting_id, rep.meeting_id, date)),
        );
    }
    ev::set_event_ids(store, &rows)?;
    ev::set_links_seen(store, &fingerprint)?;
    // Last: every write above marks the unfiltered counts stale.
    if full || !subset.is_empty() || !crate::store::timeline::facet_cache_fresh(store)? {
        crate::store::timeline::refresh_facet_cache(store)?;
    }
    let mut events: HashSet<i64> = (0..stored.len())
        .filter(|&i| at[i] == usize::MAX)
        .map(|i| stored[i].event_id)
        .collect();
    events.extend(rows.iter().map(|r| r.1));
    Ok(Regrouped {
        reports: stored.len(),
        meetings: events.len(),
        copies: copies.len(),
        placed: subset.len(),
    })
}

/// `dirty` (indices into `stored`) with every report it could be one meeting with, and theirs in
/// turn: the other reports of its last event, its user links (and copies), and the reports the
/// rules would pair it with (those [`crate::events::group`] joins when given just the two:
/// day-precise reports of the same or the next day naming a common person, and a report with a
/// vaguer date and any report naming a common person), sorted.
fn reach(
    stored: &[StoredMention],
    mentions: &[Mention],
    links: &[Link],
    dirty: Vec<usize>,
) -> Vec<usize> {
    if dirty.is_empty() {
        return dirty;
    }
    let day = |m: &Mention| match m.date {
        Some((d, DatePrecision::Day)) => Some(d),
        _ => None,
    };
    let mut by_day: HashMap<(chrono::NaiveDate, &str), Vec<usize>> = HashMap::new();
    let mut by_person: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut vague_by_person: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_event: HashMap<i64, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        for (k, _) in &m.people {
            by_person.entry(k.as_str()).or_default().push(i);
            match day(m) {
                Some(d) => by_day.entry((d, k.as_str())).or_default().push(i),
                None => vague_by_person.entry(k.as_str()).or_default().push(i),
            }
        }
        by_event.entry(stored[i].event_id).or_default().push(i);
    }
    let mut same: HashMap<usize, Vec<usize>> = HashMap::new();
    for l in links {
        if let Link::Same(a, b) = *l {
            same.entry(a).or_default().push(b);
            same.entry(b).or_default().push(a);
        }
    }
    let mut tested: HashSet<(usize, usize)> = HashSet::new();
    let joinable = |a: usize, b: usize| {
        let pair = [mentions[a].clone(), mentions[b].clone()];
        let roots = crate::events::group(&pair, place_infos(), &[]);
        roots[0] == roots[1]
    };
    let mut inside = vec![false; mentions.len()];
    let mut queue = dirty;
    for &i in &queue {
        inside[i] = true;
    }
    let none = Vec::new();
    while let Some(x) = queue.pop() {
        let mut sure: Vec<usize> = by_event.get(&stored[x].event_id).unwrap_or(&none).clone();
        sure.extend(same.get(&x).unwrap_or(&none));
        let mut maybe: Vec<usize> = Vec::new();
        for (k, _) in &mentions[x].people {
            match day(&mentions[x]) {
                Some(d) => {
                    for d in [d.pred_opt(), Some(d), d.succ_opt()].into_iter().flatten() {
                        maybe.extend(by_day.get(&(d, k.as_str())).unwrap_or(&none));
                    }
                    maybe.extend(vague_by_person.get(k.as_str()).unwrap_or(&none));
                }
                None => maybe.extend(by_person.get(k.as_str()).unwrap_or(&none)),
            }
        }
        for c in sure {
            if !inside[c] {
                inside[c] = true;
                queue.push(c);
            }
        }
        for c in maybe {
            if !inside[c] && tested.insert((x.min(c), x.max(c))) && joinable(x, c) {
                inside[c] = true;
                queue.push(c);
            }
        }
    }
    (0..mentions.len()).filter(|&i| inside[i]).collect()
}

/// The date the timeline shows for an event (and sorts it by): the representative's, unless a
/// report with a more precise date exists (the first such report by id), the same rule as the
/// timeline's merged row ([`crate::store::timeline`]).
fn event_date<'a>(
    rep: &StoredMention,
    members: impl Iterator<Item = &'a StoredMention>,
) -> Option<chrono::NaiveDate> {
    let rank = |d: Option<(chrono::NaiveDate, DatePrecision)>| match d {
        Some((_, DatePrecision::Day)) => 0,
        Some((_, DatePrecision::Month)) => 1,
        Some(_) => 2,
        None => 3,
    };
    let mut others: Vec<&StoredMention> =
        members.filter(|m| m.meeting_id != rep.meeting_id).collect();
    others.sort_by_key(|m| m.meeting_id);
    let mut date = rep.date;
    for m in others {
        if m.date.is_some() && rank(m.date) < rank(date) {
            date = m.date;
        }
    }
    date.map(|(d, _)| d)
}

/// The stable identity of meeting row `meeting_id` as a report.
///
/// # Errors
/// [`EditError::NoMeetingId`]; database failures.
pub fn report_ref(store: &Store, meeting_id: i64) -> Result<ReportRef, EditError> {
    let target = meeting_ref(store, meeting_id)?;
    let hash = crate::store::events::content_hash_of(store, target.article_id)?
        .ok_or(EditError::NoArticle(target.article_id))?;
    Ok(ReportRef {
        content_hash: hash,
        key: target.key,
    })
}

/// The reports of the meeting `event` (a timeline row's id) other than `except`.
fn member_refs(store: &Store, event: i64, except: i64) -> Result<Vec<ReportRef>, EditError> {
    let event = ev::event_of(store, event)?.ok_or(EditError::NoMeetingId(event))?;
    ev::event_members(store, event)?
        .into_iter()
        .filter(|&m| m != except)
        .map(|m| report_ref(store, m))
        .collect()
}

/// What the user says about meetings (timeline row ids): [`link_edit`] turns it into an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRequest {
    /// The two meetings are one.
    Merge(i64, i64),
    /// Every report of the meeting is a meeting of its own.
    Split(i64),
    /// The two meetings (or two reports of one) are different meetings.
    Different(i64, i64),
}

/// The edit that records `request` (apply it with [`super::apply`], or send it to the app's
/// worker): merge links every report of both meetings; different links the first row with every
/// report of the second (or, for two reports of one meeting, with that report); split separates
/// every pair of the meeting's reports.
///
/// # Errors
/// [`EditError::NoMeetingId`]; [`EditError::Invalid`] when there is nothing to do (two rows of
/// one meeting to merge, a meeting with one report to split, a meeting different from itself);
/// database failures.
pub fn link_edit(store: &Store, request: LinkRequest) -> Result<Edit, EditError> {
    let (target, change) = match request {
        LinkRequest::Merge(a, b) => {
            let (ea, eb) = (events_of(store, a)?, events_of(store, b)?);
            if ea == eb {
                return Err(EditError::Invalid(format!(
                    "meetings #{a} and #{b} are already one meeting"
                )));
            }
            // Every report of both: the rules alone might keep some apart (a report of `a`
            // naming nobody `b` names).
            let mut refs = member_refs(store, ea, ea)?;
            refs.extend(member_refs(store, eb, -1)?);
            (ea, MeetingChange::SameMeeting(refs))
        }
        LinkRequest::Split(a) => {
            let event = events_of(store, a)?;
            let refs = member_refs(store, event, event)?;
            if refs.is_empty() {
                return Err(EditError::Invalid(format!(
                    "meeting #{a} has one report: nothing to split"
                )));
            }
            (event, MeetingChange::SplitMeeting(refs))
        }
        LinkRequest::Different(a, b) => {
            let (ea, eb) = (events_of(store, a)?, events_of(store, b)?);
            if a == b {
                return Err(EditError::Invalid(format!(
                    "meeting #{a} cannot be different from itself"
                )));
            }
            // Two reports of one meeting: the second leaves it.
            let refs = if ea == eb {
                vec![report_ref(store, b)?]
            } else {
                member_refs(store, eb, -1)?
            };
            (a, MeetingChange::DifferentMeeting(refs))
        }
    };
    let target = meeting_ref(store, target)?;
    Ok(Edit::Meeting { target, change })
}

/// Makes meetings `a` and `b` (timeline row ids) one meeting for good (an undoable edit).
///
/// # Errors
/// As [`link_edit`].
pub fn merge(store: &Store, a: i64, b: i64) -> Result<super::Applied, EditError> {
    super::apply(store, &link_edit(store, LinkRequest::Merge(a, b))?)
}

/// Marks meetings `a` and `b` (timeline row ids) as different: never merged again (an undoable
/// edit).
///
/// # Errors
/// As [`link_edit`].
pub fn different(store: &Store, a: i64, b: i64) -> Result<super::Applied, EditError> {
    super::apply(store, &link_edit(store, LinkRequest::Different(a, b))?)
}

/// Separates every report of meeting `a` (a timeline row id) from the others, for good (an
/// undoable edit).
///
/// # Errors
/// As [`link_edit`].
pub fn split(store: &Store, a: i64) -> Result<super::Applied, EditError> {
    super::apply(store, &link_edit(store, LinkRequest::Split(a))?)
}

fn events_of(store: &Store, id: i64) -> Result<i64, EditError> {
    ev::event_of(store, id)?.ok_or(EditError::NoMeetingId(id))
}
