//! What extraction returns: a meeting with its kind, status, date, place, participants, topics
//! and the sentences it was read from, each fact with a byte span into the original text.

use crate::model::{DatePrecision, MeetingKind, MeetingStatus};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How a meeting's date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateHow {
    /// An explicit date in the meeting's sentences ("4 August 2021", "Aug. 4").
    Explicit,
    /// A relative day ("اليوم", "yesterday", "on Monday") resolved against the article date.
    RelativeToArticle,
    /// A relative day but the article has no date: kept as `expression`, resolvable later.
    RelativeUnresolved,
    /// A relative day resolved against the only full date written in the article (the article
    /// itself has no date).
    RelativeToTextDate,
    /// A day and month with a weekday but no year («الاثنين 6 فبراير», «mardi 23 mars») in an
    /// undated article: the one year, from 2011 to this year, in which that day is that weekday
    /// and every listed participant held an office.
    YearFromWeekday,
    /// A day and month with a weekday but no year, and no year or several years fit; the
    /// years that fit are in [`MeetingDate::candidates`] and the meeting stays undated.
    YearUnresolved,
    /// Nothing in the text dates the meeting.
    None,
}

/// A meeting's date with its precision, provenance and the words it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDate {
    pub date: Option<NaiveDate>,
    pub precision: Option<DatePrecision>,
    pub how: DateHow,
    /// The date words as written ("اليوم الخميس", "Aug. 4").
    pub expression: Option<String>,
    /// Byte span of `expression` in the original text.
    pub span: Option<Range<usize>>,
    /// The stated weekday disagrees with the resolved date (the source got the day wrong).
    pub weekday_conflict: bool,
    /// [`DateHow::YearUnresolved`]: the dates that fit the day, month and weekday and the
    /// participants' terms of office (empty when none does), for the user to choose from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<NaiveDate>,
}

/// Where the meeting place was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceHow {
    /// In the sentence that reports the meeting.
    Sentence,
    /// In a following or nearby sentence about the same meeting.
    Nearby,
    Headline,
    Dateline,
}

/// A meeting place from the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingPlace {
    /// `places.toml` id.
    pub id: String,
    pub name_en: String,
    pub country: String,
    pub how: PlaceHow,
    pub span: Range<usize>,
}

/// Who a participant is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EntityRef {
    /// A gazetteer person (`people.toml` id, or a user addition).
    Known { id: String },
    /// A name read from a title construction that nobody listed: to be reviewed by the user.
    New { name: String, needs_review: bool },
    /// A gazetteer body standing for its officials ("Frontex", "حكومة الوفاق").
    Body { id: String },
    /// An official or a delegation the text does not name ("نظيره الليبي", "the EU officials").
    Unnamed,
}

/// One party of a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub entity: EntityRef,
    /// The name (or the words standing for the party) as written.
    pub name: String,
    /// The role as written next to the name, if any ("وزيرة الداخلية الإيطالية").
    pub role: Option<String>,
    /// A `bodies.toml` id when the role or the text names one.
    pub body: Option<String>,
    /// Country code (`LY`, `IT`, `EU`, ...), when known.
    pub country: Option<String>,
    /// Byte span in the original text of the mention used.
    pub span: Range<usize>,
    pub confidence: f32,
}

/// A topic of the meeting (`topics.toml` id) and where its cue was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicHit {
    pub id: String,
    pub span: Range<usize>,
}

/// A sentence the meeting was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub span: Range<usize>,
    pub text: String,
}

/// A meeting between a Libyan and a European party, with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedMeeting {
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub date: MeetingDate,
    pub place: Option<MeetingPlace>,
    pub participants: Vec<Participant>,
    pub topics: Vec<TopicHit>,
    /// The sentences the meeting was read from; the first one reports it.
    pub evidence: Vec<Evidence>,
    /// 0..1: how sure the rules are (both sides named, place, date, no new entities ...).
    pub confidence: f32,
}
