//! The real data source: an [`Archive`] over the SQLite archive through [`crate::query`] (timeline
//! rows and facet counts) and [`crate::store`] (article text). The UI runs no SQL itself; each call
//! here is one query, made when the filter changes, never per frame.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::Path;
use std::sync::Mutex;

use super::i18n::{UiLang, kind_label};
use super::model::{
    Archive, ArticleView, EditContext, Facet, FacetCounts, Fact, Highlight, HighlightKind,
    MeetingCard, Participant, Timeline, TimelineFacets,
};
use crate::model::{DatePrecision, MeetingKind, Side};
use crate::query::{self, EntityRef, Filter, TimelineMeeting};
use crate::store::Store;

/// Arabic labels the archive rows do not carry (roles and countries are stored in English or as
/// codes), looked up once in the gazetteer (shipped + the user's additions).
#[derive(Default)]
struct Labels {
    /// Country code → (English, Arabic) name.
    countries: HashMap<String, (String, String)>,
    /// (person key, English role) → Arabic role.
    person_roles: HashMap<(String, String), String>,
    /// English role → Arabic role, from any office in the gazetteer.
    roles: HashMap<String, String>,
}

impl Labels {
    fn from_gazetteer(g: &crate::gazetteer::Gazetteer) -> Self {
        let mut l = Labels::default();
        for c in &g.countries {
            l.countries
                .insert(c.code.clone(), (c.name_en.clone(), c.name_ar.clone()));
        }
        for p in &g.people {
            for o in &p.office {
                if o.role_en.is_empty() || o.role_ar.is_empty() {
                    continue;
                }
                l.person_roles
                    .insert((p.id.clone(), o.role_en.clone()), o.role_ar.clone());
                l.roles
                    .entry(o.role_en.clone())
                    .or_insert_with(|| o.role_ar.clone());
            }
        }
        l
    }

    /// The Arabic of `role` (English, or already Arabic as written) for person `key`.
    fn role_ar(&self, key: &str, role: &str) -> String {
        if super::bidi::has_rtl(role) {
            return role.to_owned();
        }
        self.person_roles
            .get(&(key.to_owned(), role.to_owned()))
            .or_else(|| self.roles.get(role))
            .cloned()
            .unwrap_or_default()
    }

    fn country(&self, code: &str) -> (String, String) {
        self.countries
            .get(code)
            .cloned()
            .unwrap_or_else(|| (code.to_owned(), String::new()))
    }
}

/// The rows the list has loaded (the last timeline query's pages), kept for the reader (never
/// re-queried per frame), and the related meetings the reader listed last (so a click on one
/// that is not loaded opens it too).
#[derive(Default)]
struct Shown {
    rows: Vec<TimelineMeeting>,
    by_id: HashMap<u64, usize>,
    related: HashMap<u64, TimelineMeeting>,
}

impl Shown {
    /// Keeps `rows` as rows `offset..` of the loaded ones (what was loaded from `offset` on is
    /// replaced).
    fn put(&mut self, offset: usize, rows: Vec<TimelineMeeting>) {
        self.rows.truncate(offset);
        self.by_id.retain(|_, &mut i| i < offset);
        for m in rows {
            self.by_id.insert(m.id as u64, self.rows.len());
            self.rows.push(m);
        }
    }

    /// The loaded or related row with id `id`.
    fn get(&self, id: u64) -> Option<&TimelineMeeting> {
        match self.by_id.get(&id) {
            Some(&i) => self.rows.get(i),
            None => self.related.get(&id),
        }
    }
}

/// Cards the timeline loads at a time (on a filter change, and each time the list scrolls near
/// the end of what it has).
pub const PAGE_SIZE: usize = 200;

/// The archive file as the app's timeline, reader and facets.
pub struct StoreArchive {
    store: Store,
    labels: Labels,
    /// The rows of the last timeline query.
    shown: Mutex<Shown>,
    /// Cards per page ([`PAGE_SIZE`] unless [`Self::with_page_size`] says otherwise).
    page_size: usize,
    /// The shipped gazetteer, parsed once (the user's additions are merged on each read).
    shipped: std::sync::OnceLock<crate::gazetteer::Gazetteer>,
}

