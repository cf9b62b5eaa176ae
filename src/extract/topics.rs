//! Topics of a meeting: gazetteer topic cues in the meeting's sentences, outside role phrases.

use super::extractor::Pat;
use super::meeting::TopicHit;
use super::merge::Draft;
use super::reader::Reader;
use std::collections::BTreeSet;
use std::ops::Range;

/// Whether a one-word topic cue in sentence `s` counts for a meeting whose own sentences are
/// `own` (and the headline, when it restates the meeting).
pub(super) fn topic_scope_broad(own: &[usize], s: usize, headline: bool) -> bool {
    own.contains(&s) || headline && s == 0
}

/// Kinds of gazetteer body whose names are no topic: a government, council or parliament is
/// named for what it stands for ("Government of National Unity", «Governo di unità nazionale»),
/// not for what a meeting discussed. An agency's name is ("أمن السواحل", Frontex's "Border and
/// Coast Guard"): meeting it is about its field.
const BODY_KINDS_WITHOUT_TOPICS: &[&str] = &["government", "council", "parliament"];

/// Words that, right after a cue, make it half of a stock wish ("security and stability",
/// «الأمن والاستقرار», «sicurezza e stabilità»): the state a speaker wishes the country, not a
/// subject of the talks. Folded, as the document's tokens are.
const STOCK_PAIR_NEXT: &[&[&str]] = &[
    &["والاستقرار"],
    &["واستقرار"],
    &["and", "stability"],
    &["e", "stabilita"],
    &["et", "la", "stabilite"],
    &["et", "stabilite"],
];

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// Whether the cue at tokens `r` is followed by the second half of a stock wish
    /// ([`STOCK_PAIR_NEXT`]).
    fn in_stock_pair(&self, r: &Range<usize>) -> bool {
        STOCK_PAIR_NEXT.iter().any(|next| {
            next.iter().enumerate().all(|(i, w)| {
                let t = r.end + i;
                t < self.doc.toks.len()
                    && self.doc.toks[t].sent == self.doc.toks[r.start].sent
                    && self.doc.tok_str(t) == *w
            })
        })
    }

    /// Whether the Latin cue at tokens `r` is written as part of a proper name: every word
    /// capitalised, inside a run of capitalised words ("the Internal Security Agency", "Department
    /// for Combating Illegal Immigration"), in a sentence not written in title case (a headline's
    /// "Minister Discusses Migration" keeps its cue). A listed agency's name keeps its cue
    /// (Frontex, "European Border and Coast Guard Agency": meeting it is about borders).
    fn in_latin_proper_name(&self, r: &Range<usize>) -> bool {
        let toks = &self.doc.toks;
        if r.clone().any(|t| toks[t].arabic || !toks[t].upper) || self.body_kind_around(r).is_some()
        {
            return false;
        }
        let sent = self.doc.sents[toks[r.start].sent].clone();
        let latin: Vec<&super::document::Tok> =
            toks[sent.clone()].iter().filter(|t| !t.arabic).collect();
        let upper = latin.iter().filter(|t| t.upper).count();
        if 2 * upper > latin.len() {
            return false;
        }
        // A capitalised neighbour in the same phrase; the sentence's first word is capitalised
        // anyway and says nothing.
        let joined = |t: usize| matches!(toks[t].sep, super::document::Sep::Space);
        let before = r.start > sent.start + 1 && toks[r.start - 1].upper && joined(r.start);
        let after = r.end < sent.end && toks[r.end].upper && !toks[r.end].arabic && joined(r.end);
        before || after
    }

    /// The kind of the gazetteer body whose name holds tokens `r` ("agency", "government", ...).
    fn body_kind_around(&self, r: &Range<usize>) -> Option<&str> {
        // Body names run to a dozen words at most ("Ministry of Foreign Affairs of the Government
        // of National Unity").
        let start = r.start.saturating_sub(12);
        (start..r.end).find_map(|t| match &self.ent_at[t] {
            Some((Pat::Body(b), br)) if br.start <= r.start && r.end <= br.end => {
                Some(self.gaz().bodies[*b].kind.as_str())
            }
            _ => None,
        })
    }

    /// Whether tokens `r` lie inside the name of a government, council or parliament.
    fn in_government_name(&self, r: &Range<usize>) -> bool {
        self.body_kind_around(r)
            .is_some_and(|k| BODY_KINDS_WITHOUT_TOPICS.contains(&k))
    }

    /// Topics of a meeting from its own sentences, the sentences it owns nearby and the headline
    /// (first meeting or restated), once each, in text order.
    pub(super) fn meeting_topics(
        &self,
        d: &Draft,
        first: bool,
        own: &[usize],
        scope: &[usize],
    ) -> Vec<TopicHit> {
        let mut sents_for_topics: Vec<usize> = own.to_vec();
        sents_for_topics.extend(scope.iter().copied());
        if d.headline || first {
            sents_for_topics.push(0);
        }
        let mut topics: Vec<TopicHit> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut tmatches: Vec<&(usize, Range<usize>)> = self
            .topics
            .iter()
            .filter(|(_, r)| sents_for_topics.contains(&self.doc.toks[r.start].sent))
            .filter(|(_, r)| !r.clone().any(|t| self.in_role[t]))
            .filter(|(_, r)| !self.in_government_name(r))
            .filter(|(_, r)| !self.in_latin_proper_name(r) && !self.in_stock_pair(r))
            // A one-word cue ("التعاون", "security", «accordi») is too broad to stand for
            // the meeting unless a sentence reporting the meeting says it.
            .filter(|(_, r)| {
                let s = self.doc.toks[r.start].sent;
                r.len() > 1 || topic_scope_broad(own, s, d.headline)
            })
            .collect();
        tmatches.sort_by_key(|(_, r)| r.start);
        for (ti, r) in tmatches {
            let id = self.gaz().topics[*ti].id.clone();
            if seen.insert(id.clone()) {
                topics.push(TopicHit {
                    id,
                    span: self.doc.orig_span(r.clone()),
                });
            }
        }
        topics
    }
}
