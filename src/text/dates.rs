//! Dates as they appear in Arabic, English and Italian news text.
//!
//! OWNER: text agent. This file is a stub with the agreed signatures; see ARCHITECTURE.md.

use crate::model::{ArticleDate, DatePrecision};
use chrono::NaiveDate;
use std::ops::Range;

/// A date found in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// The date; for `Month`/`Year` precision the missing parts are 1.
    pub date: NaiveDate,
    pub precision: DatePrecision,
    /// Byte range of the date expression in the text it was found in.
    pub span: Range<usize>,
}

/// Parses one date expression (a whole cell of `shared/cases/dates.tsv`). `reference` supplies the
/// year when the text has none ("Aug. 4"). Returns `None` when no date is recognised.
pub fn parse_date(text: &str, reference: Option<NaiveDate>) -> Option<(NaiveDate, DatePrecision)> {
    let _ = (text, reference);
    None
}

/// Every explicit date in `text`, in order of appearance.
pub fn find_dates(text: &str, reference: Option<NaiveDate>) -> Vec<FoundDate> {
    let _ = (text, reference);
    Vec::new()
}

/// The article date by the import's order of preference: dateline / explicit date in the headline
/// or lead, then a date in the file name. (Front matter is handled by `import`, which knows the
/// fields.) `Err` carries a human sentence saying why the article is undated.
pub fn article_date(
    headline: &str,
    body: &str,
    file_name: Option<&str>,
) -> Result<ArticleDate, String> {
    let _ = (headline, body, file_name);
    Err("no date in the headline, the lead or the file name".to_string())
}
