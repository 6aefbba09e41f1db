//! JSONL reader on arbitrary bytes (plain or gzip).
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::read_all("fuzz.jsonl", data);
});
