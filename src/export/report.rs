//! What the reports (HTML, Markdown) and the TimelineJS slides say about the rows, independent of
//! markup: the report's own words in English and Arabic, the month sections, the per-month counts
//! for the chart, and each meeting's facts as display strings. The writers only escape and lay out.
//!
//! Archive text (names, headlines, URLs) is returned as stored: escaping is the writer's job.

use super::labels;
use super::{ArticleRef, ExportLookup, ExportOptions, ReportLang};
use crate::model::{DatePrecision, MeetingKind, MeetingStatus, Side};
use crate::query::{ParticipantView, TimelineMeeting};
use chrono::{Datelike, Utc};

/// The report's fixed words in one language.
pub(super) struct Words {
    pub title: &'static str,
    pub filters: &'static str,
    pub per_month: &'static str,
    pub date_unknown: &'static str,
    pub date: &'static str,
    pub meeting: &'static str,
    pub participants: &'static str,
    pub place: &'static str,
    pub topics: &'static str,
    pub status: &'static str,
    pub kind: &'static str,
    pub sources: &'static str,
    pub exported: &'static str,
    pub weekday_conflict: &'static str,
    pub month_only: &'static str,
    pub year_only: &'static str,
    pub no_meetings: &'static str,
    /// "{n} meetings": `{}` is replaced by the number.
    pub meetings_count: &'static str,
    /// "{n} without a date": `{}` is replaced by the number.
    pub undated_count: &'static str,
}

const EN: Words = Words {
    title: "Libyan–European meetings",
    filters: "Filters",
    per_month: "Meetings per month",
    date_unknown: "Date unknown",
    date: "Date",
    meeting: "Meeting",
    participants: "Participants",
    place: "Place",
    topics: "Topics",
    status: "Status",
    kind: "Kind",
    sources: "Sources",
    exported: "Exported",
    weekday_conflict: "the weekday the text states does not match this date: check it",
    month_only: "date known to the month only",
    year_only: "date known to the year only",
    no_meetings: "No meeting matches these filters.",
    meetings_count: "Meetings: {}",
    undated_count: "without a date: {}",
};

const AR: Words = Words {
    title: "اللقاءات الليبية الأوروبية",
    filters: "عوامل التصفية",
    per_month: "اللقاءات في كل شهر",
    date_unknown: "تاريخ غير معروف",
    date: "التاريخ",
    meeting: "اللقاء",
    participants: "المشاركون",
    place: "المكان",
    topics: "المواضيع",
    status: "الحالة",
    kind: "النوع",
    sources: "المصادر",
    exported: "تاريخ التصدير",
    weekday_conflict: "يوم الأسبوع المذكور في النص لا يوافق هذا التاريخ: تحقّق منه",
    month_only: "التاريخ معروف بالشهر فقط",
    year_only: "التاريخ معروف بالسنة فقط",
    no_meetings: "لا يوجد لقاء يطابق عوامل التصفية هذه.",
    meetings_count: "عدد اللقاءات: {}",
    undated_count: "بلا تاريخ: {}",
};

/// The fixed words of `lang`.
pub(super) fn words(lang: ReportLang) -> &'static Words {
    match lang {
        ReportLang::En => &EN,
        ReportLang::Ar => &AR,
    }
}

/// English month names, January first.
pub const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Gregorian month names as Libyan news writes them (يناير … ديسمبر), January first; the app's
/// month headers use them too.
pub const AR_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// "April 2021" / "أبريل 2021" for `month` 1–12.
pub(super) fn month_label(lang: ReportLang, year: i32, month: u32) -> String {
    let names = match lang {
        ReportLang::En => &EN_MONTHS,
        ReportLang::Ar => &AR_MONTHS,
    };
    let name = names[(month.clamp(1, 12) - 1) as usize];
    format!("{name} {year}")
}

/// "held" / «عُقد», as the timeline's status badge says it.
pub(super) fn status_label(lang: ReportLang, status: MeetingStatus) -> &'static str {
    match (lang, status) {
        (ReportLang::En, MeetingStatus::Held) => "held",
        (ReportLang::En, MeetingStatus::Announced) => "announced",
        (ReportLang::En, MeetingStatus::Cancelled) => "cancelled",
        (ReportLang::Ar, MeetingStatus::Held) => "عُقد",
        (ReportLang::Ar, MeetingStatus::Announced) => "أُعلن عنه",
        (ReportLang::Ar, MeetingStatus::Cancelled) => "أُلغي",
    }
}

