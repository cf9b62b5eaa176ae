//! `arshif timeline`: the meetings the filter flags select, printed for people or as JSON; the
//! filter flags' resolution (names in any script → facet keys) shared with `export`.

use super::archive::open_caught_up;
use super::{CliError, FilterArgs};
use crate::extract::Extractor;
use crate::gazetteer::Gazetteer;
use crate::model::MeetingKind;
use crate::pipeline;
use crate::query::{self, Facet, Filter, Order, TimelineMeeting};
use crate::store::Store;
use std::collections::BTreeSet;
use std::path::Path;

/// Turns the command-line filter into a [`Filter`], resolving names against the archive's own
/// facet values. Errors are usage messages.
fn to_filter(store: &Store, gaz: &Gazetteer, args: &FilterArgs) -> Result<Filter, String> {
    let all = query::facets(store, &Filter::default()).map_err(|e| e.to_string())?;
    // Gazetteer officials too, so one whose meetings are all hidden (not a Libyan–European
    // meeting) selects nothing instead of being an unknown name.
    // Every alias counts ("Dbeibeh", «الدبيبة»).
    let known: Vec<query::FacetValue> = gaz
        .people
        .iter()
        .flat_map(|p| {
            std::iter::once(&p.name_en)
                .chain(p.aliases.iter())
                .map(move |name| query::FacetValue {
                    key: p.id.clone(),
                    label_en: name.clone(),
                    label_ar: p.name_ar.clone(),
                    count: 0,
                })
        })
        .collect();
    // Countries are stored by ISO code: their names in every language (and aliases) come from
    // the gazetteer, so `--country Italy`, `إيطاليا` and `italia` all mean IT.
    let country_names: Vec<query::FacetValue> = gaz
        .countries
        .iter()
        .flat_map(|c| {
            std::iter::once(&c.name_en)
                .chain(std::iter::once(&c.name_it))
                .chain(c.aliases.iter())
                .map(move |name| query::FacetValue {
                    key: c.code.clone(),
                    label_en: name.clone(),
                    label_ar: c.name_ar.clone(),
                    count: 0,
                })
        })
        .collect();
    let resolve =
        |facet: Facet, typed: &[String], what: &str| -> Result<BTreeSet<String>, String> {
            let mut out = BTreeSet::new();
            for t in typed {
                let mut keys = pipeline::resolve_facet_value(all.of(facet), t);
                if keys.is_empty() && facet == Facet::Officials {
                    keys = pipeline::resolve_facet_value(&known, t);
                }
                if keys.is_empty() && facet == Facet::Countries {
                    keys = pipeline::resolve_facet_value(&country_names, t);
                    keys.sort();
                    keys.dedup();
                }
                if keys.is_empty() {
                    return Err(format!("no {what} in the archive matches «{t}»"));
                }
                out.extend(keys);
            }
            Ok(out)
        };
    let mut kinds = BTreeSet::new();
    for k in &args.kinds {
        kinds.insert(MeetingKind::parse(k).ok_or_else(|| {
            format!(
                "unknown meeting kind «{k}»: use consult, phone_call, visit, host or third_location"
            )
        })?);
    }
    if let (Some(from), Some(to)) = (args.from, args.to)
        && from > to
    {
        return Err(format!(
            "--from {from} is after --to {to}: no day can match (swap them?)"
        ));
    }
    Ok(Filter {
        text: args.text.clone(),
        officials: resolve(Facet::Officials, &args.officials, "official")?,
        bodies: resolve(Facet::Bodies, &args.bodies, "ministry or body")?,
        countries: resolve(Facet::Countries, &args.countries, "country")?,
        topics: resolve(Facet::Topics, &args.topics, "topic")?,
        places: resolve(Facet::Places, &args.places, "place")?,
        kinds,
        from: args.from,
        to: args.to,
        exclude_undated: args.dated_only,
        exclude_announced: args.held_only,
        order: if args.oldest_first {
            Order::OldestFirst
        } else {
            Order::NewestFirst
        },
    })
}

