use super::*;
use chrono::NaiveDate;

fn timeline_with_labels() -> Timeline {
    let mut t = Timeline::default();
    let labels = &mut t.facets.labels;
    labels.insert(
        (Facet::Officials, "luciana_lamorgese".into()),
        ("Luciana Lamorgese".into(), "لوتشانا لامورجيزي".into()),
    );
    labels.insert(
        (Facet::Countries, "IT".into()),
        ("Italy".into(), "إيطاليا".into()),
    );
    t
}

fn lamorgese_2021() -> Filter {
    let mut f = Filter::default();
    f.select(Facet::Officials, "luciana_lamorgese");
    f.from = NaiveDate::from_ymd_opt(2021, 1, 1);
    f.to = NaiveDate::from_ymd_opt(2021, 12, 31);
    f
}

#[test]
fn the_file_name_follows_the_filter_in_safe_characters() {
    let t = timeline_with_labels();
    let f = lamorgese_2021();
    assert_eq!(
        suggested_file_name(&f, &t, UiLang::En, Format::Html),
        "arshif-luciana-lamorgese-2021.html"
    );
    assert_eq!(
        suggested_file_name(&Filter::default(), &t, UiLang::En, Format::CsvExcel),
        "arshif.csv"
    );
    // Arabic stays (short vowels dropped); slashes, quotes and spaces never reach the name.
    let mut f = Filter::default();
    f.select(Facet::Countries, "IT");
    f.set_search_text(" الهِجرة / \"غير\" النظامية ");
    assert_eq!(
        suggested_file_name(&f, &t, UiLang::Ar, Format::Markdown),
        "arshif-إيطاليا-الهجرة-غير-النظامية.md"
    );
    f.from = NaiveDate::from_ymd_opt(2021, 3, 1);
    assert_eq!(
        suggested_file_name(&f, &t, UiLang::En, Format::ICalendar),
        "arshif-italy-from-2021-03-01-الهجرة-غير-النظامية.ics"
    );
}

#[test]
fn a_long_filter_is_cut_to_255_bytes_at_a_character_boundary() {
    let t = Timeline::default();
    let mut f = Filter::default();
    f.set_search_text(&"طرابلس ".repeat(60));
    let name = suggested_file_name(&f, &t, UiLang::Ar, Format::GeoJson);
    assert!(name.len() <= MAX_FILE_NAME_BYTES, "{}", name.len());
    assert!(name.len() > 200, "{}", name.len());
    assert!(name.ends_with(".geojson") && !name.contains("-."), "{name}");
}

#[test]
fn the_filter_in_words_is_what_the_chips_show() {
    let t = timeline_with_labels();
    let mut f = lamorgese_2021();
    f.set_search_text("الهجرة ");
    assert_eq!(
        filter_words(&f, &t, UiLang::En).as_deref(),
        Some("Luciana Lamorgese · 2021-01-01 – 2021-12-31 · «الهجرة»")
    );
    assert_eq!(
        filter_words(&f, &t, UiLang::Ar).as_deref(),
        Some("لوتشانا لامورجيزي · 2021-01-01 – 2021-12-31 · «الهجرة»")
    );
    assert_eq!(filter_words(&Filter::default(), &t, UiLang::En), None);
    let options = export_options(&f, &t, UiLang::Ar);
    assert_eq!(options.language, ReportLang::Ar);
    assert_eq!(options.generated_at, None);
}

#[test]
fn a_typed_extension_may_pick_the_format_and_a_missing_one_is_added() {
    let p = |s: &str| PathBuf::from(s);
    assert_eq!(
        format_for_path(&p("a.json"), Format::TimelineJs),
        Format::TimelineJs
    );
    assert_eq!(format_for_path(&p("a.csv"), Format::Csv), Format::Csv);
    assert_eq!(
        format_for_path(&p("a.JSON"), Format::CsvExcel),
        Format::Json
    );
    assert_eq!(format_for_path(&p("a.htm"), Format::Markdown), Format::Html);
    assert_eq!(
        format_for_path(&p("a.txt"), Format::Markdown),
        Format::Markdown
    );
    assert_eq!(format_for_path(&p("a"), Format::GeoJson), Format::GeoJson);
    assert_eq!(
        with_extension(p("/tmp/a"), Format::Markdown),
        p("/tmp/a.md")
    );
    assert_eq!(
        with_extension(p("/tmp/a.txt"), Format::Html),
        p("/tmp/a.txt")
    );
}

#[test]
fn every_format_has_an_arabic_row() {
    for f in Format::ALL {
        let ar = format_label(f, UiLang::Ar);
        assert!(crate::ui::bidi::has_rtl(&ar), "{f}: {ar}");
        assert!(ar.ends_with(&format!("(.{})", f.extension())), "{ar}");
    }
    assert_eq!(
        format_label(Format::Html, UiLang::En),
        "HTML report: one self-contained page to share or print (.html)"
    );
}
