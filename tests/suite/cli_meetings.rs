//! The meeting subcommands end to end, through the real binary and a real archive file:
//! import → timeline (filters by name in any script) → set-date → export → eval.

use crate::common;

use crate::common::arshif;

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn seed_timeline_filters_set_date_and_export() {
    let (dir, db) = common::temp_db();
    let seed = common::seed_path();
    let (code, out, err) = arshif(&db, &["import", "--json", seed.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["meetings_found"], 2);

    let (code, out, _) = arshif(&db, &["timeline", "--json"]);
    assert_eq!(code, 0);
    let rows = json(&out);
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert!(rows.as_array().unwrap().iter().all(|m| m["date"].is_null()));

    // Officials by English name, by Arabic spelling with another alef/teh form, by key.
    for (who, n) in [
        ("Khaled Mazen", 1),
        ("لامورجيزي", 2),
        ("mohamed_al_menfi", 1),
    ] {
        let (code, out, err) = arshif(&db, &["timeline", "--json", "--official", who]);
        assert_eq!(code, 0, "{who}: {err}");
        assert_eq!(json(&out).as_array().unwrap().len(), n, "{who}");
    }
    // Countries by code or by name in any language.
    for country in ["IT", "Italy", "إيطاليا", "italia"] {
        let (code, out, err) = arshif(&db, &["timeline", "--json", "--country", country]);
        assert_eq!(code, 0, "{country}: {err}");
        assert_eq!(json(&out).as_array().unwrap().len(), 2, "{country}");
    }
    let (code, _, err) = arshif(&db, &["timeline", "--official", "Nobody Known"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no official in the archive matches «Nobody Known»"),
        "{err}"
    );

    // Dating the article dates both meetings (the body only says «اليوم»).
    let (code, out, err) = arshif(&db, &["set-date", "1", "19 أبريل 2021"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("article #1 dated 2021-04-19 (day)"),
        "{out}"
    );
    let (_, out, _) = arshif(&db, &["timeline", "--json", "--dated-only"]);
    let dates: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(dates, ["2021-04-19", "2021-04-19"]);

    // Export of a filtered view: only Mazen's meeting, as a spreadsheet CSV (BOM first).
    let csv = dir.path().join("mazen.csv");
    let (code, out, err) = arshif(
        &db,
        &[
            "export",
            "--official",
            "Khaled Mazen",
            "--format",
            "csv-excel",
            "--out",
            csv.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 meeting"), "{out}");
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 1);
    let row = records[0].iter().collect::<Vec<_>>().join("|");
    for want in [
        "2021-04-19",
        "Tripoli",
        "طرابلس",
        "خالد مازن",
        "لوتشانا لامورجيزي",
    ] {
        assert!(row.contains(want), "{want} missing from {row}");
    }
    assert!(
        !row.contains("محمد المنفي"),
        "the filter left al-Menfi's meeting out"
    );

    // The article shows its meetings with the spans they came from.
    let (code, out, _) = arshif(&db, &["show", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains("«خالد مازن» → Khaled Mazen at bytes"), "{out}");
    assert!(
        out.contains("«اليوم» resolved against the article's date"),
        "{out}"
    );

    // A calendar export keeps its event UIDs when the article is re-dated (re-extracted; row ids
    // may change): a calendar re-importing the file updates the two events instead of adding two.
    let uids = |name: &str| -> (Vec<String>, Vec<String>) {
        let ics = dir.path().join(name);
        let (code, _, err) = arshif(
            &db,
            &["export", "--format", "ics", "--out", ics.to_str().unwrap()],
        );
        assert_eq!(code, 0, "{err}");
        let text = std::fs::read_to_string(&ics).unwrap();
        let mut uids: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("UID:").map(String::from))
            .collect();
        uids.sort();
        let mut starts: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("DTSTART;VALUE=DATE:").map(String::from))
            .collect();
        starts.sort();
        (uids, starts)
    };
    let (before, starts) = uids("before.ics");
    assert_eq!(starts, ["20210419", "20210419"]);
    assert_eq!(before.len(), 2);
    assert_ne!(before[0], before[1]);
    let (code, _, err) = arshif(&db, &["set-date", "1", "2021-04-20"]);
    assert_eq!(code, 0, "{err}");
    let (after, starts) = uids("after.ics");
    assert_eq!(starts, ["20210420", "20210420"]);
    assert_eq!(after, before);
}

#[test]
fn eval_on_the_dev_corpus_meets_the_targets() {
    let shared = common::shared();
    let (_dir, db) = common::temp_db();
    let (code, out, err) = arshif(
        &db,
        &[
            "eval",
            "--json",
            "--truth",
            shared.join("corpus/dev/truth.json").to_str().unwrap(),
            "--articles",
            shared.join("corpus/dev/articles").to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v = json(out.trim());
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys.len(), 7, "{keys:?}");
    let f = |path: &[&str]| {
        let mut x = &v;
        for p in path {
            x = &x[*p];
        }
        x.as_f64()
            .unwrap_or_else(|| panic!("{path:?} missing in {v}"))
    };
    assert_eq!(f(&["articles", "n"]), 26.0);
    assert!(f(&["articles", "accuracy"]) >= 0.95, "{v}");
    assert!(f(&["meetings", "f1"]) >= 0.98, "{v}");
    assert!(f(&["participants", "f1"]) >= 0.96, "{v}");
    assert!(f(&["dates", "accuracy"]) >= 0.98, "{v}");
    assert!(f(&["topics", "precision"]) >= 0.74, "{v}");
    assert!(f(&["topics", "f1"]) >= 0.77, "{v}");
}

/// Typing mistakes get a clear message and change nothing: a mistyped `--db` creates no archive,
/// a reversed date range is refused, an export into a missing folder names the folder; another
/// transliteration of an official's name still finds them.
#[test]
fn mistakes_are_named_and_transliterations_resolve() {
    let (dir, db) = common::temp_db();
    let typo = dir.path().join("no-such-folder").join("archive.sqlite");
    for args in [
        &["timeline"][..],
        &["search", "طرابلس"],
        &["stats"],
        &["undo"],
    ] {
        let (code, _, err) = arshif(&typo, args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("no archive at"), "{args:?}: {err}");
        assert!(err.contains("no-such-folder"), "{args:?}: {err}");
    }
    assert!(
        !typo.parent().unwrap().exists(),
        "a read created the folder"
    );

    let seed = common::seed_path();
    let (code, _, err) = arshif(&db, &["import", seed.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");

    let (code, _, err) = arshif(
        &db,
        &["timeline", "--from", "2022-01-01", "--to", "2021-01-01"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--from 2022-01-01 is after --to 2021-01-01"),
        "{err}"
    );

    let out = dir.path().join("missing").join("meetings.csv");
    let (code, _, err) = arshif(
        &db,
        &["export", "--format", "csv", "--out", out.to_str().unwrap()],
    );
    assert_ne!(code, 0);
    assert!(
        err.contains(&format!(
            "the folder {} does not exist",
            out.parent().unwrap().display()
        )),
        "{err}"
    );

    for (who, n) in [
        ("Lamorgesi", 2),
        ("Khaled Mazin", 1),
        ("Mohammed al-Manfi", 1),
    ] {
        let (code, out, err) = arshif(&db, &["timeline", "--json", "--official", who]);
        assert_eq!(code, 0, "{who}: {err}");
        assert_eq!(json(&out).as_array().unwrap().len(), n, "{who}");
    }
}