/// Opens the archive, catches it up and turns the filter flags into a [`Filter`].
///
/// # Errors
/// A name or value of the filter matches nothing (usage, exit 2), or the archive fails.
pub(super) fn open_filtered(
    db: Option<&Path>,
    args: &FilterArgs,
) -> Result<(Store, Extractor, Filter), CliError> {
    let (store, ex) = open_caught_up(db)?;
    let filter = to_filter(&store, ex.gazetteer(), args).map_err(CliError::Usage)?;
    Ok((store, ex, filter))
}

/// One line per participant: "Name (role; body; country)".
fn participant_line(p: &query::ParticipantView) -> String {
    let name = if p.person.name_en.is_empty() {
        &p.as_written
    } else {
        &p.person.name_en
    };
    let mut parts = Vec::new();
    if !p.role.is_empty() {
        parts.push(p.role.clone());
    }
    if let Some(b) = &p.body
        && !p.role.contains(&b.name_en)
    {
        parts.push(b.name_en.clone());
    }
    if !p.country.is_empty() {
        parts.push(p.country.clone());
    }
    let review = if p.needs_review {
        " [new, to review]"
    } else {
        ""
    };
    if parts.is_empty() {
        format!("{name}{review}")
    } else {
        format!("{name} ({}){review}", parts.join("; "))
    }
}

/// Prints meetings for people: date, place, kind, then both sides, topics and the article.
pub(super) fn print_meetings(rows: &[TimelineMeeting]) {
    for m in rows {
        let date = match (m.date, m.precision) {
            (Some(d), Some(crate::model::DatePrecision::Month)) => d.format("%Y-%m").to_string(),
            (Some(d), Some(crate::model::DatePrecision::Year)) => d.format("%Y").to_string(),
            (Some(d), _) => d.format("%Y-%m-%d").to_string(),
            (None, _) => "undated".into(),
        };
        let place = m
            .place
            .as_ref()
            .map(|p| p.name_en.as_str())
            .unwrap_or("place unknown");
        println!(
            "{date}  {place}  {} (CAMEO {}), {}   meeting #{}",
            m.kind.as_str(),
            m.kind.cameo_code(),
            m.status.as_str(),
            m.id
        );
        for side in [
            crate::model::Side::Libya,
            crate::model::Side::Europe,
            crate::model::Side::Other,
        ] {
            let people: Vec<String> = m
                .participants
                .iter()
                .filter(|p| p.side == side)
                .map(participant_line)
                .collect();
            if !people.is_empty() {
                let label = match side {
                    crate::model::Side::Libya => "Libya ",
                    crate::model::Side::Europe => "Europe",
                    crate::model::Side::Other => "other ",
                };
                println!("    {label}  {}", people.join(" · "));
            }
        }
        if !m.topics.is_empty() {
            let t: Vec<&str> = m.topics.iter().map(|t| t.name_en.as_str()).collect();
            println!("    topics  {}", t.join(", "));
        }
        println!("    source  #{} {}", m.article_ids[0], m.headline);
    }
}

/// `arshif timeline`: the meetings the filters select, for people or as JSON.
pub(super) fn cmd_timeline(
    db: Option<&Path>,
    args: &FilterArgs,
    json: bool,
) -> Result<(), CliError> {
    let (store, _ex, filter) = open_filtered(db, args)?;
    let rows = query::timeline(&store, &filter)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).expect("meetings serialise")
        );
        return Ok(());
    }
    print_meetings(&rows);
    println!(
        "{} meeting{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    Ok(())
}

/// Prints the meetings of one article (for `show` and `set-date`).
pub(super) fn print_article_meetings(store: &Store, id: i64) -> Result<(), CliError> {
    let rows = query::timeline(store, &Filter::default())?;
    let mine: Vec<TimelineMeeting> = rows
        .into_iter()
        .filter(|m| m.article_ids.contains(&id))
        .collect();
    if mine.is_empty() {
        println!("no Libyan–European meeting found in this article");
        return Ok(());
    }
    print_meetings(&mine);
    Ok(())
}
