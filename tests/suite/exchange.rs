//! The archive exchange file (docs/exchange.md) and row C6 of
//! `shared/cases/exports-backups-limits.md`: archive A (the seed article, a date and a topic
//! corrected, an alias, an added official) exported and imported into an empty archive B gives
//! the same timeline; importing it back into A, or twice into B, changes nothing; an edit made in
//! B updates the same meeting in A (or is a reported conflict); an unknown version is refused
//! with nothing written.

use crate::common;

use arshif::edits::{self, DateValue, Edit, EntityKind, MeetingChange};
use arshif::export::exchange::{SCHEMA_NAME, SCHEMA_VERSION};
use arshif::gazetteer::Gazetteer;
use arshif::model::{DatePrecision, MeetingKind};
use arshif::pipeline::exchange::export_exchange;
use arshif::pipeline::{ImportRun, archive_extractor, extract_pending, import_and_extract};
use arshif::query::{Filter, TimelineMeeting, timeline};
use arshif::store::Store;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

const MAZEN: &str = "khaled_mazen+luciana_lamorgese";
const MENFI: &str = "luciana_lamorgese+mohamed_al_menfi";

fn import(store: &mut Store, path: &Path) -> ImportRun {
    let ex = archive_extractor(store).unwrap();
    let no = AtomicBool::new(false);
    let run = import_and_extract(store, &ex, &[path], &mut |_| {}, &mut |_, _| {}, &no).unwrap();
    run.found.as_ref().unwrap();
    run
}

/// The meeting of `store` with this key (in its only article).
fn meeting(store: &Store, key: &str) -> TimelineMeeting {
    let all = timeline(store, &Filter::default()).unwrap();
    let mut v: Vec<_> = all
        .into_iter()
        .filter(|m| m.key.ends_with(&format!("/{key}")))
        .collect();
    assert_eq!(v.len(), 1, "meetings «{key}»: {v:#?}");
    v.remove(0)
}

fn change(store: &Store, key: &str, change: MeetingChange) {
    let target = edits::meeting_ref(store, meeting(store, key).id).unwrap();
    edits::apply(store, &Edit::Meeting { target, change }).unwrap();
}

/// Archive A: the seed article with a corrected date, a topic added, an alias and an official.
fn archive_a(db: &Path) -> Store {
    let mut store = Store::open(db).unwrap();
    import(&mut store, &common::seed_path());
    let date = NaiveDate::from_ymd_opt(2021, 4, 19).unwrap();
    change(
        &store,
        MENFI,
        MeetingChange::Date(Some(DateValue {
            date,
            precision: DatePrecision::Day,
        })),
    );
    let topic = edits::topic_from_gazetteer(&Gazetteer::shipped(), "security_cooperation").unwrap();
    change(&store, MAZEN, MeetingChange::AddTopic(topic));
    let alias = Edit::AddAlias {
        entity: EntityKind::Person,
        key: "khaled_mazen".into(),
        alias: "Khalid Mazin".into(),
    };
    edits::apply(&store, &alias).unwrap();
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
    edits::apply(&store, &Edit::AddOfficial { person }).unwrap();
    // The gazetteer changed: catch up as the app does.
    let ex = archive_extractor(&store).unwrap();
    extract_pending(&mut store, &ex, &mut |_, _| {}, &AtomicBool::new(false)).unwrap();
    store
}

/// The timeline with what is local to an archive (row and article ids) replaced by content hashes.
fn portable_timeline(store: &Store) -> Vec<(Vec<String>, TimelineMeeting)> {
    let hash: HashMap<i64, String> = arshif::store::exchange::article_hashes(store)
        .unwrap()
        .into_iter()
        .collect();
    timeline(store, &Filter::default())
        .unwrap()
        .into_iter()
        .map(|mut m| {
            let articles = m.article_ids.iter().map(|id| hash[id].clone()).collect();
            m.id = 0;
            m.article_ids.clear();
            m.key = m.key.split_once('/').unwrap().1.to_string();
            (articles, m)
        })
        .collect()
}

