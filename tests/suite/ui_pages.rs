//! The timeline reads a page, not the whole archive (issue 11): a filter change loads the first
//! page of cards with the number matching; scrolling near the end of the loaded cards loads the
//! next page, until every card is there exactly once, in the order of `query::timeline`.
#![cfg(feature = "gui")]

use std::collections::HashSet;
use std::path::Path;

use arshif::query::Filter;
use arshif::ui::app::{ArshifApp, Settings};
use arshif::ui::store_archive::StoreArchive;
use arshif::ui::worker::{StoreRunner, Worker};
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::ui_app::{harness, no_dialog};

/// Cards per page in these tests: the generated archive is several pages.
const PAGE: usize = 40;

/// The app on `db`, loading `PAGE` cards at a time.
fn paged_app(db: &Path) -> ArshifApp {
    let worker = Worker::spawn(Box::new(StoreRunner::new(db.to_path_buf())), None);
    let archive = StoreArchive::open(db).unwrap().with_page_size(PAGE);
    ArshifApp::new(Box::new(archive), worker, no_dialog(), Settings::default())
}

/// Turns the mouse wheel far down over the timeline (the list scrolls to its end).
fn scroll_to_end(h: &mut Harness<'static, ArshifApp>) {
    h.event(egui::Event::PointerMoved(egui::pos2(640.0, 500.0)));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -1.0e6),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
}

/// The ids of every row `query::timeline` gives for `filter` (what the list must end with).
fn all_ids(db: &Path, filter: &Filter) -> Vec<u64> {
    let store = arshif::store::Store::open(db).unwrap();
    arshif::query::timeline(&store, filter)
        .unwrap()
        .iter()
        .map(|m| m.id as u64)
        .collect()
}

fn loaded_ids(h: &Harness<'static, ArshifApp>) -> Vec<u64> {
    h.state().timeline().cards.iter().map(|c| c.id).collect()
}

#[test]
fn scrolling_loads_every_page_once_and_a_filter_change_reads_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("paged.sqlite");
    arshif::devtools::generate::archive(&db, 150).unwrap();
    let everything = all_ids(&db, &Filter::default());
    let n = everything.len();
    assert!(n > 3 * PAGE, "{n} meetings: more than three pages");

    let mut h = harness(paged_app(&db));
    h.run();
    // A filter change (here: the first one) reads one page and counts them all.
    assert_eq!(loaded_ids(&h), everything[..PAGE]);
    assert_eq!(h.state().timeline().matching, n);
    h.get_by_label(&format!("{n} meetings of {n}"));

    // Each scroll to the end loads the next page(s), and the last one stops there.
    let mut scrolls = 0;
    while h.state().timeline().cards.len() < n {
        let before = h.state().timeline().cards.len();
        scroll_to_end(&mut h);
        let after = h.state().timeline().cards.len();
        assert!(
            after > before,
            "a scroll to the end loaded nothing at {before} of {n}"
        );
        // Whole pages (the wheel's glide may reach the new end and load one more).
        assert!(after % PAGE == 0 || after == n, "{after} cards loaded");
        scrolls += 1;
        assert!(scrolls <= n / PAGE + 1, "more scrolls than pages");
    }
    scroll_to_end(&mut h);
    let ids = loaded_ids(&h);
    assert_eq!(ids, everything, "every card, in the timeline's order");
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        n,
        "each card once"
    );
    // The last card is on screen.
    let last = &h.state().timeline().cards[n - 1];
    let place = last.place.clone();
    assert!(
        h.query_all_by_label_contains(&format!(" {place}:"))
            .next()
            .is_some(),
        "the last card ({place}) is drawn"
    );

    // Another connection writes (an article): the re-read keeps every loaded page.
    let articles = h.state().timeline().articles;
    {
        let mut writer = arshif::store::Store::open(&db).unwrap();
        let no = std::sync::atomic::AtomicBool::new(false);
        let one = [crate::common::seed_path()];
        arshif::import::import_paths(&mut writer, &one, &mut |_| {}, &no).unwrap();
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while h.state().timeline().articles == articles && std::time::Instant::now() < deadline {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    h.run();
    assert_eq!(
        h.state().timeline().articles,
        articles + 1,
        "the write shows"
    );
    assert_eq!(
        loaded_ids(&h),
        everything,
        "the pages loaded before stay loaded"
    );

    // A filter change: the first page of the new filter with its own total, the count said.
    let key = h.state().timeline().cards[0].libyan[0].key.clone();
    let mut filter = Filter::default();
    filter.officials.insert(key.clone());
    let theirs = all_ids(&db, &filter);
    assert!(!theirs.is_empty() && theirs.len() < n);
    h.state_mut().settings.filter.officials.insert(key);
    h.run();
    let shown = theirs.len().min(PAGE);
    assert_eq!(loaded_ids(&h), theirs[..shown]);
    assert_eq!(h.state().timeline().matching, theirs.len());
    let line = h.state().status_line();
    assert!(
        line.starts_with(&format!("{} meetings of {n} · ", theirs.len())),
        "{line}"
    );
}

/// The cursor keys walk past the first page: the list loads the next one as the cursor nears
/// the end, and Enter opens a card of the second page in the reader.
#[test]
fn the_keyboard_walks_into_the_next_page_and_opens_its_card() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keys.sqlite");
    arshif::devtools::generate::archive(&db, 60).unwrap();
    let everything = all_ids(&db, &Filter::default());
    assert!(everything.len() > PAGE + 5);
    let mut h = harness(paged_app(&db));
    h.run();
    assert_eq!(h.state().timeline().cards.len(), PAGE);
    for _ in 0..PAGE + 5 {
        h.key_press(egui::Key::ArrowDown);
        h.step();
    }
    h.run();
    assert!(h.state().timeline().cards.len() > PAGE);
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().open_meeting(), Some(everything[PAGE + 5]));
}

