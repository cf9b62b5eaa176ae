//! What the filter panel does to the one [`Filter`] ([`crate::query::Filter`]): facet selections
//! by facet key, and the search text as typed.
//!
//! The panels address every facet the same way, by [`Facet`] and the value's key as the facet
//! counts give it (an entity key, a country code, a kind's [`MeetingKind::as_str`]), so these
//! helpers map that onto the filter's typed fields.

use std::collections::BTreeSet;

use crate::model::MeetingKind;
use crate::query::{Facet, Filter};

/// Facet-keyed access to a [`Filter`]'s selections (the filter panel, chips, highlights, cards).
pub trait FilterExt {
    /// True when `key` is selected in `facet`.
    fn is_selected(&self, facet: Facet, key: &str) -> bool;
    /// Adds `key` to `facet`'s selection, or removes it when it is there.
    fn toggle(&mut self, facet: Facet, key: &str);
    /// Adds `key` to `facet`'s selection.
    fn select(&mut self, facet: Facet, key: &str);
    /// Every selected (facet, key), facets in panel order ([`Facet::ALL`]), keys sorted.
    fn selections(&self) -> Vec<(Facet, String)>;
    /// The search text as typed (empty when none).
    fn search_text(&self) -> &str;
    /// Sets the search text as typed (`None` when empty; kept untrimmed for the text field).
    fn set_search_text(&mut self, text: &str);
}

fn keys(filter: &Filter, facet: Facet) -> Option<&BTreeSet<String>> {
    match facet {
        Facet::Officials => Some(&filter.officials),
        Facet::Bodies => Some(&filter.bodies),
        Facet::Countries => Some(&filter.countries),
        Facet::Topics => Some(&filter.topics),
        Facet::Places => Some(&filter.places),
        Facet::Kinds => None,
    }
}

fn keys_mut(filter: &mut Filter, facet: Facet) -> Option<&mut BTreeSet<String>> {
    match facet {
        Facet::Officials => Some(&mut filter.officials),
        Facet::Bodies => Some(&mut filter.bodies),
        Facet::Countries => Some(&mut filter.countries),
        Facet::Topics => Some(&mut filter.topics),
        Facet::Places => Some(&mut filter.places),
        Facet::Kinds => None,
    }
}

impl FilterExt for Filter {
    fn is_selected(&self, facet: Facet, key: &str) -> bool {
        match keys(self, facet) {
            Some(set) => set.contains(key),
            None => MeetingKind::parse(key).is_some_and(|k| self.kinds.contains(&k)),
        }
    }

    fn toggle(&mut self, facet: Facet, key: &str) {
        match keys_mut(self, facet) {
            Some(set) => {
                if !set.remove(key) {
                    set.insert(key.to_owned());
                }
            }
            None => {
                if let Some(k) = MeetingKind::parse(key)
                    && !self.kinds.remove(&k)
                {
                    self.kinds.insert(k);
                }
            }
        }
    }

    fn select(&mut self, facet: Facet, key: &str) {
        match keys_mut(self, facet) {
            Some(set) => {
                set.insert(key.to_owned());
            }
            None => {
                if let Some(k) = MeetingKind::parse(key) {
                    self.kinds.insert(k);
                }
            }
        }
    }

    fn selections(&self) -> Vec<(Facet, String)> {
        let mut out = Vec::new();
        for facet in Facet::ALL {
            let mut values: Vec<String> = match keys(self, facet) {
                Some(set) => set.iter().cloned().collect(),
                None => self.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
            };
            values.sort();
            out.extend(values.into_iter().map(|v| (facet, v)));
        }
        out
    }

    fn search_text(&self) -> &str {
        self.text.as_deref().unwrap_or("")
    }

    fn set_search_text(&mut self, text: &str) {
        self.text = (!text.is_empty()).then(|| text.to_owned());
    }
}

/// The filter as the archive runs it: the search text trimmed (`None` when blank), the rest as
/// the panels set it.
pub fn for_query(filter: &Filter) -> Filter {
    let mut q = filter.clone();
    let text = filter.search_text().trim();
    q.text = (!text.is_empty()).then(|| text.to_owned());
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_keys_toggle_every_facet_kinds_included() {
        let mut f = Filter::default();
        f.toggle(Facet::Officials, "khaled_mazen");
        f.toggle(Facet::Kinds, "visit");
        assert!(f.is_selected(Facet::Officials, "khaled_mazen"));
        assert!(f.is_selected(Facet::Kinds, "visit"));
        assert_eq!(
            f.selections(),
            vec![
                (Facet::Officials, "khaled_mazen".to_owned()),
                (Facet::Kinds, "visit".to_owned())
            ]
        );
        f.toggle(Facet::Kinds, "visit");
        f.toggle(Facet::Officials, "khaled_mazen");
        assert_eq!(f, Filter::default());
    }

    #[test]
    fn search_text_is_kept_as_typed_and_trimmed_for_the_query() {
        let mut f = Filter::default();
        f.set_search_text("الهجرة ");
        assert_eq!(f.search_text(), "الهجرة ");
        assert_eq!(for_query(&f).text.as_deref(), Some("الهجرة"));
        f.set_search_text("  ");
        assert_eq!(for_query(&f).text, None);
        f.set_search_text("");
        assert_eq!(f.text, None);
    }
}
