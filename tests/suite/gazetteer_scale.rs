//! The shipped gazetteer at scale (issue 9): at least 1,500 people, the round-3 lists load and are
//! found by the spellings articles use, and `assets/gazetteer/check.py` passes on the shipped
//! files and fails, naming the file and the entry, on each class of error it guards against.

use arshif::gazetteer::Gazetteer;
use arshif::gazetteer::lookup::person_by_name;
use std::path::{Path, PathBuf};
use std::process::Command;

fn gazetteer_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/gazetteer")
}

#[test]
fn shipped_gazetteer_holds_at_least_1500_people_most_with_term_dates() {
    let g = Gazetteer::shipped();
    assert!(g.people.len() >= 1500, "{} people", g.people.len());
    let dated = g
        .people
        .iter()
        .filter(|p| p.office.iter().any(|o| o.from.is_some()))
        .count();
    assert!(dated >= 1000, "{dated} people with a dated office");
    let libyans = g.people.iter().filter(|p| p.country == "LY").count();
    assert!(libyans >= 260, "{libyans} Libyan office-holders");
    // Every person has an Arabic name and at least one office with an Arabic role.
    for p in &g.people {
        assert!(!p.name_ar.is_empty(), "{} lacks name_ar", p.id);
        assert!(
            p.office.iter().all(|o| !o.role_ar.is_empty()),
            "{} has an office without role_ar",
            p.id
        );
    }
}

#[test]
fn round_three_officials_are_found_by_the_spellings_articles_use() {
    let g = Gazetteer::shipped();
    for (typed, id, country) in [
        ("بويكو بوريسوف", "boyko_borisov", "BG"),
        ("Boyko Borissov", "boyko_borisov", "BG"),
        ("خليفة الغويل", "khalifa_al_ghwell", "LY"),
        ("Khalifa Ghwell", "khalifa_al_ghwell", "LY"),
        ("يوها سيبيلا", "juha_sipila", "FI"),
        ("Miroslav Lajcak", "miroslav_lajcak", "SK"),
        ("ميروسلاف لايتشاك", "miroslav_lajcak", "SK"),
        ("الصديق الصور", "al_siddiq_al_sour", "LY"),
        ("يعقوب الحلو", "yacoub_el_hillo", "UN"),
        ("جينين بلاسخارت", "jeanine_hennis_plasschaert", "NL"),
    ] {
        let p = person_by_name(&g, typed).unwrap_or_else(|| panic!("{typed} is not found"));
        assert_eq!(p.id, id, "{typed}");
        assert_eq!(p.country, country, "{typed}");
    }
    // Term dates as the sources give them.
    let lajcak = g.person("miroslav_lajcak").unwrap();
    assert_eq!(lajcak.office[0].from.as_deref(), Some("2012-04-04"));
    let ratas = g.person("juri_ratas").unwrap();
    assert_eq!(ratas.office[0].from.as_deref(), Some("2016-11-23"));
    assert_eq!(ratas.office[0].to.as_deref(), Some("2021-01-14"));
    // A name that is also a common phrase is stored only in full: «صباح جمعة» is "Friday morning".
    let sabah = g.person("sabah_jumaa").unwrap();
    assert_eq!(sabah.name_ar, "صباح جمعة فرج");
    assert!(!sabah.aliases.iter().any(|a| a == "صباح جمعة"));
}

/// `python3` with `tomllib` (3.11+), as CI has it; `None` where the machine lacks it.
fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .args(["-c", "import tomllib"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    ok.then_some("python3")
}

fn run_check(dir: &Path) -> (bool, String, String) {
    let py = python().expect("python3 >= 3.11 (CI runs check.py with it)");
    let out = Command::new(py)
        .arg(dir.join("check.py"))
        .output()
        .expect("run check.py");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A copy of the shipped folder (all *.toml and check.py) to break on purpose.
fn copy_of_gazetteer() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(gazetteer_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".toml") || name == "check.py" {
            std::fs::copy(&path, tmp.path().join(&name)).unwrap();
        }
    }
    tmp
}

fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let mut body = std::fs::read_to_string(&path).unwrap();
    body.push_str(text);
    std::fs::write(path, body).unwrap();
}

#[test]
fn check_script_passes_on_the_shipped_files_and_counts_them() {
    if python().is_none() {
        eprintln!("python3 >= 3.11 missing: check.py not run here (CI runs it in .ci/run)");
        return;
    }
    let (ok, out, err) = run_check(&gazetteer_dir());
    assert!(ok, "check.py failed:\n{err}");
    let people: usize = out
        .lines()
        .find_map(|l| l.split("people: ").nth(1))
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no people count in:\n{out}"));
    assert_eq!(people, Gazetteer::shipped().people.len());
    assert!(people >= 1500, "{people}");
}

#[test]
fn check_script_names_each_class_of_error() {
    if python().is_none() {
        eprintln!("python3 >= 3.11 missing: check.py not run here (CI runs it in .ci/run)");
        return;
    }
    // An alias naming two people at overlapping dates.
    let tmp = copy_of_gazetteer();
    append(
        tmp.path(),
        "people_europe_more.toml",
        "\n[[person]]\nid = \"test_other_borisov\"\ncountry = \"BG\"\ngender = \"m\"\n\
         name_en = \"Test Person\"\nname_ar = \"شخص للاختبار\"\naliases = [\"Boyko Borisov\"]\n\n\
         [[person.office]]\nrole_en = \"Minister\"\nrole_ar = \"وزير\"\nbody = \"bg_government\"\n\
         from = \"2018-01-01\"\n",
    );
    let (ok, _, err) = run_check(tmp.path());
    assert!(!ok);
    assert!(
        err.contains(
            "'boyko borisov' names boyko_borisov (people_europe_more.toml) and test_other_borisov"
        ),
        "{err}"
    );

    // A Latin name in name_ar, a feminine role for a man, an unknown body and a partial date.
    let tmp = copy_of_gazetteer();
    append(
        tmp.path(),
        "people_libya_more.toml",
        "\n[[person]]\nid = \"test_bad_entry\"\ncountry = \"LY\"\ngender = \"m\"\n\
         name_en = \"Test Bad\"\nname_ar = \"Test Bad\"\n\n\
         [[person.office]]\nrole_en = \"Minister\"\nrole_ar = \"وزيرة الصحة\"\nbody = \"ly_nowhere\"\n\
         from = \"2016-01\"\n",
    );
    let (ok, _, err) = run_check(tmp.path());
    assert!(!ok);
    for want in [
        "people_libya_more.toml: test_bad_entry name_ar 'Test Bad' is not Arabic script",
        "people_libya_more.toml: test_bad_entry is m but office role_ar 'وزيرة الصحة' is feminine",
        "people_libya_more.toml: test_bad_entry office body 'ly_nowhere' is no [[body]] id",
        "people_libya_more.toml: test_bad_entry: '2016-01' is not an ISO date YYYY-MM-DD",
    ] {
        assert!(err.contains(want), "missing «{want}» in:\n{err}");
    }
}
