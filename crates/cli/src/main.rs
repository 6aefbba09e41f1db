//! `parallax`: turns raw news into clean articles and stories.
//!
//! This binary is the interface edge of the pipeline: it parses the command line, wires sources,
//! extraction, analysis and the store together, and prints results. All the work is done by the
//! library crates; see ARCHITECTURE.md for the map.

mod analyze;
mod analyze_cmd;
mod cluster_cmd;
mod commands;
mod index;
mod ingest;
mod output;
mod search_cmd;
mod serve_cmd;
mod stories;
mod story_cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: parsing and extraction allocate many small, short-lived
/// nodes and strings, which mimalloc serves from per-thread free lists.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Parallax turns raw news in many languages into clean articles and story pages.
///
/// Start by ingesting some news: HTML pages, text files, directories, JSONL dumps, WARC archives
/// or RSS/Atom feeds (files or URLs). Then list and show what was stored.
///
/// Examples:
///   parallax ingest examples/                 ingest the bundled example articles
///   parallax articles --lang sv               list Swedish articles
///   parallax show ARTICLE                     show one clean article with its metadata
///   parallax extract page.html                extract without storing (JSON lines on stdout)
#[derive(Parser, Debug)]
#[command(name = "parallax", version, about, long_about, verbatim_doc_comment)]
struct Cli {
    /// Directory of the store (default: the user's data directory, e.g. ~/.local/share/parallax).
    #[arg(long, global = true, env = "PARALLAX_DATA", value_name = "DIR")]
    data: Option<PathBuf>,

    /// Directory of aligned multilingual word vectors that story clustering may use (optional:
    /// clustering works offline without any model).
    ///
    /// The directory must hold word vectors in the fastText `.vec` text format (`word v1 ... vN`
    /// per line, most frequent words first, an optional `count dim` header line), one file per
    /// language, aligned into one space (such as the MUSE aligned vectors), named
    /// `<anything>.<code>.vec` or `<code>.vec` with an ISO 639-1 code (`wiki.multi.en.vec`,
    /// `sv.vec`; `.vec.gz` is read too); a file without a code serves every language. All
    /// files must have the same dimension; the 100,000 most frequent words of each are read.
    /// Used by `cluster`, `similarity`, and story assignment during `ingest` and the feed
    /// polling of `serve`; other commands ignore it.
    #[arg(long, global = true, env = "PARALLAX_EMBEDDINGS", value_name = "DIR")]
    embeddings: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read news from files, directories, URLs or stdin (`-`) and store clean articles.
    ///
    /// Formats are recognised by extension and content: HTML (.html, .htm, also .gz), text (.txt),
    /// JSONL (.jsonl, .ndjson: one article per line with `html` or `text`), WARC (.warc, .warc.gz,
    /// as Common Crawl's CC-NEWS ships them) and RSS/Atom feeds (their articles are fetched).
    /// Exact duplicates are skipped, near-duplicates and reprints stored as copies of their
    /// original. Ingesting the same input again changes nothing; an interrupted ingest resumes
    /// where it stopped when run again.
    Ingest(commands::IngestArgs),
    /// List stored articles, newest first.
    Articles(commands::ArticlesArgs),
    /// Show one stored article: clean text, metadata, provenance and copies.
    Show(commands::ShowArgs),
    /// List stories (articles about one event, across languages), latest report first.
    ///
    /// Ingest groups articles into stories as it stores them. Each line shows the story id, its
    /// articles, its independent sources (copies and reprints are not counted), languages, time
    /// span and headline.
    Stories(story_cmd::StoriesArgs),
    /// Show one story: its articles by language and outlet, or the whole story page (summary,
    /// sources, timeline, perspectives, figures in agreement or conflict, entities) as JSON,
    /// Markdown or HTML.
    Story(story_cmd::StoryArgs),
    /// Serve the HTTP JSON API and the web UI (story list, story pages, entities, search).
    ///
    /// The API is described by /api/openapi.yaml. With --feeds, feeds are polled and ingested
    /// while the server runs.
    Serve(serve_cmd::ServeArgs),
    /// Manage the knowledge file that gives entities their background on story pages.
    Knowledge(serve_cmd::KnowledgeArgs),
    /// Search stored articles: full text with filters on language, source, date and entity.
    Search(search_cmd::SearchArgs),
    /// Bring the search index up to date with the store (`--full` rebuilds it).
    Reindex(search_cmd::ReindexArgs),
    /// Extract articles without storing them: one JSON object per article on stdout.
    ///
    /// Prints {"id", "url", "title", "body", "author", "published", "language", "site"} per
    /// article. A failed record is reported on stderr and the rest goes on; a page with metadata
    /// but no article text is printed with an empty body and a warning on stderr.
    Extract(commands::ExtractArgs),
    /// Show records that failed during ingest, newest first.
    Errors(commands::ErrorsArgs),
    /// Show counts of what the store holds.
    Stats,
    /// Analyse texts: entities, quotes and figures, one JSON object per input on stdout.
    ///
    /// Takes text files (.txt and anything else), directories of them, JSONL files (.jsonl,
    /// .ndjson: one record per line with `id` and `text`, optional `language`) or `-` for a
    /// text on stdin. Prints {"id", "language", "entities", "quotes", "figures", "casualties"}
    /// per input; offsets are character offsets into the text, end exclusive.
    Analyze(analyze_cmd::AnalyzeArgs),
    /// Cluster articles into stories, as a stream in date order: {"id", "story"} per line.
    ///
    /// Reads JSONL (optionally .gz, or `-` for stdin) with `id` and any of `lang`, `date`,
    /// `title`, `text`; other fields are ignored.
    Cluster(cluster_cmd::ClusterArgs),
    /// Similarity in [0, 1] of article pairs, as clustering measures it: {"id", "value"} per line.
    ///
    /// Reads JSONL (optionally .gz) with `id`, `title1`, `text1`, `lang1`, `title2`, `text2`,
    /// `lang2`.
    Similarity(cluster_cmd::SimilarityArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let embeddings = cli.embeddings;
    let result = match cli.command {
        Command::Ingest(args) => commands::ingest(cli.data, args, embeddings.as_deref()),
        Command::Articles(args) => commands::articles(cli.data, args),
        Command::Show(args) => commands::show(cli.data, args),
        Command::Extract(args) => commands::extract(args),
        Command::Errors(args) => commands::errors(cli.data, args),
        Command::Stats => commands::stats(cli.data),
        Command::Stories(args) => story_cmd::stories(cli.data, args),
        Command::Story(args) => story_cmd::story(cli.data, args),
        // The feed poller loads the word vectors at its first poll (a server without feeds
        // never needs them); a loading error is reported at each poll.
        Command::Serve(args) => serve_cmd::serve(cli.data, args, embeddings.clone()),
        Command::Knowledge(args) => serve_cmd::knowledge(cli.data, args),
        Command::Search(args) => search_cmd::search(cli.data, args),
        Command::Reindex(args) => search_cmd::reindex(cli.data, args),
        Command::Analyze(args) => analyze_cmd::run(args),
        Command::Cluster(args) => cluster_cmd::cluster(args, embeddings.as_deref()),
        Command::Similarity(args) => cluster_cmd::similarity(args, embeddings.as_deref()),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