/// What the edit log holds, without ids and times.
fn edit_log(store: &Store) -> Vec<(String, String)> {
    edits::history(store)
        .unwrap()
        .into_iter()
        .map(|r| (r.edit.field().to_string(), r.state))
        .collect()
}

fn export(store: &Store, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    export_exchange(store, &out, true).unwrap();
    out
}

#[test]
fn the_file_holds_the_articles_the_edits_and_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let a = archive_a(&dir.path().join("a.sqlite"));
    let file = export(&a, dir.path(), "a.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(v["schema"]["name"], SCHEMA_NAME);
    assert_eq!(v["schema"]["version"], SCHEMA_VERSION);
    let seed = a.article(1).unwrap().unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 1);
    assert_eq!(v["articles"][0]["headline"], seed.headline.as_str());
    assert_eq!(v["articles"][0]["body"], seed.body.as_str());
    assert_eq!(v["articles"][0]["content_hash"], seed.content_hash.as_str());
    let fields: Vec<&str> = v["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["date", "add_topic", "add_alias", "add_official"]);
    assert_eq!(v["edits"][0]["article"], seed.content_hash.as_str());
    assert_eq!(v["edits"][0]["key"], MENFI);
    assert_eq!(v["edits"][2]["key"], "khaled_mazen");
    assert_eq!(v["edits"][2]["article"], serde_json::Value::Null);
    // The informative meetings: both of the seed, the date as corrected.
    let meetings = v["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 2);
    let menfi = meetings.iter().find(|m| m["key"] == MENFI).unwrap();
    assert_eq!(menfi["date"], "2021-04-19");
    assert_eq!(menfi["articles"][0], seed.content_hash.as_str());
}

#[test]
fn an_empty_archive_gets_the_same_timeline_and_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let a = archive_a(&dir.path().join("a.sqlite"));
    let file = export(&a, dir.path(), "a.json");
    let mut b = Store::open(dir.path().join("b.sqlite")).unwrap();
    let run = import(&mut b, &file);
    assert_eq!((run.import.imported, run.import.failed), (1, 0));
    let x = &run.import.exchanges[0];
    assert_eq!((x.edits_applied, x.edits_already_present), (4, 0));
    assert!(x.conflicts.is_empty() && x.not_applied.is_empty(), "{x:#?}");

    let timeline_a = portable_timeline(&a);
    assert_eq!(timeline_a.len(), 2);
    assert_eq!(portable_timeline(&b), timeline_a);
    let menfi = meeting(&b, MENFI);
    assert_eq!(menfi.date, NaiveDate::from_ymd_opt(2021, 4, 19));
    assert_eq!(menfi.confidence, 1.0);
    let mazen = meeting(&b, MAZEN);
    assert!(mazen.topics.iter().any(|t| t.key == "security_cooperation"));
    let names: Vec<&str> = mazen
        .participants
        .iter()
        .map(|p| p.as_written.as_str())
        .collect();
    assert!(names.contains(&"خالد مازن"), "{names:?}");
    // The Arabic text is byte-identical.
    assert_eq!(
        b.article(1).unwrap().unwrap().body,
        a.article(1).unwrap().unwrap().body
    );
    // The alias and the official are in B's gazetteer.
    let gaz = edits::gazetteer_with_user(&b, &Gazetteer::shipped()).unwrap();
    assert!(
        gaz.person("khaled_mazen")
            .unwrap()
            .aliases
            .contains(&"Khalid Mazin".to_string())
    );
    assert_eq!(
        gaz.person("user_carlo_bianchi").unwrap().name_ar,
        "كارلو بيانكي"
    );
    // The same edits; B's log has the gazetteer additions first (they are applied before
    // extraction, see pipeline::exchange).
    let sorted = |mut v: Vec<(String, String)>| {
        v.sort();
        v
    };
    assert_eq!(sorted(edit_log(&b)), sorted(edit_log(&a)));
}

