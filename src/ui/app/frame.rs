//! Input (keys, dropped files, the theme) and the frame: which panel is drawn where.

use super::*;

/// Input and the frame.
impl ArshifApp {
    pub(super) fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.jobs.dialog_unavailable = None;
            self.start_import(dropped);
        }
        if self.panels.export.is_open() {
            return; // The popup is modal: it takes Escape, the rest waits.
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_SEARCH)) {
            self.panels.top_bar.focus_search = true;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_IMPORT)) {
            self.ask_dialog(DialogPurpose::Import);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_EXPORT)) {
            self.ask_dialog(DialogPurpose::Export);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_NETWORK)) {
            self.apply([Action::OpenNetwork]);
        }
        // A text field keeps Ctrl+Z for its own text.
        if !ctx.text_edit_focused() {
            if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_REDO)) {
                self.redo();
            } else if ctx.input_mut(|i| i.consume_shortcut(&SHORTCUT_UNDO)) {
                self.undo();
            }
        }
        let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        if typing {
            if ctx.input(|i| i.key_pressed(Key::Escape)) {
                self.settings.filter.text = None;
            }
            return;
        }
        self.cursor_keys(ctx);
        if ctx.input(|i| i.key_pressed(Key::Escape)) {
            if self.panels.reader.open.is_some() {
                self.panels.reader.open = None;
            } else if self.panels.pages.is_open() {
                self.panels.pages.back();
            } else {
                self.clear_all();
            }
        }
    }

    /// ↓/↑ move the cursor over the cards, Enter opens the card under it.
    pub(super) fn cursor_keys(&mut self, ctx: &egui::Context) {
        let n = self.query.timeline.cards.len();
        if n == 0 {
            return;
        }
        let (down, up, enter) = ctx.input(|i| {
            (
                i.key_pressed(Key::ArrowDown),
                i.key_pressed(Key::ArrowUp),
                i.key_pressed(Key::Enter),
            )
        });
        let list = &mut self.panels.list;
        if down {
            list.cursor = Some(list.cursor.map_or(0, |c| (c + 1).min(n - 1)));
            list.scroll_to_cursor = true;
        }
        if up {
            list.cursor = Some(list.cursor.map_or(0, |c| c.saturating_sub(1)));
            list.scroll_to_cursor = true;
        }
        if enter && let Some(c) = list.cursor {
            self.open_card(c);
        }
    }

    pub(super) fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.settings.dark) {
            ctx.set_theme(if self.settings.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_theme = Some(self.settings.dark);
        }
    }

    /// One frame of the whole UI (also used by tests without eframe): events first, then the
    /// panels in this order (top bar, status bar, filters, reader, timeline), each panel's
    /// actions applied before the next is drawn.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.reads.wake_with(&ctx);
        self.read();
        self.handle_events();
        // An archive open read-only is not written to: the inbox folder is not watched.
        let folder = self
            .settings
            .inbox
            .clone()
            .filter(|_| self.jobs.read_only.is_none());
        let inbox = self.panels.inbox.frame(
            &ctx,
            folder.as_deref(),
            self.files.path.as_deref(),
            self.lang(),
        );
        self.apply(inbox);
        self.handle_input(&ctx);
        self.refresh();

        let actions = egui::Panel::top("arshif-top")
            .show(ui, |ui| self.top_bar(ui))
            .inner;
        self.apply(actions);
        if let Some(backup) = &self.jobs.pending_restore {
            let archive = self.files.path.as_deref();
            let answer = crate::ui::panels::restore::confirm(&ctx, backup, archive, self.lang());
            self.apply(answer);
        }
        let actions = egui::Panel::bottom("arshif-status")
            .show(ui, |ui| self.status_bar(ui))
            .inner;
        self.apply(actions);
        let rtl = self.lang().rtl();
        let filters = if rtl {
            egui::Panel::right("arshif-filters")
        } else {
            egui::Panel::left("arshif-filters")
        };
        filters.resizable(true).default_size(250.0).show(ui, |ui| {
            let (filter, timeline) = (&mut self.settings.filter, &self.query.timeline);
            self.panels
                .filters
                .ui(ui, filter, timeline, self.settings.lang);
        });
        let reader = if rtl {
            egui::Panel::left("arshif-reader")
        } else {
            egui::Panel::right("arshif-reader")
        };
        let actions = reader
            .resizable(true)
            .default_size(420.0)
            .show(ui, |ui| self.reader(ui))
            .inner;
        self.apply(actions);
        if self.panels.pages.is_open() {
            let actions = egui::CentralPanel::default()
                .show(ui, |ui| {
                    let cx = crate::ui::panels::page::PageContext {
                        archive: self.files.path.as_deref(),
                        filter: &self.settings.filter,
                        lang: self.settings.lang,
                    };
                    self.panels.pages.ui(ui, &cx)
                })
                .inner;
            self.apply(actions);
        } else {
            let clicked = egui::CentralPanel::default()
                .show(ui, |ui| self.timeline_view(ui))
                .inner;
            self.apply(clicked.map(Action::OpenCard));
            self.load_more();
        }
        let asked = crate::ui::panels::take_page_request(&ctx);
        self.apply(asked.map(Action::OpenPage));
        // A card menu's merge, split or "different": an edit for the worker.
        if let Some(request) = self.panels.list.link.take() {
            self.reads.link_edit(request);
        }
        let view = ExportView {
            filter: &self.settings.filter,
            timeline: &self.query.timeline,
            lang: self.settings.lang,
            busy: self.running().blocked(UserAction::Export).is_some(),
        };
        let actions = (self.panels.export).ui(&ctx, &mut self.settings.export_format, &view);
        self.apply(actions);
        self.drop_overlay(&ctx);
    }

    pub(super) fn top_bar(&mut self, ui: &mut Ui) -> Vec<Action> {
        let running = self.running();
        let view = TopBarView {
            can_open: self.files.opener.is_some(),
            running: &running,
            archive_path: self.files.path.as_deref(),
            inbox: &self.panels.inbox,
        };
        self.panels.top_bar.ui(ui, &mut self.settings, &view)
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) -> Vec<Action> {
        let view = StatusView {
            job: self.jobs.running.as_ref(),
            summary: self.jobs.summary.as_ref(),
            error: self.jobs.error.as_deref(),
            notice: self.refused(),
            read_only: self.jobs.read_only.as_deref(),
            dialog_unavailable: self.jobs.dialog_unavailable,
            status_line: self.status_line(),
            lang: self.lang(),
        };
        self.panels.status.ui(ui, &view)
    }

    pub(super) fn reader(&mut self, ui: &mut Ui) -> Vec<Action> {
        if self.panels.reader.open.is_some()
            && self.panels.reader.edit.wants_context()
            && !self.reads.edit_context_pending()
            && !self.reads.opening()
        {
            self.reads.edit_context();
        }
        let view = ReaderView {
            cards: &self.query.timeline.cards,
            loading: self.query.reading.is_some(),
            lang: self.settings.lang,
            busy: self.running().blocked(UserAction::Edit).is_some(),
        };
        self.panels.reader.ui(ui, &view, &mut self.settings.filter)
    }

    pub(super) fn timeline_view(&mut self, ui: &mut Ui) -> Option<usize> {
        let view = TimelineView {
            timeline: &self.query.timeline,
            loading: self.reads.timeline_pending() || self.reads.opening(),
            open: self.panels.reader.open.as_ref().map(|o| o.id),
            lang: self.settings.lang,
        };
        let panels = &mut self.panels;
        panels
            .list
            .ui(ui, &view, &mut panels.overview, &mut self.settings.filter)
    }

    /// "Drop files here to import them" over the window while files hover it.
    pub(super) fn drop_overlay(&self, ctx: &egui::Context) {
        if ctx.input(|i| i.raw.hovered_files.is_empty()) {
            return;
        }
        let screen = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("arshif-drop"),
        ));
        painter.rect_filled(screen, 0.0, Color32::from_black_alpha(160));
        let style = BidiStyle::new(
            FontId::proportional(24.0),
            Color32::WHITE,
            direction(self.lang()),
        );
        let g = bidi::galley(
            ctx,
            self.t("Drop files here to import them"),
            &style,
            f32::INFINITY,
        );
        painter.galley(screen.center() - g.size() / 2.0, g, Color32::WHITE);
    }
}

impl eframe::App for ArshifApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
        // eframe truncates its file before writing it: keep a copy written atomically.
        if let Some(path) = crate::ui::settings::settings_file()
            && let Err(e) = crate::ui::settings::save_file(&path, &self.settings)
        {
            self.jobs.error = Some(e.to_string());
        }
    }
}
