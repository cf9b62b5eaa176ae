//! Words for search: the normalised words of a text with their byte spans in the ORIGINAL text, and
//! the clitic-stripped variants that the FTS5 tokenizer indexes at the same position.
//!
//! A *word* is a maximal run of alphanumeric characters of [`normalize`]d text (Arabic letters,
//! Latin letters, digits), additionally split where ASCII digits meet letters (`2021م` → `2021`,
//! `م`). Everything else (spaces, punctuation, quotes, `*`, `-`, `'`) separates words.
//!
//! # Clitic variants
//!
//! Arabic writes some particles attached to the next word: the conjunctions و ف, the prepositions
//! ب ك ل, and the article ال (ل + ال contracts to لل). A reader searching `طرابلس` expects to find
//! `بطرابلس`, and `الهجرة`/`هجرة` to find `والهجرة`. [`clitic_variants`] strips, in this order and
//! each at most once, an optional conjunction (و ف), an optional preposition (ب ك ل, or لل read as
//! ل + ال), and an optional article (ال), and returns every stripped form. The tokenizer indexes
//! those forms at the same position as the whole word, so a query for any of them finds the word
//! and highlight()/snippet() mark the whole written word.
//!
//! Stripping is wrong when the letter is part of the word itself (`وزارة` "ministry" is not
//! و + `زارة` "visited him"). Two rules keep such false hits out:
//!
//! 1. **Minimum stem length**: a strip is only made when at least [`MIN_STEM_CHARS`] (3) letters
//!    remain, since almost every Arabic word has a root of three or more letters; this alone rules
//!    out `وفد`→`فد`, `بلد`→`لد`, `وقت`→`قت`, `بحث`→`حث`, `الان`→`ان`.
//! 2. **Exception stems** ([`ROOT_INITIAL_STEMS`]): common words of news text whose first letter is
//!    a root letter that looks like a clitic (وزير/وزارة/وزراء، وطني، ولاية، بيان، بلدية، كلمة، كان،
//!    لقاء، لجنة، فريق، فكرة ...). A word that *starts with* one of these stems (so suffixed forms
//!    like `وزارته`, `بيانات` are covered too) keeps that letter. The list favours words whose
//!    stripped form is itself a common word (`زاره`, `لديه`, `جنه`, `انت`, `امل`, `مال`, `كره`).
//!
//! The rule errs towards fewer variants: a query for a rare word after a clitic that happens to
//! begin an exception stem (`زار` in `وزار`) is missed rather than flooding results with ministries.

use crate::text::normalize;

/// A word of a text: its normalised form and its byte span in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The normalised word (see [`crate::text::normalize`]).
    pub text: String,
    /// Byte offset of the word's first byte in the original text.
    pub start: usize,
    /// Byte offset just past the word in the original text (trailing tashkeel included).
    pub end: usize,
}

/// Minimum number of letters (chars) that must remain after a clitic is stripped.
pub const MIN_STEM_CHARS: usize = 3;

/// Normalised stems whose initial و ف ب ك ل belongs to the word (see the module docs). A word
/// beginning with one of them never has that initial letter stripped.
#[rustfmt::skip]
pub const ROOT_INITIAL_STEMS: &[&str] = &[
    // و — stems are as specific as needed not to block و + a common word (وجهود، وحدود، ورقابة).
    "وزير", "وزار", "وزراء", "وفد", "وفود", "وقت", "وطن", "ولايه", "ولايات", "وكاله", "وكالات",
    "وكالت", "وكيل", "وحده", "وحدات", "وحدت", "وحيد", "وجهه", "وجهات", "وجهت", "وسائل", "وسيل",
    "وسط", "وثيق", "وثائق", "وارد", "ورقه", "ورقات", "ورشه", "ورشات", "وصول", "واقع", "ولد",
    // ف
    "فريق", "فرنس", "فكر", "فعل", "فعال", "فندق", "فتره", "فترات", "فرص", "فلسطين", "فرق",
    // ب
    "بيان", "بلد", "بلاد", "بحث", "بعثه", "بعثات", "برنامج", "بنك", "بناء", "بدء", "بدايه",
    // ك
    "كلمه", "كلمات", "كبير", "كتاب", "كتب", "كان", "كمال", "كامل", "كريم", "كليه", "كليات",
    "كثير", "كافه", "كافي",
    // ل
    "لقاء", "لجنه", "لجان", "لدي", "لبنان", "لحظه", "لواء",
];

/// Splits `input` into normalised words with their spans in `input` (see the module docs).
///
/// ```
/// use arshif::text::tokens::words;
/// let w = words("وصلت الوزيرة بطرابلس، ٢٠٢١م");
/// let texts: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
/// assert_eq!(texts, ["وصلت", "الوزيره", "بطرابلس", "2021", "م"]);
/// assert_eq!(&"وصلت الوزيرة بطرابلس، ٢٠٢١م"[w[2].start..w[2].end], "بطرابلس");
/// ```
pub fn words(input: &str) -> Vec<Word> {
    let n = normalize(input);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_digit = false;
    for (i, c) in n.text.char_indices() {
        let is_word = c.is_alphanumeric();
        let is_digit = c.is_ascii_digit();
        match start {
            Some(s) if !is_word || is_digit != prev_digit => {
                push_word(&n, s, i, &mut out);
                start = is_word.then_some(i);
            }
            None if is_word => start = Some(i),
            _ => {}
        }
        prev_digit = is_digit;
    }
    if let Some(s) = start {
        push_word(&n, s, n.text.len(), &mut out);
    }
    out
}

fn push_word(n: &crate::text::Normalized, a: usize, b: usize, out: &mut Vec<Word>) {
    let r = n.original_range(a..b);
    out.push(Word {
        text: n.text[a..b].to_string(),
        start: r.start,
        end: r.end,
    });
}

