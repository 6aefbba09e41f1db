//! A fast HTML tree builder for the pages news sites serve, which builds exactly the tree that
//! html5ever builds, or gives up.
//!
//! html5ever follows the whole WHATWG parsing algorithm one character at a time. Most pages
//! (after [`strip_heavy`](crate::html::strip_heavy)) only need a small part of it: tags with
//! attributes, text with character references, a few raw-text elements, implied `<html>`,
//! `<head>`, `<body>`, `<tbody>` and `<tr>`, and the implied end tags of `<p>`, `<li>` and table
//! cells. This builder implements that part on bytes (`memchr` finds the next `<` and `&`, text
//! is copied once, into the tree) and gives up, cheaply and as early as it can, on anything else:
//! templates, framesets, `<plaintext>`, HTML integration points inside SVG and MathML
//! (`<foreignObject>`, `<mi>`...), CDATA sections, NUL bytes, deep nesting, legacy DOCTYPEs and
//! the like. The caller then parses the page with html5ever. Misnested formatting elements (the
//! adoption agency, the reconstruction of active formatting elements), tables with implied
//! parts, captions and columns, content that foster parenting moves before a table, script
//! escapes and SVG/MathML elements (with the spec's name adjustments) are reproduced step by
//! step as html5ever runs them.
//!
//! The tree is built through scraper's public `TreeSink` implementation, the same calls html5ever
//! makes, so node contents (attribute order, text merging) come out the same by construction.
//!
//! Correctness rests on the tree-equality checker [`first_difference`]: the unit tests compare
//! every supported construct with html5ever, and so do a fuzz target and an `#[ignore]`d test
//! over directories of real pages.

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName, local_name, ns};
use scraper::{Html, HtmlTreeSink};
use std::borrow::Cow;

/// Why the fast builder handed a page back to html5ever: a short, fixed description of the
/// construct it does not reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GiveUp(pub &'static str);

impl std::fmt::Display for GiveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

type R<T> = Result<T, GiveUp>;

fn give_up<T>(why: &'static str) -> R<T> {
    Err(GiveUp(why))
}

/// Deeper nesting than this goes to html5ever (scope checks walk the stack of open elements, so
/// the fast path stays linear only with a bounded stack).
const MAX_DEPTH: usize = 400;

/// Start tags with more attributes than this go to html5ever (duplicates are found by a linear
/// scan).
const MAX_ATTRS: usize = 64;

/// Longer lists of active formatting elements go to html5ever (entries are looked up by a
/// linear scan).
const MAX_AFE: usize = 256;

/// Parses `html` with html5ever, as `scraper::Html::parse_document` does, with the node arena
/// sized from the number of `<` in the page so that it is not regrown while the parser appends.
pub fn parse_html5ever(html: &str) -> Html {
    use html5ever::tendril::TendrilSink;
    html5ever::driver::parse_document(
        HtmlTreeSink::new(presized_document(html)),
        Default::default(),
    )
    .one(html)
}

fn presized_document(html: &str) -> Html {
    /// Beyond this many nodes the arena grows as usual: the count is only a hint.
    const MAX_PRESIZED_NODES: usize = 1 << 20;
    let tags = memchr::memchr_iter(b'<', html.as_bytes()).count();
    let mut doc = Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(
        scraper::Node::Document,
        tags.saturating_add(1).min(MAX_PRESIZED_NODES),
    );
    doc
}

/// Builds the tree of `html` with the fast builder, or says why it gives up. When it answers, the
/// tree is the one [`parse_html5ever`] builds.
pub fn try_parse(html: &str) -> Result<Html, GiveUp> {
    let bytes = html.as_bytes();
    if memchr::memchr(0, bytes).is_some() {
        return give_up("NUL byte");
    }
    let normalized: Cow<'_, str> = if memchr::memchr(b'\r', bytes).is_some() {
        Cow::Owned(normalize_newlines(html))
    } else {
        Cow::Borrowed(html)
    };
    let mut p = Parser::new(&normalized);
    if normalized.starts_with('\u{FEFF}') {
        p.pos = '\u{FEFF}'.len_utf8(); // the tokenizer drops a byte-order mark
    }
    p.run()?;
    let mut doc = p.sink.finish();
    doc.quirks_mode = p.quirks;
    Ok(doc)
}

/// The input stream preprocessing: CR LF and lone CR become LF.
fn normalize_newlines(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    InTable,
    InTableBody,
    InRow,
    InCell,
    InCaption,
    InColumnGroup,
    AfterBody,
    AfterAfterBody,
}

/// How the tokenizer reads the content of an element just inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    /// Text with character references, up to the end tag (`title`, `textarea`).
    Rcdata,
    /// Text without character references (`style`, `xmp`, `iframe`, `noembed`, `noframes`,
    /// `noscript`).
    Rawtext,
    /// Script data (gives up on the escape states `<!--` opens).
    Script,
}

/// The namespace of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Html,
    Svg,
    MathMl,
}

/// An element on the stack of open elements. Foreign (SVG, MathML) elements are only ever on
/// top of all HTML ones: the builder gives up on the integration points that would put HTML
/// inside them.
struct Open {
    id: NodeId,
    /// The local name of an HTML element; for a foreign one, its local name after a NUL (a
    /// character the fast builder never sees in a tag name), so that no rule of the HTML
    /// insertion modes, which all look at HTML elements only, mistakes it for an HTML one.
    name: LocalName,
    /// Whether the list of active formatting elements holds it.
    fmt: bool,
    ns: Ns,
}

/// An entry of the list of active formatting elements.
enum Afe {
    Marker,
    Element {
        id: NodeId,
        name: LocalName,
        /// The attributes of its start tag, for the copies that reconstruction makes.
        attrs: Vec<Attribute>,
        /// Whether the element is on the stack of open elements.
        open: bool,
    },
}

/// A start tag as the tokenizer reports it.
struct Tag {
    name: LocalName,
    attrs: Vec<Attribute>,
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    sink: HtmlTreeSink,
    doc: NodeId,
    mode: Mode,
    stack: Vec<Open>,
    afe: Vec<Afe>,
    head: Option<NodeId>,
    form: Option<NodeId>,
    quirks: QuirksMode,
    /// Whether the start tag being processed ended with `/>`.
    self_closing: bool,
    /// Set after `<pre>`, `<listing>` and `<textarea>`: a LF that starts the next token is
    /// dropped (every token clears it).
    ignore_lf: bool,
    /// Whether insertions into a table part go before the table instead (foster parenting).
    foster: bool,
    /// The raw-text element just inserted, whose content the tokenizer reads next.
    raw_elem: Option<NodeId>,
    /// Its name (which its end tag must repeat).
    raw_name: String,
    atoms: Atoms,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0C | b'\r')
}

fn ws_prefix(t: &str) -> usize {
    t.bytes().position(|b| !is_ws(b)).unwrap_or(t.len())
}

fn html_name(local: LocalName) -> QualName {
    QualName::new(None, ns!(html), local)
}

/// A small direct-mapped cache of interned names: a page repeats a few dozen tag and attribute
/// names, and interning one hashes it and looks it up in a table each time. Names of up to eight
/// bytes (almost all) are keyed by their bytes packed into a `u64` (the input holds no NUL).
struct Atoms {
    slots: Vec<Option<(u64, LocalName)>>,
}

impl Atoms {
    const SLOTS: usize = 256;

    fn new() -> Self {
        Atoms {
            slots: vec![None; Self::SLOTS],
        }
    }

    /// The interned name of `name` with ASCII letters lower-cased.
    fn get(&mut self, name: &str) -> LocalName {
        let bytes = name.as_bytes();
        if bytes.is_empty() || bytes.len() > 8 {
            return if bytes.iter().any(u8::is_ascii_uppercase) {
                LocalName::from(name.to_ascii_lowercase())
            } else {
                LocalName::from(name)
            };
        }
        let mut buf = [0u8; 8];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        let key = u64::from_le_bytes(buf);
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize % Self::SLOTS;
        if let Some(Some((k, atom))) = self.slots.get(slot)
            && *k == key
        {
            return atom.clone();
        }
        let atom = match std::str::from_utf8(&buf[..bytes.len()]) {
            Ok(lower) => LocalName::from(lower),
            Err(_) => LocalName::from(name.to_ascii_lowercase()),
        };
        if let Some(s) = self.slots.get_mut(slot) {
            *s = Some((key, atom.clone()));
        }
        atom
    }
}

fn is_special(n: &LocalName) -> bool {
    matches!(
        *n,
        local_name!("address")
            | local_name!("applet")
            | local_name!("area")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("br")
            | local_name!("button")
            | local_name!("caption")
            | local_name!("center")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("embed")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("frame")
            | local_name!("frameset")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("head")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("html")
            | local_name!("iframe")
            | local_name!("img")
            | local_name!("input")
            | local_name!("isindex")
            | local_name!("li")
            | local_name!("link")
            | local_name!("listing")
            | local_name!("main")
            | local_name!("marquee")
            | local_name!("menu")
            | local_name!("meta")
            | local_name!("nav")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("object")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("param")
            | local_name!("plaintext")
            | local_name!("pre")
            | local_name!("script")
            | local_name!("section")
            | local_name!("select")
            | local_name!("source")
            | local_name!("style")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("template")
            | local_name!("textarea")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("title")
            | local_name!("tr")
            | local_name!("track")
            | local_name!("ul")
            | local_name!("wbr")
            | local_name!("xmp")
    )
}

/// The pattern of the heading elements.
macro_rules! headings {
    () => {
        local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
    };
}

fn is_heading(n: &LocalName) -> bool {
    matches!(*n, headings!())
}

/// The pattern of the table parts whose start tags end a caption or a cell.
macro_rules! table_parts {
    () => {
        table_sections!() | local_name!("td") | local_name!("th") | local_name!("tr")
    };
}

/// The pattern of the table parts above rows, whose start tags also end a row or a row group.
macro_rules! table_sections {
    () => {
        local_name!("caption")
            | local_name!("col")
            | local_name!("colgroup")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("thead")
    };
}

/// The pattern of the elements that go in the head wherever their start tags appear.
macro_rules! head_elements {
    () => {
        local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("noframes")
            | local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("title")
    };
}

/// The pattern of the block elements whose start tags close a `<p>` and whose end tags close
/// the element if it is in scope (each rule adds a few names of its own).
macro_rules! grouping_blocks {
    () => {
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("search")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("ul")
    };
}

/// The table and its parts whose content foster parenting moves out (their text goes through
/// the table text rules).
fn is_table_structure(n: &LocalName) -> bool {
    matches!(
        *n,
        local_name!("table")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("thead")
            | local_name!("tr")
    )
}

/// Elements whose end tags "generate implied end tags" pops.
fn is_implied_end(n: &LocalName) -> bool {
    matches!(
        *n,
        local_name!("dd")
            | local_name!("dt")
            | local_name!("li")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("p")
            | local_name!("rb")
            | local_name!("rp")
            | local_name!("rt")
            | local_name!("rtc")
    )
}

fn is_formatting(n: &LocalName) -> bool {
    matches!(
        *n,
        local_name!("a")
            | local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("nobr")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u")
    )
}

#[derive(Debug, Clone, Copy)]
enum Scope {
    Default,
    ListItem,
    Button,
    Table,
}

fn is_scope_barrier(scope: Scope, n: &LocalName) -> bool {
    let default = || {
        matches!(
            *n,
            local_name!("applet")
                | local_name!("caption")
                | local_name!("html")
                | local_name!("table")
                | local_name!("td")
                | local_name!("th")
                | local_name!("marquee")
                | local_name!("object")
                | local_name!("select")
                | local_name!("template")
        )
    };
    match scope {
        Scope::Default => default(),
        Scope::ListItem => default() || matches!(*n, local_name!("ol") | local_name!("ul")),
        Scope::Button => default() || *n == local_name!("button"),
        Scope::Table => matches!(
            *n,
            local_name!("html") | local_name!("table") | local_name!("template")
        ),
    }
}

impl<'a> Parser<'a> {
    fn new(s: &'a str) -> Self {
        let sink = HtmlTreeSink::new(presized_document(s));
        let doc = sink.get_document();
        Parser {
            s,
            b: s.as_bytes(),
            pos: 0,
            sink,
            doc,
            mode: Mode::Initial,
            stack: Vec::with_capacity(64),
            afe: Vec::new(),
            head: None,
            form: None,
            quirks: QuirksMode::NoQuirks,
            ignore_lf: false,
            self_closing: false,
            foster: false,
            raw_elem: None,
            raw_name: String::new(),
            atoms: Atoms::new(),
        }
    }

    // ----- Tokenizer -------------------------------------------------------------------------

    fn run(&mut self) -> R<()> {
        let len = self.b.len();
        loop {
            let start = self.pos;
            let mut search = start;
            let lt = loop {
                match memchr::memchr(b'<', &self.b[search..]) {
                    None => break None,
                    Some(o) => {
                        let lt = search + o;
                        if self.is_markup(lt) {
                            break Some(lt);
                        }
                        search = lt + 1;
                    }
                }
            };
            let end = lt.unwrap_or(len);
            if end > start {
                self.text_run(start, end)?;
            }
            let Some(lt) = lt else {
                self.pos = len;
                return self.eof();
            };
            self.pos = lt;
            self.markup()?;
        }
    }

    /// Whether the `<` at `lt` starts a tag, a comment, a DOCTYPE or a bogus comment (else it is
    /// text).
    fn is_markup(&self, lt: usize) -> bool {
        match self.b.get(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(b'!' | b'?') => true,
            Some(b'/') => lt + 2 < self.b.len(),
            _ => false,
        }
    }

    fn text_run(&mut self, start: usize, end: usize) -> R<()> {
        let ignore_lf = std::mem::take(&mut self.ignore_lf);
        let s = self.s;
        with_run_text(&s[start..end], true, ignore_lf, |text| self.text(text))
    }

