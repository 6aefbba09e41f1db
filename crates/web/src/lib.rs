//! The HTTP interface of Parallax: a JSON API and a server-rendered web UI over one data
//! directory.
//!
//! * [`serve`] runs the server for a [`ServeConfig`] until a shutdown future (such as
//!   [`ctrl_c`]) completes. Every request is bounded in time ([`REQUEST_TIMEOUT`]) and size
//!   ([`MAX_BODY_BYTES`]); the server only reads the store (a small pool of read-only
//!   connections), so it runs beside an ingest.
//! * [`load_story`] reads one story from the store and assembles its [`StoryPage`], and
//!   [`render_story_page`] renders a page as a standalone HTML document: what
//!   `parallax story ID --format json|html` prints.
//!
//! The JSON API lives under `/api` and is described by the OpenAPI document served at
//! `/api/openapi.yaml`. Errors are JSON too: `{"error": "...", "status": N}`, with 404 for
//! unknown ids and 400 for malformed parameters or queries.
//!
//! The web UI is plain server-rendered HTML (one small inline style sheet, no external
//! resources, one optional same-origin script that refreshes the story list): `/` lists the
//! stories, `/stories/{id}` shows a story, `/articles/{key}` an article, `/entities/{name}` an
//! entity across stories, and `/search` searches. All text from articles is escaped by the
//! template engine.
//!
//! [`StoryPage`]: parallax_story::StoryPage

#![warn(missing_docs)]

mod error;
mod html;
mod load;
mod pages;
mod params;
mod server;
mod story_html;

pub use error::WebError;
pub use load::{MAX_STORY_ARTICLES, SEARCH_DIR, load_story, load_story_with, open_search};
pub use server::{MAX_BODY_BYTES, REQUEST_TIMEOUT, ServeConfig, ctrl_c, serve};
pub use story_html::render_story_page;

#[cfg(test)]
mod tests;
