//! `parallax cluster` and `parallax similarity`: the story-clustering benchmark interface.
//!
//! With `--embeddings DIR` (see [`load_embedder`]) every article also gets a document vector
//! from the word vectors in DIR, which the clusterer compares and finds candidates by; without
//! it nothing is loaded and the results are those of the model-free clusterer.
//!
//! Wiring: the lead adds `flate2.workspace = true` and `parallax-cluster.workspace = true` to
//! this crate's Cargo.toml, and these lines to `main.rs` (module list, `Command` enum, `match`):
//!
//! ```text
//! mod cluster_cmd;
//!     /// Cluster articles (JSONL with id, date, title, text) into stories: {"id", "story"} per line.
//!     Cluster(cluster_cmd::ClusterArgs),
//!     /// Similarity in [0, 1] of article pairs (JSONL with id, title1, text1, title2, text2).
//!     Similarity(cluster_cmd::SimilarityArgs),
//!         Command::Cluster(args) => cluster_cmd::cluster(args),
//!         Command::Similarity(args) => cluster_cmd::similarity(args),
//! ```

use anyhow::{Context, Result};
use clap::Args;
use flate2::read::MultiGzDecoder;
use parallax_cluster::{
    DocInput, OnlineClusterer, Vectorizer, features, similarity as doc_similarity,
};
use parallax_embed::{Embedder, LoadOptions, StaticEmbedder};
use serde::Deserialize;
use serde_json::Value;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// Arguments of `parallax cluster`.
#[derive(Args, Debug)]
pub struct ClusterArgs {
    /// JSONL file (optionally gzip-compressed), or `-` for stdin: one article per line with `id`
    /// and any of `lang`, `date` (e.g. `2021-07-01 08:51:00`, UTC), `title`, `text`. Other
    /// fields are ignored. Articles are processed in `date` order (file order when undated).
    #[arg(value_name = "INPUT.jsonl[.gz]")]
    input: PathBuf,
    /// Print a summary (articles, stories, speed) on stderr at the end.
    #[arg(long)]
    stats: bool,
}

/// Arguments of `parallax similarity`.
#[derive(Args, Debug)]
pub struct SimilarityArgs {
    /// JSONL file (optionally gzip-compressed), or `-` for stdin: one pair per line with `id`,
    /// `title1`, `text1`, `lang1`, `title2`, `text2`, `lang2`.
    #[arg(value_name = "PAIRS.jsonl[.gz]")]
    input: PathBuf,
}

/// Opens a file or stdin, undoing gzip when the data starts with the gzip magic bytes.
fn open(path: &Path) -> Result<Box<dyn BufRead>> {
    let raw: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(
            File::open(path)
                .with_context(|| format!("cannot open {}: check the path", path.display()))?,
        )
    };
    let mut reader = BufReader::with_capacity(1 << 16, raw);
    let gz = reader
        .fill_buf()
        .map(|b| b.starts_with(&[0x1f, 0x8b]))
        .unwrap_or(false);
    Ok(if gz {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    })
}

/// Calls `f(line_number, line)` for every non-blank line. Lines that are not UTF-8 and a read
/// error (a truncated or corrupt gzip stream ends the input there) are reported on stderr;
/// returns how many such problems there were. Only failing to open the input is an error.
fn for_each_line(path: &Path, mut f: impl FnMut(u64, &str)) -> Result<u64> {
    let mut reader = open(path)?;
    let mut buf = Vec::new();
    let mut n = 0u64;
    let mut problems = 0u64;
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return Ok(problems),
            Ok(_) => {}
            Err(e) => {
                eprintln!(
                    "{}: input ends after line {n}: read failed ({e}); a truncated or corrupt \
                     gzip file? The lines before are used.",
                    path.display()
                );
                return Ok(problems + 1);
            }
        }
        n += 1;
        match std::str::from_utf8(&buf) {
            Ok(s) if s.trim().is_empty() => {}
            Ok(s) => f(n, s),
            Err(e) => {
                problems += 1;
                eprintln!("{} line {n}: skipped: not UTF-8 ({e})", path.display());
            }
        }
    }
}

/// Loads the word vectors of `--embeddings DIR` when it is given (`None` otherwise): one
/// fastText `.vec` file per language (see the `--embeddings` help). The error names the
/// directory, the file and the line, and says what to do.
pub(crate) fn load_embedder(dir: Option<&Path>) -> Result<Option<Arc<StaticEmbedder>>> {
    let Some(dir) = dir else {
        return Ok(None);
    };
    let loaded = StaticEmbedder::load_dir(dir, &LoadOptions::default()).with_context(|| {
        format!(
            "cannot load the word vectors in {} given by --embeddings or PARALLAX_EMBEDDINGS \
             (correct or remove the file at fault, or run without --embeddings)",
            dir.display()
        )
    })?;
    Ok(Some(Arc::new(loaded)))
}

