//! Full-text search over stored Parallax articles.
//!
//! The index is a [tantivy] index in a directory of its own. One process writes it
//! ([`SearchIndex::open`], used by ingest and `parallax reindex`); any number of processes read
//! it ([`SearchIndex::open_read_only`], used by the web server), seeing each new commit after
//! [`SearchIndex::reload`] or shortly after it happens.
//!
//! What makes it fit for news in many languages:
//!
//! * a multilingual tokenizer ([`tokenize`]): Unicode words, lowercased in every script,
//!   Latin diacritics folded, Chinese and Japanese indexed as character bigrams;
//! * a second, inflection-tolerant copy of titles and bodies with every word cut to its first six
//!   letters, searched at a lower boost, so "Ryssland" also finds "Rysslands";
//! * entity names indexed both as text and as canonical keys through the built-in gazetteer of
//!   [`parallax_analysis`], so [`SearchQuery::entity`] = "Russia" finds articles that name
//!   "Ryssland", "Rosja" or "Россия", and a free-text query for "Ryssland" also finds English
//!   articles about Russia (at a lower boost than the literal word);
//! * filters on language, site, publication date and copies, and `total` counts of all matches.
//!
//! The highest article sequence number indexed is saved with every commit
//! ([`SearchIndex::last_seq`]) so that, after a crash, indexing can resume with the articles
//! stored after it.
//!
//! ```no_run
//! use parallax_search::{IndexDoc, SearchIndex, SearchQuery};
//! # fn main() -> Result<(), parallax_search::SearchError> {
//! let mut index = SearchIndex::open(std::path::Path::new("data/search"))?;
//! index.add(&IndexDoc {
//!     key: "a1".into(),
//!     seq: 1,
//!     title: Some("Sanktioner mot Ryssland".into()),
//!     body: "Regeringen föreslår nya sanktioner.".into(),
//!     language: Some("sv".into()),
//!     entities: vec!["Russia".into(), "Ryssland".into()],
//!     ..IndexDoc::default()
//! })?;
//! index.commit()?;
//! let results = index.search(&SearchQuery {
//!     text: "sanktioner".into(),
//!     entity: Some("Russia".into()),
//!     ..SearchQuery::default()
//! })?;
//! for hit in results.hits {
//!     println!("{} {:?} {}", hit.key, hit.title, hit.snippet);
//! }
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

pub mod query;
pub mod tokenize;

use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::directory::error::LockError;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, Query, QueryParser, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher,
    TantivyDocument, TantivyError, Term,
};

use crate::query::{BoundKind, expand_gazetteer_names, parse_bound, parse_published, url_host};
use crate::tokenize::{
    KEY_TOKENIZER, PREFIX_TOKENIZER, TEXT_TOKENIZER, analyze, key_analyzer, prefix_analyzer,
    text_analyzer,
};

/// Indexing threads of the index writer. Each builds its own segment, so the segments written
/// at a commit (the serial tail of an ingest) are serialised in parallel.
const WRITER_THREADS: usize = 2;
/// Memory budget of the index writer, shared by its threads.
const WRITER_HEAP_BYTES: usize = WRITER_THREADS * 50_000_000;
/// At most this many bytes of a body are stored for snippets (the whole body is indexed). A
/// snippet tokenizes the stored text of every hit on the page, so this bounds the cost of a page
/// of results.
const STORED_BODY_BYTES: usize = 8 * 1024;
/// Target length of a snippet, in characters.
const SNIPPET_CHARS: usize = 200;
/// Largest page size [`SearchIndex::search`] returns; larger limits are reduced to it.
pub const MAX_LIMIT: usize = 1_000;
/// Deepest result offset [`SearchIndex::search`] serves.
pub const MAX_OFFSET: usize = 10_000;
/// Longest query text accepted, in bytes.
pub const MAX_QUERY_BYTES: usize = 2_000;
/// Deepest parenthesis nesting accepted in query text.
const MAX_QUERY_DEPTH: usize = 16;
/// Longest filter value (language, site, entity, date) accepted, in bytes.
const MAX_FILTER_BYTES: usize = 200;
/// Prefix of the commit payload that records the last indexed sequence number.
const PAYLOAD_PREFIX: &str = "parallax-search last_seq=";

