//! One official, many Latin spellings: a transliteration-aware key for romanised Arabic names
//! (Dbeibah, Dbeibeh, Dbaiba, Dabaiba; Mishri, Mechri, al-Meshri), a light key for other names
//! (Lamorgese), and the edit distance behind "did you mean".
//!
//! Where the rules come from: romanisations of one Arabic name differ where Arabic script leaves
//! the choice open or where European orthographies spell one sound differently.
//! - Short vowels are not written in Arabic, so romanisations disagree on them (Dbeibah /
//!   Dabaiba): the key keeps only consonants after the first letter, the "consonant skeleton"
//!   idea of Soundex-family keys for Arabic names (Arabic Soundex, the consonantal *rasm*) and of
//!   [`crate::text::skeleton`], which this extends.
//! - One Arabic letter, several Latin spellings of it: ش as sh/ch (French)/sch (German) → one
//!   symbol; ذ/ظ as dh/d, ث as th/t, خ as kh/k/h is kept as k, ق as q/k, غ as gh/g, و as ou
//!   (French)/u/w, ي as y/i (ISO 233 vs. the French and English press habits).
//! - Shadda doubles a letter in some spellings only (Sarraj / Saraj): doubled letters collapse.
//! - Tāʾ marbūṭa is written -ah, -a, -eh or -e: a final h after a vowel is dropped (the vowel
//!   goes with the others).
//! - The article ال is al-, el-, al , El, or assimilated (as-Sarraj, ad-Dbeibah), or glued
//!   (Elkaber): it is dropped.
//! - A leading vowel (ʿayn or alif: Emad/Imad, Omar/Umar, Osama/Usama) becomes `a`.
//!
//! The key is for names a user types or the archive holds, compared whole; it is never run over
//! article text. Short keys (under three letters) match nothing: "Ali" cannot tell anyone apart.

use crate::text::fold;

/// ISO codes of countries whose officials' Latin names are romanised Arabic (the transliteration
/// key applies to them; other names are compared by [`light_key`]).
pub const ARABIC_NAME_COUNTRIES: &[&str] = &[
    "LY", "TN", "DZ", "MA", "EG", "SD", "MR", "SA", "AE", "QA", "KW", "BH", "OM", "YE", "JO", "LB",
    "SY", "IQ", "PS",
];

/// Whether officials of `country` (an ISO code) have romanised Arabic names.
pub fn arabic_named(country: &str) -> bool {
    ARABIC_NAME_COUNTRIES
        .iter()
        .any(|c| c.eq_ignore_ascii_case(country))
}

/// Article words dropped from romanised names (al-, el-, and the assimilated as-, ad-, ...).
const ARTICLES: &[&str] = &[
    "al", "el", "il", "ul", "ad", "ag", "an", "ar", "as", "ash", "at", "az", "ed", "es", "et",
];

/// The words of a name: folded (lower case, accents removed), split on anything that is not an
/// ASCII letter; hyphenated or spaced articles dropped (only when other words remain).
fn words(name: &str) -> Vec<String> {
    let folded = fold(name);
    let raw: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let kept: Vec<String> = raw
        .iter()
        .filter(|w| !ARTICLES.contains(w))
        .map(|w| w.to_string())
        .collect();
    if kept.is_empty() {
        raw.into_iter().map(str::to_string).collect()
    } else {
        kept
    }
}

