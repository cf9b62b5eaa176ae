//! The one filter of the timeline, the CLI and every export: what the user selected.

use crate::model::MeetingKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Order of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    #[default]
    NewestFirst,
    OldestFirst,
}

/// What the user has selected. Empty sets mean "no restriction"; within one facet the values are
/// OR-ed, across facets AND-ed (the usual faceted-search rule).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Free text, searched with the Arabic-aware full-text search over the reporting articles.
    pub text: Option<String>,
    /// Person entity keys (gazetteer ids such as `luciana_lamorgese`, or keys of extracted entities).
    pub officials: BTreeSet<String>,
    /// Body entity keys (`ly_presidential_council`, `it_interior`, ...).
    pub bodies: BTreeSet<String>,
    /// ISO 3166-1 alpha-2 codes, `EU` for EU institutions.
    pub countries: BTreeSet<String>,
    /// Topic ids from `assets/gazetteer/topics.toml`.
    pub topics: BTreeSet<String>,
    /// Place ids from `assets/gazetteer/places.toml`.
    pub places: BTreeSet<String>,
    /// Meeting kinds (CAMEO 040–044).
    pub kinds: BTreeSet<MeetingKind>,
    /// Inclusive lower bound on the meeting date.
    pub from: Option<NaiveDate>,
    /// Inclusive upper bound on the meeting date.
    pub to: Option<NaiveDate>,
    /// Drop undated meetings (they are kept by default, in their own group).
    pub exclude_undated: bool,
    /// Keep only meetings that took place (drop announced and cancelled ones).
    pub exclude_announced: bool,
    pub order: Order,
}
