//! Text normalisation: word splitting, case folding, transliteration, light stemming, stopwords.
//!
//! Everything here is language-agnostic on purpose: a document whose language is unknown or
//! wrong is still tokenised sensibly, and the same name written in two languages or scripts
//! ("Rysslands", "Russland", "Россия") is reduced by the same rules.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// Whether `c` belongs to a script written without spaces between words (Han, kana), where
/// documents are indexed by character bigrams.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // CJK Extensions B..F and supplement
}

/// Whether `c` can be part of a word token (letters, digits and combining marks).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (diacritics written as separate code points, Arabic vowel signs, ...).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED)
}

/// Whether transliterating `c` to Latin letters is safe and useful: Latin letters with
/// diacritics, Greek and Cyrillic. Other scripts (Arabic, Hebrew, Indic, Hangul, ...) are kept
/// as they are, so that a name still matches its own spelling in that script.
fn transliterable(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x0370..=0x03FF | 0x0400..=0x052F | 0x1E00..=0x1FFF)
}

/// Lower-cases `word`, folds diacritics, transliterates Greek and Cyrillic to Latin and drops
/// combining marks, appending the result to `out` (which is cleared first).
///
/// Arabic letters written in several ways are folded to one (alef with hamza or madda to bare
/// alef, alef maqsura to ya, ta marbuta to ha) and the tatweel (a stretching stroke) dropped.
///
/// `"Россия"` becomes `"rossiia"`, `"Zürich"` becomes `"zurich"`, `"روسيا"` stays as it is.
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_mark(c) || c == '\u{0640}' {
            continue;
        } else if let Some(f) = fold_arabic(c) {
            out.push(f);
        } else if transliterable(c) {
            match deunicode::deunicode_char(c) {
                Some(s) => {
                    for t in s.chars() {
                        if t.is_ascii_alphanumeric() {
                            out.push(t.to_ascii_lowercase());
                        }
                    }
                }
                None => out.extend(c.to_lowercase()),
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The one spelling of an Arabic letter written in several ways, if `c` is one of them.
fn fold_arabic(c: char) -> Option<char> {
    match c {
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => Some('\u{0627}'),
        '\u{0649}' => Some('\u{064A}'),
        '\u{0629}' => Some('\u{0647}'),
        _ => None,
    }
}

/// Returns the normalised form of `word`: lower-cased, diacritics folded, Greek and Cyrillic
/// transliterated to Latin, combining marks dropped; other scripts kept as they are.
pub fn normalize(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    normalize_into(word, &mut s);
    s
}

/// Suffixes removed (at most one, longest first) before trailing vowels are stripped. They are
/// common inflection endings of English, Swedish, German, Dutch and the Romance languages.
const SUFFIXES: &[&str] = &[
    "ungen", "ingen", "arnas", "ernas", "ornas", "heten", "ments", "ation", "arna", "erna", "orna",
    "ende", "ande", "ment", "ing", "ung", "ed", "en", "er", "ar", "es", "et", "em",
];

/// Light, language-independent stemming of a normalised word: strips one trailing genitive or
/// plural `s`, one common inflection suffix and then trailing vowels, never leaving fewer than
/// four characters. Words of other scripts than Latin are returned unchanged.
///
/// `"rysslands"` → `"ryssland"`, `"shootings"` → `"shoot"`, `"putina"` → `"putin"`.
pub fn stem(word: &str) -> &str {
    const MIN: usize = 4;
    if word.starts_with(is_arabic_letter) {
        return stem_arabic(word);
    }
    if !word.is_ascii() || word.len() <= MIN || word.bytes().any(|b| b.is_ascii_digit()) {
        return word;
    }
    let mut w = word;
    if w.len() > MIN + 1 && w.ends_with('s') && !w.ends_with("ss") {
        w = &w[..w.len() - 1];
    }
    for suf in SUFFIXES {
        if w.len() >= MIN + suf.len() && w.ends_with(suf) {
            w = &w[..w.len() - suf.len()];
            break;
        }
    }
    while w.len() > MIN
        && matches!(
            w.as_bytes()[w.len() - 1],
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
        )
    {
        w = &w[..w.len() - 1];
    }
    w
}

/// Whether `c` is a letter of the basic Arabic block.
fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0621..=0x064A)
}

