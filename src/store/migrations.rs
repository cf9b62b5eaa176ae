//! The schema, as numbered migrations (`rusqlite_migration`, version kept in `PRAGMA user_version`).
//!
//! Never edit a migration that has shipped: add a new `M::up` at the end of [`MIGRATIONS`]. Other
//! modules' tables (meetings, entities, user edits) slot in as migration 3 onwards.
//!
//! 1. `articles`: one row per imported article (see [`crate::store::Article`] for the columns'
//!    meaning), unique on `content_hash`, with a covering index for the date-ordered list.
//! 2. `articles_fts`: FTS5 external-content index over `articles(headline, body)` with the
//!    `arshif` tokenizer (see [`crate::store::fts`]), kept in sync by triggers, and rebuilt from
//!    any rows already present.
//! 3. `meetings`, `meeting_participants`, `meeting_topics`, `extraction_state`: what extraction
//!    found (see [`crate::store::meetings`]).
//! 4. The user's corrections (see [`crate::edits`]): a stable identity and the extracted snapshot
//!    on each meeting row, the `edits` log (undo/redo) and `gazetteer_additions`.
//! 5. Meetings from many reports (see [`crate::store::events`]): `meetings.event_id`,
//!    `articles.copy_of` and `articles.minhash`.
//! 6. Meeting evidence as byte ranges into the article's text, not copies of its sentences.

use rusqlite_migration::{M, Migrations};

/// Migration 1: the articles table.
const M1_ARTICLES: &str = r#"
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    headline        TEXT NOT NULL,
    body            TEXT NOT NULL,
    lang            TEXT NOT NULL,                    -- ISO 639-1 (ar, en, it) or 'und'
    outlet          TEXT,
    url             TEXT,
    author          TEXT,
    tags            TEXT NOT NULL DEFAULT '[]',       -- JSON array of strings
    date            TEXT,                             -- ISO YYYY-MM-DD; NULL when undated
    date_precision  TEXT NOT NULL DEFAULT 'unknown'
                    CHECK (date_precision IN ('day', 'month', 'year', 'unknown')),
    date_source     TEXT CHECK (date_source IN ('front_matter', 'dateline', 'body', 'file_name', 'user')),
    date_note       TEXT,                             -- why undated, or a note on the date's origin
    source_path     TEXT,                             -- the file it came from (record: path#N)
    source_encoding TEXT,                             -- WHATWG name of the detected encoding
    content_hash    TEXT NOT NULL UNIQUE,             -- SHA-256 hex of the normalised words
    imported_at     TEXT NOT NULL,                    -- RFC 3339 UTC
    CHECK ((date IS NULL) = (date_precision = 'unknown'))
);
CREATE INDEX articles_by_date ON articles(date, id, headline);
"#;

/// Migration 2: the full-text index with the arshif tokenizer (needs the tokenizer registered).
const M2_FTS: &str = r#"
CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'arshif'
);
CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body);
END;
CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
END;
CREATE TRIGGER articles_fts_au AFTER UPDATE OF headline, body ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, body)
        VALUES ('delete', old.id, old.headline, old.body);
    INSERT INTO articles_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body);
END;
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
"#;

