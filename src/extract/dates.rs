//! When a meeting took place: explicit dates, relative days resolved against the article's
//! date (or the one full date the text gives), coarse times that end the search, and the
//! pluperfect marking an earlier event. Date parsing itself is `crate::text::dates`.

use super::meeting::{DateHow, EntityRef, MeetingDate};
use super::merge::Draft;
use super::reader::Reader;
use crate::model::{DatePrecision, MeetingStatus};
use crate::text::relative::{self, Direction, RelativeKind};
use chrono::{Datelike, NaiveDate};
use std::ops::Range;

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// The first relative day of sentence `s` ([`relative::find_relative_days`]), with its span
    /// in the original text.
    pub(super) fn relative_in(&self, s: usize) -> Option<(relative::RelativeDay, Range<usize>)> {
        let span = self.doc.sent_span(s);
        let rel = relative::find_relative_days(&self.doc.text[span.clone()])
            .into_iter()
            .next()?;
        let r = span.start + rel.span.start..span.start + rel.span.end;
        Some((rel, r))
    }

    /// Sentence `s` places its event in time without a day: `Some(Some(..))` for a month written
    /// out ("July 2017", «أبريل 2021»; a bare year is more often another fact's), `Some(None)` for
    /// words such as «العام الماضي», «في وقت سابق», "last year", "earlier", «l'anno scorso», «in
    /// precedenza», "next month", «الشهر المقبل», «قريباً».
    #[allow(clippy::type_complexity)]
    pub(super) fn coarse_time(
        &self,
        s: usize,
    ) -> Option<Option<(NaiveDate, DatePrecision, Range<usize>)>> {
        let span = self.doc.sent_span(s);
        let text = &self.doc.text[span.clone()];
        if let Some(f) = crate::text::dates::find_dates(text, self.date)
            .into_iter()
            .find(|f| f.precision == DatePrecision::Month)
        {
            return Some(Some((
                f.date,
                f.precision,
                span.start + f.span.start..span.start + f.span.end,
            )));
        }
        let toks: Vec<&str> = self.doc.sents[s]
            .clone()
            .map(|t| self.doc.tok_str(t))
            .collect();
        let pair = |a: &[&str], b: &[&str]| {
            toks.windows(2)
                .any(|w| a.contains(&w[0]) && b.contains(&w[1]))
        };
        let marker = pair(
            &["العام", "الشهر", "السنه", "عام", "شهر"],
            &["الماضي", "المنصرم", "الفائت", "السابق", "الماضيه"],
        ) || pair(&["وقت", "فتره"], &["سابق", "سابقه"])
            // ... or ahead without a day: "الشهر المقبل", "next month", «il mese prossimo».
            || pair(
                &["العام", "الشهر", "الاسبوع", "الاسابيع", "الايام", "عام", "شهر"],
                &["المقبل", "القادم", "المقبله", "القادمه"],
            )
            || pair(&["next", "coming"], &["week", "weeks", "month", "months", "year"])
            || pair(&["mese", "settimana", "anno"], &["prossimo", "prossima"])
            || pair(&["last", "previous"], &["year", "month", "summer", "spring", "autumn", "winter"])
            || pair(&["anno", "mese"], &["scorso", "passato"])
            || pair(&["in"], &["precedenza", "passato"])
            || toks.iter().any(|w| {
                matches!(
                    *w,
                    "earlier" | "previously" | "ago" | "انذاك" | "سابقا" | "قريبا" | "soon"
                )
            });
        marker.then_some(None)
    }

    /// Sentence `s` places its event in the past apart from the article's news: the pluperfect
    /// ([`Self::is_earlier_event`]) or a past time without a day («في شهر يوليو الماضي», "last
    /// month", «lo scorso 4 maggio», "earlier this year", «l'anno scorso»).
    pub(super) fn is_past_background(&self, s: usize) -> bool {
        if self.is_earlier_event(s) {
            return true;
        }
        let toks: Vec<&str> = self.doc.sents[s]
            .clone()
            .map(|t| self.doc.tok_str(t))
            .collect();
        let pair = |a: &[&str], b: &[&str]| {
            toks.windows(2)
                .any(|w| a.contains(&w[0]) && b.contains(&w[1]))
        };
        toks.iter().any(|w| {
            matches!(
                *w,
                "الماضي" | "المنصرم" | "الفائت" | "الماضيه" | "scorso" | "scorsa" | "ago"
            )
        }) || pair(
            &["last"],
            &[
                "month", "year", "week", "summer", "spring", "autumn", "winter",
            ],
        ) || pair(&["earlier"], &["this"])
            || pair(&["in"], &["precedenza"])
            // "last December", «lo scorso dicembre», «en décembre dernier».
            || toks.windows(2).any(|w| {
                let month = crate::text::dates::month_name;
                matches!(w[0], "last" | "previous") && month(w[1]).is_some()
                    || month(w[0]).is_some() && matches!(w[1], "dernier" | "passe")
            })
    }

    /// Sentence `s` reports an event before the one the article is about: the Arabic pluperfect
    /// («وكانت لامورجيزي قد زارت»), "had met", «aveva incontrato».
    pub(super) fn is_earlier_event(&self, s: usize) -> bool {
        let r = self.doc.sents[s].clone();
        let toks: Vec<&str> = r.map(|t| self.doc.tok_str(t)).collect();
        let kana = toks.iter().position(|w| {
            matches!(
                *w,
                "كان" | "كانت" | "وكان" | "وكانت" | "فكان" | "فكانت" | "كانا" | "وكانا"
            )
        });
        let pluperfect_ar =
            kana.is_some_and(|k| toks[k + 1..(k + 6).min(toks.len())].contains(&"قد"));
        pluperfect_ar
            || toks.windows(2).any(|w| {
                matches!(w[0], "had" | "aveva" | "avevano")
                    && (w[1].ends_with("ed")
                        || w[1].ends_with("ato")
                        || w[1].ends_with("ata")
                        || matches!(w[1], "met" | "held" | "spoken"))
            })
    }

    pub(super) fn explicit_date(
        &self,
        s: usize,
    ) -> Option<(NaiveDate, DatePrecision, Range<usize>)> {
        let span = self.doc.sent_span(s);
        let text = &self.doc.text[span.clone()];
        let found = crate::text::dates::find_dates(text, self.date);
        let f = found
            .into_iter()
            .find(|f| f.precision == DatePrecision::Day)?;
        let mut date = f.date;
        // "On 15 and 16 October": the meeting starts on the first day.
        let before = &text[..f.span.start];
        let words: Vec<&str> = before.split_whitespace().collect();
        if words.len() >= 2
            && matches!(
                words[words.len() - 1],
                "and" | "e" | "و" | "-" | "–" | "to" | "al"
            )
            && let Ok(d0) = words[words.len() - 2].parse::<u32>()
            && let Some(nd) = date.with_day(d0)
            && nd < date
        {
            date = nd;
        }
        Some((
            date,
            f.precision,
            span.start + f.span.start..span.start + f.span.end,
        ))
    }

    /// Sentence `s` names a day of the month, with or without its year («le 7 février», "on 3
    /// May 2021"); a day-month without a year counts even in an undated article.
    pub(super) fn names_a_day(&self, s: usize) -> bool {
        let toks: Vec<&str> = self.doc.sents[s]
            .clone()
            .map(|t| self.doc.tok_str(t))
            .collect();
        let day = |w: &str| w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d));
        // French names are not in `month_name` (they need a year there: «mars», «mai»); after
        // a day number they are months.
        let french = [
            "janvier",
            "fevrier",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "aout",
            "septembre",
            "octobre",
            "novembre",
            "decembre",
        ];
        let month = |w: &str| {
            crate::text::dates::month_name(w).is_some()
                || french.contains(&crate::text::fold(w).as_str())
        };
        // «7 février», "May 3" (any year, or none).
        toks.windows(2)
            .any(|w| day(w[0]) && month(w[1]) || month(w[0]) && day(w[1]))
    }

    /// The day sentence `s` itself names for its event, for telling two meetings apart: its
    /// explicit date, else its relative day resolved against the article's date, else (undated
    /// article) the relative day's kind («أمس» and «اليوم» still differ). `None` when it names no day.
    pub(super) fn sentence_day(&self, s: usize) -> Option<SentenceDay> {
        if let Some((d, _, _)) = self.explicit_date(s) {
            return Some(SentenceDay::Date(d));
        }
        let (rel, _) = self.relative_in(s)?;
        Some(match self.date {
            Some(ad) => SentenceDay::Date(relative::resolve(&rel, ad).date),
            None => SentenceDay::Relative(rel.kind),
        })
    }

    /// Full (day-precision, year written) dates anywhere in the text, deduplicated.
    pub(super) fn full_dates_in_text(&self) -> Vec<NaiveDate> {
        let mut v: Vec<NaiveDate> = crate::text::dates::find_dates(self.doc.text, None)
            .into_iter()
            .filter(|f| f.precision == DatePrecision::Day)
            .map(|f| f.date)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The meeting's date, its status (a relative day ahead makes a held meeting announced) and
    /// whether its own sentences place it in time apart from the others (an earlier event, a
    /// coarse date), so that it takes no date or place from another meeting.
    pub(super) fn meeting_date(
        &self,
        d: &Draft,
        own: &[usize],
        scope: &[usize],
        text_dates: &[NaiveDate],
    ) -> (MeetingDate, MeetingStatus, bool) {
        let mut status = d.status;
        let announced = d.status == MeetingStatus::Announced;
        let mut date = MeetingDate {
            date: None,
            precision: None,
            how: DateHow::None,
            expression: None,
            span: None,
            weekday_conflict: false,
            candidates: Vec::new(),
        };
        let mut order: Vec<usize> = own.to_vec();
        order.retain(|&s| s != d.anchor && !self.is_backref(s));
        order.insert(0, d.anchor);
        let order_all: Vec<usize> = order
            .iter()
            .copied()
            .chain(scope.iter().copied().filter(|&s| !self.is_backref(s)))
            .collect();
        // The date comes from the first sentence that dates anything: the meeting's own
        // sentences first, then the sentences after it. A sentence of the meeting that
        // places it in time without a day ("في يوليو من العام الماضي", "earlier") ends the
        // search: another sentence's date belongs to another event.
        let mut earlier_event = false;
        // An earlier event («وكان ... قد», "had met") is dated by its own sentences only.
        let pluperfect = self.is_earlier_event(d.anchor);
        let search = if pluperfect { &order } else { &order_all };
        for &s in search {
            if let Some((nd, prec, span)) = self.explicit_date(s) {
                date.date = Some(nd);
                date.precision = Some(prec);
                date.how = DateHow::Explicit;
                date.expression = Some(self.doc.text[span.clone()].to_string());
                date.span = Some(span);
                break;
            }
            if let Some(inferred) = self.year_from_weekday(s, d) {
                date = inferred;
                break;
            }
            if let Some((rel, span)) = self.relative_in(s) {
                let future = matches!(
                    rel.kind,
                    RelativeKind::Tomorrow
                        | RelativeKind::Weekday {
                            direction: Direction::Next,
                            ..
                        }
                );
                // "غداً الاثنين", "الأحد المقبل", "tomorrow": still to come.
                if s == d.anchor && future && status == MeetingStatus::Held {
                    status = MeetingStatus::Announced;
                }
                date.expression = Some(self.doc.text[span.clone()].to_string());
                date.span = Some(span);
                match (self.date, text_dates) {
                    (Some(ad), _) => {
                        let (nd, conflict) = resolve_relative(&rel, ad, announced);
                        date.date = Some(nd);
                        date.precision = Some(DatePrecision::Day);
                        date.how = DateHow::RelativeToArticle;
                        date.weekday_conflict = conflict;
                    }
                    (None, [only]) if rel.kind == RelativeKind::Today => {
                        let (nd, conflict) = resolve_relative(&rel, *only, announced);
                        date.date = Some(nd);
                        date.precision = Some(DatePrecision::Day);
                        date.how = DateHow::RelativeToTextDate;
                        date.weekday_conflict = conflict;
                    }
                    _ => date.how = DateHow::RelativeUnresolved,
                }
                break;
            }
            if own.contains(&s)
                && let Some(coarse) = self.coarse_time(s)
            {
                earlier_event = true;
                if let Some((nd, prec, span)) = coarse {
                    date.date = Some(nd);
                    date.precision = Some(prec);
                    date.how = DateHow::Explicit;
                    date.expression = Some(self.doc.text[span.clone()].to_string());
                    date.span = Some(span);
                }
                break;
            }
        }
        earlier_event |= pluperfect && date.date.is_none();
        (date, status, earlier_event)
    }
}