/// Prefixes (the article and the conjunctions and prepositions written onto it) removed by
/// [`stem_arabic`], longest first; at most one.
const ARABIC_PREFIXES: &[&str] = &["وال", "بال", "كال", "فال", "لل", "ال", "و"];
/// Suffixes (plural, dual, feminine and pronoun endings, after folding) removed by
/// [`stem_arabic`], longest first; at most one.
const ARABIC_SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// Light Arabic stemming of a normalised word: one prefix and one suffix removed, as long as
/// three letters remain ("والانتخابات" and "الانتخابات" → "انتخاب").
fn stem_arabic(word: &str) -> &str {
    const MIN: usize = 3;
    let letters = |s: &str| s.chars().count();
    let mut w = word;
    for p in ARABIC_PREFIXES {
        if let Some(rest) = w.strip_prefix(p)
            && letters(rest) >= MIN
        {
            w = rest;
            break;
        }
    }
    for suf in ARABIC_SUFFIXES {
        if let Some(rest) = w.strip_suffix(suf)
            && letters(rest) >= MIN
        {
            w = rest;
            break;
        }
    }
    w
}

/// Function words of the main languages, one group per language, in written form. One set for
/// all when deciding what a stopword is (a document's language may be unknown or wrong); the
/// group a word comes from tells which languages it speaks for (see [`stopword_languages`]).
const STOPWORD_GROUPS: &[&str] = &[
    // English
    "a about after again against all also am an and any are as at be been before being between
    both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its just me more most my no nor not
    now of off on once only or other our out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your said says new one two three
    first last year years told like get got make made may might must us it's",
    // Swedish, Danish, Norwegian
    "i och att det som en ett den de er han hon vi ni jag du av för på med till är var om men från
    har hade inte kan ska skulle efter när så också eller vid under över mot sina sin sitt sig dem
    deras hans hennes alla nu där här detta denna dessa blir blev bli vara varit enligt mer än",
    // German
    "der die das und ist im nicht ein eine einer eines einem einen zu den dem des mit sich auf für
    von auch es an als wie bei nach aus wird wurde werden sind war hat haben noch nur oder aber vor
    zum zur über unter durch am bis um sein seine ihre ihr wir sie er ich",
    // Dutch
    "het een en van de ik te dat die in is op voor met zijn niet aan ook als er maar om bij dan nog
    wordt werd hun naar uit heeft worden door",
    // French
    "le la les un une des du de et en est pour dans que qui sur au aux ce cette ces par pas plus ne
    se son sa ses il elle ils elles nous vous été avec ont sont mais ou où leur leurs être fait
    selon",
    // Spanish
    "el los las del y en un una unos unas que por con para es se su sus al lo como más pero fue ha
    han este esta estos estas ese esa entre sobre también sin desde hasta muy ya o le les de la",
    // Portuguese
    "o os as um uma do da dos das em no na nos nas por com para é ao à que não mais foi são como seu
    sua pelo pela de",
    // Italian
    "il lo gli i di da in con su per tra fra che non è e ed al allo alla ai agli alle del dello
    della dei degli delle nel nello nella nei negli nelle sul sulla sono stato ha hanno anche più
    come la le un una",
    // Polish
    "w z i na do się nie jest to że o od za po przez jak ale dla co jego jej ich tak już oraz
    który która które przy",
    // Slovene
    "je v in za na se so da ki ne z s pa ter ali tudi od po pri bo",
    // Russian, transliterated
    "i v na s ne chto on ona ono oni eto kak po k no iz za ot dlia vo so o uzhe",
    // Turkish
    "ve bir bu da de ile için olarak daha çok gibi",
    // Arabic (written after folding: bare alef, ya for alef maqsura)
    "في من علي الي عن مع ان هذا هذه ذلك التي الذي التي كان كانت قد لا ما او ثم حيث بين عند
    بعد قبل كل هو هي هم وقال قال وفي ومن علي الا لم لن منذ خلال",
];

