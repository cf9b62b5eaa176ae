use super::sections::official_edit;
use super::*;
use crate::edits::{self, Edit, EntityKind};
use crate::model::MeetingKind;
use crate::ui::edit_words::describe_edit;
use pretty_assertions::assert_eq;

fn gaz() -> Gazetteer {
    Gazetteer::shipped()
}

fn meeting(change: MeetingChange) -> Edit {
    Edit::Meeting {
        target: edits::MeetingRef {
            article_id: 1,
            key: "khaled_mazen+luciana_lamorgese".into(),
            anchor: None,
        },
        change,
    }
}

#[test]
fn edits_in_words_in_both_languages() {
    let g = gaz();
    let rome = edits::place_from_gazetteer(&g, "rome").unwrap();
    let place = meeting(MeetingChange::Place(Some(rome)));
    assert_eq!(
        describe_edit(&place, UiLang::En, Some(&g)),
        "the meeting's place: Rome"
    );
    assert_eq!(
        describe_edit(&place, UiLang::Ar, Some(&g)),
        "مكان اللقاء: روما"
    );
    let removed = meeting(MeetingChange::RemoveParticipant("khaled_mazen".into()));
    assert_eq!(
        describe_edit(&removed, UiLang::En, Some(&g)),
        "participant Khaled Mazen removed"
    );
    assert_eq!(
        describe_edit(&removed, UiLang::Ar, Some(&g)),
        "أُزيل المشارك خالد مازن"
    );
    assert_eq!(
        describe_edit(&removed, UiLang::En, None),
        "participant khaled_mazen removed"
    );
    let kind = meeting(MeetingChange::Kind(MeetingKind::PhoneCall));
    assert_eq!(
        describe_edit(&kind, UiLang::En, Some(&g)),
        "the meeting's kind: phone call (CAMEO 041)"
    );
    assert_eq!(
        describe_edit(&kind, UiLang::Ar, Some(&g)),
        "نوع اللقاء: اتصال هاتفي (CAMEO 041)"
    );
    let topic = meeting(MeetingChange::RemoveTopic("terrorism".into()));
    assert_eq!(
        describe_edit(&topic, UiLang::Ar, Some(&g)),
        "أُزيل موضوع الإرهاب"
    );
    let alias = Edit::AddAlias {
        entity: EntityKind::Person,
        key: "khaled_mazen".into(),
        alias: "ماتسن".into(),
    };
    assert_eq!(
        describe_edit(&alias, UiLang::En, Some(&g)),
        "alias «ماتسن» of Khaled Mazen"
    );
    assert_eq!(
        describe_edit(&alias, UiLang::Ar, Some(&g)),
        "تهجئة «ماتسن» لاسم خالد مازن"
    );
    let dated = Edit::ArticleDate {
        article_id: 4,
        date: parse_date_field("2021-04-19").unwrap(),
    };
    assert_eq!(
        describe_edit(&dated, UiLang::En, None),
        "article #4 published 2021-04-19"
    );
}

#[test]
fn the_official_form_takes_names_of_countries_and_bodies_in_any_script() {
    let g = gaz();
    let form = OfficialForm {
        name_ar: "كارلو بيانكي".into(),
        name_en: "Carlo Bianchi".into(),
        role: "المبعوث الخاص إلى ليبيا".into(),
        body: String::new(),
        country: "إيطاليا".into(),
    };
    let Edit::AddOfficial { person } = official_edit(&g, &form).unwrap() else {
        panic!("not an official")
    };
    assert_eq!(person.id, "user_carlo_bianchi");
    assert_eq!(person.country, "IT");
    assert_eq!(person.office[0].role_ar, "المبعوث الخاص إلى ليبيا");
    assert_eq!(person.office[0].role_en, "");
    let known = OfficialForm {
        name_en: "Khaled Mazen".into(),
        country: "LY".into(),
        ..OfficialForm::default()
    };
    assert_eq!(
        official_edit(&g, &known).unwrap_err().to_string(),
        "Khaled Mazen is already in the gazetteer: add another spelling with «Add alias…» instead"
    );
    let nowhere = OfficialForm {
        name_en: "Somebody".into(),
        country: "Narnia".into(),
        ..OfficialForm::default()
    };
    assert_eq!(
        official_edit(&g, &nowhere).unwrap_err().to_string(),
        "«Narnia» is not a country Arshif knows: type a code such as IT or EU, or a name such as Italy or «إيطاليا»"
    );
}

#[test]
fn dates_typed_in_any_form() {
    assert_eq!(parse_date_field("  ").unwrap(), None);
    assert_eq!(
        parse_date_field("٢٠ أبريل ٢٠٢١")
            .unwrap()
            .map(|d| d.date.to_string()),
        Some("2021-04-20".to_owned())
    );
    assert_eq!(
        parse_date_field("soon").unwrap_err(),
        "«soon» is not a date Arshif can read (try YYYY-MM-DD)"
    );
}
