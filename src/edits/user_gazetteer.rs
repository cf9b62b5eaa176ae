//! The user's gazetteer: aliases and officials added through the edit log, merged into the
//! shipped gazetteer.

use super::{Edit, EditError, EditId};
use crate::gazetteer::{Gazetteer, Person};
use crate::store::{Store, user_gazetteer};

/// `base` (the shipped gazetteer) with the user's active additions merged in, in the order they
/// were made ([`Gazetteer::add_user`]): new officials are added, aliases extend the entry with
/// that id. An alias whose id is in neither is skipped (it cannot name anything).
///
/// # Errors
/// Database failures, or an addition that no longer parses.
pub fn gazetteer_with_user(store: &Store, base: &Gazetteer) -> Result<Gazetteer, EditError> {
    let mut g = base.clone();
    let rows = user_gazetteer::additions(store)?;
    for (entity, key, entry) in rows {
        let v: serde_json::Value = serde_json::from_str(&entry).map_err(|e| {
            EditError::Invalid(format!("a gazetteer addition for {key} is unreadable: {e}"))
        })?;
        let mut add = Gazetteer::default();
        if let Ok(e) = serde_json::from_value::<super::entities::EntityEdit>(v.clone()) {
            super::entities::apply_to(&mut g, &e);
            continue;
        }
        match (entity.as_str(), v) {
            ("person", serde_json::Value::String(alias)) => {
                if g.person(&key).is_none() {
                    continue;
                }
                add.people.push(Person {
                    id: key,
                    aliases: vec![alias],
                    ..Person::default()
                });
            }
            ("person", v) => {
                let p: Person = serde_json::from_value(v).map_err(|e| {
                    EditError::Invalid(format!(
                        "the official {key} added by the user is unreadable: {e}"
                    ))
                })?;
                add.people.push(p);
            }
            ("place", serde_json::Value::String(alias)) => {
                if g.place(&key).is_none() {
                    continue;
                }
                add.places.push(crate::gazetteer::Place {
                    id: key,
                    aliases: vec![alias],
                    ..Default::default()
                });
            }
            ("body", serde_json::Value::String(alias)) => {
                if g.body(&key).is_none() {
                    continue;
                }
                add.bodies.push(crate::gazetteer::Body {
                    id: key,
                    aliases: vec![alias],
                    ..Default::default()
                });
            }
            _ => continue,
        }
        g.add_user(add)
            .map_err(|e| EditError::Invalid(e.to_string()))?;
    }
    Ok(g)
}

/// Stores the gazetteer addition an edit makes (nothing for other edits).
pub(super) fn insert_addition(store: &Store, id: EditId, edit: &Edit) -> Result<(), EditError> {
    let (entity, key, entry) = match edit {
        Edit::AddAlias { entity, key, alias } => (
            entity.as_str(),
            key.clone(),
            serde_json::Value::String(alias.clone()),
        ),
        Edit::AddOfficial { person } => (
            "person",
            person.id.clone(),
            serde_json::to_value(person).unwrap_or_default(),
        ),
        Edit::Entity(e) => (
            "person",
            e.target().to_string(),
            serde_json::to_value(e).unwrap_or_default(),
        ),
        _ => return Ok(()),
    };
    user_gazetteer::insert_addition(store, id, entity, &key, &entry.to_string())?;
    Ok(())
}
