//! The module example of `arshif::edits` (the app's flow), run for real over the seed article.

use crate::common;

use arshif::{
    edits::{self, Edit, MeetingChange},
    extract::Extractor,
    gazetteer::Gazetteer,
    store::Store,
};
use std::sync::atomic::AtomicBool;

fn f(store: &mut Store, meeting_id: i64) -> Result<(), edits::EditError> {
    let target = edits::meeting_ref(store, meeting_id)?; // a timeline row's id
    edits::apply(
        store,
        &Edit::Meeting {
            target,
            change: MeetingChange::NotMeeting(true),
        },
    )?;
    let undone = edits::undo(store)?; // Ctrl+Z
    if let Some(a) = &undone
        && a.needs_extraction()
    {
        let gaz = edits::gazetteer_with_user(store, &Gazetteer::shipped())?;
        arshif::pipeline::extract_pending(
            store,
            &Extractor::new(&gaz),
            &mut |_, _| {},
            &AtomicBool::new(false),
        )?;
    }
    Ok(())
}

#[test]
fn the_module_example_runs() {
    let (_dir, db) = common::temp_db();
    let mut store = Store::open(&db).unwrap();
    let no = AtomicBool::new(false);
    arshif::import::import_paths(&mut store, &[common::seed_path()], &mut |_| {}, &no).unwrap();
    let ex = Extractor::new(&Gazetteer::shipped());
    arshif::pipeline::extract_pending(&mut store, &ex, &mut |_, _| {}, &no).unwrap();
    let rows = arshif::query::timeline(&store, &Default::default()).unwrap();
    assert_eq!(rows.len(), 2);
    f(&mut store, rows[0].id).unwrap();
    let after = arshif::query::timeline(&store, &Default::default()).unwrap();
    assert_eq!(after.len(), 2, "the hide was undone");
    assert_eq!(edits::can_undo_redo(&store).unwrap(), (false, true));
}
