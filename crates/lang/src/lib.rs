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
//! Plain English prose is recognised by its function words before either detector runs. A script
//! that only one supported language writes (Greek, Hebrew, Devanagari, Hangul, kana) decides
//! alone, and Han text is Chinese or Japanese by its share of kana, as whatlang tells. Otherwise
//! whatlang answers alone when it is sure and names a language without a close sibling; when it
//! names one with siblings, letters that only one of them writes (Russian ы and э, Portuguese ã
//! and õ, …) settle it when the text is not mixed, and lingua decides among the sibling group
//! when they do not (that is both faster and more accurate than lingua over all languages), or
//! among the supported languages of the text's script. Only the first
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

/// Letters that only some languages of a sibling group write, with the language they name when
/// the text has enough of them (see [`spelled_out`]) and none of the letters that rule it out.
///
/// Within a group the alphabets differ: Russian writes ы and э, which Ukrainian and Bulgarian lack,
/// and и, which Belarusian lacks, and never і, ї, є, ґ or ў; Portuguese writes ã and õ, which
/// Spanish and Catalan never do; Swedish writes ä and ö where Danish and Norwegian write æ and ø;
/// Czech writes ř, ů and ě, Slovak ľ, ĺ, ŕ and ô. When the spelling settles it, the group's lingua
/// detector (and its models) is not needed; a text that mixes the alphabets (a quotation, a
/// foreign name) goes to lingua as before.
struct Spelling {
    /// The group in [`GROUPS`] this rule decides within.
    group: usize,
    /// The language the marks name.
    code: &'static str,
    /// Each of these sets must occur in the text.
    marks: &'static [&'static [char]],
    /// None of these may occur.
    excluded: &'static [char],
}

/// How many letters of each mark set a text must have for its spelling to decide; one fewer
/// when the trigram detector's guess is the same language.
const MIN_MARKS: usize = 3;

const SPELLINGS: &[Spelling] = &[
    Spelling {
        group: 3,
        code: "ru",
        marks: &[&['ы', 'э', 'Ы', 'Э'], &['и', 'И']],
        excluded: &['і', 'ї', 'є', 'ґ', 'ў', 'І', 'Ї', 'Є', 'Ґ', 'Ў'],
    },
    Spelling {
        group: 4,
        code: "pt",
        marks: &[&['ã', 'õ', 'Ã', 'Õ']],
        excluded: &['ñ', 'Ñ', '¿', '¡', '·'],
    },
    Spelling {
        group: 0,
        code: "sv",
        marks: &[&['ä', 'ö', 'Ä', 'Ö']],
        excluded: &['æ', 'ø', 'Æ', 'Ø', 'þ', 'ð', 'Þ', 'Ð'],
    },
    Spelling {
        group: 1,
        code: "cs",
        marks: &[&['ř', 'ů', 'ě', 'Ř', 'Ů', 'Ě']],
        excluded: &['ľ', 'ĺ', 'ŕ', 'ô', 'ä', 'Ľ', 'Ĺ', 'Ŕ', 'Ô', 'Ä'],
    },
    Spelling {
        group: 1,
        code: "sk",
        marks: &[&['ľ', 'ĺ', 'ŕ', 'ô', 'Ľ', 'Ĺ', 'Ŕ', 'Ô']],
        excluded: &['ř', 'ů', 'ě', 'Ř', 'Ů', 'Ě'],
    },
];

/// The language of `text` within sibling group `group` when its letters settle it; `guess` is
/// the trigram detector's choice, which lowers the number of marks needed when it agrees (two
/// Portuguese "ã" are not enough on their own: a Spanish text may name São Paulo and João).
fn spelled_out(group: usize, text: &str, guess: &str) -> Option<&'static str> {
    SPELLINGS
        .iter()
        .filter(|s| s.group == group)
        .find(|s| {
            let min = if s.code == guess {
                MIN_MARKS - 1
            } else {
                MIN_MARKS
            };
            let mut counts = [0usize; 4];
            for ch in text.chars() {
                if s.excluded.contains(&ch) {
                    return false;
                }
                for (i, set) in s.marks.iter().enumerate() {
                    if set.contains(&ch) {
                        counts[i] += 1;
                    }
                }
            }
            counts[..s.marks.len()].iter().all(|&n| n >= min)
        })
        .map(|s| s.code)
}

