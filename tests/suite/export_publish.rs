//! The publishing and notes formats (TimelineJS, the HTML report, Markdown), the spreadsheet
//! variant's codes kept as text, and the status and weekday-conflict fields in every format, over
//! the seed's two meetings of 2021-04-19 in Tripoli (Khaled Mazen and Mohamed al-Menfi with
//! Luciana Lamorgese) and the faults of `shared/cases/exports-backups-limits.md` (C2, C3, C5, C14).
//! Each file is read back by a reader that is not the writer: serde_json, an HTML5 parser
//! (dom_query on html5ever), a GFM table splitter, the csv crate.

use super::export_formats::{
    HEADLINE_1, day, entity, lamorgese, lookup, mazen, options, seed_rows, tripoli,
};
use arshif::export::{self, ArticleRef, ExportOptions, ExportSummary, Format, ReportLang};
use arshif::model::{DatePrecision, MeetingKind, MeetingStatus};
use arshif::query::TimelineMeeting;
use pretty_assertions::assert_eq;
use serde_json::Value;

fn export_with(
    format: Format,
    options: &ExportOptions,
    rows: &[TimelineMeeting],
    lookup: &dyn export::ExportLookup,
) -> (String, ExportSummary) {
    let mut out = Vec::new();
    let summary = export::write(format, options, rows, lookup, &mut out).unwrap();
    assert_eq!(summary.bytes, out.len() as u64);
    let text = String::from_utf8(out).expect("every export is UTF-8");
    (text, summary)
}

fn arabic_options() -> ExportOptions {
    ExportOptions {
        language: ReportLang::Ar,
        ..options()
    }
}

/// A meeting with one Libyan and one Italian participant, dated to `precision`.
fn meeting(id: i64, date: Option<(i32, u32, u32)>, precision: DatePrecision) -> TimelineMeeting {
    TimelineMeeting {
        id,
        key: format!("{id}/khaled_mazen+luciana_lamorgese"),
        date: date.map(|(y, m, d)| day(y, m, d)),
        precision: date.map(|_| precision),
        place: Some(tripoli()),
        kind: MeetingKind::Host,
        status: MeetingStatus::Held,
        participants: vec![mazen(), lamorgese()],
        topics: vec![entity("migration", "Migration", "الهجرة")],
        article_ids: vec![id],
        headline: format!("headline {id}"),
        confidence: 0.8,
        weekday_conflict: false,
    }
}

// ---------------------------------------------------------------------------------------------
// TimelineJS (C2)
// ---------------------------------------------------------------------------------------------

#[test]
fn timelinejs_dates_follow_c2() {
    let rows = [
        meeting(1, Some((2021, 5, 20)), DatePrecision::Day),
        // The model has no end date: a two-day meeting is stored as its first day.
        meeting(2, Some((2023, 1, 28)), DatePrecision::Day),
        meeting(3, Some((2021, 5, 1)), DatePrecision::Month),
        meeting(4, None, DatePrecision::Day),
    ];
    let (text, summary) = export_with(Format::TimelineJs, &options(), &rows, &lookup());
    assert_eq!((summary.written, summary.skipped_undated), (3, 1));
    assert!(
        summary.to_string().ends_with("; 1 skipped without a date"),
        "{summary}"
    );
    let tl: Value = serde_json::from_str(&text).expect("strict JSON");
    let events = tl["events"].as_array().unwrap();
    let dates: Vec<&Value> = events.iter().map(|e| &e["start_date"]).collect();
    assert_eq!(
        dates,
        [
            &serde_json::json!({"year": "2021", "month": "5", "day": "20"}),
            &serde_json::json!({"year": "2023", "month": "1", "day": "28"}),
            &serde_json::json!({"year": "2021", "month": "5"}),
        ]
    );
    for e in events {
        let mut keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        // No `end_date` (not `{}`, not year-only): TimelineJS shows "January 1, 0" for those.
        assert_eq!(keys, ["group", "start_date", "text", "unique_id"]);
        let month: u32 = e["start_date"]["month"].as_str().unwrap().parse().unwrap();
        assert!((1..=12).contains(&month));
    }
    assert!(!text.contains("1900") && !text.contains("\"year\": \"0\""));
    assert!(
        !text.contains("headline 4"),
        "the undated meeting is left out"
    );
    // The title slide counts it.
    let title = tl["title"]["text"]["text"].as_str().unwrap();
    assert!(title.contains("Meetings: 4, without a date: 1"), "{title}");
}

