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

mod lexicon;

use crate::gazetteer::Gazetteer;
use crate::model::{DatePrecision, MeetingKind, MeetingStatus};
use crate::text::normalize;
use crate::text::relative::{self, Direction, RelativeKind};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
use lexicon::{Cue, Lex};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

/// How a meeting's date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateHow {
    /// An explicit date in the meeting's sentences ("4 August 2021", "Aug. 4").
    Explicit,
    /// A relative day ("اليوم", "yesterday", "on Monday") resolved against the article date.
    RelativeToArticle,
    /// A relative day but the article has no date: kept as `expression`, resolvable later.
    RelativeUnresolved,
    /// A relative day resolved against the only full date written in the article (the article
    /// itself has no date).
    RelativeToTextDate,
    /// Nothing in the text dates the meeting.
    None,
}

/// A meeting's date with its precision, provenance and the words it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDate {
    pub date: Option<NaiveDate>,
    pub precision: Option<DatePrecision>,
    pub how: DateHow,
    /// The date words as written ("اليوم الخميس", "Aug. 4").
    pub expression: Option<String>,
    /// Byte span of `expression` in the original text.
    pub span: Option<Range<usize>>,
    /// The stated weekday disagrees with the resolved date (the source got the day wrong).
    pub weekday_conflict: bool,
}

/// Where the meeting place was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceHow {
    /// In the sentence that reports the meeting.
    Sentence,
    /// In a following or nearby sentence about the same meeting.
    Nearby,
    Headline,
    Dateline,
}

/// A meeting place from the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingPlace {
    /// `places.toml` id.
    pub id: String,
    pub name_en: String,
    pub country: String,
    pub how: PlaceHow,
    pub span: Range<usize>,
}

/// Who a participant is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EntityRef {
    /// A gazetteer person (`people.toml` id, or a user addition).
    Known { id: String },
    /// A name read from a title construction that nobody listed: to be reviewed by the user.
    New { name: String, needs_review: bool },
    /// A gazetteer body standing for its officials ("Frontex", "حكومة الوفاق").
    Body { id: String },
    /// An official or a delegation the text does not name ("نظيره الليبي", "the EU officials").
    Unnamed,
}

/// One party of a meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub entity: EntityRef,
    /// The name (or the words standing for the party) as written.
    pub name: String,
    /// The role as written next to the name, if any ("وزيرة الداخلية الإيطالية").
    pub role: Option<String>,
    /// A `bodies.toml` id when the role or the text names one.
    pub body: Option<String>,
    /// Country code (`LY`, `IT`, `EU`, ...), when known.
    pub country: Option<String>,
    /// Byte span in the original text of the mention used.
    pub span: Range<usize>,
    pub confidence: f32,
}

/// A topic of the meeting (`topics.toml` id) and where its cue was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicHit {
    pub id: String,
    pub span: Range<usize>,
}

/// A sentence the meeting was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub span: Range<usize>,
    pub text: String,
}

/// A meeting between a Libyan and a European party, with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedMeeting {
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub date: MeetingDate,
    pub place: Option<MeetingPlace>,
    pub participants: Vec<Participant>,
    pub topics: Vec<TopicHit>,
    /// The sentences the meeting was read from; the first one reports it.
    pub evidence: Vec<Evidence>,
    /// 0..1: how sure the rules are (both sides named, place, date, no new entities ...).
    pub confidence: f32,
}

// ---------------------------------------------------------------------------------------------
// Automaton payloads

#[derive(Debug, Clone, Copy, PartialEq)]
enum Pat {
    Person { idx: usize, single: bool },
    Country(usize),
    Adj(usize),
    Body(usize),
    Place(usize),
    Topic(usize),
    Lex(Lex),
}

impl Pat {
    fn is_entity(&self) -> bool {
        !matches!(self, Pat::Topic(_) | Pat::Lex(_))
    }
}

/// Meeting extraction rules compiled from a gazetteer. Build once, use for many articles
/// (`Send + Sync`).
pub struct Extractor {
    gaz: Gazetteer,
    ac: AhoCorasick,
    /// Payloads per pattern, with whether the pattern is the "ال"-stripped form (for لل).
    payloads: Vec<(Vec<Pat>, bool)>,
    /// Portfolio per person index (from their offices' bodies), for resolving unnamed roles.
    person_portfolios: Vec<Vec<&'static str>>,
    /// Folded forms of all-capital aliases ("UN", "EU", "GNA"): they only match capitals in the
    /// text, so the Italian article "un" is not the United Nations.
    acronyms: std::collections::HashSet<String>,
    /// Folded [`lexicon::NOT_NAME_START`]: words that never open a name.
    not_name_start: std::collections::HashSet<String>,
    /// Folded [`lexicon::GIVEN_NAMES`]: given names shaped like a verb or with the article.
    given_names: std::collections::HashSet<String>,
}

#[derive(Debug, Clone)]
struct Tok {
    norm: Range<usize>,
    joined: Range<usize>,
    sep: Sep,
    upper: bool,
    arabic: bool,
    sent: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    Space,
    Hyphen,
    Comma,
    Quote,
    Strong,
    Paren,
}

#[derive(Debug, Clone)]
struct Mention {
    pat: Pat,
    toks: Range<usize>,
    /// Matched after an Arabic clitic prefix ("وفي", "بطرابلس").
    prefixed: bool,
}

/// One party as the rules see it inside the article.
#[derive(Debug, Clone)]
struct Party {
    key: EntityRef,
    name: String,
    role: Option<String>,
    body: Option<usize>,
    country: Option<String>,
    portfolio: Option<&'static str>,
    counterpart: bool,
    delegation: bool,
    toks: Range<usize>,
    sent: usize,
    confidence: f32,
}

struct Doc<'a> {
    text: &'a str,
    norm: crate::text::Normalized,
    joined: String,
    toks: Vec<Tok>,
    sents: Vec<Range<usize>>, // token ranges
}

impl<'a> Doc<'a> {
    fn tok_str(&self, i: usize) -> &str {
        &self.joined[self.toks[i].joined.clone()]
    }
    fn orig_span(&self, toks: Range<usize>) -> Range<usize> {
        if toks.is_empty() {
            return 0..0;
        }
        let a = self.toks[toks.start].norm.start;
        let b = self.toks[toks.end - 1].norm.end;
        self.norm.original_range(a..b)
    }
    fn orig_text(&self, toks: Range<usize>) -> String {
        let r = self.orig_span(toks);
        self.text[r].to_string()
    }
    fn sent_span(&self, s: usize) -> Range<usize> {
        self.orig_span(self.sents[s].clone())
    }
}

/// A raw token: normalised range, joined range, separator before it, upper-case (filled
/// later), Arabic script.
type RawTok = (Range<usize>, Range<usize>, Sep, bool, bool);