/// The language an article's vector is read in: the ISO 639-1 code the input states, else
/// (when the embedder has a table per language) the one detected from its title and text.
pub(crate) fn language_for_vector(
    embedder: &StaticEmbedder,
    stated: Option<&str>,
    title: Option<&str>,
    text: Option<&str>,
) -> Option<&'static str> {
    if let Some(code) = stated.and_then(parallax_lang::normalize_tag) {
        return Some(code);
    }
    if embedder.languages() == [""] {
        return None;
    }
    let mut sample = String::new();
    for part in [title, text].into_iter().flatten() {
        let head = part
            .char_indices()
            .nth(parallax_lang::SAMPLE_CHARS)
            .map_or(part, |(i, _)| &part[..i]);
        sample.push_str(head);
        sample.push_str(".\n");
    }
    parallax_lang::detect(&sample, None)
}

/// The document vector of an article, when the embedder knows enough of its words.
pub(crate) fn vector_of(
    embedder: &StaticEmbedder,
    stated_lang: Option<&str>,
    title: Option<&str>,
    text: Option<&str>,
) -> Option<Vec<f32>> {
    let lang = language_for_vector(embedder, stated_lang, title, text);
    embedder.embed(lang, title, text)
}

/// Tells on stderr when word vectors were loaded but no document got one: the languages of the
/// input have no vector file, most likely.
fn warn_if_unused(embedder: &StaticEmbedder, dir: &Path, embedded: usize, docs: usize) {
    if docs > 0 && embedded == 0 {
        let langs: Vec<&str> = embedder
            .languages()
            .into_iter()
            .map(|l| if l.is_empty() { "any" } else { l })
            .collect();
        eprintln!(
            "warning: no article got a vector from the word vectors in {} (languages: {}): \
             add a .vec file for the articles' languages, or give `lang` in the input",
            dir.display(),
            langs.join(", ")
        );
    }
}

/// The fields of a cluster input line that are read; every other field (gold labels included)
/// is skipped by the parser without being kept.
#[derive(Deserialize)]
struct ArticleLine {
    #[serde(default)]
    id: Value,
    #[serde(default)]
    lang: Value,
    #[serde(default)]
    date: Value,
    #[serde(default)]
    title: Value,
    #[serde(default)]
    text: Value,
}

/// The fields of a pair line that are read.
#[derive(Deserialize)]
struct PairLine {
    #[serde(default)]
    id: Value,
    #[serde(default)]
    title1: Value,
    #[serde(default)]
    text1: Value,
    #[serde(default)]
    lang1: Value,
    #[serde(default)]
    title2: Value,
    #[serde(default)]
    text2: Value,
    #[serde(default)]
    lang2: Value,
}

/// A string value: strings as they are (blank ones absent), numbers as written, else absent.
fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Parses a date: `YYYY-MM-DD HH:MM:SS`, RFC 3339, `YYYY-MM-DDTHH:MM:SS` or `YYYY-MM-DD`
/// (UTC unless an offset is given). Returns seconds since the Unix epoch.
pub(crate) fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.timestamp());
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%SZ",
    ] {
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(d.and_utc().timestamp());
        }
    }
    chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().timestamp())
}

/// One article line of the cluster input.
struct Article {
    id: String,
    lang: Option<String>,
    time: Option<i64>,
    title: Option<String>,
    text: Option<String>,
}

/// Parses one cluster input line; `Err` says why it was skipped.
fn parse_article(origin: &Path, n: u64, line: &str) -> std::result::Result<Article, String> {
    let v: ArticleLine =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object ({e})"))?;
    let id = string(&v.id).ok_or("no `id`")?;
    let time = match &v.date {
        Value::String(s) => {
            let t = parse_date(s);
            if t.is_none() {
                eprintln!(
                    "{} line {n}: date {s:?} not understood (use YYYY-MM-DD HH:MM:SS); treated as undated",
                    origin.display()
                );
            }
            t
        }
        Value::Number(x) => x.as_i64(),
        _ => None,
    };
    let title = string(&v.title);
    let text = string(&v.text);
    Ok(Article {
        id: id.trim().to_string(),
        lang: string(&v.lang),
        time,
        title,
        text,
    })
}

