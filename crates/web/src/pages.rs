//! The HTML pages other than the story page: the story list, an article, an entity, search.

use crate::html::{
    Ctx, article_href, document, entity_href, human_time, lang_attr, language_name, plural,
    span_el, story_href, time_el,
};
use crate::load::{ArticleInfo, EntityInfo, EntityQuote};
use crate::params::Params;
use maud::{Markup, html};
use parallax_analysis::EntityKind;
use parallax_core::BlockKind;
use parallax_store::StorySummary;

/// The script that refreshes the story list while ingest runs (progressive enhancement: the
/// list works without it).
pub(crate) const LIVE_JS: &str = include_str!("live.js");

/// The address the live script is served at.
pub(crate) const LIVE_JS_PATH: &str = "/assets/live.js";

/// Paging links: "Newer" and "Older".
fn pager(base: &str, params: &Params, offset: usize, limit: usize, more: bool) -> Markup {
    html! {
        @if offset > 0 || more {
            nav.pager aria-label="Pages" {
                @if offset > 0 {
                    a href={ (base) "?" (params.with("offset", &offset.saturating_sub(limit).to_string())) } rel="prev" { "← Previous page" }
                }
                @if more {
                    a href={ (base) "?" (params.with("offset", &(offset + limit).to_string())) } rel="next" { "Next page →" }
                }
            }
        }
    }
}

/// One story line of the list.
pub(crate) fn story_item(s: &StorySummary) -> Markup {
    html! {
        li data-story=(s.id) {
            h2 {
                a href=(story_href(s.id)) {
                    (s.headline.as_deref().filter(|h| !h.trim().is_empty()).map_or_else(|| format!("Story {}", s.id), str::to_string))
                }
            }
            p.meta {
                (plural(s.articles, "article", "articles")) " · "
                strong { (plural(s.independent, "independent source", "independent sources")) }
                @if !s.languages.is_empty() {
                    " · in "
                    span.langs title=(s.languages.iter().map(|l| language_name(l)).collect::<Vec<_>>().join(", ")) {
                        (s.languages.join(", "))
                    }
                }
                " · " (span_el(s.first_published.as_deref(), s.last_published.as_deref()))
            }
        }
    }
}

/// The story list, newest first, with its filter form.
pub(crate) fn stories_page(
    stories: &[StorySummary],
    params: &Params,
    offset: usize,
    limit: usize,
    more: bool,
) -> Markup {
    let v = |k: &str| params.get(k).unwrap_or("").to_string();
    let live = offset == 0;
    document(
        "Stories",
        Ctx::SERVER,
        live.then_some(LIVE_JS_PATH),
        html! {
            h1 { "Stories" }
            form.filters method="get" action="/" role="search" aria-label="Filter stories" {
                label { "Language" input name="lang" value=(v("lang")) size="4" maxlength="3" placeholder="en" autocomplete="off"; }
                label { "Since" input type="date" name="since" value=(v("since")); }
                label { "Until" input type="date" name="until" value=(v("until")); }
                label { "Independent sources, at least" input type="number" name="min_sources" min="0" max="10000" value=(v("min_sources")); }
                button type="submit" { "Filter" }
            }
            @if stories.is_empty() {
                p #empty { "No stories yet. Ingest some articles (parallax ingest) and they appear here." }
            }
            ol.plain #stories data-live=[live.then_some("1")] data-query=(params.with("limit", &limit.to_string())) aria-live="polite" {
                @for s in stories { (story_item(s)) }
            }
            (pager("/", params, offset, limit, more))
        },
    )
}

fn entity_kind(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Org => "organisation",
        EntityKind::Place => "place",
        EntityKind::Other => "name",
    }
}

