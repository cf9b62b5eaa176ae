//! Arshif's integration tests, as one test binary.
//!
//! One binary rather than one per file: each test binary links the whole app (SQLite, wgpu,
//! winit), and two dozen of them filled the CI machine's disk. Run one area with
//! `cargo test --test suite core_search` (module path filter). Shared corpus helpers live in
//! `common` (the tests read `../shared` beside the clone and fail loudly when it is missing).

mod common;

// Module boundaries checked on the source text (SQL only in store/, the core never names a front end).
mod architecture;

// The inbox folder (watched, imported as files land).
mod inbox;

// Archive core: store, import, search, the CLI.
mod core_cli;
mod core_import;
mod core_search;
mod core_store;
mod import_parallel;

// The archive's safety: backups, crashes, concurrency, migrations, full disks.
mod backup;
mod concurrency;
mod crash_safety;
mod disk_full;
mod disk_full_tmpfs;
mod migrations;
mod read_only;
mod safety_util;

// Bad files and hostile input: per-file messages, fuzz targets on stable, text cuts (C14).
mod fuzz_smoke;
// Symbolic links, a named pipe and /proc: Linux (CI is Debian).
#[cfg(target_os = "linux")]
mod hostile_inputs;
mod text_cuts;

// Text: dates, relative days, language.
mod text_article_dates;
mod text_date_classes;
mod text_dates;
mod text_lang;
mod text_relative;
mod text_url_dates;

// Meeting extraction and its evaluation.
mod extract_classes;
mod extract_dev;
mod extract_faults;
mod extract_gazetteer;
mod extract_new_entities;
mod extract_seed;
mod extract_several;
mod extract_several2;
mod extract_topics;
mod extract_topics2;
mod extract_unseen;
mod extract_year_inference;
mod gazetteer_scale;

// `arshif eval` over several sets, failures by kind.
mod eval_sets;

// `arshif bench` at a small size (fields and sanity, not timings).
mod bench_smoke;

// Pipeline, timeline query, corrections, export.
mod cli_meetings;
mod edits_cli;
mod edits_doc;
mod edits_seed;
mod events_classes;
mod events_cli;
mod events_eval;
mod events_incremental;
mod events_seed;
mod events_ui;
mod exchange;
mod export_browser;
mod export_formats;
mod export_publish;
mod pages_dev;
mod pages_ui;
mod pipeline_export;
mod pipeline_seed;
mod query_scale;
mod query_timeline;

// The app (egui_kittest, no display).
mod ui_app;
mod ui_backup;
mod ui_bidi;
mod ui_concurrency;
mod ui_edits;
mod ui_export;
mod ui_once;
mod ui_pages;
mod ui_reads;
mod ui_snapshots;
mod ui_store;
mod ui_timeline;
