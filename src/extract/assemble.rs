//! Drafts into finished meetings: each meeting's own sentences and the sentences it owns
//! after them give its place, date and topics; participants, kind, evidence and confidence;
//! then meetings of the same visit share a date and place.

use super::meeting::*;
use super::merge::Draft;
use super::reader::Reader;
use super::status::kind_of;
use crate::model::{MeetingKind, MeetingStatus};
use std::collections::BTreeSet;

/// Phrases that place a sentence at a time the sentence before named, as the document's
/// folded tokens (`at_that_past_time`).
const THAT_TIME: &[&str] = &[
    "that time",
    "that period",
    "that occasion",
    "that visit",
    "quel periodo",
    "quel tempo",
    "quella occasione",
    "quell occasione",
    "quella visita",
    "cette periode",
    "cette epoque",
    "cette occasion",
    "cette visite",
    "تلك الفتره",
    "ذلك الوقت",
    "تلك الزياره",
    "انذاك",
    "حينها",
    "وقتها",
];

/// Phrases saying someone will also be at a visit still to come, as the document's folded
/// tokens (`add_also_there`).
const ALSO_THERE: &[&str] = &[
    "ci sara anche",
    "ci saranno anche",
    "sara presente anche",
    "saranno presenti anche",
    "will also be",
    "will also attend",
    "will also join",
    "will be joined by",
    "sera egalement",
    "seront egalement",
    "sera aussi",
    "seront aussi",
    "وسيشارك",
    "سيشارك",
    "وسيحضر",
    "سيحضر",
];

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    pub(super) fn sentence_text(&self, s: usize) -> Evidence {
        let span = self.doc.sent_span(s);
        Evidence {
            text: self.doc.text[span.clone()].trim().to_string(),
            span,
        }
    }

    /// Sentence `s` opens by placing itself on the visit already reported, without naming
    /// where: "During his trip, Dendias also met ...", «وخلال الزيارة، التقى ...», «Durante la
    /// visita, ...», «Au cours de sa visite, ...» (not "During his visit to Rome"), or goes on
    /// to its next stop without naming a place ("He later met ...", «Poi ha incontrato», «Il a
    /// ensuite reçu»).
    pub(super) fn opens_with_the_visit(&self, s: usize) -> bool {
        let r = self.doc.sents[s].clone();
        let words: Vec<&str> = r.take(6).map(|t| self.doc.tok_str(t)).collect();
        let visit = |w: &str| {
            matches!(
                w,
                "trip"
                    | "visit"
                    | "visita"
                    | "visite"
                    | "viaggio"
                    | "الزياره"
                    | "زيارته"
                    | "زيارتها"
                    | "الجوله"
                    | "جولته"
                    | "جولتها"
            )
        };
        let during = |w: &str| {
            matches!(
                w,
                "during"
                    | "durante"
                    | "nel"
                    | "lors"
                    | "cours"
                    | "خلال"
                    | "وخلال"
                    | "اثناء"
                    | "واثناء"
            )
        };
        // "He later met ...", «Il a ensuite reçu ...», «Poi ha incontrato ...»: the next stop
        // of the same visit.
        if words.iter().take(4).any(|w| {
            matches!(
                *w,
                "later"
                    | "then"
                    | "afterwards"
                    | "subsequently"
                    | "poi"
                    | "successivamente"
                    | "ensuite"
                    | "puis"
            )
        }) {
            return self.place_in(s, true).is_none();
        }
        let Some(k) = words.iter().position(|w| visit(w)) else {
            return false;
        };
        let elsewhere = words
            .get(k + 1)
            .is_some_and(|w| matches!(*w, "to" | "in" | "a" | "à" | "الي" | "في" | "لـ"));
        words[..k].iter().any(|w| during(w)) && !elsewhere
    }

    /// A later sentence saying people attended a meeting already reported, sharing a named
    /// person with it, adds them to it rather than reporting another: "Ministers Mangoush and
    /// Bartolo were later joined by Minister Caruana", «All'incontro con la delegazione libica
    /// partecipano i ministri ...», «وحضر اللقاء ...» (words: `lexicon::ATTEND`). Not across a
    /// status, a call, a clash of places or days, a sentence reporting meetings in turn
    /// (`turns`), or a past event recalled as background. (A later sentence naming more people
    /// without such a word stays its own meeting: "Michel met al-Menfi" then "Michel met
    /// al-Menfi, Dbeibah and al-Mangoush" are two.)
    pub(super) fn join_retold(&self, drafts: Vec<Draft>) -> Vec<Draft> {
        let attend: Vec<String> = super::lexicon::ATTEND
            .iter()
            .map(|w| crate::text::fold(w))
            .collect();
        let mut out: Vec<Draft> = Vec::new();
        for d in drafts {
            let dset = self.named_set(&d.parties);
            let attend_at = self.doc.sents[d.anchor]
                .clone()
                .find(|&t| attend.iter().any(|w| w == self.doc.tok_str(t)));
            let target = out.iter().position(|e| {
                let Some(at) = attend_at else {
                    return false;
                };
                let eset = self.named_set(&e.parties);
                // The people it adds are those the word introduces, after it («وقّع X وY
                // بحضور A وB» is another event A and B attended) ...
                let adds_after = d.parties.iter().all(|&i| {
                    !self.named(i)
                        || eset.contains(&self.parties[i].key)
                        || self.parties[i].toks.start > at
                });
                // ... and it tells the whole meeting, not one of several a list reported («التقى
                // كلاً من A وB» then «B استقبله بحضور C»).
                let one_of_several = [1u8, 2u8].into_iter().any(|side| {
                    let of_side: Vec<&EntityRef> = e
                        .parties
                        .iter()
                        .filter(|&&i| self.named(i) && self.party_side(&self.parties[i]) == side)
                        .map(|&i| &self.parties[i].key)
                        .collect::<BTreeSet<_>>()
                        .into_iter()
                        .collect();
                    let told = of_side.iter().filter(|k| dset.contains(**k)).count();
                    of_side.len() >= 2 && told > 0 && told < of_side.len()
                });
                let attended = !dset.is_disjoint(&eset) && adds_after && !one_of_several;
                let place_clash = matches!((&d.place, &e.place), (Some(a), Some(b)) if a.0 != b.0);
                attended
                    && d.anchor != 0
                    && e.status == d.status
                    && !d.phone
                    && !e.phone
                    && !place_clash
                    && !e.sents.contains(&d.anchor)
                    && !d.sents.iter().any(|s| e.sents.contains(s))
                    && !self.is_past_background(d.anchor)
                    && !super::dates::days_differ(
                        self.sentence_day(d.anchor),
                        self.sentence_day(e.anchor),
                    )
            });
            match target {
                Some(j) => {
                    let e = &mut out[j];
                    for p in d.parties {
                        if !e.parties.contains(&p) {
                            e.parties.push(p);
                        }
                    }
                    e.sents.extend(d.sents);
                    e.delegation |= d.delegation;
                    e.headline |= d.headline;
                    if e.place.is_none() {
                        e.place = d.place;
                    }
                }
                None => out.push(d),
            }
        }
        out
    }

    /// People a later sentence says will also be at a visit still to come, naming its place:
    /// «A Tripoli, con il titolare della Farnesina, ci sarà anche il ministro degli Esteri di
    /// Malta X», "In Valletta, Y will also be present", «À Tripoli, Z sera également présent»,
    /// «وسيشارك في زيارة طرابلس أيضا ...». They join that visit on the visitor's side: the
    /// sentence (at most six after the visit's) names the visit's place, says so
    /// ([`ALSO_THERE`]) and names nobody of the host's side.
    pub(super) fn add_also_there(&self, drafts: &mut [Draft]) {
        for di in 0..drafts.len() {
            let d = &drafts[di];
            let Some((place, _)) = d.place.clone() else {
                continue;
            };
            if d.status != MeetingStatus::Announced || d.phone {
                continue;
            }
            let sides: BTreeSet<u8> = d
                .parties
                .iter()
                .filter(|&&i| self.named(i))
                .map(|&i| self.party_side(&self.parties[i]))
                .collect();
            let [visitor] = sides.iter().copied().collect::<Vec<_>>()[..] else {
                continue;
            };
            let last = (d.anchor + 7).min(self.doc.sents.len());
            let mut add = Vec::new();
            for s in d.anchor + 1..last {
                if drafts.iter().any(|e| e.sents.contains(&s))
                    || self.place_in(s, true).is_none_or(|(p, _)| p != place)
                    || !self.says_also_there(s)
                {
                    continue;
                }
                let named: Vec<usize> = (0..self.parties.len())
                    .filter(|&i| self.parties[i].sent == s && self.named(i))
                    .collect();
                if named
                    .iter()
                    .all(|&i| self.party_side(&self.parties[i]) == visitor)
                {
                    add.extend(named);
                }
            }
            let d = &mut drafts[di];
            for i in add {
                if !d
                    .parties
                    .iter()
                    .any(|&j| self.parties[j].key == self.parties[i].key)
                {
                    d.parties.push(i);
                }
            }
        }
    }

    /// Sentence `s` opens on the time the sentence before placed in the past: "Last December,
    /// ... . During that time, X paid a visit ...", «Lo scorso dicembre ... . Durante quel
    /// periodo ...», «À cette époque», «وفي تلك الفترة», «آنذاك».
    fn at_that_past_time(&self, s: usize) -> bool {
        if s < 2 || !self.is_past_background(s - 1) {
            return false;
        }
        let words: Vec<&str> = self.doc.sents[s]
            .clone()
            .take(5)
            .map(|t| self.doc.tok_str(t))
            .collect();
        THAT_TIME.iter().any(|phrase| {
            let p: Vec<&str> = phrase.split(' ').collect();
            words.windows(p.len()).any(|w| w == p.as_slice())
        })
    }

    /// Sentence `s` says someone will also be there ([`ALSO_THERE`]).
    fn says_also_there(&self, s: usize) -> bool {
        let r = self.doc.sents[s].clone();
        let words: Vec<&str> = r.map(|t| self.doc.tok_str(t)).collect();
        ALSO_THERE.iter().any(|phrase| {
            let p: Vec<&str> = phrase.split(' ').collect();
            words.windows(p.len()).any(|w| w == p.as_slice())
        })
    }

    pub(super) fn finish(&self, drafts: Vec<Draft>) -> Vec<ExtractedMeeting> {
        let mut drafts = self.join_retold(drafts);
        self.add_also_there(&mut drafts);
        let nsent = self.doc.sents.len();
        // Scope: every body sentence belongs to the meeting whose anchor precedes it.
        let anchors: Vec<usize> = drafts.iter().map(|d| d.anchor).collect();
        let owner = |s: usize| -> Option<usize> {
            if drafts.is_empty() {
                return None;
            }
            if let Some(di) = drafts.iter().position(|d| d.sents.contains(&s)) {
                return Some(di);
            }
            let mut best = 0;
            for (i, &a) in anchors.iter().enumerate() {
                if a <= s {
                    best = i;
                }
            }
            Some(best)
        };
        let text_dates = self.full_dates_in_text();
        let mut out = Vec::new();
        // Per meeting: its own sentences place it in time apart from the others (an earlier
        // event, a coarse date), so it takes no date or place from them.
        let mut own_time: Vec<bool> = Vec::new();
        for (di, d) in drafts.iter().enumerate() {
            let mut own: Vec<usize> = d.sents.clone();
            own.sort();
            // Meetings one sentence reports in turn ("held meetings with A, B and C") share
            // the sentences after it that speak of "the meetings" («اللقاءات», «gli incontri»):
            // what they discussed was discussed at each.
            let mut scope: Vec<usize> = (1..nsent)
                .filter(|&s| {
                    !own.contains(&s)
                        && owner(s).is_some_and(|o| {
                            o == di || drafts[o].anchor == d.anchor && self.speaks_of_meetings(s)
                        })
                })
                .collect();
            scope.sort_by_key(|&s| (s.abs_diff(d.anchor), s > d.anchor));
            let first = di == 0;
            let place = self.meeting_place(d, first, &own, &scope);
            let (date, status, earlier_event) = self.meeting_date(d, &own, &scope, &text_dates);
            own_time.push(earlier_event);
            let topics = self.meeting_topics(d, first, &own, &scope);
            let parts = self.meeting_participants(d);
            // A call has no place (see above), so it is always CAMEO 041.
            let kind = kind_of(d.phone, place.as_ref(), &parts);
            let mut evidence: Vec<Evidence> = own.iter().map(|&s| self.sentence_text(s)).collect();
            if d.headline && !own.contains(&0) {
                evidence.push(self.sentence_text(0));
            }
            let both_named = parts
                .iter()
                .filter(|p| matches!(p.entity, EntityRef::Known { .. } | EntityRef::New { .. }))
                .map(|p| self.side_of(&p.country))
                .collect::<BTreeSet<_>>();
            let mut conf: f32 = 0.45;
            if both_named.contains(&1) && both_named.contains(&2) {
                conf += 0.25;
            }
            if place.is_some() {
                conf += 0.1;
            }
            if date.date.is_some() {
                conf += 0.05;
            }
            if !topics.is_empty() {
                conf += 0.05;
            }
            if parts
                .iter()
                .any(|p| matches!(p.entity, EntityRef::New { .. }))
            {
                conf -= 0.15;
            }
            let _ = &date;
            out.push(ExtractedMeeting {
                kind,
                status,
                date,
                place,
                participants: parts,
                topics,
                evidence,
                confidence: conf.clamp(0.05, 0.95),
            });
        }
        // A past meeting recalled as background ("This visit follows that made by ... last
        // month", «وكان ... قد»), beside a held meeting the article reports, is no news of its
        // own. (Beside a visit still to come, the last one is kept: it is the record so far.)
        let mut background: Vec<bool> = drafts
            .iter()
            .map(|d| {
                d.status == MeetingStatus::Held
                    && (self.is_past_background(d.anchor) || self.at_that_past_time(d.anchor))
            })
            .collect();
        // A call on a day of its own between people the article's meeting in person brings
        // together, told after it («Le 7 février, X et Y ont eu une conversation
        // téléphonique»): the contact that led up to the meeting, not news of its own.
        for (i, d) in drafts.iter().enumerate() {
            let earlier_in_person = drafts[..i].iter().any(|e| {
                !e.phone
                    && e.status == MeetingStatus::Held
                    && !self.named_set(&d.parties).is_empty()
                    && self
                        .named_set(&d.parties)
                        .is_subset(&self.named_set(&e.parties))
            });
            if d.phone
                && d.status == MeetingStatus::Held
                && earlier_in_person
                && self.names_a_day(d.anchor)
            {
                background[i] = true;
            }
        }
        let news = drafts
            .iter()
            .zip(&background)
            .any(|(d, b)| !b && d.status == MeetingStatus::Held);
        share_turn_facts(&drafts, &mut out);
        let same_visit: Vec<bool> = drafts
            .iter()
            .map(|d| self.opens_with_the_visit(d.anchor))
            .collect();
        let anchor_spans: Vec<_> = drafts
            .iter()
            .map(|d| self.doc.sent_span(d.anchor))
            .collect();
        share_the_visit(&mut out, &same_visit, &anchor_spans);
        share_visit_dates(&mut out, &own_time);
        share_visit_places(&mut out, &own_time);
        if news {
            let mut keep = background.iter().map(|b| !b);
            out.retain(|_| keep.next().unwrap_or(true));
        }
        out
    }
}

