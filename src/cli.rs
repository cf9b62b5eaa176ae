//! The command line: clap definitions, human and `--json` output, exit codes.
//!
//! Exit codes: [`EXIT_OK`] (0) success; [`EXIT_FAILED`] (1) some inputs failed (an import with
//! failed files, an unknown article id, an archive that cannot be opened); [`EXIT_USAGE`] (2) a
//! usage error (clap reports those itself).

mod edit;
mod meetings;

use crate::import::{self, ImportReport, Outcome, Progress};
use crate::search::{self, Hit};
use crate::store::{Store, StoreError};
use clap::{Parser, Subcommand};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// Success.
pub const EXIT_OK: u8 = 0;
/// Some inputs failed.
pub const EXIT_FAILED: u8 = 1;
/// Usage error.
pub const EXIT_USAGE: u8 = 2;

/// Arshif (أرشيف): a personal archive of news articles with Arabic-aware search.
///
/// Without a subcommand it opens the app.
#[derive(Debug, Parser)]
#[command(name = "arshif", version, about, long_about = None)]
pub struct Cli {
    /// The archive file (default: $ARSHIF_DB, else archive.sqlite in your data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Render the app on the archive, save a PNG of the window to FILE and exit (needs a display;
    /// under Xvfb on a headless machine).
    #[arg(long, value_name = "FILE")]
    pub screenshot: Option<PathBuf>,
    /// With --screenshot: the UI language (en or ar).
    #[arg(long, value_name = "LANG", requires = "screenshot")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import article files or folders (.txt .md .html .htm .json .jsonl .csv).
    Import {
        /// Files or folders (folders are read recursively).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print one JSON object: {imported, duplicates, failed, skipped, files: [...]}.
        #[arg(long)]
        json: bool,
    },
    /// Watch a folder (and its subfolders) and import the article files saved into it, as they
    /// land: one line per file (as `import` prints), until Ctrl+C. Files already there are
    /// imported first (those already in the archive are counted, not listed).
    Watch {
        /// The inbox folder.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// How long a file must stay unchanged before it is imported, in milliseconds.
        #[arg(long, value_name = "MS", default_value_t = 2000)]
        settle_ms: u64,
        /// Print JSON lines: {"event": "watching" | "file" | "batch" | "problem" | "stopped", ...}.
        #[arg(long)]
        json: bool,
    },
    /// Search the archive. Words are ANDed; "quoted words" are a phrase; a trailing * is a prefix.
    Search {
        /// The query (several arguments are joined with spaces).
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// Most hits to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print a JSON list of hits: [{id, headline, date, snippet, ...}].
        #[arg(long)]
        json: bool,
    },
    /// Show one article.
    Show {
        /// The article id (as printed by `search` and `import`).
        id: i64,
        /// Print the article as a JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Archive totals.
    Stats {
        /// Print a JSON object: {articles, dated, undated, ...}.
        #[arg(long)]
        json: bool,
    },
    /// The meetings found in the archive, oldest or newest first, with the same filters as the app.
    Timeline {
        #[command(flatten)]
        filter: FilterArgs,
        /// Print a JSON list of meetings.
        #[arg(long)]
        json: bool,
    },
    /// Write the meetings the filters select to a file (csv, csv-excel, json, jsonl, ics, geojson).
    Export {
        #[command(flatten)]
        filter: FilterArgs,
        /// Output format: csv, csv-excel (UTF-8 with BOM, for spreadsheets), json, jsonl,
        /// ics (RFC 5545 calendar), geojson (RFC 7946).
        #[arg(long, short, default_value = "csv")]
        format: String,
        /// The file to write (replaced atomically).
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
    },
    /// Run meeting extraction again over every article (after a gazetteer or rules change).
    /// The user's article dates are kept.
    Reextract {
        /// Print a JSON object: {articles, meetings}.
        #[arg(long)]
        json: bool,
    },
    /// Set an article's publication date (YYYY-MM-DD, or any date Arshif reads, e.g. «19 أبريل 2021»);
    /// meetings dated only by «اليوم», «oggi» or "yesterday" then get their dates.
    SetDate {
        /// The article id.
        id: i64,
        /// The date.
        date: String,
    },
    /// Score meeting extraction against a truth file (schema: shared/corpus/dev/truth.json):
    /// the articles are imported into a temporary archive first.
    Eval {
        /// The truth file.
        #[arg(long, value_name = "TRUTH.json")]
        truth: PathBuf,
        /// The folder holding the articles the truth file names.
        #[arg(long, value_name = "DIR")]
        articles: PathBuf,
        /// A gazetteer folder (*.toml, the layout of assets/gazetteer) to use instead of the shipped one.
        #[arg(long, value_name = "DIR")]
        gazetteer: Option<PathBuf>,
        /// Print exactly one JSON object: {articles, meetings, participants, topics, dates}.
        #[arg(long)]
        json: bool,
        /// Also time extraction over the articles this many times and print articles/s on stderr.
        #[arg(long, value_name = "ROUNDS")]
        bench: Option<usize>,
    },
    /// Rebuild the search index (needed only after an upgrade that changes how words are indexed).
    Reindex,
    /// Correct a meeting: MEETING is the number `timeline` prints ("meeting #12"). Corrections
    /// are kept apart from what extraction found and survive `reextract`; `undo` reverts them.
    Edit {
        #[command(subcommand)]
        edit: edit::EditCommand,
    },
    /// Undo the last edit (a correction, an article date, an alias or official added).
    Undo,
    /// Redo the edit undone last.
    Redo,
    /// Add another spelling to a person, place or body of the gazetteer.
    Alias {
        #[command(subcommand)]
        cmd: edit::AliasCommand,
    },
    /// Add an official nobody listed, with names in both scripts, role, body and country.
    Official {
        #[command(subcommand)]
        cmd: edit::OfficialCommand,
    },
    /// Measure import and search throughput on a generated corpus in a temporary archive.
    Bench {
        /// Number of generated articles.
        #[arg(long, default_value_t = 2000)]
        articles: usize,
        /// Number of timed queries.
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// Size of the one huge article imported and searched at the end (MB; 0 skips it).
        #[arg(long, default_value_t = 12.0)]
        huge_mb: f64,
        /// Print the measurements as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The timeline filters, shared by `timeline` and `export` (the app uses the same `Filter`).
/// Names may be given as keys (`khaled_mazen`) or as names in any script («خالد مازن», Mazen).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only meetings whose reporting articles match this search (Arabic-aware).
    #[arg(long)]
    pub text: Option<String>,
    /// An official (repeatable; several are ORed).
    #[arg(long = "official", value_name = "NAME")]
    pub officials: Vec<String>,
    /// A ministry or body (repeatable).
    #[arg(long = "body", value_name = "NAME")]
    pub bodies: Vec<String>,
    /// A country code or name (repeatable): LY, IT, EU, Malta ...
    #[arg(long = "country", value_name = "NAME")]
    pub countries: Vec<String>,
    /// A topic (repeatable): illegal_migration, "الهجرة" ...
    #[arg(long = "topic", value_name = "NAME")]
    pub topics: Vec<String>,
    /// A place (repeatable).
    #[arg(long = "place", value_name = "NAME")]
    pub places: Vec<String>,
    /// A meeting kind (repeatable): consult, phone_call, visit, host, third_location.
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// First day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<chrono::NaiveDate>,
    /// Last day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<chrono::NaiveDate>,
    /// Leave out undated meetings.
    #[arg(long)]
    pub dated_only: bool,
    /// Leave out announced and cancelled meetings.
    #[arg(long)]
    pub held_only: bool,
    /// Oldest first (default: newest first).
    #[arg(long)]
    pub oldest_first: bool,
}

/// The message printed when the binary runs without a subcommand but has no app built in.
pub const NO_GUI: &str = "arshif: this build has no app window (it was built without the `gui` feature); use a subcommand:";

/// Opens the archive for `--db` (see [`import::open_archive`]) for a command that reads or edits
/// it, reporting problems on stderr. An archive named by `--db` or `ARSHIF_DB` must already exist:
/// a mistyped path is an error, not a new empty archive (only `import` creates one; the default
/// archive is created, with the samples, on first use).
fn open(db: Option<&Path>) -> Result<Store, u8> {
    let named = crate::store::resolve_path(db).map_err(|e| {
        eprintln!("arshif: {e}");
        EXIT_FAILED
    })?;
    if let (path, false) = named
        && !path.exists()
    {
        eprintln!(
            "arshif: no archive at {}: check the path (`arshif --db {} import FILES` creates one)",
            path.display(),
            path.display()
        );
        return Err(EXIT_FAILED);
    }
    open_or_create(db)
}

/// Opens the archive for `--db`, creating it when missing (for `import`), reporting problems on
/// stderr.
fn open_or_create(db: Option<&Path>) -> Result<Store, u8> {
    import::open_archive(db).map_err(|e| {
        eprintln!("arshif: {e}");
        EXIT_FAILED
    })
}

/// Runs one subcommand; returns the process exit code.
pub fn run(db: Option<&Path>, command: Command) -> u8 {
    match command {
        Command::Import { paths, json } => cmd_import(db, &paths, json),
        Command::Watch {
            dir,
            settle_ms,
            json,
        } => cmd_watch(db, &dir, settle_ms, json),
        Command::Search { query, limit, json } => cmd_search(db, &query.join(" "), limit, json),
        Command::Show { id, json } => cmd_show(db, id, json),
        Command::Stats { json } => cmd_stats(db, json),
        Command::Timeline { filter, json } => cmd_timeline(db, &filter, json),
        Command::Export {
            filter,
            format,
            out,
        } => cmd_export(db, &filter, &format, &out),
        Command::Reextract { json } => cmd_reextract(db, json),
        Command::SetDate { id, date } => cmd_set_date(db, id, &date),
        Command::Eval {
            truth,
            articles,
            gazetteer,
            json,
            bench,
        } => cmd_eval(&truth, &articles, gazetteer.as_deref(), json, bench),
        Command::Reindex => cmd_reindex(db),
        Command::Bench {
            articles,
            queries,
            huge_mb,
            json,
        } => match crate::devtools::bench::run(articles, queries, huge_mb, json) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                eprintln!("arshif bench: {e}");
                EXIT_FAILED
            }
        },
        Command::Edit { edit } => edit::cmd_edit(db, edit),
        Command::Undo => edit::cmd_undo_redo(db, false),
        Command::Redo => edit::cmd_undo_redo(db, true),
        Command::Alias { cmd } => edit::cmd_alias(db, cmd),
        Command::Official { cmd } => edit::cmd_official(db, cmd),
    }
}

