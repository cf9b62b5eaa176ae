//! End-to-end checks of every export format over the seed's two meetings (sample 015: Lamorgese in
//! Tripoli on 2021-04-19 with Khaled Mazen, and with Mohamed al-Menfi), written to bytes and read
//! back with independent readers (the csv crate, Python's csv module, serde_json).

use arshif::export::{
    self, ArticleRef, Coordinates, ExportOptions, ExportSummary, Format, MapLookup,
};
use arshif::model::{DatePrecision, MeetingKind, MeetingStatus, Side};
use arshif::query::{EntityRef, ParticipantView, TimelineMeeting};
use chrono::{NaiveDate, TimeZone, Utc};
use pretty_assertions::assert_eq;
use serde_json::Value;

pub(crate) const HEADLINE_1: &str =
    "مباحثات بين داخلية ليبيا وإيطاليا لدعم العلاقات الأمنية ومكافحة الهجرة غير الشرعية";
/// A headline holding the three characters RFC 4180 quotes for: comma, double quote, line break.
pub(crate) const HEADLINE_2: &str =
    "Al-Menfi receives Lamorgese, \"security first\"\nMigration on the agenda";

pub(crate) fn entity(key: &str, en: &str, ar: &str) -> EntityRef {
    EntityRef {
        key: key.into(),
        name_en: en.into(),
        name_ar: ar.into(),
    }
}

fn participant(
    person: EntityRef,
    role: &str,
    body: EntityRef,
    country: &str,
    side: Side,
) -> ParticipantView {
    ParticipantView {
        as_written: person.name_ar.clone(),
        person,
        role: role.into(),
        body: Some(body),
        country: country.into(),
        side,
        needs_review: false,
    }
}

pub(crate) fn mazen() -> ParticipantView {
    participant(
        entity("khaled_mazen", "Khaled Mazen", "خالد مازن"),
        "Minister of Interior",
        entity(
            "ly_interior",
            "Ministry of Interior (Libya)",
            "وزارة الداخلية",
        ),
        "LY",
        Side::Libya,
    )
}

pub(crate) fn lamorgese() -> ParticipantView {
    participant(
        entity("luciana_lamorgese", "Luciana Lamorgese", "لوتشانا لامورجيزي"),
        "Minister of the Interior",
        entity(
            "it_interior",
            "Ministry of the Interior (Italy)",
            "وزارة الداخلية الإيطالية",
        ),
        "IT",
        Side::Europe,
    )
}

pub(crate) fn menfi() -> ParticipantView {
    participant(
        entity("mohamed_al_menfi", "Mohamed al-Menfi", "محمد المنفي"),
        "President of the Presidential Council",
        entity(
            "ly_presidential_council",
            "Presidential Council",
            "المجلس الرئاسي",
        ),
        "LY",
        Side::Libya,
    )
}

pub(crate) fn tripoli() -> EntityRef {
    entity("tripoli", "Tripoli", "طرابلس")
}

pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The seed's two meetings, as the timeline query would return them.
pub(crate) fn seed_rows() -> Vec<TimelineMeeting> {
    vec![
        TimelineMeeting {
            id: 1,
            key: "15/khaled_mazen+luciana_lamorgese".into(),
            date: Some(day(2021, 4, 19)),
            precision: Some(DatePrecision::Day),
            place: Some(tripoli()),
            kind: MeetingKind::Host,
            status: MeetingStatus::Held,
            // European participant first in the row: exports put the Libyan side first.
            participants: vec![lamorgese(), mazen()],
            topics: vec![
                entity("security", "Security", "الأمن"),
                entity("migration", "Migration", "الهجرة"),
            ],
            article_ids: vec![15],
            headline: HEADLINE_1.into(),
            confidence: 0.9,
            // «اليوم الاثنين» on a Tuesday, say: the JSON export carries the flag.
            weekday_conflict: true,
        },
        TimelineMeeting {
            id: 2,
            key: "16/luciana_lamorgese+mohamed_al_menfi".into(),
            date: Some(day(2021, 4, 19)),
            precision: Some(DatePrecision::Day),
            place: Some(tripoli()),
            kind: MeetingKind::Host,
            status: MeetingStatus::Held,
            participants: vec![menfi(), lamorgese()],
            topics: vec![entity("border_security", "Border security", "أمن الحدود")],
            article_ids: vec![16, 15],
            headline: HEADLINE_2.into(),
            confidence: 0.75,
            weekday_conflict: false,
        },
    ]
}

