//! The publishing exports opened where people open them: a TimelineJS file loaded by the real
//! TimelineJS3 (Knight Lab, npm `@knight-lab/timelinejs` 3.9.11, vendored under
//! `tests/fixtures/timelinejs/`, MPL-2.0) and the HTML report, both in headless Chromium (Debian's
//! `chromium`, which `.ci/run` installs). The bundled samples are imported and exported through
//! the CLI (`arshif export`), the same path as the app's Export. Screenshots are left in
//! `target/browser-checks/` for a person to look at.

use std::path::{Path, PathBuf};
use std::process::Command;

fn arshif(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .args(args)
        .env("ARSHIF_DB", db)
        .output()
        .expect("the arshif binary runs");
    assert!(
        out.status.success(),
        "arshif {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Debian's Chromium; the test fails (never skips) without it, saying what to install.
fn chromium() -> PathBuf {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .expect("headless Chromium is needed: apt-get install chromium (.ci/run installs it)")
}

/// Runs headless Chromium on `page` (a local file) with the flags a closed network needs, letting
/// scripts run for a few seconds of virtual time, and returns the DOM it ends with. Also writes a
/// screenshot to `shot`.
fn browse(page: &Path, shot: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.display());
    let base = |cmd: &mut Command| {
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,800",
            "--virtual-time-budget=8000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()));
    };
    let mut dump = Command::new(chromium());
    base(&mut dump);
    let out = dump
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed on {url}");
    let mut snap = Command::new(chromium());
    base(&mut snap);
    let _ = snap
        .arg(format!("--screenshot={}", shot.display()))
        .arg(&url)
        .output();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn shots_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-checks");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// An archive holding the bundled samples (dated meetings from 2017 to 2025).
fn samples_archive() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.sqlite");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    arshif(&db, &["import", samples.to_str().unwrap()]);
    (dir, db)
}

#[test]
fn timelinejs_loads_the_export_with_every_dated_meeting() {
    let (dir, db) = samples_archive();
    let json_path = dir.path().join("timeline.json");
    arshif(
        &db,
        &[
            "export",
            "--format",
            "timelinejs",
            "--out",
            json_path.to_str().unwrap(),
        ],
    );
    let data = std::fs::read_to_string(&json_path).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&data).expect("strict JSON");
    let events = parsed["events"].as_array().expect("events").len();
    assert!(events >= 10, "the samples have dated meetings: {events}");

    // The page a user would publish: TimelineJS from the vendored files, the export inline.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timelinejs");
    for f in [
        "js/timeline.js",
        "css/timeline.css",
        "css/icons/tl-icons.woff2",
    ] {
        let to = dir.path().join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture.join(f), to).unwrap();
    }
    let page = dir.path().join("index.html");
    std::fs::write(
        &page,
        format!(
            "<!doctype html><html><head><meta charset=\"utf-8\">\
             <link rel=\"stylesheet\" href=\"css/timeline.css\"><script src=\"js/timeline.js\"></script>\
             </head><body style=\"margin:0\"><div id=\"tl\" style=\"width:1280px;height:780px\"></div>\
             <script>var tl = new TL.Timeline('tl', {data}, {{start_at_slide: 1}});\
             tl.on('loaded', function () {{ document.body.setAttribute('data-events', \
             tl.config.events.length); }});</script></body></html>"
        ),
    )
    .unwrap();
    let dom = browse(&page, &shots_dir().join("timelinejs.png"));
    assert!(
        dom.contains(&format!("data-events=\"{events}\"")),
        "TimelineJS did not load all {events} events"
    );
    // Knight Lab's own error texts for bad dates (TimelineJS3 #717, #150) never appear.
    for bad in ["Missing start date", "January 1, 0", "1900"] {
        assert!(!dom.contains(bad), "TimelineJS shows «{bad}»");
    }
    // The slides carry the meetings' people, Arabic included and marked right-to-left.
    assert!(dom.contains("Lamorgese"), "a sample meeting's participant");
    assert!(
        dom.contains("dir=\"rtl\""),
        "Arabic names read right to left"
    );
}

#[test]
fn the_html_report_renders_its_meetings_without_running_anything() {
    let (dir, db) = samples_archive();
    let html = dir.path().join("report.html");
    arshif(
        &db,
        &[
            "export",
            "--format",
            "html",
            "--out",
            html.to_str().unwrap(),
        ],
    );
    let dom = browse(&html, &shots_dir().join("report.png"));
    assert!(dom.contains("<svg"), "the meetings-per-month chart");
    assert!(
        dom.contains("Luciana Lamorgese"),
        "a sample meeting's participant"
    );
    assert!(!dom.contains("<script"), "the report holds no script");
    assert!(dom.contains("lang=\"en\""), "an English report says so");

    // In Arabic the whole page reads right to left, names in Arabic first.
    let html_ar = dir.path().join("report-ar.html");
    arshif(
        &db,
        &[
            "export",
            "--format",
            "html",
            "--lang",
            "ar",
            "--out",
            html_ar.to_str().unwrap(),
        ],
    );
    let dom = browse(&html_ar, &shots_dir().join("report-ar.png"));
    assert!(
        dom.contains("lang=\"ar\"") && dom.contains("dir=\"rtl\""),
        "an Arabic report is marked right to left"
    );
    assert!(dom.contains("لوتشانا لامورجيزي"), "Lamorgese in Arabic");
}