/// Meetings one sentence reports in turn (`turns`: "held meetings with X, Y and Z") were on one
/// visit: each after the first takes the first one's date, and its place when its own
/// sentences name none, rather than a date from the sentences after it.
fn share_turn_facts(drafts: &[Draft], out: &mut [ExtractedMeeting]) {
    for i in 0..out.len() {
        let Some(j) = (0..i).find(|&j| drafts[j].sents.contains(&drafts[i].anchor)) else {
            continue;
        };
        out[i].date = out[j].date.clone();
        if out[i].place.is_none() && out[i].kind != MeetingKind::PhoneCall {
            let place = out[j].place.clone();
            out[i].kind = kind_of(false, place.as_ref(), &out[i].participants);
            out[i].place = place;
        }
    }
}

/// A meeting whose sentence opens on the visit already reported ("During his trip, Dendias also
/// met ...") was on that visit: it takes the place, status and date of the earlier meeting it
/// shares a participant with, over what other clauses or later sentences say ("... and after
/// Benghazi he is set to visit Cairo"); a date its own sentence gives stays.
fn share_the_visit(
    out: &mut [ExtractedMeeting],
    same_visit: &[bool],
    anchor_spans: &[std::ops::Range<usize>],
) {
    for i in 0..out.len() {
        if !same_visit[i] || out[i].kind == MeetingKind::PhoneCall {
            continue;
        }
        let keys_i = named_entities(&out[i]);
        let Some(j) = (0..i).find(|&j| {
            out[j].place.is_some()
                && out[j].kind != MeetingKind::PhoneCall
                && out[j]
                    .participants
                    .iter()
                    .any(|p| keys_i.contains(&p.entity))
        }) else {
            continue;
        };
        let mut place = out[j].place.clone();
        if let Some(p) = place.as_mut() {
            p.how = PlaceHow::Nearby;
        }
        out[i].kind = kind_of(false, place.as_ref(), &out[i].participants);
        out[i].place = place;
        out[i].status = out[j].status;
        let own_date = out[i]
            .date
            .span
            .as_ref()
            .is_some_and(|d| anchor_spans[i].start <= d.start && d.end <= anchor_spans[i].end);
        if !own_date {
            out[i].date = out[j].date.clone();
        }
    }
}

