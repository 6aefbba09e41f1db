//! Main-content extraction from a parsed HTML page.
//!
//! The method, in one pass over the tree and one over the blocks it yields:
//!
//! 1. **Blocks.** An iterative walk (deep nesting cannot overflow the stack) flattens the page into
//!    text blocks, one per block-level element, skipping what is never body (scripts, forms
//!    controls, figures and captions, navigation, hidden elements). Each block records its length,
//!    how much of it is link text, and whether an ancestor's `class`/`id`/`role` marks it as chrome
//!    (comments, share bars, related links, cookie banners, newsletters, bylines, ...).
//! 2. **Quality.** Each block is judged *good* (long, prose-like, few links), *bad* (link lists,
//!    chrome) or *short* (undecided: headings, one-line paragraphs).
//! 3. **Container.** While the walk closes elements it sums good and bad text per subtree; the
//!    element that maximises `good - PENALTY * bad` is the article's container — the best trade-off
//!    between keeping prose and keeping out chrome, found in linear time.
//!    A chrome-named element that holds (or directly follows) the headline and most of the prose
//!    is the article's column, whatever its class says; one that names an embed and holds a
//!    `<blockquote>` is a post the article quotes (a tweet).
//! 4. **Body.** The good and short blocks inside the container are kept in document order, with
//!    a lead paragraph that sits between the headline and the container. Bad blocks,
//!    boilerplate lines and undecided blocks at the edges are dropped, except a standfirst under
//!    the headline (with a line that introduces the first paragraph, or an opening sentence with
//!    a link beside the first paragraph), closing sentences and a
//!    short sign-off after the last paragraph; a small tail that a run of chrome separates from
//!    the article (an author's bio, a pitch) is cut.
//! 5. **Fallback.** When the class words leave nothing, the page is read again without them
//!    (and with `<aside>` read like any block); the caller may also retry with `<noscript>`
//!    content unwrapped ([`strip_heavy`] cuts it).

use parallax_core::{Block, BlockKind};
use scraper::{Html, Node};

/// Development aid: with `PARALLAX_TRACE_EXTRACT` set, the extractor prints its blocks, their
/// verdicts and the chosen container on stderr.
static TRACE: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os("PARALLAX_TRACE_EXTRACT").is_some());

/// How much one character of bad text costs against one character of good text when choosing the
/// container.
const PENALTY: f64 = 0.6;

/// Good text above which a weakly marked container (an ad box) is believed to hold the article's
/// paragraphs because broken markup left it open.
const WEAK_CHROME_PROSE: f64 = 400.0;

/// Blocks longer than this are prose, never a boilerplate line ("Read more: …", "Advertisement").
const BOILERPLATE_MAX_WEIGHT: f64 = 160.0;

/// Longest block that a figure label ("Figure 3: …") marks as a caption (weighted characters).
const CAPTION_MAX_WEIGHT: f64 = 500.0;

/// Extra credit for each good block, so that several paragraphs beat one long line of text.
const GOOD_BLOCK_BONUS: f64 = 40.0;

/// Characters that render as nothing and only hint at line breaking: soft hyphen, zero-width
/// space, word joiner and a stray byte-order mark. (The zero-width joiners shape Indic, Persian
/// and emoji text and are kept.)
const INVISIBLE: &[char] = &['\u{AD}', '\u{200B}', '\u{2060}', '\u{FEFF}'];

/// A block of text as found in the page, with the features used to judge it.
#[derive(Debug, Clone)]
struct RawBlock {
    text: String,
    kind: BlockKind,
    /// Weighted length (CJK characters count more, as they carry more per character).
    weight: f64,
    link_weight: f64,
    /// Index of the container element this block belongs to (see `Walker::containers`).
    open_at: usize,
    quality: Quality,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quality {
    Good,
    Short,
    Bad,
}

/// The extracted body: blocks in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// Body blocks.
    pub blocks: Vec<Block>,
}

/// Extracts the body of the article in `doc`. `title` (if known) is dropped when it opens the body.
///
/// When the class and id words leave nothing (a page whose only text sits in a container named
/// like chrome, such as a forum thread or a live ticker), the page is read once more without them.
pub fn extract_body(doc: &Html, title: Option<&str>) -> Body {
    let mut w = Walker::default();
    w.walk(doc);
    let body = w.finish(title);
    if !body.blocks.is_empty() {
        return body;
    }
    let mut w = Walker {
        ignore_classes: true,
        ..Walker::default()
    };
    w.walk(doc);
    w.finish(title)
}

/// Parses a page (after [`strip_heavy`]) into a DOM, exactly as `scraper::Html::parse_document`
/// does. A fast builder handles the pages made only of the constructs it reproduces exactly
/// (most news pages); on any other construct it gives up early and html5ever parses the page.
pub fn parse(html: &str) -> Html {
    crate::fastparse::try_parse(html).unwrap_or_else(|_| crate::fastparse::parse_html5ever(html))
}

/// Removes what no extractor reads before the page is parsed: `<script>` (except JSON data:
/// JSON-LD and the page state some sites keep as `application/json`),
/// `<style>`, `<svg>`, `<noscript>`, `<template>` elements and comments, and the attributes of
/// start tags that neither the body walk, the metadata reader nor the tree builder looks at
/// (`src`, `srcset`, `data-*`, `onclick`, `href` outside `<link>`, ...). On news pages these are
/// often more than half of the bytes, and cutting them with a byte scan is much cheaper than
/// tokenizing them.
///
/// The cut follows the HTML tokenizer's own rules: the content of a raw-text element ends at the
/// first matching end tag, a tag ends at the first `>` outside a quoted attribute value, and the
/// text of `<title>`, `<textarea>` and other raw-text elements that are kept is left alone.
pub fn strip_heavy(html: &str) -> std::borrow::Cow<'_, str> {
    strip(html, false)
}

/// Like [`strip_heavy`], but unwraps `<noscript>` elements instead of cutting them: for a page
/// whose text is only there (a blog that renders its posts with a script and keeps a copy for
/// readers without one).
pub(crate) fn strip_heavy_keeping_noscript(html: &str) -> std::borrow::Cow<'_, str> {
    strip(html, true)
}

/// The output of [`strip`]: `html` with some byte ranges left out or replaced, built lazily (a
/// page with nothing to cut is not copied).
struct Cut<'a> {
    html: &'a str,
    out: Option<String>,
    /// Bytes of `html` already copied to `out` (or skipped).
    copied: usize,
}

impl<'a> Cut<'a> {
    /// Leaves out `html[from..to]` and lets `with` write what takes its place.
    fn replace(&mut self, from: usize, to: usize, with: impl FnOnce(&mut String)) {
        let html = self.html;
        let o = self
            .out
            .get_or_insert_with(|| String::with_capacity(html.len()));
        o.push_str(&html[self.copied..from]);
        with(o);
        self.copied = to;
    }

    fn finish(self) -> std::borrow::Cow<'a, str> {
        match self.out {
            Some(mut o) => {
                o.push_str(&self.html[self.copied.min(self.html.len())..]);
                std::borrow::Cow::Owned(o)
            }
            None => std::borrow::Cow::Borrowed(self.html),
        }
    }
}

fn strip(html: &str, keep_noscript: bool) -> std::borrow::Cow<'_, str> {
    const HEAVY: &[&[u8]] = &[b"script", b"style", b"svg", b"noscript", b"template"];
    let bytes = html.as_bytes();
    let mut cut = Cut {
        html,
        out: None,
        copied: 0,
    };
    let mut attrs = Vec::new(); // the attributes of the current start tag
    let mut pos = 0;
    // Where the text between two tags starts, when the scan is in the tokenizer's data state
    // there; and how many `<pre>`/`<listing>` elements are open (their whitespace is text).
    let mut data_from: Option<usize> = None;
    let mut pre_depth = 0usize;
    while let Some(off) = memchr::memchr(b'<', &bytes[pos..]) {
        let lt = pos + off;
        if let Some(from) = data_from.take()
            && pre_depth == 0
            && lt >= from + 2
        {
            collapse_indentation(&mut cut, &bytes[from..lt], from);
        }
        let rest = &bytes[lt + 1..];
        let mut cut_end = None;
        let mut raw_text = false;
        if rest.starts_with(b"!--") {
            cut_end = Some(
                COMMENT_END
                    .find(&rest[3..])
                    .map_or(bytes.len(), |e| lt + 1 + 3 + e + 3),
            );
        } else if rest
            .first()
            .is_some_and(|&b| matches!(b | 0x20, b's' | b'n' | b't'))
        {
            // Every heavy element's name starts with `s`, `n` or `t`.
            for name in HEAVY {
                if rest.len() > name.len()
                    && rest[..name.len()].eq_ignore_ascii_case(name)
                    && matches!(rest[name.len()], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
                {
                    let tag_end = memchr::memchr(b'>', rest).map_or(rest.len(), |e| e + 1);
                    let open_tag = &rest[..tag_end];
                    if *name == b"script" && contains_ignore_case(open_tag, b"json") {
                        // JSON data is kept, as the raw text it is.
                        raw_text = true;
                        break;
                    }
                    if keep_noscript && *name == b"noscript" {
                        cut_end = Some(lt + 1 + tag_end);
                        break;
                    }
                    cut_end = Some(find_end_tag(bytes, lt + 1 + tag_end, name));
                    break;
                }
            }
        }
        if let Some(end) = cut_end {
            cut.replace(lt, end, |_| {});
            pos = end;
            data_from = Some(end);
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            // A start tag: drop the attributes nobody reads, then step over raw text.
            let Some(tag) = StartTag::scan(bytes, lt, &mut attrs) else {
                break; // the page ends inside the tag: the tokenizer drops it anyway
            };
            let name = &bytes[tag.name.clone()];
            let mut drops_some = false;
            for a in attrs.iter_mut() {
                a.keep = keeps_attribute(name, &bytes[a.name.clone()]);
                drops_some |= !a.keep;
            }
            if name.eq_ignore_ascii_case(b"link") && is_unread_link(bytes, &attrs) {
                cut.replace(lt, tag.end, |_| {});
            } else if drops_some {
                cut.replace(lt, tag.end, |o| {
                    o.push_str(&html[lt..tag.name.end]);
                    for a in attrs.iter() {
                        if a.keep {
                            o.push(' ');
                            o.push_str(&html[a.name.start..a.end]);
                        }
                    }
                    o.push_str(if tag.self_closing { "/>" } else { ">" });
                });
            }
            pos = tag.end;
            if name.eq_ignore_ascii_case(b"plaintext") {
                break; // everything after it is text
            }
            if raw_text || RAW_TEXT.iter().any(|r| name.eq_ignore_ascii_case(r)) {
                pos = raw_text_end(bytes, pos, name);
            } else {
                if is_preformatted(name) {
                    pre_depth += 1;
                }
                data_from = Some(pos);
            }
        } else if rest.first() == Some(&b'/') && rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            // An end tag: it ends at the first `>` (what an end tag carries is ignored).
            let name_len = rest[1..]
                .iter()
                .position(|&b| is_tag_space(b) || b == b'/' || b == b'>')
                .unwrap_or(rest.len() - 1);
            if is_preformatted(&rest[1..1 + name_len]) {
                pre_depth = pre_depth.saturating_sub(1);
            }
            match memchr::memchr(b'>', rest) {
                Some(gt) => {
                    pos = lt + 1 + gt + 1;
                    data_from = Some(pos);
                }
                None => break,
            }
        } else {
            pos = lt + 1;
        }
        if pos >= bytes.len() {
            break;
        }
    }
    cut.finish()
}

