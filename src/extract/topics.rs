//! Topics of a meeting: gazetteer topic cues in the meeting's sentences, outside role phrases.

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

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
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