impl StoreArchive {
    /// Opens its own connection to the archive at `path` (the file must exist: see
    /// [`crate::import::open_archive`], which creates and seeds it).
    ///
    /// # Errors
    /// The file cannot be opened or migrated (the error names it).
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        Self::with_store(Store::open(path)?)
    }

    /// Opens the archive at `path` for reading only ([`Store::open_read_only`]): the app's
    /// read-only mode.
    ///
    /// # Errors
    /// The file cannot be opened, or its schema is not this Arshif's (the error names it).
    pub fn open_read_only(path: &Path) -> anyhow::Result<Self> {
        Self::with_store(Store::open_read_only(path)?)
    }

    fn with_store(store: Store) -> anyhow::Result<Self> {
        let shipped = crate::gazetteer::Gazetteer::shipped();
        let gaz = crate::edits::gazetteer_with_user(&store, &shipped).unwrap_or(shipped);
        Ok(Self {
            store,
            labels: Labels::from_gazetteer(&gaz),
            shown: Default::default(),
            page_size: PAGE_SIZE,
            shipped: Default::default(),
        })
    }

    /// The same archive loading `n` cards a page (at least 1; tests use small pages).
    pub fn with_page_size(mut self, n: usize) -> Self {
        self.page_size = n.max(1);
        self
    }

    /// How many of `filter`'s rows come before those of month `month` (a month index): the
    /// dated rows after it (newest first) or before it (oldest first); undated rows come last.
    fn rows_before_month(&self, filter: &Filter, month: i32) -> anyhow::Result<usize> {
        use super::panels::overview::month_start;
        let mut q = super::filter::for_query(filter);
        match q.order {
            crate::query::Order::NewestFirst => {
                let Some(next) = month_start(month + 1) else {
                    return Ok(0);
                };
                q.from = Some(q.from.map_or(next, |f| f.max(next)));
            }
            crate::query::Order::OldestFirst => {
                let Some(last) = month_start(month).and_then(|d| d.pred_opt()) else {
                    return Ok(0);
                };
                q.to = Some(q.to.map_or(last, |t| t.min(last)));
            }
        }
        if q.from.zip(q.to).is_some_and(|(f, t)| f > t) {
            return Ok(0);
        }
        Ok(query::timeline_count(&self.store, &q)?)
    }

    /// Rows `offset..offset + limit` of `filter`'s timeline, kept for the reader, as cards; and
    /// the number of rows the filter selects.
    fn page(
        &self,
        filter: &Filter,
        offset: usize,
        limit: usize,
    ) -> anyhow::Result<(usize, Vec<MeetingCard>)> {
        let q = super::filter::for_query(filter);
        let page = query::timeline_page(&self.store, &q, offset, limit)?;
        let cards = page.rows.iter().map(|m| card(m, &self.labels)).collect();
        if let Ok(mut shown) = self.shown.lock() {
            shown.put(offset, page.rows);
        }
        Ok((page.total, cards))
    }
}

fn en(e: &EntityRef) -> String {
    crate::export::labels::name_en(e).to_owned()
}

fn ar(e: &EntityRef) -> String {
    e.name_ar.trim().to_owned()
}

