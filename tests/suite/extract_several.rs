//! Several meetings in one article (issue 9 item 4): a visitor meeting Libyan officials in
//! turn, one sentence reporting several meetings. The values asserted are the truth's
//! (`dev/truth.json`, `dev2/truth.json`).

use arshif::extract::{EntityRef, ExtractedMeeting, Extractor};
use arshif::gazetteer::Gazetteer;
use arshif::model::MeetingStatus;
use chrono::NaiveDate;

fn extract(set: &str, file: &str, date: Option<NaiveDate>) -> Vec<ExtractedMeeting> {
    let p = crate::common::shared()
        .join("corpus")
        .join(set)
        .join("articles")
        .join(file);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Extractor::new(&Gazetteer::shipped()).extract(&text, date)
}

/// The gazetteer ids of a meeting's known participants.
fn ids(m: &ExtractedMeeting) -> Vec<String> {
    m.participants
        .iter()
        .filter_map(|p| match &p.entity {
            EntityRef::Known { id } => Some(id.clone()),
            _ => None,
        })
        .collect()
}

fn with<'m>(ms: &'m [ExtractedMeeting], id: &str) -> Vec<&'m ExtractedMeeting> {
    ms.iter()
        .filter(|m| ids(m).iter().any(|i| i == id))
        .collect()
}

/// "Gerapetritis held meetings with Foreign Minister Taher Al-Baur, Prime Minister Abdul Hamid
/// Dbeiba, and Presidential Council Chairman Mohamed Menfi": the plural says one meeting each
/// (dev2 239_en, three meetings in the truth), on the same trip (same place, same day).
#[test]
fn held_meetings_with_a_list_is_one_meeting_per_official() {
    let ms = extract("dev2", "239_en.txt", None);
    let dbeibah = with(&ms, "abdul_hamid_dbeibah");
    let menfi = with(&ms, "mohamed_al_menfi");
    assert_eq!((dbeibah.len(), menfi.len()), (1, 1), "{ms:#?}");
    assert!(
        !ids(dbeibah[0]).contains(&"mohamed_al_menfi".to_string()),
        "{ms:#?}"
    );
    for m in [dbeibah[0], menfi[0]] {
        assert!(
            ids(m).contains(&"giorgos_gerapetritis".to_string()),
            "{m:#?}"
        );
        assert_eq!(
            m.place.as_ref().map(|p| p.name_en.as_str()),
            Some("Tripoli")
        );
    }
    assert_eq!(dbeibah[0].date, menfi[0].date);
}

/// «سيجتمع مع رئيس المجلس الرئاسي محمد المنفي بقصر ولي العهد، يليه اجتماع مع عضوي المجلس الرئاسي
/// عبدالله اللافي وموسى الكوني»: «يليه» cuts the list; the two members met together (dev2 224_ar:
/// al-Menfi; al-Lafi with al-Koni; Dbeibah in a sentence of its own; all announced).
#[test]
fn a_sequence_word_cuts_the_list_into_meetings() {
    let ms = extract("dev2", "224_ar.txt", None);
    assert_eq!(ms.len(), 3, "{ms:#?}");
    let menfi = with(&ms, "mohamed_al_menfi");
    let lafi = with(&ms, "abdullah_al_lafi");
    assert_eq!((menfi.len(), lafi.len()), (1, 1), "{ms:#?}");
    assert!(!ids(menfi[0]).contains(&"abdullah_al_lafi".to_string()));
    assert!(
        ids(lafi[0]).contains(&"musa_al_koni".to_string()),
        "{:#?}",
        lafi[0]
    );
    assert_eq!(with(&ms, "abdul_hamid_dbeibah").len(), 1);
    assert!(ms.iter().all(|m| m.status == MeetingStatus::Announced));
}

/// "Lamorgese met the President of the Presidential Council, Mohamed Younis Ahmed al Menfi, Prime
/// Minister Abdelhamid Dbeibah, and his partner from the Interior, Khaled Tijani Mazen": nothing
/// says apart, so one meeting with the three (dev 028_en and its Italian twin 035_it).
#[test]
fn met_a_list_without_a_plural_stays_one_meeting() {
    for (file, date) in [
        ("028_en.txt", NaiveDate::from_ymd_opt(2021, 4, 22)),
        ("035_it.txt", None),
    ] {
        let ms = extract("dev", file, date);
        assert_eq!(ms.len(), 1, "{file}: {ms:#?}");
        for id in ["mohamed_al_menfi", "abdul_hamid_dbeibah"] {
            assert!(ids(&ms[0]).contains(&id.to_string()), "{file}: {id}");
        }
    }
}