/// Searchers built once: building one per search costs more than the search on short spans.
static COMMENT_END: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"-->"));
static END_TAG_OPEN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"</"));

/// Whether a `<link>` is one nobody reads (a stylesheet, a preload, an icon, a feed): its `rel`
/// names neither the canonical URL nor the lead image, and it carries no microdata and no class.
/// Pages have dozens of them; anything unclear (no `rel`, an entity in it) is kept.
fn is_unread_link(bytes: &[u8], attrs: &[Attr]) -> bool {
    let mut unread_rel = false;
    let mut rels = 0;
    for a in attrs {
        let name = &bytes[a.name.clone()];
        if name.eq_ignore_ascii_case(b"rel") {
            if rels > 0 {
                return false; // the tokenizer keeps the first; do not guess
            }
            rels += 1;
            let value = &bytes[a.name.end..a.end];
            unread_rel = !value.contains(&b'&')
                && !contains_ignore_case(value, b"canonical")
                && !contains_ignore_case(value, b"image_src");
        } else if name.len() >= 4 && name[..4].eq_ignore_ascii_case(b"item")
            || name.eq_ignore_ascii_case(b"class")
        {
            return false;
        }
    }
    unread_rel
}

/// Elements whose whitespace is part of their text.
fn is_preformatted(name: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing")
}

/// Replaces `run` (the text between two tags, starting at byte `at` of the page) with one
/// whitespace character when it is only indentation: a line break when it holds one, else its
/// first character. Whitespace between tags is one space to every reader of the tree, and pages
/// indent deeply; the tokenizer then has less to step over.
fn collapse_indentation(cut: &mut Cut<'_>, run: &[u8], at: usize) {
    if skip_tag_space(run, 0) < run.len() {
        return;
    }
    let keep = if run.iter().any(|&b| b == b'\n' || b == b'\r') {
        "\n"
    } else if run[0] == b'\t' {
        "\t"
    } else if run[0] == 0x0C {
        "\x0C"
    } else {
        " "
    };
    cut.replace(at, at + run.len(), |o| o.push_str(keep));
}

/// Elements whose content the tokenizer reads as text up to their end tag (those that
/// [`strip`] keeps).
const RAW_TEXT: &[&[u8]] = &[
    b"title",
    b"textarea",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Attributes read by the body walk, the metadata reader or the HTML tree builder (which looks at
/// `type` of `<input>` in tables and at `color`/`face`/`size` of `<font>` and `encoding` of
/// `<annotation-xml>` in foreign content). `href` is read on `<link>` only, `title` on `<abbr>`
/// only.
fn keeps_attribute(tag: &[u8], attr: &[u8]) -> bool {
    // Names are compared case-insensitively, as the tokenizer lower-cases them; the length
    // picks the few candidates (pages carry thousands of attributes, most of them dropped).
    let is = |word: &[u8]| attr.eq_ignore_ascii_case(word);
    match attr.len() {
        2 => is(b"id"),
        3 => is(b"rel"),
        4 => {
            is(b"role")
                || is(b"type")
                || is(b"name")
                || is(b"lang")
                || is(b"face")
                || is(b"size")
                || (is(b"href") && tag.eq_ignore_ascii_case(b"link"))
        }
        5 => {
            is(b"class")
                || is(b"style")
                || is(b"value")
                || is(b"color")
                || (is(b"title") && tag.eq_ignore_ascii_case(b"abbr"))
        }
        6 => is(b"hidden"),
        7 => is(b"content") || is(b"pubdate"),
        8 => {
            is(b"itemprop")
                || is(b"itemtype")
                || is(b"property")
                || is(b"datetime")
                || is(b"xml:lang")
                || is(b"encoding")
        }
        10 => is(b"http-equiv"),
        11 => is(b"aria-hidden"),
        _ => false,
    }
}

/// One attribute of a start tag, as byte ranges of the page.
struct Attr {
    /// The name.
    name: std::ops::Range<usize>,
    /// The end of the attribute (of its value, when it has one).
    end: usize,
    /// Whether [`keeps_attribute`] keeps it (set by the caller of [`StartTag::scan`]).
    keep: bool,
}

/// A start tag found by a byte scan that follows the tokenizer's states for tags and attributes.
struct StartTag {
    /// The tag name.
    name: std::ops::Range<usize>,
    /// Whether the tag ends with `/>`.
    self_closing: bool,
    /// The byte index just past the closing `>`.
    end: usize,
}

fn is_tag_space(b: u8) -> bool {
    TAG_BYTES[usize::from(b)] & SPACE != 0
}

/// Tag whitespace, in [`TAG_BYTES`].
const SPACE: u8 = 1;
/// `/`, in [`TAG_BYTES`].
const SLASH: u8 = 2;
/// `>`, in [`TAG_BYTES`].
const GT: u8 = 4;
/// `=`, in [`TAG_BYTES`].
const EQ: u8 = 8;
/// The class of each byte among those that end a tag name, an attribute name or an unquoted
/// value: one table lookup per byte instead of a chain of comparisons.
static TAG_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = SPACE;
    t[b'\n' as usize] = SPACE;
    t[b'\r' as usize] = SPACE;
    t[0x0C] = SPACE;
    t[b'/' as usize] = SLASH;
    t[b'>' as usize] = GT;
    t[b'=' as usize] = EQ;
    t
};

/// The index of the first byte at or after `i` that is not tag whitespace, or `b.len()`.
fn skip_tag_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_tag_space(b[i]) {
        i += 1;
    }
    i
}

/// The index of the first byte at or after `i` whose class is in `stop`, or `b.len()`.
fn skip_until(b: &[u8], i: usize, stop: u8) -> usize {
    b.get(i..)
        .and_then(|rest| {
            rest.iter()
                .position(|&c| TAG_BYTES[usize::from(c)] & stop != 0)
        })
        .map_or(b.len(), |p| i + p)
}

impl StartTag {
    /// The start tag whose `<` is at `lt` (followed by an ASCII letter), with its attributes in
    /// `attrs`, or `None` when the input ends inside it.
    fn scan(b: &[u8], lt: usize, attrs: &mut Vec<Attr>) -> Option<StartTag> {
        attrs.clear();
        let name_start = lt + 1;
        let mut i = skip_until(b, name_start, SPACE | SLASH | GT);
        let name = name_start..i;
        loop {
            i = skip_tag_space(b, i);
            match b.get(i)? {
                b'>' => {
                    return Some(StartTag {
                        name,
                        self_closing: false,
                        end: i + 1,
                    });
                }
                b'/' if b.get(i + 1) == Some(&b'>') => {
                    return Some(StartTag {
                        name,
                        self_closing: true,
                        end: i + 2,
                    });
                }
                b'/' => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // The first character always belongs to the name, even `=`.
            let attr_start = i;
            i = skip_until(b, i + 1, SPACE | SLASH | GT | EQ);
            let attr_name = attr_start..i;
            let mut j = skip_tag_space(b, i);
            if b.get(j) == Some(&b'=') {
                j = skip_tag_space(b, j + 1);
                match *b.get(j)? {
                    q @ (b'"' | b'\'') => {
                        i = j + 1 + memchr::memchr(q, &b[j + 1..])? + 1;
                    }
                    b'>' => i = j,
                    _ => i = skip_until(b, j, SPACE | GT),
                }
            }
            attrs.push(Attr {
                name: attr_name,
                end: i,
                keep: true,
            });
        }
    }
}

/// The index of the end tag `</name` (followed by a space, `/` or `>`) that closes a raw-text
/// element whose content starts at `from`, or the end of the input.
fn raw_text_end(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut pos = from;
    while let Some(off) = END_TAG_OPEN.find(&bytes[pos..]) {
        let at = pos + off;
        let after = at + 2 + name.len();
        if bytes.len() > after
            && bytes[at + 2..after].eq_ignore_ascii_case(name)
            && (is_tag_space(bytes[after]) || matches!(bytes[after], b'/' | b'>'))
        {
            return at;
        }
        pos = at + 2;
    }
    bytes.len()
}

/// Whether an inline `style` hides the element (`display: none`, `visibility: hidden`).
fn hides(style: &str) -> bool {
    if !style.contains(['n', 'N', 'h', 'H']) {
        return false;
    }
    // Compared lower-cased and without spaces, in one copy.
    let s: Vec<u8> = style
        .bytes()
        .filter(|&b| b != b' ')
        .map(|b| b.to_ascii_lowercase())
        .collect();
    memchr::memmem::find(&s, b"display:none").is_some()
        || memchr::memmem::find(&s, b"visibility:hidden").is_some()
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// The byte index just past `</name ...>` at or after `from`, or the end of the input.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut pos = from;
    while let Some(off) = END_TAG_OPEN.find(&bytes[pos..]) {
        let at = pos + off + 2;
        if bytes.len() >= at + name.len() && bytes[at..at + name.len()].eq_ignore_ascii_case(name) {
            return memchr::memchr(b'>', &bytes[at..]).map_or(bytes.len(), |e| at + e + 1);
        }
        pos = at;
    }
    bytes.len()
}

/// What kind of element a tag is for the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagRole {
    /// Never body: the whole subtree is skipped.
    Skip,
    /// Starts and ends a block.
    Block(BlockKind),
    /// A line break.
    Break,
    /// Inline: text flows through.
    Inline,
    /// A link: inline, counted as link text.
    Link,
}

fn tag_role(name: &str) -> TagRole {
    match name {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
        | "embed" | "canvas" | "video" | "audio" | "select" | "option" | "button" | "input"
        | "textarea" | "nav" | "figure" | "figcaption" | "aside" | "head" | "title" | "meta"
        | "link" | "picture" | "source" | "track" | "map" | "dialog" | "menu" | "label" => {
            TagRole::Skip
        }
        "p" | "div" | "section" | "article" | "main" | "ul" | "ol" | "dl" | "dt" | "dd"
        | "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "header" | "footer"
        | "address" | "center" | "form" | "fieldset" | "details" | "summary" | "caption"
        | "body" | "html" | "hgroup" | "hr" => TagRole::Block(BlockKind::Paragraph),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => TagRole::Block(BlockKind::Heading),
        "li" => TagRole::Block(BlockKind::ListItem),
        "blockquote" => TagRole::Block(BlockKind::Quote),
        "pre" => TagRole::Block(BlockKind::Pre),
        "br" => TagRole::Break,
        "a" => TagRole::Link,
        _ => TagRole::Inline,
    }
}

