//! WARC reader on arbitrary bytes (plain or gzip, which is told by its magic number).
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::read_all("fuzz.warc", data);
});
