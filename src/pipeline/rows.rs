//! Extracted facts → the rows the archive stores, every gazetteer id named in both scripts, each
//! participant with the office they held on the meeting's day.

use crate::extract::{self, EntityRef, ExtractedMeeting};
use crate::gazetteer::Gazetteer;
use crate::model::{DateFound, DateNote, DatePrecision, Side};
use crate::store::meetings::{EvidenceSpan, Named, NewMeeting, NewParticipant, NewTopic};
use chrono::NaiveDate;

/// Converts one extracted meeting to the rows the archive stores, naming every gazetteer id in
/// both scripts. `text` is the text extraction read (for evidence).
pub fn to_new_meeting(m: &ExtractedMeeting, gaz: &Gazetteer, text: &str) -> NewMeeting {
    let date = match (m.date.date, m.date.precision) {
        (Some(d), Some(p)) => Some((d, p)),
        (Some(d), None) => Some((d, DatePrecision::Day)),
        _ => None,
    };
    let date_note = date_note(m);
    NewMeeting {
        kind: m.kind,
        status: m.status,
        date,
        date_note,
        weekday_conflict: m.date.weekday_conflict,
        place: m.place.as_ref().map(|p| match gaz.place(&p.id) {
            Some(place) => Named {
                key: place.id.clone(),
                name_en: place.name_en.clone(),
                name_ar: place.name_ar.clone(),
            },
            None => Named {
                key: p.id.clone(),
                name_en: p.name_en.clone(),
                name_ar: p.name_en.clone(),
            },
        }),
        confidence: m.confidence,
        evidence: m
            .evidence
            .iter()
            .map(|e| EvidenceSpan {
                start: e.span.start,
                end: e.span.end,
                text: text.get(e.span.clone()).unwrap_or(&e.text).to_string(),
            })
            .collect(),
        participants: m
            .participants
            .iter()
            .map(|p| participant(p, gaz, date.map(|(d, _)| d)))
            .collect(),
        topics: m
            .topics
            .iter()
            .map(|t| NewTopic {
                topic: match gaz.topic(&t.id) {
                    Some(topic) => Named {
                        key: topic.id.clone(),
                        name_en: topic.label_en.clone(),
                        name_ar: topic.label_ar.clone(),
                    },
                    None => Named {
                        key: t.id.clone(),
                        name_en: t.id.replace('_', " "),
                        name_ar: String::new(),
                    },
                },
                span: Some(t.span.clone()),
            })
            .collect(),
    }
}

/// The Arabic word for an unnamed party written in English or Italian ("a delegation",
/// "officials", "la delegazione"), so the Arabic UI and exports never show the Latin word alone.
fn unnamed_party_ar(written: &str) -> &'static str {
    let w = written.to_lowercase();
    if w.contains("deleg") {
        "وفد"
    } else if [
        "official",
        "funzionar",
        "ufficial",
        "autorit",
        "responsabil",
    ]
    .iter()
    .any(|k| w.contains(k))
    {
        "مسؤولون"
    } else {
        "طرف لم يُسمَّ"
    }
}

/// Words of a role, normalised, each also without a leading article/clitics, for overlap.
fn role_words(s: &str) -> std::collections::HashSet<String> {
    let mut set = std::collections::HashSet::new();
    for w in crate::text::tokens::words(s) {
        for v in crate::text::tokens::clitic_variants(&w.text) {
            set.insert(v);
        }
        set.insert(w.text);
    }
    set
}

