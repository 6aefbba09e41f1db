//! Feed reader (RSS, Atom, RDF, JSON Feed) on arbitrary bytes, with article fetching off.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::read_all("fuzz.rss", data);
});
