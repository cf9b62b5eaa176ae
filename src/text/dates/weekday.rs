//! A day and month written without a year, with the weekday the text gives it («الاثنين 6
//! فبراير», «mardi 23 mars», «lunedì 31 maggio», "Wednesday, March 13"), and the years in which
//! that day falls on that weekday.
//!
//! The month names are those of [`super::months`]. French month names («mars», «mai») and the
//! Libyan Jamahiriya-era names («النوار», «الطير») are ordinary words too, so without a year they
//! count only right after a weekday; the other names count alone as well ("6 February").

use super::months::{Cal, Need, match_month};
use super::patterns::{day_at, match_at, range_end, year_at, year_filler};
use super::tokens::{Tok, punct, tokenize, word};
use crate::text::normalize::normalize;
use crate::text::relative::weekday_name;
use chrono::{Datelike, NaiveDate, Weekday};
use std::ops::{Range, RangeInclusive};

/// A day of a month written without a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayMonth {
    /// The weekday written with it («الاثنين», "mardi"), if any.
    pub weekday: Option<Weekday>,
    /// Day of the month, 1–31.
    pub day: u32,
    /// Month, 1–12 (Gregorian).
    pub month: u32,
    /// Byte range of the expression (weekday included) in the text searched.
    pub span: Range<usize>,
}

/// Every day-month without a year in `text`, in order, with its weekday when one is written
/// right before it («يوم الخميس 9 مارس», «mardi 23 mars», "Wednesday, March 13", «lunedì 31
/// maggio»). Dates that have a year ("6 February 2017") and Hijri months are not returned.
pub fn find_day_months(text: &str) -> Vec<DayMonth> {
    let norm = normalize(text);
    let t = norm.text.as_str();
    let toks = tokenize(text, &norm);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(found) = day_month_at(t, &toks, i) {
            let (wd, day, month, end) = found;
            let span = norm.original_range_tight(text, toks[i].start..toks[end - 1].end);
            out.push(DayMonth {
                weekday: wd,
                day,
                month,
                span,
            });
            i = end;
            continue;
        }
        // A full date (with its year) is skipped whole, so that its day and month are not read
        // again without it.
        match match_at(t, &toks, i, None) {
            Some(m) => i = m.end.max(i + 1),
            None => i += 1,
        }
    }
    out
}

/// A day-month without a year starting at `i`: (weekday, day, month, index after).
fn day_month_at(t: &str, toks: &[Tok], i: usize) -> Option<(Option<Weekday>, u32, u32, usize)> {
    let weekday = word(t, toks, i).and_then(weekday_name);
    let mut j = i;
    if weekday.is_some() {
        j += 1;
        if matches!(punct(toks, j), Some(',' | '،')) {
            j += 1;
        }
        // «mardi le 23 mars», «الخميس الموافق 9 مارس».
        if matches!(word(t, toks, j), Some("le" | "il" | "the" | "الموافق")) {
            j += 1;
        }
    }
    let allowed = |need: Need, cal: Cal| {
        cal == Cal::Gregorian && (need == Need::Nothing || weekday.is_some())
    };
    let no_year_after =
        |k: usize| year_at(t, toks, year_filler(t, toks, k), Cal::Gregorian).is_none();
    // Day first: «6 فبراير», «23 mars», "13th of March".
    if let Some((day, k)) = day_at(t, toks, j) {
        let mut k = range_end(t, toks, k);
        if matches!(punct(toks, k), Some(',' | '،')) {
            k += 1;
        }
        if matches!(word(t, toks, k), Some("من" | "of" | "de" | "di")) {
            k += 1;
        }
        let mm = match_month(t, toks, k)?;
        if !allowed(mm.info.need, mm.info.cal) || !no_year_after(mm.end) {
            return None;
        }
        return valid(day, mm.info.month).then_some((weekday, day, mm.info.month, mm.end));
    }
    // Month first, after a weekday only: "Wednesday, March 13".
    weekday?;
    let mm = match_month(t, toks, j)?;
    if !allowed(mm.info.need, mm.info.cal) || !t[toks[j].start..toks[j].end].is_ascii() {
        return None;
    }
    let (day, k) = day_at(t, toks, mm.end)?;
    let k = range_end(t, toks, k);
    let after = if matches!(punct(toks, k), Some(',' | '،')) {
        k + 1
    } else {
        k
    };
    if year_at(t, toks, after, Cal::Gregorian).is_some() {
        return None;
    }
    valid(day, mm.info.month).then_some((weekday, day, mm.info.month, k))
}

/// The day exists in some year (29 February in a leap year).
fn valid(day: u32, month: u32) -> bool {
    NaiveDate::from_ymd_opt(2000, month, day).is_some()
}

/// The dates `day`/`month` of the `years` given on which that day is a `weekday`, in order
/// (29 February only in leap years). `weekday_years(6, 2, Mon, 2011..=2026)` is 2012-02-06,
/// 2017-02-06 and 2023-02-06.
pub fn weekday_years(
    day: u32,
    month: u32,
    weekday: Weekday,
    years: RangeInclusive<i32>,
) -> Vec<NaiveDate> {
    years
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .filter(|d| d.weekday() == weekday)
        .collect()
}
