//! Measures how fast the store ingests articles: ~3 KB bodies, a 512-byte signature and 32 LSH
//! band keys each, committed in batches, with the look-ups an ingest makes before each
//! insert (provenance, URL, content hash, LSH candidates).
//!
//! Run with `cargo run --release -p parallax-store --example insert_speed [ARTICLES [BATCH]]`
//! (defaults: 20,000 articles in batches of 500).

use parallax_core::{Article, Block, Provenance, SourceKind};
use parallax_store::{NewArticle, Store};
use std::time::Instant;

/// xorshift64: deterministic pseudo-random numbers.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn words(&mut self, n: usize) -> String {
        const WORDS: &[&str] = &[
            "council", "bridge", "harbour", "minister", "said", "on", "the", "a", "vote", "budget",
            "repair", "traffic", "week", "report", "city", "new", "plan", "of", "to", "and",
        ];
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(WORDS[(self.next() % WORDS.len() as u64) as usize]);
        }
        s
    }
}

fn article(rng: &mut Rng, i: usize) -> NewArticle {
    // Six paragraphs of 90 words: about 3 KB of text.
    let body: Vec<Block> = (0..6).map(|_| Block::paragraph(rng.words(90))).collect();
    let url = format!("https://example.com/news/{i}");
    let article = Article {
        id: format!("story-{i}"),
        url: Some(url.clone()),
        title: Some(rng.words(8)),
        authors: vec!["A. Writer".into()],
        published: Some(format!("2024-04-{:02}T10:00:00Z", 1 + i % 28)),
        site: Some(["Example Post", "Daily Sample", "Test Times"][i % 3].into()),
        language: Some(["en", "sv", "de"][i % 3].into()),
        body,
        provenance: Provenance::record("bench.jsonl", i as u64 + 1, SourceKind::Jsonl),
        ..Default::default()
    };
    NewArticle {
        key: format!("{:016x}", rng.next()),
        article,
        url_norm: Some(url),
        content_hash: rng.next(),
        signature: Some((0..512).map(|_| rng.next() as u8).collect()),
        band_keys: (0..32).map(|_| rng.next()).collect(),
        copy_of: None,
        copy_similarity: None,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = match std::env::args().nth(1) {
        Some(a) => a.parse()?,
        None => 20_000,
    };
    let batch: usize = match std::env::args().nth(2) {
        Some(a) => a.parse::<usize>()?.max(1),
        None => 500,
    };
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let articles: Vec<NewArticle> = (0..n).map(|i| article(&mut rng, i)).collect();
    let body_bytes: usize = articles.iter().map(|a| a.article.body_text().len()).sum();
    println!(
        "{n} articles in batches of {batch}, {} bytes of body on average",
        body_bytes / n.max(1)
    );

    for lookups in [false, true] {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(dir.path())?;
        let start = Instant::now();
        for batch in articles.chunks(batch) {
            store.begin()?;
            for a in batch {
                if lookups {
                    let seen = store.seen_provenance(&a.article.provenance)?;
                    let by_url = store.article_by_url(a.url_norm.as_deref().unwrap_or(""))?;
                    let by_hash = store.article_by_hash(a.content_hash)?;
                    let candidates = store.lsh_candidates(&a.band_keys)?;
                    assert!(
                        !seen && by_url.is_none() && by_hash.is_none() && candidates.is_empty()
                    );
                }
                store.insert_article(a)?;
            }
            store.commit()?;
        }
        let secs = start.elapsed().as_secs_f64();
        let size = std::fs::metadata(dir.path().join(parallax_store::DB_FILE))?.len()
            + std::fs::metadata(dir.path().join("parallax.db-wal")).map_or(0, |m| m.len());
        println!(
            "{}: {:.0} articles/s ({:.2} s, database {:.1} MB)",
            if lookups {
                "look-ups + insert"
            } else {
                "insert only"
            },
            n as f64 / secs,
            secs,
            size as f64 / 1e6
        );
    }
    Ok(())
}