#[test]
fn timelinejs_seed_events_carry_titles_groups_and_stable_ids() {
    let opts = ExportOptions {
        filter_description: Some("Italy · 2021".into()),
        ..options()
    };
    let (text, summary) = export_with(Format::TimelineJs, &opts, &seed_rows(), &lookup());
    assert_eq!(summary.written, 2);
    let tl: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(tl["title"]["text"]["headline"], "Libyan–European meetings");
    assert!(
        tl["title"]["text"]["text"]
            .as_str()
            .unwrap()
            .starts_with("<p dir=\"ltr\">Filters: Italy · 2021</p>")
    );
    let e = &tl["events"][0];
    assert_eq!(e["text"]["headline"], "Mazen – Lamorgese (Tripoli)");
    assert_eq!(e["group"], "Italy");
    // The iCalendar UID of the same meeting, without its domain.
    assert_eq!(e["unique_id"], "meeting-189e5c3b0076c139");
    let body = e["text"]["text"].as_str().unwrap();
    assert!(body.contains(
        "<li dir=\"ltr\"><bdi>Khaled Mazen (Minister of Interior, Ministry of Interior (Libya), \
         Libya) — خالد مازن</bdi></li>"
    ));
    assert!(body.contains("held · host (CAMEO 043)"));
    assert!(body.contains("⚠ the weekday the text states does not match this date"));
    assert!(body.contains(&format!(
        "<li dir=\"rtl\"><a href=\"https://example.org/ar/015\" target=\"_blank\" rel=\"noopener noreferrer\">{HEADLINE_1}</a></li>"
    )));
    // Second meeting: the headline's quotes are escaped for the slide's HTML.
    let body = tl["events"][1]["text"]["text"].as_str().unwrap();
    assert!(body.contains("Al-Menfi receives Lamorgese, &quot;security first&quot;"));
    assert_ne!(tl["events"][1]["unique_id"], e["unique_id"]);
}

#[test]
fn timelinejs_unique_ids_stay_unique() {
    let mut rows = seed_rows();
    rows[1].key = rows[0].key.clone();
    let (text, _) = export_with(Format::TimelineJs, &options(), &rows, &lookup());
    let tl: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(tl["events"][0]["unique_id"], "meeting-189e5c3b0076c139");
    assert_eq!(tl["events"][1]["unique_id"], "meeting-189e5c3b0076c139-2");
}

#[test]
fn timelinejs_arabic_headlines_read_right_to_left() {
    let (text, _) = export_with(
        Format::TimelineJs,
        &arabic_options(),
        &seed_rows(),
        &lookup(),
    );
    let tl: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(tl["title"]["text"]["headline"], "اللقاءات الليبية الأوروبية");
    assert_eq!(
        tl["events"][0]["text"]["headline"],
        "<span dir=\"rtl\">خالد مازن – لوتشانا لامورجيزي (طرابلس)</span>"
    );
    assert_eq!(
        tl["events"][1]["text"]["headline"],
        "<span dir=\"rtl\">محمد المنفي – لوتشانا لامورجيزي (طرابلس)</span>"
    );
    let body = tl["events"][0]["text"]["text"].as_str().unwrap();
    assert!(body.starts_with("<div dir=\"rtl\" lang=\"ar\">"), "{body}");
    assert!(body.contains("عُقد · استقبال (CAMEO 043)"));
}

// ---------------------------------------------------------------------------------------------
// HTML report (C3)
// ---------------------------------------------------------------------------------------------

const HOSTILE_TITLE: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_NAME: &str = "Ali\" onmouseover=\"alert(2)";
const HOSTILE_TOPIC: &str = "</title><script>alert(3)</script>";
const HOSTILE_URL: &str = "javascript:alert(4)";
const LITERAL_BODY: &str = "&amp; and <ب>";

