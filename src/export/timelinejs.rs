//! Knight Lab TimelineJS3 JSON (<https://timeline.knightlab.com/docs/json-format.html>): what
//! `new TL.Timeline(id, data)` loads as is.
//!
//! ```json
//! { "title": { "text": { "headline": "Libyan–European meetings", "text": "<p>…</p>" } },
//!   "events": [ { "start_date": { "year": "2021", "month": "4", "day": "19" },
//!                 "text": { "headline": "Mazen – Lamorgese (Tripoli)", "text": "<p>…</p>" },
//!                 "group": "Italy", "unique_id": "meeting-189e5c3b0076c139" } ] }
//! ```
//!
//! Dates are what TimelineJS got wrong for others (`shared/cases/exports-backups-limits.md` C2):
//! parts are strings, months are 1–12 (never zero-based), a month-precision date has no `day`, a
//! year-precision one only `year`; there is never an `end_date` (a meeting is one day, and an
//! empty or partial `end_date` shows as "January 1, 0"); undated meetings are left out and counted
//! in [`ExportSummary::skipped_undated`] instead of getting a made-up date.
//!
//! `headline` and `text` are HTML to TimelineJS, so all archive text in them is escaped
//! ([`markup::escape_html`]) and only http/https URLs become links; text that starts in Arabic
//! (an Arabic headline, every line of an Arabic export) gets `dir="rtl"` so it reads right to left. `group` is the first European participant's country
//! (by the lookup's name), else the first topic. `unique_id` is the meeting's stable id
//! (`meeting-<16 hex digits>`, as in the iCalendar UID), safe in a URL fragment, and unique in
//! the file (a repeated one gets `-2`, `-3`).

use super::markup::{escape_html, linkable_url, text_dir};
use super::report::{self, MeetingFacts};
use super::{ExportError, ExportLookup, ExportOptions, ExportSummary, ReportLang, labels};
use crate::model::{DatePrecision, Side};
use crate::query::TimelineMeeting;
use chrono::Datelike;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Timeline {
    title: Slide,
    events: Vec<Event>,
}

#[derive(Serialize)]
struct Slide {
    text: SlideText,
}

#[derive(Serialize)]
struct SlideText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct Event {
    start_date: TlDate,
    text: SlideText,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    unique_id: String,
}

/// A TimelineJS date: decimal strings, `month` 1–12; parts finer than the precision are absent.
#[derive(Serialize, Debug, PartialEq, Eq)]
struct TlDate {
    year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
}

/// The date object of a dated row, to its precision; `None` for an undated one.
fn start_date(m: &TimelineMeeting) -> Option<TlDate> {
    let d = m.date?;
    let precision = m.precision.unwrap_or(DatePrecision::Day);
    let month = (precision != DatePrecision::Year).then(|| d.month().to_string());
    let day = (precision == DatePrecision::Day).then(|| d.day().to_string());
    Some(TlDate {
        year: d.year().to_string(),
        month,
        day,
    })
}

/// Writes the timeline, pretty-printed, followed by a newline.
pub(super) fn write(
    options: &ExportOptions,
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    out: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), ExportError> {
    let lang = options.language;
    let mut events = Vec::new();
    let mut used_ids = std::collections::HashSet::new();
    for m in rows {
        let Some(start_date) = start_date(m) else {
            summary.skipped_undated += 1;
            continue;
        };
        let facts = report::facts(m, lang, lookup);
        // TimelineJS wants unique ids; two rows of one meeting key (should never happen) get a
        // suffix rather than break the timeline.
        let mut unique_id = facts.stable_id.clone();
        let mut n = 1;
        while !used_ids.insert(unique_id.clone()) {
            n += 1;
            unique_id = format!("{}-{n}", facts.stable_id);
        }
        events.push(Event {
            start_date,
            text: SlideText {
                headline: directed(&facts.title),
                text: event_text(&facts, lang),
            },
            group: group(m, lang, lookup),
            unique_id,
        });
        summary.written += 1;
    }
    let timeline = Timeline {
        title: Slide {
            text: SlideText {
                headline: escape_html(report::words(lang).title),
                text: title_text(options, rows),
            },
        },
        events,
    };
    serde_json::to_writer_pretty(&mut *out, &timeline)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Escaped text, wrapped in `<span dir="rtl">` when it starts in Arabic.
fn directed(text: &str) -> String {
    if text_dir(text) == "rtl" {
        format!("<span dir=\"rtl\">{}</span>", escape_html(text))
    } else {
        escape_html(text)
    }
}

/// A list's opening tag: in an Arabic export the bullets stand on the right, beside the text.
fn list_open(lang: ReportLang) -> &'static str {
    match lang {
        ReportLang::Ar => "<ul dir=\"rtl\" style=\"text-align:right\">",
        ReportLang::En => "<ul>",
    }
}

/// A paragraph of escaped text whose direction follows its first letter. A right-to-left one is
/// also aligned right inline: TimelineJS's stylesheet aligns slide paragraphs left explicitly,
/// which `dir` alone does not override.
fn paragraph(text: &str) -> String {
    match text_dir(text) {
        "rtl" => format!(
            "<p dir=\"rtl\" style=\"text-align:right\">{}</p>",
            escape_html(text)
        ),
        dir => format!("<p dir=\"{dir}\">{}</p>", escape_html(text)),
    }
}

