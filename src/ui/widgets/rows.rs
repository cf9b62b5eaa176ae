//! Rows and columns that follow the UI's reading direction.

use eframe::egui::{Align, Layout, Ui, Vec2};

use crate::ui::bidi::Direction;
use crate::ui::i18n::UiLang;

/// A one-row horizontal strip in reading direction (right to left for the Arabic UI) that takes
/// only one row's height (unlike `with_layout`, which would take all the remaining height).
pub fn row_ui<R>(ui: &mut Ui, rtl: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    let layout = if rtl {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    let size = Vec2::new(ui.available_width(), ui.spacing().interact_size.y);
    ui.allocate_ui_with_layout(size, layout, add).inner
}

/// A strip of buttons in reading direction that wraps onto more rows when it is too wide.
pub fn wrapped_row<R>(ui: &mut Ui, rtl: bool, add: impl FnOnce(&mut Ui) -> R) -> R {
    let layout = if rtl {
        Layout::right_to_left(Align::Min)
    } else {
        Layout::left_to_right(Align::Min)
    }
    .with_main_wrap(true);
    ui.allocate_ui_with_layout(Vec2::new(ui.available_width(), 0.0), layout, add)
        .inner
}

/// A top-down column aligned to the reading side (right for the Arabic UI).
pub fn column_layout(lang: UiLang) -> Layout {
    if lang.rtl() {
        Layout::top_down(Align::Max)
    } else {
        Layout::top_down(Align::Min)
    }
}

/// The base direction of text in `lang`'s UI.
pub fn direction(lang: UiLang) -> Direction {
    if lang.rtl() {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}
