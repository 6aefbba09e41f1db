//! Page metadata: title, authors, dates, site name, canonical URL, language, description, image.
//!
//! Evidence is gathered in one walk over the parsed page and then weighed, strongest first:
//!
//! 1. **JSON-LD** (`<script type="application/ld+json">`, including `@graph` arrays, nested
//!    `mainEntity` objects and `@id` references, also bare-string ones): `headline`, `author`,
//!    `datePublished`, `dateModified`, `publisher`, `image`, `inLanguage`. Broken JSON-LD
//!    (trailing commas, control characters, HTML comment wrappers) is retried leniently.
//! 2. **`<meta>` tags**: Open Graph, Twitter cards, Dublin Core, Parse.ly, Sailthru, Highwire
//!    (`citation_*`), `itemprop` microdata; `<link rel=canonical>`, `<html lang>`. A bare
//!    `date`/`DC.date` tag is weak: content management systems fill it with any date.
//! 3. **Visible markup**: `<time datetime>`, `itemprop` elements, elements whose class or id
//!    names a date, a byline or an author (`post-date`, `byline`, `autor`...), and lines that
//!    read like a byline ("Von ...", "Ein Artikel von ...", "Autorin: ..."), read with
//!    [`parse_date_text`](crate::date::parse_date_text) and [`clean_authors`].
//! 4. **The URL** (`/2024/04/21/`), then the first date in the visible text around the headline.
//!
//! Site chrome is recognised by tag (`nav`, and `aside`/`footer` outside the article) and by
//! class names (`comments`, `related-posts`, `sidebar`...); nothing is read from it, except that
//! an author box in a sidebar still counts as weak evidence. A wrapper whose class merely sounds
//! like chrome but which holds the headline or the article body is not chrome.
//!
//! Every date is checked: its year must be 1990 or later and it must not be after the crawl time
//! (or after now when the crawl time is unknown). Three corrections follow the choice:
//!
//! * when the date shown under the headline differs from the metadata and the metadata's date
//!   appears nowhere on the page, the shown date wins if it is later and is the modification
//!   date or is backed by date markup (an article updated and republished in place);
//! * a UTC timestamp one day off the date the page shows (in its URL or markup) gives way to
//!   that local calendar date;
//! * a machine date written `05/04/2024` is read the way that agrees with the page's other
//!   dates, else day-first on non-English pages.
//!
//! Authors are cleaned to a list of person names ("By Jane Doe and John Roe, Staff Writers |
//! April 21, 2024" gives `["Jane Doe", "John Roe"]`); organisations given as JSON-LD authors and
//! names equal to the site's are dropped. The title is the page's `<h1>` when the metadata agrees
//! with it (which keeps its typography and leaves out a kicker in a child of its own), else the
//! metadata title that best matches `<title>`, with the site name cut off.

use crate::date::{self, NumericOrder};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use html5ever::{LocalName, local_name};
use regex::Regex;
use scraper::{ElementRef, Node};
use serde_json::Value;
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::sync::LazyLock;

/// Metadata found in a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The headline, without the site name suffix.
    pub title: Option<String>,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Modification date, ISO 8601.
    pub modified: Option<String>,
    /// Outlet or site name.
    pub site: Option<String>,
    /// Canonical URL.
    pub canonical_url: Option<String>,
    /// Language declared by the page (ISO 639-1).
    pub language: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Main image URL.
    pub image: Option<String>,
}

/// Reads the metadata of a parsed page.
///
/// `url`: the page URL if known (used to resolve relative links, to recognise the site name in
/// the title, and as evidence for the date); `fetched`: crawl time — no date after it (or after
/// now when `None`) is returned.
pub fn extract_metadata(
    doc: &scraper::Html,
    url: Option<&str>,
    fetched: Option<DateTime<Utc>>,
) -> Metadata {
    let scan = Scan::run(doc);
    let ld = JsonLd::from_scripts(&scan.ld_scripts);

    let canonical_url = scan
        .canonical
        .as_deref()
        .or_else(|| scan.meta("og:url"))
        .and_then(|href| absolutize(href, url))
        .or_else(|| ld.url.as_deref().and_then(|u| absolutize(u, url)));
    let page_url = url.map(str::to_string).or_else(|| canonical_url.clone());

    let language = ld
        .language
        .as_deref()
        .or(scan.html_lang.as_deref())
        .or_else(|| scan.meta("og:locale"))
        .or_else(|| scan.meta("content-language"))
        .or_else(|| scan.meta("dc.language"))
        .and_then(language_code);

    let site = first_text(&[
        scan.meta("og:site_name"),
        ld.publisher.as_deref(),
        scan.meta("application-name"),
        scan.meta("al:ios:app_name"),
    ]);

    let description = first_text(&[
        scan.meta("og:description"),
        scan.meta("description"),
        scan.meta("twitter:description"),
        ld.description.as_deref(),
        scan.meta("dc.description"),
    ]);

    let image = [
        scan.meta("og:image"),
        scan.meta("og:image:url"),
        scan.meta("og:image:secure_url"),
        scan.meta("twitter:image"),
        scan.meta("twitter:image:src"),
        ld.image.as_deref(),
        scan.image_src.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find_map(|u| absolutize(u.trim(), page_url.as_deref()));

    let domain = page_url.as_deref().and_then(domain_label);
    let title = choose_title(&scan, &ld, site.as_deref(), domain.as_deref());

    let order = if language.as_deref() == Some("en")
        && scan
            .html_lang
            .as_deref()
            .is_none_or(|l| !l.to_ascii_lowercase().contains("gb"))
    {
        NumericOrder::MonthFirst
    } else {
        NumericOrder::DayFirst
    };
    let mut page = DatePage {
        doc,
        scan: &scan,
        ld: &ld,
        title: title.as_deref(),
        url: page_url.as_deref(),
        limit: DateLimit {
            latest: fetched.unwrap_or_else(Utc::now),
            machine_order: NumericOrder::MonthFirst,
        },
        order,
        around: OnceCell::new(),
        markup_days: scan.dates.iter().map(|_| OnceCell::new()).collect(),
        url_day: OnceCell::new(),
    };
    page.limit.machine_order = machine_order(&page, language.as_deref());
    let (published, modified) = choose_dates(&page);

    let authors = choose_authors(&scan, &ld, site.as_deref(), domain.as_deref());

    Metadata {
        title,
        authors,
        published,
        modified,
        site,
        canonical_url,
        language,
        description,
        image,
    }
}

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

/// At most this many candidate elements of each kind are kept.
const MAX_CANDIDATES: usize = 40;
/// At most this many byline-like lines of text are kept.
const MAX_BYLINES: usize = 10;
/// At most this many text nodes are looked at closely as possible bylines.
const MAX_BYLINE_TRIES: usize = 200;
/// Visible texts of candidate elements are cut to this many bytes.
const MAX_CANDIDATE_TEXT: usize = 400;
/// Text kept after the headline for the last-resort date search.
const TEXT_AFTER_TITLE: usize = 3000;
/// Text kept before the headline for the last-resort date search.
const TEXT_BEFORE_TITLE: usize = 600;

/// A date seen in visible markup.
#[derive(Debug)]
struct MarkupDate {
    /// A machine value (`datetime`/`content` attribute) when there is one.
    machine: Option<String>,
    /// The visible text.
    text: String,
    /// How strong the evidence is (lower is stronger).
    rank: u8,
    /// Whether the markup says this is a modification date.
    modified: bool,
}

/// Everything the walk collects.
#[derive(Debug, Default)]
struct Scan {
    /// `<html lang>`.
    html_lang: Option<String>,
    /// The first `<title>` outside inline SVG.
    title: Option<String>,
    /// `(lower-cased name/property/itemprop/http-equiv, content)`, in document order.
    metas: Vec<(String, String)>,
    /// Index in `metas` of the first non-empty value of each key.
    meta_index: HashMap<String, usize>,
    /// `<link rel=canonical href>`.
    canonical: Option<String>,
    /// `<link rel=image_src href>`.
    image_src: Option<String>,
    /// The texts of the JSON-LD scripts.
    ld_scripts: Vec<String>,
    /// Visible `<h1>` elements.
    h1: Vec<Heading>,
    /// `<h1>` elements inside site chrome (breadcrumbs, navigation).
    chrome_h1: Vec<Heading>,
    /// Other headings whose class names a title (`entry-title`, `article-title`).
    title_like: Vec<Heading>,
    /// Dates in visible markup, in document order.
    dates: Vec<MarkupDate>,
    /// Texts of byline/author elements, strongest evidence first after sorting by rank.
    author_texts: Vec<(u8, String)>,
    /// Visible lines that start like a byline ("Von ...", "By ...", "Autor: ...").
    byline_texts: Vec<String>,
    /// Text nodes looked at as possible bylines.
    byline_tries: usize,
    /// Visible `h1`–`h6` headings, for anchoring the last-resort date search at the headline.
    headings: Vec<(ego_tree::NodeId, String)>,
    /// What the page's class/id lists say, for the walks after this one.
    classes: RefCell<ClassCache>,
    /// Scratch space for lower-casing a word.
    word_buf: String,
}

impl Scan {
    /// The first non-empty value of the meta tag named `key` (lower case).
    fn meta(&self, key: &str) -> Option<&str> {
        self.meta_index
            .get(key)
            .and_then(|&i| self.metas.get(i))
            .map(|(_, v)| v.as_str())
    }

    /// All values of the meta tags named `key` (lower case), in document order.
    fn metas_named<'s>(&'s self, key: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.metas
            .iter()
            .filter(move |(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Walks the whole document once.
    fn run(doc: &scraper::Html) -> Scan {
        let mut scan = Scan::default();
        // Nesting counters, maintained on open/close of the matching elements.
        let mut hidden = 0u32; // script, style, noscript, template, svg...
        let mut chrome = 0u32; // nav, comment sections, related-article lists...
        let mut outer = 0u32; // sidebars and footers outside the article
        let mut article = 0u32; // article, main
        let mut class_buf = String::new();
        // The kinds of the open elements, so that closing undoes exactly what opening did.
        let mut open_kinds: Vec<Kind> = Vec::new();
        let mut main = MainHolders::new(doc);
        let mut classes = ClassCache::default();

        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Element(el) => {
                        let name = el.name();
                        // Inside hidden elements and site chrome nothing is read but the head
                        // tags and chrome headlines, whatever the classes say, and the counters
                        // stay above zero: the class list is not looked up there (no slot, no
                        // class-level chrome; `open_element` returns before it asks), and only
                        // a chrome headline's is read at all.
                        let skip = hidden > 0 || chrome > 0;
                        if !skip || hidden == 0 && name == "h1" {
                            classify_text(el, &mut class_buf);
                        } else {
                            class_buf.clear();
                        }
                        let slot = if skip { None } else { classes.slot(&class_buf) };
                        let kind = classify(
                            node,
                            el,
                            (&class_buf, slot),
                            article > 0,
                            chrome > 0,
                            &mut main,
                            &mut classes,
                        );
                        hidden += u32::from(kind.hidden);
                        chrome += u32::from(kind.chrome);
                        outer += u32::from(kind.outer);
                        article += u32::from(kind.article);
                        open_kinds.push(kind);
                        let place = Place {
                            hidden: hidden > 0,
                            chrome: chrome > 0,
                            outer: outer > 0,
                        };
                        let class = (class_buf.as_str(), slot, &mut classes);
                        scan.open_element(node, el, name, place, class);
                    }
                    Node::Text(t) if hidden == 0 && chrome == 0 && outer == 0 => {
                        scan.visible_text(node, t);
                    }
                    _ => {}
                },
                Edge::Close(node) => {
                    if node.value().is_element() {
                        let Some(kind) = open_kinds.pop() else {
                            continue;
                        };
                        hidden -= u32::from(kind.hidden);
                        chrome -= u32::from(kind.chrome);
                        outer -= u32::from(kind.outer);
                        article -= u32::from(kind.article);
                    }
                }
            }
        }
        for (i, (k, v)) in scan.metas.iter().enumerate() {
            if !v.trim().is_empty() {
                scan.meta_index.entry(k.clone()).or_insert(i);
            }
        }
        scan.author_texts.sort_by_key(|(rank, _)| *rank);
        scan.classes = RefCell::new(classes);
        scan
    }

    /// Takes what an element says about the page: meta tags, links, JSON-LD, headings, date
    /// and author candidates.
    fn open_element(
        &mut self,
        node: NodeRef<'_, Node>,
        el: &scraper::node::Element,
        name: &str,
        place: Place,
        (class_lower, slot, classes): (&str, Option<usize>, &mut ClassCache),
    ) {
        let Place {
            hidden,
            chrome: strong_chrome,
            outer: outer_chrome,
        } = place;
        let chrome = strong_chrome || outer_chrome;
        match name {
            "html" if self.html_lang.is_none() => {
                self.html_lang = attr(el, "lang")
                    .or_else(|| attr(el, "xml:lang"))
                    .map(str::to_string);
            }
            "title" if self.title.is_none() && !in_svg(node) => {
                self.title = Some(element_text(node, 1000)).filter(|t| !t.is_empty());
            }
            "meta" => {
                let Some(content) = attr(el, "content").or_else(|| attr(el, "value")) else {
                    return;
                };
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(k) = attr(el, key) {
                        // `property` may hold several space-separated RDFa terms.
                        for k in k.split_whitespace() {
                            if self.metas.len() < 2000 {
                                self.metas
                                    .push((k.to_ascii_lowercase(), content.to_string()));
                            }
                        }
                    }
                }
            }
            "link" => {
                let rel = attr(el, "rel").unwrap_or("").to_ascii_lowercase();
                let href = attr(el, "href");
                if rel.split_whitespace().any(|r| r == "canonical") && self.canonical.is_none() {
                    self.canonical = href.map(str::to_string);
                }
                if rel == "image_src" && self.image_src.is_none() {
                    self.image_src = href.map(str::to_string);
                }
            }
            "script" => {
                let ty = attr(el, "type").unwrap_or("");
                if ty.trim().eq_ignore_ascii_case("application/ld+json")
                    && self.ld_scripts.len() < 20
                {
                    self.ld_scripts.push(element_text(node, 1 << 20));
                }
            }
            _ => {}
        }
        if hidden {
            return;
        }
        if name == "h1" && chrome && self.chrome_h1.len() < 5 && !is_hidden_class(class_lower) {
            // A headline inside a breadcrumb or navigation bar: weaker evidence.
            let heading = Heading::read(node);
            if !heading.text.is_empty() {
                self.chrome_h1.push(heading);
            }
        }
        if matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            && !chrome
            && self.headings.len() < 40
            && !is_hidden_class(class_lower)
        {
            let heading = Heading::read(node);
            if !heading.text.is_empty() {
                self.headings.push((node.id(), heading.text.clone()));
                if name == "h1" && self.h1.len() < 5 {
                    self.h1.push(heading);
                } else if matches!(name, "h2" | "h3")
                    && self.title_like.len() < 5
                    && (class_lower.contains("title") || class_lower.contains("headline"))
                {
                    self.title_like.push(heading);
                }
            }
        }
        if strong_chrome {
            return;
        }

        let itemprop = attr_named(el, &local_name!("itemprop")).unwrap_or("");
        // Dates.
        if self.dates.len() < MAX_CANDIDATES && !outer_chrome {
            // Asked only of the time and date-class candidates (most elements are neither).
            let modified_word = || {
                class_lower.contains("modif")
                    || class_lower.contains("update")
                    || class_lower.contains("edit")
            };
            if itemprop.eq_ignore_ascii_case("datePublished") && name != "meta" {
                self.dates.push(MarkupDate {
                    machine: attr(el, "datetime")
                        .or_else(|| attr(el, "content"))
                        .map(str::to_string),
                    text: element_text(node, MAX_CANDIDATE_TEXT),
                    rank: 0,
                    modified: false,
                });
            } else if itemprop.eq_ignore_ascii_case("dateModified") && name != "meta" {
                self.dates.push(MarkupDate {
                    machine: attr(el, "datetime")
                        .or_else(|| attr(el, "content"))
                        .map(str::to_string),
                    text: element_text(node, MAX_CANDIDATE_TEXT),
                    rank: 0,
                    modified: true,
                });
            } else if name == "time" || name == "abbr" && attr(el, "title").is_some() {
                let machine = attr(el, "datetime")
                    .or_else(|| (name == "abbr").then(|| attr(el, "title")).flatten())
                    .map(str::to_string);
                let pub_word = attr(el, "pubdate").is_some()
                    || class_lower.contains("publish")
                    || class_lower.contains("entry-date");
                self.dates.push(MarkupDate {
                    machine,
                    text: element_text(node, MAX_CANDIDATE_TEXT),
                    rank: if pub_word { 1 } else { 2 },
                    modified: !pub_word && modified_word(),
                });
            } else if classes.is_date_at(slot, class_lower) {
                let text = element_text(node, MAX_CANDIDATE_TEXT);
                if text.len() < MAX_CANDIDATE_TEXT && text.bytes().any(|b| b.is_ascii_digit()) {
                    self.dates.push(MarkupDate {
                        machine: None,
                        text,
                        rank: 3,
                        modified: modified_word() && !class_lower.contains("publish"),
                    });
                }
            }
        }

        // Authors; an author box in a sidebar or page footer is weaker evidence.
        if self.author_texts.len() < MAX_CANDIDATES {
            let penalty = if outer_chrome { 3 } else { 0 };
            let rel = attr_named(el, &local_name!("rel")).unwrap_or("");
            if itemprop.eq_ignore_ascii_case("author") || itemprop.eq_ignore_ascii_case("creator") {
                let text = attr(el, "content").map(str::to_string).unwrap_or_else(|| {
                    itemprop_name(node).unwrap_or_else(|| element_text(node, MAX_CANDIDATE_TEXT))
                });
                self.author_texts.push((penalty, text));
            } else if rel
                .split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("author"))
                && name != "link"
            {
                self.author_texts
                    .push((1 + penalty, element_text(node, MAX_CANDIDATE_TEXT)));
            } else if (name == "byline" || classes.is_author_at(slot, class_lower))
                && !class_lower.contains("comment")
            {
                let text = element_text(node, MAX_CANDIDATE_TEXT);
                if text.len() < MAX_CANDIDATE_TEXT {
                    self.author_texts.push((2 + penalty, text));
                }
            }
        }
    }

    /// Looks at a visible text node for a byline: "Von Jane Doe", "Ein Artikel von <b>Jane
    /// Doe</b>", "<h5>Autorin:</h5> Jane Doe".
    fn visible_text(&mut self, node: NodeRef<'_, Node>, t: &scraper::node::Text) {
        if self.byline_texts.len() >= MAX_BYLINES {
            return;
        }
        let text: &str = t;
        let trimmed = text.trim_start_matches(|c: char| !c.is_alphanumeric());
        // Cheap test on the first word before any allocation.
        let first = trimmed
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if first.is_empty() || first.len() > 20 || trimmed.len() > 200 {
            return;
        }
        // Most first words are ASCII: lower-case those in a reused buffer, without allocating.
        let first = if first.is_ascii() {
            self.word_buf.clear();
            self.word_buf.push_str(first);
            self.word_buf.make_ascii_lowercase();
            Cow::Borrowed(self.word_buf.as_str())
        } else {
            Cow::Owned(first.to_lowercase())
        };
        let may_start_byline = BYLINE_FIRST_WORDS.contains(&*first)
            || may_open_author_label(&first) && AUTHOR_LABEL.is_match(&first);
        if !may_start_byline {
            return;
        }
        // A byline starts its line; "von" after a link is the middle of a sentence.
        self.byline_tries += 1;
        if self.byline_tries > MAX_BYLINE_TRIES {
            return;
        }
        let mut before = node.prev_siblings();
        let starts_line = before.by_ref().take(10).all(|p| match p.value() {
            Node::Text(t) => t.trim().is_empty(),
            Node::Element(e) => e.name() == "br" || element_text(p, 20).is_empty(),
            _ => true,
        }) && before.next().is_none();
        if !starts_line {
            return;
        }
        // The line goes on in the following siblings, then in those of the parent, up to the
        // next block.
        let mut line = String::new();
        push_words(&mut line, trimmed, 200);
        let mut cur = Some(node);
        'outer: for _ in 0..2 {
            let Some(n) = cur else { break };
            for sib in n.next_siblings().take(6) {
                if line.len() >= 160 {
                    break 'outer;
                }
                match sib.value() {
                    Node::Text(t) => push_words(&mut line, t, 200),
                    Node::Element(e) => {
                        if is_block(e.name()) && !strip_byline_lead(&line).is_empty() {
                            break 'outer;
                        }
                        let more = element_text(sib, 120);
                        push_words(&mut line, &more, 200);
                    }
                    _ => {}
                }
            }
            if !strip_byline_lead(&line).is_empty() {
                break;
            }
            cur = n.parent();
        }
        if BYLINE_START.is_match(&line) && !PHOTO_LABEL.is_match(&line) {
            self.byline_texts.push(line);
        }
    }
}

