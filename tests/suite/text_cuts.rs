//! C14 (`shared/cases/exports-backups-limits.md`): text cut at a byte offset inside a character
//! panicked («byte index 20 is not a char boundary»). 400 articles whose titles are k ASCII
//! letters (k = 0..399) followed by `الإنشاء 🇱🇾 لا`, so every byte offset up to 400 falls inside
//! a character for some title, plus a 100 KB Arabic body without spaces: imported through the
//! app's path, listed on the timeline, searched (snippets), exported in every format by the CLI,
//! and given the export file names the app builds from a search text. No panic, every shortened
//! string is a grapheme-boundary piece of the original (🇱🇾 is never split), names ≤ 255 bytes.

use crate::common;
use arshif::export::Format;
use arshif::pipeline::{archive_extractor, import_and_extract};
use arshif::query::Filter;
use arshif::store::Store;
use std::process::Command;
use std::sync::atomic::AtomicBool;

const TAIL: &str = "الإنشاء 🇱🇾 لا";
const FLAG: &str = "🇱🇾";

fn title(k: usize) -> String {
    format!("{}{TAIL}", "a".repeat(k))
}

/// Every 🇱🇾 in `s` is whole: each U+1F1F1 is followed by U+1F1FE and each U+1F1FE follows one.
#[track_caller]
fn flags_whole(s: &str, what: &str) {
    let cs: Vec<char> = s.chars().collect();
    for (i, c) in cs.iter().enumerate() {
        match c {
            '\u{1F1F1}' => assert_eq!(cs.get(i + 1), Some(&'\u{1F1FE}'), "{what}: a split flag"),
            '\u{1F1FE}' => assert_eq!(
                i.checked_sub(1).map(|j| cs[j]),
                Some('\u{1F1F1}'),
                "{what}: a split flag"
            ),
            _ => {}
        }
    }
}

#[test]
fn c14_titles_and_a_body_without_spaces_never_break_a_cut() {
    let (dir, db) = common::temp_db();
    let files = dir.path().join("articles");
    std::fs::create_dir(&files).unwrap();
    for k in 0..400 {
        // A meeting the extractor finds, so the title reaches the timeline and every export.
        std::fs::write(
            files.join(format!("t{k:03}.txt")),
            format!(
                "{}\nطرابلس، 5 مايو 2021 - التقى رئيس المجلس الرئاسي محمد المنفي سفير إيطاليا جوزيبي بوتشينو في طرابلس (رقم {k}).\n",
                title(k)
            ),
        )
        .unwrap();
    }
    let unit = format!("الإنشاء{FLAG}");
    let long_body = unit.repeat(100_000 / unit.len() + 1);
    assert!(long_body.len() >= 100_000 && !long_body.contains(' '));
    std::fs::write(files.join("long.txt"), format!("{TAIL}\n{long_body}\n")).unwrap();

    let mut store = Store::open(&db).unwrap();
    let ex = archive_extractor(&store).unwrap();
    let run = import_and_extract(
        &mut store,
        &ex,
        &[&files],
        &mut |_| {},
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    run.found.unwrap();
    assert_eq!(
        (run.import.imported, run.import.failed),
        (401, 0),
        "{:#?}",
        run.import.files
    );

    // The timeline: the 400 titled articles report one meeting (the same body), so one card
    // with 400 reports (issue 10); the card's headline and every report's headline are whole.
    let rows = arshif::query::timeline(&store, &Filter::default()).unwrap();
    assert_eq!(rows.len(), 1, "{:#?}", rows.first());
    assert_eq!(rows[0].article_ids.len(), 400);
    let reports = arshif::query::meeting_reports(&store, rows[0].id).unwrap();
    assert_eq!(reports.len(), 400);
    for headline in std::iter::once(&rows[0].headline).chain(reports.iter().map(|r| &r.headline)) {
        assert!(headline.ends_with(TAIL), "{headline}");
        flags_whole(headline, "timeline headline");
    }

    // Search snippets: each fragment is a piece of the stored body, cut between characters.
    // («aaaالإنشاء» is one word: the titles with letters before it match only through the body.)
    let mut hits = arshif::search::search(&store, "المنفي", 500).unwrap();
    assert_eq!(hits.len(), 400);
    let own = arshif::search::search(&store, "الإنشاء", 500).unwrap();
    assert_eq!(own.len(), 2, "the long article and title k = 0");
    hits.extend(own);
    for h in &hits {
        let a = store.article(h.id).unwrap().unwrap();
        assert_eq!(h.headline.text, a.headline);
        flags_whole(&h.snippet.text, "snippet");
        for frag in h.snippet.text.split('…').filter(|f| !f.is_empty()) {
            assert!(
                a.body.contains(frag),
                "{frag:?} is not a piece of article {}",
                h.id
            );
        }
        for m in &h.snippet.marks {
            assert!(
                h.snippet.text.is_char_boundary(m.start) && h.snippet.text.is_char_boundary(m.end)
            );
        }
    }
    let long = hits.iter().find(|h| h.headline.text == TAIL).unwrap();
    assert!(
        long.snippet.text.len() < 2_000,
        "{}",
        long.snippet.text.len()
    );
    assert!(!long.snippet.marks.is_empty());

    // Every export format through the CLI, then the file names the app builds from a title.
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let timeline = arshif::ui::model::Timeline::default();
    for format in Format::ALL {
        let out = out_dir.join(format!("all.{}", format.extension()));
        let run = Command::new(env!("CARGO_BIN_EXE_arshif"))
            .args(["export", "--db"])
            .arg(&db)
            .args(["--format", format.name(), "--lang", "ar", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "{}: {stderr}", format.name());
        assert!(!stderr.contains("char boundary"), "{stderr}");
        let text = String::from_utf8(std::fs::read(&out).unwrap())
            .unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", format.name()));
        // iCalendar folds long lines (RFC 5545): unfold before looking at the titles.
        let text = text.replace("\r\n ", "");
        flags_whole(&text, format.name());
        if format != Format::GeoJson {
            // The meeting's headline (its first report's title) is written whole.
            assert!(
                text.contains(&rows[0].headline),
                "{}: the meeting's title is not whole",
                format.name()
            );
        }

        for k in [0, 1, 2, 100, 230, 240, 250, 251, 252, 253, 254, 255, 399] {
            let filter = Filter {
                text: Some(title(k)),
                ..Filter::default()
            };
            let name = arshif::ui::panels::export::suggested_file_name(
                &filter,
                &timeline,
                arshif::ui::i18n::UiLang::Ar,
                format,
            );
            assert!(name.len() <= 255, "{k}: {} bytes", name.len());
            let stem = name
                .strip_suffix(&format!(".{}", format.extension()))
                .unwrap();
            assert!(stem.starts_with("arshif-a") || k == 0, "{name}");
            assert!(
                stem.chars().all(|c| c.is_alphanumeric() || c == '-'),
                "{name}"
            );
            assert!(!stem.ends_with('-'), "{name}");
        }
    }
    // A name built from the longest title is a file the export can write.
    let filter = Filter {
        text: Some(title(399)),
        ..Filter::default()
    };
    let name = arshif::ui::panels::export::suggested_file_name(
        &filter,
        &timeline,
        arshif::ui::i18n::UiLang::Ar,
        Format::Html,
    );
    let run = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .args(["export", "--db"])
        .arg(&db)
        .args(["--format", "html", "--out"])
        .arg(out_dir.join(&name))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out_dir.join(&name).is_file());
}
