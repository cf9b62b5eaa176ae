//! Month names: Gregorian (Arabic Egyptian, Levantine, Maghrebi and Moroccan spellings, English,
//! Italian, French), Libyan Jamahiriya-era and Hijri, single words and compounds, with what must
//! surround each for it to count as a date.

use super::tokens::{Tok, num, punct, word};
use crate::text::normalize::fold;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Italian month names, January to December, as written in running text (lower case).
pub const ITALIAN_MONTHS: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cal {
    Gregorian,
    Hijri,
}

/// What must surround a month name for it to count as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Need {
    /// Day and month alone are enough (with a reference year).
    Nothing,
    /// A year must follow (day optional): French "mars", "mai".
    Year,
    /// Day, month and year: Libyan names that are ordinary words (الربيع، الماء، الصيف), Hijri.
    DayAndYear,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct MonthInfo {
    pub(super) month: u32,
    pub(super) cal: Cal,
    pub(super) need: Need,
    /// Latin name that must be capitalised in the original (English).
    pub(super) capital: bool,
    /// An abbreviation that may be followed by a dot.
    pub(super) abbrev: bool,
}

/// Single-word month names, keyed by their normalised form.
pub(super) static MONTHS: LazyLock<HashMap<String, MonthInfo>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    let mut add =
        |names: &[&str], month: u32, cal: Cal, need: Need, capital: bool, abbrev: bool| {
            for n in names {
                m.insert(
                    fold(n),
                    MonthInfo {
                        month,
                        cal,
                        need,
                        capital,
                        abbrev,
                    },
                );
            }
        };
    use Cal::*;
    use Need::*;
    // Gregorian Arabic (Egyptian/Gulf transliterations and their spellings).
    let greg: [&[&str]; 12] = [
        &["يناير", "ينايِر"],
        &["فبراير", "فبرائر", "فيبراير"],
        &["مارس"],
        &["أبريل", "ابريل", "إبريل", "ابريلِ"],
        &["مايو"],
        &["يونيو", "يونية", "يونيه"],
        &["يوليو", "يولية", "يوليه"],
        &["أغسطس", "اغسطس", "أغسطوس", "اغسطوس"],
        &["سبتمبر", "سيبتمبر"],
        &["أكتوبر", "اكتوبر", "أكتوبير"],
        &["نوفمبر", "نونمبر"],
        &["ديسمبر", "دسمبر"],
    ];
    for (i, names) in greg.iter().enumerate() {
        add(names, i as u32 + 1, Gregorian, Nothing, false, false);
    }
    // Levantine / Iraqi single-word names (كانون/تشرين are compounds, see match_month).
    add(&["شباط"], 2, Gregorian, Nothing, false, false);
    add(&["آذار", "اذار"], 3, Gregorian, Nothing, false, false);
    add(&["نيسان"], 4, Gregorian, Nothing, false, false);
    add(&["أيار", "ايار"], 5, Gregorian, Nothing, false, false);
    add(&["حزيران"], 6, Gregorian, Nothing, false, false);
    add(&["تموز"], 7, Gregorian, Nothing, false, false);
    add(&["آب"], 8, Gregorian, Nothing, false, false);
    add(&["أيلول", "ايلول"], 9, Gregorian, Nothing, false, false);
    // Maghrebi (Algeria/Tunisia) and Moroccan.
    add(&["جانفي"], 1, Gregorian, Nothing, false, false);
    add(&["فيفري"], 2, Gregorian, Nothing, false, false);
    add(&["أفريل", "افريل"], 4, Gregorian, Nothing, false, false);
    add(&["ماي"], 5, Gregorian, Nothing, false, false);
    add(&["جوان"], 6, Gregorian, Nothing, false, false);
    add(
        &["جويلية", "جويليه", "جويلة"],
        7,
        Gregorian,
        Nothing,
        false,
        false,
    );
    add(&["يوليوز"], 7, Gregorian, Nothing, false, false);
    add(&["أوت", "اوت"], 8, Gregorian, Nothing, false, false);
    add(&["غشت"], 8, Gregorian, Nothing, false, false);
    add(&["شتنبر"], 9, Gregorian, Nothing, false, false);
    add(&["نونبر"], 11, Gregorian, Nothing, false, false);
    add(&["دجنبر"], 12, Gregorian, Nothing, false, false);
    // Libyan Jamahiriya-era names (أي النار is a compound): many are ordinary words.
    let libyan: [(&str, u32); 11] = [
        ("النوار", 2),
        ("الربيع", 3),
        ("الطير", 4),
        ("الماء", 5),
        ("الصيف", 6),
        ("ناصر", 7),
        ("هانيبال", 8),
        ("الفاتح", 9),
        ("التمور", 10),
        ("الحرث", 11),
        ("الكانون", 12),
    ];
    for (n, mo) in libyan {
        add(&[n], mo, Gregorian, DayAndYear, false, false);
    }
    // Hijri single-word months (ربيع/جمادى/ذو are compounds).
    add(&["محرم", "المحرم"], 1, Hijri, DayAndYear, false, false);
    add(&["صفر"], 2, Hijri, DayAndYear, false, false);
    add(&["رجب"], 7, Hijri, DayAndYear, false, false);
    add(&["شعبان"], 8, Hijri, DayAndYear, false, false);
    add(&["رمضان"], 9, Hijri, DayAndYear, false, false);
    add(&["شوال"], 10, Hijri, DayAndYear, false, false);
    // English full names and abbreviations (abbreviations capitalised).
    let en = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, n) in en.iter().enumerate() {
        // "may" and "march" are also a verb: only capitalised. Other names may be lower case
        // (URL slugs, file names).
        let capital = *n == "may" || *n == "march";
        add(&[n], i as u32 + 1, Gregorian, Nothing, capital, false);
        // "May" and "June"/"July" are their own abbreviations.
        if n.len() > 4 {
            add(&[&n[..3]], i as u32 + 1, Gregorian, Nothing, true, true);
        }
    }
    add(&["sept"], 9, Gregorian, Nothing, true, true);
    // Italian (lower case in running text).
    for (i, n) in ITALIAN_MONTHS.iter().enumerate() {
        add(&[n], i as u32 + 1, Gregorian, Nothing, false, false);
    }
    // French (Maghrebi and European press): always with a year, "mars"/"mai" are ambiguous.
    let fr = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    for (i, n) in fr.iter().enumerate() {
        let k = fold(n);
        m.entry(k).or_insert(MonthInfo {
            month: i as u32 + 1,
            cal: Gregorian,
            need: Year,
            capital: false,
            abbrev: false,
        });
    }
    m
});

