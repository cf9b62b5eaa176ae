//! Candidate meetings per sentence: a sentence with a meeting cue whose parties (with parties
//! pulled from nearby sentences for delegations, groups and anaphora) cover a Libyan and a
//! European side. Nationalities the meeting implies are inferred here.

use super::extractor::Pat;
use super::lexicon::{Lex, TRAVEL};
use super::meeting::EntityRef;
use super::reader::{Party, Reader};
use crate::model::MeetingStatus;
use std::collections::BTreeSet;
use std::ops::Range;

/// A sentence reporting a meeting, with its parties (indices into `Reader::parties`).
#[derive(Debug, Clone)]
pub(super) struct Cluster {
    pub(super) sent: usize,
    /// Its parties were taken from earlier sentences ("I due ministri", "الوزيرين").
    pub(super) anaphoric: bool,
    pub(super) parties: Vec<usize>,
    pub(super) status: MeetingStatus,
    pub(super) phone: bool,
    pub(super) delegation: bool,
    pub(super) cue_tok: usize,
}

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    pub(super) fn clusters(&mut self) -> Vec<Cluster> {
        let lang = self.language();
        let mut out = Vec::new();
        let libya_in_text = self.ent_at.iter().flatten().any(|(p, _)| match p {
            Pat::Country(c) | Pat::Adj(c) => self.gaz().countries[*c].code == "LY",
            Pat::Place(pl) => self.gaz().places[*pl].country == "LY",
            _ => false,
        });
        let travel_words: Vec<String> = TRAVEL.iter().map(|w| crate::text::fold(w)).collect();
        for s in 0..self.doc.sents.len() {
            let travel = self.travel_destination(s, &travel_words);
            let Some(cue_tok) = self
                .sentence_has(s, |l| matches!(l, Lex::Cue(_)))
                .or(travel.as_ref().map(|x| x.0))
            else {
                continue;
            };
            let mut ps: Vec<usize> = (0..self.parties.len())
                .filter(|&i| {
                    self.parties[i].sent == s
                        && !self.is_former(i)
                        && !self.is_message_sender(i)
                        && !self.given_names_of_next(i)
                })
                .collect();
            self.infer_countries(&ps, libya_in_text, lang);
            let has_named = ps.iter().any(|&i| self.named(i));
            // Bodies count only where nobody is named on their side, or with "officials".
            let named_sides: Vec<u8> = ps
                .iter()
                .filter(|&&i| self.named(i))
                .map(|&i| self.party_side(&self.parties[i]))
                .collect();
            ps.retain(|&i| {
                let p = &self.parties[i];
                if !matches!(p.key, EntityRef::Body { .. }) {
                    return true;
                }
                let side = self.party_side(p);
                // ... or as the subject or object right next to the cue ("المجلس الرئاسي
                // يستقبل السفير ...").
                let near_cue =
                    p.toks.start.abs_diff(cue_tok) <= 3 || p.toks.end.abs_diff(cue_tok) <= 2;
                !named_sides.contains(&side) && (!has_named || p.delegation || near_cue)
            });
            let anaphor = self
                .sentence_has(s, |l| matches!(l, Lex::Anaphor))
                .is_some();
            let delegation = ps.iter().any(|&i| self.parties[i].delegation);
            let mut sides = [false; 3];
            for &i in &ps {
                sides[self.party_side(&self.parties[i]) as usize] = true;
            }
            // Counterparts with no nationality take the side the sentence lacks.
            let missing_side = |sides: &[bool; 3]| -> Option<u8> {
                match (sides[1], sides[2]) {
                    (true, false) => Some(2),
                    (false, true) => Some(1),
                    _ => None,
                }
            };
            let mut extra = Vec::new();
            if let Some(ms) = missing_side(&sides) {
                let unq: Vec<usize> = ps
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let p = &self.parties[i];
                        p.country.is_none() && (p.counterpart || p.delegation)
                    })
                    .collect();
                if !unq.is_empty() && (ms == 1 && libya_in_text || ms == 2) {
                    if ms == 1 {
                        sides[1] = true;
                        extra.push((unq[0], 1u8));
                    } else if delegation || anaphor {
                        // pulled below
                    }
                }
                if !sides[ms as usize] && (delegation || anaphor && !has_named) && s > 0 {
                    // Pull the missing side's named parties from up to three sentences back.
                    let from = s.saturating_sub(3).max(1);
                    for q in (from..s).rev() {
                        let got: Vec<usize> = (0..self.parties.len())
                            .filter(|&i| {
                                self.parties[i].sent == q
                                    && self.named(i)
                                    && self.party_side(&self.parties[i]) == ms
                            })
                            .collect();
                        if !got.is_empty() {
                            sides[ms as usize] = true;
                            ps.extend(got);
                        }
                    }
                }
            }
            // A side present only as an unnamed group ("المسؤولين الإيطاليين"): its members
            // named in the sentences before.
            for side in [1u8, 2u8] {
                let only_groups = ps.iter().any(|&i| {
                    let p = &self.parties[i];
                    self.party_side(p) == side
                        && !self.named(i)
                        && p.key == EntityRef::Unnamed
                        && p.role.is_none()
                }) && !ps
                    .iter()
                    .any(|&i| self.named(i) && self.party_side(&self.parties[i]) == side);
                if only_groups && s > 1 {
                    let from = s.saturating_sub(3).max(1);
                    for q in (from..s).rev() {
                        let got: Vec<usize> = (0..self.parties.len())
                            .filter(|&i| {
                                self.parties[i].sent == q
                                    && self.named(i)
                                    && self.party_side(&self.parties[i]) == side
                            })
                            .collect();
                        ps.extend(got);
                    }
                }
            }
            let anaphoric = anaphor && !has_named;
            if anaphor && !has_named && !(sides[1] && sides[2]) && s > 1 {
                // "الوزيرين بحثا" with nobody named: the parties of the sentence before.
                let q = s - 1;
                let got: Vec<usize> = (0..self.parties.len())
                    .filter(|&i| self.parties[i].sent == q && self.named(i))
                    .collect();
                for &i in &got {
                    sides[self.party_side(&self.parties[i]) as usize] = true;
                }
                ps.extend(got);
            }
            let _ = extra;
            if let Some(ms) = missing_side(&sides)
                && s > 1
                && self.subject_left_unnamed(s, cue_tok, &ps)
            {
                // "He met ...", «Il a rencontré ...», "le chef de l'Etat avait reçu ...": the
                // subject is the missing side's person named just before.
                let gender = self.subject_gender(s, cue_tok);
                if let Some(i) = self.previous_subject(s, ms, gender) {
                    sides[ms as usize] = true;
                    ps.push(i);
                }
            }
            let mut implied = false;
            if let Some(ms) = missing_side(&sides)
                && let Some(i) = self.announced_host(s, ms, travel.as_ref(), &ps)
            {
                sides[ms as usize] = true;
                ps.push(i);
                implied = true;
            }
            if !(sides[1] && sides[2]) {
                continue;
            }
            // A travel word without a meeting cue counts only for a visit whose host it implies
            // («ستتوجه قريبا إلى ليبيا بعد دعوة من نظيرها X» is an invitation, told beside the
            // call the article reports).
            if !implied && self.sentence_has(s, |l| matches!(l, Lex::Cue(_))).is_none() {
                continue;
            }
            // A delegation of a known side: its members named in the sentences before.
            if delegation {
                let dsides: Vec<u8> = ps
                    .iter()
                    .filter(|&&i| self.parties[i].delegation && self.parties[i].country.is_some())
                    .map(|&i| self.party_side(&self.parties[i]))
                    .filter(|&x| x != 0)
                    .collect();
                let from = s.saturating_sub(3).max(1);
                for q in from..s {
                    for i in 0..self.parties.len() {
                        let p = &self.parties[i];
                        if p.sent == q
                            && self.named(i)
                            && dsides.contains(&self.party_side(p))
                            && !ps.contains(&i)
                            && !self.is_former(i)
                        {
                            ps.push(i);
                        }
                    }
                }
            }
            // A delegation: its members named in delegation sentences nearby.
            if delegation {
                let dl_side: Vec<u8> = ps
                    .iter()
                    .filter(|&&i| self.parties[i].delegation)
                    .map(|&i| self.party_side(&self.parties[i]))
                    .collect();
                for q in s + 1..(s + 3).min(self.doc.sents.len()) {
                    if self.sentence_has(q, |l| *l == Lex::Delegation).is_none() {
                        continue;
                    }
                    for i in 0..self.parties.len() {
                        let p = &self.parties[i];
                        if p.sent == q
                            && self.named(i)
                            && dl_side.contains(&self.party_side(p))
                            && !ps.contains(&i)
                        {
                            ps.push(i);
                        }
                    }
                }
            }
            let status = self.sentence_status(s);
            let phone = self.is_phone_call(s);
            ps.sort();
            ps.dedup();
            out.extend(self.meetings_in_turn(Cluster {
                sent: s,
                anaphoric,
                parties: ps,
                status,
                phone,
                delegation,
                cue_tok,
            }));
        }
        // A visit whose host only its destination implies is the article's news only when its
        // visitor meets nobody named elsewhere: «تزور غدا طرابلس» then «ومن المنتظر أن تلتقي
        // نظيرها خالد مازن» is one visit, told by the meeting that names the host.
        let implied = |me: &Self, c: &Cluster| c.parties.iter().any(|&i| me.is_implied_host(i));
        let met_elsewhere: BTreeSet<EntityRef> = out
            .iter()
            .filter(|c| !implied(self, c))
            .flat_map(|c| c.parties.iter().copied())
            .filter(|&i| self.named(i))
            .map(|i| self.parties[i].key.clone())
            .collect();
        out.retain(|c| {
            !implied(self, c)
                || !c
                    .parties
                    .iter()
                    .any(|&i| self.named(i) && met_elsewhere.contains(&self.parties[i].key))
        });
        out
    }

    /// Nationality for named people whose title gives none, from the meeting around them: beside
    /// a European party with no Libyan one they are Libyan (a Libyan outlet's "رئيس الحكومة");
    /// in Italian text with no European party, the first one is Italian ("il ministro
    /// dell'Interno").
    pub(super) fn infer_countries(
        &mut self,
        ps: &[usize],
        libya_in_text: bool,
        lang: crate::model::Lang,
    ) {
        let mut unknown: Vec<usize> = ps
            .iter()
            .copied()
            .filter(|&i| {
                self.named(i) && self.parties[i].country.is_none() && !self.parties[i].counterpart
            })
            .collect();
        if unknown.is_empty() || !libya_in_text {
            return;
        }
        unknown.sort_by_key(|&i| self.parties[i].toks.start);
        // A list of one country's officials: "... the GNA Foreign Minister Mohamed Siala and
        // Interior Minister Fathi Pashagha", «وزير الخارجية الليبي X ووزير الداخلية Y»: the one
        // whose title gives no country is of the country of the person named just before.
        for &i in &unknown {
            if let Some(c) = self.listed_after(i, ps) {
                self.parties[i].country = Some(c);
            }
        }
        unknown.retain(|&i| self.parties[i].country.is_none());
        if unknown.is_empty() {
            return;
        }
        let has = |me: &Self, side: u8| ps.iter().any(|&i| me.party_side(&me.parties[i]) == side);
        if !has(self, 2) && lang == crate::model::Lang::It {
            self.parties[unknown[0]].country = Some("IT".to_string());
        }
        let named_european = ps
            .iter()
            .any(|&i| self.named(i) && self.party_side(&self.parties[i]) == 2);
        if named_european && !has(self, 1) {
            for &i in &unknown {
                if self.parties[i].country.is_none() {
                    self.parties[i].country = Some("LY".to_string());
                }
            }
        }
    }

    /// Party `i` is a new name that is only the given and middle names of the listed person
    /// right after it: «المشير خليفة أبوالقاسم حفتر» read as «خليفة أبوالقاسم» (new) and
    /// «حفتر» (Khalifa Haftar), "Abdul Hamid Mohamed Dbeibah". Its first word must be one of
    /// that person's given names; the person stands for both.
    fn given_names_of_next(&self, i: usize) -> bool {
        let p = &self.parties[i];
        if !matches!(p.key, EntityRef::New { .. }) || p.toks.end >= self.doc.toks.len() {
            return false;
        }
        let next = p.toks.end;
        matches!(self.doc.toks[next].sep, super::document::Sep::Space)
            && matches!(&self.ent_at[next], Some((Pat::Person { idx, .. }, _))
                if self.is_given_name_of(*idx, self.doc.tok_str(p.toks.start)))
    }

    /// A travel word or visit cue in sentence `s` and the destination at most twelve words
    /// after it (an Arabic subject may sit between) ("will travel to Tripoli", «volerà a Tripoli», «l'arrivo del premier Dabaiba
    /// lunedì a Roma», «سيزور روما»): the word's token, the destination's country and tokens.
    fn travel_destination(
        &self,
        s: usize,
        words: &[String],
    ) -> Option<(usize, String, Range<usize>)> {
        let sent = self.doc.sents[s].clone();
        let is_travel = |t: usize| {
            let w = self.doc.tok_str(t);
            let bare = |w: &str| words.iter().any(|x| x == w);
            bare(w)
                || self.doc.toks[t].arabic
                    && w.chars().next().is_some_and(|c| "وفبل".contains(c))
                    && bare(&w['و'.len_utf8()..])
                || self.lex_at[t]
                    .iter()
                    .any(|(l, _)| *l == Lex::Cue(super::lexicon::Cue::Visit))
        };
        sent.clone().filter(|&t| is_travel(t)).find_map(|t| {
            (t + 1..(t + 13).min(sent.end)).find_map(|q| match &self.ent_at[q] {
                Some((Pat::Place(p), r)) => {
                    Some((t, self.gaz().places[*p].country.clone(), r.clone()))
                }
                Some((Pat::Country(c), r)) => {
                    Some((t, self.gaz().countries[*c].code.clone(), r.clone()))
                }
                _ => None,
            })
        })
    }

    /// The host of a visit still to come that names only the visitor's side: "Di Maio domani
    /// volerà a Tripoli", «l'arrivo del premier Dabaiba lunedì a Roma», "X will travel to
    /// Valletta next week". The destination `travel` gives must be of the side `missing` (a
    /// Libyan city: Libya; a European capital: that country), the sentence must announce the
    /// visit (`sentence_status`), not as a plan told before («وكان X قد صرح في الشهر الماضي إنه
    /// سيزور ليبيا»), and name someone of the other side; the host is that
    /// country's government (a gazetteer body `<cc>_government`, else an unnamed party), added
    /// to `parties` and returned.
    fn announced_host(
        &mut self,
        s: usize,
        missing: u8,
        travel: Option<&(usize, String, Range<usize>)>,
        ps: &[usize],
    ) -> Option<usize> {
        let (_, cc, r) = travel?;
        let visitor_named = ps
            .iter()
            .any(|&i| self.named(i) && self.party_side(&self.parties[i]) == 3 - missing);
        if self.side_of(&Some(cc.clone())) != missing
            || !visitor_named
            || self.sentence_status(s) != MeetingStatus::Announced
            || self.is_past_background(s)
        {
            return None;
        }
        let gov = format!("{}_government", cc.to_lowercase());
        let body = self.gaz().bodies.iter().position(|b| b.id == gov);
        let (key, name) = match body {
            Some(b) => (
                EntityRef::Body { id: gov },
                self.gaz().bodies[b].name_en.clone(),
            ),
            None => (EntityRef::Unnamed, self.doc.orig_text(r.clone())),
        };
        self.parties.push(Party {
            key,
            name,
            role: None,
            body,
            country: Some(cc.clone()),
            portfolio: None,
            counterpart: false,
            delegation: false,
            toks: r.clone(),
            sent: s,
            confidence: 0.35,
        });
        Some(self.parties.len() - 1)
    }

    /// The country of the named party of `ps` just before party `i` in a list: at most eight
    /// words apart, joined by "and"/«e»/«et»/«و» or "as well as", with no meeting cue, no other
    /// party and no country word between (so "X met Interior Minister Y" is no list).
    fn listed_after(&self, i: usize, ps: &[usize]) -> Option<String> {
        let me = &self.parties[i];
        let prev = ps
            .iter()
            .copied()
            .filter(|&j| {
                j != i
                    && self.parties[j].sent == me.sent
                    && self.parties[j].toks.end <= me.toks.start
            })
            .max_by_key(|&j| self.parties[j].toks.end)?;
        let p = &self.parties[prev];
        let c = p.country.clone()?;
        if !self.named(prev) || p.counterpart || me.toks.start - p.toks.end > 8 {
            return None;
        }
        let gap = p.toks.end..me.toks.start;
        let joined = gap.clone().take(2).any(|t| {
            let w = self.doc.tok_str(t);
            matches!(w, "and" | "e" | "ed" | "et" | "well")
                || self.doc.toks[t].arabic
                    && (w == "و" || ["وو", "وال", "ولل"].iter().any(|c| w.starts_with(c)))
        });
        let clean = gap.clone().all(|t| {
            self.country_code_at(t).is_none()
                && !self.lex_at[t].iter().any(|(l, _)| matches!(l, Lex::Cue(_)))
        }) && !self
            .parties
            .iter()
            .any(|q| q.sent == me.sent && gap.contains(&q.toks.start));
        (joined && clean).then_some(c)
    }

    /// Sentence `s` opens its meeting with a subject that names nobody: a subject pronoun
    /// ("He", «Il», «Elle», «Lei») or a bare title ("le chef de l'Etat", «la premier») before the
    /// cue at `cue_tok`, with no party of the sentence (`ps`) before the cue.
    pub(super) fn subject_left_unnamed(&self, s: usize, cue_tok: usize, ps: &[usize]) -> bool {
        let start = self.doc.sents[s].start;
        if cue_tok <= start || ps.iter().any(|&i| self.parties[i].toks.start < cue_tok) {
            return false;
        }
        (start..cue_tok).any(|t| {
            matches!(
                self.doc.tok_str(t),
                "he" | "she" | "il" | "elle" | "lui" | "lei" | "egli" | "ella"
            ) && !self.doc.toks[t].arabic
                || self.has_lex(t, |l| matches!(l, Lex::Head(_))).is_some()
        })
    }

    /// The grammatical gender the subject before the cue shows, `'f'` or `'m'`: a pronoun
    /// ("she", «elle», «lei»; "he", «lui»), a feminine title («ministra», «ambassadrice») or the
    /// article before the title («la ministra», «la premier»; «le chef», «il premier»).
    pub(super) fn subject_gender(&self, s: usize, cue_tok: usize) -> Option<char> {
        let start = self.doc.sents[s].start;
        for t in start..cue_tok.max(start) {
            let w = self.doc.tok_str(t);
            match w {
                "she" | "elle" | "lei" | "ella" => return Some('f'),
                "he" | "lui" | "egli" => return Some('m'),
                _ => {}
            }
            if self.has_lex(t, |l| matches!(l, Lex::Head(_))).is_some() {
                if matches!(
                    w,
                    "ministra"
                        | "viceministra"
                        | "ambasciatrice"
                        | "ambassadrice"
                        | "cancelliera"
                        | "commissaria"
                        | "presidentessa"
                ) {
                    return Some('f');
                }
                if t > start {
                    match self.doc.tok_str(t - 1) {
                        "la" => return Some('f'),
                        "le" | "il" => return Some('m'),
                        _ => {}
                    }
                }
            }
        }
        None
    }

    /// The first named party of side `side` (1 Libyan, 2 European) in the nearest of the two
    /// body sentences before `s` that names one, of `gender` when both it and the person's
    /// gender (gazetteer) are known: the subject a following pronoun or title refers to.
    pub(super) fn previous_subject(
        &self,
        s: usize,
        side: u8,
        gender: Option<char>,
    ) -> Option<usize> {
        let fits = |i: usize| -> bool {
            let (Some(g), EntityRef::Known { id }) = (gender, &self.parties[i].key) else {
                return true;
            };
            self.person_pos(id)
                .map(|i| &self.gaz().people[i])
                .is_none_or(|p| p.gender.is_empty() || p.gender.starts_with(g))
        };
        for q in (s.saturating_sub(2).max(1)..s).rev() {
            let first = (0..self.parties.len())
                .filter(|&i| {
                    let p = &self.parties[i];
                    p.sent == q
                        && self.named(i)
                        && self.party_side(p) == side
                        && !self.is_former(i)
                        && !self.is_message_sender(i)
                        && fits(i)
                })
                .min_by_key(|&i| self.parties[i].toks.start);
            if first.is_some() {
                return first;
            }
        }
        None
    }

    /// A party named as the sender of a message someone else carries ("conveyed a message from
    /// the Greek Prime Minister, Kyriakos Mitsotakis", «نقل رسالة خطية من الرئيس»,
    /// «un messaggio del premier»): not at the meeting.
    pub(super) fn is_message_sender(&self, i: usize) -> bool {
        let start = self.parties[i].toks.start;
        let from = self.doc.sents[self.parties[i].sent]
            .start
            .max(start.saturating_sub(7));
        let words: Vec<&str> = (from..start).map(|t| self.doc.tok_str(t)).collect();
        let message = words.iter().rposition(|w| {
            matches!(
                *w,
                "message"
                    | "messages"
                    | "letter"
                    | "رساله"
                    | "برساله"
                    | "الرساله"
                    | "رسائل"
                    | "messaggio"
                    | "lettera"
                    | "lettre"
            )
        });
        message.is_some_and(|k| {
            words[k + 1..]
                .iter()
                .any(|w| matches!(*w, "from" | "من" | "di" | "del" | "dal" | "de" | "du"))
        })
    }

    /// A party introduced as a former office holder ("السابق", "former", "ex").
    pub(super) fn is_former(&self, i: usize) -> bool {
        self.parties[i].role.as_deref().is_some_and(|r| {
            crate::text::fold(r)
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "السابق" | "السابقه" | "former" | "ex" | "l'ex"))
        })
    }
}
