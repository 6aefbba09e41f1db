//! The embedded store of Parallax.
//!
//! One data directory holds one SQLite database, `parallax.db` (with its `-wal` and `-shm` files
//! while it is open). It keeps:
//!
//! * the stored [`Article`]s, originals and copies, with the fingerprints dedup computed for them
//!   (normalised URL, content hash, MinHash signature and its LSH band keys);
//! * which input records were already ingested (as an article, a copy, or an exact duplicate of
//!   an article), so that reading the same input again changes nothing;
//! * the records that could not be read or processed ([`RecordError`]);
//! * HTTP validators (`ETag`, `Last-Modified`) of fetched URLs.
//!
//! The database runs in WAL mode with `synchronous=NORMAL` (a crash can lose the last commits but
//! never corrupts the file), foreign keys on and a busy timeout, so a reader can list articles
//! while an ingest writes. The schema is migrated on [`Store::open`], keyed by
//! `PRAGMA user_version`.
//!
//! Writes are fast when grouped: call [`Store::begin`], insert a few hundred records, then
//! [`Store::commit`]. Each insert is atomic on its own too (a savepoint), so a store dropped in
//! the middle of a transaction rolls back to the last commit and stays consistent.
//!
//! ```
//! use parallax_core::{Article, Block, Provenance, SourceKind};
//! use parallax_store::{ArticleFilter, NewArticle, Store};
//!
//! # fn main() -> Result<(), parallax_store::StoreError> {
//! # let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(dir.path())?;
//! let article = Article {
//!     id: "a1".into(),
//!     title: Some("Bridge to reopen".into()),
//!     body: vec![Block::paragraph("The harbour bridge reopens in May.")],
//!     provenance: Provenance::file("a1.html", SourceKind::Html),
//!     ..Default::default()
//! };
//! store.begin()?;
//! store.insert_article(&NewArticle {
//!     key: "k1".into(),
//!     article,
//!     url_norm: None,
//!     content_hash: 42,
//!     signature: None,
//!     band_keys: vec![],
//!     copy_of: None,
//!     copy_similarity: None,
//! })?;
//! store.commit()?;
//! let listed = store.list(&ArticleFilter::default())?;
//! assert_eq!(listed[0].title.as_deref(), Some("Bridge to reopen"));
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod error;
mod schema;
mod stories;
mod types;

pub use error::StoreError;
pub use types::{
    ArticleFilter, ArticleSummary, NewArticle, Stats, StoredArticle, StoryFilter, StoryMember,
    StorySummary,
};

use parallax_core::{Article, Aside, Block, Provenance, RecordError, SourceKind};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The name of the database file inside the data directory.
pub const DB_FILE: &str = "parallax.db";

/// How long a write waits for another process's write lock before giving up with
/// [`StoreError::Locked`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Most candidates [`Store::lsh_candidates`] returns (the earliest stored first). Keeps a band key
/// shared by very many articles (a boilerplate-only page ingested over and over) from making every
/// insert compare against all of them.
pub const MAX_CANDIDATES: usize = 500;

/// Page cache per connection, in KiB.
const CACHE_KIB: i64 = 64 * 1024;

/// LSH rows inserted per statement (one statement for the 32 bands of a MinHash signature).
const LSH_ROWS_PER_INSERT: usize = 32;

/// Band keys looked up per query in [`Store::lsh_candidates`] (far below SQLite's parameter limit).
const KEYS_PER_QUERY: usize = 256;

/// The HTTP validators of a URL: its `ETag` and `Last-Modified` values, either possibly absent.
pub type Validators = (Option<String>, Option<String>);

/// Record number stored for a provenance without one (a whole-file input).
const NO_RECORD: i64 = -1;

/// An open Parallax database. See the [crate documentation](crate).
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    dir: PathBuf,
}

/// Maps a SQLite error to the [`StoreError`] that says what to do about it.
fn map_err(dir: &Path, action: &'static str, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked {
            path: dir.to_path_buf(),
        },
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: dir.to_path_buf(),
        },
        Some(ErrorCode::DiskFull) => StoreError::DiskFull {
            path: dir.to_path_buf(),
        },
        Some(ErrorCode::NotADatabase) => StoreError::NotParallax {
            path: dir.join(DB_FILE),
            detail: "the file is not a SQLite database".into(),
        },
        _ => StoreError::Database {
            path: dir.to_path_buf(),
            action,
            source: e,
        },
    }
}

