//! What the app shows, as plain data: timeline cards, facet counts, the reader's article. The
//! filter the user builds is the library's one [`crate::query::Filter`] (the panels address it
//! through `ui::filter::FilterExt`). The panels read only these types; an [`Archive`] produces
//! them.
//!
//! The archive behind them is `ui::store_archive::StoreArchive` (the SQLite file through
//! [`crate::query`]); labels come in both scripts so the Arabic UI never shows English names.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::{DatePrecision, Lang, MeetingKind, MeetingStatus};
use chrono::NaiveDate;

/// One official at a meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// The person's key in the archive (`khaled_mazen`; what a correction and the Officials
    /// facet name).
    pub key: String,
    /// Name as written in Arabic sources (`خالد مازن`), empty when unknown.
    pub name_ar: String,
    /// Name in Latin letters (`Khaled Mazen`): the key used by the Officials facet.
    pub name_en: String,
    /// Role (`Minister of Interior`).
    pub role: String,
    /// Role in Arabic (`وزير الداخلية`), from the gazetteer office or as written; empty when
    /// unknown.
    pub role_ar: String,
    /// Ministry or body (`Ministry of Interior`).
    pub body: String,
    /// Country the official represents (`Libya`, `Italy`, `European Union`).
    pub country: String,
    /// The country in Arabic (`ليبيا`), empty when unknown.
    pub country_ar: String,
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
    /// Place in Arabic (`طرابلس`), empty when unknown.
    pub place_ar: String,
    /// Meeting kind (CAMEO 040–044).
    pub kind: MeetingKind,
    /// Held, announced or cancelled.
    pub status: MeetingStatus,
    /// The Libyan side.
    pub libyan: Vec<Participant>,
    /// The European side.
    pub european: Vec<Participant>,
    /// Topics in English (`illegal migration`).
    pub topics: Vec<String>,
    /// Topics in Arabic (`الهجرة غير الشرعية`; same length as `topics`, an entry empty when
    /// unknown).
    pub topics_ar: Vec<String>,
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
    /// What extraction found in `body`, highlighted by the reader (byte ranges of `body`, sorted,
    /// not overlapping).
    pub highlights: Vec<Highlight>,
    /// Where the article came from (file name or URL).
    pub source: String,
    /// The open meeting's facts and the text each came from.
    pub facts: Vec<Fact>,
    /// Other meetings with at least one of the open meeting's officials, in timeline order.
    pub related: Vec<MeetingCard>,
    /// Every report of the open meeting (this article's among them), for the reader to switch
    /// between; empty or one entry when the meeting has one report.
    pub reports: Vec<ReportTab>,
    /// The card (event) id the asked meeting row belongs to now: a grouping after an import
    /// can fold the open meeting into another one, and the reader follows it there.
    pub event: u64,
}

/// One report of a meeting, as the reader lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportTab {
    /// The report's meeting row: what [`Archive::article`] opens to show this report.
    pub id: u64,
    /// "Outlet · ar · 2021-04-19 · headline" (what is known).
    pub label: String,
    /// A near-identical copy of an earlier article.
    pub copy: bool,
    /// The report shown now.
    pub current: bool,
}

/// What a highlighted stretch of the article is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighlightKind {
    /// An official's name (clicking filters by `key`).
    Name,
    /// The meeting's place.
    Place,
    /// The expression that dates the meeting.
    Date,
    /// A topic cue.
    Topic,
}

/// A highlighted byte range of an article body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// Byte range in [`ArticleView::body`].
    pub range: Range<usize>,
    /// What it is.
    pub kind: HighlightKind,
    /// The facet key it stands for (a person key for names, a place or topic id), empty for dates.
    pub key: String,
}

/// One fact of a meeting with the text it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// What kind of fact (an English UI key: "Participant", "Place", "Date note", "Evidence",
    /// "Topic").
    pub what: &'static str,
    /// The fact in English (`Khaled Mazen`, `Tripoli`, the date note).
    pub value: String,
    /// The fact in Arabic (`خالد مازن`, `طرابلس`), empty when there is none.
    pub value_ar: String,
    /// The article text it came from (logical order), empty when none is stored.
    pub quote: String,
    /// Byte range of `quote` in the article text extraction read (headline + "\n" + body).
    pub span: Option<Range<usize>>,
}

