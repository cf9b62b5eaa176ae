//! One test per fault kind found in a user trial (name extent, status, dates from the meeting's
//! own sentence, place of the same visit, a body listed twice, a contradicted weekday), each on a
//! small fixture text of its own in `tests/fixtures/articles`.

use crate::common::known_ids as ids;
use arshif::extract::{DateHow, EntityRef, ExtractedMeeting, Extractor};
use arshif::gazetteer::Gazetteer;
use arshif::model::{MeetingKind, MeetingStatus};
use chrono::NaiveDate;
use std::path::Path;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn run_with(gaz: &Gazetteer, file: &str, date: Option<NaiveDate>) -> Vec<ExtractedMeeting> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles")
        .join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    let ms = Extractor::new(gaz).extract(&text, date);
    for m in &ms {
        for p in &m.participants {
            assert_eq!(&text[p.span.clone()], p.name, "span of {p:?}");
        }
    }
    ms
}

fn run(file: &str, date: Option<NaiveDate>) -> Vec<ExtractedMeeting> {
    run_with(&Gazetteer::shipped(), file, date)
}

/// Every new (needs_review) name in the meetings, in order.
fn new_names(ms: &[ExtractedMeeting]) -> Vec<String> {
    let mut v = Vec::new();
    for m in ms {
        for p in &m.participants {
            if let EntityRef::New { name, .. } = &p.entity
                && !v.contains(name)
            {
                v.push(name.clone());
            }
        }
    }
    v
}

#[test]
fn a_verb_or_a_particle_after_a_title_is_not_a_name() {
    // «وزير الداخلية الفنلندي يرفض النزول», «... إن المسؤول الليبي», «... وإن المسؤول الأوروبي».
    let ms = run("ar_title_verb_particle.txt", Some(day(2024, 5, 22)));
    assert_eq!(
        new_names(&ms),
        vec!["يوهانس كوسكينن".to_string()],
        "{ms:#?}"
    );
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].participants[0].country.as_deref(), Some("FI"));
}

#[test]
fn a_verb_after_a_title_is_not_a_name_without_known_people_either() {
    let mut g = Gazetteer::shipped();
    g.people.clear();
    let ms = run_with(&g, "ar_title_verb_particle.txt", Some(day(2024, 5, 22)));
    assert_eq!(
        new_names(&ms),
        vec!["يوهانس كوسكينن".to_string(), "عماد الطرابلسي".to_string()],
        "{ms:#?}"
    );
}

#[test]
fn an_outlet_before_an_appositive_title_is_not_a_name() {
    // "According to The Times, the Maltese foreign minister met ...": "The Times" is no minister.
    let ms = run("en_appositive_outlet.txt", Some(day(2024, 5, 21)));
    assert!(new_names(&ms).is_empty(), "{ms:#?}");
}

#[test]
fn a_proposed_meeting_is_announced_not_held() {
    let d = day(2024, 5, 21);
    for (file, place) in [
        ("ar_proposed_meeting.txt", "valletta"),
        ("en_agreed_to_meet.txt", "valletta"),
        ("it_incontreranno.txt", "valletta"),
    ] {
        let ms = run(file, Some(d));
        assert_eq!(ms.len(), 2, "{file}: {ms:#?}");
        assert_eq!(ms[0].status, MeetingStatus::Held, "{file}");
        assert_eq!(
            ms[0].place.as_ref().map(|p| p.id.as_str()),
            Some("tripoli"),
            "{file}"
        );
        assert_eq!(ms[0].date.date, Some(d), "{file}");
        assert_eq!(ms[1].status, MeetingStatus::Announced, "{file}: {ms:#?}");
        assert_eq!(
            ms[1].place.as_ref().map(|p| p.id.as_str()),
            Some(place),
            "{file}"
        );
        // "next month" gives no day; the held meeting's date is not this one's.
        assert_eq!(ms[1].date.date, None, "{file}");
        assert_eq!(ids(&ms[1]), vec!["ian_borg", "najla_mangoush"], "{file}");
    }
}

#[test]
fn a_planned_leg_that_was_called_off_is_cancelled() {
    let d = day(2024, 5, 20);
    for file in ["it_cancelled_leg.txt", "en_cancelled_leg.txt"] {
        let ms = run(file, Some(d));
        assert_eq!(ms.len(), 2, "{file}: {ms:#?}");
        assert_eq!(ms[0].status, MeetingStatus::Held, "{file}");
        assert_eq!(
            ids(&ms[0]),
            vec!["emad_al_trabelsi", "matteo_piantedosi"],
            "{file}"
        );
        assert_eq!(ms[1].status, MeetingStatus::Cancelled, "{file}: {ms:#?}");
        assert_eq!(
            ids(&ms[1]),
            vec!["khalifa_haftar", "matteo_piantedosi"],
            "{file}"
        );
        assert_eq!(
            ms[1].place.as_ref().map(|p| p.id.as_str()),
            Some("benghazi"),
            "{file}"
        );
    }
}

