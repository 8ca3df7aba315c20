//! Input decoding: bytes to text, with the charset found the way browsers find it.
//!
//! Order of precedence: a byte-order mark; the charset of an HTTP-style content type given by the
//! caller; a `<meta charset>` or `<meta http-equiv>` declaration in the first bytes; otherwise
//! UTF-8 when the bytes are valid UTF-8 and Windows-1252 (the web's default legacy encoding) when
//! they are not. A declared single-byte legacy charset is overruled when the bytes are valid UTF-8
//! with multi-byte sequences: pages that declare Latin-1 but carry UTF-8 are common, and the
//! reverse cannot happen by accident. Unknown charset labels are ignored. Malformed sequences
//! become U+FFFD, as in a browser.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::Error;

/// How many leading bytes are searched for a `<meta>` charset declaration.
const META_PRESCAN_BYTES: usize = 4096;

/// Known binary formats, by their leading magic bytes.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"\x1F\x8B", "gzip data"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"%PDF-", "PDF document"),
    (b"\x7FELF", "ELF executable"),
    (b"RIFF", "RIFF media"),
    (b"\x28\xB5\x2F\xFD", "zstd data"),
    (b"BZh", "bzip2 data"),
    (b"\xFD7zXZ\x00", "xz data"),
];

/// Decodes a page's bytes to text; `content_type` is an HTTP `Content-Type` value, if known.
/// UTF-8 input is borrowed, not copied.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
    html: bool,
) -> Result<Cow<'a, str>, Error> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(&bytes[bom_len..]).0);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(encoding.decode_without_bom_handling(bytes).0);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(Error::Binary { kind });
    }
    let declared = content_type
        .and_then(charset_in_content_type)
        .or_else(|| if html { meta_charset(bytes) } else { None });
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let encoding = match declared {
        Some(declared) if declared.is_single_byte() && valid_utf8 && !bytes.is_ascii() => UTF_8,
        // A document cannot declare UTF-16 from inside itself (HTML spec): read it as UTF-8.
        Some(declared) if declared.output_encoding() != declared => UTF_8,
        Some(declared) => declared,
        None if valid_utf8 => UTF_8,
        None => WINDOWS_1252,
    };
    Ok(encoding.decode_without_bom_handling(bytes).0)
}

/// UTF-16 text without a byte-order mark shows as NUL bytes at every other position.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if zero_odd * 10 >= pairs * 7 && zero_even * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if zero_even * 10 >= pairs * 7 && zero_odd * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Binary data: a known magic number, or many control bytes where text would have none.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Some(kind);
    }
    let head = &bytes[..bytes.len().min(1024)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    (!head.is_empty() && control * 10 > head.len()).then_some("unknown binary data")
}

fn charset_in_content_type(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let start = lower.find("charset")? + "charset".len();
    label_after_equals(&lower.as_bytes()[start..])
}

/// The encoding named by the first `charset=` in the leading bytes, if it is inside a tag.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_PRESCAN_BYTES)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&head[from..], b"charset") {
        let at = from + found;
        let inside_tag = head[..at].iter().rposition(|&b| b == b'<')
            > head[..at].iter().rposition(|&b| b == b'>');
        if inside_tag {
            if let Some(encoding) = label_after_equals(&head[at + "charset".len()..]) {
                return Some(encoding);
            }
        }
        from = at + 1;
    }
    None
}

fn label_after_equals(rest: &[u8]) -> Option<&'static Encoding> {
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_honoured_for_legacy_bytes() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xE9</body></html>";
        assert!(decode(page, None, true).unwrap().contains("café"));
    }

    #[test]
    fn content_type_wins_over_meta() {
        let page = b"<meta charset=utf-8><p>\xC4\xE9</p>";
        let text = decode(page, Some("text/html; charset=windows-1251"), true).unwrap();
        assert!(text.contains("Дй"), "{text}");
    }

    #[test]
    fn wrong_latin1_declaration_on_utf8_bytes_reads_utf8() {
        let page = "<meta charset=iso-8859-1><p>café</p>".as_bytes();
        assert!(decode(page, None, true).unwrap().contains("café"));
    }

    #[test]
    fn undeclared_invalid_utf8_falls_back_to_windows_1252() {
        assert_eq!(
            decode(b"caf\xE9 \x93ok\x94", None, false).unwrap(),
            "café “ok”"
        );
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text: Vec<u8> = "<p>Grüße</p>"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&text, None, true).unwrap(), "<p>Grüße</p>");
        let with_bom = [&[0xFF, 0xFE][..], &text].concat();
        assert_eq!(decode(&with_bom, None, true).unwrap(), "<p>Grüße</p>");
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"\x1F\x8B\x08\0", None, true),
            Err(Error::Binary { kind: "gzip data" })
        );
        let junk: Vec<u8> = (0..200u8).map(|b| b % 7).collect();
        assert!(matches!(
            decode(&junk, None, false),
            Err(Error::Binary { .. })
        ));
    }
}
