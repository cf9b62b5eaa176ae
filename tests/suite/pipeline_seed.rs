//! From the seed file to the timeline, through the real importer, extractor and SQLite file:
//! exactly two meetings in Tripoli, undated until the article gets its date, then 2021-04-19.

use crate::common;

use arshif::extract::Extractor;
use arshif::gazetteer::Gazetteer;
use arshif::import::import_paths;
use arshif::model::{DatePrecision, MeetingStatus, Side};
use arshif::pipeline::{extract_pending, reextract_all, set_article_date};
use arshif::query::{Filter, Order, timeline};
use arshif::store::Store;
use chrono::NaiveDate;
use std::sync::atomic::AtomicBool;

fn people(m: &arshif::query::TimelineMeeting) -> Vec<(String, String, String, Side)> {
    let mut v: Vec<_> = m
        .participants
        .iter()
        .map(|p| {
            (
                p.person.name_en.clone(),
                p.role.clone(),
                p.country.clone(),
                p.side,
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn seed_gives_two_tripoli_meetings_dated_once_the_article_is() {
    let (_dir, db) = common::temp_db();
    let mut store = Store::open(&db).unwrap();
    let no = AtomicBool::new(false);
    let report = import_paths(&mut store, &[common::seed_path()], &mut |_| {}, &no).unwrap();
    assert_eq!(report.imported, 1);
    let ex = Extractor::new(&Gazetteer::shipped());
    let r = extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    assert_eq!((r.articles, r.meetings), (1, 2));

    let filter = Filter {
        order: Order::OldestFirst,
        ..Filter::default()
    };
    let rows = timeline(&store, &filter).unwrap();
    assert_eq!(rows.len(), 2);
    let mazen = rows
        .iter()
        .find(|m| {
            m.participants
                .iter()
                .any(|p| p.person.key == "khaled_mazen")
        })
        .expect("the Mazen–Lamorgese meeting");
    let menfi = rows
        .iter()
        .find(|m| {
            m.participants
                .iter()
                .any(|p| p.person.key == "mohamed_al_menfi")
        })
        .expect("the al-Menfi–Lamorgese meeting");
    assert_eq!(
        people(mazen),
        [
            (
                "Khaled Mazen".into(),
                "Minister of Interior, Government of National Unity".into(),
                "LY".into(),
                Side::Libya
            ),
            (
                "Luciana Lamorgese".into(),
                "Minister of the Interior".into(),
                "IT".into(),
                Side::Europe
            ),
        ]
    );
    assert_eq!(
        people(menfi)[0],
        (
            "Luciana Lamorgese".into(),
            "Minister of the Interior".into(),
            "IT".into(),
            Side::Europe
        )
    );
    assert_eq!(people(menfi)[1].0, "Mohamed al-Menfi");
    assert_eq!(people(menfi)[1].3, Side::Libya);
    for m in &rows {
        assert_eq!(m.place.as_ref().map(|p| p.key.as_str()), Some("tripoli"));
        assert_eq!(m.date, None, "the seed has no date of its own");
        assert_eq!(m.status, MeetingStatus::Held);
    }
    let topics: Vec<&str> = mazen.topics.iter().map(|t| t.key.as_str()).collect();
    for t in [
        "illegal_migration",
        "terrorism",
        "human_trafficking",
        "security_agreements",
        "coast_guard",
        "training",
    ] {
        assert!(topics.contains(&t), "{t} missing from {topics:?}");
    }

    // Setting the article's date resolves «اليوم» in both meetings.
    let article = rows[0].article_ids[0];
    set_article_date(
        &mut store,
        &ex,
        article,
        NaiveDate::from_ymd_opt(2021, 4, 19).unwrap(),
        DatePrecision::Day,
    )
    .unwrap();
    let rows = timeline(&store, &filter).unwrap();
    assert_eq!(rows.len(), 2);
    for m in &rows {
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2021, 4, 19));
        assert_eq!(m.precision, Some(DatePrecision::Day));
    }
    // Filtering by official, as the app does.
    let only = |key: &str| Filter {
        officials: [key.to_string()].into_iter().collect(),
        ..Filter::default()
    };
    assert_eq!(timeline(&store, &only("khaled_mazen")).unwrap().len(), 1);
    assert_eq!(
        timeline(&store, &only("luciana_lamorgese")).unwrap().len(),
        2
    );

    // A full re-extraction keeps the same result (and the user's date).
    let r = reextract_all(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    assert_eq!((r.articles, r.meetings), (1, 2));
    let rows = timeline(&store, &filter).unwrap();
    assert!(
        rows.iter()
            .all(|m| m.date == NaiveDate::from_ymd_opt(2021, 4, 19))
    );
}

#[test]
fn nothing_pending_after_a_catch_up_and_negatives_give_no_meetings() {
    let (_dir, db) = common::temp_db();
    let mut store = Store::open(&db).unwrap();
    let no = AtomicBool::new(false);
    import_paths(&mut store, &[common::corpus()], &mut |_| {}, &no).unwrap();
    let ex = Extractor::new(&Gazetteer::shipped());
    let r = extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    assert_eq!(r.articles, 26);
    let again = extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    assert_eq!(
        again,
        Default::default(),
        "a second catch-up has nothing to do"
    );
    // 034_en (Dbeibah with Erdogan in Istanbul) is not a Libyan–European meeting.
    let istanbul = Filter {
        places: ["istanbul".to_string()].into_iter().collect(),
        ..Filter::default()
    };
    assert!(timeline(&store, &istanbul).unwrap().is_empty());
}
