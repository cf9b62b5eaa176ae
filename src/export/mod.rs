//! Export of timeline rows ([`TimelineMeeting`]) to files other tools read: CSV for spreadsheets,
//! JSON / JSON Lines for scripts, iCalendar for calendar apps, GeoJSON for maps, and for
//! publishing and notes: Knight Lab TimelineJS JSON, a self-contained HTML report and Markdown.
//!
//! The writers take rows, not a database: whoever runs the `query::Filter` (the app, the CLI) hands
//! the selected rows here, so "what you see is what you export" holds. Anything a row does not
//! carry (every reporting article's headline and URL, a place's coordinates, a country's name) comes
//! from an optional [`ExportLookup`]; without one the writers fall back to what the row has.
//!
//! One module per format; the strings shared between formats (participants as
//! "Name (role, body, country)", the short meeting title "Mazen – Lamorgese (Tripoli)") are built
//! in [`labels`] only; escaping for HTML in [`markup`], the report's words in both languages in
//! [`report`].

mod csv;
pub mod exchange;
mod geojson;
mod html;
mod ical;
mod json;
pub mod labels;
mod markdown;
pub mod markup;
mod report;
mod timelinejs;

pub use report::{AR_MONTHS, EN_MONTHS, kind_words};

use crate::query::TimelineMeeting;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// An export format, as the app's save dialog and the CLI's `--format` offer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// CSV (RFC 4180) for spreadsheets: UTF-8 with a byte-order mark (EF BB BF) so that Microsoft
    /// Excel reads Arabic as UTF-8 instead of the system code page; text cells that a spreadsheet
    /// would run as a formula (starting with `=`, `+`, `-`, `@`) get a leading `'`.
    CsvExcel,
    /// CSV (RFC 4180), UTF-8 without a byte-order mark, for scripts and other CSV readers.
    Csv,
    /// One JSON array (RFC 8259) of meetings with nested participants, topics and articles; pretty.
    Json,
    /// JSON Lines: one compact JSON object per meeting, each line ended by `\n`.
    JsonLines,
    /// iCalendar (RFC 5545): one all-day VEVENT per dated meeting.
    ICalendar,
    /// GeoJSON (RFC 7946): a FeatureCollection of Points, one per meeting whose place has coordinates.
    GeoJson,
    /// Knight Lab TimelineJS3 JSON (`title` slide and `events`): one event per dated meeting, for
    /// publishing an interactive timeline.
    TimelineJs,
    /// One self-contained HTML page (no external resources): the filter, meetings per month as
    /// inline SVG and every meeting with its sources; prints on A4.
    Html,
    /// Markdown (CommonMark with GFM tables) for notes tools: one section per month.
    Markdown,
}

impl Format {
    /// Every format, in the order a save dialog lists them.
    pub const ALL: [Format; 9] = [
        Format::CsvExcel,
        Format::Csv,
        Format::Json,
        Format::JsonLines,
        Format::ICalendar,
        Format::GeoJson,
        Format::TimelineJs,
        Format::Html,
        Format::Markdown,
    ];

