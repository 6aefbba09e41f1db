//! Small text helpers shared by the assembly steps: name normalisation, character-offset
//! slicing, sentence and clause splitting, dates and hosts.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// A name folded for comparison: transliterated to ASCII (diacritics and dashes folded),
/// lowercased, punctuation other than inner hyphens and dots dropped, whitespace collapsed.
pub fn norm_name(s: &str) -> String {
    let ascii = deunicode::deunicode(s);
    let mut out = String::with_capacity(ascii.len());
    let mut space = false;
    for c in ascii.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '-' || c == '.' || c == '&' {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// The words of a name or sentence, folded like [`norm_name`] but without hyphens and dots.
pub fn norm_words(s: &str) -> Vec<String> {
    deunicode::deunicode(s)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A text with a character → byte index, for slicing by the character offsets the analysis
/// gives.
pub struct CharText<'a> {
    text: &'a str,
    /// Byte offset of every character, plus the text length at the end.
    offsets: Vec<usize>,
}

impl<'a> CharText<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        let mut offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        offsets.push(text.len());
        CharText { text, offsets }
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The text of characters `[start, end)`, clamped to the text; empty when out of range.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let n = self.len();
        let (s, e) = (start.min(n), end.min(n));
        if s >= e {
            return "";
        }
        self.text
            .get(self.offsets[s]..self.offsets[e])
            .unwrap_or("")
    }
}

/// A sentence: character span and paragraph number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// First character.
    pub start: usize,
    /// End character (exclusive).
    pub end: usize,
    /// Index of the paragraph (blocks separated by line breaks) it belongs to.
    pub para: usize,
}

/// Splits a text into sentences (character spans, trimmed), at sentence stops and line breaks.
/// Linear in the text length.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut start: Option<usize> = None;
    let mut last_non_space = 0usize;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0usize;
    let push = |out: &mut Vec<Sentence>, s: Option<usize>, e: usize, para: usize| {
        if let Some(s) = s
            && e > s
        {
            out.push(Sentence {
                start: s,
                end: e,
                para,
            });
        }
    };
    while i < chars.len() {
        let (b, c) = chars[i];
        if c == '\n' {
            push(&mut out, start.take(), last_non_space, para);
            if chars.get(i + 1).is_some_and(|&(_, n)| n == '\n') {
                para += 1;
            }
            i += 1;
            continue;
        }
        if !c.is_whitespace() {
            if start.is_none() {
                start = Some(i);
            }
            last_non_space = i + 1;
        }
        if matches!(c, '.' | '!' | '?' | '…') && parallax_analysis::text::is_sentence_stop(text, b)
        {
            // Keep closing quotes and brackets with the sentence.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '”' | '"' | '’' | '\'' | ')' | '»' | ']')
            {
                j += 1;
            }
            push(&mut out, start.take(), j, para);
            last_non_space = j;
            i = j;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, last_non_space, para);
    out
}

/// The clause of `sentence` around character `at`: the part between the nearest `, ` `; ` or
/// dash separators.
pub fn clause(ct: &CharText<'_>, sentence: Sentence, at: usize) -> (usize, usize) {
    let sentence = window(sentence, at);
    let s = ct.slice(sentence.start, sentence.end);
    let chars: Vec<char> = s.chars().collect();
    let rel = at.saturating_sub(sentence.start).min(chars.len());
    let is_sep = |k: usize| {
        let c = chars[k];
        let next_space = chars.get(k + 1).is_none_or(|n| n.is_whitespace());
        (matches!(c, ',' | ';' | ':') && next_space)
            || (matches!(c, '–' | '—') && k > 0 && chars[k - 1].is_whitespace())
    };
    let mut a = rel;
    while a > 0 && !is_sep(a - 1) {
        a -= 1;
    }
    while a < rel && chars[a].is_whitespace() {
        a += 1;
    }
    let mut e = rel;
    while e < chars.len() && !is_sep(e) {
        e += 1;
    }
    (sentence.start + a, sentence.start + e)
}

/// Most characters of context looked at on either side of a position.
pub const CONTEXT: usize = 400;

/// `sentence` narrowed to at most [`CONTEXT`] characters either side of `at`, so that work per
/// position stays bounded in a huge sentence.
pub fn window(sentence: Sentence, at: usize) -> Sentence {
    Sentence {
        start: sentence.start.max(at.saturating_sub(CONTEXT)),
        end: sentence.end.min(at.saturating_add(CONTEXT)),
        para: sentence.para,
    }
}

