//! Shared by the reader targets: read the bytes as if they were a file with the given name and
//! check the records that come out.

use parallax_sources::{NoState, ReadOptions, read_bytes};
use std::ops::ControlFlow;

/// Reads `data` as a file named `origin` (its extension is the format hint) without any network
/// access, and checks every record: a document with content, or an error with a message, both
/// naming the input.
pub fn read_all(origin: &str, data: &[u8]) {
    let opts = ReadOptions {
        fetch_feed_articles: false,
        max_record_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    read_bytes(origin, data, &opts, &mut NoState, &mut |record| {
        match record {
            Ok(doc) => {
                assert!(!doc.content.is_empty());
                assert!(doc.content.len() <= 1 << 20);
                assert_eq!(doc.provenance.origin, origin);
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                assert_eq!(e.provenance.origin, origin);
            }
        }
        ControlFlow::Continue(())
    });
}
