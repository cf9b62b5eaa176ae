//! The user's corrections: stored apart from what extraction found, applied over it, never
//! overwritten by re-extraction, and undoable (Ctrl+Z / Ctrl+Shift+Z) across restarts.
//!
//! # Model
//!
//! - **Identity.** Re-extraction deletes and re-inserts an article's meeting rows, so
//!   `meetings.id` changes. Edits attach instead to a [`MeetingRef`]: the article id plus the
//!   meeting's *key*, its sorted participant keys joined by `+` (`khaled_mazen+luciana_lamorgese`;
//!   a second meeting of the same people in one article gets `#2`), or `user:<edit id>` for a
//!   meeting added by hand. The key is computed from the meeting *as extracted*, so an edit's own
//!   participant changes never move it. When the key is gone (a gazetteer change named a
//!   participant differently), the edit follows the one meeting of the article that either
//!   starts at the same evidence sentence (`anchor`, a byte offset) and shares a participant, or
//!   keeps every participant but placeholders (`unnamed:IT`, `new:<name>`) that the gazetteer now
//!   names; its key is then updated. When no single meeting qualifies the edit is kept, marked
//!   orphaned ([`orphans`]), and applied to nothing: never to a wrong meeting.
//! - **Storage** (migration 4): every edit is a row of `edits` (target, `field`, new value and
//!   previous value as JSON, `created_at`, `state`). Each meeting row keeps the meeting as
//!   extracted (`meetings.extracted`); the row's columns hold the *effective* values (extracted,
//!   then every active edit in order), so [`crate::query::timeline`] and the facets keep reading
//!   plain rows. Edited rows have `user_edited = 1` and confidence 1.0; hidden rows (not a
//!   Libyan–European meeting, deleted) have `hidden` set and are left out of the timeline.
//! - **When edits apply**: when made, undone or redone ([`apply`], [`undo`], [`redo`]), and right
//!   after each extraction of an article ([`after_extraction`], called by
//!   [`crate::pipeline::extract_pending`]).
//! - **Undo/redo**: `undo` marks the newest active edit `undone`; `redo` re-activates the oldest
//!   undone one; a new edit discards the undone ones (the redo stack is cleared). Everything is in
//!   the database, so undo works after a restart.
//! - **Gazetteer additions** (an alias of a known person/place/body, a new official) go through
//!   the same log and live in `gazetteer_additions`; [`gazetteer_with_user`] merges them into the
//!   shipped gazetteer with [`Gazetteer::add_user`]. The extraction version hashes the gazetteer, so
//!   an extractor built from the merged gazetteer re-extracts every article on its next
//!   [`crate::pipeline::extract_pending`] (edits are re-applied after each article).
//!
//! # Use from the app
//!
//! ```no_run
//! # use arshif::{edits::{self, Edit, MeetingChange}, store::Store, extract::Extractor, gazetteer::Gazetteer};
//! # use std::sync::atomic::AtomicBool;
//! # fn f(store: &mut Store, meeting_id: i64) -> Result<(), edits::EditError> {
//! let target = edits::meeting_ref(store.conn(), meeting_id)?; // a timeline row's id
//! edits::apply(store.conn(), &Edit::Meeting { target, change: MeetingChange::NotMeeting(true) })?;
//! let undone = edits::undo(store.conn())?; // Ctrl+Z
//! if let Some(a) = &undone {
//!     if a.needs_extraction() {
//!         // An article date or a gazetteer change: rebuild the extractor, then catch up.
//!         let gaz = edits::gazetteer_with_user(store.conn(), &Gazetteer::shipped())?;
//!         arshif::pipeline::extract_pending(store, &Extractor::new(&gaz), &mut |_, _| {}, &AtomicBool::new(false))?;
//!     }
//! }
//! # Ok(()) }
//! ```

use crate::gazetteer::{Gazetteer, Office, Person};
use crate::model::{DatePrecision, DateSource, MeetingKind, MeetingStatus, Side};
use crate::store::StoreError;
use crate::store::meetings::{Named, NewMeeting, NewParticipant};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Id of a row of the `edits` table.
pub type EditId = i64;

/// Errors of the edit API; each message says what was wrong in words a person understands.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// No meeting row with this id.
    #[error("no meeting #{0} in the archive")]
    NoMeetingId(i64),
    /// The meeting an edit targets is not (any more) in its article.
    #[error("article #{article_id} has no meeting «{key}» (it may have changed on re-extraction)")]
    NoMeeting { article_id: i64, key: String },
    /// No article with this id.
    #[error("no article #{0} in the archive")]
    NoArticle(i64),
    /// A value the edit cannot use (an empty alias, an official without a name ...).
    #[error("{0}")]
    Invalid(String),
    /// The archive failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for EditError {
    fn from(e: rusqlite::Error) -> Self {
        EditError::Store(StoreError::Sqlite(e))
    }
}

/// The meeting an edit is about: its article and its key (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRef {
    pub article_id: i64,
    /// `khaled_mazen+luciana_lamorgese`, or `user:<edit id>` for a meeting added by hand.
    pub key: String,
    /// Byte start of the meeting's first evidence sentence in `headline + "\n" + body`, used to
    /// follow the meeting when a gazetteer change renames a participant.
    pub anchor: Option<i64>,
}

/// A date with its precision (a `Month` date is the 1st of the month, a `Year` date 1 January).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateValue {
    pub date: NaiveDate,
    pub precision: DatePrecision,
}

/// A correction of one meeting. Serialised as `{"field": ..., "value": ...}`; `field` is also
/// the `edits.field` column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum MeetingChange {
    /// The meeting's date (`None`: undated).
    Date(Option<DateValue>),
    /// The place: a gazetteer place ([`place_from_gazetteer`]) or free text ([`free_place`]);
    /// `None`: no place.
    Place(Option<Named>),
    /// Add a participant (replaces one with the same `person_key`). Build it with
    /// [`participant_from_gazetteer`].
    AddParticipant(NewParticipant),
    /// Remove the participant with this person key.
    RemoveParticipant(String),
    /// Add a topic (`topics.toml` id with its labels; see [`topic_from_gazetteer`]).
    AddTopic(Named),
    /// Remove the topic with this key.
    RemoveTopic(String),
    Kind(MeetingKind),
    Status(MeetingStatus),
    /// `true`: not a Libyan–European meeting (hidden from the timeline); `false`: it is one.
    NotMeeting(bool),
    /// The extraction is right as it is (marks the meeting user-confirmed).
    Confirm,
    /// Delete the meeting (hidden; undo brings it back).
    Delete,
}

impl MeetingChange {
    /// The `edits.field` name.
    pub fn field(&self) -> &'static str {
        match self {
            MeetingChange::Date(_) => "date",
            MeetingChange::Place(_) => "place",
            MeetingChange::AddParticipant(_) => "add_participant",
            MeetingChange::RemoveParticipant(_) => "remove_participant",
            MeetingChange::AddTopic(_) => "add_topic",
            MeetingChange::RemoveTopic(_) => "remove_topic",
            MeetingChange::Kind(_) => "kind",
            MeetingChange::Status(_) => "status",
            MeetingChange::NotMeeting(_) => "not_meeting",
            MeetingChange::Confirm => "confirm",
            MeetingChange::Delete => "delete",
        }
    }
}

/// Which kind of gazetteer entry an alias extends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Place,
    Body,
}

impl EntityKind {
    fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Body => "body",
        }
    }
}

/// One user edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    /// Correct one meeting.
    Meeting {
        target: MeetingRef,
        change: MeetingChange,
    },
    /// Add a meeting by hand to an article (its key becomes `user:<edit id>`).
    AddMeeting {
        article_id: i64,
        meeting: NewMeeting,
    },
    /// Set (or clear) an article's publication date; the article is then re-extracted.
    ArticleDate {
        article_id: i64,
        date: Option<DateValue>,
    },
    /// Add another spelling of a gazetteer person, place or body (`key` is its id).
    AddAlias {
        entity: EntityKind,
        key: String,
        alias: String,
    },
    /// Add an official nobody listed (build it with [`new_official`]).
    AddOfficial { person: Person },
}

