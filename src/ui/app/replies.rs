//! The reads thread's answers: the timeline, its pages and facets, the open article, and
//! the reader and list following them.

use super::*;

/// The reads thread's answers.
impl ArshifApp {
    /// Asks the reads thread for the timeline again if the filter changed since the last
    /// request (or the archive changed); the answer arrives in a later frame ([`Self::read`]).
    pub(super) fn refresh(&mut self) {
        if self.query.queried.as_ref() == Some(&self.settings.filter) {
            return;
        }
        self.query.queried = Some(self.settings.filter.clone());
        self.panels.pages.archive_changed();
        let same = self.query.last_asked.as_ref() == Some(&self.settings.filter);
        let loaded = if same {
            self.query.timeline.cards.len()
        } else {
            0
        };
        self.query.last_asked = Some(self.settings.filter.clone());
        self.reads
            .timeline_keeping(self.settings.filter.clone(), loaded);
    }

    /// Takes what the reads thread answered (never waits).
    pub(super) fn read(&mut self) {
        let replies = self.reads.poll();
        self.apply_replies(replies);
    }

    pub(super) fn apply_replies(&mut self, replies: Vec<Reply>) {
        for reply in replies {
            match reply {
                Reply::Opened { described } => {
                    self.files.switching_from = None;
                    self.query.described = described;
                    if std::mem::take(&mut self.query.extract_when_open) {
                        self.start_extract();
                    }
                }
                Reply::OpenFailed(e) => {
                    self.query.extract_when_open = false;
                    self.query.open_first = false;
                    let failed = self.files.path.clone();
                    // A switch that failed: back to the archive open before, the error shown
                    // (and the file that failed left out of Recent archives).
                    if let Some(previous) = self.files.switching_from.take() {
                        if let Some(f) = &failed {
                            self.settings.recent.retain(|p| p != f);
                        }
                        self.reopen(previous);
                    }
                    self.jobs.error = Some(e);
                }
                Reply::Timeline {
                    result, external, ..
                } => self.timeline_arrived(result, external),
                Reply::More { offset, result, .. } => self.page_arrived(offset, result),
                Reply::Facets { result, .. } => self.facets_arrived(result),
                Reply::Article { result, .. } => {
                    let Some(open) = self.panels.reader.open.as_mut() else {
                        continue;
                    };
                    // A report switch reads another meeting row: the card stays open.
                    if self.query.reading != Some(open.id) {
                        continue;
                    }
                    let mut moved = None;
                    match result {
                        Ok(Some(article)) => {
                            // Grouped into another meeting since it was opened: follow it.
                            if article.event != open.id {
                                moved = Some(article.event);
                            }
                            open.article = Some(article);
                        }
                        Ok(None) => open.article = None,
                        Err(e) => {
                            self.jobs.error = Some(e);
                            open.article = None;
                        }
                    }
                    self.query.reading = None;
                    if let Some(event) = moved {
                        self.follow_open_meeting(event);
                    } else if self
                        .panels
                        .reader
                        .open
                        .as_ref()
                        .is_some_and(|o| o.article.is_none() && self.card_index(o.id).is_none())
                        && self.query.timeline.cards.len() >= self.query.timeline.matching
                    {
                        // Gone from the archive (re-extracted, deleted): nothing to show.
                        self.panels.reader.open = None;
                    }
                }
                Reply::EditContext(result) => match result {
                    Ok(c) => self.panels.reader.edit.set_context(c),
                    Err(e) => {
                        self.panels.reader.edit.set_context(None);
                        self.jobs.error = Some(e);
                    }
                },
                Reply::LinkEdit(result) => self.apply(Some(match result {
                    Ok(edit) => Action::Submit(crate::ui::worker::Job::Apply { edit }),
                    Err(e) => Action::Error(e),
                })),
            }
        }
    }

