//! The reader: the open meeting's correction panel, then its article with clickable
//! highlights, the meeting's facts with the text each came from, and other meetings of the same
//! officials.

use eframe::egui::{self, FontId, Sense, Ui};

use super::Action;
use super::edit::EditPanel;
use crate::query::{Facet, Filter};
use crate::ui::bidi::{self, BidiStyle};
use crate::ui::filter::FilterExt;
use crate::ui::i18n::{UiLang, tr};
use crate::ui::model::{ArticleView, Highlight, HighlightKind, MeetingCard};
use crate::ui::widgets;
use crate::ui::widgets::{column_layout, direction, highlight_format, highlight_rects};

/// The meeting open in the reader and its article, read once when it opens (drawn by
/// reference every frame, never cloned).
#[derive(Debug)]
pub struct OpenMeeting {
    /// The meeting's id (a card's id).
    pub id: u64,
    /// Its main article, `None` when none could be read.
    pub article: Option<ArticleView>,
}

/// The reader's state: what is open, and the correction panel above the article.
#[derive(Default)]
pub struct Reader {
    /// The meeting open now.
    pub open: Option<OpenMeeting>,
    /// The correction panel (its fields, tabs and the gazetteer it searches).
    pub edit: EditPanel,
}

/// What the reader needs from the app besides its state.
pub struct ReaderView<'a> {
    /// The timeline's cards (the open meeting's card feeds the correction panel).
    pub cards: &'a [MeetingCard],
    /// The article is being read (the previous one, if any, stays shown, with a spinner).
    pub loading: bool,
    /// The UI language.
    pub lang: UiLang,
    /// A job runs (edit buttons are disabled).
    pub busy: bool,
}

impl Reader {
    /// Draws the reader; a highlighted name's click adds it to `filter`.
    pub fn ui(&mut self, ui: &mut Ui, view: &ReaderView<'_>, filter: &mut Filter) -> Vec<Action> {
        let lang = view.lang;
        let mut actions = Vec::new();
        let mut filter_by: Option<(Facet, String)> = None;
        let mut switch_to: Option<u64> = None;
        ui.with_layout(column_layout(lang), |ui| {
            ui.add_space(4.0);
            widgets::heading(ui, tr(lang, "Article"));
            ui.separator();
            let Some(open) = &self.open else {
                widgets::label(ui, tr(lang, "Select a meeting to read its article."));
                return;
            };
            if let Some(card) = view.cards.iter().find(|c| c.id == open.id) {
                let out = self.edit.show(ui, card, lang, view.busy);
                actions.extend(out.error.map(Action::Error));
                actions.extend(out.job.map(Action::Submit));
                ui.separator();
            }
            if view.loading {
                widgets::loading(ui, lang);
            }
            let Some(article) = &open.article else {
                if !view.loading {
                    ui.label("—");
                }
                return;
            };
            egui::ScrollArea::vertical()
                .id_salt("arshif-reader-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    switch_to = reports(ui, article, lang);
                    heading(ui, article, lang);
                    filter_by = paragraphs(ui, article, lang);
                    facts(ui, article, lang);
                    actions.extend(related(ui, article, lang));
                });
        });
        if let Some((facet, key)) = filter_by {
            filter.select(facet, &key);
        }
        // Another report of the same meeting: its article, the card staying open.
        if let Some(report) = switch_to {
            actions.push(Action::ReadReport(report));
        }
        actions
    }
}

/// The headline, the source and the hint about highlights.
fn heading(ui: &mut Ui, article: &ArticleView, lang: UiLang) {
    let mut h = BidiStyle::new(
        FontId::proportional(22.0),
        ui.visuals().strong_text_color(),
        direction(lang),
    );
    h.fill_width = true;
    widgets::show(ui, &article.headline, &h, Sense::hover(), true);
    ui.add_space(4.0);
    // Isolated (LRI…PDI) so a file name keeps its order inside Arabic.
    let source = format!("{}: \u{2066}{}\u{2069}", tr(lang, "Source"), article.source);
    widgets::colored(ui, &source, ui.visuals().weak_text_color());
    widgets::colored(
        ui,
        tr(lang, "Click a highlighted name to filter by it."),
        ui.visuals().weak_text_color(),
    );
    ui.add_space(8.0);
}

/// The body, one galley per paragraph with a little space between, highlights shifted to each
/// paragraph's offsets. Returns the (facet, key) of a highlight clicked.
fn paragraphs(ui: &mut Ui, article: &ArticleView, lang: UiLang) -> Option<(Facet, String)> {
    let mut body = BidiStyle::new(
        FontId::proportional(17.0),
        ui.visuals().text_color(),
        direction(lang),
    );
    body.fill_width = true;
    let mut clicked = None;
    let mut start = 0;
    for para in article.body.split('\n') {
        let end = start + para.len();
        if !para.trim().is_empty() {
            let here: Vec<&Highlight> = article
                .highlights
                .iter()
                .filter(|h| h.range.start >= start && h.range.end <= end)
                .collect();
            body.spans = here
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    (
                        h.range.start - start..h.range.end - start,
                        highlight_format(ui.visuals(), h.kind, i),
                    )
                })
                .collect();
            let width = ui.available_width().max(1.0);
            let galley = bidi::galley(ui.ctx(), para, &body, width);
            let shown = widgets::show(ui, para, &body, Sense::hover(), true);
            // Each highlight is its own click target over its glyphs.
            let rects = highlight_rects(&galley, shown.rect.min, here.len());
            for (h, rect) in here.iter().zip(rects) {
                let Some(rect) = rect else { continue };
                if let Some(hit) = highlight_target(ui, article, h, rect) {
                    clicked = Some(hit);
                }
            }
            ui.add_space(8.0);
        }
        start = end + 1;
    }
    clicked
}