impl Edit {
    /// The `edits.field` name.
    pub fn field(&self) -> &'static str {
        match self {
            Edit::Meeting { change, .. } => change.field(),
            Edit::AddMeeting { .. } => "add_meeting",
            Edit::ArticleDate { .. } => "article_date",
            Edit::AddAlias { .. } => "add_alias",
            Edit::AddOfficial { .. } => "add_official",
        }
    }

    fn value_json(&self) -> String {
        let v = match self {
            Edit::Meeting { change, .. } => serde_json::to_value(change),
            Edit::AddMeeting { meeting, .. } => serde_json::to_value(meeting),
            Edit::ArticleDate { date, .. } => serde_json::to_value(date),
            Edit::AddAlias { entity, alias, .. } => {
                Ok(serde_json::json!({"entity": entity, "alias": alias}))
            }
            Edit::AddOfficial { person } => serde_json::to_value(person),
        };
        v.unwrap_or(serde_json::Value::Null).to_string()
    }
}

/// A stored edit, as the history lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EditRecord {
    pub id: EditId,
    pub edit: Edit,
    /// The value before the edit (JSON; `null` when there was none).
    pub previous: serde_json::Value,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// `active`, `undone` or `discarded`.
    pub state: String,
    /// The meeting it targets is not in its article any more (kept; applied to nothing).
    pub orphaned: bool,
}

/// What [`apply`], [`undo`] or [`redo`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Applied {
    pub id: EditId,
    pub edit: Edit,
    /// Articles whose extraction must run again (an article date changed): run
    /// [`crate::pipeline::extract_pending`].
    pub pending_articles: Vec<i64>,
    /// The user gazetteer changed: rebuild the extractor from [`gazetteer_with_user`], then run
    /// [`crate::pipeline::extract_pending`] (every article is re-extracted, edits re-applied).
    pub gazetteer_changed: bool,
}

impl Applied {
    /// Whether the caller must run extraction (with a rebuilt extractor if the gazetteer changed).
    pub fn needs_extraction(&self) -> bool {
        self.gazetteer_changed || !self.pending_articles.is_empty()
    }
}

// ---------------------------------------------------------------------------------------------
// Identity

/// The key of each of an article's meetings, in order (see the module docs).
pub fn meeting_keys(meetings: &[NewMeeting]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    meetings
        .iter()
        .map(|m| {
            let mut keys: Vec<&str> = m
                .participants
                .iter()
                .map(|p| p.person_key.as_str())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            let base = if keys.is_empty() {
                "(nobody)".to_string()
            } else {
                keys.join("+")
            };
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}#{n}") }
        })
        .collect()
}

fn anchor_of(m: &NewMeeting) -> Option<i64> {
    m.evidence.first().map(|e| e.start as i64)
}

/// The participant keys a meeting key names (without the `#n` suffix).
fn key_people(key: &str) -> Vec<&str> {
    let base = key.split('#').next().unwrap_or(key);
    base.split('+').collect()
}

/// The [`MeetingRef`] of a meeting row (a timeline row's `id`).
///
/// # Errors
/// [`EditError::NoMeetingId`] when no such row exists; database failures.
pub fn meeting_ref(conn: &Connection, meeting_id: i64) -> Result<MeetingRef, EditError> {
    let row = conn
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
        .optional()?;
    match row {
        Some((article_id, Some(key), anchor)) => Ok(MeetingRef {
            article_id,
            key,
            anchor,
        }),
        Some((_, None, _)) => Err(EditError::Invalid(format!(
            "meeting #{meeting_id} was extracted before edits existed: run `arshif reextract` first"
        ))),
        None => Err(EditError::NoMeetingId(meeting_id)),
    }
}

/// The meeting row a [`MeetingRef`] currently names, if any.
///
/// # Errors
/// Database failures.
pub fn meeting_id(conn: &Connection, target: &MeetingRef) -> Result<Option<i64>, EditError> {
    let rows = article_rows(conn, target.article_id)?;
    Ok(resolve(&rows, target).map(|(id, _)| id))
}

// ---------------------------------------------------------------------------------------------
// Values for the edit dialogs

/// A gazetteer place as a [`MeetingChange::Place`] value, or `None` for an unknown id.
pub fn place_from_gazetteer(gaz: &Gazetteer, key: &str) -> Option<Named> {
    gaz.place(key).map(|p| Named {
        key: p.id.clone(),
        name_en: p.name_en.clone(),
        name_ar: p.name_ar.clone(),
    })
}

/// A place typed as free text (not in the gazetteer): key `text:<folded text>`, the text as
/// both names.
pub fn free_place(text: &str) -> Named {
    let text = text.trim();
    Named {
        key: format!("text:{}", crate::text::fold(text)),
        name_en: text.to_string(),
        name_ar: text.to_string(),
    }
}

/// A gazetteer topic as a [`MeetingChange::AddTopic`] value, or `None` for an unknown id.
pub fn topic_from_gazetteer(gaz: &Gazetteer, key: &str) -> Option<Named> {
    gaz.topic(key).map(|t| Named {
        key: t.id.clone(),
        name_en: t.label_en.clone(),
        name_ar: t.label_ar.clone(),
    })
}

/// How well a typed text matches an entry's names after folding ([`crate::text::fold`]: the
/// Arabic letter variants, tashkeel, tatweel, case): a whole name, the start of a name or of one
/// of its words, or somewhere inside. Best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameMatch {
    /// The typed text is one of the names.
    Exact,
    /// A name, or a word of a name, starts with the typed text.
    Prefix,
    /// A name contains the typed text.
    Inside,
}

/// How `typed` matches the best of `names` (empty names never match; empty `typed` matches
/// nothing).
pub fn name_match<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Option<NameMatch> {
    let want = crate::text::fold(typed.trim());
    if want.trim().is_empty() {
        return None;
    }
    names
        .into_iter()
        .filter(|n| !n.trim().is_empty())
        .filter_map(|n| {
            let have = crate::text::fold(n);
            if have == want {
                Some(NameMatch::Exact)
            } else if have.starts_with(&want) || have.split(' ').any(|w| w.starts_with(&want)) {
                Some(NameMatch::Prefix)
            } else if have.contains(&want) {
                Some(NameMatch::Inside)
            } else {
                None
            }
        })
        .min()
}

/// `items` that `typed` matches through `names`, best match first (gazetteer order among equals),
/// at most `limit`.
fn ranked<'a, T>(
    items: &'a [T],
    typed: &str,
    limit: usize,
    names: impl Fn(&'a T) -> Vec<&'a str>,
) -> Vec<(NameMatch, &'a T)> {
    let mut found: Vec<(NameMatch, &T)> = items
        .iter()
        .filter_map(|it| name_match(typed, names(it)).map(|m| (m, it)))
        .collect();
    found.sort_by_key(|(m, _)| *m);
    found.truncate(limit);
    found
}

fn person_names(p: &Person) -> Vec<&str> {
    let mut v = vec![p.id.as_str(), &p.name_en, &p.name_ar, &p.name_it];
    v.extend(p.aliases.iter().map(String::as_str));
    v
}

/// People of `gaz` (shipped and added by the user) whose id, name in any script or alias `typed`
/// matches ([`name_match`]), best first, at most `limit`: what the "add participant" search lists.
pub fn search_people<'a>(gaz: &'a Gazetteer, typed: &str, limit: usize) -> Vec<&'a Person> {
    ranked(&gaz.people, typed, limit, person_names)
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// Places of `gaz` whose id, name in any script or alias `typed` matches, best first, at most
/// `limit` (the place search).
pub fn search_places<'a>(
    gaz: &'a Gazetteer,
    typed: &str,
    limit: usize,
) -> Vec<&'a crate::gazetteer::Place> {
    ranked(&gaz.places, typed, limit, |p| {
        let mut v = vec![p.id.as_str(), &p.name_en, &p.name_ar, &p.name_it];
        v.extend(p.aliases.iter().map(String::as_str));
        v
    })
    .into_iter()
    .map(|(_, p)| p)
    .collect()
}

