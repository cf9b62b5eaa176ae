//! `arshif bench`: the archive's speed and size against raw SQLite, on a generated corpus (not a
//! test: numbers for people, on whatever machine runs it; see the README's "Performance").
//!
//! One run, each phase's resident-memory peak recorded apart ([`sys`]):
//! 1. **generate**: [`crate::devtools::generate::Corpus`] writes `articles` `.md` files of about
//!    3 KB (Arabic, English, Italian; about 1.5 meetings each) to a folder;
//! 2. **baseline**: the same files read back and their title and body inserted into a plain
//!    SQLite FTS5 table (stock `unicode61`) in one transaction
//!    ([`crate::store::baseline::fts5_insert_all`]): the floor of any SQLite full-text archive;
//! 3. **import**: the app's import path, [`crate::pipeline::import_and_extract`], over the folder
//!    into a new archive (read, decode, parse, normalise, store, index, then extract and store
//!    the meetings); its size is the main file plus the WAL once the connection is closed (SQLite
//!    checkpoints then);
//! 4. **search**: `queries` queries of 1–3 words ([`workload::search_queries`]) through
//!    [`crate::search::search`], top 20 with snippets;
//! 5. **filter**: what the app computes on a filter change ([`crate::ui`]'s store archive): the
//!    first page of the timeline ([`crate::query::timeline_page`], `PAGE` rows, with the count of
//!    all matching), [`crate::query::facets`] and the two totals, for the filters of
//!    [`workload::filter_cases`];
//! 6. **frames** (feature `gui`): the real app over the archive, headless
//!    ([`crate::ui::bench::measure`]): time per frame idle and while scrolling the timeline;
//! 7. **first frame**: this binary started as the app (`--screenshot`) under the current
//!    display, timed until its screenshot (taken once the timeline is filled and the newest
//!    meeting open) is written; `None` without a display.
//!
//! Times are wall-clock; p50/p95 are nearest-rank percentiles.

mod huge;
mod sys;
pub mod workload;

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::devtools::generate::{Corpus, split_corpus_file};
use crate::store::Store;

/// Timeline rows the app reads on a filter change (its first page: `ui::store_archive::PAGE_SIZE`).
const PAGE: usize = 200;

pub use sys::Machine;

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Generated articles.
    pub articles: usize,
    /// Timed search queries.
    pub queries: usize,
    /// Rounds of the filter list (11 filter changes each).
    pub filter_rounds: usize,
    /// Timed frames, idle and scrolling each (0 skips the frame phase).
    pub frames: usize,
    /// Start the app for the first-frame time (needs a display).
    pub first_frame: bool,
    /// One huge article of this many MB imported and searched at the end (0 skips it).
    pub huge_mb: f64,
    /// Work (and keep the corpus, the baseline and the archive) in this folder instead of a
    /// temporary one; it must be empty or missing.
    pub dir: Option<PathBuf>,
    /// The corpus seed.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            articles: 2000,
            queries: 200,
            filter_rounds: 4,
            frames: 300,
            first_frame: true,
            huge_mb: 0.0,
            dir: None,
            seed: 0x9E37_79B9_7F4A_7C15,
        }
    }
}

/// One phase's peak resident memory.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Phase {
    pub name: String,
    /// Wall time of the phase, seconds.
    pub seconds: f64,
    /// Peak resident memory during the phase in MB (`VmHWM`, reset before it when
    /// `rss_reset` is true, else the process's running high-water mark); `None` off Linux.
    pub peak_rss_mb: Option<f64>,
}

/// Where the import's time went.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ImportSplit {
    /// Reading, decoding, parsing, normalising, storing and indexing the files
    /// ([`crate::import::import_paths`]), seconds.
    pub files_s: f64,
    /// Finding and storing the meetings ([`crate::pipeline::extract_pending`]), seconds.
    pub extract_s: f64,
    /// Extraction alone (no archive), one thread, per article, over up to 500 of the corpus'
    /// articles, milliseconds; `extract_s` less this times the articles is roughly what
    /// storing meetings costs.
    pub extract_only_ms_per_article: f64,
}

