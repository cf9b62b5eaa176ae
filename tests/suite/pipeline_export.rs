//! One export path: `arshif export` and the app's Export (the worker's export job, which calls
//! `pipeline::export_to_file`) write the same bytes for the same filter, with the reporting
//! articles, place coordinates and country names the CLI always had.

use crate::common;

use arshif::export::Format;
use arshif::query::{Filter, Order};
use std::process::Command;

fn arshif(db: &std::path::Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_arshif"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run arshif");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_cli_and_the_app_export_the_same_bytes() {
    let (dir, db) = common::temp_db();
    let seed = common::seed_path();
    let (code, err) = arshif(&db, &["import", seed.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let store = arshif::store::Store::open(&db).unwrap();
    // What the app's worker builds from the filter panel: Italy, newest first.
    let filter = Filter {
        countries: ["IT".to_owned()].into_iter().collect(),
        order: Order::NewestFirst,
        ..Filter::default()
    };
    for format in [Format::CsvExcel, Format::GeoJson, Format::Json] {
        let cli = dir.path().join(format!("cli.{}", format.extension()));
        let app = dir.path().join(format!("app.{}", format.extension()));
        let (code, err) = arshif(
            &db,
            &[
                "export",
                "--country",
                "Italy",
                "--format",
                format.name(),
                "--out",
                cli.to_str().unwrap(),
            ],
        );
        assert_eq!(code, 0, "{format}: {err}");
        let options = arshif::export::ExportOptions::default();
        let summary =
            arshif::pipeline::export_to_file(&store, &filter, format, &options, &app).unwrap();
        assert_eq!(summary.written, 2, "{format}");
        let (cli, app) = (std::fs::read(&cli).unwrap(), std::fs::read(&app).unwrap());
        assert_eq!(
            String::from_utf8_lossy(&cli),
            String::from_utf8_lossy(&app),
            "{format}"
        );
        let text = String::from_utf8_lossy(&app);
        match format {
            Format::CsvExcel => assert!(text.contains("Italy"), "{text}"),
            Format::GeoJson => assert!(text.contains("\"Point\""), "{text}"),
            _ => {}
        }
    }
    // The app's export job goes through exactly that function (no lookup of its own).
    let worker = include_str!("../../src/ui/worker/store_runner.rs");
    assert!(worker.contains("crate::pipeline::export_to_file(store, &q, format, options, path)"));
    assert!(!worker.contains("MapLookup"));
}

#[test]
fn an_export_onto_the_archive_itself_is_refused_and_the_archive_survives() {
    let (_dir, db) = common::temp_db();
    let seed = common::seed_path();
    let (code, err) = arshif(&db, &["import", seed.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let wal = format!("{}-wal", db.display());
    for args in [
        vec!["export", "--format", "csv", "--out", db.to_str().unwrap()],
        vec!["export", "--format", "html", "--out", &wal],
        vec!["exchange", "export", db.to_str().unwrap()],
    ] {
        let (code, err) = arshif(&db, &args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(
            err.contains("that is the archive file itself"),
            "{args:?}: {err}"
        );
    }
    // The app's Export goes through the same function.
    let store = arshif::store::Store::open(&db).unwrap();
    let e = arshif::pipeline::export_to_file(
        &store,
        &Filter::default(),
        Format::Json,
        &Default::default(),
        &db,
    )
    .unwrap_err();
    assert!(e.to_string().contains("archive file itself"), "{e}");
    // Nothing was lost: the seed's two meetings are still there.
    assert_eq!(store.count_articles().unwrap(), 1);
    let rows = arshif::query::timeline(&store, &Filter::default()).unwrap();
    assert_eq!(rows.len(), 2);
}
