//! A multilingual tokenizer for news text.
//!
//! Words are found with the Unicode word-boundary rules (UAX #29), so scripts that carry
//! combining marks inside words (Devanagari, Arabic, Hebrew) stay whole, and then split again at
//! inner punctuation such as apostrophes and dots ("l'état" → `l`, `état`; "U.S." → `u`, `s`).
//! Every word is lowercased in Unicode (Latin, Cyrillic, Greek, Armenian…) and lightly
//! normalised: Greek final sigma and tonos, Russian `ё`, Arabic diacritics, tatweel and alef
//! variants, and stray combining accents. The [`tantivy`] ASCII-folding filter that follows in
//! the analyzer chain folds Latin diacritics (`é` → `e`, `ß` → `ss`).
//!
//! Chinese and Japanese are written without spaces, so runs of Han ideographs and Hiragana are
//! indexed as overlapping character bigrams ("北京市" → `北京`, `京市`), the usual dictionary-free
//! approach; a lone ideograph becomes a single-character token. Katakana runs and Hangul words are
//! kept whole, as the word-boundary rules return them.
//!
//! The tokenizer optionally truncates every word to its first few characters. Indexing a second
//! field that way gives a cheap, language-independent match for inflected forms: "Rysslands" and
//! "Ryssland" both become `ryssla`.
//!
//! The token stream is lazy and keeps no per-document buffer, so a huge text costs no more memory
//! than a small one; words longer than [`MAX_TOKEN_BYTES`] (base64 blobs, garbage) are dropped.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};
use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// Words longer than this many bytes (after normalisation) are not indexed.
pub const MAX_TOKEN_BYTES: usize = 160;

/// Number of characters kept by the prefix analyzer ([`prefix_analyzer`]).
pub const PREFIX_CHARS: usize = 6;

/// Name under which [`text_analyzer`] is registered with the index.
pub const TEXT_TOKENIZER: &str = "parallax_text";
/// Name under which [`prefix_analyzer`] is registered with the index.
pub const PREFIX_TOKENIZER: &str = "parallax_prefix";
/// Name under which [`key_analyzer`] is registered with the index.
pub const KEY_TOKENIZER: &str = "parallax_key";

