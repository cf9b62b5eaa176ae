//! A big generated archive for trying and measuring the timeline with many rows
//! (`benches/ui_frames.rs`, and `ARSHIF_KEEP_ARCHIVE=big.sqlite cargo bench --bench ui_frames`
//! to keep one for `arshif --db big.sqlite`).
//!
//! Meetings are written straight into the meeting tables (no extraction: a 100,000-meeting
//! archive takes seconds, not minutes), drawn with a fixed seed from the shipped gazetteer:
//! a Libyan official and a European one with their first office's role and body, a place, one to
//! three topics, a date between 2011 and 2025 (day, month or year precision, a few undated), one
//! in twenty announced and one in a hundred cancelled. Ten meetings share an article, whose short
//! Arabic body names the officials, so the reader and the search have text to show.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::gazetteer::Gazetteer;
use crate::model::{DatePrecision, Lang, MeetingKind, MeetingStatus};
use crate::store::Store;
use crate::store::meetings::{Named, NewMeeting, NewTopic};

use super::rng::Rng;

/// Creates (or adds to) the archive at `path` with `meetings` generated meetings; returns how
/// many articles were written.
///
/// # Errors
/// The archive cannot be opened or written (the error names the file), or the shipped gazetteer
/// has no Libyan or no European officials.
pub fn archive(path: &Path, meetings: usize) -> anyhow::Result<usize> {
    use anyhow::Context as _;
    let g = Gazetteer::shipped();
    let libyans: Vec<_> = g.people.iter().filter(|p| p.country == "LY").collect();
    let europeans: Vec<_> = g
        .people
        .iter()
        .filter(|p| g.is_european(&p.country))
        .collect();
    anyhow::ensure!(
        !libyans.is_empty() && !europeans.is_empty(),
        "the gazetteer has no Libyan or no European officials"
    );
    let mut store = Store::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let version = crate::pipeline::extraction_version(&g);
    let mut rng = Rng(0x5DEE_CE66_D1CE_4E5B);
    let start = NaiveDate::from_ymd_opt(2011, 1, 1).expect("a date");
    let days = 15 * 365;
    let kinds = MeetingKind::ALL;
    let tx = store
        .transaction()
        .with_context(|| format!("cannot write to {}", path.display()))?;
    let mut articles = 0;
    let per_article = 10;
    let mut done = 0;
    while done < meetings {
        let n = per_article.min(meetings - done);
        let mut batch = Vec::with_capacity(n);
        let mut body = String::new();
        for _ in 0..n {
            let ly = libyans[rng.below(libyans.len())];
            let eu = europeans[rng.below(europeans.len())];
            let place = &g.places[rng.below(g.places.len())];
            let date = match rng.below(40) {
                0 => None,
                1..=3 => Some(DatePrecision::Month),
                4 => Some(DatePrecision::Year),
                _ => Some(DatePrecision::Day),
            }
            .map(|p| {
                let d = start + chrono::Duration::days(rng.below(days) as i64);
                let d = match p {
                    DatePrecision::Day => d,
                    DatePrecision::Month => d.with_day0(0).unwrap_or(d),
                    DatePrecision::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
                };
                (d, p)
            });
            let status = match rng.below(100) {
                0 => MeetingStatus::Cancelled,
                1..=5 => MeetingStatus::Announced,
                _ => MeetingStatus::Held,
            };
            let mut topics: Vec<NewTopic> = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let t = &g.topics[rng.below(g.topics.len())];
                if topics.iter().all(|x| x.topic.key != t.id) {
                    topics.push(NewTopic {
                        topic: Named {
                            key: t.id.clone(),
                            name_en: t.label_en.clone(),
                            name_ar: t.label_ar.clone(),
                        },
                        span: None,
                    });
                }
            }
            body.push_str(&format!(
                "التقى {} مع {} في {}.\n",
                ly.name_ar, eu.name_ar, place.name_ar
            ));
            batch.push(NewMeeting {
                kind: kinds[rng.below(kinds.len())],
                status,
                date,
                date_note: Some(crate::model::DateNote::Generated.to_string()),
                weekday_conflict: false,
                place: Some(Named {
                    key: place.id.clone(),
                    name_en: place.name_en.clone(),
                    name_ar: place.name_ar.clone(),
                }),
                confidence: 0.9,
                evidence: Vec::new(),
                participants: [ly, eu]
                    .into_iter()
                    .filter_map(|p| {
                        crate::edits::participant_from_gazetteer(&g, &p.id, date.map(|(d, _)| d))
                    })
                    .collect(),
                topics,
            });
        }
        let article = crate::store::NewArticle {
            headline: format!("لقاءات ليبية أوروبية (مجموعة {})", articles + 1),
            body,
            lang: Lang::Ar,
            outlet: Some("generated".into()),
            url: None,
            author: None,
            tags: Vec::new(),
            date: None,
            date_note: Some("generated".into()),
            source_path: Some(format!("generated/{:06}.txt", articles + 1)),
            source_encoding: Some("UTF-8".into()),
        };
        let id = match crate::store::insert_article(&tx, &article)
            .with_context(|| format!("cannot write to {}", path.display()))?
        {
            crate::store::Inserted::New(id) => id,
            crate::store::Inserted::Duplicate { id, .. } => id,
        };
        crate::store::meetings::replace_for_article(&tx, id, &batch, &version)
            .with_context(|| format!("cannot write to {}", path.display()))?;
        articles += 1;
        done += n;
    }
    tx.commit()
        .with_context(|| format!("cannot write to {}", path.display()))?;
    Ok(articles)
}

#[cfg(test)]
mod tests {
    #[test]
    fn generates_the_asked_number_of_meetings() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("big.sqlite");
        assert_eq!(super::archive(&db, 25).unwrap(), 3);
        let store = crate::store::Store::open(&db).unwrap();
        assert_eq!(crate::store::meetings::count_meetings(&store).unwrap(), 25);
        assert_eq!(store.count_articles().unwrap(), 3);
    }
}