/// Boost of a title match relative to a body match.
const TITLE_BOOST: f32 = 2.0;
/// Boost of a match on the truncated-word field (inflected forms).
const PREFIX_BOOST: f32 = 0.3;

/// One article to index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IndexDoc {
    /// The article's unique key in the store; adding a document with a key already in the index
    /// replaces it.
    pub key: String,
    /// The store's sequence number for the article (increasing with insertion order).
    pub seq: i64,
    /// Headline.
    pub title: Option<String>,
    /// Clean body text.
    pub body: String,
    /// Language code such as `en` or `sv`.
    pub language: Option<String>,
    /// Site name or host.
    pub site: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publication time as stored: RFC 3339, `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DD`. A value that
    /// cannot be read is kept for display but takes no part in date filters.
    pub published: Option<String>,
    /// Whether the article is a copy of another stored article (excluded from searches unless
    /// [`SearchQuery::copies`] is set).
    pub is_copy: bool,
    /// Entity names: canonical names and their aliases.
    pub entities: Vec<String>,
}

/// A search request. Every filter that is set must match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// Query text in tantivy's query syntax over titles, bodies and entity names: words (all must
    /// match), `OR`, `AND`, `"phrases"`, `-excluded`, `title:word`, parentheses. Empty text with
    /// filters matches every article that passes the filters, newest first.
    pub text: String,
    /// Only articles in this language (`en` also matches `en-GB`).
    pub language: Option<String>,
    /// Only articles whose site name or URL host contains this, ignoring case (`bbc` matches
    /// `www.bbc.co.uk`).
    pub site: Option<String>,
    /// Only articles published at or after this date or time (RFC 3339 or `YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only articles published at or before this date or time; a date includes its whole day.
    pub until: Option<String>,
    /// Only articles naming this entity, in any language the gazetteer knows ("Russia" also
    /// matches articles that name "Ryssland" or "Россия").
    pub entity: Option<String>,
    /// Include articles marked as copies of other articles.
    pub copies: bool,
    /// Number of hits to return (at most [`MAX_LIMIT`]).
    pub limit: usize,
    /// Number of hits to skip, for paging (at most [`MAX_OFFSET`]).
    pub offset: usize,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            language: None,
            site: None,
            since: None,
            until: None,
            entity: None,
            copies: false,
            limit: 20,
            offset: 0,
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The article's key in the store.
    pub key: String,
    /// Headline.
    pub title: Option<String>,
    /// Site name or host.
    pub site: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Publication time as stored.
    pub published: Option<String>,
    /// Relevance score (0 when results are sorted by date).
    pub score: f32,
    /// Plain text of about 200 characters around the best match (the start of the body when the
    /// match was not in the body).
    pub snippet: String,
}

/// The answer to a [`SearchQuery`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SearchResults {
    /// Number of articles that match, over all pages.
    pub total: usize,
    /// The requested page of hits, best (or newest) first.
    pub hits: Vec<Hit>,
}

/// What can go wrong with the search index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A read-only open found no index.
    #[error(
        "there is no search index at {}: run `parallax reindex` to build it",
        dir.display()
    )]
    Missing {
        /// The index directory.
        dir: PathBuf,
    },
    /// Another writer holds the index lock.
    #[error(
        "another parallax process is writing the search index at {}: stop it or wait for it to finish",
        dir.display()
    )]
    Locked {
        /// The index directory.
        dir: PathBuf,
    },
    /// The index files cannot be read.
    #[error(
        "the search index at {} is damaged ({detail}): run `parallax reindex` to rebuild it",
        dir.display()
    )]
    Damaged {
        /// The index directory.
        dir: PathBuf,
        /// What tantivy reported.
        detail: String,
    },
    /// The index was written with another schema (an older or newer parallax).
    #[error(
        "the search index at {} was built by a different version of parallax: run `parallax reindex` to rebuild it",
        dir.display()
    )]
    Incompatible {
        /// The index directory.
        dir: PathBuf,
    },
    /// The index directory cannot be created or opened.
    #[error("cannot use the search index directory {}: {detail}", dir.display())]
    Directory {
        /// The index directory.
        dir: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// A write was attempted on an index opened with [`SearchIndex::open_read_only`].
    #[error(
        "the search index at {} is open read-only: open it with `SearchIndex::open` to add documents",
        dir.display()
    )]
    ReadOnly {
        /// The index directory.
        dir: PathBuf,
    },
    /// The query text or a filter could not be understood (a user error: HTTP 400).
    #[error("bad search query: {0}")]
    Query(String),
    /// Any other failure while reading or writing the index.
    #[error("search index error at {}: {detail}", dir.display())]
    Index {
        /// The index directory.
        dir: PathBuf,
        /// What tantivy reported.
        detail: String,
    },
}

