//! One meeting card of the timeline: status badge, date · place · kind · reports, each side's
//! officials with role and country, and topic chips (a click filters by the topic).

use eframe::egui::{self, Align, FontId, Layout, Rect, Sense, Ui, UiBuilder, Vec2};

use crate::model::MeetingStatus;
use crate::query::{Facet, Filter};
use crate::ui::bidi::BidiStyle;
use crate::ui::filter::FilterExt;
use crate::ui::i18n::{Noun, UiLang, count, kind_label, tr};
use crate::ui::model::{MeetingCard, Participant};
use crate::ui::widgets;
use crate::ui::widgets::{column_layout, direction, status_badge};

/// Space inside a card's border, in points.
pub const CARD_PAD: f32 = 8.0;
/// Space below a card, in points.
pub const CARD_GAP: f32 = 6.0;

/// How the card is marked.
#[derive(Clone, Copy, Debug)]
pub struct CardState {
    /// The keyboard cursor is on it (a stronger border).
    pub selected: bool,
    /// It is open in the reader (a tinted background).
    pub open: bool,
    /// Another meeting is open in the reader (the menu offers merge with / different from it).
    pub other_open: bool,
}

/// What the card's context menu asked for (one meeting from many reports, see
/// [`crate::edits::link_edit`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardMenu {
    /// This meeting and the one open in the reader are one.
    MergeWithOpen,
    /// This meeting and the one open in the reader are different meetings.
    DifferentFromOpen,
    /// Every report of this meeting is a meeting of its own.
    Split,
}

/// What drawing a card gave.
#[derive(Clone, Copy, Debug)]
pub struct CardOutput {
    /// The card was clicked (open it).
    pub clicked: bool,
    /// The height it needs, with the gap below it.
    pub height: f32,
    /// A choice of the card's context menu (right click).
    pub menu: Option<CardMenu>,
}

/// Draws `card` at the top of `ui`'s rect (the content decides the height); a topic chip's
/// click toggles the topic in `filter`.
pub fn ui(
    ui: &mut Ui,
    card: &MeetingCard,
    state: CardState,
    filter: &mut Filter,
    lang: UiLang,
) -> CardOutput {
    let row = ui.max_rect();
    let click_rect = Rect::from_min_size(
        row.min,
        Vec2::new(row.width(), (row.height() - CARD_GAP).max(1.0)),
    );
    let response = ui.interact(
        click_rect,
        ui.scope_id().with(("card", card.id)),
        Sense::click(),
    );
    // The background is painted under the content once its height is known.
    let background = ui.painter().add(egui::Shape::Noop);
    let inner = Rect::from_min_size(
        row.min + Vec2::splat(CARD_PAD),
        Vec2::new(row.width() - 2.0 * CARD_PAD, 10_000.0),
    );
    let content = ui.scope_builder(
        UiBuilder::new().max_rect(inner).layout(column_layout(lang)),
        |ui| content(ui, card, filter, lang, state.open),
    );
    let content_h = content.response.rect.height();
    let card_rect =
        Rect::from_min_size(row.min, Vec2::new(row.width(), content_h + 2.0 * CARD_PAD));
    paint_background(ui, background, card_rect, state);
    let label = accessible_label(card, lang);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let clicked = response.clicked();
    let mut menu = None;
    response.context_menu(|ui| {
        let mut item = |ui: &mut Ui, key: &'static str, choice: CardMenu| {
            // Through the bidi button: plain egui lays Arabic words out left to right.
            if crate::ui::widgets::button(ui, tr(lang, key)).clicked() {
                menu = Some(choice);
                ui.close();
            }
        };
        if state.other_open {
            item(ui, "Same meeting as the open one", CardMenu::MergeWithOpen);
            item(
                ui,
                "Different from the open meeting",
                CardMenu::DifferentFromOpen,
            );
        }
        if card.reports > 1 {
            item(ui, "Split into its reports", CardMenu::Split);
        }
        if !state.other_open && card.reports < 2 {
            ui.label(tr(lang, "Open another meeting to merge or separate them"));
        }
    });
    CardOutput {
        clicked,
        height: card_rect.height() + CARD_GAP,
        menu,
    }
}

/// The card's lines: badge, head line, the two sides, topic chips. On the open card a click on
/// a name opens the official's page (on the others it opens the card).
fn content(ui: &mut Ui, card: &MeetingCard, filter: &mut Filter, lang: UiLang, open: bool) {
    ui.spacing_mut().item_spacing.y = 1.0;
    let strong = BidiStyle::new(
        FontId::proportional(14.0),
        ui.visuals().strong_text_color(),
        direction(lang),
    );
    let normal = BidiStyle::new(
        FontId::proportional(14.0),
        ui.visuals().text_color(),
        direction(lang),
    );
    if card.status != MeetingStatus::Held {
        let (key, color) = match card.status {
            MeetingStatus::Cancelled => ("Cancelled", ui.visuals().error_fg_color),
            _ => ("Announced", ui.visuals().warn_fg_color),
        };
        status_badge(ui, tr(lang, key), color);
        ui.add_space(2.0);
    }
    widgets::show(ui, &head_line(card, lang), &strong, Sense::hover(), true);
    let sides = [
        (tr(lang, "Libyan side"), &card.libyan),
        (tr(lang, "European side"), &card.european),
    ];
    for (label, people) in sides {
        if people.is_empty() {
            widgets::show(ui, &format!("{label}: —"), &normal, Sense::hover(), true);
        }
        for p in people {
            let line = format!("{label}: {}", person_line(p, lang));
            let sense = if open { Sense::click() } else { Sense::hover() };
            if widgets::show(ui, &line, &normal, sense, true).clicked() {
                super::request_page(ui.ctx(), crate::pages::PageRef::Official(p.key.clone()));
            }
        }
    }
    if !card.topics.is_empty() {
        ui.add_space(4.0);
        topic_chips(ui, card, filter, lang);
    }
}