/// Block-level elements, which end a line of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "table"
            | "tr"
            | "td"
            | "blockquote"
            | "figure"
            | "hr"
    )
}

/// A headline candidate.
#[derive(Debug)]
struct Heading {
    /// Its visible text, whitespace-collapsed.
    text: String,
    /// The texts of its children, in order: a kicker, a date or a subtitle usually sits in a
    /// child of its own.
    segments: Vec<String>,
    /// The text without a child marked as a kicker (`class="kicker"`, `dachzeile`...), if it
    /// has one.
    without_kicker: Option<String>,
}

/// Whether `e` is the kicker (overline) of a headline.
fn is_kicker(e: &scraper::node::Element) -> bool {
    let mut buf = String::new();
    classify_text(e, &mut buf);
    [
        "kicker",
        "dachzeile",
        "overline",
        "eyebrow",
        "topline",
        "roofline",
        "spitzmarke",
        "supertitle",
        "pretitle",
    ]
    .iter()
    .any(|k| buf.contains(k))
}

/// Headline segments kept, at most.
const MAX_SEGMENTS: usize = 20;

impl Heading {
    fn read(node: NodeRef<'_, Node>) -> Heading {
        let mut segments: Vec<String> = Vec::new();
        let mut rest = String::new();
        let mut has_kicker = false;
        for child in node.children() {
            let mut raw = String::new();
            let mut kicker = false;
            match child.value() {
                Node::Text(t) => raw.push_str(t),
                Node::Element(e) => {
                    if e.name() == "br" || is_hidden_element(e) {
                        raw.push(' ');
                    } else {
                        raw_text_into(child, &mut raw, 1000);
                        kicker = is_kicker(e);
                    }
                }
                _ => {}
            }
            if kicker {
                has_kicker = true;
            } else {
                rest.push_str(&raw);
            }
            if segments.len() < MAX_SEGMENTS {
                segments.push(raw);
            } else if let Some(last) = segments.last_mut() {
                last.push_str(&raw);
            }
        }
        let text = squash(&segments.concat());
        let rest =
            squash(rest.trim_start_matches(|c: char| c.is_whitespace() || ":|-–—·•/".contains(c)));
        let without_kicker = (has_kicker && !rest.is_empty()).then_some(rest);
        Heading {
            text,
            segments,
            without_kicker,
        }
    }

    /// The part of the heading that `meta` names, when `meta` matches a run of whole segments
    /// but not all of them ("Tunesien | Große Aufgaben..." with og:title "Große Aufgaben...").
    fn part_matching(&self, meta: &str) -> Option<String> {
        let want = compact(meta);
        if want.is_empty() {
            return None;
        }
        let parts: Vec<String> = self.segments.iter().map(|s| compact(s)).collect();
        let nonempty = parts.iter().filter(|p| !p.is_empty()).count();
        for i in 0..parts.len() {
            if parts[i].is_empty() {
                continue;
            }
            let mut acc = String::new();
            for j in i..parts.len() {
                acc.push_str(&parts[j]);
                if acc.len() > want.len() {
                    break;
                }
                if acc == want {
                    let used = parts[i..=j].iter().filter(|p| !p.is_empty()).count();
                    if used == nonempty {
                        return None;
                    }
                    return Some(squash(&self.segments[i..=j].concat()));
                }
            }
        }
        None
    }
}

/// Appends the raw text under `node` (hidden elements, scripts and styles left out) to `out`.
fn raw_text_into(node: NodeRef<'_, Node>, out: &mut String, max: usize) {
    walk_pruned(node, |n| {
        if out.len() >= max {
            return Step::Stop;
        }
        match n.value() {
            Node::Element(e) if e.name() == "br" => out.push(' '),
            Node::Element(e) if is_hidden_element(e) => return Step::Over,
            Node::Text(t) => out.push_str(t),
            _ => {}
        }
        Step::Into
    });
}

/// What [`walk_pruned`] does after visiting a node.
enum Step {
    /// Go on into its children.
    Into,
    /// Skip its subtree.
    Over,
    /// End the walk.
    Stop,
}

/// Visits `root` and its descendants in document order, without recursion; a subtree that
/// `visit` skips is not walked at all.
fn walk_pruned<'a>(root: NodeRef<'a, Node>, mut visit: impl FnMut(NodeRef<'a, Node>) -> Step) {
    let mut cur = root;
    loop {
        match visit(cur) {
            Step::Stop => return,
            Step::Into => {
                if let Some(child) = cur.first_child() {
                    cur = child;
                    continue;
                }
            }
            Step::Over => {}
        }
        // Next: the next sibling of the nearest node (up to `root`) that has one.
        loop {
            if cur.id() == root.id() {
                return;
            }
            if let Some(next) = cur.next_sibling() {
                cur = next;
                break;
            }
            match cur.parent() {
                Some(parent) => cur = parent,
                None => return,
            }
        }
    }
}

/// Whether `el` is never shown to readers: scripts, styles, and screen-reader-only or
/// invisible elements.
fn is_hidden_element(el: &scraper::node::Element) -> bool {
    if matches!(
        el.name(),
        "script" | "style" | "noscript" | "template" | "svg"
    ) {
        return true;
    }
    let mut buf = String::new();
    classify_text(el, &mut buf);
    (!buf.is_empty() && is_hidden_class(&buf))
        || attr(el, "hidden").is_some()
        || attr(el, "aria-hidden").is_some_and(|v| v == "true")
}

/// Whether a lower-cased class/id list marks an element hidden from sighted readers.
fn is_hidden_class(classes: &str) -> bool {
    classes.split_ascii_whitespace().any(|c| {
        matches!(
            c,
            "aural"
                | "hidden"
                | "invisible"
                | "element-invisible"
                | "visually-hidden"
                | "visuallyhidden"
                | "sr-only"
                | "screen-reader-text"
                | "screenreader"
                | "screen-reader-only"
                | "offscreen"
                | "navskip"
                | "skip-link"
                | "u-hidden"
                | "is-hidden"
                | "hide"
        ) || c.ends_with("visually-hidden")
            || c.ends_with("sr-only")
    })
}

/// Where in the page an element is.
#[derive(Clone, Copy)]
struct Place {
    /// Inside an element whose text is never shown.
    hidden: bool,
    /// Inside navigation, comments or related-article lists.
    chrome: bool,
    /// Inside a sidebar or page footer outside the article.
    outer: bool,
}

/// What an element means for the walk.
#[derive(Clone, Copy)]
struct Kind {
    /// Its text is never visible (script, style...).
    hidden: bool,
    /// Site chrome: navigation, comments, related articles.
    chrome: bool,
    /// Sidebars and footers outside the article.
    outer: bool,
    /// The article itself.
    article: bool,
}

/// Classifies `el`, whose lower-cased class and id list `buf` is kept at `slot` of `classes`.
///
/// An element whose class names chrome but which holds the page's `<h1>`, `<main>` or article
/// body is not chrome: it is a wrapper with an unlucky name (`widget Blog`, `ads-helper`). That
/// check walks the element's subtree only when not already inside chrome, so the walk stays
/// linear overall.
fn classify(
    node: NodeRef<'_, Node>,
    el: &scraper::node::Element,
    (buf, slot): (&str, Option<usize>),
    in_article: bool,
    in_chrome: bool,
    main: &mut MainHolders<'_>,
    classes: &mut ClassCache,
) -> Kind {
    let name = el.name();
    let hidden = matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "head" | "select" | "option"
    );
    let level = match name {
        "nav" | "menu" => ChromeLevel::Strong,
        "html" | "body" | "article" | "main" | "h1" => ChromeLevel::None,
        _ => {
            let tag = if matches!(name, "footer" | "aside") && !in_article {
                ChromeLevel::Outer
            } else {
                ChromeLevel::None
            };
            let class = classes.level_at(slot, buf, in_article);
            let level = tag.max(class);
            if level != ChromeLevel::None && !in_chrome && main.holds(node) {
                ChromeLevel::None
            } else {
                level
            }
        }
    };
    let article = matches!(name, "article" | "main")
        || attr_named(el, &local_name!("itemtype"))
            .is_some_and(|t| t.contains("Article") || t.contains("Posting"));
    Kind {
        hidden,
        chrome: level == ChromeLevel::Strong,
        outer: level == ChromeLevel::Outer,
        article,
    }
}