/// Class/id words that mark chrome for certain: a `-`/`_`/camelCase-separated part of a class or
/// id token must equal one of these.
const STRONG_CHROME_PARTS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "share",
    "sharing",
    "social",
    "footer",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "related",
    "comments",
    "comment",
    "cookie",
    "cookies",
    "consent",
    "newsletter",
    "outbrain",
    "taboola",
    "disqus",
    "recommended",
    "recommend",
    "recirculation",
    "trending",
    "popular",
    "mostread",
    "masthead",
    "topbar",
    "copyright",
    "disclaimer",
    "subnav",
    "discussion",
];
/// Class/id words that mark chrome weakly: ads and widgets that broken markup sometimes leaves
/// open around the article's paragraphs.
const WEAK_CHROME_PARTS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "banner",
    "promo",
    "widget",
    "widgets",
    "tag",
    "tags",
    "caption",
    "credit",
    "credits",
    "author",
    "authors",
    "bio",
    "byline",
    "dateline",
    "timestamp",
    "rating",
    "overlay",
    "teaser",
    "teasers",
    "gallery",
    "slideshow",
    "sponsor",
    "sponsored",
    "popup",
    "modal",
    "toolbar",
    "follow",
    "login",
    "signup",
    "subscribe",
    "subscription",
];
/// Whole class tokens that hide an element.
const HIDDEN_TOKENS: &[&str] = &["hidden", "is-hidden", "hide", "visually-hidden", "sr-only"];
/// Class/id substrings that mark chrome wherever they appear in a token.
const CHROME_SUBSTRINGS: &[&str] = &[
    "advert",
    "comment",
    "related",
    "recommend",
    "newsletter",
    "sidebar",
    "breadcrumb",
    "cookie",
    "social",
    "sponsor",
    "outbrain",
    "taboola",
    "subscribe",
    "sharebar",
    "most-read",
    "mostread",
    "more-from",
    "morefrom",
    "read-more",
    "readmore",
    "read-next",
    "readnext",
    "see-also",
    "also-read",
    "author-info",
    "author-bio",
    "about-author",
    "gdpr",
    "consent",
];
/// Class/id substrings that mark the article's own container.
const CONTENT_SUBSTRINGS: &[&str] = &[
    "articlebody",
    "article-body",
    "article__body",
    "article_body",
    "storybody",
    "story-body",
    "story__body",
    "entry-content",
    "entrycontent",
    "post-content",
    "postcontent",
    "post-body",
    "postbody",
    "article-content",
    "articlecontent",
    "article__content",
    "article-text",
    "articletext",
    "article_text",
    "body-text",
    "bodytext",
    "story-content",
    "storycontent",
    "main-content",
    "maincontent",
    "content-body",
    "text-content",
    "rich-text",
    "richtext",
];
/// Whole class/id tokens that mark the article's own container.
const CONTENT_TOKENS: &[&str] = &[
    "article", "content", "story", "entry", "post", "text", "prose",
];

/// Calls `f` with each lowercase part of a class or id token, split at `-`, `_`, digits and
/// camelCase humps, until `f` returns true; returns whether it did. Parts longer than the buffer
/// are never a listed word and are skipped.
fn any_part(token: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    let mut buf = [0u8; 32];
    let mut len = 0usize;
    let mut too_long = false;
    let mut prev_lower = false;
    let mut emit = |buf: &[u8], len: &mut usize, too_long: &mut bool| -> bool {
        let hit = *len > 0 && !*too_long && std::str::from_utf8(&buf[..*len]).is_ok_and(&mut f);
        *len = 0;
        *too_long = false;
        hit
    };
    for b in token.bytes() {
        if !b.is_ascii_alphabetic() {
            if emit(&buf, &mut len, &mut too_long) {
                return true;
            }
            prev_lower = false;
            continue;
        }
        if b.is_ascii_uppercase() && prev_lower && len > 0 && emit(&buf, &mut len, &mut too_long) {
            return true;
        }
        prev_lower = b.is_ascii_lowercase();
        if len < buf.len() {
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        } else {
            too_long = true;
        }
    }
    emit(&buf, &mut len, &mut too_long)
}

/// Case-insensitive automata for the chrome and the content class/id substrings (a yes-or-no
/// search in each is cheaper than listing every overlapping match of one automaton).
static CLASS_SUBSTRINGS: std::sync::LazyLock<[Option<aho_corasick::AhoCorasick>; 2]> =
    std::sync::LazyLock::new(|| {
        let build = |words: &[&str]| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(words)
                .ok()
        };
        [build(CHROME_SUBSTRINGS), build(CONTENT_SUBSTRINGS)]
    });

/// Whether `token` contains one of the chrome (`chrome = true`) or content substrings.
fn has_substring(token: &str, chrome: bool) -> bool {
    CLASS_SUBSTRINGS[usize::from(!chrome)]
        .as_ref()
        .is_some_and(|ac| ac.is_match(token))
}

/// What each listed class/id part says: [`STRONG_CHROME_PARTS`] and [`WEAK_CHROME_PARTS`] in one
/// table (a word in both lists is strong).
static CHROME_PARTS: std::sync::LazyLock<foldhash::HashMap<&'static str, Chrome>> =
    std::sync::LazyLock::new(|| {
        let weak = WEAK_CHROME_PARTS.iter().map(|&p| (p, Chrome::Weak));
        let strong = STRONG_CHROME_PARTS.iter().map(|&p| (p, Chrome::Strong));
        weak.chain(strong).collect()
    });

/// How strongly a class or id value marks chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Chrome {
    #[default]
    No,
    Weak,
    Strong,
}

fn chrome_of(value: &str) -> Chrome {
    let mut found = Chrome::No;
    if value.is_empty() {
        return Chrome::No;
    }
    for token in value.split_ascii_whitespace() {
        // `hidden` alone hides an element; as a part it is a breakpoint (`hidden-xs`) or hides a
        // label (`field--label-hidden`), not the element's content.
        if HIDDEN_TOKENS.iter().any(|h| token.eq_ignore_ascii_case(h)) {
            found = found.max(Chrome::Weak);
            continue;
        }
        if has_substring(token, true) {
            return Chrome::Strong;
        }
        let strong = any_part(token, |p| match CHROME_PARTS.get(p) {
            Some(Chrome::Strong) => true,
            Some(Chrome::Weak) => {
                found = Chrome::Weak;
                false
            }
            _ => false,
        });
        if strong {
            return Chrome::Strong;
        }
    }
    found
}

#[cfg(test)]
fn class_is_chrome(value: &str) -> bool {
    chrome_of(value) != Chrome::No
}

fn class_is_content(value: &str) -> bool {
    value.split_ascii_whitespace().any(|token| {
        CONTENT_TOKENS.iter().any(|c| token.eq_ignore_ascii_case(c)) || has_substring(token, false)
    })
}

/// What [`class_is_content`] and [`chrome_of`] said about each class or id value of a page:
/// pages repeat the same few values on hundreds of elements.
#[derive(Default)]
struct ClassVerdicts<'d> {
    /// Per value: whether it marks content, and how it marks chrome once asked.
    seen: foldhash::HashMap<&'d str, (bool, Option<Chrome>)>,
}

impl<'d> ClassVerdicts<'d> {
    fn entry(&mut self, value: &'d str) -> &mut (bool, Option<Chrome>) {
        self.seen
            .entry(value)
            .or_insert_with(|| (class_is_content(value), None))
    }

    fn content(&mut self, value: &'d str) -> bool {
        !value.is_empty() && self.entry(value).0
    }

    fn chrome(&mut self, value: &'d str) -> Chrome {
        if value.is_empty() {
            return Chrome::No;
        }
        *self.entry(value).1.get_or_insert_with(|| chrome_of(value))
    }
}

/// One open element during the walk.
#[derive(Debug, Clone)]
struct Frame {
    role: TagRole,
    content: bool,
    link: bool,
    /// Index into `Walker::containers` for block elements.
    container: Option<usize>,
    /// The kind and container of the innermost block element open here (this one or an
    /// ancestor), so that flushing need not search the stack.
    block: Option<(BlockKind, usize)>,
}

/// A block-level element: where its blocks are and what its attributes say.
#[derive(Debug, Clone, Default)]
struct Container {
    good: f64,
    bad: f64,
    /// Marked as the article's own container (`<article>`, `itemprop=articleBody`, class words).
    content: bool,
    /// Marked as chrome by its class, id or tag (`footer`, a page `header`).
    chrome: Chrome,
    /// Chrome for certain: its blocks are bad whatever they hold.
    dead: bool,
    /// A `<header>` element.
    header: bool,
    /// Chrome whose class names an embed ("social-media-embed"): an embedded post when it holds
    /// a `<blockquote>` (a tweet the article quotes), a placeholder or a player otherwise.
    embed: bool,
    /// A `<blockquote>` element.
    quote: bool,
    /// Index of the first and one past the last block inside it.
    first_block: usize,
    end_block: usize,
    parent: Option<usize>,
}

#[derive(Default)]
struct Walker {
    blocks: Vec<RawBlock>,
    containers: Vec<Container>,
    stack: Vec<Frame>,
    buf: String,
    link_chars: usize,
    pending_breaks: u8,
    pre_depth: usize,
    /// Index of the block that shows the headline, once `settle` has looked for it.
    title_at: Option<usize>,
    /// Judge containers by their text alone, not by their class, id or tag (second reading).
    ignore_classes: bool,
}

impl Walker {
    /// Walks the tree in document order without recursion, stepping over the subtrees of
    /// skipped elements instead of visiting them.
    fn walk(&mut self, doc: &Html) {
        let mut verdicts = ClassVerdicts::default();
        let root = doc.tree.root();
        let mut next = root.first_child();
        while let Some(node) = next {
            // Enter the node; go down into it unless it is a skipped element.
            let (descend, opened) = match node.value() {
                Node::Element(el) => {
                    let opened = self.open(el, &mut verdicts);
                    (opened, opened)
                }
                Node::Text(t) => {
                    let link = self.stack.last().is_some_and(|f| f.link);
                    self.push_text(t, self.pre_depth > 0, link);
                    (false, false)
                }
                _ => (true, false),
            };
            if descend && let Some(child) = node.first_child() {
                next = Some(child);
                continue;
            }
            // Leave the node, then every ancestor whose last child it closes.
            let mut at = node;
            let mut opened = opened;
            loop {
                if opened {
                    self.close();
                }
                if let Some(sibling) = at.next_sibling() {
                    next = Some(sibling);
                    break;
                }
                match at.parent() {
                    Some(parent) if parent.id() != root.id() => {
                        at = parent;
                        // An ancestor was entered: it is an opened element, or a node that
                        // holds children without being an element and opened nothing.
                        opened = parent.value().is_element();
                    }
                    _ => {
                        next = None;
                        break;
                    }
                }
            }
        }
        self.flush();
    }

