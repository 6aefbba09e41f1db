//! Query helpers: cross-language expansion of gazetteer names in the user's query text, date
//! bounds for the `since`/`until` filters, and escaping for the site filter's pattern.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use parallax_analysis::gazetteer;

/// Boost given to the cross-language expansion of a query word, relative to the literal word.
pub const EXPANSION_BOOST: f32 = 0.5;

/// Rewrites the user's query so that every bare word or quoted phrase that names a gazetteer
/// entry (a country, capital, organisation or head of state, in any supported language) also
/// matches the entry's English name in the text and its canonical entity key, at a lower boost:
/// `Ryssland sanktioner` becomes
/// `(Ryssland OR "Russia"^0.5 OR ekey:"russia"^0.5) sanktioner`.
///
/// Words with a field prefix (`title:x`), operators (`-x`, `+x`), wildcards or boosts are left
/// alone. Short lowercase words are not expanded ("us", "is" and "un" are ordinary words), only
/// words of four letters or more or written in capitals ("US", "EU"). Returns `None` when nothing
/// was expanded.
pub fn expand_gazetteer_names(text: &str, key_field: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 32);
    let mut changed = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            // A quoted phrase: up to the closing quote (or the end of the text).
            let end = rest[1..].find('"').map_or(rest.len(), |i| i + 2);
            let phrase = &rest[..end];
            let inner = phrase.trim_matches('"');
            let standalone = out.is_empty() || out.ends_with([' ', '(']);
            let followed_ok = rest[end..]
                .chars()
                .next()
                .is_none_or(|n| n.is_whitespace() || n == ')');
            match (standalone && followed_ok && end > 1 && phrase.ends_with('"'))
                .then(|| expansion(inner, phrase, key_field))
                .flatten()
            {
                Some(e) => {
                    out.push_str(&e);
                    changed = true;
                }
                None => out.push_str(phrase),
            }
            rest = &rest[end..];
            continue;
        }
        if c.is_whitespace() || c == '(' || c == ')' {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest
            .find(|ch: char| ch.is_whitespace() || ch == '(' || ch == ')' || ch == '"')
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let plain = !word.contains([':', '^', '*', '~', '[', ']', '{', '}', '\\'])
            && !word.starts_with(['-', '+'])
            && !matches!(word, "AND" | "OR" | "NOT" | "IN");
        let worth = word.chars().count() >= 4
            || (word.chars().count() >= 2 && word.chars().all(|ch| ch.is_uppercase()));
        match (plain && worth)
            .then(|| expansion(word, word, key_field))
            .flatten()
        {
            Some(e) => {
                out.push_str(&e);
                changed = true;
            }
            None => out.push_str(word),
        }
        rest = &rest[end..];
    }
    changed.then_some(out)
}

/// The expansion group for `name` (written `literal` in the query), or `None` when `name` is not
/// in the gazetteer.
fn expansion(name: &str, literal: &str, key_field: &str) -> Option<String> {
    let entry = gazetteer::lookup(name.trim())?;
    let canonical = entry.canonical.replace('"', "");
    let mut group = format!("({literal}");
    if !canonical.eq_ignore_ascii_case(name.trim()) {
        group.push_str(&format!(" OR \"{canonical}\"^{EXPANSION_BOOST}"));
    }
    group.push_str(&format!(
        " OR {key_field}:\"{}\"^{EXPANSION_BOOST})",
        canonical.to_lowercase()
    ));
    Some(group)
}

/// Which end of a date range a bound is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundKind {
    /// `since`: a date means the start of that day.
    Since,
    /// `until`: a date means the whole day, so the bound is the start of the next day
    /// (exclusive).
    Until,
}

