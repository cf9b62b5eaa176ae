//! The HTML report: one self-contained HTML5 file to share or print.
//!
//! - No external resource of any kind (no script, font, image or stylesheet link); a
//!   Content-Security-Policy `default-src 'none'` with inline styles only, so even a browser that
//!   opened a tampered copy runs nothing.
//! - `<html lang dir>` from [`ExportOptions::language`]: Arabic reads right to left in any browser.
//!   Archive text sits in `<bdi>` (with `dir="rtl"` when it starts in Arabic), so an Arabic name in
//!   an English report, or a Latin one in an Arabic report, keeps its own order.
//! - The filter line ([`ExportOptions::filter_description`]), the counts, meetings per month drawn
//!   as inline SVG, then one section per month with every meeting: date, place, participants,
//!   topics, status and kind, the weekday warning, and its sources.
//! - All archive text is escaped for element text, attributes and `<title>` alike
//!   ([`markup::escape_html`]); only http/https URLs become links, anything else (`javascript:`)
//!   is shown as text (`shared/cases/exports-backups-limits.md` C3).
//! - A print stylesheet for A4: no meeting split across pages, links printed as their URL.

use super::markup::{escape_html, linkable_url, text_dir};
use super::report::{self, MeetingFacts, Section};
use super::{ExportError, ExportLookup, ExportOptions, ExportSummary, ReportLang};
use crate::model::MeetingStatus;
use crate::query::TimelineMeeting;
use std::fmt::Write as _;
use std::io::Write;