    /// Tokenizes the markup at `self.pos` (a `<` for which [`Self::is_markup`] holds).
    fn markup(&mut self) -> R<()> {
        let lt = self.pos;
        let b = self.b;
        match b.get(lt + 1) {
            Some(c) if c.is_ascii_alphabetic() => {
                let (tag, self_closing) = self.tag(lt + 1, true)?;
                // It matters for foreign elements only (on HTML ones it is a parse error).
                self.self_closing = self_closing;
                self.ignore_lf = false;
                if let Some(raw) = self.start_tag(tag)? {
                    self.raw_text(raw)?;
                }
                Ok(())
            }
            Some(b'/') => match b.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let (tag, _) = self.tag(lt + 2, false)?;
                    self.ignore_lf = false;
                    self.end_tag(tag.name)
                }
                Some(b'>') => {
                    if matches!(self.mode, Mode::InTable | Mode::InTableBody | Mode::InRow) {
                        // The text on both sides would be one table text token.
                        return give_up("</> in a table");
                    }
                    // Only a parse error, which still counts as a token for the LF after `<pre>`.
                    self.ignore_lf = false;
                    self.pos = lt + 3;
                    Ok(())
                }
                _ => self.bogus_comment(lt + 2),
            },
            Some(b'!') => {
                let rest = &b[lt + 2..];
                if rest.starts_with(b"[CDATA[") && self.in_foreign() {
                    return give_up("CDATA section in foreign content");
                }
                if rest.starts_with(b"--") {
                    self.comment(lt + 4)
                } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
                    self.doctype(lt + 9)
                } else {
                    self.bogus_comment(lt + 2)
                }
            }
            _ => self.bogus_comment(lt + 1), // `<?`: the `?` is part of the comment
        }
    }

    fn bogus_comment(&mut self, from: usize) -> R<()> {
        let end = memchr::memchr(b'>', &self.b[from..]).map_or(self.b.len(), |e| from + e);
        self.pos = (end + 1).min(self.b.len());
        self.ignore_lf = false;
        let text = &self.s[from..end];
        self.comment_token(text)
    }

    /// A comment whose text starts at `from` (just past `<!--`).
    fn comment(&mut self, from: usize) -> R<()> {
        let b = self.b;
        let rest = &b[from..];
        self.ignore_lf = false;
        if rest.starts_with(b">") {
            self.pos = from + 1;
            return self.comment_token("");
        }
        if rest.starts_with(b"->") {
            self.pos = from + 2;
            return self.comment_token("");
        }
        let mut at = from;
        while let Some(o) = memchr::memmem::find(&b[at..], b"--") {
            let dash = at + o;
            let mut q = dash + 2;
            while b.get(q) == Some(&b'-') {
                q += 1;
            }
            // `-->` or `--!>` ends the comment.
            let end = match (b.get(q), b.get(q + 1)) {
                (Some(b'>'), _) => q + 1,
                (Some(b'!'), Some(b'>')) => q + 2,
                _ => {
                    at = q;
                    continue;
                }
            };
            self.pos = end;
            return self.comment_token(&self.s[from..q - 2]);
        }
        give_up("comment not closed")
    }

    /// A DOCTYPE whose content starts at `from` (just past `<!DOCTYPE`).
    fn doctype(&mut self, from: usize) -> R<()> {
        self.ignore_lf = false;
        let Some(e) = memchr::memchr(b'>', &self.b[from..]) else {
            return give_up("DOCTYPE not closed");
        };
        let end = from + e;
        self.pos = end + 1;
        if matches!(self.mode, Mode::InTable | Mode::InTableBody | Mode::InRow) {
            // Ignored, but the table text on both sides would be one token.
            return give_up("DOCTYPE in a table");
        }
        if self.mode != Mode::Initial {
            return Ok(()); // ignored
        }
        let content = &self.s[from..end];
        let Some((name, public, system)) = parse_doctype(content) else {
            return give_up("unusual DOCTYPE");
        };
        self.quirks = doctype_quirks(&name, public, system)?;
        self.sink.append_doctype_to_document(
            StrTendril::from_slice(&name),
            StrTendril::from_slice(public.unwrap_or("")),
            StrTendril::from_slice(system.unwrap_or("")),
        );
        self.mode = Mode::BeforeHtml;
        Ok(())
    }

    /// Reads a tag whose name starts at `name_start`; `self.pos` ends just past its `>`. The
    /// attributes of end tags are read (they decide where the tag ends) and dropped.
    fn tag(&mut self, name_start: usize, keep_attrs: bool) -> R<(Tag, bool)> {
        let b = self.b;
        let len = b.len();
        let mut i = name_start;
        while i < len && !is_ws(b[i]) && b[i] != b'/' && b[i] != b'>' {
            i += 1;
        }
        if i >= len {
            return give_up("end of input inside a tag");
        }
        let Some(name) = self.s.get(name_start..i) else {
            return give_up("internal: name not on a character boundary");
        };
        let name = self.atoms.get(name);
        let mut attrs: Vec<Attribute> = Vec::new();
        loop {
            while i < len && is_ws(b[i]) {
                i += 1;
            }
            match b.get(i) {
                None => return give_up("end of input inside a tag"),
                Some(b'>') => {
                    self.pos = i + 1;
                    return Ok((Tag { name, attrs }, false));
                }
                Some(b'/') => {
                    if b.get(i + 1) == Some(&b'>') {
                        self.pos = i + 2;
                        return Ok((Tag { name, attrs }, true));
                    }
                    i += 1;
                    continue;
                }
                Some(_) => {}
            }
            // An attribute name: the first character always belongs to it, even `=`.
            let name_from = i;
            i += 1;
            while i < len && !is_ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let name_to = i;
            while i < len && is_ws(b[i]) {
                i += 1;
            }
            let mut value: Option<(usize, usize)> = None;
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < len && is_ws(b[i]) {
                    i += 1;
                }
                match b.get(i) {
                    None => return give_up("end of input inside a tag"),
                    Some(&q @ (b'"' | b'\'')) => {
                        let Some(e) = memchr::memchr(q, &b[i + 1..]) else {
                            return give_up("end of input inside a tag");
                        };
                        value = Some((i + 1, i + 1 + e));
                        i = i + 1 + e + 1;
                    }
                    Some(b'>') => {} // a missing value: empty
                    Some(_) => {
                        let from = i;
                        while i < len && !is_ws(b[i]) && b[i] != b'>' {
                            i += 1;
                        }
                        value = Some((from, i));
                    }
                }
            }
            if !keep_attrs {
                continue;
            }
            let Some(attr_name) = self.s.get(name_from..name_to) else {
                return give_up("internal: name not on a character boundary");
            };
            let attr_name = self.atoms.get(attr_name);
            if attrs.iter().any(|a| a.name.local == attr_name) {
                continue; // a duplicate: the first wins
            }
            if attrs.len() >= MAX_ATTRS {
                return give_up("too many attributes");
            }
            let value = match value {
                None => StrTendril::new(),
                Some((f, t)) => {
                    let v = &self.s[f..t];
                    if memchr::memchr(b'&', v.as_bytes()).is_some() {
                        StrTendril::from_slice(&decode(v, true))
                    } else {
                        StrTendril::from_slice(v)
                    }
                }
            };
            attrs.push(Attribute {
                name: QualName::new(None, ns!(), attr_name),
                value,
            });
        }
    }

    /// Reads the content of the raw-text element just inserted (`self.raw_elem`) up to its end
    /// tag.
    fn raw_text(&mut self, kind: Raw) -> R<()> {
        let Some(elem) = self.raw_elem.take() else {
            return give_up("internal: no raw-text element");
        };
        let name = self.raw_name.clone();
        let b = self.b;
        let from = self.pos;
        let mut at = from;
        let mut end_tag = None;
        while let Some(o) = memchr::memmem::find(&b[at..], b"</") {
            let lt = at + o;
            let after = lt + 2 + name.len();
            if after < b.len()
                && b[lt + 2..after].eq_ignore_ascii_case(name.as_bytes())
                && (is_ws(b[after]) || matches!(b[after], b'/' | b'>'))
            {
                end_tag = Some(lt);
                break;
            }
            at = lt + 2;
        }
        if kind == Raw::Script
            && memchr::memmem::find(&b[from..end_tag.unwrap_or(b.len())], b"<!--").is_some()
        {
            // `<!--` opens the escaped states, in which the first `</script>` may not end it.
            end_tag = script_end(b, from);
        }
        let to = end_tag.unwrap_or(b.len());
        let ignore_lf = std::mem::take(&mut self.ignore_lf);
        let s = self.s;
        with_run_text(&s[from..to], kind == Raw::Rcdata, ignore_lf, |text| {
            self.sink
                .append(&elem, NodeOrText::AppendText(StrTendril::from_slice(text)));
            Ok(())
        })?;
        match end_tag {
            Some(lt) => {
                self.tag(lt + 2, false)?;
            }
            None => self.pos = b.len(),
        }
        Ok(())
    }

    // ----- Tree construction: helpers --------------------------------------------------------

    fn current(&self) -> R<&Open> {
        match self.stack.last() {
            Some(o) => Ok(o),
            None => give_up("internal: empty stack"),
        }
    }

    fn current_is(&self, name: &LocalName) -> bool {
        self.stack.last().is_some_and(|o| o.name == *name)
    }

    fn create(&self, name: LocalName, attrs: Vec<Attribute>) -> NodeId {
        self.sink
            .create_element(html_name(name), attrs, ElementFlags::default())
    }

    /// Inserts an element for `tag` at the current node and pushes it.
    fn insert(&mut self, tag: Tag) -> R<NodeId> {
        if self.stack.len() >= MAX_DEPTH {
            return give_up("nesting too deep");
        }
        let id = self.create(tag.name.clone(), tag.attrs);
        self.insert_here(NodeOrText::AppendNode(id))?;
        self.stack.push(Open {
            id,
            name: tag.name,
            fmt: false,
            ns: Ns::Html,
        });
        Ok(id)
    }

    fn insert_phantom(&mut self, name: LocalName) -> R<NodeId> {
        self.insert(Tag {
            name,
            attrs: Vec::new(),
        })
    }

    /// Inserts an element for `tag` at the current node without pushing it.
    fn insert_void(&mut self, tag: Tag) -> R<NodeId> {
        let id = self.create(tag.name, tag.attrs);
        self.insert_here(NodeOrText::AppendNode(id))?;
        Ok(id)
    }

    /// Inserts a raw-text element at `parent` (at the appropriate place when `None`); the
    /// tokenizer then reads its content.
    fn insert_raw(&mut self, tag: Tag, parent: Option<NodeId>, kind: Raw) -> R<Option<Raw>> {
        self.raw_name = tag.name.to_string();
        let id = self.create(tag.name, tag.attrs);
        self.insert_at(parent, id)?;
        self.raw_elem = Some(id);
        Ok(Some(kind))
    }

    /// Appends element `id` to `parent`, or inserts it at the appropriate place when `None`.
    fn insert_at(&mut self, parent: Option<NodeId>, id: NodeId) -> R<()> {
        match parent {
            Some(parent) => self.sink.append(&parent, NodeOrText::AppendNode(id)),
            None => self.insert_here(NodeOrText::AppendNode(id))?,
        }
        Ok(())
    }

    fn insert_text(&mut self, text: &str) -> R<()> {
        self.insert_here(NodeOrText::AppendText(StrTendril::from_slice(text)))
    }

    /// Inserts `child` at the appropriate place: the end of the current node, or, while foster
    /// parenting is on and the current node is a table part, just before the table.
    fn insert_here(&mut self, child: NodeOrText<NodeId>) -> R<()> {
        let cur = self.current()?;
        if !self.foster || !is_table_structure(&cur.name) {
            let parent = cur.id;
            self.sink.append(&parent, child);
            return Ok(());
        }
        match self
            .stack
            .iter()
            .rposition(|o| o.name == local_name!("table"))
        {
            Some(t) if t > 0 => {
                let (table, prev) = (self.stack[t].id, self.stack[t - 1].id);
                self.sink.append_based_on_parent_node(&table, &prev, child);
            }
            _ => give_up("internal: foster parenting without a table")?,
        }
        Ok(())
    }

    /// Runs `f` with foster parenting on.
    fn fostered<T>(&mut self, f: impl FnOnce(&mut Self) -> R<T>) -> R<T> {
        self.foster = true;
        let r = f(self);
        self.foster = false;
        r
    }

    /// Pops elements down to `len` elements, noting which active formatting elements are no
    /// longer open.
    fn truncate(&mut self, len: usize) -> R<()> {
        while self.stack.len() > len {
            let Some(o) = self.stack.pop() else { break };
            if o.fmt {
                let entry = self.afe.iter_mut().rev().find_map(|e| match e {
                    Afe::Element { id, open, .. } if *id == o.id => Some(open),
                    _ => None,
                });
                match entry {
                    Some(open) => *open = false,
                    None => return give_up("internal: formatting element not listed"),
                }
            }
        }
        Ok(())
    }

    /// Takes element `id` off the stack wherever it is (the elements above it stay open).
    fn remove_from_stack(&mut self, id: NodeId) {
        if let Some(i) = self.stack.iter().rposition(|o| o.id == id) {
            self.stack.remove(i);
        }
    }

    fn pop(&mut self) -> R<()> {
        let len = self.stack.len().saturating_sub(1);
        self.truncate(len)
    }

    fn in_scope(&self, scope: Scope, target: impl Fn(&LocalName) -> bool) -> bool {
        for o in self.stack.iter().rev() {
            if target(&o.name) {
                return true;
            }
            if is_scope_barrier(scope, &o.name) {
                return false;
            }
        }
        false
    }

    fn in_scope_named(&self, scope: Scope, name: &LocalName) -> bool {
        self.in_scope(scope, |n| n == name)
    }

    fn generate_implied_end(&mut self, except: Option<&LocalName>) -> R<()> {
        while let Some(o) = self.stack.last() {
            if !is_implied_end(&o.name) || Some(&o.name) == except {
                break;
            }
            self.pop()?;
        }
        Ok(())
    }

    /// Pops elements until one for which `pred` holds has been popped.
    fn pop_until(&mut self, pred: impl Fn(&LocalName) -> bool) -> R<()> {
        match self.stack.iter().rposition(|o| pred(&o.name)) {
            Some(i) => self.truncate(i),
            None => self.truncate(0),
        }
    }

    fn pop_until_named(&mut self, name: &LocalName) -> R<()> {
        self.pop_until(|n| n == name)
    }

    /// Pops elements until the current node is one for which `pred` holds.
    fn pop_until_current(&mut self, pred: impl Fn(&LocalName) -> bool) -> R<()> {
        while let Some(o) = self.stack.last() {
            if pred(&o.name) {
                break;
            }
            self.pop()?;
        }
        Ok(())
    }

    /// Closes element `name` (generating implied end tags first) when it is in `scope`; false
    /// when it is not.
    #[inline(always)] // keeps `scope` a constant in the hot end tag rules
    fn close_in_scope(&mut self, scope: Scope, name: &LocalName) -> R<bool> {
        if !self.in_scope_named(scope, name) {
            return Ok(false);
        }
        self.generate_implied_end(None)?;
        self.pop_until_named(name)?;
        Ok(true)
    }

    fn close_p(&mut self) -> R<()> {
        self.generate_implied_end(Some(&local_name!("p")))?;
        self.pop_until_named(&local_name!("p"))
    }

    fn close_p_in_button_scope(&mut self) -> R<()> {
        if self.in_scope_named(Scope::Button, &local_name!("p")) {
            self.close_p()?;
        }
        Ok(())
    }

    /// Clears the list of active formatting elements up to the last marker; the elements it
    /// held are about to be popped by the caller, which is what the spec does too.
    fn clear_afe_to_marker(&mut self) {
        while let Some(e) = self.afe.pop() {
            match e {
                Afe::Marker => break,
                Afe::Element { id, open: true, .. } => {
                    if let Some(o) = self.stack.iter_mut().rev().find(|o| o.id == id) {
                        o.fmt = false;
                    }
                }
                Afe::Element { .. } => {}
            }
        }
    }

    /// The entries after the last marker, last first: index, element, name, whether open.
    fn afe_after_marker(&self) -> impl Iterator<Item = (usize, NodeId, &LocalName, bool)> {
        self.afe
            .iter()
            .enumerate()
            .rev()
            .map_while(|(i, e)| match e {
                Afe::Marker => None,
                Afe::Element { id, name, open, .. } => Some((i, *id, name, *open)),
            })
    }

    fn push_marker(&mut self) -> R<()> {
        if self.afe.len() >= MAX_AFE {
            return give_up("too many active formatting elements");
        }
        self.afe.push(Afe::Marker);
        Ok(())
    }

    fn insert_formatting(&mut self, tag: Tag) -> R<()> {
        // Noah's Ark clause: at most three entries with the same name and attributes after the
        // last marker; the earliest one leaves the list.
        let mut same = 0;
        let mut earliest = None;
        for e in self.afe.iter().enumerate().rev() {
            match e {
                (_, Afe::Marker) => break,
                (i, Afe::Element { name, attrs, .. }) => {
                    if *name == tag.name
                        && attrs.len() == tag.attrs.len()
                        && attrs.iter().all(|a| tag.attrs.contains(a))
                    {
                        same += 1;
                        earliest = Some(i);
                    }
                }
            }
        }
        // The entry leaves the list even when its element is closed.
        if same >= 3
            && let Some(i) = earliest
            && let Afe::Element { id, open: true, .. } = self.afe.remove(i)
            && let Some(o) = self.stack.iter_mut().rev().find(|o| o.id == id)
        {
            o.fmt = false;
        }
        if self.afe.len() >= MAX_AFE {
            return give_up("too many active formatting elements");
        }
        let name = tag.name.clone();
        let attrs = tag.attrs.clone();
        let id = self.insert_listed(tag)?;
        self.afe.push(Afe::Element {
            id,
            name,
            attrs,
            open: true,
        });
        Ok(())
    }

    /// Inserts and pushes a formatting element whose entry in the list of active formatting
    /// elements the caller adds or updates.
    fn insert_listed(&mut self, tag: Tag) -> R<NodeId> {
        let id = self.insert(tag)?;
        if let Some(o) = self.stack.last_mut() {
            o.fmt = true;
        }
        Ok(id)
    }

    /// Reconstructs the active formatting elements: the entries after the last marker or open
    /// entry are inserted again (copies with the same attributes) at the current node.
    fn reconstruct(&mut self) -> R<()> {
        match self.afe.last() {
            None | Some(Afe::Marker) | Some(Afe::Element { open: true, .. }) => return Ok(()),
            Some(Afe::Element { .. }) => {}
        }
        let mut first = self.afe.len() - 1;
        while first > 0 && matches!(self.afe[first - 1], Afe::Element { open: false, .. }) {
            first -= 1;
        }
        for k in first..self.afe.len() {
            let Afe::Element { name, attrs, .. } = &self.afe[k] else {
                return give_up("internal: marker in reconstruction");
            };
            let tag = Tag {
                name: name.clone(),
                attrs: attrs.clone(),
            };
            let new_id = self.insert_listed(tag)?;
            if let Afe::Element { id, open, .. } = &mut self.afe[k] {
                *id = new_id;
                *open = true;
            }
        }
        Ok(())
    }

    fn add_attrs(&mut self, target: NodeId, attrs: Vec<Attribute>) {
        if !attrs.is_empty() {
            self.sink.add_attrs_if_missing(&target, attrs);
        }
    }

    // ----- Tree construction: tokens ---------------------------------------------------------

    fn comment_token(&mut self, text: &str) -> R<()> {
        let comment = self.sink.create_comment(StrTendril::from_slice(text));
        let parent = match self.mode {
            _ if self.in_foreign() => self.current()?.id,
            Mode::Initial | Mode::BeforeHtml | Mode::AfterAfterBody => self.doc,
            Mode::AfterBody => match self.stack.first() {
                Some(o) => o.id,
                None => return give_up("internal: empty stack"),
            },
            _ => self.current()?.id,
        };
        self.sink.append(&parent, NodeOrText::AppendNode(comment));
        Ok(())
    }

    fn create_root(&mut self, attrs: Vec<Attribute>) {
        let id = self.create(local_name!("html"), attrs);
        self.sink.append(&self.doc, NodeOrText::AppendNode(id));
        self.stack.push(Open {
            id,
            name: local_name!("html"),
            fmt: false,
            ns: Ns::Html,
        });
    }

    fn text(&mut self, mut t: &str) -> R<()> {
        if self.in_foreign() {
            return self.insert_text(t);
        }
        loop {
            match self.mode {
                Mode::Initial | Mode::BeforeHtml | Mode::BeforeHead => {
                    t = &t[ws_prefix(t)..];
                    if t.is_empty() {
                        return Ok(());
                    }
                    self.anything_else_before_body()?;
                }
                Mode::InHead | Mode::AfterHead => {
                    t = self.insert_leading_ws(t, false)?;
                    if t.is_empty() {
                        return Ok(());
                    }
                    self.anything_else_before_body()?;
                }
                Mode::InBody | Mode::InCell | Mode::InCaption => {
                    self.reconstruct()?;
                    return self.insert_text(t);
                }
                Mode::InColumnGroup => {
                    t = self.insert_leading_ws(t, false)?;
                    if t.is_empty() || !self.close_colgroup()? {
                        return Ok(());
                    }
                }
                Mode::InTable | Mode::InTableBody | Mode::InRow => {
                    if is_table_structure(&self.current()?.name) && ws_prefix(t) == t.len() {
                        return self.insert_text(t);
                    }
                    return self.fostered(|p| {
                        p.reconstruct()?;
                        p.insert_text(t)
                    });
                }
                Mode::AfterBody | Mode::AfterAfterBody => {
                    t = self.insert_leading_ws(t, true)?;
                    if t.is_empty() {
                        return Ok(());
                    }
                    self.mode = Mode::InBody;
                }
            }
        }
    }

    /// Inserts the whitespace that starts `t` (after reconstructing the active formatting
    /// elements when `reconstruct`) and returns the rest of `t`.
    fn insert_leading_ws<'t>(&mut self, t: &'t str, reconstruct: bool) -> R<&'t str> {
        let n = ws_prefix(t);
        if n > 0 {
            if reconstruct {
                self.reconstruct()?;
            }
            self.insert_text(&t[..n])?;
        }
        Ok(&t[n..])
    }

    /// The "anything else" step of the modes before `<body>`: implies what is missing and
    /// advances the mode by one.
    fn anything_else_before_body(&mut self) -> R<()> {
        match self.mode {
            Mode::Initial => {
                self.quirks = QuirksMode::Quirks;
                self.mode = Mode::BeforeHtml;
            }
            Mode::BeforeHtml => {
                self.create_root(Vec::new());
                self.mode = Mode::BeforeHead;
            }
            Mode::BeforeHead => {
                self.head = Some(self.insert_phantom(local_name!("head"))?);
                self.mode = Mode::InHead;
            }
            Mode::InHead => {
                self.pop()?;
                self.mode = Mode::AfterHead;
            }
            Mode::AfterHead => {
                self.insert_phantom(local_name!("body"))?;
                self.mode = Mode::InBody;
            }
            _ => return give_up("internal: bad mode"),
        }
        Ok(())
    }

    fn eof(&mut self) -> R<()> {
        self.ignore_lf = false;
        loop {
            match self.mode {
                Mode::Initial
                | Mode::BeforeHtml
                | Mode::BeforeHead
                | Mode::InHead
                | Mode::AfterHead => self.anything_else_before_body()?,
                _ => return Ok(()),
            }
        }
    }

    /// The "in head" rules for the elements that go in the head wherever they appear, inserted
    /// at `parent`; `None` for other tags.
    fn head_element(&mut self, tag: Tag, parent: Option<NodeId>) -> R<Result<Option<Raw>, Tag>> {
        match tag.name {
            local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("link")
            | local_name!("meta") => {
                let id = self.create(tag.name, tag.attrs);
                self.insert_at(parent, id)?;
                Ok(Ok(None))
            }
            local_name!("title") => self.insert_raw(tag, parent, Raw::Rcdata).map(Ok),
            local_name!("noframes") | local_name!("style") | local_name!("noscript") => {
                self.insert_raw(tag, parent, Raw::Rawtext).map(Ok)
            }
            local_name!("script") => self.insert_raw(tag, parent, Raw::Script).map(Ok),
            local_name!("template") => give_up("<template>"),
            _ => Ok(Err(tag)),
        }
    }

    /// [`Self::head_element`] for a tag that is one of those elements.
    fn known_head_element(&mut self, tag: Tag, parent: Option<NodeId>) -> R<Option<Raw>> {
        match self.head_element(tag, parent)? {
            Ok(raw) => Ok(raw),
            Err(_) => give_up("internal: not a head element"),
        }
    }

    fn start_tag(&mut self, mut tag: Tag) -> R<Option<Raw>> {
        if self.in_foreign() {
            return self.foreign_start_tag(tag);
        }
        loop {
            match self.mode {
                Mode::Initial => {
                    self.anything_else_before_body()?;
                }
                Mode::BeforeHtml => {
                    if tag.name == local_name!("html") {
                        self.create_root(tag.attrs);
                        self.mode = Mode::BeforeHead;
                        return Ok(None);
                    }
                    self.anything_else_before_body()?;
                }
                Mode::BeforeHead => match tag.name {
                    local_name!("html") => return self.body_start_tag(tag),
                    local_name!("head") => {
                        self.head = Some(self.insert(tag)?);
                        self.mode = Mode::InHead;
                        return Ok(None);
                    }
                    _ => self.anything_else_before_body()?,
                },
                Mode::InHead => match tag.name {
                    local_name!("html") => return self.body_start_tag(tag),
                    local_name!("head") => return Ok(None),
                    _ => {
                        match self.head_element(tag, None)? {
                            Ok(raw) => return Ok(raw),
                            Err(t) => tag = t,
                        }
                        self.anything_else_before_body()?;
                    }
                },
                Mode::AfterHead => match tag.name {
                    local_name!("html") => return self.body_start_tag(tag),
                    local_name!("body") => {
                        self.insert(tag)?;
                        self.mode = Mode::InBody;
                        return Ok(None);
                    }
                    local_name!("frameset") => return give_up("<frameset>"),
                    local_name!("head") => return Ok(None),
                    head_elements!() => {
                        let Some(head) = self.head else {
                            return give_up("internal: no head");
                        };
                        return self.known_head_element(tag, Some(head));
                    }
                    _ => self.anything_else_before_body()?,
                },
                Mode::InBody => return self.body_start_tag(tag),
                Mode::InCaption => match tag.name {
                    table_parts!() => {
                        if !self.close_caption()? {
                            return Ok(None);
                        }
                    }
                    _ => return self.body_start_tag(tag),
                },
                Mode::InColumnGroup => match tag.name {
                    local_name!("html") => return self.body_start_tag(tag),
                    local_name!("col") => {
                        self.insert_void(tag)?;
                        return Ok(None);
                    }
                    local_name!("template") => return give_up("<template>"),
                    _ => {
                        if !self.close_colgroup()? {
                            return Ok(None);
                        }
                    }
                },
                Mode::InCell => match tag.name {
                    table_parts!() => {
                        if !self.in_scope(Scope::Table, |n| {
                            matches!(*n, local_name!("td") | local_name!("th"))
                        }) {
                            return Ok(None);
                        }
                        self.close_cell()?;
                    }
                    _ => return self.body_start_tag(tag),
                },
                Mode::InRow => match tag.name {
                    local_name!("th") | local_name!("td") => {
                        self.clear_to_table_row_context()?;
                        self.insert(tag)?;
                        self.mode = Mode::InCell;
                        self.push_marker()?;
                        return Ok(None);
                    }
                    table_sections!() | local_name!("tr") => {
                        if !self.end_row()? {
                            return Ok(None);
                        }
                    }
                    _ => return self.table_start_tag(tag),
                },
                Mode::InTableBody => match tag.name {
                    local_name!("tr") => {
                        self.clear_to_table_body_context()?;
                        self.insert(tag)?;
                        self.mode = Mode::InRow;
                        return Ok(None);
                    }
                    local_name!("th") | local_name!("td") => {
                        self.clear_to_table_body_context()?;
                        self.insert_phantom(local_name!("tr"))?;
                        self.mode = Mode::InRow;
                    }
                    table_sections!() => {
                        if !self.end_table_body()? {
                            return Ok(None);
                        }
                    }
                    _ => return self.table_start_tag(tag),
                },
                Mode::InTable => match tag.name {
                    local_name!("tbody") | local_name!("tfoot") | local_name!("thead") => {
                        self.clear_to_table_context()?;
                        self.insert(tag)?;
                        self.mode = Mode::InTableBody;
                        return Ok(None);
                    }
                    local_name!("td") | local_name!("th") | local_name!("tr") => {
                        self.clear_to_table_context()?;
                        self.insert_phantom(local_name!("tbody"))?;
                        self.mode = Mode::InTableBody;
                    }
                    _ => return self.table_start_tag(tag),
                },
                Mode::AfterBody | Mode::AfterAfterBody => {
                    if tag.name == local_name!("html") {
                        return self.body_start_tag(tag);
                    }
                    self.mode = Mode::InBody;
                }
            }
        }
    }

    /// The "in table" rules for start tags other than row groups, rows and cells.
    fn table_start_tag(&mut self, tag: Tag) -> R<Option<Raw>> {
        match tag.name {
            local_name!("style") | local_name!("script") | local_name!("template") => {
                self.known_head_element(tag, None)
            }
            local_name!("input")
                if tag.attrs.iter().any(|a| {
                    a.name.local == local_name!("type") && a.value.eq_ignore_ascii_case("hidden")
                }) =>
            {
                self.insert_void(tag)?;
                Ok(None)
            }
            local_name!("caption") => {
                self.clear_to_table_context()?;
                self.push_marker()?;
                self.insert(tag)?;
                self.mode = Mode::InCaption;
                Ok(None)
            }
            local_name!("colgroup") => {
                self.clear_to_table_context()?;
                self.insert(tag)?;
                self.mode = Mode::InColumnGroup;
                Ok(None)
            }
            local_name!("col") => {
                self.clear_to_table_context()?;
                self.insert_phantom(local_name!("colgroup"))?;
                self.insert_void(tag)?;
                self.mode = Mode::InColumnGroup;
                Ok(None)
            }
            local_name!("table") => {
                if !self.in_scope_named(Scope::Table, &local_name!("table")) {
                    return Ok(None);
                }
                self.pop_until_named(&local_name!("table"))?;
                self.reset_mode()?;
                if matches!(self.mode, Mode::InTable | Mode::InTableBody | Mode::InRow) {
                    return give_up("table directly in a table");
                }
                self.start_tag(tag)
            }
            local_name!("form") => {
                if self.form.is_none() {
                    self.form = Some(self.insert_void(tag)?);
                }
                Ok(None)
            }
            _ => self.fostered(|p| p.body_start_tag(tag)),
        }
    }

    fn clear_to_table_context(&mut self) -> R<()> {
        self.pop_until_current(|n| {
            matches!(
                *n,
                local_name!("html") | local_name!("table") | local_name!("template")
            )
        })
    }

    fn clear_to_table_body_context(&mut self) -> R<()> {
        self.pop_until_current(|n| {
            matches!(
                *n,
                local_name!("tbody")
                    | local_name!("tfoot")
                    | local_name!("thead")
                    | local_name!("template")
                    | local_name!("html")
            )
        })
    }

    fn clear_to_table_row_context(&mut self) -> R<()> {
        self.pop_until_current(|n| {
            matches!(
                *n,
                local_name!("tr") | local_name!("template") | local_name!("html")
            )
        })
    }

    /// Ends the current row (for a tag that implies it); false when no row is in table scope
    /// (the tag is ignored).
    fn end_row(&mut self) -> R<bool> {
        if !self.in_scope_named(Scope::Table, &local_name!("tr")) {
            return Ok(false);
        }
        self.clear_to_table_row_context()?;
        self.pop()?;
        self.mode = Mode::InTableBody;
        Ok(true)
    }

    /// Ends the current row group (for a tag that implies it), as html5ever does; false when
    /// the tag is ignored.
    fn end_table_body(&mut self) -> R<bool> {
        if !self.in_scope(Scope::Table, |n| {
            matches!(
                *n,
                local_name!("table") | local_name!("tbody") | local_name!("tfoot")
            )
        }) {
            return Ok(false);
        }
        self.close_table_body()?;
        Ok(true)
    }

    /// Closes the current row group (back to "in table").
    fn close_table_body(&mut self) -> R<()> {
        self.clear_to_table_body_context()?;
        self.pop()?;
        self.mode = Mode::InTable;
        Ok(())
    }

    /// Closes the caption (for a tag that implies it); false when no caption is in table scope
    /// (the tag is ignored).
    fn close_caption(&mut self) -> R<bool> {
        if !self.close_in_scope(Scope::Table, &local_name!("caption"))? {
            return Ok(false);
        }
        self.clear_afe_to_marker();
        self.mode = Mode::InTable;
        Ok(true)
    }

    /// Closes the column group when it is the current node (back to "in table"); false when it
    /// is not (the token is ignored).
    fn close_colgroup(&mut self) -> R<bool> {
        if !self.current_is(&local_name!("colgroup")) {
            return Ok(false);
        }
        self.pop()?;
        self.mode = Mode::InTable;
        Ok(true)
    }

    fn close_cell(&mut self) -> R<()> {
        self.generate_implied_end(None)?;
        self.clear_afe_to_marker();
        self.pop_until(|n| matches!(*n, local_name!("td") | local_name!("th")))?;
        self.mode = Mode::InRow;
        Ok(())
    }

    fn reset_mode(&mut self) -> R<()> {
        for (i, o) in self.stack.iter().enumerate().rev() {
            let last = i == 0;
            if o.ns != Ns::Html {
                continue;
            }
            self.mode = match o.name {
                local_name!("td") | local_name!("th") if !last => Mode::InCell,
                local_name!("tr") => Mode::InRow,
                local_name!("tbody") | local_name!("thead") | local_name!("tfoot") => {
                    Mode::InTableBody
                }
                local_name!("table") => Mode::InTable,
                local_name!("body") => Mode::InBody,
                local_name!("html") => {
                    if self.head.is_some() {
                        Mode::AfterHead
                    } else {
                        Mode::BeforeHead
                    }
                }
                local_name!("caption") => Mode::InCaption,
                local_name!("colgroup") => Mode::InColumnGroup,
                local_name!("template") | local_name!("frameset") => {
                    return give_up("unusual insertion mode");
                }
                local_name!("head") if !last => return give_up("unusual insertion mode"),
                _ => continue,
            };
            return Ok(());
        }
        self.mode = Mode::InBody;
        Ok(())
    }

    /// The "in body" rules for a start tag.
    fn body_start_tag(&mut self, tag: Tag) -> R<Option<Raw>> {
        match tag.name {
            local_name!("html") => {
                let Some(html) = self.stack.first().map(|o| o.id) else {
                    return give_up("internal: empty stack");
                };
                self.add_attrs(html, tag.attrs);
                Ok(None)
            }
            head_elements!() => self.known_head_element(tag, None),
            local_name!("body") => {
                if self.stack.len() > 1 && self.stack[1].name == local_name!("body") {
                    let body = self.stack[1].id;
                    self.add_attrs(body, tag.attrs);
                }
                Ok(None)
            }
            local_name!("frameset") => give_up("<frameset>"),
            grouping_blocks!() | local_name!("p") => {
                self.close_p_in_button_scope()?;
                self.insert(tag)?;
                Ok(None)
            }
            headings!() => {
                self.close_p_in_button_scope()?;
                if self.stack.last().is_some_and(|o| is_heading(&o.name)) {
                    self.pop()?;
                }
                self.insert(tag)?;
                Ok(None)
            }
            local_name!("pre") | local_name!("listing") => {
                self.close_p_in_button_scope()?;
                self.insert(tag)?;
                self.ignore_lf = true;
                Ok(None)
            }
            local_name!("form") => {
                if self.form.is_some() {
                    return Ok(None); // a nested form is ignored
                }
                self.close_p_in_button_scope()?;
                self.form = Some(self.insert(tag)?);
                Ok(None)
            }
            local_name!("li") | local_name!("dd") | local_name!("dt") => {
                let list = tag.name == local_name!("li");
                let mut to_close = None;
                for o in self.stack.iter().rev() {
                    let closes = if list {
                        o.name == local_name!("li")
                    } else {
                        matches!(o.name, local_name!("dd") | local_name!("dt"))
                    };
                    if closes {
                        to_close = Some(o.name.clone());
                        break;
                    }
                    if is_special(&o.name)
                        && !matches!(
                            o.name,
                            local_name!("address") | local_name!("div") | local_name!("p")
                        )
                    {
                        break;
                    }
                }
                if let Some(name) = to_close {
                    self.generate_implied_end(Some(&name))?;
                    self.pop_until_named(&name)?;
                }
                self.close_p_in_button_scope()?;
                self.insert(tag)?;
                Ok(None)
            }
            local_name!("plaintext") => give_up("<plaintext>"),
            local_name!("button") => {
                self.close_in_scope(Scope::Default, &local_name!("button"))?;
                self.reconstruct()?;
                self.insert(tag)?;
                Ok(None)
            }
            local_name!("a") => {
                let open_a = self
                    .afe_after_marker()
                    .find(|e| *e.2 == local_name!("a"))
                    .map(|e| e.1);
                if let Some(a) = open_a {
                    self.adoption_agency(local_name!("a"))?;
                    if let Some(i) = self.afe_position(a) {
                        self.afe.remove(i);
                    }
                    self.remove_from_stack(a);
                }
                self.reconstruct()?;
                self.insert_formatting(tag)?;
                Ok(None)
            }
            local_name!("b")
            | local_name!("big")
            | local_name!("code")
            | local_name!("em")
            | local_name!("font")
            | local_name!("i")
            | local_name!("s")
            | local_name!("small")
            | local_name!("strike")
            | local_name!("strong")
            | local_name!("tt")
            | local_name!("u") => {
                self.reconstruct()?;
                self.insert_formatting(tag)?;
                Ok(None)
            }
            local_name!("nobr") => {
                self.reconstruct()?;
                if self.in_scope_named(Scope::Default, &local_name!("nobr")) {
                    return give_up("nested <nobr>");
                }
                self.insert_formatting(tag)?;
                Ok(None)
            }
            local_name!("applet") | local_name!("marquee") | local_name!("object") => {
                self.reconstruct()?;
                self.insert(tag)?;
                self.push_marker()?;
                Ok(None)
            }
            local_name!("table") => {
                if self.quirks != QuirksMode::Quirks {
                    self.close_p_in_button_scope()?;
                }
                self.insert(tag)?;
                self.mode = Mode::InTable;
                Ok(None)
            }
            local_name!("area")
            | local_name!("br")
            | local_name!("embed")
            | local_name!("img")
            | local_name!("keygen")
            | local_name!("wbr") => {
                self.reconstruct()?;
                self.insert_void(tag)?;
                Ok(None)
            }
            local_name!("param") | local_name!("source") | local_name!("track") => {
                self.insert_void(tag)?;
                Ok(None)
            }
            local_name!("input") => {
                if self.in_scope_named(Scope::Default, &local_name!("select")) {
                    return give_up("<input> in <select>");
                }
                self.reconstruct()?;
                self.insert_void(tag)?;
                Ok(None)
            }
            local_name!("hr") => {
                self.close_p_in_button_scope()?;
                if self.in_scope_named(Scope::Default, &local_name!("select")) {
                    return give_up("<hr> in <select>");
                }
                self.insert_void(tag)?;
                Ok(None)
            }
            local_name!("image") => {
                // Read as `<img>`.
                self.reconstruct()?;
                self.insert_void(Tag {
                    name: local_name!("img"),
                    attrs: tag.attrs,
                })?;
                Ok(None)
            }
            local_name!("textarea") => {
                self.ignore_lf = true;
                self.insert_raw(tag, None, Raw::Rcdata)
            }
            local_name!("xmp") => {
                self.close_p_in_button_scope()?;
                self.reconstruct()?;
                self.insert_raw(tag, None, Raw::Rawtext)
            }
            local_name!("iframe") | local_name!("noembed") | local_name!("noscript") => {
                self.insert_raw(tag, None, Raw::Rawtext)
            }
            local_name!("select") => {
                if self.in_scope_named(Scope::Default, &local_name!("select")) {
                    return give_up("nested <select>");
                }
                self.reconstruct()?;
                self.insert(tag)?;
                Ok(None)
            }
            local_name!("option") | local_name!("optgroup") => {
                if self.in_scope_named(Scope::Default, &local_name!("select")) {
                    // An `<option>` leaves an open `<optgroup>` open.
                    let optgroup = local_name!("optgroup");
                    let except = (tag.name == local_name!("option")).then_some(&optgroup);
                    self.generate_implied_end(except)?;
                } else if self.current_is(&local_name!("option")) {
                    self.pop()?;
                }
                self.reconstruct()?;
                self.insert(tag)?;
                Ok(None)
            }
            local_name!("rb") | local_name!("rtc") | local_name!("rp") | local_name!("rt") => {
                if self.in_scope_named(Scope::Default, &local_name!("ruby")) {
                    // `<rp>` and `<rt>` leave an open `<rtc>` open.
                    let rtc = local_name!("rtc");
                    let except =
                        matches!(tag.name, local_name!("rp") | local_name!("rt")).then_some(&rtc);
                    self.generate_implied_end(except)?;
                }
                self.insert(tag)?;
                Ok(None)
            }
            local_name!("math") | local_name!("svg") => {
                self.reconstruct()?;
                let ns = if tag.name == local_name!("svg") {
                    Ns::Svg
                } else {
                    Ns::MathMl
                };
                self.insert_foreign(tag, ns)?;
                Ok(None)
            }
            table_parts!() | local_name!("frame") | local_name!("head") => Ok(None),
            _ => {
                self.reconstruct()?;
                self.insert(tag)?;
                Ok(None)
            }
        }
    }

    fn end_tag(&mut self, name: LocalName) -> R<()> {
        if self.in_foreign() {
            return self.foreign_end_tag(name);
        }
        self.html_end_tag(name)
    }

    /// The end tag rules of the HTML insertion modes.
    fn html_end_tag(&mut self, name: LocalName) -> R<()> {
        loop {
            match self.mode {
                Mode::Initial => self.anything_else_before_body()?,
                Mode::BeforeHtml | Mode::BeforeHead => match name {
                    local_name!("head")
                    | local_name!("body")
                    | local_name!("html")
                    | local_name!("br") => self.anything_else_before_body()?,
                    _ => return Ok(()),
                },
                Mode::InHead => match name {
                    local_name!("head") => {
                        self.pop()?;
                        self.mode = Mode::AfterHead;
                        return Ok(());
                    }
                    local_name!("body") | local_name!("html") | local_name!("br") => {
                        self.anything_else_before_body()?
                    }
                    local_name!("template") => return give_up("<template>"),
                    _ => return Ok(()),
                },
                Mode::AfterHead => match name {
                    local_name!("body") | local_name!("html") | local_name!("br") => {
                        self.anything_else_before_body()?
                    }
                    local_name!("template") => return give_up("<template>"),
                    _ => return Ok(()),
                },
                Mode::InBody => return self.body_end_tag(name),
                Mode::InCaption => match name {
                    local_name!("caption") => {
                        self.close_caption()?;
                        return Ok(());
                    }
                    local_name!("table") => {
                        if !self.close_caption()? {
                            return Ok(());
                        }
                    }
                    local_name!("body")
                    | local_name!("col")
                    | local_name!("colgroup")
                    | local_name!("html")
                    | local_name!("tbody")
                    | local_name!("td")
                    | local_name!("tfoot")
                    | local_name!("th")
                    | local_name!("thead")
                    | local_name!("tr") => return Ok(()),
                    _ => return self.body_end_tag(name),
                },
                Mode::InColumnGroup => match name {
                    local_name!("colgroup") => {
                        self.close_colgroup()?;
                        return Ok(());
                    }
                    local_name!("col") => return Ok(()),
                    local_name!("template") => return give_up("<template>"),
                    _ => {
                        if !self.close_colgroup()? {
                            return Ok(());
                        }
                    }
                },
                Mode::InCell => match name {
                    local_name!("td") | local_name!("th") => {
                        if !self.in_scope_named(Scope::Table, &name) {
                            return Ok(());
                        }
                        self.generate_implied_end(None)?;
                        self.clear_afe_to_marker();
                        self.pop_until_named(&name)?;
                        self.mode = Mode::InRow;
                        return Ok(());
                    }
                    local_name!("body")
                    | local_name!("caption")
                    | local_name!("col")
                    | local_name!("colgroup")
                    | local_name!("html") => return Ok(()),
                    local_name!("table")
                    | local_name!("tbody")
                    | local_name!("tfoot")
                    | local_name!("thead")
                    | local_name!("tr") => {
                        if !self.in_scope_named(Scope::Table, &name) {
                            return Ok(());
                        }
                        self.close_cell()?;
                    }
                    _ => return self.body_end_tag(name),
                },
                Mode::InRow => match name {
                    local_name!("tr") => {
                        self.end_row()?;
                        return Ok(());
                    }
                    local_name!("table") => {
                        if !self.end_row()? {
                            return Ok(());
                        }
                    }
                    local_name!("tbody") | local_name!("tfoot") | local_name!("thead") => {
                        if !self.in_scope_named(Scope::Table, &name) || !self.end_row()? {
                            return Ok(());
                        }
                    }
                    local_name!("body")
                    | local_name!("caption")
                    | local_name!("col")
                    | local_name!("colgroup")
                    | local_name!("html")
                    | local_name!("td")
                    | local_name!("th") => return Ok(()),
                    _ => return self.table_end_tag(name),
                },
                Mode::InTableBody => match name {
                    local_name!("tbody") | local_name!("tfoot") | local_name!("thead") => {
                        if self.in_scope_named(Scope::Table, &name) {
                            self.close_table_body()?;
                        }
                        return Ok(());
                    }
                    local_name!("table") => {
                        if !self.end_table_body()? {
                            return Ok(());
                        }
                    }
                    local_name!("body")
                    | local_name!("caption")
                    | local_name!("col")
                    | local_name!("colgroup")
                    | local_name!("html")
                    | local_name!("td")
                    | local_name!("th")
                    | local_name!("tr") => return Ok(()),
                    _ => return self.table_end_tag(name),
                },
                Mode::InTable => return self.table_end_tag(name),
                Mode::AfterBody => {
                    if name == local_name!("html") {
                        self.mode = Mode::AfterAfterBody;
                        return Ok(());
                    }
                    self.mode = Mode::InBody;
                }
                Mode::AfterAfterBody => self.mode = Mode::InBody,
            }
        }
    }

    /// The "in table" rules for an end tag.
    fn table_end_tag(&mut self, name: LocalName) -> R<()> {
        match name {
            local_name!("table") => {
                if self.in_scope_named(Scope::Table, &local_name!("table")) {
                    self.pop_until_named(&local_name!("table"))?;
                    self.reset_mode()?;
                }
                Ok(())
            }
            table_parts!() | local_name!("body") | local_name!("html") => Ok(()),
            local_name!("template") => give_up("<template>"),
            _ => self.fostered(|p| p.body_end_tag(name)),
        }
    }

    /// The "in body" rules for an end tag.
    fn body_end_tag(&mut self, name: LocalName) -> R<()> {
        match name {
            local_name!("template") => give_up("<template>"),
            local_name!("body") => {
                if self.in_scope_named(Scope::Default, &local_name!("body")) {
                    self.mode = Mode::AfterBody;
                }
                Ok(())
            }
            local_name!("html") => {
                if self.in_scope_named(Scope::Default, &local_name!("body")) {
                    self.mode = Mode::AfterAfterBody;
                }
                Ok(())
            }
            grouping_blocks!()
            | local_name!("button")
            | local_name!("listing")
            | local_name!("pre")
            | local_name!("select") => {
                self.close_in_scope(Scope::Default, &name)?;
                Ok(())
            }
            local_name!("form") => {
                let Some(form) = self.form.take() else {
                    return Ok(());
                };
                if !self.node_in_scope(form) {
                    return Ok(());
                }
                self.generate_implied_end(None)?;
                // The form leaves the stack wherever it is; what it holds stays open.
                self.remove_from_stack(form);
                Ok(())
            }
            local_name!("p") => {
                if !self.in_scope_named(Scope::Button, &local_name!("p")) {
                    // An empty paragraph.
                    self.insert_phantom(local_name!("p"))?;
                }
                self.close_p()
            }
            local_name!("li") | local_name!("dd") | local_name!("dt") => {
                let scope = if name == local_name!("li") {
                    Scope::ListItem
                } else {
                    Scope::Default
                };
                if self.in_scope_named(scope, &name) {
                    self.generate_implied_end(Some(&name))?;
                    self.pop_until_named(&name)?;
                }
                Ok(())
            }
            headings!() => {
                if self.in_scope(Scope::Default, is_heading) {
                    self.generate_implied_end(None)?;
                    self.pop_until(is_heading)?;
                }
                Ok(())
            }
            local_name!("applet") | local_name!("marquee") | local_name!("object") => {
                if self.in_scope_named(Scope::Default, &name) {
                    self.generate_implied_end(None)?;
                    self.clear_afe_to_marker();
                    self.pop_until_named(&name)?;
                }
                Ok(())
            }
            local_name!("br") => {
                self.reconstruct()?;
                self.insert_void(Tag {
                    name: local_name!("br"),
                    attrs: Vec::new(),
                })?;
                Ok(())
            }
            _ if is_formatting(&name) => self.adoption_agency(name),
            _ => self.any_other_end_tag(&name),
        }
    }

    fn node_in_scope(&self, form: NodeId) -> bool {
        for o in self.stack.iter().rev() {
            if o.id == form {
                return true;
            }
            if is_scope_barrier(Scope::Default, &o.name) {
                return false;
            }
        }
        false
    }

    fn any_other_end_tag(&mut self, name: &LocalName) -> R<()> {
        let mut found = None;
        for (i, o) in self.stack.iter().enumerate().rev() {
            if o.name == *name {
                found = Some(i);
                break;
            }
            if is_special(&o.name) {
                return Ok(()); // ignored
            }
        }
        let Some(i) = found else {
            return Ok(());
        };
        self.generate_implied_end(Some(name))?;
        self.truncate(i)
    }

    /// Whether the current node is an SVG or MathML element (whose rules replace the insertion
    /// mode's).
    fn in_foreign(&self) -> bool {
        self.stack.last().is_some_and(|o| o.ns != Ns::Html)
    }

    /// Inserts a foreign element for `tag` in namespace `ns` at the appropriate place, with the
    /// spec's case adjustments of names and namespaced attributes; pushed unless the tag ends
    /// with `/>`.
    fn insert_foreign(&mut self, mut tag: Tag, ns: Ns) -> R<()> {
        for a in tag.attrs.iter_mut() {
            adjust_foreign_attribute(&mut a.name, ns);
        }
        let integration_point = match ns {
            Ns::Svg => matches!(&*tag.name, "foreignObject" | "desc" | "title"),
            Ns::MathMl => matches!(
                &*tag.name,
                "mi" | "mo" | "mn" | "ms" | "mtext" | "annotation-xml"
            ),
            Ns::Html => false,
        };
        if integration_point {
            return give_up("HTML integration point in foreign content");
        }
        if self.stack.len() >= MAX_DEPTH {
            return give_up("nesting too deep");
        }
        let qual = QualName::new(
            None,
            match ns {
                Ns::Svg => ns!(svg),
                Ns::MathMl => ns!(mathml),
                Ns::Html => ns!(html),
            },
            tag.name.clone(),
        );
        let id = self
            .sink
            .create_element(qual, tag.attrs, ElementFlags::default());
        self.insert_here(NodeOrText::AppendNode(id))?;
        if !self.self_closing {
            self.stack.push(Open {
                id,
                name: LocalName::from(format!("\0{}", &*tag.name)),
                fmt: false,
                ns,
            });
        }
        Ok(())
    }

    /// Pops the foreign elements off the stack (they are all above the HTML ones).
    fn pop_foreign(&mut self) {
        while self.stack.last().is_some_and(|o| o.ns != Ns::Html) {
            self.stack.pop();
        }
    }

    /// The rules for a start tag in foreign content.
    fn foreign_start_tag(&mut self, mut tag: Tag) -> R<Option<Raw>> {
        let breakout = match tag.name {
            local_name!("b")
            | local_name!("big")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("br")
            | local_name!("center")
            | local_name!("code")
            | local_name!("dd")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("em")
            | local_name!("embed")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("head")
            | local_name!("hr")
            | local_name!("i")
            | local_name!("img")
            | local_name!("li")
            | local_name!("listing")
            | local_name!("menu")
            | local_name!("meta")
            | local_name!("nobr")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("ruby")
            | local_name!("s")
            | local_name!("small")
            | local_name!("span")
            | local_name!("strong")
            | local_name!("strike")
            | local_name!("sub")
            | local_name!("sup")
            | local_name!("table")
            | local_name!("tt")
            | local_name!("u")
            | local_name!("ul")
            | local_name!("var") => true,
            local_name!("font") => tag.attrs.iter().any(|a| {
                matches!(
                    a.name.local,
                    local_name!("color") | local_name!("face") | local_name!("size")
                )
            }),
            _ => false,
        };
        if breakout {
            self.pop_foreign();
            return self.start_tag(tag);
        }
        let ns = self.current()?.ns;
        if ns == Ns::Svg
            && let Some(adjusted) = SVG_TAG_NAMES
                .iter()
                .find(|n| n.eq_ignore_ascii_case(&tag.name))
        {
            tag.name = LocalName::from(*adjusted);
        }
        self.insert_foreign(tag, ns)?;
        Ok(None)
    }

    /// The rules for an end tag in foreign content.
    fn foreign_end_tag(&mut self, name: LocalName) -> R<()> {
        if matches!(name, local_name!("br") | local_name!("p")) {
            self.pop_foreign();
            return self.html_end_tag(name);
        }
        let mut i = self.stack.len().saturating_sub(1);
        let mut first = true;
        while i > 0 {
            let o = &self.stack[i];
            if !first && o.ns == Ns::Html {
                // The insertion mode's rules, with the foreign elements still open.
                return self.html_end_tag(name);
            }
            if o.ns != Ns::Html
                && o.name
                    .get(1..)
                    .is_some_and(|local| local.eq_ignore_ascii_case(&name))
            {
                return self.truncate(i);
            }
            first = false;
            i -= 1;
        }
        Ok(())
    }

    /// The position of the entry of element `id` in the list of active formatting elements.
    fn afe_position(&self, id: NodeId) -> Option<usize> {
        self.afe
            .iter()
            .position(|e| matches!(e, Afe::Element { id: x, .. } if *x == id))
    }

    /// The adoption agency algorithm, step by step as html5ever runs it, on the sink.
    fn adoption_agency(&mut self, name: LocalName) -> R<()> {
        let Some(cur) = self.stack.last() else {
            return give_up("internal: empty stack");
        };
        if cur.name == name && !cur.fmt {
            return self.pop();
        }
        for _ in 0..8 {
            let found = self
                .afe_after_marker()
                .find(|e| *e.2 == name)
                .map(|e| (e.0, e.1, e.3));
            let Some((fe_afe, fe, open)) = found else {
                return self.any_other_end_tag(&name);
            };
            if !open {
                self.afe.remove(fe_afe);
                return Ok(());
            }
            let Some(fe_index) = self.stack.iter().rposition(|o| o.id == fe) else {
                return give_up("internal: formatting element not open");
            };
            if !self.node_in_scope(fe) {
                return Ok(()); // not in scope: ignored
            }
            let Some(fb_index) = self.stack[fe_index..]
                .iter()
                .position(|o| is_special(&o.name))
                .map(|i| fe_index + i)
            else {
                self.truncate(fe_index)?;
                self.afe.remove(fe_afe);
                return Ok(());
            };
            if fe_index == 0 {
                return give_up("internal: formatting element at the root");
            }
            if self.foster {
                return give_up("adoption agency while foster parenting");
            }
            let common_ancestor = self.stack[fe_index - 1].id;
            let furthest_block = self.stack[fb_index].id;
            // The bookmark: `None` replaces the formatting element's entry, `Some(e)` inserts
            // after the entry of element `e`.
            let mut bookmark: Option<NodeId> = None;
            let mut node_index = fb_index;
            let mut last_node = furthest_block;
            let mut inner = 0;
            loop {
                inner += 1;
                node_index -= 1;
                let node = self.stack[node_index].id;
                if node == fe {
                    break;
                }
                if inner > 3 {
                    if let Some(p) = self.afe_position(node) {
                        self.afe.remove(p);
                    }
                    self.stack.remove(node_index);
                    continue;
                }
                let Some(nfi) = self.afe_position(node) else {
                    self.stack.remove(node_index);
                    continue;
                };
                let Afe::Element { name, attrs, .. } = &self.afe[nfi] else {
                    return give_up("internal: marker in adoption agency");
                };
                let new = self.create(name.clone(), attrs.clone());
                self.stack[node_index].id = new;
                if let Afe::Element { id, .. } = &mut self.afe[nfi] {
                    *id = new;
                }
                if last_node == furthest_block {
                    bookmark = Some(new);
                }
                self.sink.remove_from_parent(&last_node);
                self.sink.append(&new, NodeOrText::AppendNode(last_node));
                last_node = new;
            }
            self.sink.remove_from_parent(&last_node);
            self.sink
                .append(&common_ancestor, NodeOrText::AppendNode(last_node));
            let Afe::Element { attrs, .. } = &self.afe[fe_afe] else {
                return give_up("internal: marker in adoption agency");
            };
            let attrs = attrs.clone();
            let new = self.create(name.clone(), attrs.clone());
            self.sink.reparent_children(&furthest_block, &new);
            self.sink
                .append(&furthest_block, NodeOrText::AppendNode(new));
            let entry = Afe::Element {
                id: new,
                name: name.clone(),
                attrs,
                open: true,
            };
            match bookmark {
                None => {
                    let Some(p) = self.afe_position(fe) else {
                        return give_up("internal: bookmark lost");
                    };
                    self.afe[p] = entry;
                }
                Some(prev) => {
                    let Some(p) = self.afe_position(prev) else {
                        return give_up("internal: bookmark lost");
                    };
                    self.afe.insert(p + 1, entry);
                    let Some(old) = self.afe_position(fe) else {
                        return give_up("internal: bookmark lost");
                    };
                    self.afe.remove(old);
                }
            }
            self.remove_from_stack(fe);
            let Some(fb) = self.stack.iter().position(|o| o.id == furthest_block) else {
                return give_up("internal: furthest block lost");
            };
            self.stack.insert(
                fb + 1,
                Open {
                    id: new,
                    name: name.clone(),
                    fmt: true,
                    ns: Ns::Html,
                },
            );
        }
        Ok(())
    }
}

