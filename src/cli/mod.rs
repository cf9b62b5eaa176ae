//! The command line: clap definitions, dispatch, and the one place errors are printed.
//!
//! Every command returns `Result<(), CliError>`; [`run`] prints the error (see [`error`]) and maps
//! it to the documented exit codes: [`EXIT_OK`] (0) success; [`EXIT_FAILED`] (1) some inputs
//! failed (an import with failed files, an unknown article id, an archive that cannot be opened);
//! [`EXIT_USAGE`] (2) a usage error (clap reports its own).
//!
//! One file per command group: `import` (`import`, `watch`), `search` (`search`), `show`
//! (`show`), `stats` (`stats`, `reindex`), `timeline` (`timeline` and the filter flags),
//! `export` (`export`), `exchange` (`exchange export`), `extraction` (`reextract`, `set-date`), `edit` (`edit`, `undo`,
//! `redo`, `alias`, `official`), `page` (`page`, `network`), `entity` (`entity suggest`, `merge`,
//! `split`), `devtools` (`eval`, `bench`), `backup` (`backup`, `restore`); `archive` opens the archive
//! for all of them.

mod archive;
mod backup;
mod devtools;
mod edit;
mod entity;
pub mod error;
mod exchange;
mod export;
mod extraction;
mod import;
mod meeting;
mod page;
mod search;
mod show;
mod stats;
mod timeline;

