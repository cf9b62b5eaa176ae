//! Keeps the archive's meetings in step with its articles: runs extraction on articles that have
//! not been through the current rules and gazetteer, after an import, after a gazetteer change
//! (`arshif reextract`) and after an article's date is set (`arshif set-date`).
//!
//! Extraction reads an article as `headline + "\n" + body` (the `.txt` layout, see
//! [`article_text`]); every stored span is a byte range into that text.

use crate::extract::{self, EntityRef, ExtractedMeeting, Extractor};
use crate::gazetteer::Gazetteer;
use crate::model::{ArticleDate, DatePrecision, Side};
use crate::store::meetings::{EvidenceSpan, Named, NewMeeting, NewParticipant, NewTopic};
use crate::store::{Store, StoreError, meetings};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicBool, Ordering};

/// Bumped whenever the extraction rules change in a way that changes results, so archives
/// re-extract on their next catch-up.
pub const RULES_VERSION: &str = "rules-3";

/// The text extraction reads for an article: the headline, a newline, the body.
pub fn article_text(headline: &str, body: &str) -> String {
    format!("{headline}\n{body}")
}

/// `RULES_VERSION` plus a short SHA-256 of the gazetteer's contents: changes whenever either
/// does, which is what makes [`extract_pending`] re-extract after a gazetteer change.
pub fn extraction_version(gaz: &Gazetteer) -> String {
    let json = serde_json::to_vec(gaz).unwrap_or_default();
    let digest = Sha256::digest(&json);
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{RULES_VERSION}+{hex}")
}

/// What a catch-up did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ExtractReport {
    /// Articles read.
    pub articles: usize,
    /// Meetings stored for those articles.
    pub meetings: usize,
    /// The cancel flag stopped the run early; the articles not reached stay pending.
    pub cancelled: bool,
}

/// Extracts meetings from every article not yet extracted with this extractor's version, in
/// chunks of one transaction each. `progress(done, total)` is called before the first article
/// and after each. Safe to interrupt: an article is either fully re-extracted or still pending.
///
/// # Errors
/// Database failures only.
pub fn extract_pending(
    store: &mut Store,
    extractor: &Extractor,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<ExtractReport, StoreError> {
    let version = extraction_version(extractor.gazetteer());
    let ids = meetings::articles_needing_extraction(store, &version)?;
    let total = ids.len();
    let mut report = ExtractReport::default();
    progress(0, total);
    for chunk in ids.chunks(200) {
        if cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            break;
        }
        let tx = store.transaction()?;
        for &id in chunk {
            let Some((headline, body, date)) = article_for_extraction(&tx, id)? else {
                continue;
            };
            let text = article_text(&headline, &body);
            let found = extractor.extract(&text, date);
            let rows: Vec<NewMeeting> = found
                .iter()
                .map(|m| to_new_meeting(m, extractor.gazetteer(), &text))
                .collect();
            meetings::replace_for_article(&tx, id, &rows, &version)?;
            // The user's corrections, re-attached to the fresh rows (crate::edits).
            crate::edits::after_extraction(&tx, id, &rows)?;
            report.articles += 1;
            report.meetings += rows.len();
            progress(report.articles, total);
        }
        tx.commit()?;
    }
    Ok(report)
}

