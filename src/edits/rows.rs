//! Applying the edits to meeting rows: a row's columns hold its extracted snapshot with every
//! active edit applied in order (see the module docs of [`crate::edits`]).

use super::identity::{anchor_of, meeting_keys, resolve};
use super::{DateValue, EditError, EditId, MeetingChange, MeetingRef, now};
use crate::store::meetings::{self, NewMeeting};
use crate::store::{Store, StoreError, edit_log};
use std::collections::HashMap;

/// A meeting's effective state: extracted, then edits.
pub(super) struct Effective {
    m: NewMeeting,
    hidden: Option<&'static str>,
    edited: bool,
}

fn apply_change(e: &mut Effective, change: &MeetingChange) {
    if change.is_link() {
        // Which reports are one meeting is the grouping's business (crate::events), not a fact
        // of this row.
        return;
    }
    e.edited = true;
    let m = &mut e.m;
    match change {
        MeetingChange::Date(d) => {
            m.date = d.map(|d| (d.date, d.precision));
            m.date_note = Some(crate::model::DateNote::SetByUser.to_string());
            m.weekday_conflict = false;
        }
        MeetingChange::Place(p) => m.place = p.clone(),
        MeetingChange::AddParticipant(p) => {
            match m
                .participants
                .iter_mut()
                .find(|q| q.person_key == p.person_key)
            {
                Some(q) => *q = p.clone(),
                None => m.participants.push(p.clone()),
            }
        }
        MeetingChange::RemoveParticipant(key) => m.participants.retain(|p| &p.person_key != key),
        MeetingChange::AddTopic(t) => match m.topics.iter_mut().find(|q| q.topic.key == t.key) {
            Some(q) => q.topic = t.clone(),
            None => m.topics.push(crate::store::meetings::NewTopic {
                topic: t.clone(),
                span: None,
            }),
        },
        MeetingChange::RemoveTopic(key) => m.topics.retain(|t| &t.topic.key != key),
        MeetingChange::Kind(k) => m.kind = *k,
        MeetingChange::Status(s) => m.status = *s,
        MeetingChange::NotMeeting(true) => e.hidden = Some("not_meeting"),
        MeetingChange::NotMeeting(false) => {
            if e.hidden == Some("not_meeting") {
                e.hidden = None;
            }
        }
        MeetingChange::Confirm => {}
        MeetingChange::Delete => e.hidden = Some("deleted"),
        MeetingChange::SameMeeting(_)
        | MeetingChange::DifferentMeeting(_)
        | MeetingChange::SplitMeeting(_) => {}
    }
}

/// The value a change replaces, as JSON (for the `previous` column).
pub(super) fn previous_value(e: &Effective, change: &MeetingChange) -> serde_json::Value {
    use serde_json::{Value, json, to_value};
    let m = &e.m;
    match change {
        MeetingChange::Date(_) => json!(m.date.map(|(d, p)| DateValue {
            date: d,
            precision: p
        })),
        MeetingChange::Place(_) => to_value(&m.place).unwrap_or(Value::Null),
        MeetingChange::AddParticipant(p) => {
            to_value(m.participants.iter().find(|q| q.person_key == p.person_key))
                .unwrap_or(Value::Null)
        }
        MeetingChange::RemoveParticipant(key) => {
            to_value(m.participants.iter().find(|q| &q.person_key == key)).unwrap_or(Value::Null)
        }
        MeetingChange::AddTopic(t) => {
            to_value(m.topics.iter().find(|q| q.topic.key == t.key)).unwrap_or(Value::Null)
        }
        MeetingChange::RemoveTopic(key) => {
            to_value(m.topics.iter().find(|q| &q.topic.key == key)).unwrap_or(Value::Null)
        }
        MeetingChange::Kind(_) => json!(m.kind),
        MeetingChange::Status(_) => json!(m.status),
        MeetingChange::NotMeeting(_) => json!(e.hidden == Some("not_meeting")),
        MeetingChange::Confirm => json!(e.edited),
        MeetingChange::Delete => json!(e.hidden == Some("deleted")),
        MeetingChange::SameMeeting(_)
        | MeetingChange::DifferentMeeting(_)
        | MeetingChange::SplitMeeting(_) => Value::Null,
    }
}

/// A meeting added by hand: (edit id, the meeting, whether the edit is active).
type AddedMeeting = (EditId, NewMeeting, bool);

/// A meeting edit of one article that is not discarded.
struct StoredMeetingEdit {
    id: EditId,
    target: MeetingRef,
    change: MeetingChange,
    active: bool,
}

fn article_edits(
    store: &Store,
    article_id: i64,
) -> Result<(Vec<StoredMeetingEdit>, Vec<AddedMeeting>), EditError> {
    let mut meeting_edits = Vec::new();
    let mut added = Vec::new();
    for r in edit_log::article_edits(store, article_id)? {
        let (id, field, value, active) = (r.id, r.field, r.value, r.active);
        if field == "add_meeting" {
            if let Ok(m) = serde_json::from_str::<NewMeeting>(&value) {
                added.push((id, m, active));
            }
            continue;
        }
        let Ok(change) = serde_json::from_str::<MeetingChange>(&value) else {
            continue;
        };
        meeting_edits.push(StoredMeetingEdit {
            id,
            target: MeetingRef {
                article_id,
                key: r.meeting_key.unwrap_or_default(),
                anchor: r.anchor,
            },
            change,
            active,
        });
    }
    Ok((meeting_edits, added))
}