/// A row count for SQL `LIMIT`: `0` (no limit) becomes `-1`, SQLite's "all rows".
pub(crate) fn sql_limit(limit: usize) -> i64 {
    if limit == 0 {
        -1
    } else {
        i64::try_from(limit).unwrap_or(i64::MAX)
    }
}

/// Whether `e` is a foreign key violation (an article key that is not in the store).
fn is_foreign_key_violation(e: &rusqlite::Error) -> bool {
    e.sqlite_error()
        .is_some_and(|f| f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY)
}

/// `u64` hashes are stored as `i64` with the same bits.
fn hash_to_sql(h: u64) -> i64 {
    h as i64
}

/// The record column of the `ingested` and `errors` tables: the record number, or [`NO_RECORD`].
fn record_to_sql(record: Option<u64>) -> i64 {
    record.map_or(NO_RECORD, |r| r as i64)
}

fn record_from_sql(record: i64) -> Option<u64> {
    (record != NO_RECORD).then_some(record as u64)
}

/// Parses a stored source kind name back into a [`SourceKind`].
fn parse_kind(name: &str) -> Option<SourceKind> {
    use serde::de::IntoDeserializer;
    let de: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
        name.into_deserializer();
    SourceKind::deserialize(de).ok()
}

/// The host of a URL, without user info or port; `None` when `url` has no `scheme://`.
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host.starts_with('[') {
        &host[..host.find(']').map_or(host.len(), |i| i + 1)]
    } else {
        host.split(':').next().unwrap_or(host)
    };
    (!host.is_empty()).then_some(host)
}

/// The text the site filter searches: the lowercased site name and URL host.
fn site_fold(article: &Article) -> String {
    let mut out = article.site.as_deref().unwrap_or("").to_lowercase();
    for url in [&article.url, &article.canonical_url].into_iter().flatten() {
        if let Some(host) = url_host(url) {
            out.push('\n');
            out.push_str(&host.to_lowercase());
        }
    }
    out
}

/// The fields of an [`Article`] that have no column of their own, as stored in `data`.
#[derive(Serialize)]
struct ExtraRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    canonical_url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    body: &'a [Block],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    asides: &'a [Aside],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    credits: &'a [String],
}

impl<'a> ExtraRef<'a> {
    fn of(a: &'a Article) -> Self {
        ExtraRef {
            canonical_url: a.canonical_url.as_deref(),
            authors: &a.authors,
            modified: a.modified.as_deref(),
            description: a.description.as_deref(),
            image: a.image.as_deref(),
            body: &a.body,
            asides: &a.asides,
            credits: &a.credits,
        }
    }
}

/// [`ExtraRef`] read back.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Extra {
    canonical_url: Option<String>,
    authors: Vec<String>,
    modified: Option<String>,
    description: Option<String>,
    image: Option<String>,
    body: Vec<Block>,
    asides: Vec<Aside>,
    credits: Vec<String>,
}

/// The columns [`ArticleRow::from_row`] reads, in order.
const ARTICLE_COLUMNS: &str = "key, id, url, title, site, language, published, copy_of, \
     copy_similarity, origin, record, kind, data, ingested_at";

/// The columns [`summary_from_row`] reads, in order.
const SUMMARY_COLUMNS: &str = "key, id, title, site, language, published, url, copy_of";

/// An `articles` row as read, before its JSON is decoded.
struct ArticleRow {
    key: String,
    id: String,
    url: Option<String>,
    title: Option<String>,
    site: Option<String>,
    language: Option<String>,
    published: Option<String>,
    copy_of: Option<String>,
    copy_similarity: Option<f64>,
    origin: String,
    record: Option<i64>,
    kind: String,
    data: String,
    ingested_at: String,
}

