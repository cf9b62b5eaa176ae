//! Meetings between Libyan and European officials, read from one article's text.
//!
//! Pure and explainable: an [`Extractor`] is built once from a [`Gazetteer`] (one Aho-Corasick
//! automaton over every name, alias, nationality adjective, topic cue and closed-class word), then
//! [`Extractor::extract`] reads an article in three steps:
//!
//! 1. **Mentions.** The text is normalised with [`crate::text::normalize`] (offsets back to the
//!    original kept), split into word tokens, and matched on word boundaries; Arabic matches may
//!    carry a clitic prefix (و ف ب ل ك, and ال/لل before names).
//! 2. **People.** Gazetteer people, plus title constructions ("وزير الداخلية الإيطالي X",
//!    "Italian Interior Minister X", "il ministro dell'Interno X", "نظيرته وزيرة خارجية سلوفينيا X",
//!    "X, the Maltese foreign minister") that give role, body and country, and create new entities
//!    (`needs_review`) for names nobody listed. Unnamed roles ("الوزيرة الإيطالية") are resolved to
//!    the one person of that country the article names.
//! 3. **Meetings.** Each sentence with a meeting cue whose parties include a Libyan side and a
//!    European side (a European country's official, an EU body or official, or a delegation)
//!    is a candidate; candidates with the same people, or only unnamed parties a meeting already
//!    covers, merge. Place, date and topics come from the meeting's own sentences first, then
//!    the sentences that follow it, then the headline and dateline.
//!
//! Every fact carries a byte span into the ORIGINAL text passed in.
//!
//! Where each pass lives (in the order [`Extractor::extract`] runs them):
//!
//! | file | owns |
//! |---|---|
//! | `meeting` | the public output types ([`ExtractedMeeting`], [`Participant`], ...) |
//! | `lexicon` | closed-class words (cues, title heads, portfolios, ...): a data table |
//! | `extractor` | the automaton over gazetteer and lexicon; mentions on token boundaries |
//! | `document` | tokens and sentence segmentation of the normalised text |
//! | `reader` | per-article state, the pass list (`run`), shared lookups |
//! | `names` | name extent and what a name can be in each script |
//! | `roles` | title constructions: role, body, country, new entities |
//! | `people` | gazetteer people without a title, surnames, unnamed roles resolved |
//! | `groups` | delegations, `<country> officials`, bodies as parties |
//! | `clusters` | candidate meetings per sentence, inferred nationalities |
//! | `turns` | one sentence's visitor meeting several Libyan officials in turn |
//! | `status` | held / announced / cancelled, phone calls, CAMEO kind |
//! | `merge` | clusters into meeting drafts, the headline's meeting |
//! | `assemble` | drafts into meetings; date and place shared within a visit |
//! | `places`, `dates`, `topics`, `participants` | each fact of one meeting |

mod assemble;
mod clusters;
mod dates;
mod document;
mod extractor;
mod groups;
mod lexicon;
mod meeting;
mod merge;
mod names;
mod participants;
mod people;
mod places;
mod reader;
mod roles;
mod status;
mod topics;
mod turns;

pub use extractor::Extractor;
pub use meeting::{
    DateHow, EntityRef, Evidence, ExtractedMeeting, MeetingDate, MeetingPlace, Participant,
    PlaceHow, TopicHit,
};

use chrono::NaiveDate;

/// Extracts from every article in `texts` `rounds` times and returns articles per second on
/// this thread (for `benches/extract.rs` and a later `arshif bench`).
pub fn bench(ex: &Extractor, texts: &[(String, Option<NaiveDate>)], rounds: usize) -> f64 {
    let start = std::time::Instant::now();
    let mut n = 0usize;
    let mut sink = 0usize;
    for _ in 0..rounds.max(1) {
        for (t, d) in texts {
            sink += ex.extract(t, *d).len();
            n += 1;
        }
    }
    std::hint::black_box(sink);
    n as f64 / start.elapsed().as_secs_f64()
}