/// An archive of `n` numbered cards whose pages take `delay` (the filter's text is the name of
/// every card it gives, so an answer tells which filter it was read for).
struct Numbered {
    n: usize,
    delay: std::time::Duration,
}

impl arshif::ui::model::Archive for Numbered {
    fn describe(&self) -> String {
        "numbered".into()
    }
    fn timeline(
        &self,
        filter: &Filter,
        _loaded: usize,
    ) -> anyhow::Result<arshif::ui::model::Timeline> {
        Ok(arshif::ui::model::Timeline {
            cards: self.cards(filter, 0),
            matching: self.n,
            total: self.n,
            ..Default::default()
        })
    }
    fn more(
        &self,
        filter: &Filter,
        offset: usize,
        _through: Option<i32>,
    ) -> anyhow::Result<Vec<arshif::ui::model::MeetingCard>> {
        std::thread::sleep(self.delay);
        Ok(self.cards(filter, offset))
    }
    fn article(&self, _id: u64) -> anyhow::Result<Option<arshif::ui::model::ArticleView>> {
        Ok(None)
    }
}

impl Numbered {
    fn cards(&self, filter: &Filter, offset: usize) -> Vec<arshif::ui::model::MeetingCard> {
        let text = filter.text.clone().unwrap_or_default();
        (offset..self.n.min(offset + PAGE))
            .map(|i| arshif::ui::model::MeetingCard {
                id: i as u64,
                date: None,
                precision: arshif::model::DatePrecision::Day,
                place: text.clone(),
                place_ar: String::new(),
                kind: arshif::model::MeetingKind::Consult,
                status: arshif::model::MeetingStatus::Held,
                libyan: Vec::new(),
                european: Vec::new(),
                topics: Vec::new(),
                topics_ar: Vec::new(),
                topic_keys: Vec::new(),
                reports: 1,
            })
            .collect()
    }
}