pub use error::{CliError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, exit_code, report};
pub use search::hit_json;

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

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
        /// Most hits to show (1 or more).
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
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
    /// Write the meetings the filters select to a file (csv, csv-excel, json, jsonl, ics, geojson,
    /// timelinejs, html, markdown).
    Export {
        #[command(flatten)]
        filter: FilterArgs,
        /// Output format: csv, csv-excel (UTF-8 with BOM, for spreadsheets), json, jsonl,
        /// ics (RFC 5545 calendar), geojson (RFC 7946), timelinejs (Knight Lab TimelineJS JSON),
        /// html (a self-contained report page), markdown (the report for notes tools).
        #[arg(long, short, default_value = "csv")]
        format: String,
        /// The language of the html, markdown and timelinejs reports' own words (en or ar; ar
        /// reads right to left).
        #[arg(long, value_name = "LANG", default_value = "en")]
        lang: String,
        /// The file to write (replaced atomically).
        #[arg(long, short, value_name = "FILE")]
        out: PathBuf,
    },
    /// The archive exchange file (docs/exchange.md): the whole archive with your corrections,
    /// aliases and added officials, for another archive (`arshif import FILE.json` reads it).
    Exchange {
        #[command(subcommand)]
        cmd: exchange::ExchangeCommand,
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
        /// The truth file; repeat `--truth A --articles A --truth B --articles B` to score several sets.
        #[arg(long, value_name = "TRUTH.json", required_unless_present = "set")]
        truth: Vec<PathBuf>,
        /// The folder holding the articles the truth file of the same rank names.
        #[arg(long, value_name = "DIR", required_unless_present = "set")]
        articles: Vec<PathBuf>,
        /// A set laid out as shared/corpus/dev: DIR/truth.json and DIR/articles (repeatable; scored
        /// after the --truth/--articles pairs).
        #[arg(long, value_name = "DIR")]
        set: Vec<PathBuf>,
        /// A gazetteer folder (*.toml, the layout of assets/gazetteer) to use instead of the shipped one.
        #[arg(long, value_name = "DIR")]
        gazetteer: Option<PathBuf>,
        /// Print exactly one JSON object: {articles, meetings, participants, topics, dates}; with
        /// several sets, {"sets": [{"set", "truth", "articles_dir", "scores": {...}}, ...]}.
        #[arg(long)]
        json: bool,
        /// Also time extraction over the articles this many times and print articles/s on stderr.
        #[arg(long, value_name = "ROUNDS")]
        bench: Option<usize>,
    },
    /// The page of an official, a body, a country or a topic: roles over time with their sources,
    /// meetings, counterparts, topics, spellings seen. NAME is a key or a name in any script and
    /// spelling («الدبيبة», Dbaiba, luciana_lamorgese); a close misspelling gets "did you mean".
    Page {
        /// official, body, country or topic.
        #[arg(value_enum)]
        kind: page::KindArg,
        /// The name (several arguments are joined with spaces).
        #[arg(required = true, value_name = "NAME")]
        name: Vec<String>,
        /// Print the page as one JSON object (or the candidates when NAME is ambiguous or unknown).
        #[arg(long)]
        json: bool,
    },
    /// One official or two: suggestions (did you mean), merge two entities, split a spelling off.
    Entity {
        #[command(subcommand)]
        cmd: entity::EntityCommand,
    },
    /// Who met whom under the timeline's filters: officials and the pairs who met, with meetings.
    Network {
        #[command(flatten)]
        filter: FilterArgs,
        /// Print {nodes, edges, positions} as JSON (positions: the app's layout, unit square).
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index (needed only after an upgrade that changes how words are indexed).
    Reindex,
    /// Correct a meeting: MEETING is the number `timeline` prints ("meeting #12"). Corrections
    /// are kept apart from what extraction found and survive `reextract`; `undo` reverts them.
    Edit {
        #[command(subcommand)]
        edit: edit::EditCommand,
    },
    /// One meeting from many reports: list a meeting's reports, merge two meetings, split one,
    /// or mark two as different (MEETING is the number `timeline` prints; `undo` reverts).
    Meeting {
        #[command(subcommand)]
        cmd: meeting::MeetingCommand,
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
    /// Back the archive up to FILE (consistent even while another Arshif process writes; FILE
    /// is replaced only by a complete, checked copy).
    Backup {
        /// The backup file to write.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Replace FILE when it exists (an earlier backup); without it, an existing FILE is an
        /// error and is left alone.
        #[arg(long)]
        force: bool,
        /// Print one JSON object: {path, bytes, articles, schema_version, millis}.
        #[arg(long)]
        json: bool,
    },
    /// Replace the archive with the backup FILE (checked first; an existing archive only with
    /// --force, and a copy of it is kept as ARCHIVE.before-restore.bak).
    Restore {
        /// The backup file to restore.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Replace an existing archive.
        #[arg(long)]
        force: bool,
    },
    /// Measure the archive against raw SQLite FTS5 on a generated corpus: import time and size,
    /// search, filter changes, the app's frame times and first frame, peak memory per phase.
    Bench {
        /// Number of generated articles (~3 KB each, ~1.5 meetings each).
        #[arg(long, default_value_t = 2000)]
        articles: usize,
        /// Number of timed search queries.
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// Rounds of the filter-change list (11 filters each).
        #[arg(long, default_value_t = 4)]
        filter_rounds: usize,
        /// Timed frames of the app, idle and while scrolling each (0 skips them).
        #[arg(long, default_value_t = 300)]
        frames: usize,
        /// Do not start the app for the first-frame time.
        #[arg(long)]
        no_first_frame: bool,
        /// Size of one huge article imported and searched at the end (MB; 0 skips it).
        #[arg(long, default_value_t = 0.0)]
        huge_mb: f64,
        /// Work in this (empty or new) folder and keep the corpus, baseline and archive there.
        #[arg(long, value_name = "DIR")]
        keep: Option<PathBuf>,
        /// Print the measurements as one JSON object.
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

/// Runs one subcommand, prints its error if any (the one place that does), and returns the
/// process exit code.
pub fn run(db: Option<&Path>, command: Command) -> u8 {
    crate::store::set_wait_notice(|| {
        // Once per run, however many waits.
        static GIVEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        if !GIVEN.swap(true, std::sync::atomic::Ordering::Relaxed) {
            eprintln!(
                "arshif: waiting for another Arshif process to finish writing to the archive…"
            );
        }
    });
    exit_code(dispatch(db, command))
}

/// Runs one subcommand.
fn dispatch(db: Option<&Path>, command: Command) -> Result<(), CliError> {
    match command {
        Command::Import { paths, json } => import::cmd_import(db, &paths, json),
        Command::Watch {
            dir,
            settle_ms,
            json,
        } => import::cmd_watch(db, &dir, settle_ms, json),
        Command::Search { query, limit, json } => {
            search::cmd_search(db, &query.join(" "), limit as usize, json)
        }
        Command::Show { id, json } => show::cmd_show(db, id, json),
        Command::Stats { json } => stats::cmd_stats(db, json),
        Command::Timeline { filter, json } => timeline::cmd_timeline(db, &filter, json),
        Command::Export {
            filter,
            format,
            lang,
            out,
        } => export::cmd_export(db, &filter, &format, &lang, &out),
        Command::Exchange { cmd } => exchange::cmd_exchange(db, cmd),
        Command::Reextract { json } => extraction::cmd_reextract(db, json),
        Command::SetDate { id, date } => extraction::cmd_set_date(db, id, &date),
        Command::Eval {
            truth,
            articles,
            set,
            gazetteer,
            json,
            bench,
        } => devtools::cmd_eval(&truth, &articles, &set, gazetteer.as_deref(), json, bench),
        Command::Reindex => stats::cmd_reindex(db),
        Command::Page { kind, name, json } => page::cmd_page(db, kind, &name.join(" "), json),
        Command::Entity { cmd } => entity::cmd_entity(db, cmd),
        Command::Network { filter, json } => page::cmd_network(db, &filter, json),
        Command::Bench {
            articles,
            queries,
            filter_rounds,
            frames,
            no_first_frame,
            huge_mb,
            keep,
            json,
        } => devtools::cmd_bench(
            crate::devtools::bench::Options {
                articles,
                queries,
                filter_rounds,
                frames,
                first_frame: !no_first_frame,
                huge_mb,
                dir: keep,
                ..Default::default()
            },
            json,
        ),
        Command::Backup { file, force, json } => backup::cmd_backup(db, &file, force, json),
        Command::Restore { file, force } => backup::cmd_restore(db, &file, force),
        Command::Edit { edit } => edit::cmd_edit(db, edit),
        Command::Meeting { cmd } => meeting::cmd_meeting(db, cmd),
        Command::Undo => edit::cmd_undo_redo(db, false),
        Command::Redo => edit::cmd_undo_redo(db, true),
        Command::Alias { cmd } => edit::cmd_alias(db, cmd),
        Command::Official { cmd } => edit::cmd_official(db, cmd),
    }
}
