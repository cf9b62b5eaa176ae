//! Language detection for ar/en/it (OWNER: text agent; stub).

use crate::model::Lang;

/// Detects the main language of `text`.
pub fn detect(text: &str) -> Lang {
    if text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        Lang::Ar
    } else {
        Lang::Other
    }
}
