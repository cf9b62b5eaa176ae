//! Dates from the shared case file and our own hand-checked rows.

use arshif::model::DatePrecision;
use arshif::text::dates::{find_dates, parse_date};
use chrono::NaiveDate;
use std::path::PathBuf;

fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The publication date used for rows whose year is `????` (TRIPOLI, Aug. 4 (Xinhua), published
/// 2021-08-05 per the corpus truth).
const REFERENCE: (i32, u32, u32) = (2021, 8, 5);

#[test]
fn every_row_of_shared_dates_tsv_parses_to_its_iso_date() {
    let path = shared("cases/dates.tsv");
    let tsv = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the shared corpus file {} is missing or unreadable ({e}); \
             it belongs to the shared test material (shared/cases/dates.tsv) beside the repository",
            path.display()
        )
    });
    let reference = d(REFERENCE.0, REFERENCE.1, REFERENCE.2);
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in tsv.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let (text, iso) = (cols[0], cols[1]);
        rows += 1;
        let (expected, reference) = match iso.strip_prefix("????") {
            Some(rest) => (
                NaiveDate::parse_from_str(&format!("{}{rest}", REFERENCE.0), "%Y-%m-%d").unwrap(),
                Some(reference),
            ),
            None => (NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap(), None),
        };
        let got = parse_date(text, reference);
        if got != Some((expected, DatePrecision::Day)) {
            failures.push(format!(
                "line {}: {text:?} → {got:?}, expected {expected}",
                n + 1
            ));
        }
    }
    assert!(rows >= 17, "dates.tsv has only {rows} rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Rows beyond the shared file, checked by hand against a calendar.
#[test]
fn own_rows() {
    let rows: &[(&str, NaiveDate)] = &[
        // Both names of June, each on its own and paired the other way round.
        ("13 يونيو 2011", d(2011, 6, 13)),
        ("13 حزيران 2011", d(2011, 6, 13)),
        ("13 حزيران/يونيو 2011", d(2011, 6, 13)),
        ("الاثنين ١٣ حزيران (يونيو) ٢٠١١م", d(2011, 6, 13)),
        // Arabic-Indic digits throughout, with Persian digits too.
        ("١٩ أبريل ٢٠٢١", d(2021, 4, 19)),
        ("۱۹ أبريل ۲۰۲۱", d(2021, 4, 19)),
        ("١٩/٠٤/٢٠٢١", d(2021, 4, 19)),
        // Hijri, other months: 1 Muharram 1446 = 7 July 2024 and 27 Rajab 1445 = 8 February 2024
        // (Umm al-Qura).
        ("1 محرم 1446 هـ", d(2024, 7, 7)),
        ("٢٧ رجب ١٤٤٥هـ", d(2024, 2, 8)),
        ("12 ربيع الأول 1445 هـ", d(2023, 9, 27)),
        // Levantine with a digit for the other Kanun and Tishreen.
        ("3 كانون 1 2019", d(2019, 12, 3)),
        ("3 تشرين 2 2019", d(2019, 11, 3)),
        // Invisible RLM inside, US order in English.
        ("\u{200F}July 22, 2025\u{200F}", d(2025, 7, 22)),
        ("Sept. 9th, 2021", d(2021, 9, 9)),
        ("3 أوت 2020", d(2020, 8, 3)),
        ("1 الفاتح 2009", d(2009, 9, 1)),
        ("7 جويلية 2021", d(2021, 7, 7)),
    ];
    for (text, expected) in rows {
        assert_eq!(
            parse_date(text, None),
            Some((*expected, DatePrecision::Day)),
            "{text}"
        );
    }
}

#[test]
fn month_precision_and_spans() {
    assert_eq!(
        parse_date("April 2021", None),
        Some((d(2021, 4, 1), DatePrecision::Month))
    );
    assert_eq!(
        parse_date("في أبريل 2021", None),
        Some((d(2021, 4, 1), DatePrecision::Month))
    );
    let text = "التقى الوزير في 13 يونيو/حزيران 2011 نظيره، ثم في ١٩ أبريل ٢٠٢١م.";
    let found = find_dates(text, None);
    let spans: Vec<&str> = found.iter().map(|f| &text[f.span.clone()]).collect();
    assert_eq!(spans, vec!["13 يونيو/حزيران 2011", "١٩ أبريل ٢٠٢١م"]);
}
