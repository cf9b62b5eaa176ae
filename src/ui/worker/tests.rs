use super::*;
use pretty_assertions::assert_eq;

/// The seed article (`shared/corpus/dev/articles/000_3dc5a4347485e1da.txt`).
fn seed() -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/dev/articles/000_3dc5a4347485e1da.txt");
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("the shared corpus is missing: {}: {e}", p.display()))
}

fn runner(dir: &Path) -> Box<StoreRunner> {
    Box::new(StoreRunner::new(dir.join("archive.sqlite")))
}

#[test]
fn import_reports_progress_and_stores_articles() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    std::fs::create_dir(&src).unwrap();
    std::fs::write(src.join("seed.txt"), seed()).unwrap();
    let mut w = Worker::spawn(runner(dir.path()), None);
    assert!(w.submit(Job::Import { paths: vec![src] }));
    assert!(
        !w.submit(Job::Import { paths: vec![] }),
        "one job at a time"
    );
    let events = w.wait(Duration::from_secs(60));
    let progress: Vec<(usize, usize)> = events
        .iter()
        .filter_map(|e| match e {
            Event::Progress { done, total, .. } => Some((*done, *total)),
            _ => None,
        })
        .collect();
    assert_eq!(progress.first(), Some(&(0, 1)));
    assert_eq!(progress.last(), Some(&(1, 1)));
    let Some(Event::Finished(summary)) = events.last() else {
        panic!("no summary: {events:?}")
    };
    assert_eq!(
        summary.headline,
        "1 article imported; 0 already in the archive, 0 failed, 0 skipped; 2 meetings found"
    );
    assert!(summary.archive_changed);
    assert!(!w.busy());
}

#[test]
fn cancel_right_after_submit_stops_before_the_first_file() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    std::fs::create_dir(&src).unwrap();
    for i in 0..20 {
        std::fs::write(
            src.join(format!("{i:02}.txt")),
            format!("خبر رقم {i}\nالتقى وزير الداخلية خالد مازن اليوم في طرابلس ({i})."),
        )
        .unwrap();
    }
    let mut w = Worker::spawn(runner(dir.path()), None);
    assert!(w.submit(Job::Import { paths: vec![src] }));
    w.cancel();
    let events = w.wait(Duration::from_secs(60));
    let Some(Event::Finished(summary)) = events.last() else {
        panic!("no summary: {events:?}")
    };
    assert!(summary.cancelled);
    assert_eq!(
        summary.headline,
        "Cancelled. 0 articles imported; 0 already in the archive, 0 failed, 0 skipped"
    );
}

#[test]
fn a_failed_step_is_worded_in_the_ui_language_at_the_status_bar() {
    let cause = anyhow::anyhow!("the archive is locked");
    let again = JobError::new(Step::Job, cause).during(Step::FindingMeetingsAgain);
    assert_eq!(
        again.message(UiLang::En),
        "finding meetings again failed: the archive is locked"
    );
    assert_eq!(
        again.message(UiLang::Ar),
        "فشل البحث عن اللقاءات من جديد: the archive is locked"
    );
    assert_eq!(again.to_string(), again.message(UiLang::En));
}
