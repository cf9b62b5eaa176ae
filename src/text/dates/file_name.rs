//! Dates in file names (`2021-04-19`, `20210419`, `19-aprile-2021`), skipping hash-like digits.

use super::patterns::ymd;
use super::{FoundDate, find_dates, found};
use crate::model::DatePrecision;
use std::ops::Range;

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
