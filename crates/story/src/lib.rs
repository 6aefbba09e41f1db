//! Story assembly for Parallax.
//!
//! Pure: takes the articles of one story with their analyses and returns a [`StoryPage`]. No I/O;
//! the interfaces load the data from the store and render the page.

#![warn(missing_docs)]

pub mod page;

pub use page::*;
