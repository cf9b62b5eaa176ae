//! Language detection over the shared dev corpus: whole article and headline alone.

use arshif::text::lang::detect;
use std::path::PathBuf;

#[test]
fn corpus_languages_match_truth_for_articles_and_headlines() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let read = |p: PathBuf| {
        std::fs::read_to_string(&p).unwrap_or_else(|e| {
            panic!(
                "the shared corpus file {} is missing or unreadable ({e}); \
                 it belongs to the shared test material (shared/corpus/dev) beside the repository",
                p.display()
            )
        })
    };
    let truth: serde_json::Value = serde_json::from_str(&read(dir.join("truth.json"))).unwrap();
    let mut wrong = Vec::new();
    let mut n = 0;
    for a in truth["articles"].as_array().unwrap() {
        let file = a["file"].as_str().unwrap();
        let want = a["lang"].as_str().unwrap();
        let text = read(dir.join("articles").join(file));
        let headline = text.lines().next().unwrap_or("");
        n += 1;
        for (what, t) in [("article", text.as_str()), ("headline", headline)] {
            let got = detect(t).code();
            if got != want {
                wrong.push(format!("{file} {what}: {got}, truth {want} ({headline})"));
            }
        }
    }
    assert!(n >= 20, "only {n} articles");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