use meetings::{cmd_eval, cmd_export, cmd_reextract, cmd_set_date, cmd_timeline};

fn report_error(e: StoreError) -> u8 {
    eprintln!("arshif: {e}");
    EXIT_FAILED
}

fn cmd_import(db: Option<&Path>, paths: &[PathBuf], json: bool) -> u8 {
    let mut store = match open_or_create(db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let tty = std::io::stderr().is_terminal() && !json;
    let mut progress = |p: &Progress| {
        if tty && p.total > 0 {
            eprint!("\r{}/{} files", p.done, p.total);
            let _ = std::io::stderr().flush();
        }
    };
    // Import, then find the meetings in what was imported (and in anything an earlier run left
    // pending): the same library call as the app's Import and the inbox folder.
    let ex = match meetings::archive_extractor(&store) {
        Ok(ex) => ex,
        Err(code) => return code,
    };
    let mut finding = false;
    let mut extract_progress = |done: usize, total: usize| {
        if tty && total > 20 {
            // The first time, end the import's progress line.
            let start = if finding { "\r" } else { "\n" };
            eprint!("{start}finding meetings: {done}/{total} articles");
            let _ = std::io::stderr().flush();
            finding = true;
        }
    };
    let run = match crate::pipeline::import_and_extract(
        &mut store,
        &ex,
        paths,
        &mut progress,
        &mut extract_progress,
        &AtomicBool::new(false),
    ) {
        Ok(r) => r,
        Err(e) => return report_error(e),
    };
    if tty {
        eprintln!();
    }
    let report = run.import;
    let found = match run.found {
        Ok(r) => r,
        Err(e) => return report_error(e),
    };
    if json {
        let mut v = serde_json::to_value(&report).expect("report serialises");
        v["meetings_found"] = json!(found.meetings);
        println!(
            "{}",
            serde_json::to_string_pretty(&v).expect("report serialises")
        );
    } else {
        print_import(&report);
        println!(
            "{} meeting{} found in {} article{} read",
            found.meetings,
            if found.meetings == 1 { "" } else { "s" },
            found.articles,
            if found.articles == 1 { "" } else { "s" }
        );
    }
    if report.failed > 0 {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}

fn print_import(r: &ImportReport) {
    for f in &r.files {
        print_outcome(f);
    }
    println!(
        "{} imported, {} duplicates, {} failed, {} skipped{}",
        r.imported,
        r.duplicates,
        r.failed,
        r.skipped,
        if r.cancelled { " (cancelled)" } else { "" }
    );
}

/// One file's outcome as `import` and `watch` print it (a second line for an imported file's note).
fn print_outcome(f: &import::FileOutcome) {
    let what = match f.outcome {
        Outcome::Imported => format!(
            "imported   #{} {}",
            f.article_id.unwrap_or_default(),
            f.headline.as_deref().unwrap_or_default()
        ),
        Outcome::Duplicate | Outcome::Failed | Outcome::Skipped => {
            format!(
                "{:<10} {}",
                f.outcome.as_str(),
                f.reason.as_deref().unwrap_or(&f.path)
            )
        }
    };
    println!("{what}");
    if f.outcome == Outcome::Imported
        && let Some(note) = &f.reason
    {
        println!("           ({note})");
    }
}

/// `arshif watch DIR`: the inbox folder without the app ([`crate::inbox`]).
fn cmd_watch(db: Option<&Path>, dir: &Path, settle_ms: u64, json: bool) -> u8 {
    use crate::inbox::{Inbox, InboxEvent, InboxOptions};
    // Like `import`, `watch` creates the archive when missing.
    let store = match open_or_create(db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // Ctrl+C and SIGTERM end the loop below, which stops the watcher cleanly.
    let stop = stop_on_signals();
    let (tx, rx) = crossbeam_channel::unbounded();
    let options = InboxOptions {
        settle: std::time::Duration::from_millis(settle_ms),
        ..Default::default()
    };
    let inbox = match Inbox::start(dir, store, options, move |e| {
        let _ = tx.send(e);
    }) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("arshif: {e}");
            return EXIT_FAILED;
        }
    };
    if json {
        println!(
            "{}",
            json!({"event": "watching", "folder": dir.display().to_string()})
        );
    } else {
        eprintln!("watching {} (Ctrl+C to stop)", dir.display());
    }
    let mut code = EXIT_OK;
    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
        let event = match rx.recv_timeout(std::time::Duration::from_millis(200)) {
            Ok(e) => e,
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => continue,
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => break,
        };
        match event {
            InboxEvent::Batch(b) => print_batch(&b, json),
            InboxEvent::Problem(message) if json => {
                println!("{}", json!({"event": "problem", "message": message}));
            }
            InboxEvent::Problem(message) => eprintln!("arshif: {message}"),
            InboxEvent::Stopped(message) => {
                if json {
                    println!("{}", json!({"event": "stopped", "message": message}));
                } else {
                    eprintln!("arshif: {message}");
                }
                code = EXIT_FAILED;
                break;
            }
        }
    }
    drop(inbox);
    if !json {
        eprintln!("stopped watching {}", dir.display());
    }
    code
}

