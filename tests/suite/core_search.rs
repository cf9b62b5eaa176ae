//! Arabic search behaviour over a real archive file: shared/cases/search-variants.tsv,
//! shared/cases/hostile-queries.txt, ranking, and snippets on the original text.

use crate::common;

use arshif::model::Lang;
use arshif::search::search;
use arshif::store::{Inserted, NewArticle, Store};
use common::{shared, temp_db};

fn doc(headline: &str, body: &str) -> NewArticle {
    NewArticle {
        headline: headline.into(),
        body: body.into(),
        lang: Lang::Other,
        outlet: None,
        url: None,
        author: None,
        tags: vec![],
        date: None,
        date_note: None,
        source_path: None,
        source_encoding: None,
    }
}

fn insert(s: &Store, headline: &str, body: &str) -> i64 {
    match s.insert_article(&doc(headline, body)).unwrap() {
        Inserted::New(id) | Inserted::Duplicate { id, .. } => id,
    }
}

#[test]
fn every_search_variant_case_holds() {
    let text = std::fs::read_to_string(shared().join("cases/search-variants.tsv"))
        .expect("search-variants.tsv");
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let query = cols[0];
        let must = cols.get(1).copied().unwrap_or("").trim();
        let must_not = cols.get(2).copied().unwrap_or("").trim();
        // Headlines are neutral Latin letters that match none of the queries.
        let m = (!must.is_empty()).then(|| insert(&s, &format!("zz{n}a"), must));
        let x = (!must_not.is_empty()).then(|| insert(&s, &format!("zz{n}b"), must_not));
        cases.push((
            n + 1,
            query.to_string(),
            must.to_string(),
            m,
            must_not.to_string(),
            x,
        ));
    }
    assert!(
        cases.len() >= 26,
        "expected the whole table, got {} rows",
        cases.len()
    );
    let mut failures = Vec::new();
    for (line, query, must, m, must_not, x) in &cases {
        let ids: Vec<i64> = search(&s, query, 1000)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        if let Some(m) = m
            && !ids.contains(m)
        {
            failures.push(format!("line {line}: «{query}» did not find «{must}»"));
        }
        if let Some(x) = x
            && ids.contains(x)
        {
            failures.push(format!("line {line}: «{query}» wrongly found «{must_not}»"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_queries_never_error() {
    let text = std::fs::read_to_string(shared().join("cases/hostile-queries.txt"))
        .expect("hostile-queries.txt");
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    insert(
        &s,
        "Di Maio meets al-Menfi",
        "Lamorgese's visit on 2021.04.19 to طرابلس: NOT AND OR near(col:value) وزير\"الداخلية",
    );
    let mut n = 0;
    for q in text.lines() {
        n += 1;
        if let Err(e) = search(&s, q, 20) {
            panic!("query {q:?} failed: {e}");
        }
    }
    assert!(n >= 20, "only {n} hostile queries read");
    // Some of them are real words and must still find the article.
    for q in [
        "al-Menfi",
        "Lamorgese's",
        "2021.04.19",
        "NOT",
        "Di Maio -Lamorgese",
        "near(",
        "col:value",
        "^طرابلس",
        "وزير\"الداخلية",
    ] {
        assert_eq!(search(&s, q, 20).unwrap().len(), 1, "{q:?}");
    }
    for q in ["*", "(", "\"", "؟", "ـــــ", "       "] {
        assert!(search(&s, q, 20).unwrap().is_empty(), "{q:?}");
    }
}

#[test]
fn prefix_and_phrase_queries() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let a = insert(
        &s,
        "لقاء",
        "استقبل رئيس المجلس الرئاسي محمد المنفى وزير الخارجية الإيطالي",
    );
    let b = insert(&s, "خبر", "قال المجلس إن الرئاسي محمد سيزور روما");
    let ids = |q: &str| {
        search(&s, q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("\"المجلس الرئاسي\""), [a]);
    let mut both = ids("الرئاسي المجلس");
    both.sort();
    assert_eq!(both, [a, b]);
    assert_eq!(ids("الخارج*"), [a]);
    assert_eq!(ids("«رئيس المجلس الرئا»*"), [a]);
    assert!(ids("الخارج").is_empty());
}

#[test]
fn headline_hits_rank_above_body_hits() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let body_only = insert(
        &s,
        "خبر عن الاقتصاد",
        "ذكر التقرير غدامس مرة واحدة في نص طويل عن الاقتصاد والنفط والموانئ",
    );
    let headline = insert(
        &s,
        "وفد أوروبي في غدامس",
        "زار الوفد المدينة وبحث مع المسؤولين ملف الحدود والنفط والموانئ",
    );
    let hits = search(&s, "غدامس", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        [headline, body_only]
    );
    assert_eq!(hits[0].headline.marked_parts(), ["غدامس"]);
}

#[test]
fn snippets_mark_the_original_text_with_clitics_and_tashkeel() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let body = "وصلت الوزيرةُ بِطَرَابُلُس صباح اليوم لبحث مكافحة الهجرة غير الشَّرْعِيَّة مع نظيرها الليبي";
    insert(&s, "زيارة", body);
    let hits = search(&s, "طرابلس", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].snippet.marked_parts(), ["بِطَرَابُلُس"]);
    // The snippet is the stored text itself (cut after some context), not a normalised copy.
    assert!(
        body.starts_with(hits[0].snippet.text.trim_end_matches('…')),
        "{}",
        hits[0].snippet.text
    );
    let hits = search(&s, "الشرعية", 10).unwrap();
    assert_eq!(hits[0].snippet.marked_parts(), ["الشَّرْعِيَّة"]);
}

/// A query word carrying clitics finds the bare word too (a reader typing «بطرابلس» wants every
/// mention of Tripoli), in phrases as well; the hit is marked in the text as written.
#[test]
fn query_words_with_clitics_find_the_bare_word() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let bare = insert(&s, "zz1", "عقد الاجتماع في طرابلس صباح اليوم");
    let with = insert(&s, "zz2", "وصلت الوزيرة بطرابلس ظهرا");
    let other = insert(&s, "zz3", "زار الوزير بنغازي");
    let found = |q: &str| {
        let mut v: Vec<i64> = search(&s, q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect();
        v.sort();
        v
    };
    assert_eq!(found("بطرابلس"), [bare, with]);
    assert_eq!(found("وبطرابلس"), [bare, with]);
    assert_eq!(found("\"الاجتماع في بطرابلس\""), [bare]);
    assert_eq!(found("والاجتماع"), [bare]);
    assert!(!found("بطرابلس").contains(&other));
    let hit = search(&s, "بطرابلس", 10)
        .unwrap()
        .into_iter()
        .find(|h| h.id == bare)
        .unwrap();
    let marked: Vec<&str> = hit
        .snippet
        .marks
        .iter()
        .map(|r| &hit.snippet.text[r.clone()])
        .collect();
    assert_eq!(marked, ["طرابلس"]);
}
