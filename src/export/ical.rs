//! iCalendar (RFC 5545): one VCALENDAR with one all-day VEVENT per dated meeting.
//!
//! Why our own serializer and not the `icalendar` crate (0.17.17, checked November 2026): its line
//! folding lets the last continuation line of a long value reach 76 octets (a 75-octet remainder
//! plus the leading space), breaking RFC 5545 §3.1's 75-octet limit — an Arabic SUMMARY of about
//! 130 bytes triggers it — and its `all_day` writes DTEND equal to DTSTART, an empty event, where
//! RFC 5545 §3.6.1 wants DTEND after DTSTART (or none: a DATE DTSTART alone lasts one day). What
//! we need is small: CRLF lines, TEXT escaping (§3.3.11) and folding (§3.1), below.
//!
//! Per meeting:
//! - `UID:meeting-<16 hex digits>@arshif`, from the SHA-256 of the meeting's identity
//!   ([`TimelineMeeting::key`]), so it survives re-extraction (a corrected article date, a
//!   gazetteer change) and re-importing the file into a calendar updates instead of duplicating;
//! - `DTSTAMP` from [`ExportOptions::generated_at`] (required, §3.8.7.2);
//! - `DTSTART;VALUE=DATE`; a day-precision meeting has no DTEND (one day), a month- or
//!   year-precision one spans its month or year (`DTEND` exclusive, the first day after);
//! - `SUMMARY` "Mazen – Lamorgese (Tripoli)" ([`labels::meeting_title`]), `LOCATION` "Tripoli (طرابلس)",
//!   `GEO:lat;lon` when the lookup knows the place's coordinates (§3.8.1.6);
//! - `STATUS:CONFIRMED` for held meetings, `TENTATIVE` for announced ones;
//! - `CATEGORIES;LANGUAGE=en` / `CATEGORIES;LANGUAGE=ar` with the topic labels;
//! - `DESCRIPTION` listing participants, topics, kind, a warning when the text's weekday
//!   contradicts the date (the timeline's weekday conflict), and the reporting articles' headlines.
//!
//! Undated meetings are skipped and counted in [`ExportSummary::skipped_undated`].

use super::labels;
use super::{ExportError, ExportLookup, ExportOptions, ExportSummary};
use crate::model::{DatePrecision, MeetingStatus};
use crate::query::{EntityRef, TimelineMeeting};
use chrono::{Datelike, Months, NaiveDate, Utc};
use std::io::Write;

/// Longest physical line, in octets, without the CRLF (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` → `\\`, `;` → `\;`, `,` → `\,`, a line break
/// (CRLF, CR or LF) → `\n`. Other control characters, which TEXT may not hold, are dropped;
/// horizontal tab is kept.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line (RFC 5545 §3.1): physical lines of at most 75 octets, continuation lines
/// starting with one space, each line ended by CRLF. Cuts fall on UTF-8 character boundaries only,
/// so every physical line is valid UTF-8 on its own (the RFC allows cutting inside a character, but
/// many readers then fail).
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 30 + 2);
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // Continuation lines carry the leading space: one octet less for content.
        limit = MAX_LINE_OCTETS - 1;
    }
}

/// Writes the calendar.
pub(super) fn write(
    options: &ExportOptions,
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    out: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), ExportError> {
    let stamp = options
        .generated_at
        .unwrap_or_else(Utc::now)
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut put = |line: &str| out.write_all(fold_line(line).as_bytes());
    put("BEGIN:VCALENDAR")?;
    put("VERSION:2.0")?;
    put(&format!(
        "PRODID:-//Arshif//Arshif {}//EN",
        env!("CARGO_PKG_VERSION")
    ))?;
    put("CALSCALE:GREGORIAN")?;
    for m in rows {
        let Some(date) = m.date else {
            summary.skipped_undated += 1;
            continue;
        };
        let precision = m.precision.unwrap_or(DatePrecision::Day);
        let (start, end) = span(date, precision);
        put("BEGIN:VEVENT")?;
        put(&format!("UID:{}", uid(m)))?;
        put(&format!("DTSTAMP:{stamp}"))?;
        put(&format!("DTSTART;VALUE=DATE:{}", start.format("%Y%m%d")))?;
        if let Some(end) = end {
            put(&format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")))?;
        }
        put(&format!(
            "SUMMARY:{}",
            escape_text(&labels::meeting_title(m))
        ))?;
        if let Some(place) = &m.place {
            let (en, ar) = (labels::name_en(place).trim(), place.name_ar.trim());
            let location = if ar.is_empty() || ar == en {
                en.to_string()
            } else {
                format!("{en} ({ar})")
            };
            put(&format!("LOCATION:{}", escape_text(&location)))?;
            if let Some(c) = lookup.coordinates(&place.key)
                && c.lat.is_finite()
                && c.lon.is_finite()
            {
                put(&format!("GEO:{};{}", c.lat, c.lon))?;
            }
        }
        put(match m.status {
            MeetingStatus::Held => "STATUS:CONFIRMED",
            MeetingStatus::Announced => "STATUS:TENTATIVE",
            // RFC 5545 §3.8.1.11: a VEVENT that will not take place.
            MeetingStatus::Cancelled => "STATUS:CANCELLED",
        })?;
        if !m.topics.is_empty() {
            let list = |label: fn(&EntityRef) -> &str| {
                m.topics
                    .iter()
                    .map(|t| escape_text(label(t)))
                    .collect::<Vec<_>>()
                    .join(",")
            };
            put(&format!("CATEGORIES;LANGUAGE=en:{}", list(labels::name_en)))?;
            put(&format!("CATEGORIES;LANGUAGE=ar:{}", list(labels::name_ar)))?;
        }
        put(&format!(
            "DESCRIPTION:{}",
            escape_text(&description(m, precision, lookup))
        ))?;
        put("END:VEVENT")?;
        summary.written += 1;
    }
    put("END:VCALENDAR")?;
    Ok(())
}

/// First day and exclusive end of the period a date stands for; `None` end for a single day.
fn span(date: NaiveDate, precision: DatePrecision) -> (NaiveDate, Option<NaiveDate>) {
    match precision {
        DatePrecision::Day => (date, None),
        DatePrecision::Month => {
            let first = date.with_day(1).unwrap_or(date);
            (first, first.checked_add_months(Months::new(1)))
        }
        DatePrecision::Year => {
            let first = NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date);
            (first, NaiveDate::from_ymd_opt(date.year() + 1, 1, 1))
        }
    }
}

