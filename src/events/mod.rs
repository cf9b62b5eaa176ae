//! Meetings from many reports: which per-article meeting rows (mentions) report one real-world
//! meeting (an *event*), and which articles are near-identical copies of one another. Pure code,
//! no SQL: [`crate::store::events`] loads the mentions and writes the groups,
//! [`crate::pipeline::events`] strings the two together after every change.
//!
//! The rules ([`group`]), applied as classes of cases:
//!
//! - **Never one event**: a phone call and a meeting in person; dates that differ at the coarser of the
//!   two precisions (a day inside a month is compatible with that month); different weekdays
//!   (an undated «اليوم الأحد» and «اليوم الخميس» are two days); two places that are
//!   neither the same nor within [`NEAR_KM`] of each other in the same country (Tripoli and Rome
//!   are not compatible; Mitiga airport and Tripoli are); two mentions that both name a Libyan
//!   side but share no Libyan official (one visitor meeting two Libyan officials separately on the
//!   same day), or both name a European side and share no European; a pair the user marked
//!   "different".
//! - **One event**: day-precise mentions of the same day with at least two shared canonical
//!   persons (a day apart only with exactly the same people in the same place: a report dated by
//!   its publication the next day), or one shared person when one of them names only that person and both give the
//!   place. Clusters grow by union-find, but two clusters join only when no pair across them is
//!   "never one event" (so a vague mention cannot chain two distinct meetings together).
//! - **Undated and month/year mentions** need more: the place known on both sides and the shared
//!   people at least half of the larger list, or all of the smaller list when the larger one
//!   only adds the visitors' delegation (Europeans in Libya, Libyans abroad); two undated
//!   mentions, exactly the same people. Their pairs are joined after the day-precise ones,
//!   those whose stated weekday is the other's day first, then most alike people (Jaccard),
//!   under the same no-conflict rule: the undated report
//!   joins the dated one when everything else agrees, and the most alike of two candidates.
//! - A delegation (two or more people shared on one side) meeting different hosts on one day in
//!   one city is one visit.
//! - **User links** ([`Link`]): 'same' joins unconditionally, 'different' is a cannot-link.
//!
//! Near-identical texts ([`minhash`], [`copies`]): MinHash over word 3-shingles of the
//! normalised body, [`SIGNATURE_LEN`] hashes, banded LSH for candidates, a pair is a copy when its
//! estimated Jaccard similarity is at least [`COPY_JACCARD`].

mod minhash;
#[cfg(test)]
mod tests;

pub use minhash::{COPY_JACCARD, SIGNATURE_LEN, copies, minhash, similarity};

use crate::model::{DatePrecision, MeetingKind, MeetingStatus, Side};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Two places of one country closer than this (km) are compatible ("Mitiga airport" and "Tripoli").
pub const NEAR_KM: f64 = 40.0;

/// One per-article meeting row as the grouping sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// The article reporting it. Two meetings of one article can be one event (an article telling
    /// one visit twice, once with the delegation, once with the signatories).
    pub article: i64,
    pub date: Option<(NaiveDate, DatePrecision)>,
    /// Gazetteer place id, `None` when unknown.
    pub place: Option<String>,
    /// Canonical person keys with their side; unnamed participants (`unnamed:*`) left out.
    pub people: Vec<(String, Side)>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    /// The weekday the text states for the meeting («اليوم الأحد»), see [`stated_weekday`]; two
    /// mentions stating different weekdays are two meetings.
    pub weekday: Option<Weekday>,
}

/// The weekday the text states for a meeting: the one named in the date words of its stored
/// note (`meetings.date_note`, a [`crate::model::DateNote`]: «اليوم الأحد»), else `None` (a date
/// inferred from the publication day says nothing of its own weekday).
pub fn stated_weekday(date_note: Option<&str>) -> Option<Weekday> {
    let note = crate::model::DateNote::parse(date_note?);
    let crate::model::DateNote::Found { expression, .. } = note else {
        return None;
    };
    crate::text::tokens::words(&expression)
        .iter()
        .find_map(|w| crate::text::relative::weekday_name(&w.text))
}