fn tokenize_into(text: &str) -> (String, Vec<RawTok>) {
    // Returns joined string and per token (norm range, joined range, sep, upper, arabic);
    // `text` here is the normalised text; `upper` is filled later from the original.
    let mut joined = String::with_capacity(text.len());
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap_start = 0usize;
    let push = |joined: &mut String, out: &mut Vec<RawTok>, a: usize, b: usize, gap: &str| {
        let sep = classify_sep(gap);
        if !joined.is_empty() {
            joined.push(' ');
        }
        let j0 = joined.len();
        joined.push_str(&text[a..b]);
        let arabic = text[a..b]
            .chars()
            .next()
            .is_some_and(|c| ('\u{600}'..='\u{6ff}').contains(&c));
        out.push((a..b, j0..joined.len(), sep, false, arabic));
    };
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric();
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let gap = &text[gap_start..s];
                push(&mut joined, &mut out, s, i, gap);
                start = None;
                gap_start = i;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        let gap = &text[gap_start..s];
        push(&mut joined, &mut out, s, text.len(), gap);
    }
    (joined, out)
}

fn classify_sep(gap: &str) -> Sep {
    if gap.contains('\n') {
        return Sep::Strong;
    }
    if gap
        .chars()
        .any(|c| matches!(c, '.' | '!' | '?' | '؟' | ':' | '|'))
    {
        return Sep::Strong;
    }
    if gap.chars().any(|c| matches!(c, ',' | '،' | ';' | '؛')) {
        return Sep::Comma;
    }
    if gap
        .chars()
        .any(|c| matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '‘'))
    {
        return Sep::Quote;
    }
    if gap.chars().any(|c| matches!(c, '(' | ')' | '[' | ']')) {
        return Sep::Paren;
    }
    if gap.chars().any(|c| matches!(c, '–' | '—')) || gap.trim() == "-" && gap.len() > 1 {
        return Sep::Comma;
    }
    if gap.contains('-') || gap.contains('\'') || gap.contains('’') {
        return Sep::Hyphen;
    }
    Sep::Space
}

const ABBREV: &[&str] = &[
    "aug", "jan", "feb", "mar", "apr", "jun", "jul", "sep", "sept", "oct", "nov", "dec", "mr",
    "mrs", "ms", "dr", "st", "no", "gen", "col", "prof", "on", "u", "s",
];

fn fold_pattern(p: &str) -> String {
    let n = normalize(p);
    let (j, _) = tokenize_into(&n.text);
    j
}

fn portfolio_of_body_name(name_en: &str) -> Option<&'static str> {
    let l = name_en.to_lowercase();
    if l.contains("interior") || l.contains("home affairs") {
        Some("interior")
    } else if l.contains("foreign") {
        Some("foreign")
    } else if l.contains("defen") {
        Some("defence")
    } else if l.contains("energy") || l.contains("oil") {
        Some("energy")
    } else if l.contains("migration") {
        Some("migration")
    } else {
        None
    }
}

impl Extractor {
    /// Compiles the gazetteer and the built-in lexicon into one automaton.
    pub fn new(gaz: &Gazetteer) -> Extractor {
        let mut map: HashMap<(String, bool), Vec<Pat>> = HashMap::new();
        let mut add = |s: &str, p: Pat| {
            let f = fold_pattern(s);
            if f.is_empty() {
                return;
            }
            // "الاتحاد الاوروبي" also as "لاتحاد الاوروبي" for "للاتحاد الأوروبي".
            if (p.is_entity() || matches!(p, Pat::Topic(_)))
                && let Some(rest) = f.strip_prefix("ال")
                && rest.chars().count() >= 2
            {
                let v = map.entry((format!("ل{rest}"), true)).or_default();
                if !v.contains(&p) {
                    v.push(p);
                }
            }
            let v = map.entry((f, false)).or_default();
            if !v.contains(&p) {
                v.push(p);
            }
        };
        for (i, c) in gaz.countries.iter().enumerate() {
            for n in [&c.name_en, &c.name_ar, &c.name_it]
                .into_iter()
                .chain(c.aliases.iter())
            {
                if !n.is_empty() {
                    add(n, Pat::Country(i));
                }
            }
            for a in c.adj_ar.iter().chain(&c.adj_en).chain(&c.adj_it) {
                add(a, Pat::Adj(i));
            }
        }
        for (i, b) in gaz.bodies.iter().enumerate() {
            for n in [&b.name_en, &b.name_ar, &b.name_it]
                .into_iter()
                .chain(b.aliases.iter())
            {
                if !n.is_empty() {
                    add(n, Pat::Body(i));
                }
            }
        }
        for (i, p) in gaz.people.iter().enumerate() {
            for n in [&p.name_en, &p.name_ar, &p.name_it]
                .into_iter()
                .chain(p.aliases.iter())
            {
                if !n.is_empty() {
                    let single = fold_pattern(n).split(' ').count() == 1;
                    add(n, Pat::Person { idx: i, single });
                }
            }
        }
        for (i, p) in gaz.places.iter().enumerate() {
            for n in [&p.name_en, &p.name_ar, &p.name_it]
                .into_iter()
                .chain(p.aliases.iter())
            {
                if !n.is_empty() {
                    add(n, Pat::Place(i));
                }
            }
        }
        for (i, t) in gaz.topics.iter().enumerate() {
            for c in t.cues_ar.iter().chain(&t.cues_en).chain(&t.cues_it) {
                add(c, Pat::Topic(i));
            }
        }
        for (w, l) in lexicon::entries() {
            add(w, Pat::Lex(l));
        }
        let mut acronyms = std::collections::HashSet::new();
        {
            let mut consider = |n: &str| {
                if n.len() <= 6
                    && n.chars().all(|c| c.is_ascii_uppercase() || c == '.')
                    && n.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
                {
                    acronyms.insert(fold_pattern(n));
                }
            };
            for c in &gaz.countries {
                c.aliases
                    .iter()
                    .chain(&c.adj_en)
                    .chain(&c.adj_it)
                    .for_each(|a| consider(a));
            }
            for b in &gaz.bodies {
                b.aliases.iter().for_each(|a| consider(a));
            }
            for p in &gaz.places {
                p.aliases.iter().for_each(|a| consider(a));
            }
        }
        let mut keys: Vec<_> = map.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let patterns: Vec<String> = keys.iter().map(|((s, _), _)| s.clone()).collect();
        let payloads: Vec<(Vec<Pat>, bool)> =
            keys.into_iter().map(|((_, st), p)| (p, st)).collect();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("gazetteer patterns build an automaton");
        let person_portfolios = gaz
            .people
            .iter()
            .map(|p| {
                p.office
                    .iter()
                    .filter_map(|o| {
                        o.body
                            .as_deref()
                            .and_then(|b| gaz.body(b))
                            .and_then(|b| portfolio_of_body_name(&b.name_en))
                            .or_else(|| portfolio_of_body_name(&o.role_en))
                    })
                    .collect()
            })
            .collect();
        Extractor {
            gaz: gaz.clone(),
            ac,
            payloads,
            person_portfolios,
            acronyms,
            not_name_start: lexicon::NOT_NAME_START
                .iter()
                .map(|w| fold_pattern(w))
                .collect(),
            given_names: lexicon::GIVEN_NAMES
                .iter()
                .map(|w| fold_pattern(w))
                .collect(),
        }
    }

