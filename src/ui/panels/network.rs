//! Who met whom, drawn with egui's painter: officials as circles (sized by meetings, coloured by
//! side), pairs who met as lines (wider for more meetings), at the positions of
//! [`crate::pages::layout`] (deterministic: the same archive and filter give the same picture).
//! Drag to pan, scroll (or pinch) to zoom; labels show for the biggest nodes and the hovered
//! one, so 300 officials stay readable. A click on a node opens its page; on a line, lists the
//! meetings of that pair (buttons opening each in the reader). Read again when the filter or
//! the archive changes, never per frame, on its own thread (the previous picture stays, with a
//! spinner, until the new one is in).

use std::path::{Path, PathBuf};

use eframe::egui::{self, Color32, Pos2, Sense, Stroke, Ui, Vec2};

use super::Action;
use crate::model::{Filter, Side};
use crate::pages::{Network, PageRef};
use crate::ui::i18n::{UiLang, tr};
use crate::ui::reads::Background;
use crate::ui::widgets;
use crate::ui::widgets::wrapped_row;

/// The network as read off the UI thread (the error in words).
type NetworkRead = Result<Network, String>;

/// How many of the biggest nodes always show their label.
pub const LABELS_SHOWN: usize = 30;

/// The network view's state: what was read, the view transform, the selected pair.
#[derive(Default)]
pub struct NetworkPanel {
    loaded: Option<(Filter, PathBuf, Result<Network, String>)>,
    /// `loaded` is from before the archive changed (still shown until the new read is in).
    stale: bool,
    /// The network being read off the UI thread, for that filter and file.
    loading: Option<(Filter, PathBuf, Background<NetworkRead>)>,
    zoom: f32,
    pan: Vec2,
    /// The selected edge (index into the network's edges).
    selected: Option<usize>,
}

impl NetworkPanel {
    /// The archive changed: read the network again (the one shown stays until it is in).
    pub fn archive_changed(&mut self) {
        self.stale = true;
        self.loading = None;
    }

    /// True while the network is being read.
    pub fn loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Waits up to `timeout` for the read under way (tests and screenshots only); true when
    /// it arrived.
    pub fn wait(&mut self, timeout: std::time::Duration) -> bool {
        let Some((filter, path, read)) = self.loading.take() else {
            return false;
        };
        match read.wait(timeout) {
            Some(answer) => {
                self.arrived(filter, path, answer);
                true
            }
            None => {
                self.loading = Some((filter, path, read));
                false
            }
        }
    }

    fn arrived(&mut self, filter: Filter, path: PathBuf, net: Result<Network, String>) {
        // A new read's edges may differ: the selected pair's index means nothing there.
        self.selected = None;
        self.loaded = Some((filter, path, net));
        self.stale = false;
    }

