//! Why a meeting has its date: [`DateNote`], stored in `meetings.date_note` and rendered by each
//! front end in its language.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    /// A day and month with a weekday but no year: the year is the one in which that day is
    /// that weekday during the participants' terms of office.
    YearFromWeekday,
    /// A day and month with a weekday but no year, and no year or several fit (the
    /// `candidates` of [`DateNote::Found`]): setting the date dates the meeting.
    YearUnresolved,
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
        /// [`DateFound::YearUnresolved`]: the dates that fit (empty otherwise, or when none fits).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        candidates: Vec<NaiveDate>,
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
/// [`DateFound::YearFromWeekday`]'s English text, before the quoted expression.
const YEAR_FROM_WEEKDAY: &str = "year from weekday and terms of office: «";
/// [`DateFound::YearUnresolved`] with no candidate, after the quoted expression.
const YEAR_NONE_FITS: &str = "» has no year and no year fits its weekday and the participants' \
                              terms of office; set the date to date this meeting";
/// [`DateFound::YearUnresolved`] with candidates: between the expression and the dates.
const YEARS_FIT: &str =
    "» has no year; the years its weekday and the participants' terms of office allow: ";
/// The end of [`DateFound::YearUnresolved`]'s text with candidates.
const SET_THE_DATE: &str = "; set the date to date this meeting";

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
        let mut candidates = Vec::new();
        let (how, expression) = if main == "nothing in the text dates this meeting" {
            (DateFound::Nothing, String::new())
        } else if let Some(e) = between(YEAR_FROM_WEEKDAY, "»") {
            (DateFound::YearFromWeekday, e)
        } else if let Some(e) = between("«", YEAR_NONE_FITS) {
            (DateFound::YearUnresolved, e)
        } else if let Some(rest) = main.strip_suffix(SET_THE_DATE)
            && let Some((e, list)) = rest.split_once(YEARS_FIT)
        {
            for day in list.split(", ") {
                candidates.push(NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?);
            }
            (DateFound::YearUnresolved, e.strip_prefix('«')?.to_owned())
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
            candidates,
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
        let (how, expr, wrong_weekday, candidates) = match self {
            DateNote::SetByUser => return f.write_str("set by the user"),
            DateNote::AddedByUser => return f.write_str("added by the user"),
            DateNote::Generated => return f.write_str("generated"),
            DateNote::Other(text) => return f.write_str(text),
            DateNote::Found {
                how,
                expression,
                wrong_weekday,
                candidates,
            } => (how, expression, wrong_weekday, candidates),
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
            DateFound::YearFromWeekday => write!(f, "{YEAR_FROM_WEEKDAY}{expr}»")?,
            DateFound::YearUnresolved if candidates.is_empty() => {
                write!(f, "«{expr}{YEAR_NONE_FITS}")?
            }
            DateFound::YearUnresolved => {
                let days: Vec<String> = candidates
                    .iter()
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .collect();
                write!(f, "«{expr}{YEARS_FIT}{}{SET_THE_DATE}", days.join(", "))?
            }
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
            "year from weekday and terms of office: «الخميس 9 مارس»",
            "«lundi 4 septembre» has no year; the years its weekday and the participants' terms \
             of office allow: 2017-09-04, 2023-09-04; set the date to date this meeting",
            "«Sunday, May 3» has no year and no year fits its weekday and the participants' \
             terms of office; set the date to date this meeting",
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
