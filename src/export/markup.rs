//! Escaping of archive text for the formats that carry markup: HTML (the report, TimelineJS slide
//! text) and Markdown. Headlines, names and URLs come from web pages anyone can write, so every
//! piece of archive text goes through one of these functions before it meets markup
//! (`shared/cases/exports-backups-limits.md` C3, C5).

/// Escapes text for HTML element content and for quoted attribute values alike: `&` `<` `>` `"`
/// `'` become character references, so `<script>` stays text and `Ali" onmouseover="…` cannot
/// leave an attribute. Control characters HTML does not allow (C0 except tab, LF, CR; DEL; C1)
/// are dropped.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The URL when it may become a link: an absolute `http:` or `https:` URL (scheme ASCII
/// case-insensitive, surrounding whitespace ignored). `javascript:`, `data:`, relative and
/// scheme-less URLs give `None`: the report shows them as text.
pub fn linkable_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let (scheme, rest) = url.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    // Whitespace or controls inside would let a browser read a different URL than we checked.
    (web && rest.starts_with("//") && !url.chars().any(|c| c.is_whitespace() || c.is_control()))
        .then_some(url)
}

/// True for a letter of the Arabic script (Arabic, its supplements and presentation forms).
fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
        && c.is_alphabetic()
}

/// The base direction of a piece of text for a `dir` attribute, by its first letter as
/// `dir="auto"` (UAX #9 P2) decides: `rtl` when that letter is Arabic, else `ltr`. So an Arabic
/// headline reads right to left, while "Place: Tripoli (طرابلس)" stays left to right.
pub fn text_dir(text: &str) -> &'static str {
    match text.chars().find(|c| c.is_alphabetic()) {
        Some(c) if is_arabic_letter(c) => "rtl",
        _ => "ltr",
    }
}

/// Escapes text for one cell of a Markdown (GFM) table: `\` and `|` are backslash-escaped so the
/// row keeps its column count (a `\|` in the data stays two characters), line breaks become
/// `<br>`, and the characters that would start Markdown or HTML syntax (`<` `>` `&` `*` `_` `` ` ``
/// `[` `]` `#` `~`) are backslash-escaped (CommonMark §2.4), so the text renders exactly as stored.
pub fn escape_markdown_cell(text: &str) -> String {
    escape_markdown(text, true)
}

/// Escapes text for a Markdown paragraph or heading: as [`escape_markdown_cell`], with line
/// breaks kept as spaces (a heading is one line).
pub fn escape_markdown_inline(text: &str) -> String {
    escape_markdown(text, false)
}

fn escape_markdown(text: &str, in_cell: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '|' | '<' | '>' | '&' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(if in_cell { "<br>" } else { " " });
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_covers_text_and_attributes() {
        assert_eq!(
            escape_html("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            escape_html("Ali\" onmouseover='alert(2)'"),
            "Ali&quot; onmouseover=&#39;alert(2)&#39;"
        );
        assert_eq!(escape_html("&amp; <ب>"), "&amp;amp; &lt;ب&gt;");
        assert_eq!(escape_html("a\u{0}b\u{7f}c\nd"), "abc\nd");
    }

    #[test]
    fn only_web_urls_become_links() {
        assert_eq!(
            linkable_url(" https://example.org/a?b=1 "),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(linkable_url("HTTP://x.org"), Some("HTTP://x.org"));
        for bad in [
            "javascript:alert(4)",
            "JavaScript:alert(4)",
            "data:text/html,<script>",
            "//x.org",
            "x.org",
            "https:x",
            "https://x.org/\u{0}javascript:",
            "https://x .org",
        ] {
            assert_eq!(linkable_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn arabic_text_reads_right_to_left() {
        assert_eq!(text_dir("خالد مازن"), "rtl");
        assert_eq!(text_dir("(2) طرابلس Tripoli"), "rtl");
        assert_eq!(text_dir("Place: Tripoli (طرابلس)"), "ltr");
        assert_eq!(text_dir("Mazen – Lamorgese"), "ltr");
        // Arabic-Indic digits alone are not letters.
        assert_eq!(text_dir("٢٠٢١"), "ltr");
    }

    #[test]
    fn markdown_cells_keep_their_column_count() {
        assert_eq!(escape_markdown_cell("Has a \\| pipe"), "Has a \\\\\\| pipe");
        assert_eq!(escape_markdown_cell("a|b\nc"), "a\\|b<br>c");
        assert_eq!(escape_markdown_cell("<script>&amp;"), "\\<script\\>\\&amp;");
        assert_eq!(escape_markdown_inline("# x\r\ny"), "\\# x y");
    }
}
