//! `arshif stats` and `arshif reindex`: archive totals and search-index maintenance.

use super::CliError;
use super::archive::open;
use serde_json::json;
use std::path::Path;

/// `arshif reindex`: rebuilds the search index.
pub(super) fn cmd_reindex(db: Option<&Path>) -> Result<(), CliError> {
    let store = open(db)?;
    store.rebuild_search_index()?;
    let n = store.count_articles()?;
    println!(
        "search index rebuilt for {n} articles in {}",
        store.path().display()
    );
    Ok(())
}

/// `arshif stats`: archive totals.
pub(super) fn cmd_stats(db: Option<&Path>, json: bool) -> Result<(), CliError> {
    let store = open(db)?;
    let s = store.stats()?;
    if json {
        let by_lang: serde_json::Map<String, serde_json::Value> = s
            .by_lang
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        let v = json!({
            "archive": store.path().display().to_string(),
            "articles": s.articles,
            "dated": s.dated,
            "undated": s.undated,
            "earliest": s.earliest,
            "latest": s.latest,
            "by_lang": by_lang,
            "schema_version": s.schema_version,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&v).expect("stats serialise")
        );
        return Ok(());
    }
    println!("archive:   {}", store.path().display());
    println!(
        "articles:  {} ({} dated, {} undated)",
        s.articles, s.dated, s.undated
    );
    if let (Some(a), Some(b)) = (&s.earliest, &s.latest) {
        println!("dates:     {a} … {b}");
    }
    let langs: Vec<String> = s.by_lang.iter().map(|(k, v)| format!("{k} {v}")).collect();
    if !langs.is_empty() {
        println!("languages: {}", langs.join(", "));
    }
    Ok(())
}