    /// Opens an element; returns false when it is skipped with everything inside it.
    fn open<'d>(
        &mut self,
        el: &'d scraper::node::Element,
        verdicts: &mut ClassVerdicts<'d>,
    ) -> bool {
        let name = el.name();
        let mut role = tag_role(name);
        // On the second reading an `<aside>` is judged by its text like any block: some pages
        // wrap their whole main column in one.
        if self.ignore_classes && name == "aside" {
            role = TagRole::Block(BlockKind::Paragraph);
        }
        if role == TagRole::Skip {
            return false;
        }
        // One pass over the attributes (each `attr` lookup would scan them all again).
        let (mut class, mut id, mut itemprop) = ("", "", None);
        let mut hidden = false;
        for (key, value) in el.attrs() {
            match key {
                "class" => class = value,
                "id" => id = value,
                "itemprop" => itemprop = Some(value),
                "hidden" => hidden = true,
                "aria-hidden" => hidden |= value == "true",
                "style" => hidden |= hides(value),
                "role" => {
                    hidden |= matches!(
                        value,
                        "navigation"
                            | "banner"
                            | "contentinfo"
                            | "complementary"
                            | "menu"
                            | "dialog"
                            | "search"
                    )
                }
                _ => {}
            }
        }
        if hidden {
            return false;
        }
        let parent_content = self.stack.last().is_some_and(|f| f.content);
        let link = role == TagRole::Link || self.stack.last().is_some_and(|f| f.link);
        let mut container = None;
        let mut is_content = false;
        match role {
            TagRole::Block(kind) => {
                is_content = itemprop.is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
                    || name == "article"
                    || name == "main"
                    || verdicts.content(class)
                    || verdicts.content(id);
                // Class words on a paragraph or heading itself are CSS naming ("tagStyle_x1"),
                // not page structure: only containers are judged by their class.
                let leaf = matches!(
                    name,
                    "p" | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "blockquote"
                        | "pre"
                        | "dd"
                        | "dt"
                );
                let chrome = if is_content || leaf || self.ignore_classes {
                    Chrome::No
                } else if name == "footer" || name == "header" && !parent_content {
                    Chrome::Strong
                } else {
                    verdicts.chrome(class).max(verdicts.chrome(id))
                };
                if chrome != Chrome::No && *TRACE {
                    eprintln!(
                        "CHROME {} <{name} class={class:?} id={id:?}>",
                        self.containers.len()
                    );
                }
                self.flush();
                if kind == BlockKind::Pre {
                    self.pre_depth += 1;
                }
                let parent = self.stack.last().and_then(|f| f.block).map(|(_, ci)| ci);
                container = Some(self.containers.len());
                let embed = chrome == Chrome::Strong
                    && class
                        .split_ascii_whitespace()
                        .any(|t| any_part(t, |p| p == "embed"));
                self.containers.push(Container {
                    content: is_content,
                    chrome,
                    header: name == "header",
                    embed,
                    quote: name == "blockquote",
                    first_block: self.blocks.len(),
                    parent,
                    ..Default::default()
                });
            }
            TagRole::Break => {
                self.pending_breaks += 1;
                if self.pending_breaks >= 2 {
                    self.flush();
                } else {
                    self.push_space();
                }
            }
            _ => {}
        }
        let block = match (role, container) {
            (TagRole::Block(kind), Some(ci)) => Some((kind, ci)),
            _ => self.stack.last().and_then(|f| f.block),
        };
        self.stack.push(Frame {
            role,
            content: is_content || parent_content,
            link,
            container,
            block,
        });
        true
    }

    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        if let TagRole::Block(kind) = frame.role {
            if kind == BlockKind::Pre {
                self.pre_depth = self.pre_depth.saturating_sub(1);
            }
            self.flush_with(kind, frame.container);
            if let Some(ci) = frame.container {
                self.containers[ci].end_block = self.blocks.len();
            }
        }
    }

    fn push_space(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with(' ') {
            self.buf.push(' ');
        }
    }

    fn push_text(&mut self, text: &str, pre: bool, link: bool) {
        if !pre && text.is_ascii() {
            self.push_ascii_text(text, link);
            return;
        }
        let before = self.buf.len();
        if pre {
            self.buf.push_str(text);
        } else {
            if text.starts_with(char::is_whitespace) {
                self.push_space();
            }
            // Soft hyphens and zero-width characters are invisible hints for the renderer;
            // kept, they would split words. (They are rare: look for them once per text.)
            let invisible = !text.is_ascii() && text.contains(INVISIBLE);
            for (i, word) in text.split_whitespace().enumerate() {
                if i > 0 {
                    self.buf.push(' ');
                }
                if invisible && word.contains(INVISIBLE) {
                    self.buf
                        .extend(word.chars().filter(|c| !INVISIBLE.contains(c)));
                } else {
                    self.buf.push_str(word);
                }
            }
            if text.ends_with(char::is_whitespace) {
                self.push_space();
            }
        }
        if !text.trim().is_empty() {
            self.pending_breaks = 0;
        }
        if link {
            self.link_chars += self.buf[before..].chars().count();
        }
    }

    /// [`Walker::push_text`] for ASCII text outside `<pre>` (most text nodes): the same result
    /// from a byte scan, without decoding characters.
    fn push_ascii_text(&mut self, text: &str, link: bool) {
        // The ASCII characters that `char::is_whitespace` accepts.
        let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        let bytes = text.as_bytes();
        let before = self.buf.len();
        if bytes.first().is_some_and(|&b| is_space(b)) {
            self.push_space();
        }
        let (mut i, mut words) = (0, 0usize);
        while i < bytes.len() {
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            if i == bytes.len() {
                break;
            }
            let start = i;
            while i < bytes.len() && !is_space(bytes[i]) {
                i += 1;
            }
            if words > 0 {
                self.buf.push(' ');
            }
            words += 1;
            self.buf.push_str(&text[start..i]);
        }
        if bytes.last().is_some_and(|&b| is_space(b)) {
            self.push_space();
        }
        if words > 0 {
            self.pending_breaks = 0;
        }
        if link {
            // Only ASCII was added: one byte per character.
            self.link_chars += self.buf.len() - before;
        }
    }

    /// Flushes the pending text as a block of the innermost open block element.
    fn flush(&mut self) {
        let (kind, container) = self
            .stack
            .last()
            .and_then(|f| f.block)
            .map_or((BlockKind::Paragraph, None), |(k, ci)| (k, Some(ci)));
        self.flush_with(kind, container);
    }

    fn flush_with(&mut self, kind: BlockKind, container: Option<usize>) {
        self.pending_breaks = 0;
        let text = self.buf.trim();
        if text.is_empty() {
            self.buf.clear();
            self.link_chars = 0;
            return;
        }
        let text = text.to_string();
        let (weight, chars) = weight_and_chars(&text);
        let chars = chars.max(1);
        let link_weight = weight * (self.link_chars.min(chars) as f64 / chars as f64);
        let quality = judge(&text, kind, weight, link_weight);
        self.blocks.push(RawBlock {
            text,
            kind,
            weight,
            link_weight,
            open_at: container.unwrap_or(usize::MAX),
            quality,
        });
        self.buf.clear();
        self.link_chars = 0;
    }

    /// Decides which chrome-marked containers really are chrome, and sums good and bad text per
    /// container.
    ///
    /// A class word is weak evidence: pages wrap everything in `<div class="page-ad-margins">` or
    /// `<div class="has-sidebar">`. A marked container that holds most of the page's good text
    /// is not chrome; any other is, with everything inside it.
    /// Finds lists of teasers — a container with several child "cards", each holding a link
    /// line (a headline) and a paragraph of prose — and marks the cards as chrome: such lists
    /// look like prose block by block, but they are other stories. A card list that holds the
    /// title block is left alone.
    fn mark_teaser_lists(&mut self, title_at: Option<usize>) {
        let n = self.containers.len();
        let (mut has_link, mut has_good) = (vec![false; n], vec![false; n]);
        let mut prose = vec![0.0f64; n];
        for b in &self.blocks {
            if b.open_at < n {
                let ld = if b.weight > 0.0 {
                    b.link_weight / b.weight
                } else {
                    0.0
                };
                has_link[b.open_at] |= ld > 0.5 && b.weight < 200.0;
                has_good[b.open_at] |= b.quality == Quality::Good && ld < 0.2;
                prose[b.open_at] += b.weight - b.link_weight;
            }
        }
        for i in (0..n).rev() {
            if let Some(p) = self.containers[i].parent {
                has_link[p] |= has_link[i];
                has_good[p] |= has_good[i];
                prose[p] += prose[i];
            }
        }
        // A card is short: a headline and a snippet, not a section of an article.
        let is_card = |i: usize| has_link[i] && has_good[i] && prose[i] < TEASER_PROSE;
        let mut cards = vec![0u32; n];
        for i in 0..n {
            if is_card(i)
                && let Some(p) = self.containers[i].parent
            {
                cards[p] += 1;
            }
        }
        for i in 0..n {
            let Some(p) = self.containers[i].parent else {
                continue;
            };
            let c = &self.containers[i];
            let holds_title = title_at.is_some_and(|t| {
                let parent = &self.containers[p];
                t >= parent.first_block && t < parent.end_block
            });
            if cards[p] >= TEASER_CARDS && is_card(i) && !holds_title && c.chrome == Chrome::No {
                self.containers[i].chrome = Chrome::Strong;
                if *TRACE {
                    eprintln!("TEASER card {i} in list {p}");
                }
            }
        }
    }

    fn settle(&mut self, title: Option<&str>) {
        let title_at = title.and_then(|t| find_title_block(&self.blocks, t));
        self.title_at = title_at;
        let total_good: f64 = self
            .blocks
            .iter()
            .filter(|b| b.quality == Quality::Good)
            .map(|b| b.weight - b.link_weight)
            .sum();
        // Good text per container before chrome is applied, summed bottom-up (children always
        // have larger indices than their parents).
        let mut good = vec![0.0f64; self.containers.len()];
        for b in &self.blocks {
            if b.quality == Quality::Good
                && let Some(g) = good.get_mut(b.open_at)
            {
                *g += b.weight - b.link_weight;
            }
        }
        // Whether a container holds a `<blockquote>`, likewise.
        let mut quotes: Vec<bool> = self.containers.iter().map(|c| c.quote).collect();
        for i in (0..self.containers.len()).rev() {
            if let Some(p) = self.containers[i].parent {
                good[p] += good[i];
                quotes[p] |= quotes[i];
            }
        }
        self.mark_teaser_lists(title_at);
        let total_blocks = self.blocks.len().max(1) as f64;
        #[allow(clippy::needless_range_loop)] // reads the parent's entry while writing this one
        for i in 0..self.containers.len() {
            let parent_dead = self.containers[i]
                .parent
                .is_some_and(|p| self.containers[p].dead);
            let c = &self.containers[i];
            // A marked wrapper of most of the page, or of nearly all its prose, is not chrome.
            let share = (c.end_block - c.first_block) as f64 / total_blocks;
            // So is one that holds (or directly follows) the headline and most of the prose:
            // class words like `has-sidebar-layout` or `comments_page_wrapper` name a page
            // column, not chrome.
            let holds_title = title_at.is_some_and(|t| {
                t + TITLE_LEAD >= c.first_block
                    && t < c.end_block
                    && title_is_prose(&self.blocks[t])
            });
            let wrapper = share >= 0.5
                || good[i] >= 0.8 * total_good
                || (holds_title && good[i] >= TITLE_WRAPPER_SHARE * total_good);
            let article_header =
                c.header && title_at.is_some_and(|t| t >= c.first_block && t < c.end_block);
            let dead = parent_dead
                || match c.chrome {
                    Chrome::No => false,
                    // The header holding the headline is the article's header: its
                    // standfirst is body, its other lines are undecided blocks at the edge.
                    // An embedded post (a tweet in a social-media embed) is quoted content.
                    Chrome::Strong => !(wrapper || article_header || (c.embed && quotes[i])),
                    // An ad box holding paragraphs of prose is an unclosed ad box.
                    Chrome::Weak => !wrapper && good[i] < WEAK_CHROME_PROSE,
                };
            if dead && !parent_dead && *TRACE {
                eprintln!(
                    "DEAD container {i} good={:.0} of {total_good:.0} blocks={} title={title_at:?} \
                     holds_title={holds_title}",
                    good[i],
                    c.end_block - c.first_block
                );
            }
            self.containers[i].dead = dead;
        }
        for b in &mut self.blocks {
            if self.containers.get(b.open_at).is_some_and(|c| c.dead) {
                b.quality = Quality::Bad;
            }
        }
        for (i, b) in self.blocks.iter().enumerate() {
            // The article's text follows its headline: prose right after the title block counts
            // double, so one paragraph under the headline beats a longer list of teasers.
            let near_title = title_at.is_some_and(|t| i > t && i <= t + TITLE_REACH);
            let boost = if near_title { 2.0 } else { 1.0 };
            if let Some(c) = self.containers.get_mut(b.open_at) {
                match b.quality {
                    Quality::Good => {
                        c.good += boost * (b.weight - b.link_weight) + GOOD_BLOCK_BONUS
                    }
                    Quality::Bad => c.bad += b.weight,
                    Quality::Short => c.bad += b.link_weight,
                }
            }
        }
        for i in (0..self.containers.len()).rev() {
            if let Some(p) = self.containers[i].parent {
                let (g, b) = (self.containers[i].good, self.containers[i].bad);
                self.containers[p].good += g;
                self.containers[p].bad += b;
            }
        }
    }

    fn finish(mut self, title: Option<&str>) -> Body {
        self.settle(title);
        let Walker {
            blocks,
            containers,
            title_at,
            ..
        } = self;
        // The container with the best trade-off of good over bad text.
        let mut best: Option<(usize, f64)> = None;
        for (i, c) in containers.iter().enumerate() {
            let mut score = c.good - PENALTY * c.bad;
            if c.content {
                score *= 1.15;
            }
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((i, score));
            }
        }
        if *TRACE {
            let (lo, hi) = best.map_or((0, 0), |(i, _)| {
                (containers[i].first_block, containers[i].end_block)
            });
            for (i, b) in blocks.iter().enumerate() {
                eprintln!(
                    "{:?} w={:.0} l={:.0} c={} {}| {}",
                    b.quality,
                    b.weight,
                    b.link_weight,
                    b.open_at,
                    if (lo..hi).contains(&i) { "IN " } else { "" },
                    b.text.chars().take(300).collect::<String>()
                );
            }
            eprintln!("best={best:?}");
        }
        let Some((ci, score)) = best else {
            return Body::default();
        };
        if score <= 0.0 {
            return Body::default();
        }
        let c = &containers[ci];
        // The lead paragraph often sits in its own element between the headline and the
        // container: a run of prose reaching back from the container towards the headline,
        // with no chrome in between, belongs to the article.
        let mut start = c.first_block;
        if let Some(t) = title_at.filter(|&t| t < c.first_block) {
            let mut j = c.first_block;
            while j > t + 1 && blocks[j - 1].quality != Quality::Bad {
                j -= 1;
            }
            if blocks[j..c.first_block]
                .iter()
                .any(|b| b.quality == Quality::Good)
            {
                start = j;
            }
        }
        let inside = &blocks[start..c.end_block];
        let mut kept: Vec<(usize, &RawBlock)> = inside
            .iter()
            .enumerate()
            .map(|(i, b)| (start + i, b))
            .filter(|(_, b)| {
                b.quality != Quality::Bad
                    && (b.weight > BOILERPLATE_MAX_WEIGHT
                        || !crate::text::is_boilerplate_line(&b.text))
                    && !(b.weight <= CAPTION_MAX_WEIGHT
                        && crate::text::starts_with_figure_label(&b.text))
            })
            .collect();
        // A short line that is mostly a date is a dateline ("Published 20 April 2024 at 23.58 ·
        // Updated ..."), metadata rather than body, wherever it stands.
        kept.retain(|(_, b)| b.quality != Quality::Short || !is_dateline(&b.text));
        // A label whose value was dropped ("Author:" before a byline link, "Publish date:"
        // before a dateline, "Font size:" before its buttons) is the page's, not the text's.
        let kept_at: Vec<usize> = kept.iter().map(|(i, _)| *i).collect();
        kept.retain(|(i, b)| {
            !(b.quality == Quality::Short
                && b.text.trim_end().ends_with([':', '：'])
                && b.text.split_whitespace().nth(3).is_none()
                && kept_at.binary_search(&(i + 1)).is_err())
        });
        // Undecided blocks at the edges are chrome more often than not (datelines, "Share",
        // kicker lines); inside the run of good blocks they are subheadings and short paragraphs.
        // Between the headline and the first paragraph, a run of plain lines of several words
        // is the standfirst (a subtitle or a lead sentence), body of the article.
        let first_good = kept
            .iter()
            .position(|(_, b)| b.quality != Quality::Short)
            .unwrap_or(kept.len());
        // A line that introduces the first paragraph right below it ("The best part:") is
        // part of the text too.
        let first_at = kept.get(first_good).map(|(i, _)| *i);
        // So is an opening sentence with a link in it, in the same element as the paragraphs
        // that follow ("Remember the state's quest for a <a>slogan</a>?").
        let first_open = kept.get(first_good).map(|(_, b)| b.open_at);
        let lede = kept[..first_good]
            .iter()
            .rev()
            .take_while(|(i, b)| {
                title_at.is_some_and(|t| *i > t)
                    && (is_standfirst(b)
                        || (first_at == Some(i + 1) && introduces(b))
                        || (first_at == Some(i + 1)
                            && first_open.is_some_and(|o| beside(&containers, b.open_at, o))
                            && is_linked_opening(b)))
            })
            .count();
        kept.drain(..first_good - lede);
        // Closing sentences right after the last paragraph ("See you there!") are body; from the
        // first closing label on ("Tags", "Read also:", vote counts) the rest is not.
        let last_good = kept.iter().rposition(|(_, b)| b.quality != Quality::Short);
        // A sign-off right below the text ("Yours, Anna") is body too: a plain line that
        // follows the last kept block with nothing dropped in between.
        let end = last_good.map_or(0, |g| {
            let mut prev = kept[g].0;
            let mut sign_offs = 0;
            g + 1
                + kept[g + 1..]
                    .iter()
                    .take_while(|(i, b)| {
                        let ok = is_closing_sentence(b)
                            || (sign_offs < MAX_SIGN_OFF_LINES
                                && *i == prev + 1
                                && beside(&containers, blocks[prev].open_at, b.open_at)
                                && is_sign_off(b)
                                && {
                                    sign_offs += 1;
                                    true
                                });
                        prev = *i;
                        ok
                    })
                    .count()
        });
        kept.truncate(end);
        cut_detached_tail(&mut kept, &blocks);
        // A call to subscribe or follow at the end ("Sign up for our newsletter", "Download our
        // app for iOS and Android") is the site's, not the story's.
        while kept.len() > 1
            && kept
                .last()
                .is_some_and(|(_, b)| b.weight <= PROMO_MAX_WEIGHT && is_call_to_action(&b.text))
        {
            kept.pop();
        }
        // A label left at the end ("Further information:", a section heading) introduced what
        // was cut after it.
        while kept.last().is_some_and(|(_, b)| {
            b.quality == Quality::Short
                && (b.kind == BlockKind::Heading || b.text.trim_end().ends_with([':', '：']))
        }) {
            kept.pop();
        }
        let title_norm = title.map(norm_for_compare);
        let mut out = Vec::with_capacity(kept.len());
        for (_, b) in kept {
            if out.is_empty() && title_norm.as_deref() == Some(norm_for_compare(&b.text).as_str()) {
                continue;
            }
            out.push(Block {
                kind: b.kind,
                text: b.text.clone(),
            });
        }
        Body { blocks: out }
    }
}

