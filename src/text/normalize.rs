//! Arabic-aware text normalisation with a map back to the original text.
//!
//! One function, [`normalize`], serves search (the FTS5 tokenizer) and extraction (gazetteer
//! matching), so both agree on what "the same word" is. Rules, applied per character:
//!
//! | input | output |
//! |---|---|
//! | أ إ آ ٱ ٲ ٳ ٵ (alef with hamza/madda/wasla) | ا |
//! | ى (alef maksura), ی (Persian yeh) | ي |
//! | ة (teh marbuta); ھ ہ ۀ ۃ (Persian/Urdu heh forms) | ه |
//! | ک (keheh) | ك ; ڤ (veh) → ف |
//! | tashkeel U+064B–U+065F, U+0670, Quranic marks U+0610–U+061A, U+06D6–U+06ED; tatweel U+0640 | removed |
//! | presentation forms U+FB50–U+FDFF, U+FE70–U+FEFF | NFKC-folded, then the rules above |
//! | Arabic-Indic ٠–٩ and Persian ۰–۹ digits | 0–9 |
//! | zero-width and bidi controls (U+200B–U+200F, U+202A–U+202E, U+2060–U+2069 incl. word joiner, U+180E, U+061C, U+FEFF, U+00AD) | removed |
//! | Latin letters | lower-cased, accents removed (NFD, combining marks dropped) |

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Normalised text plus, for every byte of it, the byte offset in the original it came from.
///
/// `orig.len() == text.len() + 1`; the last entry is the original's length, so a normalised
/// byte range `a..b` maps back to `orig[a]..orig[b]` (see [`Normalized::original_range`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text (UTF-8).
    pub text: String,
    /// Byte offsets into the original text, one per byte of `text`, plus the end.
    pub orig: Vec<usize>,
}

impl Normalized {
    /// Maps a byte range of the normalised text back to the byte range of the original text that
    /// produced it. Ranges are clamped to the text; the result always lies on original char
    /// boundaries. Removed characters (tashkeel, tatweel) inside the range are included.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = range.start.min(self.text.len());
        let end = range.end.min(self.text.len()).max(start);
        let a = self.orig[start];
        // The end is where the next kept character starts in the original, so trailing
        // tashkeel of the last letter stays inside the span.
        let b = self.orig[end];
        a..b.max(a)
    }

    /// Like [`Normalized::original_range`], but the end stops after the last kept character and
    /// its own tashkeel/tatweel: invisible controls that follow it (a PDF closing an LRO, an RLM)
    /// are left out, so the span is exactly the visible words. `original` must be the text this
    /// was made from.
    pub fn original_range_tight(&self, original: &str, range: Range<usize>) -> Range<usize> {
        let start = range.start.min(self.text.len());
        let end = range.end.min(self.text.len()).max(start);
        if end == start {
            let a = self.orig[start];
            return a..a;
        }
        let a = self.orig[start];
        let last = self.orig[end - 1];
        let mut b = last + original[last..].chars().next().map_or(0, char::len_utf8);
        for c in original[b..].chars() {
            if matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{0610}'..='\u{061A}')
            {
                b += c.len_utf8();
            } else {
                break;
            }
        }
        a..b
    }
}

/// Normalises `input` (see the module table) and keeps the offset map.
pub fn normalize(input: &str) -> Normalized {
    let mut text = String::with_capacity(input.len());
    let mut orig = Vec::with_capacity(input.len() + 1);
    for (pos, ch) in input.char_indices() {
        push_folded(ch, pos, &mut text, &mut orig);
    }
    orig.push(input.len());
    Normalized { text, orig }
}

/// Normalises `input` and returns only the text (no offset map).
pub fn fold(input: &str) -> String {
    normalize(input).text
}

fn push_out(c: char, pos: usize, text: &mut String, orig: &mut Vec<usize>) {
    let before = text.len();
    text.push(c);
    orig.extend(std::iter::repeat_n(pos, text.len() - before));
}