/// SVG element names with capitals: the tokenizer lower-cases them, the tree builder restores
/// them.
const SVG_TAG_NAMES: &[&str] = &[
    "altGlyph",
    "altGlyphDef",
    "altGlyphItem",
    "animateColor",
    "animateMotion",
    "animateTransform",
    "clipPath",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
    "foreignObject",
    "glyphRef",
    "linearGradient",
    "radialGradient",
    "textPath",
];

/// SVG attribute names with capitals, restored the same way.
const SVG_ATTRIBUTE_NAMES: &[&str] = &[
    "attributeName",
    "attributeType",
    "baseFrequency",
    "baseProfile",
    "calcMode",
    "clipPathUnits",
    "diffuseConstant",
    "edgeMode",
    "filterUnits",
    "glyphRef",
    "gradientTransform",
    "gradientUnits",
    "kernelMatrix",
    "kernelUnitLength",
    "keyPoints",
    "keySplines",
    "keyTimes",
    "lengthAdjust",
    "limitingConeAngle",
    "markerHeight",
    "markerUnits",
    "markerWidth",
    "maskContentUnits",
    "maskUnits",
    "numOctaves",
    "pathLength",
    "patternContentUnits",
    "patternTransform",
    "patternUnits",
    "pointsAtX",
    "pointsAtY",
    "pointsAtZ",
    "preserveAlpha",
    "preserveAspectRatio",
    "primitiveUnits",
    "refX",
    "refY",
    "repeatCount",
    "repeatDur",
    "requiredExtensions",
    "requiredFeatures",
    "specularConstant",
    "specularExponent",
    "spreadMethod",
    "startOffset",
    "stdDeviation",
    "stitchTiles",
    "surfaceScale",
    "systemLanguage",
    "tableValues",
    "targetX",
    "targetY",
    "textLength",
    "viewBox",
    "viewTarget",
    "xChannelSelector",
    "yChannelSelector",
    "zoomAndPan",
];

