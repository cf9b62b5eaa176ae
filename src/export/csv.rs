//! CSV per RFC 4180: one header line, one record per meeting, CRLF line ends, fields holding a
//! comma, a double quote, CR or LF enclosed in double quotes with inner quotes doubled (the `csv`
//! crate's `QuoteStyle::Necessary`).
//!
//! Encoding is UTF-8. Microsoft Excel opens a UTF-8 CSV without a byte-order mark in the system's
//! ANSI code page, which turns Arabic into mojibake; with the mark (EF BB BF) it reads UTF-8. Other
//! readers may take the mark as part of the first header ("\u{feff}date"), so the BOM is a choice:
//! [`super::Format::CsvExcel`] writes it, [`super::Format::Csv`] does not
//! (see `shared/cases/export-spreadsheet.md`).
//!
//! The spreadsheet variant also defuses formula injection (OWASP "CSV Injection"): a text cell that
//! starts with `=`, `+`, `-`, `@`, tab or CR would be run by Excel as a formula, and headlines come
//! from web pages anyone can write, so such a cell gets a leading `'`. The plain variant writes every
//! value unchanged.
//!
//! The spreadsheet variant also keeps codes and ids as text. Excel and LibreOffice Calc read any
//! cell that looks like a number as one when they open a CSV, so `cameo_code` 043 became 43 (the
//! leading-zero loss known from ICEWS data), an article id became a number, and a month-precision
//! date `2021-04` a full date. Such cells are written as the formula `="043"`, which both evaluate
//! to the text 043 (a leading `'` is not a text marker in a CSV: Excel shows it as part of the
//! cell, which is fine for a defused formula but not for a code). Day dates stay plain so the
//! spreadsheet sorts them as dates; numbers that are numbers (`article_count`, `confidence`) too.

use super::labels;
use super::{ExportLookup, ExportSummary};
use crate::model::Side;
use crate::query::TimelineMeeting;
use serde::Serialize;
use std::io::Write;

/// The UTF-8 byte-order mark that makes Excel read the file as UTF-8.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header, in the order of [`FlatMeeting`]'s fields.
pub const COLUMNS: [&str; 18] = [
    "date",
    "date_precision",
    "status",
    "kind",
    "cameo_code",
    "place",
    "place_ar",
    "libyan_participants",
    "european_participants",
    "other_participants",
    "participants_ar",
    "topics",
    "topics_ar",
    "article_count",
    "article_ids",
    "headline",
    "confidence",
    "weekday_conflict",
];

/// A meeting as one flat record: the CSV row, and the properties of a GeoJSON feature (flat so GIS
/// tools show them as columns). Multi-valued cells are joined with "; ".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct FlatMeeting {
    /// ISO 8601 to the known precision (`2021-04-19`, `2021-04`, `2021`), empty when undated.
    pub date: String,
    /// `day`, `month`, `year`, or empty when undated.
    pub date_precision: String,
    /// `held` or `announced`.
    pub status: &'static str,
    /// snake_case kind (`host`, `phone_call`, ...).
    pub kind: &'static str,
    /// CAMEO event code, `040`..`044`.
    pub cameo_code: String,
    pub place: String,
    pub place_ar: String,
    /// "Name (role, body, country)" of the Libyan side.
    pub libyan_participants: String,
    pub european_participants: String,
    /// Participants on neither side (a UN envoy, a third country).
    pub other_participants: String,
    /// Arabic names of all participants, Libyan side first.
    pub participants_ar: String,
    pub topics: String,
    pub topics_ar: String,
    pub article_count: usize,
    /// Store ids of the reporting articles, joined with "; ".
    pub article_ids: String,
    pub headline: String,
    pub confidence: f32,
    /// `true` when the text states a weekday that contradicts the date (the timeline's warning).
    pub weekday_conflict: bool,
}

impl FlatMeeting {
    pub(super) fn new(m: &TimelineMeeting, lookup: &dyn ExportLookup) -> FlatMeeting {
        FlatMeeting {
            date: labels::date_text(m.date, m.precision),
            date_precision: match (m.date, m.precision) {
                (Some(_), Some(p)) => p.as_str().to_string(),
                (Some(_), None) => "day".to_string(),
                (None, _) => String::new(),
            },
            status: m.status.as_str(),
            kind: m.kind.as_str(),
            cameo_code: m.kind.cameo_code().to_string(),
            place: m
                .place
                .as_ref()
                .map(|p| labels::name_en(p).to_string())
                .unwrap_or_default(),
            place_ar: m
                .place
                .as_ref()
                .map(|p| labels::name_ar(p).to_string())
                .unwrap_or_default(),
            libyan_participants: labels::participants_on_side(m, Side::Libya, lookup),
            european_participants: labels::participants_on_side(m, Side::Europe, lookup),
            other_participants: labels::participants_on_side(m, Side::Other, lookup),
            participants_ar: labels::participant_names_ar(m),
            topics: labels::topics_en(m),
            topics_ar: labels::topics_ar(m),
            article_count: m.article_ids.len(),
            article_ids: m
                .article_ids
                .iter()
                .map(|id| id.to_string())
                .collect::<Vec<_>>()
                .join(labels::LIST_SEPARATOR),
            headline: m.headline.clone(),
            confidence: m.confidence,
            weekday_conflict: m.weekday_conflict,
        }
    }
}

