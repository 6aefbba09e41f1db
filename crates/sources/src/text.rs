//! Decoding plain-text files and telling text from binary data.
//!
//! HTML is passed on as bytes (extraction reads its `<meta charset>`), but a text file has no
//! such declaration, so it is decoded here: UTF-8 when it is valid UTF-8, the encoding a byte
//! order mark names, otherwise the legacy encoding `chardetng` (the detector Firefox uses) finds
//! most likely. Decoding never fails: bytes that do not fit become U+FFFD.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

/// Decodes the bytes of a text file into a string.
pub(crate) fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    let (text, _) = if encoding == UTF_8 {
        UTF_8.decode_without_bom_handling(bytes)
    } else {
        encoding.decode_without_bom_handling(bytes)
    };
    text.into_owned()
}

/// Whether the bytes start with a UTF-16 byte order mark (such text holds NUL bytes).
pub(crate) fn has_utf16_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff])
}

/// Whether the bytes look like binary data rather than text in some 8-bit or UTF-8 encoding.
///
/// Text holds no NUL bytes and few control characters; binary formats (images, PDFs, archives,
/// executables) hold many. A UTF-16 text with its byte order mark is text.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if has_utf16_bom(bytes) {
        return false;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if sample.is_empty() {
        return false;
    }
    let mut nul = 0usize;
    let mut control = 0usize;
    for &b in sample {
        match b {
            0 => nul += 1,
            b'\t' | b'\n' | b'\r' | 0x0c | 0x1b => {}
            0x01..=0x1f | 0x7f => control += 1,
            _ => {}
        }
    }
    // One stray NUL in a long text is a glitch; a few in a short one is binary.
    nul * 1000 > sample.len() || nul > 16 || control * 20 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_kept_and_bom_dropped() {
        assert_eq!(decode_text("Kärnkraft".as_bytes()), "Kärnkraft");
        assert_eq!(decode_text(b"\xef\xbb\xbfhej"), "hej");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Żółw".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert!(!looks_binary(&bytes));
        assert_eq!(decode_text(&bytes), "Żółw");
    }

    #[test]
    fn legacy_encodings_are_detected() {
        // "Stadsbibliotekets öppettider ändras" in windows-1252 / ISO-8859-1.
        let latin1 = b"Stadsbibliotekets \xf6ppettider \xe4ndras fr\xe5n och med m\xe5ndag, \
                       meddelar kommunen i ett pressmeddelande.";
        let text = decode_text(latin1);
        assert!(text.contains("öppettider ändras från"), "{text}");
        // "Привет, мир! Это новости дня." in windows-1251.
        let (cp1251, _, _) =
            encoding_rs::WINDOWS_1251.encode("Привет, мир! Это новости дня и недели.");
        assert_eq!(
            decode_text(&cp1251),
            "Привет, мир! Это новости дня и недели."
        );
    }

    #[test]
    fn binary_is_told_from_text() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"));
        assert!(looks_binary(&[0u8; 100]));
        assert!(!looks_binary(b"Plain text.\n\tIndented line.\n"));
        let mut long = b"word ".repeat(1000);
        long.push(0);
        assert!(!looks_binary(&long));
    }
}
