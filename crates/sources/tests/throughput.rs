//! Reading speed on large generated inputs. Ignored by default; run with
//! `cargo test -p parallax-sources --release --test throughput -- --ignored --nocapture`.

use flate2::Compression;
use flate2::write::GzEncoder;
use parallax_sources::{NoState, ReadOptions, read_bytes};
use std::io::Write;
use std::ops::ControlFlow;
use std::time::Instant;

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn page(i: usize) -> Vec<u8> {
    let mut p =
        format!("<!doctype html><html><head><title>Page {i}</title></head><body>").into_bytes();
    for j in 0..60 {
        p.extend_from_slice(
            format!("<p>Paragraph {j} of page {i}, with some ordinary words in it.</p>\n")
                .as_bytes(),
        );
    }
    p.extend_from_slice(b"</body></html>");
    p
}

fn time(name: &str, origin: &str, data: &[u8], uncompressed: usize) {
    let t0 = Instant::now();
    let (mut docs, mut errors) = (0, 0);
    read_bytes(
        origin,
        data,
        &ReadOptions::default(),
        &mut NoState,
        &mut |r| {
            match r {
                Ok(_) => docs += 1,
                Err(_) => errors += 1,
            }
            ControlFlow::Continue(())
        },
    );
    let s = t0.elapsed().as_secs_f64();
    println!(
        "{name}: {docs} docs, {errors} errors, {:.1} MB ({:.1} MB uncompressed) in {s:.2} s = {:.0} MB/s uncompressed",
        data.len() as f64 / 1e6,
        uncompressed as f64 / 1e6,
        uncompressed as f64 / 1e6 / s
    );
    assert_eq!(errors, 0);
}

#[test]
#[ignore]
fn large_inputs() {
    let n = 20_000;
    let mut warc = Vec::new();
    let mut per_member = Vec::new();
    let mut jsonl = Vec::new();
    for i in 0..n {
        let body = page(i);
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
        http.extend_from_slice(&body);
        let mut rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://e.com/{i}\r\n\
             WARC-Date: 2024-04-21T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        rec.extend_from_slice(&http);
        rec.extend_from_slice(b"\r\n\r\n");
        per_member.extend(gz(&rec));
        warc.extend(rec);
        let line = serde_json::json!({"id": i.to_string(), "html": String::from_utf8_lossy(&body)});
        jsonl.extend_from_slice(line.to_string().as_bytes());
        jsonl.push(b'\n');
    }
    time("warc", "big.warc", &warc, warc.len());
    time(
        "warc.gz (member per record)",
        "big.warc.gz",
        &per_member,
        warc.len(),
    );
    time("jsonl", "big.jsonl", &jsonl, jsonl.len());
}