/// Set by SIGINT (Ctrl+C) and SIGTERM once [`stop_on_signals`] has run.
static STOP_SIGNAL: AtomicBool = AtomicBool::new(false);

/// Makes Ctrl+C and SIGTERM set a flag instead of ending the process, and returns that flag
/// (Unix; elsewhere the flag is never set and Ctrl+C ends the process, which is safe: the archive
/// commits whole articles).
fn stop_on_signals() -> &'static AtomicBool {
    #[cfg(unix)]
    {
        extern "C" fn on_signal(_: libc::c_int) {
            // Only an atomic store: async-signal-safe.
            STOP_SIGNAL.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: installs a handler that only stores to an atomic (async-signal-safe).
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
    }
    &STOP_SIGNAL
}

/// One inbox batch: a line per notable outcome, then the batch's counts.
fn print_batch(b: &crate::inbox::InboxBatch, json: bool) {
    let r = &b.report;
    let quiet = b.report.files.len() - b.notable().count();
    if json {
        for f in b.notable() {
            let mut v = serde_json::to_value(f).expect("outcome serialises");
            v["event"] = json!("file");
            println!("{v}");
        }
        println!(
            "{}",
            json!({
                "event": "batch",
                "startup": b.startup,
                "imported": r.imported,
                "duplicates": r.duplicates,
                "failed": r.failed,
                "skipped": r.skipped,
                "meetings_found": b.meetings_found,
                "extract_error": b.extract_error,
            })
        );
        return;
    }
    for f in b.notable() {
        print_outcome(f);
    }
    let mut line = format!(
        "inbox: {} imported, {} failed; {} meeting{} found",
        r.imported,
        r.failed,
        b.meetings_found,
        if b.meetings_found == 1 { "" } else { "s" }
    );
    if quiet > 0 {
        line.push_str(&format!(" ({quiet} already in the archive)"));
    } else if r.duplicates > 0 {
        line.push_str(&format!(", {} duplicates", r.duplicates));
    }
    if let Some(e) = &b.extract_error {
        line.push_str(&format!("; finding meetings failed: {e}"));
    }
    println!("{line}");
}

