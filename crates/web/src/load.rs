//! Loading what the pages show from the store and the search index: story pages, articles with
//! their analyses, and what is known about one entity across stories.
//!
//! Everything here is blocking (SQLite and tantivy); the server runs it on blocking worker
//! threads. Every loop is capped, so a huge story or a very common entity costs a bounded amount
//! of work.

use crate::error::WebError;
use parallax_analysis::{Analysis, EntityKind, QuoteKind};
use parallax_search::{SearchIndex, SearchQuery};
use parallax_store::{ArticleFilter, ArticleSummary, Store, StoredArticle};
use parallax_story::{AssembleOptions, RelatedCandidate, StoryArticle, StoryPage};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The directory of the search index inside the data directory.
pub const SEARCH_DIR: &str = "search";

/// Most articles of one story read to assemble its page (originals first, then copies).
pub const MAX_STORY_ARTICLES: usize = 400;

/// Most candidate related stories handed to assembly.
const MAX_RELATED_CANDIDATES: usize = 50;

/// How many of a story's entities are looked up in the index to find related stories.
const RELATED_ENTITIES: usize = 8;

/// Most index hits read per entity when looking for related stories.
const HITS_PER_ENTITY: usize = 40;

/// Most articles read for an entity page.
const MAX_ENTITY_ARTICLES: usize = 100;

/// Articles scanned for an entity page when there is no search index.
const ENTITY_SCAN_WITHOUT_INDEX: usize = 300;

/// Most quotes by and about an entity listed.
const MAX_ENTITY_QUOTES: usize = 50;

