//! Plain data types shared by every layer (no I/O here).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How much of a date is known. A `Month` date is stored as the 1st of the month, a `Year` date as
/// 1 January; `precision` says which parts are real.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

impl DatePrecision {
    /// Stable lowercase name used in the database and JSON (`day`, `month`, `year`).
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// Where an article's date came from, strongest first (the import's order of preference).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A metadata field: YAML front matter, JSON/CSV `date` column, HTML meta tag.
    FrontMatter,
    /// A dateline or an explicit date in the lead ("طرابلس – 09 سبتمبر 2021م").
    Dateline,
    /// An explicit date elsewhere in the body.
    Body,
    /// A date in the file name (`2021-04-19`, `20210419`).
    FileName,
    /// Set by the user (`arshif set-date`, or in the app).
    User,
}

impl DateSource {
    /// Stable snake_case name used in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::FrontMatter => "front_matter",
            DateSource::Dateline => "dateline",
            DateSource::Body => "body",
            DateSource::FileName => "file_name",
            DateSource::User => "user",
        }
    }
}

/// A calendar date with its precision and provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    pub date: NaiveDate,
    pub precision: DatePrecision,
    pub source: DateSource,
}

/// Detected language of an article (ISO 639-1), `Other` for anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    En,
    It,
    Other,
}

impl Lang {
    /// ISO 639-1 code (`ar`, `en`, `it`), or `und` for `Other`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
            Lang::It => "it",
            Lang::Other => "und",
        }
    }
}

/// What kind of contact a meeting was, in CAMEO terms (PLOVER: CONSULT). The number is the CAMEO
/// event code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// CAMEO 040 "Consult, not specified below": talks whose setting the text does not make clear.
    Consult,
    /// CAMEO 041 "Discuss by telephone" (phone or video call).
    PhoneCall,
    /// CAMEO 042 "Make a visit": the Libyan side travelled to the European side (or vice versa), seen from the visitor.
    Visit,
    /// CAMEO 043 "Host a visit": the reporting side received the other.
    Host,
    /// CAMEO 044 "Meet at a third location": neither side's home (a conference abroad, say).
    ThirdLocation,
}

impl MeetingKind {
    /// Every kind, in CAMEO code order.
    pub const ALL: [MeetingKind; 5] = [
        MeetingKind::Consult,
        MeetingKind::PhoneCall,
        MeetingKind::Visit,
        MeetingKind::Host,
        MeetingKind::ThirdLocation,
    ];

    /// The CAMEO event code ("040" … "044").
    pub fn cameo_code(self) -> &'static str {
        match self {
            MeetingKind::Consult => "040",
            MeetingKind::PhoneCall => "041",
            MeetingKind::Visit => "042",
            MeetingKind::Host => "043",
            MeetingKind::ThirdLocation => "044",
        }
    }

    /// Stable snake_case name used in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Consult => "consult",
            MeetingKind::PhoneCall => "phone_call",
            MeetingKind::Visit => "visit",
            MeetingKind::Host => "host",
            MeetingKind::ThirdLocation => "third_location",
        }
    }

    /// Parses [`MeetingKind::as_str`] back.
    pub fn parse(s: &str) -> Option<MeetingKind> {
        MeetingKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Whether the meeting took place or was only announced (CAMEO 036 "Express intent to meet").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Held,
    Announced,
    /// Announced, then called off (the text says so).
    Cancelled,
}

impl MeetingStatus {
    /// Stable name used in the database and JSON (`held`, `announced`, `cancelled`).
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingStatus::Held => "held",
            MeetingStatus::Announced => "announced",
            MeetingStatus::Cancelled => "cancelled",
        }
    }
}

/// Which side of a Libyan–European meeting a participant is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Libya,
    Europe,
    /// Neither (a UN envoy present, a third country).
    Other,
}

pub mod filter;
pub mod geo;
pub mod timeline;

pub use filter::{Filter, Order};
pub use timeline::{
    EntityRef, Facet, FacetValue, Facets, MeetingSources, ParticipantView, TimelineMeeting,
};
pub mod date_note;
pub use date_note::{DateFound, DateNote};
