//! The timeline's view of the archive: one [`Filter`] type for the app, the CLI and every export,
//! so "what you see is what you export" holds by construction.
//!
//! This file holds the shapes; the SQL that fills them lives next to the meeting tables.

use crate::model::{DatePrecision, MeetingKind, MeetingStatus, Side};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Order of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// What the user has selected. Empty sets mean "no restriction"; within one facet the values are
/// OR-ed, across facets AND-ed (the usual faceted-search rule).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Free text, searched with the Arabic-aware full-text search over the reporting articles.
    pub text: Option<String>,
    /// Person entity keys (gazetteer ids such as `luciana_lamorgese`, or keys of extracted entities).
    pub officials: BTreeSet<String>,
    /// Body entity keys (`ly_presidential_council`, `it_interior`, ...).
    pub bodies: BTreeSet<String>,
    /// ISO 3166-1 alpha-2 codes, `EU` for EU institutions.
    pub countries: BTreeSet<String>,
    /// Topic ids from `assets/gazetteer/topics.toml`.
    pub topics: BTreeSet<String>,
    /// Place ids from `assets/gazetteer/places.toml`.
    pub places: BTreeSet<String>,
    /// Meeting kinds (CAMEO 040–044).
    pub kinds: BTreeSet<MeetingKind>,
    /// Inclusive lower bound on the meeting date.
    pub from: Option<NaiveDate>,
    /// Inclusive upper bound on the meeting date.
    pub to: Option<NaiveDate>,
    /// Drop undated meetings (they are kept by default, in their own group).
    pub exclude_undated: bool,
    /// Drop announced (not yet held) meetings.
    pub exclude_announced: bool,
    pub order: Order,
}

/// A named entity as the timeline shows it, in both scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRef {
    /// Stable key (gazetteer id, or `new:<normalised name>` for an extracted, unreviewed entity).
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
}

/// One participant of a meeting, with the role, body and country the article states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantView {
    pub person: EntityRef,
    /// The name exactly as the article wrote it.
    pub as_written: String,
    /// Role in English ("Minister of the Interior"), empty when unknown.
    pub role: String,
    pub body: Option<EntityRef>,
    /// ISO 3166-1 alpha-2 code, `EU`, or empty when unknown.
    pub country: String,
    pub side: Side,
    /// Extracted from a title construction and not yet in the gazetteer.
    pub needs_review: bool,
}

/// One row of the timeline: a meeting with everything a card shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineMeeting {
    pub id: i64,
    /// `None` for undated meetings.
    pub date: Option<NaiveDate>,
    pub precision: Option<DatePrecision>,
    pub place: Option<EntityRef>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub participants: Vec<ParticipantView>,
    /// Topic ids with their English and Arabic labels.
    pub topics: Vec<EntityRef>,
    /// Ids of the articles that report this meeting (at least one).
    pub article_ids: Vec<i64>,
    /// Headline of the first reporting article.
    pub headline: String,
    /// 0..1, the extraction's confidence (1 for user-confirmed meetings).
    pub confidence: f32,
}
