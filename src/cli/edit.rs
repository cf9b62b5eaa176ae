//! The correction subcommands: `edit ...`, `undo`, `redo`, `alias add`, `official add`, over
//! the library API in [`crate::edits`]. MEETING is the number `timeline` prints ("meeting #12").

use super::CliError;
use super::archive::{archive_extractor, catch_up, open};
use super::timeline::print_meetings;
use crate::edits::{self, Applied, DateValue, Edit, EntityKind, MeetingChange};
use crate::gazetteer::Gazetteer;
use crate::gazetteer::lookup;
use crate::model::{MeetingKind, MeetingStatus};
use crate::query::{self, Filter};
use crate::store::Store;
use clap::Subcommand;
use std::path::Path;

/// `arshif edit ...`: correct one meeting.
#[derive(Debug, Subcommand)]
pub enum EditCommand {
    /// Set the meeting's date (YYYY-MM-DD, YYYY-MM, any date Arshif reads, or "none").
    Date { meeting: i64, date: String },
    /// Set the place: a gazetteer place (id or name, e.g. tripoli, «طرابلس»), else free text, or "none".
    Place { meeting: i64, place: String },
    /// Set the kind: consult, phone_call, visit, host, third_location.
    Kind { meeting: i64, kind: String },
    /// Set the status: held, announced, cancelled.
    Status { meeting: i64, status: String },
    /// Add a participant (a gazetteer person id or name, also officials you added).
    AddPerson { meeting: i64, person: String },
    /// Remove a participant (the key or the name the timeline shows).
    RemovePerson { meeting: i64, person: String },
    /// Add a topic (id or label, e.g. illegal_migration, «الهجرة»).
    AddTopic { meeting: i64, topic: String },
    /// Remove a topic.
    RemoveTopic { meeting: i64, topic: String },
    /// Not a Libyan–European meeting: hide it from the timeline and exports.
    NotAMeeting { meeting: i64 },
    /// It is a Libyan–European meeting after all (undoes not-a-meeting).
    IsAMeeting { meeting: i64 },
    /// Delete the meeting (undo brings it back).
    Delete { meeting: i64 },
    /// The extraction is right: mark the meeting confirmed.
    Confirm { meeting: i64 },
    /// Add a meeting the extraction missed to an article (ARTICLE is its id).
    AddMeeting {
        article: i64,
        /// A participant: gazetteer id or name (repeatable, at least one).
        #[arg(long = "person", required = true, value_name = "PERSON")]
        people: Vec<String>,
        /// The date (YYYY-MM-DD or any date Arshif reads).
        #[arg(long)]
        date: Option<String>,
        /// The place (gazetteer id or name, else free text).
        #[arg(long)]
        place: Option<String>,
        /// consult, phone_call, visit, host, third_location.
        #[arg(long, default_value = "consult")]
        kind: String,
    },
    /// List every edit, oldest first, with its state; orphaned edits (their meeting is gone
    /// after a re-extraction) are marked.
    List {
        /// Print a JSON list of edits.
        #[arg(long)]
        json: bool,
    },
}

/// `arshif alias ...`.
#[derive(Debug, Subcommand)]
pub enum AliasCommand {
    /// Add another spelling of a gazetteer person (default), place or body, by its id.
    Add {
        /// The gazetteer id (khaled_mazen, tripoli, it_interior, user_carlo_bianchi ...).
        key: String,
        /// The spelling to add (several words are safer than one).
        alias: String,
        /// KEY is a place.
        #[arg(long, conflicts_with = "body")]
        place: bool,
        /// KEY is a ministry or body.
        #[arg(long)]
        body: bool,
    },
}

/// `arshif official ...`.
#[derive(Debug, Subcommand)]
pub enum OfficialCommand {
    /// Add an official nobody listed; every article is then read again to find them.
    Add {
        /// The name in English (or Latin script).
        #[arg(long, default_value = "")]
        name_en: String,
        /// The name in Arabic.
        #[arg(long, default_value = "")]
        name_ar: String,
        /// Another spelling (repeatable).
        #[arg(long = "alias", value_name = "SPELLING")]
        aliases: Vec<String>,
        /// The role in English ("Special Envoy for Libya").
        #[arg(long, default_value = "")]
        role_en: String,
        /// The role in Arabic.
        #[arg(long, default_value = "")]
        role_ar: String,
        /// The ministry or body: its gazetteer id (it_interior ...) or name.
        #[arg(long)]
        body: Option<String>,
        /// Country: ISO 3166-1 alpha-2 (LY, IT, MT ...), EU, or a name in any script (Italy, «إيطاليا»).
        #[arg(long)]
        country: String,
    },
}

