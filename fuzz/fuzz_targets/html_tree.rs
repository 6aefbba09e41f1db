//! The fast HTML tree builder against html5ever: whenever the fast builder answers, its tree must
//! be html5ever's, node for node (on the raw input and on the input after `strip_heavy`).
#![no_main]

use parallax_extract::fastparse::{first_difference, parse_html5ever, try_parse};
use parallax_extract::html::strip_heavy;

fn check(html: &str) {
    if let Ok(fast) = try_parse(html) {
        let slow = parse_html5ever(html);
        if let Some(d) = first_difference(&fast, &slow) {
            panic!("the fast builder differs from html5ever on {html:?}: {d}");
        }
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    check(&strip_heavy(&text));
});
