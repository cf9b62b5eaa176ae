//! Extraction on articles nobody tuned for (`../shared/corpus/dev2`), one test per class of
//! failure fixed: the values asserted are the truth's (`dev2/truth.json`).

use arshif::extract::{EntityRef, ExtractedMeeting, Extractor};
use arshif::gazetteer::Gazetteer;
use arshif::model::MeetingKind;
use chrono::NaiveDate;

fn extract(file: &str) -> Vec<ExtractedMeeting> {
    extract_dated(file, None)
}

fn extract_dated(file: &str, date: Option<NaiveDate>) -> Vec<ExtractedMeeting> {
    let p = crate::common::shared()
        .join("corpus/dev2/articles")
        .join(file);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let ms = Extractor::new(&Gazetteer::shipped()).extract(&text, date);
    for m in &ms {
        for p in &m.participants {
            assert_eq!(&text[p.span.clone()], p.name, "span of {p:?}");
        }
    }
    ms
}

/// (name as written, country) of the participants with a name, in text order.
fn named(m: &ExtractedMeeting) -> Vec<(String, String)> {
    m.participants
        .iter()
        .filter(|p| matches!(p.entity, EntityRef::Known { .. } | EntityRef::New { .. }))
        .map(|p| (p.name.clone(), p.country.clone().unwrap_or_default()))
        .collect()
}

fn has(m: &ExtractedMeeting, name: &str, country: &str) -> bool {
    named(m).contains(&(name.to_string(), country.to_string()))
}

/// An Arabic name written before its title («"أوليفر أوفتشا" السفير الألماني لدى ليبيا»), and a
/// mayor named after «عميد بلدية الزنتان»: a phone call between them (truth: 221_ar).
#[test]
fn arabic_name_before_title_and_a_mayor() {
    let ms = extract("221_ar.txt");
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(ms[0].kind, MeetingKind::PhoneCall);
    assert!(has(&ms[0], "أوليفر أوفتشا", "DE"), "{:?}", named(&ms[0]));
    assert!(has(&ms[0], "مصطفى الباروني", "LY"), "{:?}", named(&ms[0]));
    assert_eq!(named(&ms[0]).len(), 2, "{:?}", named(&ms[0]));
}

/// «أجرى الكسندر شالينبرج وزير خارجية النمسا ... اتصالا هاتفيا مع نجلاء المنقوش»: the name is
/// the two words before the title, not the verb before them; a European given name written
/// with a bare alef («الكسندر») opens a name (truth: 211_ar).
#[test]
fn name_before_title_stops_at_the_verb() {
    let ms = extract("211_ar.txt");
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert!(has(&ms[0], "الكسندر شالينبرج", "AT"), "{:?}", named(&ms[0]));
    assert!(
        !named(&ms[0]).iter().any(|(n, _)| n.contains("أجرى")),
        "{:?}",
        named(&ms[0])
    );
}

/// A title with a clitic («بعد توليه مهامه كسفير لإيطاليا») is no apposition: the words before
/// it are not a name (truth: 220_ar names only Giuseppe Perrone and the Libyan side).
#[test]
fn clitic_title_takes_no_name_before_it() {
    let ms = extract("220_ar.txt");
    assert!(
        ms.iter().flat_map(named).all(|(n, _)| !n.contains("توليه")),
        "{ms:#?}"
    );
}

/// Gazetteer ids of the participants, in text order.
fn known(m: &ExtractedMeeting) -> Vec<&str> {
    m.participants
        .iter()
        .filter_map(|p| match &p.entity {
            EntityRef::Known { id } => Some(id.as_str()),
            _ => None,
        })
        .collect()
}

/// French: meeting cues («s'est entretenu», «rencontre», «a reçu»), nationality adjectives
/// («libyen», «français») and «aujourd'hui» against the article's date (truth: 254_fr, published
/// 2021-03-25: Mangoush with Di Maio, Le Drian and Maas, that day).
#[test]
fn french_meeting_with_relative_day() {
    let d = NaiveDate::from_ymd_opt(2021, 3, 25).unwrap();
    let ms = extract_dated("254_fr.txt", Some(d));
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let ids = known(&ms[0]);
    for id in [
        "najla_mangoush",
        "luigi_di_maio",
        "jean_yves_le_drian",
        "heiko_maas",
    ] {
        assert!(ids.contains(&id), "{id} not in {ids:?}");
    }
    assert_eq!(ms[0].date.date, Some(d));
}

/// «Le président libyen rencontre Emmanuel Macron ... accompagné de ... Moussa Al Koni»
/// (truth: 253_fr, Macron and al-Koni among the participants).
#[test]
fn french_president_meets_macron() {
    let ms = extract("253_fr.txt");
    assert_eq!(ms.len(), 1, "{ms:#?}");
    let ids = known(&ms[0]);
    assert!(ids.contains(&"emmanuel_macron"), "{ids:?}");
    assert!(ids.contains(&"musa_al_koni"), "{ids:?}");
}

/// Name extent after a portfolio list: "Minister for Finance and Employment Clyde Caruana" names
/// Clyde Caruana (truth: 240_en), «ministro dei Trasporti Milad Maitouq» names Milad Maitouq
/// (243_it): the capitalised portfolio word after a connector is not part of the name.
#[test]
fn name_after_a_portfolio_list_starts_after_it() {
    // 243_it's «ministro dei Trasporti Milad Maitouq» is in a past visit recalled as background
    // («Durante quel periodo ...»), which is not listed: only that no name starts with the
    // portfolio is checked there.
    for (file, name) in [("240_en.txt", Some("Clyde Caruana")), ("243_it.txt", None)] {
        let names: Vec<String> = extract(file)
            .iter()
            .flat_map(named)
            .map(|(n, _)| n)
            .collect();
        if let Some(name) = name {
            assert!(names.iter().any(|n| n == name), "{file}: {names:?}");
        }
        assert!(
            !names
                .iter()
                .any(|n| n.starts_with("Employment") || n.starts_with("Trasporti")),
            "{file}: {names:?}"
        );
    }
}

/// dev2 as a whole never falls below today's scores (a ratchet, far from issue 9's targets:
/// articles 0.95, meetings F1 0.92, participants F1 0.92, dates 0.90).
#[test]
fn dev2_scores_do_not_drop() {
    use arshif::devtools::eval::{TopicMap, evaluate_files};
    let dir = crate::common::shared().join("corpus/dev2");
    let ex = Extractor::new(&Gazetteer::shipped());
    let (r, _) = evaluate_files(
        &ex,
        &dir.join("truth.json"),
        &dir.join("articles"),
        &TopicMap::shipped(),
    )
    .unwrap();
    let shown = serde_json::to_string(&r).unwrap();
    assert_eq!(r.articles.n, 55);
    // rules-5 (extract_classes.rs): articles 0.927, meetings F1 0.8+, participants F1 0.87+,
    // dates 0.667 (were 0.855, 0.759, 0.783, 0.542); rules-6: meetings F1 0.816, participants
    // F1 0.875; rules-7 (several meetings, announced visits, the year from weekday and terms,
    // topic cues in the meeting's own sentences): articles 0.945, meetings F1 0.912,
    // participants F1 0.935, dates 1.00 (n 24), topics precision 0.841.
    assert!(r.articles.accuracy >= 0.94, "{shown}");
    assert!(r.meetings.f1 >= 0.91, "{shown}");
    assert!(r.participants.f1 >= 0.93, "{shown}");
    assert!(r.dates.accuracy >= 0.95, "{shown}");
    assert!(r.topics.precision >= 0.83, "{shown}");
}
