//! Pages for one official, body, country or topic, and the who-met-whom network: plain data
//! (serde) assembled from the store's query results, shown by the app (`ui::panels::page`,
//! `ui::panels::network`) and printed by `arshif page` / `arshif network`.
//!
//! - Meetings come from [`crate::query::timeline`] under a [`Filter`] (the official, body,
//!   country or topic selected), so a page lists what the timeline would list for that filter.
//! - Every count counts the store's unit ([`crate::store::pages::COUNTED_UNIT`]: a meeting row
//!   today, an event once reports are grouped); meeting rows of one unit are shown as one
//!   [`PageMeeting`] with all their sources.
//! - Names are resolved by [`resolve`] (key, name in any script, any spelling seen, the
//!   transliteration key of [`crate::gazetteer::latin`]); an unknown name gets "did you mean".

pub mod network;
pub mod resolve;

pub use network::{NetEdge, NetNode, Network, layout, network};
pub use resolve::{Candidate, Resolution, Suggestion, resolve, suggest_entities};

use crate::gazetteer::Gazetteer;
use crate::model::{
    DatePrecision, EntityRef, Filter, MeetingKind, MeetingStatus, Order, ParticipantView,
    TimelineMeeting,
};
use crate::store::{Store, StoreError};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a page is about: the kind and the key (a person key, a body key, an ISO country code or
/// `EU`, a topic id).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
pub enum PageRef {
    Official(String),
    Body(String),
    Country(String),
    Topic(String),
}

impl PageRef {
    /// The key.
    pub fn key(&self) -> &str {
        match self {
            PageRef::Official(k) | PageRef::Body(k) | PageRef::Country(k) | PageRef::Topic(k) => k,
        }
    }

    /// The kind.
    pub fn kind(&self) -> PageKind {
        match self {
            PageRef::Official(_) => PageKind::Official,
            PageRef::Body(_) => PageKind::Body,
            PageRef::Country(_) => PageKind::Country,
            PageRef::Topic(_) => PageKind::Topic,
        }
    }

    /// The timeline filter selecting this page's meetings (oldest first).
    pub fn filter(&self) -> Filter {
        let mut f = Filter {
            order: Order::OldestFirst,
            ..Filter::default()
        };
        let set = match self {
            PageRef::Official(_) => &mut f.officials,
            PageRef::Body(_) => &mut f.bodies,
            PageRef::Country(_) => &mut f.countries,
            PageRef::Topic(_) => &mut f.topics,
        };
        set.insert(self.key().to_string());
        f
    }
}

/// The kinds of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Official,
    Body,
    Country,
    Topic,
}

impl PageKind {
    /// `official`, `body`, `country`, `topic`.
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Official => "official",
            PageKind::Body => "body",
            PageKind::Country => "country",
            PageKind::Topic => "topic",
        }
    }

    /// `officials`, `bodies`, `countries`, `topics`.
    pub fn plural(self) -> &'static str {
        match self {
            PageKind::Official => "officials",
            PageKind::Body => "bodies",
            PageKind::Country => "countries",
            PageKind::Topic => "topics",
        }
    }

    /// The page reference of this kind for `key`.
    pub fn page(self, key: &str) -> PageRef {
        let k = key.to_string();
        match self {
            PageKind::Official => PageRef::Official(k),
            PageKind::Body => PageRef::Body(k),
            PageKind::Country => PageRef::Country(k),
            PageKind::Topic => PageRef::Topic(k),
        }
    }
}

/// Something with a count: an official met, a topic discussed, a spelling seen. `count` is in
/// counted units (meetings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counted {
    /// Entity key, topic id, country code, or the spelling itself.
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
    pub count: i64,
}

/// One meeting on a page: the meeting rows of one counted unit, with every source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageMeeting {
    /// The counted unit ([`crate::store::pages::COUNTED_UNIT`]).
    pub unit: i64,
    /// The timeline's meeting ids of this unit (one today).
    pub meeting_ids: Vec<i64>,
    pub date: Option<NaiveDate>,
    pub precision: Option<DatePrecision>,
    pub place: Option<EntityRef>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub participants: Vec<ParticipantView>,
    pub topics: Vec<EntityRef>,
    /// Reporting articles (the sources), ascending.
    pub article_ids: Vec<i64>,
    /// Headlines of the reporting meeting rows, in meeting-id order.
    pub headlines: Vec<String>,
}

