//! The `arshif` FTS5 tokenizer, registered from Rust through `rusqlite::ffi`.
//!
//! rusqlite has no safe API for FTS5 tokenizers, so this module gets the `fts5_api` pointer with
//! `SELECT fts5(?1)` + `sqlite3_bind_pointer(.., "fts5_api_ptr")` and calls `xCreateTokenizer`.
//! It must run on **every** connection before the `articles_fts` table is used (other tools
//! opening the file can read the plain tables but cannot run FTS queries on it).
//!
//! What it emits, per word of [`crate::text::tokens::words`]:
//! - when indexing documents: the normalised word, then each of its
//!   [`crate::text::tokens::clitic_variants`] with `FTS5_TOKEN_COLOCATED` (same position);
//! - when tokenizing a query: the normalised word and the same variants, colocated, which FTS5
//!   reads as alternatives (its "query-time synonyms"): `بطرابلس` finds `طرابلس` as well, as a
//!   reader expects. A prefix term (`طرابل*`) is searched as typed only.
//!
//! Offsets given to FTS5 are byte offsets into the ORIGINAL text, so `highlight()` and `snippet()`
//! mark the text exactly as the user sees it (the whole written word, clitics included).
//!
//! Changing what the tokenizer emits requires rebuilding the index: a new migration running
//! `INSERT INTO articles_fts(articles_fts) VALUES('rebuild')` for released archives, or
//! `arshif reindex` ([`crate::store::Store::rebuild_search_index`]) by hand. Until then, rows
//! indexed under the old rules cannot be updated or deleted cleanly.

use crate::model::{ArticleDate, Lang};
use crate::store::{Store, StoreError, lang_from_code};
use crate::text::tokens::{clitic_variants, words};
use rusqlite::Connection;
use rusqlite::ffi;
use rusqlite::params;
use std::ffi::{c_char, c_int, c_void};
use std::ptr;

/// The tokenizer's name as used in `CREATE VIRTUAL TABLE ... tokenize='arshif'`.
pub const TOKENIZER_NAME: &str = "arshif";

/// Registers the `arshif` tokenizer on `conn`.
///
/// # Errors
/// Fails when this SQLite build has no FTS5 (not the case with the bundled one) or when SQLite
/// refuses the registration.
pub fn register_tokenizer(conn: &Connection) -> rusqlite::Result<()> {
    // SAFETY: `conn.handle()` is a valid open connection for the duration of this call; every
    // statement prepared here is finalised before returning; the fts5_api pointer is only used
    // while the connection is open, as SQLite documents.
    unsafe {
        let db = conn.handle();
        let api = fts5_api(db)?;
        let create = (*api)
            .xCreateTokenizer
            .ok_or_else(|| misuse("fts5_api has no xCreateTokenizer"))?;
        let mut tokenizer = ffi::fts5_tokenizer {
            xCreate: Some(x_create),
            xDelete: Some(x_delete),
            xTokenize: Some(x_tokenize),
        };
        let name = c"arshif";
        let rc = create(api, name.as_ptr(), ptr::null_mut(), &mut tokenizer, None);
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(
                ffi::Error::new(rc),
                Some("could not register the arshif FTS5 tokenizer".into()),
            ));
        }
    }
    Ok(())
}

fn misuse(msg: &str) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_MISUSE), Some(msg.to_string()))
}

/// Gets the connection's `fts5_api` pointer (`SELECT fts5(?1)` with a bound pointer).
unsafe fn fts5_api(db: *mut ffi::sqlite3) -> rusqlite::Result<*mut ffi::fts5_api> {
    let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
    let sql = c"SELECT fts5(?1)";
    // SAFETY: db is valid; sql is NUL-terminated; stmt is finalised below on every path.
    unsafe {
        let rc = ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut());
        if rc != ffi::SQLITE_OK {
            return Err(misuse("this SQLite has no FTS5 (SELECT fts5(?1) failed)"));
        }
        let mut api: *mut ffi::fts5_api = ptr::null_mut();
        let kind = c"fts5_api_ptr";
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast::<c_void>(),
            kind.as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
        if api.is_null() {
            return Err(misuse("this SQLite returned no fts5_api pointer"));
        }
        Ok(api)
    }
}