/// Number of language groups in [`STOPWORD_GROUPS`].
pub const STOPWORD_LANGUAGES: usize = 13;

/// Normalised stopword → bit mask of the language groups it belongs to. Words written with
/// diacritics are stored in both spellings, so lookups need no folding.
static STOPWORDS: LazyLock<FxHashMap<String, u16>> = LazyLock::new(|| {
    let mut map: FxHashMap<String, u16> = FxHashMap::default();
    for (i, group) in STOPWORD_GROUPS.iter().enumerate() {
        for w in group.split_whitespace() {
            *map.entry(w.to_string()).or_insert(0) |= 1 << i;
            let folded = normalize(w);
            if folded != w {
                *map.entry(folded).or_insert(0) |= 1 << i;
            }
        }
    }
    map
});

/// Whether a normalised word is a function word of one of the main languages.
pub fn is_stopword(normalized: &str) -> bool {
    STOPWORDS.contains_key(normalized)
}

/// The language groups a normalised function word belongs to, as a bit mask (bit `i` for group
/// `i`, fewer than [`STOPWORD_LANGUAGES`] bits); 0 when it is not a stopword.
pub fn stopword_languages(normalized: &str) -> u16 {
    STOPWORDS.get(normalized).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_diacritics_and_scripts() {
        assert_eq!(normalize("Zürich"), "zurich");
        assert_eq!(normalize("RYSSLAND"), "ryssland");
        assert!(normalize("Россия").starts_with("ross"));
        assert_eq!(normalize("Αθήνα"), "athena");
        assert_eq!(normalize("روسيا"), "روسيا");
    }

    #[test]
    fn stem_strips_inflections_across_languages() {
        assert_eq!(stem("rysslands"), "ryssland");
        assert_eq!(stem("ryssland"), "ryssland");
        assert_eq!(stem("putina"), stem("putin"));
        assert_eq!(stem("shootings"), stem("shooting"));
        assert_eq!(stem(&normalize("России")), stem(&normalize("Россия")));
        assert_eq!(stem("usa"), "usa");
        assert_eq!(stem("2021"), "2021");
    }

    #[test]
    fn arabic_spellings_fold_and_clitics_are_stripped() {
        // Alef with hamza, alef maqsura, ta marbuta and tatweel fold to one spelling.
        assert_eq!(normalize("إلى"), normalize("الي"));
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("كـتاب"), "كتاب");
        // Article, conjunction and plural ending: one stem.
        let stems: Vec<String> = ["الانتخابات", "والانتخابات", "انتخابات"]
            .iter()
            .map(|w| stem(&normalize(w)).to_string())
            .collect();
        assert!(stems.iter().all(|s| s == &stems[0]), "{stems:?}");
        // Never below three letters.
        assert_eq!(stem("الي"), "الي");
        assert!(is_stopword(&normalize("على")) && is_stopword(&normalize("في")));
        assert!(!is_stopword(&normalize("انتخابات")));
    }

    #[test]
    fn stopwords_cover_several_languages() {
        for w in ["the", "och", "und", "les", "los", "della", "przez"] {
            assert!(is_stopword(w), "{w}");
        }
        assert!(is_stopword("fur"), "folded form of für");
        assert!(!is_stopword("moscow"));
        assert_eq!(STOPWORD_GROUPS.len(), STOPWORD_LANGUAGES);
        assert_eq!(stopword_languages("the"), 1, "English only");
        assert_eq!(stopword_languages("och"), 2, "Swedish only");
        assert!(stopword_languages("de").count_ones() >= 3);
        assert_eq!(stopword_languages("moscow"), 0);
    }

    #[test]
    fn cjk_detection() {
        assert!(is_cjk('俄'));
        assert!(is_cjk('カ'));
        assert!(!is_cjk('a'));
        assert!(!is_cjk('я'));
    }
}