#[test]
fn an_earlier_event_keeps_its_own_time_not_the_main_events_date() {
    // Sunday 19 May 2024: «غداً الاثنين» is Monday the 20th; the Rome meeting was «في مارس من
    // العام الماضي» and must not take the 20th nor the «12 مايو 2024» of another sentence.
    let ms = run("ar_earlier_event.txt", Some(day(2024, 5, 19)));
    assert_eq!(ms.len(), 2, "{ms:#?}");
    let visit = &ms[0];
    assert_eq!(visit.status, MeetingStatus::Announced);
    assert_eq!(visit.date.date, Some(day(2024, 5, 20)));
    assert_eq!(visit.date.how, DateHow::RelativeToArticle);
    assert_eq!(visit.date.expression.as_deref(), Some("غداً الاثنين"));
    assert!(!visit.date.weekday_conflict);
    assert_eq!(visit.place.as_ref().map(|p| p.id.as_str()), Some("tripoli"));
    let rome = &ms[1];
    assert_eq!(ids(rome), vec!["abdul_hamid_dbeibah", "matteo_piantedosi"]);
    assert_eq!(rome.status, MeetingStatus::Held);
    assert_eq!(rome.date.date, None, "{rome:#?}");
    assert_eq!(rome.place.as_ref().map(|p| p.id.as_str()), Some("rome"));
}

#[test]
fn a_stated_weekday_that_contradicts_the_date_is_flagged() {
    // Monday 20 May 2024: «غداً الاثنين» is Tuesday the 21st, not a Monday.
    let ms = run("ar_earlier_event.txt", Some(day(2024, 5, 20)));
    assert_eq!(ms[0].date.date, Some(day(2024, 5, 21)));
    assert!(ms[0].date.weekday_conflict, "{:#?}", ms[0].date);
    // The stored row carries the flag, and its date note (what `arshif show` prints) says why.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles/ar_earlier_event.txt"),
    )
    .unwrap();
    let row = arshif::pipeline::to_new_meeting(&ms[0], &Gazetteer::shipped(), &text);
    assert!(row.weekday_conflict);
    assert_eq!(
        row.date_note.as_deref(),
        Some(
            "«غداً الاثنين» resolved against the article's date; WARNING: the stated weekday \
             does not match, 2024-05-21 was a Tuesday"
        )
    );
}

#[test]
fn a_meeting_earlier_the_same_day_takes_the_visits_place() {
    // Thursday 23 May 2024; «وكان المنفي قد استقبل الوزير المالطي في وقت سابق من اليوم».
    let d = day(2024, 5, 23);
    let ms = run("ar_same_visit_place.txt", Some(d));
    assert_eq!(ms.len(), 2, "{ms:#?}");
    assert_eq!(ids(&ms[1]), vec!["ian_borg", "mohamed_al_menfi"], "{ms:#?}");
    assert_eq!(ms[1].date.date, Some(d));
    assert_eq!(ms[1].place.as_ref().map(|p| p.id.as_str()), Some("tripoli"));
    assert_eq!(ms[1].kind, MeetingKind::Host);
}

#[test]
fn a_body_named_twice_is_one_participant() {
    // "Frontex – the European Border and Coast Guard Agency –".
    let ms = run("en_body_twice.txt", Some(day(2024, 10, 20)));
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let frontex = ms[0]
        .participants
        .iter()
        .filter(|p| {
            p.entity
                == EntityRef::Body {
                    id: "eu_frontex".into(),
                }
        })
        .count();
    assert_eq!(frontex, 1, "{:#?}", ms[0].participants);
}

#[test]
fn a_month_word_inside_a_name_stays_in_it_but_a_date_ends_a_name() {
    // «لويجي دي مايو»: «مايو» is May only beside a number («21 مارس 2021»).
    let mut g = Gazetteer::shipped();
    g.people.clear();
    let ms = run_with(&g, "ar_month_in_name.txt", Some(day(2021, 3, 21)));
    assert_eq!(
        new_names(&ms),
        vec!["لويجي دي مايو".to_string(), "محمد المنفي".to_string()],
        "{ms:#?}"
    );
    assert_eq!(ms[0].date.date, Some(day(2021, 3, 21)));
}

#[test]
fn a_month_after_a_number_is_not_a_known_persons_surname() {
    // «في 31 مايو» is a date, not «لويجي دي مايو» named by his last word.
    let ms = run("ar_month_in_name.txt", Some(day(2021, 3, 21)));
    let written: Vec<&str> = ms
        .iter()
        .flat_map(|m| m.participants.iter().map(|p| p.name.as_str()))
        .collect();
    assert!(!written.contains(&"مايو"), "{ms:#?}");
    assert!(written.contains(&"لويجي دي مايو"), "{ms:#?}");
}

/// A page that repeats its lead (the agency's copy after the outlet's) reports one meeting, with
/// the topics of both tellings.
#[test]
fn a_repeated_lead_is_one_meeting() {
    let ms = run("ar_repeated_lead.txt", Some(day(2021, 4, 19)));
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let m = &ms[0];
    assert_eq!(m.date.date, Some(day(2021, 4, 19)));
    assert_eq!(m.place.as_ref().map(|p| p.id.as_str()), Some("tripoli"));
    let people: Vec<String> = m
        .participants
        .iter()
        .map(|p| match &p.entity {
            EntityRef::Known { id } => id.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(people, ["khaled_mazen", "luciana_lamorgese"]);
    let topics: Vec<&str> = m.topics.iter().map(|t| t.id.as_str()).collect();
    for t in ["illegal_migration", "terrorism", "human_trafficking"] {
        assert!(topics.contains(&t), "{t} missing from {topics:?}");
    }
}