impl<'e, 'd, 'a> Reader<'e, 'd, 'a> {
    /// Sentence `s` gives a day and month with a weekday but no year («الاثنين 6 فبراير»,
    /// «mardi 23 mars», "Wednesday, March 13") that the date parser could not date: the year is
    /// the one in which that day is that weekday, from [`FIRST_YEAR`] to the article's date (else
    /// to the end of this year), while every listed participant of `d` held an office
    /// ([`Self::in_office_on`]). One such day dates the meeting ([`DateHow::YearFromWeekday`]);
    /// none or several leave it undated with the days that fit ([`DateHow::YearUnresolved`]).
    /// Of several such expressions in the sentence, a held meeting takes the earliest dated one
    /// («rouvrira lundi 29 mars, a déclaré ... mardi 23 mars»: what is done precedes what is to
    /// come), an announced one the first.
    fn year_from_weekday(&self, s: usize, d: &Draft) -> Option<MeetingDate> {
        let span = self.doc.sent_span(s);
        let text = &self.doc.text[span.clone()];
        // No day without a digit (Arabic-Indic ones included): skip the parser.
        if !text.chars().any(char::is_numeric) {
            return None;
        }
        let found: Vec<_> = crate::text::dates::find_day_months(text)
            .into_iter()
            .filter(|dm| dm.weekday.is_some())
            .collect();
        if found.is_empty() {
            return None;
        }
        let last = self
            .date
            .or_else(|| NaiveDate::from_ymd_opt(chrono::Utc::now().year(), 12, 31))?;
        let fits: Vec<Vec<NaiveDate>> = found
            .iter()
            .map(|dm| {
                let weekday = dm.weekday.expect("filtered on a weekday");
                crate::text::dates::weekday_years(
                    dm.day,
                    dm.month,
                    weekday,
                    FIRST_YEAR..=last.year(),
                )
                .into_iter()
                .filter(|day| *day <= last && self.in_office_on(d, *day))
                .collect()
            })
            .collect();
        let held = d.status != MeetingStatus::Announced;
        let one = |i: &usize| fits[*i].len() == 1;
        let pick = if held {
            (0..found.len()).filter(one).min_by_key(|&i| fits[i][0])
        } else {
            (0..found.len()).find(one)
        }
        .unwrap_or(0);
        let dm = &found[pick];
        let span = span.start + dm.span.start..span.start + dm.span.end;
        let unique = fits[pick].len() == 1;
        Some(MeetingDate {
            date: unique.then(|| fits[pick][0]),
            precision: unique.then_some(DatePrecision::Day),
            how: if unique {
                DateHow::YearFromWeekday
            } else {
                DateHow::YearUnresolved
            },
            expression: Some(self.doc.text[span.clone()].to_string()),
            span: Some(span),
            weekday_conflict: false,
            candidates: if unique {
                Vec::new()
            } else {
                fits[pick].clone()
            },
        })
    }