/// Chrome blocks between the article and a trailing block that make the block detached.
const TAIL_GAP: usize = 3;

/// Largest share of the kept text a detached tail may have to be cut.
const TAIL_SHARE: f64 = 0.2;

/// Cuts a small tail of blocks that several chrome blocks (a share bar, a tag list) separate from
/// the article: an author's bio, a subscription pitch or a promotion, not the story.
fn cut_detached_tail(kept: &mut Vec<(usize, &RawBlock)>, blocks: &[RawBlock]) {
    let total: f64 = kept.iter().map(|(_, b)| b.weight).sum();
    let mut tail = total;
    let mut cut = None;
    for k in 1..kept.len() {
        tail -= kept[k - 1].1.weight;
        let gap = blocks[kept[k - 1].0 + 1..kept[k].0]
            .iter()
            .filter(|b| b.quality == Quality::Bad)
            .count();
        if gap >= TAIL_GAP && tail <= TAIL_SHARE * total {
            cut = Some(k);
            break;
        }
    }
    if let Some(k) = cut {
        kept.truncate(k);
    }
}

/// Longest closing block judged as a call to subscribe or follow (weighted characters).
const PROMO_MAX_WEIGHT: f64 = 200.0;

/// Whether a short closing block asks the reader to subscribe, sign up or follow the site
/// elsewhere, in the languages we support.
fn is_call_to_action(text: &str) -> bool {
    const CUES: &[&str] = &[
        "newsletter",
        "subscribe",
        "sign up",
        "signing up",
        "abonnieren",
        "abonnez",
        "abonner",
        "suscríb",
        "subskryb",
        "prenumer",
        "iscriviti",
        "melde dich",
        "melden sie sich",
        "ios and android",
        "ios und android",
        "ios et android",
        "ios y android",
        "app store",
        "google play",
        "youtube",
        "telegram",
    ];
    static CTA: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(CUES).ok());
    static CTA_FOLDED: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::LazyLock::new(|| ascii_folding_automaton(CUES));
    if let Some(ac) = CTA_FOLDED.as_ref()
        && lowercase_changes_only_ascii(text)
    {
        return ac.is_match(text);
    }
    let lower = text.to_lowercase();
    match CTA.as_ref() {
        Some(ac) => ac.is_match(&lower),
        None => CUES.iter().any(|m| lower.contains(m)),
    }
}

/// Whether two blocks sit side by side in the page: in the same element, or in elements that are
/// siblings, cousins (two list items) or parent and child. A line in another section of the page
/// (the heading of a list of links below the article) is not.
fn beside(containers: &[Container], a: usize, b: usize) -> bool {
    let parent = |c: usize| containers.get(c).and_then(|c| c.parent);
    let (pa, pb) = (parent(a), parent(b));
    a == b
        || pa == Some(b)
        || pb == Some(a)
        || pa == pb
        || pa.and_then(parent) == pb.and_then(parent)
}

/// Whether a short block between the headline and the first paragraph is a standfirst: plain
/// text (no links) of several words that does not introduce something dropped.
fn is_standfirst(b: &RawBlock) -> bool {
    b.link_weight == 0.0 && lead_line(b)
}

/// What every line kept above the first paragraph has: several words, some weight, and no
/// colon at the end (a line ending in one introduces something, perhaps something dropped).
fn lead_line(b: &RawBlock) -> bool {
    b.weight >= STANDFIRST_MIN_WEIGHT
        && !b.text.trim_end().ends_with([':', '：'])
        && b.text.split_whitespace().nth(3).is_some()
}

/// Whether a short line introduces what follows it: plain text of a few words ending in a colon.
fn introduces(b: &RawBlock) -> bool {
    b.link_weight == 0.0
        && b.kind != BlockKind::Heading
        && b.text.trim_end().ends_with([':', '：'])
        && b.text.split_whitespace().nth(2).is_some()
}

/// Whether a short paragraph is an opening sentence that carries an inline link: a paragraph
/// of several words that ends a sentence and is mostly plain text.
fn is_linked_opening(b: &RawBlock) -> bool {
    b.kind == BlockKind::Paragraph
        && b.link_weight <= 0.3 * b.weight
        && ends_sentence(&b.text)
        && lead_line(b)
}

