//! Gazetteer entries by typed name in any script, best match first: the searches the edit dialogs
//! (app and `arshif edit`) list. Pure lookups over a [`Gazetteer`]; the values an edit carries are
//! built from them in `crate::edits::values`.

use crate::gazetteer::{Gazetteer, Person};

/// How well a typed text matches an entry's names after folding ([`crate::text::fold`]: the
/// Arabic letter variants, tashkeel, tatweel, case): a whole name, the start of a name or of one
/// of its words, or somewhere inside. Best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameMatch {
    /// The typed text is one of the names.
    Exact,
    /// A name, or a word of a name, starts with the typed text.
    Prefix,
    /// A name contains the typed text.
    Inside,
}

/// How `typed` matches the best of `names` (empty names never match; empty `typed` matches
/// nothing).
pub fn name_match<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Option<NameMatch> {
    let want = crate::text::fold(typed.trim());
    if want.trim().is_empty() {
        return None;
    }
    names
        .into_iter()
        .filter(|n| !n.trim().is_empty())
        .filter_map(|n| {
            let have = crate::text::fold(n);
            if have == want {
                Some(NameMatch::Exact)
            } else if have.starts_with(&want) || have.split(' ').any(|w| w.starts_with(&want)) {
                Some(NameMatch::Prefix)
            } else if have.contains(&want) {
                Some(NameMatch::Inside)
            } else {
                None
            }
        })
        .min()
}

/// `items` that `typed` matches through `names`, best match first (gazetteer order among equals),
/// at most `limit`.
fn ranked<'a, T>(
    items: &'a [T],
    typed: &str,
    limit: usize,
    names: impl Fn(&'a T) -> Vec<&'a str>,
) -> Vec<(NameMatch, &'a T)> {
    let mut found: Vec<(NameMatch, &T)> = items
        .iter()
        .filter_map(|it| name_match(typed, names(it)).map(|m| (m, it)))
        .collect();
    found.sort_by_key(|(m, _)| *m);
    found.truncate(limit);
    found
}

fn person_names(p: &Person) -> Vec<&str> {
    let mut v = vec![p.id.as_str(), &p.name_en, &p.name_ar, &p.name_it];
    v.extend(p.aliases.iter().map(String::as_str));
    v
}

/// People of `gaz` (shipped and added by the user) whose id, name in any script or alias `typed`
/// matches ([`name_match`]), best first, at most `limit`: what the "add participant" search lists.
pub fn search_people<'a>(gaz: &'a Gazetteer, typed: &str, limit: usize) -> Vec<&'a Person> {
    ranked(&gaz.people, typed, limit, person_names)
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// Places of `gaz` whose id, name in any script or alias `typed` matches, best first, at most
/// `limit` (the place search).
pub fn search_places<'a>(
    gaz: &'a Gazetteer,
    typed: &str,
    limit: usize,
) -> Vec<&'a crate::gazetteer::Place> {
    ranked(&gaz.places, typed, limit, |p| {
        let mut v = vec![p.id.as_str(), &p.name_en, &p.name_ar, &p.name_it];
        v.extend(p.aliases.iter().map(String::as_str));
        v
    })
    .into_iter()
    .map(|(_, p)| p)
    .collect()
}

/// Topics of the controlled vocabulary whose id or label in any language `typed` matches, best
/// first, at most `limit`.
pub fn search_topics<'a>(
    gaz: &'a Gazetteer,
    typed: &str,
    limit: usize,
) -> Vec<&'a crate::gazetteer::Topic> {
    ranked(&gaz.topics, typed, limit, |t| {
        vec![t.id.as_str(), &t.label_en, &t.label_ar, &t.label_it]
    })
    .into_iter()
    .map(|(_, t)| t)
    .collect()
}

/// Ministries and bodies whose id, name in any script or alias `typed` matches, best first, at
/// most `limit`.
pub fn search_bodies<'a>(
    gaz: &'a Gazetteer,
    typed: &str,
    limit: usize,
) -> Vec<&'a crate::gazetteer::Body> {
    ranked(&gaz.bodies, typed, limit, |b| {
        let mut v = vec![b.id.as_str(), &b.name_en, &b.name_ar, &b.name_it];
        v.extend(b.aliases.iter().map(String::as_str));
        v
    })
    .into_iter()
    .map(|(_, b)| b)
    .collect()
}

/// The person `typed` names exactly: their id, else the first whose name or alias equals it
/// after folding. What `arshif edit add-person` and `--person` accept.
pub fn person_by_name<'a>(gaz: &'a Gazetteer, typed: &str) -> Option<&'a Person> {
    gaz.person(typed.trim()).or_else(|| {
        ranked(&gaz.people, typed, 1, person_names)
            .into_iter()
            .find(|(m, _)| *m == NameMatch::Exact)
            .map(|(_, p)| p)
    })
}

/// The country `typed` names: an ISO 3166-1 alpha-2 code or `EU` in any case, else a name, alias
/// or nationality adjective in any script («إيطاليا», "Italian", "italiano").
pub fn country_by_name<'a>(
    gaz: &'a Gazetteer,
    typed: &str,
) -> Option<&'a crate::gazetteer::Country> {
    let t = typed.trim();
    gaz.countries
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(t))
        .or_else(|| {
            gaz.countries.iter().find(|c| {
                let mut names = vec![c.name_en.as_str(), &c.name_ar, &c.name_it];
                names.extend(c.aliases.iter().map(String::as_str));
                names.extend(c.adj_ar.iter().map(String::as_str));
                names.extend(c.adj_en.iter().map(String::as_str));
                names.extend(c.adj_it.iter().map(String::as_str));
                name_match(t, names) == Some(NameMatch::Exact)
            })
        })
}