#[test]
fn importing_back_or_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = archive_a(&dir.path().join("a.sqlite"));
    let file = export(&a, dir.path(), "a.json");
    let (before, log) = (timeline(&a, &Filter::default()).unwrap(), edit_log(&a));

    // (1) Back into A: a duplicate article, every edit already there, the same rows (ids too).
    let run = import(&mut a, &file);
    assert_eq!((run.import.imported, run.import.duplicates), (0, 1));
    let x = &run.import.exchanges[0];
    assert_eq!((x.edits_applied, x.edits_already_present), (0, 4));
    assert_eq!(timeline(&a, &Filter::default()).unwrap(), before);
    assert_eq!(edit_log(&a), log);
    assert_eq!(a.count_articles().unwrap(), 1);

    // (2) Twice into B: the same as once.
    let mut b = Store::open(dir.path().join("b.sqlite")).unwrap();
    import(&mut b, &file);
    let once = (timeline(&b, &Filter::default()).unwrap(), edit_log(&b));
    let run = import(&mut b, &file);
    assert_eq!(run.import.exchanges[0].edits_applied, 0);
    assert_eq!(
        (timeline(&b, &Filter::default()).unwrap(), edit_log(&b)),
        once
    );
    assert_eq!(b.count_articles().unwrap(), 1);
    let gaz = edits::gazetteer_with_user(&b, &Gazetteer::shipped()).unwrap();
    let aliases = &gaz.person("khaled_mazen").unwrap().aliases;
    assert_eq!(aliases.iter().filter(|s| *s == "Khalid Mazin").count(), 1);
}

#[test]
fn an_edit_made_in_b_updates_the_same_meeting_in_a_or_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = archive_a(&dir.path().join("a.sqlite"));
    let file_a = export(&a, dir.path(), "a.json");
    let mut b = Store::open(dir.path().join("b.sqlite")).unwrap();
    import(&mut b, &file_a);

    // In B: a topic added and the kind set; in A meanwhile: the same meeting's kind set otherwise.
    let topic = edits::topic_from_gazetteer(&Gazetteer::shipped(), "illegal_migration").unwrap();
    change(&b, MENFI, MeetingChange::AddTopic(topic));
    change(&b, MENFI, MeetingChange::Kind(MeetingKind::PhoneCall));
    change(&a, MENFI, MeetingChange::Kind(MeetingKind::Visit));
    let file_b = export(&b, dir.path(), "b.json");

    let before = meeting(&a, MENFI);
    let run = import(&mut a, &file_b);
    let x = &run.import.exchanges[0];
    assert_eq!((x.edits_applied, x.edits_already_present), (1, 4), "{x:#?}");
    assert_eq!(x.conflicts.len(), 1, "{x:#?}");
    assert!(
        x.conflicts[0].contains("kind") && x.conflicts[0].contains(MENFI),
        "{}",
        x.conflicts[0]
    );
    let after = meeting(&a, MENFI);
    assert_eq!(
        after.id, before.id,
        "an update of the same meeting, not a new one"
    );
    assert!(after.topics.iter().any(|t| t.key == "illegal_migration"));
    assert_eq!(after.kind, MeetingKind::Visit, "A's own value is kept");
    assert_eq!(timeline(&a, &Filter::default()).unwrap().len(), 2);
}

#[test]
fn an_unknown_version_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let a = archive_a(&dir.path().join("a.sqlite"));
    let file = export(&a, dir.path(), "a.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    v["schema"]["version"] = 99.into();
    let future = dir.path().join("future.json");
    std::fs::write(&future, v.to_string()).unwrap();

    let mut c = Store::open(dir.path().join("c.sqlite")).unwrap();
    let run = import(&mut c, &future);
    assert_eq!((run.import.imported, run.import.failed), (0, 1));
    let reason = run.import.files[0].reason.clone().unwrap();
    assert!(
        reason.contains("future.json") && reason.contains("version 99"),
        "{reason}"
    );
    assert_eq!(c.count_articles().unwrap(), 0);
    assert!(edits::history(&c).unwrap().is_empty());
}

use crate::common::arshif;

