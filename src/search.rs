//! Full-text search: a user's query → a safe FTS5 `MATCH` expression → ranked hits with snippets.
//!
//! # Query language
//! Words are ANDed. `"quoted words"` (also «…» and “…”) form a phrase. A trailing `*` makes the
//! last word a prefix (`طرابل*`, `"وزير الداخ"*`). Nothing else is syntax: `-`, `:`, `^`, `(`,
//! `NOT`, `NEAR`, apostrophes and other punctuation are ordinary text that separates words.
//!
//! # Safety
//! User text never reaches `MATCH` raw. The query is split into words by
//! [`crate::text::tokens::words`] (normalised, alphanumeric only) and every word is emitted inside
//! double quotes, so no user character can be read as FTS5 syntax. A query with no word at all
//! (`؟`, `*`, `ـــ`) gives an empty result without touching SQLite.
//!
//! # Matching and ranking
//! The `arshif` tokenizer (see [`crate::store::fts`]) indexes normalised words plus their
//! clitic-stripped variants, so `طرابلس` finds `بطرابلس`. Hits are ordered by bm25 with the
//! headline weighted [`HEADLINE_WEIGHT`] times the body.

use crate::model::{ArticleDate, Lang};
use crate::store::{Store, StoreError};
use serde::Serialize;
use std::ops::Range;

pub use crate::store::fts::{HEADLINE_WEIGHT, match_expression};

/// Most fragments of the body a snippet shows (each around one hit, joined by `…`).
pub const SNIPPET_FRAGMENTS: usize = 3;

/// Characters of context shown on each side of a hit in a snippet (cut at a word boundary).
pub const SNIPPET_CONTEXT_CHARS: usize = 60;

const MARK_OPEN: char = '\u{E000}';
const MARK_CLOSE: char = '\u{E001}';

/// Text with the byte ranges of the query's hits in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Marked {
    /// The text, as stored (for a snippet: an excerpt of it, `…` where cut).
    pub text: String,
    /// Byte ranges of `text` that matched, in order, not overlapping.
    pub marks: Vec<Range<usize>>,
}

impl Marked {
    /// The text with each hit wrapped in `open`…`close` (e.g. `[`…`]` for a terminal).
    pub fn wrapped(&self, open: &str, close: &str) -> String {
        let mut out =
            String::with_capacity(self.text.len() + self.marks.len() * (open.len() + close.len()));
        let mut at = 0;
        for m in &self.marks {
            out.push_str(&self.text[at..m.start]);
            out.push_str(open);
            out.push_str(&self.text[m.clone()]);
            out.push_str(close);
            at = m.end;
        }
        out.push_str(&self.text[at..]);
        out
    }

    /// The marked parts of the text.
    pub fn marked_parts(&self) -> Vec<&str> {
        self.marks.iter().map(|m| &self.text[m.clone()]).collect()
    }

