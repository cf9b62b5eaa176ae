//! A typed name → the page it names: a key, a name in any script, any spelling seen in the
//! archive, another transliteration of one ([`crate::gazetteer::latin`]), or the start of a word
//! of a name. Several entities at the best level → a list to choose from; none → "did you mean"
//! (names within a small edit distance, [`crate::gazetteer::latin::near_miss`]).

use super::{PageKind, PageRef};
use crate::gazetteer::Gazetteer;
use crate::gazetteer::latin::{arabic_named, near_miss, same_name};
use crate::gazetteer::lookup::{NameMatch, name_match};
use crate::store::{Store, StoreError};
use crate::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An entity a name may mean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub page: PageRef,
    pub name_en: String,
    pub name_ar: String,
    /// Meetings (counted units) in the archive; 0 for a listed entity nobody met yet (and for
    /// suggestions made from the gazetteer alone).
    pub meetings: i64,
    /// For "did you mean": the edit distance of the closest name.
    pub distance: Option<usize>,
}

/// What a typed name resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Resolution {
    Found {
        page: PageRef,
    },
    /// Several entities match equally well, most meetings first.
    Ambiguous {
        candidates: Vec<Candidate>,
    },
    /// Nothing matches; close names, nearest first.
    Unknown {
        did_you_mean: Vec<Candidate>,
    },
}

/// One entity with every name it is known by.
struct Entry {
    page: PageRef,
    name_en: String,
    name_ar: String,
    names: Vec<String>,
    arabic: bool,
    meetings: i64,
}

impl Entry {
    fn candidate(&self, distance: Option<usize>) -> Candidate {
        Candidate {
            page: self.page.clone(),
            name_en: self.name_en.clone(),
            name_ar: self.name_ar.clone(),
            meetings: self.meetings,
            distance,
        }
    }
}

fn officials(store: &Store, gaz: &Gazetteer) -> Result<Vec<Entry>, StoreError> {
    let mut by_key: BTreeMap<String, Entry> = BTreeMap::new();
    for p in &gaz.people {
        let mut names = vec![p.name_en.clone(), p.name_ar.clone(), p.name_it.clone()];
        names.extend(p.aliases.iter().cloned());
        by_key.insert(
            p.id.clone(),
            Entry {
                page: PageRef::Official(p.id.clone()),
                name_en: p.name_en.clone(),
                name_ar: p.name_ar.clone(),
                names,
                arabic: arabic_named(&p.country),
                meetings: 0,
            },
        );
    }
    for s in crate::store::pages::people_seen(store)? {
        let e = by_key.entry(s.key.clone()).or_insert_with(|| Entry {
            page: PageRef::Official(s.key.clone()),
            name_en: s.name_en.clone(),
            name_ar: s.name_ar.clone(),
            names: vec![s.name_en.clone(), s.name_ar.clone()],
            arabic: arabic_named(&s.country),
            meetings: 0,
        });
        e.names.push(s.as_written.clone());
    }
    let counts = crate::store::pages::people_counts(store)?;
    for e in by_key.values_mut() {
        e.meetings = counts.get(e.page.key()).copied().unwrap_or(0);
    }
    Ok(by_key.into_values().collect())
}

fn bodies(store: &Store, gaz: &Gazetteer) -> Result<Vec<Entry>, StoreError> {
    let mut by_key: BTreeMap<String, Entry> = BTreeMap::new();
    for b in &gaz.bodies {
        let mut names = vec![b.name_en.clone(), b.name_ar.clone(), b.name_it.clone()];
        names.extend(b.aliases.iter().cloned());
        by_key.insert(
            b.id.clone(),
            Entry {
                page: PageRef::Body(b.id.clone()),
                name_en: b.name_en.clone(),
                name_ar: b.name_ar.clone(),
                names,
                arabic: false,
                meetings: 0,
            },
        );
    }
    for s in crate::store::pages::bodies_seen(store)? {
        let e = by_key.entry(s.key.clone()).or_insert_with(|| Entry {
            page: PageRef::Body(s.key.clone()),
            name_en: s.name_en.clone(),
            name_ar: s.name_ar.clone(),
            names: vec![s.name_en.clone(), s.name_ar.clone()],
            arabic: false,
            meetings: 0,
        });
        e.meetings = s.count;
    }
    Ok(by_key.into_values().collect())
}

fn countries(gaz: &Gazetteer) -> Vec<Entry> {
    gaz.countries
        .iter()
        .map(|c| {
            let mut names = vec![c.name_en.clone(), c.name_ar.clone(), c.name_it.clone()];
            names.extend(c.aliases.iter().cloned());
            names.extend(c.adj_en.iter().cloned());
            names.extend(c.adj_ar.iter().cloned());
            names.extend(c.adj_it.iter().cloned());
            Entry {
                page: PageRef::Country(c.code.clone()),
                name_en: c.name_en.clone(),
                name_ar: c.name_ar.clone(),
                names,
                arabic: false,
                meetings: 0,
            }
        })
        .collect()
}