/// A page asked for under one filter and answered after the filter changed is dropped: the
/// new filter's first page is what the list has, nothing of the old one appended to it.
#[test]
fn a_page_of_an_old_filter_is_dropped() {
    use arshif::ui::reads::{Reads, Reply};
    use std::time::Duration;
    let archive = Numbered {
        n: 3 * PAGE,
        delay: Duration::from_millis(300),
    };
    let mut reads = Reads::over(Box::new(archive));
    let filter = |t: &str| Filter {
        text: Some(t.into()),
        ..Default::default()
    };
    let mut got = Vec::new();
    let settle = |reads: &mut Reads, got: &mut Vec<Reply>| {
        while reads.pending() {
            got.extend(reads.wait(Duration::from_secs(20)));
        }
    };
    reads.timeline(filter("old"));
    settle(&mut reads, &mut got);
    // The next page of "old" is on its way (300 ms) when the filter changes.
    reads.more(PAGE, None);
    assert!(reads.more_pending());
    std::thread::sleep(Duration::from_millis(50));
    reads.timeline(filter("new"));
    assert!(
        !reads.more_pending(),
        "the old page is no longer waited for"
    );
    settle(&mut reads, &mut got);
    let said: Vec<String> = got
        .iter()
        .filter_map(|r| match r {
            Reply::Timeline { result, .. } => {
                let t = result.as_ref().unwrap();
                Some(format!("timeline {} {}", t.cards[0].place, t.cards.len()))
            }
            Reply::More { offset, .. } => Some(format!("more {offset}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        said,
        [
            format!("timeline old {PAGE}"),
            format!("timeline new {PAGE}")
        ]
    );
    // A page of the current filter does arrive.
    reads.more(PAGE, None);
    got.clear();
    settle(&mut reads, &mut got);
    let pages: Vec<(usize, String, usize)> = got
        .iter()
        .filter_map(|r| match r {
            Reply::More { offset, result, .. } => {
                let cards = result.as_ref().unwrap();
                Some((*offset, cards[0].place.clone(), cards.len()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(pages, [(PAGE, "new".to_owned(), PAGE)]);
}

/// The cards of a filter change are answered before its facet counts (the slow part), which
/// follow for the same request.
#[test]
fn the_cards_come_before_the_facet_counts() {
    use arshif::ui::reads::{Reads, Reply};
    use std::time::Duration;
    let (_dir, db) = crate::ui_app::seed_archive();
    let mut reads = Reads::over(Box::new(StoreArchive::open(&db).unwrap()));
    reads.timeline(Filter::default());
    let mut got = Vec::new();
    while reads.pending() {
        got.extend(reads.wait(Duration::from_secs(20)));
    }
    let order: Vec<String> = got
        .iter()
        .filter_map(|r| match r {
            Reply::Timeline { result, .. } => {
                let t = result.as_ref().unwrap();
                Some(format!(
                    "cards {} of {}, years {:?}",
                    t.cards.len(),
                    t.matching,
                    t.per_year
                ))
            }
            Reply::Facets { result, .. } => {
                let f = result.as_ref().unwrap().as_ref().unwrap();
                Some(format!("years {:?}, undated {}", f.per_year, f.undated))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        order,
        ["cards 2 of 2, years []", "years [(2021, 2)], undated 0"]
    );
}

/// The reader opens a meeting whose card is not loaded: one of the "other meetings of the same
/// officials" it listed, on a later page.
#[test]
fn the_reader_opens_a_related_meeting_that_is_not_loaded() {
    use arshif::ui::model::Archive;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("related.sqlite");
    arshif::devtools::generate::archive(&db, 150).unwrap();
    let archive = StoreArchive::open(&db).unwrap().with_page_size(PAGE);
    let t = archive.timeline(&Filter::default(), 0).unwrap();
    assert_eq!(t.cards.len(), PAGE);
    let loaded: HashSet<u64> = t.cards.iter().map(|c| c.id).collect();
    // A loaded meeting with a related one past the first page.
    let (first, other) = t
        .cards
        .iter()
        .find_map(|c| {
            let a = archive
                .article(c.id)
                .unwrap()
                .expect("a loaded card's article");
            let r = a.related.iter().find(|r| !loaded.contains(&r.id))?;
            Some((c.clone(), r.clone()))
        })
        .expect("a related meeting on a later page");
    let a = archive.article(other.id).unwrap().expect("its article");
    // Its facts name its own participants, one of whom it shares with `first`.
    let keys = |c: &arshif::ui::model::MeetingCard| -> HashSet<String> {
        c.libyan
            .iter()
            .chain(&c.european)
            .map(|p| p.key.clone())
            .collect()
    };
    let names: HashSet<&str> = a
        .facts
        .iter()
        .filter(|f| f.what == "Participant")
        .map(|f| f.value.as_str())
        .collect();
    let other_names: HashSet<&str> = other
        .libyan
        .iter()
        .chain(&other.european)
        .map(|p| p.name_en.as_str())
        .collect();
    assert_eq!(names, other_names);
    assert!(!keys(&first).is_disjoint(&keys(&other)));
    // An id the archive does not have opens nothing.
    assert_eq!(archive.article(u64::MAX / 2).unwrap(), None);
}
