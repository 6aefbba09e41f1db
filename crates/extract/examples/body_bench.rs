//! Development helper: extracts every `*.html.gz` in a directory and prints
//! `{"id","body","title","author","date"}` lines for the extraction scorer, then the time taken on
//! stderr. The supported interface for benchmarks is `parallax extract`; this example exists so the
//! extraction crate can be measured on its own.

use std::io::{Read, Write};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: body_bench DIR");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let pages: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| {
            let mut bytes = Vec::new();
            let f = std::fs::File::open(p).expect("readable file");
            flate2::read::GzDecoder::new(f)
                .read_to_end(&mut bytes)
                .expect("gzip");
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (
                name.trim_end_matches(".gz")
                    .trim_end_matches(".html")
                    .to_string(),
                bytes,
            )
        })
        .collect();
    let start = std::time::Instant::now();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    if std::env::var_os("PX_PARSE_ONLY").is_some() {
        for (_, bytes) in &pages {
            let text = parallax_extract::charset::decode(bytes, None).text;
            let stripped = parallax_extract::html::strip_heavy(&text);
            let dom = scraper::Html::parse_document(&stripped);
            std::hint::black_box(dom);
        }
        let secs = start.elapsed().as_secs_f64();
        eprintln!(
            "parse only: {} pages in {:.3}s: {:.0} pages/s",
            pages.len(),
            secs,
            pages.len() as f64 / secs
        );
        return;
    }
    for (id, bytes) in &pages {
        let doc = parallax_core::RawDoc::new(
            parallax_core::Content::Html(bytes.clone()),
            parallax_core::Provenance::file(id.clone(), parallax_core::SourceKind::Html),
        );
        let (body, title, author, date) = match parallax_extract::extract(&doc) {
            Ok(a) => (
                a.body_text(),
                a.title.clone(),
                a.author_line(),
                a.published.clone(),
            ),
            Err(_) => (String::new(), None, None, None),
        };
        let line = serde_json::json!({"id": id, "body": body, "title": title, "author": author, "date": date});
        writeln!(out, "{line}").unwrap();
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} pages in {:.3}s: {:.0} pages/s",
        pages.len(),
        secs,
        pages.len() as f64 / secs
    );
}
