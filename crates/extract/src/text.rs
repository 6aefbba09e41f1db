//! Cleaning of text that someone already extracted from a page.
//!
//! Text from scrapers, copy sites and dumps still carries the page's chrome: weather and date
//! lines, "- Advertisement -", "Read more: …" links, navigation words, photo captions with
//! credits, bylines, background boxes and the site's footer. [`clean_text`] turns such text into
//! a title, body blocks, asides and metadata; [`is_boilerplate_line`] judges one line on its own
//! and is shared with the HTML extractor.
//!
//! The method works on lines (or on paragraphs, when the text is hard-wrapped) and is general:
//!
//! 1. **Lines.** The text is split into lines; blank lines mark paragraph groups. Hard-wrapped
//!    text (lines that continue on the next one at a steady width, broken mid-sentence) is
//!    joined back into paragraphs, as a whole or group by group.
//! 2. **Classes.** Each line is classified on its own by its features: length in words (CJK
//!    characters count as half a word each), terminal punctuation, capitalisation, digits, a
//!    multilingual lexicon of cue words anchored at the start of the line ("Read more", "Läs mer",
//!    "Czytaj także", "Mehr zum Thema", "Lire aussi", "Leer más", "Читайте также", …, followed by
//!    a colon, by nothing, or by a short title), caption patterns (a line ending with a
//!    "(Name / Agency)" credit, or with a "Name Surname/Outlet" credit glued to it), weather
//!    lines, date-only lines, bylines, credit lines, cookie prompts and footers.
//! 3. **Context.** A background box (a label such as "bakgrund" or "Background", a subject line,
//!    a source line such as "Wikipedia (en)", then the box text) becomes an [`Aside`]; the line
//!    after a byline that names the outlet is a credit; the headline after a lone "Read more"
//!    cue is a link; a byline split over two lines is joined.
//! 4. **Body.** The body is the longest coherent run of body-like paragraphs: chrome lines inside
//!    it are dropped, a short title-like line between two paragraphs is a subheading. An
//!    end-of-article cue ("More articles", "Related") ends a run, and text after it must weigh
//!    three times as much to win; after the comments cue or the site's footer nothing is body.
//! 5. **Title.** The headline is the title-like line before the body that best fits: it shares
//!    words with the first paragraphs, is followed by a byline or date rather than by a photo
//!    credit, and is close to the body. A title known from elsewhere wins.
//! 6. **Metadata.** Authors, credits and the page date come from the lines near the body (teasers
//!    and comments further away have bylines of their own); the outlet from the footer or from
//!    the credit line after the author.
//!
//! Everything is linear in the size of the input: the lexicon is matched on the head of a line
//! only, patterns run on short lines (or on the tail of a line) only, and nothing recurses.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt;
use std::sync::LazyLock;

use chrono::NaiveDate;
use parallax_core::{Aside, Block, BlockKind};
use regex::Regex;

use crate::date::parse_date_text;

/// What cleaning found in a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanText {
    /// The headline.
    pub title: Option<String>,
    /// Authors from byline or credit lines, one name each.
    pub authors: Vec<String>,
    /// The outlet named in the text (by its footer, or by the credit line after the author).
    pub site: Option<String>,
    /// A page date found in the text, ISO 8601 (`2024-04-21`).
    pub published: Option<String>,
    /// Body blocks: paragraphs, subheadings and list items.
    pub body: Vec<Block>,
    /// Background boxes, kept apart from the body.
    pub asides: Vec<Aside>,
    /// Credit lines ("Main photo source: …", "Photo: …") that are metadata rather than body.
    pub credits: Vec<String>,
    /// Every line that was left out of the body, title and asides, with the reason: for
    /// diagnostics.
    pub removed: Vec<Removed>,
}

/// A line that cleaning left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Why the line is not body.
    pub reason: RemovalReason,
    /// The line, whitespace-normalised.
    pub text: String,
}

/// Why a line was left out of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RemovalReason {
    /// A boilerplate cue: advertisement, "Read more: …", share or cookie prompt, related links.
    Boilerplate,
    /// A navigation word or breadcrumb ("Home", "Hem", "Start").
    Navigation,
    /// A weather line ("10.1 C", "12°C Warszawa").
    Weather,
    /// A line holding only a date.
    Date,
    /// A photo or video caption with a credit.
    Caption,
    /// A byline ("By …", "Author: …", "Av …").
    Byline,
    /// A credit line ("Photo: …", "Fot. …", "Main photo source: …").
    Credit,
    /// The site's footer: copyright, "all rights reserved", self-description, contact prompt.
    Footer,
    /// A line outside the body that is none of the above (teasers, menus, stray fragments).
    OutsideBody,
}

impl RemovalReason {
    /// A short lowercase name for the reason.
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::Boilerplate => "boilerplate",
            RemovalReason::Navigation => "navigation",
            RemovalReason::Weather => "weather",
            RemovalReason::Date => "date",
            RemovalReason::Caption => "caption",
            RemovalReason::Byline => "byline",
            RemovalReason::Credit => "credit",
            RemovalReason::Footer => "footer",
            RemovalReason::OutsideBody => "outside-body",
        }
    }
}

impl fmt::Display for RemovalReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Cleans text that someone already extracted from a page (still full of site chrome, possibly
/// machine translated). `title_hint` is a title known from elsewhere (a JSONL `title`), if any.
///
/// Never panics, and runs in time linear in the length of `text`.
pub fn clean_text(text: &str, title_hint: Option<&str>) -> CleanText {
    let mut units = build_units(text);
    let mut out = CleanText::default();
    let mut roles = vec![Role::Undecided; units.len()];

    find_asides(&mut units, &mut roles, &mut out.asides);
    apply_context(&mut units, &roles);
    let run = best_run(&units, &roles);
    collect_meta(&units, &roles, run, &mut out);
    let hint = title_hint.map(normalize).filter(|h| !h.is_empty());
    let title_idx = find_title(&units, &roles, run, hint.as_deref());
    if let Some(i) = title_idx {
        roles[i] = Role::Title;
    }
    out.title = match (hint, title_idx) {
        (Some(h), _) => Some(h),
        (None, Some(i)) => Some(units[i].text.clone()),
        (None, None) => None,
    };

    assemble_body(&units, &mut roles, run);
    for (unit, role) in units.iter().zip(&roles) {
        match role {
            Role::Body(kind) => out.body.push(Block {
                kind: *kind,
                text: block_text(&unit.text, *kind),
            }),
            Role::Removed(reason) => out.removed.push(Removed {
                reason: *reason,
                text: unit.text.clone(),
            }),
            Role::Title | Role::Aside | Role::Undecided => {}
        }
    }
    out
}

/// Whether one line or paragraph is boilerplate in any supported language: a cue such as
/// "Read more: …", "- Advertisement -", "Läs mer", "Czytaj także: …", "Mehr zum Thema",
/// "Lire aussi", "Source link"; a share or cookie prompt; a navigation word; a weather or
/// date-only line; a caption with a credit; a byline or credit line; a footer.
///
/// Precise by design: a real sentence that merely contains or even starts with such words
/// ("See also the report the committee published on Monday.") is not boilerplate. Lines whose
/// role depends on their neighbours (a box label such as "Background", which may be a
/// subheading; a source line such as "Wikipedia (en)") are not judged boilerplate here;
/// [`clean_text`] sees them in context.
pub fn is_boilerplate_line(line: &str) -> bool {
    let s = normalize(line);
    if s.is_empty() {
        return false;
    }
    !matches!(classify_line(&s), Class::Body(_) | Class::AsideLabel { .. })
}

// ---------------------------------------------------------------------------------------------
// Units: lines (or joined paragraphs) with their class.
// ---------------------------------------------------------------------------------------------

/// One line of the input (or one paragraph of hard-wrapped input).
#[derive(Debug, Clone)]
struct Unit {
    text: String,
    /// Whether a blank line (or the start of the text) comes before it.
    para_start: bool,
    words: usize,
    class: Class,
}

/// The shape of a line that may be body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A paragraph: ten words or more ending a sentence, or a long line of prose.
    Prose,
    /// A short sentence (three to nine words with terminal punctuation).
    Sentence,
    /// A short capitalised line without final punctuation: a title or subheading.
    TitleLike,
    /// A bulleted line.
    ListItem,
    /// Anything else: stray words, numbers, lowercase fragments.
    Fragment,
}

/// What a line is, judged on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Class {
    /// Possibly body text.
    Body(Shape),
    /// Chrome that may appear inside the body; dropped without ending it.
    Skip(RemovalReason),
    /// A lone link cue ("Read more", "Läs mer"): the headline that may follow is a link.
    LinkCue,
    /// Chrome that ends the article ("More articles", "Comments", a footer). After a `hard` stop
    /// (comments, footer) nothing is body once some body was seen; after a soft one, later text
    /// needs much more weight to win.
    Stop { reason: RemovalReason, hard: bool },
    /// A byline.
    Byline(Byline),
    /// A credit line.
    Credit,
    /// A date-only line.
    Date(NaiveDate),
    /// The label of a background or fact box; `strong` labels need no source line.
    AsideLabel { strong: bool },
}

/// What a byline says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Byline {
    names: Vec<String>,
    site: Option<String>,
    date: Option<NaiveDate>,
}

/// What a unit became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Undecided,
    Title,
    Aside,
    Body(BlockKind),
    Removed(RemovalReason),
}

/// Splits `text` into units and classifies each.
fn build_units(text: &str) -> Vec<Unit> {
    let lines = split_lines(text);
    let joined = if is_hard_wrapped(&lines) {
        join_wrapped(lines, |_| true)
    } else {
        // Text may be hard-wrapped in places only (a wrapped article inside a page's chrome).
        join_wrapped(lines, group_is_wrapped)
    };
    joined
        .into_iter()
        .map(|(text, para_start)| {
            let class = classify_line(&text);
            Unit {
                words: effective_words(&text),
                text,
                para_start,
                class,
            }
        })
        .collect()
}

/// Splits into whitespace-normalised non-empty lines, each with whether a blank line (or the
/// start of the text) precedes it. Handles `\n`, `\r\n`, `\r` and the Unicode line and paragraph
/// separators.
fn split_lines(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut pending_blank = true;
    let mut start = 0;
    let mut prev_cr = false;
    let mut push = |piece: &str, para_break: bool, out: &mut Vec<(String, bool)>| {
        let line = normalize(piece);
        if line.is_empty() {
            pending_blank = true;
        } else {
            out.push((line, pending_blank));
            pending_blank = para_break;
        }
    };
    for (i, c) in text.char_indices() {
        match c {
            '\n' if prev_cr && i == start => {
                start = i + 1;
                prev_cr = false;
            }
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                push(&text[start..i], c == '\u{2029}', &mut out);
                start = i + c.len_utf8();
                prev_cr = c == '\r';
            }
            _ => prev_cr = false,
        }
    }
    push(&text[start..], false, &mut out);
    out
}

/// Collapses whitespace (including no-break spaces) to single spaces, trims, and drops invisible
/// characters (zero-width space, word joiner, byte-order mark, soft hyphen).
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(1 << 20));
    let mut space = false;
    for c in s.chars() {
        if matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}') {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Whether the text is hard-wrapped: many lines continue on the next line, at a steady width,
/// breaking mid-sentence (often before a lowercase word). Text with one paragraph per line fails
/// the test: its lines are long, or end sentences, or are followed by capitalised lines.
fn is_hard_wrapped(lines: &[(String, bool)]) -> bool {
    let (mut continued, mut in_band, mut mid, mut lower_next, mut cased_next, mut long) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for (i, (text, _)) in lines.iter().enumerate() {
        let len = text.chars().take(200).count();
        if len > 120 {
            long += 1;
        }
        let Some((next, _)) = lines.get(i + 1).filter(|(_, start)| !start) else {
            continue;
        };
        continued += 1;
        if (35..=100).contains(&len) {
            in_band += 1;
        }
        if !ends_sentence(text) {
            mid += 1;
        }
        if let Some(c) = next.chars().find(|c| c.is_alphabetic()) {
            if c.is_lowercase() {
                lower_next += 1;
                cased_next += 1;
            } else if c.is_uppercase() {
                cased_next += 1;
            }
        }
    }
    continued >= 4
        && continued * 10 >= lines.len() * 4
        && in_band * 10 >= continued * 8
        && mid * 10 >= continued * 6
        && (cased_next * 2 < continued || lower_next * 4 >= continued)
        && long * 20 <= lines.len()
}

/// Whether one paragraph group (lines without a blank line between them) is a hard-wrapped
/// paragraph: three lines or more at a steady width, mostly broken mid-sentence, often before a
/// lowercase word.
fn group_is_wrapped(group: &[(String, bool)]) -> bool {
    let n = group.len();
    if n < 3 {
        return false;
    }
    let (mut in_band, mut mid, mut lower_next, mut cased_next) = (0usize, 0usize, 0usize, 0usize);
    for pair in group.windows(2) {
        let (text, next) = (&pair[0].0, &pair[1].0);
        if (30..=110).contains(&text.chars().take(200).count()) {
            in_band += 1;
        }
        if !ends_sentence(text) {
            mid += 1;
        }
        if let Some(c) = next.chars().find(|c| c.is_alphabetic()) {
            cased_next += usize::from(c.is_lowercase() || c.is_uppercase());
            lower_next += usize::from(c.is_lowercase());
        }
    }
    let pairs = n - 1;
    in_band * 10 >= pairs * 9
        && mid * 10 >= pairs * 6
        && (cased_next * 2 < pairs || lower_next * 10 >= pairs * 3)
}

/// Joins the lines of each paragraph group that `wrapped` accepts; bulleted lines stay apart.
fn join_wrapped(
    lines: Vec<(String, bool)>,
    wrapped: impl Fn(&[(String, bool)]) -> bool,
) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::with_capacity(lines.len());
    let mut group: Vec<(String, bool)> = Vec::new();
    let flush = |group: &mut Vec<(String, bool)>, out: &mut Vec<(String, bool)>| {
        if wrapped(group) {
            for (text, para_start) in group.drain(..) {
                match out.last_mut() {
                    Some((prev, _)) if !para_start && bullet_len(&text).is_none() => {
                        // A word broken at a hyphen keeps the hyphen and takes no space.
                        if !(prev.ends_with('-') && text.starts_with(char::is_lowercase)) {
                            prev.push(' ');
                        }
                        prev.push_str(&text);
                    }
                    _ => out.push((text, para_start)),
                }
            }
        } else {
            out.append(group);
        }
    };
    for line in lines {
        if line.1 {
            flush(&mut group, &mut out);
        }
        group.push(line);
    }
    flush(&mut group, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Features of one line.
// ---------------------------------------------------------------------------------------------

/// Words in `s`; characters of scripts written without spaces (CJK, Thai) count as half a word.
fn effective_words(s: &str) -> usize {
    if s.is_ascii() {
        // No character of a dense script; the words counted byte by byte (ASCII whitespace
        // is `is_ascii_whitespace` and the vertical tab).
        let mut words = 0;
        let mut after_space = true;
        for &b in s.as_bytes() {
            let space = b.is_ascii_whitespace() || b == 0x0B;
            words += usize::from(after_space && !space);
            after_space = space;
        }
        return words;
    }
    let tokens = s.split_whitespace().count();
    let dense = s.chars().filter(|&c| is_dense_script(c)).count();
    tokens.max(dense / 2)
}

fn is_dense_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F // Thai
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF // CJK ideographs
        | 0xAC00..=0xD7AF // Hangul
        | 0xF900..=0xFAFF)
}

/// Characters that close a sentence.
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '۔' | '।' | '॥'
    )
}

/// Closing quotes and brackets that may follow the terminal punctuation of a sentence.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '«'
            | '“'
            | ')'
            | ']'
            | '}'
            | '›'
            | '」'
            | '』'
            | '）'
            | '*'
    )
}

/// The last character of `s` that is not a closing quote or bracket.
fn last_significant(s: &str) -> Option<char> {
    s.chars()
        .rev()
        .find(|&c| !is_closer(c) && !c.is_whitespace())
}

/// Whether `s` ends a sentence (closing quotes and brackets aside).
fn ends_sentence(s: &str) -> bool {
    last_significant(s).is_some_and(is_terminal)
}

/// Whether the first letter or digit of `s` (after opening quotes and brackets) is uppercase, a
/// digit, or a letter of a script without case.
fn starts_capitalised(s: &str) -> bool {
    match s.chars().find(|c| c.is_alphanumeric()) {
        Some(c) => c.is_uppercase() || c.is_numeric() || (!c.is_lowercase() && c.is_alphabetic()),
        None => false,
    }
}

/// Share of cased words that start with a lowercase letter; 1.0 when no word has case.
fn lowercase_share(s: &str) -> f64 {
    let (mut lower, mut cased) = (0usize, 0usize);
    for w in s.split_whitespace() {
        if let Some(c) = w.chars().find(|c| c.is_alphabetic()) {
            if c.is_lowercase() {
                lower += 1;
                cased += 1;
            } else if c.is_uppercase() {
                cased += 1;
            }
        }
    }
    if cased == 0 {
        1.0
    } else {
        lower as f64 / cased as f64
    }
}