/// The filter panel's facets: the same type the timeline query counts (one definition).
pub use crate::query::Facet;
use crate::query::Filter;

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

/// What a filter selects: the first cards in timeline order (a page, more as the list scrolls)
/// and the facet counts over all of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The loaded matching meetings, sorted by the filter's order: rows `0..cards.len()` of the
    /// `matching` ones ([`Archive::more`] reads the next page).
    pub cards: Vec<MeetingCard>,
    /// Meetings the filter selects (loaded or not): "N meetings" in the timeline and status bar.
    pub matching: usize,
    /// Facet counts over all `matching` meetings (those of the previous filter until
    /// [`Archive::facets`] has answered).
    pub facets: FacetCounts,
    /// Meetings in the archive before filtering.
    pub total: usize,
    /// Articles in the archive.
    pub articles: usize,
    /// (year, meetings) of the dated meetings the filter selects, by year.
    pub per_year: Vec<(i32, usize)>,
    /// Meetings the filter selects that have no date.
    pub undated: usize,
}

/// The counts of a filter's meetings that [`Archive::facets`] reads after the cards (the slow
/// part of a filter change): the same fields of [`Timeline`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimelineFacets {
    /// See [`Timeline::facets`].
    pub facets: FacetCounts,
    /// See [`Timeline::per_year`].
    pub per_year: Vec<(i32, usize)>,
    /// See [`Timeline::undated`].
    pub undated: usize,
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

/// Where the app's data comes from. Called on the reads thread ([`crate::ui::reads`]) when the
/// filter changes, never on the UI thread nor per frame.
pub trait Archive: Send {
    /// The archive's file (shown in the status bar).
    fn describe(&self) -> String;
    /// The first meetings `filter` selects, in its order (a page, or the first `loaded` rows
    /// when that is more: a refresh keeps what the list had loaded), with the number matching
    /// and facet counts over all of them (the search text as typed: the archive trims it).
    fn timeline(&self, filter: &Filter, loaded: usize) -> anyhow::Result<Timeline>;
    /// The facet counts, years and undated count of `filter`'s meetings, read after
    /// [`Self::timeline`] has answered (so the cards show first); `None` when `timeline` already
    /// gave them.
    fn facets(&self, filter: &Filter) -> anyhow::Result<Option<TimelineFacets>> {
        let _ = filter;
        Ok(None)
    }
    /// The page of `filter`'s meetings from row `offset` on (empty past the end): what the list
    /// loads as it scrolls near the end of its cards. With `through` (a month index, see
    /// `panels::overview::month_index`), the rows up to that month's and a page after them (the
    /// overview strip's jump to a month not loaded yet).
    fn more(
        &self,
        filter: &Filter,
        offset: usize,
        through: Option<i32>,
    ) -> anyhow::Result<Vec<MeetingCard>> {
        let _ = (filter, offset, through);
        Ok(Vec::new())
    }
    /// The main article reporting meeting `id`, if any, with its highlights, the meeting's facts
    /// and the other meetings of its officials.
    fn article(&self, id: u64) -> anyhow::Result<Option<ArticleView>>;
    /// The gazetteer and edit log for the correction panel; `None` when the archive keeps no
    /// corrections.
    /// The edit recording a merge, split or "different" of timeline meetings
    /// ([`crate::edits::link_edit`]); an error when the archive keeps no corrections.
    fn link_edit(&self, request: crate::edits::LinkRequest) -> anyhow::Result<crate::edits::Edit> {
        let _ = request;
        anyhow::bail!("this archive keeps no corrections")
    }
    fn edit_context(&self) -> anyhow::Result<Option<EditContext>> {
        Ok(None)
    }
    /// A number that changes when another connection has written to the archive since the last
    /// call (SQLite's `PRAGMA data_version`), `None` when the archive cannot tell: the reads
    /// thread ([`crate::ui::reads`]) polls it to show other writers' work.
    fn data_version(&self) -> Option<i64> {
        None
    }
}