/// Forgets every article's extraction state and runs [`extract_pending`] over the whole archive.
///
/// # Errors
/// Database failures only.
pub fn reextract_all(
    store: &mut Store,
    extractor: &Extractor,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<ExtractReport, StoreError> {
    meetings::mark_all_for_extraction(store)?;
    extract_pending(store, extractor, progress, cancel)
}

/// What [`import_and_extract`] did: the importer's report (one outcome per file) and the
/// extraction catch-up that followed it.
#[derive(Debug)]
pub struct ImportRun {
    /// One outcome per file or record, with counts (see [`crate::import::import_paths`]).
    pub import: crate::import::ImportReport,
    /// The catch-up over every article not yet extracted (the new ones, and any an earlier run
    /// left pending). An error here leaves the imported articles stored and pending: the next
    /// catch-up finds their meetings.
    pub found: Result<ExtractReport, StoreError>,
}

/// Imports `paths` (files or folders, recursively) with [`crate::import::import_paths`], then
/// finds the meetings in what was imported with [`extract_pending`]: the one code path of the
/// app's Import (dialog, drop, typed path), `arshif import`, and the inbox folder
/// ([`crate::inbox`]). `import_progress` and `extract_progress(done, total)` are called as those
/// functions call them; `cancel` stops either step between files/chunks (what was done is kept).
///
/// # Errors
/// Only when the archive fails during the import (see [`crate::import::import_paths`]); an
/// extraction failure is in [`ImportRun::found`], after the import's report.
pub fn import_and_extract<P: AsRef<std::path::Path>>(
    store: &mut Store,
    extractor: &Extractor,
    paths: &[P],
    import_progress: &mut dyn FnMut(&crate::import::Progress),
    extract_progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<ImportRun, StoreError> {
    let import = crate::import::import_paths(store, paths, import_progress, cancel)?;
    let found = extract_pending(store, extractor, extract_progress, cancel);
    Ok(ImportRun { import, found })
}

/// The extractor for this archive: the shipped gazetteer plus the user's additions kept in it
/// (aliases, officials: [`crate::edits::gazetteer_with_user`]).
///
/// # Errors
/// The archive's gazetteer additions could not be read.
pub fn archive_extractor(store: &Store) -> Result<Extractor, crate::edits::EditError> {
    crate::edits::gazetteer_with_user(store, &Gazetteer::shipped()).map(|g| Extractor::new(&g))
}

/// Sets an article's publication date (source: the user) and re-extracts it, so meetings dated
/// only by "اليوم"/"oggi"/"yesterday" get their dates. The change is a user edit
/// ([`crate::edits::Edit::ArticleDate`]), so it undoes with [`crate::edits::undo`].
///
/// # Errors
/// [`StoreError::Sqlite`] when no article has this id ("no article #ID") or the database fails.
pub fn set_article_date(
    store: &mut Store,
    extractor: &Extractor,
    article_id: i64,
    date: NaiveDate,
    precision: DatePrecision,
) -> Result<ExtractReport, StoreError> {
    let edit = crate::edits::Edit::ArticleDate {
        article_id,
        date: Some(crate::edits::DateValue { date, precision }),
    };
    crate::edits::apply(store, &edit).map_err(|e| match e {
        crate::edits::EditError::Store(s) => s,
        _ => StoreError::no_rows(),
    })?;
    extract_pending(store, extractor, &mut |_, _| {}, &AtomicBool::new(false))
}

fn article_for_extraction(
    store: &Store,
    id: i64,
) -> Result<Option<(String, String, Option<NaiveDate>)>, StoreError> {
    let row = crate::store::articles::text_and_date(store, id)?;
    Ok(row.map(|(h, b, d, p)| {
        // Relative days ("اليوم") only resolve against a day-precise publication date.
        let date = d
            .filter(|_| p == "day")
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        (h, b, date)
    }))
}

/// Converts one extracted meeting to the rows the archive stores, naming every gazetteer id in
/// both scripts. `text` is the text extraction read (for evidence).
pub fn to_new_meeting(m: &ExtractedMeeting, gaz: &Gazetteer, text: &str) -> NewMeeting {
    let date = match (m.date.date, m.date.precision) {
        (Some(d), Some(p)) => Some((d, p)),
        (Some(d), None) => Some((d, DatePrecision::Day)),
        _ => None,
    };
    let date_note = date_note(m);
    NewMeeting {
        kind: m.kind,
        status: m.status,
        date,
        date_note,
        weekday_conflict: m.date.weekday_conflict,
        place: m.place.as_ref().map(|p| match gaz.place(&p.id) {
            Some(place) => Named {
                key: place.id.clone(),
                name_en: place.name_en.clone(),
                name_ar: place.name_ar.clone(),
            },
            None => Named {
                key: p.id.clone(),
                name_en: p.name_en.clone(),
                name_ar: p.name_en.clone(),
            },
        }),
        confidence: m.confidence,
        evidence: m
            .evidence
            .iter()
            .map(|e| EvidenceSpan {
                start: e.span.start,
                end: e.span.end,
                text: text.get(e.span.clone()).unwrap_or(&e.text).to_string(),
            })
            .collect(),
        participants: m
            .participants
            .iter()
            .map(|p| participant(p, gaz, date.map(|(d, _)| d)))
            .collect(),
        topics: m
            .topics
            .iter()
            .map(|t| NewTopic {
                topic: match gaz.topic(&t.id) {
                    Some(topic) => Named {
                        key: topic.id.clone(),
                        name_en: topic.label_en.clone(),
                        name_ar: topic.label_ar.clone(),
                    },
                    None => Named {
                        key: t.id.clone(),
                        name_en: t.id.replace('_', " "),
                        name_ar: String::new(),
                    },
                },
                span: Some(t.span.clone()),
            })
            .collect(),
    }
}

/// The Arabic word for an unnamed party written in English or Italian ("a delegation",
/// "officials", "la delegazione"), so the Arabic UI and exports never show the Latin word alone.
fn unnamed_party_ar(written: &str) -> &'static str {
    let w = written.to_lowercase();
    if w.contains("deleg") {
        "وفد"
    } else if [
        "official",
        "funzionar",
        "ufficial",
        "autorit",
        "responsabil",
    ]
    .iter()
    .any(|k| w.contains(k))
    {
        "مسؤولون"
    } else {
        "طرف لم يُسمَّ"
    }
}

fn date_note(m: &ExtractedMeeting) -> Option<String> {
    let expr = m.date.expression.as_deref().unwrap_or("");
    let note = date_how_note(m, expr);
    // The stated weekday contradicts the date: say so, so `show` and the app can flag it.
    Some(match (m.date.weekday_conflict, m.date.date) {
        (true, Some(d)) => format!(
            "{note}; WARNING: the stated weekday does not match, {d} was a {}",
            d.format("%A")
        ),
        _ => note,
    })
}

fn date_how_note(m: &ExtractedMeeting, expr: &str) -> String {
    match m.date.how {
        extract::DateHow::Explicit => format!("written in the text: «{expr}»"),
        extract::DateHow::RelativeToArticle => {
            format!("«{expr}» resolved against the article's date")
        }
        extract::DateHow::RelativeToTextDate => {
            format!("«{expr}» resolved against the one full date written in the article")
        }
        extract::DateHow::RelativeUnresolved => format!(
            "the text says «{expr}» but the article has no date: set the article's date to date this meeting"
        ),
        extract::DateHow::None => "nothing in the text dates this meeting".to_string(),
    }
}

/// Words of a role, normalised, each also without a leading article/clitics, for overlap.
fn role_words(s: &str) -> std::collections::HashSet<String> {
    let mut set = std::collections::HashSet::new();
    for w in crate::text::tokens::words(s) {
        for v in crate::text::tokens::clitic_variants(&w.text) {
            set.insert(v);
        }
        set.insert(w.text);
    }
    set
}

/// The office a participant held in this meeting: among the offices held on the meeting's day
/// (all of them when undated or none fits), the one whose body the text names, else the one
/// whose role shares most words with the role the text states («وزير الداخلية» is the
/// minister's office, not the deputy's), else the first still held (no end date), else the
/// last listed.
fn choose_office<'a>(
    offices: &'a [crate::gazetteer::Office],
    body: Option<&str>,
    stated_role: Option<&str>,
    on: Option<NaiveDate>,
) -> Option<&'a crate::gazetteer::Office> {
    let held: Vec<&crate::gazetteer::Office> = match on {
        Some(d) => {
            let d = d.format("%Y-%m-%d").to_string();
            offices
                .iter()
                .filter(|o| {
                    o.from.as_deref().is_none_or(|f| f <= d.as_str())
                        && o.to.as_deref().is_none_or(|t| t >= d.as_str())
                })
                .collect()
        }
        None => Vec::new(),
    };
    let pool: Vec<&crate::gazetteer::Office> = if held.is_empty() {
        offices.iter().collect()
    } else {
        held
    };
    // Several offices in the stated body (chief of cabinet, then minister, of one ministry): the
    // role the article states decides, else the current one.
    if let Some(b) = body {
        let same_body: Vec<&crate::gazetteer::Office> = pool
            .iter()
            .copied()
            .filter(|o| o.body.as_deref() == Some(b))
            .collect();
        if let Some(o) = best_office_for_role(&same_body, stated_role)
            .or_else(|| same_body.iter().copied().find(|o| o.to.is_none()))
            .or_else(|| same_body.first().copied())
        {
            return Some(o);
        }
    }
    if let Some(o) = best_office_for_role(&pool, stated_role) {
        return Some(o);
    }
    pool.iter()
        .find(|o| o.to.is_none())
        .or_else(|| pool.last())
        .copied()
}