/// Share of digits among the letters and digits of `s`.
fn digit_share(s: &str) -> f64 {
    let (mut digits, mut alnum) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        alnum += 1;
        if c.is_numeric() {
            digits += 1;
        }
    }
    if alnum == 0 {
        0.0
    } else {
        digits as f64 / alnum as f64
    }
}

/// Byte length of a list bullet ("• ", "- ", "* ", "– ") opening `s`, if any.
fn bullet_len(s: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    let (_, c) = chars.next()?;
    // Dashes are not bullets: in many languages a paragraph of quoted speech opens with one
    // ("– Det är en tragedi, säger hon.").
    if !matches!(
        c,
        '•' | '·' | '*' | '▪' | '►' | '▶' | '◦' | '○' | '●' | '■' | '→' | '✓' | '✔'
    ) {
        return None;
    }
    match chars.next() {
        Some((i, ' ')) => Some(i + 1),
        _ => None,
    }
}

/// The text of a block of `kind`: list items lose their bullet.
fn block_text(text: &str, kind: BlockKind) -> String {
    if kind == BlockKind::ListItem
        && let Some(n) = bullet_len(text)
    {
        return text[n..].trim_start().to_string();
    }
    text.to_string()
}

/// Characters that decorate chrome lines ("- Advertisement -", "[Advertisement]", "» Read more").
const DECORATIONS: &[char] = &[
    '-', '–', '—', '―', '•', '·', '*', '|', '[', ']', '<', '>', '«', '»', '›', '‹', '#', '=', '~',
    '_', '►', '▶', '→', '▼', '+',
];

fn is_decoration(c: char) -> bool {
    c.is_whitespace() || DECORATIONS.contains(&c)
}

/// `s` without leading decoration.
fn trim_decoration_start(s: &str) -> &str {
    s.trim_start_matches(is_decoration)
}

/// The lexicon key of a short line: lowercase, decoration and final punctuation trimmed,
/// typographic apostrophes made plain. `None` for lines too long to be a cue.
fn line_key(s: &str) -> Option<String> {
    if s.len() > 160 {
        return None;
    }
    let t = s
        .trim_matches(|c: char| is_decoration(c) || matches!(c, ':' | '.' | '…' | '!' | '(' | ')'));
    let mut key = String::with_capacity(t.len());
    for c in t.chars() {
        if c == '’' || c == '`' {
            key.push('\'');
        } else if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            key.extend(c.to_lowercase());
        }
    }
    Some(key)
}

/// If `s` starts with `prefix` (lowercase, compared case-insensitively; `'` matches `’`) at a
/// word boundary, the rest of `s`.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut p = prefix.chars().peekable();
    let mut end = 0;
    for (i, c) in s.char_indices() {
        if p.peek().is_none() {
            break;
        }
        let folded = if c == '’' { '\'' } else { c };
        for lc in folded.to_lowercase() {
            match p.next() {
                Some(pc) if pc == lc => {}
                _ => return None,
            }
        }
        end = i + c.len_utf8();
    }
    if p.peek().is_some() {
        return None;
    }
    let rest = &s[end..];
    let last = prefix.chars().last();
    let boundary = last.is_some_and(|l| !l.is_alphanumeric())
        || rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
    boundary.then_some(rest)
}

/// The first word of `s`, lowercase, without trailing punctuation.
fn first_word_key(s: &str) -> String {
    let w = s.split_whitespace().next().unwrap_or("");
    let w = w.trim_end_matches(|c: char| !c.is_alphanumeric());
    let w = w.split(':').next().unwrap_or(w);
    if w.is_ascii() {
        return w.to_ascii_lowercase();
    }
    w.chars().flat_map(char::to_lowercase).collect()
}

// ---------------------------------------------------------------------------------------------
// Lexicons. All entries lowercase.
// ---------------------------------------------------------------------------------------------

/// Whole-line cues that end the article: what follows is related links, comments or tags.
#[rustfmt::skip]
const END_CUES: &[&str] = &[
    // en
    "source link", "source links", "more articles", "more stories", "more news", "latest article",
    "latest articles", "latest news", "latest stories", "latest posts", "related",
    "related articles", "related stories", "related news", "related content", "related posts",
    "related topics", "related coverage", "you may also like", "you might also like",
    "you may be interested in", "recommended", "recommended for you", "recommended articles",
    "recommended stories", "most read", "most popular", "most viewed", "most shared", "trending",
    "trending now", "popular", "popular now", "comments", "leave a comment", "leave a reply",
    "post a comment", "show comments", "view comments", "join the conversation", "tags", "topics",
    "filed under", "posted in", "categories", "about the author", "more from this author",
    "more in this section",
    // sv, no, da, fi
    "mest läst", "mest lästa", "senaste nytt", "senaste nyheterna", "senaste artiklarna",
    "relaterat", "relaterade artiklar", "fler artiklar", "fler nyheter", "kommentarer",
    "kommentera", "ämnen", "taggar", "om författaren", "mest lest", "siste nytt",
    "relaterte artikler", "flere artikler", "mest læste", "seneste nyt", "relaterede artikler",
    "flere artikler", "luetuimmat", "uusimmat", "aiheesta lisää", "kommentit",
    // pl
    "najczęściej czytane", "najpopularniejsze", "najnowsze", "najnowsze artykuły",
    "więcej artykułów", "powiązane artykuły", "podobne artykuły", "komentarze", "tagi", "tematy",
    "o autorze", "zobacz więcej",
    // de
    "meistgelesen", "meistgelesene artikel", "neueste artikel", "weitere artikel",
    "verwandte artikel", "ähnliche artikel", "kommentare", "schlagworte", "themen",
    "über den autor", "mehr artikel",
    // fr
    "les plus lus", "les plus populaires", "derniers articles", "articles similaires",
    "articles liés", "sur le même sujet", "commentaires", "mots-clés", "à propos de l'auteur",
    // es, pt
    "lo más leído", "lo más visto", "últimas noticias", "noticias relacionadas",
    "artículos relacionados", "comentarios", "etiquetas", "temas", "sobre el autor", "mais lidas",
    "notícias relacionadas", "comentários", "últimas notícias",
    // it, nl
    "i più letti", "ultime notizie", "articoli correlati", "commenti", "argomenti", "meest gelezen",
    "gerelateerde artikelen", "reacties", "laatste nieuws",
    // ru, uk, cs
    "самое читаемое", "новости по теме", "комментарии", "теги", "последние новости", "популярное",
    "найпопулярніше", "коментарі", "останні новини", "nejčtenější", "související články",
    "související", "komentáře",
];

/// Whole-line link cues: the line is a link label and the next headline is the link.
#[rustfmt::skip]
const LINK_CUES: &[&str] = &[
    "read more", "read also", "also read", "see also", "read next", "read the full story",
    "read the full article", "must read", "don't miss", "do not miss", "editor's picks",
    "editor's pick", "top stories", "more on this story", "läs mer", "läs också", "läs även",
    "se även", "se också", "läs hela artikeln", "les mer", "les også", "se også", "læs mere",
    "læs også", "lue lisää", "lue myös", "katso myös", "czytaj także", "czytaj też",
    "czytaj więcej", "czytaj dalej", "czytaj również", "zobacz też", "zobacz także",
    "zobacz również", "przeczytaj też", "przeczytaj także", "przeczytaj również", "polecamy",
    "mehr zum thema", "lesen sie auch", "lesen sie mehr", "weiterlesen", "mehr dazu",
    "auch interessant", "das könnte sie auch interessieren", "siehe auch", "zum thema",
    "lire aussi", "à lire aussi", "a lire aussi", "lire la suite", "lire plus", "voir aussi",
    "à voir aussi", "en savoir plus", "leer más", "lea también", "lee también", "ver también",
    "seguir leyendo", "te puede interesar", "más información", "leggi anche", "leggi di più",
    "leggi tutto", "vedi anche", "potrebbe interessarti", "leia também", "leia mais", "veja também",
    "saiba mais", "lees ook", "lees meer", "lees verder", "zie ook", "читайте также",
    "читать далее", "читать также", "смотрите также", "подробнее", "читайте також",
    "дивіться також", "čtěte také", "čtěte též", "čtěte více", "přečtěte si také", "devamını oku",
    "ilgili haberler",
];

/// Prefix cues: a cue followed by a colon or arrow and anything, or by a short title.
#[rustfmt::skip]
const PREFIX_CUES: &[&str] = &[
    "read more", "read also", "also read", "see also", "read next", "related", "recommended",
    "watch", "listen", "more from", "more on", "more about", "must read", "don't miss",
    "editor's pick", "previous post", "next post", "previous article", "next article", "läs mer",
    "läs också", "läs även", "se även", "se också", "lyssna", "les mer", "les også", "se også",
    "læs mere", "læs også", "lue lisää", "lue myös", "katso myös", "czytaj także", "czytaj też",
    "czytaj więcej", "czytaj również", "zobacz też", "zobacz także", "zobacz również",
    "zobacz wideo", "przeczytaj też", "przeczytaj także", "przeczytaj również", "polecamy",
    "mehr zum thema", "lesen sie auch", "lesen sie mehr", "auch interessant", "zum thema",
    "mehr dazu", "siehe auch", "lire aussi", "à lire aussi", "a lire aussi", "voir aussi",
    "lire la suite", "à voir aussi", "leer más", "lea también", "lee también", "ver también",
    "te puede interesar", "leggi anche", "vedi anche", "leia também", "leia mais", "veja também",
    "lees ook", "lees meer", "zie ook", "читайте также", "смотрите также", "читайте також",
    "дивіться також", "čtěte také", "čtěte též", "přečtěte si také", "ilgili haber",
];

/// Navigation words that make a whole line.
#[rustfmt::skip]
const NAV_WORDS: &[&str] = &[
    "home", "homepage", "home page", "start", "startsida", "hem", "hjem", "forside", "etusivu",
    "strona główna", "startseite", "accueil", "inicio", "portada", "início", "главная", "головна",
    "úvod", "menu", "meny", "menü", "main menu", "navigation", "search", "sök", "søk", "søg",
    "haku", "szukaj", "suche", "rechercher", "recherche", "buscar", "búsqueda", "cerca", "zoeken",
    "поиск", "пошук", "hledat", "skip to content", "skip to main content", "skip navigation",
    "back to top", "to top", "scroll to top", "till toppen", "do góry", "nach oben", "haut de page",
    "volver arriba", "torna su", "log in", "login", "sign in", "sign up", "register", "logga in",
    "logg inn", "log ind", "kirjaudu", "zaloguj", "zaloguj się", "anmelden", "einloggen",
    "se connecter", "connexion", "iniciar sesión", "accedi", "entrar", "inloggen", "войти",
    "увійти", "přihlásit", "subscribe", "prenumerera", "abonnér", "tilaa", "subskrybuj",
    "prenumeruj", "abonnieren", "s'abonner", "abonnez-vous", "suscríbete", "suscribirse",
    "abbonati", "assine", "abonneren", "подписаться", "close", "stäng", "zamknij", "schließen",
    "fermer", "cerrar", "chiudi", "sluiten", "закрыть", "news", "nyheter", "nyheder", "uutiset",
    "wiadomości", "nachrichten", "actualités", "noticias", "notizie", "nieuws", "новости", "новини",
    "zprávy", "previous", "next", "previous article", "next article", "next story",
    "previous story", "föregående", "nästa", "poprzedni", "następny", "zurück", "weiter",
    "précédent", "suivant", "anterior", "siguiente", "precedente", "successivo", "nächste",
    "vorherige", "post navigation", "previous post", "next post", "older posts", "newer posts",
];

/// Other whole-line chrome that may sit inside the body (ads, share bars, prompts).
#[rustfmt::skip]
const INLINE_CUES: &[&str] = &[
    // ads and sponsored content
    "advertisement", "advertisements", "advert", "adverts", "advertising", "ad", "ads", "sponsored",
    "sponsored content", "paid content", "paid post", "partner content", "promoted", "annons",
    "annonse", "annonce", "reklama", "reklame", "anzeige", "werbung", "publicité", "publicite",
    "publicidad", "pubblicità", "publicidade", "advertentie", "mainos", "реклама", "reklam",
    "hirdetés", "διαφήμιση", "story continues below", "story continues below advertisement",
    "article continues below", "article continues below advertisement",
    "advertisement - scroll to continue", "scroll to continue with content",
    "continue reading below", "continue reading", "continue reading the main story",
    "artikeln fortsätter under annonsen", "artikeln fortsätter nedan",
    "dalsza część artykułu pod reklamą", "dalsza część artykułu pod materiałem wideo",
    "dalsza część artykułu poniżej", "weiter nach der anzeige", "weiterlesen nach der anzeige",
    "artikel wird unter der anzeige fortgesetzt", "la suite après cette publicité",
    "la suite après la publicité", "el artículo continúa después de la publicidad",
    "la noticia continúa", "l'articolo continua dopo la pubblicità", "l'articolo continua sotto",
    "de tekst gaat verder onder de advertentie", "статья продолжается ниже", "продолжение ниже",
    // share and follow
    "like this", "tipsa oss", "tipsa redaktionen", "send us a tip", "share", "share this",
    "share this article", "share this story", "share article", "share on facebook",
    "share on twitter", "share on x", "share via email", "share by email", "dela", "dela artikeln",
    "dela på facebook", "del", "del artikkelen", "del artiklen", "jaa", "udostępnij",
    "udostępnij artykuł", "teilen", "artikel teilen", "partager", "partager cet article",
    "compartir", "compartir en facebook", "condividi", "compartilhe", "compartilhar", "delen",
    "deel dit artikel", "поделиться", "поділитися", "sdílet", "paylaş", "tweet", "email", "e-mail",
    "mail", "print", "skriv ut", "drukuj", "drucken", "imprimer", "imprimir", "stampa", "afdrukken",
    "copy link", "copy the link", "kopiera länk", "kopiuj link", "link kopieren", "copier le lien",
    "copiar enlace", "copia link", "follow us", "följ oss", "følg oss", "obserwuj nas",
    "folgen sie uns", "suivez-nous", "síguenos", "seguici", "volg ons", "newsletter", "nyhetsbrev",
    "sign up for our newsletter", "subscribe to our newsletter", "click here", "klicka här",
    "kliknij tutaj", "hier klicken", "cliquez ici", "haga clic aquí", "clicca qui", "klik hier",
    // media and widgets
    "live", "watch", "listen", "video", "photo", "photos", "gallery", "play", "play video",
    "watch video", "watch now", "listen now", "listen to this article", "lyssna",
    "lyssna på artikeln", "posłuchaj", "anhören", "écouter", "escuchar", "ascolta", "loading",
    "laddar", "ładowanie", "wird geladen", "chargement", "cargando", "caricamento", "breaking news",
    "breaking", "just in", "updated", "uppdaterad", "aktualizacja", "aktualisiert", "mis à jour",
    "actualizado", "aggiornato",
    // cookies and legal
    "cookie settings", "cookie policy", "cookies", "accept", "accept all", "accept cookies",
    "accept all cookies", "reject all", "manage cookies", "privacy policy", "privacy",
    "terms of use", "terms of service", "terms and conditions", "about us", "contact", "contact us",
    "om oss", "kontakt", "o nas", "über uns", "impressum", "mentions légales", "aviso legal",
    "chi siamo", "datenschutz", "polityka prywatności", "integritetspolicy",
    // copy-site leftovers
    "source", "sources", "image", "images", "photo credit", "image credit",
];

/// Words naming comments.
#[rustfmt::skip]
const COMMENT_WORDS: &[&str] = &[
    "comments", "comment", "kommentarer", "kommentar", "kommentera", "komentarze", "komentarzy",
    "komentarz", "kommentare", "kommentieren", "commentaires", "commentaire", "commenter",
    "comentarios", "comentario", "comentar", "comentários", "commenti", "commenta", "reacties",
    "reageer", "комментарии", "комментариев", "коментарі", "komentáře", "kommentit", "kommentoi",
    "yorumlar", "hozzászólások", "σχόλια", "评论", "評論", "コメント", "댓글",
];

/// Words that open an advertisement line ("Advertisement · Scroll to continue").
#[rustfmt::skip]
const AD_WORDS: &[&str] = &[
    "advertisement", "advert", "annons", "annonse", "reklama", "anzeige", "werbung", "publicité",
    "publicidad", "pubblicità", "publicidade", "advertentie", "реклама", "sponsored",
];

/// Words of a share bar.
#[rustfmt::skip]
const SOCIAL_WORDS: &[&str] = &[
    "facebook", "facebooku", "twitter", "twitterze", "x", "linkedin", "whatsapp", "email", "e-mail",
    "mail", "messenger", "telegram", "reddit", "pinterest", "print", "copy", "link", "share",
    "tweet", "dela", "udostępnij", "teilen", "partager", "compartir", "condividi", "sms", "vk",
    "bluesky", "threads", "instagram", "youtube", "tiktok", "flipboard", "pocket", "tumblr", "xing",
    "wykop", "drukuj", "skriv", "ut", "kopiera", "länk", "kopiuj",
];

