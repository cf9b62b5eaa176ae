//! The user's corrections over the seed article, through the real importer, extractor and SQLite
//! file: a corrected date survives re-extraction and undoes/redoes; "not a Libyan–European
//! meeting" hides a meeting from the timeline and its facets; the log survives a restart; an
//! official nobody listed, added by the user with an alias, is found after the catch-up while an
//! earlier correction of another meeting is kept.

use crate::common;

use arshif::edits::{self, DateValue, Edit, EntityKind, MeetingChange, MeetingRef};
use arshif::extract::Extractor;
use arshif::gazetteer::Gazetteer;
use arshif::import::import_paths;
use arshif::model::{DatePrecision, MeetingKind};
use arshif::pipeline::{extract_pending, reextract_all};
use arshif::query::{Facet, Filter, TimelineMeeting, facets, timeline};
use arshif::store::Store;
use chrono::NaiveDate;
use std::path::Path;
use std::sync::atomic::AtomicBool;

fn seeded(db: &Path) -> (Store, Extractor) {
    let mut store = Store::open(db).unwrap();
    let no = AtomicBool::new(false);
    let report = import_paths(&mut store, &[common::seed_path()], &mut |_| {}, &no).unwrap();
    assert_eq!(report.imported, 1);
    let ex = Extractor::new(&Gazetteer::shipped());
    let r = extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    assert_eq!((r.articles, r.meetings), (1, 2));
    (store, ex)
}

fn with(store: &Store, person: &str) -> Vec<TimelineMeeting> {
    let f = Filter {
        officials: [person.to_string()].into_iter().collect(),
        ..Filter::default()
    };
    timeline(store, &f).unwrap()
}

fn only(store: &Store, person: &str) -> TimelineMeeting {
    let mut v = with(store, person);
    assert_eq!(v.len(), 1, "meetings with {person}: {v:#?}");
    v.remove(0)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_corrected_date_survives_reextraction_and_undoes() {
    let (_dir, db) = common::temp_db();
    let (mut store, ex) = seeded(&db);
    let no = AtomicBool::new(false);
    let menfi = only(&store, "mohamed_al_menfi");
    assert_eq!(menfi.date, None, "the seed has no date of its own");
    let target = edits::meeting_ref(&store, menfi.id).unwrap();
    assert_eq!(target.key, "luciana_lamorgese+mohamed_al_menfi");

    let applied = edits::apply(
        &store,
        &Edit::Meeting {
            target: target.clone(),
            change: MeetingChange::Date(Some(DateValue {
                date: day(2021, 4, 18),
                precision: DatePrecision::Day,
            })),
        },
    )
    .unwrap();
    assert!(!applied.needs_extraction());
    let m = only(&store, "mohamed_al_menfi");
    assert_eq!(m.date, Some(day(2021, 4, 18)));
    assert_eq!(m.precision, Some(DatePrecision::Day));
    assert_eq!(m.confidence, 1.0);
    assert_eq!(m.id, menfi.id, "an edit keeps the row's id");
    assert_eq!(edits::meeting_flags(&store, m.id).unwrap(), (true, None));
    // The other meeting is untouched.
    let mazen = only(&store, "khaled_mazen");
    assert_eq!(mazen.date, None);
    assert!(mazen.confidence < 1.0);
    assert_eq!(
        edits::meeting_flags(&store, mazen.id).unwrap(),
        (false, None)
    );
    // The previous value is recorded.
    let h = edits::history(&store).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].previous, serde_json::Value::Null);
    assert_eq!(h[0].state, "active");

    // Re-extraction replaces the rows (new ids) but the correction re-attaches.
    let r = reextract_all(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    assert_eq!((r.articles, r.meetings), (1, 2));
    let m = only(&store, "mohamed_al_menfi");
    assert_eq!(m.date, Some(day(2021, 4, 18)));
    assert_eq!(m.confidence, 1.0);
    assert!(edits::orphans(&store).unwrap().is_empty());
    assert_eq!(only(&store, "khaled_mazen").date, None);

    // Undo → back to what was extracted.
    let undone = edits::undo(&store).unwrap().expect("one edit to undo");
    assert_eq!(undone.id, h[0].id);
    let m = only(&store, "mohamed_al_menfi");
    assert_eq!(m.date, None);
    assert!(m.confidence < 1.0);
    assert_eq!(edits::meeting_flags(&store, m.id).unwrap(), (false, None));
    assert_eq!(edits::can_undo_redo(&store).unwrap(), (false, true));
    assert!(edits::undo(&store).unwrap().is_none());

    // Redo → corrected again, also after a restart of the app (a new connection).
    drop(store);
    let store = Store::open(&db).unwrap();
    let redone = edits::redo(&store).unwrap().expect("one edit to redo");
    assert_eq!(redone.id, h[0].id);
    assert_eq!(
        only(&store, "mohamed_al_menfi").date,
        Some(day(2021, 4, 18))
    );
    assert!(edits::redo(&store).unwrap().is_none());
}