/// The clitic-stripped forms of one normalised word, without the word itself and without
/// duplicates, in stripping order (see the module docs for the rules).
///
/// ```
/// use arshif::text::tokens::clitic_variants;
/// assert_eq!(clitic_variants("والهجره"), ["الهجره", "هجره"]);
/// assert_eq!(clitic_variants("بطرابلس"), ["طرابلس"]);
/// assert!(clitic_variants("لليبيا").contains(&"ليبيا".to_string()));
/// assert!(clitic_variants("وزاره").is_empty()); // not و + زاره
/// ```
pub fn clitic_variants(word: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let add = |s: String, out: &mut Vec<String>| {
        if s != word && !out.contains(&s) {
            out.push(s);
        }
    };
    // Stage 1: conjunction.
    let mut after_conj = vec![word.to_string()];
    if let Some(rest) = strip_letter(word, &['و', 'ف']) {
        after_conj.push(rest.to_string());
    }
    // Stage 2: preposition (or لل = ل + ال, which yields an article form directly).
    let mut after_prep = Vec::new();
    for w in &after_conj {
        after_prep.push(w.clone());
        if let Some(rest) = strip_letter(w, &['ب', 'ك', 'ل']) {
            after_prep.push(rest.to_string());
        }
        if let Some(rest) = w.strip_prefix("لل")
            && long_enough(rest)
        {
            after_prep.push(format!("ال{rest}"));
            after_prep.push(rest.to_string());
        }
    }
    // Stage 3: article.
    for w in after_prep {
        let stripped = w
            .strip_prefix("ال")
            .filter(|r| long_enough(r))
            .map(str::to_string);
        add(w, &mut out);
        if let Some(rest) = stripped {
            add(rest, &mut out);
        }
    }
    out
}

/// Strips one leading clitic letter from `w` when the rules allow it.
fn strip_letter<'a>(w: &'a str, letters: &[char]) -> Option<&'a str> {
    let first = w.chars().next()?;
    if !letters.contains(&first) || ROOT_INITIAL_STEMS.iter().any(|s| w.starts_with(s)) {
        return None;
    }
    let rest = &w[first.len_utf8()..];
    long_enough(rest).then_some(rest)
}

fn long_enough(s: &str) -> bool {
    s.chars().count() >= MIN_STEM_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_split_on_punctuation_and_digit_boundaries() {
        assert_eq!(
            texts("al-Menfi met Lamorgese's team"),
            ["al", "menfi", "met", "lamorgese", "s", "team"]
        );
        assert_eq!(texts("2021.04.19"), ["2021", "04", "19"]);
        assert_eq!(texts("؟ ـــــ *"), Vec::<String>::new());
        assert_eq!(texts("الشَّرْعِيَّة."), ["الشرعيه"]);
    }

    #[test]
    fn word_spans_cover_the_original_including_tashkeel() {
        let src = "الهجرة غير الشَّرْعِيَّة.";
        let w = words(src);
        assert_eq!(&src[w[2].start..w[2].end], "الشَّرْعِيَّة");
        let src = "مـديـنــة طرابلس";
        let w = words(src);
        assert_eq!(&src[w[0].start..w[0].end], "مـديـنــة");
        assert_eq!(w[0].text, "مدينه");
    }

    #[test]
    fn clitic_variants_strip_conjunction_preposition_article() {
        assert_eq!(clitic_variants("وايطاليا"), ["ايطاليا"]);
        assert_eq!(clitic_variants("بالهجره"), ["الهجره", "هجره"]);
        assert_eq!(
            clitic_variants("وبالتعاون"),
            ["بالتعاون", "التعاون", "تعاون"]
        );
        let v = clitic_variants("للهجره");
        assert!(
            v.contains(&"الهجره".to_string()) && v.contains(&"هجره".to_string()),
            "{v:?}"
        );
        assert_eq!(clitic_variants("الامن"), ["امن"]);
    }

    #[test]
    fn clitic_variants_keep_root_letters() {
        for w in [
            "وزاره",
            "وزارته",
            "وزير",
            "وزراء",
            "وفد",
            "وقت",
            "وطنيه",
            "ولايه",
            "بحث",
            "بيان",
            "بلد",
            "بلديه",
            "كلمه",
            "لقاء",
            "فريق",
            "كانت",
            "لجنه",
        ] {
            assert!(
                clitic_variants(w).is_empty(),
                "{w} → {:?}",
                clitic_variants(w)
            );
        }
        for (w, not) in [
            ("وجهه", "جهه"),
            ("لجنه", "جنه"),
            ("وكاله", "كاله"),
            ("وحده", "حده"),
            ("كليه", "ليه"),
            ("وكالته", "كالته"),
        ] {
            assert!(
                !clitic_variants(w).contains(&not.to_string()),
                "{w} → {not}"
            );
        }
        // ...while و/ل/ك + a common word still strips (the stems are specific).
        for (w, stem) in [
            ("وجهود", "جهود"),
            ("وحدود", "حدود"),
            ("لجنوب", "جنوب"),
            ("وكالعاده", "العاده"),
            ("كليبيا", "ليبيا"),
            ("ورقابه", "رقابه"),
            ("وصفقه", "صفقه"),
        ] {
            assert!(
                clitic_variants(w).contains(&stem.to_string()),
                "{w} → {:?}",
                clitic_variants(w)
            );
        }
        assert_eq!(clitic_variants("الوزاره"), ["وزاره"]);
        assert_eq!(clitic_variants("الثامن"), ["ثامن"]);
        assert!(clitic_variants("المقال").iter().all(|v| v != "قال"));
    }
}
