//! Topics of a meeting: gazetteer topic cues in the meeting's sentences, outside role phrases.

use super::extractor::Pat;
use super::meeting::TopicHit;
use super::merge::Draft;
use super::reader::Reader;
use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

/// Whether a one-word topic cue in sentence `s` counts for a meeting whose own sentences are
/// `own` (and the headline, when it restates the meeting).
pub(super) fn topic_scope_broad(own: &[usize], s: usize, headline: bool) -> bool {
    own.contains(&s) || headline && s == 0
}

/// Kinds of gazetteer body whose names are no topic: a government, council or parliament is
/// named for what it stands for ("Government of National Unity", «Governo di unità nazionale»),
/// not for what a meeting discussed. An agency's name is ("أمن السواحل", Frontex's "Border and
/// Coast Guard"): meeting it is about its field.
const BODY_KINDS_WITHOUT_TOPICS: &[&str] = &["government", "council", "parliament"];

/// Words that, right after a cue, make it half of a stock wish ("security and stability",
/// «الأمن والاستقرار», «sicurezza e stabilità»): the state a speaker wishes the country, not a
/// subject of the talks. Folded, as the document's tokens are.
const STOCK_PAIR_NEXT: &[&[&str]] = &[
    &["والاستقرار"],
    &["واستقرار"],
    &["and", "stability"],
    &["e", "stabilita"],
    &["et", "la", "stabilite"],
    &["et", "stabilite"],
];

/// Topics whose one-word cues («الانتخابات», "elections", «elezioni») name one subject, not a
/// field every report mentions: they count in the sentences a meeting owns nearby, as phrases
/// do, not only in the sentences that report the meeting.
const NARROW_ONE_WORD_TOPICS: &[&str] = &["elections"];

/// The topic whose cues name relations or cooperation in general ("relations", «التعاون»,
/// «collaborazione», "ties"): said of nearly every meeting, a subject only when the talks were
/// about them ([`Reader::generic_cue_is_a_subject`]).
const GENERIC_TOPIC: &str = "bilateral_relations";

/// Words that say what a meeting discussed (a talk verb or noun: "discussed", «بحث», «تناول»,
/// «affrontato», «évoqué»), or that make both sides the speaker («أكد الجانبان», "the two
/// sides"): a generic cue in a sentence with one of them is what the talks were about. Arabic
/// forms are listed bare; a clitic و ف ل ب before them is stripped when matching. "Dialogue" is
/// left out: "the importance of dialogue to promote stability" is a wish, not a report.
const TALK_WORDS: &[&str] = &[
    // Arabic
    "بحث",
    "بحثت",
    "بحثا",
    "يبحث",
    "تبحث",
    "يبحثان",
    "تبحثان",
    "بحثوا",
    "ناقش",
    "ناقشت",
    "ناقشا",
    "يناقش",
    "تناقش",
    "يناقشان",
    "مناقشة",
    "المناقشات",
    "مناقشات",
    "تناول",
    "تناولت",
    "تناولا",
    "يتناول",
    "تتناول",
    "تباحث",
    "تباحثا",
    "يتباحث",
    "التباحث",
    "للتباحث",
    "مباحثات",
    "المباحثات",
    "محادثات",
    "المحادثات",
    "استعرض",
    "استعرضت",
    "استعرضا",
    "يستعرض",
    "تستعرض",
    "تطرق",
    "تطرقت",
    "تطرقا",
    "يتطرق",
    "التطرق",
    "حوار",
    "حوارا",
    "وجهات",
    // English
    "discussed",
    "discuss",
    "discusses",
    "discussing",
    "discussion",
    "discussions",
    "talks",
    "talked",
    "addressed",
    "address",
    "addressing",
    "focused",
    "focusing",
    "reviewed",
    "examined",
    "explored",
    // Italian
    "discusso",
    "discutere",
    "discuteranno",
    "discutono",
    "parlato",
    "affrontato",
    "affrontare",
    "affrontati",
    "esaminato",
    "colloquio",
    "colloqui",
    "dialogo",
    "confronto",
    // French
    "discuté",
    "discuter",
    "évoqué",
    "abordé",
    "entretenu",
    "entretenue",
    "entretien",
    "entretiens",
    "échangé",
];

