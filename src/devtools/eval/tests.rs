//! The harness's own rules: truth topic labels read through the mapping, then the cues.

use super::*;
use crate::gazetteer::Gazetteer;

fn ids(label: &str) -> Vec<String> {
    TopicMap::shipped().ids(label, &Gazetteer::shipped().topics)
}

#[test]
fn a_label_nobody_mapped_is_read_through_the_topic_cues() {
    // Labels of dev2's truth the mapping does not list (they used to be dropped, turning every
    // right prediction of them into a false positive).
    assert_eq!(ids("December elections"), ["elections"]);
    assert_eq!(ids("counter-terrorism"), ["terrorism"]);
    assert_eq!(
        ids("human trafficking and smuggling"),
        ["human_trafficking"]
    );
    assert!(ids("political and security developments").contains(&"security_cooperation".into()));
    // No cue, no topic.
    assert!(ids("Greek positions").is_empty());
}

#[test]
fn a_listed_label_keeps_its_mapping_even_when_empty() {
    assert_eq!(ids("diplomatic protocol"), Vec::<String>::new());
    assert_eq!(ids("Bilateral relations"), ["bilateral_relations"]);
}

#[test]
fn coordinated_modifiers_share_their_head() {
    assert_eq!(
        label_variants("political economic and security developments"),
        [
            " political economic and security developments ",
            " political developments ",
            " economic developments ",
            " security developments ",
        ]
    );
    // "and" with nothing after its second conjunct: nothing to share.
    assert_eq!(
        label_variants("border protection and management"),
        [" border protection and management "]
    );
}