/// Topics of the controlled vocabulary whose id or label in any language `typed` matches, best
/// first, at most `limit`.
pub fn search_topics<'a>(
    gaz: &'a Gazetteer,
    typed: &str,
    limit: usize,
) -> Vec<&'a crate::gazetteer::Topic> {
    ranked(&gaz.topics, typed, limit, |t| {
        vec![t.id.as_str(), &t.label_en, &t.label_ar, &t.label_it]
    })
    .into_iter()
    .map(|(_, t)| t)
    .collect()
}

/// Ministries and bodies whose id, name in any script or alias `typed` matches, best first, at
/// most `limit`.
pub fn search_bodies<'a>(
    gaz: &'a Gazetteer,
    typed: &str,
    limit: usize,
) -> Vec<&'a crate::gazetteer::Body> {
    ranked(&gaz.bodies, typed, limit, |b| {
        let mut v = vec![b.id.as_str(), &b.name_en, &b.name_ar, &b.name_it];
        v.extend(b.aliases.iter().map(String::as_str));
        v
    })
    .into_iter()
    .map(|(_, b)| b)
    .collect()
}

/// The person `typed` names exactly: their id, else the first whose name or alias equals it
/// after folding. What `arshif edit add-person` and `--person` accept.
pub fn person_by_name<'a>(gaz: &'a Gazetteer, typed: &str) -> Option<&'a Person> {
    gaz.person(typed.trim()).or_else(|| {
        ranked(&gaz.people, typed, 1, person_names)
            .into_iter()
            .find(|(m, _)| *m == NameMatch::Exact)
            .map(|(_, p)| p)
    })
}

/// The place `typed` names exactly (id, name or alias), as a [`MeetingChange::Place`] value,
/// else `typed` as free text ([`free_place`]).
pub fn place_by_name(gaz: &Gazetteer, typed: &str) -> Named {
    place_from_gazetteer(gaz, typed.trim())
        .or_else(|| {
            search_places(gaz, typed, usize::MAX)
                .into_iter()
                .find(|p| {
                    let mut names = vec![p.name_en.as_str(), &p.name_ar, &p.name_it];
                    names.extend(p.aliases.iter().map(String::as_str));
                    name_match(typed, names) == Some(NameMatch::Exact)
                })
                .and_then(|p| place_from_gazetteer(gaz, &p.id))
        })
        .unwrap_or_else(|| free_place(typed))
}

/// The topic `typed` names exactly (id or a label in any language), as a
/// [`MeetingChange::AddTopic`] value.
pub fn topic_by_name(gaz: &Gazetteer, typed: &str) -> Option<Named> {
    topic_from_gazetteer(gaz, typed.trim()).or_else(|| {
        let t = search_topics(gaz, typed, usize::MAX)
            .into_iter()
            .find(|t| {
                name_match(typed, [t.label_en.as_str(), &t.label_ar, &t.label_it])
                    == Some(NameMatch::Exact)
            })?;
        topic_from_gazetteer(gaz, &t.id)
    })
}

/// The country `typed` names: an ISO 3166-1 alpha-2 code or `EU` in any case, else a name, alias
/// or nationality adjective in any script («إيطاليا», "Italian", "italiano").
pub fn country_by_name<'a>(
    gaz: &'a Gazetteer,
    typed: &str,
) -> Option<&'a crate::gazetteer::Country> {
    let t = typed.trim();
    gaz.countries
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(t))
        .or_else(|| {
            gaz.countries.iter().find(|c| {
                let mut names = vec![c.name_en.as_str(), &c.name_ar, &c.name_it];
                names.extend(c.aliases.iter().map(String::as_str));
                names.extend(c.adj_ar.iter().map(String::as_str));
                names.extend(c.adj_en.iter().map(String::as_str));
                names.extend(c.adj_it.iter().map(String::as_str));
                name_match(t, names) == Some(NameMatch::Exact)
            })
        })
}

/// The country code `typed` names ([`country_by_name`]), for a new official's country.
///
/// # Errors
/// [`EditError::Invalid`] when no country of the gazetteer matches.
pub fn country_code(gaz: &Gazetteer, typed: &str) -> Result<String, EditError> {
    country_by_name(gaz, typed)
        .map(|c| c.code.clone())
        .ok_or_else(|| {
            EditError::Invalid(format!(
                "«{}» is not a country Arshif knows: type a code such as IT or EU, or a name such as Italy or «إيطاليا»",
                typed.trim()
            ))
        })
}

/// The id of the ministry or body `typed` names: its id, or a name or alias in any script equal
/// to it after folding.
///
/// # Errors
/// [`EditError::Invalid`] when none matches.
pub fn body_key(gaz: &Gazetteer, typed: &str) -> Result<String, EditError> {
    if let Some(b) = gaz.body(typed.trim()) {
        return Ok(b.id.clone());
    }
    search_bodies(gaz, typed, usize::MAX)
        .into_iter()
        .find(|b| {
            let mut names = vec![b.name_en.as_str(), &b.name_ar, &b.name_it];
            names.extend(b.aliases.iter().map(String::as_str));
            name_match(typed, names) == Some(NameMatch::Exact)
        })
        .map(|b| b.id.clone())
        .ok_or_else(|| {
            EditError::Invalid(format!(
                "no ministry or body in the gazetteer is called «{}»",
                typed.trim()
            ))
        })
}

/// An [`Edit::AddAlias`] of the entry `key` of `gaz`, checked: the entry exists and the spelling
/// is new for it.
///
/// # Errors
/// [`EditError::Invalid`] naming the problem: an empty spelling, no such entry («no person with
/// the id «x» in the gazetteer»), or a spelling the entry already has.
pub fn alias_edit(
    gaz: &Gazetteer,
    entity: EntityKind,
    key: &str,
    alias: &str,
) -> Result<Edit, EditError> {
    let alias = alias.trim();
    let names: Option<(String, Vec<&str>)> = match entity {
        EntityKind::Person => gaz.person(key).map(|p| {
            let mut v = vec![p.name_en.as_str(), &p.name_ar, &p.name_it];
            v.extend(p.aliases.iter().map(String::as_str));
            (display_name(&p.name_en, &p.name_ar), v)
        }),
        EntityKind::Place => gaz.place(key).map(|p| {
            let mut v = vec![p.name_en.as_str(), &p.name_ar, &p.name_it];
            v.extend(p.aliases.iter().map(String::as_str));
            (display_name(&p.name_en, &p.name_ar), v)
        }),
        EntityKind::Body => gaz.body(key).map(|b| {
            let mut v = vec![b.name_en.as_str(), &b.name_ar, &b.name_it];
            v.extend(b.aliases.iter().map(String::as_str));
            (display_name(&b.name_en, &b.name_ar), v)
        }),
    };
    let Some((name, names)) = names else {
        return Err(EditError::Invalid(format!(
            "no {} with the id «{key}» in the gazetteer",
            entity.as_str()
        )));
    };
    if alias.is_empty() {
        return Err(EditError::Invalid(format!(
            "type the other spelling of {name} to add"
        )));
    }
    if name_match(alias, names) == Some(NameMatch::Exact) {
        return Err(EditError::Invalid(format!(
            "«{alias}» is already a spelling of {name}"
        )));
    }
    Ok(Edit::AddAlias {
        entity,
        key: key.to_string(),
        alias: alias.to_string(),
    })
}