/// The numbers of one run (the JSON object `--json` prints).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub articles: usize,
    /// Meetings in the archive after the import.
    pub meetings: usize,
    /// Distinct officials in the facet list, and distinct meeting days.
    pub officials: usize,
    pub meeting_days: usize,
    /// Bytes of the generated files.
    pub corpus_bytes: u64,
    pub baseline_insert_s: f64,
    pub baseline_db_bytes: u64,
    pub import_s: f64,
    pub import_ratio: f64,
    pub import_split: ImportSplit,
    pub db_bytes: u64,
    pub size_ratio: f64,
    pub search_queries: usize,
    pub search_p50_ms: f64,
    pub search_p95_ms: f64,
    pub search_max_ms: f64,
    pub search_mean_hits: f64,
    pub filter_changes: usize,
    pub filter_p50_ms: f64,
    pub filter_p95_ms: f64,
    pub filter_max_ms: f64,
    /// The slowest filter change's name.
    pub filter_slowest: String,
    /// Frame wall time while scrolling the full timeline (ms); `None` without the `gui` feature.
    pub frame_p50_ms: Option<f64>,
    pub frame_p95_ms: Option<f64>,
    /// The same frames' CPU time on the UI thread (ms).
    pub frame_cpu_p50_ms: Option<f64>,
    pub frame_cpu_p95_ms: Option<f64>,
    /// Frames with the full timeline on screen and no input (ms, wall).
    pub frame_idle_p50_ms: Option<f64>,
    pub frame_idle_p95_ms: Option<f64>,
    /// In process: building the app until the first frame showing the timeline (s).
    pub open_to_timeline_s: Option<f64>,
    /// Cold start of the app process to its first frame showing the timeline's first page and
    /// the facet counts (s; marked by the app on stderr, see `ui::FRAME_MARKS_ENV`); `None`
    /// without a display (the reason is on stderr).
    pub first_frame_s: Option<f64>,
    /// Cold start to the first complete frame: the timeline, its counts and the newest meeting
    /// open in the reader, nothing left to read (s).
    pub complete_frame_s: Option<f64>,
    /// Cold start to the window's first frame, drawn before the archive's data is in (s).
    pub window_s: Option<f64>,
    /// Cold start to the screenshot file written (s): the complete frame, then a quiet second
    /// and a half (the app's poll for other writers) and the PNG encoding.
    pub screenshot_s: Option<f64>,
    /// The app process's peak resident memory (MB), when it ran.
    pub app_peak_rss_mb: Option<f64>,
    /// The highest of the phases' peaks and the app's (MB).
    pub peak_rss_mb: Option<f64>,
    /// Whether the high-water mark could be reset between phases (`/proc/self/clear_refs`).
    pub rss_reset: bool,
    pub phases: Vec<Phase>,
    pub machine: Machine,
    pub command: String,
    /// The one-huge-article measurement (absent when `--huge-mb` is 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub huge: Option<huge::HugeArticle>,
}

