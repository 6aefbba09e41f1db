//! The word-vector file reader of `--embeddings` on arbitrary bytes, then one embedding with
//! whatever it read.
#![no_main]

use parallax_embed::{Embedder, LoadOptions, StaticEmbedder};
use std::path::Path;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let opts = LoadOptions { max_words: 1_000 };
    if let Ok(e) = StaticEmbedder::from_reader(data, Path::new("fuzz.vec"), &opts)
        && let Some(v) = e.embed(None, Some("the fire and the smoke"), Some("a b c d e"))
    {
        assert_eq!(v.len(), e.dim());
        assert!(v.iter().all(|x| x.is_finite()));
    }
});
