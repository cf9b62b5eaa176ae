//! The values an edit carries, built from gazetteer entries the user picked or typed: a place or
//! topic for a meeting, a participant with the office held that day, an alias, a new official.

use super::{Edit, EditError, EntityKind};
use crate::gazetteer::lookup::{
    NameMatch, country_by_name, name_match, search_bodies, search_places, search_topics,
};
use crate::gazetteer::{Gazetteer, Office, Person};
use crate::model::Side;
use crate::store::meetings::{Named, NewParticipant};
use chrono::NaiveDate;

/// A gazetteer place as a [`crate::edits::MeetingChange::Place`] value, or `None` for an unknown id.
pub fn place_from_gazetteer(gaz: &Gazetteer, key: &str) -> Option<Named> {
    gaz.place(key).map(|p| Named {
        key: p.id.clone(),
        name_en: p.name_en.clone(),
        name_ar: p.name_ar.clone(),
    })
}

/// A place typed as free text (not in the gazetteer): key `text:<folded text>`, the text as
/// both names.
pub fn free_place(text: &str) -> Named {
    let text = text.trim();
    Named {
        key: format!("text:{}", crate::text::fold(text)),
        name_en: text.to_string(),
        name_ar: text.to_string(),
    }
}

/// A gazetteer topic as a [`crate::edits::MeetingChange::AddTopic`] value, or `None` for an unknown id.
pub fn topic_from_gazetteer(gaz: &Gazetteer, key: &str) -> Option<Named> {
    gaz.topic(key).map(|t| Named {
        key: t.id.clone(),
        name_en: t.label_en.clone(),
        name_ar: t.label_ar.clone(),
    })
}

/// The place `typed` names exactly (id, name or alias), as a [`crate::edits::MeetingChange::Place`] value,
/// else `typed` as free text ([`free_place`]).
pub fn place_by_name(gaz: &Gazetteer, typed: &str) -> Named {
    place_from_gazetteer(gaz, typed.trim())
        .or_else(|| {
            search_places(gaz, typed, usize::MAX)
                .into_iter()
                .find(|p| {
                    let mut names = vec![p.name_en.as_str(), &p.name_ar, &p.name_it];
                    names.extend(p.aliases.iter().map(String::as_str));
                    name_match(typed, names) == Some(NameMatch::Exact)
                })
                .and_then(|p| place_from_gazetteer(gaz, &p.id))
        })
        .unwrap_or_else(|| free_place(typed))
}

/// The topic `typed` names exactly (id or a label in any language), as a
/// [`crate::edits::MeetingChange::AddTopic`] value.
pub fn topic_by_name(gaz: &Gazetteer, typed: &str) -> Option<Named> {
    topic_from_gazetteer(gaz, typed.trim()).or_else(|| {
        let t = search_topics(gaz, typed, usize::MAX)
            .into_iter()
            .find(|t| {
                name_match(typed, [t.label_en.as_str(), &t.label_ar, &t.label_it])
                    == Some(NameMatch::Exact)
            })?;
        topic_from_gazetteer(gaz, &t.id)
    })
}

/// The country code `typed` names ([`country_by_name`]), for a new official's country.
///
/// # Errors
/// [`EditError::Invalid`] when no country of the gazetteer matches.
pub fn country_code(gaz: &Gazetteer, typed: &str) -> Result<String, EditError> {
    country_by_name(gaz, typed)
        .map(|c| c.code.clone())
        .ok_or_else(|| {
            EditError::Invalid(format!(
                "«{}» is not a country Arshif knows: type a code such as IT or EU, or a name such as Italy or «إيطاليا»",
                typed.trim()
            ))
        })
}

/// The id of the ministry or body `typed` names: its id, or a name or alias in any script equal
/// to it after folding.
///
/// # Errors
/// [`EditError::Invalid`] when none matches.
pub fn body_key(gaz: &Gazetteer, typed: &str) -> Result<String, EditError> {
    if let Some(b) = gaz.body(typed.trim()) {
        return Ok(b.id.clone());
    }
    search_bodies(gaz, typed, usize::MAX)
        .into_iter()
        .find(|b| {
            let mut names = vec![b.name_en.as_str(), &b.name_ar, &b.name_it];
            names.extend(b.aliases.iter().map(String::as_str));
            name_match(typed, names) == Some(NameMatch::Exact)
        })
        .map(|b| b.id.clone())
        .ok_or_else(|| {
            EditError::Invalid(format!(
                "no ministry or body in the gazetteer is called «{}»",
                typed.trim()
            ))
        })
}