/// A meeting kind in words, as the app's kind filter names it: "phone call" / «اتصال هاتفي».
pub fn kind_words(lang: ReportLang, kind: MeetingKind) -> &'static str {
    match (lang, kind) {
        (ReportLang::En, MeetingKind::Consult) => "consult",
        (ReportLang::En, MeetingKind::PhoneCall) => "phone call",
        (ReportLang::En, MeetingKind::Visit) => "visit",
        (ReportLang::En, MeetingKind::Host) => "host",
        (ReportLang::En, MeetingKind::ThirdLocation) => "third location",
        (ReportLang::Ar, MeetingKind::Consult) => "تشاور",
        (ReportLang::Ar, MeetingKind::PhoneCall) => "اتصال هاتفي",
        (ReportLang::Ar, MeetingKind::Visit) => "زيارة",
        (ReportLang::Ar, MeetingKind::Host) => "استقبال",
        (ReportLang::Ar, MeetingKind::ThirdLocation) => "لقاء في بلد ثالث",
    }
}

/// The kind in words with its CAMEO code: "host (CAMEO 043)" / «استقبال (CAMEO 043)».
pub(super) fn kind_label(lang: ReportLang, kind: MeetingKind) -> String {
    format!("{} (CAMEO {})", kind_words(lang, kind), kind.cameo_code())
}

/// `YYYY-MM-DD HH:MM UTC` of the export ([`ExportOptions::generated_at`], else now).
pub(super) fn exported_at(options: &ExportOptions) -> String {
    options
        .generated_at
        .unwrap_or_else(Utc::now)
        .format("%Y-%m-%d %H:%M UTC")
        .to_string()
}

/// The month a dated row belongs to, `(year, 1..=12)`.
pub(super) fn year_month(m: &TimelineMeeting) -> Option<(i32, u32)> {
    m.date.map(|d| (d.year(), d.month()))
}

/// One section of a report: a month's meetings, or the undated ones (`month` `None`, last).
pub(super) struct Section<'a> {
    pub month: Option<(i32, u32)>,
    /// "April 2021" / "Date unknown".
    pub heading: String,
    pub meetings: Vec<&'a TimelineMeeting>,
}

/// The rows in month sections, in the order the months first appear in `rows` (the timeline's
/// order, ascending or descending), rows keeping their order within a month; undated rows last.
pub(super) fn sections(rows: &[TimelineMeeting], lang: ReportLang) -> Vec<Section<'_>> {
    let mut out: Vec<Section<'_>> = Vec::new();
    let mut undated = Vec::new();
    for m in rows {
        let Some(month) = year_month(m) else {
            undated.push(m);
            continue;
        };
        match out.iter_mut().find(|s| s.month == Some(month)) {
            Some(s) => s.meetings.push(m),
            None => out.push(Section {
                month: Some(month),
                heading: month_label(lang, month.0, month.1),
                meetings: vec![m],
            }),
        }
    }
    if !undated.is_empty() {
        out.push(Section {
            month: None,
            heading: words(lang).date_unknown.to_string(),
            meetings: undated,
        });
    }
    out
}