fn push_folded(ch: char, pos: usize, text: &mut String, orig: &mut Vec<usize>) {
    match ch {
        // Presentation forms: fold to their base letters, then apply the letter rules.
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
            for c in std::iter::once(ch).nfkc() {
                if c != ch {
                    push_folded(c, pos, text, orig);
                } else if !is_removed(c) {
                    push_out(c, pos, text, orig);
                }
            }
        }
        c if is_removed(c) => {}
        c => {
            if let Some(m) = map_arabic(c) {
                push_out(m, pos, text, orig);
            } else if c.is_ascii() {
                push_out(c.to_ascii_lowercase(), pos, text, orig);
            } else if is_latin_like(c) {
                for d in c.nfd().filter(|d| !is_combining_mark(*d)) {
                    for l in d.to_lowercase() {
                        push_out(l, pos, text, orig);
                    }
                }
            } else {
                for l in c.to_lowercase() {
                    // A sign whose lower case is an accented Latin letter (Å ANGSTROM SIGN → å)
                    // loses the accent too, so folding twice gives what folding once gives.
                    if l != c && is_latin_like(l) {
                        for d in l.nfd().filter(|d| !is_combining_mark(*d)) {
                            push_out(d, pos, text, orig);
                        }
                    } else {
                        push_out(l, pos, text, orig);
                    }
                }
            }
        }
    }
}

fn map_arabic(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ٵ' => 'ا',
        'ى' | 'ی' | 'ې' => 'ي',
        // Teh marbuta, and the heh forms of Persian/Urdu keyboards (ھ ہ ۀ ۃ) that turn up in
        // Arabic text typed on them.
        'ة' | 'ھ' | 'ہ' | 'ۀ' | 'ۃ' => 'ه',
        'ک' | 'ڪ' => 'ك',
        'ڤ' | 'ڥ' => 'ف',
        '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
        _ => return None,
    })
}

/// Characters dropped entirely: tashkeel, Quranic marks, tatweel, invisible controls.
fn is_removed(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}'
        | '\u{0640}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        | '\u{180E}'
        | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
}

fn is_latin_like(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_that_lower_case_to_accented_letters_fold_like_them() {
        // Found by the `normalize` fuzz target (fuzz/regressions/normalize/).
        assert_eq!(fold("\u{212B}ngstr\u{F6}m"), "angstrom");
        assert_eq!(fold(&fold("\u{212B}")), fold("\u{212B}"));
    }

    #[test]
    fn folds_alef_teh_yeh_and_marks() {
        assert_eq!(fold("إطلاق"), "اطلاق");
        assert_eq!(fold("آليات"), "اليات");
        assert_eq!(fold("المنفى"), "المنفي");
        assert_eq!(fold("وزارة"), "وزاره");
        assert_eq!(fold("الشَّرْعِيَّة"), "الشرعيه");
        assert_eq!(fold("الليبيـــة"), "الليبيه");
        assert_eq!(fold("٢٠٢١"), "2021");
        assert_eq!(fold("أوليڤر"), "اوليفر");
        assert_eq!(fold("کردستان"), "كردستان");
        assert_eq!(fold("ﻟﻴﺒﻴﺎ"), "ليبيا");
        assert_eq!(fold("ﻻ"), "لا");
        assert_eq!(fold("Luciana LAMORGESE"), "luciana lamorgese");
        assert_eq!(fold("José Albarès"), "jose albares");
        assert_eq!(fold("\u{202D}4 سبتمبر\u{202C}"), "4 سبتمبر");
        assert_eq!(fold("مدرسہ"), "مدرسه");
        assert_eq!(fold("ھذا"), "هذا");
        assert_eq!(fold("طرا\u{2060}بلس"), "طرابلس");
    }

    #[test]
    fn maps_back_to_original_spans() {
        let src = "في مَدِينَة طرابلس";
        let n = normalize(src);
        let start = n.text.find("طرابلس").unwrap();
        let r = n.original_range(start..start + "طرابلس".len());
        assert_eq!(&src[r], "طرابلس");
        let start = n.text.find("مدينه").unwrap();
        let r = n.original_range(start..start + "مدينه".len());
        assert_eq!(&src[r], "مَدِينَة");
        let src = "\u{202D}4 سبتمبر\u{202C} في طرابلسَ\u{200F}.";
        let n = normalize(src);
        let r = n.original_range_tight(src, 0.."4 سبتمبر".len());
        assert_eq!(&src[r], "4 سبتمبر");
        let s = n.text.find("طرابلس").unwrap();
        let r = n.original_range_tight(src, s..s + "طرابلس".len());
        assert_eq!(&src[r], "طرابلسَ");
    }
}
