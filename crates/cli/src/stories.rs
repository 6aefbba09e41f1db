//! Story assignment during ingest: the online clusterer between the writer and the store.
//!
//! The clusterer lives in memory; the store keeps its decisions (article → story, merges). At the
//! start of an ingest the clusterer is rebuilt from the most recent stored assignments, so story
//! ids stay stable across runs and new articles can join stories of earlier runs. Copies and
//! reprints join their original's story without being clustered: they add no independent
//! evidence.
//!
//! With word vectors (`--embeddings DIR`, loaded by the caller) articles also carry document
//! vectors; restored articles get theirs again from their stored text, so nothing about vectors
//! is stored.

use crate::cluster_cmd::{parse_date, vector_of};
use anyhow::Result;
use parallax_cluster::{DocInput, OnlineClusterer};
use parallax_core::Article;
use parallax_embed::StaticEmbedder;
use parallax_store::Store;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Recent originals replayed into the clusterer before an ingest.
const RESTORE: usize = 20_000;

/// Articles without a story assigned per round before an ingest reads new input.
const BACKFILL_ROUND: usize = 5_000;

/// Assigns stories to stored articles and keeps the touched stories' figures up to date.
pub struct StoryAssigner {
    clusterer: OnlineClusterer,
    dirty: BTreeSet<u64>,
    embedder: Option<Arc<StaticEmbedder>>,
}

fn doc_input(a: &Article) -> (Option<i64>, String) {
    let time = a.published.as_deref().and_then(parse_date);
    (time, a.body_text())
}

/// An article's document vector, when word vectors are in use and know enough of its words.
fn vector(embedder: Option<&StaticEmbedder>, a: &Article, text: &str) -> Option<Vec<f32>> {
    vector_of(
        embedder?,
        a.language.as_deref(),
        a.title.as_deref(),
        Some(text),
    )
}

impl StoryAssigner {
    /// Rebuilds the clusterer from the store's recent assignments, then gives a story to every
    /// stored article that has none (in publication order). `embedder` gives document vectors
    /// when word vectors are in use.
    pub fn restore(
        store: &mut Store,
        embedder: Option<Arc<StaticEmbedder>>,
    ) -> Result<StoryAssigner> {
        let mut clusterer = OnlineClusterer::default();
        if let Some(max) = store.max_story_id()? {
            clusterer.reserve_ids(max + 1);
        }
        for (stored, story) in store.recent_story_articles(RESTORE)? {
            let (time, text) = doc_input(&stored.article);
            let v = vector(embedder.as_deref(), &stored.article, &text);
            clusterer.restore_with_vector(
                &DocInput {
                    title: stored.article.title.as_deref(),
                    text: Some(&text),
                    time,
                },
                v.as_deref(),
                story,
            );
        }
        let mut me = StoryAssigner {
            clusterer,
            dirty: BTreeSet::new(),
            embedder,
        };
        loop {
            let pending = store.articles_without_story(BACKFILL_ROUND)?;
            if pending.is_empty() {
                break;
            }
            store.begin()?;
            for a in &pending {
                me.assign(store, &a.key, &a.article, a.copy_of.as_deref())?;
            }
            me.flush(store)?;
            store.commit()?;
        }
        Ok(me)
    }

    /// Gives article `key` (just stored) its story: its original's when it is a copy, else the
    /// clusterer's choice, merging stories the article shows to be one.
    pub fn assign(
        &mut self,
        store: &mut Store,
        key: &str,
        article: &Article,
        copy_of: Option<&str>,
    ) -> Result<u64> {
        if let Some(original) = copy_of
            && let Some(story) = store.story_of(original)?
        {
            store.assign_story(key, story)?;
            self.dirty.insert(story);
            return Ok(story);
        }
        let (time, text) = doc_input(article);
        let v = vector(self.embedder.as_deref(), article, &text);
        let a = self.clusterer.add_with_vector(
            &DocInput {
                title: article.title.as_deref(),
                text: Some(&text),
                time,
            },
            v.as_deref(),
        );
        for &gone in &a.merged {
            store.merge_stories(gone, a.story)?;
            self.dirty.remove(&gone);
        }
        store.assign_story(key, a.story)?;
        self.dirty.insert(a.story);
        Ok(a.story)
    }

    /// Recomputes the figures of every story changed since the last flush; call it before each
    /// commit.
    pub fn flush(&mut self, store: &mut Store) -> Result<()> {
        let ids: Vec<u64> = std::mem::take(&mut self.dirty).into_iter().collect();
        store.refresh_stories(&ids)?;
        Ok(())
    }
}
