//! The Export popup (top bar ▸ Export…, Ctrl+E): every export format by name with what it is
//! for (in the UI language), how many meetings the filters select and the file name suggested
//! from them; Save… then opens the system's save dialog with that name and the format's
//! extension. The format chosen is remembered ([`crate::ui::settings::Settings::export_format`]).
//!
//! Whatever the way the file is chosen (dialog, or the typed path when no dialog can be shown),
//! [`format_for_path`] settles the format and the export goes through the one export path
//! ([`crate::pipeline::export_to_file`], as `arshif export`), with the filter in words as the
//! chips show it ([`filter_words`]).

use std::path::{Path, PathBuf};

use chrono::Datelike;
use eframe::egui::{self, Ui};

use super::Action;
use crate::export::{ExportOptions, Format, ReportLang};
use crate::query::{Facet, Filter};
use crate::ui::filter::FilterExt;
use crate::ui::i18n::{Noun, UiLang, count, tr};
use crate::ui::model::Timeline;
use crate::ui::widgets::{self, column_layout, row_ui};
use crate::ui::worker::DialogPurpose;

/// The save dialog for an export in a format, suggesting a file name
/// ([`crate::ui::worker::native_export_dialog`]); without one the app asks its plain file dialog
/// for [`DialogPurpose::Export`].
pub type ExportDialogFn =
    std::sync::Arc<dyn Fn(Format, &str) -> Option<Vec<PathBuf>> + Send + Sync>;

/// Asks `save` where to export in `format`, suggesting `file_name`; without it, `ask` (the
/// app's plain file dialog). Blocks: runs on the dialog thread.
pub fn choose_file(
    save: Option<ExportDialogFn>,
    ask: &dyn Fn(DialogPurpose) -> Option<Vec<PathBuf>>,
    format: Format,
    file_name: &str,
) -> Option<Vec<PathBuf>> {
    match save {
        Some(save) => save(format, file_name),
        None => ask(DialogPurpose::Export),
    }
}

/// Longest file name most file systems take (ext4, NTFS, APFS: 255 bytes), extension included.
pub const MAX_FILE_NAME_BYTES: usize = 255;

/// The popup's state: open or not (the format chosen lives in the settings).
#[derive(Debug, Default)]
pub struct ExportPanel {
    open: bool,
}

/// What the popup reads from the app.
pub struct ExportView<'a> {
    /// The filter of the view being exported.
    pub filter: &'a Filter,
    /// The timeline it selects (its facet labels name the chips).
    pub timeline: &'a Timeline,
    /// The UI language.
    pub lang: UiLang,
    /// A job runs: Save… waits.
    pub busy: bool,
}

impl ExportPanel {
    /// Shows the popup from the next frame on.
    pub fn open(&mut self) {
        self.open = true;
    }

    /// True while the popup is shown (the rest of the window then takes no keys).
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Draws the popup when open. A format row sets `chosen`; Save… closes the popup and asks
    /// for the save dialog ([`Action::ExportAs`]); Cancel, Escape or a click beside it close it.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        chosen: &mut Option<Format>,
        view: &ExportView<'_>,
    ) -> Vec<Action> {
        if !self.open {
            return Vec::new();
        }
        let mut actions = Vec::new();
        let modal = egui::Modal::new(egui::Id::unique("arshif-export")).show(ctx, |ui| {
            ui.set_max_width(620.0);
            ui.with_layout(column_layout(view.lang), |ui| {
                self.contents(ui, chosen, view, &mut actions);
            });
        });
        if modal.should_close() {
            self.open = false;
        }
        actions
    }

    fn contents(
        &mut self,
        ui: &mut Ui,
        chosen: &mut Option<Format>,
        view: &ExportView<'_>,
        actions: &mut Vec<Action>,
    ) {
        let lang = view.lang;
        let t = |k: &'static str| tr(lang, k);
        widgets::heading(ui, t("Export"));
        let n = view.timeline.matching;
        let what = match filter_words(view.filter, view.timeline, lang) {
            Some(words) => format!("{} · {words}", count(lang, n, Noun::Meeting)),
            None => count(lang, n, Noun::Meeting),
        };
        widgets::label(ui, &what);
        ui.separator();
        widgets::label(ui, t("Format"));
        let current = chosen.unwrap_or(crate::ui::settings::DEFAULT_EXPORT_FORMAT);
        for format in Format::ALL {
            if widgets::selectable(ui, format == current, &format_label(format, lang)).clicked() {
                *chosen = Some(format);
            }
        }
        let format = chosen.unwrap_or(current);
        let file_name = suggested_file_name(view.filter, view.timeline, lang, format);
        ui.separator();
        widgets::label(ui, t("File name"));
        // On its own line: a paragraph of its own reads left to right (it starts with `arshif`),
        // whatever Arabic parts it has.
        widgets::label(ui, &file_name);
        row_ui(ui, lang.rtl(), |ui| {
            if widgets::button_enabled(ui, !view.busy, t("Save…")).clicked() {
                *chosen = Some(format);
                self.open = false;
                actions.push(Action::ExportAs { format, file_name });
            }
            if widgets::button(ui, t("Cancel")).clicked() {
                self.open = false;
            }
        });
    }
}

