//! The developer tools on the command line: `arshif eval` and `arshif bench` (see
//! [`crate::devtools`]).

use super::CliError;
use crate::devtools::eval::{self, TopicMap};
use crate::extract::Extractor;
use crate::gazetteer::Gazetteer;
use crate::pipeline;
use crate::store::Store;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// `arshif bench`: the numbers on stdout.
///
/// # Errors
/// [`CliError::Bench`] when the benchmark cannot run.
pub(super) fn cmd_bench(opts: crate::devtools::bench::Options, json: bool) -> Result<(), CliError> {
    crate::devtools::bench::run(&opts, json).map_err(|e| CliError::Bench(format!("{e:#}")))
}

/// `arshif eval --truth TRUTH.json --articles DIR [--truth B --articles B ...] [--set DIR ...]`
/// (`--set DIR`: DIR/truth.json and DIR/articles): extraction
/// scored against each truth file, the articles imported into a temporary archive first (so
/// dates are read as the app reads them). One set prints the single-set JSON object; several
/// print `{"sets": [{"set", "truth", "articles_dir", "scores"}, ...]}` (`set`: the articles
/// folder's name, or its parent's when it is called `articles`).
///
/// # Errors
/// The gazetteer, a truth file or an article cannot be read or imported, or `--truth` and
/// `--articles` are not given the same number of times (exit 1).
pub(super) fn cmd_eval(
    truth_paths: &[PathBuf],
    dirs: &[PathBuf],
    set_dirs: &[PathBuf],
    gazetteer_dir: Option<&Path>,
    json: bool,
    bench_rounds: Option<usize>,
) -> Result<(), CliError> {
    if truth_paths.len() != dirs.len() {
        return Err(CliError::Failed(format!(
            "give --articles once per --truth ({} truth files, {} article folders)",
            truth_paths.len(),
            dirs.len()
        )));
    }
    let ex = match gazetteer_dir {
        Some(d) => Extractor::new(&Gazetteer::from_dir(d).map_err(CliError::failed)?),
        None => Extractor::new(&Gazetteer::shipped()),
    };
    let mut pairs: Vec<(PathBuf, PathBuf)> = truth_paths
        .iter()
        .cloned()
        .zip(dirs.iter().cloned())
        .collect();
    pairs.extend(
        set_dirs
            .iter()
            .map(|d| (d.join("truth.json"), d.join("articles"))),
    );
    let mut sets = Vec::new();
    let mut all_texts = Vec::new();
    for (truth_path, dir) in &pairs {
        let (truth, texts) = read_set(truth_path, dir)?;
        let (scores, diagnoses) = eval::evaluate(&ex, &truth, &texts, &TopicMap::shipped());
        all_texts.extend(texts.into_values());
        sets.push(SetScores {
            set: set_name(dir),
            truth: truth_path.display().to_string(),
            articles_dir: dir.display().to_string(),
            scores,
            diagnoses,
        });
    }
    if let Some(rounds) = bench_rounds {
        // Extraction speed on these articles, one thread (a rough figure; `cargo bench --bench
        // extract` is the benchmark).
        let list: Vec<(String, Option<chrono::NaiveDate>)> =
            all_texts.into_iter().map(|t| (t, None)).collect();
        crate::extract::bench(&ex, &list, 3);
        let per_sec = crate::extract::bench(&ex, &list, rounds);
        eprintln!(
            "extraction: {per_sec:.0} articles/s on one thread ({} articles x {rounds} rounds)",
            list.len()
        );
    }
    if json {
        let out = match sets.as_slice() {
            [one] => serde_json::to_string(&one.scores),
            _ => serde_json::to_string(&serde_json::json!({ "sets": sets })),
        };
        println!("{}", out.expect("scores serialise"));
        return Ok(());
    }
    for (i, s) in sets.iter().enumerate() {
        if sets.len() > 1 {
            println!(
                "{}== {} ({})",
                if i > 0 { "\n" } else { "" },
                s.set,
                s.truth
            );
        }
        print_set(&s.scores, &s.diagnoses);
    }
    Ok(())
}

/// One scored set, as `--json` prints it with several sets.
#[derive(serde::Serialize)]
struct SetScores {
    set: String,
    truth: String,
    articles_dir: String,
    scores: eval::EvalReport,
    #[serde(skip)]
    diagnoses: Vec<eval::ArticleDiagnosis>,
}

/// A set's short name: its articles folder's name, or the parent's when that is `articles`.
fn set_name(dir: &Path) -> String {
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    match name(dir) {
        Some(n) if n == "articles" => dir.parent().and_then(name).unwrap_or(n),
        Some(n) => n,
        None => dir.display().to_string(),
    }
}

/// Reads a truth file and imports the articles it names from `dir` into a temporary archive;
/// returns the truth (each article's date the archive's where the file gives one) and the
/// article texts by file name.
fn read_set(
    truth_path: &Path,
    dir: &Path,
) -> Result<(eval::Truth, HashMap<String, String>), CliError> {
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
    Ok((truth, texts))
}

/// Prints a set's failing articles, grouped by failure kind, then its scores.
fn print_set(scores: &eval::EvalReport, diagnoses: &[eval::ArticleDiagnosis]) {
    for d in diagnoses.iter().filter(|d| d.failed()) {
        println!("{}", d.to_text());
    }
    let counts: Vec<String> = eval::count_by_kind(diagnoses)
        .into_iter()
        .map(|(k, n)| format!("{} {n}", k.heading()))
        .collect();
    if !counts.is_empty() {
        println!("failures      {}", counts.join(", "));
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
    let s = &scores.same_meeting;
    println!(
        "same meeting  precision {:.3}  recall {:.3}  F1 {:.3}  (near-miss pairs merged: {})",
        s.precision, s.recall, s.f1, scores.near_miss_merged
    );
}