/// The event's DESCRIPTION, plain text with line breaks (escaped by the caller).
fn description(m: &TimelineMeeting, precision: DatePrecision, lookup: &dyn ExportLookup) -> String {
    let mut d = String::new();
    let people = labels::participants_in_order(m);
    if !people.is_empty() {
        d.push_str("Participants:\n");
        for p in people {
            d.push_str("- ");
            d.push_str(&labels::participant_label(p, lookup));
            let ar = labels::name_ar(&p.person).trim();
            if !ar.is_empty() && ar != labels::name_en(&p.person).trim() {
                d.push_str(" — ");
                d.push_str(ar);
            }
            d.push('\n');
        }
    }
    if !m.topics.is_empty() {
        d.push_str(&format!(
            "Topics: {} — {}\n",
            labels::topics_en(m),
            labels::topics_ar(m)
        ));
    }
    d.push_str(&format!(
        "Kind: {} (CAMEO {})\n",
        m.kind.as_str(),
        m.kind.cameo_code()
    ));
    match precision {
        DatePrecision::Day => {}
        DatePrecision::Month => d.push_str("Date known to the month only.\n"),
        DatePrecision::Year => d.push_str("Date known to the year only.\n"),
    }
    if m.status == MeetingStatus::Announced {
        d.push_str("Announced, not reported as held.\n");
    }
    if m.weekday_conflict {
        d.push_str("Check the date: the weekday the text states does not match it.\n");
    }
    if !m.article_ids.is_empty() {
        d.push_str("Articles:\n");
        for (i, &id) in m.article_ids.iter().enumerate() {
            let (headline, url) = match lookup.article(id) {
                Some(a) => (a.headline, a.url),
                None if i == 0 => (m.headline.clone(), None),
                None => (format!("article {id}"), None),
            };
            d.push_str("- ");
            d.push_str(headline.trim());
            if let Some(url) = url {
                d.push_str(&format!(" <{url}>"));
            }
            d.push('\n');
        }
    }
    d.trim_end().to_string()
}

/// The event's `UID` (RFC 5545 §3.8.4.7): `meeting-<first 8 bytes of SHA-256(key) in hex>@arshif`.
pub fn uid(m: &TimelineMeeting) -> String {
    use sha2::{Digest, Sha256};
    let key = if m.key.is_empty() {
        format!("#{}", m.id)
    } else {
        m.key.clone()
    };
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("meeting-{hex}@arshif")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_the_rfc_5545_text_specials() {
        assert_eq!(
            escape_text("a,b;c\\d\r\ne\rf\ng\u{7}h\ti"),
            "a\\,b\\;c\\\\d\\ne\\nf\\ngh\ti"
        );
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_on_char_boundaries() {
        let headline =
            "مباحثات بين داخلية ليبيا وإيطاليا لدعم العلاقات الأمنية ومكافحة الهجرة غير الشرعية";
        // Every prefix length shifts where the cuts fall, through 1-, 2- and 4-byte characters.
        for pad in 0..80 {
            for tail in [headline.repeat(2), "😀 ".repeat(40)] {
                let line = format!("SUMMARY:{}{}", "a".repeat(pad), tail);
                let folded = fold_line(&line);
                assert!(folded.ends_with("\r\n"));
                let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
                assert!(physical.len() > 1);
                for (i, l) in physical.iter().enumerate() {
                    assert!(
                        l.len() <= MAX_LINE_OCTETS,
                        "line {i} has {} octets",
                        l.len()
                    );
                    if i > 0 {
                        assert!(l.starts_with(' '));
                    }
                }
                // Unfolding (RFC 5545 §3.1: remove CRLF + one whitespace) restores the line.
                assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
            }
        }
    }

    #[test]
    fn a_75_octet_remainder_is_folded_again() {
        // icalendar 0.17.17 writes this remainder as one 76-octet line (75 + the leading space).
        let line = format!("{}{}", "a".repeat(75), "b".repeat(75));
        assert_eq!(
            fold_line(&line),
            format!("{}\r\n {}\r\n b\r\n", "a".repeat(75), "b".repeat(74))
        );
        assert_eq!(fold_line("SHORT:x"), "SHORT:x\r\n");
    }

    #[test]
    fn month_and_year_dates_span_their_period() {
        let d = NaiveDate::from_ymd_opt(2021, 12, 1).unwrap();
        assert_eq!(
            span(d, DatePrecision::Month),
            (d, NaiveDate::from_ymd_opt(2022, 1, 1))
        );
        assert_eq!(
            span(d, DatePrecision::Year),
            (
                NaiveDate::from_ymd_opt(2021, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2022, 1, 1)
            )
        );
        assert_eq!(span(d, DatePrecision::Day), (d, None));
    }
}
