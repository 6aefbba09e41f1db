//! Plain data types that flow between the stages of the Parallax pipeline.
//!
//! The pipeline runs one way: **sources → extraction → analysis → clustering → storage → story
//! assembly → interfaces**. Each stage takes and returns the plain types in this crate and never
//! reaches into another stage's internals:
//!
//! * a source yields [`RawDoc`]s (bytes or text plus whatever the input format already says about
//!   them, and a [`Provenance`] naming where they came from), or a [`RecordError`] for a record it
//!   could not read;
//! * extraction turns a [`RawDoc`] into an [`Article`] (clean body [`Block`]s and metadata);
//! * analysis fills in fields such as [`Article::language`] and the fingerprints used by dedup;
//! * storage persists [`Article`]s and [`RecordError`]s.
//!
//! This crate has no I/O and almost no dependencies, so every other crate can depend on it.

#![warn(missing_docs)]

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a record came from: enough to find it again and to name it in an error message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Provenance {
    /// The input the record was read from: a file path, `-` for stdin, or a URL.
    pub origin: String,
    /// Position of the record inside the input, when the input holds many records: the 1-based
    /// line number of a JSONL line, the byte offset of a WARC record, the index of a feed item.
    pub record: Option<u64>,
    /// What kind of input this was.
    pub kind: SourceKind,
}

impl Provenance {
    /// A provenance for a whole single-record input such as one HTML file.
    pub fn file(origin: impl Into<String>, kind: SourceKind) -> Self {
        Provenance {
            origin: origin.into(),
            record: None,
            kind,
        }
    }

    /// A provenance for record `record` inside a multi-record input.
    pub fn record(origin: impl Into<String>, record: u64, kind: SourceKind) -> Self {
        Provenance {
            origin: origin.into(),
            record: Some(record),
            kind,
        }
    }
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.kind, self.record) {
            (SourceKind::Jsonl, Some(n)) => write!(f, "{} line {}", self.origin, n),
            (SourceKind::Warc, Some(n)) => write!(f, "{} record at byte {}", self.origin, n),
            (SourceKind::Feed, Some(n)) => write!(f, "{} item {}", self.origin, n),
            (_, Some(n)) => write!(f, "{} record {}", self.origin, n),
            (_, None) => write!(f, "{}", self.origin),
        }
    }
}

/// The kind of input a record was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A single HTML page (optionally gzip-compressed).
    #[default]
    Html,
    /// A plain-text file, often text that someone already extracted from a page.
    Text,
    /// One line of a JSONL dump.
    Jsonl,
    /// A response record of a WARC archive.
    Warc,
    /// An item of an RSS or Atom feed (the article page fetched over HTTP, or the item itself).
    Feed,
    /// A page fetched from a URL.
    Url,
    /// Standard input.
    Stdin,
}

impl SourceKind {
    /// The lowercase name used in the store and in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Html => "html",
            SourceKind::Text => "text",
            SourceKind::Jsonl => "jsonl",
            SourceKind::Warc => "warc",
            SourceKind::Feed => "feed",
            SourceKind::Url => "url",
            SourceKind::Stdin => "stdin",
        }
    }
}

/// The payload of a raw document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// HTML bytes as received, in whatever charset the page uses.
    Html(Vec<u8>),
    /// Text that is already decoded (it may still hold site chrome to clean away).
    Text(String),
}

impl Content {
    /// Length of the payload in bytes.
    pub fn len(&self) -> usize {
        match self {
            Content::Html(b) => b.len(),
            Content::Text(t) => t.len(),
        }
    }

    /// Whether the payload is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A document as a source read it, before extraction.
///
/// Optional fields carry what the input format already states (a JSONL `title`, a WARC
/// `WARC-Target-URI`, an HTTP `Content-Type` charset). Extraction prefers them to guesses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    /// An identifier given by the input (a JSONL `id`, or the file name less its extensions).
    pub id: Option<String>,
    /// The URL the document was fetched from, if known.
    pub url: Option<String>,
    /// The bytes or text.
    pub content: Content,
    /// A title given by the input.
    pub title: Option<String>,
    /// A publication date given by the input, as written there.
    pub published: Option<String>,
    /// The outlet or site name given by the input.
    pub source: Option<String>,
    /// A language code given by the input.
    pub lang: Option<String>,
    /// The charset named by a transport header (HTTP `Content-Type`), if any.
    pub charset: Option<String>,
    /// When the page was fetched or crawled; no extracted date may be later than this.
    pub fetched: Option<chrono::DateTime<chrono::Utc>>,
    /// Where the record came from.
    pub provenance: Provenance,
}