/// Whether `sample` is plainly English prose: at least [`FUNCTION_WORDS_MIN`] words, of which at
/// least 8% are English function words ("the", "and", "that", "with", "which", "were", …; none of
/// them a common word of another supported language) and at most 2% common function words of other
/// languages ("der", "und", "les", "que", "och", "się", …), so that English quoted inside
/// another language's text does not count.
///
/// English is the most common language of news, and its prose is full of function words: on
/// labelled news in eleven languages, the median English text has 17% of its first words in the
/// English list and the 95th percentile of the others 0%; a German article quoting a paragraph of
/// English reaches 14% English but also 20% German. This settles most English text before the
/// trigram detector runs, and only agrees with it.
fn reads_as_english(sample: &str) -> bool {
    let mut words = 0usize;
    let mut english = 0usize;
    let mut foreign = 0usize;
    let mut lower = String::new();
    for word in sample.split(|c: char| !c.is_alphanumeric() && c != '\'') {
        if !word.chars().any(char::is_alphabetic) {
            continue;
        }
        words += 1;
        if word.len() > 6 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        if is_english_function_word(&lower) {
            english += 1;
        } else if is_foreign_function_word(&lower) {
            foreign += 1;
        }
    }
    words >= FUNCTION_WORDS_MIN && english * 100 >= 8 * words && foreign * 100 <= 2 * words
}

/// How many words a sample needs before its function words decide.
const FUNCTION_WORDS_MIN: usize = 30;

/// Frequent English words that are not common words of another supported language ("is", "in",
/// "was", "die", "for", "at" and "of" are: Dutch, German, Danish, Norwegian).
fn is_english_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "and"
            | "that"
            | "with"
            | "from"
            | "this"
            | "which"
            | "have"
            | "has"
            | "had"
            | "were"
            | "are"
            | "been"
            | "said"
            | "would"
            | "their"
            | "they"
            | "there"
            | "not"
            | "but"
            | "his"
            | "its"
            | "who"
            | "into"
            | "when"
            | "what"
            | "than"
            | "about"
            | "after"
            | "more"
            | "could"
            | "should"
            | "she"
            | "him"
            | "our"
            | "you"
            | "your"
            | "these"
            | "those"
            | "other"
    )
}

