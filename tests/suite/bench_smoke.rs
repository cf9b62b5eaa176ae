//! `arshif bench` at a small size, through the binary: every field the issue names is there and
//! sane (counts, ratios, percentile order). Not a timing: the numbers are whatever this machine
//! gives.

use crate::common::{arshif, temp_db};

fn num(v: &serde_json::Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number: {}", v[key]))
}

#[test]
fn bench_200_articles_reports_every_measurement() {
    let (_dir, db) = temp_db();
    let (code, out, err) = arshif(
        &db,
        &["bench", "--articles", "200", "--frames", "60", "--json"],
    );
    assert_eq!(code, 0, "bench failed: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object on stdout");

    assert_eq!(v["articles"], 200);
    // ~1.5 meetings per article are written; extraction finds most of them, and no more than
    // two per article.
    let meetings = num(&v, "meetings");
    assert!((220.0..=400.0).contains(&meetings), "{meetings} meetings");
    assert!(
        num(&v, "officials") > 100.0,
        "officials: {}",
        v["officials"]
    );
    assert!(
        num(&v, "meeting_days") > 100.0,
        "days: {}",
        v["meeting_days"]
    );

    for key in [
        "baseline_insert_s",
        "import_s",
        "import_ratio",
        "size_ratio",
        "search_p50_ms",
        "filter_p50_ms",
        "frame_p50_ms",
        "peak_rss_mb",
    ] {
        assert!(num(&v, key) > 0.0, "{key} = {}", v[key]);
    }
    let (base, db_bytes) = (num(&v, "baseline_db_bytes"), num(&v, "db_bytes"));
    // 200 articles of ~3 KB: a few hundred KB of text in each database at least.
    assert!(base > 500_000.0 && db_bytes > base, "{base} vs {db_bytes}");
    assert!((num(&v, "size_ratio") - db_bytes / base).abs() < 1e-6);
    assert!(
        (num(&v, "import_ratio") - num(&v, "import_s") / num(&v, "baseline_insert_s")).abs() < 1e-6
    );
    for what in ["search", "filter", "frame"] {
        let (p50, p95) = (
            num(&v, &format!("{what}_p50_ms")),
            num(&v, &format!("{what}_p95_ms")),
        );
        assert!(p95 >= p50, "{what}: p95 {p95} < p50 {p50}");
    }
    assert_eq!(v["search_queries"], 200);
    assert_eq!(v["filter_changes"], 44);
    assert!(num(&v, "search_mean_hits") > 1.0);

    // First frame: measured under a display, else null with the reason on stderr.
    let display =
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some();
    if display {
        // The window first, then the timeline, the complete frame, the screenshot file.
        let (window, timeline, complete, shot) = (
            num(&v, "window_s"),
            num(&v, "first_frame_s"),
            num(&v, "complete_frame_s"),
            num(&v, "screenshot_s"),
        );
        assert!(window > 0.0, "{err}");
        assert!(timeline > window, "timeline {timeline} <= window {window}");
        assert!(
            complete >= timeline,
            "complete {complete} < timeline {timeline}"
        );
        assert!(shot >= complete, "screenshot {shot} < complete {complete}");
    } else {
        assert!(v["first_frame_s"].is_null());
        assert!(v["window_s"].is_null());
        assert!(err.contains("DISPLAY"), "{err}");
    }

    let phases: Vec<&str> = v["phases"]
        .as_array()
        .expect("phases")
        .iter()
        .map(|p| p["name"].as_str().expect("a phase name"))
        .collect();
    assert_eq!(
        phases,
        [
            "generate", "baseline", "import", "search", "filter", "frames"
        ]
    );
    assert!(num(&v["machine"], "cores") >= 1.0);
    assert!(
        v["machine"]["date"]
            .as_str()
            .is_some_and(|d| d.starts_with("20"))
    );
}
