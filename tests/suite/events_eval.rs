//! One meeting from many reports, scored: `arshif eval --json` gives `same_meeting` P/R/F1 over
//! pairs of articles (truth: `same_meeting_as`) and the near-miss pairs wrongly merged
//! (`near_miss_groups`), on dev and dev2.

use crate::common;
use std::process::Command;

fn scores(set: &str) -> serde_json::Value {
    let (_dir, db) = common::temp_db();
    let dir = common::shared().join("corpus").join(set);
    let out = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .arg("--db")
        .arg(&db)
        .arg("eval")
        .arg("--truth")
        .arg(dir.join("truth.json"))
        .arg("--articles")
        .arg(dir.join("articles"))
        .arg("--json")
        .output()
        .expect("run arshif");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn dev_reports_of_one_meeting_are_grouped_and_near_misses_never() {
    let s = scores("dev");
    let f1 = s["same_meeting"]["f1"].as_f64().unwrap();
    assert!(f1 >= 0.90, "{s}");
    assert_eq!(s["near_miss_merged"], 0, "{s}");
}

/// dev2's floor: issue 10's target (F1 >= 0.90; 0.923 with rules-7, precision and recall
/// 0.923; was 0.880 with rules-6, 0.727 before). Left: 209_ar reports "X and Y met A and B" as
/// one meeting, which 246_it tells as two (the truth splits it from the other report);
/// 249_it/250_it are joined (Conte and Haftar in Benghazi, the second undated), which the truth
/// keeps apart from background knowledge the text does not give (the Palermo conference of
/// November 2018).
#[test]
fn dev2_reports_of_one_meeting_are_grouped_and_near_misses_never() {
    let s = scores("dev2");
    let m = &s["same_meeting"];
    assert!(m["f1"].as_f64().unwrap() >= 0.90, "{s}");
    assert!(m["precision"].as_f64().unwrap() >= 0.92, "{s}");
    assert!(m["recall"].as_f64().unwrap() >= 0.92, "{s}");
    assert_eq!(s["near_miss_merged"], 0, "{s}");
}
