//! Date patterns over tokens: day-month-year, month first, numeric, Arabic ordinal days, day
//! ranges, years with era markers; Hijri dates converted with the Umm al-Qura calendar.

use super::months::{Cal, EN_WEEKDAYS, Need, match_month};
use super::tokens::{Tok, num, punct, word};
use crate::model::DatePrecision;
use chrono::{Datelike, NaiveDate};
use icu_calendar::{Date as IcuDate, Iso, cal::Hijri};

pub(super) struct Match {
    /// `None` for a well-formed but impossible date, which is skipped.
    pub(super) date: Option<NaiveDate>,
    pub(super) precision: DatePrecision,
    /// Token index after the match.
    pub(super) end: usize,
}

pub(super) fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// Converts an Umm al-Qura Hijri date to the Gregorian calendar.
pub(super) fn hijri_to_gregorian(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1300..=1600).contains(&y) {
        return None;
    }
    let h = IcuDate::try_new_hijri_with_calendar(
        y as i32,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
        Hijri::new_umm_al_qura(),
    )
    .ok()?;
    // Reject days past the end of the Hijri month (try_new may clamp or accept 30 in 29-day months).
    if u32::from(h.day_of_month().0) != d || u32::from(h.month().ordinal) != m {
        return None;
    }
    let iso = h.to_calendar(Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// The year that puts `month`/`day` nearest to `reference`.
pub(super) fn nearest_year(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let y = reference.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|yy| NaiveDate::from_ymd_opt(yy, month, day))
        .min_by_key(|d| (*d - reference).num_days().abs())
}

/// A day number at `i` (1–31, one or two digits) with an optional ordinal suffix; returns
/// (day, index after).
pub(super) fn day_at(t: &str, toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let (v, n) = num(toks, i)?;
    if n > 2 || !(1..=31).contains(&v) {
        return None;
    }
    let mut end = i + 1;
    if let Some(w) = word(t, toks, end)
        && toks[end].start == toks[i].end
        && matches!(w, "st" | "nd" | "rd" | "th" | "er")
    {
        end += 1;
    } else if matches!(punct(toks, end), Some('º' | '°')) && toks[end].start == toks[i].end {
        end += 1;
    }
    Some((v as u32, end))
}

/// After a day number ending at `j`: the end of a day range's second day ("19-20 April",
/// «15 و16 مارس», «من 15 إلى 17 مارس», "19 to 21 May"), else `j`. The range's first day is the
/// date reported (when the meeting started).
pub(super) fn range_end(t: &str, toks: &[Tok], j: usize) -> usize {
    let joined = matches!(punct(toks, j), Some('-' | '–' | '—' | '/'))
        || matches!(
            word(t, toks, j),
            Some("و" | "الي" | "حتي" | "to" | "and" | "e" | "al" | "through")
        );
    if joined
        && num(toks, j + 1).is_some()
        && let Some((_, end)) = day_at(t, toks, j + 1)
        && num(toks, end).is_none()
    {
        // "19/20" followed by a month is a range; "19/04/2021" never reaches here (numeric).
        return end;
    }
    j
}

/// A four-digit year at `i` with an optional era marker after it; returns (year, index after).
pub(super) fn year_at(t: &str, toks: &[Tok], i: usize, cal: Cal) -> Option<(u32, usize)> {
    let (v, n) = num(toks, i)?;
    if n != 4 {
        return None;
    }
    // A year followed by more digit groups ("2021-04") is not a plain year.
    if matches!(punct(toks, i + 1), Some('/' | '.' | '-'))
        && toks[i + 1].start == toks[i].end
        && num(toks, i + 2).is_some()
        && toks[i + 2].start == toks[i + 1].end
    {
        return None;
    }
    let mut end = i + 1;
    if let Some(w) = word(t, toks, end) {
        let marker = match cal {
            Cal::Gregorian => matches!(w, "م" | "ميلادي" | "ميلاديه" | "للميلاد"),
            Cal::Hijri => matches!(w, "ه" | "هجري" | "هجريه" | "للهجره"),
        };
        if marker {
            end += 1;
        }
    }
    Some((v as u32, end))
}

pub(super) fn make(cal: Cal, y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    match cal {
        Cal::Gregorian => ymd(y, m, d),
        Cal::Hijri => hijri_to_gregorian(y, m, d),
    }
}

/// Words allowed between a month and its year: «عام 2021», «سنة 2021», "of 2021".
pub(super) fn year_filler(t: &str, toks: &[Tok], i: usize) -> usize {
    if matches!(punct(toks, i), Some(',' | '،')) {
        return i + 1;
    }
    match word(t, toks, i) {
        Some("عام" | "سنه" | "لعام" | "لسنه" | "من") => i + 1,
        _ => i,
    }
}