fn topics(gaz: &Gazetteer) -> Vec<Entry> {
    gaz.topics
        .iter()
        .map(|t| Entry {
            page: PageRef::Topic(t.id.clone()),
            name_en: t.label_en.clone(),
            name_ar: t.label_ar.clone(),
            names: vec![t.label_en.clone(), t.label_ar.clone(), t.label_it.clone()],
            arabic: false,
            meetings: 0,
        })
        .collect()
}

/// Picks the entries at the first level that matches anything.
fn pick(entries: &[Entry], typed: &str) -> Resolution {
    let typed = typed.trim();
    let found = |hits: Vec<&Entry>| -> Option<Resolution> {
        match hits.as_slice() {
            [] => None,
            [one] => Some(Resolution::Found {
                page: one.page.clone(),
            }),
            many => {
                let mut candidates: Vec<Candidate> =
                    many.iter().map(|e| e.candidate(None)).collect();
                candidates.sort_by(|a, b| b.meetings.cmp(&a.meetings).then(a.page.cmp(&b.page)));
                Some(Resolution::Ambiguous { candidates })
            }
        }
    };
    let names = |e: &Entry| {
        e.names
            .iter()
            .filter(|n| !n.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
    };
    // 1. The key itself (a country code in any case).
    if let Some(r) = found(
        entries
            .iter()
            .filter(|e| {
                e.page.key() == typed
                    || (matches!(e.page, PageRef::Country(_))
                        && e.page.key().eq_ignore_ascii_case(typed))
            })
            .collect(),
    ) {
        return r;
    }
    let want = fold(typed);
    if want.trim().is_empty() {
        return Resolution::Unknown {
            did_you_mean: Vec::new(),
        };
    }
    // 2. A name or spelling, after folding.
    if let Some(r) = found(
        entries
            .iter()
            .filter(|e| names(e).iter().any(|n| fold(n) == want))
            .collect(),
    ) {
        return r;
    }
    // 3. Another transliteration of one.
    if let Some(r) = found(
        entries
            .iter()
            .filter(|e| names(e).iter().any(|n| same_name(typed, n, e.arabic)))
            .collect(),
    ) {
        return r;
    }
    // 4. The start of a name or of one of its words ("Menfi", "Lamorg").
    if let Some(r) = found(
        entries
            .iter()
            .filter(|e| {
                name_match(typed, names(e).iter().map(String::as_str)) == Some(NameMatch::Prefix)
            })
            .collect(),
    ) {
        return r;
    }
    // 5. Did you mean.
    let one_word = typed.split_whitespace().count() == 1;
    let mut near: Vec<(usize, &Entry)> = entries
        .iter()
        .filter_map(|e| {
            let mut ns = names(e);
            if one_word {
                let lasts: Vec<String> = ns
                    .iter()
                    .filter_map(|n| n.split_whitespace().last().map(str::to_string))
                    .collect();
                ns.extend(lasts);
            }
            ns.iter()
                .filter_map(|n| near_miss(typed, n, e.arabic))
                .min()
                .map(|d| (d, e))
        })
        .collect();
    near.sort_by(|(da, a), (db, b)| {
        da.cmp(db)
            .then(b.meetings.cmp(&a.meetings))
            .then(a.page.cmp(&b.page))
    });
    Resolution::Unknown {
        did_you_mean: near
            .into_iter()
            .take(5)
            .map(|(d, e)| e.candidate(Some(d)))
            .collect(),
    }
}

/// What `typed` names among the entities of `kind`: officials and bodies of the gazetteer and of
/// the archive (with every spelling seen), the gazetteer's countries (code, name, adjective) and
/// topics (id, label in any language).
///
/// # Errors
/// Database failures only.
pub fn resolve(
    store: &Store,
    gaz: &Gazetteer,
    kind: PageKind,
    typed: &str,
) -> Result<Resolution, StoreError> {
    let entries = match kind {
        PageKind::Official => officials(store, gaz)?,
        PageKind::Body => bodies(store, gaz)?,
        PageKind::Country => countries(gaz),
        PageKind::Topic => topics(gaz),
    };
    Ok(pick(&entries, typed))
}

/// An extracted official (a `new:` key) whose name looks like a listed one: offered, never merged
/// silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The extracted entity's key (`new:...`).
    pub key: String,
    /// Its names and spellings as seen.
    pub name_en: String,
    pub name_ar: String,
    pub spellings: Vec<String>,
    /// Its meetings (counted units).
    pub meetings: i64,
    /// Listed officials it may be, nearest first: another transliteration (distance 0) or a near
    /// miss.
    pub did_you_mean: Vec<Candidate>,
}

