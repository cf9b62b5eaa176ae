//! A meeting's participants from its draft's parties: one per entity, in text order; unnamed
//! ones only where nobody on their side is named; counterparts of no stated nationality take
//! the side the meeting lacks.

use super::meeting::{EntityRef, Participant};
use super::merge::Draft;
use super::reader::Reader;
use std::collections::BTreeSet;

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// The participants of draft `d`.
    pub(super) fn meeting_participants(&self, d: &Draft) -> Vec<Participant> {
        let mut parts: Vec<Participant> = Vec::new();
        let mut keys_seen = BTreeSet::new();
        let mut named_sides = BTreeSet::new();
        for &pi in &d.parties {
            if self.named(pi) {
                named_sides.insert(self.party_side(&self.parties[pi]));
            }
        }
        let mut ps = d.parties.clone();
        ps.sort_by_key(|&i| self.parties[i].toks.start);
        // The host a destination implies (`clusters::announced_host`) only stands in for a
        // side nobody else in the meeting stands for.
        let implied = |i: usize| self.is_implied_host(i);
        let sides_told: BTreeSet<u8> = ps
            .iter()
            .filter(|&&i| !implied(i))
            .map(|&i| self.party_side(&self.parties[i]))
            .collect();
        ps.retain(|&i| !implied(i) || !sides_told.contains(&self.party_side(&self.parties[i])));
        for pi in ps {
            let p = &self.parties[pi];
            if !self.named(pi) && named_sides.contains(&self.party_side(p)) {
                continue;
            }
            // An unnamed party of no known side ("والوفد المرافق") adds nothing.
            if !self.named(pi)
                && p.country.is_none()
                && !p.counterpart
                && !matches!(p.key, EntityRef::Body { .. })
            {
                continue;
            }
            // One participant per entity: a person or a body named twice is one party.
            if (self.named(pi) || matches!(p.key, EntityRef::Body { .. }))
                && !keys_seen.insert(p.key.clone())
            {
                continue;
            }
            let mut country = p.country.clone();
            if country.is_none() && (p.counterpart || p.delegation) {
                let mut sides = [false; 3];
                for &q in &d.parties {
                    sides[self.party_side(&self.parties[q]) as usize] = true;
                }
                if sides[2] && (!sides[1] || p.counterpart) {
                    country = Some("LY".to_string());
                }
            }
            parts.push(Participant {
                entity: p.key.clone(),
                name: p.name.clone(),
                role: p.role.clone(),
                body: p.body.map(|b| self.gaz().bodies[b].id.clone()),
                country,
                span: self.doc.orig_span(p.toks.clone()),
                confidence: p.confidence,
            });
        }
        parts
    }

    /// Party `i` is a host implied by a destination: a government body whose tokens are a
    /// place or country name («volerà a Tripoli»), not the body's own name.
    pub(super) fn is_implied_host(&self, i: usize) -> bool {
        let p = &self.parties[i];
        matches!(p.key, EntityRef::Body { .. })
            && matches!(
                self.ent_at[p.toks.start],
                Some((
                    super::extractor::Pat::Place(_) | super::extractor::Pat::Country(_),
                    _
                ))
            )
    }
}
