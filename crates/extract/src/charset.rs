//! Turning page bytes into text: the declared charset when it is believable, a detected one when it
//! is missing or wrong.
//!
//! Order of evidence, strongest first:
//! 1. a byte-order mark;
//! 2. the charset of the transport (`Content-Type` of the HTTP response);
//! 3. a `<meta charset>` or `<meta http-equiv="Content-Type">` in the first bytes of the page;
//! 4. detection with `chardetng`.
//!
//! A declared charset is checked before it is trusted: pages often declare UTF-8 and are written in
//! windows-1250, or declare ISO-8859-1 and are UTF-8. If the bytes are not valid in the declared
//! charset (or are valid UTF-8 with non-ASCII bytes while the declaration names a legacy
//! single-byte charset), detection decides.

use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// How many leading bytes are searched for a `<meta>` charset declaration.
const META_SCAN_BYTES: usize = 4096;

/// How many bytes detection looks at; enough to see the body text of most pages.
const DETECT_BYTES: usize = 64 * 1024;

/// Text decoded from page bytes, and the charset used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text (malformed sequences replaced with U+FFFD).
    pub text: String,
    /// The WHATWG name of the encoding used (`UTF-8`, `windows-1250`, ...).
    pub encoding: &'static str,
    /// Whether the encoding was detected rather than declared.
    pub detected: bool,
}

/// Decodes `bytes`, using `transport` (an HTTP `Content-Type` header value or a bare charset label)
/// as the strongest declaration after a BOM.
pub fn decode(bytes: &[u8], transport: Option<&str>) -> Decoded {
    let (text, enc, detected) = decode_borrowed(bytes, transport);
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        detected,
    }
}

/// Like [`decode`], but valid UTF-8 is borrowed rather than copied. Returns the text, the
/// encoding used and whether it was detected.
pub(crate) fn decode_borrowed<'a>(
    bytes: &'a [u8],
    transport: Option<&str>,
) -> (Cow<'a, str>, &'static Encoding, bool) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, enc, false);
    }
    let declared = transport
        .and_then(label_from_content_type)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(META_SCAN_BYTES)]));
    let enc = match declared {
        Some(enc) if believable(enc, bytes) => Some(enc),
        _ => None,
    };
    let (enc, detected) = match enc {
        Some(e) => (e, false),
        None => (detect(bytes), true),
    };
    let (text, _, _) = enc.decode(bytes);
    (text, enc, detected)
}

/// The encoding named by a `Content-Type` value (`text/html; charset=utf-8`) or a bare label.
pub fn label_from_content_type(value: &str) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let label = match lower.find("charset") {
        Some(i) => {
            let rest = lower[i + "charset".len()..].trim_start();
            let rest = rest.strip_prefix('=')?.trim_start();
            let rest = rest.trim_start_matches(['"', '\'']);
            let end = rest
                .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
                .unwrap_or(rest.len());
            rest[..end].to_string()
        }
        None if !lower.contains('/') => lower.trim().to_string(),
        None => return None,
    };
    Encoding::for_label(label.as_bytes()).map(normalise_declared)
}

/// Pages that say ISO-8859-1 or US-ASCII mean windows-1252 (as browsers do); UTF-16 declared inside
/// an 8-bit page is a lie, since the page could not have been parsed to find it.
fn normalise_declared(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        enc
    }
}

/// Finds `<meta charset=...>` or `<meta http-equiv="content-type" content="...charset=...">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut pos = 0;
    while let Some(i) = find(&lower[pos..], b"<meta") {
        let start = pos + i;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_ascii_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_ascii_start(rest);
                let rest = match rest.first() {
                    Some(b'"') | Some(b'\'') => &rest[1..],
                    _ => rest,
                };
                let stop = rest
                    .iter()
                    .position(|&b| {
                        b == b'"' || b == b'\'' || b == b';' || b == b'/' || b.is_ascii_whitespace()
                    })
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..stop]) {
                    return Some(normalise_declared(enc));
                }
            }
        }
        pos = end.max(start + 1);
        if pos >= lower.len() {
            break;
        }
    }
    None
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether the bytes plausibly are in `enc`.
fn believable(enc: &'static Encoding, bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    let non_ascii = sample.iter().any(|&b| b >= 0x80);
    if !non_ascii {
        return true;
    }
    let utf8_ok = utf8_valid_prefix(sample);
    if enc == UTF_8 {
        return utf8_ok;
    }
    if utf8_ok && enc.is_single_byte() {
        // Valid multi-byte UTF-8 is almost never legacy single-byte text.
        return false;
    }
    if enc.is_single_byte() {
        // A single-byte declaration is believed unless detection is sure of something else in the
        // same script family (a page declaring windows-1252 but written in windows-1250 Polish).
        let guess = detect(bytes);
        return guess == enc
            || !guess.is_single_byte() && guess != UTF_8
            || same_family(enc, guess);
    }
    let (_, _, had_errors) = enc.decode(sample);
    !had_errors
}

