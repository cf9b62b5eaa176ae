//! Several meetings in one article, part 2 (issue 9, classes 1 and 4): a meeting told again
//! with the people who attended it, one meeting per counterpart a group of ambassadors met,
//! visits announced by where someone will travel. Every sentence here is new (other officials,
//! other outlets' phrasing); the dev/dev2 effect is in the commit messages.

use crate::common::extract_text as extract;
use crate::common::known_ids as ids;
use arshif::extract::EntityRef;
use arshif::model::MeetingStatus;
use chrono::NaiveDate;

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

/// A plural title after "the EU and member states" («سفراء الاتحاد الأوروبي ودول أوروبية»)
/// is one unnamed European party; "held meetings with" a list makes one meeting per Libyan
/// official, each with the ambassadors (dev2 237_en: four meetings).
#[test]
fn ambassadors_holding_meetings_with_a_list_meet_each_official() {
    let text = "European envoys tour Tripoli\nTripoli - The EU and member states ambassadors to \
                Libya on Monday held meetings with the Prime Minister Abdul Hamid Dbeibah, the \
                Presidential Council head Mohamed al-Menfi and Oil Minister Khalifa Abdulsadek. \
                The meetings focused on the elections and on illegal migration.";
    let ms = extract(text, NaiveDate::from_ymd_opt(2024, 3, 4));
    let libyans: Vec<Vec<String>> = ms.iter().map(ids).collect();
    assert_eq!(
        libyans,
        vec![
            vec!["abdul_hamid_dbeibah".to_string()],
            vec!["mohamed_al_menfi".to_string()],
            vec!["khalifa_abdulsadek".to_string()],
        ],
        "{ms:#?}"
    );
    for m in &ms {
        let envoys: Vec<_> = m
            .participants
            .iter()
            .filter(|p| p.entity == EntityRef::Unnamed)
            .collect();
        assert_eq!(envoys.len(), 1, "{m:#?}");
        assert_eq!(envoys[0].country.as_deref(), Some("EU"));
        assert_eq!(envoys[0].name, "EU and member states ambassadors");
        assert_eq!(
            m.place.as_ref().map(|p| p.name_en.as_str()),
            Some("Tripoli")
        );
        // "The meetings focused on ..." speaks of each of them.
        let topics: Vec<&str> = m.topics.iter().map(|t| t.id.as_str()).collect();
        assert!(topics.contains(&"illegal_migration"), "{topics:?}");
    }

    let text = "السفراء الأوروبيون في طرابلس\nعقد سفراء الاتحاد الأوروبي ودول أوروبية لدى ليبيا \
                اليوم لقاءات مع رئيس المجلس الرئاسي محمد المنفي ورئيس حكومة الوحدة الوطنية عبد \
                الحميد الدبيبة. وتناولت اللقاءات ملف الانتخابات.";
    let ms = extract(text, None);
    let libyans: Vec<Vec<String>> = ms.iter().map(ids).collect();
    assert_eq!(
        libyans,
        vec![
            vec!["mohamed_al_menfi".to_string()],
            vec!["abdul_hamid_dbeibah".to_string()],
        ],
        "{ms:#?}"
    );
    assert!(ms.iter().all(|m| {
        m.participants
            .iter()
            .any(|p| p.entity == EntityRef::Unnamed && p.country.as_deref() == Some("EU"))
    }));
}

/// In a list of one country's officials, the one whose title gives no country is of the
/// country of the person named just before ("Libyan Prime Minister X and Oil Minister Y",
/// «رئيس حكومة الوحدة الوطنية الليبية X ووزير النفط Y»; dev2 237_en's Pashagha).
#[test]
fn an_official_listed_after_a_libyan_one_is_libyan() {
    for text in [
        "Italian minister in Tripoli\nItaly's Defence Minister Guido Crosetto met in Tripoli on \
         Sunday with Libyan Prime Minister Abdul Hamid Dbeibah and Oil Minister Abdelkader \
         Naimi.",
        "وزير الدفاع الإيطالي في طرابلس\nالتقى وزير الدفاع الإيطالي غويدو كروزيتو في طرابلس اليوم \
         الأحد رئيس حكومة الوحدة الوطنية الليبية عبد الحميد الدبيبة ووزير النفط عبد القادر \
         النعيمي.",
    ] {
        let ms = extract(text, None);
        assert_eq!(ms.len(), 1, "{ms:#?}");
        let new: Vec<_> = ms[0]
            .participants
            .iter()
            .filter(|p| matches!(&p.entity, EntityRef::New { name, .. } if name.contains("Naimi") || name.contains("النعيمي")))
            .collect();
        assert_eq!(new.len(), 1, "{ms:#?}");
        assert_eq!(new[0].country.as_deref(), Some("LY"), "{text}");
    }
}