/// Adjusts an attribute name of a foreign element: SVG capitals, MathML's `definitionURL`,
/// and the `xlink:`, `xml:` and `xmlns` attributes, which get their namespaces.
fn adjust_foreign_attribute(name: &mut QualName, ns: Ns) {
    let local: &str = &name.local;
    let camel = match ns {
        Ns::Svg => SVG_ATTRIBUTE_NAMES
            .iter()
            .find(|n| n.eq_ignore_ascii_case(local))
            .copied(),
        Ns::MathMl => (local == "definitionurl").then_some("definitionURL"),
        Ns::Html => None,
    };
    if let Some(camel) = camel {
        *name = QualName::new(None, ns!(), LocalName::from(camel));
        return;
    }
    let (prefix, namespace, local) = match local {
        "xlink:actuate" => ("xlink", ns!(xlink), "actuate"),
        "xlink:arcrole" => ("xlink", ns!(xlink), "arcrole"),
        "xlink:href" => ("xlink", ns!(xlink), "href"),
        "xlink:role" => ("xlink", ns!(xlink), "role"),
        "xlink:show" => ("xlink", ns!(xlink), "show"),
        "xlink:title" => ("xlink", ns!(xlink), "title"),
        "xlink:type" => ("xlink", ns!(xlink), "type"),
        "xml:lang" => ("xml", ns!(xml), "lang"),
        "xml:space" => ("xml", ns!(xml), "space"),
        // html5ever gives `xmlns` the empty prefix (not none).
        "xmlns" => ("", ns!(xmlns), "xmlns"),
        "xmlns:xlink" => ("xmlns", ns!(xmlns), "xlink"),
        _ => return,
    };
    *name = QualName::new(
        Some(html5ever::Prefix::from(prefix)),
        namespace,
        LocalName::from(local),
    );
}

