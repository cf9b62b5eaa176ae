//! The desktop app (feature `gui`): egui panels over the archive, and Arabic line layout.
//!
//! - [`app`]: the shell: frame order, worker events, keys, and the panels' actions.
//! - [`panels`]: one file per panel (top bar, filters, timeline, card, reader, status bar,
//!   overview strip, the correction panel in `panels/edit/`, inbox), each a state struct and a
//!   `ui()`; a new panel goes there.
//! - [`widgets`]: small shared widgets (rows in reading direction, accessible names, badges,
//!   highlights); [`bidi`]: right-to-left text on screen (UAX #9 per wrapped line over egui's
//!   shaping); [`fonts`]: the bundled Arabic font in egui's fallback chain.
//! - [`worker`]: long jobs and file dialogs off the UI thread; [`actions`]: whether an action
//!   that opens a dialog or starts work may start now (every action once); [`edit_words`]:
//!   edits in words.
//! - [`model`]: the view-model types the panels read; [`filter`]: the panels' view of the one
//!   [`crate::query::Filter`]; [`store_archive`]: the archive file behind them (through
//!   [`crate::query`]); [`settings`]: what is remembered between runs; [`i18n`]: UI words.
//!
//! Entry points for `main`: [`run`] (the window) and [`screenshot`] (`arshif --screenshot FILE`).

pub mod actions;
pub mod app;
pub mod bench;
pub mod bidi;
pub mod edit_words;
pub mod filter;
pub mod fonts;
pub mod i18n;
pub mod model;
pub mod panels;
pub mod reads;
pub mod settings;
pub mod store_archive;
pub mod widgets;
pub mod worker;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context as _, anyhow};
use eframe::egui;

pub use app::{ArshifApp, Settings};
pub use i18n::UiLang;

/// How to start the app.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// The archive file (`--db`); `None` for `$ARSHIF_DB` or the default archive, which is
    /// seeded with the bundled samples on first run. Imports go here.
    pub archive: Option<PathBuf>,
    /// Force the UI language instead of the remembered one.
    pub lang: Option<UiLang>,
    /// Inner window size in points (default 1280×800).
    pub size: Option<[f32; 2]>,
}

impl From<Option<&Path>> for RunOptions {
    /// Options for `arshif [--db PATH]` with no subcommand.
    fn from(db: Option<&Path>) -> Self {
        Self {
            archive: db.map(Path::to_path_buf),
            ..Default::default()
        }
    }
}

/// The timeline the app shows: the archive file at `path` through `query` (its own read
/// connection).
pub fn open_archive(path: &Path) -> anyhow::Result<Box<dyn model::Archive>> {
    Ok(Box::new(store_archive::StoreArchive::open(path)?))
}

/// Builds the app for a context: installs fonts, loads settings from `storage`, starts the worker.
pub fn build_app(
    ctx: &egui::Context,
    storage: Option<&dyn eframe::Storage>,
    options: &RunOptions,
    dialog: app::DialogFn,
) -> anyhow::Result<ArshifApp> {
    fonts::install(ctx);
    // Arshif's own settings file first (written atomically), eframe's storage when it has none.
    let mut settings = match storage {
        Some(_) => settings::settings_file()
            .and_then(|p| settings::load_file(&p))
            .unwrap_or_else(|| settings::load(storage)),
        None => settings::load(None),
    };
    if let Some(lang) = options.lang {
        settings.lang = lang;
    }
    // An archive file that cannot be written (read-only file or folder) opens read-only, with a
    // banner saying why; nothing tries to create, seed or migrate it.
    let (chosen, _) =
        crate::store::resolve_path(options.archive.as_deref()).map_err(|e| anyhow!("{e}"))?;
    let read_only = read_only_reason(&chosen);
    // Opening (on first run creating and seeding, on an upgrade migrating) runs on the reads
    // thread: the window draws at once and fills in. The worker writes through its own
    // connection to the same file; its catch-up starts once the file is open.
    let open = open_on_reads_thread(chosen.clone(), options.archive.clone(), read_only.clone());
    let runner = worker::StoreRunner::new(chosen.clone()).read_only(read_only.is_some());
    let worker = worker::Worker::spawn(Box::new(runner), Some(ctx.clone()));
    let mut app = ArshifApp::opening(open, worker, dialog, settings)
        .with_opener(store_opener(Some(ctx.clone())), chosen);
    app = app.with_export_dialog(Arc::new(worker::native_export_dialog));
    app.set_read_only(read_only);
    app.start_extract();
    Ok(app)
}