fn card(m: &TimelineMeeting, labels: &Labels) -> MeetingCard {
    let person = |side: Side| -> Vec<Participant> {
        m.participants
            .iter()
            .filter(|p| p.side == side)
            .map(|p| {
                let (country, country_ar) = if p.country.is_empty() {
                    (String::new(), String::new())
                } else {
                    labels.country(&p.country)
                };
                Participant {
                    key: p.person.key.clone(),
                    name_ar: if p.person.name_ar.is_empty() {
                        p.as_written.clone()
                    } else {
                        p.person.name_ar.clone()
                    },
                    name_en: en(&p.person),
                    role: p.role.clone(),
                    role_ar: labels.role_ar(&p.person.key, &p.role),
                    body: p.body.as_ref().map(en).unwrap_or_default(),
                    country,
                    country_ar,
                }
            })
            .collect()
    };
    let mut european = person(Side::Europe);
    european.extend(person(Side::Other));
    MeetingCard {
        id: m.id as u64,
        date: m.date,
        precision: m.precision.unwrap_or(DatePrecision::Day),
        place: m.place.as_ref().map(en).unwrap_or_default(),
        place_ar: m.place.as_ref().map(ar).unwrap_or_default(),
        kind: m.kind,
        status: m.status,
        libyan: person(Side::Libya),
        european,
        topics: m.topics.iter().map(en).collect(),
        topics_ar: m.topics.iter().map(ar).collect(),
        topic_keys: m.topics.iter().map(|t| t.key.clone()).collect(),
        reports: m.article_ids.len(),
    }
}

/// Every occurrence of `needle` in `body` (byte ranges), empty for an empty needle.
fn occurrences(body: &str, needle: &str) -> Vec<Range<usize>> {
    let needle = needle.trim();
    if needle.is_empty() {
        return Vec::new();
    }
    body.match_indices(needle)
        .map(|(i, m)| i..i + m.len())
        .collect()
}

/// Adds `h` unless it overlaps a highlight already there (earlier kinds win).
fn push_highlight(out: &mut Vec<Highlight>, h: Highlight) {
    if h.range.is_empty()
        || out
            .iter()
            .any(|o| o.range.start < h.range.end && h.range.start < o.range.end)
    {
        return;
    }
    out.push(h);
}

use crate::model::{DateFound, DateNote};

/// The Arabic reading of a stored date note ([`DateNote`], parsed from what the pipeline
/// stores): the same facts, the quoted expression kept as written. Empty for a note the user or
/// a generator wrote, or of another shape (the English one is then shown).
pub fn date_note_ar(note: &str) -> String {
    let DateNote::Found {
        how,
        expression: expr,
        wrong_weekday,
        candidates,
    } = DateNote::parse(note)
    else {
        return String::new();
    };
    let mut out = match how {
        DateFound::Written => format!("مكتوب في النص: «{expr}»"),
        DateFound::RelativeToArticle => format!("«{expr}» حُسب من تاريخ نشر المقال"),
        DateFound::RelativeToTextDate => {
            format!("«{expr}» حُسب من التاريخ الكامل الوحيد المكتوب في المقال")
        }
        DateFound::RelativeUnresolved => {
            format!("يقول النص «{expr}» لكن المقال بلا تاريخ: عيّن تاريخ المقال لتأريخ هذا اللقاء")
        }
        DateFound::YearFromWeekday => {
            format!("«{expr}» بلا سنة: السنة من يوم الأسبوع ومدد تولي المشاركين مناصبهم")
        }
        DateFound::YearUnresolved if candidates.is_empty() => format!(
            "«{expr}» بلا سنة ولا توافق أي سنة يوم الأسبوع ومدد تولي المشاركين مناصبهم: عيّن التاريخ لتأريخ هذا اللقاء"
        ),
        DateFound::YearUnresolved => format!(
            "«{expr}» بلا سنة، والسنوات التي توافق يوم الأسبوع ومدد تولي المشاركين مناصبهم: {}؛ عيّن التاريخ لتأريخ هذا اللقاء",
            candidates
                .iter()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .collect::<Vec<_>>()
                .join("، ")
        ),
        DateFound::Nothing => "لا شيء في النص يحدد تاريخ هذا اللقاء".to_owned(),
    };
    if let Some(day) = wrong_weekday {
        out.push_str(&format!(
            "؛ تنبيه: يوم الأسبوع المذكور لا يوافق التاريخ {}",
            day.format("%Y-%m-%d")
        ));
    }
    out
}

/// The date words a stored date note quotes (the expression that dated the meeting).
fn quoted(note: &str) -> Option<&str> {
    let expr = DateNote::parse(note).expression()?.to_owned();
    // Borrowed from `note`, which quotes the words as written.
    note.find(expr.as_str()).map(|i| &note[i..i + expr.len()])
}