/// What the grouping knows of a place: its country (ISO alpha-2) and coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceInfo {
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// A user's link between two mentions (indices into the mention slice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Always one event.
    Same(usize, usize),
    /// Never one event, whatever else links them.
    Different(usize, usize),
}

/// Whether two mentions may be one event, and how strongly they say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Conflict,
    /// Compatible, but not evidence enough by itself.
    Neutral,
    /// Compatible with this many shared persons.
    Match(usize),
}

fn shared(a: &Mention, b: &Mention, side: Option<Side>) -> usize {
    a.people
        .iter()
        .filter(|(k, s)| side.is_none_or(|x| x == *s) && b.people.iter().any(|(k2, _)| k2 == k))
        .count()
}

fn names_side(m: &Mention, side: Side) -> bool {
    m.people.iter().any(|(_, s)| *s == side)
}

/// Dates compatible at the coarser precision; `None` is compatible with anything.
pub fn dates_compatible(
    a: Option<(NaiveDate, DatePrecision)>,
    b: Option<(NaiveDate, DatePrecision)>,
) -> bool {
    let (Some((da, pa)), Some((db, pb))) = (a, b) else {
        return true;
    };
    let coarse = |p: DatePrecision| match p {
        DatePrecision::Day => 0,
        DatePrecision::Month => 1,
        _ => 2,
    };
    match coarse(pa).max(coarse(pb)) {
        0 => da == db,
        1 => da.year() == db.year() && da.month() == db.month(),
        _ => da.year() == db.year(),
    }
}

/// Places compatible: one unknown, the same id, or the same country within [`NEAR_KM`].
pub fn places_compatible(
    a: Option<&str>,
    b: Option<&str>,
    places: &HashMap<String, PlaceInfo>,
) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a == b {
        return true;
    }
    let (Some(pa), Some(pb)) = (places.get(a), places.get(b)) else {
        return false;
    };
    if pa.country != pb.country {
        return false;
    }
    match (pa.lat, pa.lon, pb.lat, pb.lon) {
        (Some(a1), Some(o1), Some(a2), Some(o2)) => {
            crate::model::geo::great_circle_km(a1, o1, a2, o2) < NEAR_KM
        }
        _ => false,
    }
}

fn relation(a: &Mention, b: &Mention, places: &HashMap<String, PlaceInfo>) -> Relation {
    let adjacent = match (a.date, b.date) {
        (Some((da, DatePrecision::Day)), Some((db, DatePrecision::Day))) => {
            (da - db).num_days().abs() == 1
        }
        _ => false,
    };
    let weekdays_differ = matches!((a.weekday, b.weekday), (Some(x), Some(y)) if x != y);
    if (a.kind == MeetingKind::PhoneCall) != (b.kind == MeetingKind::PhoneCall)
        || (weekdays_differ && !adjacent)
        || !(adjacent || dates_compatible(a.date, b.date))
        || !places_compatible(a.place.as_deref(), b.place.as_deref(), places)
    {
        return Relation::Conflict;
    }
    for (side, other) in [(Side::Libya, Side::Europe), (Side::Europe, Side::Libya)] {
        // Both name this side and share nobody on it: two meetings of one visitor (or of one
        // host), unless the other side is a delegation both reports share (two or more people).
        if names_side(a, side)
            && names_side(b, side)
            && shared(a, b, Some(side)) == 0
            && shared(a, b, Some(other)) < 2
        {
            return Relation::Conflict;
        }
    }
    let n = shared(a, b, None);
    let (smaller, larger) = (
        a.people.len().min(b.people.len()),
        a.people.len().max(b.people.len()),
    );
    let located = a.place.is_some() && b.place.is_some();
    let same_people = n >= 2 && n == a.people.len() && n == b.people.len();
    if adjacent {
        // A day apart (one report dated by its publication the day after): the same people in
        // the same place, else two meetings.
        return if located && same_people {
            Relation::Match(n)
        } else {
            Relation::Conflict
        };
    }
    let matched = if a.date.is_none() && b.date.is_none() {
        // Two undated reports: exactly the same people in the same place.
        located && same_people
    } else if is_day(a) && is_day(b) {
        n >= 2 || (n == 1 && smaller == 1 && located)
    } else {
        // A vague date is weak evidence: the place must be known on both sides and the shared
        // people at least half of the larger list, or the larger list the smaller one plus the
        // visitors' delegation.
        located && n >= 2 && (2 * n >= larger || plus_delegation(a, b, places))
    };
    if matched {
        Relation::Match(n)
    } else {
        Relation::Neutral
    }
}