    fn from_markers(s: &str) -> Marked {
        let mut text = String::with_capacity(s.len());
        let mut marks = Vec::new();
        let mut open_at = None;
        for c in s.chars() {
            match c {
                MARK_OPEN => open_at = Some(text.len()),
                MARK_CLOSE => {
                    if let Some(a) = open_at.take() {
                        marks.push(a..text.len());
                    }
                }
                c => text.push(c),
            }
        }
        Marked { text, marks }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: i64,
    /// The headline with hits marked.
    pub headline: Marked,
    pub date: Option<ArticleDate>,
    pub lang: Lang,
    pub outlet: Option<String>,
    /// Up to [`SNIPPET_FRAGMENTS`] excerpts of the body around its hits (each distinct matched
    /// form first, so `طرابلس` and `بطرابلس` both show), joined by `…`, hits marked; the start of
    /// the body when only the headline matched.
    pub snippet: Marked,
    /// bm25 score (lower is better, as SQLite reports it).
    pub score: f64,
}

/// Cuts a highlighted body down to a snippet (see [`Hit::snippet`]).
fn excerpt(full: &Marked) -> Marked {
    let text = &full.text;
    if full.marks.is_empty() {
        let end = cut_forward(text, 0, SNIPPET_CONTEXT_CHARS * 3);
        let mut out = text[..end].to_string();
        if end < text.len() {
            out.push('…');
        }
        return Marked {
            text: out,
            marks: Vec::new(),
        };
    }
    // Choose marks: the first occurrence of each distinct marked form, then the others in order,
    // skipping a hit whose sentence repeats one already shown (pages often repeat their lead).
    // Linear in the number of hits (a huge article can hold hundreds of thousands).
    let window = |m: &Range<usize>| {
        cut_backward(text, m.start, SNIPPET_CONTEXT_CHARS)
            ..cut_forward(text, m.end, SNIPPET_CONTEXT_CHARS)
    };
    let mut windows: Vec<Range<usize>> = Vec::with_capacity(SNIPPET_FRAGMENTS);
    let mut shown: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut forms: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut take = |i: usize, windows: &mut Vec<Range<usize>>| {
        let m = &full.marks[i];
        let w = window(m);
        // The hit and what follows it identify a repeated passage even when the cut before differs.
        if shown.insert(&text[m.start..w.end]) {
            windows.push(w);
        }
    };
    for (i, m) in full.marks.iter().enumerate() {
        if windows.len() == SNIPPET_FRAGMENTS {
            break;
        }
        if forms.insert(&text[m.clone()]) {
            take(i, &mut windows);
        }
    }
    for i in 0..full.marks.len() {
        if windows.len() == SNIPPET_FRAGMENTS {
            break;
        }
        take(i, &mut windows);
    }
    windows.sort_by_key(|w| w.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for w in windows {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    let mut out = Marked {
        text: String::new(),
        marks: Vec::new(),
    };
    for w in &merged {
        if w.start > 0 {
            out.text.push('…');
        } else if !out.text.is_empty() {
            out.text.push(' ');
        }
        let base = out.text.len();
        out.text.push_str(&text[w.clone()]);
        for m in full
            .marks
            .iter()
            .filter(|m| m.start >= w.start && m.end <= w.end)
        {
            out.marks
                .push(base + m.start - w.start..base + m.end - w.start);
        }
    }
    if merged.last().is_some_and(|w| w.end < text.len()) {
        out.text.push('…');
    }
    out
}

/// A byte offset about `chars` characters before `at`, moved forward to the start of a word (or,
/// in a text without spaces, to a grapheme boundary: see [`crate::text::cut`]).
fn cut_backward(text: &str, at: usize, chars: usize) -> usize {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0);
    if start == 0 {
        return 0;
    }
    // Never inside a user-perceived character (a letter's marks, an emoji flag).
    let start = crate::text::cut::ceil_boundary(text, start).min(at);
    match text[start..at].find(char::is_whitespace) {
        Some(ws) => {
            let after = start + ws;
            after + text[after..].chars().next().map_or(0, char::len_utf8)
        }
        None => start,
    }
}

/// A byte offset about `chars` characters after `at`, moved back to the end of a word (or, in a
/// text without spaces, to a grapheme boundary).
fn cut_forward(text: &str, at: usize, chars: usize) -> usize {
    let end = text[at..]
        .char_indices()
        .nth(chars)
        .map(|(i, _)| at + i)
        .unwrap_or(text.len());
    if end == text.len() {
        return end;
    }
    match text[at..end].rfind(char::is_whitespace) {
        Some(ws) => at + ws,
        // One long word (a body without spaces): cut between user-perceived characters.
        None => crate::text::cut::floor_boundary(text, end).max(at),
    }
}

/// Searches the archive for `query` (see the module docs), best first, at most `limit` hits. A
/// query without any word gives `Ok(vec![])`.
///
/// # Errors
/// Only database failures (a corrupt file, a connection without the `arshif` tokenizer); never
/// the query's content.
pub fn search(store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>, StoreError> {
    let Some(expr) = match_expression(query) else {
        return Ok(Vec::new());
    };
    let rows = crate::store::fts::search_articles(store, &expr, limit, MARK_OPEN, MARK_CLOSE)?;
    Ok(rows
        .into_iter()
        .map(|r| Hit {
            id: r.id,
            headline: Marked::from_markers(&r.headline_marked),
            date: r.date,
            lang: r.lang,
            outlet: r.outlet,
            snippet: excerpt(&Marked::from_markers(&r.body_marked)),
            score: r.score,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_quote_every_word() {
        assert_eq!(
            match_expression("Di Maio -Lamorgese").unwrap(),
            r#""di" "maio" "lamorgese""#
        );
        assert_eq!(match_expression("Lamorgese's").unwrap(), r#""lamorgese s""#);
        assert_eq!(
            match_expression("وزير\"الداخلية").unwrap(),
            r#""وزير" "الداخليه""#
        );
        assert_eq!(match_expression("\"\"").as_deref(), None);
        assert_eq!(
            match_expression("near( ^طرابلس").unwrap(),
            r#""near" "طرابلس""#
        );
        assert_eq!(
            match_expression("«المجلس الرئاسي»*").unwrap(),
            r#""المجلس الرئاسي"*"#
        );
        assert_eq!(match_expression("2021.04.19").unwrap(), r#""2021 04 19""#);
        for q in [
            "*",
            "(",
            ")",
            "-",
            "'",
            "%",
            "\\",
            "ـــــ",
            "       ",
            "؟",
            "\"",
        ] {
            assert_eq!(match_expression(q), None, "{q:?}");
        }
    }

    #[test]
    fn markers_become_ranges() {
        let m = Marked::from_markers("وصلت الوزيرة \u{E000}بطرابلس\u{E001} صباح");
        assert_eq!(m.text, "وصلت الوزيرة بطرابلس صباح");
        assert_eq!(m.marked_parts(), ["بطرابلس"]);
        assert_eq!(m.wrapped("[", "]"), "وصلت الوزيرة [بطرابلس] صباح");
    }

    #[test]
    fn excerpts_show_a_repeated_passage_once() {
        let filler = "كلمة ".repeat(40);
        let lead = "قال الوزير إن \u{E000}الهجرة\u{E001} أولوية للبلدين";
        let body = format!(
            "مقدمة {lead} {filler}/ وكالة {lead} {filler}وتبقى \u{E000}الهجرة\u{E001} ملفا دوليا {filler}"
        );
        let e = excerpt(&Marked::from_markers(&body));
        assert_eq!(e.marked_parts(), ["الهجرة", "الهجرة"]);
        assert_eq!(e.text.matches("أولوية للبلدين").count(), 1, "{}", e.text);
        assert!(e.text.contains("ملفا دوليا"), "{}", e.text);
    }

    #[test]
    fn excerpts_of_a_body_without_spaces_never_split_a_flag() {
        // 59 letters then flags: the 60th/180th character falls inside 🇱🇾 (two code points).
        for lead in 55..65 {
            let body = format!("{}{}", "ب".repeat(lead), "🇱🇾".repeat(200));
            let e = excerpt(&Marked {
                text: body.clone(),
                marks: vec![],
            });
            let kept = e.text.strip_suffix('…').unwrap();
            assert!(body.starts_with(kept));
            assert_eq!(
                kept.chars().filter(|c| *c == '\u{1F1F1}').count(),
                kept.chars().filter(|c| *c == '\u{1F1FE}').count(),
                "{lead}"
            );
            let marked = format!(
                "{}\u{E000}هنا\u{E001}{}",
                "🇱🇾".repeat(100),
                "🇱🇾".repeat(100)
            );
            let e = excerpt(&Marked::from_markers(&marked));
            assert_eq!(e.marked_parts(), ["هنا"]);
            let inner = e.text.trim_start_matches('…').trim_end_matches('…');
            assert_eq!(
                inner.matches('\u{1F1F1}').count(),
                inner.matches('\u{1F1FE}').count()
            );
            assert!(
                inner.starts_with('\u{1F1F1}') && inner.ends_with('\u{1F1FE}'),
                "{inner}"
            );
        }
    }

    #[test]
    fn excerpts_show_each_matched_form() {
        let filler = "كلمة ".repeat(40);
        let body = format!(
            "بدأ اللقاء في \u{E000}طرابلس\u{E001} {filler}ثم اجتمع الوزيران \u{E000}بطرابلس\u{E001} مساء {filler}النهاية"
        );
        let e = excerpt(&Marked::from_markers(&body));
        assert_eq!(e.marked_parts(), ["طرابلس", "بطرابلس"]);
        assert!(e.text.starts_with("بدأ اللقاء في طرابلس"), "{}", e.text);
        assert!(e.text.ends_with('…') && e.text.contains("…"));
        let plain = excerpt(&Marked {
            text: "نص قصير".into(),
            marks: vec![],
        });
        assert_eq!(plain.text, "نص قصير");
    }
}
