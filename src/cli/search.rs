//! `arshif search`: ranked hits with snippets, marks in colour on a terminal.

use super::CliError;
use super::archive::open;
use crate::search::{self, Hit};
use serde_json::json;
use std::io::IsTerminal;
use std::path::Path;

/// A hit as `search --json` prints it.
pub fn hit_json(h: &Hit) -> serde_json::Value {
    json!({
        "id": h.id,
        "headline": h.headline.text,
        "date": h.date.map(|d| d.date.format("%Y-%m-%d").to_string()),
        "date_precision": h.date.map(|d| d.precision.as_str()).unwrap_or("unknown"),
        "lang": h.lang.code(),
        "outlet": h.outlet,
        "snippet": h.snippet.wrapped("[", "]"),
        "snippet_text": h.snippet.text,
        "snippet_marks": h.snippet.marks.iter().map(|m| [m.start, m.end]).collect::<Vec<_>>(),
        "headline_marks": h.headline.marks.iter().map(|m| [m.start, m.end]).collect::<Vec<_>>(),
        "score": h.score,
    })
}

/// `arshif search QUERY`: the top `limit` hits, or a JSON list of them.
pub(super) fn cmd_search(
    db: Option<&Path>,
    query: &str,
    limit: usize,
    json: bool,
) -> Result<(), CliError> {
    let store = open(db)?;
    let hits = search::search(&store, query, limit)?;
    if json {
        let list: Vec<_> = hits.iter().map(hit_json).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&list).expect("hits serialise")
        );
        return Ok(());
    }
    if hits.is_empty() {
        println!("no results for «{query}»");
        return Ok(());
    }
    let (open, close) = if std::io::stdout().is_terminal() {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    for h in &hits {
        let date = h
            .date
            .map(|d| d.date.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "undated".into());
        println!("#{:<5} {date}  {}", h.id, h.headline.wrapped(open, close));
        println!(
            "       {}",
            h.snippet.wrapped(open, close).replace('\n', " ")
        );
    }
    // At the limit there may be more: say so rather than give the limit as a total.
    if hits.len() >= limit {
        println!("the first {limit} results (--limit N shows more)");
    } else {
        println!(
            "{} result{}",
            hits.len(),
            if hits.len() == 1 { "" } else { "s" }
        );
    }
    Ok(())
}