/// Single-byte encodings of one script decode most of that script's letters alike, so detection
/// cannot tell them apart reliably; a declaration inside the detected family is believed.
fn same_family(a: &'static Encoding, b: &'static Encoding) -> bool {
    fn family(e: &'static Encoding) -> &'static str {
        match e.name() {
            "windows-1252" | "ISO-8859-15" | "macintosh" => "western",
            "windows-1250" | "ISO-8859-2" => "central",
            "windows-1251" | "KOI8-R" | "KOI8-U" | "ISO-8859-5" | "IBM866" | "x-mac-cyrillic" => {
                "cyrillic"
            }
            "windows-1253" | "ISO-8859-7" => "greek",
            "windows-1255" | "ISO-8859-8" | "ISO-8859-8-I" => "hebrew",
            "windows-1256" | "ISO-8859-6" => "arabic",
            "windows-1257" | "ISO-8859-4" | "ISO-8859-13" => "baltic",
            "windows-1254" | "ISO-8859-3" => "turkish",
            other => other,
        }
    }
    family(a) == family(b)
}

/// Whether `sample` is valid UTF-8, allowing a multi-byte sequence cut at the end of the sample.
fn utf8_valid_prefix(sample: &[u8]) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && sample.len() - e.valid_up_to() < 4,
    }
}

/// Detects the encoding of `bytes` with chardetng.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    if utf8_valid_prefix(sample) {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, sample.len() == bytes.len());
    det.guess(None, chardetng::Utf8Detection::Allow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_page_without_declaration() {
        let d = decode("<p>Zażółć gęślą jaźń</p>".as_bytes(), None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("Zażółć"));
    }

    #[test]
    fn windows_1250_polish_detected_when_undeclared() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode(
            "<p>Wszystko wskazuje na to, że jedna z frakcji zorganizowała zamach, w którym zginęło ponad 130 osób. Źródła mówią, że służby rosyjskie zostały ostrzeżone.</p>",
        );
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "windows-1250");
        assert!(d.text.contains("zginęło"));
        assert!(d.detected);
    }

    #[test]
    fn wrong_declared_latin1_on_utf8_bytes() {
        let html =
            "<meta charset=\"iso-8859-1\"><p>Rysslands militära ingripanden i Tjetjenien</p>";
        let d = decode(html.as_bytes(), None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("militära"));
    }

    #[test]
    fn meta_http_equiv_is_honoured() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><p>Россия заявила</p>",
        );
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "KOI8-R");
        assert!(d.text.contains("Россия"));
    }

    #[test]
    fn transport_header_beats_meta() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("<meta charset=utf-8><p>東京で会見した</p>");
        let d = decode(&bytes, Some("text/html; charset=Shift_JIS"));
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.text.contains("東京"));
    }

    #[test]
    fn bom_wins() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=windows-1252><p>Ä</p>".as_bytes());
        let d = decode(&bytes, None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains('Ä'));
    }

    #[test]
    fn content_type_labels() {
        assert_eq!(
            label_from_content_type("text/html; charset=\"UTF-8\"").map(|e| e.name()),
            Some("UTF-8")
        );
        assert_eq!(label_from_content_type("text/html").map(|e| e.name()), None);
        assert_eq!(
            label_from_content_type("latin1").map(|e| e.name()),
            Some("windows-1252")
        );
    }

    #[test]
    fn garbage_never_panics() {
        for n in 0..600u32 {
            let bytes: Vec<u8> = (0..n)
                .map(|i| (i.wrapping_mul(2654435761) >> 7) as u8)
                .collect();
            let _ = decode(&bytes, Some("charset="));
        }
    }
}
