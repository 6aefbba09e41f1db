//! A readable Markdown export of a story page.

use std::fmt::Write;

use crate::page::{BackgroundSource, ConflictKind, FigureStatus, StoryPage, TimelineKind};

/// Escapes the characters that would change Markdown formatting inside running text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut line_start = true;
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '>' | '+' if line_start => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => {
                out.push(' ');
                line_start = false;
                continue;
            }
            _ => out.push(c),
        }
        line_start = false;
    }
    out
}

fn or_dash(s: Option<&str>) -> String {
    s.map(escape).unwrap_or_else(|| "–".to_string())
}

/// Renders the page as Markdown, every section in order.
pub fn to_markdown(page: &StoryPage) -> String {
    let mut md = String::new();
    let title = if page.headline.text.is_empty() {
        format!("Story {}", page.id)
    } else {
        escape(&page.headline.text)
    };
    let _ = writeln!(md, "# {title}\n");
    let _ = writeln!(
        md,
        "{} independent source{}, {} cop{}; languages: {}",
        page.independent_sources,
        if page.independent_sources == 1 {
            ""
        } else {
            "s"
        },
        page.copies,
        if page.copies == 1 { "y" } else { "ies" },
        if page.languages.is_empty() {
            "unknown".to_string()
        } else {
            page.languages.join(", ")
        }
    );
    match (&page.first_published, &page.last_published) {
        (Some(a), Some(b)) if a != b => {
            let _ = writeln!(md, "\nFirst reported {a}, last update {b}.");
        }
        (Some(a), _) => {
            let _ = writeln!(md, "\nFirst reported {a}.");
        }
        _ => {}
    }

    // A link target per article key: its URL when known.
    let link = |key: &str| -> String {
        page.sources
            .iter()
            .find(|s| s.article == key)
            .and_then(|s| s.url.clone())
            .unwrap_or_default()
    };
    let cite = |key: &str, outlet: Option<&str>| -> String {
        let name = escape(outlet.unwrap_or(key));
        match link(key) {
            url if url.is_empty() => format!("({name})"),
            url => format!("([{name}](<{url}>))"),
        }
    };

    if !page.summary.is_empty() {
        let _ = writeln!(md, "\n## Summary\n");
        for s in &page.summary {
            let _ = writeln!(
                md,
                "- {} {}",
                escape(&s.text),
                cite(&s.article, s.outlet.as_deref())
            );
        }
    }

    if !page.sources.is_empty() {
        let _ = writeln!(md, "\n## Sources\n");
        let _ = writeln!(md, "| Outlet | Title | Language | Published | Status |");
        let _ = writeln!(md, "|---|---|---|---|---|");
        for s in &page.sources {
            let title = match (&s.title, &s.url) {
                (Some(t), Some(u)) => format!("[{}](<{u}>)", escape(t)),
                (Some(t), None) => escape(t),
                (None, Some(u)) => format!("<{u}>"),
                (None, None) => escape(&s.article),
            };
            let status = if s.independent {
                if s.copies.is_empty() {
                    "original".to_string()
                } else {
                    format!(
                        "original, {} cop{}",
                        s.copies.len(),
                        if s.copies.len() == 1 { "y" } else { "ies" }
                    )
                }
            } else {
                format!("copy of {}", or_dash(s.copy_of.as_deref()))
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                or_dash(s.outlet.as_deref()),
                title,
                or_dash(s.language.as_deref()),
                or_dash(s.published.as_deref()),
                status
            );
        }
    }

    if !page.timeline.is_empty() {
        let _ = writeln!(md, "\n## Timeline\n");
        for t in &page.timeline {
            let kind = match t.kind {
                TimelineKind::First => "first report",
                TimelineKind::Update => "update",
                TimelineKind::Copy => "copy",
            };
            let _ = write!(
                md,
                "- **{}** {}: {} — {}",
                t.time.as_deref().unwrap_or("date unknown"),
                kind,
                or_dash(t.outlet.as_deref()),
                or_dash(t.title.as_deref())
            );
            if let Some(n) = &t.note {
                let _ = write!(md, " ({})", escape(n));
            }
            md.push('\n');
        }
    }

    if !page.perspectives.is_empty() {
        let _ = writeln!(md, "\n## Perspectives\n");
        for p in &page.perspectives {
            let mut who = format!("### {}", escape(&p.speaker));
            let details: Vec<String> = [p.role.as_deref(), p.affiliation.as_deref()]
                .into_iter()
                .flatten()
                .map(escape)
                .collect();
            if !details.is_empty() {
                let _ = write!(who, ", {}", details.join(", "));
            }
            let _ = writeln!(md, "{who}\n");
            if !p.outlets.is_empty() {
                let _ = writeln!(
                    md,
                    "{} for {}\n",
                    if p.analysis {
                        "Analysis written"
                    } else {
                        "Speaks"
                    },
                    p.outlets
                        .iter()
                        .map(|o| escape(o))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            for q in &p.quotes {
                let _ = writeln!(
                    md,
                    "> {} {}\n",
                    escape(&q.text),
                    cite(&q.article, q.reported_by.as_deref())
                );
            }
        }
    }

    if !page.figures.is_empty() {
        let _ = writeln!(md, "\n## Figures\n");
        for g in &page.figures {
            let label = match (g.status, g.conflict) {
                (FigureStatus::Single, _) => "single source",
                (FigureStatus::Agreement, _) => "agreement",
                (_, Some(ConflictKind::Update)) => "conflict: updated",
                (_, Some(ConflictKind::Scope)) => "conflict: different scope",
                _ => "conflict: disagreement",
            };
            let _ = write!(md, "### {}", escape(&g.measure));
            if let Some(a) = &g.about {
                let _ = write!(md, " — {}", escape(a));
            }
            let _ = writeln!(md, " ({label})\n");
            if let Some(n) = &g.note {
                let _ = writeln!(md, "{}\n", escape(n));
            }
            for c in &g.claims {
                let _ = write!(
                    md,
                    "- **{}** “{}” {}",
                    escape(&c.display),
                    escape(&c.text),
                    cite(&c.article, c.outlet.as_deref())
                );
                if let Some(l) = &c.location {
                    let _ = write!(md, ", {}", escape(l));
                }
                if let Some(t) = &c.published {
                    let _ = write!(md, ", {t}");
                }
                md.push('\n');
            }
            md.push('\n');
        }
    }

    if !page.entities.is_empty() {
        let _ = writeln!(md, "\n## Entities\n");
        for e in &page.entities {
            let kind = serde_json::to_value(e.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let _ = write!(
                md,
                "- **{}** ({kind}; {} mention{} in {} article{})",
                escape(&e.name),
                e.mentions,
                if e.mentions == 1 { "" } else { "s" },
                e.articles,
                if e.articles == 1 { "" } else { "s" }
            );
            if !e.aliases.is_empty() {
                let _ = write!(
                    md,
                    ", also: {}",
                    e.aliases
                        .iter()
                        .map(|a| escape(a))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            if let Some(b) = &e.background {
                let from = match &b.source {
                    BackgroundSource::Knowledge {
                        title,
                        url: Some(u),
                    } => {
                        format!("[{}](<{u}>)", escape(title))
                    }
                    BackgroundSource::Knowledge { title, url: None } => escape(title),
                    BackgroundSource::Article { article } => {
                        let o = page
                            .sources
                            .iter()
                            .find(|s| &s.article == article)
                            .and_then(|s| s.outlet.clone());
                        format!("from {}", escape(o.as_deref().unwrap_or(article)))
                    }
                };
                let _ = write!(md, "\n  {} ({from})", escape(&b.text));
            }
            md.push('\n');
        }
    }

    if !page.related.is_empty() {
        let _ = writeln!(md, "\n## Related stories\n");
        for r in &page.related {
            let _ = writeln!(
                md,
                "- {} (story {}; shared: {})",
                escape(&r.headline),
                r.id,
                r.shared_entities
                    .iter()
                    .map(|s| escape(s))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{Headline, SummarySentence};

    #[test]
    fn escapes_formatting_characters_minimally() {
        assert_eq!(escape("a*b_c [x] #1"), "a\\*b\\_c \\[x\\] #1");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("plain, text."), "plain, text.");
    }

    #[test]
    fn renders_headline_summary_and_counts() {
        let page = StoryPage {
            id: 7,
            headline: Headline {
                text: "Big *news*".into(),
                language: Some("en".into()),
                article: None,
            },
            languages: vec!["en".into()],
            summary: vec![SummarySentence {
                text: "Something happened.".into(),
                article: "k1".into(),
                outlet: Some("Daily".into()),
                language: None,
            }],
            independent_sources: 1,
            ..StoryPage::default()
        };
        let md = to_markdown(&page);
        assert!(md.starts_with("# Big \\*news\\*\n"));
        assert!(md.contains("1 independent source, 0 copies; languages: en"));
        assert!(md.contains("- Something happened. (Daily)"));
        let empty = to_markdown(&StoryPage::default());
        assert!(empty.starts_with("# Story 0"));
    }
}
