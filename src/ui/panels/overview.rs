//! The overview strip above the timeline: how many of the filtered meetings fall in each month,
//! as bars over time, with year (or, zoomed in, month) ticks.
//!
//! - The bins are computed once per timeline refresh ([`Overview::rebuild`], O(meetings)), never
//!   per frame; a frame draws at most one bar per visible month.
//! - Scroll wheel or pinch zooms around the pointer, dragging pans, a click returns the month
//!   under the pointer ([`Overview::show`]) and [`Overview::nearest_card`] says which card of the
//!   timeline to scroll to.
//! - In the Arabic UI time runs right to left (the newest month at the left), as the mirrored
//!   layout reads.

use chrono::{Datelike, NaiveDate};
use eframe::egui::{self, Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2};

use crate::ui::i18n::{UiLang, month_year};
use crate::ui::model::MeetingCard;

/// Months are counted from year 0: `year * 12 + month - 1`.
pub fn month_index(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// The first day of month `index` (see [`month_index`]).
pub fn month_start(index: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
}

/// Height of the strip in points.
pub const HEIGHT: f32 = 64.0;

/// The density of the filtered meetings over time and the strip's zoom/pan state.
#[derive(Clone, Debug, Default)]
pub struct Overview {
    /// Month index of the first bin.
    first: i32,
    /// Meetings per month from `first` on.
    counts: Vec<u32>,
    /// Largest entry of `counts`.
    max: u32,
    /// (month index, card index) of every dated card, sorted by month then card index.
    cards: Vec<(i32, usize)>,
    /// The visible span in fractional month indices (`lo < hi`), `None` for everything.
    view: Option<(f64, f64)>,
    /// The bins are years (each of a year's months holds the year's count): not every card is
    /// loaded, so the strip counts the filter's `per_year` instead ([`Self::use_years`]).
    years: bool,
}

impl Overview {
    /// Recomputes the bins from the timeline's cards (call when the timeline changes). Keeps the
    /// zoom when the new data still covers it.
    pub fn rebuild(&mut self, cards: &[MeetingCard]) {
        self.cards = cards
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.date.map(|d| (month_index(d), i)))
            .collect();
        self.cards.sort_unstable();
        let (Some(&(lo, _)), Some(&(hi, _))) = (self.cards.first(), self.cards.last()) else {
            *self = Overview::default();
            return;
        };
        self.first = lo;
        self.counts = vec![0; (hi - lo + 1) as usize];
        for &(m, _) in &self.cards {
            self.counts[(m - lo) as usize] += 1;
        }
        self.max = self.counts.iter().copied().max().unwrap_or(0);
        self.years = false;
        self.keep_view(lo, hi);
    }

    /// Drops the zoom when months `lo..=hi` no longer cover it.
    fn keep_view(&mut self, lo: i32, hi: i32) {
        if let Some((a, b)) = self.view
            && (b < lo as f64 || a > (hi + 1) as f64)
        {
            self.view = None;
        }
    }

    /// Counts years instead (`per_year`: (year, meetings) of every dated meeting the filter
    /// selects, by year), for a timeline whose cards are not all loaded: the strip spans all of
    /// them, each year one bar; [`Self::nearest_card`] still finds loaded cards only.
    pub fn use_years(&mut self, per_year: &[(i32, usize)]) {
        let (Some(&(lo, _)), Some(&(hi, _))) = (per_year.first(), per_year.last()) else {
            return;
        };
        self.first = lo * 12;
        self.counts = vec![0; ((hi - lo + 1) * 12) as usize];
        for &(y, n) in per_year {
            let at = ((y - lo) * 12) as usize;
            self.counts[at..at + 12].fill(n.min(u32::MAX as usize) as u32);
        }
        self.max = self.counts.iter().copied().max().unwrap_or(0);
        self.years = true;
        self.keep_view(lo * 12, hi * 12 + 11);
    }

    /// Meetings in month `index` (0 outside the data).
    pub fn count(&self, index: i32) -> u32 {
        usize::try_from(index - self.first)
            .ok()
            .and_then(|i| self.counts.get(i))
            .copied()
            .unwrap_or(0)
    }

    /// True when no dated meeting is counted.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The whole data span in fractional months, with half a month of margin each side.
    fn full(&self) -> (f64, f64) {
        let lo = self.first as f64;
        let hi = (self.first + self.counts.len() as i32) as f64;
        // At least a year wide, so one month is not one huge bar.
        let pad = ((12.0 - (hi - lo)) / 2.0).max(0.5);
        (lo - pad, hi + pad)
    }

    /// The visible span in fractional months.
    pub fn view(&self) -> (f64, f64) {
        self.view.unwrap_or_else(|| self.full())
    }

    /// Zooms by `factor` (> 1 zooms in) keeping month `at` under the same point.
    pub fn zoom(&mut self, factor: f64, at: f64) {
        let (lo, hi) = self.view();
        let (flo, fhi) = self.full();
        let span = ((hi - lo) / factor).clamp(3.0, (fhi - flo).max(3.0));
        let t = ((at - lo) / (hi - lo)).clamp(0.0, 1.0);
        let new_lo = at - t * span;
        self.set_view(new_lo, new_lo + span);
    }

    /// Moves the view by `months` (positive: later).
    pub fn pan(&mut self, months: f64) {
        let (lo, hi) = self.view();
        self.set_view(lo + months, hi + months);
    }

    fn set_view(&mut self, lo: f64, hi: f64) {
        let (flo, fhi) = self.full();
        let span = (hi - lo).min(fhi - flo);
        let lo = lo.clamp(flo, fhi - span);
        self.view = if (span - (fhi - flo)).abs() < 1e-6 {
            None
        } else {
            Some((lo, lo + span))
        };
    }

    /// The card (index into the timeline's cards) nearest in time to month `index`: a card of
    /// that month if there is one, else of the closest month with meetings (the earlier on a tie).
    pub fn nearest_card(&self, index: i32) -> Option<usize> {
        if self.cards.is_empty() {
            return None;
        }
        let pos = self.cards.partition_point(|&(m, _)| m < index);
        let after = self.cards.get(pos);
        let before = pos.checked_sub(1).and_then(|p| self.cards.get(p));
        let pick = match (before, after) {
            (_, Some(&(m, i))) if m == index => (m, i),
            (Some(&(bm, _)), Some(&(am, ai))) if am - index < index - bm => (am, ai),
            (Some(&(bm, _)), _) => {
                // The first card of that month (cards are sorted by card index within a month).
                let first = self.cards.partition_point(|&(m, _)| m < bm);
                self.cards[first]
            }
            (None, Some(&(m, i))) => (m, i),
            (None, None) => return None,
        };
        // Among the cards of the chosen month, the one listed first.
        let month = pick.0;
        self.cards
            .iter()
            .filter(|(m, _)| *m == month)
            .map(|&(_, i)| i)
            .min()
    }

    /// Draws the strip across the available width; handles zoom, pan and click. Returns the
    /// month index clicked, if any. `rtl`: time runs right to left.
    pub fn show(&mut self, ui: &mut Ui, lang: UiLang) -> Option<i32> {
        let rtl = lang.rtl();
        let size = Vec2::new(ui.available_width(), HEIGHT);
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, "Overview"));
        if self.is_empty() {
            return None;
        }
        let (lo, hi) = self.view();
        let width = rect.width().max(1.0) as f64;
        // x of a fractional month, and back.
        let x_of = |m: f64| -> f32 {
            let t = ((m - lo) / (hi - lo)) as f32;
            if rtl {
                rect.right() - t * rect.width()
            } else {
                rect.left() + t * rect.width()
            }
        };
        let month_at = |x: f32| -> f64 {
            let t = ((x - rect.left()) / rect.width()) as f64;
            let t = if rtl { 1.0 - t } else { t };
            lo + t * (hi - lo)
        };

        // Zoom (wheel or pinch) and pan (drag) while the pointer is over the strip.
        if response.hovered()
            && let Some(pos) = ui.input(|i| i.pointer.hover_pos())
        {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
            let wheel = scroll.y + scroll.x;
            let factor = if (zoom - 1.0).abs() > 1e-3 {
                zoom as f64
            } else if wheel.abs() > 0.1 {
                (wheel as f64 / 200.0).exp()
            } else {
                1.0
            };
            if (factor - 1.0).abs() > 1e-6 {
                self.zoom(factor, month_at(pos.x));
                ui.ctx().request_repaint();
            }
        }
        if response.dragged() {
            let dx = response.drag_delta().x as f64;
            let months = -dx / width * (hi - lo);
            self.pan(if rtl { -months } else { months });
        }
        let clicked = if response.clicked() {
            response
                .interact_pointer_pos()
                .map(|p| month_at(p.x).floor() as i32)
        } else {
            None
        };

        let (lo, hi) = self.view();
        let painter = ui.painter_at(rect);
        let visuals = ui.visuals();
        painter.rect_filled(rect, 4.0, visuals.extreme_bg_color);
        let bars = rect
            .with_max_y(rect.bottom() - 16.0)
            .shrink2(Vec2::new(0.0, 4.0));
        let bar_color = visuals.selection.bg_fill;
        let first = lo.floor() as i32;
        let last = hi.ceil() as i32;
        let max = self.max.max(1) as f32;
        for m in first..=last {
            let n = self.count(m);
            if n == 0 {
                continue;
            }
            let (a, b) = (x_of(m as f64), x_of(m as f64 + 1.0));
            let (l, r) = (a.min(b), a.max(b));
            let h = (n as f32 / max).sqrt() * bars.height();
            let bar = Rect::from_min_max(
                Pos2::new(l + 0.5, bars.bottom() - h.max(2.0)),
                Pos2::new((r - 0.5).max(l + 1.5), bars.bottom()),
            );
            painter.rect_filled(bar, 1.0, bar_color);
        }
        // Ticks: years, or months when fewer than three years are visible.
        let font = FontId::proportional(11.0);
        let weak = visuals.weak_text_color();
        let axis_y = rect.bottom() - 15.0;
        painter.line_segment(
            [
                Pos2::new(rect.left(), axis_y),
                Pos2::new(rect.right(), axis_y),
            ],
            Stroke::new(1.0, weak.gamma_multiply(0.5)),
        );
        let months_visible = hi - lo;
        let px_per_month = rect.width() as f64 / months_visible;
        if months_visible <= 36.0 {
            let step = (70.0 / px_per_month).ceil().max(1.0) as i32;
            for m in first..=last {
                if m.rem_euclid(step) != 0 {
                    continue;
                }
                tick(
                    &painter,
                    x_of(m as f64),
                    axis_y,
                    &month_label(lang, m),
                    &font,
                    weak,
                );
            }
        } else {
            let px_per_year = px_per_month * 12.0;
            let step = (50.0 / px_per_year).ceil().max(1.0) as i32;
            for y in first.div_euclid(12)..=last.div_euclid(12) + 1 {
                if y.rem_euclid(step) != 0 {
                    continue;
                }
                let x = x_of((y * 12) as f64);
                if x < rect.left() || x > rect.right() {
                    continue;
                }
                tick(&painter, x, axis_y, &y.to_string(), &font, weak);
            }
        }
        if let Some(pos) = response.hover_pos() {
            let m = month_at(pos.x).floor() as i32;
            let n = self.count(m);
            let when = if self.years {
                m.div_euclid(12).to_string()
            } else {
                month_label(lang, m)
            };
            response.clone().on_hover_text(format!(
                "{}: {}",
                when,
                crate::ui::i18n::count(lang, n as usize, crate::ui::i18n::Noun::Meeting)
            ));
        }
        clicked
    }
}

