//! Cleaning of text that was already extracted from a page. (Being written now.)

use parallax_core::{Aside, Block};

/// What cleaning found in a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CleanText {
    /// The headline.
    pub title: Option<String>,
    /// Authors from byline or credit lines.
    pub authors: Vec<String>,
    /// The outlet named in the text.
    pub site: Option<String>,
    /// A page date found in the text, ISO 8601.
    pub published: Option<String>,
    /// Body blocks.
    pub body: Vec<Block>,
    /// Background boxes.
    pub asides: Vec<Aside>,
    /// Credit lines.
    pub credits: Vec<String>,
}

/// Cleans `text`.
pub fn clean_text(text: &str, _title_hint: Option<&str>) -> CleanText {
    let body = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(Block::paragraph)
        .collect();
    CleanText {
        body,
        ..Default::default()
    }
}

/// Whether a single line is boilerplate ("Read more: ...", "- Advertisement -") in any supported
/// language.
pub fn is_boilerplate_line(_line: &str) -> bool {
    false
}