/// Whether `typed` is one of `names` after folding (Arabic letter variants, case).
fn names_match(typed: &str, names: &[&str]) -> bool {
    lookup::name_match(typed, names.iter().copied()) == Some(lookup::NameMatch::Exact)
}

fn person_key(gaz: &Gazetteer, typed: &str) -> Option<String> {
    lookup::person_by_name(gaz, typed).map(|p| p.id.clone())
}

/// The meeting `edit add-meeting` describes.
fn added_meeting(
    gaz: &Gazetteer,
    people: &[String],
    date: Option<&str>,
    place: Option<&str>,
    kind: &str,
) -> Result<crate::store::meetings::NewMeeting, String> {
    let date = match date {
        Some(d) => Some(
            crate::text::dates::parse_date(d, None)
                .ok_or_else(|| format!("«{d}» is not a date Arshif can read (try YYYY-MM-DD)"))?,
        ),
        None => None,
    };
    let mut participants = Vec::new();
    for typed in people {
        let key = person_key(gaz, typed).ok_or_else(|| {
            format!(
                "no official in the gazetteer matches «{typed}»: add them first with `arshif official add`"
            )
        })?;
        participants.extend(edits::participant_from_gazetteer(
            gaz,
            &key,
            date.map(|(d, _)| d),
        ));
    }
    Ok(crate::store::meetings::NewMeeting {
        kind: MeetingKind::parse(kind).ok_or_else(|| {
            format!(
                "unknown meeting kind «{kind}»: use consult, phone_call, visit, host or third_location"
            )
        })?,
        status: MeetingStatus::Held,
        date,
        date_note: Some(crate::model::DateNote::AddedByUser.to_string()),
        weekday_conflict: false,
        place: place.map(|p| edits::place_by_name(gaz, p)),
        confidence: 1.0,
        evidence: Vec::new(),
        participants,
        topics: Vec::new(),
    })
}

/// Turns one `edit` subcommand into the edit to apply; errors are usage messages.
fn meeting_edit(
    store: &Store,
    gaz: &Gazetteer,
    cmd: &EditCommand,
) -> Result<(i64, MeetingChange), String> {
    use EditCommand as C;
    let current = |id: i64| -> Result<query::TimelineMeeting, String> {
        // Hidden meetings are not in the timeline; their edits still apply by id.
        query::timeline(store, &Filter::default())
            .map_err(|e| e.to_string())?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| format!("meeting #{id} is not on the timeline"))
    };
    Ok(match cmd {
        C::Date { meeting, date } => {
            let v = if matches!(date.trim(), "none" | "undated") {
                None
            } else {
                let (date, precision) = crate::text::dates::parse_date(date, None)
                    .ok_or_else(|| {
                        format!("«{date}» is not a date Arshif can read (try YYYY-MM-DD)")
                    })?;
                Some(DateValue { date, precision })
            };
            (*meeting, MeetingChange::Date(v))
        }
        C::Place { meeting, place } => {
            let v = if place.trim() == "none" {
                None
            } else {
                Some(edits::place_by_name(gaz, place))
            };
            (*meeting, MeetingChange::Place(v))
        }
        C::Kind { meeting, kind } => (
            *meeting,
            MeetingChange::Kind(MeetingKind::parse(kind).ok_or_else(|| {
                format!(
                    "unknown meeting kind «{kind}»: use consult, phone_call, visit, host or third_location"
                )
            })?),
        ),
        C::Status { meeting, status } => {
            let s = match status.as_str() {
                "held" => MeetingStatus::Held,
                "announced" => MeetingStatus::Announced,
                "cancelled" => MeetingStatus::Cancelled,
                _ => {
                    return Err(format!(
                        "unknown status «{status}»: use held, announced or cancelled"
                    ));
                }
            };
            (*meeting, MeetingChange::Status(s))
        }
        C::AddPerson { meeting, person } => {
            let key = person_key(gaz, person).ok_or_else(|| {
                format!(
                    "no official in the gazetteer matches «{person}»: add them first with `arshif official add`"
                )
            })?;
            let on = current(*meeting).ok().and_then(|m| m.date);
            let p = edits::participant_from_gazetteer(gaz, &key, on)
                .ok_or_else(|| format!("no official {key} in the gazetteer"))?;
            (*meeting, MeetingChange::AddParticipant(p))
        }
        C::RemovePerson { meeting, person } => {
            let m = current(*meeting)?;
            let key = m
                .participants
                .iter()
                .find(|p| {
                    p.person.key == *person
                        || names_match(
                            person,
                            &[&p.person.name_en, &p.person.name_ar, &p.as_written],
                        )
                })
                .map(|p| p.person.key.clone())
                .ok_or_else(|| format!("meeting #{meeting} has no participant «{person}»"))?;
            (*meeting, MeetingChange::RemoveParticipant(key))
        }
        C::AddTopic { meeting, topic } => {
            // Exact names first; else a word of a label («الهجرة» → «الهجرة غير الشرعية») when
            // only one topic has it, and the candidates when several do.
            let t = match edits::topic_by_name(gaz, topic) {
                Some(t) => t,
                None => match lookup::search_topics(gaz, topic, 8).as_slice() {
                    [] => return Err(format!("no topic matches «{topic}»")),
                    [one] => edits::topic_by_name(gaz, &one.id)
                        .ok_or_else(|| format!("no topic matches «{topic}»"))?,
                    several => {
                        let names: Vec<String> = several
                            .iter()
                            .map(|t| format!("{} ({} / {})", t.id, t.label_en, t.label_ar))
                            .collect();
                        return Err(format!(
                            "«{topic}» matches several topics: {}; give one of these ids",
                            names.join(", ")
                        ));
                    }
                },
            };
            (*meeting, MeetingChange::AddTopic(t))
        }
        C::RemoveTopic { meeting, topic } => {
            let m = current(*meeting)?;
            let key = m
                .topics
                .iter()
                .find(|t| t.key == *topic || names_match(topic, &[&t.name_en, &t.name_ar]))
                .map(|t| t.key.clone())
                .ok_or_else(|| format!("meeting #{meeting} has no topic «{topic}»"))?;
            (*meeting, MeetingChange::RemoveTopic(key))
        }
        C::NotAMeeting { meeting } => (*meeting, MeetingChange::NotMeeting(true)),
        C::IsAMeeting { meeting } => (*meeting, MeetingChange::NotMeeting(false)),
        C::Delete { meeting } => (*meeting, MeetingChange::Delete),
        C::Confirm { meeting } => (*meeting, MeetingChange::Confirm),
        C::List { .. } | C::AddMeeting { .. } => unreachable!("handled by cmd_edit"),
    })
}

