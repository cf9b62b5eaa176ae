//! Extraction throughput: articles per second on one thread, over the development corpus
//! (`../shared/corpus/dev/articles`) or, without it, the test fixtures, repeated.
//!
//! Run: `cargo bench --no-default-features --bench extract` (prints one JSON line).

use arshif::extract::{Extractor, bench};
use arshif::gazetteer::Gazetteer;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = [
        root.join("../../shared/corpus/dev/articles"),
        Path::new("/work/shared/corpus/dev/articles").to_path_buf(),
        root.join("tests/fixtures/articles"),
    ];
    let dir = dirs.iter().find(|d| d.is_dir()).expect("an article folder");
    let mut texts = Vec::new();
    for e in std::fs::read_dir(dir).expect("readable article folder") {
        let p = e.expect("folder entry").path();
        if p.extension().is_some_and(|x| x == "txt") {
            texts.push((std::fs::read_to_string(&p).expect("UTF-8 article"), None));
        }
    }
    let t0 = std::time::Instant::now();
    let ex = Extractor::new(&Gazetteer::shipped());
    let build_ms = t0.elapsed().as_secs_f64() * 1000.0;
    bench(&ex, &texts, 5); // warm-up
    let rounds = 200;
    let per_sec = bench(&ex, &texts, rounds);
    let bytes: usize = texts.iter().map(|(t, _)| t.len()).sum();
    println!(
        "{{\"articles\":{},\"rounds\":{},\"articles_per_sec\":{:.0},\"mb_per_sec\":{:.2},\"build_ms\":{:.1}}}",
        texts.len(),
        rounds,
        per_sec,
        per_sec * bytes as f64 / texts.len() as f64 / 1e6,
        build_ms
    );
}
