//! The strings every export format shares, built in one place so a CSV cell, an iCalendar
//! DESCRIPTION and a GeoJSON property say the same thing.

use super::ExportLookup;
use crate::model::{DatePrecision, Side};
use crate::query::{EntityRef, ParticipantView, TimelineMeeting};
use chrono::{Datelike, NaiveDate};

/// Separator between the items of a multi-valued cell ("A; B").
pub const LIST_SEPARATOR: &str = "; ";

/// The sides in the order exports list them: Libyan participants first, then European, then others.
pub const SIDE_ORDER: [Side; 3] = [Side::Libya, Side::Europe, Side::Other];

/// The English display name of an entity, falling back to the Arabic one when the English is empty
/// (an extracted, not yet reviewed name).
pub fn name_en(e: &EntityRef) -> &str {
    if !e.name_en.trim().is_empty() {
        &e.name_en
    } else {
        &e.name_ar
    }
}

/// The Arabic display name, falling back to the English one when the Arabic is empty.
pub fn name_ar(e: &EntityRef) -> &str {
    if !e.name_ar.trim().is_empty() {
        &e.name_ar
    } else {
        &e.name_en
    }
}

/// A participant's person name: English (or Arabic) gazetteer name, else the name as written.
fn person_name_en(p: &ParticipantView) -> &str {
    let n = name_en(&p.person);
    if n.trim().is_empty() {
        &p.as_written
    } else {
        n
    }
}

fn person_name_ar(p: &ParticipantView) -> &str {
    let n = name_ar(&p.person);
    if n.trim().is_empty() {
        &p.as_written
    } else {
        n
    }
}

/// "Name (role, body, country)" for one participant, in English: parts that are unknown are left
/// out, and the parentheses too when all three are. The country is the lookup's name for the code
/// (`IT` → `Italy`), or the code itself.
///
/// Example: `Luciana Lamorgese (Minister of the Interior, Ministry of the Interior (Italy), Italy)`.
pub fn participant_label(p: &ParticipantView, lookup: &dyn ExportLookup) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !p.role.trim().is_empty() {
        parts.push(p.role.trim().to_string());
    }
    if let Some(body) = &p.body {
        let b = name_en(body).trim();
        if !b.is_empty() {
            parts.push(b.to_string());
        }
    }
    if !p.country.trim().is_empty() {
        let code = p.country.trim();
        parts.push(
            lookup
                .country_name(code)
                .unwrap_or_else(|| code.to_string()),
        );
    }
    let name = person_name_en(p);
    if parts.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({})", parts.join(", "))
    }
}

