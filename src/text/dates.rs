//! Dates as they appear in Arabic, English and Italian news text.
//!
//! The text is first passed through [`normalize`](crate::text::normalize::normalize()) (so hamza/alef variants,
//! ة/ه, Arabic-Indic and Persian digits, tatweel and invisible bidi marks such as LRO/PDF/RLM no
//! longer matter), then cut into number, word and punctuation tokens, and date patterns are
//! matched on the tokens. Spans are mapped back to byte ranges of the text the caller gave.
//!
//! Recognised forms (day-month-year unless said otherwise):
//! - month names: Gregorian Arabic (يناير … ديسمبر with spelling variants such as ابريل/إبريل,
//!   يونية, يولية), Levantine (كانون الثاني … كانون الأول, also «كانون 2», «تشرين 1»), Maghrebi
//!   (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت) and Moroccan (يوليوز، غشت، شتنبر، نونبر، دجنبر),
//!   Libyan Jamahiriya-era names (أي النار … الكانون; only in a full day-month-year pattern, since
//!   several are ordinary words), Hijri months (converted with the Umm al-Qura calendar), English
//!   (full names; abbreviations, "May" and "March" only capitalised), Italian and French;
//! - paired names «يونيو/حزيران», «حزيران (يونيو)»; trailing «م» / «هـ» markers;
//! - US order «فبراير 28, 2025», "July 22, 2025", "Aug. 4"; English ordinals "22nd";
//! - month and year only ("April 2021", «أبريل 2021») → [`DatePrecision::Month`];
//! - numeric `2021-04-19`, `2021/04/19`, `19/04/2021`, `04.04.2021` (day first, month first only
//!   when day first is impossible), and `20210419` in file names ([`date_from_file_name`]).
//!
//! A day and month without a year ("Aug. 4", «lunedì 19 aprile») is only dated when the caller
//! gives a reference date: the year is the one that puts the date nearest to the reference.
//! Impossible dates (31 February) and bare numbers are rejected.

use crate::model::{ArticleDate, DatePrecision, DateSource};
use crate::text::normalize::{Normalized, fold, normalize};
use crate::text::relative;
use chrono::{Datelike, NaiveDate};
use icu_calendar::{Date as IcuDate, Iso, cal::Hijri};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// A date found in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// The date; for `Month`/`Year` precision the missing parts are 1.
    pub date: NaiveDate,
    /// `Day` for a full date, `Month` for "April 2021".
    pub precision: DatePrecision,
    /// Byte range of the date expression in the text it was found in.
    pub span: Range<usize>,
}

/// Parses one date expression (a whole cell of `shared/cases/dates.tsv`). `reference` supplies the
/// year when the text has none ("Aug. 4"). Returns `None` when no date is recognised.
///
/// The first date of the text wins; text around it (a dateline's city, "GMT") is ignored.
pub fn parse_date(text: &str, reference: Option<NaiveDate>) -> Option<(NaiveDate, DatePrecision)> {
    find_dates(text, reference)
        .into_iter()
        .next()
        .map(|f| (f.date, f.precision))
}

/// Every explicit date in `text`, in order of appearance, without overlaps.
///
/// `reference` (usually the publication date) dates day-month expressions that have no year; without
/// it they are skipped.
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<FoundDate> {
    let norm = normalize(text);
    let toks = tokenize(text, &norm);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some(m) = match_at(&norm.text, &toks, i, reference) {
            if let Some(date) = m.date {
                let span = norm.original_range_tight(text, toks[i].start..toks[m.end - 1].end);
                out.push(FoundDate {
                    date,
                    precision: m.precision,
                    span,
                });
            }
            i = m.end;
        } else {
            i += 1;
        }
    }
    out
}

/// A date in a file name: `2021-04-19`, `2021_04_19`, `2021.04.19`, `20210419`, `19-04-2021`, or
/// a written date with `-`/`_` for spaces (`19-aprile-2021`). Digits that are part of a longer
/// digit run or of a hexadecimal hash (`3dc5a4347485e1da`) are ignored. Returns the date and its
/// byte span in `file_name`.
pub fn date_from_file_name(file_name: &str) -> Option<FoundDate> {
    // Only the last path component, without its extension.
    let base_start = file_name.rfind(['/', '\\']).map_or(0, |p| p + 1);
    let base = &file_name[base_start..];
    let stem = match base.rfind('.') {
        Some(p) if p > 0 => &base[..p],
        _ => base,
    };
    let bytes = stem.as_bytes();
    // Segments separated by non-alphanumerics: a hash-like segment is skipped.
    let is_hashy = |s: usize, e: usize| {
        let (mut a, mut b) = (s, e);
        while a > 0 && bytes[a - 1].is_ascii_alphanumeric() {
            a -= 1;
        }
        while b < bytes.len() && bytes[b].is_ascii_alphanumeric() {
            b += 1;
        }
        let seg = &stem[a..b];
        seg.len() >= 12
            && seg.bytes().all(|c| c.is_ascii_hexdigit())
            && seg.bytes().any(|c| c.is_ascii_alphabetic())
    };
    // Digit runs.
    let mut runs = Vec::new();
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k].is_ascii_digit() {
            let s = k;
            while k < bytes.len() && bytes[k].is_ascii_digit() {
                k += 1;
            }
            runs.push(s..k);
        } else {
            k += 1;
        }
    }
    let num = |r: &Range<usize>| stem[r.clone()].parse::<u32>().ok();
    let sep_between = |a: &Range<usize>, b: &Range<usize>| -> Option<u8> {
        (b.start == a.end + 1 && matches!(bytes[a.end], b'-' | b'_' | b'.')).then(|| bytes[a.end])
    };
    for (idx, r) in runs.iter().enumerate() {
        if is_hashy(r.start, r.end) {
            continue;
        }
        let len = r.len();
        // YYYY-MM-DD
        if len == 4
            && let (Some(r2), Some(r3)) = (runs.get(idx + 1), runs.get(idx + 2))
            && let (Some(s1), Some(s2)) = (sep_between(r, r2), sep_between(r2, r3))
            && s1 == s2
            && (1..=2).contains(&r2.len())
            && (1..=2).contains(&r3.len())
            && let Some(d) = ymd(num(r)?, num(r2)?, num(r3)?)
        {
            return Some(found(
                d,
                DatePrecision::Day,
                base_start + r.start..base_start + r3.end,
            ));
        }
        // DD-MM-YYYY
        if (1..=2).contains(&len)
            && let (Some(r2), Some(r3)) = (runs.get(idx + 1), runs.get(idx + 2))
            && let (Some(s1), Some(s2)) = (sep_between(r, r2), sep_between(r2, r3))
            && s1 == s2
            && (1..=2).contains(&r2.len())
            && r3.len() == 4
            && let Some(d) = ymd(num(r3)?, num(r2)?, num(r)?)
        {
            return Some(found(
                d,
                DatePrecision::Day,
                base_start + r.start..base_start + r3.end,
            ));
        }
        // YYYYMMDD
        if len == 8 {
            let v = num(r)?;
            if let Some(d) = ymd(v / 10000, v / 100 % 100, v % 100) {
                return Some(found(
                    d,
                    DatePrecision::Day,
                    base_start + r.start..base_start + r.end,
                ));
            }
        }
    }
    // Written dates: separators read as spaces (same byte length, so spans carry over).
    let spaced: String = stem
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect();
    find_dates(&spaced, None)
        .into_iter()
        .find(|f| f.precision == DatePrecision::Day)
        .map(|f| FoundDate {
            span: base_start + f.span.start..base_start + f.span.end,
            ..f
        })
}