/// The tokenizer has no per-instance state; FTS5 still wants a non-null instance pointer.
static INSTANCE: u8 = 0;

unsafe extern "C" fn x_create(
    _user: *mut c_void,
    _args: *mut *const c_char,
    _n_args: c_int,
    out: *mut *mut ffi::Fts5Tokenizer,
) -> c_int {
    // SAFETY: FTS5 passes a valid out pointer.
    unsafe {
        *out = (&INSTANCE as *const u8)
            .cast_mut()
            .cast::<ffi::Fts5Tokenizer>()
    };
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_delete(_t: *mut ffi::Fts5Tokenizer) {}

type TokenCallback =
    unsafe extern "C" fn(*mut c_void, c_int, *const c_char, c_int, c_int, c_int) -> c_int;

unsafe extern "C" fn x_tokenize(
    _t: *mut ffi::Fts5Tokenizer,
    ctx: *mut c_void,
    flags: c_int,
    text: *const c_char,
    n_text: c_int,
    x_token: Option<TokenCallback>,
) -> c_int {
    let Some(x_token) = x_token else {
        return ffi::SQLITE_MISUSE;
    };
    if text.is_null() || n_text <= 0 {
        return ffi::SQLITE_OK;
    }
    // SAFETY: FTS5 guarantees `text` points at `n_text` readable bytes for this call.
    let bytes = unsafe { std::slice::from_raw_parts(text.cast::<u8>(), n_text as usize) };
    let document = flags & ffi::FTS5_TOKENIZE_DOCUMENT != 0;
    let query = flags & ffi::FTS5_TOKENIZE_QUERY != 0;
    let prefix = flags & ffi::FTS5_TOKENIZE_PREFIX != 0;
    let with_variants = document || (query && !prefix);
    let emit = |tflags: c_int, tok: &str, start: usize, end: usize| -> c_int {
        // SAFETY: the token bytes live until the callback returns, as FTS5 requires.
        unsafe {
            x_token(
                ctx,
                tflags,
                tok.as_ptr().cast::<c_char>(),
                tok.len() as c_int,
                start as c_int,
                end as c_int,
            )
        }
    };
    // Invalid UTF-8 (never written by Arshif, but possible in a file edited by other tools) is
    // skipped chunk by chunk, keeping offsets right for the valid parts.
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        let base = valid.as_ptr() as usize - bytes.as_ptr() as usize;
        for w in words(valid) {
            let (s, e) = (base + w.start, base + w.end);
            let rc = emit(0, &w.text, s, e);
            if rc != ffi::SQLITE_OK {
                return rc;
            }
            // Documents index the variants; a query offers them as alternatives. The auxiliary
            // functions (highlight, snippet) tokenize with neither flag and need only positions,
            // which colocated tokens do not advance.
            if with_variants && may_have_variants(&w.text) {
                for v in clitic_variants(&w.text) {
                    let rc = emit(ffi::FTS5_TOKEN_COLOCATED, &v, s, e);
                    if rc != ffi::SQLITE_OK {
                        return rc;
                    }
                }
            }
        }
    }
    ffi::SQLITE_OK
}

/// Whether [`clitic_variants`] can find anything in `word`: every clitic it strips is a leading
/// و ف ب ك ل or ال, so a word starting with another letter (every Latin word, most Arabic ones)
/// is emitted alone without asking (no allocation).
fn may_have_variants(word: &str) -> bool {
    word.starts_with(['و', 'ف', 'ب', 'ك', 'ل', 'ا'])
}

/// bm25 weight of the headline column relative to the body (1.0).
pub const HEADLINE_WEIGHT: f64 = 5.0;

/// One article matching a full-text query, as the index reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct FtsHit {
    pub id: i64,
    /// The headline with each hit wrapped in the caller's open/close markers.
    pub headline_marked: String,
    pub date: Option<ArticleDate>,
    pub lang: Lang,
    pub outlet: Option<String>,
    /// The whole body with each hit wrapped in the markers.
    pub body_marked: String,
    /// bm25 score (lower is better, as SQLite reports it).
    pub score: f64,
}

