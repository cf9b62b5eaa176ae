//! Shortening text safely: every place that cuts a title, a snippet, a label, an export field or
//! a file name to a size goes through these functions, never through `&s[..n]` byte slicing
//! (which panics inside a multi-byte character: «byte index 20 is not a char boundary»).
//!
//! Cuts fall on extended grapheme cluster boundaries (UAX #29, `unicode-segmentation`): a letter
//! keeps its tashkeel, an emoji flag (🇱🇾, two regional indicators) or a ZWJ sequence is never
//! split. Every result is a prefix (or suffix) of the input, so it is valid UTF-8 by construction.

use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};

/// The greatest grapheme boundary of `s` at or before byte offset `at` (clamped to `s.len()`).
///
/// `0` and `s.len()` are always boundaries. Works on any byte offset, including one inside a
/// character.
///
/// ```
/// use arshif::text::cut::floor_boundary;
/// let s = "ab🇱🇾c"; // 🇱🇾 is bytes 2..10
/// assert_eq!(floor_boundary(s, 6), 2);
/// assert_eq!(floor_boundary(s, 10), 10);
/// assert_eq!(floor_boundary(s, 99), s.len());
/// ```
pub fn floor_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let at = s.floor_char_boundary(at);
    let mut cursor = GraphemeCursor::new(at, s.len(), true);
    // The whole text is one chunk, so the cursor never asks for more context; if it did, the
    // character boundary is still a safe answer.
    match cursor.is_boundary(s, 0) {
        Ok(true) => at,
        Ok(false) => match cursor.prev_boundary(s, 0) {
            Ok(Some(b)) => b,
            _ => 0,
        },
        Err(_) => at,
    }
}

/// The smallest grapheme boundary of `s` at or after byte offset `at` (clamped to `s.len()`).
///
/// ```
/// use arshif::text::cut::ceil_boundary;
/// assert_eq!(ceil_boundary("ab🇱🇾c", 3), 10);
/// ```
pub fn ceil_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    let at = s.ceil_char_boundary(at);
    if at >= s.len() {
        return s.len();
    }
    let mut cursor = GraphemeCursor::new(at, s.len(), true);
    match cursor.is_boundary(s, 0) {
        Ok(true) => at,
        Ok(false) => match cursor.next_boundary(s, 0) {
            Ok(Some(b)) => b,
            _ => s.len(),
        },
        Err(_) => at,
    }
}

/// The longest prefix of `s` of at most `max_bytes` bytes that ends on a grapheme boundary.
///
/// ```
/// use arshif::text::cut::prefix_at_most;
/// let title = "abcالإنشاء 🇱🇾 لا";
/// assert_eq!(prefix_at_most(title, 4), "abc"); // 'ا' is bytes 3..5
/// assert_eq!(prefix_at_most(title, 5), "abcا");
/// assert_eq!(prefix_at_most("🇱🇾", 7), ""); // the flag is 8 bytes and never split
/// assert_eq!(prefix_at_most(title, 1000), title);
/// ```
pub fn prefix_at_most(s: &str, max_bytes: usize) -> &str {
    &s[..floor_boundary(s, max_bytes)]
}

/// The shortest suffix of `s` that starts at a grapheme boundary at or after byte `from`
/// (the rest of the text after a cut; `""` when `from >= s.len()`).
pub fn suffix_from(s: &str, from: usize) -> &str {
    &s[ceil_boundary(s, from)..]
}

/// The first `max_graphemes` user-perceived characters of `s` (all of `s` when it is shorter).
///
/// ```
/// use arshif::text::cut::prefix_graphemes;
/// assert_eq!(prefix_graphemes("مَرحبا 🇱🇾!", 1), "مَ"); // the letter with its fatha
/// assert_eq!(prefix_graphemes("مَرحبا 🇱🇾!", 7), "مَرحبا 🇱🇾");
/// ```
pub fn prefix_graphemes(s: &str, max_graphemes: usize) -> &str {
    match s.grapheme_indices(true).nth(max_graphemes) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// `s` shortened to at most `max_bytes` bytes including `ellipsis` when it does not fit: the
/// longest grapheme-boundary prefix that leaves room for `ellipsis`, followed by it. Returns `s`
/// unchanged when it fits; when even `ellipsis` does not fit, a grapheme-boundary prefix of `s`
/// alone.
///
/// ```
/// use arshif::text::cut::shorten;
/// assert_eq!(shorten("الإنشاء", 9, "…"), "الإ…"); // 6 bytes of letters + 3 of "…"
/// assert_eq!(shorten("short", 9, "…"), "short");
/// ```
pub fn shorten(s: &str, max_bytes: usize, ellipsis: &str) -> String {
    if s.len() <= max_bytes {
        return s.to_owned();
    }
    if ellipsis.len() > max_bytes {
        return prefix_at_most(s, max_bytes).to_owned();
    }
    let mut out = prefix_at_most(s, max_bytes - ellipsis.len()).to_owned();
    out.push_str(ellipsis);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAIL: &str = "الإنشاء 🇱🇾 لا";

    #[test]
    fn every_offset_of_every_title_gives_a_grapheme_prefix() {
        for k in 0..40 {
            let title = format!("{}{TAIL}", "a".repeat(k));
            let bounds: Vec<usize> = title
                .grapheme_indices(true)
                .map(|(i, _)| i)
                .chain([title.len()])
                .collect();
            for n in 0..=title.len() + 2 {
                let p = prefix_at_most(&title, n);
                assert!(p.len() <= n && title.starts_with(p));
                // The longest such prefix: the greatest grapheme boundary ≤ n.
                let want = *bounds.iter().rfind(|&&b| b <= n).unwrap();
                assert_eq!(p.len(), want, "k={k} n={n}");
                let s = suffix_from(&title, n);
                assert!(title.ends_with(s));
                assert!(bounds.contains(&(title.len() - s.len())));
            }
        }
    }

    #[test]
    fn the_flag_is_never_split() {
        let flag = "🇱🇾";
        let s = format!("x{flag}{flag}y");
        // Regional indicators pair up: boundaries at 1, 9, 17, 18.
        assert_eq!(floor_boundary(&s, 5), 1);
        assert_eq!(floor_boundary(&s, 12), 9);
        assert_eq!(ceil_boundary(&s, 12), 17);
        assert_eq!(prefix_graphemes(&s, 2), format!("x{flag}"));
        assert_eq!(shorten(&s, 12, "…"), format!("x{flag}…"));
        assert_eq!(shorten(&s, 2, "…"), "x");
        assert_eq!(shorten(&s, 0, "…"), "");
    }
}