/// One article: metadata, body, background boxes, copies, and its analysis.
pub(crate) fn article_page(info: &ArticleInfo) -> Markup {
    let a = &info.article.article;
    let lang = lang_attr(a.language.as_deref());
    let title = a
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or("(untitled)");
    let body = a.body_text();
    document(
        title,
        Ctx::SERVER,
        None,
        html! {
            article aria-labelledby="article-h" {
                h1 #article-h lang=[lang] { (title) }
                p.meta {
                    strong { (a.site.as_deref().unwrap_or("unknown outlet")) }
                    " · " (a.language.as_deref().map(language_name).unwrap_or_else(|| "language unknown".into()))
                    " · " (time_el(a.published.as_deref()))
                    @if let Some(by) = a.author_line() { " · by " (by) }
                }
                p.meta {
                    @if let Some(s) = info.story { "Part of " a href=(story_href(s)) { "story " (s) } ". " }
                    @if let Some(o) = &info.article.copy_of { "Copy of " a href=(article_href(o)) { (o) } ". " }
                    @if let Some(u) = a.url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://")) {
                        a href=(u) rel="noopener noreferrer nofollow" { "Original page" }
                    }
                }
                @if let Some(d) = &a.description { p lang=[lang] { em { (d) } } }
                section.body aria-labelledby="text-h" lang=[lang] {
                    h2 #text-h { "Text" }
                    @for b in &a.body {
                        @match b.kind {
                            BlockKind::Heading => h3 { (b.text) },
                            BlockKind::Quote => blockquote { p { (b.text) } },
                            BlockKind::Pre => pre { (b.text) },
                            BlockKind::ListItem => p { "• " (b.text) },
                            BlockKind::Paragraph => p { (b.text) },
                        }
                    }
                }
                @for x in &a.asides {
                    aside.box aria-label=(x.label.as_deref().unwrap_or("Background")) lang=[lang_attr(x.lang.as_deref().or(a.language.as_deref()))] {
                        p.meta {
                            strong { (x.label.as_deref().unwrap_or("Background")) }
                            @if let Some(s) = &x.subject { ": " (s) }
                            @if let Some(s) = &x.source { " (source: " (s) ")" }
                        }
                        p { (x.text) }
                    }
                }
                @if !a.credits.is_empty() { p.meta { (a.credits.join(" · ")) } }
                @if !info.copies.is_empty() {
                    section aria-labelledby="copies-h" {
                        h2 #copies-h { "Copies and reprints" }
                        ul.plain {
                            @for c in &info.copies {
                                li {
                                    a href=(article_href(&c.key)) lang=[lang_attr(c.language.as_deref())] { (c.title.as_deref().unwrap_or("(untitled)")) }
                                    p.meta { (c.site.as_deref().unwrap_or("unknown outlet")) " · " (time_el(c.published.as_deref())) }
                                }
                            }
                        }
                    }
                }
                @if let Some(an) = &info.analysis {
                    section aria-labelledby="analysis-h" {
                        h2 #analysis-h { "Who and what" }
                        @if !an.entities.is_empty() {
                            h3 { "Names" }
                            ul {
                                @for e in an.entities.iter().take(60) {
                                    li {
                                        a href=(entity_href(&e.name)) { (e.name) }
                                        " " span.meta { "(" (entity_kind(e.kind)) ", " (plural(e.mentions.len() as u64, "mention", "mentions")) ")" }
                                    }
                                }
                            }
                        }
                        @if !an.quotes.is_empty() {
                            h3 { "Quotes" }
                            @for q in an.quotes.iter().take(60) {
                                blockquote lang=[lang] {
                                    p { (crate::load::quote_text(&body, q)) }
                                }
                                p.meta { "— " (q.speaker_name.as_deref().or(q.source_text.as_deref()).unwrap_or("unattributed"))
                                    @if let Some(r) = &q.role { ", " (r) } }
                            }
                        }
                        @if !an.figures.is_empty() {
                            h3 { "Figures" }
                            div.scroll { table {
                                thead { tr { th scope="col" { "What" } th scope="col" { "Figure" } th scope="col" { "As written" } } }
                                tbody {
                                    @for f in an.figures.iter().take(60) {
                                        tr {
                                            td { (f.measure) }
                                            td { (f.qualifier.as_deref().unwrap_or("")) " " (figure_value(&f.value)) }
                                            td lang=[lang] { (f.text) }
                                        }
                                    }
                                }
                            } }
                        }
                    }
                }
            }
        },
    )
}

fn figure_value(v: &parallax_analysis::Value) -> String {
    match v {
        parallax_analysis::Value::Int(n) => n.to_string(),
        parallax_analysis::Value::Float(f) => f.to_string(),
        parallax_analysis::Value::Text(t) => t.clone(),
    }
}

fn entity_quotes(quotes: &[EntityQuote]) -> Markup {
    html! {
        ul.plain {
            @for q in quotes {
                li {
                    blockquote lang=[lang_attr(q.language.as_deref())] { p { (q.text) } }
                    p.meta {
                        "— " (q.speaker.as_deref().unwrap_or("unattributed"))
                        ", reported by " a href=(article_href(&q.article)) { (q.outlet.as_deref().unwrap_or("source")) }
                        @if let Some(p) = &q.published { " · " (human_time(p)) }
                        @if let Some(s) = q.story { " · " a href=(story_href(s)) { "story " (s) } }
                    }
                }
            }
        }
    }
}