/// Runs extraction when the edit asks for it (with the gazetteer as it now is).
fn settle(store: &mut Store, applied: &Applied) -> Result<(), CliError> {
    if applied.needs_extraction() {
        let ex = archive_extractor(store)?;
        catch_up(store, &ex)?;
    }
    Ok(())
}

/// Prints a meeting row when it is on the timeline, else says it is hidden.
fn show_meeting(store: &Store, id: Option<i64>) -> Result<(), CliError> {
    let Some(id) = id else {
        return Ok(());
    };
    // The timeline shows the meeting a row reports (crate::store::events).
    let id = query::event_of(store, id)?.unwrap_or(id);
    let rows = query::timeline(store, &Filter::default())?;
    let mine: Vec<_> = rows.into_iter().filter(|m| m.id == id).collect();
    if mine.is_empty() {
        println!("meeting #{id} is now hidden from the timeline");
    } else {
        print_meetings(&mine);
    }
    Ok(())
}

fn describe(a: &Applied) -> String {
    match &a.edit {
        Edit::Meeting { target, change } => format!(
            "{} of meeting «{}» in article #{}",
            change.field().replace('_', " "),
            target.key,
            target.article_id
        ),
        Edit::AddMeeting { article_id, .. } => format!("meeting added to article #{article_id}"),
        Edit::ArticleDate { article_id, .. } => format!("date of article #{article_id}"),
        Edit::AddAlias { key, alias, .. } => format!("alias «{alias}» of {key}"),
        Edit::AddOfficial { person } => format!("official {} ({})", person.name_en, person.id),
        Edit::Entity(e) => e.describe(),
    }
}

