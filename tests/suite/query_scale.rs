//! The timeline's queries at scale: paged rows and facet counts against the full query, on the
//! dev corpus (results) and on a generated archive (timings, `#[ignore]`d).

use arshif::query::{self, Filter};
use std::path::PathBuf;
use std::time::Instant;

/// The filters a user changes to: one official, body, topic, country, a date range, text, and
/// combinations (keys taken from the archive's own facets).
fn filters(store: &arshif::store::Store) -> Vec<(String, Filter)> {
    let all = query::facets(store, &Filter::default()).unwrap();
    let first = |f: query::Facet, n: usize| -> String {
        let v = all.of(f);
        v[n.min(v.len() - 1)].key.clone()
    };
    let one = |f: query::Facet| first(f, 3);
    let mut out = vec![("empty".to_string(), Filter::default())];
    let mut f = Filter::default();
    f.officials.insert(one(query::Facet::Officials));
    out.push(("official".into(), f.clone()));
    let mut g = Filter::default();
    g.bodies.insert(one(query::Facet::Bodies));
    out.push(("body".into(), g));
    let mut g = Filter::default();
    g.topics.insert(one(query::Facet::Topics));
    out.push(("topic".into(), g));
    let mut g = Filter::default();
    g.countries.insert(one(query::Facet::Countries));
    out.push(("country".into(), g));
    let g = Filter {
        from: chrono::NaiveDate::from_ymd_opt(2019, 1, 1),
        to: chrono::NaiveDate::from_ymd_opt(2020, 12, 31),
        ..Default::default()
    };
    out.push(("dates".into(), g));
    let g = Filter {
        text: Some(all.of(query::Facet::Places)[0].label_ar.clone()),
        ..Default::default()
    };
    out.push(("text".into(), g));
    let mut g = f.clone();
    g.topics.insert(one(query::Facet::Topics));
    g.exclude_undated = true;
    out.push(("official+topic".into(), g));
    let mut g = f;
    g.officials.insert(first(query::Facet::Officials, 5));
    g.from = chrono::NaiveDate::from_ymd_opt(2015, 1, 1);
    out.push(("2 officials+from".into(), g));
    out
}

fn percentile(times: &mut [f64], p: f64) -> f64 {
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    times[((times.len() - 1) as f64 * p).round() as usize]
}

