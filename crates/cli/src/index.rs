//! Keeps the search index in step with the store.
//!
//! The index is a secondary copy: the store is the truth. The index remembers the highest
//! article insertion number it holds, so after a crash (or when the index is deleted) the next
//! ingest or `parallax reindex` adds whatever the store has beyond it.

use anyhow::{Context, Result};
use parallax_search::{IndexDoc, SearchIndex};
use parallax_store::{Store, StoredArticle};
use std::path::{Path, PathBuf};

/// Articles read from the store per round of catching up.
const ROUND: usize = 2_000;

/// Characters of a copy's body that are indexed.
const COPY_BODY_CHARS: usize = 400;

/// The search index directory inside a data directory.
pub fn index_dir(data: &Path) -> PathBuf {
    data.join("search")
}

/// Opens (creating when missing) the search index of the data directory `data`.
pub fn open(data: &Path) -> Result<SearchIndex> {
    let dir = index_dir(data);
    SearchIndex::open(&dir)
        .with_context(|| format!("opening the search index in {}", dir.display()))
}

/// The part of a stored analysis ([`parallax_analysis::Analysis`]) the index reads: the names
/// of its entities. Quotes, figures and mentions are skipped by the parser without being built,
/// which halves the cost of reading an analysis for the index.
#[derive(serde::Deserialize)]
struct EntityNames {
    #[serde(default)]
    entities: Vec<EntityName>,
}

/// One entity's names in a stored analysis.
#[derive(serde::Deserialize)]
struct EntityName {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

/// The index document of a stored article: text, metadata and entity names (canonical names
/// and aliases from its stored analysis). Copies are indexed with the opening of their text
/// only.
pub fn index_doc(store: &Store, seq: i64, a: &StoredArticle) -> Result<IndexDoc> {
    let mut entities = Vec::new();
    if let Some(json) = store.analysis(&a.key)?
        && let Ok(names) = serde_json::from_str::<EntityNames>(&json)
    {
        for e in names.entities {
            entities.push(e.name);
            entities.extend(e.aliases);
        }
    }
    let art = &a.article;
    let mut body = art.body_text();
    if a.copy_of.is_some() {
        // A copy's text is its original's: index only its opening (for its snippet), so that
        // wire stories reprinted on many sites do not multiply the indexing work.
        let cut = body
            .char_indices()
            .nth(COPY_BODY_CHARS)
            .map_or(body.len(), |(i, _)| i);
        body.truncate(cut);
    }
    Ok(IndexDoc {
        key: a.key.clone(),
        seq,
        title: art.title.clone(),
        body,
        language: art.language.clone(),
        site: art.site.clone(),
        url: art.url.clone().or_else(|| art.canonical_url.clone()),
        published: art.published.clone(),
        is_copy: a.copy_of.is_some(),
        entities,
    })
}

/// Adds every stored article the index does not hold yet, committing after each round; returns
/// how many were added.
pub fn catch_up(store: &Store, index: &mut SearchIndex) -> Result<u64> {
    let mut added = 0u64;
    loop {
        let n = feed(store, index, ROUND)?;
        added += n;
        if index.pending_seq() > index.last_seq() {
            index.commit()?;
        }
        if n == 0 {
            return Ok(added);
        }
    }
}

/// Adds up to `limit` stored articles beyond those already added (committed or not), without
/// committing; returns how many were added. The writer of an ingest calls this as it stores
/// articles (its own connection sees its open transaction), so tantivy indexes them in its own
/// thread while the workers extract the next ones; it commits the index only after the store
/// committed, so the index never holds an article the store lost.
pub fn feed(store: &Store, index: &mut SearchIndex, limit: usize) -> Result<u64> {
    let batch = store.articles_after(index.pending_seq(), limit)?;
    for (seq, a) in &batch {
        index.add(&index_doc(store, *seq, a)?)?;
    }
    Ok(batch.len() as u64)
}

/// Indexes again the stored articles with these keys (their copy status changed).
pub fn refresh(store: &Store, index: &mut SearchIndex, keys: &[String]) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    for key in keys {
        if let Some((seq, a)) = store.article_with_seq(key)? {
            index.add(&index_doc(store, seq, &a)?)?;
        }
    }
    index.commit()?;
    Ok(())
}
