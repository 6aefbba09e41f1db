//! The values the store takes and returns.

use parallax_core::Article;
use serde::Serialize;

/// An article to insert, with the fingerprints dedup computed for it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    /// The article's key, chosen by the caller; inserting a key that exists changes nothing.
    pub key: String,
    /// The article.
    pub article: Article,
    /// The normalised URL (exact-duplicate detection by URL).
    pub url_norm: Option<String>,
    /// The hash of the normalised body text (exact-duplicate detection by content).
    pub content_hash: u64,
    /// The MinHash signature as bytes, if the text was long enough to have one.
    pub signature: Option<Vec<u8>>,
    /// The LSH band keys of the signature (empty without one).
    pub band_keys: Vec<u64>,
    /// The key of the earlier article this one is a copy of, if any. That article must be stored.
    pub copy_of: Option<String>,
    /// The estimated similarity to `copy_of`.
    pub copy_similarity: Option<f64>,
}

/// An article read back from the store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredArticle {
    /// The article's key.
    pub key: String,
    /// The article, as inserted.
    pub article: Article,
    /// The key of the article this one is a copy of, if any.
    pub copy_of: Option<String>,
    /// The estimated similarity to `copy_of`.
    pub copy_similarity: Option<f64>,
    /// When the article was stored, UTC, RFC 3339 (`2024-04-21T10:00:00Z`).
    pub ingested_at: String,
}

/// One line of an article listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// The article's key.
    pub key: String,
    /// The identifier the input gave.
    pub id: String,
    /// The headline.
    pub title: Option<String>,
    /// The outlet or site name.
    pub site: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Publication date and time, ISO 8601.
    pub published: Option<String>,
    /// The URL the page was fetched from.
    pub url: Option<String>,
    /// The key of the article this one is a copy of, if any.
    pub copy_of: Option<String>,
}

/// Which articles [`Store::list`](crate::Store::list) returns. The default lists every original
/// (not copies), newest first, without a limit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleFilter {
    /// Only articles in this language (ISO 639-1 code, case-insensitive).
    pub language: Option<String>,
    /// Only articles whose site name or URL host contains this text, case-insensitively.
    pub site: Option<String>,
    /// Only articles published on or after this ISO 8601 date or date-time (`2024-04-21`).
    /// Articles without a publication date are left out.
    pub since: Option<String>,
    /// Only articles published on or before this ISO 8601 date or date-time; a date includes its
    /// whole day. Articles without a publication date are left out.
    pub until: Option<String>,
    /// Include copies of other articles as well as originals.
    pub copies: bool,
    /// At most this many articles; 0 means no limit.
    pub limit: usize,
    /// Skip this many articles first (for paging).
    pub offset: usize,
}

/// Counts over the whole store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Stats {
    /// Stored articles, originals and copies together.
    pub articles: u64,
    /// Of those, how many are copies of an earlier article.
    pub copies: u64,
    /// Records skipped as exact duplicates (same URL or same text) of a stored article.
    pub duplicates: u64,
    /// Records that could not be read or processed.
    pub errors: u64,
    /// Stored articles (originals and copies) per language, most frequent first; `None` for
    /// articles whose language is not known.
    pub by_language: Vec<(Option<String>, u64)>,
}

/// One story as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StorySummary {
    /// The story id.
    pub id: u64,
    /// The title of its earliest independent article.
    pub headline: Option<String>,
    /// Articles in the story, originals and copies.
    pub articles: u64,
    /// Of those, the independent ones (not copies or reprints).
    pub independent: u64,
    /// Languages of its articles (ISO 639-1), most articles first.
    pub languages: Vec<String>,
    /// Publication time of its first dated article.
    pub first_published: Option<String>,
    /// Publication time of its latest dated article.
    pub last_published: Option<String>,
    /// When the story last changed in the store, UTC, RFC 3339.
    pub updated_at: String,
}

/// Which stories [`Store::stories`](crate::Store::stories) returns. The default lists every
/// story, latest report first, without a limit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoryFilter {
    /// Only stories with an article in this language (ISO 639-1 code).
    pub language: Option<String>,
    /// Only stories with a report published on or after this ISO 8601 date or date-time.
    pub since: Option<String>,
    /// Only stories whose first report was published on or before this ISO 8601 date or
    /// date-time (a date includes its whole day).
    pub until: Option<String>,
    /// Only stories with at least this many independent sources.
    pub min_sources: u64,
    /// At most this many stories; 0 means no limit.
    pub limit: usize,
    /// Skip this many stories first (for paging).
    pub offset: usize,
}

/// One article of a story, as [`Store::story_members_detailed`](crate::Store::story_members_detailed)
/// lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryMember {
    /// The article's key.
    pub key: String,
    /// The key of the article it is a copy of, if any.
    pub copy_of: Option<String>,
    /// The article's insertion number in the store.
    pub seq: i64,
}
