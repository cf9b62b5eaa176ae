//! The filter panel: removable chips of what is selected, the date range with meetings per
//! year, and one collapsible list per facet with counts and a type-to-narrow field.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use eframe::egui::{self, RichText, Ui};

use super::overview::year_histogram;
use crate::query::{Facet, Filter};
use crate::ui::filter::FilterExt;
use crate::ui::i18n::{UiLang, tr};
use crate::ui::model::Timeline;
use crate::ui::widgets;
use crate::ui::widgets::{accessible_name, column_layout, row_ui};

/// How many values a facet lists before "+N more".
const SHOWN_PER_FACET: usize = 60;

/// The filter panel's text buffers (what is typed, before it parses into the filter).
#[derive(Debug, Default)]
pub struct FilterPanel {
    /// Each facet's type-to-narrow text.
    narrow: BTreeMap<Facet, String>,
    /// The From field as typed (`YYYY-MM-DD`).
    date_from: String,
    /// The To field as typed.
    date_to: String,
}

impl FilterPanel {
    /// A panel whose date fields show `filter`'s range.
    pub fn for_filter(filter: &Filter) -> Self {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
            narrow: BTreeMap::new(),
            date_from: day(filter.from),
            date_to: day(filter.to),
        }
    }

    /// Clears every selection, the dates and the search text.
    pub fn clear_all(&mut self, filter: &mut Filter) {
        self.date_from.clear();
        self.date_to.clear();
        *filter = Filter::default();
    }

    /// Draws the panel over `timeline`'s facet counts; clicks change `filter` in place.
    pub fn ui(&mut self, ui: &mut Ui, filter: &mut Filter, timeline: &Timeline, lang: UiLang) {
        let t = |k: &'static str| tr(lang, k);
        ui.with_layout(column_layout(lang), |ui| {
            ui.add_space(4.0);
            row_ui(ui, lang.rtl(), |ui| {
                widgets::heading(ui, t("Filters"));
                if widgets::button(ui, t("Clear all")).clicked() {
                    self.clear_all(filter);
                }
            });
            self.chips(ui, filter, timeline, lang);
            ui.separator();
            self.dates(ui, filter, timeline, lang);
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("arshif-facets")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for facet in Facet::ALL {
                        self.facet_section(ui, facet, filter, timeline, lang);
                    }
                });
        });
    }

    /// Removable chips of what is selected: facet values, the date range, the search text.
    fn chips(&mut self, ui: &mut Ui, filter: &mut Filter, timeline: &Timeline, lang: UiLang) {
        let selected = filter.selections();
        let (from, to) = (filter.from, filter.to);
        let text = filter.search_text().trim().to_owned();
        if selected.is_empty() && from.is_none() && to.is_none() && text.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            for (facet, value) in selected {
                let label = timeline.facets.label(facet, &value, lang.rtl());
                if widgets::selectable(ui, true, &format!("× {label}")).clicked() {
                    filter.toggle(facet, &value);
                }
            }
            // The date range and the search text are filters too: one chip each.
            if from.is_some() || to.is_some() {
                let day = |d: Option<NaiveDate>| d.map_or("…".to_owned(), |d| d.to_string());
                let range = format!("× {} – {}", day(from), day(to));
                if widgets::selectable(ui, true, &range).clicked() {
                    self.date_from.clear();
                    self.date_to.clear();
                    filter.from = None;
                    filter.to = None;
                }
            }
            if !text.is_empty() && widgets::selectable(ui, true, &format!("× «{text}»")).clicked()
            {
                filter.text = None;
            }
        });
    }

    /// The From/To fields and the meetings per year (a click sets the range to that year).
    fn dates(&mut self, ui: &mut Ui, filter: &mut Filter, timeline: &Timeline, lang: UiLang) {
        let t = |k: &'static str| tr(lang, k);
        widgets::label(ui, t("Dates (YYYY-MM-DD)"));
        row_ui(ui, lang.rtl(), |ui| {
            widgets::label(ui, t("From"));
            let r1 = ui.add(egui::TextEdit::singleline(&mut self.date_from).desired_width(90.0));
            accessible_name(ui, r1.id, "From");
            widgets::label(ui, t("To"));
            let r2 = ui.add(egui::TextEdit::singleline(&mut self.date_to).desired_width(90.0));
            accessible_name(ui, r2.id, "To");
        });
        let from = parse_day(&self.date_from);
        let to = parse_day(&self.date_to);
        filter.from = from;
        filter.to = to;
        let selected_year = match (from, to) {
            (Some(f), Some(t))
                if f.year() == t.year()
                    && (f.month(), f.day()) == (1, 1)
                    && (t.month(), t.day()) == (12, 31) =>
            {
                Some(f.year())
            }
            _ => None,
        };
        if timeline.per_year.is_empty() {
            return;
        }
        widgets::colored(ui, t("Meetings per year"), ui.visuals().weak_text_color());
        if let Some(year) = year_histogram(ui, &timeline.per_year, lang, selected_year) {
            if selected_year == Some(year) {
                // A second click on the selected year clears the range.
                self.date_from.clear();
                self.date_to.clear();
            } else {
                self.date_from = format!("{year}-01-01");
                self.date_to = format!("{year}-12-31");
            }
            filter.from = parse_day(&self.date_from);
            filter.to = parse_day(&self.date_to);
        }
    }

    /// One facet's collapsible list: a narrowing field, then values with their counts.
    fn facet_section(
        &mut self,
        ui: &mut Ui,
        facet: Facet,
        filter: &mut Filter,
        timeline: &Timeline,
        lang: UiLang,
    ) {
        let values = timeline.facets.of(facet);
        let header = format!("{} ({})", tr(lang, facet_key(facet)), values.len());
        let rtl = lang.rtl();
        let id = ui.make_persistent_id(("facet", facet));
        egui::collapsing_header::CollapsingState::load_with_default_open(
            ui.ctx(),
            id,
            facet == Facet::Officials || facet == Facet::Topics,
        )
        .show_header(ui, |ui| {
            widgets::colored(ui, &header, ui.visuals().strong_text_color());
        })
        .body(|ui| {
            let narrow = self.narrow.entry(facet).or_default();
            let hint = widgets::widget_text(ui, tr(lang, "Type to narrow"), egui::TextStyle::Body);
            let r = ui.add(
                egui::TextEdit::singleline(narrow)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            );
            let label = format!("{} {}", tr(UiLang::En, "Type to narrow"), facet_key(facet));
            accessible_name(ui, r.id, &label);
            let needle = crate::text::fold(narrow.trim());
            let mut shown = 0;
            let mut hidden = 0;
            for (value, count) in values {
                let label = timeline.facets.label(facet, value, rtl);
                if !needle.is_empty()
                    && !crate::text::fold(label).contains(&needle)
                    && !crate::text::fold(timeline.facets.label(facet, value, !rtl))
                        .contains(&needle)
                {
                    continue;
                }
                if shown >= SHOWN_PER_FACET {
                    hidden += 1;
                    continue;
                }
                shown += 1;
                let selected = filter.is_selected(facet, value);
                let clicked = row_ui(ui, rtl, |ui| {
                    let r = widgets::selectable(ui, selected, label);
                    ui.label(RichText::new(count.to_string()).weak());
                    r.clicked()
                });
                if clicked {
                    filter.toggle(facet, value);
                }
            }
            if hidden > 0 {
                widgets::colored(
                    ui,
                    &format!("+{hidden} {}", tr(lang, "more")),
                    ui.visuals().weak_text_color(),
                );
            }
        });
    }
}

/// A facet's title (an English [`tr`] key; also the accessible name's suffix).
fn facet_key(f: Facet) -> &'static str {
    match f {
        Facet::Officials => "Officials",
        Facet::Bodies => "Ministries and bodies",
        Facet::Countries => "Countries",
        Facet::Topics => "Topics",
        Facet::Places => "Places",
        Facet::Kinds => "Meeting kind",
    }
}

/// A `YYYY-MM-DD` field's day, `None` when empty or not a day.
fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}