fn found(date: NaiveDate, precision: DatePrecision, span: Range<usize>) -> FoundDate {
    FoundDate {
        date,
        precision,
        span,
    }
}

/// How many characters of the body count as its lead when no paragraph break comes first.
const LEAD_CHARS: usize = 300;

/// The article date by the import's order of preference: dateline / explicit date in the headline
/// or lead ([`DateSource::Dateline`]), then a date in the file name ([`DateSource::FileName`]),
/// then a publication timestamp alone on one of the body's last lines, as agencies append it
/// ("5th August 2021, 12:18 GMT+10", [`DateSource::Body`]). (Front matter is handled by
/// `import`, which knows the fields.) `Err` carries a human sentence saying why the article is
/// undated, naming relative days («اليوم»), yearless dates ("Aug. 4") or later body dates it saw.
///
/// The lead is the body's first paragraph (line), or its first 300 characters when that paragraph
/// is shorter (a dateline often stands on its own short line), at most 600 characters. Dates later in the body are not taken:
/// they are usually other events. Within the headline and lead, a day-precise date wins over a
/// month-only one, and a date that starts a line or follows a publication marker («تاريخ النشر»,
/// "Published", a dateline dash) wins over one inside a sentence.
pub fn article_date(
    headline: &str,
    body: &str,
    file_name: Option<&str>,
) -> Result<ArticleDate, String> {
    let lead = lead_of(body);
    let mut candidates: Vec<(u8, FoundDate)> = Vec::new();
    // A month-only date counts in the headline or as a dateline, not inside a lead sentence
    // ("the agreement of April 2017").
    for f in find_dates(headline, None) {
        candidates.push((score(headline, &f), f));
    }
    for f in find_dates(lead, None) {
        let s = score(lead, &f);
        if f.precision == DatePrecision::Day || s >= 6 {
            candidates.push((s, f));
        }
    }
    // Highest score, then first in reading order (stable sort keeps order).
    candidates.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    if let Some((_, f)) = candidates.first() {
        return Ok(ArticleDate {
            date: f.date,
            precision: f.precision,
            source: DateSource::Dateline,
        });
    }
    if let Some(f) = file_name.and_then(date_from_file_name) {
        return Ok(ArticleDate {
            date: f.date,
            precision: f.precision,
            source: DateSource::FileName,
        });
    }
    if let Some(f) = trailer_date(body) {
        return Ok(ArticleDate {
            date: f.date,
            precision: f.precision,
            source: DateSource::Body,
        });
    }
    let mut reason = String::from("no date in the headline, the lead or the file name");
    // A day-month without a year ("Aug. 4", «lo scorso 19 aprile»).
    let yearless = yearless_in(headline).or_else(|| yearless_in(body));
    if let Some(s) = &yearless {
        reason.push_str(&format!("; «{s}» has no year"));
    }
    let rel = relative::find_relative_days(headline)
        .into_iter()
        .map(|r| headline[r.span].to_string())
        .chain(
            relative::find_relative_days(body)
                .into_iter()
                .map(|r| body[r.span].to_string()),
        )
        .next();
    let later: Vec<FoundDate> = find_dates(body, None)
        .into_iter()
        .filter(|f| f.span.start >= lead.len())
        .collect();
    match (&rel, later.first()) {
        (Some(word), None) => {
            reason.push_str(&format!("; the body only has relative days like «{word}»"));
        }
        (Some(word), Some(_)) => {
            reason.push_str(&format!("; the body has relative days like «{word}»"));
        }
        (None, None) if yearless.is_none() => {
            reason.push_str("; the text has no date or relative day at all");
        }
        _ => {}
    }
    if let Some(f) = later.first() {
        reason.push_str(&format!(
            "; «{}» later in the body is likely another event, not the publication date",
            &body[f.span.clone()]
        ));
    }
    Err(reason)
}