impl SearchError {
    fn from_tantivy(dir: &Path, err: TantivyError) -> SearchError {
        let dir = dir.to_path_buf();
        match err {
            TantivyError::LockFailure(LockError::LockBusy, _) => SearchError::Locked { dir },
            TantivyError::DataCorruption(_)
            | TantivyError::OpenReadError(_)
            | TantivyError::DeserializeError(_) => SearchError::Damaged {
                dir,
                detail: err.to_string(),
            },
            TantivyError::IncompatibleIndex(_) | TantivyError::SchemaError(_) => {
                SearchError::Incompatible { dir }
            }
            TantivyError::OpenDirectoryError(_) => SearchError::Directory {
                dir,
                detail: err.to_string(),
            },
            other => SearchError::Index {
                dir,
                detail: other.to_string(),
            },
        }
    }
}

/// The fields of the index schema.
#[derive(Debug, Clone, Copy)]
struct Fields {
    key: Field,
    title: Field,
    body: Field,
    prefix: Field,
    body_stored: Field,
    entities: Field,
    entity_key: Field,
    language: Field,
    site: Field,
    site_key: Field,
    url: Field,
    published: Field,
    published_raw: Field,
    is_copy: Field,
}

/// Name of the canonical-entity-key field, also usable in query text (`ekey:"russia"`).
const ENTITY_KEY_FIELD: &str = "ekey";

fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { opts.set_stored() } else { opts }
    };
    let keyed = |stored: bool| {
        let opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(KEY_TOKENIZER)
                .set_index_option(IndexRecordOption::Basic),
        );
        if stored { opts.set_stored() } else { opts }
    };
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        title: b.add_text_field("title", text(TEXT_TOKENIZER, true)),
        body: b.add_text_field("body", text(TEXT_TOKENIZER, false)),
        prefix: b.add_text_field("prefix", text(PREFIX_TOKENIZER, false)),
        body_stored: b.add_text_field("body_stored", STORED),
        entities: b.add_text_field("entities", text(TEXT_TOKENIZER, false)),
        entity_key: b.add_text_field(ENTITY_KEY_FIELD, keyed(false)),
        language: b.add_text_field("language", keyed(true)),
        site: b.add_text_field("site", STORED),
        site_key: b.add_text_field("site_key", keyed(false)),
        url: b.add_text_field("url", STORED),
        published: b.add_date_field(
            "published",
            DateOptions::default()
                .set_indexed()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        published_raw: b.add_text_field("published_raw", STORED),
        is_copy: b.add_bool_field("is_copy", INDEXED | FAST),
    };
    (b.build(), fields)
}

fn register_tokenizers(index: &Index) {
    let manager = index.tokenizers();
    manager.register(TEXT_TOKENIZER, text_analyzer());
    manager.register(PREFIX_TOKENIZER, prefix_analyzer());
    manager.register(KEY_TOKENIZER, key_analyzer());
}

/// A search index in one directory: read-write ([`SearchIndex::open`]) or read-only
/// ([`SearchIndex::open_read_only`]).
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter<TantivyDocument>>,
    fields: Fields,
    /// Highest committed sequence number.
    committed_seq: AtomicI64,
    /// Highest sequence number added since the last commit.
    pending_seq: i64,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .field("writable", &self.writer.is_some())
            .field("last_seq", &self.last_seq())
            .finish()
    }
}

