//! Developer tools: what measures, scores and fills an archive rather than serves the user.
//!
//! - [`bench`]: `arshif bench`, the archive against raw SQLite FTS5 on a generated corpus (import,
//!   size, search, filter changes, the app's frames and first frame, memory);
//! - [`eval`]: `arshif eval`, extraction scored against a truth file;
//! - [`generate`]: a big generated archive for the UI benchmarks and tests, and `bench`'s corpus;
//! - [`fuzz`]: fuzz target bodies (the `fuzz/` crate and `tests/suite/fuzz_smoke.rs` run them);
//! - [`rng`]: the deterministic generator the first and the third draw from.
//!
//! These depend on the library (import, search, store, extract, pipeline); nothing in the
//! library's core or in `ui` depends on them. The CLI dispatches to them (`cli::devtools`).

pub mod bench;
pub mod eval;
pub mod fuzz;
pub mod generate;
pub mod rng;
