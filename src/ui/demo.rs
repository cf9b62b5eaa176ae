//! DEMO DATA SOURCE, to be replaced by the store + `query` module: an in-memory [`Archive`] holding
//! the seed article (`shared/corpus/dev/articles/000_3dc5a4347485e1da.txt`, two meetings in Tripoli
//! on 2021-04-19) and two excerpts from the dev corpus (`011_ar.txt`, `022_ar.txt`), with the
//! meetings written out by hand from `shared/corpus/dev/truth.json`.
//!
//! Filtering here mimics what `query` will do (facets, dates, folded text search with
//! [`crate::text::fold`]) and runs only when the filter changes. [`DemoArchive::with_copies`]
//! multiplies the meetings to exercise the virtualised timeline with many rows.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::model::{
    Archive, ArticleView, Facet, FacetCounts, Filter, MeetingCard, Participant, SortOrder, Timeline,
};
use crate::model::{DatePrecision, Lang};

/// The seed article, exactly as in the dev corpus.
pub const SEED_ARTICLE: &str = include_str!("demo/seed_000.txt");
const EXCERPT_011: &str = include_str!("demo/excerpt_011.txt");
const EXCERPT_022: &str = include_str!("demo/excerpt_022.txt");

struct DemoMeeting {
    card: MeetingCard,
    article: usize,
}

struct DemoArticle {
    text: &'static str,
    source: &'static str,
}

/// The in-memory demo archive (see the module docs). Replace with the store-backed archive.
pub struct DemoArchive {
    meetings: Vec<DemoMeeting>,
    articles: Vec<DemoArticle>,
}

fn p(name_ar: &str, name_en: &str, role: &str, body: &str, country: &str) -> Participant {
    Participant {
        key: String::new(),
        name_ar: name_ar.to_owned(),
        name_en: name_en.to_owned(),
        role: role.to_owned(),
        body: body.to_owned(),
        country: country.to_owned(),
    }
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_owned()).collect()
}

impl DemoArchive {
    /// The seed's two meetings plus two other meetings from the dev corpus (four in all).
    pub fn seed() -> Self {
        let lamorgese = p(
            "لوتشانا لامورجيزي",
            "Luciana Lamorgese",
            "Minister of the Interior",
            "Ministry of the Interior",
            "Italy",
        );
        let meetings = vec![
            DemoMeeting {
                card: MeetingCard {
                    id: 1,
                    date: day(2021, 4, 19),
                    precision: DatePrecision::Day,
                    place: "Tripoli".into(),
                    kind: "meeting".into(),
                    libyan: vec![p(
                        "خالد مازن",
                        "Khaled Mazen",
                        "Minister of Interior",
                        "Ministry of Interior",
                        "Libya",
                    )],
                    european: vec![lamorgese.clone()],
                    topics: strings(&[
                        "illegal migration",
                        "terrorism",
                        "human trafficking",
                        "security agreements",
                        "coast guard",
                        "training",
                    ]),
                    topic_keys: Vec::new(),
                    reports: 1,
                },
                article: 0,
            },
            DemoMeeting {
                card: MeetingCard {
                    id: 2,
                    date: day(2021, 4, 19),
                    precision: DatePrecision::Day,
                    place: "Tripoli".into(),
                    kind: "meeting".into(),
                    libyan: vec![p(
                        "محمد المنفي",
                        "Mohamed al-Menfi",
                        "President of the Presidential Council",
                        "Presidential Council",
                        "Libya",
                    )],
                    european: vec![lamorgese],
                    topics: strings(&[
                        "illegal migration",
                        "security cooperation",
                        "border security",
                    ]),
                    topic_keys: Vec::new(),
                    reports: 1,
                },
                article: 0,
            },
            DemoMeeting {
                card: MeetingCard {
                    id: 3,
                    date: day(2022, 11, 24),
                    precision: DatePrecision::Day,
                    place: "Barcelona".into(),
                    kind: "meeting".into(),
                    libyan: vec![p(
                        "نجلاء المنقوش",
                        "Najla Mangoush",
                        "Minister of Foreign Affairs",
                        "Ministry of Foreign Affairs and International Cooperation",
                        "Libya",
                    )],
                    european: vec![p(
                        "جوزيب بوريل",
                        "Josep Borrell",
                        "High Representative for Foreign Affairs and Security Policy",
                        "European Union",
                        "European Union",
                    )],
                    topics: strings(&["sovereignty", "elections", "regional developments"]),
                    topic_keys: Vec::new(),
                    reports: 1,
                },
                article: 1,
            },
            DemoMeeting {
                card: MeetingCard {
                    id: 4,
                    date: day(2019, 5, 7),
                    precision: DatePrecision::Day,
                    place: "Berlin".into(),
                    kind: "visit".into(),
                    libyan: vec![p(
                        "فائز السراج",
                        "Fayez al-Sarraj",
                        "President of the Presidential Council",
                        "Presidential Council",
                        "Libya",
                    )],
                    european: vec![p(
                        "أنجيلا ميركل",
                        "Angela Merkel",
                        "Chancellor",
                        "Federal Chancellery",
                        "Germany",
                    )],
                    topics: strings(&["ceasefire", "political process", "Abu Dhabi agreement"]),
                    topic_keys: Vec::new(),
                    reports: 1,
                },
                article: 2,
            },
        ];
        let articles = vec![
            DemoArticle {
                text: SEED_ARTICLE,
                source: "000_3dc5a4347485e1da.txt",
            },
            DemoArticle {
                text: EXCERPT_011,
                source: "011_ar.txt (excerpt)",
            },
            DemoArticle {
                text: EXCERPT_022,
                source: "022_ar.txt (excerpt)",
            },
        ];
        let mut meetings = meetings;
        for m in &mut meetings {
            // Demo topics are their own keys.
            m.card.topic_keys = m.card.topics.clone();
        }
        Self { meetings, articles }
    }