/// "Maas was received at the coastal city's airport by Libya's Foreign Minister Mohamed Taher
/// Sayala": the reception was on the Zuwara visit the sentence before names, not in Tripoli,
/// which only a background sentence after it names (dev2 234_en: both meetings in Zuwara on
/// Sunday 2019-10-27, published 2019-10-28).
#[test]
fn a_meeting_of_the_visit_takes_its_place_over_a_background_sentence() {
    let ms = extract("dev2", "234_en.txt", NaiveDate::from_ymd_opt(2019, 10, 28));
    let sayala: Vec<_> = ms
        .iter()
        .filter(|m| {
            m.participants
                .iter()
                .any(|p| p.name == "Mohamed Taher Sayala")
        })
        .collect();
    assert_eq!(sayala.len(), 1, "{ms:#?}");
    assert_eq!(
        sayala[0].place.as_ref().map(|p| p.name_en.as_str()),
        Some("Zuwara")
    );
    assert_eq!(sayala[0].date.date, NaiveDate::from_ymd_opt(2019, 10, 27));
}

/// "the Foreign Minister conveyed a message from the Greek Prime Minister, Kyriakos Mitsotakis":
/// the sender was not there (dev2 238_en: Gerapetritis with Khalifa Haftar, then with Belkacem
/// Haftar; "Mitsotakis only sends a message").
#[test]
fn the_sender_of_a_message_is_no_participant() {
    let ms = extract("dev2", "238_en.txt", NaiveDate::from_ymd_opt(2025, 7, 6));
    assert!(with(&ms, "kyriakos_mitsotakis").is_empty(), "{ms:#?}");
    assert_eq!(ms.len(), 2, "{ms:#?}");
    assert!(
        ms.iter()
            .all(|m| ids(m).contains(&"giorgos_gerapetritis".to_string()))
    );
}

/// "During his trip, Dendias also met with Aguila Saleh Issa, ..., and after Benghazi he is set
/// to visit Cairo": a held meeting of the Benghazi trip, not one planned in Cairo (dev2 232_en:
/// Dendias with Haftar, then with Aguila Saleh, both held in Benghazi).
#[test]
fn a_meeting_during_the_trip_is_on_that_trip() {
    let ms = extract("dev2", "232_en.txt", NaiveDate::from_ymd_opt(2019, 12, 22));
    let saleh = with(&ms, "aguila_saleh");
    assert_eq!((ms.len(), saleh.len()), (2, 1), "{ms:#?}");
    assert_eq!(
        saleh[0].place.as_ref().map(|p| p.name_en.as_str()),
        Some("Benghazi")
    );
    assert_eq!(saleh[0].status, MeetingStatus::Held);
}

/// The same two people meeting "yesterday" and again "today" are two meetings, each dated by its
/// own sentence (issue 9 item 4), also in an undated article («أمس» and «اليوم» still differ).
#[test]
fn a_meeting_yesterday_and_another_today() {
    let ex = Extractor::new(&Gazetteer::shipped());
    let en = "Di Maio meets Dbeibah\nItalian Foreign Minister Luigi Di Maio met Libyan Prime \
              Minister Abdul Hamid Dbeibah in Tripoli yesterday.\nDi Maio met Dbeibah again \
              today in Tripoli to sign the agreement on migration.\n";
    let ms = ex.extract(en, NaiveDate::from_ymd_opt(2021, 5, 28));
    let dates: Vec<_> = ms.iter().map(|m| m.date.date).collect();
    assert_eq!(
        dates,
        vec![
            NaiveDate::from_ymd_opt(2021, 5, 27),
            NaiveDate::from_ymd_opt(2021, 5, 28)
        ],
        "{ms:#?}"
    );
    let ar = "دي مايو يلتقي الدبيبة\nالتقى وزير الخارجية الإيطالي لويجي دي مايو أمس في طرابلس رئيس \
              حكومة الوحدة الوطنية عبد الحميد الدبيبة.\nويلتقي دي مايو الدبيبة مجددا اليوم في \
              طرابلس لتوقيع الاتفاق.\n";
    let ms = ex.extract(ar, None);
    assert_eq!(ms.len(), 2, "{ms:#?}");
    for m in &ms {
        assert_eq!(
            ids(m),
            vec!["luigi_di_maio", "abdul_hamid_dbeibah"],
            "{m:#?}"
        );
    }
}