/// An [`Edit::AddAlias`] of the entry `key` of `gaz`, checked: the entry exists and the spelling
/// is new for it.
///
/// # Errors
/// [`EditError::Invalid`] naming the problem: an empty spelling, no such entry («no person with
/// the id «x» in the gazetteer»), or a spelling the entry already has.
pub fn alias_edit(
    gaz: &Gazetteer,
    entity: EntityKind,
    key: &str,
    alias: &str,
) -> Result<Edit, EditError> {
    let alias = alias.trim();
    let names: Option<(String, Vec<&str>)> = match entity {
        EntityKind::Person => gaz.person(key).map(|p| {
            let mut v = vec![p.name_en.as_str(), &p.name_ar, &p.name_it];
            v.extend(p.aliases.iter().map(String::as_str));
            (display_name(&p.name_en, &p.name_ar), v)
        }),
        EntityKind::Place => gaz.place(key).map(|p| {
            let mut v = vec![p.name_en.as_str(), &p.name_ar, &p.name_it];
            v.extend(p.aliases.iter().map(String::as_str));
            (display_name(&p.name_en, &p.name_ar), v)
        }),
        EntityKind::Body => gaz.body(key).map(|b| {
            let mut v = vec![b.name_en.as_str(), &b.name_ar, &b.name_it];
            v.extend(b.aliases.iter().map(String::as_str));
            (display_name(&b.name_en, &b.name_ar), v)
        }),
    };
    let Some((name, names)) = names else {
        return Err(EditError::Invalid(format!(
            "no {} with the id «{key}» in the gazetteer",
            entity.as_str()
        )));
    };
    if alias.is_empty() {
        return Err(EditError::Invalid(format!(
            "type the other spelling of {name} to add"
        )));
    }
    if name_match(alias, names) == Some(NameMatch::Exact) {
        return Err(EditError::Invalid(format!(
            "«{alias}» is already a spelling of {name}"
        )));
    }
    Ok(Edit::AddAlias {
        entity,
        key: key.to_string(),
        alias: alias.to_string(),
    })
}

fn display_name(en: &str, ar: &str) -> String {
    if en.is_empty() {
        ar.to_string()
    } else {
        en.to_string()
    }
}

/// A gazetteer person (shipped or added by the user) as a participant, with the office held on
/// `on` (else the current one, else the last listed). `None` for an unknown id.
pub fn participant_from_gazetteer(
    gaz: &Gazetteer,
    key: &str,
    on: Option<NaiveDate>,
) -> Option<NewParticipant> {
    let p = gaz.person(key)?;
    let day = on.map(|d| d.format("%Y-%m-%d").to_string());
    let office = p
        .office
        .iter()
        .find(|o| {
            day.as_deref().is_some_and(|d| {
                o.from.as_deref().is_none_or(|f| f <= d) && o.to.as_deref().is_none_or(|t| t >= d)
            })
        })
        .or_else(|| p.office.iter().find(|o| o.to.is_none()))
        .or_else(|| p.office.last());
    let body = office
        .and_then(|o| o.body.as_deref())
        .map(|b| match gaz.body(b) {
            Some(body) => Named {
                key: body.id.clone(),
                name_en: body.name_en.clone(),
                name_ar: body.name_ar.clone(),
            },
            None => Named {
                key: b.to_string(),
                name_en: b.to_string(),
                name_ar: String::new(),
            },
        });
    let side = if p.country == "LY" {
        Side::Libya
    } else if gaz.is_european(&p.country) {
        Side::Europe
    } else {
        Side::Other
    };
    Some(NewParticipant {
        person_key: p.id.clone(),
        name_en: p.name_en.clone(),
        name_ar: p.name_ar.clone(),
        as_written: if p.name_ar.is_empty() {
            p.name_en.clone()
        } else {
            p.name_ar.clone()
        },
        role: office.map(|o| o.role_en.clone()).unwrap_or_default(),
        body,
        country: p.country.clone(),
        side,
        needs_review: false,
        span: None,
    })
}

/// The gazetteer id given to an official the user adds: `user_` + the English name in lower
/// case with `_` between words (`Carlo Bianchi` → `user_carlo_bianchi`), else the folded Arabic
/// name with `_` between words.
pub fn official_id(name_en: &str, name_ar: &str) -> String {
    let slug = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("_")
            .to_lowercase()
    };
    let en = slug(name_en);
    if en.is_empty() {
        format!("user_{}", slug(&crate::text::fold(name_ar)))
    } else {
        format!("user_{en}")
    }
}

/// An official the user adds: names in both scripts (at least one), other spellings, a role in
/// English and Arabic, a body id (`bodies.toml`), and the country (ISO 3166-1 alpha-2 or `EU`).
/// Its id is [`official_id`]. Use it in [`Edit::AddOfficial`].
///
/// # Errors
/// [`EditError::Invalid`] when both names are empty or the country is missing.
#[allow(clippy::too_many_arguments)]
pub fn new_official(
    name_en: &str,
    name_ar: &str,
    aliases: &[String],
    role_en: &str,
    role_ar: &str,
    body: Option<&str>,
    country: &str,
) -> Result<Person, EditError> {
    if name_en.trim().is_empty() && name_ar.trim().is_empty() {
        return Err(EditError::Invalid(
            "a new official needs a name in English or in Arabic".into(),
        ));
    }
    if country.trim().is_empty() {
        return Err(EditError::Invalid(
            "a new official needs a country (LY, IT, EU, ...)".into(),
        ));
    }
    Ok(Person {
        id: official_id(name_en.trim(), name_ar.trim()),
        country: country.trim().to_uppercase(),
        gender: String::new(),
        name_en: name_en.trim().to_string(),
        name_ar: name_ar.trim().to_string(),
        name_it: String::new(),
        aliases: aliases
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect(),
        office: if role_en.is_empty() && role_ar.is_empty() && body.is_none() {
            Vec::new()
        } else {
            vec![Office {
                role_en: role_en.trim().to_string(),
                role_ar: role_ar.trim().to_string(),
                role_it: String::new(),
                body: body.map(str::to_string),
                from: None,
                to: None,
            }]
        },
        needs_review: false,
    })
}
