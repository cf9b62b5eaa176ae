//! Parties that are not one person: delegations, `<country> officials`, European
//! institutions, and gazetteer bodies standing for their officials (unless inside a role).

use super::extractor::Pat;
use super::lexicon::Lex;
use super::meeting::EntityRef;
use super::reader::{Party, Reader};

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// Delegations, `<country> officials`, "European agency" and bodies as parties.
    pub(super) fn read_groups(&mut self) {
        let n = self.doc.toks.len();
        for t in 0..n {
            let sent = self.doc.toks[t].sent;
            let srange = self.doc.sents[sent].clone();
            let near_country = |me: &Self, from: usize, to: usize| -> Option<String> {
                (from.max(srange.start)..to.min(srange.end))
                    .find_map(|q| me.country_code_at(q).map(|x| x.0))
            };
            if let Some(r) = self.has_lex(t, |l| *l == Lex::Delegation) {
                let c = near_country(self, r.end, r.end + 4)
                    .or_else(|| near_country(self, t.saturating_sub(2), t));
                self.parties.push(Party {
                    key: EntityRef::Unnamed,
                    name: self.doc.orig_text(r.clone()),
                    role: None,
                    body: None,
                    country: c,
                    portfolio: None,
                    counterpart: false,
                    delegation: true,
                    toks: r.clone(),
                    sent,
                    confidence: 0.5,
                });
            } else if let Some(r) =
                self.has_lex(t, |l| matches!(l, Lex::Officials | Lex::Institution))
                && !self.in_role[t]
            {
                let c = near_country(self, t.saturating_sub(2), t)
                    .or_else(|| near_country(self, r.end, r.end + 2));
                if let Some(c) = c {
                    let inst = self.has_lex(t, |l| *l == Lex::Institution).is_some();
                    if inst && c != "EU" {
                        continue;
                    }
                    self.parties.push(Party {
                        key: EntityRef::Unnamed,
                        name: self.doc.orig_text(r.clone()),
                        role: None,
                        body: None,
                        country: Some(c),
                        portfolio: None,
                        counterpart: false,
                        delegation: false,
                        toks: r.clone(),
                        sent,
                        confidence: 0.45,
                    });
                }
            }
            if let Some((Pat::Body(b), r)) = self.ent_at[t].clone()
                && !self.in_role_strict(t)
            {
                let body = &self.gaz().bodies[b];
                let officials_before = (t.saturating_sub(3)..t).any(|q| {
                    self.has_lex(q, |l| *l == Lex::Officials || *l == Lex::Delegation)
                        .is_some()
                });
                self.parties.push(Party {
                    key: EntityRef::Body {
                        id: body.id.clone(),
                    },
                    name: self.doc.orig_text(r.clone()),
                    role: None,
                    body: Some(b),
                    country: Some(body.country.clone()),
                    portfolio: None,
                    counterpart: false,
                    delegation: officials_before,
                    toks: r.clone(),
                    sent,
                    confidence: 0.4,
                });
            }
        }
        self.read_plural_titles();
    }

    /// A plural title the role pass left without a party because what comes before it is not a
    /// country alone: "The EU and European Countries Ambassadors to Libya held meetings with
    /// ...", "EU and member states' ambassadors". The European country (or the EU) at most four
    /// words before the title, in the same sentence, makes it one unnamed party of that
    /// country. (A country after it, "ambassadors to Libya", is where they serve, not theirs.)
    pub(super) fn read_plural_titles(&mut self) {
        for t in 0..self.doc.toks.len() {
            let Some(r) = self.has_lex(t, |l| matches!(l, Lex::Head(h) if h.plural && h.rank))
            else {
                continue;
            };
            let sent = self.doc.toks[t].sent;
            let taken = self
                .parties
                .iter()
                .any(|p| p.sent == sent && p.toks.start <= r.end + 6 && r.start < p.toks.end + 4);
            if taken || self.person_cover[t] {
                continue;
            }
            let from = t.saturating_sub(4).max(self.doc.sents[sent].start);
            let Some((c, cr)) = (from..t).find_map(|q| {
                self.country_code_at(q)
                    .filter(|(c, _)| self.gaz().is_european(c) || c == "EU")
            }) else {
                continue;
            };
            self.parties.push(Party {
                key: EntityRef::Unnamed,
                name: self.doc.orig_text(cr.start..r.end),
                role: Some(self.doc.orig_text(cr.start..r.end)),
                body: None,
                country: Some(c),
                portfolio: None,
                counterpart: false,
                delegation: false,
                toks: cr.start..r.end,
                sent,
                confidence: 0.45,
            });
        }
    }

    pub(super) fn in_role_strict(&self, t: usize) -> bool {
        // A body inside a role phrase ("رئيس المجلس الرئاسي") belongs to the role.
        self.parties.iter().any(|p| {
            p.role.is_some() && {
                let r = &p.toks;
                // role tokens precede the name: check the span between role start and name
                r.start > t
                    && r.start - t <= 8
                    && self.doc.toks[r.start].sent == self.doc.toks[t].sent
                    && self.in_role[t]
            }
        }) || (self.in_role[t] && self.has_role_head_before(t))
    }

    pub(super) fn has_role_head_before(&self, t: usize) -> bool {
        (t.saturating_sub(6)..t).any(|q| {
            self.doc.toks[q].sent == self.doc.toks[t].sent
                && self.has_lex(q, |l| matches!(l, Lex::Head(_))).is_some()
        })
    }
}