/// Migration 3: extracted meetings, denormalised for the timeline: each participant row carries the
/// names, role, body and country as extracted (so a facet count is one GROUP BY), and every fact
/// keeps the byte span in the article's original text it came from. See [`crate::store::meetings`].
const M3_MEETINGS: &str = r#"
CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,                 -- 0-based position among the article's meetings
    kind            TEXT NOT NULL CHECK (kind IN ('consult', 'phone_call', 'visit', 'host', 'third_location')),
    status          TEXT NOT NULL CHECK (status IN ('held', 'announced', 'cancelled')),
    date            TEXT,                             -- ISO YYYY-MM-DD; NULL when undated
    date_precision  TEXT CHECK (date_precision IN ('day', 'month', 'year')),
    date_note       TEXT,                             -- how the date was derived, or why undated
    weekday_conflict INTEGER NOT NULL DEFAULT 0,      -- a stated weekday contradicts the date
    place_key       TEXT,                             -- places.toml id
    place_en        TEXT,
    place_ar        TEXT,
    confidence      REAL NOT NULL,
    evidence        TEXT NOT NULL DEFAULT '[]',       -- JSON [{start, end, text}] byte spans in the body
    extracted_at    TEXT NOT NULL,                    -- RFC 3339 UTC
    UNIQUE (article_id, ordinal),
    CHECK ((date IS NULL) = (date_precision IS NULL))
);
CREATE INDEX meetings_by_date ON meetings(date, id);
CREATE INDEX meetings_by_article ON meetings(article_id);
CREATE TABLE meeting_participants (
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    ordinal         INTEGER NOT NULL,
    person_key      TEXT NOT NULL,                    -- people.toml id, or 'new:<normalised name>'
    name_en         TEXT NOT NULL,
    name_ar         TEXT NOT NULL,
    as_written      TEXT NOT NULL,
    role            TEXT NOT NULL DEFAULT '',
    body_key        TEXT,
    body_en         TEXT,
    body_ar         TEXT,
    country         TEXT NOT NULL DEFAULT '',         -- ISO 3166-1 alpha-2, 'EU', or ''
    side            TEXT NOT NULL CHECK (side IN ('libya', 'europe', 'other')),
    needs_review    INTEGER NOT NULL DEFAULT 0,
    span_start      INTEGER,
    span_end        INTEGER,
    PRIMARY KEY (meeting_id, ordinal)
);
CREATE INDEX participants_by_person ON meeting_participants(person_key, meeting_id);
CREATE INDEX participants_by_body ON meeting_participants(body_key, meeting_id);
CREATE INDEX participants_by_country ON meeting_participants(country, meeting_id);
CREATE TABLE meeting_topics (
    meeting_id      INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    topic_key       TEXT NOT NULL,                    -- topics.toml id
    label_en        TEXT NOT NULL,
    label_ar        TEXT NOT NULL,
    span_start      INTEGER,
    span_end        INTEGER,
    PRIMARY KEY (meeting_id, topic_key)
);
CREATE INDEX topics_by_key ON meeting_topics(topic_key, meeting_id);
-- Which articles have been through extraction, and with which gazetteer/rules version.
CREATE TABLE extraction_state (
    article_id      INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version         TEXT NOT NULL,
    extracted_at    TEXT NOT NULL
);
"#;

/// Migration 4: user corrections, kept apart from what extraction wrote (see [`crate::edits`]).
///
/// - `meetings` gains its identity across re-extraction (`meeting_key`: the sorted participant
///   keys, `user:<edit id>` for a meeting added by hand; `anchor`: byte start of its first
///   evidence sentence), the meeting as extracted (`extracted`, JSON, the base edits are applied
///   over), whether the user changed or confirmed it (`user_edited`) and whether it is hidden
///   (`hidden`: 'not_meeting' or 'deleted'; the timeline shows only rows where it is NULL).
/// - `edits`: one row per user edit, oldest first; `state` is 'active', 'undone' (the redo
///   stack) or 'discarded' (undone, then a new edit was made). `orphaned` = the meeting it
///   targets is not in the article any more (kept, reported, applied to nothing).
/// - `gazetteer_additions`: aliases and officials the user added, one per active edit.
/// - Meetings extracted before this migration have no key or snapshot: `extraction_state` is
///   emptied so the next catch-up re-extracts them (the user's article dates are kept).
const M4_EDITS: &str = r#"
ALTER TABLE meetings ADD COLUMN meeting_key TEXT;
ALTER TABLE meetings ADD COLUMN anchor INTEGER;
ALTER TABLE meetings ADD COLUMN extracted TEXT;
ALTER TABLE meetings ADD COLUMN user_edited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN hidden TEXT CHECK (hidden IN ('not_meeting', 'deleted'));
CREATE INDEX meetings_by_key ON meetings(article_id, meeting_key);
CREATE TABLE edits (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER REFERENCES articles(id) ON DELETE CASCADE, -- NULL: a gazetteer edit
    meeting_key     TEXT,                             -- target meeting (NULL: article or gazetteer edit)
    anchor          INTEGER,                          -- the target's anchor when the edit was made
    field           TEXT NOT NULL,                    -- date, place, add_participant, ..., article_date, add_alias, add_official
    value           TEXT NOT NULL,                    -- JSON of the change (crate::edits::Change)
    previous        TEXT NOT NULL DEFAULT 'null',     -- JSON of the value before the edit
    created_at      TEXT NOT NULL,                    -- RFC 3339 UTC
    state           TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'undone', 'discarded')),
    orphaned        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX edits_by_article ON edits(article_id, state);
