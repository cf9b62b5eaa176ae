//! The grouping rules on the classes of cases the corpus has (names and places as in dev/dev2).

use super::*;

fn places() -> HashMap<String, PlaceInfo> {
    let p = |c: &str, lat: f64, lon: f64| PlaceInfo {
        country: c.into(),
        lat: Some(lat),
        lon: Some(lon),
    };
    HashMap::from([
        ("tripoli".to_string(), p("LY", 32.89, 13.19)),
        ("mitiga".to_string(), p("LY", 32.89, 13.28)),
        ("benghazi".to_string(), p("LY", 32.12, 20.07)),
        ("rome".to_string(), p("IT", 41.9, 12.5)),
    ])
}

fn day(s: &str) -> Option<(NaiveDate, DatePrecision)> {
    Some((s.parse().unwrap(), DatePrecision::Day))
}

fn m(
    article: i64,
    date: Option<(NaiveDate, DatePrecision)>,
    place: &str,
    people: &[&str],
) -> Mention {
    Mention {
        article,
        date,
        place: (!place.is_empty()).then(|| place.to_string()),
        people: people
            .iter()
            .map(|p| {
                let side = if ["lamorgese", "meloni", "piantedosi", "macron", "orlando"].contains(p)
                {
                    Side::Europe
                } else {
                    Side::Libya
                };
                (p.to_string(), side)
            })
            .collect(),
        kind: MeetingKind::Visit,
        status: MeetingStatus::Held,
        weekday: None,
    }
}

fn groups(ms: &[Mention]) -> Vec<usize> {
    group(ms, &places(), &[])
}

#[test]
fn reports_of_one_day_place_and_pair_are_one_event() {
    let d = day("2021-04-19");
    let ms = [
        m(1, d, "tripoli", &["mazen", "lamorgese"]),
        m(2, d, "tripoli", &["lamorgese", "mazen"]),
        // The airport is Tripoli's.
        m(3, d, "mitiga", &["mazen", "lamorgese"]),
        // Place unknown in this report.
        m(4, d, "", &["mazen", "lamorgese"]),
    ];
    assert_eq!(groups(&ms), [0, 0, 0, 0]);
}

#[test]
fn one_visitor_meeting_two_libyans_the_same_day_is_two_events() {
    let d = day("2021-04-19");
    let ms = [
        m(1, d, "tripoli", &["mazen", "lamorgese"]),
        m(1, d, "tripoli", &["menfi", "lamorgese"]),
        m(2, d, "tripoli", &["lamorgese", "mazen"]),
        m(3, d, "tripoli", &["lamorgese", "menfi"]),
        // Only the visitor named: compatible with both, so it cannot chain them together.
        m(4, d, "tripoli", &["lamorgese"]),
    ];
    let g = groups(&ms);
    assert_eq!(g[..4], [0, 1, 0, 1]);
    assert!(g[4] == 0 || g[4] == 1 || g[4] == 4);
    assert_ne!(g[0], g[1]);
}

#[test]
fn one_article_telling_one_meeting_twice_is_one_event() {
    // Meloni in Tripoli: the talks with Dbeibah, and the gas deal signed before both of them.
    let d = day("2023-01-28");
    let ms = [
        m(9, d, "tripoli", &["dbeibah", "meloni"]),
        m(
            9,
            d,
            "tripoli",
            &["dbeibah", "meloni", "bengdara", "descalzi"],
        ),
    ];
    assert_eq!(groups(&ms), [0, 0]);
}

#[test]
fn two_bilateral_meetings_on_one_conferences_sidelines_stay_apart() {
    let d = day("2021-10-21");
    let ms = [
        m(1, d, "tripoli", &["mangoush", "maas"]),
        m(2, d, "tripoli", &["mangoush", "lamorgese"]),
    ];
    assert_eq!(groups(&ms), [0, 1]);
}

#[test]
fn consecutive_days_and_other_cities_are_other_events() {
    let ms = [
        m(1, day("2023-02-21"), "rome", &["trabelsi", "piantedosi"]),
        m(2, day("2023-02-21"), "tripoli", &["trabelsi", "piantedosi"]),
        m(3, day("2023-02-21"), "rome", &["piantedosi", "trabelsi"]),
        // Two European visitors in Tripoli on consecutive days.
        m(4, day("2021-04-19"), "tripoli", &["dbeibah", "lamorgese"]),
        m(5, day("2021-04-20"), "tripoli", &["dbeibah", "meloni"]),
        // The same host and visitor a day apart, but one report names a third person: two days.
        m(
            6,
            day("2021-04-20"),
            "tripoli",
            &["dbeibah", "lamorgese", "mazen"],
        ),
    ];
    assert_eq!(groups(&ms), [0, 1, 0, 3, 4, 5]);
}