    /// A timeline answer: shown, the list and strip rebuilt, the open meeting read again.
    /// `external`: another connection wrote to the archive (its imports and edits show up).
    pub(super) fn timeline_arrived(&mut self, result: Result<Timeline, String>, external: bool) {
        if external {
            self.panels.pages.archive_changed();
            self.panels.reader.edit.archive_changed();
        }
        let old = match result {
            Ok(mut t) => {
                if std::mem::take(&mut self.jobs.read_error) {
                    self.jobs.error = None;
                }
                // The counts follow (`Reply::Facets`): the filter panel keeps the previous ones
                // until then.
                let q = &mut self.query.timeline;
                if t.facets == Default::default() && t.per_year.is_empty() && t.undated == 0 {
                    t.facets = std::mem::take(&mut q.facets);
                    t.per_year = std::mem::take(&mut q.per_year);
                    t.undated = q.undated;
                }
                std::mem::replace(&mut self.query.timeline, t)
            }
            Err(e) => {
                self.jobs.error = Some(e);
                self.jobs.read_error = true;
                std::mem::take(&mut self.query.timeline)
            }
        };
        drop_off_thread(old);
        self.panels.list.rebuild(&self.query.timeline, self.lang());
        self.rebuild_overview();
        self.query.jump_to = None;
        let cards = &self.query.timeline.cards;
        let keep = self
            .panels
            .list
            .cursor
            .filter(|&c| external && c < cards.len());
        self.panels.list.cursor = if cards.is_empty() {
            None
        } else {
            Some(keep.unwrap_or(0))
        };
        if let Some(id) = self.query.pending_open.take() {
            match self.card_index(id) {
                Some(idx) => {
                    self.open_card(idx);
                    self.panels.list.scroll_to_cursor = true;
                }
                // On a later page: the reader shows it all the same.
                None => self.show_in_reader(id),
            }
        }
        if std::mem::take(&mut self.query.open_first) && self.open_meeting().is_none() {
            self.open_card(0);
        }
        if let Some(id) = self.open_meeting() {
            match self.card_index(id) {
                // Grouped into another meeting (the reply says which: followed there), on a
                // page not loaded yet, or gone (the reader then closes): read it again.
                None => self.show_in_reader(id),
                Some(idx) => {
                    // The archive changed (an edit, an import): read the open meeting again.
                    let cursor = self.panels.list.cursor;
                    self.open_card(idx);
                    self.panels.list.cursor = cursor;
                }
            }
        }
    }

    /// The facet counts of the timeline shown (read after its cards).
    pub(super) fn facets_arrived(&mut self, result: Result<Option<TimelineFacets>, String>) {
        match result {
            Ok(Some(f)) => {
                let t = &mut self.query.timeline;
                t.facets = f.facets;
                t.per_year = f.per_year;
                t.undated = f.undated;
                self.rebuild_overview();
            }
            Ok(None) => {}
            Err(e) => self.jobs.error = Some(e),
        }
    }

    /// A further page of the timeline (rows from `offset` on): appended to the cards, the list
    /// and the strip, unless the cards changed meanwhile (a refresh answered first).
    pub(super) fn page_arrived(&mut self, offset: usize, result: Result<Vec<MeetingCard>, String>) {
        let cards = match result {
            Ok(cards) => cards,
            Err(e) => {
                self.jobs.error = Some(e);
                return;
            }
        };
        let timeline = &mut self.query.timeline;
        if offset != timeline.cards.len() {
            return;
        }
        if cards.is_empty() {
            // Fewer rows than counted (another writer removed some): nothing more to ask for
            // until the re-read that writer's change brings.
            timeline.matching = offset;
            return;
        }
        timeline.cards.extend(cards);
        let lang = self.lang();
        self.panels.list.extend(&self.query.timeline, offset, lang);
        self.rebuild_overview();
        if let Some(month) = self.query.jump_to.take() {
            self.jump(month);
        }
    }

    /// The strip's bins: months of the loaded cards when all are loaded, else the years of all.
    pub(super) fn rebuild_overview(&mut self) {
        let t = &self.query.timeline;
        self.panels.overview.rebuild(&t.cards);
        if t.cards.len() < t.matching {
            self.panels.overview.use_years(&t.per_year);
        }
    }

    /// Scrolls the list to the card nearest month `month` (an index) once the cards down to
    /// that month are loaded; until then asks for them.
    pub(super) fn jump(&mut self, month: i32) {
        use crate::ui::panels::overview::month_index;
        let t = &self.query.timeline;
        let newest_first = self.settings.filter.order == crate::query::Order::NewestFirst;
        // The loaded cards reach past `month` (or every card is loaded).
        let reached = t.cards.len() >= t.matching
            || t.cards.last().is_some_and(|c| match c.date {
                None => true,
                Some(d) if newest_first => month_index(d) < month,
                Some(d) => month_index(d) > month,
            });
        if reached {
            if let Some(idx) = self.panels.overview.nearest_card(month) {
                self.panels.list.cursor = Some(idx);
                self.panels.list.scroll_to_cursor = true;
            }
        } else {
            self.query.jump_to = Some(month);
            self.reads.more(t.cards.len(), Some(month));
        }
    }

