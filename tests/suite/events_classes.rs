//! Classes of reports of one meeting that the grouping ([`arshif::events`]) must join or keep
//! apart, checked end to end (`arshif import`, `set-date`, `timeline --json`) on articles
//! written for this test (never copied from the shared corpus).

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

/// Timeline rows as (sorted person keys, article ids).
fn rows(db: &Path) -> Vec<(Vec<String>, Vec<i64>)> {
    let v: serde_json::Value = serde_json::from_str(&run(db, &["timeline", "--json"])).unwrap();
    let mut out: Vec<(Vec<String>, Vec<i64>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let mut keys: Vec<String> = m["participants"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|p| p["person"]["key"].as_str().map(str::to_string))
                .collect();
            keys.sort();
            let mut ids: Vec<i64> = m["article_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_i64().unwrap())
                .collect();
            ids.sort();
            (keys, ids)
        })
        .collect();
    out.sort();
    out
}

/// A dated report that lists the delegation accompanying the visitor ("Accompanying Abela are
/// ...") and an undated one naming only the two principals are one meeting; an undated report
/// that adds people of the host's side is another occasion.
#[test]
fn an_undated_report_of_the_principals_joins_the_report_listing_the_delegation() {
    let (dir, db) = common::temp_db();
    let texts = [
        "Maltese premier in Tripoli\nMaltese Prime Minister Robert Abela met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli today. Accompanying Abela are Foreign Minister Evarist Bartolo, Finance Minister Clyde Caruana and Home Affairs Minister Byron Camilleri.\n",
        "Abela off to Libya\nMaltese Prime Minister Robert Abela has left for Tripoli, where he will meet Libyan Prime Minister Abdul Hamid Dbeibah.\n",
        "Abela and Libyan ministers\nIn Tripoli, Maltese Prime Minister Robert Abela met Libyan Prime Minister Abdul Hamid Dbeibah, Foreign Minister Najla Mangoush and Interior Minister Khaled Mazen.\n",
    ];
    let mut paths = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let p = dir.path().join(format!("{}.txt", ["a", "b", "c"][i]));
        std::fs::write(&p, t).unwrap();
        paths.push(p.to_string_lossy().into_owned());
    }
    let mut args = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    run(&db, &args);
    run(&db, &["set-date", "1", "2021-04-05"]);
    let got = rows(&db);
    let k = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            (
                k(&[
                    "abdul_hamid_dbeibah",
                    "byron_camilleri",
                    "clyde_caruana",
                    "evarist_bartolo",
                    "robert_abela"
                ]),
                vec![1, 2]
            ),
            (
                k(&[
                    "abdul_hamid_dbeibah",
                    "khaled_mazen",
                    "najla_mangoush",
                    "robert_abela"
                ]),
                vec![3]
            ),
        ]
    );
}