/// Inline styles: screen and print (A4).
const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6672; --line: #d7dde3; --accent: #1f6f8b; --warn: #9a5b00; }
* { box-sizing: border-box; }
body { font-family: "Noto Naskh Arabic", "Noto Sans", "Segoe UI", Tahoma, Arial, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
.meta { color: var(--muted); margin: .2rem 0; }
.chart svg { width: 100%; height: auto; max-height: 14rem; }
.chart .bar { fill: var(--accent); }
.chart .axis { stroke: var(--muted); stroke-width: 1; }
.chart text { font-size: 10px; fill: var(--muted); font-family: sans-serif; }
.meeting { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin: .8rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; }
ul, ol { margin: 0; padding-inline-start: 1.2rem; }
.status { display: inline-block; padding: 0 .4rem; border-radius: 4px; background: #e6f0f3; }
.status-announced { background: #fff3d6; }
.status-cancelled { background: #f6dede; text-decoration: line-through; }
.warn { color: var(--warn); font-weight: bold; }
.url { color: var(--muted); font-size: .85em; overflow-wrap: anywhere; }
a { color: var(--accent); }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  .meeting { break-inside: avoid; page-break-inside: avoid; border-color: #999; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .chart { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Writes the page.
pub(super) fn write(
    options: &ExportOptions,
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    out: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), ExportError> {
    let lang = options.language;
    let w = report::words(lang);
    let filter = options
        .filter_description
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty());
    let page_title = match filter {
        Some(f) => format!("{} — {f}", w.title),
        None => w.title.to_string(),
    };
    let mut page = String::with_capacity(4096 + rows.len() * 1500);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"Arshif {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.tag(),
        lang.dir(),
        env!("CARGO_PKG_VERSION"),
        escape_html(&page_title),
    );
    page.push_str("<header>\n");
    let _ = writeln!(page, "<h1>{}</h1>", escape_html(w.title));
    if let Some(f) = filter {
        let _ = writeln!(
            page,
            "<p class=\"meta filter\">{}: {}</p>",
            escape_html(w.filters),
            bdi(f)
        );
    }
    let _ = writeln!(
        page,
        "<p class=\"meta\">{} · {}: <bdi dir=\"ltr\">{}</bdi></p>",
        escape_html(&report::count_line(lang, rows)),
        escape_html(w.exported),
        escape_html(&report::exported_at(options))
    );
    page.push_str("</header>\n");
    chart(&mut page, rows, lang);
    if rows.is_empty() {
        let _ = writeln!(page, "<p>{}</p>", escape_html(w.no_meetings));
    }
    for section in report::sections(rows, lang) {
        month_section(&mut page, &section, lang, lookup);
        summary.written += section.meetings.len();
    }
    page.push_str("</body>\n</html>\n");
    out.write_all(page.as_bytes())?;
    Ok(())
}

/// Escaped archive text in a `<bdi>`, isolated from its neighbours with the direction of its first
/// letter (as `dir="auto"`, spelled out as `dir="rtl"` for text that starts in Arabic).
fn bdi(text: &str) -> String {
    if text_dir(text) == "rtl" {
        format!("<bdi dir=\"rtl\">{}</bdi>", escape_html(text))
    } else {
        format!("<bdi>{}</bdi>", escape_html(text))
    }
}

/// Bar chart of meetings per month (first to last dated month), inline SVG. Left to right in both
/// languages, like the app's year histogram; each bar has a `<title>` tooltip.
fn chart(page: &mut String, rows: &[TimelineMeeting], lang: ReportLang) {
    let months = report::per_month(rows);
    if months.is_empty() {
        return;
    }
    const BAR: usize = 12;
    const GAP: usize = 3;
    const HEIGHT: usize = 100;
    const TOP: usize = 14;
    const BOTTOM: usize = 18;
    let max = months.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let width = months.len() * (BAR + GAP) + GAP;
    let total = TOP + HEIGHT + BOTTOM;
    let heading = report::words(lang).per_month;
    let _ = write!(
        page,
        "<section class=\"chart\">\n<h2>{}</h2>\n<figure dir=\"ltr\" style=\"margin:0\">\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {total}\" role=\"img\" aria-label=\"{}\">\n",
        escape_html(heading),
        escape_html(heading)
    );
    let baseline = TOP + HEIGHT;
    let _ = writeln!(
        page,
        "<line class=\"axis\" x1=\"0\" y1=\"{baseline}\" x2=\"{width}\" y2=\"{baseline}\"/>"
    );
    let _ = writeln!(page, "<text x=\"2\" y=\"10\">{max}</text>");
    for (i, ((year, month), n)) in months.iter().enumerate() {
        let x = GAP + i * (BAR + GAP);
        let h = n * HEIGHT / max;
        let label = report::month_label(lang, *year, *month);
        let _ = writeln!(
            page,
            "<rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"{BAR}\" height=\"{h}\"><title>{}: {n}</title></rect>",
            baseline - h,
            escape_html(&label)
        );
        if *month == 1 || i == 0 {
            let _ = writeln!(
                page,
                "<text x=\"{x}\" y=\"{}\">{year}</text>",
                baseline + 13
            );
        }
    }
    page.push_str("</svg>\n</figure>\n</section>\n");
}

fn month_section(
    page: &mut String,
    section: &Section<'_>,
    lang: ReportLang,
    lookup: &dyn ExportLookup,
) {
    let id = match section.month {
        Some((y, m)) => format!("m-{y:04}-{m:02}"),
        None => "undated".to_string(),
    };
    let _ = writeln!(
        page,
        "<section class=\"month\" id=\"{id}\">\n<h2>{} <span class=\"meta\">({})</span></h2>",
        escape_html(&section.heading),
        section.meetings.len()
    );
    for m in &section.meetings {
        meeting(page, &report::facts(m, lang, lookup), lang);
    }
    page.push_str("</section>\n");
}

fn meeting(page: &mut String, f: &MeetingFacts, lang: ReportLang) {
    let w = report::words(lang);
    let _ = writeln!(
        page,
        "<article class=\"meeting\" id=\"{}\">\n<h3>{}</h3>\n<dl>",
        escape_html(&f.stable_id),
        bdi(&f.title)
    );
    let mut row = |label: &str, value: String| {
        let _ = writeln!(page, "<dt>{}</dt><dd>{value}</dd>", escape_html(label));
    };
    let mut date = if f.date.is_empty() {
        escape_html(w.date_unknown)
    } else {
        format!("<bdi dir=\"ltr\">{}</bdi>", escape_html(&f.date))
    };
    if let Some(note) = f.precision_note {
        let _ = write!(date, " ({})", escape_html(note));
    }
    if f.weekday_conflict {
        let _ = write!(
            date,
            " <span class=\"warn\">⚠ {}</span>",
            escape_html(w.weekday_conflict)
        );
    }
    row(w.date, date);
    if let Some(place) = &f.place {
        row(w.place, bdi(place));
    }
    if !f.participants.is_empty() {
        let items: String = f
            .participants
            .iter()
            .map(|p| format!("<li>{}</li>", bdi(p)))
            .collect();
        row(w.participants, format!("<ul>{items}</ul>"));
    }
    if !f.topics.trim().is_empty() {
        row(w.topics, bdi(&f.topics));
    }
    let status_class = match f.status_code {
        MeetingStatus::Held => "",
        MeetingStatus::Announced => " status-announced",
        MeetingStatus::Cancelled => " status-cancelled",
    };
    row(
        w.status,
        format!(
            "<span class=\"status{status_class}\">{}</span>",
            escape_html(f.status)
        ),
    );
    row(w.kind, escape_html(&f.kind));
    if !f.sources.is_empty() {
        let items: String = f
            .sources
            .iter()
            .map(|a| {
                let headline = bdi(a.headline.trim());
                match a.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
                    Some(url) => match linkable_url(url) {
                        Some(link) => format!(
                            "<li><a href=\"{}\" rel=\"noopener noreferrer\">{headline}</a> \
                             <span class=\"url\" dir=\"ltr\">{}</span></li>",
                            escape_html(link),
                            escape_html(link)
                        ),
                        // Not a web address (`javascript:` …): shown, never clickable.
                        None => format!(
                            "<li>{headline} <span class=\"url\" dir=\"ltr\">{}</span></li>",
                            escape_html(url)
                        ),
                    },
                    None => format!("<li>{headline}</li>"),
                }
            })
            .collect();
        row(w.sources, format!("<ol>{items}</ol>"));
    }
    page.push_str("</dl>\n</article>\n");
}