/// Opens the archive for the app on the reads thread: `chosen` (resolved from `archive`, the
/// `--db` given) read-only when `read_only` says why, else created, seeded and migrated as
/// [`crate::import::open_archive`] does. Errors name the file.
fn open_on_reads_thread(
    chosen: PathBuf,
    archive: Option<PathBuf>,
    read_only: Option<String>,
) -> reads::OpenArchive {
    Box::new(move || {
        let path = match &read_only {
            Some(_) => chosen,
            None => {
                // StoreError's message already names the file and the cause.
                let store =
                    crate::import::open_archive(archive.as_deref()).map_err(|e| anyhow!("{e}"))?;
                store.path().to_path_buf()
            }
        };
        let opened = match read_only {
            Some(_) => store_archive::StoreArchive::open_read_only(&path)
                .map(|a| Box::new(a) as Box<dyn model::Archive>),
            None => open_archive(&path),
        };
        opened.with_context(|| match &read_only {
            Some(why) => format!("the archive {} is read-only ({why})", path.display()),
            None => format!("the archive {} could not be opened", path.display()),
        })
    })
}

/// Why the archive file at `path` cannot be written, in words naming the file or folder, or
/// `None` when it can (or does not exist yet and its folder can be written). Checked by opening
/// the file for writing (nothing is written) and creating and removing a probe file beside it
/// (SQLite writes its `-wal`/`-shm` files there).
pub fn read_only_reason(path: &Path) -> Option<String> {
    let denied = |e: &std::io::Error| {
        matches!(
            e.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        )
    };
    if path.is_file()
        && let Err(e) = std::fs::OpenOptions::new().write(true).open(path)
        && denied(&e)
    {
        return Some(format!(
            "the file {} cannot be written: {e}",
            path.display()
        ));
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty())?;
    if !dir.is_dir() {
        return None;
    }
    let probe = dir.join(format!(".arshif-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            None
        }
        Err(e) if denied(&e) => Some(format!(
            "the folder {} cannot be written (SQLite keeps its journal beside the archive): {e}",
            dir.display()
        )),
        Err(_) => None,
    }
}

/// Opens (creating when missing) the archive file at a path for File ▸ New/Open/Recent: how the
/// reads thread opens the timeline's read connection, and a worker (woken `ctx`) writing to the
/// file.
///
/// The opening's errors (they reach the app as [`reads::Reply::OpenFailed`]) name the file: it
/// cannot be created, is not an SQLite archive, or cannot be migrated. Starting the worker
/// does not fail today; the `Result` is for openers that check more up front.
pub fn store_opener(ctx: Option<egui::Context>) -> app::OpenerFn {
    Arc::new(move |path: &Path| {
        let at = path.to_path_buf();
        let open: reads::OpenArchive = Box::new(move || {
            // The store's errors name the file and the cause already.
            let timeline = store_archive::StoreArchive::open(&at)?;
            Ok(Box::new(timeline) as Box<dyn model::Archive>)
        });
        let runner = worker::StoreRunner::new(path.to_path_buf());
        let worker = worker::Worker::spawn(Box::new(runner), ctx.clone());
        Ok((open, worker))
    })
}

/// The system file dialog (rfd: xdg portal, then zenity).
pub fn system_dialog() -> app::DialogFn {
    Arc::new(worker::native_dialog)
}

fn native_options(options: &RunOptions) -> eframe::NativeOptions {
    let size = options.size.unwrap_or([1280.0, 800.0]);
    eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Arshif")
            .with_app_id("arshif")
            .with_inner_size(size)
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    }
}