/// What is known about one lower-cased class/id list, each answer worked out on first need.
#[derive(Debug, Default)]
struct ClassMemo {
    /// [`chrome_class_level`] outside (`[0]`) and inside (`[1]`) the article.
    level: [Option<ChromeLevel>; 2],
    /// Whether [`DATE_CLASS`] matches.
    date: Option<bool>,
    /// Whether [`AUTHOR_CLASS`] matches.
    author: Option<bool>,
}

/// What each lower-cased class/id list of a page says: pages repeat the same few lists on
/// hundreds of elements, and the walks after the first one ask again.
#[derive(Debug, Default)]
struct ClassCache {
    /// Index in `memos` of each list seen.
    index: HashMap<String, usize>,
    memos: Vec<ClassMemo>,
}

impl ClassCache {
    /// Where what is known about `classes` is kept; `None` for the empty list, which says
    /// nothing.
    fn slot(&mut self, classes: &str) -> Option<usize> {
        if classes.is_empty() {
            return None;
        }
        Some(match self.index.get(classes) {
            Some(&i) => i,
            None => {
                let i = self.memos.len();
                self.memos.push(ClassMemo::default());
                self.index.insert(classes.to_string(), i);
                i
            }
        })
    }

    /// How strongly `classes` marks site chrome: [`chrome_class_level`], remembered.
    fn level(&mut self, classes: &str, in_article: bool) -> ChromeLevel {
        let slot = self.slot(classes);
        self.level_at(slot, classes, in_article)
    }

    /// [`chrome_class_level`] of `classes`, kept at `slot`.
    fn level_at(&mut self, slot: Option<usize>, classes: &str, in_article: bool) -> ChromeLevel {
        let Some(i) = slot else {
            return ChromeLevel::None;
        };
        let side = usize::from(in_article);
        if let Some(level) = self.memos.get(i).and_then(|m| m.level[side]) {
            return level;
        }
        // As `chrome_class_level`, with the author test remembered too.
        let words = chrome_word_level(classes, in_article);
        let level = if words != ChromeLevel::None && self.is_author_at(slot, classes) {
            ChromeLevel::None
        } else {
            words
        };
        if let Some(m) = self.memos.get_mut(i) {
            m.level[side] = Some(level);
        }
        level
    }

    /// Whether [`DATE_CLASS`] matches `classes`, kept at `slot`.
    fn is_date_at(&mut self, slot: Option<usize>, classes: &str) -> bool {
        let Some(m) = slot.and_then(|i| self.memos.get_mut(i)) else {
            return false;
        };
        *m.date.get_or_insert_with(|| DATE_CLASS.is_match(classes))
    }

    /// Whether [`AUTHOR_CLASS`] matches `classes`, kept at `slot`.
    fn is_author_at(&mut self, slot: Option<usize>, classes: &str) -> bool {
        let Some(m) = slot.and_then(|i| self.memos.get_mut(i)) else {
            return false;
        };
        *m.author
            .get_or_insert_with(|| AUTHOR_CLASS.is_match(classes))
    }
}

/// The elements that hold the headline or the article body, found in one walk on first need,
/// so that asking about many nested elements stays linear.
struct MainHolders<'a> {
    doc: &'a scraper::Html,
    set: Option<HashSet<ego_tree::NodeId>>,
}

/// Headline and body markers looked at, at most.
const MAX_MAIN_MARKERS: usize = 20;

impl<'a> MainHolders<'a> {
    fn new(doc: &'a scraper::Html) -> Self {
        MainHolders { doc, set: None }
    }

    /// Whether `node` has the headline or the article body among its descendants.
    fn holds(&mut self, node: NodeRef<'_, Node>) -> bool {
        let doc = self.doc;
        self.set
            .get_or_insert_with(|| {
                let mut set = HashSet::new();
                let markers = doc
                    .tree
                    .root()
                    .descendants()
                    .filter(|d| matches!(d.value(), Node::Element(e) if is_main_marker(e)))
                    .take(MAX_MAIN_MARKERS);
                for marker in markers {
                    for a in marker.ancestors() {
                        if !set.insert(a.id()) {
                            break;
                        }
                    }
                }
                set
            })
            .contains(&node.id())
    }
}

/// Whether `e` is the headline or the article body.
fn is_main_marker(e: &scraper::node::Element) -> bool {
    if e.name.local == local_name!("h1") || e.name.local == local_name!("main") {
        return true;
    }
    // One pass over the attributes, each name read at its first occurrence only.
    let (mut itemprop_seen, mut class_seen) = (false, false);
    for (k, v) in e.attrs.iter() {
        if k.local == local_name!("itemprop") && !itemprop_seen {
            itemprop_seen = true;
            if v.eq_ignore_ascii_case("articleBody") || v.eq_ignore_ascii_case("blogPost") {
                return true;
            }
        } else if k.local == local_name!("class") && !class_seen {
            class_seen = true;
            let marked = v.split_ascii_whitespace().any(|c| {
                matches!(
                    c,
                    "hentry" | "post-body" | "entry-content" | "article-body" | "articleBody"
                )
            });
            if marked {
                return true;
            }
        }
    }
    false
}

static DATE_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"date|datum|fecha|data|time|zeit|publish|posted|submitted|dateline|meta|byline|author|info",
    )
        .expect("static pattern is valid")
});
static AUTHOR_CLASS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"author|byline|autor|auteur|verfasser|writer|creator|reporter")
        .expect("static pattern is valid")
});
/// Parts of class names that mark site chrome anywhere.
const CHROME_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "related",
    "teaser",
    "teasers",
    "recommended",
    "recommendations",
    "popular",
    "newsletter",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "navigation",
    "navbar",
    "nav",
    "cookie",
    "cookies",
    "outbrain",
    "taboola",
    "promo",
    "ad",
    "ads",
    "advert",
    "advertisement",
];

/// Parts of class names that mark site chrome outside the article; inside it they often hold
/// the article's own details (date, author box).
const OUTER_CHROME_WORDS: &[&str] = &["sidebar", "footer", "aside"];

/// Whether `w` is one of [`CHROME_WORDS`] (a match on the words compiles to a few length and
/// byte comparisons instead of a scan of the list).
fn is_chrome_word(w: &str) -> bool {
    let found = matches!(
        w,
        "comment"
            | "comments"
            | "commentlist"
            | "related"
            | "teaser"
            | "teasers"
            | "recommended"
            | "recommendations"
            | "popular"
            | "newsletter"
            | "breadcrumb"
            | "breadcrumbs"
            | "menu"
            | "navigation"
            | "navbar"
            | "nav"
            | "cookie"
            | "cookies"
            | "outbrain"
            | "taboola"
            | "promo"
            | "ad"
            | "ads"
            | "advert"
            | "advertisement"
    );
    debug_assert_eq!(found, CHROME_WORDS.contains(&w));
    found
}

/// Whether `w` is one of [`OUTER_CHROME_WORDS`].
fn is_outer_chrome_word(w: &str) -> bool {
    let found = matches!(w, "sidebar" | "footer" | "aside");
    debug_assert_eq!(found, OUTER_CHROME_WORDS.contains(&w));
    found
}

/// How strongly a lower-cased class/id list marks site chrome. Each class is split on `-`/`_`;
/// modifiers such as `has-sidebar` or `no-comments` do not count. The walks ask
/// [`ClassCache::level`], which remembers the answers of a page.
#[cfg(test)]
fn chrome_class_level(classes: &str, in_article: bool) -> ChromeLevel {
    let level = chrome_word_level(classes, in_article);
    // An author box is never chrome (asked only when the class words say chrome: the pattern
    // costs more than the word test).
    if level != ChromeLevel::None && AUTHOR_CLASS.is_match(classes) {
        return ChromeLevel::None;
    }
    level
}

/// Whether the first part of a class token names a state or a modifier ("has-sidebar",
/// "is-sticky", "no-comments"): such a token says nothing about what the element is.
fn is_state_word(first: &str) -> bool {
    matches!(
        first,
        "has"
            | "with"
            | "no"
            | "show"
            | "hide"
            | "is"
            | "enable"
            | "enabled"
            | "disable"
            | "sticky"
            | "fixed"
    )
}

/// How strongly the class words alone mark site chrome.
fn chrome_word_level(classes: &str, in_article: bool) -> ChromeLevel {
    let mut level = ChromeLevel::None;
    let is_separator = |c: char| c == '-' || c == '_';
    for token in classes.split_ascii_whitespace() {
        // The first and last non-empty parts between `-` and `_`.
        let token = token.trim_matches(is_separator);
        if token.is_empty() {
            continue;
        }
        let first = token.find(is_separator).map_or(token, |i| &token[..i]);
        if is_state_word(first) {
            continue;
        }
        // Only the first or last part counts: `comment-list` and `post-comments` are chrome,
        // `page-navigation-overlay-wrapper` wraps everything.
        let last = token.rfind(is_separator).map_or(token, |i| &token[i + 1..]);
        for p in [first, last] {
            if is_chrome_word(p) {
                return ChromeLevel::Strong;
            }
            if !in_article && is_outer_chrome_word(p) {
                level = ChromeLevel::Outer;
            }
        }
    }
    level
}

/// How much an element is site chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum ChromeLevel {
    /// Not chrome.
    None,
    /// Sidebars and footers outside the article: no headline or date there, but an author box
    /// may be.
    Outer,
    /// Navigation, comments, related articles: nothing about the article.
    Strong,
}

fn attr<'a>(el: &'a scraper::node::Element, name: &str) -> Option<&'a str> {
    el.attrs().find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// As [`attr`], for a name given as an interned atom: the hot walks compare atoms, not
/// strings.
fn attr_named<'a>(el: &'a scraper::node::Element, name: &LocalName) -> Option<&'a str> {
    el.attrs
        .iter()
        .find(|(k, _)| k.local == *name)
        .map(|(_, v)| &**v)
}

fn in_svg(node: NodeRef<'_, Node>) -> bool {
    node.ancestors()
        .any(|a| matches!(a.value(), Node::Element(e) if e.name() == "svg"))
}

/// The visible text of `node`, whitespace-collapsed, cut near `max` bytes.
fn element_text(node: NodeRef<'_, Node>, max: usize) -> String {
    let mut out = String::new();
    let Some(el) = ElementRef::wrap(node) else {
        return out;
    };
    for t in el.text() {
        push_words(&mut out, t, max);
        if out.len() >= max {
            break;
        }
    }
    out
}

/// The text of the first `itemprop=name` inside `node`, if any.
fn itemprop_name(node: NodeRef<'_, Node>) -> Option<String> {
    node.descendants().take(200).find_map(|d| match d.value() {
        Node::Element(e) if attr(e, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("name")) => {
            Some(
                attr(e, "content")
                    .map(str::to_string)
                    .unwrap_or_else(|| element_text(d, MAX_CANDIDATE_TEXT)),
            )
        }
        _ => None,
    })
}

/// Appends the words of `text` to `out`, each separated by one space, up to about `max` bytes.
fn push_words(out: &mut String, text: &str, max: usize) {
    for w in text.split_whitespace() {
        if out.len() >= max {
            return;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Collapses whitespace and trims.
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn first_text(options: &[Option<&str>]) -> Option<String> {
    options
        .iter()
        .flatten()
        .map(|s| squash(s))
        .find(|s| !s.is_empty())
}

// ---------------------------------------------------------------------------------------------
// JSON-LD
// ---------------------------------------------------------------------------------------------

/// What the JSON-LD blocks of a page say about the article.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    /// `name` of the article object (when it has no headline) or of a WebPage.
    name: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    /// Dates of page-level objects (WebPage), weaker than the article's.
    page_published: Option<String>,
    page_modified: Option<String>,
    publisher: Option<String>,
    image: Option<String>,
    language: Option<String>,
    description: Option<String>,
    url: Option<String>,
}

/// Nodes visited in all JSON-LD blocks of a page, at most.
const MAX_LD_NODES: usize = 20_000;

impl JsonLd {
    fn from_scripts(scripts: &[String]) -> JsonLd {
        let mut values = Vec::new();
        for s in scripts {
            parse_json_lenient(s, &mut values);
        }
        let mut out = JsonLd::default();
        if values.is_empty() {
            return out;
        }
        // Index every object with an @id, so that `{"@id": "#author"}` references resolve.
        let mut by_id: HashMap<&str, &Value> = HashMap::new();
        let mut objects: Vec<&Value> = Vec::new();
        let mut stack: Vec<(&Value, u32)> = values.iter().map(|v| (v, 0)).collect();
        let mut visited = 0;
        while let Some((v, depth)) = stack.pop() {
            visited += 1;
            if visited > MAX_LD_NODES || depth > 12 {
                continue;
            }
            match v {
                Value::Array(items) => {
                    stack.extend(items.iter().rev().map(|i| (i, depth + 1)));
                }
                Value::Object(map) => {
                    if map.contains_key("@type") {
                        objects.push(v);
                    }
                    for key in [
                        "@graph",
                        "mainEntity",
                        "mainEntityOfPage",
                        "itemListElement",
                        "item",
                    ] {
                        if let Some(child) = map.get(key) {
                            stack.push((child, depth + 1));
                        }
                    }
                }
                _ => {}
            }
        }

        // Every object with an @id, at any depth, for resolving references.
        let mut stack: Vec<(&Value, u32)> = values.iter().map(|v| (v, 0)).collect();
        let mut visited = 0;
        while let Some((v, depth)) = stack.pop() {
            visited += 1;
            if visited > MAX_LD_NODES || depth > 12 {
                continue;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter().map(|i| (i, depth + 1))),
                Value::Object(map) => {
                    if let Some(Value::String(id)) = map.get("@id")
                        && map.len() > 1
                    {
                        by_id.entry(id.as_str()).or_insert(v);
                    }
                    stack.extend(map.values().map(|c| (c, depth + 1)));
                }
                _ => {}
            }
        }

        let articles: Vec<&Value> = objects.iter().copied().filter(|o| is_article(o)).collect();
        let pages: Vec<&Value> = objects.iter().copied().filter(|o| is_page(o)).collect();
        let resolve = |v: &'_ Value| -> Option<&Value> {
            match v {
                // Some generators write a reference as a bare string.
                Value::String(id) => by_id.get(id.as_str()).copied(),
                Value::Object(m) if m.len() == 1 => m
                    .get("@id")
                    .and_then(Value::as_str)
                    .and_then(|id| by_id.get(id).copied()),
                _ => None,
            }
        };

        for a in &articles {
            if out.headline.is_none() {
                out.headline =
                    str_field(a, "headline").or_else(|| str_field(a, "alternativeHeadline"));
            }
            if out.name.is_none() {
                out.name = str_field(a, "name");
            }
            if out.published.is_none() {
                out.published =
                    str_field(a, "datePublished").or_else(|| str_field(a, "dateCreated"));
            }
            if out.modified.is_none() {
                out.modified = str_field(a, "dateModified");
            }
            if out.authors.is_empty()
                && let Some(author) = a.get("author").or_else(|| a.get("creator"))
            {
                out.authors = ld_names(author, &resolve, true);
            }
            if out.publisher.is_none()
                && let Some(p) = a.get("publisher")
            {
                out.publisher = ld_names(p, &resolve, false).into_iter().next();
            }
            if out.image.is_none()
                && let Some(i) = a.get("image").or_else(|| a.get("thumbnailUrl"))
            {
                out.image = ld_url(i, &resolve);
            }
            if out.language.is_none() {
                out.language = str_field(a, "inLanguage");
            }
            if out.description.is_none() {
                out.description = str_field(a, "description");
            }
            if out.url.is_none() {
                out.url = str_field(a, "url");
            }
        }
        for p in &pages {
            if out.page_published.is_none() {
                out.page_published = str_field(p, "datePublished");
            }
            if out.page_modified.is_none() {
                out.page_modified = str_field(p, "dateModified");
            }
            if out.language.is_none() {
                out.language = str_field(p, "inLanguage");
            }
            if out.publisher.is_none()
                && let Some(pb) = p.get("publisher")
            {
                out.publisher = ld_names(pb, &resolve, false).into_iter().next();
            }
            if out.authors.is_empty()
                && let Some(author) = p.get("author")
            {
                out.authors = ld_names(author, &resolve, true);
            }
        }
        if out.publisher.is_none() {
            // A lone Organization / NewsMediaOrganization / WebSite describes the site.
            out.publisher = objects
                .iter()
                .filter(|o| type_matches(o, |t| t.ends_with("Organization") || t == "WebSite"))
                .find_map(|o| str_field(o, "name"));
        }
        if out.language.is_none() {
            out.language = objects.iter().find_map(|o| str_field(o, "inLanguage"));
        }
        out
    }
}

