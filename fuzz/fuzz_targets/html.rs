//! Extraction from arbitrary bytes given as an HTML page.
#![no_main]

use parallax_core::{Content, Provenance, RawDoc, SourceKind};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let doc = RawDoc::new(
        Content::Html(data.to_vec()),
        Provenance::file("fuzz.html", SourceKind::Html),
    );
    let _ = parallax_extract::extract(&doc);
});
