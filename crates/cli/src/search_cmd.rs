//! `parallax search` and `parallax reindex`.

use crate::commands::{data_dir, open_existing};
use crate::output::{cut, day};
use anyhow::{Context, Result};
use clap::Args;
use parallax_search::{SearchIndex, SearchQuery};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `parallax search`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// What to look for: words (all must match), `OR`, `"a phrase"`, `-word`, `title:word`.
    /// Country and capital names also find their names in other languages.
    #[arg(default_value = "")]
    query: String,
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
    /// Only articles that name this entity, under any of its names ("Russia" finds "Ryssland").
    #[arg(long)]
    entity: Option<String>,
    /// Include copies and reprints.
    #[arg(long)]
    copies: bool,
    /// Most results to show.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Results to skip first (for paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print JSON lines instead of a list.
    #[arg(long)]
    json: bool,
}

/// One line of `parallax search --json`: the index's hit and the article's story.
#[derive(serde::Serialize)]
struct HitLine<'a> {
    #[serde(flatten)]
    hit: &'a parallax_search::Hit,
    story: Option<u64>,
}

/// `parallax search`.
pub fn search(data: Option<PathBuf>, args: SearchArgs) -> Result<ExitCode> {
    let store = open_existing(data)?;
    let index = SearchIndex::open_read_only(&crate::index::index_dir(store.dir()))?;
    let q = SearchQuery {
        text: args.query,
        language: args.lang,
        site: args.source,
        since: args.since,
        until: args.until,
        entity: args.entity,
        copies: args.copies,
        limit: args.limit,
        offset: args.offset,
    };
    let results = match index.search(&q) {
        Ok(r) => r,
        Err(parallax_search::SearchError::Query(msg)) => {
            eprintln!("cannot read the query: {msg}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for h in &results.hits {
        let story = store.story_of(&h.key)?;
        if args.json {
            let line = HitLine { hit: h, story };
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        } else {
            writeln!(
                out,
                "{:<12}  story {:<6}  {:<10}  {:<4}  {:<18}  {}",
                h.key,
                story.map_or("-".into(), |s| s.to_string()),
                day(h.published.as_deref()),
                h.language.as_deref().unwrap_or("-"),
                cut(h.site.as_deref().unwrap_or("-"), 18),
                cut(h.title.as_deref().unwrap_or("(untitled)"), 80)
            )?;
            writeln!(out, "    {}", cut(&h.snippet.replace('\n', " "), 150))?;
        }
    }
    if !args.json {
        writeln!(
            out,
            "{} of {} matching articles",
            results.hits.len(),
            results.total
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `parallax reindex`.
#[derive(Args, Debug)]
pub struct ReindexArgs {
    /// Delete the index and build it again from every stored article (otherwise only articles
    /// the index does not hold yet are added).
    #[arg(long)]
    full: bool,
}

/// `parallax reindex`.
pub fn reindex(data: Option<PathBuf>, args: ReindexArgs) -> Result<ExitCode> {
    let dir = data_dir(data)?;
    let store = open_existing(Some(dir.clone()))?;
    let index_dir = crate::index::index_dir(&dir);
    if args.full && index_dir.exists() {
        std::fs::remove_dir_all(&index_dir)
            .with_context(|| format!("removing the old index in {}", index_dir.display()))?;
    }
    let mut index = crate::index::open(&dir)?;
    let progress = indicatif::ProgressBar::new_spinner();
    progress.set_message("indexing");
    progress.enable_steady_tick(std::time::Duration::from_millis(200));
    let added = crate::index::catch_up(&store, &mut index)?;
    progress.finish_and_clear();
    eprintln!(
        "indexed {added} articles; the index holds {} in {}",
        index.len(),
        index_dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
