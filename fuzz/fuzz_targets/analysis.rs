//! The whole per-article analysis (entities, quotes, figures) on arbitrary text: the first byte
//! picks the language the text is analysed as, the rest is the text (invalid UTF-8 replaced).
#![no_main]

const LANGUAGES: &[&str] = &["en", "sv", "pl", "de", "fr", "es", "it", "ru", "xx"];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let lang = LANGUAGES[usize::from(first) % LANGUAGES.len()];
    let text = String::from_utf8_lossy(rest);
    let analysis = parallax_analysis::analyze(&text, Some(lang));
    let chars = text.chars().count();
    for e in &analysis.entities {
        for &[s, x] in &e.mentions {
            assert!(s < x && x <= chars, "mention {s}..{x} outside {chars} characters");
        }
    }
});
