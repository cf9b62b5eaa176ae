//! What the benchmark asks of the archive: the search queries and the filter changes, drawn
//! with a fixed seed from the generated corpus and the archive's own facet values.

use std::collections::HashMap;

use crate::devtools::generate::CorpusArticle;
use crate::devtools::rng::Rng;
use crate::query::{Facet, Facets, Filter};

/// One word of the corpus vocabulary: normalised text and how many times it occurs.
struct Vocab {
    /// Words of 3+ letters by descending count (ties by text), Arabic script.
    arabic: Vec<(String, usize)>,
    /// The same, Latin script.
    latin: Vec<(String, usize)>,
}

impl Vocab {
    fn of(corpus: &[CorpusArticle]) -> Self {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for a in corpus {
            for w in crate::text::tokens::words(&a.body) {
                if w.text.chars().count() >= 3 && !w.text.chars().any(|c| c.is_ascii_digit()) {
                    *counts.entry(w.text).or_default() += 1;
                }
            }
        }
        let mut all: Vec<(String, usize)> = counts.into_iter().collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let (latin, arabic) = all.into_iter().partition(|(w, _)| {
            w.chars()
                .all(|c| c.is_ascii_alphabetic() || !c.is_alphabetic())
        });
        Self { arabic, latin }
    }

    /// A common word (among the 100 most frequent) or a rare one (the least frequent tenth).
    fn pick(&self, rng: &mut Rng, latin: bool, common: bool) -> String {
        let list = if latin && !self.latin.is_empty() {
            &self.latin
        } else {
            &self.arabic
        };
        if list.is_empty() {
            return "ليبيا".to_owned();
        }
        let i = if common {
            rng.below(list.len().min(100))
        } else {
            let tail = (list.len() / 10).max(1);
            list.len() - 1 - rng.below(tail)
        };
        list[i].0.clone()
    }
}

/// `n` search queries of one to three words: in turn Arabic and Latin script, common and rare
/// words, two-word phrases in quotes taken from an article, and prefixes (`word*`, 3 to 5
/// letters of a common word). Deterministic for a corpus and a seed.
pub fn search_queries(corpus: &[CorpusArticle], n: usize, seed: u64) -> Vec<String> {
    let vocab = Vocab::of(corpus);
    let mut rng = Rng(seed | 1);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let latin = i % 10 >= 7;
        let q = match i % 6 {
            0 => vocab.pick(&mut rng, latin, true),
            1 => vocab.pick(&mut rng, latin, false),
            2 => format!(
                "{} {}",
                vocab.pick(&mut rng, latin, true),
                vocab.pick(&mut rng, latin, true)
            ),
            3 => format!(
                "{} {} {}",
                vocab.pick(&mut rng, latin, true),
                vocab.pick(&mut rng, latin, true),
                vocab.pick(&mut rng, latin, false)
            ),
            4 => {
                // A phrase as written in one article.
                let a = &corpus[rng.below(corpus.len())];
                let words = crate::text::tokens::words(&a.body);
                if words.len() < 2 {
                    vocab.pick(&mut rng, latin, true)
                } else {
                    let k = rng.below(words.len() - 1);
                    format!("\"{} {}\"", words[k].text, words[k + 1].text)
                }
            }
            _ => {
                let w = vocab.pick(&mut rng, latin, true);
                let keep = 3 + rng.below(3);
                format!("{}*", w.chars().take(keep).collect::<String>())
            }
        };
        out.push(q);
    }
    out
}

/// One filter change of the benchmark: a name for the report and the filter.
#[derive(Debug, Clone)]
pub struct FilterCase {
    /// What is selected (`official`, `body+topic`, ...).
    pub what: String,
    pub filter: Filter,
}

/// A value of `facet` among the unfiltered counts: the most frequent for `common`, else a
/// seeded pick among the rest.
fn value(facets: &Facets, facet: Facet, rng: &mut Rng, common: bool) -> Option<String> {
    let values = facets.of(facet);
    if values.is_empty() {
        return None;
    }
    let i = if common || values.len() == 1 {
        0
    } else {
        1 + rng.below(values.len() - 1)
    };
    Some(values[i].key.clone())
}

/// The filter changes: one official, one body, one topic, one country, a date range, a text
/// query, and combinations of two and three, each drawn `rounds` times (the first round takes
/// the most frequent values, the others seeded picks). `facets` are the unfiltered archive's;
/// `texts` the text queries to draw from.
pub fn filter_cases(
    facets: &Facets,
    texts: &[String],
    rounds: usize,
    seed: u64,
) -> Vec<FilterCase> {
    let mut rng = Rng(seed | 1);
    let mut out = Vec::new();
    let years: Vec<i32> = facets.per_year.iter().map(|&(y, _)| y).collect();
    for round in 0..rounds {
        let common = round == 0;
        let official = value(facets, Facet::Officials, &mut rng, common);
        let body = value(facets, Facet::Bodies, &mut rng, common);
        let topic = value(facets, Facet::Topics, &mut rng, common);
        let country = value(facets, Facet::Countries, &mut rng, common);
        let range = (!years.is_empty()).then(|| {
            let y = years[rng.below(years.len())];
            let from = chrono::NaiveDate::from_ymd_opt(y, 1 + rng.below(12) as u32, 1);
            let to = from.map(|f| f + chrono::Duration::days(30 + rng.below(700) as i64));
            (from, to)
        });
        let text = (!texts.is_empty()).then(|| texts[rng.below(texts.len())].clone());
        let mut push = |what: &str, f: &dyn Fn(&mut Filter)| {
            let mut filter = Filter::default();
            f(&mut filter);
            out.push(FilterCase {
                what: what.to_owned(),
                filter,
            });
        };
        let set_official = |f: &mut Filter| f.officials.extend(official.clone());
        let set_body = |f: &mut Filter| f.bodies.extend(body.clone());
        let set_topic = |f: &mut Filter| f.topics.extend(topic.clone());
        let set_country = |f: &mut Filter| f.countries.extend(country.clone());
        let set_range = |f: &mut Filter| {
            if let Some((from, to)) = range {
                f.from = from;
                f.to = to;
            }
        };
        let set_text = |f: &mut Filter| f.text = text.clone();
        push("none", &|_| {});
        push("official", &set_official);
        push("body", &set_body);
        push("topic", &set_topic);
        push("country", &set_country);
        push("date range", &set_range);
        push("text", &set_text);
        push("official+topic", &|f| {
            set_official(f);
            set_topic(f);
        });
        push("country+date range", &|f| {
            set_country(f);
            set_range(f);
        });
        push("body+topic+date range", &|f| {
            set_body(f);
            set_topic(f);
            set_range(f);
        });
        push("text+country", &|f| {
            set_text(f);
            set_country(f);
        });
    }
    out
}
