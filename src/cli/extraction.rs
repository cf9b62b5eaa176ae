//! `arshif reextract` and `arshif set-date`: the archive's meetings read again, after a rules or
//! gazetteer change or once an article has a date.

use super::CliError;
use super::archive::{archive_extractor, catch_up_with, no_article, open};
use super::timeline::print_article_meetings;
use crate::pipeline;
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// `arshif reextract`: every article read again ([`pipeline::reextract_all`]).
pub(super) fn cmd_reextract(db: Option<&Path>, json: bool) -> Result<(), CliError> {
    let mut store = open(db)?;
    let ex = archive_extractor(&store)?;
    let r = catch_up_with(&mut store, &ex, |store, ex, progress| {
        pipeline::reextract_all(store, ex, progress, &AtomicBool::new(false))
    })?;
    if json {
        println!("{}", serde_json::to_string(&r).expect("report serialises"));
    } else {
        println!(
            "{} articles read, {} meetings found",
            r.articles, r.meetings
        );
    }
    Ok(())
}

/// `arshif set-date ID DATE`: the article's date set by the user, its meetings re-dated.
///
/// # Errors
/// DATE is not a date (usage, exit 2); no article ID or the archive fails (exit 1).
pub(super) fn cmd_set_date(db: Option<&Path>, id: i64, date: &str) -> Result<(), CliError> {
    let Some((date, precision)) = crate::text::dates::parse_date(date, None) else {
        return Err(CliError::Usage(format!(
            "«{date}» is not a date Arshif can read (try YYYY-MM-DD)"
        )));
    };
    let mut store = open(db)?;
    if store.article(id)?.is_none() {
        return Err(no_article(&store, id));
    }
    let ex = archive_extractor(&store)?;
    pipeline::set_article_date(&mut store, &ex, id, date, precision)?;
    println!(
        "article #{id} dated {} ({})",
        date.format("%Y-%m-%d"),
        precision.as_str()
    );
    print_article_meetings(&store, id)
}
