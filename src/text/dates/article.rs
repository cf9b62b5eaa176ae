//! The article's own date: dateline or lead, then file name, then a publication trailer;
//! or why it is undated.

use super::{FoundDate, date_from_file_name, find_dates};
use crate::model::{ArticleDate, DatePrecision, DateSource};
use crate::text::normalize::fold;
use crate::text::relative;
use chrono::NaiveDate;
use std::ops::Range;

/// How many characters of the body count as its lead when no paragraph break comes first.
const LEAD_CHARS: usize = 300;

/// The article date by the import's order of preference: dateline / explicit date in the headline
/// or lead ([`DateSource::Dateline`]), then a date in the file name ([`DateSource::FileName`]),
/// then a publication timestamp alone on one of the body's last lines, as agencies append it
/// ("5th August 2021, 12:18 GMT+10", [`DateSource::Body`]). (Front matter is handled by
/// `import`, which knows the fields.) `Err` carries a human sentence saying why the article is
/// undated, naming relative days («اليوم»), yearless dates ("Aug. 4") or later body dates it saw.
///
/// The lead is the body's first paragraph (line), or its first 300 characters when that paragraph
/// is shorter (a dateline often stands on its own short line), at most 600 characters. Dates later in the body are not taken:
/// they are usually other events. Within the headline and lead, a day-precise date wins over a
/// month-only one, and a date that starts a line or follows a publication marker («تاريخ النشر»,
/// "Published", a dateline dash) wins over one inside a sentence.
pub fn article_date(
    headline: &str,
    body: &str,
    file_name: Option<&str>,
) -> Result<ArticleDate, String> {
    let lead = lead_of(body);
    let mut candidates: Vec<(u8, FoundDate)> = Vec::new();
    // A month-only date counts in the headline or as a dateline, not inside a lead sentence
    // ("the agreement of April 2017").
    for f in find_dates(headline, None) {
        candidates.push((score(headline, &f), f));
    }
    for f in find_dates(lead, None) {
        let s = score(lead, &f);
        if f.precision == DatePrecision::Day || s >= 6 {
            candidates.push((s, f));
        }
    }
    // Highest score, then first in reading order (stable sort keeps order).
    candidates.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    if let Some((_, f)) = candidates.first() {
        return Ok(ArticleDate {
            date: f.date,
            precision: f.precision,
            source: DateSource::Dateline,
        });
    }
    if let Some(f) = file_name.and_then(date_from_file_name) {
        return Ok(ArticleDate {
            date: f.date,
            precision: f.precision,
            source: DateSource::FileName,
        });
    }
    if let Some(f) = trailer_date(body) {
        return Ok(ArticleDate {
            date: f.date,
            precision: f.precision,
            source: DateSource::Body,
        });
    }
    let mut reason = String::from("no date in the headline, the lead or the file name");
    // A day-month without a year ("Aug. 4", «lo scorso 19 aprile»).
    let yearless = yearless_in(headline).or_else(|| yearless_in(body));
    if let Some(s) = &yearless {
        reason.push_str(&format!("; «{s}» has no year"));
    }
    let rel = relative::find_relative_days(headline)
        .into_iter()
        .map(|r| headline[r.span].to_string())
        .chain(
            relative::find_relative_days(body)
                .into_iter()
                .map(|r| body[r.span].to_string()),
        )
        .next();
    let later: Vec<FoundDate> = find_dates(body, None)
        .into_iter()
        .filter(|f| f.span.start >= lead.len())
        .collect();
    match (&rel, later.first()) {
        (Some(word), None) => {
            reason.push_str(&format!("; the body only has relative days like «{word}»"));
        }
        (Some(word), Some(_)) => {
            reason.push_str(&format!("; the body has relative days like «{word}»"));
        }
        (None, None) if yearless.is_none() => {
            reason.push_str("; the text has no date or relative day at all");
        }
        _ => {}
    }
    if let Some(f) = later.first() {
        reason.push_str(&format!(
            "; «{}» later in the body is likely another event, not the publication date",
            &body[f.span.clone()]
        ));
    }
    Err(reason)
}