fn display_name(en: &str, ar: &str) -> String {
    if en.is_empty() {
        ar.to_string()
    } else {
        en.to_string()
    }
}

/// A gazetteer person (shipped or added by the user) as a participant, with the office held on
/// `on` (else the current one, else the last listed). `None` for an unknown id.
pub fn participant_from_gazetteer(
    gaz: &Gazetteer,
    key: &str,
    on: Option<NaiveDate>,
) -> Option<NewParticipant> {
    let p = gaz.person(key)?;
    let day = on.map(|d| d.format("%Y-%m-%d").to_string());
    let office = p
        .office
        .iter()
        .find(|o| {
            day.as_deref().is_some_and(|d| {
                o.from.as_deref().is_none_or(|f| f <= d) && o.to.as_deref().is_none_or(|t| t >= d)
            })
        })
        .or_else(|| p.office.iter().find(|o| o.to.is_none()))
        .or_else(|| p.office.last());
    let body = office
        .and_then(|o| o.body.as_deref())
        .map(|b| match gaz.body(b) {
            Some(body) => Named {
                key: body.id.clone(),
                name_en: body.name_en.clone(),
                name_ar: body.name_ar.clone(),
            },
            None => Named {
                key: b.to_string(),
                name_en: b.to_string(),
                name_ar: String::new(),
            },
        });
    let side = if p.country == "LY" {
        Side::Libya
    } else if gaz.is_european(&p.country) {
        Side::Europe
    } else {
        Side::Other
    };
    Some(NewParticipant {
        person_key: p.id.clone(),
        name_en: p.name_en.clone(),
        name_ar: p.name_ar.clone(),
        as_written: if p.name_ar.is_empty() {
            p.name_en.clone()
        } else {
            p.name_ar.clone()
        },
        role: office.map(|o| o.role_en.clone()).unwrap_or_default(),
        body,
        country: p.country.clone(),
        side,
        needs_review: false,
        span: None,
    })
}

/// The gazetteer id given to an official the user adds: `user_` + the English name in lower
/// case with `_` between words (`Carlo Bianchi` → `user_carlo_bianchi`), else the folded Arabic
/// name with `_` between words.
pub fn official_id(name_en: &str, name_ar: &str) -> String {
    let slug = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_")
            .to_lowercase()
    };
    let en = slug(name_en);
    if en.is_empty() {
        format!("user_{}", slug(&crate::text::fold(name_ar)))
    } else {
        format!("user_{en}")
    }
}

/// An official the user adds: names in both scripts (at least one), other spellings, a role in
/// English and Arabic, a body id (`bodies.toml`), and the country (ISO 3166-1 alpha-2 or `EU`).
/// Its id is [`official_id`]. Use it in [`Edit::AddOfficial`].
///
/// # Errors
/// [`EditError::Invalid`] when both names are empty or the country is missing.
#[allow(clippy::too_many_arguments)]
pub fn new_official(
    name_en: &str,
    name_ar: &str,
    aliases: &[String],
    role_en: &str,
    role_ar: &str,
    body: Option<&str>,
    country: &str,
) -> Result<Person, EditError> {
    if name_en.trim().is_empty() && name_ar.trim().is_empty() {
        return Err(EditError::Invalid(
            "a new official needs a name in English or in Arabic".into(),
        ));
    }
    if country.trim().is_empty() {
        return Err(EditError::Invalid(
            "a new official needs a country (LY, IT, EU, ...)".into(),
        ));
    }
    Ok(Person {
        id: official_id(name_en.trim(), name_ar.trim()),
        country: country.trim().to_uppercase(),
        gender: String::new(),
        name_en: name_en.trim().to_string(),
        name_ar: name_ar.trim().to_string(),
        name_it: String::new(),
        aliases: aliases
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect(),
        office: if role_en.is_empty() && role_ar.is_empty() && body.is_none() {
            Vec::new()
        } else {
            vec![Office {
                role_en: role_en.trim().to_string(),
                role_ar: role_ar.trim().to_string(),
                role_it: String::new(),
                body: body.map(str::to_string),
                from: None,
                to: None,
            }]
        },
        needs_review: false,
    })
}

// ---------------------------------------------------------------------------------------------
// Applying edits to rows

/// A meeting row of an article as edits see it.
struct Row {
    id: i64,
    key: Option<String>,
    anchor: Option<i64>,
    extracted: Option<String>,
    user_edited: bool,
    hidden: Option<String>,
}

