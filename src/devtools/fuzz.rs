//! Fuzz target bodies: one `pub fn(&[u8])` per input surface, each panicking when an invariant
//! breaks. The `fuzz/` cargo-fuzz crate (nightly, libFuzzer) calls them, and the stable test
//! `tests/suite/fuzz_smoke.rs` runs them over their seed corpora (`fuzz/seeds/<target>/`) plus
//! deterministic mutations, so CI exercises every target without nightly.
//!
//! Targets ([`TARGETS`]): one per importer format (`import_txt`, `import_md`, `import_html`,
//! `import_json`, `import_jsonl`, `import_csv`: bytes → decode → parse → date and language, as
//! `arshif import` does short of the store), the date parser (`dates`), the normaliser
//! (`normalize`), the search-query builder (`search_query`: the `MATCH` expression, then a real
//! search of a small archive with snippets), text cuts (`text_cut`) and the bidi line layout (`bidi`, `text::bidi`: no
//! window needed).

use crate::import::formats::{self, Format};
use crate::text;

/// A named fuzz target.
pub type Target = (&'static str, fn(&[u8]));

/// Every target, by the name the `fuzz/` crate and `fuzz/seeds/` use.
pub const TARGETS: &[Target] = &[
    ("import_txt", import_txt),
    ("import_md", import_md),
    ("import_html", import_html),
    ("import_json", import_json),
    ("import_jsonl", import_jsonl),
    ("import_csv", import_csv),
    ("dates", dates),
    ("normalize", normalize),
    ("search_query", search_query),
    ("text_cut", text_cut),
    ("bidi", bidi),
];

/// Bytes as a file of `format`: decoded as the importer decodes, parsed, and every article given
/// its date and language. Checks: a refusal is a non-empty sentence; an article has a body.
fn import_as(format: Format, data: &[u8]) {
    let decoded = match crate::import::decode::decode(data, format == Format::Html) {
        Ok(d) => d,
        Err(reason) => {
            assert!(!reason.trim().is_empty());
            return;
        }
    };
    for rec in formats::parse(format, &decoded.text) {
        match rec.parsed {
            Ok(p) => {
                assert!(!p.body.trim().is_empty(), "an article without a body");
                let _ = crate::import::resolve_date(&p, "fuzz-2021-04-19.txt");
                let _ = text::lang::detect(&format!("{}\n{}", p.headline, p.body));
                if let Some(d) = p.date.as_deref() {
                    let _ = crate::import::parse_field_date(d);
                }
            }
            Err(reason) => assert!(!reason.trim().is_empty()),
        }
    }
}

/// `.txt` import.
pub fn import_txt(data: &[u8]) {
    import_as(Format::Txt, data)
}
/// `.md` import (YAML/TOML front matter).
pub fn import_md(data: &[u8]) {
    import_as(Format::Markdown, data)
}
/// `.html` import (dom_smoothie readability).
pub fn import_html(data: &[u8]) {
    import_as(Format::Html, data)
}
/// `.json` import.
pub fn import_json(data: &[u8]) {
    import_as(Format::Json, data)
}
/// `.jsonl` import.
pub fn import_jsonl(data: &[u8]) {
    import_as(Format::JsonLines, data)
}
/// `.csv` import.
pub fn import_csv(data: &[u8]) {
    import_as(Format::Csv, data)
}

/// The date parser: every found span lies on character boundaries of the text; the article date,
/// URL and file-name parsers never panic.
pub fn dates(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let reference = chrono::NaiveDate::from_ymd_opt(2021, 4, 19);
    let _ = text::dates::parse_date(&s, reference);
    for f in text::dates::find_dates(&s, reference) {
        assert!(f.span.start <= f.span.end && s.get(f.span.clone()).is_some());
    }
    let (headline, body) = s.split_once('\n').unwrap_or((&s, ""));
    let _ = text::dates::article_date(headline, body, Some(&s));
    let _ = text::dates::date_from_url(&s);
    let _ = text::dates::date_from_file_name(&s);
    for r in text::relative::find_relative_days(&s) {
        let _ = text::relative::resolve(&r, chrono::NaiveDate::from_ymd_opt(2021, 4, 19).unwrap());
    }
}

/// The normaliser: the offset map has one entry per byte plus the end, never decreasing, every
/// mapped range is a char-boundary range of the original; words map to original spans.
pub fn normalize(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let n = text::normalize(&s);
    assert_eq!(n.orig.len(), n.text.len() + 1);
    assert_eq!(n.orig.last().copied(), Some(s.len()));
    assert!(n.orig.windows(2).all(|w| w[0] <= w[1]));
    for (i, _) in n.text.char_indices() {
        let r = n.original_range(i..n.text.len());
        assert!(s.get(r).is_some());
        let r = n.original_range_tight(&s, 0..i);
        assert!(s.get(r).is_some());
    }
    assert_eq!(
        text::fold(&text::fold(&s)),
        text::fold(&s),
        "fold is idempotent"
    );
    for w in text::tokens::words(&s) {
        assert!(s.get(w.start..w.end).is_some());
        let _ = text::tokens::clitic_variants(&w.text);
    }
}

thread_local! {
    static ARCHIVE: (tempfile::TempDir, crate::store::Store) = small_archive();
}

fn small_archive() -> (tempfile::TempDir, crate::store::Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut store = crate::store::Store::open(dir.path().join("fuzz.sqlite")).expect("an archive");
    crate::import::import_samples(&mut store).expect("the samples import");
    (dir, store)
}

/// The search-query builder: the `MATCH` expression is quoted words only (balanced quotes, an
/// optional `*` after a closing quote), and searching a small archive (the bundled samples) with
/// it never fails; snippets are valid text with marks on char boundaries.
pub fn search_query(data: &[u8]) {
    let q = String::from_utf8_lossy(data);
    if let Some(expr) = crate::search::match_expression(&q) {
        assert_eq!(expr.matches('"').count() % 2, 0, "{expr}");
        let mut inside = false;
        for c in expr.chars() {
            match c {
                '"' => inside = !inside,
                ' ' | '*' if !inside => {}
                c => assert!(inside, "{c:?} outside quotes in {expr}"),
            }
        }
    }
    ARCHIVE.with(|(_, store)| {
        let hits = crate::search::search(store, &q, 5).expect("a search never fails on its query");
        for h in hits {
            for m in h.snippet.marks.iter().chain(&h.headline.marks) {
                let t = if h.snippet.marks.contains(m) {
                    &h.snippet.text
                } else {
                    &h.headline.text
                };
                assert!(t.get(m.clone()).is_some());
            }
        }
    });
}

/// Text cuts at every byte offset: a prefix on a grapheme boundary, never longer than asked.
pub fn text_cut(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let step = (s.len() / 64).max(1);
    for n in (0..=s.len() + 1).step_by(step) {
        let p = text::cut::prefix_at_most(&s, n);
        assert!(p.len() <= n && s.starts_with(p));
        let b = text::cut::floor_boundary(&s, n);
        assert_eq!(b, p.len());
        assert!(text::cut::ceil_boundary(&s, n) >= b);
        let e = text::cut::shorten(&s, n, "…");
        if s.len() <= n {
            assert_eq!(e, s);
        } else {
            assert!(e.len() <= n, "{n}: {e:?}");
        }
    }
    let g = text::cut::prefix_graphemes(&s, 3);
    assert!(s.starts_with(g));
}

/// The bidi line layout (without fonts): line breaks cover the text in order on char boundaries,
/// and the visual pieces of each line are drawn from that line.
pub fn bidi(data: &[u8]) {
    use crate::text::bidi::{break_lines, first_strong_direction, visual_pieces};
    let s = String::from_utf8_lossy(data);
    let width = f32::from(data.first().copied().unwrap_or(40));
    for para in s.split('\n') {
        let level = match first_strong_direction(para) {
            Some(crate::text::bidi::Direction::Rtl) => unicode_bidi::Level::rtl(),
            _ => unicode_bidi::Level::ltr(),
        };
        let info = unicode_bidi::ParagraphBidiInfo::new(para, Some(level));
        let splits: Vec<usize> = para.char_indices().map(|(i, _)| i).step_by(3).collect();
        let lines = break_lines(para, width, |t| t.chars().count() as f32 * 7.0);
        let mut last_end = 0;
        for line in lines {
            assert!(line.start >= last_end && line.end >= line.start && line.end <= para.len());
            assert!(para.get(line.clone()).is_some());
            last_end = line.end;
            for piece in visual_pieces(para, &info, line.clone(), &splits) {
                assert!(piece.source.start >= line.start && piece.source.end <= line.end);
            }
        }
    }
}