/// A publication timestamp standing on its own line among the body's last three non-empty lines
/// ("Xinhua\n5th August 2021, 12:18 GMT+10"): the line holds the date and nothing but a time,
/// a time zone or a publication marker.
fn trailer_date(body: &str) -> Option<FoundDate> {
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        if !line.trim().is_empty() {
            lines.push((pos, line));
        }
        pos += line.len();
    }
    for &(start, line) in lines.iter().rev().take(3) {
        let found = find_dates(line, None);
        let [f] = found.as_slice() else { continue };
        if f.precision != DatePrecision::Day {
            continue;
        }
        let rest = fold(&format!(
            "{} {}",
            &line[..f.span.start],
            &line[f.span.end..]
        ));
        let only_time = rest.split(|c: char| !c.is_alphanumeric()).all(|w| {
            w.is_empty()
                || w.bytes().all(|b| b.is_ascii_digit())
                || matches!(
                    w,
                    "gmt"
                        | "utc"
                        | "cet"
                        | "cest"
                        | "am"
                        | "pm"
                        | "ص"
                        | "م"
                        | "published"
                        | "updated"
                        | "posted"
                        | "on"
                        | "at"
                        | "pubblicato"
                        | "aggiornato"
                        | "il"
                        | "alle"
                        | "نشر"
                        | "في"
                        | "تاريخ"
                        | "النشر"
                        | "اخر"
                        | "تحديث"
                        | "الساعه"
                )
        });
        if only_time {
            return Some(FoundDate {
                span: start + f.span.start..start + f.span.end,
                ..f.clone()
            });
        }
    }
    None
}

/// The body's lead: its first paragraph (plain-text articles put one paragraph per line) or its
/// first [`LEAD_CHARS`] characters, whichever is longer, but never more than twice
/// [`LEAD_CHARS`] (a whole article on one line is no lead).
fn lead_of(body: &str) -> &str {
    let body_trim_start = body.len() - body.trim_start().len();
    let rest = &body[body_trim_start..];
    let para_end = rest.find('\n').unwrap_or(rest.len());
    let chars_end = rest
        .char_indices()
        .nth(LEAD_CHARS)
        .map_or(rest.len(), |(p, _)| p);
    let cap = rest
        .char_indices()
        .nth(LEAD_CHARS * 2)
        .map_or(rest.len(), |(p, _)| p);
    let end = para_end.max(chars_end).min(cap);
    &body[..body_trim_start + end]
}

/// Strength of a headline/lead date as a publication date: 3 when it stands at the start of a
/// line or after a publication marker, 2 inside text; +1 for day precision.
fn score(text: &str, f: &FoundDate) -> u8 {
    let before = &text[..f.span.start];
    let line_before = before.rsplit('\n').next().unwrap_or("");
    let folded = fold(line_before);
    let trimmed = folded.trim();
    let markers = [
        "تاريخ النشر",
        "نشر في",
        "نشر بتاريخ",
        "اخر تحديث",
        "محدث",
        "published",
        "updated",
        "posted",
        "pubblicato",
        "aggiornato",
    ];
    let at_line_start = trimmed.is_empty()
        || markers.iter().any(|m| trimmed.contains(&fold(m)))
        || trimmed.ends_with(['–', '—', '-', ':', '|'])
        || trimmed.chars().count() <= 20;
    let base = if at_line_start { 3 } else { 2 };
    base * 2 + u8::from(f.precision == DatePrecision::Day)
}

/// The first day-month expression without a year in `text`, as written there.
fn yearless_in(text: &str) -> Option<String> {
    // Dated against an arbitrary reference, a yearless date shows up; explicit ones do not.
    let with_ref = find_dates(text, NaiveDate::from_ymd_opt(2000, 6, 15));
    let without: Vec<Range<usize>> = find_dates(text, None).into_iter().map(|f| f.span).collect();
    with_ref
        .into_iter()
        .find(|f| !without.contains(&f.span))
        .map(|f| text[f.span].to_string())
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// ASCII digits (after normalisation): value (saturating) and digit count.
    Num(u64, usize),
    Word,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    /// Byte range in the normalised text.
    start: usize,
    end: usize,
    /// The first original character is an upper-case Latin letter.
    capital: bool,
}

fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}')
}

fn tokenize(original: &str, norm: &Normalized) -> Vec<Tok> {
    let t = &norm.text;
    let orig_char = |p: usize| original[norm.orig[p]..].chars().next().unwrap_or(' ');
    let mut toks = Vec::new();
    let mut it = t.char_indices().peekable();
    while let Some((s, c)) = it.next() {
        if c.is_ascii_digit() {
            let mut e = s + 1;
            let mut v: u64 = u64::from(c as u8 - b'0');
            while let Some(&(p, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                v = v
                    .saturating_mul(10)
                    .saturating_add(u64::from(d as u8 - b'0'));
                e = p + 1;
                it.next();
            }
            toks.push(Tok {
                kind: Kind::Num(v, e - s),
                start: s,
                end: e,
                capital: false,
            });
        } else if c.is_alphabetic() {
            let arabic = is_arabic(c);
            let mut e = s + c.len_utf8();
            let mut prev_lower = orig_char(s).is_lowercase();
            while let Some(&(p, d)) = it.peek() {
                if !d.is_alphabetic() || is_arabic(d) != arabic {
                    break;
                }
                // camelCase boundary in the original ("readApr" → "read" "Apr").
                let oc = orig_char(p);
                if !arabic && prev_lower && oc.is_uppercase() {
                    break;
                }
                prev_lower = oc.is_lowercase();
                e = p + d.len_utf8();
                it.next();
            }
            toks.push(Tok {
                kind: Kind::Word,
                start: s,
                end: e,
                capital: orig_char(s).is_uppercase(),
            });
        } else if !c.is_whitespace() {
            toks.push(Tok {
                kind: Kind::Punct(c),
                start: s,
                end: s + c.len_utf8(),
                capital: false,
            });
        }
    }
    toks
}

// ---------------------------------------------------------------------------------------------
// Month names

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cal {
    Gregorian,
    Hijri,
}

/// What must surround a month name for it to count as a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Need {
    /// Day and month alone are enough (with a reference year).
    Nothing,
    /// A year must follow (day optional): French "mars", "mai".
    Year,
    /// Day, month and year: Libyan names that are ordinary words (الربيع، الماء، الصيف), Hijri.
    DayAndYear,
}