/// Four-digit years (1900–2100) written in `s` as whole words.
pub fn years(s: &str) -> Vec<i32> {
    let mut out = Vec::new();
    for w in s.split(|c: char| !c.is_ascii_digit()) {
        if w.len() == 4
            && let Ok(y) = w.parse::<i32>()
            && (1900..=2100).contains(&y)
        {
            out.push(y);
        }
    }
    out
}

/// A publication time: the instant, and whether only the date was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time {
    /// The instant (midnight UTC for a plain date).
    pub at: DateTime<Utc>,
    /// Whether only the date was given.
    pub date_only: bool,
}

impl Time {
    /// RFC 3339 for a full time, `YYYY-MM-DD` for a plain date.
    pub fn display(&self) -> String {
        if self.date_only {
            self.at.format("%Y-%m-%d").to_string()
        } else {
            self.at.to_rfc3339()
        }
    }

    /// Whether `later` is clearly (at least `hours`) later than `self`, given the precision of
    /// both.
    pub fn clearly_before(&self, later: &Time, hours: i64) -> bool {
        let slack = if self.date_only || later.date_only {
            24
        } else {
            0
        };
        (later.at - self.at).num_hours() >= hours + slack
    }
}

/// Parses a publication date: RFC 3339, RFC 2822, ISO date-time without zone (taken as UTC),
/// or a plain `YYYY-MM-DD` date (also with `/` or `.`).
pub fn parse_time(s: &str) -> Option<Time> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(Time {
            at: t.with_timezone(&Utc),
            date_only: false,
        });
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(Time {
            at: t.with_timezone(&Utc),
            date_only: false,
        });
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(Time {
                at: t.and_utc(),
                date_only: false,
            });
        }
    }
    let head = s.get(..10).unwrap_or(s);
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(head, f) {
            return d.and_hms_opt(0, 0, 0).map(|t| Time {
                at: t.and_utc(),
                date_only: true,
            });
        }
    }
    None
}

/// The host of a URL without `www.`, lowercased.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// Word-set Jaccard similarity.
pub fn jaccard<T: Ord>(a: &[T], b: &[T]) -> f64 {
    // Both sorted and deduplicated.
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// Shortens `s` to at most `max` characters at a word boundary, adding `…` when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_diacritics_and_dashes() {
        assert_eq!(norm_name("Łukasz  Fyderek"), "lukasz fyderek");
        assert_eq!(norm_name("ISIS–K"), norm_name("isis-k"));
        assert_eq!(
            norm_name("Islamic State – Khorasan"),
            "islamic state - khorasan"
        );
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        let t = "Dr. Smith came. He left!\n\nA new one? Yes";
        let s = sentences(t);
        let ct = CharText::new(t);
        let got: Vec<&str> = s.iter().map(|x| ct.slice(x.start, x.end)).collect();
        assert_eq!(got, ["Dr. Smith came.", "He left!", "A new one?", "Yes"]);
        assert_eq!(s[2].para, s[3].para);
        assert_ne!(s[1].para, s[2].para);
    }

    #[test]
    fn clause_stops_at_commas() {
        let t = "In 2021, a bomb killed 13, and later 5 more.";
        let ct = CharText::new(t);
        let s = sentences(t)[0];
        let at = t.find("13").unwrap_or(0);
        let (a, e) = clause(&ct, s, at);
        assert_eq!(ct.slice(a, e), "a bomb killed 13");
    }

    #[test]
    fn dates_parse_in_common_forms() {
        assert!(parse_time("2024-04-21").is_some_and(|t| t.date_only));
        assert!(parse_time("2024-04-21T10:00:00+02:00").is_some_and(|t| !t.date_only));
        assert!(parse_time("Sun, 21 Apr 2024 10:00:00 +0000").is_some());
        assert!(parse_time("yesterday").is_none());
        let a = parse_time("2024-04-21T10:00:00Z");
        let b = parse_time("2024-04-21T17:00:00Z");
        assert!(a.zip(b).is_some_and(|(a, b)| a.clearly_before(&b, 6)));
    }

    #[test]
    fn hosts_lose_www() {
        assert_eq!(
            url_host("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(url_host("nonsense"), None);
        assert_eq!(years("in July 2018 and 12345"), vec![2018]);
        assert_eq!(shorten("one two three four", 9), "one two…");
    }
}