/// Opens the window titled "Arshif" and runs until it is closed. Window size, panel widths,
/// language, theme and filters are remembered between runs (eframe persistence).
///
/// Errors: the window could not be created (no display, no GPU driver), or the archive could not
/// be opened.
pub fn run(options: impl Into<RunOptions>) -> anyhow::Result<()> {
    let options = options.into();
    let native = native_options(&options);
    eframe::run_native(
        "Arshif",
        native,
        Box::new(move |cc| {
            let app = build_app(&cc.egui_ctx, cc.storage, &options, system_dialog()).map_err(
                |e| -> Box<dyn std::error::Error + Send + Sync> { format!("{e:#}").into() },
            )?;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow!("the Arshif window could not be opened: {e}"))
}

/// Wraps the app: after the UI has settled, asks eframe for a screenshot, saves it, closes.
struct ScreenshotApp {
    app: ArshifApp,
    frames: u32,
    requested: bool,
    started: Instant,
    /// Since when nothing was read nor written (the reads thread's poll for other writers, the
    /// app's own start-up jobs among them, has run once since: its re-read is in the picture).
    quiet_since: Instant,
    result: Arc<Mutex<Option<anyhow::Result<()>>>>,
    path: PathBuf,
    /// Frame marks for `arshif bench` ([`FRAME_MARKS_ENV`]) said so far: the first frame, the
    /// first with the timeline, the first complete one.
    marks: Marks,
}

/// Which frame marks a `--screenshot` run has said.
#[derive(Default)]
struct Marks {
    first: bool,
    timeline: bool,
    complete: bool,
}

/// With this environment variable set (to anything), `--screenshot` prints on stderr
/// [`MARK_FIRST_FRAME`] after its first frame is drawn, [`MARK_TIMELINE_FRAME`] after the first
/// frame showing the archive's timeline (first page) and facet counts, and
/// [`MARK_COMPLETE_FRAME`] after the first frame that also shows the newest meeting in the reader
/// with nothing left to read: `arshif bench` times the cold start by them.
pub const FRAME_MARKS_ENV: &str = "ARSHIF_FRAME_MARKS";
/// The stderr line after the window's first frame (see [`FRAME_MARKS_ENV`]).
pub const MARK_FIRST_FRAME: &str = "arshif: first frame drawn";
/// The stderr line after the first frame with the timeline (see [`FRAME_MARKS_ENV`]).
pub const MARK_TIMELINE_FRAME: &str = "arshif: first timeline frame drawn";
/// The stderr line after the first complete frame (see [`FRAME_MARKS_ENV`]).
pub const MARK_COMPLETE_FRAME: &str = "arshif: first complete frame drawn";

impl eframe::App for ScreenshotApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Wait for start-up work (finding meetings) before opening the newest meeting.
        if self.frames >= 2 && !self.app.busy() && self.app.open_meeting().is_none() {
            self.app.open_first();
        }
        // What this frame is about to draw: the timeline and its counts in (the start-up
        // catch-up may still run: its progress shows in the status bar); then nothing pending.
        let shown = !self.app.loading();
        let settled = shown && !self.app.busy();
        self.app.ui(ui, frame);
        self.frames += 1;
        if std::env::var_os(FRAME_MARKS_ENV).is_some() {
            let m = &mut self.marks;
            if !m.first {
                m.first = true;
                eprintln!("{MARK_FIRST_FRAME}");
            }
            if shown && !m.timeline {
                m.timeline = true;
                eprintln!("{MARK_TIMELINE_FRAME}");
            }
            if settled && !m.complete && self.app.open_meeting().is_some() {
                m.complete = true;
                eprintln!("{MARK_COMPLETE_FRAME}");
            }
        }
        // A complete picture: the timeline, facets and article read (a frame never waits on
        // the archive; the screenshot does, between frames).
        if self.app.wait_for_reads(Duration::from_millis(100))
            || self.app.loading()
            || self.app.busy()
        {
            self.frames = self.frames.min(6);
            self.quiet_since = Instant::now();
        }
        let quiet = self.quiet_since.elapsed() > reads::POLL_EVERY + Duration::from_millis(500);
        if self.result.lock().map(|r| r.is_some()).unwrap_or(true) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if self.frames >= 8 && quiet && !self.requested && !self.app.busy() && !self.app.loading() {
            self.requested = true;
            let result = Arc::clone(&self.result);
            let path = self.path.clone();
            let wake = ctx.clone();
            ctx.request_screenshot(move |image| {
                let r = save_png(&path, &image);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(r);
                }
                wake.request_repaint();
            });
        }
        if self.started.elapsed() > Duration::from_secs(60) {
            if let Ok(mut slot) = self.result.lock() {
                *slot = Some(Err(anyhow!("no screenshot arrived within 60 s")));
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        ctx.request_repaint();
    }
}

fn save_png(path: &Path, image: &egui::ColorImage) -> anyhow::Result<()> {
    let [w, h] = image.size;
    let mut bytes = Vec::with_capacity(w * h * 4);
    for c in &image.pixels {
        bytes.extend_from_slice(&c.to_array());
    }
    let img = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| anyhow!("the screenshot has an inconsistent size {w}×{h}"))?;
    img.save(path)
        .with_context(|| format!("cannot write the screenshot to {}", path.display()))
}

/// Opens the app in a real window, opens the newest meeting in the reader, saves a PNG screenshot
/// of the window to `path` and closes. Needs a display (use `scripts/xvfb-screenshot.sh` without
/// one). Settings are not read from nor written to the user's storage.
///
/// Errors: no window (no display / GPU driver), the PNG could not be written, or no screenshot
/// arrived within 60 s.
pub fn screenshot(path: &Path, options: impl Into<RunOptions>) -> anyhow::Result<()> {
    let options = options.into();
    let mut native = native_options(&options);
    native.persist_window = false;
    let result: Arc<Mutex<Option<anyhow::Result<()>>>> = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&result);
    let path = path.to_path_buf();
    eframe::run_native(
        "Arshif",
        native,
        Box::new(move |cc| {
            let app = build_app(&cc.egui_ctx, None, &options, system_dialog()).map_err(
                |e| -> Box<dyn std::error::Error + Send + Sync> { format!("{e:#}").into() },
            )?;
            Ok(Box::new(ScreenshotApp {
                app,
                frames: 0,
                requested: false,
                started: Instant::now(),
                quiet_since: Instant::now(),
                result: slot,
                path,
                marks: Marks::default(),
            }))
        }),
    )
    .map_err(|e| anyhow!("the Arshif window could not be opened: {e}"))?;
    let r = result
        .lock()
        .map_err(|_| anyhow!("screenshot state poisoned"))?
        .take();
    r.unwrap_or_else(|| Err(anyhow!("the window closed before a screenshot was taken")))
}
