//! One official or two: merging an entity into a listed official, splitting a spelling off one.
//!
//! Both are gazetteer edits ([`super::Edit::Entity`]), kept in the edit log like an alias
//! (undoable, redoable) and stored as a gazetteer addition of the target official, so they hold
//! across `reextract`: [`super::gazetteer_with_user`] applies them to the gazetteer in edit order
//! with [`apply_to`], and extraction then names the people accordingly.
//!
//! - **Merge** `from` into `into` (a listed official): every spelling of `from` seen in the
//!   archive becomes an alias of `into`; when `from` is listed too, its names and aliases move to
//!   `into` and `from` leaves the gazetteer. Undo: the spellings are `from`'s again.
//! - **Split** a spelling off a listed official: the alias is removed (its articles then name
//!   someone else, or an extracted entity). A main name (English, Arabic, Italian) cannot be split
//!   off.

use super::{Edit, EditError};
use crate::gazetteer::Gazetteer;
use crate::text::fold;
use serde::{Deserialize, Serialize};

/// A merge or a split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "entity_edit", rename_all = "snake_case")]
pub enum EntityEdit {
    /// `from` (any person key: `new:...` or listed) is `into` (listed); `spellings` are the
    /// names `from` was seen under when merged.
    Merge {
        from: String,
        into: String,
        spellings: Vec<String>,
    },
    /// `spelling` is not the listed official `key`.
    Split { key: String, spelling: String },
}

/// The log's field names of entity edits.
pub const FIELDS: [&str; 2] = ["merge_entities", "split_spelling"];

impl EntityEdit {
    /// `merge_entities` or `split_spelling`.
    pub fn field(&self) -> &'static str {
        match self {
            EntityEdit::Merge { .. } => FIELDS[0],
            EntityEdit::Split { .. } => FIELDS[1],
        }
    }

    /// The listed official the edit changes (the gazetteer addition's key).
    pub fn target(&self) -> &str {
        match self {
            EntityEdit::Merge { into, .. } => into,
            EntityEdit::Split { key, .. } => key,
        }
    }

    /// "Khalid Mayzen → khaled_mazen", "«Mazen» is not khaled_mazen".
    pub fn describe(&self) -> String {
        match self {
            EntityEdit::Merge { from, into, .. } => format!("{from} merged into {into}"),
            EntityEdit::Split { key, spelling } => format!("«{spelling}» split off {key}"),
        }
    }
}

/// The edit read back from the log (`value` is the JSON [`super::Edit::value_json`] wrote).
///
/// # Errors
/// A description of what is unreadable.
pub fn from_value(v: serde_json::Value) -> Result<Edit, String> {
    serde_json::from_value(v)
        .map(Edit::Entity)
        .map_err(|e| format!("unreadable entity edit: {e}"))
}

/// Checks `e` against `gaz` before it is logged.
///
/// # Errors
/// [`EditError::Invalid`]: the target is not a listed official, a merge of an official into
/// itself or with no spelling, a split of a spelling the official does not have as an alias.
pub fn validate(gaz: &Gazetteer, e: &EntityEdit) -> Result<(), EditError> {
    let target = e.target();
    let Some(p) = gaz.person(target) else {
        return Err(EditError::Invalid(format!(
            "{target} is not a listed official (merge into, or split off, one of the gazetteer's)"
        )));
    };
    match e {
        EntityEdit::Merge {
            from, spellings, ..
        } => {
            if from == target {
                return Err(EditError::Invalid(format!(
                    "{from} cannot be merged into itself"
                )));
            }
            if spellings.iter().all(|s| s.trim().is_empty()) && gaz.person(from).is_none() {
                return Err(EditError::Invalid(format!(
                    "{from} has no spelling in this archive to merge"
                )));
            }
        }
        EntityEdit::Split { spelling, .. } => {
            let want = fold(spelling);
            if [&p.name_en, &p.name_ar, &p.name_it]
                .iter()
                .any(|n| fold(n) == want)
            {
                return Err(EditError::Invalid(format!(
                    "«{spelling}» is a main name of {target}; only another spelling (an alias) can be split off"
                )));
            }
            if !p.aliases.iter().any(|a| fold(a) == want) {
                return Err(EditError::Invalid(format!(
                    "{target} has no spelling «{spelling}»"
                )));
            }
        }
    }
    Ok(())
}

/// Applies `e` to `gaz` (see the module documentation); a target no longer listed is skipped.
pub fn apply_to(gaz: &mut Gazetteer, e: &EntityEdit) {
    match e {
        EntityEdit::Merge {
            from,
            into,
            spellings,
        } => {
            if gaz.person(into).is_none() {
                return;
            }
            let mut add: Vec<String> = spellings.clone();
            if from != into
                && let Some(i) = gaz.people.iter().position(|p| &p.id == from)
            {
                let old = gaz.people.remove(i);
                add.extend([old.name_en, old.name_ar, old.name_it]);
                add.extend(old.aliases);
            }
            let Some(p) = gaz.people.iter_mut().find(|p| &p.id == into) else {
                return;
            };
            for s in add {
                let f = fold(&s);
                if s.trim().is_empty()
                    || [&p.name_en, &p.name_ar, &p.name_it]
                        .iter()
                        .chain(p.aliases.iter().collect::<Vec<_>>().iter())
                        .any(|n| fold(n) == f)
                {
                    continue;
                }
                p.aliases.push(s);
            }
        }
        EntityEdit::Split { key, spelling } => {
            if let Some(p) = gaz.people.iter_mut().find(|p| &p.id == key) {
                let want = fold(spelling);
                p.aliases.retain(|a| fold(a) != want);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::shipped()
    }

    #[test]
    fn merge_moves_spellings_and_split_removes_one() {
        let mut g = gaz();
        let m = EntityEdit::Merge {
            from: "new:khalid mayzen".into(),
            into: "khaled_mazen".into(),
            spellings: vec!["Khalid Mayzen".into()],
        };
        validate(&g, &m).unwrap();
        apply_to(&mut g, &m);
        assert!(
            g.person("khaled_mazen")
                .unwrap()
                .aliases
                .contains(&"Khalid Mayzen".to_string())
        );
        let s = EntityEdit::Split {
            key: "khaled_mazen".into(),
            spelling: "Khalid Mayzen".into(),
        };
        validate(&g, &s).unwrap();
        apply_to(&mut g, &s);
        assert!(
            !g.person("khaled_mazen")
                .unwrap()
                .aliases
                .contains(&"Khalid Mayzen".to_string())
        );
        // A main name cannot be split off; an unlisted target is refused.
        let main = EntityEdit::Split {
            key: "khaled_mazen".into(),
            spelling: "Khaled Mazen".into(),
        };
        assert!(validate(&g, &main).is_err());
        let unlisted = EntityEdit::Merge {
            from: "khaled_mazen".into(),
            into: "new:x".into(),
            spellings: vec!["x".into()],
        };
        assert!(validate(&g, &unlisted).is_err());
    }

    #[test]
    fn merging_a_listed_official_removes_it() {
        let mut g = gaz();
        let n = g.people.len();
        let m = EntityEdit::Merge {
            from: "khalid_al_mishri".into(),
            into: "khaled_mazen".into(),
            spellings: vec![],
        };
        apply_to(&mut g, &m);
        assert_eq!(g.people.len(), n - 1);
        assert!(g.person("khalid_al_mishri").is_none());
        assert!(
            g.person("khaled_mazen")
                .unwrap()
                .aliases
                .contains(&"Khalid al-Mishri".to_string())
        );
    }
}