/// First characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Prefixes `'` to a cell a spreadsheet would evaluate as a formula.
fn defuse_formula(cell: &mut String) {
    if cell.starts_with(FORMULA_STARTS) {
        cell.insert(0, '\'');
    }
}

impl FlatMeeting {
    /// Applies [`defuse_formula`] to every free-text cell (the others are dates, codes and numbers).
    fn defuse_formulas(&mut self) {
        for cell in [
            &mut self.place,
            &mut self.place_ar,
            &mut self.libyan_participants,
            &mut self.european_participants,
            &mut self.other_participants,
            &mut self.participants_ar,
            &mut self.topics,
            &mut self.topics_ar,
            &mut self.headline,
        ] {
            defuse_formula(cell);
        }
    }
}

/// True when a spreadsheet opening the CSV would read the cell as a number, date or time and so
/// change it (drop leading zeros, reformat): it starts with a digit (or `.` and a digit) and holds
/// only digits and the separators numbers, dates and times use.
fn looks_numeric(cell: &str) -> bool {
    let mut chars = cell.chars();
    let starts = match chars.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('.') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    starts
        && cell.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '.' | ',' | '/' | ':' | '-' | '%' | 'e' | 'E' | ' ')
        })
}

/// Writes a numeric-looking cell as `="…"`, a formula whose value is the text itself, so the
/// spreadsheet keeps it as written. Other cells are left as they are.
fn keep_as_text(cell: &mut String) {
    if looks_numeric(cell) {
        // `looks_numeric` admits no `"`, so nothing inside needs doubling.
        *cell = format!("=\"{cell}\"");
    }
}

impl FlatMeeting {
    /// Applies [`keep_as_text`] to the code and id cells, to dates coarser than a day (`2021-04`,
    /// `2021`, which a spreadsheet would turn into a full date or a number), and to free text that
    /// happens to look numeric.
    fn keep_codes_as_text(&mut self) {
        if self.date_precision != "day" {
            keep_as_text(&mut self.date);
        }
        for cell in [
            &mut self.cameo_code,
            &mut self.article_ids,
            &mut self.place,
            &mut self.place_ar,
            &mut self.libyan_participants,
            &mut self.european_participants,
            &mut self.other_participants,
            &mut self.participants_ar,
            &mut self.topics,
            &mut self.topics_ar,
            &mut self.headline,
        ] {
            keep_as_text(cell);
        }
    }
}

/// Writes the header and one record per row. `for_spreadsheets` writes the UTF-8 byte-order mark
/// first, defuses cells that would run as formulas and keeps codes and ids as text.
pub(super) fn write(
    for_spreadsheets: bool,
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    out: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), super::ExportError> {
    if for_spreadsheets {
        out.write_all(UTF8_BOM)?;
    }
    let mut w = ::csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(out);
    w.write_record(COLUMNS)?;
    for m in rows {
        let mut record = FlatMeeting::new(m, lookup);
        if for_spreadsheets {
            record.defuse_formulas();
            record.keep_codes_as_text();
        }
        w.serialize(record)?;
        summary.written += 1;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingKind, MeetingStatus};

    #[test]
    fn numeric_looking_cells_are_kept_as_text() {
        for (cell, kept) in [
            ("043", "=\"043\""),
            ("15", "=\"15\""),
            ("2021-05", "=\"2021-05\""),
            ("1,000.5", "=\"1,000.5\""),
            (".5", "=\".5\""),
            ("16; 15", "16; 15"),
            ("Tripoli", "Tripoli"),
            ("3 killed", "3 killed"),
            ("", ""),
            ("٠٤٣", "٠٤٣"),
        ] {
            let mut c = cell.to_string();
            keep_as_text(&mut c);
            assert_eq!(c, kept, "{cell:?}");
        }
    }

    #[test]
    fn columns_match_the_record_fields() {
        let m = TimelineMeeting {
            id: 1,
            key: "7/a+b".into(),
            date: None,
            precision: None,
            place: None,
            kind: MeetingKind::Consult,
            status: MeetingStatus::Held,
            participants: vec![],
            topics: vec![],
            article_ids: vec![7],
            headline: "h".into(),
            confidence: 0.5,
            weekday_conflict: false,
        };
        let mut w = ::csv::WriterBuilder::new()
            .has_headers(true)
            .from_writer(Vec::new());
        w.serialize(FlatMeeting::new(&m, &())).unwrap();
        let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
        let header = text.lines().next().unwrap();
        assert_eq!(header, COLUMNS.join(","));
    }
}