    /// The gazetteer this extractor was built from.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    fn doc<'a>(&self, text: &'a str) -> Doc<'a> {
        let norm = normalize(text);
        let (joined, raw) = tokenize_into(&norm.text);
        let mut toks = Vec::with_capacity(raw.len());
        let mut sent = 0usize;
        let mut sents = Vec::new();
        let mut sent_start = 0usize;
        for (i, (nr, jr, sep, _, arabic)) in raw.into_iter().enumerate() {
            let o = norm.orig[nr.start];
            let upper = text[o..].chars().next().is_some_and(|c| c.is_uppercase());
            if i > 0 {
                let gap = &norm.text[toks.last().map(|t: &Tok| t.norm.end).unwrap_or(0)..nr.start];
                let newline = gap.contains('\n');
                let mut boundary = newline;
                if !boundary && sep == Sep::Strong {
                    let has_end = gap
                        .chars()
                        .any(|c| matches!(c, '.' | '!' | '?' | '؟' | '|'));
                    if has_end {
                        let prev = &joined[toks[i - 1].joined.clone()];
                        let abbrev = !toks[i - 1].arabic
                            && (ABBREV.contains(&prev) || prev.chars().count() == 1);
                        let lower_next = !arabic && !upper;
                        boundary = !abbrev && !lower_next;
                    }
                }
                if boundary {
                    sents.push(sent_start..i);
                    sent_start = i;
                    sent += 1;
                }
            }
            toks.push(Tok {
                norm: nr,
                joined: jr,
                sep,
                upper,
                arabic,
                sent,
            });
        }
        sents.push(sent_start..toks.len());
        Doc {
            text,
            norm,
            joined,
            toks,
            sents,
        }
    }

    fn mentions(&self, doc: &Doc) -> Vec<Mention> {
        // joined byte -> token index
        let mut owner = vec![u32::MAX; doc.joined.len()];
        for (i, t) in doc.toks.iter().enumerate() {
            for b in t.joined.clone() {
                owner[b] = i as u32;
            }
        }
        let mut out = Vec::new();
        for m in self.ac.find_overlapping_iter(&doc.joined) {
            let (s, e) = (m.start(), m.end());
            if e == 0 || owner[s] == u32::MAX || owner[e - 1] == u32::MAX {
                continue;
            }
            let ts = owner[s] as usize;
            let te = owner[e - 1] as usize;
            if doc.toks[te].joined.end != e {
                continue;
            }
            let (pats, stripped) = &self.payloads[m.pattern().as_usize()];
            if ts == te && self.acronyms.contains(&doc.joined[s..e]) {
                let o = doc.norm.original_range(doc.toks[ts].norm.clone());
                let w = &doc.text[o];
                if w.chars().filter(|c| c.is_uppercase()).count() < 2 && w != "Ue" {
                    continue;
                }
            }
            let prefix = &doc.joined[doc.toks[ts].joined.start..s];
            for p in pats {
                let ok = if *stripped {
                    matches!(prefix, "ل" | "ول" | "فل")
                } else if prefix.is_empty() {
                    true
                } else if !doc.toks[ts].arabic {
                    false
                } else if lexicon::CLITICS.contains(&prefix) {
                    true
                } else {
                    matches!(p, Pat::Person { .. })
                        && lexicon::ARTICLE_PREFIXES.contains(&prefix)
                        && !doc.joined[s..e].starts_with("ال")
                };
                // "فان" is not "ف" + "ان": short closed-class words only match bare.
                if ok
                    && !(matches!(p, Pat::Lex(_))
                        && !prefix.is_empty()
                        && doc.joined[s..e].chars().count() < 3)
                {
                    out.push(Mention {
                        pat: *p,
                        toks: ts..te + 1,
                        prefixed: !prefix.is_empty(),
                    });
                }
            }
        }
        out
    }

    /// Reads the meetings reported in `text` (an article: line 1 the headline, the rest the
    /// body). `article_date` resolves relative days ("اليوم", "yesterday"); without it such
    /// meetings stay undated and keep the expression. Spans index `text`.
    pub fn extract(&self, text: &str, article_date: Option<NaiveDate>) -> Vec<ExtractedMeeting> {
        let doc = self.doc(text);
        if doc.toks.is_empty() {
            return Vec::new();
        }
        let all = self.mentions(&doc);
        Reader::new(self, &doc, all, article_date).run()
    }
}

// ---------------------------------------------------------------------------------------------

struct Reader<'e, 'd, 'a> {
    ex: &'e Extractor,
    doc: &'d Doc<'a>,
    /// Longest non-overlapping entity mention starting at a token.
    ent_at: Vec<Option<(Pat, Range<usize>)>>,
    /// Lexicon words starting at a token (with their token range).
    lex_at: Vec<Vec<(Lex, Range<usize>)>>,
    topics: Vec<(usize, Range<usize>)>,
    /// Tokens inside a role phrase or a body name (topic cues there are ignored).
    in_role: Vec<bool>,
    /// Tokens where a topic cue starts (never part of a name).
    topic_start: Vec<bool>,
    /// Tokens covered by a gazetteer person's name (some aliases carry a title).
    person_cover: Vec<bool>,
    /// Tokens where a closed-class word starts (a cue only counts without a clitic: "فيصل").
    lex_bare: Vec<bool>,
    date: Option<NaiveDate>,
    parties: Vec<Party>,
    new_names: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
struct Cluster {
    sent: usize,
    /// Its parties were taken from earlier sentences ("I due ministri", "الوزيرين").
    anaphoric: bool,
    parties: Vec<usize>,
    status: MeetingStatus,
    phone: bool,
    delegation: bool,
    cue_tok: usize,
}