fn article_rows(conn: &Connection, article_id: i64) -> Result<Vec<Row>, EditError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, meeting_key, anchor, extracted, user_edited, hidden FROM meetings
         WHERE article_id = ?1 ORDER BY ordinal",
    )?;
    let rows = stmt
        .query_map([article_id], |r| {
            Ok(Row {
                id: r.get(0)?,
                key: r.get(1)?,
                anchor: r.get(2)?,
                extracted: r.get(3)?,
                user_edited: r.get(4)?,
                hidden: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The row `target` names: its exact key, else (for extracted meetings) the one meeting with the
/// same anchor sharing a participant. The bool is true for the fallback.
fn resolve(rows: &[Row], target: &MeetingRef) -> Option<(i64, bool)> {
    if let Some(r) = rows.iter().find(|r| r.key.as_deref() == Some(&target.key)) {
        return Some((r.id, false));
    }
    if target.key.starts_with("user:") {
        return None;
    }
    let wanted = key_people(&target.key);
    let extracted = |r: &&Row| {
        r.key
            .as_deref()
            .is_some_and(|k| !k.starts_with("user:") && !key_people(k).is_empty())
    };
    let shares = |r: &&Row| {
        r.key
            .as_deref()
            .is_some_and(|k| key_people(k).iter().any(|p| wanted.contains(p)))
    };
    // Same first evidence sentence and at least one participant in common.
    if let Some(anchor) = target.anchor {
        let same: Vec<&Row> = rows
            .iter()
            .filter(extracted)
            .filter(|r| r.anchor == Some(anchor))
            .filter(shares)
            .collect();
        if let [one] = same.as_slice() {
            return Some((one.id, true));
        }
    }
    // Every participant that went missing was a placeholder (`unnamed:IT`, `new:...`) that a
    // gazetteer addition now names: the one meeting keeping all the others.
    let placeholder = |p: &&str| p.starts_with("unnamed:") || p.starts_with("new:");
    let renamed: Vec<&Row> = rows
        .iter()
        .filter(extracted)
        .filter(shares)
        .filter(|r| {
            let have = key_people(r.key.as_deref().unwrap_or_default());
            wanted.iter().filter(|p| !have.contains(p)).all(placeholder)
        })
        .collect();
    match renamed.as_slice() {
        [one] => Some((one.id, true)),
        _ => None,
    }
}

/// A meeting's effective state: extracted, then edits.
struct Effective {
    m: NewMeeting,
    hidden: Option<&'static str>,
    edited: bool,
}

fn apply_change(e: &mut Effective, change: &MeetingChange) {
    e.edited = true;
    let m = &mut e.m;
    match change {
        MeetingChange::Date(d) => {
            m.date = d.map(|d| (d.date, d.precision));
            m.date_note = Some(crate::model::DateNote::SetByUser.to_string());
            m.weekday_conflict = false;
        }
        MeetingChange::Place(p) => m.place = p.clone(),
        MeetingChange::AddParticipant(p) => {
            match m
                .participants
                .iter_mut()
                .find(|q| q.person_key == p.person_key)
            {
                Some(q) => *q = p.clone(),
                None => m.participants.push(p.clone()),
            }
        }
        MeetingChange::RemoveParticipant(key) => m.participants.retain(|p| &p.person_key != key),
        MeetingChange::AddTopic(t) => match m.topics.iter_mut().find(|q| q.topic.key == t.key) {
            Some(q) => q.topic = t.clone(),
            None => m.topics.push(crate::store::meetings::NewTopic {
                topic: t.clone(),
                span: None,
            }),
        },
        MeetingChange::RemoveTopic(key) => m.topics.retain(|t| &t.topic.key != key),
        MeetingChange::Kind(k) => m.kind = *k,
        MeetingChange::Status(s) => m.status = *s,
        MeetingChange::NotMeeting(true) => e.hidden = Some("not_meeting"),
        MeetingChange::NotMeeting(false) => {
            if e.hidden == Some("not_meeting") {
                e.hidden = None;
            }
        }
        MeetingChange::Confirm => {}
        MeetingChange::Delete => e.hidden = Some("deleted"),
    }
}

/// The value a change replaces, as JSON (for the `previous` column).
fn previous_value(e: &Effective, change: &MeetingChange) -> serde_json::Value {
    use serde_json::{Value, json, to_value};
    let m = &e.m;
    match change {
        MeetingChange::Date(_) => json!(m.date.map(|(d, p)| DateValue {
            date: d,
            precision: p
        })),
        MeetingChange::Place(_) => to_value(&m.place).unwrap_or(Value::Null),
        MeetingChange::AddParticipant(p) => {
            to_value(m.participants.iter().find(|q| q.person_key == p.person_key))
                .unwrap_or(Value::Null)
        }
        MeetingChange::RemoveParticipant(key) => {
            to_value(m.participants.iter().find(|q| &q.person_key == key)).unwrap_or(Value::Null)
        }
        MeetingChange::AddTopic(t) => {
            to_value(m.topics.iter().find(|q| q.topic.key == t.key)).unwrap_or(Value::Null)
        }
        MeetingChange::RemoveTopic(key) => {
            to_value(m.topics.iter().find(|q| &q.topic.key == key)).unwrap_or(Value::Null)
        }
        MeetingChange::Kind(_) => json!(m.kind),
        MeetingChange::Status(_) => json!(m.status),
        MeetingChange::NotMeeting(_) => json!(e.hidden == Some("not_meeting")),
        MeetingChange::Confirm => json!(e.edited),
        MeetingChange::Delete => json!(e.hidden == Some("deleted")),
    }
}

/// A meeting added by hand: (edit id, the meeting, whether the edit is active).
type AddedMeeting = (EditId, NewMeeting, bool);

/// A meeting edit of one article that is not discarded.
struct StoredMeetingEdit {
    id: EditId,
    target: MeetingRef,
    change: MeetingChange,
    active: bool,
}

fn article_edits(
    conn: &Connection,
    article_id: i64,
) -> Result<(Vec<StoredMeetingEdit>, Vec<AddedMeeting>), EditError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, meeting_key, anchor, field, value, state FROM edits
         WHERE article_id = ?1 AND state <> 'discarded' AND field <> 'article_date' ORDER BY id",
    )?;
    let mut rows = stmt.query([article_id])?;
    let mut meeting_edits = Vec::new();
    let mut added = Vec::new();
    while let Some(r) = rows.next()? {
        let id: EditId = r.get(0)?;
        let field: String = r.get(3)?;
        let value: String = r.get(4)?;
        let active = r.get::<_, String>(5)? == "active";
        if field == "add_meeting" {
            if let Ok(m) = serde_json::from_str::<NewMeeting>(&value) {
                added.push((id, m, active));
            }
            continue;
        }
        let Ok(change) = serde_json::from_str::<MeetingChange>(&value) else {
            continue;
        };
        meeting_edits.push(StoredMeetingEdit {
            id,
            target: MeetingRef {
                article_id,
                key: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                anchor: r.get(2)?,
            },
            change,
            active,
        });
    }
    Ok((meeting_edits, added))
}

/// Brings an article's meeting rows in line with its edits: inserts or removes the meetings
/// added by hand, re-attaches every meeting edit (marking the ones whose meeting is gone as
/// orphaned), and rewrites each edited (or formerly edited) row from its extracted snapshot plus
/// its active edits, in order. Rows keep their ids.
///
/// # Errors
/// Database failures.
pub fn reapply_article(conn: &Connection, article_id: i64) -> Result<(), EditError> {
    let (meeting_edits, added) = article_edits(conn, article_id)?;
    // Meetings added by hand.
    for (id, m, active) in &added {
        let key = format!("user:{id}");
        let rows = article_rows(conn, article_id)?;
        let existing = rows.iter().find(|r| r.key.as_deref() == Some(&key));
        match (active, existing) {
            (true, None) => insert_meeting(conn, article_id, &key, m)?,
            (false, Some(r)) => {
                conn.execute("DELETE FROM meetings WHERE id = ?1", [r.id])?;
            }
            _ => {}
        }
    }
    let rows = article_rows(conn, article_id)?;
    let mut by_row: HashMap<i64, Vec<&MeetingChange>> = HashMap::new();
    for e in &meeting_edits {
        match resolve(&rows, &e.target) {
            Some((row_id, fallback)) => {
                if fallback {
                    // Follow the meeting under its new key from now on.
                    let key = rows
                        .iter()
                        .find(|r| r.id == row_id)
                        .and_then(|r| r.key.clone());
                    conn.execute(
                        "UPDATE edits SET meeting_key = ?2 WHERE id = ?1",
                        params![e.id, key],
                    )?;
                }
                conn.execute("UPDATE edits SET orphaned = 0 WHERE id = ?1", [e.id])?;
                if e.active {
                    by_row.entry(row_id).or_default().push(&e.change);
                }
            }
            None => {
                conn.execute("UPDATE edits SET orphaned = 1 WHERE id = ?1", [e.id])?;
            }
        }
    }
    for r in &rows {
        let changes = by_row.get(&r.id);
        if changes.is_none() && !r.user_edited && r.hidden.is_none() {
            continue;
        }
        let Some(base) = r
            .extracted
            .as_deref()
            .and_then(|j| serde_json::from_str::<NewMeeting>(j).ok())
        else {
            continue;
        };
        let mut e = Effective {
            m: base,
            hidden: None,
            edited: r.key.as_deref().is_some_and(|k| k.starts_with("user:")),
        };
        for c in changes.into_iter().flatten() {
            apply_change(&mut e, c);
        }
        write_row(conn, r.id, &e)?;
    }
    Ok(())
}

/// The effective state of the meeting `target` names (extracted + active edits).
fn effective_of(conn: &Connection, target: &MeetingRef) -> Result<Effective, EditError> {
    let rows = article_rows(conn, target.article_id)?;
    let no = || EditError::NoMeeting {
        article_id: target.article_id,
        key: target.key.clone(),
    };
    let (row_id, _) = resolve(&rows, target).ok_or_else(no)?;
    let row = rows.iter().find(|r| r.id == row_id).ok_or_else(no)?;
    let base: NewMeeting = row
        .extracted
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .ok_or_else(no)?;
    let mut e = Effective {
        m: base,
        hidden: None,
        edited: row.key.as_deref().is_some_and(|k| k.starts_with("user:")),
    };
    let (meeting_edits, _) = article_edits(conn, target.article_id)?;
    for me in meeting_edits.iter().filter(|me| me.active) {
        if resolve(&rows, &me.target).map(|(id, _)| id) == Some(row_id) {
            apply_change(&mut e, &me.change);
        }
    }
    Ok(e)
}

fn write_row(conn: &Connection, id: i64, e: &Effective) -> Result<(), EditError> {
    let m = &e.m;
    let confidence = if e.edited {
        1.0
    } else {
        f64::from(m.confidence)
    };
    conn.execute(
        "UPDATE meetings SET kind = ?2, status = ?3, date = ?4, date_precision = ?5, date_note = ?6,
             weekday_conflict = ?7, place_key = ?8, place_en = ?9, place_ar = ?10, confidence = ?11,
             user_edited = ?12, hidden = ?13
         WHERE id = ?1",
        rusqlite::params_from_iter(
            std::iter::once(rusqlite::types::Value::from(id))
                .chain(crate::store::meetings::fact_columns(m))
                .chain([
                    rusqlite::types::Value::from(confidence),
                    rusqlite::types::Value::from(e.edited),
                    e.hidden.map_or(rusqlite::types::Value::Null, |h| h.to_owned().into()),
                ]),
        ),
    )?;
    write_children(conn, id, m)
}

fn write_children(conn: &Connection, id: i64, m: &NewMeeting) -> Result<(), EditError> {
    crate::store::meetings::write_children(conn, id, m)?;
    Ok(())
}

fn insert_meeting(
    conn: &Connection,
    article_id: i64,
    key: &str,
    m: &NewMeeting,
) -> Result<(), EditError> {
    let now = now();
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
            serde_json::to_string(&m.evidence).unwrap_or_else(|_| "[]".into()),
            now,
            key,
            serde_json::to_string(m).unwrap_or_default(),
        ],
    )?;
    let id = conn.last_insert_rowid();
    write_row(
        conn,
        id,
        &Effective {
            m: m.clone(),
            hidden: None,
            edited: true,
        },
    )
}