CREATE INDEX edits_by_state ON edits(state, id);
CREATE TABLE gazetteer_additions (
    id              INTEGER PRIMARY KEY,
    edit_id         INTEGER NOT NULL UNIQUE REFERENCES edits(id) ON DELETE CASCADE,
    entity          TEXT NOT NULL CHECK (entity IN ('person', 'place', 'body')),
    key             TEXT NOT NULL,                    -- the gazetteer id extended or added
    entry           TEXT NOT NULL                     -- JSON: the alias (a string) or the new person
);
DELETE FROM extraction_state;
"#;

/// Migration 5: one meeting from many reports (see [`crate::store::events`], [`crate::events`]).
///
/// - `meetings.event_id`: the id of the meeting row that represents the real-world meeting this
///   row reports (equal to its own id for a meeting reported once; NULL until the first grouping
///   after migration, read as the row's own id). Rewritten whole by every grouping.
/// - `articles.minhash`: the MinHash signature of the article's body (little-endian u64s; NULL
///   until computed, an empty blob when the text is too short to compare); `articles.copy_of`: the earlier article this
///   one is a near-identical copy of (NULL when it is not a copy).
/// - The user's merges, splits and "different" marks are edits (`edits` rows with field
///   `same_meeting`, `different_meeting`, `split_meeting`), so undo, redo and re-extraction treat
///   them like any correction.
const M5_EVENTS: &str = r#"
ALTER TABLE meetings ADD COLUMN event_id INTEGER;
CREATE INDEX meetings_by_event ON meetings(event_id);
ALTER TABLE articles ADD COLUMN minhash BLOB;
ALTER TABLE articles ADD COLUMN copy_of INTEGER;
"#;

/// Migration 6: evidence as byte ranges (see [`crate::store::meetings`]). `meetings.evidence`
/// keeps each span's `start` and `end` into the article's text (`headline`, a newline, `body`:
/// what extraction reads) and its `text` only when it is not that slice of the article, so a
/// sentence is not stored twice. Existing rows are rewritten so; a span whose text differs from
/// the article's bytes (an article edited by another tool) keeps its text. Readers rebuild the
/// text from the article (`meetings::evidence_from_column`), and read rows of either shape.
const M6_EVIDENCE_OFFSETS: &str = r#"
UPDATE meetings SET evidence = (
    SELECT json_group_array(
        CASE WHEN (e.value ->> 'text') IS NULL
               OR substr(CAST(a.headline || char(10) || a.body AS BLOB),
                         (e.value ->> 'start') + 1,
                         (e.value ->> 'end') - (e.value ->> 'start'))
                  = CAST(e.value ->> 'text' AS BLOB)
             THEN json_object('start', e.value ->> 'start', 'end', e.value ->> 'end')
             ELSE json_object('start', e.value ->> 'start', 'end', e.value ->> 'end',
                              'text', e.value ->> 'text')
        END ORDER BY e.key)
    FROM json_each(meetings.evidence) e JOIN articles a ON a.id = meetings.article_id
)
WHERE evidence <> '[]' AND json_valid(evidence) AND json_type(evidence) = 'array';
"#;