impl ArticleRow {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(ArticleRow {
            key: r.get(0)?,
            id: r.get(1)?,
            url: r.get(2)?,
            title: r.get(3)?,
            site: r.get(4)?,
            language: r.get(5)?,
            published: r.get(6)?,
            copy_of: r.get(7)?,
            copy_similarity: r.get(8)?,
            origin: r.get(9)?,
            record: r.get(10)?,
            kind: r.get(11)?,
            data: r.get(12)?,
            ingested_at: r.get(13)?,
        })
    }

    fn decode(self, dir: &Path) -> Result<StoredArticle, StoreError> {
        let corrupt = |detail: String| StoreError::Corrupt {
            path: dir.to_path_buf(),
            key: self.key.clone(),
            detail,
        };
        let extra: Extra = serde_json::from_str(&self.data)
            .map_err(|e| corrupt(format!("its JSON data does not decode: {e}")))?;
        let kind = parse_kind(&self.kind)
            .ok_or_else(|| corrupt(format!("unknown source kind {:?}", self.kind)))?;
        let article = Article {
            id: self.id,
            url: self.url,
            canonical_url: extra.canonical_url,
            title: self.title,
            authors: extra.authors,
            published: self.published,
            modified: extra.modified,
            site: self.site,
            language: self.language,
            description: extra.description,
            image: extra.image,
            body: extra.body,
            asides: extra.asides,
            credits: extra.credits,
            provenance: Provenance {
                origin: self.origin,
                record: self.record.map(|r| r as u64),
                kind,
            },
        };
        Ok(StoredArticle {
            key: self.key,
            article,
            copy_of: self.copy_of,
            copy_similarity: self.copy_similarity,
            ingested_at: self.ingested_at,
        })
    }
}

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        key: r.get(0)?,
        id: r.get(1)?,
        title: r.get(2)?,
        site: r.get(3)?,
        language: r.get(4)?,
        published: r.get(5)?,
        url: r.get(6)?,
        copy_of: r.get(7)?,
    })
}