/// A highlight's click target over `rect`, named by its text; the (facet, key) when clicked.
fn highlight_target(
    ui: &mut Ui,
    article: &ArticleView,
    h: &Highlight,
    rect: egui::Rect,
) -> Option<(Facet, String)> {
    let text = &article.body[h.range.clone()];
    let r = ui.interact(
        rect,
        ui.scope_id().with(("highlight", h.range.start)),
        Sense::click(),
    );
    let owned = text.to_owned();
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, &owned));
    let facet = match h.kind {
        HighlightKind::Name => Facet::Officials,
        HighlightKind::Place => Facet::Places,
        HighlightKind::Topic => Facet::Topics,
        HighlightKind::Date => return None,
    };
    if h.key.is_empty() {
        return None;
    }
    let r = r.on_hover_cursor(egui::CursorIcon::PointingHand);
    r.clicked().then(|| (facet, h.key.clone()))
}

/// The meeting's facts and the text each came from.
fn facts(ui: &mut Ui, article: &ArticleView, lang: UiLang) {
    if article.facts.is_empty() {
        return;
    }
    ui.separator();
    widgets::heading(ui, tr(lang, "Facts"));
    let mut fact_style = BidiStyle::new(
        FontId::proportional(14.0),
        ui.visuals().text_color(),
        direction(lang),
    );
    fact_style.fill_width = true;
    let mut quote_style = fact_style.clone();
    quote_style.color = ui.visuals().weak_text_color();
    for f in &article.facts {
        let value = if lang.rtl() && !f.value_ar.is_empty() {
            &f.value_ar
        } else {
            &f.value
        };
        let mut line = tr(lang, f.what).to_owned();
        if !value.is_empty() {
            line.push_str(&format!(": {value}"));
        }
        widgets::show(ui, &line, &fact_style, Sense::hover(), true);
        if !f.quote.is_empty() {
            let at = f
                .span
                .as_ref()
                .map(|r| format!(" [{}–{}]", r.start, r.end))
                .unwrap_or_default();
            widgets::show(
                ui,
                &format!("«{}»\u{2066}{at}\u{2069}", f.quote),
                &quote_style,
                Sense::hover(),
                true,
            );
        }
        ui.add_space(3.0);
    }
}

/// The meeting's reports when it has several: one line each (outlet, language, date published,
/// headline; copies marked), the one shown marked; a click returns the report to show.
fn reports(ui: &mut Ui, article: &ArticleView, lang: UiLang) -> Option<u64> {
    if article.reports.len() < 2 {
        return None;
    }
    widgets::heading(
        ui,
        &crate::ui::i18n::count(lang, article.reports.len(), crate::ui::i18n::Noun::Report),
    );
    let mut link = BidiStyle::new(
        FontId::proportional(13.0),
        ui.visuals().hyperlink_color,
        direction(lang),
    );
    link.fill_width = true;
    let mut current = link.clone();
    current.color = ui.visuals().strong_text_color();
    let mut chosen = None;
    for r in &article.reports {
        let mut line = r.label.clone();
        if r.copy {
            line = format!("{line} ({})", tr(lang, "copy"));
        }
        if r.current {
            let line = format!("{line} ({})", tr(lang, "shown"));
            widgets::show(ui, &line, &current, Sense::hover(), true);
        } else {
            let resp = widgets::show(ui, &line, &link, Sense::click(), true)
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            if resp.clicked() {
                chosen = Some(r.id);
            }
        }
    }
    ui.separator();
    chosen
}

/// Other meetings of the same officials, as wrapped links; the one clicked opens.
fn related(ui: &mut Ui, article: &ArticleView, lang: UiLang) -> Option<Action> {
    ui.separator();
    widgets::heading(ui, tr(lang, "Other meetings of the same officials"));
    if article.related.is_empty() {
        widgets::label(ui, tr(lang, "None"));
    }
    // Wrapped links (a one-line chip would widen the panel to the longest).
    let mut link = BidiStyle::new(
        FontId::proportional(14.0),
        ui.visuals().hyperlink_color,
        direction(lang),
    );
    link.fill_width = true;
    let mut open = None;
    for c in &article.related {
        let line = related_line(lang, c);
        let r = widgets::show(ui, &line, &link, Sense::click(), true)
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        if r.clicked() {
            open = Some(Action::OpenMeeting(c.id));
        }
        ui.add_space(2.0);
    }
    open
}

/// One line for a related meeting: "19 April 2021 · Tripoli: Mohamed al-Menfi, Luciana
/// Lamorgese" (Arabic names and place in the Arabic UI).
fn related_line(lang: UiLang, c: &MeetingCard) -> String {
    let arabic = lang.rtl();
    let date = c.date.map_or_else(
        || tr(lang, "Undated").to_owned(),
        |d| crate::ui::i18n::date_text(lang, d, c.precision),
    );
    let place = if arabic && !c.place_ar.is_empty() {
        &c.place_ar
    } else {
        &c.place
    };
    let names: Vec<&str> = c
        .libyan
        .iter()
        .chain(&c.european)
        .map(|p| {
            if (arabic && !p.name_ar.is_empty()) || p.name_en.is_empty() {
                p.name_ar.as_str()
            } else {
                p.name_en.as_str()
            }
        })
        .collect();
    let sep = if arabic { "، " } else { ", " };
    if place.is_empty() {
        format!("{date}: {}", names.join(sep))
    } else {
        format!("{date} · {place}: {}", names.join(sep))
    }
}