/// What is known about one entity.
pub(crate) fn entity_page(info: &EntityInfo) -> Markup {
    document(
        &info.name,
        Ctx::SERVER,
        None,
        html! {
            h1 { (info.name) }
            p.meta {
                @if let Some(k) = info.kind { (entity_kind(k)) " · " }
                "named in " (plural(info.articles as u64, "article", "articles"))
                @if info.searched != "search index" { " among the most recent ones (build the search index with parallax reindex to search them all)" }
                @if info.truncated { " (the most recent ones are shown)" }
            }
            @if !info.aliases.is_empty() {
                p { "Also written: " (info.aliases.join(", ")) }
            }
            section aria-labelledby="stories-h" {
                h2 #stories-h { "Stories over time" }
                @if info.stories.is_empty() { p.muted { "No stories found." } }
                ol.plain {
                    @for s in &info.stories {
                        li {
                            (span_el(s.first_published.as_deref(), s.last_published.as_deref())) " "
                            a href=(story_href(s.id)) { (s.headline.as_deref().unwrap_or("Untitled story")) }
                            p.meta { (plural(s.articles, "article", "articles")) ", " (s.mentioning) " naming " (info.name) }
                        }
                    }
                }
            }
            section aria-labelledby="by-h" {
                h2 #by-h { "Statements by " (info.name) }
                @if info.quotes_by.is_empty() { p.muted { "None found." } } @else { (entity_quotes(&info.quotes_by)) }
            }
            section aria-labelledby="about-h" {
                h2 #about-h { "Statements naming " (info.name) }
                @if info.quotes_about.is_empty() { p.muted { "None found." } } @else { (entity_quotes(&info.quotes_about)) }
            }
        },
    )
}

/// One search hit as the page and the API show it: the index's hit and the article's story.
#[derive(Debug, serde::Serialize)]
pub(crate) struct HitView {
    /// The hit as the index returns it (its fields appear at the top level of the JSON).
    #[serde(flatten)]
    pub hit: parallax_search::Hit,
    /// The article's story.
    pub story: Option<u64>,
}

/// The answer of a search.
#[derive(Debug, serde::Serialize)]
pub(crate) struct SearchView {
    /// Matching articles over all pages.
    pub total: usize,
    /// Hits skipped.
    pub offset: usize,
    /// Page size.
    pub limit: usize,
    /// This page of hits.
    pub hits: Vec<HitView>,
}

/// The search form, with results when a search was made, or a message.
pub(crate) fn search_page(
    params: &Params,
    results: Option<&SearchView>,
    message: Option<&str>,
) -> Markup {
    let v = |k: &str| params.get(k).unwrap_or("").to_string();
    document(
        "Search",
        Ctx::SERVER,
        None,
        html! {
            h1 { "Search" }
            form.filters method="get" action="/search" role="search" aria-label="Search articles" {
                label { "Words" input type="search" name="q" value=(v("q")) size="30" maxlength="500"; }
                label { "Language" input name="lang" value=(v("lang")) size="4" maxlength="3" placeholder="en" autocomplete="off"; }
                label { "Site" input name="site" value=(v("site")) size="12" maxlength="200"; }
                label { "Since" input type="date" name="since" value=(v("since")); }
                label { "Until" input type="date" name="until" value=(v("until")); }
                label { "Entity" input name="entity" value=(v("entity")) size="16" maxlength="200"; }
                button type="submit" { "Search" }
            }
            @if let Some(m) = message { p role="alert" { (m) } }
            @if let Some(r) = results {
                p.meta { (plural(r.total as u64, "article matches", "articles match")) }
                ol.plain {
                    @for view in &r.hits {
                        @let h = &view.hit;
                        li {
                            h2 { a href=(article_href(&h.key)) lang=[lang_attr(h.language.as_deref())] { (h.title.as_deref().unwrap_or("(untitled)")) } }
                            p.meta {
                                (h.site.as_deref().unwrap_or("unknown outlet"))
                                " · " (h.language.as_deref().map(language_name).unwrap_or_else(|| "language unknown".into()))
                                " · " (time_el(h.published.as_deref()))
                                @if let Some(s) = view.story { " · " a href=(story_href(s)) { "story " (s) } }
                            }
                            p lang=[lang_attr(h.language.as_deref())] { (h.snippet) }
                        }
                    }
                }
                (pager("/search", params, r.offset, r.limit, r.offset + r.hits.len() < r.total))
            }
        },
    )
}
