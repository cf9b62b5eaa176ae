//! Language detection for the archive's three languages: Arabic, English, Italian.
//!
//! 1. Script first: when Arabic-script letters are the majority of the letters, the text is
//!    Arabic — unless Persian/Urdu-only letters (پ چ ژ گ ڈ ٹ ے) are frequent, then whatlang decides
//!    (and anything but Arabic is `Other`). This keeps headline-only texts with a Latin name or an
//!    English tweet inside Arabic.
//! 2. Latin-script text goes to whatlang 0.18 (trigrams); a reliable answer is taken as is
//!    (English → `En`, Italian → `It`, anything else → `Other`).
//! 3. When whatlang is not reliable (short headlines such as «Libia, Lamorgese a Tripoli»), common
//!    function words decide between English and Italian, then how lower-case words end (Italian
//!    words end in a vowel, English ones mostly not); with no clear winner, whatlang chooses
//!    between English and Italian only (a short German headline may thus come out as one of them;
//!    longer texts in other languages are detected reliably and give `Other`).

use crate::model::Lang;
use crate::text::normalize::fold;

/// Detects the main language of `text`: [`Lang::Ar`], [`Lang::En`], [`Lang::It`] or
/// [`Lang::Other`] (other languages, or no letters at all).
pub fn detect(text: &str) -> Lang {
    let (mut arabic, mut persian_only, mut other_letters) = (0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if is_arabic_script(c) {
            arabic += 1;
            if matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ڈ' | 'ٹ' | 'ے' | 'ں' | 'ھ') {
                persian_only += 1;
            }
        } else {
            other_letters += 1;
        }
    }
    if arabic == 0 && other_letters == 0 {
        return Lang::Other;
    }
    if arabic > other_letters {
        // Persian and Urdu share the script; their own letters give them away.
        if persian_only * 50 > arabic {
            return match whatlang::detect_lang(text) {
                Some(whatlang::Lang::Ara) => Lang::Ar,
                _ => Lang::Other,
            };
        }
        return Lang::Ar;
    }
    let info = whatlang::detect(text);
    if let Some(info) = &info
        && info.is_reliable()
    {
        return map(info.lang());
    }
    let (en, it) = function_words(text);
    if en >= 1 && en > it * 2 {
        return Lang::En;
    }
    if it >= 1 && it > en * 2 {
        return Lang::It;
    }
    // Italian content words end in a vowel, English ones mostly do not ("discuss illegal
    // migration"). Lower-case words only, so names do not count.
    let content: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_lowercase))
        .collect();
    if content.len() >= 2 {
        let vowel_end = content
            .iter()
            .filter(|w| fold(w).ends_with(['a', 'e', 'i', 'o', 'u']))
            .count();
        if vowel_end * 4 >= content.len() * 3 {
            return Lang::It;
        }
        if vowel_end * 4 <= content.len() {
            return Lang::En;
        }
    }
    // Short texts: whatlang's full set of 69 languages gives Latin or Uzbek for "Libya, Italy
    // discuss illegal migration" (and French for it among a handful of European languages); an
    // unreliable short Latin-script text in this archive is far more likely English or Italian.
    let near = whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Ita]);
    near.detect_lang(text).map_or(Lang::Other, map)
}

fn map(l: whatlang::Lang) -> Lang {
    match l {
        whatlang::Lang::Ara => Lang::Ar,
        whatlang::Lang::Eng => Lang::En,
        whatlang::Lang::Ita => Lang::It,
        _ => Lang::Other,
    }
}

fn is_arabic_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Counts of common English and Italian function words in `text`.
fn function_words(text: &str) -> (usize, usize) {
    const EN: &[&str] = &[
        "the", "of", "and", "to", "in", "is", "was", "with", "for", "on", "by", "that", "from",
        "as", "at", "his", "her", "are", "has", "have", "will", "it", "an", "be", "this", "meets",
        "says",
    ];
    const IT: &[&str] = &[
        "il", "lo", "la", "gli", "le", "di", "del", "della", "dei", "delle", "degli", "che", "e",
        "per", "con", "un", "una", "nel", "nella", "sono", "ha", "al", "alla", "dal", "dalla",
        "si", "non", "anche", "tra", "ai", "sul", "sulla", "incontra", "ministro", "ministra",
    ];
    let folded = fold(text);
    let mut en = 0;
    let mut it = 0;
    for w in folded.split(|c: char| !c.is_alphanumeric()) {
        if EN.contains(&w) {
            en += 1;
        }
        if IT.contains(&w) {
            it += 1;
        }
    }
    (en, it)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_headlines_even_with_latin_names() {
        assert_eq!(
            detect("المنقوش لـبوريل: نرفض أي استفزازات لسيادة ليبيا"),
            Lang::Ar
        );
        assert_eq!(detect("ميركل لـ السراج: يجب العودة للمفاوضات"), Lang::Ar);
        assert_eq!(detect("متابعات- وكالة AAC الإخبارية"), Lang::Ar);
        assert_eq!(
            detect("تاريخ النشر: 22nd, July 2025 GMT عميد بلدية طرابلس"),
            Lang::Ar
        );
    }

    #[test]
    fn english_and_italian_headlines() {
        assert_eq!(detect("Libya, Italy discuss illegal migration"), Lang::En);
        assert_eq!(
            detect("Dbeibeh, eyeing military build-up, meets Erdogan in Istanbul"),
            Lang::En
        );
        assert_eq!(
            detect("La missione in Libia del ministro Lamorgese"),
            Lang::It
        );
        assert_eq!(
            detect(
                "Libia, Lamorgese a Tripoli: “Sicura che procederà verso la completa stabilizzazione”"
            ),
            Lang::It
        );
        assert_eq!(
            detect(
                "Italia-Libia: incontro Lamorgese-Mazen, condivisa gestione più efficace dossier migratorio"
            ),
            Lang::It
        );
    }

    #[test]
    fn other_languages_and_empty_text() {
        assert_eq!(detect(""), Lang::Other);
        assert_eq!(detect("2021-04-19 12:00"), Lang::Other);
        assert_eq!(
            detect(
                "Der Bundesminister des Auswärtigen traf heute in Berlin seinen libyschen Amtskollegen zu Gesprächen über die Lage."
            ),
            Lang::Other
        );
        assert_eq!(
            detect(
                "وزیر امور خارجه ایران در گفتگو با همتای لیبیایی خود درباره همکاری‌های دوجانبه گفت‌وگو کرد"
            ),
            Lang::Other
        );
    }
}
