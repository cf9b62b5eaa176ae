//! The timeline: order toggles, the overview strip, and the virtualised list of cards grouped
//! by month. Only the rows in view are laid out, so 100,000 meetings scroll as fast as 10.

use chrono::Datelike;
use eframe::egui::{self, Align, Rect, Ui, UiBuilder, Vec2};

use super::card::{self, CARD_GAP, CARD_PAD, CardState};
use super::overview::Overview;
use crate::model::{DatePrecision, MeetingStatus};
use crate::query::{Filter, Order};
use crate::ui::i18n::{Noun, UiLang, count, month_year, tr};
use crate::ui::model::{MeetingCard, Participant, Timeline};
use crate::ui::widgets;
use crate::ui::widgets::{column_layout, row_ui};

/// One row of the flattened timeline.
#[derive(Clone, Debug, PartialEq)]
enum Row {
    /// Group header ("April 2021", "Undated").
    Header(String),
    /// Index into `timeline.cards`.
    Card(usize),
}

const HEADER_H: f32 = 30.0;
const LINE_H: f32 = 19.0;
/// Average advance of a character at the card's 14 pt, for estimating wrapped lines before a card
/// is first laid out (its real height replaces the estimate once it is drawn).
const CHAR_W: f32 = 7.2;

/// An estimate of card `card`'s height at `width` points: wrapped lines from character counts,
/// one row of topic chips per ~`width` of chips. Cheap (no text layout), so it runs over 100,000
/// cards when the width or the timeline changes; drawing a card measures its real height.
fn card_height(card: &MeetingCard, width: f32) -> f32 {
    let text_w = (width - 2.0 * CARD_PAD).max(60.0);
    let lines = |chars: usize| ((chars as f32 * CHAR_W) / text_w).ceil().max(1.0);
    let person = |p: &Participant| {
        p.name_en.chars().count()
            + p.name_ar.chars().count()
            + p.role.chars().count().max(p.role_ar.chars().count())
            + p.country.chars().count().max(p.country_ar.chars().count())
            + 22
    };
    let mut n = lines(
        40 + card
            .place
            .chars()
            .count()
            .max(card.place_ar.chars().count()),
    );
    for side in [&card.libyan, &card.european] {
        n += if side.is_empty() {
            1.0
        } else {
            side.iter().map(|p| lines(person(p))).sum()
        };
    }
    let chips: f32 = card
        .topics
        .iter()
        .map(|t| t.chars().count() as f32 * CHAR_W + 16.0)
        .sum();
    let chip_rows = if card.topics.is_empty() {
        0.0
    } else {
        (chips / text_w).ceil().max(1.0)
    };
    let badge = if card.status == MeetingStatus::Held {
        0.0
    } else {
        22.0
    };
    CARD_PAD * 2.0 + n * LINE_H + chip_rows * 24.0 + 4.0 + badge + CARD_GAP
}

/// The virtualised list's geometry and selection: rows (group headers and cards), their heights
/// (estimated, then measured when drawn) and tops, and the keyboard cursor.
#[derive(Debug, Default)]
pub struct TimelineList {
    rows: Vec<Row>,
    /// Height of each row (estimated, then measured when drawn).
    heights: Vec<f32>,
    /// Top of each row, plus the total height at the end (prefix sums of `heights`).
    offsets: Vec<f32>,
    /// The width the heights were estimated for.
    rows_width: f32,
    /// A measured height differed from its estimate: recompute `offsets`.
    offsets_stale: bool,
    /// The card the keyboard cursor is on (an index into the timeline's cards).
    pub cursor: Option<usize>,
    /// Scroll the cursor's card into view on the next frame.
    pub scroll_to_cursor: bool,
    /// A card menu's merge, split or "different" (the app takes it and sends the edit to the
    /// worker).
    pub link: Option<crate::edits::LinkRequest>,
    /// The list was drawn down to near its last card: the app asks for the next page, if any.
    pub wants_more: bool,
    /// A month (index) clicked on the overview strip: the app scrolls to its nearest loaded
    /// card, loading the pages up to it first when they are not loaded.
    pub jump: Option<i32>,
}

/// Rows (headers and cards) before the end of the list at which the next page is asked for.
const MORE_WHEN_WITHIN: usize = 30;

