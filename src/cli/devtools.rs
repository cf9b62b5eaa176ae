//! The developer tools on the command line: `arshif eval` and `arshif bench` (see
//! [`crate::devtools`]).

use super::CliError;
use crate::devtools::eval::{self, TopicMap};
use crate::extract::Extractor;
use crate::gazetteer::Gazetteer;
use crate::pipeline;
use crate::store::Store;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// `arshif bench`: the numbers on stdout.
///
/// # Errors
/// [`CliError::Bench`] when the benchmark cannot run.
pub(super) fn cmd_bench(
    articles: usize,
    queries: usize,
    huge_mb: f64,
    json: bool,
) -> Result<(), CliError> {
    crate::devtools::bench::run(articles, queries, huge_mb, json)
        .map_err(|e| CliError::Bench(e.to_string()))
}

/// `arshif eval --truth TRUTH.json --articles DIR`: extraction scored against a truth file, the
/// articles imported into a temporary archive first (so dates are read as the app reads them).
///
/// # Errors
/// The gazetteer, the truth file or an article cannot be read or imported (exit 1).
pub(super) fn cmd_eval(
    truth_path: &Path,
    dir: &Path,
    gazetteer_dir: Option<&Path>,
    json: bool,
    bench_rounds: Option<usize>,
) -> Result<(), CliError> {
    let ex = match gazetteer_dir {
        Some(d) => Extractor::new(&Gazetteer::from_dir(d).map_err(CliError::failed)?),
        None => Extractor::new(&Gazetteer::shipped()),
    };
    let text = std::fs::read_to_string(truth_path).map_err(|e| {
        CliError::Failed(format!(
            "cannot read the truth file {}: {e}",
            truth_path.display()
        ))
    })?;
    let mut truth: eval::Truth = serde_json::from_str(&text).map_err(|e| {
        CliError::Failed(format!(
            "the truth file {} is not valid: {e}",
            truth_path.display()
        ))
    })?;
    let tmp = tempfile::tempdir()
        .map_err(|e| CliError::Failed(format!("cannot create a temporary archive: {e}")))?;
    let mut store = Store::open(tmp.path().join("eval.sqlite"))?;
    let paths: Vec<_> = truth.articles.iter().map(|a| dir.join(&a.file)).collect();
    let report =
        crate::import::import_paths(&mut store, &paths, &mut |_| {}, &AtomicBool::new(false))?;
    // File name → stored article id (imported, or the earlier article it duplicates).
    let mut ids = HashMap::new();
    for f in &report.files {
        if let Some(id) = f.article_id {
            let name = Path::new(&f.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            ids.insert(name.unwrap_or_default(), id);
        }
    }
    let mut texts = HashMap::new();
    for a in &mut truth.articles {
        let Some(&id) = ids.get(&a.file) else {
            let why = report
                .files
                .iter()
                .find(|f| f.path.ends_with(&a.file))
                .and_then(|f| f.reason.clone())
                .unwrap_or_else(|| "not found".into());
            return Err(CliError::Failed(format!(
                "{} was not imported: {why}",
                a.file
            )));
        };
        let Ok(Some(article)) = store.article(id) else {
            // Imported a moment ago: cannot happen short of a failing disk; nothing to add.
            return Err(CliError::Reported);
        };
        // The archive's own date where the file gives one; else the truth's published_date, as
        // a user would set it.
        if let Some(d) = pipeline::resolving_date(article.date.as_ref()) {
            a.published_date = Some(d.format("%Y-%m-%d").to_string());
        }
        texts.insert(
            a.file.clone(),
            pipeline::article_text(&article.headline, &article.body),
        );
    }
    let (scores, diagnoses) = eval::evaluate(&ex, &truth, &texts, &TopicMap::shipped());
    if let Some(rounds) = bench_rounds {
        // Extraction speed on these articles, one thread (a rough figure; `cargo bench --bench
        // extract` is the benchmark).
        let list: Vec<(String, Option<chrono::NaiveDate>)> =
            texts.values().map(|t| (t.clone(), None)).collect();
        crate::extract::bench(&ex, &list, 3);
        let per_sec = crate::extract::bench(&ex, &list, rounds);
        eprintln!(
            "extraction: {per_sec:.0} articles/s on one thread ({} articles x {rounds} rounds)",
            list.len()
        );
    }
    if json {
        println!(
            "{}",
            serde_json::to_string(&scores).expect("scores serialise")
        );
        return Ok(());
    }
    for d in diagnoses.iter().filter(|d| {
        d.matched != d.truth_meetings
            || d.predicted_meetings != d.truth_meetings
            || !d.missed_people.is_empty()
            || !d.extra_people.is_empty()
            || !d.date_errors.is_empty()
    }) {
        println!(
            "{}: {} of {} meetings matched ({} predicted){}{}{}",
            d.file,
            d.matched,
            d.truth_meetings,
            d.predicted_meetings,
            if d.missed_people.is_empty() {
                String::new()
            } else {
                format!("; missed {}", d.missed_people.join(", "))
            },
            if d.extra_people.is_empty() {
                String::new()
            } else {
                format!("; extra {}", d.extra_people.join(", "))
            },
            if d.date_errors.is_empty() {
                String::new()
            } else {
                format!("; dates {}", d.date_errors.join(", "))
            },
        );
    }
    println!(
        "articles      accuracy {:.3} (n={})",
        scores.articles.accuracy, scores.articles.n
    );
    for (name, p) in [
        ("meetings", &scores.meetings),
        ("participants", &scores.participants),
        ("topics", &scores.topics),
    ] {
        println!(
            "{name:<13} precision {:.3}  recall {:.3}  F1 {:.3}",
            p.precision, p.recall, p.f1
        );
    }
    println!(
        "dates         accuracy {:.3} (n={})",
        scores.dates.accuracy, scores.dates.n
    );
    Ok(())
}