/// Parses `text` as one or more JSON values, leniently on a second try.
fn parse_json_lenient(text: &str, out: &mut Vec<Value>) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let before = out.len();
    if parse_json_stream(text, out) {
        return;
    }
    out.truncate(before);
    // Lenient retry: strip comment/CDATA wrappers, control characters and trailing commas.
    let mut fixed = text
        .replace("<!--", " ")
        .replace("-->", " ")
        .replace("/*<![CDATA[*/", " ")
        .replace("/*]]>*/", " ")
        .replace("//<![CDATA[", " ")
        .replace("//]]>", " ")
        .replace("<![CDATA[", " ")
        .replace("]]>", " ");
    fixed = fixed
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let fixed = TRAILING_COMMA.replace_all(&fixed, "$1");
    parse_json_stream(&fixed, out);
}

static TRAILING_COMMA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",\s*([}\]])").expect("static pattern is valid"));

/// Parses consecutive JSON values; false if any fails (values before the failure are kept).
fn parse_json_stream(text: &str, out: &mut Vec<Value>) -> bool {
    let stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    for v in stream {
        match v {
            Ok(v) => out.push(v),
            Err(_) => return false,
        }
    }
    true
}

fn type_matches(v: &Value, pred: impl Fn(&str) -> bool) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => pred(strip_schema(t)),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .any(|t| pred(strip_schema(t))),
        _ => false,
    }
}

fn strip_schema(t: &str) -> &str {
    t.rsplit(['/', ':']).next().unwrap_or(t)
}

fn is_article(v: &Value) -> bool {
    type_matches(v, |t| {
        t.ends_with("Article")
            || t.ends_with("Posting")
            || matches!(
                t,
                "Report" | "Review" | "Recipe" | "HowTo" | "CreativeWork" | "Blog" | "Event"
            )
    })
}

fn is_page(v: &Value) -> bool {
    type_matches(v, |t| t.ends_with("Page"))
}

/// A non-empty string field (the first string of an array, or `@value` of an object).
fn str_field(v: &Value, key: &str) -> Option<String> {
    let s = match v.get(key)? {
        Value::String(s) => s.as_str(),
        Value::Array(a) => a.iter().find_map(Value::as_str)?,
        Value::Object(o) => o.get("@value").and_then(Value::as_str)?,
        _ => return None,
    };
    let s = squash(s);
    (!s.is_empty()).then_some(s)
}

/// Names in an author/publisher value: a string, an object with `name`, an `@id` reference, or
/// an array of these. With `people`, organisations are skipped.
fn ld_names<'v>(
    v: &'v Value,
    resolve: &dyn Fn(&'v Value) -> Option<&'v Value>,
    people: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().take(20).collect(),
        other => vec![other],
    };
    for item in items {
        let item = resolve(item).unwrap_or(item);
        match item {
            Value::String(s) => out.push(squash(s)),
            Value::Object(_) => {
                if people && type_matches(item, |t| t.ends_with("Organization")) {
                    continue;
                }
                if let Some(name) = str_field(item, "name") {
                    out.push(name);
                } else if let (Some(g), Some(f)) =
                    (str_field(item, "givenName"), str_field(item, "familyName"))
                {
                    out.push(format!("{g} {f}"));
                }
            }
            _ => {}
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The URL of an image value: a string, an ImageObject (`url`/`contentUrl`), or an array.
fn ld_url<'v>(v: &'v Value, resolve: &dyn Fn(&'v Value) -> Option<&'v Value>) -> Option<String> {
    let v = resolve(v).unwrap_or(v);
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().take(10).find_map(|i| ld_url(i, resolve)),
        Value::Object(_) => str_field(v, "url").or_else(|| str_field(v, "contentUrl")),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// What the date rules look at on one page.
struct DatePage<'a> {
    doc: &'a scraper::Html,
    scan: &'a Scan,
    ld: &'a JsonLd,
    title: Option<&'a str>,
    url: Option<&'a str>,
    limit: DateLimit,
    /// How the page's visible dates read `05/04/2024`.
    order: NumericOrder,
    /// The text around the title, read on first need.
    around: OnceCell<AroundTitle>,
    /// The visible date of each of `scan.dates` read with `order`, read on first need.
    markup_days: Vec<OnceCell<Option<NaiveDate>>>,
    /// The date in the URL, read on first need.
    url_day: OnceCell<Option<NaiveDate>>,
}

impl DatePage<'_> {
    /// The date the text of `scan.dates[i]` shows, read with `order` (once: several rules
    /// ask).
    fn markup_day(&self, i: usize) -> Option<NaiveDate> {
        let d = self.scan.dates.get(i)?;
        *self
            .markup_days
            .get(i)?
            .get_or_init(|| date::parse_date_text_with(&d.text, self.order))
    }

    /// [`date::date_from_url`] of the page URL, read once.
    fn url_day(&self) -> Option<NaiveDate> {
        *self
            .url_day
            .get_or_init(|| self.url.and_then(date::date_from_url))
    }

    /// The visible text around the title ([`text_around_title`]), read once.
    fn around(&self) -> Option<&AroundTitle> {
        let title = self.title?;
        Some(
            self.around
                .get_or_init(|| text_around_title(self.doc, self.scan, title)),
        )
    }
}

/// Checks and reads dates for one page.
struct DateLimit {
    /// The latest acceptable date.
    latest: DateTime<Utc>,
    /// How this page's machine dates read `05/04/2024`.
    machine_order: NumericOrder,
}

/// Earliest year accepted for a page date.
const EARLIEST_YEAR: i32 = 1990;

impl DateLimit {
    /// Whether an ISO string from [`date::parse_machine_date`] is a plausible page date.
    fn accepts_iso(&self, iso: &str) -> bool {
        if let Ok(dt) = DateTime::parse_from_rfc3339(iso) {
            return dt.naive_utc().year() >= EARLIEST_YEAR && dt.with_timezone(&Utc) <= self.latest;
        }
        iso.get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .is_some_and(|d| self.accepts(d))
    }

    fn accepts(&self, d: NaiveDate) -> bool {
        d.year() >= EARLIEST_YEAR && d <= self.latest.date_naive()
    }

    /// A machine date, normalised and checked.
    fn machine(&self, s: &str) -> Option<String> {
        date::parse_machine_date_with(s, self.machine_order).filter(|iso| self.accepts_iso(iso))
    }

    /// A visible date, checked.
    fn text(&self, s: &str, order: NumericOrder) -> Option<String> {
        self.day(date::parse_date_text_with(s, order))
    }

    /// A date already read, checked and written as ISO 8601.
    fn day(&self, d: Option<NaiveDate>) -> Option<String> {
        d.filter(|d| self.accepts(*d))
            .map(|d| d.format("%Y-%m-%d").to_string())
    }
}

/// How to read this page's machine dates written `05/04/2024`: the reading that agrees with
/// other dates on the page (the URL, visible dates, unambiguous metadata), else day-first on
/// pages in languages other than English and month-first otherwise.
fn machine_order(page: &DatePage<'_>, language: Option<&str>) -> NumericOrder {
    let DatePage {
        scan,
        ld,
        order: text_order,
        ..
    } = *page;
    let default = match language {
        Some(l) if l != "en" => NumericOrder::DayFirst,
        _ => NumericOrder::MonthFirst,
    };
    let machine: Vec<&str> = [
        &ld.published,
        &ld.modified,
        &ld.page_published,
        &ld.page_modified,
    ]
    .into_iter()
    .filter_map(|v| v.as_deref())
    .chain(
        PUBLISHED_METAS
            .iter()
            .chain(MODIFIED_METAS)
            .chain(WEAK_DATE_METAS)
            .flat_map(|k| scan.metas_named(k)),
    )
    .chain(scan.dates.iter().filter_map(|d| d.machine.as_deref()))
    .collect();
    let Some(ambiguous) = machine.iter().find(|m| date::is_ambiguous_slashed(m)) else {
        return default;
    };
    let day_first = date::parse_date_text_with(ambiguous, NumericOrder::DayFirst);
    let month_first = date::parse_date_text_with(ambiguous, NumericOrder::MonthFirst);
    let (Some(day_first), Some(month_first)) = (day_first, month_first) else {
        return default;
    };
    let mut refs: Vec<NaiveDate> = machine
        .iter()
        .filter(|m| !date::is_ambiguous_slashed(m))
        .filter_map(|m| date::parse_machine_date(m))
        .filter_map(|iso| NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok())
        .collect();
    refs.extend(page.url_day());
    refs.extend((0..scan.dates.len()).filter_map(|i| page.markup_day(i)));
    if refs.is_empty()
        && let Some(around) = page.around()
    {
        for text in [&around.heading, &around.after, &around.before] {
            refs.extend(date::parse_date_text_with(text, text_order));
        }
    }
    let distance = |d: NaiveDate| refs.iter().map(|r| (*r - d).num_days().abs()).min();
    match (distance(day_first), distance(month_first)) {
        (Some(a), Some(b)) if a < b => NumericOrder::DayFirst,
        (Some(a), Some(b)) if b < a => NumericOrder::MonthFirst,
        _ => default,
    }
}

/// Meta tags naming the publication date, strongest first.
const PUBLISHED_METAS: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "article.published",
    "og:pubdate",
    "cxenseparse:recs:publishtime",
    "originalpublicationdate",
    "displaydate",
    "release_date",
];

/// Meta tags with a date of unclear meaning: content management systems fill them with the
/// creation, publication or last-change date alike. Visible date markup is stronger evidence.
const WEAK_DATE_METAS: &[&str] = &[
    "date",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "datecreated",
    "created",
];

/// Meta tags naming the modification date, strongest first.
const MODIFIED_METAS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
    "article.updated",
    "revised",
];

fn choose_dates(page: &DatePage<'_>) -> (Option<String>, Option<String>) {
    let DatePage {
        scan, ld, order, ..
    } = *page;
    let limit = &page.limit;
    let modified = ld
        .modified
        .as_deref()
        .and_then(|s| limit.machine(s))
        .or_else(|| {
            MODIFIED_METAS
                .iter()
                .find_map(|k| scan.meta(k).and_then(|s| limit.machine(s)))
        })
        .or_else(|| ld.page_modified.as_deref().and_then(|s| limit.machine(s)))
        .or_else(|| {
            scan.dates
                .iter()
                .enumerate()
                .filter(|(_, d)| d.modified)
                .find_map(|(i, d)| markup_date(page, i, d))
        });

    let published = ld
        .published
        .as_deref()
        .and_then(|s| limit.machine(s))
        .or_else(|| {
            PUBLISHED_METAS
                .iter()
                .find_map(|k| scan.metas_named(k).find_map(|s| limit.machine(s)))
        })
        .or_else(|| ld.page_published.as_deref().and_then(|s| limit.machine(s)))
        .or_else(|| {
            (0..=3u8).find_map(|rank| {
                scan.dates
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| d.rank == rank && !d.modified)
                    .find_map(|(i, d)| markup_date(page, i, d))
            })
        })
        .or_else(|| {
            WEAK_DATE_METAS
                .iter()
                .find_map(|k| scan.metas_named(k).find_map(|s| limit.machine(s)))
        })
        .or_else(|| limit.day(page.url_day()))
        .or_else(|| {
            let around = page.around()?;
            limit
                .text(&around.heading, order)
                .or_else(|| limit.text(&around.after, order))
                .or_else(|| limit.text(&around.before, order))
        });
    let published = published
        .map(|p| shown_date(page, p, modified.as_deref()))
        .map(|p| local_calendar_date(page, p));
    (published, modified)
}

/// The date a page shows under its headline, when it disagrees with the metadata and other
/// evidence backs it: an article updated and republished under the same address often keeps
/// its first publication date in the metadata but shows readers the new one. The shown date
/// wins when the metadata's date appears nowhere on the page (neither in date markup nor in the
/// URL) and the shown date is the modification date or appears in date markup too.
fn shown_date(page: &DatePage<'_>, published: String, modified: Option<&str>) -> String {
    let DatePage { scan, order, .. } = *page;
    let limit = &page.limit;
    let Some(around) = page.around() else {
        return published;
    };
    let Some(shown) = limit.text(&around.after, order) else {
        return published;
    };
    let day = |s: &str| s.get(..10).map(str::to_string);
    let published_day = day(&published).unwrap_or_default();
    if published_day == shown {
        return published;
    }
    // The metadata's date stands when the page backs it too: in date markup or in the URL.
    let marked: Vec<String> = (0..scan.dates.len())
        .filter_map(|i| limit.day(page.markup_day(i)))
        .collect();
    let in_url = page
        .url_day()
        .is_some_and(|d| d.format("%Y-%m-%d").to_string() == published_day);
    if marked.contains(&published_day) || in_url {
        return published;
    }
    // An update shows a later date than the first publication.
    if shown < published_day {
        return published;
    }
    if let Some(m) = modified
        && day(m).as_deref() == Some(shown.as_str())
    {
        return m.to_string();
    }
    if marked.contains(&shown) {
        return shown;
    }
    published
}

