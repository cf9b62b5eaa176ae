//! What importing an archive exchange file did beyond its articles (which are ordinary
//! [`super::FileOutcome`]s): the user's corrections and gazetteer additions it carried. The file
//! is read and applied by [`crate::pipeline::exchange`]; this is the plain record the
//! [`super::ImportReport`] carries for the app and the CLI.

use serde::Serialize;

/// The corrections of one exchange file, as applied to the archive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExchangeOutcome {
    /// The file's path as given.
    pub path: String,
    /// Edits (corrections, article dates, aliases, officials) applied as new edits.
    pub edits_applied: usize,
    /// Edits the archive already had (the same edit of the same meeting): not applied twice.
    pub edits_already_present: usize,
    /// Edits not applied because this archive changed the same field of the same meeting to
    /// another value: one sentence each, naming the meeting, the field and both values.
    pub conflicts: Vec<String>,
    /// Edits that could not be applied (their meeting is not found in this archive): one
    /// sentence each.
    pub not_applied: Vec<String>,
    /// Meetings found by the extraction run after the file's articles and gazetteer additions.
    pub meetings_found: usize,
}
