//! `arshif meeting merge|split|different|reports` on the bundled samples: each is an edit that
//! `undo` reverts and that survives `reextract`.

use crate::common;
use std::path::Path;
use std::process::Command;

fn run(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run arshif");
    assert!(
        out.status.success(),
        "arshif {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Timeline rows of 2021-04-19 with Lamorgese and `person`: (id, article ids).
fn rows_with(db: &Path, person: &str) -> Vec<(i64, Vec<i64>)> {
    let v: serde_json::Value = serde_json::from_str(&run(db, &["timeline", "--json"])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .filter(|m| m["date"] == "2021-04-19")
        .filter(|m| {
            let keys: Vec<&str> = m["participants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["person"]["key"].as_str().unwrap())
                .collect();
            keys.contains(&person) && keys.contains(&"luciana_lamorgese")
        })
        .map(|m| {
            let ids = m["article_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_i64().unwrap())
                .collect();
            (m["id"].as_i64().unwrap(), ids)
        })
        .collect()
}

fn samples() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = common::temp_db();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    run(&db, &["import", samples.to_str().unwrap()]);
    (dir, db)
}

#[test]
fn split_separates_every_report_until_undone_and_survives_reextract() {
    let (_dir, db) = samples();
    let mazen = rows_with(&db, "khaled_mazen");
    assert_eq!(mazen.len(), 1);
    assert_eq!(mazen[0].1.len(), 3);
    let id = mazen[0].0.to_string();
    let listed: serde_json::Value =
        serde_json::from_str(&run(&db, &["meeting", "reports", &id, "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3);
    let out = run(&db, &["meeting", "split", &id]);
    assert!(out.contains("split"), "{out}");
    let split = rows_with(&db, "khaled_mazen");
    assert_eq!(split.len(), 3, "{split:?}");
    assert!(split.iter().all(|(_, a)| a.len() == 1));
    run(&db, &["reextract"]);
    assert_eq!(rows_with(&db, "khaled_mazen").len(), 3);
    run(&db, &["undo"]);
    let back = rows_with(&db, "khaled_mazen");
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].1.len(), 3);
}

#[test]
fn merge_and_different_are_undoable_edits() {
    let (_dir, db) = samples();
    let mazen = rows_with(&db, "khaled_mazen")[0].clone();
    let menfi = rows_with(&db, "mohamed_al_menfi")[0].clone();
    assert_eq!(menfi.1.len(), 2);
    run(
        &db,
        &[
            "meeting",
            "merge",
            &mazen.0.to_string(),
            &menfi.0.to_string(),
        ],
    );
    let merged = rows_with(&db, "khaled_mazen");
    assert_eq!(merged.len(), 1);
    assert_eq!(rows_with(&db, "mohamed_al_menfi"), merged);
    let mut articles = merged[0].1.clone();
    articles.sort();
    assert_eq!(articles, [1, 6, 7]);
    run(&db, &["undo"]);
    assert_eq!(rows_with(&db, "khaled_mazen").len(), 1);
    assert_eq!(rows_with(&db, "mohamed_al_menfi").len(), 1);
    assert_ne!(
        rows_with(&db, "khaled_mazen"),
        rows_with(&db, "mohamed_al_menfi")
    );
    // One report of the Mazen meeting marked different from the meeting: it leaves it, even
    // after re-extraction.
    let id = rows_with(&db, "khaled_mazen")[0].0;
    let reports: serde_json::Value = serde_json::from_str(&run(
        &db,
        &["meeting", "reports", &id.to_string(), "--json"],
    ))
    .unwrap();
    let other = reports.as_array().unwrap()[2]["meeting_id"]
        .as_i64()
        .unwrap();
    run(
        &db,
        &["meeting", "different", &id.to_string(), &other.to_string()],
    );
    let apart = rows_with(&db, "khaled_mazen");
    assert_eq!(apart.len(), 2, "{apart:?}");
    run(&db, &["reextract"]);
    assert_eq!(rows_with(&db, "khaled_mazen").len(), 2);
    run(&db, &["undo"]);
    assert_eq!(rows_with(&db, "khaled_mazen").len(), 1);
}