/// Words that make both sides the speakers («أكد الجانبان», "the two sides stressed", «le due
/// parti»): what they stress together about relations is what the talks were about; a stability
/// wish they voice stays a wish.
const JOINT_WORDS: &[&str] = &["الجانبان", "الطرفان", "sides", "parti", "parties"];

/// Words of thanks and praise («أشاد», «ثمن», "thanked", «ringraziato», «salué»): relations or
/// cooperation they are said of are praised, not discussed.
const THANKS_WORDS: &[&str] = &[
    "أشاد",
    "اشاد",
    "أشادت",
    "يشيد",
    "تشيد",
    "ثمن",
    "ثمنت",
    "يثمن",
    "شكر",
    "شكرت",
    "يشكر",
    "تقديره",
    "تقديرها",
    "thanked",
    "thanks",
    "thank",
    "praised",
    "hailed",
    "commended",
    "ringraziato",
    "ringraziare",
    "ringrazia",
    "elogiato",
    "lodato",
    "remercié",
    "salué",
];

/// Words that, right before a generic cue, make it the aim of the talks: to develop, strengthen
/// or widen relations or cooperation ("تطوير العلاقات", "strengthen cooperation", «rafforzare la
/// collaborazione»), not to praise them or name their frame ("في إطار التعاون", "a new chapter in
/// bilateral relations").
const DEVELOP_WORDS: &[&str] = &[
    "تطوير",
    "تعزيز",
    "تطور",
    "تتطور",
    "يتطور",
    "توطيد",
    "تقوية",
    "تعميق",
    "تفعيل",
    "توسيع",
    "تنمية",
    "strengthen",
    "strengthening",
    "develop",
    "developing",
    "enhance",
    "enhancing",
    "boost",
    "boosting",
    "deepen",
    "deepening",
    "advance",
    "advancing",
    "expand",
    "expanding",
    "rafforzare",
    "rafforzamento",
    "sviluppare",
    "potenziare",
    "approfondire",
    "consolidare",
    "intensificare",
    "renforcer",
    "renforcement",
    "développer",
    "approfondir",
    "consolider",
];

/// Words that make a generic cue the frame of something else, one to three words before it
/// («دورات تأتي في إطار التعاون المشترك», "as part of the partnership", «nell'ambito della
/// cooperazione», «dans le cadre de la coopération»): the talks were about that something.
const FRAME_WORDS: &[&str] = &["إطار", "framework", "part", "ambito", "quadro", "cadre"];

/// Words of stability ("استقرار المنطقة", "regional stability", «stabilità regionale»): a cue
/// holding one is a wish the speaker voices unless the talks were about it (a talk word in its
/// sentence).
const STABILITY_WORDS: &[&str] = &["استقرار", "الاستقرار", "stability", "stabilità", "stabilité"];

/// Plural nouns of "issues" («القضايا», «الملفات»): «ذات الاهتمام المشترك» ("of common interest")
/// after one of them names the issues discussed; after any other word («القضايا الأمنية ذات
/// الاهتمام المشترك») it only qualifies a subject that has its own topic.
const ISSUE_NOUNS: &[&str] = &[
    "القضايا",
    "قضايا",
    "الملفات",
    "ملفات",
    "المسائل",
    "مسائل",
    "الموضوعات",
    "موضوعات",
    "المواضيع",
    "مواضيع",
    "الشؤون",
    "الأمور",
    "الامور",
];

/// Words that join a generic cue to the field it is about: «التعاون في الأمن الحدودي»,
/// «التعاون المشترك في تعزيز الأمن الحدودي», "cooperation in the field of security",
/// "cooperation in combating terrorism", «collaborazione nella lotta al terrorismo».
const FIELD_LINKS: &[&str] = &[
    "في",
    "مجال",
    "مجالات",
    "تعزيز",
    "مكافحة",
    "محاربة",
    "ضبط",
    "in",
    "on",
    "the",
    "field",
    "fields",
    "of",
    "area",
    "areas",
    "combating",
    "fighting",
    "fight",
    "against",
    "strengthening",
    "nel",
    "nella",
    "nei",
    "nelle",
    "sul",
    "sulla",
    "sui",
    "materia",
    "tema",
    "di",
    "campo",
    "lotta",
    "contrasto",
    "al",
    "alla",
    "en",
    "dans",
    "sur",
    "le",
    "la",
    "les",
    "domaine",
    "domaines",
    "de",
    "du",
    "des",
    "lutte",
    "contre",
];

