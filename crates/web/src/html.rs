//! The pieces every HTML page shares: the document frame with its one inline style sheet, links,
//! times and language names.
//!
//! Pages are built with `maud`, which escapes every interpolated value, so text from articles
//! can never turn into markup. The only unescaped strings are the constant style sheet and
//! constant `&nbsp;`-free fragments in this module.

use maud::{DOCTYPE, Markup, PreEscaped, html};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// The style sheet of every page: small, mobile-first, system fonts, colours with at least 4.5:1
/// contrast on white.
const CSS: &str = "\
:root{--fg:#1b1b1b;--muted:#4f4f4f;--bg:#fff;--line:#d4d4d4;--soft:#f4f4f4;--accent:#0b4fb3;\
--ok:#0b6428;--bad:#a0150d;--warn:#6d4700}\
*{box-sizing:border-box}\
body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--fg);background:var(--bg)}\
header,main,footer{max-width:74rem;margin:0 auto;padding:.5rem 1rem}\
header{border-bottom:1px solid var(--line)}\
header nav a{margin-right:1.25rem;font-weight:600}\
footer{border-top:1px solid var(--line);margin-top:2rem}\
a{color:var(--accent)}\
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid var(--accent);outline-offset:2px}\
h1{font-size:1.55rem;line-height:1.25;margin:.75rem 0}\
h2{font-size:1.25rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}\
h3{font-size:1.05rem;margin:0 0 .25rem}\
.meta{color:var(--muted);font-size:.9rem;margin:.25rem 0}\
.badge{display:inline-block;padding:0 .45em;border:1px solid currentColor;border-radius:.3em;font-size:.8rem;font-weight:700;white-space:nowrap}\
.ok{color:var(--ok)}.bad{color:var(--bad)}.warn{color:var(--warn)}.muted{color:var(--muted)}\
.cards{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,17rem),1fr));list-style:none;padding:0;margin:0}\
.card{border:1px solid var(--line);border-radius:.5rem;padding:.75rem;background:var(--bg)}\
.figure{margin:0 0 .75rem}.figure h3{margin-bottom:.4rem}\
.entities{grid-template-columns:repeat(auto-fill,minmax(min(100%,15rem),1fr));gap:.25rem 1rem}\
.entities>li p{margin:.15rem 0}\
.plain{list-style:none;padding:0;margin:0}\
.plain>li{padding:.6rem 0;border-bottom:1px solid var(--line)}\
blockquote{margin:.5rem 0;padding:.1rem .75rem;border-left:3px solid var(--line)}\
blockquote p{margin:.25rem 0}\
.summary li{margin:.35rem 0}\
table{border-collapse:collapse;width:100%;font-size:.92rem}\
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}\
th{background:var(--soft)}\
.scroll{overflow-x:auto}\
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:.5rem 0 1rem}\
label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}\
input,select,button{font:inherit;color:var(--fg);padding:.3rem .4rem;border:1px solid #767676;border-radius:.3rem;background:var(--bg)}\
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer}\
.skip{position:absolute;left:-999rem}.skip:focus{left:1rem;top:.5rem;background:var(--bg);padding:.25rem}\
.pager{display:flex;gap:1rem;margin:1rem 0}\
.body p{max-width:42rem}\
aside.box{border:1px solid var(--line);background:var(--soft);padding:.5rem .75rem;border-radius:.5rem;max-width:42rem}\
@media(min-width:48rem){h1{font-size:1.9rem}}";

/// What a rendered page may link to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ctx {
    /// The page is served by `parallax serve`: links to other pages of the server work. When
    /// false, the page is a standalone file and links only to anchors inside itself and to the
    /// articles' own URLs.
    pub server: bool,
}

impl Ctx {
    /// The context of pages served over HTTP.
    pub const SERVER: Ctx = Ctx { server: true };
    /// The context of a standalone exported file.
    pub const STANDALONE: Ctx = Ctx { server: false };
}

/// Characters escaped in a path segment: everything but unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `text` percent-encoded for use as one path segment or one query value.
pub(crate) fn enc(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

/// The link to a story page.
pub(crate) fn story_href(id: u64) -> String {
    format!("/stories/{id}")
}

/// The link to an article page.
pub(crate) fn article_href(key: &str) -> String {
    format!("/articles/{}", enc(key))
}

/// The link to an entity page.
pub(crate) fn entity_href(name: &str) -> String {
    format!("/entities/{}", enc(name))
}

/// A complete HTML document: head with the style sheet, skip link, site navigation (served pages
/// only), the main landmark holding `body`, and a footer. `script` names a same-origin script to
/// load (deferred), if any.
pub(crate) fn document(title: &str, ctx: Ctx, script: Option<&str>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (title) " · Parallax" }
                style { (PreEscaped(CSS)) }
                @if let Some(src) = script {
                    script src=(src) defer {}
                }
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header {
                    @if ctx.server {
                        nav aria-label="Site" {
                            a href="/" { "Stories" }
                            a href="/search" { "Search" }
                        }
                    } @else {
                        p.meta { "Parallax story export" }
                    }
                }
                main #main { (body) }
                footer {
                    p.meta {
                        "Parallax: news from many sources, side by side. Every statement links to the article it comes from."
                    }
                }
            }
        }
    }
}

