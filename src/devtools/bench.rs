//! `arshif bench`: import and search throughput on a generated corpus (not a test: numbers for
//! people, on whatever machine runs it).
//!
//! The corpus is built from the bundled sample articles' sentences, shuffled with a fixed seed
//! into `articles` files of about 3 KB, each with a unique serial number so none is a duplicate.
//! They are written as `.txt` files to a temporary folder and imported into a temporary archive
//! with [`crate::import::import_paths`]; then `queries` searches of 1–2 words drawn from the
//! corpus vocabulary run through [`crate::search::search`] (top 20 with snippets).
//!
//! Then one huge article (`huge_mb` megabytes of the same sentences, under the importer's
//! 32 MiB limit) is imported into a fresh archive and searched for its most frequent word: the
//! worst case for snippets (hundreds of thousands of hits in one body). Peak memory is the
//! process's high-water mark (`VmHWM` in `/proc/self/status`, Linux) before and after.

use super::rng::Rng;
use crate::store::Store;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// Runs the benchmark and prints the numbers on stdout (JSON with `json`).
///
/// # Errors
/// The generated corpus could not be written, imported or searched (the CLI prints the error
/// and exits with 1).
pub fn run(articles: usize, queries: usize, huge_mb: f64, json: bool) -> anyhow::Result<()> {
    let m = measure(articles, queries, huge_mb)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&m).expect("numbers serialise")
        );
        return Ok(());
    }
    println!(
        "import: {} articles ({:.1} MB) in {:.2} s = {:.0} articles/s",
        m.articles,
        m.megabytes,
        m.import_seconds,
        m.articles as f64 / m.import_seconds
    );
    println!(
        "search: {} queries, p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms, {:.1} hits/query",
        m.queries, m.query_p50_ms, m.query_p95_ms, m.query_max_ms, m.mean_hits
    );
    println!("archive: {:.1} MB", m.archive_megabytes);
    if let Some(h) = &m.huge {
        println!(
            "huge article: {:.1} MB imported in {:.2} s (peak memory {} MB, was {} MB); \
             search «{}» ({} hits in it) {:.1} ms",
            h.megabytes,
            h.import_seconds,
            h.peak_rss_mb_after.map_or("?".into(), |m| m.to_string()),
            h.peak_rss_mb_before.map_or("?".into(), |m| m.to_string()),
            h.query,
            h.hits_in_body,
            h.search_ms
        );
    }
    Ok(())
}

/// The measurements.
#[derive(Debug, serde::Serialize)]
pub struct Measurements {
    pub articles: usize,
    pub megabytes: f64,
    pub import_seconds: f64,
    pub queries: usize,
    pub query_p50_ms: f64,
    pub query_p95_ms: f64,
    pub query_max_ms: f64,
    pub mean_hits: f64,
    pub archive_megabytes: f64,
    /// The one-huge-article measurement (absent when `huge_mb` is 0).
    pub huge: Option<HugeArticle>,
}

/// Import and search of one huge article.
#[derive(Debug, serde::Serialize)]
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

/// The process's peak resident set size in MB (`VmHWM`), on Linux.
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

fn measure_huge(
    sentences: &[String],
    rng: &mut Rng,
    megabytes: f64,
) -> anyhow::Result<HugeArticle> {
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
    let before = peak_rss_mb();
    let t = Instant::now();
    let report =
        crate::import::import_paths(&mut store, &[&file], &mut |_| {}, &AtomicBool::new(false))?;
    let import_seconds = t.elapsed().as_secs_f64();
    let after = peak_rss_mb();
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

/// Generates the corpus, imports it and times the queries.
pub fn measure(articles: usize, queries: usize, huge_mb: f64) -> anyhow::Result<Measurements> {
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
    anyhow::ensure!(
        !sentences.is_empty(),
        "no sample sentences to build a corpus from"
    );
    let dir = tempfile::tempdir()?;
    let files = dir.path().join("corpus");
    std::fs::create_dir(&files)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0usize;
    for i in 0..articles {
        let mut text = format!("{} {}\n", sentences[rng.below(sentences.len())], i);
        while text.len() < 3000 {
            text.push_str(&sentences[rng.below(sentences.len())]);
            text.push_str(". ");
        }
        text.push_str(&format!("رقم {i}"));
        bytes += text.len();
        std::fs::write(files.join(format!("{i:06}.txt")), text)?;
    }
    let db = dir.path().join("bench.sqlite");
    let mut store = Store::open(&db)?;
    let t = Instant::now();
    let report =
        crate::import::import_paths(&mut store, &[&files], &mut |_| {}, &AtomicBool::new(false))?;
    let import_seconds = t.elapsed().as_secs_f64();
    anyhow::ensure!(
        report.failed == 0,
        "{} generated files failed to import",
        report.failed
    );

    let vocab: Vec<String> = sentences
        .iter()
        .flat_map(|s| crate::text::tokens::words(s).into_iter().map(|w| w.text))
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let mut times = Vec::with_capacity(queries);
    let mut hits = 0usize;
    for _ in 0..queries {
        let q = if rng.below(2) == 0 {
            vocab[rng.below(vocab.len())].clone()
        } else {
            format!(
                "{} {}",
                vocab[rng.below(vocab.len())],
                vocab[rng.below(vocab.len())]
            )
        };
        let t = Instant::now();
        hits += crate::search::search(&store, &q, 20)?.len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        times
            .get(((times.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let archive_bytes = std::fs::metadata(&db)?.len()
        + std::fs::metadata(db.with_extension("sqlite-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    Ok(Measurements {
        articles,
        megabytes: bytes as f64 / 1e6,
        import_seconds,
        queries,
        query_p50_ms: pct(0.5),
        query_p95_ms: pct(0.95),
        query_max_ms: times.last().copied().unwrap_or(0.0),
        mean_hits: hits as f64 / queries.max(1) as f64,
        archive_megabytes: archive_bytes as f64 / 1e6,
        huge: if huge_mb > 0.0 {
            Some(measure_huge(&sentences, &mut rng, huge_mb)?)
        } else {
            None
        },
    })
}
