//! What the app shows, as plain data: timeline cards, facet counts, the reader's article, and the
//! filter the user builds. The panels read only these types; an [`Archive`] produces them.
//!
//! These view-model types stand in until the `query` module lands (`Filter` → timeline rows + facet
//! counts); wiring real data is then one function, [`crate::ui::open_archive`], returning an
//! [`Archive`] over the store.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{DatePrecision, Lang};

/// One official at a meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// The person's key in the archive (`khaled_mazen`; what a correction names), empty in the
    /// demo.
    pub key: String,
    /// Name as written in Arabic sources (`خالد مازن`), empty when unknown.
    pub name_ar: String,
    /// Name in Latin letters (`Khaled Mazen`): the key used by the Officials facet.
    pub name_en: String,
    /// Role (`Minister of Interior`).
    pub role: String,
    /// Ministry or body (`Ministry of Interior`).
    pub body: String,
    /// Country the official represents (`Libya`, `Italy`, `European Union`).
    pub country: String,
}

/// One meeting on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingCard {
    /// Stable id of the meeting in its archive.
    pub id: u64,
    /// Date (the 1st of the month / 1 January when the precision is coarser), `None` when undated.
    pub date: Option<NaiveDate>,
    /// Which parts of `date` are known.
    pub precision: DatePrecision,
    /// Place (`Tripoli`), empty when unknown.
    pub place: String,
    /// Meeting kind (`visit`, `meeting`, `phone call`).
    pub kind: String,
    /// The Libyan side.
    pub libyan: Vec<Participant>,
    /// The European side.
    pub european: Vec<Participant>,
    /// Topics as shown (`illegal migration`).
    pub topics: Vec<String>,
    /// The Topics facet key of each entry of `topics` (same length; what a chip click selects).
    pub topic_keys: Vec<String>,
    /// How many articles report this meeting.
    pub reports: usize,
}

/// The article the reader panel shows for a meeting: stored text, logical order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleView {
    /// Headline as stored.
    pub headline: String,
    /// Body as stored (paragraphs separated by `\n`).
    pub body: String,
    /// Language of the article.
    pub lang: Lang,
    /// Byte ranges of `body` holding the extracted participants' names (highlighted).
    pub name_spans: Vec<Range<usize>>,
    /// Where the article came from (file name or URL).
    pub source: String,
}

/// The filter panel's facets: the same type the timeline query counts (one definition).
pub use crate::query::Facet;

/// Counts per facet value over the meetings the filter selects (values sorted by count, then name).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FacetCounts {
    /// Facet → (value key as it goes into the [`Filter`], number of meetings).
    pub values: BTreeMap<Facet, Vec<(String, usize)>>,
    /// Display labels (English, Arabic) of keys that are not their own label (entity keys such as
    /// `luciana_lamorgese`, country codes).
    pub labels: BTreeMap<(Facet, String), (String, String)>,
}

impl FacetCounts {
    /// The counted values of one facet (empty when none).
    pub fn of(&self, facet: Facet) -> &[(String, usize)] {
        self.values.get(&facet).map_or(&[], Vec::as_slice)
    }

    /// How `key` of `facet` is shown: its English label, or Arabic when `arabic` (falling back to
    /// the other language, then to the key itself).
    pub fn label<'a>(&'a self, facet: Facet, key: &'a str, arabic: bool) -> &'a str {
        match self.labels.get(&(facet, key.to_owned())) {
            Some((en, ar)) => {
                let (first, second) = if arabic { (ar, en) } else { (en, ar) };
                if !first.trim().is_empty() {
                    first
                } else if !second.trim().is_empty() {
                    second
                } else {
                    key
                }
            }
            None => key,
        }
    }
}

/// What the user asked to see. Stand-in for `query::Filter` until that lands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Free-text search (Arabic or Latin), matched after `text::normalize` folding.
    pub text: String,
    /// Selected values per facet: a meeting must match one value of every facet that has any.
    pub selected: BTreeMap<Facet, BTreeSet<String>>,
    /// First day shown (inclusive).
    pub from: Option<NaiveDate>,
    /// Last day shown (inclusive).
    pub to: Option<NaiveDate>,
}

impl Filter {
    /// True when nothing narrows the timeline.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.selected.values().all(BTreeSet::is_empty)
            && self.from.is_none()
            && self.to.is_none()
    }

    /// Adds or removes `value` from `facet`'s selection.
    pub fn toggle(&mut self, facet: Facet, value: &str) {
        let set = self.selected.entry(facet).or_default();
        if !set.remove(value) {
            set.insert(value.to_owned());
        }
        if set.is_empty() {
            self.selected.remove(&facet);
        }
    }

    /// True when `value` is selected in `facet`.
    pub fn is_selected(&self, facet: Facet, value: &str) -> bool {
        self.selected.get(&facet).is_some_and(|s| s.contains(value))
    }
}

/// Order of the timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortOrder {
    /// Newest first (undated last).
    #[default]
    NewestFirst,
    /// Oldest first (undated last).
    OldestFirst,
}

/// What a filter selects: the cards in timeline order and the facet counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Matching meetings, sorted by the requested order.
    pub cards: Vec<MeetingCard>,
    /// Facet counts over `cards`.
    pub facets: FacetCounts,
    /// Meetings in the archive before filtering.
    pub total: usize,
}

/// What the correction panel reads from the archive ([`Archive::edit_context`]): read after each
/// finished job, never per frame.
#[derive(Clone, Debug, Default)]
pub struct EditContext {
    /// The gazetteer extraction uses: the shipped one with the user's aliases and officials
    /// ([`crate::edits::gazetteer_with_user`]). The place, people and topic searches read it.
    pub gazetteer: std::sync::Arc<crate::gazetteer::Gazetteer>,
    /// Every edit, oldest first ([`crate::edits::history`]).
    pub history: Vec<crate::edits::EditRecord>,
    /// Whether Undo and Redo have something to do ([`crate::edits::can_undo_redo`]).
    pub can_undo: bool,
    /// See `can_undo`.
    pub can_redo: bool,
}

/// Where the app's data comes from. Calls happen when the filter changes, never per frame.
pub trait Archive: Send {
    /// Human-readable name of the source (shown in the status bar).
    fn describe(&self) -> String;
    /// The meetings `filter` selects, in `order`, with facet counts.
    fn timeline(&self, filter: &Filter, order: SortOrder) -> anyhow::Result<Timeline>;
    /// The main article reporting meeting `id`, if any.
    fn article(&self, id: u64) -> anyhow::Result<Option<ArticleView>>;
    /// The gazetteer and edit log for the correction panel; `None` when the archive keeps no
    /// corrections (the demo).
    fn edit_context(&self) -> anyhow::Result<Option<EditContext>> {
        Ok(None)
    }
}