/// A hit as `search --json` prints it.
pub fn hit_json(h: &Hit) -> serde_json::Value {
    json!({
        "id": h.id,
        "headline": h.headline.text,
        "date": h.date.map(|d| d.date.format("%Y-%m-%d").to_string()),
        "date_precision": h.date.map(|d| d.precision.as_str()).unwrap_or("unknown"),
        "lang": h.lang.code(),
        "outlet": h.outlet,
        "snippet": h.snippet.wrapped("[", "]"),
        "snippet_text": h.snippet.text,
        "snippet_marks": h.snippet.marks.iter().map(|m| [m.start, m.end]).collect::<Vec<_>>(),
        "headline_marks": h.headline.marks.iter().map(|m| [m.start, m.end]).collect::<Vec<_>>(),
        "score": h.score,
    })
}

fn cmd_search(db: Option<&Path>, query: &str, limit: usize, json: bool) -> u8 {
    let store = match open(db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let hits = match search::search(store.conn(), query, limit) {
        Ok(h) => h,
        Err(e) => return report_error(e),
    };
    if json {
        let list: Vec<_> = hits.iter().map(hit_json).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).expect("hits serialise")
        );
        return EXIT_OK;
    }
    if hits.is_empty() {
        println!("no results for «{query}»");
        return EXIT_OK;
    }
    let (open, close) = if std::io::stdout().is_terminal() {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    for h in &hits {
        let date = h
            .date
            .map(|d| d.date.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "undated".into());
        println!("#{:<5} {date}  {}", h.id, h.headline.wrapped(open, close));
        println!(
            "       {}",
            h.snippet.wrapped(open, close).replace('\n', " ")
        );
    }
    println!(
        "{} result{}",
        hits.len(),
        if hits.len() == 1 { "" } else { "s" }
    );
    EXIT_OK
}