/// A UTC timestamp names the wrong calendar day for readers east or west of Greenwich near
/// midnight: `2023-11-09T05:30:00Z` was shown as "November 8" in Minnesota. When the page
/// itself shows a date one day apart (in the URL or in visible date markup), that local date
/// is returned instead, without a time.
fn local_calendar_date(page: &DatePage<'_>, published: String) -> String {
    let scan = page.scan;
    let limit = &page.limit;
    if !(published.ends_with("+00:00") || published.ends_with('Z')) {
        return published;
    }
    let Some(day) = published
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return published;
    };
    let shown: Vec<NaiveDate> = page
        .url_day()
        .into_iter()
        .chain(
            scan.dates
                .iter()
                .enumerate()
                .filter(|(_, d)| !d.modified)
                .filter_map(|(i, _)| page.markup_day(i)),
        )
        .filter(|d| limit.accepts(*d))
        .collect();
    if shown.contains(&day) {
        return published;
    }
    match shown.iter().find(|d| (**d - day).num_days().abs() == 1) {
        Some(local) => local.format("%Y-%m-%d").to_string(),
        None => published,
    }
}

/// Visible text around the headline.
struct AroundTitle {
    /// The text of the heading that holds the title (the title itself when no heading does).
    heading: String,
    /// The text after the heading, up to [`TEXT_AFTER_TITLE`] bytes.
    after: String,
    /// The text before the heading, up to [`TEXT_BEFORE_TITLE`] bytes.
    before: String,
}

/// The visible text of, after and before the heading that holds the title, site chrome left
/// out.
fn text_around_title(doc: &scraper::Html, scan: &Scan, title: &str) -> AroundTitle {
    let want = compact(title);
    let anchor = scan
        .headings
        .iter()
        .find(|(_, h)| compact(h) == want)
        .or_else(|| {
            scan.headings.iter().find(|(_, h)| {
                let h = compact(h);
                !h.is_empty()
                    && (h.contains(&want) || want.contains(&h))
                    && h.len() * 2 >= want.len()
            })
        })
        .or_else(|| {
            // No heading holds the title: anchor at the first <h1>.
            let first_h1 = scan.h1.first()?;
            scan.headings.iter().find(|(_, h)| *h == first_h1.text)
        })
        .and_then(|(id, _)| doc.tree.get(*id));
    let Some(anchor) = anchor else {
        // Nothing to anchor at: the title itself is all there is near the title.
        return AroundTitle {
            heading: title.to_string(),
            after: String::new(),
            before: String::new(),
        };
    };
    let mut heading = String::new();
    let mut classes = scan.classes.borrow_mut();
    let classes = &mut *classes;
    visible_text_into(anchor, &mut heading, TEXT_AFTER_TITLE, classes);
    // After: the following siblings of the heading and those of its ancestors.
    let mut after = String::new();
    let mut cur = Some(anchor);
    while let Some(node) = cur {
        if after.len() >= TEXT_AFTER_TITLE {
            break;
        }
        for sib in node.next_siblings() {
            visible_text_into(sib, &mut after, TEXT_AFTER_TITLE, classes);
            if after.len() >= TEXT_AFTER_TITLE {
                break;
            }
        }
        cur = node.parent();
    }
    // Before: the preceding siblings of the heading and of its ancestors, nearest first.
    let mut pieces: Vec<String> = Vec::new();
    let mut size = 0;
    let mut cur = Some(anchor);
    'outer: while let Some(node) = cur {
        for sib in node.prev_siblings() {
            let mut t = String::new();
            visible_text_into(sib, &mut t, TEXT_BEFORE_TITLE, classes);
            size += t.len();
            pieces.push(t);
            if size >= TEXT_BEFORE_TITLE {
                break 'outer;
            }
        }
        cur = node.parent();
    }
    pieces.reverse();
    let before = pieces
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    AroundTitle {
        heading,
        after,
        before,
    }
}

/// Appends the visible text under `node` to `out` (scripts, styles and site chrome left out),
/// up to about `max` bytes; `classes` remembers what the class lists seen say.
fn visible_text_into(
    node: NodeRef<'_, Node>,
    out: &mut String,
    max: usize,
    classes: &mut ClassCache,
) {
    let mut buf = String::new();
    walk_pruned(node, |n| {
        if out.len() >= max {
            return Step::Stop;
        }
        match n.value() {
            Node::Element(el) => {
                let skip = matches!(
                    el.name(),
                    "script"
                        | "style"
                        | "noscript"
                        | "template"
                        | "svg"
                        | "nav"
                        | "select"
                        | "button"
                        | "form"
                ) || {
                    classify_text(el, &mut buf);
                    classes.level(&buf, true) != ChromeLevel::None
                };
                if skip {
                    return Step::Over;
                }
            }
            Node::Text(t) => push_words(out, t, max),
            _ => {}
        }
        Step::Into
    });
}

/// Leaves the lower-cased class and id of `el` in `buf`.
fn classify_text(el: &scraper::node::Element, buf: &mut String) {
    buf.clear();
    for (k, v) in el.attrs.iter() {
        if k.local == local_name!("class") || k.local == local_name!("id") {
            if !buf.is_empty() {
                buf.push(' ');
            }
            // The first 200 characters, lower-cased (ASCII only, byte-wise). A value of at most
            // 200 bytes has at most 200 characters: no need to count them.
            let end = if v.len() <= 200 {
                v.len()
            } else {
                v.char_indices().nth(200).map_or(v.len(), |(i, _)| i)
            };
            let start = buf.len();
            buf.push_str(&v[..end]);
            buf[start..].make_ascii_lowercase();
        }
    }
}

/// The date of `d`, which is `scan.dates[i]`: its machine value, else its visible text.
fn markup_date(page: &DatePage<'_>, i: usize, d: &MarkupDate) -> Option<String> {
    let limit = &page.limit;
    d.machine
        .as_deref()
        .and_then(|m| limit.machine(m))
        .or_else(|| limit.day(page.markup_day(i)))
}

// ---------------------------------------------------------------------------------------------
// Title
// ---------------------------------------------------------------------------------------------

/// Separators between a headline and a site name in `<title>` and `og:title`.
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " : ", " · ", " • ", " » ", " « ", " › ", " ‹ ", " / ",
    " ~ ", " ⋆ ", " │ ", ": ",
];

fn choose_title(
    scan: &Scan,
    ld: &JsonLd,
    site: Option<&str>,
    domain: Option<&str>,
) -> Option<String> {
    let strip = |t: &str| strip_site(&squash(t), site, domain);
    let raw_title = scan.title.as_deref().map(squash).filter(|t| !t.is_empty());
    let mut metas: Vec<String> = Vec::new();
    for c in [
        ld.headline.as_deref(),
        scan.meta("og:title"),
        scan.meta("twitter:title"),
        scan.meta("dc.title"),
        scan.meta("headline"),
        scan.meta("parsely-title"),
        scan.meta("sailthru.title"),
        scan.meta("citation_title"),
        ld.name.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        let c = strip(c);
        if !c.is_empty() && c.chars().count() <= 400 && !metas.contains(&c) {
            metas.push(c);
        }
    }

    // 1. The visible headline, when the metadata agrees with it: it keeps the page's own
    //    typography and leaves out kickers and site names.
    let mut known: Vec<String> = metas.iter().flat_map(|m| tokens(m)).collect();
    if let Some(t) = &raw_title {
        known.extend(tokens(&strip(t)));
    }
    // The heading sharing most words with the metadata, if at least half of its words; plain
    // <h1> first, then <h1> in chrome, then headings classed as titles.
    let mut best: Option<(usize, &Heading)> = None;
    for h in [&scan.h1, &scan.chrome_h1, &scan.title_like]
        .into_iter()
        .find(|group| {
            group.iter().any(|h| {
                let ht = tokens(&h.text);
                !ht.is_empty()
                    && !is_site_name(&h.text, site, domain)
                    && ht.iter().filter(|t| known.contains(t)).count() * 2 >= ht.len()
            })
        })
        .map_or(&[][..], |g| &g[..])
    {
        let ht = tokens(&h.text);
        if ht.is_empty() || ht.len() > 60 || is_site_name(&h.text, site, domain) {
            continue;
        }
        let shared = ht.iter().filter(|t| known.contains(t)).count();
        if shared * 2 < ht.len() {
            continue;
        }
        if best.is_none_or(|(s, _)| shared > s) {
            best = Some((shared, h));
        }
    }
    if let Some((_, h)) = best {
        // A kicker, date or subtitle in a child of its own is left out when the metadata
        // leaves it out too.
        let part = metas
            .iter()
            .chain(raw_title.iter())
            .find_map(|m| h.part_matching(m));
        return Some(
            part.or_else(|| h.without_kicker.clone())
                .unwrap_or_else(|| h.text.clone()),
        );
    }

    // 2. The metadata title that best matches <title>.
    let Some(raw) = raw_title else {
        // No <title>: the metadata, else the page's first headline.
        return metas.into_iter().next().or_else(|| {
            scan.h1
                .iter()
                .chain(&scan.title_like)
                .find(|h| !is_site_name(&h.text, site, domain))
                .map(|h| h.text.clone())
        });
    };
    let title_tokens = tokens(&raw);
    let mut best_meta: Option<(f64, &String)> = None;
    for c in &metas {
        let ct = tokens(c);
        if ct.is_empty() {
            continue;
        }
        let shared = ct.iter().filter(|t| title_tokens.contains(t)).count() as f64;
        let precision = shared / ct.len() as f64;
        let recall = shared / title_tokens.len().max(1) as f64;
        if precision < 0.6 {
            continue;
        }
        let score = precision * 0.6 + recall * 0.4;
        if best_meta.is_none_or(|(s, _)| score > s + 1e-9) {
            best_meta = Some((score, c));
        }
    }
    match best_meta {
        Some((_, c)) => Some(c.clone()),
        None => Some(strip(&raw)).filter(|s| !s.is_empty()),
    }
}

/// Lower-cased word tokens.
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Removes a site name prefix or suffix from a title.
/// The first of [`TITLE_SEPARATORS`] in `t` at or after byte `from`, as its start and length
/// (the shortest one when several start there): the earliest of each separator's first
/// occurrence, found in one pass. Every separator starts with a space or a colon.
fn next_separator(t: &str, from: usize) -> Option<(usize, usize)> {
    let rest = t.get(from..)?;
    memchr::memchr2_iter(b' ', b':', rest.as_bytes()).find_map(|i| {
        let here = &rest[i..];
        TITLE_SEPARATORS
            .iter()
            .filter(|sep| here.starts_with(*sep))
            .map(|sep| sep.len())
            .min()
            .map(|len| (from + i, len))
    })
}

fn strip_site(title: &str, site: Option<&str>, domain: Option<&str>) -> String {
    let names: Vec<String> = [site, domain]
        .into_iter()
        .flatten()
        .map(compact)
        .filter(|n| n.len() >= 2)
        .collect();
    if names.is_empty() {
        return title.trim().to_string();
    }
    let is_site = |part: &str| {
        let p = compact(part);
        !p.is_empty()
            && names.iter().any(|n| {
                p == *n
                    || (p.len() >= 4 && n.contains(&p))
                    || (n.len() >= 4 && p.contains(n.as_str()) && p.len() <= n.len() + 12)
            })
    };
    let mut t = title.trim().to_string();
    for _ in 0..3 {
        // The title cut at every separator: "Headline - Section | Site | Slogan".
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        let mut from = 0;
        while let Some((start, len)) = next_separator(&t, from) {
            cuts.push((start, start + len));
            from = start + len;
            if cuts.len() >= 12 {
                break;
            }
        }
        if cuts.is_empty() {
            break;
        }
        let segment = |k: usize| {
            let start = if k == 0 { 0 } else { cuts[k - 1].1 };
            let end = cuts.get(k).map_or(t.len(), |c| c.0);
            &t[start..end]
        };
        // "Site: Headline" is a prefix; "Headline. DRK: quote" is a speaker, not a suffix.
        let colon = |c: &(usize, usize)| t[c.0..c.1].trim() == ":";
        let Some(k) = (0..=cuts.len()).find(|&k| {
            is_site(segment(k))
                && (k == 0 || !colon(&cuts[k - 1]) && cuts.get(k).is_none_or(|c| !colon(c)))
        }) else {
            break;
        };
        let rest = if k == 0 {
            t[cuts[0].1..].trim()
        } else {
            t[..cuts[k - 1].0].trim()
        };
        if rest.is_empty() {
            break;
        }
        t = rest.to_string();
    }
    t
}

/// Lower-case letters and digits only, German umlauts spelled out and other accents dropped:
/// `"ZEIT ONLINE"`, `"zeit-online"` compare equal, and so do `"Schweizer Jäger"` and
/// `"schweizerjaeger"`.
fn compact(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            c if c.is_alphanumeric() => out.push(fold_accent(c)),
            _ => {}
        }
    }
    out
}

/// The base letter of common accented Latin letters; other characters unchanged.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'å' | 'ą' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ę' | 'ě' | 'ē' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ů' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ď' => 'd',
        'ť' => 't',
        other => other,
    }
}

/// The registrable-looking label of a URL's host: `https://www.zeit.de/x` gives `zeit`.
fn domain_label(u: &str) -> Option<String> {
    let parsed = url::Url::parse(u).ok()?;
    let host = parsed.host_str()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let mut parts: Vec<&str> = host.split('.').collect();
    if parts.len() >= 2 {
        parts.pop();
    }
    // "example.co.uk" → "example"
    if parts.len() >= 2
        && matches!(
            parts.last(),
            Some(&("co" | "com" | "org" | "net" | "gov" | "ac"))
        )
    {
        parts.pop();
    }
    parts.last().map(|s| s.to_string())
}

// ---------------------------------------------------------------------------------------------
// Authors
// ---------------------------------------------------------------------------------------------

