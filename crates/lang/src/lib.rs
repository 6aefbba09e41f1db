//! Language identification of article text.
//!
//! Two detectors work together:
//!
//! * [whatlang](https://docs.rs/whatlang), a trigram-profile detector that decides a page of text
//!   in microseconds and is reliable on article-length text for languages that have no close
//!   sibling, and whose script detection is exact;
//! * [lingua](https://docs.rs/lingua), with the supported languages of the Latin, Cyrillic and
//!   Arabic scripts compiled in, accurate on short and mixed text and between close siblings
//!   (Swedish, Danish and Norwegian; Czech and Slovak; Croatian, Serbian and Slovene; Russian,
//!   Ukrainian, Belarusian and Bulgarian; Spanish, Portuguese and Catalan), but about a thousand
//!   times slower.
//!
//! A script that only one supported language writes (Greek, Hebrew, Devanagari, Hangul, kana)
//! decides alone, and Han text is Chinese or Japanese by its share of kana, as whatlang tells.
//! Otherwise whatlang answers alone when it is sure and names a language without a close sibling;
//! lingua decides among the sibling group when whatlang named one (that is both faster and more
//! accurate), or among the supported languages of the text's script. Only the first
//! [`SAMPLE_CHARS`] characters are looked at: more text adds time and hardly any accuracy.
//! Detectors are built once, on first use, and shared by all threads; a detector of a few
//! languages is quick to build, which keeps a short run (one `parallax extract` of a few pages)
//! from paying for models it never reads.

#![warn(missing_docs)]

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use std::sync::LazyLock;

/// How many characters of a text the detector reads.
pub const SAMPLE_CHARS: usize = 600;

/// The languages the detector knows, as ISO 639-1 codes. Norwegian Bokmål and Nynorsk are both
/// reported as `no`.
pub const SUPPORTED: &[&str] = &[
    "en", "sv", "no", "da", "fi", "pl", "de", "nl", "fr", "es", "it", "pt", "ru", "uk", "cs", "sk",
    "tr", "ar", "fa", "zh", "ja", "ko", "el", "hu", "ro", "hr", "sr", "sl", "bg", "et", "lv", "lt",
    "he", "hi", "id", "vi", "ca", "be", "is",
];

/// The supported languages written in the Latin script.
const LATIN: &[Language] = &[
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
    Language::Czech,
    Language::Slovak,
    Language::Turkish,
    Language::Hungarian,
    Language::Romanian,
    Language::Croatian,
    Language::Slovene,
    Language::Estonian,
    Language::Latvian,
    Language::Lithuanian,
    Language::Indonesian,
    Language::Vietnamese,
    Language::Catalan,
    Language::Icelandic,
];

/// The supported languages written in the Cyrillic script.
const CYRILLIC: &[Language] = &[
    Language::Russian,
    Language::Ukrainian,
    Language::Belarusian,
    Language::Bulgarian,
    Language::Serbian,
];

/// The supported languages written in the Arabic script.
const ARABIC: &[Language] = &[Language::Arabic, Language::Persian];

/// One detector per script that several supported languages share, built on first use.
static SCRIPT_DETECTORS: [LazyLock<LanguageDetector>; 3] = [
    LazyLock::new(|| build(LATIN)),
    LazyLock::new(|| build(CYRILLIC)),
    LazyLock::new(|| build(ARABIC)),
];

/// The detector for text in `script`, when several supported languages write it.
fn script_detector(script: whatlang::Script) -> Option<&'static LanguageDetector> {
    use whatlang::Script as S;
    let i = match script {
        S::Latin => 0,
        S::Cyrillic => 1,
        S::Arabic => 2,
        _ => return None,
    };
    Some(&SCRIPT_DETECTORS[i])
}

/// The language of text in `script` when only one supported language writes that script (for Han
/// text, whatlang's choice between Chinese and Japanese by the share of kana).
fn sole_language(script: whatlang::Script, lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Script as S;
    Some(match script {
        S::Greek => "el",
        S::Hebrew => "he",
        S::Devanagari => "hi",
        S::Hangul => "ko",
        S::Hiragana | S::Katakana => "ja",
        S::Mandarin if lang == whatlang::Lang::Jpn => "ja",
        S::Mandarin => "zh",
        _ => return None,
    })
}

/// Groups of close siblings that whatlang confuses and lingua tells apart.
const GROUPS: &[&[Language]] = &[
    &[
        Language::Swedish,
        Language::Bokmal,
        Language::Nynorsk,
        Language::Danish,
        Language::Icelandic,
    ],
    &[Language::Czech, Language::Slovak],
    &[Language::Croatian, Language::Serbian, Language::Slovene],
    &[
        Language::Russian,
        Language::Ukrainian,
        Language::Belarusian,
        Language::Bulgarian,
    ],
    &[Language::Spanish, Language::Portuguese, Language::Catalan],
];