/// Meetings per month from the first to the last dated month, empty months included, in
/// ascending order. Empty when no row is dated.
pub(super) fn per_month(rows: &[TimelineMeeting]) -> Vec<((i32, u32), usize)> {
    let months: Vec<(i32, u32)> = rows.iter().filter_map(year_month).collect();
    let (Some(&first), Some(&last)) = (months.iter().min(), months.iter().max()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut at = first;
    while at <= last {
        out.push((at, months.iter().filter(|&&m| m == at).count()));
        at = if at.1 == 12 {
            (at.0 + 1, 1)
        } else {
            (at.0, at.1 + 1)
        };
    }
    out
}

/// A meeting's facts as the reports show them.
pub(super) struct MeetingFacts {
    /// "Mazen – Lamorgese (Tripoli)"; in Arabic «خالد مازن – لوتشانا لامورجيزي (طرابلس)».
    pub title: String,
    /// ISO date to its precision (`2021-04-19`, `2021-04`), empty when undated.
    pub date: String,
    /// "date known to the month only", when the precision is coarser than a day.
    pub precision_note: Option<&'static str>,
    /// "Tripoli (طرابلس)"; in Arabic «طرابلس (Tripoli)».
    pub place: Option<String>,
    /// One line per participant, Libyan side first: the label and the name in the other script.
    pub participants: Vec<String>,
    /// Topic labels joined with "; ", empty when none.
    pub topics: String,
    /// The status in words ("held" / «عُقد»).
    pub status: &'static str,
    pub status_code: MeetingStatus,
    pub kind: String,
    pub weekday_conflict: bool,
    /// The reporting articles, in the row's order.
    pub sources: Vec<ArticleRef>,
    /// The meeting's stable id (`meeting-<16 hex>`): HTML anchors, TimelineJS `unique_id`.
    pub stable_id: String,
}

/// The facts of `m` in `lang`, with article headlines/URLs and country names from `lookup`.
pub(super) fn facts(
    m: &TimelineMeeting,
    lang: ReportLang,
    lookup: &dyn ExportLookup,
) -> MeetingFacts {
    let place = m.place.as_ref().and_then(|p| {
        let (en, ar) = (labels::name_en(p).trim(), labels::name_ar(p).trim());
        let (first, second) = match lang {
            ReportLang::En => (en, ar),
            ReportLang::Ar => (ar, en),
        };
        match (first.is_empty(), second.is_empty() || second == first) {
            (true, _) => None,
            (false, true) => Some(first.to_string()),
            (false, false) => Some(format!("{first} ({second})")),
        }
    });
    let participants = labels::participants_in_order(m)
        .into_iter()
        .map(|p| {
            let label = labels::participant_label(p, lookup);
            let ar = person_name_ar(p);
            match lang {
                _ if ar.is_empty() || ar == label => label,
                ReportLang::En => format!("{label} — {ar}"),
                ReportLang::Ar => format!("{ar} — {label}"),
            }
        })
        .collect();
    let precision_note = match (m.date, m.precision) {
        (Some(_), Some(DatePrecision::Month)) => Some(words(lang).month_only),
        (Some(_), Some(DatePrecision::Year)) => Some(words(lang).year_only),
        _ => None,
    };
    MeetingFacts {
        title: title(m, lang),
        date: labels::date_text(m.date, m.precision),
        precision_note,
        place,
        participants,
        topics: match lang {
            ReportLang::En => labels::topics_en(m),
            ReportLang::Ar => labels::topics_ar(m),
        },
        status: status_label(lang, m.status),
        status_code: m.status,
        kind: kind_label(lang, m.kind),
        weekday_conflict: m.weekday_conflict,
        sources: sources(m, lookup),
        stable_id: stable_id(m),
    }
}

/// The person's Arabic name (else the name as written), trimmed.
fn person_name_ar(p: &ParticipantView) -> &str {
    let n = labels::name_ar(&p.person).trim();
    if n.is_empty() { p.as_written.trim() } else { n }
}

/// The meeting's short title in `lang`: English as [`labels::meeting_title`]; Arabic with the
/// full Arabic names (Arabic has no family-name shortening that headlines share) and place.
pub(super) fn title(m: &TimelineMeeting, lang: ReportLang) -> String {
    if lang == ReportLang::En {
        return labels::meeting_title(m);
    }
    let names = |libyan: bool| -> Vec<&str> {
        m.participants
            .iter()
            .filter(|p| (p.side == Side::Libya) == libyan)
            .map(person_name_ar)
            .filter(|n| !n.is_empty())
            .collect()
    };
    let (libyan, others) = (names(true), names(false));
    let people = match (libyan.is_empty(), others.is_empty()) {
        (false, false) => format!("{} – {}", libyan.join("، "), others.join("، ")),
        (false, true) => libyan.join("، "),
        (true, false) => others.join("، "),
        (true, true) => m.headline.trim().to_string(),
    };
    match m.place.as_ref().map(|p| labels::name_ar(p).trim()) {
        Some(place) if !place.is_empty() => format!("{people} ({place})"),
        _ => people,
    }
}

/// Headline and URL of each reporting article: from the lookup; without it the row's headline for
/// the first article and "article <id>" for the others (as the iCalendar DESCRIPTION does).
pub(super) fn sources(m: &TimelineMeeting, lookup: &dyn ExportLookup) -> Vec<ArticleRef> {
    m.article_ids
        .iter()
        .enumerate()
        .map(|(i, &id)| match lookup.article(id) {
            Some(a) => a,
            None if i == 0 && !m.headline.trim().is_empty() => ArticleRef {
                headline: m.headline.clone(),
                url: None,
            },
            None => ArticleRef {
                headline: format!("article {id}"),
                url: None,
            },
        })
        .collect()
}

/// `meeting-<first 8 bytes of SHA-256 of the meeting key, hex>`: the iCalendar UID without its
/// `@arshif` domain. Survives re-extraction like [`TimelineMeeting::key`] does; only letters,
/// digits and `-`, so it is safe as an HTML id and a URL fragment.
pub(super) fn stable_id(m: &TimelineMeeting) -> String {
    let uid = super::ical::uid(m);
    uid.strip_suffix("@arshif").unwrap_or(&uid).to_string()
}

/// "Meetings: 2" and, when some are undated, "without a date: 1", in `lang`.
pub(super) fn count_line(lang: ReportLang, rows: &[TimelineMeeting]) -> String {
    let w = words(lang);
    let mut line = w.meetings_count.replace("{}", &rows.len().to_string());
    let undated = rows.iter().filter(|m| m.date.is_none()).count();
    if undated > 0 {
        let sep = if lang == ReportLang::Ar { "، " } else { ", " };
        line.push_str(sep);
        line.push_str(&w.undated_count.replace("{}", &undated.to_string()));
    }
    line
}