/// Nearest-rank percentile `p` (0..=1) of `v` (sorted here); 0 for an empty list.
fn pct(v: &[f64], p: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    if s.is_empty() {
        return 0.0;
    }
    let rank = ((p * s.len() as f64).ceil() as usize).clamp(1, s.len());
    s[rank - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Size of an SQLite file with its WAL, in bytes.
fn db_size(path: &Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(path).map_or(0, |m| m.len())
        + std::fs::metadata(PathBuf::from(wal)).map_or(0, |m| m.len())
}

/// Records phases and their memory peaks.
struct Phases {
    list: Vec<Phase>,
    reset: bool,
    started: Instant,
}

impl Phases {
    fn new() -> Self {
        Self {
            list: Vec::new(),
            reset: true,
            started: Instant::now(),
        }
    }
    fn start(&mut self) {
        self.reset &= sys::reset_peak_rss();
        self.started = Instant::now();
    }
    fn end(&mut self, name: &str) -> f64 {
        let seconds = self.started.elapsed().as_secs_f64();
        self.list.push(Phase {
            name: name.to_owned(),
            seconds,
            peak_rss_mb: sys::peak_rss_mb(),
        });
        seconds
    }
}

/// Runs the benchmark; progress goes to stderr.
///
/// # Errors
/// The corpus could not be written, the baseline or the archive could not be written or read,
/// an import failed, or the app's timeline did not appear (each error names what failed).
pub fn measure(opts: &Options) -> anyhow::Result<Report> {
    use anyhow::Context as _;
    let machine = Machine::here();
    let tmp;
    let dir: PathBuf = match &opts.dir {
        Some(d) => {
            std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
            anyhow::ensure!(
                std::fs::read_dir(d)?.next().is_none(),
                "the folder {} is not empty",
                d.display()
            );
            d.clone()
        }
        None => {
            tmp = tempfile::tempdir()?;
            tmp.path().to_path_buf()
        }
    };
    let files = dir.join("corpus");
    std::fs::create_dir_all(&files)?;
    let mut phases = Phases::new();

    // 1. The corpus (queries drawn from its first 2,000 articles).
    eprintln!(
        "bench: writing {} articles to {}",
        opts.articles,
        files.display()
    );
    phases.start();
    let mut sample = Vec::new();
    let mut corpus_bytes = 0u64;
    let mut written = 0usize;
    for a in Corpus::new(opts.articles, opts.seed)? {
        let path = files.join(&a.file);
        std::fs::write(&path, &a.text)
            .with_context(|| format!("cannot write {}", path.display()))?;
        corpus_bytes += a.text.len() as u64;
        written += a.meetings_written;
        if sample.len() < 2000 {
            sample.push(a);
        }
    }
    let queries = workload::search_queries(&sample, opts.queries, opts.seed ^ 0x51);
    phases.end("generate");
    eprintln!(
        "bench: {:.1} MB written, {written} meeting sentences",
        corpus_bytes as f64 / 1e6
    );
    // Extraction alone, one thread, no archive (before the phases, so the sample is gone by then).
    let shipped = crate::extract::Extractor::new(&crate::gazetteer::Gazetteer::shipped());
    let extract_only_ms_per_article = {
        let n = sample.len().min(500);
        let t = Instant::now();
        for a in &sample[..n] {
            let text = crate::pipeline::article_text(&a.headline, &a.body);
            std::hint::black_box(shipped.extract(&text, None));
        }
        ms(t.elapsed()) / n.max(1) as f64
    };
    drop(sample);
    drop(shipped);

    // 2. Baseline: the same files into a plain FTS5 table, one transaction.
    let mut names: Vec<PathBuf> = std::fs::read_dir(&files)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    names.sort();
    let base_path = dir.join("baseline.sqlite");
    phases.start();
    // Each file read as it is inserted (reading is part of the cost, as for the import).
    let mut unreadable = None;
    let pairs = names
        .iter()
        .map_while(|p| match std::fs::read_to_string(p) {
            Ok(t) => Some(match split_corpus_file(&t) {
                Some((h, b)) => (h.to_owned(), b.to_owned()),
                None => (String::new(), t),
            }),
            Err(e) => {
                unreadable = Some(anyhow::anyhow!("cannot read {}: {e}", p.display()));
                None
            }
        });
    let baseline_db_bytes = crate::store::baseline::fts5_insert_all(&base_path, pairs)?;
    if let Some(e) = unreadable {
        return Err(e);
    }
    let baseline_insert_s = phases.end("baseline");
    eprintln!("bench: baseline {baseline_insert_s:.2} s");

    // 3. Arshif's import, the app's path.
    let db = dir.join("arshif.sqlite");
    let mut store = Store::open(&db)?;
    let extractor = crate::pipeline::archive_extractor(&store)?;
    phases.start();
    let t = Instant::now();
    let mut files_done: Option<Duration> = None;
    let run = crate::pipeline::import_and_extract(
        &mut store,
        &extractor,
        &[&files],
        &mut |_| {},
        &mut |_, _| {
            files_done.get_or_insert_with(|| t.elapsed());
        },
        &AtomicBool::new(false),
    )?;
    let import_s = t.elapsed().as_secs_f64();
    drop(store);
    phases.end("import");
    anyhow::ensure!(
        run.import.imported == opts.articles,
        "{} of {} generated files imported ({} failed, {} duplicates)",
        run.import.imported,
        opts.articles,
        run.import.failed,
        run.import.duplicates
    );
    let found = run.found?;
    let files_s = files_done.map_or(import_s, |d| d.as_secs_f64());
    let db_bytes = db_size(&db);
    eprintln!(
        "bench: import {import_s:.2} s ({files_s:.2} s files, {:.2} s meetings), {} meetings",
        import_s - files_s,
        found.meetings
    );

    // 4. Search.
    let store = Store::open(&db)?;
    phases.start();
    let mut search_ms = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    for q in &queries {
        let t = Instant::now();
        hits += crate::search::search(&store, q, 20)?.len();
        search_ms.push(ms(t.elapsed()));
    }
    phases.end("search");

    // 5. Filter changes: what the app computes (the first page of rows, facet counts, totals).
    let all = crate::query::facets(&store, &crate::query::Filter::default())?;
    let meetings = crate::store::meetings::count_meetings(&store)?.max(0) as usize;
    let officials = all.of(crate::query::Facet::Officials).len();
    let meeting_days = {
        let rows = crate::query::timeline(&store, &crate::query::Filter::default())?;
        rows.iter()
            .filter_map(|m| m.date)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let cases = workload::filter_cases(&all, &queries, opts.filter_rounds, opts.seed ^ 0xF1);
    phases.start();
    let mut filter_ms = Vec::with_capacity(cases.len());
    let mut slowest = (0.0, String::new());
    for c in &cases {
        let t = Instant::now();
        let rows = crate::query::timeline_page(&store, &c.filter, 0, PAGE)?.rows;
        let facets = crate::query::facets(&store, &c.filter)?;
        let total = crate::store::meetings::count_meetings(&store)?;
        let articles = store.count_articles()?;
        std::hint::black_box((rows.len(), facets.undated, total, articles));
        let took = ms(t.elapsed());
        if took > slowest.0 {
            slowest = (took, c.what.clone());
        }
        filter_ms.push(took);
    }
    phases.end("filter");
    drop(store);

    // 6. Frames of the real app.
    let frames = if opts.frames > 0 {
        frame_phase(&db, opts.frames, &mut phases)?
    } else {
        None
    };

    // 7. Cold start to the first complete frame.
    let cold = if opts.first_frame {
        first_frame(&db, &dir)
    } else {
        ColdStart::default()
    };
    let (first_frame_s, app_peak_rss_mb) = (cold.timeline_s, cold.peak_rss_mb);

    let huge = if opts.huge_mb > 0.0 {
        phases.start();
        let h = huge::measure(opts.huge_mb)?;
        phases.end("huge article");
        Some(h)
    } else {
        None
    };

    let peak_rss_mb = phases
        .list
        .iter()
        .filter_map(|p| p.peak_rss_mb)
        .chain(app_peak_rss_mb)
        .reduce(f64::max);
    let scroll = frames.as_ref().map(|f| &f.scrolling);
    let idle = frames.as_ref().map(|f| &f.idle);
    Ok(Report {
        articles: opts.articles,
        meetings,
        officials,
        meeting_days,
        corpus_bytes,
        baseline_insert_s,
        baseline_db_bytes,
        import_s,
        import_ratio: import_s / baseline_insert_s.max(1e-9),
        import_split: ImportSplit {
            files_s,
            extract_s: import_s - files_s,
            extract_only_ms_per_article,
        },
        db_bytes,
        size_ratio: db_bytes as f64 / baseline_db_bytes.max(1) as f64,
        search_queries: queries.len(),
        search_p50_ms: pct(&search_ms, 0.5),
        search_p95_ms: pct(&search_ms, 0.95),
        search_max_ms: pct(&search_ms, 1.0),
        search_mean_hits: hits as f64 / queries.len().max(1) as f64,
        filter_changes: cases.len(),
        filter_p50_ms: pct(&filter_ms, 0.5),
        filter_p95_ms: pct(&filter_ms, 0.95),
        filter_max_ms: pct(&filter_ms, 1.0),
        filter_slowest: slowest.1,
        frame_p50_ms: scroll.map(|f| pct(&f.wall_ms, 0.5)),
        frame_p95_ms: scroll.map(|f| pct(&f.wall_ms, 0.95)),
        frame_cpu_p50_ms: scroll.map(|f| pct(&f.cpu_ms, 0.5)),
        frame_cpu_p95_ms: scroll.map(|f| pct(&f.cpu_ms, 0.95)),
        frame_idle_p50_ms: idle.map(|f| pct(&f.wall_ms, 0.5)),
        frame_idle_p95_ms: idle.map(|f| pct(&f.wall_ms, 0.95)),
        open_to_timeline_s: frames.as_ref().map(|f| f.open_ms / 1e3),
        first_frame_s,
        complete_frame_s: cold.complete_s,
        window_s: cold.window_s,
        screenshot_s: cold.screenshot_s,
        app_peak_rss_mb,
        peak_rss_mb,
        rss_reset: phases.reset,
        phases: phases.list,
        machine,
        command: std::env::args().collect::<Vec<_>>().join(" "),
        huge,
    })
}

/// Frame times in the order they ran, idle and scrolling (never built without `gui`).
#[cfg_attr(not(feature = "gui"), allow(dead_code))]
struct Frames {
    open_ms: f64,
    idle: FrameTimesMs,
    scrolling: FrameTimesMs,
}

#[cfg_attr(not(feature = "gui"), allow(dead_code))]
struct FrameTimesMs {
    wall_ms: Vec<f64>,
    cpu_ms: Vec<f64>,
}

#[cfg(feature = "gui")]
fn frame_phase(db: &Path, frames: usize, phases: &mut Phases) -> anyhow::Result<Option<Frames>> {
    phases.start();
    let r = crate::ui::bench::measure(db, frames, Duration::from_secs(1800))?;
    phases.end("frames");
    eprintln!("bench: the app showed {} cards", r.cards);
    let conv = |t: crate::ui::bench::FrameTimes| FrameTimesMs {
        wall_ms: t.wall_ms,
        cpu_ms: t.cpu_ms,
    };
    Ok(Some(Frames {
        open_ms: r.open_ms,
        idle: conv(r.idle),
        scrolling: conv(r.scrolling),
    }))
}

#[cfg(not(feature = "gui"))]
fn frame_phase(_: &Path, _: usize, _: &mut Phases) -> anyhow::Result<Option<Frames>> {
    eprintln!("bench: no frame times: this binary was built without the `gui` feature");
    Ok(None)
}

/// Without the window there is no cold start to time.
#[cfg(not(feature = "gui"))]
fn first_frame(_db: &Path, _dir: &Path) -> ColdStart {
    eprintln!("bench: no first-frame time: this binary was built without the `gui` feature");
    ColdStart::default()
}

/// What a cold start of the app measured (all `None` when it could not run).
#[derive(Default)]
struct ColdStart {
    /// Start to the window's first frame (s).
    window_s: Option<f64>,
    /// Start to the first frame with the timeline (s).
    timeline_s: Option<f64>,
    /// Start to the first complete frame (s).
    complete_s: Option<f64>,
    /// Start to the screenshot file written (s).
    screenshot_s: Option<f64>,
    /// The app process's peak memory (MB).
    peak_rss_mb: Option<f64>,
}

/// Starts this binary as the app on `db` with `--screenshot` and the frame marks on
/// (`ui::FRAME_MARKS_ENV`), and times its stderr marks and the screenshot file from the spawn.
/// `None`s, with the reason on stderr, without a display, without the `gui` feature, or when
/// the app fails.
#[cfg(feature = "gui")]
fn first_frame(db: &Path, dir: &Path) -> ColdStart {
    use crate::ui::{FRAME_MARKS_ENV, MARK_COMPLETE_FRAME, MARK_FIRST_FRAME, MARK_TIMELINE_FRAME};
    let none = ColdStart::default();
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "bench: no first-frame time: neither DISPLAY nor WAYLAND_DISPLAY is set \
             (run under a display, e.g. `xvfb-run -a arshif bench`)"
        );
        return none;
    }
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("bench: no first-frame time: cannot find this binary: {e}");
            return none;
        }
    };
    let shot = dir.join("first-frame.png");
    let t = Instant::now();
    let child = std::process::Command::new(&exe)
        .arg("--db")
        .arg(db)
        .arg("--screenshot")
        .arg(&shot)
        .env(FRAME_MARKS_ENV, "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            eprintln!(
                "bench: no first-frame time: cannot start {}: {e}",
                exe.display()
            );
            return none;
        }
    };
    // The marks, timed as they arrive; every other line kept for the error message.
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let (mut window, mut timeline, mut complete) = (None, None, None);
        let mut other = String::new();
        if let Some(e) = stderr {
            use std::io::BufRead as _;
            for line in std::io::BufReader::new(e).lines().map_while(Result::ok) {
                let at = t.elapsed().as_secs_f64();
                match line.as_str() {
                    MARK_FIRST_FRAME => window = window.or(Some(at)),
                    MARK_TIMELINE_FRAME => timeline = timeline.or(Some(at)),
                    MARK_COMPLETE_FRAME => complete = complete.or(Some(at)),
                    _ => {
                        other.push_str(&line);
                        other.push('\n');
                    }
                }
            }
        }
        (window, timeline, complete, other)
    });
    let mut seen = None;
    let status = loop {
        if seen.is_none() && shot.exists() {
            seen = Some(t.elapsed().as_secs_f64());
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {}
            Err(e) => {
                eprintln!("bench: no first-frame time: {e}");
                return none;
            }
        }
        if t.elapsed() > Duration::from_secs(600) {
            let _ = child.kill();
            let _ = child.wait();
            eprintln!("bench: no first-frame time: the app showed nothing within 600 s");
            return none;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if seen.is_none() && shot.exists() {
        seen = Some(t.elapsed().as_secs_f64());
    }
    let (window_s, timeline_s, complete_s, err) = reader.join().unwrap_or_default();
    let peak_rss_mb = sys::children_peak_rss_mb();
    if !status.success() || seen.is_none() {
        eprintln!(
            "bench: no first-frame time: the app exited with {status}: {}",
            err.trim()
        );
        return ColdStart {
            peak_rss_mb,
            ..none
        };
    }
    if timeline_s.is_none() || complete_s.is_none() {
        eprintln!(
            "bench: the app gave no frame marks (built without them?): {}",
            err.trim()
        );
    }
    ColdStart {
        window_s,
        timeline_s,
        complete_s,
        screenshot_s: seen,
        peak_rss_mb,
    }
}

fn opt(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2} {unit}"))
}

