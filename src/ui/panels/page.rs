//! The page of an official, a body, a country or a topic ([`crate::pages`]), and the way to the
//! network ([`super::network`]), drawn in the central area in place of the timeline while open.
//!
//! Pages stack: a name clicked on a page opens its page on top; Back (or Escape, handled by the
//! app through [`PagePanel::back`]) returns to the one before, and past the first to the
//! timeline. Every name is a button (Tab reaches it, Enter opens it). The data is read through
//! the panel's own read connection to the archive file, on its own thread
//! ([`crate::ui::reads::Background`]), when the page (or the archive) changes, never per frame
//! and never on the UI thread: a spinner shows until it is in.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui::{self, Color32, Sense, Ui, Vec2};

use super::Action;
use super::network::NetworkPanel;
use crate::gazetteer::Gazetteer;
use crate::model::Filter;
use crate::pages::{Counted, Page, PageMeeting, PageRef};
use crate::ui::i18n::{UiLang, date_text, kind_label, tr};
use crate::ui::reads::Background;
use crate::ui::widgets;
use crate::ui::widgets::{column_layout, wrapped_row};

/// A page as read off the UI thread, with the gazetteer it was read with (kept for the next).
type PageRead = (Result<Page, String>, Option<Arc<Gazetteer>>);

/// What the central area shows instead of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Page(PageRef),
    Network,
}

/// The open pages (a stack: the last is shown) and what was read for the top one.
#[derive(Default)]
pub struct PagePanel {
    stack: Vec<View>,
    /// The page read for the top of the stack, with the archive file it was read from.
    loaded: Option<(View, PathBuf, Result<Page, String>)>,
    /// `loaded` is from before the archive changed (still shown until the new read is in).
    stale: bool,
    /// The page being read off the UI thread, for that view and file.
    loading: Option<(View, PathBuf, Background<PageRead>)>,
    gazetteer: Option<Arc<Gazetteer>>,
    /// The network view's state.
    pub network: NetworkPanel,
}

/// What the page view needs from the app.
pub struct PageContext<'a> {
    /// The archive file (pages read it through their own connection); `None`: nothing to show.
    pub archive: Option<&'a Path>,
    /// The timeline's filter (the network follows it).
    pub filter: &'a Filter,
    pub lang: UiLang,
}

impl PagePanel {
    /// Whether a page or the network is shown.
    pub fn is_open(&self) -> bool {
        !self.stack.is_empty()
    }

    /// The view shown, if any.
    pub fn current(&self) -> Option<&View> {
        self.stack.last()
    }

    /// Shows `view` on top (unless it is already the top).
    pub fn open(&mut self, view: View) {
        if self.stack.last() != Some(&view) {
            self.stack.push(view);
        }
    }

    /// Back to the view before (the timeline after the first).
    pub fn back(&mut self) {
        self.stack.pop();
    }

    /// The archive changed (import, edit, another file): read the page again (the one shown
    /// stays until the new one is in).
    pub fn archive_changed(&mut self) {
        self.stale = true;
        self.loading = None;
        self.gazetteer = None;
        self.network.archive_changed();
    }

    /// True while a page or the network is being read.
    pub fn loading(&self) -> bool {
        self.loading.is_some() || self.network.loading()
    }

    /// Waits up to `timeout` for the read under way (tests and screenshots only); true when
    /// one arrived.
    pub fn wait(&mut self, timeout: std::time::Duration) -> bool {
        if let Some((view, path, read)) = self.loading.take() {
            match read.wait(timeout) {
                Some(answer) => {
                    self.arrived(view, path, answer);
                    return true;
                }
                None => self.loading = Some((view, path, read)),
            }
        }
        self.network.wait(timeout)
    }

    fn arrived(&mut self, view: View, path: PathBuf, (page, gazetteer): PageRead) {
        self.loaded = Some((view, path, page));
        self.stale = false;
        self.gazetteer = gazetteer;
    }

