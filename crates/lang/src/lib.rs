//! Language identification of article text.
//!
//! Built on [lingua](https://docs.rs/lingua), which is accurate on short and mixed text, with the
//! languages Parallax supports compiled in (see [`SUPPORTED`]). The detector is built once, on first
//! use, and shared by all threads. Only the first [`SAMPLE_CHARS`] characters are looked at: more
//! text adds time and hardly any accuracy.

#![warn(missing_docs)]

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::LazyLock;

/// How many characters of a text the detector reads.
pub const SAMPLE_CHARS: usize = 1200;

/// The languages the detector knows, as ISO 639-1 codes. Norwegian Bokmål and Nynorsk are both
/// reported as `no`.
pub const SUPPORTED: &[&str] = &[
    "en", "sv", "no", "da", "fi", "pl", "de", "nl", "fr", "es", "it", "pt", "ru", "uk", "cs", "sk",
    "tr", "ar", "fa", "zh", "ja", "ko", "el", "hu", "ro", "hr", "sr", "sl", "bg", "et", "lv", "lt",
    "he", "hi", "id", "vi", "ca", "be", "is",
];

const LANGUAGES: &[Language] = &[
    Language::English,
    Language::Swedish,
    Language::Bokmal,
    Language::Nynorsk,
    Language::Danish,
    Language::Finnish,
    Language::Polish,
    Language::German,
    Language::Dutch,
    Language::French,
    Language::Spanish,
    Language::Italian,
    Language::Portuguese,
    Language::Russian,
    Language::Ukrainian,
    Language::Czech,
    Language::Slovak,
    Language::Turkish,
    Language::Arabic,
    Language::Persian,
    Language::Chinese,
    Language::Japanese,
    Language::Korean,
    Language::Greek,
    Language::Hungarian,
    Language::Romanian,
    Language::Croatian,
    Language::Serbian,
    Language::Slovene,
    Language::Bulgarian,
    Language::Estonian,
    Language::Latvian,
    Language::Lithuanian,
    Language::Hebrew,
    Language::Hindi,
    Language::Indonesian,
    Language::Vietnamese,
    Language::Catalan,
    Language::Belarusian,
    Language::Icelandic,
];

static DETECTOR: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(LANGUAGES)
        .with_low_accuracy_mode()
        .build()
});

/// The ISO 639-1 code of `language`, with both written Norwegian standards as `no`.
fn code(language: Language) -> &'static str {
    match language {
        Language::Bokmal | Language::Nynorsk => "no",
        Language::English => "en",
        Language::Swedish => "sv",
        Language::Danish => "da",
        Language::Finnish => "fi",
        Language::Polish => "pl",
        Language::German => "de",
        Language::Dutch => "nl",
        Language::French => "fr",
        Language::Spanish => "es",
        Language::Italian => "it",
        Language::Portuguese => "pt",
        Language::Russian => "ru",
        Language::Ukrainian => "uk",
        Language::Czech => "cs",
        Language::Slovak => "sk",
        Language::Turkish => "tr",
        Language::Arabic => "ar",
        Language::Persian => "fa",
        Language::Chinese => "zh",
        Language::Japanese => "ja",
        Language::Korean => "ko",
        Language::Greek => "el",
        Language::Hungarian => "hu",
        Language::Romanian => "ro",
        Language::Croatian => "hr",
        Language::Serbian => "sr",
        Language::Slovene => "sl",
        Language::Bulgarian => "bg",
        Language::Estonian => "et",
        Language::Latvian => "lv",
        Language::Lithuanian => "lt",
        Language::Hebrew => "he",
        Language::Hindi => "hi",
        Language::Indonesian => "id",
        Language::Vietnamese => "vi",
        Language::Catalan => "ca",
        Language::Belarusian => "be",
        Language::Icelandic => "is",
        // Not among LANGUAGES, so the detector never returns it; keep the mapping total anyway.
        _ => "und",
    }
}

/// Normalises a declared language tag (`en-US`, `sv_SE`, `nb`, `EN`) to a supported ISO 639-1
/// code, or `None` when it names no supported language.
pub fn normalize_tag(tag: &str) -> Option<&'static str> {
    let primary = tag
        .trim()
        .split(['-', '_'])
        .next()?
        .to_ascii_lowercase();
    let primary = match primary.as_str() {
        "nb" | "nn" | "no" => "no",
        other => other,
    };
    SUPPORTED.iter().copied().find(|c| *c == primary)
}

/// Detects the language of `text`; `declared` (a page's `lang` attribute, a feed's language) is
/// used when the text is too short or too mixed to tell.
///
/// Returns an ISO 639-1 code from [`SUPPORTED`], or `None` when neither the text nor the
/// declaration names a supported language.
pub fn detect(text: &str, declared: Option<&str>) -> Option<&'static str> {
    let sample: &str = match text.char_indices().nth(SAMPLE_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    let declared = declared.and_then(normalize_tag);
    if letters < 12 {
        return declared;
    }
    match DETECTOR.detect_language_of(sample) {
        Some(lang) => Some(code(lang)),
        None => declared,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_supported_languages_of_the_samples() {
        assert_eq!(
            detect("Everything indicates that one of the ISIS factions managed to organize the attack in which over 130 people died.", None),
            Some("en")
        );
        assert_eq!(
            detect("De länder där IS-K verkar, och de närbelägna muslimska majoritetsregionerna i södra Ryssland, är bördig mark för rekrytering.", None),
            Some("sv")
        );
        assert_eq!(
            detect("Wszystko wskazuje na to, że jedna z frakcji Państwa Islamskiego zorganizowała zamach, w którym zginęło ponad 130 osób.", None),
            Some("pl")
        );
        assert_eq!(detect("Россия обвинила Украину в причастности к теракту в концертном зале.", None), Some("ru"));
    }

    #[test]
    fn short_text_falls_back_to_the_declaration() {
        assert_eq!(detect("OK", Some("sv-SE")), Some("sv"));
        assert_eq!(detect("", Some("xx")), None);
        assert_eq!(detect("", None), None);
    }

    #[test]
    fn tags_normalise() {
        assert_eq!(normalize_tag("en-US"), Some("en"));
        assert_eq!(normalize_tag("nb_NO"), Some("no"));
        assert_eq!(normalize_tag("PL"), Some("pl"));
        assert_eq!(normalize_tag("tlh"), None);
    }

    #[test]
    fn every_language_has_a_supported_code() {
        for l in LANGUAGES {
            assert!(SUPPORTED.contains(&code(*l)), "{l:?}");
        }
    }
}
