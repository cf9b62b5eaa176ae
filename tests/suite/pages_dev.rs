//! Pages over the dev corpus imported into a real archive, through the real binary: the
//! Lamorgese page (truth: shared/corpus/dev/truth.json), spellings, "did you mean", the network.

use crate::common;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::arshif;

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// The article id of the dev file whose name starts with `prefix`.
pub fn article_id(db: &Path, prefix: &str) -> i64 {
    let store = arshif::store::Store::open(db).unwrap();
    common::sql(&store)
        .query_row(
            "SELECT id FROM articles WHERE source_path LIKE ?1",
            [format!("%/{prefix}%")],
            |r| r.get(0),
        )
        .unwrap()
}

/// Imports the dev corpus into a fresh archive and dates the two articles whose meetings truth
/// dates only by inference (000: «اليوم», 2021-04-19; 004_ar: Friday 2019-09-06).
pub fn dev_archive() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = common::temp_db();
    let (code, _, err) = arshif(&db, &["import", common::corpus().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    for (file, date) in [("000_", "2021-04-19"), ("004_ar", "2019-09-06")] {
        let id = article_id(&db, file).to_string();
        let (code, _, err) = arshif(&db, &["set-date", &id, date]);
        assert_eq!(code, 0, "{err}");
    }
    (dir, db)
}

/// One dev archive shared by the read-only tests of this file.
fn shared_archive() -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(dev_archive).1
}

