//! What went wrong in one article, grouped by the kind of failure (issue 9's classes), for
//! people reading a failing run of `arshif eval`.

use serde::Serialize;

/// The kind of a failure, in the order a report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// Meetings found in an article that is not Libyan–European (Libya–Turkey in Rome, a
    /// minister speaking about Libya, ...).
    LookAlike,
    /// An article with one meeting (truth or predicted) whose meeting was missed or is extra,
    /// or a Libyan–European article where nothing was found.
    Meeting,
    /// An article with several meetings (truth or predicted) where they do not pair up.
    SeveralMeetings,
    /// A gazetteer official missed or extra.
    ListedOfficial,
    /// An official nobody listed (not in the gazetteer) missed, or a new entity extra.
    UnlistedOfficial,
    /// A predicted name sharing words with a missed truth name: read too long or too short.
    NameExtent,
    /// A matched meeting with the wrong date, or a dated truth meeting not matched.
    Date,
    /// A matched meeting's topics missed or extra.
    Topic,
    /// Another article reporting a common meeting not grouped with this one, or an article
    /// grouped with it that reports none (`same_meeting`).
    SameMeeting,
}

impl FailureKind {
    /// The heading a text report prints.
    pub fn heading(self) -> &'static str {
        match self {
            FailureKind::LookAlike => "look-alike",
            FailureKind::Meeting => "meeting",
            FailureKind::SeveralMeetings => "several meetings",
            FailureKind::ListedOfficial => "listed official",
            FailureKind::UnlistedOfficial => "official nobody listed",
            FailureKind::NameExtent => "name extent",
            FailureKind::Date => "date",
            FailureKind::Topic => "topics",
            FailureKind::SameMeeting => "same meeting",
        }
    }
}

/// One failure: its kind and what it is, in words ("missed خالد المشري").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub kind: FailureKind,
    pub what: String,
}

/// What went wrong in one article (for people reading a failing run).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleDiagnosis {
    pub file: String,
    pub truth_meetings: usize,
    pub predicted_meetings: usize,
    pub matched: usize,
    pub missed_people: Vec<String>,
    pub extra_people: Vec<String>,
    pub date_errors: Vec<String>,
    /// Per matched meeting with a difference: "meeting I: missed [..] extra [..]" (topic ids).
    pub topic_errors: Vec<String>,
    /// Every failure above, by kind (sorted by kind, then as found).
    pub failures: Vec<Failure>,
}

impl ArticleDiagnosis {
    /// Whether anything went wrong.
    pub fn failed(&self) -> bool {
        !self.failures.is_empty()
    }

    /// A text report: the file and its counts, then one indented line per failure kind
    /// ("  official nobody listed: missed X; extra Y").
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{}: {} of {} meetings matched ({} predicted)",
            self.file, self.matched, self.truth_meetings, self.predicted_meetings
        );
        let mut kinds: Vec<FailureKind> = self.failures.iter().map(|f| f.kind).collect();
        kinds.dedup();
        for k in kinds {
            let items: Vec<&str> = self
                .failures
                .iter()
                .filter(|f| f.kind == k)
                .map(|f| f.what.as_str())
                .collect();
            out.push_str(&format!("\n  {}: {}", k.heading(), items.join("; ")));
        }
        out
    }
}

/// Counts of failures by kind over many articles, for the summary line.
pub fn count_by_kind(diags: &[ArticleDiagnosis]) -> Vec<(FailureKind, usize)> {
    let mut counts: Vec<(FailureKind, usize)> = Vec::new();
    for f in diags.iter().flat_map(|d| &d.failures) {
        match counts.iter_mut().find(|(k, _)| *k == f.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.kind, 1)),
        }
    }
    counts.sort();
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_report_groups_failures_by_kind() {
        let d = ArticleDiagnosis {
            file: "209_ar.txt".into(),
            truth_meetings: 1,
            predicted_meetings: 1,
            matched: 1,
            missed_people: vec!["خالد المشري".into()],
            extra_people: vec![],
            date_errors: vec![],
            topic_errors: vec![],
            failures: vec![
                Failure {
                    kind: FailureKind::UnlistedOfficial,
                    what: "missed خالد المشري".into(),
                },
                Failure {
                    kind: FailureKind::Topic,
                    what: "meeting 0: extra [energy]".into(),
                },
            ],
        };
        assert_eq!(
            d.to_text(),
            "209_ar.txt: 1 of 1 meetings matched (1 predicted)\n  official nobody listed: \
             missed خالد المشري\n  topics: meeting 0: extra [energy]"
        );
        assert_eq!(
            count_by_kind(&[d]),
            vec![(FailureKind::UnlistedOfficial, 1), (FailureKind::Topic, 1)]
        );
    }
}