/// A role an official was reported in, with when and where it was reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSeen {
    /// The role as extracted (English), '' when the articles gave none.
    pub role: String,
    pub body: Option<EntityRef>,
    /// First and last dated meeting with this role (`None` when all undated).
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// Meetings (counted units) with this role.
    pub meetings: i64,
    /// The articles that state it, ascending.
    pub article_ids: Vec<i64>,
}

/// An office from the gazetteer (dates ISO `YYYY-MM-DD` as listed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedOffice {
    pub role_en: String,
    pub role_ar: String,
    pub body: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// An official's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficialPage {
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
    /// ISO code or `EU`, '' when unknown.
    pub country: String,
    /// Listed in the gazetteer (not an extracted `new:` entity).
    pub listed: bool,
    /// Offices the gazetteer lists.
    pub offices: Vec<ListedOffice>,
    /// Roles as the articles reported them, oldest first.
    pub roles: Vec<RoleSeen>,
    /// Meetings, oldest first, undated last.
    pub meetings: Vec<PageMeeting>,
    /// Officials met, most meetings first.
    pub counterparts: Vec<Counted>,
    /// Topics, most meetings first.
    pub topics: Vec<Counted>,
    /// Spellings seen in the articles (key = the spelling), most meetings first.
    pub spellings: Vec<Counted>,
    /// Known officials this (extracted) entity's name is close to: "did you mean".
    pub did_you_mean: Vec<Candidate>,
}

/// Topics of one year (`None`: undated meetings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTopics {
    pub year: Option<i32>,
    pub topics: Vec<Counted>,
}

/// A body's or a country's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupPage {
    pub page: PageRef,
    pub name_en: String,
    pub name_ar: String,
    /// Its people, most meetings first.
    pub people: Vec<Counted>,
    pub meetings: Vec<PageMeeting>,
    /// Topics per year, oldest first, undated last.
    pub topics_by_year: Vec<YearTopics>,
}

/// A topic's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicPage {
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
    /// (year, meetings), oldest first; undated meetings in `undated`.
    pub per_year: Vec<(i32, i64)>,
    pub undated: i64,
    /// The officials most involved, most meetings first.
    pub officials: Vec<Counted>,
    pub meetings: Vec<PageMeeting>,
}

/// Any page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "page", rename_all = "snake_case")]
pub enum Page {
    Official(OfficialPage),
    Body(GroupPage),
    Country(GroupPage),
    Topic(TopicPage),
}

/// Counts per key (distinct units), with names, sorted by descending count then English name
/// then key.
#[derive(Default)]
struct Tally {
    units: BTreeMap<String, BTreeSet<i64>>,
    names: HashMap<String, (String, String)>,
}

impl Tally {
    fn add(&mut self, key: &str, en: &str, ar: &str, unit: i64) {
        self.units.entry(key.to_string()).or_default().insert(unit);
        self.names
            .entry(key.to_string())
            .or_insert_with(|| (en.to_string(), ar.to_string()));
    }

    fn into_sorted(self) -> Vec<Counted> {
        let mut v: Vec<Counted> = self
            .units
            .into_iter()
            .map(|(key, units)| {
                let (name_en, name_ar) = self.names.get(&key).cloned().unwrap_or_default();
                Counted {
                    key,
                    name_en,
                    name_ar,
                    count: units.len() as i64,
                }
            })
            .collect();
        v.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| a.name_en.cmp(&b.name_en))
                .then_with(|| a.key.cmp(&b.key))
        });
        v
    }
}

/// Groups timeline rows (already in order) into page meetings by counted unit, keeping the order
/// of each unit's first row.
pub fn group_meetings(rows: &[TimelineMeeting], units: &HashMap<i64, i64>) -> Vec<PageMeeting> {
    let mut out: Vec<PageMeeting> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for r in rows {
        let unit = units.get(&r.id).copied().unwrap_or(r.id);
        match at.get(&unit) {
            Some(&i) => {
                let m = &mut out[i];
                m.meeting_ids.push(r.id);
                m.article_ids.extend(&r.article_ids);
                m.article_ids.sort_unstable();
                m.article_ids.dedup();
                m.headlines.push(r.headline.clone());
                for p in &r.participants {
                    if !m.participants.iter().any(|q| q.person.key == p.person.key) {
                        m.participants.push(p.clone());
                    }
                }
                for t in &r.topics {
                    if !m.topics.iter().any(|u| u.key == t.key) {
                        m.topics.push(t.clone());
                    }
                }
            }
            None => {
                at.insert(unit, out.len());
                let mut article_ids = r.article_ids.clone();
                article_ids.sort_unstable();
                out.push(PageMeeting {
                    unit,
                    meeting_ids: vec![r.id],
                    date: r.date,
                    precision: r.precision,
                    place: r.place.clone(),
                    kind: r.kind,
                    status: r.status,
                    participants: r.participants.clone(),
                    topics: r.topics.clone(),
                    article_ids,
                    headlines: vec![r.headline.clone()],
                });
            }
        }
    }
    out
}

