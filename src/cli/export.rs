//! `arshif export`: the meetings the filter flags select, written to a file through the one
//! export path ([`crate::pipeline::export_to_file`], also the app's), with the filter in words
//! ([`crate::pipeline::export::describe_filter`]) named as the app's chips name it.

use super::timeline::open_filtered;
use super::{CliError, FilterArgs};
use crate::export::{ExportOptions, Format, ReportLang};
use crate::gazetteer::Gazetteer;
use crate::model::MeetingKind;
use crate::pipeline::export::{describe_filter, kind_words};
use crate::query::{self, Facet, Filter};
use crate::store::Store;
use std::collections::HashMap;
use std::path::Path;

/// `arshif export --format FORMAT --out FILE [--lang en|ar] [filters]`.
///
/// # Errors
/// An unknown format or language, or a filter that matches nothing (usage, exit 2); the archive
/// or the file fails (exit 1).
pub(super) fn cmd_export(
    db: Option<&Path>,
    args: &FilterArgs,
    format: &str,
    lang: &str,
    out: &Path,
) -> Result<(), CliError> {
    let format: Format = format.parse().map_err(CliError::usage)?;
    let language = match lang.trim().to_ascii_lowercase().as_str() {
        "en" | "english" => ReportLang::En,
        "ar" | "arabic" => ReportLang::Ar,
        other => {
            return Err(CliError::Usage(format!(
                "unknown report language «{other}»: use en or ar"
            )));
        }
    };
    let (store, ex, filter) = open_filtered(db, args)?;
    let options = ExportOptions {
        language,
        filter_description: filter_in_words(&store, ex.gazetteer(), &filter, language)?,
        ..ExportOptions::default()
    };
    let summary = crate::pipeline::export_to_file(&store, &filter, format, &options, out)
        .map_err(CliError::failed)?;
    println!("{summary} → {}", out.display());
    Ok(())
}

/// `filter` in words, each value named as the app's filter chips name it: the archive's facet
/// labels, countries by their gazetteer names, kinds as the kind filter words them; a label
/// missing in `lang` falls back to the other language, then to the key.
fn filter_in_words(
    store: &Store,
    gaz: &Gazetteer,
    filter: &Filter,
    lang: ReportLang,
) -> Result<Option<String>, CliError> {
    let facets = query::facets(store, filter)?;
    let mut labels: HashMap<(Facet, String), (String, String)> = HashMap::new();
    for facet in Facet::ALL {
        for v in facets.of(facet) {
            labels.insert(
                (facet, v.key.clone()),
                (v.label_en.clone(), v.label_ar.clone()),
            );
        }
    }
    for c in &gaz.countries {
        labels.insert(
            (Facet::Countries, c.code.clone()),
            (c.name_en.clone(), c.name_ar.clone()),
        );
    }
    let label = |facet: Facet, key: &str| -> String {
        if facet == Facet::Kinds
            && let Some(kind) = MeetingKind::parse(key)
        {
            return kind_words(lang, kind).to_owned();
        }
        let Some((en, ar)) = labels.get(&(facet, key.to_owned())) else {
            return key.to_owned();
        };
        let (first, second) = match lang {
            ReportLang::En => (en, ar),
            ReportLang::Ar => (ar, en),
        };
        [first, second]
            .into_iter()
            .find(|l| !l.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    };
    Ok(describe_filter(filter, lang, &label))
}