/// Words that put a sentence at an earlier time than the meeting ("last month", «الشهر الماضي»,
/// «lo scorso aprile», «le mois dernier»). Narrower than the date rules' back-references: «già»
/// ("already") says how far something has got, not that an earlier event is told.
const EARLIER_WORDS: &[&str] = &[
    "الماضي",
    "الماضية",
    "last",
    "previous",
    "scorso",
    "scorsa",
    "dernier",
    "dernière",
];

/// A word list folded as the document's tokens are.
fn folded(words: &[&str]) -> HashSet<String> {
    words
        .iter()
        .map(|w| super::document::fold_pattern(w))
        .collect()
}

/// The folded word lists above, built once.
struct Words {
    talk: HashSet<String>,
    joint: HashSet<String>,
    frame: HashSet<String>,
    thanks: HashSet<String>,
    develop: HashSet<String>,
    stability: HashSet<String>,
    issues: HashSet<String>,
    earlier: HashSet<String>,
    links: HashSet<String>,
    dhat: String,
}

fn words() -> &'static Words {
    static W: OnceLock<Words> = OnceLock::new();
    W.get_or_init(|| Words {
        talk: folded(TALK_WORDS),
        joint: folded(JOINT_WORDS),
        frame: folded(FRAME_WORDS),
        thanks: folded(THANKS_WORDS),
        develop: folded(DEVELOP_WORDS),
        stability: folded(STABILITY_WORDS),
        issues: folded(ISSUE_NOUNS),
        earlier: folded(EARLIER_WORDS),
        links: folded(FIELD_LINKS),
        dhat: super::document::fold_pattern("ذات"),
    })
}