fn meetings_of(store: &Store, page: &PageRef) -> Result<Vec<PageMeeting>, StoreError> {
    let rows = crate::query::timeline(store, &page.filter())?;
    let units = crate::store::pages::meeting_units(store)?;
    Ok(group_meetings(&rows, &units))
}

/// The page of official `key` (a person key as stored, or a gazetteer id). An official nobody
/// met in the archive gets a page with the gazetteer's facts and no meetings.
///
/// # Errors
/// Database failures only.
pub fn official_page(
    store: &Store,
    gaz: &Gazetteer,
    key: &str,
) -> Result<OfficialPage, StoreError> {
    let page = PageRef::Official(key.to_string());
    let meetings = meetings_of(store, &page)?;
    let parts = crate::store::pages::participations(store, key)?;
    let listed = gaz.person(key);

    let mut counterparts = Tally::default();
    let mut topics = Tally::default();
    let (mut name_en, mut name_ar, mut country) = listed
        .map(|p| (p.name_en.clone(), p.name_ar.clone(), p.country.clone()))
        .unwrap_or_default();
    for m in &meetings {
        for p in &m.participants {
            if p.person.key == key {
                if name_en.is_empty() {
                    name_en = p.person.name_en.clone();
                }
                if name_ar.is_empty() {
                    name_ar = p.person.name_ar.clone();
                }
                if country.is_empty() {
                    country = p.country.clone();
                }
            } else {
                counterparts.add(&p.person.key, &p.person.name_en, &p.person.name_ar, m.unit);
            }
        }
        for t in &m.topics {
            topics.add(&t.key, &t.name_en, &t.name_ar, m.unit);
        }
    }

    // Roles over time: (role, body) in the order first reported.
    let mut roles: Vec<(RoleSeen, BTreeSet<i64>)> = Vec::new();
    let mut spellings = Tally::default();
    for p in &parts {
        spellings.add(&p.as_written, &p.as_written, &p.as_written, p.unit);
        let body = p.body_key.as_ref().map(|k| EntityRef {
            key: k.clone(),
            name_en: p.body_en.clone(),
            name_ar: p.body_ar.clone(),
        });
        let i = match roles.iter().position(|(r, _)| {
            r.role == p.role && r.body.as_ref().map(|b| &b.key) == p.body_key.as_ref()
        }) {
            Some(i) => i,
            None => {
                roles.push((
                    RoleSeen {
                        role: p.role.clone(),
                        body,
                        first: None,
                        last: None,
                        meetings: 0,
                        article_ids: Vec::new(),
                    },
                    BTreeSet::new(),
                ));
                roles.len() - 1
            }
        };
        let (r, units) = &mut roles[i];
        units.insert(p.unit);
        if let Some(d) = p.date {
            r.first = Some(r.first.map_or(d, |f| f.min(d)));
            r.last = Some(r.last.map_or(d, |l| l.max(d)));
        }
        if !r.article_ids.contains(&p.article_id) {
            r.article_ids.push(p.article_id);
        }
    }
    let mut roles: Vec<RoleSeen> = roles
        .into_iter()
        .map(|(mut r, units)| {
            r.meetings = units.len() as i64;
            r.article_ids.sort_unstable();
            r
        })
        .collect();
    roles.sort_by_key(|r| (r.first.is_none(), r.first));

    let did_you_mean = if listed.is_none() {
        let typed = if name_en.is_empty() {
            &name_ar
        } else {
            &name_en
        };
        crate::gazetteer::lookup::suggest_people(gaz, typed, 3)
            .into_iter()
            .map(|(p, d)| Candidate {
                page: PageRef::Official(p.id.clone()),
                name_en: p.name_en.clone(),
                name_ar: p.name_ar.clone(),
                meetings: 0,
                distance: Some(d),
            })
            .collect()
    } else {
        Vec::new()
    };

    Ok(OfficialPage {
        key: key.to_string(),
        name_en,
        name_ar,
        country,
        listed: listed.is_some(),
        offices: listed
            .map(|p| {
                p.office
                    .iter()
                    .map(|o| ListedOffice {
                        role_en: o.role_en.clone(),
                        role_ar: o.role_ar.clone(),
                        body: o.body.clone(),
                        from: o.from.clone(),
                        to: o.to.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        roles,
        meetings,
        counterparts: counterparts.into_sorted(),
        topics: topics.into_sorted(),
        spellings: spellings.into_sorted(),
        did_you_mean,
    })
}

fn topics_by_year(meetings: &[PageMeeting]) -> Vec<YearTopics> {
    let mut by_year: BTreeMap<(bool, Option<i32>), Tally> = BTreeMap::new();
    for m in meetings {
        let y = m.date.map(|d| d.year());
        let tally = by_year.entry((y.is_none(), y)).or_default();
        for t in &m.topics {
            tally.add(&t.key, &t.name_en, &t.name_ar, m.unit);
        }
    }
    by_year
        .into_iter()
        .map(|((_, year), t)| YearTopics {
            year,
            topics: t.into_sorted(),
        })
        .collect()
}

/// The page of a body (`PageRef::Body`) or a country (`PageRef::Country`): its people (the
/// participants of that body, or of that country), its meetings, topics per year.
///
/// # Errors
/// Database failures only.
///
/// # Panics
/// When `page` is an official or a topic (use [`official_page`], [`topic_page`]).
pub fn group_page(store: &Store, gaz: &Gazetteer, page: &PageRef) -> Result<GroupPage, StoreError> {
    let meetings = meetings_of(store, page)?;
    let key = page.key();
    let mut people = Tally::default();
    let (mut name_en, mut name_ar) = match page {
        PageRef::Body(k) => gaz
            .body(k)
            .map(|b| (b.name_en.clone(), b.name_ar.clone()))
            .unwrap_or_default(),
        PageRef::Country(k) => gaz
            .country(k)
            .map(|c| (c.name_en.clone(), c.name_ar.clone()))
            .unwrap_or_default(),
        _ => panic!("group_page is for bodies and countries, not {page:?}"),
    };
    for m in &meetings {
        for p in &m.participants {
            let belongs = match page {
                PageRef::Body(_) => p.body.as_ref().is_some_and(|b| b.key == key),
                _ => p.country == key,
            };
            if belongs {
                people.add(&p.person.key, &p.person.name_en, &p.person.name_ar, m.unit);
                if name_en.is_empty()
                    && let Some(b) = &p.body
                {
                    name_en = b.name_en.clone();
                    name_ar = b.name_ar.clone();
                }
            }
        }
    }
    if name_en.is_empty() {
        name_en = key.to_string();
    }
    Ok(GroupPage {
        page: page.clone(),
        name_en,
        name_ar,
        people: people.into_sorted(),
        topics_by_year: topics_by_year(&meetings),
        meetings,
    })
}

/// The page of topic `key`: meetings per year, the officials most involved, the meetings.
///
/// # Errors
/// Database failures only.
pub fn topic_page(store: &Store, gaz: &Gazetteer, key: &str) -> Result<TopicPage, StoreError> {
    let page = PageRef::Topic(key.to_string());
    let meetings = meetings_of(store, &page)?;
    let (mut name_en, mut name_ar) = gaz
        .topic(key)
        .map(|t| (t.label_en.clone(), t.label_ar.clone()))
        .unwrap_or_default();
    let mut years: BTreeMap<i32, i64> = BTreeMap::new();
    let mut undated = 0;
    let mut officials = Tally::default();
    for m in &meetings {
        match m.date {
            Some(d) => *years.entry(d.year()).or_default() += 1,
            None => undated += 1,
        }
        for p in &m.participants {
            officials.add(&p.person.key, &p.person.name_en, &p.person.name_ar, m.unit);
        }
        if name_en.is_empty()
            && let Some(t) = m.topics.iter().find(|t| t.key == key)
        {
            name_en = t.name_en.clone();
            name_ar = t.name_ar.clone();
        }
    }
    Ok(TopicPage {
        key: key.to_string(),
        name_en,
        name_ar,
        per_year: years.into_iter().collect(),
        undated,
        officials: officials.into_sorted(),
        meetings,
    })
}

/// The page `page` refers to.
///
/// # Errors
/// Database failures only.
pub fn page(store: &Store, gaz: &Gazetteer, page: &PageRef) -> Result<Page, StoreError> {
    Ok(match page {
        PageRef::Official(k) => Page::Official(official_page(store, gaz, k)?),
        PageRef::Body(_) => Page::Body(group_page(store, gaz, page)?),
        PageRef::Country(_) => Page::Country(group_page(store, gaz, page)?),
        PageRef::Topic(k) => Page::Topic(topic_page(store, gaz, k)?),
    })
}
