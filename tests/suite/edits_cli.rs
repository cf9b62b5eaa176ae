//! The correction subcommands end to end, through the real binary and a real archive file:
//! `edit date` survives `reextract`, `undo`/`redo` across processes, `edit not-a-meeting` hides
//! the meeting from `timeline --official`, `official add` finds an unlisted official.

use crate::common;

use crate::common::arshif;

fn rows(db: &std::path::Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["timeline", "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = arshif(db, &args);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
        .as_array()
        .unwrap()
        .clone()
}

fn one(db: &std::path::Path, official: &str) -> serde_json::Value {
    let mut v = rows(db, &["--official", official]);
    assert_eq!(v.len(), 1, "{official}: {v:?}");
    v.remove(0)
}

#[test]
fn edit_reextract_undo_redo_not_a_meeting_and_official_add() {
    let (dir, db) = common::temp_db();
    let seed = common::seed_path();
    let (code, _, err) = arshif(&db, &["import", seed.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let menfi = one(&db, "mohamed_al_menfi");
    let id = menfi["id"].as_i64().unwrap().to_string();
    assert!(menfi["date"].is_null());

    let (code, out, err) = arshif(&db, &["edit", "date", &id, "2021-04-18"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2021-04-18"), "{out}");
    assert_eq!(one(&db, "mohamed_al_menfi")["date"], "2021-04-18");
    assert_eq!(one(&db, "mohamed_al_menfi")["confidence"], 1.0);

    let (code, _, err) = arshif(&db, &["reextract"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(one(&db, "mohamed_al_menfi")["date"], "2021-04-18");
    assert!(one(&db, "Khaled Mazen")["date"].is_null());

    let (code, out, err) = arshif(&db, &["undo"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("undid edit #1: date of meeting"), "{out}");
    assert!(one(&db, "mohamed_al_menfi")["date"].is_null());
    let (code, out, _) = arshif(&db, &["redo"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("redid edit #1"), "{out}");
    assert_eq!(one(&db, "mohamed_al_menfi")["date"], "2021-04-18");
    let (_, out, _) = arshif(&db, &["redo"]);
    assert_eq!(out.trim(), "nothing to redo");

    // Not a Libyan–European meeting: filtering by the official shows nothing, undo brings it back.
    let mazen = one(&db, "Khaled Mazen")["id"].as_i64().unwrap().to_string();
    let (code, out, err) = arshif(&db, &["edit", "not-a-meeting", &mazen]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("now hidden from the timeline"), "{out}");
    assert_eq!(rows(&db, &["--official", "Khaled Mazen"]).len(), 0);
    assert_eq!(rows(&db, &[]).len(), 1);
    let (code, _, _) = arshif(&db, &["undo"]);
    assert_eq!(code, 0);
    assert_eq!(rows(&db, &["--official", "Khaled Mazen"]).len(), 1);

    let (code, out, _) = arshif(&db, &["edit", "list"]);
    assert_eq!(code, 0);
    assert!(out.contains("active") && out.contains("undone"), "{out}");
    assert!(out.ends_with("2 edits\n"), "{out}");

    // An official nobody listed, then an alias.
    let file = dir.path().join("bianchi.txt");
    std::fs::write(
        &file,
        "المنفي يستقبل المبعوث الإيطالي\nاستقبل رئيس المجلس الرئاسي محمد المنفي اليوم في طرابلس كارلو بيانتشي، وبحثا ملف الهجرة غير الشرعية وأمن الحدود.\n",
    )
    .unwrap();
    let (code, _, err) = arshif(&db, &["import", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = arshif(
        &db,
        &[
            "official",
            "add",
            "--name-en",
            "Carlo Bianchi",
            "--name-ar",
            "كارلو بيانكي",
            "--alias",
            "كارلو بيانتشي",
            "--country",
            "IT",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("found in 1 meeting"), "{out}");
    let b = one(&db, "Carlo Bianchi");
    assert_eq!(b["participants"][1]["as_written"], "كارلو بيانتشي");
    // The earlier correction is still there.
    let seed_menfi: Vec<_> = rows(&db, &["--official", "mohamed_al_menfi"])
        .into_iter()
        .filter(|m| m["article_ids"][0] == 1)
        .collect();
    assert_eq!(seed_menfi[0]["date"], "2021-04-18");

    // A meeting added by hand to the seed article.
    let (code, out, err) = arshif(
        &db,
        &[
            "edit",
            "add-meeting",
            "1",
            "--person",
            "Khaled Mazen",
            "--person",
            "Carlo Bianchi",
            "--date",
            "2021-04-20",
            "--place",
            "Rome",
            "--kind",
            "phone_call",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2021-04-20  Rome  phone_call"), "{out}");
    let v: Vec<_> = rows(&db, &["--official", "Carlo Bianchi"]);
    assert_eq!(v.len(), 2);
    let (code, _, _) = arshif(&db, &["undo"]);
    assert_eq!(code, 0);
    assert_eq!(rows(&db, &["--official", "Carlo Bianchi"]).len(), 1);

    let (code, _, err) = arshif(&db, &["alias", "add", "nobody_known", "X Y"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no person with the id «nobody_known» in the gazetteer"),
        "{err}"
    );
}

/// A topic named by one word of its Arabic label («الطاقة», «الاتجار») is found when only one
/// topic has that word; a word several topics share names the candidates.
#[test]
fn add_topic_takes_a_word_of_a_label_in_any_script() {
    let (_d, db) = common::temp_db();
    let seed = common::seed_path();
    let (code, _, err) = arshif(&db, &["import", seed.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let id = one(&db, "Khaled Mazen")["id"].as_i64().unwrap().to_string();
    let topics = |db: &std::path::Path| -> Vec<String> {
        one(db, "Khaled Mazen")["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["key"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!topics(&db).contains(&"energy".to_string()));
    let (code, _, err) = arshif(&db, &["edit", "add-topic", &id, "الطاقة"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        topics(&db).contains(&"energy".to_string()),
        "{:?}",
        topics(&db)
    );
    let (code, _, err) = arshif(&db, &["edit", "add-topic", &id, "أمن"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("«أمن» matches several topics: border_security"),
        "{err}"
    );
    let (code, _, err) = arshif(&db, &["edit", "add-topic", &id, "no-such-topic-xyz"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("no topic matches «no-such-topic-xyz»"),
        "{err}"
    );
}
