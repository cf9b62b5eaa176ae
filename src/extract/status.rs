//! Status and kind of a meeting: held, announced (future, planned, proposed) or cancelled;
//! a phone call; the CAMEO kind from the call flag and the place.

use super::lexicon::{Cue, Lex};
use super::meeting::{MeetingPlace, Participant};
use super::reader::Reader;
use crate::model::{MeetingKind, MeetingStatus};

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// Status of the meeting sentence `s` reports. A plan told in the past is cancelled when
    /// this sentence or a neighbour says it failed ("Non è andata a buon fine la seconda tappa.
    /// ... dove era previsto un incontro"), else still announced; future tense, a plan or a
    /// proposal announce it; otherwise it was held.
    pub(super) fn sentence_status(&self, s: usize) -> MeetingStatus {
        let planned = self.sentence_has(s, |l| *l == Lex::Planned).is_some();
        let cancel_near = [s.wrapping_sub(1), s + 1]
            .into_iter()
            .filter(|&q| q >= 1 && q < self.doc.sents.len())
            .any(|q| self.sentence_has(q, |l| *l == Lex::Cancel).is_some());
        if self.sentence_has(s, |l| *l == Lex::Cancel).is_some() || planned && cancel_near {
            MeetingStatus::Cancelled
        } else if planned
            || self.sentence_has(s, |l| *l == Lex::Future).is_some()
            || self.proposes_meeting(s)
        {
            MeetingStatus::Announced
        } else {
            MeetingStatus::Held
        }
    }

    /// Sentence `s` reports a phone call: "called" is a call, "called off" is not.
    pub(super) fn is_phone_call(&self, s: usize) -> bool {
        self.doc.sents[s].clone().any(|t| {
            self.lex_at[t]
                .iter()
                .any(|(l, _)| *l == Lex::Cue(Cue::Phone))
                && !self.lex_at[t].iter().any(|(l, _)| *l == Lex::Cancel)
        })
    }

    /// Sentence `s` proposes or agrees on a meeting: a proposal word with the sentence's first
    /// meeting cue at most five words after it ("واقترحت عقد اجتماع في روما", "agreed to meet",
    /// «hanno concordato di incontrarsi»). A proposal after the cue ("التقى ... واتفقا على عقد
    /// اجتماعات دورية") is about a later meeting, not this one.
    pub(super) fn proposes_meeting(&self, s: usize) -> bool {
        let Some(cue) = self.sentence_has(s, |l| matches!(l, Lex::Cue(_))) else {
            return false;
        };
        self.doc.sents[s].clone().any(|t| {
            t < cue && cue - t <= 5 && self.lex_at[t].iter().any(|(l, _)| *l == Lex::Propose)
        })
    }
}

/// CAMEO kind from the call flag, the place and the participants' countries: a call is 041, a
/// meeting in Libya 043, in a European participant's country 042, elsewhere 044, placeless 040.
pub(super) fn kind_of(
    phone: bool,
    place: Option<&MeetingPlace>,
    parts: &[Participant],
) -> MeetingKind {
    if phone {
        return MeetingKind::PhoneCall;
    }
    match place {
        Some(pl) if pl.country == "LY" => MeetingKind::Host,
        Some(pl) => {
            if parts
                .iter()
                .any(|p| p.country.as_deref() == Some(pl.country.as_str()))
            {
                MeetingKind::Visit
            } else {
                MeetingKind::ThirdLocation
            }
        }
        None => MeetingKind::Consult,
    }
}
