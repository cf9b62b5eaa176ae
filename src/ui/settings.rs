//! What the app remembers between runs (eframe persistence).

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::export::Format;
use crate::query::Filter;
use crate::ui::i18n::UiLang;

/// What is remembered between runs (eframe storage key [`SETTINGS_KEY`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// UI language.
    pub lang: UiLang,
    /// Dark theme.
    pub dark: bool,
    /// The filter in force, its order too.
    pub filter: Filter,
    /// Archive files opened lately, newest first (File ▸ Recent archives; at most
    /// [`RECENT_MAX`]).
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// The inbox folder, watched while the app runs: articles saved into it are imported
    /// (see [`crate::inbox`]). `None`: no inbox.
    #[serde(default)]
    pub inbox: Option<PathBuf>,
    /// The format chosen last in the Export popup, kept by its name ([`Format::name`]) so that
    /// settings stay readable when formats are added; `None`: none chosen yet (the popup then
    /// offers [`DEFAULT_EXPORT_FORMAT`]). Settings written before it existed load with `None`.
    #[serde(default, with = "format_by_name")]
    pub export_format: Option<Format>,
}

/// What the Export popup offers before any format was chosen: CSV for spreadsheets.
pub const DEFAULT_EXPORT_FORMAT: Format = Format::CsvExcel;

impl Settings {
    /// The format the Export popup offers: the one chosen last, else [`DEFAULT_EXPORT_FORMAT`].
    pub fn export_format(&self) -> Format {
        self.export_format.unwrap_or(DEFAULT_EXPORT_FORMAT)
    }
}

/// An export format in the settings file by its stable name; a name this version does not know
/// (written by a later one) reads as `None` rather than failing the whole file.
mod format_by_name {
    use super::Format;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(format: &Option<Format>, s: S) -> Result<S::Ok, S::Error> {
        format.map(Format::name).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Format>, D::Error> {
        let name = Option::<String>::deserialize(d)?;
        Ok(name.and_then(|n| n.parse().ok()))
    }
}

/// How many archives File ▸ Recent archives remembers.
pub const RECENT_MAX: usize = 8;

/// eframe storage key of [`Settings`].
pub const SETTINGS_KEY: &str = "arshif-settings";

/// Settings as versions before the one `Filter` remembered them (their filter had another
/// shape): everything but the filter still applies.
#[derive(Deserialize)]
struct EarlierSettings {
    lang: UiLang,
    dark: bool,
    #[serde(default)]
    recent: Vec<PathBuf>,
    #[serde(default)]
    inbox: Option<PathBuf>,
}

/// The settings remembered in `storage` (key [`SETTINGS_KEY`]); those of an earlier version
/// without their filter; the defaults when there are none.
pub fn load(storage: Option<&dyn eframe::Storage>) -> Settings {
    let Some(storage) = storage else {
        return Settings::default();
    };
    if let Some(settings) = eframe::get_value::<Settings>(storage, SETTINGS_KEY) {
        return settings;
    }
    match eframe::get_value::<EarlierSettings>(storage, SETTINGS_KEY) {
        Some(e) => Settings {
            lang: e.lang,
            dark: e.dark,
            recent: e.recent,
            inbox: e.inbox,
            ..Settings::default()
        },
        None => Settings::default(),
    }
}

/// The file name of Arshif's own copy of the settings, beside eframe's storage file.
pub const SETTINGS_FILE: &str = "arshif-settings.json";

/// Where the app keeps its own copy of the settings: `SETTINGS_FILE` in eframe's storage folder
/// for app id `arshif` (e.g. `~/.local/share/arshif/` on Linux); `None` when the platform has
/// no such folder.
///
/// Why a copy: eframe writes its storage file by truncating it first, so a full disk or a crash
/// while it writes leaves it empty and every setting is lost (C12). This copy is written with
/// [`crate::fsutil::atomic_write`] and read first, so the settings are the old ones or the new
/// ones, never none.
pub fn settings_file() -> Option<PathBuf> {
    eframe::storage_dir("arshif").map(|d| d.join(SETTINGS_FILE))
}

/// The settings in the JSON file at `path`, or `None` when it is missing or damaged (then the
/// caller falls back to eframe's storage, [`load`]).
pub fn load_file(path: &std::path::Path) -> Option<Settings> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// Writes `settings` to `path` as JSON, atomically (the folder is created when missing).
///
/// # Errors
/// [`crate::fsutil::WriteFileError`] naming the file: the disk is full (the old file is kept
/// whole), or it cannot be written.
pub fn save_file(
    path: &std::path::Path,
    settings: &Settings,
) -> Result<(), crate::fsutil::WriteFileError<serde_json::Error>> {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    crate::fsutil::atomic_write(path, |w| serde_json::to_writer_pretty(w, settings))
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::Storage as _;
    use std::collections::HashMap;

    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn the_settings_file_round_trips_and_a_damaged_one_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(SETTINGS_FILE);
        let mut settings = Settings {
            lang: UiLang::Ar,
            ..Settings::default()
        };
        settings.recent.push(PathBuf::from("/tmp/أرشيف.sqlite"));
        save_file(&path, &settings).unwrap();
        assert_eq!(load_file(&path), Some(settings.clone()));
        // A second save replaces it whole; no temporary file is left beside it.
        settings.dark = true;
        save_file(&path, &settings).unwrap();
        assert_eq!(load_file(&path), Some(settings));
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
        // Truncated (as eframe's own file is after a full disk): ignored, not half-read.
        std::fs::write(&path, b"{\"lang\": \"Ar\", \"da").unwrap();
        assert_eq!(load_file(&path), None);
    }