/// The seed plus an undated, placeless phone call (skipped by iCalendar and GeoJSON).
fn rows_with_undated() -> Vec<TimelineMeeting> {
    let mut rows = seed_rows();
    rows.push(TimelineMeeting {
        id: 3,
        key: "17/x".into(),
        date: None,
        precision: None,
        place: None,
        kind: MeetingKind::PhoneCall,
        status: MeetingStatus::Held,
        participants: vec![mazen(), lamorgese()],
        topics: vec![],
        article_ids: vec![17],
        headline: "اتصال هاتفي".into(),
        confidence: 0.5,
        weekday_conflict: false,
    });
    rows
}

pub(crate) fn lookup() -> MapLookup {
    let mut l = MapLookup::default();
    l.country_names.insert("LY".into(), "Libya".into());
    l.country_names.insert("IT".into(), "Italy".into());
    l.coordinates.insert(
        "tripoli".into(),
        Coordinates {
            lat: 32.8872,
            lon: 13.1913,
        },
    );
    l.articles.insert(
        15,
        ArticleRef {
            headline: HEADLINE_1.into(),
            url: Some("https://example.org/ar/015".into()),
        },
    );
    l.articles.insert(
        16,
        ArticleRef {
            headline: HEADLINE_2.into(),
            url: None,
        },
    );
    l
}

pub(crate) fn options() -> ExportOptions {
    ExportOptions {
        generated_at: Some(Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()),
        ..Default::default()
    }
}

fn export_bytes(format: Format, rows: &[TimelineMeeting]) -> (Vec<u8>, ExportSummary) {
    let mut out = Vec::new();
    let summary = export::write(format, &options(), rows, &lookup(), &mut out).unwrap();
    assert_eq!(summary.bytes, out.len() as u64);
    (out, summary)
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a CSV export as Python's `utf-8-sig` does: drop a leading BOM, then parse.
fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new().from_reader(body);
    let headers = r.headers().unwrap().iter().map(String::from).collect();
    let records = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, records)
}

fn field<'a>(headers: &[String], record: &'a [String], name: &str) -> &'a str {
    let i = headers.iter().position(|h| h == name).unwrap_or_else(|| {
        panic!("no column {name} in {headers:?}");
    });
    &record[i]
}

const CSV_HEADER: &str = "date,date_precision,status,kind,cameo_code,place,place_ar,\
libyan_participants,european_participants,other_participants,participants_ar,topics,topics_ar,\
article_count,article_ids,headline,confidence,weekday_conflict";

#[test]
fn csv_excel_starts_with_bom_and_plain_does_not() {
    let (excel, s) = export_bytes(Format::CsvExcel, &seed_rows());
    assert_eq!(&excel[..3], BOM);
    assert!(excel[3..].starts_with(b"date,date_precision,"));
    assert_eq!(s.written, 2);

    let (plain, _) = export_bytes(Format::Csv, &seed_rows());
    assert!(plain.starts_with(b"date,date_precision,"));
    // Apart from the BOM, the two variants differ only where the spreadsheet one keeps a code or
    // an id as text (`="043"`, `="15"`).
    let kept_as_text = String::from_utf8(excel[3..].to_vec())
        .unwrap()
        .replace("\"=\"\"043\"\"\"", "043")
        .replace("\"=\"\"15\"\"\"", "15");
    assert_eq!(kept_as_text.as_bytes(), &plain[..]);
}

