//! RSS, Atom, RDF and JSON feeds, parsed with `feed-rs`.
//!
//! Every item becomes one record, numbered from 1 in feed order. When article fetching is on, an
//! item's link is fetched over HTTP and the page is the document; when the fetch fails (or
//! fetching is off, or the item has no link), the item's own content (`content:encoded`, Atom
//! `content`, or the summary) is used if it is substantial, and the item is an error otherwise.
//! Items whose link the [`FetchState`](crate::FetchState) already has are skipped silently.

use crate::Ctx;
use crate::http::Fetched;
use crate::warc::is_html_mime;
use feed_rs::model::{Entry, Feed};
use parallax_core::{Content, Provenance, RawDoc, SourceKind};
use std::ops::ControlFlow;

/// Item text (markup left out) at least this long stands in for the article page.
pub const SUBSTANTIAL_ITEM_CHARS: usize = 400;

/// Reads the items of the feed in `bytes`. `base` resolves relative links (the feed's URL).
pub(crate) fn read(
    ctx: &mut Ctx<'_>,
    origin: &str,
    bytes: &[u8],
    base: Option<&str>,
) -> ControlFlow<()> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        // An empty id marks an item that has none of its own (feed-rs would invent one).
        .id_generator(|_, _, _| String::new())
        .build();
    let input_prov = || Provenance::file(origin, SourceKind::Feed);
    let depth = markup_depth(bytes);
    if depth > MAX_DEPTH {
        return ctx.fail(
            input_prov(),
            format!(
                "the feed nests elements {depth} deep (more than {MAX_DEPTH}); it is not a feed \
                 this reader accepts"
            ),
        );
    }
    // The depth check keeps feed-rs and quick-xml within their limits; should they still panic
    // on some input, that input becomes an error rather than ending the batch.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(bytes)));
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(e)) => {
            return ctx.fail(
                input_prov(),
                format!("not a valid RSS, Atom or JSON feed: {e}"),
            );
        }
        Err(_) => {
            return ctx.fail(
                input_prov(),
                "the feed parser failed on this input; it is not a feed this reader accepts",
            );
        }
    };
    read_items(ctx, origin, &feed)
}

fn read_items(ctx: &mut Ctx<'_>, origin: &str, feed: &Feed) -> ControlFlow<()> {
    let source = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    for (i, entry) in feed.entries.iter().enumerate() {
        let prov = Provenance::record(origin, i as u64 + 1, SourceKind::Feed);
        let link = item_link(entry);
        if let Some(link) = &link
            && ctx.state.already_have(link)
        {
            continue;
        }
        let own = item_content(entry);
        let own_len = own.map(visible_chars).unwrap_or(0);
        let substantial = own_len >= SUBSTANTIAL_ITEM_CHARS;
        let mut doc = match (&link, ctx.opts.fetch_feed_articles) {
            (Some(link), true) => match fetch_article(ctx, link) {
                Ok(doc) => doc,
                Err(_) if substantial => item_doc(own, Some(link)),
                Err(reason) => {
                    ctx.fail(
                        prov,
                        format!(
                            "could not fetch the article {link}: {reason}; the item has only \
                             {own_len} characters of text of its own, too few to stand in for it"
                        ),
                    )?;
                    continue;
                }
            },
            (link, _) if substantial => item_doc(own, link.as_deref()),
            (None, _) => {
                ctx.fail(
                    prov,
                    format!(
                        "the item has no link and only {own_len} characters of text, too few to \
                         be an article"
                    ),
                )?;
                continue;
            }
            (Some(link), false) => {
                ctx.fail(
                    prov,
                    format!(
                        "article fetching is off and the item ({link}) has only {own_len} \
                         characters of text; turn fetching on to read the page"
                    ),
                )?;
                continue;
            }
        };
        doc.provenance = prov;
        doc.title = entry
            .title
            .as_ref()
            .map(|t| t.content.trim().to_string())
            .filter(|t| !t.is_empty());
        doc.published = entry.published.or(entry.updated).map(|d| d.to_rfc3339());
        doc.source = source.clone();
        if !entry.id.trim().is_empty() {
            doc.id = Some(entry.id.trim().to_string());
        }
        ctx.emit_doc(doc)?;
    }
    ControlFlow::Continue(())
}