/// The office a participant held in this meeting: among the offices held on the meeting's day
/// (all of them when undated or none fits), the one whose body the text names, else the one
/// whose role shares most words with the role the text states («وزير الداخلية» is the
/// minister's office, not the deputy's), else the first still held (no end date), else the
/// last listed.
fn choose_office<'a>(
    offices: &'a [crate::gazetteer::Office],
    body: Option<&str>,
    stated_role: Option<&str>,
    on: Option<NaiveDate>,
) -> Option<&'a crate::gazetteer::Office> {
    let held: Vec<&crate::gazetteer::Office> = match on {
        Some(d) => {
            let d = d.format("%Y-%m-%d").to_string();
            offices
                .iter()
                .filter(|o| {
                    o.from.as_deref().is_none_or(|f| f <= d.as_str())
                        && o.to.as_deref().is_none_or(|t| t >= d.as_str())
                })
                .collect()
        }
        None => Vec::new(),
    };
    let pool: Vec<&crate::gazetteer::Office> = if held.is_empty() {
        offices.iter().collect()
    } else {
        held
    };
    // Several offices in the stated body (chief of cabinet, then minister, of one ministry): the
    // role the article states decides, else the current one.
    if let Some(b) = body {
        let same_body: Vec<&crate::gazetteer::Office> = pool
            .iter()
            .copied()
            .filter(|o| o.body.as_deref() == Some(b))
            .collect();
        if let Some(o) = best_office_for_role(&same_body, stated_role)
            .or_else(|| same_body.iter().copied().find(|o| o.to.is_none()))
            .or_else(|| same_body.first().copied())
        {
            return Some(o);
        }
    }
    if let Some(o) = best_office_for_role(&pool, stated_role) {
        return Some(o);
    }
    pool.iter()
        .find(|o| o.to.is_none())
        .or_else(|| pool.last())
        .copied()
}

/// The office whose role (in any of its languages) shares the most words with the role the
/// article states; `None` when no office shares a word.
fn best_office_for_role<'a>(
    offices: &[&'a crate::gazetteer::Office],
    stated: Option<&str>,
) -> Option<&'a crate::gazetteer::Office> {
    let stated = role_words(stated?);
    offices
        .iter()
        .map(|&o| {
            let words = role_words(&format!("{} {} {}", o.role_ar, o.role_en, o.role_it));
            (stated.intersection(&words).count(), o)
        })
        .filter(|(n, _)| *n > 0)
        // max_by_key keeps the last of equal scores: the later office wins a tie.
        .max_by_key(|(n, _)| *n)
        .map(|(_, o)| o)
}

fn is_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

fn side_of(gaz: &Gazetteer, country: &str) -> Side {
    if country == "LY" {
        Side::Libya
    } else if !country.is_empty() && gaz.is_european(country) {
        Side::Europe
    } else {
        Side::Other
    }
}

fn body_named(gaz: &Gazetteer, id: &str) -> Named {
    match gaz.body(id) {
        Some(b) => Named {
            key: b.id.clone(),
            name_en: b.name_en.clone(),
            name_ar: b.name_ar.clone(),
        },
        None => Named {
            key: id.to_string(),
            name_en: id.to_string(),
            name_ar: String::new(),
        },
    }
}

fn participant(p: &extract::Participant, gaz: &Gazetteer, on: Option<NaiveDate>) -> NewParticipant {
    let written_role = p.role.clone().unwrap_or_default();
    let mut country = p.country.clone().unwrap_or_default();
    let (person_key, name_en, name_ar, mut role, mut body, needs_review) = match &p.entity {
        EntityRef::Known { id } => match gaz.person(id) {
            Some(person) => {
                if country.is_empty() {
                    country = person.country.clone();
                }
                let office =
                    choose_office(&person.office, p.body.as_deref(), p.role.as_deref(), on);
                (
                    person.id.clone(),
                    person.name_en.clone(),
                    person.name_ar.clone(),
                    office.map(|o| o.role_en.clone()).unwrap_or_default(),
                    office.and_then(|o| o.body.clone()),
                    person.needs_review,
                )
            }
            None => (
                id.clone(),
                p.name.clone(),
                p.name.clone(),
                String::new(),
                None,
                true,
            ),
        },
        EntityRef::New { name, needs_review } => {
            let (en, ar) = if is_arabic(name) {
                (String::new(), name.clone())
            } else {
                (name.clone(), String::new())
            };
            (
                format!("new:{}", crate::text::fold(name)),
                en,
                ar,
                String::new(),
                None,
                *needs_review,
            )
        }
        EntityRef::Body { id } => {
            let b = body_named(gaz, id);
            if country.is_empty() {
                country = gaz.body(id).map(|b| b.country.clone()).unwrap_or_default();
            }
            (
                format!("body:{id}"),
                b.name_en,
                b.name_ar,
                String::new(),
                Some(id.clone()),
                false,
            )
        }
        EntityRef::Unnamed => {
            let (en, ar) = if is_arabic(&p.name) {
                (String::new(), p.name.clone())
            } else {
                (p.name.clone(), unnamed_party_ar(&p.name).to_owned())
            };
            (
                format!("unnamed:{country}"),
                en,
                ar,
                String::new(),
                None,
                false,
            )
        }
    };
    if role.is_empty() {
        role = written_role;
    }
    if p.body.is_some() {
        body = p.body.clone();
    }
    NewParticipant {
        side: side_of(gaz, &country),
        person_key,
        name_en,
        name_ar,
        as_written: p.name.clone(),
        role,
        body: body.map(|b| body_named(gaz, &b)),
        country,
        needs_review,
        span: Some(p.span.clone()),
    }
}