#[test]
fn a_report_dated_the_day_after_with_the_same_people_and_place_is_the_same_event() {
    // Dendias–Haftar in Benghazi, one report dated by its publication the next day.
    let ms = [
        m(1, day("2019-12-22"), "benghazi", &["dendias", "haftar"]),
        m(2, day("2019-12-23"), "benghazi", &["haftar", "dendias"]),
        m(3, day("2019-12-22"), "benghazi", &["dendias", "saleh"]),
    ];
    assert_eq!(groups(&ms), [0, 0, 2]);
}

#[test]
fn an_undated_report_joins_the_dated_event_it_agrees_with() {
    let month = Some(("2023-01-01".parse().unwrap(), DatePrecision::Month));
    let ms = [
        m(1, day("2023-01-28"), "tripoli", &["dbeibah", "meloni"]),
        m(2, None, "tripoli", &["meloni", "dbeibah"]),
        m(3, day("2024-05-07"), "rome", &["dbeibah", "meloni"]),
        // Undated and no place: too little to join anything.
        m(4, None, "", &["meloni", "dbeibah"]),
        // Month precision inside the first event's month.
        m(5, month, "tripoli", &["dbeibah", "meloni"]),
        // Undated, sharing only two of a long list: another occasion.
        m(
            6,
            None,
            "tripoli",
            &["dbeibah", "meloni", "bengdara", "descalzi", "trabelsi"],
        ),
    ];
    assert_eq!(groups(&ms), [0, 0, 2, 3, 0, 5]);
}

#[test]
fn undated_reports_join_only_with_the_same_people_place_and_weekday() {
    let sunday = Some(Weekday::Sun);
    let mut ms = [
        // Di Maio in Tripoli «اليوم الأحد» (two outlets), and «اليوم الخميس» months later.
        m(1, None, "tripoli", &["di_maio", "dbeibah"]),
        m(2, None, "tripoli", &["dbeibah", "di_maio"]),
        m(3, None, "tripoli", &["di_maio", "dbeibah"]),
        // One more person named: not enough for two undated reports.
        m(4, None, "tripoli", &["di_maio", "dbeibah", "mangoush"]),
    ];
    ms[0].weekday = sunday;
    ms[1].weekday = sunday;
    ms[2].weekday = Some(Weekday::Thu);
    ms[3].weekday = Some(Weekday::Thu);
    assert_eq!(groups(&ms), [0, 0, 2, 3]);
}

#[test]
fn the_weekday_comes_from_the_date_words_of_the_note() {
    let note = crate::model::DateNote::Found {
        how: crate::model::DateFound::RelativeUnresolved,
        expression: "اليوم الأحد".into(),
        wrong_weekday: None,
        candidates: Vec::new(),
    };
    assert_eq!(stated_weekday(Some(&note.to_stored())), Some(Weekday::Sun));
    assert_eq!(stated_weekday(None), None);
}

#[test]
fn an_announcement_and_the_held_meeting_are_one_event() {
    let d = day("2025-07-08");
    let mut a = m(1, d, "tripoli", &["dbeibah", "piantedosi"]);
    a.status = MeetingStatus::Announced;
    let ms = [a, m(2, d, "tripoli", &["dbeibah", "piantedosi"])];
    assert_eq!(groups(&ms), [0, 0]);
}

#[test]
fn a_phone_call_and_a_meeting_in_person_are_two_events() {
    let d = day("2021-03-10");
    let mut call = m(1, d, "", &["mangoush", "lamorgese"]);
    call.kind = MeetingKind::PhoneCall;
    let ms = [call, m(2, d, "", &["mangoush", "lamorgese"])];
    assert_eq!(groups(&ms), [0, 1]);
}

