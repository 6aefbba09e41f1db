//! The ingest pipeline: one reader thread, a pool of analysis workers, and the store writer.
//!
//! ```text
//!  reader ──RawDoc──▶ workers (extract, language, fingerprints) ──Analyzed──▶ writer (dedup, store)
//!     └────────────── errors, skips, validators ─────────────────────────────▶
//! ```
//!
//! The writer owns the only read-write connection and commits every [`BATCH`] records or
//! [`BATCH_TIME`], so a crash or `kill -9` loses at most the last uncommitted batch, and SQLite's
//! journal keeps the store consistent. Records already ingested are recognised by their
//! provenance before extraction, which makes a repeated or resumed ingest cheap.

use crate::analyze::{Analyzed, analyze_unless_stored};
use crate::stories::StoryAssigner;
use anyhow::{Context, Result};
use crossbeam_channel::{Receiver, Sender, bounded};
use indicatif::{ProgressBar, ProgressStyle};
use parallax_core::{RawDoc, RecordError, SourceKind};
use parallax_dedup::{COPY_THRESHOLD, Signature};
use parallax_embed::StaticEmbedder;
use parallax_sources::{FetchState, Input, ReadOptions, Validators};
use parallax_store::{NewArticle, Store};
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Records per transaction.
const BATCH: usize = 2000;
/// Longest time between two commits.
const BATCH_TIME: Duration = Duration::from_secs(2);
/// Longest time between two commits of the search index during an ingest. Each is a tantivy
/// commit (a new segment, later merged): committing at every store commit cost a quarter of the
/// ingest rate. Between commits the writer feeds the index as it stores ([`FEED_EVERY`]).
const SEARCH_INTERVAL: Duration = Duration::from_secs(20);
/// Every this many records the writer hands the newly stored articles to the search index.
const FEED_EVERY: u64 = 32;

/// What an ingest run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Records read from the inputs (articles, duplicates, copies and failures).
    pub read: u64,
    /// New articles stored.
    pub new: u64,
    /// Exact duplicates skipped (same URL or same text as a stored article).
    pub duplicates: u64,
    /// Near-duplicates stored as copies of an original.
    pub copies: u64,
    /// Records skipped because an earlier run already ingested them.
    pub already: u64,
    /// Records that failed, by stage and reason.
    pub failed: u64,
    /// Failure counts by reason.
    pub reasons: BTreeMap<String, u64>,
    /// Whether the run was interrupted before reading all inputs.
    pub interrupted: bool,
}

enum ToWriter {
    Article(Box<Analyzed>),
    Failed(RecordError),
    Already,
    Validators(String, Validators),
}

/// Fetch state for the reader: asks a read-only store connection, and sends new validators to the
/// writer.
struct ReaderState {
    store: Store,
    to_writer: Sender<ToWriter>,
}

impl FetchState for ReaderState {
    fn validators(&self, url: &str) -> Option<Validators> {
        self.store
            .validators(url)
            .ok()
            .flatten()
            .map(|(etag, last_modified)| Validators {
                etag,
                last_modified,
            })
    }

    fn save_validators(&mut self, url: &str, v: &Validators) {
        let _ = self
            .to_writer
            .send(ToWriter::Validators(url.to_string(), v.clone()));
    }

    fn already_have(&self, url: &str) -> bool {
        parallax_dedup::normalize_url(url).is_some_and(|u| self.store.has_url(&u).unwrap_or(false))
    }
}

/// Ingests `inputs` into the store in `dir`.
pub fn run(
    dir: &Path,
    inputs: Vec<Input>,
    opts: ReadOptions,
    jobs: usize,
    stop: Arc<AtomicBool>,
    embedder: Option<Arc<StaticEmbedder>>,
) -> Result<Summary> {
    Session::open(dir, embedder)?.run(inputs, opts, jobs, stop)
}

