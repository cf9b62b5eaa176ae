//! Labels, buttons, toggles, headings and chips that show their text with [`crate::ui::bidi`]
//! (Arabic joined and right to left, Latin names and digits in place), each with its logical text
//! as its accessible name.

use eframe::egui::{self, Color32, Response, Sense, Ui, Vec2};

use crate::ui::bidi::{BidiStyle, Direction, first_strong_direction, galley, has_rtl};

/// The direction a label falls back to in this `ui`: right to left when the UI is laid out right to
/// left (Arabic UI).
pub fn ui_direction(ui: &Ui) -> Direction {
    if ui.layout().prefer_right_to_left() {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// A label that shows `text` correctly whatever its scripts: Arabic joined and right to left, Latin
/// names and digits in place. Wraps at the available width. Its accessible name is the logical text.
pub fn label(ui: &mut Ui, text: &str) -> Response {
    let style = BidiStyle::new(
        egui::TextStyle::Body.resolve(ui.style()),
        ui.visuals().text_color(),
        ui_direction(ui),
    );
    show(ui, text, &style, Sense::hover(), true)
}

/// Shows `text` with `style`: wrapped at the available width when `wrap`, else on one line per
/// paragraph (clipped by the parent). With `style.fill_width` the widget takes the whole available
/// width so right-to-left lines end at the right edge. The accessible name is the logical text.
pub fn show(ui: &mut Ui, text: &str, style: &BidiStyle, sense: Sense, wrap: bool) -> Response {
    let available = ui.available_width().max(1.0);
    let max_width = if wrap { available } else { f32::INFINITY };
    let galley = galley(ui.ctx(), text, style, max_width);
    // Never take more than the available width: an unwrapped line that is too long is clipped
    // (at its end: the left side for right-to-left text) instead of widening the parent.
    let width = if style.fill_width {
        available
    } else {
        galley.size().x.min(available)
    };
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, galley.size().y), sense);
    if ui.is_rect_visible(rect) {
        let overflow = galley.size().x - rect.width();
        let rtl = if style.force_base {
            style.fallback == Direction::Rtl
        } else {
            first_strong_direction(text).unwrap_or(style.fallback) == Direction::Rtl
        };
        let pos = if overflow > 0.0 && rtl {
            rect.min - Vec2::new(overflow, 0.0)
        } else {
            rect.min
        };
        ui.painter_at(rect)
            .galley(pos, galley, ui.visuals().text_color());
    }
    let owned = text.to_owned();
    let enabled = ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, enabled, &owned));
    response
}

/// A selectable chip/row label on one line: `text` shown with bidi, a selection background,
/// clickable, accessible by `text` (logical order).
pub fn selectable(ui: &mut Ui, selected: bool, text: &str) -> Response {
    let style = BidiStyle::new(
        egui::TextStyle::Button.resolve(ui.style()),
        if selected {
            ui.visuals().selection.stroke.color
        } else {
            ui.visuals().text_color()
        },
        ui_direction(ui),
    );
    let padding = ui.spacing().button_padding;
    // Chips and facet rows stay on one line (a row of chips is clipped, not re-wrapped).
    let galley = galley(ui.ctx(), text, &style, f32::INFINITY);
    let size = galley.size() + 2.0 * padding;
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() || response.has_focus() {
            ui.painter().rect(
                rect,
                visuals.corner_radius,
                visuals.weak_bg_fill,
                visuals.bg_stroke,
                egui::StrokeKind::Inside,
            );
        }
        ui.painter()
            .galley(rect.min + padding, galley, visuals.text_color());
    }
    let owned = text.to_owned();
    let enabled = ui.is_enabled();
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, enabled, selected, &owned));
    response
}

/// `text` as a [`egui::WidgetText`] for egui's own widgets (buttons, toggles, headings): a bidi
/// galley on one line when it holds right-to-left letters, plain text otherwise. The galley's colour
/// is [`Color32::PLACEHOLDER`], so the widget still paints it in its own (hover, selected) colour.
///
/// A widget built from such a galley would report the *visual* string as its accessible name; use
/// [`button`], [`toggle`] and [`heading`], which put the logical text back.
pub fn widget_text(ui: &Ui, text: &str, text_style: egui::TextStyle) -> egui::WidgetText {
    if !has_rtl(text) {
        return egui::RichText::new(text).text_style(text_style).into();
    }
    let style = BidiStyle::new(
        text_style.resolve(ui.style()),
        Color32::PLACEHOLDER,
        ui_direction(ui),
    );
    egui::WidgetText::Galley(galley(ui.ctx(), text, &style, f32::INFINITY))
}

/// A button showing `text` with bidi; accessible name `text`.
pub fn button(ui: &mut Ui, text: &str) -> Response {
    button_enabled(ui, true, text)
}

/// [`button`], greyed out and inert unless `enabled`.
pub fn button_enabled(ui: &mut Ui, enabled: bool, text: &str) -> Response {
    let wt = widget_text(ui, text, egui::TextStyle::Button);
    let r = ui.add_enabled(enabled, egui::Button::new(wt));
    let owned = text.to_owned();
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &owned));
    r
}

/// A toggle (selectable button) showing `text` with bidi; accessible name `text`.
pub fn toggle(ui: &mut Ui, selected: bool, text: &str) -> Response {
    let wt = widget_text(ui, text, egui::TextStyle::Button);
    let r = ui.add(egui::Button::selectable(selected, wt));
    let owned = text.to_owned();
    let enabled = ui.is_enabled();
    r.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, enabled, selected, &owned));
    r
}

/// A heading showing `text` with bidi; accessible name `text`.
pub fn heading(ui: &mut Ui, text: &str) -> Response {
    let style = BidiStyle::new(
        egui::TextStyle::Heading.resolve(ui.style()),
        ui.visuals().strong_text_color(),
        ui_direction(ui),
    );
    show(ui, text, &style, Sense::hover(), false)
}

/// A one-line label in `color` (e.g. weak or warning text) with bidi.
pub fn colored(ui: &mut Ui, text: &str, color: Color32) -> Response {
    let style = BidiStyle::new(
        egui::TextStyle::Body.resolve(ui.style()),
        color,
        ui_direction(ui),
    );
    show(ui, text, &style, Sense::hover(), false)
}

/// A spinner and "Loading…" in the UI language, in reading direction: results are being read
/// on the reads thread (what is shown beside it is the previous result). The spinner asks for
/// the frames of its own animation.
pub fn loading(ui: &mut Ui, lang: crate::ui::i18n::UiLang) -> Response {
    let text = crate::ui::i18n::tr(lang, "Loading…");
    crate::ui::widgets::row_ui(ui, lang.rtl(), |ui| {
        ui.add(egui::Spinner::new().size(14.0));
        colored(ui, text, ui.visuals().weak_text_color())
    })
}
