//! Pages in the app (egui_kittest, no display) on the seed archive: a name on a card opens its
//! page, a name on the page opens the next one, Back and Escape return, Ctrl+G opens the network;
//! the Arabic UI shows the page in Arabic.
#![cfg(feature = "gui")]

use eframe::egui;
use egui_kittest::kittest::Queryable;

use arshif::pages::PageRef;
use arshif::ui::UiLang;
use arshif::ui::app::{ArshifApp, Settings};
use arshif::ui::panels::page::View;

use crate::ui_app::{harness, no_dialog, seed_archive};

fn app(db: &std::path::Path, lang: UiLang) -> ArshifApp {
    let settings = Settings {
        lang,
        ..Settings::default()
    };
    crate::ui_app::app_on(db, no_dialog(), settings)
        .with_opener(arshif::ui::store_opener(None), db.to_path_buf())
}

fn official(key: &str) -> Option<View> {
    Some(View::Page(PageRef::Official(key.into())))
}

#[test]
fn a_name_on_a_card_opens_its_page_and_escape_goes_back() {
    let (_dir, db) = seed_archive();
    let mut h = harness(app(&db, UiLang::En));
    h.run();
    assert_eq!(h.state().page(), None);
    // The first click opens the card in the reader, a click on a name of the open card its page.
    h.get_by_label_contains("Libyan side: Khaled Mazen").click();
    h.run();
    assert_eq!(h.state().page(), None);
    assert!(h.state().open_meeting().is_some());
    h.get_by_label_contains("Libyan side: Khaled Mazen").click();
    h.run();
    assert_eq!(h.state().page().cloned(), official("khaled_mazen"));
    // The page: roles, the meeting with its source, Lamorgese as the one counterpart.
    h.get_by_label("Roles");
    h.get_by_label("Meetings (1)");
    h.get_by_label("19 April 2021 · Tripoli · host");
    h.get_by_label("source #1");
    h.get_by_label("Luciana Lamorgese ×1").click();
    h.run();
    assert_eq!(h.state().page().cloned(), official("luciana_lamorgese"));
    h.get_by_label("Meetings (2)");
    // Back returns to Mazen's page.
    h.get_by_label("Back").click();
    h.run();
    assert_eq!(h.state().page().cloned(), official("khaled_mazen"));
    // Escape closes the reader first (the card is open in it), then goes back.
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().open_meeting(), None);
    assert_eq!(h.state().page().cloned(), official("khaled_mazen"));
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().page(), None);
    h.get_by_label_contains("Libyan side: Khaled Mazen");
    // Ctrl+G: who met whom under the filter (the seed: Lamorgese met Mazen and al-Menfi).
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::G);
    h.run();
    assert_eq!(h.state().page(), Some(&View::Network));
    h.get_by_label("Officials: 3 · pairs who met: 2");
    h.get_by_label("Back to the timeline").click();
    h.run();
    assert_eq!(h.state().page(), None);
}

#[test]
fn the_arabic_ui_shows_the_page_in_arabic() {
    let (_dir, db) = seed_archive();
    let mut h = harness(app(&db, UiLang::Ar));
    h.run();
    h.get_by_label_contains("الجانب الليبي: خالد مازن").click();
    h.run();
    h.get_by_label_contains("الجانب الليبي: خالد مازن").click();
    h.run();
    assert_eq!(h.state().page().cloned(), official("khaled_mazen"));
    h.get_by_label("المناصب");
    h.get_by_label("اللقاءات (1)");
    h.get_by_label("العودة إلى الخط الزمني");
}