#[test]
fn not_a_meeting_hides_it_from_timeline_and_facets_until_undone() {
    let (_dir, db) = common::temp_db();
    let (store, _ex) = seeded(&db);
    let mazen = only(&store, "khaled_mazen");
    let target = edits::meeting_ref(&store, mazen.id).unwrap();
    assert_eq!(target.key, "khaled_mazen+luciana_lamorgese");
    edits::apply(
        &store,
        &Edit::Meeting {
            target,
            change: MeetingChange::NotMeeting(true),
        },
    )
    .unwrap();
    assert_eq!(with(&store, "khaled_mazen").len(), 0);
    assert_eq!(with(&store, "luciana_lamorgese").len(), 1);
    assert_eq!(timeline(&store, &Filter::default()).unwrap().len(), 1);
    let fc = facets(&store, &Filter::default()).unwrap();
    assert!(
        !fc.of(Facet::Officials)
            .iter()
            .any(|v| v.key == "khaled_mazen"),
        "a hidden meeting's official is not a facet value"
    );
    assert_eq!(fc.undated, 1);
    assert_eq!(
        edits::meeting_flags(&store, mazen.id).unwrap(),
        (true, Some("not_meeting".to_string()))
    );

    edits::undo(&store).unwrap().unwrap();
    assert_eq!(with(&store, "khaled_mazen").len(), 1);
    assert_eq!(timeline(&store, &Filter::default()).unwrap().len(), 2);
}

#[test]
fn a_new_edit_after_undo_clears_the_redo_stack_and_deletes_undo() {
    let (_dir, db) = common::temp_db();
    let (store, _ex) = seeded(&db);
    let mazen = only(&store, "khaled_mazen");
    let target = edits::meeting_ref(&store, mazen.id).unwrap();
    let kind = |k| Edit::Meeting {
        target: target.clone(),
        change: MeetingChange::Kind(k),
    };
    edits::apply(&store, &kind(MeetingKind::Visit)).unwrap();
    assert_eq!(only(&store, "khaled_mazen").kind, MeetingKind::Visit);
    edits::undo(&store).unwrap().unwrap();
    edits::apply(&store, &kind(MeetingKind::PhoneCall)).unwrap();
    assert_eq!(only(&store, "khaled_mazen").kind, MeetingKind::PhoneCall);
    assert!(
        edits::redo(&store).unwrap().is_none(),
        "the new edit cleared the redo stack"
    );
    let states: Vec<String> = edits::history(&store)
        .unwrap()
        .into_iter()
        .map(|r| r.state)
        .collect();
    assert_eq!(states, ["discarded", "active"]);

    // Delete, undo the delete.
    edits::apply(
        &store,
        &Edit::Meeting {
            target: target.clone(),
            change: MeetingChange::Delete,
        },
    )
    .unwrap();
    assert_eq!(with(&store, "khaled_mazen").len(), 0);
    edits::undo(&store).unwrap().unwrap();
    let m = only(&store, "khaled_mazen");
    assert_eq!(
        m.kind,
        MeetingKind::PhoneCall,
        "the earlier edit still holds"
    );

    // Participants and topics.
    let gaz = Gazetteer::shipped();
    let menfi = edits::participant_from_gazetteer(&gaz, "mohamed_al_menfi", None).unwrap();
    edits::apply(
        &store,
        &Edit::Meeting {
            target: target.clone(),
            change: MeetingChange::AddParticipant(menfi),
        },
    )
    .unwrap();
    edits::apply(
        &store,
        &Edit::Meeting {
            target: target.clone(),
            change: MeetingChange::RemoveTopic("terrorism".into()),
        },
    )
    .unwrap();
    let m = only(&store, "khaled_mazen");
    let mut people: Vec<&str> = m
        .participants
        .iter()
        .map(|p| p.person.key.as_str())
        .collect();
    people.sort();
    assert_eq!(
        people,
        ["khaled_mazen", "luciana_lamorgese", "mohamed_al_menfi"]
    );
    assert!(!m.topics.iter().any(|t| t.key == "terrorism"));
    assert_eq!(with(&store, "mohamed_al_menfi").len(), 2);
    edits::undo(&store).unwrap().unwrap();
    edits::undo(&store).unwrap().unwrap();
    let m = only(&store, "khaled_mazen");
    assert_eq!(m.participants.len(), 2);
    assert!(m.topics.iter().any(|t| t.key == "terrorism"));
}

