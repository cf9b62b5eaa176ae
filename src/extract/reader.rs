//! The state of reading one article: the mentions indexed by token, the parties found so far,
//! and `run`, which lists the passes in order (roles, people, surnames, groups, unnamed roles,
//! clusters per sentence, drafts, finished meetings). Small lookups every pass uses live here.

use super::document::Doc;
use super::extractor::{Extractor, Mention, Pat};
use super::lexicon::Lex;
use super::meeting::{EntityRef, ExtractedMeeting};
use crate::gazetteer::Gazetteer;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::ops::Range;

// The entry point lives here, beside the passes it runs, so `extractor` (the compiled patterns)
// does not depend on the reader.
impl Extractor {
    /// Reads the meetings reported in `text` (an article: line 1 the headline, the rest the
    /// body). `article_date` resolves relative days ("اليوم", "yesterday"); without it such
    /// meetings stay undated and keep the expression. Spans index `text`.
    pub fn extract(&self, text: &str, article_date: Option<NaiveDate>) -> Vec<ExtractedMeeting> {
        let doc = Doc::read(text);
        if doc.toks.is_empty() {
            return Vec::new();
        }
        let all = self.mentions(&doc);
        Reader::new(self, &doc, all, article_date).run()
    }
}

/// One article being read: built by [`Reader::new`] from the mentions, consumed by [`Reader::run`].
pub(super) struct Reader<'e, 'd, 'a> {
    pub(super) ex: &'e Extractor,
    pub(super) doc: &'d Doc<'a>,
    /// Longest non-overlapping entity mention starting at a token.
    pub(super) ent_at: Vec<Option<(Pat, Range<usize>)>>,
    /// Lexicon words starting at a token (with their token range).
    pub(super) lex_at: Vec<Vec<(Lex, Range<usize>)>>,
    pub(super) topics: Vec<(usize, Range<usize>)>,
    /// Tokens inside a role phrase or a body name (topic cues there are ignored).
    pub(super) in_role: Vec<bool>,
    /// Tokens where a topic cue starts (never part of a name).
    pub(super) topic_start: Vec<bool>,
    /// Tokens covered by a gazetteer person's name (some aliases carry a title).
    pub(super) person_cover: Vec<bool>,
    /// Tokens where a closed-class word starts (a cue only counts without a clitic: "فيصل").
    pub(super) lex_bare: Vec<bool>,
    pub(super) date: Option<NaiveDate>,
    pub(super) parties: Vec<Party>,
    pub(super) new_names: HashMap<String, usize>,
}

/// One party as the rules see it inside the article.
#[derive(Debug, Clone)]
pub(super) struct Party {
    pub(super) key: EntityRef,
    pub(super) name: String,
    pub(super) role: Option<String>,
    pub(super) body: Option<usize>,
    pub(super) country: Option<String>,
    pub(super) portfolio: Option<&'static str>,
    pub(super) counterpart: bool,
    pub(super) delegation: bool,
    pub(super) toks: Range<usize>,
    pub(super) sent: usize,
    pub(super) confidence: f32,
}

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    pub(super) fn new(
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

    pub(super) fn run(mut self) -> Vec<ExtractedMeeting> {
        self.drop_surnames_of_other_people();
        let mut person_role = HashMap::new();
        self.read_roles(&mut person_role);
        self.read_people(&person_role);
        self.read_new_surnames();
        self.read_groups();
        self.resolve_unnamed();
        let clusters = self.clusters();
        // The nationalities inferred in `clusters` hold for the whole article.
        if std::env::var_os("ARSHIF_DEBUG_EXTRACT").is_some() {
            for p in &self.parties {
                eprintln!(
                    "party s{} {:?} {} {:?} {:?}",
                    p.sent, p.key, p.name, p.country, p.role
                );
            }
            for c in &clusters {
                let names: Vec<String> = c
                    .parties
                    .iter()
                    .map(|&i| format!("{:?}/{}", self.parties[i].key, self.parties[i].name))
                    .collect();
                eprintln!("cluster s{} {:?} {:?}", c.sent, c.status, names);
            }
        }
        let mut drafts = self.drafts(clusters);
        self.add_companions(&mut drafts);
        self.finish(drafts)
    }

    pub(super) fn gaz(&self) -> &Gazetteer {
        &self.ex.gaz
    }

    /// The index of gazetteer person `id` in `gaz().people`.
    pub(super) fn person_pos(&self, id: &str) -> Option<usize> {
        self.ex.person_slot.get(id).copied()
    }

    pub(super) fn has_lex(&self, t: usize, f: impl Fn(&Lex) -> bool) -> Option<Range<usize>> {
        self.lex_at[t]
            .iter()
            .find(|(l, _)| f(l))
            .map(|(_, r)| r.clone())
    }

    pub(super) fn country_code_at(&self, t: usize) -> Option<(String, Range<usize>)> {
        match &self.ent_at[t] {
            Some((Pat::Country(c), r)) | Some((Pat::Adj(c), r)) => {
                Some((self.gaz().countries[*c].code.clone(), r.clone()))
            }
            _ => None,
        }
    }

    pub(super) fn side_of(&self, country: &Option<String>) -> u8 {
        match country.as_deref() {
            Some("LY") => 1,
            Some(c) if self.gaz().is_european(c) => 2,
            _ => 0,
        }
    }

    pub(super) fn party_side(&self, p: &Party) -> u8 {
        self.side_of(&p.country)
    }

    pub(super) fn sentence_has(&self, s: usize, f: impl Fn(&Lex) -> bool) -> Option<usize> {
        self.doc.sents[s]
            .clone()
            .find(|&t| self.lex_at[t].iter().any(|(l, _)| f(l)))
    }

    /// Sentence `s` refers to an earlier event ("dello scorso 19 aprile", «الماضي»): it gives a
    /// meeting no place or date.
    pub(super) fn is_backref(&self, s: usize) -> bool {
        self.sentence_has(s, |l| *l == Lex::BackRef).is_some()
    }

    pub(super) fn named(&self, pi: usize) -> bool {
        matches!(
            self.parties[pi].key,
            EntityRef::Known { .. } | EntityRef::New { .. }
        )
    }

    pub(super) fn sent_end(&self, t: usize) -> usize {
        self.doc.sents[self.doc.toks[t].sent].end
    }

    /// Script and language of the article: `Ar`, or `It`/`En` by function words.
    pub(super) fn language(&self) -> crate::model::Lang {
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
}
