//! Text files and format sniffing on arbitrary bytes: the first byte picks whether the input is
//! named `.txt` (text decoding and the binary check) or has no extension (every format is
//! sniffed from the content).
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let origin = if data.first().is_some_and(|b| b % 2 == 0) {
        "fuzz.txt"
    } else {
        "fuzz"
    };
    common::read_all(origin, data);
});