/// The request a card menu's `choice` on card `card` makes, with the meeting `open` in the reader.
fn link_request(choice: card::CardMenu, card: u64, open: Option<u64>) -> crate::edits::LinkRequest {
    use crate::edits::LinkRequest;
    let (card, open) = (card as i64, open.map_or(card as i64, |o| o as i64));
    match choice {
        card::CardMenu::MergeWithOpen => LinkRequest::Merge(open, card),
        card::CardMenu::DifferentFromOpen => LinkRequest::Different(open, card),
        card::CardMenu::Split => LinkRequest::Split(card),
    }
}

/// What the timeline needs to know besides the list and the cards.
pub struct TimelineView<'a> {
    /// The cards and counts shown.
    pub timeline: &'a Timeline,
    /// The meeting open in the reader.
    pub open: Option<u64>,
    /// The UI language.
    pub lang: UiLang,
    /// A newer timeline is being read: the cards shown (the previous result) are dimmed, with
    /// a spinner.
    pub loading: bool,
}

impl TimelineList {
    /// Groups `timeline`'s cards under month (or year, or "Undated") headers in `lang` and
    /// estimates every row's height.
    pub fn rebuild(&mut self, timeline: &Timeline, lang: UiLang) {
        self.rows.clear();
        self.push_rows(timeline, 0, lang);
        let width = if self.rows_width > 0.0 {
            self.rows_width
        } else {
            600.0
        };
        self.estimate_heights(&timeline.cards, width);
    }

    /// Adds the rows of `timeline`'s cards from `from` on (a page appended to the cards), keeping
    /// the measured heights of the rows already there.
    pub fn extend(&mut self, timeline: &Timeline, from: usize, lang: UiLang) {
        let before = self.rows.len();
        self.push_rows(timeline, from, lang);
        let width = if self.rows_width > 0.0 {
            self.rows_width
        } else {
            600.0
        };
        for r in &self.rows[before..] {
            self.heights.push(match r {
                Row::Header(_) => HEADER_H,
                Row::Card(i) => card_height(&timeline.cards[*i], width),
            });
        }
        self.rebuild_offsets();
    }

    /// Appends header and card rows for cards `from..`, a header wherever the month (or year,
    /// or "Undated") changes from the card before.
    fn push_rows(&mut self, timeline: &Timeline, from: usize, lang: UiLang) {
        let group_of = |card: &MeetingCard| card.date.map(|d| (d.year(), d.month()));
        let mut last: Option<Option<(i32, u32)>> = from
            .checked_sub(1)
            .and_then(|i| timeline.cards.get(i))
            .map(group_of);
        for (i, card) in timeline.cards.iter().enumerate().skip(from) {
            let group = group_of(card);
            if last != Some(group) {
                let label = match (group, card.precision) {
                    (None, _) => tr(lang, "Undated").to_owned(),
                    (Some((y, _)), DatePrecision::Year) => y.to_string(),
                    (Some((y, m)), _) => month_year(lang, y, m),
                };
                self.rows.push(Row::Header(label));
                last = Some(group);
            }
            self.rows.push(Row::Card(i));
        }
    }

    /// Recomputes row tops from the row heights (O(rows): after a resize or a measured card).
    fn rebuild_offsets(&mut self) {
        self.offsets.clear();
        let mut y = 0.0;
        for h in &self.heights {
            self.offsets.push(y);
            y += h;
        }
        self.offsets.push(y);
        self.offsets_stale = false;
    }

    /// Estimates every row's height for `width` (see [`card_height`]).
    fn estimate_heights(&mut self, cards: &[MeetingCard], width: f32) {
        self.rows_width = width;
        self.heights = self
            .rows
            .iter()
            .map(|r| match r {
                Row::Header(_) => HEADER_H,
                Row::Card(i) => card_height(&cards[*i], width),
            })
            .collect();
        self.rebuild_offsets();
    }

