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

/// How extraction found a meeting's date (the part of a [`DateNote`] the text decided).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFound {
    /// An explicit date written in the meeting's sentences.
    Written,
    /// A relative day («اليوم», "yesterday") resolved against the article's date.
    RelativeToArticle,
    /// A relative day resolved against the one full date written in the article.
    RelativeToTextDate,
    /// A relative day, but the article has no date: setting it dates the meeting.
    RelativeUnresolved,
    /// Nothing in the text dates the meeting.
    Nothing,
}

/// Why a meeting has its date (or none): what `meetings.date_note` holds, as data, so each front
/// end says it in its language (the CLI in English through `Display`, the app in Arabic too).
///
/// Stored with [`DateNote::to_stored`]; read back with [`DateNote::parse`], which also reads the
/// English sentences earlier versions stored, and keeps any other text as [`DateNote::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateNote {
    /// Extraction dated it (or could not).
    Found {
        how: DateFound,
        /// The date words as written («اليوم الاثنين», "Aug. 4"); empty for [`DateFound::Nothing`].
        expression: String,
        /// The date, when the weekday the text states is not that date's weekday.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        wrong_weekday: Option<NaiveDate>,
    },
    /// The user set the date (an edit).
    SetByUser,
    /// The user added the meeting.
    AddedByUser,
    /// A generated archive's meeting (`devtools::generate`).
    Generated,
    /// A note of another shape, shown as written.
    Other(String),
}

/// The English text of the weekday warning, before the date.
const WRONG_WEEKDAY: &str = "; WARNING: the stated weekday does not match, ";

impl DateNote {
    /// The form stored in `meetings.date_note`: compact JSON (`{"found":{"how":"written",...}}`,
    /// `"set_by_user"`), stable across languages and wordings.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).expect("a date note serialises")
    }

    /// Reads a stored note: the JSON form of [`DateNote::to_stored`], or the English sentence
    /// (`Display`) that earlier versions stored; anything else is [`DateNote::Other`].
    pub fn parse(stored: &str) -> DateNote {
        if stored.starts_with(['{', '"'])
            && let Ok(note) = serde_json::from_str::<DateNote>(stored)
        {
            return note;
        }
        Self::parse_english(stored)
            .filter(|note| note.to_string() == stored)
            .unwrap_or_else(|| DateNote::Other(stored.to_owned()))
    }

    fn parse_english(text: &str) -> Option<DateNote> {
        match text {
            "set by the user" => return Some(DateNote::SetByUser),
            "added by the user" => return Some(DateNote::AddedByUser),
            "generated" => return Some(DateNote::Generated),
            _ => {}
        }
        let (main, wrong_weekday) = match text.split_once(WRONG_WEEKDAY) {
            Some((main, rest)) => {
                let day = rest.split(' ').next()?;
                (main, Some(NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?))
            }
            None => (text, None),
        };
        let between = |prefix: &str, suffix: &str| -> Option<String> {
            Some(main.strip_prefix(prefix)?.strip_suffix(suffix)?.to_owned())
        };
        let (how, expression) = if main == "nothing in the text dates this meeting" {
            (DateFound::Nothing, String::new())
        } else if let Some(e) = between("written in the text: «", "»") {
            (DateFound::Written, e)
        } else if let Some(e) = between("«", "» resolved against the article's date") {
            (DateFound::RelativeToArticle, e)
        } else if let Some(e) = between(
            "«",
            "» resolved against the one full date written in the article",
        ) {
            (DateFound::RelativeToTextDate, e)
        } else if let Some(e) = between(
            "the text says «",
            "» but the article has no date: set the article's date to date this meeting",
        ) {
            (DateFound::RelativeUnresolved, e)
        } else {
            return None;
        };
        Some(DateNote::Found {
            how,
            expression,
            wrong_weekday,
        })
    }

    /// The date words the text used, when extraction found some.
    pub fn expression(&self) -> Option<&str> {
        match self {
            DateNote::Found { expression, .. } if !expression.is_empty() => Some(expression),
            _ => None,
        }
    }
}

impl std::fmt::Display for DateNote {
    /// The English sentence (`arshif show`, the English app): "«اليوم» resolved against the
    /// article's date; WARNING: the stated weekday does not match, 2024-05-21 was a Tuesday".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (how, expr, wrong_weekday) = match self {
            DateNote::SetByUser => return f.write_str("set by the user"),
            DateNote::AddedByUser => return f.write_str("added by the user"),
            DateNote::Generated => return f.write_str("generated"),
            DateNote::Other(text) => return f.write_str(text),
            DateNote::Found {
                how,
                expression,
                wrong_weekday,
            } => (how, expression, wrong_weekday),
        };
        match how {
            DateFound::Written => write!(f, "written in the text: «{expr}»")?,
            DateFound::RelativeToArticle => {
                write!(f, "«{expr}» resolved against the article's date")?
            }
            DateFound::RelativeToTextDate => write!(
                f,
                "«{expr}» resolved against the one full date written in the article"
            )?,
            DateFound::RelativeUnresolved => write!(
                f,
                "the text says «{expr}» but the article has no date: set the article's date to date this meeting"
            )?,
            DateFound::Nothing => f.write_str("nothing in the text dates this meeting")?,
        }
        if let Some(d) = wrong_weekday {
            write!(f, "{WRONG_WEEKDAY}{d} was a {}", d.format("%A"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod date_note_tests {
    use super::{DateFound, DateNote};

    #[test]
    fn english_notes_read_back_as_data_and_print_unchanged() {
        for text in [
            "written in the text: «19 aprile 2021»",
            "«اليوم» resolved against the article's date",
            "«غداً الاثنين» resolved against the article's date; WARNING: the stated weekday \
             does not match, 2024-05-21 was a Tuesday",
            "«أمس» resolved against the one full date written in the article",
            "the text says «oggi» but the article has no date: set the article's date to date this meeting",
            "nothing in the text dates this meeting",
            "set by the user",
            "added by the user",
            "generated",
            "typed by someone else «x»",
        ] {
            let note = DateNote::parse(text);
            assert_eq!(note.to_string(), text);
            assert_eq!(DateNote::parse(&note.to_stored()), note, "{text}");
        }
        assert_eq!(
            DateNote::parse("«اليوم» resolved against the article's date").expression(),
            Some("اليوم")
        );
        assert!(matches!(
            DateNote::parse("typed «x»"),
            DateNote::Other(t) if t == "typed «x»"
        ));
        assert!(matches!(
            DateNote::parse("nothing in the text dates this meeting"),
            DateNote::Found {
                how: DateFound::Nothing,
                ..
            }
        ));
    }
}
