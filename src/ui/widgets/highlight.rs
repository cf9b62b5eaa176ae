//! The reader's highlights: coloured backgrounds by kind, and a click target over each one's
//! glyphs, found from an invisible tag in the glyphs' colour.

use eframe::egui::{self, Color32, FontId, Rect, TextFormat};

use crate::ui::model::HighlightKind;

/// The text format of highlight number `index` of a paragraph: a background by kind, and the
/// strong text colour with `index` in its three low bits per channel (invisible), so the laid-out
/// glyphs tell which highlight they belong to ([`highlight_rects`]).
pub fn highlight_format(visuals: &egui::Visuals, kind: HighlightKind, index: usize) -> TextFormat {
    let base = visuals.strong_text_color();
    let i = (index + 1) as u8;
    let color = Color32::from_rgb(
        (base.r() & !7) | (i & 7),
        (base.g() & !7) | ((i >> 3) & 7),
        (base.b() & !7) | ((i >> 6) & 3),
    );
    let background = match kind {
        HighlightKind::Name => visuals.selection.bg_fill.linear_multiply(0.6),
        HighlightKind::Place => Color32::from_rgba_unmultiplied(60, 170, 90, 70),
        HighlightKind::Date => Color32::from_rgba_unmultiplied(230, 160, 40, 80),
        HighlightKind::Topic => Color32::from_rgba_unmultiplied(150, 110, 220, 50),
    };
    TextFormat {
        font_id: FontId::proportional(17.0),
        color,
        background,
        ..Default::default()
    }
}

/// Where each of a paragraph's `n` highlights is drawn: the union of its glyphs on the first row
/// they appear on, from the colour [`highlight_format`] gave them (`origin`: the galley's
/// position on screen).
pub fn highlight_rects(galley: &egui::Galley, origin: egui::Pos2, n: usize) -> Vec<Option<Rect>> {
    let mut rects: Vec<Option<(f32, Rect)>> = vec![None; n];
    for placed in &galley.rows {
        let row = &placed.row;
        for glyph in &row.glyphs {
            if glyph.chr.is_whitespace() {
                continue;
            }
            let Some(v) = row.visuals.mesh.vertices.get(glyph.first_vertex as usize) else {
                continue;
            };
            let c = v.color;
            let i = (c.r() & 7) as usize
                | (((c.g() & 7) as usize) << 3)
                | (((c.b() & 3) as usize) << 6);
            if i == 0 || i > n {
                continue;
            }
            let r = glyph
                .logical_rect()
                .translate(placed.pos.to_vec2() + origin.to_vec2());
            let slot = &mut rects[i - 1];
            match slot {
                Some((y, rect)) if (*y - placed.pos.y).abs() < 0.5 => *rect = rect.union(r),
                Some(_) => {}
                None => *slot = Some((placed.pos.y, r)),
            }
        }
    }
    rects.into_iter().map(|r| r.map(|(_, r)| r)).collect()
}