fn choose_authors(
    scan: &Scan,
    ld: &JsonLd,
    site: Option<&str>,
    domain: Option<&str>,
) -> Vec<String> {
    let mut sources: Vec<Vec<&str>> = Vec::new();
    if !ld.authors.is_empty() {
        sources.push(ld.authors.iter().map(String::as_str).collect());
    }
    for key in [
        "author",
        "article:author",
        "byl",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "dcterms.creator",
        "citation_author",
    ] {
        let values: Vec<&str> = scan.metas_named(key).collect();
        if !values.is_empty() {
            sources.push(values);
        }
    }
    // Twitter card labels: "Written by" / "Verfasst von" with the name in the matching data.
    for (label, data) in [
        ("twitter:label1", "twitter:data1"),
        ("twitter:label2", "twitter:data2"),
    ] {
        if scan.meta(label).is_some_and(|l| {
            let l = l.to_lowercase();
            [
                "written",
                "author",
                "autor",
                "verfasst",
                "geschrieben",
                "auteur",
                "écrit",
                "escrito",
            ]
            .iter()
            .any(|w| l.contains(w))
        }) && let Some(d) = scan.meta(data)
        {
            sources.push(vec![d]);
        }
    }
    for (_, t) in &scan.author_texts {
        sources.push(vec![t.as_str()]);
    }
    for t in &scan.byline_texts {
        sources.push(vec![t.as_str()]);
    }
    // The first source that gives real names wins; one that only gives logins or initials
    // ("jdoe", "j.doe", "JD") is kept in case nothing better turns up.
    let mut fallback: Vec<String> = Vec::new();
    for raw in sources {
        let mut names: Vec<String> = Vec::new();
        for r in raw {
            for n in clean_authors(r) {
                if !is_site_name(&n, site, domain) && !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        if names.is_empty() {
            continue;
        }
        names.truncate(10);
        if names.iter().any(|n| !looks_like_login(n)) {
            return names;
        }
        if fallback.is_empty() {
            fallback = names;
        }
    }
    fallback
}

/// A login or initials rather than a written-out name: one word with dots or underscores, or
/// very short.
fn looks_like_login(name: &str) -> bool {
    !name.contains(' ') && (name.contains(['.', '_']) || name.chars().count() <= 3)
}

fn is_site_name(name: &str, site: Option<&str>, domain: Option<&str>) -> bool {
    let n = compact(name);
    if n.is_empty() {
        return false;
    }
    [site, domain].into_iter().flatten().map(compact).any(|s| {
        !s.is_empty()
            && (s == n
                || (n.len() >= 4 && s.contains(&n))
                || (s.len() >= 4 && n.contains(&s) && n.len() <= s.len() + 12))
    })
}

/// Where a visible byline starts: "By ...", "Von ...", "Ein Artikel von ...", "Autorin: ...".
static BYLINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?:
            (?i:(?:(?:ein|eine|a|an|un|une)\s+)?(?:blog\s*)?(?:artikel|beitrag|bericht|text|interview|post|article|story|report|words|reportage|geschrieben|verfasst|eingestellt|gepostet|posted|written|published|reported|publié|écrit|escrito|publicado|scritto|pubblicato|napisane?|opublikowano)\s+)?
            (?:[Vv]on|[Bb]y|BY|VON|[Pp]ar|[Pp]or|[Dd]oor|[Aa]v|[Pp]rzez|[Dd]i)\s+\p{Lu}
          |
            (?i:autor(?:in|en)?|author|authors|text|texte|redaktion|reporter|verfasser(?:in)?|interview)\s*:
        )",
    )
    .expect("static pattern is valid")
});

/// Lead words before a byline particle: "Ein Beitrag von", "Posts by", "Zeige alle Beiträge von".
const LEAD_WORDS: &[&str] = &[
    "ein",
    "eine",
    "a",
    "an",
    "un",
    "une",
    "blog",
    "artikel",
    "beitrag",
    "beiträge",
    "bericht",
    "text",
    "interview",
    "post",
    "posts",
    "article",
    "articles",
    "story",
    "stories",
    "report",
    "words",
    "reportage",
    "geschrieben",
    "verfasst",
    "eingestellt",
    "gepostet",
    "posted",
    "written",
    "published",
    "reported",
    "publié",
    "publiée",
    "écrit",
    "escrito",
    "publicado",
    "scritto",
    "pubblicato",
    "napisane",
    "napisany",
    "opublikowano",
    "zeige",
    "alle",
    "all",
    "view",
    "more",
    "mehr",
    "from",
    "weitere",
    "mit",
    "erstellt",
    "veröffentlicht",
    "aktualisiert",
    "bearbeitet",
    "zuletzt",
    "gesendet",
    "publiziert",
    "kommentar",
    "kolumne",
    "gastbeitrag",
    "analyse",
    "essay",
    "rezension",
];

/// Particles that introduce the name after the lead words.
const BYLINE_PARTICLES: &[&str] = &[
    "von", "vom", "by", "par", "por", "door", "av", "przez", "di", "da", "de", "of", "от",
];

/// [`LEAD_WORDS`] and [`BYLINE_PARTICLES`], for looking a word up in both at once.
static BYLINE_FIRST_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| LEAD_WORDS.iter().chain(BYLINE_PARTICLES).copied().collect());

/// Whether `s` starts with a letter that can open [`AUTHOR_LABEL`] (the first letters of its
/// labels, in either case): a cheap exact test before the pattern.
fn may_open_author_label(s: &str) -> bool {
    s.starts_with(|c: char| {
        matches!(
            c.to_ascii_lowercase(),
            'a' | 't' | 'r' | 'v' | 'i' | 'b' | 'p' | 'd' | 'e' | 'w'
        ) || matches!(c, 'а' | 'А')
    })
}

/// Labels before a name: "Autor:", "Text:", "Redaktion:".
static AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:autor(?:in|en)?|author(?:s)?|auteur(?:e|s)?|text|texte|redaktion|redakteur(?:in)?|reporter|verfasser(?:in)?|interview|escrito por|автор|written by|posted by|by|von|par|por|door|av|przez)\s*(?:[:：]\s*|\s+|$)",
    )
    .expect("static pattern is valid")
});

/// Labels of picture credits, whose names are not authors of the text.
static PHOTO_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:fotos?|photos?|bild(?:er)?|illustrations?|grafik|images?|video|kamera|camera|quelle|source|credit)(?:\s*[:：]|\s+(?:by|von|de|par|por|di|av)\b)")
        .expect("static pattern is valid")
});

static AUTHOR_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*(?:,|;|/|\||·|•|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\boraz\b|\bog\b|\boch\b|\bи\b)\s*")
        .expect("static pattern is valid")
});

/// Where a byline stops: a date, a time, or a separator before other information.
static AUTHOR_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\p{L}\d])\d|\s[|–—•·]\s|\s-\s|\s(?:am|um|on|at|le|el|il|den|vom|in|im|für|for|pour|para|per)\s")
        .expect("static pattern is valid")
});

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\S+@\S+\.\w+|@\w+").expect("static pattern is valid"));

static PARENTHESES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^)]*\)?|\[[^\]]*\]?").expect("static pattern is valid"));

/// Words that are roles or page furniture, not names.
const ROLE_WORDS: &[&str] = &[
    "staff",
    "writer",
    "writers",
    "editor",
    "editors",
    "reporter",
    "reporters",
    "correspondent",
    "contributor",
    "contributing",
    "senior",
    "chief",
    "columnist",
    "redakteur",
    "redakteurin",
    "redaktion",
    "korrespondent",
    "korrespondentin",
    "autor",
    "autorin",
    "author",
    "journalist",
    "journalistin",
    "freelance",
    "freier",
    "freie",
    "mitarbeiter",
    "mitarbeiterin",
    "photographer",
    "fotograf",
    "fotografin",
    "team",
    "desk",
    "newsroom",
    "redaction",
    "rédaction",
    "rédacteur",
    "rédactrice",
    "redacción",
    "redactor",
    "redactora",
    "redakcja",
    "dziennikarz",
    "dziennikarka",
    "admin",
    "administrator",
    "guest",
    "gastautor",
    "gastautorin",
    "experte",
    "expertin",
    "expert",
    "updated",
    "aktualisiert",
    "published",
    "veröffentlicht",
    "posted",
    "uhr",
    "min",
    "minuten",
    "read",
    "lesezeit",
    "more",
    "mehr",
    "articles",
    "artikel",
    "beiträge",
    "alle",
    "all",
    "view",
    "profile",
    "follow",
    "folgen",
    "email",
    "e-mail",
    "twitter",
    "facebook",
    "instagram",
    "linkedin",
    "datum",
];

/// Academic degrees written after a name ("Jane Doe, PhD"): a part that is only one of these
/// is dropped.
const DEGREES: &[&str] = &[
    "phd", "ph.d.", "ph.d", "md", "m.d.", "msc", "m.sc.", "mba", "rd", "bsc", "ma", "ba", "ms",
    "dphil", "jd", "mph", "rn", "cdn",
];

/// Day names, full and abbreviated, that bylines put before a date.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];

/// Lower-case words that may start a name.
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das",
    "ten", "ter", "zu", "al", "el", "bin", "ibn",
];

/// Endings of words that name a role or a job ("Projektleiterin", "Pressesprecher",
/// "Director"): a part of a byline that starts with one is not a name.
const ROLE_STEMS: &[&str] = &[
    "leiter",
    "leiterin",
    "sprecher",
    "sprecherin",
    "referent",
    "referentin",
    "direktor",
    "direktorin",
    "präsident",
    "präsidentin",
    "vorsitzende",
    "vorsitzender",
    "professor",
    "professorin",
    "beauftragte",
    "beauftragter",
    "manager",
    "managerin",
    "director",
    "editor",
    "president",
    "officer",
    "founder",
    "researcher",
    "analyst",
    "fellow",
    "student",
    "studentin",
    "mitglied",
    "member",
    "geschäftsführer",
    "geschäftsführerin",
    "inhaber",
    "inhaberin",
    "gründer",
    "gründerin",
    "experte",
    "expertin",
    "korrespondent",
    "korrespondentin",
    "redakteur",
    "redakteurin",
    "journalist",
    "journalistin",
];

/// Words a cut-off date or time leaves at the end of a byline ("Jane Doe Stand:").
const TRAILING_NOISE: &[&str] = &[
    "stand",
    "aktualisiert",
    "updated",
    "update",
    "published",
    "veröffentlicht",
    "posted",
    "am",
    "on",
    "le",
    "el",
    "il",
    "den",
    "vom",
    "at",
    "um",
    "publié",
    "publicado",
    "actualizado",
    "vor",
    "ago",
    "hace",
    "datum",
    "date",
    "fecha",
    "data",
];

/// Splits and cleans a raw author string into person names: "By Jane Doe and John Roe, Staff
/// Writers | April 21, 2024" gives `["Jane Doe", "John Roe"]`. Returns nothing for URLs and for
/// strings that look like lists of categories rather than bylines.
pub fn clean_authors(raw: &str) -> Vec<String> {
    let raw = squash(raw);
    if raw.is_empty() || raw.len() > 300 {
        return Vec::new();
    }
    if raw.contains("://") || raw.starts_with("www.") || raw.starts_with('/') {
        return Vec::new();
    }
    if PHOTO_LABEL.is_match(&raw) {
        return Vec::new();
    }
    // Every e-mail match holds an `@`, every bracket match a `(` or `[`: without them the
    // patterns cannot change the text, and need not run (nor be built).
    let text = if raw.contains('@') {
        EMAIL.replace_all(&raw, " ")
    } else {
        Cow::Borrowed(raw.as_str())
    };
    let text = if text.contains(['(', '[']) {
        PARENTHESES.replace_all(&text, " ")
    } else {
        Cow::Borrowed(&*text)
    };
    let mut text = squash(&text);
    text = strip_byline_lead(&text);
    // Stop at the first date, time or separator ("Jane Doe | 21.04.2024", "Jane Doe am 21.").
    if let Some(m) = AUTHOR_STOP.find(&text)
        && m.start() > 0
    {
        text.truncate(m.start());
    }
    let parts: Vec<&str> = AUTHOR_SPLIT.split(&text).collect();
    if parts.iter().filter(|p| !p.trim().is_empty()).count() > 6 {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        if PHOTO_LABEL.is_match(part.trim()) {
            continue;
        }
        let part = strip_byline_lead(part.trim());
        if let Some(name) = clean_name(&part)
            && !out.contains(&name)
        {
            out.push(name);
        }
    }
    // "Jane Doe, dpa": an agency code next to a written-out name is not a second author.
    if out.iter().any(|n| n.contains(' ')) {
        out.retain(|n| n.contains(' ') || n.chars().any(char::is_uppercase));
    }
    out
}

/// Removes labels and lead words before a name: "Autor:", "By", "Ein Beitrag von",
/// "Zeige alle Beiträge von".
fn strip_byline_lead(s: &str) -> String {
    let mut t = s
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '@')
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .to_string();
    for _ in 0..4 {
        let before = t.len();
        // "Ein Beitrag von X": lead words, then a particle.
        let words: Vec<&str> = t.split_whitespace().collect();
        // Lead words are known ones or lower-case ones: "Ursula von der Leyen" keeps her name.
        if let Some(i) = words.iter().take(6).position(|w| {
            BYLINE_PARTICLES.contains(&w.trim_end_matches(':').to_lowercase().as_str())
        }) && i + 1 < words.len()
            && words[..i].iter().all(|w| {
                LEAD_WORDS.contains(&w.trim_end_matches(':').to_lowercase().as_str())
                    || !w.chars().any(char::is_uppercase)
            })
        {
            t = words[i + 1..].join(" ");
        }
        // "Responsible editor: Jane Doe", "责任编辑:孔德明": a short label before a colon.
        if let Some(i) = t.find([':', '：'])
            && i <= 40
            && t[..i].split_whitespace().count() <= 3
            && !t[i..].trim_start_matches([':', '：']).trim().is_empty()
        {
            let label = &t[..i];
            if !label.chars().any(|c| c.is_ascii_digit()) {
                t = t[i..].trim_start_matches([':', '：']).trim().to_string();
            }
        }
        t = AUTHOR_LABEL.replace(&t, "").to_string();
        t = t
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '.')
            .to_string();
        if t.len() == before {
            break;
        }
    }
    t
}