/// The date-range section's histogram: one bar per year with meetings (`per_year`: (year,
/// meetings), by year), the selected year (if the range is exactly one year) highlighted. Each bar
/// is a button named "2021: 2 meetings" (accessible name). Returns the year clicked. Years run
/// right to left in the Arabic UI.
pub fn year_histogram(
    ui: &mut Ui,
    per_year: &[(i32, usize)],
    lang: UiLang,
    selected: Option<i32>,
) -> Option<i32> {
    let (Some(&(first, _)), Some(&(last, _))) = (per_year.first(), per_year.last()) else {
        return None;
    };
    let years = (last - first + 1).max(1) as usize;
    let height = 48.0;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(ui.available_width(), height), Sense::hover());
    let max = per_year.iter().map(|&(_, n)| n).max().unwrap_or(1).max(1) as f32;
    let slot = rect.width() / years as f32;
    let bars = rect.with_max_y(rect.bottom() - 14.0);
    let visuals = ui.visuals().clone();
    let font = FontId::proportional(10.0);
    let mut clicked = None;
    let label_every = ((34.0 / slot).ceil() as i32).max(1);
    for &(year, n) in per_year {
        let i = (year - first) as f32;
        let x0 = if lang.rtl() {
            rect.right() - (i + 1.0) * slot
        } else {
            rect.left() + i * slot
        };
        let slot_rect = Rect::from_min_max(
            Pos2::new(x0, rect.top()),
            Pos2::new(x0 + slot, rect.bottom()),
        );
        let name = format!(
            "{year}: {}",
            crate::ui::i18n::count(lang, n, crate::ui::i18n::Noun::Meeting)
        );
        let resp = ui.interact(
            slot_rect,
            ui.scope_id().with(("year-bar", year)),
            Sense::click(),
        );
        let is_selected = selected == Some(year);
        resp.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::Button, true, is_selected, &name)
        });
        let h = (n as f32 / max) * (bars.height() - 2.0);
        let bar = Rect::from_min_max(
            Pos2::new(x0 + slot * 0.15, bars.bottom() - h.max(2.0)),
            Pos2::new(x0 + slot * 0.85, bars.bottom()),
        );
        let color = if is_selected || resp.hovered() {
            visuals.selection.stroke.color
        } else {
            visuals.selection.bg_fill
        };
        ui.painter().rect_filled(bar, 1.0, color);
        if (year - first) % label_every == 0 || years == 1 {
            ui.painter().text(
                Pos2::new(x0 + slot / 2.0, rect.bottom() - 1.0),
                Align2::CENTER_BOTTOM,
                year.to_string(),
                font.clone(),
                visuals.weak_text_color(),
            );
        }
        let resp = resp.on_hover_text(name.clone());
        if resp.clicked() {
            clicked = Some(year);
        }
    }
    clicked
}

