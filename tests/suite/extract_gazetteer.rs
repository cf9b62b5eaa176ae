//! The gazetteer loader: shipped files, user additions passed in as data, error messages.

use arshif::extract::{EntityRef, Extractor};
use arshif::gazetteer::{Gazetteer, Person};
use std::collections::BTreeSet;

#[test]
fn shipped_gazetteer_is_consistent() {
    let g = Gazetteer::shipped();
    assert!(g.people.len() >= 150, "{} people", g.people.len());
    let ids: BTreeSet<&str> = g.topics.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), g.topics.len(), "topic ids are unique");
    for want in [
        "illegal_migration",
        "human_trafficking",
        "terrorism",
        "border_security",
        "coast_guard",
        "training",
        "security_agreements",
        "energy",
        "elections",
        "diplomatic_presence",
    ] {
        assert!(ids.contains(want), "topic {want}");
    }
    for p in &g.people {
        assert!(
            g.country(&p.country).is_some(),
            "{}: country {}",
            p.id,
            p.country
        );
        for o in &p.office {
            if let Some(b) = &o.body {
                assert!(g.body(b).is_some(), "{}: office body {b}", p.id);
            }
        }
    }
    assert!(g.is_european("IT") && g.is_european("EU") && !g.is_european("LY"));
    assert!(!g.is_european("TR") && !g.is_european("UN"));
}

#[test]
fn a_user_addition_turns_a_new_name_into_a_known_person() {
    let text = "Libya and Malta discuss migration\nLibyan Deputy Interior Minister Salem Kashlaf met Joanna Borg Cutajar, the Maltese foreign minister, in Tripoli.";
    let mut g = Gazetteer::shipped();
    let before = Extractor::new(&g).extract(text, None);
    assert!(before[0].participants.iter().any(|p| p.entity
        == EntityRef::New {
            name: "Salem Kashlaf".into(),
            needs_review: true
        }));
    g.add_user(Gazetteer {
        people: vec![Person {
            id: "user_salem_kashlaf".into(),
            country: "LY".into(),
            name_en: "Salem Kashlaf".into(),
            name_ar: "سالم كشلاف".into(),
            aliases: vec!["Kashlaf".into()],
            ..Person::default()
        }],
        ..Gazetteer::default()
    })
    .unwrap();
    let after = Extractor::new(&g).extract(text, None);
    assert_eq!(after.len(), 1);
    assert!(after[0].participants.iter().any(|p| p.entity
        == EntityRef::Known {
            id: "user_salem_kashlaf".into()
        }));
}

#[test]
fn errors_name_the_file_and_the_problem() {
    let e = Gazetteer::from_sources(&[("my/people.toml", "[[person]]\nid = 3\n")]).unwrap_err();
    let m = e.to_string();
    assert!(
        m.contains("my/people.toml") && m.contains("not valid TOML"),
        "{m}"
    );
    let e = Gazetteer::from_sources(&[("extra.toml", "[[place]]\nname_en = \"Nowhere\"\n")])
        .unwrap_err()
        .to_string();
    assert!(e.contains("extra.toml") && e.contains("Nowhere"), "{e}");
}
