//! URL normalisation for exact-duplicate detection.
//!
//! Two URLs that lead to the same article should normalise to the same string. The rules are
//! deliberately conservative: only what never changes the page (letter case of scheme and host,
//! `www.`, `http` versus `https`, default ports, fragments, tracking parameters, the order of query
//! parameters, a trailing slash) is removed. The path keeps its case, because many servers treat it
//! as significant.

use url::Url;
use url::form_urlencoded;

/// Query parameters that only say how a reader got to the page (campaign, click and share
/// identifiers). Compared case-insensitively.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "twclid",
    "ttclid",
    "yclid",
    "li_fat_id",
    "mc_cid",
    "mc_eid",
    "igshid",
    "igsh",
    "ref",
    "ref_src",
    "ref_url",
    "cmpid",
    "ocid",
    "ncid",
    "_ga",
    "_gl",
    "spm",
    "scm",
    "wt.mc_id",
    "wt_mc_id",
    "mkt_tok",
    "_hsenc",
    "_hsmi",
    "hsctatracking",
    "vero_id",
    "vero_conv",
    "oly_enc_id",
    "oly_anon_id",
    "s_cid",
    "smid",
    "smtyp",
    "sr_share",
    "ito",
    "icid",
    "xtor",
    "guccounter",
    "guce_referrer",
    "guce_referrer_sig",
    "__twitter_impression",
    "pk_campaign",
    "pk_kwd",
    "pk_source",
    "pk_medium",
    "mtm_campaign",
    "mtm_source",
    "mtm_medium",
    "mtm_kwd",
];

/// Prefixes of tracking parameter families: Google Analytics campaigns (`utm_source`,
/// `utm_medium`, …) and AT Internet / Piano campaigns (`at_medium`, `at_campaign`, …).
const TRACKING_PREFIXES: &[&str] = &["utm_", "at_"];

fn is_tracking(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    TRACKING_PARAMS.contains(&name.as_str())
        || TRACKING_PREFIXES.iter().any(|p| name.starts_with(p))
}