/// Migration 7: a filter change reads indexes and precomputed counts, not every meeting.
///
/// - `meetings.event_id` is always set: a row inserted without one is its own event (a trigger),
///   so queries join and group on the plain column (no `COALESCE`). Existing rows get their own
///   id where they had none.
/// - `meetings.event_date`: the date of the event the row belongs to as the timeline shows it
///   (the representative's date, or a member's more precise one; see
///   [`crate::edits::regroup`]), so the timeline is paged straight off an index of the
///   representative rows (`meetings_events_by_date`). Set to the row's own date until grouped.
/// - `meetings_narrow`, `meetings_id_narrow`, `participants_narrow`: covering indexes with just what filters and facet
///   counts read (the tables' rows carry evidence and snapshots, so reading them was most of a
///   date-range count).
/// - `meetings.grouped`: 0 until [`crate::edits::regroup`] has placed the row (what
///   [`crate::store::events::needs_grouping`] asks); every existing row starts at 0 so the next
///   catch-up regroups once and computes exact event dates.
/// - `grouping_state` and the `*_regroup_*` triggers: what makes the grouping incremental. A
///   changed, added or removed report marks itself and the reports of its event ungrouped; the
///   grouping places those again with every report they could be one meeting with, and keeps the
///   rest; `grouping_state` holds the fingerprint of the user's links it last applied (a new
///   link means a whole regroup).
/// - `facet_cache`: the facet counts, per-year histogram and meeting total of the unfiltered
///   archive (`facet` = a facet name, `year`, `undated` or `total`), written by the grouping;
///   `facet_cache_state.fresh` turns 0 (triggers) as soon as any meeting, participant or topic
///   row changes, and the queries then count live.
const M7_FAST_QUERIES: &str = r#"
ALTER TABLE meetings ADD COLUMN event_date TEXT;
ALTER TABLE meetings ADD COLUMN grouped INTEGER NOT NULL DEFAULT 0;
UPDATE meetings SET event_id = id WHERE event_id IS NULL;
UPDATE meetings SET event_date = date;
CREATE TRIGGER meetings_event_ai AFTER INSERT ON meetings WHEN new.event_id IS NULL BEGIN
    UPDATE meetings SET event_id = new.id, event_date = new.date WHERE id = new.id;
END;
DROP INDEX IF EXISTS meetings_by_event;
CREATE INDEX meetings_by_event ON meetings(event_id, hidden);
CREATE INDEX meetings_events_by_date ON meetings(event_date, id)
    WHERE id = event_id AND hidden IS NULL;
CREATE INDEX meetings_ungrouped ON meetings(grouped) WHERE grouped = 0;
CREATE INDEX meetings_narrow ON meetings(date, hidden, event_id, status, kind, place_key);
CREATE INDEX participants_narrow ON meeting_participants(meeting_id, person_key, body_key, country);
CREATE INDEX meetings_id_narrow ON meetings(id, hidden, event_id, date, status, kind, place_key);
CREATE TABLE facet_cache (
    facet       TEXT NOT NULL,
    key         TEXT NOT NULL,
    label_en    TEXT NOT NULL,
    label_ar    TEXT NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (facet, key)
);
CREATE TABLE facet_cache_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    fresh       INTEGER NOT NULL
);
INSERT INTO facet_cache_state (id, fresh) VALUES (1, 0);
CREATE TABLE grouping_state (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
);
-- A changed report, and the reports of the event it was in, are placed again by the next
-- grouping (crate::edits::regroup); the rest keep their event.
CREATE TRIGGER meetings_regroup_ad AFTER DELETE ON meetings BEGIN
    UPDATE meetings SET grouped = 0 WHERE event_id = old.event_id AND grouped = 1;