/// "19 April 2021 (day) · Tripoli · visit · 2 reports", in the UI language.
fn head_line(card: &MeetingCard, lang: UiLang) -> String {
    let date = match card.date {
        Some(d) => format!(
            "{} ({})",
            crate::ui::i18n::date_text(lang, d, card.precision),
            tr(lang, card.precision.as_str())
        ),
        None => tr(lang, "Undated").to_owned(),
    };
    let place = if lang.rtl() && !card.place_ar.is_empty() {
        &card.place_ar
    } else {
        &card.place
    };
    [
        date,
        place.clone(),
        kind_label(lang, card.kind).to_owned(),
        count(lang, card.reports, Noun::Report),
    ]
    .into_iter()
    .filter(|part| !part.trim().is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

/// "Khaled Mazen (خالد مازن) — Minister of Interior, Libya": the name in the UI language, the
/// other script isolated in brackets, then role and country.
fn person_line(p: &Participant, lang: UiLang) -> String {
    let arabic = lang.rtl();
    let sep = if arabic { "، " } else { ", " };
    let (first, second) = match lang {
        UiLang::Ar if !p.name_ar.is_empty() => (&p.name_ar, &p.name_en),
        _ if p.name_en.is_empty() => (&p.name_ar, &p.name_en),
        _ => (&p.name_en, &p.name_ar),
    };
    let mut s = first.clone();
    if !second.is_empty() && second != first {
        // Isolated, so a Latin name in an Arabic line keeps its place.
        s.push_str(&format!(" (\u{2068}{second}\u{2069})"));
    }
    let or = |ar: &'_ String, en: &'_ String| {
        if ar.is_empty() {
            en.clone()
        } else {
            ar.clone()
        }
    };
    let (role, country) = if arabic {
        (or(&p.role_ar, &p.role), or(&p.country_ar, &p.country))
    } else {
        (p.role.clone(), p.country.clone())
    };
    let details: Vec<&str> = [role.as_str(), country.as_str()]
        .into_iter()
        .filter(|d| !d.trim().is_empty())
        .collect();
    if !details.is_empty() {
        s.push_str(&format!(" — {}", details.join(sep)));
    }
    s
}

/// The topics as chips in reading direction, wrapping; a click toggles the topic in `filter`.
fn topic_chips(ui: &mut Ui, card: &MeetingCard, filter: &mut Filter, lang: UiLang) {
    let arabic = lang.rtl();
    let layout = if arabic {
        Layout::right_to_left(Align::Min)
    } else {
        Layout::left_to_right(Align::Min)
    };
    let mut clicked: Option<&String> = None;
    ui.allocate_ui_with_layout(
        Vec2::new(ui.available_width(), 0.0),
        layout.with_main_wrap(true),
        |ui| {
            ui.spacing_mut().item_spacing = Vec2::new(4.0, 4.0);
            for (i, key) in card.topic_keys.iter().enumerate() {
                let en = card.topics.get(i).map_or("", String::as_str);
                let ar = card.topics_ar.get(i).map_or("", String::as_str);
                let label = if arabic && !ar.is_empty() { ar } else { en };
                if widgets::selectable(ui, filter.is_selected(Facet::Topics, key), label).clicked()
                {
                    clicked = Some(key);
                }
            }
        },
    );
    if let Some(key) = clicked {
        filter.toggle(Facet::Topics, key);
    }
}

/// The card's background and border, under its content (`slot` was reserved before it).
fn paint_background(ui: &Ui, slot: egui::layers::ShapeIdx, rect: Rect, state: CardState) {
    let visuals = ui.visuals();
    let fill = if state.open {
        visuals.selection.bg_fill.linear_multiply(0.35)
    } else {
        visuals.faint_bg_color
    };
    let stroke = if state.selected {
        egui::Stroke::new(2.0, visuals.selection.stroke.color)
    } else {
        visuals.widgets.noninteractive.bg_stroke
    };
    ui.painter().set(
        slot,
        egui::Shape::Rect(egui::epaint::RectShape::new(
            rect,
            6.0,
            fill,
            stroke,
            egui::StrokeKind::Inside,
        )),
    );
}

/// The card's accessible name, in English whatever the UI language: "Meeting 2021-04-19
/// Tripoli: Khaled Mazen, Luciana Lamorgese".
fn accessible_label(card: &MeetingCard, lang: UiLang) -> String {
    let iso_date = match card.date {
        Some(d) => crate::export::labels::date_text(Some(d), Some(card.precision)),
        None => tr(lang, "Undated").to_owned(),
    };
    let names: Vec<&str> = card
        .libyan
        .iter()
        .chain(&card.european)
        .map(|p| p.name_en.as_str())
        .collect();
    format!("Meeting {iso_date} {}: {}", card.place, names.join(", "))
}
