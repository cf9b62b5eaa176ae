//! One huge article (`--huge-mb`, under the importer's 32 MiB limit) imported into a fresh
//! archive and searched for its most frequent word: the worst case for snippets (hundreds of
//! thousands of hits in one body).

use crate::devtools::rng::Rng;
use crate::store::Store;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

fn sample_sentences() -> Vec<String> {
    let mut sentences: Vec<String> = Vec::new();
    for (_, bytes) in crate::import::samples::SAMPLES {
        let text = String::from_utf8_lossy(bytes);
        let body = text.rsplit("\n---\n").next().unwrap_or(&text);
        sentences.extend(
            body.split(['.', '\n'])
                .map(str::trim)
                .filter(|s| s.chars().count() > 20)
                .map(String::from),
        );
    }
    sentences
}

/// Import and search of one huge article.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HugeArticle {
    pub megabytes: f64,
    pub import_seconds: f64,
    /// Process peak resident memory (MB) before the import and after it; `None` off Linux.
    pub peak_rss_mb_before: Option<u64>,
    pub peak_rss_mb_after: Option<u64>,
    pub query: String,
    /// How many times the query word occurs in the body.
    pub hits_in_body: usize,
    pub search_ms: f64,
}

/// Imports one article of `megabytes` MB of the bundled samples' sentences into a fresh
/// archive and searches it for its most frequent word of 4+ letters.
///
/// # Errors
/// The article could not be written, imported or found.
pub fn measure(megabytes: f64) -> anyhow::Result<HugeArticle> {
    let sentences = sample_sentences();
    anyhow::ensure!(!sentences.is_empty(), "no sample sentences");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let rng = &mut rng;
    let dir = tempfile::tempdir()?;
    let target = (megabytes * 1e6) as usize;
    let mut text = String::from("مقال طويل جدا للاختبار\n");
    while text.len() < target {
        text.push_str(&sentences[rng.below(sentences.len())]);
        text.push_str(". ");
    }
    let file = dir.path().join("huge.txt");
    std::fs::write(&file, &text)?;
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for w in crate::text::tokens::words(&text[..text.len().min(200_000)]) {
        if w.text.chars().count() >= 4 {
            *counts.entry(w.text).or_default() += 1;
        }
    }
    let query = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(w, _)| w)
        .ok_or_else(|| anyhow::anyhow!("the huge article has no words"))?;
    let hits_in_body = crate::text::tokens::words(&text)
        .into_iter()
        .filter(|w| w.text == query)
        .count();
    drop(text);
    let mut store = Store::open(dir.path().join("huge.sqlite"))?;
    let before = super::sys::peak_rss_mb().map(|m| m as u64);
    let t = Instant::now();
    let report =
        crate::import::import_paths(&mut store, &[&file], &mut |_| {}, &AtomicBool::new(false))?;
    let import_seconds = t.elapsed().as_secs_f64();
    let after = super::sys::peak_rss_mb().map(|m| m as u64);
    anyhow::ensure!(
        report.imported == 1,
        "the huge article did not import: {report:?}"
    );
    let t = Instant::now();
    let hits = crate::search::search(&store, &query, 20)?;
    let search_ms = t.elapsed().as_secs_f64() * 1000.0;
    anyhow::ensure!(
        hits.len() == 1,
        "the huge article was not found by «{query}»"
    );
    Ok(HugeArticle {
        megabytes,
        import_seconds,
        peak_rss_mb_before: before,
        peak_rss_mb_after: after,
        query,
        hits_in_body,
        search_ms,
    })
}