#[test]
fn article_date_goes_through_the_log() {
    let (_dir, db) = common::temp_db();
    let (mut store, ex) = seeded(&db);
    let no = AtomicBool::new(false);
    let article = only(&store, "khaled_mazen").article_ids[0];
    let applied = edits::apply(
        &store,
        &Edit::ArticleDate {
            article_id: article,
            date: Some(DateValue {
                date: day(2021, 4, 19),
                precision: DatePrecision::Day,
            }),
        },
    )
    .unwrap();
    assert_eq!(applied.pending_articles, [article]);
    extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    assert_eq!(only(&store, "khaled_mazen").date, Some(day(2021, 4, 19)));
    assert_eq!(
        only(&store, "mohamed_al_menfi").date,
        Some(day(2021, 4, 19))
    );
    let undone = edits::undo(&store).unwrap().unwrap();
    assert!(undone.needs_extraction());
    extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    assert_eq!(only(&store, "khaled_mazen").date, None);
    assert_eq!(store.article(article).unwrap().unwrap().date, None);
    edits::redo(&store).unwrap().unwrap();
    extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    assert_eq!(only(&store, "khaled_mazen").date, Some(day(2021, 4, 19)));
}

#[test]
fn an_edit_whose_meeting_is_gone_is_kept_and_reported() {
    let (_dir, db) = common::temp_db();
    let (store, _ex) = seeded(&db);
    let article = only(&store, "khaled_mazen").article_ids[0];
    let ghost = MeetingRef {
        article_id: article,
        key: "khaled_mazen+luciana_lamorgese".into(),
        anchor: None,
    };
    edits::apply(
        &store,
        &Edit::Meeting {
            target: ghost,
            change: MeetingChange::Confirm,
        },
    )
    .unwrap();
    // Simulate a rules change that no longer finds that meeting: rename its key in the rows.
    crate::common::sql(&store)
        .execute(
            "UPDATE meetings SET meeting_key = 'someone_else+luciana_lamorgese' WHERE meeting_key = 'khaled_mazen+luciana_lamorgese'",
            [],
        )
        .unwrap();
    edits::reapply_article(&store, article).unwrap();
    let orphans = edits::orphans(&store).unwrap();
    assert_eq!(orphans.len(), 1);
    assert_eq!(orphans[0].edit.field(), "confirm");
    // Not applied to the wrong meeting.
    assert!(only(&store, "mohamed_al_menfi").confidence < 1.0);
}

const UNLISTED: &str = "المنفي يستقبل المبعوث الإيطالي
استقبل رئيس المجلس الرئاسي محمد المنفي اليوم في طرابلس كارلو بيانتشي، وبحثا ملف الهجرة غير الشرعية وأمن الحدود.
";

