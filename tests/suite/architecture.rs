//! The module boundaries of ARCHITECTURE.md, checked on the source text:
//!
//! - SQL lives only in `src/store/` (so a second backend can sit behind the store's functions):
//!   no string literal elsewhere holds a statement (`SELECT … FROM`, `INSERT … INTO`,
//!   `UPDATE … SET`, `DELETE FROM`, `CREATE TABLE/INDEX/TRIGGER/VIEW`, `PRAGMA`, or a literal
//!   that starts with `BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`, `RELEASE`);
//! - no file outside `src/store/` names `rusqlite`;
//! - the core (`src/text`, `src/extract`, `src/store`, `src/import`) never names `crate::ui`,
//!   `crate::cli` or `crate::devtools`.
//!
//! Comments (doc comments included) are ignored, and SQL is looked for only inside string
//! literals, as upper-case keywords, so English prose ("select a date from the list") never
//! counts.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A source file split into code (comments and literals blanked out) and its string literals
/// (content, line of the opening quote).
struct Scanned {
    /// The code, one entry per line, with comments removed and string/char literals emptied.
    code_lines: Vec<String>,
    literals: Vec<(String, usize)>,
}

/// Splits Rust source into code and string literals. Handles line and (nested) block comments,
/// `"…"` with escapes, raw strings `r#"…"#`, byte strings, char literals and lifetimes.
fn scan(src: &str) -> Scanned {
    let chars: Vec<char> = src.chars().collect();
    let mut code = String::new();
    let mut literals = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < n && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < n {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                        code.push('\n');
                    }
                    i += 1;
                }
            }
            continue;
        }
        // Raw strings: r"…", r#"…"#, br#"…"# (an identifier ending in r is not one: the
        // character before must not be part of an identifier, except the b of br).
        let ident_before =
            |k: usize| k > 0 && (chars[k - 1].is_alphanumeric() || chars[k - 1] == '_');
        let raw_start = if c == 'r' && !ident_before(i) {
            Some(i + 1)
        } else if c == 'b' && next == Some('r') && !ident_before(i) {
            Some(i + 2)
        } else {
            None
        };
        if let Some(mut j) = raw_start {
            let mut hashes = 0;
            while j < n && chars[j] == '#' {
                hashes += 1;
                j += 1;
            }
            if j < n && chars[j] == '"' {
                let start_line = line;
                let mut text = String::new();
                j += 1;
                while j < n {
                    if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    if chars[j] == '\n' {
                        line += 1;
                        code.push('\n');
                    }
                    text.push(chars[j]);
                    j += 1;
                }
                literals.push((text, start_line));
                code.push_str("\"\"");
                i = j;
                continue;
            }
        }
        if c == '"' {
            let start_line = line;
            let mut text = String::new();
            let mut j = i + 1;
            while j < n && chars[j] != '"' {
                if chars[j] == '\\' && j + 1 < n {
                    if chars[j + 1] == '\n' {
                        line += 1;
                        code.push('\n');
                    }
                    // Keep escaped characters out of the text, except a newline's place.
                    if chars[j + 1] == 'n' {
                        text.push('\n');
                    }
                    j += 2;
                    continue;
                }
                if chars[j] == '\n' {
                    line += 1;
                    code.push('\n');
                }
                text.push(chars[j]);
                j += 1;
            }
            literals.push((text, start_line));
            code.push_str("\"\"");
            i = j + 1;
            continue;
        }
        if c == '\'' {
            // A char literal ('x', '\n', '\u{E000}', '"'), else a lifetime or label ('a).
            if next == Some('\\') {
                let mut j = i + 2;
                while j < n && chars[j] != '\'' {
                    j += 1;
                }
                code.push_str("' '");
                i = j + 1;
                continue;
            }
            if chars.get(i + 2) == Some(&'\'') {
                code.push_str("' '");
                i += 3;
                continue;
            }
        }
        if c == '\n' {
            line += 1;
        }
        code.push(c);
        i += 1;
    }
    Scanned {
        code_lines: code.split('\n').map(str::to_string).collect(),
        literals,
    }
}