/// The English name of a language code, with the code: "Swedish (sv)"; the code alone when the
/// name is not known here.
pub(crate) fn language_name(code: &str) -> String {
    let name = match code.to_ascii_lowercase().as_str() {
        "en" => "English",
        "sv" => "Swedish",
        "nb" | "no" => "Norwegian",
        "nn" => "Norwegian Nynorsk",
        "da" => "Danish",
        "fi" => "Finnish",
        "pl" => "Polish",
        "de" => "German",
        "nl" => "Dutch",
        "fr" => "French",
        "es" => "Spanish",
        "it" => "Italian",
        "pt" => "Portuguese",
        "ru" => "Russian",
        "uk" => "Ukrainian",
        "cs" => "Czech",
        "sk" => "Slovak",
        "tr" => "Turkish",
        "ar" => "Arabic",
        "fa" => "Persian",
        "zh" => "Chinese",
        "ja" => "Japanese",
        "ko" => "Korean",
        "el" => "Greek",
        "hu" => "Hungarian",
        "ro" => "Romanian",
        "hr" => "Croatian",
        "sr" => "Serbian",
        "sl" => "Slovene",
        "bg" => "Bulgarian",
        "et" => "Estonian",
        "lv" => "Latvian",
        "lt" => "Lithuanian",
        "he" => "Hebrew",
        "hi" => "Hindi",
        "id" => "Indonesian",
        "vi" => "Vietnamese",
        "ca" => "Catalan",
        "be" => "Belarusian",
        "is" => "Icelandic",
        _ => return code.to_string(),
    };
    format!("{name} ({code})")
}

/// A value for an HTML `lang` attribute: the code when it looks like a language tag, else
/// `None` (so that a broken code in the data never yields a broken attribute).
pub(crate) fn lang_attr(code: Option<&str>) -> Option<&str> {
    code.filter(|c| {
        (2..=12).contains(&c.len())
            && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && c.as_bytes()[0].is_ascii_alphabetic()
    })
}

/// A publication time for people: RFC 3339 times as `2024-03-23 14:05 UTC`, anything else as
/// written.
pub(crate) fn human_time(time: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(time) {
        Ok(t) => t
            .with_timezone(&chrono::Utc)
            .format("%Y-%m-%d %H:%M UTC")
            .to_string(),
        Err(_) => time.to_string(),
    }
}

/// A `<time>` element for `time`, or "time unknown".
pub(crate) fn time_el(time: Option<&str>) -> Markup {
    html! {
        @match time {
            Some(t) => time datetime=(t) { (human_time(t)) },
            None => span.muted { "time unknown" },
        }
    }
}

/// The time span of a story: "2024-03-23 14:05 UTC – 2024-03-24 08:00 UTC", or one time.
pub(crate) fn span_el(first: Option<&str>, last: Option<&str>) -> Markup {
    html! {
        @match (first, last) {
            (Some(a), Some(b)) if a != b => { (time_el(Some(a))) " – " (time_el(Some(b))) },
            (Some(a), _) | (None, Some(a)) => (time_el(Some(a))),
            (None, None) => span.muted { "time unknown" },
        }
    }
}

/// "1 article", "3 articles".
pub(crate) fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The page shown for an error: a heading and the message.
pub(crate) fn error_page(status: u16, message: &str) -> Markup {
    let title = match status {
        404 => "Not found",
        400 => "Bad request",
        503 => "Not available",
        _ => "Something went wrong",
    };
    document(
        title,
        Ctx::SERVER,
        None,
        html! {
            h1 { (title) }
            p { (message) }
            p { a href="/" { "Back to the stories" } }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(enc("a b/c?d"), "a%20b%2Fc%3Fd");
        assert_eq!(
            entity_href("Łukasz Fyderek"),
            "/entities/%C5%81ukasz%20Fyderek"
        );
        assert_eq!(article_href("x.txt#1"), "/articles/x.txt%231");
    }

    #[test]
    fn lang_attribute_rejects_junk() {
        assert_eq!(lang_attr(Some("sv")), Some("sv"));
        assert_eq!(lang_attr(Some("zh-Hant")), Some("zh-Hant"));
        assert_eq!(lang_attr(Some("\"><x")), None);
        assert_eq!(lang_attr(Some("")), None);
        assert_eq!(lang_attr(None), None);
    }

    #[test]
    fn times_read_well() {
        assert_eq!(
            human_time("2024-03-23T15:05:00+01:00"),
            "2024-03-23 14:05 UTC"
        );
        assert_eq!(human_time("2024-03-23"), "2024-03-23");
        assert_eq!(language_name("sv"), "Swedish (sv)");
        assert_eq!(language_name("xx"), "xx");
    }
}
