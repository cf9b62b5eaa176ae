//! The gazetteer: countries, bodies, people, places and topics that meeting extraction knows by
//! name (format: `assets/gazetteer/README.md`).
//!
//! A [`Gazetteer`] is plain data. It is built from TOML text ([`Gazetteer::from_sources`]), from a
//! folder of `*.toml` files ([`Gazetteer::from_dir`]) or from the files shipped inside the binary
//! ([`Gazetteer::shipped`]); the user's own additions (kept in the archive database by `store`) are
//! merged in as data with [`Gazetteer::add_user`]. Nothing here normalises or matches text: the
//! [`crate::extract::Extractor`] builds its automata from a gazetteer once.

pub mod latin;
pub mod lookup;

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

/// A country (ISO 3166-1 alpha-2 `code`; `EU` stands for the European Union's institutions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Country {
    pub code: String,
    /// A European country or the EU: the "European party" side of a meeting.
    pub european: bool,
    pub name_en: String,
    pub name_ar: String,
    pub name_it: String,
    pub aliases: Vec<String>,
    /// Nationality adjectives ("الإيطالي", "Italian", "italiano"), used in title constructions.
    pub adj_ar: Vec<String>,
    pub adj_en: Vec<String>,
    pub adj_it: Vec<String>,
}

/// A ministry, council, government, agency or institution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Body {
    pub id: String,
    /// Country code (`LY`, `IT`, `EU`, ...).
    pub country: String,
    /// ministry | council | government | parliament | agency | military | eu_institution | company | international
    pub kind: String,
    pub name_en: String,
    pub name_ar: String,
    pub name_it: String,
    pub aliases: Vec<String>,
    pub parent: Option<String>,
}

/// One office a person held (dates ISO `YYYY-MM-DD`, optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Office {
    pub role_en: String,
    pub role_ar: String,
    pub role_it: String,
    /// A body id from `bodies.toml`.
    pub body: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A known official.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Person {
    pub id: String,
    pub country: String,
    /// `f` or `m` (empty when unknown).
    pub gender: String,
    pub name_en: String,
    pub name_ar: String,
    pub name_it: String,
    /// Other spellings. Single-word aliases only count when the article names the person fully
    /// or gives a role next to the surname (enforced by extraction).
    pub aliases: Vec<String>,
    pub office: Vec<Office>,
    /// Set for user additions and for entities created from title constructions.
    pub needs_review: bool,
}

/// A place (city, site) with coordinates in degrees (WGS 84).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Place {
    pub id: String,
    pub country: String,
    pub name_en: String,
    pub name_ar: String,
    pub name_it: String,
    pub aliases: Vec<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The country's capital (used for "visited Libya" → Tripoli).
    pub capital: bool,
}

/// A topic of the controlled vocabulary with its cue phrases per language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Topic {
    pub id: String,
    pub label_en: String,
    pub label_ar: String,
    pub label_it: String,
    pub cues_ar: Vec<String>,
    pub cues_en: Vec<String>,
    pub cues_it: Vec<String>,
}

/// Everything extraction knows by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub bodies: Vec<Body>,
    pub people: Vec<Person>,
    pub places: Vec<Place>,
    pub topics: Vec<Topic>,
}

/// A gazetteer file that could not be read or parsed; the message names the file and the problem.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("cannot read gazetteer file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("gazetteer file {path} is not valid TOML for its kind: {message}")]
    Parse { path: String, message: String },
    #[error("gazetteer file {path}: {message}")]
    Invalid { path: String, message: String },
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FileShape {
    country: Vec<Country>,
    body: Vec<Body>,
    person: Vec<Person>,
    place: Vec<Place>,
    topic: Vec<Topic>,
}

/// The controlled topic vocabulary shipped with Arshif (owned by extraction).
pub const SHIPPED_TOPICS: &str = include_str!("../../assets/gazetteer/topics.toml");

