//! Several meetings in one article, part 2 (issue 9, classes 1 and 4): a meeting told again
//! with the people who attended it, one meeting per counterpart a group of ambassadors met,
//! visits announced by where someone will travel. Every sentence here is new (other officials,
//! other outlets' phrasing); the dev/dev2 effect is in the commit messages.

use arshif::extract::{EntityRef, ExtractedMeeting, Extractor};
use arshif::gazetteer::Gazetteer;
use arshif::model::MeetingStatus;
use chrono::NaiveDate;

fn extract(text: &str, date: Option<NaiveDate>) -> Vec<ExtractedMeeting> {
    Extractor::new(&Gazetteer::shipped()).extract(text, date)
}

/// The gazetteer ids of a meeting's known participants, sorted.
fn ids(m: &ExtractedMeeting) -> Vec<String> {
    let mut v: Vec<String> = m
        .participants
        .iter()
        .filter_map(|p| match &p.entity {
            EntityRef::Known { id } => Some(id.clone()),
            _ => None,
        })
        .collect();
    v.sort();
    v
}

/// "were later joined by", «hanno partecipato», «وحضر اللقاء»: the people who attended join the
/// meeting already reported instead of making a second one (dev2 240_en, 247_it).
#[test]
fn people_who_attended_join_the_meeting_told_before() {
    let cases = [
        (
            "Maltese minister hosts Libyan counterpart\nHome Affairs Minister Byron Camilleri met \
             Libya's Interior Minister Emad Trabelsi in Valletta on Tuesday. Camilleri and \
             Trabelsi were later joined by Foreign Minister Ian Borg for talks on search and \
             rescue.",
            vec!["byron_camilleri", "emad_al_trabelsi", "ian_borg"],
        ),
        (
            "Borg riceve Trabelsi alla Valletta\nIl ministro degli Esteri maltese Ian Borg ha \
             ricevuto martedì alla Valletta il ministro dell'Interno libico Emad al-Trabelsi. Ai \
             colloqui con Trabelsi hanno partecipato anche il ministro degli Interni Byron \
             Camilleri e il ministro Michael Farrugia.",
            vec![
                "byron_camilleri",
                "emad_al_trabelsi",
                "ian_borg",
                "michael_farrugia",
            ],
        ),
        (
            "وزير الداخلية الإيطالي يستقبل نظيره الليبي\nاستقبل وزير الداخلية الإيطالي ماتيو \
             بيانتيدوسي، اليوم الثلاثاء في روما، وزير الداخلية الليبي عماد الطرابلسي. وحضر اللقاء \
             مع الطرابلسي وزير الخارجية الإيطالي أنطونيو تاياني.",
            vec!["antonio_tajani", "emad_al_trabelsi", "matteo_piantedosi"],
        ),
    ];
    for (text, want) in cases {
        let ms = extract(text, None);
        assert_eq!(ms.len(), 1, "{text}\n{ms:#?}");
        assert_eq!(ids(&ms[0]), want, "{text}");
        assert_eq!(ms[0].status, MeetingStatus::Held);
    }
}

/// A later sentence naming more people without saying they attended stays its own meeting:
/// "X met A" then "X met A, B and C" are two (dev 015_ar has this shape).
#[test]
fn more_people_without_an_attendance_word_is_another_meeting() {
    let text = "Gerapetritis in Tripoli\nGreek Foreign Minister Giorgos Gerapetritis met Libyan \
                Foreign Minister Taher al-Baour in Tripoli on Monday. Gerapetritis also met \
                al-Baour, Prime Minister Abdul Hamid Dbeibah and Interior Minister Emad \
                Trabelsi.";
    let ms = extract(text, None);
    assert_eq!(ms.len(), 2, "{ms:#?}");
}
