//! Extraction from arbitrary text given as an already (badly) extracted article.
#![no_main]

use parallax_core::{Content, Provenance, RawDoc, SourceKind};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let doc = RawDoc::new(
        Content::Text(String::from_utf8_lossy(data).into_owned()),
        Provenance::file("fuzz.txt", SourceKind::Text),
    );
    let _ = parallax_extract::extract(&doc);
});