/// Past meetings recalled as background beside the article's own are not listed (dev2's rule):
/// "This visit follows that made by the Maltese delegation led by Prime Minister Robert Abela
/// last month" (240_en), «Lo scorso 4 maggio Meloni aveva ricevuto a Palazzo Chigi anche il
/// generale libico Khalifa Belqasim Haftar» (247_it), «تتوج بلقاء باريس ... في شهر يوليو الماضي»
/// (206_ar): one meeting each, the article's news.
#[test]
fn a_past_meeting_recalled_as_background_is_not_listed() {
    for (file, id, absent) in [
        ("240_en.txt", "evarist_bartolo", "robert_abela"),
        ("247_it.txt", "abdul_hamid_dbeibah", "khalifa_haftar"),
        ("206_ar.txt", "khalifa_haftar", "fayez_al_sarraj"),
    ] {
        let ms = extract("dev2", file, None);
        assert!(with(&ms, absent).is_empty(), "{file}: {ms:#?}");
        assert!(!with(&ms, id).is_empty(), "{file}: {ms:#?}");
    }
}

/// "Separately" in each language: «بشكل منفرد» (dev2 203_ar's wording), «incontri separati»,
/// «séparément»: one meeting per Libyan official.
#[test]
fn meetings_held_separately_are_one_per_official() {
    let ex = Extractor::new(&Gazetteer::shipped());
    for text in [
        "لامورجيزي في طرابلس\nالتقت وزيرة الداخلية الإيطالية لوتشانا لامورجيزي في طرابلس بشكل منفرد \
         رئيس المجلس الرئاسي محمد المنفي ورئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة.\n",
        "Lamorgese a Tripoli\nIl ministro dell’Interno Luciana Lamorgese ha avuto a Tripoli \
         incontri separati con il presidente del Consiglio presidenziale Mohamed al-Menfi e con \
         il premier Abdelhamid Dbeibah.\n",
        "Lamorgese à Tripoli\nLa ministre italienne de l’Intérieur Luciana Lamorgese a rencontré \
         séparément à Tripoli le président du Conseil présidentiel Mohamed al-Menfi et le \
         Premier ministre Abdelhamid Dbeibah.\n",
    ] {
        let ms = ex.extract(text, NaiveDate::from_ymd_opt(2021, 4, 20));
        assert_eq!(ms.len(), 2, "{text}: {ms:#?}");
        assert_eq!(
            ids(&ms[0]),
            vec!["luciana_lamorgese", "mohamed_al_menfi"],
            "{text}"
        );
        assert_eq!(
            ids(&ms[1]),
            vec!["luciana_lamorgese", "abdul_hamid_dbeibah"],
            "{text}"
        );
    }
}

/// «استقبلت المستشارة أنجيلا ميركل ... مساء الثلاثاء فائز السراج» and the embedded tweet's
/// "Chancellor Angela Merkel today welcomed PM Sarraj": in an undated article a weekday may be
/// today, so they stay one meeting (dev 022_ar, one meeting in the truth).
#[test]
fn a_weekday_and_today_may_be_the_same_day() {
    for date in [None, NaiveDate::from_ymd_opt(2019, 5, 7)] {
        let ms = extract("dev", "022_ar.txt", date);
        assert_eq!(ms.len(), 1, "{date:?}: {ms:#?}");
    }
}

/// A plural after the officials names another event: "met ... on the sidelines of the meetings
/// of the UN General Assembly" stays one meeting.
#[test]
fn meetings_after_the_list_do_not_split_it() {
    let text = "Di Maio in New York\nItalian Foreign Minister Luigi Di Maio met Presidential \
                Council head Mohamed al-Menfi and Prime Minister Abdul Hamid Dbeibah in New York \
                on the sidelines of the meetings of the UN General Assembly.\n";
    let ms = Extractor::new(&Gazetteer::shipped()).extract(text, None);
    assert_eq!(ms.len(), 1, "{ms:#?}");
    assert_eq!(
        ids(&ms[0]),
        vec!["luigi_di_maio", "mohamed_al_menfi", "abdul_hamid_dbeibah"]
    );
}
