//! Clusters into drafts: sentences about the same meeting (same people, parties another
//! meeting covers, a delegation, a plan or call beside the meeting) merge unless their places
//! clash; the headline joins the meeting it restates.

use super::clusters::Cluster;
use super::dates::days_differ;
use super::meeting::EntityRef;
use super::reader::Reader;
use crate::model::MeetingStatus;
use std::collections::BTreeSet;
use std::ops::Range;

/// A meeting being assembled from one or more clusters.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) parties: Vec<usize>,
    pub(super) sents: Vec<usize>,
    pub(super) anchor: usize,
    pub(super) status: MeetingStatus,
    pub(super) phone: bool,
    pub(super) delegation: bool,
    pub(super) place: Option<(usize, Range<usize>)>,
    pub(super) headline: bool,
}

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    pub(super) fn named_set(&self, ps: &[usize]) -> BTreeSet<EntityRef> {
        ps.iter()
            .filter(|&&i| self.named(i))
            .map(|&i| self.parties[i].key.clone())
            .collect()
    }

    /// Whether every party of `c` is covered by `m` (named: same entity; unnamed: same side).
    pub(super) fn covered(&self, c: &[usize], m: &[usize]) -> bool {
        let mset = self.named_set(m);
        let msides: BTreeSet<u8> = m
            .iter()
            .map(|&i| self.party_side(&self.parties[i]))
            .collect();
        c.iter().all(|&i| {
            if self.named(i) {
                mset.contains(&self.parties[i].key)
            } else {
                msides.contains(&self.party_side(&self.parties[i]))
            }
        })
    }

    /// Merges the sentence clusters into meeting drafts, ordered by their first sentence.
    pub(super) fn drafts(&self, clusters: Vec<Cluster>) -> Vec<Draft> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut headline_clusters = Vec::new();
        for c in clusters {
            if c.sent == 0 {
                headline_clusters.push(c);
                continue;
            }
            let cset = self.named_set(&c.parties);
            let cplace = self.place_in(c.sent, true);
            let mut target = None;
            for (di, d) in drafts.iter().enumerate() {
                let dset = self.named_set(&d.parties);
                let fully_named = !c.anaphoric && c.parties.iter().all(|&i| self.named(i));
                let same = !cset.is_empty() && cset == dset;
                let cov = !fully_named
                    && (self.covered(&c.parties, &d.parties)
                        || c.anaphoric && !cset.is_empty() && cset.is_subset(&dset));
                let deleg = c.delegation && d.delegation && !cset.is_disjoint(&dset);
                // A plan or a call mentioned beside the meeting with the same people.
                // A plan somewhere else ("واقترحت عقد اجتماع في روما") is its own meeting.
                let nested = !cset.is_empty()
                    && !dset.is_empty()
                    && (cset.is_subset(&dset) || dset.is_subset(&cset))
                    && c.status != d.status
                    && cplace
                        .as_ref()
                        .is_none_or(|a| d.place.as_ref().is_some_and(|b| b.0 == a.0));
                let deleg = deleg || nested;
                let place_clash = match (&cplace, &d.place) {
                    (Some(a), Some(b)) => a.0 != b.0,
                    _ => false,
                };
                // "met yesterday" and "meets again today": the same people, two meetings.
                let day_clash = (same || deleg)
                    && days_differ(self.sentence_day(c.sent), self.sentence_day(d.anchor));
                // A call on a day of its own beside a meeting in person («Le 9 février, X et Y
                // ont eu un entretien téléphonique»): another contact (`assemble` keeps it out
                // as background when it only led up to the meeting).
                let call_apart = c.phone && !d.phone && self.names_a_day(c.sent);
                let place_clash = place_clash || day_clash || call_apart;
                // Meetings one sentence reports in turn stay apart (`turns`).
                let same_sentence = d.sents.contains(&c.sent);
                if (same || cov || deleg) && !place_clash && !same_sentence {
                    target = Some(di);
                    break;
                }
            }
            match target {
                Some(di) => {
                    let d = &mut drafts[di];
                    for &p in &c.parties {
                        if !d.parties.contains(&p) {
                            d.parties.push(p);
                        }
                    }
                    d.sents.push(c.sent);
                    // A call mentioned beside a visit of another status ("خلال اتصال هاتفي
                    // جرى بينهما في وقت سابق") does not make the visit a call.
                    if c.status == d.status {
                        d.phone |= c.phone;
                    }
                    d.delegation |= c.delegation;
                }
                None => drafts.push(Draft {
                    parties: c.parties.clone(),
                    sents: vec![c.sent],
                    anchor: c.sent,
                    status: c.status,
                    phone: c.phone,
                    delegation: c.delegation,
                    place: cplace,
                    headline: false,
                }),
            }
            let _ = c.cue_tok;
        }
        // Drafts with unnamed parties covered by another draft join it.
        let mut i = 0;
        while i < drafts.len() {
            let fully = drafts[i].parties.iter().all(|&p| self.named(p));
            let target = if fully {
                None
            } else {
                (0..drafts.len()).find(|&j| {
                    j != i
                        && self.covered(&drafts[i].parties, &drafts[j].parties)
                        && !self.named_set(&drafts[j].parties).is_empty()
                        && match (&drafts[i].place, &drafts[j].place) {
                            (Some(a), Some(b)) => a.0 == b.0,
                            _ => true,
                        }
                })
            };
            if let Some(j) = target {
                let d = drafts.remove(i);
                let j = if j > i { j - 1 } else { j };
                drafts[j].sents.extend(d.sents);
                for p in d.parties {
                    if !drafts[j].parties.contains(&p) {
                        drafts[j].parties.push(p);
                    }
                }
            } else {
                i += 1;
            }
        }
        // The headline joins the meeting it restates, or stands alone when the body has none.
        for c in headline_clusters {
            let cset = self.named_set(&c.parties);
            let t = drafts.iter().position(|d| {
                let dset = self.named_set(&d.parties);
                self.covered(&c.parties, &d.parties) || (!dset.is_empty() && dset.is_subset(&cset))
            });
            match t {
                Some(j) => {
                    drafts[j].headline = true;
                }
                None if drafts.is_empty() => drafts.push(Draft {
                    parties: c.parties.clone(),
                    sents: vec![0],
                    anchor: 0,
                    status: c.status,
                    phone: c.phone,
                    delegation: c.delegation,
                    place: self.place_in(0, true),
                    headline: true,
                }),
                None => {}
            }
        }
        drafts.sort_by_key(|d| d.anchor);
        drafts
    }
}

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// People named as travelling with someone ("Accompanying Abela are Foreign Minister
    /// Evarist Bartolo and ...", «Menfi, qui était accompagné de son vice-président Al-Koni»)
    /// join every meeting of that person, on that person's side only (not a meeting told
    /// through "the delegation", where the delegation stands for them).
    pub(super) fn add_companions(&self, drafts: &mut [Draft]) {
        let words: Vec<String> = super::lexicon::ACCOMPANY
            .iter()
            .map(|w| crate::text::fold(w))
            .collect();
        for s in 1..self.doc.sents.len() {
            let Some(at) = self.doc.sents[s]
                .clone()
                .find(|&t| words.iter().any(|w| w == self.doc.tok_str(t)))
            else {
                continue;
            };
            let mut named: Vec<usize> = (0..self.parties.len())
                .filter(|&i| self.parties[i].sent == s && self.named(i) && !self.is_former(i))
                .collect();
            named.sort_by_key(|&i| self.parties[i].toks.start);
            // The one accompanied: the nearest named person before the word, else the first
            // one right after it ("Accompanying Abela are ...").
            let before = named
                .iter()
                .rev()
                .find(|&&i| self.parties[i].toks.end <= at)
                .copied();
            let leader = before.or_else(|| {
                named
                    .iter()
                    .find(|&&i| self.parties[i].toks.start > at)
                    .copied()
            });
            let Some(leader) = leader else { continue };
            let side = self.party_side(&self.parties[leader]);
            if side == 0 {
                continue;
            }
            let lkey = self.parties[leader].key.clone();
            let companions: Vec<usize> = named
                .iter()
                .copied()
                .filter(|&i| {
                    self.parties[i].toks.start > at
                        && self.parties[i].key != lkey
                        && self.party_side(&self.parties[i]) == side
                })
                .collect();
            for d in drafts.iter_mut() {
                // A meeting told through "the delegation" keeps the delegation as the party.
                if d.delegation || !d.parties.iter().any(|&i| self.parties[i].key == lkey) {
                    continue;
                }
                for &c in &companions {
                    let key = &self.parties[c].key;
                    if !d.parties.iter().any(|&i| &self.parties[i].key == key) {
                        d.parties.push(c);
                    }
                }
            }
        }
    }
}
