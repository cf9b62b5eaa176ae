//! Unit tests of date parsing.

use super::*;
use crate::model::DateSource;

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
    let body =
        format!("TRIPOLI, Aug. 4 (Xinhua) -- met. {filler}\n\nThe deal of 12 March 2017 holds.\n");
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
