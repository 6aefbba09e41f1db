//! A deterministic "smoke fuzz": thousands of pseudo-random and mutated inputs through every
//! reader. It runs in plain `cargo test` (the real fuzz targets live in the repository's `fuzz/`
//! directory and need a nightly toolchain).
//!
//! For every input it checks that reading does not panic, ends in reasonable time, and keeps
//! the readers' contract: every record is a document with content or an error with a message,
//! both naming the input; record numbers only grow; a single-document input yields at most one
//! document; an empty input yields exactly one error.

use flate2::Compression;
use flate2::write::GzEncoder;
use parallax_core::{RawDoc, RecordError, SourceKind};
use parallax_sources::{NoState, ReadOptions, read_bytes};
use std::io::Write;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

/// SplitMix64: small, seeded, good enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-04-21T10:00:00Z\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_page(extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut b =
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n{extra_headers}\r\n")
            .into_bytes();
    b.extend_from_slice(body);
    b
}

/// Valid inputs of every format, with the origin name that hints their format.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let page =
        b"<!doctype html><html><head><title>T</title></head><body><p>Body text.</p></body></html>";
    let warc = [
        warc_record("warcinfo", "", b"software: smoke\r\n"),
        warc_record("request", "https://e.com/a", b"GET /a HTTP/1.1\r\n\r\n"),
        warc_record("response", "https://e.com/a", &http_page("", page)),
        warc_record(
            "response",
            "https://e.com/b",
            &http_page(
                "Transfer-Encoding: chunked\r\n",
                b"5\r\n<p>hi\r\n3\r\n!</\r\n2\r\np>\r\n0\r\n\r\n",
            ),
        ),
        warc_record(
            "response",
            "https://e.com/c",
            &http_page("Content-Encoding: gzip\r\n", &gz(page)),
        ),
    ];
    let per_member: Vec<u8> = warc.iter().flat_map(|r| gz(r)).collect();
    let jsonl = concat!(
        "{\"id\": \"1\", \"url\": \"https://e.com/1\", \"html\": \"<p>One</p>\", \"title\": \"One\"}\n",
        "{\"text\": \"Two\", \"date\": \"2024-04-21\", \"language\": \"sv\"}\n",
        "\n",
        "{\"html\": \"<p>Three</p>\", \"published\": \"2024-04-22\", \"source\": \"S\"}\n",
    );
    let long = "Lång text om nyheter och annat. ".repeat(20);
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
         <channel><title>Feed</title><item><title>A</title><link>https://e.com/a</link>\
         <content:encoded><![CDATA[<p>{long}</p>]]></content:encoded></item>\
         <item><title>B</title><description>{long}</description></item></channel></rss>"
    );
    let atom = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">\
         <title>Atom</title><id>urn:f</id><updated>2024-04-21T10:00:00Z</updated>\
         <entry><title>E</title><id>urn:e</id><link href=\"https://e.com/e\"/>\
         <updated>2024-04-21T10:00:00Z</updated><content type=\"html\">&lt;p&gt;{long}&lt;/p&gt;</content></entry></feed>"
    );
    let json_feed = format!(
        "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", \"items\": \
         [{{\"id\": \"1\", \"url\": \"https://e.com/j\", \"content_html\": \"<p>{long}</p>\"}}]}}"
    );
    vec![
        ("seed.warc", warc.concat()),
        ("seed.warc.gz", per_member),
        ("seed.warc.gz", gz(&warc.concat())),
        ("seed.jsonl", jsonl.as_bytes().to_vec()),
        ("seed.jsonl.gz", gz(jsonl.as_bytes())),
        ("seed.rss", rss.into_bytes()),
        ("seed.atom", atom.into_bytes()),
        ("seed.json", json_feed.into_bytes()),
        ("seed.html", page.to_vec()),
        ("seed.html.gz", gz(page)),
        (
            "seed.txt",
            "Rubrik\n\nBrödtext på svenska.\n".as_bytes().to_vec(),
        ),
        (
            "seed.txt",
            b"Latin-1 text: \xe5\xe4\xf6 och s\xe5 vidare.\n".to_vec(),
        ),
    ]
}