    /// Stable name for the CLI's `--format` and settings (`csv-excel`, `csv`, `json`, `jsonl`,
    /// `ics`, `geojson`, `timelinejs`, `html`, `markdown`).
    pub fn name(self) -> &'static str {
        match self {
            Format::CsvExcel => "csv-excel",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::ICalendar => "ics",
            Format::GeoJson => "geojson",
            Format::TimelineJs => "timelinejs",
            Format::Html => "html",
            Format::Markdown => "markdown",
        }
    }

    /// File extension without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::CsvExcel | Format::Csv => "csv",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
            Format::ICalendar => "ics",
            Format::GeoJson => "geojson",
            Format::TimelineJs => "json",
            Format::Html => "html",
            Format::Markdown => "md",
        }
    }

    /// The format a file name's extension stands for (ASCII case-insensitive): `csv` → CSV for
    /// spreadsheets, `json`, `jsonl`/`ndjson`, `ics`, `geojson`, `html`/`htm`, `md`/`markdown`.
    /// `None` for other extensions. TimelineJS files end in `.json` too: they are chosen by name.
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::CsvExcel),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "ics" => Some(Format::ICalendar),
            "geojson" => Some(Format::GeoJson),
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            _ => None,
        }
    }

    /// MIME type: `text/csv` (RFC 7111 / RFC 4180), `application/json` (RFC 8259),
    /// `application/jsonl` (JSON Lines; no IANA registration yet), `text/calendar` (RFC 5545),
    /// `application/geo+json` (RFC 7946), `text/html` (TimelineJS: `application/json`),
    /// `text/markdown` (RFC 7763).
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::CsvExcel | Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
            Format::JsonLines => "application/jsonl",
            Format::ICalendar => "text/calendar; charset=utf-8",
            Format::GeoJson => "application/geo+json",
            Format::TimelineJs => "application/json",
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
        }
    }

    /// One line for a person choosing a format (English; the UI may translate).
    pub fn description(self) -> &'static str {
        match self {
            Format::CsvExcel => "CSV for spreadsheets (Excel, LibreOffice): UTF-8 with BOM",
            Format::Csv => "CSV, plain UTF-8 without BOM (scripts, other tools)",
            Format::Json => "JSON: all meetings with participants, topics and articles",
            Format::JsonLines => "JSON Lines: one meeting per line",
            Format::ICalendar => "iCalendar for calendar apps: dated meetings only",
            Format::GeoJson => "GeoJSON for maps (QGIS, web maps): meetings with a known place",
            Format::TimelineJs => "TimelineJS (Knight Lab) JSON to publish an interactive timeline",
            Format::Html => "HTML report: one self-contained page to share or print",
            Format::Markdown => "Markdown report for notes (Obsidian, a wiki): one section a month",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error of [`Format::from_str`]: the unknown name and the names that exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown export format \"{0}\"; choose one of: csv-excel, csv, json, jsonl, ics, geojson, \
     timelinejs, html, markdown"
)]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses [`Format::name`] (ASCII case-insensitive); also accepts the aliases `excel`,
    /// `ndjson`, `ical`, `icalendar`, `timeline` / `timeline-js`, `htm` / `report` and `md`.
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        let lower = s.trim().to_ascii_lowercase();
        let alias = match lower.as_str() {
            "excel" => Some(Format::CsvExcel),
            "ndjson" => Some(Format::JsonLines),
            "ical" | "icalendar" => Some(Format::ICalendar),
            "timeline" | "timeline-js" | "timelinejs3" => Some(Format::TimelineJs),
            "htm" | "report" => Some(Format::Html),
            "md" => Some(Format::Markdown),
            _ => None,
        };
        alias
            .or_else(|| Format::ALL.into_iter().find(|f| f.name() == lower))
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// Settings that are not part of the rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportOptions {
    /// The time the export is made, written as iCalendar's required DTSTAMP (RFC 5545 §3.8.7.2).
    /// `None` means "now"; tests pass a fixed time so the output is byte-for-byte stable.
    pub generated_at: Option<DateTime<Utc>>,
    /// The language of the report's own words (headings, labels, month names) in the HTML,
    /// Markdown and TimelineJS exports, and the HTML page's `lang`/`dir`: the UI's language.
    pub language: ReportLang,
    /// The filters that selected the rows, in words ("Italy · 2021"), shown at the top of the
    /// HTML and Markdown reports and on the TimelineJS title slide. `None`: no filter line.
    pub filter_description: Option<String>,
}

/// The language of a report's own words. Archive text is written as stored, whatever this is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ReportLang {
    /// English, left to right (`lang="en" dir="ltr"`).
    #[default]
    En,
    /// Arabic, right to left (`lang="ar" dir="rtl"`).
    Ar,
}

impl ReportLang {
    /// BCP 47 tag for `lang` attributes: `en`, `ar`.
    pub fn tag(self) -> &'static str {
        match self {
            ReportLang::En => "en",
            ReportLang::Ar => "ar",
        }
    }

    /// Text direction for `dir` attributes: `ltr`, `rtl`.
    pub fn dir(self) -> &'static str {
        match self {
            ReportLang::En => "ltr",
            ReportLang::Ar => "rtl",
        }
    }
}

/// An article as exports cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRef {
    pub headline: String,
    /// The article's source URL, when the import found one.
    pub url: Option<String>,
}

/// WGS 84 coordinates in decimal degrees (latitude north positive, longitude east positive), as in
/// `assets/gazetteer/places.toml`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