/// Whether `b[at..]` starts with `script` (any case) followed by a space, `/` or `>`; the index
/// of that delimiter when it does.
fn script_name_at(b: &[u8], at: usize) -> Option<usize> {
    let end = at + 6;
    let name = b.get(at..end)?;
    let delim = *b.get(end)?;
    (name.eq_ignore_ascii_case(b"script") && (is_ws(delim) || delim == b'/' || delim == b'>'))
        .then_some(end)
}

/// The index of the `</script` that ends script data starting at `from`, following the
/// tokenizer's script data states, escaped (`<!--`) and double-escaped (`<script>` inside
/// them) ones included; `None` when the script runs to the end of the input.
fn script_end(b: &[u8], from: usize) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum S {
        Data,
        Escaped,
        EscapedDash,
        EscapedDashDash,
        Double,
        DoubleDash,
        DoubleDashDash,
    }
    /// Reads the ASCII letters at `i`: their end, and whether they spell `script` followed by
    /// a space, `/` or `>`.
    fn letters(b: &[u8], i: usize) -> (usize, bool) {
        let mut j = i;
        while j < b.len() && b[j].is_ascii_alphabetic() {
            j += 1;
        }
        (j, j == i + 6 && script_name_at(b, i).is_some())
    }
    let mut state = S::Data;
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        state = match (state, c) {
            (S::Data, b'<') => match b.get(i + 1) {
                Some(b'/') if script_name_at(b, i + 2).is_some() => return Some(i),
                Some(b'!') if b.get(i + 2) == Some(&b'-') && b.get(i + 3) == Some(&b'-') => {
                    i += 3;
                    S::EscapedDashDash
                }
                _ => S::Data,
            },
            (S::Data, _) => S::Data,
            (S::Escaped | S::EscapedDash | S::EscapedDashDash, b'<') => match b.get(i + 1) {
                Some(b'/') => {
                    if script_name_at(b, i + 2).is_some() {
                        return Some(i);
                    }
                    i += 1; // the `/` is text
                    S::Escaped
                }
                Some(a) if a.is_ascii_alphabetic() => {
                    let (j, script) = letters(b, i + 1);
                    // The delimiter after `<script` is consumed with it.
                    i = if script { j } else { j - 1 };
                    if script { S::Double } else { S::Escaped }
                }
                _ => S::Escaped,
            },
            (S::Escaped, b'-') => S::EscapedDash,
            (S::EscapedDash | S::EscapedDashDash, b'-') => S::EscapedDashDash,
            (S::EscapedDashDash, b'>') => S::Data,
            (S::Escaped | S::EscapedDash | S::EscapedDashDash, _) => S::Escaped,
            (S::Double | S::DoubleDash | S::DoubleDashDash, b'<') => {
                if b.get(i + 1) == Some(&b'/') {
                    let (j, script) = letters(b, i + 2);
                    i = if script { j } else { j - 1 };
                    if script { S::Escaped } else { S::Double }
                } else {
                    S::Double
                }
            }
            (S::Double, b'-') => S::DoubleDash,
            (S::DoubleDash | S::DoubleDashDash, b'-') => S::DoubleDashDash,
            (S::DoubleDashDash, b'>') => S::Data,
            (S::Double | S::DoubleDash | S::DoubleDashDash, _) => S::Double,
        };
        i += 1;
    }
    None
}

