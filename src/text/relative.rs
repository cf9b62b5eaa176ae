//! Relative days in news text: «اليوم الأحد», «أمس», «غداً الاثنين», «الخميس المقبل», oggi, ieri,
//! «lunedì scorso», today, "on Monday", "last Monday" — and their resolution against the article's
//! publication date. French: aujourd'hui, hier, demain and the weekdays (lundi …).
//!
//! Matching is on whole words of the [normalised](crate::text::normalize::normalize()) text, so «امس» never
//! matches inside «الخامس» and «اليوم» inside «اليومية» is not today. Arabic words may carry the
//! clitics و/ف (and ب for «بالأمس»): «وأمس», «واليوم».

use crate::text::normalize::normalize;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::ops::Range;

/// Which way a weekday expression points from the article date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// «الأحد الماضي», "last Monday", «lunedì scorso»: the latest such day strictly before.
    Last,
    /// «الخميس المقبل», "next Monday", «lunedì prossimo»: the first such day strictly after.
    Next,
    /// «هذا الأحد», "this Monday": that day in the article date's week (Monday to Sunday).
    ThisWeek,
    /// «الأحد», "on Monday", «lunedì»: in news, the latest such day on or before the article date.
    Unspecified,
}

/// What a relative day expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelativeKind {
    /// اليوم، oggi, today.
    Today,
    /// أمس، بالأمس، البارحة، ieri, yesterday.
    Yesterday,
    /// غداً، الغد، domani, tomorrow.
    Tomorrow,
    /// أول أمس، أمس الأول، l'altro ieri, the day before yesterday.
    DayBeforeYesterday,
    /// A named weekday with its direction.
    Weekday {
        weekday: Weekday,
        direction: Direction,
    },
}

/// A relative day found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelativeDay {
    /// Byte range in the text given to [`find_relative_days`], covering the relative word and the
    /// weekday stated with it («اليوم الأحد»), or the weekday and its direction word.
    pub span: Range<usize>,
    /// What the expression says (today, yesterday, a weekday with a direction, …).
    pub kind: RelativeKind,
    /// For `Today`/`Yesterday`/`Tomorrow`/`DayBeforeYesterday`: the weekday stated alongside
    /// («أمس الثلاثاء» → Tuesday), if any. Always `None` for `Weekday`.
    pub stated_weekday: Option<Weekday>,
}

/// A relative day resolved to a calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    /// The calendar day meant, computed from the relative word or weekday.
    pub date: NaiveDate,
    /// The stated weekday is not the weekday of `date` (the source got the weekday wrong, or the
    /// article date is off). `date` still follows the relative word.
    pub weekday_conflict: bool,
}