    /// Starts reading `page` from the archive at `path` on its own thread and connection.
    fn load(&mut self, ctx: &egui::Context, view: View, path: &Path, page: &PageRef) {
        let (file, page, cached) = (path.to_path_buf(), page.clone(), self.gazetteer.clone());
        let read = Background::spawn(ctx, move || {
            let run = || -> Result<(Page, Arc<Gazetteer>), String> {
                let store = crate::store::Store::open(&file).map_err(|e| e.to_string())?;
                let gaz = match cached {
                    Some(g) => g,
                    None => Arc::new(
                        crate::edits::gazetteer_with_user(&store, &Gazetteer::shipped())
                            .map_err(|e| e.to_string())?,
                    ),
                };
                let page = crate::pages::page(&store, &gaz, &page).map_err(|e| e.to_string())?;
                Ok((page, gaz))
            };
            match run() {
                Ok((page, gaz)) => (Ok(page), Some(gaz)),
                Err(e) => (Err(e), None),
            }
        });
        self.loading = Some((view, path.to_path_buf(), read));
    }

    /// Draws the top view; returns what the app should do (open a meeting, another page).
    pub fn ui(&mut self, ui: &mut Ui, cx: &PageContext<'_>) -> Vec<Action> {
        let mut actions = Vec::new();
        let Some(view) = self.stack.last().cloned() else {
            return actions;
        };
        let lang = cx.lang;
        ui.with_layout(column_layout(lang), |ui| {
            wrapped_row(ui, lang.rtl(), |ui| {
                let back = if self.stack.len() > 1 {
                    tr(lang, "Back")
                } else {
                    tr(lang, "Back to the timeline")
                };
                if widgets::button(ui, back).clicked() {
                    self.back();
                }
                if view != View::Network && widgets::button(ui, tr(lang, "Who met whom")).clicked()
                {
                    actions.push(Action::OpenNetwork);
                }
            });
            ui.separator();
            let Some(path) = cx.archive else {
                widgets::label(ui, tr(lang, "No archive is open."));
                return;
            };
            match &view {
                View::Network => {
                    actions.extend(self.network.ui(ui, path, cx.filter, lang));
                }
                View::Page(page) => {
                    if let Some((v, p, read)) = self.loading.take() {
                        match read.poll() {
                            Some(answer) => self.arrived(v, p, answer),
                            None => self.loading = Some((v, p, read)),
                        }
                    }
                    let shown = matches!(&self.loaded, Some((v, p, _)) if *v == view && p == path);
                    let asked = matches!(&self.loading, Some((v, p, _)) if *v == view && p == path);
                    if (!shown || self.stale) && !asked {
                        self.load(ui.ctx(), view.clone(), path, page);
                    }
                    if self.loading.is_some() {
                        widgets::loading(ui, lang);
                    }
                    // Another page's answer is not shown (the spinner says it is coming).
                    let Some((_, _, read)) = self.loaded.as_ref().filter(|_| shown) else {
                        return;
                    };
                    match read {
                        Err(e) => {
                            widgets::colored(ui, e, ui.visuals().error_fg_color);
                        }
                        Ok(p) => {
                            egui::ScrollArea::vertical()
                                .auto_shrink([false, false])
                                .show(ui, |ui| {
                                    // Room for the scroll bar, which sits over the reading side
                                    // in the Arabic UI.
                                    egui::Frame::NONE
                                        .inner_margin(egui::Margin::symmetric(10, 0))
                                        .show(ui, |ui| {
                                            ui.with_layout(column_layout(lang), |ui| {
                                                draw_page(ui, p, lang, &mut actions)
                                            });
                                        });
                                });
                        }
                    }
                }
            }
        });
        actions
    }
}

/// The name to show in `lang` (the other script when the first is empty).
fn name(lang: UiLang, en: &str, ar: &str) -> String {
    let (a, b) = if lang.rtl() { (ar, en) } else { (en, ar) };
    if a.is_empty() { b } else { a }.to_string()
}

fn section(ui: &mut Ui, title: &str) {
    ui.add_space(8.0);
    widgets::colored(ui, title, ui.visuals().strong_text_color());
}