impl StoreArchive {
    /// Highlights, facts and related meetings of meeting row `m`, whose article has `headline`
    /// and `body`.
    fn detail(
        &self,
        m: &TimelineMeeting,
        headline: &str,
        body: &str,
    ) -> anyhow::Result<(Vec<Highlight>, Vec<Fact>, Vec<MeetingCard>)> {
        let sources = query::meeting_sources(&self.store, m.id)?.unwrap_or_default();
        // Stored spans are into headline + "\n" + body.
        let shift = headline.len() + 1;
        let in_body = |r: &Range<usize>| -> Option<Range<usize>> {
            let (s, e) = (r.start.checked_sub(shift)?, r.end.checked_sub(shift)?);
            (e <= body.len() && body.is_char_boundary(s) && body.is_char_boundary(e))
                .then_some(s..e)
        };
        let text = crate::pipeline::article_text(headline, body);
        let quote = |r: &Range<usize>| text.get(r.clone()).unwrap_or("").to_owned();
        let mut hl = Vec::new();
        // Names: the stored spans first, then every other place the same names appear.
        for (key, _, span) in &sources.participants {
            if let Some(r) = in_body(span) {
                push_highlight(
                    &mut hl,
                    Highlight {
                        range: r,
                        kind: HighlightKind::Name,
                        key: key.clone(),
                    },
                );
            }
        }
        for p in &m.participants {
            for name in [&p.as_written, &p.person.name_ar, &p.person.name_en] {
                for r in occurrences(body, name) {
                    push_highlight(
                        &mut hl,
                        Highlight {
                            range: r,
                            kind: HighlightKind::Name,
                            key: p.person.key.clone(),
                        },
                    );
                }
            }
        }
        if let Some(place) = &m.place {
            for name in [&place.name_ar, &place.name_en] {
                for r in occurrences(body, name) {
                    push_highlight(
                        &mut hl,
                        Highlight {
                            range: r,
                            kind: HighlightKind::Place,
                            key: place.key.clone(),
                        },
                    );
                }
            }
        }
        let date_expr = sources.date_note.as_deref().and_then(quoted).unwrap_or("");
        if let Some(r) = occurrences(body, date_expr).into_iter().next() {
            push_highlight(
                &mut hl,
                Highlight {
                    range: r,
                    kind: HighlightKind::Date,
                    key: String::new(),
                },
            );
        }
        for (key, span) in &sources.topics {
            if let Some(r) = in_body(span) {
                push_highlight(
                    &mut hl,
                    Highlight {
                        range: r,
                        kind: HighlightKind::Topic,
                        key: key.clone(),
                    },
                );
            }
        }
        hl.sort_by_key(|h| h.range.start);

        let mut facts = Vec::new();
        if let Some(note) = &sources.date_note {
            facts.push(Fact {
                what: "Date note",
                value: note.clone(),
                value_ar: date_note_ar(note),
                quote: date_expr.to_owned(),
                span: None,
            });
        }
        for p in &m.participants {
            let stored = sources
                .participants
                .iter()
                .find(|(k, _, _)| *k == p.person.key);
            facts.push(Fact {
                what: "Participant",
                value: en(&p.person),
                value_ar: p.person.name_ar.clone(),
                quote: stored
                    .map(|(_, w, _)| w.clone())
                    .unwrap_or_else(|| p.as_written.clone()),
                span: stored.map(|(_, _, s)| s.clone()),
            });
        }
        if let Some(place) = &m.place {
            facts.push(Fact {
                what: "Place",
                value: en(place),
                value_ar: ar(place),
                quote: String::new(),
                span: None,
            });
        }
        for t in &m.topics {
            let span = sources
                .topics
                .iter()
                .find(|(k, _)| *k == t.key)
                .map(|(_, s)| s.clone());
            facts.push(Fact {
                what: "Topic",
                value: en(t),
                value_ar: ar(t),
                quote: span.as_ref().map(quote).unwrap_or_default(),
                span,
            });
        }
        for (span, sentence) in &sources.evidence {
            facts.push(Fact {
                what: "Evidence",
                value: String::new(),
                value_ar: String::new(),
                quote: sentence.trim().to_owned(),
                span: Some(span.clone()),
            });
        }

        // Other meetings of the same officials (any of them), one query when the meeting opens.
        let officials: BTreeSet<String> = m
            .participants
            .iter()
            .map(|p| p.person.key.clone())
            .filter(|k| !k.is_empty() && !k.starts_with("unnamed:"))
            .collect();
        let related = if officials.is_empty() {
            Vec::new()
        } else {
            let q = query::Filter {
                officials,
                ..Default::default()
            };
            let rows: Vec<TimelineMeeting> = query::timeline_page(&self.store, &q, 0, 51)?
                .rows
                .into_iter()
                .filter(|r| r.id != m.id)
                .take(50)
                .collect();
            let cards = rows.iter().map(|r| card(r, &self.labels)).collect();
            if let Ok(mut shown) = self.shown.lock() {
                shown.related = rows.into_iter().map(|r| (r.id as u64, r)).collect();
            }
            cards
        };
        Ok((hl, facts, related))
    }
}

