//! Generated material: the benchmark corpus ([`Corpus`], `arshif bench`) and a big generated
//! archive for trying and measuring the timeline with many rows
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

/// One generated article of the benchmark corpus ([`corpus`]).
#[derive(Debug, Clone)]
pub struct CorpusArticle {
    /// File name (`000123_ar.md`), unique in the corpus.
    pub file: String,
    /// The headline (also the front matter's `title`).
    pub headline: String,
    /// The body, without the front matter.
    pub body: String,
    /// The whole file: YAML front matter (title, date, lang) then the body, as imported.
    pub text: String,
    /// How many meeting sentences were written into it (1 or 2).
    pub meetings_written: usize,
}

/// The material the corpus is drawn from: the shipped gazetteer's officials who have an office
/// with an Arabic role, its places and topics, and filler sentences (from the bundled sample
/// articles) in which the extractor finds no meeting.
struct Material {
    libyans: Vec<Official>,
    europeans: Vec<Official>,
    places: Vec<crate::gazetteer::Place>,
    topics: Vec<crate::gazetteer::Topic>,
    filler: [Vec<String>; 3],
}

/// An official and one office of theirs, with the dates it was held (clamped to 2011–2025).
struct Official {
    name_ar: String,
    name_en: String,
    role_ar: String,
    role_en: String,
    from: NaiveDate,
    to: NaiveDate,
}

const AR_DAYS: [&str; 7] = [
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
];