/// Chips for counted entities; a click opens `open(key)`'s page.
fn chips(
    ui: &mut Ui,
    lang: UiLang,
    list: &[Counted],
    open: impl Fn(&str) -> Option<PageRef>,
    actions: &mut Vec<Action>,
) {
    if list.is_empty() {
        widgets::label(ui, "—");
        return;
    }
    wrapped_row(ui, lang.rtl(), |ui| {
        for c in list {
            let text = format!("{} ×{}", name(lang, &c.name_en, &c.name_ar), c.count);
            match open(&c.key) {
                Some(page) => {
                    if widgets::selectable(ui, false, &text).clicked() {
                        actions.push(Action::OpenPage(page));
                    }
                }
                None => {
                    widgets::label(ui, &text);
                }
            }
        }
    });
}

fn official(key: &str) -> Option<PageRef> {
    Some(PageRef::Official(key.to_string()))
}

fn topic(key: &str) -> Option<PageRef> {
    Some(PageRef::Topic(key.to_string()))
}

/// A strip with one tick per dated meeting between the first and the last year (a small
/// timeline); undated meetings are counted after it.
fn small_timeline(ui: &mut Ui, lang: UiLang, meetings: &[PageMeeting]) {
    use chrono::Datelike;
    let dated: Vec<chrono::NaiveDate> = meetings.iter().filter_map(|m| m.date).collect();
    let undated = meetings.len() - dated.len();
    if let (Some(first), Some(last)) = (dated.iter().min(), dated.iter().max()) {
        let (y0, y1) = (first.year(), last.year() + 1);
        let width = ui.available_width().min(600.0);
        let (rect, _) = ui.allocate_exact_size(Vec2::new(width, 34.0), Sense::hover());
        let p = ui.painter_at(rect);
        let axis_y = rect.top() + 14.0;
        let stroke = egui::Stroke::new(1.0, ui.visuals().weak_text_color());
        p.line_segment(
            [
                egui::pos2(rect.left(), axis_y),
                egui::pos2(rect.right(), axis_y),
            ],
            stroke,
        );
        let start = chrono::NaiveDate::from_ymd_opt(y0, 1, 1).expect("valid");
        let days =
            (chrono::NaiveDate::from_ymd_opt(y1, 1, 1).expect("valid") - start).num_days() as f32;
        let x_of = |d: chrono::NaiveDate| {
            let t = (d - start).num_days() as f32 / days;
            let t = if lang.rtl() { 1.0 - t } else { t };
            rect.left() + t * rect.width()
        };
        for y in y0..=y1 {
            let x = x_of(chrono::NaiveDate::from_ymd_opt(y, 1, 1).expect("valid"));
            p.line_segment(
                [egui::pos2(x, axis_y - 4.0), egui::pos2(x, axis_y + 4.0)],
                stroke,
            );
            if y < y1 {
                p.text(
                    egui::pos2(x + if lang.rtl() { -2.0 } else { 2.0 }, axis_y + 5.0),
                    if lang.rtl() {
                        egui::Align2::RIGHT_TOP
                    } else {
                        egui::Align2::LEFT_TOP
                    },
                    y.to_string(),
                    egui::FontId::proportional(11.0),
                    ui.visuals().weak_text_color(),
                );
            }
        }
        let color = ui.visuals().selection.bg_fill;
        for d in &dated {
            p.circle_filled(egui::pos2(x_of(*d), axis_y), 4.0, color);
        }
    }
    if undated > 0 {
        widgets::label(ui, &format!("{}: {undated}", tr(lang, "Undated")));
    }
}