impl SearchIndex {
    /// Opens the index in `dir` for reading and writing, creating the directory and an empty
    /// index when missing. Only one process at a time can hold an index open this way.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        std::fs::create_dir_all(dir).map_err(|e| SearchError::Directory {
            dir: dir.to_path_buf(),
            detail: e.to_string(),
        })?;
        let (schema, fields) = build_schema();
        let directory = open_directory(dir)?;
        let exists = Index::exists(&directory).map_err(|e| SearchError::Damaged {
            dir: dir.to_path_buf(),
            detail: e.to_string(),
        })?;
        let index = if exists {
            let index = Index::open(directory).map_err(|e| SearchError::from_tantivy(dir, e))?;
            if index.schema() != schema {
                return Err(SearchError::Incompatible {
                    dir: dir.to_path_buf(),
                });
            }
            index
        } else {
            Index::create(directory, schema, tantivy::IndexSettings::default())
                .map_err(|e| SearchError::from_tantivy(dir, e))?
        };
        register_tokenizers(&index);
        let writer = index
            .writer_with_num_threads(WRITER_THREADS, WRITER_HEAP_BYTES)
            .map_err(|e| SearchError::from_tantivy(dir, e))?;
        Self::finish_open(dir, index, Some(writer), fields)
    }

    /// Opens an existing index in `dir` for searching only. Fails with [`SearchError::Missing`]
    /// when there is none. Works while another process writes the index.
    pub fn open_read_only(dir: &Path) -> Result<SearchIndex, SearchError> {
        if !dir.is_dir() {
            return Err(SearchError::Missing {
                dir: dir.to_path_buf(),
            });
        }
        let directory = open_directory(dir)?;
        match Index::exists(&directory) {
            Ok(true) => {}
            Ok(false) => {
                return Err(SearchError::Missing {
                    dir: dir.to_path_buf(),
                });
            }
            Err(e) => {
                return Err(SearchError::Damaged {
                    dir: dir.to_path_buf(),
                    detail: e.to_string(),
                });
            }
        }
        let index = Index::open(directory).map_err(|e| SearchError::from_tantivy(dir, e))?;
        let (schema, fields) = build_schema();
        if index.schema() != schema {
            return Err(SearchError::Incompatible {
                dir: dir.to_path_buf(),
            });
        }
        register_tokenizers(&index);
        Self::finish_open(dir, index, None, fields)
    }

    fn finish_open(
        dir: &Path,
        index: Index,
        writer: Option<IndexWriter<TantivyDocument>>,
        fields: Fields,
    ) -> Result<SearchIndex, SearchError> {
        let policy = if writer.is_some() {
            ReloadPolicy::Manual
        } else {
            ReloadPolicy::OnCommitWithDelay
        };
        let reader = index
            .reader_builder()
            .reload_policy(policy)
            .try_into()
            .map_err(|e| SearchError::from_tantivy(dir, e))?;
        let committed = read_last_seq(&index).map_err(|e| SearchError::from_tantivy(dir, e))?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            writer,
            fields,
            committed_seq: AtomicI64::new(committed),
            pending_seq: committed,
        })
    }

    fn err(&self, e: TantivyError) -> SearchError {
        SearchError::from_tantivy(&self.dir, e)
    }

    /// Adds `doc`, replacing any document with the same key. The change becomes visible and
    /// durable with [`SearchIndex::commit`].
    pub fn add(&mut self, doc: &IndexDoc) -> Result<(), SearchError> {
        let f = self.fields;
        let Some(writer) = self.writer.as_mut() else {
            return Err(SearchError::ReadOnly {
                dir: self.dir.clone(),
            });
        };
        let mut d = TantivyDocument::default();
        d.add_text(f.key, &doc.key);
        if let Some(title) = doc.title.as_deref().filter(|t| !t.trim().is_empty()) {
            d.add_text(f.title, title);
            d.add_text(f.prefix, title);
        }
        d.add_text(f.body, &doc.body);
        d.add_text(f.prefix, &doc.body);
        d.add_text(
            f.body_stored,
            truncate_at_char(&doc.body, STORED_BODY_BYTES),
        );
        let mut keys = BTreeSet::new();
        for name in doc
            .entities
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
        {
            d.add_text(f.entities, name);
            keys.insert(name.to_lowercase());
            if let Some(entry) = parallax_analysis::gazetteer::lookup(name) {
                keys.insert(entry.canonical.to_lowercase());
            }
        }
        for k in keys {
            d.add_text(f.entity_key, &k);
        }
        if let Some(lang) = doc
            .language
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            d.add_text(f.language, lang);
        }
        let mut site_keys = BTreeSet::new();
        if let Some(site) = doc.site.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            d.add_text(f.site, site);
            site_keys.insert(site.to_lowercase());
            if let Some(host) = url_host(site) {
                site_keys.insert(host);
            }
        }
        if let Some(url) = doc.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            d.add_text(f.url, url);
            if let Some(host) = url_host(url) {
                site_keys.insert(host);
            }
        }
        for k in site_keys {
            d.add_text(f.site_key, &k);
        }
        if let Some(published) = doc.published.as_deref().filter(|p| !p.trim().is_empty()) {
            d.add_text(f.published_raw, published);
            if let Some(secs) = parse_published(published) {
                d.add_date(f.published, DateTime::from_timestamp_secs(secs));
            }
        }
        d.add_bool(f.is_copy, doc.is_copy);

        writer.delete_term(Term::from_field_text(f.key, &doc.key));
        writer
            .add_document(d)
            .map_err(|e| SearchError::from_tantivy(&self.dir, e))?;
        self.pending_seq = self.pending_seq.max(doc.seq);
        Ok(())
    }

    /// Makes every added document durable and searchable, and records the highest sequence
    /// number added so far ([`SearchIndex::last_seq`]).
    pub fn commit(&mut self) -> Result<(), SearchError> {
        let Some(writer) = self.writer.as_mut() else {
            return Err(SearchError::ReadOnly {
                dir: self.dir.clone(),
            });
        };
        let seq = self
            .pending_seq
            .max(self.committed_seq.load(Ordering::Relaxed));
        let mut prepared = writer
            .prepare_commit()
            .map_err(|e| SearchError::from_tantivy(&self.dir, e))?;
        prepared.set_payload(&format!("{PAYLOAD_PREFIX}{seq}"));
        prepared
            .commit()
            .map_err(|e| SearchError::from_tantivy(&self.dir, e))?;
        self.committed_seq.store(seq, Ordering::Relaxed);
        self.reader.reload().map_err(|e| self.err(e))?;
        Ok(())
    }

    /// The highest sequence number of a committed document, 0 when nothing was committed. Index
    /// the store's articles with a greater `seq` to bring the index up to date.
    pub fn last_seq(&self) -> i64 {
        self.committed_seq.load(Ordering::Relaxed)
    }

    /// The highest sequence number added so far, committed or not (at least
    /// [`SearchIndex::last_seq`]). A writer that adds documents as they are stored continues
    /// after this one; what is not committed yet is lost if the process dies, and the next catch
    /// up from [`SearchIndex::last_seq`] adds it again.
    pub fn pending_seq(&self) -> i64 {
        self.pending_seq
            .max(self.committed_seq.load(Ordering::Relaxed))
    }

    /// Makes the latest commit visible to searches (and to [`SearchIndex::last_seq`]). A
    /// read-only index also picks up new commits by itself within about a second.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload().map_err(|e| self.err(e))?;
        let seq = read_last_seq(&self.index).map_err(|e| self.err(e))?;
        self.committed_seq.fetch_max(seq, Ordering::Relaxed);
        Ok(())
    }

    /// Number of committed documents visible to searches.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index holds no visible document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs `q`. A query text that cannot be parsed, or a date filter that cannot be read, gives
    /// [`SearchError::Query`] with an explanation for the user.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        if q.offset > MAX_OFFSET {
            return Err(SearchError::Query(format!(
                "results past the first {MAX_OFFSET} are not available: narrow the search with more words or filters"
            )));
        }
        let searcher = self.reader.searcher();
        let text_query = self.text_query(&q.text)?;
        let filters = self.filters(q)?;
        let has_text = text_query.is_some();

        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(tq) = &text_query {
            clauses.push((Occur::Must, tq.box_clone()));
        }
        for f in filters {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        let full: Box<dyn Query> = if clauses.is_empty() {
            Box::new(AllQuery)
        } else {
            Box::new(BooleanQuery::new(clauses))
        };

        let limit = q.limit.min(MAX_LIMIT);
        let (total, page): (usize, Vec<(f32, DocAddress)>) = if limit == 0 {
            let total = searcher.search(&*full, &Count).map_err(|e| self.err(e))?;
            (total, Vec::new())
        } else if has_text {
            let top = TopDocs::with_limit(limit)
                .and_offset(q.offset)
                .order_by_score();
            searcher
                .search(&*full, &(Count, top))
                .map_err(|e| self.err(e))?
        } else {
            let top = TopDocs::with_limit(limit)
                .and_offset(q.offset)
                .order_by_fast_field::<DateTime>("published", Order::Desc);
            let (total, page) = searcher
                .search(&*full, &(Count, top))
                .map_err(|e| self.err(e))?;
            (
                total,
                page.into_iter().map(|(_, addr)| (0.0, addr)).collect(),
            )
        };
        self.hits(&searcher, text_query.as_deref(), total, page)
    }

    /// Parses the query text (with gazetteer expansion); `None` for empty text.
    fn text_query(&self, text: &str) -> Result<Option<Box<dyn Query>>, SearchError> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        if text.len() > MAX_QUERY_BYTES {
            return Err(SearchError::Query(format!(
                "the query is too long ({} bytes, at most {MAX_QUERY_BYTES}): use fewer words",
                text.len()
            )));
        }
        let mut depth = 0usize;
        for c in text.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > MAX_QUERY_DEPTH {
                return Err(SearchError::Query(format!(
                    "the query nests parentheses more than {MAX_QUERY_DEPTH} deep: simplify it"
                )));
            }
        }
        let f = self.fields;
        let mut parser =
            QueryParser::for_index(&self.index, vec![f.title, f.body, f.entities, f.prefix]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(f.title, TITLE_BOOST);
        parser.set_field_boost(f.prefix, PREFIX_BOOST);
        let literal = parser.parse_query(text).map_err(|e| {
            SearchError::Query(format!("{e}: check quotes, parentheses and field names"))
        })?;
        if let Some(expanded) = expand_gazetteer_names(text, ENTITY_KEY_FIELD)
            && let Ok(q) = parser.parse_query(&expanded)
        {
            return Ok(Some(q));
        }
        Ok(Some(literal))
    }

    /// The filter queries of `q` (all must match).
    fn filters(&self, q: &SearchQuery) -> Result<Vec<Box<dyn Query>>, SearchError> {
        let f = self.fields;
        for (name, value) in [
            ("language", &q.language),
            ("site", &q.site),
            ("entity", &q.entity),
            ("since", &q.since),
            ("until", &q.until),
        ] {
            if value.as_ref().is_some_and(|v| v.len() > MAX_FILTER_BYTES) {
                return Err(SearchError::Query(format!(
                    "the {name} filter is too long (at most {MAX_FILTER_BYTES} bytes): shorten it"
                )));
            }
        }
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        if !q.copies {
            out.push(Box::new(TermQuery::new(
                Term::from_field_bool(f.is_copy, false),
                IndexRecordOption::Basic,
            )));
        }
        if let Some(lang) = nonempty(&q.language) {
            let lang = self.key_term(lang);
            let pattern = format!("{}(-.*)?", query::regex_escape(&lang));
            out.push(self.regex(&pattern, f.language)?);
        }
        if let Some(site) = nonempty(&q.site) {
            let site = self.key_term(site);
            let site = site.strip_prefix("www.").unwrap_or(&site).to_string();
            let pattern = format!(".*{}.*", query::regex_escape(&site));
            out.push(self.regex(&pattern, f.site_key)?);
        }
        if let Some(entity) = nonempty(&q.entity) {
            let mut keys = BTreeSet::new();
            keys.insert(self.key_term(entity));
            if let Some(e) = parallax_analysis::gazetteer::lookup(entity) {
                keys.insert(self.key_term(e.canonical));
            }
            let any: Vec<(Occur, Box<dyn Query>)> = keys
                .into_iter()
                .map(|k| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(f.entity_key, &k),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            out.push(Box::new(BooleanQuery::new(any)));
        }
        let since = nonempty(&q.since)
            .map(|s| parse_bound(s, BoundKind::Since))
            .transpose()
            .map_err(SearchError::Query)?;
        let until = nonempty(&q.until)
            .map(|s| parse_bound(s, BoundKind::Until))
            .transpose()
            .map_err(SearchError::Query)?;
        if since.is_some() || until.is_some() {
            if let (Some(s), Some(u)) = (since, until)
                && s >= u
            {
                out.push(Box::new(EmptyQuery));
            } else {
                let term = |secs| {
                    Term::from_field_date_for_search(
                        f.published,
                        DateTime::from_timestamp_secs(secs),
                    )
                };
                out.push(Box::new(RangeQuery::new(
                    since.map_or(Bound::Unbounded, |s| Bound::Included(term(s))),
                    until.map_or(Bound::Unbounded, |u| Bound::Excluded(term(u))),
                )));
            }
        }
        Ok(out)
    }

    /// `value` as the key analyzer indexes it (trimmed, lowercased, folded).
    fn key_term(&self, value: &str) -> String {
        analyze(&mut key_analyzer(), value.trim())
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    fn regex(&self, pattern: &str, field: Field) -> Result<Box<dyn Query>, SearchError> {
        RegexQuery::from_pattern(pattern, field)
            .map(|q| Box::new(q) as Box<dyn Query>)
            .map_err(|e| SearchError::Query(format!("cannot use this filter value: {e}")))
    }

    /// Loads the stored fields of a page of results and builds snippets.
    fn hits(
        &self,
        searcher: &Searcher,
        text_query: Option<&dyn Query>,
        total: usize,
        page: Vec<(f32, DocAddress)>,
    ) -> Result<SearchResults, SearchError> {
        let f = self.fields;
        let generators = match text_query {
            Some(tq) if !page.is_empty() => {
                let mut gens = Vec::new();
                for field in [f.body, f.prefix] {
                    let mut g =
                        SnippetGenerator::create(searcher, tq, field).map_err(|e| self.err(e))?;
                    g.set_max_num_chars(SNIPPET_CHARS);
                    gens.push(g);
                }
                gens
            }
            _ => Vec::new(),
        };
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr) in page {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.err(e))?;
            let get = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let mut body = get(f.body_stored).unwrap_or_default();
            // Indexes written with a larger stored prefix are read the same way.
            if body.len() > STORED_BODY_BYTES {
                let mut cut = STORED_BODY_BYTES;
                while !body.is_char_boundary(cut) {
                    cut -= 1;
                }
                body.truncate(cut);
            }
            let snippet = generators
                .iter()
                .map(|g| g.snippet(&body))
                .find(|s| !s.is_empty())
                .map(|s| s.fragment().to_string())
                .unwrap_or_else(|| truncate_at_word(&body, SNIPPET_CHARS).to_string());
            hits.push(Hit {
                key: get(f.key).unwrap_or_default(),
                title: get(f.title),
                site: get(f.site),
                url: get(f.url),
                language: get(f.language),
                published: get(f.published_raw),
                score,
                snippet: collapse_whitespace(&snippet),
            });
        }
        Ok(SearchResults { total, hits })
    }
}