impl Archive for StoreArchive {
    fn describe(&self) -> String {
        self.store.path().display().to_string()
    }

    fn timeline(&self, filter: &Filter, loaded: usize) -> anyhow::Result<Timeline> {
        let (matching, cards) = self.page(filter, 0, loaded.max(self.page_size))?;
        let total = crate::store::meetings::count_meetings(&self.store)? as usize;
        let articles = self.store.count_articles()?.max(0) as usize;
        Ok(Timeline {
            cards,
            matching,
            total,
            articles,
            ..Default::default()
        })
    }

    fn facets(&self, filter: &Filter) -> anyhow::Result<Option<TimelineFacets>> {
        let q = super::filter::for_query(filter);
        let facets = query::facets(&self.store, &q)?;
        let mut counts = FacetCounts::default();
        for facet in Facet::ALL {
            let mut list = Vec::new();
            for v in facets.of(facet) {
                list.push((v.key.clone(), v.count.max(0) as usize));
                let label = match facet {
                    Facet::Countries => self.labels.country(&v.key),
                    Facet::Kinds => match MeetingKind::parse(&v.key) {
                        Some(k) => (
                            kind_label(UiLang::En, k).to_owned(),
                            kind_label(UiLang::Ar, k).to_owned(),
                        ),
                        None => (v.label_en.clone(), v.label_ar.clone()),
                    },
                    _ => (v.label_en.clone(), v.label_ar.clone()),
                };
                counts.labels.insert((facet, v.key.clone()), label);
            }
            counts.values.insert(facet, list);
        }
        Ok(Some(TimelineFacets {
            facets: counts,
            per_year: facets
                .per_year
                .iter()
                .map(|&(y, n)| (y, n.max(0) as usize))
                .collect(),
            undated: facets.undated.max(0) as usize,
        }))
    }

    fn more(
        &self,
        filter: &Filter,
        offset: usize,
        through: Option<i32>,
    ) -> anyhow::Result<Vec<MeetingCard>> {
        let mut limit = self.page_size;
        if let Some(month) = through {
            let before = self.rows_before_month(filter, month)?;
            limit = limit.max((before + self.page_size).saturating_sub(offset));
        }
        Ok(self.page(filter, offset, limit)?.1)
    }

    fn edit_context(&self) -> anyhow::Result<Option<EditContext>> {
        let conn = &self.store;
        let shipped = self
            .shipped
            .get_or_init(crate::gazetteer::Gazetteer::shipped);
        let gazetteer = crate::edits::gazetteer_with_user(conn, shipped)?;
        let history = crate::edits::history(conn)?;
        let (can_undo, can_redo) = crate::edits::can_undo_redo(conn)?;
        Ok(Some(EditContext {
            gazetteer: std::sync::Arc::new(gazetteer),
            history,
            can_undo,
            can_redo,
        }))
    }