/// Shortest standfirst kept before the first paragraph (weighted characters).
const STANDFIRST_MIN_WEIGHT: f64 = 30.0;

/// Whether a short block at the end of the body is a sentence of the article: a few words of
/// plain text (no links) that end a sentence. A line ending in a colon introduces something that
/// was dropped (a list of links), so it is not one.
fn is_closing_sentence(b: &RawBlock) -> bool {
    b.link_weight == 0.0
        && b.weight >= CLOSING_MIN_WEIGHT
        && b.kind != BlockKind::Heading
        && ends_sentence(&b.text)
        && !b.text.trim_end().ends_with([':', '：'])
        && b.text.split_whitespace().nth(2).is_some()
}

/// Most sign-off lines kept after the last paragraph (a greeting and a name).
const MAX_SIGN_OFF_LINES: usize = 2;

/// Whether a short line right after the text is a sign-off: a few plain words (no links, not a
/// heading, no label with a colon, not a parenthesised credit, not a byline in capitals).
fn is_sign_off(b: &RawBlock) -> bool {
    let t = b.text.trim();
    b.link_weight == 0.0
        && b.kind == BlockKind::Paragraph
        && t.split_whitespace().nth(1).is_some()
        // "Source: …" and "(Edited by …)" are credits, a line in capitals is a byline.
        && !t.contains([':', '：'])
        && !(t.starts_with(['(', '（']) && t.ends_with([')', '）']))
        && t.chars().any(char::is_lowercase)
}

/// Shortest closing sentence kept at the end of the body (weighted characters).
const CLOSING_MIN_WEIGHT: f64 = 15.0;

/// Whether a short block is a dateline: few words, no sentence end, and a date in it.
fn is_dateline(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words <= 14
        && !text.trim_end().ends_with(['.', '!', '?'])
        && crate::date::parse_date_text(text).is_some()
}

/// Cards (a link line and a paragraph) a container must hold to be a list of teasers.
const TEASER_CARDS: u32 = 3;

/// Most prose a teaser card holds (weighted characters).
const TEASER_PROSE: f64 = 600.0;

/// Share of the page's good text that a chrome-marked container holding the headline must wrap to
/// be taken for the article's column.
const TITLE_WRAPPER_SHARE: f64 = 0.5;

/// How many blocks may stand between the headline and the start of the column it introduces.
const TITLE_LEAD: usize = 6;

/// Whether the headline block is the page's own headline rather than a link to it (a teaser or a
/// breadcrumb naming the same story).
fn title_is_prose(b: &RawBlock) -> bool {
    b.link_weight <= 0.5 * b.weight
}

/// How many blocks after the title block count as "right after the headline".
const TITLE_REACH: usize = 12;

/// The block that shows the headline: a heading equal to (or a large part of) the title, else any
/// block that is.
fn find_title_block(blocks: &[RawBlock], title: &str) -> Option<usize> {
    let t = norm_for_compare(title);
    if t.chars().count() < 8 {
        return None;
    }
    let matches = |b: &RawBlock| {
        if b.weight > 400.0 {
            return false;
        }
        let n = norm_for_compare(&b.text);
        n == t
            || (n.len() * 10 >= t.len() * 6 && t.contains(&n))
            || (n.starts_with(&t) && n.len() < t.len() * 2)
    };
    blocks
        .iter()
        .position(|b| b.kind == BlockKind::Heading && matches(b))
        .or_else(|| blocks.iter().position(matches))
}

fn norm_for_compare(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a character belongs to a script written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Length of `text` weighted so that a CJK character counts like a short word.
#[cfg(test)] // the walk uses `weight_and_chars`
fn weight_of(text: &str) -> f64 {
    weight_and_chars(text).0
}

/// The length of `text` weighted so that a CJK character counts like a short word, and its
/// number of characters, in one pass.
fn weight_and_chars(text: &str) -> (f64, usize) {
    // Counted in integers: a weight is a whole number, and the sum is the same.
    if text.is_ascii() {
        let spaces = text
            .bytes()
            .filter(|&b| (b as char).is_whitespace())
            .count();
        return ((text.len() - spaces) as f64, text.len());
    }
    let (mut w, mut chars) = (0u64, 0usize);
    for c in text.chars() {
        chars += 1;
        if c.is_ascii() {
            w += u64::from(!c.is_whitespace());
        } else if is_cjk(c) {
            w += 3;
        } else if !c.is_whitespace() {
            w += 1;
        }
    }
    (w as f64, chars)
}

fn judge(text: &str, kind: BlockKind, weight: f64, link_weight: f64) -> Quality {
    let link_density = if weight > 0.0 {
        link_weight / weight
    } else {
        0.0
    };
    if link_density > 0.5 {
        return Quality::Bad;
    }
    // A long block is a legal notice only when it keeps repeating the copyright sign (an
    // article about copyright law says "copyright" often, but rarely "©").
    if (weight < 600.0 && is_legal_line(text)) || text.matches('©').nth(1).is_some() {
        return Quality::Bad;
    }
    let ends_sentence = ends_sentence(text);
    // A heading is undecided, unless it is a paragraph of prose that a page styled with a
    // heading tag.
    if kind == BlockKind::Heading && !(weight >= HEADING_PROSE && ends_sentence) {
        return Quality::Short;
    }
    if link_density > 0.3 && weight < 200.0 {
        return Quality::Short;
    }
    if weight >= 120.0 || (weight >= 50.0 && ends_sentence) {
        Quality::Good
    } else {
        Quality::Short
    }
}

/// Weighted length from which a heading that ends a sentence is judged as prose.
const HEADING_PROSE: f64 = 80.0;

/// Whether `text` ends like a sentence (or a clause that introduces what follows).
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ' '])
        .ends_with(['.', '!', '?', '。', '！', '？', ':', ';', '…'])
}

/// An automaton that finds the lower-case `words` in a text as they would appear in its
/// lower-cased copy, when [`lowercase_changes_only_ascii`] holds for the text.
fn ascii_folding_automaton(words: &[&str]) -> Option<aho_corasick::AhoCorasick> {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(words)
        .ok()
}

/// Whether `text.to_lowercase()` differs from `text` only in ASCII letters: every other
/// character is its own lower case. Then an ASCII-case-insensitive search in `text` finds
/// exactly what a search in the lower-cased copy finds, without making the copy.
fn lowercase_changes_only_ascii(text: &str) -> bool {
    text.is_ascii()
        || text.chars().all(|c| {
            c.is_ascii() || {
                let mut lower = c.to_lowercase();
                lower.next() == Some(c) && lower.next().is_none()
            }
        })
}

