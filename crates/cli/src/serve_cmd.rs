//! `parallax serve` (the HTTP JSON API and web UI, with an optional feed poller) and
//! `parallax knowledge` (importing background for entities).

use crate::commands::data_dir;
use crate::ingest;
use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use parallax_sources::{Input, ReadOptions};
use parallax_story::Knowledge;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The imported knowledge file inside a data directory.
pub const KNOWLEDGE_FILE: &str = "knowledge.jsonl";

/// The knowledge file to use: the one given, else the imported one when there is one.
pub fn knowledge_path(data: &Path, given: Option<PathBuf>) -> Option<PathBuf> {
    given.or_else(|| {
        let p = data.join(KNOWLEDGE_FILE);
        p.exists().then_some(p)
    })
}

/// Loads a knowledge file, saying which file failed and how.
pub fn load_knowledge(path: &Path) -> Result<Knowledge> {
    let f = std::fs::File::open(path)
        .with_context(|| format!("cannot open the knowledge file {}", path.display()))?;
    Knowledge::from_reader(std::io::BufReader::new(f))
        .with_context(|| format!("cannot read the knowledge file {}", path.display()))
}

/// Arguments of `parallax serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on. Only this machine can connect by default; use 0.0.0.0:PORT to
    /// serve the network.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    addr: SocketAddr,
    /// A knowledge file with background for entities (default: the one `parallax knowledge
    /// import` saved in the data directory, if any).
    #[arg(long, value_name = "FILE")]
    knowledge: Option<PathBuf>,
    /// Feeds to poll while serving: a file with one feed URL (or path) per line; `#` starts a
    /// comment. New articles are ingested and appear in the story list as they arrive.
    #[arg(long, value_name = "FILE")]
    feeds: Option<PathBuf>,
    /// Minutes between two polls of the feeds.
    #[arg(long, default_value_t = 15.0, value_name = "MINUTES")]
    poll_minutes: f64,
    /// Do not fetch the articles the feeds link to; store the feed items' own content instead.
    #[arg(long)]
    no_fetch: bool,
}

fn read_feed_list(path: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the feed list {}", path.display()))?;
    let feeds: Vec<String> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if feeds.is_empty() {
        bail!(
            "the feed list {} names no feed: write one feed URL per line",
            path.display()
        );
    }
    Ok(feeds)
}

/// Polls the feeds every `interval` until `stop` is set, ingesting what is new.
fn poll_feeds(
    dir: PathBuf,
    feeds: Vec<String>,
    opts: ReadOptions,
    interval: Duration,
    stop: Arc<AtomicBool>,
    embedder: Option<Arc<parallax_embed::StaticEmbedder>>,
) {
    // One writer for all polls: it keeps the story clusterer between them.
    let mut session: Option<ingest::Session> = None;
    loop {
        let started = Instant::now();
        let inputs = feeds.iter().map(|f| Input::parse(f)).collect();
        let polled = match session.take() {
            Some(s) => Ok(s),
            None => ingest::Session::open(&dir, embedder.clone()),
        }
        .and_then(|mut s| {
            let summary = s.run(inputs, opts.clone(), 1, stop.clone())?;
            session = Some(s);
            Ok(summary)
        });
        match polled {
            Ok(s) => eprintln!(
                "feeds polled: {} read, {} new, {} copies, {} duplicates, {} failed",
                s.read, s.new, s.copies, s.duplicates, s.failed
            ),
            // The session is dropped: the next poll starts from what the store holds.
            Err(e) => eprintln!("polling the feeds failed: {e:#}; trying again at the next poll"),
        }
        while started.elapsed() < interval {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// `parallax serve`.
/// `parallax serve`; with feeds to poll, the word vectors of `embeddings` (`--embeddings`) are
/// loaded at start for the poller's story assignment.
pub fn serve(
    data: Option<PathBuf>,
    args: ServeArgs,
    embeddings: Option<PathBuf>,
) -> Result<ExitCode> {
    let dir = data_dir(data)?;
    let knowledge = knowledge_path(&dir, args.knowledge);
    let stop = Arc::new(AtomicBool::new(false));
    let mut poller = None;
    if let Some(list) = &args.feeds {
        let feeds = read_feed_list(list)?;
        let embedder = crate::cluster_cmd::load_embedder(embeddings.as_deref())?;
        // The server needs a store to read; the poller fills it.
        parallax_store::Store::open(&dir)
            .with_context(|| format!("opening the store in {}", dir.display()))?;
        let interval = Duration::from_secs_f64((args.poll_minutes * 60.0).max(10.0));
        eprintln!(
            "polling {} feeds every {:.0} minutes",
            feeds.len(),
            interval.as_secs_f64() / 60.0
        );
        let (dir, stop) = (dir.clone(), stop.clone());
        let opts = ReadOptions {
            fetch_feed_articles: !args.no_fetch,
            ..ReadOptions::default()
        };
        poller = Some(std::thread::spawn(move || {
            poll_feeds(dir, feeds, opts, interval, stop, embedder)
        }));
    }
    let cfg = parallax_web::ServeConfig {
        data_dir: dir,
        addr: args.addr,
        knowledge,
    };
    let served = parallax_web::serve(cfg, parallax_web::ctrl_c());
    stop.store(true, Ordering::SeqCst);
    if let Some(p) = poller {
        let _ = p.join();
    }
    served?;
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `parallax knowledge`.
#[derive(Args, Debug)]
pub struct KnowledgeArgs {
    #[command(subcommand)]
    command: KnowledgeCommand,
}

#[derive(Subcommand, Debug)]
enum KnowledgeCommand {
    /// Import background for entities: JSONL of Wikipedia abstracts (`{"title", "abstract",
    /// "url"?, "aliases"?}`) or a Wikidata JSON subset (entities with labels, aliases and
    /// descriptions, as JSONL or one JSON array). Replaces the knowledge imported before.
    Import {
        /// The file to import.
        file: PathBuf,
    },
}

/// `parallax knowledge`.
pub fn knowledge(data: Option<PathBuf>, args: KnowledgeArgs) -> Result<ExitCode> {
    let KnowledgeCommand::Import { file } = args.command;
    let dir = data_dir(data)?;
    let k = load_knowledge(&file)?;
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    let target = dir.join(KNOWLEDGE_FILE);
    let tmp = dir.join(format!("{KNOWLEDGE_FILE}.tmp"));
    {
        let f = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        let mut w = std::io::BufWriter::new(f);
        k.to_jsonl(&mut w)
            .and_then(|_| std::io::Write::flush(&mut w))
            .with_context(|| format!("cannot write {}", tmp.display()))?;
    }
    std::fs::rename(&tmp, &target)
        .with_context(|| format!("cannot replace {}", target.display()))?;
    eprintln!(
        "imported {} entries ({} records skipped) into {}",
        k.len(),
        k.skipped(),
        target.display()
    );
    Ok(ExitCode::SUCCESS)
}
