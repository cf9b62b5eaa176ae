//! The evaluation harness behind `arshif eval --truth TRUTH.json --articles DIR [--json]`.
//!
//! Reads a truth file (the shape of `shared/corpus/dev/truth.json`), runs the extractor on each
//! listed article (line 1 headline, rest body; the truth's `published_date` is the article date
//! when given) and scores:
//!
//! - `articles`: accuracy of `is_libya_europe`, predicted true when an article yields ≥ 1 meeting.
//! - `meetings`: precision/recall/F1. Truth meetings are those of Libya–Europe articles; every
//!   predicted meeting counts. A predicted meeting matches a truth meeting of the same article
//!   (one-to-one, best overlap first) when its named participants cover at least half of the
//!   truth's named participants (at least one) — or, when the truth names nobody, the prediction
//!   names nobody either — and the places agree (or either is unknown).
//! - `participants`: precision/recall/F1 over named people per article (union over the
//!   article's meetings); a person matches through the gazetteer (any alias) or by the name as
//!   written. Truth participants marked unnamed ("(unnamed)", "غير مسمى") are not scored.
//! - `topics`: precision/recall/F1 over matched meeting pairs; truth labels map to topic ids
//!   through the mapping file ([`TopicMap`], `assets/eval/topic_map.toml`); a label it does not
//!   list maps to the topics whose cues it contains ([`TopicMap::ids`]), none when it has none.
//! - `dates`: accuracy over truth meetings (of Libya–Europe articles) with a non-null `date`; an
//!   unmatched one counts as wrong.

mod diagnosis;
mod people;
mod same_meeting;

pub use diagnosis::{ArticleDiagnosis, Failure, FailureKind, count_by_kind};

use crate::extract::Extractor;
use chrono::NaiveDate;
use people::{PersonKey, count_overlap, fold_name, is_unnamed, meeting_people, truth_key};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// A truth file.
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    pub articles: Vec<TruthArticle>,
    /// Groups of files reporting look-alike but different meetings (never to be merged).
    #[serde(default)]
    pub near_miss_groups: Vec<NearMissGroup>,
}

/// A `near_miss_groups` entry of the truth file.
#[derive(Debug, Clone, Deserialize)]
pub struct NearMissGroup {
    pub files: Vec<String>,
}

/// One article of the truth file (fields the harness uses).
#[derive(Debug, Clone, Deserialize)]
pub struct TruthArticle {
    pub file: String,
    #[serde(default)]
    pub published_date: Option<String>,
    pub is_libya_europe: bool,
    #[serde(default)]
    pub meetings: Vec<TruthMeeting>,
    /// Other files reporting a meeting this one reports.
    #[serde(default)]
    pub same_meeting_as: Vec<String>,
}

/// A truth meeting.
#[derive(Debug, Clone, Deserialize)]
pub struct TruthMeeting {
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub participants: Vec<TruthParticipant>,
    #[serde(default)]
    pub topics: Vec<String>,
}

/// A truth participant.
#[derive(Debug, Clone, Deserialize)]
pub struct TruthParticipant {
    #[serde(default)]
    pub name_ar: Option<String>,
    #[serde(default)]
    pub name_en: Option<String>,
}

/// Accuracy over `n` items.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Accuracy {
    pub accuracy: f64,
    pub n: usize,
}

/// Precision, recall and F1 (0 when undefined).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn zero() -> Prf {
        Prf {
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
        }
    }

    fn from_counts(tp: usize, fp: usize, fneg: usize) -> Prf {
        let p = if tp + fp == 0 {
            0.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fneg == 0 {
            0.0
        } else {
            tp as f64 / (tp + fneg) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            precision: p,
            recall: r,
            f1: f,
        }
    }
}

/// The scores, serialisable to exactly the JSON object `arshif eval --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    pub articles: Accuracy,
    pub meetings: Prf,
    pub participants: Prf,
    pub topics: Prf,
    pub dates: Accuracy,
    /// Pairs of articles reporting a common meeting, predicted by the grouping
    /// ([`crate::events`]) against the truth's `same_meeting_as`.
    #[serde(default = "Prf::zero")]
    pub same_meeting: Prf,
    /// Pairs of files of one `near_miss_groups` entry wrongly put in one meeting.
    #[serde(default)]
    pub near_miss_merged: usize,
}

/// Truth topic label → topic ids (`assets/eval/topic_map.toml`: `[labels]` table of
/// `"label" = ["id", ...]`; labels compared lower-cased).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TopicMap {
    #[serde(default)]
    pub labels: HashMap<String, Vec<String>>,
}

/// The topic mapping shipped next to the harness.
pub const SHIPPED_TOPIC_MAP: &str = include_str!("../../../assets/eval/topic_map.toml");

