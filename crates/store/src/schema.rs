//! The database schema and its migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. [`MIGRATIONS`] only ever grows:
//! a released migration is never edited, a change to the schema is a new entry.
//!
//! Layout:
//!
//! * `articles`: one row per stored article (originals and copies). The fields used to find and
//!   filter articles are columns with indexes; the rest of the [`Article`](parallax_core::Article)
//!   (body blocks, asides, credits, authors, …) is one JSON document in `data`. Hashes are `u64`
//!   stored as `i64` with the same bits.
//! * `lsh`: the LSH band keys of each article's MinHash signature, keyed by band key. Rows name
//!   the article by its `seq` (insertion number) rather than its text key: 32 rows per article
//!   are inserted at random places of this table, and small rows mean fewer pages to write.
//! * `ingested`: one row per input record that was read and kept, as an article or copy or as an
//!   exact duplicate of another article; unique on (origin, record), with `-1` for the record of
//!   single-record inputs, so that re-ingesting an input skips what it already holds.
//! * `errors`: records that could not be read or processed, unique on (origin, record, stage,
//!   message) so that re-ingesting the same bad input does not multiply them.
//! * `validators`: HTTP `ETag` / `Last-Modified` values per fetched URL, for conditional requests.
//! * `analyses` (version 2): the analysis of an article's body (entities, quotes, figures) as one
//!   JSON document per article; the store does not interpret it.
//! * `stories` and `story_articles` (version 3): the story of each article, as the clusterer
//!   assigned it, and per story the figures a listing shows (headline, counts, languages, time
//!   span), refreshed from the articles after each batch. A story merged into another keeps its
//!   row with `merged_into` set, so an old id still leads to the merged story.

/// The SQL of each migration, in order; migration `i` takes the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3];

/// The schema version this build writes.
pub(crate) const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

const V1: &str = r#"
CREATE TABLE articles (
    -- Insertion order; the LSH table refers to articles by this small integer.
    seq             INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    id              TEXT NOT NULL,
    url             TEXT,
    url_norm        TEXT,
    title           TEXT,
    site            TEXT,
    -- Lowercased site name and URL host, newline-separated, for the case-insensitive site filter.
    site_fold       TEXT NOT NULL,
    language        TEXT,
    published       TEXT,
    content_hash    INTEGER NOT NULL,
    copy_of         TEXT REFERENCES articles(key),
    copy_similarity REAL,
    origin          TEXT NOT NULL,
    record          INTEGER,
    kind            TEXT NOT NULL,
    signature       BLOB,
    data            TEXT NOT NULL,
    ingested_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_id ON articles(id);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_url_norm ON articles(url_norm);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_language ON articles(language COLLATE NOCASE);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_copy_of ON articles(copy_of);

CREATE TABLE lsh (
    band_key    INTEGER NOT NULL,
    article     INTEGER NOT NULL REFERENCES articles(seq),
    PRIMARY KEY (band_key, article)
) WITHOUT ROWID;

CREATE TABLE ingested (
    origin      TEXT NOT NULL,
    record      INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('article', 'copy', 'duplicate')),
    article_key TEXT NOT NULL REFERENCES articles(key),
    reason      TEXT,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX ingested_provenance ON ingested(origin, record);

CREATE TABLE errors (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    origin  TEXT NOT NULL,
    record  INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    stage   TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE UNIQUE INDEX errors_record ON errors(origin, record, stage, message);
CREATE INDEX errors_at ON errors(at);

CREATE TABLE validators (
    url           TEXT NOT NULL PRIMARY KEY,
    etag          TEXT,
    last_modified TEXT,
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
"#;

const V2: &str = r#"
CREATE TABLE analyses (
    article_key TEXT NOT NULL PRIMARY KEY REFERENCES articles(key),
    data        TEXT NOT NULL
);
"#;

const V3: &str = r#"
CREATE TABLE stories (
    id              INTEGER PRIMARY KEY,
    merged_into     INTEGER REFERENCES stories(id),
    headline        TEXT,
    articles        INTEGER NOT NULL DEFAULT 0,
    independent     INTEGER NOT NULL DEFAULT 0,
    -- Language codes, comma-separated, most articles first.
    languages       TEXT NOT NULL DEFAULT '',
    first_published TEXT,
    last_published  TEXT,
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX stories_last_published ON stories(last_published);
CREATE INDEX stories_updated_at ON stories(updated_at);

CREATE TABLE story_articles (
    article_key TEXT NOT NULL PRIMARY KEY REFERENCES articles(key),
    story       INTEGER NOT NULL REFERENCES stories(id)
);
CREATE INDEX story_articles_story ON story_articles(story);
"#;