/// The analyzer for free text (titles, bodies, entity names): [`NewsTokenizer`] followed by ASCII
/// folding.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::default())
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer for the inflection-tolerant field: like [`text_analyzer`] but every word is cut to
/// its first [`PREFIX_CHARS`] characters.
pub fn prefix_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(NewsTokenizer::truncating(PREFIX_CHARS))
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer for whole-value keys (language codes, site names and hosts, canonical entity
/// names): the whole value is one token, lowercased and ASCII-folded.
pub fn key_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Runs `analyzer` over `text` and collects the token texts.
pub fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// Splits text into words as described in the [module documentation](self).
#[derive(Debug, Clone, Default)]
pub struct NewsTokenizer {
    /// Keep only this many characters of each word, when set.
    truncate: Option<usize>,
}

impl NewsTokenizer {
    /// A tokenizer that keeps only the first `chars` characters of every word.
    pub fn truncating(chars: usize) -> NewsTokenizer {
        NewsTokenizer {
            truncate: Some(chars.max(1)),
        }
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        NewsTokenStream {
            text,
            words: text.split_word_bound_indices(),
            segment: None,
            cjk_prev: None,
            cjk_run: 0,
            truncate: self.truncate,
            token: Token::default(),
            next_position: 0,
        }
    }
}

/// The lazy token stream of [`NewsTokenizer`].
pub struct NewsTokenStream<'a> {
    text: &'a str,
    words: UWordBoundIndices<'a>,
    /// The word-boundary segment being split at inner punctuation: (its offset, read position).
    segment: Option<(usize, usize, &'a str)>,
    /// The previous ideograph of the current CJK run: (its offset, the char).
    cjk_prev: Option<(usize, char)>,
    /// Length of the current CJK run in characters.
    cjk_run: usize,
    truncate: Option<usize>,
    token: Token,
    next_position: usize,
}

impl NewsTokenStream<'_> {
    /// Sets the current token to `text[from..to]`, normalised; false if the result is not
    /// indexable (empty or too long).
    fn emit(&mut self, from: usize, to: usize) -> bool {
        let Some(raw) = self.text.get(from..to) else {
            return false;
        };
        normalize_into(raw, &mut self.token.text, self.truncate);
        if self.token.text.is_empty() || self.token.text.len() > MAX_TOKEN_BYTES {
            return false;
        }
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.next_position;
        self.token.position_length = 1;
        self.next_position += 1;
        true
    }

    /// Ends the current CJK run; returns the lone ideograph of a one-character run, which has not
    /// been emitted as part of a bigram.
    fn end_cjk_run(&mut self) -> Option<(usize, char)> {
        let prev = self.cjk_prev.take();
        let run = std::mem::take(&mut self.cjk_run);
        if run == 1 { prev } else { None }
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // 1. Continue splitting the current segment at inner punctuation.
            if let Some((base, pos, seg)) = self.segment {
                match next_piece(seg, pos) {
                    Some((from, to)) => {
                        self.segment = Some((base, to, seg));
                        if self.emit(base + from, base + to) {
                            return true;
                        }
                        continue;
                    }
                    None => self.segment = None,
                }
            }
            // 2. Take the next word-boundary segment.
            let Some((offset, seg)) = self.words.next() else {
                if let Some((at, c)) = self.end_cjk_run() {
                    return self.emit(at, at + c.len_utf8());
                }
                return false;
            };
            let mut chars = seg.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && is_cjk(c)
            {
                match self.cjk_prev {
                    Some((at, p)) if at + p.len_utf8() == offset => {
                        self.cjk_prev = Some((offset, c));
                        self.cjk_run += 1;
                        if self.emit(at, offset + c.len_utf8()) {
                            return true;
                        }
                    }
                    _ => {
                        let lone = self.end_cjk_run();
                        self.cjk_prev = Some((offset, c));
                        self.cjk_run = 1;
                        if let Some((at, c)) = lone
                            && self.emit(at, at + c.len_utf8())
                        {
                            return true;
                        }
                    }
                }
                continue;
            }
            let lone = self.end_cjk_run();
            if seg.chars().any(char::is_alphanumeric) {
                self.segment = Some((offset, 0, seg));
            }
            if let Some((at, c)) = lone
                && self.emit(at, at + c.len_utf8())
            {
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The next piece of `seg` at or after byte `pos` that holds a letter or digit, as a byte range.
fn next_piece(seg: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = seg.get(pos..)?;
    if rest.is_ascii() {
        // Most words: in ASCII every character that is not a letter or digit is a separator.
        let bytes = rest.as_bytes();
        let start = bytes.iter().position(u8::is_ascii_alphanumeric)?;
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |n| start + n);
        return Some((pos + start, pos + end));
    }
    next_piece_general(seg, pos)
}

/// [`next_piece`] for any text.
fn next_piece_general(seg: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = seg.get(pos..)?;
    let mut start = None;
    for (i, c) in rest.char_indices() {
        let sep = is_separator(c);
        match start {
            None if !sep => start = Some(i),
            Some(s) if sep => {
                if rest[s..i].chars().any(char::is_alphanumeric) {
                    return Some((pos + s, pos + i));
                }
                start = None;
            }
            _ => {}
        }
    }
    let s = start?;
    rest[s..]
        .chars()
        .any(char::is_alphanumeric)
        .then_some((pos + s, seg.len()))
}

/// Characters that separate words inside a word-boundary segment: spaces, controls and
/// punctuation (the rules keep "l'état", "U.S." and "3.14" together; we split them).
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{00B7}'
                | '\u{0387}'
                | '\u{037E}'
                | '\u{055F}'
                | '\u{060C}'
                | '\u{066B}'
                | '\u{066C}'
                | '\u{2010}'..='\u{2027}'
                | '\u{2030}'..='\u{205E}'
                | '\u{3000}'..='\u{3003}'
                | '\u{FE10}'..='\u{FE19}'
                | '\u{FE30}'..='\u{FE6B}'
                | '\u{FF01}'..='\u{FF0F}'
                | '\u{FF1A}'..='\u{FF20}'
        )
}

/// Han ideographs and Hiragana: scripts written without spaces, indexed as bigrams.
fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{3040}'..='\u{309F}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2FFFF}'
    )
}

/// Lowercases `word` into `out` with the script-specific normalisations described in the
/// [module documentation](self), keeping at most `max_chars` characters.
fn normalize_into(word: &str, out: &mut String, max_chars: Option<usize>) {
    out.clear();
    let limit = max_chars.unwrap_or(usize::MAX);
    if word.is_ascii() {
        // Most words: one byte per character, and no special case below applies to ASCII.
        out.push_str(&word[..word.len().min(limit)]);
        out.make_ascii_lowercase();
        return;
    }
    normalize_general(word, out, limit);
}

