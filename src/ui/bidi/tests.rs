use super::*;
use pretty_assertions::assert_eq;

/// The visual order of a single line as a string: what a reader sees from left to right, with
/// right-to-left letter pieces spelled out reversed (as the shaper will draw them).
fn visual(text: &str, base: Direction) -> Vec<String> {
    let level = match base {
        Direction::Ltr => Level::ltr(),
        Direction::Rtl => Level::rtl(),
    };
    let info = ParagraphBidiInfo::new(text, Some(level));
    visual_pieces(text, &info, 0..text.len(), &[])
        .into_iter()
        .map(|p| p.shaped)
        .collect()
}

#[test]
fn pure_arabic_words_are_reversed_letters_kept_logical() {
    // Each word stays in logical order (the shaper reverses and joins it); words go right to left.
    assert_eq!(
        visual("خالد مازن", Direction::Rtl),
        vec!["مازن", " ", "خالد"]
    );
}

#[test]
fn mixed_line_keeps_latin_and_digits_in_place() {
    let text = "وزيرة الداخلية الإيطالية لوتشانا لامورجيزي (Luciana Lamorgese) في طرابلس 2021";
    let v = visual(text, Direction::Rtl);
    assert_eq!(
        v,
        vec![
            "2021",
            " ",
            "طرابلس",
            " ",
            "في",
            " (",
            "Luciana Lamorgese",
            ") ",
            "لامورجيزي",
            " ",
            "لوتشانا",
            " ",
            "الإيطالية",
            " ",
            "الداخلية",
            " ",
            "وزيرة",
        ]
    );
}

#[test]
fn brackets_inside_rtl_are_mirrored() {
    // «(طرابلس)»: both brackets resolve to the RTL run; the logical ")" is drawn leftmost as "(".
    assert_eq!(
        visual("في (طرابلس) اليوم", Direction::Rtl),
        vec!["اليوم", " (", "طرابلس", ") ", "في"]
    );
    assert_eq!(mirror('«'), '»');
    assert_eq!(mirror('a'), 'a');
}

#[test]
fn arabic_indic_digits_are_pre_reversed_for_the_shaper() {
    let v = visual("عام ٢٠٢١ في", Direction::Rtl);
    assert_eq!(v, vec!["في", " ", "١٢٠٢", " ", "عام"]);
}

#[test]
fn arabic_inside_english_is_its_own_rtl_island() {
    let v = visual("Meeting in طرابلس الغرب today", Direction::Ltr);
    assert_eq!(v, vec!["Meeting in ", "الغرب", " ", "طرابلس", " today"]);
}

#[test]
fn bidi_controls_steer_but_are_not_drawn() {
    // A file name isolated with LRI…PDI stays in one left-to-right piece inside Arabic.
    let v = visual("المصدر: \u{2066}000_3dc5.txt\u{2069}", Direction::Rtl);
    assert_eq!(v, vec!["000_3dc5.txt", " :", "المصدر"]);
    // Without the isolate, UAX #9 moves the leading digits (what browsers show too).
    let v = visual("المصدر: 000_3dc5.txt", Direction::Rtl);
    assert_eq!(v, vec!["3dc5.txt", "_", "000", " :", "المصدر"]);
    assert_eq!(strip_controls("\u{200F}نص\u{200E}"), "نص");
}

#[test]
fn format_splits_cut_pieces() {
    let text = "بحث خالد مازن";
    let start = text.find("خالد").unwrap();
    let info = ParagraphBidiInfo::new(text, Some(Level::rtl()));
    let pieces = visual_pieces(text, &info, 0..text.len(), &[start, text.len()]);
    let shaped: Vec<_> = pieces.iter().map(|p| p.shaped.as_str()).collect();
    assert_eq!(shaped, vec!["مازن", " ", "خالد", " ", "بحث"]);
    assert_eq!(pieces[2].source, start..start + "خالد".len());
}

#[test]
fn lines_break_in_logical_order() {
    // Width = number of chars: the first line holds the *first* words of the sentence.
    let text = "وزير الداخلية خالد مازن في طرابلس";
    let lines = break_lines(text, 14.0, |s| s.chars().count() as f32);
    let got: Vec<&str> = lines.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(got, vec!["وزير الداخلية", "خالد مازن في", "طرابلس"]);
}

#[test]
fn overlong_word_gets_its_own_line_and_empty_text_one_empty_line() {
    let lines = break_lines("ab verylongword cd", 5.0, |s| s.chars().count() as f32);
    assert_eq!(lines, vec![0..2, 3..15, 16..18]);
    assert_eq!(break_lines("", 5.0, |s| s.len() as f32), vec![0..0]);
    assert_eq!(break_lines("a b", f32::INFINITY, |_| 1e9), vec![0..3]);
}

#[test]
fn first_strong_direction_finds_the_base() {
    assert_eq!(first_strong_direction("2021 طرابلس"), Some(Direction::Rtl));
    assert_eq!(
        first_strong_direction("(Luciana) طرابلس"),
        Some(Direction::Ltr)
    );
    assert_eq!(first_strong_direction("2021 -"), None);
    assert!(has_rtl("Tripoli طرابلس"));
    assert!(!has_rtl("Tripoli 2021"));
}
