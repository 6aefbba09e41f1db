//! What [`crate::assemble`] takes: the articles of one story with their analyses, candidate
//! related stories, and options.

use parallax_analysis::Analysis;
use parallax_core::Article;

use crate::knowledge::Knowledge;

/// One article of the story as the store holds it.
#[derive(Debug, Clone)]
pub struct StoryArticle {
    /// The article's store key.
    pub key: String,
    /// The clean article.
    pub article: Article,
    /// For a copy or reprint: the store key of its original.
    pub copy_of: Option<String>,
    /// The analysis of [`Article::body_text`]; computed on the fly when `None`.
    pub analysis: Option<Analysis>,
}

/// Another story that may be related to this one.
#[derive(Debug, Clone, Default)]
pub struct RelatedCandidate {
    /// Its id.
    pub id: u64,
    /// Its headline.
    pub headline: String,
    /// Its entities' canonical names.
    pub entities: Vec<String>,
}

/// Options of [`crate::assemble`].
#[derive(Debug, Clone, Copy)]
pub struct AssembleOptions<'a> {
    /// The reader's language (ISO 639-1): headline and summary prefer it.
    pub language: Option<&'a str>,
    /// How many sentences the summary has (default 5).
    pub summary_sentences: usize,
    /// Imported background knowledge for entities.
    pub knowledge: Option<&'a Knowledge>,
}

impl Default for AssembleOptions<'_> {
    fn default() -> Self {
        AssembleOptions {
            language: None,
            summary_sentences: 5,
            knowledge: None,
        }
    }
}