/// Resolves `day` against the article's publication date.
pub fn resolve(day: &RelativeDay, article_date: NaiveDate) -> Resolved {
    let date = match day.kind {
        RelativeKind::Today => article_date,
        RelativeKind::Yesterday => article_date - Duration::days(1),
        RelativeKind::Tomorrow => article_date + Duration::days(1),
        RelativeKind::DayBeforeYesterday => article_date - Duration::days(2),
        RelativeKind::Weekday { weekday, direction } => {
            let have = i64::from(article_date.weekday().num_days_from_monday());
            let want = i64::from(weekday.num_days_from_monday());
            let back = (have - want).rem_euclid(7); // 0..=6 days back to that weekday
            let offset = match direction {
                Direction::Unspecified => -back,
                Direction::Last => -(if back == 0 { 7 } else { back }),
                Direction::Next => {
                    let fwd = (want - have).rem_euclid(7);
                    if fwd == 0 { 7 } else { fwd }
                }
                Direction::ThisWeek => want - have,
            };
            article_date + Duration::days(offset)
        }
    };
    Resolved {
        date,
        weekday_conflict: day.stated_weekday.is_some_and(|w| w != date.weekday()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: TokKind,
    start: usize,
    end: usize,
}

fn tokenize(t: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut it = t.char_indices().peekable();
    while let Some((s, c)) = it.next() {
        if c.is_alphabetic() {
            let mut e = s + c.len_utf8();
            while let Some(&(p, d)) = it.peek() {
                if !d.is_alphabetic() {
                    break;
                }
                e = p + d.len_utf8();
                it.next();
            }
            toks.push(Tok {
                kind: TokKind::Word,
                start: s,
                end: e,
            });
        } else if c.is_ascii_digit() {
            let mut e = s + 1;
            while let Some(&(p, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                e = p + 1;
                it.next();
            }
            toks.push(Tok {
                kind: TokKind::Other,
                start: s,
                end: e,
            });
        } else if !c.is_whitespace() {
            toks.push(Tok {
                kind: TokKind::Other,
                start: s,
                end: s + c.len_utf8(),
            });
        }
    }
    toks
}

/// `w` is `base`, possibly with a leading و or ف (Arabic only).
fn is_ar(w: &str, base: &str) -> bool {
    w == base
        || w.strip_prefix('و').is_some_and(|r| r == base)
        || w.strip_prefix('ف').is_some_and(|r| r == base)
}

/// The weekday a single [normalised](crate::text::normalize::normalize()) word names, in Arabic
/// (also with a leading و/ف: «والخميس»), English or Italian («الاحد», "monday", «lunedi»);
/// `None` for any other word. The one weekday list of the crate (dates and extraction use it).
pub fn weekday_name(folded_word: &str) -> Option<Weekday> {
    weekday_of(folded_word)
}

fn weekday_of(w: &str) -> Option<Weekday> {
    use Weekday::*;
    let ar = [
        ("الاحد", Sun),
        ("الاثنين", Mon),
        ("الاتنين", Mon),
        ("الثلاثاء", Tue),
        ("الثلاثا", Tue),
        ("الاربعاء", Wed),
        ("الاربعا", Wed),
        ("الخميس", Thu),
        ("الجمعه", Fri),
        ("السبت", Sat),
    ];
    for (n, d) in ar {
        if is_ar(w, n) {
            return Some(d);
        }
    }
    Some(match w {
        "monday" | "lunedi" | "lundi" => Mon,
        "tuesday" | "martedi" | "mardi" => Tue,
        "wednesday" | "mercoledi" | "mercredi" => Wed,
        "thursday" | "giovedi" | "jeudi" => Thu,
        "friday" | "venerdi" | "vendredi" => Fri,
        "saturday" | "sabato" | "samedi" => Sat,
        "sunday" | "domenica" | "dimanche" => Sun,
        _ => return None,
    })
}

/// Words that, right after «اليوم», make it "the day" rather than "today".
const NOT_TODAY_AFTER: &[&str] = &[
    "التالي",
    "السابق",
    "الاول",
    "الثاني",
    "الثالث",
    "الرابع",
    "الاخير",
    "الوطني",
    "العالمي",
    "الدولي",
    "الذي",
    "نفسه",
    "ذاته",
    "المحدد",
    "المقرر",
    "الموعود",
    "الختامي",
    "الافتتاحي",
    "المفتوح",
];

/// Words after which «الاثنين» is "the two", not Monday: prepositions, quantifiers, demonstratives.
const NOT_MONDAY_AFTER: &[&str] = &[
    "بين", "من", "مع", "عن", "علي", "الي", "كلا", "كل", "هذين", "هذان", "لدي", "عند", "و",
];

/// A definite word («الإيطاليين», «والمسؤولين», «بالبلدين»): «الاثنين» after it is "the two".
fn is_definite(w: &str) -> bool {
    // «التقى» (met) and its forms start like a definite noun but are verbs.
    let met = ["التقي", "التقت", "التقيا", "التقوا"];
    !met.iter()
        .any(|v| w == *v || w.strip_prefix('و') == Some(v))
        && ["ال", "وال", "فال", "بال", "لل", "ولل", "كال"]
            .iter()
            .any(|p| w.starts_with(p))
}

/// A day of the month written in digits (1–31).
fn is_day_number(s: &str) -> bool {
    s.len() <= 2 && s.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

/// Every relative day expression in `text`, in order of appearance.
pub fn find_relative_days(text: &str) -> Vec<RelativeDay> {
    let norm = normalize(text);
    let t = norm.text.as_str();
    let toks = tokenize(t);
    let w = |i: usize| -> &str {
        match toks.get(i) {
            Some(k) if k.kind == TokKind::Word => &t[k.start..k.end],
            _ => "",
        }
    };
    let sym = |i: usize| -> &str {
        match toks.get(i) {
            Some(k) if k.kind == TokKind::Other => &t[k.start..k.end],
            _ => "",
        }
    };
    let prev = |i: usize| if i == 0 { "" } else { w(i - 1) };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let word = w(i);
        if word.is_empty() {
            i += 1;
            continue;
        }
        // 1. Today / yesterday / tomorrow / the day before yesterday (possibly two or three words).
        let rel: Option<(RelativeKind, usize)> = if (is_ar(word, "اول") && is_ar(w(i + 1), "امس"))
            || (word == "avant" && w(i + 1) == "hier")
        {
            Some((RelativeKind::DayBeforeYesterday, i + 2))
        } else if is_ar(word, "اول") && w(i + 1) == "من" && w(i + 2) == "امس" {
            Some((RelativeKind::DayBeforeYesterday, i + 3))
        } else if (is_ar(word, "امس") || word == "بالامس" || word == "وبالامس") && w(i + 1) == "الاول"
        {
            Some((RelativeKind::DayBeforeYesterday, i + 2))
        } else if word == "ieri" && w(i + 1) == "l" && w(i + 3) == "altro" {
            // «ieri l'altro»
            Some((RelativeKind::DayBeforeYesterday, i + 4))
        } else if word == "altroieri" || (word == "altro" && w(i + 1) == "ieri") {
            Some((
                RelativeKind::DayBeforeYesterday,
                if word == "altro" { i + 2 } else { i + 1 },
            ))
        } else if word == "day" && w(i + 1) == "before" && w(i + 2) == "yesterday" {
            Some((RelativeKind::DayBeforeYesterday, i + 3))
        } else if is_ar(word, "اليوم") {
            let next = w(i + 1);
            let blocked =
                NOT_TODAY_AFTER.contains(&next) || matches!(prev(i), "ذلك" | "تلك" | "هذا" | "في");
            // «في اليوم» is "on the day"; «في اليوم الأحد» is still a weekday, handled below.
            if blocked && !(prev(i) == "في" && weekday_of(next).is_some()) {
                None
            } else {
                Some((RelativeKind::Today, i + 1))
            }
        } else if is_ar(word, "امس")
            || matches!(word, "بالامس" | "وبالامس" | "البارحه" | "والبارحه")
            || matches!(word, "ieri" | "yesterday" | "hier")
        {
            Some((RelativeKind::Yesterday, i + 1))
        } else if (is_ar(word, "غدا")
            || is_ar(word, "الغد")
            || (word == "غد" && matches!(prev(i), "يوم" | "صباح" | "مساء" | "ظهر")))
            && prev(i) != "بعد"
        {
            Some((RelativeKind::Tomorrow, i + 1))
        } else if matches!(word, "oggi" | "today") {
            Some((RelativeKind::Today, i + 1))
        } else if word == "aujourd" && w(i + 2) == "hui" {
            // «aujourd'hui»: the apostrophe is a token of its own.
            Some((RelativeKind::Today, i + 3))
        } else if matches!(word, "domani" | "tomorrow")
            || word == "demain" && !matches!(prev(i), "apres" | "-")
        {
            Some((RelativeKind::Tomorrow, i + 1))
        } else {
            None
        };
        if let Some((kind, mut end)) = rel {
            // Include "the" before "day before yesterday", «l'» before «altro ieri»? Keep the span on
            // the words themselves; a stated weekday may follow, after a comma or parenthesis.
            let mut j = end;
            let paren = sym(j) == "(";
            if matches!(sym(j), "," | "،" | "(" | "-" | "–") {
                j += 1;
            }
            if matches!(w(j), "يوم" | "on") {
                j += 1;
            }
            let stated = weekday_of(w(j));
            if stated.is_some() {
                end = j + 1;
                if paren && sym(end) == ")" {
                    end += 1;
                }
            }
            out.push(RelativeDay {
                span: norm.original_range_tight(text, toks[i].start..toks[end - 1].end),
                kind,
                stated_weekday: stated,
            });
            i = end;
            continue;
        }
        // 2. A named weekday with its direction.
        if let Some(weekday) = weekday_of(word) {
            let next = w(i + 1);
            let before = prev(i);
            let mut start = i;
            let mut end = i + 1;
            let direction = if matches!(
                next,
                "الماضي"
                    | "المنصرم"
                    | "الفائت"
                    | "السابق"
                    | "الماضيه"
                    | "المنصرمه"
                    | "الفائته"
                    | "السابقه"
                    | "scorso"
                    | "scorsa"
                    | "passato"
                    | "passata"
            ) {
                end = i + 2;
                Direction::Last
            } else if matches!(
                next,
                "المقبل"
                    | "القادم"
                    | "الاتي"
                    | "المقبله"
                    | "القادمه"
                    | "الاتيه"
                    | "prossimo"
                    | "prossima"
            ) {
                end = i + 2;
                Direction::Next
            } else if matches!(before, "last" | "past" | "scorso" | "scorsa") {
                start = i - 1;
                Direction::Last
            } else if matches!(before, "next" | "coming" | "prossimo" | "prossima") {
                start = i - 1;
                Direction::Next
            } else if matches!(before, "this" | "هذا" | "questo" | "questa") {
                start = i - 1;
                Direction::ThisWeek
            } else {
                Direction::Unspecified
            };
            // «الاثنين» is also "the two": without a day word before it or a direction after it,
            // it is not a weekday.
            let ambiguous = weekday == Weekday::Mon
                && word.ends_with("الاثنين")
                && direction == Direction::Unspecified
                && !matches!(
                    before,
                    "يوم"
                        | "صباح"
                        | "مساء"
                        | "ظهر"
                        | "ظهيره"
                        | "ليله"
                        | "فجر"
                        | "عصر"
                        | "ضحي"
                        | "منذ"
                        | "حتي"
                )
                // ... nor, as "the two", after a definite noun it qualifies («المسؤولين
                // الإيطاليين الاثنين») or a preposition («بين الاثنين»); after a verb («التقى
                // الإثنين») or before a day number («الاثنين 6 فبراير») it is Monday.
                && !(w(i + 1).is_empty() && is_day_number(sym(i + 1)))
                && (before.is_empty() || is_definite(before) || NOT_MONDAY_AFTER.contains(&before));
            if !ambiguous {
                out.push(RelativeDay {
                    span: norm.original_range_tight(text, toks[start].start..toks[end - 1].end),
                    kind: RelativeKind::Weekday { weekday, direction },
                    stated_weekday: None,
                });
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use RelativeKind::{DayBeforeYesterday, Today, Tomorrow, Yesterday};
    use chrono::Weekday::{Fri, Mon, Sun, Thu, Tue, Wed};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// (matched text, kind, stated weekday) for every find.
    fn finds(text: &str) -> Vec<(&str, RelativeKind, Option<chrono::Weekday>)> {
        find_relative_days(text)
            .into_iter()
            .map(|r| (&text[r.span], r.kind, r.stated_weekday))
            .collect()
    }

    #[test]
    fn arabic_relative_words_with_weekdays() {
        assert_eq!(
            finds("بحث الوزير، اليوم، مع نظيرته"),
            vec![("اليوم", Today, None)]
        );
        assert_eq!(
            finds("تزور غداً الاثنين العاصمة"),
            vec![("غداً الاثنين", Tomorrow, Some(Mon))]
        );
        assert_eq!(
            finds("أفادت مصادر أمس الثلاثاء، بأن الوزيرة تزور طرابلس اليوم الأربعاء."),
            vec![
                ("أمس الثلاثاء", Yesterday, Some(Tue)),
                ("اليوم الأربعاء", Today, Some(Wed))
            ]
        );
        assert_eq!(finds("وأمس قال"), vec![("وأمس", Yesterday, None)]);
        assert_eq!(
            finds("واليوم الخميس"),
            vec![("واليوم الخميس", Today, Some(Thu))]
        );
        assert_eq!(finds("بالأمس"), vec![("بالأمس", Yesterday, None)]);
        assert_eq!(
            finds("التقى أول أمس"),
            vec![("أول أمس", DayBeforeYesterday, None)]
        );
        assert_eq!(
            finds("أول من أمس"),
            vec![("أول من أمس", DayBeforeYesterday, None)]
        );
    }

    #[test]
    fn arabic_words_inside_other_words_do_not_match() {
        assert_eq!(finds("الاجتماع الخامس"), vec![]);
        assert_eq!(finds("الصحف اليومية"), vec![]);
        assert_eq!(finds("في اليوم التالي"), vec![]);
        assert_eq!(finds("في ذلك اليوم"), vec![]);
        assert_eq!(finds("الغداء"), vec![]);
        assert_eq!(finds("بعد غد"), vec![]);
        assert_eq!(finds("أحد المسؤولين"), vec![]);
        // «الاثنين» as "the two".
        assert_eq!(finds("المسؤولين الإيطاليين الاثنين سيلتقيان"), vec![]);
    }

    #[test]
    fn arabic_weekdays_with_direction() {
        let wk = |weekday, direction| RelativeKind::Weekday { weekday, direction };
        assert_eq!(
            finds("التقى الأحد الماضي"),
            vec![("الأحد الماضي", wk(Sun, Direction::Last), None)]
        );
        assert_eq!(
            finds("يزور الخميس المقبل"),
            vec![("الخميس المقبل", wk(Thu, Direction::Next), None)]
        );
        assert_eq!(
            finds("يوم الاثنين"),
            vec![("الاثنين", wk(Mon, Direction::Unspecified), None)]
        );
        assert_eq!(
            finds("وصل الأحد في زيارة"),
            vec![("الأحد", wk(Sun, Direction::Unspecified), None)]
        );
    }

    #[test]
    fn feminine_directions_and_tomorrow_after_day() {
        let wk = |weekday, direction| RelativeKind::Weekday { weekday, direction };
        assert_eq!(
            finds("الجمعة الماضية"),
            vec![("الجمعة الماضية", wk(Fri, Direction::Last), None)]
        );
        assert_eq!(
            finds("الأربعاء المقبلة"),
            vec![("الأربعاء المقبلة", wk(Wed, Direction::Next), None)]
        );
        assert_eq!(
            finds("يوم غد الجمعة"),
            vec![("غد الجمعة", Tomorrow, Some(Fri))]
        );
        assert_eq!(
            finds("ieri l'altro"),
            vec![("ieri l'altro", DayBeforeYesterday, None)]
        );
        assert_eq!(
            finds("oggi, lunedì 19 aprile"),
            vec![("oggi, lunedì", Today, Some(Mon))]
        );
    }

    #[test]
    fn italian_and_english() {
        let wk = |weekday, direction| RelativeKind::Weekday { weekday, direction };
        assert_eq!(
            finds("si è recata oggi in Libia"),
            vec![("oggi", Today, None)]
        );
        assert_eq!(
            finds("ieri e domani"),
            vec![("ieri", Yesterday, None), ("domani", Tomorrow, None)]
        );
        assert_eq!(
            finds("lunedì scorso"),
            vec![("lunedì scorso", wk(Mon, Direction::Last), None)]
        );
        assert_eq!(
            finds("domenica prossima"),
            vec![("domenica prossima", wk(Sun, Direction::Next), None)]
        );
        assert_eq!(
            finds("He met him on Monday and will return next Friday."),
            vec![
                ("Monday", wk(Mon, Direction::Unspecified), None),
                ("next Friday", wk(Fri, Direction::Next), None)
            ]
        );
        assert_eq!(
            finds("Last Wednesday, yesterday (Tuesday)"),
            vec![
                ("Last Wednesday", wk(Wed, Direction::Last), None),
                ("yesterday (Tuesday)", Yesterday, Some(Tue))
            ]
        );
        assert_eq!(finds("Today"), vec![("Today", Today, None)]);
    }

    #[test]
    fn resolves_against_the_article_date() {
        // 2021-04-18 was a Sunday.
        let sun = d(2021, 4, 18);
        let r = |text: &str, at| resolve(&find_relative_days(text)[0], at);
        assert_eq!(
            r("غداً الاثنين", sun),
            Resolved {
                date: d(2021, 4, 19),
                weekday_conflict: false
            }
        );
        assert_eq!(
            r("اليوم الأحد", sun),
            Resolved {
                date: sun,
                weekday_conflict: false
            }
        );
        // Stated weekday contradicts: keep the relative word's date, flag it.
        assert_eq!(
            r("اليوم الأربعاء", d(2020, 7, 16)),
            Resolved {
                date: d(2020, 7, 16),
                weekday_conflict: true
            }
        );
        assert_eq!(r("أمس", sun).date, d(2021, 4, 17));
        assert_eq!(r("أول أمس", sun).date, d(2021, 4, 16));
        assert_eq!(r("الأحد الماضي", sun).date, d(2021, 4, 11));
        assert_eq!(r("الخميس الماضي", sun).date, d(2021, 4, 15));
        assert_eq!(r("الأحد المقبل", sun).date, d(2021, 4, 25));
        assert_eq!(r("الخميس المقبل", sun).date, d(2021, 4, 22));
        assert_eq!(r("on Sunday", sun).date, sun);
        assert_eq!(r("on Monday", sun).date, d(2021, 4, 12));
        // Thursday 2021-04-22: this Monday is the 19th, this Sunday the 25th.
        assert_eq!(r("this Monday", d(2021, 4, 22)).date, d(2021, 4, 19));
        assert_eq!(r("this Sunday", d(2021, 4, 22)).date, d(2021, 4, 25));
        assert!(!r("on Monday", sun).weekday_conflict);
    }
}