/// Prints p50/p95 of a filter change on a generated archive:
/// `ARSHIF_SCALE_MEETINGS=215000 cargo test --release --test suite query_scale -- --ignored --nocapture`
/// (the archive is generated once into `ARSHIF_SCALE_DB`, default `/tmp/arshif-scale-N.sqlite`).
#[test]
#[ignore]
fn timings_on_a_generated_archive() {
    let n: usize = std::env::var("ARSHIF_SCALE_MEETINGS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(43_000);
    let db = std::env::var("ARSHIF_SCALE_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(format!("/tmp/arshif-scale-{n}.sqlite")));
    if !db.exists() {
        let t = Instant::now();
        arshif::devtools::generate::archive(&db, n).unwrap();
        println!(
            "generated {n} meetings in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let mut store = arshif::store::Store::open(&db).unwrap();
    if arshif::store::events::needs_grouping(&store).unwrap() {
        let t = Instant::now();
        let tx = store.transaction().unwrap();
        arshif::edits::regroup(&tx).unwrap();
        tx.commit().unwrap();
        println!("grouped in {:.1} s", t.elapsed().as_secs_f64());
    }
    // The grouping after one report changed (incremental) and whole.
    for (name, full) in [("one changed report", false), ("whole archive", true)] {
        crate::common::sql(&store)
            .execute(
                "UPDATE meetings SET date_note = date_note WHERE id = (SELECT MAX(id) / 2 FROM meetings)",
                [],
            )
            .unwrap();
        let t = Instant::now();
        let tx = store.transaction().unwrap();
        let r = if full {
            arshif::edits::regroup_full(&tx).unwrap()
        } else {
            arshif::edits::regroup(&tx).unwrap()
        };
        tx.commit().unwrap();
        println!(
            "regroup, {name}: {:.0} ms, {} of {} reports placed",
            t.elapsed().as_secs_f64() * 1000.0,
            r.placed,
            r.reports
        );
    }
    let reps: usize = std::env::var("ARSHIF_SCALE_REPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let full = std::env::var("ARSHIF_SCALE_FULL").is_ok();
    let mut all_times = Vec::new();
    for (name, filter) in filters(&store) {
        let mut times = Vec::new();
        let mut parts = (0.0, 0.0);
        let mut shown = 0;
        for _ in 0..reps {
            let t = Instant::now();
            if full {
                shown = query::timeline(&store, &filter).unwrap().len();
            } else {
                shown = query::timeline_page(&store, &filter, 0, 100).unwrap().total;
            }
            let rows = t.elapsed().as_secs_f64() * 1000.0;
            let _ = query::facets(&store, &filter).unwrap();
            let all = t.elapsed().as_secs_f64() * 1000.0;
            parts = (rows, all - rows);
            times.push(all);
        }
        println!(
            "{name:>18}: {shown:>7} meetings, rows {:>8.1} ms, facets {:>8.1} ms",
            parts.0, parts.1
        );
        all_times.extend(times);
    }
    let p50 = percentile(&mut all_times, 0.5);
    let p95 = percentile(&mut all_times, 0.95);
    println!(
        "filter change ({}): p50 {p50:.1} ms, p95 {p95:.1} ms",
        if full { "full timeline" } else { "page" }
    );
}

/// The dev and dev2 corpora imported into one archive (grouped by the import).
fn corpora_archive() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = crate::pages_dev::dev_archive();
    let dev2 = crate::common::shared().join("corpus/dev2/articles");
    let (code, _, err) = crate::common::arshif(&db, &["import", dev2.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    (dir, db)
}

/// Filters over the corpora's own values: empty, each order, one value of each facet, dates,
/// the exclusions, text and combinations.
fn corpus_filters(store: &arshif::store::Store) -> Vec<Filter> {
    let all = query::facets(store, &Filter::default()).unwrap();
    let key = |f: query::Facet, n: usize| all.of(f)[n].key.clone();
    let mut out = vec![
        Filter::default(),
        Filter {
            order: query::Order::OldestFirst,
            ..Default::default()
        },
    ];
    for f in query::Facet::ALL {
        for n in [0, 2] {
            let mut g = Filter::default();
            let k = key(f, n);
            match f {
                query::Facet::Officials => g.officials.insert(k),
                query::Facet::Bodies => g.bodies.insert(k),
                query::Facet::Countries => g.countries.insert(k),
                query::Facet::Topics => g.topics.insert(k),
                query::Facet::Places => g.places.insert(k),
                query::Facet::Kinds => g
                    .kinds
                    .insert(arshif::model::MeetingKind::parse(&k).unwrap()),
            };
            out.push(g);
        }
    }
    let mut g = Filter {
        from: chrono::NaiveDate::from_ymd_opt(2019, 1, 1),
        to: chrono::NaiveDate::from_ymd_opt(2022, 12, 31),
        ..Default::default()
    };
    out.push(g.clone());
    g.officials.insert(key(query::Facet::Officials, 0));
    g.officials.insert(key(query::Facet::Officials, 1));
    g.order = query::Order::OldestFirst;
    out.push(g);
    out.push(Filter {
        exclude_undated: true,
        exclude_announced: true,
        ..Default::default()
    });
    let mut g = Filter {
        exclude_announced: true,
        order: query::Order::OldestFirst,
        ..Default::default()
    };
    g.countries.insert(key(query::Facet::Countries, 0));
    g.topics.insert(key(query::Facet::Topics, 0));
    out.push(g);
    out.push(Filter {
        text: Some("الهجرة".into()),
        ..Default::default()
    });
    out.push(Filter {
        text: Some("!!".into()),
        ..Default::default()
    });
    out
}

fn check_pages(store: &arshif::store::Store, filter: &Filter) {
    let full = query::timeline(store, filter).unwrap();
    assert_eq!(
        query::timeline_count(store, filter).unwrap(),
        full.len(),
        "{filter:?}"
    );
    for size in [1, 7, 50, 1000] {
        let mut joined = Vec::new();
        let mut offset = 0;
        loop {
            let page = query::timeline_page(store, filter, offset, size).unwrap();
            assert_eq!(page.total, full.len(), "{filter:?}");
            assert_eq!(page.offset, offset);
            assert!(page.rows.len() <= size);
            if page.rows.is_empty() {
                break;
            }
            offset += page.rows.len();
            joined.extend(page.rows);
        }
        assert_eq!(joined.len(), full.len(), "size {size}, {filter:?}");
        for (a, b) in joined.iter().zip(&full) {
            assert_eq!(a, b, "size {size}, {filter:?}");
        }
    }
}

/// One visible report row as the naive count reads it.
struct Row {
    event: i64,
    date: Option<String>,
    place: Option<String>,
    kind: String,
    status: String,
    people: Vec<(String, Option<String>, String)>,
    topics: Vec<String>,
}

/// Every visible meeting row straight from the tables.
fn naive_rows(store: &arshif::store::Store) -> Vec<Row> {
    let conn = crate::common::sql(store);
    let mut rows: std::collections::BTreeMap<i64, Row> = std::collections::BTreeMap::new();
    let mut stmt = conn
        .prepare(
            "SELECT id, event_id, date, place_key, kind, status FROM meetings WHERE hidden IS NULL",
        )
        .unwrap();
    let mut q = stmt.query([]).unwrap();
    while let Some(r) = q.next().unwrap() {
        rows.insert(
            r.get(0).unwrap(),
            Row {
                event: r.get(1).unwrap(),
                date: r.get(2).unwrap(),
                place: r.get(3).unwrap(),
                kind: r.get(4).unwrap(),
                status: r.get(5).unwrap(),
                people: Vec::new(),
                topics: Vec::new(),
            },
        );
    }
    let mut stmt = conn
        .prepare("SELECT meeting_id, person_key, body_key, country FROM meeting_participants")
        .unwrap();
    let mut q = stmt.query([]).unwrap();
    while let Some(r) = q.next().unwrap() {
        if let Some(row) = rows.get_mut(&r.get::<_, i64>(0).unwrap()) {
            row.people
                .push((r.get(1).unwrap(), r.get(2).unwrap(), r.get(3).unwrap()));
        }
    }
    let mut stmt = conn
        .prepare("SELECT meeting_id, topic_key FROM meeting_topics")
        .unwrap();
    let mut q = stmt.query([]).unwrap();
    while let Some(r) = q.next().unwrap() {
        if let Some(row) = rows.get_mut(&r.get::<_, i64>(0).unwrap()) {
            row.topics.push(r.get(1).unwrap());
        }
    }
    rows.into_values().collect()
}

/// Whether `row` passes `filter` leaving out `skip`'s selection (no text filters here).
fn passes(row: &Row, filter: &Filter, skip: Option<query::Facet>) -> bool {
    use query::Facet as F;
    let any = |set: &std::collections::BTreeSet<String>, mut vals: Vec<&str>| {
        set.is_empty() || vals.drain(..).any(|v| set.contains(v))
    };
    let kinds: std::collections::BTreeSet<String> = filter
        .kinds
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    (skip == Some(F::Officials)
        || any(
            &filter.officials,
            row.people.iter().map(|p| p.0.as_str()).collect(),
        ))
        && (skip == Some(F::Bodies)
            || any(
                &filter.bodies,
                row.people.iter().filter_map(|p| p.1.as_deref()).collect(),
            ))
        && (skip == Some(F::Countries)
            || any(
                &filter.countries,
                row.people.iter().map(|p| p.2.as_str()).collect(),
            ))
        && (skip == Some(F::Topics)
            || any(
                &filter.topics,
                row.topics.iter().map(String::as_str).collect(),
            ))
        && (skip == Some(F::Places)
            || filter.places.is_empty()
            || row
                .place
                .as_ref()
                .is_some_and(|p| filter.places.contains(p)))
        && (skip == Some(F::Kinds) || kinds.is_empty() || kinds.contains(&row.kind))
        && filter.from.is_none_or(|d| {
            row.date
                .as_deref()
                .is_some_and(|x| x >= d.format("%Y-%m-%d").to_string().as_str())
        })
        && filter.to.is_none_or(|d| {
            row.date
                .as_deref()
                .is_some_and(|x| x <= d.format("%Y-%m-%d").to_string().as_str())
        })
        && (!filter.exclude_undated || row.date.is_some())
        && (!filter.exclude_announced || row.status == "held")
}

/// Facet counts and the year histogram counted naively: distinct events per value over the rows
/// that pass the other facets' selections.
fn naive_facets(rows: &[Row], filter: &Filter) -> query::Facets {
    use std::collections::{BTreeMap, BTreeSet};
    let mut values = Vec::new();
    for f in query::Facet::ALL {
        let mut events: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
        for r in rows.iter().filter(|r| passes(r, filter, Some(f))) {
            let keys: Vec<String> = match f {
                query::Facet::Officials => r
                    .people
                    .iter()
                    .map(|p| p.0.clone())
                    .filter(|k| !k.starts_with("unnamed:"))
                    .collect(),
                query::Facet::Bodies => r.people.iter().filter_map(|p| p.1.clone()).collect(),
                query::Facet::Countries => r
                    .people
                    .iter()
                    .map(|p| p.2.clone())
                    .filter(|c| !c.is_empty())
                    .collect(),
                query::Facet::Topics => r.topics.clone(),
                query::Facet::Places => r.place.iter().cloned().collect(),
                query::Facet::Kinds => vec![r.kind.clone()],
            };
            for k in keys {
                events.entry(k).or_default().insert(r.event);
            }
        }
        let mut list: Vec<(String, i64)> = events
            .into_iter()
            .map(|(k, e)| (k, e.len() as i64))
            .collect();
        list.sort();
        values.push((
            f,
            list.into_iter()
                .map(|(key, count)| query::FacetValue {
                    key,
                    label_en: String::new(),
                    label_ar: String::new(),
                    count,
                })
                .collect(),
        ));
    }
    let mut latest: BTreeMap<i64, Option<String>> = BTreeMap::new();
    for r in rows.iter().filter(|r| passes(r, filter, None)) {
        let e = latest.entry(r.event).or_insert(None);
        if r.date > *e {
            e.clone_from(&r.date);
        }
    }
    let mut per_year: BTreeMap<i32, i64> = BTreeMap::new();
    let mut undated = 0;
    for d in latest.values() {
        match d {
            Some(d) => *per_year.entry(d[..4].parse().unwrap()).or_default() += 1,
            None => undated += 1,
        }
    }
    query::Facets {
        values,
        per_year: per_year.into_iter().collect(),
        undated,
    }
}

/// `facets` with labels dropped and each facet's values by key (to compare with the naive count).
fn by_key(f: &query::Facets) -> query::Facets {
    query::Facets {
        values: f
            .values
            .iter()
            .map(|(facet, list)| {
                let mut list: Vec<query::FacetValue> = list
                    .iter()
                    .map(|v| query::FacetValue {
                        label_en: String::new(),
                        label_ar: String::new(),
                        ..v.clone()
                    })
                    .collect();
                list.sort_by(|a, b| a.key.cmp(&b.key));
                (*facet, list)
            })
            .collect(),
        per_year: f.per_year.clone(),
        undated: f.undated,
    }
}

/// Pages, counts and facets on the dev and dev2 corpora: every page size concatenates to the
/// full timeline; facet counts (precomputed or live) equal a naive count over the report rows.
#[test]
fn pages_and_facets_on_the_corpora_equal_the_full_queries() {
    let (_dir, db) = corpora_archive();
    let store = arshif::store::Store::open(&db).unwrap();
    let filters = corpus_filters(&store);
    let rows = naive_rows(&store);
    // The corpora: 51 + dev2's articles, several reports grouped into one meeting.
    let events: std::collections::BTreeSet<i64> = rows.iter().map(|r| r.event).collect();
    assert!(
        rows.len() > events.len() + 5,
        "{} rows, {} events",
        rows.len(),
        events.len()
    );
    let full = query::timeline(&store, &Filter::default()).unwrap();
    assert_eq!(full.len(), events.len());
    for filter in &filters {
        check_pages(&store, filter);
        let fresh = query::facets(&store, filter).unwrap();
        if filter.text.is_none() {
            assert_eq!(
                by_key(&fresh),
                by_key(&naive_facets(&rows, filter)),
                "{filter:?}"
            );
        }
        // Counted live (as after a change the grouping has not seen yet): the same values and
        // labels.
        crate::common::sql(&store)
            .execute("UPDATE facet_cache_state SET fresh = 0", [])
            .unwrap();
        assert_eq!(query::facets(&store, filter).unwrap(), fresh, "{filter:?}");
        check_pages(&store, filter);
        crate::common::sql(&store)
            .execute("UPDATE facet_cache_state SET fresh = 1", [])
            .unwrap();
    }
    // The precomputed counts of the unfiltered archive are what a live count gives.
    let cached = query::facets(&store, &Filter::default()).unwrap();
    crate::common::sql(&store)
        .execute("UPDATE facet_cache_state SET fresh = 0", [])
        .unwrap();
    assert_eq!(query::facets(&store, &Filter::default()).unwrap(), cached);
    let officials = cached.of(query::Facet::Officials);
    assert!(
        officials
            .iter()
            .any(|v| v.key == "luciana_lamorgese" && v.count >= 3)
    );
}

/// Any write to a meeting marks the precomputed counts stale; the next grouping refreshes them.
#[test]
fn a_change_marks_the_precomputed_counts_stale() {
    let (_dir, db) = crate::common::temp_db();
    let (code, _, err) = crate::common::arshif(
        &db,
        &["import", crate::common::seed_path().to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let mut store = arshif::store::Store::open(&db).unwrap();
    let fresh = |store: &arshif::store::Store| -> i64 {
        crate::common::sql(store)
            .query_row("SELECT fresh FROM facet_cache_state", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(fresh(&store), 1);
    let before = query::facets(&store, &Filter::default()).unwrap();
    crate::common::sql(&store)
        .execute(
            "UPDATE meeting_topics SET topic_key = 'elections' WHERE rowid = (SELECT MIN(rowid) FROM meeting_topics)",
            [],
        )
        .unwrap();
    assert_eq!(fresh(&store), 0);
    let live = query::facets(&store, &Filter::default()).unwrap();
    assert_ne!(live, before);
    let tx = store.transaction().unwrap();
    arshif::edits::regroup(&tx).unwrap();
    tx.commit().unwrap();
    assert_eq!(fresh(&store), 1);
    assert_eq!(query::facets(&store, &Filter::default()).unwrap(), live);
}

/// An archive from before migration 7 (rows without an event, one grouped meeting of two
/// reports): after opening, every row has its event, the catch-up is due, the timeline pages.
#[test]
fn migration_7_sets_every_event_and_asks_for_a_regroup() {
    use arshif::store::{Store, migrations};
    let (_dir, db) = crate::common::temp_db();
    let mut conn = Store::open_unmigrated(&db).unwrap();
    let before = migrations::latest_version() - 1;
    rusqlite_migration::Migrations::new(migrations::all()[..before].to_vec())
        .to_latest(&mut conn)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO articles (id, headline, body, lang, content_hash, imported_at)
             VALUES (1, 'a', 'b', 'ar', 'h1', '2024-01-01T00:00:00Z'),
                    (2, 'c', 'd', 'ar', 'h2', '2024-01-01T00:00:00Z');
         INSERT INTO meetings (id, article_id, ordinal, kind, status, date, date_precision, confidence, extracted_at, event_id)
             VALUES (1, 1, 0, 'host', 'held', '2021-04-19', 'day', 0.9, 'x', 1),
                    (2, 2, 0, 'host', 'held', NULL, NULL, 0.9, 'x', 1),
                    (3, 2, 1, 'visit', 'held', '2020-01-02', 'day', 0.9, 'x', NULL);",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&db).unwrap();
    let sql = crate::common::sql(&store);
    let events: Vec<(i64, i64, Option<String>)> = sql
        .prepare("SELECT id, event_id, event_date FROM meetings ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        events,
        vec![
            (1, 1, Some("2021-04-19".into())),
            (2, 1, None),
            (3, 3, Some("2020-01-02".into()))
        ]
    );
    assert!(arshif::store::events::needs_grouping(&store).unwrap());
    let page = query::timeline_page(&store, &Filter::default(), 0, 10).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(
        page.rows
            .iter()
            .map(|m| (m.id, m.article_ids.clone()))
            .collect::<Vec<_>>(),
        vec![(1, vec![1, 2]), (3, vec![2])]
    );
    assert_eq!(
        page.rows,
        query::timeline(&store, &Filter::default()).unwrap()
    );
    // A row written afterwards is its own event at once.
    sql.execute(
        "INSERT INTO meetings (id, article_id, ordinal, kind, status, confidence, extracted_at)
         VALUES (4, 1, 1, 'visit', 'announced', 0.5, 'x')",
        [],
    )
    .unwrap();
    assert_eq!(arshif::store::events::event_of(&store, 4).unwrap(), Some(4));
    assert_eq!(
        query::timeline_count(&store, &Filter::default()).unwrap(),
        3
    );
}