/// (date, place key, sorted counterpart keys, article ids) of each meeting on an official page.
fn meetings(page: &Value) -> Vec<(String, String, Vec<String>, Vec<i64>)> {
    let me = page["key"].as_str().unwrap();
    page["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let mut others: Vec<String> = m["participants"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["person"]["key"].as_str().unwrap().to_string())
                .filter(|k| k != me)
                .collect();
            others.sort();
            (
                m["date"].as_str().unwrap_or("").to_string(),
                m["place"]["key"].as_str().unwrap_or("").to_string(),
                others,
                m["article_ids"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_i64().unwrap())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn lamorgese_page_has_tripoli_visits_and_rome_meeting_apart_with_sources() {
    let db = shared_archive();
    let (code, out, err) = arshif(db, &["page", "official", "Lamorgese", "--json"]);
    assert_eq!(code, 0, "{err}");
    let page = json(&out);
    assert_eq!(page["page"], "official");
    assert_eq!(page["key"], "luciana_lamorgese");
    assert_eq!(page["country"], "IT");
    let ms = meetings(&page);
    let seed = article_id(db, "000_");
    let rome = article_id(db, "004_ar");
    let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // The seed article's two meetings of 2021-04-19 in Tripoli are two meetings, each with its
    // source, and come first (oldest first among dated meetings after the Rome one).
    // Mazen–Lamorgese is one meeting with its reports (the seed, the 001_ar preview and the
    // undated 036_it), grouped by `events`; Menfi–Lamorgese the same day is another. (028_en
    // reports it too, but its dateline day, 2021-04-22, is taken as the meeting's.)
    let mut mazen_sources = vec![seed, article_id(db, "001_ar"), article_id(db, "036_it")];
    mazen_sources.sort();
    let mazen = (
        "2021-04-19".to_string(),
        "tripoli".to_string(),
        v(&["khaled_mazen"]),
        mazen_sources,
    );
    let menfi = (
        "2021-04-19".to_string(),
        "tripoli".to_string(),
        v(&["mohamed_al_menfi"]),
        vec![seed],
    );
    let maiteeq = (
        "2019-09-06".to_string(),
        "rome".to_string(),
        v(&["ahmed_maiteeq"]),
        vec![rome],
    );
    assert_eq!(ms[0], maiteeq, "{ms:#?}");
    assert!(ms[1..3].contains(&mazen), "{ms:#?}");
    assert!(ms[1..3].contains(&menfi), "{ms:#?}");
    // The 2021-08-04 visit (031_en) with Dbeibah.
    let dbeibah = article_id(db, "031_en");
    assert!(
        ms.contains(&(
            "2021-08-04".into(),
            "tripoli".into(),
            v(&["abdul_hamid_dbeibah"]),
            vec![dbeibah]
        )),
        "{ms:#?}"
    );
    // Counterparts counted by meeting: Mazen most often.
    assert_eq!(page["counterparts"][0]["key"], "khaled_mazen");
    assert_eq!(page["counterparts"][0]["count"], 5);
    // Roles with their sources; the spellings seen in Arabic and Latin script.
    let role = &page["roles"][0];
    assert_eq!(role["role"], "Minister of the Interior");
    assert_eq!(role["body"]["key"], "it_interior");
    assert_eq!(role["first"], "2019-09-06");
    assert!(
        role["article_ids"]
            .as_array()
            .unwrap()
            .contains(&Value::from(seed))
    );
    let spellings: Vec<&str> = page["spellings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    for s in [
        "Luciana Lamorgese",
        "لوتشانا لامورجيزي",
        "لامورجيزي",
        "Lamorgese",
    ] {
        assert!(spellings.contains(&s), "{s} not in {spellings:?}");
    }
    // The topic page counts per year.
    let (code, out, err) = arshif(db, &["page", "topic", "illegal_migration", "--json"]);
    assert_eq!(code, 0, "{err}");
    let topic = json(&out);
    assert_eq!(topic["name_ar"], "الهجرة غير الشرعية");
    // 2019: the Rome meeting; 2021: the seed's two meetings and 031_en's; 2025: dev's two dated.
    assert_eq!(
        topic["per_year"],
        serde_json::json!([[2019, 1], [2021, 3], [2025, 2]])
    );
    // Undated meetings, each counted once however many undated reports it has.
    assert_eq!(topic["undated"], 5);
}

#[test]
fn spellings_in_both_scripts_open_one_page_and_misspellings_get_did_you_mean() {
    let db = shared_archive();
    for name in [
        "Dbaiba",
        "Dbeibeh",
        "Abdulhamid Dabaiba",
        "Abdel Hamid al-Dbeiba",
        "الدبيبه",
        "الدبيبة",
    ] {
        let (code, out, err) = arshif(db, &["page", "official", name, "--json"]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(json(&out)["key"], "abdul_hamid_dbeibah", "{name}");
    }
    for name in ["Mishri", "Khaled Mechri", "al-Meshri"] {
        let (code, out, err) = arshif(db, &["page", "official", name, "--json"]);
        assert_eq!(code, 0, "{name}: {err}");
        assert_eq!(json(&out)["key"], "khalid_al_mishri", "{name}");
    }
    let (code, out, err) = arshif(db, &["page", "official", "Lamorgesi", "--json"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean"), "{err}");
    let r = json(&out);
    assert_eq!(r["result"], "unknown");
    assert_eq!(r["did_you_mean"][0]["page"]["key"], "luciana_lamorgese");
    assert_eq!(r["did_you_mean"][0]["distance"], 1);
    // Several officials start with "Khal": a list, not a guess.
    let (code, out, _) = arshif(db, &["page", "official", "Khal", "--json"]);
    assert_eq!(code, 2);
    assert_eq!(json(&out)["result"], "ambiguous");
    // Country and body pages.
    let (code, out, err) = arshif(db, &["page", "country", "إيطاليا", "--json"]);
    assert_eq!(code, 0, "{err}");
    let it = json(&out);
    assert_eq!(it["page"]["key"], "IT");
    assert_eq!(it["people"][0]["key"], "luciana_lamorgese");
    let (code, out, err) = arshif(db, &["page", "body", "it_interior", "--json"]);
    assert_eq!(code, 0, "{err}");
    let body = json(&out);
    let people: Vec<&str> = body["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["key"].as_str().unwrap())
        .collect();
    assert_eq!(people[0], "luciana_lamorgese");
    assert!(people.contains(&"matteo_piantedosi"), "{people:?}");
}

#[test]
fn network_is_laid_out_the_same_way_every_time() {
    let db = shared_archive();
    let store = arshif::store::Store::open(db).unwrap();
    let filter = arshif::model::Filter::default();
    let a = arshif::pages::network(&store, &filter).unwrap();
    let b = arshif::pages::network(&store, &filter).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.positions.len(), a.nodes.len());
    assert!(
        a.positions
            .iter()
            .all(|p| (0.0..=1.0).contains(&p[0]) && (0.0..=1.0).contains(&p[1]))
    );
    let idx = |k: &str| a.nodes.iter().position(|n| n.key == k).unwrap();
    let (lam, maz) = (idx("luciana_lamorgese"), idx("khaled_mazen"));
    let edge = a
        .edges
        .iter()
        .find(|e| (e.a, e.b) == (maz.min(lam), maz.max(lam)))
        .expect("Lamorgese–Mazen edge");
    // Meetings, not reports: five meetings however many articles report each.
    assert_eq!(edge.count, 5);
    // Same-side officials are not joined: Mazen and al-Menfi met Lamorgese together.
    let menfi = idx("mohamed_al_menfi");
    assert!(
        !a.edges
            .iter()
            .any(|e| (e.a, e.b) == (maz.min(menfi), maz.max(menfi)))
    );
    // The CLI prints the same layout, and a filter narrows the network.
    let (code, out, _) = arshif(db, &["network", "--json", "--official", "Lamorgese"]);
    assert_eq!(code, 0);
    let net = json(&out);
    let keys: Vec<&str> = net["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"luciana_lamorgese") && keys.contains(&"khaled_mazen"));
    assert!(!keys.contains(&"luigi_di_maio"), "{keys:?}");
}

/// The page key and meeting count `name` opens, and its spellings.
fn opened(db: &Path, name: &str) -> (String, usize, Vec<String>) {
    let (code, out, err) = arshif(db, &["page", "official", name, "--json"]);
    assert_eq!(code, 0, "{name}: {err}");
    let p = json(&out);
    (
        p["key"].as_str().unwrap().to_string(),
        p["meetings"].as_array().unwrap().len(),
        p["spellings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["key"].as_str().unwrap().to_string())
            .collect(),
    )
}

#[test]
fn did_you_mean_then_merge_split_and_undo_through_the_cli() {
    let (_dir, db) = common::temp_db();
    let dev2 = common::shared().join("corpus/dev2/articles");
    let (code, _, err) = arshif(&db, &["import", dev2.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // dev2 names «Fathi Pashagha», one letter from the listed Fathi Bashagha: offered, not merged.
    // (It was «Fathi Pashagha» until 231_en/243_it's past visit, which names him, was dropped as
    // background, as the truth has it.)
    let (code, out, err) = arshif(&db, &["entity", "suggest", "--json"]);
    assert_eq!(code, 0, "{err}");
    let list = json(&out);
    let milad = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "new:fathi pashagha")
        .unwrap_or_else(|| panic!("{list:#}"));
    assert_eq!(milad["did_you_mean"][0]["page"]["key"], "fathi_bashagha");
    assert_eq!(milad["did_you_mean"][0]["distance"], 1);
    // One article (237_en), the four meetings of the ambassadors' round: his is one.
    assert_eq!(milad["meetings"], 1);
    let unmerged = (
        "new:fathi pashagha".to_string(),
        1,
        vec!["Fathi Pashagha".to_string()],
    );
    assert_eq!(opened(&db, "Fathi Pashagha"), unmerged);

    // Merge: the spelling is Maatouf's, across a re-extraction, until undone.
    let (code, out, err) = arshif(
        &db,
        &["entity", "merge", "Fathi Pashagha", "fathi_bashagha"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("merged into fathi_bashagha"), "{out}");
    let merged = (
        "fathi_bashagha".to_string(),
        1,
        vec!["Fathi Pashagha".to_string()],
    );
    assert_eq!(opened(&db, "Fathi Pashagha"), merged);
    let (code, _, err) = arshif(&db, &["reextract"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(opened(&db, "Fathi Pashagha"), merged);
    let (code, _, err) = arshif(&db, &["undo"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(opened(&db, "Fathi Pashagha"), unmerged);
    let (code, _, err) = arshif(&db, &["redo"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(opened(&db, "Fathi Pashagha"), merged);

    // Split the spelling off again; undo brings the merge back. A main name cannot be split off.
    let (code, _, err) = arshif(
        &db,
        &["entity", "split", "fathi_bashagha", "Fathi Pashagha"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(opened(&db, "Fathi Pashagha"), unmerged);
    let (code, _, err) = arshif(&db, &["undo"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(opened(&db, "Fathi Pashagha"), merged);
    let (code, _, err) = arshif(
        &db,
        &["entity", "split", "fathi_bashagha", "Fathi Bashagha"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("main name"), "{err}");
}
