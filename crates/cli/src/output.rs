//! Rendering of articles and listings for the terminal and as JSON.

use parallax_core::{Article, BlockKind};
use parallax_store::{ArticleSummary, Stats, StoredArticle};
use serde_json::{Value, json};
use std::io::{self, Write};

/// The `parallax extract` line: the stable benchmark interface.
pub fn extract_json(a: &Article) -> Value {
    json!({
        "id": a.id,
        "url": a.url,
        "title": a.title,
        "body": a.body_text(),
        "author": a.author_line(),
        "published": a.published,
        "language": a.language,
        "site": a.site,
    })
}

/// One line of `parallax articles --json`.
pub fn summary_json(a: &ArticleSummary) -> Value {
    json!({
        "key": a.key,
        "id": a.id,
        "title": a.title,
        "site": a.site,
        "language": a.language,
        "published": a.published,
        "url": a.url,
        "copy_of": a.copy_of,
    })
}

/// `parallax show --json`: the whole stored article, its copies, where it came from, and its
/// analysis (offsets are character offsets into the body text, blocks joined by blank lines).
pub fn stored_json(
    a: &StoredArticle,
    copies: &[ArticleSummary],
    analysis: Option<&Value>,
) -> Value {
    json!({
        "key": a.key,
        "article": a.article,
        "copy_of": a.copy_of,
        "copy_similarity": a.copy_similarity,
        "ingested_at": a.ingested_at,
        "copies": copies.iter().map(summary_json).collect::<Vec<_>>(),
        "analysis": analysis,
    })
}

/// The text of `body` between two character offsets of an analysis span.
fn span_text(chars: &[char], span: &Value) -> String {
    let at = |i: usize| span.get(i).and_then(Value::as_u64).map(|v| v as usize);
    match (at(0), at(1)) {
        (Some(s), Some(e)) if s <= e && e <= chars.len() => chars[s..e].iter().collect(),
        _ => String::new(),
    }
}

