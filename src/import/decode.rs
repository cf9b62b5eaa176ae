//! Bytes → text: byte-order marks, UTF-8, a declared HTML charset, else detection (`chardetng`),
//! decoded with `encoding_rs`. Decoding is strict: a file with bytes that are invalid in the
//! chosen encoding is refused rather than stored with replacement characters, so the stored text
//! is always exactly the original text.

use encoding_rs::{Encoding, UTF_8};

/// Decoded text and the WHATWG name of its encoding (`UTF-8`, `UTF-16LE`, `windows-1256`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes a file's bytes. `is_html` allows a `<meta charset>` declaration to choose the encoding
/// when the bytes are not UTF-8.
///
/// # Errors
/// A sentence (without the file name) saying why the bytes are not text: NUL bytes (binary
/// files), bytes invalid in the encoding a byte-order mark announces, or text that no encoding
/// decodes cleanly.
pub fn decode(bytes: &[u8], is_html: bool) -> Result<Decoded, String> {
    if let Some(kind) = known_binary(bytes) {
        return Err(format!(
            "is {kind}, not a text file; save the article as .txt, .md or .html to import it"
        ));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return strict(enc, &bytes[bom_len..])
            .map(|text| Decoded {
                text,
                encoding: enc.name(),
            })
            .ok_or_else(|| {
                format!(
                    "starts with a {} byte-order mark but is not valid {} text",
                    enc.name(),
                    enc.name()
                )
            });
    }
    if let Some(order) = utf16_without_bom(bytes) {
        return Err(format!(
            "looks like UTF-16 {order} text without a byte-order mark; \
             save it again as UTF-8 (or UTF-16 with a byte-order mark) to import it"
        ));
    }
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(format!(
            "looks like a binary file (it contains NUL bytes, the first at byte {at}), not text; \
             UTF-16 text needs a byte-order mark"
        ));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return check_text(Decoded {
            text: s.to_string(),
            encoding: UTF_8.name(),
        });
    }
    if let Some(bad) = damaged_utf8(bytes) {
        return Err(bad);
    }
    if is_html
        && let Some(enc) = html_meta_charset(bytes)
        && let Some(text) = strict(enc, bytes)
    {
        return check_text(Decoded {
            text,
            encoding: enc.name(),
        });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    match strict(enc, bytes) {
        Some(text) => check_text(Decoded {
            text,
            encoding: enc.name(),
        }),
        None => Err(format!(
            "is not valid UTF-8 and could not be decoded in any legacy encoding (best guess {} has invalid bytes)",
            enc.name()
        )),
    }
}

/// Document and media formats recognised by their first bytes, which would otherwise decode as
/// (nonsense) legacy-encoded text.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (
            b"PK\x03\x04",
            "a ZIP archive or an Office document (.docx, .odt)",
        ),
        (b"{\\rtf", "an RTF document"),
        (b"\xD0\xCF\x11\xE0", "an old Office document (.doc)"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, k)| *k)
}

/// UTF-16 text without a byte-order mark: at least 16 bytes, and in most code units one half
/// (the high byte for Latin text, also common in Arabic's U+06xx) is NUL or 0x06 while NUL
/// bytes sit almost only at even (BE) or odd (LE) offsets. Returns `BE` or `LE`.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    if bytes.len() < 16 {
        return None;
    }
    let units = bytes.len() / 2;
    let (mut even_nul, mut odd_nul, mut even_high, mut odd_high) = (0, 0, 0, 0);
    for pair in bytes.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
        even_high += usize::from(matches!(pair[0], 0 | 0x06));
        odd_high += usize::from(matches!(pair[1], 0 | 0x06));
    }
    if even_nul > 0 && odd_nul * 20 <= even_nul && even_high * 10 >= units * 9 {
        Some("BE")
    } else if odd_nul > 0 && even_nul * 20 <= odd_nul && odd_high * 10 >= units * 9 {
        Some("LE")
    } else {
        None
    }
}

