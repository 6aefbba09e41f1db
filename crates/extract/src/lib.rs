//! Article extraction: from a [`RawDoc`] (HTML bytes or already-extracted text) to a clean
//! [`Article`] with body blocks and metadata.
//!
//! * [`charset`] decodes page bytes (declared charset checked, detected when missing or wrong);
//! * [`meta`] reads title, authors, dates, site, canonical URL, language, description and image;
//! * [`date`] parses dates in many formats and languages;
//! * [`html`] finds the main content of a page;
//! * [`text`] cleans text that someone already extracted (site chrome, captions, credits).
//!
//! Extraction is pure: no I/O, no global state beyond compiled patterns, and no panic on any input.

#![warn(missing_docs)]

pub mod charset;
pub mod date;
#[doc(hidden)]
pub mod fastparse;
pub mod html;
pub mod meta;
#[cfg(test)]
mod testutil;
pub mod text;

use parallax_core::{Article, Content, RawDoc};
use std::fmt;

/// Why a document yielded no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The document has no bytes or only whitespace.
    Empty,
    /// The document holds bytes that are not text (NUL bytes, images, archives).
    Binary,
    /// No body text was found: the page may be an index, a video page or a paywall.
    NoBody,
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExtractError::Empty => write!(f, "the document is empty"),
            ExtractError::Binary => {
                write!(f, "the document is binary data, not HTML or text")
            }
            ExtractError::NoBody => write!(
                f,
                "no article text found (an index page, a video or photo page, or a paywall?)"
            ),
        }
    }
}

impl std::error::Error for ExtractError {}

/// Extracts the article in `doc`.
///
/// Fields the input already states (a JSONL `title`, `published`, `source` or `lang`) win over
/// what is found in the page. The article's `id` is the input's id, else the URL, else the
/// provenance.
pub fn extract(doc: &RawDoc) -> Result<Article, ExtractError> {
    let article = extract_lenient(doc)?;
    if article.body.is_empty() {
        return Err(ExtractError::NoBody);
    }
    Ok(article)
}

/// Like [`extract`], but a page without body text is not an error: the article comes back with
/// its metadata and an empty body. Diagnostic tools use this to show what a page does have.
pub fn extract_lenient(doc: &RawDoc) -> Result<Article, ExtractError> {
    if doc.content.is_empty() {
        return Err(ExtractError::Empty);
    }
    let mut article = match &doc.content {
        Content::Html(bytes) => from_html(bytes, doc)?,
        Content::Text(text) => {
            if looks_like_html(text) {
                from_html(text.as_bytes(), doc)?
            } else {
                from_text(text, doc)?
            }
        }
    };
    apply_given(&mut article, doc);
    Ok(article)
}

/// Whether a text payload is really HTML (a JSONL `text` field holding markup).
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .flat_map(char::to_lowercase)
        .collect();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || (head.starts_with('<')
            && (head.contains("<body") || head.contains("<p>") || head.contains("<div")))
}

fn is_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let nul = sample.iter().filter(|&&b| b == 0).count();
    // UTF-16 text has many NULs too, but it starts with a BOM that the charset step handles.
    nul > 0 && !(sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]))
}

fn from_html(bytes: &[u8], doc: &RawDoc) -> Result<Article, ExtractError> {
    if is_binary(bytes) {
        return Err(ExtractError::Binary);
    }
    let (text, _, _) = charset::decode_borrowed(bytes, doc.charset.as_deref());
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    let dom = html::parse(&html::strip_heavy(&text));
    let meta = meta::extract_metadata(&dom, doc.url.as_deref(), doc.fetched);
    let title = doc.title.clone().or(meta.title);
    let mut body = html::extract_body(&dom, title.as_deref());
    if body.blocks.is_empty() && memchr::memmem::find(text.as_bytes(), b"<noscript").is_some() {
        let dom = html::parse(&html::strip_heavy_keeping_noscript(&text));
        body = html::extract_body(&dom, title.as_deref());
    }
    Ok(Article {
        id: String::new(),
        url: doc.url.clone().or(meta.canonical_url.clone()),
        canonical_url: meta.canonical_url,
        title,
        authors: meta.authors,
        published: meta.published,
        modified: meta.modified,
        site: meta.site,
        language: meta.language,
        description: meta.description,
        image: meta.image,
        body: body.blocks,
        asides: Vec::new(),
        credits: Vec::new(),
        provenance: doc.provenance.clone(),
    })
}

