//! Name extent: where a person's name starts and ends after a title or in an apposition,
//! checked against what a name can be in its script (no stop word, verb, month or weekday;
//! Latin names end on a capitalised word), and new entities for names nobody listed.

use super::document::Sep;
use super::extractor::Pat;
use super::lexicon::Lex;
use super::meeting::EntityRef;
use super::reader::Reader;
use std::ops::Range;

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// Whether token `t` may be part of a name (Arabic rules: no stop word, no lexicon word, no
    /// non-person gazetteer entry).
    pub(super) fn name_token_ok(&self, t: usize) -> bool {
        let tok = &self.doc.toks[t];
        let w = self.doc.tok_str(t);
        if crate::text::relative::weekday_name(w).is_some() {
            return false;
        }
        // A month name ends a name; in Arabic only beside a number («19 مايو»), since «مايو»
        // is also the end of «لويجي دي مايو».
        if crate::text::dates::month_name(w).is_some() && {
            let digit = |q: usize| {
                self.doc
                    .tok_str(q)
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            };
            !tok.arabic || t > 0 && digit(t - 1) || t + 1 < self.doc.toks.len() && digit(t + 1)
        } {
            return false;
        }
        if tok.arabic {
            let w = self.doc.tok_str(t);
            if w.chars().count() < 2 || w.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            if self.lex_bare[t] || self.topic_start[t] {
                return false;
            }
            for p in ["لل", "بال", "وال", "فال", "كال"] {
                if w.starts_with(p) {
                    return false;
                }
            }
        } else {
            if !tok.upper {
                return self.has_lex(t, |l| matches!(l, Lex::Particle)).is_some();
            }
            if self.lex_at[t]
                .iter()
                .any(|(l, _)| !matches!(l, Lex::Particle))
            {
                return false;
            }
        }
        !matches!(
            self.ent_at[t],
            Some((
                Pat::Country(_) | Pat::Adj(_) | Pat::Body(_) | Pat::Place(_),
                _
            ))
        )
    }

    /// Reads a name starting at token `k` (1-4 tokens, Latin up to 5), returning its token range.
    pub(super) fn read_name(&self, k: usize, sent_end: usize) -> Option<Range<usize>> {
        if k >= sent_end {
            return None;
        }
        let arabic = self.doc.toks[k].arabic;
        // Arabic names run 2-3 words ("خالد مازن", "عبد الحميد الدبيبة"); four only with a
        // compound part (عبد, أبو, بن).
        let max = if arabic {
            let compound = (k..(k + 4).min(sent_end))
                .any(|q| matches!(self.doc.tok_str(q), "عبد" | "ابو" | "بن" | "ابن" | "ولد"));
            if compound { 4 } else { 3 }
        } else {
            5
        };
        let mut end = k;
        while end < sent_end && end - k < max {
            if end > k && !matches!(self.doc.toks[end].sep, Sep::Space | Sep::Hyphen) {
                break;
            }
            if self.doc.toks[end].arabic != arabic {
                break;
            }
            if let Some((Pat::Person { .. }, _)) = self.ent_at[end] {
                if end == k {
                    return None;
                }
                break;
            }
            if !self.name_token_ok(end) || self.person_cover[end] {
                break;
            }
            end += 1;
        }
        // Latin names end on a capitalised word.
        if !arabic {
            while end > k && !self.doc.toks[end - 1].upper {
                end -= 1;
            }
            if end > k && !self.doc.toks[k].upper {
                return None;
            }
        } else if let Some(q) = (k + 2..end).find(|&q| self.verb_like(q)) {
            // "نيكوس ديندياس يرفض": a verb after the name ends it.
            end = q;
        }
        if end - k >= 2 && self.name_start_ok(k) {
            Some(k..end)
        } else {
            None
        }
    }

    /// A listed person's lone surname right after another given name is someone else's name
    /// («وزير الخارجية الليبي فرج الحاسي» is not Kamal al-Hassi, "Faraj Hassi" neither): the
    /// surname alias is dropped there, so the title rules read the whole name as a new official.
    /// The word before must be able to open a name ([`Self::name_start_ok`]), be no title,
    /// cue or other lexicon word, no entity, in the same script and sentence, not the person's
    /// own given name, and, in Latin script, capitalised, not first in its sentence and no
    /// honorific ("Mr", "Dr", "On."). A person whose full name the article writes keeps every
    /// lone surname.
    pub(super) fn drop_surnames_of_other_people(&mut self) {
        const HONORIFICS: [&str; 12] = [
            "mr", "mrs", "ms", "dr", "sir", "lady", "on", "sig", "signor", "m", "mme", "monsieur",
        ];
        // People whose full name the article writes: their surname alone is theirs.
        let named_in_full: std::collections::HashSet<usize> = self
            .ent_at
            .iter()
            .flatten()
            .filter_map(|(p, _)| match p {
                Pat::Person { idx, single: false } => Some(*idx),
                _ => None,
            })
            .collect();
        for t in 1..self.doc.toks.len() {
            let Some((Pat::Person { idx, single: true }, ref r)) = self.ent_at[t] else {
                continue;
            };
            let (r, idx) = (r.clone(), idx);
            let (prev, cur) = (&self.doc.toks[t - 1], &self.doc.toks[t]);
            if prev.sent != cur.sent
                || prev.arabic != cur.arabic
                || !matches!(cur.sep, Sep::Space)
                || self.person_cover[t - 1]
                || self.ent_at[t - 1].is_some()
                || self.lex_bare[t - 1]
                || !self.lex_at[t - 1].is_empty()
                || !self.name_start_ok(t - 1)
                || !self.name_token_ok(t - 1)
            {
                continue;
            }
            let w = self.doc.tok_str(t - 1);
            // A capital at a sentence's start says nothing in Latin script ("Accompanying Abela").
            let sentence_start = t < 2 || self.doc.toks[t - 2].sent != prev.sent;
            if !prev.arabic && (!prev.upper || sentence_start || HONORIFICS.contains(&w)) {
                continue;
            }
            if named_in_full.contains(&idx) {
                continue;
            }
            // Only a title right before the two words makes them one name («وزير الخارجية
            // الليبي فرج الحاسي», "Foreign Minister Faraj Hassi"); elsewhere the word before may
            // be a verb of a verb-first Arabic sentence («أبدى غوتيريس»).
            if t < 2 || !self.title_ends_at(t - 2) {
                continue;
            }
            // The person's own given name in another spelling ("Milad Maitouq") keeps them, also
            // before a father's name the gazetteer does not hold ("Mohamed Younes Menfi").
            let before = (t >= 2
                && self.doc.toks[t - 2].sent == prev.sent
                && matches!(prev.sep, Sep::Space))
            .then(|| self.doc.tok_str(t - 2));
            if self.is_given_name_of(idx, w)
                || before.is_some_and(|b| self.is_given_name_of(idx, b))
            {
                continue;
            }
            self.ent_at[t] = None;
            for q in r {
                self.person_cover[q] = false;
            }
        }
    }

    /// Whether a title phrase ends at token `q`: a title head, a portfolio or a role filler, or a
    /// country, nationality or body («الليبي», "Libyan", «وزارة الخارجية»).
    fn title_ends_at(&self, q: usize) -> bool {
        let from = q.saturating_sub(6);
        (from..=q).any(|s| {
            self.lex_at[s].iter().any(|(l, r)| {
                r.end == q + 1 && matches!(l, Lex::Head(_) | Lex::Portfolio(_) | Lex::Filler)
            }) || matches!(&self.ent_at[s], Some((Pat::Adj(_) | Pat::Country(_) | Pat::Body(_), r)) if r.end == q + 1)
        })
    }

    /// Whether the folded word `w` is a given or father's name (any word but the last) of listed
    /// person `idx`'s names or aliases, as written or as the same Latin consonant skeleton
    /// ("Milad" / "Meelad", "Younes" / "Younis").
    pub(super) fn is_given_name_of(&self, idx: usize, w: &str) -> bool {
        let p = &self.gaz().people[idx];
        let skeleton = crate::text::skeleton::latin_skeleton(w);
        [&p.name_en, &p.name_ar, &p.name_it]
            .into_iter()
            .chain(p.aliases.iter())
            .flat_map(|n| {
                // Every word but the surname: given names and fathers' names.
                let f = crate::text::fold(n);
                let words: Vec<String> = f.split_whitespace().map(str::to_string).collect();
                let keep = words.len().saturating_sub(1);
                words.into_iter().take(keep)
            })
            .any(|given| {
                given == w
                    || !skeleton.is_empty()
                        && crate::text::skeleton::latin_skeleton(&given) == skeleton
                    || arabic_skeleton(&given).is_some_and(|g| Some(g) == arabic_skeleton(w))
            })
    }

    /// Whether token `k` can open a person's name: not a particle, auxiliary, pronoun or
    /// sentence-opening function word ([`lexicon::NOT_NAME_START`]); in Arabic not an imperfect
    /// verb («يرفض», «وتؤكد») nor a common noun with the article («المسؤول»), except the given
    /// names of that shape ([`lexicon::GIVEN_NAMES`]).
    pub(super) fn name_start_ok(&self, k: usize) -> bool {
        let w = self.doc.tok_str(k);
        if self.ex.not_name_start.contains(w) {
            return false;
        }
        if !self.doc.toks[k].arabic || self.ex.given_names.contains(w) {
            return true;
        }
        // The article is written with a bare alef; «ألكسندر», «أليكسيس» open with a hamza.
        let article = w.starts_with("ال") && {
            let o = self.doc.norm.original_range(self.doc.toks[k].norm.clone());
            self.doc.text[o].starts_with('ا')
        };
        !self.verb_like(k) && !article
    }

    /// An Arabic word shaped like an imperfect verb: يـ/تـ (after و ف س ل) and a consonant,
    /// 4 to 7 letters («يرفض», «وتؤكد», «سيبحث»). Given names of that shape
    /// ([`lexicon::GIVEN_NAMES`]) are not verbs; transliterated names mostly have a long vowel
    /// second («يوهان», «توماس», «يانيس»).
    pub(super) fn verb_like(&self, k: usize) -> bool {
        let w = self.doc.tok_str(k);
        if !self.doc.toks[k].arabic || self.ex.given_names.contains(w) {
            return false;
        }
        let mut forms = vec![w];
        for p in ["وس", "فس", "و", "ف", "س", "ل"] {
            if let Some(r) = w.strip_prefix(p) {
                forms.push(r);
            }
        }
        forms.iter().any(|f| {
            let c: Vec<char> = f.chars().collect();
            (4..=7).contains(&c.len())
                && matches!(c[0], 'ي' | 'ت')
                && !matches!(c[1], 'ا' | 'و' | 'ي')
                && !self.ex.given_names.contains(*f)
        })
    }

    pub(super) fn new_entity(&mut self, toks: Range<usize>) -> EntityRef {
        let key = self.doc.joined
            [self.doc.toks[toks.start].joined.start..self.doc.toks[toks.end - 1].joined.end]
            .to_string();
        let n = self.new_names.len();
        self.new_names.entry(key.clone()).or_insert(n);
        EntityRef::New {
            name: self.doc.orig_text(toks).trim().to_string(),
            needs_review: true,
        }
    }

    /// An Arabic name written just before a title, in apposition («"أوليفر أوفتشا" السفير الألماني
    /// لدى ليبيا», «الكسندر شالينبرج وزير خارجية النمسا»): two or three name words ending at the
    /// title head `head`, in its sentence, followed by a space or a closing quote. Not a name a
    /// party read before holds, and not one right after a meeting cue (there the name is the
    /// cue's subject and the title its object: «استقبل X السفير الإيطالي»), nor before a title
    /// with a clitic.
    pub(super) fn name_before(&self, head: usize) -> Option<Range<usize>> {
        // A title with a clitic is not in apposition: «بعد توليه مهامه كسفير», «X والسفير».
        let w = self.doc.tok_str(head);
        let clitic =
            w.starts_with(['ب', 'ك', 'ل', 'ف']) || w.starts_with('و') && !w.starts_with("وزير");
        if clitic || !matches!(self.doc.toks[head].sep, Sep::Space | Sep::Quote) {
            return None;
        }
        let sent = self.doc.toks[head].sent;
        for len in [3usize, 2] {
            let Some(q) = head.checked_sub(len) else {
                continue;
            };
            // Three words only when the name is set off before too (a quote, a comma, the
            // sentence start): «أجرى الكسندر شالينبرج وزير ...» is a verb and a two-word name.
            let set_off = q == self.doc.sents[sent].start
                || !matches!(self.doc.toks[q].sep, Sep::Space | Sep::Hyphen);
            if self.doc.toks[q].sent != sent
                || len == 3 && !set_off
                || self.read_name(q, head) != Some(q..head)
            {
                continue;
            }
            let held = (q..head).any(|i| self.parties.iter().any(|p| p.toks.contains(&i)));
            let after_cue = q > 0
                && self.lex_at[q - 1]
                    .iter()
                    .any(|(l, _)| matches!(l, Lex::Cue(_)));
            return (!held && !after_cue).then_some(q..head);
        }
        None
    }
}

/// An Arabic word's consonants: the folded word without its long vowels and hamza seats
/// (ا و ي ى ء), so that transliterations of one European name compare equal («جورجا» and
/// «جيورجيا» are both ج ر ج). `None` for a non-Arabic word or fewer than two consonants.
fn arabic_skeleton(word: &str) -> Option<String> {
    if !word.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)) {
        return None;
    }
    let s: String = word
        .chars()
        .filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ى' | 'ء' | 'أ' | 'إ' | 'آ' | 'ئ' | 'ؤ'))
        .collect();
    (s.chars().count() >= 2).then_some(s)
}