/// [`participant_label`] of every participant on `side`, in row order, joined with "; ".
pub fn participants_on_side(m: &TimelineMeeting, side: Side, lookup: &dyn ExportLookup) -> String {
    m.participants
        .iter()
        .filter(|p| p.side == side)
        .map(|p| participant_label(p, lookup))
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

/// The participants in [`SIDE_ORDER`] (stable within a side).
pub fn participants_in_order(m: &TimelineMeeting) -> Vec<&ParticipantView> {
    SIDE_ORDER
        .iter()
        .flat_map(|side| m.participants.iter().filter(move |p| p.side == *side))
        .collect()
}

/// Arabic names of all participants in [`SIDE_ORDER`], joined with "; "
/// (`خالد مازن; لوتشانا لامورجيزي`).
pub fn participant_names_ar(m: &TimelineMeeting) -> String {
    participants_in_order(m)
        .into_iter()
        .map(person_name_ar)
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

/// English (else Arabic) labels of the topics, joined with "; ".
pub fn topics_en(m: &TimelineMeeting) -> String {
    m.topics
        .iter()
        .map(name_en)
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

/// Arabic (else English) labels of the topics, joined with "; ".
pub fn topics_ar(m: &TimelineMeeting) -> String {
    m.topics
        .iter()
        .map(name_ar)
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

/// Lowercase particles that belong to a family name ("von der Leyen", "Di Maio", "al-Sarraj" is one
/// token already).
const NAME_PARTICLES: [&str; 14] = [
    "al", "el", "abu", "bin", "ben", "da", "de", "del", "della", "der", "di", "van", "von", "le",
];

/// The family-name part of a person's English name, as headlines use it: the last word together
/// with the particles before it ("Khaled Mazen" → "Mazen", "Ursula von der Leyen" → "von der Leyen",
/// "Luigi Di Maio" → "Di Maio", "Mohamed al-Menfi" → "al-Menfi"). An Arabic-only name is returned
/// whole: Arabic headlines do not shorten names the same way.
pub fn short_name(p: &ParticipantView) -> String {
    let full = person_name_en(p).trim();
    if full.is_empty() || p.person.name_en.trim().is_empty() {
        return full.to_string();
    }
    let words: Vec<&str> = full.split_whitespace().collect();
    let mut start = words.len() - 1;
    while start > 1 && NAME_PARTICLES.contains(&words[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    words[start..].join(" ")
}

/// The short title of a meeting: Libyan side – other sides (place), e.g.
/// "Mazen – Lamorgese (Tripoli)", "al-Menfi, Mazen – Lamorgese (Tripoli)". Without participants
/// the row's headline stands in; without a place the parenthesis is left out.
pub fn meeting_title(m: &TimelineMeeting) -> String {
    let libyan: Vec<String> = m
        .participants
        .iter()
        .filter(|p| p.side == Side::Libya)
        .map(short_name)
        .collect();
    let others: Vec<String> = m
        .participants
        .iter()
        .filter(|p| p.side != Side::Libya)
        .map(short_name)
        .collect();
    let people = match (libyan.is_empty(), others.is_empty()) {
        (false, false) => format!("{} – {}", libyan.join(", "), others.join(", ")),
        (false, true) => libyan.join(", "),
        (true, false) => others.join(", "),
        (true, true) => m.headline.trim().to_string(),
    };
    match &m.place {
        Some(place) if !name_en(place).trim().is_empty() => {
            format!("{people} ({})", name_en(place).trim())
        }
        _ => people,
    }
}

/// A date written to the precision that is known (ISO 8601 reduced precision): `2021-04-19` for a
/// day, `2021-04` for a month, `2021` for a year. Empty for an undated meeting.
pub fn date_text(date: Option<NaiveDate>, precision: Option<DatePrecision>) -> String {
    match (date, precision.unwrap_or(DatePrecision::Day)) {
        (None, _) => String::new(),
        (Some(d), DatePrecision::Day) => d.format("%Y-%m-%d").to_string(),
        (Some(d), DatePrecision::Month) => format!("{:04}-{:02}", d.year(), d.month()),
        (Some(d), DatePrecision::Year) => format!("{:04}", d.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name_en: &str, name_ar: &str, side: Side) -> ParticipantView {
        ParticipantView {
            person: EntityRef {
                key: "k".into(),
                name_en: name_en.into(),
                name_ar: name_ar.into(),
            },
            as_written: name_ar.into(),
            role: String::new(),
            body: None,
            country: String::new(),
            side,
            needs_review: false,
        }
    }

    #[test]
    fn short_names_keep_family_name_particles() {
        let cases = [
            ("Khaled Mazen", "Mazen"),
            ("Ursula von der Leyen", "von der Leyen"),
            ("Luigi Di Maio", "Di Maio"),
            ("Mohamed al-Menfi", "al-Menfi"),
            ("Abdul Hamid Dbeibah", "Dbeibah"),
            ("Draghi", "Draghi"),
        ];
        for (full, short) in cases {
            assert_eq!(short_name(&person(full, "", Side::Europe)), short, "{full}");
        }
        assert_eq!(
            short_name(&person("", "خالد مازن", Side::Libya)),
            "خالد مازن"
        );
    }

    #[test]
    fn label_leaves_out_unknown_parts() {
        let mut p = person("Khaled Mazen", "خالد مازن", Side::Libya);
        assert_eq!(participant_label(&p, &()), "Khaled Mazen");
        p.country = "LY".into();
        assert_eq!(participant_label(&p, &()), "Khaled Mazen (LY)");
        p.role = "Minister of Interior".into();
        assert_eq!(
            participant_label(&p, &()),
            "Khaled Mazen (Minister of Interior, LY)"
        );
    }

    #[test]
    fn dates_are_written_to_their_precision() {
        let d = NaiveDate::from_ymd_opt(2021, 4, 1);
        assert_eq!(date_text(d, Some(DatePrecision::Day)), "2021-04-01");
        assert_eq!(date_text(d, Some(DatePrecision::Month)), "2021-04");
        assert_eq!(date_text(d, Some(DatePrecision::Year)), "2021");
        assert_eq!(date_text(None, None), "");
    }
}