/// A document from the item's own content, when the page could not be fetched.
fn item_doc(own: Option<&str>, link: Option<&str>) -> RawDoc {
    let mut doc = RawDoc::new(
        Content::Html(own.unwrap_or("").as_bytes().to_vec()),
        Provenance::default(),
    );
    doc.url = link.map(str::to_string);
    doc
}

/// Fetches an item's article page.
fn fetch_article(ctx: &mut Ctx<'_>, link: &str) -> Result<RawDoc, String> {
    match ctx.http().get(link, None)? {
        Fetched::NotModified => Err("the server answered 304 Not Modified to a plain GET".into()),
        Fetched::Page(page) => {
            let html = match page.mime.as_deref() {
                None => true,
                Some(m) => is_html_mime(m) || m.starts_with("text/"),
            };
            if !html {
                return Err(format!(
                    "the link is {}, not an HTML page",
                    page.mime.as_deref().unwrap_or("?")
                ));
            }
            if page.body.iter().all(u8::is_ascii_whitespace) {
                return Err("the page is empty".into());
            }
            let mut doc = RawDoc::new(Content::Html(page.body), Provenance::default());
            doc.url = Some(page.final_url);
            doc.charset = page.charset;
            doc.fetched = Some(chrono::Utc::now());
            Ok(doc)
        }
    }
}

/// The item's article link: the first `alternate` (or untyped) link, else the first link.
fn item_link(entry: &Entry) -> Option<String> {
    let pick = entry
        .links
        .iter()
        .find(|l| {
            l.rel
                .as_deref()
                .is_none_or(|r| r.eq_ignore_ascii_case("alternate"))
        })
        .or_else(|| entry.links.first())?;
    let href = pick.href.trim();
    (!href.is_empty()).then(|| href.to_string())
}

/// The item's own text: its full content if it has one, else its summary.
fn item_content(entry: &Entry) -> Option<&str> {
    let content = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .filter(|b| !b.trim().is_empty());
    let summary = entry
        .summary
        .as_ref()
        .map(|s| s.content.as_str())
        .filter(|s| !s.trim().is_empty());
    match (content, summary) {
        (Some(c), Some(s)) if visible_chars(s) > visible_chars(c) => Some(s),
        (Some(c), _) => Some(c),
        (None, s) => s,
    }
}

/// Deepest element nesting a feed may have (real feeds stay below 30).
const MAX_DEPTH: usize = 2048;

/// An estimate of the deepest element nesting in XML (or of bracket nesting in JSON), found in
/// one linear pass: start tags open a level, end tags close one; comments, CDATA sections,
/// processing instructions and self-closing tags do not count.
fn markup_depth(bytes: &[u8]) -> usize {
    if skip_space(bytes).first() == Some(&b'{') {
        return json_depth(bytes);
    }
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let rest = &bytes[i + off..];
        let skip_to = |end: &[u8]| memchr::memmem::find(rest, end).map(|e| e + end.len());
        let len = if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_to(b"]]>")
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            skip_to(b">")
        } else {
            let end = memchr::memchr(b'>', rest);
            if let Some(end) = end {
                if rest.starts_with(b"</") {
                    depth = depth.saturating_sub(1);
                } else if rest[end.saturating_sub(1)] != b'/' {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            end.map(|e| e + 1)
        };
        match len {
            Some(len) => i += off + len,
            None => break,
        }
    }
    max
}

