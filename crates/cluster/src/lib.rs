//! Online, cross-lingual clustering of news articles into stories, with no model and no I/O
//! (a model's document vectors may be given as plain data).
//!
//! * [`features`] reads a title and a text into language-independent features: normalised,
//!   transliterated and lightly stemmed words (character bigrams for Chinese and Japanese), and
//!   *anchors* that read the same in every language: place and country names from a built-in
//!   multilingual table ("Rysslands", "Россия" and "روسيا" are all Russia), capitalised names and
//!   acronyms, numbers and day-month dates that pin one incident; and the *exclusive concepts*
//!   a headline names (sport disciplines, medal colours), read with a built-in cross-lingual
//!   lexicon of news concepts ([`concept`]: "natación", "Schwimmen" and "плавание" are all
//!   `swimming`); and *incident pins*, the details that tell one incident of a kind from
//!   another (a victim's age, "the 1200 block of Main Street");
//! * a [`Vectorizer`] weighs them by TF-IDF with document frequencies learned online into a
//!   [`Doc`];
//! * a [`LanguageProfile`] (function words and scripts) tells whether two documents share a
//!   language;
//! * [`similarity`] compares two documents (in [0, 1]): within one language by words and
//!   anchors, across languages by anchors and cognates, trusted more when the two were
//!   published close together, and lowered when their headlines name different sports (or
//!   medals) and none in common;
//! * an [`OnlineClusterer`] assigns documents, in date order, to stories: candidates come from an
//!   inverted index over the active stories, scores mix the story centroid and its best member
//!   with a time decay (a headline without a body needs a little more to join), a document a
//!   little below the threshold still joins a recent story
//!   with which it shares an incident pin and a rare name or place, a document whose headline
//!   is about people a story never named (while the story's headlines are about others)
//!   scores less against it, stories age out of an active window, ids stay stable and merged
//!   stories keep resolving;
//! * optionally, a document carries a dense vector from a multilingual embedder
//!   ([`Doc::with_vector`], [`OnlineClusterer::add_with_vector`]): two documents with vectors
//!   are more similar when their vectors are close (never less), across languages above all,
//!   and stories are also found through locality-sensitive-hashing keys of the vectors, so two
//!   reports in different languages that share no name can meet. This crate never loads a
//!   model; without vectors every result is the same as before.
//!
//! ```
//! use parallax_cluster::{DocInput, OnlineClusterer};
//!
//! let mut clusterer = OnlineClusterer::default();
//! let a = clusterer.add(&DocInput { title: Some("Earthquake hits Izmir"), text: None, time: Some(0) });
//! let b = clusterer.add(&DocInput { title: Some("Izmir earthquake: rescuers search rubble"), text: None, time: Some(600) });
//! assert_eq!(a.story, b.story);
//! ```

#![warn(missing_docs)]

mod cluster;
mod doc;
mod gazetteer;
mod lang;
mod lexicon;
mod text;

pub use cluster::{Assignment, Config, OnlineClusterer};
pub use doc::{
    Doc, DocInput, Features, MAX_TEXT_BYTES, MAX_TITLE_BYTES, MAX_VECTOR_DIM, TITLE_WEIGHT,
    Vectorizer, features, similarity,
};
pub use lang::LanguageProfile;
pub use lexicon::concept;
pub use text::{normalize, stem};