/// The named people of a meeting (listed or new), for telling whether two meetings share one.
fn named_entities(m: &ExtractedMeeting) -> BTreeSet<EntityRef> {
    m.participants
        .iter()
        .filter(|p| matches!(p.entity, EntityRef::Known { .. } | EntityRef::New { .. }))
        .map(|p| p.entity.clone())
        .collect()
}

/// A meeting the text does not date, reported next to one it does with a shared participant,
/// happened on the same visit: it takes that date (unless its own sentences place it in time).
fn share_visit_dates(out: &mut [ExtractedMeeting], own_time: &[bool]) {
    for i in 0..out.len() {
        if out[i].date.date.is_some()
            || out[i].date.how == DateHow::RelativeUnresolved
            || own_time[i]
        {
            continue;
        }
        let keys_i = named_entities(&out[i]);
        let donor = (0..out.len()).filter(|&j| j != i).find(|&j| {
            out[j].date.date.is_some()
                && out[j]
                    .participants
                    .iter()
                    .any(|p| keys_i.contains(&p.entity))
        });
        if let Some(j) = donor {
            out[i].date = out[j].date.clone();
        }
    }
}

/// A meeting held the same day as another with a shared participant, whose own sentences name
/// no place, was on the same visit: it takes that place ("وكان المنفي قد استقبل الوزيرة ... في
/// وقت سابق من اليوم" after "بحثت ... في طرابلس"), also over a place read only from a sentence
/// after it ("Maas was received at the coastal city's airport by ..." then "Fighting in Tripoli
/// ...") when the other meeting's own sentences name theirs.
fn share_visit_places(out: &mut [ExtractedMeeting], own_time: &[bool]) {
    let own_place = |m: &ExtractedMeeting| {
        m.place
            .as_ref()
            .is_some_and(|p| matches!(p.how, PlaceHow::Sentence | PlaceHow::Headline))
    };
    for i in 0..out.len() {
        let nearby_only = out[i]
            .place
            .as_ref()
            .is_some_and(|p| p.how == PlaceHow::Nearby);
        if out[i].place.is_some() && !nearby_only
            || out[i].kind == MeetingKind::PhoneCall
            || out[i].status != MeetingStatus::Held
            || out[i].date.date.is_none()
            || own_time[i]
        {
            continue;
        }
        let keys_i = named_entities(&out[i]);
        let donor = (0..out.len()).filter(|&j| j != i).find(|&j| {
            out[j].place.is_some()
                && (!nearby_only || own_place(&out[j]))
                && out[j].place.as_ref().map(|p| &p.id) != out[i].place.as_ref().map(|p| &p.id)
                && out[j].status == MeetingStatus::Held
                && out[j].date.date == out[i].date.date
                && out[j]
                    .participants
                    .iter()
                    .any(|p| keys_i.contains(&p.entity))
        });
        if let Some(j) = donor {
            let mut place = out[j].place.clone();
            if let Some(p) = place.as_mut() {
                p.how = PlaceHow::Nearby;
            }
            out[i].kind = kind_of(false, place.as_ref(), &out[i].participants);
            out[i].place = place;
        }
    }
}