/// One cleaned name, or `None` when the part is not a name.
fn clean_name(part: &str) -> Option<String> {
    let lower = part.to_lowercase();
    if DEGREES.contains(&lower.as_str()) {
        return None;
    }
    let mut words: Vec<&str> = part
        .split_whitespace()
        .filter(|w| !w.starts_with('@'))
        .filter(|w| {
            let lw = w.to_lowercase();
            let lw = lw.trim_matches(|c: char| !c.is_alphanumeric());
            // A hyphenated role such as "Focus-Online-Experte" counts as a role.
            let last = lw.rsplit('-').next().unwrap_or(lw);
            !ROLE_WORDS.contains(&lw) && !ROLE_WORDS.contains(&last)
        })
        .collect();
    // Weekday names and connectors left at the end by a cut date ("Jane Doe Fr,", "John am").
    while let Some(last) = words.last() {
        let l = last
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if WEEKDAYS.contains(&l.as_str())
            || TRAILING_NOISE.contains(&l.as_str())
            || date::month_from_name(&l).is_some()
            || l.is_empty()
        {
            words.pop();
        } else {
            break;
        }
    }
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    // Digits belong in logins ("delta201"), not in written-out names or dates.
    if words
        .iter()
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        || (words.len() > 1 && words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())))
    {
        return None;
    }
    // "a computer science professor", "der Redaktion": a lower-case first word starts a
    // phrase, not a name (name particles such as "van der" aside).
    if words.len() > 1
        && words[0].chars().next().is_some_and(char::is_lowercase)
        && !NAME_PARTICLES.contains(&words[0])
    {
        return None;
    }
    // "Projektleiterin der HSS", "Director of Research": a role, not a name.
    if words[0].chars().count() > 3 && {
        let first = words[0].to_lowercase();
        ROLE_STEMS.iter().any(|r| first.ends_with(r))
    } {
        return None;
    }
    let mut name = words.join(" ");
    // Keep the dot of an initial or "Jr."; drop other trailing punctuation.
    let last_len = words.last().map_or(0, |w| w.chars().count());
    name = name
        .trim_end_matches([':', ',', ';', '-', '–', '|'])
        .to_string();
    if name.ends_with('.') && last_len > 3 {
        name.pop();
    }
    let name = name
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || name.chars().count() > 60 {
        return None;
    }
    let lw = name.to_lowercase();
    if WEEKDAYS.contains(&lw.as_str()) || BYLINE_PARTICLES.contains(&lw.as_str()) {
        return None;
    }
    Some(name)
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/// `href` made absolute against `base` when it is relative and a base is known; `None` for
/// empty values and non-web schemes.
fn absolutize(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with("data:") || href.starts_with("javascript:") {
        return None;
    }
    if let Ok(u) = url::Url::parse(href) {
        return matches!(u.scheme(), "http" | "https").then(|| u.to_string());
    }
    let base = base.and_then(|b| url::Url::parse(b).ok())?;
    base.join(href).ok().map(|u| u.to_string())
}