/// A UTF-8 file with a few invalid bytes (a bad copy, a truncated download): it has many valid
/// multi-byte UTF-8 characters and at most one invalid sequence per four of them, which legacy
/// encodings (windows-1256, Latin-1) almost never produce. Decoding it as a legacy encoding would
/// store nonsense, so it is refused with where the first bad byte is.
fn damaged_utf8(bytes: &[u8]) -> Option<String> {
    let (mut valid_multi, mut invalid) = (0usize, 0usize);
    let mut first_bad: Option<usize> = None;
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        valid_multi += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            first_bad.get_or_insert(at);
            at += chunk.invalid().len();
        }
    }
    let first = first_bad?;
    if valid_multi < 2 || valid_multi < invalid * 4 {
        return None;
    }
    let line = bytes[..first].iter().filter(|b| **b == b'\n').count() + 1;
    Some(format!(
        "is not valid UTF-8: byte {first} (line {line}) is 0x{:02X}, which is not part of any \
         character, and {invalid} such place(s) in all; the rest is UTF-8 text, so the file is \
         probably damaged (save it again as UTF-8 to import it)",
        bytes[first]
    ))
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

/// Refuses "text" that is mostly control characters (a binary file without NULs).
fn check_text(d: Decoded) -> Result<Decoded, String> {
    let total = d.text.chars().count().max(1);
    let controls = d
        .text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}'))
        .count();
    if controls * 100 > total {
        return Err(format!(
            "looks like a binary file ({controls} control characters), not text"
        ));
    }
    Ok(d)
}

/// The encoding named by `<meta charset="...">` or `<meta http-equiv content="...; charset=...">`
/// in the first 4 KiB of an HTML file.
fn html_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &lower[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const AR: &str =
        "مباحثات بين داخلية ليبيا وإيطاليا لدعم العلاقات الأمنية ومكافحة الهجرة غير الشرعية";

    #[test]
    fn decodes_boms_utf8_and_windows_1256() {
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend_from_slice(AR.as_bytes());
        assert_eq!(
            decode(&utf8_bom, false).unwrap(),
            Decoded {
                text: AR.into(),
                encoding: "UTF-8"
            }
        );

        let mut le = vec![0xFF, 0xFE];
        le.extend(AR.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&le, false).unwrap(),
            Decoded {
                text: AR.into(),
                encoding: "UTF-16LE"
            }
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend(AR.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(
            decode(&be, false).unwrap(),
            Decoded {
                text: AR.into(),
                encoding: "UTF-16BE"
            }
        );

        let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(AR);
        assert!(!unmappable);
        assert_eq!(
            decode(&cp1256, false).unwrap(),
            Decoded {
                text: AR.into(),
                encoding: "windows-1256"
            }
        );
    }

    #[test]
    fn html_meta_charset_is_used() {
        let (body, _, _) = encoding_rs::WINDOWS_1256.encode("<p>ليبيا</p>");
        let mut page = b"<html><head><meta charset=\"windows-1256\"></head><body>".to_vec();
        page.extend_from_slice(&body);
        assert_eq!(decode(&page, true).unwrap().encoding, "windows-1256");
        assert!(decode(&page, true).unwrap().text.contains("<p>ليبيا</p>"));
    }

    #[test]
    fn names_documents_that_are_not_text() {
        let e = decode(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", false).unwrap_err();
        assert_eq!(
            e,
            "is a PDF document, not a text file; save the article as .txt, .md or .html to import it"
        );
        assert!(
            decode(b"PK\x03\x04\x14\x00", false)
                .unwrap_err()
                .contains("Office document")
        );
        assert!(
            decode(b"{\\rtf1\\ansi hello}", false)
                .unwrap_err()
                .contains("RTF")
        );
    }

    #[test]
    fn names_damaged_utf8_and_utf16_without_bom() {
        let mut b = format!("{AR}\n{AR}\n").into_bytes();
        b.push(0xFF);
        b.extend_from_slice(AR.as_bytes());
        let e = decode(&b, false).unwrap_err();
        let at = 2 * AR.len() + 2;
        assert!(
            e.starts_with(&format!("is not valid UTF-8: byte {at} (line 3) is 0xFF")),
            "{e}"
        );
        let be: Vec<u8> = AR.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(
            decode(&be, false)
                .unwrap_err()
                .starts_with("looks like UTF-16 BE text")
        );
        let le: Vec<u8> = "Lamorgese a Tripoli"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(
            decode(&le, false)
                .unwrap_err()
                .starts_with("looks like UTF-16 LE text")
        );
    }

    #[test]
    fn refuses_binary_and_broken_text() {
        assert!(
            decode(b"\x01\x02\x03data\0\0\0\rIHDR", false)
                .unwrap_err()
                .contains("binary")
        );
        assert!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8], false)
                .unwrap_err()
                .contains("UTF-16LE")
        );
        let junk: Vec<u8> = (1u8..32)
            .filter(|b| !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
            .cycle()
            .take(200)
            .collect();
        assert!(decode(&junk, false).unwrap_err().contains("binary"));
    }
}
