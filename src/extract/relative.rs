//! The one adapter between extraction and relative-day expressions ("اليوم", "أمس", "غداً
//! الاثنين", "الأحد الماضي", "oggi", "yesterday", "on Monday"). Works on the extractor's folded
//! tokens; resolution against the article date lives here too, so a future `text::relative`
//! can replace the reading part without touching the meeting rules.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A relative day found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelativeDay {
    /// Days from the article date: 0 today, -1 yesterday, 1 tomorrow; `None` when only a weekday
    /// is given.
    pub offset: Option<i64>,
    /// A stated weekday ("الخميس", "Wednesday").
    pub weekday: Option<Weekday>,
    /// Direction for a bare weekday: -1 past (الماضي, last, scorso, or a held meeting), +1 next.
    pub direction: i8,
    /// Index range of the tokens that expressed it (in the sentence's token list).
    pub tokens: std::ops::Range<usize>,
}

fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w {
        "الاحد" | "sunday" | "domenica" => Weekday::Sun,
        "الاثنين" | "monday" | "lunedi" => Weekday::Mon,
        "الثلاثاء" | "tuesday" | "martedi" => Weekday::Tue,
        "الاربعاء" | "wednesday" | "mercoledi" => Weekday::Wed,
        "الخميس" | "thursday" | "giovedi" => Weekday::Thu,
        "الجمعه" | "friday" | "venerdi" => Weekday::Fri,
        "السبت" | "saturday" | "sabato" => Weekday::Sat,
        _ => return None,
    })
}

fn strip_clitic(w: &str) -> &str {
    for p in ["و", "ف"] {
        if let Some(r) = w.strip_prefix(p)
            && r.chars().count() >= 3
        {
            return r;
        }
    }
    w
}

/// Finds the first relative-day expression among folded `tokens` of one sentence.
pub fn find(tokens: &[&str]) -> Option<RelativeDay> {
    let n = tokens.len();
    for i in 0..n {
        let w = strip_clitic(tokens[i]);
        let offset = match w {
            "اليوم" | "today" | "oggi" | "odierna" => Some(0),
            "امس" | "البارحه" | "yesterday" | "ieri" => Some(-1),
            "غدا" | "tomorrow" | "domani" => Some(1),
            _ => None,
        };
        let next = tokens.get(i + 1).map(|t| strip_clitic(t));
        if let Some(off) = offset {
            // "أول أمس" = the day before yesterday.
            let off = if off == -1 && i > 0 && tokens[i - 1] == "اول" {
                -2
            } else {
                off
            };
            let wd = next.and_then(weekday_of);
            let end = if wd.is_some() { i + 2 } else { i + 1 };
            return Some(RelativeDay {
                offset: Some(off),
                weekday: wd,
                direction: 0,
                tokens: i..end,
            });
        }
        if let Some(wd) = weekday_of(w) {
            let prev = if i > 0 { tokens[i - 1] } else { "" };
            let is_ar = w.chars().next().is_some_and(|c| c > '\u{600}');
            let after = next.unwrap_or("");
            let direction: i8 = match after {
                "الماضي" | "الفائت" | "scorso" | "scorsa" => -1,
                "المقبل" | "القادم" | "prossimo" | "prossima" => 1,
                _ => match prev {
                    "last" | "scorso" => -1,
                    "next" | "prossimo" => 1,
                    _ => 0,
                },
            };
            // "الاثنين" is also "the two" ("المسؤولين الاثنين").
            if is_ar
                && wd == Weekday::Mon
                && direction == 0
                && !matches!(prev, "صباح" | "مساء" | "يوم" | "ظهر" | "ليل")
            {
                continue;
            }
            let end = if direction != 0
                && matches!(
                    after,
                    "الماضي"
                        | "الفائت"
                        | "scorso"
                        | "scorsa"
                        | "المقبل"
                        | "القادم"
                        | "prossimo"
                        | "prossima"
                ) {
                i + 2
            } else {
                i + 1
            };
            return Some(RelativeDay {
                offset: None,
                weekday: Some(wd),
                direction,
                tokens: i..end,
            });
        }
    }
    None
}

/// Resolves `rel` against the article date. `announced` chooses the direction of a bare weekday
/// (next one for an announced meeting, the last one otherwise). Returns the date and whether the
/// stated weekday disagrees with it.
pub fn resolve(rel: &RelativeDay, article: NaiveDate, announced: bool) -> (NaiveDate, bool) {
    match (rel.offset, rel.weekday) {
        (Some(off), wd) => {
            let d = article + Duration::days(off);
            (d, wd.is_some_and(|w| w != d.weekday()))
        }
        (None, Some(wd)) => {
            let dir = if rel.direction != 0 {
                rel.direction
            } else if announced {
                1
            } else {
                -1
            };
            let mut d = article;
            // A bare weekday in a report is the last such day, the article's day included.
            if dir < 0 {
                let strict = rel.direction < 0;
                if strict {
                    d -= Duration::days(1);
                }
                while d.weekday() != wd {
                    d -= Duration::days(1);
                }
            } else {
                if rel.direction > 0 {
                    d += Duration::days(1);
                }
                while d.weekday() != wd {
                    d += Duration::days(1);
                }
            }
            (d, false)
        }
        (None, None) => (article, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn today_with_wrong_weekday_is_flagged() {
        let r = find(&["يعتزمان", "زياره", "طرابلس", "اليوم", "الاربعاء"]).unwrap();
        assert_eq!(r.offset, Some(0));
        assert_eq!(r.weekday, Some(Weekday::Wed));
        // 16 July 2020 was a Thursday.
        assert_eq!(resolve(&r, d("2020-07-16"), true), (d("2020-07-16"), true));
    }

    #[test]
    fn bare_weekday_is_the_last_one_on_or_before_the_article_date() {
        let r = find(&["مساء", "الثلاثاء", "فايز"]).unwrap();
        assert_eq!(
            resolve(&r, d("2019-05-07"), false),
            (d("2019-05-07"), false)
        );
        let r = find(&["on", "friday"]).unwrap();
        assert_eq!(
            resolve(&r, d("2022-09-05"), false),
            (d("2022-09-02"), false)
        );
        let r = find(&["الاحد", "الماضي"]).unwrap();
        assert_eq!(
            resolve(&r, d("2021-04-04"), false),
            (d("2021-03-28"), false)
        );
    }

    #[test]
    fn tomorrow_and_yesterday() {
        let r = find(&["تزور", "غدا", "الاثنين"]).unwrap();
        assert_eq!(resolve(&r, d("2021-04-18"), true), (d("2021-04-19"), false));
        let r = find(&["وامس"]).unwrap();
        assert_eq!(
            resolve(&r, d("2021-04-18"), false),
            (d("2021-04-17"), false)
        );
    }
}
