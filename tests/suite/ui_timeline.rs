//! The timeline's reading aids on a temporary archive holding the seed (dated 2021-04-19): the
//! reader's clickable highlights, its facts and related meetings, the year histogram, the
//! overview strip and the announced badge.
#![cfg(feature = "gui")]

use eframe::egui;

use arshif::ui::app::{ArshifApp, Settings};
use arshif::ui::filter::FilterExt as _;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::ui_app::{app_on, archive_of, cards, harness, no_dialog, seed_archive};

const MAZEN: &str = "2021-04-19 Tripoli: Khaled Mazen, Luciana Lamorgese";
const MENFI: &str = "2021-04-19 Tripoli: Mohamed al-Menfi, Luciana Lamorgese";

/// Opens the card whose accessible name is `Meeting {row}`.
fn open(h: &mut Harness<'_, ArshifApp>, row: &str) {
    h.get_by_label(&format!("Meeting {row}")).click_accesskit();
    h.run();
    assert!(h.state().open_meeting().is_some());
}

#[test]
fn clicking_a_highlighted_name_in_the_reader_filters_by_that_official() {
    let (_dir, db) = seed_archive();
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    open(&mut h, MAZEN);
    // Names are highlighted where the article writes them, each its own click target.
    h.get_all_by_label("خالد مازن").next().unwrap().click();
    h.run();
    assert_eq!(cards(&h), vec![MAZEN]);
    assert!(
        h.state()
            .settings
            .filter
            .is_selected(arshif::ui::model::Facet::Officials, "khaled_mazen")
    );
    h.get_by_label("× Khaled Mazen").click();
    h.run();
    assert_eq!(cards(&h).len(), 2);
    open(&mut h, MAZEN);
    h.get_all_by_label("لوتشانا لامورجيزي")
        .next()
        .unwrap()
        .click();
    h.run();
    let mut got = cards(&h);
    got.sort();
    assert_eq!(got, vec![MAZEN, MENFI]);
    assert!(
        h.state()
            .settings
            .filter
            .is_selected(arshif::ui::model::Facet::Officials, "luciana_lamorgese")
    );
}

#[test]
fn the_reader_lists_facts_and_other_meetings_of_the_same_officials() {
    let (_dir, db) = seed_archive();
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    open(&mut h, MAZEN);
    // The other meeting with Lamorgese, under "Other meetings of the same officials".
    h.get_by_label("Other meetings of the same officials");
    h.get_by_label("19 April 2021 · Tripoli: Mohamed al-Menfi, Luciana Lamorgese");
    // Facts with the text they came from: the date's derivation and the names as written.
    h.get_by_label("Facts");
    h.get_by_label("Participant: Khaled Mazen");
    assert_eq!(h.query_all_by_label_contains("«خالد مازن»").count(), 1);
    h.get_by_label("Place: Tripoli");
    // Only that one: the open meeting is not its own relative.
    assert_eq!(
        h.query_all_by_label_contains("19 April 2021 · Tripoli: ")
            .count(),
        1
    );
}

#[test]
fn the_year_histogram_shows_2021_and_a_click_sets_the_range() {
    let (_dir, db) = archive_of(
        &[
            crate::common::seed_path(),
            crate::common::corpus().join("022_ar.txt"),
        ],
        Some((2021, 4, 19)),
    );
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    // The seed's two meetings in 2021; the Sarraj–Merkel excerpt's meeting is undated.
    assert_eq!(h.state().timeline().per_year, vec![(2021, 2)]);
    assert_eq!(h.state().timeline().undated, 1);
    h.get_by_label("2021: 2 meetings").click();
    h.run();
    let f = &h.state().settings.filter;
    assert_eq!(f.from.map(|d| d.to_string()).as_deref(), Some("2021-01-01"));
    assert_eq!(f.to.map(|d| d.to_string()).as_deref(), Some("2021-12-31"));
    let mut got = cards(&h);
    got.sort();
    assert_eq!(got, vec![MAZEN, MENFI]);
    assert_eq!(h.state().timeline().undated, 0);
    // A second click on the selected year clears the range.
    h.get_by_label("2021: 2 meetings").click();
    h.run();
    assert_eq!(h.state().settings.filter.from, None);
    assert_eq!(cards(&h).len(), 3);
    // The range shows as a removable chip, like the facets' selections.
    h.get_by_label("2021: 2 meetings").click();
    h.run();
    h.get_by_label("× 2021-01-01 – 2021-12-31").click();
    h.run();
    assert_eq!(h.state().settings.filter.from, None);
    assert_eq!(h.state().settings.filter.to, None);
    assert_eq!(cards(&h).len(), 3);
}

/// Clicks at `pos` (press and release).
fn click_at(h: &mut Harness<'_, ArshifApp>, pos: egui::Pos2) {
    h.hover_at(pos);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        });
        h.step();
    }
    h.run();
}

#[test]
fn clicking_the_overview_moves_the_list_there() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("big.sqlite");
    arshif::devtools::generate::archive(&db, 600).unwrap();
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    let first_shown = h.query_all_by_label_contains("Meeting 202").count();
    assert!(
        first_shown > 0,
        "the newest meetings (2020s) are shown first"
    );
    // Newest first: the oldest meetings (2011) are at the end of the list. The strip runs from
    // 2011 at the left to 2025 at the right in the English UI.
    let strip = h.get_by_label("Overview").rect();
    click_at(&mut h, egui::pos2(strip.left() + 6.0, strip.center().y));
    let cursor = h.state().timeline().cards.len();
    let app = h.state();
    let idx = (0..cursor)
        .find(|&i| {
            app.timeline().cards[i]
                .date
                .is_some_and(|d| chrono::Datelike::year(&d) == 2011)
        })
        .expect("meetings in 2011");
    assert!(
        idx > 300,
        "2011 is near the end of a newest-first list ({idx})"
    );
    // The list scrolled: cards from 2011 are laid out now, those from 2025 are not.
    assert!(h.query_all_by_label_contains("Meeting 2011-").count() > 0);
    assert_eq!(h.query_all_by_label_contains("Meeting 2025-").count(), 0);
}

#[test]
fn an_announced_meeting_shows_its_badge() {
    // 001_ar.txt announces Lamorgese's visit to Tripoli (a preview, not yet held).
    let (_dir, db) = archive_of(&[crate::common::corpus().join("001_ar.txt")], None);
    let mut h = harness(app_on(&db, no_dialog(), Settings::default()));
    h.run();
    let statuses: Vec<_> = h
        .state()
        .timeline()
        .cards
        .iter()
        .map(|c| c.status)
        .collect();
    assert!(
        statuses.contains(&arshif::model::MeetingStatus::Announced),
        "{statuses:?}"
    );
    h.get_by_label("Announced");
    // And in Arabic.
    h.state_mut().settings.lang = arshif::ui::UiLang::Ar;
    h.run();
    h.get_by_label("مُعلن عنه");
}