impl TopicMap {
    /// Parses a mapping file's text; `name` is used in the error message.
    pub fn parse(name: &str, text: &str) -> Result<TopicMap, String> {
        let mut m: TopicMap =
            toml::from_str(text).map_err(|e| format!("topic map {name} is not valid: {e}"))?;
        m.labels = m
            .labels
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect();
        Ok(m)
    }

    /// The shipped mapping.
    pub fn shipped() -> TopicMap {
        TopicMap::parse("assets/eval/topic_map.toml", SHIPPED_TOPIC_MAP)
            .expect("the shipped topic map is checked by the test suite")
    }

    /// The topic ids of a truth label: the mapping's when it lists the label (possibly none);
    /// else every topic one of whose cues (any language, folded) the label contains on word
    /// boundaries ("December elections" → `elections`, "counter-terrorism" → `terrorism`), so
    /// that a label nobody mapped is read as extraction reads text rather than dropped (a dropped
    /// label turned every right prediction of it into a false positive).
    pub fn ids(&self, label: &str, topics: &[crate::gazetteer::Topic]) -> Vec<String> {
        if let Some(ids) = self.labels.get(&label.to_lowercase()) {
            return ids.clone();
        }
        let variants = label_variants(&fold_name(label));
        topics
            .iter()
            .filter(|t| {
                t.cues_en
                    .iter()
                    .chain(&t.cues_it)
                    .chain(&t.cues_ar)
                    .map(|c| fold_name(c))
                    .any(|c| {
                        !c.is_empty() && variants.iter().any(|v| v.contains(&format!(" {c} ")))
                    })
            })
            .map(|t| t.id.clone())
            .collect()
    }
}

/// A folded label and, when it coordinates modifiers of one head ("political economic and
/// security developments"), each modifier with the head ("political developments", ...); each
/// padded with spaces for word-boundary matching.
fn label_variants(folded: &str) -> Vec<String> {
    let mut out = vec![format!(" {folded} ")];
    let words: Vec<&str> = folded.split(' ').collect();
    if let Some(k) = words.iter().position(|w| *w == "and")
        && k >= 1
        && k + 2 < words.len()
    {
        let head = words[k + 2..].join(" ");
        for m in words[..k].iter().chain(std::iter::once(&words[k + 1])) {
            out.push(format!(" {m} {head} "));
        }
    }
    out
}

/// Reads the truth file and the articles it lists from `dir`, and scores `ex` on them.
/// Errors name the file that could not be read.
pub fn evaluate_files(
    ex: &Extractor,
    truth_path: &Path,
    dir: &Path,
    map: &TopicMap,
) -> Result<(EvalReport, Vec<ArticleDiagnosis>), String> {
    let t = std::fs::read_to_string(truth_path)
        .map_err(|e| format!("cannot read truth file {}: {e}", truth_path.display()))?;
    let truth: Truth = serde_json::from_str(&t)
        .map_err(|e| format!("truth file {} is not valid: {e}", truth_path.display()))?;
    let mut texts = HashMap::new();
    for a in &truth.articles {
        let p = dir.join(&a.file);
        let s = std::fs::read_to_string(&p)
            .map_err(|e| format!("cannot read article {}: {e}", p.display()))?;
        texts.insert(a.file.clone(), s);
    }
    Ok(evaluate(ex, &truth, &texts, map))
}

fn place_agrees(ex: &Extractor, truth: Option<&str>, pred: Option<&str>) -> bool {
    let (Some(t), Some(p)) = (truth, pred) else {
        return true;
    };
    let t = fold_name(t);
    if t.is_empty() || t.contains("phone") {
        return true;
    }
    let g = ex.gazetteer();
    let Some(pl) = g.place(p) else {
        return true;
    };
    let names = |pl: &crate::gazetteer::Place| -> Vec<String> {
        [&pl.name_en, &pl.name_ar, &pl.name_it]
            .into_iter()
            .chain(pl.aliases.iter())
            .map(|n| fold_name(n))
            .filter(|f| !f.is_empty())
            .collect()
    };
    let contains = |f: &String| t == *f || format!(" {t} ").contains(&format!(" {f} "));
    if names(pl).iter().any(contains) {
        return true;
    }
    // The truth names another gazetteer place: the same site when within 30 km
    // ("Mitiga airport" and "Tripoli").
    g.places
        .iter()
        .filter(|q| names(q).iter().any(contains))
        .any(|q| match (pl.lat, pl.lon, q.lat, q.lon) {
            (Some(a), Some(b), Some(c), Some(d)) => {
                crate::model::geo::great_circle_km(a, b, c, d) < 30.0
            }
            _ => false,
        })
}

