//! Dates as they appear in Arabic, English and Italian news text.
//!
//! The text is first passed through [`normalize`](crate::text::normalize::normalize()) (so hamza/alef variants,
//! ة/ه, Arabic-Indic and Persian digits, tatweel and invisible bidi marks such as LRO/PDF/RLM no
//! longer matter), then cut into number, word and punctuation tokens, and date patterns are
//! matched on the tokens. Spans are mapped back to byte ranges of the text the caller gave.
//!
//! Recognised forms (day-month-year unless said otherwise):
//! - month names: Gregorian Arabic (يناير … ديسمبر with spelling variants such as ابريل/إبريل,
//!   يونية, يولية), Levantine (كانون الثاني … كانون الأول, also «كانون 2», «تشرين 1»), Maghrebi
//!   (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت) and Moroccan (يوليوز، غشت، شتنبر، نونبر، دجنبر),
//!   Libyan Jamahiriya-era names (أي النار … الكانون; only in a full day-month-year pattern, since
//!   several are ordinary words), Hijri months (converted with the Umm al-Qura calendar), English
//!   (full names; abbreviations, "May" and "March" only capitalised), Italian and French;
//! - paired names «يونيو/حزيران», «حزيران (يونيو)»; trailing «م» / «هـ» markers;
//! - US order «فبراير 28, 2025», "July 22, 2025", "Aug. 4"; English ordinals "22nd";
//! - month and year only ("April 2021", «أبريل 2021») → [`DatePrecision::Month`];
//! - numeric `2021-04-19`, `2021/04/19`, `19/04/2021`, `04.04.2021` (day first, month first only
//!   when day first is impossible), and `20210419` in file names ([`date_from_file_name`]);
//! - a month name between separators: «28/سبتمبر/2020», `28-Sep-2020`;
//! - in an article URL's path: `/2017/05/16/`, `/2017/02/` (month), `2019-03-13-slug`
//!   ([`date_from_url`]).
//!
//! A day and month without a year ("Aug. 4", «lunedì 19 aprile») is only dated when the caller
//! gives a reference date: the year is the one that puts the date nearest to the reference.
//! French month names need a year, or a weekday before the day («mardi 23 mars»).
//! [`find_day_months`] lists day-months without a year with their weekday, and [`weekday_years`]
//! the years in which such a day falls on that weekday (extraction dates an undated article's
//! meeting with them and the participants' terms of office).
//! Impossible dates (31 February) and bare numbers are rejected.

//! Module map: `tokens` (number/word/punctuation tokens over the normalised text), `months`
//! (month names of every calendar and spelling), `patterns` (the date patterns over tokens),
//! `file_name` (dates in file names), `article` (the article's own date from headline, lead,
//! file name or trailer), `url` (the publication date in an article URL's path), `weekday` (a day
//! and month without a year, with its weekday: «mardi 23 mars»; the years that fit it).

mod article;
mod file_name;
mod months;
pub use months::ITALIAN_MONTHS;
mod patterns;
mod tokens;
mod url;
mod weekday;

pub use article::article_date;
pub use file_name::date_from_file_name;
pub use months::month_name;
pub use url::date_from_url;
pub use weekday::{DayMonth, find_day_months, weekday_years};

use crate::model::DatePrecision;
use crate::text::normalize::normalize;
use chrono::NaiveDate;
use patterns::match_at;
use std::ops::Range;
use tokens::tokenize;

/// A date found in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// The date; for `Month`/`Year` precision the missing parts are 1.
    pub date: NaiveDate,
    /// `Day` for a full date, `Month` for "April 2021".
    pub precision: DatePrecision,
    /// Byte range of the date expression in the text it was found in.
    pub span: Range<usize>,
}

/// Parses one date expression (a whole cell of `shared/cases/dates.tsv`). `reference` supplies the
/// year when the text has none ("Aug. 4"). Returns `None` when no date is recognised.
///
/// The first date of the text wins; text around it (a dateline's city, "GMT") is ignored.
pub fn parse_date(text: &str, reference: Option<NaiveDate>) -> Option<(NaiveDate, DatePrecision)> {
    find_dates(text, reference)
        .into_iter()
        .next()
        .map(|f| (f.date, f.precision))
}

/// Every explicit date in `text`, in order of appearance, without overlaps.
///
/// `reference` (usually the publication date) dates day-month expressions that have no year; without
/// it they are skipped.
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<FoundDate> {
    let norm = normalize(text);
    let toks = tokenize(text, &norm);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(m) = match_at(&norm.text, &toks, i, reference) {
            if let Some(date) = m.date {
                let span = norm.original_range_tight(text, toks[i].start..toks[m.end - 1].end);
                out.push(FoundDate {
                    date,
                    precision: m.precision,
                    span,
                });
            }
            i = m.end;
        } else {
            i += 1;
        }
    }
    out
}

pub(super) fn found(date: NaiveDate, precision: DatePrecision, span: Range<usize>) -> FoundDate {
    FoundDate {
        date,
        precision,
        span,
    }
}

#[cfg(test)]
mod tests;