/// A visit still to come that names only the visitor: the destination implies the host, that
/// country's government (dev2 245_it: «Di Maio domani volerà a Tripoli», «l'arrivo del premier
/// Dabaiba lunedì a Roma»). Italian, English, French and Arabic phrasing, both directions.
#[test]
fn an_announced_visit_is_a_meeting_with_the_host_government() {
    let monday = NaiveDate::from_ymd_opt(2024, 3, 4);
    let cases = [
        (
            "Tajani domani a Tripoli\nIl ministro degli Esteri Antonio Tajani volerà domani a \
             Tripoli per una visita di un giorno.",
            "antonio_tajani",
            "ly_government",
            "Tripoli",
            (2024, 3, 5),
        ),
        (
            "Maltese minister to visit Libya\nMaltese Foreign Minister Ian Borg will travel to \
             Tripoli on Thursday for talks on migration.",
            "ian_borg",
            "ly_government",
            "Tripoli",
            (2024, 3, 7),
        ),
        (
            "Le ministre en Libye\nLe ministre de l'Intérieur Gérald Darmanin se rendra demain à \
             Tripoli.",
            "gerald_darmanin",
            "ly_government",
            "Tripoli",
            (2024, 3, 5),
        ),
        (
            "المنفي إلى أثينا\nومن المقرر أن يتوجه رئيس المجلس الرئاسي الليبي محمد المنفي غدا إلى \
             أثينا في زيارة رسمية.",
            "mohamed_al_menfi",
            "gr_government",
            "Athens",
            (2024, 3, 5),
        ),
        (
            "Dbeibah a Parigi\nI due governi si confronteranno tra pochi giorni, con l'arrivo del \
             premier libico Abdul Hamid Dbeibah giovedì a Parigi.",
            "abdul_hamid_dbeibah",
            "fr_government",
            "Paris",
            (2024, 3, 7),
        ),
    ];
    for (text, visitor, host, place, (y, m, d)) in cases {
        let ms = extract(text, monday);
        assert_eq!(ms.len(), 1, "{text}\n{ms:#?}");
        let mt = &ms[0];
        assert_eq!(mt.status, MeetingStatus::Announced, "{text}");
        assert_eq!(ids(mt), vec![visitor.to_string()], "{text}");
        assert!(
            mt.participants
                .iter()
                .any(|p| p.entity == EntityRef::Body { id: host.into() }),
            "{text}\n{mt:#?}"
        );
        assert_eq!(mt.place.as_ref().map(|p| p.name_en.as_str()), Some(place));
        assert_eq!(mt.date.date, NaiveDate::from_ymd_opt(y, m, d), "{text}");
    }
}

/// No host is implied for a visit already made with nobody met named ("è arrivato ieri a
/// Tripoli"), nor for a plan someone told before ("Last month X said he would travel to ...").
#[test]
fn no_host_is_implied_for_a_past_arrival_or_an_old_plan() {
    for text in [
        "Tajani a Tripoli\nIl ministro degli Esteri Antonio Tajani è arrivato ieri a Tripoli.",
        "Borg\nLast month Maltese Foreign Minister Ian Borg said he would travel to Tripoli next \
         week.",
    ] {
        let ms = extract(text, NaiveDate::from_ymd_opt(2024, 3, 4));
        assert!(ms.is_empty(), "{text}\n{ms:#?}");
    }
}