/// The report as a readable table.
pub fn table(r: &Report) -> String {
    let mb = |b: u64| b as f64 / 1e6;
    let mut s = String::new();
    let mut row = |what: &str, value: String| s.push_str(&format!("{what:<34} {value}\n"));
    row(
        "corpus",
        format!(
            "{} articles, {:.1} MB; {} meetings, {} officials, {} meeting days",
            r.articles,
            mb(r.corpus_bytes),
            r.meetings,
            r.officials,
            r.meeting_days
        ),
    );
    row(
        "baseline insert (FTS5, 1 tx)",
        format!("{:.2} s", r.baseline_insert_s),
    );
    row(
        "import (app path)",
        format!(
            "{:.2} s = {:.1}x baseline (files {:.2} s, meetings {:.2} s; extraction alone {:.2} ms/article)",
            r.import_s,
            r.import_ratio,
            r.import_split.files_s,
            r.import_split.extract_s,
            r.import_split.extract_only_ms_per_article
        ),
    );
    row(
        "archive size",
        format!(
            "{:.1} MB = {:.2}x baseline ({:.1} MB)",
            mb(r.db_bytes),
            r.size_ratio,
            mb(r.baseline_db_bytes)
        ),
    );
    row(
        "search (top 20, snippets)",
        format!(
            "p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} queries, {:.1} hits each)",
            r.search_p50_ms, r.search_p95_ms, r.search_max_ms, r.search_queries, r.search_mean_hits
        ),
    );
    row(
        "filter change (rows + facets)",
        format!(
            "p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} changes; slowest: {})",
            r.filter_p50_ms, r.filter_p95_ms, r.filter_max_ms, r.filter_changes, r.filter_slowest
        ),
    );
    row(
        "frame while scrolling (wall)",
        format!(
            "p50 {}, p95 {} (UI thread CPU p50 {}, p95 {})",
            opt(r.frame_p50_ms, "ms"),
            opt(r.frame_p95_ms, "ms"),
            opt(r.frame_cpu_p50_ms, "ms"),
            opt(r.frame_cpu_p95_ms, "ms")
        ),
    );
    row(
        "frame idle, full timeline",
        format!(
            "p50 {}, p95 {}",
            opt(r.frame_idle_p50_ms, "ms"),
            opt(r.frame_idle_p95_ms, "ms")
        ),
    );
    row(
        "app open to timeline (in process)",
        opt(r.open_to_timeline_s, "s"),
    );
    row(
        "first frame (cold start, Xvfb)",
        format!(
            "{} with the timeline (window {}, with the reader {}, screenshot written {})",
            opt(r.first_frame_s, "s"),
            opt(r.window_s, "s"),
            opt(r.complete_frame_s, "s"),
            opt(r.screenshot_s, "s")
        ),
    );
    let phases: Vec<String> = r
        .phases
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p.name,
                p.peak_rss_mb.map_or("?".into(), |m| format!("{m:.0} MB"))
            )
        })
        .collect();
    row(
        "peak memory",
        format!(
            "{} (phases: {}; app {}){}",
            opt(r.peak_rss_mb, "MB"),
            phases.join(", "),
            opt(r.app_peak_rss_mb, "MB"),
            if r.rss_reset {
                ""
            } else {
                " [running high-water mark: no reset]"
            }
        ),
    );
    row(
        "machine",
        format!(
            "{} cores, {}, {} MB, {}, {}{}",
            r.machine.cores,
            r.machine.cpu,
            r.machine.memory_mb.unwrap_or(0),
            r.machine.os,
            r.machine.date,
            if r.machine.release_build {
                ""
            } else {
                ", DEBUG build"
            }
        ),
    );
    if let Some(h) = &r.huge {
        row(
            "huge article",
            format!(
                "{:.1} MB imported in {:.2} s; search «{}» ({} hits in it) {:.1} ms",
                h.megabytes, h.import_seconds, h.query, h.hits_in_body, h.search_ms
            ),
        );
    }
    s
}

/// Runs the benchmark and prints the report on stdout (one JSON object with `json`, else a
/// table).
///
/// # Errors
/// As [`measure`].
pub fn run(opts: &Options, json: bool) -> anyhow::Result<()> {
    let r = measure(opts)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&r).expect("numbers serialise")
        );
    } else {
        print!("{}", table(&r));
    }
    Ok(())
}