/// `parallax cluster`: assigns every article a story and prints `{"id", "story"}` per line;
/// with `embeddings` (the `--embeddings` directory) articles also carry document vectors.
pub fn cluster(args: ClusterArgs, embeddings: Option<&Path>) -> Result<ExitCode> {
    let started = Instant::now();
    let embedder = load_embedder(embeddings)?;
    let path = args.input.as_path();
    let mut articles = Vec::new();
    let mut skipped = 0u64;
    let unreadable = for_each_line(path, |n, line| match parse_article(path, n, line) {
        Ok(a) => {
            if a.title.is_none() && a.text.is_none() {
                eprintln!(
                    "{} line {n}: id {:?} has no title or text; it stays a story of its own",
                    path.display(),
                    a.id
                );
            }
            articles.push(a);
        }
        Err(why) => {
            skipped += 1;
            eprintln!("{} line {n}: skipped: {why}", path.display());
        }
    })?;
    skipped += unreadable;

    // Date order; an undated article keeps its place after the last dated one before it.
    let mut keys = Vec::with_capacity(articles.len());
    let mut last = i64::MIN;
    for a in &articles {
        if let Some(t) = a.time {
            last = t;
        }
        keys.push(last);
    }
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| keys[i]);

    let mut clusterer = OnlineClusterer::default();
    let mut story = vec![0u64; articles.len()];
    let mut embedded = 0usize;
    for &i in &order {
        let a = &articles[i];
        let input = DocInput {
            title: a.title.as_deref(),
            text: a.text.as_deref(),
            time: a.time,
        };
        let vector = embedder
            .as_ref()
            .and_then(|e| vector_of(e, a.lang.as_deref(), a.title.as_deref(), a.text.as_deref()));
        embedded += usize::from(vector.is_some());
        story[i] = clusterer.add_with_vector(&input, vector.as_deref()).story;
    }
    if let (Some(e), Some(dir)) = (&embedder, embeddings) {
        warn_if_unused(e, dir, embedded, articles.len());
    }

    let mut out = BufWriter::new(std::io::stdout().lock());
    for (a, &s) in articles.iter().zip(&story) {
        let rec = serde_json::json!({"id": a.id, "story": clusterer.resolve(s).to_string()});
        writeln!(out, "{rec}").context("cannot write to stdout")?;
    }
    out.flush().context("cannot write to stdout")?;
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        let vectors = if embedder.is_some() {
            format!(", {embedded} with a vector")
        } else {
            String::new()
        };
        eprintln!(
            "{} articles{vectors}, {} stories opened, {} active, {skipped} lines skipped, {secs:.2} s ({:.0} articles/s)",
            articles.len(),
            clusterer.stories_opened(),
            clusterer.active_stories(),
            articles.len() as f64 / secs.max(1e-9)
        );
    }
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `parallax similarity`: prints `{"id", "value"}` per pair, the similarity clustering uses.
///
/// Document frequencies are learned from all the documents of the input first, then each pair
/// is weighed and compared (with their document vectors when `embeddings` is given).
pub fn similarity(args: SimilarityArgs, embeddings: Option<&Path>) -> Result<ExitCode> {
    let embedder = load_embedder(embeddings)?;
    let path = args.input.as_path();
    let mut pairs = Vec::new();
    let mut skipped = 0u64;
    let unreadable = for_each_line(path, |n, line| {
        let parsed = serde_json::from_str::<PairLine>(line)
            .map_err(|e| format!("not a JSON object ({e})"))
            .and_then(|v| {
                let id = string(&v.id).ok_or("no `id`")?;
                let (t1, x1, t2, x2) = (
                    string(&v.title1),
                    string(&v.text1),
                    string(&v.title2),
                    string(&v.text2),
                );
                if (t1.is_none() && x1.is_none()) || (t2.is_none() && x2.is_none()) {
                    eprintln!(
                        "{} line {n}: pair {id:?} lacks a title or text on one side; similarity 0",
                        path.display()
                    );
                }
                let f1 = features(&DocInput {
                    title: t1.as_deref(),
                    text: x1.as_deref(),
                    time: None,
                });
                let f2 = features(&DocInput {
                    title: t2.as_deref(),
                    text: x2.as_deref(),
                    time: None,
                });
                let vectors = embedder.as_ref().map(|e| {
                    (
                        vector_of(e, string(&v.lang1).as_deref(), t1.as_deref(), x1.as_deref()),
                        vector_of(e, string(&v.lang2).as_deref(), t2.as_deref(), x2.as_deref()),
                    )
                });
                Ok((id.trim().to_string(), f1, f2, vectors.unwrap_or_default()))
            });
        match parsed {
            Ok(p) => pairs.push(p),
            Err(why) => {
                skipped += 1;
                eprintln!("{} line {n}: skipped: {why}", path.display());
            }
        }
    })?;
    skipped += unreadable;
    let mut vectorizer = Vectorizer::new();
    for (_, a, b, _) in &pairs {
        vectorizer.observe(a);
        vectorizer.observe(b);
    }
    if let (Some(e), Some(dir)) = (&embedder, embeddings) {
        let embedded = pairs
            .iter()
            .map(|p| usize::from(p.3.0.is_some()) + usize::from(p.3.1.is_some()))
            .sum();
        warn_if_unused(e, dir, embedded, 2 * pairs.len());
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (id, a, b, (va, vb)) in &pairs {
        let weigh = |f, v: &Option<Vec<f32>>| {
            let doc = vectorizer.weigh(f, None);
            match v {
                Some(v) => doc.with_vector(v),
                None => doc,
            }
        };
        let value = doc_similarity(&weigh(a, va), &weigh(b, vb));
        let value = (value * 1e6).round() / 1e6;
        writeln!(out, "{}", serde_json::json!({"id": id, "value": value}))
            .context("cannot write to stdout")?;
    }
    out.flush().context("cannot write to stdout")?;
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_forms() {
        assert_eq!(parse_date("1970-01-02 00:00:00"), Some(86_400));
        assert_eq!(parse_date("1970-01-02T00:00:00Z"), Some(86_400));
        assert_eq!(parse_date("1970-01-02T01:00:00+01:00"), Some(86_400));
        assert_eq!(parse_date("1970-01-02"), Some(86_400));
        assert_eq!(parse_date("yesterday"), None);
    }

    /// Tiny aligned vectors: the English and Swedish words of an earthquake report near one
    /// direction, the words of a budget report near another.
    fn aligned() -> StaticEmbedder {
        let words = |list: &[&str], v: [f32; 4]| -> Vec<(String, Vec<f32>)> {
            list.iter()
                .enumerate()
                .map(|(i, w)| {
                    let wobble = (i % 3) as f32 * 0.05;
                    (
                        w.to_string(),
                        vec![v[0] - wobble, v[1] + wobble, v[2], v[3]],
                    )
                })
                .collect()
        };
        let mut en = words(
            &[
                "earthquake",
                "rescuers",
                "searched",
                "rubble",
                "survivors",
                "alive",
            ],
            [0.9, 0.3, 0.1, 0.0],
        );
        en.extend(words(
            &[
                "parliament",
                "passed",
                "budget",
                "debate",
                "taxes",
                "spending",
            ],
            [0.0, 0.1, 0.2, 0.95],
        ));
        let sv = words(
            &[
                "jordskalv",
                "räddningsarbetarna",
                "letade",
                "rasmassorna",
                "överlevande",
            ],
            [0.85, 0.35, 0.1, 0.05],
        );
        StaticEmbedder::from_words(4, vec![("en".into(), en), ("sv".into(), sv)])
    }

    #[test]
    fn vectors_join_reports_in_two_languages_that_share_no_name() {
        let e = aligned();
        let docs = [
            (
                Some("en"),
                "Earthquake: rescuers search the rubble",
                "The rescuers searched the rubble for survivors through the night and found \
                 several of them alive.",
            ),
            (
                None,
                "Jordskalv: räddningsarbetarna letade i rasmassorna",
                "Räddningsarbetarna letade i rasmassorna efter överlevande under natten och de \
                 hittade flera av dem vid liv.",
            ),
            (
                Some("en"),
                "Parliament passes the budget",
                "The parliament passed the budget after a long debate on taxes and spending.",
            ),
        ];
        // The Swedish report states no language: it is detected.
        assert_eq!(
            language_for_vector(&e, None, Some(docs[1].1), Some(docs[1].2)),
            Some("sv")
        );
        assert_eq!(
            language_for_vector(&e, Some("en-GB"), None, None),
            Some("en")
        );
        let mut plain = OnlineClusterer::default();
        let mut with = OnlineClusterer::default();
        let mut stories = Vec::new();
        for (i, (lang, title, text)) in docs.iter().enumerate() {
            let input = DocInput {
                title: Some(title),
                text: Some(text),
                time: Some(i as i64 * 3_600),
            };
            let v = vector_of(&e, *lang, Some(title), Some(text));
            assert!(v.is_some(), "{title}");
            stories.push((
                plain.add(&input).story,
                with.add_with_vector(&input, v.as_deref()).story,
            ));
        }
        assert_ne!(stories[0].0, stories[1].0, "without vectors: apart");
        assert_eq!(stories[0].1, stories[1].1, "with vectors: one story");
        assert_ne!(stories[0].1, stories[2].1, "the budget stays apart");
    }

    #[test]
    fn article_lines() {
        let p = Path::new("in.jsonl");
        let a = parse_article(p, 1, r#"{"id": 7, "date": "2021-07-01 08:51:00", "title": "T", "text": null, "cluster": "x"}"#)
            .expect("valid line");
        assert_eq!(a.id, "7");
        assert_eq!(a.title.as_deref(), Some("T"));
        assert!(a.text.is_none() && a.time.is_some());
        assert!(parse_article(p, 2, "{\"title\": \"no id\"}").is_err());
        assert!(parse_article(p, 3, "not json").is_err());
    }
}
