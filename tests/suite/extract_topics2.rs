//! Topic precision (issue 9, class 6), one test per rule, each on sentences written for the test
//! (other officials and outlets' phrasing than the shared corpus): generic cues (relations,
//! cooperation) count only as what the talks were about; a cue inside a longer cue is the longer
//! one; a generic cue naming its field gives the field; a stability wish, an earlier event and
//! "of common interest" qualifying another subject give no topic; the road to elections is
//! elections.

use arshif::extract::{ExtractedMeeting, Extractor};
use arshif::gazetteer::Gazetteer;

fn extract(text: &str) -> Vec<ExtractedMeeting> {
    Extractor::new(&Gazetteer::shipped()).extract(text, None)
}

/// The topic ids of the first meeting of `text`, sorted.
fn topics(text: &str) -> Vec<String> {
    let ms = extract(text);
    assert!(!ms.is_empty(), "no meeting in {text}");
    let mut v: Vec<String> = ms[0].topics.iter().map(|t| t.id.clone()).collect();
    v.sort();
    v
}

/// Relations and cooperation are a topic when the meeting's talk is about them (a talk verb
/// before them, both sides as speakers, or "to strengthen / develop" them); praised, thanked
/// for, hoped for or named as a frame they are none.
#[test]
fn relations_count_only_as_what_the_talks_were_about() {
    // Arabic: discussed, then praised.
    let talked = "الدبيبة وتاياني يبحثان ملف الطاقة\nبحث رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة مع وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس العلاقات الثنائية وإمدادات الطاقة.";
    assert_eq!(topics(talked), ["bilateral_relations", "energy"]);
    let praised = "الدبيبة وتاياني يبحثان ملف الطاقة\nالتقى وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة، وبحثا إمدادات الطاقة. وأشاد تاياني بالعلاقات الثنائية المتميزة بين روما وطرابلس.";
    assert_eq!(topics(praised), ["energy"]);
    // English: a hope for relations; both sides stressing them.
    let hoped = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli on Monday to discuss energy supplies. Tajani said he hoped the visit would open a new phase in bilateral relations.";
    assert_eq!(topics(hoped), ["energy"]);
    let joint = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli on Monday. Both sides stressed the depth of bilateral relations and discussed energy supplies.";
    assert_eq!(topics(joint), ["bilateral_relations", "energy"]);
    // Italian: thanks for cooperation; the will to strengthen it.
    let thanked = "Tajani a Tripoli\nIl ministro degli Esteri Antonio Tajani ha incontrato a Tripoli il primo ministro libico Abdul Hamid Dbeibah. Nel corso del colloquio Tajani ha ringraziato Dbeibah per la collaborazione sull'energia.";
    assert_eq!(topics(thanked), ["energy"]);
    let strengthen = "Tajani a Tripoli\nIl ministro degli Esteri Antonio Tajani ha incontrato a Tripoli il primo ministro libico Abdul Hamid Dbeibah per rafforzare la cooperazione tra i due Paesi.";
    assert_eq!(topics(strengthen), ["bilateral_relations"]);
}

/// A generic cue joined by field words to another topic's cue gives that topic alone:
/// «التعاون في مكافحة الإرهاب» is terrorism, "cooperation in the field of border security" is
/// border security. Relations named apart from the field stay ("cooperation between the two
/// countries in health").
#[test]
fn cooperation_in_a_field_is_that_field() {
    let ar = "تاياني في طرابلس\nالتقى وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة، وبحثا التعاون في مكافحة الإرهاب.";
    assert_eq!(topics(ar), ["terrorism"]);
    let en = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli, where they discussed cooperation in the field of border security.";
    assert_eq!(topics(en), ["border_security"]);
    let apart = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli, where they discussed bilateral cooperation between the two countries in health.";
    assert_eq!(topics(apart), ["bilateral_relations", "health"]);
}

/// A cue inside a longer cue is read as the longer one: «الأمن» in «الأمن البحري», "security"
/// in "maritime security" are maritime security (coast guard), not security cooperation.
#[test]
fn a_cue_inside_a_longer_cue_is_the_longer_one() {
    let ar = "تاياني في طرابلس\nالتقى وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة، وناقشا الأمن البحري في المتوسط.";
    assert_eq!(topics(ar), ["coast_guard"]);
    let en = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli to discuss maritime security.";
    assert_eq!(topics(en), ["coast_guard"]);
}

