//! The edit log: applying an edit, undo and redo (Ctrl+Z / Ctrl+Shift+Z), the history.

use super::rows::{effective_of, previous_value, reapply_article};
use super::user_gazetteer::insert_addition;
use super::{Applied, DateValue, Edit, EditError, EditId, EditRecord, MeetingRef, now};
use crate::model::DateSource;
use crate::store::{Store, StoreError, articles, edit_log, user_gazetteer};

fn article_date_json(store: &Store, article_id: i64) -> Result<serde_json::Value, EditError> {
    let row = articles::date_columns(store, article_id)?.map(|c| {
        serde_json::json!({
            "date": c.date,
            "date_precision": c.date_precision,
            "date_source": c.date_source,
            "date_note": c.date_note,
        })
    });
    row.ok_or(EditError::NoArticle(article_id))
}

fn set_article_date_row(
    store: &Store,
    article_id: i64,
    date: Option<DateValue>,
) -> Result<(), EditError> {
    let (d, p, src, note) = match date {
        Some(v) => (
            Some(v.date.format("%Y-%m-%d").to_string()),
            v.precision.as_str(),
            Some(DateSource::User.as_str()),
            Some("set by the user"),
        ),
        None => (
            None,
            "unknown",
            Some(DateSource::User.as_str()),
            Some("marked undated by the user"),
        ),
    };
    let cols = articles::DateColumns {
        date: d,
        date_precision: p.to_string(),
        date_source: src.map(str::to_string),
        date_note: note.map(str::to_string),
    };
    if !articles::set_date_columns(store, article_id, &cols)? {
        return Err(EditError::NoArticle(article_id));
    }
    Ok(())
}

fn restore_article_date(
    store: &Store,
    article_id: i64,
    previous: &serde_json::Value,
) -> Result<(), EditError> {
    let s = |k: &str| previous.get(k).and_then(|v| v.as_str()).map(str::to_string);
    let cols = articles::DateColumns {
        date: s("date"),
        date_precision: s("date_precision").unwrap_or_else(|| "unknown".into()),
        date_source: s("date_source"),
        date_note: s("date_note"),
    };
    articles::set_date_columns(store, article_id, &cols)?;
    Ok(())
}

/// Records `edit` as the newest edit (clearing the redo stack) and applies it.
///
/// Meeting edits and meetings added by hand are applied to the rows at once. An article date is
/// written to the article and the article marked for extraction; gazetteer additions are stored.
/// In both cases [`Applied::needs_extraction`] tells the caller to run
/// [`crate::pipeline::extract_pending`] (with an extractor rebuilt from
/// [`crate::edits::gazetteer_with_user`] when [`Applied::gazetteer_changed`]). Atomic (own
/// savepoint).
///
/// # Errors
/// [`EditError::NoMeeting`] when the target meeting is not in its article;
/// [`EditError::NoArticle`]; [`EditError::Invalid`] for an empty alias, key or official name;
/// database failures.
pub fn apply(store: &Store, edit: &Edit) -> Result<Applied, EditError> {
    edit_log::in_savepoint(store, || {
        let (article_id, key, anchor, previous) = match edit {
            Edit::Meeting { target, change } => {
                let e = effective_of(store, target)?;
                (
                    Some(target.article_id),
                    Some(target.key.clone()),
                    target.anchor,
                    previous_value(&e, change),
                )
            }
            Edit::AddMeeting { article_id, .. } => {
                article_date_json(store, *article_id)?;
                (Some(*article_id), None, None, serde_json::Value::Null)
            }
            Edit::ArticleDate { article_id, .. } => (
                Some(*article_id),
                None,
                None,
                article_date_json(store, *article_id)?,
            ),
            Edit::AddAlias { key, alias, .. } => {
                if key.trim().is_empty() || alias.trim().is_empty() {
                    return Err(EditError::Invalid(
                        "an alias needs the id of the entry it belongs to and a non-empty spelling"
                            .into(),
                    ));
                }
                // The entry's id goes in `meeting_key`: the history reads it back from there.
                (None, Some(key.clone()), None, serde_json::Value::Null)
            }
            Edit::Entity(e) => {
                if e.target().trim().is_empty() {
                    return Err(EditError::Invalid(
                        "a merge or split needs the listed official it changes".into(),
                    ));
                }
                (
                    None,
                    Some(e.target().to_string()),
                    None,
                    serde_json::Value::Null,
                )
            }
            Edit::AddOfficial { person } => {
                if person.id.is_empty() || (person.name_en.is_empty() && person.name_ar.is_empty())
                {
                    return Err(EditError::Invalid(
                        "a new official needs an id and a name in English or Arabic".into(),
                    ));
                }
                (None, None, None, serde_json::Value::Null)
            }
        };
        edit_log::discard_undone(store)?;
        let id = edit_log::insert_edit(
            store,
            &edit_log::NewEditRow {
                article_id,
                meeting_key: key.as_deref(),
                anchor,
                field: edit.field(),
                value: &edit.value_json(),
                previous: &previous.to_string(),
                created_at: &now(),
            },
        )?;
        let applied = redo_effects(store, id, edit)?;
        super::events::regroup(store)?;
        Ok(applied)
    })
}