/// The seed with C3's hostile strings in every field the report shows.
fn hostile_rows() -> (Vec<TimelineMeeting>, export::MapLookup) {
    let mut rows = seed_rows();
    rows[0].headline = HOSTILE_TITLE.into();
    rows[0].participants[0].person.name_en = HOSTILE_NAME.into();
    rows[0].topics[0].name_en = HOSTILE_TOPIC.into();
    rows[0].topics[0].name_ar = HOSTILE_TOPIC.into();
    rows[1].topics[0].name_en = LITERAL_BODY.into();
    let mut l = lookup();
    l.articles.insert(
        15,
        ArticleRef {
            headline: HOSTILE_TITLE.into(),
            url: Some(HOSTILE_URL.into()),
        },
    );
    (rows, l)
}

/// Elements, attributes and links of a parsed page that could run something.
fn assert_inert(doc: &dom_query::Document) {
    for tag in ["script", "img", "iframe", "object", "embed", "link", "base"] {
        assert_eq!(doc.select(tag).length(), 0, "a <{tag}> element");
    }
    for node in doc.select("*").nodes() {
        for a in node.attrs() {
            let name = a.name.local.to_string();
            assert!(
                !name.starts_with("on"),
                "attribute {name} on {:?}",
                node.node_name()
            );
            assert!(name != "src" && name != "srcdoc", "attribute {name}");
        }
    }
    for a in doc.select("a").nodes() {
        let href = a.attr("href").unwrap().to_string();
        assert!(
            href.starts_with("https://") || href.starts_with("http://"),
            "{href}"
        );
    }
}

#[test]
fn html_report_escapes_every_hostile_string() {
    let (rows, l) = hostile_rows();
    let opts = ExportOptions {
        filter_description: Some(HOSTILE_TOPIC.into()),
        ..options()
    };
    let (html, summary) = export_with(Format::Html, &opts, &rows, &l);
    assert_eq!(summary.written, 2);
    let doc = dom_query::Document::from(html.as_str());
    assert_inert(&doc);
    // `<title>` holds the text, escaped, and nothing broke out of it.
    assert_eq!(
        doc.select("head > title").text().to_string(),
        format!("Libyan–European meetings — {HOSTILE_TOPIC}")
    );
    let text = doc.select("body").text().to_string();
    for s in [
        HOSTILE_TITLE,
        HOSTILE_NAME,
        HOSTILE_TOPIC,
        HOSTILE_URL,
        LITERAL_BODY,
    ] {
        assert!(text.contains(s), "the page shows {s:?} as text");
    }
    // `&amp;` in the data is `&amp;amp;` in the source, so it shows as `&amp;`.
    assert!(html.contains("&amp;amp; and &lt;ب&gt;"));
    // The javascript: source is text, not a link.
    assert!(!html.contains("href=\"javascript"));
    assert!(html.contains("<span class=\"url\" dir=\"ltr\">javascript:alert(4)</span>"));
}