impl Material {
    fn new(extractor: &crate::extract::Extractor) -> anyhow::Result<Self> {
        let g = Gazetteer::shipped();
        let lo = NaiveDate::from_ymd_opt(2011, 1, 1).expect("a date");
        let hi = NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date");
        let parse = |d: &Option<String>| {
            d.as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        let officials = |pick: &dyn Fn(&crate::gazetteer::Person) -> bool| -> Vec<Official> {
            g.people
                .iter()
                .filter(|p| pick(p) && !p.name_ar.is_empty() && !p.name_en.is_empty())
                .filter_map(|p| {
                    let o = p.office.iter().find(|o| !o.role_ar.is_empty())?;
                    let from = parse(&o.from).unwrap_or(lo).clamp(lo, hi);
                    let to = parse(&o.to).unwrap_or(hi).clamp(from, hi);
                    Some(Official {
                        name_ar: p.name_ar.clone(),
                        name_en: p.name_en.clone(),
                        role_ar: o.role_ar.clone(),
                        role_en: o.role_en.clone(),
                        from,
                        to,
                    })
                })
                .collect()
        };
        let libyans = officials(&|p| p.country == "LY");
        let europeans = officials(&|p| g.is_european(&p.country));
        anyhow::ensure!(
            !libyans.is_empty() && !europeans.is_empty(),
            "the gazetteer has no Libyan or no European officials with an Arabic role"
        );
        // Filler names no official and no body: a sentence of the samples naming one would join
        // the generated officials into meetings no one wrote.
        let names: Vec<&str> = g
            .people
            .iter()
            .flat_map(|p| {
                [p.name_ar.as_str(), p.name_en.as_str(), p.name_it.as_str()]
                    .into_iter()
                    .chain(p.aliases.iter().map(String::as_str))
            })
            .chain(g.bodies.iter().flat_map(|b| {
                [b.name_ar.as_str(), b.name_en.as_str(), b.name_it.as_str()]
                    .into_iter()
                    .chain(b.aliases.iter().map(String::as_str))
            }))
            .filter(|n| n.chars().count() >= 4)
            .collect();
        let named = aho_corasick::AhoCorasick::new(&names)?;
        let mut filler: [Vec<String>; 3] = Default::default();
        for (name, bytes) in crate::import::samples::SAMPLES {
            let lang = match name {
                n if n.contains("_en_") => 1,
                n if n.contains("_it_") => 2,
                _ => 0,
            };
            let text = String::from_utf8_lossy(bytes);
            let body = text.rsplit("\n---\n").next().unwrap_or(&text);
            for s in body.split(['.', '\n']).map(str::trim) {
                if s.chars().count() > 40
                    && !s.starts_with('#')
                    && !named.is_match(s)
                    && extractor.extract(s, None).is_empty()
                {
                    filler[lang].push(s.to_owned());
                }
            }
        }
        anyhow::ensure!(
            filler.iter().all(|f| !f.is_empty()),
            "the bundled samples give no filler sentences in one of Arabic, English, Italian"
        );
        Ok(Self {
            libyans,
            europeans,
            places: g.places.clone(),
            topics: g.topics.clone(),
            filler,
        })
    }
}

/// A day the official held office: uniform in the office's dates.
fn day_in(rng: &mut Rng, o: &Official, other: &Official) -> NaiveDate {
    let from = o.from.max(other.from);
    let to = o.to.min(other.to);
    let (from, to) = if from <= to {
        (from, to)
    } else {
        (o.from, o.to)
    };
    let span = (to - from).num_days().max(0) as usize;
    from + chrono::Duration::days(rng.below(span + 1) as i64)
}

/// One meeting sentence in `lang` (0 Arabic, 1 English, 2 Italian); `today` writes the day as
/// «اليوم»/"today" (the article's date), else the full date is written.
fn meeting_sentence(
    m: &Material,
    rng: &mut Rng,
    lang: usize,
    ly: &Official,
    eu: &Official,
    day: NaiveDate,
    today: bool,
) -> String {
    let place = &m.places[rng.below(m.places.len())];
    let t1 = &m.topics[rng.below(m.topics.len())];
    let t2 = &m.topics[rng.below(m.topics.len())];
    let (d, mo, y) = (day.day(), day.month0() as usize, day.year());
    match lang {
        0 => {
            let when = if today {
                "اليوم".to_owned()
            } else {
                format!(
                    "يوم {} {d} {} {y}",
                    AR_DAYS[day.weekday().num_days_from_monday() as usize],
                    crate::export::AR_MONTHS[mo]
                )
            };
            match rng.below(3) {
                0 => format!(
                    "استقبل {} {}، {when}، في {}، {} {}، وبحث الطرفان {} و{}.",
                    ly.role_ar,
                    ly.name_ar,
                    place.name_ar,
                    eu.role_ar,
                    eu.name_ar,
                    t1.label_ar,
                    t2.label_ar
                ),
                1 => format!(
                    "التقى {} {} {when} في {} مع {} {}، وتناول اللقاء {}.",
                    eu.role_ar, eu.name_ar, place.name_ar, ly.role_ar, ly.name_ar, t1.label_ar
                ),
                _ => format!(
                    "بحث {} {} مع {} {}، {when}، في {}، سبل التعاون في مجال {}.",
                    ly.role_ar, ly.name_ar, eu.role_ar, eu.name_ar, place.name_ar, t1.label_ar
                ),
            }
        }
        1 => {
            let when = if today {
                "today".to_owned()
            } else {
                format!("on {} {d} {y}", crate::export::EN_MONTHS[mo])
            };
            let topic = |t: &crate::gazetteer::Topic| {
                t.cues_en.first().cloned().unwrap_or(t.label_en.clone())
            };
            match rng.below(2) {
                0 => format!(
                    "{} {} met {} {} in {} {when} to discuss {} and {}.",
                    ly.role_en,
                    ly.name_en,
                    eu.role_en,
                    eu.name_en,
                    place.name_en,
                    topic(t1),
                    topic(t2)
                ),
                _ => format!(
                    "{} {} received {} {} in {} {when} for talks on {}.",
                    eu.role_en,
                    eu.name_en,
                    ly.role_en,
                    ly.name_en,
                    place.name_en,
                    topic(t1)
                ),
            }
        }
        _ => {
            let when = if today {
                "oggi".to_owned()
            } else {
                format!("il {d} {} {y}", crate::text::dates::ITALIAN_MONTHS[mo])
            };
            let place = if place.name_it.is_empty() {
                &place.name_en
            } else {
                &place.name_it
            };
            let topic = t1.cues_it.first().cloned().unwrap_or(t1.label_it.clone());
            format!(
                "{} ha incontrato {when} a {place} {} libico {}: al centro dei colloqui {topic}.",
                eu.name_en, ly.role_en, ly.name_en
            )
        }
    }
}

/// The deterministic benchmark corpus, one article at a time (an iterator, so a corpus of any
/// size is never held in memory): `n` articles of about 3 KB (seven in ten Arabic, two English,
/// one Italian), each a `.md` file with a title, a publication date and a language, holding one
/// meeting sentence (half of them two) between a Libyan and a European official of the shipped
/// gazetteer (an office of theirs with an Arabic role, a day inside it, a shipped place and
/// topics), padded with sentences of the bundled samples in which the extractor finds no
/// meeting. The same seed gives the same corpus on every machine; serial numbers make every
/// article distinct (no duplicates).
pub struct Corpus {
    material: Material,
    rng: Rng,
    next: usize,
    n: usize,
}

impl Corpus {
    /// The corpus of `n` articles drawn with `seed`.
    ///
    /// # Errors
    /// The shipped gazetteer or the bundled samples lack what a corpus needs (officials with an
    /// Arabic role, filler in each language).
    pub fn new(n: usize, seed: u64) -> anyhow::Result<Self> {
        let ex = crate::extract::Extractor::new(&Gazetteer::shipped());
        Ok(Self {
            material: Material::new(&ex)?,
            rng: Rng(seed | 1),
            next: 0,
            n,
        })
    }