#[test]
fn csv_plain_is_exactly_rfc_4180() {
    let (plain, _) = export_bytes(Format::Csv, &seed_rows());
    let expected = [
        CSV_HEADER.to_string(),
        format!(
            "2021-04-19,day,held,host,043,Tripoli,طرابلس,\
\"Khaled Mazen (Minister of Interior, Ministry of Interior (Libya), Libya)\",\
\"Luciana Lamorgese (Minister of the Interior, Ministry of the Interior (Italy), Italy)\",,\
خالد مازن; لوتشانا لامورجيزي,Security; Migration,الأمن; الهجرة,1,15,{HEADLINE_1},0.9,true"
        ),
        "2021-04-19,day,held,host,043,Tripoli,طرابلس,\
\"Mohamed al-Menfi (President of the Presidential Council, Presidential Council, Libya)\",\
\"Luciana Lamorgese (Minister of the Interior, Ministry of the Interior (Italy), Italy)\",,\
محمد المنفي; لوتشانا لامورجيزي,Border security,أمن الحدود,2,16; 15,\
\"Al-Menfi receives Lamorgese, \"\"security first\"\"\nMigration on the agenda\",0.75,false"
            .to_string(),
    ]
    .map(|line| line + "\r\n")
    .concat();
    assert_eq!(String::from_utf8(plain).unwrap(), expected);
}

#[test]
fn csv_reads_back_exact_arabic_in_both_variants() {
    for format in [Format::CsvExcel, Format::Csv] {
        let (bytes, _) = export_bytes(format, &seed_rows());
        let (headers, records) = read_csv(&bytes);
        assert_eq!(headers.join(","), CSV_HEADER, "{format}");
        assert_eq!(records.len(), 2);
        let (r1, r2) = (&records[0], &records[1]);

        assert_eq!(field(&headers, r1, "date"), "2021-04-19");
        assert_eq!(field(&headers, r1, "place"), "Tripoli");
        assert_eq!(field(&headers, r1, "place_ar"), "طرابلس");
        let names: Vec<&str> = field(&headers, r1, "participants_ar").split("; ").collect();
        assert_eq!(names, ["خالد مازن", "لوتشانا لامورجيزي"]);
        assert_eq!(field(&headers, r1, "headline"), HEADLINE_1);
        assert_eq!(field(&headers, r1, "topics_ar"), "الأمن; الهجرة");

        assert_eq!(field(&headers, r2, "date"), "2021-04-19");
        let names: Vec<&str> = field(&headers, r2, "participants_ar").split("; ").collect();
        assert_eq!(names, ["محمد المنفي", "لوتشانا لامورجيزي"]);
        assert_eq!(field(&headers, r2, "headline"), HEADLINE_2);
        assert_eq!(field(&headers, r2, "article_ids"), "16; 15");
        assert_eq!(field(&headers, r2, "article_count"), "2");
    }
}

#[test]
fn csv_for_spreadsheets_defuses_formulas_and_plain_keeps_them() {
    let mut rows = seed_rows();
    rows[0].headline = "=HYPERLINK(\"http://example.org\",\"x\")".into();
    rows[1].headline = "-1 killed, @once".into();
    let (excel, _) = export_bytes(Format::CsvExcel, &rows);
    let (plain, _) = export_bytes(Format::Csv, &rows);
    let (h, excel_rows) = read_csv(&excel);
    let (_, plain_rows) = read_csv(&plain);
    assert_eq!(
        field(&h, &excel_rows[0], "headline"),
        "'=HYPERLINK(\"http://example.org\",\"x\")"
    );
    assert_eq!(field(&h, &excel_rows[1], "headline"), "'-1 killed, @once");
    assert_eq!(
        field(&h, &plain_rows[0], "headline"),
        "=HYPERLINK(\"http://example.org\",\"x\")"
    );
    assert_eq!(field(&h, &plain_rows[1], "headline"), "-1 killed, @once");
    // Dates and names are untouched.
    assert_eq!(field(&h, &excel_rows[0], "date"), "2021-04-19");
    assert_eq!(
        field(&h, &excel_rows[0], "participants_ar"),
        "خالد مازن; لوتشانا لامورجيزي"
    );
}

