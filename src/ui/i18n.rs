//! The UI's words in English and Arabic. Keys are the English strings; Arabic is looked up by key.

use serde::{Deserialize, Serialize};

/// The UI language. Arabic also mirrors the layout (panels swap sides, text aligns right).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum UiLang {
    /// English, left to right.
    #[default]
    En,
    /// Arabic (العربية), right to left.
    Ar,
}

impl UiLang {
    /// True for right-to-left UI languages.
    pub fn rtl(self) -> bool {
        self == UiLang::Ar
    }
}

/// `key` (an English UI string) in `lang`; the key itself when no translation exists.
pub fn tr(lang: UiLang, key: &'static str) -> &'static str {
    if lang == UiLang::En {
        return key;
    }
    match key {
        "Search" => "بحث",
        "Search (Ctrl+F)" => "بحث (Ctrl+F)",
        "Import…" => "استيراد…",
        "Export…" => "تصدير…",
        "Language" => "اللغة",
        "Dark" => "داكن",
        "Light" => "فاتح",
        "Filters" => "عوامل التصفية",
        "Officials" => "المسؤولون",
        "Ministries and bodies" => "الوزارات والهيئات",
        "Countries" => "الدول",
        "Topics" => "المواضيع",
        "Places" => "الأماكن",
        "Meeting kind" => "نوع اللقاء",
        "Type to narrow" => "اكتب للتضييق",
        "Clear all" => "مسح الكل",
        "From" => "من",
        "To" => "إلى",
        "Dates (YYYY-MM-DD)" => "التواريخ (YYYY-MM-DD)",
        "Newest first" => "الأحدث أولاً",
        "Oldest first" => "الأقدم أولاً",
        "Undated" => "بلا تاريخ",
        "Libyan side" => "الجانب الليبي",
        "European side" => "الجانب الأوروبي",
        "reports" => "تقارير",
        "meetings" => "لقاءات",
        "of" => "من",
        "No meeting matches this filter." => "لا يوجد لقاء يطابق هذه التصفية.",
        "No meetings yet: import articles (Import…, Ctrl+I, or drop files here)." => {
            "لا لقاءات بعد: استورد مقالات (استيراد…، Ctrl+I، أو أفلت الملفات هنا)."
        }
        "Select a meeting to read its article." => "اختر لقاءً لقراءة مقاله.",
        "Cancel" => "إلغاء",
        "Close" => "إغلاق",
        "Dismiss" => "إخفاء",
        "No file dialog could be opened on this system (no desktop portal, no zenity). Type a path below, or drag files onto the window." => {
            "تعذر فتح نافذة اختيار الملفات على هذا النظام (لا توجد بوابة سطح مكتب ولا zenity). اكتب المسار أدناه، أو اسحب الملفات إلى النافذة."
        }
        "Path" => "المسار",
        "Import this path" => "استيراد هذا المسار",
        "Export to this path" => "تصدير إلى هذا المسار",
        // The Export popup: the formats by name (keys are `export::Format::description`).
        "Format" => "الصيغة",
        "File name" => "اسم الملف",
        "Save…" => "حفظ…",
        "CSV for spreadsheets (Excel, LibreOffice): UTF-8 with BOM" => {
            "CSV لجداول البيانات (Excel وLibreOffice): ترميز UTF-8 مع BOM"
        }
        "CSV, plain UTF-8 without BOM (scripts, other tools)" => {
            "CSV بترميز UTF-8 دون BOM (للبرامج النصية والأدوات الأخرى)"
        }
        "JSON: all meetings with participants, topics and articles" => {
            "JSON: كل اللقاءات بمشاركيها ومواضيعها ومقالاتها"
        }
        "JSON Lines: one meeting per line" => "JSON Lines: لقاء واحد في كل سطر",
        "iCalendar for calendar apps: dated meetings only" => {
            "iCalendar لتطبيقات التقويم: اللقاءات المؤرخة فقط"
        }
        "GeoJSON for maps (QGIS, web maps): meetings with a known place" => {
            "GeoJSON للخرائط (QGIS وخرائط الويب): اللقاءات المعروف مكانها"
        }
        "TimelineJS (Knight Lab) JSON to publish an interactive timeline" => {
            "TimelineJS (Knight Lab) بصيغة JSON لنشر خط زمني تفاعلي"
        }
        "HTML report: one self-contained page to share or print" => {
            "تقرير HTML: صفحة واحدة مستقلة للمشاركة أو الطباعة"
        }
        "Markdown report for notes (Obsidian, a wiki): one section a month" => {
            "تقرير Markdown للملاحظات (Obsidian أو ويكي): قسم لكل شهر"
        }
        "Drop files here to import them" => "أفلت الملفات هنا لاستيرادها",
        "Inbox folder…" => "مجلد الوارد…",
        "Articles saved into this folder are imported automatically." => {
            "تُستورد المقالات المحفوظة في هذا المجلد تلقائيًا."
        }
        "No inbox folder" => "لا يوجد مجلد وارد",
        "Choose folder…" => "اختيار مجلد…",
        "Stop watching" => "إيقاف المراقبة",
        "Watching" => "قيد المراقبة",
        "Watch this folder" => "مراقبة هذا المجلد",
        "Open an archive file to use an inbox folder." => "افتح ملف أرشيف لاستخدام مجلد الوارد.",
        "Source" => "المصدر",
        "Article" => "المقال",
        "day" => "يوم",
        "month" => "شهر",
        "year" => "سنة",
        "more" => "أخرى",
        "Correct this meeting" => "تصحيح هذا اللقاء",
        "Date" => "التاريخ",
        "Set date" => "تعيين التاريخ",
        "Not a Libyan–European meeting" => "ليس لقاءً ليبيًا أوروبيًا",
        "Remove" => "إزالة",
        "Undated: give the article's publication date so «today» resolves." => {
            "بلا تاريخ: أدخل تاريخ نشر المقال ليُفهم «اليوم»."
        }
        "Set article date…" => "تعيين تاريخ المقال…",
        "Type the article's date." => "اكتب تاريخ المقال.",
        "Undo" => "تراجع",
        "Redo" => "إعادة",
        "Saving" => "حفظ",
        "Loading…" => "جارٍ التحميل…",
        "Opening the archive…" => "جارٍ فتح الأرشيف…",
        "Import already running" => "الاستيراد جارٍ بالفعل",
        "Export already running" => "التصدير جارٍ بالفعل",
        "New archive already running" => "إنشاء الأرشيف الجديد جارٍ بالفعل",
        "Open archive already running" => "فتح الأرشيف جارٍ بالفعل",
        "The inbox folder dialog is already open" => "نافذة اختيار مجلد الوارد مفتوحة بالفعل",
        "A correction is already being saved" => "يجري حفظ تصحيح بالفعل",
        "A file dialog is already open: finish it first" => {
            "نافذة اختيار ملف مفتوحة بالفعل: أنهِها أولاً"
        }
        "Import running: wait for it to finish" => "الاستيراد جارٍ: انتظر حتى ينتهي",
        "Finding meetings: wait for it to finish" => "البحث عن اللقاءات جارٍ: انتظر حتى ينتهي",
        "Export running: wait for it to finish" => "التصدير جارٍ: انتظر حتى ينتهي",
        "Saving a correction: wait for it to finish" => "حفظ التصحيح جارٍ: انتظر حتى ينتهي",
        "The archive is open read-only" => "الأرشيف مفتوح للقراءة فقط",
        "Another Arshif is writing to this archive; waiting…" => {
            "نسخة أخرى من أرشيف تكتب في هذا الأرشيف؛ في الانتظار…"
        }
        "Waiting for the inbox folder's import…" => "في انتظار استيراد مجلد الوارد…",
        "Wait for the running job to finish." => "انتظر حتى تنتهي المهمة الجارية.",
        "File" => "ملف",
        "New archive…" => "أرشيف جديد…",
        "Open archive…" => "فتح أرشيف…",
        "Back up…" => "نسخ احتياطي…",
        "Restore from backup…" => "استعادة من نسخة احتياطية…",
        "Back up to this file" => "انسخ احتياطياً إلى هذا الملف",
        "Restore this backup" => "استعد هذه النسخة",
        "Restore from backup?" => "الاستعادة من النسخة الاحتياطية؟",
        "The archive will be replaced by the backup:" => "سيُستبدل الأرشيف بالنسخة الاحتياطية:",
        "The archive as it is now is kept beside it, as a copy named:" => {
            "يُحفظ الأرشيف بحالته الحالية بجانبه، في نسخة اسمها:"
        }
        "Restore" => "استعادة",
        "Restoring" => "جارٍ الاستعادة",
        "Backing up" => "جارٍ النسخ الاحتياطي",
        "Backup already running" => "النسخ الاحتياطي جارٍ بالفعل",
        "Restore already running" => "الاستعادة جارية بالفعل",
        "Backup running: wait for it to finish" => "النسخ الاحتياطي جارٍ: انتظر حتى ينتهي",
        "Restore running: wait for it to finish" => "الاستعادة جارية: انتظر حتى تنتهي",
        "Recent archives" => "الأرشيفات الأخيرة",
        "None yet" => "لا شيء بعد",
        "Create this archive" => "إنشاء هذا الأرشيف",
        "Open this archive" => "فتح هذا الأرشيف",
        "Announced" => "مُعلن عنه",
        "Cancelled" => "أُلغي",
        "Held" => "عُقد",
        "Meetings per year" => "اللقاءات في كل سنة",
        "Overview" => "نظرة عامة",
        "Facts" => "الوقائع",
        "Other meetings of the same officials" => "لقاءات أخرى للمسؤولين أنفسهم",
        "None" => "لا شيء",
        "Participant" => "مشارك",
        "Topic" => "الموضوع",
        "Evidence" => "الدليل",
        "Date note" => "مصدر التاريخ",
        "Click a highlighted name to filter by it." => "انقر على اسم مظلل للتصفية به.",
        "host" => "استقبال",
        "third location" => "لقاء في بلد ثالث",
        "Finding meetings" => "البحث عن اللقاءات",
        "Import" => "استيراد",
        "Export" => "تصدير",
        "problems" => "مشكلات",
        // The correction panel (src/ui/panels/edit/) and the status lines of edits.
        "Place" => "المكان",
        "Kind" => "النوع",
        "Participants" => "المشاركون",
        "New official…" => "مسؤول جديد…",
        "History" => "السجل",
        "Place:" => "المكان:",
        "No place" => "بلا مكان",
        "Type a place in Arabic or Latin letters" => "اكتب مكانًا بالعربية أو بالحروف اللاتينية",
        "Use «{}» as the place" => "اعتماد «{}» مكانًا",
        "Type to find a topic" => "اكتب للبحث عن موضوع",
        "Type a name in any script" => "اكتب اسمًا بأي خط",
        "Add participant" => "إضافة المشارك",
        "Role" => "الصفة",
        "Add alias…" => "إضافة تهجئة…",
        "Another spelling of {}:" => "تهجئة أخرى لاسم {}:",
        "Add alias" => "إضافة التهجئة",
        "Name in Arabic" => "الاسم بالعربية",
        "Name in Latin letters" => "الاسم بالحروف اللاتينية",
        "Ministry or body (optional)" => "الوزارة أو الهيئة (اختياري)",
        "Country" => "الدولة",
        "Add official" => "إضافة المسؤول",
        "After adding, every article is read again to find them." => {
            "بعد الإضافة، تُقرأ جميع المقالات من جديد للعثور عليه."
        }
        "No edits yet." => "لا توجد تعديلات بعد.",
        "(undone)" => "(تم التراجع عنه)",
        "(discarded)" => "(مُهمَل)",
        "(its meeting is gone)" => "(لقاؤه لم يعد موجودًا)",
        "consult" => "تشاور",
        "phone call" => "اتصال هاتفي",
        "visit" => "زيارة",
        "host a visit" => "استضافة زيارة",
        "meet at a third location" => "لقاء في بلد ثالث",
        "held" => "عُقد",
        "announced" => "أُعلن عنه",
        "cancelled" => "أُلغي",
        "undated" => "بلا تاريخ",
        "the meeting's date: {}" => "تاريخ اللقاء: {}",
        "the meeting's place: {}" => "مكان اللقاء: {}",
        "no place" => "بلا مكان",
        "the meeting's kind: {}" => "نوع اللقاء: {}",
        "the meeting's status: {}" => "حالة اللقاء: {}",
        "participant {} added" => "أُضيف المشارك {}",
        "participant {} removed" => "أُزيل المشارك {}",
        "topic {} added" => "أُضيف موضوع {}",
        "topic {} removed" => "أُزيل موضوع {}",
        "a Libyan–European meeting" => "لقاء ليبي أوروبي",
        "not a Libyan–European meeting" => "ليس لقاءً ليبيًا أوروبيًا",
        "the meeting confirmed" => "أُكّد اللقاء",
        "the meeting deleted" => "حُذف اللقاء",
        "merged with {} reports" => "دُمج مع {} تقارير",
        "copy" => "نسخة",
        "shown" => "المعروض",
        "Same meeting as the open one" => "اللقاء نفسه المفتوح في القارئ",
        "Different from the open meeting" => "لقاء مختلف عن المفتوح في القارئ",
        "Split into its reports" => "افصل تقاريره لقاءاتٍ مستقلة",
        "Open another meeting to merge or separate them" => "افتح لقاءً آخر لدمجهما أو الفصل بينهما",
        "marked different from {} reports" => "عُلّم مختلفًا عن {} تقارير",
        "split into {} reports" => "فُصل إلى {} تقارير",
        "a meeting added to article #{}" => "أُضيف لقاء إلى المقال رقم {}",
        "article #{} published {}" => "المقال رقم {} منشور في {}",
        "alias «{}» of {}" => "تهجئة «{}» لاسم {}",
        "new official {}" => "مسؤول جديد: {}",
        "Corrected" => "صُحّح",
        "Dated" => "أُرّخ",
        "Undone" => "تم التراجع",
        "Redone" => "أُعيد",
        "Added" => "أُضيف",
        "failed" => "فشل",
        "Nothing to undo" => "لا شيء للتراجع عنه",
        "Nothing to redo" => "لا شيء لإعادته",
        "Finding meetings again" => "البحث عن اللقاءات من جديد",
        "finding meetings again failed" => "فشل البحث عن اللقاءات من جديد",
        "{} articles read again" => "المقالات المُعاد قراءتها: {}",
        "found in {} meetings" => "عدد اللقاءات التي وُجد فيها: {}",
        "Back" => "رجوع",
        "Back to the timeline" => "العودة إلى الخط الزمني",
        "Who met whom" => "من التقى من",
        "No archive is open." => "لا أرشيف مفتوح.",
        "place unknown" => "مكان غير معروف",
        "source" => "المصدر",
        "sources" => "المصادر",
        "not in the gazetteer" => "غير مدرج في المعجم",
        "Did you mean" => "هل تقصد",
        "Roles" => "المناصب",
        "Meetings" => "اللقاءات",
        "Met" => "التقى",
        "Spellings seen" => "التهجئات الواردة",
        "People" => "الأشخاص",
        "Topics by year" => "المواضيع حسب السنة",
        "Officials most involved" => "أكثر المسؤولين مشاركة",
        "pairs who met" => "الأزواج الذين التقوا",
        "meeting" => "لقاء",
        _ => key,
    }
}

/// The status bar's notice for an inbox batch: "Inbox: imported 2 articles, 3 new meetings"
/// (then failures and repeats, when any) / «مجلد الوارد: استُورد 2 من المقالات، 3 من اللقاءات
/// الجديدة». `None` when the batch has nothing worth a notice (only files from an earlier run,
/// found again at start: see [`crate::inbox::InboxBatch::notable`]).
pub fn inbox_notice(lang: UiLang, batch: &crate::inbox::InboxBatch) -> Option<String> {
    use crate::import::Outcome;
    let count = |o: Outcome| batch.notable().filter(|f| f.outcome == o).count();
    let (imported, failed, repeated) = (
        count(Outcome::Imported),
        count(Outcome::Failed),
        count(Outcome::Duplicate),
    );
    if imported + failed + repeated == 0 {
        return None;
    }
    let meetings = batch.meetings_found;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = Vec::new();
    match lang {
        UiLang::En => {
            if imported > 0 {
                parts.push(format!(
                    "imported {}, {}",
                    plural(imported, "article", "articles"),
                    plural(meetings, "new meeting", "new meetings")
                ));
            }
            if failed > 0 {
                parts.push(format!("{failed} failed"));
            }
            if repeated > 0 {
                parts.push(format!("{repeated} already in the archive"));
            }
            Some(format!("Inbox: {}", parts.join("; ")))
        }
        UiLang::Ar => {
            // «N من ...» reads right for every number without the dual/plural agreement.
            if imported > 0 {
                parts.push(format!(
                    "استُورد {imported} من المقالات، {meetings} من اللقاءات الجديدة"
                ));
            }
            if failed > 0 {
                parts.push(format!("تعذّر استيراد {failed} من الملفات"));
            }
            if repeated > 0 {
                parts.push(format!("{repeated} من الملفات موجودة في الأرشيف"));
            }
            Some(format!("مجلد الوارد: {}", parts.join("؛ ")))
        }
    }
}

/// Month names in both languages: the exports' (one table for the app and the files).
pub use crate::export::{AR_MONTHS, EN_MONTHS};

/// "April 2021" / "أبريل 2021" for a timeline group header (`month` is 1-based).
pub fn month_year(lang: UiLang, year: i32, month: u32) -> String {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        UiLang::En => format!("{} {year}", EN_MONTHS[i]),
        UiLang::Ar => format!("{} {year}", AR_MONTHS[i]),
    }
}