    /// Draws the network under `filter`; returns the pages and meetings to open.
    pub fn ui(&mut self, ui: &mut Ui, path: &Path, filter: &Filter, lang: UiLang) -> Vec<Action> {
        let mut actions = Vec::new();
        if let Some((f, p, read)) = self.loading.take() {
            match read.poll() {
                Some(answer) => self.arrived(f, p, answer),
                None => self.loading = Some((f, p, read)),
            }
        }
        let shown = matches!(&self.loaded, Some((f, p, _)) if f == filter && p == path);
        let asked = matches!(&self.loading, Some((f, p, _)) if f == filter && p == path);
        if (!shown || self.stale) && !asked {
            // On its own thread and connection; a newer filter's read replaces an older one.
            let (file, wanted) = (path.to_path_buf(), filter.clone());
            let read = Background::spawn(ui.ctx(), move || {
                crate::store::Store::open(&file)
                    .map_err(|e| e.to_string())
                    .and_then(|s| crate::pages::network(&s, &wanted).map_err(|e| e.to_string()))
            });
            self.loading = Some((filter.clone(), path.to_path_buf(), read));
        }
        if self.loading.is_some() {
            widgets::loading(ui, lang);
        }
        if self.zoom <= 0.0 {
            self.zoom = 1.0;
        }
        let Some((_, _, read)) = &self.loaded else {
            return actions;
        };
        let net = match read {
            Ok(n) => n,
            Err(e) => {
                widgets::colored(ui, e, ui.visuals().error_fg_color);
                return actions;
            }
        };
        widgets::label(
            ui,
            &format!(
                "{}: {} · {}: {}",
                tr(lang, "Officials"),
                net.nodes.len(),
                tr(lang, "pairs who met"),
                net.edges.len()
            ),
        );
        if let Some(e) = self.selected.and_then(|i| net.edges.get(i)) {
            let (a, b) = (&net.nodes[e.a], &net.nodes[e.b]);
            let nm =
                |en: &str, ar: &str| if lang.rtl() && !ar.is_empty() { ar } else { en }.to_string();
            widgets::label(
                ui,
                &format!(
                    "{} — {} ({})",
                    nm(&a.name_en, &a.name_ar),
                    nm(&b.name_en, &b.name_ar),
                    e.count
                ),
            );
            wrapped_row(ui, lang.rtl(), |ui| {
                for id in &e.meeting_ids {
                    let text = format!("{} #{id}", tr(lang, "meeting"));
                    if widgets::button(ui, &text).clicked() {
                        actions.push(Action::OpenMeeting(*id as u64));
                    }
                }
            });
        }
        let size = ui.available_size().max(Vec2::new(200.0, 200.0));
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        if response.dragged() {
            self.pan += response.drag_delta();
        }
        if response.hovered() {
            let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = pinch * (1.0 + scroll / 400.0);
            if (factor - 1.0).abs() > 1e-3 {
                // Zoom about the pointer.
                if let Some(at) = response.hover_pos() {
                    let c = at - rect.center() - self.pan;
                    self.pan -= c * (factor - 1.0);
                }
                self.zoom = (self.zoom * factor).clamp(0.2, 20.0);
            }
        }
        let to_screen = |p: [f32; 2]| -> Pos2 {
            let x = if lang.rtl() { 1.0 - p[0] } else { p[0] };
            rect.center()
                + self.pan
                + Vec2::new((x - 0.5) * size.x, (p[1] - 0.5) * size.y) * self.zoom
        };
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
        let pts: Vec<Pos2> = net.positions.iter().map(|p| to_screen(*p)).collect();
        let radius = |m: i64| 3.0 + 2.0 * (m as f32).sqrt();
        let hover = response.hover_pos();
        let node_at = |at: Pos2| -> Option<usize> {
            (0..pts.len())
                .filter(|&i| pts[i].distance(at) <= radius(net.nodes[i].meetings) + 2.0)
                .min_by(|&a, &b| pts[a].distance(at).total_cmp(&pts[b].distance(at)))
        };
        let edge_at = |at: Pos2| -> Option<usize> {
            (0..net.edges.len())
                .map(|i| {
                    let e = &net.edges[i];
                    (i, segment_distance(at, pts[e.a], pts[e.b]))
                })
                .filter(|(_, d)| *d <= 4.0)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, _)| i)
        };
        let hovered_node = hover.and_then(node_at);
        let edge_color = ui.visuals().weak_text_color().gamma_multiply(0.6);
        for (i, e) in net.edges.iter().enumerate() {
            let w = 0.7 + (e.count as f32).ln() * 1.2;
            let color = if Some(i) == self.selected {
                ui.visuals().selection.stroke.color
            } else {
                edge_color
            };
            painter.line_segment([pts[e.a], pts[e.b]], Stroke::new(w, color));
        }
        let mut by_size: Vec<usize> = (0..net.nodes.len()).collect();
        by_size.sort_by(|&a, &b| {
            net.nodes[b]
                .meetings
                .cmp(&net.nodes[a].meetings)
                .then(a.cmp(&b))
        });
        let labelled: Vec<usize> = by_size.iter().take(LABELS_SHOWN).copied().collect();
        for (i, n) in net.nodes.iter().enumerate() {
            let color = match n.side {
                Side::Libya => Color32::from_rgb(0x2e, 0x8b, 0x57),
                Side::Europe => Color32::from_rgb(0x41, 0x69, 0xe1),
                Side::Other => Color32::from_rgb(0x99, 0x99, 0x99),
            };
            painter.circle_filled(pts[i], radius(n.meetings), color);
        }
        let selected_ends: Vec<usize> = self
            .selected
            .and_then(|i| net.edges.get(i))
            .map(|e| vec![e.a, e.b])
            .unwrap_or_default();
        // Labels biggest first, the hovered and selected ones before all; one that would cover
        // a label already drawn is left out.
        let mut order: Vec<usize> = hovered_node.into_iter().collect();
        order.extend(selected_ends.iter().copied());
        order.extend(labelled.iter().copied());
        let mut taken: Vec<egui::Rect> = Vec::new();
        let mut done: Vec<usize> = Vec::new();
        for i in order {
            if done.contains(&i) {
                continue;
            }
            done.push(i);
            let n = &net.nodes[i];
            let text = if lang.rtl() && !n.name_ar.is_empty() {
                &n.name_ar
            } else {
                &n.name_en
            };
            let style = crate::ui::bidi::BidiStyle::new(
                egui::FontId::proportional(if Some(i) == hovered_node { 14.0 } else { 12.0 }),
                ui.visuals().strong_text_color(),
                widgets::direction(lang),
            );
            let galley = crate::ui::bidi::galley(ui.ctx(), text, &style, f32::INFINITY);
            let at = pts[i] + Vec2::new(-galley.size().x / 2.0, radius(n.meetings) + 1.0);
            let area = egui::Rect::from_min_size(at, galley.size()).expand(1.0);
            if taken.iter().any(|r| r.intersects(area)) {
                continue;
            }
            taken.push(area);
            painter.rect_filled(area, 2.0, ui.visuals().extreme_bg_color.gamma_multiply(0.8));
            painter.galley(at, galley, ui.visuals().strong_text_color());
        }
        if let Some(i) = hovered_node {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            let n = &net.nodes[i];
            response.clone().on_hover_text(format!(
                "{} · {} {}",
                if lang.rtl() { &n.name_ar } else { &n.name_en },
                n.meetings,
                tr(lang, "meetings")
            ));
        }
        if response.clicked()
            && let Some(at) = response.interact_pointer_pos()
        {
            if let Some(i) = node_at(at) {
                actions.push(Action::OpenPage(PageRef::Official(
                    net.nodes[i].key.clone(),
                )));
            } else {
                self.selected = edge_at(at);
            }
        }
        actions
    }
}

/// The distance from `p` to the segment `a`–`b`, in points.
fn segment_distance(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 <= f32::EPSILON {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}