/// Whether folded token `w` is in `set`, also after an Arabic clitic (و ف ل ب, up to two).
fn in_set(set: &HashSet<String>, w: &str) -> bool {
    if set.contains(w) {
        return true;
    }
    let mut rest = w;
    for _ in 0..2 {
        match rest.chars().next() {
            Some(c @ ('و' | 'ف' | 'ل' | 'ب')) => {
                rest = &rest[c.len_utf8()..];
                if rest.chars().count() >= 3 && set.contains(rest) {
                    return true;
                }
            }
            _ => return false,
        }
    }
    false
}

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// Whether sentence `s` tells of an earlier time ([`EARLIER_WORDS`]).
    fn tells_earlier_time(&self, s: usize) -> bool {
        self.any_word_in(self.doc.sents[s].clone(), &words().earlier)
    }

    /// Whether sentence `s` holds a word of `set` among tokens `toks`.
    fn any_word_in(&self, toks: Range<usize>, set: &HashSet<String>) -> bool {
        toks.into_iter().any(|t| in_set(set, self.doc.tok_str(t)))
    }

    /// Whether a generic cue at tokens `r` (relations, cooperation, partnership) is a subject
    /// of the talks: a word of developing ([`DEVELOP_WORDS`]) begins it or stands one or two
    /// words before it, or, reading back from it to its sentence's start, a talk word
    /// ([`TALK_WORDS`]) or both sides as speakers ([`JOINT_WORDS`]) comes before any word of
    /// thanks ([`THANKS_WORDS`]). Praise («أشاد بالعلاقات الثنائية»), thanks («ho ringraziato
    /// ... per la collaborazione»), a frame ([`FRAME_WORDS`]: «في إطار التعاون المشترك») or a
    /// hope ("a new chapter in bilateral relations") is no subject.
    fn generic_cue_is_a_subject(&self, r: &Range<usize>) -> bool {
        let w = words();
        let start = self.doc.sents[self.doc.toks[r.start].sent].start;
        if self.any_word_in(
            r.start.saturating_sub(2).max(start)..r.start + 1,
            &w.develop,
        ) {
            return true;
        }
        if self.any_word_in(r.start.saturating_sub(3).max(start)..r.start, &w.frame) {
            return false;
        }
        for t in (start..r.start).rev() {
            let tok = self.doc.tok_str(t);
            if in_set(&w.thanks, tok) {
                return false;
            }
            if in_set(&w.talk, tok) || in_set(&w.joint, tok) {
                return true;
            }
        }
        false
    }

    /// Whether the cue at tokens `r` voices stability ([`STABILITY_WORDS`]) with no talk word
    /// before it in its sentence (both sides "reaffirming" it is no talk): «استقرار ليبيا سينعكس إيجابيا على استقرار المنطقة», "to promote shared
    /// regional stability" are wishes, not subjects.
    fn stability_wish(&self, r: &Range<usize>) -> bool {
        let w = words();
        if !self.any_word_in(r.clone(), &w.stability) {
            return false;
        }
        let start = self.doc.sents[self.doc.toks[r.start].sent].start;
        !self.any_word_in(start..r.start, &w.talk)
    }

    /// Whether «الاهتمام المشترك» at tokens `r` follows «ذات» after a word that is no plural
    /// of "issues" ([`ISSUE_NOUNS`]): «القضايا الأمنية ذات الاهتمام المشترك» is about security.
    fn common_interest_qualifies_a_subject(&self, r: &Range<usize>) -> bool {
        let w = words();
        let s = self.doc.sents[self.doc.toks[r.start].sent].start;
        if r.start < s + 2 || self.doc.tok_str(r.start - 1) != w.dhat {
            return false;
        }
        !in_set(&w.issues, self.doc.tok_str(r.start - 2))
    }

    /// Whether the generic cue at tokens `r` is joined by field words ([`FIELD_LINKS`], up to
    /// five) to another topic's cue: «التعاون في الأمن الحدودي» is about border security,
    /// "cooperation in the field of migration" about migration. "Cooperation between the two
    /// countries in health" names the relations first and keeps them.
    fn generic_cue_names_a_field(&self, r: &Range<usize>, starts: &[usize]) -> bool {
        let w = words();
        let sent = self.doc.toks[r.start].sent;
        for t in r.end..=r.end + 5 {
            if t >= self.doc.toks.len() || self.doc.toks[t].sent != sent {
                return false;
            }
            if starts.contains(&t) {
                return t > r.end;
            }
            if !in_set(&w.links, self.doc.tok_str(t)) {
                return false;
            }
        }
        false
    }

    /// Whether the cue at tokens `r` is followed by the second half of a stock wish
    /// ([`STOCK_PAIR_NEXT`]).
    fn in_stock_pair(&self, r: &Range<usize>) -> bool {
        STOCK_PAIR_NEXT.iter().any(|next| {
            next.iter().enumerate().all(|(i, w)| {
                let t = r.end + i;
                t < self.doc.toks.len()
                    && self.doc.toks[t].sent == self.doc.toks[r.start].sent
                    && self.doc.tok_str(t) == *w
            })
        })
    }

    /// Whether the Latin cue at tokens `r` is written as part of a proper name: every word
    /// capitalised, inside a run of capitalised words ("the Internal Security Agency", "Department
    /// for Combating Illegal Immigration"), in a sentence not written in title case (a headline's
    /// "Minister Discusses Migration" keeps its cue). A listed agency's name keeps its cue
    /// (Frontex, "European Border and Coast Guard Agency": meeting it is about borders).
    fn in_latin_proper_name(&self, r: &Range<usize>) -> bool {
        let toks = &self.doc.toks;
        if r.clone().any(|t| toks[t].arabic || !toks[t].upper) || self.body_kind_around(r).is_some()
        {
            return false;
        }
        let sent = self.doc.sents[toks[r.start].sent].clone();
        let latin: Vec<&super::document::Tok> =
            toks[sent.clone()].iter().filter(|t| !t.arabic).collect();
        let upper = latin.iter().filter(|t| t.upper).count();
        if 2 * upper > latin.len() {
            return false;
        }
        // A capitalised neighbour in the same phrase; the sentence's first word is capitalised
        // anyway and says nothing.
        let joined = |t: usize| matches!(toks[t].sep, super::document::Sep::Space);
        let before = r.start > sent.start + 1 && toks[r.start - 1].upper && joined(r.start);
        let after = r.end < sent.end && toks[r.end].upper && !toks[r.end].arabic && joined(r.end);
        before || after
    }

    /// The kind of the gazetteer body whose name holds tokens `r` ("agency", "government", ...).
    fn body_kind_around(&self, r: &Range<usize>) -> Option<&str> {
        // Body names run to a dozen words at most ("Ministry of Foreign Affairs of the Government
        // of National Unity").
        let start = r.start.saturating_sub(12);
        (start..r.end).find_map(|t| match &self.ent_at[t] {
            Some((Pat::Body(b), br)) if br.start <= r.start && r.end <= br.end => {
                Some(self.gaz().bodies[*b].kind.as_str())
            }
            _ => None,
        })
    }

    /// Whether tokens `r` lie inside the name of a government, council or parliament.
    fn in_government_name(&self, r: &Range<usize>) -> bool {
        self.body_kind_around(r)
            .is_some_and(|k| BODY_KINDS_WITHOUT_TOPICS.contains(&k))
    }

    /// Topics of a meeting from its own sentences, the sentences it owns nearby and the headline
    /// (first meeting or restated), once each, in text order.
    pub(super) fn meeting_topics(
        &self,
        d: &Draft,
        first: bool,
        own: &[usize],
        scope: &[usize],
    ) -> Vec<TopicHit> {
        let mut sents_for_topics: Vec<usize> = own.to_vec();
        sents_for_topics.extend(scope.iter().copied());
        if d.headline || first {
            sents_for_topics.push(0);
        }
        let mut topics: Vec<TopicHit> = Vec::new();
        let mut seen = BTreeSet::new();
        let generic = |ti: usize| self.gaz().topics[ti].id == GENERIC_TOPIC;
        // Where the other topics' cues begin, for a generic cue naming its field.
        let specific_starts: Vec<usize> = self
            .topics
            .iter()
            .filter(|(ti, _)| !generic(*ti))
            .map(|(_, r)| r.start)
            .collect();
        // A sentence telling an earlier event («وقام الدبيبة، نهاية مايو الماضي، بزيارة إلى روما
        // بحث فيها ...», "last month he said ...") gives its topics to that event, not to a
        // meeting its anchor tells apart from it.
        let anchor_earlier = self.tells_earlier_time(d.anchor);
        let mut tmatches: Vec<&(usize, Range<usize>)> = self
            .topics
            .iter()
            .filter(|(_, r)| sents_for_topics.contains(&self.doc.toks[r.start].sent))
            .filter(|(_, r)| {
                anchor_earlier || !self.tells_earlier_time(self.doc.toks[r.start].sent)
            })
            // A cue inside a longer cue is read as the longer one: «الأمن» in «الأمن الحدودي»
            // is border security, not security cooperation.
            .filter(|(_, r)| {
                !self
                    .topics
                    .iter()
                    .any(|(_, o)| o.start <= r.start && r.end <= o.end && o.len() > r.len())
            })
            .filter(|(_, r)| !r.clone().any(|t| self.in_role[t]))
            .filter(|(_, r)| !self.in_government_name(r))
            .filter(|(_, r)| !self.in_latin_proper_name(r) && !self.in_stock_pair(r))
            .filter(|(_, r)| !self.stability_wish(r))
            // Relations and cooperation count only as what the talks were about, not praised,
            // thanked for, hoped for or named as a frame, and not when they name the field
            // another topic gives («التعاون في الأمن الحدودي»).
            .filter(|(ti, r)| {
                !generic(*ti)
                    || self.generic_cue_is_a_subject(r)
                        && !self.common_interest_qualifies_a_subject(r)
                        && !self.generic_cue_names_a_field(r, &specific_starts)
            })
            // A one-word cue ("التعاون", "security", «accordi») is too broad to stand for
            // the meeting unless a sentence reporting the meeting says it.
            // Elections are narrow enough for their one word to count anywhere in the meeting's
            // part of the article («والبدء في الاستعدادات للانتخابات»).
            .filter(|(ti, r)| {
                let s = self.doc.toks[r.start].sent;
                r.len() > 1
                    || NARROW_ONE_WORD_TOPICS.contains(&self.gaz().topics[*ti].id.as_str())
                    || topic_scope_broad(own, s, d.headline)
            })
            .collect();
        tmatches.sort_by_key(|(_, r)| r.start);
        for (ti, r) in tmatches {
            let id = self.gaz().topics[*ti].id.clone();
            if seen.insert(id.clone()) {
                topics.push(TopicHit {
                    id,
                    span: self.doc.orig_span(r.clone()),
                });
            }
        }
        topics
    }
}
