//! `arshif show`: one article, its meetings and where each fact came from.

use super::CliError;
use super::archive::{archive_extractor, catch_up, no_article, open};
use super::timeline::print_article_meetings;
use crate::query;
use crate::store::{Store, StoreError};
use std::path::Path;

/// `arshif show ID`: the article, then its meetings and the spans they came from.
///
/// # Errors
/// No article with this id, or the archive fails.
pub(super) fn cmd_show(db: Option<&Path>, id: i64, json: bool) -> Result<(), CliError> {
    let store = open(db)?;
    let Some(a) = store.article(id)? else {
        return Err(no_article(&store, id));
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&a).expect("article serialises")
        );
        return Ok(());
    }
    println!("#{}  {}", a.id, a.headline);
    match &a.date {
        Some(d) => println!(
            "date:     {} ({}, from {})",
            d.date.format("%Y-%m-%d"),
            d.precision.as_str(),
            d.source.as_str()
        ),
        None => println!("date:     undated"),
    }
    if let Some(n) = &a.date_note {
        println!("          {n}");
    }
    println!("language: {}", a.lang.code());
    for (k, v) in [
        ("outlet", &a.outlet),
        ("author", &a.author),
        ("url", &a.url),
        ("file", &a.source_path),
        ("encoding", &a.source_encoding),
    ] {
        if let Some(v) = v {
            println!("{:<9} {v}", format!("{k}:"));
        }
    }
    if !a.tags.is_empty() {
        println!("tags:     {}", a.tags.join(", "));
    }
    println!("imported: {}", a.imported_at);
    println!();
    println!("{}", a.body);
    println!();
    // The meetings found in it, and where each fact came from (byte spans into headline + "\n" + body).
    let mut store = store;
    let ex = archive_extractor(&store)?;
    catch_up(&mut store, &ex)?;
    print_article_meetings(&store, id)?;
    print_explanations(&store, id)
}

/// The facts of one article's meetings with their spans (for `show`): evidence sentences, the
/// participants' names as written, and the date's derivation.
fn print_explanations(store: &Store, id: i64) -> Result<(), CliError> {
    let meetings = crate::store::meetings::article_meeting_ids(store, id).map_err(report_error)?;
    for (mid, ordinal) in meetings {
        let sources = query::meeting_sources(store, mid)
            .map_err(report_error)?
            .unwrap_or_default();
        println!("meeting #{mid} ({} of this article):", ordinal + 1);
        if let Some(n) = sources.date_note {
            println!("  date: {}", crate::model::DateNote::parse(&n));
        }
        for (span, text) in sources.evidence {
            println!(
                "  from bytes {}..{}: «{}»",
                span.start,
                span.end,
                text.trim()
            );
        }
        for (written, en, span) in sources.named {
            let span = match span {
                Some(s) => format!(" at bytes {}..{}", s.start, s.end),
                None => String::new(),
            };
            println!("  «{written}» → {en}{span}");
        }
    }
    Ok(())
}

/// A database failure inside [`print_explanations`] as the command's error.
fn report_error(e: StoreError) -> CliError {
    CliError::from(e)
}
