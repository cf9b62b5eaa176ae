//! The small coloured status badge of a card.

use eframe::egui::{self, Color32, FontId, Sense, Ui, Vec2};

use crate::ui::bidi::{self, BidiStyle};
use crate::ui::widgets;

/// A small coloured badge ("Announced", «مُعلن عنه») with `text` as its accessible name.
pub fn status_badge(ui: &mut Ui, text: &str, color: Color32) {
    let style = BidiStyle::new(FontId::proportional(12.0), color, widgets::ui_direction(ui));
    let galley = bidi::galley(ui.ctx(), text, &style, f32::INFINITY);
    let pad = Vec2::new(6.0, 2.0);
    let (rect, response) = ui.allocate_exact_size(galley.size() + 2.0 * pad, Sense::hover());
    ui.painter().rect(
        rect,
        8.0,
        color.gamma_multiply(0.15),
        egui::Stroke::new(1.0, color),
        egui::StrokeKind::Inside,
    );
    ui.painter().galley(rect.min + pad, galley, color);
    let owned = text.to_owned();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &owned));
}