/// The office whose role (in any of its languages) shares the most words with the role the
/// article states; `None` when no office shares a word.
fn best_office_for_role<'a>(
    offices: &[&'a crate::gazetteer::Office],
    stated: Option<&str>,
) -> Option<&'a crate::gazetteer::Office> {
    let stated = role_words(stated?);
    offices
        .iter()
        .map(|&o| {
            let words = role_words(&format!("{} {} {}", o.role_ar, o.role_en, o.role_it));
            (stated.intersection(&words).count(), o)
        })
        .filter(|(n, _)| *n > 0)
        // max_by_key keeps the last of equal scores: the later office wins a tie.
        .max_by_key(|(n, _)| *n)
        .map(|(_, o)| o)
}

fn is_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

fn side_of(gaz: &Gazetteer, country: &str) -> Side {
    if country == "LY" {
        Side::Libya
    } else if !country.is_empty() && gaz.is_european(country) {
        Side::Europe
    } else {
        Side::Other
    }
}

fn body_named(gaz: &Gazetteer, id: &str) -> Named {
    match gaz.body(id) {
        Some(b) => Named {
            key: b.id.clone(),
            name_en: b.name_en.clone(),
            name_ar: b.name_ar.clone(),
        },
        None => Named {
            key: id.to_string(),
            name_en: id.to_string(),
            name_ar: String::new(),
        },
    }
}

