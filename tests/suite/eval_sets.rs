//! `arshif eval` over several sets in one run, and its per-article report by failure kind.

use crate::common;
use std::process::Command;

fn eval(args: &[String]) -> (i32, String, String) {
    let (_dir, db) = common::temp_db();
    let out = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .arg("--db")
        .arg(&db)
        .arg("eval")
        .args(args)
        .output()
        .expect("run arshif");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn set_args(set: &str) -> Vec<String> {
    let dir = common::shared().join("corpus").join(set);
    vec![
        "--truth".into(),
        dir.join("truth.json").display().to_string(),
        "--articles".into(),
        dir.join("articles").display().to_string(),
    ]
}

/// `--truth A --articles A --truth B --articles B --json` gives each set's scores, the same as
/// scoring each alone (whose JSON keeps the single-set shape).
#[test]
fn several_sets_score_in_one_run_as_each_alone() {
    // One pair of flags, one `--set`.
    let mut both = set_args("dev");
    both.push("--set".into());
    both.push(common::shared().join("corpus/dev2").display().to_string());
    both.push("--json".into());
    let (code, out, err) = eval(&both);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let sets = v["sets"].as_array().unwrap_or_else(|| panic!("{v}"));
    assert_eq!(sets.len(), 2);
    for (s, name) in sets.iter().zip(["dev", "dev2"]) {
        assert_eq!(s["set"], name);
        let mut alone = set_args(name);
        alone.push("--json".into());
        let (code, out, err) = eval(&alone);
        assert_eq!(code, 0, "{err}");
        let one: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(one.as_object().unwrap().len(), 7, "{one}");
        assert_eq!(s["scores"], one, "{name}");
    }
    assert_eq!(sets[0]["scores"]["articles"]["n"], 26);
    assert_eq!(sets[1]["scores"]["articles"]["n"], 55);
}

/// The text report lists dev2's failures under their kind, and its summary counts each kind.
#[test]
fn the_text_report_groups_failures_by_kind() {
    let (code, out, err) = eval(&set_args("dev2"));
    assert_eq!(code, 0, "{err}");
    // 222_ar.txt: the Dutch side, «فينفيان هوخين» (Vivian Hoogen) in the truth, is nobody listed
    // and missed (the chargé d'affaires reads as a verb to the name checks).
    let block: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("222_ar.txt:"))
        .take_while(|l| l.starts_with("222_ar.txt:") || l.starts_with("  "))
        .collect();
    assert!(
        block
            .iter()
            .any(|l| l.starts_with("  official nobody listed: ") && l.contains("missed")),
        "{block:?}"
    );
    let summary = out
        .lines()
        .find(|l| l.starts_with("failures "))
        .unwrap_or_else(|| panic!("{out}"));
    // (No date failures are left in dev2 since rules-7.)
    for kind in [
        "look-alike",
        "official nobody listed",
        "several meetings",
        "topics",
    ] {
        assert!(summary.contains(kind), "{summary}");
    }
    // Mismatched flags are refused with a message.
    let mut odd = set_args("dev");
    odd.extend(["--truth".to_string(), "x.json".to_string()]);
    let (code, _, err) = eval(&odd);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--articles once per --truth"), "{err}");
}
