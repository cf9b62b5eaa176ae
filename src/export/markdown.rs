//! The report as Markdown for notes tools (Obsidian, a wiki): CommonMark with GFM tables.
//!
//! A `#` title, the filter line and counts, then one `##` section per month ("April 2021 (2)";
//! undated meetings last) holding a table with one row per meeting: date, meeting, participants,
//! place, topics, status and kind, sources. Every cell goes through
//! [`markup::escape_markdown_cell`]: `|` and `\` are escaped and line breaks become `<br>`, so each
//! row keeps its column count (`shared/cases/exports-backups-limits.md` C5), and Markdown/HTML
//! syntax in archive text stays text. Sources are links only for http/https URLs.
//!
//! UTF-8 without a byte-order mark, `\n` line ends.

use super::markup::{escape_markdown_cell, escape_markdown_inline, linkable_url};
use super::report::{self, MeetingFacts};
use super::{ExportError, ExportLookup, ExportOptions, ExportSummary, ReportLang};
use crate::query::TimelineMeeting;
use std::fmt::Write as _;
use std::io::Write;

/// Line break inside a table cell (GFM cells are one line).
const CELL_BREAK: &str = "<br>";

/// Writes the report.
pub(super) fn write(
    options: &ExportOptions,
    rows: &[TimelineMeeting],
    lookup: &dyn ExportLookup,
    out: &mut dyn Write,
    summary: &mut ExportSummary,
) -> Result<(), ExportError> {
    let lang = options.language;
    let w = report::words(lang);
    let mut doc = String::with_capacity(1024 + rows.len() * 800);
    let _ = writeln!(doc, "# {}\n", escape_markdown_inline(w.title));
    if let Some(filter) = options
        .filter_description
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        let _ = writeln!(
            doc,
            "**{}:** {}\n",
            escape_markdown_inline(w.filters),
            escape_markdown_inline(filter)
        );
    }
    let _ = writeln!(
        doc,
        "{} · {}: {}",
        escape_markdown_inline(&report::count_line(lang, rows)),
        escape_markdown_inline(w.exported),
        report::exported_at(options)
    );
    if rows.is_empty() {
        let _ = writeln!(doc, "\n{}", escape_markdown_inline(w.no_meetings));
    }
    let header = [
        w.date,
        w.meeting,
        w.participants,
        w.place,
        w.topics,
        w.status,
        w.sources,
    ];
    for section in report::sections(rows, lang) {
        let _ = writeln!(
            doc,
            "\n## {} ({})\n",
            escape_markdown_inline(&section.heading),
            section.meetings.len()
        );
        table_row(&mut doc, header.iter().map(|h| escape_markdown_cell(h)));
        table_row(&mut doc, header.iter().map(|_| "---".to_string()));
        for m in &section.meetings {
            let f = report::facts(m, lang, lookup);
            table_row(&mut doc, cells(&f, lang).into_iter());
            summary.written += 1;
        }
    }
    out.write_all(doc.as_bytes())?;
    Ok(())
}

/// `| a | b |` and a newline.
fn table_row(doc: &mut String, cells: impl Iterator<Item = String>) {
    doc.push('|');
    for cell in cells {
        doc.push(' ');
        doc.push_str(&cell);
        doc.push_str(" |");
    }
    doc.push('\n');
}

/// The seven escaped cells of one meeting.
fn cells(f: &MeetingFacts, lang: ReportLang) -> Vec<String> {
    let w = report::words(lang);
    let mut date = if f.date.is_empty() {
        escape_markdown_cell(w.date_unknown)
    } else {
        escape_markdown_cell(&f.date)
    };
    if let Some(note) = f.precision_note {
        let _ = write!(date, " ({})", escape_markdown_cell(note));
    }
    if f.weekday_conflict {
        let _ = write!(
            date,
            "{CELL_BREAK}⚠ {}",
            escape_markdown_cell(w.weekday_conflict)
        );
    }
    let participants = f
        .participants
        .iter()
        .map(|p| escape_markdown_cell(p))
        .collect::<Vec<_>>()
        .join(CELL_BREAK);
    let sources = f
        .sources
        .iter()
        .map(|a| {
            let headline = escape_markdown_cell(a.headline.trim());
            match a.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
                Some(url) => match linkable_url(url) {
                    Some(link) => format!("[{headline}](<{}>)", link_destination(link)),
                    None => format!("{headline} ({})", escape_markdown_cell(url)),
                },
                None => headline,
            }
        })
        .collect::<Vec<_>>()
        .join(CELL_BREAK);
    vec![
        date,
        escape_markdown_cell(&f.title),
        participants,
        escape_markdown_cell(f.place.as_deref().unwrap_or("")),
        escape_markdown_cell(&f.topics),
        format!(
            "{} · {}",
            escape_markdown_cell(f.status),
            escape_markdown_cell(&f.kind)
        ),
        sources,
    ]
}

/// A URL as a `<…>` link destination inside a table cell: the characters that would end the
/// destination or the cell (`<` `>` `|` `\`) percent-encoded; [`linkable_url`] already excluded
/// whitespace and controls. Existing `%xx` escapes are kept as they are.
fn link_destination(url: &str) -> String {
    url.replace('<', "%3C")
        .replace('>', "%3E")
        .replace('|', "%7C")
        .replace('\\', "%5C")
}
