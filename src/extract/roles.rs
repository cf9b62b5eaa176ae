//! Title constructions: a title head with its country, portfolio and body before or after it
//! ("وزير الداخلية الإيطالي X", "Italian Interior Minister X", "il ministro dell'Interno X",
//! "X, the Maltese foreign minister", plural heads over several countries), giving parties with
//! a role: a gazetteer person, a new entity, or an unnamed official of a country or body.

use super::document::Sep;
use super::extractor::Pat;
use super::lexicon::Lex;
use super::meeting::EntityRef;
use super::reader::{Party, Reader};
use std::collections::HashMap;
use std::ops::Range;

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// Title constructions: parties with role, body and country; new entities for unknown names.
    pub(super) fn read_roles(&mut self, person_role: &mut HashMap<usize, usize>) {
        let n = self.doc.toks.len();
        let mut t = 0;
        while t < n {
            let head = self.lex_at[t].iter().find_map(|(l, r)| match l {
                Lex::Head(h) => Some((*h, r.clone())),
                _ => None,
            });
            let Some((head, hr)) = head else {
                t += 1;
                continue;
            };
            if self.person_cover[t] {
                // The title is part of a listed name ("Chancellor Angela Merkel").
                t += 1;
                continue;
            }
            let sent_end = self.sent_end(t);
            let mut country: Option<String> = None;
            let mut countries: Vec<(String, Range<usize>)> = Vec::new();
            let mut body: Option<usize> = None;
            let mut portfolio: Option<&'static str> = None;
            // Modifiers before the head (Latin: "Italian Interior Minister").
            let mut start = hr.start;
            if !self.doc.toks[t].arabic {
                let mut b = hr.start;
                while b > 0 && b + 3 > hr.start && self.doc.toks[b].sep == Sep::Space {
                    let p = b - 1;
                    if self.doc.toks[p].sent != self.doc.toks[t].sent {
                        break;
                    }
                    if let Some((c, _)) = self.country_code_at(p) {
                        country.get_or_insert(c);
                        b = p;
                    } else if let Some(Lex::Portfolio(pf)) = self.lex_at[p]
                        .iter()
                        .map(|x| x.0)
                        .find(|l| matches!(l, Lex::Portfolio(_)))
                    {
                        portfolio.get_or_insert(pf);
                        b = p;
                    } else if let Some((q, bi)) =
                        (p.saturating_sub(5)..=p).find_map(|q| match &self.ent_at[q] {
                            Some((Pat::Body(bi), r)) if r.end == p + 1 => Some((q, *bi)),
                            _ => None,
                        })
                    {
                        // "Libyan Presidential Council head X"
                        body.get_or_insert(bi);
                        b = q;
                    } else if self.has_lex(p, |l| matches!(l, Lex::Head(_))).is_some()
                        || matches!(
                            self.doc.tok_str(p),
                            "prime" | "deputy" | "vice" | "acting" | "former" | "federal" | "primo"
                        )
                    {
                        b = p;
                    } else {
                        break;
                    }
                }
                start = b;
            }
            // Modifiers after the head.
            let mut k = hr.end;
            let mut name: Option<Range<usize>> = None;
            let mut person: Option<(usize, Range<usize>)> = None;
            let mut steps = 0;
            let mut seen_after = 0usize;
            // A town's office ("عميد بلدية الزنتان", "mayor of Misrata"): its holder is named.
            let mut municipal = false;
            while k < sent_end && steps < 14 {
                steps += 1;
                let sep = self.doc.toks[k].sep;
                if matches!(sep, Sep::Strong) {
                    break;
                }
                // «رئيسة الوزراء الإيطالية جورجا ميلوني»: a listed surname after the person's own
                // given name in a spelling the gazetteer lacks is that person, whole.
                if self.ent_at[k].is_none()
                    && k + 1 < sent_end
                    && matches!(self.doc.toks[k + 1].sep, Sep::Space)
                    && let Some((Pat::Person { idx, single: true }, r)) = &self.ent_at[k + 1]
                    && self.is_given_name_of(*idx, self.doc.tok_str(k))
                {
                    person = Some((*idx, k..r.end));
                    break;
                }
                if let Some((Pat::Person { idx, .. }, r)) = &self.ent_at[k] {
                    if head.plural && !countries.is_empty() {
                        // "omologhi di Malta, Byron Camilleri, e Grecia, Thanos Plevris"
                        k = r.end;
                        continue;
                    }
                    person = Some((*idx, r.clone()));
                    break;
                }
                if head.plural
                    && !countries.is_empty()
                    && !self.doc.toks[k].arabic
                    && self.doc.toks[k].upper
                    && let Some(nr) = self.read_name(k, sent_end)
                {
                    k = nr.end;
                    continue;
                }
                if let Some((c, r)) = self.country_code_at(k) {
                    seen_after += 1;
                    countries.push((c.clone(), r.clone()));
                    if country.is_none() || head.plural {
                        country.get_or_insert(c);
                    }
                    k = r.end;
                    continue;
                }
                if let Some((Pat::Body(b), r)) = &self.ent_at[k] {
                    seen_after += 1;
                    body.get_or_insert(*b);
                    k = r.end;
                    continue;
                }
                if let Some((Lex::Head(h2), _)) = self.lex_at[k]
                    .iter()
                    .find(|(l, _)| matches!(l, Lex::Head(_)))
                    .cloned()
                    && !head.plural
                    && (h2.counterpart
                        || seen_after > 0
                            && (self.doc.toks[k].arabic
                                || countries.len() + usize::from(body.is_some()) > 0))
                {
                    // A second title after a complete role starts another person
                    // ("وزيرة الخارجية بحكومة الوحدة الوطنية نظيرتها ...").
                    break;
                }
                if let Some((l, r)) = self.lex_at[k].first().cloned() {
                    match l {
                        Lex::Portfolio(p) => {
                            seen_after += 1;
                            portfolio.get_or_insert(p);
                            k = r.end;
                            continue;
                        }
                        Lex::Head(_) | Lex::Filler | Lex::Particle | Lex::Institution
                            if !self.doc.toks[k].upper
                                || self.doc.toks[k].arabic
                                || l != Lex::Particle =>
                        {
                            // A Latin capitalised word that is only a particle starts a name.
                            if !self.doc.toks[k].arabic
                                && self.doc.toks[k].upper
                                && matches!(l, Lex::Particle)
                            {
                                break;
                            }
                            k = r.end;
                            continue;
                        }
                        _ => {}
                    }
                }
                // "نظيرها الليبي في حكومة الوحدة الوطنية خالد مازن"
                if matches!(self.doc.tok_str(k), "في" | "in" | "nel" | "presso")
                    && k + 1 < sent_end
                    && matches!(self.ent_at[k + 1], Some((Pat::Body(_), _)))
                {
                    k += 1;
                    continue;
                }
                // Arabic: a word with a clitic before a body word ("بحكومة") is a modifier.
                if self.doc.toks[k].arabic && self.doc.tok_str(k).starts_with("لل") {
                    k += 1;
                    continue;
                }
                // A low-rank title of a town ("عميد بلدية الزنتان", "mayor of Misrata", «sindaco
                // di Tripoli»): the town's country.
                if !head.rank {
                    let word = matches!(
                        self.doc.tok_str(k),
                        "بلديه" | "of" | "di" | "municipality" | "comune"
                    );
                    let at = if word { k + 1 } else { k };
                    if at < sent_end
                        && (at == k || matches!(self.doc.toks[at].sep, Sep::Space))
                        && let Some((Pat::Place(pl), r)) = &self.ent_at[at]
                    {
                        country.get_or_insert(self.gaz().places[*pl].country.clone());
                        municipal = true;
                        seen_after += 1;
                        k = r.end;
                        continue;
                    }
                }
                break;
            }
            let role_end = k.min(sent_end);
            if person.is_none() && k < sent_end && !matches!(self.doc.toks[k].sep, Sep::Strong) {
                if head.plural && countries.len() > 1 {
                    // handled below
                } else {
                    name = self.read_name(k, sent_end);
                    // "Minister for Finance and Employment Clyde Caruana", «ministro dei
                    // Trasporti Milad Maitouq»: after a connector the first capitalised word
                    // still belongs to the portfolio; the name is the words after it.
                    if let Some(r) = &name
                        && !self.doc.toks[k].arabic
                        && r.len() >= 3
                        && k > 0
                        && matches!(
                            self.doc.tok_str(k - 1),
                            "and"
                                | "of"
                                | "for"
                                | "e"
                                | "ed"
                                | "di"
                                | "dei"
                                | "degli"
                                | "delle"
                                | "della"
                                | "del"
                                | "per"
                                | "et"
                                | "des"
                                | "du"
                                | "de"
                        )
                    {
                        name = Some(r.start + 1..r.end);
                    }
                    // "الوزيرة الهولندية استعداد ...": "the minister" refers back; only a comma
                    // or a quote before a new name makes it a name. ("السفير الإيطالي X" and
                    // "الرئيس الفرنسي X" do introduce names.)
                    let definite = self.doc.toks[t].arabic && {
                        let w = self.doc.tok_str(t);
                        let w = w.strip_prefix('و').unwrap_or(w);
                        matches!(w, "الوزير" | "الوزيره")
                    };
                    if definite
                        && name.is_some()
                        && !matches!(self.doc.toks[k].sep, Sep::Comma | Sep::Quote)
                    {
                        name = None;
                    }
                    if let Some(r) = &name
                        && !head.rank
                        && !municipal
                    {
                        // Low-rank titles never create entities.
                        let _ = r;
                        name = None;
                    }
                }
            }
            // Appositive: "X, the Maltese foreign minister".
            if person.is_none() && name.is_none() && !self.doc.toks[t].arabic {
                let mut s0 = start;
                if s0 > 0
                    && self.doc.toks[s0].sep == Sep::Space
                    && matches!(self.doc.tok_str(s0 - 1), "the" | "il" | "la" | "l")
                {
                    s0 -= 1;
                }
                if s0 > 0 && self.doc.toks[s0].sep == Sep::Comma {
                    let p = s0 - 1;
                    // find the person mention or capitalised sequence ending at p
                    let mut found = None;
                    for q in (p.saturating_sub(5)..=p).rev() {
                        if let Some((Pat::Person { idx, .. }, r)) = &self.ent_at[q]
                            && r.end == p + 1
                        {
                            found = Some((*idx, r.clone()));
                            break;
                        }
                    }
                    if let Some(f) = found {
                        person = Some(f);
                    } else {
                        let mut q = p + 1;
                        while q > 0
                            && p + 1 - q < 4
                            && self.doc.toks[q - 1].upper
                            && self.name_token_ok(q - 1)
                            && self.doc.toks[q - 1].sent == self.doc.toks[t].sent
                        {
                            q -= 1;
                            if !matches!(self.doc.toks[q].sep, Sep::Space | Sep::Hyphen) {
                                break;
                            }
                        }
                        if p + 1 - q >= 2 && head.rank && self.name_start_ok(q) {
                            name = Some(q..p + 1);
                        }
                    }
                }
            }
            // Arabic apposition: the name before the title ("X السفير الألماني لدى ليبيا").
            if person.is_none()
                && name.is_none()
                && self.doc.toks[t].arabic
                && head.rank
                && !head.plural
                && !head.counterpart
                && (country.is_some() || body.is_some())
            {
                name = self.name_before(start);
            }
            let role_text = {
                let r = self.doc.orig_span(start..role_end.max(hr.end));
                self.doc.text[r].trim().to_string()
            };
            for i in start..role_end.max(hr.end) {
                self.in_role[i] = true;
            }
            if country.is_none()
                && let Some(b) = body
            {
                country = Some(self.gaz().bodies[b].country.clone());
            }
            let conf_role = 0.75;
            if head.plural && countries.len() > 1 && person.is_none() {
                // "the interior ministers of Libya, Italy, Malta and Greece" / "omologhi di
                // Malta, Byron Camilleri, e Grecia, Thanos Plevris".
                let mut i = 0;
                while i < countries.len() {
                    let (c, r) = countries[i].clone();
                    let nm = if r.end < sent_end
                        && matches!(self.doc.toks[r.end].sep, Sep::Comma | Sep::Space)
                    {
                        match &self.ent_at[r.end] {
                            Some((Pat::Person { idx, .. }, pr)) => Some(Ok((*idx, pr.clone()))),
                            _ => self.read_name(r.end, sent_end).map(Err),
                        }
                    } else {
                        None
                    };
                    let (key, toks, nm_text) = match nm {
                        Some(Ok((idx, pr))) => (
                            EntityRef::Known {
                                id: self.gaz().people[idx].id.clone(),
                            },
                            pr.clone(),
                            self.doc.orig_text(pr),
                        ),
                        Some(Err(nr)) => {
                            let e = self.new_entity(nr.clone());
                            (e, nr.clone(), self.doc.orig_text(nr))
                        }
                        None => (EntityRef::Unnamed, r.clone(), role_text.clone()),
                    };
                    self.parties.push(Party {
                        key,
                        name: nm_text,
                        role: Some(role_text.clone()),
                        body: None,
                        country: Some(c),
                        portfolio,
                        counterpart: head.counterpart,
                        delegation: false,
                        toks,
                        sent: self.doc.toks[t].sent,
                        confidence: conf_role,
                    });
                    i += 1;
                }
                t = role_end.max(hr.end);
                continue;
            }
            if let Some((idx, r)) = person {
                let pi = self.parties.len();
                person_role.insert(r.start, pi);
                self.parties.push(Party {
                    key: EntityRef::Known {
                        id: self.gaz().people[idx].id.clone(),
                    },
                    name: self.doc.orig_text(r.clone()),
                    role: Some(role_text),
                    body,
                    country: Some(self.gaz().people[idx].country.clone()),
                    portfolio,
                    counterpart: false,
                    delegation: false,
                    toks: r.clone(),
                    sent: self.doc.toks[t].sent,
                    confidence: 0.95,
                });
                t = r.end.max(role_end).max(t + 1);
                continue;
            }
            if let Some(r) = name {
                let key = self.new_entity(r.clone());
                self.parties.push(Party {
                    key,
                    name: self.doc.orig_text(r.clone()),
                    role: Some(role_text),
                    body,
                    country,
                    portfolio,
                    counterpart: head.counterpart,
                    delegation: false,
                    toks: r.clone(),
                    sent: self.doc.toks[t].sent,
                    confidence: 0.6,
                });
                t = r.end.max(t + 1);
                continue;
            }
            if head.rank && (country.is_some() || body.is_some() || head.counterpart) {
                self.parties.push(Party {
                    key: EntityRef::Unnamed,
                    name: role_text.clone(),
                    role: Some(role_text),
                    body,
                    country,
                    portfolio,
                    counterpart: head.counterpart,
                    delegation: false,
                    toks: start..role_end.max(hr.end),
                    sent: self.doc.toks[t].sent,
                    confidence: 0.5,
                });
            }
            t = role_end.max(hr.end).max(t + 1);
        }
    }
}