#[test]
fn user_links_join_and_keep_apart() {
    let d = day("2021-04-19");
    let ms = [
        m(1, d, "tripoli", &["mazen", "lamorgese"]),
        m(2, d, "tripoli", &["mazen", "lamorgese"]),
        m(3, day("2021-04-20"), "tripoli", &["mazen", "lamorgese"]),
    ];
    let g = group(&ms, &places(), &[Link::Different(0, 1), Link::Same(1, 2)]);
    assert_eq!(g, [0, 1, 1]);
}

#[test]
fn lightly_edited_agency_copies_are_copies_and_other_texts_are_not() {
    let base = "بحث وزير الداخلية المكلف خالد مازن مع وزيرة الداخلية الإيطالية لوتشانا لامورجيزي \
                في طرابلس اليوم الاثنين سبل التعاون الأمني بين البلدين ومكافحة الهجرة غير الشرعية \
                وتبادل المعلومات وتدريب عناصر الشرطة وخفر السواحل ودعم قدرات الوزارة";
    let edited = base
        .replace("اليوم الاثنين", "الاثنين")
        .replace("ودعم", "و دعم");
    let other = "استقبل رئيس المجلس الرئاسي محمد المنفي في طرابلس رئيس وزراء مالطا روبرت أبيلا \
                 والوفد المرافق له وبحث الجانبان العلاقات التاريخية بين البلدين وسبل تعزيز \
                 التعاون في مجالات الطاقة والاقتصاد والتواصل المستمر";
    let (a, b, c) = (
        minhash(base).unwrap(),
        minhash(&edited).unwrap(),
        minhash(other).unwrap(),
    );
    assert!(similarity(&a, &b) >= COPY_JACCARD, "{}", similarity(&a, &b));
    assert!(similarity(&a, &c) < 0.2);
    assert_eq!(
        copies(&[(7, a.clone()), (3, b), (9, c), (12, a)]),
        [(7, 3), (12, 3)]
    );
    assert_eq!(minhash("قصير جدا"), None);
}

#[test]
fn an_undated_report_of_the_principals_joins_the_dated_one_listing_the_delegation() {
    let abela = |article, date, place: &str, people: &[&str]| {
        let mut x = m(article, date, place, people);
        for (k, s) in &mut x.people {
            if ["abela", "bartolo", "caruana", "camilleri"].contains(&k.as_str()) {
                *s = Side::Europe;
            }
        }
        x
    };
    let ms = [
        // "Abela told Dbeibah today ... Accompanying Abela are Bartolo, Caruana and Camilleri."
        abela(
            1,
            day("2021-04-05"),
            "tripoli",
            &["abela", "dbeibah", "bartolo", "caruana", "camilleri"],
        ),
        // "Abela has left Malta to meet Dbeibah" (no date).
        abela(2, None, "tripoli", &["dbeibah", "abela"]),
        // Extra people of the host's side: another occasion.
        abela(
            3,
            None,
            "tripoli",
            &["dbeibah", "abela", "mangoush", "bashagha"],
        ),
        // The principals abroad, the extra Europeans the hosts: another occasion too.
        abela(4, None, "rome", &["dbeibah", "abela"]),
        abela(
            5,
            day("2021-06-01"),
            "rome",
            &["abela", "dbeibah", "bartolo", "caruana", "camilleri"],
        ),
    ];
    assert_eq!(groups(&ms), [0, 0, 2, 3, 4]);
}

#[test]
fn the_undated_report_of_the_dated_days_weekday_joins_first_whatever_the_order() {
    // Haftar at the Élysée on Monday 9 March 2020; an undated «الاثنين» report of it and an
    // undated «الأربعاء» report of another visit. Whichever was imported first, Monday's joins.
    let mut places = places();
    places.insert(
        "paris".into(),
        PlaceInfo {
            country: "FR".into(),
            lat: Some(48.86),
            lon: Some(2.35),
        },
    );
    let mut wed = m(3, None, "paris", &["macron", "haftar"]);
    wed.weekday = Some(Weekday::Wed);
    let mut mon = m(2, None, "paris", &["haftar", "macron"]);
    mon.weekday = Some(Weekday::Mon);
    let dated = m(1, day("2020-03-09"), "paris", &["macron", "haftar"]);
    let g = group(&[dated.clone(), wed.clone(), mon.clone()], &places, &[]);
    assert_eq!(g, [0, 1, 0]);
    let g = group(&[dated, mon, wed], &places, &[]);
    assert_eq!(g, [0, 0, 2]);
}