/// Whether one mention names everybody the other names, one person at least on each side, and
/// its others are all visitors where the meeting was held (Europeans in Libya, Libyans elsewhere):
/// a report listing the delegation that accompanied the visitor ("Accompanying Abela are ...")
/// and a short one naming only the principals. Extra people of the host's side are another
/// occasion. Both places must be known (the caller checks); the first mention's gives the host.
fn plus_delegation(a: &Mention, b: &Mention, places: &HashMap<String, PlaceInfo>) -> bool {
    let (small, big) = if a.people.len() <= b.people.len() {
        (a, b)
    } else {
        (b, a)
    };
    let Some(country) = a
        .place
        .as_ref()
        .and_then(|p| places.get(p))
        .map(|p| p.country.as_str())
    else {
        return false;
    };
    let visitors = if country == "LY" {
        Side::Europe
    } else {
        Side::Libya
    };
    let has = |m: &Mention, k: &str| m.people.iter().any(|(k2, _)| k2 == k);
    small.people.iter().all(|(k, _)| has(big, k))
        && names_side(small, Side::Libya)
        && names_side(small, Side::Europe)
        && big
            .people
            .iter()
            .all(|(k, s)| has(small, k) || *s == visitors)
}

/// Whether the weekday one mention states is the weekday of the other's day: 1 when it is
/// (an undated «الاثنين» and a Monday), -1 when it is not, 0 when nothing says. Not a conflict
/// (a date may be the publication day the report fell back on), but the pairs that agree are
/// joined first, so a report of that Monday joins the event before one of a Wednesday can,
/// whatever order the reports were imported in.
fn weekday_fit(a: &Mention, b: &Mention) -> i8 {
    let fit = |m: &Mention, o: &Mention| match (m.weekday, o.date) {
        (Some(w), Some((d, DatePrecision::Day))) if !is_day(m) => {
            if d.weekday() == w {
                1
            } else {
                -1
            }
        }
        _ => 0,
    };
    fit(a, b) + fit(b, a)
}

/// How alike two mentions' people are (Jaccard over person keys, 0..1).
fn likeness(a: &Mention, b: &Mention) -> f64 {
    let n = shared(a, b, None);
    let union = a.people.len() + b.people.len() - n;
    if union == 0 {
        0.0
    } else {
        n as f64 / union as f64
    }
}

fn is_day(m: &Mention) -> bool {
    matches!(m.date, Some((_, DatePrecision::Day)))
}

struct Clusters {
    parent: Vec<usize>,
    members: Vec<Vec<usize>>,
}

impl Clusters {
    fn new(n: usize) -> Clusters {
        Clusters {
            parent: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
        }
    }
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        let (big, small) = if self.members[a].len() >= self.members[b].len() {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small] = big;
        let moved = std::mem::take(&mut self.members[small]);
        self.members[big].extend(moved);
    }
}

