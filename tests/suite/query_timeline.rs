//! The timeline query over a real archive file: filters, facet counts, text search, order.
//! The meetings are written through `store::meetings` as extraction writes them; what is tested
//! is what the query selects and counts.

use arshif::model::{DatePrecision, Lang, MeetingKind, MeetingStatus, Side};
use arshif::query::{Facet, Filter, Order, facets, timeline};
use arshif::store::meetings::{Named, NewMeeting, NewParticipant, NewTopic, replace_for_article};
use arshif::store::{Inserted, NewArticle, Store};
use chrono::NaiveDate;

fn named(key: &str, en: &str, ar: &str) -> Named {
    Named {
        key: key.into(),
        name_en: en.into(),
        name_ar: ar.into(),
    }
}

fn person(key: &str, en: &str, ar: &str, country: &str, side: Side, body: Named) -> NewParticipant {
    NewParticipant {
        person_key: key.into(),
        name_en: en.into(),
        name_ar: ar.into(),
        as_written: ar.into(),
        role: String::new(),
        body: Some(body),
        country: country.into(),
        side,
        needs_review: false,
        span: None,
    }
}

fn article(store: &Store, headline: &str, body: &str) -> i64 {
    let a = NewArticle {
        headline: headline.into(),
        body: body.into(),
        lang: Lang::Ar,
        outlet: None,
        url: None,
        author: None,
        tags: vec![],
        date: None,
        date_note: None,
        source_path: None,
        source_encoding: None,
    };
    match store.insert_article(&a).unwrap() {
        Inserted::New(id) => id,
        other => panic!("not inserted: {other:?}"),
    }
}

fn meeting(
    date: Option<&str>,
    place: Option<Named>,
    people: Vec<NewParticipant>,
    topics: &[Named],
) -> NewMeeting {
    NewMeeting {
        kind: MeetingKind::Host,
        status: MeetingStatus::Held,
        date: date.map(|d| {
            (
                NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(),
                DatePrecision::Day,
            )
        }),
        date_note: None,
        weekday_conflict: false,
        place,
        confidence: 0.9,
        evidence: vec![],
        participants: people,
        topics: topics
            .iter()
            .map(|t| NewTopic {
                topic: t.clone(),
                span: None,
            })
            .collect(),
    }
}

/// The seed's two meetings (2021-04-19, Tripoli) and Di Maio with Dbeibah (2021-03-21), undated
/// third meeting in another article.
fn archive() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("a.sqlite")).unwrap();
    let tripoli = named("tripoli", "Tripoli", "طرابلس");
    let interior_ly = named("ly_gnu_interior", "Ministry of Interior", "وزارة الداخلية");
    let interior_it = named(
        "it_interior",
        "Ministry of the Interior",
        "وزارة الداخلية الإيطالية",
    );
    let pc = named(
        "ly_presidential_council",
        "Presidential Council",
        "المجلس الرئاسي",
    );
    let mazen = person(
        "khaled_mazen",
        "Khaled Mazen",
        "خالد مازن",
        "LY",
        Side::Libya,
        interior_ly,
    );
    let lamorgese = person(
        "luciana_lamorgese",
        "Luciana Lamorgese",
        "لوتشانا لامورجيزي",
        "IT",
        Side::Europe,
        interior_it,
    );
    let menfi = person(
        "mohamed_al_menfi",
        "Mohamed al-Menfi",
        "محمد المنفي",
        "LY",
        Side::Libya,
        pc,
    );
    let migration = named(
        "illegal_migration",
        "Illegal migration",
        "الهجرة غير الشرعية",
    );
    let terrorism = named("terrorism", "Terrorism", "الإرهاب");
    let seed = article(
        &store,
        "مباحثات بين داخلية ليبيا وإيطاليا لدعم العلاقات الأمنية ومكافحة الهجرة غير الشرعية",
        "بحث وزير الداخلية الليبية خالد مازن مع وزيرة الداخلية الإيطالية لوتشانا لامورجيزي في طرابلس.",
    );
    replace_for_article(
        &store,
        seed,
        &[
            meeting(
                Some("2021-04-19"),
                Some(tripoli.clone()),
                vec![mazen, lamorgese.clone()],
                &[migration.clone(), terrorism],
            ),
            meeting(
                Some("2021-04-19"),
                Some(tripoli.clone()),
                vec![menfi, lamorgese],
                &[migration],
            ),
        ],
        "test",
    )
    .unwrap();
    let dbeibah = person(
        "abdul_hamid_dbeibah",
        "Abdul Hamid Dbeibah",
        "عبد الحميد الدبيبة",
        "LY",
        Side::Libya,
        named(
            "ly_gnu",
            "Government of National Unity",
            "حكومة الوحدة الوطنية",
        ),
    );
    let dimaio = person(
        "luigi_di_maio",
        "Luigi Di Maio",
        "لويجي دي مايو",
        "IT",
        Side::Europe,
        named(
            "it_foreign",
            "Ministry of Foreign Affairs",
            "وزارة الخارجية الإيطالية",
        ),
    );
    let second = article(
        &store,
        "الدبيبة يستقبل دي مايو",
        "استقبل رئيس الحكومة عبد الحميد الدبيبة وزير الخارجية الإيطالي لويجي دي مايو.",
    );
    replace_for_article(
        &store,
        second,
        &[meeting(
            Some("2021-03-21"),
            Some(tripoli),
            vec![dbeibah.clone(), dimaio.clone()],
            &[],
        )],
        "test",
    )
    .unwrap();
    let third = article(
        &store,
        "اتصال هاتفي",
        "أجرى الدبيبة اتصالا هاتفيا مع دي مايو.",
    );
    let mut call = meeting(None, None, vec![dbeibah, dimaio], &[]);
    call.kind = MeetingKind::PhoneCall;
    replace_for_article(&store, third, &[call], "test").unwrap();
    (dir, store)
}