/// Applies 1–4 random mutations.
fn mutate(rng: &mut Rng, data: &[u8], pool: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut d = data.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = d.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                d[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                d[i] = rng.byte();
            }
            2 => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.byte()).collect();
                d.splice(i..i, bytes);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                d.drain(i..i + n);
            }
            4 => d.truncate(rng.below(len + 1)),
            5 if len > 0 => {
                // Duplicate a chunk.
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(256));
                let chunk = d[i..i + n].to_vec();
                let at = rng.below(d.len() + 1);
                d.splice(at..at, chunk);
            }
            6 => {
                // Splice in part of another seed.
                let other = &pool[rng.below(pool.len())].1;
                if !other.is_empty() {
                    let i = rng.below(other.len());
                    let n = 1 + rng.below(other.len() - i);
                    let at = rng.below(d.len() + 1);
                    d.splice(at..at, other[i..i + n].iter().copied());
                }
            }
            7 => {
                // Insert a boundary-ish token.
                let tokens: [&[u8]; 10] = [
                    b"\r\n\r\n",
                    b"\n",
                    b"\0",
                    b"WARC/1.0\r\n",
                    b"Content-Length: 99999999999\r\n",
                    b"<![CDATA[",
                    b"<item>",
                    b"{\"html\": ",
                    b"\x1f\x8b\x08",
                    b"\xef\xbb\xbf",
                ];
                let t = tokens[rng.below(tokens.len())];
                let at = rng.below(len + 1);
                d.splice(at..at, t.iter().copied());
            }
            _ => {
                // Gzip the whole thing (or a prefix of it).
                let cut = rng.below(len + 1);
                let mut z = gz(&d[..cut]);
                if rng.below(3) == 0 {
                    let zl = z.len();
                    z.truncate(rng.below(zl + 1));
                }
                d = z;
            }
        }
    }
    d
}