/// Articles matching `expr` (a safe expression from [`match_expression`]), best first (bm25, the
/// headline weighted [`HEADLINE_WEIGHT`] times the body), at most `limit`, hits wrapped in
/// `mark_open`…`mark_close`.
///
/// # Errors
/// Database failures (a corrupt file, a connection without the `arshif` tokenizer).
pub fn search_articles(
    store: &Store,
    expr: &str,
    limit: usize,
    mark_open: char,
    mark_close: char,
) -> Result<Vec<FtsHit>, StoreError> {
    let conn = &store.conn;
    let sql = format!(
        "SELECT a.id, highlight(articles_fts, 0, ?3, ?4), a.date, a.date_precision, a.date_source, a.lang,
                a.outlet, highlight(articles_fts, 1, ?3, ?4),
                bm25(articles_fts, {HEADLINE_WEIGHT}, 1.0) AS score
         FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
         WHERE articles_fts MATCH ?1
         ORDER BY score, a.id
         LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            expr,
            limit as i64,
            mark_open.to_string(),
            mark_close.to_string()
        ],
        |r| {
            let date: Option<String> = r.get(2)?;
            let precision: String = r.get(3)?;
            let source: Option<String> = r.get(4)?;
            Ok(FtsHit {
                id: r.get(0)?,
                headline_marked: r.get(1)?,
                date: crate::store::date_from_columns(date, &precision, source),
                lang: lang_from_code(&r.get::<_, String>(5)?),
                outlet: r.get(6)?,
                body_marked: r.get(7)?,
                score: r.get(8)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Builds the FTS5 `MATCH` expression for `query` (see [`crate::search`]: the query language
/// and why it is safe), or `None` when the query has no searchable word.
///
/// ```
/// use arshif::search::match_expression;
/// assert_eq!(match_expression("وزير \"الداخلية الليبية\" طرابل*").unwrap(),
///            r#""وزير" "الداخليه الليبيه" "طرابل"*"#);
/// assert_eq!(match_expression("col:value NOT").unwrap(), r#""col value" "not""#);
/// assert_eq!(match_expression("؟ *"), None);
/// ```
pub fn match_expression(query: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut chars = query.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let (text, after) = if let Some(close) = closing_quote(c) {
            let start = i + c.len_utf8();
            let mut end = query.len();
            let mut after = query.len();
            for (j, d) in chars.by_ref() {
                if d == close || (close == '"' && d == '"') {
                    end = j;
                    after = j + d.len_utf8();
                    break;
                }
            }
            (&query[start..end], after)
        } else {
            let mut end = query.len();
            while let Some(&(j, d)) = chars.peek() {
                if d.is_whitespace() || closing_quote(d).is_some() {
                    end = j;
                    break;
                }
                chars.next();
            }
            (&query[i..end], end)
        };
        // A trailing `*` (inside a bare word, or right after a closing quote) marks a prefix.
        let mut prefix = text.trim_end().ends_with('*');
        if closing_quote(c).is_some() && query[after..].starts_with('*') {
            prefix = true;
            chars.next();
        }
        let toks: Vec<String> = words(text).into_iter().map(|w| w.text).collect();
        if toks.is_empty() {
            continue;
        }
        let mut p = format!("\"{}\"", toks.join(" ").replace('"', ""));
        if prefix {
            p.push('*');
        }
        parts.push(p);
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn closing_quote(c: char) -> Option<char> {
    match c {
        '"' => Some('"'),
        '«' => Some('»'),
        '“' => Some('”'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut never hides a variant: over every word of the dev corpus' samples, a word
    /// it skips has none.
    #[test]
    fn words_skipped_have_no_variants() {
        let mut skipped = 0;
        for (_, bytes) in crate::import::samples::SAMPLES {
            for w in words(&String::from_utf8_lossy(bytes)) {
                if !may_have_variants(&w.text) {
                    assert!(clitic_variants(&w.text).is_empty(), "{}", w.text);
                    skipped += 1;
                }
            }
        }
        assert!(skipped > 100, "{skipped}");
        for w in [
            "وزاره",
            "والهجره",
            "بطرابلس",
            "لليبيا",
            "الهجره",
            "فرنسا",
            "كما",
        ] {
            assert!(may_have_variants(w), "{w}");
        }
    }
}