/// Brings an article's meeting rows in line with its edits: inserts or removes the meetings
/// added by hand, re-attaches every meeting edit (marking the ones whose meeting is gone as
/// orphaned), and rewrites each edited (or formerly edited) row from its extracted snapshot plus
/// its active edits, in order. Rows keep their ids.
///
/// # Errors
/// Database failures.
pub fn reapply_article(store: &Store, article_id: i64) -> Result<(), EditError> {
    let (meeting_edits, added) = article_edits(store, article_id)?;
    // Meetings added by hand.
    for (id, m, active) in &added {
        let key = format!("user:{id}");
        let rows = meetings::editable_rows(store, article_id)?;
        let existing = rows.iter().find(|r| r.key.as_deref() == Some(&key));
        match (active, existing) {
            (true, None) => insert_meeting(store, article_id, &key, m)?,
            (false, Some(r)) => meetings::delete_meeting(store, r.id)?,
            _ => {}
        }
    }
    let rows = meetings::editable_rows(store, article_id)?;
    let mut by_row: HashMap<i64, Vec<&MeetingChange>> = HashMap::new();
    for e in &meeting_edits {
        match resolve(&rows, &e.target) {
            Some((row_id, fallback)) => {
                if fallback {
                    // Follow the meeting under its new key from now on.
                    let key = rows
                        .iter()
                        .find(|r| r.id == row_id)
                        .and_then(|r| r.key.clone());
                    edit_log::set_meeting_key(store, e.id, key.as_deref())?;
                }
                edit_log::set_orphaned(store, e.id, false)?;
                if e.active {
                    by_row.entry(row_id).or_default().push(&e.change);
                }
            }
            None => {
                edit_log::set_orphaned(store, e.id, true)?;
            }
        }
    }
    for r in &rows {
        let changes = by_row.get(&r.id);
        if changes.is_none() && !r.user_edited && r.hidden.is_none() {
            continue;
        }
        let Some(base) = r
            .extracted
            .as_deref()
            .and_then(|j| serde_json::from_str::<NewMeeting>(j).ok())
        else {
            continue;
        };
        let mut e = Effective {
            m: base,
            hidden: None,
            edited: r.key.as_deref().is_some_and(|k| k.starts_with("user:")),
        };
        for c in changes.into_iter().flatten() {
            apply_change(&mut e, c);
        }
        write_row(store, r.id, &e)?;
    }
    Ok(())
}

/// The effective state of the meeting `target` names (extracted + active edits).
pub(super) fn effective_of(store: &Store, target: &MeetingRef) -> Result<Effective, EditError> {
    let rows = meetings::editable_rows(store, target.article_id)?;
    let no = || EditError::NoMeeting {
        article_id: target.article_id,
        key: target.key.clone(),
    };
    let (row_id, _) = resolve(&rows, target).ok_or_else(no)?;
    let row = rows.iter().find(|r| r.id == row_id).ok_or_else(no)?;
    let base: NewMeeting = row
        .extracted
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .ok_or_else(no)?;
    let mut e = Effective {
        m: base,
        hidden: None,
        edited: row.key.as_deref().is_some_and(|k| k.starts_with("user:")),
    };
    let (meeting_edits, _) = article_edits(store, target.article_id)?;
    for me in meeting_edits.iter().filter(|me| me.active) {
        if resolve(&rows, &me.target).map(|(id, _)| id) == Some(row_id) {
            apply_change(&mut e, &me.change);
        }
    }
    Ok(e)
}

fn write_row(store: &Store, id: i64, e: &Effective) -> Result<(), EditError> {
    let m = &e.m;
    let confidence = if e.edited {
        1.0
    } else {
        f64::from(m.confidence)
    };
    meetings::write_effective(store, id, m, confidence, e.edited, e.hidden)?;
    Ok(())
}

fn insert_meeting(
    store: &Store,
    article_id: i64,
    key: &str,
    m: &NewMeeting,
) -> Result<(), EditError> {
    let id = meetings::insert_user_meeting(store, article_id, key, m, &now())?;
    write_row(
        store,
        id,
        &Effective {
            m: m.clone(),
            hidden: None,
            edited: true,
        },
    )
}

/// Called by [`crate::pipeline::extract_pending`] right after an article's meetings were
/// replaced by `meetings` (in that order, ordinal = index): stores each row's key, anchor and
/// extracted snapshot, then re-applies the article's edits ([`reapply_article`]).
///
/// # Errors
/// Database failures.
pub fn after_extraction(
    store: &Store,
    article_id: i64,
    meetings: &[NewMeeting],
) -> Result<(), StoreError> {
    let keys = meeting_keys(meetings);
    let identities: Vec<(String, Option<i64>, String)> = meetings
        .iter()
        .zip(keys)
        .map(|(m, key)| {
            (
                key,
                anchor_of(m),
                serde_json::to_string(m).unwrap_or_default(),
            )
        })
        .collect();
    crate::store::meetings::set_identities(store, article_id, &identities)?;
    if edit_log::has_meeting_edits(store, article_id)? {
        reapply_article(store, article_id).map_err(|e| match e {
            EditError::Store(s) => s,
            other => StoreError::unwritable(other.into()),
        })?;
    }
    Ok(())
}
