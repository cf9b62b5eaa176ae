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

/// dev2's floor is set by extraction, not grouping: three of its same-meeting articles yield no
/// meeting (245_it, 246_it, 252_fr) and 230_en misses its Dbeibah meeting, so their pairs cannot
/// be found whatever the grouping does (F1 0.727 today, precision 0.889).
#[test]
fn dev2_reports_of_one_meeting_are_grouped_and_near_misses_never() {
    let s = scores("dev2");
    let m = &s["same_meeting"];
    assert!(m["f1"].as_f64().unwrap() >= 0.72, "{s}");
    assert!(m["precision"].as_f64().unwrap() >= 0.88, "{s}");
    assert_eq!(s["near_miss_merged"], 0, "{s}");
}