    /// The seed archive with its meetings repeated `copies` times, each copy shifted back by 30 days
    /// per copy (ids stay unique): for exercising a timeline with many rows.
    pub fn with_copies(copies: usize) -> Self {
        let base = Self::seed();
        let mut meetings = Vec::with_capacity(base.meetings.len() * copies);
        let mut id = 1;
        for copy in 0..copies {
            for m in &base.meetings {
                let mut card = m.card.clone();
                card.id = id;
                id += 1;
                card.date = card
                    .date
                    .and_then(|d| d.checked_sub_days(chrono::Days::new(30 * copy as u64)));
                meetings.push(DemoMeeting {
                    card,
                    article: m.article,
                });
            }
        }
        Self {
            meetings,
            articles: base.articles,
        }
    }

    fn matches(&self, m: &DemoMeeting, filter: &Filter, folded_query: &str) -> bool {
        let card = &m.card;
        for (facet, wanted) in &filter.selected {
            if wanted.is_empty() {
                continue;
            }
            if !facet_values(card, *facet)
                .iter()
                .any(|v| wanted.contains(v))
            {
                return false;
            }
        }
        if filter.from.is_some() || filter.to.is_some() {
            let Some(date) = card.date else { return false };
            if filter.from.is_some_and(|f| date < f) || filter.to.is_some_and(|t| date > t) {
                return false;
            }
        }
        if !folded_query.is_empty() {
            let article = &self.articles[m.article];
            let mut hay = crate::text::fold(article.text);
            for person in card.libyan.iter().chain(&card.european) {
                hay.push(' ');
                hay.push_str(&crate::text::fold(&person.name_ar));
                hay.push(' ');
                hay.push_str(&crate::text::fold(&person.name_en));
            }
            for t in &card.topics {
                hay.push(' ');
                hay.push_str(&crate::text::fold(t));
            }
            if !folded_query
                .split_whitespace()
                .all(|word| hay.contains(word))
            {
                return false;
            }
        }
        true
    }
}

/// The values `card` contributes to `facet` (deduplicated).
pub fn facet_values(card: &MeetingCard, facet: Facet) -> Vec<String> {
    let people = card.libyan.iter().chain(&card.european);
    let mut v: Vec<String> = match facet {
        Facet::Officials => people.map(|p| p.name_en.clone()).collect(),
        Facet::Bodies => people.map(|p| p.body.clone()).collect(),
        Facet::Countries => people.map(|p| p.country.clone()).collect(),
        Facet::Topics => card.topics.clone(),
        Facet::Places => vec![card.place.clone()],
        Facet::Kinds => vec![card.kind.clone()],
    };
    v.retain(|s| !s.is_empty());
    v.sort();
    v.dedup();
    v
}

/// Byte ranges in `text` where any of `names` (or the last word of a multi-word name) occurs,
/// compared after [`crate::text::normalize`] folding; sorted, not overlapping.
pub fn name_spans(text: &str, names: &[&str]) -> Vec<Range<usize>> {
    let norm = crate::text::normalize(text);
    let mut needles: Vec<String> = Vec::new();
    for name in names {
        let folded = crate::text::fold(name);
        if folded.is_empty() {
            continue;
        }
        if let Some(last) = folded.split_whitespace().last()
            && last != folded
            && last.chars().count() > 2
        {
            needles.push(last.to_owned());
        }
        needles.push(folded);
    }
    // Longest first, so a full name wins over its surname.
    needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut spans: Vec<Range<usize>> = Vec::new();
    for needle in &needles {
        for (at, _) in norm.text.match_indices(needle.as_str()) {
            let r = norm.original_range(at..at + needle.len());
            if !spans.iter().any(|s| s.start < r.end && r.start < s.end) {
                spans.push(r);
            }
        }
    }
    spans.sort_by_key(|r| r.start);
    spans
}

