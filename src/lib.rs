//! Arshif (أرشيف): a personal archive of news articles about meetings between Libyan and European
//! officials. This library holds everything that runs without a window; the `arshif` binary is a
//! thin CLI over it and, with the `gui` feature, the egui app in [`ui`].
//!
//! Data flows one way (see ARCHITECTURE.md):
//! file → [`import`] → [`text`] → [`extract`] → [`store`] → [`query`] → `ui` / [`export`].
//! [`pipeline`] is what the front ends (the [`cli`], the app) call; [`devtools`] (bench, eval, a
//! generated archive) sits on top of the library and nothing below depends on it.

pub mod cli;
pub mod devtools;
pub mod edits;
pub mod events;
pub mod export;
pub mod extract;
pub mod fsutil;
pub mod gazetteer;
pub mod import;
pub mod inbox;
pub mod model;
pub mod pages;
pub mod pipeline;
pub mod query;
pub mod search;
pub mod store;
pub mod text;

#[cfg(feature = "gui")]
pub mod ui;