/// Performs an edit's effects (on apply and redo).
fn redo_effects(store: &Store, id: EditId, edit: &Edit) -> Result<Applied, EditError> {
    let mut applied = Applied {
        id,
        edit: edit.clone(),
        pending_articles: Vec::new(),
        gazetteer_changed: false,
    };
    match edit {
        Edit::Meeting { target, .. } => reapply_article(store, target.article_id)?,
        Edit::AddMeeting { article_id, .. } => reapply_article(store, *article_id)?,
        Edit::ArticleDate { article_id, date } => {
            set_article_date_row(store, *article_id, *date)?;
            applied.pending_articles.push(*article_id);
        }
        Edit::AddAlias { .. } | Edit::AddOfficial { .. } | Edit::Entity(_) => {
            insert_addition(store, id, edit)?;
            applied.gazetteer_changed = true;
        }
    }
    Ok(applied)
}

/// Undoes the newest active edit (Ctrl+Z); `None` when there is nothing to undo. The edit stays
/// in the log as `undone` until [`redo`] or a new edit. See [`apply`] for what the caller runs
/// afterwards.
///
/// # Errors
/// Database failures.
pub fn undo(store: &Store) -> Result<Option<Applied>, EditError> {
    edit_log::in_savepoint(store, || {
        let Some(rec) = newest(store, "active", true)? else {
            return Ok(None);
        };
        edit_log::set_undone(store, rec.id, true)?;
        let mut applied = Applied {
            id: rec.id,
            edit: rec.edit.clone(),
            pending_articles: Vec::new(),
            gazetteer_changed: false,
        };
        match &rec.edit {
            Edit::Meeting { target, .. } => reapply_article(store, target.article_id)?,
            Edit::AddMeeting { article_id, .. } => reapply_article(store, *article_id)?,
            Edit::ArticleDate { article_id, .. } => {
                restore_article_date(store, *article_id, &rec.previous)?;
                applied.pending_articles.push(*article_id);
            }
            Edit::AddAlias { .. } | Edit::AddOfficial { .. } | Edit::Entity(_) => {
                user_gazetteer::delete_addition(store, rec.id)?;
                applied.gazetteer_changed = true;
            }
        }
        super::events::regroup(store)?;
        Ok(Some(applied))
    })
}

/// Redoes the edit undone most recently (Ctrl+Shift+Z); `None` when the redo stack is empty
/// (nothing undone, or a new edit was made since).
///
/// # Errors
/// Database failures.
pub fn redo(store: &Store) -> Result<Option<Applied>, EditError> {
    edit_log::in_savepoint(store, || {
        let Some(rec) = newest(store, "undone", false)? else {
            return Ok(None);
        };
        edit_log::set_undone(store, rec.id, false)?;
        let applied = redo_effects(store, rec.id, &rec.edit)?;
        super::events::regroup(store)?;
        Ok(Some(applied))
    })
}