/// Stability voiced as a wish («استقرار ليبيا ينعكس على استقرار المنطقة», "reaffirmed their
/// commitment to regional stability") is no regional topic; discussed, it is.
#[test]
fn a_stability_wish_is_no_topic() {
    let wish = "تاياني في طرابلس\nالتقى وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة، وبحثا إمدادات الطاقة. وأكد تاياني أن استقرار ليبيا ينعكس إيجابيا على استقرار المنطقة.";
    assert_eq!(topics(wish), ["energy"]);
    let wish_en = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli to discuss energy supplies. Both sides reaffirmed their commitment to regional stability.";
    assert_eq!(topics(wish_en), ["energy"]);
    let talked = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli, where they discussed regional stability and energy supplies.";
    assert_eq!(topics(talked), ["energy", "regional_situation"]);
}

/// «ذات الاهتمام المشترك» ("of common interest") names the issues discussed after «القضايا» or
/// «الملفات»; after an adjective («القضايا الاقتصادية ذات الاهتمام المشترك») it qualifies a
/// subject of its own and gives no relations topic.
#[test]
fn of_common_interest_after_a_subject_is_no_relations_topic() {
    let qualifies = "تاياني في طرابلس\nالتقى وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة، وناقشا ملف الطاقة والقضايا الاقتصادية ذات الاهتمام المشترك.";
    assert_eq!(topics(qualifies), ["energy"]);
    let issues = "تاياني في طرابلس\nالتقى وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة، وناقشا ملف الطاقة والملفات ذات الاهتمام المشترك.";
    assert_eq!(topics(issues), ["bilateral_relations", "energy"]);
}

/// A sentence telling an earlier event ("last month", «الشهر الماضي») gives its topics to that
/// event, not to a meeting still to come.
#[test]
fn an_earlier_event_gives_no_topic_to_the_meeting() {
    let ar = "تاياني يزور طرابلس الاثنين\nسيلتقي وزير الخارجية الإيطالي أنطونيو تاياني رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة في طرابلس يوم الاثنين لبحث إمدادات الطاقة. وكان الدبيبة قد زار روما الشهر الماضي وبحث فيها ملف الهجرة غير الشرعية.";
    assert_eq!(topics(ar), ["energy"]);
    let en = "Tajani to visit Tripoli\nItalian Foreign Minister Antonio Tajani will meet Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli on Monday to discuss energy supplies. Last month Dbeibah visited Rome, where illegal migration was on the agenda.";
    assert_eq!(topics(en), ["energy"]);
}

/// The road to elections is elections, not the political process in general («دعم المسار نحو
/// الانتخابات», "the road to elections").
#[test]
fn the_road_to_elections_is_elections() {
    let ar = "تاياني في طرابلس\nالتقى وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة. وشدد تاياني على ضرورة دعم المسار نحو الانتخابات في أقرب وقت.";
    assert_eq!(topics(ar), ["elections"]);
    let en = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli. Tajani stressed Italy's support for the road to elections.";
    assert_eq!(topics(en), ["elections"]);
}

/// Cooperation named as the frame of something else («برامج تدريب تأتي في إطار التعاون بين
/// البلدين», "as part of the partnership") is no relations topic: the talks were about that
/// something.
#[test]
fn cooperation_as_a_frame_is_no_relations_topic() {
    let ar = "تاياني في طرابلس\nالتقى وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة، وتطرق الجانبان إلى برامج التدريب التي تنفذ في إطار التعاون بين البلدين.";
    assert_eq!(topics(ar), ["training"]);
    let en = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli, where they discussed training courses funded as part of the partnership.";
    assert_eq!(topics(en), ["training"]);
}

/// Elections are narrow enough for one word to count in the sentences after the meeting's
/// report («والتحضير للانتخابات», "the elections planned for spring"); a broad one-word cue there
/// («التعاون») still does not.
#[test]
fn elections_count_in_the_meetings_later_sentences() {
    let ar = "تاياني في طرابلس\nالتقى وزير الخارجية الإيطالي أنطونيو تاياني في طرابلس رئيس حكومة الوحدة الوطنية عبد الحميد الدبيبة. وقال الوزير الإيطالي إن بلاده ستدعم التحضير للانتخابات المقبلة وتأمل في التعاون.";
    assert_eq!(topics(ar), ["elections"]);
    let en = "Tajani in Tripoli\nItalian Foreign Minister Antonio Tajani met Libyan Prime Minister Abdul Hamid Dbeibah in Tripoli on Monday. The Italian minister said Rome would back the elections planned for the spring.";
    assert_eq!(topics(en), ["elections"]);
}
