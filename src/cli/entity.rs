//! `arshif entity suggest`: extracted officials (not in the gazetteer) whose names look like a
//! listed official's, offered as "did you mean", never merged silently. `arshif entity merge A B`
//! and `arshif entity split KEY SPELLING`: the user's decision, as undoable edits
//! ([`crate::edits::entities`]) that hold across `reextract`.

use super::CliError;
use super::archive::{archive_extractor, catch_up, open_caught_up};
use crate::edits::entities::{self, EntityEdit};
use crate::edits::{self, Edit};
use crate::pages::{self, PageKind, Resolution};
use crate::store::Store;
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
    /// A is B: every spelling of A (an extracted `new:` entity, or a listed official) becomes
    /// B's, B a listed official. Names may be keys or any spelling. `arshif undo` reverts it.
    Merge {
        /// The entity that goes (key or name).
        from: String,
        /// The listed official it is (key or name).
        into: String,
    },
    /// SPELLING is not the listed official KEY (a wrong alias): its articles are read again
    /// without it. `arshif undo` reverts it.
    Split {
        /// The listed official (key or name).
        key: String,
        /// The spelling to split off, as listed.
        spelling: String,
    },
}

/// The key `typed` names among officials, or a usage error listing candidates.
fn official_key(
    store: &Store,
    gaz: &crate::gazetteer::Gazetteer,
    typed: &str,
) -> Result<String, CliError> {
    match pages::resolve(store, gaz, PageKind::Official, typed)? {
        Resolution::Found { page } => Ok(page.key().to_string()),
        Resolution::Ambiguous { candidates } => Err(CliError::Usage(format!(
            "«{typed}» names several officials: {}",
            candidates
                .iter()
                .map(|c| c.page.key().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        Resolution::Unknown { did_you_mean } => Err(CliError::Usage(format!(
            "no official named «{typed}»{}",
            if did_you_mean.is_empty() {
                String::new()
            } else {
                format!(
                    "; did you mean {}?",
                    did_you_mean
                        .iter()
                        .map(|c| c.page.key().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ))),
    }
}

/// Logs `e` and reads the articles again with the gazetteer as it now is.
fn apply_entity_edit(mut store: Store, e: EntityEdit) -> Result<(), CliError> {
    let applied = edits::apply(&store, &Edit::Entity(e))?;
    if applied.needs_extraction() {
        let ex = archive_extractor(&store)?;
        catch_up(&mut store, &ex)?;
    }
    let Edit::Entity(e) = &applied.edit else {
        unreachable!("applied what was given")
    };
    println!(
        "edit #{}: {}; articles read again",
        applied.id,
        e.describe()
    );
    Ok(())
}

/// Runs one `entity` subcommand.
pub(super) fn cmd_entity(db: Option<&Path>, cmd: EntityCommand) -> Result<(), CliError> {
    match cmd {
        EntityCommand::Merge { from, into } => {
            let (store, ex) = open_caught_up(db)?;
            let gaz = ex.gazetteer();
            let from = official_key(&store, gaz, &from)?;
            let into = official_key(&store, gaz, &into)?;
            let mut spellings: Vec<String> = Vec::new();
            for s in crate::store::pages::people_seen(&store)? {
                if s.key == from {
                    for n in [s.as_written, s.name_en, s.name_ar] {
                        if !n.trim().is_empty() && !spellings.contains(&n) {
                            spellings.push(n);
                        }
                    }
                }
            }
            let e = EntityEdit::Merge {
                from,
                into,
                spellings,
            };
            entities::validate(gaz, &e).map_err(|e| CliError::Usage(e.to_string()))?;
            apply_entity_edit(store, e)
        }
        EntityCommand::Split { key, spelling } => {
            let (store, ex) = open_caught_up(db)?;
            let gaz = ex.gazetteer();
            let key = official_key(&store, gaz, &key)?;
            let e = EntityEdit::Split { key, spelling };
            entities::validate(gaz, &e).map_err(|e| CliError::Usage(e.to_string()))?;
            apply_entity_edit(store, e)
        }
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