impl Drop for SearchIndex {
    /// Lets background segment merges started by the last commits finish, so that short-lived
    /// ingest runs do not leave the index fragmented. Uncommitted documents are discarded.
    fn drop(&mut self) {
        if let Some(writer) = self.writer.take() {
            // Nothing useful can be done with a failed merge here: the committed index is intact
            // and the next writer retries the merge.
            let _ = writer.wait_merging_threads();
        }
    }
}

fn open_directory(dir: &Path) -> Result<MmapDirectory, SearchError> {
    MmapDirectory::open(dir).map_err(|e| SearchError::Directory {
        dir: dir.to_path_buf(),
        detail: e.to_string(),
    })
}

/// The last sequence number recorded in the latest commit's payload (0 if none).
fn read_last_seq(index: &Index) -> tantivy::Result<i64> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|p| p.strip_prefix(PAYLOAD_PREFIX))
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0))
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn truncate_at_char(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// About `max_chars` characters from the start of `s`, cut after a whole word when possible.
fn truncate_at_word(s: &str, max_chars: usize) -> &str {
    let s = s.trim_start();
    let Some((cut, _)) = s.char_indices().nth(max_chars) else {
        return s;
    };
    let head = &s[..cut];
    match head.rfind(char::is_whitespace) {
        Some(ws) if ws > cut / 2 => head[..ws].trim_end(),
        _ => head,
    }
}

/// Replaces every run of whitespace (newlines between paragraphs) with one space.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests;
