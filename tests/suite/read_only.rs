//! An archive opened read-only (the app's mode for a file or folder the user cannot write,
//! issue 13): it reads like any other, refuses every write, and is never migrated.

use std::sync::atomic::AtomicBool;

use arshif::store::{Store, StoreError};

use crate::common;

#[test]
fn a_read_only_archive_shows_the_seeds_meetings_and_refuses_writes() {
    let (_dir, db) = common::temp_db();
    {
        let mut store = Store::open(&db).unwrap();
        let ex = arshif::pipeline::archive_extractor(&store).unwrap();
        let no = AtomicBool::new(false);
        arshif::pipeline::import_and_extract(
            &mut store,
            &ex,
            &[common::seed_path()],
            &mut |_| {},
            &mut |_, _| {},
            &no,
        )
        .unwrap();
    }
    let ro = Store::open_read_only(&db).unwrap();
    assert_eq!(ro.count_articles().unwrap(), 1);
    let rows = arshif::query::timeline(&ro, &Default::default()).unwrap();
    let mut who: Vec<Vec<String>> = rows
        .iter()
        .map(|m| {
            let mut k: Vec<String> = m
                .participants
                .iter()
                .map(|p| p.person.key.clone())
                .collect();
            k.sort();
            k
        })
        .collect();
    who.sort();
    assert_eq!(
        who,
        vec![
            vec!["khaled_mazen".to_string(), "luciana_lamorgese".to_string()],
            vec![
                "luciana_lamorgese".to_string(),
                "mohamed_al_menfi".to_string()
            ],
        ]
    );
    // Arabic search works on the read-only connection (the tokenizer is registered).
    let hits = arshif::search::search(&ro, "لامورجيزي", 10).unwrap();
    assert_eq!(hits.len(), 1);
    // Any write fails, and the archive is unchanged.
    let no = AtomicBool::new(false);
    let mut ro = ro;
    let r = arshif::import::import_paths(
        &mut ro,
        &[common::corpus().join("003_ar.txt")],
        &mut |_| {},
        &no,
    );
    let refused = match r {
        Err(e) => e.to_string(),
        Ok(report) => format!("{:?}", report.failed),
    };
    assert!(
        refused.contains("readonly") || refused.contains("read-only"),
        "{refused}"
    );
    assert_eq!(Store::open(&db).unwrap().count_articles().unwrap(), 1);
}

#[test]
fn an_older_or_missing_archive_is_not_opened_read_only_and_the_message_says_why() {
    let (dir, db) = common::temp_db();
    // Schema version 1: an archive made by an early Arshif.
    {
        let conn = Store::open_unmigrated(&db).unwrap();
        arshif::store::migrations::migrations()
            .to_version(&mut { conn }, 1)
            .unwrap();
    }
    let e = Store::open_read_only(&db).unwrap_err();
    assert!(matches!(e, StoreError::Migrate { .. }), "{e}");
    let msg = e.to_string();
    assert!(msg.contains(&db.display().to_string()), "{msg}");
    assert!(msg.contains("schema version 1"), "{msg}");
    assert!(msg.contains("write access"), "{msg}");
    let missing = dir.path().join("gone.sqlite");
    let e = Store::open_read_only(&missing).unwrap_err().to_string();
    assert!(
        e.contains("gone.sqlite") && e.contains("does not exist"),
        "{e}"
    );
    assert!(!missing.exists());
}
