//! Stable meeting identity: the key that names a meeting across re-extraction (see the module
//! docs of [`crate::edits`]) and how an edit finds its meeting again.

use super::{EditError, MeetingRef};
use crate::store::Store;
use crate::store::meetings::{self, EditableRow, NewMeeting};
use std::collections::HashMap;

/// The key of each of an article's meetings, in order (see the module docs).
pub fn meeting_keys(meetings: &[NewMeeting]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    meetings
        .iter()
        .map(|m| {
            let mut keys: Vec<&str> = m
                .participants
                .iter()
                .map(|p| p.person_key.as_str())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            let base = if keys.is_empty() {
                "(nobody)".to_string()
            } else {
                keys.join("+")
            };
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}#{n}") }
        })
        .collect()
}

pub(crate) fn anchor_of(m: &NewMeeting) -> Option<i64> {
    m.evidence.first().map(|e| e.start as i64)
}

/// The participant keys a meeting key names (without the `#n` suffix).
fn key_people(key: &str) -> Vec<&str> {
    let base = key.split('#').next().unwrap_or(key);
    base.split('+').collect()
}

/// The [`MeetingRef`] of a meeting row (a timeline row's `id`).
///
/// # Errors
/// [`EditError::NoMeetingId`] when no such row exists; database failures.
pub fn meeting_ref(store: &Store, meeting_id: i64) -> Result<MeetingRef, EditError> {
    let row = meetings::meeting_identity(store, meeting_id)?;
    match row {
        Some((article_id, Some(key), anchor)) => Ok(MeetingRef {
            article_id,
            key,
            anchor,
        }),
        Some((_, None, _)) => Err(EditError::Invalid(format!(
            "meeting #{meeting_id} was extracted before edits existed: run `arshif reextract` first"
        ))),
        None => Err(EditError::NoMeetingId(meeting_id)),
    }
}

/// The meeting row a [`MeetingRef`] currently names, if any.
///
/// # Errors
/// Database failures.
pub fn meeting_id(store: &Store, target: &MeetingRef) -> Result<Option<i64>, EditError> {
    let rows = meetings::editable_rows(store, target.article_id)?;
    Ok(resolve(&rows, target).map(|(id, _)| id))
}

/// The row `target` names: its exact key, else (for extracted meetings) the one meeting with the
/// same anchor sharing a participant. The bool is true for the fallback.
pub(crate) fn resolve(rows: &[EditableRow], target: &MeetingRef) -> Option<(i64, bool)> {
    if let Some(r) = rows.iter().find(|r| r.key.as_deref() == Some(&target.key)) {
        return Some((r.id, false));
    }
    if target.key.starts_with("user:") {
        return None;
    }
    let wanted = key_people(&target.key);
    let extracted = |r: &&EditableRow| {
        r.key
            .as_deref()
            .is_some_and(|k| !k.starts_with("user:") && !key_people(k).is_empty())
    };
    let shares = |r: &&EditableRow| {
        r.key
            .as_deref()
            .is_some_and(|k| key_people(k).iter().any(|p| wanted.contains(p)))
    };
    // Same first evidence sentence and at least one participant in common.
    if let Some(anchor) = target.anchor {
        let same: Vec<&EditableRow> = rows
            .iter()
            .filter(extracted)
            .filter(|r| r.anchor == Some(anchor))
            .filter(shares)
            .collect();
        if let [one] = same.as_slice() {
            return Some((one.id, true));
        }
    }
    // Every participant that went missing was a placeholder (`unnamed:IT`, `new:...`) that a
    // gazetteer addition now names: the one meeting keeping all the others.
    let placeholder = |p: &&str| p.starts_with("unnamed:") || p.starts_with("new:");
    let renamed: Vec<&EditableRow> = rows
        .iter()
        .filter(extracted)
        .filter(shares)
        .filter(|r| {
            let have = key_people(r.key.as_deref().unwrap_or_default());
            wanted.iter().filter(|p| !have.contains(p)).all(placeholder)
        })
        .collect();
    match renamed.as_slice() {
        [one] => Some((one.id, true)),
        _ => None,
    }
}