/// A listed person written with a middle name the gazetteer lacks ("Abdul Hamid Mohammed
/// Dbeibah", «خليفة بلقاسم حفتر») is that person, not a new official beside them, so the
/// sentence restates the meeting instead of reporting another (dev2 204_ar).
#[test]
fn a_middle_name_does_not_make_a_second_person() {
    for text in [
        "Meloni receives Dbeibah\nItalian Prime Minister Giorgia Meloni received Libyan Prime \
         Minister Abdul Hamid Dbeibah in Rome. Premier Abdul Hamid Mohammed Dbeibah and Meloni \
         discussed migration.",
        "ماكرون يستقبل حفتر\nاستقبل الرئيس الفرنسي إيمانويل ماكرون في باريس المشير خليفة حفتر. \
         وقال بيان إن القائد العام خليفة بلقاسم حفتر بحث مع ماكرون مكافحة الإرهاب.",
    ] {
        let ms = extract(text, None);
        assert_eq!(ms.len(), 1, "{text}\n{ms:#?}");
        assert!(
            ms[0]
                .participants
                .iter()
                .all(|p| !matches!(p.entity, EntityRef::New { .. })),
            "{ms:#?}"
        );
        assert_eq!(ids(&ms[0]).len(), 2, "{ms:#?}");
    }
}

/// «A Tripoli ci sarà anche il ministro X», "In Tripoli, X will also be part of the
/// delegation": a later sentence naming the place of a visit still to come adds the visitor's
/// companions to it (dev2 245_it: Bartolo on Di Maio's Tripoli mission).
#[test]
fn people_who_will_also_be_there_join_the_announced_visit() {
    let cases = [
        (
            "Borg to Tripoli\nMaltese Foreign Minister Ian Borg will travel to Tripoli tomorrow \
             for talks on migration. The Libyan capital is his second stop this year. In Tripoli, \
             Home Affairs Minister Byron Camilleri will also be part of the delegation.",
            vec!["byron_camilleri", "ian_borg"],
        ),
        (
            "Piantedosi domani a Tripoli\nIl ministro dell'Interno Matteo Piantedosi volerà \
             domani a Tripoli. Il viaggio segue settimane di contatti. A Tripoli ci sarà anche il \
             ministro della Difesa Guido Crosetto.",
            vec!["guido_crosetto", "matteo_piantedosi"],
        ),
    ];
    for (text, want) in cases {
        let ms = extract(text, NaiveDate::from_ymd_opt(2024, 3, 4));
        assert_eq!(ms.len(), 1, "{text}\n{ms:#?}");
        assert_eq!(ms[0].status, MeetingStatus::Announced);
        assert_eq!(ids(&ms[0]), want, "{text}");
    }
}

/// "Last December, ... . During that time, X met Y": a sentence opening on the past time the
/// sentence before named recalls an earlier meeting as background, not news (dev2 231_en and
/// its Italian twin 243_it).
#[test]
fn a_meeting_at_that_past_time_is_background() {
    for text in [
        "Borg in Tripoli\nMaltese Foreign Minister Ian Borg met Libyan Foreign Minister Taher \
         al-Baour in Tripoli on Monday. Last year, Malta reopened its consulate in Benghazi. At \
         that time, Home Affairs Minister Byron Camilleri met Interior Minister Emad Trabelsi.",
        "Borg a Tripoli\nIl ministro degli Esteri maltese Ian Borg ha incontrato lunedì a \
         Tripoli il ministro degli Esteri libico Taher al-Baour. Lo scorso anno Malta ha riaperto \
         il consolato a Bengasi. Durante quel periodo il ministro degli Interni maltese Byron \
         Camilleri ha incontrato il ministro dell'Interno libico Emad Trabelsi.",
    ] {
        let ms = extract(text, NaiveDate::from_ymd_opt(2024, 3, 4));
        assert_eq!(ms.len(), 1, "{text}\n{ms:#?}");
        assert_eq!(ids(&ms[0]), vec!["ian_borg", "taher_al_baour"], "{text}");
    }
}

/// «وقّع X وY مذكرة تفاهم بحضور A وB»: another event A and B attended, not people joining
/// their meeting (the attendance word must introduce the people it adds).
#[test]
fn a_signing_in_the_presence_of_the_leaders_is_not_their_meeting_told_again() {
    let text = "ميلوني في طرابلس\nعقدت رئيسة الوزراء الإيطالية جورجيا ميلوني اليوم في طرابلس جلسة \
                مباحثات مع رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة.\nوعلى هامش الزيارة، وقّع \
                وزير النفط الليبي خليفة عبد الصادق ووزير الخارجية الإيطالي أنطونيو تاياني مذكرة \
                تفاهم في لقاء بحضور ميلوني والدبيبة.";
    let ms = extract(text, None);
    assert_eq!(ms.len(), 2, "{ms:#?}");
    assert_eq!(ids(&ms[0]), vec!["abdul_hamid_dbeibah", "giorgia_meloni"]);
}
