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

use crate::text::tokens::{clitic_variants, words};
use rusqlite::Connection;
use rusqlite::ffi;
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
            if with_variants {
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