    /// Asks for the next page when the list has scrolled near the end of the loaded cards and
    /// more match.
    pub(super) fn load_more(&mut self) {
        if let Some(month) = self.panels.list.jump.take() {
            self.jump(month);
        }
        if !std::mem::take(&mut self.panels.list.wants_more) {
            return;
        }
        let loaded = self.query.timeline.cards.len();
        if loaded < self.query.timeline.matching && !self.reads.timeline_pending() {
            self.reads.more(loaded, None);
        }
    }

    pub(super) fn card_index(&self, id: u64) -> Option<usize> {
        self.query.timeline.cards.iter().position(|c| c.id == id)
    }

    /// Opens card `idx` in the reader: its article is asked of the reads thread (the article
    /// shown before stays, with a spinner, when the same meeting is read again).
    pub(super) fn open_card(&mut self, idx: usize) {
        let Some(card) = self.query.timeline.cards.get(idx) else {
            return;
        };
        let id = card.id;
        self.panels.list.cursor = Some(idx);
        self.show_in_reader(id);
    }

    /// Opens meeting `id` in the reader, whether or not its card is loaded (a later page): the
    /// article already shown stays while the same meeting's is read again.
    pub(super) fn show_in_reader(&mut self, id: u64) {
        let article = match self.panels.reader.open.take() {
            Some(o) if o.id == id => o.article,
            _ => None,
        };
        self.panels.reader.open = Some(OpenMeeting { id, article });
        self.query.reading = Some(id);
        self.reads.article(id);
    }

    /// The open meeting is now part of meeting `event` (a grouping folded it in): the reader
    /// and the list cursor move there.
    pub(super) fn follow_open_meeting(&mut self, event: u64) {
        if let Some(open) = self.panels.reader.open.as_mut() {
            open.id = event;
        }
        if let Some(idx) = self.card_index(event) {
            self.panels.list.cursor = Some(idx);
            self.panels.list.scroll_to_cursor = true;
        }
    }

    /// Shows report `row` (another meeting row of the open meeting) in the reader.
    pub(super) fn read_report(&mut self, row: u64) {
        if let Some(open) = &self.panels.reader.open {
            self.query.reading = Some(open.id);
            self.reads.article(row);
        }
    }

    /// True while anything the window shows is still being read (the archive opening, the
    /// timeline, the open article, the correction panel's context): the window draws
    /// meanwhile, with a spinner where results are pending.
    pub fn loading(&self) -> bool {
        self.reads.pending()
            || self.panels.pages.loading()
            || self.query.queried.as_ref() != Some(&self.settings.filter)
    }

    /// Waits up to `timeout` for the reads thread's answers (and those they lead to) and takes
    /// them (tests and `--screenshot`, which must see complete results; the app's frames never
    /// call it). True when something arrived (the caller should draw another frame).
    pub fn wait_for_reads(&mut self, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        let mut got = false;
        // An answer may ask for more (a timeline opens its first card's article): wait for all.
        while self.reads.pending() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            let replies = self.reads.wait(left);
            if replies.is_empty() {
                break;
            }
            got = true;
            self.apply_replies(replies);
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        got | self.panels.pages.wait(left)
    }

    /// Opens meeting `id`; when the filter hides it, shows everything, then opens it (in the
    /// reader alone when its card is on a page the list has not loaded).
    pub(super) fn open_meeting_by_id(&mut self, id: u64) {
        match self.card_index(id) {
            Some(idx) => {
                self.open_card(idx);
                self.panels.list.scroll_to_cursor = true;
            }
            None => {
                let before = self.settings.filter.clone();
                self.clear_all();
                if self.settings.filter == before {
                    // Nothing hides it: its card is on a page not loaded yet.
                    self.show_in_reader(id);
                } else {
                    self.query.pending_open = Some(id);
                }
            }
        }
    }

    pub(super) fn clear_all(&mut self) {
        self.panels.filters.clear_all(&mut self.settings.filter);
    }

    /// Opens the first meeting of the timeline in the reader (used by screenshots and tests):
    /// now when the timeline is current, else once it arrives.
    pub fn open_first(&mut self) {
        self.refresh();
        if self.reads.timeline_pending() || self.reads.opening() {
            self.query.open_first = true;
        } else if !self.query.timeline.cards.is_empty() {
            self.open_card(0);
        }
    }
}

/// Freeing a big timeline's cards (tens of thousands of strings) takes a frame's worth of time:
/// a timeline of more than a thousand cards is dropped on a thread of its own.
fn drop_off_thread(old: Timeline) {
    if old.cards.len() > 1000 {
        let dropped = std::thread::Builder::new()
            .name("arshif-drop".into())
            .spawn(move || drop(old));
        // No thread to spare: `spawn` dropped the closure, and the timeline with it, here.
        drop(dropped);
    }
}