#[test]
fn html_report_is_self_contained_with_lang_dir_chart_and_print_style() {
    for (opts, lang, dir, heading) in [
        (options(), "en", "ltr", "April 2021"),
        (arabic_options(), "ar", "rtl", "أبريل 2021"),
    ] {
        let (html, _) = export_with(Format::Html, &opts, &seed_rows(), &lookup());
        let doc = dom_query::Document::from(html.as_str());
        assert_inert(&doc);
        let root = doc.select("html");
        assert_eq!(root.attr("lang").unwrap().to_string(), lang);
        assert_eq!(root.attr("dir").unwrap().to_string(), dir);
        // No external resources: the only URLs are the SVG namespace and the sources' links.
        let style = doc.select("style").text().to_string();
        assert!(!style.contains("url(") && !style.contains("@import"));
        assert!(style.contains("@page { size: A4;") && style.contains("@media print"));
        assert_eq!(doc.select("meta[http-equiv]").length(), 1);
        // One section per month, both meetings in it, with the seed's names.
        let h2: Vec<String> = doc
            .select("section.month h2")
            .iter()
            .map(|h| h.text().to_string())
            .collect();
        assert_eq!(h2, [format!("{heading} (2)")]);
        assert_eq!(doc.select("article.meeting").length(), 2);
        let text = doc.select("body").text().to_string();
        for name in [
            "خالد مازن",
            "محمد المنفي",
            "لوتشانا لامورجيزي",
            "2021-04-19",
            "طرابلس",
        ] {
            assert!(text.contains(name), "{lang}: {name}");
        }
        // Meetings per month: one bar of height 2 (of 2) for April 2021.
        let bars = doc.select("svg rect.bar");
        assert_eq!(bars.length(), 1);
        assert_eq!(bars.text().to_string(), format!("{heading}: 2"));
        // Arabic names in an English page, and Latin labels in an Arabic page, are isolated.
        assert!(doc.select("bdi[dir=rtl]").length() > 0);
        // The weekday warning of meeting 1, and the source link of both.
        assert_eq!(doc.select(".warn").length(), 1);
        assert_eq!(
            doc.select("a[href=\"https://example.org/ar/015\"]")
                .length(),
            2
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown (C5)
// ---------------------------------------------------------------------------------------------

/// Splits a GFM table row into cells as cmark-gfm does: a backslash and the character after it
/// belong to the cell (so `\|` is no separator), every other `|` separates.
fn gfm_cells(row: &str) -> Vec<String> {
    let inner = row.trim().strip_prefix('|').unwrap_or(row);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cells.last_mut().unwrap().push(c);
                if let Some(next) = chars.next() {
                    cells.last_mut().unwrap().push(next);
                }
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    if cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// A cell's text as a CommonMark renderer shows it: backslash escapes removed, `<br>` a newline.
fn unescape_cell(cell: &str) -> String {
    let mut out = String::new();
    let mut rest = cell;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<br>") {
            out.push('\n');
            rest = after;
        } else if c == '\\' && rest.len() > 1 {
            let next = rest[1..].chars().next().unwrap();
            out.push(next);
            rest = &rest[1 + next.len_utf8()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[test]
fn markdown_tables_keep_their_columns_with_pipes_and_backslashes() {
    let mut rows = seed_rows();
    // The row lists Lamorgese first; the export puts Mazen (the Libyan side) first.
    rows[0].participants[1].person.name_en = "Has a \\| pipe".into();
    rows[0].topics[0].name_en = "a|b \\ c".into();
    rows[1].place = Some(entity("x", "Line one\nline | two", "سطر"));
    rows.push(meeting(3, Some((2021, 5, 2)), DatePrecision::Day));
    rows.push(meeting(4, None, DatePrecision::Day));
    let (md, summary) = export_with(Format::Markdown, &options(), &rows, &lookup());
    assert_eq!(summary.written, 4);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## April 2021 (2)",
            "## May 2021 (1)",
            "## Date unknown (1)"
        ]
    );
    let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    // Three sections: a header, a delimiter and their rows each.
    assert_eq!(table.len(), 3 * 2 + 4);
    for row in &table {
        assert_eq!(gfm_cells(row).len(), 7, "{row}");
    }
    let first = gfm_cells(table[2]);
    assert!(
        unescape_cell(&first[2]).starts_with("Has a \\| pipe (Minister of Interior"),
        "{}",
        first[2]
    );
    assert_eq!(unescape_cell(&first[4]), "a|b \\ c; Migration");
    let second = gfm_cells(table[3]);
    assert_eq!(unescape_cell(&second[3]), "Line one\nline | two (سطر)");
    assert!(second[6].starts_with(
        "Al-Menfi receives Lamorgese, \"security first\"<br>Migration on the agenda<br>[مباحثات"
    ));
    assert!(first[6].contains("(<https://example.org/ar/015>)"));
    assert_eq!(
        unescape_cell(&first[0]),
        format!("2021-04-19\n⚠ the weekday the text states does not match this date: check it")
    );
}

#[test]
fn markdown_in_arabic_names_months_in_arabic() {
    let (md, _) = export_with(Format::Markdown, &arabic_options(), &seed_rows(), &lookup());
    assert!(md.starts_with("# اللقاءات الليبية الأوروبية\n"));
    assert!(md.contains("\n## أبريل 2021 (2)\n"));
    assert!(md.contains("| خالد مازن – لوتشانا لامورجيزي (طرابلس) |"));
    assert!(md.contains("خالد مازن — Khaled Mazen (Minister of Interior"));
}

#[test]
fn markdown_escapes_html_and_shows_unsafe_urls_as_text() {
    let (rows, l) = hostile_rows();
    let (md, _) = export_with(Format::Markdown, &options(), &rows, &l);
    // Every `<` from the data is backslash-escaped: the only tags are our `<br>` and autolinks.
    for (i, _) in md.match_indices('<') {
        let escaped = md[..i].ends_with('\\');
        assert!(
            escaped || md[i..].starts_with("<br>") || md[i..].starts_with("<https://"),
            "{}",
            &md[i..]
        );
    }
    assert!(!md.contains("](javascript") && !md.contains("](<javascript"));
    assert!(md.contains("\\<img src=x onerror=alert(1)\\> (javascript:alert(4))"));
}

// ---------------------------------------------------------------------------------------------
// Spreadsheets: codes and ids stay text
// ---------------------------------------------------------------------------------------------

fn csv_records(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let headers = r.headers().unwrap().iter().map(String::from).collect();
    let records = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, records)
}

#[test]
fn csv_excel_keeps_codes_ids_and_partial_dates_as_text() {
    let mut rows = seed_rows();
    rows.push(meeting(3, Some((2021, 5, 1)), DatePrecision::Month));
    rows[2].headline = "2021".into();
    let (excel, _) = export_with(Format::CsvExcel, &options(), &rows, &lookup());
    let (plain, _) = export_with(Format::Csv, &options(), &rows, &lookup());
    // The bytes a spreadsheet sees: a formula whose value is the text 043.
    assert!(excel.contains(",\"=\"\"043\"\"\","));
    let (h, excel_rows) = csv_records(&excel);
    let (_, plain_rows) = csv_records(&plain);
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let pick = |rows: &[Vec<String>], i: usize, name: &str| rows[i][col(name)].clone();
    assert_eq!(pick(&excel_rows, 0, "cameo_code"), "=\"043\"");
    assert_eq!(pick(&plain_rows, 0, "cameo_code"), "043");
    assert_eq!(pick(&excel_rows, 0, "article_ids"), "=\"15\"");
    assert_eq!(pick(&excel_rows, 1, "article_ids"), "16; 15");
    // A day date stays a date; a month-precision one must not become the 1st of the month.
    assert_eq!(pick(&excel_rows, 0, "date"), "2021-04-19");
    assert_eq!(pick(&excel_rows, 2, "date"), "=\"2021-05\"");
    assert_eq!(pick(&plain_rows, 2, "date"), "2021-05");
    // Free text that looks like a number, and the real numbers.
    assert_eq!(pick(&excel_rows, 2, "headline"), "=\"2021\"");
    assert_eq!(pick(&excel_rows, 1, "article_count"), "2");
    assert_eq!(pick(&excel_rows, 0, "confidence"), "0.9");
    // Arabic names untouched.
    assert_eq!(
        pick(&excel_rows, 1, "participants_ar"),
        "محمد المنفي; لوتشانا لامورجيزي"
    );
}

// ---------------------------------------------------------------------------------------------
// Every format: status and weekday conflict; no panic on any text (C14)
// ---------------------------------------------------------------------------------------------

#[test]
fn every_format_carries_status_and_weekday_conflict() {
    let mut row = meeting(7, Some((2022, 3, 14)), DatePrecision::Day);
    row.status = MeetingStatus::Cancelled;
    row.weekday_conflict = true;
    for format in Format::ALL {
        let (text, summary) =
            export_with(format, &options(), std::slice::from_ref(&row), &lookup());
        assert_eq!(summary.written, 1, "{format}");
        let (status, conflict) = match format {
            Format::Csv | Format::CsvExcel => {
                let (h, r) = csv_records(&text);
                let at = |n: &str| r[0][h.iter().position(|c| c == n).unwrap()].clone();
                (
                    at("status") == "cancelled",
                    at("weekday_conflict") == "true",
                )
            }
            Format::Json | Format::JsonLines => {
                let v: Value = if format == Format::Json {
                    serde_json::from_str::<Value>(&text).unwrap()[0].clone()
                } else {
                    serde_json::from_str(text.lines().next().unwrap()).unwrap()
                };
                (v["status"] == "cancelled", v["weekday_conflict"] == true)
            }
            Format::GeoJson => {
                let v: Value = serde_json::from_str(&text).unwrap();
                let p = &v["features"][0]["properties"];
                (p["status"] == "cancelled", p["weekday_conflict"] == true)
            }
            Format::ICalendar => (
                text.contains("STATUS:CANCELLED"),
                text.replace("\r\n ", "")
                    .contains("Check the date: the weekday the text states"),
            ),
            Format::TimelineJs | Format::Html | Format::Markdown => (
                text.contains("cancelled"),
                text.contains("⚠ the weekday the text states does not match this date"),
            ),
        };
        assert!(status, "{format}: status");
        assert!(conflict, "{format}: weekday conflict");
    }
}

#[test]
fn no_format_panics_on_multibyte_text_at_any_byte_offset() {
    let tail = "الإنشاء 🇱🇾 لا";
    let mut rows: Vec<TimelineMeeting> = (0..400)
        .map(|k| {
            let mut m = meeting(k + 10, Some((2021, 4, 19)), DatePrecision::Day);
            m.headline = format!("{}{tail}", "a".repeat(k as usize));
            m.participants[0].person.name_en = m.headline.clone();
            m.place = Some(entity("tripoli", &m.headline, tail));
            m
        })
        .collect();
    rows[0].headline = "ءالإنشاء".repeat(100_000 / "ءالإنشاء".len());
    for opts in [options(), arabic_options()] {
        for format in Format::ALL {
            let (text, summary) = export_with(format, &opts, &rows, &lookup());
            assert_eq!(summary.written, 400, "{format}");
            // iCalendar folds long lines: unfold before looking (RFC 5545 §3.1).
            assert!(text.replace("\r\n ", "").contains(tail), "{format}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Time zones: a date is a calendar date, never an instant
// ---------------------------------------------------------------------------------------------

/// The export without its export time (iCalendar DTSTAMP, the reports' "… UTC"), which is the
/// only thing allowed to differ between two runs.
fn without_export_time(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("DTSTAMP:"))
        .map(|l| match l.find(" UTC") {
            Some(i) if i >= 16 && l.is_char_boundary(i - 16) => {
                format!("{}<time>{}", &l[..i - 16], &l[i + 4..])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn exports_from_the_cli_are_the_same_in_every_time_zone() {
    let (dir, db) = crate::common::temp_db();
    let run = |tz: Option<&str>, args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_arshif"));
        cmd.arg("--db").arg(&db).args(args);
        if let Some(tz) = tz {
            cmd.env("TZ", tz);
        }
        let out = cmd.output().expect("run arshif");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let seed = crate::common::seed_path();
    run(None, &["import", seed.to_str().unwrap()]);
    // The seed's body only says «اليوم»: dating the article dates both meetings.
    run(None, &["set-date", "1", "2021-04-19"]);
    for format in Format::ALL {
        let mut outputs = Vec::new();
        for tz in ["UTC", "America/New_York", "Pacific/Kiritimati"] {
            let path = dir
                .path()
                .join(format!("{}-{}", format.name(), tz.replace('/', "_")));
            run(
                Some(tz),
                &[
                    "export",
                    "--format",
                    format.name(),
                    "--out",
                    path.to_str().unwrap(),
                ],
            );
            outputs.push(without_export_time(
                &std::fs::read_to_string(&path).unwrap(),
            ));
        }
        assert_eq!(outputs[0], outputs[1], "{format}: New York");
        assert_eq!(outputs[0], outputs[2], "{format}: Kiritimati");
        let day = match format {
            Format::ICalendar => "DTSTART;VALUE=DATE:20210419",
            Format::TimelineJs => "\"day\": \"19\"",
            _ => "2021-04-19",
        };
        assert!(outputs[0].contains(day), "{format}: {day}");
    }
}
