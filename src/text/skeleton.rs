//! Consonant skeletons of Latin-script names, for matching the many transliterations of one Arabic
//! name (Dbeibah, Dbeibeh, Dbaiba, Dabaiba; Mazen, Mazin; al-Menfi, Manfi).
//!
//! Arabic short vowels are not written, so romanisations disagree mostly on vowels, on a final
//! `h` for tāʾ marbūṭa, on doubled letters (shadda) and on the article `al-`/`el-`. A skeleton
//! drops exactly those: it is a last-resort key for names a user types, never for running text.

use super::fold;

/// The skeleton of one Latin word: folded (lower case, accents removed), the article `al`/`el`
/// dropped, a final `h` after a vowel dropped, vowels (`a e i o u y`) and `'`/`-` removed except a
/// leading vowel, doubled letters collapsed. `"Dbeibeh"` → `"dbb"`, `"al-Menfi"` → `"mnf"`,
/// `"Osama"` → `"osm"`. Returns an empty string for words with no Latin letters.
pub fn latin_skeleton(word: &str) -> String {
    let folded = fold(word);
    let mut w: &str = folded.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    for article in ["al-", "el-", "al ", "el "] {
        if let Some(rest) = w.strip_prefix(article) {
            w = rest;
        }
    }
    let chars: Vec<char> = w.chars().filter(char::is_ascii_alphabetic).collect();
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut end = chars.len();
    if end >= 2 && chars[end - 1] == 'h' && vowel(chars[end - 2]) {
        end -= 1;
    }
    let mut out = String::new();
    for (i, &c) in chars[..end].iter().enumerate() {
        let doubled = i > 0 && chars[i - 1] == c;
        if (vowel(c) && i > 0) || doubled {
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether `typed` names `label` by skeleton: the skeletons of `typed`'s words, joined, equal the
/// joined skeletons of a run of consecutive words of `label`, and have at least three letters
/// (`"Dbeibe"` and `"Abdelhamid Dbaiba"` name "Abdul Hamid Dbeibah"; `"Ali"`, too short to
/// tell, names nothing).
pub fn skeleton_matches(typed: &str, label: &str) -> bool {
    let want: String = words(typed).map(latin_skeleton).collect();
    if want.len() < 3 {
        return false;
    }
    let label: Vec<String> = words(label).map(latin_skeleton).collect();
    (0..label.len()).any(|start| {
        let mut run = String::new();
        for w in &label[start..] {
            run.push_str(w);
            if run.len() >= want.len() {
                break;
            }
        }
        run == want
    })
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '\'' || c == '’')
        .filter(|w| {
            w.chars().any(|c| c.is_alphabetic()) && !matches!(*w, "al" | "el" | "Al" | "El")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_of_one_name_share_a_skeleton() {
        for spelling in [
            "Dbeibah", "Dbeibeh", "Dbeiba", "Dabaiba", "Dabaibah", "Dbaiba",
        ] {
            assert_eq!(latin_skeleton(spelling), "dbb", "{spelling}");
        }
        assert_eq!(latin_skeleton("Mazen"), latin_skeleton("Mazin"));
        assert_eq!(latin_skeleton("al-Menfi"), "mnf");
        assert_eq!(latin_skeleton("Manfi"), "mnf");
        assert_eq!(latin_skeleton("Osama"), "osm");
        assert_eq!(latin_skeleton("Lamorgese"), "lmrgs");
        assert_eq!(latin_skeleton("محمد"), "");
    }

    #[test]
    fn skeleton_match_needs_every_long_word_and_one_at_least() {
        assert!(skeleton_matches("Dbeibe", "Abdul Hamid Dbeibah"));
        assert!(skeleton_matches("Abdelhamid Dbaiba", "Abdul Hamid Dbeibah"));
        assert!(skeleton_matches("Hamid Dbaiba", "Abdul Hamid Dbeibah"));
        assert!(skeleton_matches("Mohammed al-Manfi", "Mohamed al-Menfi"));
        assert!(!skeleton_matches("Ali", "Ali Dbeibah"));
        assert!(!skeleton_matches("Meloni", "Mohamed al-Menfi"));
    }
}