/// Called by [`crate::pipeline::extract_pending`] right after an article's meetings were
/// replaced by `meetings` (in that order, ordinal = index): stores each row's key, anchor and
/// extracted snapshot, then re-applies the article's edits ([`reapply_article`]).
///
/// # Errors
/// Database failures.
pub fn after_extraction(
    conn: &Connection,
    article_id: i64,
    meetings: &[NewMeeting],
) -> Result<(), StoreError> {
    let keys = meeting_keys(meetings);
    let mut stmt = conn.prepare_cached(
        "UPDATE meetings SET meeting_key = ?3, anchor = ?4, extracted = ?5
         WHERE article_id = ?1 AND ordinal = ?2",
    )?;
    for (i, (m, key)) in meetings.iter().zip(&keys).enumerate() {
        stmt.execute(params![
            article_id,
            i as i64,
            key,
            anchor_of(m),
            serde_json::to_string(m).unwrap_or_default(),
        ])?;
    }
    let has_edits: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM edits WHERE article_id = ?1 AND state <> 'discarded'
             AND field <> 'article_date')",
        [article_id],
        |r| r.get(0),
    )?;
    if has_edits {
        reapply_article(conn, article_id).map_err(|e| match e {
            EditError::Store(s) => s,
            other => StoreError::Sqlite(rusqlite::Error::ToSqlConversionFailure(other.into())),
        })?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The log

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn in_savepoint<T>(
    conn: &Connection,
    f: impl FnOnce() -> Result<T, EditError>,
) -> Result<T, EditError> {
    conn.execute_batch("SAVEPOINT arshif_edit")?;
    let r = f();
    match r {
        Ok(_) => conn.execute_batch("RELEASE arshif_edit")?,
        Err(_) => conn.execute_batch("ROLLBACK TO arshif_edit; RELEASE arshif_edit")?,
    }
    r
}

fn article_date_json(conn: &Connection, article_id: i64) -> Result<serde_json::Value, EditError> {
    let row = conn
        .query_row(
            "SELECT date, date_precision, date_source, date_note FROM articles WHERE id = ?1",
            [article_id],
            |r| {
                Ok(serde_json::json!({
                    "date": r.get::<_, Option<String>>(0)?,
                    "date_precision": r.get::<_, String>(1)?,
                    "date_source": r.get::<_, Option<String>>(2)?,
                    "date_note": r.get::<_, Option<String>>(3)?,
                }))
            },
        )
        .optional()?;
    row.ok_or(EditError::NoArticle(article_id))
}

fn set_article_date_row(
    conn: &Connection,
    article_id: i64,
    date: Option<DateValue>,
) -> Result<(), EditError> {
    let (d, p, src, note) = match date {
        Some(v) => (
            Some(v.date.format("%Y-%m-%d").to_string()),
            v.precision.as_str(),
            Some(DateSource::User.as_str()),
            Some("set by the user"),
        ),
        None => (
            None,
            "unknown",
            Some(DateSource::User.as_str()),
            Some("marked undated by the user"),
        ),
    };
    let n = conn.execute(
        "UPDATE articles SET date = ?2, date_precision = ?3, date_source = ?4, date_note = ?5 WHERE id = ?1",
        params![article_id, d, p, src, note],
    )?;
    if n == 0 {
        return Err(EditError::NoArticle(article_id));
    }
    conn.execute(
        "DELETE FROM extraction_state WHERE article_id = ?1",
        [article_id],
    )?;
    Ok(())
}

fn restore_article_date(
    conn: &Connection,
    article_id: i64,
    previous: &serde_json::Value,
) -> Result<(), EditError> {
    let s = |k: &str| previous.get(k).and_then(|v| v.as_str()).map(str::to_string);
    conn.execute(
        "UPDATE articles SET date = ?2, date_precision = ?3, date_source = ?4, date_note = ?5 WHERE id = ?1",
        params![
            article_id,
            s("date"),
            s("date_precision").unwrap_or_else(|| "unknown".into()),
            s("date_source"),
            s("date_note"),
        ],
    )?;
    conn.execute(
        "DELETE FROM extraction_state WHERE article_id = ?1",
        [article_id],
    )?;
    Ok(())
}

fn insert_addition(conn: &Connection, id: EditId, edit: &Edit) -> Result<(), EditError> {
    let (entity, key, entry) = match edit {
        Edit::AddAlias { entity, key, alias } => (
            entity.as_str(),
            key.clone(),
            serde_json::Value::String(alias.clone()),
        ),
        Edit::AddOfficial { person } => (
            "person",
            person.id.clone(),
            serde_json::to_value(person).unwrap_or_default(),
        ),
        _ => return Ok(()),
    };
    conn.execute(
        "INSERT OR REPLACE INTO gazetteer_additions (edit_id, entity, key, entry) VALUES (?1, ?2, ?3, ?4)",
        params![id, entity, key, entry.to_string()],
    )?;
    Ok(())
}

/// Records `edit` as the newest edit (clearing the redo stack) and applies it.
///
/// Meeting edits and meetings added by hand are applied to the rows at once. An article date is
/// written to the article and the article marked for extraction; gazetteer additions are stored.
/// In both cases [`Applied::needs_extraction`] tells the caller to run
/// [`crate::pipeline::extract_pending`] (with an extractor rebuilt from
/// [`gazetteer_with_user`] when [`Applied::gazetteer_changed`]). Atomic (own savepoint).
///
/// # Errors
/// [`EditError::NoMeeting`] when the target meeting is not in its article;
/// [`EditError::NoArticle`]; [`EditError::Invalid`] for an empty alias, key or official name;
/// database failures.
pub fn apply(conn: &Connection, edit: &Edit) -> Result<Applied, EditError> {
    in_savepoint(conn, || {
        let (article_id, key, anchor, previous) = match edit {
            Edit::Meeting { target, change } => {
                let e = effective_of(conn, target)?;
                (
                    Some(target.article_id),
                    Some(target.key.clone()),
                    target.anchor,
                    previous_value(&e, change),
                )
            }
            Edit::AddMeeting { article_id, .. } => {
                article_date_json(conn, *article_id)?;
                (Some(*article_id), None, None, serde_json::Value::Null)
            }
            Edit::ArticleDate { article_id, .. } => (
                Some(*article_id),
                None,
                None,
                article_date_json(conn, *article_id)?,
            ),
            Edit::AddAlias { key, alias, .. } => {
                if key.trim().is_empty() || alias.trim().is_empty() {
                    return Err(EditError::Invalid(
                        "an alias needs the id of the entry it belongs to and a non-empty spelling"
                            .into(),
                    ));
                }
                // The entry's id goes in `meeting_key`: the history reads it back from there.
                (None, Some(key.clone()), None, serde_json::Value::Null)
            }
            Edit::AddOfficial { person } => {
                if person.id.is_empty() || (person.name_en.is_empty() && person.name_ar.is_empty())
                {
                    return Err(EditError::Invalid(
                        "a new official needs an id and a name in English or Arabic".into(),
                    ));
                }
                (None, None, None, serde_json::Value::Null)
            }
        };
        conn.execute(
            "UPDATE edits SET state = 'discarded' WHERE state = 'undone'",
            [],
        )?;
        conn.execute(
            "INSERT INTO edits (article_id, meeting_key, anchor, field, value, previous, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                article_id,
                key,
                anchor,
                edit.field(),
                edit.value_json(),
                previous.to_string(),
                now()
            ],
        )?;
        let id = conn.last_insert_rowid();
        redo_effects(conn, id, edit)
    })
}

