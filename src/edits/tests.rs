//! Unit tests of meeting identity and the dialogs' gazetteer searches.

use super::identity::resolve;
use super::*;
use crate::gazetteer::lookup::{person_by_name, search_people, search_places, search_topics};
use crate::gazetteer::{Gazetteer, Person};
use crate::model::{MeetingKind, MeetingStatus, Side};
use crate::store::meetings::{EditableRow as Row, NewMeeting, NewParticipant};

fn meeting(people: &[&str], anchor: usize) -> NewMeeting {
    NewMeeting {
        kind: MeetingKind::Consult,
        status: MeetingStatus::Held,
        date: None,
        date_note: None,
        weekday_conflict: false,
        place: None,
        confidence: 0.5,
        evidence: vec![crate::store::meetings::EvidenceSpan {
            start: anchor,
            end: anchor + 10,
            text: String::new(),
        }],
        participants: people
            .iter()
            .map(|k| NewParticipant {
                person_key: k.to_string(),
                name_en: String::new(),
                name_ar: String::new(),
                as_written: String::new(),
                role: String::new(),
                body: None,
                country: String::new(),
                side: Side::Other,
                needs_review: false,
                span: None,
            })
            .collect(),
        topics: Vec::new(),
    }
}

fn row(id: i64, key: &str, anchor: i64) -> Row {
    Row {
        id,
        key: Some(key.to_string()),
        anchor: Some(anchor),
        extracted: None,
        user_edited: false,
        hidden: None,
    }
}

fn target(key: &str, anchor: Option<i64>) -> MeetingRef {
    MeetingRef {
        article_id: 1,
        key: key.to_string(),
        anchor,
    }
}

#[test]
fn searches_match_any_script_arabic_aware() {
    let g = Gazetteer::shipped();
    let ids = |v: Vec<&Person>| v.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
    // ه for ة, an alias, in Arabic; a part of a Latin name.
    assert_eq!(
        ids(search_people(&g, "الدبيبه", 3))[0],
        "abdul_hamid_dbeibah"
    );
    assert_eq!(ids(search_people(&g, "dbeib", 3))[0], "abdul_hamid_dbeibah");
    assert_eq!(search_places(&g, "روما", 3)[0].id, "rome");
    assert_eq!(search_places(&g, "ROM", 8)[0].id, "rome");
    assert_eq!(
        search_places(&g, "بطرابلس", 3).len(),
        0,
        "no clitic guessing in names"
    );
    assert_eq!(search_topics(&g, "الطاقه", 3)[0].id, "energy");
    assert!(search_people(&g, "  ", 3).is_empty());
    // Exact names, as the CLI takes them.
    assert_eq!(
        person_by_name(&g, "خالد مازن").map(|p| p.id.as_str()),
        Some("khaled_mazen")
    );
    assert_eq!(person_by_name(&g, "Maz"), None, "a prefix is not a name");
    assert_eq!(place_by_name(&g, "Roma").key, "rome");
    assert_eq!(place_by_name(&g, "Wadi Nowhere").key, "text:wadi nowhere");
    assert_eq!(
        topic_by_name(&g, "Energy").map(|t| t.key),
        Some("energy".into())
    );
    assert_eq!(country_code(&g, "إيطاليا").unwrap(), "IT");
    assert_eq!(country_code(&g, "it").unwrap(), "IT");
    assert_eq!(country_code(&g, "Maltese").unwrap(), "MT");
    assert!(country_code(&g, "Narnia").is_err());
}

#[test]
fn an_alias_is_checked_against_the_gazetteer() {
    let g = Gazetteer::shipped();
    assert_eq!(
        alias_edit(&g, EntityKind::Person, "khaled_mazen", " ماتسن ").unwrap(),
        Edit::AddAlias {
            entity: EntityKind::Person,
            key: "khaled_mazen".into(),
            alias: "ماتسن".into()
        }
    );
    assert_eq!(
        alias_edit(&g, EntityKind::Person, "nobody_known", "X Y")
            .unwrap_err()
            .to_string(),
        "no person with the id «nobody_known» in the gazetteer"
    );
    assert_eq!(
        alias_edit(&g, EntityKind::Person, "khaled_mazen", "خالد مازن")
            .unwrap_err()
            .to_string(),
        "«خالد مازن» is already a spelling of Khaled Mazen"
    );
    assert_eq!(
        alias_edit(&g, EntityKind::Place, "rome", "")
            .unwrap_err()
            .to_string(),
        "type the other spelling of Rome to add"
    );
}

#[test]
fn keys_are_sorted_participants_with_a_counter_for_repeats() {
    let keys = meeting_keys(&[
        meeting(&["mazen", "lamorgese"], 0),
        meeting(&["lamorgese", "menfi", "lamorgese"], 50),
        meeting(&["lamorgese", "mazen"], 90),
        meeting(&[], 120),
    ]);
    assert_eq!(
        keys,
        [
            "lamorgese+mazen",
            "lamorgese+menfi",
            "lamorgese+mazen#2",
            "(nobody)"
        ]
    );
}

#[test]
fn an_edit_follows_only_one_unambiguous_meeting() {
    let rows = vec![
        row(10, "lamorgese+mazen", 0),
        row(11, "lamorgese+menfi", 300),
    ];
    // Exact key.
    assert_eq!(
        resolve(&rows, &target("lamorgese+menfi", None)),
        Some((11, false))
    );
    // Another participant than the one edited: never the wrong meeting.
    assert_eq!(resolve(&rows, &target("lamorgese+dbeibah", None)), None);
    // Same first evidence sentence and a participant in common.
    assert_eq!(
        resolve(&rows, &target("lamorgese+new:x", Some(300))),
        Some((11, true))
    );
    // A placeholder the gazetteer now names, without an anchor.
    let rows = vec![row(10, "bianchi+menfi", 40), row(11, "lamorgese+mazen", 0)];
    assert_eq!(
        resolve(&rows, &target("menfi+unnamed:IT", None)),
        Some((10, true))
    );
    // Two candidates: ambiguous, so orphaned.
    let rows = vec![row(10, "bianchi+menfi", 40), row(11, "menfi+rossi", 90)];
    assert_eq!(resolve(&rows, &target("menfi+unnamed:IT", None)), None);
    // Hand-added meetings match by exact key only.
    assert_eq!(resolve(&rows, &target("user:7", Some(40))), None);
}