/// Opens the search index of the data directory `data_dir` for reading, or `None` when there is
/// none.
pub fn open_search(data_dir: &Path) -> Result<Option<SearchIndex>, WebError> {
    let dir = data_dir.join(SEARCH_DIR);
    match SearchIndex::open_read_only(&dir) {
        Ok(ix) => Ok(Some(ix)),
        Err(parallax_search::SearchError::Missing { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Loads story `id` from the store and assembles its page; `None` when no story has this id.
///
/// An id of a story that was merged into another gives the merged story (its page carries the
/// id it has now). Related stories are found through the search index in the store's data
/// directory when there is one (and left empty when there is none). Stories of more than
/// [`MAX_STORY_ARTICLES`] articles are assembled from that many (originals first).
pub fn load_story(
    store: &Store,
    id: u64,
    opts: &AssembleOptions,
) -> Result<Option<StoryPage>, WebError> {
    // A missing or unreadable index only costs the related stories.
    let index = open_search(store.dir()).ok().flatten();
    load_story_with(store, index.as_ref(), id, opts)
}

/// Like [`load_story`], with an already open search index (or none).
pub fn load_story_with(
    store: &Store,
    index: Option<&SearchIndex>,
    id: u64,
    opts: &AssembleOptions,
) -> Result<Option<StoryPage>, WebError> {
    let Some(summary) = store.story(id)? else {
        return Ok(None);
    };
    let real = summary.id;
    let mut members = store.story_members_detailed(real)?;
    if members.len() > MAX_STORY_ARTICLES {
        // Keep the order (earliest first) but prefer originals.
        let originals = members.iter().filter(|m| m.copy_of.is_none()).count();
        let mut copies_left = MAX_STORY_ARTICLES.saturating_sub(originals);
        let mut kept = 0usize;
        members.retain(|m| {
            let keep = kept < MAX_STORY_ARTICLES
                && (m.copy_of.is_none() || {
                    let k = copies_left > 0;
                    copies_left = copies_left.saturating_sub(1);
                    k
                });
            kept += usize::from(keep);
            keep
        });
    }
    let mut articles = Vec::with_capacity(members.len());
    for m in &members {
        if let Some(stored) = store.article(&m.key)? {
            // An analysis that does not decode is recomputed by assembly.
            let analysis = store
                .analysis(&m.key)?
                .and_then(|json| serde_json::from_str::<Analysis>(&json).ok());
            articles.push(StoryArticle {
                key: stored.key,
                article: stored.article,
                copy_of: stored.copy_of,
                analysis,
            });
        }
    }
    let related = match index {
        Some(ix) => related_candidates(store, ix, real, &articles)?,
        None => Vec::new(),
    };
    Ok(Some(parallax_story::assemble(
        real, &articles, &related, opts,
    )))
}

/// The story's most widespread entities (in the most articles, then most mentions).
fn top_entities(articles: &[StoryArticle], n: usize) -> Vec<String> {
    let mut counts: HashMap<String, (usize, usize, String)> = HashMap::new();
    for a in articles {
        let Some(an) = &a.analysis else { continue };
        let mut seen = HashSet::new();
        for e in &an.entities {
            if e.kind == EntityKind::Other {
                continue;
            }
            let folded = e.name.to_lowercase();
            let c = counts
                .entry(folded.clone())
                .or_insert((0, 0, e.name.clone()));
            if seen.insert(folded) {
                c.0 += 1;
            }
            c.1 += e.mentions.len();
        }
    }
    let mut all: Vec<(usize, usize, String)> = counts.into_values().collect();
    all.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    all.into_iter().take(n).map(|(_, _, name)| name).collect()
}

/// Other stories sharing one of the story's main entities, found through the index's entity
/// field (newest articles first), at most [`MAX_RELATED_CANDIDATES`].
fn related_candidates(
    store: &Store,
    index: &SearchIndex,
    id: u64,
    articles: &[StoryArticle],
) -> Result<Vec<RelatedCandidate>, WebError> {
    let mut shared: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let mut order: Vec<u64> = Vec::new();
    let mut story_of_key: HashMap<String, Option<u64>> = HashMap::new();
    for name in top_entities(articles, RELATED_ENTITIES) {
        let query = SearchQuery {
            entity: Some(name.clone()),
            limit: HITS_PER_ENTITY,
            ..SearchQuery::default()
        };
        // The index is a helper here: a failing search only costs related stories.
        let Ok(results) = index.search(&query) else {
            continue;
        };
        for hit in results.hits {
            let sid = match story_of_key.get(&hit.key) {
                Some(s) => *s,
                None => {
                    let s = store.story_of(&hit.key)?;
                    story_of_key.insert(hit.key.clone(), s);
                    s
                }
            };
            let Some(sid) = sid.filter(|&s| s != id) else {
                continue;
            };
            let names = shared.entry(sid).or_default();
            if names.is_empty() {
                if order.len() >= MAX_RELATED_CANDIDATES {
                    shared.remove(&sid);
                    continue;
                }
                order.push(sid);
            }
            if !names.contains(&name) {
                names.push(name.clone());
            }
        }
    }
    let mut out = Vec::with_capacity(order.len());
    for sid in order {
        let Some(summary) = store.story(sid)? else {
            continue;
        };
        if summary.id == id {
            continue;
        }
        out.push(RelatedCandidate {
            id: summary.id,
            headline: summary
                .headline
                .unwrap_or_else(|| format!("Story {}", summary.id)),
            entities: shared.remove(&sid).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// One article with everything the article page shows.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleInfo {
    /// The stored article.
    pub article: StoredArticle,
    /// Its analysis, when stored.
    pub analysis: Option<Analysis>,
    /// The story it belongs to.
    pub story: Option<u64>,
    /// Its stored copies.
    pub copies: Vec<ArticleSummary>,
}

/// The article with this key (or input id, or URL), or `None`.
pub(crate) fn load_article(store: &Store, key: &str) -> Result<Option<ArticleInfo>, WebError> {
    let Some(article) = store.article(key)? else {
        return Ok(None);
    };
    let analysis = store
        .analysis(&article.key)?
        .and_then(|json| serde_json::from_str::<Analysis>(&json).ok());
    let story = store.story_of(&article.key)?;
    let copies = store.copies_of(&article.key)?;
    Ok(Some(ArticleInfo {
        article,
        analysis,
        story,
        copies,
    }))
}

/// A story that mentions an entity.
#[derive(Debug, Serialize)]
pub(crate) struct EntityStory {
    /// The story id.
    pub id: u64,
    /// Its headline.
    pub headline: Option<String>,
    /// Its first report.
    pub first_published: Option<String>,
    /// Its latest report.
    pub last_published: Option<String>,
    /// Its articles, all of them.
    pub articles: u64,
    /// Of the articles read for this page, how many mention the entity.
    pub mentioning: usize,
}

/// A quote by or about an entity.
#[derive(Debug, Serialize)]
pub(crate) struct EntityQuote {
    /// The quoted or reported content, segments joined with " … ".
    pub text: String,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// The speaker, as resolved or as written.
    pub speaker: Option<String>,
    /// Store key of the article.
    pub article: String,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's language.
    pub language: Option<String>,
    /// The article's publication time.
    pub published: Option<String>,
    /// The article's story.
    pub story: Option<u64>,
}

/// What is known about one entity across the stored articles.
#[derive(Debug, Serialize)]
pub(crate) struct EntityInfo {
    /// The name asked for.
    pub name: String,
    /// The kind most analyses give it.
    #[serde(rename = "type")]
    pub kind: Option<EntityKind>,
    /// Other names it goes by in the articles read (any language).
    pub aliases: Vec<String>,
    /// Articles read that mention it.
    pub articles: usize,
    /// Stories mentioning it, earliest first.
    pub stories: Vec<EntityStory>,
    /// Its own statements.
    pub quotes_by: Vec<EntityQuote>,
    /// Statements of others that name it.
    pub quotes_about: Vec<EntityQuote>,
    /// How the articles were found: `"search index"`, or `"recent articles"` when there is no
    /// index (then only the most recent articles are read).
    pub searched: &'static str,
    /// Whether some matching articles were left unread (the page is capped).
    pub truncated: bool,
}

/// The text of character spans of `text`, joined with " … ".
fn spans_text(text: &str, spans: &[[usize; 2]]) -> String {
    let mut wanted: Vec<usize> = spans.iter().flat_map(|s| [s[0], s[1]]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut byte_at: HashMap<usize, usize> = HashMap::with_capacity(wanted.len());
    let mut w = wanted.iter().peekable();
    for (ci, (bi, _)) in text.char_indices().enumerate() {
        while let Some(&&c) = w.peek() {
            if c < ci {
                w.next();
            } else {
                break;
            }
        }
        match w.peek() {
            Some(&&c) if c == ci => {
                byte_at.insert(ci, bi);
                w.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    let chars = text.chars().count();
    let byte = |c: usize| {
        if c == chars {
            Some(text.len())
        } else {
            byte_at.get(&c).copied()
        }
    };
    spans
        .iter()
        .filter_map(|s| text.get(byte(s[0])?..byte(s[1])?))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" … ")
}

/// The content of a quote, from the body text its offsets point into.
pub(crate) fn quote_text(body: &str, q: &parallax_analysis::Quote) -> String {
    spans_text(body, &q.content_segments)
}

/// What the articles say about the entity `name`: its aliases, the stories it appears in over
/// time, and quotes by and about it. Articles come from the index's entity field when there is
/// an index (at most [`MAX_ENTITY_ARTICLES`]), else from the most recent stored articles.
pub(crate) fn load_entity(
    store: &Store,
    index: Option<&SearchIndex>,
    name: &str,
) -> Result<EntityInfo, WebError> {
    let (keys, searched, truncated): (Vec<String>, &'static str, bool) = match index {
        Some(ix) => {
            let results = ix.search(&SearchQuery {
                entity: Some(name.to_string()),
                copies: false,
                limit: MAX_ENTITY_ARTICLES,
                ..SearchQuery::default()
            })?;
            let truncated = results.total > results.hits.len();
            (
                results.hits.into_iter().map(|h| h.key).collect(),
                "search index",
                truncated,
            )
        }
        None => {
            let recent = store.list(&ArticleFilter {
                limit: ENTITY_SCAN_WITHOUT_INDEX,
                ..ArticleFilter::default()
            })?;
            let truncated = recent.len() >= ENTITY_SCAN_WITHOUT_INDEX;
            (
                recent.into_iter().map(|a| a.key).collect(),
                "recent articles",
                truncated,
            )
        }
    };
    let folded = name.to_lowercase();
    let mut aliases: Vec<String> = Vec::new();
    let mut kinds: HashMap<EntityKind, usize> = HashMap::new();
    let mut stories: BTreeMap<u64, usize> = BTreeMap::new();
    let mut quotes_by = Vec::new();
    let mut quotes_about = Vec::new();
    let mut articles = 0usize;
    for key in keys {
        let Some(json) = store.analysis(&key)? else {
            continue;
        };
        let Ok(analysis) = serde_json::from_str::<Analysis>(&json) else {
            continue;
        };
        let matching: Vec<_> = analysis
            .entities
            .iter()
            .filter(|e| {
                e.name.to_lowercase() == folded
                    || e.aliases.iter().any(|a| a.to_lowercase() == folded)
            })
            .collect();
        // Through the index, the gazetteer may have matched a name in another language that
        // the analysis spells differently: keep the article, with the name asked for.
        if matching.is_empty() && index.is_none() {
            continue;
        }
        let Some(stored) = store.article(&key)? else {
            continue;
        };
        articles += 1;
        let mut forms: Vec<String> = vec![name.to_string()];
        for e in &matching {
            *kinds.entry(e.kind).or_default() += 1;
            for f in std::iter::once(&e.name).chain(&e.aliases) {
                if !forms.iter().any(|x| x.to_lowercase() == f.to_lowercase()) {
                    forms.push(f.clone());
                }
            }
        }
        for f in &forms[1..] {
            if f.to_lowercase() != folded
                && !aliases
                    .iter()
                    .any(|a: &String| a.to_lowercase() == f.to_lowercase())
            {
                aliases.push(f.clone());
            }
        }
        let story = store.story_of(&stored.key)?;
        if let Some(s) = story {
            *stories.entry(s).or_default() += 1;
        }
        let forms_folded: Vec<String> = forms.iter().map(|f| f.to_lowercase()).collect();
        let body = stored.article.body_text();
        for q in &analysis.quotes {
            let by = q
                .speaker_name
                .as_deref()
                .or(q.source_text.as_deref())
                .is_some_and(|s| forms_folded.contains(&s.to_lowercase()));
            if by && quotes_by.len() >= MAX_ENTITY_QUOTES {
                continue;
            }
            if !by && quotes_about.len() >= MAX_ENTITY_QUOTES {
                continue;
            }
            let text = spans_text(&body, &q.content_segments);
            if text.is_empty() {
                continue;
            }
            let about = !by && {
                let t = text.to_lowercase();
                forms_folded
                    .iter()
                    .any(|f| f.chars().count() >= 3 && t.contains(f))
            };
            if !by && !about {
                continue;
            }
            let quote = EntityQuote {
                text,
                kind: q.kind,
                speaker: q.speaker_name.clone().or_else(|| q.source_text.clone()),
                article: stored.key.clone(),
                outlet: stored.article.site.clone(),
                language: stored.article.language.clone(),
                published: stored.article.published.clone(),
                story,
            };
            if by {
                quotes_by.push(quote);
            } else {
                quotes_about.push(quote);
            }
        }
    }
    let mut story_list = Vec::with_capacity(stories.len());
    for (id, mentioning) in stories {
        if let Some(s) = store.story(id)? {
            story_list.push(EntityStory {
                id: s.id,
                headline: s.headline,
                first_published: s.first_published,
                last_published: s.last_published,
                articles: s.articles,
                mentioning,
            });
        }
    }
    story_list.sort_by(|a, b| {
        (a.first_published.is_none(), &a.first_published, a.id).cmp(&(
            b.first_published.is_none(),
            &b.first_published,
            b.id,
        ))
    });
    let by_time = |q: &EntityQuote| (q.published.is_none(), q.published.clone());
    quotes_by.sort_by_key(by_time);
    quotes_about.sort_by_key(by_time);
    let kind = kinds
        .into_iter()
        .max_by_key(|&(k, n)| (n, k as u8))
        .map(|(k, _)| k);
    Ok(EntityInfo {
        name: name.to_string(),
        kind,
        aliases,
        articles,
        stories: story_list,
        quotes_by,
        quotes_about,
        searched,
        truncated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_characters() {
        let t = "Åsa said “bra” and left.";
        assert_eq!(spans_text(t, &[[10, 13]]), "bra");
        assert_eq!(spans_text(t, &[[0, 3], [19, 24]]), "Åsa … left.");
        // Spans past the end or reversed yield nothing rather than a panic.
        assert_eq!(spans_text(t, &[[20, 999]]), "");
        assert_eq!(spans_text(t, &[[5, 2]]), "");
    }
}