/// Parses a stored publication date: RFC 3339, `YYYY-MM-DDTHH:MM:SS` (taken as UTC),
/// `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DD`. Returns seconds since the Unix epoch.
pub fn parse_published(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.with_timezone(&Utc).timestamp());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(dt.and_utc().timestamp());
        }
    }
    let day = NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()?;
    Some(day.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// Parses a `since`/`until` filter into epoch seconds: the returned bound is inclusive for
/// [`BoundKind::Since`] and exclusive for [`BoundKind::Until`] (a date `until` covers its whole
/// day; a full timestamp covers up to and including its second).
pub fn parse_bound(s: &str, kind: BoundKind) -> Result<i64, String> {
    let t = s.trim();
    let is_date_only = t.len() == 10 && NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok();
    let secs = parse_published(t).ok_or_else(|| {
        format!("cannot read the date {s:?}: write it as YYYY-MM-DD or as an RFC 3339 timestamp such as 2024-03-01T12:00:00Z")
    })?;
    Ok(match kind {
        BoundKind::Since => secs,
        BoundKind::Until if is_date_only => secs + Duration::days(1).num_seconds(),
        BoundKind::Until => secs + 1,
    })
}

/// Escapes `s` for use as a literal inside a tantivy regular expression.
pub fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '.'
                | '+'
                | '*'
                | '?'
                | '('
                | ')'
                | '|'
                | '['
                | ']'
                | '{'
                | '}'
                | '^'
                | '$'
                | '#'
                | '&'
                | '-'
                | '~'
                | '"'
                | '<'
                | '>'
                | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The host of an `http(s)` URL, lowercased and without a leading `www.`.
pub fn url_host(url: &str) -> Option<String> {
    let after = url.split_once("://").map_or(url, |(_, r)| r);
    let host_port = after.split(['/', '?', '#']).next()?;
    let host = host_port.rsplit_once('@').map_or(host_port, |(_, h)| h);
    let host = host.split(':').next()?.trim().to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gazetteer_words_are_expanded() {
        assert_eq!(
            expand_gazetteer_names("Ryssland sanktioner", "ekey").as_deref(),
            Some("(Ryssland OR \"Russia\"^0.5 OR ekey:\"russia\"^0.5) sanktioner")
        );
        assert_eq!(
            expand_gazetteer_names("russia", "ekey").as_deref(),
            Some("(russia OR ekey:\"russia\"^0.5)")
        );
        assert_eq!(
            expand_gazetteer_names("\"Förenta staterna\" -Rysslands", "ekey").as_deref(),
            Some(
                "(\"Förenta staterna\" OR \"United States\"^0.5 OR ekey:\"united states\"^0.5) -Rysslands"
            )
        );
        assert_eq!(
            expand_gazetteer_names("what is (us)", "ekey"),
            None,
            "short lowercase words are ordinary words"
        );
        assert!(expand_gazetteer_names("US AND trade", "ekey").is_some());
        assert_eq!(
            expand_gazetteer_names("title:Ryssland \"unclosed", "ekey"),
            None
        );
    }

    #[test]
    fn dates_parse_in_the_stored_formats() {
        assert_eq!(parse_published("1970-01-02"), Some(86_400));
        assert_eq!(parse_published("1970-01-01T00:01:00Z"), Some(60));
        assert_eq!(parse_published("1970-01-01T02:00:00+02:00"), Some(0));
        assert_eq!(parse_published("1970-01-01T00:00:05"), Some(5));
        assert_eq!(parse_published("1970-01-01 00:00:05"), Some(5));
        assert_eq!(parse_published("yesterday"), None);
        assert_eq!(parse_published("2024-13-45"), None);
    }

    #[test]
    fn until_a_date_covers_the_whole_day() {
        assert_eq!(parse_bound("1970-01-02", BoundKind::Since), Ok(86_400));
        assert_eq!(parse_bound("1970-01-02", BoundKind::Until), Ok(2 * 86_400));
        assert_eq!(
            parse_bound("1970-01-01T00:00:10Z", BoundKind::Until),
            Ok(11)
        );
        let err = parse_bound("last week", BoundKind::Since).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
    }

    #[test]
    fn hosts_come_out_of_urls() {
        assert_eq!(
            url_host("https://www.BBC.co.uk/news/1?x#y").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            url_host("http://user@example.org:8080").as_deref(),
            Some("example.org")
        );
        assert_eq!(url_host("").as_deref(), None);
    }

    #[test]
    fn regex_metacharacters_are_escaped() {
        assert_eq!(regex_escape("a.b(c)"), "a\\.b\\(c\\)");
    }
}
