//! The article date from a URL found in front matter (issue 9 item 3): `/2017/05/16/` dates an
//! article whose text and file name give none; an explicit dateline still wins.

use arshif::import::formats::Parsed;
use arshif::import::resolve_date;
use arshif::model::{ArticleDate, DatePrecision, DateSource};
use chrono::NaiveDate;

fn parsed(body: &str, url: &str) -> Parsed {
    Parsed {
        headline: "السفير الإيطالي لدى ليبيا يزور طبرق".into(),
        body: body.into(),
        url: Some(url.into()),
        ..Parsed::default()
    }
}

#[test]
fn a_url_date_dates_an_article_with_no_date_in_its_text() {
    let p = parsed(
        "وصل الاثنين إلى مدينة طبرق السفير الإيطالي.",
        "https://www.libyaobserver.ly/2017/05/16/italian-ambassador-visits-tobruk",
    );
    let (date, _) = resolve_date(&p, "220_ar.txt");
    assert_eq!(
        date,
        Some(ArticleDate {
            date: NaiveDate::from_ymd_opt(2017, 5, 16).unwrap(),
            precision: DatePrecision::Day,
            source: DateSource::FrontMatter,
        })
    );
}

/// dev2 220_ar: the URL has the year and month only (`/2017/02/`): a month-precise date.
#[test]
fn a_year_and_month_folder_gives_the_month() {
    let p = parsed(
        "وصل الاثنين إلى مدينة طبرق السفير الإيطالي.",
        "https://fassatonews.net/2017/02/السفير-الإيطالي-لدى-ليبيا-يزور-طبرق",
    );
    let (date, _) = resolve_date(&p, "220_ar.txt");
    let date = date.expect("dated by the URL");
    assert_eq!(
        (date.date, date.precision),
        (
            NaiveDate::from_ymd_opt(2017, 2, 1).unwrap(),
            DatePrecision::Month
        )
    );
}

#[test]
fn the_dateline_wins_over_the_url() {
    let p = parsed(
        "طرابلس – 09 سبتمبر 2021م\nوصل السفير.",
        "https://example.org/2017/05/16/slug",
    );
    let (date, _) = resolve_date(&p, "x.txt");
    assert_eq!(
        date.unwrap().date,
        NaiveDate::from_ymd_opt(2021, 9, 9).unwrap()
    );
}