/// What the writers may ask about things a [`TimelineMeeting`] names only by id or key. Every
/// method defaults to "unknown", so `&()` is a valid lookup that makes the writers use only the rows.
pub trait ExportLookup {
    /// Headline and URL of the article with this store id.
    fn article(&self, _id: i64) -> Option<ArticleRef> {
        None
    }
    /// Coordinates of the place with this key (gazetteer place id such as `tripoli`).
    fn coordinates(&self, _place_key: &str) -> Option<Coordinates> {
        None
    }
    /// English name of a country code (`LY` → `Libya`, `EU` → `European Union`).
    fn country_name(&self, _code: &str) -> Option<String> {
        None
    }
}

impl ExportLookup for () {}

/// An [`ExportLookup`] over in-memory maps, for callers that collect the answers up front (and tests).
#[derive(Debug, Clone, Default)]
pub struct MapLookup {
    pub articles: HashMap<i64, ArticleRef>,
    pub coordinates: HashMap<String, Coordinates>,
    pub country_names: HashMap<String, String>,
}

impl ExportLookup for MapLookup {
    fn article(&self, id: i64) -> Option<ArticleRef> {
        self.articles.get(&id).cloned()
    }
    fn coordinates(&self, place_key: &str) -> Option<Coordinates> {
        self.coordinates.get(place_key).copied()
    }
    fn country_name(&self, code: &str) -> Option<String> {
        self.country_names.get(code).cloned()
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    pub format: Format,
    /// Meetings written (CSV rows, JSON objects, VEVENTs, GeoJSON features).
    pub written: usize,
    /// Meetings left out because they have no date (iCalendar and TimelineJS).
    pub skipped_undated: usize,
    /// Meetings left out because their place is unknown or has no coordinates (GeoJSON only).
    pub skipped_without_coordinates: usize,
    /// Bytes written to the output, BOM included.
    pub bytes: u64,
}

impl fmt::Display for ExportSummary {
    /// One line for the CLI and the app's status bar, e.g.
    /// "2 meetings written as ics (1834 bytes); 1 skipped without a date".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "meeting" } else { "meetings" };
        write!(
            f,
            "{} {} written as {} ({} bytes)",
            self.written,
            plural(self.written),
            self.format,
            self.bytes
        )?;
        if self.skipped_undated > 0 {
            write!(f, "; {} skipped without a date", self.skipped_undated)?;
        }
        if self.skipped_without_coordinates > 0 {
            write!(
                f,
                "; {} skipped without a place on the map",
                self.skipped_without_coordinates
            )?;
        }
        Ok(())
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("could not write the export: {0}")]
    Io(#[from] io::Error),
    #[error("could not write the CSV export: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("could not write the JSON export: {0}")]
    Json(#[from] serde_json::Error),
    /// The destination is the archive file itself (or its WAL/journal beside it): writing there
    /// would destroy the archive, so nothing is written.
    #[error(
        "refusing to export to {}: that is the archive file itself (its data would be overwritten); choose another file name",
        path.display()
    )]
    IsArchive { path: PathBuf },
    /// [`write_file`] failed; names the file.
    #[error("could not export to {}: {source}", path.display())]
    File {
        path: PathBuf,
        #[source]
        source: Box<ExportError>,
    },
}

/// Writes `rows` in `format` to `out` and says what was written.
///
/// Rows are written in the order given (the timeline's order). `lookup` supplies article
/// headlines/URLs, place coordinates and country names; pass `&()` to use only the rows. `out` is
/// flushed before returning.
///
/// Errors: [`ExportError::Io`] when `out` fails, [`ExportError::Csv`] / [`ExportError::Json`] when
/// the serializer does (in practice also an I/O failure underneath).
pub fn write(
    format: Format,
    options: &ExportOptions,
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    out: &mut dyn Write,
) -> Result<ExportSummary, ExportError> {
    let mut counting = CountingWriter {
        inner: out,
        bytes: 0,
    };
    let mut summary = ExportSummary {
        format,
        written: 0,
        skipped_undated: 0,
        skipped_without_coordinates: 0,
        bytes: 0,
    };
    match format {
        Format::CsvExcel => csv::write(true, rows, lookup, &mut counting, &mut summary)?,
        Format::Csv => csv::write(false, rows, lookup, &mut counting, &mut summary)?,
        Format::Json => json::write_array(rows, lookup, &mut counting, &mut summary)?,
        Format::JsonLines => json::write_lines(rows, lookup, &mut counting, &mut summary)?,
        Format::ICalendar => ical::write(options, rows, lookup, &mut counting, &mut summary)?,
        Format::GeoJson => geojson::write(rows, lookup, &mut counting, &mut summary)?,
        Format::TimelineJs => {
            timelinejs::write(options, rows, lookup, &mut counting, &mut summary)?
        }
        Format::Html => html::write(options, rows, lookup, &mut counting, &mut summary)?,
        Format::Markdown => markdown::write(options, rows, lookup, &mut counting, &mut summary)?,
    }
    counting.flush()?;
    summary.bytes = counting.bytes;
    Ok(summary)
}

