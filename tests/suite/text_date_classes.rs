//! The date classes of issue 9 item 3, each over every member of the class: Libyan month
//! names, numeric dates in both orders, a weekday or relative day against the article's date
//! in every language, a day and month with no year.

use arshif::model::DatePrecision;
use arshif::text::dates::parse_date;
use arshif::text::relative::{find_relative_days, resolve};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// أي النار … الكانون are January … December (Libya, 1980s–2011), in a full date.
#[test]
fn every_libyan_month_name_in_a_full_date() {
    let months = [
        "أي النار",
        "النوار",
        "الربيع",
        "الطير",
        "الماء",
        "الصيف",
        "ناصر",
        "هانيبال",
        "الفاتح",
        "التمور",
        "الحرث",
        "الكانون",
    ];
    for (i, m) in months.iter().enumerate() {
        let text = format!("15 {m} 2009");
        assert_eq!(
            parse_date(&text, None),
            Some((d(2009, i as u32 + 1, 15), DatePrecision::Day)),
            "{text}"
        );
    }
    // Several are ordinary words: with no day and year they date nothing.
    assert_eq!(parse_date("في فصل الربيع", d(2021, 4, 19).into()), None);
    assert_eq!(
        parse_date("التقى ناصر بالسفير", d(2021, 4, 19).into()),
        None
    );
}

#[test]
fn numeric_dates_day_first_and_year_first() {
    for (text, want) in [
        ("16/05/2017", d(2017, 5, 16)),
        ("6/2/2017", d(2017, 2, 6)),
        ("2017/05/16", d(2017, 5, 16)),
        ("٢٠١٧/٥/١٦", d(2017, 5, 16)),
        ("بتاريخ 16-05-2017", d(2017, 5, 16)),
        // dev2 221_ar's dateline: a month name between slashes.
        ("الإثنين 28/سبتمبر/2020 - 04:13 م", d(2020, 9, 28)),
        ("28-Sep-2020", d(2020, 9, 28)),
    ] {
        assert_eq!(
            parse_date(text, None),
            Some((want, DatePrecision::Day)),
            "{text}"
        );
    }
}

/// A weekday or relative day with the article's date: the truth's own cases (dev2 203_ar
/// «اليوم الاثنين» on 2020-03-09, 234_en "on Sunday" on 2019-10-28, 237_en "on Wednesday" on
/// 2019-03-13) and the same words in every language.
#[test]
fn weekdays_and_relative_days_against_the_article_date() {
    let cases = [
        (
            "نظمت الرئاسة الفرنسية اليوم الاثنين إستقبالاً",
            d(2020, 3, 9),
            d(2020, 3, 9),
        ),
        (
            "who arrived in Zuwara on Sunday",
            d(2019, 10, 28),
            d(2019, 10, 27),
        ),
        (
            "ambassadors on Wednesday held meetings",
            d(2019, 3, 13),
            d(2019, 3, 13),
        ),
        ("التقى الإثنين رئيس المجلس", d(2021, 4, 7), d(2021, 4, 5)),
        (
            "met yesterday Tuesday in Rome",
            d(2021, 4, 7),
            d(2021, 4, 6),
        ),
        (
            "si sono incontrati lunedì a Tripoli",
            d(2021, 4, 7),
            d(2021, 4, 5),
        ),
        ("ieri a Roma", d(2021, 4, 7), d(2021, 4, 6)),
        ("reçu mardi à l'Élysée", d(2021, 3, 24), d(2021, 3, 23)),
        ("استقبل أمس الثلاثاء", d(2021, 4, 7), d(2021, 4, 6)),
    ];
    for (text, article, want) in cases {
        let rel = find_relative_days(text);
        let first = rel
            .first()
            .unwrap_or_else(|| panic!("{text}: no relative day"));
        assert_eq!(resolve(first, article).date, want, "{text}");
    }
}

/// A day and month with no year take the year that puts them nearest the article's date: the
/// article's year, or the year before when the article's year would put it months ahead.
#[test]
fn a_day_and_month_without_a_year() {
    for (text, article, want) in [
        ("lunedì 19 aprile", d(2021, 4, 20), d(2021, 4, 19)),
        ("الاثنين 6 فبراير", d(2017, 2, 8), d(2017, 2, 6)),
        ("on December 28", d(2021, 1, 5), d(2020, 12, 28)),
        ("TRIPOLI, Aug. 4 (Xinhua)", d(2021, 8, 5), d(2021, 8, 4)),
    ] {
        assert_eq!(
            parse_date(text, Some(article)),
            Some((want, DatePrecision::Day)),
            "{text}"
        );
    }
}
