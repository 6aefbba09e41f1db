//! The errors of the store. Every message names the data directory or database involved, says what
//! went wrong and, where there is something to do about it, what to do.

use std::path::PathBuf;

/// Something the store could not do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The data directory path exists but is a file (or something else that is not a directory).
    #[error(
        "data directory {path} exists but is not a directory: pass --data DIR or set PARALLAX_DATA \
         to a directory"
    )]
    NotADirectory {
        /// The path given as data directory.
        path: PathBuf,
    },

    /// The data directory could not be created.
    #[error(
        "cannot create data directory {path}: {source}: pass --data DIR or set PARALLAX_DATA to a \
         writable directory"
    )]
    CreateDir {
        /// The directory that could not be created.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },

    /// The data directory or its database cannot be written.
    #[error("data directory {path} is not writable: pass --data DIR or set PARALLAX_DATA")]
    NotWritable {
        /// The data directory.
        path: PathBuf,
    },

    /// A read-only open found no database.
    #[error(
        "no Parallax database in {path}: ingest something first (parallax ingest), or pass \
         --data DIR or set PARALLAX_DATA to the directory that holds parallax.db"
    )]
    Missing {
        /// The data directory.
        path: PathBuf,
    },

    /// The database file is not a SQLite database, or is a SQLite database of some other program.
    #[error(
        "{path} is not a Parallax database ({detail}): move it away, or pass --data DIR or set \
         PARALLAX_DATA to another directory"
    )]
    NotParallax {
        /// The database file.
        path: PathBuf,
        /// What was found instead.
        detail: String,
    },

    /// The database was written by a newer Parallax with a schema this version does not know.
    #[error(
        "{path} has schema version {found}, but this Parallax knows versions up to {supported}: \
         upgrade Parallax"
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The schema version in the file.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },

    /// A read-only open found a database with an older schema, which only a writing open upgrades.
    #[error(
        "{path} has schema version {found}, older than this Parallax's {supported}: run a command \
         that writes (such as parallax ingest) once to upgrade it"
    )]
    TooOld {
        /// The database file.
        path: PathBuf,
        /// The schema version in the file.
        found: i64,
        /// The schema version this build writes.
        supported: i64,
    },

    /// Another process holds the write lock for longer than the busy timeout.
    #[error(
        "the database in {path} is locked by another Parallax process: let that command finish, \
         then try again"
    )]
    Locked {
        /// The data directory.
        path: PathBuf,
    },

    /// A write on a store opened read-only, or on files that cannot be written.
    #[error(
        "cannot write to the database in {path}: it is open read-only or its files are not \
         writable: check the permissions, or pass --data DIR or set PARALLAX_DATA"
    )]
    ReadOnly {
        /// The data directory.
        path: PathBuf,
    },

    /// The disk is full.
    #[error("the disk holding {path} is full: free some space and run the command again")]
    DiskFull {
        /// The data directory.
        path: PathBuf,
    },

    /// `begin` or `commit` was called out of order.
    #[error("{0}")]
    Transaction(&'static str),

    /// A stored row could not be decoded.
    #[error(
        "article {key} in {path} is damaged ({detail}): ingest its source again into a fresh data \
         directory"
    )]
    Corrupt {
        /// The data directory.
        path: PathBuf,
        /// The key of the damaged article.
        key: String,
        /// What could not be decoded.
        detail: String,
    },

    /// An article names as its original (`copy_of`) or a duplicate names as its target an article
    /// that is not in the store.
    #[error("{what} refers to article {key}, which is not in the store: insert that article first")]
    UnknownArticle {
        /// The record that refers to the missing article.
        what: String,
        /// The missing article key.
        key: String,
    },

    /// An article could not be encoded for storage (a bug: please report it).
    #[error("cannot encode article {key} for storage: {source}: this is a bug, please report it")]
    Encode {
        /// The key of the article.
        key: String,
        /// The encoder's error.
        #[source]
        source: serde_json::Error,
    },

    /// Any other database error.
    #[error("database error in {path} while {action}: {source}")]
    Database {
        /// The data directory.
        path: PathBuf,
        /// What the store was doing.
        action: &'static str,
        /// The SQLite error.
        #[source]
        source: rusqlite::Error,
    },
}
