//! The compiled rules: one Aho-Corasick automaton over every gazetteer name, alias,
//! nationality adjective, topic cue and lexicon word, and the mentions it finds in an article
//! (matched on word boundaries, Arabic ones possibly after a clitic prefix).

use super::document::{Doc, fold_pattern};
use super::lexicon::{self, Lex};
use crate::gazetteer::Gazetteer;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// What a pattern of the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Pat {
    Person { idx: usize, single: bool },
    Country(usize),
    Adj(usize),
    Body(usize),
    Place(usize),
    Topic(usize),
    Lex(Lex),
}

impl Pat {
    pub(super) fn is_entity(&self) -> bool {
        !matches!(self, Pat::Topic(_) | Pat::Lex(_))
    }
}

/// Meeting extraction rules compiled from a gazetteer. Build once, use for many articles
/// (`Send + Sync`).
pub struct Extractor {
    pub(super) gaz: Gazetteer,
    pub(super) ac: AhoCorasick,
    /// Payloads per pattern, with whether the pattern is the "ال"-stripped form (for لل).
    pub(super) payloads: Vec<(Vec<Pat>, bool)>,
    /// Portfolio per person index (from their offices' bodies), for resolving unnamed roles.
    pub(super) person_portfolios: Vec<Vec<&'static str>>,
    /// Folded forms of all-capital aliases ("UN", "EU", "GNA"): they only match capitals in the
    /// text, so the Italian article "un" is not the United Nations.
    pub(super) acronyms: std::collections::HashSet<String>,
    /// Folded [`lexicon::NOT_NAME_START`]: words that never open a name.
    pub(super) not_name_start: std::collections::HashSet<String>,
    /// Folded [`lexicon::GIVEN_NAMES`]: given names shaped like a verb or with the article.
    pub(super) given_names: std::collections::HashSet<String>,
    /// How many gazetteer people have a name or alias that is, or ends with, a folded word
    /// (counted once per person): a one-word mention names someone only when this is 1. Built
    /// once, so the check does not fold every name of 1,700 people per candidate.
    pub(super) last_word_holders: HashMap<String, u32>,
    /// Gazetteer person id → index in `gaz.people` (looked up per mention).
    pub(super) person_slot: HashMap<String, usize>,
}

/// One match of the automaton on whole tokens.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) pat: Pat,
    pub(super) toks: Range<usize>,
    /// Matched after an Arabic clitic prefix ("وفي", "بطرابلس").
    pub(super) prefixed: bool,
}

/// The portfolio ("interior", "foreign", ...) a body or role name in English stands for.
pub(super) fn portfolio_of_body_name(name_en: &str) -> Option<&'static str> {
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
                    // Romanised Arabic names write the article al- or el- (al-Menfi, El-Menfi):
                    // either spelling of a listed name is that name.
                    if let Some(other) = other_article_spelling(n) {
                        add(&other, Pat::Person { idx: i, single });
                    }
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
        let mut last_word_holders: HashMap<String, u32> = HashMap::new();
        for p in &gaz.people {
            let mut words: std::collections::HashSet<String> = std::collections::HashSet::new();
            for n in [&p.name_en, &p.name_ar, &p.name_it]
                .into_iter()
                .chain(p.aliases.iter())
            {
                let f = fold_pattern(n);
                if let Some(last) = f.rsplit(' ').next() {
                    words.insert(last.to_string());
                }
                words.insert(f);
            }
            for w in words {
                *last_word_holders.entry(w).or_default() += 1;
            }
        }
        let person_slot = gaz
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        Extractor {
            gaz: gaz.clone(),
            last_word_holders,
            person_slot,
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

    pub(super) fn mentions(&self, doc: &Doc) -> Vec<Mention> {
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
}

/// `name` with the Arabic article of a Latin-script name written the other way ("al-Menfi" →
/// "el-Menfi", "El Sarraj" → "al Sarraj"), or `None` when no word of `name` is that article.
/// Only whole words "al"/"el" (any case) followed by a hyphen or a space are swapped.
pub(super) fn other_article_spelling(name: &str) -> Option<String> {
    if name.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    let mut changed = false;
    let mut word_start = true;
    for (i, c) in name.char_indices() {
        if word_start && (c == 'a' || c == 'A' || c == 'e' || c == 'E') {
            let rest = &name[i..];
            let mut chars = rest.chars();
            let (a, l, sep) = (chars.next(), chars.next(), chars.next());
            if matches!(l, Some('l') | Some('L')) && matches!(sep, Some('-') | Some(' ')) {
                let swapped = match a {
                    Some('a') => 'e',
                    Some('A') => 'E',
                    Some('e') => 'a',
                    _ => 'A',
                };
                out.push(swapped);
                changed = true;
                word_start = false;
                continue;
            }
        }
        word_start = matches!(c, ' ' | '-');
        out.push(c);
    }
    changed.then_some(out)
}

#[cfg(test)]
mod article_tests {
    use super::other_article_spelling;

    #[test]
    fn the_article_of_a_romanised_name_is_swapped() {
        assert_eq!(
            other_article_spelling("Khaled el-Mishri").as_deref(),
            Some("Khaled al-Mishri")
        );
        assert_eq!(
            other_article_spelling("Al Sarraj").as_deref(),
            Some("El Sarraj")
        );
        assert_eq!(other_article_spelling("Alessandro Ale").as_deref(), None);
        assert_eq!(other_article_spelling("Elena Bell").as_deref(), None);
        assert_eq!(other_article_spelling("المنفي"), None);
    }
}