    fn link_edit(&self, request: crate::edits::LinkRequest) -> anyhow::Result<crate::edits::Edit> {
        Ok(crate::edits::link_edit(&self.store, request)?)
    }

    fn data_version(&self) -> Option<i64> {
        self.store.data_version().ok()
    }

    fn article(&self, id: u64) -> anyhow::Result<Option<ArticleView>> {
        // `id` is a card's id, or one of its other reports' meeting rows (the reader's report
        // switch): the card's row, shown through that report's article and spans.
        let event = match query::event_of(&self.store, id as i64)? {
            Some(e) => e as u64,
            None => id,
        };
        let mut m = {
            let shown = self
                .shown
                .lock()
                .map_err(|_| anyhow::anyhow!("the meeting cache is poisoned"))?;
            match shown.get(id).or_else(|| shown.get(event)) {
                Some(m) => m.clone(),
                None => return Ok(None),
            }
        };
        let card = m.id as u64;
        let reports = query::meeting_reports(&self.store, m.id)?;
        let member = reports.iter().find(|r| r.meeting_id as u64 == id);
        let article_id = match member {
            Some(r) => r.article_id,
            None => match m.article_ids.first() {
                Some(&a) => a,
                None => return Ok(None),
            },
        };
        if let Some(r) = member {
            m.id = r.meeting_id;
        }
        let Some(a) = self.store.article(article_id)? else {
            return Ok(None);
        };
        let (highlights, facts, related) = self.detail(&m, &a.headline, &a.body)?;
        let tabs = reports
            .iter()
            .map(|r| crate::ui::model::ReportTab {
                id: r.meeting_id as u64,
                label: [
                    r.outlet.clone().unwrap_or_default(),
                    r.lang.clone(),
                    r.published.clone().unwrap_or_default(),
                    r.headline.clone(),
                ]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
                copy: r.copy_of.is_some(),
                current: r.article_id == article_id,
            })
            .collect();
        Ok(Some(ArticleView {
            highlights,
            facts,
            related,
            reports: tabs,
            event: card,
            headline: a.headline,
            body: a.body,
            lang: a.lang,
            source: a
                .source_path
                .or(a.url)
                .unwrap_or_else(|| format!("article {}", a.id)),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_notes_read_in_arabic() {
        assert_eq!(
            date_note_ar("«اليوم الاثنين» resolved against the article's date"),
            "«اليوم الاثنين» حُسب من تاريخ نشر المقال"
        );
        assert_eq!(
            date_note_ar(
                "«غداً الاثنين» resolved against the article's date; WARNING: the stated weekday \
                 does not match, 2024-05-21 was a Tuesday"
            ),
            "«غداً الاثنين» حُسب من تاريخ نشر المقال؛ تنبيه: يوم الأسبوع المذكور لا يوافق التاريخ 2024-05-21"
        );
        assert_eq!(
            date_note_ar("nothing in the text dates this meeting"),
            "لا شيء في النص يحدد تاريخ هذا اللقاء"
        );
        assert_eq!(date_note_ar("set by the user"), "");
    }

    #[test]
    fn date_notes_give_their_expression() {
        assert_eq!(
            quoted("«اليوم» resolved against the article's date"),
            Some("اليوم")
        );
        assert_eq!(quoted("nothing in the text dates this meeting"), None);
    }

    #[test]
    fn highlights_never_overlap() {
        let mut out = Vec::new();
        let h = |r: Range<usize>, kind| Highlight {
            range: r,
            kind,
            key: String::new(),
        };
        push_highlight(&mut out, h(0..10, HighlightKind::Name));
        push_highlight(&mut out, h(5..12, HighlightKind::Place));
        push_highlight(&mut out, h(10..12, HighlightKind::Place));
        assert_eq!(
            out,
            vec![
                h(0..10, HighlightKind::Name),
                h(10..12, HighlightKind::Place)
            ]
        );
    }
}