/// The month (1-12) a single [normalised](crate::text::normalize::normalize()) word names, when it
/// is an ordinary Gregorian month name in Arabic (Egyptian, Levantine single-word, Maghrebi),
/// English or Italian («ابريل», «حزيران», "april", "sept", «aprile»). Hijri months, French names and
/// the Libyan Jamahiriya-era names (which are ordinary words or given names: «ناصر», «الربيع») are
/// not included. The one month list of the crate (extraction uses it to end names).
pub fn month_name(folded_word: &str) -> Option<u32> {
    MONTHS
        .get(folded_word)
        .filter(|i| i.cal == Cal::Gregorian && i.need == Need::Nothing)
        .map(|i| i.month)
}

pub(super) const EN_WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub(super) struct MonthMatch {
    pub(super) info: MonthInfo,
    /// Token index after the month name (and its paired name, if any).
    pub(super) end: usize,
}

/// A month name (one word or a compound) starting at token `i`, without a paired name.
pub(super) fn match_month_single(t: &str, toks: &[Tok], i: usize) -> Option<MonthMatch> {
    let w = word(t, toks, i)?;
    let next = word(t, toks, i + 1);
    let greg = |month, need| MonthInfo {
        month,
        cal: Cal::Gregorian,
        need,
        capital: false,
        abbrev: false,
    };
    let hijri = |month| MonthInfo {
        month,
        cal: Cal::Hijri,
        need: Need::DayAndYear,
        capital: false,
        abbrev: false,
    };
    let first = |x: &str| matches!(x, "الاول" | "اول");
    let second = |x: &str| matches!(x, "الثاني" | "ثاني");
    // Levantine compounds: كانون الثاني / كانون 2 / تشرين الأول / تشرين 1.
    if w == "كانون" || w == "تشرين" {
        let which = match (next, num(toks, i + 1)) {
            (Some(n), _) if first(n) => Some(1),
            (Some(n), _) if second(n) => Some(2),
            (_, Some((v @ 1..=2, 1))) => Some(v),
            _ => None,
        }?;
        let month = match (w, which) {
            ("كانون", 1) => 12,
            ("كانون", _) => 1,
            ("تشرين", 1) => 10,
            _ => 11,
        };
        return Some(MonthMatch {
            info: greg(month, Need::Nothing),
            end: i + 2,
        });
    }
    // Hijri compounds.
    if w == "ربيع" {
        let month = match next? {
            x if first(x) => 3,
            x if second(x) || matches!(x, "الاخر" | "اخر" | "الاخير") => 4,
            _ => return None,
        };
        return Some(MonthMatch {
            info: hijri(month),
            end: i + 2,
        });
    }
    if w == "جمادي" || w == "جماد" {
        let month = match next? {
            "الاولي" | "الاول" | "اولي" | "اول" => 5,
            "الاخره" | "الاخر" | "الثانيه" | "الثاني" | "اخره" | "ثانيه" => {
                6
            }
            _ => return None,
        };
        return Some(MonthMatch {
            info: hijri(month),
            end: i + 2,
        });
    }
    if w == "ذو" || w == "ذي" {
        let month = match next? {
            "القعده" => 11,
            "الحجه" => 12,
            _ => return None,
        };
        return Some(MonthMatch {
            info: hijri(month),
            end: i + 2,
        });
    }
    // Libyan «أي النار» (January).
    if w == "اي" && next == Some("النار") {
        return Some(MonthMatch {
            info: greg(1, Need::DayAndYear),
            end: i + 2,
        });
    }
    let info = *MONTHS.get(w)?;
    if info.capital && !toks[i].capital {
        return None;
    }
    let mut end = i + 1;
    if info.abbrev && punct(toks, end) == Some('.') && toks[end].start == toks[i].end {
        end += 1;
    }
    Some(MonthMatch { info, end })
}

/// A month name at `i`, with an optional paired name of the same month after it:
/// «يونيو/حزيران», «حزيران (يونيو)», «كانون الأول/ديسمبر».
pub(super) fn match_month(t: &str, toks: &[Tok], i: usize) -> Option<MonthMatch> {
    let mut m = match_month_single(t, toks, i)?;
    match punct(toks, m.end) {
        Some('/' | '\\' | '-' | '،' | ',') => {
            if let Some(p) = match_month_single(t, toks, m.end + 1)
                && p.info.month == m.info.month
            {
                m.end = p.end;
                m.info.need = m.info.need.min(p.info.need);
            }
        }
        Some('(' | '[') => {
            if let Some(p) = match_month_single(t, toks, m.end + 1)
                && p.info.month == m.info.month
            {
                m.end = p.end;
                m.info.need = m.info.need.min(p.info.need);
                if matches!(punct(toks, m.end), Some(')' | ']')) {
                    m.end += 1;
                }
            }
        }
        _ => {}
    }
    Some(m)
}
