//! Small widgets every panel shares: labels, buttons and chips with bidi text, rows in reading
//! direction, accessible names, fields that echo Arabic, the status badge and the reader's click-through highlights.
//!
//! They know nothing of the app or the archive (no `ArshifApp`, no worker): panels and the edit
//! panel call down into them, never the reverse.

pub mod badge;
pub mod fields;
pub mod highlight;
pub mod labels;
pub mod rows;

pub use badge::status_badge;
pub use fields::{accessible_name, button_as, echo, search_field};
pub use highlight::{highlight_format, highlight_rects};
pub use labels::{
    button, button_enabled, colored, heading, label, loading, selectable, show, toggle,
    ui_direction, widget_text,
};
pub use rows::{column_layout, direction, row_ui, wrapped_row};
