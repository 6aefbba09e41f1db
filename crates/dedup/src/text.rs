//! Text normalisation shared by [`content_hash`] and the MinHash shingles: the text is cut into
//! word tokens (runs of letters, marks, numbers and connector punctuation, like `\w+` in a Unicode
//! regular expression) and every token is lowercased with Unicode rules. Everything else
//! (whitespace, punctuation, symbols, emoji) only separates tokens.

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};
use xxhash_rust::xxh3::xxh3_64;

/// Whether `c` is part of a word: a letter, a mark, a number, connector punctuation (`_`) or a
/// zero-width (non-)joiner, which scripts such as Persian and the Indic ones use inside words.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if c <= '\u{FF}' {
        // Latin-1: letters, ordinal indicators, micro sign, superscript digits and fractions.
        return matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼'..='¾' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ');
    }
    if c.is_alphanumeric() {
        return true;
    }
    match c.general_category_group() {
        GeneralCategoryGroup::Letter
        | GeneralCategoryGroup::Mark
        | GeneralCategoryGroup::Number => true,
        _ => {
            c == '\u{200C}'
                || c == '\u{200D}'
                || c.general_category() == GeneralCategory::ConnectorPunctuation
        }
    }
}

/// Appends the Unicode lowercase of `c` (which may be several characters) to `buf`.
#[inline]
fn push_lowercase(buf: &mut String, c: char) {
    match c {
        // Latin-1 capitals lowercase to the character 0x20 further on.
        'À'..='Ö' | 'Ø'..='Þ' => buf.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        '\u{80}'..='\u{FF}' => buf.push(c),
        _ => buf.extend(c.to_lowercase()),
    }
}

/// Calls `f` with every lowercased word token of `text`, in order.
///
/// `buf` is scratch space that the caller can reuse across calls. A token that is already
/// lowercase ASCII is passed as a slice of `text`; any other is lowercased into `buf` first. Runs
/// in one pass over the text and allocates only when a token needs lowercasing and is longer than
/// any before.
pub(crate) fn for_each_token(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the start of the next token.
        let b = bytes[i];
        if b < 0x80 {
            if !(b.is_ascii_alphanumeric() || b == b'_') {
                i += 1;
                continue;
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
        }
        // Fast path: a run of lowercase ASCII word bytes.
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_lowercase() || bytes[i].is_ascii_digit() || bytes[i] == b'_')
        {
            i += 1;
        }
        let ends_here = i == bytes.len() || {
            let b = bytes[i];
            b < 0x80 && !(b.is_ascii_uppercase())
        };
        if ends_here {
            f(&text[start..i]);
            continue;
        }
        // Slow path: the token has uppercase or non-ASCII characters.
        buf.clear();
        buf.push_str(&text[start..i]);
        for c in text[i..].chars() {
            if c.is_ascii() {
                if !(c.is_ascii_alphanumeric() || c == '_') {
                    break;
                }
                buf.push(c.to_ascii_lowercase());
            } else if is_word_char(c) {
                push_lowercase(buf, c);
            } else {
                break;
            }
            i += c.len_utf8();
        }
        f(buf);
    }
}

/// The text reduced to its lowercased word tokens joined by single spaces.
fn normalized(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut buf = String::new();
    for_each_token(text, &mut buf, |t| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    });
    out
}

/// A 64-bit hash (XXH3) of `text` after normalisation: Unicode lowercase word tokens joined by one
/// space. Differences in case, whitespace, punctuation and symbols do not change it.
///
/// A text without any word (empty, or punctuation only) hashes like the empty string; callers
/// should not treat two such texts as duplicates of each other.
///
/// ```
/// use parallax_dedup::content_hash;
/// assert_eq!(
///     content_hash("The bridge  reopens, at last!"),
///     content_hash("the bridge reopens -- AT LAST"),
/// );
/// assert_ne!(content_hash("The bridge reopens"), content_hash("The bridge closes"));
/// ```
pub fn content_hash(text: &str) -> u64 {
    // Building the normalised text and hashing it at once is faster than streaming each token
    // into an incremental hasher.
    xxh3_64(normalized(text).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = String::new();
        for_each_token(text, &mut buf, |t| out.push(t.to_string()));
        out
    }

    #[test]
    fn tokens_are_lowercase_words_without_punctuation() {
        assert_eq!(
            tokens("  Hello, WORLD!  It's 2024 -- snake_case\tand\n\nmore… "),
            [
                "hello",
                "world",
                "it",
                "s",
                "2024",
                "snake_case",
                "and",
                "more"
            ]
        );
        assert!(tokens("").is_empty());
        assert!(tokens(" ,.;!? — “” ").is_empty());
    }

    #[test]
    fn tokens_handle_other_scripts() {
        assert_eq!(tokens("ÅÄÖ Öresund"), ["åäö", "öresund"]);
        assert_eq!(tokens("Ελλάδα ΑΘΗΝΑ"), ["ελλάδα", "αθηνα"]);
        assert_eq!(tokens("Москва, Київ"), ["москва", "київ"]);
        // Devanagari vowel signs and the virama are marks and stay inside the word.
        assert_eq!(tokens("नमस्ते दुनिया"), ["नमस्ते", "दुनिया"]);
        // A combining accent stays with its letter.
        assert_eq!(tokens("cafe\u{301} noir"), ["cafe\u{301}", "noir"]);
        // Persian zero-width non-joiner is part of the word.
        assert_eq!(tokens("می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
        // Emoji and symbols separate words.
        assert_eq!(tokens("good🙂news€100"), ["good", "news", "100"]);
    }

    #[test]
    fn content_hash_ignores_case_whitespace_and_punctuation() {
        let a = "Parliament passed the budget.\n\nThe vote was 201 to 148.";
        let b = "  PARLIAMENT passed the budget -- the vote was 201 to 148 ";
        assert_eq!(content_hash(a), content_hash(b));
        assert_eq!(
            normalized(a),
            "parliament passed the budget the vote was 201 to 148"
        );
    }

    #[test]
    fn content_hash_is_the_hash_of_the_normalised_text() {
        let text = "Ett två, TRE!\n\nfyra – fem";
        assert_eq!(content_hash(text), xxh3_64(b"ett tv\xc3\xa5 tre fyra fem"));
        assert_eq!(content_hash(""), xxh3_64(b""));
    }

    #[test]
    fn content_hash_sees_word_changes() {
        let a = "Parliament passed the budget. The vote was 201 to 148.";
        assert_ne!(
            content_hash(a),
            content_hash("Parliament passed the budget. The vote was 202 to 148.")
        );
        assert_ne!(
            content_hash(a),
            content_hash("Parliament passed the budget.")
        );
        // Word boundaries matter: joining two words is a different text.
        assert_ne!(content_hash("to gether"), content_hash("together"));
    }

    #[test]
    fn content_hash_of_wordless_text_is_that_of_empty_text() {
        assert_eq!(content_hash("!!! ... ---"), content_hash(""));
    }
}