/// [`normalize_into`] for any text, keeping at most `limit` characters.
fn normalize_general(word: &str, out: &mut String, limit: usize) {
    out.clear();
    let mut kept = 0;
    for c in word.chars() {
        for l in c.to_lowercase() {
            let l = match l {
                // Combining diacritics (decomposed accents), Arabic harakat and tatweel.
                '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {
                    continue;
                }
                'ς' => 'σ',
                'ά' => 'α',
                'έ' => 'ε',
                'ή' => 'η',
                'ί' | 'ϊ' | 'ΐ' => 'ι',
                'ό' => 'ο',
                'ύ' | 'ϋ' | 'ΰ' => 'υ',
                'ώ' => 'ω',
                'ё' => 'е',
                'أ' | 'إ' | 'آ' => 'ا',
                'ى' => 'ي',
                other => other,
            };
            if kept >= limit {
                return;
            }
            out.push(l);
            kept += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Vec<String> {
        analyze(&mut text_analyzer(), s)
    }

    #[test]
    fn latin_words_are_lowercased_and_folded() {
        assert_eq!(
            text("L'État réagit: Straße, U.S. 3.14!"),
            ["l", "etat", "reagit", "strasse", "u", "s", "3", "14"]
        );
    }

    #[test]
    fn other_scripts_are_lowercased() {
        assert_eq!(text("Россия и ЁЛКА"), ["россия", "и", "елка"]);
        assert_eq!(text("ΑΘΗΝΑΣ Αθήνας"), ["αθηνασ", "αθηνασ"]);
        assert_eq!(text("الْعَرَبِيَّة أحمد"), ["العربية", "احمد"]);
        // Devanagari vowel signs are marks and stay inside the word.
        assert_eq!(text("हिन्दी समाचार"), ["हिन्दी", "समाचार"]);
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(text("北京市"), ["北京", "京市"]);
        assert_eq!(text("中 国"), ["中", "国"]);
        assert_eq!(text("在北京。OK"), ["在北", "北京", "ok"]);
        assert_eq!(text("東京タワー"), ["東京", "タワー"]);
        assert_eq!(text("서울 뉴스"), ["서울", "뉴스"]);
    }

    #[test]
    fn offsets_and_positions_point_into_the_text() {
        let src = "a l'état 北京市";
        let mut analyzer = text_analyzer();
        let mut stream = analyzer.token_stream(src);
        let mut seen = Vec::new();
        while stream.advance() {
            let t = stream.token();
            seen.push((src[t.offset_from..t.offset_to].to_string(), t.position));
        }
        assert_eq!(
            seen,
            [
                ("a".to_string(), 0),
                ("l".to_string(), 1),
                ("état".to_string(), 2),
                ("北京".to_string(), 3),
                ("京市".to_string(), 4)
            ]
        );
    }

    #[test]
    fn prefix_analyzer_truncates_words() {
        assert_eq!(
            analyze(&mut prefix_analyzer(), "Rysslands Ryssland EU"),
            ["ryssla", "ryssla", "eu"]
        );
    }

    #[test]
    fn garbage_and_huge_input_do_not_break() {
        assert!(text("").is_empty());
        assert!(text(" ... --- !!! 😀 €").is_empty());
        let long = "x".repeat(10_000);
        assert!(text(&long).is_empty());
        let many = "word ".repeat(100_000);
        assert_eq!(text(&many).len(), 100_000);
        let han = "中".repeat(50_000);
        assert_eq!(text(&han).len(), 49_999);
    }

    #[test]
    fn ascii_fast_paths_agree_with_the_general_rules() {
        // Every printable ASCII character and a few controls, in words of one to three.
        let alphabet: Vec<char> = (0x20u8..0x7f)
            .map(char::from)
            .chain(['\t', '\n', '\u{7f}'])
            .collect();
        let mut words = vec![String::new()];
        for a in &alphabet {
            words.push(a.to_string());
            for b in ['a', 'Z', '7', '.', ' ', '\''] {
                words.push(format!("{a}{b}"));
                words.push(format!("{b}{a}x"));
            }
        }
        words.extend(
            [
                "Hello",
                "WORLD's",
                "U.S.A.",
                "3.14",
                "a--b",
                "  x  ",
                "LONGWORDHERE",
            ]
            .map(String::from),
        );
        let (mut fast, mut general) = (String::new(), String::new());
        for w in &words {
            for limit in [None, Some(1), Some(6)] {
                normalize_into(w, &mut fast, limit);
                normalize_general(w, &mut general, limit.unwrap_or(usize::MAX));
                assert_eq!(fast, general, "normalising {w:?} to {limit:?} characters");
            }
            for pos in 0..=w.len() {
                assert_eq!(
                    next_piece(w, pos),
                    next_piece_general(w, pos),
                    "the piece of {w:?} at {pos}"
                );
            }
        }
    }

    #[test]
    fn key_analyzer_keeps_the_whole_value() {
        assert_eq!(
            analyze(&mut key_analyzer(), "Förenta Staterna"),
            ["forenta staterna"]
        );
    }
}