    /// Every listed person among `d`'s parties held, on `day`, an office they may be named with
    /// in it: one of the body the text gives them, else any of theirs (an office without `from`
    /// or `to` is open on that side; a person without offices fits any day). Unlisted people and
    /// bodies do not constrain the day.
    fn in_office_on(&self, d: &Draft, day: NaiveDate) -> bool {
        let iso = day.format("%Y-%m-%d").to_string();
        d.parties.iter().all(|&pi| {
            let p = &self.parties[pi];
            let EntityRef::Known { id } = &p.key else {
                return true;
            };
            let Some(person) = self.person_pos(id).map(|i| &self.gaz().people[i]) else {
                return true;
            };
            let body = p.body.map(|b| self.gaz().bodies[b].id.as_str());
            let of_body: Vec<_> = person
                .office
                .iter()
                .filter(|o| body.is_some() && o.body.as_deref() == body)
                .collect();
            let offices: Vec<_> = if of_body.is_empty() {
                person.office.iter().collect()
            } else {
                of_body
            };
            offices.is_empty()
                || offices.iter().any(|o| {
                    o.from.as_deref().is_none_or(|f| f <= iso.as_str())
                        && o.to.as_deref().is_none_or(|t| t >= iso.as_str())
                })
        })
    }
}

/// The first year a day-month without a year is dated in ([`Reader::year_from_weekday`]): the
/// archive is about Libya after 2011.
pub(super) const FIRST_YEAR: i32 = 2011;

