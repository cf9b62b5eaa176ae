//! The seed article (`shared/corpus/dev/articles/000_3dc5a4347485e1da.txt`) with the shipped
//! gazetteer: exactly two meetings in Tripoli, Mazen–Lamorgese and al-Menfi–Lamorgese.

use arshif::extract::{DateHow, EntityRef, ExtractedMeeting, Extractor};
use arshif::gazetteer::Gazetteer;
use arshif::model::{MeetingKind, MeetingStatus};
use chrono::NaiveDate;

/// The seed article's text; panics with a clear message when the shared corpus is missing.
fn seed() -> String {
    std::fs::read_to_string(crate::common::seed_path()).expect("the seed article is readable")
}

fn people(m: &ExtractedMeeting) -> Vec<(String, Option<String>)> {
    m.participants
        .iter()
        .map(|p| match &p.entity {
            EntityRef::Known { id } => (id.clone(), p.country.clone()),
            other => (format!("{other:?}"), p.country.clone()),
        })
        .collect()
}

fn topic_ids(m: &ExtractedMeeting) -> Vec<&str> {
    m.topics.iter().map(|t| t.id.as_str()).collect()
}

#[test]
fn seed_gives_two_meetings_in_tripoli() {
    let text = seed();
    let ex = Extractor::new(&Gazetteer::shipped());
    let ms = ex.extract(&text, None);
    assert_eq!(ms.len(), 2, "{ms:#?}");
    assert_eq!(
        people(&ms[0]),
        vec![
            ("khaled_mazen".to_string(), Some("LY".to_string())),
            ("luciana_lamorgese".to_string(), Some("IT".to_string())),
        ]
    );
    assert_eq!(
        people(&ms[1]),
        vec![
            ("mohamed_al_menfi".to_string(), Some("LY".to_string())),
            ("luciana_lamorgese".to_string(), Some("IT".to_string())),
        ]
    );
    assert_eq!(
        ms[0].participants[0].role.as_deref(),
        Some("وزير الداخلية الليبية")
    );
    assert_eq!(
        ms[0].participants[1].role.as_deref(),
        Some("وزيرة الداخلية الإيطالية")
    );
    assert_eq!(
        ms[1].participants[0].role.as_deref(),
        Some("رئيس المجلس الرئاسي")
    );
    for m in &ms {
        assert_eq!(m.place.as_ref().map(|p| p.id.as_str()), Some("tripoli"));
        assert_eq!(m.kind, MeetingKind::Host);
        assert_eq!(m.status, MeetingStatus::Held);
        // Undated without an article date, but the relative day is kept.
        assert_eq!(m.date.date, None);
        assert_eq!(m.date.how, DateHow::RelativeUnresolved);
        assert_eq!(m.date.expression.as_deref(), Some("اليوم"));
        // Every span points at the words in the original text.
        for p in &m.participants {
            assert_eq!(&text[p.span.clone()], p.name, "{p:?}");
        }
    }
    assert_eq!(&text[ms[0].participants[0].span.clone()], "خالد مازن");
    assert_eq!(&text[ms[1].place.as_ref().unwrap().span.clone()], "بطرابلس");
    let t = topic_ids(&ms[0]);
    for want in [
        "illegal_migration",
        "terrorism",
        "human_trafficking",
        "security_agreements",
        "coast_guard",
        "training",
    ] {
        assert!(t.contains(&want), "missing topic {want} in {t:?}");
    }
    let t1 = topic_ids(&ms[1]);
    for want in ["illegal_migration", "border_security", "development"] {
        assert!(t1.contains(&want), "missing topic {want} in {t1:?}");
    }
    assert!(
        ms[0].evidence[0]
            .text
            .starts_with("بحث وزير الداخلية الليبية خالد مازن")
    );
    assert!(
        ms[1].evidence[0]
            .text
            .starts_with("والتقى رئيس المجلس الرئاسي محمد المنفي")
    );
}

#[test]
fn seed_is_dated_by_the_article_date() {
    let text = seed();
    let ex = Extractor::new(&Gazetteer::shipped());
    let d = NaiveDate::from_ymd_opt(2021, 4, 19).unwrap();
    let ms = ex.extract(&text, Some(d));
    assert_eq!(ms.len(), 2);
    for m in &ms {
        assert_eq!(m.date.date, Some(d));
        assert_eq!(m.date.how, DateHow::RelativeToArticle);
        assert!(!m.date.weekday_conflict);
    }
}
