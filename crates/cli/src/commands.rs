//! The subcommands: argument types and the code that runs each one.

use crate::{analyze, ingest, output};
use anyhow::{Context, Result, bail};
use clap::Args;
use parallax_core::RawDoc;
use parallax_sources::{Input, NoState, ReadOptions};
use parallax_store::{ArticleFilter, Store};
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Arguments of `parallax ingest`.
#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Files, directories, URLs of pages or feeds, or `-` for stdin.
    #[arg(required = true, value_name = "PATH|URL")]
    inputs: Vec<String>,
    /// Analysis threads (default: the number of cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Do not fetch the articles a feed links to; store the feed items' own content instead.
    #[arg(long)]
    no_fetch: bool,
    /// Largest page or record to read, in MiB; bigger ones are reported as errors.
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    max_record_mib: u64,
    /// Seconds to wait between two requests to the same host.
    #[arg(long, default_value_t = 1.0, value_name = "SECONDS")]
    host_interval: f64,
    /// Seconds before an HTTP request times out.
    #[arg(long, default_value_t = 20.0, value_name = "SECONDS")]
    timeout: f64,
}

/// Arguments of `parallax articles`.
#[derive(Args, Debug)]
pub struct ArticlesArgs {
    /// Only articles in this language (ISO 639-1 code, e.g. `sv`).
    #[arg(long)]
    lang: Option<String>,
    /// Only articles whose outlet or site contains this text.
    #[arg(long)]
    source: Option<String>,
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Include copies and reprints (hidden by default).
    #[arg(long)]
    copies: bool,
    /// Most articles to list.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Articles to skip first (for paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print JSON lines instead of a table.
    #[arg(long)]
    json: bool,
}

/// Arguments of `parallax show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The article's key (as `parallax articles` lists it), its input id, or its URL.
    id: String,
    /// Print the stored article as JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `parallax extract`.
#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// HTML files (.html/.htm, optionally .gz), text files, JSONL files, directories, or `-`.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
}

/// Arguments of `parallax errors`.
#[derive(Args, Debug)]
pub struct ErrorsArgs {
    /// Most errors to show.
    #[arg(long, default_value_t = 50)]
    limit: usize,
}

/// The data directory: `--data`, else `$PARALLAX_DATA` (both handled by clap), else the user's
/// data directory.
pub(crate) fn data_dir(data: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(d) = data {
        return Ok(d);
    }
    match dirs::data_dir() {
        Some(d) => Ok(d.join("parallax")),
        None => bail!(
            "cannot find a data directory for this user: pass --data DIR or set PARALLAX_DATA"
        ),
    }
}

pub(crate) fn open_existing(data: Option<PathBuf>) -> Result<Store> {
    let dir = data_dir(data)?;
    if !dir.join("parallax.db").exists() {
        bail!(
            "no store in {}: ingest something first (`parallax ingest PATH`) or pass --data DIR",
            dir.display()
        );
    }
    Store::open_read_only(&dir).with_context(|| format!("opening the store in {}", dir.display()))
}