END;
CREATE TRIGGER meetings_regroup_au AFTER UPDATE OF date, date_precision, date_note, place_key,
    kind, status, hidden, meeting_key ON meetings BEGIN
    UPDATE meetings SET grouped = 0
        WHERE (event_id = old.event_id OR id = new.id) AND grouped = 1;
END;
CREATE TRIGGER participants_regroup_ai AFTER INSERT ON meeting_participants BEGIN
    UPDATE meetings SET grouped = 0
        WHERE (id = new.meeting_id
               OR event_id = (SELECT event_id FROM meetings WHERE id = new.meeting_id))
          AND grouped = 1;
END;
CREATE TRIGGER participants_regroup_ad AFTER DELETE ON meeting_participants BEGIN
    UPDATE meetings SET grouped = 0
        WHERE (id = old.meeting_id
               OR event_id = (SELECT event_id FROM meetings WHERE id = old.meeting_id))
          AND grouped = 1;
END;
CREATE TRIGGER participants_regroup_au AFTER UPDATE OF person_key, side ON meeting_participants BEGIN
    UPDATE meetings SET grouped = 0
        WHERE (id = new.meeting_id
               OR event_id = (SELECT event_id FROM meetings WHERE id = new.meeting_id))
          AND grouped = 1;
END;
CREATE TRIGGER facet_cache_meetings_ai AFTER INSERT ON meetings BEGIN
    UPDATE facet_cache_state SET fresh = 0 WHERE fresh = 1;
END;
CREATE TRIGGER facet_cache_meetings_ad AFTER DELETE ON meetings BEGIN
    UPDATE facet_cache_state SET fresh = 0 WHERE fresh = 1;
END;
CREATE TRIGGER facet_cache_meetings_au AFTER UPDATE OF event_id, hidden, date, place_key, place_en,
    place_ar, kind, status ON meetings BEGIN
    UPDATE facet_cache_state SET fresh = 0 WHERE fresh = 1;
END;
CREATE TRIGGER facet_cache_participants_ai AFTER INSERT ON meeting_participants BEGIN
    UPDATE facet_cache_state SET fresh = 0 WHERE fresh = 1;
END;
CREATE TRIGGER facet_cache_participants_ad AFTER DELETE ON meeting_participants BEGIN
    UPDATE facet_cache_state SET fresh = 0 WHERE fresh = 1;
END;
CREATE TRIGGER facet_cache_participants_au AFTER UPDATE ON meeting_participants BEGIN
    UPDATE facet_cache_state SET fresh = 0 WHERE fresh = 1;
END;
CREATE TRIGGER facet_cache_topics_ai AFTER INSERT ON meeting_topics BEGIN
    UPDATE facet_cache_state SET fresh = 0 WHERE fresh = 1;
END;
CREATE TRIGGER facet_cache_topics_ad AFTER DELETE ON meeting_topics BEGIN
    UPDATE facet_cache_state SET fresh = 0 WHERE fresh = 1;
END;
CREATE TRIGGER facet_cache_topics_au AFTER UPDATE ON meeting_topics BEGIN
    UPDATE facet_cache_state SET fresh = 0 WHERE fresh = 1;
END;
"#;

/// Every migration, oldest first. Index `i` brings the schema to version `i + 1`.
pub fn all() -> Vec<M<'static>> {
    vec![
        M::up(M1_ARTICLES),
        M::up(M2_FTS),
        M::up(M3_MEETINGS),
        M::up(M4_EDITS),
        M::up(M5_EVENTS),
        M::up(M6_EVIDENCE_OFFSETS),
        M::up(M7_FAST_QUERIES),
    ]
}

/// The [`Migrations`] object over [`all`].
pub fn migrations() -> Migrations<'static> {
    Migrations::new(all())
}

/// The schema version a fully migrated file has.
pub fn latest_version() -> usize {
    all().len()
}