fn participant(p: &extract::Participant, gaz: &Gazetteer, on: Option<NaiveDate>) -> NewParticipant {
    let written_role = p.role.clone().unwrap_or_default();
    let mut country = p.country.clone().unwrap_or_default();
    let (person_key, name_en, name_ar, mut role, mut body, needs_review) = match &p.entity {
        EntityRef::Known { id } => match gaz.person(id) {
            Some(person) => {
                if country.is_empty() {
                    country = person.country.clone();
                }
                let office =
                    choose_office(&person.office, p.body.as_deref(), p.role.as_deref(), on);
                (
                    person.id.clone(),
                    person.name_en.clone(),
                    person.name_ar.clone(),
                    office.map(|o| o.role_en.clone()).unwrap_or_default(),
                    office.and_then(|o| o.body.clone()),
                    person.needs_review,
                )
            }
            None => (
                id.clone(),
                p.name.clone(),
                p.name.clone(),
                String::new(),
                None,
                true,
            ),
        },
        EntityRef::New { name, needs_review } => {
            let (en, ar) = if is_arabic(name) {
                (String::new(), name.clone())
            } else {
                (name.clone(), String::new())
            };
            (
                format!("new:{}", crate::text::fold(name)),
                en,
                ar,
                String::new(),
                None,
                *needs_review,
            )
        }
        EntityRef::Body { id } => {
            let b = body_named(gaz, id);
            if country.is_empty() {
                country = gaz.body(id).map(|b| b.country.clone()).unwrap_or_default();
            }
            (
                format!("body:{id}"),
                b.name_en,
                b.name_ar,
                String::new(),
                Some(id.clone()),
                false,
            )
        }
        EntityRef::Unnamed => {
            let (en, ar) = if is_arabic(&p.name) {
                (String::new(), p.name.clone())
            } else {
                (p.name.clone(), unnamed_party_ar(&p.name).to_owned())
            };
            (
                format!("unnamed:{country}"),
                en,
                ar,
                String::new(),
                None,
                false,
            )
        }
    };
    if role.is_empty() {
        role = written_role;
    }
    if p.body.is_some() {
        body = p.body.clone();
    }
    NewParticipant {
        side: side_of(gaz, &country),
        person_key,
        name_en,
        name_ar,
        as_written: p.name.clone(),
        role,
        body: body.map(|b| body_named(gaz, &b)),
        country,
        needs_review,
        span: Some(p.span.clone()),
    }
}