/// Copyright and rights lines, in the languages we support.
fn is_legal_line(text: &str) -> bool {
    const MARKS: &[&str] = &[
        "©",
        "copyright",
        "all rights reserved",
        "alle rechte vorbehalten",
        "tous droits réservés",
        "todos los derechos reservados",
        "tutti i diritti riservati",
        "wszelkie prawa zastrzeżone",
        "все права защищены",
        "alla rättigheter förbehållna",
        "版权所有",
        "版權所有",
        "todos os direitos reservados",
        "alle rettigheder forbeholdes",
        "με επιφύλαξη παντός δικαιώματος",
    ];
    static LEGAL: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(MARKS).ok());
    static LEGAL_FOLDED: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::LazyLock::new(|| ascii_folding_automaton(MARKS));
    if let Some(ac) = LEGAL_FOLDED.as_ref()
        && lowercase_changes_only_ascii(text)
    {
        return ac.is_match(text);
    }
    let lower = text.to_lowercase();
    match LEGAL.as_ref() {
        Some(ac) => ac.is_match(&lower),
        None => MARKS.iter().any(|m| lower.contains(m)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        extract_body(&doc, Some("The Headline"))
            .blocks
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    const PROSE: &str = "The council voted on Tuesday to approve the new budget, which raises spending on schools and roads by a tenth.";

    #[test]
    fn keeps_article_paragraphs_and_drops_chrome() {
        let html = format!(
            r##"<html><body>
            <nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <div class="sidebar"><p>{PROSE} Sidebar text that should not appear.</p></div>
            <article><h1>The Headline</h1>
              <div class="share-bar"><a href="#">Share on Facebook</a></div>
              <p>{PROSE}</p><h2>What comes next</h2><p>{PROSE} Second.</p>
              <figure><img src="x.jpg"><figcaption>A caption (Photo / Agency)</figcaption></figure>
              <p>{PROSE} Third.</p>
              <div class="related-links"><ul><li><a href="/a">Another story about something</a></li></ul></div>
            </article>
            <footer><p>Copyright 2024 The Paper. All rights reserved, and more words here to be long.</p></footer>
            </body></html>"##
        );
        let b = body(&html);
        assert_eq!(b.len(), 4, "{b:?}");
        assert_eq!(b[0], PROSE);
        assert_eq!(b[1], "What comes next");
        assert!(b[3].ends_with("Third."));
    }

    #[test]
    fn headings_are_marked() {
        let html = format!("<div class=content><p>{PROSE}</p><h3>Sub</h3><p>{PROSE}</p></div>");
        let doc = Html::parse_document(&html);
        let body = extract_body(&doc, None);
        assert_eq!(body.blocks[1].kind, BlockKind::Heading);
    }

    #[test]
    fn br_pairs_split_paragraphs() {
        let html = format!("<div>{PROSE}<br><br>{PROSE} Two.<br>Same paragraph.</div>");
        let b = body(&html);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b[1].ends_with("Two. Same paragraph."));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut html = String::new();
        for _ in 0..20_000 {
            html.push_str("<div>");
        }
        html.push_str(PROSE);
        let doc = Html::parse_document(&html);
        let _ = extract_body(&doc, None);
    }

    #[test]
    fn cjk_text_counts_as_long() {
        let html = "<div class=article-body><p>東京都は火曜日、新しい予算案を承認し、学校と道路への支出を一割増やすことを決めた。</p></div>";
        assert_eq!(body(html).len(), 1);
    }

    #[test]
    fn strip_heavy_drops_attributes_nobody_reads() {
        assert_eq!(
            strip_heavy("<p>x</p><a href=\"/y\" CLASS=\"c\" data-x='a>b' onclick=go()>t</a>"),
            "<p>x</p><a CLASS=\"c\">t</a>"
        );
        // Kept where they are read; values with spaces and `>`, and bare attributes.
        let kept = "<link rel=canonical href=\"https://x.org/a\"><abbr title=\"2024-04-21\">x</abbr>\
                    <div id=a style=\"display: none\" itemprop=articleBody>y</div>";
        assert_eq!(strip_heavy(kept), kept);
        assert_eq!(
            strip_heavy("<input disabled type=hidden data-a = 'q' ><img src=x alt=\"a b\" />"),
            "<input type=hidden><img/>"
        );
        assert_eq!(
            strip_heavy("<div/data-x=\"1\"/class=c/>z</div><br data-x=1/>"),
            "<div class=c/>z</div><br>"
        );
        // The text of raw-text elements is text, not tags.
        let raw = "<title>a <b data-x=1> c</title><textarea><i src=x></textarea>\
                   <script type=\"application/ld+json\">{\"a\":\"<p data-x=1>\"}</script><p>x</p>";
        assert_eq!(strip_heavy(raw), raw);
        // A tag cut off by the end of the page is left as it is.
        assert_eq!(
            strip_heavy("<p>x</p><p data-x=\"oops"),
            "<p>x</p><p data-x=\"oops"
        );
        assert_eq!(strip_heavy("<p data-x=1"), "<p data-x=1");
    }

    #[test]
    fn stripped_attributes_do_not_change_the_extraction() {
        let para = "A paragraph of the article that is long enough to count as prose, with a link \
                    to more and a few words after it to make it a full sentence.";
        let html = format!(
            "<html lang=en><head><meta property=og:title content=\"The Title\"></head><body>\
             <nav class=menu><a href=/a>Home</a></nav><article data-id=7>\
             <h1 data-track=\"h\">The Title</h1><p data-x='1>2'>{para}</p>\
             <p onclick=\"f('>')\">{para}</p><img src=a.jpg srcset=\"a.jpg 1x\"></article></body></html>"
        );
        let a = extract_body(&Html::parse_document(&html), Some("The Title"));
        let b = extract_body(
            &Html::parse_document(&strip_heavy(&html)),
            Some("The Title"),
        );
        let texts = |b: &Body| b.blocks.iter().map(|b| b.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&a), texts(&b));
        assert_eq!(texts(&b).len(), 2, "{:?}", texts(&b));
    }

    #[test]
    fn strip_heavy_cuts_scripts_but_keeps_json_ld() {
        let html = "<p>a</p><SCRIPT src=x>var s = '<p>';</script><script type=\"application/ld+json\">{}</script><!-- c --><style>p{}</style><p>b</p><script>unterminated";
        assert_eq!(
            strip_heavy(html),
            "<p>a</p><script type=\"application/ld+json\">{}</script><p>b</p>"
        );
        assert_eq!(strip_heavy("<p>plain</p>"), "<p>plain</p>");
        assert_eq!(strip_heavy("<"), "<");
        assert_eq!(strip_heavy("<scriptx>a</scriptx>"), "<scriptx>a</scriptx>");
    }

    #[test]
    fn teaser_lists_are_not_the_article() {
        let card = |n: u32| {
            format!(
                "<div><h3><a href=\"/s{n}\">Another story number {n} with a headline</a></h3>\
                 <p>A teaser paragraph for story {n} that runs long enough to look like prose, with a comma, and a full stop at the end.</p></div>"
            )
        };
        let html = format!(
            "<html><body><div id=main><h1>The Headline</h1><p>{PROSE}</p></div>\
             <div class=list>{}{}{}{}{}</div></body></html>",
            card(1),
            card(2),
            card(3),
            card(4),
            card(5)
        );
        let b = body(&html);
        assert_eq!(b, [PROSE], "{b:?}");
    }

    #[test]
    fn column_named_like_chrome_that_holds_the_headline_is_kept() {
        let html = format!(
            r#"<html><body><div class="page-sidebar-layout"><h1>The Headline</h1>
            <p>{PROSE}</p><p>{PROSE} Two.</p></div>
            <div class="comments"><p>{PROSE} A reader's comment.</p></div></body></html>"#
        );
        let b = body(&html);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b[1].ends_with("Two."));
    }

    #[test]
    fn long_heading_of_prose_is_a_paragraph() {
        let html = format!(
            "<div class=content><h1>The Headline</h1><h4>{PROSE}</h4><p>{PROSE} Two.</p></div>"
        );
        let b = body(&html);
        assert_eq!(b, [PROSE.to_string(), format!("{PROSE} Two.")], "{b:?}");
        assert_eq!(
            judge("Short and final.", BlockKind::Heading, 15.0, 0.0),
            Quality::Short
        );
    }

    #[test]
    fn long_legal_notice_is_bad() {
        let notice = format!("© The Paper. {PROSE} {PROSE} {PROSE} {PROSE} {PROSE} © 2012.");
        assert_eq!(
            judge(&notice, BlockKind::Paragraph, weight_of(&notice), 0.0),
            Quality::Bad
        );
        let one = PROSE.repeat(8) + " ©";
        assert_eq!(
            judge(&one, BlockKind::Paragraph, weight_of(&one), 0.0),
            Quality::Good
        );
    }

    #[test]
    fn standfirst_and_closing_sentence_are_kept() {
        let html = format!(
            r#"<html><body><article><h1>The Headline</h1>
            <h2>A short standfirst line of several words</h2>
            <p>{PROSE}</p><p>{PROSE} Two.</p>
            <p>See you all there next week!</p><p>Tags</p><p>Read also:</p>
            </article></body></html>"#
        );
        let b = body(&html);
        assert_eq!(
            b.first().map(String::as_str),
            Some("A short standfirst line of several words")
        );
        assert_eq!(
            b.last().map(String::as_str),
            Some("See you all there next week!"),
            "{b:?}"
        );
        assert_eq!(b.len(), 4, "{b:?}");
    }

    #[test]
    fn an_embedded_post_is_quoted_but_its_placeholder_is_not() {
        let html = format!(
            r#"<html><body><article><h1>The Headline</h1><div class=story>
            <p>{PROSE}</p>
            <div class="social-media-embed"><blockquote class="post"><p>Yes this is real and yes the state spent half a million on it.</p></blockquote></div>
            <p>{PROSE} Two.</p>
            <div class="social-embed"><h3>External content</h3><p>Click here to agree to load the content of a third-party platform.</p></div>
            <p>{PROSE} Three.</p>
            <div class="social-share"><blockquote><p>Share this story with your friends on every network.</p></blockquote></div>
            </div></article></body></html>"#
        );
        let b = body(&html);
        assert!(b.iter().any(|x| x.starts_with("Yes this is real")), "{b:?}");
        assert!(!b.iter().any(|x| x.contains("third-party")), "{b:?}");
        assert!(!b.iter().any(|x| x.contains("Share this story")), "{b:?}");
    }

    #[test]
    fn a_label_whose_value_was_dropped_goes_too() {
        let html = format!(
            r#"<html><body><article><h1>The Headline</h1><div class=story>
            <p>{PROSE}</p>
            <div>Author:</div><div class="byline"><a href="/a">The Editorial Staff</a></div>
            <p>{PROSE} Two.</p>
            <p>The best part:</p><p>{PROSE} Three.</p>
            </div></article></body></html>"#
        );
        let b = body(&html);
        assert!(!b.iter().any(|x| x == "Author:"), "{b:?}");
        // A label that introduces a kept paragraph stays.
        assert!(b.iter().any(|x| x == "The best part:"), "{b:?}");
    }

    #[test]
    fn an_opening_sentence_with_a_link_is_kept() {
        let html = format!(
            r#"<html><body><article><h1>The Headline</h1><div class=story>
            <p>Remember the state's long quest for a <a href="/s">new slogan</a>?</p>
            <p>{PROSE}</p><p>{PROSE} Two.</p></div>
            </article></body></html>"#
        );
        let b = body(&html);
        assert_eq!(b.len(), 3, "{b:?}");
        assert!(b[0].starts_with("Remember"), "{b:?}");
        // A line that is mostly a link is a teaser, not an opening sentence.
        let html = format!(
            r#"<html><body><article><h1>The Headline</h1><div class=story>
            <p>Read: <a href="/s">The other story about the long quest</a>.</p>
            <p>{PROSE}</p><p>{PROSE} Two.</p></div>
            </article></body></html>"#
        );
        assert_eq!(body(&html).len(), 2);
    }

    #[test]
    fn lead_paragraph_before_the_container_is_kept() {
        let html = format!(
            r#"<html><body><h1>The Headline</h1><div class=lead><p>{PROSE} Lead.</p></div>
            <div class=article-body><p>{PROSE}</p><p>{PROSE} Two.</p><p>{PROSE} Three.</p></div>
            </body></html>"#
        );
        let b = body(&html);
        assert_eq!(b.len(), 4, "{b:?}");
        assert!(b[0].ends_with("Lead."));
    }

    #[test]
    fn responsive_hidden_classes_are_not_chrome() {
        assert_eq!(chrome_of("l-hidden-sm"), Chrome::No);
        assert_eq!(chrome_of("field--label-hidden"), Chrome::No);
        assert_eq!(chrome_of("navbar-overlay hidden"), Chrome::Strong);
        assert_eq!(chrome_of("hidden"), Chrome::Weak);
    }

    #[test]
    fn article_header_keeps_its_standfirst() {
        let html = format!(
            r#"<html><body><header class=top><a href="/">Home</a></header>
            <div class=story><header><h1>The Headline</h1>
            <p>{PROSE} In the header.</p></header>
            <p>{PROSE}</p><p>{PROSE} Two.</p></div></body></html>"#
        );
        let b = body(&html);
        assert!(b[0].ends_with("In the header."), "{b:?}");
        assert_eq!(b.len(), 3, "{b:?}");
    }

    #[test]
    fn soft_hyphens_are_removed() {
        let b = body(
            "<div class=content><p>Ein Ge\u{AD}spräch mit der Au\u{AD}torin über ihren neuen Roman, der im Herbst erschienen ist.</p></div>",
        );
        assert_eq!(
            b,
            ["Ein Gespräch mit der Autorin über ihren neuen Roman, der im Herbst erschienen ist."]
        );
    }

    /// An article of six paragraphs, then `before_tail`, then a detached tail (share links and
    /// an author blurb).
    fn six_paragraphs_and_a_tail(before_tail: &str) -> String {
        let paragraphs: String = (1..=6)
            .map(|n| format!("<p>{PROSE} Paragraph {n}.</p>"))
            .collect();
        format!(
            r#"<html><body><article><h1>The Headline</h1>{paragraphs}{before_tail}
            <p><a href="/s">Share</a></p><p><a href="/t">Tweet</a></p><p><a href="/m">Mail</a></p>
            <p>The author has written for the paper since 1999 and lives in the city with two cats.</p>
            </article></body></html>"#
        )
    }

    #[test]
    fn detached_tail_is_cut() {
        let b = body(&six_paragraphs_and_a_tail(""));
        assert_eq!(b.len(), 6, "{b:?}");
        assert!(b[5].ends_with("Paragraph 6."));
    }

    #[test]
    fn label_left_before_a_cut_tail_is_dropped() {
        let b = body(&six_paragraphs_and_a_tail("<p>Further reading:</p>"));
        assert_eq!(b.len(), 6, "{b:?}");
        assert!(b[5].ends_with("Paragraph 6."));
    }

    #[test]
    fn heading_of_a_list_in_another_section_is_no_sign_off() {
        let html = format!(
            r#"<html><body><h1>The Headline</h1><article><div><p>{PROSE}</p>
            <p>{PROSE} Two.</p></div><section><div><div><span>Our trips to Sweden</span></div></div>
            <ul><li><a href="/a">A story about something else entirely</a></li>
            <li><a href="/b">Another story about something else</a></li></ul></section>
            </article></body></html>"#
        );
        let b = body(&html);
        assert_eq!(b.len(), 2, "{b:?}");
    }

    #[test]
    fn figure_captions_and_calls_to_subscribe_are_dropped() {
        let html = format!(
            r#"<html><body><h1>The Headline</h1><div class="post"><p>{PROSE}</p>
            <p>Figure 2: Spending on schools and roads since 2010, in millions.</p>
            <p>{PROSE} Two.</p><p>{PROSE} Three.</p>
            <p>Never miss a story: sign up for our free newsletter today!</p></div></body></html>"#
        );
        let b = body(&html);
        assert_eq!(b.len(), 3, "{b:?}");
        assert!(b.iter().all(|t| t.starts_with("The council")), "{b:?}");
        assert!(is_call_to_action(
            "Download our apps for iOS and Android for the latest news."
        ));
        assert!(!is_call_to_action(PROSE));
    }

    #[test]
    fn page_whose_only_text_is_named_like_chrome_is_read_again() {
        let html = format!(
            r#"<html><body><div class="comment-thread"><p>{PROSE}</p><p>{PROSE} Two.</p></div>
            </body></html>"#
        );
        let b = body(&html);
        assert_eq!(b.len(), 2, "{b:?}");
    }

    #[test]
    fn page_inside_an_aside_is_read_again() {
        let html = format!(
            r#"<html><body><nav><a href="/">Home</a></nav><aside class="wrap"><h1>The Headline</h1>
            <p>{PROSE}</p><p>{PROSE} Two.</p></aside></body></html>"#
        );
        let b = body(&html);
        assert_eq!(b.len(), 2, "{b:?}");
    }

    #[test]
    fn line_introducing_the_first_paragraph_is_kept() {
        let html = format!(
            r#"<html><body><h1>The Headline</h1><div class="post"><p>Share this</p>
            <p>The best part comes now:</p><p>{PROSE}</p><p>{PROSE} Two.</p></div></body></html>"#
        );
        let b = body(&html);
        assert_eq!(
            b.first().map(String::as_str),
            Some("The best part comes now:"),
            "{b:?}"
        );
        assert_eq!(b.len(), 3, "{b:?}");
    }

    #[test]
    fn indentation_between_tags_becomes_one_character() {
        let html = "<div>\n    <p>a  b</p>\n\n  </div>  <span>x</span>\t\t<i>y</i><pre>\n  code\n</pre>\n  \n<p>c</p>";
        assert_eq!(
            strip_heavy(html),
            "<div>\n<p>a  b</p>\n</div> <span>x</span>\t<i>y</i><pre>\n  code\n</pre>\n<p>c</p>"
        );
        // Inside `<pre>` (even with tags in it) whitespace is text; so it is in raw-text elements.
        let pre = "<PRE><b>x</b>\n   <i>y</i></PRE>  <textarea>  \n  </textarea>";
        assert_eq!(
            strip_heavy(pre),
            "<PRE><b>x</b>\n   <i>y</i></PRE> <textarea>  \n  </textarea>"
        );
        // Text with spaces, a lone space and runs after comments and cut scripts.
        assert_eq!(strip_heavy("<b>a</b> <b>b</b>"), "<b>a</b> <b>b</b>");
        assert_eq!(
            strip_heavy("<p>x</p><!-- c -->\n\n<script>s</script>   <p>y</p>"),
            "<p>x</p>\n <p>y</p>"
        );
    }

    #[test]
    fn collapsed_indentation_gives_the_same_article() {
        let para = "The council voted on Tuesday to approve the new budget, which raises spending \
                    on schools and roads by a tenth.";
        let html = format!(
            "<html>\n  <head>\n    <title>Budget</title>\n  </head>\n  <body>\n    <h1>Budget</h1>\n\
             <div class=story>\n      <p>{para}</p>\n      <p><a href=/x>Link</a>\n  <b>bold</b></p>\n\
             <pre>  keep\n    this  </pre>\n    </div>\n  </body>\n</html>"
        );
        let texts = |b: &Body| b.blocks.iter().map(|b| b.text.clone()).collect::<Vec<_>>();
        let plain = extract_body(&Html::parse_document(&html), Some("Budget"));
        let stripped = extract_body(&parse(&strip_heavy(&html)), Some("Budget"));
        assert_eq!(texts(&plain), texts(&stripped));
        assert_eq!(texts(&stripped), [para]);
    }

    #[test]
    fn parse_builds_the_same_tree_as_scraper() {
        for html in [
            "",
            "<p>a",
            "<table><tr><td>x</table>",
            "<html><body><div><p>a<b>b</p></div>",
        ] {
            assert_eq!(parse(html).html(), Html::parse_document(html).html());
        }
    }

    #[test]
    fn links_nobody_reads_are_cut() {
        let html = "<head><link rel=stylesheet href=a.css id=x-css><LINK REL=\"Canonical\" href=/c>\
                    <link rel=image_src href=i.jpg><link itemprop=url href=/u><link href=/n>\
                    <link rel='preload icon' href=f><link rel=\"&#99;anonical\" href=/e></head>";
        assert_eq!(
            strip_heavy(html),
            "<head><LINK REL=\"Canonical\" href=/c><link rel=image_src href=i.jpg>\
             <link itemprop=url href=/u><link href=/n><link rel=\"&#99;anonical\" href=/e></head>"
        );
    }

    #[test]
    fn noscript_is_unwrapped_only_on_request() {
        let html = "<p>a</p><noscript><p>kept</p></noscript><p>b</p>";
        assert_eq!(strip_heavy(html), "<p>a</p><p>b</p>");
        assert_eq!(
            strip_heavy_keeping_noscript(html),
            "<p>a</p><p>kept</p></noscript><p>b</p>"
        );
    }

    #[test]
    fn sign_off_below_the_text_is_kept_but_not_credits() {
        let html = format!(
            r#"<html><body><h1>The Headline</h1><div class="post"><p>{PROSE}</p>
            <p>{PROSE} Two.</p><p>Yours truly</p><p>The Team</p><p>Source: Agency</p>
            </div></body></html>"#
        );
        let b = body(&html);
        assert_eq!(b.len(), 4, "{b:?}");
        assert_eq!(b[3], "The Team");
        let credit = format!(
            r#"<html><body><h1>The Headline</h1><div class="post"><p>{PROSE}</p>
            <p>{PROSE} Two.</p><p>(Edited by Someone)</p><p>ANNA SMITH</p></div></body></html>"#
        );
        assert_eq!(body(&credit).len(), 2);
    }

    #[test]
    fn datelines_are_dropped() {
        assert!(is_dateline(
            "Publicerad 20 april 2024 kl 23.58 · Uppdaterad 21 april 2024 kl 06.12"
        ));
        assert!(is_dateline("Sunday, April 21, 2024"));
        assert!(!is_dateline("On 21 April 2024 the council met."));
        assert!(!is_dateline("What comes next"));
    }

    /// The text a walker collects from `nodes` (text, is it in a link) and its link characters.
    fn collected(nodes: &[(&str, bool)], ascii_path: bool) -> (String, usize, u8) {
        let mut w = Walker {
            pending_breaks: 1,
            ..Walker::default()
        };
        for &(text, link) in nodes {
            if ascii_path {
                w.push_ascii_text(text, link);
            } else {
                // The general path, as for non-ASCII text.
                let before = w.buf.len();
                if text.starts_with(char::is_whitespace) {
                    w.push_space();
                }
                for (i, word) in text.split_whitespace().enumerate() {
                    if i > 0 {
                        w.buf.push(' ');
                    }
                    w.buf.push_str(word);
                }
                if text.ends_with(char::is_whitespace) {
                    w.push_space();
                }
                if !text.trim().is_empty() {
                    w.pending_breaks = 0;
                }
                if link {
                    w.link_chars += w.buf[before..].chars().count();
                }
            }
        }
        (w.buf, w.link_chars, w.pending_breaks)
    }

    #[test]
    fn ascii_text_is_collected_like_any_text() {
        let cases: &[&[(&str, bool)]] = &[
            &[
                ("  Hello \t\n world ", false),
                ("link", true),
                (" tail", false),
            ],
            &[("\x0B\x0Cx\ry", true), ("", false), ("   ", true)],
            &[("   ", false)],
            &[("a", false), ("b ", true), (" c", false), ("\n", false)],
        ];
        for nodes in cases {
            assert_eq!(collected(nodes, true), collected(nodes, false), "{nodes:?}");
        }
        let mut w = Walker::default();
        w.push_text("  One  two ", false, true);
        w.push_text("caf\u{e9}\u{AD}s\u{a0}x", false, false);
        assert_eq!(w.buf, "One two caf\u{e9}s x");
        assert_eq!(w.link_chars, 8);
    }

    #[test]
    fn weights_count_characters() {
        assert_eq!(weight_and_chars("ab c\u{0B}"), (3.0, 5));
        assert_eq!(weight_and_chars("\u{e9}t\u{e9} \u{6771}"), (6.0, 5));
        assert_eq!(weight_and_chars(""), (0.0, 0));
    }

    #[test]
    fn kept_attributes_ignore_case() {
        for name in [
            "class",
            "ID",
            "Aria-Hidden",
            "itemProp",
            "xml:lang",
            "HTTP-EQUIV",
        ] {
            assert!(keeps_attribute(b"div", name.as_bytes()), "{name}");
        }
        for name in ["src", "data-id", "onclick", "classes", "i", "width", "alt"] {
            assert!(!keeps_attribute(b"div", name.as_bytes()), "{name}");
        }
        assert!(keeps_attribute(b"LINK", b"href") && !keeps_attribute(b"a", b"href"));
        assert!(keeps_attribute(b"abbr", b"Title") && !keeps_attribute(b"p", b"title"));
    }

    #[test]
    fn marks_are_found_in_any_case() {
        assert!(is_legal_line("COPYRIGHT 2024 The Paper"));
        assert!(is_legal_line("\u{201C}All Rights Reserved\u{201D}"));
        assert!(is_legal_line("Tous droits R\u{e9}serv\u{e9}s"));
        assert!(is_legal_line("Tous droits R\u{c9}SERV\u{c9}S"));
        assert!(is_legal_line(
            "\u{412}\u{441}\u{435} \u{43f}\u{440}\u{430}\u{432}\u{430} \u{437}\u{430}\u{449}\u{438}\u{449}\u{435}\u{43d}\u{44b}"
        ));
        assert!(!is_legal_line("The council\u{2019}s budget"));
        assert!(is_call_to_action("SIGN UP for the newsletter \u{2192}"));
        assert!(lowercase_changes_only_ascii("Caf\u{e9} \u{2014} ABC"));
        assert!(!lowercase_changes_only_ascii("\u{c9}t\u{e9}"));
        assert!(!lowercase_changes_only_ascii("\u{212A}elvin"));
        assert!(hides("Display : NONE"));
        assert!(hides("color:red; visibility: Hidden"));
        assert!(!hides("display:block; height:1px"));
    }

    #[test]
    fn class_parts() {
        let mut seen = Vec::new();
        any_part("relatedContentList2-item_x", |p| {
            seen.push(p.to_string());
            false
        });
        assert_eq!(seen, ["related", "content", "list", "item", "x"]);
        assert!(any_part(
            "a-VeryLongPartThatDoesNotFitIntoTheBuffer-ad",
            |p| p == "ad"
        ));
    }

    #[test]
    fn chrome_classes() {
        assert!(class_is_chrome("social-share"));
        assert!(class_is_chrome("ad"));
        assert!(class_is_chrome("comments-area"));
        assert!(!class_is_chrome("heading-large"));
        assert!(!class_is_chrome("article-body"));
        assert!(!class_is_chrome("loaded"));
        assert!(class_is_chrome("relatedContentList"));
        assert!(!class_is_chrome("box articleSingle print"));
        assert!(class_is_content("article-body"));
        assert!(class_is_content("content"));
        assert!(!class_is_content("related-content-list"));
    }
}
