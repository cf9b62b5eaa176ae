//! Extraction over the shared development corpus (`../shared/corpus/dev`), scored by the eval
//! harness. Skips (with a message) when the corpus is not beside the repository.

use arshif::eval::{TopicMap, evaluate_files};
use arshif::extract::Extractor;
use arshif::gazetteer::Gazetteer;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dev");
    let q = Path::new("/work/shared/corpus/dev").to_path_buf();
    [p, q].into_iter().find(|p| p.join("truth.json").exists())
}

fn gazetteer() -> Gazetteer {
    if std::env::var_os("FIXTURE_GAZ").is_some() {
        return Gazetteer::from_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gazetteer"),
        )
        .unwrap();
    }
    Gazetteer::shipped()
}

#[test]
#[ignore = "debug dump: cargo test --test extract_dev dump -- --ignored --nocapture"]
fn dump() {
    let Some(dir) = corpus() else { return };
    let ex = Extractor::new(&gazetteer());
    let only = std::env::var("ONLY").unwrap_or_default();
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("truth.json")).unwrap()).unwrap();
    for a in truth["articles"].as_array().unwrap() {
        let f = a["file"].as_str().unwrap();
        if !f.contains(&only) {
            continue;
        }
        let date = a["published_date"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let text = std::fs::read_to_string(dir.join("articles").join(f)).unwrap();
        let ms = ex.extract(&text, date);
        println!(
            "===== {f} LE={} meetings={}",
            a["is_libya_europe"],
            ms.len()
        );
        for m in ms {
            println!(
                "  {:?} {:?} date={:?}/{:?}/{:?} place={:?} conf={:.2}",
                m.kind,
                m.status,
                m.date.date,
                m.date.how,
                m.date.expression,
                m.place.as_ref().map(|p| &p.id),
                m.confidence
            );
            for p in &m.participants {
                println!(
                    "     P {:?} {:?} role={:?} c={:?}",
                    p.entity, p.name, p.role, p.country
                );
            }
            println!(
                "     T {:?}",
                m.topics.iter().map(|t| t.id.as_str()).collect::<Vec<_>>()
            );
        }
    }
    let (r, diags) = evaluate_files(
        &ex,
        &dir.join("truth.json"),
        &dir.join("articles"),
        &TopicMap::shipped(),
    )
    .unwrap();
    for d in diags {
        println!("{}", serde_json::to_string(&d).unwrap());
    }
    println!("{}", serde_json::to_string(&r).unwrap());
}