/// Which noun [`count`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Noun {
    /// "report" / تقرير (articles reporting a meeting).
    Report,
    /// "meeting" / لقاء.
    Meeting,
    /// "article" / مقال.
    Article,
}

/// `n` things in `lang` with the right number: English "1 report" / "2 reports"; Arabic with
/// number agreement: 0 «لا تقارير», 1 «تقرير واحد», 2 «تقريران» (dual), 3–10 «3 تقارير» (plural),
/// 11–99 and every number ending in 11–99 «11 تقريرًا» (accusative singular), else «100 تقرير».
pub fn count(lang: UiLang, n: usize, noun: Noun) -> String {
    match lang {
        UiLang::En => {
            let (one, many) = match noun {
                Noun::Report => ("report", "reports"),
                Noun::Meeting => ("meeting", "meetings"),
                Noun::Article => ("article", "articles"),
            };
            format!("{n} {}", if n == 1 { one } else { many })
        }
        UiLang::Ar => {
            // (singular, dual, plural, accusative singular)
            let (one, two, plural, acc) = match noun {
                Noun::Report => ("تقرير", "تقريران", "تقارير", "تقريرًا"),
                Noun::Meeting => ("لقاء", "لقاءان", "لقاءات", "لقاءً"),
                Noun::Article => ("مقال", "مقالان", "مقالات", "مقالًا"),
            };
            let tail = n % 100;
            match n {
                0 => format!("لا {plural}"),
                1 => format!("{one} واحد"),
                2 => two.to_owned(),
                3..=10 => format!("{n} {plural}"),
                _ if (3..=10).contains(&tail) => format!("{n} {plural}"),
                _ if tail >= 11 => format!("{n} {acc}"),
                _ => format!("{n} {one}"),
            }
        }
    }
}

