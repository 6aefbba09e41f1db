//! Duplicate and near-duplicate detection for Parallax.
//!
//! Everything here is a pure function of its input: no I/O, no global state, and the same input
//! gives the same output on every machine and in every version that keeps [`SIGNATURE_VERSION`].
//! The store persists what these functions return, so they must stay stable.
//!
//! Three levels of "the same article" are recognised:
//!
//! * **Same URL.** [`normalize_url`] removes what does not change the page a URL names (scheme,
//!   `www.`, fragment, default port, tracking parameters, parameter order, trailing slash).
//! * **Same text.** [`content_hash`] hashes the text after dropping case, punctuation and
//!   whitespace differences, so an identical body reached through two URLs is caught.
//! * **Nearly the same text.** [`minhash`] computes a MinHash [`Signature`] of the text's word
//!   5-grams; [`Signature::similarity`] estimates the Jaccard similarity of two texts' 5-gram sets
//!   and [`Signature::band_keys`] gives the locality-sensitive hashing (LSH) keys under which a
//!   store finds candidate copies without comparing every pair. A later article whose estimated
//!   similarity to an earlier one is at least [`COPY_THRESHOLD`] is a copy (a wire story reprinted
//!   by another outlet, the same article with different site chrome around it).
//!
//! ```
//! use parallax_dedup::{minhash, normalize_url, COPY_THRESHOLD};
//!
//! assert_eq!(
//!     normalize_url("http://www.Example.com/news/story/?utm_source=rss&b=2&a=1#top").as_deref(),
//!     Some("https://example.com/news/story?a=1&b=2"),
//! );
//!
//! let story = "The city council voted on Tuesday to fund the repair of the old harbour bridge, \
//!     which has been closed to lorries since a survey found cracks in two of its steel girders \
//!     last spring, and work is expected to start in the autumn.";
//! let a = minhash(story).unwrap();
//! let b = minhash(&format!("{story} Read more: subscribe to our newsletter.")).unwrap();
//! assert!(a.similarity(&b) >= COPY_THRESHOLD);
//! ```

#![warn(missing_docs)]

mod minhash;
mod text;
mod urls;

pub use minhash::{
    BANDS, COPY_THRESHOLD, MIN_TOKENS, NUM_HASHES, ROWS, SHINGLE_WORDS, SIGNATURE_VERSION,
    Signature, candidate_probability, minhash,
};
pub use text::content_hash;
pub use urls::normalize_url;