/// Calls `f` with the text of a run of character tokens `raw` unless it is empty: its character
/// references decoded when `refs`, and, when `ignore_lf` (just after `<pre>`, `<listing>` or
/// `<textarea>`), without a leading LF.
#[inline]
fn with_run_text(raw: &str, refs: bool, ignore_lf: bool, f: impl FnOnce(&str) -> R<()>) -> R<()> {
    let stripped = if ignore_lf {
        raw.strip_prefix('\n')
    } else {
        None
    };
    let rest = stripped.unwrap_or(raw);
    let decoded;
    let text = if refs && memchr::memchr(b'&', rest.as_bytes()).is_some() {
        decoded = decode(rest, false);
        if ignore_lf && stripped.is_none() && decoded.starts_with('\n') {
            // A character reference for LF: whether html5ever drops it depends on the parse
            // errors it reports first.
            return give_up("character reference for LF after <pre> or <textarea>");
        }
        &decoded
    } else {
        rest
    };
    if text.is_empty() {
        return Ok(());
    }
    f(text)
}

/// Decodes the character references in `s` (text, or an attribute value when `in_attr`), as the
/// tokenizer does.
fn decode(s: &str, in_attr: bool) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(o) = memchr::memchr(b'&', &b[at..]) {
        let amp = at + o;
        out.push_str(&s[copied..amp]);
        let (chars, next) = char_ref(b, amp + 1, in_attr);
        match chars {
            Some((c1, c2)) => {
                out.push(c1);
                if let Some(c2) = c2 {
                    out.push(c2);
                }
                copied = next;
            }
            None => {
                out.push('&');
                copied = amp + 1;
            }
        }
        at = copied;
    }
    out.push_str(&s[copied..]);
    out
}

/// The character reference whose text starts at `i` (just past `&`): its characters and the
/// index after it, or `None` when the `&` is literal.
fn char_ref(b: &[u8], i: usize, in_attr: bool) -> (Option<(char, Option<char>)>, usize) {
    match b.get(i) {
        Some(b'#') => {
            let mut j = i + 1;
            let hex = matches!(b.get(j), Some(b'x' | b'X'));
            if hex {
                j += 1;
            }
            let digits_from = j;
            let mut value: u64 = 0;
            while let Some(&c) = b.get(j) {
                let d = if hex {
                    (c as char).to_digit(16)
                } else {
                    (c as char).to_digit(10)
                };
                let Some(d) = d else { break };
                value = value
                    .saturating_mul(if hex { 16 } else { 10 })
                    .saturating_add(u64::from(d));
                j += 1;
            }
            if j == digits_from {
                return (None, i);
            }
            if b.get(j) == Some(&b';') {
                j += 1;
            }
            (Some((numeric_char(value), None)), j)
        }
        Some(c) if c.is_ascii_alphanumeric() => {
            // The longest name that the table knows, extending while the text read so far is a
            // prefix of some entity name.
            let mut best: Option<(usize, (u32, u32))> = None;
            let mut k = i;
            let mut consumed_end = i;
            while k < b.len() {
                k += 1;
                consumed_end = k;
                let Ok(name) = std::str::from_utf8(&b[i..k]) else {
                    break;
                };
                match html5ever::data::NAMED_ENTITIES.get(name) {
                    Some(&m) => {
                        if m.0 != 0 {
                            best = Some((k, m));
                        }
                    }
                    None => break,
                }
            }
            let Some((end, (c1, c2))) = best else {
                return (None, i);
            };
            let next_after = if end < consumed_end { b.get(end) } else { None };
            if in_attr
                && b[end - 1] != b';'
                && next_after.is_some_and(|&c| c == b'=' || c.is_ascii_alphanumeric())
            {
                return (None, i);
            }
            let c1 = char::from_u32(c1).unwrap_or('\u{FFFD}');
            let c2 = if c2 == 0 { None } else { char::from_u32(c2) };
            (Some((c1, c2)), end)
        }
        _ => (None, i),
    }
}

fn numeric_char(n: u64) -> char {
    match n {
        0 => '\u{FFFD}',
        0x80..=0x9F => html5ever::data::C1_REPLACEMENTS[(n - 0x80) as usize]
            .unwrap_or_else(|| char::from_u32(n as u32).unwrap_or('\u{FFFD}')),
        _ => u32::try_from(n)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{FFFD}'),
    }
}

/// The name, public id and system id of a DOCTYPE of the usual shapes (`html`, optionally with
/// `PUBLIC "…" ["…"]` or `SYSTEM "…"`); `None` for anything else.
fn parse_doctype(content: &str) -> Option<(String, Option<&str>, Option<&str>)> {
    if !content.starts_with(|c: char| c.is_ascii() && is_ws(c as u8)) {
        return None;
    }
    let rest = trim(content);
    let name_len = rest.bytes().position(is_ws).unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let name = rest[..name_len].to_ascii_lowercase();
    let rest = trim(&rest[name_len..]);
    if rest.is_empty() {
        return Some((name, None, None));
    }
    let keyword = rest.get(..6)?;
    let public = keyword.eq_ignore_ascii_case("public");
    if !public && !keyword.eq_ignore_ascii_case("system") {
        return None;
    }
    let after = &rest[6..];
    if !after.starts_with(|c: char| c.is_ascii() && is_ws(c as u8)) {
        return None;
    }
    let (first, rest) = quoted_id(trim(after))?;
    let rest = trim(rest);
    if !public {
        return rest.is_empty().then_some((name, None, Some(first)));
    }
    if rest.is_empty() {
        return Some((name, Some(first), None));
    }
    let (second, rest) = quoted_id(rest)?;
    trim(rest)
        .is_empty()
        .then_some((name, Some(first), Some(second)))
}