/// A publication timestamp standing on its own line among the body's last three non-empty lines
/// ("Xinhua\n5th August 2021, 12:18 GMT+10"): the line holds the date and nothing but a time,
/// a time zone or a publication marker.
fn trailer_date(body: &str) -> Option<FoundDate> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        if !line.trim().is_empty() {
            lines.push((pos, line));
        }
        pos += line.len();
    }
    for &(start, line) in lines.iter().rev().take(3) {
        let found = find_dates(line, None);
        let [f] = found.as_slice() else { continue };
        if f.precision != DatePrecision::Day {
            continue;
        }
        let rest = fold(&format!(
            "{} {}",
            &line[..f.span.start],
            &line[f.span.end..]
        ));
        let only_time = rest.split(|c: char| !c.is_alphanumeric()).all(|w| {
            w.is_empty()
                || w.bytes().all(|b| b.is_ascii_digit())
                || matches!(
                    w,
                    "gmt"
                        | "utc"
                        | "cet"
                        | "cest"
                        | "am"
                        | "pm"
                        | "ص"
                        | "م"
                        | "published"
                        | "updated"
                        | "posted"
                        | "on"
                        | "at"
                        | "pubblicato"
                        | "aggiornato"
                        | "il"
                        | "alle"
                        | "نشر"
                        | "في"
                        | "تاريخ"
                        | "النشر"
                        | "اخر"
                        | "تحديث"
                        | "الساعه"
                )
        });
        if only_time {
            return Some(FoundDate {
                span: start + f.span.start..start + f.span.end,
                ..f.clone()
            });
        }
    }
    None
}

/// The body's lead: its first paragraph (plain-text articles put one paragraph per line) or its
/// first [`LEAD_CHARS`] characters, whichever is longer, but never more than twice
/// [`LEAD_CHARS`] (a whole article on one line is no lead).
fn lead_of(body: &str) -> &str {
    let body_trim_start = body.len() - body.trim_start().len();
    let rest = &body[body_trim_start..];
    let para_end = rest.find('\n').unwrap_or(rest.len());
    let chars_end = rest
        .char_indices()
        .nth(LEAD_CHARS)
        .map_or(rest.len(), |(p, _)| p);
    let cap = rest
        .char_indices()
        .nth(LEAD_CHARS * 2)
        .map_or(rest.len(), |(p, _)| p);
    let end = para_end.max(chars_end).min(cap);
    &body[..body_trim_start + end]
}

/// Strength of a headline/lead date as a publication date: 3 when it stands at the start of a
/// line or after a publication marker, 2 inside text; +1 for day precision.
fn score(text: &str, f: &FoundDate) -> u8 {
    let before = &text[..f.span.start];
    let line_before = before.rsplit('\n').next().unwrap_or("");
    let folded = fold(line_before);
    let trimmed = folded.trim();
    let markers = [
        "تاريخ النشر",
        "نشر في",
        "نشر بتاريخ",
        "اخر تحديث",
        "محدث",
        "published",
        "updated",
        "posted",
        "pubblicato",
        "aggiornato",
    ];
    let at_line_start = trimmed.is_empty()
        || markers.iter().any(|m| trimmed.contains(&fold(m)))
        || trimmed.ends_with(['–', '—', '-', ':', '|'])
        || trimmed.chars().count() <= 20;
    let base = if at_line_start { 3 } else { 2 };
    base * 2 + u8::from(f.precision == DatePrecision::Day)
}

/// The first day-month expression without a year in `text`, as written there.
fn yearless_in(text: &str) -> Option<String> {
    // Dated against an arbitrary reference, a yearless date shows up; explicit ones do not.
    let with_ref = find_dates(text, NaiveDate::from_ymd_opt(2000, 6, 15));
    let without: Vec<Range<usize>> = find_dates(text, None).into_iter().map(|f| f.span).collect();
    with_ref
        .into_iter()
        .find(|f| !without.contains(&f.span))
        .map(|f| text[f.span].to_string())
}