/// One detector per sibling group, built on first use.
static GROUP_DETECTORS: [LazyLock<LanguageDetector>; 5] = [
    LazyLock::new(|| build(GROUPS[0])),
    LazyLock::new(|| build(GROUPS[1])),
    LazyLock::new(|| build(GROUPS[2])),
    LazyLock::new(|| build(GROUPS[3])),
    LazyLock::new(|| build(GROUPS[4])),
];

fn build(languages: &[Language]) -> LanguageDetector {
    LanguageDetectorBuilder::from_languages(languages)
        .with_low_accuracy_mode()
        .build()
}

/// whatlang, weighing only the languages that map to a supported code: that is faster than
/// weighing all it knows and never answers a language we would throw away.
static WHATLANG: LazyLock<whatlang::Detector> = LazyLock::new(|| {
    let supported = whatlang::Lang::all()
        .iter()
        .copied()
        .filter(|l| from_whatlang(*l).is_some())
        .collect();
    whatlang::Detector::with_allowlist(supported)
});

/// The supported ISO 639-1 code of a whatlang language, if it is one we support.
fn from_whatlang(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang as W;
    Some(match lang {
        W::Eng => "en",
        W::Swe => "sv",
        W::Nob => "no",
        W::Dan => "da",
        W::Fin => "fi",
        W::Pol => "pl",
        W::Deu => "de",
        W::Nld => "nl",
        W::Fra => "fr",
        W::Spa => "es",
        W::Ita => "it",
        W::Por => "pt",
        W::Rus => "ru",
        W::Ukr => "uk",
        W::Ces => "cs",
        W::Slk => "sk",
        W::Tur => "tr",
        W::Ara => "ar",
        W::Pes => "fa",
        W::Cmn => "zh",
        W::Jpn => "ja",
        W::Kor => "ko",
        W::Ell => "el",
        W::Hun => "hu",
        W::Ron => "ro",
        W::Hrv => "hr",
        W::Srp => "sr",
        W::Slv => "sl",
        W::Bul => "bg",
        W::Est => "et",
        W::Lav => "lv",
        W::Lit => "lt",
        W::Heb => "he",
        W::Hin => "hi",
        W::Ind => "id",
        W::Vie => "vi",
        W::Cat => "ca",
        W::Bel => "be",
        _ => return None,
    })
}

/// The sibling group a supported code belongs to, if any.
fn group_of(code_: &str) -> Option<usize> {
    GROUPS
        .iter()
        .position(|g| g.iter().any(|l| code(*l) == code_))
}

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
        Language::Hungarian => "hu",
        Language::Romanian => "ro",
        Language::Croatian => "hr",
        Language::Serbian => "sr",
        Language::Slovene => "sl",
        Language::Bulgarian => "bg",
        Language::Estonian => "et",
        Language::Latvian => "lv",
        Language::Lithuanian => "lt",
        Language::Indonesian => "id",
        Language::Vietnamese => "vi",
        Language::Catalan => "ca",
        Language::Belarusian => "be",
        Language::Icelandic => "is",
    }
}

/// Normalises a declared language tag (`en-US`, `sv_SE`, `nb`, `EN`) to a supported ISO 639-1
/// code, or `None` when it names no supported language.
pub fn normalize_tag(tag: &str) -> Option<&'static str> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
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
    let Some(fast) = WHATLANG.detect(sample) else {
        return declared;
    };
    if let Some(code) = sole_language(fast.script(), fast.lang()) {
        return Some(code);
    }
    let fast_code = from_whatlang(fast.lang());
    let detector = match (fast_code, fast.is_reliable()) {
        (Some(c), true) => match group_of(c) {
            None => return Some(c),
            Some(g) => &*GROUP_DETECTORS[g],
        },
        _ => match script_detector(fast.script()) {
            Some(d) => d,
            None => return fast_code.or(declared),
        },
    };
    // Vote over sentence-sized chunks, weighted by length: lingua rules out every language whose
    // alphabet lacks a letter of the text, so one foreign name ("Łukasz" in English prose) would
    // otherwise decide for the whole text.
    let mut votes: Vec<(&'static str, usize)> = Vec::new();
    for chunk in chunks(sample, CHUNK_CHARS) {
        if let Some(lang) = detector.detect_language_of(chunk) {
            let c = code(lang);
            let n = chunk.len();
            match votes.iter_mut().find(|(l, _)| *l == c) {
                Some((_, total)) => *total += n,
                None => votes.push((c, n)),
            }
        }
    }
    votes
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map(|(l, _)| l)
        .or(declared)
}

/// Target size of one chunk of a vote, in bytes.
const CHUNK_CHARS: usize = 200;