fn skip_space(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

/// Deepest `[`/`{` nesting in JSON, ignoring brackets inside strings.
fn json_depth(bytes: &[u8]) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Characters of text outside markup tags (an estimate good enough for a threshold).
fn visible_chars(html: &str) -> usize {
    let mut in_tag = false;
    let mut n = 0;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => n += 1,
            _ => {}
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReadOptions;
    use crate::tests::{RecordingState, collect_bytes_with};

    fn no_fetch() -> ReadOptions {
        ReadOptions {
            fetch_feed_articles: false,
            ..ReadOptions::default()
        }
    }

    fn long_text() -> String {
        "Det här är en lång artikeltext som upprepas. ".repeat(12)
    }

    fn rss() -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Exempelbladet</title><link>https://e.se/</link>
<item><title>Första</title><link>https://e.se/1</link><guid>e-1</guid>
<pubDate>Sun, 21 Apr 2024 10:00:00 +0200</pubDate>
<content:encoded><![CDATA[<p>{}</p>]]></content:encoded></item>
<item><title>Andra</title><link>https://e.se/2</link><description>Kort.</description></item>
<item><title>Tredje</title><description>Ingen länk.</description></item>
</channel></rss>"#,
            long_text()
        )
    }

    #[test]
    fn rss_items_use_their_content_when_not_fetching() {
        let out = collect_bytes_with(
            "feed.rss",
            rss().as_bytes(),
            &no_fetch(),
            &mut crate::NoState,
        );
        assert_eq!(out.len(), 3, "{out:#?}");
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.title.as_deref(), Some("Första"));
        assert_eq!(a.url.as_deref(), Some("https://e.se/1"));
        assert_eq!(a.id.as_deref(), Some("e-1"));
        assert_eq!(a.source.as_deref(), Some("Exempelbladet"));
        assert_eq!(a.published.as_deref(), Some("2024-04-21T08:00:00+00:00"));
        assert_eq!(
            a.provenance,
            Provenance::record("feed.rss", 1, SourceKind::Feed)
        );
        match &a.content {
            Content::Html(h) => assert!(String::from_utf8_lossy(h).contains("lång artikeltext")),
            other => panic!("{other:?}"),
        }
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.provenance.record, Some(2));
        assert!(e.message.contains("fetching is off"), "{}", e.message);
        let e = out[2].as_ref().unwrap_err();
        assert!(e.message.contains("no link"), "{}", e.message);
    }

    #[test]
    fn atom_entries_are_read_and_known_links_skipped() {
        let atom = format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:x</id>
<updated>2024-04-21T10:00:00Z</updated>
<entry><title>Known</title><id>urn:1</id><link href="https://a.org/known"/>
<updated>2024-04-21T10:00:00Z</updated><content type="html">&lt;p&gt;{t}&lt;/p&gt;</content></entry>
<entry><title>New</title><id>urn:2</id><link rel="alternate" href="https://a.org/new"/>
<published>2024-04-20T09:30:00Z</published><updated>2024-04-21T10:00:00Z</updated>
<content type="html">&lt;p&gt;{t}&lt;/p&gt;</content></entry>
</feed>"#,
            t = long_text()
        );
        let mut state = RecordingState::default();
        state.have.push("https://a.org/known".into());
        let out = collect_bytes_with("news.atom", atom.as_bytes(), &no_fetch(), &mut state);
        assert_eq!(out.len(), 1, "{out:#?}");
        let d = out[0].as_ref().unwrap();
        assert_eq!(d.title.as_deref(), Some("New"));
        assert_eq!(d.url.as_deref(), Some("https://a.org/new"));
        assert_eq!(d.source.as_deref(), Some("Atom News"));
        assert_eq!(d.published.as_deref(), Some("2024-04-20T09:30:00+00:00"));
        assert_eq!(d.provenance.record, Some(2));
    }

    #[test]
    fn broken_feed_is_one_error() {
        let out = collect_bytes_with(
            "bad.xml",
            b"<rss version=\"2.0\"><channel><item>",
            &no_fetch(),
            &mut crate::NoState,
        );
        assert!(out.iter().all(|r| r.is_err()));
        let out = collect_bytes_with(
            "bad.rss",
            b"<rss version=\"9\"></rss>",
            &no_fetch(),
            &mut crate::NoState,
        );
        assert_eq!(out.len(), 1);
        let e = out[0].as_ref().unwrap_err();
        assert!(e.message.contains("not a valid"), "{}", e.message);
        assert_eq!(e.provenance, Provenance::file("bad.rss", SourceKind::Feed));
    }

    #[test]
    fn nesting_depth_is_measured() {
        assert_eq!(markup_depth(b"<?xml version=\"1.0\"?><rss><channel><item/><!-- <a> --><![CDATA[<b><c>]]></channel></rss>"), 2);
        assert_eq!(markup_depth(b"<a><b><c></c></b><d/></a>"), 3);
        assert_eq!(json_depth(b"{\"a\": [1, {\"b\": \"[[[\\\"\"}]}"), 3);
        let deep = format!(
            "<rss version=\"2.0\"><channel><item><description>{}",
            "<a>".repeat(100_000)
        );
        let out = collect_bytes_with(
            "deep.rss",
            deep.as_bytes(),
            &no_fetch(),
            &mut crate::NoState,
        );
        assert_eq!(out.len(), 1);
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("nests elements")
        );
    }

    #[test]
    fn visible_chars_ignores_markup() {
        assert_eq!(visible_chars("<p class=\"x\">abc</p> d"), 5);
    }
}
