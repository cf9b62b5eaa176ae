//! Dates in article URLs: news sites put the publication date in the path
//! (`https://fassatonews.net/2017/02/...`, `.../2017/05/16/slug`, `.../2019-03-13-slug.html`).

use super::patterns::ymd;
use super::{FoundDate, found};
use crate::model::DatePrecision;

/// The publication date a URL's path gives: `/YYYY/MM/DD/` (day), `/YYYY/MM/` (month), or a
/// `YYYY-MM-DD` / `YYYYMMDD` run inside a path segment (day). Only the path counts (not the host,
/// query or fragment); digits inside longer runs (ids) are ignored. The span is a byte range of
/// `url`. `None` when the path holds no plausible date (years 1990–2100).
pub fn date_from_url(url: &str) -> Option<FoundDate> {
    let after_scheme = url.find("://").map_or(0, |p| p + 3);
    let path_start = url[after_scheme..].find('/').map(|p| after_scheme + p)?;
    let path_end = url[path_start..]
        .find(['?', '#'])
        .map_or(url.len(), |p| path_start + p);
    let path = &url[path_start..path_end];
    // Segments with their byte offsets in `url`.
    let mut segs: Vec<(usize, &str)> = Vec::new();
    let mut pos = path_start;
    for seg in path.split('/') {
        segs.push((pos, seg));
        pos += seg.len() + 1;
    }
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    for (k, &(start, seg)) in segs.iter().enumerate() {
        let Some(y) = number(seg, 4..=4).filter(|y| (1990..=2100).contains(y)) else {
            continue;
        };
        let Some(&(_, mseg)) = segs.get(k + 1) else {
            continue;
        };
        let Some(m) = number(mseg, 1..=2).filter(|m| (1..=12).contains(m)) else {
            continue;
        };
        if let Some(&(dstart, dseg)) = segs.get(k + 2)
            && let Some(d) = number(dseg, 1..=2)
            && let Some(date) = ymd(y, m, d)
        {
            return Some(found(date, DatePrecision::Day, start..dstart + dseg.len()));
        }
        let date = ymd(y, m, 1)?;
        return Some(found(
            date,
            DatePrecision::Month,
            start..start + 5 + mseg.len(),
        ));
    }
    // A date written inside one segment: `2019-03-13-eu-ambassadors`, `20190313`.
    for &(start, seg) in &segs {
        let b = seg.as_bytes();
        for i in 0..b.len() {
            if i > 0 && b[i - 1].is_ascii_digit() {
                continue;
            }
            let run = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let date = if run == 8 {
                let s = &seg[i..i + 8];
                ymd(
                    s[..4].parse().ok()?,
                    s[4..6].parse().ok()?,
                    s[6..].parse().ok()?,
                )
                .map(|d| (d, 8))
            } else if run == 4
                && seg.len() >= i + 10
                && b[i + 4] == b'-'
                && b[i + 7] == b'-'
                && b[i + 5..i + 7].iter().all(u8::is_ascii_digit)
                && b[i + 8..i + 10].iter().all(u8::is_ascii_digit)
                && !b.get(i + 10).is_some_and(u8::is_ascii_digit)
            {
                ymd(
                    seg[i..i + 4].parse().ok()?,
                    seg[i + 5..i + 7].parse().ok()?,
                    seg[i + 8..i + 10].parse().ok()?,
                )
                .map(|d| (d, 10))
            } else {
                None
            };
            if let Some((date, len)) = date
                && (1990..=2100).contains(&(chrono::Datelike::year(&date) as u32))
            {
                return Some(found(date, DatePrecision::Day, start + i..start + i + len));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::date_from_url;
    use crate::model::DatePrecision;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn year_month_day_folders() {
        let u = "https://www.libyaobserver.ly/2017/05/16/some-slug";
        let f = date_from_url(u).unwrap();
        assert_eq!(
            (f.date, f.precision),
            (day(2017, 5, 16), DatePrecision::Day)
        );
        assert_eq!(&u[f.span], "2017/05/16");
    }

    #[test]
    fn year_month_folders_give_a_month() {
        // dev2 220_ar: the URL gives February 2017 only.
        let u = "https://fassatonews.net/2017/02/السفير-الإيطالي-لدى-ليبيا-يزور-طبرق";
        let f = date_from_url(u).unwrap();
        assert_eq!(
            (f.date, f.precision),
            (day(2017, 2, 1), DatePrecision::Month)
        );
        assert_eq!(&u[f.span], "2017/02");
    }

    #[test]
    fn a_date_inside_a_slug() {
        let f = date_from_url("https://example.org/news/2019-03-13-eu-ambassadors.html").unwrap();
        assert_eq!(
            (f.date, f.precision),
            (day(2019, 3, 13), DatePrecision::Day)
        );
        let f = date_from_url("https://example.org/a/20210419_lamorgese").unwrap();
        assert_eq!(f.date, day(2021, 4, 19));
    }

    #[test]
    fn no_date_in_hosts_ids_or_queries() {
        assert_eq!(date_from_url("https://2019.example.org/a"), None);
        assert_eq!(date_from_url("https://example.org/article/123456789"), None);
        assert_eq!(date_from_url("https://example.org/a?d=2019/03/13"), None);
        assert_eq!(date_from_url("https://example.org/id/2019313"), None);
        assert_eq!(date_from_url("not a url"), None);
    }
}