fn from_text(text: &str, doc: &RawDoc) -> Result<Article, ExtractError> {
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    if is_binary(text.as_bytes()) {
        return Err(ExtractError::Binary);
    }
    let clean = text::clean_text(text, doc.title.as_deref());
    Ok(Article {
        id: String::new(),
        url: doc.url.clone(),
        title: clean.title,
        authors: clean.authors,
        published: clean.published,
        site: clean.site,
        body: clean.body,
        asides: clean.asides,
        credits: clean.credits,
        provenance: doc.provenance.clone(),
        ..Default::default()
    })
}

/// Lets what the input states override what extraction guessed, and sets the id.
fn apply_given(article: &mut Article, doc: &RawDoc) {
    if let Some(t) = doc.title.as_ref().filter(|t| !t.trim().is_empty()) {
        article.title = Some(t.trim().to_string());
    }
    if let Some(p) = doc.published.as_ref().filter(|p| !p.trim().is_empty()) {
        article.published = date::parse_machine_date(p)
            .or_else(|| date::parse_date_text(p).map(|d| d.format("%Y-%m-%d").to_string()))
            .or(article.published.take());
    }
    if let Some(s) = doc.source.as_ref().filter(|s| !s.trim().is_empty()) {
        article.site = Some(s.trim().to_string());
    }
    if let Some(l) = doc.lang.as_ref().filter(|l| !l.trim().is_empty()) {
        article.language = Some(l.trim().to_ascii_lowercase());
    }
    article.id = doc
        .id
        .clone()
        .or_else(|| doc.url.clone())
        .unwrap_or_else(|| doc.provenance.to_string());
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::{Provenance, SourceKind};

    fn html_doc(html: &str) -> RawDoc {
        RawDoc::new(
            Content::Html(html.as_bytes().to_vec()),
            Provenance::file("t.html", SourceKind::Html),
        )
    }

    #[test]
    fn text_kept_only_for_readers_without_scripts_is_read() {
        let para = "This paragraph is what readers without scripts see, and it is long enough \
                    to count as the prose of an article on its own.";
        let html = format!(
            "<html><body><h1>Post</h1><div><script type='text/template'><p>{para}</p></script>\
             <noscript><p>{para}</p><p>{para}</p></noscript></div></body></html>"
        );
        let article = extract(&html_doc(&html)).unwrap();
        assert_eq!(article.body.len(), 2, "{:?}", article.body);
        assert_eq!(article.body[0].text, para);
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(extract(&html_doc("")), Err(ExtractError::Empty));
        let bin = RawDoc::new(
            Content::Html(vec![0x89, b'P', b'N', b'G', 0, 0, 0, 13]),
            Provenance::file("x.png", SourceKind::Html),
        );
        assert_eq!(extract(&bin), Err(ExtractError::Binary));
        let no_body = html_doc(
            "<html><head><title>Only a title</title></head><body><a href=/>Home</a></body></html>",
        );
        assert_eq!(extract(&no_body), Err(ExtractError::NoBody));
        let partial = extract_lenient(&no_body).unwrap();
        assert!(partial.body.is_empty());
        assert_eq!(partial.title.as_deref(), Some("Only a title"));
    }

    #[test]
    fn given_fields_win_and_id_is_set() {
        let mut d = html_doc(
            "<html><head><title>Page title</title></head><body><article><p>The council voted on Tuesday to approve the new budget, which raises spending on schools and roads by a tenth.</p></article></body></html>",
        );
        d.id = Some("abc".into());
        d.title = Some("Given title".into());
        d.source = Some("The Paper".into());
        d.lang = Some("EN".into());
        let a = extract(&d).unwrap();
        assert_eq!(a.id, "abc");
        assert_eq!(a.title.as_deref(), Some("Given title"));
        assert_eq!(a.site.as_deref(), Some("The Paper"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn html_inside_text_payload_is_parsed_as_html() {
        let d = RawDoc::new(
            Content::Text("<html><body><div class=story><p>The council voted on Tuesday to approve the new budget, which raises spending on schools and roads by a tenth.</p></div><nav>Menu</nav></body></html>".into()),
            Provenance::record("d.jsonl", 1, SourceKind::Jsonl),
        );
        let a = extract(&d).unwrap();
        assert!(a.body_text().starts_with("The council"));
        assert!(!a.body_text().contains('<'));
    }
}
