//! Officials nobody listed in the gazetteer, in Arabic, English and Italian: title constructions
//! must find them as new entities (`needs_review`) with the right country.

use arshif::extract::{DateHow, EntityRef, ExtractedMeeting, Extractor};
use arshif::gazetteer::Gazetteer;
use arshif::model::{MeetingKind, MeetingStatus};
use chrono::NaiveDate;
use std::path::Path;

fn run(file: &str, date: Option<NaiveDate>) -> Vec<ExtractedMeeting> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/articles")
        .join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    let ms = Extractor::new(&Gazetteer::shipped()).extract(&text, date);
    for m in &ms {
        for p in &m.participants {
            assert_eq!(&text[p.span.clone()], p.name, "span of {p:?}");
        }
    }
    ms
}

/// (name as written, country) of the new entities, in text order.
fn new_people(m: &ExtractedMeeting) -> Vec<(String, String)> {
    m.participants
        .iter()
        .filter_map(|p| match &p.entity {
            EntityRef::New { name, needs_review } => {
                assert!(*needs_review);
                Some((name.clone(), p.country.clone().unwrap_or_default()))
            }
            _ => None,
        })
        .collect()
}

/// The gazetteer ids of the meeting's known participants, sorted.
fn known_ids(m: &ExtractedMeeting) -> Vec<&str> {
    let mut ids: Vec<&str> = m
        .participants
        .iter()
        .filter_map(|p| match &p.entity {
            EntityRef::Known { id } => Some(id.as_str()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids
}

fn pair(a: &str, ca: &str, b: &str, cb: &str) -> Vec<(String, String)> {
    vec![(a.into(), ca.into()), (b.into(), cb.into())]
}

fn topics(m: &ExtractedMeeting) -> Vec<&str> {
    m.topics.iter().map(|t| t.id.as_str()).collect()
}

#[test]
fn arabic_libyan_deputy_minister_and_dutch_minister() {
    let d = NaiveDate::from_ymd_opt(2024, 3, 12).unwrap(); // a Tuesday
    let ms = run("ar_dutch_deputy.txt", Some(d));
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(
        new_people(&ms[0]),
        pair("عادل بن زروق", "LY", "ماريكه فان دالين", "NL")
    );
    assert_eq!(ms[0].place.as_ref().map(|p| p.id.as_str()), Some("tripoli"));
    assert_eq!(ms[0].date.date, Some(d));
    assert!(!ms[0].date.weekday_conflict);
    let t = topics(&ms[0]);
    assert!(
        t.contains(&"illegal_migration") && t.contains(&"border_security"),
        "{t:?}"
    );
}

#[test]
fn arabic_phone_call_name_does_not_run_into_the_next_word() {
    let ms = run("ar_portugal_call.txt", None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(ms[0].kind, MeetingKind::PhoneCall);
    assert!(ms[0].place.is_none());
    assert_eq!(
        new_people(&ms[0]),
        pair("فرج الحاسي", "LY", "روي كارفالو", "PT")
    );
    assert_eq!(ms[0].date.how, DateHow::None);
    assert!(topics(&ms[0]).contains(&"energy"));
}

#[test]
fn arabic_unnamed_counterpart_is_a_party_but_no_entity() {
    let ms = run("ar_unnamed_counterpart.txt", None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let m = &ms[0];
    assert_eq!(
        new_people(m),
        vec![("جوفاني روسيني".to_string(), "IT".to_string())]
    );
    let libyan: Vec<_> = m
        .participants
        .iter()
        .filter(|p| p.country.as_deref() == Some("LY"))
        .collect();
    assert_eq!(libyan.len(), 1);
    assert_eq!(libyan[0].entity, EntityRef::Unnamed);
    assert_eq!(m.place.as_ref().map(|p| p.id.as_str()), Some("rome"));
    assert_eq!(m.kind, MeetingKind::Visit);
}

#[test]
fn english_appositive_and_deputy_minister() {
    let ms = run("en_malta_appositive.txt", None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(
        new_people(&ms[0]),
        pair("Salem Kashlaf", "LY", "Joanna Borg Cutajar", "MT")
    );
    assert_eq!(ms[0].place.as_ref().map(|p| p.id.as_str()), Some("tripoli"));
    let t = topics(&ms[0]);
    assert!(
        t.contains(&"coast_guard") && t.contains(&"training"),
        "{t:?}"
    );
}

#[test]
fn english_minister_of_foreign_affairs_of_spain() {
    let ms = run("en_spain_minister_of.txt", None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(
        new_people(&ms[0]),
        pair("Carlos Ibarra Ruiz", "ES", "Hamid Abusetta", "LY")
    );
}

#[test]
fn italian_interior_minister_and_libyan_deputy_foreign_minister() {
    let d = NaiveDate::from_ymd_opt(2024, 5, 2).unwrap();
    let ms = run("it_portugal_interior.txt", Some(d));
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(
        new_people(&ms[0]),
        pair("Tiago Moreira Santos", "PT", "Khalil Ben Ammar", "LY")
    );
    assert_eq!(ms[0].date.date, Some(d));
    assert_eq!(ms[0].date.expression.as_deref(), Some("oggi"));
}

#[test]
fn italian_ministra_and_presidential_council_head() {
    let d = NaiveDate::from_ymd_opt(2024, 6, 11).unwrap();
    let ms = run("it_dutch_ministra.txt", Some(d));
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(
        new_people(&ms[0]),
        pair("Anneke de Vries", "NL", "Yunus Abdelsalam Karim", "LY")
    );
    assert_eq!(ms[0].date.date, NaiveDate::from_ymd_opt(2024, 6, 10));
}

#[test]
fn libya_turkey_is_not_a_libya_europe_meeting() {
    assert!(run("en_turkey_negative.txt", None).is_empty());
}

#[test]
fn arabic_council_as_a_party_with_a_new_ambassador() {
    let d = NaiveDate::from_ymd_opt(2024, 9, 15).unwrap(); // a Sunday
    let ms = run("ar_council_ambassador.txt", Some(d));
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let m = &ms[0];
    assert_eq!(
        new_people(m),
        vec![("نونو دي ألميدا".to_string(), "PT".to_string())]
    );
    let body = m
        .participants
        .iter()
        .find(|p| matches!(p.entity, EntityRef::Body { .. }))
        .expect("the council as a party");
    assert_eq!(body.country.as_deref(), Some("LY"));
    assert_eq!(m.place.as_ref().map(|p| p.id.as_str()), Some("tripoli"));
    assert_eq!(m.date.date, Some(d));
    let t = topics(m);
    assert!(
        t.contains(&"economy_investment") && t.contains(&"diplomatic_presence"),
        "{t:?}"
    );
}

#[test]
fn english_body_before_the_title_gives_the_country() {
    let d = NaiveDate::from_ymd_opt(2024, 6, 4).unwrap();
    let ms = run("en_council_head_rome.txt", Some(d));
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let m = &ms[0];
    assert_eq!(
        new_people(m),
        pair("Paolo Ricci", "IT", "Omar Zintani", "LY")
    );
    let zintani = m
        .participants
        .iter()
        .find(|p| p.name == "Omar Zintani")
        .unwrap();
    assert_eq!(zintani.body.as_deref(), Some("ly_presidential_council"));
    assert_eq!(m.place.as_ref().map(|p| p.id.as_str()), Some("rome"));
    assert_eq!(m.kind, MeetingKind::Visit);
    // "Italy will support the upcoming elections" is reported speech, not a plan to meet.
    assert_eq!(m.status, MeetingStatus::Held);
    assert_eq!(m.date.date, NaiveDate::from_ymd_opt(2024, 6, 3));
}

#[test]
fn arabic_upcoming_elections_do_not_make_a_held_meeting_announced() {
    let d = NaiveDate::from_ymd_opt(2023, 2, 8).unwrap();
    let ms = run("ar_held_upcoming_elections.txt", Some(d));
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let m = &ms[0];
    assert_eq!(m.status, MeetingStatus::Held);
    assert_eq!(
        new_people(m),
        pair("سالم الورفلي", "LY", "كلير دوبون", "FR")
    );
    assert_eq!(m.date.date, NaiveDate::from_ymd_opt(2023, 2, 7));
    assert!(topics(m).contains(&"elections"));
}

#[test]
fn english_will_meet_next_week_is_announced() {
    let ms = run("en_announced_visit.txt", None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(ms[0].status, MeetingStatus::Announced);
    assert_eq!(
        new_people(&ms[0]),
        pair("Nikos Andreou", "GR", "Faraj Bensalem", "LY")
    );
    assert_eq!(ms[0].place.as_ref().map(|p| p.id.as_str()), Some("tripoli"));
}

#[test]
fn arabic_honorifics_between_title_and_name() {
    let ms = run("ar_doctor_title.txt", None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(
        new_people(&ms[0]),
        pair("حمزة القماطي", "LY", "يوست فان ليير", "NL")
    );
    assert!(topics(&ms[0]).contains(&"health"));
}

#[test]
fn a_listed_surname_after_another_given_name_is_a_new_official() {
    // «Mangoush» alone is Najla Mangoush's alias; «Karim Mangoush», named under a title, is
    // someone else: a new Libyan official, not her.
    let ms = run("en_surname_of_another_official.txt", None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let known = known_ids(&ms[0]);
    assert_eq!(known, ["ian_borg"]);
    assert_eq!(
        new_people(&ms[0]),
        vec![("Karim Mangoush".to_string(), "LY".to_string())]
    );
}

#[test]
fn a_listed_surname_after_a_variant_of_the_persons_own_given_name_is_that_person() {
    // «جورجا ميلوني»: the gazetteer spells her «جورجيا» / «جيورجيا»; the same consonants under a
    // title are her, not a new official, and not the bare title.
    let ms = run("ar_given_name_variant.txt", None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let known = known_ids(&ms[0]);
    assert_eq!(known, ["abdul_hamid_dbeibah", "giorgia_meloni"]);
    assert!(new_people(&ms[0]).is_empty());
    let meloni = ms[0]
        .participants
        .iter()
        .find(|p| matches!(&p.entity, EntityRef::Known { id } if id == "giorgia_meloni"))
        .unwrap();
    assert_eq!(meloni.name, "جورجا ميلوني");
}

#[test]
fn a_surname_right_after_a_meeting_verb_is_the_listed_official() {
    // Verb-first Arabic names well-known officials by surname alone: «التقى الدبيبة السفير
    // الإيطالي جوزيبي بوتشينو»; the surname is the verb's subject, so it is Dbeibah.
    let ms = run("ar_surname_after_cue.txt", None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let known = known_ids(&ms[0]);
    assert_eq!(known, ["abdul_hamid_dbeibah", "giuseppe_buccino"]);
}