/// Like [`write`], into the file at `path`. The file is written beside its final name and renamed
/// into place at the end, so a failed export never leaves a half-written file over an earlier one.
///
/// Errors: [`ExportError::File`] naming `path`, with the cause inside.
pub fn write_file(
    format: Format,
    options: &ExportOptions,
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    path: &Path,
) -> Result<ExportSummary, ExportError> {
    let wrap = |source: ExportError| ExportError::File {
        path: path.to_path_buf(),
        source: Box::new(source),
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The file is written beside its destination and renamed into place, so a failed export never
    // leaves half a file; a missing folder is named as such (not as the temporary file).
    if !dir.is_dir() {
        return Err(wrap(
            io::Error::new(
                io::ErrorKind::NotFound,
                format!("the folder {} does not exist", dir.display()),
            )
            .into(),
        ));
    }
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| wrap(e.into()))?;
    let mut buffered = io::BufWriter::new(tmp);
    let summary = write(format, options, rows, lookup, &mut buffered).map_err(wrap)?;
    let tmp = buffered
        .into_inner()
        .map_err(|e| wrap(e.into_error().into()))?;
    tmp.as_file().sync_all().map_err(|e| wrap(e.into()))?;
    tmp.persist(path).map_err(|e| wrap(e.error.into()))?;
    Ok(summary)
}

/// Counts the bytes that pass through to the real output.
struct CountingWriter<'a> {
    inner: &'a mut dyn Write,
    bytes: u64,
}

impl Write for CountingWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip_and_aliases_parse() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
            assert_eq!(f.to_string(), f.name());
        }
        assert_eq!("Excel".parse::<Format>(), Ok(Format::CsvExcel));
        assert_eq!(" ICS ".parse::<Format>(), Ok(Format::ICalendar));
        assert_eq!("ndjson".parse::<Format>(), Ok(Format::JsonLines));
        let err = "xlsx".parse::<Format>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown export format \"xlsx\"; choose one of: csv-excel, csv, json, jsonl, ics, geojson, \
             timelinejs, html, markdown"
        );
        assert_eq!("timeline".parse::<Format>(), Ok(Format::TimelineJs));
        assert_eq!("MD".parse::<Format>(), Ok(Format::Markdown));
    }

    #[test]
    fn formats_have_distinct_names_and_expected_extensions() {
        let names: std::collections::BTreeSet<_> = Format::ALL.iter().map(|f| f.name()).collect();
        assert_eq!(names.len(), Format::ALL.len());
        assert_eq!(Format::CsvExcel.extension(), "csv");
        assert_eq!(Format::GeoJson.mime_type(), "application/geo+json");
        assert_eq!(Format::ICalendar.extension(), "ics");
        assert_eq!(Format::Markdown.extension(), "md");
        assert_eq!(Format::Html.mime_type(), "text/html; charset=utf-8");
    }

    #[test]
    fn extensions_name_a_format_and_unknown_ones_none() {
        for f in Format::ALL {
            let back = Format::from_extension(f.extension()).unwrap();
            // `.csv` is the spreadsheet variant and `.json` plain JSON (both chosen by name).
            assert_eq!(back.extension(), f.extension(), "{f}");
        }
        assert_eq!(Format::from_extension("HTM"), Some(Format::Html));
        assert_eq!(Format::from_extension("xlsx"), None);
    }
}
