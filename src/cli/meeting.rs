//! `arshif meeting ...`: one meeting from many reports. MEETING is the number `timeline` prints
//! ("meeting #12"). Merge, split and "different" are edits: `undo` reverts them and they survive
//! `reextract` (see [`crate::edits::merge`]).

use super::CliError;
use super::archive::open;
use super::timeline::print_meetings;
use crate::edits;
use crate::query::{self, Filter};
use crate::store::Store;
use clap::Subcommand;
use std::path::Path;

/// `arshif meeting ...`.
#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// List the reports of a meeting: article, outlet, language, date published, copies.
    Reports {
        meeting: i64,
        /// Print a JSON list of reports.
        #[arg(long)]
        json: bool,
    },
    /// The two meetings are one: show them as one, for good (undo reverts it).
    Merge { a: i64, b: i64 },
    /// Separate every report of the meeting: each its own meeting, never merged again.
    Split { meeting: i64 },
    /// The two meetings (or two reports of one) are different meetings: never merge them.
    Different { a: i64, b: i64 },
}

/// Runs `arshif meeting ...`.
///
/// # Errors
/// No such meeting, nothing to merge or split (exit 1); database failures.
pub(super) fn cmd_meeting(db: Option<&Path>, cmd: MeetingCommand) -> Result<(), CliError> {
    let store = open(db)?;
    let (what, ids) = match cmd {
        MeetingCommand::Reports { meeting, json } => return reports(&store, meeting, json),
        MeetingCommand::Merge { a, b } => {
            edits::merge(&store, a, b)?;
            ("merged", vec![a])
        }
        MeetingCommand::Split { meeting } => {
            let members = crate::store::events::event_members(
                &store,
                query::event_of(&store, meeting)?.unwrap_or(meeting),
            )?;
            edits::split(&store, meeting)?;
            ("split", members)
        }
        MeetingCommand::Different { a, b } => {
            edits::different(&store, a, b)?;
            ("marked different", vec![a, b])
        }
    };
    println!("{what}; `arshif undo` reverts it");
    let mut events = Vec::new();
    for id in ids {
        if let Some(e) = query::event_of(&store, id)?
            && !events.contains(&e)
        {
            events.push(e);
        }
    }
    let rows: Vec<_> = query::timeline(&store, &Filter::default())?
        .into_iter()
        .filter(|m| events.contains(&m.id))
        .collect();
    print_meetings(&rows);
    Ok(())
}

fn reports(store: &Store, meeting: i64, json: bool) -> Result<(), CliError> {
    let list = query::meeting_reports(store, meeting)?;
    if list.is_empty() {
        return Err(CliError::Failed(format!(
            "no meeting #{meeting} in the archive"
        )));
    }
    if json {
        println!(
            "{}",
            serde_json::to_string(&list).expect("reports serialise")
        );
        return Ok(());
    }
    let noun = if list.len() == 1 { "report" } else { "reports" };
    println!("meeting #{meeting}: {} {noun}", list.len());
    for r in &list {
        let copy = r
            .copy_of
            .map(|o| format!("  (copy of #{o})"))
            .unwrap_or_default();
        println!(
            "  #{}  {}  {}  {}  {}{copy}",
            r.article_id,
            r.published.as_deref().unwrap_or("undated"),
            r.lang,
            r.outlet.as_deref().unwrap_or("-"),
            r.headline
        );
    }
    Ok(())
}