/// Splits `text` at sentence ends into chunks of at least `min` bytes (the last may be shorter).
fn chunks(text: &str, min: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?' | '\n' | '。' | '！' | '？')
            && i + c.len_utf8() - start >= min
        {
            out.push(&text[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        let rest = &text[start..];
        // A short tail joins the previous chunk rather than voting on its own.
        match out.last_mut() {
            Some(last) if rest.len() < min / 2 => {
                let begin = text.len() - rest.len() - last.len();
                *last = &text[begin..];
            }
            _ => out.push(rest),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_supported_languages_of_the_samples() {
        assert_eq!(
            detect(
                "Everything indicates that one of the ISIS factions managed to organize the attack in which over 130 people died.",
                None
            ),
            Some("en")
        );
        assert_eq!(
            detect(
                "De länder där IS-K verkar, och de närbelägna muslimska majoritetsregionerna i södra Ryssland, är bördig mark för rekrytering.",
                None
            ),
            Some("sv")
        );
        assert_eq!(
            detect(
                "Wszystko wskazuje na to, że jedna z frakcji Państwa Islamskiego zorganizowała zamach, w którym zginęło ponad 130 osób.",
                None
            ),
            Some("pl")
        );
        assert_eq!(
            detect(
                "Россия обвинила Украину в причастности к теракту в концертном зале.",
                None
            ),
            Some("ru")
        );
    }

    #[test]
    fn a_foreign_name_does_not_decide_the_language() {
        let text = "Jihadists from the Khorasan province are most likely the perpetrators of the attack on a concert hall near Moscow. \
            The motivations are laid out directly in the programmatic writings of the Islamic State, explains Dr. Łukasz Fyderek. \
            ISIS-K fighters are exceptionally ruthless. Most of them are partisans and their number is estimated at several thousand people.";
        assert_eq!(detect(text, None), Some("en"));
    }

    #[test]
    fn close_siblings_are_told_apart() {
        assert_eq!(
            detect(
                "Regeringen meddelade på tisdagen att den nya budgeten ska öka satsningarna på skolor och vägar med en tiondel under nästa år, och oppositionen kritiserade beslutet.",
                None
            ),
            Some("sv")
        );
        assert_eq!(
            detect(
                "Regeringen meddelte tirsdag, at det nye budget skal øge investeringerne i skoler og veje med en tiendedel næste år, og oppositionen kritiserede beslutningen.",
                None
            ),
            Some("da")
        );
        assert_eq!(
            detect(
                "Regjeringen kunngjorde tirsdag at det nye budsjettet skal øke satsingen på skoler og veier med en tidel neste år, og opposisjonen kritiserte beslutningen.",
                None
            ),
            Some("no")
        );
        assert_eq!(
            detect(
                "Уряд у вівторок оголосив, що новий бюджет збільшить витрати на школи та дороги на десяту частину наступного року.",
                None
            ),
            Some("uk")
        );
    }

    #[test]
    fn scripts_of_one_language_decide_alone() {
        let cases = [
            (
                "Η κυβέρνηση ανακοίνωσε την Τρίτη ότι ο νέος προϋπολογισμός θα αυξήσει τις δαπάνες.",
                "el",
            ),
            (
                "הממשלה הודיעה ביום שלישי כי התקציב החדש יגדיל את ההוצאות על בתי ספר.",
                "he",
            ),
            (
                "सरकार ने मंगलवार को घोषणा की कि नया बजट स्कूलों और सड़कों पर खर्च बढ़ाएगा।",
                "hi",
            ),
            (
                "정부는 화요일 새 예산이 학교와 도로에 대한 지출을 늘릴 것이라고 발표했다.",
                "ko",
            ),
            (
                "政府は火曜日、新しい予算で学校と道路への支出を増やすと発表した。",
                "ja",
            ),
            (
                "政府周二宣布，新预算将增加学校和道路方面的支出，反对派批评了这一决定。",
                "zh",
            ),
        ];
        for (text, lang) in cases {
            assert_eq!(detect(text, None), Some(lang), "{text}");
        }
        // Persian and Arabic share a script: lingua tells them apart.
        assert_eq!(
            detect(
                "دولت روز سه‌شنبه اعلام کرد که بودجه جدید هزینه‌های مدارس و جاده‌ها را افزایش می‌دهد.",
                None
            ),
            Some("fa")
        );
        assert_eq!(
            detect(
                "أعلنت الحكومة يوم الثلاثاء أن الميزانية الجديدة ستزيد الإنفاق على المدارس والطرق.",
                None
            ),
            Some("ar")
        );
    }

    #[test]
    fn chunks_cover_the_text() {
        let t = "One sentence here. Two sentences here! Three? Four and the tail";
        let c = chunks(t, 10);
        assert_eq!(c.concat(), t);
        assert!(chunks("", 10).is_empty());
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
        for l in Language::all() {
            assert!(SUPPORTED.contains(&code(l)), "{l:?}");
            let scripts = [LATIN, CYRILLIC, ARABIC];
            let n = scripts.iter().filter(|s| s.contains(&l)).count();
            assert_eq!(n, 1, "{l:?} belongs to one script's detector");
        }
        for group in GROUPS {
            assert!(group.iter().all(|l| Language::all().contains(l)));
        }
    }
}
