//! Runs metadata extraction over a directory of gzipped HTML pages and prints one JSON line per
//! page: `{"id", "title", "author", "date", "body": ""}` (`author` is the names joined by ", ",
//! `date` the publication date), the prediction format of the extraction scorer.
//!
//! ```text
//! cargo run --release -p parallax-extract --example meta_bench -- DIR [--urls FILE] > pred.jsonl
//! ```
//!
//! `DIR` holds `<id>.html.gz` files. `--urls FILE` names a JSONL file with `{"id", "url"}` per
//! line giving the address each page was fetched from, as a crawler would know it; without it,
//! pages are read without a URL. Timing goes to stderr.

use flate2::read::GzDecoder;
use parallax_extract::{charset, meta};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("meta_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut urls_file: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--urls" => {
                let f = args
                    .next()
                    .ok_or("--urls needs a file: a JSONL file with id and url per line")?;
                urls_file = Some(f.into());
            }
            "-h" | "--help" => {
                println!("usage: meta_bench DIR [--urls FILE]");
                return Ok(());
            }
            _ if dir.is_none() => dir = Some(a.into()),
            _ => {
                return Err(format!(
                    "unexpected argument {a:?}; usage: meta_bench DIR [--urls FILE]"
                ));
            }
        }
    }
    let dir = dir.ok_or("usage: meta_bench DIR [--urls FILE] (DIR holds <id>.html.gz files)")?;
    let urls = match urls_file {
        Some(f) => read_urls(&f)?,
        None => HashMap::new(),
    };

    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no *.html.gz files in {}", dir.display()));
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut parsing = Duration::ZERO;
    let mut reading = Duration::ZERO;
    let mut failed = 0usize;
    for path in &files {
        let id = file_id(path);
        let bytes = match read_gz(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("meta_bench: skipping {}: {e}", path.display());
                failed += 1;
                continue;
            }
        };
        let start = Instant::now();
        let text = charset::decode(&bytes, None).text;
        let doc = scraper::Html::parse_document(&text);
        parsing += start.elapsed();
        let start = Instant::now();
        let m = meta::extract_metadata(&doc, urls.get(&id).map(String::as_str), None);
        reading += start.elapsed();
        let line = serde_json::json!({
            "id": id,
            "title": m.title,
            "author": (!m.authors.is_empty()).then(|| m.authors.join(", ")),
            "date": m.published,
            "body": "",
        });
        writeln!(out, "{line}").map_err(|e| format!("cannot write output: {e}"))?;
    }
    let n = files.len() - failed;
    let per_s = |d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    eprintln!(
        "meta_bench: {n} pages; decode + parse {:.3} s ({:.0} pages/s); metadata {:.3} s ({:.0} pages/s, {:.2} ms/page)",
        parsing.as_secs_f64(),
        per_s(parsing),
        reading.as_secs_f64(),
        per_s(reading),
        reading.as_secs_f64() * 1000.0 / n.max(1) as f64,
    );
    Ok(())
}

fn file_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.trim_end_matches(".html.gz").to_string()
}

fn read_gz(path: &Path) -> Result<Vec<u8>, String> {
    let f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    GzDecoder::new(f)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("not a readable gzip file: {e}"))?;
    Ok(bytes)
}

fn read_urls(path: &Path) -> Result<HashMap<String, String>, String> {
    let f =
        std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut map = HashMap::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .map_err(|e| format!("{} line {}: not JSON: {e}", path.display(), i + 1))?;
        if let (Some(id), Some(url)) = (
            v.get("id").and_then(|x| x.as_str()),
            v.get("url").and_then(|x| x.as_str()),
        ) && url.contains("://")
        {
            map.insert(id.to_string(), url.to_string());
        }
    }
    Ok(map)
}
