//! The sample articles bundled in the binary (every file of `assets/samples/` at build time,
//! except a README), imported into a brand-new default archive so the app has something to show
//! on first run. See `build.rs`.

include!(concat!(env!("OUT_DIR"), "/samples.rs"));