/// For every extracted entity of the archive (`new:` keys), the listed officials it may be:
/// those whose name is another transliteration of one of its spellings (distance 0) or within a
/// small edit distance ([`crate::gazetteer::lookup::suggest_people`]). Entities with no such
/// official are left out. By key.
///
/// # Errors
/// Database failures only.
pub fn suggest_entities(store: &Store, gaz: &Gazetteer) -> Result<Vec<Suggestion>, StoreError> {
    let mut by_key: BTreeMap<String, Suggestion> = BTreeMap::new();
    for s in crate::store::pages::people_seen(store)? {
        if !s.key.starts_with("new:") {
            continue;
        }
        let e = by_key.entry(s.key.clone()).or_insert_with(|| Suggestion {
            key: s.key.clone(),
            name_en: s.name_en.clone(),
            name_ar: s.name_ar.clone(),
            spellings: Vec::new(),
            meetings: 0,
            did_you_mean: Vec::new(),
        });
        e.spellings.push(s.as_written.clone());
    }
    let counts = crate::store::pages::people_counts(store)?;
    for e in by_key.values_mut() {
        e.meetings = counts.get(&e.key).copied().unwrap_or(0);
    }
    let mut out = Vec::new();
    for (_, mut s) in by_key {
        let mut names: Vec<String> = s.spellings.clone();
        names.push(s.name_en.clone());
        names.push(s.name_ar.clone());
        names.retain(|n| !n.trim().is_empty());
        let mut cands: BTreeMap<String, Candidate> = BTreeMap::new();
        for n in &names {
            for p in crate::gazetteer::lookup::people_by_spelling(gaz, n) {
                cands.insert(
                    p.id.clone(),
                    Candidate {
                        page: PageRef::Official(p.id.clone()),
                        name_en: p.name_en.clone(),
                        name_ar: p.name_ar.clone(),
                        meetings: 0,
                        distance: Some(0),
                    },
                );
            }
            for (p, d) in crate::gazetteer::lookup::suggest_people(gaz, n, 3) {
                let c = cands.entry(p.id.clone()).or_insert_with(|| Candidate {
                    page: PageRef::Official(p.id.clone()),
                    name_en: p.name_en.clone(),
                    name_ar: p.name_ar.clone(),
                    meetings: 0,
                    distance: Some(d),
                });
                c.distance = c.distance.min(Some(d));
            }
        }
        if cands.is_empty() {
            continue;
        }
        let mut list: Vec<Candidate> = cands.into_values().collect();
        list.sort_by(|a, b| a.distance.cmp(&b.distance).then(a.page.cmp(&b.page)));
        s.did_you_mean = list;
        out.push(s);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: &str, names: &[&str], arabic: bool) -> Entry {
        Entry {
            page: PageRef::Official(key.into()),
            name_en: names[0].into(),
            name_ar: String::new(),
            names: names.iter().map(|s| s.to_string()).collect(),
            arabic,
            meetings: 1,
        }
    }

    #[test]
    fn levels() {
        let es = vec![
            entry(
                "luciana_lamorgese",
                &["Luciana Lamorgese", "لامورجيزي"],
                false,
            ),
            entry(
                "abdul_hamid_dbeibah",
                &["Abdul Hamid Dbeibah", "Dbeibah"],
                true,
            ),
            entry("khaled_mazen", &["Khaled Mazen"], true),
            entry("khalid_al_mishri", &["Khalid al-Mishri"], true),
        ];
        let found = |t: &str| match pick(&es, t) {
            Resolution::Found { page } => page.key().to_string(),
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(found("luciana_lamorgese"), "luciana_lamorgese");
        assert_eq!(found("لامورجيزي"), "luciana_lamorgese");
        assert_eq!(found("Dbaiba"), "abdul_hamid_dbeibah");
        assert_eq!(found("Khaled al-Mechri"), "khalid_al_mishri");
        assert_eq!(found("Lamorg"), "luciana_lamorgese");
        match pick(&es, "Khal") {
            Resolution::Ambiguous { candidates } => {
                let keys: Vec<&str> = candidates.iter().map(|c| c.page.key()).collect();
                assert_eq!(keys, ["khaled_mazen", "khalid_al_mishri"]);
            }
            other => panic!("{other:?}"),
        }
        match pick(&es, "Lamorgesi") {
            Resolution::Unknown { did_you_mean } => {
                assert_eq!(did_you_mean[0].page.key(), "luciana_lamorgese");
                assert_eq!(did_you_mean[0].distance, Some(1));
            }
            other => panic!("{other:?}"),
        }
    }
}
