//! Frame times of the real app for `arshif bench` (feature `gui`): the [`ArshifApp`] over an
//! archive file, driven headless through [`egui::Context::run_ui`] exactly as eframe drives it
//! (the same `show`), each frame's shapes tessellated into meshes as eframe does before the GPU
//! draws them. What is timed is the UI thread's work per frame: layout, text shaping, the app's
//! own logic and any wait on the archive inside a frame; not the GPU upload or the draw.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::egui;

use super::app::{ArshifApp, Settings};
use super::store_archive::StoreArchive;
use super::worker::{StoreRunner, Worker};

/// Per-frame times in milliseconds (wall clock, and CPU time of the UI thread).
#[derive(Debug, Clone, Default)]
pub struct FrameTimes {
    /// Wall time of the frames in the order they ran.
    pub wall_ms: Vec<f64>,
    /// CPU time of the calling (UI) thread in each frame.
    pub cpu_ms: Vec<f64>,
}

/// What [`measure`] found.
#[derive(Debug, Clone)]
pub struct FrameReport {
    /// From building the app to the end of the first frame that shows the whole timeline (the
    /// app not busy, the cards on screen), in milliseconds: the in-process part of a cold start.
    pub open_ms: f64,
    /// Frames with the full timeline on screen and no input.
    pub idle: FrameTimes,
    /// Frames while scrolling the timeline by one mouse-wheel notch a frame (down, then up).
    pub scrolling: FrameTimes,
    /// Cards in the timeline the app showed.
    pub cards: usize,
}

/// CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`), or zero where unavailable.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant libc defines.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

struct Driver {
    ctx: egui::Context,
    app: ArshifApp,
    time: f64,
    size: egui::Vec2,
}

impl Driver {
    /// Runs one frame with `events`; returns (wall, cpu) in ms.
    fn frame(&mut self, events: Vec<egui::Event>) -> (f64, f64) {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, self.size)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let wall = Instant::now();
        let cpu = thread_cpu();
        let app = &mut self.app;
        let mut out = self.ctx.run_ui(input, |ui| app.show(ui));
        // No GPU here: the font atlas updates a renderer would upload are dropped.
        out.textures_delta.clear();
        let meshes = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(meshes);
        (
            wall.elapsed().as_secs_f64() * 1e3,
            (thread_cpu().saturating_sub(cpu)).as_secs_f64() * 1e3,
        )
    }
}

/// Opens the app over the archive at `db` in a headless 1280×800 window, runs frames until the
/// timeline is shown (at most `timeout`), then times `frames` idle frames and `frames` frames
/// of scrolling (a wheel notch of 120 points each, down for the first half, up for the second),
/// after a warm-up of a quarter as many.
///
/// # Errors
/// The archive cannot be opened, or the timeline did not appear within `timeout`.
pub fn measure(db: &Path, frames: usize, timeout: Duration) -> anyhow::Result<FrameReport> {
    let start = Instant::now();
    let ctx = egui::Context::default();
    super::fonts::install(&ctx);
    let worker = Worker::spawn(
        Box::new(StoreRunner::new(db.to_path_buf())),
        Some(ctx.clone()),
    );
    let app = ArshifApp::new(
        Box::new(StoreArchive::open(db)?),
        worker,
        Arc::new(|_| None),
        Settings::default(),
    );
    let mut d = Driver {
        ctx,
        app,
        time: 0.0,
        size: egui::vec2(1280.0, 800.0),
    };
    loop {
        d.frame(Vec::new());
        if !d.app.busy() && !d.app.timeline().cards.is_empty() {
            break;
        }
        anyhow::ensure!(
            start.elapsed() < timeout,
            "the timeline of {} did not appear within {} s",
            db.display(),
            timeout.as_secs()
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let open_ms = start.elapsed().as_secs_f64() * 1e3;
    let cards = d.app.timeline().cards.len();
    let mut idle = FrameTimes::default();
    for i in 0..frames + frames / 4 {
        let (w, c) = d.frame(Vec::new());
        if i >= frames / 4 {
            idle.wall_ms.push(w);
            idle.cpu_ms.push(c);
        }
    }
    let over = egui::pos2(d.size.x / 2.0, d.size.y / 2.0);
    d.frame(vec![egui::Event::PointerMoved(over)]);
    let mut scrolling = FrameTimes::default();
    let warm = frames / 4;
    for i in 0..warm + frames {
        let down = if i < warm {
            true
        } else {
            i - warm < frames / 2
        };
        let wheel = egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, if down { -120.0 } else { 120.0 }),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::default(),
        };
        let (w, c) = d.frame(vec![wheel]);
        if i >= warm {
            scrolling.wall_ms.push(w);
            scrolling.cpu_ms.push(c);
        }
    }
    Ok(FrameReport {
        open_ms,
        idle,
        scrolling,
        cards,
    })
}