#[test]
fn csv_with_python_utf8_sig_reader() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("python3 not found on PATH: skipping the Python csv read-back check");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for format in [Format::CsvExcel, Format::Csv] {
        let path = dir.path().join(format!("{}.csv", format.name()));
        export::write_file(format, &options(), &seed_rows(), &lookup(), &path).unwrap();
        let script = r#"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    reader = csv.DictReader(f)
    rows = list(reader)
out = {"fields": reader.fieldnames, "rows": rows}
sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False).encode("utf-8"))
"#;
        let out = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "python3 failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let read: Value = serde_json::from_slice(&out.stdout).unwrap();
        // The header is exactly ours: utf-8-sig removed the BOM, nothing else was in front.
        let fields: Vec<&str> = read["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        assert_eq!(fields.join(","), CSV_HEADER, "{format}");
        let rows = read["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 2, "{format}");
        let get = |i: usize, k: &str| rows[i][k].as_str().unwrap().to_string();
        assert_eq!(get(0, "date"), "2021-04-19");
        assert_eq!(get(0, "place"), "Tripoli");
        assert_eq!(get(0, "place_ar"), "طرابلس");
        assert_eq!(get(0, "participants_ar"), "خالد مازن; لوتشانا لامورجيزي");
        assert_eq!(get(1, "participants_ar"), "محمد المنفي; لوتشانا لامورجيزي");
        assert_eq!(get(0, "headline"), HEADLINE_1);
        assert_eq!(get(1, "headline"), HEADLINE_2);
    }
}

// ---------------------------------------------------------------------------------------------
// JSON and JSON Lines
// ---------------------------------------------------------------------------------------------

fn check_seed_meeting_json(m: &Value) {
    assert_eq!(m["id"], 1);
    assert_eq!(m["date"], "2021-04-19");
    assert_eq!(m["date_precision"], "day");
    assert_eq!(m["kind"], "host");
    assert_eq!(m["cameo_code"], "043");
    assert_eq!(m["title"], "Mazen – Lamorgese (Tripoli)");
    assert_eq!(m["place"]["name_ar"], "طرابلس");
    assert_eq!(m["place"]["lat"], 32.8872);
    assert_eq!(m["place"]["lon"], 13.1913);
    // Libyan side first, whatever the row's order.
    assert_eq!(m["participants"][0]["name_ar"], "خالد مازن");
    assert_eq!(m["participants"][0]["side"], "libya");
    assert_eq!(m["participants"][0]["country_name"], "Libya");
    assert_eq!(m["participants"][1]["name_ar"], "لوتشانا لامورجيزي");
    assert_eq!(m["participants"][1]["body"]["key"], "it_interior");
    assert_eq!(m["topics"][1]["name_ar"], "الهجرة");
    assert_eq!(m["articles"][0]["id"], 15);
    assert_eq!(m["articles"][0]["headline"], HEADLINE_1);
    assert_eq!(m["articles"][0]["url"], "https://example.org/ar/015");
    assert_eq!(m["confidence"], 0.9);
    assert_eq!(m["weekday_conflict"], true);
}

#[test]
fn json_array_is_pretty_utf8_without_bom_and_reads_back() {
    let (bytes, summary) = export_bytes(Format::Json, &rows_with_undated());
    assert_eq!(summary.written, 3);
    assert!(bytes.starts_with(b"[\n  {\n    \"id\": 1,"));
    assert!(bytes.ends_with(b"]\n"));
    let text = String::from_utf8(bytes).unwrap();
    // Arabic is written as UTF-8, not as \u escapes.
    assert!(text.contains("\"name_ar\": \"محمد المنفي\""));
    let all: Value = serde_json::from_str(&text).unwrap();
    check_seed_meeting_json(&all[0]);
    assert_eq!(all[1]["headline"], HEADLINE_2);
    assert_eq!(all[1]["articles"][1]["id"], 15);
    assert_eq!(all[2]["date"], Value::Null);
    assert_eq!(all[2]["date_precision"], Value::Null);
    assert_eq!(all[2]["place"], Value::Null);
}