/// The ISO 639-1 code of a language tag or locale: `de-DE`, `de_DE`, `DE` give `de`.
fn language_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_', ',', ';', ' ']).next()?;
    let primary = primary.to_ascii_lowercase();
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_skips_hidden_and_chrome_subtrees() {
        let html = "<html><body><div id=a>One <nav>Menu <b>x</b></nav><span class=related>More</span>\
                    two<br>three <script>var s;</script><p hidden>h</p></div></body></html>";
        let doc = scraper::Html::parse_document(html);
        let div = doc
            .tree
            .root()
            .descendants()
            .find(|n| matches!(n.value(), Node::Element(e) if e.name() == "div"))
            .unwrap();
        let mut visible = String::new();
        visible_text_into(div, &mut visible, 1000, &mut ClassCache::default());
        assert_eq!(
            visible.split_whitespace().collect::<Vec<_>>(),
            ["One", "two", "three", "h"]
        );
        let mut raw = String::new();
        raw_text_into(div, &mut raw, 1000);
        assert_eq!(
            raw.split_whitespace().collect::<Vec<_>>(),
            ["One", "Menu", "xMoretwo", "three"]
        );
        // Deep nesting is walked without recursion.
        let deep = format!("{}deep{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        let doc = scraper::Html::parse_document(&deep);
        let mut text = String::new();
        raw_text_into(doc.tree.root(), &mut text, 100);
        assert_eq!(text, "deep");
    }
    use chrono::TimeZone;

    fn meta(html: &str) -> Metadata {
        meta_at(html, None)
    }

    fn meta_at(html: &str, url: Option<&str>) -> Metadata {
        let doc = scraper::Html::parse_document(html);
        let fetched = Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).single();
        extract_metadata(&doc, url, fetched)
    }

    #[test]
    fn json_ld_article() {
        let m = meta(
            r#"<html><head><title>Big news today | The Daily</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
              "headline":"Big news today","datePublished":"2024-04-21T10:00:00+02:00",
              "dateModified":"2024-04-22T08:00:00Z","author":[{"@type":"Person","name":"Jane Doe"},
              {"@type":"Person","name":"John Roe"}],"publisher":{"@type":"Organization","name":"The Daily"},
              "image":{"@type":"ImageObject","url":"https://example.com/a.jpg"},"inLanguage":"en-US"}
            </script></head><body><h1>Big news today</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Big news today"));
        assert_eq!(m.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(m.published.as_deref(), Some("2024-04-21T10:00:00+02:00"));
        assert_eq!(m.modified.as_deref(), Some("2024-04-22T08:00:00+00:00"));
        assert_eq!(m.site.as_deref(), Some("The Daily"));
        assert_eq!(m.image.as_deref(), Some("https://example.com/a.jpg"));
        assert_eq!(m.language.as_deref(), Some("en"));
    }

    #[test]
    fn json_ld_graph_with_references_and_broken_json() {
        let m = meta(
            r#"<html><head><title>Ein Titel – Beispielblatt</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
              {"@type":"WebPage","@id":"https://x.de/#webpage","name":"Ein Titel – Beispielblatt",},
              {"@type":"Article","@id":"https://x.de/#article","headline":"Ein Titel",
               "author":{"@id":"https://x.de/#/person/1"},"datePublished":"2023-11-05T09:30:00+01:00",
               "mainEntityOfPage":{"@id":"https://x.de/#webpage"}},
              {"@type":"Person","@id":"https://x.de/#/person/1","name":"Erika Mustermann"},
            ]}</script></head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Ein Titel"));
        assert_eq!(m.authors, ["Erika Mustermann"]);
        assert_eq!(m.published.as_deref(), Some("2023-11-05T09:30:00+01:00"));
    }

    #[test]
    fn json_ld_main_entity_and_control_characters() {
        let m = meta(
            "<html><head><script type=\"application/ld+json\">{\"@type\":\"WebPage\",\"mainEntity\":{\"@type\":\"BlogPosting\",\"headline\":\"Line\tbreak\",\"datePublished\":\"2022-02-03\",\"author\":\"Ana García\"}}</script></head></html>",
        );
        assert_eq!(m.published.as_deref(), Some("2022-02-03"));
        assert_eq!(m.authors, ["Ana García"]);
        assert_eq!(m.title.as_deref(), Some("Line break"));
    }

    #[test]
    fn meta_tags() {
        let m = meta_at(
            r#"<html lang="de-DE"><head><title>Wahl im Land - Stadtanzeiger</title>
            <meta property="og:title" content="Wahl im Land">
            <meta property="og:site_name" content="Stadtanzeiger">
            <meta property="article:published_time" content="2024-03-01T12:00:00+01:00">
            <meta property="article:modified_time" content="2024-03-02T12:00:00+01:00">
            <meta property="article:author" content="https://example.com/autor/max">
            <meta name="author" content="Max Muster">
            <meta name="description" content="Kurz gesagt.">
            <meta property="og:image" content="/img/a.jpg">
            <link rel="canonical" href="/politik/wahl">
            </head><body></body></html>"#,
            Some("https://www.stadtanzeiger.de/politik/wahl?ref=x"),
        );
        assert_eq!(m.title.as_deref(), Some("Wahl im Land"));
        assert_eq!(m.site.as_deref(), Some("Stadtanzeiger"));
        assert_eq!(m.published.as_deref(), Some("2024-03-01T12:00:00+01:00"));
        assert_eq!(m.modified.as_deref(), Some("2024-03-02T12:00:00+01:00"));
        assert_eq!(m.authors, ["Max Muster"]);
        assert_eq!(m.description.as_deref(), Some("Kurz gesagt."));
        assert_eq!(
            m.image.as_deref(),
            Some("https://www.stadtanzeiger.de/img/a.jpg")
        );
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://www.stadtanzeiger.de/politik/wahl")
        );
        assert_eq!(m.language.as_deref(), Some("de"));
    }

    #[test]
    fn other_date_meta_names() {
        for (name, value) in [
            ("pubdate", "20240102"),
            ("DC.date.issued", "2024-01-02"),
            ("sailthru.date", "2024-01-02 10:00:00"),
            ("parsely-pub-date", "2024-01-02T10:00:00Z"),
            ("citation_publication_date", "2024/01/02"),
        ] {
            let m = meta(&format!(
                r#"<html><head><meta name="{name}" content="{value}"></head></html>"#
            ));
            assert_eq!(
                m.published.as_deref().and_then(|d| d.get(..10)),
                Some("2024-01-02"),
                "{name}"
            );
        }
    }

    #[test]
    fn future_and_ancient_dates_are_rejected() {
        let m = meta(
            r#"<html><head><meta property="article:published_time" content="2030-01-01">
            <meta name="date" content="1970-01-01"></head>
            <body><h1>T</h1><p>Published 3 May 2024</p></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2024-05-03"));
    }

    #[test]
    fn time_elements_and_date_classes() {
        let m = meta(
            r#"<html><body><article><h1>Title</h1>
            <time datetime="2024-02-10T08:00:00Z">10 Feb</time></article></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2024-02-10T08:00:00+00:00"));

        let m = meta(
            r#"<html><body><h1>Tytuł</h1><span class="post-date">21 kwietnia 2024</span></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2024-04-21"));

        let m = meta(
            r#"<html><body><h1>Titel</h1><div class="artikel-datum">Stand: 21.04.2024, 10:00 Uhr</div></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2024-04-21"));
    }

    #[test]
    fn dates_in_comments_and_navigation_are_ignored() {
        let m = meta(
            r#"<html><body><nav><span class="date">01.01.2024</span></nav>
            <h1>Titel</h1><p>Text</p>
            <div class="comments"><span class="date">05.05.2024</span></div></body></html>"#,
        );
        assert_eq!(m.published, None);
    }

    #[test]
    fn url_date_and_text_fallback() {
        let m = meta_at(
            "<html><body><h1>T</h1></body></html>",
            Some("https://example.com/2024/04/21/story/"),
        );
        assert_eq!(m.published.as_deref(), Some("2024-04-21"));
        let m = meta("<html><body><h1>Titre</h1><p>Publié le 21 avril 2024</p></body></html>");
        assert_eq!(m.published.as_deref(), Some("2024-04-21"));
    }

    #[test]
    fn us_english_slashes_are_month_first() {
        let m = meta(
            r#"<html lang="en-US"><body><h1>T</h1><span class="date">05/04/2024</span></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2024-05-04"));
        let m = meta(
            r#"<html lang="fr"><body><h1>T</h1><span class="date">05/04/2024</span></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2024-04-05"));
    }

    #[test]
    fn bylines_in_markup() {
        let m = meta(
            r#"<html><body><h1>T</h1><div class="byline">By Jane Doe and John Roe, Staff Writers | April 21, 2024</div></body></html>"#,
        );
        assert_eq!(m.authors, ["Jane Doe", "John Roe"]);

        let m = meta(r#"<html><body><h1>T</h1><p class="autor">Von Max Muster</p></body></html>"#);
        assert_eq!(m.authors, ["Max Muster"]);

        let m = meta(
            r#"<html><body><h1>T</h1><span itemprop="author" itemscope><span itemprop="name">Marie Curie</span></span></body></html>"#,
        );
        assert_eq!(m.authors, ["Marie Curie"]);

        let m = meta(
            r#"<html><body><h1>T</h1><a rel="author" href="/u/1">Jan Kowalski</a></body></html>"#,
        );
        assert_eq!(m.authors, ["Jan Kowalski"]);
    }

    #[test]
    fn author_cleaning() {
        assert_eq!(clean_authors("By Jane Doe"), ["Jane Doe"]);
        assert_eq!(
            clean_authors("Von Max Muster und Erika Muster"),
            ["Max Muster", "Erika Muster"]
        );
        assert_eq!(clean_authors("Par Jean Dupont"), ["Jean Dupont"]);
        assert_eq!(
            clean_authors("Por Ana García y Luis Pérez"),
            ["Ana García", "Luis Pérez"]
        );
        assert_eq!(clean_authors("Autor: Jan Nowak"), ["Jan Nowak"]);
        assert_eq!(clean_authors("Text: Anna Berg (dpa)"), ["Anna Berg"]);
        assert_eq!(clean_authors("Av Ola Nordmann"), ["Ola Nordmann"]);
        assert_eq!(clean_authors("Door Jan Jansen"), ["Jan Jansen"]);
        assert_eq!(clean_authors("Jane Doe jane@example.com"), ["Jane Doe"]);
        assert!(clean_authors("https://example.com/authors/jane").is_empty());
        assert_eq!(clean_authors("A, B, C"), Vec::<String>::new());
    }

    #[test]
    fn site_name_is_not_an_author() {
        let m = meta(
            r#"<html><head><meta property="og:site_name" content="Daily Planet">
            <meta name="author" content="Daily Planet"></head>
            <body><h1>T</h1><span class="author">Clark Kent</span></body></html>"#,
        );
        assert_eq!(m.authors, ["Clark Kent"]);
    }

    #[test]
    fn title_site_suffixes_and_prefixes() {
        let site = Some("Example News");
        assert_eq!(
            strip_site("Headline here | Example News", site, None),
            "Headline here"
        );
        assert_eq!(
            strip_site("Headline here - Example News", site, None),
            "Headline here"
        );
        assert_eq!(
            strip_site("Headline here – Example News", site, None),
            "Headline here"
        );
        assert_eq!(
            strip_site("Headline here :: Example News", site, None),
            "Headline here"
        );
        assert_eq!(
            strip_site("Example News: Headline here", site, None),
            "Headline here"
        );
        assert_eq!(
            strip_site("Headline - with dash", site, None),
            "Headline - with dash"
        );
        assert_eq!(
            strip_site("Headline here | examplenews.com", None, Some("examplenews")),
            "Headline here"
        );
        assert_eq!(
            strip_site(
                "Headline here – Example News | Since 2005 | Volume 6",
                site,
                None
            ),
            "Headline here"
        );
        assert_eq!(
            strip_site("Headline here › example.news", None, Some("example")),
            "Headline here"
        );
        assert_eq!(
            strip_site("Headline - part two", site, None),
            "Headline - part two"
        );
    }

    #[test]
    fn title_prefers_the_candidate_matching_title_tag() {
        let m = meta(
            r#"<html><head><title>Storm hits coast | Coast Times</title>
            <meta property="og:title" content="Share this!"></head>
            <body><h1>Storm hits coast</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Storm hits coast"));
        let m = meta(r#"<html><head><title>Only a title</title></head><body></body></html>"#);
        assert_eq!(m.title.as_deref(), Some("Only a title"));
    }

    #[test]
    fn svg_titles_are_ignored() {
        let m = meta(
            r#"<html><body><svg><title>Icon</title></svg><h1>Real headline</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Real headline"));
    }

    #[test]
    fn empty_and_hostile_pages_do_not_panic() {
        assert_eq!(meta(""), Metadata::default());
        let deep = "<div>".repeat(50_000) + "x";
        let _ = meta(&deep);
        let ld = format!(
            r#"<script type="application/ld+json">{}1{}</script>"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let _ = meta(&ld);
        let _ = meta("<script type=\"application/ld+json\">{not json at all</script>");
    }

    #[test]
    fn languages() {
        assert_eq!(language_code("de-DE").as_deref(), Some("de"));
        assert_eq!(language_code("pt_BR").as_deref(), Some("pt"));
        assert_eq!(language_code("EN").as_deref(), Some("en"));
        assert_eq!(language_code("x-default"), None);
        let m = meta(r#"<html><head><meta property="og:locale" content="pl_PL"></head></html>"#);
        assert_eq!(m.language.as_deref(), Some("pl"));
    }

    #[test]
    fn headline_keeps_page_typography_and_drops_kicker() {
        let m = meta(
            r#"<html><head><title>Storm: "Worst in years" | Coast Times</title>
            <meta property="og:title" content="Storm: "Worst in years""></head>
            <body><h1>Storm: „Worst in years“</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Storm: „Worst in years“"));

        let m = meta(
            r#"<html><head><title>Große Aufgaben für die neue Regierung</title>
            <meta property="og:title" content="Große Aufgaben für die neue Regierung"></head>
            <body><h1><small>Tunesien</small><br> Große Aufgaben für die neue Regierung</h1></body></html>"#,
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Große Aufgaben für die neue Regierung")
        );

        let m = meta(
            r#"<html><head><title>Klimaschutz: Bohren, bis es heiß wird | Zeitung</title></head>
            <body><h1><span class="kicker">Klimaschutz</span><span class="visually-hidden">: </span>
            <span>Bohren, bis es heiß wird</span></h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Bohren, bis es heiß wird"));
    }

    #[test]
    fn kicker_before_quoted_headline() {
        let m = meta(
            r#"<html><head><title>Die Zukunft der Arbeit - "Wir dekorieren um"</title></head>
            <body><h1><span class="overline">Die Zukunft der Arbeit</span>"Wir dekorieren um"</h1></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("\"Wir dekorieren um\""));
    }

    #[test]
    fn site_logo_headings_are_not_titles() {
        let m = meta_at(
            r#"<html><head><title>Paris Fashion Week: the verdict - Modeblog</title></head>
            <body><h1>Modeblog</h1><article><h1>Paris Fashion Week: the verdict</h1></article></body></html>"#,
            Some("https://www.modeblog.example/paris"),
        );
        assert_eq!(m.title.as_deref(), Some("Paris Fashion Week: the verdict"));
    }

    #[test]
    fn headline_in_breadcrumb_is_used_when_metadata_agrees() {
        let m = meta(
            r#"<html><head><title>What is a lining wall? - DAS HAUS</title></head>
            <body><nav class="breadcrumb"><ol><li><h1>What is a lining wall?</h1></li></ol></nav>
            <p>Text.</p></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("What is a lining wall?"));
    }

    #[test]
    fn bylines_in_text_lines() {
        let m = meta(
            r#"<html><body><h1>T</h1><div><p>Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022</p></div></body></html>"#,
        );
        assert_eq!(m.authors, ["Pamela Sladky"]);

        let m =
            meta(r#"<html><body><h1>T</h1><div><h5>Autor:</h5>Peter Maahn</div></body></html>"#);
        assert_eq!(m.authors, ["Peter Maahn"]);

        // "von" in the middle of a sentence is no byline.
        let m = meta(
            r#"<html><body><h1>T</h1><p>Ein Film <a href="/x">mit Musik</a> von Einheimischen und Gästen.</p></body></html>"#,
        );
        assert!(m.authors.is_empty(), "{:?}", m.authors);
    }

    #[test]
    fn twitter_labels_and_json_ld_string_references() {
        let m = meta(
            r#"<html><head><meta name="twitter:label1" content="Written by">
            <meta name="twitter:data1" content="Karoline Herr"></head></html>"#,
        );
        assert_eq!(m.authors, ["Karoline Herr"]);

        let m = meta(
            r##"<html><head><script type="application/ld+json">{"@graph":[
              {"@type":"Article","headline":"H","author":"https://x.example/#/person/1"},
              {"@type":"Person","@id":"https://x.example/#/person/1","name":"Jan Kowalski"}]}
            </script></head></html>"##,
        );
        assert_eq!(m.authors, ["Jan Kowalski"]);
    }

    #[test]
    fn shown_update_date_wins_over_stale_metadata() {
        let m = meta(
            r#"<html><head><meta property="article:published_time" content="2021-01-10T08:00:00+01:00">
            <meta property="article:modified_time" content="2023-05-05T09:00:00+02:00">
            <title>Wellness hotels</title></head>
            <body><h1>Wellness hotels</h1><p>5. Mai 2023</p><p>Text.</p></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2023-05-05T09:00:00+02:00"));

        // An earlier shown date (another article's) does not replace the publication date.
        let m = meta(
            r#"<html><head><meta property="article:published_time" content="2023-05-05T09:00:00+02:00">
            <meta property="article:modified_time" content="2021-01-10T08:00:00+01:00">
            <title>Wellness hotels</title></head>
            <body><h1>Wellness hotels</h1><p>10. Januar 2021</p></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2023-05-05T09:00:00+02:00"));
    }

    #[test]
    fn utc_timestamps_give_way_to_the_local_date_the_page_shows() {
        let m = meta_at(
            r#"<html><head><meta property="article:published_time" content="2023-11-09T05:30:59+00:00"></head>
            <body><h1>Mayor elected</h1></body></html>"#,
            Some("https://news.example/2023/11/08/mayor-elected/"),
        );
        assert_eq!(m.published.as_deref(), Some("2023-11-08"));
        // Without a local date to go by, the timestamp stands.
        let m = meta(
            r#"<html><head><meta property="article:published_time" content="2023-11-09T05:30:59+00:00"></head></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2023-11-09T05:30:59+00:00"));
    }

    #[test]
    fn ambiguous_machine_dates_follow_the_other_dates() {
        let m = meta(
            r#"<html lang="es"><head><meta property="article:published_time" content="10/05/2022 05:22 pm">
            <meta property="article:modified_time" content="2022/05/10 17:36:11"></head></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2022-05-10"));
        let m = meta(
            r#"<html lang="de"><head><meta name="date" content="11/01/2023 12:43:42"></head>
            <body><h1>Trinkwasser belastet</h1><p>Erstellt am: 01.11.2023</p></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2023-11-01"));
    }

    #[test]
    fn more_author_cleaning() {
        assert_eq!(
            clean_authors("Zeige alle Beiträge von Petra Ruland"),
            ["Petra Ruland"]
        );
        assert_eq!(clean_authors("Erstellt von Andri Bryner"), ["Andri Bryner"]);
        assert_eq!(clean_authors("Jane Doe, PhD"), ["Jane Doe"]);
        assert_eq!(
            clean_authors("Posted by Daniel Lemire, a computer science professor"),
            ["Daniel Lemire"]
        );
        assert_eq!(
            clean_authors("Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien."),
            ["Uta Staschewski"]
        );
        assert_eq!(clean_authors("Von David Hutzler, dpa"), ["David Hutzler"]);
        assert_eq!(
            clean_authors("Von Tomas Spahn Fr, 18. Oktober 2019"),
            ["Tomas Spahn"]
        );
        assert_eq!(clean_authors("Perry Bacon Jr."), ["Perry Bacon Jr."]);
        assert_eq!(clean_authors("bo2man"), ["bo2man"]);
        assert_eq!(
            clean_authors("Williams Perdomo @wperdomod"),
            ["Williams Perdomo"]
        );
        assert_eq!(
            clean_authors("Focus-Online-Experte Robin Tschöpe"),
            ["Robin Tschöpe"]
        );
        assert_eq!(
            clean_authors("Ursula von der Leyen"),
            ["Ursula von der Leyen"]
        );
        assert!(clean_authors("Foto: Max Muster").is_empty());
        assert!(clean_authors("Photo by Ev on Unsplash").is_empty());
        assert!(clean_authors("01.12.2022 / CSP / International / Photovoltaik / Solarthermie / Speicher / Wirtschaft").is_empty());
    }

    #[test]
    fn chrome_classes() {
        assert_eq!(
            chrome_class_level("comment-list", true),
            ChromeLevel::Strong
        );
        assert_eq!(
            chrome_class_level("post-comments", true),
            ChromeLevel::Strong
        );
        assert_eq!(
            chrome_class_level("has-sidebar no-comments", false),
            ChromeLevel::None
        );
        assert_eq!(
            chrome_class_level("page-navigation-overlay-wrapper", false),
            ChromeLevel::None
        );
        assert_eq!(
            chrome_class_level("right-sidebar", false),
            ChromeLevel::Outer
        );
        assert_eq!(chrome_class_level("right-sidebar", true), ChromeLevel::None);
        assert_eq!(chrome_class_level("post-author", false), ChromeLevel::None);
    }

    /// The class-word test as first written (split into parts, scan the word lists): the
    /// reference the faster [`chrome_word_level`] must agree with.
    fn chrome_word_level_reference(classes: &str, in_article: bool) -> ChromeLevel {
        let mut level = ChromeLevel::None;
        for token in classes.split_ascii_whitespace() {
            let mut parts = token.split(['-', '_']).filter(|p| !p.is_empty());
            let Some(first) = parts.next() else {
                continue;
            };
            if is_state_word(first) {
                continue;
            }
            let last = parts.next_back().unwrap_or(first);
            for p in [first, last] {
                if CHROME_WORDS.contains(&p) {
                    return ChromeLevel::Strong;
                }
                if !in_article && OUTER_CHROME_WORDS.contains(&p) {
                    level = ChromeLevel::Outer;
                }
            }
        }
        level
    }

    #[test]
    fn chrome_words_agree_with_the_reference() {
        let pieces = [
            "", " ", "-", "_", "--", "comment", "comments", "ad", "ads", "nav", "menu", "has",
            "no", "sidebar", "aside", "footer", "author", "x", "teaser", "Ad", "\u{e9}", "main",
        ];
        let mut checked = 0;
        // Every string of up to four pieces.
        crate::testutil::for_each_string(&pieces, 4, |s| {
            for in_article in [false, true] {
                assert_eq!(
                    chrome_word_level(s, in_article),
                    chrome_word_level_reference(s, in_article),
                    "{s:?} in_article={in_article}"
                );
            }
            // The cache answers as the uncached test, asked in either order.
            if checked % 7 == 0 {
                let mut cache = ClassCache::default();
                for in_article in [checked % 2 == 0, checked % 2 != 0] {
                    assert_eq!(
                        cache.level(s, in_article),
                        chrome_class_level(s, in_article),
                        "{s:?} in_article={in_article}"
                    );
                }
            }
            checked += 1;
        });
        assert!(checked > 200_000);
        for w in CHROME_WORDS {
            assert!(is_chrome_word(w));
        }
        for w in OUTER_CHROME_WORDS {
            assert!(is_outer_chrome_word(w));
        }
    }

    #[test]
    fn separators_are_found_as_by_searching_each() {
        assert!(TITLE_SEPARATORS.iter().all(|s| s.starts_with([' ', ':'])));
        let reference = |t: &str, from: usize| {
            TITLE_SEPARATORS
                .iter()
                .filter_map(|sep| t[from..].find(sep).map(|i| (from + i, sep.len())))
                .min()
        };
        let pieces = [" ", ":", "|", "-", "–", "/", "a", "é", "::", " : "];
        crate::testutil::for_each_string(&pieces, 5, |t| {
            for from in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
                assert_eq!(next_separator(t, from), reference(t, from), "{t:?} {from}");
            }
        });
    }

    #[test]
    fn author_label_prefilter_is_exact() {
        // Every character the pattern's first letters match, in any case folding, passes.
        let firsts = Regex::new(r"(?i)^(?:a|t|r|v|i|b|p|d|e|w|а)").unwrap();
        let mut passed = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            if firsts.is_match(&s) {
                assert!(may_open_author_label(&s), "{c:?}");
                passed += 1;
            }
        }
        assert!(passed >= 20);
        // And those are the first letters of every label the pattern knows.
        for label in [
            "autor",
            "autorin",
            "author",
            "authors",
            "auteur",
            "text",
            "texte",
            "redaktion",
            "redakteurin",
            "reporter",
            "verfasser",
            "interview",
            "escrito por",
            "автор",
            "written by",
            "posted by",
            "by",
            "von",
            "par",
            "por",
            "door",
            "av",
            "przez",
        ] {
            assert!(AUTHOR_LABEL.is_match(label), "{label}");
            assert!(may_open_author_label(label), "{label}");
        }
        // A word the test turns away is turned away by the pattern too.
        for w in ["quelle", "ſtory", "kby", "xautor", "ſ", "", "1by", "lorem"] {
            assert!(
                !may_open_author_label(w) && !AUTHOR_LABEL.is_match(w),
                "{w}"
            );
        }
    }

    #[test]
    fn chrome_named_wrappers_around_the_article_are_not_chrome() {
        let m = meta(
            r#"<html><body><div class="widget Blog"><h1>Tach auch</h1>
            <span class="date-header">Dienstag, 28. April 2020</span></div>
            <div class="related-posts"><span class="date">01.01.2020</span></div></body></html>"#,
        );
        assert_eq!(m.published.as_deref(), Some("2020-04-28"));
    }

    #[test]
    fn nested_chrome_wrappers_stay_linear() {
        let n = 20_000;
        let html = format!(
            "{}<h1>Deep</h1>{}",
            r#"<div class="menu">"#.repeat(n),
            "</div>".repeat(n)
        );
        let start = std::time::Instant::now();
        let _ = meta(&html);
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
    }
}