/// Why `text` (a string literal's content) is an SQL statement, if it is one.
fn sql_in(text: &str) -> Option<&'static str> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let then = |first: &str, second: &[&str], within: usize| {
        words.iter().enumerate().any(|(i, w)| {
            *w == first
                && words[i + 1..]
                    .iter()
                    .take(within)
                    .any(|v| second.contains(v))
        })
    };
    // A statement on its own ("BEGIN IMMEDIATE", "COMMIT", "SAVEPOINT x"), not a word that
    // starts some other text ("BEGIN:VCALENDAR").
    let statement_start = |kw: &str| {
        text.trim_start()
            .strip_prefix(kw)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\n', ';', '{']))
    };
    if ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"]
        .into_iter()
        .any(statement_start)
    {
        return Some("a transaction statement");
    }
    if has("PRAGMA") {
        return Some("PRAGMA");
    }
    if then("SELECT", &["FROM"], usize::MAX) {
        return Some("SELECT … FROM");
    }
    if then("INSERT", &["INTO"], 3) {
        return Some("INSERT INTO");
    }
    if then("UPDATE", &["SET"], 2) {
        return Some("UPDATE … SET");
    }
    if then("DELETE", &["FROM"], 1) {
        return Some("DELETE FROM");
    }
    if then("CREATE", &["TABLE", "INDEX", "TRIGGER", "VIEW"], 3) {
        return Some("CREATE TABLE/INDEX/TRIGGER/VIEW");
    }
    None
}

/// Whether `code` names `word` as a whole path segment (not `word_x`, not `xword`).
fn names(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !ident(before) && !ident(after)
    })
}

fn violations() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut found = Vec::new();
    for path in rust_files(&src) {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let in_store = rel.starts_with("src/store/");
        let in_core = ["src/text/", "src/extract/", "src/store/", "src/import/"]
            .iter()
            .any(|d| rel.starts_with(d));
        let scanned = scan(&std::fs::read_to_string(&path).unwrap());
        if !in_store {
            for (text, line) in &scanned.literals {
                if let Some(why) = sql_in(text) {
                    found.push(format!(
                        "{rel}:{line}: SQL ({why}) outside src/store/: {:?}",
                        text.trim().chars().take(60).collect::<String>()
                    ));
                }
            }
        }
        for (i, code) in scanned.code_lines.iter().enumerate() {
            let line = i + 1;
            if !in_store && names(code, "rusqlite") {
                found.push(format!("{rel}:{line}: names rusqlite outside src/store/"));
            }
            if in_core {
                for layer in ["crate::ui", "crate::cli", "crate::devtools"] {
                    if names(code, layer) {
                        found.push(format!("{rel}:{line}: the core names {layer}"));
                    }
                }
            }
        }
    }
    found
}

#[test]
fn sql_and_rusqlite_stay_in_the_store_and_the_core_never_names_a_front_end() {
    let found = violations();
    assert!(
        found.is_empty(),
        "{} boundary violation(s) (see ARCHITECTURE.md):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_checks_see_sql_in_literals_only() {
    let s = scan(
        "// SELECT x FROM y\n/// DELETE FROM z\nlet q = \"SELECT id FROM articles\";\n\
         let t = \"select a date from the list\"; let c = '\"'; fn f<'a>(x: &'a str) {}\n\
         let r = r#\"INSERT OR REPLACE INTO t VALUES (1)\"#; /* PRAGMA x */ let p = \"UPDATE\";\n\
         let v = \"BEGIN:VCALENDAR\"; let b = \"BEGIN IMMEDIATE\";",
    );
    let sql: Vec<_> = s
        .literals
        .iter()
        .filter_map(|(t, line)| sql_in(t).map(|why| (why, *line)))
        .collect();
    assert_eq!(
        sql,
        [
            ("SELECT … FROM", 3),
            ("INSERT INTO", 5),
            ("a transaction statement", 6)
        ]
    );
    assert!(!s.code_lines.iter().any(|l| l.contains("PRAGMA")));
    assert!(names("use rusqlite::Connection;", "rusqlite"));
    assert!(!names("let my_rusqlite_x = 1;", "rusqlite"));
    assert!(names("use crate::ui::app;", "crate::ui"));
    assert!(!names("use crate::uikit;", "crate::ui"));
}
