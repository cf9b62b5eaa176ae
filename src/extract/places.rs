//! Where a meeting took place: a gazetteer place after a locative word in a sentence, the
//! dateline ("TRIPOLI, Aug. 4 (Xinhua) --", "طرابلس –").

use super::document::Sep;
use super::extractor::Pat;
use super::lexicon::{Cue, Lex};
use super::meeting::{MeetingPlace, PlaceHow};
use super::merge::Draft;
use super::reader::Reader;
use std::ops::Range;

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// The meeting place a sentence gives: a place after a locative word ("في", "in", "a",
    /// "to", "العاصمة", a visit cue, or the clitic ب). With `loose`, any place not opening the
    /// sentence (a dateline) is accepted when no such place exists.
    pub(super) fn place_in(&self, s: usize, loose: bool) -> Option<(usize, Range<usize>)> {
        let mut fallback = None;
        for t in self.doc.sents[s].clone() {
            let Some((Pat::Place(p), r)) = &self.ent_at[t] else {
                continue;
            };
            let w = self.doc.tok_str(t);
            let name = crate::text::fold(&self.gaz().places[*p].name_ar);
            let clitic_b = self.doc.toks[t].arabic
                && (w.starts_with('ب') || w.starts_with("وب"))
                && !name.starts_with('ب');
            let ctx = clitic_b
                || (t.saturating_sub(3)..t).any(|q| {
                    self.doc.toks[q].sent == self.doc.toks[t].sent
                        && (matches!(
                            self.doc.tok_str(q),
                            "في" | "الى"
                                | "لدى"
                                | "in"
                                | "to"
                                | "at"
                                | "a"
                                | "ad"
                                | "nella"
                                | "capital"
                                | "capitale"
                                | "العاصمه"
                                | "بالعاصمه"
                                | "وصل"
                                | "مدينه"
                                | "بمدينه"
                        ) || self
                            .has_lex(q, |l| matches!(l, Lex::Cue(Cue::Visit)))
                            .is_some())
                        && (t - q <= 1
                            || !self.doc.toks[q].arabic
                            || self.doc.tok_str(q).contains("عاصم"))
                });
            if ctx {
                return Some((*p, r.clone()));
            }
            let of_before = t > 0
                && matches!(
                    self.doc.tok_str(t - 1),
                    "di" | "of" | "governo" | "government" | "حكومه" | "del" | "della"
                );
            if fallback.is_none() && t != self.doc.sents[s].start && !of_before {
                fallback = Some((*p, r.clone()));
            }
        }
        if loose { fallback } else { None }
    }

    pub(super) fn make_place(&self, p: usize, r: Range<usize>, how: PlaceHow) -> MeetingPlace {
        let pl = &self.gaz().places[p];
        MeetingPlace {
            id: pl.id.clone(),
            name_en: pl.name_en.clone(),
            country: pl.country.clone(),
            how,
            span: self.doc.orig_span(r),
        }
    }

    /// "TRIPOLI, Aug. 4 (Xinhua) --", "ROMA –", "طرابلس –": a place opening a body paragraph.
    pub(super) fn dateline_place(&self) -> Option<MeetingPlace> {
        for s in 1..self.doc.sents.len().min(4) {
            let t = self.doc.sents[s].start;
            if let Some((Pat::Place(p), r)) = &self.ent_at[t]
                && r.end < self.doc.toks.len()
                && matches!(self.doc.toks[r.end].sep, Sep::Comma | Sep::Strong)
            {
                return Some(self.make_place(*p, r.clone(), PlaceHow::Dateline));
            }
        }
        None
    }

    /// The meeting's place: the anchor sentence, its other sentences, the sentences it owns
    /// nearby, the headline (for the first meeting or one the headline restates), then the
    /// dateline. A call has none.
    pub(super) fn meeting_place(
        &self,
        d: &Draft,
        first: bool,
        own: &[usize],
        scope: &[usize],
    ) -> Option<MeetingPlace> {
        let mut place = None;
        if !d.phone {
            let mut order: Vec<(usize, PlaceHow)> = vec![(d.anchor, PlaceHow::Sentence)];
            order.extend(
                own.iter()
                    .filter(|&&s| s != d.anchor && !self.is_backref(s))
                    .map(|&s| (s, PlaceHow::Sentence)),
            );
            order.extend(
                scope
                    .iter()
                    .filter(|&&s| !self.is_backref(s))
                    .map(|&s| (s, PlaceHow::Nearby)),
            );
            if d.headline || first {
                order.push((0, PlaceHow::Headline));
            }
            for (s, how) in order {
                if s == d.anchor && d.place.is_some() {
                    let (p, r) = d.place.clone().unwrap();
                    place = Some(self.make_place(p, r, how));
                    break;
                }
                if let Some((p, r)) = self.place_in(s, s == d.anchor || how == PlaceHow::Headline) {
                    place = Some(self.make_place(p, r, how));
                    break;
                }
            }
            if place.is_none() {
                place = self.dateline_place();
            }
        }
        place
    }
}