#[test]
fn json_lines_has_one_object_per_line() {
    let (bytes, summary) = export_bytes(Format::JsonLines, &rows_with_undated());
    assert_eq!(summary.written, 3);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.ends_with('\n'));
    let lines: Vec<&str> = text.trim_end_matches('\n').split('\n').collect();
    assert_eq!(lines.len(), 3);
    let first: Value = serde_json::from_str(lines[0]).unwrap();
    check_seed_meeting_json(&first);
    let second: Value = serde_json::from_str(lines[1]).unwrap();
    // The newline inside the headline is escaped, so it did not split the record.
    assert_eq!(second["headline"], HEADLINE_2);
    assert_eq!(second["title"], "al-Menfi – Lamorgese (Tripoli)");
}

#[test]
fn json_without_lookup_uses_the_rows_only() {
    let mut out = Vec::new();
    export::write(Format::Json, &options(), &seed_rows(), &(), &mut out).unwrap();
    let all: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(all[0]["place"]["lat"], Value::Null);
    assert_eq!(all[0]["participants"][0]["country_name"], Value::Null);
    assert_eq!(
        all[0]["participants"][0]["label"],
        "Khaled Mazen (Minister of Interior, Ministry of Interior (Libya), LY)"
    );
    // First article: the row's headline; the others are unknown without a lookup.
    assert_eq!(all[1]["articles"][0]["headline"], HEADLINE_2);
    assert_eq!(all[1]["articles"][1]["headline"], Value::Null);
}

// ---------------------------------------------------------------------------------------------
// iCalendar
// ---------------------------------------------------------------------------------------------

/// Checks RFC 5545 §3.1 line rules on raw bytes and returns the unfolded content lines.
fn unfold_checked(bytes: &[u8]) -> Vec<String> {
    assert!(bytes.ends_with(b"\r\n"));
    for (i, w) in bytes.windows(2).enumerate() {
        if w[1] == b'\n' {
            assert_eq!(w[0], b'\r', "bare LF at byte {}", i + 1);
        }
    }
    let mut logical: Vec<String> = Vec::new();
    for physical in bytes[..bytes.len() - 2].split(|&b| b == b'\n') {
        let physical = physical.strip_suffix(b"\r").unwrap_or(physical);
        assert!(
            physical.len() <= 75,
            "{} octets: {:?}",
            physical.len(),
            String::from_utf8_lossy(physical)
        );
        let text = std::str::from_utf8(physical).expect("each physical line is valid UTF-8");
        match text.strip_prefix(' ') {
            Some(cont) => logical.last_mut().unwrap().push_str(cont),
            None => logical.push(text.to_string()),
        }
    }
    logical
}

#[test]
fn icalendar_seed_meeting_is_exact() {
    let (bytes, summary) = export_bytes(Format::ICalendar, &seed_rows()[..1]);
    assert_eq!(summary.written, 1);
    let lines = unfold_checked(&bytes);
    let expected = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        format!("PRODID:-//Arshif//Arshif {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".into(),
        "BEGIN:VEVENT".into(),
        // SHA-256("15/khaled_mazen+luciana_lamorgese"), first 8 bytes (checked with Python's
        // hashlib): the meeting's identity, not its row id.
        "UID:meeting-189e5c3b0076c139@arshif".into(),
        "DTSTAMP:20261129T120000Z".into(),
        "DTSTART;VALUE=DATE:20210419".into(),
        "SUMMARY:Mazen – Lamorgese (Tripoli)".into(),
        "LOCATION:Tripoli (طرابلس)".into(),
        "GEO:32.8872;13.1913".into(),
        "STATUS:CONFIRMED".into(),
        "CATEGORIES;LANGUAGE=en:Security,Migration".into(),
        "CATEGORIES;LANGUAGE=ar:الأمن,الهجرة".into(),
        format!(
            "DESCRIPTION:Participants:\\n\
- Khaled Mazen (Minister of Interior\\, Ministry of Interior (Libya)\\, Libya) — خالد مازن\\n\
- Luciana Lamorgese (Minister of the Interior\\, Ministry of the Interior (Italy)\\, Italy) — لوتشانا لامورجيزي\\n\
Topics: Security\\; Migration — الأمن\\; الهجرة\\n\
Kind: host (CAMEO 043)\\n\
Check the date: the weekday the text states does not match it.\\n\
Articles:\\n\
- {HEADLINE_1} <https://example.org/ar/015>"
        ),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    assert_eq!(lines, expected);
}

#[test]
fn icalendar_reads_back_with_an_independent_parser() {
    // The icalendar crate's RFC 5545 parser (not our writer): both seed meetings, all-day on
    // 2021-04-19, with their summaries, place and Arabic names unescaped.
    let (bytes, _) = export_bytes(Format::ICalendar, &seed_rows());
    let text = String::from_utf8(bytes).unwrap();
    let unfolded = icalendar::parser::unfold(&text);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("the icalendar crate parses it");
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), 2);
    let prop = |c: &icalendar::parser::Component, name: &str| -> String {
        c.properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.to_string())
            .unwrap_or_default()
    };
    assert_eq!(prop(events[0], "DTSTART"), "20210419");
    assert_eq!(prop(events[1], "DTSTART"), "20210419");
    assert_eq!(prop(events[0], "SUMMARY"), "Mazen – Lamorgese (Tripoli)");
    assert_eq!(prop(events[0], "LOCATION"), "Tripoli (طرابلس)");
    assert!(prop(events[0], "DESCRIPTION").contains("لوتشانا لامورجيزي"));
    assert!(prop(events[1], "SUMMARY").contains("Lamorgese"));
}