/// How the meeting's date was found, as `meetings.date_note` stores it.
///
/// Written as the English sentence ([`DateNote`]'s `Display`), which [`DateNote::parse`] reads
/// back; switching to [`DateNote::to_stored`] (JSON) changes only this line (the tests pin the
/// sentence for now).
pub(super) fn date_note(m: &ExtractedMeeting) -> Option<String> {
    Some(meeting_date_note(m).to_string())
}

/// How extraction dated `m` (or why it could not), with the date words it used and the date
/// whose weekday the text contradicts.
pub fn meeting_date_note(m: &ExtractedMeeting) -> DateNote {
    let how = match m.date.how {
        extract::DateHow::Explicit => DateFound::Written,
        extract::DateHow::RelativeToArticle => DateFound::RelativeToArticle,
        extract::DateHow::RelativeToTextDate => DateFound::RelativeToTextDate,
        extract::DateHow::RelativeUnresolved => DateFound::RelativeUnresolved,
        extract::DateHow::YearFromWeekday => DateFound::YearFromWeekday,
        extract::DateHow::YearUnresolved => DateFound::YearUnresolved,
        extract::DateHow::None => DateFound::Nothing,
    };
    DateNote::Found {
        how,
        expression: match how {
            DateFound::Nothing => String::new(),
            _ => m.date.expression.clone().unwrap_or_default(),
        },
        // The stated weekday contradicts the date: say so, so `show` and the app can flag it.
        wrong_weekday: m.date.date.filter(|_| m.date.weekday_conflict),
        candidates: m.date.candidates.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Matteo Piantedosi was chief of cabinet, then minister, of the same ministry: an undated
    /// article calling him «ministro dell'Interno» gets the minister's office; one dated in 2019
    /// the chief of cabinet's.
    #[test]
    fn unnamed_parties_have_an_arabic_name() {
        assert_eq!(unnamed_party_ar("delegation"), "وفد");
        assert_eq!(unnamed_party_ar("la delegazione"), "وفد");
        assert_eq!(unnamed_party_ar("officials"), "مسؤولون");
        assert_eq!(unnamed_party_ar("le autorità"), "مسؤولون");
        assert_eq!(unnamed_party_ar("the envoy"), "طرف لم يُسمَّ");
    }

    #[test]
    fn the_stated_role_chooses_among_offices_of_one_body() {
        let g = crate::gazetteer::Gazetteer::shipped();
        let p = g.person("matteo_piantedosi").unwrap();
        let role = |on: Option<NaiveDate>, stated: Option<&str>| {
            choose_office(&p.office, Some("it_interior"), stated, on).map(|o| o.role_en.as_str())
        };
        assert_eq!(
            role(None, Some("ministro dell'Interno")),
            Some("Minister of the Interior")
        );
        assert_eq!(
            role(NaiveDate::from_ymd_opt(2025, 7, 8), None),
            Some("Minister of the Interior")
        );
        assert_eq!(
            role(NaiveDate::from_ymd_opt(2019, 3, 1), None),
            Some("Chief of Cabinet of the Ministry of the Interior")
        );
    }
}