#[test]
fn a_user_official_with_an_alias_is_found_and_earlier_corrections_stay() {
    let (dir, db) = common::temp_db();
    let (mut store, ex) = seeded(&db);
    let no = AtomicBool::new(false);
    // An earlier correction of the seed's al-Menfi meeting.
    let menfi = only(&store, "mohamed_al_menfi");
    edits::apply(
        &store,
        &Edit::Meeting {
            target: edits::meeting_ref(&store, menfi.id).unwrap(),
            change: MeetingChange::Date(Some(DateValue {
                date: day(2021, 4, 18),
                precision: DatePrecision::Day,
            })),
        },
    )
    .unwrap();

    let file = dir.path().join("bianchi.txt");
    std::fs::write(&file, UNLISTED).unwrap();
    import_paths(&mut store, &[file], &mut |_| {}, &no).unwrap();
    extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    // Nobody listed Bianchi: the new article's meeting has only the headline's unnamed envoy.
    let before = with(&store, "unnamed:IT");
    assert_eq!(before.len(), 1);
    assert_eq!(before[0].headline, "المنفي يستقبل المبعوث الإيطالي");
    let before_ref = edits::meeting_ref(&store, before[0].id).unwrap();
    assert_eq!(before_ref.key, "mohamed_al_menfi+unnamed:IT");
    // The user corrects that meeting too (it took place in Tripoli; the status stays).
    edits::apply(
        &store,
        &Edit::Meeting {
            target: before_ref,
            change: MeetingChange::AddTopic(
                edits::topic_from_gazetteer(&Gazetteer::shipped(), "security_cooperation").unwrap(),
            ),
        },
    )
    .unwrap();

    let person = edits::new_official(
        "Carlo Bianchi",
        "كارلو بيانكي",
        &["كارلو بيانتشي".to_string()],
        "Special Envoy for Libya",
        "المبعوث الخاص إلى ليبيا",
        None,
        "IT",
    )
    .unwrap();
    assert_eq!(person.id, "user_carlo_bianchi");
    let applied = edits::apply(&store, &Edit::AddOfficial { person }).unwrap();
    assert!(applied.gazetteer_changed);
    let gaz = edits::gazetteer_with_user(&store, &Gazetteer::shipped()).unwrap();
    assert_ne!(
        arshif::pipeline::extraction_version(&gaz),
        arshif::pipeline::extraction_version(ex.gazetteer())
    );
    let ex2 = Extractor::new(&gaz);
    let r = extract_pending(&mut store, &ex2, &mut |_, _| {}, &no).unwrap();
    assert_eq!(
        r.articles, 2,
        "the gazetteer change re-extracts every article"
    );

    let b = only(&store, "user_carlo_bianchi");
    let mut people: Vec<(String, String, String)> = b
        .participants
        .iter()
        .map(|p| {
            (
                p.person.key.clone(),
                p.as_written.clone(),
                p.country.clone(),
            )
        })
        .collect();
    people.sort();
    assert_eq!(
        people,
        [
            ("mohamed_al_menfi".into(), "محمد المنفي".into(), "LY".into()),
            (
                "user_carlo_bianchi".into(),
                "كارلو بيانتشي".into(),
                "IT".into()
            ),
        ]
    );
    assert_eq!(b.place.as_ref().map(|p| p.key.as_str()), Some("tripoli"));
    // The correction made while the envoy was unnamed followed the meeting to its new key.
    assert!(b.topics.iter().any(|t| t.key == "security_cooperation"));
    assert_eq!(b.confidence, 1.0);
    assert!(edits::orphans(&store).unwrap().is_empty());
    match &edits::history(&store).unwrap()[1].edit {
        Edit::Meeting { target, .. } => {
            assert_eq!(target.key, "mohamed_al_menfi+user_carlo_bianchi")
        }
        other => panic!("unexpected {other:?}"),
    }
    // The earlier correction of the seed meeting is kept.
    let seed_menfi: Vec<TimelineMeeting> = with(&store, "mohamed_al_menfi")
        .into_iter()
        .filter(|m| m.article_ids == menfi.article_ids)
        .collect();
    assert_eq!(seed_menfi.len(), 1);
    assert_eq!(seed_menfi[0].date, Some(day(2021, 4, 18)));

    // An alias added to a known person goes through the same log and undoes.
    edits::apply(
        &store,
        &Edit::AddAlias {
            entity: EntityKind::Person,
            key: "user_carlo_bianchi".into(),
            alias: "Bianchi Carlo".into(),
        },
    )
    .unwrap();
    let gaz = edits::gazetteer_with_user(&store, &Gazetteer::shipped()).unwrap();
    let aliases = &gaz.person("user_carlo_bianchi").unwrap().aliases;
    assert_eq!(aliases, &["كارلو بيانتشي", "Bianchi Carlo"]);
    edits::undo(&store).unwrap().unwrap();
    let undone = edits::undo(&store).unwrap().unwrap();
    assert!(undone.gazetteer_changed);
    let gaz = edits::gazetteer_with_user(&store, &Gazetteer::shipped()).unwrap();
    assert!(gaz.person("user_carlo_bianchi").is_none());
    extract_pending(&mut store, &Extractor::new(&gaz), &mut |_, _| {}, &no).unwrap();
    assert_eq!(with(&store, "user_carlo_bianchi").len(), 0);
    let seed_menfi: Vec<TimelineMeeting> = with(&store, "mohamed_al_menfi")
        .into_iter()
        .filter(|m| m.article_ids == menfi.article_ids)
        .collect();
    assert_eq!(seed_menfi[0].date, Some(day(2021, 4, 18)));
    // Back to the unnamed envoy: the topic correction follows the meeting back (same first
    // evidence sentence, al-Menfi in common).
    let envoy = only(&store, "unnamed:IT");
    assert!(envoy.topics.iter().any(|t| t.key == "security_cooperation"));
    assert_eq!(envoy.confidence, 1.0);
    assert!(edits::orphans(&store).unwrap().is_empty());
}