impl RawDoc {
    /// A raw document with only its content and provenance set.
    pub fn new(content: Content, provenance: Provenance) -> Self {
        RawDoc {
            id: None,
            url: None,
            content,
            title: None,
            published: None,
            source: None,
            lang: None,
            charset: None,
            fetched: None,
            provenance,
        }
    }
}

/// A record that could not be read or processed. It names the input and record, says what went
/// wrong, and never stops the batch it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordError {
    /// Where the failing record came from.
    pub provenance: Provenance,
    /// The stage that failed: `read`, `extract`, `store`, ...
    pub stage: String,
    /// A message that tells the user what went wrong and, where possible, what to do.
    pub message: String,
}

impl RecordError {
    /// A new error for `provenance` at `stage`.
    pub fn new(provenance: Provenance, stage: &str, message: impl Into<String>) -> Self {
        RecordError {
            provenance,
            stage: stage.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} failed: {}",
            self.provenance, self.stage, self.message
        )
    }
}

impl std::error::Error for RecordError {}

/// The role of a block of body text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// An ordinary paragraph.
    Paragraph,
    /// A heading or subheading inside the body.
    Heading,
    /// A list item.
    ListItem,
    /// A block quotation.
    Quote,
    /// A preformatted block or table row kept as text.
    Pre,
}

/// One block of an article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text, whitespace-normalised, without markup.
    pub text: String,
}

impl Block {
    /// A paragraph block.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
        }
    }

    /// A heading block.
    pub fn heading(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Heading,
            text: text.into(),
        }
    }
}

/// A box of background material that a page shows beside the article (a "bakgrund" box quoting an
/// encyclopedia, a fact box): kept apart from the body because the outlet did not write it as
/// part of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aside {
    /// The label the page gives the box ("bakgrund", "Background", "Fact box").
    pub label: Option<String>,
    /// The subject the box is about ("IS-Khorasan").
    pub subject: Option<String>,
    /// Where the box says its text comes from ("Wikipedia (en)").
    pub source: Option<String>,
    /// Language of the box text when the page states it or it differs from the article.
    pub lang: Option<String>,
    /// The text of the box.
    pub text: String,
}

/// A clean article: what extraction produces and storage keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// The identifier given by the input, or derived from it.
    pub id: String,
    /// The URL the page was fetched from.
    pub url: Option<String>,
    /// The canonical URL the page declares.
    pub canonical_url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Authors, one name each.
    pub authors: Vec<String>,
    /// Publication date and time, ISO 8601 (`2024-04-21` or `2024-04-21T10:00:00+02:00`).
    pub published: Option<String>,
    /// Last modification date and time, ISO 8601.
    pub modified: Option<String>,
    /// The outlet or site name.
    pub site: Option<String>,
    /// ISO 639-1 language code of the body.
    pub language: Option<String>,
    /// A short description or standfirst the page declares.
    pub description: Option<String>,
    /// The main image URL.
    pub image: Option<String>,
    /// The body, block by block.
    pub body: Vec<Block>,
    /// Boxes of background material kept apart from the body.
    pub asides: Vec<Aside>,
    /// Credit lines that are metadata rather than body ("Main photo source: PAP/EPA").
    pub credits: Vec<String>,
    /// Where the document came from.
    pub provenance: Provenance,
}

impl Article {
    /// The body as plain text, blocks joined by a blank line.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for b in &self.body {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }

    /// The first author, or all authors joined with `, `; `None` when there is none.
    pub fn author_line(&self) -> Option<String> {
        if self.authors.is_empty() {
            None
        } else {
            Some(self.authors.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_names_the_record() {
        let p = Provenance::record("dump.jsonl", 7, SourceKind::Jsonl);
        assert_eq!(p.to_string(), "dump.jsonl line 7");
        let p = Provenance::record("cc.warc.gz", 1234, SourceKind::Warc);
        assert_eq!(p.to_string(), "cc.warc.gz record at byte 1234");
        let p = Provenance::file("a.html", SourceKind::Html);
        assert_eq!(p.to_string(), "a.html");
    }

    #[test]
    fn body_text_joins_blocks_with_blank_lines() {
        let a = Article {
            body: vec![
                Block::heading("H"),
                Block::paragraph("P one."),
                Block::paragraph("P two."),
            ],
            ..Default::default()
        };
        assert_eq!(a.body_text(), "H\n\nP one.\n\nP two.");
    }

    #[test]
    fn record_error_display_names_input_stage_and_reason() {
        let e = RecordError::new(
            Provenance::record("x.jsonl", 3, SourceKind::Jsonl),
            "read",
            "not JSON",
        );
        assert_eq!(e.to_string(), "x.jsonl line 3: read failed: not JSON");
    }
}