/// Scores `ex` on the truth, with article texts keyed by file name.
pub fn evaluate(
    ex: &Extractor,
    truth: &Truth,
    texts: &HashMap<String, String>,
    map: &TopicMap,
) -> (EvalReport, Vec<ArticleDiagnosis>) {
    let (mut art_ok, mut art_n) = (0usize, 0usize);
    let (mut m_tp, mut m_fp, mut m_fn) = (0usize, 0usize, 0usize);
    let (mut p_tp, mut p_fp, mut p_fn) = (0usize, 0usize, 0usize);
    let (mut t_tp, mut t_fp, mut t_fn) = (0usize, 0usize, 0usize);
    let (mut d_ok, mut d_n) = (0usize, 0usize);
    let mut diags = Vec::new();
    for a in &truth.articles {
        let Some(text) = texts.get(&a.file) else {
            continue;
        };
        let date = a
            .published_date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let pred = ex.extract(text, date);
        art_n += 1;
        if pred.is_empty() != a.is_libya_europe {
            art_ok += 1;
        }
        let truth_meetings: &[TruthMeeting] = if a.is_libya_europe { &a.meetings } else { &[] };
        let tpeople: Vec<Vec<PersonKey>> = truth_meetings
            .iter()
            .map(|m| {
                m.participants
                    .iter()
                    .filter(|p| !is_unnamed(p))
                    .map(|p| truth_key(ex, p))
                    .collect()
            })
            .collect();
        let ppeople: Vec<Vec<PersonKey>> = pred.iter().map(|m| meeting_people(ex, m)).collect();
        // Candidate pairs, best first.
        let mut pairs = Vec::new();
        for (ti, tm) in truth_meetings.iter().enumerate() {
            for (pi, pm) in pred.iter().enumerate() {
                let tn = tpeople[ti].len();
                let ov = count_overlap(&tpeople[ti], &ppeople[pi]);
                let people_ok = if tn == 0 {
                    ppeople[pi].is_empty()
                } else {
                    ov >= 1 && 2 * ov >= tn
                };
                let place_ok = place_agrees(
                    ex,
                    tm.place.as_deref(),
                    pm.place.as_ref().map(|p| p.id.as_str()),
                );
                if people_ok && place_ok {
                    pairs.push((ov, ti, pi));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut tused = vec![None; truth_meetings.len()];
        let mut pused = vec![false; pred.len()];
        for (_, ti, pi) in pairs {
            if tused[ti].is_none() && !pused[pi] {
                tused[ti] = Some(pi);
                pused[pi] = true;
            }
        }
        let matched = tused.iter().filter(|x| x.is_some()).count();
        m_tp += matched;
        m_fn += truth_meetings.len() - matched;
        m_fp += pred.len() - matched;
        // Participants per article.
        let mut tu: Vec<PersonKey> = Vec::new();
        for k in tpeople.iter().flatten() {
            if !tu.iter().any(|x| x.same(k)) {
                tu.push(k.clone());
            }
        }
        let mut pu: Vec<PersonKey> = Vec::new();
        for k in ppeople.iter().flatten() {
            if !pu.iter().any(|x| x.same(k)) {
                pu.push(k.clone());
            }
        }
        let ov = count_overlap(&pu, &tu);
        p_tp += ov;
        p_fp += pu.len() - ov;
        p_fn += tu.len() - ov;
        let missed: Vec<&PersonKey> = tu
            .iter()
            .filter(|k| !pu.iter().any(|x| x.same(k)))
            .collect();
        let extra: Vec<&PersonKey> = pu
            .iter()
            .filter(|k| !tu.iter().any(|x| x.same(k)))
            .collect();
        let mut failures = Vec::new();
        let fail = |kind: FailureKind, what: String| Failure { kind, what };
        if !a.is_libya_europe && !pred.is_empty() {
            failures.push(fail(
                FailureKind::LookAlike,
                format!("{} meetings found, none in the truth", pred.len()),
            ));
        } else if matched < truth_meetings.len().max(pred.len()) {
            let kind = if truth_meetings.len() > 1 || pred.len() > 1 {
                FailureKind::SeveralMeetings
            } else {
                FailureKind::Meeting
            };
            failures.push(fail(
                kind,
                format!(
                    "{matched} of {} matched, {} predicted",
                    truth_meetings.len(),
                    pred.len()
                ),
            ));
        }
        for k in &missed {
            let kind = if extra.iter().any(|x| x.shares_a_word(k)) {
                FailureKind::NameExtent
            } else if k.id.is_none() {
                FailureKind::UnlistedOfficial
            } else {
                FailureKind::ListedOfficial
            };
            failures.push(fail(kind, format!("missed {}", k.label())));
        }
        for k in &extra {
            let kind = if missed.iter().any(|x| x.shares_a_word(k)) {
                FailureKind::NameExtent
            } else if k.new_entity {
                FailureKind::UnlistedOfficial
            } else {
                FailureKind::ListedOfficial
            };
            failures.push(fail(kind, format!("extra {}", k.label())));
        }
        // Topics and dates over matched pairs.
        let mut date_errors = Vec::new();
        let mut topic_errors = Vec::new();
        for (ti, tm) in truth_meetings.iter().enumerate() {
            if let Some(pi) = tused[ti] {
                let tt: BTreeSet<String> = tm
                    .topics
                    .iter()
                    .flat_map(|l| map.ids(l, &ex.gazetteer().topics))
                    .collect();
                let pt: BTreeSet<String> = pred[pi].topics.iter().map(|t| t.id.clone()).collect();
                let inter = tt.intersection(&pt).count();
                t_tp += inter;
                t_fp += pt.len() - inter;
                t_fn += tt.len() - inter;
                if inter < tt.len().max(pt.len()) {
                    let missed: Vec<&String> = tt.difference(&pt).collect();
                    // Each extra topic with the cue it was read from, to see which rule fired.
                    let extra: Vec<String> = pred[pi]
                        .topics
                        .iter()
                        .filter(|t| !tt.contains(&t.id))
                        .map(|t| format!("{} «{}»", t.id, text.get(t.span.clone()).unwrap_or("")))
                        .collect();
                    topic_errors.push(format!("meeting {ti}: missed {missed:?} extra {extra:?}"));
                }
            }
            if let Some(d) = tm.date.as_deref() {
                d_n += 1;
                let got = tused[ti].and_then(|pi| pred[pi].date.date);
                let want = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
                if got.is_some() && got == want {
                    d_ok += 1;
                } else {
                    date_errors.push(format!("meeting {ti}: want {d}, got {got:?}"));
                }
            }
        }
        failures.extend(
            date_errors
                .iter()
                .map(|e| fail(FailureKind::Date, e.clone())),
        );
        failures.extend(
            topic_errors
                .iter()
                .map(|e| fail(FailureKind::Topic, e.clone())),
        );
        failures.sort_by_key(|f| f.kind);
        diags.push(ArticleDiagnosis {
            file: a.file.clone(),
            truth_meetings: truth_meetings.len(),
            predicted_meetings: pred.len(),
            matched,
            missed_people: missed.iter().map(|k| k.label()).collect(),
            extra_people: extra.iter().map(|k| k.label()).collect(),
            date_errors,
            topic_errors,
            failures,
        });
    }
    let inputs: Vec<same_meeting::SameMeetingInput<'_>> = truth
        .articles
        .iter()
        .filter_map(|a| {
            Some(same_meeting::SameMeetingInput {
                file: &a.file,
                text: texts.get(&a.file)?,
                date: a
                    .published_date
                    .as_deref()
                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
                same_meeting_as: &a.same_meeting_as,
            })
        })
        .collect();
    let near: Vec<Vec<String>> = truth
        .near_miss_groups
        .iter()
        .map(|g| g.files.clone())
        .collect();
    let predicted = same_meeting::predicted_pairs(ex, &inputs);
    let truth_pairs = same_meeting::truth_pairs(&inputs);
    let (same_meeting, near_miss_merged) = same_meeting::score(&predicted, &truth_pairs, &near);
    // Each wrong pair once, under its first file: "not grouped with B" / "wrongly grouped with B".
    let wrong = truth_pairs
        .difference(&predicted)
        .map(|p| (p, "not grouped with"))
        .chain(
            predicted
                .difference(&truth_pairs)
                .map(|p| (p, "wrongly grouped with")),
        );
    for ((a, b), what) in wrong {
        if let Some(d) = diags.iter_mut().find(|d| &d.file == a) {
            d.failures.push(Failure {
                kind: FailureKind::SameMeeting,
                what: format!("{what} {b}"),
            });
        }
    }
    let acc = |ok: usize, n: usize| Accuracy {
        accuracy: if n == 0 { 0.0 } else { ok as f64 / n as f64 },
        n,
    };
    (
        EvalReport {
            articles: acc(art_ok, art_n),
            meetings: Prf::from_counts(m_tp, m_fp, m_fn),
            participants: Prf::from_counts(p_tp, p_fp, p_fn),
            topics: Prf::from_counts(t_tp, t_fp, t_fn),
            dates: acc(d_ok, d_n),
            same_meeting,
            near_miss_merged,
        },
        diags,
    )
}

#[cfg(test)]
mod tests;