/// A day a sentence names ([`Reader::sentence_day`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SentenceDay {
    Date(NaiveDate),
    Relative(RelativeKind),
}

/// Two sentences name different days for their events (both name one, and they differ; a date
/// and an unresolved relative day cannot be compared).
pub(super) fn days_differ(a: Option<SentenceDay>, b: Option<SentenceDay>) -> bool {
    match (a, b) {
        (Some(SentenceDay::Date(x)), Some(SentenceDay::Date(y))) => x != y,
        // Undated article: «أمس» and «اليوم» differ, two weekday names differ, but a weekday
        // may be today («الثلاثاء» and "today" in a Tuesday article).
        (Some(SentenceDay::Relative(x)), Some(SentenceDay::Relative(y))) => match (x, y) {
            (
                RelativeKind::Weekday { weekday: a, .. },
                RelativeKind::Weekday { weekday: b, .. },
            ) => a != b,
            (RelativeKind::Weekday { .. }, _) | (_, RelativeKind::Weekday { .. }) => false,
            _ => x != y,
        },
        _ => false,
    }
}

/// Resolves a relative day against `base` ([`relative::resolve`]); for an announced meeting a
/// bare weekday ("يزور طرابلس الخميس") is the next such day, `base` included. Returns the date and
/// whether a stated weekday contradicts it.
pub(super) fn resolve_relative(
    rel: &relative::RelativeDay,
    base: NaiveDate,
    announced: bool,
) -> (NaiveDate, bool) {
    if announced
        && let RelativeKind::Weekday {
            weekday,
            direction: Direction::Unspecified,
        } = rel.kind
    {
        let ahead = (i64::from(weekday.num_days_from_monday())
            - i64::from(base.weekday().num_days_from_monday()))
        .rem_euclid(7);
        return (base + chrono::Duration::days(ahead), false);
    }
    let r = relative::resolve(rel, base);
    (r.date, r.weekday_conflict)
}