impl Store {
    /// Opens the store in data directory `dir` for reading and writing, creating the directory
    /// and the database if needed and migrating an older schema.
    ///
    /// Fails with a message that says what to do when `dir` is a file, cannot be created or
    /// written, holds a file that is not a Parallax database, or was written by a newer Parallax.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        match std::fs::metadata(dir) {
            Ok(m) if !m.is_dir() => {
                return Err(StoreError::NotADirectory {
                    path: dir.to_path_buf(),
                });
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                    path: dir.to_path_buf(),
                    source,
                })?;
            }
            Err(source) => {
                return Err(StoreError::CreateDir {
                    path: dir.to_path_buf(),
                    source,
                });
            }
        }
        let db = dir.join(DB_FILE);
        if db.is_dir() {
            return Err(StoreError::NotParallax {
                path: db,
                detail: "it is a directory".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(&db, flags).map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
                    StoreError::NotWritable {
                        path: dir.to_path_buf(),
                    }
                }
                _ => map_err(dir, "opening the database", e),
            })?;
        let mut store = Store {
            conn,
            dir: dir.to_path_buf(),
        };
        store.configure(true)?;
        if store
            .conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(store.err("checking access"))?
        {
            return Err(StoreError::NotWritable {
                path: dir.to_path_buf(),
            });
        }
        store.migrate()?;
        Ok(store)
    }

    /// Opens the store in data directory `dir` for reading only. Fails with
    /// [`StoreError::Missing`] when there is no database there yet; never creates anything.
    pub fn open_read_only(dir: &Path) -> Result<Store, StoreError> {
        let db = dir.join(DB_FILE);
        if !db.is_file() {
            return Err(StoreError::Missing {
                path: dir.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&db, flags)
            .map_err(|e| map_err(dir, "opening the database", e))?;
        let store = Store {
            conn,
            dir: dir.to_path_buf(),
        };
        store.configure(false)?;
        let version = store.schema_version()?;
        if version == 0 {
            if store.has_tables()? {
                return Err(StoreError::NotParallax {
                    path: db,
                    detail: "it holds tables of another program".into(),
                });
            }
            return Err(StoreError::Missing {
                path: dir.to_path_buf(),
            });
        }
        if version < schema::CURRENT_VERSION {
            return Err(StoreError::TooOld {
                path: db,
                found: version,
                supported: schema::CURRENT_VERSION,
            });
        }
        if version > schema::CURRENT_VERSION {
            return Err(StoreError::TooNew {
                path: db,
                found: version,
                supported: schema::CURRENT_VERSION,
            });
        }
        Ok(store)
    }

    /// The data directory this store lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A closure mapping a SQLite error during `action` to a [`StoreError`].
    fn err(&self, action: &'static str) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
        move |e| map_err(&self.dir, action, e)
    }

    fn configure(&self, writable: bool) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(self.err("setting the busy timeout"))?;
        self.conn.set_prepared_statement_cache_capacity(64);
        if writable {
            // The first statement that reads the file: a file that is not a database fails here.
            let _mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
                .map_err(self.err("switching to WAL mode"))?;
            self.conn
                .pragma_update(None, "synchronous", "NORMAL")
                .map_err(self.err("setting synchronous mode"))?;
        }
        // Random-keyed indexes (article keys, hashes, LSH band keys) touch pages all over the
        // file: a larger page cache keeps them in memory instead of re-reading them.
        self.conn
            .pragma_update(None, "cache_size", -CACHE_KIB)
            .map_err(self.err("setting the cache size"))?;
        // Each insert runs in a savepoint, whose undo journal then lives in memory, not in a
        // temporary file.
        self.conn
            .pragma_update(None, "temp_store", "MEMORY")
            .map_err(self.err("setting the temporary store"))?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(self.err("enabling foreign keys"))?;
        Ok(())
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(self.err("reading the schema version"))
    }

    fn has_tables(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
                [],
                |r| r.get(0),
            )
            .map_err(self.err("reading the schema"))
    }

    /// Brings the schema up to [`schema::CURRENT_VERSION`], under the write lock so that two
    /// processes opening a new store at once do not both migrate it.
    fn migrate(&mut self) -> Result<(), StoreError> {
        if self.schema_version()? == schema::CURRENT_VERSION {
            return Ok(());
        }
        let dir = &self.dir;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| map_err(dir, "starting the schema migration", e))?;
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| map_err(dir, "reading the schema version", e))?;
        if version > schema::CURRENT_VERSION {
            return Err(StoreError::TooNew {
                path: dir.join(DB_FILE),
                found: version,
                supported: schema::CURRENT_VERSION,
            });
        }
        if version == 0 {
            let tables: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
                    [],
                    |r| r.get(0),
                )
                .map_err(|e| map_err(dir, "reading the schema", e))?;
            if tables {
                return Err(StoreError::NotParallax {
                    path: dir.join(DB_FILE),
                    detail: "it holds tables of another program".into(),
                });
            }
        }
        for sql in schema::MIGRATIONS.iter().skip(version as usize) {
            tx.execute_batch(sql)
                .map_err(|e| map_err(dir, "migrating the schema", e))?;
        }
        tx.pragma_update(None, "user_version", schema::CURRENT_VERSION)
            .map_err(|e| map_err(dir, "writing the schema version", e))?;
        tx.commit()
            .map_err(|e| map_err(dir, "committing the schema migration", e))
    }

    /// Starts a write transaction (`BEGIN IMMEDIATE`: it takes the write lock now, waiting up to
    /// [`BUSY_TIMEOUT`] for another writer). Everything up to [`commit`](Self::commit) becomes
    /// visible and durable at once; a store dropped before that loses it all.
    pub fn begin(&mut self) -> Result<(), StoreError> {
        if !self.conn.is_autocommit() {
            return Err(StoreError::Transaction(
                "begin called while a transaction is open: commit it first",
            ));
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(self.err("starting a transaction"))
    }

    /// Commits the transaction started by [`begin`](Self::begin).
    pub fn commit(&mut self) -> Result<(), StoreError> {
        if self.conn.is_autocommit() {
            return Err(StoreError::Transaction(
                "commit called without an open transaction: call begin first",
            ));
        }
        self.conn
            .execute_batch("COMMIT")
            .map_err(self.err("committing"))
    }

    /// Drops everything written since [`begin`](Self::begin). Does nothing when no transaction
    /// is open.
    pub fn rollback(&mut self) -> Result<(), StoreError> {
        if self.conn.is_autocommit() {
            return Ok(());
        }
        self.conn
            .execute_batch("ROLLBACK")
            .map_err(self.err("rolling back"))
    }

    /// A number that changes whenever another connection (another process, or another `Store`
    /// on the same directory) commits to the store, and stays the same across this connection's
    /// own commits (SQLite's `data_version`). A long-lived writer compares it with the value it
    /// read after its last commit to know whether state it keeps in memory is still current.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(self.err("reading the data version"))
    }

    /// Whether a transaction started by [`begin`](Self::begin) is open.
    pub fn in_transaction(&self) -> bool {
        !self.conn.is_autocommit()
    }

    /// True when a record with this provenance (origin and record number) was already ingested,
    /// as an article, a copy or an exact duplicate. Records that failed are not counted, so
    /// ingesting the same input again retries them.
    pub fn seen_provenance(&self, p: &Provenance) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM ingested WHERE origin = ?1 AND record = ?2)",
            )
            .and_then(|mut s| s.query_row(params![p.origin, record_to_sql(p.record)], |r| r.get(0)))
            .map_err(self.err("looking up a provenance"))
    }

    /// The key of the first stored article with this normalised URL.
    pub fn article_by_url(&self, url_norm: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT key FROM articles WHERE url_norm = ?1 ORDER BY seq LIMIT 1")
            .and_then(|mut s| s.query_row([url_norm], |r| r.get(0)).optional())
            .map_err(self.err("looking up an article by URL"))
    }

    /// The key of the first stored article with this content hash.
    pub fn article_by_hash(&self, content_hash: u64) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT key FROM articles WHERE content_hash = ?1 ORDER BY seq LIMIT 1")
            .and_then(|mut s| {
                s.query_row([hash_to_sql(content_hash)], |r| r.get(0))
                    .optional()
            })
            .map_err(self.err("looking up an article by content hash"))
    }

    /// Whether an article with this normalised URL is stored.
    pub fn has_url(&self, url_norm: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE url_norm = ?1)")
            .and_then(|mut s| s.query_row([url_norm], |r| r.get(0)))
            .map_err(self.err("looking up a URL"))
    }

    /// Articles sharing at least one LSH band key with `band_keys`, with their signature bytes
    /// (for the caller to verify the similarity), each once, earliest stored first, at most
    /// [`MAX_CANDIDATES`].
    pub fn lsh_candidates(&self, band_keys: &[u64]) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let mut found: Vec<(i64, String, Vec<u8>)> = Vec::new();
        let mut seen: HashSet<i64> = HashSet::new();
        for chunk in band_keys.chunks(KEYS_PER_QUERY) {
            let placeholders = vec!["?"; chunk.len()].join(", ");
            let sql = format!(
                "SELECT seq, key, signature FROM articles \
                 WHERE seq IN (SELECT article FROM lsh WHERE band_key IN ({placeholders})) \
                 AND signature IS NOT NULL ORDER BY seq LIMIT {MAX_CANDIDATES}"
            );
            let mut stmt = self
                .conn
                .prepare_cached(&sql)
                .map_err(self.err("looking up LSH candidates"))?;
            let rows = stmt
                .query_map(
                    rusqlite::params_from_iter(chunk.iter().map(|k| hash_to_sql(*k))),
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .map_err(self.err("looking up LSH candidates"))?;
            for row in rows {
                let (seq, key, signature): (i64, String, Vec<u8>) =
                    row.map_err(self.err("reading LSH candidates"))?;
                if seen.insert(seq) {
                    found.push((seq, key, signature));
                }
            }
        }
        // Each chunk came in insertion order; merge them and keep the earliest.
        found.sort_unstable_by_key(|(seq, _, _)| *seq);
        found.truncate(MAX_CANDIDATES);
        Ok(found.into_iter().map(|(_, key, sig)| (key, sig)).collect())
    }

    /// Stores an article with its fingerprints and LSH band keys, and records its provenance as
    /// ingested. Inserting a key that is already stored changes nothing. Atomic: on error nothing
    /// of the article is stored.
    ///
    /// Fails with [`StoreError::UnknownArticle`] when `copy_of` names an article that is not
    /// stored.
    pub fn insert_article(&mut self, a: &NewArticle) -> Result<(), StoreError> {
        let art = &a.article;
        let data =
            serde_json::to_string(&ExtraRef::of(art)).map_err(|source| StoreError::Encode {
                key: a.key.clone(),
                source,
            })?;
        let fold = site_fold(art);
        let dir = &self.dir;
        let sp = self
            .conn
            .savepoint()
            .map_err(|e| map_err(dir, "starting an insert", e))?;
        let inserted = sp
            .prepare_cached(
                "INSERT INTO articles (key, id, url, url_norm, title, site, site_fold, language, \
                 published, content_hash, copy_of, copy_similarity, origin, record, kind, \
                 signature, data) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) \
                 ON CONFLICT (key) DO NOTHING",
            )
            .and_then(|mut s| {
                s.execute(params![
                    a.key,
                    art.id,
                    art.url,
                    a.url_norm,
                    art.title,
                    art.site,
                    fold,
                    art.language,
                    art.published,
                    hash_to_sql(a.content_hash),
                    a.copy_of,
                    a.copy_similarity,
                    art.provenance.origin,
                    art.provenance.record.map(|r| r as i64),
                    art.provenance.kind.as_str(),
                    a.signature,
                    data,
                ])
            })
            .map_err(|e| {
                if is_foreign_key_violation(&e) {
                    StoreError::UnknownArticle {
                        what: format!("copy {}", a.key),
                        key: a.copy_of.clone().unwrap_or_default(),
                    }
                } else {
                    map_err(dir, "inserting an article", e)
                }
            })?;
        if inserted > 0 {
            // The new article's seq, read before any other insert changes it.
            let seq = sp.last_insert_rowid();
            let outcome = if a.copy_of.is_some() {
                "copy"
            } else {
                "article"
            };
            sp.prepare_cached(
                "INSERT INTO ingested (origin, record, kind, outcome, article_key) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
            )
            .and_then(|mut s| {
                s.execute(params![
                    art.provenance.origin,
                    record_to_sql(art.provenance.record),
                    art.provenance.kind.as_str(),
                    outcome,
                    a.key,
                ])
            })
            .map_err(|e| map_err(dir, "recording a provenance", e))?;
            for chunk in a.band_keys.chunks(LSH_ROWS_PER_INSERT) {
                let sql = format!(
                    "INSERT OR IGNORE INTO lsh (band_key, article) VALUES {}",
                    vec!["(?, ?)"; chunk.len()].join(", ")
                );
                let values = chunk.iter().flat_map(|k| [hash_to_sql(*k), seq]);
                sp.prepare_cached(&sql)
                    .and_then(|mut s| s.execute(rusqlite::params_from_iter(values)))
                    .map_err(|e| map_err(dir, "storing LSH keys", e))?;
            }
        }
        sp.commit()
            .map_err(|e| map_err(dir, "finishing an insert", e))
    }

    /// Stores the analysis of the article `key` (a JSON document the store keeps as it is),
    /// replacing an earlier one.
    ///
    /// Fails with [`StoreError::UnknownArticle`] when `key` is not stored.
    pub fn insert_analysis(&mut self, key: &str, json: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO analyses (article_key, data) VALUES (?1, ?2) \
                 ON CONFLICT (article_key) DO UPDATE SET data = excluded.data",
            )
            .and_then(|mut s| s.execute(params![key, json]))
            .map(|_| ())
            .map_err(|e| {
                if is_foreign_key_violation(&e) {
                    StoreError::UnknownArticle {
                        what: "analysis".into(),
                        key: key.to_string(),
                    }
                } else {
                    map_err(&self.dir, "storing an analysis", e)
                }
            })
    }

    /// The stored analysis of the article `key`, as the JSON document it was stored as.
    pub fn analysis(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT data FROM analyses WHERE article_key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
            .map_err(self.err("reading an analysis"))
    }

    /// Makes the stored original `old_key` a copy of `new_key` (a newly found, earlier report of
    /// the same text) with the given `similarity`: its own copies are re-pointed to `new_key`, and
    /// it leaves the near-duplicate index, so that copies always point at an original.
    ///
    /// Fails with [`StoreError::UnknownArticle`] when `new_key` is not stored.
    pub fn demote_to_copy(
        &mut self,
        old_key: &str,
        new_key: &str,
        similarity: f64,
    ) -> Result<(), StoreError> {
        let dir = &self.dir;
        let sp = self
            .conn
            .savepoint()
            .map_err(|e| map_err(dir, "starting to re-point copies", e))?;
        let known: bool = sp
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM articles WHERE key = ?1)",
                [new_key],
                |r| r.get(0),
            )
            .map_err(|e| map_err(dir, "looking up an article", e))?;
        if !known || new_key == old_key {
            return Err(StoreError::UnknownArticle {
                what: format!("original for {old_key}"),
                key: new_key.to_string(),
            });
        }
        sp.execute(
            "DELETE FROM lsh WHERE article = (SELECT seq FROM articles WHERE key = ?1)",
            [old_key],
        )
        .map_err(|e| map_err(dir, "removing LSH keys", e))?;
        sp.execute(
            "UPDATE articles SET copy_of = ?2 WHERE copy_of = ?1",
            params![old_key, new_key],
        )
        .map_err(|e| map_err(dir, "re-pointing copies", e))?;
        sp.execute(
            "UPDATE articles SET copy_of = ?2, copy_similarity = ?3 WHERE key = ?1",
            params![old_key, new_key, similarity],
        )
        .map_err(|e| map_err(dir, "marking a copy", e))?;
        sp.execute(
            "UPDATE ingested SET outcome = 'copy' WHERE article_key = ?1 AND outcome = 'article'",
            [old_key],
        )
        .map_err(|e| map_err(dir, "marking a copy", e))?;
        sp.commit()
            .map_err(|e| map_err(dir, "finishing re-pointing copies", e))
    }

    /// Remembers that the record `p` was read but skipped as an exact duplicate of the stored
    /// article `of_key`, for `reason` (such as `"url"` or `"content"`), so that it is skipped on
    /// the next ingest and counted in [`Stats::duplicates`]. A provenance already recorded is left
    /// as it is.
    pub fn insert_duplicate(
        &mut self,
        p: &Provenance,
        of_key: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO ingested (origin, record, kind, outcome, article_key, reason) \
                 VALUES (?1, ?2, ?3, 'duplicate', ?4, ?5) ON CONFLICT DO NOTHING",
            )
            .and_then(|mut s| {
                s.execute(params![
                    p.origin,
                    record_to_sql(p.record),
                    p.kind.as_str(),
                    of_key,
                    reason
                ])
            })
            .map(|_| ())
            .map_err(|e| {
                if is_foreign_key_violation(&e) {
                    StoreError::UnknownArticle {
                        what: format!("duplicate record {p}"),
                        key: of_key.to_string(),
                    }
                } else {
                    map_err(&self.dir, "recording a duplicate", e)
                }
            })
    }

    /// Records an error. The same error for the same record is kept once, with the time of its
    /// latest occurrence.
    pub fn insert_error(&mut self, e: &RecordError) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO errors (origin, record, kind, stage, message) \
                 VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (origin, record, stage, message) DO UPDATE SET at = excluded.at",
            )
            .and_then(|mut s| {
                s.execute(params![
                    e.provenance.origin,
                    record_to_sql(e.provenance.record),
                    e.provenance.kind.as_str(),
                    e.stage,
                    e.message
                ])
            })
            .map(|_| ())
            .map_err(self.err("recording an error"))
    }

    fn article_where(
        &self,
        condition: &str,
        value: &str,
    ) -> Result<Option<StoredArticle>, StoreError> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE {condition} ORDER BY seq LIMIT 1"
        );
        let row = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row([value], ArticleRow::from_row).optional())
            .map_err(self.err("reading an article"))?;
        row.map(|r| r.decode(&self.dir)).transpose()
    }

    /// The article with this key; else the first stored with this input id; else the first stored
    /// with this URL (as fetched, or normalised).
    pub fn article(&self, key_or_id: &str) -> Result<Option<StoredArticle>, StoreError> {
        for condition in ["key = ?1", "id = ?1", "url = ?1", "url_norm = ?1"] {
            if let Some(a) = self.article_where(condition, key_or_id)? {
                return Ok(Some(a));
            }
        }
        Ok(None)
    }

    /// The article with exactly this key, with its insertion number.
    pub fn article_with_seq(&self, key: &str) -> Result<Option<(i64, StoredArticle)>, StoreError> {
        let seq: Option<i64> = self
            .conn
            .prepare_cached("SELECT seq FROM articles WHERE key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
            .map_err(self.err("reading an article"))?;
        let Some(seq) = seq else {
            return Ok(None);
        };
        Ok(self.article_where("key = ?1", key)?.map(|a| (seq, a)))
    }

    /// Articles matching the filter, newest publication first (articles without a date last,
    /// then by insertion, latest first).
    pub fn list(&self, f: &ArticleFilter) -> Result<Vec<ArticleSummary>, StoreError> {
        let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM articles WHERE 1 = 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, v: String| {
            args.push(rusqlite::types::Value::Text(v));
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        if let Some(lang) = &f.language {
            arg(&mut sql, " AND language = ? COLLATE NOCASE", lang.clone());
        }
        if let Some(site) = &f.site {
            arg(
                &mut sql,
                " AND instr(site_fold, ?) > 0",
                site.to_lowercase(),
            );
        }
        if let Some(since) = &f.since {
            arg(&mut sql, " AND published >= ?", since.clone());
        }
        if let Some(until) = &f.until {
            // Compare only as many characters as the bound has, so a date includes its day.
            let clause = format!(" AND substr(published, 1, {}) <= ?", until.chars().count());
            arg(&mut sql, &clause, until.clone());
        }
        if !f.copies {
            // `+` keeps SQLite from using the copy_of index here (nearly all rows match), so that
            // it can walk the published index in order and stop at the limit.
            sql.push_str(" AND +copy_of IS NULL");
        }
        let limit = sql_limit(f.limit);
        let offset = i64::try_from(f.offset).unwrap_or(i64::MAX);
        sql.push_str(&format!(
            " ORDER BY published DESC, seq DESC LIMIT {limit} OFFSET {offset}"
        ));
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(self.err("listing articles"))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), summary_from_row)
            .map_err(self.err("listing articles"))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(self.err("listing articles"))
    }

    /// The stored copies of article `key`, in the order they were stored.
    pub fn copies_of(&self, key: &str) -> Result<Vec<ArticleSummary>, StoreError> {
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM articles WHERE copy_of = ?1 ORDER BY seq");
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(self.err("listing copies"))?;
        let rows = stmt
            .query_map([key], summary_from_row)
            .map_err(self.err("listing copies"))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(self.err("listing copies"))
    }

    /// The most recent `limit` errors (all when `limit` is 0), latest first, each with the time it
    /// last occurred (UTC, RFC 3339).
    pub fn errors(&self, limit: usize) -> Result<Vec<(String, RecordError)>, StoreError> {
        let limit = sql_limit(limit);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT at, origin, record, kind, stage, message FROM errors \
                 ORDER BY at DESC, id DESC LIMIT ?1",
            )
            .map_err(self.err("listing errors"))?;
        let rows = stmt
            .query_map([limit], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .map_err(self.err("listing errors"))?;
        let mut out = Vec::new();
        for row in rows {
            let (at, origin, record, kind, stage, message) =
                row.map_err(self.err("listing errors"))?;
            let provenance = Provenance {
                origin,
                record: record_from_sql(record),
                // An unknown kind can only come from a newer Parallax; the default is harmless.
                kind: parse_kind(&kind).unwrap_or_default(),
            };
            out.push((
                at,
                RecordError {
                    provenance,
                    stage,
                    message,
                },
            ));
        }
        Ok(out)
    }

    /// The HTTP validators saved for `url`: `Some((etag, last_modified))` when the URL was saved
    /// before (either may be `None`), `None` when it never was.
    pub fn validators(&self, url: &str) -> Result<Option<Validators>, StoreError> {
        self.conn
            .prepare_cached("SELECT etag, last_modified FROM validators WHERE url = ?1")
            .and_then(|mut s| {
                s.query_row([url], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(self.err("reading HTTP validators"))
    }

    /// Saves (replacing any earlier ones) the HTTP validators of `url`.
    pub fn save_validators(
        &mut self,
        url: &str,
        etag: Option<&str>,
        last_modified: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "INSERT INTO validators (url, etag, last_modified) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, \
                 last_modified = excluded.last_modified, updated_at = excluded.updated_at",
            )
            .and_then(|mut s| s.execute(params![url, etag, last_modified]))
            .map(|_| ())
            .map_err(self.err("saving HTTP validators"))
    }

    /// Counts of articles, copies, duplicates and errors, and articles per language.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n.max(0) as u64)
                .map_err(self.err("counting"))
        };
        let mut stats = Stats {
            articles: count("SELECT COUNT(*) FROM articles")?,
            copies: count("SELECT COUNT(*) FROM articles WHERE copy_of IS NOT NULL")?,
            duplicates: count("SELECT COUNT(*) FROM ingested WHERE outcome = 'duplicate'")?,
            errors: count("SELECT COUNT(*) FROM errors")?,
            by_language: Vec::new(),
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT language, COUNT(*) AS n FROM articles GROUP BY language \
                 ORDER BY n DESC, language",
            )
            .map_err(self.err("counting languages"))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(self.err("counting languages"))?;
        for row in rows {
            let (lang, n) = row.map_err(self.err("counting languages"))?;
            stats.by_language.push((lang, n.max(0) as u64));
        }
        Ok(stats)
    }
}

#[cfg(test)]
mod tests;
