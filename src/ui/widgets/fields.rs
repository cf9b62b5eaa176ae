//! Text fields and buttons with accessible names (screen readers, kittest queries) and bidi text.

use eframe::egui::{self, FontId, Response, Sense, Ui};

use crate::ui::bidi::{self, BidiStyle, Direction};
use crate::ui::i18n::UiLang;
use crate::ui::widgets;

/// Gives a text field an accessible name (screen readers, kittest queries) without a visible label.
pub fn accessible_name(ui: &Ui, id: egui::Id, name: &str) {
    ui.ctx()
        .accesskit_node_builder(id, |node| node.set_label(name));
}

/// A search field with a bidi hint and an accessible name; what is typed in Arabic is shown
/// again below it, correctly ordered (egui's text field has no bidi).
pub fn search_field(ui: &mut Ui, lang: UiLang, text: &mut String, name: &str, hint: &str) {
    let hint = widgets::widget_text(ui, hint, egui::TextStyle::Body);
    let resp = ui.add(
        egui::TextEdit::singleline(text)
            .hint_text(hint)
            .desired_width(f32::INFINITY)
            .id(egui::Id::unique(("arshif-edit-search", name))),
    );
    accessible_name(ui, resp.id, name);
    echo(ui, lang, text);
}

/// Shows Arabic typed into a text field once more, in reading order (weak colour); nothing for
/// text without right-to-left letters.
pub fn echo(ui: &mut Ui, lang: UiLang, text: &str) {
    if !bidi::has_rtl(text) {
        return;
    }
    let style = BidiStyle::new(
        FontId::proportional(13.0),
        ui.visuals().weak_text_color(),
        if lang.rtl() {
            Direction::Rtl
        } else {
            Direction::Ltr
        },
    );
    widgets::show(ui, &format!("«{text}»"), &style, Sense::hover(), false);
}

/// A button showing `text` with bidi whose accessible name is `name` (several buttons share a
/// text, such as "Remove", but not a name, such as "Remove Khaled Mazen").
pub fn button_as(ui: &mut Ui, enabled: bool, text: &str, name: &str) -> Response {
    let wt = widgets::widget_text(ui, text, egui::TextStyle::Button);
    let r = ui.add_enabled(enabled, egui::Button::new(wt));
    let owned = name.to_owned();
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, enabled, &owned));
    r
}