pub(super) fn match_at(
    t: &str,
    toks: &[Tok],
    i: usize,
    reference: Option<NaiveDate>,
) -> Option<Match> {
    if num(toks, i).is_some() {
        if let Some(m) = numeric_at(t, toks, i) {
            return Some(m);
        }
        return day_month_year_at(t, toks, i, reference);
    }
    if word(t, toks, i).is_some()
        && let Some(m) = day_month_year_at(t, toks, i, reference)
    {
        return Some(m);
    }
    month_first_at(t, toks, i, reference)
}

/// An Arabic ordinal day written in words and followed by «من»: «السادس من أكتوبر»,
/// «الحادي والعشرين من»، «الفاتح من سبتمبر». Returns (day, index after «من», is «الفاتح»).
pub(super) fn arabic_ordinal_day_at(t: &str, toks: &[Tok], i: usize) -> Option<(u32, usize, bool)> {
    const UNITS: [&str; 9] = [
        "الاول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
    ];
    let unit = |w: &str| -> Option<u32> {
        match w {
            "الفاتح" | "الحادي" => Some(1),
            _ => UNITS.iter().position(|u| *u == w).map(|p| p as u32 + 1),
        }
    };
    let w = word(t, toks, i)?;
    let next = word(t, toks, i + 1);
    let (day, end) = match (w, next) {
        ("العاشر", _) => (10, i + 1),
        ("العشرين" | "العشرون", _) => (20, i + 1),
        ("الثلاثين" | "الثلاثون", _) => (30, i + 1),
        (u, Some("عشر")) => (unit(u)? + 10, i + 2),
        (u, Some("والعشرين" | "والعشرون")) => (unit(u)? + 20, i + 2),
        (u, Some("والثلاثين" | "والثلاثون")) if unit(u)? == 1 => (31, i + 2),
        (u, _) => (unit(u)?, i + 1),
    };
    // «الحادي» alone is no day.
    if w == "الحادي" && end == i + 1 {
        return None;
    }
    (word(t, toks, end) == Some("من")).then_some((day, end + 1, w == "الفاتح"))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `DD/MM/YYYY`, `DD.MM.YYYY`, `DD-MM-YYYY` (written without spaces,
/// one separator kind, not part of a longer run of numbers).
pub(super) fn numeric_at(t: &str, toks: &[Tok], i: usize) -> Option<Match> {
    let adjacent = |a: usize, b: usize| toks[a].end == toks[b].start;
    let (a, an) = num(toks, i)?;
    let s1 = punct(toks, i + 1)?;
    if !matches!(s1, '-' | '/' | '.' | '_') || punct(toks, i + 3)? != s1 {
        return None;
    }
    let (b, bn) = num(toks, i + 2)?;
    let (c, cn) = num(toks, i + 4)?;
    if !(adjacent(i, i + 1)
        && adjacent(i + 1, i + 2)
        && adjacent(i + 2, i + 3)
        && adjacent(i + 3, i + 4))
    {
        return None;
    }
    // Not part of a longer run like 1.2.3.4.5 or an IP address.
    if i >= 2
        && num(toks, i - 2).is_some()
        && matches!(punct(toks, i - 1), Some('-' | '/' | '.' | '_' | ':'))
        && adjacent(i - 1, i)
        && adjacent(i - 2, i - 1)
    {
        return None;
    }
    if matches!(punct(toks, i + 5), Some('-' | '/' | '.' | '_' | ':'))
        && num(toks, i + 6).is_some()
        && adjacent(i + 4, i + 5)
        && adjacent(i + 5, i + 6)
    {
        return None;
    }
    let (a, b, c) = (a as u32, b as u32, c as u32);
    let date = if an == 4 && (1..=2).contains(&bn) && (1..=2).contains(&cn) {
        ymd(a, b, c)
    } else if (1..=2).contains(&an) && (1..=2).contains(&bn) && cn == 4 {
        ymd(c, b, a).or_else(|| ymd(c, a, b))
    } else {
        None
    }?;
    // «٢٠٢١/٤/١٩م»: the Gregorian marker belongs to the date.
    let end = if word(t, toks, i + 5) == Some("م") && adjacent(i + 4, i + 5) {
        i + 6
    } else {
        i + 5
    };
    Some(Match {
        date: Some(date),
        precision: DatePrecision::Day,
        end,
    })
}

/// Day, month name, year: «13 يونيو/حزيران 2011», "22nd, July 2025", «10 شعبان 1447 هـ».
pub(super) fn day_month_year_at(
    t: &str,
    toks: &[Tok],
    i: usize,
    reference: Option<NaiveDate>,
) -> Option<Match> {
    let (day, mut j, fatih) = match day_at(t, toks, i) {
        Some((day, j)) => (day, range_end(t, toks, j), false),
        None => arabic_ordinal_day_at(t, toks, i)?,
    };
    // Fillers between day and month: "22nd, July", «9 من سبتمبر», "22nd of July".
    if matches!(punct(toks, j), Some(',' | '،')) {
        j += 1;
    }
    if matches!(word(t, toks, j), Some("من" | "of" | "de" | "di")) {
        j += 1;
    }
    // «28/سبتمبر/2020», "28-Sep-2020": a month name between separators, year after the second.
    let slashed = matches!(punct(toks, j), Some('/' | '-'))
        && match_month(t, toks, j + 1).is_some_and(|mm| {
            matches!(punct(toks, mm.end), Some('/' | '-')) && num(toks, mm.end + 1).is_some()
        });
    if slashed {
        j += 1;
    }
    let mm = match_month(t, toks, j)?;
    if slashed && let Some((y, end)) = year_at(t, toks, mm.end + 1, mm.info.cal) {
        return Some(Match {
            date: make(mm.info.cal, y, mm.info.month, day),
            precision: DatePrecision::Day,
            end,
        });
    }
    // «الفاتح من سبتمبر» without a year is the 1969 revolution, not a date in the article's year.
    if fatih && year_at(t, toks, year_filler(t, toks, mm.end), mm.info.cal).is_none() {
        return None;
    }
    let k = year_filler(t, toks, mm.end);
    if let Some((y, end)) = year_at(t, toks, k, mm.info.cal) {
        // An impossible date (31 February) is consumed whole and yields nothing, so that its
        // month and year are not read again as "February 2021".
        return Some(Match {
            date: make(mm.info.cal, y, mm.info.month, day),
            precision: DatePrecision::Day,
            end,
        });
    }
    // French names («mars», «mai») need a year, or a weekday before the day: «mardi 23 mars».
    let after_weekday = i > 0
        && word(t, toks, i - 1).is_some_and(|w| crate::text::relative::weekday_name(w).is_some());
    if (mm.info.need == Need::Nothing || mm.info.need == Need::Year && after_weekday)
        && mm.info.cal == Cal::Gregorian
    {
        let date = nearest_year(mm.info.month, day, reference?)?;
        return Some(Match {
            date: Some(date),
            precision: DatePrecision::Day,
            end: mm.end,
        });
    }
    None
}

/// Month first: "July 22, 2025", «فبراير 28, 2025», "April 2021", "Aug. 4" (with a reference).
pub(super) fn month_first_at(
    t: &str,
    toks: &[Tok],
    i: usize,
    reference: Option<NaiveDate>,
) -> Option<Match> {
    // A month right after a number that was no valid day ("45 يونيو 2021") is no date either.
    if i > 0 && num(toks, i - 1).is_some_and(|(_, n)| n <= 2) {
        return None;
    }
    let mm = match_month(t, toks, i)?;
    if mm.info.cal != Cal::Gregorian || mm.info.need == Need::DayAndYear {
        return None;
    }
    // "Theresa May 12 times": "May" after a capitalised name is a surname.
    if &t[toks[i].start..toks[i].end] == "may"
        && i > 0
        && toks[i - 1].capital
        && word(t, toks, i - 1).is_some_and(|w| !EN_WEEKDAYS.contains(&w))
    {
        return None;
    }
    if let Some((day, j)) = day_at(t, toks, mm.end) {
        let j = range_end(t, toks, j);
        let k = if matches!(punct(toks, j), Some(',' | '،')) {
            j + 1
        } else {
            j
        };
        if let Some((y, end)) = year_at(t, toks, k, Cal::Gregorian) {
            return Some(Match {
                date: ymd(y, mm.info.month, day),
                precision: DatePrecision::Day,
                end,
            });
        }
        // "Aug. 4" followed by something that is not a year (Latin-script months only: Arabic
        // text writes the day first, and «آب 4» is more likely "father" and a number).
        let latin = t[toks[i].start..toks[i].end].is_ascii();
        if mm.info.need == Need::Nothing
            && latin
            && num(toks, j).is_none()
            && let Some(r) = reference
        {
            let date = nearest_year(mm.info.month, day, r)?;
            return Some(Match {
                date: Some(date),
                precision: DatePrecision::Day,
                end: j,
            });
        }
        return None;
    }
    let k = year_filler(t, toks, mm.end);
    let (y, end) = year_at(t, toks, k, Cal::Gregorian)?;
    let date = ymd(y, mm.info.month, 1)?;
    Some(Match {
        date: Some(date),
        precision: DatePrecision::Month,
        end,
    })
}