/// Performs an edit's effects (on apply and redo).
fn redo_effects(conn: &Connection, id: EditId, edit: &Edit) -> Result<Applied, EditError> {
    let mut applied = Applied {
        id,
        edit: edit.clone(),
        pending_articles: Vec::new(),
        gazetteer_changed: false,
    };
    match edit {
        Edit::Meeting { target, .. } => reapply_article(conn, target.article_id)?,
        Edit::AddMeeting { article_id, .. } => reapply_article(conn, *article_id)?,
        Edit::ArticleDate { article_id, date } => {
            set_article_date_row(conn, *article_id, *date)?;
            applied.pending_articles.push(*article_id);
        }
        Edit::AddAlias { .. } | Edit::AddOfficial { .. } => {
            insert_addition(conn, id, edit)?;
            applied.gazetteer_changed = true;
        }
    }
    Ok(applied)
}

/// Undoes the newest active edit (Ctrl+Z); `None` when there is nothing to undo. The edit stays
/// in the log as `undone` until [`redo`] or a new edit. See [`apply`] for what the caller runs
/// afterwards.
///
/// # Errors
/// Database failures.
pub fn undo(conn: &Connection) -> Result<Option<Applied>, EditError> {
    in_savepoint(conn, || {
        let Some(rec) = newest(conn, "active", "DESC")? else {
            return Ok(None);
        };
        conn.execute("UPDATE edits SET state = 'undone' WHERE id = ?1", [rec.id])?;
        let mut applied = Applied {
            id: rec.id,
            edit: rec.edit.clone(),
            pending_articles: Vec::new(),
            gazetteer_changed: false,
        };
        match &rec.edit {
            Edit::Meeting { target, .. } => reapply_article(conn, target.article_id)?,
            Edit::AddMeeting { article_id, .. } => reapply_article(conn, *article_id)?,
            Edit::ArticleDate { article_id, .. } => {
                restore_article_date(conn, *article_id, &rec.previous)?;
                applied.pending_articles.push(*article_id);
            }
            Edit::AddAlias { .. } | Edit::AddOfficial { .. } => {
                conn.execute(
                    "DELETE FROM gazetteer_additions WHERE edit_id = ?1",
                    [rec.id],
                )?;
                applied.gazetteer_changed = true;
            }
        }
        Ok(Some(applied))
    })
}

/// Redoes the edit undone most recently (Ctrl+Shift+Z); `None` when the redo stack is empty
/// (nothing undone, or a new edit was made since).
///
/// # Errors
/// Database failures.
pub fn redo(conn: &Connection) -> Result<Option<Applied>, EditError> {
    in_savepoint(conn, || {
        let Some(rec) = newest(conn, "undone", "ASC")? else {
            return Ok(None);
        };
        conn.execute("UPDATE edits SET state = 'active' WHERE id = ?1", [rec.id])?;
        redo_effects(conn, rec.id, &rec.edit).map(Some)
    })
}

/// Whether [`undo`] and [`redo`] have something to do (for the Edit menu).
///
/// # Errors
/// Database failures.
pub fn can_undo_redo(conn: &Connection) -> Result<(bool, bool), EditError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM edits WHERE state = 'active'),
                EXISTS (SELECT 1 FROM edits WHERE state = 'undone')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn newest(conn: &Connection, state: &str, order: &str) -> Result<Option<EditRecord>, EditError> {
    let sql =
        format!("SELECT {EDIT_COLUMNS} FROM edits WHERE state = ?1 ORDER BY id {order} LIMIT 1");
    let rec = conn.query_row(&sql, [state], row_to_record).optional()?;
    Ok(rec)
}

const EDIT_COLUMNS: &str =
    "id, article_id, meeting_key, anchor, field, value, previous, created_at, state, orphaned";

fn row_to_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<EditRecord> {
    let id: EditId = r.get(0)?;
    let article_id: Option<i64> = r.get(1)?;
    let key: Option<String> = r.get(2)?;
    let anchor: Option<i64> = r.get(3)?;
    let field: String = r.get(4)?;
    let value: String = r.get(5)?;
    let previous: String = r.get(6)?;
    let bad = |what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            5,
            rusqlite::types::Type::Text,
            format!("edit #{id} ({field}) has an unreadable {what}").into(),
        )
    };
    let v: serde_json::Value = serde_json::from_str(&value).map_err(|_| bad("value"))?;
    let article = article_id.unwrap_or_default();
    let edit = match field.as_str() {
        "add_meeting" => Edit::AddMeeting {
            article_id: article,
            meeting: serde_json::from_value(v).map_err(|_| bad("meeting"))?,
        },
        "article_date" => Edit::ArticleDate {
            article_id: article,
            date: serde_json::from_value(v).map_err(|_| bad("date"))?,
        },
        "add_alias" => Edit::AddAlias {
            entity: serde_json::from_value(v["entity"].clone()).map_err(|_| bad("entity"))?,
            key: key.clone().unwrap_or_default(),
            alias: v["alias"].as_str().unwrap_or_default().to_string(),
        },
        "add_official" => Edit::AddOfficial {
            person: serde_json::from_value(v).map_err(|_| bad("official"))?,
        },
        _ => Edit::Meeting {
            target: MeetingRef {
                article_id: article,
                key: key.unwrap_or_default(),
                anchor,
            },
            change: serde_json::from_value(v).map_err(|_| bad("change"))?,
        },
    };
    Ok(EditRecord {
        id,
        edit,
        previous: serde_json::from_str(&previous).unwrap_or(serde_json::Value::Null),
        created_at: r.get(7)?,
        state: r.get(8)?,
        orphaned: r.get(9)?,
    })
}