    fn article(&mut self, i: usize) -> CorpusArticle {
        let m = &self.material;
        let rng = &mut self.rng;
        let lang = match rng.below(10) {
            0..=6 => 0,
            7 | 8 => 1,
            _ => 2,
        };
        let ly = &m.libyans[rng.below(m.libyans.len())];
        let eu = &m.europeans[rng.below(m.europeans.len())];
        let day = day_in(rng, ly, eu);
        let today = rng.below(3) == 0;
        // Published on the meeting's day when the text says "today", else up to 3 days later.
        let published = if today {
            day
        } else {
            day + chrono::Duration::days(rng.below(4) as i64)
        };
        let first = meeting_sentence(m, rng, lang, ly, eu, day, today);
        let second = (rng.below(2) == 0).then(|| {
            let ly2 = &m.libyans[rng.below(m.libyans.len())];
            let eu2 = &m.europeans[rng.below(m.europeans.len())];
            let day2 = day_in(rng, ly2, eu2);
            meeting_sentence(m, rng, lang, ly2, eu2, day2, false)
        });
        let headline = match lang {
            0 => format!("{} يلتقي {} ({i})", ly.name_ar, eu.name_ar),
            1 => format!("{} meets {} ({i})", ly.name_en, eu.name_en),
            _ => format!("{} incontra {} ({i})", eu.name_en, ly.name_en),
        };
        let filler = &m.filler[lang];
        let mut body = String::with_capacity(3200);
        body.push_str(&first);
        body.push('\n');
        let mut sentences = 0;
        let mut second_written = second.is_none();
        while body.len() < 2900 {
            body.push_str(&filler[rng.below(filler.len())]);
            body.push_str(". ");
            sentences += 1;
            if sentences % 3 == 0 {
                body.push('\n');
                if let Some(s) = second.as_ref().filter(|_| !second_written) {
                    body.push_str(s);
                    body.push('\n');
                    second_written = true;
                }
            }
        }
        if let Some(s) = second.as_ref().filter(|_| !second_written) {
            body.push('\n');
            body.push_str(s);
        }
        body.push_str(&format!("\n{} {i}", ["رقم", "No.", "N."][lang]));
        let code = ["ar", "en", "it"][lang];
        let text = format!(
            "---\ntitle: \"{}\"\ndate: {}\nlang: {code}\n---\n{body}\n",
            headline.replace('"', "'"),
            published.format("%Y-%m-%d")
        );
        CorpusArticle {
            file: format!("{i:06}_{code}.md"),
            headline,
            body,
            text,
            meetings_written: 1 + usize::from(second.is_some()),
        }
    }
}

impl Iterator for Corpus {
    type Item = CorpusArticle;

    fn next(&mut self) -> Option<CorpusArticle> {
        if self.next >= self.n {
            return None;
        }
        let i = self.next;
        self.next += 1;
        Some(self.article(i))
    }
}

/// Splits a corpus file's text ([`CorpusArticle::text`]) into its title and body (the front
/// matter dropped); `None` when it has no front matter of that shape.
pub fn split_corpus_file(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\ntitle: \"")?;
    let (title, rest) = rest.split_once("\"\n")?;
    let (_, body) = rest.split_once("\n---\n")?;
    Some((title, body))
}

#[cfg(test)]
mod tests {
    #[test]
    fn corpus_is_deterministic_and_about_three_kilobytes() {
        let a: Vec<_> = super::Corpus::new(30, 7).unwrap().collect();
        let b: Vec<_> = super::Corpus::new(30, 7).unwrap().collect();
        assert_eq!(a.len(), 30);
        assert!(a.iter().zip(&b).all(|(x, y)| x.text == y.text));
        let mean = a.iter().map(|x| x.text.len()).sum::<usize>() / a.len();
        assert!((2800..3800).contains(&mean), "mean size {mean}");
        let written: usize = a.iter().map(|x| x.meetings_written).sum();
        assert!((35..=55).contains(&written), "{written} meetings written");
        assert!(a.iter().any(|x| x.file.ends_with("_en.md")));
        let (title, body) = super::split_corpus_file(&a[0].text).unwrap();
        assert_eq!(
            (title, body.trim_end()),
            (a[0].headline.as_str(), a[0].body.as_str())
        );
    }

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
