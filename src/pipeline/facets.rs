//! What a user typed for a facet → the facet's keys.

/// Resolves what a user typed for a facet (a key such as `khaled_mazen`, or a name in any script
/// such as «خالد مازن» or "Mazen") to facet keys, using the archive's own facet values so
/// extracted, unlisted officials resolve too. Exact key first, then folded (Arabic-normalised,
/// case- and accent-folded) name containment, then, when nothing contains it, another
/// transliteration of a Latin name ([`crate::text::skeleton::skeleton_matches`]: "Dbeibe" finds
/// "Abdul Hamid Dbeibah").
pub fn resolve_facet_value(values: &[crate::query::FacetValue], typed: &str) -> Vec<String> {
    if let Some(v) = values.iter().find(|v| v.key == typed) {
        return vec![v.key.clone()];
    }
    let want = crate::text::fold(typed.trim());
    if want.is_empty() {
        return Vec::new();
    }
    let mut keys: Vec<String> = values
        .iter()
        .filter(|v| {
            crate::text::fold(&v.label_en).contains(&want)
                || crate::text::fold(&v.label_ar).contains(&want)
                || crate::text::fold(&v.key).contains(&want)
        })
        .map(|v| v.key.clone())
        .collect();
    if keys.is_empty() {
        keys = values
            .iter()
            .filter(|v| crate::text::skeleton::skeleton_matches(typed, &v.label_en))
            .map(|v| v.key.clone())
            .collect();
    }
    keys.sort();
    keys.dedup();
    keys
}