#[derive(Debug, Clone, Copy)]
struct MonthInfo {
    month: u32,
    cal: Cal,
    need: Need,
    /// Latin name that must be capitalised in the original (English).
    capital: bool,
    /// An abbreviation that may be followed by a dot.
    abbrev: bool,
}

/// Single-word month names, keyed by their normalised form.
static MONTHS: LazyLock<HashMap<String, MonthInfo>> = LazyLock::new(|| {
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
    let it = [
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
    for (i, n) in it.iter().enumerate() {
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

const EN_WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

struct MonthMatch {
    info: MonthInfo,
    /// Token index after the month name (and its paired name, if any).
    end: usize,
}

fn word<'a>(t: &'a str, toks: &[Tok], i: usize) -> Option<&'a str> {
    toks.get(i)
        .filter(|k| k.kind == Kind::Word)
        .map(|k| &t[k.start..k.end])
}

fn punct(toks: &[Tok], i: usize) -> Option<char> {
    match toks.get(i)?.kind {
        Kind::Punct(c) => Some(c),
        _ => None,
    }
}

fn num(toks: &[Tok], i: usize) -> Option<(u64, usize)> {
    match toks.get(i)?.kind {
        Kind::Num(v, n) => Some((v, n)),
        _ => None,
    }
}

/// A month name (one word or a compound) starting at token `i`, without a paired name.
fn match_month_single(t: &str, toks: &[Tok], i: usize) -> Option<MonthMatch> {
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
fn match_month(t: &str, toks: &[Tok], i: usize) -> Option<MonthMatch> {
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

// ---------------------------------------------------------------------------------------------
// Patterns

struct Match {
    /// `None` for a well-formed but impossible date, which is skipped.
    date: Option<NaiveDate>,
    precision: DatePrecision,
    /// Token index after the match.
    end: usize,
}

fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// Converts an Umm al-Qura Hijri date to the Gregorian calendar.
fn hijri_to_gregorian(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1300..=1600).contains(&y) {
        return None;
    }
    let h = IcuDate::try_new_hijri_with_calendar(
        y as i32,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
        Hijri::new_umm_al_qura(),
    )
    .ok()?;
    // Reject days past the end of the Hijri month (try_new may clamp or accept 30 in 29-day months).
    if u32::from(h.day_of_month().0) != d || u32::from(h.month().ordinal) != m {
        return None;
    }
    let iso = h.to_calendar(Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// The year that puts `month`/`day` nearest to `reference`.
fn nearest_year(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let y = reference.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|yy| NaiveDate::from_ymd_opt(yy, month, day))
        .min_by_key(|d| (*d - reference).num_days().abs())
}

/// A day number at `i` (1–31, one or two digits) with an optional ordinal suffix; returns
/// (day, index after).
fn day_at(t: &str, toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let (v, n) = num(toks, i)?;
    if n > 2 || !(1..=31).contains(&v) {
        return None;
    }
    let mut end = i + 1;
    if let Some(w) = word(t, toks, end)
        && toks[end].start == toks[i].end
        && matches!(w, "st" | "nd" | "rd" | "th" | "er")
    {
        end += 1;
    } else if matches!(punct(toks, end), Some('º' | '°')) && toks[end].start == toks[i].end {
        end += 1;
    }
    Some((v as u32, end))
}

/// After a day number ending at `j`: the end of a day range's second day ("19-20 April",
/// «15 و16 مارس», «من 15 إلى 17 مارس», "19 to 21 May"), else `j`. The range's first day is the
/// date reported (when the meeting started).
fn range_end(t: &str, toks: &[Tok], j: usize) -> usize {
    let joined = matches!(punct(toks, j), Some('-' | '–' | '—' | '/'))
        || matches!(
            word(t, toks, j),
            Some("و" | "الي" | "حتي" | "to" | "and" | "e" | "al" | "through")
        );
    if joined
        && num(toks, j + 1).is_some()
        && let Some((_, end)) = day_at(t, toks, j + 1)
        && num(toks, end).is_none()
    {
        // "19/20" followed by a month is a range; "19/04/2021" never reaches here (numeric).
        return end;
    }
    j
}

/// A four-digit year at `i` with an optional era marker after it; returns (year, index after).
fn year_at(t: &str, toks: &[Tok], i: usize, cal: Cal) -> Option<(u32, usize)> {
    let (v, n) = num(toks, i)?;
    if n != 4 {
        return None;
    }
    // A year followed by more digit groups ("2021-04") is not a plain year.
    if matches!(punct(toks, i + 1), Some('/' | '.' | '-'))
        && toks[i + 1].start == toks[i].end
        && num(toks, i + 2).is_some()
        && toks[i + 2].start == toks[i + 1].end
    {
        return None;
    }
    let mut end = i + 1;
    if let Some(w) = word(t, toks, end) {
        let marker = match cal {
            Cal::Gregorian => matches!(w, "م" | "ميلادي" | "ميلاديه" | "للميلاد"),
            Cal::Hijri => matches!(w, "ه" | "هجري" | "هجريه" | "للهجره"),
        };
        if marker {
            end += 1;
        }
    }
    Some((v as u32, end))
}

fn make(cal: Cal, y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    match cal {
        Cal::Gregorian => ymd(y, m, d),
        Cal::Hijri => hijri_to_gregorian(y, m, d),
    }
}

/// Words allowed between a month and its year: «عام 2021», «سنة 2021», "of 2021".
fn year_filler(t: &str, toks: &[Tok], i: usize) -> usize {
    if matches!(punct(toks, i), Some(',' | '،')) {
        return i + 1;
    }
    match word(t, toks, i) {
        Some("عام" | "سنه" | "لعام" | "لسنه" | "من") => i + 1,
        _ => i,
    }
}

fn match_at(t: &str, toks: &[Tok], i: usize, reference: Option<NaiveDate>) -> Option<Match> {
    if num(toks, i).is_some() {
        if let Some(m) = numeric_at(t, toks, i) {
            return Some(m);
        }
        return day_month_year_at(t, toks, i, reference);
    }
    if word(t, toks, i).is_some()
        && let Some(m) = day_month_year_at(t, toks, i, reference)
    {
        return Some(m);
    }
    month_first_at(t, toks, i, reference)
}

/// An Arabic ordinal day written in words and followed by «من»: «السادس من أكتوبر»,
/// «الحادي والعشرين من»، «الفاتح من سبتمبر». Returns (day, index after «من», is «الفاتح»).
fn arabic_ordinal_day_at(t: &str, toks: &[Tok], i: usize) -> Option<(u32, usize, bool)> {
    const UNITS: [&str; 9] = [
        "الاول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
    ];
    let unit = |w: &str| -> Option<u32> {
        match w {
            "الفاتح" | "الحادي" => Some(1),
            _ => UNITS.iter().position(|u| *u == w).map(|p| p as u32 + 1),
        }
    };
    let w = word(t, toks, i)?;
    let next = word(t, toks, i + 1);
    let (day, end) = match (w, next) {
        ("العاشر", _) => (10, i + 1),
        ("العشرين" | "العشرون", _) => (20, i + 1),
        ("الثلاثين" | "الثلاثون", _) => (30, i + 1),
        (u, Some("عشر")) => (unit(u)? + 10, i + 2),
        (u, Some("والعشرين" | "والعشرون")) => (unit(u)? + 20, i + 2),
        (u, Some("والثلاثين" | "والثلاثون")) if unit(u)? == 1 => (31, i + 2),
        (u, _) => (unit(u)?, i + 1),
    };
    // «الحادي» alone is no day.
    if w == "الحادي" && end == i + 1 {
        return None;
    }
    (word(t, toks, end) == Some("من")).then_some((day, end + 1, w == "الفاتح"))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD`, `DD/MM/YYYY`, `DD.MM.YYYY`, `DD-MM-YYYY` (written without spaces,
/// one separator kind, not part of a longer run of numbers).
fn numeric_at(t: &str, toks: &[Tok], i: usize) -> Option<Match> {
    let adjacent = |a: usize, b: usize| toks[a].end == toks[b].start;
    let (a, an) = num(toks, i)?;
    let s1 = punct(toks, i + 1)?;
    if !matches!(s1, '-' | '/' | '.' | '_') || punct(toks, i + 3)? != s1 {
        return None;
    }
    let (b, bn) = num(toks, i + 2)?;
    let (c, cn) = num(toks, i + 4)?;
    if !(adjacent(i, i + 1)
        && adjacent(i + 1, i + 2)
        && adjacent(i + 2, i + 3)
        && adjacent(i + 3, i + 4))
    {
        return None;
    }
    // Not part of a longer run like 1.2.3.4.5 or an IP address.
    if i >= 2
        && num(toks, i - 2).is_some()
        && matches!(punct(toks, i - 1), Some('-' | '/' | '.' | '_' | ':'))
        && adjacent(i - 1, i)
        && adjacent(i - 2, i - 1)
    {
        return None;
    }
    if matches!(punct(toks, i + 5), Some('-' | '/' | '.' | '_' | ':'))
        && num(toks, i + 6).is_some()
        && adjacent(i + 4, i + 5)
        && adjacent(i + 5, i + 6)
    {
        return None;
    }
    let (a, b, c) = (a as u32, b as u32, c as u32);
    let date = if an == 4 && (1..=2).contains(&bn) && (1..=2).contains(&cn) {
        ymd(a, b, c)
    } else if (1..=2).contains(&an) && (1..=2).contains(&bn) && cn == 4 {
        ymd(c, b, a).or_else(|| ymd(c, a, b))
    } else {
        None
    }?;
    // «٢٠٢١/٤/١٩م»: the Gregorian marker belongs to the date.
    let end = if word(t, toks, i + 5) == Some("م") && adjacent(i + 4, i + 5) {
        i + 6
    } else {
        i + 5
    };
    Some(Match {
        date: Some(date),
        precision: DatePrecision::Day,
        end,
    })
}

/// Day, month name, year: «13 يونيو/حزيران 2011», "22nd, July 2025", «10 شعبان 1447 هـ».
fn day_month_year_at(
    t: &str,
    toks: &[Tok],
    i: usize,
    reference: Option<NaiveDate>,
) -> Option<Match> {
    let (day, mut j, fatih) = match day_at(t, toks, i) {
        Some((day, j)) => (day, range_end(t, toks, j), false),
        None => arabic_ordinal_day_at(t, toks, i)?,
    };
    // Fillers between day and month: "22nd, July", «9 من سبتمبر», "22nd of July".
    if matches!(punct(toks, j), Some(',' | '،')) {
        j += 1;
    }
    if matches!(word(t, toks, j), Some("من" | "of" | "de" | "di")) {
        j += 1;
    }
    let mm = match_month(t, toks, j)?;
    // «الفاتح من سبتمبر» without a year is the 1969 revolution, not a date in the article's year.
    if fatih && year_at(t, toks, year_filler(t, toks, mm.end), mm.info.cal).is_none() {
        return None;
    }
    let k = year_filler(t, toks, mm.end);
    if let Some((y, end)) = year_at(t, toks, k, mm.info.cal) {
        // An impossible date (31 February) is consumed whole and yields nothing, so that its
        // month and year are not read again as "February 2021".
        return Some(Match {
            date: make(mm.info.cal, y, mm.info.month, day),
            precision: DatePrecision::Day,
            end,
        });
    }
    if mm.info.need == Need::Nothing && mm.info.cal == Cal::Gregorian {
        let date = nearest_year(mm.info.month, day, reference?)?;
        return Some(Match {
            date: Some(date),
            precision: DatePrecision::Day,
            end: mm.end,
        });
    }
    None
}

/// Month first: "July 22, 2025", «فبراير 28, 2025», "April 2021", "Aug. 4" (with a reference).
fn month_first_at(t: &str, toks: &[Tok], i: usize, reference: Option<NaiveDate>) -> Option<Match> {
    // A month right after a number that was no valid day ("45 يونيو 2021") is no date either.
    if i > 0 && num(toks, i - 1).is_some_and(|(_, n)| n <= 2) {
        return None;
    }
    let mm = match_month(t, toks, i)?;
    if mm.info.cal != Cal::Gregorian || mm.info.need == Need::DayAndYear {
        return None;
    }
    // "Theresa May 12 times": "May" after a capitalised name is a surname.
    if &t[toks[i].start..toks[i].end] == "may"
        && i > 0
        && toks[i - 1].capital
        && word(t, toks, i - 1).is_some_and(|w| !EN_WEEKDAYS.contains(&w))
    {
        return None;
    }
    if let Some((day, j)) = day_at(t, toks, mm.end) {
        let j = range_end(t, toks, j);
        let k = if matches!(punct(toks, j), Some(',' | '،')) {
            j + 1
        } else {
            j
        };
        if let Some((y, end)) = year_at(t, toks, k, Cal::Gregorian) {
            return Some(Match {
                date: ymd(y, mm.info.month, day),
                precision: DatePrecision::Day,
                end,
            });
        }
        // "Aug. 4" followed by something that is not a year (Latin-script months only: Arabic
        // text writes the day first, and «آب 4» is more likely "father" and a number).
        let latin = t[toks[i].start..toks[i].end].is_ascii();
        if mm.info.need == Need::Nothing
            && latin
            && num(toks, j).is_none()
            && let Some(r) = reference
        {
            let date = nearest_year(mm.info.month, day, r)?;
            return Some(Match {
                date: Some(date),
                precision: DatePrecision::Day,
                end: j,
            });
        }
        return None;
    }
    let k = year_filler(t, toks, mm.end);
    let (y, end) = year_at(t, toks, k, Cal::Gregorian)?;
    let date = ymd(y, mm.info.month, 1)?;
    Some(Match {
        date: Some(date),
        precision: DatePrecision::Month,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn day(text: &str) -> Option<NaiveDate> {
        match parse_date(text, None) {
            Some((date, DatePrecision::Day)) => Some(date),
            _ => None,
        }
    }

    #[test]
    fn arabic_month_spellings() {
        assert_eq!(day("5 إبريل 2019"), Some(d(2019, 4, 5)));
        assert_eq!(day("5 ابريل 2019"), Some(d(2019, 4, 5)));
        assert_eq!(day("17 يونية 2020"), Some(d(2020, 6, 17)));
        assert_eq!(day("16 يولية 2020"), Some(d(2020, 7, 16)));
        assert_eq!(day("4 اغسطس 2021"), Some(d(2021, 8, 4)));
        assert_eq!(day("4 آب 2021"), Some(d(2021, 8, 4)));
        assert_eq!(day("1 تشرين الأول 2022"), Some(d(2022, 10, 1)));
        assert_eq!(day("1 تشرين 2 2022"), Some(d(2022, 11, 1)));
        assert_eq!(day("24 كانون الأول/ديسمبر 2021"), Some(d(2021, 12, 24)));
        assert_eq!(day("16 مارس/ آذار 2021"), Some(d(2021, 3, 16)));
        assert_eq!(day("13 حزيران (يونيو) 2011"), Some(d(2011, 6, 13)));
        assert_eq!(day("٣ شباط ٢٠٢٠"), Some(d(2020, 2, 3)));
        assert_eq!(day("۱۵ فيفري ۲۰۲۲"), Some(d(2022, 2, 15)));
        assert_eq!(day("2 جوان 2021"), Some(d(2021, 6, 2)));
        assert_eq!(day("12 أفريل 2021"), Some(d(2021, 4, 12)));
        assert_eq!(day("5 ماي 2021"), Some(d(2021, 5, 5)));
        assert_eq!(day("9 جانفي 2021"), Some(d(2021, 1, 9)));
        assert_eq!(day("7 الطير 2005"), Some(d(2005, 4, 7)));
        assert_eq!(day("15 أي النار 2010"), Some(d(2010, 1, 15)));
        assert_eq!(day("الأحد 9 من سبتمبر عام 2018 م"), Some(d(2018, 9, 9)));
        assert_eq!(day("السادس من أكتوبر 2021"), Some(d(2021, 10, 6)));
        assert_eq!(day("في الحادي عشر من مارس 2020"), Some(d(2020, 3, 11)));
        assert_eq!(day("الثاني والعشرين من يوليو 2025"), Some(d(2025, 7, 22)));
        assert_eq!(
            day("الحادي والثلاثين من ديسمبر 2020م"),
            Some(d(2020, 12, 31))
        );
        assert_eq!(day("الفاتح من سبتمبر 1969"), Some(d(1969, 9, 1)));
        let r = Some(d(2021, 6, 1));
        assert_eq!(
            parse_date("في العاشر من مارس الماضي", r),
            Some((d(2021, 3, 10), DatePrecision::Day))
        );
        // The revolution's name, not a date; a bare ordinal is no day.
        assert_eq!(parse_date("ثورة الفاتح من سبتمبر", r), None);
        assert_eq!(parse_date("الاجتماع الخامس في مارس", r), None);
        assert_eq!(day("٢٠٢١/٤/١٩م"), Some(d(2021, 4, 19)));
        // Day ranges: the first day, the whole range in the span.
        let text = "بين 15 و16 مارس 2021";
        let f = &find_dates(text, None)[0];
        assert_eq!(
            (f.date, &text[f.span.clone()]),
            (d(2021, 3, 15), "15 و16 مارس 2021")
        );
        assert_eq!(day("من 15 إلى 17 مارس 2021"), Some(d(2021, 3, 15)));
        assert_eq!(day("19-20 April 2021"), Some(d(2021, 4, 19)));
        assert_eq!(day("April 19-20, 2021"), Some(d(2021, 4, 19)));
        assert_eq!(day("19 e 20 aprile 2021"), Some(d(2021, 4, 19)));
        assert_eq!(day("19 and 45 April 2021"), None);
        assert_eq!(
            parse_date("20 آب", Some(d(2021, 9, 1))),
            Some((d(2021, 8, 20), DatePrecision::Day))
        );
        assert_eq!(parse_date("كان آب 4 في البيت", Some(d(2021, 9, 1))), None);
    }

    #[test]
    fn libyan_names_only_in_full_dates() {
        // Ordinary words: spring, water, summer, Nasser.
        assert_eq!(find_dates("فصل الربيع 2021 جميل", None), vec![]);
        assert_eq!(find_dates("شرب الماء 3 مرات", None), vec![]);
        assert_eq!(find_dates("ناصر 2020", None), vec![]);
        assert_eq!(find_dates("وصل 3 الصيف", d(2021, 1, 1).into()), vec![]);
        // «أب» (father) folds like «آب»: month first without a year is not read as a date.
        assert_eq!(
            find_dates("كان أب 3 في الغرفة", d(2021, 1, 1).into()),
            vec![]
        );
    }

    #[test]
    fn english_and_italian() {
        assert_eq!(day("July 22, 2025"), Some(d(2025, 7, 22)));
        assert_eq!(day("22 July 2025"), Some(d(2025, 7, 22)));
        assert_eq!(day("the 1st of Sept. 2019"), Some(d(2019, 9, 1)));
        assert_eq!(day("Jan. 3rd, 2020"), Some(d(2020, 1, 3)));
        assert_eq!(
            parse_date("April 2021", None),
            Some((d(2021, 4, 1), DatePrecision::Month))
        );
        assert_eq!(
            parse_date("lunedì 19 aprile", Some(d(2021, 4, 20))),
            Some((d(2021, 4, 19), DatePrecision::Day))
        );
        assert_eq!(parse_date("lunedì 19 aprile", None), None);
        assert_eq!(day("3 dicembre 2020"), Some(d(2020, 12, 3)));
        // "may" and "march" as words are no months.
        assert_eq!(find_dates("they may 2 times march 2021", None), vec![]);
        assert_eq!(day("libya-talks-july-22-2025"), None);
        assert_eq!(day("talks july 22, 2025"), Some(d(2025, 7, 22)));
        assert_eq!(
            parse_date("on March 5 and May 4", Some(d(2021, 6, 1))),
            Some((d(2021, 3, 5), DatePrecision::Day))
        );
        assert_eq!(day("3 min readApr 22, 2021"), Some(d(2021, 4, 22)));
        assert_eq!(
            parse_date("Theresa May 12 times", Some(d(2019, 1, 1))),
            None
        );
        assert_eq!(
            parse_date("on Monday May 12", Some(d(2019, 5, 14))),
            Some((d(2019, 5, 12), DatePrecision::Day))
        );
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(day("2021-04-19"), Some(d(2021, 4, 19)));
        assert_eq!(day("2021/04/19"), Some(d(2021, 4, 19)));
        assert_eq!(day("19/04/2021"), Some(d(2021, 4, 19)));
        assert_eq!(day("٢٠٢١/٠٤/١٩"), Some(d(2021, 4, 19)));
        // Day first; month first only when day first is impossible.
        assert_eq!(day("03/04/2021"), Some(d(2021, 4, 3)));
        assert_eq!(day("04/23/2021"), Some(d(2021, 4, 23)));
        assert_eq!(day("1.2.3.2021"), None);
        assert_eq!(day("192.168.1.2021"), None);
    }

    #[test]
    fn rejects_impossible_dates_and_bare_numbers() {
        assert_eq!(parse_date("31 فبراير 2021", None), None);
        assert_eq!(parse_date("30/02/2021", None), None);
        assert_eq!(parse_date("2021", None), None);
        assert_eq!(parse_date("20210419", None), None);
        assert_eq!(parse_date("قرار رقم 15 للعام 2021", None), None);
        assert_eq!(parse_date("45 يونيو 2021", None), None);
    }

    #[test]
    fn hijri() {
        assert_eq!(day("10 شعبان 1447 هـ"), Some(d(2026, 1, 29)));
        // 1 Ramadan 1445 was 11 March 2024 (Umm al-Qura).
        assert_eq!(day("1 رمضان 1445هـ"), Some(d(2024, 3, 11)));
        // 10 Dhu al-Hijjah 1444 (Eid al-Adha) was 28 June 2023.
        assert_eq!(day("10 ذو الحجة 1444"), Some(d(2023, 6, 28)));
        assert_eq!(day("10 شعبان 2021"), None);
        assert_eq!(day("رمضان 1445"), None);
    }

    #[test]
    fn spans_are_original_byte_ranges() {
        let text = "طرابلس – 09 سبتمبر 2021م وصل الوفد";
        let f = &find_dates(text, None)[0];
        assert_eq!(&text[f.span.clone()], "09 سبتمبر 2021م");
        let text = "\u{202D}4 سبتمبر، 2018\u{202C}";
        let f = &find_dates(text, None)[0];
        assert_eq!(&text[f.span.clone()], "4 سبتمبر، 2018");
        let text = "TRIPOLI, Aug. 4 (Xinhua)";
        let f = &find_dates(text, Some(d(2021, 8, 5)))[0];
        assert_eq!(&text[f.span.clone()], "Aug. 4");
        assert_eq!(f.date, d(2021, 8, 4));
        let text = "انتخابات 24 كانون الأول/ديسمبر وانسحاب";
        assert_eq!(find_dates(text, None), vec![]);
        let f = &find_dates(text, Some(d(2021, 10, 21)))[0];
        assert_eq!(&text[f.span.clone()], "24 كانون الأول/ديسمبر");
        assert_eq!(f.date, d(2021, 12, 24));
    }

    #[test]
    fn several_dates_in_order() {
        let text = "04.04.2021 - محدث : 05.04.2021 وفي 16 مارس/ آذار 2021";
        let got: Vec<NaiveDate> = find_dates(text, None).into_iter().map(|f| f.date).collect();
        assert_eq!(got, vec![d(2021, 4, 4), d(2021, 4, 5), d(2021, 3, 16)]);
    }

    #[test]
    fn file_names() {
        let f = |n: &str| date_from_file_name(n).map(|f| f.date);
        assert_eq!(f("2021-04-19_lamorgese.txt"), Some(d(2021, 4, 19)));
        assert_eq!(f("libya_20210419.html"), Some(d(2021, 4, 19)));
        assert_eq!(f("dir/2021_04_19.md"), Some(d(2021, 4, 19)));
        assert_eq!(f("19-04-2021.txt"), Some(d(2021, 4, 19)));
        assert_eq!(f("lamorgese-19-aprile-2021.txt"), Some(d(2021, 4, 19)));
        assert_eq!(f("000_3dc5a4347485e1da.txt"), None);
        assert_eq!(f("a1b2c3d420210419ef.txt"), None);
        assert_eq!(f("001_ar.txt"), None);
        let n = "x/libya_20210419.html";
        assert_eq!(&n[date_from_file_name(n).unwrap().span], "20210419");
    }

    #[test]
    fn article_date_prefers_dateline_then_file_name() {
        let a = article_date(
            "عنوان",
            "طرابلس – 09 سبتمبر 2021م\nالتقى الوزير",
            Some("x.txt"),
        )
        .unwrap();
        assert_eq!((a.date, a.source), (d(2021, 9, 9), DateSource::Dateline));
        let a = article_date("عنوان", "التقى الوزير اليوم", Some("news_2021-04-19.txt")).unwrap();
        assert_eq!((a.date, a.source), (d(2021, 4, 19), DateSource::FileName));
        // A date far into the body is another event.
        let body = format!(
            "{} وقعت الاتفاقية في 12 مارس 2017.",
            "التقى الوزير اليوم نظيره. ".repeat(40)
        );
        let e = article_date("عنوان", &body, None).unwrap_err();
        assert!(e.contains("«اليوم»"), "{e}");
        assert!(e.contains("«12 مارس 2017»"), "{e}");
        let filler = "The ministers discussed migration and the coast guard. ".repeat(8);
        let body = format!(
            "TRIPOLI, Aug. 4 (Xinhua) -- met on Wednesday. {filler}\n\nIn 12 March 2017 a deal.\n\nXinhua\n5th August 2021, 12:18 GMT+10\n"
        );
        let a = article_date("Libya, Italy", &body, None).unwrap();
        assert_eq!((a.date, a.source), (d(2021, 8, 5), DateSource::Body));
        // A date inside a closing sentence is no timestamp.
        let body = format!(
            "TRIPOLI, Aug. 4 (Xinhua) -- met. {filler}\n\nThe deal of 12 March 2017 holds.\n"
        );
        let e = article_date("Libya, Italy", &body, None).unwrap_err();
        assert!(e.contains("«12 March 2017» later in the body"), "{e}");
        // Month-only: as a dateline yes, inside the lead's sentence no.
        let a = article_date("Report", "April 2021\nThe ministers met.", None).unwrap();
        assert_eq!((a.date, a.precision), (d(2021, 4, 1), DatePrecision::Month));
        let e = article_date(
            "Report",
            "The ministers recalled the agreement of April 2017.",
            None,
        );
        assert!(e.is_err(), "{e:?}");
        let e = article_date("Libya, Italy", "TRIPOLI, Aug. 4 (Xinhua) -- met", None).unwrap_err();
        assert!(e.contains("«Aug. 4» has no year"), "{e}");
    }
}