#[test]
fn icalendar_escapes_headlines_and_skips_undated_meetings() {
    let (bytes, summary) = export_bytes(Format::ICalendar, &rows_with_undated());
    assert_eq!(summary.written, 2);
    assert_eq!(summary.skipped_undated, 1);
    assert_eq!(
        summary.to_string(),
        format!(
            "2 meetings written as ics ({} bytes); 1 skipped without a date",
            bytes.len()
        )
    );
    let lines = unfold_checked(&bytes);
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
    assert!(
        !lines
            .iter()
            .any(|l| l == "UID:meeting-47909d37ef8e644a@arshif")
    );
    assert!(lines.contains(&"SUMMARY:al-Menfi – Lamorgese (Tripoli)".to_string()));
    let description = lines
        .iter()
        .filter(|l| l.starts_with("DESCRIPTION:"))
        .nth(1)
        .unwrap();
    assert!(description.ends_with(
        "Articles:\\n\
- Al-Menfi receives Lamorgese\\, \"security first\"\\nMigration on the agenda\\n\
- مباحثات بين داخلية ليبيا وإيطاليا لدعم العلاقات الأمنية ومكافحة الهجرة غير الشرعية <https://example.org/ar/015>"
    ));
}

#[test]
fn icalendar_folds_a_long_arabic_summary_within_75_octets() {
    // Extracted, unreviewed participants have Arabic names only: the SUMMARY is all Arabic.
    let person = |key: &str, ar: &str, side| ParticipantView {
        person: entity(key, "", ar),
        as_written: ar.into(),
        role: String::new(),
        body: None,
        country: String::new(),
        side,
        needs_review: true,
    };
    let row = TimelineMeeting {
        id: 42,
        key: "42/new:a+new:b".into(),
        date: Some(day(2023, 1, 1)),
        precision: Some(DatePrecision::Month),
        place: Some(entity("new:بنغازي", "", "بنغازي")),
        kind: MeetingKind::Consult,
        status: MeetingStatus::Announced,
        participants: vec![
            person(
                "new:a",
                "عبد الحميد محمد الدبيبة رئيس حكومة الوحدة الوطنية",
                Side::Libya,
            ),
            person(
                "new:b",
                "نجلاء المنقوش وزيرة الخارجية والتعاون الدولي",
                Side::Libya,
            ),
            person(
                "new:c",
                "جورجيا ميلوني رئيسة مجلس الوزراء الإيطالي",
                Side::Europe,
            ),
        ],
        topics: vec![],
        article_ids: vec![99],
        headline: HEADLINE_1.into(),
        confidence: 0.4,
        weekday_conflict: false,
    };
    let (bytes, _) = export_bytes(Format::ICalendar, &[row]);
    let lines = unfold_checked(&bytes);
    let summary = "SUMMARY:عبد الحميد محمد الدبيبة رئيس حكومة الوحدة الوطنية\\, \
نجلاء المنقوش وزيرة الخارجية والتعاون الدولي – جورجيا ميلوني رئيسة مجلس الوزراء الإيطالي (بنغازي)";
    assert!(summary.len() > 3 * 75);
    assert!(lines.contains(&summary.to_string()), "{lines:#?}");
    // Month precision: the event spans January 2023 (DTEND is exclusive).
    assert!(lines.contains(&"DTSTART;VALUE=DATE:20230101".to_string()));
    assert!(lines.contains(&"DTEND;VALUE=DATE:20230201".to_string()));
    assert!(lines.contains(&"STATUS:TENTATIVE".to_string()));
    assert!(lines.contains(&"LOCATION:بنغازي".to_string()));
    // No coordinates known for the place: no GEO line.
    assert!(!lines.iter().any(|l| l.starts_with("GEO:")));
}

