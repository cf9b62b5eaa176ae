//! Edits in words, in the UI language: what the status bar says after an edit and what the
//! History tab lists («مكان اللقاء: روما», "the meeting's place: Rome").
//!
//! Below both the worker (which words a finished edit) and the correction panel (its History
//! tab), so neither depends on the other.

use crate::edits::{DateValue, Edit, EntityKind, MeetingChange};
use crate::gazetteer::Gazetteer;
use crate::model::{DatePrecision, MeetingKind, MeetingStatus};
use crate::store::meetings::Named;
use crate::ui::i18n::{UiLang, tr};

/// The CAMEO words of a meeting kind (an [`tr`] key).
pub fn kind_words(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::Consult => "consult",
        MeetingKind::PhoneCall => "phone call",
        MeetingKind::Visit => "visit",
        MeetingKind::Host => "host a visit",
        MeetingKind::ThirdLocation => "meet at a third location",
    }
}

/// An edit in a few words in the UI language, as the status bar and the History tab show it
/// ("the meeting's place: Rome", «مكان اللقاء: روما»). `gaz` names people and topics the edit
/// holds only by key; without it the key is shown.
pub fn describe_edit(edit: &Edit, lang: UiLang, gaz: Option<&Gazetteer>) -> String {
    let t = |k: &'static str| tr(lang, k);
    let fill = |k: &'static str, v: &str| tr(lang, k).replacen("{}", v, 1);
    let date = |d: &Option<DateValue>| match d {
        None => t("undated").to_owned(),
        Some(d) => match d.precision {
            DatePrecision::Day => d.date.format("%Y-%m-%d").to_string(),
            DatePrecision::Month => d.date.format("%Y-%m").to_string(),
            DatePrecision::Year => d.date.format("%Y").to_string(),
        },
    };
    let named = |n: &Named| pick(lang, &n.name_en, &n.name_ar).to_owned();
    let person = |key: &str| {
        gaz.and_then(|g| g.person(key)).map_or(key.to_owned(), |p| {
            pick(lang, &p.name_en, &p.name_ar).to_owned()
        })
    };
    match edit {
        Edit::Meeting { change, .. } => match change {
            MeetingChange::Date(d) => fill("the meeting's date: {}", &date(d)),
            MeetingChange::Place(Some(p)) => fill("the meeting's place: {}", &named(p)),
            MeetingChange::Place(None) => fill("the meeting's place: {}", t("no place")),
            MeetingChange::AddParticipant(p) => {
                fill("participant {} added", pick(lang, &p.name_en, &p.name_ar))
            }
            MeetingChange::RemoveParticipant(key) => fill("participant {} removed", &person(key)),
            MeetingChange::AddTopic(n) => fill("topic {} added", &named(n)),
            MeetingChange::RemoveTopic(key) => {
                let label = gaz
                    .and_then(|g| g.topic(key))
                    .map_or(key.as_str(), |tp| pick(lang, &tp.label_en, &tp.label_ar));
                fill("topic {} removed", label)
            }
            MeetingChange::Kind(k) => fill(
                "the meeting's kind: {}",
                &format!("{} (CAMEO {})", t(kind_words(*k)), k.cameo_code()),
            ),
            MeetingChange::Status(s) => fill("the meeting's status: {}", t(status_words(*s))),
            MeetingChange::NotMeeting(true) => t("not a Libyan–European meeting").to_owned(),
            MeetingChange::NotMeeting(false) => t("a Libyan–European meeting").to_owned(),
            MeetingChange::Confirm => t("the meeting confirmed").to_owned(),
            MeetingChange::Delete => t("the meeting deleted").to_owned(),
            MeetingChange::SameMeeting(r) => fill("merged with {} reports", &(r.len()).to_string()),
            MeetingChange::DifferentMeeting(r) => {
                fill("marked different from {} reports", &(r.len()).to_string())
            }
            MeetingChange::SplitMeeting(r) => {
                fill("split into {} reports", &(r.len() + 1).to_string())
            }
        },
        Edit::AddMeeting { article_id, .. } => {
            fill("a meeting added to article #{}", &article_id.to_string())
        }
        Edit::ArticleDate {
            article_id,
            date: d,
        } => fill("article #{} published {}", &article_id.to_string()).replacen("{}", &date(d), 1),
        Edit::AddAlias { entity, key, alias } => {
            let name = match entity {
                EntityKind::Person => person(key),
                EntityKind::Place => gaz.and_then(|g| g.place(key)).map_or(key.clone(), |p| {
                    pick(lang, &p.name_en, &p.name_ar).to_owned()
                }),
                EntityKind::Body => gaz.and_then(|g| g.body(key)).map_or(key.clone(), |b| {
                    pick(lang, &b.name_en, &b.name_ar).to_owned()
                }),
            };
            fill("alias «{}» of {}", alias).replacen("{}", &name, 1)
        }
        Edit::AddOfficial { person } => fill(
            "new official {}",
            pick(lang, &person.name_en, &person.name_ar),
        ),
        Edit::Entity(e) => e.describe(),
    }
}

pub fn status_words(s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Held => "held",
        MeetingStatus::Announced => "announced",
        MeetingStatus::Cancelled => "cancelled",
    }
}

/// The name to show first in `lang`: Arabic in the Arabic UI when there is one, else English,
/// else whatever there is.
pub fn pick<'a>(lang: UiLang, en: &'a str, ar: &'a str) -> &'a str {
    if (lang.rtl() && !ar.is_empty()) || en.is_empty() {
        ar
    } else {
        en
    }
}