fn trim(s: &str) -> &str {
    &s[ws_prefix(s)..]
}

/// A quoted DOCTYPE identifier at the start of `s`, and what follows it.
fn quoted_id(s: &str) -> Option<(&str, &str)> {
    let q = s.chars().next().filter(|&c| c == '"' || c == '\'')?;
    let end = s[1..].find(q)? + 1;
    Some((&s[1..end], &s[end + 1..]))
}

/// The quirks mode of a DOCTYPE, for the DOCTYPEs whose mode is known without the full table of
/// legacy public identifiers; gives up on the others.
fn doctype_quirks(name: &str, public: Option<&str>, system: Option<&str>) -> R<QuirksMode> {
    if name != "html" {
        return give_up("unusual DOCTYPE");
    }
    if system.is_some_and(|s| {
        s.eq_ignore_ascii_case("http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd")
    }) {
        return give_up("unusual DOCTYPE");
    }
    let Some(public) = public else {
        return Ok(QuirksMode::NoQuirks);
    };
    let p = public.to_ascii_lowercase();
    if p.starts_with("-//w3c//dtd xhtml 1.0 transitional//")
        || p.starts_with("-//w3c//dtd xhtml 1.0 frameset//")
    {
        return Ok(QuirksMode::LimitedQuirks);
    }
    if p.starts_with("-//w3c//dtd html 4.01 transitional//")
        || p.starts_with("-//w3c//dtd html 4.01 frameset//")
    {
        return Ok(if system.is_some() {
            QuirksMode::LimitedQuirks
        } else {
            QuirksMode::Quirks
        });
    }
    // The W3C identifiers that the list of legacy ones (quirks mode) does not hold.
    let legacy = [
        "-//w3c//dtd html 3",
        "-//w3c//dtd html 4.0 frameset//",
        "-//w3c//dtd html 4.0 transitional//",
        "-//w3c//dtd html experimental",
        "-//w3c//dtd w3 html//",
    ];
    if p.starts_with("-//w3c//dtd ") && !legacy.iter().any(|l| p.starts_with(l)) {
        return Ok(QuirksMode::NoQuirks);
    }
    give_up("unusual DOCTYPE")
}