#[test]
fn a_meeting_added_by_hand_survives_reextraction_and_undoes() {
    let (_dir, db) = common::temp_db();
    let (mut store, ex) = seeded(&db);
    let no = AtomicBool::new(false);
    let article = only(&store, "khaled_mazen").article_ids[0];
    let gaz = Gazetteer::shipped();
    let meeting = arshif::store::meetings::NewMeeting {
        kind: MeetingKind::PhoneCall,
        status: arshif::model::MeetingStatus::Held,
        date: Some((day(2021, 4, 10), DatePrecision::Day)),
        date_note: Some("added by the user".into()),
        weekday_conflict: false,
        place: None,
        confidence: 1.0,
        evidence: Vec::new(),
        participants: vec![
            edits::participant_from_gazetteer(&gaz, "mohamed_al_menfi", None).unwrap(),
            edits::participant_from_gazetteer(&gaz, "luciana_lamorgese", None).unwrap(),
        ],
        topics: vec![],
    };
    let applied = edits::apply(
        &store,
        &Edit::AddMeeting {
            article_id: article,
            meeting,
        },
    )
    .unwrap();
    let added = |store: &Store| -> Vec<TimelineMeeting> {
        with(store, "mohamed_al_menfi")
            .into_iter()
            .filter(|m| m.kind == MeetingKind::PhoneCall)
            .collect()
    };
    let v = added(&store);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].date, Some(day(2021, 4, 10)));
    assert_eq!(v[0].confidence, 1.0);
    assert_eq!(v[0].article_ids, [article]);
    let r = edits::meeting_ref(&store, v[0].id).unwrap();
    assert_eq!(r.key, format!("user:{}", applied.id));
    // A correction of the hand-added meeting, then a full re-extraction.
    edits::apply(
        &store,
        &Edit::Meeting {
            target: r,
            change: MeetingChange::Place(edits::place_from_gazetteer(&gaz, "rome")),
        },
    )
    .unwrap();
    reextract_all(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    let v = added(&store);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].place.as_ref().map(|p| p.key.as_str()), Some("rome"));
    assert_eq!(timeline(&store, &Filter::default()).unwrap().len(), 3);
    edits::undo(&store).unwrap().unwrap();
    assert_eq!(added(&store)[0].place, None);
    edits::undo(&store).unwrap().unwrap();
    assert!(added(&store).is_empty());
    assert_eq!(timeline(&store, &Filter::default()).unwrap().len(), 2);
    edits::redo(&store).unwrap().unwrap();
    edits::redo(&store).unwrap().unwrap();
    let v = added(&store);
    assert_eq!(v[0].place.as_ref().map(|p| p.key.as_str()), Some("rome"));
}
