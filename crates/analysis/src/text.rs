//! Low-level text helpers shared by the analysers: a linear tokenizer, sentence boundaries and
//! the byte → character offset map used for the public spans.
//!
//! Every analyser works on byte offsets into the `&str` it was given (cheap slicing, no copies);
//! offsets are turned into character (Unicode scalar) offsets only when a result is built.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A run of letters (and combining marks).
    Word,
    /// A run of ASCII or Unicode decimal digits.
    Number,
    /// One punctuation or symbol character.
    Punct,
    /// A line break (one token per `\n`).
    Newline,
}

/// One token: a byte span of the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// What the token is.
    pub kind: TokKind,
}

impl Tok {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Splits `text` into words, numbers, single punctuation characters and line breaks, in one
/// linear pass. Other whitespace separates tokens and is dropped.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5 + 1);
    let mut cur: Option<(usize, TokKind)> = None;
    for (i, c) in text.char_indices() {
        let kind =
            if c.is_alphabetic() || (is_mark(c) && cur.is_some_and(|(_, k)| k == TokKind::Word)) {
                Some(TokKind::Word)
            } else if c.is_numeric() {
                Some(TokKind::Number)
            } else {
                None
            };
        match (cur, kind) {
            (Some((_, ck)), Some(k)) if ck == k => continue,
            (Some((s, ck)), _) => {
                toks.push(Tok {
                    start: s,
                    end: i,
                    kind: ck,
                });
                cur = None;
            }
            _ => {}
        }
        match kind {
            Some(k) => cur = Some((i, k)),
            None if c == '\n' => toks.push(Tok {
                start: i,
                end: i + 1,
                kind: TokKind::Newline,
            }),
            None if c.is_whitespace() => {}
            None => toks.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                kind: TokKind::Punct,
            }),
        }
    }
    if let Some((s, k)) = cur {
        toks.push(Tok {
            start: s,
            end: text.len(),
            kind: k,
        });
    }
    toks
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

/// Short words that end with a full stop without ending a sentence (titles, initials, common
/// abbreviations in the supported languages). Compared lowercase, without the stop.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "hab", "gen", "col", "lt", "sgt", "capt", "rev", "sen", "rep",
    "gov", "st", "jr", "sr", "no", "vs", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u", "s", "e", "g", "i", "d", "mt",
    "ft", "approx", "est", "dept", "univ", "ave", "blvd", "gr", "tzw", "np", "ok", "wg", "ul",
    "dz", "nr", "bzw", "ca", "vgl", "z", "b", "sog", "mme", "mlle", "sra", "sr", "dott", "ing",
    "avv", "ж", "г", "т", "ул", "etc", "al", "ex", "mln", "mld", "tys", "mio", "mrd", "resp", "t",
    "f", "k",
];

/// True when the full stop at byte `dot` (an ASCII `.`) ends a sentence: it is not part of a
/// number ("1.5"), an abbreviation ("Dr.") or an initial ("G. K."), and what follows starts a
/// new sentence (a capital, a digit, a quotation mark, a dash or the end of the line).
pub fn is_sentence_stop(text: &str, dot: usize) -> bool {
    let bytes = text.as_bytes();
    if bytes.get(dot) != Some(&b'.') {
        return matches!(
            text.get(dot..).and_then(|s| s.chars().next()),
            Some('!' | '?' | '…')
        );
    }
    // The word before the stop.
    let before = text.get(..dot).unwrap_or("");
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(dot, |(i, _)| i);
    let word = before.get(word_start..).unwrap_or("");
    let next = text.get(dot + 1..).unwrap_or("");
    if next.starts_with(|c: char| c.is_alphanumeric()) {
        return false; // "1.5", "U.S", "example.com"
    }
    if !word.is_empty() {
        let lower = word.to_lowercase();
        if ABBREVIATIONS.contains(&lower.as_str())
            || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        {
            return false;
        }
    }
    let rest = next.trim_start_matches([' ', '\t', '\u{a0}']);
    match rest.chars().next() {
        None => true,
        Some(c) => c.is_uppercase() || c.is_numeric() || "\n\"“”„«»'‘’–—-([".contains(c),
    }
}

/// Byte → character offset conversion for one text, in O(log n) per lookup with O(n / 64)
/// memory (a checkpoint every 64 characters).
pub struct CharMap<'a> {
    text: &'a str,
    ascii: bool,
    /// Byte offset of every 64th character.
    checkpoints: Vec<usize>,
}

const STEP: usize = 64;

impl<'a> CharMap<'a> {
    /// Builds the map for `text`.
    pub fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let mut checkpoints = Vec::new();
        if !ascii {
            for (n, (i, _)) in text.char_indices().enumerate() {
                if n % STEP == 0 {
                    checkpoints.push(i);
                }
            }
        }
        CharMap {
            text,
            ascii,
            checkpoints,
        }
    }

    /// The character offset of byte offset `byte` (clamped to the text; a byte inside a
    /// character counts as that character's start).
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.ascii {
            return byte;
        }
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte)
            .saturating_sub(1);
        let base = self.checkpoints.get(k).copied().unwrap_or(0);
        let extra = self
            .text
            .get(base..)
            .unwrap_or("")
            .char_indices()
            .take_while(|(i, _)| base + i < byte)
            .count();
        k * STEP + extra
    }

    /// A `[start, end)` byte span as a character span.
    pub fn span(&self, (s, e): (usize, usize)) -> [usize; 2] {
        [self.char_of(s), self.char_of(e)]
    }
}

/// The lowercase text of each word token of `text` (an empty string for other tokens), indexed
/// like `toks`: the word lookups of the figure and quote finders go through this table.
pub fn lower_words(text: &str, toks: &[Tok]) -> Vec<String> {
    toks.iter()
        .map(|t| {
            if t.kind == TokKind::Word {
                t.text(text).to_lowercase()
            } else {
                String::new()
            }
        })
        .collect()
}

/// Lowercases a short string (allocation only when needed).
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// True when the first character of `s` is an uppercase letter.
pub fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizes_words_numbers_and_punctuation() {
        let t = "Över 1,5 mln – “ok”\nZażółć";
        let toks = tokenize(t);
        let texts: Vec<&str> = toks.iter().map(|k| k.text(t)).collect();
        assert_eq!(
            texts,
            [
                "Över",
                "1",
                ",",
                "5",
                "mln",
                "–",
                "“",
                "ok",
                "”",
                "\n",
                "Zażółć"
            ]
        );
        assert_eq!(toks[1].kind, TokKind::Number);
        assert_eq!(toks[9].kind, TokKind::Newline);
    }

    #[test]
    fn char_map_counts_scalars() {
        let t = "Łódź ".repeat(100) + "end";
        let m = CharMap::new(&t);
        let byte = t.find("end").unwrap_or(0);
        assert_eq!(m.char_of(byte), 500);
        assert_eq!(m.char_of(0), 0);
        assert_eq!(m.char_of(t.len() + 10), t.chars().count());
    }

    #[test]
    fn sentence_stops_skip_abbreviations_and_numbers() {
        let t = "Dr. Smith paid 1.5 m. It rained. U.S. troops";
        assert!(!is_sentence_stop(t, 2));
        assert!(!is_sentence_stop(t, t.find("1.5").unwrap_or(0) + 1));
        assert!(is_sentence_stop(t, t.find("d.").unwrap_or(0) + 1));
        assert!(!is_sentence_stop(t, t.find("U.").unwrap_or(0) + 1));
    }
}