/// `arshif edit ...`.
///
/// # Errors
/// A value that names nothing (usage, exit 2); an unknown meeting or the archive fails (exit 1).
pub(super) fn cmd_edit(db: Option<&Path>, cmd: EditCommand) -> Result<(), CliError> {
    let mut store = open(db)?;
    if let EditCommand::List { json } = cmd {
        return list(&store, json);
    }
    let ex = archive_extractor(&store)?;
    catch_up(&mut store, &ex)?;
    if let EditCommand::AddMeeting {
        article,
        people,
        date,
        place,
        kind,
    } = &cmd
    {
        let meeting = added_meeting(
            ex.gazetteer(),
            people,
            date.as_deref(),
            place.as_deref(),
            kind,
        )
        .map_err(CliError::Usage)?;
        let applied = edits::apply(
            &store,
            &Edit::AddMeeting {
                article_id: *article,
                meeting,
            },
        )?;
        println!("edit #{}: {}", applied.id, describe(&applied));
        let target = edits::MeetingRef {
            article_id: *article,
            key: format!("user:{}", applied.id),
            anchor: None,
        };
        return show_meeting(&store, edits::meeting_id(&store, &target).ok().flatten());
    }
    let (meeting, change) = meeting_edit(&store, ex.gazetteer(), &cmd).map_err(CliError::Usage)?;
    let target = edits::meeting_ref(&store, meeting)?;
    let applied = edits::apply(&store, &Edit::Meeting { target, change })?;
    println!("edit #{}: {}", applied.id, describe(&applied));
    show_meeting(&store, Some(meeting))
}

fn list(store: &Store, json: bool) -> Result<(), CliError> {
    let h = edits::history(store)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&h).expect("edits serialise")
        );
        return Ok(());
    }
    for r in &h {
        let a = Applied {
            id: r.id,
            edit: r.edit.clone(),
            pending_articles: Vec::new(),
            gazetteer_changed: false,
        };
        println!(
            "#{:<4} {}  {:<9} {}{}",
            r.id,
            r.created_at,
            r.state,
            describe(&a),
            if r.orphaned {
                "  [ORPHANED: the meeting is gone]"
            } else {
                ""
            }
        );
    }
    println!("{} edit{}", h.len(), if h.len() == 1 { "" } else { "s" });
    Ok(())
}

/// `arshif undo` / `arshif redo`.
pub(super) fn cmd_undo_redo(db: Option<&Path>, redo: bool) -> Result<(), CliError> {
    let mut store = open(db)?;
    let r = if redo {
        edits::redo(&store)
    } else {
        edits::undo(&store)
    };
    match r? {
        Some(a) => {
            settle(&mut store, &a)?;
            println!(
                "{} edit #{}: {}",
                if redo { "redid" } else { "undid" },
                a.id,
                describe(&a)
            );
            let id = match &a.edit {
                Edit::Meeting { target, .. } => edits::meeting_id(&store, target).ok().flatten(),
                _ => None,
            };
            show_meeting(&store, id)
        }
        None => {
            println!("nothing to {}", if redo { "redo" } else { "undo" });
            Ok(())
        }
    }
}

/// `arshif alias add`.
pub(super) fn cmd_alias(db: Option<&Path>, cmd: AliasCommand) -> Result<(), CliError> {
    let AliasCommand::Add {
        key,
        alias,
        place,
        body,
    } = cmd;
    let mut store = open(db)?;
    let ex = archive_extractor(&store)?;
    let entity = if place {
        EntityKind::Place
    } else if body {
        EntityKind::Body
    } else {
        EntityKind::Person
    };
    let edit = edits::alias_edit(ex.gazetteer(), entity, &key, &alias).map_err(CliError::usage)?;
    let applied = edits::apply(&store, &edit)?;
    settle(&mut store, &applied)?;
    println!(
        "edit #{}: {}; articles read again",
        applied.id,
        describe(&applied)
    );
    Ok(())
}

/// `arshif official add`.
pub(super) fn cmd_official(db: Option<&Path>, cmd: OfficialCommand) -> Result<(), CliError> {
    let OfficialCommand::Add {
        name_en,
        name_ar,
        aliases,
        role_en,
        role_ar,
        body,
        country,
    } = cmd;
    let gaz = Gazetteer::shipped();
    let country = edits::country_code(&gaz, &country).map_err(CliError::usage)?;
    let body = body
        .as_deref()
        .map(|b| edits::body_key(&gaz, b))
        .transpose()
        .map_err(CliError::usage)?;
    let person = edits::new_official(
        &name_en,
        &name_ar,
        &aliases,
        &role_en,
        &role_ar,
        body.as_deref(),
        &country,
    )
    .map_err(CliError::usage)?;
    let mut store = open(db)?;
    let applied = edits::apply(&store, &Edit::AddOfficial { person })?;
    settle(&mut store, &applied)?;
    let Edit::AddOfficial { person } = &applied.edit else {
        return Ok(());
    };
    let n = query::timeline(
        &store,
        &Filter {
            officials: [person.id.clone()].into_iter().collect(),
            ..Filter::default()
        },
    )
    .map(|v| v.len())
    .unwrap_or(0);
    println!(
        "edit #{}: {}; found in {n} meeting{}",
        applied.id,
        describe(&applied),
        if n == 1 { "" } else { "s" }
    );
    Ok(())
}