/// The meetings as lines: date · place · kind, the other participants (buttons to their pages),
/// the sources (buttons opening the meeting in the reader).
fn meeting_list(
    ui: &mut Ui,
    lang: UiLang,
    meetings: &[PageMeeting],
    except: Option<&str>,
    actions: &mut Vec<Action>,
) {
    for m in meetings {
        ui.add_space(4.0);
        let date = match m.date {
            Some(d) => date_text(
                lang,
                d,
                m.precision.unwrap_or(crate::model::DatePrecision::Day),
            ),
            None => tr(lang, "undated").to_string(),
        };
        let place = m
            .place
            .as_ref()
            .map(|p| name(lang, &p.name_en, &p.name_ar))
            .unwrap_or_else(|| tr(lang, "place unknown").to_string());
        widgets::label(
            ui,
            &format!("{date} · {place} · {}", kind_label(lang, m.kind)),
        );
        wrapped_row(ui, lang.rtl(), |ui| {
            for p in &m.participants {
                if Some(p.person.key.as_str()) == except {
                    continue;
                }
                let n = name(lang, &p.person.name_en, &p.person.name_ar);
                let n = if n.is_empty() {
                    p.as_written.clone()
                } else {
                    n
                };
                if widgets::selectable(ui, false, &n).clicked() {
                    actions.push(Action::OpenPage(PageRef::Official(p.person.key.clone())));
                }
            }
            for (id, article) in m.meeting_ids.iter().zip(&m.article_ids) {
                let text = format!("{} #{article}", tr(lang, "source"));
                if widgets::button(ui, &text).clicked() {
                    actions.push(Action::OpenMeeting(*id as u64));
                }
            }
        });
    }
}