/// Every edit, oldest first (the history panel), discarded ones included.
///
/// # Errors
/// Database failures, or an edit row that no longer parses.
pub fn history(conn: &Connection) -> Result<Vec<EditRecord>, EditError> {
    let sql = format!("SELECT {EDIT_COLUMNS} FROM edits ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let v = stmt
        .query_map([], row_to_record)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}

/// Active edits whose meeting is not in its article any more (after a re-extraction): kept,
/// applied to nothing, listed so the user can redo them by hand or undo them.
///
/// # Errors
/// Database failures.
pub fn orphans(conn: &Connection) -> Result<Vec<EditRecord>, EditError> {
    Ok(history(conn)?
        .into_iter()
        .filter(|r| r.orphaned && r.state == "active")
        .collect())
}

/// Whether a meeting row was changed or confirmed by the user (the card's "corrected" mark)
/// and, if hidden, why (`not_meeting` or `deleted`).
///
/// # Errors
/// [`EditError::NoMeetingId`]; database failures.
pub fn meeting_flags(
    conn: &Connection,
    meeting_id: i64,
) -> Result<(bool, Option<String>), EditError> {
    conn.query_row(
        "SELECT user_edited, hidden FROM meetings WHERE id = ?1",
        [meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or(EditError::NoMeetingId(meeting_id))
}

// ---------------------------------------------------------------------------------------------
// The user's gazetteer

/// `base` (the shipped gazetteer) with the user's active additions merged in, in the order they
/// were made ([`Gazetteer::add_user`]): new officials are added, aliases extend the entry with
/// that id. An alias whose id is in neither is skipped (it cannot name anything).
///
/// # Errors
/// Database failures, or an addition that no longer parses.
pub fn gazetteer_with_user(conn: &Connection, base: &Gazetteer) -> Result<Gazetteer, EditError> {
    let mut g = base.clone();
    let mut stmt =
        conn.prepare("SELECT entity, key, entry FROM gazetteer_additions ORDER BY edit_id")?;
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (entity, key, entry) in rows {
        let v: serde_json::Value = serde_json::from_str(&entry).map_err(|e| {
            EditError::Invalid(format!("a gazetteer addition for {key} is unreadable: {e}"))
        })?;
        let mut add = Gazetteer::default();
        match (entity.as_str(), v) {
            ("person", serde_json::Value::String(alias)) => {
                if g.person(&key).is_none() {
                    continue;
                }
                add.people.push(Person {
                    id: key,
                    aliases: vec![alias],
                    ..Person::default()
                });
            }
            ("person", v) => {
                let p: Person = serde_json::from_value(v).map_err(|e| {
                    EditError::Invalid(format!(
                        "the official {key} added by the user is unreadable: {e}"
                    ))
                })?;
                add.people.push(p);
            }
            ("place", serde_json::Value::String(alias)) => {
                if g.place(&key).is_none() {
                    continue;
                }
                add.places.push(crate::gazetteer::Place {
                    id: key,
                    aliases: vec![alias],
                    ..Default::default()
                });
            }
            ("body", serde_json::Value::String(alias)) => {
                if g.body(&key).is_none() {
                    continue;
                }
                add.bodies.push(crate::gazetteer::Body {
                    id: key,
                    aliases: vec![alias],
                    ..Default::default()
                });
            }
            _ => continue,
        }
        g.add_user(add)
            .map_err(|e| EditError::Invalid(e.to_string()))?;
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(people: &[&str], anchor: usize) -> NewMeeting {
        NewMeeting {
            kind: MeetingKind::Consult,
            status: MeetingStatus::Held,
            date: None,
            date_note: None,
            weekday_conflict: false,
            place: None,
            confidence: 0.5,
            evidence: vec![crate::store::meetings::EvidenceSpan {
                start: anchor,
                end: anchor + 10,
                text: String::new(),
            }],
            participants: people
                .iter()
                .map(|k| NewParticipant {
                    person_key: k.to_string(),
                    name_en: String::new(),
                    name_ar: String::new(),
                    as_written: String::new(),
                    role: String::new(),
                    body: None,
                    country: String::new(),
                    side: Side::Other,
                    needs_review: false,
                    span: None,
                })
                .collect(),
            topics: Vec::new(),
        }
    }

    fn row(id: i64, key: &str, anchor: i64) -> Row {
        Row {
            id,
            key: Some(key.to_string()),
            anchor: Some(anchor),
            extracted: None,
            user_edited: false,
            hidden: None,
        }
    }

    fn target(key: &str, anchor: Option<i64>) -> MeetingRef {
        MeetingRef {
            article_id: 1,
            key: key.to_string(),
            anchor,
        }
    }

    #[test]
    fn searches_match_any_script_arabic_aware() {
        let g = Gazetteer::shipped();
        let ids = |v: Vec<&Person>| v.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        // ه for ة, an alias, in Arabic; a part of a Latin name.
        assert_eq!(
            ids(search_people(&g, "الدبيبه", 3))[0],
            "abdul_hamid_dbeibah"
        );
        assert_eq!(ids(search_people(&g, "dbeib", 3))[0], "abdul_hamid_dbeibah");
        assert_eq!(search_places(&g, "روما", 3)[0].id, "rome");
        assert_eq!(search_places(&g, "ROM", 8)[0].id, "rome");
        assert_eq!(
            search_places(&g, "بطرابلس", 3).len(),
            0,
            "no clitic guessing in names"
        );
        assert_eq!(search_topics(&g, "الطاقه", 3)[0].id, "energy");
        assert!(search_people(&g, "  ", 3).is_empty());
        // Exact names, as the CLI takes them.
        assert_eq!(
            person_by_name(&g, "خالد مازن").map(|p| p.id.as_str()),
            Some("khaled_mazen")
        );
        assert_eq!(person_by_name(&g, "Maz"), None, "a prefix is not a name");
        assert_eq!(place_by_name(&g, "Roma").key, "rome");
        assert_eq!(place_by_name(&g, "Wadi Nowhere").key, "text:wadi nowhere");
        assert_eq!(
            topic_by_name(&g, "Energy").map(|t| t.key),
            Some("energy".into())
        );
        assert_eq!(country_code(&g, "إيطاليا").unwrap(), "IT");
        assert_eq!(country_code(&g, "it").unwrap(), "IT");
        assert_eq!(country_code(&g, "Maltese").unwrap(), "MT");
        assert!(country_code(&g, "Narnia").is_err());
    }

    #[test]
    fn an_alias_is_checked_against_the_gazetteer() {
        let g = Gazetteer::shipped();
        assert_eq!(
            alias_edit(&g, EntityKind::Person, "khaled_mazen", " ماتسن ").unwrap(),
            Edit::AddAlias {
                entity: EntityKind::Person,
                key: "khaled_mazen".into(),
                alias: "ماتسن".into()
            }
        );
        assert_eq!(
            alias_edit(&g, EntityKind::Person, "nobody_known", "X Y")
                .unwrap_err()
                .to_string(),
            "no person with the id «nobody_known» in the gazetteer"
        );
        assert_eq!(
            alias_edit(&g, EntityKind::Person, "khaled_mazen", "خالد مازن")
                .unwrap_err()
                .to_string(),
            "«خالد مازن» is already a spelling of Khaled Mazen"
        );
        assert_eq!(
            alias_edit(&g, EntityKind::Place, "rome", "")
                .unwrap_err()
                .to_string(),
            "type the other spelling of Rome to add"
        );
    }

    #[test]
    fn keys_are_sorted_participants_with_a_counter_for_repeats() {
        let keys = meeting_keys(&[
            meeting(&["mazen", "lamorgese"], 0),
            meeting(&["lamorgese", "menfi", "lamorgese"], 50),
            meeting(&["lamorgese", "mazen"], 90),
            meeting(&[], 120),
        ]);
        assert_eq!(
            keys,
            [
                "lamorgese+mazen",
                "lamorgese+menfi",
                "lamorgese+mazen#2",
                "(nobody)"
            ]
        );
    }

    #[test]
    fn an_edit_follows_only_one_unambiguous_meeting() {
        let rows = vec![
            row(10, "lamorgese+mazen", 0),
            row(11, "lamorgese+menfi", 300),
        ];
        // Exact key.
        assert_eq!(
            resolve(&rows, &target("lamorgese+menfi", None)),
            Some((11, false))
        );
        // Another participant than the one edited: never the wrong meeting.
        assert_eq!(resolve(&rows, &target("lamorgese+dbeibah", None)), None);
        // Same first evidence sentence and a participant in common.
        assert_eq!(
            resolve(&rows, &target("lamorgese+new:x", Some(300))),
            Some((11, true))
        );
        // A placeholder the gazetteer now names, without an anchor.
        let rows = vec![row(10, "bianchi+menfi", 40), row(11, "lamorgese+mazen", 0)];
        assert_eq!(
            resolve(&rows, &target("menfi+unnamed:IT", None)),
            Some((10, true))
        );
        // Two candidates: ambiguous, so orphaned.
        let rows = vec![row(10, "bianchi+menfi", 40), row(11, "menfi+rossi", 90)];
        assert_eq!(resolve(&rows, &target("menfi+unnamed:IT", None)), None);
        // Hand-added meetings match by exact key only.
        assert_eq!(resolve(&rows, &target("user:7", Some(40))), None);
    }
}
