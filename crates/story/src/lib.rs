//! Story assembly for Parallax.
//!
//! Pure: takes the articles of one story with their analyses and returns a [`StoryPage`]. No I/O;
//! the interfaces load the data from the store and render the page.
//!
//! * [`assemble`] builds the page: headline, summary, sources, timeline, perspectives, figures
//!   compared across sources, entities with background, related stories;
//! * [`Knowledge`] holds imported background knowledge (Wikipedia abstracts, a Wikidata subset);
//! * [`to_markdown`] exports a page as Markdown.

#![warn(missing_docs)]

mod assemble;
mod entities;
mod figures;
pub mod input;
pub mod knowledge;
pub mod markdown;
pub mod page;
mod perspectives;
mod summary;
mod text;

pub use assemble::{assemble, outlet_of};
pub use figures::display as figure_display;
pub use input::{AssembleOptions, RelatedCandidate, StoryArticle};
pub use knowledge::{Knowledge, KnowledgeError};
pub use markdown::to_markdown;
pub use page::*;