/// A writer that outlives one ingest run, for callers that ingest again and again (the feed
/// poller of `parallax serve`): it keeps the store connection and the story clusterer between
/// runs, so a run does not replay the recent stories first. When another process wrote to the
/// store in between, the next run rebuilds the clusterer from the store as a fresh ingest does.
pub struct Session {
    dir: PathBuf,
    store: Store,
    /// The clusterer after the last run, with the store's data version after its last commit.
    stories: Option<(StoryAssigner, i64)>,
    /// Word vectors for story assignment (`--embeddings`), when in use.
    embedder: Option<Arc<StaticEmbedder>>,
}

impl Session {
    /// Opens the store in `dir` for writing; story assignment uses `embedder`'s document vectors
    /// when given.
    pub fn open(dir: &Path, embedder: Option<Arc<StaticEmbedder>>) -> Result<Session> {
        let store =
            Store::open(dir).with_context(|| format!("opening the store in {}", dir.display()))?;
        Ok(Session {
            dir: dir.to_path_buf(),
            store,
            stories: None,
            embedder,
        })
    }

    /// Ingests `inputs` with `jobs` analysis workers until they are read or `stop` is set.
    pub fn run(
        &mut self,
        inputs: Vec<Input>,
        opts: ReadOptions,
        jobs: usize,
        stop: Arc<AtomicBool>,
    ) -> Result<Summary> {
        let dir = self.dir.as_path();
        let store = &mut self.store;
        let cached = &mut self.stories;
        let embedder = self.embedder.clone();
        let open_reader = || {
            Store::open_read_only(dir)
                .with_context(|| format!("opening the store in {} for reading", dir.display()))
        };
        let reader_store = open_reader()?;
        let seen_store = open_reader()?;
        let worker_stores = (0..jobs.max(1))
            .map(|_| open_reader())
            .collect::<Result<Vec<_>>>()?;

        let (doc_tx, doc_rx) = bounded::<RawDoc>(jobs * 16);
        let (out_tx, out_rx) = bounded::<ToWriter>(jobs * 64);

        let progress = ProgressBar::new_spinner();
        progress.set_style(
            ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        progress.enable_steady_tick(Duration::from_millis(200));

        let summary = std::thread::scope(|scope| -> Result<Summary> {
            // Reader.
            {
                let stop = stop.clone();
                let out_tx = out_tx.clone();
                scope.spawn(move || {
                    let mut state = ReaderState {
                        store: reader_store,
                        to_writer: out_tx.clone(),
                    };
                    for input in &inputs {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let mut emit = |rec: Result<RawDoc, RecordError>| {
                            if stop.load(Ordering::Relaxed) {
                                return ControlFlow::Break(());
                            }
                            let msg = match rec {
                                Ok(doc) => {
                                    let seen = doc.provenance.kind != SourceKind::Feed
                                        && seen_store
                                            .seen_provenance(&doc.provenance)
                                            .unwrap_or(false);
                                    if seen {
                                        ToWriter::Already
                                    } else {
                                        return match doc_tx.send(doc) {
                                            Ok(()) => ControlFlow::Continue(()),
                                            Err(_) => ControlFlow::Break(()),
                                        };
                                    }
                                }
                                Err(e) => ToWriter::Failed(e),
                            };
                            match out_tx.send(msg) {
                                Ok(()) => ControlFlow::Continue(()),
                                Err(_) => ControlFlow::Break(()),
                            }
                        };
                        parallax_sources::read(input, &opts, &mut state, &mut emit);
                    }
                    drop(doc_tx);
                });
            }
            // Workers. Each asks the store's committed state whether a record's URL or text
            // is already stored, and skips the analysis of exact duplicates.
            for worker_store in worker_stores {
                let doc_rx: Receiver<RawDoc> = doc_rx.clone();
                let out_tx = out_tx.clone();
                scope.spawn(move || {
                    let stored = |url: Option<&str>, hash: u64| {
                        url.is_some_and(|u| worker_store.has_url(u).unwrap_or(false))
                            || worker_store.article_by_hash(hash).ok().flatten().is_some()
                    };
                    for doc in doc_rx {
                        let msg = match analyze_unless_stored(&doc, &stored) {
                            Ok(a) => ToWriter::Article(Box::new(a)),
                            Err(e) => ToWriter::Failed(e),
                        };
                        if out_tx.send(msg).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(doc_rx);
            drop(out_tx);
            // Writer, on this thread.
            write_all(store, cached, embedder, out_rx, &progress)
        });
        progress.finish_and_clear();
        let mut summary = summary?;
        summary.interrupted = stop.load(Ordering::Relaxed);
        Ok(summary)
    }
}

fn write_all(
    store: &mut Store,
    cached: &mut Option<(StoryAssigner, i64)>,
    embedder: Option<Arc<StaticEmbedder>>,
    rx: Receiver<ToWriter>,
    progress: &ProgressBar,
) -> Result<Summary> {
    let mut s = Summary::default();
    let version = store.data_version()?;
    let mut stories = match cached.take() {
        Some((stories, seen)) if seen == version => stories,
        _ => {
            progress.set_message("restoring stories");
            StoryAssigner::restore(store, embedder)?
        }
    };
    let mut search = Search::open(store);
    let started = Instant::now();
    let mut in_batch = 0usize;
    let mut last_commit = Instant::now();
    store.begin()?;
    for msg in rx {
        match msg {
            ToWriter::Article(a) => {
                s.read += 1;
                match store_article(store, &mut stories, *a) {
                    Ok(Outcome::New) => s.new += 1,
                    // One more original replaces one: the count of originals stays, and the
                    // one it replaced is now a copy.
                    Ok(Outcome::Earlier(old)) => {
                        s.copies += 1;
                        search.demoted.push(old);
                    }
                    Ok(Outcome::Copy) => s.copies += 1,
                    Ok(Outcome::Duplicate) => s.duplicates += 1,
                    Err(e) => {
                        s.failed += 1;
                        *s.reasons.entry(format!("store: {e}")).or_default() += 1;
                    }
                }
            }
            ToWriter::Failed(e) => {
                s.read += 1;
                s.failed += 1;
                *s.reasons.entry(reason_of(&e)).or_default() += 1;
                eprintln!("{e}");
                store.insert_error(&e)?;
            }
            ToWriter::Already => {
                s.read += 1;
                s.already += 1;
            }
            ToWriter::Validators(url, v) => {
                store.save_validators(&url, v.etag.as_deref(), v.last_modified.as_deref())?;
            }
        }
        in_batch += 1;
        if in_batch >= BATCH || last_commit.elapsed() >= BATCH_TIME {
            stories.flush(store)?;
            store.commit()?;
            if search.last.elapsed() >= SEARCH_INTERVAL {
                search.catch_up(store);
            }
            store.begin()?;
            in_batch = 0;
            last_commit = Instant::now();
        }
        if s.read % 64 == 0 {
            progress.set_message(progress_line(&s, started));
        }
        if s.read % FEED_EVERY == 0 {
            search.feed(store);
        }
    }
    stories.flush(store)?;
    store.commit()?;
    *cached = Some((stories, store.data_version()?));
    progress.set_message("updating the search index");
    search.catch_up(store);
    Ok(s)
}

/// The search index as ingest updates it: after each commit it takes in what the store gained.
/// Search is secondary: when the index cannot be opened or written the ingest goes on and says
/// how to rebuild it.
struct Search {
    index: Option<parallax_search::SearchIndex>,
    /// When the index last caught up.
    last: Instant,
    /// Originals that became copies since the last catch-up.
    demoted: Vec<String>,
}

impl Search {
    fn open(store: &Store) -> Search {
        let index = match crate::index::open(store.dir()) {
            Ok(i) => Some(i),
            Err(e) => {
                eprintln!(
                    "warning: {e:#}; articles are stored but not searchable until `parallax reindex`"
                );
                None
            }
        };
        Search {
            index,
            last: Instant::now(),
            demoted: Vec::new(),
        }
    }

    /// Hands the articles stored since the last call to the index's own indexing thread, so
    /// that indexing runs beside the workers instead of after them. Nothing is committed here.
    fn feed(&mut self, store: &Store) {
        let Some(index) = self.index.as_mut() else {
            return;
        };
        if let Err(e) = crate::index::feed(store, index, FEED_EVERY as usize * 4) {
            eprintln!(
                "warning: updating the search index failed: {e:#}; run `parallax reindex` after this ingest"
            );
            self.index = None;
        }
    }

    fn catch_up(&mut self, store: &Store) {
        self.last = Instant::now();
        let Some(index) = self.index.as_mut() else {
            return;
        };
        let demoted = std::mem::take(&mut self.demoted);
        let done = crate::index::catch_up(store, index)
            .and_then(|_| crate::index::refresh(store, index, &demoted));
        if let Err(e) = done {
            eprintln!(
                "warning: updating the search index failed: {e:#}; run `parallax reindex` after this ingest"
            );
            self.index = None;
        }
    }
}

fn progress_line(s: &Summary, started: Instant) -> String {
    let rate = s.read as f64 / started.elapsed().as_secs_f64().max(1e-3);
    format!(
        "read {} · new {} · duplicates {} · copies {} · already {} · failed {} · {:.0}/s",
        s.read, s.new, s.duplicates, s.copies, s.already, s.failed, rate
    )
}

/// A short reason for the summary: the stage and the message without record-specific details.
fn reason_of(e: &RecordError) -> String {
    let msg = e.message.split(':').next().unwrap_or(&e.message);
    format!("{}: {}", e.stage, msg.trim())
}

enum Outcome {
    /// A new original.
    New,
    /// A near-duplicate of a stored original.
    Copy,
    /// An earlier report of a stored original (whose key is given), which became its copy.
    Earlier(String),
    /// An exact duplicate, not stored.
    Duplicate,
}

fn store_article(store: &mut Store, stories: &mut StoryAssigner, a: Analyzed) -> Result<Outcome> {
    let prov = a.article.provenance.clone();
    if let Some(u) = &a.url_norm
        && let Some(k) = store.article_by_url(u)?
    {
        store.insert_duplicate(&prov, &k, "same URL")?;
        return Ok(Outcome::Duplicate);
    }
    if !a.article.body.is_empty()
        && let Some(k) = store.article_by_hash(a.content_hash)?
    {
        store.insert_duplicate(&prov, &k, "same text")?;
        return Ok(Outcome::Duplicate);
    }
    let mut copy_of = None;
    if let Some(sig) = &a.signature {
        let keys = sig.band_keys();
        let mut best: Option<(String, f64)> = None;
        for (key, bytes) in store.lsh_candidates(&keys)? {
            if let Some(other) = Signature::from_bytes(&bytes) {
                let sim = sig.similarity(&other);
                if sim >= COPY_THRESHOLD && best.as_ref().is_none_or(|(_, b)| sim > *b) {
                    best = Some((key, sim));
                }
            }
        }
        copy_of = best;
    }
    // The original is the earliest report: when the new article was published before the stored
    // one it resembles, the new one becomes the original and the stored one (with its copies)
    // is re-pointed to it.
    let mut demote = None;
    if let Some((k, sim)) = &copy_of
        && let Some(stored) = store.article(k)?
        && published_before(
            a.article.published.as_deref(),
            stored.article.published.as_deref(),
        )
    {
        demote = Some((k.clone(), *sim));
        copy_of = None;
    }
    let is_copy = copy_of.is_some();
    let key = a.key.clone();
    let analysis = a.analysis;
    let new = NewArticle {
        key: a.key,
        url_norm: a.url_norm,
        content_hash: a.content_hash,
        // Only originals are indexed for near-duplicate search, so a copy always points at an
        // original, never at another copy.
        band_keys: if is_copy {
            Vec::new()
        } else {
            a.signature
                .as_ref()
                .map(|s| s.band_keys())
                .unwrap_or_default()
        },
        signature: a.signature.as_ref().map(Signature::to_bytes),
        copy_similarity: copy_of.as_ref().map(|(_, s)| *s),
        copy_of: copy_of.map(|(k, _)| k),
        article: a.article,
    };
    store.insert_article(&new)?;
    if let Some(json) = &analysis {
        store.insert_analysis(&key, json)?;
    }
    if let Some((old, sim)) = demote {
        store.demote_to_copy(&old, &key, sim)?;
        // The earlier report takes the place of the one it replaces, in that one's story.
        stories.assign(store, &key, &new.article, Some(&old))?;
        return Ok(Outcome::Earlier(old));
    }
    stories.assign(store, &key, &new.article, new.copy_of.as_deref())?;
    Ok(if is_copy { Outcome::Copy } else { Outcome::New })
}

/// Whether date `a` is strictly before date `b` (ISO 8601 dates or date-times); unknown dates are
/// never before anything.
fn published_before(a: Option<&str>, b: Option<&str>) -> bool {
    use chrono::{DateTime, NaiveDate};
    fn instant(s: &str) -> Option<(NaiveDate, Option<DateTime<chrono::FixedOffset>>)> {
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Some((t.date_naive(), Some(t)));
        }
        NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
            .ok()
            .map(|d| (d, None))
    }
    match (a.and_then(instant), b.and_then(instant)) {
        (Some((_, Some(x))), Some((_, Some(y)))) => x < y,
        (Some((x, _)), Some((y, _))) => x < y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{Session, published_before, run};
    use parallax_sources::{Input, ReadOptions};
    use parallax_store::Store;
    use std::path::Path;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    /// Writes a JSONL dump of one dated article and returns it as an input.
    fn dump(dir: &Path, name: &str, title: &str, text: &str) -> Input {
        let path = dir.join(format!("{name}.jsonl"));
        let line = serde_json::json!({
            "id": name, "title": title, "text": text, "published": "2024-04-21T10:00:00Z",
            "lang": "en", "url": format!("https://news.example/{name}"),
        });
        std::fs::write(&path, format!("{line}\n")).expect("writing the dump");
        Input::parse(&path.to_string_lossy())
    }

    fn story_of(data: &Path, key_prefix: &str) -> u64 {
        let store = Store::open_read_only(data).expect("store");
        let key = store
            .list(&Default::default())
            .expect("list")
            .into_iter()
            .find(|a| a.id == key_prefix)
            .expect("article stored")
            .key;
        store.story_of(&key).expect("story").expect("assigned")
    }

    #[test]
    fn a_session_sees_stories_written_by_another_writer_between_runs() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path().join("store");
        let no_stop = || Arc::new(AtomicBool::new(false));
        let opts = ReadOptions::default;
        let mut session = Session::open(&data, None).expect("session");
        let fire = dump(
            tmp.path(),
            "fire",
            "Warehouse fire in Kalmsund harbour",
            "A fire destroyed a warehouse in Kalmsund harbour on Sunday. Firefighters from three \
             towns fought the blaze for six hours. Nobody was hurt, the fire brigade said.",
        );
        session
            .run(vec![fire], opts(), 1, no_stop())
            .expect("first run");
        // Another writer (another process in real life) opens a story meanwhile.
        let budget = dump(
            tmp.path(),
            "budget",
            "Parliament passes the Nordland budget",
            "The regional parliament of Nordland passed next year's budget on Tuesday after a \
             long debate about school funding and the new ferry line to the islands.",
        );
        run(&data, vec![budget], opts(), 1, no_stop(), None).expect("other writer");
        let chess = dump(
            tmp.path(),
            "chess",
            "Teenager wins the Oslo chess open",
            "A sixteen-year-old from Bergen won the Oslo chess open on Saturday, beating two \
             grandmasters in the final rounds of the nine-round tournament.",
        );
        session
            .run(vec![chess], opts(), 1, no_stop())
            .expect("second run");
        let ids = [
            story_of(&data, "fire"),
            story_of(&data, "budget"),
            story_of(&data, "chess"),
        ];
        assert!(
            ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2],
            "three unrelated articles, three stories: {ids:?}"
        );
    }

    #[test]
    fn earlier_dates() {
        assert!(published_before(
            Some("2024-04-21"),
            Some("2024-04-22T08:00:00+02:00")
        ));
        assert!(published_before(
            Some("2024-04-21T08:00:00+02:00"),
            Some("2024-04-21T08:00:00+00:00")
        ));
        assert!(!published_before(
            Some("2024-04-21"),
            Some("2024-04-21T23:00:00+00:00")
        ));
        assert!(!published_before(None, Some("2024-04-21")));
        assert!(!published_before(Some("2024-04-21"), None));
        assert!(!published_before(Some("garbage"), Some("2024-04-21")));
    }
}
