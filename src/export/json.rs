//! JSON (RFC 8259): UTF-8 without a byte-order mark (RFC 8259 §8.1 forbids adding one).
//!
//! [`write_array`] writes one pretty-printed array; [`write_lines`] writes JSON Lines
//! (<https://jsonlines.org>): one compact object per meeting, each followed by `\n`. Both use the
//! same object:
//!
//! ```json
//! { "id": 1, "date": "2021-04-19", "date_precision": "day", "status": "held", "kind": "host",
//!   "cameo_code": "043", "title": "Mazen – Lamorgese (Tripoli)",
//!   "place": { "key": "tripoli", "name_en": "Tripoli", "name_ar": "طرابلس", "lat": 32.8872, "lon": 13.1913 },
//!   "participants": [ { "key": "khaled_mazen", "name_en": "Khaled Mazen", "name_ar": "خالد مازن",
//!       "as_written": "خالد مازن", "role": "Minister of Interior", "body": { "key": …, "name_en": …, "name_ar": … },
//!       "country": "LY", "country_name": "Libya", "side": "libya", "needs_review": false,
//!       "label": "Khaled Mazen (Minister of Interior, …, Libya)" } ],
//!   "topics": [ { "key": "migration", "name_en": "Migration", "name_ar": "الهجرة" } ],
//!   "articles": [ { "id": 3, "headline": "…", "url": null } ],
//!   "headline": "…", "confidence": 0.9, "weekday_conflict": false }
//! ```
//!
//! `date` is the stored date (a month-precision date is the 1st of the month); `date_precision`
//! says which parts are real. `weekday_conflict` is true when the text states a weekday that
//! contradicts the date. Unknown values are `null`.

use super::labels;
use super::{ExportError, ExportLookup, ExportSummary};
use crate::model::Side;
use crate::query::{EntityRef, TimelineMeeting};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct JsonMeeting<'a> {
    id: i64,
    date: Option<NaiveDate>,
    date_precision: Option<&'static str>,
    status: &'static str,
    kind: &'static str,
    cameo_code: &'static str,
    title: String,
    place: Option<JsonPlace<'a>>,
    participants: Vec<JsonParticipant<'a>>,
    topics: &'a [EntityRef],
    articles: Vec<JsonArticle>,
    headline: &'a str,
    confidence: f32,
    weekday_conflict: bool,
}

#[derive(Serialize)]
struct JsonPlace<'a> {
    key: &'a str,
    name_en: &'a str,
    name_ar: &'a str,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Serialize)]
struct JsonParticipant<'a> {
    key: &'a str,
    name_en: &'a str,
    name_ar: &'a str,
    as_written: &'a str,
    role: &'a str,
    body: Option<&'a EntityRef>,
    country: &'a str,
    country_name: Option<String>,
    side: Side,
    needs_review: bool,
    label: String,
}

#[derive(Serialize)]
struct JsonArticle {
    id: i64,
    headline: Option<String>,
    url: Option<String>,
}

fn meeting<'a>(m: &'a TimelineMeeting, lookup: &dyn ExportLookup) -> JsonMeeting<'a> {
    JsonMeeting {
        id: m.id,
        date: m.date,
        date_precision: m.date.map(|_| m.precision.map_or("day", |p| p.as_str())),
        status: m.status.as_str(),
        kind: m.kind.as_str(),
        cameo_code: m.kind.cameo_code(),
        title: labels::meeting_title(m),
        place: m.place.as_ref().map(|p| {
            let c = lookup.coordinates(&p.key);
            JsonPlace {
                key: &p.key,
                name_en: &p.name_en,
                name_ar: &p.name_ar,
                lat: c.map(|c| c.lat),
                lon: c.map(|c| c.lon),
            }
        }),
        participants: labels::participants_in_order(m)
            .into_iter()
            .map(|p| JsonParticipant {
                key: &p.person.key,
                name_en: &p.person.name_en,
                name_ar: &p.person.name_ar,
                as_written: &p.as_written,
                role: &p.role,
                body: p.body.as_ref(),
                country: &p.country,
                country_name: lookup.country_name(&p.country),
                side: p.side,
                needs_review: p.needs_review,
                label: labels::participant_label(p, lookup),
            })
            .collect(),
        topics: &m.topics,
        articles: articles(m, lookup),
        headline: &m.headline,
        confidence: m.confidence,
        weekday_conflict: m.weekday_conflict,
    }
}

/// The reporting articles: headline and URL from the lookup; without it, the row's headline for
/// the first article (the row's headline is the first article's) and `null` for the others.
fn articles(m: &TimelineMeeting, lookup: &dyn ExportLookup) -> Vec<JsonArticle> {
    m.article_ids
        .iter()
        .enumerate()
        .map(|(i, &id)| match lookup.article(id) {
            Some(a) => JsonArticle {
                id,
                headline: Some(a.headline),
                url: a.url,
            },
            None => JsonArticle {
                id,
                headline: (i == 0 && !m.headline.is_empty()).then(|| m.headline.clone()),
                url: None,
            },
        })
        .collect()
}

/// Writes all rows as one pretty-printed JSON array followed by a newline.
pub(super) fn write_array(
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    out: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), ExportError> {
    let all: Vec<JsonMeeting<'_>> = rows.iter().map(|m| meeting(m, lookup)).collect();
    serde_json::to_writer_pretty(&mut *out, &all)?;
    out.write_all(b"\n")?;
    summary.written += all.len();
    Ok(())
}

/// Writes one compact JSON object per row, each followed by `\n`.
pub(super) fn write_lines(
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    out: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), ExportError> {
    for m in rows {
        serde_json::to_writer(&mut *out, &meeting(m, lookup))?;
        out.write_all(b"\n")?;
        summary.written += 1;
    }
    Ok(())
}