/// A format's row in the popup: what it is for, in the UI language, and its extension, e.g.
/// "HTML report: one self-contained page to share or print (.html)".
pub fn format_label(format: Format, lang: UiLang) -> String {
    format!(
        "{} (.{})",
        tr(lang, format.description()),
        format.extension()
    )
}

/// The filter in words as the chips show it (each value by its label in the UI language, the
/// date range, the search text): the reports' filter line. `None` when nothing is filtered.
pub fn filter_words(filter: &Filter, timeline: &Timeline, lang: UiLang) -> Option<String> {
    let label = |facet: Facet, key: &str| timeline.facets.label(facet, key, lang.rtl()).to_owned();
    crate::pipeline::export::describe_filter(filter, report_lang(lang), &label)
}

/// The reports' language for the UI language.
pub fn report_lang(lang: UiLang) -> ReportLang {
    match lang {
        UiLang::En => ReportLang::En,
        UiLang::Ar => ReportLang::Ar,
    }
}

/// What the export job gets besides the rows: the UI language and the filter in words; the
/// export time is the job's ("now").
pub fn export_options(filter: &Filter, timeline: &Timeline, lang: UiLang) -> ExportOptions {
    ExportOptions {
        language: report_lang(lang),
        filter_description: filter_words(filter, timeline, lang),
        ..ExportOptions::default()
    }
}

/// The file name the save dialog suggests: `arshif`, then each selected value's label, the
/// year or date range and the search text, as safe name parts, then the format's extension:
/// `arshif-luciana-lamorgese-2021.html`, `arshif-إيطاليا.csv`. Letters and digits of any script
/// are kept (Arabic too, without its short vowels), anything else becomes `-`; at most
/// [`MAX_FILE_NAME_BYTES`] bytes, cut at a grapheme boundary ([`crate::text::cut`]).
pub fn suggested_file_name(
    filter: &Filter,
    timeline: &Timeline,
    lang: UiLang,
    format: Format,
) -> String {
    let mut parts = vec!["arshif".to_owned()];
    for (facet, key) in filter.selections() {
        parts.push(timeline.facets.label(facet, &key, lang.rtl()).to_owned());
    }
    match (filter.from, filter.to) {
        (Some(f), Some(t))
            if f.year() == t.year()
                && (f.month(), f.day()) == (1, 1)
                && (t.month(), t.day()) == (12, 31) =>
        {
            parts.push(f.year().to_string());
        }
        (Some(f), Some(t)) if f == t => parts.push(f.to_string()),
        (Some(f), Some(t)) => parts.push(format!("{f}-{t}")),
        (Some(f), None) => parts.push(format!("from-{f}")),
        (None, Some(t)) => parts.push(format!("to-{t}")),
        (None, None) => {}
    }
    if let Some(text) = filter.text.as_deref() {
        parts.push(text.to_owned());
    }
    let stem = slug(&parts.join("-"));
    let ext = format.extension();
    let room = MAX_FILE_NAME_BYTES - ext.len() - 1;
    let stem = crate::text::cut::prefix_at_most(&stem, room);
    format!("{}.{ext}", stem.trim_end_matches('-'))
}

/// `text` as a file name part: letters and digits (any script) lower-cased, Arabic short vowels
/// and tatweel dropped, every other run of characters one `-`, no `-` at either end.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}') {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The format a chosen file gets: `chosen` (by name in the popup), unless the file's extension
/// names another format (a typed `.json` when CSV was chosen): the file then holds what its
/// name says. TimelineJS stays TimelineJS in a `.json`, CSV stays plain CSV in a `.csv`.
pub fn format_for_path(path: &Path, chosen: Format) -> Format {
    let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
        return chosen;
    };
    match Format::from_extension(ext) {
        Some(named) if !ext.eq_ignore_ascii_case(chosen.extension()) => named,
        _ => chosen,
    }
}

/// `path` with `format`'s extension added when it has none (a dialog that does not add it).
pub fn with_extension(path: PathBuf, format: Format) -> PathBuf {
    if path.extension().is_some() {
        path
    } else {
        path.with_extension(format.extension())
    }
}

#[cfg(test)]
mod tests;