fn draw_page(ui: &mut Ui, page: &Page, lang: UiLang, actions: &mut Vec<Action>) {
    match page {
        Page::Official(p) => {
            widgets::heading(ui, &name(lang, &p.name_en, &p.name_ar));
            let other = name(
                if lang.rtl() { UiLang::En } else { UiLang::Ar },
                &p.name_en,
                &p.name_ar,
            );
            let mut sub = vec![other];
            if !p.listed {
                sub.push(tr(lang, "not in the gazetteer").to_string());
            }
            widgets::label(ui, &sub.join(" · "));
            // The country and the bodies reported open their pages.
            wrapped_row(ui, lang.rtl(), |ui| {
                if !p.country.is_empty() && widgets::selectable(ui, false, &p.country).clicked() {
                    actions.push(Action::OpenPage(PageRef::Country(p.country.clone())));
                }
                let mut seen: Vec<&str> = Vec::new();
                for b in p.roles.iter().filter_map(|r| r.body.as_ref()) {
                    if seen.contains(&b.key.as_str()) {
                        continue;
                    }
                    seen.push(&b.key);
                    if widgets::selectable(ui, false, &name(lang, &b.name_en, &b.name_ar)).clicked()
                    {
                        actions.push(Action::OpenPage(PageRef::Body(b.key.clone())));
                    }
                }
            });
            if !p.did_you_mean.is_empty() {
                section(ui, tr(lang, "Did you mean"));
                wrapped_row(ui, lang.rtl(), |ui| {
                    for c in &p.did_you_mean {
                        if widgets::selectable(ui, false, &name(lang, &c.name_en, &c.name_ar))
                            .clicked()
                        {
                            actions.push(Action::OpenPage(c.page.clone()));
                        }
                    }
                });
            }
            section(ui, tr(lang, "Roles"));
            for o in &p.offices {
                let role = if lang.rtl() && !o.role_ar.is_empty() {
                    &o.role_ar
                } else {
                    &o.role_en
                };
                widgets::label(
                    ui,
                    &format!(
                        "{role} ({} – {})",
                        o.from.as_deref().unwrap_or("?"),
                        o.to.as_deref().unwrap_or("")
                    ),
                );
            }
            for r in &p.roles {
                let when = match (r.first, r.last) {
                    (Some(a), Some(b)) if a == b => a.to_string(),
                    (Some(a), Some(b)) => format!("{a} – {b}"),
                    _ => tr(lang, "undated").to_string(),
                };
                let body = r
                    .body
                    .as_ref()
                    .map(|b| format!(", {}", name(lang, &b.name_en, &b.name_ar)))
                    .unwrap_or_default();
                let sources: Vec<String> = r.article_ids.iter().map(|a| format!("#{a}")).collect();
                widgets::label(
                    ui,
                    &format!(
                        "{}{body} · {when} · {}: {}",
                        if r.role.is_empty() { "—" } else { &r.role },
                        tr(lang, "sources"),
                        sources.join(" ")
                    ),
                );
            }
            section(
                ui,
                &format!("{} ({})", tr(lang, "Meetings"), p.meetings.len()),
            );
            small_timeline(ui, lang, &p.meetings);
            meeting_list(ui, lang, &p.meetings, Some(&p.key), actions);
            section(ui, tr(lang, "Met"));
            chips(ui, lang, &p.counterparts, official, actions);
            section(ui, tr(lang, "Topics"));
            chips(ui, lang, &p.topics, topic, actions);
            section(ui, tr(lang, "Spellings seen"));
            chips(ui, lang, &p.spellings, |_| None, actions);
        }
        Page::Body(p) | Page::Country(p) => {
            widgets::heading(ui, &name(lang, &p.name_en, &p.name_ar));
            section(ui, tr(lang, "People"));
            chips(ui, lang, &p.people, official, actions);
            section(
                ui,
                &format!("{} ({})", tr(lang, "Meetings"), p.meetings.len()),
            );
            small_timeline(ui, lang, &p.meetings);
            meeting_list(ui, lang, &p.meetings, None, actions);
            section(ui, tr(lang, "Topics by year"));
            for y in &p.topics_by_year {
                let year = y
                    .year
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| tr(lang, "undated").to_string());
                widgets::label(ui, &year);
                chips(ui, lang, &y.topics, topic, actions);
            }
        }
        Page::Topic(p) => {
            widgets::heading(ui, &name(lang, &p.name_en, &p.name_ar));
            section(ui, tr(lang, "Meetings per year"));
            let max = p.per_year.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1) as f32;
            for (y, n) in &p.per_year {
                let (rect, _) = ui.allocate_exact_size(
                    Vec2::new(ui.available_width().min(400.0), 16.0),
                    Sense::hover(),
                );
                let w = (rect.width() - 80.0) * (*n as f32 / max);
                let bar = if lang.rtl() {
                    egui::Rect::from_min_max(
                        egui::pos2(rect.right() - 40.0 - w, rect.top() + 2.0),
                        egui::pos2(rect.right() - 40.0, rect.bottom() - 2.0),
                    )
                } else {
                    egui::Rect::from_min_max(
                        egui::pos2(rect.left() + 40.0, rect.top() + 2.0),
                        egui::pos2(rect.left() + 40.0 + w, rect.bottom() - 2.0),
                    )
                };
                let p2 = ui.painter_at(rect);
                p2.rect_filled(bar, 2.0, ui.visuals().selection.bg_fill);
                let (at, align) = if lang.rtl() {
                    (
                        egui::pos2(rect.right(), rect.center().y),
                        egui::Align2::RIGHT_CENTER,
                    )
                } else {
                    (
                        egui::pos2(rect.left(), rect.center().y),
                        egui::Align2::LEFT_CENTER,
                    )
                };
                p2.text(
                    at,
                    align,
                    format!("{y}"),
                    egui::FontId::proportional(12.0),
                    ui.visuals().text_color(),
                );
                let end = if lang.rtl() {
                    bar.left() - 4.0
                } else {
                    bar.right() + 4.0
                };
                p2.text(
                    egui::pos2(end, rect.center().y),
                    if lang.rtl() {
                        egui::Align2::RIGHT_CENTER
                    } else {
                        egui::Align2::LEFT_CENTER
                    },
                    n.to_string(),
                    egui::FontId::proportional(12.0),
                    Color32::GRAY,
                );
            }
            if p.undated > 0 {
                widgets::label(ui, &format!("{}: {}", tr(lang, "Undated"), p.undated));
            }
            section(ui, tr(lang, "Officials most involved"));
            chips(ui, lang, &p.officials, official, actions);
            section(
                ui,
                &format!("{} ({})", tr(lang, "Meetings"), p.meetings.len()),
            );
            meeting_list(ui, lang, &p.meetings, None, actions);
        }
    }
}