impl Gazetteer {
    /// Builds a gazetteer from `(file name, TOML text)` pairs. Each text may hold any of the
    /// `[[country]]`, `[[body]]`, `[[person]]`, `[[place]]`, `[[topic]]` tables; the file name is
    /// only used in error messages. Later entries with an id already seen are merged (aliases and
    /// offices appended), so a user file can extend a shipped person.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer::default();
        for (name, text) in sources {
            let shape: FileShape = toml::from_str(text).map_err(|e| GazetteerError::Parse {
                path: (*name).to_string(),
                message: e.to_string(),
            })?;
            g.push(
                Gazetteer {
                    countries: shape.country,
                    bodies: shape.body,
                    people: shape.person,
                    places: shape.place,
                    topics: shape.topic,
                },
                name,
            )?;
        }
        Ok(g)
    }

    /// Reads every `*.toml` file of `dir` (sorted by name) with [`Gazetteer::from_sources`]. When
    /// the folder has no `topics.toml`, the shipped topic vocabulary is added.
    pub fn from_dir(dir: &Path) -> Result<Gazetteer, GazetteerError> {
        let rd = std::fs::read_dir(dir).map_err(|e| GazetteerError::Read {
            path: dir.display().to_string(),
            source: e,
        })?;
        let mut files: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut texts = Vec::new();
        for p in &files {
            let t = std::fs::read_to_string(p).map_err(|e| GazetteerError::Read {
                path: p.display().to_string(),
                source: e,
            })?;
            texts.push((p.display().to_string(), t));
        }
        let has_topics = files
            .iter()
            .any(|p| p.file_name().is_some_and(|n| n == "topics.toml"));
        let mut refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        if !has_topics {
            refs.push(("assets/gazetteer/topics.toml (shipped)", SHIPPED_TOPICS));
        }
        Gazetteer::from_sources(&refs)
    }

    /// The gazetteer compiled into the binary (`assets/gazetteer/*.toml`, see [`shipped_sources`]).
    pub fn shipped() -> Gazetteer {
        Gazetteer::from_sources(&shipped_sources())
            .expect("the shipped gazetteer files are checked by the test suite")
    }

    /// Merges the user's additions (people, bodies, places, ... kept in the archive database) over
    /// this gazetteer. Entries with a known id extend it (aliases, offices); new ids are added.
    /// User people are marked `needs_review = false` only if they say so.
    pub fn add_user(&mut self, additions: Gazetteer) -> Result<(), GazetteerError> {
        self.push(additions, "user additions")
    }

    fn push(&mut self, other: Gazetteer, name: &str) -> Result<(), GazetteerError> {
        let bad = |m: String| GazetteerError::Invalid {
            path: name.to_string(),
            message: m,
        };
        for c in other.countries {
            if c.code.is_empty() {
                return Err(bad(format!(
                    "a country has no code (name_en {:?})",
                    c.name_en
                )));
            }
            if let Some(o) = self.countries.iter_mut().find(|o| o.code == c.code) {
                o.aliases.extend(c.aliases);
                o.adj_ar.extend(c.adj_ar);
                o.adj_en.extend(c.adj_en);
                o.adj_it.extend(c.adj_it);
            } else {
                self.countries.push(c);
            }
        }
        for b in other.bodies {
            if b.id.is_empty() {
                return Err(bad(format!("a body has no id (name_en {:?})", b.name_en)));
            }
            if let Some(o) = self.bodies.iter_mut().find(|o| o.id == b.id) {
                o.aliases.extend(b.aliases);
            } else {
                self.bodies.push(b);
            }
        }
        for p in other.people {
            if p.id.is_empty() {
                return Err(bad(format!("a person has no id (name_en {:?})", p.name_en)));
            }
            if let Some(o) = self.people.iter_mut().find(|o| o.id == p.id) {
                o.aliases.extend(p.aliases);
                o.office.extend(p.office);
            } else {
                self.people.push(p);
            }
        }
        for p in other.places {
            if p.id.is_empty() {
                return Err(bad(format!("a place has no id (name_en {:?})", p.name_en)));
            }
            if let Some(o) = self.places.iter_mut().find(|o| o.id == p.id) {
                o.aliases.extend(p.aliases);
            } else {
                self.places.push(p);
            }
        }
        for t in other.topics {
            if t.id.is_empty() {
                return Err(bad(format!(
                    "a topic has no id (label_en {:?})",
                    t.label_en
                )));
            }
            if let Some(o) = self.topics.iter_mut().find(|o| o.id == t.id) {
                o.cues_ar.extend(t.cues_ar);
                o.cues_en.extend(t.cues_en);
                o.cues_it.extend(t.cues_it);
            } else {
                self.topics.push(t);
            }
        }
        Ok(())
    }

    /// The country with this code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }

    /// Whether `code` is a European country or the EU.
    pub fn is_european(&self, code: &str) -> bool {
        code == "EU" || self.country(code).is_some_and(|c| c.european)
    }

    /// The body with this id.
    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }

    /// The person with this id.
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// Index from id to position, for callers that look up many ids.
    pub fn person_index(&self) -> HashMap<&str, usize> {
        self.people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect()
    }
}

include!(concat!(env!("OUT_DIR"), "/gazetteer_files.rs"));

/// `(file name, TOML text)` of the gazetteer files compiled into the binary: every
/// `assets/gazetteer/*.toml`, in name order (the order [`Gazetteer::from_dir`] reads a folder in),
/// embedded by `build.rs`.
pub fn shipped_sources() -> Vec<(&'static str, &'static str)> {
    GAZETTEER_FILES.to_vec()
}