/// The title slide's text: the filter line, the counts and the export time.
fn title_text(options: &ExportOptions, rows: &[TimelineMeeting]) -> String {
    let lang = options.language;
    let w = report::words(lang);
    let mut text = String::new();
    if let Some(filter) = options.filter_description.as_deref()
        && !filter.trim().is_empty()
    {
        text.push_str(&paragraph(&format!("{}: {}", w.filters, filter.trim())));
    }
    text.push_str(&paragraph(&report::count_line(lang, rows)));
    text.push_str(&paragraph(&format!(
        "{}: {}",
        w.exported,
        report::exported_at(options)
    )));
    text
}

/// One event's text: date note, place, participants, topics, status and kind, the weekday
/// warning, and the sources as links.
fn event_text(f: &MeetingFacts, lang: ReportLang) -> String {
    let w = report::words(lang);
    let mut text = String::new();
    let mut line = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            text.push_str(&paragraph(&format!("{label}: {value}")));
        }
    };
    if let Some(note) = f.precision_note {
        line(w.date, &format!("{} ({note})", f.date));
    }
    if f.weekday_conflict {
        line(w.date, &format!("{} — ⚠ {}", f.date, w.weekday_conflict));
    }
    line(w.place, f.place.as_deref().unwrap_or(""));
    line(w.topics, &f.topics);
    line(w.status, &format!("{} · {}", f.status, f.kind));
    if !f.participants.is_empty() {
        // One item each, isolated, so a Latin label and an Arabic name keep their own order.
        text.push_str(&paragraph(&format!("{}:", w.participants)));
        text.push_str(list_open(lang));
        for p in &f.participants {
            text.push_str(&format!(
                "<li dir=\"{}\"><bdi>{}</bdi></li>",
                text_dir(p),
                escape_html(p)
            ));
        }
        text.push_str("</ul>");
    }
    if !f.sources.is_empty() {
        text.push_str(&paragraph(&format!("{}:", w.sources)));
        text.push_str(list_open(lang));
        for a in &f.sources {
            let headline = a.headline.trim();
            let dir = text_dir(headline);
            let shown = escape_html(headline);
            match a.url.as_deref().and_then(linkable_url) {
                Some(url) => text.push_str(&format!(
                    "<li dir=\"{dir}\"><a href=\"{}\" target=\"_blank\" rel=\"noopener noreferrer\">{shown}</a></li>",
                    escape_html(url)
                )),
                None => {
                    let url = a.url.as_deref().map(str::trim).unwrap_or("");
                    let tail = if url.is_empty() {
                        String::new()
                    } else {
                        format!(" <span dir=\"ltr\">{}</span>", escape_html(url))
                    };
                    text.push_str(&format!("<li dir=\"{dir}\">{shown}{tail}</li>"));
                }
            }
        }
        text.push_str("</ul>");
    }
    if lang == ReportLang::Ar {
        format!("<div dir=\"rtl\" lang=\"ar\">{text}</div>")
    } else {
        text
    }
}

/// The event's group: the first European participant's country name (the lookup's, else the
/// code), else the first topic's label in `lang`; `None` when neither is known.
fn group(m: &TimelineMeeting, lang: ReportLang, lookup: &dyn ExportLookup) -> Option<String> {
    let country = m
        .participants
        .iter()
        .filter(|p| p.side == Side::Europe)
        .map(|p| p.country.trim())
        .find(|c| !c.is_empty())
        .map(|code| {
            lookup
                .country_name(code)
                .unwrap_or_else(|| code.to_string())
        });
    country
        .or_else(|| {
            m.topics.first().map(|t| match lang {
                ReportLang::En => labels::name_en(t).trim().to_string(),
                ReportLang::Ar => labels::name_ar(t).trim().to_string(),
            })
        })
        .filter(|g| !g.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingKind, MeetingStatus};
    use chrono::NaiveDate;

    fn row(date: Option<(i32, u32, u32)>, precision: Option<DatePrecision>) -> TimelineMeeting {
        TimelineMeeting {
            id: 1,
            key: "1/a+b".into(),
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            precision,
            place: None,
            kind: MeetingKind::Consult,
            status: MeetingStatus::Held,
            participants: vec![],
            topics: vec![],
            article_ids: vec![1],
            headline: "h".into(),
            confidence: 0.5,
            weekday_conflict: false,
        }
    }

    #[test]
    fn dates_carry_only_their_known_parts_with_months_from_one() {
        let d = |y: &str, m: Option<&str>, day: Option<&str>| TlDate {
            year: y.into(),
            month: m.map(Into::into),
            day: day.map(Into::into),
        };
        assert_eq!(
            start_date(&row(Some((2021, 5, 20)), Some(DatePrecision::Day))),
            Some(d("2021", Some("5"), Some("20")))
        );
        assert_eq!(
            start_date(&row(Some((2021, 1, 1)), None)),
            Some(d("2021", Some("1"), Some("1")))
        );
        assert_eq!(
            start_date(&row(Some((2021, 5, 1)), Some(DatePrecision::Month))),
            Some(d("2021", Some("5"), None))
        );
        assert_eq!(
            start_date(&row(Some((2021, 12, 1)), Some(DatePrecision::Year))),
            Some(d("2021", None, None))
        );
        assert_eq!(start_date(&row(None, None)), None);
    }
}