impl Archive for DemoArchive {
    fn describe(&self) -> String {
        format!("in-memory demo meetings ({})", self.meetings.len())
    }

    fn timeline(&self, filter: &Filter, order: SortOrder) -> anyhow::Result<Timeline> {
        let folded = crate::text::fold(filter.text.trim());
        let mut cards: Vec<MeetingCard> = self
            .meetings
            .iter()
            .filter(|m| self.matches(m, filter, &folded))
            .map(|m| m.card.clone())
            .collect();
        cards.sort_by(|a, b| match (a.date, b.date) {
            (Some(x), Some(y)) => match order {
                SortOrder::NewestFirst => y.cmp(&x).then(a.id.cmp(&b.id)),
                SortOrder::OldestFirst => x.cmp(&y).then(a.id.cmp(&b.id)),
            },
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.id.cmp(&b.id),
        });
        let mut facets = FacetCounts::default();
        for facet in Facet::ALL {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for card in &cards {
                for v in facet_values(card, facet) {
                    *counts.entry(v).or_default() += 1;
                }
            }
            // Keep selected values visible even when they count zero.
            if let Some(sel) = filter.selected.get(&facet) {
                for v in sel {
                    counts.entry(v.clone()).or_default();
                }
            }
            let mut list: Vec<(String, usize)> = counts.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            facets.values.insert(facet, list);
        }
        Ok(Timeline {
            cards,
            facets,
            total: self.meetings.len(),
        })
    }

    fn article(&self, id: u64) -> anyhow::Result<Option<ArticleView>> {
        let Some(m) = self.meetings.iter().find(|m| m.card.id == id) else {
            return Ok(None);
        };
        let a = &self.articles[m.article];
        let (headline, body) = a.text.split_once('\n').unwrap_or((a.text, ""));
        let names: Vec<&str> = m
            .card
            .libyan
            .iter()
            .chain(&m.card.european)
            .flat_map(|p| [p.name_ar.as_str(), p.name_en.as_str()])
            .collect();
        Ok(Some(ArticleView {
            headline: headline.to_owned(),
            body: body.to_owned(),
            lang: Lang::Ar,
            name_spans: name_spans(body, &names),
            source: a.source.to_owned(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    fn ids(t: &Timeline) -> Vec<u64> {
        t.cards.iter().map(|c| c.id).collect()
    }

    #[test]
    fn officials_facet_selects_their_meetings() {
        let a = DemoArchive::seed();
        let mut f = Filter::default();
        f.toggle(Facet::Officials, "Khaled Mazen");
        assert_eq!(
            ids(&a.timeline(&f, SortOrder::NewestFirst).unwrap()),
            vec![1]
        );
        let mut f = Filter::default();
        f.toggle(Facet::Officials, "Luciana Lamorgese");
        assert_eq!(
            ids(&a.timeline(&f, SortOrder::NewestFirst).unwrap()),
            vec![1, 2]
        );
    }

    #[test]
    fn arabic_search_is_folded_and_narrows_to_the_seed() {
        let a = DemoArchive::seed();
        let f = Filter {
            text: "الهجرة".into(),
            ..Default::default()
        };
        assert_eq!(
            ids(&a.timeline(&f, SortOrder::NewestFirst).unwrap()),
            vec![1, 2]
        );
        // ة/ه folding: the same search typed with heh.
        let f = Filter {
            text: "الهجره".into(),
            ..Default::default()
        };
        assert_eq!(
            ids(&a.timeline(&f, SortOrder::NewestFirst).unwrap()),
            vec![1, 2]
        );
    }

    #[test]
    fn order_and_facet_counts() {
        let a = DemoArchive::seed();
        let t = a
            .timeline(&Filter::default(), SortOrder::OldestFirst)
            .unwrap();
        assert_eq!(ids(&t), vec![4, 1, 2, 3]);
        assert_eq!(t.facets.of(Facet::Places)[0], ("Tripoli".to_owned(), 2));
        assert_eq!(
            t.facets.of(Facet::Officials)[0],
            ("Luciana Lamorgese".to_owned(), 2)
        );
    }

    #[test]
    fn names_are_found_in_the_body() {
        let a = DemoArchive::seed();
        let art = a.article(1).unwrap().unwrap();
        let found: Vec<&str> = art
            .name_spans
            .iter()
            .map(|r| &art.body[r.clone()])
            .collect();
        assert_eq!(&found[..3], &["خالد مازن", "لوتشانا لامورجيزي", "مازن"]);
    }
}