fn keys(f: &[&str]) -> std::collections::BTreeSet<String> {
    f.iter().map(|s| s.to_string()).collect()
}

#[test]
fn officials_filter_selects_their_meetings() {
    let (_d, store) = archive();
    let mut f = Filter::default();
    assert_eq!(timeline(&store, &f).unwrap().len(), 4);
    f.officials = keys(&["khaled_mazen"]);
    let rows = timeline(&store, &f).unwrap();
    assert_eq!(rows.len(), 1);
    let names: Vec<_> = rows[0]
        .participants
        .iter()
        .map(|p| p.person.name_en.as_str())
        .collect();
    assert_eq!(names, ["Khaled Mazen", "Luciana Lamorgese"]);
    assert_eq!(rows[0].date, NaiveDate::from_ymd_opt(2021, 4, 19));
    assert_eq!(rows[0].place.as_ref().unwrap().name_ar, "طرابلس");
    assert_eq!(
        rows[0]
            .topics
            .iter()
            .map(|t| t.key.as_str())
            .collect::<Vec<_>>(),
        ["illegal_migration", "terrorism"]
    );
    f.officials = keys(&["luciana_lamorgese"]);
    assert_eq!(timeline(&store, &f).unwrap().len(), 2);
    // OR within a facet.
    f.officials = keys(&["khaled_mazen", "luigi_di_maio"]);
    assert_eq!(timeline(&store, &f).unwrap().len(), 3);
}

#[test]
fn order_puts_undated_last_and_respects_direction() {
    let (_d, store) = archive();
    let mut f = Filter::default();
    let dates: Vec<_> = timeline(&store, &f)
        .unwrap()
        .iter()
        .map(|m| m.date.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        dates,
        [
            Some("2021-04-19".into()),
            Some("2021-04-19".into()),
            Some("2021-03-21".into()),
            None
        ]
    );
    f.order = Order::OldestFirst;
    let dates: Vec<_> = timeline(&store, &f)
        .unwrap()
        .iter()
        .map(|m| m.date.map(|d| d.to_string()))
        .collect();
    assert_eq!(
        dates,
        [
            Some("2021-03-21".into()),
            Some("2021-04-19".into()),
            Some("2021-04-19".into()),
            None
        ]
    );
    f.exclude_undated = true;
    f.from = NaiveDate::from_ymd_opt(2021, 4, 1);
    assert_eq!(timeline(&store, &f).unwrap().len(), 2);
}

#[test]
fn text_search_is_arabic_aware_and_hostile_text_is_safe() {
    let (_d, store) = archive();
    let f = Filter {
        text: Some("الهجرة".into()),
        ..Filter::default()
    };
    let rows = timeline(&store, &f).unwrap();
    assert_eq!(rows.len(), 2, "only the seed's two meetings mention الهجرة");
    assert!(rows.iter().all(|m| m.headline.starts_with("مباحثات")));
    // بطرابلس-style clitics and alef variants: «ايطاليا» finds «وإيطاليا» in the seed's headline.
    let f = Filter {
        text: Some("ايطاليا".into()),
        ..Filter::default()
    };
    assert_eq!(timeline(&store, &f).unwrap().len(), 2);
    for hostile in ["\"", "(", "NOT", "near(", "*", "وزير\"الداخلية", "-"] {
        let f = Filter {
            text: Some(hostile.into()),
            ..Filter::default()
        };
        timeline(&store, &f).unwrap();
        facets(&store, &f).unwrap();
    }
}

#[test]
fn facet_counts_follow_the_other_filters() {
    let (_d, store) = archive();
    let f = Filter {
        countries: keys(&["IT"]),
        kinds: [MeetingKind::Host].into_iter().collect(),
        ..Filter::default()
    };
    let fc = facets(&store, &f).unwrap();
    let officials: Vec<_> = fc
        .of(Facet::Officials)
        .iter()
        .map(|v| (v.key.as_str(), v.count))
        .collect();
    assert_eq!(officials[0], ("luciana_lamorgese", 2));
    assert!(officials.contains(&("khaled_mazen", 1)));
    assert!(officials.contains(&("luigi_di_maio", 1)));
    // The kinds facet is counted without its own selection: the phone call still shows.
    let kinds: Vec<_> = fc
        .of(Facet::Kinds)
        .iter()
        .map(|v| (v.key.as_str(), v.count))
        .collect();
    assert_eq!(kinds, [("host", 3), ("phone_call", 1)]);
    assert_eq!(fc.per_year, [(2021, 3)]);
    assert_eq!(fc.undated, 0);
    let all = facets(&store, &Filter::default()).unwrap();
    assert_eq!(all.undated, 1);
    assert_eq!(
        all.of(Facet::Places),
        [arshif::query::FacetValue {
            key: "tripoli".into(),
            label_en: "Tripoli".into(),
            label_ar: "طرابلس".into(),
            count: 3
        }]
    );
}

#[test]
fn reextraction_replaces_an_articles_meetings_whole() {
    let (_d, store) = archive();
    let seed_id = timeline(&store, &Filter::default()).unwrap()[0].article_ids[0];
    replace_for_article(&store, seed_id, &[], "v2").unwrap();
    assert_eq!(timeline(&store, &Filter::default()).unwrap().len(), 2);
    let pending = arshif::store::meetings::articles_needing_extraction(&store, "v2").unwrap();
    assert_eq!(
        pending.len(),
        2,
        "the two other articles were extracted with 'test', not 'v2'"
    );
    assert!(!pending.contains(&seed_id));
}