fn month_label(lang: UiLang, m: i32) -> String {
    month_year(lang, m.div_euclid(12), m.rem_euclid(12) as u32 + 1)
}

fn tick(painter: &egui::Painter, x: f32, y: f32, label: &str, font: &FontId, color: Color32) {
    painter.line_segment(
        [Pos2::new(x, y - 4.0), Pos2::new(x, y + 3.0)],
        Stroke::new(1.0, color),
    );
    // Through the bidi layout: «أبريل 2021» reads right to left with its digits in order.
    let style =
        crate::ui::bidi::BidiStyle::new(font.clone(), color, crate::ui::bidi::Direction::Ltr);
    let galley = crate::ui::bidi::galley(painter.ctx(), label, &style, f32::INFINITY);
    let pos = Pos2::new(x - galley.size().x / 2.0, y + 2.0);
    painter.galley(pos, galley, color);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatePrecision, MeetingKind, MeetingStatus};

    fn card(id: u64, date: Option<(i32, u32, u32)>) -> MeetingCard {
        MeetingCard {
            id,
            date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            precision: DatePrecision::Day,
            place: String::new(),
            place_ar: String::new(),
            kind: MeetingKind::Consult,
            status: MeetingStatus::Held,
            libyan: Vec::new(),
            european: Vec::new(),
            topics: Vec::new(),
            topics_ar: Vec::new(),
            topic_keys: Vec::new(),
            reports: 1,
        }
    }

    #[test]
    fn bins_count_meetings_per_month_and_find_the_nearest_card() {
        // Newest first, as the timeline lists them; one undated.
        let cards = vec![
            card(1, Some((2022, 1, 5))),
            card(2, Some((2021, 4, 19))),
            card(3, Some((2021, 4, 19))),
            card(4, Some((2020, 11, 2))),
            card(5, None),
        ];
        let mut o = Overview::default();
        o.rebuild(&cards);
        let apr21 = month_index(NaiveDate::from_ymd_opt(2021, 4, 1).unwrap());
        assert_eq!(o.count(apr21), 2);
        assert_eq!(o.count(apr21 + 1), 0);
        assert_eq!(o.count(apr21 + 9), 1);
        assert_eq!(o.nearest_card(apr21), Some(1));
        // June 2021: April (2 months back) is nearer than January 2022 (7 ahead).
        assert_eq!(o.nearest_card(apr21 + 2), Some(1));
        assert_eq!(o.nearest_card(apr21 + 8), Some(0));
        assert_eq!(o.nearest_card(apr21 - 100), Some(3));
        assert_eq!(month_start(apr21), NaiveDate::from_ymd_opt(2021, 4, 1));
    }

    #[test]
    fn zoom_keeps_the_month_under_the_pointer_and_pan_stays_in_range() {
        let cards: Vec<MeetingCard> = (0..10)
            .map(|i| card(i, Some((2011 + i as i32, 6, 1))))
            .collect();
        let mut o = Overview::default();
        o.rebuild(&cards);
        let (lo, hi) = o.view();
        let at = lo + (hi - lo) * 0.25;
        o.zoom(4.0, at);
        let (zlo, zhi) = o.view();
        assert!(((zhi - zlo) - (hi - lo) / 4.0).abs() < 1e-6);
        assert!(((at - zlo) / (zhi - zlo) - 0.25).abs() < 1e-6);
        o.pan(-1_000.0);
        assert!((o.view().0 - lo).abs() < 1e-6, "clamped at the start");
        o.zoom(0.001, at);
        assert_eq!(o.view(), (lo, hi), "zooming out stops at everything");
    }
}
