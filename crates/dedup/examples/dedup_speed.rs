//! Measures the speed of `minhash`, `content_hash` and `normalize_url`.
//!
//! Run with `cargo run --release -p parallax-dedup --example dedup_speed`.

use parallax_dedup::{content_hash, minhash, normalize_url};
use std::hint::black_box;
use std::time::Instant;

/// A deterministic text of made-up words (xorshift over a syllable set), with capitals,
/// punctuation and paragraph breaks like a news article.
fn article(words: usize, seed: u64, syllables: &[&str]) -> String {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = String::new();
    for i in 0..words {
        let r = next();
        for k in 0..(1 + r % 3) {
            let syllable = syllables[((r >> (8 * k + 8)) % syllables.len() as u64) as usize];
            if k == 0 && r % 7 == 0 {
                out.push_str(&syllable.to_uppercase());
            } else {
                out.push_str(syllable);
            }
        }
        out.push_str(match r % 29 {
            0 => ". ",
            1 => ", ",
            _ if i % 120 == 119 => ".\n\n",
            _ => " ",
        });
    }
    out
}

fn time<T>(label: &str, iterations: u32, mut f: impl FnMut() -> T) {
    for _ in 0..iterations / 10 {
        black_box(f());
    }
    let start = Instant::now();
    for _ in 0..iterations {
        black_box(f());
    }
    let per = start.elapsed().as_secs_f64() / f64::from(iterations);
    println!("{label}: {:.2} µs", per * 1e6);
}

fn main() {
    let ascii = [
        "the", "re", "port", "say", "coun", "cil", "mi", "nis", "ter", "a", "vote", "on",
    ];
    let accented = [
        "ka", "lo", "mer", "sta", "de", "vin", "tör", "al", "is", "en", "prä", "gu",
    ];
    for (name, syllables) in [("ASCII", ascii), ("accented", accented)] {
        let text = article(1000, 0x1234_5678, &syllables);
        let words = text.split_whitespace().count();
        println!("{name} text: {words} words, {} bytes", text.len());
        time("  minhash", 20_000, || minhash(black_box(&text)));
        time("  content_hash", 20_000, || content_hash(black_box(&text)));
    }
    let url = "https://www.example.com/news/2024/04/21/some-story/?utm_source=rss&id=7&fbclid=x#c";
    time("normalize_url", 200_000, || normalize_url(black_box(url)));
}
