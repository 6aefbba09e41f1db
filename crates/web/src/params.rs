//! Query-string parameters, checked: unknown names, repeated names, and values that do not parse
//! are answered with a 400 that says which parameter is wrong and what it takes.
//!
//! Empty values count as absent, so that an HTML form with empty fields works.

use crate::error::ApiError;

/// Longest query string accepted.
const MAX_QUERY_BYTES: usize = 4096;

/// The parameters of one request.
#[derive(Debug, Default)]
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses `query` (the part after `?`), allowing only the names in `allowed`.
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let query = query.unwrap_or("");
        if query.len() > MAX_QUERY_BYTES {
            return Err(ApiError::bad_request(format!(
                "the query string is {} bytes long; at most {MAX_QUERY_BYTES} are accepted",
                query.len()
            )));
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            if !allowed.contains(&k.as_ref()) {
                return Err(ApiError::bad_request(if allowed.is_empty() {
                    format!("unknown parameter {k:?}: this address takes no parameters")
                } else {
                    format!(
                        "unknown parameter {k:?}: this address takes {}",
                        allowed.join(", ")
                    )
                }));
            }
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            if pairs.iter().any(|(pk, _)| *pk == k) {
                return Err(ApiError::bad_request(format!(
                    "parameter {k:?} is given more than once: give it once"
                )));
            }
            pairs.push((k.into_owned(), v.to_string()));
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, if given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A text value of at most `max` characters.
    pub fn text(&self, name: &str, max: usize) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            Some(v) if v.chars().count() > max => Err(ApiError::bad_request(format!(
                "parameter {name:?} is too long: at most {max} characters"
            ))),
            v => Ok(v.map(str::to_string)),
        }
    }

    /// A language code: two or three letters (`en`, `sv`), lowercased.
    pub fn lang(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) if (2..=3).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphabetic()) => {
                Ok(Some(v.to_ascii_lowercase()))
            }
            Some(v) => Err(ApiError::bad_request(format!(
                "parameter {name:?} must be a two- or three-letter language code such as en or \
                 sv, not {v:?}"
            ))),
        }
    }

    /// A date (`2024-03-22`) or an RFC 3339 date-time (`2024-03-22T18:00:00Z`).
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v)
                if chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok()
                    || chrono::DateTime::parse_from_rfc3339(v).is_ok() =>
            {
                Ok(Some(v.to_string()))
            }
            Some(v) => Err(ApiError::bad_request(format!(
                "parameter {name:?} must be a date such as 2024-03-22 or a time such as \
                 2024-03-22T18:00:00Z, not {v:?}"
            ))),
        }
    }

    /// A whole number from 0 to `max`; `default` when absent.
    pub fn number(&self, name: &str, default: u64, max: u64) -> Result<u64, ApiError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n <= max => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "parameter {name:?} must be a whole number from 0 to {max}, not {v:?}"
                ))),
            },
        }
    }

    /// A number from 1 to `max` for page sizes; `default` when absent.
    pub fn limit(&self, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.get("limit") {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(ApiError::bad_request(format!(
                    "parameter \"limit\" must be a whole number from 1 to {max}, not {v:?}"
                ))),
            },
        }
    }

    /// The query string that gives these parameters with `name` set to `value` (for paging
    /// links).
    pub fn with(&self, name: &str, value: &str) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            if k != name {
                out.append_pair(k, v);
            }
        }
        out.append_pair(name, value);
        out.finish()
    }
}

/// A story id from a path segment.
pub(crate) fn story_id(raw: &str) -> Result<u64, ApiError> {
    raw.parse::<u64>().map_err(|_| {
        ApiError::bad_request(format!(
            "story id must be a whole number (as listed by /api/stories), not {raw:?}"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks_parameters() {
        let p = Params::parse(
            Some("lang=SV&since=2024-03-22&limit=5&min_sources=&q=a+b"),
            &["lang", "since", "limit", "min_sources", "q"],
        )
        .unwrap();
        assert_eq!(p.lang("lang").unwrap().as_deref(), Some("sv"));
        assert_eq!(p.date("since").unwrap().as_deref(), Some("2024-03-22"));
        assert_eq!(p.limit(20, 100).unwrap(), 5);
        assert_eq!(p.number("min_sources", 1, 1000).unwrap(), 1);
        assert_eq!(p.get("q"), Some("a b"));
        assert_eq!(
            p.with("limit", "10"),
            "lang=SV&since=2024-03-22&q=a+b&limit=10"
        );
    }

    #[test]
    fn bad_parameters_say_what_is_wrong() {
        let e = Params::parse(Some("lnag=en"), &["lang"]).unwrap_err();
        assert_eq!(e.status.as_u16(), 400);
        assert!(e.message.contains("lnag"), "{}", e.message);
        let p = Params::parse(
            Some("lang=english&since=yesterday&limit=0"),
            &["lang", "since", "limit"],
        )
        .unwrap();
        assert!(
            p.lang("lang")
                .unwrap_err()
                .message
                .contains("language code")
        );
        assert!(p.date("since").unwrap_err().message.contains("2024-03-22"));
        assert!(p.limit(20, 100).is_err());
        assert!(Params::parse(Some("lang=en&lang=sv"), &["lang"]).is_err());
        assert!(Params::parse(Some(&"a".repeat(5000)), &["a"]).is_err());
        assert!(story_id("12x").is_err());
        assert_eq!(story_id("12").unwrap(), 12);
    }
}
