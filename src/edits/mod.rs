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
//!   shipped gazetteer with [`crate::gazetteer::Gazetteer::add_user`]. The extraction version
//!   hashes the gazetteer, so an extractor built from the merged gazetteer re-extracts every
//!   article on its next [`crate::pipeline::extract_pending`] (edits are re-applied after each
//!   article).
//!
//! # Files
//!
//! `identity` (meeting keys, finding an edit's meeting again), `rows` (edits applied to meeting
//! rows), `log` (apply, undo, redo, history), `user_gazetteer` (additions merged into the
//! gazetteer). The searches the edit dialogs use are in [`crate::gazetteer::lookup`]
//! (re-exported here). Every SQL statement is in [`crate::store`] (`edit_log`, `meetings`,
//! `articles`, `user_gazetteer`).
//!
//! # Use from the app
//!
//! ```no_run
//! # use arshif::{edits::{self, Edit, MeetingChange}, store::Store, extract::Extractor, gazetteer::Gazetteer};
//! # use std::sync::atomic::AtomicBool;
//! # fn f(store: &mut Store, meeting_id: i64) -> Result<(), edits::EditError> {
//! let target = edits::meeting_ref(store, meeting_id)?; // a timeline row's id
//! edits::apply(store, &Edit::Meeting { target, change: MeetingChange::NotMeeting(true) })?;
//! let undone = edits::undo(store)?; // Ctrl+Z
//! if let Some(a) = &undone {
//!     if a.needs_extraction() {
//!         // An article date or a gazetteer change: rebuild the extractor, then catch up.
//!         let gaz = edits::gazetteer_with_user(store, &Gazetteer::shipped())?;
//!         arshif::pipeline::extract_pending(store, &Extractor::new(&gaz), &mut |_, _| {}, &AtomicBool::new(false))?;
//!     }
//! }
//! # Ok(()) }
//! ```

pub mod entities;
mod events;
mod identity;
mod log;
mod rows;
mod user_gazetteer;
mod values;

pub use events::{
    LINK_FIELDS, LinkRequest, different, link_edit, merge, place_infos, regroup, regroup_full,
    report_ref, split,
};
pub use identity::{meeting_id, meeting_keys, meeting_ref};
pub use log::{apply, can_undo_redo, history, meeting_flags, orphans, redo, undo};
pub use rows::{after_extraction, reapply_article};
pub use user_gazetteer::gazetteer_with_user;
pub use values::{
    alias_edit, body_key, country_code, free_place, new_official, official_id,
    participant_from_gazetteer, place_by_name, place_from_gazetteer, topic_by_name,
    topic_from_gazetteer,
};

use crate::gazetteer::Person;
use crate::model::{DatePrecision, MeetingKind, MeetingStatus};
use crate::store::StoreError;
use crate::store::meetings::{Named, NewMeeting, NewParticipant};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    /// The target and each of these reports are one meeting (`arshif meeting merge`): the
    /// grouping ([`crate::events`]) always joins them. Changes no fact of the row.
    SameMeeting(Vec<ReportRef>),
    /// The target is never one meeting with any of these reports (`arshif meeting different`).
    DifferentMeeting(Vec<ReportRef>),
    /// No two of the target and these reports are one meeting (`arshif meeting split`: a
    /// meeting's reports separated for good).
    SplitMeeting(Vec<ReportRef>),
}

/// A report of a meeting by stable identity, surviving re-extraction and re-import into another
/// archive: the article's `content_hash` and the meeting key within it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportRef {
    pub content_hash: String,
    pub key: String,
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
            MeetingChange::SameMeeting(_) => "same_meeting",
            MeetingChange::DifferentMeeting(_) => "different_meeting",
            MeetingChange::SplitMeeting(_) => "split_meeting",
        }
    }

    /// A link between reports (merge, different, split) rather than a change of the row's facts.
    pub fn is_link(&self) -> bool {
        matches!(
            self,
            MeetingChange::SameMeeting(_)
                | MeetingChange::DifferentMeeting(_)
                | MeetingChange::SplitMeeting(_)
        )
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
    pub(crate) fn as_str(self) -> &'static str {
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
    /// Merge two officials or split a spelling off one ([`entities`]); a gazetteer edit.
    Entity(entities::EntityEdit),
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
            Edit::Entity(e) => e.field(),
        }
    }

    pub(crate) fn value_json(&self) -> String {
        let v = match self {
            Edit::Meeting { change, .. } => serde_json::to_value(change),
            Edit::AddMeeting { meeting, .. } => serde_json::to_value(meeting),
            Edit::ArticleDate { date, .. } => serde_json::to_value(date),
            Edit::AddAlias { entity, alias, .. } => {
                Ok(serde_json::json!({"entity": entity, "alias": alias}))
            }
            Edit::AddOfficial { person } => serde_json::to_value(person),
            Edit::Entity(e) => serde_json::to_value(e),
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

#[cfg(test)]
mod tests;

/// The time an edit is recorded: RFC 3339 in UTC, whole seconds (`2026-12-07T14:00:00Z`).
fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
