//! `arshif bench`: import and search throughput on a generated corpus (not a test: numbers for
//! people, on whatever machine runs it).
//!
//! The corpus is built from the bundled sample articles' sentences, shuffled with a fixed seed
//! into `articles` files of about 3 KB, each with a unique serial number so none is a duplicate.
//! They are written as `.txt` files to a temporary folder and imported into a temporary archive
//! with [`crate::import::import_paths`]; then `queries` searches of 1–2 words drawn from the
//! corpus vocabulary run through [`crate::search::search`] (top 20 with snippets).

use crate::cli::{EXIT_FAILED, EXIT_OK};
use crate::store::Store;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// A small deterministic generator (xorshift64*), enough for shuffling text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Runs the benchmark and prints the numbers; returns the exit code.
pub fn run(articles: usize, queries: usize, json: bool) -> u8 {
    match measure(articles, queries) {
        Ok(m) => {
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&m).expect("numbers serialise")
                );
            } else {
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
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("arshif bench: {e}");
            EXIT_FAILED
        }
    }
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
}

/// Generates the corpus, imports it and times the queries.
pub fn measure(articles: usize, queries: usize) -> anyhow::Result<Measurements> {
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
        hits += crate::search::search(store.conn(), &q, 20)?.len();
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
    })
}
