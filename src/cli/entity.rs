//! `arshif entity suggest`: extracted officials (not in the gazetteer) whose names look like a
//! listed official's, offered as "did you mean", never merged silently.

use super::CliError;
use super::archive::open_caught_up;
use crate::pages;
use clap::Subcommand;
use std::path::Path;

/// `arshif entity ...`.
#[derive(Debug, Subcommand)]
pub enum EntityCommand {
    /// List extracted officials whose names are another spelling, or a near misspelling, of a
    /// listed official's ("did you mean"). Nothing is changed: add the spelling with
    /// `arshif alias add person KEY SPELLING` when it is the same person.
    Suggest {
        /// Print a JSON list: [{key, name_en, name_ar, spellings, meetings, did_you_mean: [...]}].
        #[arg(long)]
        json: bool,
    },
}

/// Runs one `entity` subcommand.
pub(super) fn cmd_entity(db: Option<&Path>, cmd: EntityCommand) -> Result<(), CliError> {
    match cmd {
        EntityCommand::Suggest { json } => {
            let (store, ex) = open_caught_up(db)?;
            let list = pages::suggest_entities(&store, ex.gazetteer())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).expect("suggestions serialise")
                );
                return Ok(());
            }
            if list.is_empty() {
                println!("no extracted official looks like a listed one");
            }
            for s in &list {
                println!(
                    "{}  ({} meeting{}; written {})",
                    s.key,
                    s.meetings,
                    if s.meetings == 1 { "" } else { "s" },
                    s.spellings
                        .iter()
                        .map(|w| format!("«{w}»"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                for c in &s.did_you_mean {
                    let how = match c.distance {
                        Some(0) => "another spelling".to_string(),
                        Some(d) => format!("{d} letter{} apart", if d == 1 { "" } else { "s" }),
                        None => String::new(),
                    };
                    println!(
                        "    did you mean {} ({}, «{}»)? {how}",
                        c.page.key(),
                        c.name_en,
                        c.name_ar
                    );
                }
            }
            Ok(())
        }
    }
}