/// Hand-made nasty inputs.
fn nasties() -> Vec<Vec<u8>> {
    let mut v = vec![
        Vec::new(),
        b"\n\n\n".to_vec(),
        vec![0u8; 5000],
        vec![0xffu8; 5000],
        b"\x1f\x8b".to_vec(),
        b"\x1f\x8b\x08".to_vec(),
        b"\x1f\x8b\x08\x1c\0\0\0\0\0\xff".to_vec(),
        b"WARC/1.0".to_vec(),
        b"WARC/1.0\r\nContent-Length: 18446744073709551615\r\nWARC-Type: response\r\n\r\nHTTP/1.1 200".to_vec(),
        b"WARC/1.0\r\nContent-Length: -5\r\n\r\n".to_vec(),
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 20\r\n\r\nHTTP/1.1 200 OK\r\n\r\n".to_vec(),
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 60\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\n".to_vec(),
        format!("{{\"text\": \"{}\"}}", "x".repeat(100_000)).into_bytes(),
        format!("{{\"html\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
        format!("<rss version=\"2.0\"><channel>{}", "<item><link>x</link>".repeat(3000)).into_bytes(),
        format!("<feed xmlns=\"http://www.w3.org/2005/Atom\">{}", "<entry>".repeat(70_000)).into_bytes(),
        format!("<rss version=\"2.0\"><channel><item><description>{}", "<![CDATA[".repeat(5000)).into_bytes(),
        "<".repeat(50_000).into_bytes(),
        "{".repeat(50_000).into_bytes(),
        "\u{feff}\u{feff}<html>".as_bytes().to_vec(),
        b"\xff\xfeh\0e\0j\0".to_vec(),
    ];
    // Many tiny gzip members, some empty.
    let mut members = Vec::new();
    for i in 0..500 {
        members.extend(gz(if i % 3 == 0 { b"" } else { b"WARC/1.0\r\n" }));
    }
    v.push(members);
    v
}

const ORIGINS: &[&str] = &[
    "in.warc",
    "in.warc.gz",
    "in.jsonl",
    "in.rss",
    "in.atom",
    "in.xml",
    "in.html",
    "in.txt",
    "noext",
];

/// Reads one input and checks the contract; returns (documents, errors).
fn check(origin: &str, data: &[u8], opts: &ReadOptions) -> (usize, usize) {
    let mut out: Vec<Result<RawDoc, RecordError>> = Vec::new();
    let t0 = Instant::now();
    read_bytes(origin, data, opts, &mut NoState, &mut |r| {
        out.push(r);
        ControlFlow::Continue(())
    });
    let elapsed = t0.elapsed();
    let show = || {
        format!(
            "origin {origin}, input {:?}",
            String::from_utf8_lossy(&data[..data.len().min(300)])
        )
    };
    assert!(
        elapsed < Duration::from_secs(10),
        "took {elapsed:?}: {}",
        show()
    );
    if data.is_empty() {
        assert_eq!(out.len(), 1, "{}", show());
        assert!(out[0].is_err(), "{}", show());
    }
    let mut last_record: Option<(SourceKind, u64)> = None;
    for r in &out {
        let prov = match r {
            Ok(doc) => {
                assert!(!doc.content.is_empty(), "empty document: {}", show());
                assert!(
                    doc.content.len() as u64 <= opts.max_record_bytes,
                    "{}",
                    show()
                );
                &doc.provenance
            }
            Err(e) => {
                assert!(!e.message.is_empty(), "{}", show());
                assert_eq!(e.stage, "read");
                &e.provenance
            }
        };
        assert_eq!(prov.origin, origin, "{}", show());
        if let Some(n) = prov.record {
            if let Some((kind, prev)) = last_record
                && kind == prov.kind
            {
                // WARC errors and the record after them can share an offset.
                if kind == SourceKind::Warc {
                    assert!(n >= prev, "offset {n} after {prev}: {}", show());
                } else {
                    assert!(n > prev, "record {n} after {prev}: {}", show());
                }
            }
            last_record = Some((prov.kind, n));
        }
    }
    let single = origin.ends_with(".html") || origin.ends_with(".txt");
    if single {
        assert!(
            !out.is_empty(),
            "a single-document input gave nothing: {}",
            show()
        );
        assert!(out.iter().filter(|r| r.is_ok()).count() <= 1, "{}", show());
        if out.len() > 1 {
            assert!(out[1..].iter().all(|r| r.is_err()), "{}", show());
        }
    }
    let docs = out.iter().filter(|r| r.is_ok()).count();
    (docs, out.len() - docs)
}

#[test]
fn seeds_read_as_expected() {
    let opts = ReadOptions {
        fetch_feed_articles: false,
        ..ReadOptions::default()
    };
    let expected = [3, 3, 3, 3, 3, 2, 1, 1, 1, 1, 1, 1];
    for ((origin, data), want) in seeds().iter().zip(expected) {
        let mut docs = 0;
        read_bytes(origin, data, &opts, &mut NoState, &mut |r| {
            match r {
                Ok(_) => docs += 1,
                Err(e) => panic!("{origin}: {e}"),
            }
            ControlFlow::Continue(())
        });
        assert_eq!(docs, want, "{origin}");
    }
}

#[test]
fn mutated_and_random_inputs_never_break_the_readers() {
    let opts = ReadOptions {
        fetch_feed_articles: false,
        max_record_bytes: 64 * 1024,
        ..ReadOptions::default()
    };
    let pool = seeds();
    let mut rng = Rng(0x5eed_0f9a_11a7);
    let (mut cases, mut docs, mut errors) = (0, 0, 0);
    let mut tally = |(d, e): (usize, usize)| {
        cases += 1;
        docs += d;
        errors += e;
    };
    for data in nasties() {
        for origin in ORIGINS {
            tally(check(origin, &data, &opts));
        }
    }
    for round in 0..4000 {
        let (named, data) = if round % 10 == 0 {
            let n = rng.below(2000);
            ("noext", (0..n).map(|_| rng.byte()).collect())
        } else {
            let (name, seed) = &pool[rng.below(pool.len())];
            (*name, mutate(&mut rng, seed, &pool))
        };
        // Under the seed's own name, and under another name at random.
        tally(check(named, &data, &opts));
        tally(check(ORIGINS[rng.below(ORIGINS.len())], &data, &opts));
    }
    println!("{cases} inputs: {docs} documents, {errors} errors");
    // The mutations keep many inputs readable and break many others.
    assert!(
        docs > 2000 && errors > 2000,
        "{docs} documents, {errors} errors"
    );
    assert!(cases > 8000);
}
