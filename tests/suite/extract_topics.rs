//! Topics of a meeting, one test per class of cue rule; the values asserted are the truth's
//! (`dev/truth.json`, `dev2/truth.json`), the articles real.

use arshif::extract::Extractor;
use arshif::gazetteer::Gazetteer;

/// The topic ids of each meeting extracted from `set`'s article `file`.
fn topics(set: &str, file: &str) -> Vec<Vec<String>> {
    let p = crate::common::shared()
        .join("corpus")
        .join(set)
        .join("articles")
        .join(file);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let ms = Extractor::new(&Gazetteer::shipped()).extract(&text, None);
    assert!(!ms.is_empty(), "{file}: no meeting");
    ms.iter()
        .map(|m| m.topics.iter().map(|t| t.id.clone()).collect())
        .collect()
}

fn any_has(ts: &[Vec<String>], id: &str) -> bool {
    ts.iter().flatten().any(|t| t == id)
}

/// A government's name is no topic: «Governo di unità nazionale» is not "unity" (truth: security
/// cooperation, irregular migration, border security, human trafficking).
#[test]
fn a_government_name_is_no_topic() {
    let ts = topics("dev2", "244_it.txt");
    assert!(!any_has(&ts, "sovereignty"), "{ts:?}");
    assert!(any_has(&ts, "human_trafficking"), "{ts:?}");
}

/// A Latin cue written inside a proper name is no topic ("the GNS MoI's Department for Combating
/// Illegal Immigration"); a listed agency's name keeps its topic (Frontex, "European Border and
/// Coast Guard Agency"; truth: border management, coast guard, technical cooperation).
#[test]
fn a_cue_inside_a_latin_proper_name_is_no_topic_unless_an_agency_is_named() {
    let ts = topics("dev", "033_en.txt");
    assert!(!ts[0].contains(&"illegal_migration".to_string()), "{ts:?}");
    assert!(ts[0].contains(&"border_security".to_string()), "{ts:?}");
    assert!(ts[0].contains(&"coast_guard".to_string()), "{ts:?}");
}

/// «الأمن والاستقرار» ("security and stability") is a stock wish for the country, not security
/// cooperation (truth: support for the GNU, UN arms embargo, bilateral cooperation agreements,
/// illegal migration).
#[test]
fn security_and_stability_is_a_stock_wish() {
    let ts = topics("dev2", "210_ar.txt");
    assert!(!any_has(&ts, "security_cooperation"), "{ts:?}");
}

/// "The region" and "the Mediterranean" as places are no regional topic: «في ليبيا والمنطقة»
/// (truth: political and security developments, EU–Libya cooperation, ...), "maritime
/// boundaries in the Mediterranean" (truth: maritime agreements, Libyan peace process, Greek
/// positions); "the Libyan peace process" is the political process.
#[test]
fn a_region_named_as_a_place_is_no_topic() {
    let ts = topics("dev2", "218_ar.txt");
    assert!(!any_has(&ts, "regional_situation"), "{ts:?}");
    let ts = topics("dev2", "233_en.txt");
    assert!(!any_has(&ts, "regional_situation"), "{ts:?}");
    assert!(any_has(&ts, "political_process"), "{ts:?}");
}

/// Topic scores on dev and dev2 never fall below today's (dev: precision 0.892, F1 0.857; dev2:
/// precision 0.836, F1 0.648, truth labels the mapping does not list read through the cues).
#[test]
fn topic_scores_do_not_drop() {
    use arshif::devtools::eval::{TopicMap, evaluate_files};
    let ex = Extractor::new(&Gazetteer::shipped());
    // Generic cues only as what the talks were about, earlier events and stability wishes
    // left out (extract/topics.rs) took dev from 0.762 to 0.892 and dev2 from 0.721 to 0.836 (recall 0.506 to 0.529).
    for (set, precision, f1) in [("dev", 0.89, 0.85), ("dev2", 0.83, 0.64)] {
        let dir = crate::common::shared().join("corpus").join(set);
        let (r, _) = evaluate_files(
            &ex,
            &dir.join("truth.json"),
            &dir.join("articles"),
            &TopicMap::shipped(),
        )
        .unwrap();
        let shown = serde_json::to_string(&r).unwrap();
        assert!(r.topics.precision >= precision, "{set}: {shown}");
        assert!(r.topics.f1 >= f1, "{set}: {shown}");
    }
}
