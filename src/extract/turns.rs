//! A visitor meeting several Libyan officials in turn: one sentence, several meetings.
//!
//! "Gerapetritis held meetings with Foreign Minister Taher Al-Baur, Prime Minister Abdul Hamid
//! Dbeiba, and Presidential Council Chairman Mohamed Menfi" reports three meetings, as does
//! «سيجتمع مع ... محمد المنفي بقصر ولي العهد، يليه اجتماع مع عضوي المجلس الرئاسي عبدالله اللافي
//! وموسى الكوني» (two: al-Menfi, then both members together). A plain "met X, Y and Z" stays
//! one meeting: nothing in it says the talks were apart.
//!
//! A sentence's cluster is split when it names two or more Libyan officials and either
//! - says the meetings were several or apart (a plural meeting noun before the officials:
//!   "held meetings with", «لقاءات مع», «incontri»; or "separately", «بشكل منفرد»,
//!   «separatamente», «séparément» anywhere): one meeting per Libyan official;
//! - or puts a sequence word between them ("then", «ثم», «يليه», «poi», «puis»): one meeting per
//!   stretch of officials between sequence words.
//!
//! The other parties (the visitor's side, unnamed groups) are in every meeting of the split.

use super::clusters::Cluster;
use super::reader::Reader;

/// Plural meeting nouns (folded): before the list of officials ("held meetings with X, Y"),
/// they say one sentence reports several meetings. (After it, "on the sidelines of the
/// meetings of ..." is another event.)
const MEETINGS: &[&str] = &[
    "meetings",
    "لقاءات",
    "اللقاءات",
    "اجتماعات",
    "الاجتماعات",
    "مقابلات",
    "incontri",
    "rencontres",
    "entretiens",
];

/// Words saying the meetings were held apart, anywhere in the sentence (folded).
const APART: &[&str] = &[
    "separately",
    "separate",
    "منفرد",
    "منفرده",
    "منفصل",
    "منفصله",
    "separati",
    "distinti",
    "separatamente",
    "separes",
    "separement",
];

/// Words that put one meeting after another inside a sentence (folded).
const THEN: &[&str] = &[
    "then",
    "afterwards",
    "ثم",
    "يليه",
    "يليها",
    "تلاه",
    "تلاها",
    "poi",
    "successivamente",
    "puis",
    "ensuite",
];

/// `w` is one of `list`, possibly after an Arabic و/ف clitic.
fn is_one_of(w: &str, list: &[&str]) -> bool {
    list.contains(&w)
        || ["و", "ف"]
            .iter()
            .any(|c| w.strip_prefix(c).is_some_and(|r| list.contains(&r)))
}

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// Sentence `s` speaks of several meetings: a plural meeting noun ("the meetings",
    /// «اللقاءات», «gli incontri»), so it is about each meeting a sentence before reported in
    /// turn.
    pub(super) fn speaks_of_meetings(&self, s: usize) -> bool {
        self.doc.sents[s]
            .clone()
            .any(|t| is_one_of(self.doc.tok_str(t), MEETINGS))
    }

    /// `c` as the meetings it reports: itself, or one cluster per Libyan official (or stretch of
    /// officials between sequence words) when the sentence says they were met in turn.
    pub(super) fn meetings_in_turn(&self, c: Cluster) -> Vec<Cluster> {
        let mut libyans: Vec<usize> = c
            .parties
            .iter()
            .copied()
            .filter(|&i| self.named(i) && self.party_side(&self.parties[i]) == 1)
            .collect();
        if libyans.len() < 2 {
            return vec![c];
        }
        libyans.sort_by_key(|&i| self.parties[i].toks.start);
        let first = self.parties[libyans[0]].toks.start;
        let last = self.parties[libyans[libyans.len() - 1]].toks.start;
        // The officials form one list: no European named among them, all in this sentence.
        let european_inside = c.parties.iter().any(|&i| {
            self.named(i)
                && self.party_side(&self.parties[i]) == 2
                && (first..last).contains(&self.parties[i].toks.start)
        });
        if european_inside || libyans.iter().any(|&i| self.parties[i].sent != c.sent) {
            return vec![c];
        }
        let sent = self.doc.sents[c.sent].clone();
        let several = sent.clone().any(|t| {
            let w = self.doc.tok_str(t);
            is_one_of(w, APART) || t < first && is_one_of(w, MEETINGS)
        });
        let then_at: Vec<usize> = sent
            .filter(|&t| is_one_of(self.doc.tok_str(t), THEN))
            .collect();
        // Stretches of officials: each official alone, or cut at sequence words.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for (k, &i) in libyans.iter().enumerate() {
            let start = self.parties[i].toks.start;
            let cut = k > 0 && {
                let prev = self.parties[libyans[k - 1]].toks.end;
                several || then_at.iter().any(|&t| (prev..start).contains(&t))
            };
            match groups.last_mut() {
                Some(g) if !cut => g.push(i),
                _ => groups.push(vec![i]),
            }
        }
        if groups.len() < 2 {
            return vec![c];
        }
        let shared: Vec<usize> = c
            .parties
            .iter()
            .copied()
            .filter(|i| !libyans.contains(i))
            .collect();
        groups
            .into_iter()
            .map(|g| {
                let mut parties = shared.clone();
                parties.extend(g);
                parties.sort();
                Cluster {
                    parties,
                    ..c.clone()
                }
            })
            .collect()
    }
}