/// Little words allowed in a share bar ("Share on Facebook").
#[rustfmt::skip]
const SOCIAL_FILLERS: &[&str] = &[
    "on", "via", "to", "this", "the", "article", "story", "på", "artikeln", "na", "auf", "sur",
    "en", "su", "per", "i", "w", "by", "artykuł", "artikel", "cet", "article", "or", "|", "/",
];

/// Phrases of cookie prompts.
#[rustfmt::skip]
const COOKIE_PHRASES: &[&str] = &[
    "we use cookies", "this site uses cookies", "this website uses cookies", "site uses cookies",
    "accept cookies", "accept all cookies", "cookie settings", "cookie policy",
    "cookie preferences", "use of cookies", "vi använder cookies", "vi använder kakor",
    "webbplatsen använder cookies", "använder cookies", "vi bruker informasjonskapsler",
    "vi bruker cookies", "vi bruger cookies", "käytämme evästeitä", "używamy plików cookie",
    "używamy cookies", "używamy ciasteczek", "korzysta z plików cookie",
    "wykorzystuje pliki cookie", "wir verwenden cookies", "wir nutzen cookies",
    "diese website verwendet cookies", "verwendet cookies", "nous utilisons des cookies",
    "ce site utilise des cookies", "utilise des cookies", "utilizamos cookies", "utiliza cookies",
    "utilizziamo i cookie", "utilizza cookie", "utilizziamo cookie", "wij gebruiken cookies",
    "gebruikt cookies", "мы используем файлы cookie", "мы используем cookie", "používáme cookies",
];

/// Words that place a cookie paragraph on a website.
#[rustfmt::skip]
const COOKIE_CONTEXT: &[&str] = &[
    "website", "web site", "this site", "browser", "webbplats", "webbläsare", "nettsted",
    "nettleser", "hjemmeside", "browser", "sivusto", "strona", "serwis", "przeglądar", "webseite",
    "website", "site web", "navigateur", "sitio web", "navegador", "sito web", "navigazione",
    "website", "сайт", "браузер",
];

/// Byline openers followed by a space ("By Jane Doe", "Av Anna Svensson").
#[rustfmt::skip]
const BYLINE_WORDS: &[&str] = &[
    "by", "written by", "reporting by", "reported by", "words by", "story by", "text by",
    "posted by", "av", "text av", "skriven av", "publicerad av", "af", "von", "par", "por", "di",
    "door", "від", "от",
];

/// Byline openers followed by a colon ("Author: Jane Doe", "Autor: Jan Kowalski").
#[rustfmt::skip]
const BYLINE_LABELS: &[&str] = &[
    "author", "authors", "autor", "autorka", "autorzy", "autoren", "autorin", "auteur", "auteurs",
    "autore", "autori", "autora", "autores", "forfatter", "författare", "tekijä", "kirjoittaja",
    "text", "tekst", "texte", "texto", "testo", "reporter", "reporters", "reporterka", "written by",
    "by", "redaktör", "redaktor", "redaktorka", "journalist", "dziennikarz", "redakcja",
    "opracowanie", "oprac", "автор", "авторы", "текст", "autoři",
];

/// Credit-line openers followed by a colon (or, for abbreviations ending in '.', by a space).
#[rustfmt::skip]
const CREDIT_LABELS: &[&str] = &[
    "main photo source", "main photo", "photo source", "image source", "photo credit",
    "photo credits", "image credit", "image credits", "picture credit", "cover photo", "top image",
    "header image", "featured image", "photo", "photos", "photograph", "photography", "image",
    "images", "picture", "pictures", "illustration", "graphic", "graphics", "video", "source",
    "sources", "credit", "credits", "foto", "fotos", "fotot", "bild", "bilder", "bildquelle",
    "bildnachweis", "quelle", "quellen", "källa", "källor", "kilde", "kilder", "lähde", "lähteet",
    "kuva", "zdjęcie", "zdjęcia", "źródło", "źródła", "źródło zdjęcia", "źródło zdjęcia głównego",
    "ilustracja", "grafika", "wideo", "crédit", "crédits", "crédit photo", "crédits photo",
    "photo de une", "fuente", "fuentes", "fonte", "fontes", "фото", "источник", "джерело", "zdroj",
    "kaynak", "bron", "fot.", "phot.", "il.", "foto ©", "photo ©",
];

/// Labels of background boxes that need a source line to count as a box.
#[rustfmt::skip]
const WEAK_ASIDE_LABELS: &[&str] = &[
    "bakgrund", "background", "bakgrunn", "baggrund", "tło", "hintergrund", "contexte", "contexto",
    "contesto", "achtergrond", "tausta", "предыстория", "справка", "kontext",
];

/// Labels of fact boxes that are boxes on their own.
#[rustfmt::skip]
const STRONG_ASIDE_LABELS: &[&str] = &[
    "fakta", "faktaruta", "fact box", "factbox", "fact file", "faktaboks", "faktaboks", "faktabox",
    "faktenbox", "fakten", "infobox", "info box", "w skrócie", "en bref", "en breve", "in breve",
    "in het kort", "faktat", "справка:",
];

/// Phrases that say the rights are reserved.
#[rustfmt::skip]
const RIGHTS_PHRASES: &[&str] = &[
    "all rights reserved", "alla rättigheter förbehållna", "alle rechte vorbehalten",
    "tous droits réservés", "todos los derechos reservados", "tutti i diritti riservati",
    "wszelkie prawa zastrzeżone", "все права защищены", "alle rettigheter reservert",
    "alle rettigheder forbeholdes", "kaikki oikeudet pidätetään", "alle rechten voorbehouden",
    "todos os direitos reservados", "všechna práva vyhrazena", "tüm hakları saklıdır",
];

/// [`RIGHTS_PHRASES`] in one automaton: a line is read once, not once per phrase.
static RIGHTS: LazyLock<Option<aho_corasick::AhoCorasick>> =
    LazyLock::new(|| aho_corasick::AhoCorasick::new(RIGHTS_PHRASES).ok());

/// Contact prompts that close a footer.
#[rustfmt::skip]
const CONTACT_PHRASES: &[&str] = &[
    "contact us", "contact the newsroom", "contact the editors", "contact the editorial team",
    "contact our newsroom", "get in touch", "kontakta redaktionen", "kontakta oss", "kontakt oss",
    "kontakt redaksjonen", "kontakt os", "kontakt redaktionen", "skontaktuj się z nami",
    "skontaktuj się z redakcją", "napisz do nas", "kontaktieren sie uns", "kontakt zur redaktion",
    "kontaktieren sie die redaktion", "contactez-nous", "contactez la rédaction", "contáctanos",
    "contacta con nosotros", "contacta con la redacción", "contattaci", "contatta la redazione",
    "neem contact op", "ota yhteyttä", "свяжитесь с нами", "fale conosco", "entre em contato",
];

/// First-person plural words (an outlet speaking of itself).
#[rustfmt::skip]
const WE_WORDS: &[&str] = &[
    "we", "our", "us", "vi", "vår", "våra", "vårt", "oss", "vores", "os", "wir", "unser", "unsere",
    "unseren", "uns", "nous", "notre", "nos", "nosotros", "nuestro", "nuestra", "nuestros",
    "nuestras", "noi", "nostro", "nostra", "nostri", "my", "nasz", "nasza", "nasze", "naszych",
    "nas", "мы", "наш", "наша", "наши", "nós", "nosso", "nossa", "wij", "ons", "onze", "me",
    "meidän", "meitä",
];

/// Copulas that follow a name in a self-description ("Omni är …", "Example News is …").
#[rustfmt::skip]
const COPULAS: &[&str] = &[
    "är", "er", "is", "are", "ist", "sind", "est", "sont", "jest", "są", "es", "son", "è", "sono",
    "é", "são", "zijn", "on", "ovat", "je", "jsou", "является",
];

/// Word stems that describe an outlet's independence.
#[rustfmt::skip]
const INDEPENDENCE_STEMS: &[&str] = &[
    "oberoende", "obundna", "obunden", "independent", "unabhängig", "indépendant", "niezależn",
    "independiente", "indipendente", "uavhengig", "uafhængig", "riippumaton", "onafhankelijk",
    "независим", "nezávisl", "independente",
];

/// Words that make a line a role, not a name ("Staff Writer").
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "staff", "writer", "reporter", "correspondent", "editor", "contributor", "columnist",
    "journalist", "reporterka", "dziennikarz", "dziennikarka", "redaktor", "redakcja", "redaktion",
    "redaktör", "korrespondent", "reporterin", "redakteur", "rédaction", "rédacteur", "redacción",
    "redazione", "redactie", "редакция", "newsroom", "desk", "team", "agencies", "agency", "wires",
    "staff writer",
];

/// Lowercase particles inside personal names ("Ursula von der Leyen", "Luiz Inácio da Silva").
#[rustfmt::skip]
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "das", "di", "del", "della", "dos", "du", "la", "le",
    "bin", "al", "el", "ibn", "ten", "ter", "y", "af", "zu", "st.",
];

/// Separators between names in a byline.
#[rustfmt::skip]
const NAME_JOINERS: &[&str] = &[
    " and ", " & ", " och ", " und ", " i ", " et ", " y ", " e ", " og ", " en ", " и ", " a ",
    " ja ", " ve ", " oraz ",
];

/// Openers of date lines ("Published: 21 April 2024").
#[rustfmt::skip]
const DATE_LABELS: &[&str] = &[
    "published", "updated", "posted", "last updated", "publicerad", "uppdaterad", "publisert",
    "oppdatert", "udgivet", "opdateret", "julkaistu", "päivitetty", "opublikowano", "aktualizacja",
    "data publikacji", "veröffentlicht", "aktualisiert", "stand", "publié le", "publié",
    "mis à jour le", "mis à jour", "publicado", "actualizado", "pubblicato", "aggiornato",
    "gepubliceerd", "bijgewerkt", "опубликовано", "обновлено", "опубліковано", "publikováno",
    "aktualizováno", "date",
];

/// Words that are never a site name on their own.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "the", "this", "it", "we", "vi", "det", "den", "der", "die", "das", "il", "le", "la", "el",
    "to", "ten", "ta", "this", "that", "he", "she", "they", "han", "hon", "de", "er", "sie", "es",
    "on", "ona", "oni", "ils", "elle", "ella", "lui", "lei",
];

fn set(words: &'static [&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

static END_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(END_CUES));
static LINK_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(LINK_CUES));
static NAV_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(NAV_WORDS));
static INLINE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(INLINE_CUES));
static SOCIAL_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(SOCIAL_WORDS));
static SOCIAL_FILLER_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(SOCIAL_FILLERS));
static WEAK_LABEL_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(WEAK_ASIDE_LABELS));
static STRONG_LABEL_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| set(STRONG_ASIDE_LABELS));
static WE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(WE_WORDS));
static COPULA_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(COPULAS));
static ROLE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(ROLE_WORDS));
static PARTICLE_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(NAME_PARTICLES));
static NOT_NAME_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| set(NOT_NAMES));

/// Multi-word lexicon entries indexed by their first word, so that a line is compared with the
/// few entries that can match it.
fn index_by_first_word(words: &'static [&'static str]) -> HashMap<String, Vec<&'static str>> {
    let mut map: HashMap<String, Vec<&'static str>> = HashMap::new();
    for &w in words {
        map.entry(first_word_key(w)).or_default().push(w);
    }
    for list in map.values_mut() {
        // Longest first, so that "main photo source" wins over "main photo".
        list.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    map
}

static PREFIX_INDEX: LazyLock<HashMap<String, Vec<&'static str>>> =
    LazyLock::new(|| index_by_first_word(PREFIX_CUES));
static BYLINE_WORD_INDEX: LazyLock<HashMap<String, Vec<&'static str>>> =
    LazyLock::new(|| index_by_first_word(BYLINE_WORDS));
static BYLINE_LABEL_INDEX: LazyLock<HashMap<String, Vec<&'static str>>> =
    LazyLock::new(|| index_by_first_word(BYLINE_LABELS));
static CREDIT_INDEX: LazyLock<HashMap<String, Vec<&'static str>>> =
    LazyLock::new(|| index_by_first_word(CREDIT_LABELS));
static DATE_LABEL_INDEX: LazyLock<HashMap<String, Vec<&'static str>>> =
    LazyLock::new(|| index_by_first_word(DATE_LABELS));

/// A pattern compiled once. The patterns are constants, so failing to compile is a bug caught by
/// the tests; at run time a broken pattern simply never matches.
fn pattern(re: &str) -> Option<Regex> {
    Regex::new(re).ok()
}

/// Whether a line is a weather line: "10.1 C", "-3 °C", "12°C Warszawa", "Stockholm 5°",
/// "Kraków 5° pochmurno".
///
/// Two shapes, matched by hand (a regular expression of these Unicode classes costs milliseconds to
/// compile, more than the whole check costs on a page):
/// * up to three capitalised words, a temperature, a degree sign with an optional C or F, up to
///   four words (a place or a condition);
/// * a temperature with a bare C or F, up to three capitalised words.
///
/// A temperature is an optional sign, one to three digits and an optional decimal part of one or
/// two digits; words are separated by one whitespace character.
fn is_weather_line(s: &str) -> bool {
    // The first shape: capitalised words, each followed by one whitespace character.
    let mut rest = s;
    for _ in 0..=3 {
        if let Some(after) = temperature(rest) {
            let after = after.strip_prefix(char::is_whitespace).unwrap_or(after);
            if let Some(after) = after.strip_prefix('°') {
                let after_space = after.strip_prefix(|c: char| c.is_whitespace());
                let options = [Some(after), after_space];
                if options.into_iter().flatten().any(|a| {
                    spaced_words(a, 4, false)
                        || a.strip_prefix(['C', 'F'])
                            .is_some_and(|w| spaced_words(w, 4, false))
                }) {
                    return true;
                }
            }
            break;
        }
        match capitalised_word(rest).and_then(|w| w.strip_prefix(|c: char| c.is_whitespace())) {
            Some(after) => rest = after,
            None => break,
        }
    }
    // The second shape: a temperature with a bare C or F first.
    temperature(s).is_some_and(|after| {
        let after = after
            .strip_prefix(|c: char| c.is_whitespace())
            .unwrap_or(after);
        after
            .strip_prefix(['C', 'F'])
            .is_some_and(|w| spaced_words(w, 3, true))
    })
}

/// A temperature at the start of `s` ("-3", "10.1", "+12,5"); returns the text after it.
fn temperature(s: &str) -> Option<&str> {
    let s = s.strip_prefix(['-', '+', '−', '–']).unwrap_or(s);
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    let n = digits(s);
    if !(1..=3).contains(&n) {
        return None;
    }
    let rest = &s[n..];
    match rest.strip_prefix(['.', ',']) {
        Some(frac) => {
            let m = digits(frac);
            (1..=2).contains(&m).then(|| &frac[m..])
        }
        None => Some(rest),
    }
}

/// A capitalised word at the start of `s` (an upper-case letter, then letters, dots and hyphens);
/// returns the text after it.
fn capitalised_word(s: &str) -> Option<&str> {
    let first = s.chars().next().filter(|c| c.is_uppercase())?;
    let rest = &s[first.len_utf8()..];
    let end = rest
        .find(|c: char| !(c.is_alphabetic() || c == '.' || c == '-'))
        .unwrap_or(rest.len());
    Some(&rest[end..])
}

/// Whether `s` is exactly zero to `max` words, each after one whitespace character (words of
/// letters, dots and hyphens; capitalised when `capitalised`).
fn spaced_words(mut s: &str, max: usize, capitalised: bool) -> bool {
    for _ in 0..max {
        if s.is_empty() {
            return true;
        }
        let Some(word) = s.strip_prefix(|c: char| c.is_whitespace()) else {
            return false;
        };
        s = if capitalised {
            match capitalised_word(word) {
                Some(rest) => rest,
                None => return false,
            }
        } else {
            let end = word
                .find(|c: char| !(c.is_alphabetic() || c == '.' || c == '-'))
                .unwrap_or(word.len());
            if end == 0 {
                return false;
            }
            &word[end..]
        };
    }
    s.is_empty()
}

/// A "Name Surname/Outlet" credit at the end of a caption ("…in EuropeAndrzej Zaucha/Fakty
/// TVN", "… Jan Kowalski / PAP").
#[derive(Debug, PartialEq, Eq)]
struct GluedCredit<'a> {
    /// Byte offset in the text where the credit starts (at the character before the name).
    start: usize,
    /// Whether the name is glued to a lower-case letter rather than after a space or punctuation.
    glued: bool,
    /// The outlet after the slash.
    outlet: &'a str,
}

