//! Stories: which story each article belongs to, and the figures of each story.
//!
//! The clusterer decides; the store remembers. [`Store::assign_story`] records an article's
//! story, [`Store::merge_stories`] folds one story into another (the old id keeps leading to the
//! merged story), and [`Store::refresh_stories`] recomputes a story's headline, counts, languages
//! and time span from its articles; the writer calls it once per batch for the stories it
//! touched.

use crate::types::{StoryFilter, StoryMember, StorySummary};
use crate::{Store, StoreError};
use rusqlite::{OptionalExtension, params};

/// Longest chain of merges followed when resolving a story id (merges always point from a
/// younger to an older story, so chains are short; this only guards against a damaged file).
const MAX_MERGE_HOPS: usize = 64;

/// The columns [`summary_from_row`] reads, in order.
const STORY_COLUMNS: &str =
    "id, headline, articles, independent, languages, first_published, last_published, updated_at";

fn summary_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StorySummary> {
    let id: i64 = r.get(0)?;
    let languages: String = r.get(4)?;
    Ok(StorySummary {
        id: id as u64,
        headline: r.get(1)?,
        articles: r.get::<_, i64>(2)?.max(0) as u64,
        independent: r.get::<_, i64>(3)?.max(0) as u64,
        languages: languages
            .split(',')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        first_published: r.get(5)?,
        last_published: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

/// A row count for SQL.
fn sql_count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn id_to_sql(id: u64) -> i64 {
    i64::try_from(id).unwrap_or(i64::MAX)
}

impl Store {
    /// Records that article `key` belongs to story `story` (creating the story row when it is
    /// new), replacing any earlier assignment of the article. The story's figures are updated by
    /// [`Store::refresh_stories`].
    pub fn assign_story(&mut self, key: &str, story: u64) -> Result<(), StoreError> {
        let id = id_to_sql(story);
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO stories (id) VALUES (?1)")
            .and_then(|mut s| s.execute([id]))
            .map_err(self.err("creating a story"))?;
        let changed = self
            .conn
            .prepare_cached(
                "INSERT INTO story_articles (article_key, story) VALUES (?1, ?2) \
                 ON CONFLICT (article_key) DO UPDATE SET story = excluded.story",
            )
            .and_then(|mut s| s.execute(params![key, id]));
        match changed {
            Ok(_) => Ok(()),
            Err(e) if crate::is_foreign_key_violation(&e) => Err(StoreError::UnknownArticle {
                what: format!("story {story}"),
                key: key.to_string(),
            }),
            Err(e) => Err(crate::map_err(&self.dir, "assigning a story", e)),
        }
    }

    /// Moves every article of story `from` into story `into` and marks `from` as merged into it:
    /// [`Store::story`] and [`Store::resolve_story`] of `from` then give `into`. Stories merged
    /// earlier into `from` follow.
    pub fn merge_stories(&mut self, from: u64, into: u64) -> Result<(), StoreError> {
        let into = self.resolve_story(into)?.unwrap_or(into);
        if from == into {
            return Ok(());
        }
        let (from_sql, into_sql) = (id_to_sql(from), id_to_sql(into));
        let err = |e| crate::map_err(&self.dir, "merging stories", e);
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO stories (id) VALUES (?1)")
            .and_then(|mut s| s.execute([into_sql]))
            .map_err(err)?;
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO stories (id) VALUES (?1)")
            .and_then(|mut s| s.execute([from_sql]))
            .map_err(err)?;
        self.conn
            .prepare_cached("UPDATE story_articles SET story = ?2 WHERE story = ?1")
            .and_then(|mut s| s.execute([from_sql, into_sql]))
            .map_err(err)?;
        self.conn
            .prepare_cached("UPDATE stories SET merged_into = ?2 WHERE merged_into = ?1")
            .and_then(|mut s| s.execute([from_sql, into_sql]))
            .map_err(err)?;
        self.conn
            .prepare_cached(
                "UPDATE stories SET merged_into = ?2, articles = 0, independent = 0, \
                 updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            )
            .and_then(|mut s| s.execute([from_sql, into_sql]))
            .map_err(err)?;
        Ok(())
    }

    /// Recomputes the headline, article counts, languages and time span of each story from its
    /// articles. The headline is the title of the earliest independent article (earliest
    /// published, then first stored).
    pub fn refresh_stories(&mut self, ids: &[u64]) -> Result<(), StoreError> {
        for &id in ids {
            let id = id_to_sql(id);
            let err = |e| crate::map_err(&self.dir, "refreshing a story", e);
            let (articles, independent, first, last): (i64, i64, Option<String>, Option<String>) =
                self.conn
                    .prepare_cached(
                        "SELECT count(*), count(*) FILTER (WHERE a.copy_of IS NULL), \
                         min(a.published), max(a.published) \
                         FROM story_articles s JOIN articles a ON a.key = s.article_key \
                         WHERE s.story = ?1",
                    )
                    .and_then(|mut s| {
                        s.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                    })
                    .map_err(err)?;
            let headline: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT a.title FROM story_articles s JOIN articles a ON a.key = s.article_key \
                     WHERE s.story = ?1 AND a.title IS NOT NULL AND a.title <> '' \
                     ORDER BY a.copy_of IS NOT NULL, a.published IS NULL, a.published, a.seq \
                     LIMIT 1",
                )
                .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
                .map_err(err)?;
            let languages: Vec<String> = {
                let mut stmt = self
                    .conn
                    .prepare_cached(
                        "SELECT a.language FROM story_articles s \
                         JOIN articles a ON a.key = s.article_key \
                         WHERE s.story = ?1 AND a.language IS NOT NULL \
                         GROUP BY a.language ORDER BY count(*) DESC, a.language",
                    )
                    .map_err(err)?;
                let rows = stmt.query_map([id], |r| r.get(0)).map_err(err)?;
                rows.collect::<Result<_, _>>().map_err(err)?
            };
            self.conn
                .prepare_cached(
                    "UPDATE stories SET headline = ?2, articles = ?3, independent = ?4, \
                     languages = ?5, first_published = ?6, last_published = ?7, \
                     updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
                )
                .and_then(|mut s| {
                    s.execute(params![
                        id,
                        headline,
                        articles,
                        independent,
                        languages.join(","),
                        first,
                        last
                    ])
                })
                .map_err(err)?;
        }
        Ok(())
    }

    /// The story `id` stands for now: itself, or the story it was merged into; `None` when no
    /// story has this id.
    pub fn resolve_story(&self, id: u64) -> Result<Option<u64>, StoreError> {
        let mut current = id_to_sql(id);
        for _ in 0..MAX_MERGE_HOPS {
            let row: Option<Option<i64>> = self
                .conn
                .prepare_cached("SELECT merged_into FROM stories WHERE id = ?1")
                .and_then(|mut s| s.query_row([current], |r| r.get(0)).optional())
                .map_err(self.err("resolving a story id"))?;
            match row {
                None => return Ok(None),
                Some(None) => return Ok(Some(current as u64)),
                Some(Some(next)) => current = next,
            }
        }
        Ok(Some(current as u64))
    }

    /// The story with this id (following merges), or `None`.
    pub fn story(&self, id: u64) -> Result<Option<StorySummary>, StoreError> {
        let Some(id) = self.resolve_story(id)? else {
            return Ok(None);
        };
        let sql = format!("SELECT {STORY_COLUMNS} FROM stories WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row([id_to_sql(id)], summary_from_row).optional())
            .map_err(self.err("reading a story"))
    }

    /// The story article `key` belongs to (after merges), or `None` when it has none yet.
    pub fn story_of(&self, key: &str) -> Result<Option<u64>, StoreError> {
        let id: Option<i64> = self
            .conn
            .prepare_cached("SELECT story FROM story_articles WHERE article_key = ?1")
            .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
            .map_err(self.err("looking up an article's story"))?;
        match id {
            Some(id) => self.resolve_story(id as u64),
            None => Ok(None),
        }
    }

    /// The article keys of story `id` (following merges), originals and copies, earliest
    /// published first (undated last, then in the order they were stored).
    pub fn story_members(&self, id: u64) -> Result<Vec<String>, StoreError> {
        Ok(self
            .story_members_detailed(id)?
            .into_iter()
            .map(|m| m.key)
            .collect())
    }

    /// Like [`Store::story_members`], with each article's copy link and insertion number.
    pub fn story_members_detailed(&self, id: u64) -> Result<Vec<StoryMember>, StoreError> {
        let Some(id) = self.resolve_story(id)? else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.key, a.copy_of, a.seq FROM story_articles s \
                 JOIN articles a ON a.key = s.article_key WHERE s.story = ?1 \
                 ORDER BY a.published IS NULL, a.published, a.seq",
            )
            .map_err(self.err("listing a story's articles"))?;
        let rows = stmt
            .query_map([id_to_sql(id)], |r| {
                Ok(StoryMember {
                    key: r.get(0)?,
                    copy_of: r.get(1)?,
                    seq: r.get(2)?,
                })
            })
            .map_err(self.err("listing a story's articles"))?;
        rows.collect::<Result<_, _>>()
            .map_err(self.err("listing a story's articles"))
    }

    /// Stories matching the filter (merged-away stories never), latest report first (stories
    /// without dates last, then most recently updated first).
    pub fn stories(&self, f: &StoryFilter) -> Result<Vec<StorySummary>, StoreError> {
        let mut sql = format!(
            "SELECT {STORY_COLUMNS} FROM stories WHERE merged_into IS NULL AND articles > 0"
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        let mut arg = |sql: &mut String, clause: &str, v: rusqlite::types::Value| {
            args.push(v);
            sql.push_str(&clause.replace('?', &format!("?{}", args.len())));
        };
        use rusqlite::types::Value;
        if let Some(lang) = &f.language {
            // Languages are stored comma-separated: match a whole code.
            arg(
                &mut sql,
                " AND instr(',' || languages || ',', ',' || lower(?) || ',') > 0",
                Value::Text(lang.clone()),
            );
        }
        if let Some(since) = &f.since {
            arg(
                &mut sql,
                " AND last_published >= ?",
                Value::Text(since.clone()),
            );
        }
        if let Some(until) = &f.until {
            let clause = format!(
                " AND substr(first_published, 1, {}) <= ?",
                until.chars().count()
            );
            arg(&mut sql, &clause, Value::Text(until.clone()));
        }
        if f.min_sources > 0 {
            arg(
                &mut sql,
                " AND independent >= ?",
                Value::Integer(id_to_sql(f.min_sources)),
            );
        }
        let limit = crate::sql_limit(f.limit);
        let offset = i64::try_from(f.offset).unwrap_or(i64::MAX);
        sql.push_str(&format!(
            " ORDER BY last_published IS NULL, last_published DESC, updated_at DESC, id DESC \
             LIMIT {limit} OFFSET {offset}"
        ));
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(self.err("listing stories"))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), summary_from_row)
            .map_err(self.err("listing stories"))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(self.err("listing stories"))
    }

    /// The highest story id ever given, or `None` when there is no story.
    pub fn max_story_id(&self) -> Result<Option<u64>, StoreError> {
        let id: Option<i64> = self
            .conn
            .prepare_cached("SELECT max(id) FROM stories")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(self.err("reading the last story id"))?;
        Ok(id.map(|i| i.max(0) as u64))
    }

    /// Up to `limit` original articles (not copies) that have a story, the most recently stored
    /// last, each with its story id (after merges): what the clusterer reads back to rebuild its
    /// state before an ingest.
    pub fn recent_story_articles(
        &self,
        limit: usize,
    ) -> Result<Vec<(crate::StoredArticle, u64)>, StoreError> {
        let rows = self.articles_with(
            "s.story",
            "story_articles s JOIN articles a ON a.key = s.article_key \
             WHERE a.copy_of IS NULL ORDER BY a.seq DESC LIMIT ?1",
            [sql_count(limit)],
            "reading recent stories",
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for (a, story) in rows.into_iter().rev() {
            let story = story as u64;
            out.push((a, self.resolve_story(story)?.unwrap_or(story)));
        }
        Ok(out)
    }

    /// Stored articles with an insertion number greater than `seq`, in insertion order, at most
    /// `limit`: how a secondary index (search) catches up with the store.
    pub fn articles_after(
        &self,
        seq: i64,
        limit: usize,
    ) -> Result<Vec<(i64, crate::StoredArticle)>, StoreError> {
        let rows = self.articles_with(
            "seq",
            "articles WHERE seq > ?1 ORDER BY seq LIMIT ?2",
            [seq, sql_count(limit)],
            "reading new articles",
        )?;
        Ok(rows.into_iter().map(|(a, seq)| (seq, a)).collect())
    }

    /// Up to `limit` stored articles that have no story yet (stored before stories existed, or
    /// by an interrupted run), earliest published first (undated last): what an ingest assigns
    /// before it reads new input.
    pub fn articles_without_story(
        &self,
        limit: usize,
    ) -> Result<Vec<crate::StoredArticle>, StoreError> {
        let rows = self.articles_with(
            "a.seq",
            "articles a \
             WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_key = a.key) \
             ORDER BY a.published IS NULL, a.published, a.seq LIMIT ?1",
            [sql_count(limit)],
            "reading articles without a story",
        )?;
        Ok(rows.into_iter().map(|(a, _)| a).collect())
    }

    /// Runs `SELECT {ARTICLE_COLUMNS}, {extra} FROM {from}` in one query and decodes each row's
    /// article, with the integer column `extra` beside it.
    fn articles_with<P: rusqlite::Params>(
        &self,
        extra: &str,
        from: &str,
        params: P,
        action: &'static str,
    ) -> Result<Vec<(crate::StoredArticle, i64)>, StoreError> {
        let sql = format!("SELECT {}, {extra} FROM {from}", crate::ARTICLE_COLUMNS);
        let extra_at = crate::ARTICLE_COLUMNS.split(',').count();
        let mut stmt = self.conn.prepare_cached(&sql).map_err(self.err(action))?;
        let rows = stmt
            .query_map(params, |r| {
                Ok((crate::ArticleRow::from_row(r)?, r.get::<_, i64>(extra_at)?))
            })
            .map_err(self.err(action))?;
        let mut out = Vec::new();
        for row in rows {
            let (a, x) = row.map_err(self.err(action))?;
            out.push((a.decode(&self.dir)?, x));
        }
        Ok(out)
    }
}