    /// Draws the order toggles, the overview strip and the list (only the rows in view). The
    /// order and topic chips change `filter` in place; returns the card clicked, to open.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        view: &TimelineView<'_>,
        overview: &mut Overview,
        filter: &mut Filter,
    ) -> Option<usize> {
        let (timeline, lang) = (view.timeline, view.lang);
        let t = |k: &'static str| tr(lang, k);
        row_ui(ui, lang.rtl(), |ui| {
            let mut order = filter.order;
            if widgets::toggle(ui, order == Order::NewestFirst, t("Newest first")).clicked() {
                order = Order::NewestFirst;
            }
            if widgets::toggle(ui, order == Order::OldestFirst, t("Oldest first")).clicked() {
                order = Order::OldestFirst;
            }
            filter.order = order;
            widgets::label(
                ui,
                &format!(
                    "{} {} {}",
                    count(lang, timeline.matching, Noun::Meeting),
                    t("of"),
                    timeline.total
                ),
            );
            if view.loading {
                widgets::loading(ui, lang);
            }
        });
        // The overview strip: a click scrolls the list to the nearest meeting of that month.
        if !overview.is_empty() {
            if let Some(month) = overview.show(ui, lang) {
                self.jump = Some(month);
            }
            ui.add_space(4.0);
        }
        ui.separator();
        if timeline.cards.is_empty() {
            if view.loading {
                return None; // The spinner above says it: no "No meetings yet" before the answer.
            }
            ui.with_layout(column_layout(lang), |ui| {
                // An empty archive is not a filter that matches nothing: say what to do.
                let empty = timeline.total == 0;
                widgets::label(
                    ui,
                    t(if empty {
                        "No meetings yet: import articles (Import…, Ctrl+I, or drop files here)."
                    } else {
                        "No meeting matches this filter."
                    }),
                );
            });
            return None;
        }
        self.list(ui, view, filter)
    }

    /// The scrolled list: lays out only the rows that intersect the viewport, measuring each
    /// card it draws.
    fn list(&mut self, ui: &mut Ui, view: &TimelineView<'_>, filter: &mut Filter) -> Option<usize> {
        let scroll_target = if self.scroll_to_cursor {
            self.scroll_to_cursor = false;
            self.cursor
                .and_then(|c| self.rows.iter().position(|r| *r == Row::Card(c)))
        } else {
            None
        };
        let mut clicked: Option<usize> = None;
        if view.loading {
            ui.multiply_opacity(0.55);
        }
        egui::ScrollArea::vertical()
            .id_salt("arshif-timeline")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let width = ui.available_width();
                if (width - self.rows_width).abs() > 1.0 {
                    self.estimate_heights(&view.timeline.cards, width);
                }
                let total_h = self.offsets.last().copied().unwrap_or(0.0);
                ui.set_height(total_h);
                let origin = ui.min_rect().min;
                if let Some(row) = scroll_target {
                    let r = Rect::from_min_size(
                        origin + Vec2::new(0.0, self.offsets[row]),
                        Vec2::new(width, self.heights[row]),
                    );
                    ui.scroll_to_rect(r, Some(Align::TOP));
                }
                let first = self
                    .offsets
                    .partition_point(|&y| y <= viewport.min.y)
                    .saturating_sub(1);
                for i in first..self.rows.len() {
                    let top = self.offsets[i];
                    if top > viewport.max.y {
                        break;
                    }
                    if i + MORE_WHEN_WITHIN >= self.rows.len() {
                        self.wants_more = true;
                    }
                    let rect = Rect::from_min_size(
                        origin + Vec2::new(0.0, top),
                        Vec2::new(width, self.heights[i]),
                    );
                    let builder = UiBuilder::new()
                        .max_rect(rect)
                        .layout(column_layout(view.lang));
                    ui.scope_builder(builder, |ui| match &self.rows[i] {
                        Row::Header(label) => {
                            ui.add_space(6.0);
                            widgets::heading(ui, label);
                        }
                        Row::Card(idx) => {
                            let idx = *idx;
                            let card = &view.timeline.cards[idx];
                            let state = CardState {
                                selected: self.cursor == Some(idx),
                                open: view.open == Some(card.id),
                                other_open: view.open.is_some_and(|o| o != card.id),
                            };
                            let out = card::ui(ui, card, state, filter, view.lang);
                            if out.clicked {
                                clicked = Some(idx);
                            }
                            if let Some(choice) = out.menu {
                                self.link = Some(link_request(choice, card.id, view.open));
                            }
                            if (out.height - self.heights[i]).abs() > 0.5 {
                                self.heights[i] = out.height;
                                self.offsets_stale = true;
                            }
                        }
                    });
                }
            });
        if self.offsets_stale {
            self.rebuild_offsets();
            ui.ctx().request_repaint();
        }
        clicked
    }
}