/// Whether [`undo`] and [`redo`] have something to do (for the Edit menu).
///
/// # Errors
/// Database failures.
pub fn can_undo_redo(store: &Store) -> Result<(bool, bool), EditError> {
    Ok(edit_log::can_undo_redo(store)?)
}

fn newest(store: &Store, state: &str, newest_first: bool) -> Result<Option<EditRecord>, EditError> {
    match edit_log::first_in_state(store, state, newest_first)? {
        Some(row) => Ok(Some(to_record(row)?)),
        None => Ok(None),
    }
}

/// Reads a stored edit back; an unreadable value fails as a column SQLite cannot convert.
fn to_record(row: edit_log::EditRow) -> Result<EditRecord, StoreError> {
    let edit_log::EditRow {
        id,
        article_id,
        meeting_key: key,
        anchor,
        field,
        value,
        previous,
        created_at,
        state,
        orphaned,
    } = row;
    let bad = |what: &str| {
        StoreError::unreadable(5, format!("edit #{id} ({field}) has an unreadable {what}"))
    };
    let v: serde_json::Value = serde_json::from_str(&value).map_err(|_| bad("value"))?;
    let article = article_id.unwrap_or_default();
    let edit = match field.as_str() {
        "add_meeting" => Edit::AddMeeting {
            article_id: article,
            meeting: serde_json::from_value(v).map_err(|_| bad("meeting"))?,
        },
        "article_date" => Edit::ArticleDate {
            article_id: article,
            date: serde_json::from_value(v).map_err(|_| bad("date"))?,
        },
        "add_alias" => Edit::AddAlias {
            entity: serde_json::from_value(v["entity"].clone()).map_err(|_| bad("entity"))?,
            key: key.clone().unwrap_or_default(),
            alias: v["alias"].as_str().unwrap_or_default().to_string(),
        },
        "add_official" => Edit::AddOfficial {
            person: serde_json::from_value(v).map_err(|_| bad("official"))?,
        },
        f if super::entities::FIELDS.contains(&f) => {
            super::entities::from_value(v).map_err(|_| bad("merge or split"))?
        }
        _ => Edit::Meeting {
            target: MeetingRef {
                article_id: article,
                key: key.unwrap_or_default(),
                anchor,
            },
            change: serde_json::from_value(v).map_err(|_| bad("change"))?,
        },
    };
    Ok(EditRecord {
        id,
        edit,
        previous: serde_json::from_str(&previous).unwrap_or(serde_json::Value::Null),
        created_at,
        state,
        orphaned,
    })
}

/// Every edit, oldest first (the history panel), discarded ones included.
///
/// # Errors
/// Database failures, or an edit row that no longer parses.
pub fn history(store: &Store) -> Result<Vec<EditRecord>, EditError> {
    let v = edit_log::all_edits(store)?
        .into_iter()
        .map(to_record)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}

/// Active edits whose meeting is not in its article any more (after a re-extraction): kept,
/// applied to nothing, listed so the user can redo them by hand or undo them.
///
/// # Errors
/// Database failures.
pub fn orphans(store: &Store) -> Result<Vec<EditRecord>, EditError> {
    Ok(history(store)?
        .into_iter()
        .filter(|r| r.orphaned && r.state == "active")
        .collect())
}

/// Whether a meeting row was changed or confirmed by the user (the card's "corrected" mark)
/// and, if hidden, why (`not_meeting` or `deleted`).
///
/// # Errors
/// [`EditError::NoMeetingId`]; database failures.
pub fn meeting_flags(store: &Store, meeting_id: i64) -> Result<(bool, Option<String>), EditError> {
    crate::store::meetings::meeting_flags(store, meeting_id)?
        .ok_or(EditError::NoMeetingId(meeting_id))
}