// ---------------------------------------------------------------------------------------------
// GeoJSON
// ---------------------------------------------------------------------------------------------

#[test]
fn geojson_has_points_lon_lat_for_placed_meetings() {
    let (bytes, summary) = export_bytes(Format::GeoJson, &rows_with_undated());
    assert_eq!(summary.written, 2);
    assert_eq!(summary.skipped_without_coordinates, 1);
    assert!(!bytes.starts_with(BOM));
    let fc: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    let f = &features[0];
    assert_eq!(f["type"], "Feature");
    assert_eq!(f["id"], 1);
    // The f32 confidence as written (0.9), not its f64 widening (0.8999999761581421).
    assert!(
        std::str::from_utf8(&bytes)
            .unwrap()
            .contains("\"confidence\": 0.9,")
    );
    assert_eq!(f["geometry"]["type"], "Point");
    // RFC 7946 §3.1.1: longitude first.
    assert_eq!(
        f["geometry"]["coordinates"],
        serde_json::json!([13.1913, 32.8872])
    );
    assert_eq!(f["properties"]["title"], "Mazen – Lamorgese (Tripoli)");
    assert_eq!(f["properties"]["date"], "2021-04-19");
    assert_eq!(f["properties"]["place_ar"], "طرابلس");
    assert_eq!(
        f["properties"]["participants_ar"],
        "خالد مازن; لوتشانا لامورجيزي"
    );
    assert_eq!(features[1]["properties"]["headline"], HEADLINE_2);

    // Also readable by the geojson crate as a FeatureCollection.
    let parsed: geojson::FeatureCollection = std::str::from_utf8(&bytes).unwrap().parse().unwrap();
    assert_eq!(parsed.features.len(), 2);
}

#[test]
fn geojson_without_coordinates_is_an_empty_collection() {
    let mut out = Vec::new();
    let summary = export::write(Format::GeoJson, &options(), &seed_rows(), &(), &mut out).unwrap();
    assert_eq!(summary.written, 0);
    assert_eq!(summary.skipped_without_coordinates, 2);
    let fc: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        fc,
        serde_json::json!({"type": "FeatureCollection", "features": []})
    );
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

#[test]
fn write_file_writes_the_same_bytes_and_names_the_file_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meetings.csv");
    std::fs::write(&path, "old").unwrap();
    let summary =
        export::write_file(Format::CsvExcel, &options(), &seed_rows(), &lookup(), &path).unwrap();
    let (expected, _) = export_bytes(Format::CsvExcel, &seed_rows());
    assert_eq!(std::fs::read(&path).unwrap(), expected);
    assert_eq!(summary.bytes, expected.len() as u64);
    // Only the export is left in the folder (the temporary file was renamed into place).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    let missing = dir.path().join("no such folder").join("meetings.ics");
    let err = export::write_file(
        Format::ICalendar,
        &options(),
        &seed_rows(),
        &lookup(),
        &missing,
    )
    .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("could not export to {}: ", missing.display())),
        "{message}"
    );
}
