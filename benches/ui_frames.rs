//! Frame times of the app (egui_kittest, no GPU: layout and tessellation-free egui passes) while
//! scrolling the timeline of a generated archive of 100,000 meetings and of one of 10, and while
//! an import of 2,000 articles runs in the worker. Not a test: numbers for people.
//!
//! ```text
//! cargo bench --bench ui_frames            # prints one line per case (median, p99, max in ms)
//! ARSHIF_KEEP_ARCHIVE=big.sqlite cargo bench --bench ui_frames   # keep the 100,000 archive
//! ```

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use arshif::ui::app::{ArshifApp, Settings};
use arshif::ui::store_archive::StoreArchive;
use arshif::ui::worker::{StoreRunner, Worker};
use eframe::egui;
use egui_kittest::Harness;

fn harness(db: &Path) -> Harness<'static, ArshifApp> {
    let worker = Worker::spawn(Box::new(StoreRunner::new(db.to_path_buf())), None);
    let app = ArshifApp::new(
        Box::new(StoreArchive::open(db).expect("the generated archive opens")),
        worker,
        Arc::new(|_| None),
        Settings::default(),
    );
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_context_setup(arshif::ui::fonts::install)
        .build_ui_state(|ui, app: &mut ArshifApp| app.show(ui), app)
}

/// (median, p99, max) in milliseconds.
fn stats(mut ms: Vec<f64>) -> (f64, f64, f64) {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    (at(0.5), at(0.99), *ms.last().expect("frames"))
}

/// One mouse-wheel notch of `dy` points.
fn wheel(dy: f32) -> egui::Event {
    egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::default(),
    }
}

/// Scrolls the timeline `frames` times by one wheel notch (down, then back up halfway through),
/// timing each frame.
fn scroll(h: &mut Harness<'_, ArshifApp>, frames: usize) -> Vec<f64> {
    let over = egui::pos2(640.0, 400.0);
    h.hover_at(over);
    let mut ms = Vec::with_capacity(frames);
    for i in 0..frames {
        let dy = if i < frames / 2 { -120.0 } else { 120.0 };
        h.event(wheel(dy));
        let t = Instant::now();
        h.step();
        ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    ms
}

fn report(what: &str, ms: Vec<f64>) {
    let n = ms.len();
    let (median, p99, max) = stats(ms);
    println!(
        "{what:<48} {n:>5} frames  median {median:6.2} ms  p99 {p99:6.2} ms  max {max:7.2} ms"
    );
}

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    for meetings in [10usize, 100_000] {
        let db = dir.path().join(format!("m{meetings}.sqlite"));
        let t = Instant::now();
        arshif::devtools::generate::archive(&db, meetings)?;
        eprintln!(
            "generated {meetings} meetings in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        // Building the harness runs the first frame: the timeline query, facets and overview.
        let t = Instant::now();
        let mut h = harness(&db);
        eprintln!(
            "open + first frame (timeline query, facets, overview bins): {:.0} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
        // The timeline is read on the app's reads thread: wait for it (between frames).
        h.state_mut()
            .wait_for_reads(std::time::Duration::from_secs(600));
        h.run();
        assert_eq!(h.state().timeline().cards.len(), meetings);
        // Warm the text caches with a first pass, then measure.
        scroll(&mut h, 60);
        report(&format!("scroll, {meetings} meetings"), scroll(&mut h, 600));

        if meetings == 100_000 {
            // Import 2,000 articles while scrolling: the worker writes through its own connection.
            let src = dir.path().join("import");
            std::fs::create_dir_all(&src)?;
            let corpus =
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev/articles");
            let mut texts = Vec::new();
            for e in std::fs::read_dir(&corpus).map_err(|e| {
                anyhow::anyhow!("the shared corpus is missing: {}: {e}", corpus.display())
            })? {
                let p = e?.path();
                if p.extension().is_some_and(|x| x == "txt") {
                    texts.push(std::fs::read_to_string(&p)?);
                }
            }
            for i in 0..2_000 {
                let text = &texts[i % texts.len()];
                std::fs::write(
                    src.join(format!("{i:05}.txt")),
                    format!("{text}\nرقم {i}\n"),
                )?;
            }
            h.state_mut().start_import(vec![src]);
            let mut ms = Vec::new();
            let t = Instant::now();
            let mut i = 0usize;
            while h.state().busy() || ms.len() < 10 {
                let dy = if (i / 100).is_multiple_of(2) {
                    -120.0
                } else {
                    120.0
                };
                i += 1;
                h.event(wheel(dy));
                let f = Instant::now();
                h.step();
                ms.push(f.elapsed().as_secs_f64() * 1e3);
            }
            let summary = h
                .state()
                .summary()
                .map(|s| s.headline.clone())
                .unwrap_or_default();
            eprintln!("import took {:.1} s: {summary}", t.elapsed().as_secs_f64());
            report("scroll during an import of 2,000 articles", ms);
        }
    }
    if let Ok(keep) = std::env::var("ARSHIF_KEEP_ARCHIVE") {
        arshif::devtools::generate::archive(Path::new(&keep), 100_000)?;
        eprintln!("wrote a 100,000-meeting archive to {keep}");
    }
    Ok(())
}