/// Finds a glued credit at the end of `s`: a lower-case letter, a space or punctuation; a name of
/// two or three capitalised parts (joined by a space or hyphen; the parts after the first may hold
/// apostrophes); a slash with an optional space on each side; an outlet of one to four words that
/// start with a capital letter or digit and hold letters, digits, '.', '&' and '-'. Of the
/// possible names the longest wins.
///
/// Matched by hand: the equivalent regular expression costs milliseconds to compile.
fn glued_credit(s: &str) -> Option<GluedCredit<'_>> {
    let slash = s.rfind('/')?;
    // The outlet: one to four words, one space apart.
    let after = &s[slash + 1..];
    let outlet = after.strip_prefix(' ').unwrap_or(after);
    let words: Vec<&str> = outlet.split(' ').collect();
    let outlet_word = |w: &str| {
        let mut cs = w.chars();
        cs.next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            && cs.all(|c| c.is_alphabetic() || c.is_numeric() || matches!(c, '.' | '&' | '-'))
    };
    if words.len() > 4 || !words.iter().all(|w| outlet_word(w)) {
        return None;
    }
    // The name, read backwards from the slash: parts of an upper-case letter and lower-case
    // letters (apostrophes allowed after the first part), joined by ' ' or '-'.
    let before = &s[..slash];
    let before = before.strip_suffix(' ').unwrap_or(before);
    let mut starts = Vec::with_capacity(3);
    let mut end = before.len();
    let mut plain = Vec::with_capacity(3);
    while starts.len() < 3 {
        let part = &before[..end];
        let tail_len: usize = part
            .chars()
            .rev()
            .take_while(|&c| c.is_lowercase() || c == '\'' || c == '’')
            .map(char::len_utf8)
            .sum();
        let lower = &part[part.len() - tail_len..];
        let Some(cap) = part[..part.len() - tail_len].chars().next_back() else {
            break;
        };
        if tail_len == 0 || !cap.is_uppercase() {
            break;
        }
        let start = part.len() - tail_len - cap.len_utf8();
        starts.push(start);
        plain.push(!lower.contains(['\'', '’']));
        match before[..start].chars().next_back() {
            Some(' ' | '-') if starts.len() < 3 => end = start - 1,
            _ => break,
        }
    }
    // The longest name whose first part has no apostrophe and that follows a lower-case letter,
    // whitespace or punctuation.
    (2..=starts.len()).rev().find_map(|parts| {
        if !plain[parts - 1] {
            return None;
        }
        let start = starts[parts - 1];
        let prev = before[..start].chars().next_back()?;
        let glued = prev.is_lowercase();
        (glued || prev.is_whitespace() || matches!(prev, ',' | '.' | ';' | ':' | '!' | '?')).then(
            || GluedCredit {
                start: start - prev.len_utf8(),
                glued,
                outlet,
            },
        )
    })
}

/// A source line of a background box ending with a language code: "Wikipedia (en)".
static SOURCE_LANG_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| pattern(r"\(([a-z]{2,3})(?:-[A-Za-z]{2,4})?\)$"));

/// A domain name: "tvn24.pl", "example.com".
static DOMAIN_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| pattern(r"^(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,12}$"));

fn re_matches(re: &LazyLock<Option<Regex>>, s: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(s))
}

// ---------------------------------------------------------------------------------------------
// Classification of one line.
// ---------------------------------------------------------------------------------------------

/// Classifies one whitespace-normalised, non-empty line on its own.
fn classify_line(s: &str) -> Class {
    let words = effective_words(s);
    if let Some(class) = classify_by_lexicon(s, words) {
        return class;
    }
    // Cookie prompts and footers are looked for in lines of modest length only.
    let lower = (s.len() <= 3000).then(|| s.to_lowercase());
    let lower = lower.as_deref().unwrap_or("");
    if words <= 150 && !lower.is_empty() && is_cookie_prompt(lower, words) {
        return Class::Skip(RemovalReason::Boilerplate);
    }
    if s.len() <= 40 && s.bytes().any(|b| b.is_ascii_digit()) && is_weather_line(s) {
        return Class::Skip(RemovalReason::Weather);
    }
    if words <= 120 && s.len() <= 2000 && is_footer(s, lower) {
        return Class::Stop {
            reason: RemovalReason::Footer,
            hard: true,
        };
    }
    if words <= 40 && s.len() <= 600 && credit_remainder(s).is_some() {
        return Class::Credit;
    }
    if words <= 6 && s.len() <= 80 && is_bare_credit(s) {
        return Class::Credit;
    }
    if words <= 30
        && s.len() <= 400
        && let Some(b) = parse_byline(s)
    {
        return Class::Byline(b);
    }
    if words <= 60 && s.len() <= 600 && is_caption(s) {
        return Class::Skip(RemovalReason::Caption);
    }
    if let Some(b) = name_date_line(s) {
        return Class::Byline(b);
    }
    if let Some(d) = date_line(s) {
        return Class::Date(d);
    }
    Class::Body(shape(s, words))
}

/// Lexicon cues: whole-line cues, prefix cues with a teaser, ad lines, breadcrumbs, share bars,
/// aside labels.
fn classify_by_lexicon(s: &str, words: usize) -> Option<Class> {
    if words <= 12
        && let Some(key) = line_key(s)
    {
        if key.is_empty() {
            // Only decoration: "* * *", "---".
            return Some(Class::Skip(RemovalReason::Boilerplate));
        }
        let k = key.as_str();
        let comments = is_comments_cue(s, k);
        if comments || END_SET.contains(k) {
            return Some(Class::Stop {
                reason: RemovalReason::Boilerplate,
                hard: comments,
            });
        }
        if LINK_SET.contains(k) {
            return Some(Class::LinkCue);
        }
        if NAV_SET.contains(k) {
            return Some(Class::Skip(RemovalReason::Navigation));
        }
        if INLINE_SET.contains(k) {
            return Some(Class::Skip(RemovalReason::Boilerplate));
        }
        if WEAK_LABEL_SET.contains(k) {
            return Some(Class::AsideLabel { strong: false });
        }
        if STRONG_LABEL_SET.contains(k) {
            return Some(Class::AsideLabel { strong: true });
        }
        if is_ad_line(k) || is_share_bar(k) {
            return Some(Class::Skip(RemovalReason::Boilerplate));
        }
        if is_breadcrumb(k) {
            return Some(Class::Skip(RemovalReason::Navigation));
        }
    }
    if words <= 80 && s.len() <= 1200 && is_prefix_cue(s) {
        return Some(Class::Skip(RemovalReason::Boilerplate));
    }
    None
}

/// "Advertisement · Scroll to continue", "Reklama 2/3".
fn is_ad_line(key: &str) -> bool {
    AD_WORDS.iter().any(|w| {
        key.strip_prefix(w).is_some_and(|rest| {
            rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
                && rest.split_whitespace().count() <= 5
        })
    })
}

/// A short line about the comments: "Comments", "[ 167 comments ]", "Top Rated Comments",
/// "Visa kommentarer (12)". `key` is the lexicon key of `line`; the comment word opens or closes
/// it, and the line is no sentence ("She declined to comment.").
fn is_comments_cue(line: &str, key: &str) -> bool {
    let words: Vec<&str> = key
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let edge = |w: Option<&&str>| w.is_some_and(|w| COMMENT_WORDS.contains(w));
    key.split_whitespace().count() <= 6
        && (edge(words.first()) || edge(words.last()))
        && !ends_sentence(line)
}

/// "Facebook Twitter LinkedIn Email", "Share on Facebook".
fn is_share_bar(key: &str) -> bool {
    let mut social = 0;
    for w in key.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if w.is_empty() {
            continue;
        }
        if SOCIAL_SET.contains(w) {
            social += 1;
        } else if !SOCIAL_FILLER_SET.contains(w) {
            return false;
        }
    }
    social >= 2 || (social == 1 && key.split_whitespace().count() <= 3 && key.contains(' '))
}

/// "Home › News › World", "Hem / Nyheter / Utrikes".
fn is_breadcrumb(key: &str) -> bool {
    // Without a separator there is one part only.
    if !key.contains(['›', '»', '>', '/', '|', '→']) {
        return false;
    }
    let parts: Vec<&str> = key
        .split(['›', '»', '>', '/', '|', '→', '»'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2
        && parts.len() <= 8
        && NAV_SET.contains(parts[0])
        && parts.iter().all(|p| p.split_whitespace().count() <= 4)
}

/// A cue at the start of a line followed by a colon or arrow and anything, by nothing, or by a
/// short title: "Read more: …", "Czytaj także: …", "Läs mer Så gick det till".
fn is_prefix_cue(s: &str) -> bool {
    let t = trim_decoration_start(s);
    let Some(cues) = PREFIX_INDEX.get(&first_word_key(t)) else {
        return false;
    };
    cues.iter()
        .filter_map(|cue| strip_prefix_ci(t, cue))
        .any(teaser_remainder)
}

/// Whether what follows a link cue makes the line a link: nothing, a colon or arrow, or a short
/// title.
fn teaser_remainder(rest: &str) -> bool {
    let r = rest.trim_start();
    if r.chars()
        .all(|c| is_decoration(c) || matches!(c, ':' | '.' | '…' | '!'))
    {
        return true;
    }
    let mut chars = r.chars();
    match chars.next() {
        Some(':' | '»' | '›' | '→' | '>' | '|' | '–' | '—' | '-' | '…') => return true,
        Some('.') if r.starts_with("...") => return true,
        _ => {}
    }
    // A short title: capitalised (or quoted), at most twenty words, no final period.
    r.split_whitespace().count() <= 20
        && starts_capitalised(r)
        && r.chars().next().is_some_and(|c| !c.is_lowercase())
        && last_significant(r) != Some('.')
}

/// Stems of the words for cookies.
const COOKIE_STEMS: &[&str] = &["cooki", "kakor", "evästei", "informasjonskapsl", "ciastecz"];

/// A cookie prompt: a first-person or this-site cookie phrase in a short line, or a paragraph
/// of a cookie dialog that names cookies twice and the website or browser.
fn is_cookie_prompt(lower: &str, words: usize) -> bool {
    // A word can only start with a cookie stem that occurs in the line: most lines have none,
    // and are not split into words.
    if !COOKIE_STEMS.iter().any(|p| lower.contains(p)) {
        return false;
    }
    let cookie_words = lower
        .split_whitespace()
        .filter(|w| {
            let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
            COOKIE_STEMS.iter().any(|p| w.starts_with(p))
        })
        .count();
    if cookie_words == 0 {
        return false;
    }
    (words <= 60 && COOKIE_PHRASES.iter().any(|p| lower.contains(p)))
        || (cookie_words >= 2 && words <= 150 && COOKIE_CONTEXT.iter().any(|p| lower.contains(p)))
}

/// A footer: copyright, "all rights reserved", a contact prompt closing what the outlet says
/// about itself, or an outlet describing itself ("Omni är politiskt obundna och oberoende. Vi
/// …").
fn is_footer(s: &str, lower: &str) -> bool {
    if copyright_rest(s).is_some() {
        return s.chars().any(|c| c.is_ascii_digit()) || lower.contains("right");
    }
    if RIGHTS.as_ref().map_or_else(
        || RIGHTS_PHRASES.iter().any(|p| lower.contains(p)),
        |ac| ac.is_match(lower),
    ) {
        return true;
    }
    let ends_contact = {
        let t = lower.trim_end_matches(|c: char| !c.is_alphanumeric());
        CONTACT_PHRASES.iter().any(|p| t.ends_with(p))
    };
    // Whether the outlet speaks of itself as "we"; asked only when the rest agrees (it reads
    // every word).
    let we = || {
        lower
            .split_whitespace()
            .any(|w| WE_SET.contains(w.trim_matches(|c: char| !c.is_alphanumeric())))
    };
    let closes_quote = s.chars().last().is_some_and(is_closer);
    if ends_contact && !closes_quote && we() {
        return true;
    }
    if self_description_name(s).is_some() && we() {
        let independent = lower
            .split_whitespace()
            .any(|w| INDEPENDENCE_STEMS.iter().any(|st| w.starts_with(st)));
        return independent || ends_contact;
    }
    false
}

/// What follows "©", "(c)" or "Copyright" opening the line.
fn copyright_rest(s: &str) -> Option<&str> {
    let t = trim_decoration_start(s);
    let rest = t
        .strip_prefix('©')
        .or_else(|| strip_prefix_ci(t, "(c)"))
        .or_else(|| strip_prefix_ci(t, "copyright"))?;
    let rest = rest.trim_start();
    Some(rest.strip_prefix('©').unwrap_or(rest).trim_start())
}

/// The outlet named by a line that opens with "Name is/är/ist …" (at most three capitalised
/// words before the copula).
fn self_description_name(s: &str) -> Option<String> {
    let mut first = [""; 5];
    let mut n = 0;
    for (slot, t) in first.iter_mut().zip(s.split_whitespace()) {
        *slot = t;
        n += 1;
    }
    let tokens = &first[..n];
    for k in 1..=3.min(tokens.len().saturating_sub(1)) {
        if is_copula(tokens[k]) {
            let name = &tokens[..k];
            if name
                .iter()
                .all(|t| starts_capitalised(t) && !t.ends_with([',', '.', ':']))
                && !(k == 1 && NOT_NAME_SET.contains(name[0].to_lowercase().as_str()))
            {
                return Some(name.join(" "));
            }
            return None;
        }
    }
    None
}

/// Whether `word`, lower-cased, is one of [`COPULAS`]; short ASCII words are lower-cased on
/// the stack.
fn is_copula(word: &str) -> bool {
    let mut buf = [0u8; 16];
    if word.is_ascii()
        && let Some(bytes) = buf.get_mut(..word.len())
    {
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        return std::str::from_utf8(bytes).is_ok_and(|w| COPULA_SET.contains(w));
    }
    COPULA_SET.contains(word.to_lowercase().as_str())
}

/// The outlet named by a footer: "© 2024 Example Media. All rights reserved." → "Example
/// Media"; "Omni är politiskt obundna …" → "Omni".
fn footer_site(s: &str) -> Option<String> {
    if let Some(rest) = copyright_rest(s) {
        let mut name: Vec<&str> = Vec::new();
        for tok in rest.split_whitespace() {
            if name.is_empty()
                && tok
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '-' | '–' | ',' | '.'))
            {
                continue;
            }
            if tok == "|" || tok == "-" || tok == "–" {
                break;
            }
            let lower = tok.to_lowercase();
            if [
                "all", "alla", "alle", "tous", "todos", "tutti", "wszelkie", "kaikki",
            ]
            .contains(&lower.as_str())
                || !starts_capitalised(tok)
            {
                break;
            }
            let ends = tok.ends_with(['.', ',', ';']);
            name.push(tok.trim_end_matches(['.', ',', ';']));
            if ends || name.len() == 5 {
                break;
            }
        }
        return (!name.is_empty()).then(|| name.join(" "));
    }
    self_description_name(s)
}

/// A photo credit on a line of its own, without a label: a person's name and an agency joined
/// by one slash, the agency one word in capitals ("Amy K. Dragoo/AIMMEDIA", "REUTERS/Carlos
/// Barria", "John Smith/AP", "Peter Maahn/SP-X"). The name is two to four capitalised words or
/// initials, so "Israel/Palestine", "24/7", "NATO/EU" or a course title with codes
/// ("BDE/FSI Hochdruckregelung prüfen") are not credits.
fn is_bare_credit(s: &str) -> bool {
    let Some((a, b)) = s.trim().split_once('/') else {
        return false;
    };
    let (a, b) = (a.trim(), b.trim());
    let agency = |t: &str| {
        !t.contains(char::is_whitespace)
            && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && t.chars().all(|c| c.is_uppercase() || c == '-' || c == '&')
    };
    let name = |t: &str| {
        (2..=4).contains(&t.split_whitespace().count())
            && t.split_whitespace().all(|w| {
                let mut cs = w.chars();
                let first_upper = cs.next().is_some_and(char::is_uppercase);
                let rest = cs.as_str();
                first_upper
                    && (rest == "."
                        || (rest.chars().any(char::is_lowercase)
                            && rest
                                .chars()
                                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))))
            })
    };
    (name(a) && agency(b)) || (agency(a) && name(b))
}

/// What follows a credit label ("Photo: …", "Fot. …", "Main photo source: …").
fn credit_remainder(s: &str) -> Option<&str> {
    let t = trim_decoration_start(s);
    if let Some(rest) = copyright_rest(t) {
        return (!rest.is_empty()).then_some(rest);
    }
    let cues = CREDIT_INDEX.get(&first_word_key(t))?;
    for cue in cues {
        let Some(rest) = strip_prefix_ci(t, cue) else {
            continue;
        };
        let rest = if cue.ends_with(['.', '©']) {
            rest.trim_start()
        } else {
            match rest.trim_start().strip_prefix(':') {
                Some(r) => r.trim_start(),
                None => continue,
            }
        };
        if rest.is_empty() {
            continue;
        }
        let n = rest.split_whitespace().count();
        // A credit names people or agencies; a long sentence after "Source:" is prose.
        if n <= 12 || (n <= 40 && !ends_sentence(rest)) {
            return Some(rest);
        }
    }
    None
}