/// `parallax ingest`; `embeddings` is the `--embeddings` directory, loaded before any input is
/// read.
pub fn ingest(
    data: Option<PathBuf>,
    args: IngestArgs,
    embeddings: Option<&std::path::Path>,
) -> Result<ExitCode> {
    let embedder = crate::cluster_cmd::load_embedder(embeddings)?;
    let dir = data_dir(data)?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // A second Ctrl-C while draining kills the process as usual.
        let _ = ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        });
    }
    let opts = ReadOptions {
        max_record_bytes: args.max_record_mib.saturating_mul(1024 * 1024),
        host_interval: Duration::from_secs_f64(args.host_interval.max(0.0)),
        timeout: Duration::from_secs_f64(args.timeout.max(0.1)),
        fetch_feed_articles: !args.no_fetch,
        ..ReadOptions::default()
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let inputs = args.inputs.iter().map(|a| Input::parse(a)).collect();
    let started = std::time::Instant::now();
    let s = ingest::run(&dir, inputs, opts, jobs, stop, embedder)?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "read {} records in {:.1}s ({:.0}/s): {} new, {} duplicates, {} copies, {} already stored, {} failed",
        s.read,
        secs,
        s.read as f64 / secs.max(1e-3),
        s.new,
        s.duplicates,
        s.copies,
        s.already,
        s.failed
    );
    for (reason, n) in &s.reasons {
        eprintln!("  {n} × {reason}");
    }
    if s.interrupted {
        eprintln!(
            "interrupted: everything read so far is stored; run the same command again to resume"
        );
        return Ok(ExitCode::from(130));
    }
    eprintln!("store: {}", dir.display());
    Ok(
        if s.failed > 0 && s.new + s.duplicates + s.copies + s.already == 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// `parallax articles`.
pub fn articles(data: Option<PathBuf>, args: ArticlesArgs) -> Result<ExitCode> {
    let store = open_existing(data)?;
    let filter = ArticleFilter {
        language: args.lang,
        site: args.source,
        since: args.since,
        until: args.until,
        copies: args.copies,
        limit: args.limit,
        offset: args.offset,
    };
    let list = store.list(&filter)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        for a in &list {
            writeln!(out, "{}", output::summary_json(a))?;
        }
    } else if list.is_empty() && store.stats()?.articles == 0 {
        writeln!(
            out,
            "the store in {} holds no articles yet: ingest something first (`parallax ingest PATH`)",
            store.dir().display()
        )?;
    } else {
        output::articles_table(&mut out, &list)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `parallax show`.
pub fn show(data: Option<PathBuf>, args: ShowArgs) -> Result<ExitCode> {
    let store = open_existing(data)?;
    let Some(a) = store.article(&args.id)? else {
        eprintln!(
            "no article with key, id or URL `{}`: `parallax articles` lists what is stored",
            args.id
        );
        return Ok(ExitCode::from(1));
    };
    let copies = store.copies_of(&a.key)?;
    let analysis = store
        .analysis(&a.key)?
        .and_then(|json| serde_json::from_str::<serde_json::Value>(&json).ok());
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        writeln!(
            out,
            "{}",
            output::stored_json(&a, &copies, analysis.as_ref())
        )?;
    } else {
        output::show_article(&mut out, &a, &copies)?;
        if let Some(analysis) = &analysis {
            output::show_analysis(&mut out, &a.article.body_text(), analysis)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `parallax extract`.
pub fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let opts = ReadOptions {
        fetch_feed_articles: false,
        ..ReadOptions::default()
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut failed = 0u64;
    let mut ok = 0u64;
    let mut io_error = None;
    for arg in &args.paths {
        let input = Input::parse(arg);
        let mut emit = |rec: Result<RawDoc, parallax_core::RecordError>| {
            let line = rec.and_then(|doc| analyze::extract_lenient(&doc));
            match line {
                Ok(article) => {
                    ok += 1;
                    if article.body.is_empty() {
                        eprintln!(
                            "{}: no article text found, printing the metadata only (an index page, a video or photo page, or a paywall?)",
                            article.provenance
                        );
                    }
                    if let Err(e) = writeln!(out, "{}", output::extract_json(&article)) {
                        io_error = Some(e);
                        return ControlFlow::Break(());
                    }
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("{e}");
                }
            }
            ControlFlow::Continue(())
        };
        parallax_sources::read(&input, &opts, &mut NoState, &mut emit);
        if let Some(e) = io_error.take() {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e).context("writing to stdout");
        }
    }
    out.flush()?;
    Ok(if ok == 0 && failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `parallax errors`.
pub fn errors(data: Option<PathBuf>, args: ErrorsArgs) -> Result<ExitCode> {
    let store = open_existing(data)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (when, e) in store.errors(args.limit)? {
        writeln!(out, "{when}  {e}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `parallax stats`.
pub fn stats(data: Option<PathBuf>) -> Result<ExitCode> {
    let store = open_existing(data)?;
    let s = store.stats()?;
    println!("{}", output::stats_text(&s));
    Ok(ExitCode::SUCCESS)
}