    #[test]
    fn settings_round_trip_and_earlier_ones_keep_all_but_their_filter() {
        let mut memory = Memory::default();
        let mut settings = Settings {
            lang: UiLang::Ar,
            dark: true,
            ..Settings::default()
        };
        settings.filter.text = Some("الهجرة".into());
        settings.filter.order = crate::query::Order::OldestFirst;
        eframe::set_value(&mut memory, SETTINGS_KEY, &settings);
        assert_eq!(load(Some(&memory)), settings);

        let earlier = r#"(lang: Ar, dark: true, filter: (text: "x", selected: {}, from: None, to: None), order: NewestFirst, recent: ["/tmp/a.db"], inbox: None)"#;
        memory.set_string(SETTINGS_KEY, earlier.into());
        let loaded = load(Some(&memory));
        assert_eq!((loaded.lang, loaded.dark), (UiLang::Ar, true));
        assert_eq!(loaded.recent, vec![PathBuf::from("/tmp/a.db")]);
        assert_eq!(loaded.filter, Filter::default());
    }

    #[test]
    fn the_export_format_is_remembered_by_name_and_older_settings_load_without_it() {
        let mut memory = Memory::default();
        let settings = Settings {
            export_format: Some(Format::TimelineJs),
            ..Settings::default()
        };
        eframe::set_value(&mut memory, SETTINGS_KEY, &settings);
        assert!(memory.0[SETTINGS_KEY].contains("\"timelinejs\""));
        assert_eq!(load(Some(&memory)).export_format(), Format::TimelineJs);

        // Written before the field existed (the current filter shape, no export_format).
        let before = r#"(lang: En, dark: false, filter: (text: None), recent: [], inbox: None)"#;
        memory.set_string(SETTINGS_KEY, before.into());
        let loaded = load(Some(&memory));
        assert_eq!(loaded.export_format, None);
        assert_eq!(loaded.export_format(), Format::CsvExcel);
        assert_eq!(loaded.filter, Filter::default());

        // A format a later version added reads as none chosen, the rest still applies.
        let later = before.replace(
            "inbox: None)",
            "inbox: None, export_format: Some(\"xlsx\"))",
        );
        memory.set_string(SETTINGS_KEY, later);
        let loaded = load(Some(&memory));
        assert_eq!(
            (loaded.export_format, loaded.filter),
            (None, Filter::default())
        );
    }
}