/// Groups `mentions` into events: returns, per mention, the index of its event's first mention
/// (the smallest index in the group), so equal values mean one event. `places` maps place ids to
/// what [`places_compatible`] needs; `links` are the user's (see the module docs for the rules).
/// Runs in O(n log n) plus the pairs that share a person on one day.
pub fn group(
    mentions: &[Mention],
    places: &HashMap<String, PlaceInfo>,
    links: &[Link],
) -> Vec<usize> {
    let n = mentions.len();
    let mut cl = Clusters::new(n);
    let mut different: HashSet<(usize, usize)> = HashSet::new();
    for l in links {
        if let Link::Different(a, b) = *l {
            different.insert((a.min(b), a.max(b)));
        }
    }
    let conflict = |cl: &Clusters, ra: usize, rb: usize| -> bool {
        cl.members[ra].iter().any(|&i| {
            cl.members[rb].iter().any(|&j| {
                different.contains(&(i.min(j), i.max(j)))
                    || relation(&mentions[i], &mentions[j], places) == Relation::Conflict
            })
        })
    };
    // User 'same' links first: they hold whatever the rules say (except a 'different' link).
    for l in links {
        if let Link::Same(a, b) = *l
            && a < n
            && b < n
        {
            let (ra, rb) = (cl.find(a), cl.find(b));
            let blocked = cl.members[ra].iter().any(|&i| {
                cl.members[rb]
                    .iter()
                    .any(|&j| different.contains(&(i.min(j), i.max(j))))
            });
            if !blocked {
                cl.union(ra, rb);
            }
        }
    }
    // Phase 1: day-precise mentions, blocked by (day, person).
    let mut blocks: BTreeMap<(NaiveDate, &str), Vec<usize>> = BTreeMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if let Some((d, DatePrecision::Day)) = m.date {
            for (k, _) in &m.people {
                blocks.entry((d, k.as_str())).or_default().push(i);
            }
        }
    }
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    let mut seen = HashSet::new();
    let empty = Vec::new();
    for ((d, k), list) in &blocks {
        // The same day, then the day after (a report dated by its publication).
        let next = d
            .succ_opt()
            .and_then(|d1| blocks.get(&(d1, *k)))
            .unwrap_or(&empty);
        for (x, &i) in list.iter().enumerate() {
            for &j in list[x + 1..].iter().chain(next) {
                if i != j
                    && seen.insert((i.min(j), i.max(j)))
                    && let Relation::Match(s) = relation(&mentions[i], &mentions[j], places)
                {
                    pairs.push((s, i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in pairs {
        let (ri, rj) = (cl.find(i), cl.find(j));
        if ri != rj && !conflict(&cl, ri, rj) {
            cl.union(ri, rj);
        }
    }
    // Phase 2: pairs with a month, year or no date, most alike people first; each joins when
    // nothing across the two clusters conflicts (so a vague report joins the event most like
    // it, and never chains two events that differ).
    let mut by_person: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        for (k, _) in &m.people {
            by_person.entry(k.as_str()).or_default().push(i);
        }
    }
    let mut vague: Vec<(i8, f64, usize, usize)> = Vec::new();
    let mut seen = HashSet::new();
    for i in (0..n).filter(|&i| !is_day(&mentions[i])) {
        for (k, _) in &mentions[i].people {
            for &j in by_person.get(k.as_str()).into_iter().flatten() {
                let key = (i.min(j), i.max(j));
                if j == i || !seen.insert(key) {
                    continue;
                }
                if let Relation::Match(_) = relation(&mentions[i], &mentions[j], places) {
                    let (a, b) = (&mentions[i], &mentions[j]);
                    vague.push((weekday_fit(a, b), likeness(a, b), key.0, key.1));
                }
            }
        }
    }
    vague.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    for (_, _, i, j) in vague {
        let (ri, rj) = (cl.find(i), cl.find(j));
        if ri != rj && !conflict(&cl, ri, rj) {
            cl.union(ri, rj);
        }
    }
    (0..n)
        .map(|i| {
            let r = cl.find(i);
            *cl.members[r].iter().min().unwrap_or(&i)
        })
        .collect()
}