/// The first difference between two trees (node kinds, element names and namespaces,
/// attributes in order, text, comments, DOCTYPEs, quirks mode), described with the path to it;
/// `None` when they are identical.
pub fn first_difference(a: &Html, b: &Html) -> Option<String> {
    use ego_tree::iter::Edge;
    use scraper::Node;
    if a.quirks_mode != b.quirks_mode {
        return Some(format!(
            "quirks mode: {:?} vs {:?}",
            a.quirks_mode, b.quirks_mode
        ));
    }
    let mut path: Vec<String> = Vec::new();
    let mut ea = a.tree.root().traverse();
    let mut eb = b.tree.root().traverse();
    loop {
        let (x, y) = (ea.next(), eb.next());
        let (x, y) = match (x, y) {
            (None, None) => return None,
            (Some(x), Some(y)) => (x, y),
            (x, y) => {
                return Some(format!(
                    "at /{}: one tree ends early ({:?} vs {:?})",
                    path.join("/"),
                    x.is_some(),
                    y.is_some()
                ));
            }
        };
        match (x, y) {
            (Edge::Open(p), Edge::Open(q)) => {
                let same = match (p.value(), q.value()) {
                    (Node::Document, Node::Document) | (Node::Fragment, Node::Fragment) => true,
                    (Node::Doctype(d), Node::Doctype(e)) => {
                        d.name() == e.name()
                            && d.public_id() == e.public_id()
                            && d.system_id() == e.system_id()
                    }
                    (Node::Comment(c), Node::Comment(d)) => **c == **d,
                    (Node::Text(t), Node::Text(u)) => **t == **u,
                    (Node::Element(e), Node::Element(f)) => {
                        e.name == f.name
                            && e.attrs.len() == f.attrs.len()
                            && e.attrs
                                .iter()
                                .zip(f.attrs.iter())
                                .all(|(x, y)| x.0 == y.0 && *x.1 == *y.1)
                    }
                    (Node::ProcessingInstruction(i), Node::ProcessingInstruction(j)) => {
                        *i.target == *j.target && *i.data == *j.data
                    }
                    _ => false,
                };
                if !same {
                    return Some(format!(
                        "at /{}: {:?} vs {:?}",
                        path.join("/"),
                        p.value(),
                        q.value()
                    ));
                }
                path.push(match p.value() {
                    Node::Element(e) => e.name.local.to_string(),
                    Node::Text(_) => "#text".to_string(),
                    Node::Comment(_) => "#comment".to_string(),
                    _ => "#node".to_string(),
                });
            }
            (Edge::Close(_), Edge::Close(_)) => {
                path.pop();
            }
            (x, y) => {
                let show = |e: &Edge<'_, Node>| match e {
                    Edge::Open(n) => format!("node {:?}", n.value()),
                    Edge::Close(_) => "end of children".to_string(),
                };
                return Some(format!(
                    "at /{}: {} vs {}",
                    path.join("/"),
                    show(&x),
                    show(&y)
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `html` both ways and checks that the fast builder answers with html5ever's tree.
    fn same(html: &str) {
        let fast = match try_parse(html) {
            Ok(t) => t,
            Err(e) => panic!("fast builder gave up ({e}) on {html:?}"),
        };
        let slow = parse_html5ever(html);
        if let Some(d) = first_difference(&fast, &slow) {
            panic!(
                "trees differ on {html:?}: {d}\nfast: {}\nslow: {}",
                fast.html(),
                slow.html()
            );
        }
    }

    /// Checks that the fast builder gives up on `html` (and that html5ever still parses it).
    fn gives_up(html: &str) {
        if let Ok(t) = try_parse(html) {
            panic!("fast builder answered on {html:?}: {}", t.html());
        }
        let _ = parse_html5ever(html);
    }

    /// Checks that the fast builder, when it answers, answers with html5ever's tree.
    fn never_wrong(html: &str) {
        if let Ok(fast) = try_parse(html) {
            let slow = parse_html5ever(html);
            if let Some(d) = first_difference(&fast, &slow) {
                panic!("trees differ on {html:?}: {d}");
            }
        }
    }

    #[test]
    fn implied_html_head_body() {
        same("");
        same("   ");
        same("hello");
        same("<p>One<p>Two");
        same("<title>T</title><p>x");
        same("<html><head><title>T</title></head><body><p>x</p></body></html>");
        same(
            "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>T</title></head>\n<body class=a>\n<p>x</p>\n</body>\n</html>\n",
        );
        same("<head></head><body></body>");
        same("<html> <head> <meta name=a> </head> <body> x </body> </html>");
        same("<meta name=a><link rel=canonical href=/x><div>x</div>");
    }

    #[test]
    fn doctypes_and_quirks() {
        same("<!DOCTYPE html><p>x");
        same("<!doctype HTML><p>x");
        same(
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>x<table><tr><td>y</table>",
        );
        same(
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p>x<table><tr><td>y</table>",
        );
        same(
            "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN' 'http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd'><p>x",
        );
        same("<!DOCTYPE html SYSTEM \"about:legacy-compat\"><p>x");
        same(
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML+RDFa 1.0//EN\" \"http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd\"><p>x<table>",
        );
        same(
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\"><p>x<table>",
        );
        same("<!DOCTYPE html SYSTEM \"http://example.com/x.dtd\"><p>x<table>");
        same(
            "<!DOCTYPE html\n  PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\r\n\t\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><p>x<table>",
        );
        // Quirks mode (no DOCTYPE): a table does not close an open paragraph.
        same("<p>x<table><tr><td>y</td></tr></table>");
        same("<!DOCTYPE html><p>x<table><tr><td>y</td></tr></table>");
        gives_up("<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\"><p>x");
        gives_up("<!DOCTYPE svg><p>x");
        same("<p>x<!DOCTYPE html>y");
    }

    #[test]
    fn comments_everywhere() {
        same(
            "<!-- before --><html><!-- in html --><head><!-- in head --></head><body><!--in body--></body><!-- after body --></html><!-- after html -->",
        );
        same("<p><!--></p>");
        same("<p><!---></p>");
        same("<p><!----></p>");
        same("<p><!-- a --->b");
        same("<p><!-- a --!>b");
        same("<p><!-- a <!-- b -->c");
        same("<p><?php echo 1 ?>x");
        same("<p></ 1>x");
        same("<p><!x>y<![CDATA[z]]>w");
        same("<p>a</>b");
        same("<p>a <b and c</p>");
        same("<p>a < b</p>");
        same("<p>x</");
        same("<p>x<");
        same("<p>x<!");
    }

    #[test]
    fn content_after_body_and_html() {
        same("<body><p>x</p></body><p>after body</p>");
        same("<body><p>x</p></body></html><p>after html</p>");
        same("<body><p>x</p></body>\n</html>\n\n");
        same("<body><p>x</p></body> <!--c--> </html> <!--d--> ");
        same("<html><body></body></html><html class=x><body id=y>");
        same("<body a=1><p>x<body a=2 b=3>");
        same("<html a=1><p>x<html a=2 b=3>");
    }

    #[test]
    fn attributes() {
        same("<div id=a class='b c' data-x=\"1\" hidden>x</div>");
        same("<div ID=A Class=B>x</div>");
        same("<div a=1 a=2 A=3>x</div>");
        same("<div a = 1 b= '2' c =\"3\">x</div>");
        same("<div a=\"x\"b='y'c=z>x</div>");
        same("<div =a>x</div>");
        same("<div a=>x</div>");
        same("<div a/b>x</div>");
        same("<br/><br /><img src=x/><div/>x");
        same("<div title=\"a>b\">x</div>");
        same("<div a=\"&amp;&lt;&notit;&noti=&not=x&not;\">x</div>");
        same("<a href=\"?a=1&b=2&copy=3&copy;&amp\">x</a>");
        same("<div a=\"&#39;&#x27;&#X27&#0;&#128;&#xD800;&#x110000;&#99999999999999;\">x</div>");
        same("<div a='x&amp'>y</div>");
        same("<DIV><P>Upper</P></DIV>");
        same("<div \"a\"=b '<'=c>x</div>");
    }

    #[test]
    fn character_references() {
        same(
            "<p>&amp; &lt;&gt; &quot; &nbsp;&copy &notit; &notin; &NotEqualTilde; &xyz; &#65;&#x42;&#X43 &#; &#x; &# &</p>",
        );
        same(
            "<p>&#0;&#128;&#150;&#x9F;&#xD800;&#x10FFFF;&#x110000;&#1114112;&#99999999999999999999;</p>",
        );
        same("<p>&#1;&#11;&#127;&#xFDD0;&#xFFFE;</p>");
        same("<p>&amp</p>");
        same("<p>&</p>");
        same("<p>a&b&c;d</p>");
        same("<p>&ampx &ltx &AMP; &Amp;</p>");
        same("<title>&amp; &lt;b&gt;</title><p>x");
        same("<p>&nbsp");
        same("<p>&#x41");
        same("<p>&a");
    }

    #[test]
    fn newlines_and_whitespace() {
        same("<p>a\r\nb\rc\n\rd</p>");
        same("<div title=\"a\r\nb\">x</div>\r\n");
        same("<pre>\nfirst line</pre>");
        same("<pre>\n\nsecond</pre>");
        same("<pre>\r\nx</pre>");
        same("<pre></pre>\nx");
        same("<pre><b>x</b></pre>");
        same("<listing>\nx</listing>");
        same("<textarea>\nx</textarea>");
        same("<textarea>\n\nx &amp; <b>y</b></textarea>");
        same("\n\n<!DOCTYPE html>\n<html>\n<head>\n</head>\n<body>\n</body>\n</html>\n");
        // The LF after `<pre>` is dropped before references are decoded; one from a reference
        // right after it is kept.
        same("<pre>\n&#10;x</pre>");
        same("<pre>\n&amp;</pre>");
        same("<textarea>\n&#10;x</textarea>");
        same("<pre>\n</pre>");
        gives_up("<pre>&#10;x</pre>");
        gives_up("<textarea>&#x0A;x</textarea>");
        gives_up("<p>a\0b</p>");
    }

    #[test]
    fn raw_text_elements() {
        same("<script type=application/ld+json>{\"a\": \"<b>x</b>\"}</script><p>x");
        same("<p>x<script>if (a < b && c) {}</script>y");
        same("<style>p > a { }</style><p>x");
        same("<title>a <b> &amp; </title><p>x");
        same("<xmp><b>x</b></xmp>");
        same("<p>a<xmp>b</xmp>");
        same("<iframe><p>x</p></iframe>y");
        same("<noembed><p>x</noembed>y");
        same("<noframes><p>x</noframes>y");
        same("<noscript><p>x</p></noscript>y");
        same("<head><noscript><link rel=x></noscript></head><p>y");
        same("<title>x</title ><title>y</TITLE foo=bar>z");
        same("<script>a</scripts></script>b");
        same("<title>unclosed");
        same("<style>unclosed </style");
        same("<p>x</p><script>");
        same("<textarea>x</textarea>y");
        same("<script><!-- a --></script>b");
        same("<script><!--</script>b");
        same("<script><!-- <script>x</script> y --></script>b");
        same("<script><!-- <script>x</script> y </script>b");
        same("<script><!--<script></script></script>z</script>b");
        same("<script><!-- --><script></script>b");
        same("<script>a<!--b--->c</script>d");
        same("<script><!--<scripts></script>b");
        same("<script><!-- </scripts> </SCRIPT >b");
        same("<script><!-- <script>-<</-/script>x</script>y");
        same("<script><!-- <script>--></script>x");
        same("<script><!-- <script/-></script>x");
        same("<script><!--->x</script>y");
        same("<script><!-- a");
        gives_up("<plaintext>x");
    }

    #[test]
    fn implied_end_tags() {
        same("<p>a<div>b</div><p>c<h1>d</h1><p>e<ul><li>f<li>g</ul><p>h<hr><p>i");
        same("<ul><li>a<li>b<ul><li>c<li>d</ul><li>e</ul>");
        same("<li>a<div><li>b</div>");
        same("<dl><dt>a<dd>b<dt>c<dd>d</dl>");
        same("<h1>a<h2>b</h2></h1>x");
        same("<h1>a</h2>b");
        same("<div><p>a</div>b");
        same("<select><option>a<option>b<optgroup><option>c</optgroup></select>");
        same("<option>a<option>b");
        same("<ruby>a<rb>b<rt>c<rp>d<rtc>e<rt>f</ruby>");
        same("<p>a<pre>b</pre>c");
        same("<div><span>a</div>b");
        same("<span>a</span></span>b");
        same("<div>a</div></div>b");
        same("<p>a</li></dd></h3>b");
        same("<p>x</p></p>");
        same("</p>");
        same("<div>a</p>b</div>");
        same("<form><input type=text><button>go</button></form>");
        same("<form><form>x</form>y</form>z");
        same("<div><form><div>x</form>y</div>z");
        same("<button>a<button>b</button>");
        same("<p><image src=x alt=y>");
        same("<p><form>x</form>y");
        same("<object><p>a</object>b");
        same("<p>x</br>y");
        same("<p>a<address>b</address>");
        same("<div><li>a</li></div>");
    }

    #[test]
    fn formatting_elements_in_order() {
        same("<p><b>bold</b> <i>it <em>em</em></i> <a href=x>link</a> <strong>s</strong></p>");
        same("<div><a href=x><div>block in link</div></a></div>");
        same("<b><div>x</div></b>");
        same("<p><font color=red>x</font>y</p>");
        same("<b>a</b></b>c");
        same("<p><b>a<span>b</b>c");
        same("<td><b>x</td>");
        same("<table><tr><td><b>x</td><td>y</td></tr></table>");
        // Noah's Ark clause.
        same("<p><b>1<b>2<b>3<b>4<b>5</p>x");
        same("<p><b>1<b class=a>2<b>3<b>4<b class=a>5</p>x");
        same("<p><b a=1 b=2>1<b b=2 a=1>2<b a=1 b=2>3<b b=2 a=1>4</p>x");
        same("<div><b>1<b>2<b>3<b>4</div>x</b>y</b>z");
        same("<p><b><i>x</p>y</b>z");
    }

    #[test]
    fn formatting_elements_reconstructed() {
        same("<a><a>x</a></a>");
        same("<p><a href=1>one<a href=2>two</a> three");
        same("<b><i>x</b>y</i>z");
        same("<div><b class=k>x</div>y<p>z");
        same("<p><b>x<p>y</b>z");
        same("<p><em>x</p>y<br>z");
        same("<ul><li><strong>a<li>b</ul>c");
        same("<p><b>x<span>y</b>z</span>w");
        same("<td><b>x</td>y");
        same("<table><tr><td><i>x</td><td>y</table>z");
        same("<object><b>x</object>y");
        same("<b>x</p>y");
        same("<u>a</div>b");
        same("<p><font size=2>a<p>b<p>c");
        same("<b>1<b>2<b>3</b></b></b><p>x");
    }

    #[test]
    fn adoption_agency() {
        same("<b><p>x</b>y</p>");
        same("<a href=1><div><a href=2>x</a></div>");
        same("<p><a href=x>one<div>two</a>three</div>four");
        same("<b class=x><i><p>1</b>2</i>3");
        same("<a><b><div><i><u><span><p>deep</a>after");
        same("<b>1<i>2<div>3<u>4<p>5</b>6</i>7</u>8");
        same("<table><tr><td><b>1<div>2</b>3</td></tr></table>");
        same("<div><font color=red><p>x</font>y</div>z");
        same("<b><div><div><div><div><div><div><div><div><div>x</b>");
        same("<b><em><i><u><s><div>x</b>y");
    }

    #[test]
    fn tables() {
        same("<table><tr><td>a<td>b<tr><td>c</table>");
        same("<table><tbody><tr><td>a</td></tr></tbody></table>");
        same(
            "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>a</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>",
        );
        same("<table>\n <tr>\n  <td>a</td>\n </tr>\n</table>");
        same("<table><td>a</table>");
        same("<table><tr><td><table><tr><td>inner</table></td></tr></table>");
        same("<table><tr><td>a</tr></table>");
        same("<table><tr><td>a</tbody></table>");
        same("<table><tr><td><p>a</table>b");
        same("<table><!--c--><tr><!--d--><td>x</table>");
        same("<table><script>x</script><style>y</style><tr><td>a</table>");
        same("<table><input type=hidden><tr><td>a</table>");
        same("<table><tr><td>a</td></tr></table></td></tr>x");
        same("<table><tbody><tr></tr></tbody><tbody></tbody></table>");
        same("<table><tr><td>a<tbody><tr><td>b</table>");
        same("<table><thead><tr><td>a</thead><tr><td>b</table>");
        gives_up("<table>a</>b<tr>");
        gives_up("<table>a<!DOCTYPE html> <tr>");
        same("<pre></>\nx</pre>");
        same("<pre><!DOCTYPE html>\nx</pre>");
    }

    #[test]
    fn foster_parenting() {
        same("<table>x<tr>");
        same("<div><table>x<tr><td>y</table></div>");
        same("<table><div>x</div></table>");
        same("<table><tr><div>x</div></tr></table>");
        same("<table><tr><td>a</td>b<td>c</table>");
        same("<table><b>x<tr><td>y</td></tr></table>z");
        same("<p><b>1<table><tr><td>2</td></tr>3</table>4");
        same("<table><tbody>x<tr><td>y</tbody></table>");
        same("<table> <tr> x </tr> </table>");
        same("<table><input type=text><tr><td>a</table>");
        same("<table><form><tr><td>a</form></table>");
        same("<table></p>x</table>");
        same("<table><span>a</span></table>");
        same("<table><a href=x>1<tr><td>2</td></tr></a></table>");
        same("<table><table>x</table>");
        same("<table><tr><td><table><table>y</table></td></tr></table>");
        same("<table><textarea>a</textarea><meta name=x><!--c--></table>");
        same("<table><tr><td>1</td></tr></div></span></table>");
        same("<table><caption>c</caption><tr><td>x</table>");
        same("<table><caption><b>c<tr><td>x</table>");
        same("<table><caption>c<td>x</table>");
        same("<table><caption>c</table>y");
        same("<table><colgroup><col span=2><col></colgroup><tr><td>x</table>");
        same("<table><col><col><tr><td>x</table>");
        same("<table><colgroup> <col> </colgroup><tbody><tr><td>x</table>");
        same("<table><colgroup><tr><td>x</table>");
        same("<table><tr><td>a<caption>b</caption></table>");
    }

    #[test]
    fn unsupported_constructs_give_up() {
        gives_up("<svg><foreignObject><p>x</p></foreignObject></svg>");
        gives_up("<svg><title>t</title></svg>");
        gives_up("<math><mi>x</mi></math>");
        gives_up("<svg><![CDATA[x]]></svg>");
        gives_up("<template><p>x</p></template>");
        gives_up("<frameset><frame></frameset>");
        gives_up("<template>x</template>");
        let deep = "<div>".repeat(10_000);
        gives_up(&deep);
    }

    #[test]
    fn odd_input_never_differs() {
        for html in [
            "<",
            "</",
            "<a",
            "<a b",
            "<a b=",
            "<a b=\"",
            "<a b='x'",
            "<!DOCTYPE",
            "<!DOCTYPE html",
            "<!--",
            "<!-- x",
            "<!-- x -",
            "<?",
            "\u{FEFF}<p>bom",
            "<p>é<É>ü</É></p>",
            "<p>&é;</p>",
            "<div a=&amp;b>x</div>",
            "<table></table></table><p>x",
            "<html><frameset>",
            "</html>x",
            "</body>x",
            "</head><p>x",
            "<head><p>x</head>",
            "<body><head>x",
            "<b><b><b><b>x</b></b></b></b>",
        ] {
            never_wrong(html);
        }
    }

    #[test]
    fn foreign_content() {
        same(
            "<p>a<svg viewBox=\"0 0 10 10\" preserveAspectRatio=none><clipPath id=c><rect/></clipPath><path d=M0/></svg>b",
        );
        same("<svg><CLIPPATH><LinearGradient gradientunits=x/></CLIPPATH></svg>");
        same(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><use xlink:href=#a xml:lang=en xml:space=preserve /></svg>",
        );
        same("<svg/><p>after");
        same("<svg><g><text>x &amp; y</text></g></svg>z");
        same("<svg><g></svg>z");
        same("<svg><g></G></svg>z");
        same("<div><svg><g></div>z");
        same("<svg><p>breaks out</p></svg>");
        same("<svg><g><div>x</div></g></svg>");
        same("<svg><font>x</font><font color=red>y</font></svg>");
        same("<svg></p>x</svg>");
        same("<svg></br>x</svg>");
        same("<math definitionurl=x><mrow><mfrac/></mrow></math>");
        same("<svg><math><mrow></mrow></math></svg>");
        same("<table><svg><g/></svg><tr><td>x</table>");
        same("<svg><style>a<b</style><script>x<y</script></svg>");
        same("<svg><!-- c --><g/></svg>");
        same("<b><svg><g></b>x");
        same("<svg><g></svg></body>x<!--c-->");
        same("<svg><a><g></a></svg>");
        same("<svg><g></body><!--c-->x</svg>y");
        same("<svg><g></html> <!--c--> x");
        same("<svg><image href=x><g/></svg>");
        same("<p><svg><desc2/></svg><math><mi2/></math>");
        same("<div><svg><a></div>");
        same("<ul><li><svg><select><g></li>x");
        same("<table><tr><td><svg><td>x</td></svg>y</table>");
        same("<b><svg><b2><i></b>x");
        same("<p><svg><p2></p>x");
        same("<form><svg><form></form>x");
    }

    /// A deterministic smoke version of the fuzz target: random sequences of markup pieces.
    #[test]
    fn random_markup_never_differs() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<a href=x>",
            "</a>",
            "<div>",
            "</div>",
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<tbody>",
            "<caption>",
            "<col>",
            "<li>",
            "</li>",
            "<ul>",
            "</ul>",
            "<h1>",
            "</h2>",
            "<pre>",
            "\n",
            " ",
            "x",
            "&amp;",
            "&nbsp",
            "<br>",
            "</br>",
            "<span>",
            "</span>",
            "<select>",
            "<option>",
            "<form>",
            "</form>",
            "<svg>",
            "</svg>",
            "<g>",
            "<math>",
            "<!--c-->",
            "<title>t</title>",
            "<script>s</script>",
            "<textarea>",
            "</textarea>",
            "<html a=1>",
            "<body b=2>",
            "</body>",
            "</html>",
            "<head>",
            "<font color=red>",
            "<nobr>",
            "<button>",
            "<dd>",
            "<dt>",
            "<object>",
            "</object>",
            "<hr>",
            "<img>",
            "<input type=hidden>",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..1500 {
            let len = 5 + next() % 40;
            let doc: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            never_wrong(&doc);
        }
    }

    #[test]
    fn checker_reports_differences() {
        let a = parse_html5ever("<p class=a>x</p>");
        let b = parse_html5ever("<p class=b>x</p>");
        let d = first_difference(&a, &b).unwrap_or_default();
        assert!(d.contains("html/body"), "{d}");
        let c = parse_html5ever("<p>x</p><p>y</p>");
        assert!(first_difference(&a, &c).is_some());
        assert!(first_difference(&a, &parse_html5ever("<p class=a>x</p>")).is_none());
        let q = parse_html5ever("<!DOCTYPE html><p class=a>x</p>");
        assert!(first_difference(&a, &q).is_some_and(|d| d.contains("quirks")));
    }

    /// Runs every page of the directories in `PARALLAX_PAGES` (separated by `:`; `.html` or
    /// `.html.gz` files) through both builders, after the decoding and stripping the extractor
    /// applies, and reports the share of pages on the fast path and why the others are not.
    /// Fails when a fast-path tree differs from html5ever's.
    #[test]
    #[ignore = "needs PARALLAX_PAGES (directories of real pages)"]
    fn real_pages() {
        use std::collections::HashMap;
        use std::io::Read;
        let Some(dirs) = std::env::var_os("PARALLAX_PAGES") else {
            return;
        };
        let mut pages = 0usize;
        let mut fast = 0usize;
        let mut reasons: HashMap<&'static str, usize> = HashMap::new();
        let mut wrong = Vec::new();
        for dir in std::env::split_paths(&dirs) {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                panic!("cannot read {}", dir.display());
            };
            let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            paths.sort();
            for path in paths {
                let name = path.to_string_lossy().to_string();
                let Ok(raw) = std::fs::read(&path) else {
                    continue;
                };
                let bytes = if name.ends_with(".gz") {
                    let mut out = Vec::new();
                    if flate2::read::MultiGzDecoder::new(&raw[..])
                        .read_to_end(&mut out)
                        .is_err()
                    {
                        continue;
                    }
                    out
                } else {
                    raw
                };
                let (text, _, _) = crate::charset::decode_borrowed(&bytes, None);
                for stripped in [
                    crate::html::strip_heavy(&text),
                    crate::html::strip_heavy_keeping_noscript(&text),
                ] {
                    pages += 1;
                    match try_parse(&stripped) {
                        Ok(tree) => {
                            fast += 1;
                            if let Some(d) = first_difference(&tree, &parse_html5ever(&stripped)) {
                                wrong.push(format!("{name}: {d}"));
                            }
                        }
                        Err(e) => *reasons.entry(e.0).or_default() += 1,
                    }
                }
            }
        }
        let mut reasons: Vec<_> = reasons.into_iter().collect();
        reasons.sort_by_key(|r| std::cmp::Reverse(r.1));
        eprintln!(
            "documents: {pages}, fast path: {fast} ({:.1}%), differing trees: {}",
            100.0 * fast as f64 / pages.max(1) as f64,
            wrong.len()
        );
        for (r, n) in reasons {
            eprintln!("{n:6}  {r}");
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