/// A caption with a credit: "(Name / Agency)" at the end, "Photo: Name" after the caption, or a
/// "Name Surname/Outlet" credit glued to a title-like line.
fn is_caption(s: &str) -> bool {
    if starts_with_figure_label(s) {
        return true;
    }
    if let Some(inner) = s.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
        && (2..=100).contains(&(inner.len() - open - 1))
        && paren_is_credit(&inner[open + 1..])
    {
        return true;
    }
    // Patterns run on the tail only: credits are short and sit at the end.
    let tail = tail(s, 160);
    if has_photo_credit_tail(tail, tail.len() == s.len()) {
        return true;
    }
    if !ends_sentence(tail)
        && tail.contains('/')
        && let Some(credit) = glued_credit(tail)
    {
        let (glued, outlet) = (credit.glued, credit.outlet);
        let before = s.len() - tail.len() + credit.start;
        // A glued credit is a strong sign; a spaced one needs an agency-like outlet and some
        // caption text before it.
        return (glued || outlet.split_whitespace().any(is_acronym_like))
            && s[..before].split_whitespace().count() >= 2;
    }
    false
}

/// Words that label a figure ("Figure 3: …", "Abb. 2: …").
#[rustfmt::skip]
const FIGURE_WORDS: &[&str] = &[
    "figure", "fig.", "abbildung", "abb.", "figur", "figura", "rysunek", "rys.", "рисунок", "рис.",
    "schaubild", "grafik", "illustration",
];

/// The first letters of [`FIGURE_WORDS`].
const FIGURE_INITIALS: &[char] = &['f', 'a', 'r', 'р', 's', 'g', 'i'];

/// Whether a line opens with a figure label and a colon, optionally numbered: "Figure 3: …",
/// "Abbildung: …", "Abb. 2a: …". A caption, wherever it stands.
pub(crate) fn starts_with_figure_label(s: &str) -> bool {
    let s = s.trim_start();
    // Every label starts with one of these letters: most lines are ruled out by their first
    // character, before the head is lower-cased into a new string.
    let first = s.chars().next().and_then(|c| c.to_lowercase().next());
    if !first.is_some_and(|c| FIGURE_INITIALS.contains(&c)) {
        return false;
    }
    let head: String = s.chars().take(16).flat_map(char::to_lowercase).collect();
    FIGURE_WORDS.iter().any(|w| {
        head.strip_prefix(w).is_some_and(|rest| {
            let rest = rest.trim_start_matches(|c: char| {
                c.is_ascii_digit() || c == ' ' || c == '.' || c.is_ascii_lowercase()
            });
            // The number (if any) is short: "4", "2a", "3.1", not a word run.
            let label = head.len() - rest.len() - w.len();
            label <= 6 && rest.starts_with(':')
        })
    })
}

