//! What the timeline shows: meetings with their participants and topics, facet counts, and a
//! meeting's sources. Filled by [`crate::store::timeline`], read through [`crate::query`].

use crate::model::{DatePrecision, MeetingKind, MeetingStatus, Side};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    /// The row id: changes when the article is re-extracted (a new date, a gazetteer change).
    pub id: i64,
    /// The meeting's identity across re-extraction: `<article id>/<meeting key>`, the key being
    /// the sorted participant keys ([`crate::edits::meeting_keys`]), e.g.
    /// `15/khaled_mazen+luciana_lamorgese`. Exports derive stable ids (iCalendar `UID`) from it.
    #[serde(default)]
    pub key: String,
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
    /// The text states a weekday that contradicts the date («غداً الاثنين» when tomorrow was a
    /// Tuesday): the date follows the relative word, but a person should check it.
    #[serde(default)]
    pub weekday_conflict: bool,
}

/// One page of the timeline: rows `offset..offset + rows.len()` of the full list, and how many
/// rows the full list has.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TimelinePage {
    /// Position of the first row in the full list (0-based).
    pub offset: usize,
    /// Rows (meetings) in the full list under the same filter.
    pub total: usize,
    /// At most the asked number of rows, in the filter's order.
    pub rows: Vec<TimelineMeeting>,
}

/// One facet of the filter panel (ordered as the panel shows them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    Officials,
    Bodies,
    Countries,
    Topics,
    Places,
    Kinds,
}

impl Facet {
    /// Every facet, in the filter panel's order.
    pub const ALL: [Facet; 6] = [
        Facet::Officials,
        Facet::Bodies,
        Facet::Countries,
        Facet::Topics,
        Facet::Places,
        Facet::Kinds,
    ];
}

/// One value of a facet with the number of meetings it would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    /// The value as it goes into the [`crate::model::Filter`] (an entity key, a country code, a kind name).
    pub key: String,
    pub label_en: String,
    pub label_ar: String,
    /// Meetings matching the filter with this value selected in place of the facet's own
    /// selection (the usual "counts update with the other filters" rule).
    pub count: i64,
}

/// Facet counts and the meetings-per-year histogram for a filter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facets {
    /// For each facet, its values by descending count, then label.
    pub values: Vec<(Facet, Vec<FacetValue>)>,
    /// (year, meetings) for dated meetings under the whole filter, by year.
    pub per_year: Vec<(i32, i64)>,
    /// Meetings under the whole filter without a date.
    pub undated: i64,
}

impl Facets {
    /// The values of one facet (empty when none).
    pub fn of(&self, facet: Facet) -> &[FacetValue] {
        self.values
            .iter()
            .find(|(f, _)| *f == facet)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }
}

/// Where one meeting's facts came from: byte spans into the text extraction read (the article's
/// headline + `"\n"` + body, see [`crate::pipeline::article_text`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MeetingSources {
    /// How the date was derived, or why the meeting is undated.
    pub date_note: Option<String>,
    /// The evidence sentences: (byte span, text).
    pub evidence: Vec<(std::ops::Range<usize>, String)>,
    /// (person key, name as written, byte span of the name) per participant with a stored span.
    pub participants: Vec<(String, String, std::ops::Range<usize>)>,
    /// (topic id, byte span of its cue) per topic with a stored span.
    pub topics: Vec<(String, std::ops::Range<usize>)>,
    /// (name as written, English name, byte span of the name when stored) for every participant,
    /// in order (what `arshif show` prints).
    #[serde(default)]
    pub named: Vec<(String, String, Option<std::ops::Range<usize>>)>,
}
