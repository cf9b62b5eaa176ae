//! People read without a title: gazetteer names (a lone surname only when the full name, a
//! nearby title or a matching role backs it), surnames repeating a full name read earlier, and
//! unnamed roles ("الوزيرة الإيطالية") resolved to the one named person of that country.

use super::extractor::Pat;
use super::lexicon::Lex;
use super::meeting::EntityRef;
use super::reader::{Party, Reader};
use std::collections::{BTreeSet, HashMap};

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// Gazetteer people not read through a title, with the single-word alias rule.
    pub(super) fn read_people(&mut self, person_role: &HashMap<usize, usize>) {
        let mut full: BTreeSet<usize> = BTreeSet::new();
        for (pat, _) in self.ent_at.iter().flatten() {
            if let Pat::Person { idx, single: false } = pat {
                full.insert(*idx);
            }
        }
        for (pi, p) in self.parties.iter().enumerate() {
            let _ = pi;
            if let EntityRef::Known { id } = &p.key
                && p.role.is_some()
                && let Some(i) = self.person_pos(id)
            {
                full.insert(i);
            }
        }
        let n = self.doc.toks.len();
        for t in 0..n {
            let Some((Pat::Person { idx, single }, r)) = self.ent_at[t].clone() else {
                continue;
            };
            if person_role.contains_key(&t) {
                continue;
            }
            let mut conf = 0.95;
            if single {
                // A role word just before the surname ("PM Sarraj", "الوزير مازن") also counts.
                let role_near = (t.saturating_sub(3)..t)
                    .any(|q| self.has_lex(q, |l| matches!(l, Lex::Head(_))).is_some());
                let role_in_article = self.parties.iter().any(|q| {
                    q.key == EntityRef::Unnamed
                        && !q.delegation
                        && q.country.as_deref() == Some(self.gaz().people[idx].country.as_str())
                        && q.portfolio.is_some()
                        && self.ex.person_portfolios[idx].contains(&q.portfolio.unwrap())
                });
                // ... and a surname only one listed person carries, as a party of a meeting
                // sentence ("Piantedosi e Cirielli hanno incontrato ...").
                let in_meeting = self
                    .sentence_has(self.doc.toks[t].sent, |l| matches!(l, Lex::Cue(_)))
                    .is_some()
                    && self.surname_is_unique(r.clone());
                if !full.contains(&idx) && !role_near && !role_in_article && !in_meeting {
                    continue;
                }
                conf = 0.85;
            }
            let p = &self.gaz().people[idx];
            self.parties.push(Party {
                key: EntityRef::Known { id: p.id.clone() },
                name: self.doc.orig_text(r.clone()),
                role: None,
                body: None,
                country: Some(p.country.clone()),
                portfolio: None,
                counterpart: false,
                delegation: false,
                toks: r.clone(),
                sent: self.doc.toks[t].sent,
                confidence: conf,
            });
        }
    }

    /// The kinds of office ("prime minister", "foreign minister") a gazetteer person held: each
    /// office's English role up to " of " or a comma, folded. Empty for anyone else.
    pub(super) fn office_kinds(&self, key: &EntityRef) -> Vec<String> {
        let EntityRef::Known { id } = key else {
            return Vec::new();
        };
        let Some(p) = self.person_pos(id).map(|i| &self.gaz().people[i]) else {
            return Vec::new();
        };
        p.office
            .iter()
            .map(|o| {
                let r = crate::text::fold(&o.role_en);
                let cut = [",", " ("]
                    .iter()
                    .filter_map(|sep| r.find(sep))
                    .min()
                    .unwrap_or(r.len());
                r[..cut]
                    .split(' ')
                    .filter(|w| !w.is_empty() && !matches!(*w, "the" | "acting" | "interim"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|k| !k.is_empty())
            .collect()
    }

    /// Two office kinds name one office: equal, or one is the other with its country or body
    /// after "of" ("prime minister of malta" and "prime minister").
    pub(super) fn same_office(a: &str, b: &str) -> bool {
        let longer_of = |x: &str, y: &str| {
            x.strip_prefix(y)
                .is_some_and(|rest| rest.starts_with(" of ") && !y.contains(" of "))
        };
        a == b || longer_of(a, b) || longer_of(b, a)
    }

    /// The office kinds of the named people on the other side in the sentence of the
    /// counterpart `i` (whose counterpart it is).
    pub(super) fn offices_beside(&self, i: usize) -> Vec<String> {
        let me = &self.parties[i];
        let side = self.party_side(me);
        self.parties
            .iter()
            .filter(|q| {
                q.sent == me.sent
                    && matches!(q.key, EntityRef::Known { .. })
                    && self.party_side(q) != side
                    && self.party_side(q) != 0
            })
            .flat_map(|q| self.office_kinds(&q.key))
            .collect()
    }

    /// The one-word name at `r` is a name (or alias) of exactly one gazetteer person.
    pub(super) fn surname_is_unique(&self, r: std::ops::Range<usize>) -> bool {
        if r.len() != 1 {
            return false;
        }
        let w = self.doc.tok_str(r.start);
        self.ex.last_word_holders.get(w) == Some(&1)
    }

    /// A person's surname alone elsewhere in the article, once the full name was read ("Ian Borg"
    /// ... "Mangoush and Borg agreed"), for new entities and gazetteer people alike. A surname two
    /// people of the article share stands for neither.
    pub(super) fn read_new_surnames(&mut self) {
        let mut by_last: HashMap<String, Option<usize>> = HashMap::new();
        for (i, p) in self.parties.iter().enumerate() {
            if matches!(p.key, EntityRef::New { .. } | EntityRef::Known { .. }) && p.toks.len() >= 2
            {
                let last = self.doc.tok_str(p.toks.end - 1).to_string();
                by_last
                    .entry(last)
                    .and_modify(|e| {
                        if e.is_some_and(|j| self.parties[j].key != p.key) {
                            *e = None
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        if by_last.is_empty() {
            return;
        }
        let mut covered = vec![false; self.doc.toks.len()];
        for p in &self.parties {
            for t in p.toks.clone() {
                covered[t] = true;
            }
        }
        for (t, &cov) in covered.iter().enumerate() {
            if cov
                || self.person_cover[t]
                || self.ent_at[t].is_some()
                || self.lex_bare[t]
                || !self.name_token_ok(t)
            {
                continue;
            }
            if !self.doc.toks[t].arabic && !self.doc.toks[t].upper {
                continue;
            }
            let Some(Some(j)) = by_last.get(self.doc.tok_str(t)).copied() else {
                continue;
            };
            let src = self.parties[j].clone();
            self.parties.push(Party {
                key: src.key,
                name: self.doc.orig_text(t..t + 1),
                role: None,
                body: src.body,
                country: src.country,
                portfolio: src.portfolio,
                counterpart: false,
                delegation: false,
                toks: t..t + 1,
                sent: self.doc.toks[t].sent,
                confidence: 0.55,
            });
        }
    }

    /// Unnamed roles → the one named person of that country (and portfolio) in the article.
    pub(super) fn resolve_unnamed(&mut self) {
        let named: Vec<(usize, String, Option<&'static str>)> = self
            .parties
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p.key, EntityRef::Known { .. } | EntityRef::New { .. }))
            .filter_map(|(i, p)| {
                let pf = p.portfolio.or_else(|| match &p.key {
                    EntityRef::Known { id } => self
                        .person_pos(id)
                        .and_then(|ix| self.ex.person_portfolios[ix].first().copied()),
                    _ => None,
                });
                p.country.clone().map(|c| (i, c, pf))
            })
            .collect();
        for i in 0..self.parties.len() {
            let p = &self.parties[i];
            if p.key != EntityRef::Unnamed || p.delegation || p.role.is_none() {
                continue;
            }
            let Some(c) = p.country.clone() else { continue };
            let pf = p.portfolio;
            let mut cands: Vec<&(usize, String, Option<&'static str>)> =
                named.iter().filter(|(_, nc, _)| *nc == c).collect();
            if let Some(pf) = pf {
                let with: Vec<_> = cands
                    .iter()
                    .copied()
                    .filter(|(_, _, q)| *q == Some(pf))
                    .collect();
                if !with.is_empty() {
                    cands = with;
                } else {
                    cands.retain(|(_, _, q)| q.is_none());
                }
            }
            let mut keys: Vec<EntityRef> = cands
                .iter()
                .map(|(j, _, _)| self.parties[*j].key.clone())
                .collect();
            keys.sort();
            keys.dedup();
            if keys.len() > 1 && self.parties[i].counterpart {
                // "Abela told his Libyan counterpart": of the Libyans named, the one holding
                // the office the other side's person holds (prime minister for a prime minister).
                let want = self.offices_beside(i);
                let same: Vec<EntityRef> = keys
                    .iter()
                    .filter(|k| {
                        self.office_kinds(k)
                            .iter()
                            .any(|o| want.iter().any(|w| Self::same_office(o, w)))
                    })
                    .cloned()
                    .collect();
                if same.len() == 1 {
                    keys = same;
                    cands.retain(|(j, _, _)| self.parties[*j].key == keys[0]);
                }
            }
            if keys.len() > 1 {
                // «Le président libyen» with the president and a vice-president named: the one
                // who held an office of that title (a word in common), a deputy's office only
                // for a deputy's title ("vice", "deputy", «نائب»).
                let role = self.parties[i].role.clone().unwrap_or_default();
                let words: Vec<String> = crate::text::fold(&role)
                    .split([' ', '-', '\''])
                    .map(str::to_string)
                    .collect();
                let deputy_role = is_deputy(&role);
                let fit: Vec<EntityRef> = keys
                    .iter()
                    .filter(|k| {
                        self.office_kinds(k).iter().any(|o| {
                            is_deputy(o) == deputy_role
                                && o.split([' ', '-']).any(|w| words.iter().any(|x| x == w))
                        })
                    })
                    .cloned()
                    .collect();
                if fit.len() == 1 {
                    keys = fit;
                    cands.retain(|(j, _, _)| self.parties[*j].key == keys[0]);
                }
            }
            if keys.len() == 1 {
                let j = cands[0].0;
                let key = self.parties[j].key.clone();
                let name = self.parties[j].name.clone();
                let toks = self.parties[j].toks.clone();
                let p = &mut self.parties[i];
                p.key = key;
                p.name = name;
                p.confidence = 0.7;
                // The span (and so the order) of the named mention it stands for.
                p.toks = toks;
            }
        }
    }
}

/// A deputy's title or office: "vice president", «vice-président», "deputy prime minister",
/// «نائب رئيس», «vicepresidente», «viceministro».
fn is_deputy(title: &str) -> bool {
    let folded = crate::text::fold(title);
    folded.split([' ', '-', '\'']).any(|w| {
        matches!(
            w,
            "vice" | "deputy" | "نائب" | "نائبه" | "adjoint" | "adjointe"
        ) || w.starts_with("vice") && w.len() > "vice".len() + 3
    })
}
