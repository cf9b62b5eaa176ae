//! The real data source: an [`Archive`] over the SQLite archive through [`crate::query`] (timeline
//! rows and facet counts) and [`crate::store`] (article text). The UI runs no SQL itself; each call
//! here is one query, made when the filter changes, never per frame.

use std::path::Path;

use super::model::{
    Archive, ArticleView, EditContext, Facet, FacetCounts, Filter, MeetingCard, Participant,
    SortOrder, Timeline,
};
use crate::model::{DatePrecision, MeetingKind, Side};
use crate::query::{self, EntityRef, TimelineMeeting};
use crate::store::Store;

/// The archive file as the app's timeline, reader and facets.
pub struct StoreArchive {
    store: Store,
    /// Meeting id → (first reporting article, names to highlight), from the last timeline query.
    shown: std::sync::Mutex<std::collections::HashMap<u64, (i64, Vec<String>)>>,
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
        Ok(Self {
            store: Store::open(path)?,
            shown: Default::default(),
            shipped: Default::default(),
        })
    }
}

fn query_facet(f: Facet) -> query::Facet {
    match f {
        Facet::Officials => query::Facet::Officials,
        Facet::Bodies => query::Facet::Bodies,
        Facet::Countries => query::Facet::Countries,
        Facet::Topics => query::Facet::Topics,
        Facet::Places => query::Facet::Places,
        Facet::Kinds => query::Facet::Kinds,
    }
}

/// The UI's filter as the library's [`query::Filter`] (what the timeline, facets and export use).
pub fn to_query_filter(filter: &Filter, order: SortOrder) -> query::Filter {
    let set = |f: Facet| filter.selected.get(&f).cloned().unwrap_or_default();
    let text = filter.text.trim();
    query::Filter {
        text: (!text.is_empty()).then(|| text.to_owned()),
        officials: set(Facet::Officials),
        bodies: set(Facet::Bodies),
        countries: set(Facet::Countries),
        topics: set(Facet::Topics),
        places: set(Facet::Places),
        kinds: set(Facet::Kinds)
            .iter()
            .filter_map(|k| MeetingKind::parse(k))
            .collect(),
        from: filter.from,
        to: filter.to,
        order: match order {
            SortOrder::NewestFirst => query::Order::NewestFirst,
            SortOrder::OldestFirst => query::Order::OldestFirst,
        },
        ..Default::default()
    }
}

fn en(e: &EntityRef) -> String {
    crate::export::labels::name_en(e).to_owned()
}

fn card(m: &TimelineMeeting) -> MeetingCard {
    let person = |side: Side| -> Vec<Participant> {
        m.participants
            .iter()
            .filter(|p| p.side == side)
            .map(|p| Participant {
                key: p.person.key.clone(),
                name_ar: if p.person.name_ar.is_empty() {
                    p.as_written.clone()
                } else {
                    p.person.name_ar.clone()
                },
                name_en: en(&p.person),
                role: p.role.clone(),
                body: p.body.as_ref().map(en).unwrap_or_default(),
                country: p.country.clone(),
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
        kind: m.kind.as_str().replace('_', " "),
        libyan: person(Side::Libya),
        european,
        topics: m.topics.iter().map(en).collect(),
        topic_keys: m.topics.iter().map(|t| t.key.clone()).collect(),
        reports: m.article_ids.len(),
    }
}

impl Archive for StoreArchive {
    fn describe(&self) -> String {
        let meetings = crate::store::meetings::count_meetings(self.store.conn()).unwrap_or(-1);
        let articles = self.store.count_articles().unwrap_or(-1);
        format!(
            "archive {} ({articles} articles, {meetings} meetings)",
            self.store.path().display()
        )
    }

    fn timeline(&self, filter: &Filter, order: SortOrder) -> anyhow::Result<Timeline> {
        let q = to_query_filter(filter, order);
        let rows = query::timeline(self.store.conn(), &q)?;
        let facets = query::facets(self.store.conn(), &q)?;
        let total = crate::store::meetings::count_meetings(self.store.conn())? as usize;
        let mut counts = FacetCounts::default();
        for facet in Facet::ALL {
            let mut list = Vec::new();
            for v in facets.of(query_facet(facet)) {
                list.push((v.key.clone(), v.count.max(0) as usize));
                counts.labels.insert(
                    (facet, v.key.clone()),
                    (v.label_en.clone(), v.label_ar.clone()),
                );
            }
            counts.values.insert(facet, list);
        }
        if let Ok(mut shown) = self.shown.lock() {
            shown.clear();
            for m in &rows {
                if let Some(&article) = m.article_ids.first() {
                    let names = m
                        .participants
                        .iter()
                        .flat_map(|p| [&p.as_written, &p.person.name_ar, &p.person.name_en])
                        .filter(|n| !n.is_empty())
                        .cloned()
                        .collect();
                    shown.insert(m.id as u64, (article, names));
                }
            }
        }
        Ok(Timeline {
            cards: rows.iter().map(card).collect(),
            facets: counts,
            total,
        })
    }

    fn edit_context(&self) -> anyhow::Result<Option<EditContext>> {
        let conn = self.store.conn();
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

    fn article(&self, id: u64) -> anyhow::Result<Option<ArticleView>> {
        let known = self
            .shown
            .lock()
            .map_err(|_| anyhow::anyhow!("the meeting cache is poisoned"))?
            .get(&id)
            .cloned();
        let Some((article_id, names)) = known else {
            return Ok(None);
        };
        let Some(a) = self.store.article(article_id)? else {
            return Ok(None);
        };
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        Ok(Some(ArticleView {
            name_spans: super::demo::name_spans(&a.body, &names),
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