/// Frequent function words of other supported languages that English text hardly writes.
fn is_foreign_function_word(w: &str) -> bool {
    matches!(
        w,
        // German
        "der" | "das" | "und" | "ist" | "nicht" | "ein" | "eine" | "zu" | "von" | "mit" | "sich"
            | "auf" | "dem" | "des" | "im" | "auch" | "wird"
            // French
            | "le" | "la" | "les" | "et" | "est" | "une" | "du" | "pour" | "dans" | "qui" | "pas"
            | "sur" | "au"
            // Spanish, Italian, Portuguese
            | "el" | "los" | "las" | "y" | "es" | "una" | "del" | "que" | "por" | "con" | "para"
            | "lo" | "se" | "il" | "che" | "di" | "è" | "non" | "della" | "os" | "um" | "uma"
            | "não" | "com"
            // Dutch
            | "het" | "een" | "en" | "van" | "dat" | "op"
            // Polish
            | "w" | "na" | "z" | "się" | "nie" | "że" | "jest"
            // Swedish, Danish, Norwegian
            | "och" | "att" | "det" | "som" | "är" | "av" | "för" | "med" | "til" | "og" | "er"
    )
}

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
    if reads_as_english(sample) {
        return Some("en");
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
            Some(g) => match spelled_out(g, sample, c) {
                Some(code) => return Some(code),
                None => &*GROUP_DETECTORS[g],
            },
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
        if let Some(lang) = detector
            .detect_language_of(chunk)
            .and_then(|lang| plausible(detector, chunk, lang))
        {
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

/// `lang` when `chunk` can be written in it, else the next most likely language that it can be.
///
/// Vietnamese marks its tones and several vowels on nearly every word (ư, ơ, đ, ạ, ế, …); a text
/// without one such letter is not Vietnamese, yet lingua's trigram models, on a short title in
/// plain ASCII, sometimes choose it (an English headline such as "Tokyo Olympics flag bearers
/// named by July 5").
fn plausible(detector: &LanguageDetector, chunk: &str, lang: Language) -> Option<Language> {
    if lang != Language::Vietnamese || chunk.chars().any(is_vietnamese_letter) {
        return Some(lang);
    }
    detector
        .compute_language_confidence_values(chunk)
        .into_iter()
        .find(|&(l, value)| l != Language::Vietnamese && value > 0.0)
        .map(|(l, _)| l)
}

/// Letters that Vietnamese writes and no other supported Latin-script language does: ă, ơ, ư,
/// đ and the vowels with a tone mark below or a hook above (and ẽ, ỹ, ĩ, ũ with a tilde).
fn is_vietnamese_letter(c: char) -> bool {
    matches!(
        c,
        'ă' | 'Ă'
            | 'ơ'
            | 'Ơ'
            | 'ư'
            | 'Ư'
            | 'đ'
            | 'Đ'
            | 'ĩ'
            | 'Ĩ'
            | 'ũ'
            | 'Ũ'
            | 'ẽ'
            | 'Ẽ'
            | 'ỹ'
            | 'Ỹ'
    ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
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
    fn english_function_words_settle_english_but_not_quotations() {
        let en = "The government said on Tuesday that the new budget would raise spending on schools and roads by a tenth next year, and the opposition, which had called for more, said it was not enough for the families who have been waiting.";
        assert!(reads_as_english(en));
        assert_eq!(detect(en, None), Some("en"));
        // German prose around an English quotation: the German function words keep it German.
        let de = "Am 14. Juni 2005 hielt Steve Jobs eine Rede vor den Absolventen der Stanford University. Den Zuhörern erzählte er drei Geschichten: “You can only connect them looking backwards, so you have to trust that the dots will somehow connect in your future.” Mit den “dots” meinte er die kleinen Bausteine, aus denen sich ein Leben zusammensetzt, und das ist nicht wenig.";
        assert!(!reads_as_english(de));
        assert_eq!(detect(de, None), Some("de"));
        // Too few words to decide on function words alone.
        assert!(!reads_as_english("The attack and the aftermath"));
        // Dutch shares "is", "in" and "was" with English, none of which count.
        let nl = "De regering heeft dinsdag aangekondigd dat het nieuwe budget de uitgaven voor scholen en wegen volgend jaar met een tiende verhoogt, en de oppositie was in het debat kritisch over het besluit, dat is genomen zonder overleg.";
        assert!(!reads_as_english(nl));
    }

    #[test]
    fn spelling_rules_name_a_language_of_their_group() {
        for s in SPELLINGS {
            assert!(
                GROUPS[s.group].iter().any(|l| code(*l) == s.code),
                "{} is not in group {}",
                s.code,
                s.group
            );
        }
    }

    #[test]
    fn spelling_settles_siblings_only_when_unmixed() {
        let ru = "Правительство объявило во вторник, что новый бюджет увеличит расходы на школы и дороги, а оппозиция это решение раскритиковала.";
        assert_eq!(spelled_out(3, ru, ""), Some("ru"));
        assert_eq!(detect(ru, None), Some("ru"));
        // A Ukrainian letter in the text leaves the choice to lingua.
        assert_eq!(spelled_out(3, &format!("{ru} Київ"), ""), None);
        let uk = "Уряд у вівторок оголосив, що новий бюджет збільшить витрати на школи та дороги.";
        assert_eq!(spelled_out(3, uk, ""), None);
        let pt = "O governo anunciou na terça-feira que o novo orçamento vai aumentar os gastos com escolas e estradas, e a oposição criticou a decisão, que não foi votada.";
        assert_eq!(spelled_out(4, pt, ""), Some("pt"));
        assert_eq!(detect(pt, None), Some("pt"));
        let es = "El gobierno anunció el martes que el nuevo presupuesto aumentará el gasto en escuelas y carreteras el próximo año.";
        assert_eq!(spelled_out(4, es, ""), None);
        // Two marks decide only when the trigram guess agrees.
        let es_names = "El alcalde de São Paulo, João Doria, anunció el martes que el nuevo presupuesto aumentará el gasto.";
        assert_eq!(spelled_out(4, es_names, "es"), None);
        assert_eq!(detect(es_names, None), Some("es"));
        let pt_two = "Nesta página você não perde a classificação atualizada da temporada.";
        assert_eq!(spelled_out(4, pt_two, "pt"), Some("pt"));
        assert_eq!(spelled_out(4, pt_two, "es"), None);
        assert_eq!(detect(es, None), Some("es"));
        let sv = "Regeringen meddelade på tisdagen att den nya budgeten ska öka satsningarna på skolor och vägar med en tiondel under nästa år.";
        assert_eq!(spelled_out(0, sv, ""), Some("sv"));
        let da = "Regeringen meddelte tirsdag, at det nye budget skal øge investeringerne i skoler og veje med en tiendedel næste år.";
        assert_eq!(spelled_out(0, da, ""), None);
        let cs = "Vláda v úterý oznámila, že nový rozpočet zvýší výdaje na školy a silnice o desetinu příštího roku. Předtím ministr řekl, že děti dostanou více peněz.";
        assert_eq!(spelled_out(1, cs, ""), Some("cs"));
        let sk = "Vláda v utorok oznámila, že nový rozpočet zvýši výdavky na školy a cesty o desatinu budúceho roka, čo opozícia kritizovala, lebo ľudia chcú viac, vôbec nie menej; ľahko sa to nedá a kôň to neutiahne.";
        assert_eq!(spelled_out(1, sk, ""), Some("sk"));
    }

    #[test]
    fn vietnamese_needs_its_letters() {
        assert!(
            is_vietnamese_letter('ư') && is_vietnamese_letter('ạ') && is_vietnamese_letter('ỹ')
        );
        assert!(
            !is_vietnamese_letter('a') && !is_vietnamese_letter('é') && !is_vietnamese_letter('ã')
        );
        for title in [
            "IOA likely to declare Tokyo Olympics flag bearers name by July 5",
            "Wimbledon tennis: American Sofia Kenin suffers upset, says no to Olympics",
        ] {
            assert_ne!(detect(title, None), Some("vi"), "{title}");
        }
        assert_eq!(
            detect(
                "Chính phủ công bố vào thứ Ba rằng ngân sách mới sẽ tăng chi tiêu cho trường học và đường sá.",
                None
            ),
            Some("vi")
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