/// "19 April 2021" / "19 أبريل 2021" (day), "April 2021" (month) or "2021" (year).
pub fn date_text(
    lang: UiLang,
    date: chrono::NaiveDate,
    precision: crate::model::DatePrecision,
) -> String {
    use crate::model::DatePrecision;
    use chrono::Datelike;
    match precision {
        DatePrecision::Day => format!(
            "{} {}",
            date.day(),
            month_year(lang, date.year(), date.month())
        ),
        DatePrecision::Month => month_year(lang, date.year(), date.month()),
        DatePrecision::Year => date.year().to_string(),
    }
}

/// A meeting kind as the UI names it (`phone_call` → "phone call" / «اتصال هاتفي»).
pub fn kind_label(lang: UiLang, kind: crate::model::MeetingKind) -> &'static str {
    use crate::model::MeetingKind;
    tr(
        lang,
        match kind {
            MeetingKind::Consult => "consult",
            MeetingKind::PhoneCall => "phone call",
            MeetingKind::Visit => "visit",
            MeetingKind::Host => "host",
            MeetingKind::ThirdLocation => "third location",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn counts_agree_in_number() {
        let ar = |n| count(UiLang::Ar, n, Noun::Report);
        assert_eq!(ar(1), "تقرير واحد");
        assert_eq!(ar(2), "تقريران");
        assert_eq!(ar(3), "3 تقارير");
        assert_eq!(ar(10), "10 تقارير");
        assert_eq!(ar(11), "11 تقريرًا");
        assert_eq!(ar(99), "99 تقريرًا");
        assert_eq!(ar(100), "100 تقرير");
        assert_eq!(ar(103), "103 تقارير");
        assert_eq!(count(UiLang::Ar, 2, Noun::Meeting), "لقاءان");
        assert_eq!(count(UiLang::En, 1, Noun::Report), "1 report");
        assert_eq!(count(UiLang::En, 2, Noun::Report), "2 reports");
        assert_eq!(count(UiLang::En, 0, Noun::Meeting), "0 meetings");
    }

    #[test]
    fn dates_follow_their_precision() {
        use crate::model::DatePrecision;
        let d = chrono::NaiveDate::from_ymd_opt(2021, 4, 19).unwrap();
        assert_eq!(
            date_text(UiLang::Ar, d, DatePrecision::Day),
            "19 أبريل 2021"
        );
        assert_eq!(date_text(UiLang::En, d, DatePrecision::Month), "April 2021");
        assert_eq!(date_text(UiLang::En, d, DatePrecision::Year), "2021");
    }
}