/// Uppercases the hex digits of percent escapes (`%2f` → `%2F`), which name the same byte.
fn uppercase_escapes(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            out.push('%');
            out.push(bytes[i + 1].to_ascii_uppercase() as char);
            out.push(bytes[i + 2].to_ascii_uppercase() as char);
            i += 3;
        } else {
            // Paths from `Url` are ASCII, but keep any other character intact.
            let ch = s[i..].chars().next().unwrap_or('\u{FFFD}');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Normalises a URL for exact-duplicate detection, or returns `None` for something that is not an
/// `http`/`https` URL.
///
/// The result always uses `https://` (so `http` and `https` variants compare equal), has a
/// lowercase host without a `www.` prefix, no user name or password, no fragment, no default port
/// (80 or 443), no tracking parameters (`utm_*`, `at_*`, `fbclid`, `gclid`, `mc_cid`, `mc_eid`,
/// `igshid`, `ref`, `cmpid`, `ocid`, `_ga`, `yclid`, `spm`, …), the remaining query parameters
/// sorted by name then value, and no trailing slash except for the root path. Surrounding
/// whitespace is ignored, as is a missing scheme when the text starts with `//` or `www.`.
///
/// The result is a comparison key: it is a valid URL, but the site may not serve it over `https`.
///
/// ```
/// use parallax_dedup::normalize_url;
/// let a = normalize_url("https://www.example.com/a/b/?utm_medium=social&id=7&fbclid=xyz#c");
/// let b = normalize_url("HTTP://example.COM:80/a/b?id=7");
/// assert_eq!(a, b);
/// assert_eq!(a.as_deref(), Some("https://example.com/a/b?id=7"));
/// assert_eq!(normalize_url("not a url"), None);
/// ```
pub fn normalize_url(url: &str) -> Option<String> {
    let s = url.trim();
    if s.is_empty() {
        return None;
    }
    let parsed = match Url::parse(s) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            if let Some(rest) = s.strip_prefix("//") {
                Url::parse(&format!("https://{rest}")).ok()?
            } else if s.len() > 4 && s[..4].eq_ignore_ascii_case("www.") {
                Url::parse(&format!("https://{s}")).ok()?
            } else {
                return None;
            }
        }
        Err(_) => return None,
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    if host.is_empty() {
        return None;
    }

    let mut out = String::with_capacity(s.len());
    out.push_str("https://");
    out.push_str(host);
    if let Some(port) = parsed.port().filter(|p| *p != 80 && *p != 443) {
        out.push(':');
        out.push_str(&port.to_string());
    }

    let path = uppercase_escapes(parsed.path());
    let path = path.trim_end_matches('/');
    if path.is_empty() {
        out.push('/');
    } else {
        out.push_str(path);
    }

    if parsed.query().is_some() {
        let mut pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .filter(|(k, _)| !k.is_empty() && !is_tracking(k))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        if !pairs.is_empty() {
            pairs.sort();
            let query = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish();
            out.push('?');
            out.push_str(&query);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(u: &str) -> Option<String> {
        normalize_url(u)
    }

    #[test]
    fn scheme_host_www_and_port() {
        let want = Some("https://example.com/news/1".to_string());
        assert_eq!(n("https://example.com/news/1"), want);
        assert_eq!(n("http://example.com/news/1"), want);
        assert_eq!(n("HTTPS://WWW.Example.COM/news/1"), want);
        assert_eq!(n("http://example.com:80/news/1"), want);
        assert_eq!(n("https://example.com:443/news/1"), want);
        assert_eq!(n("https://user:pw@example.com/news/1"), want);
        assert_eq!(n("https://example.com./news/1"), want);
        assert_eq!(
            n("http://example.com:8080/news/1").as_deref(),
            Some("https://example.com:8080/news/1")
        );
        // Only a leading `www.` label goes; other subdomains stay.
        assert_eq!(
            n("https://news.example.com/").as_deref(),
            Some("https://news.example.com/")
        );
        assert_eq!(
            n("https://www2.example.com/").as_deref(),
            Some("https://www2.example.com/")
        );
    }

    #[test]
    fn fragment_and_trailing_slash() {
        let want = Some("https://example.com/a/b".to_string());
        assert_eq!(n("https://example.com/a/b#comments"), want);
        assert_eq!(n("https://example.com/a/b/"), want);
        assert_eq!(n("https://example.com/a/b//#x"), want);
        // The root keeps its slash.
        assert_eq!(
            n("https://example.com").as_deref(),
            Some("https://example.com/")
        );
        assert_eq!(
            n("https://example.com/#top").as_deref(),
            Some("https://example.com/")
        );
        assert_eq!(
            n("https://example.com/?page=2").as_deref(),
            Some("https://example.com/?page=2")
        );
    }

    #[test]
    fn path_case_is_kept_and_escapes_are_uppercased() {
        assert_eq!(
            n("https://example.com/News/A").as_deref(),
            Some("https://example.com/News/A")
        );
        assert_eq!(
            n("https://example.com/a%2fb"),
            n("https://example.com/a%2Fb")
        );
        assert_eq!(
            n("https://example.com/a/./b/../c"),
            n("https://example.com/a/c")
        );
        // Non-ASCII paths and hosts are encoded the standard way.
        assert_eq!(
            n("https://exämple.se/nyheter/för").as_deref(),
            Some("https://xn--exmple-cua.se/nyheter/f%C3%B6r")
        );
    }

    #[test]
    fn tracking_parameters_are_removed_and_others_sorted() {
        let want = Some("https://example.com/story?id=42&page=2".to_string());
        assert_eq!(
            n("https://example.com/story?page=2&utm_source=twitter&id=42&UTM_Campaign=x"),
            want
        );
        assert_eq!(
            n("https://example.com/story?id=42&page=2&fbclid=IwAR0abc"),
            want
        );
        assert_eq!(
            n("https://example.com/story?gclid=1&mc_cid=2&mc_eid=3&igshid=4&ref=rss&id=42&page=2"),
            want
        );
        assert_eq!(
            n(
                "https://example.com/story?cmpid=a&ocid=b&at_medium=c&at_campaign=d&_ga=e&yclid=f&spm=g&id=42&page=2"
            ),
            want
        );
        // Only tracking parameters: no `?` left.
        assert_eq!(
            n("https://example.com/story?utm_source=a&utm_medium=b").as_deref(),
            Some("https://example.com/story")
        );
        // Repeated parameters are kept and sorted by value too.
        assert_eq!(
            n("https://example.com/s?tag=b&tag=a"),
            n("https://example.com/s?tag=a&tag=b")
        );
        // Equivalent encodings of one value compare equal.
        assert_eq!(
            n("https://example.com/s?q=a+b"),
            n("https://example.com/s?q=a%20b")
        );
        // Parameters that only look similar are kept.
        assert_eq!(
            n("https://example.com/s?reference=1&refresh=2").as_deref(),
            Some("https://example.com/s?reference=1&refresh=2")
        );
    }

    #[test]
    fn scheme_less_forms() {
        let want = Some("https://example.com/a".to_string());
        assert_eq!(n("//example.com/a"), want);
        assert_eq!(n("www.example.com/a"), want);
        assert_eq!(n("  https://example.com/a \n"), want);
    }

    #[test]
    fn things_that_are_not_web_urls() {
        for bad in [
            "",
            "   ",
            "not a url",
            "example",
            "/relative/path",
            "index.html",
            "mailto:news@example.com",
            "javascript:void(0)",
            "ftp://example.com/file",
            "file:///etc/hosts",
            "data:text/html,hi",
            "http://",
            "https:// example.com/",
            "http://[::1",
        ] {
            assert_eq!(n(bad), None, "{bad:?}");
        }
    }
}
