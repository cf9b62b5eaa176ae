//! The meeting subcommands: `timeline`, `export`, `reextract`, `set-date`, `eval`, and the
//! meetings part of `import` and `show`.

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, FilterArgs, open, report_error};
use crate::devtools::eval::{self, TopicMap};
use crate::export::{self, ExportOptions, Format};
use crate::extract::Extractor;
use crate::gazetteer::Gazetteer;
use crate::model::MeetingKind;
use crate::pipeline::{self, ExtractReport};
use crate::query::{self, Facet, Filter, Order, TimelineMeeting};
use crate::store::Store;
use std::collections::{BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// The extractor over the shipped gazetteer (built once per command).
pub(super) fn extractor() -> Extractor {
    Extractor::new(&Gazetteer::shipped())
}

/// The extractor over the shipped gazetteer plus the user's additions kept in this archive
/// (aliases, officials: see [`crate::edits::gazetteer_with_user`]).
pub(super) fn archive_extractor(store: &Store) -> Result<Extractor, u8> {
    pipeline::archive_extractor(store).map_err(|e| {
        eprintln!("arshif: {e}");
        EXIT_FAILED
    })
}

/// Runs extraction on every article that needs it, with a progress line on a terminal.
pub(super) fn catch_up(store: &mut Store, ex: &Extractor) -> Result<ExtractReport, u8> {
    let tty = std::io::stderr().is_terminal();
    let mut shown = false;
    let mut progress = |done: usize, total: usize| {
        if tty && total > 20 {
            eprint!("\rfinding meetings: {done}/{total} articles");
            let _ = std::io::stderr().flush();
            shown = true;
        }
    };
    let r = pipeline::extract_pending(store, ex, &mut progress, &AtomicBool::new(false))
        .map_err(report_error)?;
    if shown {
        eprintln!();
    }
    Ok(r)
}

fn open_caught_up(db: Option<&Path>) -> Result<(Store, Extractor), u8> {
    let mut store = open(db)?;
    let ex = archive_extractor(&store)?;
    catch_up(&mut store, &ex)?;
    Ok((store, ex))
}

/// Turns the command-line filter into a [`Filter`], resolving names against the archive's own
/// facet values. Errors are usage messages.
fn to_filter(store: &Store, gaz: &Gazetteer, args: &FilterArgs) -> Result<Filter, String> {
    let all = query::facets(store.conn(), &Filter::default()).map_err(|e| e.to_string())?;
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

fn selected(
    db: Option<&Path>,
    args: &FilterArgs,
) -> Result<(Store, Extractor, Vec<TimelineMeeting>), u8> {
    let (store, ex) = open_caught_up(db)?;
    let filter = to_filter(&store, ex.gazetteer(), args).map_err(|e| {
        eprintln!("arshif: {e}");
        EXIT_USAGE
    })?;
    let rows = query::timeline(store.conn(), &filter).map_err(report_error)?;
    Ok((store, ex, rows))
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

pub(super) fn cmd_timeline(db: Option<&Path>, args: &FilterArgs, json: bool) -> u8 {
    let (_store, _ex, rows) = match selected(db, args) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).expect("meetings serialise")
        );
        return EXIT_OK;
    }
    print_meetings(&rows);
    println!(
        "{} meeting{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    EXIT_OK
}

pub(super) fn cmd_export(db: Option<&Path>, args: &FilterArgs, format: &str, out: &Path) -> u8 {
    let format: Format = match format.parse() {
        Ok(f) => f,
        Err(e) => {
            eprintln!("arshif: {e}");
            return EXIT_USAGE;
        }
    };
    let (store, ex, rows) = match selected(db, args) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let lookup = match pipeline::export_lookup(store.conn(), ex.gazetteer(), &rows) {
        Ok(l) => l,
        Err(e) => return report_error(e),
    };
    match export::write_file(format, &ExportOptions::default(), &rows, &lookup, out) {
        Ok(summary) => {
            println!("{summary} → {}", out.display());
            EXIT_OK
        }
        Err(e) => {
            eprintln!("arshif: {e}");
            EXIT_FAILED
        }
    }
}

pub(super) fn cmd_reextract(db: Option<&Path>, json: bool) -> u8 {
    let mut store = match open(db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let ex = match archive_extractor(&store) {
        Ok(ex) => ex,
        Err(code) => return code,
    };
    if let Err(e) = crate::store::meetings::mark_all_for_extraction(store.conn()) {
        return report_error(e);
    }
    let r = match catch_up(&mut store, &ex) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if json {
        println!("{}", serde_json::to_string(&r).expect("report serialises"));
    } else {
        println!(
            "{} articles read, {} meetings found",
            r.articles, r.meetings
        );
    }
    EXIT_OK
}

pub(super) fn cmd_set_date(db: Option<&Path>, id: i64, date: &str) -> u8 {
    let Some((date, precision)) = crate::text::dates::parse_date(date, None) else {
        eprintln!("arshif: «{date}» is not a date Arshif can read (try YYYY-MM-DD)");
        return EXIT_USAGE;
    };
    let mut store = match open(db) {
        Ok(s) => s,
        Err(code) => return code,
    };
    match store.article(id) {
        Ok(Some(_)) => {}
        Ok(None) => {
            eprintln!(
                "arshif: no article with id {id} in {}",
                store.path().display()
            );
            return EXIT_FAILED;
        }
        Err(e) => return report_error(e),
    }
    let ex = match archive_extractor(&store) {
        Ok(ex) => ex,
        Err(code) => return code,
    };
    if let Err(e) = pipeline::set_article_date(&mut store, &ex, id, date, precision) {
        return report_error(e);
    }
    println!(
        "article #{id} dated {} ({})",
        date.format("%Y-%m-%d"),
        precision.as_str()
    );
    print_article_meetings(&store, id)
}

/// Prints the meetings of one article with the sentences and spans they came from.
pub(super) fn print_article_meetings(store: &Store, id: i64) -> u8 {
    let rows = match query::timeline(store.conn(), &Filter::default()) {
        Ok(r) => r,
        Err(e) => return report_error(e),
    };
    let mine: Vec<TimelineMeeting> = rows
        .into_iter()
        .filter(|m| m.article_ids.contains(&id))
        .collect();
    if mine.is_empty() {
        println!("no Libyan–European meeting found in this article");
        return EXIT_OK;
    }
    print_meetings(&mine);
    EXIT_OK
}

/// The facts of one article's meetings with their spans (for `show`): evidence sentences, the
/// participants' names as written, and the date's derivation.
pub(super) fn print_explanations(store: &Store, id: i64) -> Result<(), u8> {
    let conn = store.conn();
    let mut stmt = conn
        .prepare(
            "SELECT id, ordinal, date_note, evidence FROM meetings WHERE article_id = ?1 ORDER BY ordinal",
        )
        .map_err(|e| report_error(e.into()))?;
    let meetings: Vec<(i64, i64, Option<String>, String)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .and_then(|rows| rows.collect())
        .map_err(|e| report_error(e.into()))?;
    let mut parts = conn
        .prepare(
            "SELECT as_written, name_en, span_start, span_end FROM meeting_participants
             WHERE meeting_id = ?1 ORDER BY ordinal",
        )
        .map_err(|e| report_error(e.into()))?;
    for (mid, ordinal, note, evidence) in meetings {
        println!("meeting #{mid} ({} of this article):", ordinal + 1);
        if let Some(n) = note {
            println!("  date: {n}");
        }
        let ev: Vec<crate::store::meetings::EvidenceSpan> =
            serde_json::from_str(&evidence).unwrap_or_default();
        for e in ev {
            println!("  from bytes {}..{}: «{}»", e.start, e.end, e.text.trim());
        }
        let people: Vec<(String, String, Option<i64>, Option<i64>)> = parts
            .query_map([mid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| report_error(e.into()))?;
        for (written, en, a, b) in people {
            let span = match (a, b) {
                (Some(a), Some(b)) => format!(" at bytes {a}..{b}"),
                _ => String::new(),
            };
            println!("  «{written}» → {en}{span}");
        }
    }
    Ok(())
}

pub(super) fn cmd_eval(
    truth_path: &Path,
    dir: &Path,
    gazetteer_dir: Option<&Path>,
    json: bool,
    bench_rounds: Option<usize>,
) -> u8 {
    let ex = match gazetteer_dir {
        Some(d) => match Gazetteer::from_dir(d) {
            Ok(g) => Extractor::new(&g),
            Err(e) => {
                eprintln!("arshif: {e}");
                return EXIT_FAILED;
            }
        },
        None => extractor(),
    };
    let text = match std::fs::read_to_string(truth_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "arshif: cannot read the truth file {}: {e}",
                truth_path.display()
            );
            return EXIT_FAILED;
        }
    };
    let mut truth: eval::Truth = match serde_json::from_str(&text) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "arshif: the truth file {} is not valid: {e}",
                truth_path.display()
            );
            return EXIT_FAILED;
        }
    };
    let tmp = match tempfile::tempdir() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("arshif: cannot create a temporary archive: {e}");
            return EXIT_FAILED;
        }
    };
    let mut store = match Store::open(tmp.path().join("eval.sqlite")) {
        Ok(s) => s,
        Err(e) => return report_error(e),
    };
    let paths: Vec<_> = truth.articles.iter().map(|a| dir.join(&a.file)).collect();
    let report =
        match crate::import::import_paths(&mut store, &paths, &mut |_| {}, &AtomicBool::new(false))
        {
            Ok(r) => r,
            Err(e) => return report_error(e),
        };
    // File name → stored article id (imported, or the earlier article it duplicates).
    let mut ids = HashMap::new();
    for f in &report.files {
        if let Some(id) = f.article_id {
            let name = Path::new(&f.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            ids.insert(name.unwrap_or_default(), id);
        }
    }
    let mut texts = HashMap::new();
    for a in &mut truth.articles {
        let Some(&id) = ids.get(&a.file) else {
            let why = report
                .files
                .iter()
                .find(|f| f.path.ends_with(&a.file))
                .and_then(|f| f.reason.clone())
                .unwrap_or_else(|| "not found".into());
            eprintln!("arshif: {} was not imported: {why}", a.file);
            return EXIT_FAILED;
        };
        let Ok(Some(article)) = store.article(id) else {
            return EXIT_FAILED;
        };
        // The archive's own date where the file gives one; else the truth's published_date, as
        // a user would set it.
        if let Some(d) = pipeline::resolving_date(article.date.as_ref()) {
            a.published_date = Some(d.format("%Y-%m-%d").to_string());
        }
        texts.insert(
            a.file.clone(),
            pipeline::article_text(&article.headline, &article.body),
        );
    }
    let (scores, diagnoses) = eval::evaluate(&ex, &truth, &texts, &TopicMap::shipped());
    if let Some(rounds) = bench_rounds {
        // Extraction speed on these articles, one thread (a rough figure; `cargo bench --bench
        // extract` is the benchmark).
        let list: Vec<(String, Option<chrono::NaiveDate>)> =
            texts.values().map(|t| (t.clone(), None)).collect();
        crate::extract::bench(&ex, &list, 3);
        let per_sec = crate::extract::bench(&ex, &list, rounds);
        eprintln!(
            "extraction: {per_sec:.0} articles/s on one thread ({} articles x {rounds} rounds)",
            list.len()
        );
    }
    if json {
        println!(
            "{}",
            serde_json::to_string(&scores).expect("scores serialise")
        );
        return EXIT_OK;
    }
    for d in diagnoses.iter().filter(|d| {
        d.matched != d.truth_meetings
            || d.predicted_meetings != d.truth_meetings
            || !d.missed_people.is_empty()
            || !d.extra_people.is_empty()
            || !d.date_errors.is_empty()
    }) {
        println!(
            "{}: {} of {} meetings matched ({} predicted){}{}{}",
            d.file,
            d.matched,
            d.truth_meetings,
            d.predicted_meetings,
            if d.missed_people.is_empty() {
                String::new()
            } else {
                format!("; missed {}", d.missed_people.join(", "))
            },
            if d.extra_people.is_empty() {
                String::new()
            } else {
                format!("; extra {}", d.extra_people.join(", "))
            },
            if d.date_errors.is_empty() {
                String::new()
            } else {
                format!("; dates {}", d.date_errors.join(", "))
            },
        );
    }
    println!(
        "articles      accuracy {:.3} (n={})",
        scores.articles.accuracy, scores.articles.n
    );
    for (name, p) in [
        ("meetings", &scores.meetings),
        ("participants", &scores.participants),
        ("topics", &scores.topics),
    ] {
        println!(
            "{name:<13} precision {:.3}  recall {:.3}  F1 {:.3}",
            p.precision, p.recall, p.f1
        );
    }
    println!(
        "dates         accuracy {:.3} (n={})",
        scores.dates.accuracy, scores.dates.n
    );
    EXIT_OK
}