#[test]
fn the_cli_exports_and_imports_an_exchange_file() {
    let dir = tempfile::tempdir().unwrap();
    let a = archive_a(&dir.path().join("a.sqlite"));
    drop(a);
    let file = dir.path().join("a.json");
    let file_arg = file.to_str().unwrap();
    let (code, out, err) = arshif(
        &dir.path().join("a.sqlite"),
        &["exchange", "export", file_arg],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 articles, 4 edits and 2 meetings"), "{out}");

    let b = dir.path().join("b.sqlite");
    let (code, out, err) = arshif(&b, &["import", file_arg]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("4 edits applied, 0 already here, 0 conflicts"),
        "{out}"
    );
    let (code, out, _) = arshif(&b, &["import", file_arg]);
    assert_eq!(code, 0);
    assert!(out.contains("0 edits applied, 4 already here"), "{out}");

    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    v["schema"]["version"] = 2.into();
    std::fs::write(&file, v.to_string()).unwrap();
    let c = dir.path().join("c.sqlite");
    let (code, out, _) = arshif(&c, &["import", file_arg]);
    assert_eq!(code, 1);
    assert!(
        out.contains("a.json: schema «arshif-exchange» version 2 is not one"),
        "{out}"
    );
}

#[test]
fn a_meeting_added_by_hand_travels_with_its_correction_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path().join("a.sqlite")).unwrap();
    import(&mut a, &common::seed_path());
    // In A the user adds a phone call (a hand-made meeting, key user:<edit id>) and places it.
    let gaz = Gazetteer::shipped();
    let meeting = arshif::store::meetings::NewMeeting {
        kind: MeetingKind::PhoneCall,
        status: arshif::model::MeetingStatus::Held,
        date: Some((
            NaiveDate::from_ymd_opt(2021, 4, 20).unwrap(),
            DatePrecision::Day,
        )),
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
    let added = edits::apply(
        &a,
        &Edit::AddMeeting {
            article_id: 1,
            meeting,
        },
    )
    .unwrap();
    let key = format!("user:{}", added.id);
    change(
        &a,
        &key,
        MeetingChange::Place(edits::place_from_gazetteer(&gaz, "rome")),
    );
    let file = export(&a, dir.path(), "a.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        v["edits"][1]["key"], "user:@0",
        "the file names the add_meeting edit, not A's id"
    );

    // B already has an edit of its own, so its ids differ from A's.
    let mut b = Store::open(dir.path().join("b.sqlite")).unwrap();
    import(&mut b, &common::seed_path());
    change(&b, MAZEN, MeetingChange::Confirm);
    for _ in 0..2 {
        let run = import(&mut b, &file);
        assert!(run.import.exchanges[0].not_applied.is_empty(), "{run:#?}");
    }
    let calls: Vec<TimelineMeeting> = timeline(&b, &Filter::default())
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == MeetingKind::PhoneCall)
        .collect();
    assert_eq!(calls.len(), 1, "imported twice, added once");
    assert_eq!(
        calls[0].place.as_ref().map(|p| p.key.as_str()),
        Some("rome")
    );
    assert_eq!(calls[0].date, NaiveDate::from_ymd_opt(2021, 4, 20));
    assert_eq!(edits::history(&b).unwrap().len(), 3);
}

#[test]
fn an_article_date_set_here_is_kept_against_an_other_date_in_the_file() {
    // Archive A dates the seed 2021-04-05 and exports; archive B imports the seed, dates it
    // 2021-04-19 itself, then imports A's file: B's own date stays, and the file's is a conflict.
    let dir = tempfile::tempdir().unwrap();
    let seed = crate::common::seed_path();
    let a = dir.path().join("a.sqlite");
    let b = dir.path().join("b.sqlite");
    for db in [&a, &b] {
        let (code, _, err) = arshif(db, &["import", seed.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, _, err) = arshif(&a, &["set-date", "1", "2021-04-05"]);
    assert_eq!(code, 0, "{err}");
    let file = dir.path().join("a.json");
    let (code, _, err) = arshif(&a, &["exchange", "export", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = arshif(&b, &["set-date", "1", "2021-04-19"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = arshif(&b, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1 conflicts") || out.contains("1 conflict"),
        "{out}"
    );
    let store = Store::open(&b).unwrap();
    let date = store.article(1).unwrap().unwrap().date.map(|d| d.date);
    assert_eq!(date, chrono::NaiveDate::from_ymd_opt(2021, 4, 19));
}