/// The analysis part of `parallax show`: entities, quotes and figures.
pub fn show_analysis(out: &mut impl Write, body: &str, analysis: &Value) -> io::Result<()> {
    let chars: Vec<char> = body.chars().collect();
    let list = |key: &str| {
        analysis
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let str_of = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let mut entities = list("entities");
    entities.sort_by_key(|e| {
        std::cmp::Reverse(
            e.get("mentions")
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
        )
    });
    if !entities.is_empty() {
        writeln!(out, "entities:")?;
        for e in entities.iter().take(15) {
            let aliases: Vec<String> = e
                .get("aliases")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let mentions = e
                .get("mentions")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let also = if aliases.is_empty() {
                String::new()
            } else {
                format!(" = {}", aliases.join(" = "))
            };
            writeln!(
                out,
                "  {} ({}, {mentions}×){also}",
                str_of(e, "name").unwrap_or_default(),
                str_of(e, "type").unwrap_or_default()
            )?;
        }
    }
    let quotes = list("quotes");
    if !quotes.is_empty() {
        writeln!(out, "quotes:")?;
        for q in &quotes {
            let content: Vec<String> = q
                .get("content_segments")
                .and_then(Value::as_array)
                .map(|segs| segs.iter().map(|s| span_text(&chars, s)).collect())
                .unwrap_or_default();
            let who = str_of(q, "speaker_name")
                .or_else(|| str_of(q, "source_text"))
                .unwrap_or_else(|| "(unknown speaker)".into());
            let about: Vec<String> = ["role", "affiliation", "outlet"]
                .iter()
                .filter_map(|k| str_of(q, k))
                .collect();
            let about = if about.is_empty() {
                String::new()
            } else {
                format!(" ({})", about.join(", "))
            };
            writeln!(
                out,
                "  {who}{about}, {}: {}",
                str_of(q, "kind").unwrap_or_default(),
                cut(&content.join(" … "), 160)
            )?;
        }
    }
    let figures = list("figures");
    if !figures.is_empty() {
        writeln!(out, "figures:")?;
        for f in &figures {
            let value = f
                .get("value")
                .map(|v| v.to_string().trim_matches('"').to_string())
                .unwrap_or_default();
            let qualifier = str_of(f, "qualifier")
                .map(|q| format!("{q} "))
                .unwrap_or_default();
            writeln!(
                out,
                "  {qualifier}{value} {}: \"{}\"",
                str_of(f, "measure").unwrap_or_default(),
                str_of(f, "text").unwrap_or_default()
            )?;
        }
    }
    Ok(())
}

/// The date part of an ISO 8601 timestamp (`2024-04-21T07:30:00+02:00` → `2024-04-21`), `-`
/// when there is none.
pub(crate) fn day(d: Option<&str>) -> String {
    d.map(|d| d.chars().take(10).collect())
        .unwrap_or_else(|| "-".into())
}

pub(crate) fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The table of `parallax articles`.
pub fn articles_table(out: &mut impl Write, list: &[ArticleSummary]) -> io::Result<()> {
    if list.is_empty() {
        return writeln!(out, "no articles match (try fewer filters, or --copies)");
    }
    writeln!(
        out,
        "{:<12}  {:<10}  {:<4}  {:<18}  TITLE",
        "KEY", "PUBLISHED", "LANG", "SOURCE"
    )?;
    for a in list {
        let date = day(a.published.as_deref());
        let mut title = a.title.clone().unwrap_or_else(|| "(untitled)".into());
        if let Some(of) = &a.copy_of {
            title = format!("{title}  [copy of {of}]");
        }
        writeln!(
            out,
            "{:<12}  {:<10}  {:<4}  {:<18}  {}",
            a.key,
            date,
            a.language.as_deref().unwrap_or("-"),
            cut(a.site.as_deref().unwrap_or("-"), 18),
            cut(&title, 90)
        )?;
    }
    Ok(())
}

/// The text view of `parallax show`.
pub fn show_article(
    out: &mut impl Write,
    s: &StoredArticle,
    copies: &[ArticleSummary],
) -> io::Result<()> {
    let a = &s.article;
    writeln!(out, "{}", a.title.as_deref().unwrap_or("(untitled)"))?;
    writeln!(
        out,
        "{}",
        "=".repeat(
            a.title
                .as_deref()
                .map_or(10, |t| t.chars().count().min(100))
        )
    )?;
    let field = |out: &mut dyn Write, name: &str, v: Option<&str>| -> io::Result<()> {
        match v {
            Some(v) if !v.is_empty() => writeln!(out, "{name:<10} {v}"),
            _ => Ok(()),
        }
    };
    field(out, "key", Some(&s.key))?;
    field(out, "id", Some(&a.id))?;
    field(out, "site", a.site.as_deref())?;
    field(out, "author", a.author_line().as_deref())?;
    field(out, "published", a.published.as_deref())?;
    field(out, "modified", a.modified.as_deref())?;
    field(out, "language", a.language.as_deref())?;
    field(out, "url", a.url.as_deref())?;
    if a.canonical_url != a.url {
        field(out, "canonical", a.canonical_url.as_deref())?;
    }
    field(out, "image", a.image.as_deref())?;
    field(out, "from", Some(&a.provenance.to_string()))?;
    field(out, "ingested", Some(&s.ingested_at))?;
    if let Some(of) = &s.copy_of {
        let sim = s
            .copy_similarity
            .map(|x| format!(" (similarity {x:.2})"))
            .unwrap_or_default();
        field(out, "copy of", Some(&format!("{of}{sim}")))?;
    }
    if let Some(d) = &a.description {
        writeln!(out, "\n{d}")?;
    }
    writeln!(out)?;
    for b in &a.body {
        match b.kind {
            BlockKind::Heading => writeln!(out, "## {}\n", b.text)?,
            BlockKind::ListItem => writeln!(out, "  • {}\n", b.text)?,
            BlockKind::Quote => writeln!(out, "> {}\n", b.text)?,
            _ => writeln!(out, "{}\n", b.text)?,
        }
    }
    for aside in &a.asides {
        let head = [
            aside.label.as_deref(),
            aside.subject.as_deref(),
            aside.source.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        writeln!(out, "[{head}]\n{}\n", aside.text)?;
    }
    if !a.credits.is_empty() {
        writeln!(out, "credits: {}", a.credits.join("; "))?;
    }
    if !copies.is_empty() {
        writeln!(out, "copies and reprints:")?;
        for c in copies {
            writeln!(
                out,
                "  {}  {}  {}",
                c.key,
                c.site.as_deref().unwrap_or("-"),
                c.url.as_deref().or(c.title.as_deref()).unwrap_or("")
            )?;
        }
    }
    Ok(())
}

/// The text of `parallax stats`.
pub fn stats_text(s: &Stats) -> String {
    let mut out = format!(
        "articles    {}\n  originals {}\n  copies    {}\nduplicates  {} (skipped)\nerrors      {}\nlanguages  ",
        s.articles,
        s.articles.saturating_sub(s.copies),
        s.copies,
        s.duplicates,
        s.errors
    );
    for (lang, n) in &s.by_language {
        out.push_str(&format!(" {}:{n}", lang.as_deref().unwrap_or("?")));
    }
    out
}