/// The last `max` bytes of `s` (or a little fewer, at a character boundary).
fn tail(s: &str, max: usize) -> &str {
    let mut start = s.len().saturating_sub(max);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Words that introduce a photo credit.
#[rustfmt::skip]
const PHOTO_WORDS: &[&str] = &[
    "photograph", "photo", "foto", "bild", "fot.", "zdjęcie", "kuva", "image", "picture", "фото",
];

/// A photo credit closing a caption: "Memorial on Saturday. Photo: Jane Doe / TT", "… | Foto:
/// TT". `whole` tells whether `s` is the whole line (so that its start is a line start).
fn has_photo_credit_tail(s: &str, whole: bool) -> bool {
    let mut prev_space = false;
    for (i, c) in s.char_indices() {
        // A label starts the text or follows a space (`after_break` below needs one before it):
        // the cheap test first.
        let follows_space = prev_space;
        prev_space = c.is_whitespace();
        if !(i == 0 && whole || follows_space) {
            continue;
        }
        let first = if c.is_ascii() {
            Some(c.to_ascii_lowercase())
        } else {
            c.to_lowercase().next()
        };
        if !matches!(first, Some('p' | 'f' | 'b' | 'z' | 'k' | 'i' | 'ф')) {
            continue;
        }
        if credit_label_at(s, i, whole) {
            return true;
        }
    }
    false
}

/// Whether a photo label ("Photo:", "Foto", "Bild") at byte `i` of `s` opens a credit: at the
/// start of a whole line or spaced after a sentence or a separator ("… Saturday. Photo: …",
/// "… | Foto: …"), followed by one to eight capitalised words that end no sentence.
fn credit_label_at(s: &str, i: usize, whole: bool) -> bool {
    let before = s[..i].trim_end();
    let at_start = i == 0 && whole;
    let after_break = i > before.len()
        && (before.ends_with(is_terminal) || before.ends_with(['|', '–', '—', '-']));
    if !(at_start || after_break) {
        return false;
    }
    PHOTO_WORDS.iter().any(|w| {
        strip_prefix_ci(&s[i..], w).is_some_and(|rest| {
            let rest = rest.trim_start();
            let rest = rest
                .strip_prefix([':', '.', '©'])
                .unwrap_or(rest)
                .trim_start();
            let words = rest.split_whitespace().count();
            starts_capitalised(rest)
                && rest.chars().next().is_some_and(char::is_uppercase)
                && (1..=8).contains(&words)
                && !rest.contains(['.', '!', '?'])
        })
    })
}

/// Whether the inside of a final parenthesis is a photo credit: "Alexander Zemlianichenko / AP",
/// "AP Photo/Evan Vucci", "Photo: Reuters".
fn paren_is_credit(inner: &str) -> bool {
    let t = inner.trim();
    let lower = t.to_lowercase();
    // "(Photo: Reuters)", "(Foto Jane Doe)"; a bare "(photo)" marks a gallery link, not a credit.
    if [
        "photo", "foto", "bild", "fot.", "zdjęcie", "kuva", "image", "фото",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
        && (2..=8).contains(&t.split_whitespace().count())
    {
        return true;
    }
    if !t.contains('/') {
        return false;
    }
    let parts: Vec<&str> = t.split('/').map(str::trim).collect();
    parts
        .iter()
        .all(|p| !p.is_empty() && p.split_whitespace().count() <= 5 && starts_capitalised(p))
        && parts
            .iter()
            .any(|p| is_person_name(p) || p.to_lowercase().contains("photo"))
}

/// Two to four capitalised words (with name particles): "Alexander Zemlianichenko".
fn is_person_name(p: &str) -> bool {
    let toks: Vec<&str> = p.split_whitespace().collect();
    let caps = toks
        .iter()
        .filter(|t| starts_capitalised(t) && t.chars().any(char::is_lowercase))
        .count();
    (2..=5).contains(&toks.len())
        && caps >= 2
        && toks.iter().all(|t| {
            (starts_capitalised(t) && !t.chars().any(|c| c.is_ascii_digit()))
                || PARTICLE_SET.contains(t.to_lowercase().as_str())
        })
}

/// A token that looks like an acronym or brand: two capitals ("AP", "BiS"), or capitals and
/// digits ("TVN24").
fn is_acronym_like(t: &str) -> bool {
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    let upper = t.chars().filter(|c| c.is_uppercase()).count();
    let digit = t.chars().any(|c| c.is_ascii_digit());
    let alpha = t.chars().any(char::is_alphabetic);
    t.chars().count() <= 12 && alpha && (upper >= 2 || (upper >= 1 && digit))
}

/// A byline: "By Jane Doe", "Author:Justyna Zuber", "Av Anna Svensson", "Von Max Muster |
/// 21. April 2024".
fn parse_byline(s: &str) -> Option<Byline> {
    let t = trim_decoration_start(s);
    let key = first_word_key(t);
    let mut rest: Option<(&str, bool)> = None;
    if let Some(labels) = BYLINE_LABEL_INDEX.get(&key) {
        for label in labels {
            if let Some(r) = strip_prefix_ci(t, label)
                && let Some(r) = r.trim_start().strip_prefix(':')
            {
                rest = Some((r.trim_start(), false));
                break;
            }
        }
    }
    // "ByJane Doe": the space lost in extraction.
    if rest.is_none()
        && let Some(r) = t.strip_prefix("By")
        && r.starts_with(|c: char| c.is_uppercase())
        && r.chars()
            .nth(1)
            .is_some_and(|c| c.is_lowercase() || c == '.')
    {
        rest = Some((r, true));
    }
    if rest.is_none()
        && let Some(openers) = BYLINE_WORD_INDEX.get(&key)
    {
        for w in openers {
            if let Some(r) = strip_prefix_ci(t, w)
                && let Some(r) = r.strip_prefix(' ')
            {
                rest = Some((r, true));
                break;
            }
        }
    }
    let (rest, strict) = rest?;
    if rest.is_empty() || rest.split_whitespace().count() > 25 {
        return None;
    }
    let mut byline = Byline::default();
    let mut segments = split_segments(rest);
    // A date may follow the names without a separator: "By Jane Doe 21 April 2024 10:00".
    if let Some(first) = segments.first().copied() {
        let mut pos = 0;
        for tok in first.split(' ') {
            if pos > 0 && (tok.chars().any(|c| c.is_ascii_digit()) || is_month_word(tok)) {
                segments[0] = first[..pos].trim_end_matches([' ', ',']);
                segments.insert(1, &first[pos..]);
                break;
            }
            pos += tok.len() + 1;
        }
    }
    let mut segments = segments.into_iter();
    let names = segments.next()?;
    let mut ok = true;
    for part in split_names(names) {
        let part = part.trim().trim_end_matches([',', ';']);
        if part.is_empty() {
            continue;
        }
        if is_role(part) {
            continue;
        }
        if is_domain(part) {
            byline.site.get_or_insert_with(|| part.to_string());
            continue;
        }
        let n = part.split_whitespace().count();
        if n == 1 && starts_capitalised(part) && !part.chars().any(|c| c.is_ascii_digit()) {
            // A single word after a name is usually the outlet ("By Jane Doe, Reuters").
            byline.site.get_or_insert_with(|| part.to_string());
            continue;
        }
        if is_name(part) {
            byline.names.push(part.to_string());
        } else {
            ok = false;
        }
    }
    for seg in segments {
        let seg = seg.trim();
        if let Some(d) = (seg.len() <= 80).then(|| parse_date_text(seg)).flatten() {
            byline.date.get_or_insert(d);
        } else if is_domain(seg) || (seg.split_whitespace().count() <= 4 && starts_capitalised(seg))
        {
            byline.site.get_or_insert_with(|| seg.to_string());
        } else if strict {
            return None;
        }
    }
    if byline.names.is_empty() || (strict && !ok) {
        return None;
    }
    if strict && ends_sentence(names) && !names.trim_end().ends_with(|c: char| c.is_uppercase()) {
        // "By Tuesday the council had voted." is a sentence, not a byline.
        let last = names.split_whitespace().last().unwrap_or("");
        if last.chars().count() > 2 {
            return None;
        }
    }
    Some(byline)
}

/// Splits a byline remainder at "|", "•", "·", "/" and spaced dashes.
fn split_segments(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        let sep_len = match c {
            '|' | '•' | '·' | '/' => c.len_utf8(),
            '-' | '–' | '—'
                if i > 0
                    && bytes.get(i - 1) == Some(&b' ')
                    && s[i + c.len_utf8()..].starts_with(' ') =>
            {
                c.len_utf8()
            }
            _ => 0,
        };
        if sep_len > 0 {
            out.push(s[start..i].trim());
            start = i + sep_len;
        }
    }
    out.push(s[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

/// Splits a list of names at commas, semicolons and "and" in several languages.
fn split_names(s: &str) -> Vec<&str> {
    let mut parts = vec![s];
    for sep in [",", ";"].iter().chain(NAME_JOINERS) {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
}

fn is_role(part: &str) -> bool {
    part.split_whitespace().any(|w| {
        ROLE_SET.contains(
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    })
}

fn is_domain(s: &str) -> bool {
    !s.contains(' ') && re_matches(&DOMAIN_RE, &s.to_lowercase())
}

/// A personal name: one to five words, each capitalised (initials such as "J." allowed) or a
/// name particle, no digits, at least one capitalised word of two letters or more.
fn is_name(part: &str) -> bool {
    let toks: Vec<&str> = part.split_whitespace().collect();
    if toks.is_empty() || toks.len() > 5 {
        return false;
    }
    let mut real = 0;
    for t in &toks {
        if t.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        if PARTICLE_SET.contains(t.to_lowercase().as_str()) {
            continue;
        }
        if !starts_capitalised(t) {
            return false;
        }
        if t.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            real += 1;
        }
    }
    real >= 1
}

/// A line holding only a date (perhaps with a label and a time): "Sunday, April 21, 2024",
/// "Publicerad 21 april 2024 kl. 10.45".
fn date_line(s: &str) -> Option<NaiveDate> {
    // '@': a signature such as "— Name (@handle) November 18, 2019" closes an embedded post.
    if s.len() > 80 || s.contains('@') || s.bytes().filter(u8::is_ascii_digit).count() < 2 {
        return None;
    }
    // More than nine words: no date line.
    if s.split_whitespace().nth(9).is_some() {
        return None;
    }
    let t = trim_decoration_start(s);
    let mut body = t;
    if let Some(labels) = DATE_LABEL_INDEX.get(&first_word_key(t)) {
        for l in labels {
            if let Some(r) = strip_prefix_ci(t, l) {
                body = r.trim_start_matches([':', ' ']);
                break;
            }
        }
    }
    let alpha_words = body
        .split_whitespace()
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()) && w.chars().any(char::is_alphabetic))
        .count();
    if alpha_words > 4 {
        return None;
    }
    if ends_sentence(body) {
        // "2024 r." and "kl. 10." end in short abbreviations; a sentence does not.
        let last = body.split_whitespace().last().unwrap_or("");
        if last.chars().filter(|c| c.is_alphabetic()).count() > 2 {
            return None;
        }
    }
    parse_date_text(body)
}

/// A byline that is a name and a date: "Bettina Kugler 19.10.2019, 05:00 Uhr".
fn name_date_line(s: &str) -> Option<Byline> {
    if s.len() > 80 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut name_end = 0;
    let mut n = 0;
    for (i, tok) in s.split(' ').scan(0usize, |pos, t| {
        let start = *pos;
        *pos += t.len() + 1;
        Some((start, t))
    }) {
        if tok.chars().any(|c| c.is_ascii_digit())
            || matches!(tok, "|" | "-" | "–" | "—" | "·" | "•")
            || is_month_word(tok)
        {
            break;
        }
        n += 1;
        name_end = i + tok.len();
        if tok.ends_with(',') {
            break;
        }
    }
    if !(2..=4).contains(&n) {
        return None;
    }
    let name = s[..name_end].trim_end_matches(',');
    let rest = s[name_end..].trim_start_matches([',', ' ', '|', '-', '–', '—', '·', '•']);
    if !is_person_name(name) || name.contains(|c: char| !(c.is_alphabetic() || " .-'’".contains(c)))
    {
        return None;
    }
    let date = date_line(rest)?;
    Some(Byline {
        names: vec![name.to_string()],
        site: None,
        date: Some(date),
    })
}

/// Whether `tok` is a month name in a language the date parser knows.
fn is_month_word(tok: &str) -> bool {
    let t = tok.trim_matches(|c: char| !c.is_alphabetic());
    if t.chars().count() < 3 {
        return false;
    }
    // A word of letters only is read by the date patterns as a whole month name: the answer is
    // the month table's, without running them (they cost tens of microseconds a call).
    // ASCII words are read without the pattern (`\p{L}` is `[A-Za-z]` there).
    let letters = if t.is_ascii() {
        t.bytes().all(|b| b.is_ascii_alphabetic())
    } else {
        re_matches(&LETTERS_RE, t)
    };
    if letters {
        return crate::date::month_from_name(t).is_some();
    }
    parse_date_text(&format!("1 {t} 2000")).is_some()
        || parse_date_text(&format!("{t} 1, 2000")).is_some()
}

/// A word of letters only.
static LETTERS_RE: LazyLock<Option<Regex>> = LazyLock::new(|| pattern(r"^\p{L}+$"));

/// The shape of a line that passed every chrome test.
fn shape(s: &str, words: usize) -> Shape {
    if bullet_len(s).is_some() {
        return Shape::ListItem;
    }
    let last = last_significant(s);
    let terminal = last.is_some_and(|c| is_terminal(c) || matches!(c, ':' | ';'));
    if terminal {
        return if words >= 10 {
            Shape::Prose
        } else if words >= 3 {
            Shape::Sentence
        } else {
            Shape::Fragment
        };
    }
    if words >= 25 && lowercase_share(s) >= 0.4 {
        return Shape::Prose;
    }
    if words <= 20 && starts_capitalised(s) && digit_share(s) < 0.5 && last != Some(',') {
        return Shape::TitleLike;
    }
    Shape::Fragment
}

// ---------------------------------------------------------------------------------------------
// Context: asides, credits after bylines, links after cues, metadata.
// ---------------------------------------------------------------------------------------------

/// Finds background and fact boxes, turns them into asides and marks their lines.
fn find_asides(units: &mut [Unit], roles: &mut [Role], asides: &mut Vec<Aside>) {
    let mut i = 0;
    while i < units.len() {
        if let Class::AsideLabel { strong } = units[i].class {
            if let Some((aside, end)) = read_aside(units, i, strong) {
                asides.push(aside);
                for r in &mut roles[i..end] {
                    *r = Role::Aside;
                }
                i = end;
                continue;
            }
            // A label without a box is an ordinary line ("Background" as a subheading).
            units[i].class = Class::Body(shape(&units[i].text, units[i].words));
        }
        i += 1;
    }
}

/// Reads the box whose label is unit `i`; returns it and the index after its last unit.
fn read_aside(units: &[Unit], i: usize, strong: bool) -> Option<(Aside, usize)> {
    let label = units[i].text.trim_end_matches(':').to_string();
    let short = |u: &Unit| {
        u.words <= 10
            && !ends_sentence(&u.text)
            && matches!(u.class, Class::Body(_) | Class::Credit)
    };
    let (mut subject, mut source, mut lang) = (None, None, None);
    let mut j = i + 1;
    if let Some((src, l)) = units.get(j).and_then(|u| source_line(&u.text)) {
        (source, lang) = (Some(src), l);
        j += 1;
    } else if let (Some(a), Some((src, l))) = (
        units.get(j).filter(|u| short(u)),
        units.get(j + 1).and_then(|u| source_line(&u.text)),
    ) {
        subject = Some(a.text.clone());
        (source, lang) = (Some(src), l);
        j += 2;
    } else if !strong {
        return None;
    } else if let Some(a) = units
        .get(j)
        .filter(|u| short(u) && matches!(u.class, Class::Body(Shape::TitleLike)))
        && units.get(j + 1).is_some_and(|n| !n.para_start)
    {
        subject = Some(a.text.clone());
        j += 1;
    }
    // The text: the next unit, then the units of the same paragraph group, up to any chrome.
    let first = j;
    let mut texts: Vec<&str> = Vec::new();
    while let Some(u) = units.get(j) {
        let boxed = matches!(u.class, Class::Body(_));
        if !boxed || (j > first && u.para_start) {
            break;
        }
        texts.push(&u.text);
        j += 1;
    }
    if texts.is_empty() {
        return None;
    }
    let aside = Aside {
        label: Some(label),
        subject,
        source,
        lang,
        text: texts.join("\n\n"),
    };
    Some((aside, j))
}

/// A source line of a box: "Wikipedia (en)", "Källa: SCB", "Source: Eurostat". Returns the
/// source and the language code it gives, if any.
fn source_line(s: &str) -> Option<(String, Option<String>)> {
    if s.split_whitespace().count() > 6 || ends_sentence(s) {
        return None;
    }
    if let Some(caps) = SOURCE_LANG_RE.as_ref().and_then(|r| r.captures(s)) {
        let lang = caps.get(1).map(|m| m.as_str().to_string());
        return Some((s.to_string(), lang));
    }
    let lower = s.to_lowercase();
    let labelled = [
        "source:",
        "källa:",
        "kilde:",
        "źródło:",
        "quelle:",
        "fuente:",
        "fonte:",
        "lähde:",
        "bron:",
        "источник:",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    (labelled || lower.contains("wikipedia")).then(|| (s.to_string(), None))
}

/// Where the outlet's name came from, strongest first.
#[derive(Debug, Default)]
struct SiteCandidates {
    footer: Option<String>,
    credit: Option<String>,
    byline: Option<String>,
}

impl SiteCandidates {
    fn best(self) -> Option<String> {
        self.footer.or(self.credit).or(self.byline)
    }
}

/// Applies what neighbouring lines tell: bylines split over two lines, credit lines after
/// bylines, links after lone cues.
fn apply_context(units: &mut [Unit], roles: &[Role]) {
    join_split_bylines(units, roles);
    for i in 0..units.len().saturating_sub(1) {
        if roles[i] == Role::Aside || roles[i + 1] != Role::Undecided {
            continue;
        }
        let next_shape = match units[i + 1].class {
            Class::Body(shape) => shape,
            _ => continue,
        };
        match units[i].class {
            // The line after a byline naming a programme or outlet: "Facts about the world
            // TVN24 BiS".
            Class::Byline(_)
                if matches!(next_shape, Shape::TitleLike | Shape::Fragment)
                    && units[i + 1].words <= 8
                    && outlet_at_end(&units[i + 1].text).is_some() =>
            {
                units[i + 1].class = Class::Credit;
            }
            Class::LinkCue if next_shape == Shape::TitleLike => {
                units[i + 1].class = Class::Skip(RemovalReason::Boilerplate);
            }
            _ => {}
        }
    }
}

/// How many units before the body bylines, credits and dates are looked for.
const META_BEFORE: usize = 25;
/// How many units after the body bylines, credits and dates are looked for.
const META_AFTER: usize = 10;

/// Collects authors, credits, the page date and the outlet, from the lines around the body
/// (teasers and comments further away have bylines and dates of their own).
fn collect_meta(units: &[Unit], roles: &[Role], run: Option<Run>, out: &mut CleanText) {
    let (lo, hi) = run.map_or((0, units.len()), |r| {
        (r.start.saturating_sub(META_BEFORE), r.end + META_AFTER)
    });
    let mut sites = SiteCandidates::default();
    let (mut near_date, mut any_date, mut byline_date) = (None, None, None);
    for (i, u) in units.iter().enumerate() {
        if roles[i] == Role::Aside {
            continue;
        }
        let near = (lo..=hi).contains(&i);
        match &u.class {
            Class::Byline(b) if near => {
                for n in &b.names {
                    if !out
                        .authors
                        .iter()
                        .any(|a| a.to_lowercase() == n.to_lowercase())
                    {
                        out.authors.push(n.clone());
                    }
                }
                if let Some(s) = &b.site {
                    sites.byline.get_or_insert_with(|| s.clone());
                }
                if let Some(d) = b.date {
                    byline_date.get_or_insert(d);
                }
            }
            Class::Credit if near => {
                out.credits.push(u.text.clone());
                if i > 0
                    && matches!(units[i - 1].class, Class::Byline(_))
                    && let Some(site) = outlet_at_end(&u.text)
                {
                    sites.credit.get_or_insert(site);
                }
            }
            Class::Date(d) => {
                if near {
                    near_date.get_or_insert(*d);
                }
                any_date.get_or_insert(*d);
            }
            Class::Stop {
                reason: RemovalReason::Footer,
                ..
            } => {
                if let Some(site) = footer_site(&u.text) {
                    sites.footer.get_or_insert(site);
                }
            }
            _ => {}
        }
    }
    out.published = near_date
        .or(byline_date)
        .or(any_date)
        .map(|d| d.format("%Y-%m-%d").to_string());
    out.site = sites.best();
}

/// Joins bylines split over two lines ("Von" / "Heike Buchter", "By" / "Jane Doe"), and takes
/// a name alone on the line before a date line for a byline ("Evgenia Karp" / "6.11.2023").
fn join_split_bylines(units: &mut [Unit], roles: &[Role]) {
    for i in 0..units.len().saturating_sub(1) {
        if roles[i] != Role::Undecided || roles[i + 1] != Role::Undecided {
            continue;
        }
        if matches!(units[i + 1].class, Class::Date(_))
            && units[i].class == Class::Body(Shape::TitleLike)
            && (2..=3).contains(&units[i].words)
            && is_person_name(&units[i].text)
            && !units[i].text.split(' ').any(is_month_word)
        {
            units[i].class = Class::Byline(Byline {
                names: vec![units[i].text.clone()],
                ..Byline::default()
            });
            continue;
        }
        if units[i].words != 1 {
            continue;
        }
        let key = line_key(&units[i].text).unwrap_or_default();
        if !BYLINE_WORDS.contains(&key.as_str()) {
            continue;
        }
        let line = format!("{} {}", BYLINE_WORDS[0], units[i + 1].text);
        if units[i + 1].words <= 8
            && let Some(b) = parse_byline(&line)
        {
            units[i].class = Class::Byline(b);
            units[i + 1].class = Class::Byline(Byline::default());
        }
    }
}

/// The outlet named at the end of a credit line: the trailing run of capitalised words, if it
/// holds an acronym-like word or a domain ("… the world TVN24 BiS" → "TVN24 BiS").
fn outlet_at_end(s: &str) -> Option<String> {
    let toks: Vec<&str> = s.split_whitespace().collect();
    if let Some(last) = toks.last()
        && is_domain(last)
    {
        return Some(last.to_string());
    }
    let mut start = toks.len();
    while start > 0 && toks.len() - start < 4 {
        let t = toks[start - 1];
        if starts_capitalised(t) && !PARTICLE_SET.contains(t.to_lowercase().as_str()) {
            start -= 1;
        } else {
            break;
        }
    }
    let run = &toks[start..];
    (!run.is_empty() && run.iter().any(|t| is_acronym_like(t))).then(|| run.join(" "))
}

// ---------------------------------------------------------------------------------------------
// Body: the longest coherent run of body-like units.
// ---------------------------------------------------------------------------------------------

/// Most non-body lines (title-like, fragments) a run may cross between two paragraphs.
const MAX_GAP: usize = 4;
/// Most chrome lines a run may cross between two paragraphs.
const MAX_SKIP: usize = 8;
/// Most short list items a run may cross between two paragraphs.
const MAX_LIST: usize = 15;

/// A candidate body: units `start..=end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    start: usize,
    end: usize,
    /// Bytes of body text in the run.
    score: usize,
    /// Paragraphs of prose in the run.
    prose: usize,
    /// Divisor of the score: runs after an end-of-article cue are likely related links.
    damp: usize,
}

impl Run {
    fn weight(&self) -> usize {
        self.score / self.damp.max(1)
    }

    /// Whether the run is an article's worth of text, so that what follows an end cue is not.
    fn substantial(&self) -> bool {
        self.prose >= 2 || self.score >= 400
    }
}

/// How much less a run that follows an end-of-article cue weighs.
const DAMP_AFTER_END: usize = 3;

/// Finds the run of body-like units with the most text.
fn best_run(units: &[Unit], roles: &[Role]) -> Option<Run> {
    let mut best: Option<Run> = None;
    let mut cur: Option<Run> = None;
    let mut damp = 1;
    let (mut gap, mut skip, mut list) = (0usize, 0usize, 0usize);
    let mut title_since_body = false;
    let close = |cur: &mut Option<Run>, best: &mut Option<Run>| {
        if let Some(c) = cur.take()
            && best.is_none_or(|b| c.weight() > b.weight())
        {
            *best = Some(c);
        }
    };
    for (i, u) in units.iter().enumerate() {
        if roles[i] == Role::Aside {
            skip += 1;
            if skip > MAX_SKIP {
                close(&mut cur, &mut best);
            }
            continue;
        }
        match &u.class {
            Class::Body(shape @ (Shape::Prose | Shape::Sentence)) => {
                // Short sentences and then a title: the sentences were teasers or captions.
                if cur.is_some_and(|c| c.prose == 0) && title_since_body {
                    close(&mut cur, &mut best);
                }
                let c = cur.get_or_insert(Run {
                    start: i,
                    end: i,
                    score: 0,
                    prose: 0,
                    damp,
                });
                c.end = i;
                c.score += u.text.len();
                c.prose += usize::from(*shape == Shape::Prose);
                (gap, skip, list, title_since_body) = (0, 0, 0, false);
            }
            Class::Body(Shape::ListItem) => {
                if let Some(c) = cur.as_mut() {
                    if u.words >= 5 && ends_sentence(&u.text) {
                        c.end = i;
                        c.score += u.text.len() / 2;
                        (gap, skip, list) = (0, 0, 0);
                    } else {
                        list += 1;
                        if list > MAX_LIST {
                            close(&mut cur, &mut best);
                        }
                    }
                }
            }
            Class::Body(shape) => {
                if *shape == Shape::TitleLike {
                    title_since_body = true;
                }
                if cur.is_some() {
                    gap += 1;
                    if gap > MAX_GAP {
                        close(&mut cur, &mut best);
                    }
                }
            }
            Class::Stop { hard, .. } => {
                close(&mut cur, &mut best);
                if best.is_some_and(|b| b.substantial()) {
                    if *hard {
                        // Comments or the footer: the article is over.
                        break;
                    }
                    damp = DAMP_AFTER_END;
                }
            }
            _ => {
                if cur.is_some() {
                    skip += 1;
                    if skip > MAX_SKIP {
                        close(&mut cur, &mut best);
                    }
                }
            }
        }
    }
    close(&mut cur, &mut best);
    let mut run = best?;
    // A tail of short sentences after a title-like line is a list of teasers, not body.
    let last_prose = (run.start..=run.end)
        .rev()
        .find(|&i| units[i].class == Class::Body(Shape::Prose));
    if let Some(p) = last_prose {
        let title_then_sentence = (p + 1..=run.end)
            .map(|i| &units[i].class)
            .skip_while(|c| !matches!(c, Class::Body(Shape::TitleLike)))
            .any(|c| matches!(c, Class::Body(Shape::Sentence)));
        if title_then_sentence {
            run.end = p;
        }
    }
    Some(run)
}

/// Normalised form of a title for comparison: lowercase letters and digits, single spaces.
fn title_key(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

fn titles_match(line: &str, hint: &str) -> bool {
    if line.len() > 600 {
        return false;
    }
    let (a, b) = (title_key(line), title_key(hint));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.len() * 10 >= long.len() * 6 && long.contains(short.as_str())
}

/// How many units before the body the title may be.
const TITLE_WINDOW: usize = 15;

/// Finds the unit holding the title: the one matching `hint`, else the best title-like line
/// before the body (see [`title_score`]).
fn find_title(
    units: &[Unit],
    roles: &[Role],
    run: Option<Run>,
    hint: Option<&str>,
) -> Option<usize> {
    let limit = run.map_or(units.len(), |r| r.end + 1);
    if let Some(h) = hint {
        return (0..limit)
            .find(|&i| roles[i] == Role::Undecided && titles_match(&units[i].text, h));
    }
    let Some(r) = run else {
        return (0..units.len())
            .find(|&i| roles[i] == Role::Undecided && is_title_candidate(&units[i]));
    };
    let lede = lede_words(units, r);
    let from = r.start.saturating_sub(TITLE_WINDOW);
    let mut best: Option<(i32, usize)> = None;
    let mut rank = 0;
    for i in (from..r.start).rev() {
        let u = &units[i];
        if roles[i] != Role::Undecided {
            continue;
        }
        if matches!(u.class, Class::Body(Shape::Prose)) {
            // Prose before the body belongs to something else; the title is after it.
            break;
        }
        if !is_title_candidate(u) {
            continue;
        }
        let score = title_score(units, roles, i, &lede) - rank;
        rank += 1;
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// A short title-like line, or a short sentence ending in '?' or '!'.
fn is_title_candidate(u: &Unit) -> bool {
    u.words >= 2
        && u.words <= 30
        && match u.class {
            Class::Body(Shape::TitleLike) => true,
            Class::Body(Shape::Sentence) => matches!(last_significant(&u.text), Some('?' | '!')),
            _ => false,
        }
}

/// Words that mark a short line as site chrome rather than a headline.
#[rustfmt::skip]
const TITLE_CHROME_WORDS: &[&str] = &[
    "cookie", "newsletter", "subscribe", "sign up", "sign in", "log in", "anmelden", "abonn",
    "prenumer", "zaloguj", "rss",
];

/// Lowercase words of four letters or more in the first paragraphs of the body.
fn lede_words(units: &[Unit], run: Run) -> HashSet<String> {
    let mut words = HashSet::new();
    let mut chars = 0;
    for u in &units[run.start..=run.end] {
        if !matches!(u.class, Class::Body(Shape::Prose | Shape::Sentence)) {
            continue;
        }
        for w in content_words(&u.text) {
            chars += w.len();
            words.insert(w);
            if chars > 1500 {
                return words;
            }
        }
    }
    words
}

fn content_words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
}

/// How much a candidate looks like the headline: it shares words with the lede, it is followed
/// by a byline or date, it is not a caption (followed by a credit) nor a label with slashes or
/// pipes. The caller subtracts one per closer candidate.
fn title_score(units: &[Unit], roles: &[Role], i: usize, lede: &HashSet<String>) -> i32 {
    let u = &units[i];
    let mut score = 0;
    let shared: HashSet<String> = content_words(&u.text)
        .filter(|w| lede.contains(w))
        .collect();
    score += shared.len().min(3) as i32;
    let mut after = (i + 1..units.len()).filter(|&j| roles[j] == Role::Undecided);
    if let Some(j) = after.next() {
        match units[j].class {
            Class::Credit => score -= 4,
            Class::Byline(_) | Class::Date(_) => score += 3,
            // A headline followed by a longer standfirst without final period.
            Class::Body(Shape::TitleLike) if u.words >= 4 && units[j].words > u.words + 2 => {
                score += 2
            }
            _ => {
                // A standfirst may sit between the headline and the byline.
                if let Some(k) = after.next()
                    && matches!(units[k].class, Class::Byline(_) | Class::Date(_))
                {
                    score += 2;
                }
            }
        }
    }
    if u.text.contains(['|', '/', '»', '›', '→', '©']) {
        score -= 2;
    }
    let lower = u.text.to_lowercase();
    if TITLE_CHROME_WORDS.iter().any(|w| lower.contains(w)) {
        score -= 3;
    }
    if u.words <= 2 {
        score -= 1;
    }
    score
}

/// Gives every undecided unit its role: body block or removed line.
fn assemble_body(units: &[Unit], roles: &mut [Role], run: Option<Run>) {
    let in_run = |i: usize| run.is_some_and(|r| r.start <= i && i <= r.end);
    for (i, u) in units.iter().enumerate() {
        if roles[i] != Role::Undecided {
            continue;
        }
        roles[i] = match &u.class {
            Class::Body(shape) if in_run(i) => match shape {
                Shape::Prose | Shape::Sentence => Role::Body(BlockKind::Paragraph),
                Shape::ListItem => Role::Body(BlockKind::ListItem),
                Shape::TitleLike => Role::Body(BlockKind::Heading),
                Shape::Fragment if u.words >= 3 || ends_sentence(&u.text) => {
                    Role::Body(BlockKind::Paragraph)
                }
                Shape::Fragment => Role::Removed(RemovalReason::OutsideBody),
            },
            // No run at all: keep what reads as text, so that a short note is not lost.
            Class::Body(Shape::Sentence | Shape::TitleLike | Shape::Fragment)
                if run.is_none() && u.words >= 3 =>
            {
                Role::Body(BlockKind::Paragraph)
            }
            Class::Body(_) | Class::AsideLabel { .. } => Role::Removed(RemovalReason::OutsideBody),
            Class::Skip(r) | Class::Stop { reason: r, .. } => Role::Removed(*r),
            Class::LinkCue => Role::Removed(RemovalReason::Boilerplate),
            Class::Byline(_) => Role::Removed(RemovalReason::Byline),
            Class::Credit => Role::Removed(RemovalReason::Credit),
            Class::Date(_) => Role::Removed(RemovalReason::Date),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The credit-tail test as first written, without the cheap test first.
    fn has_photo_credit_tail_reference(s: &str, whole: bool) -> bool {
        for (i, c) in s.char_indices() {
            if !matches!(
                c.to_lowercase().next(),
                Some('p' | 'f' | 'b' | 'z' | 'k' | 'i' | 'ф')
            ) {
                continue;
            }
            if credit_label_at(s, i, whole) {
                return true;
            }
        }
        false
    }

    /// `starts_with_figure_label` as first written, without the test of the first letter.
    fn starts_with_figure_label_reference(s: &str) -> bool {
        let s = s.trim_start();
        let head: String = s.chars().take(16).flat_map(char::to_lowercase).collect();
        FIGURE_WORDS.iter().any(|w| {
            head.strip_prefix(w).is_some_and(|rest| {
                let rest = rest.trim_start_matches(|c: char| {
                    c.is_ascii_digit() || c == ' ' || c == '.' || c.is_ascii_lowercase()
                });
                let label = head.len() - rest.len() - w.len();
                label <= 6 && rest.starts_with(':')
            })
        })
    }

    #[test]
    fn figure_label_agrees_with_the_reference() {
        for w in FIGURE_WORDS {
            let initial = w.chars().next().unwrap();
            assert!(FIGURE_INITIALS.contains(&initial), "{w}");
        }
        let mut lines: Vec<String> = Vec::new();
        for w in FIGURE_WORDS {
            for t in [
                format!("{w}: x"),
                format!("{w} 3: x"),
                format!("  {w} 2a: x"),
                format!("{w}s: x"),
                w.to_uppercase() + ": x",
                format!("x{w}: x"),
            ] {
                lines.push(t);
            }
        }
        for l in &lines {
            assert_eq!(
                starts_with_figure_label(l),
                starts_with_figure_label_reference(l),
                "{l:?}"
            );
        }
        let pieces = [
            "Fig", "fi", "g.", "A", "bb", ":", " ", "1", "İ", "K", "Р", "ис.", "x",
        ];
        crate::testutil::for_each_string(&pieces, 5, |t| {
            assert_eq!(
                starts_with_figure_label(t),
                starts_with_figure_label_reference(t),
                "{t:?}"
            );
        });
    }

    #[test]
    fn ascii_letters_are_the_letter_pattern_on_ascii() {
        let letters = LETTERS_RE.as_ref().unwrap();
        for b in 0u8..128 {
            let t = char::from(b).to_string();
            assert_eq!(letters.is_match(&t), b.is_ascii_alphabetic(), "{b}");
        }
        let pieces = ["a", "Z", "'", "-", "1", "."];
        crate::testutil::for_each_string(&pieces, 5, |t| {
            assert_eq!(
                letters.is_match(t),
                !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphabetic()),
                "{t:?}"
            );
        });
    }

    #[test]
    fn rights_automaton_agrees_with_the_phrases() {
        assert!(RIGHTS.is_some());
        let mut lines: Vec<String> = RIGHTS_PHRASES
            .iter()
            .flat_map(|p| {
                let cut: String = p.chars().skip(1).collect();
                [format!("© 2024 x. {p}."), cut, format!("{p}{p}")]
            })
            .collect();
        lines.push("all rights reserve".into());
        lines.push(String::new());
        for l in &lines {
            assert_eq!(
                RIGHTS.as_ref().unwrap().is_match(l.as_str()),
                RIGHTS_PHRASES.iter().any(|p| l.contains(p)),
                "{l:?}"
            );
        }
    }

    #[test]
    fn word_counts_agree_with_the_reference() {
        let reference = |s: &str| {
            let tokens = s.split_whitespace().count();
            let dense = s.chars().filter(|&c| is_dense_script(c)).count();
            tokens.max(dense / 2)
        };
        let pieces = [
            "a", "b.", " ", "\t", "\n", "\u{0B}", "\u{0C}", "\r", "\u{1C}", "\u{A0}", "東", "ภ",
        ];
        crate::testutil::for_each_string(&pieces, 5, |s| {
            assert_eq!(effective_words(s), reference(s), "{s:?}");
        });
        let all: String = (0u8..128).map(char::from).collect();
        assert_eq!(effective_words(&all), reference(&all));
    }

    #[test]
    fn copula_test_agrees_with_the_reference() {
        let reference = |w: &str| COPULA_SET.contains(w.to_lowercase().as_str());
        let mut words: Vec<String> = Vec::new();
        for c in COPULAS {
            words.push(c.to_string());
            words.push(c.to_uppercase());
            words.push(format!("{c}s"));
        }
        words.push("IS".repeat(9));
        words.push("x".repeat(16));
        words.push(String::new());
        for w in &words {
            assert_eq!(is_copula(w), reference(w), "{w:?}");
        }
        let pieces = ["i", "S", "a", "r", "E", "è", "É", "s", "ą", "K"];
        crate::testutil::for_each_string(&pieces, 4, |w| {
            assert_eq!(is_copula(w), reference(w), "{w:?}");
        });
    }

    #[test]
    fn photo_credit_tail_agrees_with_the_reference() {
        let pieces = [
            "Photo", "Foto:", "Bild", "\u{a0}", " ", ". ", "| ", "Jane", "Doe", "TT", "x",
            "\u{130}", "P", "fOTO", "\t",
        ];
        let mut credits = 0;
        crate::testutil::for_each_string(&pieces, 5, |s| {
            for whole in [false, true] {
                let got = has_photo_credit_tail(s, whole);
                assert_eq!(
                    got,
                    has_photo_credit_tail_reference(s, whole),
                    "{s:?} {whole}"
                );
                credits += usize::from(got);
            }
        });
        assert!(credits > 100);
    }

    #[test]
    fn month_words_are_read_like_the_date_parser_reads_them() {
        // The lookup for words of letters gives what the date patterns give.
        let by_patterns = |t: &str| {
            parse_date_text(&format!("1 {t} 2000")).is_some()
                || parse_date_text(&format!("{t} 1, 2000")).is_some()
        };
        for word in [
            "April",
            "april",
            "APRIL",
            "Apr",
            "avr",
            "kwietnia",
            "апреля",
            "März",
            "août",
            "décembre",
            "sept",
            "Janu",
            "Monday",
            "Doe",
            "xyz",
            "mai-juni",
            "d'avril",
            "nov.",
            "listopada",
            "ožujka",
            "tammikuuta",
            "Δεκεμβρίου",
            "नवंबर",
            "四月",
        ] {
            let t = word.trim_matches(|c: char| !c.is_alphabetic());
            let expected = t.chars().count() >= 3 && by_patterns(t);
            assert_eq!(is_month_word(word), expected, "{word}");
        }
        assert!(is_month_word("April"));
        assert!(is_month_word("kwietnia,"));
        assert!(!is_month_word("Doe"));
    }

    fn body_texts(c: &CleanText) -> Vec<&str> {
        c.body.iter().map(|b| b.text.as_str()).collect()
    }

    fn headings(c: &CleanText) -> Vec<&str> {
        c.body
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| b.text.as_str())
            .collect()
    }

    // A few invented paragraphs, long enough to read as prose.
    const EN_P1: &str = "The city council voted on Tuesday to approve a new budget that raises spending on schools and roads by a tenth.";
    const EN_P2: &str = "Opposition members said the plan relied on optimistic tax forecasts, and warned that cuts would follow within two years.";
    const EN_P3: &str = "The mayor rejected the criticism and said the city had kept every promise it made to voters at the last election.";

    /// The regular expressions that the weather and credit matchers replaced, kept as oracles.
    const WEATHER_ORACLE: &str = r"(?x)^(?:
            (?:\p{Lu}[\p{L}.-]*\s){0,3} [-+−–]?\d{1,3}(?:[.,]\d{1,2})? \s?°\s?[CF]? (?:\s[\p{L}.-]+){0,4}
          | [-+−–]?\d{1,3}(?:[.,]\d{1,2})? \s?[CF] (?:\s\p{Lu}[\p{L}.-]*){0,3}
        )$";
    const GLUED_CREDIT_ORACLE: &str = r"(?x)
            (\p{Ll}|[\s,.;:!?])
            (\p{Lu}\p{Ll}+ (?:[\ -]\p{Lu}[\p{Ll}'’]+){1,2})
            \ ?/\ ?
            ([\p{Lu}\p{N}][\p{L}\p{N}.&-]* (?:\ [\p{Lu}\p{N}][\p{L}\p{N}.&-]*){0,3})
            $";

    #[test]
    fn weather_matcher_agrees_with_its_regex() {
        let oracle = Regex::new(WEATHER_ORACLE).unwrap();
        let pieces = [
            "Kraków", " ", "5", "-3", "10.1", "12,5", "1234", "7.123", "°", "C", "F", "sunny",
            "A.", "x", "−", "Ns", ".",
        ];
        let mut checked = 0;
        crate::testutil::for_each_string(&pieces, 5, |s| {
            assert_eq!(is_weather_line(s), oracle.is_match(s), "{s:?}");
            checked += 1;
        });
        assert!(checked > 1_000_000);
        for s in [
            "10.1 C",
            "-3 °C",
            "12°C Warszawa",
            "Stockholm 5°",
            "Nowy Sącz 4° pochmurno",
        ] {
            assert!(is_weather_line(s), "{s}");
        }
        for s in ["5 Cats", "Mon 5 May", "10,000 people", "Kraków 5°Celsius"] {
            assert!(!is_weather_line(s), "{s}");
        }
    }

    #[test]
    fn bare_credits_are_credits() {
        for c in [
            "Amy K. Dragoo/AIMMEDIA",
            "REUTERS/Carlos Barria",
            "John Smith/AP",
            "Peter Maahn/SP-X",
        ] {
            assert!(is_bare_credit(c), "{c}");
            assert_eq!(classify_line(c), Class::Credit, "{c}");
        }
        for c in [
            "Israel/Palestine",
            "24/7",
            "NATO/EU",
            "He said yes/no.",
            "Read more/Archive",
            "BDE/FSI Hochdruckregelung prüfen, Hochdruckventil A+E",
            "Autogasanlagen LPG/ CNG",
            "MED / Diagnose – Fehlersuche",
            "Kasseler Sparkasse (BIC/SWIFT: HELADEF1KAS)",
        ] {
            assert!(!is_bare_credit(c), "{c}");
        }
    }

    #[test]
    fn glued_credit_matcher_agrees_with_its_regex() {
        let oracle = Regex::new(GLUED_CREDIT_ORACLE).unwrap();
        let pieces = [
            "Jan", "Ko", "O’Neil", "e", " ", "-", "/", "PAP", "3D", "tvn", "(", ",", "A&B", "ó",
        ];
        let mut checked = 0;
        crate::testutil::for_each_string(&pieces, 5, |s| {
            let ours = glued_credit(s);
            let theirs = oracle.captures(s).map(|c| GluedCredit {
                start: c.get(0).map_or(0, |m| m.start()),
                glued: c[1].chars().all(char::is_lowercase),
                outlet: c.get(3).map_or("", |m| m.as_str()),
            });
            assert_eq!(ours, theirs, "{s:?}");
            checked += 1;
        });
        assert!(checked > 500_000);
        let credit = glued_credit("Crowds in EuropeAndrzej Zaucha/Fakty TVN").unwrap();
        assert!(credit.glued);
        assert_eq!(credit.outlet, "Fakty TVN");
    }

    #[test]
    fn lexicon_patterns_compile() {
        for re in [&SOURCE_LANG_RE, &DOMAIN_RE] {
            assert!(re.is_some());
        }
        for list in [
            END_CUES,
            LINK_CUES,
            PREFIX_CUES,
            NAV_WORDS,
            INLINE_CUES,
            CREDIT_LABELS,
        ] {
            for w in list {
                assert_eq!(*w, w.to_lowercase(), "lexicon entries are lowercase");
                assert_eq!(*w, w.trim(), "lexicon entries are trimmed");
            }
        }
    }

    #[test]
    fn boilerplate_cues_in_many_languages() {
        for line in [
            "- Advertisement -",
            "ADVERTISEMENT",
            "[Advertisement]",
            "Advertisement · Scroll to continue",
            "Must read",
            "Read more: Why the council changed its mind",
            "Read more",
            "See also: White House says the deal is off",
            "Source link",
            "More articles",
            "Latest article",
            "Läs mer",
            "Läs också: Så röstade riksdagen",
            "Czytaj także: Rząd przyjął projekt ustawy",
            "Zobacz też: Najnowsze sondaże",
            "REKLAMA",
            "Mehr zum Thema",
            "Lesen Sie auch: Die Regierung plant neue Steuern",
            "Anzeige",
            "Lire aussi : Le gouvernement annonce un plan",
            "Publicité",
            "Leer más: El Gobierno aprueba el presupuesto",
            "Lee también",
            "Leggi anche: Il governo approva la manovra",
            "Читайте также: Правительство одобрило бюджет",
            "Share this article",
            "Facebook Twitter LinkedIn Email",
            "We use cookies to improve your experience. Accept all cookies?",
            "Vi använder cookies för att ge dig en bättre upplevelse.",
            "* * *",
        ] {
            assert!(is_boilerplate_line(line), "should be boilerplate: {line:?}");
        }
    }

    #[test]
    fn figure_labels_open_captions() {
        for s in [
            "Figure 3: Changes in font size.",
            "Abbildung: Vergleich der Messungen",
            "Abb. 2a: Querschnitt",
            "Рисунок 1: схема",
        ] {
            assert!(starts_with_figure_label(s), "{s}");
        }
        for s in [
            "Figures released on Monday: a rise of 3%.",
            "Grafikkarten im Test: die besten Modelle",
            "The figure of 3: not what they expected.",
        ] {
            assert!(!starts_with_figure_label(s), "{s}");
        }
    }

    #[test]
    fn navigation_weather_dates_captions_credits() {
        for line in [
            "Hem",
            "Home",
            "Start",
            "Home › World › Europe",
            "10.1 C",
            "12°C Warszawa",
            "-3 °C",
            "Sunday, April 21, 2024",
            "21 kwietnia 2024",
            "Publicerad 21 april 2024 kl. 10.45",
            "Minnestavlor på lördagen. (Alexander Zemlianichenko / AP)",
            "Protesters gather outside parliament (AP Photo/Jane Doe)",
            "After the vote, anger is growing in EuropeJan Nowak/Fakty TVN",
            "Ministern på presskonferensen. Foto: Anna Berg / TT",
            "Main photo source: PAP/EPA/Maksym Shipenkov",
            "Fot. PAP/Leszek Szymański",
            "Photo: Reuters",
            "Foto: Lars Lund",
            "Bild: dpa",
            "Author:Justyna Zuber",
            "By Jane Doe",
            "Av Anna Svensson",
            "Von Max Mustermann",
            "Par Jean Dupont",
            "Por María García",
            "Autor: Jan Kowalski",
            "© 2024 Example Media. All rights reserved.",
            "Alle Rechte vorbehalten.",
        ] {
            assert!(is_boilerplate_line(line), "should be chrome: {line:?}");
        }
    }

    #[test]
    fn real_sentences_with_cue_words_are_not_boilerplate() {
        for line in [
            "See also the report the committee published on Monday, which found no evidence of fraud.",
            "Read more carefully, the law says something quite different from what its critics claim.",
            "Läs mer om hur regeringen tänker sig att reformen ska finansieras de kommande åren.",
            "Czytaj także uważnie, co minister powiedział o podatkach na konferencji prasowej.",
            "Mehr zum Thema Klimaschutz sagte die Ministerin am Montag in Berlin nicht.",
            "Lire aussi le rapport publié lundi permet de comprendre les enjeux du vote.",
            "Leer más de lo necesario no es un problema, dijo la profesora a sus alumnos.",
            "By Tuesday, the council had voted to approve the budget for the next year.",
            "Av alla förslag som lades fram i riksdagen röstades bara tre igenom i går.",
            "Von der Leyen said the commission would present its proposal next week.",
            "Home prices rose for the third month in a row, the statistics office said.",
            "Photo albums from the war were found in the attic of the old house.",
            "The temperature fell to 10.1 C in the capital on Sunday, the lowest in a decade.",
            "Source: a person familiar with the matter told the newspaper that the talks had stalled after the minister left.",
            "Background",
            "ISIS-K threatens Russia with new attacks",
            "Why did the council change its mind?",
            "The agency is independent and we will keep reporting, she said.",
            "The group announced further attacks in Russia.",
            "– Det är en tragedi, säger hon.",
            EN_P1,
        ] {
            assert!(!is_boilerplate_line(line), "should be body: {line:?}");
        }
        assert!(!is_boilerplate_line(""));
        assert!(!is_boilerplate_line("   \u{a0} "));
    }

    #[test]
    fn english_copy_site_page() {
        let text = format!(
            "12.5 C\nMonday, March 4, 2024\n\nCouncil approves budget after long debate\n\nMust read\n\n- Advertisement -\n\n{EN_P1}\n\nRead more: Why the mayor changed her mind\n\n{EN_P2}\n\n- Advertisement -\n\nWhat happens next\n\n{EN_P3}\n\nBy Jane Doe\n\nSource link\n\nMore articles\n\nSchools to reopen next week after the storm"
        );
        let c = clean_text(&text, None);
        assert_eq!(
            c.title.as_deref(),
            Some("Council approves budget after long debate")
        );
        assert_eq!(c.published.as_deref(), Some("2024-03-04"));
        assert_eq!(c.authors, vec!["Jane Doe"]);
        assert_eq!(
            body_texts(&c),
            vec![EN_P1, EN_P2, "What happens next", EN_P3]
        );
        assert_eq!(headings(&c), vec!["What happens next"]);
        assert!(c.removed.iter().any(|r| r.reason == RemovalReason::Weather));
        assert!(c.removed.iter().any(|r| r.text == "Source link"));
    }

    #[test]
    fn swedish_page_with_background_box_and_footer() {
        let p1 = "Regeringen presenterade på tisdagen ett nytt förslag om höjda anslag till skolan, som ska gälla från nästa år.";
        let p2 = "Oppositionen kritiserade förslaget och menade att finansieringen bygger på alltför optimistiska prognoser.";
        let text = format!(
            "Hem\nEleverna på skolgården. (Anna Berg / TT)\n\nAnalys: Därför satsar regeringen på skolan\n\n{p1}\n\n{p2}\n\nLäs mer\n\nbakgrund\n\u{a0}\nSkolverket\nWikipedia (sv)\nSkolverket är en svensk statlig förvaltningsmyndighet som ansvarar för skolväsendet.\nNyhetsportalen är oberoende. Vi vill ge fler perspektiv på nyheterna. Har du frågor? Kontakta redaktionen"
        );
        let c = clean_text(&text, None);
        assert_eq!(
            c.title.as_deref(),
            Some("Analys: Därför satsar regeringen på skolan")
        );
        assert_eq!(body_texts(&c), vec![p1, p2]);
        assert_eq!(c.site.as_deref(), Some("Nyhetsportalen"));
        assert_eq!(c.asides.len(), 1);
        let a = &c.asides[0];
        assert_eq!(a.label.as_deref(), Some("bakgrund"));
        assert_eq!(a.subject.as_deref(), Some("Skolverket"));
        assert_eq!(a.source.as_deref(), Some("Wikipedia (sv)"));
        assert_eq!(a.lang.as_deref(), Some("sv"));
        assert!(a.text.starts_with("Skolverket är en svensk"));
        assert!(!a.text.contains("Kontakta"));
    }

    #[test]
    fn polish_page_with_credits() {
        let p1 = "Rząd przyjął we wtorek projekt ustawy budżetowej, który zakłada wyższe wydatki na szkoły i drogi.";
        let p2 = "Opozycja skrytykowała projekt i zapowiedziała, że będzie głosować przeciwko niemu w Sejmie.";
        let p3 = "Minister finansów odpowiedział, że prognozy są ostrożne i zostały przygotowane przez ekspertów.";
        let text = format!(
            "12°C Warszawa\n21 kwietnia 2024\n\nSejm zajmie się budżetem\n\n{p1}\n\nCzytaj także: Najnowszy sondaż partyjny\n\nREKLAMA\n\n{p2}\n\nCo dalej z ustawą\n\n{p3}\n\nAutor: Jan Kowalski\n\nFot. PAP/Leszek Szymański"
        );
        let c = clean_text(&text, None);
        assert_eq!(c.title.as_deref(), Some("Sejm zajmie się budżetem"));
        assert_eq!(c.published.as_deref(), Some("2024-04-21"));
        assert_eq!(c.authors, vec!["Jan Kowalski"]);
        assert_eq!(c.credits, vec!["Fot. PAP/Leszek Szymański"]);
        assert_eq!(body_texts(&c), vec![p1, p2, "Co dalej z ustawą", p3]);
    }

    #[test]
    fn german_french_spanish_cues_inside_body() {
        let de1 = "Die Bundesregierung hat am Mittwoch einen Gesetzentwurf beschlossen, der höhere Ausgaben für Schulen vorsieht.";
        let de2 = "Die Opposition kritisierte den Entwurf scharf und kündigte Widerstand im Bundestag an.";
        let c = clean_text(
            &format!(
                "Von Max Mustermann\n\n{de1}\n\nMehr zum Thema\n\nAnzeige\n\n{de2}\n\nAlle Rechte vorbehalten."
            ),
            None,
        );
        assert_eq!(body_texts(&c), vec![de1, de2]);
        assert_eq!(c.authors, vec!["Max Mustermann"]);

        let fr1 = "Le gouvernement a présenté mercredi un projet de loi qui prévoit une hausse des dépenses pour les écoles.";
        let fr2 = "L'opposition a critiqué le texte et annoncé qu'elle voterait contre à l'Assemblée nationale.";
        let c = clean_text(
            &format!(
                "Par Jean Dupont\n\n{fr1}\n\nLire aussi : Le budget en cinq questions\n\nPublicité\n\n{fr2}"
            ),
            None,
        );
        assert_eq!(body_texts(&c), vec![fr1, fr2]);
        assert_eq!(c.authors, vec!["Jean Dupont"]);

        let es1 = "El Gobierno aprobó el miércoles un proyecto de ley que prevé un aumento del gasto en las escuelas.";
        let es2 = "La oposición criticó el texto y anunció que votará en contra en el Congreso de los Diputados.";
        let c = clean_text(
            &format!(
                "Por María García\n\n{es1}\n\nLeer más: Las claves del presupuesto\n\nPublicidad\n\n{es2}"
            ),
            None,
        );
        assert_eq!(body_texts(&c), vec![es1, es2]);
        assert_eq!(c.authors, vec!["María García"]);
    }

    #[test]
    fn prose_that_starts_with_a_cue_stays_in_the_body() {
        let see = "See also the report the committee published on Monday, which found no evidence of fraud in the count.";
        let c = clean_text(&format!("{EN_P1}\n\n{see}\n\n{EN_P2}"), None);
        assert_eq!(body_texts(&c), vec![EN_P1, see, EN_P2]);
    }

    #[test]
    fn headline_after_lone_read_more_is_a_link() {
        let c = clean_text(
            &format!("{EN_P1}\n\nRead more\nSchools to reopen after the storm\n\n{EN_P2}"),
            None,
        );
        assert_eq!(body_texts(&c), vec![EN_P1, EN_P2]);
        assert!(headings(&c).is_empty());
    }

    #[test]
    fn byline_and_outlet_on_the_credit_line() {
        let c = clean_text(
            &format!(
                "{EN_P1}\n\n{EN_P2}\n\nAuthor: Jane Doe\n\nnews of the day ABC24 World\n\nSource link"
            ),
            None,
        );
        assert_eq!(c.authors, vec!["Jane Doe"]);
        assert_eq!(c.site.as_deref(), Some("ABC24 World"));
        assert_eq!(c.credits, vec!["news of the day ABC24 World"]);
        assert_eq!(body_texts(&c), vec![EN_P1, EN_P2]);
    }

    #[test]
    fn bylines_with_several_authors_outlet_and_date() {
        let b = parse_byline("By Jane Doe and John Smith, Reuters").unwrap_or_default();
        assert_eq!(b.names, vec!["Jane Doe", "John Smith"]);
        assert_eq!(b.site.as_deref(), Some("Reuters"));
        let b = parse_byline("Av Anna Svensson | 21 april 2024").unwrap_or_default();
        assert_eq!(b.names, vec!["Anna Svensson"]);
        assert_eq!(b.date, NaiveDate::from_ymd_opt(2024, 4, 21));
        let b = parse_byline("Autorzy: Jan Kowalski i Anna Nowak").unwrap_or_default();
        assert_eq!(b.names, vec!["Jan Kowalski", "Anna Nowak"]);
        let b = parse_byline("By Jane Doe, Staff Writer").unwrap_or_default();
        assert_eq!(b.names, vec!["Jane Doe"]);
        assert_eq!(
            parse_byline("By the end of the year, prices had doubled."),
            None
        );
        assert_eq!(parse_byline("Av alla förslag röstades tre igenom."), None);
    }

    #[test]
    fn copyright_footer_names_the_site() {
        let c = clean_text(
            &format!("{EN_P1}\n\n{EN_P2}\n\n© 2024 Example Media. All rights reserved."),
            None,
        );
        assert_eq!(c.site.as_deref(), Some("Example Media"));
        assert_eq!(body_texts(&c), vec![EN_P1, EN_P2]);
        assert!(c.removed.iter().any(|r| r.reason == RemovalReason::Footer));
    }

    #[test]
    fn footer_ends_the_body_even_when_prose_follows() {
        let teaser = "A long teaser for another story that the site shows under its footer, written as a full sentence.";
        let c = clean_text(
            &format!(
                "{EN_P1}\n\n{EN_P2}\n\n{EN_P3}\n\nExample News is an independent newsroom. We report on local politics. Contact us\n\n{teaser}"
            ),
            None,
        );
        assert_eq!(body_texts(&c), vec![EN_P1, EN_P2, EN_P3]);
        assert_eq!(c.site.as_deref(), Some("Example News"));
    }

    #[test]
    fn background_word_without_a_box_is_a_subheading() {
        let c = clean_text(&format!("{EN_P1}\n\nBackground\n\n{EN_P2}"), None);
        assert_eq!(headings(&c), vec!["Background"]);
        assert!(c.asides.is_empty());
    }

    #[test]
    fn fact_box_with_strong_label() {
        let c = clean_text(
            &format!(
                "{EN_P1}\n\n{EN_P2}\n\nFact box\nThe budget\nTotal spending: 1.2 billion\nSchools: 300 million"
            ),
            None,
        );
        assert_eq!(c.asides.len(), 1);
        assert_eq!(c.asides[0].subject.as_deref(), Some("The budget"));
        assert!(c.asides[0].text.starts_with("Total spending"));
        assert_eq!(body_texts(&c), vec![EN_P1, EN_P2]);
    }

    #[test]
    fn title_hint_wins_and_its_line_leaves_the_body() {
        let c = clean_text(
            &format!("Council approves budget.\n\n{EN_P1}\n\n{EN_P2}"),
            Some("Council approves budget"),
        );
        assert_eq!(c.title.as_deref(), Some("Council approves budget"));
        assert_eq!(body_texts(&c), vec![EN_P1, EN_P2]);
        let c = clean_text(
            &format!("{EN_P1}\n\n{EN_P2}"),
            Some("  A title from elsewhere "),
        );
        assert_eq!(c.title.as_deref(), Some("A title from elsewhere"));
        assert_eq!(c.body.len(), 2);
    }

    #[test]
    fn teaser_sentence_before_the_title_is_not_body() {
        let c = clean_text(
            &format!(
                "Breaking: storm hits coast.\n\nCouncil approves budget after debate\n\n{EN_P1}\n\n{EN_P2}"
            ),
            None,
        );
        assert_eq!(
            c.title.as_deref(),
            Some("Council approves budget after debate")
        );
        assert_eq!(body_texts(&c), vec![EN_P1, EN_P2]);
    }

    #[test]
    fn list_items_and_quote_paragraphs() {
        let c = clean_text(
            &format!(
                "{EN_P1}\n\n• Schools get 300 million more this year.\n• Roads get 200 million more this year.\n\n– We kept every promise, the mayor said on Tuesday.\n\n{EN_P2}"
            ),
            None,
        );
        let kinds: Vec<BlockKind> = c.body.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(c.body[1].text, "Schools get 300 million more this year.");
        assert!(c.body[3].text.starts_with("– We kept"));
    }

    #[test]
    fn hard_wrapped_text_is_joined_into_paragraphs() {
        let text = "Council approves budget\n\n\
            The city council voted on Tuesday to approve a new budget that\n\
            raises spending on schools and roads by a tenth, after a debate\n\
            that lasted well into the night and ended with a narrow vote.\n\n\
            Opposition members said the plan relied on optimistic forecasts\n\
            of tax income, and warned that cuts would follow within two\n\
            years unless the economy grew faster than it has done lately.\n\n\
            The mayor rejected the criticism and said the city had kept\n\
            every promise it made to voters at the last local election.";
        let c = clean_text(text, None);
        assert_eq!(c.title.as_deref(), Some("Council approves budget"));
        assert_eq!(c.body.len(), 3);
        assert!(c.body[0].text.starts_with("The city council voted"));
        assert!(c.body[0].text.ends_with("narrow vote."));
    }

    #[test]
    fn line_endings_and_invisible_characters() {
        let text =
            format!("Title of the story\r\n\r\n{EN_P1}\r\n\r\n{EN_P2}\r{EN_P3}\u{2029}Source link");
        let c = clean_text(&text, None);
        assert_eq!(c.title.as_deref(), Some("Title of the story"));
        assert_eq!(body_texts(&c), vec![EN_P1, EN_P2, EN_P3]);
        assert_eq!(normalize("a\u{200B}b\u{00AD}c \u{a0}\t d\u{FEFF}"), "abc d");
    }

    #[test]
    fn text_without_prose_keeps_its_sentences() {
        let c = clean_text("A short note\n\nThe meeting is moved to Friday.", None);
        assert_eq!(c.title.as_deref(), Some("A short note"));
        assert_eq!(body_texts(&c), vec!["The meeting is moved to Friday."]);
    }

    #[test]
    fn cjk_text_counts_characters() {
        let p = "市议会周二投票通过了新的预算案，将学校和道路的支出提高了十分之一，反对派表示计划过于乐观。";
        let c = clean_text(&format!("市议会通过预算\n\n{p}\n\n{p}"), None);
        assert_eq!(c.title.as_deref(), Some("市议会通过预算"));
        assert_eq!(c.body.len(), 2);
    }

    #[test]
    fn empty_and_degenerate_inputs_do_not_panic() {
        for text in [
            "",
            " ",
            "\n\n\n",
            "\u{a0}\u{2029}\r\n",
            "***",
            "()",
            "©",
            "By",
            "Author:",
            "bakgrund",
            "Läs mer",
            "(",
            "/",
            "a/B",
            "—",
        ] {
            let c = clean_text(text, Some(""));
            assert!(c.body.len() <= 1, "{text:?}");
            let _ = is_boilerplate_line(text);
        }
    }

    #[test]
    fn huge_inputs_are_handled_in_linear_time() {
        // One 10 MB paragraph without a newline, mixing scripts.
        let unit = "Слово word 単語 كلمة słowo (x / Y) ";
        let big = unit.repeat(10 * 1024 * 1024 / unit.len());
        let start = std::time::Instant::now();
        let c = clean_text(&big, None);
        assert_eq!(c.body.len(), 1);
        assert!(!is_boilerplate_line(&big));
        // Many short lines, and only whitespace.
        let lines = "Read more\nHem\n10 C\nA line of text.\n\n".repeat(40_000);
        let c = clean_text(&lines, None);
        assert!(c.body.len() < 40_001);
        let spaces = " \t\u{a0}\n".repeat(500_000);
        assert_eq!(clean_text(&spaces, None), CleanText::default());
        let one_token = "x".repeat(5 * 1024 * 1024);
        let _ = clean_text(&one_token, None);
        let _ = is_boilerplate_line(&one_token);
        assert!(
            start.elapsed().as_secs() < 60,
            "too slow: {:?}",
            start.elapsed()
        );
    }
}