/// The article date a meeting resolves against, as the pipeline reads it (day precision only).
pub fn resolving_date(date: Option<&ArticleDate>) -> Option<NaiveDate> {
    date.filter(|d| d.precision == DatePrecision::Day)
        .map(|d| d.date)
}

/// What exports need to know beyond the rows: article headlines/URLs (from the archive), place
/// coordinates and country names (from the gazetteer).
///
/// # Errors
/// Database failures reading the articles.
pub fn export_lookup(
    store: &Store,
    gaz: &Gazetteer,
    rows: &[crate::query::TimelineMeeting],
) -> Result<crate::export::MapLookup, StoreError> {
    use crate::export::{ArticleRef, Coordinates, MapLookup};
    let mut lookup = MapLookup::default();
    for id in rows.iter().flat_map(|m| m.article_ids.iter().copied()) {
        if lookup.articles.contains_key(&id) {
            continue;
        }
        let (headline, url) = crate::store::articles::headline_and_url(store, id)?;
        lookup.articles.insert(id, ArticleRef { headline, url });
    }
    for p in &gaz.places {
        if let (Some(lat), Some(lon)) = (p.lat, p.lon) {
            lookup
                .coordinates
                .insert(p.id.clone(), Coordinates { lat, lon });
        }
    }
    for c in &gaz.countries {
        lookup
            .country_names
            .insert(c.code.clone(), c.name_en.clone());
    }
    Ok(lookup)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    /// Matteo Piantedosi was chief of cabinet, then minister, of the same ministry: an undated
    /// article calling him «ministro dell'Interno» gets the minister's office; one dated in 2019
    /// the chief of cabinet's.
    #[test]
    fn unnamed_parties_have_an_arabic_name() {
        assert_eq!(unnamed_party_ar("delegation"), "وفد");
        assert_eq!(unnamed_party_ar("la delegazione"), "وفد");
        assert_eq!(unnamed_party_ar("officials"), "مسؤولون");
        assert_eq!(unnamed_party_ar("le autorità"), "مسؤولون");
        assert_eq!(unnamed_party_ar("the envoy"), "طرف لم يُسمَّ");
    }

    #[test]
    fn the_stated_role_chooses_among_offices_of_one_body() {
        let g = crate::gazetteer::Gazetteer::shipped();
        let p = g.person("matteo_piantedosi").unwrap();
        let role = |on: Option<NaiveDate>, stated: Option<&str>| {
            choose_office(&p.office, Some("it_interior"), stated, on).map(|o| o.role_en.as_str())
        };
        assert_eq!(
            role(None, Some("ministro dell'Interno")),
            Some("Minister of the Interior")
        );
        assert_eq!(
            role(NaiveDate::from_ymd_opt(2025, 7, 8), None),
            Some("Minister of the Interior")
        );
        assert_eq!(
            role(NaiveDate::from_ymd_opt(2019, 3, 1), None),
            Some("Chief of Cabinet of the Ministry of the Interior")
        );
    }
}
