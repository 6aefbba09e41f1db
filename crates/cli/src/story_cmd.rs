//! `parallax stories` and `parallax story`: stories as the store holds them.

use crate::commands::open_existing;
use crate::output::{cut, day};
use anyhow::Result;
use clap::Args;
use parallax_store::{Store, StoryFilter, StorySummary};
use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `parallax stories`.
#[derive(Args, Debug)]
pub struct StoriesArgs {
    /// Only stories with an article in this language (ISO 639-1 code, e.g. `sv`).
    #[arg(long)]
    lang: Option<String>,
    /// Only stories with a report published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Only stories whose first report was published on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// Only stories with at least this many independent sources.
    #[arg(long, value_name = "N", default_value_t = 0)]
    min_sources: u64,
    /// Most stories to list.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Stories to skip first (for paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print JSON lines instead of a table.
    #[arg(long)]
    json: bool,
}

/// Arguments of `parallax story`.
#[derive(Args, Debug)]
pub struct StoryArgs {
    /// The story id, as `parallax stories` lists it (an id of a story merged into another shows
    /// the merged story).
    pub id: u64,
    /// Output: `text` (articles by language and outlet), or the whole story page as `json`,
    /// `md` (Markdown) or `html` (a standalone page).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The reader's language (ISO 639-1): the headline and summary prefer it.
    #[arg(long)]
    pub lang: Option<String>,
    /// A knowledge file with background for entities (default: the imported one, if any).
    #[arg(long, value_name = "FILE")]
    pub knowledge: Option<PathBuf>,
}

/// Output formats of `parallax story`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Articles grouped by language and outlet.
    Text,
    /// The story page as JSON.
    Json,
    /// The story page as Markdown.
    Md,
    /// The story page as a standalone HTML document.
    Html,
}

fn span(s: &StorySummary) -> String {
    let (a, b) = (
        day(s.first_published.as_deref()),
        day(s.last_published.as_deref()),
    );
    if a == b { a } else { format!("{a}…{b}") }
}

/// `parallax stories`.
pub fn stories(data: Option<PathBuf>, args: StoriesArgs) -> Result<ExitCode> {
    let store = open_existing(data)?;
    let list = store.stories(&StoryFilter {
        language: args.lang,
        since: args.since,
        until: args.until,
        min_sources: args.min_sources,
        limit: args.limit,
        offset: args.offset,
    })?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    if args.json {
        for s in &list {
            writeln!(out, "{}", serde_json::to_string(s)?)?;
        }
    } else if list.is_empty() {
        if store.stats()?.articles == 0 {
            writeln!(
                out,
                "the store in {} holds no articles yet: ingest something first (`parallax ingest PATH`)",
                store.dir().display()
            )?;
        } else {
            writeln!(out, "no stories match (try fewer filters)")?;
        }
    } else {
        writeln!(
            out,
            "{:>6}  {:>8}  {:>7}  {:<10}  {:<21}  HEADLINE",
            "STORY", "ARTICLES", "SOURCES", "LANGS", "DATES"
        )?;
        for s in &list {
            writeln!(
                out,
                "{:>6}  {:>8}  {:>7}  {:<10}  {:<21}  {}",
                s.id,
                s.articles,
                s.independent,
                cut(&s.languages.join(","), 10),
                span(s),
                cut(s.headline.as_deref().unwrap_or("(untitled)"), 90)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The text view of `parallax story`: the story's figures, then its articles grouped by language
/// and outlet, copies under their originals.
pub fn story_text(store: &Store, id: u64, out: &mut impl Write) -> Result<bool> {
    let Some(s) = store.story(id)? else {
        return Ok(false);
    };
    if s.id != id {
        writeln!(out, "(story {id} was merged into story {})", s.id)?;
    }
    writeln!(
        out,
        "Story {}: {}",
        s.id,
        s.headline.as_deref().unwrap_or("(untitled)")
    )?;
    writeln!(
        out,
        "{} articles, {} independent sources, languages: {}, {}",
        s.articles,
        s.independent,
        if s.languages.is_empty() {
            "-".to_string()
        } else {
            s.languages.join(", ")
        },
        span(&s)
    )?;
    // language → outlet → lines
    let mut groups: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for m in store.story_members_detailed(s.id)? {
        let Some(a) = store.article(&m.key)? else {
            continue;
        };
        let art = &a.article;
        let outlet = parallax_story::outlet_of(art).unwrap_or_else(|| "(unknown outlet)".into());
        let mut line = format!(
            "{:<10}  {:<12}  {}",
            day(art.published.as_deref()),
            a.key,
            cut(art.title.as_deref().unwrap_or("(untitled)"), 80)
        );
        if let Some(of) = &m.copy_of {
            line.push_str(&format!("  [copy of {of}]"));
        }
        groups
            .entry(art.language.clone().unwrap_or_else(|| "unknown".into()))
            .or_default()
            .entry(outlet)
            .or_default()
            .push(line);
    }
    for (lang, outlets) in &groups {
        writeln!(out, "\n[{lang}]")?;
        for (outlet, lines) in outlets {
            writeln!(out, "  {outlet}")?;
            for l in lines {
                writeln!(out, "    {l}")?;
            }
        }
    }
    Ok(true)
}

/// `parallax story`.
pub fn story(data: Option<PathBuf>, args: StoryArgs) -> Result<ExitCode> {
    let store = open_existing(data)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let found = if args.format == Format::Text {
        story_text(&store, args.id, &mut out)?
    } else {
        let knowledge = crate::serve_cmd::knowledge_path(store.dir(), args.knowledge)
            .map(|p| crate::serve_cmd::load_knowledge(&p))
            .transpose()?;
        let opts = parallax_story::AssembleOptions {
            language: args.lang.as_deref(),
            knowledge: knowledge.as_ref(),
            ..Default::default()
        };
        match parallax_web::load_story(&store, args.id, &opts)? {
            Some(page) => {
                match args.format {
                    Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&page)?)?,
                    Format::Md => write!(out, "{}", parallax_story::to_markdown(&page))?,
                    _ => write!(out, "{}", parallax_web::render_story_page(&page))?,
                }
                true
            }
            None => false,
        }
    };
    if !found {
        drop(out);
        eprintln!(
            "no story with id {}: `parallax stories` lists the stories",
            args.id
        );
        return Ok(ExitCode::from(1));
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
