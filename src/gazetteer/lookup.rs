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
/// after folding, else the one person (and only one) whose name or alias is another spelling of
/// it ([`crate::gazetteer::latin::same_name`]: "Dbaiba" and "Abdulhamid Dabaiba" name Abdul Hamid
/// Dbeibah). What `arshif edit add-person`, `--person` and the pages accept.
pub fn person_by_name<'a>(gaz: &'a Gazetteer, typed: &str) -> Option<&'a Person> {
    gaz.person(typed.trim())
        .or_else(|| {
            ranked(&gaz.people, typed, 1, person_names)
                .into_iter()
                .find(|(m, _)| *m == NameMatch::Exact)
                .map(|(_, p)| p)
        })
        .or_else(|| match people_by_spelling(gaz, typed).as_slice() {
            [one] => Some(*one),
            _ => None,
        })
}

/// People whose id, name in any script or alias is another spelling of `typed`
/// ([`crate::gazetteer::latin::same_name`], the transliteration key for officials of countries
/// with romanised Arabic names), in gazetteer order.
pub fn people_by_spelling<'a>(gaz: &'a Gazetteer, typed: &str) -> Vec<&'a Person> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Vec::new();
    }
    gaz.people
        .iter()
        .filter(|p| {
            let arabic = crate::gazetteer::latin::arabic_named(&p.country);
            person_names(p)
                .into_iter()
                .filter(|n| !n.trim().is_empty())
                .any(|n| crate::gazetteer::latin::same_name(typed, n, arabic))
        })
        .collect()
}

/// "Did you mean": people of `gaz` with a name or alias (or, for a one-word `typed`, the last
/// word of one) within a small edit distance of `typed`
/// ([`crate::gazetteer::latin::near_miss`]) but not another spelling of it, nearest first (then
/// gazetteer order), at most `limit`, each with its distance. "Lamorgesi" offers Luciana
/// Lamorgese.
pub fn suggest_people<'a>(
    gaz: &'a Gazetteer,
    typed: &str,
    limit: usize,
) -> Vec<(&'a Person, usize)> {
    let typed = typed.trim();
    let one_word = typed.split_whitespace().count() == 1;
    let mut found: Vec<(usize, usize, &Person)> = Vec::new();
    for (i, p) in gaz.people.iter().enumerate() {
        let arabic = crate::gazetteer::latin::arabic_named(&p.country);
        let mut names: Vec<&str> = person_names(p)
            .into_iter()
            .filter(|n| !n.trim().is_empty())
            .collect();
        if one_word {
            let lasts: Vec<&str> = names
                .iter()
                .filter_map(|n| n.split_whitespace().last())
                .collect();
            names.extend(lasts);
        }
        if names
            .iter()
            .any(|n| crate::gazetteer::latin::same_name(typed, n, arabic))
        {
            continue;
        }
        if let Some(d) = names
            .iter()
            .filter_map(|n| crate::gazetteer::latin::near_miss(typed, n, arabic))
            .min()
        {
            found.push((d, i, p));
        }
    }
    found.sort_by_key(|(d, i, _)| (*d, *i));
    found
        .into_iter()
        .take(limit)
        .map(|(d, _, p)| (p, d))
        .collect()
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
