//! The grouping is incremental (migration 7): importing the corpora one file at a time, each
//! import placing only the reports it changed (and what they could join), ends where a whole
//! regroup of the archive does; a date set by hand and a merge keep it so.

use crate::common::{self, arshif};
use std::collections::BTreeMap;
use std::path::Path;

/// meeting id → event id of every visible row.
fn partition(db: &Path) -> BTreeMap<i64, i64> {
    let store = arshif::store::Store::open(db).unwrap();
    let conn = common::sql(&store);
    let mut stmt = conn
        .prepare("SELECT id, event_id FROM meetings WHERE hidden IS NULL")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The partition a whole regroup gives, and the timeline pages it sorts by, then checks the
/// archive did not change: what the incremental grouping left must be exactly that.
fn assert_same_as_full(db: &Path, when: &str) {
    let before = partition(db);
    let dates = event_dates(db);
    let mut store = arshif::store::Store::open(db).unwrap();
    assert!(
        !arshif::store::events::needs_grouping(&store).unwrap(),
        "{when}"
    );
    let tx = store.transaction().unwrap();
    arshif::edits::regroup_full(&tx).unwrap();
    tx.commit().unwrap();
    drop(store);
    let after = partition(db);
    let moved: Vec<_> = before
        .iter()
        .filter(|(id, ev)| after.get(id) != Some(ev))
        .map(|(id, ev)| (*id, *ev, after.get(id).copied()))
        .collect();
    assert!(
        moved.is_empty(),
        "{when}: rows placed differently: {moved:?}"
    );
    assert_eq!(before, after, "{when}");
    assert_eq!(dates, event_dates(db), "{when}");
}

fn event_dates(db: &Path) -> BTreeMap<i64, Option<String>> {
    let store = arshif::store::Store::open(db).unwrap();
    let conn = common::sql(&store);
    let mut stmt = conn
        .prepare("SELECT id, event_date FROM meetings WHERE hidden IS NULL")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn import_one_by_one(db: &Path, folder: &Path) {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for (n, f) in files.iter().enumerate() {
        let (code, _, err) = arshif(db, &["import", f.to_str().unwrap()]);
        assert_eq!(code, 0, "{}: {err}", f.display());
        // Spot checks on the way (a whole regroup each time would hide what the next import
        // inherits).
        if n % 17 == 16 {
            assert_same_as_full(db, &format!("after {}", f.display()));
        }
    }
}

#[test]
fn importing_the_corpora_file_by_file_equals_a_whole_regroup() {
    let (_dir, db) = common::temp_db();
    import_one_by_one(&db, &common::corpus());
    assert_same_as_full(&db, "dev");
    import_one_by_one(&db, &common::shared().join("corpus/dev2/articles"));
    assert_same_as_full(&db, "dev2");
    let p = partition(&db);
    let events: std::collections::BTreeSet<_> = p.values().collect();
    assert!(
        p.len() > events.len() + 10,
        "{} reports, {} meetings: reports were grouped",
        p.len(),
        events.len()
    );

    // One changed report: only it and what it could join are placed again; nothing changed,
    // nothing placed.
    {
        let mut store = arshif::store::Store::open(&db).unwrap();
        let tx = store.transaction().unwrap();
        let none = arshif::edits::regroup(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(none.placed, 0, "{none:?}");
        let rep = *p.values().next().unwrap();
        let n = common::sql(&store)
            .execute(
                "UPDATE meetings SET date_note = date_note WHERE id = ?1",
                [rep],
            )
            .unwrap();
        assert_eq!(n, 1);
        assert!(arshif::store::events::needs_grouping(&store).unwrap());
        let tx = store.transaction().unwrap();
        let some = arshif::edits::regroup(&tx).unwrap();
        tx.commit().unwrap();
        assert!(
            some.placed >= 1 && some.placed * 4 < some.reports,
            "{some:?}"
        );
    }
    assert_same_as_full(&db, "one report");

    // A date set by hand re-extracts that article: its rows are placed again.
    let id = crate::pages_dev::article_id(&db, "000_").to_string();
    let (code, _, err) = arshif(&db, &["set-date", &id, "2021-04-19"]);
    assert_eq!(code, 0, "{err}");
    assert_same_as_full(&db, "set-date");

    // A merge (a user link) and its undo.
    let rows = arshif::query::timeline(
        &arshif::store::Store::open(&db).unwrap(),
        &arshif::query::Filter::default(),
    )
    .unwrap();
    let (a, b) = (rows[0].id, rows[1].id);
    {
        let store = arshif::store::Store::open(&db).unwrap();
        arshif::edits::merge(&store, a, b).unwrap();
    }
    assert_eq!(partition(&db)[&a], partition(&db)[&b]);
    assert_same_as_full(&db, "merge");
    {
        let store = arshif::store::Store::open(&db).unwrap();
        arshif::edits::undo(&store).unwrap();
    }
    assert_ne!(partition(&db)[&a], partition(&db)[&b]);
    assert_same_as_full(&db, "undo");
}
