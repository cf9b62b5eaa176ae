//! `same_meeting`: how well the grouping ([`crate::events`]) puts reports of one meeting together,
//! scored over pairs of articles.
//!
//! - Truth pairs: `{a, b}` whenever `b` is in `a`'s `same_meeting_as` or `a` in `b`'s (files
//!   reporting a common meeting; not closed transitively: an article of a visit group can report
//!   another meeting of that visit).
//! - Predicted pairs: two articles with a meeting each in one predicted event (extraction as in
//!   the rest of the harness, rows as the pipeline stores them, copies found by MinHash).
//! - `near_miss_merged`: pairs of files of one `near_miss_groups` entry that are predicted
//!   together but are not a truth pair (look-alike meetings wrongly merged).

use super::Prf;
use crate::events::{Link, Mention, copies, group, minhash};
use crate::extract::Extractor;
use crate::store::meetings::NewMeeting;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// One article of a set: file name, text (headline, newline, body), article date, truth list.
pub(super) struct SameMeetingInput<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub date: Option<NaiveDate>,
    pub same_meeting_as: &'a [String],
}

/// The predicted article pairs (file names, sorted within and across) of `articles`.
pub(super) fn predicted_pairs(
    ex: &Extractor,
    articles: &[SameMeetingInput<'_>],
) -> BTreeSet<(String, String)> {
    let mut mentions = Vec::new();
    let mut rows: Vec<(usize, String)> = Vec::new(); // (article index, meeting key)
    let mut sigs = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        let found = ex.extract(a.text, a.date);
        let new: Vec<NewMeeting> = found
            .iter()
            .map(|m| crate::pipeline::to_new_meeting(m, ex.gazetteer(), a.text))
            .collect();
        let keys = crate::edits::meeting_keys(&new);
        for (m, key) in new.iter().zip(keys) {
            mentions.push(Mention {
                article: ai as i64,
                date: m.date,
                place: m.place.as_ref().map(|p| p.key.clone()),
                people: m
                    .participants
                    .iter()
                    .filter(|p| !p.person_key.starts_with("unnamed:"))
                    .map(|p| (p.person_key.clone(), p.side))
                    .collect(),
                kind: m.kind,
                status: m.status,
                weekday: crate::events::stated_weekday(m.date_note.as_deref()),
            });
            rows.push((ai, key));
        }
        let body = a.text.split_once('\n').map_or(a.text, |(_, b)| b);
        if let Some(sig) = minhash(body) {
            sigs.push((ai as i64, sig));
        }
    }
    let index: HashMap<(usize, &str), usize> = rows
        .iter()
        .enumerate()
        .map(|(i, (a, k))| ((*a, k.as_str()), i))
        .collect();
    let mut links = Vec::new();
    for (copy, original) in copies(&sigs) {
        for (i, (a, k)) in rows.iter().enumerate() {
            if *a as i64 == copy
                && let Some(&j) = index.get(&(original as usize, k.as_str()))
            {
                links.push(Link::Same(j, i));
            }
        }
    }
    let roots = group(&mentions, crate::edits::place_infos(), &links);
    let mut events: HashMap<usize, BTreeSet<usize>> = HashMap::new();
    for (i, r) in roots.iter().enumerate() {
        events.entry(*r).or_default().insert(rows[i].0);
    }
    let mut out = BTreeSet::new();
    for arts in events.values() {
        let v: Vec<usize> = arts.iter().copied().collect();
        for (x, &a) in v.iter().enumerate() {
            for &b in &v[x + 1..] {
                out.insert(pair(articles[a].file, articles[b].file));
            }
        }
    }
    out
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// The truth pairs of `articles` (see the module docs).
pub(super) fn truth_pairs(articles: &[SameMeetingInput<'_>]) -> BTreeSet<(String, String)> {
    let present: BTreeSet<&str> = articles.iter().map(|a| a.file).collect();
    let mut out = BTreeSet::new();
    for a in articles {
        for b in a.same_meeting_as {
            if b != a.file && present.contains(b.as_str()) {
                out.insert(pair(a.file, b));
            }
        }
    }
    out
}

/// (P/R/F1 over pairs, near-miss pairs merged).
pub(super) fn score(
    predicted: &BTreeSet<(String, String)>,
    truth: &BTreeSet<(String, String)>,
    near_miss_groups: &[Vec<String>],
) -> (Prf, usize) {
    let tp = predicted.intersection(truth).count();
    let prf = Prf::from_counts(tp, predicted.len() - tp, truth.len() - tp);
    let mut near = BTreeSet::new();
    for g in near_miss_groups {
        for (x, a) in g.iter().enumerate() {
            for b in &g[x + 1..] {
                let p = pair(a, b);
                if predicted.contains(&p) && !truth.contains(&p) {
                    near.insert(p);
                }
            }
        }
    }
    (prf, near.len())
}