/// One word with the digraphs of one Arabic letter folded to one symbol each, a glued article
/// (`elkaber`) and a final `h` after a vowel dropped.
fn fold_word(w: &str) -> String {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut w = w.to_string();
    // A glued article: "Elkaber", "Alsarraj" (a consonant must follow, and a name must remain).
    for art in ["al", "el"] {
        if w.len() >= 6 && w.starts_with(art) && !w[2..].starts_with(|c: char| vowel(c) || c == 'l')
        {
            w = w[2..].to_string();
            break;
        }
    }
    // Final tāʾ marbūṭa: -ah, -eh.
    if w.len() > 3 && w.ends_with('h') && w[..w.len() - 1].ends_with(vowel) {
        w.pop();
    }
    // Longest first. `$` stands for ش, `k` for خ/ق/ك.
    const DIGRAPHS: &[(&str, &str)] = &[
        ("sch", "$"),
        ("sh", "$"),
        ("ch", "$"),
        ("kh", "k"),
        ("ck", "k"),
        ("q", "k"),
        ("dh", "d"),
        ("th", "t"),
        ("gh", "g"),
        ("ph", "f"),
        ("ou", "u"),
        ("oo", "u"),
        ("ee", "i"),
        ("x", "ks"),
        ("w", "u"),
    ];
    let mut out = String::with_capacity(w.len());
    let mut rest = w.as_str();
    'outer: while !rest.is_empty() {
        for (from, to) in DIGRAPHS {
            if let Some(r) = rest.strip_prefix(from) {
                out.push_str(to);
                rest = r;
                continue 'outer;
            }
        }
        let c = rest.chars().next().expect("non-empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The transliteration-aware key of a romanised Arabic name: its words (articles dropped) with
/// one symbol per Arabic letter's digraphs, joined, then vowels dropped after the first letter
/// (a leading vowel becomes `a`, a leading `y` stays) and doubled letters collapsed.
/// `"Abdul Hamid Dbeibah"`, `"Abdelhamid Dbeibeh"` and `"Abdulhamid al-Dabaiba"` all give
/// `"abdlhmdbb"`; `"Mishri"`, `"Mechri"`, `"al-Meshri"` give `"m$r"`. Empty when the name has no
/// Latin letters.
pub fn latin_key(name: &str) -> String {
    let joined: String = words(name).iter().map(|w| fold_word(w)).collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut out = String::new();
    let mut prev: Option<char> = None;
    for (i, c) in joined.chars().enumerate() {
        let doubled = prev == Some(c);
        prev = Some(c);
        if doubled {
            continue;
        }
        if i == 0 && vowel(c) && c != 'y' {
            out.push('a');
        } else if !vowel(c) || i == 0 {
            out.push(c);
        }
    }
    out
}

/// The light key of any Latin name: folded, words joined by one space, articles dropped,
/// doubled letters collapsed (`"Luciana  Lamorgese"` → `"luciana lamorgese"`, `"Di-Maio"` →
/// `"di maio"`). Arabic text is folded by [`crate::text::fold`] and kept (its own key).
pub fn light_key(name: &str) -> String {
    if !name.chars().any(|c| c.is_ascii_alphabetic()) {
        return fold(name).split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let mut out = String::new();
    for w in words(name) {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut last = None;
        for c in w.chars() {
            if last != Some(c) {
                out.push(c);
            }
            last = Some(c);
        }
    }
    out
}

/// Whether `a` and `b` are spellings of one name: equal light keys, or, when `arabic` (the
/// person's country has romanised Arabic names, [`arabic_named`]), equal [`latin_key`]s of at
/// least three letters. Arabic-script names compare after [`crate::text::fold`].
pub fn same_name(a: &str, b: &str, arabic: bool) -> bool {
    let (la, lb) = (light_key(a), light_key(b));
    if !la.is_empty() && la == lb {
        return true;
    }
    if !arabic {
        return false;
    }
    let (ka, kb) = (latin_key(a), latin_key(b));
    ka.chars().count() >= 3 && ka == kb
}

/// The edit distance (Levenshtein, in characters) between the light keys of `a` and `b`.
pub fn distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(&light_key(a), &light_key(b))
}

/// Whether `typed` is a likely misspelling of `known`: not the same name ([`same_name`] with
/// `arabic`) but within a small edit distance of its light key: none for keys of up to 5 letters
/// (too short to tell a misspelling from another name), 1 up to 9, 2 beyond ("Lamorgesi" →
/// "Lamorgese").
pub fn near_miss(typed: &str, known: &str, arabic: bool) -> Option<usize> {
    if same_name(typed, known, arabic) {
        return None;
    }
    let (a, b) = (light_key(typed), light_key(known));
    let len = a.chars().count().max(b.chars().count());
    let allowed = match len {
        0..=5 => return None,
        6..=9 => 1,
        _ => 2,
    };
    let d = strsim::levenshtein(&a, &b);
    (d <= allowed).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dbeibah_spellings_share_one_key() {
        let k = latin_key("Dbeibah");
        assert_eq!(k, "dbb");
        for s in [
            "Dbeibeh",
            "Dbaiba",
            "Dabaiba",
            "al-Dbeibah",
            "Dbeiba",
            "DBEIBAH",
        ] {
            assert_eq!(latin_key(s), k, "{s}");
        }
        let full = latin_key("Abdul Hamid Dbeibah");
        assert_eq!(full, "abdlhmdbb");
        for s in [
            "Abdul-Hamed Dbeibah",
            "Abdelhamid Dbeibah",
            "Abdul Hamid Dbeibeh",
            "Abdulhamid Dabaiba",
            "Abdel Hamid al-Dabaiba",
            "Abdulhamid al-Dbeibah",
        ] {
            assert_eq!(latin_key(s), full, "{s}");
        }
    }

    #[test]
    fn mishri_spellings_share_one_key() {
        assert_eq!(latin_key("Mishri"), "m$r");
        assert_eq!(latin_key("Mechri"), "m$r");
        assert_eq!(latin_key("al-Meshri"), "m$r");
        assert_eq!(latin_key("Khaled al-Mishri"), latin_key("Khalid Mechri"));
    }

    #[test]
    fn other_officials_of_the_dev_corpus() {
        // Spellings from shared/corpus/dev/officials.json.
        assert_eq!(latin_key("Khaled Mazen"), latin_key("Khalid Mayzen"));
        assert_eq!(
            latin_key("Khaled Tijani Mazen"),
            latin_key("Khaled al-Tajani Mazen")
        );
        assert_eq!(
            latin_key("Mohamed Younis Ahmed al-Menfi"),
            latin_key("Mohammed Yunis Ahmed Al-Menfi")
        );
        assert_eq!(latin_key("Mohamed al-Menfi"), latin_key("Mohammad Menfi"));
        assert_eq!(latin_key("Saddek Elkaber"), latin_key("Siddiq al-Kabir"));
        assert_eq!(latin_key("Fayez al Sarraj"), latin_key("Fayez al-Serraj"));
        assert_eq!(latin_key("Emad al-Trabelsi"), latin_key("Imad Trabelsi"));
        assert_eq!(latin_key("Najla Mangoush"), latin_key("Najla el-Mangoush"));
    }

    #[test]
    fn different_people_keep_different_keys() {
        assert_ne!(latin_key("Dbeibah"), latin_key("Bashagha"));
        assert_ne!(latin_key("Khaled Mazen"), latin_key("Khaled al-Mishri"));
        assert_ne!(latin_key("Mohamed al-Menfi"), latin_key("Mohamed Siala"));
        // "Ali" is too short to name anyone.
        assert!(!same_name("Ali", "Aly", true));
    }

    #[test]
    fn european_names_compare_lightly() {
        assert!(same_name("Luciana Lamorgese", "luciana  LAMORGESE", false));
        assert!(same_name("Di Maio", "Di-Maio", false));
        // A misspelling is not merged: it is a near miss.
        assert!(!same_name("Lamorgesi", "Lamorgese", false));
        assert_eq!(near_miss("Lamorgesi", "Lamorgese", false), Some(1));
        assert_eq!(near_miss("Lamorgese", "Lamorgese", false), None);
        assert_eq!(near_miss("Piantedosi", "Lamorgese", false), None);
    }

    #[test]
    fn arabic_script_goes_through_the_normaliser() {
        assert!(same_name("الدبيبة", "الدبيبه", true));
        assert_eq!(near_miss("لامورغيزي", "لامورجيزي", false), Some(1));
    }
}
