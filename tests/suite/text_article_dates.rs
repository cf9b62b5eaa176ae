//! Article dates over the shared dev corpus, checked against truth.json's `published_date`.

use arshif::model::{DatePrecision, DateSource};
use arshif::text::dates::article_date;
use chrono::NaiveDate;
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev")
}

fn read(path: &PathBuf) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "the shared corpus file {} is missing or unreadable ({e}); \
             it belongs to the shared test material (shared/corpus/dev) beside the repository",
            path.display()
        )
    })
}

/// Splits an article file as the importer does for plain text: first line headline, rest body.
fn split(text: &str) -> (&str, &str) {
    match text.split_once('\n') {
        Some((h, b)) => (h.trim(), b),
        None => (text.trim(), ""),
    }
}

/// What the article text itself gives (read by hand): the files whose headline, dateline or lead
/// carries a full date. Every other article is undated by its text.
const DATED_BY_TEXT: &[(&str, (i32, u32, u32))] = &[
    ("015_ar.txt", (2021, 4, 4)),   // "04.04.2021 - محدث : 04.04.2021"
    ("024_ar.txt", (2025, 7, 22)),  // "تاريخ النشر: 22nd, July 2025 GMT"
    ("028_en.txt", (2021, 4, 22)),  // "3 min readApr 22, 2021"
    ("033_en.txt", (2025, 10, 14)), // "Oct 14, 2025 | International actors"
];

/// Articles dated by an agency timestamp on the body's last line.
const DATED_BY_TRAILER: &[(&str, (i32, u32, u32))] = &[
    ("031_en.txt", (2021, 8, 5)), // "Xinhua\n5th August 2021, 12:18 GMT+10"
];

#[test]
fn corpus_article_dates_agree_with_truth() {
    let dir = corpus_dir();
    let truth: serde_json::Value = serde_json::from_str(&read(&dir.join("truth.json"))).unwrap();
    let articles = truth["articles"]
        .as_array()
        .expect("truth.json has an articles array");
    assert!(
        articles.len() >= 20,
        "only {} articles in truth.json",
        articles.len()
    );
    let mut table = String::from("file | truth published_date | article_date\n");
    let mut problems = Vec::new();
    for a in articles {
        let file = a["file"].as_str().unwrap();
        let text = read(&dir.join("articles").join(file));
        let (headline, body) = split(&text);
        let got = article_date(headline, body, Some(file));
        let truth_date = a["published_date"]
            .as_str()
            .map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        let shown = match &got {
            Ok(d) => format!(
                "{} ({}, {})",
                d.date,
                d.precision.as_str(),
                d.source.as_str()
            ),
            Err(e) => format!("undated: {e}"),
        };
        table.push_str(&format!(
            "{file} | {} | {shown}\n",
            truth_date.map_or("null".to_string(), |d| d.to_string())
        ));
        let ymd = |(y, m, d): (i32, u32, u32)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let expected = DATED_BY_TEXT
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, t)| (ymd(*t), DateSource::Dateline))
            .or_else(|| {
                DATED_BY_TRAILER
                    .iter()
                    .find(|(f, _)| *f == file)
                    .map(|(_, t)| (ymd(*t), DateSource::Body))
            });
        match (&got, expected) {
            (Ok(d), Some((e, source))) => {
                if (d.date, d.precision, d.source) != (e, DatePrecision::Day, source) {
                    problems.push(format!("{file}: got {shown}, expected {e} from {source:?}"));
                }
            }
            (Ok(_), None) => problems.push(format!("{file}: text has no date but got {shown}")),
            (Err(e), Some((x, _))) => problems.push(format!("{file}: expected {x}, got error {e}")),
            (Err(_), None) => {}
        }
        if let (Ok(d), Some(t)) = (&got, truth_date)
            && d.date != t
        {
            problems.push(format!("{file}: {shown} contradicts truth {t}"));
        }
    }
    println!("{table}");
    assert!(problems.is_empty(), "{}\n\n{table}", problems.join("\n"));
}

#[test]
fn seed_article_is_undated_because_it_only_says_today() {
    let file = "000_3dc5a4347485e1da.txt";
    let text = read(&corpus_dir().join("articles").join(file));
    let (headline, body) = split(&text);
    let err = article_date(headline, body, Some(file)).unwrap_err();
    assert!(
        err.contains("no date in the headline, the lead or the file name"),
        "{err}"
    );
    assert!(err.contains("«اليوم»"), "{err}");
}

/// Truncated and sliced article text (as a cut-off page gives) never makes the date code panic,
/// and every span it reports lies on character boundaries of the text it was given.
#[test]
fn truncated_texts_do_not_break_date_finding() {
    use arshif::text::dates::find_dates;
    use arshif::text::relative::find_relative_days;
    let dir = corpus_dir().join("articles");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "cannot list the shared corpus folder {} ({e})",
                dir.display()
            )
        })
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let reference = NaiveDate::from_ymd_opt(2021, 8, 5);
    let mut checked = 0;
    for path in entries {
        let text = read(&path);
        let bounds: Vec<usize> = text.char_indices().map(|(p, _)| p).step_by(17).collect();
        for &cut in &bounds {
            for piece in [&text[..cut], &text[cut..]] {
                for f in find_dates(piece, reference) {
                    assert!(piece.get(f.span.clone()).is_some_and(|s| !s.is_empty()));
                }
                for r in find_relative_days(piece) {
                    assert!(piece.get(r.span.clone()).is_some_and(|s| !s.is_empty()));
                }
                let (h, b) = split(piece);
                let _ = article_date(h, b, None);
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} pieces checked");
}