#[derive(Debug, Clone)]
struct Draft {
    parties: Vec<usize>,
    sents: Vec<usize>,
    anchor: usize,
    status: MeetingStatus,
    phone: bool,
    delegation: bool,
    place: Option<(usize, Range<usize>)>,
    headline: bool,
}

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    fn new(
        ex: &'e Extractor,
        doc: &'d Doc<'a>,
        all: Vec<Mention>,
        date: Option<NaiveDate>,
    ) -> Self {
        let n = doc.toks.len();
        let mut ents: Vec<&Mention> = all.iter().filter(|m| m.pat.is_entity()).collect();
        // Longest first, then leftmost; people before bodies before places on ties.
        let rank = |p: &Pat| match p {
            Pat::Person { single: false, .. } => 0,
            Pat::Body(_) => 1,
            Pat::Person { single: true, .. } => 2,
            Pat::Place(_) => 3,
            Pat::Country(_) => 4,
            Pat::Adj(_) => 5,
            _ => 6,
        };
        ents.sort_by(|a, b| {
            (b.toks.len())
                .cmp(&a.toks.len())
                .then(rank(&a.pat).cmp(&rank(&b.pat)))
                .then(a.toks.start.cmp(&b.toks.start))
        });
        let mut taken = vec![false; n];
        let mut ent_at: Vec<Option<(Pat, Range<usize>)>> = vec![None; n];
        for m in ents {
            if m.toks.clone().any(|t| taken[t]) {
                continue;
            }
            for t in m.toks.clone() {
                taken[t] = true;
            }
            ent_at[m.toks.start] = Some((m.pat, m.toks.clone()));
        }
        let mut lex_at: Vec<Vec<(Lex, Range<usize>)>> = vec![Vec::new(); n];
        let mut lex_bare = vec![false; n];
        let mut topics = Vec::new();
        for m in &all {
            match m.pat {
                Pat::Lex(l) => {
                    if !m.prefixed || !matches!(l, Lex::Cue(_)) {
                        lex_bare[m.toks.start] = true;
                    }
                    lex_at[m.toks.start].push((l, m.toks.clone()))
                }
                Pat::Topic(t) => topics.push((t, m.toks.clone())),
                _ => {}
            }
        }
        for v in lex_at.iter_mut() {
            // Longest first; for one span, the meaning the role rules should see first (a
            // word can be both a filler and a stop word): independent of pattern order.
            let prio = |l: &Lex| match l {
                Lex::Portfolio(_) => 0,
                Lex::Head(_) => 1,
                Lex::Cue(_) => 2,
                Lex::Delegation => 3,
                Lex::Anaphor => 4,
                Lex::Officials => 5,
                Lex::Institution => 6,
                Lex::Future => 7,
                Lex::Cancel => 8,
                Lex::Planned => 8,
                Lex::Propose => 8,
                Lex::BackRef => 9,
                Lex::Filler => 10,
                Lex::Particle => 11,
                Lex::Stop => 12,
            };
            v.sort_by_key(|x| (std::cmp::Reverse(x.1.len()), prio(&x.0)));
        }
        let mut in_role = vec![false; n];
        for (t, e) in ent_at.iter().enumerate() {
            // A ministry's name is not a topic ("وزارة الطاقة"); an agency's is ("أمن السواحل").
            if let Some((Pat::Body(b), r)) = e
                && ex.gaz.bodies[*b].kind == "ministry"
            {
                for i in r.clone() {
                    in_role[i] = true;
                }
                let _ = t;
            }
        }
        let mut person_cover = vec![false; n];
        for (p, r) in ent_at.iter().flatten() {
            if matches!(p, Pat::Person { .. }) {
                for t in r.clone() {
                    person_cover[t] = true;
                }
            }
        }
        let mut topic_start = vec![false; n];
        for (_, r) in &topics {
            topic_start[r.start] = true;
        }
        Reader {
            ex,
            doc,
            ent_at,
            lex_at,
            topics,
            in_role,
            topic_start,
            person_cover,
            lex_bare,
            date,
            parties: Vec::new(),
            new_names: HashMap::new(),
        }
    }

    fn gaz(&self) -> &Gazetteer {
        &self.ex.gaz
    }

    fn has_lex(&self, t: usize, f: impl Fn(&Lex) -> bool) -> Option<Range<usize>> {
        self.lex_at[t]
            .iter()
            .find(|(l, _)| f(l))
            .map(|(_, r)| r.clone())
    }

    fn country_code_at(&self, t: usize) -> Option<(String, Range<usize>)> {
        match &self.ent_at[t] {
            Some((Pat::Country(c), r)) | Some((Pat::Adj(c), r)) => {
                Some((self.gaz().countries[*c].code.clone(), r.clone()))
            }
            _ => None,
        }
    }

    fn side_of(&self, country: &Option<String>) -> u8 {
        match country.as_deref() {
            Some("LY") => 1,
            Some(c) if self.gaz().is_european(c) => 2,
            _ => 0,
        }
    }

    /// Whether token `t` may be part of a name (Arabic rules: no stop word, no lexicon word, no
    /// non-person gazetteer entry).
    fn name_token_ok(&self, t: usize) -> bool {
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
    fn read_name(&self, k: usize, sent_end: usize) -> Option<Range<usize>> {
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

    /// Whether token `k` can open a person's name: not a particle, auxiliary, pronoun or
    /// sentence-opening function word ([`lexicon::NOT_NAME_START`]); in Arabic not an imperfect
    /// verb («يرفض», «وتؤكد») nor a common noun with the article («المسؤول»), except the given
    /// names of that shape ([`lexicon::GIVEN_NAMES`]).
    fn name_start_ok(&self, k: usize) -> bool {
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
    fn verb_like(&self, k: usize) -> bool {
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

    fn new_entity(&mut self, toks: Range<usize>) -> EntityRef {
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

    fn sent_end(&self, t: usize) -> usize {
        self.doc.sents[self.doc.toks[t].sent].end
    }

    /// Title constructions: parties with role, body and country; new entities for unknown names.
    fn read_roles(&mut self, person_role: &mut HashMap<usize, usize>) {
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
            while k < sent_end && steps < 14 {
                steps += 1;
                let sep = self.doc.toks[k].sep;
                if matches!(sep, Sep::Strong) {
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
                break;
            }
            let role_end = k.min(sent_end);
            if person.is_none() && k < sent_end && !matches!(self.doc.toks[k].sep, Sep::Strong) {
                if head.plural && countries.len() > 1 {
                    // handled below
                } else {
                    name = self.read_name(k, sent_end);
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

    /// A person's surname alone elsewhere in the article, once the full name was read ("Ian Borg"
    /// ... "Mangoush and Borg agreed"), for new entities and gazetteer people alike. A surname two
    /// people of the article share stands for neither.
    fn read_new_surnames(&mut self) {
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

    /// Gazetteer people not read through a title, with the single-word alias rule.
    fn read_people(&mut self, person_role: &HashMap<usize, usize>) {
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
                && let Some(i) = self.gaz().people.iter().position(|x| &x.id == id)
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
                if !full.contains(&idx) && !role_near && !role_in_article {
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

    /// Delegations, "<country> officials", "European agency" and bodies as parties.
    fn read_groups(&mut self) {
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
    }

    fn in_role_strict(&self, t: usize) -> bool {
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

    fn has_role_head_before(&self, t: usize) -> bool {
        (t.saturating_sub(6)..t).any(|q| {
            self.doc.toks[q].sent == self.doc.toks[t].sent
                && self.has_lex(q, |l| matches!(l, Lex::Head(_))).is_some()
        })
    }

    /// Unnamed roles → the one named person of that country (and portfolio) in the article.
    fn resolve_unnamed(&mut self) {
        let named: Vec<(usize, String, Option<&'static str>)> = self
            .parties
            .iter()
            .enumerate()
            .filter(|(_, p)| matches!(p.key, EntityRef::Known { .. } | EntityRef::New { .. }))
            .filter_map(|(i, p)| {
                let pf = p.portfolio.or_else(|| match &p.key {
                    EntityRef::Known { id } => self
                        .gaz()
                        .people
                        .iter()
                        .position(|x| &x.id == id)
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

    fn party_side(&self, p: &Party) -> u8 {
        self.side_of(&p.country)
    }

    fn sentence_has(&self, s: usize, f: impl Fn(&Lex) -> bool) -> Option<usize> {
        self.doc.sents[s]
            .clone()
            .find(|&t| self.lex_at[t].iter().any(|(l, _)| f(l)))
    }

    fn named(&self, pi: usize) -> bool {
        matches!(
            self.parties[pi].key,
            EntityRef::Known { .. } | EntityRef::New { .. }
        )
    }

    /// Script and language of the article: `Ar`, or `It`/`En` by function words.
    fn language(&self) -> crate::model::Lang {
        use crate::model::Lang;
        let n = self.doc.toks.len().max(1);
        let ar = self.doc.toks.iter().filter(|t| t.arabic).count();
        if ar * 2 > n {
            return Lang::Ar;
        }
        let (mut it, mut en) = (0, 0);
        for i in 0..self.doc.toks.len() {
            match self.doc.tok_str(i) {
                "il" | "della" | "di" | "che" | "del" | "per" | "con" | "dell" | "è" | "ha" => {
                    it += 1
                }
                "the" | "and" | "of" | "to" | "with" | "was" | "has" | "on" => en += 1,
                _ => {}
            }
        }
        if it > en { Lang::It } else { Lang::En }
    }

    /// Nationality for named people whose title gives none, from the meeting around them: beside
    /// a European party with no Libyan one they are Libyan (a Libyan outlet's "رئيس الحكومة");
    /// in Italian text with no European party, the first one is Italian ("il ministro
    /// dell'Interno").
    fn infer_countries(&mut self, ps: &[usize], libya_in_text: bool, lang: crate::model::Lang) {
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

    fn clusters(&mut self) -> Vec<Cluster> {
        let lang = self.language();
        let mut out = Vec::new();
        let libya_in_text = self.ent_at.iter().flatten().any(|(p, _)| match p {
            Pat::Country(c) | Pat::Adj(c) => self.gaz().countries[*c].code == "LY",
            Pat::Place(pl) => self.gaz().places[*pl].country == "LY",
            _ => false,
        });
        for s in 0..self.doc.sents.len() {
            let Some(cue_tok) = self.sentence_has(s, |l| matches!(l, Lex::Cue(_))) else {
                continue;
            };
            let mut ps: Vec<usize> = (0..self.parties.len())
                .filter(|&i| self.parties[i].sent == s && !self.is_former(i))
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
            if !(sides[1] && sides[2]) {
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
            // A plan told in the past is cancelled when this sentence or a neighbour says it
            // failed ("Non è andata a buon fine la seconda tappa. ... dove era previsto un
            // incontro"), else still announced.
            let planned = self.sentence_has(s, |l| *l == Lex::Planned).is_some();
            let cancel_near = [s.wrapping_sub(1), s + 1]
                .into_iter()
                .filter(|&q| q >= 1 && q < self.doc.sents.len())
                .any(|q| self.sentence_has(q, |l| *l == Lex::Cancel).is_some());
            let status = if self.sentence_has(s, |l| *l == Lex::Cancel).is_some()
                || planned && cancel_near
            {
                MeetingStatus::Cancelled
            } else if planned
                || self.sentence_has(s, |l| *l == Lex::Future).is_some()
                || self.proposes_meeting(s)
            {
                MeetingStatus::Announced
            } else {
                MeetingStatus::Held
            };
            // "called" is a call, "called off" is not.
            let phone = self.doc.sents[s].clone().any(|t| {
                self.lex_at[t]
                    .iter()
                    .any(|(l, _)| *l == Lex::Cue(Cue::Phone))
                    && !self.lex_at[t].iter().any(|(l, _)| *l == Lex::Cancel)
            });
            ps.sort();
            ps.dedup();
            out.push(Cluster {
                sent: s,
                anaphoric,
                parties: ps,
                status,
                phone,
                delegation,
                cue_tok,
            });
        }
        out
    }

    /// Sentence `s` proposes or agrees on a meeting: a proposal word with the sentence's first
    /// meeting cue at most five words after it ("واقترحت عقد اجتماع في روما", "agreed to meet",
    /// «hanno concordato di incontrarsi»). A proposal after the cue ("التقى ... واتفقا على عقد
    /// اجتماعات دورية") is about a later meeting, not this one.
    fn proposes_meeting(&self, s: usize) -> bool {
        let Some(cue) = self.sentence_has(s, |l| matches!(l, Lex::Cue(_))) else {
            return false;
        };
        self.doc.sents[s].clone().any(|t| {
            t < cue && cue - t <= 5 && self.lex_at[t].iter().any(|(l, _)| *l == Lex::Propose)
        })
    }

    /// A party introduced as a former office holder ("السابق", "former", "ex").
    fn is_former(&self, i: usize) -> bool {
        self.parties[i].role.as_deref().is_some_and(|r| {
            crate::text::fold(r)
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "السابق" | "السابقه" | "former" | "ex" | "l'ex"))
        })
    }

    fn named_set(&self, ps: &[usize]) -> BTreeSet<EntityRef> {
        ps.iter()
            .filter(|&&i| self.named(i))
            .map(|&i| self.parties[i].key.clone())
            .collect()
    }

    /// Whether every party of `c` is covered by `m` (named: same entity; unnamed: same side).
    fn covered(&self, c: &[usize], m: &[usize]) -> bool {
        let mset = self.named_set(m);
        let msides: BTreeSet<u8> = m
            .iter()
            .map(|&i| self.party_side(&self.parties[i]))
            .collect();
        c.iter().all(|&i| {
            if self.named(i) {
                mset.contains(&self.parties[i].key)
            } else {
                msides.contains(&self.party_side(&self.parties[i]))
            }
        })
    }

    /// The meeting place a sentence gives: a place after a locative word ("في", "in", "a",
    /// "to", "العاصمة", a visit cue, or the clitic ب). With `loose`, any place not opening the
    /// sentence (a dateline) is accepted when no such place exists.
    fn place_in(&self, s: usize, loose: bool) -> Option<(usize, Range<usize>)> {
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

    fn run(mut self) -> Vec<ExtractedMeeting> {
        let mut person_role = HashMap::new();
        self.read_roles(&mut person_role);
        self.read_people(&person_role);
        self.read_new_surnames();
        self.read_groups();
        self.resolve_unnamed();
        let clusters = self.clusters();
        // The nationalities inferred in `clusters` hold for the whole article.
        if std::env::var_os("ARSHIF_DEBUG_EXTRACT").is_some() {
            for c in &clusters {
                let names: Vec<String> = c
                    .parties
                    .iter()
                    .map(|&i| format!("{:?}/{}", self.parties[i].key, self.parties[i].name))
                    .collect();
                eprintln!("cluster s{} {:?} {:?}", c.sent, c.status, names);
            }
        }
        let mut drafts: Vec<Draft> = Vec::new();
        let mut headline_clusters = Vec::new();
        for c in clusters {
            if c.sent == 0 {
                headline_clusters.push(c);
                continue;
            }
            let cset = self.named_set(&c.parties);
            let cplace = self.place_in(c.sent, true);
            let mut target = None;
            for (di, d) in drafts.iter().enumerate() {
                let dset = self.named_set(&d.parties);
                let fully_named = !c.anaphoric && c.parties.iter().all(|&i| self.named(i));
                let same = !cset.is_empty() && cset == dset;
                let cov = !fully_named
                    && (self.covered(&c.parties, &d.parties)
                        || c.anaphoric && !cset.is_empty() && cset.is_subset(&dset));
                let deleg = c.delegation && d.delegation && !cset.is_disjoint(&dset);
                // A plan or a call mentioned beside the meeting with the same people.
                // A plan somewhere else ("واقترحت عقد اجتماع في روما") is its own meeting.
                let nested = !cset.is_empty()
                    && !dset.is_empty()
                    && (cset.is_subset(&dset) || dset.is_subset(&cset))
                    && c.status != d.status
                    && cplace
                        .as_ref()
                        .is_none_or(|a| d.place.as_ref().is_some_and(|b| b.0 == a.0));
                let deleg = deleg || nested;
                let place_clash = match (&cplace, &d.place) {
                    (Some(a), Some(b)) => a.0 != b.0,
                    _ => false,
                };
                if (same || cov || deleg) && !place_clash {
                    target = Some(di);
                    break;
                }
            }
            match target {
                Some(di) => {
                    let d = &mut drafts[di];
                    for &p in &c.parties {
                        if !d.parties.contains(&p) {
                            d.parties.push(p);
                        }
                    }
                    d.sents.push(c.sent);
                    // A call mentioned beside a visit of another status ("خلال اتصال هاتفي
                    // جرى بينهما في وقت سابق") does not make the visit a call.
                    if c.status == d.status {
                        d.phone |= c.phone;
                    }
                    d.delegation |= c.delegation;
                }
                None => drafts.push(Draft {
                    parties: c.parties.clone(),
                    sents: vec![c.sent],
                    anchor: c.sent,
                    status: c.status,
                    phone: c.phone,
                    delegation: c.delegation,
                    place: cplace,
                    headline: false,
                }),
            }
            let _ = c.cue_tok;
        }
        // Drafts with unnamed parties covered by another draft join it.
        let mut i = 0;
        while i < drafts.len() {
            let fully = drafts[i].parties.iter().all(|&p| self.named(p));
            let target = if fully {
                None
            } else {
                (0..drafts.len()).find(|&j| {
                    j != i
                        && self.covered(&drafts[i].parties, &drafts[j].parties)
                        && !self.named_set(&drafts[j].parties).is_empty()
                        && match (&drafts[i].place, &drafts[j].place) {
                            (Some(a), Some(b)) => a.0 == b.0,
                            _ => true,
                        }
                })
            };
            if let Some(j) = target {
                let d = drafts.remove(i);
                let j = if j > i { j - 1 } else { j };
                drafts[j].sents.extend(d.sents);
                for p in d.parties {
                    if !drafts[j].parties.contains(&p) {
                        drafts[j].parties.push(p);
                    }
                }
            } else {
                i += 1;
            }
        }
        // The headline joins the meeting it restates, or stands alone when the body has none.
        for c in headline_clusters {
            let cset = self.named_set(&c.parties);
            let t = drafts.iter().position(|d| {
                let dset = self.named_set(&d.parties);
                self.covered(&c.parties, &d.parties) || (!dset.is_empty() && dset.is_subset(&cset))
            });
            match t {
                Some(j) => {
                    drafts[j].headline = true;
                }
                None if drafts.is_empty() => drafts.push(Draft {
                    parties: c.parties.clone(),
                    sents: vec![0],
                    anchor: 0,
                    status: c.status,
                    phone: c.phone,
                    delegation: c.delegation,
                    place: self.place_in(0, true),
                    headline: true,
                }),
                None => {}
            }
        }
        drafts.sort_by_key(|d| d.anchor);
        self.finish(drafts)
    }

    fn sentence_text(&self, s: usize) -> Evidence {
        let span = self.doc.sent_span(s);
        Evidence {
            text: self.doc.text[span.clone()].trim().to_string(),
            span,
        }
    }

    fn finish(&self, drafts: Vec<Draft>) -> Vec<ExtractedMeeting> {
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
            let mut scope: Vec<usize> = (1..nsent)
                .filter(|&s| !own.contains(&s) && owner(s) == Some(di))
                .collect();
            scope.sort_by_key(|&s| (s.abs_diff(d.anchor), s > d.anchor));
            let backref = |s: usize| self.sentence_has(s, |l| *l == Lex::BackRef).is_some();
            // Place.
            let mut place = None;
            if !d.phone {
                let mut order: Vec<(usize, PlaceHow)> = vec![(d.anchor, PlaceHow::Sentence)];
                order.extend(
                    own.iter()
                        .filter(|&&s| s != d.anchor && !backref(s))
                        .map(|&s| (s, PlaceHow::Sentence)),
                );
                order.extend(
                    scope
                        .iter()
                        .filter(|&&s| !backref(s))
                        .map(|&s| (s, PlaceHow::Nearby)),
                );
                if d.headline || di == 0 {
                    order.push((0, PlaceHow::Headline));
                }
                for (s, how) in order {
                    if s == d.anchor && d.place.is_some() {
                        let (p, r) = d.place.clone().unwrap();
                        place = Some(self.make_place(p, r, how));
                        break;
                    }
                    if let Some((p, r)) =
                        self.place_in(s, s == d.anchor || how == PlaceHow::Headline)
                    {
                        place = Some(self.make_place(p, r, how));
                        break;
                    }
                }
                if place.is_none() {
                    place = self.dateline_place();
                }
            }
            // Date.
            let mut status = d.status;
            let announced = d.status == MeetingStatus::Announced;
            let mut date = MeetingDate {
                date: None,
                precision: None,
                how: DateHow::None,
                expression: None,
                span: None,
                weekday_conflict: false,
            };
            let mut order: Vec<usize> = own.clone();
            order.retain(|&s| s != d.anchor && !backref(s));
            order.insert(0, d.anchor);
            let order_all: Vec<usize> = order
                .iter()
                .copied()
                .chain(scope.iter().copied().filter(|&s| !backref(s)))
                .collect();
            // The date comes from the first sentence that dates anything: the meeting's own
            // sentences first, then the sentences after it. A sentence of the meeting that
            // places it in time without a day ("في يوليو من العام الماضي", "earlier") ends the
            // search: another sentence's date belongs to another event.
            let mut earlier_event = false;
            // An earlier event («وكان ... قد», "had met") is dated by its own sentences only.
            let pluperfect = self.is_earlier_event(d.anchor);
            let search = if pluperfect { &order } else { &order_all };
            for &s in search {
                if let Some((nd, prec, span)) = self.explicit_date(s) {
                    date.date = Some(nd);
                    date.precision = Some(prec);
                    date.how = DateHow::Explicit;
                    date.expression = Some(self.doc.text[span.clone()].to_string());
                    date.span = Some(span);
                    break;
                }
                if let Some((rel, span)) = self.relative_in(s) {
                    let future = matches!(
                        rel.kind,
                        RelativeKind::Tomorrow
                            | RelativeKind::Weekday {
                                direction: Direction::Next,
                                ..
                            }
                    );
                    // "غداً الاثنين", "الأحد المقبل", "tomorrow": still to come.
                    if s == d.anchor && future && status == MeetingStatus::Held {
                        status = MeetingStatus::Announced;
                    }
                    date.expression = Some(self.doc.text[span.clone()].to_string());
                    date.span = Some(span);
                    match (self.date, text_dates.as_slice()) {
                        (Some(ad), _) => {
                            let (nd, conflict) = resolve_relative(&rel, ad, announced);
                            date.date = Some(nd);
                            date.precision = Some(DatePrecision::Day);
                            date.how = DateHow::RelativeToArticle;
                            date.weekday_conflict = conflict;
                        }
                        (None, [only]) if rel.kind == RelativeKind::Today => {
                            let (nd, conflict) = resolve_relative(&rel, *only, announced);
                            date.date = Some(nd);
                            date.precision = Some(DatePrecision::Day);
                            date.how = DateHow::RelativeToTextDate;
                            date.weekday_conflict = conflict;
                        }
                        _ => date.how = DateHow::RelativeUnresolved,
                    }
                    break;
                }
                if own.contains(&s)
                    && let Some(coarse) = self.coarse_time(s)
                {
                    earlier_event = true;
                    if let Some((nd, prec, span)) = coarse {
                        date.date = Some(nd);
                        date.precision = Some(prec);
                        date.how = DateHow::Explicit;
                        date.expression = Some(self.doc.text[span.clone()].to_string());
                        date.span = Some(span);
                    }
                    break;
                }
            }
            earlier_event |= pluperfect && date.date.is_none();
            own_time.push(earlier_event);
            // Topics.
            let mut sents_for_topics: Vec<usize> = own.clone();
            sents_for_topics.extend(scope.iter().copied());
            if d.headline || di == 0 {
                sents_for_topics.push(0);
            }
            let mut topics: Vec<TopicHit> = Vec::new();
            let mut seen = BTreeSet::new();
            let mut tmatches: Vec<&(usize, Range<usize>)> = self
                .topics
                .iter()
                .filter(|(_, r)| sents_for_topics.contains(&self.doc.toks[r.start].sent))
                .filter(|(_, r)| !r.clone().any(|t| self.in_role[t]))
                // A one-word cue ("التعاون", "security", «accordi») is too broad to stand for
                // the meeting unless a sentence reporting the meeting says it.
                .filter(|(_, r)| {
                    let s = self.doc.toks[r.start].sent;
                    r.len() > 1 || topic_scope_broad(&own, s, d.headline)
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
            // Participants (one per entity; unnamed ones only when nobody on their side is named).
            let mut parts: Vec<Participant> = Vec::new();
            let mut keys_seen = BTreeSet::new();
            let mut named_sides = BTreeSet::new();
            for &pi in &d.parties {
                if self.named(pi) {
                    named_sides.insert(self.party_side(&self.parties[pi]));
                }
            }
            let mut ps = d.parties.clone();
            ps.sort_by_key(|&i| self.parties[i].toks.start);
            for pi in ps {
                let p = &self.parties[pi];
                if !self.named(pi) && named_sides.contains(&self.party_side(p)) {
                    continue;
                }
                // An unnamed party of no known side ("والوفد المرافق") adds nothing.
                if !self.named(pi)
                    && p.country.is_none()
                    && !p.counterpart
                    && !matches!(p.key, EntityRef::Body { .. })
                {
                    continue;
                }
                // One participant per entity: a person or a body named twice is one party.
                if (self.named(pi) || matches!(p.key, EntityRef::Body { .. }))
                    && !keys_seen.insert(p.key.clone())
                {
                    continue;
                }
                let mut country = p.country.clone();
                if country.is_none() && (p.counterpart || p.delegation) {
                    let mut sides = [false; 3];
                    for &q in &d.parties {
                        sides[self.party_side(&self.parties[q]) as usize] = true;
                    }
                    if sides[2] && (!sides[1] || p.counterpart) {
                        country = Some("LY".to_string());
                    }
                }
                parts.push(Participant {
                    entity: p.key.clone(),
                    name: p.name.clone(),
                    role: p.role.clone(),
                    body: p.body.map(|b| self.gaz().bodies[b].id.clone()),
                    country,
                    span: self.doc.orig_span(p.toks.clone()),
                    confidence: p.confidence,
                });
            }
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
        // A meeting the text does not date, reported next to one it does with a shared
        // participant, happened on the same visit: it takes that date.
        for i in 0..out.len() {
            if out[i].date.date.is_some()
                || out[i].date.how == DateHow::RelativeUnresolved
                || own_time[i]
            {
                continue;
            }
            let keys_i: BTreeSet<EntityRef> = out[i]
                .participants
                .iter()
                .filter(|p| matches!(p.entity, EntityRef::Known { .. } | EntityRef::New { .. }))
                .map(|p| p.entity.clone())
                .collect();
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
        // Likewise the place: a meeting held the same day as another with a shared participant,
        // whose own sentences name no place, was on the same visit ("وكان المنفي قد استقبل
        // الوزيرة ... في وقت سابق من اليوم" after "بحثت ... في طرابلس").
        for i in 0..out.len() {
            if out[i].place.is_some()
                || out[i].kind == MeetingKind::PhoneCall
                || out[i].status != MeetingStatus::Held
                || out[i].date.date.is_none()
                || own_time[i]
            {
                continue;
            }
            let keys_i: BTreeSet<EntityRef> = out[i]
                .participants
                .iter()
                .filter(|p| matches!(p.entity, EntityRef::Known { .. } | EntityRef::New { .. }))
                .map(|p| p.entity.clone())
                .collect();
            let donor = (0..out.len()).filter(|&j| j != i).find(|&j| {
                out[j].place.is_some()
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
        out
    }

    fn make_place(&self, p: usize, r: Range<usize>, how: PlaceHow) -> MeetingPlace {
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
    fn dateline_place(&self) -> Option<MeetingPlace> {
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

    /// The first relative day of sentence `s` ([`relative::find_relative_days`]), with its span
    /// in the original text.
    fn relative_in(&self, s: usize) -> Option<(relative::RelativeDay, Range<usize>)> {
        let span = self.doc.sent_span(s);
        let rel = relative::find_relative_days(&self.doc.text[span.clone()])
            .into_iter()
            .next()?;
        let r = span.start + rel.span.start..span.start + rel.span.end;
        Some((rel, r))
    }

    /// Sentence `s` places its event in time without a day: `Some(Some(..))` for a month written
    /// out ("July 2017", «أبريل 2021»; a bare year is more often another fact's), `Some(None)` for
    /// words such as «العام الماضي», «في وقت سابق», "last year", "earlier", «l'anno scorso», «in
    /// precedenza», "next month", «الشهر المقبل», «قريباً».
    #[allow(clippy::type_complexity)]
    fn coarse_time(&self, s: usize) -> Option<Option<(NaiveDate, DatePrecision, Range<usize>)>> {
        let span = self.doc.sent_span(s);
        let text = &self.doc.text[span.clone()];
        if let Some(f) = crate::text::dates::find_dates(text, self.date)
            .into_iter()
            .find(|f| f.precision == DatePrecision::Month)
        {
            return Some(Some((
                f.date,
                f.precision,
                span.start + f.span.start..span.start + f.span.end,
            )));
        }
        let toks: Vec<&str> = self.doc.sents[s]
            .clone()
            .map(|t| self.doc.tok_str(t))
            .collect();
        let pair = |a: &[&str], b: &[&str]| {
            toks.windows(2)
                .any(|w| a.contains(&w[0]) && b.contains(&w[1]))
        };
        let marker = pair(
            &["العام", "الشهر", "السنه", "عام", "شهر"],
            &["الماضي", "المنصرم", "الفائت", "السابق", "الماضيه"],
        ) || pair(&["وقت", "فتره"], &["سابق", "سابقه"])
            // ... or ahead without a day: "الشهر المقبل", "next month", «il mese prossimo».
            || pair(
                &["العام", "الشهر", "الاسبوع", "الاسابيع", "الايام", "عام", "شهر"],
                &["المقبل", "القادم", "المقبله", "القادمه"],
            )
            || pair(&["next", "coming"], &["week", "weeks", "month", "months", "year"])
            || pair(&["mese", "settimana", "anno"], &["prossimo", "prossima"])
            || pair(&["last", "previous"], &["year", "month", "summer", "spring", "autumn", "winter"])
            || pair(&["anno", "mese"], &["scorso", "passato"])
            || pair(&["in"], &["precedenza", "passato"])
            || toks.iter().any(|w| {
                matches!(
                    *w,
                    "earlier" | "previously" | "ago" | "انذاك" | "سابقا" | "قريبا" | "soon"
                )
            });
        marker.then_some(None)
    }

    /// Sentence `s` reports an event before the one the article is about: the Arabic pluperfect
    /// («وكانت لامورجيزي قد زارت»), "had met", «aveva incontrato».
    fn is_earlier_event(&self, s: usize) -> bool {
        let r = self.doc.sents[s].clone();
        let toks: Vec<&str> = r.map(|t| self.doc.tok_str(t)).collect();
        let kana = toks.iter().position(|w| {
            matches!(
                *w,
                "كان" | "كانت" | "وكان" | "وكانت" | "فكان" | "فكانت" | "كانا" | "وكانا"
            )
        });
        let pluperfect_ar =
            kana.is_some_and(|k| toks[k + 1..(k + 6).min(toks.len())].contains(&"قد"));
        pluperfect_ar
            || toks.windows(2).any(|w| {
                matches!(w[0], "had" | "aveva" | "avevano")
                    && (w[1].ends_with("ed")
                        || w[1].ends_with("ato")
                        || w[1].ends_with("ata")
                        || matches!(w[1], "met" | "held" | "spoken"))
            })
    }

    fn explicit_date(&self, s: usize) -> Option<(NaiveDate, DatePrecision, Range<usize>)> {
        let span = self.doc.sent_span(s);
        let text = &self.doc.text[span.clone()];
        let found = crate::text::dates::find_dates(text, self.date);
        let f = found
            .into_iter()
            .find(|f| f.precision == DatePrecision::Day)?;
        let mut date = f.date;
        // "On 15 and 16 October": the meeting starts on the first day.
        let before = &text[..f.span.start];
        let words: Vec<&str> = before.split_whitespace().collect();
        if words.len() >= 2
            && matches!(
                words[words.len() - 1],
                "and" | "e" | "و" | "-" | "–" | "to" | "al"
            )
            && let Ok(d0) = words[words.len() - 2].parse::<u32>()
            && let Some(nd) = date.with_day(d0)
            && nd < date
        {
            date = nd;
        }
        Some((
            date,
            f.precision,
            span.start + f.span.start..span.start + f.span.end,
        ))
    }

    /// Full (day-precision, year written) dates anywhere in the text, deduplicated.
    fn full_dates_in_text(&self) -> Vec<NaiveDate> {
        let mut v: Vec<NaiveDate> = crate::text::dates::find_dates(self.doc.text, None)
            .into_iter()
            .filter(|f| f.precision == DatePrecision::Day)
            .map(|f| f.date)
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

use chrono::Datelike;

/// Whether a one-word topic cue in sentence `s` counts for a meeting whose own sentences are
/// `own` (and the headline, when it restates the meeting).
fn topic_scope_broad(own: &[usize], s: usize, headline: bool) -> bool {
    own.contains(&s) || headline && s == 0
}

/// CAMEO kind from the call flag, the place and the participants' countries: a call is 041, a
/// meeting in Libya 043, in a European participant's country 042, elsewhere 044, placeless 040.
fn kind_of(phone: bool, place: Option<&MeetingPlace>, parts: &[Participant]) -> MeetingKind {
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

/// Resolves a relative day against `base` ([`relative::resolve`]); for an announced meeting a
/// bare weekday ("يزور طرابلس الخميس") is the next such day, `base` included. Returns the date and
/// whether a stated weekday contradicts it.
fn resolve_relative(
    rel: &relative::RelativeDay,
    base: NaiveDate,
    announced: bool,
) -> (NaiveDate, bool) {
    if announced
        && let RelativeKind::Weekday {
            weekday,
            direction: Direction::Unspecified,
        } = rel.kind
    {
        let ahead = (i64::from(weekday.num_days_from_monday())
            - i64::from(base.weekday().num_days_from_monday()))
        .rem_euclid(7);
        return (base + chrono::Duration::days(ahead), false);
    }
    let r = relative::resolve(rel, base);
    (r.date, r.weekday_conflict)
}

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