fn cmd_show(db: Option<&Path>, id: i64, json: bool) -> u8 {
    let store = match open(db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let a = match store.article(id) {
        Ok(Some(a)) => a,
        Ok(None) => {
            eprintln!(
                "arshif: no article with id {id} in {}",
                store.path().display()
            );
            return EXIT_FAILED;
        }
        Err(e) => return report_error(e),
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&a).expect("article serialises")
        );
        return EXIT_OK;
    }
    println!("#{}  {}", a.id, a.headline);
    match &a.date {
        Some(d) => println!(
            "date:     {} ({}, from {})",
            d.date.format("%Y-%m-%d"),
            d.precision.as_str(),
            d.source.as_str()
        ),
        None => println!("date:     undated"),
    }
    if let Some(n) = &a.date_note {
        println!("          {n}");
    }
    println!("language: {}", a.lang.code());
    for (k, v) in [
        ("outlet", &a.outlet),
        ("author", &a.author),
        ("url", &a.url),
        ("file", &a.source_path),
        ("encoding", &a.source_encoding),
    ] {
        if let Some(v) = v {
            println!("{:<9} {v}", format!("{k}:"));
        }
    }
    if !a.tags.is_empty() {
        println!("tags:     {}", a.tags.join(", "));
    }
    println!("imported: {}", a.imported_at);
    println!();
    println!("{}", a.body);
    println!();
    // The meetings found in it, and where each fact came from (byte spans into headline + "\n" + body).
    let mut store = store;
    let ex = match meetings::archive_extractor(&store) {
        Ok(ex) => ex,
        Err(code) => return code,
    };
    if let Err(code) = meetings::catch_up(&mut store, &ex) {
        return code;
    }
    if meetings::print_article_meetings(&store, id) != EXIT_OK {
        return EXIT_FAILED;
    }
    if let Err(code) = meetings::print_explanations(&store, id) {
        return code;
    }
    EXIT_OK
}

fn cmd_reindex(db: Option<&Path>) -> u8 {
    let store = match open(db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match store
        .rebuild_search_index()
        .and_then(|()| store.count_articles())
    {
        Ok(n) => {
            println!(
                "search index rebuilt for {n} articles in {}",
                store.path().display()
            );
            EXIT_OK
        }
        Err(e) => report_error(e),
    }
}

fn cmd_stats(db: Option<&Path>, json: bool) -> u8 {
    let store = match open(db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let s = match store.stats() {
        Ok(s) => s,
        Err(e) => return report_error(e),
    };
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
        return EXIT_OK;
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
    EXIT_OK
}
