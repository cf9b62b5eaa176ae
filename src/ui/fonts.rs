//! Fonts: egui's bundled Latin fonts first, then Noto Sans Arabic (SIL OFL 1.1, `assets/fonts/OFL.txt`)
//! as a fallback for Arabic script. Noto Sans Arabic has no Latin letters nor `(`, so it must come after
//! the Latin font: each character is drawn by the first font in the chain that has it.

use std::sync::Arc;

use eframe::egui::{self, FontData, FontDefinitions, FontFamily};

/// Noto Sans Arabic Regular, from Debian's fonts-noto-core (244 KB).
pub const NOTO_SANS_ARABIC: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");

/// The name under which the Arabic font is registered in [`FontDefinitions::font_data`].
pub const ARABIC_FONT_NAME: &str = "NotoSansArabic-Regular";

/// egui's default fonts with Noto Sans Arabic appended to the proportional and monospace families.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        ARABIC_FONT_NAME.to_owned(),
        Arc::new(FontData::from_static(NOTO_SANS_ARABIC)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        defs.families
            .entry(family)
            .or_default()
            .push(ARABIC_FONT_NAME.to_owned());
    }
    defs
}

/// Installs [`definitions`] in `ctx` (takes effect at the start of the next pass).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
